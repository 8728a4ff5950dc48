//! A second opinion on where the article is. Readability scores candidates by commas,
//! paragraph lengths and class names, and now and then crowns the wrong block: the list
//! of a letter's signatories instead of the letter, a table of addresses, an author's
//! bio, a customer-service box. The article is then still on the page as the element
//! with the most running prose in its own paragraphs, starting under the headline, which
//! is measured here before Readability runs (it rewrites the page as it works). When
//! that element holds far more prose than Readability's pick, and none of it is in the
//! pick, the pick was wrong.

use super::selectors::Matches;
use dom_query::{Document, NodeRef};

/// A paragraph counts as running prose from this many characters (a label or a name in
/// a list does not).
const MIN_PARAGRAPH_CHARS: usize = 50;
/// A paragraph that is mostly links points elsewhere; it is not prose.
const MAX_LINK_SHARE: f64 = 0.5;
/// The other element must hold at least this much prose…
const MIN_PROSE_CHARS: usize = 600;
/// …and this many times the prose in Readability's pick.
const MIN_ADVANTAGE: usize = 3;

/// The element of a page that holds the most running prose in its own paragraphs.
pub struct ProseBlock {
    /// Its HTML, taken as the article when Readability's pick was wrong.
    pub html: String,
    /// Characters of prose in its paragraphs.
    pub prose: usize,
    /// The start of its longest paragraph, without whitespace: how it is recognised in
    /// Readability's pick.
    key: String,
}

impl ProseBlock {
    /// The page's element with the most prose in its child paragraphs, when the first
    /// paragraph of prose under the page's headline is one of them (a page with no `h1`
    /// gets no second opinion).
    pub fn find(document: &Document) -> Option<ProseBlock> {
        let mut best: Option<(NodeRef<'_>, usize)> = None;
        let mut scores: std::collections::HashMap<dom_query::NodeId, usize> = std::collections::HashMap::new();
        for paragraph in document.select("body p").nodes() {
            let Some(parent) = paragraph.parent() else { continue };
            let score = scores.entry(parent.id).or_default();
            *score += prose_chars(paragraph);
            if best.is_none_or(|(_, top)| *score > top) {
                best = Some((parent, *score));
            }
        }
        let (block, prose) = best.filter(|(_, prose)| *prose >= MIN_PROSE_CHARS)?;
        // The article starts under its headline: a block of prose elsewhere on the page
        // (a list of teasers with their summaries) is not a second opinion on it.
        let first_under_headline = document
            .select("body h1, body p")
            .nodes()
            .iter()
            .skip_while(|node| !node.matches("h1"))
            .find(|node| node.matches("p") && prose_chars(node) > 0)
            .and_then(|paragraph| paragraph.parent())?;
        if first_under_headline.id != block.id {
            return None;
        }
        let longest = block.children().into_iter().filter(|c| c.matches("p")).max_by_key(prose_chars)?;
        Some(ProseBlock { html: block.html().to_string(), prose, key: opening(&longest.text()) })
    }

    /// Whether Readability's pick (its HTML) missed the article this block holds.
    pub fn replaces(&self, picked_html: &str) -> bool {
        let picked = Document::fragment(picked_html);
        let picked_prose: usize = picked.select("p").nodes().iter().map(prose_chars).sum();
        let picked_text: String = picked.html_root().text().chars().filter(|c| !c.is_whitespace()).collect();
        self.prose >= picked_prose * MIN_ADVANTAGE && !picked_text.contains(&self.key)
    }
}

/// Characters of running prose in a paragraph: its text, unless it is short or mostly links.
fn prose_chars(paragraph: &NodeRef<'_>) -> usize {
    let length = chars(&paragraph.text());
    let links: usize = paragraph.descendants_it().filter(|d| d.matches("a")).map(|a| chars(&a.text())).sum();
    let prose = length >= MIN_PARAGRAPH_CHARS && (links as f64) < length as f64 * MAX_LINK_SHARE;
    if prose { length } else { 0 }
}

fn chars(text: &str) -> usize {
    text.chars().filter(|c| !c.is_whitespace()).count()
}

fn opening(text: &str) -> String {
    text.chars().filter(|c| !c.is_whitespace()).take(MIN_PARAGRAPH_CHARS).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    const LETTER: &str = "<p>Our institutions are facing a moment of trial, and the letter below says why, at length.</p>";

    fn page(article: &str, other: &str) -> Document {
        Document::from(format!(
            "<html><body><h1>A letter</h1><div class=\"letter\">{article}</div><div class=\"names\">{other}</div></body></html>"
        ))
    }

    #[test]
    fn the_block_with_the_most_prose_is_found() {
        let names = "<p>Ada Lovelace, writer</p>".repeat(100);
        let found = ProseBlock::find(&page(&LETTER.repeat(10), &names)).expect("a prose block");
        assert!(found.html.starts_with("<div class=\"letter\">"), "{}", found.html);
        assert!(found.replaces(&names), "a list of names instead of the letter");
        assert!(!found.replaces(&LETTER.repeat(10)), "Readability found the letter");
        assert!(!found.replaces(&LETTER.repeat(4)), "part of the letter is the letter");
    }

    #[test]
    fn a_page_with_little_prose_has_no_second_opinion() {
        assert!(ProseBlock::find(&page(LETTER, "")).is_none());
        let teasers = "<p>Another story, summed up in a sentence that is long enough to be prose.</p>".repeat(20);
        assert!(ProseBlock::find(&page(LETTER, &teasers)).is_none(), "prose that is not under the headline");
        let links = "<p><a href=\"/a\">A story elsewhere, with a headline long enough to count</a></p>".repeat(20);
        assert!(ProseBlock::find(&page(&links, "")).is_none(), "links are not prose");
    }
}
