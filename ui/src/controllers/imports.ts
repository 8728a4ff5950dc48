// Everything that brings articles in: the "+ Add" panel (a pasted link or text, files, a
// folder, another app's export), drag and drop, the import's progress and report, and
// lectern:// links from the browser.
import type { AppApi, AppEvents, BatchReport, LinkRequest } from "../api";
import type { Router } from "../app/router";
import type { Shell } from "../app/shell";
import { progressCard, reportCard } from "../ui/import-status";
import { showError, showInfo } from "../ui/notice";
import { addPanel } from "../views/add-panel";
import { confirmLinkSave } from "../views/link-requests";
import { downloadSavedLinks, previewDialog, reportDialog } from "../views/move-in";
import type { SettingsController } from "./settings";

export class ImportController {
  /** The lectern:// links being followed, in order. */
  private links: Promise<void> = Promise.resolve();

  constructor(
    private readonly api: AppApi,
    private readonly shell: Shell,
    private readonly router: Router,
    private readonly settings: SettingsController,
  ) {}

  /** Follow the backend's events for as long as the app runs. */
  async listen(events: AppEvents): Promise<void> {
    try {
      await events.importProgress((progress) => this.shell.importStatus.replaceChildren(progressCard(progress, () => void this.api.cancelImport())));
      await events.importFinished((report) => void this.showReport(report));
      await events.dropHover((hovering) => {
        this.shell.dropOverlay.hidden = !hovering;
      });
      await events.libraryChanged(() => void this.router.refreshWhenIdle());
      await events.linkRequested(() => this.followLinks());
    } catch (error) {
      showError(error, "Import progress will not be shown");
    }
  }

  togglePanel(): void {
    this.shell.togglePanel("add", () =>
      addPanel({
        save: (text) => this.savePasted(text),
        cancel: () => void this.api.cancelImport(),
        chooseFiles: (folder) => void this.chooseFiles(folder),
        chooseExport: () => void this.moveIn(),
      }),
    );
  }

  /** Save a pasted link or text, then open it. Errors reach the add panel to show. */
  async savePasted(text: string): Promise<void> {
    const saved = await this.api.importPasted(text);
    this.shell.closePanel();
    if (saved.alreadySaved) showInfo(`“${saved.title}” is already in your library.`);
    await this.router.go({ view: "reader", id: saved.id });
  }

  /** Follow the lectern:// links that reached the app, one at a time (a second link
   * waits for the first one's dialog). */
  followLinks(): void {
    this.links = this.links
      .then(async () => {
        // One link at a time: each may ask the user in a dialog.
        // oxlint-disable-next-line no-await-in-loop
        for (const request of await this.api.takeLinkRequests()) await this.followLink(request);
      })
      .catch((error: unknown) => showError(error, "A lectern:// link could not be followed"));
  }

  private async followLink(request: LinkRequest): Promise<void> {
    switch (request.kind) {
      case "open":
        await this.router.go({ view: "reader", id: request.id });
        return;
      case "save":
        if (!(await confirmLinkSave(request))) return;
        showInfo(`Saving ${request.url}…`);
        await this.savePasted(request.url);
        return;
      case "refused":
        showError(new Error(request.reason), "A lectern:// link was refused");
    }
  }

  private async chooseFiles(folder: boolean): Promise<void> {
    try {
      if (await this.api.chooseFilesToImport(folder)) this.shell.closePanel();
    } catch (error) {
      showError(error, "Import could not start");
    }
  }

  /** Import another app's export: choose the file, see what it holds, import, see what happened. */
  private async moveIn(): Promise<void> {
    try {
      const chosen = await this.api.chooseExport();
      if (!chosen) return;
      this.shell.closePanel();
      if (!(await previewDialog(chosen))) {
        void this.api.discardChosenExport();
        return;
      }
      showInfo(`Importing ${chosen.preview.articles.toLocaleString()} articles from ${chosen.preview.formatLabel}…`);
      const report = await this.api.importChosenExport();
      if (report.restoredSettings) this.settings.adopt(report.restoredSettings);
      await this.router.go({ view: "library" });
      if (await reportDialog(report)) await downloadSavedLinks();
    } catch (error) {
      showError(error, "The export could not be imported");
    }
  }

  /** One article imported: open it. More: the report, and the library shows them. */
  private async showReport(report: BatchReport): Promise<void> {
    this.shell.importStatus.replaceChildren(reportCard(report, () => this.shell.importStatus.replaceChildren()));
    if (report.added + report.alreadySaved + report.failures.length === 1 && report.firstAdded !== null) {
      this.shell.importStatus.replaceChildren();
      await this.router.go({ view: "reader", id: report.firstAdded });
    } else if (this.shell.current === "library") {
      await this.router.go({ view: "library" });
    }
  }
}
