//! Import commands: a pasted link or text, files and folders from a dialog, and a
//! cancel for the running batch. Batches report through typed events.

use lectern_core::import::{Budget, ImportOptions};
use lectern_core::{ErrorPayload, SaveOutcome, import};
use serde::Serialize;
use tauri::{AppHandle, Manager, State};
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

/// Save a pasted web address (fetched), HTML, or plain text. `cancel_import` stops it,
/// even in the middle of a download.
#[tauri::command]
#[specta::specta]
pub async fn import_pasted(app: AppHandle, state: State<'_, LibraryState>, text: String) -> Result<SavedArticle, ErrorPayload> {
    let jobs = app.state::<import_jobs::ImportJobs>();
    let cancel = jobs.pasted();
    let options = ImportOptions {
        fetch_remote_images: crate::commands::settings::current(&app).fetch_remote_images,
        budget: Budget::with_cancel(cancel.clone()),
        ..ImportOptions::default()
    };
    // Fetch and extract without holding the library: a slow site must not block reading.
    let imported = off_thread("read the pasted article", move || import::import_pasted(&text, &options)).await;
    let cancelled = cancel.is_cancelled();
    jobs.pasted_done(&cancel);
    if cancelled {
        return Err(lectern_core::Error::Cancelled.into());
    }
    let article = imported?;
    state
        .run("save the pasted article", move |library| {
            let outcome = library.save_article(&article)?;
            log::info!("saved {:?} ({:?})", article.title, outcome);
            Ok(SavedArticle { id: outcome.id(), title: article.title, already_saved: matches!(outcome, SaveOutcome::AlreadySaved { .. }) })
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
            picker.add_filter("Articles", import::batch::SUPPORTED_EXTENSIONS).blocking_pick_files()
        }
    })
    .await
    .unwrap_or(None);
    let paths: Vec<std::path::PathBuf> = chosen.unwrap_or_default().into_iter().filter_map(|f| f.into_path().ok()).collect();
    if paths.is_empty() {
        return Ok(false);
    }
    import_jobs::start(&app, paths)?;
    Ok(true)
}

/// Stop the running batch and any pasted import being fetched.
#[tauri::command]
#[specta::specta]
pub fn cancel_import(app: AppHandle) {
    import_jobs::cancel(&app);
}

/// Fetch an article saved from the web again from its address: the text is replaced
/// (the old one kept as a previous version) and its highlights follow. Fetched without
/// holding the library; `cancel_import` stops it. Says what changed.
#[tauri::command]
#[specta::specta]
pub async fn refetch_article(
    app: AppHandle,
    state: State<'_, LibraryState>,
    id: i64,
) -> Result<lectern_core::library::refetch::RefetchReport, ErrorPayload> {
    let address = state.run("find the article's address", move |library| library.refetch_address(id)).await?;
    let jobs = app.state::<import_jobs::ImportJobs>();
    let cancel = jobs.pasted();
    let token = cancel.clone();
    let fetched = off_thread("fetch the article again", move || lectern_core::library::refetch::fetch_again(&address, &token)).await;
    jobs.pasted_done(&cancel);
    let fetched = fetched?;
    state.run("store the re-fetched article", move |library| library.apply_refetch(id, fetched)).await
}
