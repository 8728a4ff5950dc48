//! Lectern's own JSON export: everything the library holds (articles with their HTML
//! and text, highlights with both selectors, notes, bookmarks, tags, states, dates, the
//! trash, previous versions) in a versioned, documented shape. Imported into an empty
//! library it reproduces the library exactly, ids included; into one that already has
//! articles, it merges like any other app's export (by address or text, highlights
//! anchored by their quote).

use rusqlite::{Connection, Row, params};
use serde::{Deserialize, Serialize};

use super::{Foreign, ForeignArticle, ForeignContent, ForeignHighlight, Format};
use crate::annotate::HighlightColor;
use crate::annotate::anchor::Selector;
use crate::annotate::bookmarks::insert_bookmark;
use crate::annotate::highlights::{StoredHighlight, insert_highlight};
use crate::error::{Error, Result};
use crate::import::SourceKind;
use crate::library::{ArticleState, Library, now_millis};

/// Written in every export; a newer version is refused rather than half read.
pub const FORMAT_NAME: &str = "lectern-library";
/// The version of the format written; a newer one is refused rather than half read.
pub const FORMAT_VERSION: u32 = 1;

/// A whole library (or a selection) as one JSON file, restored exactly into a new library.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct LibraryExport {
    /// Always "lectern-library".
    pub format: String,
    /// The format version (see `FORMAT_VERSION`).
    pub version: u32,
    /// Unix milliseconds.
    pub exported_at: i64,
    /// Every article, trash included, with its highlights, bookmarks and tags.
    pub articles: Vec<ArticleExport>,
    /// Seeds already offered to this library (so a deleted seed stays deleted).
    pub seed_imports: Vec<String>,
    /// The reader settings when the export was made (absent in a selection exported from
    /// lectern-cli without them); restored with the library into a new one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub settings: Option<crate::settings::Settings>,
}

/// One article. Times are unix milliseconds; offsets count UTF-16 code units of `contentText`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ArticleExport {
    /// The article's id in the library exported.
    pub id: i64,
    /// Its address.
    pub url: Option<String>,
    /// Where it says it really lives.
    pub canonical_url: Option<String>,
    /// Its title.
    pub title: String,
    /// Its author.
    pub byline: Option<String>,
    /// Its site's name.
    pub site_name: Option<String>,
    /// Its language (BCP 47).
    pub lang: Option<String>,
    /// The publication date as the page gave it.
    pub published_at: Option<String>,
    /// When it was saved (unix milliseconds).
    pub saved_at: i64,
    /// When it last changed (unix milliseconds).
    pub updated_at: i64,
    /// Words in its text.
    pub word_count: i64,
    /// Minutes to read it.
    pub reading_minutes: i64,
    /// The first words of its text.
    pub excerpt: String,
    /// Sanitized HTML, images embedded as data: URIs.
    pub content_html: String,
    /// The article text the highlights' offsets count in.
    pub content_text: String,
    /// Where it came from.
    pub source_kind: SourceKind,
    /// The fingerprint of its text (recognises it on import).
    pub content_hash: String,
    /// "inbox" or "archive".
    pub state: ArticleState,
    /// Starred.
    pub favorite: bool,
    /// 0..=1.
    pub read_progress: f64,
    /// Where the reader was (UTF-16 offset into the text).
    pub last_position: i64,
    /// Markdown.
    pub note: String,
    /// Set when the article is in the trash.
    pub deleted_at: Option<i64>,
    /// Its tags.
    pub tags: Vec<String>,
    /// Its highlights.
    pub highlights: Vec<HighlightExport>,
    /// Its bookmarks.
    pub bookmarks: Vec<BookmarkExport>,
}

/// A highlight in the export.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct HighlightExport {
    /// Its id in the library exported.
    pub id: i64,
    /// yellow, green, blue, pink or purple.
    pub color: HighlightColor,
    /// TextPositionSelector (UTF-16 code units of the article text, end exclusive).
    pub start: i64,
    /// Where it ends (exclusive).
    pub end: i64,
    /// TextQuoteSelector.
    pub exact: String,
    /// Text just before the quote.
    pub prefix: String,
    /// Text just after the quote.
    pub suffix: String,
    /// Markdown.
    pub note: String,
    /// Not found in the article's current text; kept with its quote.
    pub orphaned: bool,
    /// When it was made (unix milliseconds).
    pub created_at: i64,
    /// When it last changed (unix milliseconds).
    pub updated_at: i64,
}

/// A bookmark in the export.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct BookmarkExport {
    /// Its id in the library exported.
    pub id: i64,
    /// Offset into the article text.
    pub position: i64,
    /// The reader's name for it.
    pub label: String,
    /// When it was made (unix milliseconds).
    pub created_at: i64,
}

const ARTICLE_COLUMNS: &str = "id, url, canonical_url, title, byline, site_name, lang, published_at, saved_at, updated_at, \
    word_count, reading_minutes, excerpt, content_html, content_text, source_kind, content_hash, state, favorite, \
    read_progress, last_position, note, deleted_at";

impl Library {
    /// Everything in the library, trash included, in the export shape.
    pub fn export_json(&self) -> Result<LibraryExport> {
        self.export_json_of(&[])
    }

    /// Articles `ids` (everything, trash included, when empty) in the export shape.
    pub fn export_json_of(&self, ids: &[i64]) -> Result<LibraryExport> {
        // Ids are integers: listing them in the SQL cannot inject anything.
        let only = if ids.is_empty() {
            String::new()
        } else {
            format!("WHERE id IN ({})", ids.iter().map(i64::to_string).collect::<Vec<_>>().join(","))
        };
        // The export carries HTML, not the library's packed form of it.
        let columns = ARTICLE_COLUMNS.replacen("content_html", "lectern_unpack(content_html)", 1);
        let mut statement = self.conn.prepare(&format!("SELECT {columns} FROM articles {only} ORDER BY id"))?;
        let mut articles: Vec<ArticleExport> = statement.query_map([], article_from_row)?.collect::<rusqlite::Result<_>>()?;
        for article in &mut articles {
            article.tags = strings(
                &self.conn,
                "SELECT t.name FROM article_tags at JOIN tags t ON t.id = at.tag_id WHERE at.article_id = ?1 ORDER BY t.name",
                article.id,
            )?;
            let mut highlights = self.conn.prepare_cached(
                r#"SELECT id, color, start, "end", exact, prefix, suffix, note, orphaned, created_at, updated_at FROM highlights WHERE article_id = ?1 ORDER BY id"#,
            )?;
            article.highlights = highlights.query_map([article.id], highlight_from_row)?.collect::<rusqlite::Result<_>>()?;
            let mut bookmarks =
                self.conn.prepare_cached("SELECT id, position, label, created_at FROM bookmarks WHERE article_id = ?1 ORDER BY id")?;
            article.bookmarks = bookmarks
                .query_map([article.id], |r| {
                    Ok(BookmarkExport { id: r.get(0)?, position: r.get(1)?, label: r.get(2)?, created_at: r.get(3)? })
                })?
                .collect::<rusqlite::Result<_>>()?;
        }
        let seed_imports = {
            let mut statement = self.conn.prepare("SELECT name FROM seed_imports ORDER BY name")?;
            statement.query_map([], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?
        };
        Ok(LibraryExport {
            format: FORMAT_NAME.into(),
            version: FORMAT_VERSION,
            exported_at: now_millis(),
            articles,
            seed_imports,
            settings: None,
        })
    }

    /// Put an export back into a library that has no articles yet, exactly as it was.
    pub fn restore_json(&mut self, export: &LibraryExport) -> Result<usize> {
        let tx = self.conn.transaction()?;
        let existing: i64 = tx.query_row("SELECT count(*) FROM articles", [], |r| r.get(0))?;
        if existing > 0 {
            return Err(Error::InvalidInput("A Lectern export is restored into an empty library; this one has articles.".into()));
        }
        for article in &export.articles {
            insert_article(&tx, article)?;
        }
        for name in &export.seed_imports {
            tx.execute("INSERT OR IGNORE INTO seed_imports (name, imported_at) VALUES (?1, ?2)", params![name, export.exported_at])?;
        }
        tx.commit()?;
        Ok(export.articles.len())
    }
}

fn strings(conn: &Connection, sql: &str, id: i64) -> Result<Vec<String>> {
    let mut statement = conn.prepare_cached(sql)?;
    Ok(statement.query_map([id], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?)
}

fn article_from_row(r: &Row<'_>) -> rusqlite::Result<ArticleExport> {
    Ok(ArticleExport {
        id: r.get(0)?,
        url: r.get(1)?,
        canonical_url: r.get(2)?,
        title: r.get(3)?,
        byline: r.get(4)?,
        site_name: r.get(5)?,
        lang: r.get(6)?,
        published_at: r.get(7)?,
        saved_at: r.get(8)?,
        updated_at: r.get(9)?,
        word_count: r.get(10)?,
        reading_minutes: r.get(11)?,
        excerpt: r.get(12)?,
        content_html: r.get(13)?,
        content_text: r.get(14)?,
        source_kind: r.get(15)?,
        content_hash: r.get(16)?,
        state: r.get(17)?,
        favorite: r.get(18)?,
        read_progress: r.get(19)?,
        last_position: r.get(20)?,
        note: r.get(21)?,
        deleted_at: r.get(22)?,
        tags: Vec::new(),
        highlights: Vec::new(),
        bookmarks: Vec::new(),
    })
}

fn highlight_from_row(r: &Row<'_>) -> rusqlite::Result<HighlightExport> {
    Ok(HighlightExport {
        id: r.get(0)?,
        color: r.get(1)?,
        start: r.get(2)?,
        end: r.get(3)?,
        exact: r.get(4)?,
        prefix: r.get(5)?,
        suffix: r.get(6)?,
        note: r.get(7)?,
        orphaned: r.get(8)?,
        created_at: r.get(9)?,
        updated_at: r.get(10)?,
    })
}

fn insert_article(tx: &rusqlite::Transaction<'_>, a: &ArticleExport) -> Result<()> {
    tx.execute(
        &format!("INSERT INTO articles ({ARTICLE_COLUMNS}) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, lectern_pack(?14), ?15, ?16, ?17, ?18, ?19, ?20, ?21, ?22, ?23)"),
        params![
            a.id, a.url, a.canonical_url, a.title, a.byline, a.site_name, a.lang, a.published_at, a.saved_at, a.updated_at,
            a.word_count, a.reading_minutes, a.excerpt, a.content_html, a.content_text, a.source_kind, a.content_hash, a.state,
            a.favorite, a.read_progress, a.last_position, a.note, a.deleted_at
        ],
    )?;
    for tag in &a.tags {
        crate::library::tag_in(tx, a.id, tag)?;
    }
    for h in &a.highlights {
        let offset =
            |at: i64| u32::try_from(at).map_err(|_| Error::InvalidInput(format!("Highlight {} has an impossible position, {at}.", h.id)));
        let selector = Selector {
            start: offset(h.start)?,
            end: offset(h.end)?,
            exact: h.exact.clone(),
            prefix: h.prefix.clone(),
            suffix: h.suffix.clone(),
        };
        let stored = StoredHighlight {
            id: Some(h.id),
            orphaned: h.orphaned,
            updated_at: h.updated_at,
            ..StoredHighlight::new(&selector, h.color, &h.note, h.created_at)
        };
        insert_highlight(tx, a.id, &stored)?;
    }
    for b in &a.bookmarks {
        insert_bookmark(tx, Some(b.id), a.id, b.position, &b.label, b.created_at)?;
    }
    Ok(())
}

/// Read a Lectern export (refusing a newer version of the format).
pub fn read(bytes: &[u8]) -> Result<LibraryExport> {
    let export: LibraryExport = serde_json::from_slice(bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(bytes))
        .map_err(|e| Error::InvalidInput(format!("This Lectern export cannot be read: {e}")))?;
    if export.format != FORMAT_NAME || export.version > FORMAT_VERSION {
        return Err(Error::InvalidInput(format!(
            "This export is {} version {}; this Lectern reads {FORMAT_NAME} up to version {FORMAT_VERSION}.",
            export.format, export.version
        )));
    }
    Ok(export)
}

/// The export as another app's, for merging into a library that already has articles:
/// articles not in the trash, with their saved HTML, and highlights by their quote.
pub fn to_foreign(export: &LibraryExport) -> Foreign {
    let articles = export
        .articles
        .iter()
        .filter(|a| a.deleted_at.is_none())
        .enumerate()
        .map(|(i, a)| ForeignArticle {
            line: i as u32 + 1,
            url: a.url.clone(),
            title: a.title.clone(),
            author: a.byline.clone(),
            tags: a.tags.clone(),
            archived: a.state == ArticleState::Archive,
            favorite: a.favorite,
            progress: Some(a.read_progress),
            saved_at: Some(a.saved_at),
            published_at: a.published_at.clone(),
            content: Some(ForeignContent::Html(a.content_html.clone())),
            note: (!a.note.is_empty()).then(|| a.note.clone()),
            highlights: a
                .highlights
                .iter()
                .map(|h| ForeignHighlight {
                    quote: h.exact.clone(),
                    note: (!h.note.is_empty()).then(|| h.note.clone()),
                    color: Some(h.color),
                    created_at: Some(h.created_at),
                    prefix: h.prefix.clone(),
                    suffix: h.suffix.clone(),
                })
                .collect(),
        })
        .collect();
    Foreign { format: Format::LecternJson, articles, problems: Vec::new(), exact: None }
}
