// The thin router: which controller shows which route, where "back" from the reader
// goes, and the order of articles for previous/next.
import type { Shell } from "./shell";
import type { Controllers, Route, ViewName } from "./routes";

export class Router {
  private controllers: Controllers | null = null;
  /** The articles of the list last shown (a shelf or search results), in order, for the
   * reader's previous/next. */
  sequence: number[] = [];
  /** Where "back" from the reader goes: the view the article was opened from. */
  private backRoute: Route = { view: "library" };
  /** A change from another program waits for the user to finish what they are doing. */
  private refreshWaiting = false;

  constructor(private readonly shell: Shell) {}

  /** The table of controllers, set once they exist (they need the router themselves). */
  use(controllers: Controllers): void {
    this.controllers = controllers;
  }

  go(route: Route): Promise<void> {
    // `Controllers` pairs each view with its route type; TypeScript cannot follow that
    // pairing through the union, hence the cast.
    return this.controllerFor(route.view).show(route as never);
  }

  /** A view that opens articles is shown: "back" returns to `route`; a list of articles
   * (`ids`, in order) also becomes the reader's previous/next. */
  cameFrom(route: Route, ids: number[] | null = null): void {
    this.backRoute = route;
    if (ids) this.sequence = ids;
  }

  /** From the reader, back to the view the article was opened from. */
  back(): Promise<void> {
    return this.shell.current === "reader" ? this.go(this.backRoute) : Promise.resolve();
  }

  /** The view shown now handles a key, if it wants it. */
  onKey(event: KeyboardEvent): boolean {
    const shown = this.shell.current;
    return shown !== null && (this.controllerFor(shown).onKey?.(event) ?? false);
  }

  /** Another program (the browser extension, lectern-cli) changed the library: show what
   * changed where the user is, keeping the scroll position. Never while something is
   * being typed, chosen or confirmed: then once the user moves on. */
  async refreshWhenIdle(): Promise<void> {
    const shown = this.shell.current;
    if (shown === null) return;
    const controller = this.controllerFor(shown);
    if (this.shell.busy() || controller.busy?.()) {
      if (!this.refreshWaiting) {
        this.refreshWaiting = true;
        document.addEventListener(
          "focusout",
          () => {
            this.refreshWaiting = false;
            void this.refreshWhenIdle();
          },
          { once: true },
        );
      }
      return;
    }
    const scroll = this.shell.main.scrollTop;
    await controller.refresh();
    this.shell.main.scrollTop = scroll;
  }

  private controllerFor(view: ViewName): Controllers[ViewName] {
    if (!this.controllers) throw new Error("the router has no controllers yet");
    return this.controllers[view];
  }
}
