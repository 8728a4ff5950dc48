// The DOM side of anchoring: text offsets <-> DOM ranges inside the rendered article,
// and painting highlights as <mark> elements. Offsets are UTF-16 code units into the
// article text (root.textContent), the same numbers lectern-core stores.
import type { HighlightColor } from "../api";

/** Start and end offsets of `range` within `root`'s text, or null if it is not inside. */
export function offsetsOf(root: Node, range: Range): { start: number; end: number } | null {
  if (!root.contains(range.startContainer) || !root.contains(range.endContainer)) return null;
  const before = document.createRange();
  before.setStart(root, 0);
  before.setEnd(range.startContainer, range.startOffset);
  // A Range's text is the data of the Text nodes in it: the same string textContent gives.
  const start = before.toString().length;
  return { start, end: start + range.toString().length };
}

/** The text node and offset at a text offset (positions at a node boundary go to the later node). */
function locate(root: Node, offset: number, preferEnd: boolean): { node: Text; offset: number } | null {
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  let seen = 0;
  let last: Text | null = null;
  for (let node = walker.nextNode() as Text | null; node; node = walker.nextNode() as Text | null) {
    const length = node.data.length;
    if (offset < seen + length || (preferEnd && offset === seen + length)) {
      return { node, offset: offset - seen };
    }
    seen += length;
    last = node;
  }
  return last && offset === seen ? { node: last, offset: last.data.length } : null;
}

/** The DOM range for text offsets, or null if they fall outside the text. */
export function rangeAt(root: Node, start: number, end: number): Range | null {
  const from = locate(root, start, false);
  const to = locate(root, end, true);
  if (!from || !to || start >= end) return null;
  const range = document.createRange();
  range.setStart(from.node, from.offset);
  range.setEnd(to.node, to.offset);
  return range;
}

/** Wrap the text of `start..end` in <mark> elements (one per text node it crosses).
 * The article text is unchanged: marks add elements, never characters. */
export function paint(root: HTMLElement, id: number, start: number, end: number, color: HighlightColor): HTMLElement[] {
  const range = rangeAt(root, start, end);
  if (!range) return [];
  const pieces: Array<{ node: Text; from: number; to: number }> = [];
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode() as Text | null; node; node = walker.nextNode() as Text | null) {
    if (!range.intersectsNode(node)) continue;
    const from = node === range.startContainer ? range.startOffset : 0;
    const to = node === range.endContainer ? range.endOffset : node.data.length;
    // Whitespace between blocks (list items, paragraphs) stays unwrapped.
    if (to > from && node.data.slice(from, to).trim() !== "") pieces.push({ node, from, to });
  }
  return pieces.map(({ node, from, to }) => {
    let target = node;
    if (from > 0) target = target.splitText(from);
    if (to - from < target.data.length) target.splitText(to - from);
    const mark = document.createElement("mark");
    mark.className = "hl";
    mark.dataset.color = color;
    mark.dataset.highlightId = String(id);
    target.replaceWith(mark);
    mark.append(target);
    return mark;
  });
}

/** Remove a highlight's marks, joining the text back together. */
export function unpaint(root: HTMLElement, id: number): void {
  for (const mark of Array.from(root.querySelectorAll<HTMLElement>(`mark.hl[data-highlight-id="${id}"]`))) {
    const parent = mark.parentNode;
    mark.replaceWith(...Array.from(mark.childNodes));
    parent?.normalize();
  }
}

export function recolor(root: HTMLElement, id: number, color: HighlightColor): void {
  for (const mark of Array.from(root.querySelectorAll<HTMLElement>(`mark.hl[data-highlight-id="${id}"]`))) {
    mark.dataset.color = color;
  }
}
