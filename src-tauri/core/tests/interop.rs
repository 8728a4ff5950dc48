//! Moving in from Pocket, Instapaper, Omnivore and Kindle: real export layouts (fixtures
//! in tests/fixtures/interop, zipped here as the apps zip them) into a real library file.

use std::io::Write;
use std::path::{Path, PathBuf};

use lectern_core::annotate::HighlightFilter;
use lectern_core::import::import_bytes;
use lectern_core::interop::{Format, read_export};
use lectern_core::library::{ArticleState, Shelf};
use lectern_core::{ErrorKind, Library};

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/interop")
}

/// Zip a fixture folder as the exporting app does.
fn zip_folder(dir: &Path) -> Vec<u8> {
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    let mut files = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(next) = stack.pop() {
        for entry in std::fs::read_dir(next).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() { stack.push(path) } else { files.push(path) }
        }
    }
    files.sort();
    for path in files {
        zip.start_file(path.strip_prefix(dir).unwrap().to_str().unwrap(), options).unwrap();
        zip.write_all(&std::fs::read(&path).unwrap()).unwrap();
    }
    zip.finish().unwrap().into_inner()
}

/// Omnivore's exporter streams entries and sometimes writes one twice; the zip crate
/// refuses to write that, Python's zipfile does not.
fn zip_folder_with_a_duplicate(dir: &Path, duplicate: &str) -> Vec<u8> {
    let out = tempfile::NamedTempFile::new().unwrap();
    let script = "import os, sys, zipfile, warnings\nwarnings.simplefilter('ignore')\n\
        root, out, dup = sys.argv[1:4]\n\
        with zipfile.ZipFile(out, 'w', zipfile.ZIP_DEFLATED) as z:\n\
        \x20   for base, _, files in os.walk(root):\n\
        \x20       for f in sorted(files):\n\
        \x20           path = os.path.join(base, f)\n\
        \x20           z.write(path, os.path.relpath(path, root))\n\
        \x20   z.write(os.path.join(root, dup), dup)\n";
    let status = std::process::Command::new("python3").arg("-c").arg(script).arg(dir).arg(out.path()).arg(duplicate).status().unwrap();
    assert!(status.success());
    std::fs::read(out.path()).unwrap()
}

fn library() -> (tempfile::TempDir, Library) {
    let dir = tempfile::tempdir().unwrap();
    let library = Library::open(&dir.path().join("library.sqlite3")).unwrap();
    (dir, library)
}

fn titled(library: &Library, title: &str) -> lectern_core::ArticleSummary {
    library.list_articles().unwrap().into_iter().find(|a| a.title == title).unwrap_or_else(|| panic!("{title} not in the library"))
}

#[test]
fn a_pocket_zip_brings_links_tags_states_collections_and_highlights_that_anchor_when_the_text_arrives() {
    let bytes = zip_folder(&fixtures().join("pocket-export"));
    let foreign = read_export("pocket.zip", &bytes).unwrap();
    assert_eq!(foreign.format, Format::PocketZip);
    let preview = foreign.preview();
    // 3 + 3 good rows (a fourth is not a web address), plus one known only from its highlight.
    assert_eq!(preview.articles, 7, "{preview:?}");
    assert_eq!(preview.highlights, 4);
    assert_eq!(preview.archived, 1);
    assert_eq!(preview.with_text, 0);
    for tag in ["Slow reading", "europe", "news", "science", "travel"] {
        assert!(preview.tags.contains(&tag.to_string()), "{tag} missing from {:?}", preview.tags);
    }
    let problems: Vec<String> = preview.problems.iter().map(|p| format!("{}: {}", p.line, p.message)).collect();
    assert!(problems.iter().any(|p| p.contains("part_000001.csv") && p.contains("javascript:alert(1)")), "{problems:?}");
    assert!(problems.iter().any(|p| p.contains("not UTF-8")), "{problems:?}");

    let (_dir, mut library) = library();
    let report = library.import_foreign(&foreign).unwrap();
    assert_eq!((report.added, report.links_only, report.highlights_waiting), (7, 7, 4), "{report:?}");
    let trains = titled(&library, "The Night Trains Are Back");
    assert_eq!(trains.saved_at, 1_700_000_000_000, "saved date carried over");
    assert!(trains.tags.contains(&"travel".to_string()) && trains.tags.contains(&"Slow reading".to_string()), "{:?}", trains.tags);
    assert_eq!(titled(&library, "Why Bees Dance").state, ArticleState::Archive);
    assert_eq!(titled(&library, "https://blog.example.net/untitled-post").url.as_deref(), Some("https://blog.example.net/untitled-post"));
    let essay = library.get_article(titled(&library, "Reading, Slowly: an essay").id).unwrap();
    assert_eq!(essay.note, "Read this one on paper.");
    assert!(!library.search("night trains", None).unwrap().hits.is_empty(), "a link-only article is found by its title");

    // The same file again adds nothing.
    let again = library.import_foreign(&foreign).unwrap();
    assert_eq!((again.added, again.highlights_waiting, again.highlights_already_there), (0, 0, 4), "{again:?}");
    assert_eq!(library.list_articles().unwrap().len(), 7);

    // The page is saved for real later: its highlights find their places.
    let page = "<html><head><title>The Night Trains Are Back</title></head><body><article><h1>The Night Trains Are Back</h1>\
        <p>Sleeper services are returning across Europe, and travellers are choosing them again.</p>\
        <p>There is something about a cabin of one's own that no seat can match.</p></article></body></html>";
    let mut fetched = import_bytes("page.html", page.as_bytes()).unwrap();
    fetched.url = Some("https://rail.example.com/night-trains".into());
    fetched.canonical_url = fetched.url.clone();
    library.save_article(&fetched).unwrap();
    let highlights = library.highlights_for(trains.id).unwrap();
    assert_eq!(highlights.len(), 2);
    assert!(highlights.iter().all(|h| !h.orphaned), "{highlights:?}");
}

#[test]
fn pockets_older_html_export_keeps_unread_and_archive_apart() {
    let foreign = read_export("ril_export.html", &std::fs::read(fixtures().join("ril_export.html")).unwrap()).unwrap();
    assert_eq!(foreign.format, Format::PocketHtml);
    let preview = foreign.preview();
    assert_eq!((preview.articles, preview.archived), (3, 1), "{preview:?}");
    assert_eq!(preview.problems.len(), 1, "the file: link is reported");
    let (_dir, mut library) = library();
    library.import_foreign(&foreign).unwrap();
    assert_eq!(titled(&library, "Why Bees Dance").state, ArticleState::Archive);
    assert_eq!(titled(&library, "The Night Trains Are Back").tags, vec!["europe".to_string(), "travel".to_string()]);
}

#[test]
fn instapaper_folders_become_states_stars_and_tags() {
    for (file, articles) in [("instapaper-export.csv", 5), ("instapaper-old.csv", 2)] {
        let foreign = read_export(file, &std::fs::read(fixtures().join(file)).unwrap()).unwrap();
        assert_eq!(foreign.format, Format::Instapaper);
        assert_eq!(foreign.preview().articles, articles, "{file}");
    }
    let foreign = read_export("instapaper-export.csv", &std::fs::read(fixtures().join("instapaper-export.csv")).unwrap()).unwrap();
    let preview = foreign.preview();
    assert!(preview.problems.iter().any(|p| p.line == 6 && p.message.contains("not a url")), "{:?}", preview.problems);
    assert!(preview.problems.iter().any(|p| p.line == 7 && p.message.contains("not a JSON list")), "{:?}", preview.problems);
    let (_dir, mut library) = library();
    library.import_foreign(&foreign).unwrap();
    let essay = titled(&library, "Reading, Slowly: an essay");
    assert!(essay.favorite);
    assert!(library.get_article(essay.id).unwrap().note.contains("Attention is a kind of love."));
    assert_eq!(titled(&library, "Why Bees Dance").state, ArticleState::Archive);
    assert_eq!(titled(&library, "Café culture").tags, vec!["Recipes".to_string()]);
    assert_eq!(titled(&library, "Tags that are not JSON").tags, vec!["local".to_string(), "news".to_string()]);
    assert_eq!(
        library.article_page(&lectern_core::library::ArticleQuery { shelf: Shelf::Starred, ..Default::default() }).unwrap().total,
        Some(1)
    );
}

#[test]
fn an_omnivore_zip_brings_the_saved_text_with_highlights_notes_labels_and_progress() {
    let bytes = zip_folder_with_a_duplicate(&fixtures().join("omnivore-export"), "content/why-bees-dance-77aa.html");
    let foreign = read_export("omnivore-export.zip", &bytes).unwrap();
    assert_eq!(foreign.format, Format::OmnivoreZip);
    let preview = foreign.preview();
    assert_eq!((preview.articles, preview.with_text, preview.highlights, preview.notes), (3, 2, 4, 2), "{preview:?}");

    let (_dir, mut library) = library();
    let report = library.import_foreign(&foreign).unwrap();
    assert_eq!((report.added, report.links_only, report.highlights_anchored, report.highlights_waiting), (3, 1, 4, 0), "{report:?}");
    let room = titled(&library, "The Quiet Reading Room");
    assert_eq!(room.byline.as_deref(), Some("Mary Reader"));
    assert!((room.read_progress - 0.45).abs() < 1e-9);
    assert!(room.tags.contains(&"libraries".to_string()));
    assert!(room.favorite, "Omnivore's Favorites label is a star");
    let article = library.get_article(room.id).unwrap();
    assert!(!article.content_html.contains("script"), "the saved page is sanitized like any other");
    let highlights = library.highlights_for(room.id).unwrap();
    let text = library.article_text(room.id).unwrap();
    let first = highlights.iter().find(|h| h.selector.exact.starts_with("Libraries are not warehouses")).unwrap();
    assert_eq!(first.note, "The best line in the piece.");
    let units: Vec<u16> = text.encode_utf16().collect();
    assert_eq!(String::from_utf16_lossy(&units[first.selector.start as usize..first.selector.end as usize]), first.selector.exact);
    let evening = highlights.iter().find(|h| h.selector.exact.starts_with("When the lamps")).unwrap();
    assert_eq!(evening.note, "A note about the evening\n\nthat runs over two paragraphs.");
    assert_eq!(titled(&library, "Why Bees Dance").state, ArticleState::Archive);
}

#[test]
fn an_export_merges_into_articles_already_saved_without_touching_their_text() {
    let (_dir, mut library) = library();
    let page = std::fs::read(fixtures().join("omnivore-export/content/why-bees-dance-77aa.html")).unwrap();
    let mut saved = import_bytes("bees.html", &page).unwrap();
    saved.url = Some("https://science.example.com/bees".into());
    saved.canonical_url = saved.url.clone();
    let id = library.save_article(&saved).unwrap().id();
    let before = library.get_article(id).unwrap();
    let bytes = zip_folder(&fixtures().join("pocket-export"));
    let report = library.import_foreign(&read_export("pocket.zip", &bytes).unwrap()).unwrap();
    assert_eq!(report.merged, 1, "{report:?}");
    let after = library.get_article(id).unwrap();
    assert_eq!(after.content_html, before.content_html);
    assert_eq!(after.summary.state, ArticleState::Inbox, "the reader's own state is kept");
    let highlights = library.highlights_for(id).unwrap();
    assert_eq!(highlights.len(), 1);
    assert!(!highlights[0].orphaned, "anchored on the text already saved");
    assert_eq!(library.list_articles().unwrap().iter().filter(|a| a.title == "Why Bees Dance").count(), 1);
}

#[test]
fn kindle_clippings_become_books_with_their_highlights_and_notes() {
    let foreign = read_export("My Clippings.txt", &std::fs::read(fixtures().join("My Clippings.txt")).unwrap()).unwrap();
    assert_eq!(foreign.format, Format::Kindle);
    let preview = foreign.preview();
    // The extended highlight is kept once, in its longer form; the bookmark has no text.
    assert_eq!((preview.articles, preview.highlights, preview.notes), (2, 3, 1), "{preview:?}");
    assert_eq!(preview.problems.len(), 1);
    let (_dir, mut library) = library();
    let report = library.import_foreign(&foreign).unwrap();
    assert_eq!(report.highlights_anchored, 3, "{report:?}");
    let book = titled(&library, "The Quiet Library");
    assert_eq!(book.byline.as_deref(), Some("Reader, Mary"));
    let highlights = library.highlights_for(book.id).unwrap();
    assert_eq!(highlights[0].note, "This is the thesis.");
    assert_eq!(highlights[0].created_at, 1_671_376_796_000);
    assert!(highlights.iter().any(|h| h.selector.exact == "Silence is lent as readily as books, and returned less often."));
    let again = library.import_foreign(&foreign).unwrap();
    assert_eq!((again.added, again.highlights_already_there), (0, 3), "{again:?}");
    assert_eq!(library.all_highlights(&HighlightFilter::default()).unwrap().len(), 3, "nothing twice");
}

#[test]
fn a_file_that_is_no_export_is_refused_clearly() {
    let error = read_export("notes.txt", b"just some text").err().unwrap();
    assert_eq!(error.kind(), ErrorKind::InvalidInput);
    assert!(error.to_string().contains("not an export Lectern recognises"), "{error}");
    assert!(read_export("broken.zip", b"PK\x03\x04 not really").is_err());
}

#[test]
fn readwise_highlights_become_books_with_notes_colours_and_dates() {
    let foreign = read_export("readwise-highlights.csv", &std::fs::read(fixtures().join("readwise-highlights.csv")).unwrap()).unwrap();
    assert_eq!(foreign.format, Format::ReadwiseHighlights);
    let preview = foreign.preview();
    assert_eq!((preview.articles, preview.highlights, preview.notes), (2, 3, 2), "{preview:?}");
    assert!(preview.problems.iter().any(|p| p.line == 6 && p.message.contains("no highlight text")), "{:?}", preview.problems);
    let (_dir, mut library) = library();
    let report = library.import_foreign(&foreign).unwrap();
    assert_eq!(report.highlights_anchored, 3, "{report:?}");
    let book = titled(&library, "Meditations");
    assert_eq!(book.byline.as_deref(), Some("Marcus Aurelius"));
    assert_eq!(book.tags, vec!["philosophy".to_string(), "stoicism".to_string()]);
    let highlights = library.highlights_for(book.id).unwrap();
    assert_eq!(highlights[0].note, "Realise this.");
    assert_eq!(highlights[0].created_at, 1_769_493_406_000);
    assert!(highlights[1].selector.exact.contains("What stands in the way"), "multi-line cells are one highlight");
    assert_eq!(highlights[1].color, lectern_core::annotate::HighlightColor::Yellow, "orange reads as yellow");
}

#[test]
fn reader_documents_and_the_readwise_template_bring_links_states_and_waiting_highlights() {
    let documents = read_export("Reader-export.csv", &std::fs::read(fixtures().join("reader-documents.csv")).unwrap()).unwrap();
    assert_eq!(documents.format, Format::ReaderDocuments);
    assert_eq!(documents.preview().problems.len(), 1, "the feed item with no address");
    let (_dir, mut library) = library();
    library.import_foreign(&documents).unwrap();
    let trains = titled(&library, "The Night Trains Are Back");
    assert!(trains.favorite, "the favorite tag is a star");
    assert_eq!(trains.tags, vec!["don't".to_string(), "travel".to_string()]);
    assert!((trains.read_progress - 0.35).abs() < 1e-9);
    assert_eq!(titled(&library, "Why Bees Dance").state, ArticleState::Archive);

    let template = read_export("import.csv", &std::fs::read(fixtures().join("readwise-template.csv")).unwrap()).unwrap();
    assert_eq!(template.format, Format::ReadwiseTemplate);
    let report = library.import_foreign(&template).unwrap();
    assert_eq!((report.merged, report.added, report.highlights_waiting, report.highlights_anchored), (1, 1, 2, 1), "{report:?}");
    assert_eq!(library.highlights_for(trains.id).unwrap().len(), 2, "highlights joined the saved link");
}

#[test]
fn hypothesis_and_w3c_annotations_come_with_their_quotes_notes_and_tags_and_anchor_on_the_page() {
    let hypothesis = read_export("hypothesis-export.json", &std::fs::read(fixtures().join("hypothesis-export.json")).unwrap()).unwrap();
    assert_eq!(hypothesis.format, Format::Hypothesis);
    let preview = hypothesis.preview();
    assert_eq!((preview.articles, preview.highlights), (1, 1), "{preview:?}");
    assert_eq!(preview.problems.len(), 1, "the PDF annotation has no web page");
    let w3c = read_export("notes.jsonld", &std::fs::read(fixtures().join("w3c-annotations.jsonld")).unwrap()).unwrap();
    assert_eq!(w3c.format, Format::W3cAnnotations);
    assert_eq!((w3c.preview().articles, w3c.preview().highlights), (1, 2));

    // The bees page is already saved: its highlights anchor at once.
    let (_dir, mut library) = library();
    let page = std::fs::read(fixtures().join("omnivore-export/content/why-bees-dance-77aa.html")).unwrap();
    let mut saved = import_bytes("bees.html", &page).unwrap();
    saved.url = Some("https://science.example.com/bees".into());
    saved.canonical_url = saved.url.clone();
    let bees = library.save_article(&saved).unwrap().id();
    let report = library.import_foreign(&w3c).unwrap();
    assert_eq!((report.merged, report.highlights_anchored), (1, 2), "{report:?}");
    let highlights = library.highlights_for(bees).unwrap();
    assert_eq!(highlights[0].note, "The dance as a map.");
    assert_eq!(titled(&library, "Why Bees Dance").tags, vec!["bees".to_string()]);

    let report = library.import_foreign(&hypothesis).unwrap();
    assert_eq!((report.added, report.highlights_waiting), (1, 1), "{report:?}");
    let trains = titled(&library, "The Night Trains Are Back");
    assert_eq!(trains.tags, vec!["europe".to_string(), "rail".to_string()]);
    assert_eq!(library.get_article(trains.id).unwrap().note, "A page note: the whole series is good.");
    let waiting = &library.highlights_for(trains.id).unwrap()[0];
    assert!(waiting.orphaned);
    assert_eq!((waiting.selector.prefix.as_str(), waiting.note.as_str()), ("Back ", "Worth quoting in the **newsletter**."));
}
