//! Bookmarks: named places in an article.

use rusqlite::params;
use serde::Serialize;

use crate::error::{Error, Result};
use crate::library::{Library, now_millis};

/// A place in an article the reader marked to come back to.
#[derive(Debug, Clone, PartialEq, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct Bookmark {
    /// The bookmark's id.
    pub id: i64,
    /// The article it is in.
    pub article_id: i64,
    /// Offset (UTF-16 units) into the article text.
    pub position: u32,
    /// The reader's name for it (may be empty).
    pub label: String,
    /// A few words of the text at the bookmark, to recognise it by.
    pub context: String,
    /// When it was made (unix milliseconds).
    pub created_at: i64,
}

const CONTEXT_UNITS: usize = 80;

/// The one INSERT of a bookmark (`id` kept when it comes from a Lectern export).
pub(crate) fn insert_bookmark(
    conn: &rusqlite::Connection,
    id: Option<i64>,
    article_id: i64,
    position: i64,
    label: &str,
    created_at: i64,
) -> Result<i64> {
    conn.execute(
        "INSERT INTO bookmarks (id, article_id, position, label, created_at) VALUES (?1, ?2, ?3, ?4, ?5)",
        params![id, article_id, position, label, created_at],
    )?;
    Ok(conn.last_insert_rowid())
}

impl Library {
    /// Bookmark `position` (clamped to the text) in an article, with an optional label.
    pub fn add_bookmark(&mut self, article_id: i64, position: u32, label: &str) -> Result<Bookmark> {
        let text = super::anchor::Text::new(&self.article_text(article_id)?);
        let position = position.min(u32::try_from(text.len()).unwrap_or(u32::MAX));
        let id = insert_bookmark(&self.conn, None, article_id, position.into(), label.trim(), now_millis())?;
        self.bookmarks_for(article_id)?.into_iter().find(|b| b.id == id).ok_or_else(|| Error::NotFound(format!("Bookmark {id}")))
    }

    /// An article's bookmarks in reading order, each with the words at its place.
    pub fn bookmarks_for(&self, article_id: i64) -> Result<Vec<Bookmark>> {
        let text = super::anchor::Text::new(&self.article_text(article_id)?);
        let mut statement = self
            .conn
            .prepare_cached("SELECT id, position, label, created_at FROM bookmarks WHERE article_id = ?1 ORDER BY position, id")?;
        let rows = statement.query_map([article_id], |row| {
            let position: u32 = row.get(1)?;
            Ok(Bookmark {
                id: row.get(0)?,
                article_id,
                position,
                label: row.get(2)?,
                context: crate::text::excerpt(&text.slice(position as usize, position as usize + CONTEXT_UNITS * 2), CONTEXT_UNITS),
                created_at: row.get(3)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Delete a bookmark.
    pub fn delete_bookmark(&mut self, id: i64) -> Result<()> {
        if self.conn.execute("DELETE FROM bookmarks WHERE id = ?1", [id])? == 0 {
            return Err(Error::NotFound(format!("Bookmark {id}")));
        }
        Ok(())
    }
}
