//! EPUB books (rbook): every chapter in reading order, images kept inside the article,
//! the book's title, author, publisher and language. Archives are checked before they
//! are opened, so a zip bomb or a truncated file gets a clear error, not a hang.

use std::io::Cursor;

use base64::Engine;
use dom_query::Document;
use rbook::Epub;

use super::Extracted;
use crate::error::{Error, Result};

/// What a book may unpack to: generous for real books, far below a zip bomb.
const MAX_UNPACKED_BYTES: u64 = 300 * 1024 * 1024;
const MAX_ENTRIES: usize = 20_000;
/// Images are embedded in the article (offline reading); each is capped.
const MAX_IMAGE_BYTES: usize = 8 * 1024 * 1024;

pub fn extract(file_name: &str, bytes: &[u8]) -> Result<Extracted> {
    check_archive(file_name, bytes)?;
    let epub = Epub::read(Cursor::new(bytes.to_vec()))
        .map_err(|e| Error::Unreadable(format!("{file_name} is not a readable EPUB ({e}).")))?;
    let metadata = epub.metadata();
    let mut content_html = String::new();
    for entry in epub.spine().iter() {
        let Some(chapter) = entry.manifest_entry() else { continue };
        let Ok(xhtml) = chapter.read_str() else {
            log::warn!("{file_name}: chapter {} could not be read", chapter.href());
            continue;
        };
        content_html.push_str("<section>");
        content_html.push_str(&chapter_body(&epub, chapter.href().as_ref(), &xhtml));
        content_html.push_str("</section>\n");
    }
    if content_html.is_empty() {
        return Err(Error::Unreadable(format!("{file_name} has no chapters to read.")));
    }
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

/// A chapter's body, with its images replaced by data: URIs read from the book.
fn chapter_body(epub: &Epub, chapter_href: &str, xhtml: &str) -> String {
    let document = Document::from(xhtml);
    for image in document.select("img[src], image").nodes() {
        let attribute = if image.has_attr("src") { "src" } else { "xlink:href" };
        let Some(src) = image.attr(attribute) else { continue };
        match embedded_image(epub, chapter_href, &src) {
            Some(data_uri) => {
                image.set_attr("src", &data_uri);
            }
            None => image.remove_attr("src"),
        }
    }
    let body = document.select("body");
    if body.exists() { body.inner_html().to_string() } else { document.html().to_string() }
}

fn embedded_image(epub: &Epub, chapter_href: &str, src: &str) -> Option<String> {
    let base = url::Url::parse("epub:///").ok()?.join(chapter_href).ok()?;
    let path = base.join(src).ok()?.path().to_string();
    let entry = epub.manifest().by_href(&path)?;
    let bytes = entry.read_bytes().ok()?;
    if bytes.len() > MAX_IMAGE_BYTES || !entry.media_type().starts_with("image/") {
        return None;
    }
    let encoded = base64::engine::general_purpose::STANDARD.encode(&bytes);
    Some(format!("data:{};base64,{encoded}", entry.media_type()))
}
