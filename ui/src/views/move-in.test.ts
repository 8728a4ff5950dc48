import { afterEach, describe, expect, it, vi } from "vitest";
import { api, type ExportPreview, type InteropReport } from "../api";
import { exportArticles, previewDialog, reportDialog } from "./move-in";

const chosen: ExportPreview = {
  fileName: "pocket.zip",
  preview: {
    format: "pocketZip",
    formatLabel: "Pocket export",
    articles: 1200,
    withText: 0,
    highlights: 340,
    notes: 12,
    tags: ["travel", "science"],
    archived: 800,
    favorites: 3,
    problems: Array.from({ length: 25 }, (_, i) => ({ line: i + 2, message: "“javascript:x” is not a web address; skipped" })),
  },
};

const click = (testId: string): void => (document.querySelector(`[data-testid="${testId}"]`) as HTMLButtonElement).click();

afterEach(() => document.body.replaceChildren());

describe("import from another app", () => {
  it("previews what will come in, with the rows it cannot read, and imports on yes", async () => {
    const answer = previewDialog(chosen);
    const card = document.querySelector('[data-testid="move-in-preview"]');
    expect(card?.textContent).toContain("Import from Pocket export");
    expect(card?.textContent).toContain("1,200 (1,200 as links to download later)");
    expect(card?.textContent).toContain("340, 12 notes");
    expect(card?.textContent).toContain("25 rows could not be read");
    expect(card?.textContent).toContain("Line 2: “javascript:x” is not a web address");
    expect(card?.textContent).toContain("and 5 more");
    click("move-in-import");
    await expect(answer).resolves.toBe(true);
    expect(document.querySelector('[data-testid="move-in-preview"]')).toBeNull();
  });

  it("imports nothing on Cancel or Escape", async () => {
    const cancelled = previewDialog(chosen);
    click("move-in-cancel");
    await expect(cancelled).resolves.toBe(false);
    const escaped = previewDialog(chosen);
    document.dispatchEvent(new KeyboardEvent("keydown", { key: "Escape" }));
    await expect(escaped).resolves.toBe(false);
  });

  it("reports what the import did", async () => {
    const report: InteropReport = { added: 3, merged: 1, linksOnly: 1, highlightsAnchored: 4, highlightsWaiting: 2, highlightsAlreadyThere: 0, problems: [], restoredSettings: null };
    const done = reportDialog(report);
    const card = document.querySelector('[data-testid="move-in-report"]');
    expect(card?.textContent).toContain("3 (1 as links, not downloaded yet)");
    expect(card?.textContent).toContain("Highlights waiting for their text2");
    expect(card?.querySelector('[data-testid="move-in-problems"]')).toBeNull();
    click("move-in-download");
    await expect(done).resolves.toBe(true);
  });
});

describe("export", () => {
  afterEach(() => vi.restoreAllMocks());

  it("asks for a format and exports the chosen articles in it", async () => {
    const exportFile = vi.spyOn(api, "exportFile").mockResolvedValue({ path: "/home/ada/lectern.json", articles: 2, highlights: 5 });
    const exportMarkdown = vi.spyOn(api, "exportMarkdown").mockResolvedValue(null);
    const done = exportArticles([4, 7]);
    expect(document.querySelector('[data-testid="export-dialog"] h2')?.textContent).toBe("Export 2 articles");
    click("export-format-json");
    await done;
    expect(exportFile).toHaveBeenCalledWith("json", [4, 7]);
    expect(exportMarkdown).not.toHaveBeenCalled();
    expect(document.querySelector('[data-testid="info-notice"]')?.textContent).toContain("Exported 2 articles and 5 highlights to /home/ada/lectern.json");
  });

  it("exports nothing when the choice is cancelled", async () => {
    const exportFile = vi.spyOn(api, "exportFile").mockResolvedValue(null);
    const done = exportArticles([]);
    expect(document.querySelector('[data-testid="export-dialog"] h2')?.textContent).toBe("Export your whole library");
    click("export-cancel");
    await done;
    expect(exportFile).not.toHaveBeenCalled();
  });
});
