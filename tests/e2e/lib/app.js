// Starting and stopping the real Lectern app through tauri-driver.
import { mkdirSync } from "node:fs";
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

/** Save a screenshot of the window for people to look at (tests/.artifacts). */
export async function screenshot(browser, name) {
  mkdirSync(artifacts, { recursive: true });
  // Let two frames pass so the capture is not a frame stale.
  await browser.execute(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
  await browser.saveScreenshot(path.join(artifacts, `${name}.png`));
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
