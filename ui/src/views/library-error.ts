// The screen shown when the library could not be opened: what happened, where the file
// is, and the ways out that fit the failure. None of them deletes anything.
import type { AppInfo, RecoveryAction, RecoveryOutcome } from "../api";
import { h } from "../ui/dom";

interface WayOut {
  action: RecoveryAction;
  label: string;
  explanation: string;
}

/** The ways out for each kind of failure, the safest first. */
function waysOut(kind: string): WayOut[] {
  switch (kind) {
    case "corrupt":
      return [
        { action: "rescue", label: "Rescue what can be read", explanation: "Starts a new library and copies into it every article, highlight and note that can still be read." },
        { action: "startFresh", label: "Start a new library", explanation: "Starts a new library with the sample articles." },
      ];
    case "storage":
      return [
        { action: "retry", label: "Try again", explanation: "After freeing space or making the disk writable." },
        { action: "openReadOnly", label: "Open read-only", explanation: "Read and search everything; changes cannot be saved until the disk is writable." },
      ];
    case "newerSchema":
      return [];
    default:
      return [{ action: "retry", label: "Try again", explanation: "Another program may have held the library; it often lets go in a moment." }];
  }
}

export interface LibraryErrorActions {
  recover(action: RecoveryAction): Promise<void>;
}

/** The error screen, with a button for each way out; buttons are disabled while one runs. */
export function libraryErrorView(info: AppInfo, actions: LibraryErrorActions): HTMLElement {
  const error = info.libraryError;
  const kind = error?.kind ?? "database";
  const ways = waysOut(kind);
  const status = h("p", { class: "recovery-status muted", role: "status", "data-testid": "recovery-status" });
  const buttons = ways.map((way, index) =>
    h(
      "button",
      { type: "button", class: index === 0 ? "primary-button" : "secondary-button", "data-action": way.action, "data-testid": `recover-${way.action}` },
      way.label,
    ),
  );
  buttons.forEach((button, index) =>
    button.addEventListener("click", () => {
      buttons.forEach((b) => (b.disabled = true));
      status.textContent = `${ways[index]?.label ?? "Working"}…`;
      void actions.recover(ways[index]?.action ?? "retry").finally(() => buttons.forEach((b) => (b.disabled = false)));
    }),
  );
  const setAside = kind === "corrupt" ? h("p", {}, "Either way, the damaged file is kept beside the new one (renamed library.damaged-…), never deleted.") : null;
  return h(
    "section",
    { class: "fatal", "data-testid": "library-error", role: "alert" },
    h("h1", {}, "Your library could not be opened"),
    h("p", {}, error ? error.message : "Unknown error."),
    ways.length ? h("ul", { class: "recovery-ways" }, ...ways.map((way) => h("li", {}, h("strong", {}, `${way.label}: `), way.explanation))) : null,
    setAside,
    ways.length ? h("div", { class: "recovery-actions" }, ...buttons) : null,
    status,
    h("p", { class: "muted" }, `Library file: ${info.libraryPath}`),
    h("p", { class: "muted" }, `Details are in the log: ${info.logDir}`),
  );
}

/** What a way out did, in a sentence for a notice. */
export function describeRecovery(outcome: RecoveryOutcome): string {
  const kept = outcome.keptAt ? ` The damaged file is kept at ${outcome.keptAt}.` : "";
  const rescued = outcome.rescued;
  if (!rescued) return `Your library is open.${kept}`;
  if (rescued.nothingReadable) return `Nothing could be read from the damaged file; a new library was started.${kept}`;
  const lost = rescued.lostRows ? ` ${rescued.lostRows} damaged part(s) could not be read.` : "";
  return `Rescued ${rescued.articles} article(s), ${rescued.highlights} highlight(s) and ${rescued.bookmarks} bookmark(s).${lost}${kept}`;
}
