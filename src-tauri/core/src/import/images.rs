//! Images travel with the article: each `<img>` is replaced by a `data:` URI of its bytes
//! at import, so reading never loads anything remote (the CSP forbids it anyway) and the
//! library works offline. Only real images are embedded (checked by their bytes), with
//! caps on size and count; an image that cannot be had is dropped, not left broken.

use std::collections::HashMap;
use std::path::Path;
use std::rc::Rc;

use base64::Engine;
use dom_query::Document;

/// Largest single image embedded, and the most images and bytes one article may carry.
pub const MAX_IMAGE_BYTES: usize = 8 * 1024 * 1024;
/// At most this many images are embedded per article.
pub const MAX_IMAGES: usize = 80;
/// At most this many bytes of images are embedded per article.
pub const MAX_TOTAL_BYTES: usize = 40 * 1024 * 1024;

/// How many images, and how many bytes of them, one article may embed. Every use of
/// an image counts (each is a copy in the article), so one image repeated thousands of
/// times cannot blow up an import.
#[derive(Debug, Clone, Copy)]
pub struct ImageLimits {
    /// At most this many images per article.
    pub max_images: usize,
    /// At most this many bytes of images per article.
    pub max_total_bytes: usize,
}

impl Default for ImageLimits {
    fn default() -> Self {
        ImageLimits { max_images: MAX_IMAGES, max_total_bytes: MAX_TOTAL_BYTES }
    }
}

/// Replace every image source with an embedded copy from `load` (given the `src` as
/// written), or drop the image when `load` has nothing.
pub fn embed_images(html: &str, load: &dyn Fn(&str) -> Option<Vec<u8>>) -> String {
    embed_images_within(html, load, ImageLimits::default())
}

/// [`embed_images`] within `limits`. Each distinct source is loaded once.
pub fn embed_images_within(html: &str, load: &dyn Fn(&str) -> Option<Vec<u8>>, limits: ImageLimits) -> String {
    let document = Document::fragment(html);
    let mut total = 0usize;
    let mut loaded: HashMap<String, Option<Rc<str>>> = HashMap::new();
    for (index, image) in document.select("img").nodes().iter().enumerate() {
        let source = image.attr("src").map(|s| s.to_string()).filter(|s| !s.is_empty());
        let embedded = source.filter(|_| index < limits.max_images).and_then(|src| {
            let uri = loaded.entry(src.clone()).or_insert_with(|| data_uri(&src, load)).clone()?;
            if total + uri.len() > limits.max_total_bytes {
                return None;
            }
            total += uri.len();
            Some(uri)
        });
        match embedded {
            Some(uri) => {
                image.set_attr("src", &uri);
                image.remove_attr("srcset");
            }
            None => image.remove_from_parent(),
        }
    }
    document.select("html").inner_html().to_string()
}

/// The image at `src` as a data: URI, if it is a real raster image of acceptable size.
fn data_uri(src: &str, load: &dyn Fn(&str) -> Option<Vec<u8>>) -> Option<Rc<str>> {
    if src.starts_with("data:") {
        let (_, encoded) = src.split_once(',')?;
        let bytes = base64::engine::general_purpose::STANDARD.decode(encoded.trim()).ok()?;
        return embed(&bytes);
    }
    embed(&load(src)?)
}

fn embed(bytes: &[u8]) -> Option<Rc<str>> {
    let mime = image_mime(bytes)?;
    if bytes.len() > MAX_IMAGE_BYTES {
        return None;
    }
    Some(format!("data:{mime};base64,{}", base64::engine::general_purpose::STANDARD.encode(bytes)).into())
}

/// The image type, from the file's first bytes (never from its name or a server's word).
pub fn image_mime(bytes: &[u8]) -> Option<&'static str> {
    match bytes {
        [0x89, b'P', b'N', b'G', ..] => Some("image/png"),
        [0xFF, 0xD8, 0xFF, ..] => Some("image/jpeg"),
        [b'G', b'I', b'F', b'8', ..] => Some("image/gif"),
        [b'R', b'I', b'F', b'F', _, _, _, _, b'W', b'E', b'B', b'P', ..] => Some("image/webp"),
        [0, 0, 0, _, b'f', b't', b'y', b'p', b'a', b'v', b'i', b'f', ..] => Some("image/avif"),
        _ => None,
    }
}

/// A loader for a page saved on disk: relative sources are read from the page's folder
/// (and never from outside it).
pub fn file_loader(page: &Path) -> impl Fn(&str) -> Option<Vec<u8>> + '_ {
    move |src: &str| {
        let folder = page.parent()?.canonicalize().ok()?;
        // A file: URL resolves "../", "./" and %20 the way the browser that saved the page did.
        let target = url::Url::from_directory_path(&folder).ok()?.join(src).ok()?;
        if target.scheme() != "file" {
            return None;
        }
        let path = target.to_file_path().ok()?.canonicalize().ok()?;
        if !path.starts_with(&folder) || std::fs::metadata(&path).ok()?.len() > MAX_IMAGE_BYTES as u64 {
            return None;
        }
        std::fs::read(path).ok()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const PNG: &[u8] = &[0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A, 1, 2, 3];

    #[test]
    fn images_are_embedded_and_missing_ones_dropped() {
        let html = r#"<p>a</p><img src="https://e.com/a.png" srcset="x 2x" alt="A"><img src="https://e.com/gone.png"><img src="https://e.com/secret.txt">"#;
        let out = embed_images(html, &|src| match src {
            "https://e.com/a.png" => Some(PNG.to_vec()),
            "https://e.com/secret.txt" => Some(b"password=hunter2".to_vec()),
            _ => None,
        });
        assert_eq!(out.matches("<img").count(), 1, "{out}");
        assert!(out.contains("src=\"data:image/png;base64,"), "{out}");
        assert!(!out.contains("srcset"));
        assert!(out.contains("<p>a</p>"));
    }

    #[test]
    fn one_image_repeated_thousands_of_times_stays_within_the_budget() {
        let calls = std::cell::Cell::new(0);
        let html = "<img src=\"https://e.com/a.png\">".repeat(5_000);
        let big_png: Vec<u8> = PNG.iter().copied().chain(std::iter::repeat_n(0u8, 1024 * 1024)).collect();
        let out = embed_images(&html, &|_| {
            calls.set(calls.get() + 1);
            Some(big_png.clone())
        });
        assert_eq!(calls.get(), 1, "each source is loaded once");
        assert!(out.len() <= MAX_TOTAL_BYTES + 64 * 1024, "{} bytes", out.len());
        assert!(out.matches("<img").count() <= MAX_IMAGES);
    }

    #[test]
    fn data_images_are_checked_like_any_other() {
        let out = embed_images(
            r#"<img src="data:image/png;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+"><img src="data:image/png;base64,iVBORw0KGgo=">"#,
            &|_| None,
        );
        assert_eq!(out.matches("<img").count(), 1, "an SVG posing as PNG is dropped: {out}");
    }

    #[test]
    fn files_next_to_a_saved_page_are_read_but_nothing_outside_its_folder() {
        let dir = tempfile::tempdir().unwrap();
        let site = dir.path().join("site");
        std::fs::create_dir_all(site.join("page_files")).unwrap();
        std::fs::write(site.join("page_files/pic one.png"), PNG).unwrap();
        std::fs::write(dir.path().join("outside.png"), PNG).unwrap();
        let page = site.join("page.html");
        let load = file_loader(&page);
        assert_eq!(load("page_files/pic%20one.png").as_deref(), Some(PNG));
        assert_eq!(load("../outside.png"), None);
        assert_eq!(load("/etc/hostname"), None);
    }
}
