// The typed bridge, as the UI uses it: every command from the generated bindings,
// with errors turned into thrown AppErrors carrying the backend's {kind, message}.
import {
  commands,
  events,
  type AppInfo_Serialize,
  type BatchProgress_Serialize,
  type BatchReport_Serialize,
  type SavedArticle,
  type Bookmark,
  type Highlight_Serialize,
  type HighlightColor,
  type NewHighlight_Deserialize,
  type HighlightFilter_Deserialize,
  type HighlightInLibrary_Serialize,
  type SearchResults_Serialize,
  type SearchHit_Serialize,
  type ArticleState,
  type ArticlePage_Serialize,
  type ArticleQuery_Deserialize,
  type SortOrder,
  type Shelf,
  type Tag,
  type Progress,
  type Article_Serialize,
  type ArticleSummary_Serialize,
  type ErrorKind,
  type ErrorPayload,
  type Settings_Serialize,
  type RecoveryAction,
  type RecoveryOutcome_Serialize,
  type RescueReport,
  type ExportPreview,
  type InteropReport_Serialize,
  type RowProblem,
  type MarkdownDone,
  type BackupSummary,
  type FileExport,
  type FileExportDone,
  type LinkRequest_Serialize,
  type RefetchReport,
} from "./bindings";

export type { FontFamily, Theme, ErrorKind, ErrorPayload } from "./bindings";
/** The shapes the backend sends (generated from Rust; aliased, never retyped). */
export type AppInfo = AppInfo_Serialize;
export type Article = Article_Serialize;
export type ArticleSummary = ArticleSummary_Serialize;
export type Settings = Settings_Serialize;
export type BatchProgress = BatchProgress_Serialize;
export type BatchReport = BatchReport_Serialize;
export type { SavedArticle, Bookmark, HighlightColor };
export type Highlight = Highlight_Serialize;
export type NewHighlight = NewHighlight_Deserialize;
export type HighlightFilter = HighlightFilter_Deserialize;
export type HighlightInLibrary = HighlightInLibrary_Serialize;
export type SearchResults = SearchResults_Serialize;
export type SearchHit = SearchHit_Serialize;
export type { ArticleState, SortOrder, Shelf, Tag, Progress };
export type ArticlePage = ArticlePage_Serialize;
export type ArticleQuery = ArticleQuery_Deserialize;
export type RecoveryOutcome = RecoveryOutcome_Serialize;
export type InteropReport = InteropReport_Serialize;
export type LinkRequest = LinkRequest_Serialize;
export type { RecoveryAction, RescueReport, ExportPreview, RowProblem, MarkdownDone, FileExport, FileExportDone, RefetchReport };

export class AppError extends Error {
  readonly kind: ErrorKind | "internal";
  constructor(kind: ErrorKind | "internal", message: string) {
    super(message);
    this.name = "AppError";
    this.kind = kind;
  }
}

type CommandResult<T> = { status: "ok"; data: T } | { status: "error"; error: ErrorPayload | string };

/** Resolve a command's result, or throw it as an AppError. Tauri's own failures
 * (a denied permission, a bad argument) arrive as bare strings: those become "internal". */
export async function unwrap<T>(result: Promise<CommandResult<T>>): Promise<T> {
  const outcome = await result;
  if (outcome.status === "ok") return outcome.data;
  const error = outcome.error;
  if (typeof error === "string") throw new AppError("internal", error);
  throw new AppError(error.kind, error.message);
}

export const api = {
  appInfo: (): Promise<AppInfo> => commands.appInfo(),
  listArticles: (query: ArticleQuery): Promise<ArticlePage> => unwrap(commands.listArticles(query)),
  getArticle: (id: number): Promise<Article> => unwrap(commands.getArticle(id)),
  trashArticle: (id: number): Promise<null> => unwrap(commands.trashArticle(id)),
  setArticleState: (id: number, state: ArticleState): Promise<null> => unwrap(commands.setArticleState(id, state)),
  setArticlesState: (ids: number[], state: ArticleState): Promise<number> => unwrap(commands.setArticlesState(ids, state)),
  trashArticles: (ids: number[]): Promise<number> => unwrap(commands.trashArticles(ids)),
  listTrash: (): Promise<ArticleSummary[]> => unwrap(commands.listTrash()),
  restoreArticle: (id: number): Promise<null> => unwrap(commands.restoreArticle(id)),
  emptyTrash: (): Promise<number> => unwrap(commands.emptyTrash()),
  listTags: (): Promise<Tag[]> => unwrap(commands.listTags()),
  tagArticles: (name: string, articleIds: number[]): Promise<Tag> => unwrap(commands.tagArticles(name, articleIds)),
  untagArticle: (name: string, articleId: number): Promise<null> => unwrap(commands.untagArticle(name, articleId)),
  renameTag: (id: number, name: string): Promise<Tag> => unwrap(commands.renameTag(id, name)),
  deleteTag: (id: number): Promise<null> => unwrap(commands.deleteTag(id)),
  search: (query: string, offset = 0): Promise<SearchResults> => unwrap(commands.search(query, offset)),
  getSettings: (): Promise<Settings> => unwrap(commands.getSettings()),
  updateSettings: (settings: Settings): Promise<Settings> => unwrap(commands.updateSettings(settings)),
  importPasted: (text: string): Promise<SavedArticle> => unwrap(commands.importPasted(text)),
  chooseFilesToImport: (folder: boolean): Promise<boolean> => unwrap(commands.chooseFilesToImport(folder)),
  cancelImport: (): Promise<void> => commands.cancelImport(),
  chooseExport: (): Promise<ExportPreview | null> => unwrap(commands.chooseExport()),
  importChosenExport: (): Promise<InteropReport> => unwrap(commands.importChosenExport()),
  discardChosenExport: (): Promise<void> => commands.discardChosenExport(),
  exportMarkdown: (ids: number[]): Promise<MarkdownDone | null> => unwrap(commands.exportMarkdown(ids)),
  exportFile: (format: FileExport, ids: number[]): Promise<FileExportDone | null> => unwrap(commands.exportFile(format, ids)),
  backUpLibrary: (): Promise<string | null> => unwrap(commands.backUpLibrary()),
  chooseBackup: (): Promise<BackupSummary | null> => unwrap(commands.chooseBackup()),
  restoreChosenBackup: (): Promise<RecoveryOutcome> => unwrap(commands.restoreChosenBackup()),
  downloadSavedLinks: (): Promise<number> => unwrap(commands.downloadSavedLinks()),
  downloadArticle: (id: number): Promise<null> => unwrap(commands.downloadArticle(id)),
  refetchArticle: (id: number): Promise<RefetchReport> => unwrap(commands.refetchArticle(id)),
  connectBrowsers: (): Promise<string[]> => unwrap(commands.connectBrowsers()),
  listHighlights: (articleId: number): Promise<Highlight[]> => unwrap(commands.listHighlights(articleId)),
  listAllHighlights: (filter: HighlightFilter): Promise<HighlightInLibrary[]> => unwrap(commands.listAllHighlights(filter)),
  addHighlight: (articleId: number, highlight: NewHighlight): Promise<Highlight> => unwrap(commands.addHighlight(articleId, highlight)),
  setHighlightColor: (id: number, color: HighlightColor): Promise<Highlight> => unwrap(commands.setHighlightColor(id, color)),
  setHighlightNote: (id: number, note: string): Promise<Highlight> => unwrap(commands.setHighlightNote(id, note)),
  setHighlightRange: (id: number, start: number, end: number, exact: string): Promise<Highlight> =>
    unwrap(commands.setHighlightRange(id, start, end, exact)),
  deleteHighlight: (id: number): Promise<Highlight> => unwrap(commands.deleteHighlight(id)),
  restoreHighlight: (highlight: Highlight): Promise<Highlight> => unwrap(commands.restoreHighlight(highlight)),
  listBookmarks: (articleId: number): Promise<Bookmark[]> => unwrap(commands.listBookmarks(articleId)),
  addBookmark: (articleId: number, position: number, label: string): Promise<Bookmark> => unwrap(commands.addBookmark(articleId, position, label)),
  deleteBookmark: (id: number): Promise<null> => unwrap(commands.deleteBookmark(id)),
  saveReadingPosition: (articleId: number, position: number, progress: number): Promise<null> =>
    unwrap(commands.saveReadingPosition(articleId, position, progress)),
  setFavorite: (articleId: number, favorite: boolean): Promise<null> => unwrap(commands.setFavorite(articleId, favorite)),
  setArticleNote: (articleId: number, note: string): Promise<null> => unwrap(commands.setArticleNote(articleId, note)),
  openLink: (url: string): Promise<null> => unwrap(commands.openLink(url)),
  takeLinkRequests: (): Promise<LinkRequest[]> => commands.takeLinkRequests(),
  firstPaint: (): Promise<void> => commands.firstPaint().then(() => undefined, () => undefined),
  recoverLibrary: (action: RecoveryAction): Promise<RecoveryOutcome> => unwrap(commands.recoverLibrary(action)),
  log: (level: "error" | "warn" | "info", message: string): void => {
    commands.logFromUi(level, message).catch(() => undefined);
  },
};

/** Backend events, typed. Each returns a function that stops listening. */
export const on = {
  importProgress: (handler: (progress: BatchProgress) => void) => events.importProgress.listen((e) => handler(e.payload)),
  importFinished: (handler: (report: BatchReport) => void) => events.importFinished.listen((e) => handler(e.payload)),
  dropHover: (handler: (hovering: boolean) => void) => events.dropHover.listen((e) => handler(e.payload)),
  libraryChanged: (handler: () => void) => events.libraryChanged.listen(() => handler()),
  linkRequested: (handler: () => void) => events.linkRequested.listen(() => handler()),
};
