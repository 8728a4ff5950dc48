import { describe, expect, it, vi } from "vitest";
import { sanitizedHtml } from "./links";

function click(element: Element): MouseEvent {
  const event = new MouseEvent("click", { bubbles: true, cancelable: true });
  element.dispatchEvent(event);
  return event;
}

describe("links in an article", () => {
  it("open web links through the checked command and never navigate the window", () => {
    const openLink = vi.fn();
    const content = sanitizedHtml("article-content", '<p><a href="https://example.com/a">a</a></p>', openLink);
    const event = click(content.querySelector("a")!);
    expect(openLink).toHaveBeenCalledWith("https://example.com/a");
    expect(event.defaultPrevented).toBe(true);
  });

  it("tell where a web link goes in a tip drawn in the page, and keep the article's own title", () => {
    const content = sanitizedHtml("article-content", '<p><a href="https://example.com/a">a</a> <a href="https://example.com/b" title="The source">b</a></p>', vi.fn());
    const [plain, titled] = Array.from(content.querySelectorAll("a"));
    expect([plain?.dataset.tip, plain?.hasAttribute("title")]).toEqual(["https://example.com/a", false]);
    expect([titled?.dataset.tip, titled?.title]).toEqual([undefined, "The source"]);
  });

  it("take a footnote reference to its note", () => {
    const openLink = vi.fn();
    const content = sanitizedHtml(
      "article-content",
      '<p>Claim<a href="#in-article-fn1">1</a></p><ol><li id="in-article-fn1">The source</li></ol>',
      openLink,
    );
    document.body.append(content);
    const note = content.querySelector("li")!;
    const scrolled = vi.fn();
    note.scrollIntoView = scrolled;
    click(content.querySelector("a")!);
    expect(scrolled).toHaveBeenCalledOnce();
    expect(openLink).not.toHaveBeenCalled();
    content.remove();
  });

  it("do nothing for a target outside the article", () => {
    const outside = document.createElement("div");
    outside.id = "elsewhere";
    outside.scrollIntoView = vi.fn();
    document.body.append(outside);
    const content = sanitizedHtml("article-content", '<p><a href="#elsewhere">x</a></p>', vi.fn());
    click(content.querySelector("a")!);
    expect(outside.scrollIntoView).not.toHaveBeenCalled();
    outside.remove();
  });
});
