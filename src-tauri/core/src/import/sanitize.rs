//! Imported HTML is hostile until it has been through here.
//!
//! An allow-list (ammonia): no script, no event handlers, no styles, no iframes,
//! no forms; links can only be http(s)/mailto and never get an opener. The UI's CSP
//! is the second wall: even a tag that slipped through could not load a script.

use std::borrow::Cow;
use std::collections::HashSet;

use ammonia::{Builder, UrlRelative};

/// Keep only what an article needs to be read (text, structure, images, links) and nothing that can run, load or restyle the app.
pub fn sanitize(html: &str) -> String {
    dead_links_as_text(&builder().clean(html).to_string())
}

/// Ids in article HTML are prefixed, so a page cannot clobber the app's own element ids
/// (or `window.<id>`); in-page links (footnotes, a table of contents) are rewritten to
/// match, and the reader scrolls to them.
pub const ID_PREFIX: &str = "in-article-";

/// Raster image types a `data:` image may have (SVG can carry script and links).
const RASTER_IMAGES: &[&str] = &["image/png", "image/jpeg", "image/gif", "image/webp", "image/avif"];

fn builder() -> Builder<'static> {
    let mut builder = Builder::default();
    builder
        .url_schemes(HashSet::from(["http", "https", "mailto", "data"]))
        // A link to another page of a saved file (or to the app itself) has nowhere to
        // go in Lectern: only in-page links (#…) stay; the others become plain text.
        .url_relative(UrlRelative::Custom(Box::new(in_page_only)))
        .link_rel(Some("noopener noreferrer nofollow"))
        .add_tags(["figure", "figcaption", "picture", "mark", "time", "section", "article", "aside", "details", "summary"])
        .add_tag_attributes("img", ["alt", "src", "title", "width", "height"])
        .add_tag_attributes("time", ["datetime"])
        .rm_tag_attributes("img", ["srcset"]) // one image source, embedded at import
        .add_generic_attributes(["lang", "dir", "id"])
        // The one class Lectern sets itself (import/standfirst.rs), for the reader's style.
        .add_allowed_classes("p", ["standfirst"])
        .add_allowed_classes("div", ["standfirst"])
        .id_prefix(Some(ID_PREFIX))
        .attribute_filter(url_filter);
    builder
}

fn in_page_only(url: &str) -> Option<Cow<'_, str>> {
    let target = url.trim().strip_prefix('#').filter(|id| !id.is_empty())?;
    Some(Cow::Owned(format!("#{ID_PREFIX}{target}")))
}

/// A link whose target was removed (another page of a saved file, a script) reads as
/// its text: it looks like what it is, not like a link that does nothing.
fn dead_links_as_text(html: &str) -> String {
    if !html.contains("<a ") && !html.contains("<a>") {
        return html.to_string();
    }
    let document = dom_query::Document::fragment(html);
    let dead = document.select("a:not([href])");
    if !dead.exists() {
        return html.to_string();
    }
    for link in dead.nodes() {
        match link.first_child() {
            // dom_query unwraps a node from its parent: the link's child, from the link.
            Some(child) => child.unwrap_node(),
            None => link.remove_from_parent(),
        }
    }
    document.html_root().inner_html().to_string()
}

/// Decide on a URL attribute as a browser would read it: after the WHATWG URL parser's
/// normalisation (tabs and newlines removed, surrounding spaces and controls trimmed),
/// which is also what ammonia's scheme check sees. `data:` survives only as the source
/// of an image, and only for raster image types.
fn url_filter<'u>(element: &str, attribute: &str, value: &'u str) -> Option<Cow<'u, str>> {
    if !matches!(attribute, "href" | "src" | "cite" | "longdesc" | "action" | "poster" | "background" | "xlink:href") {
        return Some(Cow::Borrowed(value));
    }
    let Ok(url) = url::Url::parse(value) else {
        return Some(Cow::Borrowed(value)); // relative: ammonia's url_relative rule decides
    };
    match url.scheme() {
        "http" | "https" => Some(Cow::Owned(url.to_string())),
        // Mail links keep only recipients, subject, body, cc and bcc (no attach=).
        "mailto" => crate::links::external_link(url.as_str()).ok().map(Cow::Owned),
        "data" if element == "img" && attribute == "src" && is_raster_data(&url) => Some(Cow::Owned(url.to_string())),
        _ => None,
    }
}

fn is_raster_data(url: &url::Url) -> bool {
    let mime = url.path().split([';', ',']).next().unwrap_or("").trim().to_ascii_lowercase();
    RASTER_IMAGES.contains(&mime.as_str())
}

#[cfg(test)]
mod tests {
    use super::sanitize;

    #[test]
    fn scripts_and_handlers_are_removed() {
        let dirty = r#"<p onclick="alert(1)">Hi<script>window.__TAURI_INTERNALS__.invoke('x')</script></p><img src=x onerror="alert(2)">"#;
        let clean = sanitize(dirty);
        assert!(!clean.contains("script"), "{clean}");
        assert!(!clean.contains("onclick"), "{clean}");
        assert!(!clean.contains("onerror"), "{clean}");
        assert!(clean.contains("<p>Hi</p>"), "{clean}");
    }

    #[test]
    fn javascript_urls_iframes_and_styles_are_removed() {
        let dirty = r#"<a href="javascript:alert(1)">x</a><iframe src="https://evil.example"></iframe><p style="position:fixed">y</p><form><input></form>"#;
        let clean = sanitize(dirty);
        assert!(!clean.contains("javascript"), "{clean}");
        assert!(!clean.contains("iframe"), "{clean}");
        assert!(!clean.contains("style"), "{clean}");
        assert!(!clean.contains("input"), "{clean}");
    }

    #[test]
    fn data_urls_survive_only_as_embedded_images() {
        let clean = sanitize(
            r#"<a href="data:text/html,<script>x</script>">x</a><img src="data:image/png;base64,AAAA"><img src="data:text/html;base64,AAAA">"#,
        );
        assert!(!clean.contains("data:text"), "{clean}");
        assert!(clean.contains(r#"<img src="data:image/png;base64,AAAA">"#), "{clean}");
    }

    #[test]
    fn data_urls_hidden_by_entities_and_whitespace_are_removed() {
        for dirty in [
            r#"<a href="da&#9;ta:text/html,<script>alert(1)</script>">x</a>"#,
            r#"<a href="da&#10;ta:text/html,x">x</a>"#,
            r#"<a href=" &#1;data:text/html,x">x</a>"#,
            r#"<a href="DATA:text/html,x">x</a>"#,
            r#"<a href="data:image/png;base64,AAAA">x</a>"#,
            r#"<img src="data:image/svg+xml,<svg onload=alert(1)>">"#,
            r#"<img src="da&#9;ta:image/svg+xml;base64,AAAA">"#,
            r#"<a href="java&#9;script:alert(1)">x</a>"#,
            r#"<a href="&#x6A;avascript:alert(1)">x</a>"#,
            r#"<a href="vbscript:x">x</a>"#,
            r#"<a href="file:///etc/passwd">x</a>"#,
        ] {
            let clean = sanitize(dirty);
            assert!(!clean.contains("href") && !clean.contains("src"), "{dirty} → {clean}");
        }
        assert!(sanitize(r#"<img src="DATA:image/PNG;base64,AAAA">"#).contains("src="), "raster data images stay");
    }

    #[test]
    fn only_in_page_relative_links_keep_their_target() {
        let clean =
            sanitize(r##"<a href="#note-1">1</a><a href="other-page.html">o</a><a href="/">home</a><a href="//evil.example/x">e</a>"##);
        assert!(clean.contains(r##"href="#in-article-note-1""##), "{clean}");
        assert!(!clean.contains("other-page") && !clean.contains(r#"href="/""#), "{clean}");
        assert!(!clean.contains("href=\"//"), "{clean}");
    }

    #[test]
    fn footnotes_keep_their_targets_under_ids_that_cannot_clobber_the_app() {
        let clean = sanitize(
            r##"<p>Claim<sup><a href="#fn1" id="ref1">1</a></sup></p><ol><li id="fn1">Source <a href="#ref1">↩</a></li></ol><div id="app">x</div>"##,
        );
        assert!(clean.contains(r##"<a href="#in-article-fn1" id="in-article-ref1""##), "{clean}");
        assert!(clean.contains(r#"<li id="in-article-fn1">"#), "{clean}");
        assert!(clean.contains(r#"id="in-article-app""#) && !clean.contains(r#"id="app""#), "{clean}");
    }

    #[test]
    fn links_with_no_usable_target_read_as_text() {
        let clean = sanitize(r#"<p>See <a href="other-page.html">the <em>other</em> page</a> and <a href="javascript:x()">this</a>.</p>"#);
        assert_eq!(clean, "<p>See the <em>other</em> page and this.</p>");
    }

    #[test]
    fn links_get_no_opener() {
        let clean = sanitize(r#"<a href="https://example.com">x</a>"#);
        assert!(clean.contains(r#"rel="noopener noreferrer nofollow""#), "{clean}");
    }

    #[test]
    fn reading_structure_is_kept() {
        let html = "<h2>Part</h2><blockquote><p>Quote</p></blockquote><pre><code>let x = 1;</code></pre><figure><img src=\"https://e.com/a.png\" alt=\"A\"><figcaption>Cap</figcaption></figure>";
        let clean = sanitize(html);
        for tag in ["<h2>", "<blockquote>", "<pre>", "<code>", "<figure>", "<figcaption>", "alt=\"A\""] {
            assert!(clean.contains(tag), "{tag} missing from {clean}");
        }
    }
}
