//! Backups on real files: a one-file copy that opens as the same library, and a rolling
//! backup taken before a schema update.

mod support;

use lectern_core::Library;
use lectern_core::library::backup::{KEPT_BACKUPS, backups_dir};

#[test]
fn a_backup_is_the_whole_library_in_one_file_and_never_overwrites() {
    let dir = tempfile::tempdir().unwrap();
    let mut library = Library::open(&dir.path().join("library.sqlite3")).unwrap();
    lectern_core::synthetic::generate(&mut library, 20, 3, 5).unwrap();
    let destination = dir.path().join("elsewhere/lectern-backup.sqlite3");
    std::fs::create_dir_all(destination.parent().unwrap()).unwrap();
    library.backup_to(&destination).unwrap();
    let error = library.backup_to(&destination).expect_err("an existing file is never overwritten");
    assert!(error.to_string().contains("already exists"), "{error}");

    let restored = Library::open(&destination).unwrap();
    assert_eq!(restored.list_articles().unwrap(), library.list_articles().unwrap());
    let id = library.list_articles().unwrap()[0].id;
    assert_eq!(restored.highlights_for(id).unwrap(), library.highlights_for(id).unwrap());
    assert_eq!(restored.search("the", None).unwrap().hits.len(), library.search("the", None).unwrap().hits.len());
}

#[test]
fn a_schema_update_keeps_the_library_as_it_was_first() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("library.sqlite3");
    for _ in 0..KEPT_BACKUPS + 2 {
        drop(Library::open(&path).unwrap());
        // Pretend the file was written by the previous version of Lectern.
        let conn = rusqlite::Connection::open(&path).unwrap();
        conn.execute_batch(support::BACK_TO_SCHEMA_2).unwrap();
        drop(conn);
        std::thread::sleep(std::time::Duration::from_millis(2)); // backups are named to the millisecond
        let library = Library::open(&path).unwrap();
        assert_eq!(library.schema_version().unwrap(), lectern_core::library::schema::latest_version());
    }
    let mut backups: Vec<_> = std::fs::read_dir(backups_dir(&path)).unwrap().map(|e| e.unwrap().path()).collect();
    backups.sort();
    assert_eq!(backups.len(), KEPT_BACKUPS, "the newest {KEPT_BACKUPS} are kept: {backups:?}");
    let kept = rusqlite::Connection::open(backups.last().unwrap()).unwrap();
    let version: i64 = kept.pragma_query_value(None, "user_version", |r| r.get(0)).unwrap();
    assert_eq!(version, 2, "the backup is the library before the update");
}

#[test]
fn a_running_app_keeps_a_daily_backup_and_no_more() {
    let dir = tempfile::tempdir().unwrap();
    let mut library = Library::open(&dir.path().join("library.sqlite3")).unwrap();
    lectern_core::synthetic::generate(&mut library, 3, 1, 2).unwrap();
    let first = library.backup_if_due(lectern_core::library::backup::DAILY).unwrap().expect("no backup yet: one is made");
    assert!(first.file_name().unwrap().to_str().unwrap().ends_with("-daily.sqlite3"), "{first:?}");
    assert_eq!(library.backup_if_due(lectern_core::library::backup::DAILY).unwrap(), None, "one a day");
    assert!(library.backup_if_due(std::time::Duration::ZERO).unwrap().is_some(), "due again once the interval has passed");
    assert_eq!(Library::open(&first).unwrap().list_articles().unwrap().len(), 3);
}
