//! Extraction quality on Mozilla Readability's own test pages (shared/corpus): how many
//! pages give the expected article text and metadata, and how much of Readability's text
//! we keep. Prints the figures; fails if they fall below what we have reached, so quality
//! can only go up.
//!
//! Run alone with: cargo test -p lectern-core --test corpus -- --nocapture

mod support;

use std::path::{Path, PathBuf};

use support::normalise;

use lectern_core::import::{html, sanitize::sanitize};
use lectern_core::text::article_text;

/// Figures reached (see the printed report); raise them when extraction improves.
///
/// Text is an exact match with Readability.js's output, so every way Lectern reads a page
/// better than Readability counts against it here. On 2026-11-25 (dom_smoothie 0.19 +
/// ammonia) 117 pages matched. Since then Lectern on purpose:
/// - clears furniture inside the article (import/boilerplate.rs): a newsletter promo,
///   a comments section, author bios, in-article navigation, captions whose picture is
///   not on the page;
/// - puts back the standfirst Readability leaves in the page's header (standfirst.rs);
/// - reads the block where the page's prose is when Readability crowned another (prose.rs);
/// - drops lists and lines that only point to more of the site ("Lire aussi : …",
///   "Comments (5 posted)", a breadcrumb) and headings left with nothing after them
///   (pointers.rs).
///
/// These are scored on trafilatura's human-made evaluation set (extraction_eval.rs),
/// where each raised F1. Here, what matters is what Lectern loses of Readability's text:
/// [`MIN_BLOCKS_KEPT`] counts Readability's paragraphs, headings and list items that
/// Lectern's text still holds.
const MIN_TEXT_MATCHES: usize = 92;
/// Reached 2026-11-30: 7,777 of Readability's 7,815 blocks (99.5%); those not kept are
/// the furniture above (a bio, a nav bar, a newsletter box, a comment thread, "Lire
/// aussi" lines, "Comments (5 posted)" links, a breadcrumb, an "About the author" or a
/// "Featured" heading left over at the end, hidden-nodes' two empty closing headings).
/// `LECTERN_CORPUS_PAGE=lemonde-1` lists what one page lost.
const MIN_BLOCKS_KEPT: f64 = 0.995;
const MIN_TITLE_MATCHES: usize = 130;
const MIN_BYLINE_MATCHES: usize = 116;
/// Site name, language and published time: all 130 pages, reached 2026-11-25.
const MIN_SITE_MATCHES: usize = 130;
const MIN_LANG_MATCHES: usize = 130;
const MIN_PUBLISHED_MATCHES: usize = 130;

/// The URL Mozilla's harness gives every page.
const PAGE_URL: &str = "http://fakehost/test/page.html";

/// The corpus lives in the project's shared/ folder, beside the checkout.
fn corpus_dir() -> PathBuf {
    support::shared_corpus("readability-test-pages", "LECTERN_CORPUS_DIR")
}

/// Readability's article text, one block (paragraph, heading, list item) a line.
fn expected_text(page: &Path) -> String {
    let expected = std::fs::read_to_string(page.join("expected.html")).unwrap();
    article_text(&sanitize(&expected))
}

#[derive(Default)]
struct Tally {
    pages: usize,
    text: usize,
    blocks: usize,
    blocks_kept: usize,
    title: usize,
    byline: usize,
    site: usize,
    lang: usize,
    published: usize,
    failures: Vec<String>,
}

fn field(metadata: &serde_json::Value, key: &str) -> Option<String> {
    metadata[key].as_str().map(|s| s.trim().to_string())
}

#[test]
fn extraction_quality_on_the_readability_corpus() {
    let mut pages: Vec<PathBuf> =
        std::fs::read_dir(corpus_dir()).unwrap().map(|e| e.unwrap().path()).filter(|p| p.join("source.html").is_file()).collect();
    pages.sort();
    let mut tally = Tally::default();
    for page in &pages {
        tally.pages += 1;
        let name = page.file_name().unwrap().to_string_lossy().into_owned();
        let source = std::fs::read(page.join("source.html")).unwrap();
        let metadata: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(page.join("expected-metadata.json")).unwrap()).unwrap();
        let extracted = match html::extract(&String::from_utf8_lossy(&source), Some(PAGE_URL)) {
            Ok(extracted) => extracted,
            Err(error) => {
                tally.failures.push(format!("{name}: {error}"));
                continue;
            }
        };
        let ours = normalise(&article_text(&sanitize(&extracted.content_html)));
        let expected = expected_text(page);
        let blocks: Vec<String> = expected.lines().map(normalise).filter(|block| !block.is_empty()).collect();
        let lost: Vec<&String> = blocks.iter().filter(|block| !ours.contains(block.as_str())).collect();
        tally.blocks += blocks.len();
        // LECTERN_CORPUS_PAGE=name prints every block that page lost, not just the first.
        if std::env::var_os("LECTERN_CORPUS_PAGE").is_some_and(|wanted| wanted == name.as_str()) {
            println!("{name}: Readability's blocks not kept: {lost:#?}");
        }
        tally.blocks_kept += blocks.len() - lost.len();
        if ours == normalise(&expected) {
            tally.text += 1;
        } else if lost.is_empty() {
            tally.failures.push(format!("{name}: text differs"));
        } else {
            let first: String = lost[0].chars().take(60).collect();
            tally.failures.push(format!("{name}: text differs, {} of Readability's blocks not kept (\"{first}\"…)", lost.len()));
        }
        let same = |ours: Option<String>, key: &str| ours.map(|s| s.trim().to_string()) == field(&metadata, key);
        tally.title += usize::from(same(Some(extracted.title.clone()), "title"));
        tally.byline += usize::from(same(extracted.byline.clone(), "byline"));
        tally.site += usize::from(same(extracted.site_name.clone(), "siteName"));
        tally.lang += usize::from(same(extracted.lang.clone(), "lang"));
        tally.published += usize::from(same(extracted.published_at.clone(), "publishedTime"));
    }
    println!("Readability corpus: {} pages", tally.pages);
    println!("  text matches      {}/{}", tally.text, tally.pages);
    let kept = tally.blocks_kept as f64 / tally.blocks.max(1) as f64;
    println!("  blocks kept       {}/{} ({:.1}%)", tally.blocks_kept, tally.blocks, kept * 100.0);
    println!("  title matches     {}/{}", tally.title, tally.pages);
    println!("  byline matches    {}/{}", tally.byline, tally.pages);
    println!("  site name matches {}/{}", tally.site, tally.pages);
    println!("  lang matches      {}/{}", tally.lang, tally.pages);
    println!("  published matches {}/{}", tally.published, tally.pages);
    for failure in &tally.failures {
        println!("  - {failure}");
    }
    assert!(tally.pages >= 130, "corpus incomplete: {} pages", tally.pages);
    assert!(tally.text >= MIN_TEXT_MATCHES, "text matches fell to {}", tally.text);
    assert!(kept >= MIN_BLOCKS_KEPT, "Readability's blocks kept fell to {:.2}%", kept * 100.0);
    assert!(tally.title >= MIN_TITLE_MATCHES, "title matches fell to {}", tally.title);
    assert!(tally.byline >= MIN_BYLINE_MATCHES, "byline matches fell to {}", tally.byline);
    assert!(tally.site >= MIN_SITE_MATCHES, "site name matches fell to {}", tally.site);
    assert!(tally.lang >= MIN_LANG_MATCHES, "lang matches fell to {}", tally.lang);
    assert!(tally.published >= MIN_PUBLISHED_MATCHES, "published matches fell to {}", tally.published);
}
