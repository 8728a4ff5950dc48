// The app's own figures, in the real app (run by tests/bench/run.sh on release builds):
// first paint from process start with a 10,000-article library, opening a 20,000-word
// article with 200 highlights until its text is painted, a highlight's round trip, and
// resident memory. The app measures and logs them ("timing: …" lines, see
// ui/src/timing.ts); this drives it and prints the table. Figures only: nothing here
// fails on a slow machine.
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { readFileSync, readdirSync, writeFileSync, existsSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { before, describe, it } from "node:test";
import { byTestId, dataDir, eventually, launchApp, libraryPath, quitApp } from "../lib/app.js";
import { selectText } from "../lib/actions.js";

const cli = process.env.LECTERN_CLI;
const RUNS = 5;
const LONG_TITLE = "A very long read for the benchmark";
const HIGHLIGHTS = 200;
const log = () => (existsSync(path.join(dataDir, "logs/lectern.log")) ? readFileSync(path.join(dataDir, "logs/lectern.log"), "utf8") : "");
const timings = (pattern) => [...log().matchAll(pattern)].map((m) => Number(m[1]));

/** 20,000 words of plain prose with a few unique sentences to highlight. */
function longArticle() {
  const words = ["harbour", "river", "lantern", "quiet", "morning", "letters", "garden", "distant", "winter", "station", "market", "bridge"];
  const paragraphs = [];
  let n = 0;
  for (let p = 0; p < 400; p++) {
    const sentence = Array.from({ length: 50 }, () => words[(n = (n * 1103515245 + 12345) % 2147483648) % words.length]).join(" ");
    paragraphs.push(`<p>${p % 80 === 0 ? `Marker sentence number ${p / 80} for the benchmark. ` : ""}${sentence}.</p>`);
  }
  return `<!doctype html><html lang="en"><head><title>${LONG_TITLE}</title></head><body><article><h1>${LONG_TITLE}</h1>${paragraphs.join("\n")}</article></body></html>`;
}

/** Spread HIGHLIGHTS highlights over the article, as a reader would have made them. */
function addHighlights(id) {
  execFileSync("python3", ["-c", `
import sqlite3, sys, time
c = sqlite3.connect(sys.argv[1])
text, = c.execute("SELECT content_text FROM articles WHERE id = ?", (int(sys.argv[2]),)).fetchone()
count = int(sys.argv[3]); step = len(text) // count; now = int(time.time() * 1000)
for i in range(count):
    s = i * step + 10
    while "Marker" in text[max(0, s - 60):s + 100]: s += 100  # leave the sentences the benchmark selects whole
    e = s + 40
    c.execute('INSERT INTO highlights (article_id, color, start, "end", exact, prefix, suffix, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
              (int(sys.argv[2]), "yellow", s, e, text[s:e], text[max(0, s - 32):s], text[e:e + 32], now, now))
c.commit()
`, libraryPath, String(id), String(HIGHLIGHTS)]);
}

/** Resident memory of a process in kB: all of it, and its own (anonymous) part; the
 * rest is files mapped into it (the library, read through mmap; shared libraries). */
function rssKb(pid, field = "VmRSS") {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  return Number(status.match(new RegExp(`${field}:\\s+(\\d+)`))[1]);
}

/** Where a process's resident memory is: its mappings by resident size, largest first
 * (anonymous memory adds up under "[anon]"). */
function largestMappings(pid, count = 8) {
  const sizes = new Map();
  let current = "";
  for (const line of readFileSync(`/proc/${pid}/smaps`, "utf8").split("\n")) {
    const header = line.match(/^[0-9a-f]+-[0-9a-f]+ \S+ \S+ \S+ \d+\s*(.*)$/);
    if (header) current = header[1] || "[anon]";
    const rss = line.match(/^Rss:\s+(\d+) kB/);
    if (rss) sizes.set(current, (sizes.get(current) ?? 0) + Number(rss[1]));
  }
  return [...sizes].sort((a, b) => b[1] - a[1]).slice(0, count).map(([name, kb]) => `  ${(kb / 1024).toFixed(1).padStart(7)}  ${name}`).join("\n");
}

/** A process's proportional resident memory in kB: a page it shares with other
 * processes (WebKit's libraries, mapped by all three) counts as its share of it, so the
 * processes' figures add up to what they hold together, nothing counted twice. */
function pssKb(pid) {
  return Number(readFileSync(`/proc/${pid}/smaps_rollup`, "utf8").match(/^Pss:\s+(\d+) kB/m)[1]);
}

function pids(pattern) {
  try {
    return execFileSync("pgrep", ["-f", pattern], { encoding: "utf8" }).trim().split("\n").filter(Boolean).map(Number);
  } catch {
    return [];
  }
}

function row(name, values, target) {
  const sorted = [...values].sort((a, b) => a - b);
  const median = sorted[Math.floor(sorted.length / 2)];
  const worst = sorted[sorted.length - 1];
  return `${name.padEnd(52)} ${median.toFixed(1).padStart(9)} ${worst.toFixed(1).padStart(9)}  ${(worst <= target ? " " : "!") + "<" + String(target).padStart(5)}`;
}

describe("the app's own figures (release build)", () => {
  let longId;
  before(() => {
    execFileSync(cli, ["--library", libraryPath, "generate", "--articles", "10000", "--highlights-per-article", "10"], { stdio: "inherit" });
    const file = path.join(os.tmpdir(), `lectern-long-${process.pid}.html`);
    writeFileSync(file, longArticle());
    execFileSync(cli, ["--library", libraryPath, "add", file]);
    longId = JSON.parse(execFileSync(cli, ["--library", libraryPath, "list", "--json"], { encoding: "utf8", maxBuffer: 64 << 20 })).find((a) => a.title === LONG_TITLE).id;
    addHighlights(longId);
  });

  it("measures and prints every figure", async () => {
    const table = [];
    for (let run = 0; run < RUNS; run++) {
      const app = await launchApp();
      await byTestId(app, "article-list", 60_000);
      await eventually(() => timings(/timing: first paint ([\d.]+) ms/g).length > run, "the app logs its first paint", 15_000);
      await quitApp(app);
    }
    table.push(row("first paint after process start (10,000 articles)", timings(/timing: first paint ([\d.]+) ms/g), 500));
    console.log(log().split("\n").filter((l) => /timing: (first screen stages|setup began|library opened|window created|first paint)/.test(l)).map((l) => l.replace(/^.*timing: /, "  ")).join("\n"));

    const app = await launchApp();
    await byTestId(app, "article-list", 60_000);
    const opened = new RegExp(`timing: opened article ${longId} \\(\\d+ words, ${HIGHLIGHTS} highlights[^)]*\\) in ([\\d.]+) ms`, "g");
    for (let run = 0; run < RUNS; run++) {
      await (await byTestId(app, "nav-library")).click();
      await eventually(
        () => app.execute((id) => {
          const row = document.querySelector(`[data-testid="article-row"][data-article-id="${id}"]`);
          row?.click();
          return Boolean(row);
        }, longId),
        "the long article is listed",
      );
      await eventually(() => timings(opened).length > run, "the app logs the article's opening", 15_000).catch((error) => {
        throw new Error(`${error.message}; the log: ${log().split("\n").filter((l) => /timing: opened|ERROR|WARN/.test(l)).slice(-5).join(" | ")}`);
      });
    }
    table.push(row(`open a 20,000-word article with ${HIGHLIGHTS} highlights`, timings(opened), 100));
    console.log(log().split("\n").filter((l) => /timing: opened article/.test(l)).map((l) => l.replace(/^.*timing: /, "  ")).join("\n"));

    for (let run = 0; run < RUNS; run++) {
      await selectText(app, `Marker sentence number ${run} for`);
      await byTestId(app, "selection-toolbar");
      // The passage may be below the fold: the click goes straight to the toolbar's swatch.
      await app.execute(() => document.querySelector('[data-testid="selection-toolbar"] [data-testid="swatch-blue"]').click());
      await eventually(() => timings(/timing: highlight saved \(round trip\) in ([\d.]+) ms/g).length > run, "the app logs the highlight", 10_000);
    }
    table.push(row("create a highlight (round trip)", timings(/timing: highlight saved \(round trip\) in ([\d.]+) ms/g), 10));

    const [appPid] = pids(`^${process.env.LECTERN_APP}`);
    assert.ok(appPid, "the app process is found");
    const webkit = readdirSync("/proc").filter((p) => /^\d+$/.test(p)).filter((p) => {
      try {
        return readFileSync(`/proc/${p}/status`, "utf8").match(/PPid:\s+(\d+)/)[1] === String(appPid);
      } catch {
        return false;
      }
    });
    const mb = (pid, field) => rssKb(pid, field) / 1024;
    const children = (field) => webkit.reduce((sum, p) => sum + mb(p, field), 0);
    console.log(`the app process's largest resident mappings (MB):\n${largestMappings(appPid)}`);
    table.push(row("resident memory, app process (MB)", [mb(appPid)], 150));
    table.push(row("  of which its own, not mapped files (MB)", [mb(appPid, "RssAnon")], 150));
    table.push(row("resident memory, app + its WebKit processes (MB)", [mb(appPid) + children("VmRSS")], 150));
    table.push(row("  of which their own, not mapped files (MB)", [mb(appPid, "RssAnon") + children("RssAnon")], 150));
    const shares = [appPid, ...webkit].map((pid) => pssKb(pid) / 1024);
    table.push(row("proportional (Pss), app + its WebKit processes (MB)", [shares.reduce((sum, share) => sum + share, 0)], 150));
    table.push(row("  of which the app process's share (MB)", [shares[0]], 150));
    await quitApp(app);

    console.log(`\n${"figure".padEnd(52)} ${"median".padStart(9)} ${"worst".padStart(9)}  target`);
    for (const line of table) console.log(line);
    console.log(`(${RUNS} runs each; ms unless marked; ! = worst over target)`);
  });
});
