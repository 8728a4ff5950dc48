//! A short fuzzing smoke run on the stable toolchain, inside the test suite: seed inputs
//! for every parser that takes hostile input (HTML, Markdown, text and EPUB import, the
//! search query language, anchoring, exports from other apps) are mutated at random and fed through the same
//! targets and checks as the coverage-guided long runs (src-tauri/core/fuzz); none may
//! panic, hang or be accepted as something it is not. Inputs that once crashed Lectern
//! live in tests/fixtures/hostile and are replayed first.
//!
//! LECTERN_FUZZ_ITERATIONS sets the mutations per target (default 200).

use std::time::Instant;

mod support;
#[path = "support/fuzz_targets.rs"]
mod targets;

use support::Rng;

/// Bytes that make parsers take unusual paths.
const TOKENS: &[&[u8]] = &[
    b"<",
    b">",
    b"</",
    b"<div>",
    b"</div>",
    b"<p>",
    b"<script>",
    b"</script>",
    b"<!--",
    b"-->",
    b"<![CDATA[",
    b"&#9;",
    b"&amp;",
    b"\"",
    b"'",
    b"\0",
    b"\xff\xfe",
    b"\xef\xbb\xbf",
    b"\xed\xa0\x80",
    "ẞİΩ".as_bytes(),
    "公园".as_bytes(),
    b"\n\n",
    b"---\n",
    b"# ",
    b"> ",
    b"[x](javascript:a)",
    b"data:",
    b"-\"",
    b"tag:",
    b"site:%",
    b"is:",
    b"\"",
    b"*",
    b"NEAR(",
    b"^",
    b"<svg onload=x>",
    b"<math>",
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

/// The seeds the long runs start from (src-tauri/core/fuzz/seeds/<target>), then every
/// input that once broke Lectern (tests/fixtures/hostile/*.<extension>).
fn seeds(target: &str, extension: &str) -> Vec<Vec<u8>> {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let files = |dir: std::path::PathBuf| -> Vec<std::path::PathBuf> {
        let mut found: Vec<_> = std::fs::read_dir(dir).map(|d| d.filter_map(|e| e.ok().map(|e| e.path())).collect()).unwrap_or_default();
        found.sort();
        found
    };
    let mut paths = files(root.join("fuzz/seeds").join(target));
    paths.extend(files(root.join("../../tests/fixtures/hostile")).into_iter().filter(|p| p.extension().is_some_and(|e| e == extension)));
    let seeds: Vec<Vec<u8>> = paths.iter().map(|p| std::fs::read(p).unwrap()).collect();
    assert!(!seeds.is_empty(), "no seeds for {target}");
    seeds
}

#[test]
fn html_markdown_and_text_import() {
    run("html", &seeds("html", "html"), targets::html);
    run("markdown", &seeds("markdown", "md"), targets::markdown);
    run("text", &seeds("text", "txt"), targets::text);
}

#[test]
fn epub_import() {
    run("epub", &seeds("epub", "epub"), targets::epub);
}

#[test]
fn search_queries() {
    let dir = tempfile::tempdir().unwrap();
    let library = targets::query_library(dir.path());
    run("query", &seeds("query", "query"), |bytes| targets::query(&library, bytes));
}

#[test]
fn interop_exports() {
    run("interop", &seeds("interop", "export"), targets::interop);
}

#[test]
fn anchoring() {
    run("anchoring", &seeds("anchoring", "anchoring"), targets::anchoring);
}
