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
export type { RecoveryAction, RescueReport, ExportPreview, RowProblem, MarkdownDone, FileExport, FileExportDone, RefetchReport, BackupSummary };

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

type Commands = typeof commands;

/** A command as the UI calls it: the value itself, or an AppError thrown. Derived from
 * the generated bindings, so a new Rust command is `api.itsName` once they are
 * regenerated, with no wrapper to write here. */
type Unwrapped<F> = F extends (...args: infer A) => Promise<infer R> ? (...args: A) => Promise<[R] extends [CommandResult<infer T>] ? T : R> : never;
export type Api = { [K in keyof Commands]: Unwrapped<Commands[K]> };

function isCommandResult(value: unknown): value is CommandResult<unknown> {
  if (typeof value !== "object" || value === null || !("status" in value)) return false;
  return (value.status === "ok" && "data" in value) || (value.status === "error" && "error" in value);
}

/** Every command, unwrapped (see `Unwrapped`). */
export function unwrapEvery(source: Commands): Api {
  const wrapped: Record<string, (...args: unknown[]) => Promise<unknown>> = {};
  for (const [name, command] of Object.entries(source) as Array<[string, (...args: unknown[]) => Promise<unknown>]>) {
    wrapped[name] = async (...args) => {
      const value = await command(...args);
      return isCommandResult(value) ? unwrap(Promise.resolve(value)) : value;
    };
  }
  return wrapped as Api;
}

export const api = {
  ...unwrapEvery(commands),
  // Only what the UI calls differently from its command:
  search: (query: string, offset = 0): Promise<SearchResults> => unwrap(commands.search(query, offset)),
  /** Best effort: a timing that cannot be logged is not the user's problem. */
  firstPaint: (): Promise<void> => commands.firstPaint().then(() => undefined, () => undefined),
  log: (level: "error" | "warn" | "info", message: string): void => {
    commands.logFromUi(level, message).catch(() => undefined);
  },
};

/** The commands as controllers receive them (a fake in unit tests). */
export type AppApi = typeof api;

/** Backend events, typed. Each returns a function that stops listening. */
export const on = {
  importProgress: (handler: (progress: BatchProgress) => void) => events.importProgress.listen((e) => handler(e.payload)),
  importFinished: (handler: (report: BatchReport) => void) => events.importFinished.listen((e) => handler(e.payload)),
  dropHover: (handler: (hovering: boolean) => void) => events.dropHover.listen((e) => handler(e.payload)),
  libraryChanged: (handler: () => void) => events.libraryChanged.listen(() => handler()),
  linkRequested: (handler: () => void) => events.linkRequested.listen(() => handler()),
};

/** The events as controllers receive them. */
export type AppEvents = typeof on;
