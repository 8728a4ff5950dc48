//! What Readability's scoring lets through inside the article it picked: share bars,
//! newsletter and paywall boxes, related-article teasers, breadcrumbs, cookie notices,
//! ratings, author bios, comment threads, navigation and forms. Readability judges whole
//! candidates; these sit inside the winner, so they are cleared here, by what the page
//! itself calls them. (A table of contents stays: its links lead within the article.)
//!
//! The rule is general, not per site: an element goes when one of the words of its
//! `class` or `id` names page furniture ([`FURNITURE_WORDS`]), or the page leaves it out
//! of print. Guards keep it from eating the article: nothing inside code or a heading is
//! touched, nor words inside a sentence (a link named "meta-person"), nor a caption; an
//! element holding half the text or more, or several paragraphs of prose, is the article
//! itself, whatever it is called ("entry-content share-on", "article paywall-on").
//!
//! Dialogs drawn over the page (a login box, a contact popup) are cleared from the
//! whole page before Readability looks for the article ([`remove_overlays`]).
//!
//! Captions named by class become `figcaption`s of their picture ([`mark_up_captions`]),
//! so that once images are embedded a caption whose picture did not come along goes with
//! it ([`without_empty_figures`]).

use super::selectors::Matches;
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
    "author",
    "bio",
    "byline",
    "meta",
    "postmetadata",
    "teaser",
    "teasers",
    "comment",
    "kommentar",
    "kommentare",
    "footer",
    "sidebar",
    "rate",
    "disclaimer",
    "noprint",
    "loading",
];

/// Elements that are never the article's text in a reader: a form cannot be sent from
/// it, and navigation inside an article leads elsewhere on the site.
const FURNITURE_ELEMENTS: &str = "nav, form";

/// A form, or navigation that leads elsewhere. A `nav` whose links all stay on the page
/// is the article's own table of contents, and stays.
fn is_furniture_element(node: &NodeRef<'_>) -> bool {
    if !node.matches(FURNITURE_ELEMENTS) {
        return false;
    }
    let links: Vec<NodeRef<'_>> = node.descendants().into_iter().filter(|d| d.matches("a[href]")).collect();
    !(node.matches("nav") && !links.is_empty() && links.iter().all(leads_within_the_page))
}

/// A link to a place in the page itself (`#notes`).
pub(crate) fn leads_within_the_page(link: &NodeRef<'_>) -> bool {
    link.attr("href").is_some_and(|href| href.trim().starts_with('#'))
}

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
        .filter(|node| node.is_element() && (is_furniture_element(node) || names_furniture(node)))
        .filter(|node| !node.matches("figcaption") && !inside_code_or_heading(node) && !in_running_text(node) && !holds_prose(node))
        .filter(|node| (text_length(node) as f64) < total * ARTICLE_SHARE)
        .collect();
    for node in &furniture {
        node.remove_from_parent();
    }
    furniture.len()
}

/// Words that, in a class or id, name a dialog drawn over the page: a login box, a
/// contact form, a newsletter popup. Hidden until asked for, never the article. (A
/// "flyout" is as often a menu, which holds the byline Readability reads.)
const OVERLAY_WORDS: &[&str] = &["modal", "popup", "dialog"];

/// Dialogs as the page marks them up for assistive technology.
const OVERLAY_ELEMENTS: &str = r#"dialog, [role="dialog"], [role="alertdialog"], [aria-modal="true"]"#;

/// Remove the dialogs drawn over the page (see [`OVERLAY_WORDS`]) before Readability
/// looks for the article: a login box's error messages or a contact flyout's opening
/// hours can outscore a recipe or a video's summary. Same guards as for furniture: a
/// dialog holding prose or half the page is the article shown in a dialog, and stays.
pub fn remove_overlays(document: &Document) -> usize {
    let Some(body) = document.select("body").nodes().first().cloned() else { return 0 };
    let total = text_length(&body).max(1) as f64;
    let overlays: Vec<NodeRef<'_>> = body
        .descendants()
        .into_iter()
        // A link or a picture named "popup" opens one; it is not the dialog.
        .filter(|node| node.is_element() && !node.matches(PHRASING) && !node.matches(PICTURES))
        .filter(|node| node.matches(OVERLAY_ELEMENTS) || names_overlay(node))
        .filter(|node| !holds_prose(node) && (text_length(node) as f64) < total * ARTICLE_SHARE)
        .collect();
    for node in &overlays {
        node.remove_from_parent();
    }
    overlays.len()
}

fn names_overlay(node: &NodeRef<'_>) -> bool {
    name_words(node).iter().any(|word| OVERLAY_WORDS.contains(&word.as_str()))
}

/// Elements that are the figure a caption describes. (A `picture` shows only through its
/// `img`: one whose image was left out is empty.)
const FIGURE_MEDIA: &str = "img, video, audio, svg, canvas, iframe, table, pre, blockquote, math";

/// Pictures, as pages mark them up before their images are embedded (an embedded video
/// player is an `iframe`).
const PICTURES: &str = "img, picture, video, iframe";

/// Words that, in a class or id, name an image's caption or credit.
const CAPTION_WORDS: &[&str] = &["caption", "captions", "figcaption", "credit", "credits", "legend", "legende", "bildunterschrift"];

/// Words that name a picture; followed by a word that describes ("image-description",
/// "img-metadata", "photoText") they name its caption too.
const PICTURE_WORDS: &[&str] = &["image", "img", "photo", "picture", "foto", "bild"];
const DESCRIBING_WORDS: &[&str] = &["description", "metadata", "text", "info", "title", "source"];

/// How far up from a caption its picture may sit (caption → wrapper → figure).
const CAPTION_TO_FIGURE_LEVELS: usize = 3;

/// Captions marked up as such by class (WordPress's `wp-caption-text`, a CMS's
/// `media__caption`) become `figcaption`s of a `figure` around their picture, so the
/// one rule for figures applies to them after images are embedded: a figure whose
/// picture did not come along goes with its caption ([`without_empty_figures`]). A
/// caption with no picture near it at all describes nothing on the page and goes now.
pub fn mark_up_captions(root: &NodeRef<'_>) {
    let captions: Vec<NodeRef<'_>> = root.descendants().into_iter().filter(|node| node.is_element() && names_caption(node)).collect();
    for caption in captions {
        let caption_length = text_length(&caption);
        // "wp-caption" names the figure around the picture and its caption, not a caption.
        let holds_its_picture = caption.descendants().iter().any(|d| d.matches(PICTURES));
        if holds_its_picture
            || already_a_caption(&caption)
            || caption_length == 0
            || caption_length > MAX_ORPHAN_CAPTION_CHARS
            || inside_code_or_heading(&caption)
        {
            continue;
        }
        let figure = caption
            .ancestors_it(Some(CAPTION_TO_FIGURE_LEVELS))
            .take_while(|a| !a.matches("html, body"))
            .find(|a| a.matches("figure") || a.descendants().iter().any(|d| d.matches(PICTURES)));
        match figure {
            Some(figure) if figure.matches("figure") || text_length(&figure) <= caption_length + MAX_ORPHAN_CAPTION_CHARS => {
                figure.rename("figure");
                caption.rename("figcaption");
            }
            Some(_) => {}
            None => caption.remove_from_parent(),
        }
    }
}

/// A `figcaption` in its `figure`, or anything inside one.
fn already_a_caption(node: &NodeRef<'_>) -> bool {
    let in_its_figure = node.matches("figcaption") && node.parent().is_some_and(|parent| parent.matches("figure"));
    in_its_figure || node.ancestors_it(None).any(|a| a.matches("figcaption"))
}

fn names_caption(node: &NodeRef<'_>) -> bool {
    let names = name_words(node);
    names.iter().any(|w| CAPTION_WORDS.contains(&w.as_str()))
        || names.windows(2).any(|pair| PICTURE_WORDS.contains(&pair[0].as_str()) && DESCRIBING_WORDS.contains(&pair[1].as_str()))
}

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
    if !node.matches("figure") || node.descendants().iter().any(|d| d.matches(FIGURE_MEDIA)) {
        return false;
    }
    let caption: usize = node.children().iter().filter(|c| c.matches("figcaption")).map(text_length).sum();
    caption == text_length(node) && caption <= MAX_ORPHAN_CAPTION_CHARS
}

/// Words that, beside "print", mean the page leaves the element out of its printed
/// version ("no-print", "hide-for-print", "d-print-none"): the site's own judgement that
/// it is not part of the article.
const NOT_PRINTED: &[&str] = &["no", "not", "non", "hide", "hidden", "none", "dont"];

fn hidden_in_print(class: &str) -> bool {
    class.split_whitespace().any(|name| {
        let words: Vec<String> = words(name).collect();
        words.iter().any(|w| w == "print") && words.iter().any(|w| NOT_PRINTED.contains(&w.as_str()))
    })
}

fn names_furniture(node: &NodeRef<'_>) -> bool {
    hidden_in_print(&node.attr("class").unwrap_or_default())
        || name_words(node).iter().any(|word| match word.as_str() {
            // A teaser leads to another article; one without a link is this article's own
            // standfirst, as German CMSs call it.
            "teaser" | "teasers" => node.descendants().iter().any(|d| d.matches("a[href]")),
            word => FURNITURE_WORDS.contains(&word),
        })
}

/// The words an element is named by, in its class and its id.
pub(crate) fn name_words(node: &NodeRef<'_>) -> Vec<String> {
    let class = node.attr("class").unwrap_or_default();
    let id = node.attr("id").unwrap_or_default();
    words(&class).chain(words(&id)).collect()
}

/// The words of a class or id list: "c-native-newsletterbox u-gap" → c, native,
/// newsletterbox, u, gap; "relatedArticlesText" → related, articles, text.
pub(crate) fn words(names: &str) -> impl Iterator<Item = String> + '_ {
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
    let paragraphs = node.descendants().into_iter().filter(|d| d.matches("p") && text_length(d) >= PROSE_PARAGRAPH_CHARS);
    paragraphs.take(PROSE_PARAGRAPHS).count() == PROSE_PARAGRAPHS
}

/// Elements that flow inside a line of text.
pub(crate) const PHRASING: &str = "a, abbr, b, bdi, bdo, cite, em, i, mark, q, s, small, span, strong, sub, sup, time, u, font";

/// Blocks that hold sentences (a `div` or a `header` holds parts).
const RUNNING_TEXT: &str = "p, li, dd, td, th, blockquote";

/// Whether `node` is words inside a sentence: a link named "meta-person", a credit in
/// bold at a paragraph's end. Its paragraph holds other text; taking it out would leave
/// the sentence with a hole.
fn in_running_text(node: &NodeRef<'_>) -> bool {
    if !node.matches(PHRASING) {
        return false;
    }
    let block = node.ancestors_it(None).find(|a| a.is_element() && !a.matches(PHRASING));
    block.is_some_and(|block| block.matches(RUNNING_TEXT) && text_length(&block) > text_length(node))
}

/// Code keeps every span it has; a heading is the article's outline, and a class on a
/// span inside it is a styling or anchor hook (a table of contents' target), not furniture.
fn inside_code_or_heading(node: &NodeRef<'_>) -> bool {
    node.ancestors_it(None).any(|n| n.matches("pre, code, h1, h2, h3, h4, h5, h6")) || node.matches("pre, code")
}

/// Characters of an element's text, not counting whitespace.
pub(crate) fn text_length(node: &NodeRef<'_>) -> usize {
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
    fn words_inside_a_sentence_stay_whatever_their_link_is_called() {
        let html = format!(
            r#"{BODY}<p>The deal was struck by <a class="meta-per" href="/m">Marissa Mayer</a> on Monday.</p>
               <header><span class="byline">By Ada Lovelace</span><span>1 March</span></header>"#
        );
        let cleaned = without_furniture(&html);
        assert!(cleaned.contains("Marissa Mayer"), "a name in a sentence: {cleaned}");
        assert!(!cleaned.contains("Ada Lovelace"), "a byline among the header's parts: {cleaned}");
    }

    #[test]
    fn navigation_forms_and_what_the_page_does_not_print_go() {
        let html = format!(
            r#"{BODY}<nav><a href="/a">Ratgeber</a> <a href="/b">Forum</a></nav><form><p>Sign up for our letter</p></form>
               <section class="box noPrintContent"><h3>More on this</h3></section><div class="article-text print-friendly">Kept</div>"#
        );
        let cleaned = without_furniture(&html);
        for furniture in ["Ratgeber", "Sign up", "More on this"] {
            assert!(!cleaned.contains(furniture), "{furniture} survived: {cleaned}");
        }
        assert!(cleaned.contains("Kept"), "print-friendly is not hidden in print: {cleaned}");
        let contents = format!(r##"<nav class="toc"><a href="#one">Part one</a> <a href="#two">Part two</a></nav>{BODY}"##);
        assert_eq!(without_furniture(&contents), contents, "the article's own table of contents stays");
    }

    #[test]
    fn a_teaser_is_furniture_only_when_it_leads_elsewhere() {
        let html = format!(
            r#"<div class="teaser-text"><p>This article's standfirst, in a German CMS's words.</p></div>{BODY}
               <div class="teaser"><a href="/other">Another story</a></div>"#
        );
        let cleaned = without_furniture(&html);
        assert!(cleaned.contains("standfirst") && !cleaned.contains("Another story"), "{cleaned}");
    }

    #[test]
    fn a_heading_keeps_its_words_whatever_its_anchor_is_called() {
        let html = format!(r#"{BODY}<h2><span class="ez-toc-section" id="share-it">How hens lay</span></h2>{BODY}"#);
        assert_eq!(without_furniture(&html), html);
    }

    fn with_captions_marked(html: &str) -> String {
        let document = Document::fragment(html);
        mark_up_captions(&document.html_root());
        document.html_root().inner_html().to_string()
    }

    #[test]
    fn captions_marked_up_by_class_become_figcaptions_of_their_picture() {
        let html = r#"<div class="wp-caption"><img src="a.jpg"><p class="wp-caption-text">The harbour at dawn</p><p class="credit">Photo: A. Photographer</p></div>"#;
        let marked = with_captions_marked(html);
        assert_eq!(
            marked,
            r#"<figure class="wp-caption"><img src="a.jpg"><figcaption class="wp-caption-text">The harbour at dawn</figcaption><figcaption class="credit">Photo: A. Photographer</figcaption></figure>"#
        );
        let picture_gone = without_empty_figures(&marked.replace(r#"<img src="a.jpg">"#, ""));
        assert!(!picture_gone.contains("harbour") && !picture_gone.contains("Photographer"), "{picture_gone}");
    }

    #[test]
    fn a_caption_with_no_picture_near_it_goes_and_a_long_one_stays() {
        let credit = r#"<div class="article-body"><p>Text of the article.</p><p class="imageDescription">AFP / A. Photographer</p></div>"#;
        assert!(!with_captions_marked(credit).contains("Photographer"));
        let long = format!(r#"<div><p class="caption">{}</p></div>"#, "A gallery's own text, long enough to be read. ".repeat(6));
        assert_eq!(with_captions_marked(&long), long);
        let figure = r#"<figure><div><img src="a.jpg"></div><figcaption>Kept as it is</figcaption></figure>"#;
        assert_eq!(with_captions_marked(figure), figure);
    }

    #[test]
    fn dialogs_over_the_page_go_before_the_article_is_looked_for() {
        let prose = "<p>A paragraph of the recipe, long enough to be running prose of the article itself, as recipes go, with butter.</p>"
            .repeat(3);
        let document = Document::from(format!(
            r#"<html><body><div class="contact-modal"><p>Call us Monday to Friday, 9 to 12.</p></div>
               <div role="dialog"><p>This e-mail address has no account.</p></div>
               <main><a class="popup" href="/note">a note</a>{prose}</main>
               <div class="article-modal">{prose}</div></body></html>"#
        ));
        assert_eq!(remove_overlays(&document), 2);
        let text = document.select("body").text();
        assert!(!text.contains("Call us") && !text.contains("no account"), "{text}");
        assert!(text.contains("a note"), "a link that opens a popup is not one");
        assert_eq!(text.matches("A paragraph of the recipe").count(), 6, "an article shown in a dialog stays");
    }

    #[test]
    fn camel_case_and_separators_split_into_words() {
        let split: Vec<String> = words("c-native-newsletterbox relatedArticlesText ez_toc").collect();
        assert_eq!(split, ["c", "native", "newsletterbox", "related", "articles", "text", "ez", "toc"]);
    }
}
