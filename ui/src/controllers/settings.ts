// Reader settings: loaded once, applied the moment they change, written after a pause;
// and the "Aa" panel that changes them (with the library-wide tools it also holds).
import type { AppApi, Settings } from "../api";
import type { Shell } from "../app/shell";
import { DEFAULT_SETTINGS } from "../bindings";
import { applySettings, followSystemTheme } from "../settings";
import { showError, showInfo } from "../ui/notice";
import { backUpLibrary, downloadSavedLinks, exportArticles } from "../views/move-in";
import { settingsPanel } from "../views/settings-panel";

/** How long settings changes wait before being written (sliders fire often). */
export const SAVE_SETTINGS_DELAY_MS = 250;

export class SettingsController {
  private settings: Settings = fallbackSettings();
  private saveTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly api: AppApi,
    private readonly shell: Shell,
    /** Replace the library with a backup (the library file's controller does it). */
    private readonly restoreBackup: () => void,
  ) {}

  /** Read the stored settings (defaults if they cannot be read) and apply them. */
  async load(): Promise<void> {
    try {
      this.settings = await this.api.getSettings();
    } catch (error) {
      showError(error, "Settings could not be loaded; using defaults");
    }
    applySettings(this.settings);
    followSystemTheme(() => this.settings);
  }

  get current(): Settings {
    return this.settings;
  }

  /** Settings that arrived another way (restored from an export): apply and keep them. */
  adopt(settings: Settings): void {
    this.settings = settings;
    applySettings(settings);
  }

  togglePanel(): void {
    this.shell.togglePanel("settings", () =>
      settingsPanel(this.settings, (next) => this.change(next), {
        exportAll: () => void exportArticles([]),
        backUp: () => void backUpLibrary(),
        restore: () => this.restoreBackup(),
        downloadLinks: () => void downloadSavedLinks(),
        connectBrowsers: () => void this.connectBrowsers(),
      }),
    );
  }

  /** Apply at once; write after a pause, keeping what the backend clamped. */
  change(next: Settings): void {
    this.adopt(next);
    clearTimeout(this.saveTimer);
    this.saveTimer = setTimeout(() => {
      this.api.updateSettings(next).then(
        (stored) => this.adopt(stored),
        (error: unknown) => showError(error, "Settings could not be saved"),
      );
    }, SAVE_SETTINGS_DELAY_MS);
  }

  /** Write the browsers' host manifests so the Lectern extension can save to this library. */
  private async connectBrowsers(): Promise<void> {
    try {
      const browsers = await this.api.connectBrowsers();
      showInfo(`Connected: ${browsers.join(", ")}. Install the Lectern extension in your browser (see the README) and save a page with it.`);
    } catch (error) {
      showError(error, "The browsers could not be connected");
    }
  }
}

function fallbackSettings(): Settings {
  return { ...(DEFAULT_SETTINGS as Settings) };
}
