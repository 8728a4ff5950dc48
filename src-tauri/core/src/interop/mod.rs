//! Moving in from other reading apps: their export files are parsed into one model
//! (`Foreign`), previewed, and applied to the library with their highlights, tags,
//! states and dates. Each format has its own module; what they produce is checked here
//! and written by `apply`.

mod annotation_export;
mod annotations;
mod apply;
mod dates;
pub mod download;
mod instapaper;
pub mod json;
mod kindle;
pub mod markdown;
mod omnivore;
mod pocket;
mod readwise;

use std::collections::HashMap;
use std::io::Read;

use serde::Serialize;

pub use annotation_export::{ExportedFile, FileExport};
pub use apply::InteropReport;
pub(crate) use apply::add_highlights;

use crate::annotate::HighlightColor;
use crate::error::{Error, Result};

/// The export formats Lectern reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub enum Format {
    /// Pocket's 2024–25 export: a zip of part_*.csv, annotations/*.json, collections/*.json.
    PocketZip,
    /// One part_*.csv from a Pocket zip.
    PocketCsv,
    /// Pocket's older ril_export.html.
    PocketHtml,
    /// Instapaper's CSV export.
    Instapaper,
    /// Omnivore's zip export.
    OmnivoreZip,
    /// Kindle's "My Clippings.txt".
    Kindle,
    /// Lectern's own JSON export.
    LecternJson,
    /// Readwise's highlights CSV export.
    ReadwiseHighlights,
    /// Readwise's CSV bulk-import template.
    ReadwiseTemplate,
    /// Readwise Reader's documents CSV.
    ReaderDocuments,
    /// Hypothesis's JSON export.
    Hypothesis,
    /// W3C Web Annotations (JSON-LD).
    W3cAnnotations,
}

impl Format {
    /// The format's name, for the user.
    pub fn label(self) -> &'static str {
        match self {
            Format::PocketZip | Format::PocketCsv => "Pocket export",
            Format::PocketHtml => "Pocket export (ril_export.html)",
            Format::Instapaper => "Instapaper CSV",
            Format::OmnivoreZip => "Omnivore export",
            Format::Kindle => "Kindle clippings",
            Format::LecternJson => "Lectern export",
            Format::ReadwiseHighlights => "Readwise highlights",
            Format::ReadwiseTemplate => "Readwise import template",
            Format::ReaderDocuments => "Readwise Reader documents",
            Format::Hypothesis => "Hypothesis annotations",
            Format::W3cAnnotations => "Web annotations (W3C)",
        }
    }
}

/// What another app's export holds, in one shape for every format.
#[derive(Debug, Clone)]
pub struct Foreign {
    /// Which format the export is.
    pub format: Format,
    /// Its articles, with their highlights.
    pub articles: Vec<ForeignArticle>,
    /// Rows that could not be read, by line (or entry); the rest still imports.
    pub problems: Vec<RowProblem>,
    /// A Lectern export as it was written: restored exactly into an empty library.
    pub exact: Option<Box<json::LibraryExport>>,
}

/// An article (or book) from another app.
#[derive(Debug, Clone, Default)]
pub struct ForeignArticle {
    /// Where in the file it came from (a line, row or entry number), for the report.
    pub line: u32,
    /// The article's address, when the export has one.
    pub url: Option<String>,
    /// Its title.
    pub title: String,
    /// Its author, when known.
    pub author: Option<String>,
    /// Its tags.
    pub tags: Vec<String>,
    /// Archived (read) in the other app.
    pub archived: bool,
    /// Starred or favourited in the other app.
    pub favorite: bool,
    /// 0..=1.
    pub progress: Option<f64>,
    /// Unix milliseconds.
    pub saved_at: Option<i64>,
    /// The publication date as the export gives it.
    pub published_at: Option<String>,
    /// Its text, when the export carries it (else it is saved as a link).
    pub content: Option<ForeignContent>,
    /// The reader's note on the whole article.
    pub note: Option<String>,
    /// Its highlights.
    pub highlights: Vec<ForeignHighlight>,
}

/// An article's text as an export carries it.
#[derive(Debug, Clone)]
pub enum ForeignContent {
    /// A saved copy of the page (Omnivore), imported like any HTML file.
    Html(String),
    /// The only text there is (Kindle: the highlights themselves), with an identity of ours.
    Text {
        /// What makes it this article and no other (the book's title and author), for
        /// finding it again on the next import.
        identity: String,
        /// The text itself.
        text: String,
    },
}

/// A highlight as another app exported it: a quote, found again in the article's text.
#[derive(Debug, Clone, Default)]
pub struct ForeignHighlight {
    /// The highlighted text.
    pub quote: String,
    /// The note on it (Markdown), if any.
    pub note: Option<String>,
    /// Its colour, when the app had one Lectern knows.
    pub color: Option<HighlightColor>,
    /// Unix milliseconds.
    pub created_at: Option<i64>,
    /// Text just before and after the quote, when the export keeps it (it picks the right
    /// one of several identical quotes).
    pub prefix: String,
    /// Text just after the quote.
    pub suffix: String,
}

/// A row of an export that could not be read, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct RowProblem {
    /// The row's line in the file.
    pub line: u32,
    /// What is wrong with it.
    pub message: String,
}

/// What an import will bring in, before anything is written.
#[derive(Debug, Clone, PartialEq, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct Preview {
    /// Which format it is.
    pub format: Format,
    /// The format's name, for the user.
    pub format_label: String,
    /// Articles in the export.
    pub articles: u32,
    /// Articles that come with their text; the rest are saved as links to fetch.
    pub with_text: u32,
    /// Highlights in the export.
    pub highlights: u32,
    /// Notes (on articles and highlights).
    pub notes: u32,
    /// Every tag used, once.
    pub tags: Vec<String>,
    /// Articles archived in the other app.
    pub archived: u32,
    /// Articles starred in the other app.
    pub favorites: u32,
    /// Rows that could not be read.
    pub problems: Vec<RowProblem>,
}

/// Exports above this size are refused (the biggest real ones are a few MB of CSV).
pub const MAX_EXPORT_BYTES: usize = 512 * 1024 * 1024;

/// Read an export file, recognising its format from its name and content.
pub fn read_export(file_name: &str, bytes: &[u8]) -> Result<Foreign> {
    if bytes.len() > MAX_EXPORT_BYTES {
        return Err(Error::InvalidInput(format!("{file_name} is larger than an export can be ({} MB).", MAX_EXPORT_BYTES >> 20)));
    }
    let format = detect(file_name, bytes)
        .ok_or_else(|| Error::InvalidInput(format!("{file_name} is not an export Lectern recognises (Pocket, Instapaper, Omnivore, Readwise, Kindle, Hypothesis, W3C annotations, Lectern JSON).")))?;
    let foreign = match format {
        Format::PocketZip => pocket::read_zip(bytes)?,
        Format::PocketCsv => pocket::read_csv_file(bytes)?,
        Format::PocketHtml => pocket::read_html(bytes),
        Format::Instapaper => instapaper::read(bytes)?,
        Format::OmnivoreZip => omnivore::read_zip(bytes)?,
        Format::Kindle => kindle::read(bytes),
        Format::ReadwiseHighlights | Format::ReadwiseTemplate => readwise::read_highlights(bytes, format)?,
        Format::ReaderDocuments => readwise::read_documents(bytes)?,
        Format::Hypothesis | Format::W3cAnnotations => annotations::read(bytes, format)?,
        Format::LecternJson => {
            let export = json::read(bytes)?;
            json::to_foreign(&export).with_exact(export)
        }
    };
    Ok(foreign)
}

fn detect(file_name: &str, bytes: &[u8]) -> Option<Format> {
    let name = file_name.rsplit(['/', '\\']).next().unwrap_or(file_name).to_ascii_lowercase();
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(4096)]).trim_start_matches('\u{feff}').to_ascii_lowercase();
    if bytes.starts_with(b"PK") {
        return zip_format(bytes);
    }
    if head.contains("==========")
        && (head.contains("- your highlight")
            || head.contains("- your note")
            || head.contains("- your bookmark")
            || name.contains("clippings"))
    {
        return Some(Format::Kindle);
    }
    if head.starts_with('{') && head.contains(&format!("\"format\": \"{}\"", json::FORMAT_NAME))
        || head.contains(&format!("\"format\":\"{}\"", json::FORMAT_NAME))
    {
        return Some(Format::LecternJson);
    }
    if head.starts_with('{') || head.starts_with('[') {
        let value: serde_json::Value = serde_json::from_slice(bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(bytes)).ok()?;
        return annotations::json_kind(&value);
    }
    let header = head.lines().next().unwrap_or("");
    let columns: Vec<&str> = header.split(',').map(|c| c.trim().trim_matches('"')).collect();
    if let Some(format) = readwise::csv_kind(&columns) {
        return Some(format);
    }
    if columns.contains(&"url") && columns.contains(&"title") && columns.contains(&"folder") {
        return Some(Format::Instapaper);
    }
    if columns.contains(&"url") && columns.contains(&"title") && columns.contains(&"time_added") {
        return Some(Format::PocketCsv);
    }
    if head.contains("<h1>unread</h1>") || (name.starts_with("ril_export") && head.contains("<html")) {
        return Some(Format::PocketHtml);
    }
    None
}

fn zip_format(bytes: &[u8]) -> Option<Format> {
    let archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).ok()?;
    let names: Vec<String> = archive.file_names().filter_map(|n| n.ok().map(|n| n.into_owned())).collect();
    let has = |test: &dyn Fn(&str) -> bool| names.iter().any(|n| test(&n.rsplit('/').next().unwrap_or(n).to_ascii_lowercase()));
    if has(&|n| n.starts_with("metadata_") && n.ends_with(".json")) {
        return Some(Format::OmnivoreZip);
    }
    if has(&|n| n.starts_with("part_") && n.ends_with(".csv")) {
        return Some(Format::PocketZip);
    }
    None
}

impl Foreign {
    fn with_exact(mut self, export: json::LibraryExport) -> Foreign {
        self.exact = Some(Box::new(export));
        self
    }

    /// The counts a user sees before deciding to import.
    pub fn preview(&self) -> Preview {
        let mut tags: Vec<String> = self.articles.iter().flat_map(|a| a.tags.iter().cloned()).collect();
        tags.sort();
        tags.dedup();
        let count = |test: &dyn Fn(&ForeignArticle) -> bool| self.articles.iter().filter(|a| test(a)).count() as u32;
        Preview {
            format: self.format,
            format_label: self.format.label().to_string(),
            articles: self.articles.len() as u32,
            with_text: count(&|a| a.content.is_some()),
            highlights: self.articles.iter().map(|a| a.highlights.len() as u32).sum(),
            notes: self
                .articles
                .iter()
                .map(|a| a.highlights.iter().filter(|h| h.note.is_some()).count() as u32 + u32::from(a.note.is_some()))
                .sum(),
            tags,
            archived: count(&|a| a.archived),
            favorites: count(&|a| a.favorite),
            problems: self.problems.clone(),
        }
    }
}

/// Split a tag list as exports write them, dropping empties and duplicates.
fn tag_list<'a>(parts: impl Iterator<Item = &'a str>) -> Vec<String> {
    let mut tags: Vec<String> = Vec::new();
    for tag in parts.map(str::trim).filter(|t| !t.is_empty()) {
        if !tags.iter().any(|t| t.eq_ignore_ascii_case(tag)) {
            tags.push(tag.chars().take(100).collect());
        }
    }
    tags
}

/// CSV rows by header name, case-insensitively, with a BOM stripped and every row's line
/// number; a row that cannot be read becomes a problem, not a failure.
fn csv_rows(bytes: &[u8], problems: &mut Vec<RowProblem>) -> Result<Vec<(u32, std::collections::HashMap<String, String>)>> {
    let bytes = bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(bytes);
    let mut reader = csv::ReaderBuilder::new().flexible(true).from_reader(bytes);
    let headers: Vec<String> = reader
        .byte_headers()
        .map_err(|e| Error::InvalidInput(format!("The file's header row cannot be read: {e}")))?
        .iter()
        .map(|h| String::from_utf8_lossy(h).trim().to_ascii_lowercase())
        .collect();
    let mut rows = Vec::new();
    for record in reader.byte_records() {
        match record {
            Ok(record) => {
                let line = record.position().map_or(0, |p| p.line() as u32);
                let mut row = std::collections::HashMap::new();
                let mut invalid = false;
                for (name, value) in headers.iter().zip(record.iter()) {
                    match std::str::from_utf8(value) {
                        Ok(text) => row.insert(name.clone(), text.trim().to_string()),
                        Err(_) => {
                            invalid = true;
                            row.insert(name.clone(), String::from_utf8_lossy(value).trim().to_string())
                        }
                    };
                }
                if invalid {
                    problems.push(RowProblem { line, message: "has bytes that are not UTF-8; replaced with �".into() });
                }
                rows.push((line, row));
            }
            Err(error) => problems.push(RowProblem { line: error.position().map_or(0, |p| p.line() as u32), message: error.to_string() }),
        }
    }
    Ok(rows)
}

/// A row's web address, or None after reporting the row as skipped.
fn row_url(raw: &str, line: u32, problems: &mut Vec<RowProblem>) -> Option<String> {
    let url = web_url(raw);
    if url.is_none() {
        problems.push(RowProblem { line, message: format!("“{raw}” is not a web address; skipped") });
    }
    url
}

/// The export's title, or the address when it gives none.
fn title_or_url(title: &str, url: &str) -> String {
    let title = title.trim();
    if title.is_empty() { url.to_string() } else { title.to_string() }
}

/// A web address an export gives, if it is one (other schemes are not articles).
fn web_url(raw: &str) -> Option<String> {
    let url = url::Url::parse(raw.trim()).ok()?;
    matches!(url.scheme(), "http" | "https").then(|| url.to_string())
}

/// No single entry of an export zip may unpack to more than this.
const MAX_ENTRY_BYTES: u64 = 256 * 1024 * 1024;

/// Every file entry of a zip with its content, in order; a later entry of the same name
/// replaces an earlier one (Omnivore writes some twice). Sizes are checked before reading.
fn zip_entries(bytes: &[u8]) -> Result<Vec<(String, Vec<u8>)>> {
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes))
        .map_err(|e| Error::InvalidInput(format!("The export is not a readable zip: {e}")))?;
    let mut entries: HashMap<String, usize> = HashMap::new();
    let mut out: Vec<(String, Vec<u8>)> = Vec::new();
    let mut total = 0u64;
    for index in 0..archive.len() {
        let mut entry = archive.by_index(index).map_err(|e| Error::InvalidInput(format!("The export zip is damaged: {e}")))?;
        if entry.is_dir() {
            continue;
        }
        total += entry.size();
        if entry.size() > MAX_ENTRY_BYTES || total > MAX_EXPORT_BYTES as u64 * 4 {
            return Err(Error::InvalidInput("The export zip unpacks to more than an export can hold.".into()));
        }
        let mut content = Vec::with_capacity(entry.size() as usize);
        entry
            .by_ref()
            .take(MAX_ENTRY_BYTES)
            .read_to_end(&mut content)
            .map_err(|e| Error::InvalidInput(format!("The export zip is damaged: {e}")))?;
        let name = entry.name().map_err(|e| Error::InvalidInput(format!("The export zip has an unreadable name: {e}")))?.into_owned();
        match entries.get(&name) {
            Some(&at) => out[at].1 = content,
            None => {
                entries.insert(name.clone(), out.len());
                out.push((name, content));
            }
        }
    }
    Ok(out)
}
