//! A short fuzzing smoke run on the stable toolchain, inside the test suite: seed inputs
//! for every parser that takes hostile input (HTML, Markdown, text and EPUB import, the
//! search query language, anchoring) are mutated at random and fed through; none may
//! panic, hang or be accepted as something it is not. Inputs that once crashed Lectern
//! live in tests/fixtures/hostile and are replayed first.
//!
//! LECTERN_FUZZ_ITERATIONS sets the mutations per target (default 200).

use std::time::Instant;

mod support;

use lectern_core::Library;
use lectern_core::annotate::anchor::{Selector, Text, anchor};
use lectern_core::import::{extract_bytes, import_bytes};
use lectern_core::search::Query;
use support::Rng;

/// Bytes that make parsers take unusual paths.
const TOKENS: &[&[u8]] = &[
    b"<", b">", b"</", b"<div>", b"</div>", b"<p>", b"<script>", b"</script>", b"<!--", b"-->", b"<![CDATA[", b"&#9;", b"&amp;", b"\"",
    b"'", b"\0", b"\xff\xfe", b"\xef\xbb\xbf", b"\xed\xa0\x80", "ẞİΩ".as_bytes(), "公园".as_bytes(), b"\n\n", b"---\n", b"# ", b"> ",
    b"[x](javascript:a)", b"data:", b"-\"", b"tag:", b"site:%", b"is:", b"\"", b"*", b"NEAR(", b"^", b"<svg onload=x>", b"<math>",
];

fn mutate(seed: &[u8], rng: &mut Rng) -> Vec<u8> {
    let mut out = seed.to_vec();
    for _ in 0..=rng.below(8) {
        let at = rng.below(out.len() + 1);
        match rng.below(4) {
            0 => {
                let token = TOKENS[rng.below(TOKENS.len())];
                out.splice(at..at, token.iter().copied());
            }
            1 if !out.is_empty() => {
                let end = (at + rng.below(16)).min(out.len());
                out.drain(at.min(end)..end);
            }
            2 if !out.is_empty() => {
                let i = rng.below(out.len());
                out[i] ^= 1 << rng.below(8);
            }
            _ => {
                let start = rng.below(out.len() + 1);
                let end = (start + rng.below(64)).min(out.len());
                let copy = out[start..end].to_vec();
                for _ in 0..rng.below(50) {
                    out.splice(at..at, copy.iter().copied());
                }
            }
        }
    }
    out
}

/// No element that runs or loads anything, no handler, and only safe link targets.
fn assert_safe(html: &str) {
    let document = dom_query::Document::fragment(html);
    for banned in ["script", "svg", "math", "iframe", "style", "object", "embed", "form", "base", "meta", "link"] {
        assert!(document.select(banned).is_empty(), "<{banned}> survived in {html}");
    }
    for node in document.select("*").nodes() {
        for attribute in node.attrs() {
            let (name, value) = (attribute.name.local.to_string().to_ascii_lowercase(), attribute.value.trim().to_ascii_lowercase());
            assert!(!name.starts_with("on") && name != "style", "{name} survived in {html}");
            if matches!(name.as_str(), "href" | "src") {
                let safe = value.starts_with("https://") || value.starts_with("http://") || value.starts_with('#')
                    || (value.starts_with("mailto:") && !value.contains("attach"))
                    || (name == "src" && ["data:image/png", "data:image/jpeg", "data:image/gif", "data:image/webp", "data:image/avif"].iter().any(|p| value.starts_with(p)));
                assert!(safe, "{name}={value} survived in {html}");
            }
        }
    }
}

fn iterations() -> usize {
    std::env::var("LECTERN_FUZZ_ITERATIONS").ok().and_then(|s| s.parse().ok()).unwrap_or(200)
}

fn run(name: &str, seeds: &[Vec<u8>], target: impl Fn(&[u8])) {
    let mut rng = Rng(0x2545_F491_4F6C_DD1D ^ name.len() as u64);
    let started = Instant::now();
    for seed in seeds {
        target(seed);
    }
    let count = iterations();
    for _ in 0..count {
        let seed = &seeds[rng.below(seeds.len())];
        target(&mutate(seed, &mut rng));
    }
    println!("fuzz smoke {name}: {} inputs in {:.1?}", count + seeds.len(), started.elapsed());
}

fn hostile_fixtures(extension: &str) -> Vec<Vec<u8>> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/hostile");
    let mut found: Vec<_> = std::fs::read_dir(dir).map(|d| d.filter_map(|e| e.ok().map(|e| e.path())).collect()).unwrap_or_default();
    found.sort();
    found.into_iter().filter(|p| p.extension().is_some_and(|e| e == extension)).map(|p| std::fs::read(p).unwrap()).collect()
}

#[test]
fn html_markdown_and_text_import() {
    let mut seeds = vec![
        b"<html><head><title>T</title><link rel=canonical href=/x></head><body><article><h1>Head</h1><p>Para <a href=\"https://e.com\">link</a></p><img src=a.png></article></body></html>".to_vec(),
        b"<p>one</p><ul><li>a<li>b</ul><table><tr><td>c</table>".to_vec(),
    ];
    seeds.extend(hostile_fixtures("html"));
    run("html", &seeds, |bytes| {
        if let Ok(article) = import_bytes("page.html", bytes) {
            assert_safe(&article.content_html);
        }
    });
    let markdown = vec![b"---\ntitle: T\nurl: https://e.com\n---\n# Head\n\nPara *em* [l](https://e.com)\n\n> q\n\n```\ncode\n```\n".to_vec()];
    run("markdown", &markdown, |bytes| {
        let _ = import_bytes("note.md", bytes);
    });
    run("text", &[b"Title\n\nBody text. Another sentence.".to_vec()], |bytes| {
        let _ = extract_bytes("a.txt", bytes);
    });
}

#[test]
fn epub_import() {
    let seeds = hostile_fixtures("epub");
    if seeds.is_empty() {
        return;
    }
    run("epub", &seeds, |bytes| {
        let _ = import_bytes("book.epub", bytes);
    });
}

#[test]
fn search_queries() {
    let dir = tempfile::tempdir().unwrap();
    let mut library = Library::open(&dir.path().join("library.sqlite3")).unwrap();
    library.save_article(&import_bytes("a.txt", "ẞİ Ωmega title\n\nNight trains İstanbul 公园散步 straße x".as_bytes()).unwrap()).unwrap();
    let seeds = vec![b"night \"sleeper cabin\" -bus tag:x site:y is:archived has:notes".to_vec(), "公园 ω ß".as_bytes().to_vec()];
    run("query", &seeds, |bytes| {
        let text = String::from_utf8_lossy(bytes);
        let _ = Query::parse(&text);
        if let Err(error) = library.search(&text, None) {
            assert_eq!(error.kind(), lectern_core::ErrorKind::InvalidInput, "{text:?}: {error}");
        }
    });
}

#[test]
fn anchoring() {
    let seeds = vec![b"The night train leaves at nine. The night train returns at six.".to_vec(), "ẞİ Ωmega 公园 😀 text".as_bytes().to_vec()];
    run("anchoring", &seeds, |bytes| {
        let text = Text::new(&String::from_utf8_lossy(bytes));
        let len = text.len() as u32;
        let start = u32::from(bytes.first().copied().unwrap_or(0)) % (len + 2);
        let end = start + u32::from(bytes.last().copied().unwrap_or(0)) % 12;
        let selector = Selector { start, end, exact: "night train".into(), prefix: "The ".into(), suffix: " returns".into() };
        let _ = anchor(&text, &selector);
        if let Some(described) = text.describe(start.min(len) as usize, end.min(len) as usize) {
            let _ = anchor(&text, &described);
        }
    });
}
