//! EPUB books (rbook): every chapter in reading order, images kept inside the article,
//! the book's title, author, publisher and language. Archives are checked before they
//! are opened, so a zip bomb or a truncated file gets a clear error, not a hang.

use std::collections::HashSet;
use std::io::Cursor;

use dom_query::Document;
use rbook::Epub;

use super::budget::Budget;
use super::images::{self, ImageLimits};
use super::{Extracted, limits};
use crate::error::{Error, Result};

/// What a book may unpack to: generous for real books, far below a zip bomb.
const MAX_UNPACKED_BYTES: u64 = 300 * 1024 * 1024;
const MAX_ENTRIES: usize = 20_000;
/// The text of a whole book, as HTML: a long novel is a few MB.
const MAX_BOOK_HTML_BYTES: usize = 32 * 1024 * 1024;
/// Images a book may embed: more than an article (picture books), still bounded.
const BOOK_IMAGES: ImageLimits = ImageLimits { max_images: 400, max_total_bytes: 48 * 1024 * 1024 };

/// Read a book within `budget`. Each chapter is read once, however often the spine
/// names it; images are embedded within the book's image budget (every use counts);
/// the text as a whole is capped; the deadline and cancel are checked per chapter.
pub fn extract_within(file_name: &str, bytes: &[u8], budget: &Budget) -> Result<Extracted> {
    check_archive(file_name, bytes)?;
    let epub =
        Epub::read(Cursor::new(bytes.to_vec())).map_err(|e| Error::Unreadable(format!("{file_name} is not a readable EPUB ({e}).")))?;
    let metadata = epub.metadata();
    let mut content_html = String::new();
    let mut read_chapters = HashSet::new();
    for entry in epub.spine().iter() {
        budget.check()?;
        let Some(chapter) = entry.manifest_entry() else { continue };
        let href = chapter.href().as_ref().to_string();
        if !read_chapters.insert(href.clone()) {
            continue; // a spine that repeats a chapter does not repeat its text
        }
        let Ok(xhtml) = chapter.read_str() else {
            log::warn!("{file_name}: chapter {href} could not be read");
            continue;
        };
        content_html.push_str("<section>");
        content_html.push_str(&chapter_body(&href, &limits::flatten_deep_nesting(&xhtml)?));
        content_html.push_str("</section>\n");
        if content_html.len() > MAX_BOOK_HTML_BYTES {
            return Err(Error::Unreadable(format!(
                "{file_name} holds more than {} MB of text, more than any book; it was not imported.",
                MAX_BOOK_HTML_BYTES / (1024 * 1024)
            )));
        }
    }
    if content_html.is_empty() {
        return Err(Error::Unreadable(format!("{file_name} has no chapters to read.")));
    }
    budget.check()?;
    let content_html = images::embed_images_within(&content_html, &|path| book_image(&epub, path), BOOK_IMAGES);
    let creators: Vec<String> = metadata.creators().map(|c| c.value().trim().to_string()).collect();
    Ok(Extracted {
        url: None,
        canonical_url: None,
        title: metadata.title().map(|t| t.value().trim().to_string()).unwrap_or_else(|| super::plain_text::title_from_file_name(file_name)),
        byline: Some(creators.join(", ")).filter(|b| !b.is_empty()),
        site_name: metadata.publishers().next().map(|p| p.value().trim().to_string()),
        lang: metadata.language().map(|l| l.value().trim().to_string()),
        published_at: metadata.published_entry().map(|d| d.value().trim().to_string()),
        content_html,
    })
}

/// Refuse archives that are not zips, or that would unpack to far more than a book.
fn check_archive(file_name: &str, bytes: &[u8]) -> Result<()> {
    let archive = zip::ZipArchive::new(Cursor::new(bytes))
        .map_err(|e| Error::Unreadable(format!("{file_name} is not an EPUB: it is not a zip archive ({e}).")))?;
    if archive.len() > MAX_ENTRIES {
        return Err(Error::Unreadable(format!("{file_name} holds {} files, too many for a book.", archive.len())));
    }
    let unpacked: u64 = archive.decompressed_size().map(|s| s as u64).unwrap_or(u64::MAX);
    if unpacked > MAX_UNPACKED_BYTES {
        return Err(Error::Unreadable(format!(
            "{file_name} would unpack to more than {} MB; it was not opened.",
            MAX_UNPACKED_BYTES / (1024 * 1024)
        )));
    }
    Ok(())
}

/// A chapter's body, its image sources rewritten to their paths inside the book
/// (embedded later, for the whole book at once).
fn chapter_body(chapter_href: &str, xhtml: &str) -> String {
    let document = Document::from(xhtml);
    for image in document.select("img[src]").nodes() {
        let Some(src) = image.attr("src") else { continue };
        match book_path(chapter_href, &src) {
            Some(path) => image.set_attr("src", &path),
            None => image.remove_attr("src"),
        }
    }
    let body = document.select("body");
    if body.exists() { body.inner_html().to_string() } else { document.html().to_string() }
}

/// Where `src`, as written in the chapter at `chapter_href`, lives in the book.
fn book_path(chapter_href: &str, src: &str) -> Option<String> {
    let base = url::Url::parse("epub:///").ok()?.join(chapter_href).ok()?;
    let target = base.join(src).ok()?;
    (target.scheme() == "epub").then(|| target.path().to_string())
}

fn book_image(epub: &Epub, path: &str) -> Option<Vec<u8>> {
    let entry = epub.manifest().by_href(path)?;
    if !entry.media_type().starts_with("image/") {
        return None;
    }
    entry.read_bytes().ok()
}
