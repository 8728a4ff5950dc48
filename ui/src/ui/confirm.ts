// An in-app confirmation for the few things that cannot be undone.
import { h } from "./dom";

export function confirmDialog(title: string, text: string, confirmLabel: string): Promise<boolean> {
  return new Promise((resolve) => {
    const close = (answer: boolean): void => {
      overlay.remove();
      document.removeEventListener("keydown", onKey, true);
      resolve(answer);
    };
    const onKey = (event: KeyboardEvent): void => {
      if (event.key === "Escape") {
        event.stopPropagation();
        close(false);
      }
    };
    const cancel = h("button", { type: "button", class: "secondary-button", "data-testid": "confirm-cancel", onclick: () => close(false) }, "Cancel");
    const overlay = h(
      "div",
      { class: "help-overlay", role: "alertdialog", "aria-label": title, "data-testid": "confirm-dialog" },
      h(
        "div",
        { class: "help-card confirm-card" },
        h("h2", {}, title),
        h("p", {}, text),
        h(
          "div",
          { class: "confirm-actions" },
          cancel,
          h("button", { type: "button", class: "primary-button danger-button", "data-testid": "confirm-ok", onclick: () => close(true) }, confirmLabel),
        ),
      ),
    );
    document.addEventListener("keydown", onKey, true);
    document.body.append(overlay);
    cancel.focus();
  });
}
