//! Web pages: the readable part of a page, through dom_smoothie (a port of
//! Mozilla's Readability.js, the extractor Firefox's reader view uses).

use dom_smoothie::{Config, Readability};

use super::Extracted;
use crate::error::{Error, Result};

/// Extract the readable content and metadata of an HTML page.
/// `url`, when known, makes relative links and images absolute.
pub fn extract(html: &str, url: Option<&str>) -> Result<Extracted> {
    // Deep nesting makes extraction quadratic; it is flattened before anything walks it.
    let html = &*super::limits::flatten_deep_nesting(html)?;
    let canonical_url = canonical_url(html, url);
    // Classes stay on until the furniture inside the article has been found by them;
    // sanitizing removes them afterwards.
    let config = Config { max_elements_to_parse: 200_000, keep_classes: true, ..Config::default() };
    let mut readability = Readability::new(html, url, Some(config))
        .map_err(|e| Error::InvalidInput(format!("bad page address: {e}")))?;
    let article = readability
        .parse()
        .map_err(|e| Error::Unreadable(format!("no article was found on the page ({e}).")))?;
    Ok(Extracted {
        url: url.map(str::to_string),
        canonical_url,
        title: article.title,
        byline: article.byline,
        site_name: article.site_name,
        lang: article.lang,
        published_at: article.published_time,
        content_html: super::boilerplate::without_furniture(&article.content),
    })
}

/// The page's own idea of its address (`<link rel="canonical">`), absolute, http(s) only:
/// the same story reached through tracking parameters or redirects is one article.
/// It is trusted only on the site the page came from (a page cannot claim to be an
/// article of another site, and so replace it); a page with no known origin (a file,
/// pasted HTML) claims nothing.
fn canonical_url(html: &str, page_url: Option<&str>) -> Option<String> {
    let base = url::Url::parse(page_url?).ok()?;
    let document = dom_query::Document::from(html);
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

    #[test]
    fn a_canonical_address_is_trusted_only_on_the_pages_own_site() {
        let page = |href: &str| format!(r#"<html><head><link rel="canonical" href="{href}"></head><body><p>x</p></body></html>"#);
        let from = Some("https://www.rail.example/a?utm=1");
        assert_eq!(canonical_url(&page("https://rail.example/a"), from).as_deref(), Some("https://rail.example/a"));
        assert_eq!(canonical_url(&page("https://victim.example/saved-story"), from), None);
        assert_eq!(canonical_url(&page("https://rail.example/a"), None), None, "a file has no origin to trust");
        assert_eq!(canonical_url(&page("javascript:alert(1)"), from), None);
    }
}
