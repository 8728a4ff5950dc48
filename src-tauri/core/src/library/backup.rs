//! Backups: the whole library in one SQLite file (articles carry their images), made
//! with `VACUUM INTO` so it is consistent even while the app writes; restoring opens a
//! backup as a library of its own. Before a schema migration the library keeps a
//! rolling backup of itself beside it, so an update can always be undone.

use std::path::{Path, PathBuf};

use super::Library;
use crate::error::{Error, Result};

/// Rolling backups kept in `backups/` beside the library (the oldest go first).
pub const KEPT_BACKUPS: usize = 5;

impl Library {
    /// Write a consistent copy of the whole library to `destination`, which must not exist.
    /// The copy is written beside it and renamed into place, so a half-written backup never
    /// carries the final name.
    pub fn backup_to(&self, destination: &Path) -> Result<()> {
        if destination.exists() {
            return Err(Error::InvalidInput(format!("{} already exists; choose a new name for the backup.", destination.display())));
        }
        let partial = destination.with_extension("partial");
        let _ = std::fs::remove_file(&partial);
        self.conn.execute("VACUUM INTO ?1", [partial.to_string_lossy()])?;
        std::fs::rename(&partial, destination)?;
        log::info!("backed up the library to {}", destination.display());
        Ok(())
    }
}

/// How old the newest rolling backup may get while the app runs before another is made.
pub const DAILY: std::time::Duration = std::time::Duration::from_secs(24 * 60 * 60);

impl Library {
    /// A rolling backup, unless one newer than `interval` exists. Returns where it was
    /// written, if it was (the app calls this now and then while it runs).
    pub fn backup_if_due(&self, interval: std::time::Duration) -> Result<Option<PathBuf>> {
        let dir = backups_dir(self.path());
        let newest =
            std::fs::read_dir(&dir).map(|entries| entries.filter_map(|e| e.ok()?.metadata().ok()?.modified().ok()).max()).unwrap_or(None);
        if newest.is_some_and(|time| time.elapsed().is_ok_and(|age| age < interval)) {
            return Ok(None);
        }
        rolling_backup(self, "daily").map(Some)
    }
}

/// Today's date as `YYYY-MM-DD` (UTC), for backup file names.
pub fn today() -> String {
    time::OffsetDateTime::now_utc().format(time::macros::format_description!("[year]-[month]-[day]")).unwrap_or_default()
}

/// Where the rolling backups of the library at `library` live.
pub fn backups_dir(library: &Path) -> PathBuf {
    library.with_file_name("backups")
}

/// A rolling backup of `library` named after `reason` (e.g. "before-schema-4"), keeping
/// the newest [`KEPT_BACKUPS`]. Returns where it was written.
pub(crate) fn rolling_backup(library: &Library, reason: &str) -> Result<PathBuf> {
    let dir = backups_dir(library.path());
    std::fs::create_dir_all(&dir)?;
    let stamp = time::OffsetDateTime::now_utc()
        .format(time::macros::format_description!("[year][month][day]-[hour][minute][second]-[subsecond digits:3]"))
        .unwrap_or_default();
    let destination = dir.join(format!("library-{stamp}-{reason}.sqlite3"));
    library.backup_to(&destination)?;
    prune(&dir)?;
    Ok(destination)
}

/// Keep the newest backups, and drop what a crash in the middle of one left behind.
fn prune(dir: &Path) -> Result<()> {
    let files: Vec<PathBuf> = std::fs::read_dir(dir)?.filter_map(|e| e.ok().map(|e| e.path())).collect();
    for partial in files.iter().filter(|p| p.extension().is_some_and(|e| e == "partial")) {
        std::fs::remove_file(partial)?;
    }
    let mut backups: Vec<&PathBuf> = files
        .iter()
        .filter(|p| p.file_name().and_then(|n| n.to_str()).is_some_and(|n| n.starts_with("library-") && n.ends_with(".sqlite3")))
        .collect();
    backups.sort();
    let excess = backups.len().saturating_sub(KEPT_BACKUPS);
    for old in &backups[..excess] {
        std::fs::remove_file(old)?;
    }
    Ok(())
}
