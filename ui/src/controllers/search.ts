// Search: the box in the top bar, searching as the user types (after a pause), and the
// results, with more on demand.
import type { AppApi } from "../api";
import type { Controller, RouteOf } from "../app/routes";
import type { Router } from "../app/router";
import type { Shell } from "../app/shell";
import { showError } from "../ui/notice";
import { searchView } from "../views/search";

/** How long typing in the search box pauses before searching. */
export const SEARCH_DELAY_MS = 200;

export class SearchController implements Controller<RouteOf<"search">> {
  private timer: ReturnType<typeof setTimeout> | undefined;
  private readonly input: HTMLInputElement;

  constructor(
    private readonly api: AppApi,
    private readonly shell: Shell,
    private readonly router: Router,
  ) {
    this.input = shell.searchInput;
    this.input.addEventListener("input", () => {
      clearTimeout(this.timer);
      this.timer = setTimeout(() => void this.typed(), SEARCH_DELAY_MS);
    });
    this.input.addEventListener("keydown", (event) => {
      if (event.key === "Enter") {
        clearTimeout(this.timer);
        void this.typed();
      }
      if (event.key === "Escape") {
        this.input.value = "";
        this.input.blur();
        this.leave();
        void this.router.go({ view: "library" });
      }
    });
  }

  /** Put the cursor in the box ("/"). */
  focus(): void {
    this.input.focus();
    this.input.select();
  }

  /** Another view replaces the results: the box no longer shows a query nothing answers,
   * and a search still waiting for the typing to pause is dropped. */
  leave(): void {
    clearTimeout(this.timer);
    if (document.activeElement !== this.input) this.input.value = "";
  }

  async show(route: RouteOf<"search">): Promise<void> {
    const { query } = route;
    try {
      const results = await this.api.search(query);
      if (this.input.value !== query) return; // a newer query is on its way
      this.router.cameFrom(route, results.hits.map((hit) => hit.article.id));
      this.shell.closePanel();
      this.shell.show(
        "search",
        searchView(query, results, {
          openAt: (id, position) => void this.router.go({ view: "reader", id, position: position ?? undefined }),
          openHighlight: (id, highlightId) => void this.router.go({ view: "reader", id, highlightId }),
          more: (offset) => this.more(query, offset),
        }),
      );
    } catch (error) {
      showError(error, "Search failed");
    }
  }

  /** Results are fixed until searched again. */
  refresh(): Promise<void> {
    return Promise.resolve();
  }

  private async typed(): Promise<void> {
    const query = this.input.value;
    if (query.trim()) await this.router.go({ view: "search", query });
    else if (this.shell.current === "search") await this.router.go({ view: "library" });
  }

  private async more(query: string, offset: number): ReturnType<AppApi["search"]> {
    try {
      const page = await this.api.search(query, offset);
      this.router.sequence.push(...page.hits.map((hit) => hit.article.id));
      return page;
    } catch (error) {
      showError(error, "More results could not be loaded");
      throw error;
    }
  }
}
