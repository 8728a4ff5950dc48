// One open article: the reader view with its highlights, notes sidebar, bookmarks,
// star, marker mode, keyboard shortcuts and the reading position kept as you read.
import { AppError, type AppApi, type Article, type Bookmark, type Highlight } from "../api";
import { showError, showInfo } from "../ui/notice";
import { readerView, type ReaderView } from "../views/reader";
import { offsetsOf, rangeAt } from "./anchoring";
import { Annotator } from "./annotator";
import { COLORS } from "./colors";
import { sidebar } from "./sidebar";
import { tagEditor } from "../views/tags";
import { exportArticles } from "../views/move-in";
import { refetchSummary } from "../format";

/** How long scrolling must pause before the position is saved. */
const SAVE_POSITION_DELAY_MS = 500;
/** How far below the top of the reading area the "current place" is taken. */
const READING_LINE_PX = 96;

export class ReaderSession {
  readonly view: ReaderView;
  private readonly annotator: Annotator;
  private highlights: Highlight[] = [];
  private bookmarks: Bookmark[] = [];
  private sidebarOpen = false;
  private sidebarElement: HTMLElement | null = null;
  private saveTimer: ReturnType<typeof setTimeout> | undefined;
  /** The tag editor shown, replaced whenever the tags change. */
  private tagEditorElement: HTMLElement | null = null;

  constructor(
    private readonly api: AppApi,
    private readonly article: Article,
    private readonly scroller: HTMLElement,
    back: () => void,
    /** The neighbours in the list the article was opened from, if any, and how to open
     * this article afresh (after its page was downloaded). */
    private readonly neighbours: { previous: (() => void) | null; next: (() => void) | null; reload?: () => void } = { previous: null, next: null },
  ) {
    this.view = readerView(article, {
      back,
      openLink: (url) => void this.api.openLink(url).catch((error: unknown) => showError(error, "The link could not be opened")),
      download: () => this.download(),
    });
    this.annotator = new Annotator(api, article, this.view.content, {
      changed: (highlights) => {
        this.highlights = highlights;
        this.renderSidebar();
      },
    });
    const { tools } = this.view;
    tools.favorite.addEventListener("click", () => void this.toggleFavorite());
    tools.bookmark.addEventListener("click", () => void this.bookmarkHere());
    tools.marker.addEventListener("click", () => this.toggleMarker());
    tools.notes.addEventListener("click", () => this.toggleSidebar());
    tools.exportMarkdown.addEventListener("click", () => void exportArticles([this.article.summary.id]));
    tools.refetch?.addEventListener("click", () => void this.refetch());
    for (const [button, go] of [[tools.previous, neighbours.previous], [tools.next, neighbours.next]] as const) {
      button.disabled = go === null;
      if (go) button.addEventListener("click", go);
    }
    this.renderTags();
  }

  private renderTags(): void {
    const editor = tagEditor(this.article.summary.tags, {
      add: async (name) => {
        try {
          const tag = await this.api.tagArticles(name, [this.article.summary.id]);
          if (!this.article.summary.tags.includes(tag.name)) this.article.summary.tags = [...this.article.summary.tags, tag.name].sort((a, b) => a.localeCompare(b));
          this.renderTags();
          this.focusTagInput();
        } catch (error) {
          showError(error, "The tag could not be added");
        }
      },
      remove: async (name) => {
        try {
          await this.api.untagArticle(name, this.article.summary.id);
          this.article.summary.tags = this.article.summary.tags.filter((t) => t !== name);
          this.renderTags();
        } catch (error) {
          showError(error, "The tag could not be removed");
        }
      },
    });
    if (this.tagEditorElement) this.tagEditorElement.replaceWith(editor);
    else this.view.element.querySelector(".reader-header")?.append(editor);
    this.tagEditorElement = editor;
  }

  private focusTagInput(): void {
    this.tagEditorElement?.querySelector("input")?.focus();
  }

  /** Download the page of this link-only article, then show it (or why it failed). */
  private async download(): Promise<void> {
    try {
      await this.api.downloadArticle(this.article.summary.id);
      showInfo("Downloaded. Its highlights have found their places.");
    } catch (error) {
      // A failed download is shown on the article itself, with its reason, once reopened.
      if (!(error instanceof AppError && error.kind === "network")) showError(error, "The article could not be downloaded");
    }
    this.neighbours.reload?.();
  }

  /** Fetch the article's page again; say what changed, then show the new text. */
  private async refetch(): Promise<void> {
    const button = this.view.tools.refetch;
    if (!button) return;
    button.disabled = true;
    button.textContent = "Fetching…";
    try {
      const report = await this.api.refetchArticle(this.article.summary.id);
      showInfo(refetchSummary(report));
      if (report.changed) this.neighbours.reload?.();
    } catch (error) {
      showError(error, "The article could not be fetched again");
    } finally {
      button.disabled = false;
      button.textContent = "Re-fetch";
    }
  }

  /** How many highlights the article has (anchored or not). */
  highlightCount(): number {
    return this.annotator.list().length;
  }

  /** Before the view is in the document: paint the highlights and keep the bookmarks
   * fetched with the article (null: they could not be loaded, and the user was told). */
  prepare(highlights: Highlight[] | null, bookmarks: Bookmark[] | null): void {
    if (highlights) this.annotator.paintAll(highlights);
    this.bookmarks = bookmarks ?? [];
  }

  /** Once the view is in the document: the sidebar, the saved place, saving the place. */
  start(): void {
    this.renderSidebar();
    this.scrollToPosition(this.article.lastPosition);
    this.scroller.onscroll = () => {
      this.view.updateProgress(this.scroller);
      clearTimeout(this.saveTimer);
      this.saveTimer = setTimeout(() => void this.savePosition(), SAVE_POSITION_DELAY_MS);
    };
    this.view.updateProgress(this.scroller);
  }

  /** The library changed outside the app: show this article's highlights as they are now. */
  async refreshHighlights(): Promise<void> {
    await this.annotator.reload().catch((error: unknown) => showError(error, "Highlights could not be loaded"));
  }

  revealHighlight(id: number): void {
    this.annotator.reveal(id);
  }

  /** Scroll to a text offset (a search match) and flash the words there. */
  revealPosition(position: number): void {
    this.scrollToPosition(position);
  }

  stop(): void {
    clearTimeout(this.saveTimer);
    this.annotator.closePopover();
    this.sidebarElement?.remove();
    document.documentElement.classList.remove("with-sidebar");
  }

  /** Close the highlight popover or selection toolbar, if one is open. */
  closePopover(): boolean {
    return this.annotator.closePopover();
  }

  /** Keyboard shortcuts while reading. Returns true when the key was used. */
  onKey(event: KeyboardEvent): boolean {
    if (event.ctrlKey || event.metaKey || event.altKey) return false;
    const color = COLORS.find((c) => c.key === event.key);
    switch (event.key.toLowerCase()) {
      case "h":
        void this.annotator.highlightSelection();
        return true;
      case "n":
        void this.annotator.highlightSelection(this.annotator.color, true);
        return true;
      case "m":
        this.toggleMarker();
        return true;
      case "s":
        this.toggleSidebar();
        return true;
      case "b":
        void this.bookmarkHere();
        return true;
      case "f":
        void this.toggleFavorite();
        return true;
      case "t":
        this.focusTagInput();
        return true;
      case "[":
        this.neighbours.previous?.();
        return true;
      case "]":
        this.neighbours.next?.();
        return true;
      case "j":
        this.scroller.scrollBy({ top: this.scroller.clientHeight * 0.8 });
        return true;
      case "k":
        this.scroller.scrollBy({ top: -this.scroller.clientHeight * 0.8 });
        return true;
      default:
        if (color && this.annotator.selection()) {
          void this.annotator.highlightSelection(color.color);
          return true;
        }
        return false;
    }
  }

  /** The text offset at the reading line: where the reader is. */
  currentPosition(): number {
    const top = this.scroller.getBoundingClientRect().top + READING_LINE_PX;
    const blocks = this.view.content.querySelectorAll<HTMLElement>("p, li, h1, h2, h3, h4, h5, h6, blockquote, pre, figure, td");
    for (const block of Array.from(blocks)) {
      if (block.getBoundingClientRect().bottom > top) {
        const range = document.createRange();
        range.selectNodeContents(block);
        return offsetsOf(this.view.content, range)?.start ?? 0;
      }
    }
    return 0;
  }

  private scrollToPosition(position: number): void {
    if (position <= 0) return;
    const range = rangeAt(this.view.content, position, position + 1);
    const rect = range?.getBoundingClientRect();
    if (!rect) return;
    const offset = rect.top - this.scroller.getBoundingClientRect().top - READING_LINE_PX + 8;
    this.scroller.scrollTop += offset;
  }

  private async savePosition(): Promise<void> {
    const max = this.scroller.scrollHeight - this.scroller.clientHeight;
    const progress = max <= 0 ? 1 : this.scroller.scrollTop / max;
    try {
      await this.api.saveReadingPosition(this.article.summary.id, this.currentPosition(), progress);
    } catch (error) {
      showError(error, "Your place could not be saved");
    }
  }

  private async bookmarkHere(): Promise<void> {
    try {
      const bookmark = await this.api.addBookmark(this.article.summary.id, this.currentPosition(), "");
      this.bookmarks = [...this.bookmarks, bookmark].sort((a, b) => a.position - b.position);
      this.renderSidebar();
      showInfo("Bookmarked. Find it under Notes.");
    } catch (error) {
      showError(error, "The bookmark could not be saved");
    }
  }

  private async toggleFavorite(): Promise<void> {
    const next = !this.article.summary.favorite;
    try {
      await this.api.setFavorite(this.article.summary.id, next);
      this.article.summary.favorite = next;
      this.view.tools.favorite.setAttribute("aria-pressed", String(next));
      this.view.tools.favorite.textContent = next ? "★ Starred" : "☆ Star";
    } catch (error) {
      showError(error, "The star could not be saved");
    }
  }

  private toggleMarker(): void {
    this.annotator.markerMode = !this.annotator.markerMode;
    this.view.tools.marker.setAttribute("aria-pressed", String(this.annotator.markerMode));
    showInfo(this.annotator.markerMode ? "Marker on: selecting text highlights it." : "Marker off.");
  }

  private toggleSidebar(): void {
    this.sidebarOpen = !this.sidebarOpen;
    this.view.tools.notes.setAttribute("aria-pressed", String(this.sidebarOpen));
    document.documentElement.classList.toggle("with-sidebar", this.sidebarOpen);
    this.renderSidebar();
  }

  private renderSidebar(): void {
    this.sidebarElement?.remove();
    this.sidebarElement = null;
    if (!this.sidebarOpen) return;
    this.sidebarElement = sidebar(
      { note: this.article.note, highlights: this.highlights, bookmarks: this.bookmarks },
      {
        jumpToHighlight: (id) => this.annotator.reveal(id),
        editHighlight: (id) => {
          this.annotator.reveal(id);
          this.annotator.openEditor(id, true);
        },
        jumpToBookmark: (bookmark) => this.scrollToPosition(bookmark.position),
        deleteBookmark: (bookmark) => void this.deleteBookmark(bookmark),
        saveArticleNote: (note) => void this.saveArticleNote(note),
        openLink: (url) => void this.api.openLink(url).catch((error: unknown) => showError(error, "The link could not be opened")),
      },
    );
    document.body.append(this.sidebarElement);
  }

  private async deleteBookmark(bookmark: Bookmark): Promise<void> {
    try {
      await this.api.deleteBookmark(bookmark.id);
      this.bookmarks = this.bookmarks.filter((b) => b.id !== bookmark.id);
      this.renderSidebar();
    } catch (error) {
      showError(error, "The bookmark could not be deleted");
    }
  }

  private async saveArticleNote(note: string): Promise<void> {
    try {
      await this.api.setArticleNote(this.article.summary.id, note);
      this.article.note = note;
    } catch (error) {
      showError(error, "The note could not be saved");
    }
  }
}
