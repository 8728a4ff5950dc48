//! The library on real SQLite files: seeding, saving, dedupe, trash.

use lectern_core::import::{self, SourceKind};
use lectern_core::seeds::{BUNDLED, Seed};
use lectern_core::{ErrorKind, Library, SaveOutcome};

fn temp_library() -> (tempfile::TempDir, Library) {
    let dir = tempfile::tempdir().expect("temp dir");
    let library = Library::open(&dir.path().join("library.sqlite3")).expect("open library");
    (dir, library)
}

#[test]
fn a_new_library_holds_the_seed_article_with_its_metadata() {
    let (_dir, mut library) = temp_library();
    assert_eq!(library.import_seeds(BUNDLED).unwrap(), BUNDLED.len());
    let articles = library.list_articles().unwrap();
    assert_eq!(articles.len(), 1);
    let seed = &articles[0];
    assert_eq!(seed.title, "Khamenei Writes to Putin for Support After US and Israeli Strikes");
    assert_eq!(seed.site_name.as_deref(), Some("The Diplomatic Insight"));
    assert_eq!(seed.byline.as_deref(), Some("Farkhund Yousafzai"));
    assert_eq!(seed.source_kind, SourceKind::Seed);
    assert!(seed.word_count > 300, "{}", seed.word_count);
    assert_eq!(seed.reading_minutes, 2);

    let article = library.get_article(seed.id).unwrap();
    assert!(article.content_html.starts_with("<p>Tehran (TDI): In a rare move"));
    assert!(!article.content_html.contains("Read More"), "link cruft must be dropped");
    assert_eq!(article.lang.as_deref(), Some("en"));
}

#[test]
fn seeds_are_imported_once_and_a_deleted_seed_never_returns() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("library.sqlite3");
    {
        let mut library = Library::open(&path).unwrap();
        library.import_seeds(BUNDLED).unwrap();
        assert_eq!(library.import_seeds(BUNDLED).unwrap(), 0, "second run adds nothing");
        let id = library.list_articles().unwrap()[0].id;
        library.trash_article(id).unwrap();
    }
    let mut reopened = Library::open(&path).unwrap();
    assert_eq!(reopened.import_seeds(BUNDLED).unwrap(), 0);
    assert!(reopened.list_articles().unwrap().is_empty());
}

#[test]
fn a_seed_that_cannot_be_read_is_skipped_without_stopping_the_others() {
    let (_dir, mut library) = temp_library();
    let seeds = [Seed { name: "broken.bin", bytes: b"\0\0\0\0" }, Seed { name: "fine.txt", bytes: b"A Title\n\nSome body text." }];
    assert_eq!(library.import_seeds(&seeds).unwrap(), 1);
    assert_eq!(library.list_articles().unwrap()[0].title, "A Title");
}

#[test]
fn every_file_in_seeds_is_bundled() {
    let seeds_dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../seeds");
    let mut on_disk: Vec<String> = std::fs::read_dir(seeds_dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|name| !name.starts_with('.') && !name.ends_with(".md"))
        .collect();
    on_disk.sort();
    let mut bundled: Vec<String> = BUNDLED.iter().map(|s| s.name.to_string()).collect();
    bundled.sort();
    assert_eq!(on_disk, bundled);
}

#[test]
fn saving_the_same_text_twice_keeps_one_article() {
    let (_dir, mut library) = temp_library();
    let article = import::import_bytes("a.txt", b"Title\n\nThe same body text.").unwrap();
    let first = library.save_article(&article).unwrap();
    assert!(matches!(first, SaveOutcome::Added { .. }));
    let again = import::import_bytes("b.txt", b"Other Title\n\nThe  same body\ntext.").unwrap();
    assert_eq!(library.save_article(&again).unwrap(), SaveOutcome::AlreadySaved { id: first.id() });
    assert_eq!(library.list_articles().unwrap().len(), 1);
}

#[test]
fn saving_an_article_in_the_trash_restores_it() {
    let (_dir, mut library) = temp_library();
    let article = import::import_bytes("a.txt", b"Title\n\nBody.").unwrap();
    let id = library.save_article(&article).unwrap().id();
    library.trash_article(id).unwrap();
    assert_eq!(library.get_article(id).unwrap_err().kind(), ErrorKind::NotFound);
    assert_eq!(library.save_article(&article).unwrap(), SaveOutcome::AlreadySaved { id });
    assert_eq!(library.get_article(id).unwrap().summary.title, "Title");
}

#[test]
fn the_stored_text_is_the_text_of_the_stored_html() {
    let (_dir, mut library) = temp_library();
    library.import_seeds(BUNDLED).unwrap();
    let id = library.list_articles().unwrap()[0].id;
    let article = library.get_article(id).unwrap();
    assert_eq!(library.article_text(id).unwrap(), lectern_core::text::article_text(&article.content_html));
}

#[test]
fn newest_articles_come_first() {
    let (_dir, mut library) = temp_library();
    let older = library.save_article(&import::import_bytes("a.txt", b"Older\n\nOne.").unwrap()).unwrap().id();
    std::thread::sleep(std::time::Duration::from_millis(5));
    let newer = library.save_article(&import::import_bytes("b.txt", b"Newer\n\nTwo.").unwrap()).unwrap().id();
    let ids: Vec<i64> = library.list_articles().unwrap().iter().map(|a| a.id).collect();
    assert_eq!(ids, vec![newer, older]);
}

#[test]
fn trashing_a_missing_article_says_not_found() {
    let (_dir, mut library) = temp_library();
    assert_eq!(library.trash_article(42).unwrap_err().kind(), ErrorKind::NotFound);
}

#[test]
fn shelves_are_paged_and_sorted() {
    use lectern_core::library::{ArticleQuery, ArticleState, Shelf, SortOrder};
    let (_dir, mut library) = temp_library();
    let mut ids = Vec::new();
    for (i, words) in ["alpha one", "beta one two three", "gamma"].iter().enumerate() {
        let title = ["Cherry", "apple", "Banana"][i].to_string();
        let article = import::import_bytes("x.txt", format!("{title}\n\n{words} body {i}.").as_bytes()).unwrap();
        ids.push(library.save_article(&article).unwrap().id());
        std::thread::sleep(std::time::Duration::from_millis(3));
    }
    library.set_article_state(ids[0], ArticleState::Archive).unwrap();
    library.set_favorite(ids[2], true).unwrap();
    let page = |shelf, sort, offset, limit| {
        let p = library.article_page(&ArticleQuery { shelf, sort, offset, limit: Some(limit), ..Default::default() }).unwrap();
        (p.items.iter().map(|a| a.title.clone()).collect::<Vec<_>>(), p.total.unwrap())
    };
    assert_eq!(page(Shelf::Inbox, SortOrder::SavedNewest, 0, 10), (vec!["Banana".to_string(), "apple".to_string()], 2));
    assert_eq!(page(Shelf::All, SortOrder::Title, 0, 10).0, ["apple", "Banana", "Cherry"]);
    assert_eq!(page(Shelf::All, SortOrder::Longest, 0, 1), (vec!["apple".to_string()], 3));
    assert_eq!(page(Shelf::All, SortOrder::SavedOldest, 1, 1).0, ["apple"]);
    assert_eq!(page(Shelf::Archive, SortOrder::SavedNewest, 0, 10).0, ["Cherry"]);
    assert_eq!(page(Shelf::Starred, SortOrder::SavedNewest, 0, 10).0, ["Banana"]);

    // Filters combine with the shelf and each other.
    use lectern_core::library::Progress;
    library.set_reading_position(ids[1], 0, 0.5).unwrap();
    library.set_reading_position(ids[2], 0, 1.0).unwrap();
    let narrowed = |progress, favorite_only, with_highlights| {
        let q = ArticleQuery { shelf: Shelf::Inbox, progress, favorite_only, with_highlights, ..Default::default() };
        library.article_page(&q).unwrap().items.iter().map(|a| a.title.clone()).collect::<Vec<_>>()
    };
    assert_eq!(narrowed(Some(Progress::InProgress), false, false), ["apple"]);
    assert_eq!(narrowed(Some(Progress::Finished), true, false), ["Banana"]);
    assert!(narrowed(Some(Progress::Unread), false, false).is_empty());
    assert!(narrowed(None, false, true).is_empty());
}

#[test]
fn tags_are_created_renamed_merged_and_deleted() {
    use lectern_core::library::{ArticleQuery, Shelf};
    let (_dir, mut library) = temp_library();
    let a = library.save_article(&import::import_bytes("a.txt", b"A\n\nOne.").unwrap()).unwrap().id();
    let b = library.save_article(&import::import_bytes("b.txt", b"B\n\nTwo.").unwrap()).unwrap().id();
    let travel = library.tag_articles("  #Travel ", &[a, b]).unwrap();
    assert_eq!((travel.name.as_str(), travel.count), ("Travel", 2));
    let trains = library.tag_articles("trains", &[a]).unwrap();
    assert_eq!(library.get_article(a).unwrap().summary.tags, ["trains", "Travel"]);
    assert!(library.tag_articles("   ", &[a]).is_err());

    let tagged = |library: &Library, tag: &str| {
        let q = ArticleQuery { shelf: Shelf::All, tag: Some(tag.into()), ..Default::default() };
        let page = library.article_page(&q).unwrap();
        (page.items.len(), page.total.unwrap())
    };
    assert_eq!(tagged(&library, "trains"), (1, 1));
    assert_eq!(library.search("tag:travel", None).unwrap().hits.len(), 2);

    // Renaming onto an existing name merges.
    let merged = library.rename_tag(trains.id, "Travel").unwrap();
    assert_eq!((merged.id, merged.count), (travel.id, 2));
    assert_eq!(library.list_tags().unwrap().len(), 1);
    let renamed = library.rename_tag(travel.id, "Journeys").unwrap();
    assert_eq!(renamed.name, "Journeys");

    library.untag_article("Journeys", b).unwrap();
    assert_eq!(library.list_tags().unwrap()[0].count, 1);
    library.trash_article(a).unwrap();
    assert_eq!(library.list_tags().unwrap()[0].count, 0, "an article in the trash is not counted");
    library.restore_article(a).unwrap();
    assert_eq!(library.list_tags().unwrap()[0].count, 1);
    library.delete_tag(renamed.id).unwrap();
    assert!(library.list_tags().unwrap().is_empty());
    assert!(library.get_article(a).unwrap().summary.tags.is_empty(), "articles stay, untagged");
}

#[test]
fn many_articles_are_archived_or_trashed_at_once() {
    use lectern_core::library::{ArticleQuery, ArticleState, Shelf};
    let (_dir, mut library) = temp_library();
    let ids: Vec<i64> = (0..4)
        .map(|i| library.save_article(&import::import_bytes("x.txt", format!("T{i}\n\nBody {i}.").as_bytes()).unwrap()).unwrap().id())
        .collect();
    assert_eq!(library.set_articles_state(&ids[..2], ArticleState::Archive).unwrap(), 2);
    let archive = library.article_page(&ArticleQuery { shelf: Shelf::Archive, ..Default::default() }).unwrap();
    assert_eq!(archive.total, Some(2));
    assert_eq!(library.trash_articles(&ids[1..]).unwrap(), 3);
    assert_eq!(library.list_trash().unwrap().len(), 3);
    assert_eq!(library.list_articles().unwrap().len(), 1);
}

/// A library written by Lectern at schema 5 (the body in the middle of each article row),
/// with everything that refers to its articles: the update to 6 rebuilds the table and
/// must keep every highlight, tag, bookmark, version and download note, and the search.
#[test]
fn the_update_that_moves_article_bodies_last_keeps_everything() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("library.sqlite3");
    let mut conn = rusqlite::Connection::open(&path).unwrap();
    conn.pragma_update(None, "foreign_keys", true).unwrap();
    lectern_core::library::schema::migrations().to_version(&mut conn, 5).unwrap();
    conn.execute_batch(
        "INSERT INTO articles (id, url, title, saved_at, updated_at, content_html, content_text, source_kind, content_hash, state, favorite, read_progress, note)
           VALUES (7, 'https://example.org/tides', 'Tide tables', 1, 2, '<p>The moon pulls the sea.</p>', 'The moon pulls the sea.', 'url', 'h7', 'archive', 1, 0.5, 'a note'),
                  (8, NULL, 'Only a link', 3, 4, '', '', 'url', 'placeholder:x', 'inbox', 0, 0, '');
         INSERT INTO highlights (article_id, color, start, \"end\", exact, note, created_at, updated_at) VALUES (7, 'yellow', 4, 8, 'moon', 'why', 5, 5);
         INSERT INTO tags (id, name) VALUES (1, 'sea');
         INSERT INTO article_tags (article_id, tag_id) VALUES (7, 1);
         INSERT INTO bookmarks (article_id, position, created_at) VALUES (7, 9, 6);
         INSERT INTO article_versions (article_id, title, content_html, content_text, content_hash, word_count, saved_at, replaced_at)
           VALUES (7, 'Old tides', '<p>old</p>', 'old', 'h0', 1, 0, 1);
         INSERT INTO link_downloads (article_id, attempts, last_error, last_attempt_at) VALUES (8, 2, '404', 9);",
    )
    .unwrap();
    drop(conn);

    let library = Library::open(&path).unwrap();
    assert_eq!(library.schema_version().unwrap(), lectern_core::library::schema::latest_version());
    let article = library.get_article(7).unwrap();
    assert_eq!((article.summary.title.as_str(), library.article_text(7).unwrap().as_str()), ("Tide tables", "The moon pulls the sea."));
    assert_eq!((article.summary.favorite, article.summary.read_progress, article.note.as_str()), (true, 0.5, "a note"));
    assert_eq!(article.summary.tags, ["sea"]);
    let highlights = library.highlights_for(7).unwrap();
    assert_eq!((highlights.len(), highlights[0].note.as_str()), (1, "why"));
    assert_eq!(library.bookmarks_for(7).unwrap().len(), 1);
    assert_eq!(library.previous_versions(7).unwrap().len(), 1);
    let link = library.list_articles().unwrap().into_iter().find(|a| a.id == 8).unwrap();
    assert_eq!(link.download_error.as_deref(), Some("404"));
    library.check_search_index().unwrap();
    assert_eq!(library.search("moon", None).unwrap().hits[0].article.id, 7);
    assert_eq!(library.search("why", None).unwrap().hits[0].highlights.len(), 1, "notes are found too");
}

#[test]
fn paging_after_the_last_row_gives_every_article_once_in_every_order() {
    use lectern_core::library::{ArticleQuery, Shelf, SortOrder};
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("library.sqlite3");
    let mut library = Library::open(&path).unwrap();
    lectern_core::synthetic::generate(&mut library, 60, 0, 7).unwrap();
    // Ties in every key, so the order rests on the id where the keys are equal.
    let conn = rusqlite::Connection::open(&path).unwrap();
    lectern_core::library::register_functions(&conn).unwrap();
    conn.execute_batch(
        "UPDATE articles SET saved_at = 1700000000000 WHERE id % 3 = 0;
         UPDATE articles SET published_at = NULL WHERE id % 4 = 0;
         UPDATE articles SET published_at = '2024-05-01' WHERE id % 5 = 0;
         UPDATE articles SET title = 'Same title' WHERE id % 6 = 0;
         UPDATE articles SET word_count = 500 WHERE id % 2 = 0;
         UPDATE articles SET read_progress = 0.5 WHERE id % 7 = 0;",
    )
    .unwrap();
    for sort in SortOrder::ALL {
        let query =
            |after: Option<i64>, limit: u32| ArticleQuery { shelf: Shelf::All, sort, after, limit: Some(limit), ..Default::default() };
        let whole: Vec<i64> = library.article_page(&query(None, 500)).unwrap().items.iter().map(|a| a.id).collect();
        assert_eq!(whole.len(), 60);
        let mut paged = Vec::new();
        let mut after = None;
        loop {
            let page = library.article_page(&query(after, 7)).unwrap();
            // The first page counts the shelf; the pages after it do not count it again.
            assert_eq!(page.total, if after.is_none() { Some(60) } else { None });
            let Some(last) = page.items.last() else { break };
            after = Some(last.id);
            paged.extend(page.items.iter().map(|a| a.id));
        }
        assert_eq!(paged, whole, "{sort:?}: pages continue exactly after their last row");
    }
}

#[test]
fn a_page_after_an_article_deleted_for_good_falls_back_to_its_offset() {
    use lectern_core::library::{ArticleQuery, Shelf};
    let dir = tempfile::tempdir().unwrap();
    let mut library = Library::open(&dir.path().join("library.sqlite3")).unwrap();
    lectern_core::synthetic::generate(&mut library, 10, 0, 3).unwrap();
    let all = library.article_page(&ArticleQuery { shelf: Shelf::All, limit: Some(10), ..Default::default() }).unwrap().items;
    library.trash_article(all[2].id).unwrap();
    library.empty_trash().unwrap();
    let rest = library
        .article_page(&ArticleQuery { shelf: Shelf::All, after: Some(all[2].id), offset: 2, limit: Some(10), ..Default::default() })
        .unwrap();
    assert_eq!(rest.items.iter().map(|a| a.id).collect::<Vec<_>>(), all[3..].iter().map(|a| a.id).collect::<Vec<_>>());
}
