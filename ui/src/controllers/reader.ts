// The reader: one article open at a time (a ReaderSession), with previous/next through
// the list it was opened from.
import type { AppApi } from "../api";
import type { Controller, RouteOf } from "../app/routes";
import type { Router } from "../app/router";
import type { Shell } from "../app/shell";
import { ReaderSession } from "../reader/session";
import { afterPaint, logTiming } from "../timing";
import { showError } from "../ui/notice";

export class ReaderController implements Controller<RouteOf<"reader">> {
  private session: ReaderSession | null = null;

  constructor(
    private readonly api: AppApi,
    private readonly shell: Shell,
    private readonly router: Router,
  ) {}

  async show(route: RouteOf<"reader">): Promise<void> {
    const { id, highlightId, position } = route;
    this.shell.closePanel();
    const started = performance.now();
    const ticket = this.shell.claim();
    try {
      // One round trip: the article, its highlights and its bookmarks are asked for at once.
      const [article, highlights, bookmarks] = await Promise.all([
        this.api.getArticle(id),
        this.api.listHighlights(id).catch(notLoaded("Highlights could not be loaded")),
        this.api.listBookmarks(id).catch(notLoaded("Bookmarks could not be loaded")),
      ]);
      if (!ticket.current()) return;
      const fetched = performance.now();
      const session = new ReaderSession(this.api, article, this.shell.main, () => void this.router.back(), {
        previous: this.neighbour(id, -1),
        next: this.neighbour(id, 1),
        reload: () => void this.router.go({ view: "reader", id }),
      });
      session.prepare(highlights, bookmarks);
      const built = performance.now();
      ticket.show("reader", session.view.element, () => {
        session.stop();
        if (this.session === session) this.session = null;
      });
      this.session = session;
      document.title = `${article.summary.title} — Lectern`;
      session.start();
      if (highlightId !== undefined) session.revealHighlight(highlightId);
      else if (position !== undefined) session.revealPosition(position);
      const shown = performance.now();
      const stages = [fetched, built, shown].map((at) => (at - started).toFixed(0));
      const measure = `opened article ${id} (${article.summary.wordCount} words, ${session.highlightCount()} highlights; fetched ${stages[0]}, built ${stages[1]}, shown ${stages[2]})`;
      void afterPaint().then(() => logTiming(measure, started));
    } catch (error) {
      showError(error, "The article could not be opened");
    }
  }

  /** Another program changed the library: this article's highlights as they are now. */
  async refresh(): Promise<void> {
    await this.session?.refreshHighlights();
  }

  /** Escape closes the highlight popover first; other keys are the reader's shortcuts. */
  onKey(event: KeyboardEvent): boolean {
    if (!this.session) return false;
    if (event.key === "Escape") return this.session.closePopover();
    return this.session.onKey(event);
  }

  /** How to open the article `offset` places away from `id` in the list it came from. */
  private neighbour(id: number, offset: number): (() => void) | null {
    const { sequence } = this.router;
    const at = sequence.indexOf(id);
    const other = at < 0 ? undefined : sequence[at + offset];
    return other === undefined ? null : () => void this.router.go({ view: "reader", id: other });
  }
}

/** Part of an article that could not be loaded: said, and the article shown without it. */
function notLoaded(context: string): (error: unknown) => null {
  return (error) => {
    showError(error, context);
    return null;
  };
}
