//! Pages saved from the browser: the Lectern extension sends the page as the user sees
//! it (so pages behind a login or a paywall work), its address and title, and the text
//! the user had selected, which becomes a highlight. The message arrives through the
//! browser's native messaging ([`native`]), whose host manifests [`manifests`] installs.

pub mod lectern_link;
pub mod manifests;
pub mod native;

use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::import::web::{self, FetchLimits};
use crate::import::{Budget, ImportedArticle, html};
use crate::interop::{ForeignHighlight, InteropReport};
use crate::library::{Library, SaveOutcome};

/// The largest page the extension may send (the DOM of a long page with inline images
/// is a few MB; this is Lectern's import limit for any file).
pub const MAX_PAGE_BYTES: usize = crate::import::MAX_IMPORT_BYTES as usize;

/// What the extension captured of a page.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Capture {
    /// The page's address.
    pub url: String,
    /// The page's title as the browser had it.
    #[serde(default)]
    pub title: Option<String>,
    /// The page's DOM as the browser rendered it.
    pub html: String,
    /// The selected text, if any: saved as a highlight.
    #[serde(default)]
    pub selection: Option<String>,
    /// Text just before and after the selection on the page, to find the right one of
    /// several identical passages.
    #[serde(default)]
    pub prefix: Option<String>,
    /// Text just after the selection.
    #[serde(default)]
    pub suffix: Option<String>,
}

/// What saving a capture did to the library.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum CaptureStatus {
    /// A new article.
    Added,
    /// The library had this page already, with the same text.
    Exists,
    /// The library had this address (a link waiting for its text, or an older version of
    /// the page): the text was replaced and its highlights re-anchored.
    Updated,
}

/// What happened to the selection.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum SelectionOutcome {
    /// Highlighted in the article.
    Highlighted,
    /// The article has it highlighted already.
    AlreadyHighlighted,
    /// Not in the article's readable text (a menu, a caption left out): kept as a
    /// highlight waiting with its quote, shown among the article's orphans.
    Kept,
}

/// What saving a capture did, as the extension shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Captured {
    /// The article's id (for "Open in Lectern").
    pub id: i64,
    /// The article's title.
    pub title: String,
    /// Whether it was new, already there, or updated.
    pub status: CaptureStatus,
    /// What happened to the selection, when there was one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub selection: Option<SelectionOutcome>,
}

/// Turn a capture into an article: the page is read like a fetched one (readable text,
/// sanitized, relative links resolved against its address); its images are fetched, as
/// the browser already did, and any that cannot be are left out.
pub fn read_capture(capture: &Capture, budget: &Budget) -> Result<ImportedArticle> {
    let url = web::parse_address(&capture.url)?;
    if capture.html.len() > MAX_PAGE_BYTES {
        return Err(Error::InvalidInput(format!(
            "This page is {} MB; Lectern saves pages up to {} MB.",
            capture.html.len() / (1024 * 1024),
            MAX_PAGE_BYTES / (1024 * 1024)
        )));
    }
    if crate::import::looks_binary(capture.html.as_bytes()) {
        return Err(Error::Unreadable("the browser sent something that is not a web page.".into()));
    }
    let mut extracted = html::extract(&capture.html, Some(url.as_str()))?;
    budget.check()?;
    if extracted.title.trim().is_empty()
        && let Some(title) = capture.title.as_deref().filter(|t| !t.trim().is_empty())
    {
        extracted.title = title.trim().chars().take(500).collect();
    }
    // Images of a page on the user's own machine or network may come from there too.
    let fetcher = web::Fetcher::new(FetchLimits::default(), web::zone_for(&url), budget.clone())?;
    web::web_article(extracted, url.as_str(), &fetcher, budget)
}

impl Library {
    /// Save a captured page (once: the same page again is found by address or text) and
    /// its selection as a highlight, in one transaction.
    pub fn save_capture(&mut self, article: &ImportedArticle, capture: &Capture) -> Result<Captured> {
        let tx = self.conn.transaction()?;
        let outcome = crate::library::save_article_in(&tx, article)?;
        let id = outcome.id();
        let selection = match capture.selection.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
            Some(quote) => Some(highlight_selection(&tx, id, quote, capture)?),
            None => None,
        };
        let title: String = tx.query_row("SELECT title FROM articles WHERE id = ?1", [id], |r| r.get(0))?;
        tx.commit()?;
        let status = match outcome {
            SaveOutcome::Added { .. } => CaptureStatus::Added,
            SaveOutcome::AlreadySaved { .. } => CaptureStatus::Exists,
            SaveOutcome::Updated { .. } => CaptureStatus::Updated,
        };
        log::info!("saved from the browser: {title:?} ({status:?}, selection {selection:?})");
        Ok(Captured { id, title, status, selection })
    }
}

fn highlight_selection(tx: &rusqlite::Transaction<'_>, id: i64, quote: &str, capture: &Capture) -> Result<SelectionOutcome> {
    let wanted = ForeignHighlight {
        quote: quote.chars().take(10_000).collect(),
        prefix: capture.prefix.clone().unwrap_or_default(),
        suffix: capture.suffix.clone().unwrap_or_default(),
        ..ForeignHighlight::default()
    };
    let mut report = InteropReport::default();
    crate::interop::add_highlights(tx, id, &[wanted], &mut report)?;
    Ok(if report.highlights_anchored > 0 {
        SelectionOutcome::Highlighted
    } else if report.highlights_already_there > 0 {
        SelectionOutcome::AlreadyHighlighted
    } else {
        SelectionOutcome::Kept
    })
}
