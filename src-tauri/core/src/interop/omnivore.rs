//! Omnivore's export zip: metadata_*.json (batches of articles), content/<slug>.html (the
//! saved page) and highlights/<slug>.md (`> quote ` blocks, then `#label` and note blocks).

use std::collections::HashMap;

use serde::Deserialize;

use super::{Foreign, ForeignArticle, ForeignContent, ForeignHighlight, Format, RowProblem, dates, tag_list, title_or_url, web_url};
use crate::error::Result;

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Metadata {
    #[serde(default)]
    slug: String,
    #[serde(default)]
    title: String,
    #[serde(default)]
    author: Option<String>,
    #[serde(default)]
    url: String,
    #[serde(default)]
    state: Option<String>,
    #[serde(default)]
    reading_progress: Option<f64>,
    #[serde(default)]
    labels: Vec<serde_json::Value>,
    #[serde(default)]
    saved_at: Option<String>,
    #[serde(default)]
    published_at: Option<String>,
}

pub fn read_zip(bytes: &[u8]) -> Result<Foreign> {
    let entries = super::zip_entries(bytes)?;
    let by_name: HashMap<&str, &[u8]> = entries.iter().map(|(n, c)| (n.as_str(), c.as_slice())).collect();
    let find = |dir: &str, slug: &str, extension: &str| {
        by_name.iter().find(|(name, _)| name.ends_with(&format!("{dir}/{slug}.{extension}"))).map(|(_, c)| *c)
    };
    let mut articles = Vec::new();
    let mut problems = Vec::new();
    for (name, content) in
        entries.iter().filter(|(n, _)| n.rsplit('/').next().is_some_and(|f| f.starts_with("metadata_") && f.ends_with(".json")))
    {
        let items: Vec<serde_json::Value> = match serde_json::from_slice(content) {
            Ok(items) => items,
            Err(e) => {
                problems.push(RowProblem { line: e.line() as u32, message: format!("{name}: {e}") });
                continue;
            }
        };
        for (index, value) in items.into_iter().enumerate() {
            let line = index as u32 + 1;
            let metadata: Metadata = match serde_json::from_value(value) {
                Ok(m) => m,
                Err(e) => {
                    problems.push(RowProblem { line, message: format!("{name}, item {line}: {e}") });
                    continue;
                }
            };
            let Some(url) = web_url(&metadata.url) else {
                problems
                    .push(RowProblem {
                        line, message: format!("{name}, item {line}: “{}” is not a web address; skipped", metadata.url)
                    });
                continue;
            };
            let html = find("content", &metadata.slug, "html").map(|c| String::from_utf8_lossy(c).into_owned());
            let highlights =
                find("highlights", &metadata.slug, "md").map(|md| highlights(&String::from_utf8_lossy(md))).unwrap_or_default();
            let labels: Vec<&str> =
                metadata.labels.iter().filter_map(|l| l.as_str().or_else(|| l.get("name").and_then(|n| n.as_str()))).collect();
            // Omnivore had no star: its readers used a "Favorites" label for it.
            let favorite = labels.iter().any(|l| l.eq_ignore_ascii_case("favorites") || l.eq_ignore_ascii_case("favorite"));
            articles.push(ForeignArticle {
                line,
                title: title_or_url(&metadata.title, &url),
                author: metadata.author.filter(|a| !a.trim().is_empty()),
                tags: tag_list(labels.into_iter()),
                favorite,
                archived: metadata.state.as_deref() == Some("Archived"),
                progress: metadata.reading_progress.map(|p| (p / 100.0).clamp(0.0, 1.0)),
                saved_at: metadata.saved_at.as_deref().and_then(dates::parse),
                published_at: metadata.published_at.filter(|p| !p.is_empty()),
                content: html.map(ForeignContent::Html),
                highlights,
                url: Some(url),
                ..ForeignArticle::default()
            });
        }
    }
    Ok(Foreign { format: Format::OmnivoreZip, articles, problems, exact: None })
}

/// The highlights file: each highlight is a `> quote` block, then optionally a block of
/// `#labels`, then its note (every block up to the next quote).
fn highlights(markdown: &str) -> Vec<ForeignHighlight> {
    let mut found: Vec<ForeignHighlight> = Vec::new();
    for block in markdown.replace("\r\n", "\n").split("\n\n").map(str::trim_end).filter(|b| !b.trim().is_empty()) {
        if block.starts_with('>') {
            let quote = block.lines().map(|l| l.trim_start_matches('>').trim()).collect::<Vec<_>>().join(" ");
            found.push(ForeignHighlight { quote: quote.trim().to_string(), ..ForeignHighlight::default() });
            continue;
        }
        let Some(last) = found.last_mut() else { continue };
        let is_labels = block.split_whitespace().all(|w| w.starts_with('#') && w.len() > 1);
        if is_labels && last.note.is_none() {
            continue; // labels belong to the highlight in Omnivore; Lectern tags articles
        }
        last.note = Some(match last.note.take() {
            Some(note) => format!("{note}\n\n{}", block.trim()),
            None => block.trim().to_string(),
        });
    }
    found.retain(|h| !h.quote.is_empty());
    found
}
