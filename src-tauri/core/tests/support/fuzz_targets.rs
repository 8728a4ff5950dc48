//! The fuzz targets: one function per parser that takes hostile input, each asserting
//! what must hold for any input (no panic, sanitized output, anchors within the text).
//! Shared by the smoke run in the test suite (tests/fuzz_smoke.rs, random mutation) and
//! the coverage-guided long runs (src-tauri/core/fuzz, libFuzzer), so both exercise the
//! same code with the same checks.

use lectern_core::Library;
use lectern_core::annotate::anchor::{Anchored, Text, anchor};
use lectern_core::import::{extract_bytes, import_bytes};
use lectern_core::search::Query;

/// HTML import: whatever comes in, what is stored can neither run nor load anything.
pub fn html(bytes: &[u8]) {
    if let Ok(article) = import_bytes("page.html", bytes) {
        assert_safe(&article.content_html);
    }
}

/// Markdown import renders to HTML, which must be as safe as imported HTML.
pub fn markdown(bytes: &[u8]) {
    if let Ok(article) = import_bytes("note.md", bytes) {
        assert_safe(&article.content_html);
    }
}

/// Plain-text extraction.
pub fn text(bytes: &[u8]) {
    let _ = extract_bytes("a.txt", bytes);
}

/// EPUB import. A zip's checksums would turn away nearly every mutated byte before our
/// code sees it, so unless the input is itself a zip ("PK…"), it is the package document
/// and chapters of a book (separated by 0xFF bytes) that is zipped here, intact.
pub fn epub(bytes: &[u8]) {
    let book = if bytes.starts_with(b"PK") { bytes.to_vec() } else { zipped_book(bytes) };
    if let Ok(article) = import_bytes("book.epub", &book) {
        assert_safe(&article.content_html);
    }
}

/// A book whose OPF is the first 0xFF-separated part and whose chapters (c1.xhtml, …) and
/// one image (i.png) are the rest.
fn zipped_book(bytes: &[u8]) -> Vec<u8> {
    use std::io::Write;
    const CONTAINER: &[u8] = br#"<?xml version="1.0"?><container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container"><rootfiles><rootfile full-path="OEBPS/content.opf" media-type="application/oebps-package+xml"/></rootfiles></container>"#;
    let mut parts = bytes.split(|&b| b == 0xff);
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let stored = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    let mut add = |name: &str, content: &[u8]| {
        zip.start_file(name, stored).expect("zip entry");
        zip.write_all(content).expect("zip write");
    };
    add("mimetype", b"application/epub+zip");
    add("META-INF/container.xml", CONTAINER);
    add("OEBPS/content.opf", parts.next().unwrap_or_default());
    for (i, part) in parts.enumerate() {
        let name = if i == 0 { "OEBPS/i.png".to_string() } else { format!("OEBPS/c{i}.xhtml") };
        add(&name, part);
    }
    zip.finish().expect("zip finish").into_inner()
}

/// The search language, parsed and run against a real library: a query is answered or
/// refused as invalid input, never anything else.
pub fn query(library: &Library, bytes: &[u8]) {
    let text = String::from_utf8_lossy(bytes);
    let _ = Query::parse(&text);
    if let Err(error) = library.search(&text, None) {
        assert_eq!(error.kind(), lectern_core::ErrorKind::InvalidInput, "{text:?}: {error}");
    }
}

/// A library holding text that once broke case-insensitive matching, for `query`.
pub fn query_library(dir: &std::path::Path) -> Library {
    let mut library = Library::open(&dir.join("library.sqlite3")).expect("open library");
    let article = import_bytes("a.txt", "ẞİ Ωmega title\n\nNight trains İstanbul 公园散步 straße x".as_bytes()).expect("import");
    library.save_article(&article).expect("save");
    library
}

/// Anchoring and re-anchoring: the input is split into an old and a new text; a range of
/// the old one is described, found again in the old text in place, and re-anchored in
/// the new one within its bounds (and, when found exactly, on the same words).
pub fn anchoring(bytes: &[u8]) {
    let Some((&first, rest)) = bytes.split_first() else { return };
    let split = rest.iter().position(|&b| b == 0xff).unwrap_or(rest.len() / 2);
    let (old_text, new_text) = (String::from_utf8_lossy(&rest[..split]), String::from_utf8_lossy(&rest[split..]));
    let units: Vec<u16> = old_text.encode_utf16().collect();
    let start = usize::from(first) % (units.len() + 1);
    let end = (start + 1 + usize::from(rest.last().copied().unwrap_or(0)) % 24).min(units.len());
    // A reader selects whole characters: a range never splits a surrogate pair.
    let splits_pair = |i: usize| units.get(i).is_some_and(|u| (0xDC00..0xE000).contains(u));
    if splits_pair(start) || splits_pair(end) {
        return;
    }
    let (old, new) = (Text::new(&old_text), Text::new(&new_text));
    let Some(selector) = old.describe(start, end) else { return };
    assert_eq!(anchor(&old, &selector), Anchored::InPlace, "a fresh selector is found in place");
    match anchor(&new, &selector) {
        Anchored::InPlace => assert_eq!(new.slice(start, end), selector.exact),
        Anchored::Moved { start, end } => {
            assert!(start <= end && end as usize <= new.len());
            assert_eq!(new.slice(start as usize, end as usize), selector.exact);
        }
        Anchored::Fuzzy { start, end, score } => {
            assert!(start <= end && end as usize <= new.len() && (0.0..=1.0).contains(&score));
        }
        Anchored::Orphaned => {}
    }
}

/// Exports from other apps (CSV, HTML, Kindle clippings, zips): read and previewed, or
/// refused as invalid input. The first byte picks the file name the format is guessed from.
pub fn interop(bytes: &[u8]) {
    const NAMES: [&str; 5] = ["part_000000.csv", "instapaper.csv", "My Clippings.txt", "ril_export.html", "export.zip"];
    let Some((&first, rest)) = bytes.split_first() else { return };
    match lectern_core::interop::read_export(NAMES[usize::from(first) % NAMES.len()], rest) {
        Ok(foreign) => {
            let preview = foreign.preview();
            assert_eq!(preview.articles as usize, foreign.articles.len());
            assert!(foreign.articles.iter().all(|a| a.url.as_deref().is_none_or(|u| u.starts_with("http"))), "only web addresses");
        }
        Err(error) => assert_eq!(error.kind(), lectern_core::ErrorKind::InvalidInput, "{error}"),
    }
}

/// No element that runs or loads anything, no handler, and only safe link targets.
pub fn assert_safe(html: &str) {
    let document = dom_query::Document::fragment(html);
    for banned in ["script", "svg", "math", "iframe", "style", "object", "embed", "form", "base", "meta", "link"] {
        assert!(document.select(banned).is_empty(), "<{banned}> survived in {html}");
    }
    for node in document.select("*").nodes() {
        for attribute in node.attrs() {
            let (name, value) = (attribute.name.local.to_string().to_ascii_lowercase(), attribute.value.trim().to_ascii_lowercase());
            assert!(!name.starts_with("on") && name != "style", "{name} survived in {html}");
            if matches!(name.as_str(), "href" | "src") {
                assert!(safe_target(&name, &value), "{name}={value} survived in {html}");
            }
        }
    }
}

fn safe_target(name: &str, value: &str) -> bool {
    const RASTER: [&str; 5] = ["data:image/png", "data:image/jpeg", "data:image/gif", "data:image/webp", "data:image/avif"];
    value.starts_with("https://")
        || value.starts_with("http://")
        || value.starts_with('#')
        || (value.starts_with("mailto:") && !value.contains("attach"))
        || (name == "src" && RASTER.iter().any(|p| value.starts_with(p)))
}
