//! Instapaper's CSV: `URL,Title,Selection,Folder[,Timestamp,Tags]`. Folder Unread,
//! Archive or Starred is a state; any other folder is a tag. Tags is a JSON array.

use super::{Foreign, ForeignArticle, Format, RowProblem, csv_rows, dates, row_url, tag_list, title_or_url};
use crate::error::Result;

pub fn read(bytes: &[u8]) -> Result<Foreign> {
    let mut problems = Vec::new();
    let mut articles = Vec::new();
    for (line, row) in csv_rows(bytes, &mut problems)? {
        let field = |name: &str| row.get(name).map(String::as_str).unwrap_or("");
        let Some(url) = row_url(field("url"), line, &mut problems) else { continue };
        let folder = field("folder");
        let mut tags = parse_tags(field("tags"), line, &mut problems);
        if !["", "unread", "archive", "starred"].contains(&folder.to_ascii_lowercase().as_str()) {
            tags.extend(tag_list(std::iter::once(folder)));
        }
        let selection = field("selection");
        articles.push(ForeignArticle {
            line,
            title: title_or_url(field("title"), &url),
            saved_at: dates::parse(field("timestamp")),
            archived: folder.eq_ignore_ascii_case("archive"),
            favorite: folder.eq_ignore_ascii_case("starred"),
            tags,
            // What was selected when the page was saved: the reader's own pick, kept as the note.
            note: (!selection.is_empty()).then(|| format!("Selected when saved in Instapaper:\n\n> {selection}")),
            url: Some(url),
            ..ForeignArticle::default()
        });
    }
    Ok(Foreign { format: Format::Instapaper, articles, problems, exact: None })
}

fn parse_tags(raw: &str, line: u32, problems: &mut Vec<RowProblem>) -> Vec<String> {
    if raw.is_empty() || raw == "[]" {
        return Vec::new();
    }
    match serde_json::from_str::<Vec<serde_json::Value>>(raw) {
        Ok(values) => tag_list(values.iter().filter_map(|v| v.as_str().or_else(|| v.get("name").and_then(|n| n.as_str())))),
        Err(_) => {
            problems.push(RowProblem { line, message: format!("tags “{raw}” are not a JSON list; read as comma-separated") });
            tag_list(raw.trim_matches(['[', ']']).split(',').map(|t| t.trim().trim_matches('"')))
        }
    }
}
