import { describe, expect, it, vi } from "vitest";
import type { SearchHit, SearchResults } from "../api";
import { MATCH_END, MATCH_START } from "../bindings";
import { marked, searchView } from "./search";

describe("search results", () => {
  it("marks matches without ever parsing the snippet as HTML", () => {
    const nodes = marked(`a <img src=x onerror=alert(1)> ${MATCH_START}night${MATCH_END} train ${MATCH_START}calm${MATCH_END}`);
    const holder = document.createElement("p");
    holder.append(...nodes);
    expect(holder.querySelector("img")).toBeNull();
    expect(Array.from(holder.querySelectorAll("mark")).map((m) => m.textContent)).toEqual(["night", "calm"]);
    expect(holder.textContent).toBe("a <img src=x onerror=alert(1)> night train calm");
  });

  it("opens an article at its match, or at a matching highlight", () => {
    const openAt = vi.fn();
    const openHighlight = vi.fn();
    const results: SearchResults = {
      nextOffset: null,
      unknownFilters: ["is:bogus"],
      hits: [
        {
          article: {
            id: 3, title: "Night trains", byline: null, siteName: "Rail Weekly", url: null, excerpt: "", wordCount: 10,
            readingMinutes: 1, savedAt: 0, publishedAt: null, state: "inbox", favorite: false, readProgress: 0, sourceKind: "html", tags: [],
            linkOnly: false, downloadError: null,
          },
          snippet: `the ${MATCH_START}sleeper${MATCH_END} cabin`,
          position: 42,
          highlights: [{ highlightId: 9, color: "blue", position: 40, snippet: `${MATCH_START}sleeper${MATCH_END} note` }],
        },
      ],
    };
    const view = searchView("sleeper is:bogus", results, { openAt, openHighlight, more: vi.fn() });
    expect(view.querySelector("[data-testid=search-unknown]")?.textContent).toContain("is:bogus");
    view.querySelector<HTMLButtonElement>("[data-testid=search-hit]")?.click();
    expect(openAt).toHaveBeenCalledWith(3, 42);
    view.querySelector<HTMLButtonElement>("[data-testid=search-highlight]")?.click();
    expect(openHighlight).toHaveBeenCalledWith(3, 9);
  });

  it("shows an article found by its title alone with its excerpt, unmarked", () => {
    const article = {
      id: 4, title: "Harbour lights", byline: null, siteName: null, url: null, excerpt: "Fishing boats come home <b>late</b>.", wordCount: 10,
      readingMinutes: 1, savedAt: 0, publishedAt: null, state: "inbox" as const, favorite: false, readProgress: 0, sourceKind: "html" as const,
      tags: [], linkOnly: false, downloadError: null,
    };
    const view = searchView("harbour", { hits: [{ article, snippet: null, position: null, highlights: [] }], nextOffset: null, unknownFilters: [] }, {
      openAt: vi.fn(), openHighlight: vi.fn(), more: vi.fn(),
    });
    const excerpt = view.querySelector("[data-testid=search-hit] .article-excerpt");
    expect(excerpt?.textContent).toBe("Fishing boats come home <b>late</b>.");
    expect(excerpt?.querySelector("b, mark")).toBeNull();
  });

  it("says when nothing was found and how to search", () => {
    const view = searchView("zzz", { hits: [], nextOffset: null, unknownFilters: [] }, { openAt: vi.fn(), openHighlight: vi.fn(), more: vi.fn() });
    expect(view.querySelector("[data-testid=search-empty]")?.textContent).toContain("Nothing found for “zzz”");
    expect(view.querySelector<HTMLButtonElement>("[data-testid=search-more]")?.hidden).toBe(true);
  });

  it("shows more results on demand, page after page, until there are no more", async () => {
    const hit = (id: number): SearchHit => ({
      article: {
        id, title: `Harbour ${id}`, byline: null, siteName: null, url: null, excerpt: "", wordCount: 10, readingMinutes: 1, savedAt: 0,
        publishedAt: null, state: "inbox", favorite: false, readProgress: 0, sourceKind: "html", tags: [], linkOnly: false, downloadError: null,
      },
      snippet: null, position: null, highlights: [],
    });
    const more = vi.fn(async (offset: number): Promise<SearchResults> =>
      offset === 2 ? { hits: [hit(3), hit(4)], nextOffset: 4, unknownFilters: [] } : { hits: [hit(5)], nextOffset: null, unknownFilters: [] },
    );
    const view = searchView("harbour", { hits: [hit(1), hit(2)], nextOffset: 2, unknownFilters: [] }, { openAt: vi.fn(), openHighlight: vi.fn(), more });
    const button = view.querySelector<HTMLButtonElement>("[data-testid=search-more]")!;
    const titles = (): string[] => Array.from(view.querySelectorAll(".article-title")).map((t) => t.textContent ?? "");
    expect(view.querySelector("[data-testid=search-count]")?.textContent).toBe("2 articles, more below");
    button.click();
    await vi.waitFor(() => expect(titles()).toHaveLength(4));
    button.click();
    await vi.waitFor(() => expect(titles()).toEqual(["Harbour 1", "Harbour 2", "Harbour 3", "Harbour 4", "Harbour 5"]));
    expect(more.mock.calls.map(([offset]) => offset)).toEqual([2, 4]);
    expect(button.hidden).toBe(true);
    expect(view.querySelector("[data-testid=search-count]")?.textContent).toBe("5 articles");
  });
});
