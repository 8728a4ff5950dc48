import { afterEach, describe, expect, it, vi } from "vitest";
import { fakeApi, results, settle, startApp, summary, titlesShown, article } from "../testing/fake-backend";
import { SEARCH_DELAY_MS } from "./search";

const type = (input: HTMLInputElement, text: string): void => {
  input.value = text;
  input.dispatchEvent(new Event("input"));
};

describe("search controller", () => {
  afterEach(() => vi.useRealTimers());

  it("searches once the typing pauses, not on every key", async () => {
    const search = vi.fn(async () => results([summary({ id: 3, title: "Sleeper trains" })]));
    const { app, root } = await startApp(fakeApi({ search }));
    vi.useFakeTimers();
    const input = app.shell.searchInput;
    type(input, "sle");
    type(input, "sleep");
    type(input, "sleeper");
    await vi.advanceTimersByTimeAsync(SEARCH_DELAY_MS - 1);
    expect(search).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1);
    expect(search).toHaveBeenCalledTimes(1);
    expect(search).toHaveBeenCalledWith("sleeper");
    vi.useRealTimers();
    await settle();
    expect(app.shell.current).toBe("search");
    expect(titlesShown(root)).toEqual(["Sleeper trains"]);
  });

  it("drops results for a query the box no longer holds", async () => {
    let answer: (value: ReturnType<typeof results>) => void = () => undefined;
    const search = vi.fn(() => new Promise<ReturnType<typeof results>>((resolve) => (answer = resolve)));
    const { app } = await startApp(fakeApi({ search }));
    const input = app.shell.searchInput;
    type(input, "old");
    input.dispatchEvent(new KeyboardEvent("keydown", { key: "Enter" }));
    input.value = "newer";
    answer(results([summary({ title: "Old answer" })]));
    await settle();
    expect(app.shell.current).toBe("library");
  });

  it("lets go of the query when the Library is chosen, and Escape in the box goes back to it", async () => {
    const search = vi.fn(async () => results([summary()]));
    const { app, root } = await startApp(fakeApi({ search }));
    const input = app.shell.searchInput;
    type(input, "trains");
    input.dispatchEvent(new KeyboardEvent("keydown", { key: "Enter" }));
    await settle();
    expect(app.shell.current).toBe("search");
    input.blur();
    root.querySelector<HTMLElement>("[data-testid=nav-library]")!.click();
    await settle();
    expect(app.shell.current).toBe("library");
    expect(input.value).toBe("");

    type(input, "trains");
    input.dispatchEvent(new KeyboardEvent("keydown", { key: "Enter" }));
    await settle();
    input.dispatchEvent(new KeyboardEvent("keydown", { key: "Escape" }));
    await settle();
    expect(app.shell.current).toBe("library");
    expect(input.value).toBe("");
  });

  it("opens a result in the reader, with the other results as previous and next", async () => {
    const hits = [summary({ id: 4, title: "First" }), summary({ id: 9, title: "Second" })];
    const getArticle = vi.fn(async (id: number) => article({ id, title: id === 4 ? "First" : "Second" }));
    const { app, root } = await startApp(fakeApi({ search: vi.fn(async () => results(hits)), getArticle }));
    type(app.shell.searchInput, "trains");
    app.shell.searchInput.dispatchEvent(new KeyboardEvent("keydown", { key: "Enter" }));
    await settle();
    root.querySelector<HTMLElement>(".article-list button, .article-list a")!.click();
    await settle();
    expect(getArticle).toHaveBeenCalledWith(4);
    expect(root.querySelector<HTMLButtonElement>("[data-testid=previous-article]")?.disabled).toBe(true);
    root.querySelector<HTMLButtonElement>("[data-testid=next-article]")!.click();
    await settle();
    expect(getArticle).toHaveBeenLastCalledWith(9);

    document.dispatchEvent(new KeyboardEvent("keydown", { key: "Escape" }));
    await settle();
    expect(app.shell.current).toBe("search");
    expect(titlesShown(root)).toEqual(["First", "Second"]);
  });
});
