// The Highlights view: every highlight in the library, filtered by colour, tag, article
// or words, newest first.
import type { AppApi, HighlightFilter } from "../api";
import type { Controller, RouteOf } from "../app/routes";
import type { Router } from "../app/router";
import type { Shell, Ticket } from "../app/shell";
import { showError } from "../ui/notice";
import { highlightsView } from "../views/highlights";

/** The article filter offers the first this many articles, by title. */
const ARTICLES_OFFERED = 500;

export class HighlightsController implements Controller<RouteOf<"highlights">> {
  private filter: HighlightFilter = {};

  constructor(
    private readonly api: AppApi,
    private readonly shell: Shell,
    private readonly router: Router,
  ) {}

  show(route: RouteOf<"highlights"> = { view: "highlights" }): Promise<void> {
    this.shell.closePanel();
    this.filter = route.filter ?? this.filter;
    return this.list(this.shell.claim());
  }

  /** Another program changed the library: list again, unless the user has moved on. */
  refresh(): Promise<void> {
    return this.list(this.shell.unchanged());
  }

  private async list(ticket: Ticket): Promise<void> {
    const { filter } = this;
    try {
      const [items, articles, tags] = await Promise.all([
        this.api.listAllHighlights(filter),
        this.api.listArticles({ shelf: "all", sort: "title", offset: 0, limit: ARTICLES_OFFERED }).then((page) => page.items),
        this.api.listTags(),
      ]);
      if (!ticket.current()) return;
      this.router.cameFrom({ view: "highlights" });
      ticket.show(
        "highlights",
        highlightsView(
          items,
          filter,
          articles,
          {
            filter: (next) => void this.show({ view: "highlights", filter: next }),
            open: (articleId, highlightId) => void this.router.go({ view: "reader", id: articleId, highlightId }),
            openLink: (url) => void this.api.openLink(url).catch((error: unknown) => showError(error, "The link could not be opened")),
          },
          Date.now(),
          tags,
        ),
      );
    } catch (error) {
      showError(error, "Highlights could not be listed");
    }
  }

}
