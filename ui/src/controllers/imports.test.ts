import { describe, expect, it, vi } from "vitest";
import type { BatchReport, LinkRequest } from "../api";
import { article, fakeApi, page, settle, startApp, summary, titlesShown } from "../testing/fake-backend";

const report = (patch: Partial<BatchReport>): BatchReport => ({ added: 0, alreadySaved: 0, failures: [], cancelled: false, firstAdded: null, ...patch });

describe("import controller", () => {
  it("opens the one article an import added", async () => {
    const getArticle = vi.fn(async () => article({ id: 42, title: "Dropped in" }));
    const { app, events } = await startApp(fakeApi({ getArticle }));
    events.emit("importFinished", report({ added: 1, firstAdded: 42 }));
    await settle();
    expect(getArticle).toHaveBeenCalledWith(42);
    expect(app.shell.current).toBe("reader");
  });

  it("after a larger import, reports it and lists the library again", async () => {
    const listArticles = vi.fn(async () => page([]));
    const { root, events } = await startApp(fakeApi({ listArticles }));
    listArticles.mockResolvedValue(page([summary({ title: "New one" }), summary({ id: 2, title: "New two" })]));
    events.emit("importProgress", { done: 1, total: 3, current: "b.html", added: 1, alreadySaved: 0, failed: 0 });
    expect(root.querySelector("[data-testid=import-progress]")?.textContent).toContain("1");
    events.emit("importFinished", report({ added: 2, failures: [{ file: "c.bin", message: "not a web page" }], firstAdded: 1 }));
    await settle();
    expect(root.querySelector("[data-testid=import-report]")?.textContent).toContain("c.bin");
    expect(titlesShown(root)).toEqual(["New one", "New two"]);
  });

  it("saves a pasted link and opens it, saying when it was already there", async () => {
    const importPasted = vi.fn(async () => ({ id: 8, title: "Known", alreadySaved: true }));
    const getArticle = vi.fn(async () => article({ id: 8, title: "Known" }));
    const { root, app } = await startApp(fakeApi({ importPasted, getArticle }));
    root.querySelector<HTMLElement>("[data-testid=add-button]")!.click();
    expect(app.shell.panelOpen).toBe("add");
    const field = root.querySelector<HTMLTextAreaElement | HTMLInputElement>("[data-testid=add-input]")!;
    field.value = "https://example.com/known";
    root.querySelector<HTMLElement>("[data-testid=add-save]")!.click();
    await settle();
    expect(importPasted).toHaveBeenCalledWith("https://example.com/known");
    expect(app.shell.panelOpen).toBeNull();
    expect(app.shell.current).toBe("reader");
    expect(document.querySelector(".notices")?.textContent).toContain("“Known” is already in your library.");
  });

  it("follows lectern:// links one at a time", async () => {
    const takeLinkRequests = vi.fn(async (): Promise<LinkRequest[]> => []);
    const getArticle = vi.fn(async () => article({ id: 3 }));
    const { app, events } = await startApp(fakeApi({ takeLinkRequests, getArticle }));
    takeLinkRequests.mockResolvedValueOnce([{ kind: "open", id: 3 }]);
    events.emit("linkRequested");
    await settle();
    expect(getArticle).toHaveBeenCalledWith(3);
    expect(app.shell.current).toBe("reader");
  });
});
