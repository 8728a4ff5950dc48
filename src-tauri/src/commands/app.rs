//! About the app itself: versions, where files live, and the UI's log lines.

use lectern_core::ErrorPayload;
use lectern_core::capture::lectern_link::LinkRequest;
use serde::{Deserialize, Serialize};
use tauri::{AppHandle, Manager, State};

use crate::link_requests::PendingLinks;
use crate::state::LibraryState;

#[derive(Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct AppInfo {
    pub version: String,
    pub library_path: String,
    pub log_dir: String,
    /// Set when the library could not be opened; the UI shows it instead of an empty list.
    pub library_error: Option<ErrorPayload>,
    /// The library was opened read-only (a way out the user chose): every change is refused.
    pub read_only: bool,
}

#[tauri::command]
#[specta::specta]
pub fn app_info(app: AppHandle, state: State<'_, LibraryState>) -> AppInfo {
    AppInfo {
        version: app.package_info().version.to_string(),
        library_path: state.path.display().to_string(),
        log_dir: app.path().app_log_dir().map(|d| d.display().to_string()).unwrap_or_default(),
        library_error: state.open_error(),
        read_only: state.read_only(),
    }
}

#[derive(Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub enum UiLogLevel {
    Error,
    Warn,
    Info,
}

/// The UI's errors go to the same log file as the backend's.
#[tauri::command]
#[specta::specta]
pub fn log_from_ui(level: UiLogLevel, message: String) {
    let message: String = message.chars().take(2000).collect();
    match level {
        UiLogLevel::Error => log::error!(target: "lectern::ui", "{message}"),
        UiLogLevel::Warn => log::warn!(target: "lectern::ui", "{message}"),
        UiLogLevel::Info => log::info!(target: "lectern::ui", "{message}"),
    }
}

/// Open a link from an article or a note in the system browser (or mail client). Only
/// web and mail addresses, mail links stripped to safe fields (lectern_core::links):
/// an article can never make Lectern open a file or a program.
#[tauri::command]
#[specta::specta]
pub fn open_link(url: String) -> Result<(), ErrorPayload> {
    let link = lectern_core::links::external_link(&url)?;
    #[cfg(target_os = "linux")]
    if opened_without_drawing_settings(&link) {
        return Ok(());
    }
    tauri_plugin_opener::open_url(&link, None::<&str>).map_err(|e| {
        log::error!("could not open {link}: {e}");
        ErrorPayload { kind: lectern_core::ErrorKind::Io, message: format!("The link could not be opened: {e}") }
    })
}

/// Where Lectern set variables for its own drawing (no GPU: crate::drawing), the link
/// goes to the desktop's opener without them, so the browser it starts sees the
/// environment the user gave Lectern. False when nothing was set or there is no
/// xdg-open: then the opener plugin tries its other ways.
#[cfg(target_os = "linux")]
fn opened_without_drawing_settings(link: &str) -> bool {
    let set = crate::drawing::variables_set();
    if set.is_empty() {
        return false;
    }
    let mut opener = std::process::Command::new("xdg-open");
    opener.arg(link).stdin(std::process::Stdio::null()).stdout(std::process::Stdio::null());
    for name in set {
        opener.env_remove(name);
    }
    match opener.spawn() {
        Ok(mut child) => {
            // Waited for, so it does not linger as a zombie; xdg-open returns at once.
            std::thread::spawn(move || child.wait());
            true
        }
        Err(error) => {
            log::warn!("xdg-open could not be started ({error}); the link goes to the opener plugin");
            false
        }
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn only_web_and_mail_links_are_opened() {
        for url in ["file:///etc/passwd", "javascript:alert(1)", "tauri://localhost", "not a url", "/relative"] {
            assert!(super::open_link(url.to_string()).is_err(), "{url} must be refused");
        }
    }
}

/// Connect the Lectern browser extension: write the native-messaging host manifests for
/// the browsers installed for this user, pointing at the lectern-cli beside the app.
/// Returns the names of the browsers connected.
#[tauri::command]
#[specta::specta]
pub fn connect_browsers(app: AppHandle) -> Result<Vec<String>, ErrorPayload> {
    use lectern_core::capture::manifests;
    let not_found = |message: String| ErrorPayload { kind: lectern_core::ErrorKind::NotFound, message };
    let exe = std::env::current_exe().map_err(|e| not_found(format!("Lectern could not find itself: {e}")))?;
    let cli = exe.with_file_name(if cfg!(windows) { "lectern-cli.exe" } else { "lectern-cli" });
    if !cli.is_file() {
        return Err(not_found(format!(
            "lectern-cli was not found beside Lectern ({}). Run “lectern-cli browser install” where it is.",
            cli.display()
        )));
    }
    let home = app.path().home_dir().map_err(|e| not_found(format!("No home folder: {e}")))?;
    let data = app.path().app_data_dir().map_err(|e| not_found(format!("No data folder: {e}")))?;
    let connected: Vec<String> = manifests::install(&home, &data, &cli, None)
        .map_err(|e| ErrorPayload::from(lectern_core::Error::from(e)))?
        .into_iter()
        .map(|b| b.name.to_string())
        .collect();
    log::info!("browser extension connected for {connected:?}");
    crate::link_requests::register_scheme(&app);
    Ok(connected)
}

/// The UI has painted its first screen: log how long after the process started (once).
#[tauri::command]
#[specta::specta]
pub fn first_paint() {
    crate::timing::first_paint();
}

/// The `lectern://` links that reached the app since the UI last asked, oldest first.
#[tauri::command]
#[specta::specta]
pub fn take_link_requests(pending: State<'_, PendingLinks>) -> Vec<LinkRequest> {
    pending.take()
}
