//! What Readability's scoring lets through inside the article it picked: share bars,
//! newsletter and paywall boxes, related-article teasers, breadcrumbs, cookie notices,
//! ratings, tables of contents. Readability judges whole candidates; these sit inside the
//! winner, so they are cleared here, by what the page itself calls them.
//!
//! The rule is general, not per site: an element goes when one of the words of its
//! `class` or `id` names page furniture ([`FURNITURE_WORDS`]). Guards keep it from
//! eating the article: nothing inside code is touched, and an element holding half the
//! text or more, or several paragraphs of prose, is the article itself, whatever it is
//! called ("entry-content share-on", "article paywall-on").

use dom_query::{Document, NodeRef};

/// Words that, alone in a class or id (split at `-`, `_`, spaces and camelCase), name
/// furniture rather than content. Chosen from what site builders call these parts
/// (WordPress, Drupal, TYPO3, news CMSs), in several languages' sites alike.
const FURNITURE_WORDS: &[&str] = &[
    "share",
    "sharing",
    "sharebar",
    "social",
    "socials",
    "newsletter",
    "newsletterbox",
    "subscribe",
    "subscription",
    "signup",
    "paywall",
    "payant",
    "related",
    "relatedlinks",
    "recommended",
    "recommendation",
    "recommendations",
    "breadcrumb",
    "breadcrumbs",
    "cookie",
    "cookies",
    "consent",
    "gdpr",
    "rating",
    "ratings",
    "comments",
    "promo",
    "advert",
    "advertisement",
    "sponsored",
    "banner",
    "popup",
    "modal",
    "tags",
    "taglist",
    "pagination",
    "pager",
    "nextstory",
    "readmore",
];

/// An element with at least this share of the article's text is the article.
const ARTICLE_SHARE: f64 = 0.5;

/// The extracted article HTML without the furniture inside it.
pub fn without_furniture(content_html: &str) -> String {
    let document = Document::fragment(content_html);
    let root = document.html_root();
    if remove_furniture(&root) == 0 {
        return content_html.to_string();
    }
    root.inner_html().to_string()
}

/// Remove the furniture under `root` (see the module's rule and guards); how many
/// elements went.
pub fn remove_furniture(root: &NodeRef<'_>) -> usize {
    let total = text_length(root).max(1) as f64;
    let furniture: Vec<NodeRef<'_>> = root
        .descendants()
        .into_iter()
        .filter(|node| node.is_element() && names_furniture(node))
        .filter(|node| !inside_code(node) && !holds_prose(node) && (text_length(node) as f64) < total * ARTICLE_SHARE)
        .collect();
    for node in &furniture {
        node.remove_from_parent();
    }
    furniture.len()
}

/// Elements that are the figure a caption describes.
const FIGURE_MEDIA: &str = "img, picture, video, audio, svg, canvas, iframe, table, pre, blockquote, math";

/// Captions longer than this are content in their own right (a gallery's text).
const MAX_ORPHAN_CAPTION_CHARS: usize = 200;

/// The HTML without figures whose image did not come along (not embedded, not
/// loadable): a short caption standing alone describes nothing on the page.
pub fn without_empty_figures(html: &str) -> String {
    let document = Document::fragment(html);
    let root = document.html_root();
    let figures: Vec<NodeRef<'_>> = root.descendants().into_iter().filter(is_empty_figure).collect();
    if figures.is_empty() {
        return html.to_string();
    }
    for figure in &figures {
        figure.remove_from_parent();
    }
    root.inner_html().to_string()
}

fn is_empty_figure(node: &NodeRef<'_>) -> bool {
    if !node.is("figure") || node.descendants().iter().any(|d| d.is(FIGURE_MEDIA)) {
        return false;
    }
    let caption: usize = node.children().iter().filter(|c| c.is("figcaption")).map(text_length).sum();
    caption == text_length(node) && caption <= MAX_ORPHAN_CAPTION_CHARS
}

fn names_furniture(node: &NodeRef<'_>) -> bool {
    let class = node.attr("class").unwrap_or_default();
    let id = node.attr("id").unwrap_or_default();
    words(&class).chain(words(&id)).any(|word| FURNITURE_WORDS.contains(&word.as_str()))
}

/// The words of a class or id list: "c-native-newsletterbox u-gap" → c, native,
/// newsletterbox, u, gap; "relatedArticlesText" → related, articles, text.
fn words(names: &str) -> impl Iterator<Item = String> + '_ {
    names.split(|c: char| c.is_whitespace() || c == '-' || c == '_').flat_map(camel_case_words)
}

fn camel_case_words(name: &str) -> Vec<String> {
    let mut words = vec![String::new()];
    let mut previous_lower = false;
    for c in name.chars() {
        if c.is_uppercase() && previous_lower {
            words.push(String::new());
        }
        previous_lower = c.is_lowercase() || c.is_ascii_digit();
        words.last_mut().expect("never empty").extend(c.to_lowercase());
    }
    words.retain(|w| !w.is_empty());
    words
}

/// Paragraphs of running text: furniture has a line or two, an article has these.
const PROSE_PARAGRAPHS: usize = 3;
const PROSE_PARAGRAPH_CHARS: usize = 80;

/// Whether an element holds several paragraphs of prose: an article in a container
/// named for its state ("paywall-on", "has-comments"), not furniture.
fn holds_prose(node: &NodeRef<'_>) -> bool {
    let paragraphs = node.descendants().into_iter().filter(|d| d.is("p") && text_length(d) >= PROSE_PARAGRAPH_CHARS);
    paragraphs.take(PROSE_PARAGRAPHS).count() == PROSE_PARAGRAPHS
}

fn inside_code(node: &NodeRef<'_>) -> bool {
    node.ancestors_it(None).chain(std::iter::once(*node)).any(|n| n.is("pre, code"))
}

fn text_length(node: &NodeRef<'_>) -> usize {
    node.text().chars().filter(|c| !c.is_whitespace()).count()
}

#[cfg(test)]
mod tests {
    use super::*;

    const BODY: &str = "<p>The article's own paragraph, long enough to be most of the text of this short example page.</p>";

    #[test]
    fn furniture_named_by_class_or_id_goes() {
        let html = format!(
            r#"<div class="share-bar"><a href="x">Share on X</a></div>{BODY}<div id="newsletter-signup">Sign up now</div>
               <section class="relatedArticlesText"><a href="y">Another story</a></section>"#
        );
        let cleaned = without_furniture(&html);
        assert!(cleaned.contains("own paragraph"), "{cleaned}");
        for furniture in ["Share on X", "Sign up now", "Another story"] {
            assert!(!cleaned.contains(furniture), "{furniture} survived: {cleaned}");
        }
    }

    #[test]
    fn a_word_inside_another_word_does_not_count() {
        let html = format!(
            r#"<div class="shared-memory-notes"><p>Kept: shared is not share.</p></div><div class="adventure">Kept too.</div>{BODY}"#
        );
        assert_eq!(without_furniture(&html), html);
    }

    #[test]
    fn the_article_itself_stays_whatever_it_is_called() {
        let html = format!(r#"<article class="post enable-pin-share">{BODY}{BODY}</article><div class="share">Share</div>"#);
        let cleaned = without_furniture(&html);
        assert!(cleaned.contains("own paragraph") && !cleaned.contains(">Share<"), "{cleaned}");
    }

    #[test]
    fn code_is_never_touched() {
        let html = format!(r#"{BODY}<pre><code><span class="comments">// a comment</span></code></pre>"#);
        assert_eq!(without_furniture(&html), html);
    }

    #[test]
    fn a_caption_without_its_figure_goes_with_it() {
        let html = format!(
            r#"{BODY}<figure><figcaption>Photo: a credit for an image that is gone</figcaption></figure>
               <figure><img src="data:image/png;base64,AA==" alt="kept"><figcaption>Kept caption</figcaption></figure>
               <figure><blockquote>A pull quote</blockquote><figcaption>Its author</figcaption></figure>
               <figure><p>A teaser paragraph in a figure</p></figure>"#
        );
        let cleaned = without_empty_figures(&html);
        assert!(!cleaned.contains("a credit"), "{cleaned}");
        for kept in ["Kept caption", "Its author", "A teaser paragraph"] {
            assert!(cleaned.contains(kept), "{kept} lost: {cleaned}");
        }
    }

    #[test]
    fn camel_case_and_separators_split_into_words() {
        let split: Vec<String> = words("c-native-newsletterbox relatedArticlesText ez_toc").collect();
        assert_eq!(split, ["c", "native", "newsletterbox", "related", "articles", "text", "ez", "toc"]);
    }
}
