// The library: every saved article, newest first.
import type { ArticleSummary, Progress, Shelf as CoreShelf, SortOrder, Tag } from "../api";
import { readingTime, savedLabel, siteName } from "../format";
import { h } from "../ui/dom";

/** The shelves the library shows: the backend's, less "all", plus the trash. */
export type Shelf = Exclude<CoreShelf, "all"> | "trash";

export interface LibraryActions {
  open(id: number): void;
  shelf(shelf: Shelf): void;
  sort(order: SortOrder): void;
  tag(name: string | null): void;
  narrow(filters: Narrowing): void;
  manageTags(): void;
  archive(article: ArticleSummary, archived: boolean): void;
  trash(article: ArticleSummary): void;
  restore(article: ArticleSummary): void;
  emptyTrash(): void;
  /** Bulk actions on the selected articles. */
  bulkArchive(ids: number[], archived: boolean): void;
  bulkTrash(ids: number[]): void;
  bulkTag(ids: number[], name: string): void;
  bulkExport(ids: number[]): void;
}

const SHELVES: Array<[Shelf, string]> = [
  ["inbox", "Inbox"],
  ["starred", "Starred"],
  ["archive", "Archive"],
  ["trash", "Trash"],
];

const SORTS: Array<[SortOrder, string]> = [
  ["savedNewest", "Newest saved"],
  ["savedOldest", "Oldest saved"],
  ["publishedNewest", "Newest published"],
  ["title", "Title"],
  ["progress", "Reading progress"],
  ["longest", "Longest"],
  ["shortest", "Shortest"],
];

/** Filters that combine with the shelf, the tag and each other. */
export interface Narrowing {
  progress: Progress | null;
  favoriteOnly: boolean;
  withHighlights: boolean;
}

export interface LibraryState {
  shelf: Shelf;
  sort: SortOrder;
  tag: string | null;
  tags: Tag[];
  narrowing: Narrowing;
  selection: RowSelection;
}

const PROGRESS: Array<[Progress | "", string]> = [
  ["", "Any progress"],
  ["unread", "Unread"],
  ["inProgress", "In progress"],
  ["finished", "Finished"],
];

function narrowingControls(narrowing: Narrowing, actions: LibraryActions): HTMLElement {
  const progress = h(
    "select",
    { class: "filter-select", "aria-label": "Progress", "data-testid": "progress-filter" },
    ...PROGRESS.map(([value, label]) => h("option", { value, selected: (narrowing.progress ?? "") === value }, label)),
  );
  progress.addEventListener("change", () => actions.narrow({ ...narrowing, progress: (progress.value || null) as Progress | null }));
  const toggle = (label: string, key: "favoriteOnly" | "withHighlights", testId: string): HTMLElement =>
    h(
      "button",
      {
        type: "button",
        class: "shelf",
        "aria-pressed": String(narrowing[key]),
        "data-testid": testId,
        onclick: () => actions.narrow({ ...narrowing, [key]: !narrowing[key] }),
      },
      label,
    );
  return h(
    "div",
    { class: "narrowing" },
    progress,
    toggle("★ Starred", "favoriteOnly", "filter-starred"),
    toggle("Highlighted", "withHighlights", "filter-highlighted"),
  );
}

/** The library, showing the first page of a shelf; more rows are added with `articleRows`. */
export function libraryView(articles: ArticleSummary[], total: number, state: LibraryState, actions: LibraryActions): HTMLElement {
  const { shelf, sort } = state;
  const tagSelect = h(
    "select",
    { class: "filter-select", "aria-label": "Tag", "data-testid": "tag-filter" },
    h("option", { value: "" }, "All tags"),
    ...state.tags.map((t) => h("option", { value: t.name, selected: t.name === state.tag }, `${t.name} (${t.count})`)),
  );
  tagSelect.addEventListener("change", () => actions.tag(tagSelect.value || null));
  const count = total === 1 ? "1 article" : `${total} articles`;
  const sortSelect = h(
    "select",
    { class: "filter-select sort-select", "aria-label": "Sort", "data-testid": "sort" },
    ...SORTS.map(([value, label]) => h("option", { value, selected: value === sort }, label)),
  );
  sortSelect.addEventListener("change", () => actions.sort(sortSelect.value as SortOrder));
  const library = h(
    "section",
    { class: "library", "data-testid": "library" },
    h("header", { class: "library-header" }, h("h1", {}, "Library"), h("p", { class: "muted" }, count)),
    h(
      "nav",
      { class: "shelves", "aria-label": "Shelves" },
      ...SHELVES.map(([id, label]) =>
        h("button", { type: "button", class: "shelf", "aria-current": id === shelf ? "page" : undefined, "data-testid": `shelf-${id}`, onclick: () => actions.shelf(id) }, label),
      ),
      shelf === "trash"
        ? articles.length > 0
          ? h("button", { type: "button", class: "link-button danger empty-trash", "data-testid": "empty-trash", onclick: () => actions.emptyTrash() }, "Empty trash…")
          : null
        : h(
            "div",
            { class: "library-controls" },
            state.tags.length > 0 ? tagSelect : null,
            sortSelect,
            h("button", { type: "button", class: "link-button small", "data-testid": "manage-tags", onclick: () => actions.manageTags() }, "Tags…"),
            h("button", { type: "button", class: "link-button small", "data-testid": "select-mode", onclick: (event: Event) => toggleSelecting(event.currentTarget as HTMLElement, state.selection) }, state.selection.active ? "Done" : "Select"),
          ),
    ),
    shelf === "trash" ? null : narrowingControls(state.narrowing, actions),
    articles.length === 0
      ? emptyState(shelf)
      : h("ol", { class: "article-list", "data-testid": "article-list" }, ...articleRows(articles, shelf, actions, state.selection)),
    shelf === "trash" ? null : bulkBar(shelf, actions, state.selection),
  );
  if (state.selection.active) drawSelection(library, state.selection);
  return library;
}

/** Which rows are picked for a bulk action. The library's controller owns it; the view
 * draws it (the `selecting` and `selected` classes follow it, never the reverse). */
export class RowSelection {
  active = false;
  readonly ids = new Set<number>();
}

/** Selecting: clicking rows marks them; a bar acts on all marked rows at once. */
function toggleSelecting(button: HTMLElement, selection: RowSelection): void {
  const library = button.closest<HTMLElement>(".library");
  if (!library) return;
  selection.active = !selection.active;
  if (!selection.active) selection.ids.clear();
  button.textContent = selection.active ? "Done" : "Select";
  drawSelection(library, selection);
}

function drawSelection(library: HTMLElement, selection: RowSelection): void {
  library.classList.toggle("selecting", selection.active);
  for (const row of Array.from(library.querySelectorAll<HTMLElement>(".article-row"))) {
    const picked = selection.active && selection.ids.has(Number(row.dataset.articleId));
    row.closest(".article-item")?.classList.toggle("selected", picked);
    if (selection.active) row.setAttribute("aria-pressed", String(picked));
    else row.removeAttribute("aria-pressed");
  }
  const bar = library.querySelector<HTMLElement>(".bulk-bar");
  if (!bar) return;
  const count = selection.ids.size;
  bar.hidden = !selection.active || count === 0;
  const label = bar.querySelector(".bulk-count");
  if (label) label.textContent = count === 1 ? "1 selected" : `${count} selected`;
}

function bulkBar(shelf: Shelf, actions: LibraryActions, selection: RowSelection): HTMLElement {
  const tag = h("input", { class: "tag-input", placeholder: "Tag…", "aria-label": "Tag the selected articles", "data-testid": "bulk-tag" });
  const ids = (): number[] => Array.from(selection.ids);
  tag.addEventListener("keydown", (event) => {
    event.stopPropagation();
    if (event.key === "Enter" && tag.value.trim()) actions.bulkTag(ids(), tag.value.trim());
  });
  const archived = shelf === "archive";
  return h(
    "div",
    { class: "bulk-bar", hidden: true, "data-testid": "bulk-bar" },
    h("strong", { class: "bulk-count" }, ""),
    h("button", { type: "button", class: "secondary-button", "data-testid": "bulk-archive", onclick: () => actions.bulkArchive(ids(), !archived) }, archived ? "Move to inbox" : "Archive"),
    tag,
    h("button", { type: "button", class: "secondary-button", "data-testid": "bulk-export", onclick: () => actions.bulkExport(ids()) }, "Export…"),
    h("button", { type: "button", class: "secondary-button danger", "data-testid": "bulk-trash", onclick: () => actions.bulkTrash(ids()) }, "Delete"),
  );
}

export function articleRows(articles: ArticleSummary[], shelf: Shelf, actions: LibraryActions, selection: RowSelection): HTMLElement[] {
  return articles.map((a) => articleRow(a, shelf, actions, selection));
}

function rowActions(article: ArticleSummary, shelf: Shelf, actions: LibraryActions): HTMLElement {
  const action = (label: string, testId: string, run: () => void): HTMLElement =>
    h("button", { type: "button", class: "row-action", "data-testid": testId, onclick: (event: Event) => { event.stopPropagation(); run(); } }, label);
  if (shelf === "trash") return h("div", { class: "row-actions" }, action("Restore", "row-restore", () => actions.restore(article)));
  const archived = article.state === "archive";
  return h(
    "div",
    { class: "row-actions" },
    action(archived ? "Move to inbox" : "Archive", "row-archive", () => actions.archive(article, !archived)),
    action("Delete", "row-trash", () => actions.trash(article)),
  );
}

function articleRow(article: ArticleSummary, shelf: Shelf, actions: LibraryActions, selection: RowSelection): HTMLElement {
  const source = siteName(article);
  // A link not yet downloaded has no text to time.
  const meta = [article.byline, article.linkOnly ? null : readingTime(article.readingMinutes), savedLabel(article.savedAt)]
    .filter((part): part is string => Boolean(part))
    .join(" · ");
  const button = h(
    "button",
    { class: "article-row", type: "button", "data-testid": "article-row", "data-article-id": article.id },
    source ? h("p", { class: "article-source" }, source) : null,
    h("h2", { class: "article-title" }, article.title),
    article.excerpt ? h("p", { class: "article-excerpt" }, article.excerpt) : null,
    h("p", { class: "article-meta muted" }, downloadBadge(article), meta),
    article.tags.length > 0 ? h("p", { class: "article-tags" }, ...article.tags.map((t) => h("span", { class: "tag-chip" }, t))) : null,
  );
  if (shelf !== "trash") {
    button.addEventListener("click", () => {
      const library = button.closest<HTMLElement>(".library");
      if (selection.active && library) {
        if (!selection.ids.delete(article.id)) selection.ids.add(article.id);
        drawSelection(library, selection);
      } else {
        actions.open(article.id);
      }
    });
  }
  return h("li", { class: "article-item" }, button, rowActions(article, shelf, actions));
}

/** An article imported as a link only says so in the list, and why its download failed. */
function downloadBadge(article: ArticleSummary): HTMLElement | null {
  if (!article.linkOnly) return null;
  const failed = article.downloadError !== null;
  return h(
    "span",
    {
      class: `download-badge${failed ? " failed" : ""}`,
      "data-testid": "download-badge",
      "data-tip": failed ? `The last download failed: ${article.downloadError ?? ""}` : "Only the link was imported: open it to download the article",
    },
    failed ? "Download failed" : "Link only",
  );
}

const EMPTY: Record<Shelf, [string, string]> = {
  inbox: ["Nothing to read yet", "Articles you save will appear here, ready to read offline. Use + Add to save a link, a file or a folder."],
  starred: ["No starred articles", "Star an article while reading (F) to keep it here."],
  archive: ["The archive is empty", "Archive what you have finished; it stays searchable."],
  trash: ["The trash is empty", "Deleted articles wait here, with their highlights, until you empty the trash."],
};

function emptyState(shelf: Shelf): HTMLElement {
  const [title, text] = EMPTY[shelf];
  return h("div", { class: "empty-state", "data-testid": "library-empty" }, h("h2", {}, title), h("p", { class: "muted" }, text));
}
