//! Importing by URL, over real HTTP against a local server (never the internet).

mod support;

use std::io::{Read, Write};
use std::net::TcpListener;
use std::sync::Arc;
use std::sync::atomic::Ordering;
use std::thread;
use std::time::Duration;

use lectern_core::annotate::{HighlightColor, Reanchored};
use lectern_core::import::web::{FetchLimits, import_url, import_url_within};
use lectern_core::import::{Budget, CancelToken};
use lectern_core::library::refetch;
use lectern_core::{ErrorKind, Library, SaveOutcome};

/// A canned response for a path.
struct Route {
    path: &'static str,
    status: &'static str,
    headers: Vec<(String, String)>,
    body: Vec<u8>,
    /// Wait this long before answering (timeouts).
    delay: Duration,
    /// Send the body one byte at a time, this long apart (a server that drips).
    drip: Option<Duration>,
    /// Answer 503 this many times before serving the page (a server briefly down).
    unavailable_times: std::sync::atomic::AtomicUsize,
}

fn route(path: &'static str, content_type: &str, body: impl Into<Vec<u8>>) -> Route {
    Route {
        path,
        status: "200 OK",
        headers: vec![("Content-Type".into(), content_type.into())],
        body: body.into(),
        delay: Duration::ZERO,
        drip: None,
        unavailable_times: 0.into(),
    }
}

/// Serve `routes` on 127.0.0.1 until the test ends; returns the base URL.
fn serve(routes: Vec<Route>) -> String {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    let routes = Arc::new(routes);
    thread::spawn(move || {
        for stream in listener.incoming().take(64) {
            let Ok(mut stream) = stream else { continue };
            let routes = Arc::clone(&routes);
            thread::spawn(move || {
                let mut request = [0u8; 4096];
                let n = stream.read(&mut request).unwrap_or(0);
                let request = String::from_utf8_lossy(&request[..n]);
                let path = request.split_whitespace().nth(1).unwrap_or("/").to_string();
                let Some(route) = routes.iter().find(|r| r.path == path) else {
                    let _ = stream.write_all(b"HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
                    return;
                };
                thread::sleep(route.delay);
                let down = route.unavailable_times.fetch_update(Ordering::SeqCst, Ordering::SeqCst, |n| n.checked_sub(1)).is_ok();
                if down {
                    let _ = stream.write_all(b"HTTP/1.1 503 Service Unavailable\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
                    return;
                }
                let mut head = format!("HTTP/1.1 {}\r\nContent-Length: {}\r\nConnection: close\r\n", route.status, route.body.len());
                for (name, value) in &route.headers {
                    head.push_str(&format!("{name}: {value}\r\n"));
                }
                head.push_str("\r\n");
                let _ = stream.write_all(head.as_bytes());
                match route.drip {
                    None => {
                        let _ = stream.write_all(&route.body);
                    }
                    Some(pause) => {
                        for byte in &route.body {
                            if stream.write_all(&[*byte]).and_then(|()| stream.flush()).is_err() {
                                return; // the client hung up
                            }
                            thread::sleep(pause);
                        }
                    }
                }
            });
        }
    });
    base
}

fn article_page(title: &str) -> String {
    let paragraph = "Slow travel by night train is returning to Europe, with new sleeper routes, better cabins and a new generation of travellers who would rather arrive rested than rushed. ";
    format!(
        r#"<!doctype html><html lang="en"><head><title>{title}</title>
        <meta property="og:site_name" content="Rail Weekly"><meta name="author" content="Ada Lovelace"></head>
        <body><nav><a href="/">Home</a></nav><article><h1>{title}</h1>
        <p>{p}</p><p>{p} <a href="/routes/vienna">Vienna route</a></p><p>{p}</p>
        <img src="/images/cabin.jpg" alt="A cabin"><script>steal()</script></article></body></html>"#,
        p = paragraph.repeat(2)
    )
}

fn quick() -> FetchLimits {
    FetchLimits { timeout: Duration::from_secs(2), max_bytes: 64 * 1024, max_redirects: 3 }
}

#[test]
fn a_page_is_fetched_extracted_sanitized_and_saved_once() {
    let jpeg = [0xFF, 0xD8, 0xFF, 0xE0, 0, 16, b'J', b'F', b'I', b'F'];
    let base = serve(vec![
        route("/night-trains", "text/html; charset=utf-8", article_page("The night trains are coming back to Europe")),
        route("/images/cabin.jpg", "image/jpeg", jpeg.to_vec()),
    ]);
    let article = import_url(&format!("{base}/night-trains"), quick()).unwrap();
    assert_eq!(article.title, "The night trains are coming back to Europe");
    assert_eq!(article.byline.as_deref(), Some("Ada Lovelace"));
    assert_eq!(article.site_name.as_deref(), Some("Rail Weekly"));
    assert_eq!(article.url.as_deref(), Some(format!("{base}/night-trains").as_str()));
    assert!(!article.content_html.contains("steal"), "scripts must be gone");
    assert!(article.content_html.contains(&format!("{base}/routes/vienna")), "relative links become absolute: {}", article.content_html);
    assert!(article.content_html.contains("src=\"data:image/jpeg;base64,/9j/4A"), "images are embedded: {}", article.content_html);

    let dir = tempfile::tempdir().unwrap();
    let mut library = Library::open(&dir.path().join("library.sqlite3")).unwrap();
    let first = library.save_article(&article).unwrap();
    assert!(matches!(first, SaveOutcome::Added { .. }));
    let again = import_url(&format!("{base}/night-trains"), quick()).unwrap();
    assert_eq!(library.save_article(&again).unwrap(), SaveOutcome::AlreadySaved { id: first.id() });
}

#[test]
fn the_same_story_under_another_address_is_recognised_by_its_canonical_url() {
    let page = article_page("One story reached through two different addresses")
        .replace("<head>", r#"<head><link rel="canonical" href="/story">"#);
    let other = article_page("One story reached through two different addresses, edited")
        .replace("<head>", r#"<head><link rel="canonical" href="/story">"#);
    let base = serve(vec![route("/story?utm_source=feed", "text/html", page), route("/story?ref=social", "text/html", other)]);
    let dir = tempfile::tempdir().unwrap();
    let mut library = Library::open(&dir.path().join("library.sqlite3")).unwrap();
    let first = library.save_article(&import_url(&format!("{base}/story?utm_source=feed"), quick()).unwrap()).unwrap();
    let second = library.save_article(&import_url(&format!("{base}/story?ref=social"), quick()).unwrap()).unwrap();
    assert_eq!(second, SaveOutcome::AlreadySaved { id: first.id() });
}

#[test]
fn redirects_are_followed_and_the_final_address_is_kept() {
    let mut moved = route("/old", "text/html", "");
    moved.status = "301 Moved Permanently";
    moved.headers.push(("Location".into(), "/new".into()));
    let base = serve(vec![moved, route("/new", "text/html", article_page("Where the trains went after the move"))]);
    let article = import_url(&format!("{base}/old"), quick()).unwrap();
    assert_eq!(article.url.as_deref(), Some(format!("{base}/new").as_str()));
}

#[test]
fn the_charset_from_the_header_is_used() {
    let page = article_page("Caf\u{e9} culture on the night train to Vienna");
    let (latin1, _, _) = encoding_rs::WINDOWS_1252.encode(&page);
    let base = serve(vec![route("/latin1", "text/html; charset=windows-1252", latin1.into_owned())]);
    let article = import_url(&format!("{base}/latin1"), quick()).unwrap();
    assert_eq!(article.title, "Café culture on the night train to Vienna");
}

#[test]
fn failures_say_what_happened() {
    let mut slow = route("/slow", "text/html", article_page("Slow"));
    slow.delay = Duration::from_secs(4);
    let huge = route("/huge", "text/html", vec![b'a'; 200 * 1024]);
    let image = route("/photo", "image/png", vec![0x89, b'P', b'N', b'G']);
    let base = serve(vec![slow, huge, image]);

    let cases = [
        (format!("{base}/missing"), ErrorKind::Network, "404"),
        (format!("{base}/slow"), ErrorKind::Network, "did not answer in time"),
        (format!("{base}/huge"), ErrorKind::Network, "larger than"),
        (format!("{base}/photo"), ErrorKind::Unreadable, "image/png"),
        ("ftp://example.com/file".to_string(), ErrorKind::InvalidInput, "http and https"),
        ("not a url".to_string(), ErrorKind::InvalidInput, "not a web address"),
    ];
    for (address, kind, words) in cases {
        let error = import_url(&address, quick()).err().unwrap_or_else(|| panic!("{address} should fail"));
        assert_eq!(error.kind(), kind, "{address}: {error}");
        assert!(error.to_string().contains(words), "{address}: {error}");
    }
}

#[test]
fn an_unreachable_host_is_reported() {
    // Bind and drop a listener: nothing listens on that port now.
    let port = TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let error = import_url(&format!("http://127.0.0.1:{port}/"), quick()).err().unwrap();
    assert_eq!(error.kind(), ErrorKind::Network);
    assert!(error.to_string().contains("Could not reach"), "{error}");
}

#[test]
fn a_server_that_drips_bytes_is_cut_off_at_the_deadline() {
    let mut drip = route("/drip", "text/html", article_page("A page that never quite finishes arriving"));
    drip.drip = Some(Duration::from_millis(200));
    let base = serve(vec![drip]);
    let started = std::time::Instant::now();
    let error = import_url(&format!("{base}/drip"), quick()).expect_err("must be cut off");
    assert_eq!(error.kind(), ErrorKind::Network);
    assert!(error.to_string().contains("did not answer in time"), "{error}");
    assert!(started.elapsed() < Duration::from_secs(5), "cut off after {:?}", started.elapsed());
}

#[test]
fn a_pasted_address_can_be_cancelled_mid_download() {
    let mut drip = route("/drip", "text/html", article_page("A page that arrives one byte at a time"));
    drip.drip = Some(Duration::from_millis(100));
    let base = serve(vec![drip]);
    let cancel = CancelToken::default();
    let slow = FetchLimits { timeout: Duration::from_secs(60), ..quick() };
    let stopper = {
        let cancel = cancel.clone();
        thread::spawn(move || {
            thread::sleep(Duration::from_millis(500));
            cancel.cancel();
            std::time::Instant::now()
        })
    };
    let error = import_url_within(&format!("{base}/drip"), slow, Budget::with_cancel(cancel)).expect_err("cancelled");
    let cancelled_at = stopper.join().unwrap();
    assert_eq!(error.kind(), ErrorKind::Cancelled, "{error}");
    assert!(cancelled_at.elapsed() < Duration::from_secs(1), "heard the cancel after {:?}", cancelled_at.elapsed());
}

#[test]
fn a_gzip_encoded_page_is_decoded() {
    use std::io::Write as _;
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    encoder.write_all(article_page("Compressed pages read like any other").as_bytes()).unwrap();
    let mut page = route("/gz", "text/html; charset=utf-8", encoder.finish().unwrap());
    page.headers.push(("Content-Encoding".into(), "gzip".into()));
    let base = serve(vec![page]);
    let article = import_url(&format!("{base}/gz"), quick()).unwrap();
    assert_eq!(article.title, "Compressed pages read like any other");
    assert!(article.content_text.contains("Slow travel by night train"));
}

#[test]
fn a_page_cannot_take_over_an_article_of_another_site() {
    let victim = article_page("The article the reader saved and highlighted");
    let hostile = |own: &str| {
        article_page("A hostile page claiming to be that article")
            .replace("Slow travel", "Hostile words")
            .replace("<head>", &format!(r#"<head><link rel="canonical" href="{own}">"#))
    };
    let base = serve(vec![route("/saved", "text/html", victim)]);
    // The same machine under another name is another site.
    let hostile_base = serve(vec![route("/claim", "text/html", hostile(&format!("{base}/saved")))]);
    let hostile_base = hostile_base.replace("127.0.0.1", "localhost");
    let dir = tempfile::tempdir().unwrap();
    let mut library = Library::open(&dir.path().join("library.sqlite3")).unwrap();
    let saved = library.save_article(&import_url(&format!("{base}/saved"), quick()).unwrap()).unwrap();
    library.trash_article(saved.id()).unwrap();
    let claim = library.save_article(&import_url(&format!("{hostile_base}/claim"), quick()).unwrap()).unwrap();
    assert!(matches!(claim, SaveOutcome::Added { .. }), "a new article, not a replacement: {claim:?}");
    assert!(library.article_text(saved.id()).unwrap().contains("Slow travel"), "the saved text is untouched");
    assert_eq!(library.list_trash().unwrap().len(), 1, "the trashed article stays in the trash");
}

#[test]
fn re_fetching_a_changed_page_keeps_the_previous_version() {
    let first = article_page("The first version of a story");
    let second = article_page("The second version of a story").replace("Slow travel", "Fast travel");
    let base_one = serve(vec![route("/story", "text/html", first)]);
    let dir = tempfile::tempdir().unwrap();
    let mut library = Library::open(&dir.path().join("library.sqlite3")).unwrap();
    let mut article = import_url(&format!("{base_one}/story"), quick()).unwrap();
    let id = library.save_article(&article).unwrap().id();
    let base_two = serve(vec![route("/story", "text/html", second)]);
    let mut changed = import_url(&format!("{base_two}/story"), quick()).unwrap();
    // The same address (the port differs between the two test servers).
    changed.canonical_url = article.canonical_url.take();
    assert_eq!(library.save_article(&changed).unwrap(), SaveOutcome::Updated { id });
    let versions = library.previous_versions(id).unwrap();
    assert_eq!(versions.len(), 1);
    assert_eq!(versions[0].title, "The first version of a story");
    assert!(versions[0].content_text.contains("Slow travel"));
}

#[test]
fn links_from_an_export_download_into_their_placeholders_and_their_highlights_anchor() {
    use lectern_core::interop::download::download_links;
    let page = "<html><head><title>The Night Trains Are Back</title></head><body><article><h1>The Night Trains Are Back</h1>\
        <p>Sleeper services are returning across Europe, and travellers are choosing them again for long journeys.</p>\
        <p>There is something about a cabin of one's own that no seat can match, however wide.</p></article></body></html>";
    let flaky =
        Route { unavailable_times: 1.into(), ..route("/slow-food", "text/html; charset=utf-8", article_page("Slow food, briefly down")) };
    let base = serve(vec![route("/night-trains", "text/html; charset=utf-8", page), flaky]);
    let export = format!(
        "title,url,time_added,tags,status\nThe Night Trains Are Back,{base}/night-trains,1700000000,travel,unread\n\
         Gone,{base}/gone,1700000001,,unread\nSlow food,{base}/slow-food,1700000002,,unread\n"
    );
    let dir = tempfile::tempdir().unwrap();
    let mut library = Library::open(&dir.path().join("library.sqlite3")).unwrap();
    let mut foreign = lectern_core::interop::read_export("part_000000.csv", export.as_bytes()).unwrap();
    let quote = lectern_core::interop::ForeignHighlight { quote: "a cabin of one's own".into(), ..Default::default() };
    foreign.articles[0].highlights.push(quote);
    library.import_foreign(&foreign).unwrap();
    let listed = library.list_articles().unwrap();
    assert!(listed.iter().all(|a| a.link_only && a.download_error.is_none()), "the library shows them as links not yet downloaded");

    let links = library.links_to_download().unwrap();
    assert_eq!(links.len(), 3);
    let mut seen = Vec::new();
    let report = download_links(&links, &CancelToken::default(), |link, page| library.settle_download(link, page), |p| seen.push(p.done));
    assert_eq!(report.added, 2, "the page that was down at first came on the second try: {report:?}");
    assert_eq!(report.failures.len(), 1, "the missing page is reported: {report:?}");
    assert!(report.failures[0].file.ends_with("/gone"));
    assert_eq!(seen.last(), Some(&3), "progress reaches the end");
    let by_title = |title: &str| library.list_articles().unwrap().into_iter().find(|a| a.title.starts_with(title)).unwrap();
    let article = by_title("The Night Trains Are Back");
    assert!(article.word_count > 10, "the text arrived");
    assert!(!article.link_only && article.download_error.is_none());
    assert_eq!(article.tags, vec!["travel".to_string()], "the placeholder's tags stay");
    let highlight = &library.highlights_for(article.id).unwrap()[0];
    assert!(!highlight.orphaned, "the waiting highlight found its place");
    let gone = by_title("Gone");
    assert!(gone.link_only, "the failed one stays a link, to try again");
    let reason = gone.download_error.expect("the library says why it failed");
    assert!(reason.contains("404"), "{reason}");
    assert_eq!(library.links_to_download().unwrap().len(), 1);
    assert_eq!(library.list_articles().unwrap().len(), 3, "no duplicate article");

    let again = library.link_to_download(gone.id).unwrap();
    assert!(library.settle_download(&again, lectern_core::interop::download::fetch_link(&again, &CancelToken::default())).is_err());
    assert!(library.link_to_download(article.id).is_err(), "a downloaded article has nothing to download");
}

#[test]
fn re_fetch_replaces_the_text_keeps_highlights_and_says_what_changed() {
    let first = article_page("Night trains are back");
    let second = article_page("Night trains are back, and booked out")
        .replace("better cabins", "wider cabins")
        .replace("<p>", "<p>An update from the operator this morning. ");
    let old_server = serve(vec![route("/story", "text/html", first)]);
    let new_server = serve(vec![route("/story", "text/html", second.clone()), route("/same", "text/html", second)]);
    let dir = tempfile::tempdir().unwrap();
    let mut library = Library::open(&dir.path().join("library.sqlite3")).unwrap();
    // Saved yesterday from the address that now serves the corrected page.
    let mut saved = import_url(&format!("{old_server}/story"), quick()).unwrap();
    (saved.url, saved.canonical_url) = (Some(format!("{new_server}/story")), Some(format!("{new_server}/story")));
    let id = library.save_article(&saved).unwrap().id();
    let kept = support::highlight_quote(&mut library, id, "a new generation of travellers", HighlightColor::Yellow);
    let lost = support::highlight_quote(&mut library, id, "better cabins", HighlightColor::Pink);

    let address = library.refetch_address(id).unwrap();
    let report = library.apply_refetch(id, refetch::fetch_again(&address, &CancelToken::default()).unwrap()).unwrap();
    assert!(report.changed && report.title_changed, "{report:?}");
    assert!(report.words_after > report.words_before, "{report:?}");
    assert_eq!(
        report.highlights,
        Reanchored { in_place: 0, moved: 1, orphaned: 1 },
        "one moved with the new first words, one's words are gone"
    );
    let article = library.get_article(id).unwrap();
    assert_eq!(article.summary.title, "Night trains are back, and booked out");
    assert_eq!(article.summary.url.as_deref(), Some(address.as_str()), "the article keeps its address");
    let highlights = library.highlights_for(id).unwrap();
    let by_id = |id: i64| highlights.iter().find(|h| h.id == id).unwrap();
    assert!(!by_id(kept.id).orphaned && by_id(kept.id).selector.exact == "a new generation of travellers");
    assert!(by_id(lost.id).orphaned, "kept, not deleted, with its quote");
    assert_eq!(library.previous_versions(id).unwrap()[0].title, "Night trains are back");

    let again = library.apply_refetch(id, refetch::fetch_again(&address, &CancelToken::default()).unwrap()).unwrap();
    assert!(!again.changed, "the same page twice changes nothing: {again:?}");
    assert_eq!(library.previous_versions(id).unwrap().len(), 1, "and keeps no extra version");
}

#[test]
fn re_fetch_is_offered_only_for_articles_from_the_web() {
    let dir = tempfile::tempdir().unwrap();
    let mut library = Library::open(&dir.path().join("library.sqlite3")).unwrap();
    let id = library.save_article(&lectern_core::import::import_bytes("notes.txt", b"My own notes, typed by hand.").unwrap()).unwrap().id();
    assert_eq!(library.refetch_address(id).unwrap_err().kind(), ErrorKind::InvalidInput);
}
