// Every highlight in the library, newest first, filterable by colour, article and date;
// each one opens its article at the passage.
import type { HighlightColor, HighlightFilter, HighlightInLibrary, Tag } from "../api";
import { savedLabel } from "../format";
import { COLORS } from "../reader/colors";
import { h } from "../ui/dom";
import { sanitizedHtml } from "../ui/links";

export interface HighlightsActions {
  filter(next: HighlightFilter): void;
  open(articleId: number, highlightId: number): void;
  openLink(url: string): void;
}

const DAY = 24 * 60 * 60 * 1000;
const PERIODS: Array<[string, number | null]> = [
  ["Any time", null],
  ["Past week", 7 * DAY],
  ["Past month", 30 * DAY],
  ["Past year", 365 * DAY],
];

export function highlightsView(
  items: HighlightInLibrary[],
  filter: HighlightFilter,
  articles: Array<{ id: number; title: string }>,
  actions: HighlightsActions,
  now: number = Date.now(),
  tags: Tag[] = [],
): HTMLElement {
  const tagSelect = h(
    "select",
    { class: "filter-select", "aria-label": "Tag", "data-testid": "filter-tag" },
    h("option", { value: "" }, "All tags"),
    ...tags.map((t) => h("option", { value: t.name, selected: filter.tag === t.name }, t.name)),
  );
  tagSelect.addEventListener("change", () => actions.filter({ ...filter, tag: tagSelect.value || null }));
  const colors = new Set(filter.colors ?? []);
  const toggleColor = (color: HighlightColor): void => {
    const next = new Set(colors);
    if (next.has(color)) next.delete(color);
    else next.add(color);
    actions.filter({ ...filter, colors: Array.from(next) });
  };
  const articleSelect = h(
    "select",
    { class: "filter-select", "aria-label": "Article", "data-testid": "filter-article" },
    h("option", { value: "" }, "All articles"),
    ...articles.map((a) => h("option", { value: a.id, selected: filter.articleId === a.id }, a.title)),
  );
  articleSelect.addEventListener("change", () =>
    actions.filter({ ...filter, articleId: articleSelect.value ? Number(articleSelect.value) : null }),
  );
  const periodSelect = h(
    "select",
    { class: "filter-select", "aria-label": "When", "data-testid": "filter-period" },
    ...PERIODS.map(([label], index) => h("option", { value: index, selected: index === periodIndex(filter, now) }, label)),
  );
  periodSelect.addEventListener("change", () => {
    const span = PERIODS[Number(periodSelect.value)]?.[1] ?? null;
    actions.filter({ ...filter, since: span === null ? null : now - span });
  });
  return h(
    "section",
    { class: "library highlights-view", "data-testid": "highlights-view" },
    h("header", { class: "library-header" }, h("h1", {}, "Highlights"), h("p", { class: "muted" }, count(items.length))),
    h(
      "div",
      { class: "filters" },
      h(
        "div",
        { class: "swatches", role: "group", "aria-label": "Colours" },
        ...COLORS.map(({ color, name }) =>
          h("button", {
            type: "button",
            class: `swatch${colors.has(color) ? " selected" : ""}`,
            "data-color": color,
            "data-testid": `filter-${color}`,
            "aria-pressed": colors.has(color) ? "true" : "false",
            "data-tip": `Only ${name.toLowerCase()}`,
            "aria-label": name,
            onclick: () => toggleColor(color),
          }),
        ),
      ),
      articleSelect,
      tags.length > 0 ? tagSelect : null,
      periodSelect,
    ),
    items.length === 0
      ? h(
          "div",
          { class: "empty-state", "data-testid": "highlights-empty" },
          h("h2", {}, "No highlights here yet"),
          h("p", { class: "muted" }, "Select text in any article and pick a colour. Your highlights gather here."),
        )
      : h("ol", { class: "article-list", "data-testid": "highlight-list" }, ...items.map((item) => entry(item, actions))),
  );
}

function entry(item: HighlightInLibrary, actions: HighlightsActions): HTMLElement {
  const { highlight } = item;
  // Rendered and sanitized by lectern-core; a link in it opens the link, not the article.
  const note = sanitizedHtml("sidebar-note", highlight.noteHtml, actions.openLink);
  const button = h(
    "button",
    { type: "button", class: "article-row highlight-entry", "data-color": highlight.color, "data-testid": "highlight-entry" },
    h("blockquote", {}, highlight.selector.exact),
    highlight.noteHtml ? note : null,
    h(
      "p",
      { class: "article-meta muted" },
      [item.articleTitle, item.siteName, savedLabel(highlight.createdAt).replace("Saved", "Highlighted"), highlight.orphaned ? "no longer in the text" : null]
        .filter((part): part is string => Boolean(part))
        .join(" · "),
    ),
  );
  button.addEventListener("click", () => actions.open(highlight.articleId, highlight.id));
  return h("li", {}, button);
}

/** Which period a filter's `since` stands for (the closest one). */
function periodIndex(filter: HighlightFilter, now: number): number {
  if (filter.since === null || filter.since === undefined) return 0;
  const span = now - filter.since;
  let best = 1;
  PERIODS.forEach(([, length], index) => {
    if (length !== null && Math.abs(length - span) < Math.abs((PERIODS[best]?.[1] ?? 0) - span)) best = index;
  });
  return best;
}

function count(n: number): string {
  return n === 1 ? "1 highlight" : `${n} highlights`;
}
