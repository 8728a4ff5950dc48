//! Where Lectern keeps its files. The app (through Tauri's path resolver) and
//! lectern-cli must agree, so both derive them from the bundle identifier here.

use std::path::PathBuf;

/// Must equal `identifier` in src-tauri/tauri.conf.json (a shell test checks it).
pub const APP_IDENTIFIER: &str = "app.lectern.reader";

/// File name of the library database inside the app data directory.
pub const LIBRARY_FILE_NAME: &str = "library.sqlite3";

/// The user's home folder (browsers keep their per-user settings below it).
pub fn home_dir() -> Option<PathBuf> {
    dirs::home_dir()
}

/// The app data directory Tauri uses on this platform (`$XDG_DATA_HOME/<identifier>` on Linux).
pub fn default_data_dir() -> Option<PathBuf> {
    dirs::data_dir().map(|dir| dir.join(APP_IDENTIFIER))
}

/// The library the app opens by default.
pub fn default_library_path() -> Option<PathBuf> {
    default_data_dir().map(|dir| dir.join(LIBRARY_FILE_NAME))
}
