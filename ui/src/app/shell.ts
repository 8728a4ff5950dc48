// The window's frame: the top bar, the main area one view at a time, the panel under
// the top bar, the keyboard help. It knows nothing of articles; controllers fill it.
import { h } from "../ui/dom";
import { shortcutsHelp } from "../views/shortcuts-help";
import type { ViewName } from "./routes";

export type PanelName = "settings" | "add";

/** The right to show a view once an answer arrives, if nothing newer came first. */
export interface Ticket {
  current(): boolean;
  show(name: ViewName, view: HTMLElement, leave?: (() => void) | null): void;
}

/** What the top bar's buttons ask of the app. */
export interface ShellActions {
  home(): void;
  library(): void;
  highlights(): void;
  panel(which: PanelName): void;
}

export class Shell {
  /** The scrolling area every view is shown in. */
  readonly main = h("main", { class: "main", tabindex: "-1" });
  readonly searchInput = h("input", {
    type: "search",
    class: "search-input",
    placeholder: "Search   /",
    "aria-label": "Search the library",
    "data-testid": "search-input",
  });
  readonly importStatus = h("div", { class: "import-status" });
  readonly dropOverlay = h("div", { class: "drop-overlay", "data-testid": "drop-overlay", hidden: true }, h("p", {}, "Drop to add to your library"));
  private readonly topBar: HTMLElement;
  private readonly panelButtons: Record<PanelName, HTMLElement>;
  private readonly navTabs: Array<[HTMLElement, ViewName]>;
  private shown: ViewName | null = null;
  private leaveShown: (() => void) | null = null;
  /** Bumped by every claim and every `show`; a refresh's in-place replace leaves it
   * (see `claim` and `unchanged`). */
  private generation = 0;
  private panel: { name: PanelName; element: HTMLElement } | null = null;
  private help: HTMLElement | null = null;

  constructor(
    private readonly root: HTMLElement,
    actions: ShellActions,
  ) {
    const navLibrary = h("button", { type: "button", class: "nav-button", "data-testid": "nav-library", onclick: () => actions.library() }, "Library");
    const navHighlights = h("button", { type: "button", class: "nav-button", "data-testid": "nav-highlights", onclick: () => actions.highlights() }, "Highlights");
    this.navTabs = [
      [navLibrary, "library"],
      [navHighlights, "highlights"],
    ];
    const iconButton = (label: string, text: string, testId: string, extra: Record<string, string>, onclick: () => void): HTMLElement =>
      h("button", { type: "button", class: "icon-button", "aria-label": label, "data-testid": testId, onclick, ...extra }, text);
    this.panelButtons = {
      add: iconButton("Add to library", "+ Add", "add-button", { "aria-expanded": "false", class: "icon-button add-button" }, () => actions.panel("add")),
      settings: iconButton("Reading settings", "Aa", "settings-button", { "aria-expanded": "false" }, () => actions.panel("settings")),
    };
    this.topBar = h(
      "div",
      { class: "top-bar", "data-tauri-drag-region": true },
      h(
        "div",
        { class: "top-nav" },
        h("button", { type: "button", class: "brand link-button", "data-testid": "brand", onclick: () => actions.home() }, "Lectern"),
        navLibrary,
        navHighlights,
      ),
      this.searchInput,
      h(
        "div",
        { class: "top-bar-actions" },
        this.panelButtons.add,
        this.panelButtons.settings,
        iconButton("Keyboard shortcuts", "?", "help-button", { "data-tip": "Keyboard shortcuts (?)" }, () => this.toggleHelp()),
      ),
    );
  }

  mount(): void {
    this.root.replaceChildren(this.topBar, this.main, this.importStatus, this.dropOverlay, h("div", { class: "notices" }));
  }

  /** The view on screen now (null before the first). */
  get current(): ViewName | null {
    return this.shown;
  }

  /** Replace the main area with `view`; `leave` runs when something else replaces it. */
  show(name: ViewName, view: HTMLElement, leave: (() => void) | null = null): void {
    this.generation++;
    this.replace(name, view, leave);
  }

  /** For work that ends in showing a view the user asked for: the ticket holds until
   * another view is shown or claimed, so a slow answer never covers a newer request. */
  claim(): Ticket {
    const mine = ++this.generation;
    return {
      current: () => mine === this.generation,
      show: (name, view, leave = null) => this.show(name, view, leave),
    };
  }

  /** For a refresh nobody asked for: it holds while nothing else is shown or claimed, and
   * showing with it replaces the view in place without claiming, so a view the user
   * asked for meanwhile still arrives. */
  unchanged(): Ticket {
    const seen = this.generation;
    return {
      current: () => seen === this.generation,
      show: (name, view, leave = null) => this.replace(name, view, leave),
    };
  }

  private replace(name: ViewName, view: HTMLElement, leave: (() => void) | null): void {
    this.leaveShown?.();
    this.leaveShown = leave;
    this.shown = name;
    this.main.onscroll = null;
    this.main.replaceChildren(view);
    this.main.scrollTop = 0;
    document.title = "Lectern";
    this.main.focus({ preventScroll: true });
    for (const [tab, tabView] of this.navTabs) {
      if (tabView === name) tab.setAttribute("aria-current", "page");
      else tab.removeAttribute("aria-current");
    }
  }

  get panelOpen(): PanelName | null {
    return this.panel?.name ?? null;
  }

  /** Open `which` (built by `build`), or close it when it is the one open. */
  togglePanel(which: PanelName, build: () => HTMLElement): void {
    const open = this.panelOpen;
    this.closePanel();
    if (open === which) return;
    const element = build();
    this.panel = { name: which, element };
    this.panelButtons[which].setAttribute("aria-expanded", "true");
    this.root.append(element);
  }

  closePanel(): void {
    this.panel?.element.remove();
    this.panel = null;
    for (const button of Object.values(this.panelButtons)) button.setAttribute("aria-expanded", "false");
  }

  get helpOpen(): boolean {
    return this.help !== null;
  }

  toggleHelp(): void {
    if (this.help) {
      this.help.remove();
      this.help = null;
      return;
    }
    this.help = shortcutsHelp(() => this.toggleHelp());
    this.root.append(this.help);
  }

  /** A library opened read-only says so in the top bar, so refused changes are no surprise. */
  markReadOnly(readOnly: boolean): void {
    this.topBar.querySelector(".read-only-badge")?.remove();
    if (!readOnly) return;
    const badge = h(
      "span",
      { class: "read-only-badge", "data-testid": "read-only", title: "The library file cannot be written: you can read and search, but changes are not saved." },
      "Read-only",
    );
    this.topBar.append(badge);
  }

  /** Is the user in the middle of something (typing, a panel, a dialog)? */
  busy(): boolean {
    const active = document.activeElement;
    return (
      active instanceof HTMLInputElement ||
      active instanceof HTMLTextAreaElement ||
      this.panel !== null ||
      // The keyboard help, the tag manager and the confirm dialogs are overlays.
      document.querySelector(".help-overlay") !== null
    );
  }
}
