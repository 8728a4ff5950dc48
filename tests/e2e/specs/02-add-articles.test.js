// Saving articles from the app: a link (fetched from a local server), pasted text, and
// the errors a user sees when a link cannot be saved.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { byTestId, eventually, freshLibrary, launchApp, quitApp, screenshot } from "../lib/app.js";
import { paste } from "../lib/actions.js";
import { startServer } from "../lib/server.js";

// This spec starts from a library of its own (see freshLibrary).
before(() => freshLibrary());

const PARAGRAPH =
  "Slow travel by night train is returning to Europe, with new sleeper routes, better cabins and a new generation of travellers who would rather arrive rested than rushed. ";
const PAGE = `<!doctype html><html lang="en"><head><title>The night trains are coming back to Europe</title>
<meta property="og:site_name" content="Rail Weekly"><meta name="author" content="Ada Lovelace"></head>
<body><nav><a href="/">Home</a></nav><article><h1>The night trains are coming back to Europe</h1>
<p>${PARAGRAPH.repeat(3)}</p><p>${PARAGRAPH.repeat(3)}</p><script>document.title = "pwned"</script></article></body></html>`;

/** The local site the spec saves from: a page, a page that drips, and nothing else. */
function serve(request, response) {
  if (request.url === "/night-trains") {
    response.writeHead(200, { "Content-Type": "text/html; charset=utf-8" });
    response.end(PAGE);
  } else if (request.url === "/drip") {
    // A server that sends one byte every 200 ms: the whole page would take minutes.
    response.writeHead(200, { "Content-Type": "text/html; charset=utf-8", "Content-Length": String(PAGE.length) });
    let sent = 0;
    const timer = setInterval(() => {
      if (sent >= PAGE.length || response.destroyed) return clearInterval(timer);
      response.write(PAGE[sent++]);
    }, 200);
    request.on("close", () => clearInterval(timer));
  } else {
    response.writeHead(404, { "Content-Type": "text/plain" });
    response.end("not here");
  }
}


describe("adding articles", () => {
  let app;
  let server;
  let base;
  before(async () => {
    server = await startServer(serve);
    base = server.base;
    app = await launchApp();
    await byTestId(app, "article-list");
  });
  after(async () => {
    if (app) await quitApp(app);
    server?.close();
  });

  it("saves a link and opens it in the reader, without its scripts", async () => {
    await paste(app, `${base}/night-trains`);
    await eventually(
      async () => (await (await app.$('[data-testid="reader-title"]')).isExisting()) && (await (await app.$('[data-testid="reader-title"]')).getText()),
      "the saved article did not open",
    ).then((title) => assert.equal(title, "The night trains are coming back to Europe"));
    assert.match(await (await byTestId(app, "reader-site")).getText(), /Rail Weekly/i);
    assert.match(await (await byTestId(app, "reader-byline")).getText(), /Ada Lovelace/);
    assert.doesNotMatch(await app.getTitle(), /pwned/);
    await screenshot(app, "reader-saved-link");
  });

  it("says so when a link is already saved", async () => {
    await paste(app, `${base}/night-trains`);
    const notice = await byTestId(app, "info-notice");
    assert.match(await notice.getText(), /already in your library/);
  });

  it("explains a link that cannot be saved and keeps the library as it was", async () => {
    await paste(app, `${base}/gone`);
    const message = await eventually(async () => (await (await byTestId(app, "add-message")).getText()) || null, "no error shown");
    assert.match(message, /404/);
    await screenshot(app, "add-panel-error");
    await app.keys("Escape");
    await (await byTestId(app, "brand")).click();
    await byTestId(app, "article-list");
    assert.equal((await app.$$('[data-testid="article-row"]')).length, 2);
  });

  it("cancels a link that is still downloading, at once, and saves nothing", async () => {
    const before = (await app.$$('[data-testid="article-row"]')).length;
    await paste(app, `${base}/drip`);
    const cancel = await byTestId(app, "add-cancel");
    await eventually(() => cancel.isDisplayed(), "no Cancel while the link is fetched");
    assert.equal(await (await byTestId(app, "add-save")).getText(), "Fetching…");
    await screenshot(app, "add-panel-fetching");
    const clicked = Date.now();
    await cancel.click();
    const message = await eventually(async () => (await (await byTestId(app, "add-message")).getText()) || null, "no word after Cancel");
    const waited = Date.now() - clicked;
    assert.match(message, /cancelled/);
    assert.ok(waited < 2_000, `the cancel took ${waited} ms`);
    assert.equal(await cancel.isDisplayed(), false);
    await app.keys("Escape");
    await (await byTestId(app, "brand")).click();
    await byTestId(app, "article-list");
    assert.equal((await app.$$('[data-testid="article-row"]')).length, before);
  });

  it("keeps remote images of imported files off unless the reader allows them", async () => {
    await (await byTestId(app, "settings-button")).click();
    const toggle = await byTestId(app, "setting-fetch-remote-images");
    assert.equal(await toggle.isSelected(), false, "off by default");
    const theme = await app.execute(() => document.documentElement.dataset.themeSetting);
    await (await byTestId(app, "theme-light")).click();
    await screenshot(app, "settings-privacy-light");
    await (await byTestId(app, "theme-dark")).click();
    await screenshot(app, "settings-privacy-dark");
    await toggle.click();
    assert.equal(await toggle.isSelected(), true);
    await screenshot(app, "settings-privacy-dark-on");
    await toggle.click();
    if (theme) await (await byTestId(app, `theme-${theme}`)).click();
    await (await byTestId(app, "settings-button")).click();
  });

  it("saves pasted text with its first line as the title", async () => {
    await paste(app, "A Note on Margins\n\nWide margins rest the eye.\n\nThey also leave room for notes.");
    const title = await eventually(
      async () => (await (await app.$('[data-testid="reader-title"]')).isExisting()) && (await (await app.$('[data-testid="reader-title"]')).getText()),
      "the pasted text did not open",
    );
    assert.equal(title, "A Note on Margins");
    await (await byTestId(app, "back")).click();
    await byTestId(app, "article-list");
    assert.equal((await app.$$('[data-testid="article-row"]')).length, 3);
    await screenshot(app, "library-after-adding");
  });
});
