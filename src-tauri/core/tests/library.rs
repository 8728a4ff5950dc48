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
    let seeds = [
        Seed { name: "broken.bin", bytes: b"\0\0\0\0" },
        Seed { name: "fine.txt", bytes: b"A Title\n\nSome body text." },
    ];
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
        (p.items.iter().map(|a| a.title.clone()).collect::<Vec<_>>(), p.total)
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
        (page.items.len(), page.total)
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
    assert_eq!(archive.total, 2);
    assert_eq!(library.trash_articles(&ids[1..]).unwrap(), 3);
    assert_eq!(library.list_trash().unwrap().len(), 3);
    assert_eq!(library.list_articles().unwrap().len(), 1);
}
