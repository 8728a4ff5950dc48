//! Links leave Lectern only through here: an article or a note can make the system open
//! a web page or start an e-mail, and nothing else (no files, no other programs, no
//! mail headers that attach files or add recipients behind the user's back).

use crate::error::{Error, Result};

/// The mail fields a `mailto:` link may fill in; everything else (`attach=`,
/// `attachment=`, `from=`, arbitrary headers) is dropped.
const MAIL_FIELDS: &[&str] = &["subject", "body", "cc", "bcc"];

/// The link as it may be handed to the system's browser or mail client.
pub fn external_link(raw: &str) -> Result<String> {
    let url = url::Url::parse(raw.trim()).map_err(|_| Error::InvalidInput(format!("“{raw}” is not a link Lectern can open.")))?;
    match url.scheme() {
        "http" | "https" if url.host_str().is_some() => Ok(url.to_string()),
        "mailto" if valid_mail_recipients(url.path()) => Ok(safe_mailto(&url)),
        "mailto" => Err(Error::InvalidInput(format!("“{raw}” is not a valid mail address."))),
        other => Err(Error::InvalidInput(format!("Lectern opens only web and mail links, not “{other}:” links."))),
    }
}

/// RFC 6068: the recipients before `?` are addresses in which `&`, `=`, `<`, `>` and
/// the like appear only percent-encoded. A link whose recipients hold them raw is not a
/// mail link but an attempt to smuggle fields past the query filter; it is refused.
fn valid_mail_recipients(path: &str) -> bool {
    path.bytes().all(|b| b.is_ascii_alphanumeric() || b"-._~!$'()*+,;:@%".contains(&b))
}

fn safe_mailto(url: &url::Url) -> String {
    let kept: Vec<(String, String)> = url
        .query_pairs()
        .filter(|(key, _)| MAIL_FIELDS.contains(&key.to_ascii_lowercase().as_str()))
        .map(|(key, value)| (key.to_ascii_lowercase(), value.into_owned()))
        .collect();
    let mut safe = url.clone();
    safe.set_fragment(None);
    if kept.is_empty() {
        safe.set_query(None);
    } else {
        safe.query_pairs_mut().clear().extend_pairs(kept);
    }
    safe.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_web_and_mail_links_leave() {
        for bad in ["file:///etc/passwd", "javascript:alert(1)", "tauri://localhost", "not a url", "/relative", "smb://host/share"] {
            assert!(external_link(bad).is_err(), "{bad} must be refused");
        }
        assert_eq!(external_link("https://example.com/a?b=c#d").unwrap(), "https://example.com/a?b=c#d");
    }

    #[test]
    fn mail_links_keep_only_subject_body_cc_and_bcc() {
        let safe =
            external_link("mailto:editor@example.com?subject=Hi&attach=/home/me/.ssh/id_rsa&Attachment=x&body=Text&cc=a@b.c&from=x@y.z")
                .unwrap();
        assert_eq!(safe, "mailto:editor@example.com?subject=Hi&body=Text&cc=a%40b.c");
        assert_eq!(external_link("mailto:x@example.com?attach=/etc/passwd").unwrap(), "mailto:x@example.com");
        assert_eq!(external_link("mailto:A.B+c%20d@example.com,e@f.g").unwrap(), "mailto:A.B+c%20d@example.com,e@f.g");
    }

    #[test]
    fn mail_links_with_fields_smuggled_into_the_address_are_refused() {
        // Found by the fuzzer: no `?`, so the query filter never saw `attach=`.
        for bad in ["mailto:a@b<table>ect=s&attach=/etc/passwd", "mailto:a@b&attach=/etc/passwd", "mailto:a@b\"x"] {
            assert!(external_link(bad).is_err(), "{bad} must be refused");
        }
    }
}
