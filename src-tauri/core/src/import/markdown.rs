//! Markdown (.md): CommonMark + tables, footnotes and strikethrough through
//! pulldown-cmark. Raw HTML passes through it, so the result is sanitized like any page.

use pulldown_cmark::{Event, HeadingLevel, Options, Parser, Tag, TagEnd};

use super::{Extracted, plain_text::title_from_file_name};

/// A Markdown file as an article: rendered to HTML, titled by its front matter or first heading (else the file name).
pub fn extract(file_name: &str, markdown: &str) -> Extracted {
    let markdown = markdown.trim_start_matches('\u{feff}');
    let (front_matter, body) = split_front_matter(markdown);
    let options = Options::ENABLE_TABLES | Options::ENABLE_FOOTNOTES | Options::ENABLE_STRIKETHROUGH | Options::ENABLE_SMART_PUNCTUATION;
    let mut events: Vec<Event<'_>> = Parser::new_ext(body, options).collect();
    let heading_title = take_leading_h1(&mut events);
    let mut content_html = String::new();
    pulldown_cmark::html::push_html(&mut content_html, events.into_iter());
    let title = front_matter.get("title").cloned().or(heading_title).unwrap_or_else(|| title_from_file_name(file_name));
    Extracted {
        title,
        byline: front_matter.get("author").cloned(),
        site_name: front_matter.get("site").or(front_matter.get("source")).cloned(),
        lang: front_matter.get("lang").cloned(),
        published_at: front_matter.get("date").cloned(),
        url: front_matter.get("url").filter(|u| u.starts_with("http")).cloned(),
        canonical_url: None,
        content_html,
    }
}

/// A leading `# Title` is the article's title, not part of its body.
fn take_leading_h1(events: &mut Vec<Event<'_>>) -> Option<String> {
    if !matches!(events.first(), Some(Event::Start(Tag::Heading { level: HeadingLevel::H1, .. }))) {
        return None;
    }
    let end = events.iter().position(|e| matches!(e, Event::End(TagEnd::Heading(HeadingLevel::H1))))?;
    let title: String = events[1..end]
        .iter()
        .filter_map(|e| match e {
            Event::Text(t) | Event::Code(t) => Some(t.as_ref()),
            _ => None,
        })
        .collect();
    events.drain(..=end);
    Some(title.trim().to_string()).filter(|t| !t.is_empty())
}

/// `---` YAML-style front matter with simple `key: value` lines (what Obsidian and
/// static-site generators write). Values may be quoted.
fn split_front_matter(markdown: &str) -> (std::collections::HashMap<String, String>, &str) {
    let mut fields = std::collections::HashMap::new();
    let Some(rest) = markdown.strip_prefix("---\n").or_else(|| markdown.strip_prefix("---\r\n")) else {
        return (fields, markdown);
    };
    let Some(end) = rest.find("\n---") else { return (fields, markdown) };
    for line in rest[..end].lines() {
        if let Some((key, value)) = line.split_once(':') {
            let value = value.trim().trim_matches(['"', '\'']).trim();
            if !value.is_empty() {
                fields.insert(key.trim().to_ascii_lowercase(), value.to_string());
            }
        }
    }
    let body = rest[end + 4..].trim_start_matches(['-', '\r', '\n']);
    (fields, body)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn leading_heading_is_the_title_and_the_rest_is_html() {
        let extracted = extract("x.md", "# On *Reading*\n\nSome **bold** text.\n\n| a | b |\n|---|---|\n| 1 | 2 |\n");
        assert_eq!(extracted.title, "On Reading");
        assert!(extracted.content_html.starts_with("<p>Some <strong>bold</strong> text.</p>"), "{}", extracted.content_html);
        assert!(extracted.content_html.contains("<table>"));
        assert!(!extracted.content_html.contains("<h1>"));
    }

    #[test]
    fn front_matter_gives_metadata() {
        let md = "---\ntitle: \"Notes on Slowness\"\nauthor: Ann Reader\ndate: 2026-01-02\n---\n\n# Heading kept\n\nBody.";
        let extracted = extract("x.md", md);
        assert_eq!(extracted.title, "Notes on Slowness");
        assert_eq!(extracted.byline.as_deref(), Some("Ann Reader"));
        assert_eq!(extracted.published_at.as_deref(), Some("2026-01-02"));
        assert!(extracted.content_html.contains("Body."));
    }

    #[test]
    fn without_a_heading_the_file_name_is_the_title() {
        assert_eq!(extract("reading-list.md", "Just text.").title, "Reading List");
    }
}
