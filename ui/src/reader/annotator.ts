// Highlighting in the reader: select text and pick a colour (or, in marker mode, just
// select); click a highlight to recolour it, write a note on it, or delete it (with undo).
import { logTiming } from "../timing";
import type { AppApi, Article, Highlight, HighlightColor } from "../api";
import { h } from "../ui/dom";
import { showError, showUndo } from "../ui/notice";
import { offsetsOf, paint, recolor, TextIndex, unpaint } from "./anchoring";
import { COLORS } from "./colors";
import { articleText } from "./article-text";

export interface AnnotatorEvents {
  /** Highlights were added, changed or removed. */
  changed(highlights: Highlight[]): void;
}

export class Annotator {
  private readonly highlights = new Map<number, Highlight>();
  private popover: HTMLElement | null = null;
  color: HighlightColor = "yellow";
  markerMode = false;

  constructor(
    private readonly api: AppApi,
    private readonly article: Article,
    private readonly content: HTMLElement,
    private readonly events: AnnotatorEvents,
  ) {
    content.addEventListener("mouseup", () => setTimeout(() => this.onSelectionEnd(), 0));
    content.addEventListener("click", (event) => this.onClick(event));
  }

  /** Paint the article's highlights (fetched with the article, before it is shown:
   * painting into a detached tree costs no layout). */
  paintAll(highlights: Highlight[]): void {
    const index = new TextIndex(this.content);
    for (const highlight of highlights) this.show(highlight, index);
    this.events.changed(this.list());
  }

  /** Show the highlights as the library has them now (another program may have added,
   * changed or removed some): each one repainted, none twice. */
  async reload(): Promise<void> {
    const fresh = await this.api.listHighlights(this.article.summary.id);
    for (const id of this.highlights.keys()) unpaint(this.content, id);
    this.highlights.clear();
    const index = new TextIndex(this.content);
    for (const highlight of fresh) this.show(highlight, index);
    this.events.changed(this.list());
  }

  list(): Highlight[] {
    return Array.from(this.highlights.values()).sort(
      (a, b) => Number(a.orphaned) - Number(b.orphaned) || a.selector.start - b.selector.start,
    );
  }

  /** The current selection inside the article, as offsets and text. */
  selection(): { start: number; end: number; exact: string; range: Range } | null {
    const selection = window.getSelection();
    if (!selection || selection.rangeCount === 0 || selection.isCollapsed) return null;
    const range = selection.getRangeAt(0);
    const offsets = offsetsOf(this.content, range);
    const exact = range.toString();
    if (!offsets || exact.trim() === "") return null;
    return { ...offsets, exact, range };
  }

  /** Highlight the current selection; returns the new highlight. */
  async highlightSelection(color: HighlightColor = this.color, openNote = false): Promise<Highlight | null> {
    const selected = this.selection();
    if (!selected) return null;
    this.closePopover();
    try {
      const started = performance.now();
      const highlight = await this.api.addHighlight(this.article.summary.id, {
        start: selected.start,
        end: selected.end,
        exact: selected.exact,
        color,
        note: null,
      });
      logTiming("highlight saved (round trip)", started);
      window.getSelection()?.removeAllRanges();
      this.color = color;
      this.show(highlight);
      this.events.changed(this.list());
      if (openNote) this.openEditor(highlight.id, true);
      return highlight;
    } catch (error) {
      showError(error, "The highlight could not be saved");
      return null;
    }
  }

  /** Scroll a highlight into view and flash it. */
  reveal(id: number): void {
    const mark = this.content.querySelector<HTMLElement>(`mark.hl[data-highlight-id="${id}"]`);
    if (!mark) return;
    mark.scrollIntoView({ block: "center" });
    for (const piece of this.marks(id)) {
      piece.classList.remove("hl-flash");
      void piece.offsetWidth; // restart the animation
      piece.classList.add("hl-flash");
    }
  }

  openEditor(id: number, focusNote = false): void {
    const highlight = this.highlights.get(id);
    const anchor = this.marks(id)[0];
    if (!highlight) return;
    this.closePopover();
    const note = h("textarea", { class: "note-input", rows: 3, placeholder: "Add a note (Markdown)…", "data-testid": "note-input" });
    note.value = highlight.note;
    const saveNote = async (): Promise<void> => {
      if (note.value === (this.highlights.get(id)?.note ?? "")) return;
      try {
        this.update(await this.api.setHighlightNote(id, note.value));
      } catch (error) {
        showError(error, "The note could not be saved");
      }
    };
    const popover = h(
      "div",
      { class: "hl-popover", role: "dialog", "aria-label": "Highlight", "data-testid": "highlight-popover" },
      this.swatches(highlight.color, (color) => void this.recolor(id, color)),
      note,
      h(
        "div",
        { class: "hl-popover-actions" },
        h("button", { type: "button", class: "link-button danger", "data-testid": "highlight-delete", onclick: () => void this.remove(id) }, "Delete"),
        h("button", { type: "button", class: "primary-button small", "data-testid": "note-save", onclick: () => void saveNote().then(() => this.closePopover()) }, "Done"),
      ),
    );
    note.addEventListener("keydown", (event) => {
      if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) void saveNote().then(() => this.closePopover());
      if (event.key === "Escape") void saveNote().then(() => this.closePopover());
      event.stopPropagation();
    });
    note.addEventListener("blur", () => void saveNote());
    this.place(popover, anchor?.getBoundingClientRect());
    if (focusNote) note.focus();
  }

  /** Close the highlight's popover or the selection toolbar; false when none was open. */
  closePopover(): boolean {
    const open = this.popover !== null;
    this.popover?.remove();
    this.popover = null;
    return open;
  }

  private onSelectionEnd(): void {
    const selected = this.selection();
    if (!selected) return;
    if (this.markerMode) {
      void this.highlightSelection();
      return;
    }
    this.closePopover();
    const overlapping = this.list().filter((x) => !x.orphaned && x.selector.start < selected.end && selected.start < x.selector.end);
    const resizable = overlapping.length === 1 ? overlapping[0] : undefined;
    const toolbar = h(
      "div",
      { class: "hl-popover hl-toolbar", role: "toolbar", "aria-label": "Highlight selection", "data-testid": "selection-toolbar" },
      this.swatches(null, (color) => void this.highlightSelection(color)),
      h("button", { type: "button", class: "link-button", "data-testid": "highlight-with-note", onclick: () => void this.highlightSelection(this.color, true) }, "Note"),
      resizable
        ? h(
            "button",
            { type: "button", class: "link-button", "data-testid": "resize-highlight", onmousedown: (event: Event) => event.preventDefault(), onclick: () => void this.resize(resizable.id) },
            within(selected, resizable) ? "Trim highlight" : "Extend highlight",
          )
        : null,
    );
    this.place(toolbar, selected.range.getBoundingClientRect());
  }

  private onClick(event: MouseEvent): void {
    const mark = (event.target as Element | null)?.closest?.("mark.hl") as HTMLElement | null;
    if (!mark || !this.selectionIsEmpty()) return;
    this.openEditor(Number(mark.dataset.highlightId));
  }

  private selectionIsEmpty(): boolean {
    return window.getSelection()?.isCollapsed ?? true;
  }

  private swatches(current: HighlightColor | null, pick: (color: HighlightColor) => void): HTMLElement {
    return h(
      "div",
      { class: "swatches" },
      ...COLORS.map(({ color, name, key }) =>
        h("button", {
          type: "button",
          class: `swatch${color === current ? " selected" : ""}`,
          "data-color": color,
          "data-testid": `swatch-${color}`,
          "data-tip": `${name} (${key})`,
          "aria-label": name,
          // Keep the text selection alive while clicking.
          onmousedown: (event: Event) => event.preventDefault(),
          onclick: () => pick(color),
        }),
      ),
    );
  }

  private place(popover: HTMLElement, rect: DOMRect | undefined): void {
    this.popover = popover;
    document.body.append(popover);
    const width = popover.offsetWidth;
    const top = rect ? rect.top - popover.offsetHeight - 10 : 80;
    const left = rect ? rect.left + rect.width / 2 - width / 2 : window.innerWidth / 2 - width / 2;
    popover.style.top = `${Math.max(8, top < 8 && rect ? rect.bottom + 10 : top)}px`;
    popover.style.left = `${Math.min(window.innerWidth - width - 8, Math.max(8, left))}px`;
  }

  /** Extend a highlight to cover the selection too, or trim it to a selection inside it. */
  private async resize(id: number): Promise<void> {
    const highlight = this.highlights.get(id);
    const selected = this.selection();
    if (!highlight || !selected) return;
    const [start, end] = within(selected, highlight)
      ? [selected.start, selected.end]
      : [Math.min(selected.start, highlight.selector.start), Math.max(selected.end, highlight.selector.end)];
    const exact = articleText(this.content).slice(start, end);
    this.closePopover();
    try {
      const resized = await this.api.setHighlightRange(id, start, end, exact);
      window.getSelection()?.removeAllRanges();
      unpaint(this.content, id);
      this.show(resized);
      this.events.changed(this.list());
    } catch (error) {
      showError(error, "The highlight could not be resized");
    }
  }

  private async recolor(id: number, color: HighlightColor): Promise<void> {
    try {
      this.update(await this.api.setHighlightColor(id, color));
      this.color = color;
      this.openEditor(id);
    } catch (error) {
      showError(error, "The colour could not be changed");
    }
  }

  private async remove(id: number): Promise<void> {
    this.closePopover();
    try {
      const deleted = await this.api.deleteHighlight(id);
      this.highlights.delete(id);
      unpaint(this.content, id);
      this.events.changed(this.list());
      showUndo("Highlight deleted.", async () => {
        this.show(await this.api.restoreHighlight(deleted));
        this.events.changed(this.list());
      });
    } catch (error) {
      showError(error, "The highlight could not be deleted");
    }
  }

  /** Paint a highlight; `index` when painting many at once (see TextIndex). */
  private show(highlight: Highlight, index?: TextIndex): void {
    this.highlights.set(highlight.id, highlight);
    if (!highlight.orphaned) {
      paint(this.content, highlight.id, highlight.selector.start, highlight.selector.end, highlight.color, index);
    }
  }

  private update(highlight: Highlight): void {
    this.highlights.set(highlight.id, highlight);
    recolor(this.content, highlight.id, highlight.color);
    this.events.changed(this.list());
  }

  private marks(id: number): HTMLElement[] {
    return Array.from(this.content.querySelectorAll<HTMLElement>(`mark.hl[data-highlight-id="${id}"]`));
  }
}

/** Whether a selection lies inside a highlight (trimming) rather than reaching past it. */
function within(selected: { start: number; end: number }, highlight: Highlight): boolean {
  return selected.start >= highlight.selector.start && selected.end <= highlight.selector.end;
}
