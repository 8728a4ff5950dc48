//! Importing many files: folders walked, failures reported without stopping, cancel honoured.

use std::path::PathBuf;

use lectern_core::Library;
use lectern_core::import::CancelToken;
use lectern_core::import::batch::{collect_files, import_files};

fn write(dir: &std::path::Path, name: &str, bytes: &[u8]) -> PathBuf {
    let path = dir.join(name);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(&path, bytes).unwrap();
    path
}

#[test]
fn a_folder_imports_every_readable_file_and_reports_the_rest() {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("saved");
    write(&folder, "a-essay.md", b"# An Essay\n\nWords worth keeping.");
    write(&folder, "b-notes.txt", b"Notes\n\nMore words.");
    write(&folder, "c-broken.html", b"\x00\x01\x02binary");
    write(&folder, "d-empty.txt", b"");
    write(&folder, "nested/e-page.html", b"<html><head><title>Nested page title here</title></head><body><article><p>Nested page body text that is long enough to be kept as the article.</p></article></body></html>");
    write(&folder, "photo.jpg", b"\xff\xd8\xff");
    write(&folder, ".hidden.txt", b"Hidden\n\nShould be skipped.");

    let files = collect_files(std::slice::from_ref(&folder));
    let names: Vec<String> = files.iter().map(|f| f.file_name().unwrap().to_string_lossy().into_owned()).collect();
    assert_eq!(names, ["a-essay.md", "b-notes.txt", "c-broken.html", "d-empty.txt", "e-page.html"]);

    let mut library = Library::open(&dir.path().join("library.sqlite3")).unwrap();
    let mut seen = Vec::new();
    let report = import_files(&files, &CancelToken::default(), |a| library.save_article(a), |p| seen.push(p.clone()));
    assert_eq!(report.added, 3);
    assert_eq!(report.failures.len(), 2);
    assert!(report.failures[0].message.contains("binary"), "{:?}", report.failures);
    assert!(report.failures[1].message.contains("empty"), "{:?}", report.failures);
    assert_eq!(library.list_articles().unwrap().len(), 3);

    let last = seen.last().unwrap();
    assert_eq!((last.done, last.total, last.added, last.failed), (5, 5, 3, 2));
    assert!(seen.iter().any(|p| p.current.as_deref() == Some("b-notes.txt")));

    // Again: nothing new, everything recognised.
    let again = import_files(&files, &CancelToken::default(), |a| library.save_article(a), |_| {});
    assert_eq!((again.added, again.already_saved), (0, 3));
}

#[test]
fn a_cancelled_batch_keeps_what_was_finished() {
    let dir = tempfile::tempdir().unwrap();
    let files: Vec<PathBuf> =
        (0..5).map(|i| write(dir.path(), &format!("{i}.txt"), format!("Title {i}\n\nBody number {i}.").as_bytes())).collect();
    let mut library = Library::open(&dir.path().join("library.sqlite3")).unwrap();
    let cancel = CancelToken::default();
    let report = import_files(
        &files,
        &cancel,
        |a| {
            let outcome = library.save_article(a);
            if a.title == "Title 1" {
                cancel.cancel();
            }
            outcome
        },
        |_| {},
    );
    assert!(report.cancelled);
    assert_eq!(report.added, 2);
    assert_eq!(library.list_articles().unwrap().len(), 2);
}

#[cfg(unix)]
#[test]
fn a_folder_with_a_symlink_loop_is_walked_once() {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("articles");
    std::fs::create_dir_all(folder.join("inner")).unwrap();
    write(&folder, "a.txt", b"A\n\nOne.");
    write(&folder.join("inner"), "b.txt", b"B\n\nTwo.");
    std::os::unix::fs::symlink(&folder, folder.join("inner/back-to-top")).unwrap();
    std::os::unix::fs::symlink(folder.join("inner"), folder.join("inner/self")).unwrap();
    let files = collect_files(std::slice::from_ref(&folder));
    let names: Vec<String> = files.iter().map(|f| f.file_name().unwrap().to_string_lossy().into_owned()).collect();
    assert_eq!(names, ["a.txt", "b.txt"]);
}

#[test]
fn files_read_on_every_core_are_saved_in_the_order_given() {
    let dir = tempfile::tempdir().unwrap();
    let files: Vec<PathBuf> = (0..40)
        .map(|i| {
            // Sizes vary so that workers finish out of order.
            let body = format!("Body number {i}. ").repeat(1 + (i * 37) % 200);
            write(dir.path(), &format!("{i:02}.txt"), format!("Title {i}\n\n{body}").as_bytes())
        })
        .collect();
    let mut library = Library::open(&dir.path().join("library.sqlite3")).unwrap();
    let mut order = Vec::new();
    let mut done = Vec::new();
    let report = import_files(
        &files,
        &CancelToken::default(),
        |a| {
            order.push(a.title.clone());
            library.save_article(a)
        },
        |p| done.push(p.done),
    );
    assert_eq!(report.added, 40);
    assert_eq!(order, (0..40).map(|i| format!("Title {i}")).collect::<Vec<_>>());
    assert!(done.windows(2).all(|w| w[0] <= w[1]) && done.last() == Some(&40), "progress only moves forward: {done:?}");
}
