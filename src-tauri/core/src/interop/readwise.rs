//! Readwise: the highlights CSV export, Reader's documents CSV, and the CSV bulk-import
//! template. Highlights come grouped by book or article; one with no address becomes an
//! article whose text is its highlights (as Kindle books do).

use std::collections::HashMap;

use super::{
    Foreign, ForeignArticle, ForeignContent, ForeignHighlight, Format, RowProblem, csv_rows, dates, row_url, tag_list, title_or_url,
    web_url,
};
use crate::annotate::HighlightColor;
use crate::error::Result;

/// Which of Readwise's CSV files this is, from its header.
pub fn csv_kind(columns: &[&str]) -> Option<Format> {
    let has = |name: &str| columns.contains(&name);
    if has("highlight") && has("book title") {
        Some(Format::ReadwiseHighlights)
    } else if has("title") && has("url") && has("document tags") {
        Some(Format::ReaderDocuments)
    } else if has("highlight") && has("title") && has("url") {
        Some(Format::ReadwiseTemplate)
    } else {
        None
    }
}

/// Highlights, from the export (`Book Title`, `Book Author`, `Color`, `Highlighted at`, …)
/// or the bulk-import template (`Title`, `Author`, `URL`, `Date`).
pub fn read_highlights(bytes: &[u8], format: Format) -> Result<Foreign> {
    let mut problems = Vec::new();
    let mut articles: Vec<ForeignArticle> = Vec::new();
    let mut by_key: HashMap<String, usize> = HashMap::new();
    for (line, row) in csv_rows(bytes, &mut problems)? {
        let field = |name: &str| row.get(name).map(String::as_str).unwrap_or("");
        let quote = field("highlight");
        if quote.is_empty() {
            problems.push(RowProblem { line, message: "has no highlight text; skipped".into() });
            continue;
        }
        let title = [field("book title"), field("title")].into_iter().find(|t| !t.is_empty()).unwrap_or("Untitled").to_string();
        let url = web_url(field("url"));
        let key = url.clone().unwrap_or_else(|| title.clone());
        let at = *by_key.entry(key).or_insert_with(|| {
            let author = [field("book author"), field("author")].into_iter().find(|a| !a.is_empty()).map(String::from);
            articles.push(ForeignArticle { line, title: title.clone(), author, url: url.clone(), ..ForeignArticle::default() });
            articles.len() - 1
        });
        let article = &mut articles[at];
        for tag in tag_list(field("document tags").split(',')) {
            if !article.tags.contains(&tag) {
                article.tags.push(tag);
            }
        }
        article.highlights.push(ForeignHighlight {
            quote: quote.to_string(),
            note: Some(field("note").to_string()).filter(|n| !n.is_empty()),
            color: color(field("color")),
            created_at: dates::parse(field("highlighted at")).or_else(|| dates::parse(field("date"))),
            ..ForeignHighlight::default()
        });
    }
    // Without an address there is no page to fetch: the highlights are the text there is.
    for article in articles.iter_mut().filter(|a| a.url.is_none()) {
        let text = article.highlights.iter().map(|h| h.quote.as_str()).collect::<Vec<_>>().join("\n\n");
        article.content = Some(ForeignContent::Text { identity: format!("readwise:{}", article.title), text });
    }
    Ok(Foreign { format, articles, problems, exact: None })
}

/// Reader's documents: `Title,URL,ID,Document tags,Saved date,Reading progress,Location,Seen`.
pub fn read_documents(bytes: &[u8]) -> Result<Foreign> {
    let mut problems = Vec::new();
    let mut articles = Vec::new();
    for (line, row) in csv_rows(bytes, &mut problems)? {
        let field = |name: &str| row.get(name).map(String::as_str).unwrap_or("");
        let Some(url) = row_url(field("url"), line, &mut problems) else { continue };
        let mut tags = python_list(field("document tags"));
        let favorite = tags.iter().any(|t| t.eq_ignore_ascii_case("favorite"));
        tags.retain(|t| !t.eq_ignore_ascii_case("favorite"));
        articles.push(ForeignArticle {
            line,
            title: title_or_url(field("title"), &url),
            saved_at: dates::parse(field("saved date")),
            progress: progress(field("reading progress")),
            archived: field("location").eq_ignore_ascii_case("archive"),
            favorite,
            tags,
            url: Some(url),
            ..ForeignArticle::default()
        });
    }
    Ok(Foreign { format: Format::ReaderDocuments, articles, problems, exact: None })
}

/// Readwise's colours onto Lectern's five (orange reads as yellow).
fn color(name: &str) -> Option<HighlightColor> {
    match name.trim().to_ascii_lowercase().as_str() {
        "yellow" | "orange" => Some(HighlightColor::Yellow),
        "green" => Some(HighlightColor::Green),
        "blue" => Some(HighlightColor::Blue),
        "pink" | "red" => Some(HighlightColor::Pink),
        "purple" => Some(HighlightColor::Purple),
        _ => None,
    }
}

/// "0.45", "45%" or "45" → 0.45.
fn progress(raw: &str) -> Option<f64> {
    let number: f64 = raw.trim().trim_end_matches('%').parse().ok()?;
    Some(if number > 1.0 || raw.contains('%') { number / 100.0 } else { number }.clamp(0.0, 1.0))
}

/// A Python list literal as Reader writes it: `['a', "don't"]`.
fn python_list(raw: &str) -> Vec<String> {
    let mut items = Vec::new();
    let mut chars = raw.trim().trim_start_matches('[').trim_end_matches(']').chars().peekable();
    while let Some(c) = chars.next() {
        if c != '\'' && c != '"' {
            continue;
        }
        let mut item = String::new();
        while let Some(next) = chars.next() {
            match next {
                '\\' => item.extend(chars.next()),
                q if q == c => break,
                other => item.push(other),
            }
        }
        items.push(item);
    }
    tag_list(items.iter().map(String::as_str))
}

#[cfg(test)]
mod tests {
    #[test]
    fn python_lists_and_progress_as_reader_writes_them() {
        assert_eq!(super::python_list(r#"["don't", 'favorite', 'a\'b']"#), vec!["don't", "favorite", "a'b"]);
        assert_eq!(super::python_list("[]"), Vec::<String>::new());
        assert_eq!(super::progress("0.5"), Some(0.5));
        assert_eq!(super::progress("45%"), Some(0.45));
        assert_eq!(super::progress(""), None);
    }
}
