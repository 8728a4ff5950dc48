// Saving from the browser, for real: Debian's chromium with the unpacked Lectern
// extension (driven by puppeteer-core), a page behind a login served by a local server,
// the toolbar button pressed on it with a passage selected. The extension reads the page
// as the browser shows it and hands it to `lectern-cli native-host` (connected from the
// app's settings, as a user would); then lectern-cli sees the article and
// its highlight, and the running Lectern app shows it without a restart.
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { after, before, describe, it } from "node:test";
import { fileURLToPath } from "node:url";
// puppeteer-core 25 (for extension actions), under another name: webdriverio pins 22–24 as a peer.
import puppeteer from "puppeteer-core-v25";
import { byTestId, eventually, freshLibrary, launchApp, quitApp, screenshot } from "../lib/app.js";
import { startServer } from "../lib/server.js";

// This spec starts from a library of its own (see freshLibrary).
before(() => freshLibrary());

const extension = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../../ui/extension");
const artifacts = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../.artifacts");
const cli = process.env.LECTERN_CLI;
const SESSION = "session=reader-42";
const PASSAGE = "a cabin of one's own that no seat can match";

const article = `<!doctype html><html lang="en"><head><title>Members only: the night trains return</title></head><body>
  <nav><a href="/">Home</a> / <a href="/members">Members</a></nav>
  <article><h1>The night trains return</h1>
  <p>Sleeper services are coming back across Europe, and travellers who would rather arrive rested than rushed are choosing them again for long journeys.</p>
  <p>There is something about ${PASSAGE}, however wide the seat and however fast the train that carries it.</p>
  <p>Operators report full cabins on the new routes to Vienna, Prague and Stockholm, and more routes are planned for next year.</p>
  </article></body></html>`;
const signIn = `<!doctype html><html><head><title>Sign in</title></head><body><h1>Sign in to read</h1><p>This story is for members.</p></body></html>`;

function lectern(...args) {
  return execFileSync(cli, args, { encoding: "utf8" });
}

describe("saving from the browser", () => {
  let app;
  let browser;
  let server;
  let base;
  before(async () => {
    server = await startServer((request, response) => {
      const signedIn = (request.headers.cookie ?? "").includes(SESSION);
      response.writeHead(200, { "Content-Type": "text/html; charset=utf-8" }).end(signedIn ? article : signIn);
    });
    base = server.base;
    app = await launchApp();
    await byTestId(app, "article-list");
    // The browser's profile, where Chromium looks for the hosts of this user.
    const profile = path.join(process.env.HOME, ".config/chromium");
    mkdirSync(profile, { recursive: true });
    // Connected from the app, as a user would (lectern-cli browser install does the same).
    await (await byTestId(app, "settings-button")).click();
    await (await byTestId(app, "connect-browsers")).click();
    assert.match(await (await byTestId(app, "info-notice")).getText(), /Connected: Chromium/);
    await screenshot(app, "settings-browser");
    await (await byTestId(app, "settings-button")).click();
    assert.ok(existsSync(path.join(profile, "NativeMessagingHosts/app.lectern.reader.json")));
    browser = await puppeteer.launch({
      executablePath: process.env.LECTERN_CHROMIUM ?? "/usr/bin/chromium",
      headless: false,
      pipe: true,
      userDataDir: profile,
      enableExtensions: [extension],
      defaultViewport: { width: 1100, height: 760 },
      args: ["--no-sandbox", "--no-first-run", "--no-default-browser-check", "--password-store=basic", "--disable-gpu"],
    });
  });
  after(async () => {
    await browser?.close();
    if (app) await quitApp(app);
    server?.close();
  });

  it("saves a page behind a login with the selected passage as a highlight, and Lectern shows it live", async () => {
    const page = await browser.newPage();
    await browser.setCookie({ name: "session", value: "reader-42", domain: "127.0.0.1", path: "/" });
    await page.goto(`${base}/members/night-trains`);
    assert.match(await page.title(), /Members only/, "the browser is signed in");
    await page.evaluate((passage) => {
      const paragraph = [...document.querySelectorAll("p")].find((p) => p.textContent.includes(passage));
      const text = paragraph.firstChild;
      const start = text.textContent.indexOf(passage);
      const range = document.createRange();
      range.setStart(text, start);
      range.setEnd(text, start + passage.length);
      getSelection().removeAllRanges();
      getSelection().addRange(range);
    }, PASSAGE);

    const [lecternExtension] = [...(await browser.extensions()).values()];
    assert.ok(lecternExtension, "the extension is loaded");
    const popupTarget = browser.waitForTarget((target) => target.url().endsWith("/popup.html"));
    await page.triggerExtensionAction(lecternExtension);
    const firstTarget = await popupTarget;
    const popup = await firstTarget.asPage();
    await popup.waitForFunction(() => document.getElementById("status")?.textContent !== "Saving…", { timeout: 30_000 });
    const said = await popup.$eval(".card", (card) => card.innerText);
    assert.match(said, /Saved to Lectern/, said);
    assert.match(said, /the night trains return/i);
    assert.match(said, /Your selection is highlighted/);
    await popup.screenshot({ path: path.join(artifacts, "extension-popup.png") });
    await popup.emulateMediaFeatures([{ name: "prefers-color-scheme", value: "dark" }]);
    await popup.screenshot({ path: path.join(artifacts, "extension-popup-dark.png") });

    const listed = JSON.parse(lectern("list", "--json"));
    const saved = listed.find((a) => /the night trains return/i.test(a.title));
    assert.ok(saved, "lectern-cli sees the article");
    const highlights = JSON.parse(lectern("highlights"));
    const highlight = highlights.find((h) => h.articleId === saved.id);
    assert.equal(highlight?.highlight.exact, PASSAGE);
    assert.equal(highlight.highlight.orphaned, false, "the selection is anchored in the article");

    // The app was open all along: its list shows the new article without a restart.
    await eventually(
      async () => (await app.execute(() => [...document.querySelectorAll('[data-testid="article-row"]')].some((row) => /the night trains return/i.test(row.textContent)))),
      "the running app shows the article saved from the browser",
      5_000,
    );

    // The same page again: nothing twice.
    await popup.close();
    const again = browser.waitForTarget((target) => target !== firstTarget && target.url().endsWith("/popup.html"));
    await page.triggerExtensionAction(lecternExtension);
    const second = await (await again).asPage();
    await second.waitForFunction(() => document.getElementById("status")?.textContent !== "Saving…", { timeout: 30_000 });
    assert.match(await second.$eval(".card", (card) => card.innerText), /Already in your library/);
    assert.equal(JSON.parse(lectern("list", "--json")).filter((a) => /the night trains return/i.test(a.title)).length, 1);

    // "Open in Lectern": the host hands lectern://open?id=… to the system, which passes it
    // to the app; the running app shows the article.
    await second.click("#open");
    await eventually(async () => {
      const title = await app.$('[data-testid="reader-title"]');
      return (await title.isExisting()) && /the night trains return/i.test(await title.getText());
    }, "the running app opens the saved article", 15_000);
    assert.match(readFileSync(process.env.LECTERN_OPENED_LINKS, "utf8"), new RegExp(`^lectern://open\\?id=${saved.id}$`, "m"));
  });
});
