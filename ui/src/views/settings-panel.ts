// The "Aa" panel: theme, typeface, size, measure and leading, applied as you change them.
import type { FontFamily, Settings, Theme } from "../api";
import { LIMITS } from "../settings";
import { h } from "../ui/dom";
import { bookmarkletField } from "./link-requests";

const THEMES: Array<[Theme, string]> = [
  ["system", "Auto"],
  ["light", "Light"],
  ["sepia", "Sepia"],
  ["dark", "Dark"],
];
const FONTS: Array<[FontFamily, string]> = [
  ["serif", "Serif"],
  ["sans", "Sans"],
];

/** What the panel offers for the library as a whole. */
export interface LibraryTools {
  exportAll(): void;
  backUp(): void;
  restore(): void;
  /** Download the articles imported as links only. */
  downloadLinks(): void;
  /** Let the Lectern browser extension reach this library. */
  connectBrowsers(): void;
}

export function settingsPanel(settings: Settings, onChange: (next: Settings) => void, library?: LibraryTools): HTMLElement {
  let current = settings;
  const panel = h("div", { class: "settings-panel", role: "dialog", "aria-label": "Reading settings", "data-testid": "settings-panel" });
  const update = (patch: Partial<Settings>): void => {
    current = { ...current, ...patch };
    onChange(current);
    render();
  };
  const render = (): void => {
    const groups: HTMLElement[] = [
      group("Theme", segmented(THEMES, current.theme, (theme) => update({ theme }), "theme")),
      group("Typeface", segmented(FONTS, current.fontFamily, (fontFamily) => update({ fontFamily }), "font")),
      group("Text size", stepper(current.fontSize, LIMITS.fontSize, `${current.fontSize}px`, (fontSize) => update({ fontSize }), "font-size")),
      group("Line width", slider(current.lineWidth, LIMITS.lineWidth, (lineWidth) => update({ lineWidth }), "line-width")),
      group("Line spacing", slider(current.lineHeight ?? 1.6, LIMITS.lineHeight, (lineHeight) => update({ lineHeight }), "line-height")),
      group(
        "Text",
        toggle(
          "Justify",
          "Text flush with both edges of the column, as in a book.",
          current.justify ?? false,
          (justify) => update({ justify }),
          "justify",
        ),
        toggle(
          "Hyphenate",
          "Break long words at line ends, by the rules of the article's language.",
          current.hyphenate ?? true,
          (hyphenate) => update({ hyphenate }),
          "hyphenate",
        ),
      ),
      group(
        "Privacy",
        toggle(
          "Fetch web images of imported files and pasted HTML",
          "Off: nothing is requested from the sites those images come from. Pages saved by their link always bring their images.",
          current.fetchRemoteImages ?? false,
          (fetchRemoteImages) => update({ fetchRemoteImages }),
          "fetch-remote-images",
        ),
      ),
    ];
    if (library) {
      groups.push(group("Your library", libraryButtons(library)));
      groups.push(
        group(
          "Browser",
          h(
            "div",
            { class: "settings-browser" },
            h(
              "div",
              { class: "settings-buttons" },
              h("button", { type: "button", class: "secondary-button", "data-testid": "connect-browsers", onclick: () => library.connectBrowsers() }, "Connect browsers"),
            ),
            bookmarkletField(),
          ),
        ),
      );
    }
    panel.replaceChildren(...groups);
  };
  render();
  return panel;
}

function libraryButtons(library: LibraryTools): HTMLElement {
  return h(
    "div",
    { class: "settings-buttons" },
    h("button", { type: "button", class: "secondary-button", "data-testid": "export-all", onclick: () => library.exportAll() }, "Export…"),
    h("button", { type: "button", class: "secondary-button", "data-testid": "back-up-library", onclick: () => library.backUp() }, "Back up…"),
    h("button", { type: "button", class: "secondary-button", "data-testid": "restore-library", onclick: () => library.restore() }, "Restore…"),
    h("button", { type: "button", class: "secondary-button", "data-testid": "download-links", onclick: () => library.downloadLinks() }, "Download saved links"),
  );
}

function toggle(label: string, hint: string, checked: boolean, set: (value: boolean) => void, name: string): HTMLElement {
  const box = h("input", { type: "checkbox", "data-testid": `setting-${name}` });
  box.checked = checked;
  box.addEventListener("change", () => set(box.checked));
  return h("label", { class: "settings-toggle" }, box, h("span", {}, label, h("small", { class: "muted" }, hint)));
}

function group(label: string, ...controls: HTMLElement[]): HTMLElement {
  return h("div", { class: "settings-group" }, h("p", { class: "settings-label" }, label), ...controls);
}

function segmented<T extends string>(options: Array<[T, string]>, selected: T, pick: (value: T) => void, name: string): HTMLElement {
  return h(
    "div",
    { class: "segmented", role: "radiogroup" },
    ...options.map(([value, label]) =>
      h(
        "button",
        {
          type: "button",
          role: "radio",
          "aria-checked": value === selected ? "true" : "false",
          class: value === selected ? "selected" : "",
          "data-testid": `${name}-${value}`,
          onclick: () => pick(value),
        },
        label,
      ),
    ),
  );
}

interface Range {
  min: number;
  max: number;
  step: number;
}

function stepper(value: number, range: Range, shown: string, set: (value: number) => void, name: string): HTMLElement {
  const clamp = (v: number): number => Math.min(range.max, Math.max(range.min, v));
  return h(
    "div",
    { class: "stepper" },
    h("button", { type: "button", "aria-label": "Smaller", "data-testid": `${name}-down`, disabled: value <= range.min, onclick: () => set(clamp(value - range.step)) }, "A−"),
    h("span", { class: "stepper-value", "data-testid": `${name}-value` }, shown),
    h("button", { type: "button", "aria-label": "Larger", "data-testid": `${name}-up`, disabled: value >= range.max, onclick: () => set(clamp(value + range.step)) }, "A+"),
  );
}

function slider(value: number, range: Range, set: (value: number) => void, name: string): HTMLElement {
  const input = h("input", {
    type: "range",
    min: range.min,
    max: range.max,
    step: range.step,
    value,
    "data-testid": name,
  });
  input.addEventListener("change", () => set(Number(input.value)));
  return input;
}
