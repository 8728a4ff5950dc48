//! Web pages: the readable part of a page, through dom_smoothie (a port of
//! Mozilla's Readability.js, the extractor Firefox's reader view uses).

use dom_smoothie::{Config, Readability};

use super::Extracted;
use super::prose::ProseBlock;
use super::standfirst::Standfirst;
use crate::error::{Error, Result};

/// Extract the readable content and metadata of an HTML page.
/// `url`, when known, makes relative links and images absolute.
pub fn extract(html: &str, url: Option<&str>) -> Result<Extracted> {
    // Deep nesting makes extraction quadratic; it is flattened before anything walks it.
    let html = &*super::limits::flatten_deep_nesting(html)?;
    let document = dom_query::Document::from(html);
    let canonical_url = canonical_url(&document, url);
    let page = PageFacts::of(&document, url);
    super::boilerplate::remove_overlays(&document);
    // Both found before Readability runs: it rewrites the page as it works.
    let standfirst = Standfirst::find(&document);
    let prose_block = ProseBlock::find(&document);
    // Classes stay on until the furniture inside the article has been found by them;
    // sanitizing removes them afterwards.
    let config = Config { max_elements_to_parse: 200_000, keep_classes: true, ..Config::default() };
    let mut readability =
        Readability::with_document(document, url, Some(config)).map_err(|e| Error::InvalidInput(format!("bad page address: {e}")))?;
    let (readable, about) = match readability.parse() {
        Ok(article) => {
            let readable = match prose_block.filter(|block| block.replaces(&article.content)) {
                Some(block) => block_instead(block),
                None => article.content.to_string(),
            };
            (readable, About::from(article))
        }
        // Readability found no candidate it trusts; the block of prose under the
        // headline is still the article.
        Err(e) => match prose_block {
            Some(block) => {
                log::info!("Readability found no article ({e}); reading the block of prose under the headline instead");
                (block.html, About::from(readability.get_article_metadata(readability.parse_json_ld())))
            }
            None => return Err(Error::Unreadable(format!("no article was found on the page ({e})."))),
        },
    };
    let content = standfirst.and_then(|s| s.put_before(&readable)).unwrap_or(readable);
    let content_html = finished_content(&content, &page);
    Ok(Extracted {
        url: url.map(str::to_string),
        canonical_url,
        title: about.title,
        byline: about.byline,
        site_name: about.site_name,
        lang: about.lang,
        published_at: about.published_time,
        content_html,
    })
}

/// What the page says about its article: from Readability's result, or from the page's
/// metadata when Readability found no article in it.
struct About {
    title: String,
    byline: Option<String>,
    site_name: Option<String>,
    lang: Option<String>,
    published_time: Option<String>,
}

impl From<dom_smoothie::Article> for About {
    fn from(article: dom_smoothie::Article) -> About {
        let dom_smoothie::Article { title, byline, site_name, lang, published_time, .. } = article;
        About { title, byline, site_name, lang, published_time }
    }
}

impl From<dom_smoothie::Metadata> for About {
    fn from(metadata: dom_smoothie::Metadata) -> About {
        let dom_smoothie::Metadata { title, byline, site_name, lang, published_time, .. } = metadata;
        About { title, byline, site_name, lang, published_time }
    }
}

/// The block where the page's prose is, when Readability picked another
/// ([`ProseBlock`]). It is taken whole: reading it through Readability again would crown
/// the same wrong part of it (a letter's list of signatories is in the letter's block).
fn block_instead(block: ProseBlock) -> String {
    log::info!("the page's prose is elsewhere than Readability's pick ({} characters of it); reading that block instead", block.prose);
    block.html
}

/// What the page says about itself beyond Readability's metadata.
struct PageFacts {
    /// Where the page lives: the address it was fetched from, or for a saved file the
    /// address it names (`<base>`, canonical link, og:url). Links are resolved against it.
    address: Option<url::Url>,
    /// The picture the page declares for itself (og:image, twitter:image), absolute.
    lead_image: Option<url::Url>,
}

impl PageFacts {
    fn of(document: &dom_query::Document, fetched_from: Option<&str>) -> PageFacts {
        let named = |selector: &str, attribute: &str| -> Option<String> {
            document.select(selector).attr(attribute).map(|v| v.trim().to_string()).filter(|v| !v.is_empty())
        };
        let address = fetched_from
            .map(str::to_string)
            .or_else(|| named("head base[href]", "href"))
            .or_else(|| named(r#"head link[rel~="canonical"][href]"#, "href"))
            .or_else(|| named(r#"head meta[property="og:url"][content]"#, "content"))
            .and_then(|address| url::Url::parse(&address).ok())
            .filter(|address| matches!(address.scheme(), "http" | "https"));
        let image = named(r#"head meta[property="og:image"][content]"#, "content")
            .or_else(|| named(r#"head meta[property="og:image:url"][content]"#, "content"))
            .or_else(|| named(r#"head meta[name="twitter:image"][content]"#, "content"));
        let lead_image = image.and_then(|src| match &address {
            Some(base) => base.join(&src).ok(),
            None => url::Url::parse(&src).ok(),
        });
        PageFacts { address, lead_image: lead_image.filter(|u| matches!(u.scheme(), "http" | "https")) }
    }
}

/// Readability's article (with the page's standfirst in front, when Readability left it
/// out), finished in one pass over it: the furniture inside it out, captions marked up,
/// relative links made absolute against the page's address (so they still lead where
/// they did; in-page `#` links stay), and the page's own picture in front when the
/// article has no picture of its own (embedded like any other image, or dropped if it
/// cannot be had).
fn finished_content(readable: &str, page: &PageFacts) -> String {
    let document = dom_query::Document::fragment(readable);
    let root = document.html_root();
    super::boilerplate::remove_furniture(&root);
    super::boilerplate::mark_up_captions(&root);
    if let Some(base) = &page.address {
        resolve_links(&document, base);
    }
    super::pointers::remove_pointer_lists(&root, page.address.as_ref());
    let content = root.inner_html().to_string();
    match &page.lead_image {
        Some(image) if !document.select("img, picture, video").exists() => {
            let src = html_escape::encode_double_quoted_attribute(image.as_str());
            format!(r#"<figure class="lead-image"><img src="{src}" alt=""></figure>{content}"#)
        }
        _ => content,
    }
}

fn resolve_links(document: &dom_query::Document, base: &url::Url) {
    for link in document.select("a[href]").nodes() {
        let href = link.attr("href").unwrap_or_default().trim().to_string();
        if href.starts_with('#') || url::Url::parse(&href).is_ok() {
            continue;
        }
        if let Ok(absolute) = base.join(&href) {
            link.set_attr("href", absolute.as_str());
        }
    }
}

/// The page's own idea of its address (`<link rel="canonical">`), absolute, http(s) only:
/// the same story reached through tracking parameters or redirects is one article.
/// It is trusted only on the site the page came from (a page cannot claim to be an
/// article of another site, and so replace it); a page with no known origin (a file,
/// pasted HTML) claims nothing.
fn canonical_url(document: &dom_query::Document, page_url: Option<&str>) -> Option<String> {
    let base = url::Url::parse(page_url?).ok()?;
    let href = document.select(r#"head link[rel~="canonical"][href]"#).attr("href")?;
    let resolved = base.join(href.trim()).ok()?;
    let trusted = matches!(resolved.scheme(), "http" | "https") && same_site(&base, &resolved);
    if !trusted {
        log::info!("canonical address {resolved} ignored: not on the site of {base}");
    }
    trusted.then(|| resolved.to_string())
}

/// Same host, ignoring a leading "www." on either side.
fn same_site(a: &url::Url, b: &url::Url) -> bool {
    let host = |u: &url::Url| u.host_str().map(|h| h.trim_start_matches("www.").to_ascii_lowercase());
    host(a).is_some() && host(a) == host(b)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn readable_content_and_metadata_are_extracted() {
        let paragraph = "This paragraph carries the substance of the article, long enough to be scored as content by the extractor. ";
        let html = format!(
            r#"<html lang="en"><head><title>Night trains return to the Alps this winter | The Rail Gazette</title>
            <meta property="og:site_name" content="The Rail Gazette">
            <meta name="author" content="Ada Lovelace">
            <meta property="article:published_time" content="2026-03-01T08:00:00Z">
            <link rel="canonical" href="/stories/night-trains"></head>
            <body><nav><a href="/">Home</a><a href="/about">About</a></nav>
            <article><h1>Night trains return to the Alps this winter</h1><p>{p}</p><p>{p}</p><p>{p}</p></article>
            <footer>Copyright</footer></body></html>"#,
            p = paragraph.repeat(3)
        );
        let extracted = extract(&html, Some("https://rail.example/night")).unwrap();
        assert_eq!(extracted.title, "Night trains return to the Alps this winter");
        assert_eq!(extracted.byline.as_deref(), Some("Ada Lovelace"));
        assert_eq!(extracted.site_name.as_deref(), Some("The Rail Gazette"));
        assert_eq!(extracted.lang.as_deref(), Some("en"));
        assert_eq!(extracted.canonical_url.as_deref(), Some("https://rail.example/stories/night-trains"));
        assert!(extracted.published_at.as_deref().unwrap_or("").starts_with("2026-03-01"));
        assert!(extracted.content_html.contains("substance of the article"));
        assert!(!extracted.content_html.contains("Copyright"));
    }

    fn page_with(head: &str, body: &str) -> String {
        let paragraph = "A paragraph of the article, long enough for the extractor to take it as content. ".repeat(4);
        format!(
            "<html><head><title>T</title>{head}</head><body><article><h1>T</h1><p>{paragraph}</p>{body}<p>{paragraph}</p></article></body></html>"
        )
    }

    #[test]
    fn relative_links_of_a_saved_file_lead_where_they_did_on_its_site() {
        let html = page_with(
            r#"<link rel="canonical" href="https://news.example/2026/story">"#,
            r##"<p>See <a href="/about">about us</a>, <a href="next">the next part</a> and <a href="#notes">the notes</a>.</p>"##,
        );
        let content = extract(&html, None).unwrap().content_html;
        assert!(content.contains(r#"href="https://news.example/about""#), "{content}");
        assert!(content.contains(r#"href="https://news.example/2026/next""#), "{content}");
        assert!(content.contains(r##"href="#notes""##), "{content}");
    }

    #[test]
    fn the_pages_own_picture_leads_an_article_without_one() {
        let declared = r#"<meta property="og:image" content="/img/lead.jpg">"#;
        let fetched = extract(&page_with(declared, ""), Some("https://news.example/story")).unwrap().content_html;
        assert!(fetched.starts_with(r#"<figure class="lead-image"><img src="https://news.example/img/lead.jpg""#), "{fetched}");
        let with_its_own = page_with(declared, r#"<p><img src="https://news.example/inline.png" alt="chart"></p>"#);
        let content = extract(&with_its_own, Some("https://news.example/story")).unwrap().content_html;
        assert!(!content.contains("lead.jpg"), "an article with a picture keeps its own: {content}");
        let no_address = extract(&page_with(declared, ""), None).unwrap().content_html;
        assert!(!no_address.contains("lead.jpg"), "a relative picture with no address to resolve it: {no_address}");
    }

    #[test]
    fn a_picture_keeps_its_caption_and_a_caption_without_its_picture_goes() {
        const PNG: &str =
            "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==";
        let figure = |src: &str| {
            format!(r#"<div class="wp-caption"><img src="{src}" alt=""><p class="wp-caption-text">The harbour at dawn</p></div>"#)
        };
        let embedded = crate::import::import_bytes("page.html", page_with("", &figure(PNG)).as_bytes()).unwrap();
        let (figure_at, image_at) = (embedded.content_html.find("<figure>"), embedded.content_html.find("<img"));
        assert!(figure_at.is_some() && figure_at < image_at, "{}", embedded.content_html);
        assert!(embedded.content_html.contains("<figcaption>The harbour at dawn</figcaption>"), "{}", embedded.content_html);
        let remote = crate::import::import_bytes("page.html", page_with("", &figure("https://elsewhere.example/a.jpg")).as_bytes());
        assert!(!remote.unwrap().content_text.contains("harbour"), "the picture was not brought along");
    }

    #[test]
    fn a_standfirst_set_apart_from_the_body_leads_the_article() {
        let paragraph = "A paragraph of the article, long enough for the extractor to take it as content. ".repeat(4);
        let html = format!(
            r#"<html><head><title>T</title></head><body><header><h1>Night trains return</h1>
               <p class="article__lead">Six new routes link the Alps to the North Sea from December.</p></header>
               <div class="body"><p>{paragraph}</p><p>{paragraph}</p><p>{paragraph}</p></div></body></html>"#
        );
        let content = extract(&html, None).unwrap().content_html;
        let (lead, body) = (content.find("Six new routes"), content.find("A paragraph of the article"));
        assert!(lead.is_some() && lead < body, "{content}");
    }

    #[test]
    fn when_readability_crowns_a_list_of_names_the_letter_is_read() {
        let names: String = (0..150).map(|i| format!("<strong>Signatory {i}</strong>, <span>writer</span><br>")).collect();
        let letter = "<p>Our institutions are facing a moment of trial, and this letter says why, at some length.</p>".repeat(8);
        let html = format!(
            r#"<html><head><title>A letter</title></head><body><h1>A letter</h1><div class="wysiwyg">{letter}<p>{names}</p></div></body></html>"#
        );
        let text = crate::import::import_bytes("page.html", html.as_bytes()).unwrap().content_text;
        assert!(text.contains("moment of trial"), "{text}");
    }

    #[test]
    fn when_readability_finds_nothing_the_prose_under_the_headline_is_read() {
        // Readability takes nothing whose candidates score too low; a plain page of
        // paragraphs under its headline is still an article.
        let paragraphs = "<p>Sono almeno nove le femmine di orso che si sono riprodotte, e questo dice molto.</p>".repeat(12);
        let html = format!(
            r#"<html lang="it"><head><title>Orso marsicano</title></head><body><div id="menu"><a href="/">Home</a></div><h1>Orso marsicano</h1><div id="testo">{paragraphs}</div></body></html>"#
        );
        let extracted = extract(&html, None).unwrap();
        assert!(extracted.content_html.contains("femmine di orso"), "{}", extracted.content_html);
        assert_eq!(extracted.title, "Orso marsicano");
    }

    #[test]
    fn a_canonical_address_is_trusted_only_on_the_pages_own_site() {
        let page = |href: &str| {
            dom_query::Document::from(format!(r#"<html><head><link rel="canonical" href="{href}"></head><body><p>x</p></body></html>"#))
        };
        let from = Some("https://www.rail.example/a?utm=1");
        assert_eq!(canonical_url(&page("https://rail.example/a"), from).as_deref(), Some("https://rail.example/a"));
        assert_eq!(canonical_url(&page("https://victim.example/saved-story"), from), None);
        assert_eq!(canonical_url(&page("https://rail.example/a"), None), None, "a file has no origin to trust");
        assert_eq!(canonical_url(&page("javascript:alert(1)"), from), None);
    }
}
