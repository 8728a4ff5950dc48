// The article text is computed twice, by lectern-core and by the webview; every highlight
// offset depends on the two agreeing. This checks them against each other in the real
// WebKit webview, on every page of Mozilla's Readability test corpus.
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { existsSync, readdirSync } from "node:fs";
import path from "node:path";
import { before, describe, it } from "node:test";
import { byTestId, freshLibrary, useApp } from "../lib/app.js";

// This spec starts from a library of its own (see freshLibrary).
before(() => freshLibrary());

const corpus = process.env.LECTERN_CORPUS_DIR;
const cli = process.env.LECTERN_CLI;

describe("article text: lectern-core and WebKit agree on the corpus", { skip: !corpus || !cli ? "LECTERN_CORPUS_DIR or LECTERN_CLI not set" : false }, () => {
  let app;
  useApp(async (launched) => {
    app = launched;
    await byTestId(app, "brand");
  });

  it("gives the same text for every page", async () => {
    const pages = readdirSync(corpus).filter((name) => existsSync(path.join(corpus, name, "source.html")));
    assert.ok(pages.length >= 130, `only ${pages.length} pages`);
    const mismatches = [];
    for (const page of pages) {
      let extracted;
      try {
        extracted = JSON.parse(execFileSync(cli, ["extract", path.join(corpus, page, "source.html"), "--json"], { encoding: "utf8", maxBuffer: 64 * 1024 * 1024 }));
      } catch {
        continue; // pages Lectern cannot read are covered by the extraction test
      }
      const webkitText = await app.execute((html) => {
        const root = document.createElement("div");
        root.innerHTML = html;
        return root.textContent;
      }, extracted.contentHtml);
      if (webkitText !== extracted.text) mismatches.push(page);
    }
    console.log(`article text agreed on ${pages.length - mismatches.length}/${pages.length} corpus pages`);
    assert.deepEqual(mismatches, []);
  });
});
