// Reading what a page really holds: blocks stay apart in the text (a list written with no
// whitespace between its items), the page's own picture leads the article, footnotes
// lead to their notes, and Re-fetch brings a corrected page in with its highlights.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { after, before, describe, it } from "node:test";
import { byTestId, eventually, launchApp, quitApp, screenshot } from "../lib/app.js";
import { paste, selectText } from "../lib/actions.js";
import { startServer } from "../lib/server.js";

const PICTURE = readFileSync(new URL("../../../icons/128x128@2x.png", import.meta.url));
const PARAGRAPH =
  "Astronomers mapped the spiral arms again this year, and the picture that came back was calmer than anyone expected, with fewer collisions and slower stars. ";

function page(version) {
  const update = version === 2 ? "<p>Correction: the survey ran for three years, not two.</p>" : "";
  return `<!doctype html><html lang="en"><head><title>Where we live in the galaxy</title>
<meta property="og:site_name" content="Sky Notes"><meta property="og:image" content="/lead.png"></head>
<body><nav><a href="/">Home</a> / <a href="/news">News</a></nav><article><h1>Where we live in the galaxy</h1>
${update}<p>${PARAGRAPH.repeat(2)}<sup><a href="#fn1" id="ref1">1</a></sup></p><h2>Our neighbours</h2><ul><li>Sun</li><li>Milky Way Galaxy</li><li>Andromeda</li></ul>
${`<p>${PARAGRAPH.repeat(4)}</p>`.repeat(8)}<div class="share-bar"><a href="/share">Share this story</a></div>
<ol class="footnotes"><li id="fn1">The survey's first report. <a href="/report">Read it</a></li></ol></article></body></html>`;
}

describe("reading the right text", () => {
  let app;
  let server;
  let version = 1;
  before(async () => {
    server = await startServer((request, response) => {
      if (request.url === "/galaxy") {
        response.writeHead(200, { "Content-Type": "text/html; charset=utf-8" });
        response.end(page(version));
      } else if (request.url === "/lead.png") {
        response.writeHead(200, { "Content-Type": "image/png" });
        response.end(PICTURE);
      } else {
        response.writeHead(404).end();
      }
    });
    app = await launchApp();
    await byTestId(app, "article-list");
  });
  after(async () => {
    if (app) await quitApp(app);
    server?.close();
  });

  it("keeps list items apart, leads with the page's picture and drops the share bar", async () => {
    await paste(app, `${server.base}/galaxy`);
    await eventually(async () => (await (await app.$('[data-testid="reader-title"]')).isExisting()), "the article did not open");
    const content = await byTestId(app, "article-content");
    const text = await app.execute(() => document.querySelector('[data-testid="article-content"]').textContent);
    assert.match(text, /Sun\nMilky Way Galaxy\nAndromeda/, "each list item is its own line of text");
    assert.doesNotMatch(text, /Share this story/);
    const lead = await content.$("figure:first-child img");
    assert.ok(await lead.isExisting(), "the page's picture leads the article");
    assert.match(await lead.getAttribute("src"), /^data:image\/png;base64,/, "embedded, nothing loads from the web");
    assert.ok(!(await (await content.$("a*=Home")).isExisting()), "no breadcrumbs");
    await screenshot(app, "reader-lead-image");
  });

  it("takes a footnote reference to its note", async () => {
    const noteInView = () =>
      app.execute(() => {
        const box = document.querySelector('[data-testid="article-content"] li[id$="fn1"]').getBoundingClientRect();
        return box.top >= 0 && box.bottom <= window.innerHeight;
      });
    assert.equal(await noteInView(), false, "the note starts out of sight, at the end");
    await (await (await byTestId(app, "article-content")).$('sup a[href^="#"]')).click();
    await eventually(noteInView, "the footnote did not come into view");
  });

  it("finds a phrase that spans no block boundary, and not one that does", async () => {
    await (await byTestId(app, "back")).click();
    const search = await byTestId(app, "search-input");
    await search.setValue('"Milky Way Galaxy"');
    await eventually(async () => (await app.$$('[data-testid="search-hit"]')).length === 1, "the phrase was not found");
    await search.setValue("GalaxyAndromeda");
    await eventually(async () => (await app.$$('[data-testid="search-hit"]')).length === 0, "a non-word made of two items was found");
    await (await byTestId(app, "nav-library")).click();
  });

  it("re-fetches a corrected page, keeps the highlight and says what changed", async () => {
    const row = await eventually(async () => {
      for (const candidate of await app.$$('[data-testid="article-row"]')) {
        if ((await candidate.getText()).includes("Where we live in the galaxy")) return candidate;
      }
      return false;
    }, "the article is not in the library");
    await row.click();
    await byTestId(app, "article-content");
    await selectText(app, "fewer collisions and slower stars");
    await (await byTestId(app, "selection-toolbar")).waitForDisplayed();
    await (await byTestId(app, "swatch-blue")).click();
    await eventually(async () => (await app.$$('mark.hl[data-color="blue"]')).length > 0, "the highlight was not painted");

    version = 2;
    await (await byTestId(app, "refetch")).click();
    const notice = await eventually(async () => {
      for (const candidate of await app.$$('[data-testid="info-notice"]')) {
        const said = await candidate.getText();
        if (said.includes("Fetched again")) return said;
      }
      return false;
    }, "no word on what the re-fetch changed");
    assert.match(notice, /Highlights: 1 moved with the text/);
    await eventually(
      async () => app.execute(() => document.querySelector('[data-testid="article-content"]')?.textContent.includes("Correction: the survey ran")),
      "the corrected text is not shown",
    );
    await eventually(
      async () => app.execute(() => [...document.querySelectorAll('mark.hl[data-color="blue"]')].map((m) => m.textContent).join("").startsWith("fewer collisions")),
      "the highlight did not follow its words",
    );
    await screenshot(app, "reader-refetched");
  });
});
