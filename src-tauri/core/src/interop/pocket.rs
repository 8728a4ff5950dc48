//! Pocket: the 2024–25 zip (part_*.csv lists, annotations/*.json highlights,
//! collections/*.json), a single part_*.csv, and the older ril_export.html.

use serde::Deserialize;

use super::{Foreign, ForeignArticle, ForeignHighlight, Format, RowProblem, csv_rows, dates, row_url, tag_list, title_or_url, web_url};
use crate::error::Result;

pub fn read_zip(bytes: &[u8]) -> Result<Foreign> {
    let entries = super::zip_entries(bytes)?;
    let mut foreign = Foreign { format: Format::PocketZip, articles: Vec::new(), problems: Vec::new(), exact: None };
    for (name, content) in entries.iter().filter(|(n, _)| file_name(n).starts_with("part_") && n.ends_with(".csv")) {
        let before = foreign.problems.len();
        foreign.articles.extend(read_csv(content, &mut foreign.problems)?);
        for problem in &mut foreign.problems[before..] {
            problem.message = format!("{}: {}", file_name(name), problem.message);
        }
    }
    for (name, content) in entries.iter().filter(|(n, _)| n.contains("annotations/") && n.ends_with(".json")) {
        match serde_json::from_slice::<Vec<Annotated>>(content) {
            Ok(annotated) => add_highlights(&mut foreign.articles, annotated),
            Err(e) => foreign.problems.push(RowProblem { line: e.line() as u32, message: format!("{}: {e}", file_name(name)) }),
        }
    }
    for (name, content) in entries.iter().filter(|(n, _)| n.contains("collections/") && n.ends_with(".json")) {
        match serde_json::from_slice::<Collection>(content) {
            Ok(collection) => add_collection(&mut foreign.articles, collection),
            Err(e) => foreign.problems.push(RowProblem { line: e.line() as u32, message: format!("{}: {e}", file_name(name)) }),
        }
    }
    Ok(foreign)
}

pub fn read_csv_file(bytes: &[u8]) -> Result<Foreign> {
    let mut problems = Vec::new();
    let articles = read_csv(bytes, &mut problems)?;
    Ok(Foreign { format: Format::PocketCsv, articles, problems, exact: None })
}

/// Any of the header variants (`title,url,time_added[,cursor],tags[,status]`), by name.
fn read_csv(bytes: &[u8], problems: &mut Vec<RowProblem>) -> Result<Vec<ForeignArticle>> {
    let mut articles = Vec::new();
    for (line, row) in csv_rows(bytes, problems)? {
        let field = |name: &str| row.get(name).map(String::as_str).unwrap_or("");
        let Some(url) = row_url(field("url"), line, problems) else { continue };
        articles.push(ForeignArticle {
            line,
            title: title_or_url(field("title"), &url),
            saved_at: dates::parse(field("time_added")),
            tags: tag_list(field("tags").split('|')),
            archived: field("status").eq_ignore_ascii_case("archive"),
            url: Some(url),
            ..ForeignArticle::default()
        });
    }
    Ok(articles)
}

#[derive(Deserialize)]
struct Annotated {
    url: String,
    #[serde(default)]
    title: String,
    #[serde(default)]
    highlights: Vec<PocketHighlight>,
}

#[derive(Deserialize)]
struct PocketHighlight {
    quote: String,
    #[serde(default)]
    created_at: Option<serde_json::Value>,
}

/// Highlights join their article by URL; one with no listed article brings its own.
fn add_highlights(articles: &mut Vec<ForeignArticle>, annotated: Vec<Annotated>) {
    for item in annotated {
        let Some(url) = web_url(&item.url) else { continue };
        let highlights = item.highlights.into_iter().filter(|h| !h.quote.trim().is_empty()).map(|h| ForeignHighlight {
            quote: h.quote.trim().to_string(),
            created_at: h.created_at.as_ref().and_then(timestamp),
            ..ForeignHighlight::default()
        });
        let article = find_or_add(articles, &url, &item.title);
        article.highlights.extend(highlights);
    }
}

#[derive(Deserialize)]
struct Collection {
    title: String,
    #[serde(default)]
    items: Vec<CollectionItem>,
}

#[derive(Deserialize)]
struct CollectionItem {
    url: String,
    #[serde(default)]
    title: String,
    #[serde(default)]
    note: Option<String>,
}

/// A collection becomes a tag on its articles; an item's note becomes the article's note.
fn add_collection(articles: &mut Vec<ForeignArticle>, collection: Collection) {
    for item in collection.items {
        let Some(url) = web_url(&item.url) else { continue };
        let article = find_or_add(articles, &url, &item.title);
        article.tags.extend(tag_list(std::iter::once(collection.title.as_str())));
        if let Some(note) = item.note.filter(|n| !n.trim().is_empty()) {
            article.note = Some(note);
        }
    }
}

fn find_or_add<'a>(articles: &'a mut Vec<ForeignArticle>, url: &str, title: &str) -> &'a mut ForeignArticle {
    let at = match articles.iter().position(|a| a.url.as_deref() == Some(url)) {
        Some(at) => at,
        None => {
            articles.push(ForeignArticle { url: Some(url.to_string()), title: title_or_url(title, url), ..ForeignArticle::default() });
            articles.len() - 1
        }
    };
    &mut articles[at]
}

fn timestamp(value: &serde_json::Value) -> Option<i64> {
    match value {
        serde_json::Value::Number(n) => n.as_i64().map(|s| s * 1000),
        serde_json::Value::String(s) => dates::parse(s),
        _ => None,
    }
}

/// ril_export.html: `<h1>Unread</h1><ul><li><a href time_added tags>…` then `<h1>Read Archive</h1>`.
pub fn read_html(bytes: &[u8]) -> Foreign {
    let document = dom_query::Document::from(String::from_utf8_lossy(bytes).as_ref());
    let mut articles = Vec::new();
    let mut problems = Vec::new();
    let mut archived = false;
    for (index, node) in document.select("h1, li a").nodes().iter().enumerate() {
        if node.node_name().as_deref() == Some("h1") {
            archived = node.text().to_ascii_lowercase().contains("archive");
            continue;
        }
        let href = node.attr("href").map(|h| h.to_string()).unwrap_or_default();
        let Some(url) = web_url(&href) else {
            problems.push(RowProblem { line: index as u32 + 1, message: format!("“{href}” is not a web address; skipped") });
            continue;
        };
        articles.push(ForeignArticle {
            line: index as u32 + 1,
            title: title_or_url(&node.text(), &url),
            saved_at: node.attr("time_added").and_then(|t| dates::parse(&t)),
            tags: tag_list(node.attr("tags").map(|t| t.to_string()).unwrap_or_default().split(',')),
            archived,
            url: Some(url),
            ..ForeignArticle::default()
        });
    }
    Foreign { format: Format::PocketHtml, articles, problems, exact: None }
}

fn file_name(path: &str) -> &str {
    path.rsplit('/').next().unwrap_or(path)
}
