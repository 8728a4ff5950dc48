//! Downloading the articles an export brought as links only: each page is fetched like a
//! pasted link and saved in place of its placeholder, so the highlights waiting on it
//! find their places. One that cannot be fetched stays a link, to try again later.

use super::apply::PLACEHOLDER_HASH;
use crate::error::Result;
use crate::import::batch::{BatchProgress, BatchReport, ImportFailure};
use crate::import::web::{FetchLimits, import_url_within};
use crate::import::{Budget, CancelToken, ImportedArticle};
use crate::library::{Library, SaveOutcome};

/// An article saved as a link only: its id and address.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LinkToDownload {
    pub id: i64,
    pub url: String,
}

impl Library {
    /// The link-only articles not in the trash, oldest first.
    pub fn links_to_download(&self) -> Result<Vec<LinkToDownload>> {
        let mut statement = self.conn.prepare(
            "SELECT id, url FROM articles WHERE content_hash LIKE ?1 || '%' AND url IS NOT NULL AND deleted_at IS NULL ORDER BY id",
        )?;
        let links = statement.query_map([PLACEHOLDER_HASH], |r| Ok(LinkToDownload { id: r.get(0)?, url: r.get(1)? }))?;
        Ok(links.collect::<rusqlite::Result<_>>()?)
    }
}

/// Fetch each of `links` and hand the article to `save` (which must put it in place of the
/// placeholder: the article keeps the link as its address). Reports progress after each;
/// `cancel` stops between pages and in the middle of a download.
pub fn download_links(
    links: &[LinkToDownload],
    cancel: &CancelToken,
    mut save: impl FnMut(&ImportedArticle) -> Result<SaveOutcome>,
    mut progress: impl FnMut(&BatchProgress),
) -> BatchReport {
    let mut report = BatchReport::default();
    let total = links.len() as u32;
    for (done, link) in links.iter().enumerate() {
        if cancel.is_cancelled() {
            report.cancelled = true;
            break;
        }
        progress(&BatchProgress { done: done as u32, total, current: Some(link.url.clone()), added: report.added, already_saved: report.already_saved, failed: report.failures.len() as u32 });
        let saved = import_url_within(&link.url, FetchLimits::default(), Budget::with_cancel(cancel.clone())).and_then(|mut article| {
            // The export's address is the article's identity: the page fills its placeholder
            // even when it redirects or names another canonical address.
            article.url = Some(link.url.clone());
            article.canonical_url = Some(link.url.clone());
            save(&article)
        });
        match saved {
            Ok(SaveOutcome::Updated { .. } | SaveOutcome::Added { .. }) => report.added += 1,
            Ok(SaveOutcome::AlreadySaved { .. }) => report.already_saved += 1,
            Err(error) => report.failures.push(ImportFailure { file: link.url.clone(), message: error.to_string() }),
        }
    }
    progress(&BatchProgress { done: total, total, current: None, added: report.added, already_saved: report.already_saved, failed: report.failures.len() as u32 });
    report
}
