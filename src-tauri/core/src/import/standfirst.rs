//! The standfirst: the paragraph between a headline and the article that says what the
//! article is about ("lead", "intro", "deck", "chapô", "bajada"). Pages often set it in
//! the article's header, apart from the body, so Readability, which picks the body,
//! leaves it out. It is found before extraction, by what the page calls it, and put back
//! in front of the article when it stood just before the text Readability kept.

use dom_query::{Document, NodeRef};

use super::boilerplate::name_words;
use super::selectors::Matches;

/// Words that, in a class or id, name a standfirst, in the languages of the sites that
/// use them (English, German, French, Spanish, Italian news and blog templates).
const STANDFIRST_WORDS: &[&str] = &[
    "lead",
    "lede",
    "intro",
    "introduction",
    "deck",
    "dek",
    "standfirst",
    "strapline",
    "subtitle",
    "subheadline",
    "excerpt",
    "summary",
    "abstract",
    "description",
    "chapo",
    "chapeau",
    "bajada",
    "entradilla",
    "sumario",
    "sommario",
    "catenaccio",
];

/// A standfirst is a sentence or a short paragraph: shorter is a label, longer is the
/// article itself.
const MIN_CHARS: usize = 40;
const MAX_CHARS: usize = 800;

/// Between the standfirst and the article there is room for a byline, a date and a
/// picture's caption, not for other content.
const MAX_GAP_CHARS: usize = 600;

/// Where a standfirst is never found: site furniture around the article, links to other
/// articles, and pictures' captions.
const NOT_IN: &str = "nav, footer, aside, form, a, li, figure, figcaption, [hidden], [aria-hidden=true]";

/// A standfirst found on a page, before extraction.
pub struct Standfirst {
    html: String,
    /// Its text, without whitespace.
    key: String,
    /// Where its text ends in the page's text (without whitespace), in chars.
    end: usize,
    /// The page's text without whitespace, to find where the kept article starts.
    page_key: String,
}

impl Standfirst {
    /// The first element after the page's headline that its class or id names a
    /// standfirst, holding a sentence or two of prose that is not mostly links.
    pub fn find(document: &Document) -> Option<Standfirst> {
        let body = document.select("body");
        let root = body.nodes().first()?;
        let page_key = without_whitespace(&visible_text(root));
        let headline_end = document.select("body h1").nodes().first().and_then(|h1| {
            let key = without_whitespace(&h1.text());
            (!key.is_empty()).then(|| char_position(&page_key, &key).map(|p| p + key.chars().count())).flatten()
        });
        let candidate = root.descendants_it().filter(|node| node.is_element() && names_standfirst(node)).find_map(|node| {
            let key = without_whitespace(&node.text());
            let length = key.chars().count();
            let plausible = (MIN_CHARS..=MAX_CHARS).contains(&length)
                && !node.ancestors_it(None).chain(std::iter::once(node)).any(|a| a.matches(NOT_IN) || looks_hidden(&a))
                && link_chars(&node) * 2 < length;
            let start = char_position(&page_key, &key).filter(|_| plausible)?;
            headline_end.is_none_or(|end| start >= end).then(|| (node, key, start + length))
        })?;
        let (node, key, end) = candidate;
        let tag = if node.descendants_it().any(|d| d.matches("p, div, ul, ol, blockquote")) { "div" } else { "p" };
        // Marked, so the reader can set it apart as the page did (the sanitizer keeps this class).
        Some(Standfirst { html: format!(r#"<{tag} class="standfirst">{}</{tag}>"#, node.inner_html()), key, end, page_key })
    }

    /// The article's HTML with the standfirst in front, when the article does not hold
    /// it already and it stood just before the article's first words on the page.
    pub fn put_before(&self, content_html: &str) -> Option<String> {
        let content = Document::fragment(content_html);
        let content_key = without_whitespace(&content.html_root().text());
        let opening: String = content_key.chars().take(MIN_CHARS).collect();
        let own_opening: String = self.key.chars().take(MIN_CHARS).collect();
        if opening.is_empty() || content_key.contains(&own_opening) {
            return None;
        }
        let article_start = char_position(&self.page_key, &opening)?;
        let just_before = article_start >= self.end && article_start - self.end <= MAX_GAP_CHARS;
        just_before.then(|| format!("{}{content_html}", self.html))
    }
}

/// Hidden by its own style: the page's editor or a version for another screen.
fn looks_hidden(node: &NodeRef<'_>) -> bool {
    let style = node.attr("style").unwrap_or_default().to_ascii_lowercase().replace(' ', "");
    style.contains("display:none") || style.contains("visibility:hidden")
}

fn names_standfirst(node: &NodeRef<'_>) -> bool {
    let itemprop = node.attr("itemprop").unwrap_or_default();
    itemprop.split_whitespace().any(|p| p == "description") || name_words(node).iter().any(|word| STANDFIRST_WORDS.contains(&word.as_str()))
}

/// The text a reader sees: scripts and styles hold words too (a page's data as JSON), but
/// not in the page's reading order.
fn visible_text(root: &NodeRef<'_>) -> String {
    root.descendants_it()
        .filter(|node| node.is_text() && !node.parent().is_some_and(|parent| parent.matches("script, style, noscript, template")))
        .map(|node| node.text().to_string())
        .collect()
}

fn link_chars(node: &NodeRef<'_>) -> usize {
    node.descendants_it().filter(|d| d.matches("a")).map(|a| without_whitespace(&a.text()).chars().count()).sum()
}

fn without_whitespace(text: &str) -> String {
    text.chars().filter(|c| !c.is_whitespace()).collect()
}

/// Where `needle` starts in `haystack`, in chars.
fn char_position(haystack: &str, needle: &str) -> Option<usize> {
    haystack.find(needle).map(|byte| haystack[..byte].chars().count())
}

#[cfg(test)]
mod tests {
    use super::*;

    const BODY: &str = "<p>The body of the article begins here and runs on for long enough to be the article.</p>";

    fn restored(page: &str, content: &str) -> Option<String> {
        Standfirst::find(&Document::from(page))?.put_before(content)
    }

    #[test]
    fn a_standfirst_in_the_header_goes_back_in_front_of_the_article() {
        let page = format!(
            r#"<body><header><h1>Night trains return</h1><p class="article-lead">Six new routes link the Alps to the North Sea, and tickets go on sale today.</p>
               <span class="date">1 March</span></header><div class="body">{BODY}</div></body>"#
        );
        let content = restored(&page, BODY).expect("restored");
        assert!(content.starts_with(r#"<p class="standfirst">Six new routes"#), "{content}");
    }

    #[test]
    fn nothing_changes_when_the_article_holds_it_or_it_stands_elsewhere() {
        let lead = r#"<p class="intro">Six new routes link the Alps to the North Sea, and tickets go on sale today.</p>"#;
        let held = format!("<body><h1>T</h1><article>{lead}{BODY}</article></body>");
        assert_eq!(restored(&held, &format!("{lead}{BODY}")), None);
        let far_below = format!("<body><h1>T</h1><article>{BODY}</article>{}{lead}</body>", "<p>Other text. </p>".repeat(60));
        assert_eq!(restored(&far_below, BODY), None, "after the article");
        let before_headline = format!("<body>{lead}<h1>T</h1>{BODY}</body>");
        assert_eq!(restored(&before_headline, BODY), None, "a teaser above the headline");
        let a_teaser_link = format!(
            r#"<body><h1>T</h1><a class="teaser-intro" href="/x">Six new routes link the Alps to the North Sea, and tickets go on sale.</a>{BODY}</body>"#
        );
        assert_eq!(restored(&a_teaser_link, BODY), None, "a link to another article");
    }
}
