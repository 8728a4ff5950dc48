//! Ways out when the library could not be opened. Each one is chosen by the user on the
//! error screen; none deletes anything (a damaged file is moved aside, never removed).

use lectern_core::library::recovery::{BackupSummary, RescueReport, backup_summary, restore_backup, set_aside};
use lectern_core::{ErrorKind, ErrorPayload, Library};
use serde::{Deserialize, Serialize};
use tauri::State;

use crate::state::{LibraryState, off_thread, open_with_seeds};

#[derive(Debug, Clone, Copy, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub enum RecoveryAction {
    /// Open it again (after another program let go of it, or space was freed).
    Retry,
    /// Open it without writing (a read-only disk or file).
    OpenReadOnly,
    /// Move the damaged file aside and start a new library with the sample articles.
    StartFresh,
    /// As StartFresh, then copy every row still readable from the damaged file.
    Rescue,
}

#[derive(Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct RecoveryOutcome {
    /// Where the damaged file was moved, when it was.
    pub kept_at: Option<String>,
    pub rescued: Option<RescueReport>,
}

/// Take the way out the user chose. Setting a file aside is allowed only while the
/// library is unopenable because it is damaged: a working library is never moved.
#[tauri::command]
#[specta::specta]
pub async fn recover_library(action: RecoveryAction, state: State<'_, LibraryState>) -> Result<RecoveryOutcome, ErrorPayload> {
    let path = state.path.clone();
    let damaged = state.open_error().is_some_and(|e| e.kind == ErrorKind::Corrupt);
    if matches!(action, RecoveryAction::StartFresh | RecoveryAction::Rescue) && !damaged {
        return Err(ErrorPayload { kind: ErrorKind::InvalidInput, message: "Only a damaged library can be set aside.".into() });
    }
    log::warn!("library recovery: {action:?}");
    let (opened, outcome) = off_thread("recover the library", move || Ok(recover(action, &path))).await?;
    state.replace(opened)?;
    Ok(outcome)
}

fn recover(action: RecoveryAction, path: &std::path::Path) -> (Result<Library, ErrorPayload>, RecoveryOutcome) {
    let mut outcome = RecoveryOutcome { kept_at: None, rescued: None };
    let opened = match action {
        RecoveryAction::Retry => open_with_seeds(path),
        RecoveryAction::OpenReadOnly => Library::open_read_only(path).map_err(ErrorPayload::from),
        RecoveryAction::StartFresh | RecoveryAction::Rescue => (|| {
            let kept = set_aside(path).map_err(ErrorPayload::from)?;
            outcome.kept_at = Some(kept.display().to_string());
            if matches!(action, RecoveryAction::Rescue) {
                // Rescued rows keep their ids, so they go in before the sample articles.
                let mut library = Library::open(path).map_err(ErrorPayload::from)?;
                outcome.rescued = Some(library.rescue_from(&kept).map_err(ErrorPayload::from)?);
            }
            open_with_seeds(path)
        })(),
    };
    (opened, outcome)
}

/// The backup the user chose to restore, between the question and the answer.
#[derive(Default)]
pub struct PendingBackup(std::sync::Mutex<Option<std::path::PathBuf>>);

/// Ask for a backup file and say what it holds; None when the dialog was closed.
#[tauri::command]
#[specta::specta]
pub async fn choose_backup(app: tauri::AppHandle) -> Result<Option<BackupSummary>, ErrorPayload> {
    use tauri::Manager;
    use tauri_plugin_dialog::DialogExt;
    let picker = app.dialog().file().set_title("Restore from a backup").add_filter("Lectern backups", &["sqlite3", "sqlite", "db"]);
    let chosen = tauri::async_runtime::spawn_blocking(move || picker.blocking_pick_file()).await.unwrap_or(None);
    let Some(path) = chosen.and_then(|f| f.into_path().ok()) else { return Ok(None) };
    let checked = path.clone();
    let summary = off_thread("read the backup", move || backup_summary(&checked)).await?;
    *app.state::<PendingBackup>().0.lock().unwrap_or_else(std::sync::PoisonError::into_inner) = Some(path);
    Ok(Some(summary))
}

/// Replace the library with the backup chosen last; the current library is kept beside it.
#[tauri::command]
#[specta::specta]
pub async fn restore_chosen_backup(app: tauri::AppHandle, state: State<'_, LibraryState>) -> Result<RecoveryOutcome, ErrorPayload> {
    use tauri::Manager;
    let backup = app.state::<PendingBackup>().0.lock().unwrap_or_else(std::sync::PoisonError::into_inner).take();
    let backup = backup.ok_or_else(|| ErrorPayload { kind: ErrorKind::InvalidInput, message: "Choose a backup first.".into() })?;
    // Close the library (its connection ends with the last job using it) before files move.
    let closing = ErrorPayload { kind: ErrorKind::Busy, message: "The library is being restored from a backup.".into() };
    let _ = state.replace(Err(closing));
    let path = state.path.clone();
    let restored = off_thread("restore the library", move || restore_backup(&path, &backup)).await;
    let path = state.path.clone();
    let reopened = off_thread("open the library", move || Ok(open_with_seeds(&path))).await?;
    state.replace(reopened)?;
    Ok(RecoveryOutcome { kept_at: Some(restored?.display().to_string()), rescued: None })
}
