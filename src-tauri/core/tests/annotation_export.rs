//! Highlights out as W3C Web Annotations and as Readwise's CSV, checked by reading them
//! back with the importers another library would use.

mod support;

use lectern_core::Library;
use lectern_core::annotate::HighlightColor;
use lectern_core::import::import_bytes;
use lectern_core::interop::{FileExport, Format, read_export};

const PAGE: &str = "<html><head><title>Emoji and Bees</title></head><body><article><h1>Emoji and Bees</h1>\
    <p>A forager 🐝 returns to the hive. The waggle dance encodes distance and direction to the flowers she found.</p>\
    <p>Her sisters read it in the dark, and fly out at dawn.</p></article></body></html>";
const QUOTE: &str = "The waggle dance encodes distance and direction";

fn library_with_the_page(path: &std::path::Path) -> (Library, i64) {
    let mut library = Library::open(path).unwrap();
    let mut article = import_bytes("bees.html", PAGE.as_bytes()).unwrap();
    article.url = Some("https://science.example.com/emoji-bees".into());
    article.canonical_url = article.url.clone();
    let id = library.save_article(&article).unwrap().id();
    (library, id)
}

fn highlighted(path: &std::path::Path) -> (Library, i64) {
    let (mut library, id) = library_with_the_page(path);
    let highlight = support::highlight_quote(&mut library, id, QUOTE, HighlightColor::Blue);
    library.set_highlight_note(highlight.id, "A map in a dance.").unwrap();
    library.tag_articles("bees", &[id]).unwrap();
    (library, id)
}

#[test]
fn w3c_annotations_carry_quote_position_in_code_points_colour_note_and_tags() {
    let dir = tempfile::tempdir().unwrap();
    let (library, id) = highlighted(&dir.path().join("a.sqlite3"));
    let written = library.export_file(FileExport::W3c, &[], None).unwrap();
    let collection: serde_json::Value = serde_json::from_slice(&written.bytes).unwrap();
    assert_eq!(collection["type"], "AnnotationCollection");
    let annotation = &collection["first"]["items"][0];
    assert_eq!(annotation["motivation"], "commenting");
    assert_eq!(annotation["target"]["source"], "https://science.example.com/emoji-bees");
    assert_eq!(annotation["target"]["styleClass"], "blue");
    let selectors = annotation["target"]["selector"].as_array().unwrap();
    assert_eq!(selectors[0]["exact"], QUOTE);
    let text = library.article_text(id).unwrap();
    let start = text[..text.find(QUOTE).unwrap()].chars().count();
    assert_eq!(selectors[1]["start"], start, "code points, not UTF-16 units (the 🐝 before it counts once)");
    assert_eq!(selectors[1]["end"], start + QUOTE.chars().count());
    assert_eq!(annotation["body"][0]["value"], "A map in a dance.");
    assert_eq!(annotation["body"][1]["purpose"], "tagging");

    // Another library with the same page reads them back onto it.
    let file = serde_json::to_vec(&collection).unwrap();
    let (mut other, other_id) = library_with_the_page(&dir.path().join("b.sqlite3"));
    let foreign = read_export("lectern-highlights.jsonld", &file).unwrap();
    assert_eq!(foreign.format, Format::W3cAnnotations);
    let report = other.import_foreign(&foreign).unwrap();
    assert_eq!((report.merged, report.highlights_anchored), (1, 1), "{report:?}");
    let back = &other.highlights_for(other_id).unwrap()[0];
    assert_eq!((back.selector.exact.as_str(), back.note.as_str()), (QUOTE, "A map in a dance."));
}

#[test]
fn the_readwise_csv_is_the_bulk_import_template_and_reads_back() {
    let dir = tempfile::tempdir().unwrap();
    let (library, _) = highlighted(&dir.path().join("a.sqlite3"));
    let written = library.export_file(FileExport::ReadwiseCsv, &[], None).unwrap();
    let csv = written.bytes;
    assert_eq!(written.highlights, 1);
    let text = String::from_utf8(csv.clone()).unwrap();
    assert!(text.starts_with("Highlight,Title,Author,URL,Note,Location,Date\n"), "{text}");
    assert!(text.contains(&format!("{QUOTE},Emoji and Bees,,https://science.example.com/emoji-bees,A map in a dance.,")), "{text}");
    let (mut other, other_id) = library_with_the_page(&dir.path().join("b.sqlite3"));
    let foreign = read_export("readwise.csv", &csv).unwrap();
    assert_eq!(foreign.format, Format::ReadwiseTemplate);
    other.import_foreign(&foreign).unwrap();
    assert_eq!(other.highlights_for(other_id).unwrap()[0].note, "A map in a dance.");
}
