// The keyboard help ("?"): every shortcut, in a card over the app.
import { h } from "../ui/dom";

/** The keyboard help, opened with "?". */
export function shortcutsHelp(close: () => void): HTMLElement {
  const rows: Array<[string, string]> = [
    ["H", "Highlight the selection"],
    ["1 – 5", "Highlight the selection in a colour"],
    ["N", "Highlight and add a note"],
    ["M", "Marker mode: highlight as you select"],
    ["S", "Notes: highlights, notes, bookmarks"],
    ["B", "Bookmark this place"],
    ["F", "Star the article"],
    ["T", "Add a tag"],
    ["J / K", "Scroll down / up"],
    ["[ / ]", "Previous / next article in the list"],
    ["Esc", "Close, or back to the library"],
    ["?", "This help"],
  ];
  return h(
    "div",
    { class: "help-overlay", role: "dialog", "aria-label": "Keyboard shortcuts", "data-testid": "shortcuts-help", onclick: close },
    h(
      "div",
      { class: "help-card" },
      h("h2", {}, "Keyboard shortcuts"),
      h("dl", {}, ...rows.flatMap(([key, what]) => [h("dt", {}, h("kbd", {}, key)), h("dd", {}, what)])),
    ),
  );
}
