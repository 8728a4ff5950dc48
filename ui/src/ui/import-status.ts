// The card that shows a running import (progress, cancel) and then what it did.
import type { BatchProgress, BatchReport } from "../api";
import { h } from "./dom";

export function progressCard(progress: BatchProgress, cancel: () => void): HTMLElement {
  const ratio = progress.total === 0 ? 0 : progress.done / progress.total;
  const fill = h("div", { class: "import-bar-fill" });
  // CSSOM, not a style attribute: the CSP forbids inline style attributes.
  fill.style.width = `${Math.round(ratio * 100)}%`;
  return h(
    "div",
    { class: "import-card", role: "status", "data-testid": "import-progress" },
    h("div", { class: "import-card-head" }, h("strong", {}, `Importing ${Math.min(progress.done + 1, progress.total)} of ${progress.total}`),
      h("button", { type: "button", class: "link-button", "data-testid": "import-cancel", onclick: cancel }, "Cancel")),
    h("div", { class: "import-bar" }, fill),
    h("p", { class: "muted import-current" }, progress.current ?? "Finishing…"),
    h("p", { class: "muted" }, counts(progress.added, progress.alreadySaved, progress.failed)),
  );
}

export function reportCard(report: BatchReport, dismiss: () => void): HTMLElement {
  const title = report.cancelled ? "Import cancelled" : "Import finished";
  return h(
    "div",
    { class: "import-card", role: "status", "data-testid": "import-report" },
    h("div", { class: "import-card-head" }, h("strong", {}, title),
      h("button", { type: "button", class: "link-button", "aria-label": "Dismiss", onclick: dismiss }, "✕")),
    h("p", {}, counts(report.added, report.alreadySaved, report.failures.length)),
    report.failures.length > 0
      ? h("ul", { class: "import-failures" }, ...report.failures.map((f) => h("li", {}, f.file ? h("strong", {}, `${f.file}: `) : null, f.message)))
      : null,
  );
}

/** "3 added · 1 already in your library · 2 could not be read" */
export function counts(added: number, alreadySaved: number, failed: number): string {
  const parts = [`${added} added`];
  if (alreadySaved > 0) parts.push(`${alreadySaved} already in your library`);
  if (failed > 0) parts.push(`${failed} could not be read`);
  return parts.join(" · ");
}
