// "Import from another app": what an export holds before anything is written, and what
// the import did after, row problems included, so nobody wonders what was left behind.
import { api, type ExportPreview, type FileExport, type InteropReport, type RowProblem } from "../api";
import { confirmDialog, modalDialog } from "../ui/confirm";
import { h } from "../ui/dom";
import { showError, showInfo } from "../ui/notice";

/** Problems listed one by one before the rest are summed up. */
const PROBLEMS_SHOWN = 20;

const plural = (count: number, one: string, many = `${one}s`): string => `${count.toLocaleString()} ${count === 1 ? one : many}`;

function problemList(problems: RowProblem[]): HTMLElement | null {
  if (problems.length === 0) return null;
  const shown = problems.slice(0, PROBLEMS_SHOWN).map((p) => h("li", {}, p.line > 0 ? `Line ${p.line}: ${p.message}` : p.message));
  const more = problems.length > PROBLEMS_SHOWN ? h("li", { class: "muted" }, `and ${plural(problems.length - PROBLEMS_SHOWN, "more")}`) : null;
  return h(
    "details",
    { class: "move-in-problems", open: problems.length <= 5, "data-testid": "move-in-problems" },
    h("summary", {}, `${plural(problems.length, "row")} could not be read and will be skipped`),
    h("ul", {}, ...shown, more),
  );
}

function facts(rows: [string, string][]): HTMLElement {
  return h("dl", { class: "move-in-facts" }, ...rows.flatMap(([term, value]) => [h("dt", {}, term), h("dd", {}, value)]));
}

/** What the export holds; resolves true when the user wants it imported. */
export async function previewDialog(chosen: ExportPreview): Promise<boolean> {
  const p = chosen.preview;
  const links = p.articles - p.withText;
  const body = [
    h("h2", {}, `Import from ${p.formatLabel}`),
    h("p", { class: "muted" }, chosen.fileName),
    facts([
      ["Articles", `${p.articles.toLocaleString()}${links ? ` (${links.toLocaleString()} as links to download later)` : ""}`],
      ["Highlights", `${p.highlights.toLocaleString()}${p.notes ? `, ${plural(p.notes, "note")}` : ""}`],
      ["Archived", p.archived.toLocaleString()],
      ["Starred", p.favorites.toLocaleString()],
      ["Tags", p.tags.length ? p.tags.slice(0, 12).join(", ") + (p.tags.length > 12 ? ` and ${p.tags.length - 12} more` : "") : "none"],
    ]),
    h("p", { class: "move-in-promise" }, "Nothing already in your library is changed: articles you have gain the highlights and tags; the same file imported twice adds nothing twice."),
    problemList(p.problems),
  ];
  const answer = await modalDialog("Import preview", "move-in-preview", body, [
    { answer: "cancel", label: "Cancel", testId: "move-in-cancel" },
    { answer: "import", label: p.articles ? `Import ${plural(p.articles, "article")}` : "Import", primary: true, testId: "move-in-import" },
  ]);
  return answer === "import";
}

/** What the import did. Resolves true when the reader asks to download the articles
 * that came as links only. */
export async function reportDialog(report: InteropReport): Promise<boolean> {
  const body = [
    h("h2", {}, "Imported"),
    facts([
      ["New articles", `${report.added.toLocaleString()}${report.linksOnly ? ` (${report.linksOnly.toLocaleString()} as links, not downloaded yet)` : ""}`],
      ["Already in your library", `${report.merged.toLocaleString()} (kept as they were, with the new highlights and tags)`],
      ["Highlights placed", report.highlightsAnchored.toLocaleString()],
      ["Highlights waiting for their text", report.highlightsWaiting.toLocaleString()],
      ["Highlights you already had", report.highlightsAlreadyThere.toLocaleString()],
    ]),
    report.restoredSettings ? h("p", { class: "muted" }, "Your reader settings from the export are restored too.") : null,
    problemList(report.problems),
  ];
  const actions = [{ answer: "done", label: report.linksOnly ? "Later" : "Done", primary: !report.linksOnly, testId: "move-in-done" }];
  if (report.linksOnly) actions.push({ answer: "download", label: `Download ${plural(report.linksOnly, "article")}`, primary: true, testId: "move-in-download" });
  return (await modalDialog("Import report", "move-in-report", body, actions)) === "download";
}

/** Download the articles saved as links only, with the import progress card. */
export async function downloadSavedLinks(): Promise<void> {
  try {
    const started = await api.downloadSavedLinks();
    if (started === 0) showInfo("Every saved article has its text; there is nothing to download.");
  } catch (error) {
    showError(error, "The saved links could not be downloaded");
  }
}

type ExportChoice = "markdown" | FileExport;

const EXPORT_CHOICES: { answer: ExportChoice; label: string; text: string }[] = [
  { answer: "markdown", label: "Markdown…", text: "One note per article with its highlights, for Obsidian or Logseq. Exporting again updates the notes in place." },
  { answer: "json", label: "Lectern JSON…", text: "Everything: text, highlights, notes, bookmarks, tags and your reader settings. Import it into a new library to get it all back." },
  { answer: "w3c", label: "W3C annotations…", text: "The highlights and notes as Web Annotations (JSON-LD), for Hypothesis and other annotation tools." },
  { answer: "readwiseCsv", label: "Readwise CSV…", text: "The highlights and notes in Readwise’s import template." },
];

/** Ask which format, then export `ids` (every article when empty) in it. */
export async function exportArticles(ids: number[]): Promise<void> {
  const what = ids.length === 0 ? "your whole library" : ids.length === 1 ? "this article" : plural(ids.length, "article");
  const body = [
    h("h2", {}, `Export ${what}`),
    h("dl", { class: "move-in-facts export-formats" }, ...EXPORT_CHOICES.flatMap((c) => [h("dt", {}, c.label.replace("…", "")), h("dd", {}, c.text)])),
  ];
  const answer = await modalDialog("Export", "export-dialog", body, [
    { answer: "cancel", label: "Cancel", testId: "export-cancel" },
    ...EXPORT_CHOICES.map((c) => ({ answer: c.answer, label: c.label, primary: c.answer === "markdown", testId: `export-format-${c.answer}` })),
  ], "first");
  if (answer === "markdown") await exportToMarkdown(ids);
  else if (answer === "json" || answer === "w3c" || answer === "readwiseCsv") await exportFile(answer, ids);
}

async function exportFile(format: FileExport, ids: number[]): Promise<void> {
  try {
    const done = await api.exportFile(format, ids);
    if (done) showInfo(`Exported ${plural(done.articles, "article")} and ${plural(done.highlights, "highlight")} to ${done.path}.`);
  } catch (error) {
    showError(error, "The export failed");
  }
}

/** Export `ids` (every article when empty) to Markdown in a folder the user picks. */
async function exportToMarkdown(ids: number[]): Promise<void> {
  try {
    const done = await api.exportMarkdown(ids);
    if (!done) return;
    const updated = done.updated ? `, ${plural(done.updated, "note")} updated in place` : "";
    showInfo(`Exported to ${done.folder}: ${plural(done.written, "new note")}${updated}.`);
  } catch (error) {
    showError(error, "The export to Markdown failed");
  }
}

/** Back up the whole library to a file the user names. */
export async function backUpLibrary(): Promise<void> {
  try {
    const written = await api.backUpLibrary();
    if (written) showInfo(`Your library is backed up to ${written}.`);
  } catch (error) {
    showError(error, "The backup failed");
  }
}

/** Replace the library with a backup the user picks, after saying what it holds and
 * that the current library is kept. Resolves true when the library was replaced. */
export async function restoreFromBackup(): Promise<boolean> {
  try {
    const backup = await api.chooseBackup();
    if (!backup) return false;
    const sure = await confirmDialog(
      "Replace your library with this backup?",
      `The backup holds ${plural(backup.articles, "article")} and ${plural(backup.highlights, "highlight")}. Your library as it is now is kept beside it (library.before-restore-…), not deleted.`,
      "Restore",
    );
    if (!sure) return false;
    const outcome = await api.restoreChosenBackup();
    showInfo(`Restored. Your previous library is kept at ${outcome.keptAt ?? "its old place"}.`);
    return true;
  } catch (error) {
    showError(error, "The backup could not be restored");
    return false;
  }
}
