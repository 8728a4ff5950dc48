//! Article HTML is stored packed (schema 12): a library from before is packed when it is
//! opened, reads exactly as it did, and gives the space back.

use lectern_core::Library;
use lectern_core::import::import_bytes;

fn article_page(n: usize) -> String {
    let paragraph = format!("<p>Night train number {n} leaves the valley at dawn, and its timetable is printed in full below.</p>");
    format!(
        "<html><head><title>Night train {n}</title></head><body><article><h1>Night train {n}</h1>{}</article></body></html>",
        paragraph.repeat(60)
    )
}

#[test]
fn a_library_from_before_packing_is_packed_on_opening_and_reads_as_before() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("library.sqlite3");
    let (ids, before): (Vec<i64>, Vec<String>) = {
        let mut library = Library::open(&path).unwrap();
        let ids: Vec<i64> =
            (0..5).map(|n| library.save_article(&import_bytes("train.html", article_page(n).as_bytes()).unwrap()).unwrap().id()).collect();
        let html = ids.iter().map(|id| library.get_article(*id).unwrap().content_html).collect();
        (ids, html)
    };
    // Write the articles as Lectern stored them before schema 12: HTML as text.
    {
        let conn = rusqlite::Connection::open(&path).unwrap();
        lectern_core::library::register_functions(&conn).unwrap();
        conn.execute_batch("UPDATE articles SET content_html = lectern_unpack(content_html); PRAGMA user_version = 11;").unwrap();
        let texts: i64 = conn.query_row("SELECT count(*) FROM articles WHERE typeof(content_html) = 'text'", [], |r| r.get(0)).unwrap();
        assert!(texts >= 5);
    }

    let library = Library::open(&path).unwrap();
    assert_eq!(library.schema_version().unwrap(), lectern_core::library::schema::latest_version());
    let after: Vec<String> = ids.iter().map(|id| library.get_article(*id).unwrap().content_html).collect();
    assert_eq!(after, before, "every article reads exactly as before");
    drop(library);
    let conn = rusqlite::Connection::open(&path).unwrap();
    let (unpacked, stored, html): (i64, i64, i64) = conn
        .query_row(
            "SELECT count(*) FILTER (WHERE typeof(content_html) != 'blob'), sum(length(content_html)), \
             sum(length(CAST(content_html AS BLOB))) FROM articles WHERE id IN (SELECT value FROM json_each(?1))",
            [serde_json::to_string(&ids).unwrap()],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .unwrap();
    assert_eq!(unpacked, 0, "every article's HTML is packed");
    let html_bytes: usize = before.iter().map(String::len).sum();
    assert!((stored as usize) * 4 < html_bytes, "packed {stored} bytes of {html_bytes} ({html})");
    let free: i64 = conn.query_row("PRAGMA freelist_count", [], |r| r.get(0)).unwrap();
    assert_eq!(free, 0, "the space the packing freed was given back");
}
