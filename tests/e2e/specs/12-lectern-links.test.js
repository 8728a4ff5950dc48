// lectern:// links, as a bookmarklet or another program sends them: a second start of
// Lectern with the link hands it to the running app and ends. A save is shown to the user
// before anything is imported (any web page can start such a link); an open shows the
// article; a link that asks for a file or nonsense is refused with the reason in words.
// The app started with a link (nothing running yet) follows it too.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { after, before, describe, it } from "node:test";
import { byTestId, eventually, freshLibrary, launchApp, quitApp, screenshot } from "../lib/app.js";
import { startServer } from "../lib/server.js";

// This spec starts from a library of its own (see freshLibrary).
before(() => freshLibrary());

const page = `<!doctype html><html lang="en"><head><title>Tide tables for the curious</title></head><body>
  <article><h1>Tide tables for the curious</h1>
  <p>The moon pulls the sea into two bulges, and the turning earth carries every coast through both of them a little less than twice a day.</p>
  <p>Harbour masters once kept these tables by hand, adding the pull of the sun and the shape of each bay to the moon's steady rhythm.</p>
  <p>Today the same sums run in a second, but the sea still arrives when the sky says it will, not a minute sooner.</p>
  </article></body></html>`;

/** Start a second Lectern with `link`, as the system does for a clicked lectern:// link. */
function openLink(link) {
  const started = spawnSync(process.env.LECTERN_APP, [link], { encoding: "utf8", timeout: 30_000 });
  assert.equal(started.status, 0, `the second start hands over its link and ends: ${started.stderr}`);
}

function saveLink(url, title) {
  return `lectern://save?url=${encodeURIComponent(url)}&title=${encodeURIComponent(title)}`;
}

const rowTitles = (app) => app.execute(() => [...document.querySelectorAll('[data-testid="article-row"]')].map((row) => row.textContent ?? ""));

describe("lectern:// links", () => {
  let app;
  let server;
  let base;
  before(async () => {
    server = await startServer((_request, response) => response.writeHead(200, { "Content-Type": "text/html; charset=utf-8" }).end(page));
    base = server.base;
    app = await launchApp();
    await byTestId(app, "article-list");
  });
  after(async () => {
    if (app) await quitApp(app);
    server?.close();
  });

  it("asks before saving a page a link names, and saves nothing when the user says no", async () => {
    openLink(saveLink(`${base}/tides`, "Tide tables for the curious"));
    const dialog = await byTestId(app, "link-save-dialog");
    assert.equal(await (await byTestId(app, "link-save-url")).getText(), `${base}/tides`);
    assert.equal(await (await byTestId(app, "link-save-title")).getText(), "Tide tables for the curious");
    assert.equal(await app.execute(() => document.activeElement?.getAttribute("data-testid")), "link-save-cancel", "the safe answer has the focus");
    await screenshot(app, "link-save-dialog");
    await (await byTestId(app, "link-save-cancel")).click();
    await dialog.waitForExist({ reverse: true });
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    assert.ok(!(await rowTitles(app)).some((title) => /Tide tables/.test(title)), "nothing was saved");
  });

  it("saves the page when the user agrees, and opens it", async () => {
    openLink(saveLink(`${base}/tides`, "Tide tables for the curious"));
    await (await byTestId(app, "link-save-ok")).click();
    const title = await byTestId(app, "reader-title", 30_000);
    await eventually(async () => (await title.getText()) === "Tide tables for the curious", "the saved page opens");
    assert.match(await (await byTestId(app, "reader")).getText(), /Harbour masters once kept these tables by hand/);
  });

  it("opens the article a link names", async () => {
    await (await byTestId(app, "nav-library")).click();
    // The oldest article (a seed), not the one just read.
    const [id, title] = await eventually(
      async () => app.execute(() => {
        const row = [...document.querySelectorAll('[data-testid="article-row"]')].at(-1);
        return row ? [row.getAttribute("data-article-id"), row.querySelector(".article-title")?.textContent] : null;
      }),
      "the list shows articles",
    );
    openLink(`lectern://open?id=${id}`);
    await eventually(async () => (await app.$('[data-testid="reader-title"]').isExisting()) && (await (await app.$('[data-testid="reader-title"]')).getText()) === title, "the named article opens");
  });

  it("refuses a link to a file, saying why, and saves nothing", async () => {
    await (await byTestId(app, "nav-library")).click();
    const before = await eventually(async () => (await rowTitles(app)).length, "the list shows articles");
    openLink(saveLink("file:///etc/passwd", "passwords"));
    const error = await byTestId(app, "error-notice");
    assert.match(await error.getText(), /only web pages/);
    assert.equal(await app.$('[data-testid="link-save-dialog"]').isExisting(), false, "nothing to agree to");
    await (await byTestId(app, "nav-library")).click();
    await eventually(async () => (await rowTitles(app)).length === before, "the library is unchanged");
  });

  it("follows the link it was started with", async () => {
    await quitApp(app);
    app = await launchApp([saveLink(`${base}/tides-again`, "Started by a link")]);
    await byTestId(app, "link-save-dialog", 30_000);
    assert.equal(await (await byTestId(app, "link-save-url")).getText(), `${base}/tides-again`);
    await (await byTestId(app, "link-save-cancel")).click();
  });
});
