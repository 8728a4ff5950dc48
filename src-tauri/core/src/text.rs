//! The article text: the one string every anchor (highlight, bookmark, reading
//! position) is an offset into.
//!
//! It is the concatenation of the text nodes of the stored, sanitized
//! `content_html`, in document order: exactly what `root.textContent` returns in
//! the webview once the UI has rendered that HTML into `root`. The UI computes
//! the same string (ui/src/reader/article-text.ts); tests on both sides pin them
//! together.

use dom_query::Document;
use unicode_segmentation::UnicodeSegmentation;

/// The article text of sanitized article HTML.
pub fn article_text(content_html: &str) -> String {
    Document::fragment(content_html).root().text().to_string()
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
    pub reading_minutes: usize,
}

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
    let minutes = (spaced_words as f64 / WORDS_PER_MINUTE as f64)
        + (cjk_chars as f64 / CJK_CHARS_PER_MINUTE as f64);
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
