//! Saving from the browser: the native-messaging framing (partial reads, oversize and
//! malformed messages) and the host answering on a real library file, while another
//! connection (the app) has it open.

use std::io::{Cursor, Read};

use lectern_core::Library;
use lectern_core::capture::native::{FrameError, MAX_MESSAGE_BYTES, read_message, serve, write_message};
use serde_json::{Value, json};

const PAGE: &str = r#"<!doctype html><html lang="en"><head><title>The night trains return | Rail Weekly</title></head><body>
<nav><a href="/">Home</a> / <a href="/news">News</a></nav>
<article><h1>The night trains return</h1>
<p>Sleeper services are coming back across Europe, and travellers who would rather arrive rested than rushed are choosing them again.</p>
<p>There is something about a cabin of one's own that no seat can match, however wide the seat and however fast the train.</p>
<p>Operators report full cabins on the new routes to Vienna, Prague and Stockholm, with <a href="/routes">more routes</a> planned.</p>
</article></body></html>"#;

fn frame(message: &Value) -> Vec<u8> {
    let mut bytes = Vec::new();
    write_message(&mut bytes, message).unwrap();
    bytes
}

/// Feed `input` to the host; return its replies.
fn host(input: Vec<u8>, library: &std::path::Path) -> Vec<Value> {
    host_opening(input, library, &|_| Ok(()))
}

/// Feed `input` to the host, which hands `lectern://` links to `open_link`.
fn host_opening(input: Vec<u8>, library: &std::path::Path, open_link: &dyn Fn(&str) -> std::io::Result<()>) -> Vec<Value> {
    let mut output = Vec::new();
    serve(&mut Cursor::new(input), &mut output, library, open_link).unwrap();
    let mut replies = Vec::new();
    let mut reader = Cursor::new(output);
    while let Some(reply) = read_message(&mut reader).unwrap() {
        replies.push(serde_json::from_slice(&reply).unwrap());
    }
    replies
}

fn save(selection: Option<&str>) -> Value {
    json!({ "action": "save", "url": "http://127.0.0.1:9/news/night-trains", "title": "The night trains return", "html": PAGE, "selection": selection })
}

/// A reader that hands out at most `step` bytes per read, as a pipe may.
struct Trickle(Cursor<Vec<u8>>, usize);

impl Read for Trickle {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = buf.len().min(self.1);
        self.0.read(&mut buf[..n])
    }
}

#[test]
fn messages_arriving_a_few_bytes_at_a_time_are_read_whole() {
    let mut input = frame(&json!({ "action": "ping" }));
    input.extend(frame(&save(None)));
    let mut trickle = Trickle(Cursor::new(input), 3);
    let first: Value = serde_json::from_slice(&read_message(&mut trickle).unwrap().unwrap()).unwrap();
    assert_eq!(first["action"], "ping");
    let second: Value = serde_json::from_slice(&read_message(&mut trickle).unwrap().unwrap()).unwrap();
    assert_eq!(second["title"], "The night trains return");
    assert!(read_message(&mut trickle).unwrap().is_none(), "a clean end after the last message");
}

#[test]
fn a_message_cut_short_or_announcing_too_much_is_refused() {
    let mut cut = frame(&save(None));
    cut.truncate(cut.len() / 2);
    assert!(matches!(read_message(&mut Cursor::new(cut)), Err(FrameError::Truncated)));
    assert!(matches!(read_message(&mut Cursor::new(vec![7, 0])), Err(FrameError::Truncated)), "half a length prefix");
    let huge = (MAX_MESSAGE_BYTES + 1).to_ne_bytes().to_vec();
    assert!(matches!(read_message(&mut Cursor::new(huge.clone())), Err(FrameError::TooLarge(_))));

    let dir = tempfile::tempdir().unwrap();
    let replies = host(huge, &dir.path().join("library.sqlite3"));
    assert_eq!(replies.len(), 1);
    assert_eq!(replies[0]["ok"], false);
    assert_eq!(replies[0]["error"]["kind"], "invalidInput");
    assert!(replies[0]["error"]["message"].as_str().unwrap().contains("up to 64 MB"));
}

#[test]
fn malformed_or_hostile_messages_get_an_error_and_the_host_goes_on() {
    let dir = tempfile::tempdir().unwrap();
    let library = dir.path().join("library.sqlite3");
    let mut input = Vec::new();
    for raw in [
        &b"{not json"[..],
        br#"{"action":"format-disk"}"#,
        br#"{"action":"save","url":"javascript:alert(1)","html":"<p>x</p>"}"#,
        b"\xff\xfe",
    ] {
        input.extend((raw.len() as u32).to_ne_bytes());
        input.extend(raw);
    }
    input.extend(frame(&json!({ "action": "save", "url": "http://127.0.0.1:9/x", "html": "\u{0}\u{1}binary" })));
    input.extend(frame(&json!({ "action": "ping" })));
    let replies = host(input, &library);
    assert_eq!(replies.len(), 6, "one reply per message: {replies:?}");
    for reply in &replies[..5] {
        assert_eq!(reply["ok"], false, "{reply}");
        assert!(!reply["error"]["message"].as_str().unwrap().is_empty());
    }
    assert_eq!(replies[5]["ok"], true, "still answering after bad messages");
    if library.exists() {
        assert!(Library::open(&library).unwrap().list_articles().unwrap().is_empty(), "nothing saved from bad messages");
    }
}

#[test]
fn a_saved_page_keeps_its_selection_as_a_highlight_and_is_never_saved_twice() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("library.sqlite3");
    // The app has the library open while the host writes to it.
    let app = Library::open(&path).unwrap();
    let before = app.data_version().unwrap();

    let replies = host(frame(&save(Some("a cabin of one's own that no seat can match"))), &path);
    assert_eq!(replies[0]["ok"], true, "{:?}", replies[0]);
    assert_eq!(replies[0]["status"], "added");
    assert_eq!(replies[0]["selection"], "highlighted");
    assert!(replies[0]["title"].as_str().unwrap().starts_with("The night trains return"), "{}", replies[0]);
    let id = replies[0]["id"].as_i64().unwrap();

    assert_ne!(app.data_version().unwrap(), before, "the app can tell another program changed the library");
    let article = app.get_article(id).unwrap();
    assert!(!article.content_html.contains("News</a>"), "the breadcrumb is not part of the article");
    assert!(
        article.content_html.contains(r#"href="http://127.0.0.1:9/routes""#),
        "relative links point at the page's site: {}",
        article.content_html
    );
    let highlights = app.highlights_for(id).unwrap();
    assert_eq!(highlights.len(), 1);
    assert_eq!(highlights[0].selector.exact, "a cabin of one's own that no seat can match");
    assert!(!highlights[0].orphaned);

    let again = host(
        [frame(&save(Some("a cabin of one's own that no seat can match"))), frame(&save(Some("Menu that is nowhere")))].concat(),
        &path,
    );
    assert_eq!(again[0]["status"], "exists");
    assert_eq!(again[0]["selection"], "alreadyHighlighted");
    assert_eq!(again[1]["selection"], "kept", "a selection outside the article is kept, not lost");
    assert_eq!(app.list_articles().unwrap().len(), 1);
    assert_eq!(app.highlights_for(id).unwrap().len(), 2);
}

#[test]
fn open_in_lectern_hands_the_article_link_to_the_system() {
    let dir = tempfile::tempdir().unwrap();
    let library = dir.path().join("library.sqlite3");
    let opened = std::cell::RefCell::new(Vec::new());
    let record = |link: &str| {
        opened.borrow_mut().push(link.to_string());
        Ok(())
    };
    let input = [json!({ "action": "open", "id": 7 }), json!({ "action": "open", "id": 0 }), json!({ "action": "open" })]
        .iter()
        .flat_map(frame)
        .collect();
    let replies = host_opening(input, &library, &record);
    assert_eq!(replies[0], json!({ "ok": true }));
    assert_eq!(replies[1]["error"]["message"], "The browser named no article to open.");
    assert_eq!(replies[2]["ok"], false, "an open without an id is refused");
    assert_eq!(*opened.borrow(), ["lectern://open?id=7"], "only the valid request reached the system");

    let broken = |_: &str| Err(std::io::Error::new(std::io::ErrorKind::NotFound, "xdg-open is not installed"));
    let replies = host_opening(frame(&json!({ "action": "open", "id": 7 })), &library, &broken);
    assert_eq!(replies[0]["ok"], false);
    assert!(replies[0]["error"]["message"].as_str().unwrap().contains("xdg-open is not installed"), "{}", replies[0]);
}
