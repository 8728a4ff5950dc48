//! The article text: the one string every anchor (highlight, bookmark, reading
//! position) is an offset into, and what search, snippets and word counts read.
//!
//! It is the concatenation of the text nodes of the stored, sanitized
//! `content_html`, in document order: exactly what `root.textContent` returns in
//! the webview once the UI has rendered that HTML into `root`. The UI computes
//! the same string (ui/src/reader/article-text.ts); tests on both sides pin them
//! together.
//!
//! Blocks never run together: before it is stored, the HTML gets a real "\n" text
//! node wherever one block (paragraph, list item, heading, table cell, line break…)
//! meets the next with no whitespace between them ([`with_block_boundaries`]). Being
//! real text, the separator is in `textContent` too, so the webview needs no rule of its
//! own; being whitespace between blocks, it changes nothing on screen.

use dom_query::{Document, NodeRef};
use unicode_segmentation::UnicodeSegmentation;

/// The article text of sanitized article HTML.
pub fn article_text(content_html: &str) -> String {
    Document::fragment(content_html).root().text().to_string()
}

/// Elements that start and end a line of text: a boundary between words.
const BLOCK_ELEMENTS: &[&str] = &[
    "address",
    "article",
    "aside",
    "blockquote",
    "br",
    "caption",
    "center",
    "dd",
    "details",
    "div",
    "dl",
    "dt",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hr",
    "legend",
    "li",
    "main",
    "nav",
    "ol",
    "p",
    "pre",
    "section",
    "summary",
    "table",
    "tbody",
    "td",
    "tfoot",
    "th",
    "thead",
    "tr",
    "ul",
];

/// Sanitized article HTML with a "\n" text node at every block boundary that has no
/// whitespace yet, so "<li>Stars</li><li>Galaxy</li>" reads "Stars\nGalaxy", not
/// "StarsGalaxy". HTML that needs none comes back unchanged, byte for byte.
///
/// The separator goes between elements (never inside `<pre>`, where it would show, nor
/// at the start of one, where the parser would drop it on the way back in), at the
/// first boundary after the last text, and only when the text on both sides of that
/// boundary is not already whitespace.
pub fn with_block_boundaries(content_html: &str) -> String {
    let document = Document::fragment(content_html);
    let mut walk = BoundaryWalk::default();
    walk.visit_children(&document.root());
    if walk.inserted == 0 {
        return content_html.to_string();
    }
    // A fragment parses into an <html> element; what was given is inside it.
    document.html_root().inner_html().to_string()
}

/// Where a separator may go: just before or just after an element.
enum Gap<'a> {
    Before(NodeRef<'a>),
    After(NodeRef<'a>),
}

#[derive(Default)]
struct BoundaryWalk<'a> {
    /// The last character of text seen so far (None: no text yet).
    last_char: Option<char>,
    /// The first block boundary since that text, if any.
    pending: Option<Gap<'a>>,
    inserted: usize,
}

impl<'a> BoundaryWalk<'a> {
    fn visit_children(&mut self, parent: &NodeRef<'a>) {
        for child in parent.children() {
            if child.is_text() {
                self.visit_text(&child);
            } else if child.is_element() {
                self.visit_element(child);
            }
        }
    }

    fn visit_element(&mut self, element: NodeRef<'a>) {
        let name = element.node_name().map(|n| n.to_ascii_lowercase()).unwrap_or_default();
        let block = BLOCK_ELEMENTS.contains(&name.as_str());
        if block {
            self.boundary(Gap::Before(element));
        }
        if name == "pre" {
            // Preformatted text is taken as it is; only its edges are boundaries.
            self.arrive_at_text(&element, &element.text());
        } else {
            self.visit_children(&element);
        }
        if block {
            self.boundary(Gap::After(element));
        }
    }

    fn boundary(&mut self, gap: Gap<'a>) {
        if self.pending.is_none() && self.last_char.is_some() {
            self.pending = Some(gap);
        }
    }

    fn visit_text(&mut self, node: &NodeRef<'a>) {
        self.arrive_at_text(node, &node.text());
    }

    /// The walk reached `text` (in `node`): put a separator in the pending gap if the
    /// text on both sides of it would otherwise touch.
    fn arrive_at_text(&mut self, node: &NodeRef<'a>, text: &str) {
        let (Some(first), Some(last)) = (text.chars().next(), text.chars().last()) else { return };
        if let Some(gap) = self.pending.take() {
            let joins_words = self.last_char.is_some_and(|c| !c.is_whitespace()) && !first.is_whitespace();
            if joins_words {
                let separator = node.tree.new_text("\n");
                match gap {
                    Gap::Before(element) => element.insert_before(&separator),
                    Gap::After(element) => element.insert_after(&separator),
                }
                self.inserted += 1;
            }
        }
        self.last_char = Some(last);
    }
}

/// Reading speeds used for the estimate shown in the library.
const WORDS_PER_MINUTE: usize = 230;
/// Chinese, Japanese and Korean are read by characters, not space-separated words.
const CJK_CHARS_PER_MINUTE: usize = 500;

/// How long a text is, counted the way a reader experiences it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TextLength {
    /// Words in space-separated scripts, plus CJK characters (each counts as a word,
    /// which is how word counts for those languages are usually given).
    pub words: usize,
    /// Minutes to read it.
    pub reading_minutes: usize,
}

/// Count the words of an article text and the minutes it takes to read.
pub fn measure(text: &str) -> TextLength {
    let mut spaced_words = 0;
    let mut cjk_chars = 0;
    for word in text.unicode_words() {
        let cjk = word.chars().filter(|c| is_cjk(*c)).count();
        if cjk > 0 {
            cjk_chars += cjk;
        } else {
            spaced_words += 1;
        }
    }
    let minutes = (spaced_words as f64 / WORDS_PER_MINUTE as f64) + (cjk_chars as f64 / CJK_CHARS_PER_MINUTE as f64);
    let reading_minutes = if spaced_words + cjk_chars == 0 { 0 } else { (minutes.round() as usize).max(1) };
    TextLength { words: spaced_words + cjk_chars, reading_minutes }
}

/// Scripts written without spaces between words (Chinese, Japanese, Korean).
pub(crate) fn is_cjk(c: char) -> bool {
    matches!(c as u32,
        0x3040..=0x30FF      // Hiragana, Katakana
        | 0x3400..=0x4DBF    // CJK Extension A
        | 0x4E00..=0x9FFF    // CJK Unified Ideographs
        | 0xAC00..=0xD7AF    // Hangul syllables
        | 0xF900..=0xFAFF    // CJK Compatibility Ideographs
        | 0x20000..=0x2FA1F) // Extensions B and later
}

/// How long the excerpt shown under an article's title in the library is, in characters.
pub const EXCERPT_CHARS: usize = 220;

/// A short plain-text excerpt: the first sentences, cut at a word boundary.
pub fn excerpt(text: &str, max_chars: usize) -> String {
    let collapsed = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if collapsed.chars().count() <= max_chars {
        return collapsed;
    }
    let cut: String = collapsed.chars().take(max_chars).collect();
    let at_word = cut.rfind(' ').map_or(cut.as_str(), |i| &cut[..i]);
    format!("{}…", at_word.trim_end_matches([',', ';', ':', '.', ' ']))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn article_text_is_text_nodes_in_order_including_whitespace() {
        let html = "<h1>Title</h1>\n<p>One <em>two</em> <a href=\"#\">three</a></p><ul><li>a</li><li>b</li></ul>";
        assert_eq!(article_text(html), "Title\nOne two threeab");
    }

    fn separated(html: &str) -> String {
        article_text(&with_block_boundaries(html))
    }

    #[test]
    fn list_items_headings_and_cells_do_not_run_together() {
        assert_eq!(separated("<h2>Stars</h2><ul><li>Sun</li><li>Milky Way</li></ul>Galaxy"), "Stars\nSun\nMilky Way\nGalaxy");
        assert_eq!(separated("<table><tr><th>Name</th><th>Age</th></tr><tr><td>Ada</td><td>36</td></tr></table>"), "Name\nAge\nAda\n36");
        assert_eq!(separated("<dl><dt>Term</dt><dd>Meaning</dd></dl>"), "Term\nMeaning");
    }

    #[test]
    fn line_breaks_separate_but_inline_elements_do_not() {
        assert_eq!(separated("<p>Line one<br>line two</p>"), "Line one\nline two");
        assert_eq!(separated("<p>un<em>believ</em>able <a href=\"#x\">link</a>s</p>"), "unbelievable links");
        assert_eq!(separated("<p>A photo: <img src=\"data:image/png;base64,AA==\">here</p>"), "A photo: here");
    }

    #[test]
    fn existing_whitespace_is_enough_and_nothing_is_added_at_the_edges() {
        let spaced = "<p>One</p>\n<p>Two</p>";
        assert_eq!(with_block_boundaries(spaced), spaced, "unchanged, byte for byte");
        assert_eq!(separated("<p>One </p><p>Two</p>"), "One Two");
        assert_eq!(separated("<div><p>Only</p></div>"), "Only");
        assert_eq!(separated("<p></p><p>First</p><p></p>"), "First");
    }

    #[test]
    fn nested_blocks_get_one_separator() {
        assert_eq!(separated("<div><ul><li><p>a</p></li></ul></div><div><p>b</p></div>"), "a\nb");
        assert_eq!(separated("<div>intro<p>para</p>tail</div>"), "intro\npara\ntail");
    }

    #[test]
    fn preformatted_text_is_untouched_inside_but_separated_at_its_edges() {
        let code = "<p>Run:</p><pre><code>cargo\n  test</code></pre><p>Done</p>";
        assert_eq!(separated(code), "Run:\ncargo\n  test\nDone");
        assert!(with_block_boundaries(code).contains("<pre><code>cargo\n  test</code></pre>"));
    }

    #[test]
    fn separators_survive_a_round_trip_through_the_parser() {
        let html = with_block_boundaries("<table><tbody><tr><td>a</td><td>b</td></tr></tbody></table><ul><li>c</li><li>d</li></ul>");
        assert_eq!(html, "<table><tbody><tr><td>a</td>\n<td>b</td>\n</tr></tbody></table><ul><li>c</li>\n<li>d</li></ul>");
        assert_eq!(article_text(&html), "a\nb\nc\nd");
        assert_eq!(with_block_boundaries(&html), html, "a second pass finds nothing to add");
    }

    #[test]
    fn article_text_decodes_entities_once() {
        assert_eq!(article_text("<p>Fish &amp; chips &lt;b&gt;</p>"), "Fish & chips <b>");
    }

    #[test]
    fn english_words_are_counted_and_timed() {
        let text = "word ".repeat(460);
        assert_eq!(measure(&text), TextLength { words: 460, reading_minutes: 2 });
    }

    #[test]
    fn cjk_text_counts_characters_not_one_giant_word() {
        let text = "我们今天去公园散步".repeat(100); // 900 characters, no spaces
        let length = measure(&text);
        assert_eq!(length.words, 900);
        assert_eq!(length.reading_minutes, 2);
    }

    #[test]
    fn empty_text_takes_no_time() {
        assert_eq!(measure("  \n "), TextLength { words: 0, reading_minutes: 0 });
    }

    #[test]
    fn excerpt_cuts_at_a_word() {
        assert_eq!(excerpt("The quick brown fox jumps", 12), "The quick…");
        assert_eq!(excerpt("Short   text", 50), "Short text");
    }
}
