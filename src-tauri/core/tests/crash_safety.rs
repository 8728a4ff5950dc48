//! Crash safety: a worker process writes to a real library (imports, batch imports,
//! highlights, notes, tags, trash and restore, and a schema migration on open) and is
//! killed with SIGKILL at random moments. After every kill the library must pass
//! SQLite's integrity check and the search-index check, and hold every change the
//! worker had acknowledged, with nothing half-written.
//!
//! The worker is this test binary run again with LECTERN_CRASH_WORKER set (see
//! `worker`); it prints "begin <op>" before and "ack <op>" after each change.
//! Trials: LECTERN_CRASH_TRIALS (default 200).

#![cfg(unix)]

use std::collections::HashMap;
use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

mod support;

use lectern_core::Library;
use lectern_core::annotate::{HighlightColor, NewHighlight};
use lectern_core::import::{CancelToken, batch, import_bytes};
use support::Rng;

const WORKER_ENV: &str = "LECTERN_CRASH_WORKER";

/// Not a test on its own: the body of the killed process.
#[test]
fn worker() {
    let Some(path) = std::env::var_os(WORKER_ENV) else { return };
    let path = PathBuf::from(path);
    let seed: u64 = std::env::var("LECTERN_CRASH_SEED").ok().and_then(|s| s.parse().ok()).unwrap_or(1);
    let mut rng = Rng(seed | 1);
    let out = std::io::stdout();
    let say = |line: String| {
        let mut out = out.lock();
        let _ = writeln!(out, "{line}");
        let _ = out.flush();
    };
    say("begin open".into());
    let mut library = Library::open(&path).expect("open");
    say("ack open".into());
    let files_dir = path.with_extension("files");
    std::fs::create_dir_all(&files_dir).unwrap();
    for step in 0u64.. {
        let unique = seed * 1_000_000 + step;
        let articles: Vec<i64> = library.list_articles().unwrap().iter().map(|a| a.id).collect();
        let trashed: Vec<i64> = library.list_trash().unwrap().iter().map(|a| a.id).collect();
        match rng.below(7) {
            0 | 1 => {
                let body = format!("Article {unique}\n\nBody of article {unique}. {}", "Words to read and index. ".repeat(40));
                say(format!("begin add {unique}"));
                let id = library.save_article(&import_bytes("a.txt", body.as_bytes()).unwrap()).unwrap().id();
                say(format!("ack add {unique} {id}"));
            }
            2 => {
                let files: Vec<PathBuf> = (0..3)
                    .map(|i| {
                        let file = files_dir.join(format!("{unique}-{i}.txt"));
                        std::fs::write(&file, format!("Batch {unique}-{i}\n\nBatch body {unique} {i}. {}", "More words. ".repeat(30)))
                            .unwrap();
                        file
                    })
                    .collect();
                say(format!("begin batch {unique}"));
                batch::import_files(
                    &files,
                    &CancelToken::default(),
                    |article| {
                        let outcome = library.save_article(article)?;
                        say(format!("ack batchfile {} {}", article.title.trim_start_matches("Batch "), outcome.id()));
                        Ok(outcome)
                    },
                    |_| {},
                );
            }
            3 if !articles.is_empty() => {
                let id = articles[rng.below(articles.len())];
                let text = library.article_text(id).unwrap();
                let exact: String = text.chars().take(12).collect();
                let end = exact.encode_utf16().count() as u32;
                say(format!("begin highlight {id}"));
                let h =
                    library.add_highlight(id, &NewHighlight { start: 0, end, exact, color: HighlightColor::Yellow, note: None }).unwrap();
                say(format!("ack highlight {} {id}", h.id));
            }
            4 => {
                let highlights = library.all_highlights(&Default::default()).unwrap();
                if let Some(item) = highlights.get(rng.below(highlights.len() + 1)) {
                    say(format!("begin note {} {unique}", item.highlight.id));
                    library.set_highlight_note(item.highlight.id, &format!("note {unique}")).unwrap();
                    say(format!("ack note {} {unique}", item.highlight.id));
                }
            }
            5 if !articles.is_empty() => {
                let id = articles[rng.below(articles.len())];
                say(format!("begin tag {id} t{unique}"));
                library.tag_articles(&format!("t{unique}"), &[id]).unwrap();
                say(format!("ack tag {id} t{unique}"));
            }
            6 => {
                if !trashed.is_empty() && rng.below(2) == 0 {
                    let id = trashed[rng.below(trashed.len())];
                    say(format!("begin restore {id}"));
                    library.restore_article(id).unwrap();
                    say(format!("ack restore {id}"));
                } else if !articles.is_empty() {
                    let id = articles[rng.below(articles.len())];
                    say(format!("begin trash {id}"));
                    library.trash_article(id).unwrap();
                    say(format!("ack trash {id}"));
                }
            }
            _ => {}
        }
    }
}

/// What the worker acknowledged, and what it had begun but not acknowledged.
#[derive(Default)]
struct Log {
    acked: Vec<Vec<String>>,
    in_flight: Option<Vec<String>>,
}

fn read_log(lines: &[String]) -> Log {
    let mut log = Log::default();
    for line in lines {
        let words: Vec<String> = line.split_whitespace().map(str::to_string).collect();
        match words.first().map(String::as_str) {
            Some("begin") => log.in_flight = Some(words[1..].to_vec()),
            Some("ack") => {
                if words[1] != "batchfile" {
                    log.in_flight = None;
                }
                log.acked.push(words[1..].to_vec());
            }
            _ => {}
        }
    }
    log
}

/// Check the library against the log; returns the acknowledged changes that are missing.
fn verify(path: &Path, log: &Log) -> Vec<String> {
    let library = Library::open(path).expect("the library opens after a crash");
    let check: String = rusqlite::Connection::open(path).unwrap().query_row("PRAGMA integrity_check", [], |r| r.get(0)).unwrap();
    assert_eq!(check, "ok", "integrity check after a crash");
    library.check_search_index().expect("search index consistent after a crash");
    let mut missing = Vec::new();
    let mut trash_state: HashMap<i64, bool> = HashMap::new();
    let mut notes: HashMap<i64, String> = HashMap::new();
    for op in &log.acked {
        match op[0].as_str() {
            "add" | "batchfile" => {
                let id: i64 = op[2].parse().unwrap();
                let text = library.article_text(id).unwrap_or_default();
                if !text.contains(&format!(" {}", op[1].replace('-', " "))) {
                    missing.push(format!("article {} ({id})", op[1]));
                }
            }
            "highlight" if library.highlight(op[1].parse().unwrap()).is_err() => {
                missing.push(format!("highlight {}", op[1]));
            }
            "note" => {
                notes.insert(op[1].parse().unwrap(), format!("note {}", op[2]));
            }
            "tag" => {
                let id: i64 = op[1].parse().unwrap();
                let tagged = library
                    .list_articles()
                    .unwrap()
                    .into_iter()
                    .chain(library.list_trash().unwrap())
                    .any(|a| a.id == id && a.tags.contains(&op[2]));
                if !tagged {
                    missing.push(format!("tag {} on {id}", op[2]));
                }
            }
            "trash" => {
                trash_state.insert(op[1].parse().unwrap(), true);
            }
            "restore" => {
                trash_state.insert(op[1].parse().unwrap(), false);
            }
            _ => {}
        }
    }
    let in_flight = log.in_flight.clone().unwrap_or_default();
    let trashed: Vec<i64> = library.list_trash().unwrap().iter().map(|a| a.id).collect();
    for (id, in_trash) in trash_state {
        let now = trashed.contains(&id);
        let changing =
            in_flight.get(1).and_then(|s| s.parse::<i64>().ok()) == Some(id) && matches!(in_flight[0].as_str(), "trash" | "restore");
        if now != in_trash && !changing {
            missing.push(format!("{} of article {id}", if in_trash { "trash" } else { "restore" }));
        }
    }
    for (id, note) in notes {
        let stored = library.highlight(id).map(|h| h.note).unwrap_or_default();
        let later = in_flight.first().map(String::as_str) == Some("note") && in_flight[1].parse::<i64>().ok() == Some(id);
        if stored != note && !later {
            missing.push(format!("note on highlight {id}: {stored:?} instead of {note:?}"));
        }
    }
    missing
}

/// A library at schema version 2 (before article versions), so opening it migrates.
fn old_library(path: &Path) {
    let library = Library::open(path).unwrap();
    drop(library);
    let conn = rusqlite::Connection::open(path).unwrap();
    conn.execute_batch(support::BACK_TO_SCHEMA_2).unwrap();
}

#[test]
fn the_library_survives_being_killed_at_random_moments() {
    let trials: u64 = std::env::var("LECTERN_CRASH_TRIALS").ok().and_then(|s| s.parse().ok()).unwrap_or(200);
    let exe = std::env::current_exe().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("library.sqlite3");
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15 ^ u64::from(std::process::id()));
    let (mut acked_total, mut losses, mut migrations) = (0usize, Vec::new(), 0);
    let started = Instant::now();
    for trial in 0..trials {
        if trial % 25 == 0 {
            // Every so often start from an older schema, so the kill can land in a migration.
            let _ = std::fs::remove_file(&path);
            let _ = std::fs::remove_file(path.with_extension("sqlite3-wal"));
            let _ = std::fs::remove_file(path.with_extension("sqlite3-shm"));
            old_library(&path);
            migrations += 1;
        }
        let mut child = Command::new(&exe)
            .args(["--exact", "worker", "--nocapture", "--test-threads", "1"])
            .env(WORKER_ENV, &path)
            .env("LECTERN_CRASH_SEED", (trial + 1).to_string())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let stdout = child.stdout.take().unwrap();
        let reader = std::thread::spawn(move || BufReader::new(stdout).lines().map_while(Result::ok).collect::<Vec<String>>());
        std::thread::sleep(Duration::from_millis(20 + rng.below(280) as u64));
        // SIGKILL: no destructors, no flush, no chance to finish a transaction.
        child.kill().unwrap();
        child.wait().unwrap();
        let log = read_log(&reader.join().unwrap());
        acked_total += log.acked.len();
        let missing = verify(&path, &log);
        if !missing.is_empty() {
            losses.push(format!("trial {trial}: {missing:?}"));
        }
    }
    println!(
        "crash safety: {trials} SIGKILLs ({migrations} starting from an older schema), {acked_total} acknowledged changes checked, {} losses, {:.0?}",
        losses.len(),
        started.elapsed()
    );
    assert!(losses.is_empty(), "acknowledged changes lost: {losses:#?}");
}
