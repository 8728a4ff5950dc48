//! Markdown for Obsidian and Logseq: one file per article, YAML front matter, each
//! highlight a quote with its colour, note and a stable block id. The layout is a
//! minijinja template the reader can replace; re-exporting finds each article's file by
//! the `lectern_id` in its front matter and rewrites it in place, so renamed titles and
//! repeated exports never make duplicates.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use serde::Serialize;

use crate::annotate::Highlight;
use crate::error::{Error, Result};
use crate::library::{Article, Library};
use crate::sql::TextEnum;

/// The template used when the reader has not written their own (shown in the README).
pub const DEFAULT_TEMPLATE: &str = r#"---
lectern_id: {{ id }}
title: {{ title | tojson }}
{% if author %}author: {{ author | tojson }}
{% endif %}{% if site %}site: {{ site | tojson }}
{% endif %}{% if url %}url: {{ url | tojson }}
{% endif %}tags: [{% for tag in tags %}{{ tag | tojson }}{% if not loop.last %}, {% endif %}{% endfor %}]
saved: {{ saved }}
{% if published %}published: {{ published | tojson }}
{% endif %}state: {{ state }}
---

# {{ title }}
{% if note %}
{{ note }}
{% endif %}{% if highlights %}
## Highlights
{% for h in highlights %}
> [!quote|{{ h.color }}]
{% for line in h.quote_lines %}> {{ line }}
{% endfor %}{% if h.note %}
{{ h.note }}
{% endif %}
^{{ h.block_id }}
{% endfor %}{% endif %}"#;

#[derive(Serialize)]
struct ArticleContext {
    id: i64,
    title: String,
    author: Option<String>,
    site: Option<String>,
    url: Option<String>,
    tags: Vec<String>,
    saved: String,
    published: Option<String>,
    state: &'static str,
    favorite: bool,
    note: String,
    highlights: Vec<HighlightContext>,
}

#[derive(Serialize)]
struct HighlightContext {
    id: i64,
    quote: String,
    quote_lines: Vec<String>,
    color: &'static str,
    note: String,
    /// Stable across exports: Obsidian links to `#^lectern-h<id>` keep working.
    block_id: String,
    orphaned: bool,
}

/// What a Markdown export wrote.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct MarkdownExport {
    /// Files written for the first time.
    pub written: u32,
    /// Files rewritten in place (an earlier export of the same article).
    pub updated: u32,
}

/// Render one article with `template` (minijinja syntax).
pub fn render(article: &Article, highlights: &[Highlight], template: &str) -> Result<String> {
    let mut env = minijinja::Environment::new();
    env.set_keep_trailing_newline(true);
    env.add_template("article", template).map_err(|e| Error::InvalidInput(format!("The export template has an error: {e}")))?;
    let context = context(article, highlights);
    env.get_template("article")
        .and_then(|t| t.render(&context))
        .map_err(|e| Error::InvalidInput(format!("The export template could not be applied: {e}")))
}

fn context(article: &Article, highlights: &[Highlight]) -> ArticleContext {
    let summary = &article.summary;
    ArticleContext {
        id: summary.id,
        title: summary.title.clone(),
        author: summary.byline.clone(),
        site: summary.site_name.clone(),
        url: summary.url.clone(),
        tags: summary.tags.clone(),
        saved: date_time(summary.saved_at),
        published: summary.published_at.clone(),
        state: summary.state.as_str(),
        favorite: summary.favorite,
        note: article.note.clone(),
        highlights: highlights
            .iter()
            .map(|h| HighlightContext {
                id: h.id,
                quote: h.selector.exact.clone(),
                quote_lines: h.selector.exact.lines().map(str::trim_end).filter(|l| !l.is_empty()).map(String::from).collect(),
                color: h.color.as_str(),
                note: h.note.clone(),
                block_id: format!("lectern-h{}", h.id),
                orphaned: h.orphaned,
            })
            .collect(),
    }
}

/// `YYYY-MM-DD HH:MM:SS` (UTC), the form Obsidian's Dataview and most templates read.
pub(crate) fn date_time(millis: i64) -> String {
    let format = time::macros::format_description!("[year]-[month]-[day] [hour]:[minute]:[second]");
    time::OffsetDateTime::from_unix_timestamp(millis / 1000).ok().and_then(|t| t.format(format).ok()).unwrap_or_default()
}

impl Library {
    /// Write `ids` (every article when empty) as Markdown files into `folder`, rewriting
    /// the files of earlier exports in place.
    pub fn export_markdown(&self, ids: &[i64], folder: &Path, template: Option<&str>) -> Result<MarkdownExport> {
        std::fs::create_dir_all(folder)?;
        let template = template.unwrap_or(DEFAULT_TEMPLATE);
        let earlier = earlier_exports(folder)?;
        let ids: Vec<i64> = if ids.is_empty() { self.list_articles()?.into_iter().map(|a| a.id).collect() } else { ids.to_vec() };
        let mut done = MarkdownExport::default();
        for id in ids {
            let article = self.get_article(id)?;
            let text = render(&article, &self.highlights_for(id)?, template)?;
            let path = match earlier.get(&id) {
                Some(path) => {
                    done.updated += 1;
                    path.clone()
                }
                None => {
                    done.written += 1;
                    free_name(folder, &article.summary.title, id)
                }
            };
            std::fs::write(&path, text)?;
        }
        Ok(done)
    }
}

/// The files in `folder` an earlier export wrote, by the article id in their front matter.
fn earlier_exports(folder: &Path) -> Result<HashMap<i64, PathBuf>> {
    let mut found = HashMap::new();
    for entry in std::fs::read_dir(folder)? {
        let path = entry?.path();
        if path.extension().is_none_or(|e| e != "md") {
            continue;
        }
        let Ok(text) = std::fs::read_to_string(&path) else { continue };
        let front_matter = text.strip_prefix("---\n").and_then(|rest| rest.split("\n---").next()).unwrap_or("");
        if let Some(id) = front_matter.lines().find_map(|l| l.strip_prefix("lectern_id:").and_then(|v| v.trim().parse().ok())) {
            found.insert(id, path);
        }
    }
    Ok(found)
}

/// A file name from the title (what a reader recognises in their vault), safe on every
/// system, made unique with the article id when two titles are the same.
fn free_name(folder: &Path, title: &str, id: i64) -> PathBuf {
    let safe: String = title
        .chars()
        .map(|c| if c.is_control() || "/\\:*?\"<>|#^[]".contains(c) { ' ' } else { c })
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    let stem: String = safe.trim_start_matches('.').chars().take(120).collect();
    let stem = if stem.is_empty() { format!("Article {id}") } else { stem };
    let path = folder.join(format!("{stem}.md"));
    if path.exists() { folder.join(format!("{stem} ({id}).md")) } else { path }
}
