//! Single-file exports: Lectern's own JSON (everything), and highlights out to other
//! tools: W3C Web Annotations (an AnnotationCollection in JSON-LD, positions in Unicode
//! code points as the model says) and Readwise's CSV import template.

use serde::{Deserialize, Serialize};
use serde_json::{Value, json};

use super::json::{ArticleExport, HighlightExport, LibraryExport};
use crate::error::{Error, Result};
use crate::library::Library;
use crate::settings::Settings;

/// The exports that are one file (Markdown writes a folder of notes instead).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub enum FileExport {
    /// Everything, in Lectern's versioned JSON: restores exactly into a new library.
    Json,
    /// Highlights as a W3C Web Annotation collection (Hypothesis and other annotators).
    W3c,
    /// Highlights as Readwise's CSV import template.
    ReadwiseCsv,
}

/// An export, ready to write.
#[derive(Debug, Clone)]
pub struct ExportedFile {
    /// The file's contents.
    pub bytes: Vec<u8>,
    /// Articles it covers.
    pub articles: usize,
    /// Highlights in it.
    pub highlights: usize,
}

impl FileExport {
    /// A file name to suggest, dated.
    pub fn file_name(self, today: &str) -> String {
        match self {
            FileExport::Json => format!("lectern-library-{today}.json"),
            FileExport::W3c => format!("lectern-highlights-{today}.jsonld"),
            FileExport::ReadwiseCsv => format!("lectern-highlights-readwise-{today}.csv"),
        }
    }
}

impl Library {
    /// Export articles `ids` (every article when empty) as `kind`. The JSON carries the
    /// reader `settings` given, so a restore brings them back too.
    pub fn export_file(&self, kind: FileExport, ids: &[i64], settings: Option<&Settings>) -> Result<ExportedFile> {
        let mut export = self.export_json_of(ids)?;
        let articles = live(&export).count();
        let highlights = live(&export).map(|a| a.highlights.len()).sum();
        let bytes = match kind {
            FileExport::Json => {
                export.settings = settings.cloned();
                serde_json::to_vec_pretty(&export).map_err(|e| Error::Internal(format!("the export could not be written: {e}")))?
            }
            FileExport::W3c => serde_json::to_vec_pretty(&w3c_collection(&export))
                .map_err(|e| Error::Internal(format!("the export could not be written: {e}")))?,
            FileExport::ReadwiseCsv => readwise_csv(&export)?,
        };
        Ok(ExportedFile { bytes, articles, highlights })
    }
}

/// The highlight colours as CSS, so a W3C client can paint them (`styleClass` names them).
const STYLESHEET: &str = ".yellow { background-color: #fde68a } .green { background-color: #bbf7d0 } \
    .blue { background-color: #bfdbfe } .pink { background-color: #fbcfe8 } .purple { background-color: #ddd6fe }";

/// Every highlight of the export's articles not in the trash, as one W3C AnnotationCollection.
fn w3c_collection(export: &LibraryExport) -> Value {
    let items: Vec<Value> = live(export).flat_map(|a| a.highlights.iter().map(move |h| annotation(a, h))).collect();
    json!({
        "@context": "http://www.w3.org/ns/anno.jsonld",
        "id": "urn:lectern:highlights",
        "type": "AnnotationCollection",
        "label": "Highlights from Lectern",
        "total": items.len(),
        "first": { "type": "AnnotationPage", "startIndex": 0, "items": items },
    })
}

/// Every highlight of the export's articles not in the trash, as Readwise's CSV import
/// template (`Highlight,Title,Author,URL,Note,Location,Date`).
fn readwise_csv(export: &LibraryExport) -> Result<Vec<u8>> {
    let mut writer = csv::Writer::from_writer(Vec::new());
    let fail = |e: csv::Error| Error::InvalidInput(format!("The CSV could not be written: {e}"));
    writer.write_record(["Highlight", "Title", "Author", "URL", "Note", "Location", "Date"]).map_err(fail)?;
    for article in live(export) {
        for h in &article.highlights {
            let location = code_points_before(&article.content_text, h.start).to_string();
            let date = super::markdown::date_time(h.created_at);
            let record = [
                h.exact.as_str(),
                &article.title,
                article.byline.as_deref().unwrap_or(""),
                article.url.as_deref().unwrap_or(""),
                &h.note,
                &location,
                &date,
            ];
            writer.write_record(record).map_err(fail)?;
        }
    }
    writer.into_inner().map_err(|e| Error::InvalidInput(format!("The CSV could not be written: {e}")))
}

fn live(export: &LibraryExport) -> impl Iterator<Item = &ArticleExport> {
    export.articles.iter().filter(|a| a.deleted_at.is_none())
}

fn annotation(article: &ArticleExport, h: &HighlightExport) -> Value {
    let mut body = Vec::new();
    if !h.note.is_empty() {
        body.push(json!({ "type": "TextualBody", "value": h.note, "purpose": "commenting", "format": "text/markdown" }));
    }
    for tag in &article.tags {
        body.push(json!({ "type": "TextualBody", "value": tag, "purpose": "tagging" }));
    }
    let source = article.url.clone().unwrap_or_else(|| format!("urn:lectern:article:{}", article.id));
    json!({
        "@context": "http://www.w3.org/ns/anno.jsonld",
        "id": format!("urn:lectern:highlight:{}", h.id),
        "type": "Annotation",
        "motivation": if h.note.is_empty() { "highlighting" } else { "commenting" },
        "created": iso(h.created_at),
        "modified": iso(h.updated_at),
        "body": body,
        "stylesheet": { "type": "CssStylesheet", "value": STYLESHEET },
        "target": {
            "source": source,
            "styleClass": h.color,
            "selector": [
                { "type": "TextQuoteSelector", "exact": h.exact, "prefix": h.prefix, "suffix": h.suffix },
                {
                    "type": "TextPositionSelector",
                    "start": code_points_before(&article.content_text, h.start),
                    "end": code_points_before(&article.content_text, h.end),
                },
            ],
        },
    })
}

/// How many code points the first `units` UTF-16 code units of `text` hold (Lectern counts
/// positions as the webview does, in UTF-16; the W3C model counts code points).
pub fn code_points_before(text: &str, units: i64) -> usize {
    let mut seen = 0i64;
    text.chars()
        .take_while(|c| {
            seen += c.len_utf16() as i64;
            seen <= units
        })
        .count()
}

fn iso(millis: i64) -> String {
    time::OffsetDateTime::from_unix_timestamp(millis / 1000)
        .ok()
        .and_then(|t| t.format(&time::format_description::well_known::Rfc3339).ok())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    #[test]
    fn positions_are_counted_in_code_points() {
        // "😀" is two UTF-16 units and one code point.
        assert_eq!(super::code_points_before("a😀bc", 3), 2);
        assert_eq!(super::code_points_before("a😀bc", 4), 3);
        assert_eq!(super::code_points_before("abc", 0), 0);
    }
}
