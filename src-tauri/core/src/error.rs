//! One error type for the core, and the `{kind, message}` shape the UI receives.

use serde::Serialize;

/// The core's result: its own `Error` unless said otherwise.
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// Everything that can go wrong in the core. Each message is written for the user (it
/// reaches the UI as is); `kind` says how to present it.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// An article, highlight, bookmark or tag that is not (or no longer) in the library;
    /// the text names what.
    #[error("{0} was not found")]
    NotFound(String),

    /// Input Lectern cannot use (a bad address, an empty note target, a broken export);
    /// the text says what is wrong with it.
    #[error("{0}")]
    InvalidInput(String),

    #[error(
        "This library was written by a newer version of Lectern (schema version {found}; \
         this version understands up to {supported}). Update Lectern to open it. \
         The file was left untouched."
    )]
    /// The library was written by a newer Lectern: refused before anything is changed.
    NewerSchema {
        /// The schema version the file has.
        found: i64,
        /// The newest this build understands.
        supported: i64,
    },

    /// The file could not be opened as a library at all.
    #[error("The library file at {path} is damaged or is not a Lectern library ({detail}). It was left untouched.")]
    Corrupt {
        /// The library file.
        path: String,
        /// What SQLite said.
        detail: String,
    },

    /// A damaged page found while the library was in use (opening it only reads the first).
    #[error(
        "Part of the library file is damaged ({0}). Nothing was changed. Lectern can set the file aside and \
         rescue what can still be read into a new library."
    )]
    Damaged(String),

    /// A file or page that is not a readable article (binary, empty, too large, unparsable).
    #[error("Could not read this article: {0}")]
    Unreadable(String),

    /// A page could not be fetched (unreachable, refused, timed out); the text says why.
    #[error("{0}")]
    Network(String),

    /// The user cancelled the import; nothing of it was saved.
    #[error("The import was cancelled; nothing of it was saved.")]
    Cancelled,

    /// Any other SQLite failure.
    #[error("Database error: {0}")]
    Database(rusqlite::Error),

    /// Another connection (a second Lectern, lectern-cli, the browser's native host)
    /// held the write lock longer than the busy timeout.
    #[error(
        "The library is busy: another program (another Lectern window, lectern-cli or the browser \
         extension) is writing to it. Nothing was changed; try again in a moment."
    )]
    Busy,

    /// The disk is full or the library cannot be written (read-only disk or file).
    #[error("{0}")]
    Storage(String),

    /// A bug in Lectern (a panic caught at a boundary), never the user's input.
    #[error("Lectern hit an internal error while trying to {0}. Nothing in the library was changed; the log has the details.")]
    Internal(String),

    /// A schema update failed (and was rolled back).
    #[error("Could not update the library schema: {0}")]
    Migration(#[from] rusqlite_migration::Error),

    /// A file could not be read or written.
    #[error("File error: {0}")]
    Io(#[from] std::io::Error),
}

/// What kind of failure this is, so the UI can choose how to present it
/// without parsing messages.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub enum ErrorKind {
    /// What was asked for is not in the library.
    NotFound,
    /// The input cannot be used as given.
    InvalidInput,
    /// The library is from a newer Lectern.
    NewerSchema,
    /// The library file is damaged or not a library: the UI offers the ways out.
    Corrupt,
    /// Not a readable article.
    Unreadable,
    /// The page could not be fetched; trying again later may work.
    Network,
    /// The user stopped it.
    Cancelled,
    /// Any other SQLite failure.
    Database,
    /// The library is locked by another writer; retrying later works.
    Busy,
    /// The disk is full or read-only.
    Storage,
    /// A file could not be read or written.
    Io,
    /// A bug in Lectern, caught before it could take the app down.
    Internal,
}

impl Error {
    /// Which kind of failure this is, for the UI and the CLI's exit code.
    pub fn kind(&self) -> ErrorKind {
        match self {
            Error::NotFound(_) => ErrorKind::NotFound,
            Error::InvalidInput(_) => ErrorKind::InvalidInput,
            Error::NewerSchema { .. } => ErrorKind::NewerSchema,
            Error::Corrupt { .. } | Error::Damaged(_) => ErrorKind::Corrupt,
            Error::Unreadable(_) => ErrorKind::Unreadable,
            Error::Network(_) => ErrorKind::Network,
            Error::Cancelled => ErrorKind::Cancelled,
            Error::Database(_) | Error::Migration(_) => ErrorKind::Database,
            Error::Busy => ErrorKind::Busy,
            Error::Storage(_) => ErrorKind::Storage,
            // A file that is not there is a wrong name, not a failing disk.
            Error::Io(e) if e.kind() == std::io::ErrorKind::NotFound => ErrorKind::NotFound,
            Error::Io(_) => ErrorKind::Io,
            Error::Internal(_) => ErrorKind::Internal,
        }
    }
}

impl From<rusqlite::Error> for Error {
    /// SQLite's codes that a user can act on become their own errors; the rest stay
    /// database errors.
    fn from(error: rusqlite::Error) -> Self {
        use rusqlite::ErrorCode;
        match error.sqlite_error_code() {
            Some(ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked) => Error::Busy,
            Some(ErrorCode::DatabaseCorrupt | ErrorCode::NotADatabase) => Error::Damaged(error.to_string()),
            Some(ErrorCode::DiskFull) => {
                Error::Storage("The disk that holds the library is full. Nothing was changed; free some space and try again.".into())
            }
            Some(ErrorCode::ReadOnly | ErrorCode::CannotOpen | ErrorCode::PermissionDenied) => Error::Storage(format!(
                "Lectern cannot write to the library ({error}). Check that its disk is mounted writable and that the \
                 file belongs to you. Nothing was changed."
            )),
            // Lectern writes only valid UTF-8: text that does not decode was damaged on disk.
            _ if matches!(error, rusqlite::Error::Utf8Error(..) | rusqlite::Error::FromSqlConversionFailure(..)) => {
                Error::Damaged(error.to_string())
            }
            _ => Error::Database(error),
        }
    }
}

/// Run `job`, turning a panic inside it into [`Error::Internal`] (logged with what was
/// being done), so a bug in one import or query never takes the app or a batch down.
pub fn catch_panic<T>(what: &str, job: impl FnOnce() -> Result<T>) -> Result<T> {
    match std::panic::catch_unwind(std::panic::AssertUnwindSafe(job)) {
        Ok(result) => result,
        Err(panic) => {
            let detail = panic
                .downcast_ref::<&str>()
                .map(|s| (*s).to_string())
                .or_else(|| panic.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "unknown panic".into());
            log::error!("internal error while trying to {what}: {detail}");
            Err(Error::Internal(what.to_string()))
        }
    }
}

/// The error as it crosses the bridge: a kind to branch on and a sentence to show.
#[derive(Debug, Clone, Serialize, specta::Type)]
pub struct ErrorPayload {
    /// What kind of failure it is.
    pub kind: ErrorKind,
    /// The message to show, written for the user.
    pub message: String,
}

impl From<&Error> for ErrorPayload {
    fn from(error: &Error) -> Self {
        ErrorPayload { kind: error.kind(), message: error.to_string() }
    }
}

impl From<Error> for ErrorPayload {
    fn from(error: Error) -> Self {
        ErrorPayload::from(&error)
    }
}
