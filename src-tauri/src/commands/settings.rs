//! Reader settings, kept with tauri-plugin-store in settings.json in the app data dir.

use lectern_core::settings::{READER_KEY, STORE_FILE, Settings};
use lectern_core::{ErrorKind, ErrorPayload};
use tauri::AppHandle;
use tauri_plugin_store::StoreExt;

#[tauri::command]
#[specta::specta]
pub fn get_settings(app: AppHandle) -> Result<Settings, ErrorPayload> {
    let store = app.store(STORE_FILE).map_err(store_error)?;
    Ok(Settings::from_stored(store.get(READER_KEY)))
}

/// The settings as stored, for the backend's own use (defaults when unreadable).
pub fn current(app: &AppHandle) -> Settings {
    get_settings(app.clone()).unwrap_or_default()
}

/// Save new settings; returns them as stored (numbers clamped to sensible ranges).
#[tauri::command]
#[specta::specta]
pub fn update_settings(app: AppHandle, settings: Settings) -> Result<Settings, ErrorPayload> {
    let settings = settings.clamped();
    let store = app.store(STORE_FILE).map_err(store_error)?;
    let value = serde_json::to_value(&settings).map_err(|e| store_error(e.into()))?;
    store.set(READER_KEY, value);
    store.save().map_err(store_error)?;
    Ok(settings)
}

fn store_error(error: tauri_plugin_store::Error) -> ErrorPayload {
    log::error!("settings store: {error}");
    ErrorPayload { kind: ErrorKind::Io, message: format!("Settings could not be saved: {error}") }
}
