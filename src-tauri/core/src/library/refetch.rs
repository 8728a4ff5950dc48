//! Re-fetch: read an article saved from the web again from its address, for a page that
//! was corrected, finished or extracted badly the first time. The text is replaced, the
//! old one kept as a previous version, and every highlight follows the text as on any
//! re-save (re-anchored; one that cannot be found stays, orphaned, with its note).
//!
//! Two steps, so the slow one holds nothing: [`Library::refetch_address`] says where to
//! fetch, [`fetch_again`] fetches (no library lock), [`Library::apply_refetch`] stores.

use rusqlite::OptionalExtension;
use serde::Serialize;

use super::Library;
use crate::annotate::Reanchored;
use crate::error::{Error, Result};
use crate::import::web::{FetchLimits, import_url_within};
use crate::import::{Budget, CancelToken, ImportedArticle};

/// What a re-fetch changed, for the reader to say.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct RefetchReport {
    /// False when the page gave the same text as before (nothing was written).
    pub changed: bool,
    /// The page has a new title.
    pub title_changed: bool,
    /// Words before the re-fetch.
    pub words_before: u32,
    /// Words after it.
    pub words_after: u32,
    /// Where the highlights went in the new text.
    pub highlights: Reanchored,
}

impl Library {
    /// The address to fetch article `id` from again: the one it was saved from.
    pub fn refetch_address(&self, id: i64) -> Result<String> {
        let url: Option<String> = self
            .conn
            .query_row("SELECT url FROM articles WHERE id = ?1 AND deleted_at IS NULL", [id], |row| row.get(0))
            .optional()?
            .ok_or_else(|| Error::NotFound(format!("Article {id}")))?;
        url.filter(|u| u.starts_with("http://") || u.starts_with("https://"))
            .ok_or_else(|| Error::InvalidInput("This article was not saved from the web: there is no page to fetch again.".into()))
    }

    /// Store what fetching article `id` again gave. Its identity (address, canonical
    /// address) stays: a page that now redirects elsewhere still fills this article.
    pub fn apply_refetch(&mut self, id: i64, mut fetched: ImportedArticle) -> Result<RefetchReport> {
        let (url, canonical, title, words, hash, highlights): (Option<String>, Option<String>, String, u32, String, u32) =
            self.conn.query_row(
                "SELECT url, canonical_url, title, word_count, content_hash, (SELECT count(*) FROM highlights h WHERE h.article_id = a.id AND h.orphaned = 0) \
             FROM articles a WHERE id = ?1 AND deleted_at IS NULL",
                [id],
                |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?, row.get(3)?, row.get(4)?, row.get(5)?)),
            )?;
        let unchanged = fetched.content_hash == hash && fetched.title == title;
        let mut report = RefetchReport {
            changed: !unchanged,
            title_changed: fetched.title != title,
            words_before: words,
            words_after: fetched.word_count,
            highlights: Reanchored { in_place: highlights, ..Reanchored::default() },
        };
        if unchanged {
            log::info!("re-fetched article {id}: the page has not changed");
            return Ok(report);
        }
        (fetched.url, fetched.canonical_url) = (url, canonical);
        report.highlights = self.replace_content(id, &fetched)?;
        log::info!("re-fetched article {id}: {words} → {} words, highlights {:?}", fetched.word_count, report.highlights);
        Ok(report)
    }
}

/// Fetch `address` again, as a pasted address is fetched; `cancel` stops it.
pub fn fetch_again(address: &str, cancel: &CancelToken) -> Result<ImportedArticle> {
    import_url_within(address, FetchLimits::default(), Budget::with_cancel(cancel.clone()))
}
