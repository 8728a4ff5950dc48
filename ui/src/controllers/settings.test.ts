import { afterEach, describe, expect, it, vi } from "vitest";
import type { Settings } from "../api";
import { DEFAULT_SETTINGS } from "../bindings";
import { fakeApi, settle, startApp } from "../testing/fake-backend";
import { SAVE_SETTINGS_DELAY_MS } from "./settings";

const stored = (patch: Partial<Settings> = {}): Settings => ({ ...(DEFAULT_SETTINGS as Settings), ...patch });

describe("settings controller", () => {
  afterEach(() => vi.useRealTimers());

  it("applies the stored settings at start", async () => {
    await startApp(fakeApi({ getSettings: vi.fn(async () => stored({ theme: "sepia", fontFamily: "sans" })) }));
    expect(document.documentElement.dataset.theme).toBe("sepia");
    expect(document.documentElement.dataset.font).toBe("sans");
  });

  it("starts with the defaults, and says so, when the settings cannot be read", async () => {
    await startApp(fakeApi({ getSettings: vi.fn(() => Promise.reject(new Error("settings.json is not JSON"))) }));
    expect(document.documentElement.dataset.theme).toBeDefined();
    expect(document.querySelector(".notices")?.textContent).toContain("Settings could not be loaded; using defaults");
  });

  it("shows a change at once and writes it once after the pause, keeping what the backend clamped", async () => {
    // The backend keeps the line width within what it accepts (here: at most 64ch).
    const updateSettings = vi.fn(async (next: Partial<Settings>) => stored({ ...next, lineWidth: Math.min(next.lineWidth ?? 64, 64) }));
    const { root } = await startApp(fakeApi({ updateSettings }));
    root.querySelector<HTMLElement>("[data-testid=settings-button]")!.click();
    vi.useFakeTimers();
    root.querySelector<HTMLElement>("[data-testid=theme-dark]")!.click();
    expect(document.documentElement.dataset.theme).toBe("dark");
    const width = root.querySelector<HTMLInputElement>("[data-testid=line-width]")!;
    width.value = "70";
    width.dispatchEvent(new Event("change"));
    expect(document.documentElement.style.getPropertyValue("--reader-measure")).toBe("70ch");
    await vi.advanceTimersByTimeAsync(SAVE_SETTINGS_DELAY_MS - 1);
    expect(updateSettings).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1);
    vi.useRealTimers();
    await settle();
    expect(updateSettings).toHaveBeenCalledTimes(1);
    expect(updateSettings).toHaveBeenCalledWith(expect.objectContaining({ theme: "dark", lineWidth: 70 }));
    expect(document.documentElement.style.getPropertyValue("--reader-measure")).toBe("64ch");
  });

  it("opens and closes its panel from the top bar", async () => {
    const { root, app } = await startApp(fakeApi());
    const button = root.querySelector<HTMLElement>("[data-testid=settings-button]")!;
    button.click();
    expect(app.shell.panelOpen).toBe("settings");
    expect(button.getAttribute("aria-expanded")).toBe("true");
    button.click();
    expect(app.shell.panelOpen).toBeNull();
    expect(root.querySelector("[data-testid=settings-panel]")).toBeNull();
  });
});
