//! "Import from another app": pick an export file, see what it holds, then import it.
//! The parsed export waits here between the preview and the user's yes, so the file is
//! read once and the webview never handles a path or the file's content.

use std::sync::Mutex;

use lectern_core::ErrorPayload;
use lectern_core::interop::{FileExport, Foreign, InteropReport, Preview, download, read_export};
use serde::Serialize;
use tauri::{AppHandle, Manager, State};
use tauri_plugin_dialog::DialogExt;

use crate::state::{LibraryState, off_thread};

/// The export the user chose and has not yet imported or dropped.
#[derive(Default)]
pub struct PendingExport(Mutex<Option<Foreign>>);

#[derive(Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct ExportPreview {
    pub file_name: String,
    pub preview: Preview,
}

/// Ask for an export file and return what it holds; None when the dialog was closed.
#[tauri::command]
#[specta::specta]
pub async fn choose_export(app: AppHandle) -> Result<Option<ExportPreview>, ErrorPayload> {
    let picker = app.dialog().file().set_title("Import from another app").add_filter(
        "Exports (Pocket, Instapaper, Omnivore, Readwise, Kindle, Hypothesis, Lectern)",
        &["zip", "csv", "html", "txt", "json", "jsonld"],
    );
    let chosen = tauri::async_runtime::spawn_blocking(move || picker.blocking_pick_file()).await.unwrap_or(None);
    let Some(path) = chosen.and_then(|f| f.into_path().ok()) else { return Ok(None) };
    let file_name = path.file_name().and_then(|n| n.to_str()).unwrap_or_default().to_string();
    let name = file_name.clone();
    let foreign = off_thread("read the export", move || {
        let bytes = std::fs::read(&path)?;
        read_export(&name, &bytes)
    })
    .await?;
    let preview = foreign.preview();
    log::info!("export {file_name} previewed: {} articles, {} highlights", preview.articles, preview.highlights);
    *app.state::<PendingExport>().0.lock().unwrap_or_else(std::sync::PoisonError::into_inner) = Some(foreign);
    Ok(Some(ExportPreview { file_name, preview }))
}

/// Import the export last previewed.
#[tauri::command]
#[specta::specta]
pub async fn import_chosen_export(app: AppHandle, state: State<'_, LibraryState>) -> Result<InteropReport, ErrorPayload> {
    let foreign = app.state::<PendingExport>().0.lock().unwrap_or_else(std::sync::PoisonError::into_inner).take();
    let foreign = foreign
        .ok_or_else(|| ErrorPayload { kind: lectern_core::ErrorKind::InvalidInput, message: "Choose an export file first.".into() })?;
    let report = state.run("import the export", move |library| library.import_foreign(&foreign)).await?;
    if let Some(settings) = &report.restored_settings {
        crate::commands::settings::update_settings(app, settings.clone())?;
        log::info!("reader settings restored from the export");
    }
    Ok(report)
}

/// Forget the export last previewed (the user said no).
#[tauri::command]
#[specta::specta]
pub fn discard_chosen_export(app: AppHandle) {
    app.state::<PendingExport>().0.lock().unwrap_or_else(std::sync::PoisonError::into_inner).take();
}

/// Export articles (`ids`; every article when empty) as Markdown into a folder the user
/// picks; None when the dialog was closed.
#[tauri::command]
#[specta::specta]
pub async fn export_markdown(app: AppHandle, state: State<'_, LibraryState>, ids: Vec<i64>) -> Result<Option<MarkdownDone>, ErrorPayload> {
    let picker = app.dialog().file().set_title("Export to Markdown: choose a folder (an Obsidian vault works)");
    let chosen = tauri::async_runtime::spawn_blocking(move || picker.blocking_pick_folder()).await.unwrap_or(None);
    let Some(folder) = chosen.and_then(|f| f.into_path().ok()) else { return Ok(None) };
    let shown = folder.display().to_string();
    let done = state.run("export to Markdown", move |library| library.export_markdown(&ids, &folder, None)).await?;
    Ok(Some(MarkdownDone { folder: shown, written: done.written, updated: done.updated }))
}

#[derive(Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct MarkdownDone {
    pub folder: String,
    pub written: u32,
    /// Files of earlier exports rewritten in place.
    pub updated: u32,
}

/// What a single-file export wrote.
#[derive(Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct FileExportDone {
    pub path: String,
    pub articles: u32,
    pub highlights: u32,
}

/// Export articles (`ids`; every article when empty) as one file the user names: Lectern's
/// JSON (with the reader settings), W3C annotations or Readwise CSV. None when the dialog
/// was closed.
#[tauri::command]
#[specta::specta]
pub async fn export_file(
    app: AppHandle,
    state: State<'_, LibraryState>,
    format: FileExport,
    ids: Vec<i64>,
) -> Result<Option<FileExportDone>, ErrorPayload> {
    let name = format.file_name(&lectern_core::library::backup::today());
    let picker = app.dialog().file().set_title("Export").set_file_name(name);
    let chosen = tauri::async_runtime::spawn_blocking(move || picker.blocking_save_file()).await.unwrap_or(None);
    let Some(destination) = chosen.and_then(|f| f.into_path().ok()) else { return Ok(None) };
    let settings = crate::commands::settings::current(&app);
    let shown = destination.display().to_string();
    let file = state
        .run("export", move |library| {
            let file = library.export_file(format, &ids, Some(&settings))?;
            std::fs::write(&destination, &file.bytes)?;
            Ok(file)
        })
        .await?;
    log::info!("exported {format:?}: {} articles, {} highlights to {shown}", file.articles, file.highlights);
    Ok(Some(FileExportDone { path: shown, articles: file.articles as u32, highlights: file.highlights as u32 }))
}

/// Write a backup of the whole library where the user says; None when the dialog was closed.
#[tauri::command]
#[specta::specta]
pub async fn back_up_library(app: AppHandle, state: State<'_, LibraryState>) -> Result<Option<String>, ErrorPayload> {
    let today = lectern_core::library::backup::today();
    let picker = app.dialog().file().set_title("Back up your library").set_file_name(format!("lectern-backup-{today}.sqlite3"));
    let chosen = tauri::async_runtime::spawn_blocking(move || picker.blocking_save_file()).await.unwrap_or(None);
    let Some(destination) = chosen.and_then(|f| f.into_path().ok()) else { return Ok(None) };
    let shown = destination.display().to_string();
    state.run("back up the library", move |library| library.backup_to(&destination)).await?;
    Ok(Some(shown))
}

/// Download, in the background, the articles an export saved as links only; their
/// highlights anchor as each page arrives. Returns how many links are being downloaded.
#[tauri::command]
#[specta::specta]
pub fn download_saved_links(app: AppHandle) -> Result<u32, ErrorPayload> {
    crate::import_jobs::download_links(&app)
}

/// Download the page of one article saved as a link only (the reader's "Download now",
/// which also tries again after a failure). Fetched without holding the library; the
/// import card's Cancel stops it. A failure is kept on the article and returned.
#[tauri::command]
#[specta::specta]
pub async fn download_article(app: AppHandle, state: State<'_, LibraryState>, id: i64) -> Result<(), ErrorPayload> {
    let link = state.run("find the saved link", move |library| library.link_to_download(id)).await?;
    let jobs = app.state::<crate::import_jobs::ImportJobs>();
    let cancel = jobs.pasted();
    let (fetching, token) = (link.clone(), cancel.clone());
    let fetched = off_thread("download the saved link", move || Ok(download::fetch_link(&fetching, &token))).await?;
    jobs.pasted_done(&cancel);
    state
        .run("save the downloaded article", move |library| {
            let outcome = library.settle_download(&link, fetched)?;
            log::info!("downloaded {} ({outcome:?})", link.url);
            Ok(())
        })
        .await
}

/// How many articles are saved as links only, waiting to be downloaded.
#[tauri::command]
#[specta::specta]
pub async fn count_saved_links(state: State<'_, LibraryState>) -> Result<u32, ErrorPayload> {
    state.run("count the saved links", |library| Ok(library.links_to_download()?.len() as u32)).await
}
