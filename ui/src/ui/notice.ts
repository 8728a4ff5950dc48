// Errors the user must see: a dismissable notice, and the same text in the log file.
import { AppError, api } from "../api";
import { h } from "./dom";

export function describe(error: unknown): string {
  if (error instanceof AppError || error instanceof Error) return error.message;
  return String(error);
}

const INFO_VISIBLE_MS = 5000;

/** Notices shown at once; older ones make way. */
const MAX_NOTICES = 3;

function noticeHost(): Element {
  const host = document.querySelector(".notices") ?? document.body.appendChild(h("div", { class: "notices" }));
  while (host.children.length >= MAX_NOTICES) host.firstElementChild?.remove();
  return host;
}

/** A passing message ("already in your library"): disappears by itself. */
export function showInfo(message: string): void {
  const notice = h("div", { class: "notice notice-info", role: "status", "data-testid": "info-notice" }, h("p", {}, message));
  noticeHost().append(notice);
  setTimeout(() => notice.remove(), INFO_VISIBLE_MS);
}

const UNDO_VISIBLE_MS = 8000;

/** A message with an Undo button, for changes that are easy to regret. */
export function showUndo(message: string, undo: () => Promise<void>): void {
  const button = h("button", { type: "button", class: "link-button undo-button", "data-testid": "undo" }, "Undo");
  const notice = h("div", { class: "notice notice-info", role: "status", "data-testid": "undo-notice" }, h("p", {}, message), button);
  button.addEventListener("click", () => {
    notice.remove();
    undo().catch((error: unknown) => showError(error, "Undo failed"));
  });
  noticeHost().append(notice);
  setTimeout(() => notice.remove(), UNDO_VISIBLE_MS);
}

/** Fired on the document when a command found the library file damaged: the app then
 * shows the ways out instead of failing one command after another. */
export const LIBRARY_DAMAGED_EVENT = "lectern:library-damaged";

export function showError(error: unknown, context: string): void {
  const message = describe(error);
  api.log("error", `${context}: ${message}`);
  if (error instanceof AppError && error.kind === "corrupt") document.dispatchEvent(new CustomEvent(LIBRARY_DAMAGED_EVENT));
  const host = noticeHost();
  const notice = h(
    "div",
    { class: "notice notice-error", role: "alert", "data-testid": "error-notice" },
    h("div", {}, h("strong", {}, context), h("p", {}, message)),
    h("button", { type: "button", class: "link-button", "aria-label": "Dismiss", onclick: () => notice.remove() }, "✕"),
  );
  host.append(notice);
}
