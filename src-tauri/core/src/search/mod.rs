//! Full-text search over articles (title, byline, site, text) and highlights (quote,
//! note): SQLite FTS5 ranked by bm25, a trigram index for languages without spaces,
//! results grouped by article with marked snippets and the place of the first match.

pub mod query;

use std::cell::RefCell;
use std::collections::HashMap;
use std::sync::Arc;

use rusqlite::OptionalExtension;
use serde::Serialize;

pub use query::Query;

use crate::annotate::HighlightColor;
use crate::error::{Error, Result};
use crate::library::{ArticleSummary, Library};
use crate::sql::{Filter, value};

/// Around each match in a snippet: private-use characters no article contains, so the
/// UI can build <mark> elements itself and never parse a snippet as HTML.
pub const MATCH_START: char = '\u{E000}';
/// Ends a match in a snippet (see `MATCH_START`).
pub const MATCH_END: char = '\u{E001}';

const SNIPPET_TOKENS: u32 = 18;
/// The results a search shows first: four or five screens of them. Few readers look
/// further, and a short page is the fast one: its snippets and highlights are built for
/// fewer articles, and the titles that hold the words fill it more often, which spares
/// ranking every other match (see `ranked`).
pub const FIRST_PAGE: u32 = 20;
/// The results each "show more" adds: one who asks for more wants to look through many.
const MORE_PAGE: u32 = 50;
/// The most results one page may hold.
const MAX_LIMIT: u32 = 500;
/// How search ranks: bm25 with the weights the article index's own `rank` is configured
/// with (schema v6: title 10, byline and site 3, text 1, the reader's notes 2). Called
/// directly, it ranks 30% faster than FTS5's `ORDER BY rank`, which sorts apart.
pub(crate) const RANK: &str = "bm25(articles_fts, 10.0, 3.0, 3.0, 1.0, 2.0)";

/// How one ranking treats the matches whose title holds the words searched for.
#[derive(Clone, Copy)]
enum Titles {
    /// Ranked as the rest.
    Ignored,
    /// Ranked alone.
    Only,
    /// Left out (ranked already).
    Without,
}

/// The longest query and the most words and filters it may hold: far beyond what
/// anyone types, and small enough that no query can hold the library for long.
pub const MAX_QUERY_CHARS: usize = 500;
/// A query with more words and filters than this is refused (it would only be slow).
pub const MAX_QUERY_PARTS: usize = 32;

/// A search that runs longer than this is stopped (SQLite's progress handler), so no
/// query can keep the library from the rest of the app.
const SEARCH_TIME: std::time::Duration = std::time::Duration::from_secs(3);

/// A page of search results.
#[derive(Debug, Clone, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct SearchResults {
    /// The articles found, best first.
    pub hits: Vec<SearchHit>,
    /// Where the next page of results starts ("show more"), when there is one.
    pub next_offset: Option<u32>,
    /// Filters in the query that were not understood (shown to the user).
    pub unknown_filters: Vec<String>,
}

/// An article found, with where it matched.
#[derive(Debug, Clone, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct SearchHit {
    /// The article.
    pub article: ArticleSummary,
    /// Text around the best match, matches between MATCH_START and MATCH_END. None when
    /// the words are only in its title, byline or site name: its excerpt says more.
    pub snippet: Option<String>,
    /// Where the first match is (UTF-16 offset into the article text), to open it there.
    pub position: Option<u32>,
    /// Its highlights and notes that match the query.
    pub highlights: Vec<HighlightMatch>,
}

/// A highlight (or its note) that matches the query.
#[derive(Debug, Clone, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct HighlightMatch {
    /// The highlight's id.
    pub highlight_id: i64,
    /// Its colour.
    pub color: HighlightColor,
    /// Where it starts (UTF-16 offset into the article text).
    pub position: u32,
    /// The quote or note, matches between MATCH_START and MATCH_END.
    pub snippet: String,
}

impl Library {
    /// Check that every full-text index agrees exactly with the tables it indexes.
    pub fn check_search_index(&self) -> Result<()> {
        for table in ["articles_fts", "articles_trigram", "titles_fts"] {
            self.conn.execute(&format!("INSERT INTO {table}({table}) VALUES ('integrity-check')"), [])?;
        }
        Ok(())
    }

    /// Search the library (articles in the trash are left out): the best `limit` results.
    pub fn search(&self, input: &str, limit: Option<u32>) -> Result<SearchResults> {
        self.search_page(input, 0, limit)
    }

    /// One page of results: the articles ranked `offset`.. (best first); `next_offset`
    /// asks for the page after it. Without a `limit`: FIRST_PAGE results, MORE_PAGE
    /// after the first page.
    pub fn search_page(&self, input: &str, offset: u32, limit: Option<u32>) -> Result<SearchResults> {
        let query = checked_query(input)?;
        let deadline = std::time::Instant::now() + SEARCH_TIME;
        self.conn.progress_handler(10_000, Some(move || std::time::Instant::now() > deadline))?;
        let results = self.run_search(query, offset, limit.unwrap_or(if offset == 0 { FIRST_PAGE } else { MORE_PAGE }).clamp(1, MAX_LIMIT));
        self.conn.progress_handler(0, None::<fn() -> bool>)?;
        results.map_err(|error| match error {
            Error::Database(e) if e.sqlite_error_code() == Some(rusqlite::ErrorCode::OperationInterrupted) => Error::InvalidInput(format!(
                "This search took longer than {} seconds and was stopped. Try fewer or more specific words.",
                SEARCH_TIME.as_secs()
            )),
            other => other,
        })
    }

    fn run_search(&self, query: Query, offset: u32, limit: u32) -> Result<SearchResults> {
        // What the indexes are asked; snippets and marks follow what was typed.
        let asked = self.with_sole_words(&query)?;
        let expression = article_expression(&asked);
        let (page, next_offset) = match &expression {
            Some(expression) => self.ranked_page(&asked, expression, offset, limit)?,
            None => self.latest_articles(&asked, offset, limit)?,
        };
        let terms = Terms::of(&query);
        let mut hits = self.article_hits(&terms, &page)?;
        self.attach_highlights(&terms, &mut hits)?;
        if let Some(expression) = &expression {
            // Found only in its title, byline or site, an article is shown with its
            // excerpt. Else it matched through folding our matcher does not do
            // (diacritics): FTS5 says where, at the cost of re-reading the article.
            let unexplained = |hit: &SearchHit| hit.snippet.is_none() && hit.highlights.is_empty() && !terms.in_heading(&hit.article);
            for hit in hits.iter_mut().filter(|hit| unexplained(hit)) {
                hit.snippet = self.fts_snippet(expression, hit.article.id)?.filter(|s| !s.is_empty());
            }
        }
        Ok(SearchResults { hits, next_offset, unknown_filters: query.unknown })
    }

    /// `query` with each unquoted word that only one word in the index starts with
    /// replaced by that word, searched exactly. An unquoted word is searched as the
    /// start of words ("harb" finds "harbour"), and FTS5 answers that by copying and
    /// merging the postings of every word it starts, each time the query is run and
    /// again for bm25: for a word in 9,756 of 10,000 articles, 0.6 ms of a 1.6 ms
    /// ranking. With one such word, the word itself finds the same articles with the
    /// same bm25. Only words FTS5 keeps as they are typed (ASCII letters and digits,
    /// lower-cased) are looked up: another spelling of the index's folding could miss.
    fn with_sole_words(&self, query: &Query) -> Result<Query> {
        let mut asked = query.clone();
        for term in asked.terms.iter_mut().filter(|t| !t.phrase && !t.excluded && t.text.bytes().all(|b| b.is_ascii_alphanumeric())) {
            if let Some(word) = self.sole_word_starting(&term.text.to_ascii_lowercase())? {
                *term = query::Term { text: word, phrase: true, excluded: false };
            }
        }
        Ok(asked)
    }

    /// The one word in the article index that starts with `prefix`, if there is exactly
    /// one. Two steps through the index's word list, each a seek (0.02 ms).
    fn sole_word_starting(&self, prefix: &str) -> Result<Option<String>> {
        let mut first_from = self.conn.prepare_cached("SELECT term FROM temp.article_words WHERE term >= ?1 LIMIT 1")?;
        let mut word_from = |from: &str| first_from.query_row([from], |row| row.get::<_, String>(0)).optional();
        let Some(first) = word_from(prefix)?.filter(|word| word.starts_with(prefix)) else {
            return Ok(None);
        };
        // The next word after `first`: no word holds a control character.
        let next = word_from(&format!("{first}\u{1}"))?;
        Ok((!next.is_some_and(|word| word.starts_with(prefix))).then_some(first))
    }

    /// One page of the articles matching the words (in their title, byline, site, text or
    /// the reader's notes), best first, that pass the query's filters (the trash is left
    /// out, always); and where the next page starts. FTS5 ranks ids alone (the sort holds
    /// nothing else). Ranking is the bulk of a search's time (bm25 reads every ranked
    /// match's positions), so it is done once where it can be. When most matches pass
    /// (no filter, or a broad one, as a sample tells), the best of all matches, twice as
    /// many as the page needs, are ranked and then checked. Otherwise, or when those
    /// held too few that pass, only the matches that pass are ranked (the filters as a
    /// set of ids, read from indexes). Offsets count results that pass.
    fn ranked_page(&self, query: &Query, expression: &str, offset: u32, limit: u32) -> Result<(Vec<i64>, Option<u32>)> {
        let conditions = article_conditions(query, false);
        let wanted = offset as usize + limit as usize + 1;
        let in_title = words_expression(query).unwrap_or_default();
        // Read once here, for both ways of ranking below; no more than either needs.
        let titled = self.titled_matches(query, &in_title, wanted * 2 + 1)?;
        let mut ids = Vec::new();
        let mut ranked_all = false;
        // Without filters (the trash aside, which holds few) the best of all matches pass.
        if conditions.count() == 1 || self.most_matches_pass(expression, &conditions)? {
            let best = self.ranked(expression, &in_title, &titled, None, wanted * 2)?;
            let passing = self.passing(&conditions, &best)?;
            ids = best.iter().copied().filter(|id| passing.contains(id)).collect();
            ranked_all = best.len() < wanted * 2;
        }
        if ids.len() < wanted && !ranked_all {
            ids = self.ranked(expression, &in_title, &titled, Some(&conditions), wanted)?;
        }
        let more = ids.len() > offset as usize + limit as usize;
        let page = ids.into_iter().skip(offset as usize).take(limit as usize).collect();
        Ok((page, more.then_some(offset.saturating_add(limit))))
    }

    /// The best `count` matches of `expression`, of all or of those that pass `only`.
    /// An article whose title holds the words comes before any that only mention them,
    /// however often (bm25's saturation gives a title's weight little room otherwise).
    /// `titled` are the matches whose title holds the words (`in_title`): all of them,
    /// or more than `count`. When they may fill the page (a common word), they are
    /// ranked on their own first: bm25 is then computed for them, not for every match.
    fn ranked(&self, expression: &str, in_title: &str, titled: &[i64], only: Option<&Filter>, count: usize) -> Result<Vec<i64>> {
        if titled.is_empty() {
            return self.ranked_where(expression, in_title, Titles::Ignored, only, count);
        }
        if titled.len() < count {
            return self.titles_first(expression, in_title, titled, only, count);
        }
        let mut best = self.ranked_where(expression, in_title, Titles::Only, only, count)?;
        if best.len() < count {
            best.extend(self.ranked_where(expression, in_title, Titles::Without, only, count - best.len())?);
        }
        Ok(best)
    }

    /// The best `count` matches, the fewer than `count` `titled` ones first. A plain
    /// ranking of twice as many as there are titles and results holds the best of those
    /// not titled, and mostly the titled ones too (the title weighs most in bm25): a
    /// second ranking, of the titled alone, is needed only when it misses one. A sort
    /// key for titles would cost a set lookup for every match ranked (15% more); a
    /// longer plain ranking costs little more than a short one.
    fn titles_first(&self, expression: &str, in_title: &str, titled: &[i64], only: Option<&Filter>, count: usize) -> Result<Vec<i64>> {
        let best = self.ranked_where(expression, in_title, Titles::Ignored, only, 2 * (count + titled.len()))?;
        let titled: std::collections::HashSet<i64> = match only {
            Some(conditions) => self.passing(conditions, titled)?,
            None => titled.iter().copied().collect(),
        };
        let mut first: Vec<i64> = best.iter().copied().filter(|id| titled.contains(id)).collect();
        if first.len() < titled.len() {
            first = self.ranked_where(expression, in_title, Titles::Only, only, titled.len())?;
        }
        first.extend(best.into_iter().filter(|id| !titled.contains(id)));
        first.truncate(count);
        Ok(first)
    }

    /// The best `count` matches of `expression`, of all or of those that pass `only`,
    /// with the matches whose title holds the words (`in_title`) as `titles` says.
    fn ranked_where(&self, expression: &str, in_title: &str, titles: Titles, only: Option<&Filter>, count: usize) -> Result<Vec<i64>> {
        // `+rowid`: handed to FTS5 as a constraint, an IN list makes it run the whole
        // query once per id in it (1.6 s for 1,600 ids); as an expression it is a lookup.
        let passing = only.map_or(String::new(), |c| format!("AND +rowid IN (SELECT a.id FROM articles a WHERE {})", c.sql(3)));
        // Every ranked row is a match already: what is excluded is out of it.
        let titled = "(SELECT rowid FROM titles_fts WHERE titles_fts MATCH ?2)";
        let condition = match titles {
            Titles::Ignored => String::new(),
            Titles::Only => format!("AND +rowid IN {titled}"),
            Titles::Without => format!("AND +rowid NOT IN {titled}"),
        };
        let mut statement = self.conn.prepare_cached(&format!(
            "SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?1 {condition} {passing} ORDER BY {RANK} LIMIT ?3"
        ))?;
        let count = i64::try_from(count).unwrap_or(i64::MAX);
        // ?2 is bound even where the statement does not use it, so filters number alike.
        let values = only
            .map_or_else(|| vec![&expression as &dyn rusqlite::ToSql, &in_title, &count], |c| c.values(&[&expression, &in_title, &count]));
        let ranked = statement.query_map(values.as_slice(), |row| row.get(0))?;
        Ok(ranked.collect::<rusqlite::Result<_>>()?)
    }

    /// The first `most` matches whose title holds the words (`in_title`): exactly those
    /// search puts first. From the titles' own index, unless the query excludes words:
    /// then the article index, whose NOT leaves out the articles holding them anywhere
    /// more cheaply than a set of those articles would.
    fn titled_matches(&self, query: &Query, in_title: &str, most: usize) -> Result<Vec<i64>> {
        if query.terms.iter().any(|t| t.excluded) {
            return self.matching_ids("articles_fts", &without_excluded(query, format!("title : ({in_title})")), most);
        }
        self.matching_ids("titles_fts", in_title, most)
    }

    /// The first `most` articles matching an FTS5 expression in `index` (unranked, so cheap).
    fn matching_ids(&self, index: &str, expression: &str, most: usize) -> Result<Vec<i64>> {
        let mut statement = self.conn.prepare_cached(&format!("SELECT rowid FROM {index} WHERE {index} MATCH ?1 LIMIT ?2"))?;
        let most = i64::try_from(most).unwrap_or(i64::MAX);
        let ids = statement.query_map(rusqlite::params![expression, most], |row| row.get(0))?;
        Ok(ids.collect::<rusqlite::Result<_>>()?)
    }

    /// Whether at least half the matches pass the filters, as far as a sample of them
    /// (unranked, so cheap) tells: then the best of all matches hold enough that pass.
    /// Which way is chosen only changes how fast the page comes, never what it holds.
    fn most_matches_pass(&self, expression: &str, conditions: &Filter) -> Result<bool> {
        let sample = self.matching_ids("articles_fts", expression, 100)?;
        Ok(self.passing(conditions, &sample)?.len() * 2 >= sample.len())
    }

    /// Which of `ids` pass the query's filters (not in the trash, tags, states…).
    fn passing(&self, conditions: &Filter, ids: &[i64]) -> Result<std::collections::HashSet<i64>> {
        // CROSS JOIN: each listed id is looked up. As `a.id IN (…)` SQLite (without
        // statistics) read the whole trash index instead, 1.2 ms for any list.
        let sql =
            format!("SELECT a.id FROM json_each(?1) AS listed CROSS JOIN articles a ON a.id = listed.value WHERE {}", conditions.sql(1));
        let mut statement = self.conn.prepare_cached(&sql)?;
        let list = id_list(ids);
        let passing = statement.query_map(conditions.values(&[&list]).as_slice(), |row| row.get(0))?;
        Ok(passing.collect::<rusqlite::Result<_>>()?)
    }

    /// A query of filters alone (or of text only the trigram index finds): newest first.
    fn latest_articles(&self, query: &Query, offset: u32, limit: u32) -> Result<(Vec<i64>, Option<u32>)> {
        let conditions = article_conditions(query, true);
        let sql = format!("SELECT a.id FROM articles a WHERE {} ORDER BY a.saved_at DESC, a.id DESC LIMIT ?1 OFFSET ?2", conditions.sql(2));
        let mut statement = self.conn.prepare(&sql)?;
        let mut ids: Vec<i64> = statement
            .query_map(conditions.values(&[&(limit + 1), &offset]).as_slice(), |row| row.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        let more = ids.len() > limit as usize;
        ids.truncate(limit as usize);
        Ok((ids, more.then_some(offset.saturating_add(limit))))
    }

    /// The shown articles, in order, each with the passage around its first match in
    /// the text, or else in the reader's note on it (built here: FTS5's snippet()
    /// re-reads and re-tokenizes every document).
    fn article_hits(&self, terms: &Terms, ids: &[i64]) -> Result<Vec<SearchHit>> {
        // One statement for the page; each text is read in place, never copied.
        let mut statement = self.conn.prepare_cached(&format!(
            "SELECT {}, a.content_text, a.note FROM json_each(?1) AS listed CROSS JOIN articles a ON a.id = listed.value",
            crate::library::summary_columns()
        ))?;
        let mut rows = statement.query([id_list(ids)])?;
        let mut found_hits = HashMap::with_capacity(ids.len());
        while let Some(row) = rows.next()? {
            let article = crate::library::summary_from_row(row)?;
            let text = text_in_place(row, "content_text")?;
            let found = terms.first_occurrences(text);
            let snippet = if found.is_empty() {
                let note = markdown_as_text(text_in_place(row, "note")?);
                Terms::snippet(&note, &terms.occurrences(&note))
            } else {
                Terms::snippet(text, &found)
            };
            let position = found.first().map(|&(start, _, _)| utf16_offset(text, start));
            found_hits.insert(
                article.id,
                SearchHit { article, snippet: Some(snippet).filter(|s| !s.is_empty()), position, highlights: Vec::new() },
            );
        }
        // In the page's order; an article changed by another program since it was ranked is left out.
        Ok(ids.iter().filter_map(|id| found_hits.remove(id)).collect())
    }

    fn fts_snippet(&self, expression: &str, id: i64) -> Result<Option<String>> {
        let mut statement = self.conn.prepare_cached(&format!(
            "SELECT snippet(articles_fts, -1, '{MATCH_START}', '{MATCH_END}', '…', {SNIPPET_TOKENS}) \
             FROM articles_fts WHERE articles_fts MATCH ?1 AND rowid = ?2"
        ))?;
        Ok(statement.query_row(rusqlite::params![expression, id], |row| row.get(0)).optional()?)
    }

    /// The highlights of the shown articles whose quote or note hold every word searched
    /// for, in reading order, each with its snippet.
    fn attach_highlights(&self, terms: &Terms, hits: &mut [SearchHit]) -> Result<()> {
        if hits.is_empty() || terms.is_empty() {
            return Ok(());
        }
        let index: HashMap<i64, usize> = hits.iter().enumerate().map(|(i, h)| (h.article.id, i)).collect();
        let ids: Vec<i64> = hits.iter().map(|hit| hit.article.id).collect();
        // Each article's highlights are looked up in its index; those found are put in
        // reading order below (an ORDER BY sorted every row read, texts and all).
        let mut statement = self.conn.prepare_cached(
            "SELECT h.id, h.article_id, h.color, h.start, h.exact, h.note \
             FROM json_each(?1) AS listed CROSS JOIN highlights h ON h.article_id = listed.value",
        )?;
        let mut rows = statement.query([id_list(&ids)])?;
        while let Some(row) = rows.next()? {
            // Read in place: most highlights lack a word searched for and are passed over.
            let (exact, note) = (text_in_place(row, 4)?, text_in_place(row, 5)?);
            let Some(snippet) = terms.highlight_snippet(exact, note) else { continue };
            let (highlight_id, article_id, color, position) = (row.get(0)?, row.get::<_, i64>(1)?, row.get(2)?, row.get(3)?);
            hits[index[&article_id]].highlights.push(HighlightMatch { highlight_id, color, position, snippet });
        }
        for hit in hits.iter_mut().filter(|hit| !hit.highlights.is_empty()) {
            hit.highlights.sort_by_key(|highlight| (highlight.position, highlight.highlight_id));
            // Found only in highlights, the article opens at the first of them.
            hit.position.get_or_insert(hit.highlights[0].position);
        }
        Ok(())
    }
}

/// Gives `conn` the article index's word list (`temp.article_words`, FTS5's own view of
/// its vocabulary: read from the index as asked, nothing stored). TEMP, so it belongs to
/// the connection and never changes the file.
pub(crate) fn add_word_list(conn: &rusqlite::Connection) -> rusqlite::Result<()> {
    conn.execute_batch("CREATE VIRTUAL TABLE IF NOT EXISTS temp.article_words USING fts5vocab(main, articles_fts, 'instance')")
}

/// The parsed query, or a clear refusal when it is longer than anyone types.
fn checked_query(input: &str) -> Result<Query> {
    let length = input.chars().count();
    if length > MAX_QUERY_CHARS {
        return Err(Error::InvalidInput(format!("Searches can be up to {MAX_QUERY_CHARS} characters long; this one has {length}.")));
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

/// A text column where SQLite holds it, not copied out.
fn text_in_place<'row>(row: &'row rusqlite::Row<'_>, column: impl rusqlite::RowIndex) -> rusqlite::Result<&'row str> {
    Ok(row.get_ref(column)?.as_str()?)
}

/// Ids as a JSON array, for `json_each`: one statement, prepared once, for any list.
fn id_list(ids: &[i64]) -> String {
    format!("[{}]", ids.iter().map(i64::to_string).collect::<Vec<_>>().join(","))
}

/// `%` and `_` in what the user typed are matched as themselves, not as wildcards.
fn like_literal(text: &str) -> String {
    let escaped = text.replace('\\', "\\\\").replace('%', "\\%").replace('_', "\\_");
    format!("%{escaped}%")
}

/// The query's conditions on `articles a`: its filters, and its terms in scripts without
/// spaces (which only the trigram index finds); its excluded words too when
/// `with_exclusions`.
fn article_conditions(query: &Query, with_exclusions: bool) -> Filter {
    let mut c = Filter::new();
    c.and("a.deleted_at IS NULL");
    if let Some(state) = query.state {
        c.and_with("a.state = ?", [value(state)]);
    }
    if let Some(favorite) = query.favorite {
        c.and_with("a.favorite = ?", [value(favorite)]);
    }
    match query.read {
        Some(true) => c.and("a.read_progress >= 1"),
        Some(false) => c.and("a.read_progress < 1"),
        None => &mut c,
    };
    let negated = |yes: bool, condition: &str| if yes { condition.to_string() } else { format!("NOT {condition}") };
    if let Some(yes) = query.has_highlights {
        c.and(negated(yes, "EXISTS (SELECT 1 FROM highlights h WHERE h.article_id = a.id)"));
    }
    if let Some(yes) = query.has_notes {
        c.and(negated(yes, "(a.note != '' OR EXISTS (SELECT 1 FROM highlights h WHERE h.article_id = a.id AND h.note != ''))"));
    }
    for site in &query.sites {
        c.and_with(
            "(lower(coalesce(a.site_name, '')) LIKE ? ESCAPE '\\' OR lower(coalesce(a.url, '')) LIKE ? ESCAPE '\\')",
            [value(like_literal(site)), value(like_literal(site))],
        );
    }
    for tag in &query.tags {
        // A set read from the tag's index, once: as EXISTS it was a lookup per article,
        // 4x slower for the whole library.
        c.and_with(
            "a.id IN (SELECT at.article_id FROM article_tags at JOIN tags t ON t.id = at.tag_id WHERE t.name = ? COLLATE NOCASE)",
            [value(tag.clone())],
        );
    }
    for term in query.terms.iter().filter(|t| t.excluded && with_exclusions) {
        c.and_with("a.id NOT IN (SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?)", [value(fts_phrase(&term.text))]);
    }
    for term in query.positive_terms().filter(|t| needs_trigram(&t.text)) {
        trigram_condition(&mut c, &term.text);
    }
    c
}

fn trigram_condition(c: &mut Filter, text: &str) {
    if text.chars().count() >= 3 {
        c.and_with("a.id IN (SELECT rowid FROM articles_trigram WHERE articles_trigram MATCH ?)", [value(fts_phrase(text))]);
    } else {
        // Too short for trigrams: a scan of the articles the trigram index holds, the
        // only ones with characters of these scripts (its `_docsize` shadow table
        // lists them, one small row each).
        c.and_with(
            "(a.id IN (SELECT id FROM articles_trigram_docsize) AND (instr(a.content_text, ?) > 0 OR instr(a.title, ?) > 0))",
            [value(text.to_string()), value(text.to_string())],
        );
    }
}

fn fts_expression<'a>(terms: impl Iterator<Item = &'a query::Term>) -> Option<String> {
    let parts: Vec<String> = terms.map(|t| if t.phrase { fts_phrase(&t.text) } else { format!("{}*", fts_phrase(&t.text)) }).collect();
    (!parts.is_empty()).then(|| parts.join(" "))
}

/// The FTS5 expression for the article index: the words and phrases (not those for the
/// trigram index), with the exclusions as NOT inside it, which is far cheaper than a
/// NOT IN over the index. None when there are no words (a filter-only query).
fn article_expression(query: &Query) -> Option<String> {
    Some(without_excluded(query, words_expression(query)?))
}

/// `expression`, less the articles holding a word excluded (anywhere in them).
fn without_excluded(query: &Query, expression: String) -> String {
    query.terms.iter().filter(|t| t.excluded).fold(expression, |e, t| format!("{e} NOT {}", fts_phrase(&t.text)))
}

/// The FTS5 expression of the words and phrases searched for (not those for the trigram
/// index, nor the excluded ones).
fn words_expression(query: &Query) -> Option<String> {
    fts_expression(query.positive_terms().filter(|t| !needs_trigram(&t.text)))
}

/// A string as one FTS5 phrase (quotes doubled), so no user input is read as syntax.
fn fts_phrase(text: &str) -> String {
    format!("\"{}\"", text.replace('"', "\"\""))
}

/// Terms in scripts written without spaces go to the trigram index.
fn needs_trigram(text: &str) -> bool {
    text.chars().any(crate::text::is_cjk)
}

/// The words searched for, to find and mark them in an article's text or a highlight
/// the way the index matched them: word by word, case-insensitive, ignoring the
/// punctuation between words ("**key** claim" holds the phrase "key claim"), the last
/// word of an unquoted term as a prefix; anywhere for scripts without spaces.
struct Terms {
    needles: Vec<Needle>,
}

struct Needle {
    /// The term's words, lower-cased (for scripts without spaces: the whole term).
    words: Vec<String>,
    /// Its last word may start a longer one (an unquoted term).
    prefix: bool,
    /// Found as a run of characters, not of words (Chinese, Japanese).
    anywhere: bool,
    /// Its longest word (for scripts without spaces: the term), found anywhere regardless
    /// of case, and which of its words that is: where in a text it may be, found fast.
    key: Option<(Arc<regex::Regex>, usize)>,
}

impl Needle {
    fn new(words: Vec<String>, prefix: bool, anywhere: bool) -> Needle {
        // Only where the regex's case folding finds all that lower-casing does (it finds
        // the Kelvin sign for "k"): ASCII and letters without case (Chinese, Japanese).
        // Some of Unicode's newest cased letters are beyond its tables.
        let caseless = |c: char| c.to_lowercase().eq([c]) && c.to_uppercase().eq([c]);
        let longest = words.iter().enumerate().max_by_key(|(_, word)| word.len());
        let key = longest
            .filter(|(_, word)| word.chars().all(|c| c.is_ascii() || caseless(c)))
            .and_then(|(index, word)| Some((key_search(word)?, index)));
        Needle { words, prefix, anywhere, key }
    }

    /// The key, when it finds every place in `text` the term may be. "İ" lower-cases to
    /// "i" and a combining dot: a word holding it may start with "i" where no search for
    /// the key finds it.
    fn key_for(&self, text: &str) -> Option<&(Arc<regex::Regex>, usize)> {
        self.key.as_ref().filter(|(_, index)| !(self.words[*index].contains('i') && text.contains('\u{130}')))
    }

    /// Where the term first occurs in `text`. A term with a key is looked for only
    /// around the key's appearances at the start of a word (its words are matched from
    /// their start), jumping from one to the next: the words between are never split.
    /// Each word is looked around once at most, so a hostile text costs no more than
    /// reading it.
    fn first_in(&self, text: &str, which: usize) -> Option<Occurrence> {
        let Some((key, index)) = self.key_for(text) else { return self.first_within(text, 0, text.len(), which) };
        let starts_a_word = |at: usize| text[..at].chars().next_back().is_none_or(|c| !c.is_alphanumeric());
        key.find_iter(text).filter(|appearance| starts_a_word(appearance.start())).find_map(|appearance| {
            let from = words_back(text, appearance.start(), *index);
            let to = words_ahead(text, appearance.end(), self.words.len() - 1 - index);
            self.first_within(text, from, to, which)
        })
    }

    /// The first occurrence of the term in `text[from..to]`, read word by word.
    fn first_within(&self, text: &str, from: usize, to: usize, which: usize) -> Option<Occurrence> {
        let mut words = Vec::new();
        word_spans(&text[from..to]).find_map(|(start, end)| {
            words.push((from + start, from + end));
            self.ends_at(text, &words, which)
        })
    }

    /// Whether the term's words are the last of the text's `words` read so far: its
    /// occurrence if so.
    fn ends_at(&self, text: &str, words: &[(usize, usize)], which: usize) -> Option<Occurrence> {
        let count = self.words.len();
        let first = words.len().checked_sub(count)?;
        let matched = self.words.iter().enumerate().all(|(i, want)| {
            let (start, end) = words[first + i];
            same_word(&text[start..end], want, self.prefix && i + 1 == count)
        });
        matched.then(|| (words[first].0, words[words.len() - 1].1, which))
    }

    /// A term in a script without spaces, found in a lower-cased copy of the text.
    /// Lower-casing can change how many bytes a character takes ("ẞ" → "ß", "İ" → "i̇"),
    /// so matches are mapped back to `text`'s own character boundaries.
    fn anywhere_in(&self, text: &str, which: usize, found: &mut Vec<Occurrence>) {
        let (lower, origin) = lowered_with_origins(text);
        let term = &self.words[0];
        for (at, _) in lower.match_indices(term.as_str()) {
            let last = origin[at + term.len() - 1];
            found.push((origin[at], last + text[last..].chars().next().map_or(0, char::len_utf8), which));
        }
    }
}

/// A case-insensitive search for `word` anywhere, built once per thread and word and
/// then shared: building one (0.1–0.2 ms, for its case folding) took longer than a
/// page's searches with it, and the same words come back ("Show more", a search run
/// again as the library changes or as the query grows by a word).
fn key_search(word: &str) -> Option<Arc<regex::Regex>> {
    /// Enough for every word of many queries; past it, the searches are built anew.
    const KEPT: usize = 256;
    thread_local! {
        static BUILT: RefCell<HashMap<String, Arc<regex::Regex>>> = RefCell::new(HashMap::new());
    }
    BUILT.with_borrow_mut(|built| {
        if let Some(search) = built.get(word) {
            return Some(Arc::clone(search));
        }
        let search = Arc::new(regex::RegexBuilder::new(&regex::escape(word)).case_insensitive(true).build().ok()?);
        if built.len() >= KEPT {
            built.clear();
        }
        built.insert(word.to_string(), Arc::clone(&search));
        Some(search)
    })
}

/// The byte ranges of the words in `text` (runs of letters and digits, as the index
/// splits text).
fn word_spans(text: &str) -> impl Iterator<Item = (usize, usize)> + '_ {
    let mut chars = text.char_indices().peekable();
    std::iter::from_fn(move || {
        let (start, _) = chars.by_ref().find(|(_, c)| c.is_alphanumeric())?;
        let mut end = text.len();
        while let Some(&(at, c)) = chars.peek() {
            if !c.is_alphanumeric() {
                end = at;
                break;
            }
            chars.next();
        }
        Some((start, end))
    })
}

/// The start of the word `count` words before the one at or around byte `at` of `text`
/// (the text's start when there are fewer).
fn words_back(text: &str, at: usize, count: usize) -> usize {
    let mut chars = text[..at].char_indices().rev().peekable();
    let mut start = at;
    // The rest of the word `at` is in, then `count` words, each after what parts them.
    for word in 0..=count {
        while word > 0 && chars.next_if(|(_, c)| !c.is_alphanumeric()).is_some() {}
        while let Some((i, _)) = chars.next_if(|(_, c)| c.is_alphanumeric()) {
            start = i;
        }
        if chars.peek().is_none() && word < count {
            return 0;
        }
    }
    start
}

/// The end of the word `count` words after the one at or around byte `at` of `text`
/// (the text's end when there are fewer).
fn words_ahead(text: &str, at: usize, count: usize) -> usize {
    let mut chars = text[at..].char_indices().peekable();
    let mut end = at;
    for word in 0..=count {
        while word > 0 && chars.next_if(|(_, c)| !c.is_alphanumeric()).is_some() {}
        while let Some((i, c)) = chars.next_if(|(_, c)| c.is_alphanumeric()) {
            end = at + i + c.len_utf8();
        }
        if chars.peek().is_none() && word < count {
            return text.len();
        }
    }
    end
}

/// Whether a word of the text is the wanted (lower-case) word, or starts with it.
fn same_word(word: &str, want: &str, prefix: bool) -> bool {
    if word.is_ascii() && want.is_ascii() {
        let fits = if prefix { word.len() >= want.len() } else { word.len() == want.len() };
        return fits && word.as_bytes()[..want.len()].eq_ignore_ascii_case(want.as_bytes());
    }
    let lower = word.to_lowercase();
    if prefix { lower.starts_with(want) } else { lower == want }
}

/// One place a term occurs: its byte range in the text and which term it is.
type Occurrence = (usize, usize, usize);

/// Characters of context a snippet shows before the first match and after it.
const CONTEXT_BEFORE: usize = 50;
const CONTEXT_AFTER: usize = 110;

impl Terms {
    fn of(query: &Query) -> Terms {
        let needles = query
            .positive_terms()
            .map(|t| {
                let lower = t.text.to_lowercase();
                let anywhere = needs_trigram(&t.text);
                let words = if anywhere { vec![lower] } else { word_spans(&lower).map(|(s, e)| lower[s..e].to_string()).collect() };
                Needle::new(words, !t.phrase, anywhere)
            })
            .filter(|n| n.words.iter().any(|w| !w.is_empty()))
            .collect();
        Terms { needles }
    }

    fn is_empty(&self) -> bool {
        self.needles.is_empty()
    }

    /// Every occurrence of any term in `text`, in order and not overlapping.
    fn occurrences(&self, text: &str) -> Vec<Occurrence> {
        self.occurrences_up_to(text, false)
    }

    /// The occurrences a snippet of `text` shows: the first and those after it within
    /// the snippet's reach. An article's text is read only that far, not to its end.
    fn first_occurrences(&self, text: &str) -> Vec<Occurrence> {
        self.occurrences_up_to(text, true)
    }

    fn occurrences_up_to(&self, text: &str, only_the_snippets: bool) -> Vec<Occurrence> {
        let mut found = Vec::new();
        for (which, needle) in self.needles.iter().enumerate().filter(|(_, n)| n.anywhere) {
            needle.anywhere_in(text, which, &mut found);
        }
        // The snippet ends at most CONTEXT_AFTER characters (of up to 4 bytes) after the
        // earliest occurrence: words beyond that are not read.
        let reach = |found: &[Occurrence]| found.iter().min().map(|&(_, end, _)| end + 4 * CONTEXT_AFTER);
        let mut until = if only_the_snippets { reach(&found) } else { None };
        // A snippet starts at the first occurrence: the words before it are not read.
        let from = if only_the_snippets { self.first_word_occurrence(text).map_or(text.len(), |(start, _, _)| start) } else { 0 };
        let mut words: Vec<(usize, usize)> = Vec::new();
        for word in word_spans(&text[from..]).map(|(start, end)| (from + start, from + end)) {
            if until.is_some_and(|until| word.0 > until) {
                break;
            }
            words.push(word);
            let before = found.len();
            for (which, needle) in self.needles.iter().enumerate().filter(|(_, n)| !n.anywhere) {
                found.extend(needle.ends_at(text, &words, which));
            }
            if only_the_snippets && found.len() > before {
                until = reach(&found);
            }
        }
        found.sort_unstable();
        let mut kept: Vec<Occurrence> = Vec::with_capacity(found.len());
        for occurrence in found {
            if kept.last().is_none_or(|last| occurrence.0 >= last.1) {
                kept.push(occurrence);
            }
        }
        kept
    }

    /// The first occurrence of a term made of words (not one without spaces).
    fn first_word_occurrence(&self, text: &str) -> Option<Occurrence> {
        self.needles.iter().enumerate().filter(|(_, n)| !n.anywhere).filter_map(|(which, n)| n.first_in(text, which)).min()
    }

    /// The passage around the first occurrence, every occurrence in it marked.
    fn snippet(text: &str, found: &[Occurrence]) -> String {
        let Some(&(first, first_end, _)) = found.first() else { return String::new() };
        let mut from = text[..first].char_indices().rev().nth(CONTEXT_BEFORE - 1).map_or(0, |(at, _)| at);
        let mut to = text[first_end..].char_indices().nth(CONTEXT_AFTER).map_or(text.len(), |(at, _)| first_end + at);
        // Whole words at either end ("…ps economy" reads as a typo), never past the match.
        if inside_a_word(text, from) {
            from = text[from..first].find(char::is_whitespace).map_or(first, |at| from + at);
        }
        if inside_a_word(text, to) {
            to = text[first_end..to].rfind(char::is_whitespace).map_or(first_end, |at| first_end + at);
        }
        let mut out = String::new();
        if from > 0 {
            out.push('…');
        }
        let mut at = from;
        for &(start, end, _) in found.iter().filter(|(start, end, _)| *start >= from && *end <= to) {
            out.push_str(&text[at..start]);
            out.push(MATCH_START);
            out.push_str(&text[start..end]);
            out.push(MATCH_END);
            at = end;
        }
        out.push_str(&text[at..to]);
        if to < text.len() {
            out.push('…');
        }
        single_spaced(&out)
    }

    /// Whether a term is in the article's title, byline or site name.
    fn in_heading(&self, article: &ArticleSummary) -> bool {
        let heading = [Some(&article.title), article.byline.as_ref(), article.site_name.as_ref()];
        heading.into_iter().flatten().any(|text| !self.occurrences(text).is_empty())
    }

    /// Whether every term may be in one of `texts`: false when a term's key (its longest
    /// word) is in none of them. A quick no for most of an article's highlights, before
    /// they are split into words.
    fn may_all_be_in(&self, texts: &[&str]) -> bool {
        self.needles.iter().all(|needle| texts.iter().any(|text| needle.key_for(text).is_none_or(|(key, _)| key.is_match(text))))
    }

    /// For a highlight that holds every term (in its quote or its note, as the index
    /// matched it): the snippet, from the quote when a term is there.
    fn highlight_snippet(&self, exact: &str, note: &str) -> Option<String> {
        if !self.may_all_be_in(&[exact, note]) {
            return None;
        }
        let note = &markdown_as_text(note);
        let in_exact = self.occurrences(exact);
        let in_note = self.occurrences(note);
        let all = (0..self.needles.len()).all(|which| in_exact.iter().chain(&in_note).any(|o| o.2 == which));
        if !all {
            return None;
        }
        Some(if in_exact.is_empty() { Terms::snippet(note, &in_note) } else { Terms::snippet(exact, &in_exact) })
    }
}

/// A note's Markdown as the words a reader sees ("**key** claim" → "key claim"), for
/// its search snippet.
fn markdown_as_text(markdown: &str) -> String {
    use pulldown_cmark::{Event, Parser};
    if markdown.is_empty() {
        return String::new(); // most highlights have no note: no parser for them
    }
    let mut text = String::with_capacity(markdown.len());
    for event in Parser::new(markdown) {
        match event {
            Event::Text(words) | Event::Code(words) => text.push_str(&words),
            Event::SoftBreak | Event::HardBreak | Event::End(_) => text.push(' '),
            _ => {}
        }
    }
    single_spaced(&text)
}

/// Whether byte `at` of `text` is inside a word of a script written with spaces (with
/// what is written on to it: "harbour's", "(economy"): a snippet cut there would show a
/// stump of it. Scripts without spaces are cut anywhere.
fn inside_a_word(text: &str, at: usize) -> bool {
    let spaced = |c: char| !c.is_whitespace() && !crate::text::is_cjk(c);
    text[..at].chars().next_back().is_some_and(spaced) && text[at..].chars().next().is_some_and(spaced)
}

/// `text` with each run of white space made one space, none at either end.
fn single_spaced(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for word in text.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
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

#[cfg(test)]
mod tests {
    use super::*;

    fn terms(query: &str) -> Terms {
        Terms::of(&Query::parse(query))
    }

    #[test]
    fn matches_are_found_whatever_lower_casing_does_to_byte_lengths() {
        let text = "ẞİ Ωmega and the İstanbul Straße";
        for term in ["ω", "i", "s", "straße", "istanbul", "ẞ", "α"] {
            let found = terms(term).occurrences(text);
            for (start, end, _) in &found {
                assert!(text.is_char_boundary(*start) && text.is_char_boundary(*end), "{term}");
            }
            let _ = Terms::snippet(text, &found);
        }
        let found = terms("ωmega").occurrences(text);
        assert_eq!(utf16_offset(text, found[0].0), 3);
        assert_eq!(utf16_offset("İİİ x", terms("x").occurrences("İİİ x")[0].0), 4);
    }

    #[test]
    fn words_match_from_their_start_as_the_index_does_and_every_match_is_marked() {
        let text = "The driver took the river road; rivers run to the sea, and the river rose.";
        let found = terms("river").occurrences(text);
        assert_eq!(
            found.iter().map(|o| &text[o.0..o.1]).collect::<Vec<_>>(),
            ["river", "rivers", "river"],
            "words that start with it, never inside driver"
        );
        let snippet = Terms::snippet(text, &found);
        assert_eq!(snippet.matches(MATCH_START).count(), 3, "{snippet}");
        assert!(snippet.starts_with("The driver took the \u{E000}river\u{E001} road;"), "{snippet}");
        assert_eq!(terms("公园").occurrences("我们去公园散步")[0].0, "我们去".len(), "no word starts in Chinese");
        let phrase = terms("\"key claim\"").occurrences("The **key** claim, not the key claims.");
        assert_eq!(phrase.len(), 1, "a phrase spans punctuation between its words, and is not a prefix");
        assert_eq!(terms("bunker-buster").occurrences("A Bunker-Busters raid").len(), 1);
    }

    #[test]
    fn a_snippet_skips_to_its_first_match_and_finds_the_one_a_full_scan_finds() {
        let cases = [
            ("The driver took the river road", "\"the river\""),
            ("The **key** claim, then the key claim", "\"key claim\""),
            ("a \u{212A}ing and a king", "king"),
            ("the İstanbul ferry and the island", "i"),
            ("Rivers, then: the -- river; and more", "\"the river\" more"),
            ("sea salt and harbour lights by the harbour", "lights harb"),
            ("nothing here", "\"the river\""),
            ("river", "\"the river\""),
            ("x the  ...  river", "\"x the river\""),
            ("the riverriver river", "\"the river\""),
        ];
        for (text, query) in cases {
            let t = terms(query);
            let first = t.first_occurrences(text).first().copied();
            assert_eq!(first, t.occurrences(text).first().copied(), "{query} in {text}");
        }
        // One long word full of the key: looked around once, not once per appearance.
        let long_word = "b".repeat(200_000);
        assert_eq!(terms("\"a bb\"").first_occurrences(&long_word), vec![]);
        assert_eq!(words_back("one, two three", 10, 1), 5, "from inside \"three\", one word back");
        assert_eq!(words_back("one two", 4, 5), 0, "fewer words than asked: the start");
        assert_eq!(words_ahead("one, two three", 1, 1), 8, "from inside \"one\", one word on");
        assert_eq!(words_ahead("one two", 1, 5), 7, "fewer words than asked: the end");
    }

    #[test]
    fn a_snippet_starts_and_ends_with_whole_words() {
        let words = ["economy,", "research", "fragile", "harbour's", "(lantern)", "morning", "distant"];
        let text: String =
            (0..60).map(|i| words[i % words.len()]).collect::<Vec<_>>().join(" ") + " museum " + &(words.join(" ") + " ").repeat(6);
        let t = terms("museum");
        let snippet = Terms::snippet(&text, &t.first_occurrences(&text));
        let shown: Vec<&str> =
            snippet.split(|c: char| c.is_whitespace() || ['…', MATCH_START, MATCH_END].contains(&c)).filter(|w| !w.is_empty()).collect();
        assert!(shown.contains(&"museum"), "{snippet}");
        for word in shown {
            assert!(word == "museum" || words.contains(&word), "a stump of a word, {word:?}, in {snippet}");
        }
        assert!(snippet.starts_with('…') && snippet.ends_with('…'), "{snippet}");
        // Chinese is written without spaces: its context is cut by characters, as before.
        let chinese = "我们今天去公园散步，天气很好。".repeat(10) + "博物馆" + &"河边的老城有很多历史。".repeat(20);
        let snippet = Terms::snippet(&chinese, &terms("博物馆").first_occurrences(&chinese));
        let before = snippet.trim_start_matches('…').split(MATCH_START).next().unwrap();
        assert_eq!(before.chars().count(), CONTEXT_BEFORE, "{snippet}");
    }

    #[test]
    fn a_highlight_matches_when_its_quote_and_note_hold_every_word() {
        let t = terms("harbour lights");
        assert_eq!(
            t.highlight_snippet("the harbour at night", "only the lights remained").as_deref(),
            Some("the \u{E000}harbour\u{E001} at night")
        );
        assert_eq!(t.highlight_snippet("the harbour at night", "dark"), None);
        assert!(terms("harbour").highlight_snippet("THE HARBOUR", "").is_some(), "whatever the case");
        assert!(terms("kelvin").highlight_snippet("Lord \u{212A}elvin wrote", "").is_some(), "the Kelvin sign lower-cases to k");
        assert!(terms("i").highlight_snippet("İstanbul at dawn", "").is_some(), "a dotted capital I lower-cases to i and a dot");
        assert!(terms("\"new harbour\"").highlight_snippet("a new HARBOUR wall", "").is_some(), "a phrase, by its longest word");
        assert!(terms("公园").highlight_snippet("我们去公园散步", "").is_some());
        assert!(terms("公园").highlight_snippet("天气很好", "").is_none());
        assert!(terms("ωmega").highlight_snippet("ΩMEGA", "").is_some(), "a cased letter beyond ASCII: no key, read word by word");
        assert_eq!(terms("lights").highlight_snippet("the harbour", "the lights").as_deref(), Some("the \u{E000}lights\u{E001}"));
        assert_eq!(
            terms("\"key claim\"").highlight_snippet("a quote", "The **key** claim of the letter.").as_deref(),
            Some("The \u{E000}key claim\u{E001} of the letter."),
            "a note's snippet is its text, not its Markdown"
        );
    }

    #[test]
    fn search_ranks_with_the_weights_the_index_is_configured_with() {
        let dir = tempfile::tempdir().unwrap();
        let library = Library::open(&dir.path().join("library.sqlite3")).unwrap();
        let configured: String = library.conn.query_row("SELECT v FROM articles_fts_config WHERE k = 'rank'", [], |r| r.get(0)).unwrap();
        assert_eq!(RANK.replace("articles_fts, ", ""), configured);
    }

    #[test]
    fn a_start_of_words_is_searched_as_the_one_word_it_starts_when_there_is_one() {
        let dir = tempfile::tempdir().unwrap();
        let mut library = Library::open(&dir.path().join("library.sqlite3")).unwrap();
        for text in ["Ports\n\nThe harbour and the harbours.", "Animals\n\nA hare ran."] {
            library.save_article(&crate::import::import_bytes("a.txt", text.as_bytes()).unwrap()).unwrap();
        }
        let sole = |prefix: &str| library.sole_word_starting(prefix).unwrap();
        assert_eq!(sole("harbours"), Some("harbours".into()));
        assert_eq!(sole("hare"), Some("hare".into()));
        assert_eq!(sole("harbour"), None, "\"harbours\" starts with it too");
        assert_eq!(sole("har"), None);
        assert_eq!(sole("zebra"), None);
        let asked = library.with_sole_words(&Query::parse("Hare harbour \"the\" -animals café")).unwrap();
        let searched: Vec<(&str, bool)> = asked.terms.iter().map(|t| (t.text.as_str(), t.phrase)).collect();
        assert_eq!(
            searched,
            [("hare", true), ("harbour", false), ("the", true), ("animals", false), ("café", false)],
            "typed words only, as the index folds them; exclusions are exact already"
        );
    }

    #[test]
    fn like_wildcards_are_literal() {
        assert_eq!(like_literal("100%_a\\b"), "%100\\%\\_a\\\\b%");
    }
}
