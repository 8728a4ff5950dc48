//! Background imports of many files: one at a time, off the IPC thread, reporting
//! progress as typed events, cancellable between files. Started from the file dialog or
//! by dropping files and folders on the window.

use std::path::PathBuf;
use std::sync::Mutex;

use lectern_core::import::CancelToken;
use lectern_core::import::batch::{self, BatchProgress, BatchReport};
use lectern_core::{ErrorKind, ErrorPayload};
use serde::{Deserialize, Serialize};
use tauri::{AppHandle, DragDropEvent, Manager};
use tauri_specta::Event;

use crate::state::LibraryState;

/// Progress of the running import.
#[derive(Debug, Clone, Serialize, Deserialize, specta::Type, Event)]
pub struct ImportProgress(pub BatchProgress);

/// The running import finished (or was cancelled).
#[derive(Debug, Clone, Serialize, Deserialize, specta::Type, Event)]
pub struct ImportFinished(pub BatchReport);

/// Files are being dragged over the window (true) or left it (false).
#[derive(Debug, Clone, Serialize, Deserialize, specta::Type, Event)]
pub struct DropHover(pub bool);

/// The cancel flag of the running batch, if one runs, and of every pasted import
/// being fetched: Cancel stops them all.
#[derive(Default)]
pub struct ImportJobs {
    batch: Mutex<Option<CancelToken>>,
    pasted: Mutex<Vec<CancelToken>>,
}

impl ImportJobs {
    /// A cancel flag for one pasted import, until [`ImportJobs::pasted_done`].
    pub fn pasted(&self) -> CancelToken {
        let token = CancelToken::default();
        self.pasted.lock().unwrap_or_else(std::sync::PoisonError::into_inner).push(token.clone());
        token
    }

    /// Forget a finished pasted import.
    pub fn pasted_done(&self, token: &CancelToken) {
        self.pasted.lock().unwrap_or_else(std::sync::PoisonError::into_inner).retain(|t| !t.is_same(token));
    }
}

/// Mark a batch as running and return its cancel token, unless one already runs.
fn begin(app: &AppHandle) -> Result<CancelToken, ErrorPayload> {
    let jobs = app.state::<ImportJobs>();
    let mut running = jobs.batch.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
    if running.is_some() {
        return Err(ErrorPayload {
            kind: ErrorKind::InvalidInput,
            message: "An import is already running; wait for it or cancel it first.".into(),
        });
    }
    let cancel = CancelToken::default();
    *running = Some(cancel.clone());
    Ok(cancel)
}

/// Download the articles saved as links only (from another app's export), in the
/// background, with the same progress card and report as a batch of files. Returns how
/// many links there are (0: nothing started).
pub fn download_links(app: &AppHandle) -> Result<u32, ErrorPayload> {
    let library = app.state::<LibraryState>().handle()?;
    let links = library.lock().unwrap_or_else(std::sync::PoisonError::into_inner).links_to_download().map_err(ErrorPayload::from)?;
    if links.is_empty() {
        return Ok(0);
    }
    let cancel = begin(app)?;
    let count = links.len() as u32;
    let app = app.clone();
    std::thread::spawn(move || {
        let running = RunningImport(app.clone());
        log::info!("downloading {} saved link(s)", links.len());
        let report = lectern_core::interop::download::download_links(
            &links,
            &cancel,
            |link, page| library.lock().unwrap_or_else(std::sync::PoisonError::into_inner).settle_download(link, page),
            |progress| {
                let _ = ImportProgress(progress.clone()).emit(&app);
            },
        );
        log::info!("links downloaded: {} saved, {} failed", report.added, report.failures.len());
        drop(running);
        let _ = ImportFinished(report).emit(&app);
    });
    Ok(count)
}

pub fn start(app: &AppHandle, selection: Vec<PathBuf>) -> Result<(), ErrorPayload> {
    let library = app.state::<LibraryState>().handle()?;
    let cancel = begin(app)?;
    let fetch_remote_images = crate::commands::settings::current(app).fetch_remote_images;
    let app = app.clone();
    std::thread::spawn(move || {
        // Cleared however this thread ends (even by a panic), so the next import can start.
        let running = RunningImport(app.clone());
        let files = batch::collect_files(&selection);
        log::info!("importing {} file(s)", files.len());
        let report = batch::import_files_with(
            &files,
            &cancel,
            fetch_remote_images,
            |article| library.lock().unwrap_or_else(std::sync::PoisonError::into_inner).save_article(article),
            |progress| {
                let _ = ImportProgress(progress.clone()).emit(&app);
            },
        );
        log::info!(
            "import finished: {} added, {} already saved, {} failed{}",
            report.added,
            report.already_saved,
            report.failures.len(),
            if report.cancelled { ", cancelled" } else { "" }
        );
        drop(running);
        let _ = ImportFinished(report).emit(&app);
    });
    Ok(())
}

/// Marks the import as running while it lives; dropping it (at the end of the job, or
/// while a panic unwinds) clears the mark.
struct RunningImport(AppHandle);

impl Drop for RunningImport {
    fn drop(&mut self) {
        *self.0.state::<ImportJobs>().batch.lock().unwrap_or_else(std::sync::PoisonError::into_inner) = None;
        if std::thread::panicking() {
            log::error!("the import stopped on an internal error");
            let report = BatchReport {
                failures: vec![batch::ImportFailure {
                    file: String::new(),
                    message: "The import stopped on an internal error; what it had saved is kept. The log has the details.".into(),
                }],
                ..BatchReport::default()
            };
            let _ = ImportFinished(report).emit(&self.0);
        }
    }
}

/// Cancel the running batch and every pasted import being fetched.
pub fn cancel(app: &AppHandle) {
    let jobs = app.state::<ImportJobs>();
    if let Some(flag) = jobs.batch.lock().unwrap_or_else(std::sync::PoisonError::into_inner).as_ref() {
        flag.cancel();
    }
    for flag in jobs.pasted.lock().unwrap_or_else(std::sync::PoisonError::into_inner).iter() {
        flag.cancel();
    }
}

/// Files dropped on the window are imported like files chosen in the dialog.
pub fn on_drag_drop(app: &AppHandle, event: &DragDropEvent) {
    match event {
        DragDropEvent::Enter { .. } => {
            let _ = DropHover(true).emit(app);
        }
        DragDropEvent::Leave => {
            let _ = DropHover(false).emit(app);
        }
        DragDropEvent::Drop { paths, .. } => {
            let _ = DropHover(false).emit(app);
            if let Err(error) = start(app, paths.clone()) {
                log::warn!("dropped files not imported: {}", error.message);
                let report = BatchReport {
                    failures: vec![batch::ImportFailure { file: String::new(), message: error.message }],
                    ..BatchReport::default()
                };
                let _ = ImportFinished(report).emit(app);
            }
        }
        _ => {}
    }
}
