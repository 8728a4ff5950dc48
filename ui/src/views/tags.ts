// Tag chips with an inline "add a tag" field (reader), and the tag manager (library).
import type { Tag } from "../api";
import { h } from "../ui/dom";

export interface TagEditorActions {
  add(name: string): Promise<void>;
  remove(name: string): Promise<void>;
}

/** An article's tags as removable chips, and a field to add one (Enter). */
export function tagEditor(tags: string[], actions: TagEditorActions): HTMLElement {
  const input = h("input", { class: "tag-input", placeholder: "+ Tag", "aria-label": "Add a tag", "data-testid": "tag-input", list: "known-tags" });
  const chips = tags.map((name) =>
    h(
      "span",
      { class: "tag-chip", "data-testid": "tag-chip" },
      name,
      h("button", { type: "button", class: "tag-remove", "aria-label": `Remove tag ${name}`, onclick: () => void actions.remove(name) }, "×"),
    ),
  );
  input.addEventListener("keydown", (event) => {
    event.stopPropagation(); // typing a tag is not a shortcut
    if (event.key === "Enter" && input.value.trim()) {
      const name = input.value.trim();
      input.value = "";
      void actions.add(name);
    }
    if (event.key === "Escape") input.blur();
  });
  return h("div", { class: "tag-editor", "data-testid": "tag-editor" }, ...chips, input);
}

export interface TagManagerActions {
  rename(tag: Tag, name: string): void;
  remove(tag: Tag): void;
  close(): void;
}

/** Every tag with its count: rename (onto another name merges) or delete. */
export function tagManager(tags: Tag[], actions: TagManagerActions): HTMLElement {
  const rows = tags.map((tag) => {
    const name = h("input", { class: "tag-input tag-rename", value: tag.name, "aria-label": `Rename ${tag.name}`, "data-testid": "tag-rename" });
    name.addEventListener("keydown", (event) => {
      event.stopPropagation();
      if (event.key === "Enter" && name.value.trim() && name.value.trim() !== tag.name) actions.rename(tag, name.value.trim());
    });
    return h(
      "li",
      { class: "tag-row" },
      name,
      h("span", { class: "muted" }, tag.count === 1 ? "1 article" : `${tag.count} articles`),
      h("button", { type: "button", class: "link-button small danger", "data-testid": "tag-delete", onclick: () => actions.remove(tag) }, "Delete"),
    );
  });
  return h(
    "div",
    { class: "help-overlay", role: "dialog", "aria-label": "Tags", "data-testid": "tag-manager" },
    h(
      "div",
      { class: "help-card tag-card" },
      h("h2", {}, "Tags"),
      h("p", { class: "muted" }, "Rename a tag and press Enter. Renaming it to another tag's name merges the two."),
      tags.length === 0 ? h("p", { class: "muted" }, "No tags yet: add one from an article's page.") : h("ul", { class: "tag-list" }, ...rows),
      h("div", { class: "confirm-actions" }, h("button", { type: "button", class: "primary-button", "data-testid": "tag-manager-close", onclick: () => actions.close() }, "Done")),
    ),
  );
}
