// The library: one shelf at a time, sorted, filtered by tag and narrowing, paged as the
// reader scrolls; the row actions (archive, delete, restore), bulk actions and tags.
import type { AppApi, ArticleSummary, SortOrder } from "../api";
import type { Controller, RouteOf } from "../app/routes";
import type { Router } from "../app/router";
import type { Shell, Ticket } from "../app/shell";
import { confirmDialog } from "../ui/confirm";
import { showError, showInfo, showUndo } from "../ui/notice";
import { articleRows, libraryView, RowSelection, type LibraryActions, type Narrowing, type Shelf } from "../views/library";
import { exportArticles } from "../views/move-in";
import { tagManager } from "../views/tags";

/** Rows fetched per page of a shelf, and how close to the end the next page is fetched. */
export const LIBRARY_PAGE = 100;
const LOAD_MORE_MARGIN_PX = 2000;
/** However many rows were shown, a re-listing fetches at most this many at once. */
const MAX_KEPT_ROWS = 500;

export class LibraryController implements Controller<RouteOf<"library">> {
  private shelf: Shelf = "inbox";
  private sort: SortOrder = "savedNewest";
  private tag: string | null = null;
  private narrowing: Narrowing = { progress: null, favoriteOnly: false, withHighlights: false };
  /** How many rows of the current shelf are shown, and how many it has. */
  private loaded = 0;
  private total = 0;
  private loadingMore = false;
  /** The last row shown: the next page continues after it (keyset paging). */
  private lastShown: number | null = null;
  private selection = new RowSelection();
  private tagDialog: HTMLElement | null = null;

  constructor(
    private readonly api: AppApi,
    private readonly shell: Shell,
    private readonly router: Router,
  ) {}

  show(route: RouteOf<"library"> = { view: "library" }): Promise<void> {
    this.shell.closePanel();
    return this.list(route.shelf ?? this.shelf, this.shell.claim());
  }

  /** Another program changed the library: list it again, unless the user has moved on. */
  refresh(): Promise<void> {
    return this.list(this.shelf, this.shell.unchanged());
  }

  /** List `shelf` and show it if the ticket still holds when the answer comes. */
  private async list(shelf: Shelf, ticket: Ticket): Promise<void> {
    try {
      const keepScroll = this.shell.current === "library" ? this.shell.main.scrollTop : 0;
      // Show at least as many rows as before (an archive or delete should not jump the list).
      const limit = Math.max(LIBRARY_PAGE, Math.min(this.loaded, MAX_KEPT_ROWS));
      const [page, tags] = await Promise.all([
        shelf === "trash"
          ? this.api.listTrash().then((items) => ({ items, total: items.length }))
          : this.api.listArticles({ shelf, sort: this.sort, offset: 0, limit, tag: this.tag, ...this.narrowing }),
        this.api.listTags(),
      ]);
      // Something newer was asked for while this listing ran (a second filter, another
      // view): its answer is the one to show, whichever arrives last.
      if (!ticket.current()) return;
      if (this.tag && !tags.some((t) => t.name === this.tag)) this.tag = null;
      this.shelf = shelf;
      this.loaded = page.items.length;
      this.lastShown = page.items.at(-1)?.id ?? null;
      this.total = page.total ?? page.items.length;
      this.selection = new RowSelection();
      this.router.cameFrom({ view: "library" }, shelf === "trash" ? [] : page.items.map((a) => a.id));
      const state = { shelf, sort: this.sort, tag: this.tag, tags, narrowing: this.narrowing, selection: this.selection };
      ticket.show("library", libraryView(page.items, this.total, state, this.actions()));
      this.shell.main.scrollTop = keepScroll;
      this.shell.main.onscroll = () => void this.loadMoreIfNearEnd();
    } catch (error) {
      showError(error, "The library could not be listed");
    }
  }

  /** Rows are being picked for a bulk action: a refresh would drop the picks. */
  busy(): boolean {
    return this.selection.active;
  }

  /** Show the list again from its first row (the filters changed). */
  private relist(): Promise<void> {
    this.loaded = 0;
    return this.show();
  }

  private actions(): LibraryActions {
    return {
      open: (id) => void this.router.go({ view: "reader", id }),
      shelf: (next) => void this.show({ view: "library", shelf: next }),
      sort: (order) => {
        this.sort = order;
        void this.relist();
      },
      tag: (name) => {
        this.tag = name;
        void this.relist();
      },
      narrow: (narrowing) => {
        this.narrowing = narrowing;
        void this.relist();
      },
      manageTags: () => void this.manageTags(),
      archive: (article, archived) => void this.archive(article, archived),
      trash: (article) => void this.trash(article),
      restore: (article) => void this.restore(article),
      emptyTrash: () => void this.emptyTrash(),
      bulkArchive: (ids, archived) =>
        void this.bulk(this.api.setArticlesState(ids, archived ? "archive" : "inbox"), archived ? "archived" : "moved to the inbox"),
      bulkTrash: (ids) => void this.bulk(this.api.trashArticles(ids), "moved to the trash (restore them from Trash)"),
      bulkTag: (ids, name) => void this.bulk(this.api.tagArticles(name, ids).then(() => ids.length), `tagged “${name}”`),
      bulkExport: (ids) => void exportArticles(ids),
    };
  }

  /** Infinite scroll: the next page of the shelf when the end comes into view. */
  private async loadMoreIfNearEnd(): Promise<void> {
    const { main } = this.shell;
    const nearEnd = main.scrollTop + main.clientHeight > main.scrollHeight - LOAD_MORE_MARGIN_PX;
    if (!nearEnd || this.loadingMore || this.loaded >= this.total || this.shelf === "trash" || this.shell.current !== "library") return;
    this.loadingMore = true;
    try {
      // After the last row shown; its offset only if that article was deleted for good.
      const page = await this.api.listArticles({
        shelf: this.shelf,
        sort: this.sort,
        after: this.lastShown,
        offset: this.loaded,
        limit: LIBRARY_PAGE,
        tag: this.tag,
        ...this.narrowing,
      });
      this.loaded += page.items.length;
      this.lastShown = page.items.at(-1)?.id ?? this.lastShown;
      this.router.sequence.push(...page.items.map((a) => a.id));
      main.querySelector(".article-list")?.append(...articleRows(page.items, this.shelf, this.actions(), this.selection));
    } catch (error) {
      showError(error, "More articles could not be loaded");
      return;
    } finally {
      this.loadingMore = false;
    }
    // A tall window may still show the end: keep filling it.
    void this.loadMoreIfNearEnd();
  }

  private async bulk(work: Promise<number>, done: string): Promise<void> {
    try {
      const count = await work;
      await this.show();
      showInfo(`${count === 1 ? "1 article" : `${count} articles`} ${done}.`);
    } catch (error) {
      showError(error, "The selected articles could not be changed");
    }
  }

  private async manageTags(): Promise<void> {
    this.tagDialog?.remove();
    try {
      const tags = await this.api.listTags();
      const refresh = async (): Promise<void> => {
        await this.show();
        await this.manageTags();
      };
      const dialog = tagManager(tags, {
        rename: (tag, name) =>
          void this.api.renameTag(tag.id, name).then(
            (renamed) => {
              if (this.tag === tag.name) this.tag = renamed.name;
              void refresh();
            },
            (error: unknown) => showError(error, "The tag could not be renamed"),
          ),
        remove: (tag) =>
          void confirmDialog(`Delete the tag “${tag.name}”?`, "The articles stay in your library; only the tag goes.", "Delete tag").then((sure) =>
            sure ? this.api.deleteTag(tag.id).then(refresh, (error: unknown) => showError(error, "The tag could not be deleted")) : undefined,
          ),
        close: () => {
          dialog.remove();
          this.tagDialog = null;
        },
      });
      this.tagDialog = dialog;
      document.body.append(dialog);
    } catch (error) {
      showError(error, "Tags could not be listed");
    }
  }

  private async archive(article: ArticleSummary, archived: boolean): Promise<void> {
    try {
      await this.api.setArticleState(article.id, archived ? "archive" : "inbox");
      await this.show();
      showUndo(archived ? `Archived “${article.title}”.` : `Moved “${article.title}” to the inbox.`, async () => {
        await this.api.setArticleState(article.id, archived ? "inbox" : "archive");
        await this.show();
      });
    } catch (error) {
      showError(error, "The article could not be moved");
    }
  }

  private async trash(article: ArticleSummary): Promise<void> {
    try {
      await this.api.trashArticle(article.id);
      await this.show();
      showUndo(`Moved “${article.title}” to the trash.`, async () => {
        await this.api.restoreArticle(article.id);
        await this.show();
      });
    } catch (error) {
      showError(error, "The article could not be deleted");
    }
  }

  private async restore(article: ArticleSummary): Promise<void> {
    try {
      await this.api.restoreArticle(article.id);
      await this.show();
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
      const count = await this.api.emptyTrash();
      await this.show({ view: "library", shelf: "trash" });
      showInfo(count === 1 ? "1 article deleted for good." : `${count} articles deleted for good.`);
    } catch (error) {
      showError(error, "The trash could not be emptied");
    }
  }
}
