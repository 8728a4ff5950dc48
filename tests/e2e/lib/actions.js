// What a user does, shared by the specs: paste into + Add, search, select text in the reader.
import assert from "node:assert/strict";
import { byTestId, eventually } from "./app.js";

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

/** Type `query` into the search box and wait for its results (or its empty state). */
export async function search(app, query) {
  const input = await byTestId(app, "search-input");
  await app.execute((q) => {
    const box = document.querySelector('[data-testid="search-input"]');
    box.value = q;
    box.dispatchEvent(new Event("input"));
  }, query);
  await input.click();
  // Results (or the empty state) for exactly this query.
  await eventually(
    async () =>
      app.execute((q) => {
        const view = document.querySelector('[data-testid="search-view"]');
        return Boolean(view && view.dataset.query === q && view.querySelector('[data-testid="search-hit"], [data-testid="search-empty"]'));
      }, query),
    `no results shown for ${query}`,
  );
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
