//! Full-text search over articles (title, byline, site, text) and highlights (quote,
//! note): SQLite FTS5 ranked by bm25, a trigram index for languages without spaces,
//! results grouped by article with marked snippets and the place of the first match.

pub mod query;

use std::collections::HashMap;

use rusqlite::{Row, ToSql};
use serde::Serialize;

pub use query::Query;

use crate::annotate::HighlightColor;
use crate::error::{Error, Result};
use crate::library::{ArticleSummary, Library};

/// Around each match in a snippet: private-use characters no article contains, so the
/// UI can build <mark> elements itself and never parse a snippet as HTML.
pub const MATCH_START: char = '\u{E000}';
pub const MATCH_END: char = '\u{E001}';

const SNIPPET_TOKENS: u32 = 18;
const DEFAULT_LIMIT: u32 = 50;

/// The longest query and the most words and filters it may hold: far beyond what
/// anyone types, and small enough that no query can hold the library for long.
pub const MAX_QUERY_CHARS: usize = 500;
pub const MAX_QUERY_PARTS: usize = 32;

/// A search that runs longer than this is stopped (SQLite's progress handler), so no
/// query can keep the library from the rest of the app.
const SEARCH_TIME: std::time::Duration = std::time::Duration::from_secs(3);

#[derive(Debug, Clone, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct SearchResults {
    pub hits: Vec<SearchHit>,
    /// Filters in the query that were not understood (shown to the user).
    pub unknown_filters: Vec<String>,
}

#[derive(Debug, Clone, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct SearchHit {
    pub article: ArticleSummary,
    /// Text around the best match, matches between MATCH_START and MATCH_END.
    pub snippet: Option<String>,
    /// Where the first match is (UTF-16 offset into the article text), to open it there.
    pub position: Option<u32>,
    pub highlights: Vec<HighlightMatch>,
}

#[derive(Debug, Clone, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct HighlightMatch {
    pub highlight_id: i64,
    pub color: HighlightColor,
    pub position: u32,
    pub snippet: String,
}

impl Library {
    /// Check that every full-text index agrees exactly with the tables it indexes.
    pub fn check_search_index(&self) -> Result<()> {
        for table in ["articles_fts", "articles_trigram", "highlights_fts"] {
            self.conn.execute(&format!("INSERT INTO {table}({table}) VALUES ('integrity-check')"), [])?;
        }
        Ok(())
    }

    /// Search the library (articles in the trash are left out).
    pub fn search(&self, input: &str, limit: Option<u32>) -> Result<SearchResults> {
        let query = checked_query(input)?;
        let deadline = std::time::Instant::now() + SEARCH_TIME;
        self.conn.progress_handler(10_000, Some(move || std::time::Instant::now() > deadline))?;
        let results = self.run_search(query, limit);
        self.conn.progress_handler(0, None::<fn() -> bool>)?;
        results.map_err(|error| match error {
            Error::Database(e) if e.sqlite_error_code() == Some(rusqlite::ErrorCode::OperationInterrupted) => Error::InvalidInput(format!(
                "This search took longer than {} seconds and was stopped. Try fewer or more specific words.",
                SEARCH_TIME.as_secs()
            )),
            other => other,
        })
    }

    fn run_search(&self, query: Query, limit: Option<u32>) -> Result<SearchResults> {
        let limit = limit.unwrap_or(DEFAULT_LIMIT);
        let mut hits = self.article_hits(&query, limit)?;
        let highlight_hits = self.highlight_hits(&query)?;
        // Articles found only through their highlights: fetched (and filtered) in one query.
        let found: std::collections::HashSet<i64> = hits.iter().map(|h| h.article.id).collect();
        let mut others: Vec<i64> = Vec::new();
        for (article_id, _) in &highlight_hits {
            if !found.contains(article_id) && !others.contains(article_id) && others.len() < limit as usize {
                others.push(*article_id);
            }
        }
        let mut extra = self.filtered_summaries(&query, &others)?;
        for id in &others {
            if let Some(article) = extra.remove(id) {
                hits.push(SearchHit { article, snippet: None, position: None, highlights: Vec::new() });
            }
        }
        let index: HashMap<i64, usize> = hits.iter().enumerate().map(|(i, h)| (h.article.id, i)).collect();
        for (article_id, matched) in highlight_hits {
            if let Some(&i) = index.get(&article_id) {
                hits[i].position.get_or_insert(matched.position);
                hits[i].highlights.push(matched);
            }
        }
        hits.truncate(limit as usize);
        Ok(SearchResults { hits, unknown_filters: query.unknown })
    }

    // The full-text table always drives these joins (CROSS JOIN fixes the order): left to
    // itself the planner sometimes scanned every article and probed the index per row,
    // 20x slower at 10,000 articles.
    fn article_hits(&self, query: &Query, limit: u32) -> Result<Vec<SearchHit>> {
        let words = fts_expression(query.positive_terms().filter(|t| !needs_trigram(&t.text)));
        // With words to match, exclusions go inside the FTS expression (NOT), which is far
        // cheaper than a NOT IN over the index; without, they become conditions.
        let mut conditions = Conditions::for_articles(query, words.is_none());
        let words = words.map(|expression| {
            query.terms.iter().filter(|t| t.excluded).fold(expression, |e, t| format!("{e} NOT {}", fts_phrase(&t.text)))
        });
        let trigram: Vec<&str> = query.positive_terms().filter(|t| needs_trigram(&t.text)).map(|t| t.text.as_str()).collect();
        for text in &trigram {
            conditions.trigram(text);
        }
        let columns = format!("{}, a.content_text", crate::library::summary_columns());
        let (sql, mut values) = match &words {
            Some(expression) => (
                format!(
                    "SELECT {columns}, snippet(articles_fts, -1, '{MATCH_START}', '{MATCH_END}', '…', {SNIPPET_TOKENS}) AS snippet \
                     FROM articles_fts CROSS JOIN articles a ON a.id = articles_fts.rowid \
                     WHERE articles_fts MATCH ?1 AND {} ORDER BY bm25(articles_fts, 10.0, 3.0, 3.0, 1.0) LIMIT {limit}",
                    conditions.sql()
                ),
                vec![Box::new(expression.clone()) as Box<dyn ToSql>],
            ),
            None => (
                format!("SELECT {columns}, NULL AS snippet FROM articles a WHERE {} ORDER BY a.saved_at DESC LIMIT {limit}", conditions.sql()),
                Vec::new(),
            ),
        };
        let offset = values.len();
        values.extend(conditions.values);
        let sql = renumber(&sql, offset);
        let mut statement = self.conn.prepare(&sql)?;
        let rows = statement.query_map(rusqlite::params_from_iter(values.iter()), |row| {
            let text: String = row.get("content_text")?;
            let snippet: Option<String> = row.get("snippet")?;
            Ok((crate::library::summary_from_row(row)?, text, snippet))
        })?;
        let first_terms: Vec<String> = query.positive_terms().map(|t| t.text.clone()).collect();
        let mut hits = Vec::new();
        for row in rows {
            let (article, text, snippet) = row?;
            let position = first_match(&text, &first_terms);
            let snippet = snippet.or_else(|| position.map(|_| snippet_around(&text, &first_terms)));
            hits.push(SearchHit { article, snippet: snippet.filter(|s| !s.is_empty()), position, highlights: Vec::new() });
        }
        Ok(hits)
    }

    /// Highlights whose quote or note match, by article.
    fn highlight_hits(&self, query: &Query) -> Result<Vec<(i64, HighlightMatch)>> {
        let Some(expression) = fts_expression(query.positive_terms().filter(|t| !needs_trigram(&t.text))) else {
            return Ok(Vec::new());
        };
        let mut statement = self.conn.prepare(&format!(
            "SELECT h.id, h.article_id, h.color, h.start, \
                    snippet(highlights_fts, -1, '{MATCH_START}', '{MATCH_END}', '…', {SNIPPET_TOKENS}) AS snippet \
             FROM highlights_fts CROSS JOIN highlights h ON h.id = highlights_fts.rowid \
             JOIN articles a ON a.id = h.article_id \
             WHERE highlights_fts MATCH ?1 AND a.deleted_at IS NULL ORDER BY bm25(highlights_fts) LIMIT 500"
        ))?;
        let rows = statement.query_map([expression], |row: &Row<'_>| {
            let color: String = row.get(2)?;
            Ok((
                row.get::<_, i64>(1)?,
                HighlightMatch {
                    highlight_id: row.get(0)?,
                    color: serde_json::from_value(serde_json::Value::String(color)).unwrap_or(HighlightColor::Yellow),
                    position: row.get(3)?,
                    snippet: row.get(4)?,
                },
            ))
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// The summaries of these articles that pass the query's filters, by id.
    fn filtered_summaries(&self, query: &Query, ids: &[i64]) -> Result<HashMap<i64, ArticleSummary>> {
        if ids.is_empty() {
            return Ok(HashMap::new());
        }
        let conditions = Conditions::for_articles(query, true);
        let list = ids.iter().map(i64::to_string).collect::<Vec<_>>().join(", ");
        let sql = renumber(
            &format!(
                "SELECT {} FROM articles a WHERE a.id IN ({list}) AND {}",
                crate::library::summary_columns(),
                conditions.sql()
            ),
            0,
        );
        let mut statement = self.conn.prepare(&sql)?;
        let rows = statement.query_map(rusqlite::params_from_iter(conditions.values.iter()), crate::library::summary_from_row)?;
        let mut found = HashMap::new();
        for row in rows {
            let summary = row?;
            found.insert(summary.id, summary);
        }
        Ok(found)
    }
}

/// The parsed query, or a clear refusal when it is longer than anyone types.
fn checked_query(input: &str) -> Result<Query> {
    let length = input.chars().count();
    if length > MAX_QUERY_CHARS {
        return Err(Error::InvalidInput(format!(
            "Searches can be up to {MAX_QUERY_CHARS} characters long; this one has {length}."
        )));
    }
    // Control characters are never meant: a NUL would even end the string SQLite sees.
    let input: String = input.chars().map(|c| if c.is_control() { ' ' } else { c }).collect();
    let query = Query::parse(&input);
    let parts = query.terms.len() + query.tags.len() + query.sites.len();
    if parts > MAX_QUERY_PARTS {
        return Err(Error::InvalidInput(format!(
            "Searches can hold up to {MAX_QUERY_PARTS} words, phrases and filters; this one has {parts}."
        )));
    }
    Ok(query)
}

/// `%` and `_` in what the user typed are matched as themselves, not as wildcards.
fn like_literal(text: &str) -> String {
    let escaped = text.replace('\\', "\\\\").replace('%', "\\%").replace('_', "\\_");
    format!("%{escaped}%")
}

/// SQL conditions on `articles a` with their values; `?` placeholders are numbered later.
struct Conditions {
    parts: Vec<String>,
    values: Vec<Box<dyn ToSql>>,
}

impl Conditions {
    fn for_articles(query: &Query, with_exclusions: bool) -> Conditions {
        let mut c = Conditions { parts: vec!["a.deleted_at IS NULL".into()], values: Vec::new() };
        if let Some(state) = &query.state {
            c.push("a.state = ?", Box::new(state.clone()));
        }
        if let Some(favorite) = query.favorite {
            c.push("a.favorite = ?", Box::new(favorite));
        }
        match query.read {
            Some(true) => c.parts.push("a.read_progress >= 1".into()),
            Some(false) => c.parts.push("a.read_progress < 1".into()),
            None => {}
        }
        let has = |yes: bool, what: &str| format!("{}EXISTS ({what})", if yes { "" } else { "NOT " });
        if let Some(yes) = query.has_highlights {
            c.parts.push(has(yes, "SELECT 1 FROM highlights h WHERE h.article_id = a.id"));
        }
        if let Some(yes) = query.has_notes {
            c.parts.push(format!(
                "{}(a.note != '' OR EXISTS (SELECT 1 FROM highlights h WHERE h.article_id = a.id AND h.note != ''))",
                if yes { "" } else { "NOT " }
            ));
        }
        for site in &query.sites {
            c.push(
                "(lower(coalesce(a.site_name, '')) LIKE ? ESCAPE '\\' OR lower(coalesce(a.url, '')) LIKE ? ESCAPE '\\')",
                Box::new(like_literal(site)),
            );
            c.values.push(Box::new(like_literal(site)));
        }
        for tag in &query.tags {
            c.push(
                "EXISTS (SELECT 1 FROM article_tags at JOIN tags t ON t.id = at.tag_id WHERE at.article_id = a.id AND t.name = ? COLLATE NOCASE)",
                Box::new(tag.clone()),
            );
        }
        for term in query.terms.iter().filter(|t| t.excluded && with_exclusions) {
            let phrase = fts_phrase(&term.text);
            c.push("a.id NOT IN (SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?)", Box::new(phrase));
        }
        c
    }

    fn push(&mut self, sql: &str, value: Box<dyn ToSql>) {
        self.parts.push(sql.to_string());
        self.values.push(value);
    }

    fn trigram(&mut self, text: &str) {
        if text.chars().count() >= 3 {
            self.push("a.id IN (SELECT rowid FROM articles_trigram WHERE articles_trigram MATCH ?)", Box::new(fts_phrase(text)));
        } else {
            // Too short for trigrams: a plain scan (such queries are rare and the text is local).
            self.push("(instr(a.content_text, ?) > 0 OR instr(a.title, ?) > 0)", Box::new(text.to_string()));
            self.values.push(Box::new(text.to_string()));
        }
    }

    fn sql(&self) -> String {
        self.parts.join(" AND ")
    }
}

/// Number the bare `?` placeholders after the first `offset` already numbered ones.
fn renumber(sql: &str, offset: usize) -> String {
    let mut out = String::with_capacity(sql.len());
    let mut next = offset;
    let mut chars = sql.chars().peekable();
    while let Some(c) = chars.next() {
        out.push(c);
        if c == '?' && !chars.peek().is_some_and(char::is_ascii_digit) {
            next += 1;
            out.push_str(&next.to_string());
        }
    }
    out
}

/// An FTS5 expression for the positive terms: phrases exact, words matched as prefixes.
fn fts_expression<'a>(terms: impl Iterator<Item = &'a query::Term>) -> Option<String> {
    let parts: Vec<String> = terms
        .map(|t| if t.phrase { fts_phrase(&t.text) } else { format!("{}*", fts_phrase(&t.text)) })
        .collect();
    (!parts.is_empty()).then(|| parts.join(" "))
}

/// A string as one FTS5 phrase (quotes doubled), so no user input is read as syntax.
fn fts_phrase(text: &str) -> String {
    format!("\"{}\"", text.replace('"', "\"\""))
}

/// Terms in scripts written without spaces go to the trigram index.
fn needs_trigram(text: &str) -> bool {
    text.chars().any(crate::text::is_cjk)
}

/// UTF-16 offset of the earliest case-insensitive occurrence of any term.
fn first_match(text: &str, terms: &[String]) -> Option<u32> {
    earliest_match(text, terms).map(|(start, _)| utf16_offset(text, start))
}

/// The byte range in `text` of the earliest case-insensitive occurrence of any term.
/// Lower-casing can change how many bytes a character takes ("ẞ" → "ß", "İ" → "i̇"),
/// so matches are found in a lower-cased copy and mapped back to `text`'s own
/// character boundaries.
fn earliest_match(text: &str, terms: &[String]) -> Option<(usize, usize)> {
    let (lower, origin) = lowered_with_origins(text);
    let (start, end) = terms
        .iter()
        .filter(|t| !t.is_empty())
        .filter_map(|t| {
            let needle = t.to_lowercase();
            lower.find(&needle).map(|at| (at, at + needle.len()))
        })
        .min()?;
    let last = origin[end - 1];
    let last_len = text[last..].chars().next().map_or(0, char::len_utf8);
    Some((origin[start], last + last_len))
}

/// `text` lower-cased, and for each byte of it the byte offset in `text` of the
/// character it came from.
fn lowered_with_origins(text: &str) -> (String, Vec<usize>) {
    let mut lower = String::with_capacity(text.len());
    let mut origin = Vec::with_capacity(text.len());
    for (at, c) in text.char_indices() {
        let before = lower.len();
        lower.extend(c.to_lowercase());
        origin.resize(origin.len() + (lower.len() - before), at);
    }
    (lower, origin)
}

fn utf16_offset(text: &str, byte: usize) -> u32 {
    u32::try_from(text[..byte].encode_utf16().count()).unwrap_or(u32::MAX)
}

/// A snippet built by hand (trigram and filter-only results have no FTS snippet).
fn snippet_around(text: &str, terms: &[String]) -> String {
    const CONTEXT_CHARS: usize = 60;
    let Some((start, end)) = earliest_match(text, terms) else {
        return String::new();
    };
    let before: String = text[..start].chars().rev().take(CONTEXT_CHARS).collect::<Vec<_>>().into_iter().rev().collect();
    let after: String = text[end..].chars().take(CONTEXT_CHARS).collect();
    let matched = &text[start..end];
    format!("…{before}{MATCH_START}{matched}{MATCH_END}{after}…").split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matches_are_found_whatever_lower_casing_does_to_byte_lengths() {
        let text = "ẞİ Ωmega and the İstanbul Straße";
        for term in ["ω", "i", "s", "straße", "istanbul", "ẞ", "α"] {
            let found = earliest_match(text, &[term.to_string()]);
            if let Some((start, end)) = found {
                assert!(text.is_char_boundary(start) && text.is_char_boundary(end), "{term}");
            }
            let _ = snippet_around(text, &[term.to_string()]);
            let _ = first_match(text, &[term.to_string()]);
        }
        assert_eq!(first_match(text, &["ωmega".into()]), Some(3));
        assert_eq!(first_match("İİİ x", &["x".into()]), Some(4));
    }

    #[test]
    fn like_wildcards_are_literal() {
        assert_eq!(like_literal("100%_a\\b"), "%100\\%\\_a\\\\b%");
    }
}
