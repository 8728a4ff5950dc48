//! The ways out of a library that cannot be used normally, on real SQLite files: a
//! damaged file is set aside (never deleted) and what can still be read is rescued into a
//! new library; a file that may not be written opens read-only; a lock held by another
//! program is refused with a clear message and nothing changes. (A full disk: the unit
//! tests in library/recovery.rs, which can set SQLite's size ceiling on the connection.)

use std::path::Path;

use lectern_core::import::import_bytes;
use lectern_core::library::recovery::set_aside;
use lectern_core::{ErrorKind, Library};

const PAGE: usize = 4096;

fn library_with_articles(path: &Path, count: usize) -> Library {
    let mut library = Library::open(path).unwrap();
    lectern_core::synthetic::generate(&mut library, count, 3, 7).unwrap();
    library
}

/// Overwrite `pages` whole pages starting at page `first` (1-based) with garbage.
fn damage(path: &Path, first: usize, pages: usize) {
    let mut bytes = std::fs::read(path).unwrap();
    let start = (first - 1) * PAGE;
    let end = (start + pages * PAGE).min(bytes.len());
    bytes[start..end].fill(0xA5);
    std::fs::write(path, bytes).unwrap();
}

#[test]
fn a_damaged_library_is_set_aside_whole_and_its_readable_rows_are_rescued() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("library.sqlite3");
    let library = library_with_articles(&path, 120);
    let articles = library.list_articles().unwrap().len();
    drop(library);
    let count = |table: &str| -> usize {
        rusqlite::Connection::open(&path).unwrap().query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get::<_, i64>(0)).unwrap()
            as usize
    };
    let highlights = count("highlights");
    let pages = std::fs::metadata(&path).unwrap().len() as usize / PAGE;
    damage(&path, pages / 2, 3);
    let damaged_bytes = std::fs::read(&path).unwrap();

    let kept = set_aside(&path).unwrap();
    assert!(!path.exists(), "the library's place is free for a new one");
    assert_eq!(std::fs::read(&kept).unwrap(), damaged_bytes, "the damaged file is kept byte for byte");

    let mut fresh = Library::open(&path).unwrap();
    let report = fresh.rescue_from(&kept).unwrap();
    assert!(!report.nothing_readable);
    println!("rescued {report:?} of {articles} articles and {highlights} highlights");
    assert!(report.articles as usize > articles / 2, "most articles rescued: {report:?} of {articles}");
    assert!(report.articles as usize <= articles && report.highlights as usize <= highlights, "nothing invented: {report:?}");
    assert!(report.highlights as usize > highlights / 2, "most highlights rescued: {report:?} of {highlights}");
    assert!(report.lost_rows > 0 || report.articles as usize == articles, "losses are counted: {report:?}");
    // What came over is whole: every rescued highlight is on a rescued article, and search finds the text.
    let rescued = fresh.list_articles().unwrap();
    assert_eq!(rescued.len(), report.articles as usize);
    let first = fresh.get_article(rescued[0].id).unwrap();
    let word = first.summary.title.split_whitespace().max_by_key(|w| w.len()).unwrap().to_string();
    assert!(!fresh.search(&word, None).unwrap().hits.is_empty(), "the rescued text is searchable ({word})");
    let integrity: String = rusqlite::Connection::open(&path).unwrap().query_row("PRAGMA integrity_check", [], |r| r.get(0)).unwrap();
    assert_eq!(integrity, "ok");
    assert_eq!(std::fs::read(&kept).unwrap(), damaged_bytes, "rescuing reads the damaged file, never writes it");
}

#[test]
fn a_library_whose_table_list_is_unreadable_rescues_nothing_and_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("library.sqlite3");
    drop(library_with_articles(&path, 5));
    damage(&path, 1, 2);
    let error = Library::open(&path).err().expect("a damaged file is refused");
    assert!(matches!(error.kind(), ErrorKind::Corrupt), "{error}");
    let kept = set_aside(&path).unwrap();
    let report = Library::open(&path).unwrap().rescue_from(&kept).unwrap();
    assert!(report.nothing_readable && report.articles == 0, "{report:?}");
}

#[test]
fn a_library_opened_read_only_can_be_read_and_refuses_writes_clearly() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("library.sqlite3");
    drop(library_with_articles(&path, 3));
    let before = std::fs::read(&path).unwrap();
    let mut library = Library::open_read_only(&path).unwrap();
    assert!(library.is_read_only());
    assert_eq!(library.list_articles().unwrap().len(), 3);
    let title = library.list_articles().unwrap()[0].title.clone();
    let word = title.split_whitespace().next().unwrap();
    assert!(!library.search(word, None).unwrap().hits.is_empty(), "searched for {word:?}");
    let id = library.list_articles().unwrap()[0].id;
    let error = library.set_favorite(id, true).expect_err("a read-only library refuses writes");
    assert_eq!(error.kind(), ErrorKind::Storage);
    assert!(error.to_string().contains("cannot write"), "{error}");
    let error = library.save_article(&import_bytes("a.txt", b"New\n\nText that cannot be saved.").unwrap()).err().unwrap();
    assert_eq!(error.kind(), ErrorKind::Storage);
    drop(library);
    assert_eq!(std::fs::read(&path).unwrap(), before, "nothing was written");
}

#[test]
fn a_lock_held_by_another_program_is_reported_as_busy_and_the_write_succeeds_after() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("library.sqlite3");
    let mut library = library_with_articles(&path, 2);
    let other = rusqlite::Connection::open(&path).unwrap();
    lectern_core::library::register_functions(&other).unwrap();
    other.execute_batch("BEGIN EXCLUSIVE; UPDATE articles SET title = title;").unwrap();
    let id = library.list_articles().unwrap()[0].id;
    let error = library.set_favorite(id, true).expect_err("the lock is held");
    assert_eq!(error.kind(), ErrorKind::Busy);
    assert!(error.to_string().contains("try again"), "{error}");
    other.execute_batch("COMMIT").unwrap();
    library.set_favorite(id, true).unwrap();
}

#[test]
fn damage_found_while_reading_is_reported_as_damage_with_the_way_out() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("library.sqlite3");
    drop(library_with_articles(&path, 120));
    let pages = std::fs::metadata(&path).unwrap().len() as usize / PAGE;
    damage(&path, pages / 3, pages / 3);
    // Opening reads only the first page, so the damage shows up in use.
    let library = Library::open(&path).unwrap();
    let ids: Vec<i64> = (1..=120).collect();
    let error = ids
        .iter()
        .find_map(|&id| library.get_article(id).err())
        .or_else(|| library.search("the", None).err())
        .expect("reading a third of the file overwritten fails somewhere");
    assert_eq!(error.kind(), ErrorKind::Corrupt, "{error}");
    assert!(error.to_string().contains("rescue"), "{error}");
}

#[test]
fn restoring_a_backup_replaces_the_library_and_keeps_the_old_one_and_the_backup_as_they_were() {
    use lectern_core::library::recovery::{backup_summary, restore_backup};
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("library.sqlite3");
    let backup = dir.path().join("saved/lectern-backup.sqlite3");
    std::fs::create_dir_all(backup.parent().unwrap()).unwrap();
    let library = library_with_articles(&path, 5);
    library.backup_to(&backup).unwrap();
    drop(library);
    let mut later = Library::open(&path).unwrap();
    later.trash_articles(&later.list_articles().unwrap().iter().map(|a| a.id).collect::<Vec<_>>()).unwrap();
    drop(later);
    let backup_bytes = std::fs::read(&backup).unwrap();

    assert_eq!(backup_summary(&backup).unwrap().articles, 5);
    let kept = restore_backup(&path, &backup).unwrap();
    assert_eq!(Library::open(&path).unwrap().list_articles().unwrap().len(), 5, "the backup's articles are back");
    assert_eq!(Library::open(&kept).unwrap().list_articles().unwrap().len(), 0, "the library before the restore is kept");
    assert_eq!(std::fs::read(&backup).unwrap(), backup_bytes, "the backup itself is untouched");

    let junk = dir.path().join("junk.sqlite3");
    std::fs::write(&junk, b"not a library").unwrap();
    let before = std::fs::read(&path).unwrap();
    assert!(restore_backup(&path, &junk).is_err());
    assert_eq!(std::fs::read(&path).unwrap(), before, "a bad backup changes nothing");
}
