// The library: every saved article, newest first.
import type { ArticleSummary } from "../api";
import { readingTime, savedLabel, siteName } from "../format";
import { h } from "../ui/dom";

export interface LibraryActions {
  open(id: number): void;
}

export function libraryView(articles: ArticleSummary[], actions: LibraryActions): HTMLElement {
  const count = articles.length === 1 ? "1 article" : `${articles.length} articles`;
  return h(
    "section",
    { class: "library", "data-testid": "library" },
    h("header", { class: "library-header" }, h("h1", {}, "Library"), h("p", { class: "muted" }, count)),
    articles.length === 0
      ? emptyState()
      : h("ol", { class: "article-list", "data-testid": "article-list" }, ...articles.map((a) => articleRow(a, actions))),
  );
}

function articleRow(article: ArticleSummary, actions: LibraryActions): HTMLElement {
  const source = siteName(article);
  const meta = [article.byline, readingTime(article.readingMinutes), savedLabel(article.savedAt)]
    .filter((part): part is string => Boolean(part))
    .join(" · ");
  const button = h(
    "button",
    { class: "article-row", type: "button", "data-testid": "article-row", "data-article-id": article.id },
    source ? h("p", { class: "article-source" }, source) : null,
    h("h2", { class: "article-title" }, article.title),
    article.excerpt ? h("p", { class: "article-excerpt" }, article.excerpt) : null,
    h("p", { class: "article-meta muted" }, meta),
  );
  button.addEventListener("click", () => actions.open(article.id));
  return h("li", {}, button);
}

function emptyState(): HTMLElement {
  return h(
    "div",
    { class: "empty-state", "data-testid": "library-empty" },
    h("h2", {}, "Nothing to read yet"),
    h("p", { class: "muted" }, "Articles you save will appear here, ready to read offline."),
  );
}
