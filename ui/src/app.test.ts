import { describe, expect, it, vi } from "vitest";
import { article, fakeApi, settle, startApp } from "./testing/fake-backend";

const press = (key: string): void => {
  document.body.dispatchEvent(new KeyboardEvent("keydown", { key, bubbles: true }));
};

describe("app shell", () => {
  it("Escape closes the innermost thing open: the help, then the panel, then the article", async () => {
    const { app, root } = await startApp(fakeApi({ getArticle: vi.fn(async () => article({ id: 2 })) }));
    await app.router.go({ view: "reader", id: 2 });
    root.querySelector<HTMLElement>("[data-testid=settings-button]")!.click();
    press("?");
    expect(app.shell.helpOpen).toBe(true);

    press("Escape");
    expect(app.shell.helpOpen).toBe(false);
    expect(app.shell.panelOpen).toBe("settings");
    press("Escape");
    expect(app.shell.panelOpen).toBeNull();
    expect(app.shell.current).toBe("reader");
    press("Escape");
    await settle();
    expect(app.shell.current).toBe("library");
  });

  it("keys typed into a field are text, not shortcuts", async () => {
    const { app } = await startApp(fakeApi());
    app.shell.searchInput.focus();
    app.shell.searchInput.dispatchEvent(new KeyboardEvent("keydown", { key: "?", bubbles: true }));
    expect(app.shell.helpOpen).toBe(false);
    press("?");
    expect(app.shell.helpOpen).toBe(true);
  });

  it("shows the ways out instead of the library when the library cannot be opened", async () => {
    const appInfo = vi.fn(async () => ({
      version: "test",
      libraryPath: "/tmp/library.sqlite3",
      logDir: "/tmp",
      libraryError: { kind: "corrupt" as const, message: "The library file is damaged." },
      readOnly: false,
    }));
    const listArticles = vi.fn();
    const { app, root } = await startApp(fakeApi({ appInfo, listArticles }));
    expect(app.shell.current).toBe("error");
    expect(root.textContent).toContain("The library file is damaged.");
    expect(listArticles).not.toHaveBeenCalled();
  });
});
