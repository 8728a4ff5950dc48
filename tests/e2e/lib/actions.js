// What a user does, shared by the specs: paste into + Add, select text in the reader.
import assert from "node:assert/strict";
import { byTestId } from "./app.js";

/** Paste `text` into the add panel (opening it if needed) and press Save. */
export async function paste(app, text) {
  const panelOpen = await (await app.$('[data-testid="add-panel"]')).isExisting();
  if (!panelOpen) await (await byTestId(app, "add-button")).click();
  await byTestId(app, "add-input");
  // As a paste would: WebDriver's typing turns newlines into key presses it drops.
  await app.execute((value) => {
    document.querySelector('[data-testid="add-input"]').value = value;
  }, text);
  await (await byTestId(app, "add-save")).click();
}

/** Select `quote` in the article as a reader's drag would, and release the mouse. */
export async function selectText(app, quote) {
  const found = await app.execute((text) => {
    const root = document.querySelector('[data-testid="article-content"]');
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const at = node.data.indexOf(text);
      if (at >= 0) {
        const range = document.createRange();
        range.setStart(node, at);
        range.setEnd(node, at + text.length);
        const selection = window.getSelection();
        selection.removeAllRanges();
        selection.addRange(range);
        node.parentElement.dispatchEvent(new MouseEvent("mouseup", { bubbles: true }));
        return true;
      }
    }
    return false;
  }, quote);
  assert.ok(found, `${quote} not found in the article`);
}
