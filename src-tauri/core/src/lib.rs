//! lectern-core: the domain of Lectern, a local-first reading library.
//!
//! Everything here runs without Tauri, a webview or a display, so it is tested with
//! `cargo test -p lectern-core` on real SQLite files. The shell (`src-tauri/src`) and
//! `lectern-cli` are thin adapters over this crate.
//!
//! Every public item is documented (`missing_docs` is an error): the next engineer
//! reads the domain here, and the docs of types crossing to the UI become the comments
//! of `ui/src/bindings.ts`.

#![deny(missing_docs)]

pub mod annotate;
pub mod bench;
pub mod capture;
pub mod error;
pub mod import;
pub mod interop;
pub mod library;
pub mod links;
pub mod paths;
pub mod search;
pub mod seeds;
pub mod settings;
pub mod sql;
pub mod synthetic;
pub mod text;

pub use error::{Error, ErrorKind, ErrorPayload, Result};
pub use library::{Article, ArticleSummary, Library, SaveOutcome};
