// The app shell: a top bar, the library or the reader, and the settings panel.
import { api, on, type AppInfo, type RecoveryAction, type ArticleSummary, type SortOrder, type BatchProgress, type BatchReport, type HighlightFilter, type LinkRequest, type Settings } from "./api";
import { DEFAULT_SETTINGS } from "./bindings";
import { applySettings, followSystemTheme } from "./settings";
import { h } from "./ui/dom";
import { progressCard, reportCard } from "./ui/import-status";
import { LIBRARY_DAMAGED_EVENT, showError, showInfo, showUndo } from "./ui/notice";
import { describeRecovery, libraryErrorView } from "./views/library-error";
import { backUpLibrary, downloadSavedLinks, exportArticles, previewDialog, reportDialog, restoreFromBackup } from "./views/move-in";
import { addPanel } from "./views/add-panel";
import { highlightsView } from "./views/highlights";
import { articleRows, type LibraryActions, type Narrowing, type Shelf } from "./views/library";
import { tagManager } from "./views/tags";
import { searchView } from "./views/search";
import { confirmDialog } from "./ui/confirm";
import { confirmLinkSave } from "./views/link-requests";
import { afterPaint, logTiming } from "./timing";
import { libraryView } from "./views/library";
import { ReaderSession, shortcutsHelp } from "./reader/session";
import { settingsPanel } from "./views/settings-panel";

/** Rows fetched per page of a shelf, and how close to the end the next page is fetched. */
const LIBRARY_PAGE = 100;
const LOAD_MORE_MARGIN_PX = 2000;

/** How long typing in the search box pauses before searching. */
const SEARCH_DELAY_MS = 200;

/** How long settings changes wait before being written (sliders fire often). */
const SAVE_SETTINGS_DELAY_MS = 250;

export class App {
  private settings: Settings | null = null;
  private readonly main = h("main", { class: "main", tabindex: "-1" });
  private readonly settingsButton = h(
    "button",
    { type: "button", class: "icon-button", "aria-label": "Reading settings", "aria-expanded": "false", "data-testid": "settings-button" },
    "Aa",
  );
  private readonly addButton = h(
    "button",
    { type: "button", class: "icon-button add-button", "aria-label": "Add to library", "aria-expanded": "false", "data-testid": "add-button" },
    "+ Add",
  );
  private readonly importStatus = h("div", { class: "import-status" });
  private readonly dropOverlay = h("div", { class: "drop-overlay", "data-testid": "drop-overlay", hidden: true }, h("p", {}, "Drop to add to your library"));
  private panel: HTMLElement | null = null;
  /** A change from another program waits for the reader to finish typing. */
  private refreshWaiting = false;
  private view: "library" | "highlights" | "search" | "reader" | "error" = "library";
  private shelf: Shelf = "inbox";
  private sort: SortOrder = "savedNewest";
  private tag: string | null = null;
  private narrowing: Narrowing = { progress: null, favoriteOnly: false, withHighlights: false };
  /** How many rows of the current shelf are shown, and how many it has. */
  private loaded = 0;
  private total = 0;
  private loadingMore = false;
  /** Article ids of the list last shown (shelf or search), for previous/next in the reader. */
  private sequence: number[] = [];
  /** Where "back" from the reader goes: the list the article was opened from. */
  private backToList: () => void = () => void this.showLibrary();
  private searchTimer: ReturnType<typeof setTimeout> | undefined;
  private readonly searchInput = h("input", {
    type: "search",
    class: "search-input",
    placeholder: "Search   /",
    "aria-label": "Search the library",
    "data-testid": "search-input",
  });
  private highlightFilter: HighlightFilter = {};
  private readonly navLibrary = h("button", { type: "button", class: "nav-button", "data-testid": "nav-library", onclick: () => void this.showLibrary() }, "Library");
  private readonly navHighlights = h("button", { type: "button", class: "nav-button", "data-testid": "nav-highlights", onclick: () => void this.showHighlights() }, "Highlights");
  private session: ReaderSession | null = null;
  private help: HTMLElement | null = null;
  private saveTimer: ReturnType<typeof setTimeout> | undefined;
  /** Which library listing is the latest asked for: older answers are dropped, and so is
   * any listing still on its way when something else is shown (see `render`). */
  private libraryTicket = 0;
  /** The lectern:// links being followed, in order. */
  private links: Promise<void> = Promise.resolve();

  constructor(private readonly root: HTMLElement) {}

  async start(): Promise<void> {
    this.root.replaceChildren(this.topBar(), this.main, this.importStatus, this.dropOverlay, h("div", { class: "notices" }));
    this.settingsButton.addEventListener("click", () => this.togglePanel("settings"));
    this.addButton.addEventListener("click", () => this.togglePanel("add"));
    this.searchInput.addEventListener("input", () => {
      clearTimeout(this.searchTimer);
      this.searchTimer = setTimeout(() => void this.search(this.searchInput.value), SEARCH_DELAY_MS);
    });
    this.searchInput.addEventListener("keydown", (event) => {
      if (event.key === "Enter") void this.search(this.searchInput.value);
      if (event.key === "Escape") {
        this.searchInput.value = "";
        this.searchInput.blur();
        void this.showLibrary();
      }
    });
    void this.listenToImports();
    document.addEventListener("keydown", (event) => this.onKey(event));
    document.addEventListener(LIBRARY_DAMAGED_EVENT, () => void this.showLibraryErrorIfAny());
    await this.loadSettings();
    followSystemTheme(() => this.settings ?? fallbackSettings());
    await this.openLibraryOrItsError();
    void afterPaint().then(() => api.firstPaint());
    this.followLinks();
  }

  /** The library if it is open (marked when read-only), else the screen with the ways out. */
  private async openLibraryOrItsError(): Promise<void> {
    const info = await api.appInfo();
    if (info.libraryError) {
      this.showLibraryError(info);
      return;
    }
    this.markReadOnly(info.readOnly);
    await this.showLibrary();
  }

  private topBar(): HTMLElement {
    return h(
      "div",
      { class: "top-bar", "data-tauri-drag-region": true },
      h(
        "div",
        { class: "top-nav" },
        h("button", { type: "button", class: "brand link-button", "data-testid": "brand", onclick: () => void this.showLibrary() }, "Lectern"),
        this.navLibrary,
        this.navHighlights,
      ),
      this.searchInput,
      h(
        "div",
        { class: "top-bar-actions" },
        this.addButton,
        this.settingsButton,
        h("button", { type: "button", class: "icon-button", title: "Keyboard shortcuts (?)", "aria-label": "Keyboard shortcuts", "data-testid": "help-button", onclick: () => this.toggleHelp() }, "?"),
      ),
    );
  }

  private async loadSettings(): Promise<void> {
    try {
      this.settings = await api.getSettings();
    } catch (error) {
      this.settings = fallbackSettings();
      showError(error, "Settings could not be loaded; using defaults");
    }
    applySettings(this.settings);
  }

  async showLibrary(shelf: Shelf = this.shelf, sort: SortOrder = this.sort): Promise<void> {
    this.closePanel();
    this.leaveSearch();
    this.view = "library";
    this.shelf = shelf;
    this.sort = sort;
    try {
      const keepScroll = this.main.querySelector(".library") ? this.main.scrollTop : 0;
      // Show at least as many rows as before (an archive or delete should not jump the list).
      const limit = Math.max(LIBRARY_PAGE, Math.min(this.loaded, 500));
      const ticket = ++this.libraryTicket;
      const [page, tags] = await Promise.all([
        shelf === "trash"
          ? api.listTrash().then((items) => ({ items, total: items.length }))
          : api.listArticles({ shelf, sort, offset: 0, limit, tag: this.tag, ...this.narrowing }),
        api.listTags(),
      ]);
      // A newer listing (a second filter changed at once, a refresh) was asked for while
      // this one ran: its answer is the one to show, whichever arrives last.
      if (ticket !== this.libraryTicket) return;
      if (this.tag && !tags.some((t) => t.name === this.tag)) this.tag = null;
      this.loaded = page.items.length;
      this.total = page.total;
      this.sequence = shelf === "trash" ? [] : page.items.map((a) => a.id);
      this.backToList = () => void this.showLibrary();
      this.render(libraryView(page.items, page.total, { shelf, sort, tag: this.tag, tags, narrowing: this.narrowing }, this.libraryActions()));
      this.main.scrollTop = keepScroll;
      this.main.onscroll = () => void this.loadMoreIfNearEnd();
      this.markNav();
    } catch (error) {
      showError(error, "The library could not be listed");
    }
  }

  private libraryActions(): LibraryActions {
    return {
      open: (id) => void this.openArticle(id),
      shelf: (next) => void this.showLibrary(next),
      sort: (order) => {
        this.loaded = 0;
        void this.showLibrary(this.shelf, order);
      },
      tag: (name) => {
        this.tag = name;
        this.loaded = 0;
        void this.showLibrary();
      },
      manageTags: () => void this.manageTags(),
      narrow: (narrowing) => {
        this.narrowing = narrowing;
        this.loaded = 0;
        void this.showLibrary();
      },
      archive: (article, archived) => void this.archive(article, archived),
      trash: (article) => void this.trash(article),
      restore: (article) => void this.restore(article),
      emptyTrash: () => void this.emptyTrash(),
      bulkArchive: (ids, archived) =>
        void this.bulk(api.setArticlesState(ids, archived ? "archive" : "inbox"), archived ? "archived" : "moved to the inbox"),
      bulkTrash: (ids) => void this.bulk(api.trashArticles(ids), "moved to the trash (restore them from Trash)"),
      bulkTag: (ids, name) => void this.bulk(api.tagArticles(name, ids).then(() => ids.length), `tagged “${name}”`),
      bulkExport: (ids) => void exportArticles(ids),
    };
  }

  private async bulk(work: Promise<number>, done: string): Promise<void> {
    try {
      const count = await work;
      await this.showLibrary();
      showInfo(`${count === 1 ? "1 article" : `${count} articles`} ${done}.`);
    } catch (error) {
      showError(error, "The selected articles could not be changed");
    }
  }

  /** Infinite scroll: the next page of the shelf when the end comes into view. */
  private async loadMoreIfNearEnd(): Promise<void> {
    const nearEnd = this.main.scrollTop + this.main.clientHeight > this.main.scrollHeight - LOAD_MORE_MARGIN_PX;
    if (!nearEnd || this.loadingMore || this.loaded >= this.total || this.shelf === "trash" || this.view !== "library") return;
    this.loadingMore = true;
    try {
      const page = await api.listArticles({ shelf: this.shelf, sort: this.sort, offset: this.loaded, limit: LIBRARY_PAGE, tag: this.tag, ...this.narrowing });
      this.loaded += page.items.length;
      this.sequence.push(...page.items.map((a) => a.id));
      this.main.querySelector("[data-testid=article-list]")?.append(...articleRows(page.items, this.shelf, this.libraryActions()));
    } catch (error) {
      showError(error, "More articles could not be loaded");
      return;
    } finally {
      this.loadingMore = false;
    }
    // A tall window may still show the end: keep filling it.
    void this.loadMoreIfNearEnd();
  }

  private async manageTags(): Promise<void> {
    document.querySelector("[data-testid=tag-manager]")?.remove();
    try {
      const tags = await api.listTags();
      const refresh = async (): Promise<void> => {
        await this.showLibrary();
        await this.manageTags();
      };
      const dialog = tagManager(tags, {
        rename: (tag, name) =>
          void api.renameTag(tag.id, name).then(
            (renamed) => {
              if (this.tag === tag.name) this.tag = renamed.name;
              void refresh();
            },
            (error: unknown) => showError(error, "The tag could not be renamed"),
          ),
        remove: (tag) =>
          void confirmDialog(`Delete the tag “${tag.name}”?`, "The articles stay in your library; only the tag goes.", "Delete tag").then((sure) =>
            sure ? api.deleteTag(tag.id).then(refresh, (error: unknown) => showError(error, "The tag could not be deleted")) : undefined,
          ),
        close: () => dialog.remove(),
      });
      this.root.append(dialog);
    } catch (error) {
      showError(error, "Tags could not be listed");
    }
  }

  private async archive(article: ArticleSummary, archived: boolean): Promise<void> {
    try {
      await api.setArticleState(article.id, archived ? "archive" : "inbox");
      await this.showLibrary();
      showUndo(archived ? `Archived “${article.title}”.` : `Moved “${article.title}” to the inbox.`, async () => {
        await api.setArticleState(article.id, archived ? "inbox" : "archive");
        await this.showLibrary();
      });
    } catch (error) {
      showError(error, "The article could not be moved");
    }
  }

  private async trash(article: ArticleSummary): Promise<void> {
    try {
      await api.trashArticle(article.id);
      await this.showLibrary();
      showUndo(`Moved “${article.title}” to the trash.`, async () => {
        await api.restoreArticle(article.id);
        await this.showLibrary();
      });
    } catch (error) {
      showError(error, "The article could not be deleted");
    }
  }

  private async restore(article: ArticleSummary): Promise<void> {
    try {
      await api.restoreArticle(article.id);
      await this.showLibrary();
      showInfo(`Restored “${article.title}”, with its highlights.`);
    } catch (error) {
      showError(error, "The article could not be restored");
    }
  }

  private async emptyTrash(): Promise<void> {
    const sure = await confirmDialog(
      "Empty the trash?",
      "The articles in the trash and their highlights, notes and bookmarks will be deleted for good. This cannot be undone.",
      "Delete for good",
    );
    if (!sure) return;
    try {
      const count = await api.emptyTrash();
      await this.showLibrary("trash");
      showInfo(count === 1 ? "1 article deleted for good." : `${count} articles deleted for good.`);
    } catch (error) {
      showError(error, "The trash could not be emptied");
    }
  }

  /** Another view replaces the results: the box no longer shows a query nothing answers. */
  private leaveSearch(): void {
    clearTimeout(this.searchTimer);
    if (document.activeElement !== this.searchInput) this.searchInput.value = "";
  }

  private async search(query: string): Promise<void> {
    if (!query.trim()) {
      if (this.view === "search") await this.showLibrary();
      return;
    }
    try {
      const results = await api.search(query);
      if (this.searchInput.value !== query) return; // a newer query is on its way
      this.view = "search";
      this.sequence = results.hits.map((hit) => hit.article.id);
      this.backToList = () => void this.search(query);
      this.closePanel();
      this.render(
        searchView(query, results, {
          openAt: (id, position) => void this.openArticle(id, undefined, position ?? undefined),
          openHighlight: (id, highlightId) => void this.openArticle(id, highlightId),
          more: async (offset) => {
            try {
              const page = await api.search(query, offset);
              this.sequence.push(...page.hits.map((hit) => hit.article.id));
              return page;
            } catch (error) {
              showError(error, "More results could not be loaded");
              throw error;
            }
          },
        }),
      );
      this.markNav();
    } catch (error) {
      showError(error, "Search failed");
    }
  }

  async showHighlights(filter: HighlightFilter = this.highlightFilter): Promise<void> {
    this.closePanel();
    this.leaveSearch();
    this.highlightFilter = filter;
    try {
      const [items, articles, tags] = await Promise.all([
        api.listAllHighlights(filter),
        api.listArticles({ shelf: "all", sort: "title", offset: 0, limit: 500 }).then((page) => page.items),
        api.listTags(),
      ]);
      this.view = "highlights";
      this.backToList = () => void this.showHighlights();
      this.render(
        highlightsView(items, filter, articles, {
          filter: (next) => void this.showHighlights(next),
          open: (articleId, highlightId) => void this.openArticle(articleId, highlightId),
          openLink: (url) => void api.openLink(url).catch((error: unknown) => showError(error, "The link could not be opened")),
        }, Date.now(), tags),
      );
      this.markNav();
    } catch (error) {
      showError(error, "Highlights could not be listed");
    }
  }

  private markNav(): void {
    const tabs: Array<[HTMLElement, typeof this.view]> = [
      [this.navLibrary, "library"],
      [this.navHighlights, "highlights"],
    ];
    for (const [tab, view] of tabs) {
      if (this.view === view) tab.setAttribute("aria-current", "page");
      else tab.removeAttribute("aria-current");
    }
  }

  async openArticle(id: number, highlightId?: number, position?: number): Promise<void> {
    this.closePanel();
    const started = performance.now();
    try {
      const article = await api.getArticle(id);
      const at = this.sequence.indexOf(id);
      const neighbour = (offset: number): (() => void) | null => {
        const other = at < 0 ? undefined : this.sequence[at + offset];
        return other === undefined ? null : () => void this.openArticle(other);
      };
      const session = new ReaderSession(article, this.main, this.backToList, {
        previous: neighbour(-1),
        next: neighbour(1),
        reload: () => void this.openArticle(id),
      });
      this.render(session.view.element);
      this.session = session;
      this.view = "reader";
      document.title = `${article.summary.title} — Lectern`;
      this.markNav();
      await session.start();
      if (highlightId !== undefined) session.revealHighlight(highlightId);
      else if (position !== undefined) session.revealPosition(position);
      const measure = `opened article ${id} (${article.summary.wordCount} words, ${session.highlightCount()} highlights)`;
      void afterPaint().then(() => logTiming(measure, started));
    } catch (error) {
      showError(error, "The article could not be opened");
    }
  }

  private render(view: HTMLElement): void {
    // Whatever is shown now is newer than any library listing still on its way.
    this.libraryTicket++;
    this.session?.stop();
    this.session = null;
    this.main.onscroll = null;
    this.main.replaceChildren(view);
    this.main.scrollTop = 0;
    document.title = "Lectern";
    this.main.focus({ preventScroll: true });
  }

  private showLibraryError(info: AppInfo): void {
    this.view = "error";
    this.render(libraryErrorView(info, { recover: (action) => this.recover(action) }));
  }

  /** After a command found the library damaged, the backend closed it: show the ways out. */
  private async showLibraryErrorIfAny(): Promise<void> {
    const info = await api.appInfo();
    if (info.libraryError) this.showLibraryError(info);
  }

  /** Take a way out from the error screen; on failure, show the screen again with the new error. */
  private async recover(action: RecoveryAction): Promise<void> {
    try {
      const outcome = await api.recoverLibrary(action);
      showInfo(describeRecovery(outcome));
    } catch (error) {
      showError(error, "The library still could not be opened");
    }
    await this.openLibraryOrItsError();
  }

  /** A library opened read-only says so in the top bar, so refused changes are no surprise. */
  private markReadOnly(readOnly: boolean): void {
    this.root.querySelector(".read-only-badge")?.remove();
    if (!readOnly) return;
    const badge = h(
      "span",
      { class: "read-only-badge", "data-testid": "read-only", title: "The library file cannot be written: you can read and search, but changes are not saved." },
      "Read-only",
    );
    this.root.querySelector(".top-bar")?.append(badge);
  }

  private togglePanel(which: "settings" | "add"): void {
    const open = this.panel?.dataset.panel;
    this.closePanel();
    if (open === which) return;
    this.panel =
      which === "settings"
        ? settingsPanel(this.settings ?? fallbackSettings(), (next) => this.changeSettings(next), {
            exportAll: () => void exportArticles([]),
            backUp: () => void backUpLibrary(),
            restore: () => void this.restoreBackup(),
            downloadLinks: () => void downloadSavedLinks(),
            connectBrowsers: () => void this.connectBrowsers(),
          })
        : addPanel({
            save: (text) => this.savePasted(text),
            cancel: () => void api.cancelImport(),
            chooseFiles: (folder) => void this.chooseFiles(folder),
            chooseExport: () => void this.moveIn(),
          });
    this.panel.dataset.panel = which;
    (which === "settings" ? this.settingsButton : this.addButton).setAttribute("aria-expanded", "true");
    this.root.append(this.panel);
  }

  private closePanel(): void {
    this.panel?.remove();
    this.panel = null;
    this.settingsButton.setAttribute("aria-expanded", "false");
    this.addButton.setAttribute("aria-expanded", "false");
  }

  /** Save a pasted link or text, then open it. Errors reach the add panel to show. */
  private async savePasted(text: string): Promise<void> {
    const saved = await api.importPasted(text);
    this.closePanel();
    if (saved.alreadySaved) showInfo(`“${saved.title}” is already in your library.`);
    await this.openArticle(saved.id);
  }

  private async chooseFiles(folder: boolean): Promise<void> {
    try {
      if (await api.chooseFilesToImport(folder)) this.closePanel();
    } catch (error) {
      showError(error, "Import could not start");
    }
  }

  /** Replace the library with a backup, then show it from the start. */
  private async restoreBackup(): Promise<void> {
    if (!(await restoreFromBackup())) return;
    this.closePanel();
    await this.openLibraryOrItsError();
  }

  /** Import another app's export: choose the file, see what it holds, import, see what happened. */
  private async moveIn(): Promise<void> {
    try {
      const chosen = await api.chooseExport();
      if (!chosen) return;
      this.closePanel();
      if (!(await previewDialog(chosen))) {
        void api.discardChosenExport();
        return;
      }
      showInfo(`Importing ${chosen.preview.articles.toLocaleString()} articles from ${chosen.preview.formatLabel}…`);
      const report = await api.importChosenExport();
      if (report.restoredSettings) {
        this.settings = report.restoredSettings;
        applySettings(report.restoredSettings);
      }
      await this.showLibrary();
      if (await reportDialog(report)) await downloadSavedLinks();
    } catch (error) {
      showError(error, "The export could not be imported");
    }
  }

  private async listenToImports(): Promise<void> {
    try {
      await on.importProgress((progress) => this.showImportProgress(progress));
      await on.importFinished((report) => void this.showImportReport(report));
      await on.dropHover((hovering) => {
        this.dropOverlay.hidden = !hovering;
      });
      await on.libraryChanged(() => void this.refreshAfterOutsideChange());
      await on.linkRequested(() => this.followLinks());
    } catch (error) {
      showError(error, "Import progress will not be shown");
    }
  }

  /** Follow the lectern:// links that reached the app, one at a time (a second link
   * waits for the first one's dialog). */
  private followLinks(): void {
    this.links = this.links
      .then(async () => {
        // One link at a time: each may ask the user in a dialog.
        // oxlint-disable-next-line no-await-in-loop
        for (const request of await api.takeLinkRequests()) await this.followLink(request);
      })
      .catch((error: unknown) => showError(error, "A lectern:// link could not be followed"));
  }

  private async followLink(request: LinkRequest): Promise<void> {
    switch (request.kind) {
      case "open":
        await this.openArticle(request.id);
        return;
      case "save":
        if (!(await confirmLinkSave(request))) return;
        showInfo(`Saving ${request.url}…`);
        await this.savePasted(request.url);
        return;
      case "refused":
        showError(new Error(request.reason), "A lectern:// link was refused");
    }
  }

  /** Write the browsers' host manifests so the Lectern extension can save to this library. */
  private async connectBrowsers(): Promise<void> {
    try {
      const browsers = await api.connectBrowsers();
      showInfo(`Connected: ${browsers.join(", ")}. Install the Lectern extension in your browser (see the README) and save a page with it.`);
    } catch (error) {
      showError(error, "The browsers could not be connected");
    }
  }

  /** Another program (the browser extension, lectern-cli) changed the library: show what
   * changed where the reader is, keeping the scroll position. Never while something is
   * being typed, chosen or confirmed: then once the reader moves on. */
  private async refreshAfterOutsideChange(): Promise<void> {
    const busy =
      document.activeElement instanceof HTMLInputElement ||
      document.activeElement instanceof HTMLTextAreaElement ||
      this.panel !== null ||
      document.querySelector(".help-overlay, .library.selecting") !== null;
    if (busy) {
      if (!this.refreshWaiting) {
        this.refreshWaiting = true;
        document.addEventListener("focusout", () => {
          this.refreshWaiting = false;
          void this.refreshAfterOutsideChange();
        }, { once: true });
      }
      return;
    }
    const scroll = this.main.scrollTop;
    if (this.view === "library") await this.showLibrary();
    else if (this.view === "highlights") await this.showHighlights();
    else if (this.view === "reader") await this.session?.refreshHighlights();
    this.main.scrollTop = scroll;
  }

  private showImportProgress(progress: BatchProgress): void {
    this.importStatus.replaceChildren(progressCard(progress, () => void api.cancelImport()));
  }

  private async showImportReport(report: BatchReport): Promise<void> {
    this.importStatus.replaceChildren(reportCard(report, () => this.importStatus.replaceChildren()));
    if (report.added + report.alreadySaved + report.failures.length === 1 && report.firstAdded !== null) {
      this.importStatus.replaceChildren();
      await this.openArticle(report.firstAdded);
    } else if (this.view === "library") {
      await this.showLibrary();
    }
  }

  /** Apply at once; write after a pause, keeping what the backend clamped. */
  private changeSettings(next: Settings): void {
    this.settings = next;
    applySettings(next);
    clearTimeout(this.saveTimer);
    this.saveTimer = setTimeout(() => {
      api.updateSettings(next).then(
        (stored) => {
          this.settings = stored;
          applySettings(stored);
        },
        (error: unknown) => showError(error, "Settings could not be saved"),
      );
    }, SAVE_SETTINGS_DELAY_MS);
  }

  private onKey(event: KeyboardEvent): void {
    const target = event.target as HTMLElement | null;
    if (target?.closest("input, textarea, [contenteditable]")) return;
    if (event.key === "Escape") {
      if (this.help) this.toggleHelp();
      else if (document.querySelector(".hl-popover")) document.querySelectorAll(".hl-popover").forEach((p) => p.remove());
      else if (this.panel) this.closePanel();
      else if (this.view === "reader") this.backToList();
      return;
    }
    if (event.key === "/") {
      event.preventDefault();
      this.searchInput.focus();
      this.searchInput.select();
      return;
    }
    if (event.key === "?") {
      this.toggleHelp();
      return;
    }
    if (this.session?.onKey(event)) event.preventDefault();
  }

  private toggleHelp(): void {
    if (this.help) {
      this.help.remove();
      this.help = null;
      return;
    }
    this.help = shortcutsHelp(() => this.toggleHelp());
    this.root.append(this.help);
  }
}

function fallbackSettings(): Settings {
  return { ...(DEFAULT_SETTINGS as Settings) };
}
