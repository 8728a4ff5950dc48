//! Highlights and their notes.

use rusqlite::{OptionalExtension, Row, params};
use serde::{Deserialize, Serialize};

use super::anchor::{self, Anchored, Selector, Text};
use crate::error::{Error, Result};
use crate::library::{Library, now_millis};
use crate::sql::{Filter, text_enum, value};

/// Highlight colours, by name (the UI maps each to a colour per theme).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub enum HighlightColor {
    /// The default colour.
    Yellow,
    /// Green.
    Green,
    /// Blue.
    Blue,
    /// Pink.
    Pink,
    /// Purple.
    Purple,
}

text_enum!(HighlightColor { Yellow => "yellow", Green => "green", Blue => "blue", Pink => "pink", Purple => "purple" });

/// A highlighted passage, with its note.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct Highlight {
    /// The highlight's id.
    pub id: i64,
    /// The article it is in.
    pub article_id: i64,
    /// Its colour.
    pub color: HighlightColor,
    /// Where it is: offsets (UTF-16 units) into the article text, and the quote.
    pub selector: Selector,
    /// Markdown.
    pub note: String,
    /// The note rendered to sanitized HTML, for display (recomputed on every read).
    #[serde(default)]
    pub note_html: String,
    /// The quote could not be found in the current text: shown apart, never dropped.
    pub orphaned: bool,
    /// When it was made (unix milliseconds).
    pub created_at: i64,
    /// When its colour, note or ends last changed (unix milliseconds).
    pub updated_at: i64,
}

/// A new highlight as the reader selected it.
#[derive(Debug, Clone, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct NewHighlight {
    /// Where the selection starts (UTF-16 offset into the article text).
    pub start: u32,
    /// Where it ends (exclusive).
    pub end: u32,
    /// The selected text as the webview saw it: must equal the stored text there.
    pub exact: String,
    /// The colour chosen.
    pub color: HighlightColor,
    /// A note written at once (Markdown), if any.
    pub note: Option<String>,
}

/// Which highlights the library-wide view shows. Every field narrows the list.
#[derive(Debug, Clone, Default, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase", default)]
pub struct HighlightFilter {
    /// Only these colours (all when empty).
    pub colors: Vec<HighlightColor>,
    /// Only this article's highlights.
    pub article_id: Option<i64>,
    /// Created at or after (unix milliseconds).
    pub since: Option<i64>,
    /// Only highlights in articles with this tag.
    pub tag: Option<String>,
    /// How many to return (200 when absent).
    pub limit: Option<u32>,
    /// How many to skip, for the next page.
    pub offset: Option<u32>,
}

/// A highlight with the article it belongs to, for the library-wide view.
#[derive(Debug, Clone, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct HighlightInLibrary {
    /// The highlight.
    pub highlight: Highlight,
    /// Its article's title.
    pub article_title: String,
    /// Its article's site, when known.
    pub site_name: Option<String>,
}

const DEFAULT_PAGE: u32 = 200;

const COLUMNS: &str = r#"id, article_id, color, start, "end", exact, prefix, suffix, note, orphaned, created_at, updated_at"#;

impl Library {
    /// Highlight a passage the reader selected; the quote is checked against the text.
    pub fn add_highlight(&mut self, article_id: i64, new: &NewHighlight) -> Result<Highlight> {
        let selector = self.selector_for(article_id, new.start, new.end, &new.exact)?;
        let stored = StoredHighlight::new(&selector, new.color, new.note.as_deref().unwrap_or(""), now_millis());
        let id = insert_highlight(&self.conn, article_id, &stored)?;
        self.highlight(id)
    }

    /// The highlights of an article, in reading order; orphaned ones last.
    pub fn highlights_for(&self, article_id: i64) -> Result<Vec<Highlight>> {
        let mut statement = self
            .conn
            .prepare_cached(&format!(r#"SELECT {COLUMNS} FROM highlights WHERE article_id = ?1 ORDER BY orphaned, start, "end", id"#))?;
        let rows = statement.query_map([article_id], highlight_from_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Highlights across the library, newest first, narrowed by `filter` (articles in
    /// the trash are left out).
    pub fn all_highlights(&self, filter: &HighlightFilter) -> Result<Vec<HighlightInLibrary>> {
        let mut conditions = Filter::new();
        conditions.and("a.deleted_at IS NULL");
        if !filter.colors.is_empty() {
            let marks = vec!["?"; filter.colors.len()].join(", ");
            conditions.and_with(&format!("h.color IN ({marks})"), filter.colors.iter().map(|c| value(*c)));
        }
        if let Some(article_id) = filter.article_id {
            conditions.and_with("h.article_id = ?", [value(article_id)]);
        }
        if let Some(since) = filter.since {
            conditions.and_with("h.created_at >= ?", [value(since)]);
        }
        if let Some(tag) = &filter.tag {
            conditions.and_with(
                "h.article_id IN (SELECT at.article_id FROM article_tags at JOIN tags t ON t.id = at.tag_id WHERE t.name = ?)",
                [value(tag.clone())],
            );
        }
        let (limit, offset) = (filter.limit.unwrap_or(DEFAULT_PAGE), filter.offset.unwrap_or(0));
        let columns = COLUMNS.split(", ").map(|c| format!("h.{c}")).collect::<Vec<_>>().join(", ");
        // Highlights drive the join, newest first along their index, stopping at the page:
        // left to itself the planner started from the articles and sorted all 100,000
        // highlights of a large library for every page (320 ms; this way under 1 ms).
        let sql = format!(
            "SELECT {columns}, a.title AS article_title, a.site_name AS article_site FROM highlights h \
             CROSS JOIN articles a ON a.id = h.article_id WHERE {} ORDER BY h.created_at DESC, h.id DESC LIMIT ?1 OFFSET ?2",
            conditions.sql(2)
        );
        let mut statement = self.conn.prepare(&sql)?;
        let rows = statement.query_map(conditions.values(&[&limit, &offset]).as_slice(), |row| {
            Ok(HighlightInLibrary {
                highlight: highlight_from_row(row)?,
                article_title: row.get("article_title")?,
                site_name: row.get("article_site")?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// One highlight by id.
    pub fn highlight(&self, id: i64) -> Result<Highlight> {
        self.conn
            .query_row(&format!("SELECT {COLUMNS} FROM highlights WHERE id = ?1"), [id], highlight_from_row)
            .optional()?
            .ok_or_else(|| Error::NotFound(format!("Highlight {id}")))
    }

    /// Change a highlight's colour.
    pub fn set_highlight_color(&mut self, id: i64, color: HighlightColor) -> Result<Highlight> {
        self.touch_highlight(id, "color = ?2", &color)
    }

    /// Replace a highlight's note (Markdown; empty removes it).
    pub fn set_highlight_note(&mut self, id: i64, note: &str) -> Result<Highlight> {
        self.touch_highlight(id, "note = ?2", &note)
    }

    /// Move a highlight's ends (the reader dragged them); it is anchored again if it was orphaned.
    pub fn set_highlight_range(&mut self, id: i64, start: u32, end: u32, exact: &str) -> Result<Highlight> {
        let article_id = self.highlight(id)?.article_id;
        let selector = self.selector_for(article_id, start, end, exact)?;
        self.conn.execute(
            r#"UPDATE highlights SET start = ?2, "end" = ?3, exact = ?4, prefix = ?5, suffix = ?6, orphaned = 0, updated_at = ?7 WHERE id = ?1"#,
            params![id, selector.start, selector.end, selector.exact, selector.prefix, selector.suffix, now_millis()],
        )?;
        self.highlight(id)
    }

    /// Delete a highlight and return it, so the UI can offer to undo.
    pub fn delete_highlight(&mut self, id: i64) -> Result<Highlight> {
        let highlight = self.highlight(id)?;
        self.conn.execute("DELETE FROM highlights WHERE id = ?1", [id])?;
        Ok(highlight)
    }

    /// Undo a delete: the highlight comes back as it was, with its id.
    pub fn restore_highlight(&mut self, highlight: &Highlight) -> Result<Highlight> {
        let stored = StoredHighlight {
            id: Some(highlight.id),
            orphaned: highlight.orphaned,
            updated_at: highlight.updated_at,
            ..StoredHighlight::new(&highlight.selector, highlight.color, &highlight.note, highlight.created_at)
        };
        insert_highlight(&self.conn, highlight.article_id, &stored)?;
        self.highlight(highlight.id)
    }

    /// After an article's text changed: find every highlight again, or mark it orphaned.
    pub(crate) fn reanchor_highlights(tx: &rusqlite::Transaction<'_>, article_id: i64, new_text: &str) -> Result<Reanchored> {
        let text = Text::new(new_text);
        let highlights: Vec<Highlight> = {
            let mut statement = tx.prepare(&format!("SELECT {COLUMNS} FROM highlights WHERE article_id = ?1"))?;
            statement.query_map([article_id], highlight_from_row)?.collect::<rusqlite::Result<_>>()?
        };
        let mut counts = Reanchored::default();
        for highlight in highlights {
            let found = match anchor::anchor(&text, &highlight.selector) {
                Anchored::InPlace => Some((highlight.selector.start, highlight.selector.end)),
                Anchored::Moved { start, end } | Anchored::Fuzzy { start, end, .. } => Some((start, end)),
                Anchored::Orphaned => None,
            };
            match found.and_then(|(s, e)| text.describe(s as usize, e as usize)) {
                Some(selector) => {
                    let in_place = (selector.start, selector.end) == (highlight.selector.start, highlight.selector.end);
                    *(if in_place { &mut counts.in_place } else { &mut counts.moved }) += 1;
                    tx.execute(
                        r#"UPDATE highlights SET start = ?2, "end" = ?3, exact = ?4, prefix = ?5, suffix = ?6, orphaned = 0 WHERE id = ?1"#,
                        params![highlight.id, selector.start, selector.end, selector.exact, selector.prefix, selector.suffix],
                    )?
                }
                None => {
                    log::info!("highlight {} lost its anchor; kept as orphaned", highlight.id);
                    counts.orphaned += 1;
                    tx.execute("UPDATE highlights SET orphaned = 1 WHERE id = ?1", [highlight.id])?
                }
            };
        }
        Ok(counts)
    }

    /// The selector for a range of an article's stored text, checked against what the UI saw.
    fn selector_for(&self, article_id: i64, start: u32, end: u32, exact: &str) -> Result<Selector> {
        let text = Text::new(&self.article_text(article_id)?);
        let selector = text
            .describe(start as usize, end as usize)
            .ok_or_else(|| Error::InvalidInput("That selection is empty or outside the article.".into()))?;
        if selector.exact != exact {
            return Err(Error::InvalidInput("The selection does not match the article's text; reopen the article and try again.".into()));
        }
        Ok(selector)
    }

    fn touch_highlight(&mut self, id: i64, assignment: &str, value: &dyn rusqlite::ToSql) -> Result<Highlight> {
        let changed = self
            .conn
            .execute(&format!("UPDATE highlights SET {assignment}, updated_at = ?3 WHERE id = ?1"), params![id, value, now_millis()])?;
        if changed == 0 {
            return Err(Error::NotFound(format!("Highlight {id}")));
        }
        self.highlight(id)
    }
}

fn highlight_from_row(row: &Row<'_>) -> rusqlite::Result<Highlight> {
    Ok(Highlight {
        id: row.get("id")?,
        article_id: row.get("article_id")?,
        color: row.get("color")?,
        selector: Selector {
            start: row.get("start")?,
            end: row.get("end")?,
            exact: row.get("exact")?,
            prefix: row.get("prefix")?,
            suffix: row.get("suffix")?,
        },
        note_html: render_note(&row.get::<_, String>("note")?),
        note: row.get("note")?,
        orphaned: row.get("orphaned")?,
        created_at: row.get("created_at")?,
        updated_at: row.get("updated_at")?,
    })
}

/// Where an article's highlights went when its text changed. None is ever deleted: one
/// that is not found is kept, orphaned, with its quote and note.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct Reanchored {
    /// Found where they were.
    pub in_place: u32,
    /// Found elsewhere in the new text (or a close match).
    pub moved: u32,
    /// Not found: kept with their quote, shown apart.
    pub orphaned: u32,
}

/// A highlight as it is written to the library.
pub(crate) struct StoredHighlight<'a> {
    /// Kept when a highlight comes back (undo, a Lectern export); new ones get the next id.
    pub id: Option<i64>,
    pub selector: &'a Selector,
    pub color: HighlightColor,
    pub note: &'a str,
    /// Not (yet) found in the article's text: kept with its quote.
    pub orphaned: bool,
    pub created_at: i64,
    pub updated_at: i64,
}

impl<'a> StoredHighlight<'a> {
    /// A highlight made now or brought from elsewhere, found at `selector`.
    pub fn new(selector: &'a Selector, color: HighlightColor, note: &'a str, created_at: i64) -> StoredHighlight<'a> {
        StoredHighlight { id: None, selector, color, note, orphaned: false, created_at, updated_at: created_at }
    }
}

/// The one INSERT of a highlight: new ones, undone deletes, and those brought from
/// other apps or a Lectern export.
pub(crate) fn insert_highlight(conn: &rusqlite::Connection, article_id: i64, highlight: &StoredHighlight<'_>) -> Result<i64> {
    let selector = highlight.selector;
    let mut statement = conn.prepare_cached(
        r#"INSERT INTO highlights (id, article_id, color, start, "end", exact, prefix, suffix, note, orphaned, created_at, updated_at)
           VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)"#,
    )?;
    statement.execute(params![
        highlight.id,
        article_id,
        highlight.color,
        selector.start,
        selector.end,
        selector.exact,
        selector.prefix,
        selector.suffix,
        highlight.note,
        highlight.orphaned,
        highlight.created_at,
        highlight.updated_at
    ])?;
    Ok(conn.last_insert_rowid())
}

/// Notes are Markdown; rendered here, sanitized like article content.
pub fn render_note(markdown: &str) -> String {
    if markdown.trim().is_empty() {
        return String::new();
    }
    let mut html = String::new();
    let parser =
        pulldown_cmark::Parser::new_ext(markdown, pulldown_cmark::Options::ENABLE_STRIKETHROUGH | pulldown_cmark::Options::ENABLE_TABLES);
    pulldown_cmark::html::push_html(&mut html, parser);
    match crate::import::limits::flatten_deep_nesting(&html) {
        Ok(flat) => images_as_alt_text(&crate::import::sanitize::sanitize(&flat)),
        // A note too large to render as HTML is still kept, and shown as its text.
        Err(_) => html_escape::encode_text(markdown).into_owned(),
    }
}

/// A note's images would be loaded from the network while reading (articles embed theirs
/// at import; notes have no import step): each is shown as its alt text instead.
fn images_as_alt_text(html: &str) -> String {
    if !html.contains("<img") {
        return html.to_string();
    }
    let document = dom_query::Document::fragment(html);
    for image in document.select("img").nodes() {
        let alt = image.attr("alt").map(|a| a.to_string()).unwrap_or_default();
        image.replace_with_html(html_escape::encode_text(&alt).as_ref());
    }
    document.select("html").inner_html().to_string()
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_note_never_loads_an_image_it_shows_the_alt_text() {
        let html = super::render_note("See ![the <chart>](https://example.com/beacon.png) here");
        assert!(!html.contains("<img") && !html.contains("beacon"), "{html}");
        assert!(html.contains("the &lt;chart&gt;"), "{html}");
    }

    #[test]
    fn notes_render_markdown_without_scripts() {
        let html = super::render_note("The **key** claim <script>alert(1)</script> [src](javascript:alert(2))");
        assert!(html.contains("<strong>key</strong>"), "{html}");
        assert!(!html.contains("script") && !html.contains("javascript"), "{html}");
        assert_eq!(super::render_note("  "), "");
    }
}
