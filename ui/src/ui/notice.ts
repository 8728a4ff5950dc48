// Errors the user must see: a dismissable notice, and the same text in the log file.
import { AppError, api } from "../api";
import { h } from "./dom";

export function describe(error: unknown): string {
  if (error instanceof AppError || error instanceof Error) return error.message;
  return String(error);
}

export function showError(error: unknown, context: string): void {
  const message = describe(error);
  api.log("error", `${context}: ${message}`);
  const host = document.querySelector(".notices") ?? document.body.appendChild(h("div", { class: "notices" }));
  const notice = h(
    "div",
    { class: "notice notice-error", role: "alert", "data-testid": "error-notice" },
    h("div", {}, h("strong", {}, context), h("p", {}, message)),
    h("button", { type: "button", class: "link-button", "aria-label": "Dismiss", onclick: () => notice.remove() }, "✕"),
  );
  host.append(notice);
}
