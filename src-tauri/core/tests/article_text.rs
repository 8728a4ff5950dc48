//! The article text fixture shared with the UI's tests: both sides must derive the
//! same text from the same HTML, or every highlight offset would drift.
//! Fill in `text` for new cases with: LECTERN_WRITE_FIXTURES=1 cargo test -p lectern-core --test article_text

use lectern_core::text::article_text;

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
        cases.push(serde_json::json!({ "name": "seed article", "html": seed_html }));
    }
    for case in cases.iter_mut() {
        let html = case["html"].as_str().unwrap().to_string();
        let text = article_text(&html);
        if writing {
            case["text"] = serde_json::Value::String(text);
        } else {
            assert_eq!(case["text"].as_str(), Some(text.as_str()), "case {}", case["name"]);
        }
    }
    assert!(cases.iter().any(|c| c["name"] == "seed article" && c["html"] == seed_html.as_str()), "seed case is stale");
    if writing {
        std::fs::write(FIXTURE, serde_json::to_string_pretty(&fixture).unwrap() + "\n").unwrap();
    }
}
