// Moving in from another app, in the real app: + Add → "From another app…", the system's
// file dialog (answered with xdotool, as a user types a path), the preview of what the
// export holds, the import, and the report. An Omnivore zip, then Kindle clippings.
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { after, before, describe, it } from "node:test";
import { fileURLToPath } from "node:url";
import { byTestId, eventually, freshLibrary, launchApp, quitApp, screenshot } from "../lib/app.js";

// This spec starts from a library of its own (see freshLibrary).
before(() => freshLibrary());

const fixtures = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../fixtures/interop");

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** The open file dialog's window id, if there is one. */
function fileDialog(title = "Import from another app") {
  try {
    return execFileSync("xdotool", ["search", "--onlyvisible", "--name", title], { encoding: "utf8" }).trim().split("\n")[0] || null;
  } catch {
    return null; // xdotool exits 1 when nothing matches
  }
}

/** Type `file` into the open GTK file dialog and confirm, as a user would. */
async function answerFileDialog(file, title, saving = false) {
  const window = await eventually(async () => fileDialog(title), "the file dialog did not open", 20_000);
  execFileSync("xdotool", ["windowfocus", "--sync", window]);
  await sleep(500); // the dialog takes keys once GTK has drawn it
  // A save dialog has its name field focused; an open dialog takes a path after Ctrl+L.
  execFileSync("xdotool", ["key", "--clearmodifiers", saving ? "ctrl+a" : "ctrl+l"]);
  await sleep(200);
  execFileSync("xdotool", ["type", "--delay", "5", file]);
  execFileSync("xdotool", ["key", "Return"]);
}

async function importExport(app, file) {
  if (!(await (await app.$('[data-testid="add-panel"]')).isExisting())) await (await byTestId(app, "add-button")).click();
  await (await byTestId(app, "import-export")).click();
  for (let attempt = 0; attempt < 3; attempt += 1) {
    await answerFileDialog(file);
    const shown = await eventually(async () => (await (await app.$('[data-testid="move-in-preview"]')).isExisting()) || !fileDialog(), "no preview", 8_000).catch(() => false);
    if (shown && !fileDialog()) break; // a slow first dialog can miss the keys: type them again
  }
  return byTestId(app, "move-in-preview", 20_000);
}

describe("moving in from another app", () => {
  let app;
  let dir;
  before(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), "lectern-move-in-"));
    execFileSync("python3", ["-c", "import shutil, sys; shutil.make_archive(sys.argv[1], 'zip', sys.argv[2])", path.join(dir, "omnivore-export"), path.join(fixtures, "omnivore-export")]);
    copyFileSync(path.join(fixtures, "My Clippings.txt"), path.join(dir, "My Clippings.txt"));
    app = await launchApp();
    await byTestId(app, "article-list");
  });
  after(async () => {
    if (app) await quitApp(app);
  });

  it("previews an Omnivore export, imports it and reports what it did", async () => {
    const preview = await importExport(app, path.join(dir, "omnivore-export.zip"));
    const text = await preview.getText();
    assert.match(text, /Import from Omnivore export/);
    assert.match(text, /Articles\s*3 \(1 as links to download later\)/);
    assert.match(text, /Highlights\s*4, 2 notes/);
    await screenshot(app, "move-in-preview");
    await (await byTestId(app, "move-in-import")).click();
    const report = await byTestId(app, "move-in-report", 30_000);
    const done = await report.getText();
    assert.match(done, /New articles\s*3/);
    assert.match(done, /Highlights placed\s*4/);
    await screenshot(app, "move-in-report");
    await (await byTestId(app, "move-in-done")).click();
    await eventually(
      async () => {
        for (const row of await app.$$('[data-testid="article-row"]')) if ((await row.getText()).includes("The Quiet Reading Room")) return true;
        return false;
      },
      "the imported article is listed",
    );
  });

  it("imports Kindle clippings as books whose highlights carry their notes", async () => {
    const preview = await importExport(app, path.join(dir, "My Clippings.txt"));
    assert.match(await preview.getText(), /Import from Kindle clippings/);
    assert.match(await preview.getText(), /1 row could not be read/);
    await (await byTestId(app, "move-in-import")).click();
    assert.match(await (await byTestId(app, "move-in-report", 30_000)).getText(), /Highlights placed\s*3/);
    await (await byTestId(app, "move-in-done")).click();
    await (await byTestId(app, "nav-highlights")).click();
    const entries = await byTestId(app, "highlight-list");
    await eventually(async () => (await entries.getText()).includes("This is the thesis."), "the Kindle note is on its highlight");
  });

  it("downloads an article imported as a link, and says why another could not be downloaded", async () => {
    const page = `<html><head><title>Night Trains Return</title></head><body><article><h1>Night Trains Return</h1>
      <p>Sleeper services are back across Europe, and travellers are choosing them again for long journeys.</p>
      <p>There is something about a cabin of one's own that no seat can match, however wide the seat may be.</p></article></body></html>`;
    const server = http.createServer((request, response) => {
      if (request.url === "/night-trains") response.writeHead(200, { "Content-Type": "text/html; charset=utf-8" }).end(page);
      else response.writeHead(503).end();
    });
    await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
    const base = `http://127.0.0.1:${server.address().port}`;
    try {
      const csv = path.join(dir, "part_000000.csv");
      writeFileSync(csv, `title,url,time_added,tags,status\nNight trains (link),${base}/night-trains,1700000000,,unread\nA page that is down,${base}/down,1700000001,,unread\n`);
      await importExport(app, csv);
      await (await byTestId(app, "move-in-import")).click();
      await byTestId(app, "move-in-report", 30_000);
      await (await byTestId(app, "move-in-done")).click(); // "Later": download them one by one
      const row = async (title) => {
        for (const candidate of await app.$$('[data-testid="article-row"]')) if ((await candidate.getText()).includes(title)) return candidate;
        return null;
      };
      const badge = async (title) => {
        const found = await row(title);
        if (!found) return "not listed";
        const mark = await found.$('[data-testid="download-badge"]');
        return (await mark.isExisting()) ? mark.getText() : null;
      };
      await eventually(async () => (await badge("Night trains (link)")) === "Link only", "the link-only article is marked in the list");
      await (await row("Night trains (link)")).scrollIntoView({ block: "center" });
      await screenshot(app, "library-link-only");

      const open = async (title) => {
        const found = await row(title);
        await found.scrollIntoView({ block: "center" });
        await found.click();
      };
      await open("Night trains (link)");
      assert.match(await (await byTestId(app, "download-banner")).getText(), /Only the link to this article was imported/);
      await (await byTestId(app, "download-article")).click();
      await eventually(async () => (await (await byTestId(app, "article-content")).getText()).includes("a cabin of one's own"), "the downloaded text is shown", 20_000);
      assert.equal(await (await app.$('[data-testid="download-banner"]')).isExisting(), false);

      await (await byTestId(app, "nav-library")).click();
      await byTestId(app, "article-list");
      await open("A page that is down");
      await (await byTestId(app, "download-article")).click();
      const banner = await eventually(async () => {
        const text = await (await byTestId(app, "download-banner")).getText();
        return /could not be downloaded/.test(text) && text;
      }, "the failure is shown on the article", 30_000);
      assert.match(banner, /503/);
      assert.equal(await (await byTestId(app, "download-article")).getText(), "Try again");
      await screenshot(app, "download-failed");
      await (await byTestId(app, "nav-library")).click();
      await byTestId(app, "article-list");
      await eventually(async () => (await badge("A page that is down")) === "Download failed", "the list says the download failed");
      await (await row("A page that is down")).scrollIntoView({ block: "center" });
      await screenshot(app, "library-download-failed");
      await app.execute(() => {
        document.querySelector(".main").scrollTop = 0; // as the next tests expect the list
      });
      assert.equal(await badge("Night Trains Return"), null, "the downloaded article is no longer a link");
    } finally {
      server.close();
    }
  });

  it("exports an article with its highlights and notes to Markdown", async () => {
    const vault = path.join(dir, "vault");
    mkdirSync(vault);
    await (await byTestId(app, "nav-library")).click();
    await byTestId(app, "article-list");
    for (const row of await app.$$('[data-testid="article-row"]')) {
      if ((await row.getText()).includes("The Quiet Library")) {
        await row.click();
        break;
      }
    }
    await (await byTestId(app, "export-markdown")).click();
    assert.match(await (await byTestId(app, "export-dialog")).getText(), /Export this article/);
    await screenshot(app, "export-dialog");
    await (await byTestId(app, "export-format-markdown")).click();
    const title = "Export to Markdown";
    for (let attempt = 0; attempt < 3 && fileDialog(title) === null; attempt += 1) await sleep(500);
    for (let attempt = 0; attempt < 3 && !existsSync(path.join(vault, "The Quiet Library.md")); attempt += 1) {
      if (fileDialog(title)) await answerFileDialog(`${vault}/`, title);
      await sleep(1500);
    }
    const note = await eventually(async () => existsSync(path.join(vault, "The Quiet Library.md")) && readFileSync(path.join(vault, "The Quiet Library.md"), "utf8"), "no Markdown file", 10_000);
    assert.match(note, /^---\nlectern_id: \d+\ntitle: "The Quiet Library"/);
    assert.match(note, /> A library is a room where time moves at the speed of the reader\.\n\nThis is the thesis\.\n\n\^lectern-h\d+/);
    assert.match(await (await byTestId(app, "info-notice")).getText(), /Exported to .*vault: 1 new note/);
    await (await byTestId(app, "settings-button")).click();
    await byTestId(app, "export-all");
    await byTestId(app, "back-up-library");
    await screenshot(app, "settings-your-library");
    await (await byTestId(app, "settings-button")).click();
  });

  it("backs the library up and restores it from the backup, keeping the library it replaces", async () => {
    const backup = path.join(dir, "lectern-backup.sqlite3");
    await (await byTestId(app, "settings-button")).click();
    await (await byTestId(app, "back-up-library")).click();
    for (let attempt = 0; attempt < 3 && !existsSync(backup); attempt += 1) {
      if (fileDialog("Back up your library")) await answerFileDialog(backup, "Back up your library", true);
      await sleep(1500);
    }
    await eventually(async () => existsSync(backup), "no backup written", 10_000);
    const count = async () => (await app.$$('[data-testid="article-row"]')).length;
    await (await byTestId(app, "nav-library")).click();
    await byTestId(app, "article-list");
    const before = await count();
    await (await (await app.$$('[data-testid="row-trash"]'))[0]).click();
    await eventually(async () => (await count()) === before - 1, "the article was not deleted");

    await (await byTestId(app, "settings-button")).click();
    await (await byTestId(app, "restore-library")).click();
    for (let attempt = 0; attempt < 3 && !(await (await app.$('[data-testid="confirm-dialog"]')).isExisting()); attempt += 1) {
      if (fileDialog("Restore from a backup")) await answerFileDialog(backup, "Restore from a backup");
      await sleep(1500);
    }
    const confirm = await byTestId(app, "confirm-dialog");
    assert.match(await confirm.getText(), /holds \d+ articles and \d+ highlights/);
    await screenshot(app, "restore-confirm");
    await (await byTestId(app, "confirm-ok")).click();
    await eventually(async () => (await count()) === before, "the deleted article is back after the restore", 15_000);
    assert.match(await (await byTestId(app, "info-notice")).getText(), /previous library is kept at .*library\.before-restore-/);
  });

  it("imports nothing when the preview is cancelled", async () => {
    const before = await app.execute(() => document.querySelectorAll('[data-testid="highlight-entry"]').length);
    await importExport(app, path.join(dir, "My Clippings.txt"));
    await (await byTestId(app, "move-in-cancel")).click();
    assert.equal(await (await app.$('[data-testid="move-in-preview"]')).isExisting(), false);
    assert.equal(await app.execute(() => document.querySelectorAll('[data-testid="highlight-entry"]').length), before);
  });
});
