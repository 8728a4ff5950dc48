import { describe, expect, it } from "vitest";
import { offsetsOf, paint, rangeAt, TextIndex, unpaint } from "./anchoring";

function article(html: string): HTMLElement {
  const root = document.createElement("div");
  root.innerHTML = html;
  document.body.append(root);
  return root;
}

const HTML = "<p>One <em>two</em> three.</p>\n<ul><li>alpha</li><li>beta <a href='#'>gamma</a></li></ul><p>Emoji 🙂 and café.</p>";

describe("anchoring in the DOM", () => {
  it("turns a selection into the same offsets the article text has", () => {
    const root = article(HTML);
    const text = root.textContent ?? "";
    const range = document.createRange();
    const em = root.querySelector("em")!.firstChild!;
    range.setStart(em, 1); // "wo"
    range.setEnd(root.querySelectorAll("li")[1]!.firstChild!, 2); // "be"
    const offsets = offsetsOf(root, range)!;
    expect(text.slice(offsets.start, offsets.end)).toBe(range.toString());
    expect(range.toString()).toBe("wo three.\nalphabe");
  });

  it("finds the range for offsets, across elements and astral characters", () => {
    const root = article(HTML);
    const text = root.textContent ?? "";
    for (const quote of ["two three", "alphabeta", "beta gamma", "🙂 and café"]) {
      const start = text.indexOf(quote);
      expect(rangeAt(root, start, start + quote.length)?.toString()).toBe(quote);
    }
    expect(rangeAt(root, 5, 5)).toBeNull();
    expect(rangeAt(root, 0, text.length + 5)).toBeNull();
  });

  it("paints across paragraphs, links and list items without changing the text", () => {
    const root = article(HTML);
    const before = root.textContent ?? "";
    const start = before.indexOf("three");
    const end = before.indexOf("gamma") + "gamma".length;
    const marks = paint(root, 7, start, end, "green");
    expect(marks.map((m) => m.textContent)).toEqual(["three.", "alpha", "beta ", "gamma"]);
    expect(marks.every((m) => m.dataset.color === "green" && m.dataset.highlightId === "7")).toBe(true);
    expect(root.textContent).toBe(before);
    expect(root.querySelector("a mark")).not.toBeNull();

    unpaint(root, 7);
    expect(root.querySelectorAll("mark")).toHaveLength(0);
    expect(root.textContent).toBe(before);
    expect(root.querySelector("p")!.childNodes[2]?.textContent).toBe(" three.");
  });

  it("paints overlapping highlights on top of each other", () => {
    const root = article("<p>The quick brown fox jumps.</p>");
    const text = root.textContent ?? "";
    paint(root, 1, text.indexOf("quick"), text.indexOf("fox") + 3, "yellow");
    paint(root, 2, text.indexOf("brown"), text.indexOf("jumps") + 5, "blue");
    expect(root.textContent).toBe(text);
    const blue = Array.from(root.querySelectorAll<HTMLElement>('mark[data-highlight-id="2"]')).map((m) => m.textContent).join("");
    expect(blue).toBe("brown fox jumps");
  });

  it("paints many highlights with one index exactly as one at a time", () => {
    const html = "<h1>Title</h1>" + Array.from({ length: 30 }, (_, i) => `<p>Paragraph ${i} has <em>some</em> words and <a href="https://e.org">a link</a> in it.</p>`).join("");
    const text = article(html).textContent ?? "";
    // Every 37 characters a highlight 50 long: many overlap, many cross elements.
    const spans = Array.from({ length: 40 }, (_, i) => [i * 37 + 3, i * 37 + 53] as const).filter(([, end]) => end <= text.length);
    const oneByOne = article(html);
    spans.forEach(([start, end], id) => paint(oneByOne, id, start, end, "yellow"));
    const batched = article(html);
    const index = new TextIndex(batched);
    spans.forEach(([start, end], id) => paint(batched, id, start, end, "yellow", index));
    expect(batched.innerHTML).toBe(oneByOne.innerHTML);
    expect(batched.textContent).toBe(text);
  });
});
