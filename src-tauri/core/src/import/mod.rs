//! The import pipeline: bytes in → detect the kind → extract readable content →
//! sanitize → metadata. The result is an [`ImportedArticle`], ready for
//! [`crate::Library::save_article`], which dedupes and stores it in one transaction.

pub mod batch;
pub mod boilerplate;
pub mod budget;
pub mod charset;
pub mod epub;
pub mod html;
pub mod images;
pub mod limits;
pub mod markdown;
pub mod plain_text;
pub mod pointers;
pub mod prose;
pub mod sanitize;
mod selectors;
pub mod standfirst;
pub mod web;

use std::borrow::Cow;
use std::path::Path;

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

pub use budget::{Budget, CancelToken};

use crate::error::{Error, Result};
use crate::sql::text_enum;
use crate::text;

/// Files larger than this are refused before reading them whole: no article is that big,
/// and reading a huge file would stall the import.
pub const MAX_IMPORT_BYTES: u64 = 50 * 1024 * 1024;

/// Where an article came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub enum SourceKind {
    /// Fetched from a web address.
    Url,
    /// An HTML file or pasted HTML.
    Html,
    /// A Markdown file.
    Markdown,
    /// A text file or pasted text.
    Text,
    /// An EPUB book.
    Epub,
    /// One of the articles a new library starts with.
    Seed,
}

text_enum!(SourceKind { Url => "url", Html => "html", Markdown => "markdown", Text => "text", Epub => "epub", Seed => "seed" });

/// What an extractor found, before sanitizing and measuring.
#[derive(Debug, Clone, Default)]
pub struct Extracted {
    /// The page's address, when known.
    pub url: Option<String>,
    /// Where the page says it really lives; used to recognise the same article again.
    pub canonical_url: Option<String>,
    /// The title found (the file name when none).
    pub title: String,
    /// The author, when found.
    pub byline: Option<String>,
    /// The site's name, when found.
    pub site_name: Option<String>,
    /// The language (BCP 47), when declared.
    pub lang: Option<String>,
    /// The publication date as the page gives it.
    pub published_at: Option<String>,
    /// Unsanitized HTML of the readable content.
    pub content_html: String,
}

/// An article ready to be stored: sanitized, measured and fingerprinted.
#[derive(Debug, Clone, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct ImportedArticle {
    /// The page's address, when known.
    pub url: Option<String>,
    /// Where the page says it really lives; used to recognise the same article again.
    pub canonical_url: Option<String>,
    /// The title.
    pub title: String,
    /// The author, when known.
    pub byline: Option<String>,
    /// The site's name, when known.
    pub site_name: Option<String>,
    /// The language (BCP 47), when declared.
    pub lang: Option<String>,
    /// The publication date as the page gives it.
    pub published_at: Option<String>,
    /// The sanitized HTML the reader shows.
    pub content_html: String,
    /// The article text: highlights and positions are offsets into it.
    pub content_text: String,
    /// The first words of the text, for lists.
    pub excerpt: String,
    /// Words in the text.
    pub word_count: u32,
    /// Minutes to read it, at the app's reading speed.
    pub reading_minutes: u32,
    /// Where it came from.
    pub source_kind: SourceKind,
    /// SHA-256 of the whitespace-normalised article text: the same text saved twice is one article.
    pub content_hash: String,
}

/// Kinds of file the pipeline recognises.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum FileKind {
    Html,
    Text,
    Markdown,
    Epub,
}

impl FileKind {
    fn source_kind(self) -> SourceKind {
        match self {
            FileKind::Html => SourceKind::Html,
            FileKind::Text => SourceKind::Text,
            FileKind::Markdown => SourceKind::Markdown,
            FileKind::Epub => SourceKind::Epub,
        }
    }
}

/// What an import may do beyond reading its input, and how long it may take.
#[derive(Debug, Clone, Default)]
pub struct ImportOptions {
    /// Fetch the images that local files and pasted HTML name by web address. Off
    /// unless the user turns it on: fetching tells those servers what you read. Only
    /// public addresses are ever fetched.
    pub fetch_remote_images: bool,
    /// How long the import may take, and its cancel button.
    pub budget: Budget,
    /// Limits for pasted web addresses.
    pub fetch_limits: web::FetchLimits,
    /// A batch's shared client and fetched images (else each file has its own client).
    pub shared_images: Option<std::sync::Arc<web::SharedImages>>,
}

/// Import a file from disk (no remote images; see [`import_file_with`]).
pub fn import_file(path: &Path) -> Result<ImportedArticle> {
    import_file_with(path, &ImportOptions::default())
}

/// Import a file from disk. Images next to a saved page are read from its folder;
/// remote ones only when `options` allow it.
pub fn import_file_with(path: &Path, options: &ImportOptions) -> Result<ImportedArticle> {
    let size = std::fs::metadata(path)?.len();
    if size > MAX_IMPORT_BYTES {
        return Err(Error::InvalidInput(format!(
            "{} is {} MB; Lectern imports files up to {} MB.",
            path.display(),
            size / (1024 * 1024),
            MAX_IMPORT_BYTES / (1024 * 1024)
        )));
    }
    let bytes = std::fs::read(path)?;
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let next_to_file = images::file_loader(path);
    let remote = remote_images(options)?;
    import_with_images(&name, &bytes, &|src| next_to_file(src).or_else(|| remote.as_ref()?(src)), &options.budget)
}

/// Import the bytes of a file called `file_name` (the name picks the kind and may give
/// the title). Nothing is fetched: images with web addresses are left out.
pub fn import_bytes(file_name: &str, bytes: &[u8]) -> Result<ImportedArticle> {
    import_bytes_with(file_name, bytes, &ImportOptions::default())
}

/// [`import_bytes`], fetching remote images when `options` allow it.
pub fn import_bytes_with(file_name: &str, bytes: &[u8], options: &ImportOptions) -> Result<ImportedArticle> {
    let remote = remote_images(options)?;
    import_with_images(file_name, bytes, &|src| remote.as_ref()?(src), &options.budget)
}

/// Where a local import's remote images come from, when the user allows them: the
/// batch's shared client and images, or a client of this import's own.
fn remote_images(options: &ImportOptions) -> Result<Option<ImageLoader<'_>>> {
    if !options.fetch_remote_images {
        return Ok(None);
    }
    if let Some(shared) = &options.shared_images {
        return Ok(Some(Box::new(move |src| shared.image(src, &options.budget))));
    }
    let fetcher = web::Fetcher::new(options.fetch_limits, web::Zone::Public, options.budget.clone())?;
    Ok(Some(Box::new(move |src| fetcher.image(src))))
}

type ImageLoader<'a> = Box<dyn Fn(&str) -> Option<Vec<u8>> + 'a>;

fn import_with_images(
    file_name: &str,
    bytes: &[u8],
    load_image: &dyn Fn(&str) -> Option<Vec<u8>>,
    budget: &Budget,
) -> Result<ImportedArticle> {
    let bytes = decode_utf16(bytes);
    let kind = detect_kind(file_name, &bytes)?;
    let mut extracted = extract_kind(kind, file_name, &bytes, budget)?;
    budget.check()?;
    if matches!(kind, FileKind::Html | FileKind::Markdown) {
        extracted.content_html = images::embed_images(&extracted.content_html, load_image);
    }
    budget.check()?;
    finish(extracted, kind.source_kind())
}

/// Import what the user pasted: a web address is fetched, HTML is read as a page,
/// anything else as plain text.
pub fn import_pasted(text: &str, options: &ImportOptions) -> Result<ImportedArticle> {
    let trimmed = text.trim();
    if trimmed.is_empty() {
        return Err(Error::InvalidInput("Paste a link or some text first.".into()));
    }
    let single_word = !trimmed.contains(char::is_whitespace);
    if single_word && (trimmed.starts_with("http://") || trimmed.starts_with("https://")) {
        return web::import_url_within(trimmed, options.fetch_limits, options.budget.clone());
    }
    let looks_like_html = trimmed.starts_with('<') && trimmed.contains("</");
    // No file name: the title comes from the page, or the text's first line or sentence.
    let name = if looks_like_html { "pasted.html" } else { "" };
    import_bytes_with(name, trimmed.as_bytes(), options)
}

/// Extract the readable content of a file without storing or sanitizing anything
/// (what `lectern-cli extract` prints, after sanitizing).
pub fn extract_bytes(file_name: &str, bytes: &[u8]) -> Result<Extracted> {
    let bytes = decode_utf16(bytes);
    extract_kind(detect_kind(file_name, &bytes)?, file_name, &bytes, &Budget::default())
}

/// Text files saved as UTF-16 (Windows' "Unicode") carry a byte-order mark; they are
/// text, not binary, and are read as such (as UTF-8 from here on).
fn decode_utf16(bytes: &[u8]) -> Cow<'_, [u8]> {
    match encoding_rs::Encoding::for_bom(bytes) {
        Some((encoding, _)) if encoding == encoding_rs::UTF_16LE || encoding == encoding_rs::UTF_16BE => {
            Cow::Owned(encoding.decode_with_bom_removal(bytes).0.into_owned().into_bytes())
        }
        _ => Cow::Borrowed(bytes),
    }
}

fn extract_kind(kind: FileKind, file_name: &str, bytes: &[u8], budget: &Budget) -> Result<Extracted> {
    let utf8 = || std::str::from_utf8(bytes).map_err(|_| Error::Unreadable(format!("{file_name} is not UTF-8 text.")));
    match kind {
        FileKind::Html => html::extract(&charset::decode_html(bytes, None), None),
        FileKind::Text => Ok(plain_text::extract(file_name, utf8()?)),
        FileKind::Markdown => Ok(markdown::extract(file_name, utf8()?)),
        FileKind::Epub => epub::extract_within(file_name, bytes, budget),
    }
}

fn detect_kind(file_name: &str, bytes: &[u8]) -> Result<FileKind> {
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(Error::Unreadable(format!("{file_name} is empty.")));
    }
    let extension = Path::new(file_name).extension().map(|e| e.to_string_lossy().to_ascii_lowercase()).unwrap_or_default();
    if extension == "epub" {
        return Ok(FileKind::Epub);
    }
    if looks_binary(bytes) {
        return Err(Error::Unreadable(format!("{file_name} looks like a binary file, not an article.")));
    }
    match extension.as_str() {
        "html" | "htm" | "xhtml" => Ok(FileKind::Html),
        "txt" | "text" => Ok(FileKind::Text),
        "md" | "markdown" | "mdown" => Ok(FileKind::Markdown),
        _ if starts_like_html(bytes) => Ok(FileKind::Html),
        "" => Ok(FileKind::Text),
        other => Err(Error::InvalidInput(format!("Lectern cannot import .{other} files (it reads .html, .md, .txt and .epub)."))),
    }
}

/// NUL bytes never occur in text or HTML; a few in the first 8 KiB mean a binary file.
pub(crate) fn looks_binary(bytes: &[u8]) -> bool {
    bytes.iter().take(8192).any(|b| *b == 0)
}

fn starts_like_html(bytes: &[u8]) -> bool {
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(1024)]).to_ascii_lowercase();
    let head = head.trim_start_matches('\u{feff}').trim_start();
    head.starts_with("<!doctype html") || head.starts_with("<html") || head.contains("<body")
}

/// Sanitize, measure and fingerprint extracted content.
pub fn finish(extracted: Extracted, source_kind: SourceKind) -> Result<ImportedArticle> {
    let content_html = stored_html(&extracted.content_html)?;
    let content_text = text::article_text(&content_html);
    if content_text.trim().is_empty() {
        return Err(Error::Unreadable("no readable text was found in it.".into()));
    }
    let length = text::measure(&content_text);
    let lang = extracted.lang.or_else(|| detect_language(&content_text));
    Ok(ImportedArticle {
        // Only a fetched page's address is its identity: a file or pasted text can claim
        // any address (front matter, a saved page's link), which is kept for display only.
        canonical_url: extracted.canonical_url.or_else(|| extracted.url.clone().filter(|_| source_kind == SourceKind::Url)),
        url: extracted.url,
        title: clean_title(&extracted.title),
        byline: extracted.byline.map(|b| b.trim().to_string()).filter(|b| !b.is_empty()),
        site_name: extracted.site_name.map(|s| s.trim().to_string()).filter(|s| !s.is_empty()),
        lang,
        published_at: extracted.published_at,
        excerpt: text::excerpt(&content_text, text::EXCERPT_CHARS),
        word_count: u32::try_from(length.words).unwrap_or(u32::MAX),
        reading_minutes: u32::try_from(length.reading_minutes).unwrap_or(u32::MAX),
        content_hash: content_hash(&content_text),
        content_html,
        content_text,
        source_kind,
    })
}

/// Extracted HTML as the library stores it: sanitized, with its blocks kept apart in
/// the article text (see [`text::with_block_boundaries`]).
pub fn stored_html(extracted_html: &str) -> Result<String> {
    let sanitized = sanitize::sanitize(&limits::flatten_deep_nesting(extracted_html)?);
    Ok(text::with_block_boundaries(&boilerplate::without_empty_figures(&sanitized)))
}

fn clean_title(title: &str) -> String {
    let title = title.split_whitespace().collect::<Vec<_>>().join(" ");
    if title.is_empty() { "Untitled".to_string() } else { title }
}

fn detect_language(text: &str) -> Option<String> {
    let info = whatlang::detect(text)?;
    info.is_reliable().then(|| iso_639_1(info.lang()).to_string())
}

/// whatlang speaks ISO 639-3; the web (and `lang` attributes) speak 639-1.
fn iso_639_1(lang: whatlang::Lang) -> &'static str {
    use whatlang::Lang::*;
    match lang {
        Eng => "en",
        Fra => "fr",
        Deu => "de",
        Spa => "es",
        Ita => "it",
        Por => "pt",
        Rus => "ru",
        Ukr => "uk",
        Pol => "pl",
        Nld => "nl",
        Swe => "sv",
        Dan => "da",
        Nob => "nb",
        Fin => "fi",
        Ces => "cs",
        Tur => "tr",
        Ara => "ar",
        Heb => "he",
        Pes => "fa",
        Hin => "hi",
        Cmn => "zh",
        Jpn => "ja",
        Kor => "ko",
        Ell => "el",
        Hun => "hu",
        Ron => "ro",
        Bul => "bg",
        Vie => "vi",
        Tha => "th",
        Ind => "id",
        other => other.code(),
    }
}

/// The fingerprint of an article text: the same words, however spaced, are one article.
pub fn content_hash(text: &str) -> String {
    let normalised = text.split_whitespace().collect::<Vec<_>>().join(" ");
    let digest = Sha256::digest(normalised.as_bytes());
    digest.iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn binary_files_are_refused_with_a_clear_message() {
        let error = import_bytes("photo.html", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR").unwrap_err();
        assert_eq!(error.kind(), crate::ErrorKind::Unreadable);
        assert!(error.to_string().contains("binary"), "{error}");
    }

    #[test]
    fn empty_files_are_refused() {
        let error = import_bytes("empty.txt", b"  \n").unwrap_err();
        assert!(error.to_string().contains("empty"), "{error}");
    }

    #[test]
    fn invalid_utf8_text_is_refused() {
        let error = import_bytes("latin1.txt", b"caf\xe9 au lait").unwrap_err();
        assert!(error.to_string().contains("UTF-8"), "{error}");
    }

    #[test]
    fn unknown_extensions_are_refused() {
        let error = import_bytes("slides.pptx", b"hello").unwrap_err();
        assert_eq!(error.kind(), crate::ErrorKind::InvalidInput);
    }

    #[test]
    fn oversized_files_are_refused_before_reading() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("huge.txt");
        let file = std::fs::File::create(&path).unwrap();
        file.set_len(MAX_IMPORT_BYTES + 1).unwrap();
        let error = import_file(&path).unwrap_err();
        assert!(error.to_string().contains("MB"), "{error}");
    }

    #[test]
    fn pasted_text_and_html_are_imported() {
        let text = import_pasted("A Pasted Title\n\nPasted body.", &ImportOptions::default()).unwrap();
        assert_eq!((text.title.as_str(), text.source_kind), ("A Pasted Title", SourceKind::Text));
        let untitled = import_pasted("Just one sentence here. And another.", &ImportOptions::default()).unwrap();
        assert_eq!(untitled.title, "Just one sentence here");
        let html = import_pasted("<h1>x</h1><p>Pasted <b>page</b> body with words.</p>", &ImportOptions::default()).unwrap();
        assert_eq!(html.source_kind, SourceKind::Html);
        assert!(html.content_text.contains("Pasted page body"));
        assert_eq!(import_pasted("  ", &ImportOptions::default()).unwrap_err().kind(), crate::ErrorKind::InvalidInput);
    }

    #[test]
    fn utf16_files_with_a_byte_order_mark_are_text() {
        for encoding in [encoding_rs::UTF_16LE, encoding_rs::UTF_16BE] {
            let mut bytes = if encoding == encoding_rs::UTF_16LE { vec![0xFF, 0xFE] } else { vec![0xFE, 0xFF] };
            for unit in "Notes from Windows\n\nSaved as Unicode text, with ümlauts.".encode_utf16() {
                let pair = if encoding == encoding_rs::UTF_16LE { unit.to_le_bytes() } else { unit.to_be_bytes() };
                bytes.extend_from_slice(&pair);
            }
            let article = import_bytes("notes.txt", &bytes).unwrap();
            assert_eq!(article.title, "Notes from Windows");
            assert!(article.content_text.contains("with ümlauts"), "{}", article.content_text);
        }
    }

    #[test]
    fn remote_images_of_local_files_are_not_fetched_unless_allowed() {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        listener.set_nonblocking(true).unwrap();
        let page = format!(
            "<html><body><article><h1>Page</h1><p>{}</p><img src=\"http://{}/a.png\"></article></body></html>",
            "Words of a saved page. ".repeat(20),
            listener.local_addr().unwrap()
        );
        let off = import_bytes("page.html", page.as_bytes()).unwrap();
        let on = import_bytes_with("page.html", page.as_bytes(), &ImportOptions { fetch_remote_images: true, ..ImportOptions::default() })
            .unwrap();
        for article in [off, on] {
            assert!(!article.content_html.contains("<img"), "{}", article.content_html);
        }
        assert!(listener.accept().is_err(), "nothing may have asked the local address");
    }

    #[test]
    fn same_text_with_other_whitespace_has_the_same_hash() {
        assert_eq!(content_hash("a  b\nc"), content_hash("a b c"));
        assert_ne!(content_hash("a b c"), content_hash("a b d"));
    }

    #[test]
    fn language_is_detected_from_the_text() {
        let article = import_bytes(
            "note.txt",
            "Ceci est un article écrit en français, avec assez de mots pour que la langue soit reconnue sans hésitation par le détecteur."
                .as_bytes(),
        )
        .unwrap();
        assert_eq!(article.lang.as_deref(), Some("fr"));
    }
}
