//! Articles: saving (with dedupe), listing, reading, trashing.

use rusqlite::{OptionalExtension, Row, params};
use serde::{Deserialize, Serialize};

use super::{Library, now_millis};
use crate::annotate::Reanchored;
use crate::error::{Error, Result};
use crate::import::{ImportedArticle, SourceKind};
use crate::sql::{Filter, text_enum, value};

/// Whether an article waits to be read or was put away.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, serde::Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub enum ArticleState {
    /// Waiting to be read.
    Inbox,
    /// Read, or put away; still searchable.
    Archive,
}

text_enum!(ArticleState { Inbox => "inbox", Archive => "archive" });

/// Which articles a library list shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub enum Shelf {
    /// Articles waiting to be read.
    #[default]
    Inbox,
    /// Starred articles, archived or not.
    Starred,
    /// Archived articles.
    Archive,
    /// Everything not in the trash.
    All,
}

/// The order a list is shown in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub enum SortOrder {
    /// Newest saved first (the default).
    #[default]
    SavedNewest,
    /// Oldest saved first.
    SavedOldest,
    /// Newest published first (those without a date last).
    PublishedNewest,
    /// By title, A to Z.
    Title,
    /// Most read first.
    Progress,
    /// Most words first.
    Longest,
    /// Fewest words first.
    Shortest,
}

impl SortOrder {
    /// Every order, for what must hold in each (keyset paging, an index to walk).
    pub const ALL: [SortOrder; 7] = [
        SortOrder::SavedNewest,
        SortOrder::SavedOldest,
        SortOrder::PublishedNewest,
        SortOrder::Title,
        SortOrder::Progress,
        SortOrder::Longest,
        SortOrder::Shortest,
    ];

    /// The order as keys, each with whether it descends; the id comes last, so every
    /// row has its own place and a page can continue after any row (keyset paging).
    fn keys(self) -> &'static [(&'static str, bool)] {
        match self {
            SortOrder::SavedNewest => &[("a.saved_at", true), ("a.id", true)],
            SortOrder::SavedOldest => &[("a.saved_at", false), ("a.id", false)],
            SortOrder::PublishedNewest => {
                &[("(a.published_at IS NULL)", false), ("coalesce(a.published_at, '')", true), ("a.saved_at", true), ("a.id", true)]
            }
            SortOrder::Title => &[("a.title COLLATE NOCASE", false), ("a.id", false)],
            SortOrder::Progress => &[("a.read_progress", true), ("a.saved_at", true), ("a.id", true)],
            SortOrder::Longest => &[("a.word_count", true), ("a.id", false)],
            SortOrder::Shortest => &[("a.word_count", false), ("a.id", false)],
        }
    }

    /// The ORDER BY clause.
    fn sql(self) -> String {
        self.keys()
            .iter()
            .map(|(key, descending)| format!("{key} {}", if *descending { "DESC" } else { "ASC" }))
            .collect::<Vec<_>>()
            .join(", ")
    }

    /// The condition for the rows after the one whose keys are `values`, in this order:
    /// one row-value comparison when every key runs the same way (an index can seek to
    /// it), else spelled out key by key.
    fn after(self, values: Vec<rusqlite::types::Value>) -> (String, Vec<Box<dyn rusqlite::ToSql>>) {
        let keys = self.keys();
        let boxed = |v: &rusqlite::types::Value| -> Box<dyn rusqlite::ToSql> { Box::new(v.clone()) };
        if keys.iter().all(|(_, descending)| *descending == keys[0].1) {
            let columns = keys.iter().map(|(key, _)| *key).collect::<Vec<_>>().join(", ");
            let marks = vec!["?"; keys.len()].join(", ");
            let op = if keys[0].1 { "<" } else { ">" };
            return (format!("({columns}) {op} ({marks})"), values.iter().map(boxed).collect());
        }
        let mut alternatives = Vec::new();
        let mut bound = Vec::new();
        for (at, (key, descending)) in keys.iter().enumerate() {
            let mut parts: Vec<String> = keys[..at].iter().map(|(earlier, _)| format!("{earlier} = ?")).collect();
            parts.push(format!("{key} {} ?", if *descending { "<" } else { ">" }));
            bound.extend(values[..=at].iter().map(boxed));
            alternatives.push(format!("({})", parts.join(" AND ")));
        }
        (format!("({})", alternatives.join(" OR ")), bound)
    }
}

/// How far the reader got.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub enum Progress {
    /// Not opened yet.
    Unread,
    /// Started, not finished.
    InProgress,
    /// Read to the end.
    Finished,
}

/// One page of a library list.
#[derive(Debug, Clone, Default, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase", default)]
pub struct ArticleQuery {
    /// Which shelf.
    pub shelf: Shelf,
    /// In which order.
    pub sort: SortOrder,
    /// How many articles to skip (the rows already shown), when `after` is not given.
    pub offset: u32,
    /// Continue after this article (the last row shown): keyset paging, as fast at any
    /// depth. An article no longer in the library falls back to `offset`.
    pub after: Option<i64>,
    /// Only articles with this tag.
    pub tag: Option<String>,
    /// Only articles this far read.
    pub progress: Option<Progress>,
    /// Only starred articles (combines with any shelf).
    pub favorite_only: bool,
    /// Only articles with at least one highlight.
    pub with_highlights: bool,
    /// At most this many (default 100, never more than 500).
    pub limit: Option<u32>,
}

/// One page of a list, and, on its first page, how long the whole list is.
#[derive(Debug, Clone, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct ArticlePage {
    /// The articles on this page, in order.
    pub items: Vec<ArticleSummary>,
    /// How many articles the shelf holds in all; counted for the first page only (a page
    /// that continues `after` a row leaves it out: the list was counted when it began,
    /// and counting a large shelf again for every page would cost more than the page).
    pub total: Option<u32>,
}

const DEFAULT_PAGE: u32 = 100;
const MAX_PAGE: u32 = 500;

/// What the library list shows: everything but the content.
#[derive(Debug, Clone, PartialEq, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct ArticleSummary {
    /// The article's id.
    pub id: i64,
    /// Its title.
    pub title: String,
    /// Its author, when known.
    pub byline: Option<String>,
    /// Its site's name, when known.
    pub site_name: Option<String>,
    /// Its address, when it came from the web.
    pub url: Option<String>,
    /// The first words of its text.
    pub excerpt: String,
    /// Words in its text.
    pub word_count: u32,
    /// Minutes to read it.
    pub reading_minutes: u32,
    /// Unix milliseconds.
    pub saved_at: i64,
    /// The publication date as the page gave it.
    pub published_at: Option<String>,
    /// Inbox or archive.
    pub state: ArticleState,
    /// Starred.
    pub favorite: bool,
    /// How far it was read, from 0 to 1.
    pub read_progress: f64,
    /// Where it came from.
    pub source_kind: SourceKind,
    /// Tag names, alphabetical.
    pub tags: Vec<String>,
    /// Imported as a link only (from another app's export): its page is not downloaded yet.
    pub link_only: bool,
    /// Why the last download of this link-only article failed, if it did.
    pub download_error: Option<String>,
}

/// An article opened in the reader.
#[derive(Debug, Clone, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct Article {
    /// What lists show of it.
    pub summary: ArticleSummary,
    /// Its language (BCP 47), for hyphenation.
    pub lang: Option<String>,
    /// Sanitized at import; rendered as is.
    pub content_html: String,
    /// Offset into the article text where the reader last was.
    pub last_position: i64,
    /// The reader's note on the whole article (Markdown).
    pub note: String,
}

/// What an article held before new content replaced it.
#[derive(Debug, Clone, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct PreviousVersion {
    /// Its title then.
    pub title: String,
    /// Its text then.
    pub content_text: String,
    /// Words in that text.
    pub word_count: u32,
    /// Unix milliseconds: when this version was saved, and when it was replaced.
    pub saved_at: i64,
    /// When the newer content replaced it (unix milliseconds).
    pub replaced_at: i64,
}

/// The result of saving: a new article, or the one already in the library.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, specta::Type)]
#[serde(tag = "status", rename_all = "camelCase")]
pub enum SaveOutcome {
    /// A new article.
    Added {
        /// Its id.
        id: i64,
    },
    /// The library had it already (same address or same text): nothing changed.
    AlreadySaved {
        /// The id of the article already there.
        id: i64,
    },
    /// The same address with new text (re-fetched): content replaced, highlights re-anchored.
    Updated {
        /// The article's id, unchanged.
        id: i64,
    },
}

impl SaveOutcome {
    /// The article's id, whatever happened.
    pub fn id(self) -> i64 {
        match self {
            SaveOutcome::Added { id } | SaveOutcome::AlreadySaved { id } | SaveOutcome::Updated { id } => id,
        }
    }
}

/// Marks an article saved from an export as a link only: its text is still to come.
pub(crate) const PLACEHOLDER_HASH: &str = "placeholder:";

/// Reading progress from which an article counts as read.
const FINISHED_AT: f64 = 0.98;

/// The articles a list shows: not in the trash, on the shelf, narrowed by progress,
/// star, highlights and tag.
fn shelf_filter(query: &ArticleQuery) -> Filter {
    let mut on_shelf = Filter::new();
    on_shelf.and("a.deleted_at IS NULL");
    match query.shelf {
        Shelf::Inbox => on_shelf.and_with("a.state = ?", [value(ArticleState::Inbox)]),
        Shelf::Archive => on_shelf.and_with("a.state = ?", [value(ArticleState::Archive)]),
        Shelf::Starred => on_shelf.and("a.favorite = 1"),
        Shelf::All => &mut on_shelf,
    };
    match query.progress {
        None => &mut on_shelf,
        Some(Progress::Unread) => on_shelf.and("a.read_progress = 0"),
        Some(Progress::InProgress) => on_shelf.and("a.read_progress > 0 AND a.read_progress < 1"),
        Some(Progress::Finished) => on_shelf.and("a.read_progress >= 1"),
    };
    if query.favorite_only {
        on_shelf.and("a.favorite = 1");
    }
    if query.with_highlights {
        on_shelf.and("EXISTS (SELECT 1 FROM highlights h WHERE h.article_id = a.id)");
    }
    if let Some(tag) = &query.tag {
        on_shelf.and_with(
            "EXISTS (SELECT 1 FROM article_tags at JOIN tags t ON t.id = at.tag_id WHERE at.article_id = a.id AND t.name = ?)",
            [value(tag.clone())],
        );
    }
    on_shelf
}

/// The columns `summary_from_row` reads, in its order, for `articles` aliased `a`: first
/// in any statement it reads.
pub(crate) fn summary_columns() -> String {
    format!(
        "a.id, a.title, a.byline, a.site_name, a.url, a.excerpt, a.word_count, a.reading_minutes, \
         a.saved_at, a.published_at, a.state, a.favorite, a.read_progress, a.source_kind, {}, \
         substr(a.content_hash, 1, {}) = '{PLACEHOLDER_HASH}' AS link_only, \
         (SELECT d.last_error FROM link_downloads d WHERE d.article_id = a.id) AS download_error",
        super::tags_column("a"),
        PLACEHOLDER_HASH.len()
    )
}

impl Library {
    /// Save an imported article, unless the library already holds it (same URL or same
    /// text). Saving something that sits in the trash brings it back.
    pub fn save_article(&mut self, article: &ImportedArticle) -> Result<SaveOutcome> {
        let tx = self.conn.transaction()?;
        let outcome = save_in(&tx, article)?;
        tx.commit()?;
        Ok(outcome)
    }

    /// One page of a shelf, in the chosen order. Lists are always paged: a library of
    /// tens of thousands of articles is never loaded whole.
    pub fn article_page(&self, query: &ArticleQuery) -> Result<ArticlePage> {
        let limit = query.limit.unwrap_or(DEFAULT_PAGE).min(MAX_PAGE);
        let mut page = shelf_filter(query);
        // The whole shelf is counted before the page is narrowed to the rows after `after`.
        let total = match query.after {
            Some(_) => None,
            None => Some(self.conn.query_row(
                &format!("SELECT count(*) FROM articles a WHERE {}", page.sql(0)),
                page.values(&[]).as_slice(),
                |row| row.get(0),
            )?),
        };
        let mut offset = query.offset;
        if let Some(keys) = query.after.map(|id| self.sort_keys(query.sort, id)).transpose()?.flatten() {
            let (condition, values) = query.sort.after(keys);
            page.and_with(&condition, values);
            offset = 0;
        }
        let mut statement = self.conn.prepare_cached(&format!(
            "SELECT {} FROM articles a WHERE {} ORDER BY {} LIMIT ?1 OFFSET ?2",
            summary_columns(),
            page.sql(2),
            query.sort.sql()
        ))?;
        let items = statement.query_map(page.values(&[&limit, &offset]).as_slice(), summary_from_row)?.collect::<rusqlite::Result<_>>()?;
        Ok(ArticlePage { items, total })
    }

    /// The sort keys of article `id` in `order`, or None when it is gone.
    fn sort_keys(&self, order: SortOrder, id: i64) -> Result<Option<Vec<rusqlite::types::Value>>> {
        let keys = order.keys();
        let columns = keys.iter().map(|(key, _)| *key).collect::<Vec<_>>().join(", ");
        let found = self
            .conn
            .query_row(&format!("SELECT {columns} FROM articles a WHERE a.id = ?1"), [id], |row| {
                (0..keys.len()).map(|i| row.get::<_, rusqlite::types::Value>(i)).collect::<rusqlite::Result<Vec<_>>>()
            })
            .optional()?;
        Ok(found)
    }

    /// Articles not in the trash, newest first.
    pub fn list_articles(&self) -> Result<Vec<ArticleSummary>> {
        self.summaries("deleted_at IS NULL", "saved_at DESC, id DESC")
    }

    fn summaries(&self, condition: &str, order: &str) -> Result<Vec<ArticleSummary>> {
        let mut statement =
            self.conn.prepare_cached(&format!("SELECT {} FROM articles a WHERE {condition} ORDER BY {order}", summary_columns()))?;
        let rows = statement.query_map([], summary_from_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// One article, with its content, for the reader.
    pub fn get_article(&self, id: i64) -> Result<Article> {
        self.conn
            .query_row(
                &format!(
                    "SELECT {}, a.lang, lectern_unpack(a.content_html) AS content_html, a.last_position, a.note \
                     FROM articles a WHERE a.id = ?1 AND a.deleted_at IS NULL",
                    summary_columns()
                ),
                [id],
                |row| {
                    Ok(Article {
                        summary: summary_from_row(row)?,
                        lang: row.get("lang")?,
                        content_html: row.get("content_html")?,
                        last_position: row.get("last_position")?,
                        note: row.get("note")?,
                    })
                },
            )
            .optional()?
            .ok_or_else(|| Error::NotFound(format!("Article {id}")))
    }

    /// The article text (see [`crate::text::article_text`]).
    pub fn article_text(&self, id: i64) -> Result<String> {
        self.conn
            .query_row("SELECT content_text FROM articles WHERE id = ?1", [id], |row| row.get(0))
            .optional()?
            .ok_or_else(|| Error::NotFound(format!("Article {id}")))
    }

    /// Replace an article's content (an edit, a re-fetch), re-anchoring its highlights,
    /// in one transaction.
    pub fn replace_content(&mut self, id: i64, article: &ImportedArticle) -> Result<Reanchored> {
        let tx = self.conn.transaction()?;
        let highlights = replace_content_in(&tx, id, article)?;
        tx.commit()?;
        Ok(highlights)
    }

    /// The versions an article's content had before it was replaced, newest first.
    pub fn previous_versions(&self, id: i64) -> Result<Vec<PreviousVersion>> {
        let mut statement = self.conn.prepare_cached(
            "SELECT title, content_text, word_count, saved_at, replaced_at FROM article_versions \
             WHERE article_id = ?1 ORDER BY replaced_at DESC, id DESC",
        )?;
        let rows = statement.query_map([id], |row| {
            Ok(PreviousVersion {
                title: row.get(0)?,
                content_text: row.get(1)?,
                word_count: row.get(2)?,
                saved_at: row.get(3)?,
                replaced_at: row.get(4)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Where the reader is (offset into the article text) and how far through (0..1).
    /// Reaching the end marks the article as read.
    pub fn set_reading_position(&mut self, id: i64, position: u32, progress: f64) -> Result<()> {
        let progress = if progress.is_finite() { progress.clamp(0.0, 1.0) } else { 0.0 };
        let progress = if progress >= FINISHED_AT { 1.0 } else { progress };
        self.update_article(id, "last_position = ?2, read_progress = max(read_progress, ?3)", params![id, position, progress])
    }

    /// Archive an article (done with it) or bring it back to the inbox.
    pub fn set_article_state(&mut self, id: i64, state: ArticleState) -> Result<()> {
        self.update_article(id, "state = ?2", params![id, state])
    }

    /// Star or unstar an article.
    pub fn set_favorite(&mut self, id: i64, favorite: bool) -> Result<()> {
        self.update_article(id, "favorite = ?2", params![id, favorite])
    }

    /// The article's own note (Markdown), beside its highlights' notes.
    pub fn set_article_note(&mut self, id: i64, note: &str) -> Result<()> {
        self.update_article(id, "note = ?2", params![id, note])
    }

    fn update_article(&mut self, id: i64, assignments: &str, values: &[&dyn rusqlite::ToSql]) -> Result<()> {
        let changed = self.conn.execute(&format!("UPDATE articles SET {assignments} WHERE id = ?1 AND deleted_at IS NULL"), values)?;
        if changed == 0 {
            return Err(Error::NotFound(format!("Article {id}")));
        }
        Ok(())
    }

    /// Articles in the trash, most recently trashed first.
    pub fn list_trash(&self) -> Result<Vec<ArticleSummary>> {
        self.summaries("deleted_at IS NOT NULL", "deleted_at DESC, id DESC")
    }

    /// Take an article out of the trash, with its highlights.
    pub fn restore_article(&mut self, id: i64) -> Result<()> {
        if self.conn.execute("UPDATE articles SET deleted_at = NULL WHERE id = ?1 AND deleted_at IS NOT NULL", [id])? == 0 {
            return Err(Error::NotFound(format!("Article {id} in the trash")));
        }
        Ok(())
    }

    /// Delete everything in the trash for good (with highlights and bookmarks). The only
    /// hard delete; returns how many articles went.
    pub fn empty_trash(&mut self) -> Result<usize> {
        Ok(self.conn.execute("DELETE FROM articles WHERE deleted_at IS NOT NULL", [])?)
    }

    /// Archive (or return to the inbox) many articles in one transaction.
    pub fn set_articles_state(&mut self, ids: &[i64], state: ArticleState) -> Result<usize> {
        let tx = self.conn.transaction()?;
        let mut changed = 0;
        for id in ids {
            changed += tx.execute("UPDATE articles SET state = ?2 WHERE id = ?1 AND deleted_at IS NULL", params![id, state])?;
        }
        tx.commit()?;
        Ok(changed)
    }

    /// Move many articles to the trash in one transaction.
    pub fn trash_articles(&mut self, ids: &[i64]) -> Result<usize> {
        let tx = self.conn.transaction()?;
        let now = now_millis();
        let mut changed = 0;
        for id in ids {
            changed += tx.execute("UPDATE articles SET deleted_at = ?2 WHERE id = ?1 AND deleted_at IS NULL", params![id, now])?;
        }
        tx.commit()?;
        Ok(changed)
    }

    /// Move an article to the trash. Its highlights stay with it until the trash is emptied.
    pub fn trash_article(&mut self, id: i64) -> Result<()> {
        let changed =
            self.conn.execute("UPDATE articles SET deleted_at = ?2 WHERE id = ?1 AND deleted_at IS NULL", params![id, now_millis()])?;
        if changed == 0 {
            return Err(Error::NotFound(format!("Article {id}")));
        }
        Ok(())
    }
}

pub(crate) fn save_in(tx: &rusqlite::Transaction<'_>, article: &ImportedArticle) -> Result<SaveOutcome> {
    if let Some((id, same_text)) = find_duplicate(tx, article)? {
        tx.execute("UPDATE articles SET deleted_at = NULL WHERE id = ?1", [id])?;
        if same_text {
            return Ok(SaveOutcome::AlreadySaved { id });
        }
        replace_content_in(tx, id, article)?;
        return Ok(SaveOutcome::Updated { id });
    }
    let now = now_millis();
    tx.execute(
        "INSERT INTO articles (url, canonical_url, title, byline, site_name, lang, published_at, \
            saved_at, updated_at, word_count, reading_minutes, excerpt, content_html, content_text, \
            source_kind, content_hash) \
         VALUES (?1, ?15, ?2, ?3, ?4, ?5, ?6, ?7, ?7, ?8, ?9, ?10, lectern_pack(?11), ?12, ?13, ?14)",
        params![
            article.url,
            article.title,
            article.byline,
            article.site_name,
            article.lang,
            article.published_at,
            now,
            article.word_count,
            article.reading_minutes,
            article.excerpt,
            article.content_html,
            article.content_text,
            article.source_kind,
            article.content_hash,
            article.canonical_url,
        ],
    )?;
    Ok(SaveOutcome::Added { id: tx.last_insert_rowid() })
}

/// The article already in the library under the same address or with the same text,
/// and whether its text is the same.
fn find_duplicate(tx: &rusqlite::Transaction<'_>, article: &ImportedArticle) -> Result<Option<(i64, bool)>> {
    if let Some(url) = &article.canonical_url {
        let by_url: Option<(i64, String)> = tx
            .query_row("SELECT id, content_hash FROM articles WHERE canonical_url = ?1", [url], |r| Ok((r.get(0)?, r.get(1)?)))
            .optional()?;
        if let Some((id, hash)) = by_url {
            return Ok(Some((id, hash == article.content_hash)));
        }
    }
    let by_text: Option<i64> = tx
        .query_row(
            "SELECT id FROM articles WHERE content_hash = ?1 ORDER BY deleted_at IS NOT NULL LIMIT 1",
            [&article.content_hash],
            |r| r.get(0),
        )
        .optional()?;
    Ok(by_text.map(|id| (id, true)))
}

/// New text for an article (re-fetched or edited); its highlights follow the text. What
/// it held before is kept as a previous version, never overwritten.
fn replace_content_in(tx: &rusqlite::Transaction<'_>, id: i64, article: &ImportedArticle) -> Result<Reanchored> {
    tx.execute(
        "INSERT INTO article_versions (article_id, url, title, byline, site_name, content_html, content_text, \
            content_hash, word_count, saved_at, replaced_at) \
         SELECT id, url, title, byline, site_name, content_html, content_text, content_hash, word_count, updated_at, ?2 \
         FROM articles WHERE id = ?1",
        params![id, now_millis()],
    )?;
    tx.execute(
        "UPDATE articles SET title = ?2, byline = ?3, site_name = ?4, lang = ?5, published_at = ?6, \
            word_count = ?7, reading_minutes = ?8, excerpt = ?9, content_html = lectern_pack(?10), content_text = ?11, \
            content_hash = ?12, updated_at = ?13 WHERE id = ?1",
        params![
            id,
            article.title,
            article.byline,
            article.site_name,
            article.lang,
            article.published_at,
            article.word_count,
            article.reading_minutes,
            article.excerpt,
            article.content_html,
            article.content_text,
            article.content_hash,
            now_millis(),
        ],
    )?;
    // Its page has arrived, however it came (a download, a re-save, the browser): no
    // failed download to report any more.
    tx.execute("DELETE FROM link_downloads WHERE article_id = ?1", [id])?;
    Library::reanchor_highlights(tx, id, &article.content_text)
}

/// An article brought from another app keeps where it was there: its state, how far it
/// was read and when it was saved.
pub(crate) fn set_history(tx: &rusqlite::Transaction<'_>, id: i64, state: ArticleState, progress: f64, saved_at: i64) -> Result<()> {
    tx.execute(
        "UPDATE articles SET state = ?2, read_progress = ?3, saved_at = ?4 WHERE id = ?1",
        params![id, state, progress.clamp(0.0, 1.0), saved_at],
    )?;
    Ok(())
}

/// Merge what another app knew of an article already here: its note (only when ours is
/// empty, so nothing written here is overwritten) and its star.
pub(crate) fn merge_note_and_star(tx: &rusqlite::Transaction<'_>, id: i64, note: Option<&str>, favorite: bool) -> Result<()> {
    if let Some(note) = note {
        tx.execute("UPDATE articles SET note = ?2 WHERE id = ?1 AND note = ''", params![id, note])?;
    }
    if favorite {
        tx.execute("UPDATE articles SET favorite = 1 WHERE id = ?1", [id])?;
    }
    Ok(())
}

/// An article's summary from a row that starts with `summary_columns()`. Read by
/// position: a name is looked up through every column of the row, each time.
pub(crate) fn summary_from_row(row: &Row<'_>) -> rusqlite::Result<ArticleSummary> {
    Ok(ArticleSummary {
        id: row.get(0)?,
        title: row.get(1)?,
        byline: row.get(2)?,
        site_name: row.get(3)?,
        url: row.get(4)?,
        excerpt: row.get(5)?,
        word_count: row.get(6)?,
        reading_minutes: row.get(7)?,
        saved_at: row.get(8)?,
        published_at: row.get(9)?,
        state: row.get(10)?,
        favorite: row.get(11)?,
        read_progress: row.get(12)?,
        source_kind: row.get(13)?,
        tags: super::tags::split_tags(row.get(14)?),
        link_only: row.get(15)?,
        download_error: row.get(16)?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// How SQLite would run a shelf's page: its query plan, one step a line.
    fn plan(library: &Library, query: &ArticleQuery) -> Vec<String> {
        let filter = shelf_filter(query);
        let sql = format!("SELECT a.id FROM articles a WHERE {} ORDER BY {} LIMIT 100", filter.sql(0), query.sort.sql());
        crate::library::query_plan(&library.conn, &sql, filter.values(&[]).as_slice())
    }

    #[test]
    fn every_order_of_every_shelf_walks_an_index_instead_of_sorting_the_shelf() {
        let dir = tempfile::tempdir().unwrap();
        let library = Library::open(&dir.path().join("library.sqlite3")).unwrap();
        for shelf in [Shelf::Inbox, Shelf::Archive, Shelf::All] {
            for sort in SortOrder::ALL {
                let steps = plan(&library, &ArticleQuery { shelf, sort, ..Default::default() });
                // Ties broken by id may still be sorted among themselves ("RIGHT PART").
                assert!(!steps.iter().any(|step| step == "USE TEMP B-TREE FOR ORDER BY"), "{shelf:?} by {sort:?}: {steps:?}");
            }
        }
    }
}
