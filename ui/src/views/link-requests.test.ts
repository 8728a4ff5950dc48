import { describe, expect, it } from "vitest";
import { BOOKMARKLET } from "./link-requests";

/** Run the bookmarklet as a browser would on a page at `href` titled `title`; return the
 * address it sends the browser to. */
function clickBookmarklet(href: string, title: string): string {
  const location = { href };
  const run = new Function("location", "document", BOOKMARKLET.replace(/^javascript:/, "")) as (l: { href: string }, d: { title: string }) => void;
  run(location, { title });
  return location.href;
}

describe("the bookmarklet", () => {
  it("sends the page's address and title whole, however odd their characters", () => {
    const page = "https://example.org/a path?x=1&y=é#part";
    const title = "Tides & moons: 100% #1 = “best”";
    const link = new URL(clickBookmarklet(page, title));
    expect(link.protocol).toBe("lectern:");
    expect(link.host + link.pathname).toBe("save");
    expect(link.searchParams.get("url")).toBe(page);
    expect(link.searchParams.get("title")).toBe(title);
  });
});
