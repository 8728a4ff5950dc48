//! Web pages: the readable part of a page, through dom_smoothie (a port of
//! Mozilla's Readability.js, the extractor Firefox's reader view uses).

use dom_smoothie::{Config, Readability};

use super::Extracted;
use crate::error::{Error, Result};

/// Extract the readable content and metadata of an HTML page.
/// `url`, when known, makes relative links and images absolute.
pub fn extract(html: &str, url: Option<&str>) -> Result<Extracted> {
    let canonical_url = canonical_url(html, url);
    let config = Config { max_elements_to_parse: 200_000, ..Config::default() };
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
        content_html: article.content.to_string(),
    })
}

/// The page's own idea of its address (`<link rel="canonical">`), absolute, http(s) only:
/// the same story reached through tracking parameters or redirects is one article.
fn canonical_url(html: &str, page_url: Option<&str>) -> Option<String> {
    let document = dom_query::Document::from(html);
    let href = document.select(r#"head link[rel~="canonical"][href]"#).attr("href")?;
    let resolved = match page_url.and_then(|u| url::Url::parse(u).ok()) {
        Some(base) => base.join(href.trim()).ok()?,
        None => url::Url::parse(href.trim()).ok()?,
    };
    matches!(resolved.scheme(), "http" | "https").then(|| resolved.to_string())
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
}
