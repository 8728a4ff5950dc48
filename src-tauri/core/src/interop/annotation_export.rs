//! Highlights out to other tools: W3C Web Annotations (an AnnotationCollection in
//! JSON-LD, positions in Unicode code points as the model says) and Readwise's CSV
//! import template.

use serde_json::{Value, json};

use super::json::{ArticleExport, HighlightExport, LibraryExport};
use crate::error::{Error, Result};
use crate::library::Library;

/// The highlight colours as CSS, so a W3C client can paint them (`styleClass` names them).
const STYLESHEET: &str = ".yellow { background-color: #fde68a } .green { background-color: #bbf7d0 } \
    .blue { background-color: #bfdbfe } .pink { background-color: #fbcfe8 } .purple { background-color: #ddd6fe }";

impl Library {
    /// Every highlight of every article not in the trash, as one W3C AnnotationCollection.
    pub fn export_w3c(&self) -> Result<Value> {
        let export = self.export_json()?;
        let items: Vec<Value> = live(&export).flat_map(|a| a.highlights.iter().map(move |h| annotation(a, h))).collect();
        Ok(json!({
            "@context": "http://www.w3.org/ns/anno.jsonld",
            "id": "urn:lectern:highlights",
            "type": "AnnotationCollection",
            "label": "Highlights from Lectern",
            "total": items.len(),
            "first": { "type": "AnnotationPage", "startIndex": 0, "items": items },
        }))
    }

    /// Every highlight as Readwise's CSV import template (`Highlight,Title,Author,URL,Note,Location,Date`),
    /// and how many there are.
    pub fn export_readwise_csv(&self) -> Result<(Vec<u8>, usize)> {
        let export = self.export_json()?;
        let mut writer = csv::Writer::from_writer(Vec::new());
        let fail = |e: csv::Error| Error::InvalidInput(format!("The CSV could not be written: {e}"));
        writer.write_record(["Highlight", "Title", "Author", "URL", "Note", "Location", "Date"]).map_err(fail)?;
        let mut count = 0;
        for article in live(&export) {
            for h in &article.highlights {
                let location = code_points_before(&article.content_text, h.start).to_string();
                let date = super::markdown::date_time(h.created_at);
                let record = [h.exact.as_str(), &article.title, article.byline.as_deref().unwrap_or(""), article.url.as_deref().unwrap_or(""), &h.note, &location, &date];
                writer.write_record(record).map_err(fail)?;
                count += 1;
            }
        }
        let bytes = writer.into_inner().map_err(|e| Error::InvalidInput(format!("The CSV could not be written: {e}")))?;
        Ok((bytes, count))
    }
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
    text.chars().take_while(|c| {
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
