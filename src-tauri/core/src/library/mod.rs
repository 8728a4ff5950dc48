//! The library: one SQLite file holding articles, tags, highlights and bookmarks.

mod articles;
pub mod backup;
pub mod block_boundaries;
pub mod packed_html;
pub mod recovery;
pub mod refetch;
pub mod schema;
mod tags;

use std::path::{Path, PathBuf};
use std::time::Duration;

use rusqlite::{Connection, ErrorCode};

pub use articles::{
    Article, ArticlePage, ArticleQuery, ArticleState, ArticleSummary, PreviousVersion, Progress, SaveOutcome, Shelf, SortOrder,
};
pub(crate) use articles::{PLACEHOLDER_HASH, merge_note_and_star, set_history, summary_columns, summary_from_row};
pub use recovery::RescueReport;
pub use tags::Tag;
pub(crate) use tags::{tag_in, tags_column};

use crate::error::{Error, Result};

/// How long a writer waits for another connection's lock before giving up.
const BUSY_TIMEOUT: Duration = Duration::from_secs(5);
/// How much of the library file SQLite maps into memory (address space, not RAM).
const MMAP_BYTES: i64 = 1 << 30;

/// Every SQLite 3 file starts with these bytes.
const SQLITE_HEADER: &[u8; 16] = b"SQLite format 3\0";

/// An open library file: every read and write of articles, highlights, bookmarks, tags and settings goes through it.
pub struct Library {
    pub(crate) conn: Connection,
    path: PathBuf,
}

impl Library {
    /// Open the library at `path`, creating it (and its folder) if needed and
    /// bringing its schema up to date. A file that is not a SQLite database, or that a
    /// newer Lectern wrote, is refused without being modified.
    pub fn open(path: &Path) -> Result<Library> {
        create_private(path)?;
        refuse_non_sqlite_file(path)?;
        let mut conn = Connection::open(path).map_err(|e| classify_open_error(path, e))?;
        conn.busy_timeout(BUSY_TIMEOUT)?;
        register_functions(&conn)?;
        // Every transaction here writes. Taking the write lock at BEGIN lets SQLite wait out
        // another writer (the CLI, the app) for BUSY_TIMEOUT; a deferred transaction that has
        // already read gets SQLITE_BUSY at once when it tries to write.
        conn.set_transaction_behavior(rusqlite::TransactionBehavior::Immediate);
        conn.pragma_update(None, "foreign_keys", true)?;

        let found: i64 = conn.pragma_query_value(None, "user_version", |row| row.get(0)).map_err(|e| classify_open_error(path, e))?;
        // Reading the schema touches the first page: a damaged file fails here, before any write.
        conn.query_row("SELECT count(*) FROM sqlite_schema", [], |row| row.get::<_, i64>(0)).map_err(|e| classify_open_error(path, e))?;
        let supported = schema::latest_version();
        if found > supported {
            return Err(Error::NewerSchema { found, supported });
        }
        // Only now may the file be written to: WAL lets the UI read while an import writes.
        conn.pragma_update(None, "journal_mode", "WAL").map_err(|e| classify_open_error(path, e))?;
        conn.pragma_update(None, "synchronous", "NORMAL")?;
        // Reads straight from the page cache, without a copy per page: lists and search
        // touch thousands of pages (a third of a search's time went to copying them).
        conn.pragma_update(None, "mmap_size", MMAP_BYTES)?;
        let mut library = Library { conn, path: path.to_path_buf() };
        if found > 0 && found < supported {
            // An update changes the file for good: keep the library as it was first.
            let kept = backup::rolling_backup(&library, &format!("before-schema-{supported}"))?;
            log::info!("kept the library as schema v{found} at {} before updating it", kept.display());
        }
        // A migration may rebuild a table (copy, drop, rename): with foreign keys on, the
        // drop would delete every highlight. Off during migrations, checked by them after.
        library.conn.pragma_update(None, "foreign_keys", false)?;
        let migrated = schema::migrations().to_latest(&mut library.conn);
        library.conn.pragma_update(None, "foreign_keys", true)?;
        migrated?;
        crate::search::add_word_list(&library.conn)?;
        if found > 0 && found < schema::PACKED_HTML_VERSION {
            // Space given back is a saving, not a need: a full disk (VACUUM writes a copy)
            // must not keep the library from opening.
            if let Err(error) = library.compact() {
                log::warn!("the library could not be compacted after packing its HTML ({error}); it works as it is");
            }
        }
        log::info!("opened library {} (schema v{supported})", path.display());
        Ok(library)
    }

    /// Rewrite the file without its free pages (after packing the HTML, a third of an
    /// older library's file): once, on the update, with the library kept as it was first.
    fn compact(&self) -> Result<()> {
        let started = std::time::Instant::now();
        self.conn.execute_batch("VACUUM")?;
        log::info!("compacted the library after packing its HTML in {} ms", started.elapsed().as_millis());
        Ok(())
    }

    /// The library file's path.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The schema version of the open file.
    pub fn schema_version(&self) -> Result<i64> {
        Ok(self.conn.pragma_query_value(None, "user_version", |row| row.get(0))?)
    }

    /// A number that changes whenever another connection (another program) commits a
    /// change to the library; this connection's own writes leave it as it is.
    pub fn data_version(&self) -> Result<i64> {
        Ok(self.conn.pragma_query_value(None, "data_version", |row| row.get(0))?)
    }
}

/// A new library, and a folder made for it, are readable by their owner only (what you
/// read and note is nobody else's business on a shared machine). SQLite gives its WAL
/// and shared-memory files the permissions of the library file.
fn create_private(path: &Path) -> Result<()> {
    if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty() && !p.exists()) {
        std::fs::create_dir_all(parent)?;
        set_mode(parent, 0o700)?;
    }
    if !path.exists() {
        let mut options = std::fs::OpenOptions::new();
        options.write(true).create_new(true);
        #[cfg(unix)]
        std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
        match options.open(path) {
            Ok(_) => {}
            Err(error) if error.kind() == std::io::ErrorKind::AlreadyExists => {}
            Err(error) => return Err(error.into()),
        }
    }
    Ok(())
}

#[cfg(unix)]
fn set_mode(path: &Path, mode: u32) -> Result<()> {
    use std::os::unix::fs::PermissionsExt;
    Ok(std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode))?)
}

#[cfg(not(unix))]
fn set_mode(_path: &Path, _mode: u32) -> Result<()> {
    Ok(())
}

fn refuse_non_sqlite_file(path: &Path) -> Result<()> {
    use std::io::Read;
    let Ok(mut file) = std::fs::File::open(path) else { return Ok(()) }; // a new library
    let mut header = [0u8; 16];
    let read = file.read(&mut header)?;
    if read == 0 || header == *SQLITE_HEADER {
        return Ok(());
    }
    Err(Error::Corrupt { path: path.display().to_string(), detail: "not a SQLite database".into() })
}

fn classify_open_error(path: &Path, error: rusqlite::Error) -> Error {
    match error.sqlite_error_code() {
        Some(ErrorCode::NotADatabase | ErrorCode::DatabaseCorrupt) => {
            Error::Corrupt { path: path.display().to_string(), detail: error.to_string() }
        }
        _ => Error::Database(error),
    }
}

/// Save an article inside the caller's transaction (seeds, synthetic libraries, imports
/// from other apps), with the same duplicate rules as [`Library::save_article`].
pub(crate) fn save_article_in(tx: &rusqlite::Transaction<'_>, article: &crate::import::ImportedArticle) -> Result<SaveOutcome> {
    articles::save_in(tx, article)
}

pub(crate) fn now_millis() -> i64 {
    std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| i64::try_from(d.as_millis()).unwrap_or(i64::MAX))
}

/// SQL functions the schema's triggers call; every connection that writes the library
/// registers them (a trigger calling a missing function fails the write). `Library`
/// does; another program writing the file with its own SQLite connection must too.
pub fn register_functions(conn: &Connection) -> rusqlite::Result<()> {
    use rusqlite::functions::FunctionFlags;
    let flags = FunctionFlags::SQLITE_UTF8 | FunctionFlags::SQLITE_DETERMINISTIC | FunctionFlags::SQLITE_INNOCUOUS;
    conn.create_scalar_function("lectern_needs_trigram", 2, flags, |context| {
        let any_cjk = |i| context.get_raw(i).as_str_or_null().ok().flatten().is_some_and(|text| text.chars().any(crate::text::is_cjk));
        Ok(any_cjk(0) || any_cjk(1))
    })?;
    packed_html::register(conn)
}

/// How SQLite would run `sql` with `params`: its query plan, one step a line (for tests
/// that hold a query to its index).
#[cfg(test)]
pub(crate) fn query_plan(conn: &Connection, sql: &str, params: impl rusqlite::Params) -> Vec<String> {
    let mut statement = conn.prepare(&format!("EXPLAIN QUERY PLAN {sql}")).unwrap();
    statement.query_map(params, |row| row.get::<_, String>(3)).unwrap().map(Result::unwrap).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_new_library_is_created_with_the_latest_schema_in_wal_mode() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("nested/library.sqlite3");
        let library = Library::open(&path).unwrap();
        assert_eq!(library.schema_version().unwrap(), schema::latest_version());
        let mode: String = library.conn.pragma_query_value(None, "journal_mode", |r| r.get(0)).unwrap();
        assert_eq!(mode, "wal");
        let fk: bool = library.conn.pragma_query_value(None, "foreign_keys", |r| r.get(0)).unwrap();
        assert!(fk);
    }

    #[cfg(unix)]
    #[test]
    fn a_new_library_is_private_to_its_owner() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("data/library.sqlite3");
        let library = Library::open(&path).unwrap();
        library.conn.execute("INSERT INTO tags(name) VALUES ('x')", []).unwrap();
        let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode(&path), 0o600);
        assert_eq!(mode(path.parent().unwrap()), 0o700);
        assert_eq!(mode(&path.with_extension("sqlite3-wal")), 0o600, "the WAL holds the same data");
    }

    #[test]
    fn reopening_keeps_the_schema_and_data() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("library.sqlite3");
        Library::open(&path).unwrap().conn.execute("INSERT INTO tags(name) VALUES ('x')", []).unwrap();
        let library = Library::open(&path).unwrap();
        let tags: i64 = library.conn.query_row("SELECT count(*) FROM tags", [], |r| r.get(0)).unwrap();
        assert_eq!(tags, 1);
    }

    #[test]
    fn migrations_are_valid() {
        // As `validate()` does, on a connection with the functions the triggers call.
        let mut conn = Connection::open_in_memory().unwrap();
        register_functions(&conn).unwrap();
        schema::migrations().to_latest(&mut conn).unwrap();
    }

    #[test]
    fn a_library_from_a_newer_version_is_refused_and_untouched() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("library.sqlite3");
        {
            let conn = Connection::open(&path).unwrap();
            conn.execute_batch("CREATE TABLE future(x); PRAGMA user_version = 99;").unwrap();
        }
        let before = std::fs::read(&path).unwrap();
        let error = Library::open(&path).err().expect("must refuse");
        assert_eq!(error.kind(), crate::ErrorKind::NewerSchema);
        assert!(error.to_string().contains("newer version of Lectern"), "{error}");
        assert_eq!(std::fs::read(&path).unwrap(), before, "file must be unchanged");
    }

    #[test]
    fn a_file_that_is_not_a_database_is_refused_and_untouched() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("library.sqlite3");
        std::fs::write(&path, b"this is a text file, not a database at all").unwrap();
        let error = Library::open(&path).err().expect("must refuse");
        assert_eq!(error.kind(), crate::ErrorKind::Corrupt);
        assert_eq!(std::fs::read(&path).unwrap(), b"this is a text file, not a database at all");
    }

    #[test]
    fn a_database_with_a_damaged_body_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("library.sqlite3");
        drop(Library::open(&path).unwrap());
        // Keep the header, garble the rest: the schema page can no longer be read.
        let mut bytes = std::fs::read(&path).unwrap();
        for b in bytes.iter_mut().skip(100) {
            *b = 0xA5;
        }
        std::fs::write(&path, &bytes).unwrap();
        let _ = std::fs::remove_file(path.with_extension("sqlite3-wal"));
        let error = Library::open(&path).err().expect("must refuse");
        assert!(matches!(error.kind(), crate::ErrorKind::Corrupt | crate::ErrorKind::Database), "{error}");
    }
}
