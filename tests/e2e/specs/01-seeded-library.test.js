// A new user opens Lectern: the seeded library, the reader, settings that survive a restart.
import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { before, describe, it } from "node:test";
import { byTestId, dataDir, eventually, freshLibrary, screenshot, useApp } from "../lib/app.js";

// This spec starts from a library of its own (see freshLibrary).
before(() => freshLibrary());

const fixture = JSON.parse(readFileSync(new URL("../../fixtures/article-text.json", import.meta.url), "utf8"));
const seedText = fixture.cases.find((c) => c.name === "seed article").text;
const SEED_TITLE = "Khamenei Writes to Putin for Support After US and Israeli Strikes";

describe("a new library", () => {
  let app;
  useApp(async (launched) => {
    app = launched;
  });

  it("lists the seed article with its source and author", async () => {
    await byTestId(app, "article-list");
    const rows = await app.$$('[data-testid="article-row"]');
    assert.equal(rows.length, 1);
    const text = await rows[0].getText();
    assert.match(text, /The Diplomatic Insight/i);
    assert.match(text, /Farkhund Yousafzai/);
    assert.match(text, new RegExp(SEED_TITLE));
    await screenshot(app, "library-light");
  });

  it("opens the seed article in the reader", async () => {
    await (await byTestId(app, "article-row")).click();
    assert.equal(await (await byTestId(app, "reader-title")).getText(), SEED_TITLE);
    assert.match(await (await byTestId(app, "reader-site")).getText(), /The Diplomatic Insight/i);
    assert.match(await (await byTestId(app, "reader-byline")).getText(), /Farkhund Yousafzai/);
    const body = await byTestId(app, "article-content");
    const paragraphs = await body.$$("p");
    assert.ok(paragraphs.length >= 12, `expected the article's paragraphs, got ${paragraphs.length}`);
    assert.doesNotMatch(await body.getText(), /Read More:/);
    await screenshot(app, "reader-light");
  });

  it("renders exactly the article text lectern-core stored (anchors depend on it)", async () => {
    const domText = await app.execute(() => document.querySelector('[data-testid="article-content"]').textContent);
    assert.equal(domText, seedText);
  });

  it("applies reader settings live", async () => {
    await (await byTestId(app, "settings-button")).click();
    await (await byTestId(app, "theme-dark")).click();
    await (await byTestId(app, "font-size-up")).click();
    await (await byTestId(app, "font-size-up")).click();
    const applied = await app.execute(() => ({
      theme: document.documentElement.dataset.theme,
      size: getComputedStyle(document.querySelector('[data-testid="article-content"]')).fontSize,
    }));
    assert.deepEqual(applied, { theme: "dark", size: "21px" });
    await screenshot(app, "reader-dark-settings");
    await (await byTestId(app, "settings-button")).click();
    await screenshot(app, "reader-dark");
    await (await byTestId(app, "back")).click();
    await byTestId(app, "article-list");
    await screenshot(app, "library-dark");
    // Settings are written shortly after the last change.
    await eventually(
      () => {
        const file = path.join(dataDir, "settings.json");
        const saved = existsSync(file) ? readFileSync(file, "utf8") : "";
        return saved.includes('"dark"') && /"fontSize":\s*21\b/.test(saved);
      },
      "settings.json was not written",
    );
  });
});

describe("after a restart", () => {
  let app;
  useApp(async (launched) => {
    app = launched;
  });

  it("keeps the library and the settings", async () => {
    await byTestId(app, "article-list");
    assert.equal((await app.$$('[data-testid="article-row"]')).length, 1);
    const applied = await app.execute(() => ({
      theme: document.documentElement.dataset.theme,
      size: document.documentElement.style.getPropertyValue("--reader-font-size"),
    }));
    assert.deepEqual(applied, { theme: "dark", size: "21px" });
  });

  it("writes what happened to the log file", () => {
    const log = readFileSync(path.join(dataDir, "logs", "lectern.log"), "utf8");
    assert.match(log, /opened library .*library\.sqlite3/);
    assert.match(log, /imported 1 seed article/);
  });
});
