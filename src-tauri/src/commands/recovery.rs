//! Ways out when the library could not be opened. Each one is chosen by the user on the
//! error screen; none deletes anything (a damaged file is moved aside, never removed).

use lectern_core::library::recovery::{RescueReport, set_aside};
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
