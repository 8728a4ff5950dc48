// Reading and annotating the seed article: highlight a passage, note it, bookmark,
// restart, and find everything back where it was.
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { before, describe, it } from "node:test";
import { selectText } from "../lib/actions.js";
import { byTestId, eventually, freshLibrary, libraryPath, screenshot, useApp } from "../lib/app.js";

// This spec starts from a library of its own (see freshLibrary).
before(() => freshLibrary());

/** The seed article as the library file holds it, read with lectern-cli beside the app. */
function storedSeed() {
  const cli = process.env.LECTERN_CLI;
  const articles = JSON.parse(execFileSync(cli, ["--library", libraryPath, "list", "--json"], { encoding: "utf8" }));
  const seed = articles.find((a) => a.title === SEED_TITLE);
  return JSON.parse(execFileSync(cli, ["--library", libraryPath, "show", String(seed.id), "--json"], { encoding: "utf8" }));
}

const QUOTE = "Iran and Russia have long cooperated in facing shared threats";
const SEED_TITLE = "Khamenei Writes to Putin for Support After US and Israeli Strikes";

/** Select `text` wherever it is in the article, across element boundaries (marks, links). */
async function selectAcross(app, text) {
  const found = await app.execute((wanted) => {
    const root = document.querySelector('[data-testid="article-content"]');
    const start = root.textContent.indexOf(wanted);
    if (start < 0) return false;
    const end = start + wanted.length;
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    const range = document.createRange();
    let seen = 0;
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const next = seen + node.data.length;
      if (start >= seen && start < next) range.setStart(node, start - seen);
      if (end > seen && end <= next) {
        range.setEnd(node, end - seen);
        break;
      }
      seen = next;
    }
    const selection = window.getSelection();
    selection.removeAllRanges();
    selection.addRange(range);
    root.dispatchEvent(new MouseEvent("mouseup", { bubbles: true }));
    return true;
  }, text);
  assert.ok(found, `${text} not in the article`);
}

async function openSeed(app) {
  const rows = await app.$$('[data-testid="article-row"]');
  for (const row of rows) {
    if ((await row.getText()).includes(SEED_TITLE)) {
      await row.click();
      await byTestId(app, "article-content");
      return;
    }
  }
  assert.fail("seed article not listed");
}

const markText = (app, color) =>
  app.execute(
    (c) => Array.from(document.querySelectorAll(`mark.hl[data-color="${c}"]`)).map((m) => m.textContent).join(""),
    color,
  );

describe("highlighting and notes", () => {
  let app;
  useApp(async (launched) => {
    app = launched;
    await byTestId(app, "article-list");
    await openSeed(app);
  });

  it("highlights a selection in one click on a colour", async () => {
    await selectText(app, QUOTE);
    await (await byTestId(app, "selection-toolbar")).waitForDisplayed();
    await (await byTestId(app, "swatch-green")).click();
    await eventually(async () => (await markText(app, "green")) === QUOTE, "the highlight was not painted");
    const textUnchanged = await app.execute(() => document.querySelector('[data-testid="article-content"]').textContent.includes("Iran and Russia have long cooperated"));
    assert.ok(textUnchanged);
  });

  it("adds a note to the highlight", async () => {
    await (await app.$('mark.hl[data-color="green"]')).click();
    const note = await byTestId(app, "note-input");
    await note.setValue("The **key** claim of the letter.");
    await (await byTestId(app, "note-save")).click();
    await (await byTestId(app, "notes")).click();
    const item = await byTestId(app, "sidebar-highlight");
    await eventually(async () => (await item.getText()).includes("The key claim of the letter."), "the note is not in the sidebar");
    assert.equal(await (await item.$(".sidebar-note strong")).getText(), "key");
  });

  it("extends a highlight over more text, and trims it back", async () => {
    const longer = `${QUOTE},” Araqchi said`;
    await selectAcross(app, longer);
    const resize = await byTestId(app, "resize-highlight");
    assert.equal(await resize.getText(), "Extend highlight");
    await resize.click();
    await eventually(async () => (await markText(app, "green")) === longer, "the highlight was not extended");
    await selectAcross(app, QUOTE);
    const trim = await byTestId(app, "resize-highlight");
    assert.equal(await trim.getText(), "Trim highlight");
    await trim.click();
    await eventually(async () => (await markText(app, "green")) === QUOTE, "the highlight was not trimmed");
  });

  it("bookmarks a place", async () => {
    await (await byTestId(app, "bookmark")).click();
    await eventually(async () => (await app.$$('[data-testid="sidebar-bookmark"]')).length === 1, "no bookmark listed");
    await screenshot(app, "reader-highlights-light");
  });

  it("deletes a highlight with undo", async () => {
    await selectText(app, "That cooperation will continue.");
    await (await byTestId(app, "swatch-pink")).click();
    await eventually(async () => (await markText(app, "pink")) === "That cooperation will continue.", "pink highlight not painted");
    await (await app.$('mark.hl[data-color="pink"]')).click();
    await (await byTestId(app, "highlight-delete")).click();
    await eventually(async () => (await markText(app, "pink")) === "", "the highlight was not removed");
    await (await byTestId(app, "undo")).click();
    await eventually(async () => (await markText(app, "pink")) === "That cooperation will continue.", "undo did not bring it back");
  });

  it("remembers the reading position", { skip: process.env.LECTERN_CLI ? false : "LECTERN_CLI not set" }, async () => {
    const before = storedSeed().lastPosition;
    await app.execute(() => {
      const main = document.querySelector(".main");
      main.scrollTop = main.scrollHeight / 2;
      main.dispatchEvent(new Event("scroll"));
    });
    // Saved once scrolling pauses, in the library file itself.
    await eventually(async () => storedSeed().lastPosition > before + 100, "the reading position was not saved");
  });
});

describe("after a restart", () => {
  let app;
  useApp(async (launched) => {
    app = launched;
    await byTestId(app, "article-list");
    await openSeed(app);
  });

  it("paints the highlights on the same text, with their notes", async () => {
    await eventually(async () => (await markText(app, "green")) === QUOTE, "green highlight not restored");
    assert.equal(await markText(app, "pink"), "That cooperation will continue.");
    await (await byTestId(app, "notes")).click();
    const items = await app.$$('[data-testid="sidebar-highlight"]');
    assert.equal(items.length, 2);
    assert.match(await items[0].getText(), /The key claim of the letter\./);
    assert.equal((await app.$$('[data-testid="sidebar-bookmark"]')).length, 1);
  });

  it("opens the article where the reader left it", async () => {
    // The place is restored once the text is laid out: on a loaded machine that is a moment later.
    let scrollTop = 0;
    await eventually(async () => (scrollTop = await app.execute(() => document.querySelector(".main").scrollTop)) > 100, `expected to reopen mid-article, scrollTop=${scrollTop}`, 5_000).catch(() => {});
    assert.ok(scrollTop > 100, `expected to reopen mid-article, scrollTop=${scrollTop}`);
  });

  it("gathers highlights from the whole library, filters them, and opens one at its passage", async () => {
    await (await byTestId(app, "nav-highlights")).click();
    await byTestId(app, "highlight-list");
    assert.equal((await app.$$('[data-testid="highlight-entry"]')).length, 2);
    await (await byTestId(app, "filter-green")).click();
    await eventually(async () => (await app.$$('[data-testid="highlight-entry"]')).length === 1, "colour filter did not apply");
    await screenshot(app, "highlights-view");
    const entry = await byTestId(app, "highlight-entry");
    assert.match(await entry.getText(), /The key claim of the letter/);
    await entry.click();
    await byTestId(app, "article-content");
    await eventually(async () => (await markText(app, "green")) === QUOTE, "the article did not open with its highlight");
    const visible = await app.execute(() => {
      const rect = document.querySelector('mark.hl[data-color="green"]').getBoundingClientRect();
      return rect.top >= 0 && rect.bottom <= window.innerHeight;
    });
    assert.ok(visible, "the passage is scrolled into view");
  });

  it("looks right in dark mode", async () => {
    await (await byTestId(app, "settings-button")).click();
    await (await byTestId(app, "theme-dark")).click();
    await (await byTestId(app, "settings-button")).click();
    await app.execute(() => document.querySelector('mark.hl[data-color="green"]').scrollIntoView({ block: "center" }));
    await screenshot(app, "reader-highlights-dark");
    // A tool's tip, in the dark theme's colours.
    await (await byTestId(app, "marker")).moveTo();
    await eventually(() => app.execute(() => !document.querySelector('[data-testid="tooltip"]').hidden), "no tip for the marker");
    await screenshot(app, "reader-tooltip-dark");
  });
});
