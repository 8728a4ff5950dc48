//! Budgets on the shape of imported HTML, applied before anything builds a tree of it.
//!
//! Building a tree (html5ever's tree builder, under extraction and sanitizing) is
//! quadratic in nesting depth: 20,000 nested `<div>`s take 20 s to parse, and a few
//! kilobytes of compressed or repeated input can expand to millions of elements. Real
//! articles are neither: the deepest pages in the corpora nest well under 100 levels.
//! So depth is limited on the token stream (html5ever's tokenizer, linear), before
//! any tree exists.

use std::borrow::Cow;
use std::cell::{Cell, RefCell};

use html5ever::tendril::StrTendril;
use html5ever::tokenizer::states::RawKind;
use html5ever::tokenizer::{BufferQueue, Tag, TagKind, Token, TokenSink, TokenSinkResult, Tokenizer, TokenizerOpts};

use crate::error::{Error, Result};

/// Elements nested deeper than this lose their tags (their text stays).
pub const MAX_DEPTH: usize = 200;

/// The most elements one article may have (a long book chapter has tens of thousands).
pub const MAX_ELEMENTS: usize = 400_000;

/// Elements that never have children, so never deepen the tree.
const VOID_ELEMENTS: &[&str] =
    &["area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr"];

/// `html` with the tags of every element deeper than [`MAX_DEPTH`] removed (their text
/// kept), or an error when it has more than [`MAX_ELEMENTS`] elements. Ordinary pages
/// are returned as they are, after one cheap scan.
pub fn flatten_deep_nesting(html: &str) -> Result<Cow<'_, str>> {
    let shape = scan(html);
    if shape.elements > MAX_ELEMENTS {
        return Err(Error::Unreadable(format!(
            "it has more than {MAX_ELEMENTS} elements, far more than any article; it was not imported."
        )));
    }
    if shape.max_depth <= MAX_DEPTH {
        return Ok(Cow::Borrowed(html));
    }
    log::info!("limiting markup nested up to {} levels deep", shape.max_depth);
    Ok(Cow::Owned(limit_depth(html, MAX_DEPTH)))
}

/// Counts from a scan of the raw markup: start tags, and the deepest nesting if every
/// start tag were closed by its end tag. It over-estimates depth for pages that leave
/// tags unclosed (`<p>` without `</p>`), which only costs the token-level pass.
struct Shape {
    elements: usize,
    max_depth: usize,
}

fn scan(html: &str) -> Shape {
    let bytes = html.as_bytes();
    let (mut elements, mut depth, mut max_depth) = (0usize, 0usize, 0usize);
    let mut at = 0;
    while let Some(found) = bytes[at..].iter().position(|&b| b == b'<') {
        let tag = at + found + 1;
        at = tag;
        match bytes.get(tag) {
            Some(b'/') => depth = depth.saturating_sub(1),
            Some(c) if c.is_ascii_alphabetic() => {
                elements += 1;
                let name_end = bytes[tag..].iter().position(|c| !c.is_ascii_alphanumeric()).map_or(bytes.len(), |n| tag + n);
                let name = html[tag..name_end].to_ascii_lowercase();
                if !VOID_ELEMENTS.contains(&name.as_str()) {
                    depth += 1;
                    max_depth = max_depth.max(depth);
                }
            }
            _ => {}
        }
    }
    Shape { elements, max_depth }
}

/// Re-serialize `html` from its tokens, dropping start and end tags nested deeper than
/// `max_depth`. Comments are dropped (nothing downstream keeps them); a doctype is
/// written as `<!DOCTYPE html>`.
fn limit_depth(html: &str, max_depth: usize) -> String {
    let limiter = DepthLimiter {
        max_depth,
        out: RefCell::new(String::with_capacity(html.len())),
        open: RefCell::new(Vec::new()),
        raw: Cell::new(false),
    };
    let tokenizer = Tokenizer::new(limiter, TokenizerOpts::default());
    let input = BufferQueue::default();
    input.push_back(StrTendril::from_slice(html));
    let _ = tokenizer.feed(&input);
    tokenizer.end();
    tokenizer.sink.out.into_inner()
}

/// End tags are matched against this many open elements at most, so a flood of
/// unmatched end tags stays linear.
const END_TAG_SEARCH: usize = 64;

struct DepthLimiter {
    max_depth: usize,
    out: RefCell<String>,
    /// Every open element (also those too deep to be written).
    open: RefCell<Vec<String>>,
    /// Inside script or style: the tokenizer reads raw text until the end tag, and it is
    /// written back as it was (it cannot hold that end tag, or the tokenizer would have
    /// stopped there). JSON-LD metadata lives in such scripts.
    raw: Cell<bool>,
}

impl DepthLimiter {
    fn start(&self, tag: &Tag) -> TokenSinkResult<()> {
        let name = tag.name.to_string();
        self.close_implied(&name);
        let void = VOID_ELEMENTS.contains(&name.as_str()) || tag.self_closing;
        let depth = self.open.borrow().len();
        if depth < self.max_depth {
            let mut out = self.out.borrow_mut();
            out.push('<');
            out.push_str(&name);
            for attribute in &tag.attrs {
                let key = &*attribute.name.local;
                if key.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | ':' | '.')) {
                    out.push(' ');
                    out.push_str(key);
                    out.push_str("=\"");
                    out.push_str(&html_escape::encode_double_quoted_attribute(&attribute.value));
                    out.push('"');
                }
            }
            out.push('>');
        }
        if void {
            return TokenSinkResult::Continue;
        }
        self.open.borrow_mut().push(name.clone());
        match name.as_str() {
            "script" => self.raw_text(RawKind::ScriptData),
            "style" | "xmp" | "iframe" | "noembed" | "noframes" => self.raw_text(RawKind::Rawtext),
            "title" | "textarea" => TokenSinkResult::RawData(RawKind::Rcdata),
            "plaintext" => TokenSinkResult::Plaintext,
            _ => TokenSinkResult::Continue,
        }
    }

    fn raw_text(&self, kind: RawKind) -> TokenSinkResult<()> {
        self.raw.set(true);
        TokenSinkResult::RawData(kind)
    }

    fn end(&self, name: &str) {
        self.raw.set(false);
        let mut open = self.open.borrow_mut();
        let Some(from_top) = open.iter().rev().take(END_TAG_SEARCH).position(|n| n == name) else { return };
        let keep = open.len() - from_top - 1;
        let mut out = self.out.borrow_mut();
        while open.len() > keep {
            let closed = open.pop().unwrap_or_default();
            if open.len() < self.max_depth {
                out.push_str("</");
                out.push_str(&closed);
                out.push('>');
            }
        }
    }

    /// The end tags HTML leaves implied, so pages that never close their paragraphs
    /// and list items do not look deep.
    fn close_implied(&self, starting: &str) {
        let top = self.open.borrow().last().cloned();
        let Some(top) = top else { return };
        let implied = match top.as_str() {
            "p" => matches!(
                starting,
                "p" | "div"
                    | "ul"
                    | "ol"
                    | "dl"
                    | "table"
                    | "blockquote"
                    | "pre"
                    | "section"
                    | "article"
                    | "aside"
                    | "figure"
                    | "h1"
                    | "h2"
                    | "h3"
                    | "h4"
                    | "h5"
                    | "h6"
                    | "hr"
                    | "header"
                    | "footer"
                    | "nav"
                    | "form"
            ),
            "li" => starting == "li",
            "dt" | "dd" => matches!(starting, "dt" | "dd"),
            "td" | "th" => matches!(starting, "td" | "th" | "tr"),
            "tr" => starting == "tr",
            "option" => starting == "option",
            _ => false,
        };
        if implied {
            self.end(&top);
        }
    }

    fn text(&self, text: &str) {
        let mut out = self.out.borrow_mut();
        if self.raw.get() {
            out.push_str(text);
        } else {
            out.push_str(&html_escape::encode_text(text));
        }
    }
}

impl TokenSink for DepthLimiter {
    type Handle = ();

    fn process_token(&self, token: Token, _line: u64) -> TokenSinkResult<()> {
        match token {
            Token::TagToken(tag) if tag.kind == TagKind::StartTag => return self.start(&tag),
            Token::TagToken(tag) => self.end(&tag.name),
            Token::CharacterTokens(text) => self.text(&text),
            // Without a doctype the page would be parsed in quirks mode downstream.
            Token::DoctypeToken(_) => self.out.borrow_mut().push_str("<!DOCTYPE html>"),
            _ => {}
        }
        TokenSinkResult::Continue
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn depth_of(html: &str) -> usize {
        scan(html).max_depth
    }

    #[test]
    fn ordinary_pages_pass_untouched() {
        let html = "<article><p>One <b>two</b><br>three<img src=x></p><p>four</p></article>";
        assert!(matches!(flatten_deep_nesting(html).unwrap(), Cow::Borrowed(_)));
    }

    #[test]
    fn deep_nesting_is_flattened_and_its_text_kept() {
        let depth = 20_000;
        let html = format!("<p>Before</p>{}deep text{}<p>After</p>", "<div>".repeat(depth), "</div>".repeat(depth));
        let flat = flatten_deep_nesting(&html).unwrap();
        assert!(depth_of(&flat) <= MAX_DEPTH + 1, "still {} deep", depth_of(&flat));
        for text in ["Before", "deep text", "After"] {
            assert!(flat.contains(text), "{text} lost");
        }
    }

    #[test]
    fn unclosed_paragraphs_and_list_items_are_not_depth() {
        let html = format!("<div>{}<ul>{}</ul></div>", "<p>para".repeat(500), "<li>item".repeat(500));
        let limited = limit_depth(&html, MAX_DEPTH);
        assert_eq!(limited.matches("<p>").count(), 500, "every paragraph keeps its tag");
        assert_eq!(limited.matches("<li>").count(), 500, "every item keeps its tag");
    }

    #[test]
    fn attributes_and_text_are_escaped_again() {
        let limited = limit_depth(r#"<a href="x&quot;y" title='a<b'>1 &lt; 2 &amp; 3</a>"#, 10);
        assert_eq!(limited, r#"<a href="x&quot;y" title="a&lt;b">1 &lt; 2 &amp; 3</a>"#);
    }

    #[test]
    fn millions_of_elements_are_refused() {
        let html = "<i>x</i>".repeat(MAX_ELEMENTS + 1);
        assert!(flatten_deep_nesting(&html).unwrap_err().to_string().contains("elements"));
    }
}
