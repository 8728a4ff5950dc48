//! Schema 8: articles saved before blocks were kept apart in the article text (see
//! [`crate::text::with_block_boundaries`]) get their separators, and everything that
//! points into their text (highlights, bookmarks, the reading position) follows.
//!
//! The new text is the old one with "\n"s inserted, nothing else, so every old
//! position has exactly one new position: no highlight is searched for or lost. A
//! highlight that starts where a separator goes starts after it; one that ends there
//! ends before it.

use rusqlite::{Transaction, params};

use crate::annotate::anchor::Text;
use crate::import::content_hash;
use crate::library::articles::PLACEHOLDER_HASH;
use crate::text::{EXCERPT_CHARS, article_text, excerpt, measure, with_block_boundaries};

/// What the migration did, for the log.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Report {
    /// Articles whose text gained separators.
    pub articles_changed: usize,
    /// Highlights whose offsets moved with their text.
    pub highlights_moved: usize,
    /// Bookmarks and reading positions that moved with their text.
    pub bookmarks_moved: usize,
}

/// Give every article its block separators, moving what points into its text.
pub fn separate_blocks(tx: &Transaction<'_>) -> rusqlite::Result<Report> {
    let mut report = Report::default();
    let ids: Vec<i64> = tx.prepare("SELECT id FROM articles")?.query_map([], |row| row.get(0))?.collect::<rusqlite::Result<_>>()?;
    for id in ids {
        let (html, old_text, position): (String, String, u32) =
            tx.query_row("SELECT lectern_unpack(content_html), content_text, last_position FROM articles WHERE id = ?1", [id], |row| {
                Ok((row.get(0)?, row.get(1)?, row.get(2)?))
            })?;
        let new_html = with_block_boundaries(&html);
        let new_text = article_text(&new_html);
        if new_text == old_text {
            continue;
        }
        let Some(insertions) = insertions(&old_text, &new_text) else {
            // The stored text was not the text of the stored HTML (never expected): leave
            // this article exactly as it was rather than guess.
            log::warn!("article {id}: stored text does not match its HTML; block separators not added");
            continue;
        };
        store_text(tx, id, &new_html, &new_text, shift_start(position, &insertions))?;
        report.highlights_moved += move_highlights(tx, id, &new_text, &insertions)?;
        report.bookmarks_moved += move_bookmarks(tx, id, &insertions)?;
        report.articles_changed += 1;
    }
    log::info!(
        "block separators: {} articles re-derived, {} highlights and {} bookmarks moved with their text, none lost",
        report.articles_changed,
        report.highlights_moved,
        report.bookmarks_moved
    );
    Ok(report)
}

/// The article's new HTML and text, in one write. Words that were glued together are
/// words again: the counts, the excerpt and the fingerprint follow the new text, so the
/// same page imported again is recognised rather than saved twice (a link-only
/// article keeps its placeholder fingerprint).
fn store_text(tx: &Transaction<'_>, id: i64, html: &str, text: &str, position: u32) -> rusqlite::Result<()> {
    let length = measure(text);
    tx.execute(
        "UPDATE articles SET content_html = ?2, content_text = ?3, last_position = ?4, word_count = ?5, reading_minutes = ?6, \
            excerpt = ?7, content_hash = CASE WHEN substr(content_hash, 1, length(?9)) = ?9 THEN content_hash ELSE ?8 END \
         WHERE id = ?1",
        params![
            id,
            html,
            text,
            position,
            u32::try_from(length.words).unwrap_or(u32::MAX),
            u32::try_from(length.reading_minutes).unwrap_or(u32::MAX),
            excerpt(text, EXCERPT_CHARS),
            content_hash(text),
            PLACEHOLDER_HASH,
        ],
    )?;
    Ok(())
}

/// The UTF-16 positions in `old` where `new` has an extra unit, when `new` is `old` with
/// units inserted and nothing else (None otherwise).
pub fn insertions(old: &str, new: &str) -> Option<Vec<u32>> {
    let (old, new): (Vec<u16>, Vec<u16>) = (old.encode_utf16().collect(), new.encode_utf16().collect());
    let mut inserted = Vec::with_capacity(new.len().saturating_sub(old.len()));
    let mut i = 0;
    for unit in new {
        if old.get(i) == Some(&unit) {
            i += 1;
        } else {
            inserted.push(u32::try_from(i).ok()?);
        }
    }
    (i == old.len()).then_some(inserted)
}

/// Where a start position moves: past every insertion at or before it.
fn shift_start(position: u32, insertions: &[u32]) -> u32 {
    position + insertions.partition_point(|&at| at <= position) as u32
}

/// Where an end position moves: past every insertion before it (one at the end
/// belongs to what follows).
fn shift_end(position: u32, insertions: &[u32]) -> u32 {
    position + insertions.partition_point(|&at| at < position) as u32
}

fn move_highlights(tx: &Transaction<'_>, article_id: i64, new_text: &str, insertions: &[u32]) -> rusqlite::Result<usize> {
    let text = Text::new(new_text);
    let ranges: Vec<(i64, u32, u32)> = tx
        .prepare(r#"SELECT id, start, "end" FROM highlights WHERE article_id = ?1"#)?
        .query_map([article_id], |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?)))?
        .collect::<rusqlite::Result<_>>()?;
    let mut moved = 0;
    for (id, start, end) in ranges {
        let (new_start, new_end) = (shift_start(start, insertions), shift_end(end, insertions).max(shift_start(start, insertions) + 1));
        let Some(selector) = text.describe(new_start as usize, new_end as usize) else { continue };
        tx.execute(
            r#"UPDATE highlights SET start = ?2, "end" = ?3, exact = ?4, prefix = ?5, suffix = ?6 WHERE id = ?1"#,
            params![id, selector.start, selector.end, selector.exact, selector.prefix, selector.suffix],
        )?;
        moved += usize::from((new_start, new_end) != (start, end));
    }
    Ok(moved)
}

fn move_bookmarks(tx: &Transaction<'_>, article_id: i64, insertions: &[u32]) -> rusqlite::Result<usize> {
    let positions: Vec<(i64, u32)> = tx
        .prepare("SELECT id, position FROM bookmarks WHERE article_id = ?1")?
        .query_map([article_id], |row| Ok((row.get(0)?, row.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    let mut moved = 0;
    for (id, position) in positions {
        let new_position = shift_start(position, insertions);
        if new_position != position {
            tx.execute("UPDATE bookmarks SET position = ?2 WHERE id = ?1", params![id, new_position])?;
            moved += 1;
        }
    }
    Ok(moved)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn insertions_are_found_and_anything_else_is_refused() {
        assert_eq!(insertions("ab", "a\nb"), Some(vec![1]));
        assert_eq!(insertions("abc", "a\nb\nc"), Some(vec![1, 2]));
        assert_eq!(insertions("a😀b", "a😀\nb"), Some(vec![3]), "UTF-16 units, as the webview counts");
        assert_eq!(insertions("ab", "ac"), None);
        assert_eq!(insertions("ab", "a"), None);
    }

    #[test]
    fn starts_move_past_a_separator_at_them_and_ends_stay_before_it() {
        let at_one = [1];
        assert_eq!((shift_start(1, &at_one), shift_end(1, &at_one)), (2, 1));
        assert_eq!((shift_start(0, &at_one), shift_end(3, &at_one)), (0, 4));
    }
}
