// In-app dialogs: a modal card with actions (imports, reports), and the confirmation for
// the few things that cannot be undone.
import { h } from "./dom";

/** One button of a dialog: what it answers, its label, and whether it is the main one. */
export interface DialogAction {
  answer: string;
  label: string;
  primary?: boolean;
  danger?: boolean;
  testId: string;
}

/** A modal card; resolves with the answer of the button pressed (Escape: the first
 * action's). `focus` picks the button focused first. */
export function modalDialog(label: string, testId: string, body: (Node | null)[], actions: DialogAction[], focus: "first" | "last" = "last"): Promise<string> {
  return new Promise((resolve) => {
    const close = (answer: string): void => {
      overlay.remove();
      document.removeEventListener("keydown", onKey, true);
      resolve(answer);
    };
    const onKey = (event: KeyboardEvent): void => {
      if (event.key !== "Escape") return;
      event.stopPropagation();
      close(actions[0]?.answer ?? "");
    };
    const buttons = actions.map((action) =>
      h(
        "button",
        {
          type: "button",
          class: `${action.primary ? "primary-button" : "secondary-button"}${action.danger ? " danger-button" : ""}`,
          "data-testid": action.testId,
          onclick: () => close(action.answer),
        },
        action.label,
      ),
    );
    const overlay = h(
      "div",
      { class: "help-overlay", role: actions.some((a) => a.danger) ? "alertdialog" : "dialog", "aria-label": label, "data-testid": testId },
      h("div", { class: `help-card ${testId}-card` }, ...body, h("div", { class: "confirm-actions" }, ...buttons)),
    );
    document.addEventListener("keydown", onKey, true);
    document.body.append(overlay);
    (focus === "first" ? buttons[0] : buttons[buttons.length - 1])?.focus();
  });
}

export async function confirmDialog(title: string, text: string, confirmLabel: string): Promise<boolean> {
  const answer = await modalDialog(
    title,
    "confirm-dialog",
    [h("h2", {}, title), h("p", {}, text)],
    [
      { answer: "cancel", label: "Cancel", testId: "confirm-cancel" },
      { answer: "ok", label: confirmLabel, primary: true, danger: true, testId: "confirm-ok" },
    ],
    "first",
  );
  return answer === "ok";
}
