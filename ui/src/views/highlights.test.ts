import { describe, expect, it, vi } from "vitest";
import type { HighlightInLibrary } from "../api";
import { highlightsView } from "./highlights";

const item = (id: number, patch: Partial<HighlightInLibrary["highlight"]> = {}): HighlightInLibrary => ({
  articleTitle: "Night trains return",
  siteName: "Rail Weekly",
  highlight: {
    id,
    articleId: 4,
    color: "green",
    selector: { start: 0, end: 5, exact: "Slow travel is back", prefix: "", suffix: "" },
    note: "",
    noteHtml: "",
    orphaned: false,
    createdAt: Date.now(),
    updatedAt: Date.now(),
    ...patch,
  },
});

describe("highlights view", () => {
  it("lists quotes with notes and their article, and opens the passage", () => {
    const open = vi.fn();
    const view = highlightsView([item(1, { noteHtml: "<p>Worth <strong>it</strong></p>" }), item(2)], {}, [], { filter: vi.fn(), open, openLink: vi.fn() });
    const entries = view.querySelectorAll<HTMLButtonElement>("[data-testid=highlight-entry]");
    expect(entries).toHaveLength(2);
    expect(entries[0]?.textContent).toContain("Slow travel is back");
    expect(entries[0]?.querySelector(".sidebar-note strong")?.textContent).toBe("it");
    expect(entries[0]?.textContent).toContain("Night trains return · Rail Weekly · Highlighted today");
    entries[1]?.click();
    expect(open).toHaveBeenCalledWith(4, 2);
  });

  it("narrows by colour, article and period", () => {
    const filter = vi.fn();
    const now = Date.UTC(2026, 10, 25);
    const view = highlightsView([], { colors: ["blue"] }, [{ id: 9, title: "An article" }], { filter, open: vi.fn(), openLink: vi.fn() }, now);
    view.querySelector<HTMLButtonElement>("[data-testid=filter-green]")?.click();
    expect(filter).toHaveBeenLastCalledWith({ colors: ["blue", "green"] });
    view.querySelector<HTMLButtonElement>("[data-testid=filter-blue]")?.click();
    expect(filter).toHaveBeenLastCalledWith({ colors: [] });
    const article = view.querySelector<HTMLSelectElement>("[data-testid=filter-article]")!;
    article.value = "9";
    article.dispatchEvent(new Event("change"));
    expect(filter).toHaveBeenLastCalledWith({ colors: ["blue"], articleId: 9 });
    const period = view.querySelector<HTMLSelectElement>("[data-testid=filter-period]")!;
    period.value = "1";
    period.dispatchEvent(new Event("change"));
    expect(filter).toHaveBeenLastCalledWith({ colors: ["blue"], since: now - 7 * 24 * 60 * 60 * 1000 });
    expect(view.querySelector("[data-testid=highlights-empty]")).not.toBeNull();
    expect(view.querySelector("[data-testid=filter-tag]")).toBeNull();
  });

  it("narrows by tag when the library has tags", () => {
    const filter = vi.fn();
    const view = highlightsView([], {}, [], { filter, open: vi.fn(), openLink: vi.fn() }, Date.now(), [{ id: 1, name: "Travel", count: 2 }]);
    const tag = view.querySelector<HTMLSelectElement>("[data-testid=filter-tag]")!;
    tag.value = "Travel";
    tag.dispatchEvent(new Event("change"));
    expect(filter).toHaveBeenLastCalledWith({ tag: "Travel" });
  });
});

describe("links in notes", () => {
  it("open the link in the browser, not the article, and never navigate", () => {
    const open = vi.fn();
    const openLink = vi.fn();
    const noteHtml = '<p>See <a href="https://example.com/source">the source</a> and <a href="#x">here</a></p>';
    const view = highlightsView([item(1, { noteHtml })], {}, [], { filter: vi.fn(), open, openLink });
    const links = view.querySelectorAll<HTMLAnchorElement>(".sidebar-note a");
    const click = new MouseEvent("click", { bubbles: true, cancelable: true });
    links[0]!.dispatchEvent(click);
    expect(openLink).toHaveBeenCalledWith("https://example.com/source");
    expect(open).not.toHaveBeenCalled();
    expect(click.defaultPrevented).toBe(true);
    const inPage = new MouseEvent("click", { bubbles: true, cancelable: true });
    links[1]!.dispatchEvent(inPage);
    expect(inPage.defaultPrevented).toBe(true);
    expect(openLink).toHaveBeenCalledOnce();
  });
});
