//! The library as app state, and the one way commands use it: off the IPC thread.

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use lectern_core::{ErrorPayload, Library, seeds};

pub struct LibraryState {
    pub path: PathBuf,
    /// The open library, or why it could not be opened (shown to the user, never hidden).
    library: Result<Arc<Mutex<Library>>, ErrorPayload>,
}

impl LibraryState {
    /// Open the library and offer it the seed articles it has never had.
    pub fn open(path: &Path) -> LibraryState {
        let library = Library::open(path).and_then(|mut library| {
            let added = library.import_seeds(seeds::BUNDLED)?;
            if added > 0 {
                log::info!("imported {added} seed article(s) into a new library");
            }
            Ok(library)
        });
        if let Err(error) = &library {
            log::error!("could not open the library at {}: {error}", path.display());
        }
        LibraryState { path: path.to_path_buf(), library: library.map(|l| Arc::new(Mutex::new(l))).map_err(ErrorPayload::from) }
    }

    /// The shared library, for long jobs that lock it per step (batch imports).
    pub fn handle(&self) -> Result<Arc<Mutex<Library>>, ErrorPayload> {
        self.library.as_ref().map(Arc::clone).map_err(Clone::clone)
    }

    pub fn open_error(&self) -> Option<ErrorPayload> {
        self.library.as_ref().err().cloned()
    }

    /// Run `job` on the library in a blocking-task thread, so the IPC thread and the UI
    /// never wait on SQLite. Errors are logged here, once, and returned as `{kind, message}`.
    pub async fn run<T, F>(&self, what: &'static str, job: F) -> Result<T, ErrorPayload>
    where
        T: Send + 'static,
        F: FnOnce(&mut Library) -> lectern_core::Result<T> + Send + 'static,
    {
        let library = self.handle()?;
        off_thread(what, move || {
            let mut guard = library.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
            job(&mut guard)
        })
        .await
    }
}

/// Run slow work that does not need the library (fetching, extracting) in a
/// blocking-task thread, with the same error handling as [`LibraryState::run`].
/// A panic in `job` is caught here, logged, and reported as an internal error: it
/// never reaches the user as a wrong kind, and the app keeps running.
pub async fn off_thread<T, F>(what: &'static str, job: F) -> Result<T, ErrorPayload>
where
    T: Send + 'static,
    F: FnOnce() -> lectern_core::Result<T> + Send + 'static,
{
    let outcome = tauri::async_runtime::spawn_blocking(move || lectern_core::error::catch_panic(what, job)).await;
    let result = outcome.unwrap_or_else(|join_error| {
        log::error!("{what} did not finish: {join_error}");
        Err(lectern_core::Error::Internal(what.to_string()))
    });
    result.map_err(|error| {
        log::error!("{what} failed: {error}");
        ErrorPayload::from(error)
    })
}
