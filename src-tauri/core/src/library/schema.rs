//! The library schema, as an append-only list of migrations.
//!
//! Never edit a migration that has shipped: add a new one. `PRAGMA user_version`
//! records how many have run; a file with a higher number than this list knows was
//! written by a newer Lectern and is refused (see `Library::open`).

use rusqlite_migration::{M, Migrations};

const V1_INITIAL: &str = r#"
CREATE TABLE articles (
    id             INTEGER PRIMARY KEY,
    url            TEXT,
    canonical_url  TEXT,
    title          TEXT    NOT NULL,
    byline         TEXT,
    site_name      TEXT,
    lang           TEXT,
    published_at   TEXT,
    saved_at       INTEGER NOT NULL,   -- unix milliseconds
    updated_at     INTEGER NOT NULL,
    word_count     INTEGER NOT NULL DEFAULT 0,
    reading_minutes INTEGER NOT NULL DEFAULT 0,
    excerpt        TEXT    NOT NULL DEFAULT '',
    content_html   TEXT    NOT NULL,   -- sanitized
    content_text   TEXT    NOT NULL,   -- article text: anchors are offsets into it
    source_kind    TEXT    NOT NULL CHECK (source_kind IN ('url','html','markdown','text','epub','seed')),
    content_hash   TEXT    NOT NULL,
    state          TEXT    NOT NULL DEFAULT 'inbox' CHECK (state IN ('inbox','archive')),
    favorite       INTEGER NOT NULL DEFAULT 0 CHECK (favorite IN (0,1)),
    read_progress  REAL    NOT NULL DEFAULT 0 CHECK (read_progress BETWEEN 0 AND 1),
    last_position  INTEGER NOT NULL DEFAULT 0,
    note           TEXT    NOT NULL DEFAULT '',   -- the document-level note (Markdown)
    deleted_at     INTEGER                         -- set: in the trash
);
CREATE UNIQUE INDEX articles_canonical_url ON articles(canonical_url) WHERE canonical_url IS NOT NULL;
CREATE INDEX articles_content_hash ON articles(content_hash);
CREATE INDEX articles_saved_at ON articles(saved_at);

CREATE TABLE tags (
    id    INTEGER PRIMARY KEY,
    name  TEXT NOT NULL UNIQUE COLLATE NOCASE
);
CREATE TABLE article_tags (
    article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    tag_id     INTEGER NOT NULL REFERENCES tags(id) ON DELETE CASCADE,
    PRIMARY KEY (article_id, tag_id)
) WITHOUT ROWID;
CREATE INDEX article_tags_tag ON article_tags(tag_id);

CREATE TABLE highlights (
    id          INTEGER PRIMARY KEY,
    article_id  INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    color       TEXT    NOT NULL,
    start       INTEGER NOT NULL,      -- TextPositionSelector, in article text
    "end"       INTEGER NOT NULL,
    exact       TEXT    NOT NULL,      -- TextQuoteSelector
    prefix      TEXT    NOT NULL DEFAULT '',
    suffix      TEXT    NOT NULL DEFAULT '',
    note        TEXT    NOT NULL DEFAULT '',
    orphaned    INTEGER NOT NULL DEFAULT 0 CHECK (orphaned IN (0,1)),
    created_at  INTEGER NOT NULL,
    updated_at  INTEGER NOT NULL,
    CHECK (start <= "end")
);
CREATE INDEX highlights_article ON highlights(article_id, start);

CREATE TABLE bookmarks (
    id          INTEGER PRIMARY KEY,
    article_id  INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    position    INTEGER NOT NULL,
    label       TEXT    NOT NULL DEFAULT '',
    created_at  INTEGER NOT NULL
);
CREATE INDEX bookmarks_article ON bookmarks(article_id, position);

-- Seeds already offered to this library: a seed the user deleted never comes back.
CREATE TABLE seed_imports (
    name         TEXT PRIMARY KEY,
    imported_at  INTEGER NOT NULL
);

-- Full-text search, kept in step by triggers so no code path can forget it.
CREATE VIRTUAL TABLE articles_fts USING fts5(
    title, byline, site_name, content_text,
    content='articles', content_rowid='id', tokenize='unicode61 remove_diacritics 2'
);
CREATE TRIGGER articles_fts_insert AFTER INSERT ON articles BEGIN
    INSERT INTO articles_fts(rowid, title, byline, site_name, content_text)
    VALUES (new.id, new.title, new.byline, new.site_name, new.content_text);
END;
CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles BEGIN
    INSERT INTO articles_fts(articles_fts, rowid, title, byline, site_name, content_text)
    VALUES ('delete', old.id, old.title, old.byline, old.site_name, old.content_text);
END;
CREATE TRIGGER articles_fts_update AFTER UPDATE OF title, byline, site_name, content_text ON articles BEGIN
    INSERT INTO articles_fts(articles_fts, rowid, title, byline, site_name, content_text)
    VALUES ('delete', old.id, old.title, old.byline, old.site_name, old.content_text);
    INSERT INTO articles_fts(rowid, title, byline, site_name, content_text)
    VALUES (new.id, new.title, new.byline, new.site_name, new.content_text);
END;

CREATE VIRTUAL TABLE highlights_fts USING fts5(
    exact, note,
    content='highlights', content_rowid='id', tokenize='unicode61 remove_diacritics 2'
);
CREATE TRIGGER highlights_fts_insert AFTER INSERT ON highlights BEGIN
    INSERT INTO highlights_fts(rowid, exact, note) VALUES (new.id, new.exact, new.note);
END;
CREATE TRIGGER highlights_fts_delete AFTER DELETE ON highlights BEGIN
    INSERT INTO highlights_fts(highlights_fts, rowid, exact, note) VALUES ('delete', old.id, old.exact, old.note);
END;
CREATE TRIGGER highlights_fts_update AFTER UPDATE OF exact, note ON highlights BEGIN
    INSERT INTO highlights_fts(highlights_fts, rowid, exact, note) VALUES ('delete', old.id, old.exact, old.note);
    INSERT INTO highlights_fts(rowid, exact, note) VALUES (new.id, new.exact, new.note);
END;
"#;

/// Text in languages written without spaces (Chinese, Japanese) is one giant token to
/// unicode61; a trigram index finds any run of three or more characters in it.
const V2_TRIGRAM_INDEX: &str = r#"
CREATE VIRTUAL TABLE articles_trigram USING fts5(
    title, content_text, content='articles', content_rowid='id', tokenize='trigram'
);
INSERT INTO articles_trigram(articles_trigram) VALUES ('rebuild');
CREATE TRIGGER articles_trigram_insert AFTER INSERT ON articles BEGIN
    INSERT INTO articles_trigram(rowid, title, content_text) VALUES (new.id, new.title, new.content_text);
END;
CREATE TRIGGER articles_trigram_delete AFTER DELETE ON articles BEGIN
    INSERT INTO articles_trigram(articles_trigram, rowid, title, content_text) VALUES ('delete', old.id, old.title, old.content_text);
END;
CREATE TRIGGER articles_trigram_update AFTER UPDATE OF title, content_text ON articles BEGIN
    INSERT INTO articles_trigram(articles_trigram, rowid, title, content_text) VALUES ('delete', old.id, old.title, old.content_text);
    INSERT INTO articles_trigram(rowid, title, content_text) VALUES (new.id, new.title, new.content_text);
END;
"#;

/// An article's content is never replaced without keeping what it was: a re-fetch (or
/// a page claiming to be the same article) leaves the previous version here.
const V3_ARTICLE_VERSIONS: &str = r#"
CREATE TABLE article_versions (
    id            INTEGER PRIMARY KEY,
    article_id    INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    url           TEXT,
    title         TEXT    NOT NULL,
    byline        TEXT,
    site_name     TEXT,
    content_html  TEXT    NOT NULL,
    content_text  TEXT    NOT NULL,
    content_hash  TEXT    NOT NULL,
    word_count    INTEGER NOT NULL,
    saved_at      INTEGER NOT NULL,   -- when this version was saved (unix ms)
    replaced_at   INTEGER NOT NULL    -- when newer content took its place
);
CREATE INDEX article_versions_article ON article_versions(article_id, replaced_at);
"#;

/// Imports from other apps and re-fetches find articles by their address: without an
/// index each lookup scanned the table (10,000 Pocket links: 26 s, with it 9 s).
const V4_URL_INDEX: &str = "CREATE INDEX articles_url ON articles(url);";

/// An article imported as a link only whose page could not be downloaded: why, and how
/// often it was tried, so the library and the reader can say so and offer to try again.
/// The row goes when the page arrives (or the article is deleted).
const V5_LINK_DOWNLOADS: &str = r#"
CREATE TABLE link_downloads (
    article_id      INTEGER PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
    attempts        INTEGER NOT NULL,
    last_error      TEXT    NOT NULL,
    last_attempt_at INTEGER NOT NULL   -- unix ms
);
"#;

/// Lists and search read an article's small columns (state, dates, progress, the trash
/// mark) for thousands of rows, and SQLite reads a row's columns in order: behind
/// `content_html` and `content_text` they cost a walk through the article's overflow
/// pages each (a search for a common word read 200 MB at 10,000 articles). The table is
/// rebuilt with the small columns first and the body last (SQLite's documented way to
/// change a table: copy, drop, rename; `Library::open` runs it with foreign keys off and
/// checks them after, so no highlight loses its article). Same ids, same text, so the
/// full-text indexes (which refer to the table by name and rowid) stay valid.
///
/// Also: the shelves' sort orders and the Highlights view get indexes, and
/// `rank` in the article index is the weighted bm25 search orders by (title 10, byline
/// and site 3, text 1, the reader's notes 2), so FTS5 ranks without a per-row function
/// call in our SQL. The notes join the article index (`annotations`), so one ranked
/// query finds an article by its text or by what was written on it.
const V6_SMALL_COLUMNS_FIRST: &str = r#"
CREATE TABLE articles_v6 (
    id             INTEGER PRIMARY KEY,
    state          TEXT    NOT NULL DEFAULT 'inbox' CHECK (state IN ('inbox','archive')),
    favorite       INTEGER NOT NULL DEFAULT 0 CHECK (favorite IN (0,1)),
    read_progress  REAL    NOT NULL DEFAULT 0 CHECK (read_progress BETWEEN 0 AND 1),
    deleted_at     INTEGER,                        -- set: in the trash
    saved_at       INTEGER NOT NULL,               -- unix milliseconds
    updated_at     INTEGER NOT NULL,
    published_at   TEXT,
    word_count     INTEGER NOT NULL DEFAULT 0,
    reading_minutes INTEGER NOT NULL DEFAULT 0,
    last_position  INTEGER NOT NULL DEFAULT 0,
    source_kind    TEXT    NOT NULL CHECK (source_kind IN ('url','html','markdown','text','epub','seed')),
    content_hash   TEXT    NOT NULL,
    url            TEXT,
    canonical_url  TEXT,
    title          TEXT    NOT NULL,
    byline         TEXT,
    site_name      TEXT,
    lang           TEXT,
    excerpt        TEXT    NOT NULL DEFAULT '',
    note           TEXT    NOT NULL DEFAULT '',    -- the document-level note (Markdown)
    annotations    TEXT    NOT NULL DEFAULT '',    -- the note and every highlight's note, for search (triggers)
    content_text   TEXT    NOT NULL,               -- article text: anchors are offsets into it
    content_html   TEXT    NOT NULL                -- sanitized
);
INSERT INTO articles_v6 (id, state, favorite, read_progress, deleted_at, saved_at, updated_at, published_at,
        word_count, reading_minutes, last_position, source_kind, content_hash, url, canonical_url, title, byline,
        site_name, lang, excerpt, note, content_text, content_html)
    SELECT id, state, favorite, read_progress, deleted_at, saved_at, updated_at, published_at,
        word_count, reading_minutes, last_position, source_kind, content_hash, url, canonical_url, title, byline,
        site_name, lang, excerpt, note, content_text, content_html
    FROM articles;
DROP TABLE articles;
ALTER TABLE articles_v6 RENAME TO articles;

CREATE UNIQUE INDEX articles_canonical_url ON articles(canonical_url) WHERE canonical_url IS NOT NULL;
CREATE INDEX articles_content_hash ON articles(content_hash);
CREATE INDEX articles_url ON articles(url);
-- The shelves and their orders (deleted_at IS NULL leads: the trash is a shelf too).
CREATE INDEX articles_saved_at ON articles(deleted_at, saved_at);
CREATE INDEX articles_state_saved_at ON articles(deleted_at, state, saved_at);
CREATE INDEX articles_title ON articles(deleted_at, title COLLATE NOCASE);
CREATE INDEX articles_favorite ON articles(favorite, deleted_at, saved_at) WHERE favorite = 1;
-- The Highlights view: newest first across the library.
CREATE INDEX highlights_created_at ON highlights(created_at);

-- The article index gains the notes: an article is found, and ranked, by what its
-- reader wrote on it too (a quote is the article's own text already).
UPDATE articles SET annotations = trim(note || ' ' || coalesce((SELECT group_concat(h.note, ' ') FROM highlights h
    WHERE h.article_id = articles.id AND h.note != ''), ''));
DROP TABLE articles_fts;
CREATE VIRTUAL TABLE articles_fts USING fts5(
    title, byline, site_name, content_text, annotations,
    content='articles', content_rowid='id', tokenize='unicode61 remove_diacritics 2'
);
INSERT INTO articles_fts(articles_fts) VALUES ('rebuild');
CREATE TRIGGER articles_fts_insert AFTER INSERT ON articles BEGIN
    INSERT INTO articles_fts(rowid, title, byline, site_name, content_text, annotations)
    VALUES (new.id, new.title, new.byline, new.site_name, new.content_text, new.annotations);
END;
CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles BEGIN
    INSERT INTO articles_fts(articles_fts, rowid, title, byline, site_name, content_text, annotations)
    VALUES ('delete', old.id, old.title, old.byline, old.site_name, old.content_text, old.annotations);
END;
CREATE TRIGGER articles_fts_update AFTER UPDATE OF title, byline, site_name, content_text, annotations ON articles BEGIN
    INSERT INTO articles_fts(articles_fts, rowid, title, byline, site_name, content_text, annotations)
    VALUES ('delete', old.id, old.title, old.byline, old.site_name, old.content_text, old.annotations);
    INSERT INTO articles_fts(rowid, title, byline, site_name, content_text, annotations)
    VALUES (new.id, new.title, new.byline, new.site_name, new.content_text, new.annotations);
END;
-- Kept in step with the notes by triggers, so no code path can forget it.
CREATE TRIGGER articles_annotations_note AFTER UPDATE OF note ON articles BEGIN
    UPDATE articles SET annotations = trim(new.note || ' ' || coalesce((SELECT group_concat(h.note, ' ') FROM highlights h
        WHERE h.article_id = new.id AND h.note != ''), '')) WHERE id = new.id;
END;
CREATE TRIGGER articles_annotations_insert AFTER INSERT ON articles WHEN new.note != '' BEGIN
    UPDATE articles SET annotations = new.note WHERE id = new.id;
END;
CREATE TRIGGER highlights_annotations_insert AFTER INSERT ON highlights WHEN new.note != '' BEGIN
    UPDATE articles SET annotations = trim(note || ' ' || coalesce((SELECT group_concat(h.note, ' ') FROM highlights h
        WHERE h.article_id = new.article_id AND h.note != ''), '')) WHERE id = new.article_id;
END;
CREATE TRIGGER highlights_annotations_update AFTER UPDATE OF note ON highlights BEGIN
    UPDATE articles SET annotations = trim(note || ' ' || coalesce((SELECT group_concat(h.note, ' ') FROM highlights h
        WHERE h.article_id = new.article_id AND h.note != ''), '')) WHERE id = new.article_id;
END;
CREATE TRIGGER highlights_annotations_delete AFTER DELETE ON highlights WHEN old.note != '' BEGIN
    UPDATE articles SET annotations = trim(note || ' ' || coalesce((SELECT group_concat(h.note, ' ') FROM highlights h
        WHERE h.article_id = old.article_id AND h.note != ''), '')) WHERE id = old.article_id;
END;
CREATE TRIGGER articles_trigram_insert AFTER INSERT ON articles BEGIN
    INSERT INTO articles_trigram(rowid, title, content_text) VALUES (new.id, new.title, new.content_text);
END;
CREATE TRIGGER articles_trigram_delete AFTER DELETE ON articles BEGIN
    INSERT INTO articles_trigram(articles_trigram, rowid, title, content_text) VALUES ('delete', old.id, old.title, old.content_text);
END;
CREATE TRIGGER articles_trigram_update AFTER UPDATE OF title, content_text ON articles BEGIN
    INSERT INTO articles_trigram(articles_trigram, rowid, title, content_text) VALUES ('delete', old.id, old.title, old.content_text);
    INSERT INTO articles_trigram(rowid, title, content_text) VALUES (new.id, new.title, new.content_text);
END;

INSERT INTO articles_fts(articles_fts, rank) VALUES ('rank', 'bm25(10.0, 3.0, 3.0, 1.0, 2.0)');
"#;

/// The trigram index (for text without spaces: Chinese, Japanese, Korean) held every
/// article: 40% of a library of English articles, for nothing. Now it holds only the
/// articles with such characters in their title or text, as `lectern_needs_trigram`
/// (a function `Library` registers on its connection) decides, identically when a row
/// is indexed and when it is taken out. A search term in those scripts can only match
/// those articles, so nothing is lost, and a term of 1–2 characters (too short for
/// trigrams) scans only them.
const V7_TRIGRAMS_WHERE_NEEDED: &str = r#"
DROP TRIGGER articles_trigram_insert;
DROP TRIGGER articles_trigram_delete;
DROP TRIGGER articles_trigram_update;
INSERT INTO articles_trigram(articles_trigram) VALUES ('delete-all');
INSERT INTO articles_trigram(rowid, title, content_text)
    SELECT id, title, content_text FROM articles WHERE lectern_needs_trigram(title, content_text);
CREATE TRIGGER articles_trigram_insert AFTER INSERT ON articles WHEN lectern_needs_trigram(new.title, new.content_text) BEGIN
    INSERT INTO articles_trigram(rowid, title, content_text) VALUES (new.id, new.title, new.content_text);
END;
CREATE TRIGGER articles_trigram_delete AFTER DELETE ON articles WHEN lectern_needs_trigram(old.title, old.content_text) BEGIN
    INSERT INTO articles_trigram(articles_trigram, rowid, title, content_text) VALUES ('delete', old.id, old.title, old.content_text);
END;
-- One trigger, so the old row always leaves the index before the new one enters.
CREATE TRIGGER articles_trigram_update AFTER UPDATE OF title, content_text ON articles BEGIN
    INSERT INTO articles_trigram(articles_trigram, rowid, title, content_text)
        SELECT 'delete', old.id, old.title, old.content_text WHERE lectern_needs_trigram(old.title, old.content_text);
    INSERT INTO articles_trigram(rowid, title, content_text)
        SELECT new.id, new.title, new.content_text WHERE lectern_needs_trigram(new.title, new.content_text);
END;
"#;

/// Highlights are matched in Rust for the results shown, and their notes are found
/// through articles_fts (the annotations column, schema 6): this index has had no reader
/// since, and cost every highlight write a second index update.
const V9_NO_HIGHLIGHTS_FTS: &str = r#"
DROP TRIGGER IF EXISTS highlights_fts_insert;
DROP TRIGGER IF EXISTS highlights_fts_delete;
DROP TRIGGER IF EXISTS highlights_fts_update;
DROP TABLE IF EXISTS highlights_fts;
"#;

/// A highlight's colour is one of five words (`HighlightColor`), now checked by the
/// table as the article's state and source already were: a write with any other word
/// fails instead of being read back as yellow. A word written before this check is
/// yellow from now on, as it was shown. The table is rebuilt (SQLite adds a CHECK no
/// other way) with the same ids, columns, indexes and triggers.
const V10_HIGHLIGHT_COLOR_CHECK: &str = r#"
-- Refers to highlights: it would stop the rename while no table has that name.
DROP TRIGGER articles_annotations_note;
CREATE TABLE highlights_v10 (
    id          INTEGER PRIMARY KEY,
    article_id  INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    color       TEXT    NOT NULL CHECK (color IN ('yellow','green','blue','pink','purple')),
    start       INTEGER NOT NULL CHECK (start >= 0),  -- TextPositionSelector, in article text
    "end"       INTEGER NOT NULL,
    exact       TEXT    NOT NULL,                     -- TextQuoteSelector
    prefix      TEXT    NOT NULL DEFAULT '',
    suffix      TEXT    NOT NULL DEFAULT '',
    note        TEXT    NOT NULL DEFAULT '',
    orphaned    INTEGER NOT NULL DEFAULT 0 CHECK (orphaned IN (0,1)),
    created_at  INTEGER NOT NULL,
    updated_at  INTEGER NOT NULL,
    CHECK (start <= "end")
);
INSERT INTO highlights_v10 (id, article_id, color, start, "end", exact, prefix, suffix, note, orphaned, created_at, updated_at)
    SELECT id, article_id, CASE WHEN color IN ('yellow','green','blue','pink','purple') THEN color ELSE 'yellow' END,
        max(start, 0), max("end", 0), exact, prefix, suffix, note, orphaned, created_at, updated_at
    FROM highlights;
DROP TABLE highlights;
ALTER TABLE highlights_v10 RENAME TO highlights;
CREATE INDEX highlights_article ON highlights(article_id, start);
CREATE INDEX highlights_created_at ON highlights(created_at);
CREATE TRIGGER highlights_annotations_insert AFTER INSERT ON highlights WHEN new.note != '' BEGIN
    UPDATE articles SET annotations = trim(note || ' ' || coalesce((SELECT group_concat(h.note, ' ') FROM highlights h
        WHERE h.article_id = new.article_id AND h.note != ''), '')) WHERE id = new.article_id;
END;
CREATE TRIGGER highlights_annotations_update AFTER UPDATE OF note ON highlights BEGIN
    UPDATE articles SET annotations = trim(note || ' ' || coalesce((SELECT group_concat(h.note, ' ') FROM highlights h
        WHERE h.article_id = new.article_id AND h.note != ''), '')) WHERE id = new.article_id;
END;
CREATE TRIGGER highlights_annotations_delete AFTER DELETE ON highlights WHEN old.note != '' BEGIN
    UPDATE articles SET annotations = trim(note || ' ' || coalesce((SELECT group_concat(h.note, ' ') FROM highlights h
        WHERE h.article_id = old.article_id AND h.note != ''), '')) WHERE id = old.article_id;
END;
CREATE TRIGGER articles_annotations_note AFTER UPDATE OF note ON articles BEGIN
    UPDATE articles SET annotations = trim(new.note || ' ' || coalesce((SELECT group_concat(h.note, ' ') FROM highlights h
        WHERE h.article_id = new.id AND h.note != ''), '')) WHERE id = new.id;
END;
"#;

/// Every order a shelf can be listed in has an index, for the shelves of one state
/// (inbox, archive) and for all of them: without one, a page sorted by publication date,
/// progress or length sorted the whole shelf first (31–38 ms at 10,000 articles, against
/// 1 ms with it). The saved-date and title orders had theirs. The expressions are the
/// ones `SortOrder` orders by, so the planner can walk the index instead of sorting.
const V11_SORT_INDEXES: &str = r#"
CREATE INDEX IF NOT EXISTS articles_state_published ON articles(deleted_at, state, (published_at IS NULL), coalesce(published_at, '') DESC, saved_at DESC);
CREATE INDEX IF NOT EXISTS articles_published ON articles(deleted_at, (published_at IS NULL), coalesce(published_at, '') DESC, saved_at DESC);
CREATE INDEX IF NOT EXISTS articles_state_progress ON articles(deleted_at, state, read_progress, saved_at);
CREATE INDEX IF NOT EXISTS articles_progress ON articles(deleted_at, read_progress, saved_at);
CREATE INDEX IF NOT EXISTS articles_state_words ON articles(deleted_at, state, word_count);
CREATE INDEX IF NOT EXISTS articles_words ON articles(deleted_at, word_count);
"#;

/// Article HTML is stored packed (`library/packed_html.rs`), that of earlier versions too.
const V12_PACKED_HTML: &str = r#"
UPDATE articles SET content_html = lectern_pack(content_html) WHERE typeof(content_html) = 'text';
UPDATE article_versions SET content_html = lectern_pack(content_html) WHERE typeof(content_html) = 'text';
"#;

/// Titles apart, in their own small index: search puts the articles whose title holds
/// the words first, and asking the article index which those are reads the positions
/// of every match in every column (0.5 ms for a phrase, 0.01 ms here).
const V13_TITLES_INDEX: &str = r#"
CREATE VIRTUAL TABLE IF NOT EXISTS titles_fts USING fts5(
    title, content='articles', content_rowid='id', tokenize='unicode61 remove_diacritics 2',
    columnsize=0 -- never ranked: no lengths to keep
);
INSERT INTO titles_fts(titles_fts) VALUES ('rebuild');
CREATE TRIGGER IF NOT EXISTS titles_fts_insert AFTER INSERT ON articles BEGIN
    INSERT INTO titles_fts(rowid, title) VALUES (new.id, new.title);
END;
CREATE TRIGGER IF NOT EXISTS titles_fts_delete AFTER DELETE ON articles BEGIN
    INSERT INTO titles_fts(titles_fts, rowid, title) VALUES ('delete', old.id, old.title);
END;
CREATE TRIGGER IF NOT EXISTS titles_fts_update AFTER UPDATE OF title ON articles BEGIN
    INSERT INTO titles_fts(titles_fts, rowid, title) VALUES ('delete', old.id, old.title);
    INSERT INTO titles_fts(rowid, title) VALUES (new.id, new.title);
END;
"#;

/// The first version with packed HTML: a library updated across it is compacted once,
/// to give back the space the packing freed.
pub const PACKED_HTML_VERSION: i64 = 12;

/// Every migration, oldest first. Append only.
fn all_migrations() -> Vec<M<'static>> {
    vec![
        M::up(V1_INITIAL),
        M::up(V2_TRIGRAM_INDEX),
        M::up(V3_ARTICLE_VERSIONS),
        M::up(V4_URL_INDEX),
        M::up(V5_LINK_DOWNLOADS),
        M::up(V6_SMALL_COLUMNS_FIRST).foreign_key_check(),
        M::up(V7_TRIGRAMS_WHERE_NEEDED),
        // Code, not SQL: the separators come from parsing each article's HTML.
        M::up_with_hook("", |tx: &rusqlite::Transaction<'_>| {
            super::block_boundaries::separate_blocks(tx).map(|_| ()).map_err(rusqlite_migration::HookError::RusqliteError)
        }),
        M::up(V9_NO_HIGHLIGHTS_FTS),
        M::up(V10_HIGHLIGHT_COLOR_CHECK).foreign_key_check(),
        M::up(V11_SORT_INDEXES),
        M::up(V12_PACKED_HTML),
        M::up(V13_TITLES_INDEX),
    ]
}

/// The migrations, for `rusqlite_migration` to run.
pub fn migrations() -> Migrations<'static> {
    Migrations::new(all_migrations())
}

/// The schema version this build writes.
pub fn latest_version() -> i64 {
    all_migrations().len() as i64
}
