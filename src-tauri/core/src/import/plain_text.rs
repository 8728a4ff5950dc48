//! Plain text (.txt): paragraphs, a title, and the cruft of text copied from a web page.

use std::sync::LazyLock;

use regex::Regex;

use super::Extracted;

/// "Read More: …", "Also read: …": links to other stories that come along when an
/// article is copied from a news site. They are not part of the article.
static LINK_CRUFT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(read more|also read|read also|see also|related|recommended|more from|watch)\s*[:：|-]\s*\S").expect("valid regex")
});

/// An author note closing many news articles: "Jane Doe is a Senior Editor at The Daily Paper."
static AUTHOR_FOOTER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?P<name>\p{Lu}[\p{L}.'’-]+(?: \p{Lu}[\p{L}.'’-]+){1,3}) (?:is|was) (?:a|an|the) [^.]{0,80}? (?:at|of|for|with) (?P<site>(?:[Tt]he )?\p{Lu}[^.]{1,60}?)\.?$")
        .expect("valid regex")
});

/// The longest first line taken as a title rather than as the opening paragraph.
const MAX_TITLE_CHARS: usize = 140;

/// Plain text as an article: paragraphs at blank lines, titled by its first line (else the file name).
pub fn extract(file_name: &str, text: &str) -> Extracted {
    let text = text.trim_start_matches('\u{feff}').replace("\r\n", "\n").replace('\r', "\n");
    let mut lines: Vec<&str> = text.lines().map(str::trim).collect();
    let title_line = take_title(&mut lines);
    let paragraphs: Vec<String> = paragraphs(&lines).into_iter().filter(|p| !LINK_CRUFT.is_match(p)).collect();
    let title = title_line
        .or_else(|| Some(title_from_file_name(file_name)).filter(|t| !t.is_empty()))
        .unwrap_or_else(|| first_sentence(paragraphs.first().map_or("", String::as_str)));
    let (byline, site_name) = paragraphs
        .last()
        .and_then(|last| AUTHOR_FOOTER.captures(last))
        .map(|c| (Some(c["name"].to_string()), Some(c["site"].to_string())))
        .unwrap_or((None, None));
    let content_html = paragraphs.iter().map(|p| format!("<p>{}</p>", html_escape::encode_text(p))).collect::<Vec<_>>().join("\n");
    Extracted { title, byline, site_name, content_html, ..Extracted::default() }
}

/// A first line is a title when it is short, does not end like a sentence, and
/// something follows it.
fn take_title(lines: &mut Vec<&str>) -> Option<String> {
    let first = lines.iter().position(|l| !l.is_empty())?;
    let candidate = lines[first].trim_start_matches('#').trim();
    let has_body = lines[first + 1..].iter().any(|l| !l.is_empty());
    let ends_like_sentence = candidate.ends_with(['.', ',', ';', ':']);
    if has_body && !ends_like_sentence && candidate.chars().count() <= MAX_TITLE_CHARS {
        let title = candidate.to_string();
        lines.drain(..=first);
        Some(title)
    } else {
        None
    }
}

/// Blank lines separate paragraphs, and hard-wrapped lines inside one are joined.
/// Text with no blank line at all (typical of copied web pages) has a paragraph per line.
fn paragraphs(lines: &[&str]) -> Vec<String> {
    let has_blank_separator = lines.iter().skip_while(|l| l.is_empty()).any(|l| l.is_empty());
    if !has_blank_separator {
        return lines.iter().filter(|l| !l.is_empty()).map(|l| l.to_string()).collect();
    }
    lines.split(|l| l.is_empty()).filter(|block| !block.is_empty()).map(|block| block.join(" ")).collect()
}

/// A title for text that has neither a title line nor a file name (pasted text):
/// its first sentence, shortened at a word.
fn first_sentence(paragraph: &str) -> String {
    const MAX_CHARS: usize = 80;
    let sentence = paragraph.split_inclusive(['.', '!', '?']).next().unwrap_or(paragraph);
    crate::text::excerpt(sentence.trim_end_matches('.'), MAX_CHARS)
}

pub(crate) fn title_from_file_name(file_name: &str) -> String {
    let stem = std::path::Path::new(file_name).file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
    let words: Vec<String> = stem
        .split(['-', '_', ' '])
        .filter(|w| !w.is_empty())
        .map(|w| {
            let mut chars = w.chars();
            chars.next().map_or_else(String::new, |c| c.to_uppercase().chain(chars).collect())
        })
        .collect();
    words.join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn leading_title_line_becomes_the_title() {
        let extracted = extract("x.txt", "A Quiet Revolution\n\nFirst paragraph.\n\nSecond paragraph.");
        assert_eq!(extracted.title, "A Quiet Revolution");
        assert_eq!(extracted.content_html, "<p>First paragraph.</p>\n<p>Second paragraph.</p>");
    }

    #[test]
    fn without_a_title_line_the_file_name_is_used() {
        let extracted = extract("night-trains_return.txt", "It begins with a sentence.\nAnd another one.");
        assert_eq!(extracted.title, "Night Trains Return");
        assert_eq!(extracted.content_html, "<p>It begins with a sentence.</p>\n<p>And another one.</p>");
    }

    #[test]
    fn without_title_line_or_file_name_the_first_sentence_is_the_title() {
        let extracted = extract("", "Wide margins rest the eye. They leave room for notes.");
        assert_eq!(extracted.title, "Wide margins rest the eye");
    }

    #[test]
    fn hard_wrapped_paragraphs_are_joined() {
        let extracted = extract("x.txt", "Title\n\nline one\nline two\n\nnext");
        assert_eq!(extracted.content_html, "<p>line one line two</p>\n<p>next</p>");
    }

    #[test]
    fn read_more_link_cruft_is_dropped() {
        let extracted = extract("x.txt", "Body one.\nRead More: Another Story\nAlso read: Yet another\nBody two.");
        assert_eq!(extracted.content_html, "<p>Body one.</p>\n<p>Body two.</p>");
    }

    #[test]
    fn text_is_escaped_not_interpreted() {
        let extracted = extract("x.txt", "Title\n\n<script>alert(1)</script> & more");
        assert_eq!(extracted.content_html, "<p>&lt;script&gt;alert(1)&lt;/script&gt; &amp; more</p>");
    }

    #[test]
    fn author_footer_gives_byline_and_site() {
        let extracted = extract("x.txt", "Title\n\nBody.\n\nJane Q. Doe is a Senior Editor at The Daily Paper.");
        assert_eq!(extracted.byline.as_deref(), Some("Jane Q. Doe"));
        assert_eq!(extracted.site_name.as_deref(), Some("The Daily Paper"));
    }
}
