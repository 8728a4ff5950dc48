//! Changes other programs make to the library (the browser extension's native host,
//! lectern-cli) reach the open app within a second. SQLite's `data_version` moves only
//! when another connection commits, so polling it twice a second costs next to nothing
//! and needs no file watcher; the UI then refreshes what it shows.

use std::sync::Arc;
use std::time::Duration;

use serde::{Deserialize, Serialize};
use tauri::{AppHandle, Manager};
use tauri_specta::Event;

use crate::state::LibraryState;

/// Another program changed the library (the new data version).
#[derive(Debug, Clone, Serialize, Deserialize, specta::Type, Event)]
pub struct LibraryChanged(pub i64);

const POLL: Duration = Duration::from_millis(500);

/// Watch the open library for the app's lifetime.
pub fn watch(app: AppHandle) {
    std::thread::spawn(move || {
        // Which library (after a restore it is another one) and its version when last seen.
        let mut seen: Option<(usize, i64)> = None;
        loop {
            std::thread::sleep(POLL);
            let Ok(library) = app.state::<LibraryState>().handle() else {
                seen = None;
                continue;
            };
            // Busy with the app's own work: look again next time rather than wait.
            let Ok(guard) = library.try_lock() else { continue };
            let Ok(version) = guard.data_version() else { continue };
            drop(guard);
            let identity = Arc::as_ptr(&library) as usize;
            if matches!(seen, Some((same, before)) if same == identity && before != version) {
                log::info!("the library was changed by another program; refreshing");
                let _ = LibraryChanged(version).emit(&app);
            }
            seen = Some((identity, version));
        }
    });
}
