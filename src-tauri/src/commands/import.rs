//! Import commands: a pasted link or text, files and folders from a dialog, and a
//! cancel for the running batch. Batches report through typed events.

use lectern_core::import::web::FetchLimits;
use lectern_core::{ErrorPayload, SaveOutcome, import};
use serde::Serialize;
use tauri::{AppHandle, State};
use tauri_plugin_dialog::DialogExt;

use crate::import_jobs;
use crate::state::{LibraryState, off_thread};

/// What saving one article did.
#[derive(Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct SavedArticle {
    pub id: i64,
    pub title: String,
    /// True when the library already had it (nothing was changed).
    pub already_saved: bool,
}

/// Save a pasted web address (fetched), HTML, or plain text.
#[tauri::command]
#[specta::specta]
pub async fn import_pasted(state: State<'_, LibraryState>, text: String) -> Result<SavedArticle, ErrorPayload> {
    // Fetch and extract without holding the library: a slow site must not block reading.
    let article = off_thread("read the pasted article", move || import::import_pasted(&text, FetchLimits::default())).await?;
    state
        .run("save the pasted article", move |library| {
            let outcome = library.save_article(&article)?;
            log::info!("saved {:?} ({:?})", article.title, outcome);
            Ok(SavedArticle {
                id: outcome.id(),
                title: article.title,
                already_saved: matches!(outcome, SaveOutcome::AlreadySaved { .. }),
            })
        })
        .await
}

/// Ask for files (or a folder) to import, then import them in the background.
/// Returns false when the user closed the dialog without choosing.
#[tauri::command]
#[specta::specta]
pub async fn choose_files_to_import(app: AppHandle, folder: bool) -> Result<bool, ErrorPayload> {
    let picker = app.dialog().file().set_title(if folder { "Import a folder" } else { "Import files" });
    let chosen = tauri::async_runtime::spawn_blocking(move || {
        if folder {
            picker.blocking_pick_folder().map(|f| vec![f])
        } else {
            picker
                .add_filter("Articles", import::batch::SUPPORTED_EXTENSIONS)
                .blocking_pick_files()
        }
    })
    .await
    .unwrap_or(None);
    let paths: Vec<std::path::PathBuf> = chosen
        .unwrap_or_default()
        .into_iter()
        .filter_map(|f| f.into_path().ok())
        .collect();
    if paths.is_empty() {
        return Ok(false);
    }
    import_jobs::start(&app, paths)?;
    Ok(true)
}

/// Stop the running batch after the file it is on.
#[tauri::command]
#[specta::specta]
pub fn cancel_import(app: AppHandle) {
    import_jobs::cancel(&app);
}
