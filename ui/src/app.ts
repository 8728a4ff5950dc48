// The composition root: the shell, the router and one controller per view, wired to the
// backend's API and events. What each part does lives in its own file (app/, controllers/).
import type { AppApi, AppEvents } from "./api";
import { Router } from "./app/router";
import { Shell } from "./app/shell";
import { HighlightsController } from "./controllers/highlights";
import { ImportController } from "./controllers/imports";
import { LibraryController } from "./controllers/library";
import { LibraryFileController } from "./controllers/library-file";
import { ReaderController } from "./controllers/reader";
import { SearchController } from "./controllers/search";
import { SettingsController } from "./controllers/settings";
import { afterPaint } from "./timing";
import { LIBRARY_DAMAGED_EVENT } from "./ui/notice";

export class App {
  readonly shell: Shell;
  readonly router: Router;
  private readonly search: SearchController;
  private readonly settings: SettingsController;
  private readonly imports: ImportController;
  private readonly libraryFile: LibraryFileController;

  constructor(
    root: HTMLElement,
    private readonly api: AppApi,
    private readonly events: AppEvents,
  ) {
    this.shell = new Shell(root, {
      home: () => this.goToList({ view: "library" }),
      library: () => this.goToList({ view: "library" }),
      highlights: () => this.goToList({ view: "highlights" }),
      panel: (which) => (which === "settings" ? this.settings.togglePanel() : this.imports.togglePanel()),
    });
    this.router = new Router(this.shell);
    this.search = new SearchController(api, this.shell, this.router);
    this.libraryFile = new LibraryFileController(api, this.shell, this.router);
    this.settings = new SettingsController(api, this.shell, () => void this.libraryFile.restoreBackup());
    this.imports = new ImportController(api, this.shell, this.router, this.settings);
    this.router.use({
      library: new LibraryController(api, this.shell, this.router),
      highlights: new HighlightsController(api, this.shell, this.router),
      search: this.search,
      reader: new ReaderController(api, this.shell, this.router),
      error: this.libraryFile,
    });
  }

  async start(): Promise<void> {
    this.shell.mount();
    void this.imports.listen(this.events);
    document.addEventListener("keydown", (event) => this.onKey(event));
    document.addEventListener(LIBRARY_DAMAGED_EVENT, () => void this.router.go({ view: "error" }));
    // Where the first screen's time goes, from the page's start (performance.now()):
    // logged with the first paint, beside the process-wide figure the backend logs.
    const stages = [`script ${performance.now().toFixed(0)}`];
    // The settings and the library's state are asked for at once; nothing is shown
    // before the settings are applied (no flash of the wrong theme).
    const settingsApplied = this.settings.load().then(() => stages.push(`settings ${performance.now().toFixed(0)}`));
    await this.libraryFile.open(settingsApplied);
    stages.push(`library shown ${performance.now().toFixed(0)}`);
    void afterPaint().then(() => {
      this.api.log("info", `timing: first screen stages (ms since the page started): ${stages.join(", ")}, painted ${performance.now().toFixed(0)}`);
      return this.api.firstPaint();
    });
    this.imports.followLinks();
  }

  /** The library or the highlights from the top bar: the search box lets go of its query. */
  private goToList(route: { view: "library" } | { view: "highlights" }): void {
    this.search.leave();
    void this.router.go(route);
  }

  private onKey(event: KeyboardEvent): void {
    if (event.target instanceof Element && event.target.closest("input, textarea, [contenteditable]")) return;
    if (event.key === "Escape") {
      this.escape(event);
      return;
    }
    if (event.key === "/") {
      event.preventDefault();
      this.search.focus();
      return;
    }
    if (event.key === "?") {
      this.shell.toggleHelp();
      return;
    }
    if (this.router.onKey(event)) event.preventDefault();
  }

  /** Escape closes the innermost thing open: the help, then the view's own (a popover),
   * then the panel; with nothing open, the reader goes back to its list. */
  private escape(event: KeyboardEvent): void {
    if (this.shell.helpOpen) this.shell.toggleHelp();
    else if (this.router.onKey(event)) return;
    else if (this.shell.panelOpen) this.shell.closePanel();
    else void this.router.back();
  }
}
