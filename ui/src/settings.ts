// Reader settings, applied live to the document as a theme attribute and CSS variables.
import type { Settings, Theme } from "./api";
import { SETTINGS_LIMITS } from "./bindings";

export type ResolvedTheme = Exclude<Theme, "system">;

const darkQuery = (): MediaQueryList | null =>
  typeof window.matchMedia === "function" ? window.matchMedia("(prefers-color-scheme: dark)") : null;

export function resolveTheme(theme: Theme, systemPrefersDark: boolean): ResolvedTheme {
  if (theme !== "system") return theme;
  return systemPrefersDark ? "dark" : "light";
}

export function applySettings(settings: Settings, root: HTMLElement = document.documentElement): void {
  root.dataset.theme = resolveTheme(settings.theme, darkQuery()?.matches ?? false);
  root.dataset.themeSetting = settings.theme;
  root.dataset.font = settings.fontFamily;
  root.style.setProperty("--reader-font-size", `${settings.fontSize}px`);
  root.style.setProperty("--reader-measure", `${settings.lineWidth}ch`);
  root.style.setProperty("--reader-line-height", String(settings.lineHeight ?? 1.6));
  root.dataset.justify = String(settings.justify ?? false);
  root.dataset.hyphenate = String(settings.hyphenate ?? true);
}

/** Re-apply when the system switches between light and dark (only matters for "system"). */
export function followSystemTheme(current: () => Settings): void {
  darkQuery()?.addEventListener("change", () => applySettings(current()));
}

/** Ranges come from the backend, which clamps to them; steps are the UI's own. */
export const LIMITS = {
  fontSize: { ...SETTINGS_LIMITS.fontSize, step: 1 },
  lineWidth: { ...SETTINGS_LIMITS.lineWidth, step: 2 },
  lineHeight: { ...SETTINGS_LIMITS.lineHeight, step: 0.1 },
} as const;
