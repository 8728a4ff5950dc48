// Organising and finding: archive, trash and restore, empty the trash (after asking),
// and search that finds text, phrases and notes and opens the article at the match.
import assert from "node:assert/strict";
import { before, describe, it } from "node:test";
import { addArticles, byTestId, cli, eventually, freshLibrary, readAndHighlight, screenshot, useApp } from "../lib/app.js";
import { search } from "../lib/actions.js";

const SEED_TITLE = "Khamenei Writes to Putin for Support After US and Israeli Strikes";
const TRAINS = `<!doctype html><html lang="en"><head><title>The night trains are coming back to Europe</title></head><body><article>
<h1>The night trains are coming back to Europe</h1><p>${"Slow travel by night train is returning to Europe, with new sleeper routes, better cabins and travellers who would rather arrive rested. ".repeat(4)}</p></article></body></html>`;

// This spec starts from a library of its own: the seed, a saved page, a pasted note, and
// a highlight with a note on the seed.
before(() => {
  freshLibrary();
  cli("seed");
  addArticles({ "night-trains.html": TRAINS, "margins.txt": "A Note on Margins\n\nWide margins rest the eye.\n\nThey also leave room for notes." });
  readAndHighlight(SEED_TITLE, "Iran and Russia have long cooperated in facing shared threats", "The **key** claim of the letter.");
});

/** The rows' text, read in one go (the list may re-render between two WebDriver calls). */
function rows(app) {
  return app.execute(() => Array.from(document.querySelectorAll('[data-testid="article-row"]')).map((row) => row.innerText));
}
/** Use a row's action (they appear on hover or keyboard focus); one atomic step. */
async function clickAction(app, title, action) {
  // The shelf may still be loading: wait for the row to be there.
  await eventually(
    () => app.execute((t) => Array.from(document.querySelectorAll(".article-item")).some((row) => row.innerText.includes(t)), title),
    `no row titled ${title}`,
  );
  const clicked = await app.execute(
    (t, a) => {
      const item = Array.from(document.querySelectorAll(".article-item")).find((row) => row.innerText.includes(t));
      const button = item?.querySelector(`[data-testid="${a}"]`);
      button?.focus();
      button?.click();
      return Boolean(button);
    },
    title,
    action,
  );
  assert.ok(clicked, `no ${action} on a row titled ${title}`);
}

/** The marked matches as the reader sees them: marked, and their words as readable on
 * the mark as body text must be (WCAG AA, 4.5:1), in every theme. */
async function assertReadableMarks(app) {
  const setTheme = async (theme) => {
    await (await byTestId(app, "settings-button")).click();
    await (await byTestId(app, `theme-${theme}`)).click();
    await (await byTestId(app, "settings-button")).click();
  };
  const marks = () =>
    app.execute(() => {
      const rgba = (css) => css.match(/[\d.]+/g).map(Number);
      const luminance = ([r, g, b]) => {
        const linear = (c) => ((c /= 255) <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4);
        return 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b);
      };
      const page = rgba(getComputedStyle(document.body).backgroundColor);
      return [...document.querySelectorAll("mark.search-match")].map((mark) => {
        const style = getComputedStyle(mark);
        const [r, g, b, a = 1] = rgba(style.backgroundColor);
        const under = [r, g, b].map((c, i) => c * a + page[i] * (1 - a)); // the mark over the page
        const [light, dark] = [luminance(rgba(style.color)), luminance(under)].sort((x, y) => y - x);
        return { theme: document.documentElement.dataset.theme, marked: a > 0, contrast: (light + 0.05) / (dark + 0.05) };
      });
    });
  for (const theme of ["light", "sepia", "dark"]) {
    await setTheme(theme);
    const found = await marks();
    assert.ok(found.length > 0, "the results hold marked matches");
    for (const mark of found) {
      assert.equal(mark.theme, theme);
      assert.ok(mark.marked, `a match keeps its mark in the ${theme} theme`);
      assert.ok(mark.contrast >= 4.5, `a marked match reads at ${mark.contrast.toFixed(2)}:1 in the ${theme} theme`);
    }
  }
  await screenshot(app, "search-results-dark");
  await setTheme("light");
}

describe("library shelves and search", () => {
  let app;
  useApp(async (launched) => {
    app = launched;
    await byTestId(app, "article-list");
  });

  it("archives an article out of the inbox and back", async () => {
    assert.equal((await rows(app)).length, 3);
    await clickAction(app, "A Note on Margins", "row-archive");
    await eventually(async () => (await rows(app)).length === 2, "still in the inbox");
    await (await byTestId(app, "shelf-archive")).click();
    await eventually(async () => (await rows(app)).some((r) => r.includes("A Note on Margins")), "not in the archive");
  });

  it("moves an article to the trash, restores it, and empties the trash only when confirmed", async () => {
    await (await byTestId(app, "shelf-archive")).click();
    await clickAction(app, "A Note on Margins", "row-trash");
    await eventually(async () => (await app.$$('[data-testid="library-empty"]')).length === 1, "not removed from the archive");
    await (await byTestId(app, "shelf-trash")).click();
    await eventually(async () => (await rows(app)).some((r) => r.includes("A Note on Margins")), "not in the trash");
    await screenshot(app, "library-trash");
    await (await byTestId(app, "row-restore")).click();
    await eventually(async () => (await app.$$('[data-testid="library-empty"]')).length === 1, "not restored");

    // Trash it again and empty the trash: cancel first, then confirm.
    await (await byTestId(app, "shelf-archive")).click();
    await clickAction(app, "A Note on Margins", "row-trash");
    await (await byTestId(app, "shelf-trash")).click();
    await (await byTestId(app, "empty-trash")).click();
    await (await byTestId(app, "confirm-cancel")).click();
    assert.equal((await rows(app)).length, 1, "cancel keeps the trash");
    await (await byTestId(app, "empty-trash")).click();
    await screenshot(app, "empty-trash-confirm");
    await (await byTestId(app, "confirm-ok")).click();
    await eventually(async () => (await app.$$('[data-testid="library-empty"]')).length === 1, "trash not emptied");
  });

  it("finds words, phrases and notes, and opens the article at the match", async () => {
    await search(app, "sleeper routes");
    let hits = await app.$$('[data-testid="search-hit"]');
    assert.equal(hits.length, 1);
    assert.match(await hits[0].getText(), /The night trains are coming back to Europe/);
    assert.equal(await app.execute(() => document.querySelector(".search-match").textContent.toLowerCase()), "sleeper");

    await search(app, '"key claim"');
    hits = await app.$$('[data-testid="search-hit"]');
    assert.equal(hits.length, 1, "the note on a highlight is searched");
    assert.equal((await app.$$('[data-testid="search-highlight"]')).length, 1);
    assert.doesNotMatch(await (await byTestId(app, "search-results")).getText(), /\*\*/, "notes read as text, not Markdown");
    assert.equal(await (await byTestId(app, "search-more")).isDisplayed(), false, "one result: nothing more to show");
    await screenshot(app, "search-results");
    await assertReadableMarks(app);

    await search(app, "coming");
    hits = await app.$$('[data-testid="search-hit"]');
    assert.equal(hits.length, 1, "found by its title");
    // Read from the DOM: WebDriver's visible text leaves out a line-clamped paragraph.
    const excerpt = await app.execute(() => document.querySelector('[data-testid="search-hit"] .article-excerpt')?.textContent);
    assert.match(excerpt ?? "", /^Slow travel by night train/, "found by its title alone, an article shows its opening");
    assert.equal((await app.$$(".search-match")).length, 0, "the title is not repeated as a marked snippet");
    await screenshot(app, "search-title-only");

    await search(app, "bunker-buster -nothing");
    await (await byTestId(app, "search-hit")).click();
    await byTestId(app, "article-content");
    const matchVisible = () => app.execute(() => {
      const root = document.querySelector('[data-testid="article-content"]');
      const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const at = node.data.indexOf("bunker-buster");
        if (at >= 0) {
          const range = document.createRange();
          range.setStart(node, at);
          range.setEnd(node, at + 5);
          const rect = range.getBoundingClientRect();
          return rect.top > 0 && rect.bottom < window.innerHeight;
        }
      }
      return false;
    });
    await eventually(matchVisible, "the article did not open scrolled to the match");
  });

  it("tags an article in the reader, filters the library by tag, and renames the tag", async () => {
    await (await byTestId(app, "nav-library")).click();
    assert.equal(await (await byTestId(app, "search-input")).getValue(), "", "leaving the results clears the search box");
    await (await byTestId(app, "shelf-inbox")).click();
    await eventually(async () => (await rows(app)).some((r) => r.includes("The night trains")), "inbox not shown");
    await app.execute(() =>
      Array.from(document.querySelectorAll('[data-testid="article-row"]')).find((row) => row.innerText.includes("The night trains")).click(),
    );
    const input = await byTestId(app, "tag-input");
    await input.setValue("Travel");
    await app.keys("Enter");
    await eventually(async () => (await app.$$('[data-testid="tag-chip"]')).length === 1, "tag not added");
    await screenshot(app, "reader-tagged");
    await (await byTestId(app, "back")).click();
    await app.execute(() => {
      const select = document.querySelector('[data-testid="tag-filter"]');
      select.value = "Travel";
      select.dispatchEvent(new Event("change"));
    });
    await eventually(async () => (await rows(app)).length === 1, "tag filter did not narrow the list");
    await (await byTestId(app, "manage-tags")).click();
    const rename = await byTestId(app, "tag-rename");
    await rename.clearValue();
    await rename.setValue("Journeys");
    await app.keys("Enter");
    await eventually(async () => (await app.execute(() => document.querySelector('[data-testid="tag-rename"]')?.value)) === "Journeys", "tag not renamed");
    await (await byTestId(app, "tag-manager-close")).click();
    await search(app, "tag:journeys");
    assert.equal((await app.$$('[data-testid="search-hit"]')).length, 1);
  });

  it("says what it did not understand and when nothing matches", async () => {
    await search(app, "is:bogus zzzzqqq");
    assert.match(await (await byTestId(app, "search-unknown")).getText(), /is:bogus/);
    assert.match(await (await byTestId(app, "search-empty")).getText(), /Nothing found/);
  });
});
