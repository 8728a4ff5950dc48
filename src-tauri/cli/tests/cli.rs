//! lectern-cli against a real library file.

use std::path::Path;
use std::process::Command;

fn cli(library: &Path, args: &[&str]) -> (bool, String, String) {
    let output = Command::new(env!("CARGO_BIN_EXE_lectern-cli")).arg("--library").arg(library).args(args).output().unwrap();
    (output.status.success(), String::from_utf8_lossy(&output.stdout).into_owned(), String::from_utf8_lossy(&output.stderr).into_owned())
}

#[test]
fn add_list_and_show_an_article() {
    let dir = tempfile::tempdir().unwrap();
    let library = dir.path().join("library.sqlite3");
    let file = dir.path().join("essay.txt");
    std::fs::write(&file, "On Slowness\n\nReading slowly is a skill.\n\nIt can be learned.").unwrap();

    let (ok, out, err) = cli(&library, &["add", file.to_str().unwrap()]);
    assert!(ok, "{err}");
    assert!(out.starts_with("added 1: On Slowness"), "{out}");

    let (ok, out, _) = cli(&library, &["add", file.to_str().unwrap()]);
    assert!(ok);
    assert!(out.starts_with("already saved as 1"), "{out}");

    let (ok, out, _) = cli(&library, &["list", "--json"]);
    assert!(ok);
    let list: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(list.as_array().unwrap().len(), 1);
    assert_eq!(list[0]["title"], "On Slowness");

    let (ok, out, _) = cli(&library, &["search", "slowly"]);
    assert!(ok);
    assert!(out.contains("On Slowness") && out.contains("[slowly]"), "{out}");
    let (_, out, _) = cli(&library, &["search", "-slowly"]);
    assert!(out.contains("nothing found"), "{out}");

    let (ok, out, _) = cli(&library, &["show", "1"]);
    assert!(ok);
    assert!(
        out.contains("Reading slowly is a skill.It can be learned.") || out.contains("Reading slowly is a skill.\nIt can be learned."),
        "{out}"
    );
}

#[test]
fn search_pages_through_every_result() {
    let dir = tempfile::tempdir().unwrap();
    let library = dir.path().join("library.sqlite3");
    let folder = dir.path().join("notes");
    std::fs::create_dir(&folder).unwrap();
    for n in 1..=25 {
        std::fs::write(folder.join(format!("{n}.txt")), format!("Harbour note {n}\n\nBoat {n} left the harbour.")).unwrap();
    }
    let (ok, _, err) = cli(&library, &["add", folder.to_str().unwrap()]);
    assert!(ok, "{err}");
    let ids = |args: &[&str]| -> Vec<i64> {
        let (ok, out, err) = cli(&library, &[&["search", "harbour", "--json"], args].concat());
        assert!(ok, "{err}");
        let results: serde_json::Value = serde_json::from_str(&out).unwrap();
        results["hits"].as_array().unwrap().iter().map(|hit| hit["article"]["id"].as_i64().unwrap()).collect()
    };
    let first = ids(&[]);
    assert_eq!(first.len(), 20, "the app's first page");
    let rest = ids(&["--offset", "20"]);
    let mut all = [first.clone(), rest.clone()].concat();
    all.sort_unstable();
    all.dedup();
    assert_eq!((rest.len(), all.len()), (5, 25), "the rest, none twice");
    assert_eq!(ids(&["--limit", "25"]).len(), 25);
    let (_, out, _) = cli(&library, &["search", "harbour"]);
    assert!(out.trim_end().ends_with("more results: --offset 20"), "{out}");
    let (ok, _, err) = cli(&library, &["search", "harbour", "--limit", "0"]);
    assert!(!ok && err.contains("--limit"), "{err}");
}

#[test]
fn extract_prints_json_without_touching_the_library() {
    let dir = tempfile::tempdir().unwrap();
    let library = dir.path().join("library.sqlite3");
    let page = dir.path().join("page.html");
    let body = "A paragraph with enough words to count as the readable body of this page. ".repeat(8);
    std::fs::write(
        &page,
        format!(
            "<html lang=\"de\"><head><title>Ein langer Titel für diese Seite hier</title><meta name=\"author\" content=\"Max Muster\"></head>\
             <body><article><p>{body}</p><p>{body}</p><script>evil()</script></article></body></html>"
        ),
    )
    .unwrap();
    let (ok, out, err) = cli(&library, &["extract", page.to_str().unwrap(), "--json"]);
    assert!(ok, "{err}");
    let value: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(value["title"], "Ein langer Titel für diese Seite hier");
    assert_eq!(value["byline"], "Max Muster");
    assert_eq!(value["lang"], "de");
    assert!(value["text"].as_str().unwrap().contains("enough words"));
    assert!(!value["contentHtml"].as_str().unwrap().contains("evil"));
    assert!(!library.exists(), "extract must not create a library");
}

#[test]
fn a_newer_library_is_refused_with_a_clear_message() {
    let dir = tempfile::tempdir().unwrap();
    let library = dir.path().join("library.sqlite3");
    let (ok, _, _) = cli(&library, &["list"]);
    assert!(ok);
    // Simulate a future Lectern: bump the schema version in the header (offset 60, big-endian).
    let mut bytes = std::fs::read(&library).unwrap();
    bytes[60..64].copy_from_slice(&999u32.to_be_bytes());
    std::fs::write(&library, &bytes).unwrap();
    let (ok, _, err) = cli(&library, &["list"]);
    assert!(!ok);
    assert!(err.contains("newer version of Lectern"), "{err}");
}

#[test]
fn a_binary_file_is_refused_and_the_library_is_unchanged() {
    let dir = tempfile::tempdir().unwrap();
    let library = dir.path().join("library.sqlite3");
    let binary = dir.path().join("image.html");
    std::fs::write(&binary, [0x89, b'P', b'N', b'G', 0, 0, 0, 13]).unwrap();
    let (ok, _, err) = cli(&library, &["add", binary.to_str().unwrap()]);
    assert!(!ok);
    assert!(err.contains("binary"), "{err}");
    let (_, out, _) = cli(&library, &["list", "--json"]);
    assert_eq!(out.trim(), "[]");
}

#[test]
fn the_cli_waits_for_the_app_to_finish_writing_and_says_busy_only_when_it_never_does() {
    let dir = tempfile::tempdir().unwrap();
    let library = dir.path().join("library.sqlite3");
    let files: Vec<_> = ["One", "Two", "Three"]
        .iter()
        .map(|title| {
            let file = dir.path().join(format!("{title}.txt"));
            std::fs::write(&file, format!("{title}\n\nThe article called {title}.")).unwrap();
            file
        })
        .collect();
    assert!(cli(&library, &["add", files[0].to_str().unwrap()]).0);

    // The app in the middle of a write (a batch import step) holds the write lock for 1 s:
    // the CLI waits for it and then saves.
    let app = rusqlite::Connection::open(&library).unwrap();
    lectern_core::library::register_functions(&app).unwrap(); // as the app's connection has
    app.execute_batch("BEGIN IMMEDIATE; UPDATE articles SET title = title;").unwrap();
    let release = std::thread::spawn(move || {
        std::thread::sleep(std::time::Duration::from_secs(1));
        app.execute_batch("COMMIT").unwrap();
        app
    });
    let (ok, out, err) = cli(&library, &["add", files[1].to_str().unwrap()]);
    assert!(ok, "{err}");
    assert!(out.starts_with("added 2: Two"), "{out}");
    let app = release.join().unwrap();

    // A lock held past the wait: a clear "busy", nothing changed, and it works once released.
    app.execute_batch("BEGIN IMMEDIATE; UPDATE articles SET title = title;").unwrap();
    let (ok, _, err) = cli(&library, &["add", files[2].to_str().unwrap()]);
    assert!(!ok, "a write under someone else's lock must fail, not wait forever");
    assert!(err.contains("busy") && err.contains("try again"), "{err}");
    app.execute_batch("COMMIT").unwrap();
    let (ok, out, _) = cli(&library, &["list", "--json"]);
    assert!(ok);
    assert_eq!(serde_json::from_str::<serde_json::Value>(&out).unwrap().as_array().unwrap().len(), 2);
    assert!(cli(&library, &["add", files[2].to_str().unwrap()]).0);
}

#[test]
fn import_previews_an_export_then_imports_it_once() {
    let dir = tempfile::tempdir().unwrap();
    let library = dir.path().join("library.sqlite3");
    let clippings = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/interop/My Clippings.txt");
    let clippings = clippings.to_str().unwrap();

    let (ok, out, err) = cli(&library, &["import", clippings, "--dry-run"]);
    assert!(ok, "{err}");
    assert!(out.starts_with("Kindle clippings: 2 articles"), "{out}");
    assert!(out.contains("3 highlights, 1 notes"), "{out}");
    assert!(out.contains("not a Kindle clipping"), "the bad entry is reported by line: {out}");
    assert!(!library.exists() || cli(&library, &["list", "--json"]).1.trim() == "[]", "a dry run writes nothing");

    let (ok, out, err) = cli(&library, &["import", clippings]);
    assert!(ok, "{err}");
    assert!(out.contains("2 added") && out.contains("3 anchored"), "{out}");
    let (_, out, _) = cli(&library, &["import", clippings]);
    assert!(out.contains("0 added") && out.contains("3 already there"), "{out}");

    let (ok, _, err) = cli(&library, &["import", dir.path().join("library.sqlite3").to_str().unwrap()]);
    assert!(!ok && err.contains("not an export Lectern recognises"), "{err}");
}

#[test]
fn backup_writes_a_library_that_opens_with_everything_and_never_overwrites() {
    let dir = tempfile::tempdir().unwrap();
    let library = dir.path().join("library.sqlite3");
    let file = dir.path().join("essay.txt");
    std::fs::write(&file, "On Slowness\n\nReading slowly is a skill.").unwrap();
    assert!(cli(&library, &["add", file.to_str().unwrap()]).0);
    let backup = dir.path().join("backup.sqlite3");
    let (ok, out, err) = cli(&library, &["backup", backup.to_str().unwrap()]);
    assert!(ok, "{err}");
    assert!(out.starts_with("backed up to"), "{out}");
    let (ok, out, _) = cli(&backup, &["list"]);
    assert!(ok && out.contains("On Slowness"), "{out}");
    let (ok, _, err) = cli(&library, &["backup", backup.to_str().unwrap()]);
    assert!(!ok && err.contains("already exists"), "{err}");
}

#[test]
fn export_writes_markdown_notes_and_updates_them_in_place() {
    let dir = tempfile::tempdir().unwrap();
    let library = dir.path().join("library.sqlite3");
    let clippings = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/interop/My Clippings.txt");
    assert!(cli(&library, &["import", clippings.to_str().unwrap()]).0);
    let vault = dir.path().join("vault");
    let (ok, out, err) = cli(&library, &["export", "--format", "markdown", "--out", vault.to_str().unwrap()]);
    assert!(ok, "{err}");
    assert_eq!(out.trim(), format!("2 written, 0 updated in {}", vault.display()));
    let book = std::fs::read_to_string(vault.join("The Quiet Library.md")).unwrap();
    assert!(book.contains("author: \"Reader, Mary\""), "{book}");
    assert!(book.contains("> A library is a room where time moves at the speed of the reader.\n\nThis is the thesis."), "{book}");
    let (_, out, _) = cli(&library, &["export", "--out", vault.to_str().unwrap()]);
    assert!(out.starts_with("0 written, 2 updated"), "{out}");
}

#[test]
fn a_json_export_imports_into_a_new_library_as_it_was() {
    let dir = tempfile::tempdir().unwrap();
    let library = dir.path().join("library.sqlite3");
    let clippings = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/interop/My Clippings.txt");
    assert!(cli(&library, &["import", clippings.to_str().unwrap()]).0);
    // The app keeps its settings beside the library; they travel with the export.
    std::fs::write(dir.path().join("settings.json"), r#"{"reader":{"theme":"sepia","fontSize":24}}"#).unwrap();
    let json = dir.path().join("lectern.json");
    let (ok, out, err) = cli(&library, &["export", "--format", "json", "--out", json.to_str().unwrap()]);
    assert!(ok && out.starts_with("2 articles, 3 highlights written"), "{out}{err}");
    let elsewhere = tempfile::tempdir().unwrap();
    let fresh = elsewhere.path().join("library.sqlite3");
    let (ok, out, err) = cli(&fresh, &["import", json.to_str().unwrap()]);
    assert!(ok && out.contains("2 added") && out.contains("reader settings restored"), "{out}{err}");
    let restored = lectern_core::settings::read_beside(&fresh);
    assert_eq!((restored.theme, restored.font_size), (lectern_core::settings::Theme::Sepia, 24));
    let (ok, out, _) = cli(&fresh, &["highlights"]);
    assert!(ok);
    let highlights: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(highlights.as_array().unwrap().len(), 3);
    assert_eq!(highlights[0]["highlight"]["note"], "This is the thesis.");
    assert_eq!(cli(&library, &["highlights"]).1, out, "the same highlights, ids and all");
}

#[test]
fn highlights_export_as_w3c_annotations_and_readwise_csv() {
    let dir = tempfile::tempdir().unwrap();
    let library = dir.path().join("library.sqlite3");
    let clippings = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/interop/My Clippings.txt");
    assert!(cli(&library, &["import", clippings.to_str().unwrap()]).0);
    let w3c = dir.path().join("annotations.jsonld");
    let (ok, out, err) = cli(&library, &["export", "--format", "w3c", "--out", w3c.to_str().unwrap()]);
    assert!(ok && out.starts_with("2 articles, 3 highlights written"), "{out}{err}");
    let collection: serde_json::Value = serde_json::from_slice(&std::fs::read(&w3c).unwrap()).unwrap();
    assert_eq!(collection["first"]["items"].as_array().unwrap().len(), 3);
    let csv = dir.path().join("readwise.csv");
    let (ok, out, err) = cli(&library, &["export", "--format", "readwise", "--out", csv.to_str().unwrap()]);
    assert!(ok && out.starts_with("2 articles, 3 highlights written"), "{out}{err}");
    let (ok, out, _) = cli(&dir.path().join("other.sqlite3"), &["import", csv.to_str().unwrap(), "--dry-run"]);
    assert!(ok && out.contains("3 highlights, 1 notes"), "{out}");
}

#[test]
fn download_links_reports_the_pages_it_could_not_fetch_and_keeps_them_as_links() {
    let dir = tempfile::tempdir().unwrap();
    let library = dir.path().join("library.sqlite3");
    let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port(); // closed once dropped
    let export = dir.path().join("part_000000.csv");
    std::fs::write(&export, format!("title,url,time_added,tags,status\nUnreachable,http://127.0.0.1:{port}/page,1700000000,,unread\n"))
        .unwrap();
    assert!(cli(&library, &["import", export.to_str().unwrap()]).0);
    let (ok, out, err) = cli(&library, &["download-links"]);
    assert!(ok, "{err}");
    assert!(out.starts_with("0 downloaded, 1 failed"), "{out}");
    assert!(out.contains(&format!("http://127.0.0.1:{port}/page: ")), "each failure is named: {out}");
    let (_, out, _) = cli(&library, &["list", "--json"]);
    assert!(out.contains("\"Unreachable\""), "still listed as a link: {out}");
    assert!(out.contains("\"linkOnly\": true") && out.contains("\"downloadError\": \""), "with why it failed: {out}");
}

#[test]
fn the_native_host_answers_the_browser_over_stdin_and_stdout() {
    use std::io::{Read, Write};
    let dir = tempfile::tempdir().unwrap();
    let library = dir.path().join("library.sqlite3");
    let frame = |value: serde_json::Value| {
        let bytes = serde_json::to_vec(&value).unwrap();
        [(bytes.len() as u32).to_ne_bytes().to_vec(), bytes].concat()
    };
    let page = "<html><head><title>Slow travel</title></head><body><article><h1>Slow travel</h1>\
        <p>Night trains are back, and with them a way of travelling that leaves room for reading and sleep.</p>\
        <p>The cabins are small, the views are large, and the arrival is in the middle of the city.</p></article></body></html>";
    // Chromium starts the host with the extension's origin as its only argument.
    let mut host = Command::new(env!("CARGO_BIN_EXE_lectern-cli"))
        .arg("--library")
        .arg(&library)
        .args(["native-host", "chrome-extension://cklbmclmdoobfhimdnedmalmgoaaipcg/"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = host.stdin.take().unwrap();
    stdin.write_all(&frame(serde_json::json!({ "action": "ping" }))).unwrap();
    stdin
        .write_all(&frame(serde_json::json!({ "action": "save", "url": "https://example.com/slow-travel", "html": page, "selection": "the arrival is in the middle of the city" })))
        .unwrap();
    drop(stdin); // the browser closes the port
    let mut output = Vec::new();
    host.stdout.take().unwrap().read_to_end(&mut output).unwrap();
    assert!(host.wait().unwrap().success());
    let mut replies = Vec::new();
    let mut rest = output.as_slice();
    while rest.len() >= 4 {
        let length = u32::from_ne_bytes(rest[..4].try_into().unwrap()) as usize;
        replies.push(serde_json::from_slice::<serde_json::Value>(&rest[4..4 + length]).unwrap());
        rest = &rest[4 + length..];
    }
    assert_eq!(replies.len(), 2, "{replies:?}");
    assert_eq!(replies[0]["ok"], true);
    assert_eq!((replies[1]["status"].as_str(), replies[1]["selection"].as_str()), (Some("added"), Some("highlighted")), "{}", replies[1]);
    let (_, out, _) = cli(&library, &["highlights"]);
    assert!(out.contains("the arrival is in the middle of the city"), "{out}");
}

#[test]
fn browser_install_connects_the_browsers_of_this_user() {
    let home = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(home.path().join(".config/chromium")).unwrap();
    let output = Command::new(env!("CARGO_BIN_EXE_lectern-cli"))
        .args(["browser", "install"])
        .env("HOME", home.path())
        .env("XDG_DATA_HOME", home.path().join(".local/share"))
        .output()
        .unwrap();
    let out = String::from_utf8_lossy(&output.stdout);
    assert!(output.status.success(), "{out}{}", String::from_utf8_lossy(&output.stderr));
    assert!(out.starts_with("Chromium: "), "{out}");
    let manifest: serde_json::Value =
        serde_json::from_slice(&std::fs::read(home.path().join(".config/chromium/NativeMessagingHosts/app.lectern.reader.json")).unwrap())
            .unwrap();
    let program = std::path::PathBuf::from(manifest["path"].as_str().unwrap());
    let script = std::fs::read_to_string(&program).unwrap();
    assert!(script.contains(env!("CARGO_BIN_EXE_lectern-cli")) && script.contains("native-host"), "{script}");
}

/// The exit code of lectern-cli with `args` on `library`.
fn exit_code(library: &Path, args: &[&str]) -> Option<i32> {
    Command::new(env!("CARGO_BIN_EXE_lectern-cli")).arg("--library").arg(library).args(args).output().unwrap().status.code()
}

#[test]
fn failures_have_the_exit_codes_help_documents() {
    let dir = tempfile::tempdir().unwrap();
    let library = dir.path().join("library.sqlite3");
    let binary = dir.path().join("photo.html");
    std::fs::write(&binary, b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR").unwrap();
    assert_eq!(exit_code(&library, &["list"]), Some(0));
    assert_eq!(exit_code(&library, &["no-such-command"]), Some(2), "usage");
    assert_eq!(exit_code(&library, &["show", "9999"]), Some(3), "not found");
    assert_eq!(exit_code(&library, &["add", dir.path().join("missing.html").to_str().unwrap()]), Some(3), "not found");
    assert_eq!(exit_code(&library, &["add", binary.to_str().unwrap()]), Some(4), "invalid input");
    let help = cli(&library, &["--help"]).1;
    for line in ["2  usage", "3  not found", "4  invalid input", "5  I/O", "70 internal"] {
        assert!(help.contains(line), "--help lists {line}: {help}");
    }
}

#[test]
fn output_piped_into_a_reader_that_stops_early_is_no_error() {
    let dir = tempfile::tempdir().unwrap();
    let page = dir.path().join("long.html");
    let paragraph = "<p>A line of an article long enough to fill a pipe's buffer many times over.</p>\n";
    std::fs::write(&page, format!("<html><body><article><h1>Long</h1>{}</article></body></html>", paragraph.repeat(20_000))).unwrap();
    let mut child = Command::new(env!("CARGO_BIN_EXE_lectern-cli"))
        .args(["extract", page.to_str().unwrap()])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    // Read one line, then hang up, as `| head -1` does.
    let mut first = [0u8; 16];
    std::io::Read::read_exact(child.stdout.as_mut().unwrap(), &mut first).unwrap();
    drop(child.stdout.take());
    let output = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert_eq!(output.status.code(), Some(0), "{stderr}");
}

/// A web page on this machine whose text the test can change between requests.
fn changing_page(first: &str) -> (String, std::sync::Arc<std::sync::Mutex<String>>) {
    use std::io::{Read, Write};
    let page = std::sync::Arc::new(std::sync::Mutex::new(first.to_string()));
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let address = format!("http://{}/night-trains", listener.local_addr().unwrap());
    let served = page.clone();
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(mut stream) = stream else { continue };
            let mut request = [0u8; 4096];
            let _ = stream.read(&mut request);
            let body = served.lock().unwrap().clone();
            let head = format!(
                "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
                body.len()
            );
            let _ = stream.write_all(head.as_bytes()).and_then(|()| stream.write_all(body.as_bytes()));
        }
    });
    (address, page)
}

fn night_trains(paragraphs: &[&str]) -> String {
    let body: String = paragraphs.iter().map(|p| format!("<p>{p}</p>")).collect();
    format!(
        "<html><head><title>Night trains return</title></head><body><article><h1>Night trains return</h1>{body}</article></body></html>"
    )
}

#[test]
fn refetch_replaces_a_changed_page_and_its_highlights_follow() {
    let dir = tempfile::tempdir().unwrap();
    let library = dir.path().join("library.sqlite3");
    let first = [
        "Sleeper services are back on the main lines of Europe, and they are full most nights of the week.",
        "The night train from Vienna reaches Paris in the morning, after a quiet crossing of the Rhine valley.",
        "Travellers say the cabins are small but the sleep is real, and nobody misses the airport queues.",
    ];
    let (address, page) = changing_page(&night_trains(&first));
    let (ok, out, err) = cli(&library, &["add", &address]);
    assert!(ok, "{err}");
    assert!(out.starts_with("added 1"), "{out}");

    let (ok, out, err) = cli(&library, &["refetch", "1"]);
    assert!(ok, "{err}");
    assert!(out.starts_with("unchanged"), "{out}");

    {
        let mut opened = lectern_core::Library::open(&library).unwrap();
        let text = opened.article_text(1).unwrap();
        let quote = "the sleep is real";
        let start = text[..text.find(quote).unwrap()].encode_utf16().count() as u32;
        let wanted = lectern_core::annotate::NewHighlight {
            start,
            end: start + quote.encode_utf16().count() as u32,
            exact: quote.into(),
            color: lectern_core::annotate::HighlightColor::Yellow,
            note: None,
        };
        opened.add_highlight(1, &wanted).unwrap();
    }
    let second = [first[0], "An update: a new line to Rome opens in spring, with showers in every carriage.", first[1], first[2]];
    *page.lock().unwrap() = night_trains(&second);
    let (ok, out, err) = cli(&library, &["refetch", "1", "--json"]);
    assert!(ok, "{err}");
    let report: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(report["changed"], true, "{out}");
    assert!(report["wordsAfter"].as_u64() > report["wordsBefore"].as_u64(), "{out}");
    assert_eq!(report["highlights"]["moved"], 1, "the highlight followed its words: {out}");
    assert_eq!(report["highlights"]["orphaned"], 0, "{out}");

    let (ok, out, _) = cli(&library, &["show", "1"]);
    assert!(ok);
    assert!(out.contains("a new line to Rome"), "the new text is shown: {out}");
}

#[test]
fn refetch_refuses_an_article_that_has_no_page() {
    let dir = tempfile::tempdir().unwrap();
    let library = dir.path().join("library.sqlite3");
    let file = dir.path().join("essay.txt");
    std::fs::write(&file, "On Slowness\n\nReading slowly is a skill.").unwrap();
    assert!(cli(&library, &["add", file.to_str().unwrap()]).0);
    assert_eq!(exit_code(&library, &["refetch", "1"]), Some(4), "invalid input: a file has no page to fetch");
    assert_eq!(exit_code(&library, &["refetch", "99"]), Some(3), "not found");
}
