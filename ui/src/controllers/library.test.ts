import { describe, expect, it, vi } from "vitest";
import type { ArticlePage, ArticleQuery } from "../api";
import { fakeApi, page, settle, startApp, summary, titlesShown } from "../testing/fake-backend";

const click = (root: HTMLElement, selector: string): void => root.querySelector<HTMLElement>(selector)!.click();

describe("library controller", () => {
  it("opens on the inbox, newest first, and lists again from the top when the order changes", async () => {
    const listArticles = vi.fn(async (query: ArticleQuery) =>
      query.sort === "title" ? page([summary({ id: 2, title: "A" }), summary({ id: 1, title: "B" })]) : page([summary({ id: 1, title: "B" }), summary({ id: 2, title: "A" })]),
    );
    const { root } = await startApp(fakeApi({ listArticles }));
    expect(listArticles).toHaveBeenCalledWith(expect.objectContaining({ shelf: "inbox", sort: "savedNewest", offset: 0 }));
    expect(titlesShown(root)).toEqual(["B", "A"]);

    const sort = root.querySelector<HTMLSelectElement>(".sort-select")!;
    sort.value = "title";
    sort.dispatchEvent(new Event("change"));
    await settle();
    expect(listArticles).toHaveBeenLastCalledWith(expect.objectContaining({ shelf: "inbox", sort: "title", offset: 0 }));
    expect(titlesShown(root)).toEqual(["A", "B"]);
  });

  it("shows the listing asked for last, even when an older one answers after it", async () => {
    const answers: Array<(page: ArticlePage) => void> = [];
    const listArticles = vi.fn((query: ArticleQuery) =>
      query.shelf === "inbox" ? Promise.resolve(page([summary({ title: "Inbox" })])) : new Promise<ArticlePage>((resolve) => answers.push(resolve)),
    );
    const { root } = await startApp(fakeApi({ listArticles }));
    expect(titlesShown(root)).toEqual(["Inbox"]);

    click(root, "[aria-label=Shelves] button:nth-child(2)"); // Starred
    await settle();
    click(root, "[aria-label=Shelves] button:nth-child(3)"); // Archive
    await settle();
    const [starred, archived] = answers;
    archived!(page([summary({ title: "Archived" })]));
    await settle();
    starred!(page([summary({ title: "Starred" })]));
    await settle();
    expect(titlesShown(root)).toEqual(["Archived"]);
  });

  it("archives a row and undoes it from the notice", async () => {
    const setArticleState = vi.fn(async () => null);
    const { root } = await startApp(fakeApi({ listArticles: vi.fn(async () => page([summary({ id: 7, title: "Keep me" })])), setArticleState }));
    click(root, ".row-actions button");
    await settle();
    expect(setArticleState).toHaveBeenCalledWith(7, "archive");
    const undo = Array.from(document.querySelectorAll<HTMLButtonElement>(".notices button")).find((b) => b.textContent === "Undo");
    expect(undo, "an Undo button in the notice").toBeDefined();
    undo!.click();
    await settle();
    expect(setArticleState).toHaveBeenLastCalledWith(7, "inbox");
  });

  it("loads the next page from where the shown rows end", async () => {
    const first = Array.from({ length: 100 }, (_, i) => summary({ id: i + 1, title: `Article ${i + 1}` }));
    const listArticles = vi.fn(async (query: ArticleQuery) =>
      // As the backend does: the first page counts the shelf, the next one does not.
      query.offset === 0 ? page(first, 101) : { items: [summary({ id: 101, title: "Article 101" })], total: null },
    );
    const { app, root } = await startApp(fakeApi({ listArticles }));
    app.shell.main.dispatchEvent(new Event("scroll")); // jsdom has no layout: every row is "near the end"
    await settle();
    expect(listArticles).toHaveBeenLastCalledWith(expect.objectContaining({ after: 100, offset: 100, limit: 100 }));
    expect(titlesShown(root)).toHaveLength(101);
    expect(app.router.sequence.at(-1)).toBe(101);
    app.shell.main.dispatchEvent(new Event("scroll"));
    await settle();
    expect(listArticles, "all 101 of the first page's count are shown: no more asking").toHaveBeenCalledTimes(2);
  });

  it("keeps picked rows through a change made by another program until the picking is done", async () => {
    const listArticles = vi.fn(async () => page([summary({ id: 1 }), summary({ id: 2 })]));
    const { root, events } = await startApp(fakeApi({ listArticles }));
    click(root, "[data-testid=select-mode]");
    root.querySelectorAll<HTMLElement>(".article-row")[1]!.click();
    expect(root.querySelector(".bulk-count")?.textContent).toBe("1 selected");
    const listings = listArticles.mock.calls.length;

    events.emit("libraryChanged");
    await settle();
    expect(listArticles.mock.calls.length).toBe(listings);
    expect(root.querySelector(".article-item.selected")).not.toBeNull();
  });
});
