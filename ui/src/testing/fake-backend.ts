// A stand-in for the backend in controller tests: every command a test does not give
// fails loudly (so an unexpected call is seen), a few harmless ones have defaults, and
// events are emitted by hand. Not a database: the Rust tests use real SQLite files.
import { vi } from "vitest";
import type { AppApi, AppEvents, AppInfo, ArticlePage, ArticleSummary, Article, BatchProgress, BatchReport, SearchResults } from "../api";
import { DEFAULT_SETTINGS } from "../bindings";
import type { Settings } from "../api";
import { App } from "../app";

export function summary(patch: Partial<ArticleSummary> = {}): ArticleSummary {
  return {
    id: 1,
    title: "Night trains return",
    byline: "Ada Lovelace",
    siteName: "The Rail Gazette",
    url: null,
    excerpt: "Sleeper services are back.",
    wordCount: 900,
    readingMinutes: 4,
    savedAt: Date.now(),
    publishedAt: null,
    state: "inbox",
    favorite: false,
    readProgress: 0,
    sourceKind: "html",
    tags: [],
    linkOnly: false,
    downloadError: null,
    ...patch,
  };
}

export function article(patch: Partial<ArticleSummary> = {}): Article {
  return { summary: summary(patch), lang: "en", contentHtml: "<p>Sleeper trains run again across Europe.</p>", lastPosition: 0, note: "" };
}

export function page(items: ArticleSummary[], total = items.length): ArticlePage {
  return { items, total };
}

export function results(items: ArticleSummary[], nextOffset: number | null = null): SearchResults {
  return { hits: items.map((a) => ({ article: a, snippet: null, position: null, highlights: [] })), nextOffset, unknownFilters: [] };
}

const INFO: AppInfo = { version: "test", libraryPath: "/tmp/library.sqlite3", logDir: "/tmp", libraryError: null, readOnly: false };

/** The commands every start makes, answered as an empty, healthy library would. */
function defaults(): Partial<AppApi> {
  return {
    appInfo: vi.fn(async () => INFO),
    getSettings: vi.fn(async () => ({ ...(DEFAULT_SETTINGS as Settings) })),
    listArticles: vi.fn(async () => page([])),
    listTags: vi.fn(async () => []),
    listHighlights: vi.fn(async () => []),
    listBookmarks: vi.fn(async () => []),
    takeLinkRequests: vi.fn(async () => []),
    firstPaint: vi.fn(async () => undefined),
    log: vi.fn(),
  };
}

export function fakeApi(overrides: Partial<AppApi> = {}): AppApi {
  const given: Partial<AppApi> = { ...defaults(), ...overrides };
  return new Proxy(given, {
    get(target, name) {
      const command = (target as Record<string | symbol, unknown>)[name];
      if (typeof name !== "string") return command;
      if (command !== undefined) return command;
      return () => Promise.reject(new Error(`the test gave no api.${name}`));
    },
  }) as AppApi;
}

/** Backend events the test emits itself. */
export class FakeEvents {
  private readonly handlers = new Map<string, (payload: never) => void>();

  readonly on: AppEvents = {
    importProgress: (handler) => this.keep("importProgress", handler),
    importFinished: (handler) => this.keep("importFinished", handler),
    dropHover: (handler) => this.keep("dropHover", handler),
    libraryChanged: (handler) => this.keep("libraryChanged", handler),
    linkRequested: (handler) => this.keep("linkRequested", handler),
  };

  emit(name: "importProgress", payload: BatchProgress): void;
  emit(name: "importFinished", payload: BatchReport): void;
  emit(name: "libraryChanged" | "linkRequested"): void;
  emit(name: string, payload?: unknown): void {
    const handler = this.handlers.get(name);
    if (!handler) throw new Error(`nothing listens to ${name}`);
    handler(payload as never);
  }

  private keep(name: string, handler: (payload: never) => void): Promise<() => void> {
    this.handlers.set(name, handler);
    return Promise.resolve(() => this.handlers.delete(name));
  }
}

/** Let every pending promise and timer-free continuation run. */
export async function settle(): Promise<void> {
  // A macrotask runs only after every microtask queued before it, chains included.
  await new Promise((resolve) => setTimeout(resolve, 0));
  await new Promise((resolve) => setTimeout(resolve, 0));
}

/** The whole UI on a fresh document, started against `api`. */
export async function startApp(api: AppApi, events = new FakeEvents()): Promise<{ app: App; root: HTMLElement; events: FakeEvents }> {
  document.body.replaceChildren();
  document.documentElement.removeAttribute("data-theme");
  const root = document.createElement("div");
  document.body.append(root);
  const app = new App(root, api, events.on);
  await app.start();
  await settle();
  return { app, root, events };
}

/** The rows of the list shown, as their titles. */
export function titlesShown(root: HTMLElement): string[] {
  return Array.from(root.querySelectorAll(".article-title")).map((title) => title.textContent ?? "");
}
