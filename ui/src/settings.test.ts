import { describe, expect, it } from "vitest";
import type { Settings } from "./api";
import { DEFAULT_SETTINGS } from "./bindings";
import { LIMITS, applySettings, resolveTheme } from "./settings";

const settings = (patch: Partial<Settings> = {}): Settings => ({ ...(DEFAULT_SETTINGS as Settings), ...patch });

describe("applying settings", () => {
  it("sets the theme and the reader's type variables on the root", () => {
    const root = document.createElement("html");
    applySettings(settings({ theme: "sepia", fontFamily: "sans", fontSize: 22, lineWidth: 60, lineHeight: 1.8 }), root);
    expect(root.dataset.theme).toBe("sepia");
    expect(root.dataset.font).toBe("sans");
    expect(root.style.getPropertyValue("--reader-font-size")).toBe("22px");
    expect(root.style.getPropertyValue("--reader-measure")).toBe("60ch");
    expect(root.style.getPropertyValue("--reader-line-height")).toBe("1.8");
  });

  it("hyphenates and leaves the right edge ragged unless told otherwise", () => {
    const root = document.createElement("html");
    applySettings(settings(), root);
    expect([root.dataset.hyphenate, root.dataset.justify]).toEqual(["true", "false"]);
    applySettings(settings({ justify: true, hyphenate: false }), root);
    expect([root.dataset.hyphenate, root.dataset.justify]).toEqual(["false", "true"]);
  });

  it("resolves the system theme from the system preference", () => {
    expect(resolveTheme("system", true)).toBe("dark");
    expect(resolveTheme("system", false)).toBe("light");
    expect(resolveTheme("sepia", true)).toBe("sepia");
  });

  it("takes its ranges from the backend's limits", () => {
    expect(LIMITS.fontSize.min).toBeLessThan(DEFAULT_SETTINGS.fontSize);
    expect(LIMITS.fontSize.max).toBeGreaterThan(DEFAULT_SETTINGS.fontSize);
    expect(LIMITS.lineWidth.min).toBeLessThan(DEFAULT_SETTINGS.lineWidth);
  });
});
