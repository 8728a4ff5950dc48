// Reading what a page really holds: blocks stay apart in the text (a list written with no
// whitespace between its items), the page's own picture leads the article, footnotes
// lead to their notes, and Re-fetch brings a corrected page in with its highlights.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { after, before, describe, it } from "node:test";
import { byTestId, eventually, freshLibrary, launchApp, quitApp, screenshot } from "../lib/app.js";
import { paste, selectText } from "../lib/actions.js";
import { startServer } from "../lib/server.js";

// This spec starts from a library of its own (see freshLibrary).
before(() => freshLibrary());

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

/** A page a careful reader notices the setting of: a figure, a table, code, footnotes;
 * marked up as WordPress does, with the standfirst in the header apart from the body and
 * captions named by class (one of them under a picture that cannot be fetched). */
const TABLES = `<!doctype html><html lang="en"><head><title>Measuring the night sky</title></head><body>
<header class="entry-header"><h1>Measuring the night sky</h1><p class="entry-lead">How far away the nearest stars are, and how a survey of the sky measured it.</p></header>
<article class="entry-content"><p>${PARAGRAPH.repeat(2)}<sup><a href="#n1">1</a></sup></p>
<div class="wp-caption"><img src="/lead.png" alt="A telescope"><p class="wp-caption-text">The survey's telescope, at dusk.</p></div>
<div class="wp-caption"><img src="/gone.png" alt=""><p class="wp-caption-text">A picture that did not come along.</p></div>
<p>${PARAGRAPH.repeat(3)}</p><table><caption>Nearest neighbours</caption><thead><tr><th>Object</th><th>Distance (light years)</th><th>Kind</th></tr></thead>
<tbody><tr><td>Proxima Centauri</td><td>4.2</td><td>Red dwarf</td></tr><tr><td>Sirius</td><td>8.6</td><td>Binary star</td></tr>
<tr><td>Andromeda</td><td>2,500,000</td><td>Spiral galaxy</td></tr></tbody></table>
<p>${PARAGRAPH.repeat(2)}</p><pre><code>distance = parallax_to_parsecs(0.768) * 3.26  # light years, from the survey's own catalogue of nearby stars and their measured parallax</code></pre>
<p>${PARAGRAPH}</p><ol><li id="n1">Catalogue release 3, page 12.</li></ol></article></body></html>`;

describe("reading the right text", () => {
  let app;
  let server;
  let version = 1;
  before(async () => {
    server = await startServer((request, response) => {
      if (request.url === "/galaxy") {
        response.writeHead(200, { "Content-Type": "text/html; charset=utf-8" });
        response.end(page(version));
      } else if (request.url === "/tables") {
        response.writeHead(200, { "Content-Type": "text/html; charset=utf-8" });
        response.end(TABLES);
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

  it("sets tables, figures and code for reading, and justifies and hyphenates on request", async () => {
    await paste(app, `${server.base}/tables`);
    await eventually(
      async () => (await (await app.$('[data-testid="reader-title"]')).isExisting()) && (await (await byTestId(app, "reader-title")).getText()) === "Measuring the night sky",
      "the article did not open",
    );
    const layout = await app.execute(() => {
      const content = document.querySelector('[data-testid="article-content"]');
      const width = content.getBoundingClientRect().width;
      const pre = content.querySelector("pre");
      return {
        imageFits: content.querySelector("figure img").getBoundingClientRect().width <= width,
        caption: content.querySelector("figure figcaption")?.textContent,
        opening: content.querySelector("p.standfirst")?.textContent,
        text: content.textContent,
        codeFont: getComputedStyle(pre).fontFamily,
        codeScrolls: pre.scrollWidth > pre.clientWidth && getComputedStyle(pre).overflowX === "auto",
        tableFits: content.querySelector("table").getBoundingClientRect().width <= width,
        align: getComputedStyle(content.querySelector("p")).textAlign,
      };
    });
    assert.ok(layout.imageFits && layout.tableFits, JSON.stringify(layout));
    assert.equal(layout.caption, "The survey's telescope, at dusk.");
    assert.match(layout.opening, /^How far away the nearest stars are/, "the standfirst leads the article");
    assert.ok(!layout.text.includes("did not come along"), "a caption without its picture is left out");
    assert.match(layout.codeFont, /mono/i);
    assert.ok(layout.codeScrolls, "a long line of code scrolls inside its block");
    assert.notEqual(layout.align, "justify");
    await screenshot(app, "reader-standfirst");
    await (await (await byTestId(app, "article-content")).$("figure")).scrollIntoView();
    await screenshot(app, "reader-tables");

    await (await byTestId(app, "settings-button")).click();
    await (await byTestId(app, "setting-justify")).click();
    const theme = await app.execute(() => document.documentElement.dataset.themeSetting);
    await (await byTestId(app, theme === "dark" ? "theme-light" : "theme-dark")).click();
    await (await byTestId(app, "settings-button")).click();
    const justified = await app.execute(() => getComputedStyle(document.querySelector('[data-testid="article-content"] p')).textAlign);
    assert.equal(justified, "justify");
    await (await (await byTestId(app, "article-content")).$("table")).scrollIntoView();
    await screenshot(app, "reader-tables-other-theme");
    await (await byTestId(app, "reader-title")).scrollIntoView();
    await screenshot(app, "reader-standfirst-other-theme");
    // Leave the settings as they were for the specs after this one.
    await (await byTestId(app, "settings-button")).click();
    await (await byTestId(app, "setting-justify")).click();
    await (await byTestId(app, `theme-${theme}`)).click();
    await (await byTestId(app, "settings-button")).click();
  });
});
