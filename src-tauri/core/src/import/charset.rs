//! Bytes to text for web pages: the charset from the HTTP header, a byte-order mark,
//! or a `<meta>` in the page; failing those, UTF-8 when the bytes are valid UTF-8, and a
//! statistical guess (chardetng, Firefox's detector) when they are not.

use encoding_rs::Encoding;

/// How far into a page a `<meta charset>` is looked for (the HTML spec says 1024 bytes;
/// real pages put long head content first, so allow more).
const META_SCAN_BYTES: usize = 4096;

/// Decode a web page to text in the order the module says; invalid bytes become U+FFFD.
pub fn decode_html(bytes: &[u8], header_charset: Option<&str>) -> String {
    let declared = header_charset
        .and_then(|label| Encoding::for_label(label.trim().as_bytes()))
        .or_else(|| Encoding::for_bom(bytes).map(|(encoding, _)| encoding))
        .or_else(|| meta_charset(bytes));
    let encoding = declared.unwrap_or_else(|| {
        if std::str::from_utf8(bytes).is_ok() {
            encoding_rs::UTF_8
        } else {
            let mut detector = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
            detector.feed(bytes, true);
            detector.guess(None, chardetng::Utf8Detection::Allow)
        }
    });
    // decode() honours a BOM over the chosen encoding and replaces invalid sequences.
    encoding.decode(bytes).0.into_owned()
}

/// `<meta charset="x">` or `<meta http-equiv="Content-Type" content="text/html; charset=x">`.
fn meta_charset(bytes: &[u8]) -> Option<&'static Encoding> {
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(META_SCAN_BYTES)]).to_ascii_lowercase();
    let mut rest = head.as_str();
    while let Some(at) = rest.find("charset") {
        rest = &rest[at + "charset".len()..];
        let value = rest.trim_start().strip_prefix('=')?.trim_start().trim_start_matches(['"', '\'']);
        let end = value.find(|c: char| !(c.is_ascii_alphanumeric() || c == '-' || c == '_')).unwrap_or(value.len());
        if let Some(encoding) = Encoding::for_label(&value.as_bytes()[..end]) {
            // A page that claims UTF-16 in ASCII-compatible bytes is really UTF-8 (per the spec).
            return Some(if encoding == encoding_rs::UTF_16LE || encoding == encoding_rs::UTF_16BE {
                encoding_rs::UTF_8
            } else {
                encoding
            });
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn meta_charset_is_honoured() {
        let page = b"<html><head><meta charset=\"windows-1252\"></head><body>caf\xe9</body></html>";
        assert!(decode_html(page, None).contains("café"));
    }

    #[test]
    fn http_equiv_charset_is_honoured() {
        let page = b"<meta http-equiv=\"Content-Type\" content=\"text/html; charset=iso-8859-1\"><p>na\xefve</p>";
        assert!(decode_html(page, None).contains("naïve"));
    }

    #[test]
    fn the_header_wins_over_the_page() {
        let page = "<meta charset=\"windows-1252\"><p>Привет</p>".as_bytes();
        assert!(decode_html(page, Some("utf-8")).contains("Привет"));
    }

    #[test]
    fn undeclared_legacy_text_is_guessed() {
        let (bytes, _, _) =
            encoding_rs::SHIFT_JIS.encode("<p>日本語のテキストです。これは長い文章で、文字コードの推測に十分な長さがあります。</p>");
        assert!(decode_html(&bytes, None).contains("日本語のテキスト"));
    }

    #[test]
    fn valid_utf8_without_declaration_is_utf8() {
        assert_eq!(decode_html("<p>Ünïcödé</p>".as_bytes(), None), "<p>Ünïcödé</p>");
    }
}
