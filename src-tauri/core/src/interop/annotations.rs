//! Annotations made on the web: Hypothesis's JSON export and W3C Web Annotations (one
//! annotation, an array, an AnnotationCollection or AnnotationPage). Each annotated page
//! becomes an article saved as a link; its highlights keep their quote and context and
//! find their places when the page's text arrives. Page notes become the article's note.

use serde_json::Value;

use super::{Foreign, ForeignArticle, ForeignHighlight, Format, RowProblem, dates, tag_list, title_or_url, web_url};
use crate::error::{Error, Result};

/// Which annotation format a JSON document is, if any.
pub fn json_kind(value: &Value) -> Option<Format> {
    if value.get("annotations").is_some_and(Value::is_array) {
        return Some(Format::Hypothesis);
    }
    let is_w3c = |v: &Value| {
        v.get("@context").is_some_and(|c| c.to_string().contains("anno.jsonld"))
            || matches!(v.get("type").and_then(Value::as_str), Some("Annotation" | "AnnotationCollection" | "AnnotationPage"))
    };
    match value {
        Value::Array(items) if items.first().is_some_and(is_w3c) => Some(Format::W3cAnnotations),
        other if is_w3c(other) => Some(Format::W3cAnnotations),
        _ => None,
    }
}

pub fn read(bytes: &[u8], format: Format) -> Result<Foreign> {
    let value: Value = serde_json::from_slice(bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(bytes))
        .map_err(|e| Error::InvalidInput(format!("The annotations cannot be read: {e}")))?;
    let items: Vec<&Value> = match format {
        Format::Hypothesis => value["annotations"].as_array().map(|a| a.iter().collect()).unwrap_or_default(),
        _ => w3c_items(&value),
    };
    let mut foreign = Foreign { format, articles: Vec::new(), problems: Vec::new(), exact: None };
    for (index, item) in items.into_iter().enumerate() {
        let line = index as u32 + 1;
        match annotation(item) {
            Some((url, title, annotation)) => add(&mut foreign.articles, line, url, title, annotation),
            None => foreign.problems.push(RowProblem { line, message: "an annotation with no web page to belong to; skipped".into() }),
        }
    }
    Ok(foreign)
}

/// The annotations of a W3C document, whatever its wrapping.
fn w3c_items(value: &Value) -> Vec<&Value> {
    match value {
        Value::Array(items) => items.iter().collect(),
        v if v["type"] == "AnnotationCollection" => {
            let first = &v["first"];
            first["items"].as_array().or_else(|| v["items"].as_array()).map(|a| a.iter().collect()).unwrap_or_default()
        }
        v if v["type"] == "AnnotationPage" => v["items"].as_array().map(|a| a.iter().collect()).unwrap_or_default(),
        v => vec![v],
    }
}

struct Annotation {
    highlight: Option<ForeignHighlight>,
    /// A note on the page as a whole (no quote).
    page_note: Option<String>,
    tags: Vec<String>,
}

/// (page address, page title, what was said about it).
fn annotation(item: &Value) -> Option<(String, String, Annotation)> {
    let target = match &item["target"] {
        Value::Array(targets) => targets.first()?.clone(),
        Value::String(source) => serde_json::json!({ "source": source }),
        other => other.clone(),
    };
    let source = target["source"].as_str().or_else(|| item["uri"].as_str())?;
    let url = web_url(source)?;
    let title = item["document"]["title"].as_array().and_then(|t| t.first()).and_then(Value::as_str).unwrap_or("").to_string();
    let selectors: Vec<&Value> = match &target["selector"] {
        Value::Array(list) => list.iter().collect(),
        Value::Null => Vec::new(),
        one => vec![one],
    };
    let quote = selectors.iter().find(|s| s["type"] == "TextQuoteSelector");
    let (note, mut tags) = body(item);
    if let Some(extra) = item["tags"].as_array() {
        tags.extend(tag_list(extra.iter().filter_map(Value::as_str)));
    }
    let created_at = item["created"].as_str().and_then(dates::parse);
    let annotation = match quote.and_then(|q| q["exact"].as_str()).filter(|e| !e.trim().is_empty()) {
        Some(exact) => Annotation {
            highlight: Some(ForeignHighlight {
                quote: exact.to_string(),
                prefix: quote.and_then(|q| q["prefix"].as_str()).unwrap_or("").to_string(),
                suffix: quote.and_then(|q| q["suffix"].as_str()).unwrap_or("").to_string(),
                note,
                created_at,
                ..ForeignHighlight::default()
            }),
            page_note: None,
            tags,
        },
        None => Annotation { highlight: None, page_note: note, tags },
    };
    Some((url, title, annotation))
}

/// The note (Hypothesis `text`, or W3C TextualBody commenting) and tags (TextualBody tagging).
fn body(item: &Value) -> (Option<String>, Vec<String>) {
    if let Some(text) = item["text"].as_str() {
        return (Some(text.to_string()).filter(|t| !t.trim().is_empty()), Vec::new());
    }
    let bodies: Vec<&Value> = match &item["body"] {
        Value::Array(list) => list.iter().collect(),
        Value::Null => Vec::new(),
        one => vec![one],
    };
    let mut notes = Vec::new();
    let mut tags = Vec::new();
    for body in bodies {
        let value = body["value"].as_str().or_else(|| body.as_str()).unwrap_or("");
        if body["purpose"] == "tagging" {
            tags.extend(tag_list(std::iter::once(value)));
        } else if !value.trim().is_empty() {
            notes.push(value.to_string());
        }
    }
    (Some(notes.join("\n\n")).filter(|n| !n.is_empty()), tags)
}

fn add(articles: &mut Vec<ForeignArticle>, line: u32, url: String, title: String, annotation: Annotation) {
    let at = articles.iter().position(|a| a.url.as_deref() == Some(url.as_str())).unwrap_or_else(|| {
        articles.push(ForeignArticle { line, title: title_or_url(&title, &url), url: Some(url), ..ForeignArticle::default() });
        articles.len() - 1
    });
    let article = &mut articles[at];
    for tag in annotation.tags {
        if !article.tags.contains(&tag) {
            article.tags.push(tag);
        }
    }
    article.highlights.extend(annotation.highlight);
    if let Some(note) = annotation.page_note {
        article.note = Some(match article.note.take() {
            Some(earlier) => format!("{earlier}\n\n{note}"),
            None => note,
        });
    }
}
