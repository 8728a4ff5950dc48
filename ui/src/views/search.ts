// Search results: one entry per article, the best passage marked, and any matching
// highlights or notes beneath. Snippets are text: matches are delimited by private-use
// characters from the backend and turned into <mark> elements here, never parsed as HTML.
import type { SearchHit, SearchResults } from "../api";
import { MATCH_END, MATCH_START } from "../bindings";
import { siteName } from "../format";
import { h } from "../ui/dom";

export interface SearchActions {
  openAt(articleId: number, position: number | null): void;
  openHighlight(articleId: number, highlightId: number): void;
  /** The page of results from `offset` on ("Show more"). */
  more(offset: number): Promise<SearchResults>;
}

function countLabel(shown: number, more: boolean): string {
  const articles = shown === 1 ? "1 article" : `${shown} articles`;
  return more ? `${articles}, more below` : articles;
}

export function searchView(query: string, results: SearchResults, actions: SearchActions): HTMLElement {
  let shown = results.hits.length;
  const count = h("p", { class: "muted", "data-testid": "search-count" }, countLabel(shown, results.nextOffset !== null));
  const list = h("ol", { class: "article-list", "data-testid": "search-results" }, ...results.hits.map((hit) => entry(hit, actions)));
  const moreButton = h("button", { type: "button", class: "secondary-button search-more", "data-testid": "search-more" }, "Show more results");
  let next = results.nextOffset;
  moreButton.hidden = next === null;
  moreButton.addEventListener("click", () => {
    if (next === null) return;
    moreButton.disabled = true;
    actions
      .more(next)
      .then((page) => {
        list.append(...page.hits.map((hit) => entry(hit, actions)));
        shown += page.hits.length;
        next = page.nextOffset;
        count.textContent = countLabel(shown, next !== null);
        moreButton.hidden = next === null;
      })
      .catch(() => undefined) // the app has shown the error; the button stays for another try
      .finally(() => {
        moreButton.disabled = false;
      });
  });
  return h(
    "section",
    { class: "library search-view", "data-testid": "search-view", "data-query": query },
    h("header", { class: "library-header" }, h("h1", {}, "Search"), count),
    results.unknownFilters.length > 0
      ? h("p", { class: "search-warning", "data-testid": "search-unknown" }, `Not understood: ${results.unknownFilters.join(", ")}. Try tag:, site:, is:archived, is:favorite, has:highlights.`)
      : null,
    results.hits.length === 0
      ? h(
          "div",
          { class: "empty-state", "data-testid": "search-empty" },
          h("h2", {}, `Nothing found for “${query}”`),
          h("p", { class: "muted" }, "Search looks in titles, authors, sites, article text, highlights and notes. Use \"quotes\" for a phrase and -word to leave a word out."),
        )
      : list,
    moreButton,
  );
}

function entry(hit: SearchHit, actions: SearchActions): HTMLElement {
  const article = hit.article;
  const open = h(
    "button",
    { type: "button", class: "article-row", "data-testid": "search-hit", "data-article-id": article.id },
    siteName(article) ? h("p", { class: "article-source" }, siteName(article) ?? "") : null,
    h("h2", { class: "article-title" }, article.title),
    summary(hit),
  );
  open.addEventListener("click", () => actions.openAt(article.id, hit.position));
  return h(
    "li",
    {},
    open,
    hit.highlights.length > 0
      ? h(
          "ul",
          { class: "search-highlights" },
          ...hit.highlights.map((match) => {
            const button = h(
              "button",
              { type: "button", class: "search-highlight", "data-color": match.color, "data-testid": "search-highlight" },
              ...marked(match.snippet),
            );
            button.addEventListener("click", () => actions.openHighlight(article.id, match.highlightId));
            return h("li", {}, button);
          }),
        )
      : null,
  );
}

/** Where the words are in the article, or (found only in its title, byline or site) its excerpt. */
function summary(hit: SearchHit): HTMLElement | null {
  if (hit.snippet) return h("p", { class: "article-excerpt search-snippet" }, ...marked(hit.snippet));
  return hit.article.excerpt ? h("p", { class: "article-excerpt" }, hit.article.excerpt) : null;
}

/** Text with its matches wrapped in <mark>, built as nodes. */
export function marked(snippet: string): Node[] {
  const nodes: Node[] = [];
  const parts = snippet.split(MATCH_START);
  parts.forEach((part, index) => {
    if (index === 0) {
      if (part) nodes.push(document.createTextNode(part));
      return;
    }
    const [match = "", rest = ""] = part.split(MATCH_END);
    nodes.push(h("mark", { class: "search-match" }, match));
    if (rest) nodes.push(document.createTextNode(rest));
  });
  return nodes;
}
