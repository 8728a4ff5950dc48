// A library that cannot be used as it is: written by a newer Lectern (a clear message, the
// file left as it was), damaged (rescued, the damaged file kept), locked by another program.
import assert from "node:assert/strict";
import { execFileSync, spawn } from "node:child_process";
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { after, before, describe, it } from "node:test";
import { byTestId, cli, dataDir, eventually, freshLibrary, launchApp, libraryPath, quitApp, screenshot } from "../lib/app.js";
import { paste } from "../lib/actions.js";

// This spec starts from a library of its own (see freshLibrary).
before(() => freshLibrary());

describe("a library from a newer version", () => {
  let app;
  let before_bytes;
  before(async () => {
    // A library with the seed in it, as a new user has, that a future Lectern then migrated.
    cli("seed");
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

// A damaged library: the ways out are offered, and rescuing sets the damaged file aside
// (kept byte for byte) and opens a working library. Then, with that library open, another
// program holds the write lock: a save says "busy" and works once the lock is gone.
describe("a damaged library, and a library locked by another program", () => {
  let app;
  let damaged;
  before(async () => {
    const bytes = readFileSync(libraryPath);
    bytes.fill(0xa5, 0, Math.min(bytes.length, 8192));
    writeFileSync(libraryPath, bytes);
    damaged = bytes;
    app = await launchApp();
  });
  after(async () => {
    if (app) await quitApp(app);
  });

  it("offers to rescue what can be read or start anew, and says the file is kept", async () => {
    const error = await byTestId(app, "library-error");
    const text = await error.getText();
    assert.match(text, /damaged/);
    assert.match(text, /never deleted/);
    await byTestId(app, "recover-startFresh");
    await screenshot(app, "library-damaged");
  });

  it("rescues into a new library with the sample articles and keeps the damaged file aside", async () => {
    await (await byTestId(app, "recover-rescue")).click();
    await byTestId(app, "article-list");
    const notice = await (await byTestId(app, "info-notice")).getText();
    assert.match(notice, /damaged file is kept at .*library\.damaged-/);
    const kept = readdirSync(dataDir).filter((name) => /^library\.damaged-.*\.sqlite3$/.test(name));
    assert.equal(kept.length, 1, `kept: ${kept}`);
    assert.ok(readFileSync(path.join(dataDir, kept[0])).equals(damaged), "the damaged file is kept byte for byte");
    assert.ok((await app.$$('[data-testid="article-row"]')).length >= 1, "the new library has the sample articles");
    await screenshot(app, "library-rescued");
  });

  it("says the library is busy while another program writes, and saves once it stops", async () => {
    // Another program (lectern-cli, the browser's native host) in the middle of a write.
    const holder = spawn("python3", ["-c", LOCK_HOLDER, libraryPath], { stdio: ["pipe", "pipe", "inherit"] });
    await new Promise((resolve) => holder.stdout.once("data", resolve));
    await paste(app, "Written during a lock\n\nThis note was saved while another program held the library.");
    const message = await byTestId(app, "add-message");
    await eventually(async () => /busy/.test(await message.getText()), "the add panel says the library is busy", 20_000);
    await screenshot(app, "library-busy");
    holder.stdin.end();
    await new Promise((resolve) => holder.once("exit", resolve));
    await paste(app, "Written after the lock\n\nThis note was saved once the other program let go.");
    const article = await byTestId(app, "article-content", 15_000);
    assert.match(await article.getText(), /saved once the other program let go/);
  });
});

/** Holds the write lock on the library (argv[1]) until its stdin closes. */
const LOCK_HOLDER = `
import sqlite3, sys
c = sqlite3.connect(sys.argv[1], isolation_level=None)
c.execute("BEGIN IMMEDIATE")
c.execute("UPDATE seed_imports SET imported_at = imported_at")
print("locked", flush=True)
sys.stdin.read()
c.execute("COMMIT")
`;

