//! One error type for the core, and the `{kind, message}` shape the UI receives.

use serde::Serialize;

pub type Result<T, E = Error> = std::result::Result<T, E>;

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("{0} was not found")]
    NotFound(String),

    #[error("{0}")]
    InvalidInput(String),

    #[error(
        "This library was written by a newer version of Lectern (schema version {found}; \
         this version understands up to {supported}). Update Lectern to open it. \
         The file was left untouched."
    )]
    NewerSchema { found: i64, supported: i64 },

    #[error("The library file at {path} is damaged or is not a Lectern library ({detail}). It was left untouched.")]
    Corrupt { path: String, detail: String },

    #[error("Could not read this article: {0}")]
    Unreadable(String),

    #[error("{0}")]
    Network(String),

    #[error("Database error: {0}")]
    Database(#[from] rusqlite::Error),

    #[error("Could not update the library schema: {0}")]
    Migration(#[from] rusqlite_migration::Error),

    #[error("File error: {0}")]
    Io(#[from] std::io::Error),
}

/// What kind of failure this is, so the UI can choose how to present it
/// without parsing messages.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub enum ErrorKind {
    NotFound,
    InvalidInput,
    NewerSchema,
    Corrupt,
    Unreadable,
    Network,
    Database,
    Io,
}

impl Error {
    pub fn kind(&self) -> ErrorKind {
        match self {
            Error::NotFound(_) => ErrorKind::NotFound,
            Error::InvalidInput(_) => ErrorKind::InvalidInput,
            Error::NewerSchema { .. } => ErrorKind::NewerSchema,
            Error::Corrupt { .. } => ErrorKind::Corrupt,
            Error::Unreadable(_) => ErrorKind::Unreadable,
            Error::Network(_) => ErrorKind::Network,
            Error::Database(_) | Error::Migration(_) => ErrorKind::Database,
            Error::Io(_) => ErrorKind::Io,
        }
    }
}

/// The error as it crosses the bridge: a kind to branch on and a sentence to show.
#[derive(Debug, Clone, Serialize, specta::Type)]
pub struct ErrorPayload {
    pub kind: ErrorKind,
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
