//! Blocks never run together in the article text: a list saved with no whitespace between
//! its items is searchable by its words, and a library saved before that rule existed
//! is brought up to it (schema 8) without losing or shifting a highlight.

mod support;

use lectern_core::Library;
use lectern_core::annotate::HighlightColor;
use lectern_core::import::import_bytes;

/// An article as Lectern stored it before schema 8: blocks glued together.
const OLD_HTML: &str = "<h2>Stars</h2><ul><li>Sun</li><li>Milky Way Galaxy</li></ul><p>Everything we see at night.</p>";
const OLD_TEXT: &str = "StarsSunMilky Way GalaxyEverything we see at night.";

#[test]
fn list_items_without_whitespace_are_found_as_phrases() {
    let dir = tempfile::tempdir().unwrap();
    let mut library = Library::open(&dir.path().join("library.sqlite3")).unwrap();
    let page = format!("<html><head><title>Night sky notes</title></head><body><article>{OLD_HTML}</article></body></html>");
    let article = import_bytes("stars.html", page.as_bytes()).unwrap();
    assert!(article.content_text.contains("Sun\nMilky Way Galaxy\nEverything"), "{:?}", article.content_text);
    library.save_article(&article).unwrap();
    assert_eq!(library.search("\"Milky Way Galaxy\"", None).unwrap().hits.len(), 1);
    assert_eq!(library.search("GalaxyEverything", None).unwrap().hits.len(), 0, "no non-word made of two blocks");
}

#[test]
fn a_library_from_before_block_separators_is_migrated_with_every_highlight_in_place() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("library.sqlite3");
    let id = {
        let mut library = Library::open(&path).unwrap();
        let page = format!("<html><head><title>Night sky notes</title></head><body><article>{OLD_HTML}</article></body></html>");
        let id = library.save_article(&import_bytes("stars.html", page.as_bytes()).unwrap()).unwrap().id();
        // Write the article as the previous Lectern stored it.
        let conn = rusqlite::Connection::open(&path).unwrap();
        lectern_core::library::register_functions(&conn).unwrap();
        conn.execute(
            "UPDATE articles SET content_html = ?2, content_text = ?3, content_hash = ?4, word_count = 7 WHERE id = ?1",
            rusqlite::params![id, OLD_HTML, OLD_TEXT, lectern_core::import::content_hash(OLD_TEXT)],
        )
        .unwrap();
        let mut library = Library::open(&path).unwrap();
        support::highlight_quote(&mut library, id, "Milky Way", HighlightColor::Yellow);
        support::highlight_quote(&mut library, id, "GalaxyEverything", HighlightColor::Blue); // across two blocks
        support::highlight_quote(&mut library, id, "Stars", HighlightColor::Green); // at the very start
        let at_everything = OLD_TEXT.find("Everything").unwrap() as u32;
        library.add_bookmark(id, at_everything, "here").unwrap();
        library.set_reading_position(id, at_everything, 0.5).unwrap();
        conn.execute_batch("PRAGMA user_version = 7;").unwrap();
        id
    };

    let library = Library::open(&path).unwrap();
    assert_eq!(library.schema_version().unwrap(), lectern_core::library::schema::latest_version());
    let text = library.article_text(id).unwrap();
    assert_eq!(text, "Stars\nSun\nMilky Way Galaxy\nEverything we see at night.");
    assert!(library.get_article(id).unwrap().content_html.contains("<li>Sun</li>\n<li>Milky Way Galaxy</li>"));
    let quotes: Vec<(String, bool)> = library.highlights_for(id).unwrap().into_iter().map(|h| (h.selector.exact, h.orphaned)).collect();
    assert_eq!(
        quotes,
        [("Stars".to_string(), false), ("Milky Way".to_string(), false), ("Galaxy\nEverything".to_string(), false)],
        "every highlight still covers its words"
    );
    for highlight in library.highlights_for(id).unwrap() {
        let units: Vec<u16> = text.encode_utf16().collect();
        let covered = String::from_utf16(&units[highlight.selector.start as usize..highlight.selector.end as usize]).unwrap();
        assert_eq!(covered, highlight.selector.exact, "offsets and quote agree");
    }
    let at_everything = text.find("Everything").unwrap() as u32;
    assert_eq!(library.bookmarks_for(id).unwrap()[0].position, at_everything, "the bookmark is still at its word");
    assert_eq!(library.get_article(id).unwrap().last_position, i64::from(at_everything), "so is the reading position");
    assert_eq!(library.search("\"Milky Way Galaxy\"", None).unwrap().hits.len(), 1, "the search index follows");
    library.check_search_index().unwrap();
    assert_eq!(library.get_article(id).unwrap().summary.word_count, 10, "glued words are words again");
    let mut library = library;
    let page = format!("<html><head><title>Night sky notes</title></head><body><article>{OLD_HTML}</article></body></html>");
    assert_eq!(
        library.save_article(&import_bytes("stars.html", page.as_bytes()).unwrap()).unwrap(),
        lectern_core::SaveOutcome::AlreadySaved { id },
        "the same page imported again is recognised, not saved twice"
    );
}
