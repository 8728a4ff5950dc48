import { describe, expect, it } from "vitest";
import fixtureJson from "../../../tests/fixtures/article-text.json";
import { articleText } from "./article-text";

interface Case {
  name: string;
  /** As imported; only Rust reads it. */
  html: string;
  /** As stored (with block separators): what the reader renders. */
  stored: string;
  /** What a reader expects, written by hand. */
  text: string;
}

// The same fixture the Rust side checks (src-tauri/core/tests/article_text.rs).
const fixture: { cases: Case[] } = fixtureJson;

describe("article text in the webview", () => {
  it("has the seed article among the shared cases", () => {
    expect(fixture.cases.some((c) => c.name === "seed article")).toBe(true);
  });

  for (const testCase of fixture.cases) {
    it(`matches lectern-core for: ${testCase.name}`, () => {
      const root = document.createElement("div");
      root.innerHTML = testCase.stored;
      expect(articleText(root)).toBe(testCase.text);
    });
  }
});
