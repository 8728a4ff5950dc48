//! Lectern's JSON export: everything out, and back into an empty library exactly as it
//! was (every field compared), or merged into a library that has articles already.

use lectern_core::Library;
use lectern_core::annotate::{HighlightColor, NewHighlight};
use lectern_core::interop::json::LibraryExport;
use lectern_core::interop::{FileExport, Format, read_export};
use lectern_core::library::ArticleState;
use lectern_core::seeds::BUNDLED;
use lectern_core::settings::{FontFamily, Settings, Theme};

/// A library with a bit of everything a reader makes.
fn lived_in_library(path: &std::path::Path) -> Library {
    let mut library = Library::open(path).unwrap();
    library.import_seeds(BUNDLED).unwrap();
    lectern_core::synthetic::generate(&mut library, 12, 3, 9).unwrap();
    let ids: Vec<i64> = library.list_articles().unwrap().iter().map(|a| a.id).collect();
    let text = library.article_text(ids[0]).unwrap();
    let quote: String = text.chars().skip(10).take(40).collect();
    let start = text.chars().take(10).map(char::len_utf16).sum::<usize>() as u32;
    let highlight =
        NewHighlight { start, end: start + quote.encode_utf16().count() as u32, exact: quote, color: HighlightColor::Purple, note: None };
    let highlight = library.add_highlight(ids[0], &highlight).unwrap();
    library.set_highlight_note(highlight.id, "A *note* with [a link](https://example.com).").unwrap();
    library.add_bookmark(ids[0], 120, "Where I stopped").unwrap();
    library.set_reading_position(ids[0], 200, 0.4).unwrap();
    library.set_article_note(ids[1], "Why I saved this.").unwrap();
    library.set_favorite(ids[1], true).unwrap();
    library.set_article_state(ids[2], ArticleState::Archive).unwrap();
    library.tag_articles("to reread", &ids[..3]).unwrap();
    library.trash_article(ids[3]).unwrap();
    library
}

fn without_time(mut export: LibraryExport) -> LibraryExport {
    export.exported_at = 0;
    export
}

#[test]
fn an_export_restored_into_an_empty_library_is_the_same_library() {
    let dir = tempfile::tempdir().unwrap();
    let original = lived_in_library(&dir.path().join("original.sqlite3"));
    let settings = Settings {
        theme: Theme::Sepia,
        font_family: FontFamily::Sans,
        font_size: 22,
        line_width: 60,
        line_height: 1.8,
        fetch_remote_images: true,
        justify: true,
        hyphenate: false,
    };
    let written = original.export_file(FileExport::Json, &[], Some(&settings)).unwrap();
    let exported: LibraryExport = serde_json::from_slice(&written.bytes).unwrap();
    assert_eq!(exported.format, "lectern-library");
    assert!(exported.articles.iter().any(|a| a.deleted_at.is_some()), "the trash is exported too");
    assert_eq!(exported.settings.as_ref(), Some(&settings), "the reader settings go with the library");
    let file = dir.path().join("lectern-export.json");
    std::fs::write(&file, &written.bytes).unwrap();

    let foreign = read_export("lectern-export.json", &std::fs::read(&file).unwrap()).unwrap();
    assert_eq!(foreign.format, Format::LecternJson);
    let mut restored = Library::open(&dir.path().join("restored.sqlite3")).unwrap();
    let report = restored.import_foreign(&foreign).unwrap();
    assert_eq!(report.added as usize, exported.articles.len());
    assert_eq!(report.restored_settings.as_ref(), Some(&settings), "the settings come back for the app to store");
    let exported = LibraryExport { settings: None, ..exported };
    assert_eq!(
        without_time(restored.export_json().unwrap()),
        without_time(exported),
        "every field of every article, highlight, bookmark and tag"
    );
    let title = &original.list_articles().unwrap()[0].title;
    let word = title.split_whitespace().max_by_key(|w| w.len()).unwrap();
    assert!(!restored.search(word, None).unwrap().hits.is_empty(), "the search index is rebuilt ({word})");
}

#[test]
fn an_export_merges_into_a_library_that_has_articles() {
    let dir = tempfile::tempdir().unwrap();
    let original = lived_in_library(&dir.path().join("original.sqlite3"));
    let bytes = serde_json::to_vec(&original.export_json().unwrap()).unwrap();
    let mut other = Library::open(&dir.path().join("other.sqlite3")).unwrap();
    other.import_seeds(BUNDLED).unwrap();
    let report = other.import_foreign(&read_export("export.json", &bytes).unwrap()).unwrap();
    let in_original = original.list_articles().unwrap().len();
    assert_eq!(report.merged, 1, "the seed article both have: {report:?}");
    assert_eq!(other.list_articles().unwrap().len(), in_original, "the rest added, the trash left out");
    assert_eq!(report.highlights_waiting, 0, "every highlight found its quote: {report:?}");
    assert_eq!(report.restored_settings, None, "merging into a library in use keeps its reader's settings");
}

#[test]
fn a_selection_exports_only_its_articles_in_every_file_format() {
    let dir = tempfile::tempdir().unwrap();
    let library = lived_in_library(&dir.path().join("original.sqlite3"));
    let articles = library.list_articles().unwrap();
    let chosen = [articles[0].id, articles[1].id];
    let json = library.export_file(FileExport::Json, &chosen, None).unwrap();
    let export: LibraryExport = serde_json::from_slice(&json.bytes).unwrap();
    assert_eq!(export.articles.iter().map(|a| a.id).collect::<Vec<_>>(), {
        let mut ids = chosen.to_vec();
        ids.sort();
        ids
    });
    assert_eq!(json.articles, 2);
    let highlights: usize = export.articles.iter().map(|a| a.highlights.len()).sum();
    assert_eq!(json.highlights, highlights);
    let w3c = library.export_file(FileExport::W3c, &chosen, None).unwrap();
    let collection: serde_json::Value = serde_json::from_slice(&w3c.bytes).unwrap();
    assert_eq!(collection["total"].as_u64().unwrap() as usize, highlights);
    let csv = library.export_file(FileExport::ReadwiseCsv, &chosen, None).unwrap();
    let rows = csv::Reader::from_reader(csv.bytes.as_slice()).records().count();
    assert_eq!(rows, highlights, "one row per highlight of the chosen articles");
    let everything = library.export_file(FileExport::ReadwiseCsv, &[], None).unwrap();
    assert!(everything.highlights > highlights, "the whole library has more");
}

#[test]
fn a_newer_export_format_is_refused() {
    let newer = br#"{"format": "lectern-library", "version": 99, "exportedAt": 0, "articles": [], "seedImports": []}"#;
    let error = read_export("future.json", newer).err().unwrap();
    assert!(error.to_string().contains("up to version 1"), "{error}");
}
