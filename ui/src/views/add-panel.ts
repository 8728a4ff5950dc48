// "Add": paste a link, an article's text or its HTML; or import files and folders.
import { h } from "../ui/dom";

export interface AddActions {
  /** Save what was pasted; rejects with a message to show. */
  save(text: string): Promise<void>;
  /** Stop a save in progress (a slow download); its promise then rejects. */
  cancel(): void;
  chooseFiles(folder: boolean): void;
  /** Import an export from Pocket, Instapaper, Omnivore or Kindle (preview first). */
  chooseExport(): void;
}

export function addPanel(actions: AddActions): HTMLElement {
  const input = h("textarea", {
    class: "add-input",
    rows: 3,
    placeholder: "Paste a link, or an article’s text or HTML",
    "aria-label": "Link or text to save",
    "data-testid": "add-input",
  });
  const message = h("p", { class: "add-message", role: "status", "data-testid": "add-message" });
  const saveButton = h("button", { type: "submit", class: "primary-button", "data-testid": "add-save" }, "Save");
  const cancelButton = h("button", { type: "button", class: "secondary-button", hidden: true, "data-testid": "add-cancel", onclick: () => actions.cancel() }, "Cancel");
  const form = h(
    "form",
    { class: "add-panel", role: "dialog", "aria-label": "Add to library", "data-testid": "add-panel" },
    h("p", { class: "settings-label" }, "Save to your library"),
    input,
    h("div", { class: "add-row" }, message, cancelButton, saveButton),
    h("div", { class: "add-divider" }, h("span", {}, "or import")),
    h(
      "div",
      { class: "add-row add-files" },
      h("button", { type: "button", class: "secondary-button", "data-testid": "import-files", onclick: () => actions.chooseFiles(false) }, "Files…"),
      h("button", { type: "button", class: "secondary-button", "data-testid": "import-folder", onclick: () => actions.chooseFiles(true) }, "A folder…"),
    ),
    h("p", { class: "add-hint muted" }, "HTML, Markdown, text and EPUB files. You can also drop them on the window."),
    h(
      "button",
      { type: "button", class: "secondary-button add-move-in", "data-testid": "import-export", onclick: () => actions.chooseExport() },
      "From another app…",
    ),
    h("p", { class: "add-hint muted" }, "Pocket, Instapaper, Omnivore or Kindle: your articles with their highlights."),
  );
  const submit = async (): Promise<void> => {
    const text = input.value.trim();
    if (!text) {
      message.textContent = "Paste a link or some text first.";
      message.className = "add-message add-message-error";
      return;
    }
    saveButton.disabled = true;
    saveButton.textContent = /^https?:\/\/\S+$/.test(text) ? "Fetching…" : "Saving…";
    cancelButton.hidden = false;
    message.textContent = "";
    try {
      await actions.save(text);
      input.value = "";
    } catch (error) {
      message.textContent = error instanceof Error ? error.message : String(error);
      message.className = "add-message add-message-error";
    } finally {
      saveButton.disabled = false;
      saveButton.textContent = "Save";
      cancelButton.hidden = true;
    }
  };
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    void submit();
  });
  input.addEventListener("keydown", (event) => {
    if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      void submit();
    }
  });
  queueMicrotask(() => input.focus());
  return form;
}
