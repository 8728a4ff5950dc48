//! The article text fixture shared with the UI's tests: both sides must derive the
//! same text from the same stored HTML, or every highlight offset would drift.
//!
//! Each case holds the sanitized `html` an import produces, the `text` a reader expects
//! from it (written by hand: blocks apart, inline markup joined), and the `stored` HTML
//! Lectern keeps (with its block separators). Here: `html` → `stored` → `text`. In the
//! webview (ui/src/reader/article-text.test.ts, and E2E for the seed): `stored` → `text`.
//! Refresh `stored` and the seed case with:
//! LECTERN_WRITE_FIXTURES=1 cargo test -p lectern-core --test article_text

use lectern_core::text::{article_text, with_block_boundaries};

const FIXTURE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../tests/fixtures/article-text.json");

#[test]
fn rust_article_text_matches_the_shared_fixture() {
    let mut fixture: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(FIXTURE).unwrap()).unwrap();
    let writing = std::env::var_os("LECTERN_WRITE_FIXTURES").is_some();
    let dir = tempfile::tempdir().unwrap();
    let mut seed = lectern_core::Library::open(&dir.path().join("library.sqlite3")).unwrap();
    seed.import_seeds(lectern_core::seeds::BUNDLED).unwrap();
    let seed_id = seed.list_articles().unwrap()[0].id;
    let seed_html = seed.get_article(seed_id).unwrap().content_html;
    let cases = fixture["cases"].as_array_mut().unwrap();
    if writing {
        cases.retain(|c| c["name"] != "seed article");
        let text = seed.article_text(seed_id).unwrap();
        cases.push(serde_json::json!({ "name": "seed article", "html": seed_html, "text": text }));
    }
    for case in cases.iter_mut() {
        let stored = with_block_boundaries(case["html"].as_str().unwrap());
        if writing {
            case["stored"] = serde_json::Value::String(stored.clone());
        }
        assert_eq!(case["stored"].as_str(), Some(stored.as_str()), "case {}: stored HTML is stale", case["name"]);
        assert_eq!(case["text"].as_str(), Some(article_text(&stored).as_str()), "case {}", case["name"]);
    }
    let seed_case = cases.iter().find(|c| c["name"] == "seed article").expect("the seed article is a case");
    assert_eq!(seed_case["stored"].as_str(), Some(seed_html.as_str()), "seed case is stale");
    if writing {
        std::fs::write(FIXTURE, serde_json::to_string_pretty(&fixture).unwrap() + "\n").unwrap();
    }
}
