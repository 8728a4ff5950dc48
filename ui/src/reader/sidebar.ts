// The notes sidebar of the open article: its own note, its highlights (click to jump),
// highlights whose text is gone (orphaned), and its bookmarks.
import type { Bookmark, Highlight } from "../api";
import { h } from "../ui/dom";
import { sanitizedHtml } from "../ui/links";
import { COLORS } from "./colors";

export interface SidebarActions {
  jumpToHighlight(id: number): void;
  editHighlight(id: number): void;
  jumpToBookmark(bookmark: Bookmark): void;
  deleteBookmark(bookmark: Bookmark): void;
  saveArticleNote(note: string): void;
  openLink(url: string): void;
}

export interface SidebarData {
  note: string;
  highlights: Highlight[];
  bookmarks: Bookmark[];
}

export function sidebar(data: SidebarData, actions: SidebarActions): HTMLElement {
  const anchored = data.highlights.filter((x) => !x.orphaned);
  const orphaned = data.highlights.filter((x) => x.orphaned);
  const note = h("textarea", { class: "note-input", rows: 3, placeholder: "Your note on this article (Markdown)…", "data-testid": "article-note" });
  note.value = data.note;
  note.addEventListener("change", () => actions.saveArticleNote(note.value));
  note.addEventListener("keydown", (event) => event.stopPropagation());
  return h(
    "aside",
    { class: "sidebar", "aria-label": "Notes and highlights", "data-testid": "sidebar" },
    section("Article note", note),
    section(
      `Highlights · ${anchored.length}`,
      anchored.length === 0
        ? h("p", { class: "muted sidebar-empty" }, "Select text to highlight it. Press H to highlight, N to add a note.")
        : h("ol", { class: "sidebar-list", "data-testid": "sidebar-highlights" }, ...anchored.map((x) => highlightItem(x, actions))),
    ),
    orphaned.length > 0
      ? section(
          `No longer in the text · ${orphaned.length}`,
          h("p", { class: "muted sidebar-empty" }, "The article changed and these passages were not found again. They are kept here."),
          h("ol", { class: "sidebar-list orphaned", "data-testid": "sidebar-orphaned" }, ...orphaned.map((x) => highlightItem(x, actions))),
        )
      : null,
    section(
      `Bookmarks · ${data.bookmarks.length}`,
      data.bookmarks.length === 0
        ? h("p", { class: "muted sidebar-empty" }, "Press B to bookmark where you are.")
        : h("ol", { class: "sidebar-list", "data-testid": "sidebar-bookmarks" }, ...data.bookmarks.map((b) => bookmarkItem(b, actions))),
    ),
  );
}

function section(title: string, ...children: Array<HTMLElement | null>): HTMLElement {
  return h("section", { class: "sidebar-section" }, h("h2", { class: "settings-label" }, title), ...children);
}

function highlightItem(highlight: Highlight, actions: SidebarActions): HTMLElement {
  const colorName = COLORS.find((c) => c.color === highlight.color)?.name ?? highlight.color;
  // Rendered and sanitized from Markdown by lectern-core.
  const noteView = sanitizedHtml("sidebar-note", highlight.noteHtml, actions.openLink);
  const item = h(
    "li",
    { class: "sidebar-item", "data-color": highlight.color, "data-testid": "sidebar-highlight" },
    h(
      "button",
      {
        type: "button",
        class: "sidebar-quote",
        "data-tip": `${colorName} highlight: click to go to it`,
        disabled: highlight.orphaned,
        onclick: () => actions.jumpToHighlight(highlight.id),
      },
      highlight.selector.exact,
    ),
    highlight.noteHtml ? noteView : null,
    highlight.orphaned ? null : h("button", { type: "button", class: "link-button small", onclick: () => actions.editHighlight(highlight.id) }, highlight.note ? "Edit note" : "Add note"),
  );
  return item;
}

function bookmarkItem(bookmark: Bookmark, actions: SidebarActions): HTMLElement {
  return h(
    "li",
    { class: "sidebar-item bookmark-item", "data-testid": "sidebar-bookmark" },
    h(
      "button",
      { type: "button", class: "sidebar-quote", onclick: () => actions.jumpToBookmark(bookmark) },
      bookmark.label ? h("strong", {}, bookmark.label) : null,
      h("span", {}, bookmark.context),
    ),
    h("button", { type: "button", class: "link-button small danger", "aria-label": "Delete bookmark", onclick: () => actions.deleteBookmark(bookmark) }, "Delete"),
  );
}
