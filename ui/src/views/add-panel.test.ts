import { describe, expect, it, vi } from "vitest";
import { counts, progressCard, reportCard } from "../ui/import-status";
import { addPanel } from "./add-panel";

const flush = () => new Promise((resolve) => setTimeout(resolve, 0));

describe("add panel", () => {
  it("saves what was pasted and clears the box", async () => {
    const save = vi.fn().mockResolvedValue(undefined);
    const panel = addPanel({ save, cancel: vi.fn(), chooseFiles: vi.fn(), chooseExport: vi.fn() });
    const input = panel.querySelector<HTMLTextAreaElement>("[data-testid=add-input]")!;
    input.value = "  https://example.com/story  ";
    panel.dispatchEvent(new Event("submit", { cancelable: true }));
    expect(panel.querySelector("[data-testid=add-save]")?.textContent).toBe("Fetching…");
    await flush();
    expect(save).toHaveBeenCalledWith("https://example.com/story");
    expect(input.value).toBe("");
  });

  it("shows the backend's error and keeps the text", async () => {
    const save = vi.fn().mockRejectedValue(new Error("example.com answered 404 Not Found: nothing was saved."));
    const panel = addPanel({ save, cancel: vi.fn(), chooseFiles: vi.fn(), chooseExport: vi.fn() });
    const input = panel.querySelector<HTMLTextAreaElement>("[data-testid=add-input]")!;
    input.value = "https://example.com/missing";
    panel.dispatchEvent(new Event("submit", { cancelable: true }));
    await flush();
    expect(panel.querySelector("[data-testid=add-message]")?.textContent).toContain("404");
    expect(input.value).toBe("https://example.com/missing");
  });

  it("offers to cancel a fetch while it runs, and hides the offer after", async () => {
    let fail: (error: Error) => void = () => {};
    const save = vi.fn().mockReturnValue(new Promise<void>((_, reject) => (fail = reject)));
    const cancel = vi.fn(() => fail(new Error("The import was cancelled; nothing of it was saved.")));
    const panel = addPanel({ save, cancel, chooseFiles: vi.fn(), chooseExport: vi.fn() });
    panel.querySelector<HTMLTextAreaElement>("[data-testid=add-input]")!.value = "https://slow.example/drip";
    panel.dispatchEvent(new Event("submit", { cancelable: true }));
    const cancelButton = panel.querySelector<HTMLButtonElement>("[data-testid=add-cancel]")!;
    expect(cancelButton.hidden).toBe(false);
    cancelButton.click();
    await flush();
    expect(cancel).toHaveBeenCalledOnce();
    expect(cancelButton.hidden).toBe(true);
    expect(panel.querySelector("[data-testid=add-message]")?.textContent).toContain("cancelled");
  });

  it("asks for something before saving", async () => {
    const save = vi.fn();
    const panel = addPanel({ save, cancel: vi.fn(), chooseFiles: vi.fn(), chooseExport: vi.fn() });
    panel.dispatchEvent(new Event("submit", { cancelable: true }));
    await flush();
    expect(save).not.toHaveBeenCalled();
    expect(panel.querySelector("[data-testid=add-message]")?.textContent).toMatch(/Paste a link/);
  });

  it("offers files, folders and exports from other apps", () => {
    const chooseFiles = vi.fn();
    const chooseExport = vi.fn();
    const panel = addPanel({ save: vi.fn(), cancel: vi.fn(), chooseFiles, chooseExport });
    panel.querySelector<HTMLButtonElement>("[data-testid=import-export]")?.click();
    expect(chooseExport).toHaveBeenCalledOnce();
    panel.querySelector<HTMLButtonElement>("[data-testid=import-folder]")?.click();
    expect(chooseFiles).toHaveBeenCalledWith(true);
  });
});

describe("import status", () => {
  it("shows progress with the current file and a cancel", () => {
    const cancel = vi.fn();
    const card = progressCard({ done: 2, total: 8, current: "essay.md", added: 1, alreadySaved: 1, failed: 0 }, cancel);
    expect(card.textContent).toContain("Importing 3 of 8");
    expect(card.textContent).toContain("essay.md");
    expect(card.querySelector<HTMLElement>(".import-bar-fill")?.style.width).toBe("25%");
    card.querySelector<HTMLButtonElement>("[data-testid=import-cancel]")?.click();
    expect(cancel).toHaveBeenCalled();
  });

  it("reports what was added and lists each failure", () => {
    const card = reportCard(
      { added: 3, alreadySaved: 0, cancelled: false, firstAdded: 1, failures: [{ file: "x.html", message: "x.html looks like a binary file" }] },
      vi.fn(),
    );
    expect(card.textContent).toContain("3 added · 1 could not be read");
    expect(card.querySelectorAll(".import-failures li")).toHaveLength(1);
  });

  it("words the counts", () => {
    expect(counts(1, 0, 0)).toBe("1 added");
    expect(counts(0, 2, 1)).toBe("0 added · 2 already in your library · 1 could not be read");
  });
});
