//! Imported HTML is hostile until it has been through here.
//!
//! An allow-list (ammonia): no script, no event handlers, no styles, no iframes,
//! no forms; links can only be http(s)/mailto and never get an opener. The UI's CSP
//! is the second wall: even a tag that slipped through could not load a script.

use std::collections::HashSet;

use ammonia::{Builder, UrlRelative};

pub fn sanitize(html: &str) -> String {
    builder().clean(html).to_string()
}

fn builder() -> Builder<'static> {
    let mut builder = Builder::default();
    builder
        .url_schemes(HashSet::from(["http", "https", "mailto", "data"]))
        .url_relative(UrlRelative::PassThrough)
        .link_rel(Some("noopener noreferrer nofollow"))
        .add_tags(["figure", "figcaption", "picture", "source", "mark", "time", "section", "article", "aside", "details", "summary"])
        .add_tag_attributes("img", ["alt", "src", "title", "width", "height"])
        .add_tag_attributes("time", ["datetime"])
        .add_tag_attributes("source", ["srcset", "type"])
        .rm_tag_attributes("img", ["srcset"]) // one image source to localise later, not many
        .add_generic_attributes(["lang", "dir"])
        // data: is allowed for embedded images only: never as a link or any other URL.
        .attribute_filter(|element, attribute, value| {
            let is_data = value.trim_start().get(..5).is_some_and(|s| s.eq_ignore_ascii_case("data:"));
            let embedded_image = element == "img" && attribute == "src" && value.starts_with("data:image/");
            if is_data && !embedded_image { None } else { Some(value.into()) }
        });
    builder
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
        let clean = sanitize(r#"<a href="data:text/html,<script>x</script>">x</a><img src="data:image/png;base64,AAAA"><img src="data:text/html;base64,AAAA">"#);
        assert!(!clean.contains("data:text"), "{clean}");
        assert!(clean.contains(r#"<img src="data:image/png;base64,AAAA">"#), "{clean}");
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
