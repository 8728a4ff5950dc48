//! Background imports of many files: one at a time, off the IPC thread, reporting
//! progress as typed events, cancellable between files. Started from the file dialog or
//! by dropping files and folders on the window.

use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};

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

/// The cancel flag of the running import, if one runs.
#[derive(Default)]
pub struct ImportJobs(Mutex<Option<Arc<AtomicBool>>>);

pub fn start(app: &AppHandle, selection: Vec<PathBuf>) -> Result<(), ErrorPayload> {
    let jobs = app.state::<ImportJobs>();
    let mut running = jobs.0.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
    if running.is_some() {
        return Err(ErrorPayload {
            kind: ErrorKind::InvalidInput,
            message: "An import is already running; wait for it or cancel it first.".into(),
        });
    }
    let library = app.state::<LibraryState>().handle()?;
    let cancel = Arc::new(AtomicBool::new(false));
    *running = Some(Arc::clone(&cancel));
    let app = app.clone();
    std::thread::spawn(move || {
        let files = batch::collect_files(&selection);
        log::info!("importing {} file(s)", files.len());
        let report = batch::import_files(
            &files,
            &cancel,
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
        *app.state::<ImportJobs>().0.lock().unwrap_or_else(std::sync::PoisonError::into_inner) = None;
        let _ = ImportFinished(report).emit(&app);
    });
    Ok(())
}

pub fn cancel(app: &AppHandle) {
    if let Some(flag) = app.state::<ImportJobs>().0.lock().unwrap_or_else(std::sync::PoisonError::into_inner).as_ref() {
        flag.store(true, Ordering::Relaxed);
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
