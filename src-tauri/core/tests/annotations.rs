//! Highlights, notes, bookmarks and reading position on a real library file, and
//! highlights surviving changes to the article's text.

use lectern_core::annotate::anchor::Text;
use lectern_core::annotate::{HighlightColor, HighlightFilter, NewHighlight};
use lectern_core::import::import_bytes;
use lectern_core::seeds::BUNDLED;
use lectern_core::{ErrorKind, Library, SaveOutcome};

fn seeded() -> (tempfile::TempDir, Library, i64, String) {
    let dir = tempfile::tempdir().unwrap();
    let mut library = Library::open(&dir.path().join("library.sqlite3")).unwrap();
    library.import_seeds(BUNDLED).unwrap();
    let id = library.list_articles().unwrap()[0].id;
    let text = library.article_text(id).unwrap();
    (dir, library, id, text)
}

/// The UTF-16 range of `quote` in `text`, as the webview would report a selection.
fn range(text: &str, quote: &str) -> (u32, u32) {
    let byte = text.find(quote).unwrap_or_else(|| panic!("{quote:?} not in text"));
    let start = text[..byte].encode_utf16().count() as u32;
    (start, start + quote.encode_utf16().count() as u32)
}

fn new(text: &str, quote: &str, color: HighlightColor) -> NewHighlight {
    let (start, end) = range(text, quote);
    NewHighlight { start, end, exact: quote.to_string(), color, note: None }
}

#[test]
fn a_highlight_with_a_note_is_kept_with_its_quote_and_context() {
    let (dir, mut library, id, text) = seeded();
    let quote = "Iran and Russia have long cooperated in facing shared threats";
    let highlight = library.add_highlight(id, &new(&text, quote, HighlightColor::Green)).unwrap();
    assert_eq!(highlight.selector.exact, quote);
    assert!(highlight.selector.prefix.ends_with("concerns and adversaries. "));
    library.set_highlight_note(highlight.id, "The *key* claim.").unwrap();

    drop(library);
    let library = Library::open(&dir.path().join("library.sqlite3")).unwrap();
    let stored = library.highlights_for(id).unwrap();
    assert_eq!(stored.len(), 1);
    assert_eq!(stored[0].note, "The *key* claim.");
    assert_eq!(stored[0].color, HighlightColor::Green);
    assert_eq!(Text::new(&text).slice(stored[0].selector.start as usize, stored[0].selector.end as usize), quote);
}

#[test]
fn a_selection_that_does_not_match_the_text_is_refused() {
    let (_dir, mut library, id, text) = seeded();
    let mut wrong = new(&text, "a personal letter", HighlightColor::Yellow);
    wrong.exact = "something else".into();
    assert_eq!(library.add_highlight(id, &wrong).unwrap_err().kind(), ErrorKind::InvalidInput);
    let empty = NewHighlight { start: 5, end: 5, exact: String::new(), color: HighlightColor::Yellow, note: None };
    assert_eq!(library.add_highlight(id, &empty).unwrap_err().kind(), ErrorKind::InvalidInput);
    assert!(library.highlights_for(id).unwrap().is_empty());
}

#[test]
fn colour_extent_delete_and_undo() {
    let (_dir, mut library, id, text) = seeded();
    let h = library.add_highlight(id, &new(&text, "personal letter", HighlightColor::Yellow)).unwrap();
    assert_eq!(library.set_highlight_color(h.id, HighlightColor::Purple).unwrap().color, HighlightColor::Purple);
    let (start, end) = range(&text, "a personal letter to Russian President Vladimir Putin");
    let wider = library.set_highlight_range(h.id, start, end, "a personal letter to Russian President Vladimir Putin").unwrap();
    assert_eq!(wider.selector.exact, "a personal letter to Russian President Vladimir Putin");
    let deleted = library.delete_highlight(h.id).unwrap();
    assert!(library.highlights_for(id).unwrap().is_empty());
    let restored = library.restore_highlight(&deleted).unwrap();
    assert_eq!(restored, deleted);
}

#[test]
fn highlights_follow_the_text_when_the_article_is_re_fetched() {
    let (_dir, mut library, id, text) = seeded();
    let kept = library.add_highlight(id, &new(&text, "That cooperation will continue.", HighlightColor::Yellow)).unwrap();
    let edited_quote = library
        .add_highlight(
            id,
            &new(&text, "Putin responded by condemning the military strikes as \u{201c}unjustified\u{201d}", HighlightColor::Blue),
        )
        .unwrap();
    let removed = library
        .add_highlight(id, &new(&text, "Tehran, however, maintains that its nuclear program is peaceful", HighlightColor::Pink))
        .unwrap();

    // A new version: a paragraph added at the top, a word changed, a sentence removed.
    let original = std::str::from_utf8(BUNDLED[0].bytes).unwrap();
    let revised = original
        .replacen("\n\n", "\n\nUpdate: this article was revised with new reporting from Moscow.\n", 1)
        .replace("condemning the military strikes", "condemning the recent strikes")
        .replace("Tehran, however, maintains that its nuclear program is peaceful and aimed at increasing energy output.\n", "");
    let article = import_bytes("iran-russia-letter.txt", revised.as_bytes()).unwrap();
    library.replace_content(id, &article).unwrap();

    let new_text = Text::new(&library.article_text(id).unwrap());
    let after = library.highlights_for(id).unwrap();
    let find = |hid: i64| after.iter().find(|h| h.id == hid).unwrap();
    let at = |hid: i64| new_text.slice(find(hid).selector.start as usize, find(hid).selector.end as usize);

    assert!(!find(kept.id).orphaned);
    assert_eq!(at(kept.id), "That cooperation will continue.");
    assert!(find(kept.id).selector.start > kept.selector.start, "moved down with the new paragraph");

    assert!(!find(edited_quote.id).orphaned);
    assert_eq!(at(edited_quote.id), "Putin responded by condemning the recent strikes as \u{201c}unjustified\u{201d}");

    let lost = find(removed.id);
    assert!(lost.orphaned, "a removed sentence orphans its highlight");
    assert_eq!(lost.selector.exact, "Tehran, however, maintains that its nuclear program is peaceful", "the quote is kept to show");
    assert_eq!(after.last().unwrap().id, removed.id, "orphans are listed last");
}

#[test]
fn re_saving_a_changed_page_updates_it_in_place() {
    let dir = tempfile::tempdir().unwrap();
    let mut library = Library::open(&dir.path().join("library.sqlite3")).unwrap();
    let mut first = import_bytes("a.txt", b"Title\n\nOriginal words of the story.").unwrap();
    first.canonical_url = Some("https://news.example/story".into());
    let id = library.save_article(&first).unwrap().id();
    let mut second = import_bytes("a.txt", b"Title\n\nRevised words of the story.").unwrap();
    second.canonical_url = first.canonical_url.clone();
    assert_eq!(library.save_article(&second).unwrap(), SaveOutcome::Updated { id });
    assert!(library.article_text(id).unwrap().contains("Revised"));
}

#[test]
fn bookmarks_and_reading_position() {
    let (dir, mut library, id, text) = seeded();
    let (position, _) = range(&text, "The timing of the letter is critical");
    let bookmark = library.add_bookmark(id, position, "  Timing  ").unwrap();
    assert_eq!(bookmark.label, "Timing");
    assert!(bookmark.context.starts_with("The timing of the letter is critical"), "{}", bookmark.context);
    library.set_reading_position(id, position, 0.6).unwrap();
    library.set_favorite(id, true).unwrap();
    library.set_article_note(id, "Follow up on the treaty.").unwrap();

    drop(library);
    let mut library = Library::open(&dir.path().join("library.sqlite3")).unwrap();
    let article = library.get_article(id).unwrap();
    assert_eq!(article.last_position, i64::from(position));
    assert!((article.summary.read_progress - 0.6).abs() < 1e-9);
    assert!(article.summary.favorite);
    assert_eq!(article.note, "Follow up on the treaty.");
    assert_eq!(library.bookmarks_for(id).unwrap().len(), 1);

    // Scrolling back up does not undo progress; reaching the end marks it read.
    library.set_reading_position(id, 0, 0.1).unwrap();
    assert!((library.get_article(id).unwrap().summary.read_progress - 0.6).abs() < 1e-9);
    library.set_reading_position(id, position, 0.99).unwrap();
    assert_eq!(library.get_article(id).unwrap().summary.read_progress, 1.0);

    library.delete_bookmark(bookmark.id).unwrap();
    assert!(library.bookmarks_for(id).unwrap().is_empty());
}

#[test]
fn the_trash_keeps_an_articles_highlights() {
    let (_dir, mut library, id, text) = seeded();
    library.add_highlight(id, &new(&text, "personal letter", HighlightColor::Yellow)).unwrap();
    library.trash_article(id).unwrap();
    assert_eq!(library.highlights_for(id).unwrap().len(), 1, "the trash keeps highlights");
}

#[test]
fn the_library_wide_view_filters_by_colour_article_and_date() {
    let (_dir, mut library, seed, text) = seeded();
    let other = library.save_article(&import_bytes("b.txt", b"Another Article\n\nA sentence worth keeping here.").unwrap()).unwrap().id();
    let other_text = library.article_text(other).unwrap();
    library.add_highlight(seed, &new(&text, "personal letter", HighlightColor::Yellow)).unwrap();
    library.add_highlight(seed, &new(&text, "shared threats", HighlightColor::Blue)).unwrap();
    let newest = library.add_highlight(other, &new(&other_text, "worth keeping", HighlightColor::Blue)).unwrap();

    let all = library.all_highlights(&HighlightFilter::default()).unwrap();
    assert_eq!(all.len(), 3);
    assert_eq!(all[0].highlight.id, newest.id, "newest first");
    assert_eq!(all[0].article_title, "Another Article");

    let blue = library.all_highlights(&HighlightFilter { colors: vec![HighlightColor::Blue], ..Default::default() }).unwrap();
    assert_eq!(blue.len(), 2);
    let in_seed = library
        .all_highlights(&HighlightFilter { article_id: Some(seed), colors: vec![HighlightColor::Blue], ..Default::default() })
        .unwrap();
    assert_eq!(in_seed.len(), 1);
    assert_eq!(in_seed[0].highlight.selector.exact, "shared threats");
    let future = library.all_highlights(&HighlightFilter { since: Some(i64::MAX), ..Default::default() }).unwrap();
    assert!(future.is_empty());
    let page = library.all_highlights(&HighlightFilter { limit: Some(2), offset: Some(2), ..Default::default() }).unwrap();
    assert_eq!(page.len(), 1);

    library.trash_article(other).unwrap();
    assert_eq!(library.all_highlights(&HighlightFilter::default()).unwrap().len(), 2, "trashed articles' highlights are hidden");
}
