//! Markdown export for Obsidian and Logseq, on a real library: front matter, highlights
//! as quotes with colour, note and block id, and re-exports that update files in place.

mod support;

use lectern_core::Library;
use lectern_core::annotate::{HighlightColor, NewHighlight};
use lectern_core::seeds::BUNDLED;

const QUOTE: &str = "Iran and Russia have long cooperated in facing shared threats";

fn library_with_a_noted_highlight() -> (tempfile::TempDir, Library, i64) {
    let dir = tempfile::tempdir().unwrap();
    let mut library = Library::open(&dir.path().join("library.sqlite3")).unwrap();
    library.import_seeds(BUNDLED).unwrap();
    let id = library.list_articles().unwrap()[0].id;
    let highlight = support::highlight_quote(&mut library, id, QUOTE, HighlightColor::Green);
    library.set_highlight_note(highlight.id, "The **key** claim.").unwrap();
    library.tag_articles("geopolitics", &[id]).unwrap();
    (dir, library, id)
}

fn markdown_files(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    let mut files: Vec<_> =
        std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().path()).filter(|p| p.extension().is_some_and(|e| e == "md")).collect();
    files.sort();
    files
}

#[test]
fn an_article_becomes_a_note_with_front_matter_and_its_highlights() {
    let (dir, library, id) = library_with_a_noted_highlight();
    let out = dir.path().join("vault/Lectern");
    let done = library.export_markdown(&[], &out, None).unwrap();
    assert_eq!((done.written, done.updated), (1, 0));
    let files = markdown_files(&out);
    assert_eq!(files.len(), 1);
    assert_eq!(files[0].file_name().unwrap(), "Khamenei Writes to Putin for Support After US and Israeli Strikes.md");
    let note = std::fs::read_to_string(&files[0]).unwrap();
    let highlight = &library.highlights_for(id).unwrap()[0];
    for expected in [
        format!("---\nlectern_id: {id}\n"),
        "title: \"Khamenei Writes to Putin for Support After US and Israeli Strikes\"\n".to_string(),
        "tags: [\"geopolitics\"]\n".to_string(),
        "state: inbox\n---\n\n# Khamenei Writes".to_string(),
        format!("> [!quote|green]\n> {QUOTE}\n\nThe **key** claim.\n\n^lectern-h{}\n", highlight.id),
    ] {
        assert!(note.contains(&expected), "missing {expected:?} in:\n{note}");
    }
    assert!(note.lines().any(|l| l.starts_with("saved: 20") && l.len() == "saved: 2026-01-01 00:00:00".len()), "{note}");
}

#[test]
fn exporting_again_rewrites_the_same_file_even_after_the_reader_renamed_it() {
    let (dir, mut library, id) = library_with_a_noted_highlight();
    let out = dir.path().join("vault");
    library.export_markdown(&[id], &out, None).unwrap();
    let renamed = out.join("Letter to Putin.md");
    std::fs::rename(&markdown_files(&out)[0], &renamed).unwrap();
    library.set_favorite(id, true).unwrap();
    let text = library.article_text(id).unwrap();
    let second = "That cooperation will continue.";
    let start = text[..text.find(second).unwrap()].encode_utf16().count() as u32;
    library
        .add_highlight(
            id,
            &NewHighlight {
                start,
                end: start + second.encode_utf16().count() as u32,
                exact: second.into(),
                color: HighlightColor::Pink,
                note: None,
            },
        )
        .unwrap();
    let done = library.export_markdown(&[id], &out, None).unwrap();
    assert_eq!((done.written, done.updated), (0, 1));
    assert_eq!(markdown_files(&out), vec![renamed.clone()], "no duplicate file");
    assert!(std::fs::read_to_string(&renamed).unwrap().contains("> [!quote|pink]\n> That cooperation will continue."));
}

#[test]
fn a_template_of_the_readers_own_is_used_and_a_broken_one_is_refused_clearly() {
    let (dir, library, id) = library_with_a_noted_highlight();
    let out = dir.path().join("logseq");
    let logseq = "---\nlectern_id: {{ id }}\n---\ntitle:: {{ title }}\n{% for h in highlights %}- > {{ h.quote }}\n  id:: {{ h.block_id }}\n{% if h.note %}  note:: {{ h.note }}\n{% endif %}{% endfor %}";
    library.export_markdown(&[id], &out, Some(logseq)).unwrap();
    let page = std::fs::read_to_string(&markdown_files(&out)[0]).unwrap();
    assert!(page.contains(&format!("- > {QUOTE}\n  id:: lectern-h")), "{page}");
    assert!(page.contains("  note:: The **key** claim."), "{page}");
    let error = library.export_markdown(&[id], &out, Some("{% for h in highlights %}")).err().unwrap();
    assert_eq!(error.kind(), lectern_core::ErrorKind::InvalidInput);
    assert!(error.to_string().contains("template"), "{error}");
}

#[test]
fn the_readme_shows_the_default_template_as_it_is() {
    let readme = std::fs::read_to_string(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../README.md")).unwrap();
    assert!(readme.contains(lectern_core::interop::markdown::DEFAULT_TEMPLATE), "update the template in the README");
}
