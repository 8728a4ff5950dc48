import { describe, expect, it, vi } from "vitest";
import type { Article, Settings } from "../api";
import { summary } from "../testing/fake-backend";
import { DEFAULT_SETTINGS } from "../bindings";
import { libraryView, RowSelection, type LibraryActions } from "./library";
import { readerView } from "./reader";
import { settingsPanel } from "./settings-panel";

const narrowing = { progress: null, favoriteOnly: false, withHighlights: false };

const actions = (patch: Partial<LibraryActions> = {}): LibraryActions => ({
  open: vi.fn(),
  shelf: vi.fn(),
  sort: vi.fn(),
  tag: vi.fn(),
  manageTags: vi.fn(),
  narrow: vi.fn(),
  archive: vi.fn(),
  trash: vi.fn(),
  restore: vi.fn(),
  emptyTrash: vi.fn(),
  bulkArchive: vi.fn(),
  bulkTrash: vi.fn(),
  bulkTag: vi.fn(),
  bulkExport: vi.fn(),
  ...patch,
});

describe("library view", () => {
  it("lists articles with source, title, author and reading time, and opens them", () => {
    const open = vi.fn();
    const view = libraryView([summary(), summary({ id: 2, title: "Second", byline: null })], 2, { shelf: "inbox", sort: "savedNewest", tag: null, tags: [], narrowing, selection: new RowSelection() }, actions({ open }));
    const rows = view.querySelectorAll<HTMLButtonElement>("[data-testid=article-row]");
    expect(rows).toHaveLength(2);
    expect(rows[0]?.textContent).toContain("The Rail Gazette");
    expect(rows[0]?.textContent).toContain("Ada Lovelace · 4 min read · Saved today");
    expect(view.textContent).toContain("2 articles");
    rows[1]?.click();
    expect(open).toHaveBeenCalledWith(2);
  });

  it("marks articles imported as links only, and those whose download failed", () => {
    const view = libraryView(
      [summary(), summary({ id: 2, linkOnly: true }), summary({ id: 3, linkOnly: true, downloadError: "Could not connect" })],
      3,
      { shelf: "inbox", sort: "savedNewest", tag: null, tags: [], narrowing, selection: new RowSelection() },
      actions(),
    );
    const badges = [...view.querySelectorAll("[data-testid=article-row]")].map((row) => row.querySelector("[data-testid=download-badge]"));
    expect(badges[0]).toBeNull();
    expect(badges[1]?.textContent).toBe("Link only");
    expect(badges[2]?.textContent).toBe("Download failed");
    expect(badges[2]?.getAttribute("data-tip")).toContain("Could not connect");
    const rows = view.querySelectorAll("[data-testid=article-row]");
    expect(rows[0]?.textContent).toContain("4 min read");
    expect(rows[1]?.textContent).not.toContain("min read");
  });

  it("shows a friendly empty state", () => {
    const view = libraryView([], 0, { shelf: "inbox", sort: "savedNewest", tag: null, tags: [], narrowing, selection: new RowSelection() }, actions());
    expect(view.querySelector("[data-testid=library-empty]")?.textContent).toContain("Nothing to read yet");
  });

  it("offers the right actions on a shelf, and a choice of order", () => {
    const archive = vi.fn();
    const open = vi.fn();
    const sort = vi.fn();
    const actionsUsed = actions({ archive, open, sort });
    const view = libraryView([summary({ id: 2, state: "archive" })], 40, { shelf: "archive", sort: "savedNewest", tag: null, tags: [{ id: 1, name: "Travel", count: 3 }], narrowing, selection: new RowSelection() }, actionsUsed);
    expect(view.textContent).toContain("40 articles");
    const order = view.querySelector<HTMLSelectElement>("[data-testid=sort]")!;
    order.value = "title";
    order.dispatchEvent(new Event("change"));
    expect(sort).toHaveBeenCalledWith("title");
    const tags = view.querySelector<HTMLSelectElement>("[data-testid=tag-filter]")!;
    tags.value = "Travel";
    tags.dispatchEvent(new Event("change"));
    expect(vi.mocked(actionsUsed.tag)).toHaveBeenCalledWith("Travel");
    const progress = view.querySelector<HTMLSelectElement>("[data-testid=progress-filter]")!;
    progress.value = "inProgress";
    progress.dispatchEvent(new Event("change"));
    expect(vi.mocked(actionsUsed.narrow)).toHaveBeenLastCalledWith({ ...narrowing, progress: "inProgress" });
    view.querySelector<HTMLButtonElement>("[data-testid=filter-highlighted]")?.click();
    expect(vi.mocked(actionsUsed.narrow)).toHaveBeenLastCalledWith({ ...narrowing, withHighlights: true });
    view.querySelector<HTMLButtonElement>("[data-testid=row-archive]")?.click();
    expect(archive).toHaveBeenCalledWith(expect.objectContaining({ id: 2 }), false);
    expect(open).not.toHaveBeenCalled();
    expect(view.querySelector("[data-testid=shelf-archive]")?.getAttribute("aria-current")).toBe("page");
  });

  it("selects many articles and acts on them together", () => {
    const bulkArchive = vi.fn();
    const bulkExport = vi.fn();
    const open = vi.fn();
    const view = libraryView([summary({ id: 1 }), summary({ id: 2 }), summary({ id: 3 })], 3, { shelf: "inbox", sort: "savedNewest", tag: null, tags: [], narrowing, selection: new RowSelection() }, actions({ bulkArchive, bulkExport, open }));
    document.body.append(view);
    view.querySelector<HTMLButtonElement>("[data-testid=select-mode]")?.click();
    const rows = view.querySelectorAll<HTMLButtonElement>("[data-testid=article-row]");
    rows[0]?.click();
    rows[2]?.click();
    expect(open).not.toHaveBeenCalled();
    const bar = view.querySelector<HTMLElement>("[data-testid=bulk-bar]")!;
    expect(bar.hidden).toBe(false);
    expect(bar.textContent).toContain("2 selected");
    view.querySelector<HTMLButtonElement>("[data-testid=bulk-archive]")?.click();
    expect(bulkArchive).toHaveBeenCalledWith([1, 3], true);
    view.querySelector<HTMLButtonElement>("[data-testid=bulk-export]")?.click();
    expect(bulkExport).toHaveBeenCalledWith([1, 3]);
    view.querySelector<HTMLButtonElement>("[data-testid=select-mode]")?.click();
    expect(bar.hidden).toBe(true);
    view.remove();
  });

  it("lets the trash be restored from or emptied", () => {
    const restore = vi.fn();
    const emptyTrash = vi.fn();
    const view = libraryView([summary({ id: 5 })], 1, { shelf: "trash", sort: "savedNewest", tag: null, tags: [], narrowing, selection: new RowSelection() }, actions({ restore, emptyTrash }));
    view.querySelector<HTMLButtonElement>("[data-testid=row-restore]")?.click();
    view.querySelector<HTMLButtonElement>("[data-testid=empty-trash]")?.click();
    expect(restore).toHaveBeenCalledWith(expect.objectContaining({ id: 5 }));
    expect(emptyTrash).toHaveBeenCalled();
    expect(view.querySelector("[data-testid=row-trash]")).toBeNull();
  });

  it("renders titles as text, never as HTML", () => {
    const view = libraryView([summary({ title: "<img src=x onerror=alert(1)>" })], 1, { shelf: "inbox", sort: "savedNewest", tag: null, tags: [], narrowing, selection: new RowSelection() }, actions());
    expect(view.querySelector("img")).toBeNull();
    expect(view.textContent).toContain("<img src=x onerror=alert(1)>");
  });
});

describe("reader view", () => {
  const article: Article = {
    summary: summary(),
    lang: "en",
    contentHtml: '<p>Read <a href="https://example.com/away">this</a>.</p>',
    lastPosition: 0,
    note: "",
  };

  it("shows the site, title and byline above the content", () => {
    const view = readerView(article, { back: vi.fn(), openLink: vi.fn(), download: vi.fn(() => Promise.resolve()) });
    expect(view.element.querySelector("[data-testid=reader-site]")?.textContent).toBe("The Rail Gazette");
    expect(view.element.querySelector("[data-testid=reader-title]")?.textContent).toBe("Night trains return");
    expect(view.element.querySelector("[data-testid=reader-byline]")?.textContent).toBe("Ada Lovelace · 4 min read");
    expect(view.content.textContent).toBe("Read this.");
    expect(view.element.getAttribute("lang")).toBe("en");
  });

  it("never lets an article link navigate the app: it goes to the system browser", () => {
    const openLink = vi.fn();
    const view = readerView(article, { back: vi.fn(), openLink, download: vi.fn(() => Promise.resolve()) });
    const click = new MouseEvent("click", { bubbles: true, cancelable: true });
    view.content.querySelector("a")?.dispatchEvent(click);
    expect(click.defaultPrevented).toBe(true);
    expect(openLink).toHaveBeenCalledWith("https://example.com/away");
  });

  it("offers to download an article imported as a link only, and says why the last try failed", async () => {
    const download = vi.fn(() => Promise.resolve());
    const plain = readerView(article, { back: vi.fn(), openLink: vi.fn(), download });
    expect(plain.element.querySelector("[data-testid=download-banner]")).toBeNull();
    const waiting = readerView({ ...article, summary: summary({ linkOnly: true }) }, { back: vi.fn(), openLink: vi.fn(), download });
    const button = waiting.element.querySelector<HTMLButtonElement>("[data-testid=download-article]");
    expect(waiting.element.querySelector("[data-testid=download-banner]")?.textContent).toContain("Only the link to this article was imported");
    expect(button?.textContent).toBe("Download the article");
    button?.click();
    expect(download).toHaveBeenCalledTimes(1);
    expect(button?.disabled).toBe(true);
    const failed = readerView({ ...article, summary: summary({ linkOnly: true, downloadError: "The server answered 404 Not Found" }) }, { back: vi.fn(), openLink: vi.fn(), download });
    expect(failed.element.querySelector("[data-testid=download-banner]")?.textContent).toContain("could not be downloaded. The server answered 404 Not Found");
    expect(failed.element.querySelector("[data-testid=download-article]")?.textContent).toBe("Try again");
  });

  it("goes back to the library", () => {
    const back = vi.fn();
    readerView(article, { back, openLink: vi.fn(), download: vi.fn(() => Promise.resolve()) }).element.querySelector<HTMLButtonElement>("[data-testid=back]")?.click();
    expect(back).toHaveBeenCalled();
  });
});

describe("settings panel", () => {
  it("offers the library tools and connecting the browser extension", () => {
    const tools = { exportAll: vi.fn(), backUp: vi.fn(), restore: vi.fn(), downloadLinks: vi.fn(), connectBrowsers: vi.fn() };
    const panel = settingsPanel({ ...(DEFAULT_SETTINGS as Settings) }, vi.fn(), tools);
    panel.querySelector<HTMLButtonElement>("[data-testid=connect-browsers]")?.click();
    panel.querySelector<HTMLButtonElement>("[data-testid=export-all]")?.click();
    expect(tools.connectBrowsers).toHaveBeenCalledTimes(1);
    expect(tools.exportAll).toHaveBeenCalledTimes(1);
    expect(panel.textContent).toContain("Browser");
  });

  it("reports each change at once and marks the chosen option", () => {
    const changes: Settings[] = [];
    const panel = settingsPanel({ ...(DEFAULT_SETTINGS as Settings) }, (next) => changes.push(next));
    panel.querySelector<HTMLButtonElement>("[data-testid=theme-dark]")?.click();
    panel.querySelector<HTMLButtonElement>("[data-testid=font-size-up]")?.click();
    expect(changes.at(-1)).toMatchObject({ theme: "dark", fontSize: DEFAULT_SETTINGS.fontSize + 1 });
    expect(panel.querySelector("[data-testid=theme-dark]")?.getAttribute("aria-checked")).toBe("true");
    expect(panel.querySelector("[data-testid=font-size-value]")?.textContent).toBe(`${DEFAULT_SETTINGS.fontSize + 1}px`);
  });
});
