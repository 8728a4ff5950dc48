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

/** The article's text nodes in order, with the text offset each starts at: built once
 * and kept up to date as marks split nodes, so painting 200 highlights does not walk the
 * whole article 600 times (it took a second on a 20,000-word article). */
export class TextIndex {
  private readonly nodes: Text[] = [];
  private readonly starts: number[] = [];

  constructor(root: Node) {
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    let seen = 0;
    for (let node = walker.nextNode() as Text | null; node; node = walker.nextNode() as Text | null) {
      this.nodes.push(node);
      this.starts.push(seen);
      seen += node.data.length;
    }
  }

  /** The pieces of text nodes that `start..end` covers, as (index, from, to). */
  pieces(start: number, end: number): Array<{ at: number; from: number; to: number }> {
    const pieces: Array<{ at: number; from: number; to: number }> = [];
    for (let at = this.first(start); at < this.nodes.length && this.starts[at]! < end; at++) {
      const node = this.nodes[at]!;
      const from = Math.max(0, start - this.starts[at]!);
      const to = Math.min(node.data.length, end - this.starts[at]!);
      // Whitespace between blocks (list items, paragraphs) stays unwrapped.
      if (to > from && node.data.slice(from, to).trim() !== "") pieces.push({ at, from, to });
    }
    return pieces;
  }

  /** Split node `at` so that `from..to` is a node of its own, and return it. */
  isolate(at: number, from: number, to: number): Text {
    let target = this.nodes[at]!;
    const parts: Text[] = [];
    if (from > 0) {
      parts.push(target);
      target = target.splitText(from);
    }
    parts.push(target);
    if (to - from < target.data.length) parts.push(target.splitText(to - from));
    let offset = this.starts[at]!;
    const starts = parts.map((part) => {
      const begins = offset;
      offset += part.data.length;
      return begins;
    });
    this.nodes.splice(at, 1, ...parts);
    this.starts.splice(at, 1, ...starts);
    return target;
  }

  /** The index of the last node starting at or before `offset` (binary search). */
  private first(offset: number): number {
    let low = 0;
    let high = this.nodes.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if (this.starts[middle]! <= offset) low = middle;
      else high = middle - 1;
    }
    return Math.max(0, low);
  }
}

/** Wrap the text of `start..end` in <mark> elements (one per text node it crosses).
 * The article text is unchanged: marks add elements, never characters. `index` (of the
 * same root) lets many highlights be painted without walking the text again each time. */
export function paint(root: HTMLElement, id: number, start: number, end: number, color: HighlightColor, index = new TextIndex(root)): HTMLElement[] {
  if (start >= end) return [];
  // From the last piece back, so isolating one never moves the indices of the others.
  const marks = index
    .pieces(start, end)
    .reverse()
    .map(({ at, from, to }) => {
      const target = index.isolate(at, from, to);
      const mark = document.createElement("mark");
      mark.className = "hl";
      mark.dataset.color = color;
      mark.dataset.highlightId = String(id);
      target.replaceWith(mark);
      mark.append(target);
      return mark;
    });
  return marks.reverse();
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
