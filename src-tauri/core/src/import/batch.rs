//! Many files at once (a selection, a dropped folder): each file is read, extracted
//! and saved on its own, so one bad file never stops the rest, a cancel stops between
//! files, and a crash loses nothing that was already saved.

use std::collections::{BTreeMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, mpsc};

use serde::{Deserialize, Serialize};

use super::web::{FetchLimits, SharedImages};
use super::{Budget, CancelToken, ImportOptions, ImportedArticle, import_file_with};
use crate::error::{Result, catch_panic};
use crate::library::SaveOutcome;

/// File extensions picked up when walking a folder.
pub const SUPPORTED_EXTENSIONS: &[&str] = &["html", "htm", "xhtml", "md", "markdown", "txt", "epub"];

/// How far a batch has got.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct BatchProgress {
    /// Files finished.
    pub done: u32,
    /// Files in the batch.
    pub total: u32,
    /// The file being read now.
    pub current: Option<String>,
    /// Articles added so far.
    pub added: u32,
    /// Files the library already had.
    pub already_saved: u32,
    /// Files that could not be imported.
    pub failed: u32,
}

/// A file that could not be imported, and why.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct ImportFailure {
    /// The file's name.
    pub file: String,
    /// Why, for the user.
    pub message: String,
}

/// What a batch did, for the summary the user sees.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct BatchReport {
    /// Articles added.
    pub added: u32,
    /// Files the library already had.
    pub already_saved: u32,
    /// Files that could not be imported, each with why.
    pub failures: Vec<ImportFailure>,
    /// The user stopped the batch; what was added before stays.
    pub cancelled: bool,
    /// The first article added, to open it when only one was imported.
    pub first_added: Option<i64>,
}

/// The files a selection stands for: files as given, folders walked (hidden entries and
/// unsupported kinds skipped), in a stable order. Each folder is walked once, however
/// many links lead to it, so a symlink loop ends.
pub fn collect_files(selection: &[PathBuf]) -> Vec<PathBuf> {
    let mut files = Vec::new();
    let mut seen = HashSet::new();
    for path in selection {
        if path.is_dir() {
            walk(path, &mut files, &mut seen);
        } else {
            files.push(path.clone());
        }
    }
    files
}

fn walk(dir: &Path, files: &mut Vec<PathBuf>, seen: &mut HashSet<PathBuf>) {
    let Ok(real) = dir.canonicalize() else {
        log::warn!("could not resolve folder {}", dir.display());
        return;
    };
    if !seen.insert(real) {
        log::info!("{} was already walked (a link back to a folder); skipped", dir.display());
        return;
    }
    let Ok(entries) = std::fs::read_dir(dir) else {
        log::warn!("could not read folder {}", dir.display());
        return;
    };
    let mut entries: Vec<PathBuf> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| !p.file_name().is_some_and(|n| n.to_string_lossy().starts_with('.')))
        .collect();
    entries.sort();
    for entry in entries {
        if entry.is_dir() {
            walk(&entry, files, seen);
        } else if is_supported(&entry) {
            files.push(entry);
        }
    }
}

fn is_supported(path: &Path) -> bool {
    path.extension().map(|e| e.to_string_lossy().to_ascii_lowercase()).is_some_and(|e| SUPPORTED_EXTENSIONS.contains(&e.as_str()))
}

/// Import `files` one by one. `save` stores one article (in its own transaction);
/// `progress` hears about every step; `cancel` stops the file being read and the rest.
/// A file that trips a bug in Lectern (a panic) is reported as failed; the batch goes on.
pub fn import_files(
    files: &[PathBuf],
    cancel: &CancelToken,
    mut save: impl FnMut(&ImportedArticle) -> Result<SaveOutcome>,
    progress: impl FnMut(&BatchProgress),
) -> BatchReport {
    import_files_with(files, cancel, false, &mut save, progress)
}

/// [`import_files`], fetching the remote images the files name when `fetch_remote_images`.
/// Files are read and extracted on every core at once (extraction is most of an
/// import); articles are saved here, one writer, in the order of `files`, so the report
/// and a cancel mean the same as in a one-by-one import.
pub fn import_files_with(
    files: &[PathBuf],
    cancel: &CancelToken,
    fetch_remote_images: bool,
    mut save: impl FnMut(&ImportedArticle) -> Result<SaveOutcome>,
    mut progress: impl FnMut(&BatchProgress),
) -> BatchReport {
    let mut report = BatchReport::default();
    let mut state = BatchProgress { total: u32::try_from(files.len()).unwrap_or(u32::MAX), ..BatchProgress::default() };
    let (saved, next) = (AtomicUsize::new(0), AtomicUsize::new(0));
    let (sender, receiver) = mpsc::sync_channel::<(usize, Result<ImportedArticle>)>(AHEAD);
    // One client and one fetch per image address for the whole batch. If no client can
    // be made, each file tries its own (and says why it could not).
    let images = ImageAccess { allowed: fetch_remote_images, shared: shared_images(fetch_remote_images) };
    std::thread::scope(|scope| {
        for _ in 0..workers(files.len()) {
            let (sender, next, saved, images) = (sender.clone(), &next, &saved, &images);
            scope.spawn(move || extract_files(files, cancel, images, next, saved, &sender));
        }
        drop(sender);
        let mut ready = BTreeMap::new();
        'batch: while let Ok((index, imported)) = receiver.recv() {
            ready.insert(index, imported);
            while let Some(imported) = ready.remove(&(state.done as usize)) {
                if cancel.is_cancelled() {
                    break 'batch;
                }
                let file = &files[state.done as usize];
                let name = file.file_name().map_or_else(|| file.display().to_string(), |n| n.to_string_lossy().into_owned());
                state.current = Some(name.clone());
                progress(&state);
                record(imported.and_then(|article| save(&article)), file, name, &mut state, &mut report);
                state.done += 1;
                saved.store(state.done as usize, Ordering::Release);
            }
        }
        report.cancelled = cancel.is_cancelled() && (state.done as usize) < files.len();
        // Workers waiting to hand over a result see the channel closed and stop.
        drop(receiver);
    });
    state.current = None;
    progress(&state);
    report.added = state.added;
    report.already_saved = state.already_saved;
    report
}

/// Whether a batch's files may fetch their remote images, and the client they share.
struct ImageAccess {
    allowed: bool,
    shared: Option<Arc<SharedImages>>,
}

fn shared_images(allowed: bool) -> Option<Arc<SharedImages>> {
    if !allowed {
        return None;
    }
    SharedImages::new(FetchLimits::default()).map(Arc::new).map_err(|error| log::warn!("each file fetches its own images: {error}")).ok()
}

/// How many files may be read ahead of the one being saved (bounds the memory held).
const AHEAD: usize = 8;

fn workers(files: usize) -> usize {
    std::thread::available_parallelism().map_or(1, |n| n.get()).min(files).max(1)
}

/// One worker: take the next file, read and extract it, hand it over; until none are
/// left, the batch is cancelled or the saver stops listening.
fn extract_files(
    files: &[PathBuf],
    cancel: &CancelToken,
    images: &ImageAccess,
    next: &AtomicUsize,
    saved: &AtomicUsize,
    sender: &mpsc::SyncSender<(usize, Result<ImportedArticle>)>,
) {
    loop {
        let index = next.fetch_add(1, Ordering::Relaxed);
        if index >= files.len() || cancel.is_cancelled() {
            return;
        }
        // Never more than AHEAD files ahead of the saver, so a slow file does not make
        // the others pile up in memory.
        while index >= saved.load(Ordering::Acquire) + AHEAD && !cancel.is_cancelled() {
            std::thread::sleep(std::time::Duration::from_millis(5));
        }
        let options = ImportOptions {
            fetch_remote_images: images.allowed,
            shared_images: images.shared.clone(),
            budget: Budget::with_cancel(cancel.clone()),
            ..ImportOptions::default()
        };
        let imported = catch_panic("import a file", || import_file_with(&files[index], &options));
        if sender.send((index, imported)).is_err() {
            return;
        }
    }
}

fn record(saved: Result<SaveOutcome>, file: &Path, name: String, state: &mut BatchProgress, report: &mut BatchReport) {
    match saved {
        Ok(SaveOutcome::Added { id }) => {
            state.added += 1;
            report.first_added.get_or_insert(id);
        }
        // Already there; when its text had changed it was refreshed in place.
        Ok(SaveOutcome::AlreadySaved { .. } | SaveOutcome::Updated { .. }) => state.already_saved += 1,
        Err(error) => {
            log::warn!("import of {} failed: {error}", file.display());
            state.failed += 1;
            report.failures.push(ImportFailure { file: name, message: error.to_string() });
        }
    }
}
