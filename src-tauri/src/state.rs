//! The library as app state, and the one way commands use it: off the IPC thread.

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, PoisonError};

use lectern_core::{ErrorPayload, Library, seeds};

type Opened = Result<Arc<Mutex<Library>>, ErrorPayload>;

pub struct LibraryState {
    pub path: PathBuf,
    /// The open library, or why it could not be opened (shown to the user, never hidden).
    /// Replaced by a way out the user chose (`commands::recovery`), or closed when a
    /// command finds the file damaged.
    library: Mutex<Opened>,
}

impl LibraryState {
    /// Open the library and offer it the seed articles it has never had.
    pub fn open(path: &Path) -> LibraryState {
        let opened = open_with_seeds(path).map(|l| Arc::new(Mutex::new(l)));
        LibraryState { path: path.to_path_buf(), library: Mutex::new(opened) }
    }

    /// The shared library, for long jobs that lock it per step (batch imports).
    pub fn handle(&self) -> Result<Arc<Mutex<Library>>, ErrorPayload> {
        self.library.lock().unwrap_or_else(PoisonError::into_inner).as_ref().map(Arc::clone).map_err(Clone::clone)
    }

    pub fn open_error(&self) -> Option<ErrorPayload> {
        self.library.lock().unwrap_or_else(PoisonError::into_inner).as_ref().err().cloned()
    }

    /// Whether the library was opened read-only (a way out for a file that cannot be written).
    pub fn read_only(&self) -> bool {
        self.handle().is_ok_and(|library| library.lock().unwrap_or_else(PoisonError::into_inner).is_read_only())
    }

    /// Put `opened` in place of whatever was there (the old library closes when the last
    /// job holding it ends).
    pub fn replace(&self, opened: Result<Library, ErrorPayload>) -> Result<(), ErrorPayload> {
        let result = opened.as_ref().map(|_| ()).map_err(Clone::clone);
        *self.library.lock().unwrap_or_else(PoisonError::into_inner) = opened.map(|l| Arc::new(Mutex::new(l)));
        result
    }

    /// Run `job` on the library in a blocking-task thread, so the IPC thread and the UI
    /// never wait on SQLite. Errors are logged here, once, and returned as `{kind, message}`.
    pub async fn run<T, F>(&self, what: &'static str, job: F) -> Result<T, ErrorPayload>
    where
        T: Send + 'static,
        F: FnOnce(&mut Library) -> lectern_core::Result<T> + Send + 'static,
    {
        let library = self.handle()?;
        let result = off_thread(what, move || {
            let mut guard = library.lock().unwrap_or_else(PoisonError::into_inner);
            job(&mut guard)
        })
        .await;
        self.close_if_damaged(&result);
        result
    }

    /// A damaged page found in use closes the library: the UI then shows the ways out
    /// (rescue, start anew) instead of failing one command after another.
    fn close_if_damaged<T>(&self, result: &Result<T, ErrorPayload>) {
        if let Err(error) = result
            && error.kind == lectern_core::ErrorKind::Corrupt
        {
            log::error!("the library is damaged; closing it until the user chooses a way out");
            let _ = self.replace(Err(error.clone()));
        }
    }
}

/// While the app runs, keep a backup of the library no older than a day (in `backups/`
/// beside it, the newest few kept). The first check waits a minute, so starting stays quick.
pub fn keep_daily_backups(app: tauri::AppHandle) {
    use tauri::Manager;
    const FIRST_CHECK: std::time::Duration = std::time::Duration::from_secs(60);
    const CHECK_EVERY: std::time::Duration = std::time::Duration::from_secs(60 * 60);
    std::thread::spawn(move || {
        std::thread::sleep(FIRST_CHECK);
        loop {
            if let Ok(library) = app.state::<LibraryState>().handle() {
                let library = library.lock().unwrap_or_else(PoisonError::into_inner);
                match library.backup_if_due(lectern_core::library::backup::DAILY) {
                    Ok(Some(path)) => log::info!("daily backup written to {}", path.display()),
                    Ok(None) => {}
                    Err(error) => log::warn!("the daily backup failed: {error}"),
                }
            }
            std::thread::sleep(CHECK_EVERY);
        }
    });
}

/// Open the library at `path` and add the seed articles it has never had; errors are
/// logged and kept for the UI.
pub fn open_with_seeds(path: &Path) -> Result<Library, ErrorPayload> {
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
    library.map_err(ErrorPayload::from)
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
