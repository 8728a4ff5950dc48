// Links inside HTML that lectern-core sanitized (articles, notes). The app's window
// never navigates: web and mail links go to the system browser (through the checked
// open_link command), in-page links scroll to their target, and a click on a link is never also a
// click on what contains it (a Highlights entry, a highlight in the reader).

/** True for the only targets a link may have outside the app. */
export function isExternalLink(href: string): boolean {
  return /^(https?:\/\/|mailto:)/i.test(href.trim());
}

/** Route the clicks on links inside `container` to `openLink`. `shouldOpen` can veto a
 * click (a click that ends a text selection is not a request to leave). */
export function routeLinks(container: HTMLElement, openLink: (url: string) => void, shouldOpen: (event: MouseEvent) => boolean = () => true): void {
  const handle = (event: MouseEvent): void => {
    const link = (event.target as Element | null)?.closest?.("a");
    if (!link || !container.contains(link)) return;
    event.preventDefault();
    event.stopPropagation();
    if (event.type === "auxclick" && event.button !== 1) return;
    const href = link.getAttribute("href") ?? "";
    if (!shouldOpen(event)) return;
    if (isExternalLink(href)) openLink(href);
    else if (href.startsWith("#")) scrollToTarget(container, href.slice(1));
  };
  container.addEventListener("click", handle);
  container.addEventListener("auxclick", handle);
}

/** An in-page link (a footnote, a table of contents) moves to its target, if the
 * target is in the same container; nothing else on the page can be reached. */
function scrollToTarget(container: HTMLElement, id: string): void {
  const target = container.ownerDocument.getElementById(id);
  if (target && container.contains(target)) target.scrollIntoView({ block: "start", behavior: "smooth" });
}

/** `html` (sanitized by lectern-core) as the content of a new div, its links routed
 * (see `routeLinks`) and titled with where they go. */
export function sanitizedHtml(className: string, html: string, openLink: (url: string) => void, shouldOpen?: (event: MouseEvent) => boolean): HTMLElement {
  const element = document.createElement("div");
  element.className = className;
  element.innerHTML = html;
  for (const link of Array.from(element.querySelectorAll<HTMLAnchorElement>("a[href]"))) {
    const href = link.getAttribute("href") ?? "";
    // Where the link goes, shown as the pointer rests on it (ui/tooltip.ts), unless
    // the article gave it a title of its own.
    if (isExternalLink(href) && !link.title) link.dataset.tip = href;
  }
  routeLinks(element, openLink, shouldOpen);
  return element;
}

/** Last wall: nothing in the document navigates the window or opens another one, whatever
 * a view forgot. Views open links themselves through `routeLinks`. */
export function guardNavigation(doc: Document): void {
  const onLink = (event: Event): boolean => Boolean((event.target as Element | null)?.closest?.("a[href], area[href]"));
  for (const type of ["click", "auxclick"]) {
    doc.addEventListener(type, (event) => {
      if (onLink(event)) event.preventDefault();
    }, true);
  }
  // "Open link in new window" from the context menu would leave the app's control.
  doc.addEventListener("contextmenu", (event) => {
    if (onLink(event)) event.preventDefault();
  }, true);
  doc.addEventListener("dragstart", (event) => {
    if (onLink(event)) event.preventDefault();
  }, true);
  // The app's own forms are handled in script; a native submit would reload the window.
  doc.addEventListener("submit", (event) => event.preventDefault(), true);
}
