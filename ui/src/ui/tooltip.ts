// Tooltips drawn in the page, for elements with a `data-tip`. WebKitGTK shows a `title`
// as a GTK tooltip window, which moves and hides only when the mouse does: after a key
// changed the view under a resting pointer, "Previous article ([)" stayed over the
// search results. These belong to the page: a key, a click, a scroll or the element
// leaving the document takes them away.

import { h } from "./dom";

/** How long the pointer rests on an element before its tooltip shows (as GTK's do). */
const SHOW_AFTER_MS = 500;
/** Between the element and its tooltip. */
const GAP_PX = 6;
/** A tooltip keeps this far from the window's edges. */
const MARGIN_PX = 8;

/** Show the `data-tip` of whatever the pointer rests on, in one tooltip element. */
export function installTooltips(doc: Document = document): HTMLElement {
  const tip = h("div", { class: "tooltip", id: "tooltip", role: "tooltip", "data-testid": "tooltip", hidden: true });
  doc.body.append(tip);
  let anchor: HTMLElement | null = null;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const hide = (): void => {
    if (anchor === null) return; // nothing shown or waiting: reading's scroll events cost nothing
    clearTimeout(timer);
    anchor?.removeAttribute("aria-describedby");
    anchor = null;
    tip.hidden = true;
  };
  const show = (): void => {
    if (!anchor?.isConnected) return hide();
    tip.textContent = anchor.dataset.tip ?? "";
    tip.hidden = false;
    anchor.setAttribute("aria-describedby", tip.id);
    place(tip, anchor.getBoundingClientRect(), doc.defaultView ?? window);
  };
  doc.addEventListener("pointerover", (event) => {
    const next = event.target instanceof Element ? event.target.closest<HTMLElement>("[data-tip]") : null;
    if (next === anchor) return;
    hide();
    if (!next) return;
    anchor = next;
    timer = setTimeout(show, SHOW_AFTER_MS);
  });
  doc.addEventListener("pointerout", (event) => {
    if (anchor && !(event.relatedTarget instanceof Node && anchor.contains(event.relatedTarget))) hide();
  });
  for (const type of ["pointerdown", "keydown", "scroll"]) doc.addEventListener(type, hide, true);
  // A view replaced by an answer arriving, with no key or click: its tooltip goes with it.
  new MutationObserver(() => {
    if (anchor && !anchor.isConnected) hide();
  }).observe(doc.body, { childList: true, subtree: true });
  return tip;
}

/** Below the element and centred on it, inside the window; above it when there is no room below. */
function place(tip: HTMLElement, around: DOMRect, view: Window): void {
  const { offsetWidth: width, offsetHeight: height } = tip;
  const left = Math.max(MARGIN_PX, Math.min(around.left + around.width / 2 - width / 2, view.innerWidth - width - MARGIN_PX));
  const below = around.bottom + GAP_PX;
  const top = below + height + MARGIN_PX <= view.innerHeight ? below : around.top - GAP_PX - height;
  tip.style.left = `${left}px`;
  tip.style.top = `${Math.max(MARGIN_PX, top)}px`;
}
