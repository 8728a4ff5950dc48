import { describe, expect, it, vi } from "vitest";
import type { Highlight } from "../api";
import { article, fakeApi, page, settle, startApp, summary } from "../testing/fake-backend";

const highlight: Highlight = {
  id: 11,
  articleId: 2,
  color: "yellow",
  selector: { start: 0, end: 7, exact: "Sleeper", prefix: "", suffix: " trains" },
  note: "",
  noteHtml: "",
  orphaned: false,
  createdAt: 0,
  updatedAt: 0,
};

describe("reader controller", () => {
  it("opens an article from its shelf with previous and next, and Escape returns to the shelf", async () => {
    const listArticles = vi.fn(async () => page([summary({ id: 1, title: "One" }), summary({ id: 2, title: "Two" }), summary({ id: 3, title: "Three" })]));
    const getArticle = vi.fn(async (id: number) => article({ id, title: ["", "One", "Two", "Three"][id] }));
    const { app, root } = await startApp(fakeApi({ listArticles, getArticle }));
    root.querySelectorAll<HTMLElement>(".article-row")[1]!.click();
    await settle();
    expect(app.shell.current).toBe("reader");
    expect(root.querySelector("[data-testid=reader-title]")?.textContent).toBe("Two");
    expect(document.title).toBe("Two — Lectern");

    document.body.dispatchEvent(new KeyboardEvent("keydown", { key: "[", bubbles: true }));
    await settle();
    expect(getArticle).toHaveBeenLastCalledWith(1);
    expect(root.querySelector<HTMLButtonElement>("[data-testid=previous-article]")?.disabled).toBe(true);

    document.body.dispatchEvent(new KeyboardEvent("keydown", { key: "Escape", bubbles: true }));
    await settle();
    expect(app.shell.current).toBe("library");
    expect(document.title).toBe("Lectern");
  });

  it("stars and unstars from the article's own state", async () => {
    const setFavorite = vi.fn(async () => null);
    const getArticle = vi.fn(async () => article({ id: 5, favorite: true }));
    const { app, root } = await startApp(fakeApi({ getArticle, setFavorite }));
    await app.router.go({ view: "reader", id: 5 });
    await settle();
    const star = root.querySelector<HTMLButtonElement>("[data-testid=favorite]")!;
    expect(star.getAttribute("aria-pressed")).toBe("true");
    star.click();
    await settle();
    expect(setFavorite).toHaveBeenLastCalledWith(5, false);
    expect(star.getAttribute("aria-pressed")).toBe("false");
    star.click();
    await settle();
    expect(setFavorite).toHaveBeenLastCalledWith(5, true);
  });

  it("Escape closes a highlight's popover before it leaves the article", async () => {
    const getArticle = vi.fn(async () => article({ id: 2 }));
    const listHighlights = vi.fn(async () => [highlight]);
    const { app, root } = await startApp(fakeApi({ getArticle, listHighlights }));
    await app.router.go({ view: "reader", id: 2 });
    await settle();
    const mark = root.querySelector<HTMLElement>("[data-highlight-id='11']");
    expect(mark?.textContent).toBe("Sleeper");
    mark!.click();
    expect(document.querySelector(".hl-popover")).not.toBeNull();

    document.body.dispatchEvent(new KeyboardEvent("keydown", { key: "Escape", bubbles: true }));
    await settle();
    expect(document.querySelector(".hl-popover")).toBeNull();
    expect(app.shell.current).toBe("reader");
  });

  it("shows highlights made elsewhere when another program changes the library", async () => {
    const listHighlights = vi.fn(async () => [] as Highlight[]);
    const { app, root, events } = await startApp(fakeApi({ getArticle: vi.fn(async () => article({ id: 2 })), listHighlights }));
    await app.router.go({ view: "reader", id: 2 });
    await settle();
    expect(root.querySelector("[data-highlight-id]")).toBeNull();
    listHighlights.mockResolvedValue([highlight]);
    (document.activeElement as HTMLElement | null)?.blur();
    events.emit("libraryChanged");
    await settle();
    expect(root.querySelector("[data-highlight-id='11']")?.textContent).toBe("Sleeper");
  });

  it("an article asked for is shown even when a refresh for another program's change lands first", async () => {
    let answer: (value: ReturnType<typeof article>) => void = () => undefined;
    const getArticle = vi.fn(() => new Promise<ReturnType<typeof article>>((resolve) => (answer = resolve)));
    const listArticles = vi.fn(async () => page([summary({ title: "Listed" })]));
    const { app, root, events } = await startApp(fakeApi({ getArticle, listArticles }));
    const opening = app.router.go({ view: "reader", id: 9 });
    events.emit("libraryChanged");
    await settle();
    expect(listArticles).toHaveBeenCalledTimes(2); // the refresh ran while the article loaded
    answer(article({ id: 9, title: "Asked for" }));
    await opening;
    expect(app.shell.current).toBe("reader");
    expect(root.querySelector("[data-testid=reader-title]")?.textContent).toBe("Asked for");
  });
});
