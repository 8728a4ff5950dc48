//! Full-text search on a real library: ranking, phrases, exclusions, filters, snippets,
//! highlights and notes, text without spaces, and an index that stays in step.

use lectern_core::Library;
use lectern_core::annotate::{HighlightColor, NewHighlight};
use lectern_core::import::import_bytes;
use lectern_core::search::{MATCH_END, MATCH_START};
use lectern_core::seeds::BUNDLED;

struct Fixture {
    _dir: tempfile::TempDir,
    library: Library,
    seed: i64,
    trains: i64,
    chinese: i64,
}

fn fixture() -> Fixture {
    let dir = tempfile::tempdir().unwrap();
    let mut library = Library::open(&dir.path().join("library.sqlite3")).unwrap();
    library.import_seeds(BUNDLED).unwrap();
    let seed = library.list_articles().unwrap()[0].id;
    let mut trains = import_bytes("t.txt", "Night Trains Return\n\nSleeper services are back across Europe. The sleeper cabin is small but calm. Buses are not mentioned by the Russian rail company.".as_bytes()).unwrap();
    trains.site_name = Some("Rail Weekly".into());
    let trains = library.save_article(&trains).unwrap().id();
    let chinese =
        library.save_article(&import_bytes("c.txt", "公园散步\n\n我们今天去公园散步，天气很好。".as_bytes()).unwrap()).unwrap().id();
    Fixture { _dir: dir, library, seed, trains, chinese }
}

fn ids(library: &Library, query: &str) -> Vec<i64> {
    library.search(query, None).unwrap().hits.iter().map(|h| h.article.id).collect()
}

#[test]
fn words_find_articles_ranked_with_title_matches_first() {
    let f = fixture();
    assert_eq!(ids(&f.library, "sleeper"), vec![f.trains]);
    // "Putin" is in the seed's title and text; "Russian" is in both articles' text.
    let russian = ids(&f.library, "russian");
    assert_eq!(russian.len(), 2);
    assert_eq!(ids(&f.library, "putin")[0], f.seed);
    assert_eq!(ids(&f.library, "tra"), vec![f.trains], "words match as prefixes while typing");
}

#[test]
fn an_article_named_for_the_word_ranks_above_one_that_only_mentions_it_often() {
    let mut f = fixture();
    let mentions = "Ferries, ferries and more ferries crossed the strait; ferries were late. ".repeat(5);
    let body_only =
        f.library.save_article(&import_bytes("m.txt", format!("Harbour notes\n\n{mentions}").as_bytes()).unwrap()).unwrap().id();
    let titled = f
        .library
        .save_article(
            &import_bytes("f.txt", "Ferries of the North Sea\n\nA short piece about crossings, boats and the weather.".as_bytes()).unwrap(),
        )
        .unwrap()
        .id();
    assert_eq!(ids(&f.library, "ferries"), vec![titled, body_only], "the title weighs more than many mentions");
}

#[test]
fn phrases_and_exclusions() {
    let f = fixture();
    assert_eq!(ids(&f.library, "\"sleeper cabin\""), vec![f.trains]);
    assert!(ids(&f.library, "\"cabin sleeper\"").is_empty());
    assert_eq!(ids(&f.library, "russian -sleeper"), vec![f.seed]);
    assert_eq!(ids(&f.library, "russian -\"sleeper services\""), vec![f.seed]);
}

#[test]
fn snippets_mark_the_match_and_position_points_at_it() {
    let f = fixture();
    let results = f.library.search("calm", None).unwrap();
    let hit = &results.hits[0];
    let snippet = hit.snippet.as_deref().unwrap();
    assert!(snippet.contains(&format!("{MATCH_START}calm{MATCH_END}")), "{snippet}");
    let text = f.library.article_text(f.trains).unwrap();
    let units: Vec<u16> = text.encode_utf16().collect();
    let at = hit.position.unwrap() as usize;
    assert_eq!(String::from_utf16(&units[at..at + 4]).unwrap(), "calm");
}

#[test]
fn found_by_its_title_or_site_an_article_shows_its_excerpt_and_found_by_folding_the_index_says_where() {
    let mut f = fixture();
    // "Return" is only in the title, "Weekly" only in the site name: the excerpt says
    // more than the title repeated, so there is no snippet and no place to open at.
    for query in ["return", "weekly"] {
        let results = f.library.search(query, None).unwrap();
        assert_eq!(results.hits.len(), 1, "{query}");
        assert_eq!(results.hits[0].article.id, f.trains);
        assert_eq!((results.hits[0].snippet.as_deref(), results.hits[0].position), (None, None), "{query}");
    }
    // The index folds diacritics and finds "Zürich" for "zurich": its snippet marks it.
    let alpine = "Alpine notes\n\nThe night train reaches Zürich before dawn.";
    f.library.save_article(&import_bytes("z.txt", alpine.as_bytes()).unwrap()).unwrap();
    let results = f.library.search("zurich", None).unwrap();
    let snippet = results.hits[0].snippet.as_deref().unwrap_or_default();
    assert!(snippet.contains(&format!("{MATCH_START}Zürich{MATCH_END}")), "{snippet}");
}

#[test]
fn highlights_and_notes_are_found_and_grouped_under_their_article() {
    let mut f = fixture();
    let text = f.library.article_text(f.seed).unwrap();
    let quote = "shared threats";
    let start = text[..text.find(quote).unwrap()].encode_utf16().count() as u32;
    let highlight = f
        .library
        .add_highlight(
            f.seed,
            &NewHighlight {
                start,
                end: start + 14,
                exact: quote.into(),
                color: HighlightColor::Blue,
                note: Some("remember the zeitgeist".into()),
            },
        )
        .unwrap();
    let results = f.library.search("zeitgeist", None).unwrap();
    assert_eq!(results.hits.len(), 1);
    assert_eq!(results.hits[0].article.id, f.seed);
    assert_eq!(results.hits[0].highlights[0].highlight_id, highlight.id);
    assert_eq!(results.hits[0].position, Some(start));
    // A word in both the article and a highlight: one result, the highlight attached.
    let both = f.library.search("threats", None).unwrap();
    assert_eq!(both.hits.len(), 1);
    assert_eq!(both.hits[0].highlights.len(), 1);

    // Notes are searched as they are now: edited, deleted, or written on the article.
    f.library.set_highlight_note(highlight.id, "a note about solstice tides").unwrap();
    assert!(ids(&f.library, "zeitgeist").is_empty(), "the old note is forgotten");
    assert_eq!(ids(&f.library, "solstice"), vec![f.seed]);
    f.library.delete_highlight(highlight.id).unwrap();
    assert!(ids(&f.library, "solstice").is_empty(), "a deleted highlight's note finds nothing");
    f.library.set_article_note(f.trains, "Ask Oskar about the couchette").unwrap();
    let by_note = f.library.search("couchette", None).unwrap();
    assert_eq!(by_note.hits.iter().map(|h| h.article.id).collect::<Vec<_>>(), vec![f.trains]);
    assert!(by_note.hits[0].snippet.as_deref().is_some_and(|s| s.contains(MATCH_START)), "the note is the snippet");
    f.library.check_search_index().unwrap();
}

#[test]
fn filters_narrow_results() {
    let mut f = fixture();
    f.library.set_favorite(f.trains, true).unwrap();
    assert_eq!(ids(&f.library, "is:favorite"), vec![f.trains]);
    assert_eq!(ids(&f.library, "russian is:favorite"), vec![f.trains]);
    assert_eq!(ids(&f.library, "site:rail"), vec![f.trains]);
    assert_eq!(ids(&f.library, "site:diplomatic russian"), vec![f.seed]);
    assert!(ids(&f.library, "has:highlights").is_empty());
    assert_eq!(ids(&f.library, "is:unread").len(), 3);
    let results = f.library.search("is:bogus sleeper", None).unwrap();
    assert_eq!(results.unknown_filters, vec!["is:bogus"]);
}

#[test]
fn text_without_spaces_is_found() {
    let f = fixture();
    assert_eq!(ids(&f.library, "公园散步"), vec![f.chinese]);
    assert_eq!(ids(&f.library, "天气很好"), vec![f.chinese]);
    assert_eq!(ids(&f.library, "公园"), vec![f.chinese], "two characters: too short for trigrams, still found");
    let hit = &f.library.search("天气", None).unwrap().hits[0];
    assert!(hit.snippet.as_deref().unwrap().contains(&format!("{MATCH_START}天气{MATCH_END}")));
}

#[test]
fn quotes_and_operators_typed_by_users_are_not_syntax_errors() {
    let f = fixture();
    for query in ["NEAR(", "a OR", "\"", "*", "col:umn", "-", "(((", "AND NOT"] {
        f.library.search(query, None).unwrap_or_else(|e| panic!("{query:?}: {e}"));
    }
}

#[test]
fn the_index_stays_in_step_through_imports_edits_trash_and_deletes() {
    let mut f = fixture();
    f.library.check_search_index().unwrap();
    let revised = import_bytes("t.txt", "Night Trains Return\n\nOvernight coaches replaced the trains.".as_bytes()).unwrap();
    f.library.replace_content(f.trains, &revised).unwrap();
    f.library.check_search_index().unwrap();
    assert!(ids(&f.library, "sleeper").is_empty(), "old words are gone from the index");
    assert_eq!(ids(&f.library, "coaches"), vec![f.trains]);

    f.library.trash_article(f.trains).unwrap();
    assert!(ids(&f.library, "coaches").is_empty(), "the trash is not searched");
    f.library.restore_article(f.trains).unwrap();
    assert_eq!(ids(&f.library, "coaches"), vec![f.trains]);

    f.library.trash_article(f.chinese).unwrap();
    assert_eq!(f.library.empty_trash().unwrap(), 1);
    f.library.check_search_index().unwrap();
    assert!(ids(&f.library, "公园散步").is_empty());
    assert!(f.library.list_trash().unwrap().is_empty());
}

#[test]
fn text_whose_case_changes_byte_lengths_is_searched_without_a_panic() {
    let mut f = fixture();
    let odd = f
        .library
        .save_article(&import_bytes("odd.txt", "ẞİ Ωmega\n\nİİİ ẞẞẞ Ωmega straße x y İstanbul ω".as_bytes()).unwrap())
        .unwrap()
        .id();
    for query in ["ω", "x", "y", "i", "s", "ß", "ẞ", "İ", "ωmega", "\"straße x\""] {
        let results = f.library.search(query, None).unwrap_or_else(|e| panic!("{query}: {e}"));
        if query == "x" {
            let hit = results.hits.iter().find(|h| h.article.id == odd).expect("found");
            let snippet = hit.snippet.as_deref().unwrap_or_default();
            assert!(snippet.contains(&format!("{MATCH_START}x{MATCH_END}")), "{snippet}");
        }
    }
}

#[test]
fn oversized_queries_get_a_clear_refusal() {
    let f = fixture();
    let many = (0..300).map(|i| format!("word{i}")).collect::<Vec<_>>().join(" ");
    let error = f.library.search(&many, None).unwrap_err();
    assert_eq!(error.kind(), lectern_core::ErrorKind::InvalidInput);
    assert!(error.to_string().contains("up to 500 characters") || error.to_string().contains("up to 32"), "{error}");
    let exclusions = (0..1000).map(|i| format!("-w{i}")).collect::<Vec<_>>().join(" ");
    let error = f.library.search(&exclusions[..499], None).unwrap_err();
    assert_eq!(error.kind(), lectern_core::ErrorKind::InvalidInput, "{error}");
    assert!(!error.to_string().contains("SQL"), "no raw database error: {error}");
    assert_eq!(f.library.search("x".repeat(600).as_str(), None).unwrap_err().kind(), lectern_core::ErrorKind::InvalidInput);
}

#[test]
fn site_filters_match_literally() {
    let f = fixture();
    assert!(ids(&f.library, "site:%").is_empty(), "% is not a wildcard");
    assert!(ids(&f.library, "site:_").is_empty(), "_ is not a wildcard");
    assert_eq!(ids(&f.library, "site:rail"), vec![f.trains]);
}

#[test]
fn show_more_pages_through_every_result_once_in_rank_order() {
    let dir = tempfile::tempdir().unwrap();
    let mut library = Library::open(&dir.path().join("library.sqlite3")).unwrap();
    // Eight articles about harbours; the more often the word, the higher the rank.
    for n in 1..=8 {
        let text = format!("Harbour notes {n}\n\n{} The tide came in.", "The harbour was busy. ".repeat(n));
        library.save_article(&import_bytes(&format!("h{n}.txt"), text.as_bytes()).unwrap()).unwrap();
    }
    let mut everything: Vec<i64> = library.search("harbour", None).unwrap().hits.iter().map(|h| h.article.id).collect();
    assert_eq!(everything.len(), 8);
    // Filters apply on every page: one in the trash is on none of them.
    library.trash_article(everything[2]).unwrap();
    everything.remove(2);
    let mut paged = Vec::new();
    let mut offset = 0;
    let mut pages = 0;
    loop {
        let page = library.search_page("harbour", offset, Some(3)).unwrap();
        assert!(page.hits.len() <= 3);
        paged.extend(page.hits.iter().map(|h| h.article.id));
        pages += 1;
        assert!(page.hits.iter().all(|h| h.snippet.as_deref().is_some_and(|s| s.contains(MATCH_START))), "every page has its snippets");
        match page.next_offset {
            Some(next) => offset = next,
            None => break,
        }
    }
    assert_eq!((pages, paged), (3, everything), "3 + 3 + 1, the same order as one long page");
}

#[test]
fn a_search_shows_a_short_first_page_and_show_more_adds_longer_ones() {
    let dir = tempfile::tempdir().unwrap();
    let mut library = Library::open(&dir.path().join("library.sqlite3")).unwrap();
    for n in 1..=75 {
        let text = format!("Harbour notes {n}\n\nBoats number {n} left the harbour at dawn.");
        library.save_article(&import_bytes(&format!("h{n}.txt"), text.as_bytes()).unwrap()).unwrap();
    }
    let first = library.search("harbour", None).unwrap();
    assert_eq!((first.hits.len(), first.next_offset), (20, Some(20)), "four or five screens first");
    let more = library.search_page("harbour", 20, None).unwrap();
    assert_eq!((more.hits.len(), more.next_offset), (50, Some(70)), "then fifty at a time");
    let last = library.search_page("harbour", 70, None).unwrap();
    assert_eq!((last.hits.len(), last.next_offset), (5, None));
    let mut seen: Vec<i64> = [first, more, last].iter().flat_map(|page| page.hits.iter().map(|h| h.article.id)).collect();
    seen.sort_unstable();
    seen.dedup();
    assert_eq!(seen.len(), 75, "every article once");
}

#[test]
fn a_word_finds_every_word_it_starts_as_the_library_changes() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("library.sqlite3");
    let mut library = Library::open(&file).unwrap();
    let mut save = |name: &str, text: &str| library.save_article(&import_bytes(name, text.as_bytes()).unwrap()).unwrap().id();
    let calm = save("c.txt", "Coast notes\n\nThe harbour was calm. The harbour slept.");
    let dusk = save("d.txt", "Evening\n\nA harbour at dusk, and a boat.");
    let sorted = |mut ids: Vec<i64>| {
        ids.sort_unstable();
        ids
    };
    // One word starts with "harb" here: searched as that word, in bm25's own order.
    assert_eq!(ids(&library, "harb"), bare_ranking(&file, "\"harb\"*"));
    assert_eq!(sorted(ids(&library, "harbour")), vec![calm, dusk]);
    // A longer word joins the library: the shorter one finds it too.
    let plural = library.save_article(&import_bytes("p.txt", "Ports\n\nHarbours of the north.".as_bytes()).unwrap()).unwrap().id();
    assert_eq!(sorted(ids(&library, "harbour")), vec![calm, dusk, plural]);
    assert_eq!(sorted(ids(&library, "harb")), vec![calm, dusk, plural]);
    assert_eq!(ids(&library, "harbours"), vec![plural]);
    // And when it leaves, it is found no more.
    library.trash_article(plural).unwrap();
    library.empty_trash().unwrap();
    assert_eq!(sorted(ids(&library, "harbour")), vec![calm, dusk]);
}

#[test]
fn text_without_spaces_is_found_at_any_length_as_articles_gain_and_lose_it() {
    let mut f = fixture();
    assert_eq!(ids(&f.library, "公园"), vec![f.chinese], "two characters");
    assert_eq!(ids(&f.library, "公园散步"), vec![f.chinese], "four");
    // An English article rewritten with Chinese in it joins the index; rewritten back, it leaves.
    let mixed = import_bytes("t.txt", "Night Trains Return\n\nSleeper services stop at 火车站 on the way.".as_bytes()).unwrap();
    f.library.replace_content(f.trains, &mixed).unwrap();
    assert_eq!(ids(&f.library, "火车站"), vec![f.trains]);
    assert_eq!(ids(&f.library, "火车"), vec![f.trains]);
    f.library.check_search_index().unwrap();
    let english = import_bytes("t.txt", "Night Trains Return\n\nSleeper services are back across Europe.".as_bytes()).unwrap();
    f.library.replace_content(f.trains, &english).unwrap();
    assert!(ids(&f.library, "火车站").is_empty());
    f.library.check_search_index().unwrap();
    f.library.trash_article(f.chinese).unwrap();
    f.library.empty_trash().unwrap();
    assert!(ids(&f.library, "公园").is_empty());
    f.library.check_search_index().unwrap();
}

#[test]
fn every_page_keeps_titles_first_and_a_filter_few_matches_pass_still_finds_them() {
    let dir = tempfile::tempdir().unwrap();
    let mut library = Library::open(&dir.path().join("library.sqlite3")).unwrap();
    let mut save = |name: &str, text: String| library.save_article(&import_bytes(name, text.as_bytes()).unwrap()).unwrap().id();
    // Seven articles named for the word; three that only mention it, often.
    let titled: Vec<i64> =
        (1..=7).map(|n| save(&format!("t{n}.txt"), format!("Lighthouse keepers {n}\n\nA tower stood on rock number {n}."))).collect();
    let mentions: Vec<i64> = (1..=3)
        .map(|n| save(&format!("m{n}.txt"), format!("Coast notes {n}\n\n{} Seen from bay {n}.", "The lighthouse blinked. ".repeat(30))))
        .collect();
    let mut paged = Vec::new();
    let mut offset = 0;
    loop {
        let page = library.search_page("lighthouse", offset, Some(2)).unwrap();
        paged.extend(page.hits.iter().map(|h| h.article.id));
        match page.next_offset {
            Some(next) => offset = next,
            None => break,
        }
    }
    let (first, last) = paged.split_at(paged.len().min(7));
    let sorted = |ids: &[i64]| {
        let mut ids = ids.to_vec();
        ids.sort_unstable();
        ids
    };
    assert_eq!((sorted(first), sorted(last)), (titled, mentions.clone()), "each once, every title before any mention: {paged:?}");
    // One of the articles ranked last is tagged: the tag finds it, not a page of titles.
    library.tag_articles("keep", &[mentions[2]]).unwrap();
    let found = library.search_page("lighthouse tag:keep", 0, Some(1)).unwrap();
    assert_eq!(found.hits.iter().map(|h| h.article.id).collect::<Vec<_>>(), vec![mentions[2]]);
    assert_eq!(found.next_offset, None);
    let beyond = library.search_page("lighthouse", u32::MAX - 1, Some(500)).unwrap();
    assert!(beyond.hits.is_empty() && beyond.next_offset.is_none(), "a page past the end is empty, whatever its offset");
}

#[test]
fn a_title_that_ranks_low_by_itself_still_comes_first() {
    let dir = tempfile::tempdir().unwrap();
    let mut library = Library::open(&dir.path().join("library.sqlite3")).unwrap();
    // The word is one of twenty-three in a long title: bm25 alone ranks it below eight short
    // articles that hold it in their byline, site and text.
    let long_title = format!("Notes {} and lanterns", "on the winter coast and its weather ".repeat(3));
    let titled = library.save_article(&import_bytes("t.txt", format!("{long_title}\n\nA short piece.").as_bytes()).unwrap()).unwrap().id();
    for n in 1..=8 {
        let mut article = import_bytes("m.txt", format!("Coast {n}\n\nLanterns, lanterns and lanterns {n}.").as_bytes()).unwrap();
        article.byline = Some("Lanterns Press".into());
        article.site_name = Some("Lanterns".into());
        library.save_article(&article).unwrap();
    }
    let bare = bare_ranking(&dir.path().join("library.sqlite3"), "lanterns");
    assert!(bare.iter().position(|&id| id == titled) > Some(5), "the case this test is for: {bare:?}");
    for limit in [1, 3, 50] {
        let first = library.search_page("lanterns", 0, Some(limit)).unwrap().hits[0].article.id;
        assert_eq!(first, titled, "a page of {limit}");
    }
}

/// The ids bm25 alone ranks best first (the index's own weights, no titles first), read
/// from the library's file apart from Lectern.
fn bare_ranking(file: &std::path::Path, word: &str) -> Vec<i64> {
    let conn = rusqlite::Connection::open(file).unwrap();
    let mut statement = conn.prepare("SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?1 ORDER BY rank").unwrap();
    statement.query_map([word], |row| row.get(0)).unwrap().collect::<rusqlite::Result<_>>().unwrap()
}

#[test]
fn titles_have_their_own_index_which_a_library_from_before_gets_and_which_follows_new_titles() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("library.sqlite3");
    let mentions = format!("Harbour notes\n\n{}", "Ferries, ferries and more ferries crossed the strait. ".repeat(5));
    let (titled, body_only) = {
        let mut library = Library::open(&path).unwrap();
        let body_only = library.save_article(&import_bytes("m.txt", mentions.as_bytes()).unwrap()).unwrap().id();
        let mut page = import_bytes("f.txt", "Ferries of the North Sea\n\nA short piece about crossings.".as_bytes()).unwrap();
        page.url = Some("https://example.org/crossings".into());
        (library.save_article(&page).unwrap().id(), body_only)
    };
    // As Lectern left it before schema 13: no titles index.
    rusqlite::Connection::open(&path)
        .unwrap()
        .execute_batch(
            "DROP TRIGGER titles_fts_insert; DROP TRIGGER titles_fts_delete; DROP TRIGGER titles_fts_update; \
             DROP TABLE titles_fts; PRAGMA user_version = 12;",
        )
        .unwrap();
    let mut library = Library::open(&path).unwrap();
    assert_eq!(ids(&library, "ferries"), vec![titled, body_only], "the title still comes first");
    library.check_search_index().unwrap();

    // Fetched again, retitled: the titles index follows.
    let page = import_bytes("f.txt", "Sleeper trains of the North\n\nA short piece about night crossings.".as_bytes()).unwrap();
    library.apply_refetch(titled, page).unwrap();
    library.check_search_index().unwrap();
    assert_eq!(ids(&library, "ferries"), vec![body_only]);
    assert_eq!(ids(&library, "sleeper"), vec![titled]);
}
