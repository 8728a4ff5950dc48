//! Ways out when the library cannot be opened normally, none of which destroys anything:
//! open it read-only, set a damaged file aside and start a new library, and rescue every
//! row that can still be read from the damaged file into the new one.

use std::path::{Path, PathBuf};

use rusqlite::{Connection, OpenFlags};
use serde::Serialize;

use super::{Library, schema};
use crate::error::{Error, Result};

/// Tables copied by a rescue, parents before children so foreign keys find their rows.
/// The search indexes are rebuilt by the triggers on `articles` and `highlights`.
const RESCUED_TABLES: [&str; 7] = ["articles", "tags", "article_tags", "highlights", "bookmarks", "seed_imports", "article_versions"];

/// What a rescue brought over from a damaged library.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct RescueReport {
    /// Articles rescued.
    pub articles: u32,
    /// Highlights rescued.
    pub highlights: u32,
    /// Bookmarks rescued.
    pub bookmarks: u32,
    /// Rows (of any table) that could not be read or no longer fit.
    pub lost_rows: u32,
    /// True when the damaged file's table list itself could not be read.
    pub nothing_readable: bool,
}

impl Library {
    /// Open an existing library without ever writing to it: for a file on a read-only
    /// disk or one the user may not write. Every write then fails with a storage error.
    /// A library whose schema is not the current one is refused (it would need a migration).
    pub fn open_read_only(path: &Path) -> Result<Library> {
        let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let conn = Connection::open_with_flags(path, flags).map_err(|e| super::classify_open_error(path, e))?;
        super::register_functions(&conn)?;
        let found: i64 =
            conn.pragma_query_value(None, "user_version", |row| row.get(0)).map_err(|e| super::classify_open_error(path, e))?;
        let supported = schema::latest_version();
        if found > supported {
            return Err(Error::NewerSchema { found, supported });
        }
        if found < supported {
            return Err(Error::Storage(
                "This library needs an update that a read-only file cannot take. Make it writable and open it again.".into(),
            ));
        }
        crate::search::add_word_list(&conn)?;
        log::warn!("opened library {} read-only", path.display());
        Ok(Library { conn, path: path.to_path_buf() })
    }

    /// Whether this library was opened read-only.
    pub fn is_read_only(&self) -> bool {
        self.conn.is_readonly(rusqlite::MAIN_DB).unwrap_or(false)
    }

    /// Copy every row that can still be read from the damaged library at `damaged` into
    /// this (new) library, keeping ids so highlights stay with their articles. Rows that
    /// cannot be read are counted, never invented.
    pub fn rescue_from(&mut self, damaged: &Path) -> Result<RescueReport> {
        let uri = format!("file:{}?mode=ro", uri_path(damaged));
        if let Err(error) = self.conn.execute("ATTACH DATABASE ?1 AS damaged", [uri]) {
            // A file whose first page is gone is not even recognised as a database.
            log::warn!("rescue: {} cannot be read at all: {error}", damaged.display());
            return Ok(RescueReport { nothing_readable: true, ..RescueReport::default() });
        }
        let report = self.copy_readable_rows();
        self.conn.execute("DETACH DATABASE damaged", [])?;
        let report = report?;
        log::warn!("rescued from {}: {report:?}", damaged.display());
        Ok(report)
    }

    fn copy_readable_rows(&mut self) -> Result<RescueReport> {
        let mut report = RescueReport::default();
        let readable = self.conn.query_row("SELECT count(*) FROM damaged.sqlite_schema", [], |row| row.get::<_, i64>(0));
        if readable.is_err() {
            report.nothing_readable = true;
            return Ok(report);
        }
        for table in RESCUED_TABLES {
            let (copied, lost) = self.copy_table(table)?;
            report.lost_rows += lost;
            match table {
                "articles" => report.articles = copied,
                "highlights" => report.highlights = copied,
                "bookmarks" => report.bookmarks = copied,
                _ => {}
            }
        }
        Ok(report)
    }

    /// Copy `table` row by row (a damaged page loses its rows, not the whole table), in
    /// one transaction. Returns (copied, lost). A damaged value can also fail the commit
    /// itself (the search index refuses what it was given): then each row is copied in a
    /// transaction of its own, and only the rows that fail are lost.
    fn copy_table(&mut self, table: &str) -> Result<(u32, u32)> {
        let columns = shared_columns(&self.conn, table);
        if columns.is_empty() {
            return Ok((0, 0));
        }
        let rowids = readable_rowids(&self.conn, table);
        let list = columns.join(", ");
        let copy = RowCopy {
            table,
            read: format!("SELECT {list} FROM damaged.{table} WHERE rowid = ?1"),
            write: format!("INSERT OR IGNORE INTO main.{table} (rowid, {list}) SELECT rowid, {list} FROM damaged.{table} WHERE rowid = ?1"),
        };
        let (copied, lost) = match copy.rows(&self.conn, &rowids.found, true) {
            Ok(done) => done,
            Err(error) => {
                log::warn!("rescue: {table} could not be copied at once ({error}); copying row by row");
                copy.rows(&self.conn, &rowids.found, false)?
            }
        };
        Ok((copied, lost + rowids.lost))
    }
}

/// How one table's rows are read from the damaged file and written to the new one.
struct RowCopy<'a> {
    table: &'a str,
    read: String,
    write: String,
}

impl RowCopy<'_> {
    /// Copy each rowid: all in one transaction (`together`), or each in its own.
    fn rows(&self, conn: &Connection, rowids: &[i64], together: bool) -> Result<(u32, u32)> {
        let (mut copied, mut lost) = (0, 0);
        let batch = if together { Some(conn.unchecked_transaction()?) } else { None };
        for &rowid in rowids {
            match self.one(conn, rowid, together) {
                Ok(true) => copied += 1,
                Ok(false) => {}
                Err(error) => {
                    log::warn!("rescue: {} row {rowid} lost: {error}", self.table);
                    lost += 1;
                }
            }
        }
        if let Some(tx) = batch {
            tx.commit()?;
        }
        Ok((copied, lost))
    }

    /// Copy one row (committing it unless it is part of a batch); Ok(false) if it was
    /// already there. A row whose text is not valid UTF-8, or whose packed HTML does not
    /// unpack (damage inside a value), is lost, not copied: every reader of the library
    /// expects text to be text.
    fn one(&self, conn: &Connection, rowid: i64, in_batch: bool) -> rusqlite::Result<bool> {
        let valid = conn.query_row(&self.read, [rowid], |row| {
            Ok((0..row.as_ref().column_count()).all(|i| match row.get_ref(i) {
                Ok(rusqlite::types::ValueRef::Text(bytes)) => std::str::from_utf8(bytes).is_ok(),
                // Packed HTML is whole when it unpacks (zlib's checksum).
                Ok(rusqlite::types::ValueRef::Blob(packed)) if row.as_ref().column_name(i).is_ok_and(|c| c == "content_html") => {
                    super::packed_html::unpack(packed).is_ok()
                }
                Ok(_) => true,
                Err(_) => false,
            }))
        })?;
        if !valid {
            return Err(rusqlite::Error::InvalidColumnType(0, "text that is not UTF-8".into(), rusqlite::types::Type::Text));
        }
        if in_batch {
            return Ok(conn.execute(&self.write, [rowid])? == 1);
        }
        let tx = conn.unchecked_transaction()?;
        let inserted = tx.execute(&self.write, [rowid])? == 1;
        tx.commit()?;
        Ok(inserted)
    }
}

/// `path` as the path part of an SQLite `file:` URI.
fn uri_path(path: &Path) -> String {
    path.display().to_string().replace('%', "%25").replace('?', "%3f").replace('#', "%23")
}

struct Rowids {
    found: Vec<i64>,
    /// How many damaged stretches reading skipped (how many rows each held is unknowable).
    lost: u32,
}

/// The rowids that can be read, in order. At a damaged page the scan seeks ever further
/// past it (1, 2, 4… rowids on) and reads on from the first place that answers, so one
/// bad page loses its own rows, not every row after it.
fn readable_rowids(conn: &Connection, table: &str) -> Rowids {
    let mut rowids = Rowids { found: Vec::new(), lost: 0 };
    let last: Option<i64> = conn.query_row(&format!("SELECT max(rowid) FROM damaged.{table}"), [], |row| row.get(0)).ok().flatten();
    let mut after = i64::MIN;
    while let Err(error) = scan_after(conn, table, after, &mut rowids.found) {
        log::warn!("rescue: reading {table} stopped: {error}");
        rowids.lost += 1;
        // Past the last row read and past the last place resumed from: a place that can be
        // sought but not read on from must not be resumed from again (that looped forever).
        let from = rowids.found.last().copied().unwrap_or(after).max(after.saturating_add(1)).max(0);
        let Some(resume) = next_readable(conn, table, from, last) else { break };
        after = resume - 1;
    }
    rowids
}

/// Push the rowids after `after`, in order, until the end (Ok) or a damaged page (Err).
fn scan_after(conn: &Connection, table: &str, after: i64, found: &mut Vec<i64>) -> rusqlite::Result<()> {
    let mut statement = conn.prepare(&format!("SELECT rowid FROM damaged.{table} WHERE rowid > ?1 ORDER BY rowid"))?;
    let mut rows = statement.query([after])?;
    while let Some(row) = rows.next()? {
        found.extend(row.get::<_, i64>(0).ok());
    }
    Ok(())
}

/// The first rowid past a damaged stretch after `from` from which the table reads again.
fn next_readable(conn: &Connection, table: &str, from: i64, last: Option<i64>) -> Option<i64> {
    let last = last?;
    let mut step = 1i64;
    while from.checked_add(step)? <= last {
        let probe =
            conn.query_row(&format!("SELECT rowid FROM damaged.{table} WHERE rowid >= ?1 ORDER BY rowid LIMIT 1"), [from + step], |row| {
                row.get::<_, i64>(0)
            });
        if let Ok(rowid) = probe {
            return Some(rowid);
        }
        step = step.checked_mul(2)?;
    }
    None
}

/// Columns `table` has both here and in the damaged file (an older file lacks newer ones).
fn shared_columns(conn: &Connection, table: &str) -> Vec<String> {
    let columns = |schema: &str| -> Vec<String> {
        conn.prepare(&format!("SELECT name FROM {schema}.pragma_table_info(?1)"))
            .and_then(|mut s| s.query_map([table], |row| row.get::<_, String>(0))?.collect())
            .unwrap_or_default()
    };
    let theirs = columns("damaged");
    columns("main").into_iter().filter(|c| theirs.contains(c)).map(|c| format!("\"{c}\"")).collect()
}

/// Move the library file (and its WAL and shared-memory files) aside to
/// `library.damaged-<unix seconds>.sqlite3` in the same folder, so a new library can
/// start where it was. Nothing is deleted. Returns where the file now is.
pub fn set_aside(path: &Path) -> Result<PathBuf> {
    set_aside_as(path, "damaged")
}

/// Move the library at `path` (with its WAL and shared-memory files) to
/// `<stem>.<label>-<unix seconds>.sqlite3` beside it. Returns where it now is.
fn set_aside_as(path: &Path, label: &str) -> Result<PathBuf> {
    let stamp = super::now_millis() / 1000;
    let stem = path.file_stem().and_then(|s| s.to_str()).unwrap_or("library");
    let mut target = path.with_file_name(format!("{stem}.{label}-{stamp}.sqlite3"));
    let mut n = 1;
    while target.exists() {
        target = path.with_file_name(format!("{stem}.{label}-{stamp}-{n}.sqlite3"));
        n += 1;
    }
    std::fs::rename(path, &target)?;
    for suffix in ["-wal", "-shm"] {
        let side = PathBuf::from(format!("{}{suffix}", path.display()));
        if side.exists() {
            std::fs::rename(&side, format!("{}{suffix}", target.display()))?;
        }
    }
    log::warn!("set the library {} aside as {}", path.display(), target.display());
    Ok(target)
}

/// What a backup holds, to show before restoring it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct BackupSummary {
    /// Articles in the backup.
    pub articles: u32,
    /// Highlights in the backup.
    pub highlights: u32,
}

/// Count what the backup at `path` holds, without writing to it; a file that is not a
/// Lectern library (or one from a newer Lectern) is refused.
pub fn backup_summary(path: &Path) -> Result<BackupSummary> {
    let conn = Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_ONLY).map_err(|e| super::classify_open_error(path, e))?;
    let version: i64 = conn.pragma_query_value(None, "user_version", |r| r.get(0)).map_err(|e| super::classify_open_error(path, e))?;
    if version > schema::latest_version() {
        return Err(Error::NewerSchema { found: version, supported: schema::latest_version() });
    }
    let count = |table: &str| -> Result<u32> {
        conn.query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0))
            .map_err(|_| Error::InvalidInput(format!("{} is not a Lectern library.", path.display())))
    };
    Ok(BackupSummary { articles: count("articles")?, highlights: count("highlights")? })
}

/// Replace the library at `library` with a copy of the backup at `backup`. The backup is
/// copied and opened first (so a damaged or foreign file is refused before anything
/// moves, and an older one is updated on the copy, never on the backup itself); then the
/// current library is set aside as `library.before-restore-<time>.sqlite3`, never deleted.
/// The caller must have closed the library. Returns where the old library was kept.
pub fn restore_backup(library: &Path, backup: &Path) -> Result<PathBuf> {
    backup_summary(backup)?;
    let staging = library.with_file_name("library.restoring.sqlite3");
    remove_with_sides(&staging)?;
    std::fs::copy(backup, &staging)?;
    if let Err(error) = Library::open(&staging) {
        remove_with_sides(&staging)?;
        return Err(error);
    }
    let kept = set_aside_as(library, "before-restore")?;
    std::fs::rename(&staging, library)?;
    log::warn!("restored the library from {}; the previous one is kept at {}", backup.display(), kept.display());
    Ok(kept)
}

fn remove_with_sides(path: &Path) -> Result<()> {
    for side in [path.to_path_buf(), PathBuf::from(format!("{}-wal", path.display())), PathBuf::from(format!("{}-shm", path.display()))] {
        match std::fs::remove_file(&side) {
            Err(error) if error.kind() != std::io::ErrorKind::NotFound => return Err(error.into()),
            _ => {}
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_full_disk_refuses_the_write_with_a_clear_message_and_keeps_everything() {
        let dir = tempfile::tempdir().unwrap();
        let mut library = Library::open(&dir.path().join("library.sqlite3")).unwrap();
        crate::synthetic::generate(&mut library, 3, 2, 1).unwrap();
        // SQLite's ceiling on the file's size fails a write exactly as a full disk does (SQLITE_FULL).
        let pages: i64 = library.conn.query_row("PRAGMA page_count", [], |r| r.get(0)).unwrap();
        library.conn.execute_batch(&format!("PRAGMA max_page_count = {pages}")).unwrap();
        let big = format!("Big\n\n{}", "A sentence that takes room on the disk. ".repeat(5000));
        let error = library.save_article(&crate::import::import_bytes("big.txt", big.as_bytes()).unwrap()).expect_err("no room");
        assert_eq!(error.kind(), crate::ErrorKind::Storage);
        assert!(error.to_string().contains("full"), "{error}");
        assert_eq!(library.list_articles().unwrap().len(), 3, "nothing half-written, nothing lost");
        let integrity: String = library.conn.query_row("PRAGMA integrity_check", [], |r| r.get(0)).unwrap();
        assert_eq!(integrity, "ok");
    }
}
