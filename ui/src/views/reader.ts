// The reader: one article, set for reading.
import type { Article } from "../api";
import { publishedDate, readingTime, sourceLine } from "../format";
import { h } from "../ui/dom";
import { sanitizedHtml } from "../ui/links";

export interface ReaderActions {
  back(): void;
  openLink(url: string): void;
  /** Download the page of an article imported as a link only. */
  download(): Promise<void>;
}

/** Whether the article came from a web page that can be fetched again. */
export function canRefetch(summary: Article["summary"]): boolean {
  return !summary.linkOnly && /^https?:\/\//i.test(summary.url ?? "");
}

export interface ReaderTools {
  previous: HTMLButtonElement;
  next: HTMLButtonElement;
  favorite: HTMLButtonElement;
  bookmark: HTMLButtonElement;
  marker: HTMLButtonElement;
  notes: HTMLButtonElement;
  exportMarkdown: HTMLButtonElement;
  /** Absent for articles that did not come from the web. */
  refetch: HTMLButtonElement | null;
}

export interface ReaderView {
  element: HTMLElement;
  tools: ReaderTools;
  /** The element whose textContent is the article text (anchors are offsets into it). */
  content: HTMLElement;
  /** Update the progress bar from the scroll position of `scroller`. */
  updateProgress(scroller: HTMLElement): void;
}

export function readerView(article: Article, actions: ReaderActions): ReaderView {
  const summary = article.summary;
  const details = [
    summary.byline,
    publishedDate(summary.publishedAt),
    summary.linkOnly ? null : readingTime(summary.readingMinutes),
  ].filter((part): part is string => Boolean(part));
  const content = articleContent(article, (url) => actions.openLink(url));
  const progress = h("div", { class: "reading-progress-bar" });
  /** `name`: what a screen reader says, where the label is only a sign. */
  const tool = (testId: string, label: string, tip: string, name?: string): HTMLButtonElement =>
    h("button", { type: "button", class: "tool-button", "data-testid": testId, "data-tip": tip, "aria-label": name, "aria-pressed": "false" }, label);
  const tools: ReaderTools = {
    previous: tool("previous-article", "‹", "Previous article ([)", "Previous article"),
    next: tool("next-article", "›", "Next article (])", "Next article"),
    favorite: tool("favorite", summary.favorite ? "★ Starred" : "☆ Star", "Star this article (F)"),
    bookmark: tool("bookmark", "Bookmark", "Bookmark this place (B)"),
    marker: tool("marker", "Marker", "Marker mode: highlight as soon as you select (M)"),
    notes: tool("notes", "Notes", "Highlights, notes and bookmarks (S)"),
    exportMarkdown: tool("export-markdown", "Export", "Export this article and its highlights (Markdown, JSON, W3C, Readwise)"),
    refetch: canRefetch(summary) ? tool("refetch", "Re-fetch", "Fetch this article again from its page; highlights follow the new text") : null,
  };
  tools.favorite.setAttribute("aria-pressed", String(summary.favorite));
  const element = h(
    "article",
    { class: "reader", "data-testid": "reader", lang: article.lang ?? undefined },
    h("div", { class: "reading-progress", role: "progressbar", "aria-label": "Reading progress" }, progress),
    h(
      "div",
      { class: "reader-tools" },
      h("button", { class: "link-button back-button", type: "button", "data-testid": "back", title: "Back to the list you came from (Esc)", onclick: () => actions.back() }, "← Back"),
      h("div", { class: "reader-tool-group" }, tools.favorite, tools.bookmark, tools.marker, tools.notes, tools.exportMarkdown, tools.refetch, tools.previous, tools.next),
    ),
    h(
      "header",
      { class: "reader-header" },
      summary.siteName ? h("p", { class: "reader-site", "data-testid": "reader-site" }, summary.siteName) : null,
      h("h1", { class: "reader-title", "data-testid": "reader-title" }, summary.title),
      details.length > 0 ? h("p", { class: "reader-byline muted", "data-testid": "reader-byline" }, details.join(" · ")) : null,
    ),
    summary.linkOnly ? downloadBanner(summary.downloadError, actions.download) : null,
    content,
    h("footer", { class: "reader-footer muted" }, h("span", { class: "reader-footer-text" }, sourceLine(summary) || "Saved in your library")),
  );
  return {
    element,
    tools,
    content,
    updateProgress(scroller) {
      const max = scroller.scrollHeight - scroller.clientHeight;
      const ratio = max <= 0 ? 1 : Math.min(1, Math.max(0, scroller.scrollTop / max));
      progress.style.transform = `scaleX(${ratio})`;
    },
  };
}

/** An article imported as a link only: say so, why the last try failed if it did, and
 * offer to download it now. */
function downloadBanner(error: string | null, download: () => Promise<void>): HTMLElement {
  const button = h("button", { type: "button", class: "primary-button", "data-testid": "download-article" }, error ? "Try again" : "Download the article");
  const text = error
    ? h("p", {}, h("strong", {}, "The article could not be downloaded. "), error)
    : h("p", {}, "Only the link to this article was imported. Download it to read it here; its highlights will find their places.");
  button.addEventListener("click", () => {
    button.disabled = true;
    button.textContent = "Downloading…";
    void download().finally(() => {
      button.disabled = false;
      button.textContent = "Try again";
    });
  });
  return h("div", { class: `download-banner${error ? " failed" : ""}`, role: "status", "data-testid": "download-banner" }, text, button);
}

/** The article body. Its HTML was sanitized by the backend at import (allow-list, no
 * scripts or handlers); the CSP would block any script regardless. Links never
 * navigate the app's window: they open in the system browser. */
function articleContent(article: Article, openLink: (url: string) => void): HTMLElement {
  // A click that ends a text selection or lands on a highlight is not a request to leave.
  const content = sanitizedHtml("article-content", article.contentHtml, openLink, (event) =>
    (window.getSelection()?.isCollapsed ?? true) && !(event.target as Element).closest("mark.hl"));
  content.dataset["testid"] = "article-content";
  return content;
}
