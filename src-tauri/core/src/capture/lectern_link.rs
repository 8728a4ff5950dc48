//! `lectern://` links: how a bookmarklet, the extension's "Open in Lectern" or any other
//! program asks the app to save a page or open an article. Any web page can start one,
//! so a link is only a request: it is checked here, and the app shows a save to the
//! user before anything is imported (see the UI's link requests).

use serde::Serialize;

/// The scheme the app registers with the system.
pub const SCHEME: &str = "lectern";

/// Longer links are refused: no real page address comes near this, and it bounds what a
/// hostile page can make the app hold and show.
const MAX_LINK_BYTES: usize = 16 * 1024;

/// A title longer than this is cut (a bookmarklet sends `document.title`).
const MAX_TITLE_CHARS: usize = 300;

/// What a `lectern://` link asks for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, specta::Type)]
#[serde(tag = "kind", rename_all = "camelCase")]
pub enum LinkRequest {
    /// `lectern://save?url=…&title=…`: save this web page (after the user agrees).
    Save {
        /// The page's address (http or https only).
        url: String,
        /// The title the browser knew, shown while asking.
        title: Option<String>,
    },
    /// `lectern://open?id=…`: show this article.
    Open {
        /// The article's id.
        id: i64,
    },
    /// A `lectern://` link that asks for nothing Lectern does, or asks it badly.
    Refused {
        /// Why, for the user.
        reason: String,
    },
}

/// Read one `lectern://` link. Never fails: a bad link becomes [`LinkRequest::Refused`]
/// with the reason in words, for the app to show and log.
pub fn parse_link(raw: &str) -> LinkRequest {
    match try_parse(raw) {
        Ok(request) => request,
        Err(reason) => LinkRequest::Refused { reason },
    }
}

fn try_parse(raw: &str) -> Result<LinkRequest, String> {
    if raw.len() > MAX_LINK_BYTES {
        return Err(format!("The link is too long ({} KB).", raw.len() / 1024));
    }
    let link = url::Url::parse(raw.trim()).map_err(|_| "This is not a link Lectern can read.".to_string())?;
    if link.scheme() != SCHEME {
        return Err(format!("Lectern opens only {SCHEME}:// links."));
    }
    match link.host_str().unwrap_or_else(|| link.path().trim_matches('/')) {
        "save" => save_request(&link),
        "open" => open_request(&link),
        other => Err(format!("Lectern does not know what \"{}\" asks for.", shorten(other, 40))),
    }
}

fn save_request(link: &url::Url) -> Result<LinkRequest, String> {
    let page = query_value(link, "url").ok_or("The link names no page to save.")?;
    let page = crate::links::external_link(&page)
        .ok()
        .filter(|address| address.starts_with("http://") || address.starts_with("https://"))
        .ok_or("Lectern saves only web pages (http or https addresses).")?;
    let title = query_value(link, "title")
        .map(|title| title.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|title| !title.is_empty())
        .map(|title| shorten(&title, MAX_TITLE_CHARS));
    Ok(LinkRequest::Save { url: page, title })
}

fn open_request(link: &url::Url) -> Result<LinkRequest, String> {
    query_value(link, "id")
        .and_then(|id| id.parse::<i64>().ok())
        .filter(|id| *id > 0)
        .map(|id| LinkRequest::Open { id })
        .ok_or_else(|| "The link names no article to open.".to_string())
}

fn query_value(link: &url::Url, name: &str) -> Option<String> {
    link.query_pairs().find(|(key, _)| key == name).map(|(_, value)| value.into_owned())
}

fn shorten(text: &str, max_chars: usize) -> String {
    match text.char_indices().nth(max_chars) {
        Some((cut, _)) => format!("{}…", &text[..cut]),
        None => text.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn refused(raw: &str) -> String {
        match parse_link(raw) {
            LinkRequest::Refused { reason } => reason,
            other => panic!("{raw} was accepted as {other:?}"),
        }
    }

    #[test]
    fn a_bookmarklet_link_asks_to_save_the_page_with_its_title() {
        let link = "lectern://save?url=https%3A%2F%2Fexample.org%2Fa%3Fb%3D1%23top&title=%20The%20%20night%0Atrains%20";
        assert_eq!(
            parse_link(link),
            LinkRequest::Save { url: "https://example.org/a?b=1#top".into(), title: Some("The night trains".into()) }
        );
        assert_eq!(
            parse_link("lectern://save?url=http://example.org/"),
            LinkRequest::Save { url: "http://example.org/".into(), title: None }
        );
    }

    #[test]
    fn an_open_link_names_an_article() {
        assert_eq!(parse_link("lectern://open?id=42"), LinkRequest::Open { id: 42 });
        assert_eq!(parse_link("lectern:open?id=7"), LinkRequest::Open { id: 7 });
        assert!(refused("lectern://open?id=-1").contains("no article"));
        assert!(refused("lectern://open?id=abc").contains("no article"));
        assert!(refused("lectern://open").contains("no article"));
    }

    #[test]
    fn links_that_could_reach_files_or_scripts_are_refused() {
        for page in ["file:///etc/passwd", "javascript:alert(1)", "data:text/html,hi", "ftp://example.org/"] {
            let link = format!("lectern://save?url={}", url::form_urlencoded::byte_serialize(page.as_bytes()).collect::<String>());
            assert!(refused(&link).contains("only web pages"), "{page}");
        }
        assert!(refused("lectern://save").contains("no page"));
        assert!(refused("https://example.org/").contains("only lectern://"));
        assert!(refused("lectern://delete?id=1").contains("\"delete\""));
        assert!(refused("not a link").contains("not a link"));
    }

    #[test]
    fn oversized_links_and_titles_are_bounded() {
        let long = format!("lectern://save?url=https://example.org/{}", "a".repeat(MAX_LINK_BYTES));
        assert!(refused(&long).contains("too long"));
        let title = "t".repeat(2_000);
        let LinkRequest::Save { title: Some(kept), .. } = parse_link(&format!("lectern://save?url=https://e.org/&title={title}")) else {
            panic!("the link was refused")
        };
        assert_eq!(kept.chars().count(), MAX_TITLE_CHARS + 1, "cut, with an ellipsis");
    }
}
