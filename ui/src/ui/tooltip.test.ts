import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { h } from "./dom";
import { installTooltips } from "./tooltip";

function pointer(type: "pointerover" | "pointerout", target: Element, relatedTarget: Element | null = null): void {
  target.dispatchEvent(new MouseEvent(type, { bubbles: true, relatedTarget }));
}

describe("tooltips drawn in the page", () => {
  let tip: HTMLElement;
  let button: HTMLButtonElement;

  beforeEach(() => {
    vi.useFakeTimers();
    document.body.replaceChildren();
    tip = installTooltips(document);
    button = h("button", { type: "button", "data-tip": "Previous article ([)" }, "‹");
    document.body.append(button, h("p", {}, "elsewhere"));
  });

  afterEach(() => vi.useRealTimers());

  it("show an element's tip once the pointer has rested on it, and describe it", () => {
    pointer("pointerover", button);
    vi.advanceTimersByTime(300);
    expect(tip.hidden).toBe(true);
    vi.advanceTimersByTime(300);
    expect(tip.hidden).toBe(false);
    expect(tip.textContent).toBe("Previous article ([)");
    expect(button.getAttribute("aria-describedby")).toBe(tip.id);
  });

  it("go when the pointer leaves, a key is pressed, or the page is clicked", () => {
    for (const leave of [
      () => pointer("pointerout", button, document.querySelector("p")),
      () => document.dispatchEvent(new KeyboardEvent("keydown", { key: "[" })),
      () => document.dispatchEvent(new MouseEvent("pointerdown")),
    ]) {
      pointer("pointerover", button);
      vi.advanceTimersByTime(600);
      expect(tip.hidden).toBe(false);
      leave();
      expect(tip.hidden).toBe(true);
      expect(button.hasAttribute("aria-describedby")).toBe(false);
      pointer("pointerout", button, document.querySelector("p"));
    }
  });

  it("go with their element when a view is replaced under a resting pointer", async () => {
    pointer("pointerover", button);
    vi.advanceTimersByTime(600);
    document.body.replaceChildren(tip, h("main", {}, "search results"));
    await Promise.resolve(); // mutation observers run as a microtask
    expect(tip.hidden).toBe(true);
  });

  it("never show for an element that left before its delay was over", () => {
    pointer("pointerover", button);
    button.remove();
    vi.advanceTimersByTime(600);
    expect(tip.hidden).toBe(true);
  });
});
