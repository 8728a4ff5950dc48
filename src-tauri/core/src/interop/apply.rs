//! Writing another app's export into the library: each article in its own transaction,
//! matched to what is already there by address (or our own identity for Kindle books),
//! highlights anchored by their quote or kept waiting with it, never dropped, never twice.

use rusqlite::{OptionalExtension, Transaction};
use serde::Serialize;

use super::{Foreign, ForeignArticle, ForeignContent, ForeignHighlight, RowProblem};
use crate::annotate::HighlightColor;
use crate::annotate::anchor::{Anchored, Selector, Text, anchor};
use crate::annotate::highlights::{StoredHighlight, insert_highlight};
use crate::error::{ErrorKind, Result};
use crate::import::{ImportedArticle, SourceKind, import_bytes};
use crate::library::{
    ArticleState, Library, PLACEHOLDER_HASH, SaveOutcome, merge_note_and_star, now_millis, save_article_in, set_history, tag_in,
};

/// What an import did, per article and in total.
#[derive(Debug, Clone, Default, PartialEq, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct InteropReport {
    /// New articles.
    pub added: u32,
    /// Articles already in the library that got the export's highlights, tags or state.
    pub merged: u32,
    /// New articles saved as links whose text is still to be downloaded.
    pub links_only: u32,
    /// Highlights found in their article's text.
    pub highlights_anchored: u32,
    /// Highlights kept with their quote until their article's text arrives (or orphaned).
    pub highlights_waiting: u32,
    /// Highlights the library already had (the same file imported again).
    pub highlights_already_there: u32,
    /// Rows or articles that were skipped, by line, and why.
    pub problems: Vec<RowProblem>,
    /// A Lectern export restored into a new library brings its reader settings back:
    /// these, for the app (or lectern-cli) to store.
    pub restored_settings: Option<crate::settings::Settings>,
}

impl Library {
    /// Apply `foreign` to the library. A bad article is reported and skipped; a failure of
    /// the library itself (disk full, busy, damaged) stops the import with that error,
    /// leaving every finished article in place.
    pub fn import_foreign(&mut self, foreign: &Foreign) -> Result<InteropReport> {
        let mut report = InteropReport { problems: foreign.problems.clone(), ..InteropReport::default() };
        if let Some(export) = foreign.exact.as_deref().filter(|_| self.is_empty_library().unwrap_or(false)) {
            // Lectern's own export into a new library: everything back exactly as it was.
            report.added = self.restore_json(export)? as u32;
            report.highlights_anchored = export.articles.iter().map(|a| a.highlights.iter().filter(|h| !h.orphaned).count() as u32).sum();
            report.highlights_waiting = export.articles.iter().map(|a| a.highlights.iter().filter(|h| h.orphaned).count() as u32).sum();
            report.restored_settings = export.settings.clone().map(crate::settings::Settings::clamped);
            return Ok(report);
        }
        for item in &foreign.articles {
            if let Err(error) = self.import_foreign_article(item, &mut report) {
                if matches!(error.kind(), ErrorKind::Storage | ErrorKind::Busy | ErrorKind::Corrupt | ErrorKind::Database) {
                    return Err(error);
                }
                report.problems.push(RowProblem { line: item.line, message: format!("“{}”: {error}", item.title) });
            }
        }
        log::info!("imported {}: {report:?}", foreign.format.label());
        Ok(report)
    }

    fn is_empty_library(&self) -> Result<bool> {
        Ok(self.conn.query_row("SELECT NOT EXISTS (SELECT 1 FROM articles)", [], |r| r.get(0))?)
    }

    fn import_foreign_article(&mut self, item: &ForeignArticle, report: &mut InteropReport) -> Result<()> {
        let article = imported_article(item)?;
        let identity = article.canonical_url.clone();
        let tx = self.conn.transaction()?;
        let existing = match &identity {
            Some(identity) => tx
                .query_row(
                    "SELECT id, content_hash FROM articles WHERE canonical_url = ?1 OR url = ?1 ORDER BY canonical_url = ?1 DESC LIMIT 1",
                    [identity],
                    |r| Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?)),
                )
                .optional()?,
            None => None,
        };
        // A book whose text is its highlights (Kindle, Readwise) has an identity of ours:
        // a newer export of it brings more clippings, so its text may grow.
        let ours = matches!(item.content, Some(ForeignContent::Text { .. }));
        let id = match existing {
            // A link-only article gets its text, and a Kindle book its newer clippings;
            // anything else keeps the text it has (an export never overwrites a saved page).
            Some((id, hash)) if (hash.starts_with(PLACEHOLDER_HASH) && item.content.is_some()) || ours => {
                save_article_in(&tx, &article)?;
                report.merged += 1;
                id
            }
            Some((id, _)) => {
                report.merged += 1;
                id
            }
            None => match save_article_in(&tx, &article)? {
                SaveOutcome::Added { id } => {
                    report.added += 1;
                    report.links_only += u32::from(item.content.is_none());
                    carry_over_state(&tx, id, item)?;
                    id
                }
                SaveOutcome::AlreadySaved { id } | SaveOutcome::Updated { id } => {
                    report.merged += 1;
                    id
                }
            },
        };
        for tag in &item.tags {
            tag_in(&tx, id, tag)?;
        }
        merge_note_and_star(&tx, id, item.note.as_deref(), item.favorite)?;
        add_highlights(&tx, id, &item.highlights, report)?;
        tx.commit()?;
        Ok(())
    }
}

/// The article to save: the export's own copy of the page, the text it holds, or, when
/// it has neither, a placeholder that says where the article is.
fn imported_article(item: &ForeignArticle) -> Result<ImportedArticle> {
    let mut article = match &item.content {
        Some(ForeignContent::Html(html)) => import_bytes("saved.html", html.as_bytes())?,
        Some(ForeignContent::Text { text, .. }) => {
            let mut article = import_bytes("book.txt", format!("{}\n\n{text}", item.title).as_bytes())?;
            article.source_kind = SourceKind::Text;
            article
        }
        None => placeholder(item),
    };
    if !item.title.trim().is_empty() {
        article.title = item.title.trim().chars().take(500).collect();
    }
    if item.author.is_some() {
        article.byline.clone_from(&item.author);
    }
    if item.published_at.is_some() {
        article.published_at.clone_from(&item.published_at);
    }
    match &item.content {
        Some(ForeignContent::Text { identity, .. }) => article.canonical_url = Some(identity.clone()),
        _ => {
            article.url.clone_from(&item.url);
            article.canonical_url.clone_from(&item.url);
        }
    }
    Ok(article)
}

fn placeholder(item: &ForeignArticle) -> ImportedArticle {
    let url = item.url.clone().unwrap_or_default();
    let escaped = html_escape::encode_double_quoted_attribute(&url);
    let host = url::Url::parse(&url).ok().and_then(|u| u.host_str().map(|h| h.trim_start_matches("www.").to_string()));
    // Only the address: the reader says the page is still to download (and offers to), and
    // search finds the article by its title and address, not by words of a notice.
    ImportedArticle {
        url: item.url.clone(),
        canonical_url: item.url.clone(),
        title: item.title.clone(),
        byline: item.author.clone(),
        site_name: host,
        lang: None,
        published_at: item.published_at.clone(),
        content_html: format!(r#"<p><a href="{escaped}">{}</a></p>"#, html_escape::encode_text(&url)),
        content_text: url.clone(),
        excerpt: String::new(),
        word_count: 0,
        reading_minutes: 0,
        source_kind: SourceKind::Url,
        content_hash: format!("{PLACEHOLDER_HASH}{url}"),
    }
}

/// A new article takes the export's state, progress and saved date.
fn carry_over_state(tx: &Transaction<'_>, id: i64, item: &ForeignArticle) -> Result<()> {
    let state = if item.archived { ArticleState::Archive } else { ArticleState::Inbox };
    set_history(tx, id, state, item.progress.unwrap_or(0.0), item.saved_at.unwrap_or_else(now_millis))
}

/// Each highlight found by its quote in the article's text, or kept waiting with it.
pub(crate) fn add_highlights(tx: &Transaction<'_>, id: i64, highlights: &[ForeignHighlight], report: &mut InteropReport) -> Result<()> {
    if highlights.is_empty() {
        return Ok(());
    }
    let text: String = tx.query_row("SELECT content_text FROM articles WHERE id = ?1", [id], |r| r.get(0))?;
    let text = Text::new(&text);
    let mut known: Vec<String> = {
        let mut statement = tx.prepare("SELECT exact FROM highlights WHERE article_id = ?1")?;
        statement.query_map([id], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?
    };
    for highlight in highlights {
        let wanted = Selector {
            start: 0,
            end: 0,
            exact: highlight.quote.clone(),
            prefix: highlight.prefix.clone(),
            suffix: highlight.suffix.clone(),
        };
        let found = match anchor(&text, &wanted) {
            Anchored::Moved { start, end } | Anchored::Fuzzy { start, end, .. } => text.describe(start as usize, end as usize),
            Anchored::InPlace | Anchored::Orphaned => None,
        };
        let selector = found.clone().unwrap_or(wanted);
        if known.iter().any(|k| *k == selector.exact || *k == highlight.quote) {
            report.highlights_already_there += 1;
            continue;
        }
        let stored = StoredHighlight {
            orphaned: found.is_none(),
            ..StoredHighlight::new(
                &selector,
                highlight.color.unwrap_or(HighlightColor::Yellow),
                highlight.note.as_deref().unwrap_or(""),
                highlight.created_at.unwrap_or_else(now_millis),
            )
        };
        insert_highlight(tx, id, &stored)?;
        known.push(selector.exact.clone());
        if found.is_some() {
            report.highlights_anchored += 1;
        } else {
            report.highlights_waiting += 1;
        }
    }
    Ok(())
}
