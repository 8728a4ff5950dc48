// Starting and stopping the real Lectern app through tauri-driver.
import { execFileSync } from "node:child_process";
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { after, before } from "node:test";
import { remote } from "webdriverio";

export const dataDir = process.env.LECTERN_DATA_DIR;
export const libraryPath = path.join(dataDir, "library.sqlite3");
const artifacts = process.env.LECTERN_ARTIFACTS;

/** Launch the app (a fresh process, with `args` on its command line) and return a
 * WebDriver session for its window. */
export async function launchApp(args = []) {
  const browser = await remote({
    hostname: "127.0.0.1",
    port: Number(process.env.LECTERN_DRIVER_PORT),
    logLevel: "error",
    connectionRetryTimeout: 120_000,
    capabilities: {
      "tauri:options": { application: process.env.LECTERN_APP, args },
      "wdio:enforceWebDriverClassic": true,
    },
  });
  browser.setTimeout({ implicit: 0 });
  return browser;
}

/** Launch the app before a suite's tests and close it after; `ready` gets the session
 * once the app is up (and can open what the tests start from). */
export function useApp(ready) {
  let app;
  before(async () => {
    app = await launchApp();
    await ready(app);
  });
  after(async () => {
    if (app) await quitApp(app);
  });
}

/** Close the app: ending the session ends the process. */
export async function quitApp(browser) {
  await browser.deleteSession();
}

/** Wait for an element by its data-testid and return it. */
export async function byTestId(browser, testId, timeout = 15_000) {
  const element = await browser.$(`[data-testid="${testId}"]`);
  await element.waitForExist({ timeout, timeoutMsg: `no [data-testid=${testId}] after ${timeout} ms` });
  return element;
}

/** Save a screenshot of the window for people to look at (tests/.artifacts). It is
 * taken from the X display, as a person would see it: without a GPU the app draws
 * without compositing (src-tauri/src/window.rs), and WebKit's WebDriver cannot take a
 * screenshot of a webview drawn that way. */
export async function screenshot(browser, name) {
  mkdirSync(artifacts, { recursive: true });
  // Let two frames pass so the capture shows what the DOM holds now.
  await browser.execute(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
  const size = await browser.execute(() => [window.innerWidth, window.innerHeight]);
  // No window manager runs under Xvfb: the window sits at the screen's top left corner.
  execFileSync("import", ["-window", "root", "-crop", `${size[0]}x${size[1]}+0+0`, "+repage", path.join(artifacts, `${name}.png`)]);
}

/** Poll `check` until it returns a truthy value. */
export async function eventually(check, message, timeout = 10_000) {
  const start = Date.now();
  let last;
  while (Date.now() - start < timeout) {
    last = await check();
    if (last) return last;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${message} (last value: ${JSON.stringify(last)})`);
}

/** Start a spec from a library of its own: no articles, highlights or settings left by
 * another spec (the app, started next, adds the seed articles as for a new user). Call
 * it at the top of a spec, before the app starts. */
export function freshLibrary() {
  for (const file of ["library.sqlite3", "library.sqlite3-wal", "library.sqlite3-shm", "settings.json"]) {
    rmSync(path.join(dataDir, file), { force: true });
  }
  mkdirSync(dataDir, { recursive: true });
}

/** Run lectern-cli on the spec's library (the app must not be writing at the time). */
export function cli(...args) {
  return execFileSync(process.env.LECTERN_CLI, ["--library", libraryPath, ...args], { encoding: "utf8" });
}

/** Add files with these names and contents to the library through lectern-cli. */
export function addArticles(files) {
  const dir = path.join(os.tmpdir(), `lectern-spec-${process.pid}`);
  mkdirSync(dir, { recursive: true });
  for (const [name, content] of Object.entries(files)) {
    writeFileSync(path.join(dir, name), content);
    cli("add", path.join(dir, name));
  }
  rmSync(dir, { recursive: true, force: true });
}

/** Highlight `quote` (with `note`) in the article titled `title` and mark it half read,
 * writing the library file as the app would (the app must not be running): the state a
 * reader leaves, for specs that start from it. Offsets count UTF-16 units, as the
 * webview does. */
export function readAndHighlight(title, quote, note) {
  const script = `
import sqlite3, sys, time
path, title, quote, note = sys.argv[1:5]
c = sqlite3.connect(path)
article, text = c.execute("SELECT id, content_text FROM articles WHERE title = ?", (title,)).fetchone()
at = text.index(quote)
start = len(text[:at].encode("utf-16-le")) // 2
end = start + len(quote.encode("utf-16-le")) // 2
now = int(time.time() * 1000)
c.execute('INSERT INTO highlights (article_id, color, start, "end", exact, note, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
          (article, "green", start, end, quote, note, now, now))
c.execute("UPDATE articles SET read_progress = 0.5, last_position = ? WHERE id = ?", (start, article))
c.commit()
`;
  execFileSync("python3", ["-c", script, libraryPath, title, quote, note]);
}
