// A library written by a newer Lectern: a clear message, and the file left as it was.
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { after, before, describe, it } from "node:test";
import { byTestId, launchApp, libraryPath, quitApp, screenshot } from "../lib/app.js";

describe("a library from a newer version", () => {
  let app;
  let before_bytes;
  before(async () => {
    // Runs after 01: the library exists. Pretend a future Lectern migrated it.
    execFileSync("python3", ["-c", `import sqlite3; c = sqlite3.connect(${JSON.stringify(libraryPath)}); c.execute("PRAGMA user_version = 999"); c.commit(); c.close()`]);
    before_bytes = readFileSync(libraryPath);
    app = await launchApp();
  });
  after(async () => {
    if (app) await quitApp(app);
  });

  it("is refused with a message that says what to do", async () => {
    const error = await byTestId(app, "library-error");
    const text = await error.getText();
    assert.match(text, /newer version of Lectern/);
    assert.match(text, /Update Lectern/);
    assert.match(text, /library\.sqlite3/);
    await screenshot(app, "library-error");
  });

  it("is left untouched", () => {
    assert.ok(readFileSync(libraryPath).equals(before_bytes));
  });
});
