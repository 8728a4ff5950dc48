import { describe, expect, it, vi } from "vitest";
import type { AppInfo, ErrorKind } from "../api";
import { describeRecovery, libraryErrorView } from "./library-error";

const info = (kind: ErrorKind, message = "It failed."): AppInfo => ({
  version: "0.1.0",
  libraryPath: "/home/me/.local/share/app.lectern.reader/library.sqlite3",
  logDir: "/home/me/.local/share/app.lectern.reader/logs",
  libraryError: { kind, message },
  readOnly: false,
});

const actionsOf = (view: HTMLElement) => [...view.querySelectorAll<HTMLButtonElement>("button")].map((b) => b.dataset.action);

describe("library error screen", () => {
  it("offers rescue first for a damaged file, and says the file is kept", () => {
    const view = libraryErrorView(info("corrupt", "The library file is damaged."), { recover: vi.fn(() => Promise.resolve()) });
    expect(actionsOf(view)).toEqual(["rescue", "startFresh"]);
    expect(view.textContent).toContain("never deleted");
    expect(view.textContent).toContain("library.sqlite3");
  });

  it("offers a retry and read-only opening when the disk cannot be written", () => {
    expect(actionsOf(libraryErrorView(info("storage"), { recover: vi.fn(() => Promise.resolve()) }))).toEqual(["retry", "openReadOnly"]);
  });

  it("offers a retry for a busy library and nothing that moves a newer library", () => {
    expect(actionsOf(libraryErrorView(info("busy"), { recover: vi.fn(() => Promise.resolve()) }))).toEqual(["retry"]);
    expect(actionsOf(libraryErrorView(info("newerSchema"), { recover: vi.fn(() => Promise.resolve()) }))).toEqual([]);
  });

  it("runs one way out at a time", async () => {
    let finish = () => {};
    const recover = vi.fn(() => new Promise<void>((resolve) => (finish = resolve)));
    const view = libraryErrorView(info("corrupt"), { recover });
    const [rescue, fresh] = [...view.querySelectorAll<HTMLButtonElement>("button")];
    rescue?.click();
    expect(recover).toHaveBeenCalledWith("rescue");
    expect(fresh?.disabled).toBe(true);
    fresh?.click();
    expect(recover).toHaveBeenCalledTimes(1);
    finish();
    await Promise.resolve();
    await Promise.resolve();
    expect(fresh?.disabled).toBe(false);
  });

  it("reports what a rescue brought over and where the damaged file went", () => {
    const text = describeRecovery({
      keptAt: "/data/library.damaged-1.sqlite3",
      rescued: { articles: 118, highlights: 360, bookmarks: 2, lostRows: 1, nothingReadable: false },
    });
    expect(text).toBe("Rescued 118 article(s), 360 highlight(s) and 2 bookmark(s). 1 damaged part(s) could not be read. The damaged file is kept at /data/library.damaged-1.sqlite3.");
  });
});
