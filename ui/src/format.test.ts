import { describe, expect, it } from "vitest";
import type { RefetchReport } from "./api";
import { publishedDate, readingTime, refetchSummary, savedLabel, siteName, sourceLine } from "./format";

describe("reading time", () => {
  it("reads naturally at every length", () => {
    expect(readingTime(0)).toBe("Less than a minute");
    expect(readingTime(7)).toBe("7 min read");
    expect(readingTime(60)).toBe("1 h read");
    expect(readingTime(95)).toBe("1 h 35 min read");
  });
});

describe("saved label", () => {
  const now = new Date(2026, 10, 25, 15, 0);
  it("says today and yesterday in words", () => {
    expect(savedLabel(new Date(2026, 10, 25, 1, 0).getTime(), now)).toBe("Saved today");
    expect(savedLabel(new Date(2026, 10, 24, 23, 0).getTime(), now)).toBe("Saved yesterday");
  });
  it("gives older dates as dates", () => {
    expect(savedLabel(new Date(2026, 2, 3, 12, 0).getTime(), now)).toBe("Saved Mar 3, 2026");
  });
});

describe("source", () => {
  it("prefers the site name, then the host", () => {
    expect(siteName({ siteName: "The Diplomatic Insight", url: null })).toBe("The Diplomatic Insight");
    expect(siteName({ siteName: null, url: "https://www.example.org/a" })).toBe("example.org");
    expect(siteName({ siteName: null, url: "not a url" })).toBeNull();
  });
  it("joins site and author", () => {
    expect(sourceLine({ siteName: "Site", byline: "Ann", url: null })).toBe("Site · Ann");
    expect(sourceLine({ siteName: null, byline: null, url: null })).toBe("");
  });
  it("shows published dates only when they parse", () => {
    expect(publishedDate("2026-03-01T08:00:00Z")).toBe("Mar 1, 2026");
    expect(publishedDate("last Tuesday")).toBeNull();
    expect(publishedDate(null)).toBeNull();
  });
});

describe("refetchSummary", () => {
  const report = (changes: Partial<RefetchReport>): RefetchReport => ({
    changed: true,
    titleChanged: false,
    wordsBefore: 1200,
    wordsAfter: 1310,
    highlights: { inPlace: 3, moved: 1, orphaned: 0 },
    ...changes,
  });

  it("says when nothing changed", () => {
    expect(refetchSummary(report({ changed: false }))).toBe("The page has not changed since it was saved.");
  });

  it("gives the words, the title and every highlight's fate, leaving out what did not happen", () => {
    expect(refetchSummary(report({}))).toBe(
      "Fetched again: 1,200 → 1,310 words. Highlights: 3 in place, 1 moved with the text. The previous text is kept as a version.",
    );
    expect(refetchSummary(report({ titleChanged: true, highlights: { inPlace: 0, moved: 0, orphaned: 2 } }))).toContain(
      "words, new title. Highlights: 2 no longer found (kept in Notes with their quotes).",
    );
  });
});
