//! EPUB books: chapters in order, images embedded, metadata; broken books refused clearly.

use std::io::{Cursor, Write};

use lectern_core::ErrorKind;
use lectern_core::import::{SourceKind, import_bytes};
use zip::write::SimpleFileOptions;

/// A 1×1 PNG.
const PNG: &[u8] = &[
    0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x48, 0x44, 0x52, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00,
    0x00, 0x01, 0x08, 0x06, 0x00, 0x00, 0x00, 0x1F, 0x15, 0xC4, 0x89, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x44, 0x41, 0x54, 0x78, 0x9C, 0x63,
    0xF8, 0xCF, 0xC0, 0xF0, 0x1F, 0x00, 0x05, 0x00, 0x01, 0xFF, 0x89, 0x99, 0x3D, 0x1D, 0x00, 0x00, 0x00, 0x00, 0x49, 0x45, 0x4E, 0x44,
    0xAE, 0x42, 0x60, 0x82,
];

const OPF: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<package xmlns="http://www.idpf.org/2007/opf" version="3.0" unique-identifier="id">
  <metadata xmlns:dc="http://purl.org/dc/elements/1.1/">
    <dc:identifier id="id">urn:uuid:12345678-1234-1234-1234-123456789012</dc:identifier>
    <dc:title>The Quiet Library</dc:title>
    <dc:creator>Mary Reader</dc:creator>
    <dc:publisher>Lamplight Press</dc:publisher>
    <dc:language>en</dc:language>
    <meta property="dcterms:modified">2026-01-01T00:00:00Z</meta>
  </metadata>
  <manifest>
    <item id="nav" href="nav.xhtml" media-type="application/xhtml+xml" properties="nav"/>
    <item id="c1" href="text/one.xhtml" media-type="application/xhtml+xml"/>
    <item id="c2" href="text/two.xhtml" media-type="application/xhtml+xml"/>
    <item id="img" href="images/dot.png" media-type="image/png"/>
  </manifest>
  <spine><itemref idref="c1"/><itemref idref="c2"/></spine>
</package>"#;

fn chapter(title: &str, body: &str) -> String {
    format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><html xmlns="http://www.w3.org/1999/xhtml"><head><title>{title}</title></head><body><h2>{title}</h2>{body}</body></html>"#
    )
}

fn epub(files: &[(&str, &[u8])]) -> Vec<u8> {
    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let stored = SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    for (name, bytes) in files {
        zip.start_file(*name, stored).unwrap();
        zip.write_all(bytes).unwrap();
    }
    zip.finish().unwrap().into_inner()
}

fn book() -> Vec<u8> {
    let container = br#"<?xml version="1.0"?><container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container"><rootfiles><rootfile full-path="OEBPS/content.opf" media-type="application/oebps-package+xml"/></rootfiles></container>"#;
    let nav = r#"<?xml version="1.0"?><html xmlns="http://www.w3.org/1999/xhtml" xmlns:epub="http://www.idpf.org/2007/ops"><body><nav epub:type="toc"><ol><li><a href="text/one.xhtml">One</a></li></ol></nav></body></html>"#;
    let one = chapter("Chapter One", r#"<p>It began in the reading room.</p><img src="../images/dot.png" alt="A dot"/>"#);
    let two = chapter("Chapter Two", "<p>It ended in the stacks.</p><script>alert(1)</script>");
    epub(&[
        ("mimetype", b"application/epub+zip"),
        ("META-INF/container.xml", container),
        ("OEBPS/content.opf", OPF.as_bytes()),
        ("OEBPS/nav.xhtml", nav.as_bytes()),
        ("OEBPS/text/one.xhtml", one.as_bytes()),
        ("OEBPS/text/two.xhtml", two.as_bytes()),
        ("OEBPS/images/dot.png", PNG),
    ])
}

#[test]
fn a_book_becomes_one_article_with_chapters_in_order_and_images_embedded() {
    let article = import_bytes("quiet.epub", &book()).unwrap();
    assert_eq!(article.source_kind, SourceKind::Epub);
    assert_eq!(article.title, "The Quiet Library");
    assert_eq!(article.byline.as_deref(), Some("Mary Reader"));
    assert_eq!(article.site_name.as_deref(), Some("Lamplight Press"));
    assert_eq!(article.lang.as_deref(), Some("en"));
    let one = article.content_text.find("It began").unwrap();
    let two = article.content_text.find("It ended").unwrap();
    assert!(one < two, "chapters out of order: {}", article.content_text);
    assert!(article.content_html.contains("src=\"data:image/png;base64,"), "{}", article.content_html);
    assert!(!article.content_html.contains("script"));
}

#[test]
fn broken_books_are_refused_with_a_reason() {
    let not_zip = import_bytes("fake.epub", b"this is plain text pretending").unwrap_err();
    assert_eq!(not_zip.kind(), ErrorKind::Unreadable);
    assert!(not_zip.to_string().contains("not a zip"), "{not_zip}");

    let no_opf = epub(&[("mimetype", b"application/epub+zip"), ("META-INF/container.xml", b"<container/>")]);
    let error = import_bytes("empty.epub", &no_opf).unwrap_err();
    assert_eq!(error.kind(), ErrorKind::Unreadable, "{error}");

    let mut truncated = book();
    truncated.truncate(truncated.len() / 2);
    assert_eq!(import_bytes("cut.epub", &truncated).unwrap_err().kind(), ErrorKind::Unreadable);
}

#[test]
fn a_zip_bomb_is_refused_before_it_is_unpacked() {
    // 400 MB of zeros compresses to well under a megabyte.
    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let deflate = SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated).large_file(true);
    zip.start_file("mimetype", SimpleFileOptions::default()).unwrap();
    zip.write_all(b"application/epub+zip").unwrap();
    zip.start_file("OEBPS/huge.xhtml", deflate).unwrap();
    let zeros = vec![0u8; 4 * 1024 * 1024];
    for _ in 0..100 {
        zip.write_all(&zeros).unwrap();
    }
    let bomb = zip.finish().unwrap().into_inner();
    assert!(bomb.len() < 2 * 1024 * 1024, "bomb is {} bytes", bomb.len());
    let error = import_bytes("bomb.epub", &bomb).unwrap_err();
    assert!(error.to_string().contains("would unpack to more than"), "{error}");
}

/// A small book built to amplify: `opf_spine` is the spine, `chapter_body` the one
/// chapter's body, `image` the one image's bytes. Everything is deflated, so the file
/// stays a few KB however much it expands to.
fn amplifying_book(spine: &str, chapter_body: &str, image: &[u8]) -> Vec<u8> {
    let container = br#"<?xml version="1.0"?><container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container"><rootfiles><rootfile full-path="OEBPS/content.opf" media-type="application/oebps-package+xml"/></rootfiles></container>"#;
    let opf = OPF.replace(r#"<spine><itemref idref="c1"/><itemref idref="c2"/></spine>"#, &format!("<spine>{spine}</spine>"));
    let one = chapter("Chapter One", chapter_body);
    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let deflate = SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    for (name, bytes) in [
        ("mimetype", b"application/epub+zip".as_slice()),
        ("META-INF/container.xml", container.as_slice()),
        ("OEBPS/content.opf", opf.as_bytes()),
        ("OEBPS/nav.xhtml", b"<html xmlns=\"http://www.w3.org/1999/xhtml\"><body></body></html>".as_slice()),
        ("OEBPS/text/one.xhtml", one.as_bytes()),
        ("OEBPS/text/two.xhtml", chapter("Two", "<p>Two.</p>").as_bytes()),
        ("OEBPS/images/dot.png", image),
    ] {
        zip.start_file(name, deflate).unwrap();
        zip.write_all(bytes).unwrap();
    }
    zip.finish().unwrap().into_inner()
}

#[test]
fn a_spine_that_repeats_one_chapter_thousands_of_times_reads_it_once() {
    let book = amplifying_book(&r#"<itemref idref="c1"/>"#.repeat(20_000), "<p>The only paragraph of the book.</p>", PNG);
    assert!(book.len() < 8 * 1024, "the book is {} bytes", book.len());
    let article = import_bytes("echo.epub", &book).unwrap();
    assert_eq!(article.content_text.matches("The only paragraph").count(), 1);
}

#[test]
fn one_image_used_thousands_of_times_stays_within_the_books_image_budget() {
    let big_png: Vec<u8> = PNG.iter().copied().chain(std::iter::repeat_n(0u8, 256 * 1024)).collect();
    let body = format!("<p>Pictures.</p>{}", r#"<img src="../images/dot.png" alt="d"/>"#.repeat(20_000));
    let book = amplifying_book(r#"<itemref idref="c1"/>"#, &body, &big_png);
    assert!(book.len() < 64 * 1024, "the book is {} bytes", book.len());
    let article = import_bytes("gallery.epub", &book).unwrap();
    assert!(article.content_html.len() < 50 * 1024 * 1024, "{} MB of article", article.content_html.len() >> 20);
    assert!(article.content_html.matches("<img").count() <= 400);
}

#[test]
fn a_chapter_of_millions_of_elements_is_refused_with_a_reason() {
    let book = amplifying_book(r#"<itemref idref="c1"/>"#, &"<i>x</i>".repeat(1_000_000), PNG);
    assert!(book.len() < 64 * 1024, "the book is {} bytes", book.len());
    let error = import_bytes("swarm.epub", &book).unwrap_err();
    assert_eq!(error.kind(), ErrorKind::Unreadable);
    assert!(error.to_string().contains("elements"), "{error}");
}

#[test]
fn a_chapter_nested_fifty_thousand_levels_deep_is_flattened_and_read() {
    let body = format!("{}Deep inside the book.{}", "<div>".repeat(50_000), "</div>".repeat(50_000));
    let article = import_bytes("deep.epub", &amplifying_book(r#"<itemref idref="c1"/>"#, &body, PNG)).unwrap();
    assert!(article.content_text.contains("Deep inside the book."));
}
