//! What only points to more of the site, which Readability keeps when it sits inside the
//! article's container. It is told by its shape, not its words (which come in every
//! language):
//! - a list of "Most read", "Read also:", "Related posts": a short label (a heading,
//!   "Lesen Sie auch:"), then a list whose every item is a link to another page of the
//!   same site, titled like an article (a headline, not a name), with nothing of its own
//!   to say. The label goes with the list;
//! - a line that is such a link, perhaps after a few words announcing it ("Read more:
//!   …", "Comments (5 posted)");
//! - a heading, or a line ending in a colon, left at the article's end with nothing after
//!   it: it titled what went.
//!
//! What stays: a table of contents (its links stay on the page); sources and further
//! reading (their links lead to other sites); "See also" and a sidebar of names (short
//! items: topics, products, apps); a list whose items say something beside their link;
//! a list with no label (nothing says what it is); a pull quote set as a heading.

use dom_query::NodeRef;

use super::boilerplate::{PHRASING, leads_within_the_page, text_length};
use super::selectors::Matches;

/// Items a list needs before its shape says "list of pointers" (one link alone may be
/// the article's single reference).
const MIN_ITEMS: usize = 2;

/// Share of an item's text that is link text for the item to be only a pointer.
const POINTER_LINK_SHARE: f64 = 0.9;

/// Average characters (not counting spaces) of an item titled like an article: a
/// headline runs to several words, a topic or a product to one or two.
const MIN_HEADLINE_CHARS: usize = 30;

/// A label longer than this is a sentence of the article, not a list's title.
const MAX_LABEL_CHARS: usize = 80;

/// Remove the lists under `root` that only point to more of the site at `address`
/// (links already made absolute against it), with their labels; how many lists went.
pub fn remove_pointer_lists(root: &NodeRef<'_>, address: Option<&url::Url>) -> usize {
    let lists: Vec<NodeRef<'_>> = root.descendants().into_iter().filter(|node| is_pointer_list(node, address)).collect();
    for list in &lists {
        if let Some(label) = label_of(list) {
            label.remove_from_parent();
        }
        list.remove_from_parent();
    }
    let lines: Vec<NodeRef<'_>> = root.descendants().into_iter().filter(|node| is_pointer_line(node, address)).collect();
    for line in &lines {
        line.remove_from_parent();
    }
    lists.len() + lines.len() + remove_dangling_labels(root)
}

/// Elements that show something without text.
const MEDIA: &str = "img, picture, video, audio, iframe, svg, canvas, math";

/// Remove the headings (and lines ending in a colon) left at the article's end with
/// nothing after them: they titled what went as furniture ("Empfohlene Beiträge" over a
/// list of teasers), or what the page fills in later. A heading is the start of what
/// follows it; with nothing following, it is no part of the article. (A heading that
/// ends with a full stop is a pull quote, and stays.)
fn remove_dangling_labels(root: &NodeRef<'_>) -> usize {
    let mut removed = 0;
    while let Some(label) = last_block(root).filter(is_dangling_label) {
        label.remove_from_parent();
        removed += 1;
    }
    removed
}

/// The block holding the article's last text or picture.
fn last_block<'a>(root: &NodeRef<'a>) -> Option<NodeRef<'a>> {
    let last = root
        .descendants()
        .into_iter()
        .rev()
        .find(|node| (node.is_text() && !node.text().trim().is_empty()) || (node.is_element() && node.matches(MEDIA)))?;
    last.ancestors_it(None).find(|a| a.is_element() && !a.matches(PHRASING))
}

fn is_dangling_label(block: &NodeRef<'_>) -> bool {
    let length = text_length(block);
    let text = block.text();
    let text = text.trim_end();
    // A heading that ends a sentence is a pull quote, and says something.
    let heading = block.matches("h1, h2, h3, h4, h5, h6") && !text.ends_with('.');
    let announces = block.matches("p, div") && text.ends_with(':');
    (heading || announces) && length > 0 && length <= MAX_LABEL_CHARS && !block.descendants().iter().any(|d| d.matches(MEDIA))
}

/// A paragraph longer than this says something of its own…
const MAX_POINTER_LINE_CHARS: usize = 150;
/// …and a link shorter than this ("link", "PDF") names no other page.
const MIN_POINTER_LINE_CHARS: usize = 15;
/// Share of a short paragraph's text in its links for it to be a pointer line.
const POINTER_LINE_LINK_SHARE: f64 = 0.7;

/// A paragraph that is a link to another page of the site, perhaps after a few words
/// announcing it ("Read more: …", "Lesen Sie auch: …").
fn is_pointer_line(node: &NodeRef<'_>, address: Option<&url::Url>) -> bool {
    if !node.matches("p") || node.ancestors_it(None).any(|a| a.matches("li, td, th, blockquote, pre, code, figure")) {
        return false;
    }
    let length = text_length(node);
    let links: Vec<NodeRef<'_>> = node.descendants().into_iter().filter(|d| d.matches("a[href]")).collect();
    let linked: usize = links.iter().map(text_length).sum();
    // A longer paragraph is a pointer only when it is links through and through.
    let share = if length <= MAX_POINTER_LINE_CHARS { POINTER_LINE_LINK_SHARE } else { POINTER_LINK_SHARE };
    length >= MIN_POINTER_LINE_CHARS
        && !links.is_empty()
        && links.iter().all(|link| leads_elsewhere_on_the_site(link, address))
        && linked as f64 >= length as f64 * share
}

fn is_pointer_list(node: &NodeRef<'_>, address: Option<&url::Url>) -> bool {
    if !node.matches("ul, ol") || node.ancestors_it(None).any(|a| a.matches("ul, ol, pre, code, table")) || label_of(node).is_none() {
        return false;
    }
    let items: Vec<NodeRef<'_>> = node.children().into_iter().filter(|c| c.matches("li")).collect();
    let average = items.iter().map(text_length).sum::<usize>() / items.len().max(1);
    items.len() >= MIN_ITEMS && average >= MIN_HEADLINE_CHARS && items.iter().all(|item| is_pointer(item, address))
}

/// An item that is a link to another page of the site and little else.
fn is_pointer(item: &NodeRef<'_>, address: Option<&url::Url>) -> bool {
    let links: Vec<NodeRef<'_>> = item.descendants().into_iter().filter(|d| d.matches("a[href]")).collect();
    if links.is_empty() || !links.iter().all(|link| leads_elsewhere_on_the_site(link, address)) {
        return false;
    }
    let linked: usize = links.iter().map(text_length).sum();
    let total = text_length(item);
    total > 0 && linked as f64 >= total as f64 * POINTER_LINK_SHARE
}

/// A link to another page of the site the article is on. With no known address only a
/// relative link is surely on the same site.
fn leads_elsewhere_on_the_site(link: &NodeRef<'_>, address: Option<&url::Url>) -> bool {
    if leads_within_the_page(link) {
        return false;
    }
    let href = link.attr("href").unwrap_or_default();
    let href = href.trim();
    match (url::Url::parse(href), address) {
        (Ok(target), Some(page)) => target.host_str() == page.host_str(),
        (Ok(_), None) => false,
        (Err(_), _) => true,
    }
}

/// The heading or short title-like line right before the list that names it.
fn label_of<'a>(list: &NodeRef<'a>) -> Option<NodeRef<'a>> {
    let previous = list.prev_element_sibling()?;
    let length = text_length(&previous);
    let shaped_as_label = previous.matches("h1, h2, h3, h4, h5, h6") || (previous.matches("p, div") && reads_as_title(&previous.text()));
    let is_label = shaped_as_label && length > 0 && length <= MAX_LABEL_CHARS;
    (is_label && !previous.descendants().iter().any(|d| d.matches("img, picture, video, a[href]"))).then_some(previous)
}

/// A line that announces ("Read also:") or names ("Most read") rather than says: it ends
/// with a colon or with no sentence's end at all. The article's own last sentence ends
/// with one, and stays.
fn reads_as_title(text: &str) -> bool {
    let last = text.trim_end().chars().last();
    last.is_some_and(|c| c == ':' || !matches!(c, '.' | '!' | '?' | '…' | '"' | '”' | '»' | '«' | '“' | ')' | '。'))
}

#[cfg(test)]
mod tests {
    use super::*;
    use dom_query::Document;

    const PAGE: &str = "https://news.example/2026/story";

    fn cleaned(html: &str) -> String {
        let document = Document::fragment(html);
        let address = url::Url::parse(PAGE).unwrap();
        remove_pointer_lists(&document.html_root(), Some(&address));
        document.html_root().inner_html().to_string()
    }

    fn headlines(host: &str) -> String {
        let items: String = ["Night trains return to the Alps this winter", "The harbour that rebuilt itself after the storm"]
            .iter()
            .map(|h| format!(r#"<li><a href="https://{host}/{}">{h}</a></li>"#, h.len()))
            .collect();
        format!("<ul>{items}</ul>")
    }

    #[test]
    fn a_labelled_list_of_the_sites_other_articles_goes_with_its_label() {
        let html = format!("<p>The article's last sentence, which stays.</p><h3>Lesen Sie auch:</h3>{}", headlines("news.example"));
        let cleaned = cleaned(&html);
        assert_eq!(cleaned, "<p>The article's last sentence, which stays.</p>");
    }

    #[test]
    fn sources_names_contents_and_unlabelled_lists_stay() {
        let sources = format!("<h3>Sources</h3>{}", headlines("elsewhere.example"));
        assert_eq!(cleaned(&sources), sources, "links to other sites are the article's sources");
        let unlabelled = format!("<p>The article's last sentence, which ends as sentences do.</p>{}", headlines("news.example"));
        assert_eq!(cleaned(&unlabelled), unlabelled, "nothing says what the list is");
        let names = r#"<h3>Mac apps</h3><ul><li><a href="/bbedit">BBEdit</a></li><li><a href="/acorn">Acorn</a></li></ul>"#;
        assert_eq!(cleaned(names), names, "names, not headlines");
        let contents = r##"<h3>Contents</h3><ul><li><a href="#one">Why the night trains stopped running</a></li><li><a href="#two">How they came back again this year</a></li></ul>"##;
        assert_eq!(cleaned(contents), contents, "a table of contents");
        let said = r#"<h3>Further reading</h3><ul><li><a href="/a">Night trains return to the Alps this winter</a>, which counts the routes one by one and finds them wanting</li><li><a href="/b">The harbour that rebuilt itself</a></li></ul>"#;
        assert_eq!(cleaned(said), said, "an item that says something beside its link");
    }

    #[test]
    fn a_line_that_only_points_to_another_article_of_the_site_goes() {
        let body = "<p>The article's own paragraph, which says what it has to say.</p>";
        let html = format!(
            r#"{body}<p>Read more: <a href="/2026/other">Night trains return to the Alps this winter</a></p>{body}<p>Sources: <a href="https://elsewhere.example/report">The rail report of 2026, in full</a></p><p><a href="/a">link</a></p>"#
        );
        let cleaned = cleaned(&html);
        assert!(!cleaned.contains("Read more"), "{cleaned}");
        for kept in ["The rail report", ">link<"] {
            assert!(cleaned.contains(kept), "{kept} lost: {cleaned}");
        }
    }

    #[test]
    fn headings_left_with_nothing_after_them_go_and_pull_quotes_stay() {
        let body = "<p>The article's last paragraph, which says what it has to say.</p>";
        let dangling = format!("<div>{body}<h3>Empfohlene Beiträge</h3></div><div><p>Lesen Sie auch:</p></div>");
        assert_eq!(cleaned(&dangling), format!("<div>{body}</div><div></div>"));
        let pull_quote = format!("{body}<h4>The story is grim. One could say it is perfectly grim.</h4>");
        assert_eq!(cleaned(&pull_quote), pull_quote);
        let section = format!("<h2>Where the trains go</h2>{body}");
        assert_eq!(cleaned(&section), section, "a heading with its section after it");
    }
}
