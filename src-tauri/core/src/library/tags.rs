//! Tags: names on articles, created as they are used; renaming onto an existing tag
//! merges the two.

use rusqlite::{OptionalExtension, params};
use serde::Serialize;

use super::Library;
use crate::error::{Error, Result};

/// A tag, with how many articles carry it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct Tag {
    /// The tag's id.
    pub id: i64,
    /// Its name (unique, whatever the case).
    pub name: String,
    /// Articles (not in the trash) carrying it.
    pub count: u32,
}

/// Separates tag names inside one SQL value (a control character no name contains).
pub(crate) const TAG_SEPARATOR: char = '\u{1F}';

/// The column expression listing an article's tags, for `articles` aliased `alias`.
pub(crate) fn tags_column(alias: &str) -> String {
    format!(
        "(SELECT group_concat(t.name, char(31)) FROM (SELECT t.name FROM article_tags at JOIN tags t ON t.id = at.tag_id \
         WHERE at.article_id = {alias}.id ORDER BY t.name COLLATE NOCASE) t) AS tags"
    )
}

pub(crate) fn split_tags(value: Option<String>) -> Vec<String> {
    value.map(|v| v.split(TAG_SEPARATOR).map(str::to_string).collect()).unwrap_or_default()
}

fn clean(name: &str) -> Result<String> {
    let name: String = name.split_whitespace().collect::<Vec<_>>().join(" ").trim_start_matches('#').to_string();
    if name.is_empty() || name.chars().count() > 64 || name.contains(TAG_SEPARATOR) {
        return Err(Error::InvalidInput("A tag needs a name of 1 to 64 characters.".into()));
    }
    Ok(name)
}

/// Every tag with how many articles not in the trash carry it, by name. Counted from
/// indexes alone: looking up each tagged article's row to see whether it is in the
/// trash read a page per article (37 MB of a 10,000-article library, at every start).
/// The trash is few rows, found once.
const LIST_TAGS: &str = "SELECT t.id, t.name, (SELECT count(*) FROM article_tags at WHERE at.tag_id = t.id \
     AND at.article_id NOT IN (SELECT id FROM articles WHERE deleted_at IS NOT NULL)) \
     FROM tags t ORDER BY t.name COLLATE NOCASE";

impl Library {
    /// Every tag with how many articles carry it, by name.
    pub fn list_tags(&self) -> Result<Vec<Tag>> {
        let mut statement = self.conn.prepare_cached(LIST_TAGS)?;
        let rows = statement.query_map([], |row| Ok(Tag { id: row.get(0)?, name: row.get(1)?, count: row.get(2)? }))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Give these articles this tag (creating it if needed).
    pub fn tag_articles(&mut self, name: &str, article_ids: &[i64]) -> Result<Tag> {
        let name = clean(name)?;
        let tx = self.conn.transaction()?;
        tx.execute("INSERT INTO tags (name) VALUES (?1) ON CONFLICT(name) DO NOTHING", [&name])?;
        let id: i64 = tx.query_row("SELECT id FROM tags WHERE name = ?1", [&name], |r| r.get(0))?;
        for article_id in article_ids {
            tx.execute("INSERT OR IGNORE INTO article_tags (article_id, tag_id) VALUES (?1, ?2)", params![article_id, id])?;
        }
        tx.commit()?;
        self.tag(id)
    }

    /// Take a tag off an article (the tag stays for the others).
    pub fn untag_article(&mut self, name: &str, article_id: i64) -> Result<()> {
        self.conn.execute(
            "DELETE FROM article_tags WHERE article_id = ?1 AND tag_id = (SELECT id FROM tags WHERE name = ?2)",
            params![article_id, name],
        )?;
        Ok(())
    }

    /// Rename a tag. If another tag already has the new name, the two are merged.
    pub fn rename_tag(&mut self, id: i64, new_name: &str) -> Result<Tag> {
        let new_name = clean(new_name)?;
        let tx = self.conn.transaction()?;
        let existing: Option<i64> =
            tx.query_row("SELECT id FROM tags WHERE name = ?1 AND id != ?2", params![new_name, id], |r| r.get(0)).optional()?;
        let kept = match existing {
            Some(target) => {
                tx.execute(
                    "INSERT OR IGNORE INTO article_tags (article_id, tag_id) SELECT article_id, ?2 FROM article_tags WHERE tag_id = ?1",
                    params![id, target],
                )?;
                tx.execute("DELETE FROM tags WHERE id = ?1", [id])?;
                target
            }
            None => {
                if tx.execute("UPDATE tags SET name = ?2 WHERE id = ?1", params![id, new_name])? == 0 {
                    return Err(Error::NotFound(format!("Tag {id}")));
                }
                id
            }
        };
        tx.commit()?;
        self.tag(kept)
    }

    /// Delete a tag; the articles stay.
    pub fn delete_tag(&mut self, id: i64) -> Result<()> {
        if self.conn.execute("DELETE FROM tags WHERE id = ?1", [id])? == 0 {
            return Err(Error::NotFound(format!("Tag {id}")));
        }
        Ok(())
    }

    fn tag(&self, id: i64) -> Result<Tag> {
        self.list_tags()?.into_iter().find(|t| t.id == id).ok_or_else(|| Error::NotFound(format!("Tag {id}")))
    }
}

/// Give one article a tag by name, creating the tag if needed, inside the caller's
/// transaction (imports and restores, which bring names already cleaned).
pub(crate) fn tag_in(conn: &rusqlite::Connection, article_id: i64, name: &str) -> Result<()> {
    conn.execute("INSERT INTO tags (name) VALUES (?1) ON CONFLICT(name) DO NOTHING", [name])?;
    conn.execute(
        "INSERT OR IGNORE INTO article_tags (article_id, tag_id) SELECT ?1, id FROM tags WHERE name = ?2",
        params![article_id, name],
    )?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use crate::Library;

    #[test]
    fn tags_are_counted_without_reading_the_articles_rows() {
        let dir = tempfile::tempdir().unwrap();
        let library = Library::open(&dir.path().join("library.sqlite3")).unwrap();
        let steps = crate::library::query_plan(&library.conn, super::LIST_TAGS, []);
        // An article's row is a page or more of its text; its index entries are a few bytes.
        assert!(steps.iter().all(|step| !step.contains("INTEGER PRIMARY KEY") && !step.starts_with("SCAN articles")), "{steps:?}");
    }
}
