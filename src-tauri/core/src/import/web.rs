//! Web pages by address: fetched over HTTP(S) with limits on time, redirects and size,
//! decoded with the right charset, then through the same pipeline as a saved page.

use std::io::Read;
use std::time::Duration;

use super::{Extracted, ImportedArticle, SourceKind, charset, finish, html, images, markdown, plain_text};
use crate::error::{Error, Result};

/// Limits on what a fetch may cost.
#[derive(Debug, Clone, Copy)]
pub struct FetchLimits {
    pub timeout: Duration,
    pub max_bytes: u64,
    pub max_redirects: usize,
}

impl Default for FetchLimits {
    fn default() -> Self {
        FetchLimits { timeout: Duration::from_secs(20), max_bytes: 15 * 1024 * 1024, max_redirects: 10 }
    }
}

const USER_AGENT: &str = concat!("Mozilla/5.0 (X11; Linux x86_64) Lectern/", env!("CARGO_PKG_VERSION"), " (reading app)");

/// A fetched page: where it ended up after redirects, what it says it is, and its bytes.
pub struct FetchedPage {
    pub url: String,
    pub mime: String,
    pub charset: Option<String>,
    pub bytes: Vec<u8>,
}

/// Check that `address` is something Lectern may fetch: an absolute http(s) URL.
pub fn parse_address(address: &str) -> Result<url::Url> {
    let address = address.trim();
    let url = url::Url::parse(address).map_err(|_| Error::InvalidInput(format!("“{address}” is not a web address.")))?;
    match url.scheme() {
        "http" | "https" if url.host_str().is_some() => Ok(url),
        _ => Err(Error::InvalidInput(format!("Lectern saves http and https pages, not “{address}”."))),
    }
}

pub fn fetch(address: &str, limits: FetchLimits) -> Result<FetchedPage> {
    let url = parse_address(address)?;
    let client = reqwest::blocking::Client::builder()
        .user_agent(USER_AGENT)
        .timeout(limits.timeout)
        .connect_timeout(limits.timeout.min(Duration::from_secs(10)))
        .redirect(reqwest::redirect::Policy::limited(limits.max_redirects))
        .build()
        .map_err(|e| Error::Network(format!("could not start a web client: {e}")))?;
    let response = client.get(url.clone()).send().map_err(|e| network_error(&url, &e))?;
    let status = response.status();
    if !status.is_success() {
        return Err(Error::Network(format!(
            "{} answered {} {}: nothing was saved.",
            url.host_str().unwrap_or("The site"),
            status.as_u16(),
            status.canonical_reason().unwrap_or("")
        )));
    }
    if response.content_length().is_some_and(|length| length > limits.max_bytes) {
        return Err(too_large(limits));
    }
    let final_url = response.url().to_string();
    let (mime, charset) = content_type(response.headers());
    let mut bytes = Vec::new();
    response
        .take(limits.max_bytes + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| Error::Network(format!("the download from {} broke off: {e}", url.host_str().unwrap_or("the site"))))?;
    if bytes.len() as u64 > limits.max_bytes {
        return Err(too_large(limits));
    }
    Ok(FetchedPage { url: final_url, mime, charset, bytes })
}

/// Fetch a page and turn it into an article, its images embedded.
pub fn import_url(address: &str, limits: FetchLimits) -> Result<ImportedArticle> {
    let page = fetch(address, limits)?;
    let mut extracted = extract_page(&page)?;
    extracted.url = Some(page.url.clone());
    extracted.content_html = images::embed_images(&extracted.content_html, &|src| fetch_image(src, limits));
    finish(extracted, SourceKind::Url)
}

/// The bytes of an image at an absolute http(s) address, or None (any failure: the
/// image is then left out of the article).
pub fn fetch_image(src: &str, limits: FetchLimits) -> Option<Vec<u8>> {
    let limits = FetchLimits { max_bytes: images::MAX_IMAGE_BYTES as u64, ..limits };
    match fetch(src, limits) {
        Ok(page) => Some(page.bytes),
        Err(error) => {
            log::info!("image {src} left out: {error}");
            None
        }
    }
}

fn extract_page(page: &FetchedPage) -> Result<Extracted> {
    let name = page.url.rsplit('/').next().unwrap_or("page").to_string();
    match page.mime.as_str() {
        "text/html" | "application/xhtml+xml" | "" => html::extract(&charset::decode_html(&page.bytes, page.charset.as_deref()), Some(&page.url)),
        "text/markdown" | "text/x-markdown" => Ok(markdown::extract(&name, &charset::decode_html(&page.bytes, page.charset.as_deref()))),
        "text/plain" => Ok(plain_text::extract(&name, &charset::decode_html(&page.bytes, page.charset.as_deref()))),
        other => Err(Error::Unreadable(format!("{} is {other}, not a web page.", page.url))),
    }
}

fn content_type(headers: &reqwest::header::HeaderMap) -> (String, Option<String>) {
    let value = headers
        .get(reqwest::header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_ascii_lowercase();
    let mut parts = value.split(';');
    let mime = parts.next().unwrap_or("").trim().to_string();
    let charset = parts
        .filter_map(|p| p.trim().strip_prefix("charset="))
        .map(|c| c.trim_matches('"').to_string())
        .next();
    (mime, charset)
}

fn too_large(limits: FetchLimits) -> Error {
    Error::Network(format!("the page is larger than {} MB; nothing was saved.", limits.max_bytes / (1024 * 1024)))
}

fn network_error(url: &url::Url, error: &reqwest::Error) -> Error {
    let host = url.host_str().unwrap_or("the site");
    let message = if error.is_timeout() {
        format!("{host} did not answer in time.")
    } else if error.is_redirect() {
        format!("{host} redirected too many times.")
    } else if error.is_connect() {
        format!("Could not reach {host}. Check the address and your connection.")
    } else {
        format!("Could not fetch {url}: {error}")
    };
    Error::Network(message)
}
