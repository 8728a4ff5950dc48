// Hostile content through every import path, read in the real app: a page from a link,
// the same pasted as HTML, and HTML, Markdown, EPUB and text files (added by lectern-cli,
// the same import code the app's file picker and drag-and-drop run). Every article is
// opened, every link in it left-, middle- and context-clicked, and a highlight is noted
// with payloads. Nothing may run, load from the network while reading, navigate the
// window or open another; links reach the system's opener only as web or mail links.
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync, existsSync } from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { after, before, describe, it } from "node:test";
import { paste, selectText } from "../lib/actions.js";
import { byTestId, eventually, freshLibrary, launchApp, libraryPath, quitApp, screenshot } from "../lib/app.js";
import { hostileMarkdown, hostilePage, notePayloads, payloadCount } from "../lib/hostile.js";

// This spec starts from a library of its own (see freshLibrary).
before(() => freshLibrary());

const cli = process.env.LECTERN_CLI;
const openedLinksLog = process.env.LECTERN_OPENED_LINKS;

/** A server for the hostile page and the beacons payloads would hit if they ran or loaded. */
function startServer(pages) {
  const hits = [];
  const server = http.createServer((request, response) => {
    if (request.url.startsWith("/beacon/")) {
      hits.push({ url: request.url, at: Date.now() });
      response.writeHead(200, { "Content-Type": "image/png" });
      response.end();
      return;
    }
    const page = pages[request.url];
    response.writeHead(page ? 200 : 404, { "Content-Type": "text/html; charset=utf-8" });
    response.end(page ?? "not here");
  });
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve({ server, hits })));
}

/** An EPUB whose one chapter is `html`, zipped by Python's zipfile. */
function writeEpub(file, title, html) {
  const opf = `<?xml version="1.0"?><package xmlns="http://www.idpf.org/2007/opf" version="3.0" unique-identifier="id"><metadata xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:identifier id="id">hostile</dc:identifier><dc:title>${title}</dc:title><dc:language>en</dc:language></metadata><manifest><item id="c1" href="c1.xhtml" media-type="application/xhtml+xml"/><item id="up" href="../../../../etc/passwd" media-type="image/png"/></manifest><spine><itemref idref="c1"/></spine></package>`;
  const container = `<?xml version="1.0"?><container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container"><rootfiles><rootfile full-path="OEBPS/content.opf" media-type="application/oebps-package+xml"/></rootfiles></container>`;
  const script = `import json, sys, zipfile
files = json.load(sys.stdin)
with zipfile.ZipFile(sys.argv[1], "w") as z:
    for name, text in files:
        z.writestr(name, text)`;
  const files = [["mimetype", "application/epub+zip"], ["META-INF/container.xml", container], ["OEBPS/content.opf", opf], ["OEBPS/c1.xhtml", html]];
  execFileSync("python3", ["-c", script, file], { input: JSON.stringify(files) });
}

/** What would show that something escaped: a payload's mark, a reload, a navigation, a window. */
async function state(app) {
  return {
    pwned: await app.execute(() => document.documentElement.dataset.pwned ?? null),
    alive: await app.execute(() => window.__hostileWatch === true),
    url: await app.getUrl(),
    windows: (await app.getWindowHandles()).length,
  };
}

async function openByTitle(app, title) {
  await (await byTestId(app, "nav-library")).click();
  await byTestId(app, "article-list");
  const row = await eventually(async () => {
    for (const candidate of await app.$$('[data-testid="article-row"]')) {
      if ((await candidate.getText()).includes(title)) return candidate;
    }
    return null;
  }, `"${title}" is not listed`);
  await row.scrollIntoView({ block: "center" });
  await row.click();
  await byTestId(app, "article-content");
}

/** Left-, middle- and context-click every link inside `selector`; returns how many. */
async function clickEveryLink(app, selector) {
  const links = await app.$$(`${selector} a[href]`);
  for (const link of links) {
    await link.scrollIntoView({ block: "center" });
    await link.click();
    await link.click({ button: "middle" });
    await link.click({ button: "right" });
  }
  return links.length;
}

describe("hostile content, through every import path", { skip: !cli ? "LECTERN_CLI not set" : false }, () => {
  let app;
  let served;
  let base;
  let readingFrom = Infinity;
  const report = { payloads: 0, articles: 0, links: 0, clicks: 0, executed: 0, navigations: 0, windows: 0, requestsWhileReading: 0 };
  const titles = [];
  const beacon = (id) => `${base}/beacon/${id}`;

  before(async () => {
    const pages = {};
    served = await startServer(pages);
    base = `http://127.0.0.1:${served.server.address().port}`;
    pages["/hostile"] = hostilePage("via a link", beacon);
    report.payloads = payloadCount(beacon);
    // Files, added the way the app's file picker adds them (the same core import).
    const dir = mkdtempSync(path.join(os.tmpdir(), "lectern-hostile-"));
    const files = {
      "hostile.html": hostilePage("from an HTML file", beacon),
      "hostile.md": hostileMarkdown("from a Markdown file", beacon),
      "hostile.txt": `Hostile text from a text file\n\nThis quiet paragraph about reading from a text file is plain.\n\n${hostilePage("inside text", beacon)}`,
    };
    for (const [name, text] of Object.entries(files)) writeFileSync(path.join(dir, name), text);
    writeEpub(path.join(dir, "hostile.epub"), "Hostile book from an EPUB", hostilePage("from an EPUB", beacon));
    for (const name of [...Object.keys(files), "hostile.epub"]) {
      execFileSync(cli, ["--library", libraryPath, "add", path.join(dir, name)], { encoding: "utf8" });
    }
    titles.push("Hostile page from an HTML file", "Hostile notes from a Markdown file", "Hostile text from a text file", "Hostile book from an EPUB");
    app = await launchApp();
    await byTestId(app, "article-list");
    await app.execute(() => {
      window.__hostileWatch = true;
    });
  });
  after(async () => {
    if (app) await quitApp(app);
    served?.server.close();
    console.log(
      `hostile content: ${report.payloads} payloads in ${report.articles} articles (6 import paths), ${report.links} links clicked ${report.clicks} times; ` +
        `executed ${report.executed}, navigations ${report.navigations}, new windows ${report.windows}, remote requests while reading ${report.requestsWhileReading}`,
    );
  });

  it("saves the hostile page from a link and pasted as HTML", async () => {
    await paste(app, `${base}/hostile`);
    await byTestId(app, "article-content", 30_000);
    await paste(app, hostilePage("pasted as HTML", beacon));
    await eventually(async () => (await app.getTitle()).includes("pasted as HTML") || (await (await byTestId(app, "article-content")).getText()).includes("pasted as HTML"), "the pasted page did not open", 30_000);
    titles.unshift("Hostile page via a link", "Hostile page pasted as HTML");
  });

  it("opens every article and clicks every link three ways without anything escaping", async () => {
    const start = await state(app);
    readingFrom = Date.now();
    for (const title of titles) {
      await openByTitle(app, title);
      report.articles += 1;
      await new Promise((r) => setTimeout(r, 500)); // time for anything lazy to fire
      const links = await clickEveryLink(app, '[data-testid="article-content"]');
      report.links += links;
      report.clicks += links * 3;
      const now = await state(app);
      if (now.pwned) report.executed += 1;
      if (!now.alive || now.url !== start.url) report.navigations += 1;
      if (now.windows !== start.windows) report.windows += 1;
      assert.deepEqual(now, start, `after reading "${title}"`);
    }
    await screenshot(app, "hostile-article");
    report.requestsWhileReading = served.hits.filter((hit) => hit.at >= readingFrom).length;
    assert.equal(report.requestsWhileReading, 0, `requests while reading: ${JSON.stringify(served.hits.filter((h) => h.at >= readingFrom))}`);
  });

  it("keeps payloads in a note inert, in the reader and in the Highlights view", async () => {
    const start = await state(app);
    await openByTitle(app, "Hostile page via a link");
    await selectText(app, "This quiet paragraph about reading via a link");
    await (await byTestId(app, "swatch-yellow")).click();
    const mark = await eventually(async () => {
      const found = await app.$('mark.hl[data-color="yellow"]');
      return (await found.isExisting()) ? found : null;
    }, "the highlight was not painted");
    await mark.click();
    const note = await byTestId(app, "note-input");
    await app.execute((value) => {
      const input = document.querySelector('[data-testid="note-input"]');
      input.value = value;
      input.dispatchEvent(new Event("input", { bubbles: true }));
    }, notePayloads(beacon));
    assert.ok(await note.isExisting());
    await (await byTestId(app, "note-save")).click();
    await (await byTestId(app, "notes")).click();
    await byTestId(app, "sidebar-highlight");
    const sidebarLinks = await clickEveryLink(app, '[data-testid="sidebar-highlight"]');
    await (await byTestId(app, "nav-highlights")).click();
    await byTestId(app, "highlight-entry");
    const viewLinks = await clickEveryLink(app, '[data-testid="highlight-entry"]');
    report.links += sidebarLinks + viewLinks;
    report.clicks += (sidebarLinks + viewLinks) * 3;
    assert.ok(sidebarLinks >= 1 && viewLinks >= 1, "the note's web link is a link in both places");
    await screenshot(app, "hostile-note");
    const now = await state(app);
    if (now.pwned) report.executed += 1;
    assert.deepEqual(now, start);
    assert.equal(served.hits.filter((hit) => hit.at >= readingFrom).length, 0, "no request while reading notes");
  });

  it("hands only web and mail links to the system, mail links without attachments", () => {
    if (!openedLinksLog || !existsSync(openedLinksLog)) return assert.fail("the opener log is missing: no link reached the system at all");
    const opened = readFileSync(openedLinksLog, "utf8").split("\n").filter(Boolean);
    console.log(`hostile content: links handed to the system: ${[...new Set(opened)].join(" ")}`);
    assert.ok(opened.length >= 2, `opened: ${opened}`);
    for (const url of opened) {
      assert.match(url, /^(https?:\/\/|mailto:)/, url);
      assert.doesNotMatch(url, /attach/i, url);
    }
    assert.ok(opened.includes("https://example.com/note"), "the note's web link was opened");
    assert.ok(opened.includes("https://example.com/plain"), "the article's web link was opened");
    // Without a GPU Lectern sets GTK's and WebKit's drawing variables for itself; the
    // browser a link starts must find the environment the user had.
    const openerEnv = existsSync(process.env.LECTERN_OPENER_ENV) ? readFileSync(process.env.LECTERN_OPENER_ENV, "utf8") : "";
    assert.equal(openerEnv, "", "Lectern's drawing settings reached the browser");
  });
});
