//! Article HTML is stored deflated: it is read whole, only to be shown, never searched
//! (search reads the article text), and it is half of what a library weighs. Packed, a
//! library of 10,000 articles is a fifth smaller. Two SQL functions do it, so every
//! query says where HTML is packed and unpacked: `lectern_pack(html)` and
//! `lectern_unpack(content_html)`. HTML written before packing (text, not a blob) reads
//! back as it is.

use std::io::{Read, Write};

use flate2::Compression;
use flate2::read::ZlibDecoder;
use flate2::write::ZlibEncoder;
use rusqlite::Connection;
use rusqlite::functions::FunctionFlags;
use rusqlite::types::{Value, ValueRef};

/// Packed HTML: zlib, whose checksum catches a damaged row. The fast level: packing runs
/// in the one writer of an import, and the best level saves a few percent more for
/// three times the time.
pub fn pack(html: &str) -> Vec<u8> {
    let mut encoder = ZlibEncoder::new(Vec::with_capacity(html.len() / 3), Compression::fast());
    encoder.write_all(html.as_bytes()).expect("writing to memory");
    encoder.finish().expect("writing to memory")
}

/// The HTML of a packed row.
pub fn unpack(packed: &[u8]) -> std::io::Result<String> {
    let mut html = String::with_capacity(packed.len() * 4);
    ZlibDecoder::new(packed).read_to_string(&mut html)?;
    Ok(html)
}

/// `lectern_pack(text)` → blob and `lectern_unpack(text or blob)` → text, on `conn`.
pub fn register(conn: &Connection) -> rusqlite::Result<()> {
    let flags = FunctionFlags::SQLITE_UTF8 | FunctionFlags::SQLITE_DETERMINISTIC | FunctionFlags::SQLITE_INNOCUOUS;
    conn.create_scalar_function("lectern_pack", 1, flags, |context| {
        let html: String = context.get(0)?;
        Ok(pack(&html))
    })?;
    conn.create_scalar_function("lectern_unpack", 1, flags, |context| match context.get_raw(0) {
        ValueRef::Blob(packed) => Ok(Value::Text(unpack(packed).map_err(damaged)?)),
        // Stored before packing: the HTML itself.
        ValueRef::Text(html) => Ok(Value::Text(String::from_utf8_lossy(html).into_owned())),
        ValueRef::Null => Ok(Value::Null),
        ValueRef::Integer(n) => Ok(Value::Integer(n)),
        ValueRef::Real(x) => Ok(Value::Real(x)),
    })
}

/// Packed HTML that does not unpack was damaged on disk: reported as SQLite reports a
/// damaged page (SQLITE_CORRUPT, whose message would reset the code, so it is logged),
/// so the user is offered the rescue rather than shown a database error.
fn damaged(error: std::io::Error) -> rusqlite::Error {
    log::error!("damaged article HTML: {error}");
    rusqlite::Error::SqliteFailure(rusqlite::ffi::Error::new(rusqlite::ffi::SQLITE_CORRUPT), None)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_comes_back_as_it_went_in_and_smaller() {
        let html = "<p>Night trains return to the Alps, and the timetable is <em>back</em>.</p>\n".repeat(200);
        let packed = pack(&html);
        assert!(packed.len() * 5 < html.len(), "{} → {}", html.len(), packed.len());
        assert_eq!(unpack(&packed).unwrap(), html);
    }

    #[test]
    fn the_sql_functions_pack_and_unpack_and_pass_old_text_through() {
        let conn = Connection::open_in_memory().unwrap();
        register(&conn).unwrap();
        let html = "<p>Ünïcode, “quotes” and 中文.</p>";
        let (kind, back): (String, String) = conn
            .query_row("SELECT typeof(lectern_pack(?1)), lectern_unpack(lectern_pack(?1))", [html], |r| Ok((r.get(0)?, r.get(1)?)))
            .unwrap();
        assert_eq!((kind.as_str(), back.as_str()), ("blob", html));
        let old: String = conn.query_row("SELECT lectern_unpack(?1)", [html], |r| r.get(0)).unwrap();
        assert_eq!(old, html, "HTML stored before packing reads as it is");
        let damaged = conn.query_row("SELECT lectern_unpack(x'789c0102')", [], |r| r.get::<_, String>(0)).unwrap_err();
        let error = crate::error::Error::from(damaged);
        assert_eq!(error.kind(), crate::error::ErrorKind::Corrupt, "a damaged row is damage, with the rescue offered: {error}");
    }
}
