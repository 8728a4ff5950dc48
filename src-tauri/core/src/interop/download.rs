//! Downloading the articles an export brought as links only: each page is fetched like a
//! pasted link and saved in place of its placeholder, so the highlights waiting on it
//! find their places. One that cannot be fetched stays a link, with the reason kept for
//! the library and the reader to show, to try again later.

use rusqlite::{OptionalExtension, params};

use crate::error::{Error, Result};
use crate::import::batch::{BatchProgress, BatchReport, ImportFailure};
use crate::import::web::{FetchLimits, import_url_within};
use crate::import::{Budget, CancelToken, ImportedArticle};
use crate::library::{Library, PLACEHOLDER_HASH, SaveOutcome, now_millis};

/// An article saved as a link only: its id and address.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LinkToDownload {
    /// The article's id.
    pub id: i64,
    /// Its address.
    pub url: String,
}

const LINKS_SQL: &str =
    "SELECT id, url FROM articles WHERE substr(content_hash, 1, length(?1)) = ?1 AND url IS NOT NULL AND deleted_at IS NULL";

impl Library {
    /// The link-only articles not in the trash, oldest first.
    pub fn links_to_download(&self) -> Result<Vec<LinkToDownload>> {
        let mut statement = self.conn.prepare(&format!("{LINKS_SQL} ORDER BY id"))?;
        let links = statement.query_map([PLACEHOLDER_HASH], |r| Ok(LinkToDownload { id: r.get(0)?, url: r.get(1)? }))?;
        Ok(links.collect::<rusqlite::Result<_>>()?)
    }

    /// Article `id` when it is a link still to download.
    pub fn link_to_download(&self, id: i64) -> Result<LinkToDownload> {
        self.conn
            .query_row(&format!("{LINKS_SQL} AND id = ?2"), params![PLACEHOLDER_HASH, id], |r| {
                Ok(LinkToDownload { id: r.get(0)?, url: r.get(1)? })
            })
            .optional()?
            .ok_or_else(|| Error::InvalidInput("This article already has its text; there is nothing to download.".into()))
    }

    /// Keep what downloading `link` gave: the page takes the placeholder's place (and any
    /// failure note goes), or the failure is noted on the article and returned. A
    /// cancelled download leaves no note: nobody failed.
    pub fn settle_download(&mut self, link: &LinkToDownload, fetched: Result<ImportedArticle>) -> Result<SaveOutcome> {
        match fetched {
            Ok(article) => {
                // Saving the page in the placeholder's place also clears its failure note.
                self.save_article(&article)
            }
            Err(Error::Cancelled) => Err(Error::Cancelled),
            Err(error) => {
                self.conn.execute(
                    "INSERT INTO link_downloads (article_id, attempts, last_error, last_attempt_at) VALUES (?1, 1, ?2, ?3) \
                     ON CONFLICT(article_id) DO UPDATE SET attempts = attempts + 1, last_error = ?2, last_attempt_at = ?3",
                    params![link.id, error.to_string(), now_millis()],
                )?;
                Err(error)
            }
        }
    }
}

/// Fetch the page of one link. The export's address is the article's identity: the page
/// fills its placeholder even when it redirects or names another canonical address.
pub fn fetch_link(link: &LinkToDownload, cancel: &CancelToken) -> Result<ImportedArticle> {
    let mut article = import_url_within(&link.url, FetchLimits::default(), Budget::with_cancel(cancel.clone()))?;
    article.url = Some(link.url.clone());
    article.canonical_url = Some(link.url.clone());
    Ok(article)
}

/// Fetch each of `links` and hand what came (page or error) to `settle` (normally
/// [`Library::settle_download`]). Links that failed on the network get one more try after
/// all the others: a server that was briefly down or slow usually answers the second time.
/// Reports progress after each; `cancel` stops between pages and in the middle of a download.
pub fn download_links(
    links: &[LinkToDownload],
    cancel: &CancelToken,
    mut settle: impl FnMut(&LinkToDownload, Result<ImportedArticle>) -> Result<SaveOutcome>,
    mut progress: impl FnMut(&BatchProgress),
) -> BatchReport {
    let mut report = BatchReport::default();
    let total = links.len() as u32;
    let mut to_retry = Vec::new();
    let mut done = 0;
    for link in links {
        if cancel.is_cancelled() {
            report.cancelled = true;
            break;
        }
        progress(&BatchProgress {
            done,
            total,
            current: Some(link.url.clone()),
            added: report.added,
            already_saved: report.already_saved,
            failed: to_retry.len() as u32 + report.failures.len() as u32,
        });
        match settle(link, fetch_link(link, cancel)) {
            Err(Error::Network(_)) => to_retry.push(link),
            outcome => count(&mut report, link, outcome),
        }
        done += 1;
    }
    for link in to_retry {
        if cancel.is_cancelled() {
            report.cancelled = true;
            report.failures.push(ImportFailure { file: link.url.clone(), message: "Not tried again: the download was cancelled.".into() });
            continue;
        }
        progress(&BatchProgress {
            done: done.min(total),
            total,
            current: Some(format!("{} (trying again)", link.url)),
            added: report.added,
            already_saved: report.already_saved,
            failed: report.failures.len() as u32,
        });
        let outcome = settle(link, fetch_link(link, cancel));
        count(&mut report, link, outcome);
    }
    progress(&BatchProgress {
        done: total,
        total,
        current: None,
        added: report.added,
        already_saved: report.already_saved,
        failed: report.failures.len() as u32,
    });
    report
}

fn count(report: &mut BatchReport, link: &LinkToDownload, outcome: Result<SaveOutcome>) {
    match outcome {
        Ok(SaveOutcome::Updated { .. } | SaveOutcome::Added { .. }) => report.added += 1,
        Ok(SaveOutcome::AlreadySaved { .. }) => report.already_saved += 1,
        Err(error) => report.failures.push(ImportFailure { file: link.url.clone(), message: error.to_string() }),
    }
}
