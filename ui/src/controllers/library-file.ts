// The library file itself: opened at start (or the screen with the ways out when it is
// damaged, newer or locked), recovered, replaced by a backup.
import type { AppApi, AppInfo, RecoveryAction } from "../api";
import type { Controller, RouteOf } from "../app/routes";
import type { Router } from "../app/router";
import type { Shell } from "../app/shell";
import { showError, showInfo } from "../ui/notice";
import { describeRecovery, libraryErrorView } from "../views/library-error";
import { restoreFromBackup } from "../views/move-in";

export class LibraryFileController implements Controller<RouteOf<"error">> {
  constructor(
    private readonly api: AppApi,
    private readonly shell: Shell,
    private readonly router: Router,
  ) {}

  /** The library if it is open (marked when read-only), else the screen with the ways
   * out; neither before `ready` (the settings applied at start). */
  async open(ready: Promise<unknown> = Promise.resolve()): Promise<void> {
    const [info] = await Promise.all([this.api.appInfo(), ready]);
    if (info.libraryError) {
      this.showError(info);
      return;
    }
    this.shell.markReadOnly(info.readOnly);
    await this.router.go({ view: "library" });
  }

  /** After a command found the library damaged, the backend closed it: show the ways out. */
  async show(): Promise<void> {
    const info = await this.api.appInfo();
    if (info.libraryError) this.showError(info);
  }

  /** The error screen stays as it is until the user picks a way out. */
  refresh(): Promise<void> {
    return Promise.resolve();
  }

  /** Replace the library with a backup, then show it from the start. */
  async restoreBackup(): Promise<void> {
    if (!(await restoreFromBackup())) return;
    this.shell.closePanel();
    await this.open();
  }

  private showError(info: AppInfo): void {
    this.shell.show("error", libraryErrorView(info, { recover: (action) => this.recover(action) }));
  }

  /** Take a way out from the error screen; on failure, show the screen again with the new error. */
  private async recover(action: RecoveryAction): Promise<void> {
    try {
      const outcome = await this.api.recoverLibrary(action);
      showInfo(describeRecovery(outcome));
    } catch (error) {
      showError(error, "The library still could not be opened");
    }
    await this.open();
  }
}
