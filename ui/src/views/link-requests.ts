// lectern:// links (a bookmarklet, another program): any web page can start one, so the
// app never saves from a link without the user seeing the page's address and agreeing.
import type { LinkRequest } from "../api";
import { modalDialog } from "../ui/confirm";
import { h } from "../ui/dom";

/** A bookmark whose address is this saves the page it is clicked on, through a
 * lectern:// link (for browsers without the extension). */
export const BOOKMARKLET =
  "javascript:location.href='lectern://save?url='+encodeURIComponent(location.href)+'&title='+encodeURIComponent(document.title)";

/** The bookmarklet, ready to copy: the whole text is selected when it gets the focus. */
export function bookmarkletField(): HTMLElement {
  const field = h("input", { type: "text", readonly: true, class: "bookmarklet", value: BOOKMARKLET, "aria-label": "Bookmarklet", "data-testid": "bookmarklet" });
  field.addEventListener("focus", () => field.select());
  return h(
    "label",
    { class: "bookmarklet-field" },
    h("span", { class: "muted" }, "No extension? Make a bookmark with this as its address:"),
    field,
  );
}

type SaveRequest = Extract<LinkRequest, { kind: "save" }>;

/** Ask whether to save the page a link names. Escape, or the focused first button, says no. */
export async function confirmLinkSave(request: SaveRequest): Promise<boolean> {
  const answer = await modalDialog(
    "Save this page?",
    "link-save-dialog",
    [
      h("h2", {}, "Save this page to Lectern?"),
      request.title ? h("p", { class: "link-save-title", "data-testid": "link-save-title" }, request.title) : null,
      h("p", { class: "link-save-url", "data-testid": "link-save-url" }, request.url),
      h("p", { class: "muted" }, "A lectern:// link asked to save it. Save it if you clicked the link or the bookmarklet yourself."),
    ],
    [
      { answer: "cancel", label: "Not now", testId: "link-save-cancel" },
      { answer: "save", label: "Save", primary: true, testId: "link-save-ok" },
    ],
    "first",
  );
  return answer === "save";
}
