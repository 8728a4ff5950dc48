//! Enumerations are stored as words, and the library file itself refuses any other
//! word: the Rust lists (`TextEnum::WORDS`) and the schema's CHECK lists agree, and a
//! library from before the colour check (schema 10) is brought into it without losing
//! a highlight.

mod support;

use lectern_core::Library;
use lectern_core::annotate::HighlightColor;
use lectern_core::import::{SourceKind, import_bytes};
use lectern_core::library::ArticleState;
use lectern_core::sql::TextEnum;

const PAGE: &str = "<html><head><title>Night trains</title></head><body><article><p>Sleeper trains run again across Europe, \
    from Vienna to Paris and from Zurich to Amsterdam, every night of the week.</p></article></body></html>";

fn library_with_a_highlight(path: &std::path::Path) -> (i64, i64) {
    let mut library = Library::open(path).unwrap();
    let id = library.save_article(&import_bytes("trains.html", PAGE.as_bytes()).unwrap()).unwrap().id();
    let highlight = support::highlight_quote(&mut library, id, "Sleeper trains", HighlightColor::Green);
    (id, highlight.id)
}

/// Write `word` into `column` of `table`'s row `id` with SQL, as another program could.
fn write_word(conn: &rusqlite::Connection, table: &str, column: &str, id: i64, word: &str) -> rusqlite::Result<usize> {
    conn.execute(&format!("UPDATE {table} SET {column} = ?2 WHERE id = ?1"), rusqlite::params![id, word])
}

fn accepts_exactly<T: TextEnum>(conn: &rusqlite::Connection, table: &str, column: &str, id: i64, stranger: &str) {
    for (_, word) in T::WORDS {
        write_word(conn, table, column, id, word).unwrap_or_else(|e| panic!("{table}.{column} refuses {word:?}: {e}"));
    }
    let refused = write_word(conn, table, column, id, stranger);
    assert!(refused.is_err(), "{table}.{column} accepts {stranger:?}");
}

#[test]
fn the_library_file_accepts_every_word_of_each_enumeration_and_no_other() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("library.sqlite3");
    let (article, highlight) = library_with_a_highlight(&path);
    let conn = rusqlite::Connection::open(&path).unwrap();
    lectern_core::library::register_functions(&conn).unwrap();
    accepts_exactly::<HighlightColor>(&conn, "highlights", "color", highlight, "orange");
    accepts_exactly::<ArticleState>(&conn, "articles", "state", article, "deleted");
    accepts_exactly::<SourceKind>(&conn, "articles", "source_kind", article, "pdf");
}

#[test]
fn a_colour_written_before_the_check_reads_as_yellow_and_every_highlight_stays() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("library.sqlite3");
    let (article, first) = library_with_a_highlight(&path);
    let second = {
        let mut library = Library::open(&path).unwrap();
        support::highlight_quote(&mut library, article, "every night", HighlightColor::Blue).id
    };
    {
        // The highlights table as schema 9 had it: no check on the colour.
        let conn = rusqlite::Connection::open(&path).unwrap();
        conn.execute_batch(
            r#"PRAGMA foreign_keys = OFF; PRAGMA legacy_alter_table = ON;
            CREATE TABLE highlights_old (id INTEGER PRIMARY KEY, article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
                color TEXT NOT NULL, start INTEGER NOT NULL, "end" INTEGER NOT NULL, exact TEXT NOT NULL, prefix TEXT NOT NULL DEFAULT '',
                suffix TEXT NOT NULL DEFAULT '', note TEXT NOT NULL DEFAULT '', orphaned INTEGER NOT NULL DEFAULT 0,
                created_at INTEGER NOT NULL, updated_at INTEGER NOT NULL);
            INSERT INTO highlights_old SELECT * FROM highlights;
            DROP TABLE highlights;
            ALTER TABLE highlights_old RENAME TO highlights;
            PRAGMA user_version = 9;"#,
        )
        .unwrap();
        write_word(&conn, "highlights", "color", first, "orange").unwrap();
    }

    let mut library = Library::open(&path).unwrap();
    assert_eq!(library.schema_version().unwrap(), lectern_core::library::schema::latest_version());
    let colours: Vec<(i64, HighlightColor, String)> =
        library.highlights_for(article).unwrap().into_iter().map(|h| (h.id, h.color, h.selector.exact)).collect();
    assert_eq!(colours, [(first, HighlightColor::Yellow, "Sleeper trains".into()), (second, HighlightColor::Blue, "every night".into())]);
    // The rebuilt table keeps its triggers: a note is found by search at once.
    library.set_highlight_note(second, "overnight comfort").unwrap();
    assert_eq!(library.search("overnight", None).unwrap().hits.len(), 1);
}
