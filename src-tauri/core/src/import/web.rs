//! Web pages by address: fetched over HTTP(S) with limits on time, redirects and size,
//! decoded with the right charset, then through the same pipeline as a saved page.
//!
//! Every fetch has a total deadline (not just a per-read timeout: a server that drips
//! a byte every few seconds is cut off), runs in a worker thread so a cancel is heard
//! at once, and reaches only the addresses its [`Zone`] allows: content never makes
//! Lectern request something on the user's own machine or network.

use std::io::Read;
use std::net::{IpAddr, SocketAddr, ToSocketAddrs};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, RecvTimeoutError};
use std::time::{Duration, Instant};

use super::budget::Budget;
use super::{Extracted, ImportedArticle, SourceKind, charset, finish, html, images, markdown, plain_text};
use crate::error::{Error, Result};

/// Limits on what one fetch may cost.
#[derive(Debug, Clone, Copy)]
pub struct FetchLimits {
    /// The whole fetch (connect, headers and every byte of the body) must finish in this time.
    pub timeout: Duration,
    /// Pages larger than this are refused.
    pub max_bytes: u64,
    /// At most this many redirects are followed.
    pub max_redirects: usize,
}

impl Default for FetchLimits {
    fn default() -> Self {
        FetchLimits { timeout: Duration::from_secs(30), max_bytes: 15 * 1024 * 1024, max_redirects: 10 }
    }
}

/// Each image gets at most this long; a slow image server must not hold the article.
const IMAGE_TIMEOUT: Duration = Duration::from_secs(15);

/// Which addresses a fetch may reach.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Zone {
    /// Public internet addresses only: never loopback, private, link-local or other
    /// special ranges, whether named directly, through DNS or by a redirect.
    Public,
    /// The user asked for an address on their own machine or network (an intranet
    /// page): that page, and what it names, may be fetched from there too.
    Local,
}

const USER_AGENT: &str = concat!("Mozilla/5.0 (X11; Linux x86_64) Lectern/", env!("CARGO_PKG_VERSION"), " (reading app)");

/// A fetched page: where it ended up after redirects, what it says it is, and its bytes.
pub struct FetchedPage {
    /// The final address, after redirects.
    pub url: String,
    /// The content type the server declared.
    pub mime: String,
    /// The charset the server declared, if any.
    pub charset: Option<String>,
    /// The body.
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

/// One HTTP client for one import: its page and all its images share connections.
pub struct Fetcher {
    client: reqwest::blocking::Client,
    limits: FetchLimits,
    zone: Zone,
    budget: Budget,
}

impl Fetcher {
    /// A fetcher with these limits, allowed to reach `zone`, stopping when `budget` runs out.
    pub fn new(limits: FetchLimits, zone: Zone, budget: Budget) -> Result<Fetcher> {
        let mut builder = reqwest::blocking::Client::builder()
            .user_agent(USER_AGENT)
            // Per read: the total deadline is enforced around it (see `fetch`).
            .timeout(limits.timeout.min(Duration::from_secs(20)))
            .connect_timeout(limits.timeout.min(Duration::from_secs(10)))
            .redirect(redirect_policy(limits.max_redirects, zone));
        if zone == Zone::Public {
            builder = builder.dns_resolver(Arc::new(PublicOnly));
        }
        let client = builder.build().map_err(|e| Error::Network(format!("could not start a web client: {e}")))?;
        Ok(Fetcher { client, limits, zone, budget })
    }

    /// Fetch `address` whole, within this fetcher's limits, deadline and zone.
    pub fn fetch(&self, address: &str) -> Result<FetchedPage> {
        self.fetch_within(address, self.limits)
    }

    /// The bytes of an image at an absolute http(s) address, or None (any failure: the
    /// image is then left out of the article).
    pub fn image(&self, src: &str) -> Option<Vec<u8>> {
        let limits =
            FetchLimits { max_bytes: images::MAX_IMAGE_BYTES as u64, timeout: self.limits.timeout.min(IMAGE_TIMEOUT), ..self.limits };
        match self.fetch_within(src, limits) {
            Ok(page) => Some(page.bytes),
            Err(error) => {
                log::info!("image {src} left out: {error}");
                None
            }
        }
    }

    fn fetch_within(&self, address: &str, limits: FetchLimits) -> Result<FetchedPage> {
        self.budget.check()?;
        let url = parse_address(address)?;
        if self.zone == Zone::Public && url_names_non_public_ip(&url) {
            return Err(private_address(&url));
        }
        let deadline = (Instant::now() + limits.timeout).min(self.budget.deadline());
        // The download runs in a worker so that a cancel or the deadline is acted on at
        // once, even while a read blocks; the worker notices it was abandoned and stops.
        let abandoned = Arc::new(AtomicBool::new(false));
        let (sender, receiver) = mpsc::channel();
        let worker = Download { client: self.client.clone(), url: url.clone(), limits, deadline, abandoned: Arc::clone(&abandoned) };
        std::thread::spawn(move || {
            let _ = sender.send(worker.run());
        });
        loop {
            match receiver.recv_timeout(Duration::from_millis(50)) {
                Ok(result) => return result,
                Err(RecvTimeoutError::Disconnected) => return Err(Error::Internal(format!("fetch {url}"))),
                Err(RecvTimeoutError::Timeout) => {
                    if self.budget.is_cancelled() || Instant::now() >= deadline {
                        abandoned.store(true, Ordering::Relaxed);
                        self.budget.check()?;
                        return Err(too_slow(&url, limits));
                    }
                }
            }
        }
    }
}

impl Fetcher {
    /// The same client (and its connections) with another file's budget.
    fn with_budget(&self, budget: Budget) -> Fetcher {
        Fetcher { client: self.client.clone(), limits: self.limits, zone: self.zone, budget }
    }
}

/// The remote images of a batch of imports: one HTTP client for every file, and each
/// address fetched once however many files name it (a site's logo, a shared banner).
/// Kept images are bounded by `MAX_KEPT_BYTES`; past that, an image is fetched again
/// when another file wants it.
pub struct SharedImages {
    fetcher: Fetcher,
    fetched: std::sync::Mutex<std::collections::HashMap<String, Arc<FetchOnce>>>,
    kept_bytes: std::sync::atomic::AtomicUsize,
}

/// One address's image, fetched by the first file that asks (None: it could not be had).
type FetchOnce = std::sync::OnceLock<Option<Arc<Vec<u8>>>>;

impl std::fmt::Debug for SharedImages {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SharedImages").field("kept_bytes", &self.kept_bytes).finish_non_exhaustive()
    }
}

impl SharedImages {
    /// Most bytes of images kept for the rest of a batch.
    pub const MAX_KEPT_BYTES: usize = 64 * 1024 * 1024;

    /// A client for public addresses only, within `limits`.
    pub fn new(limits: FetchLimits) -> Result<SharedImages> {
        Ok(SharedImages {
            fetcher: Fetcher::new(limits, Zone::Public, Budget::default())?,
            fetched: std::sync::Mutex::default(),
            kept_bytes: std::sync::atomic::AtomicUsize::new(0),
        })
    }

    /// The image at `src` for a file importing within `budget`.
    pub fn image(&self, src: &str, budget: &Budget) -> Option<Vec<u8>> {
        self.image_with(src, || self.fetcher.with_budget(budget.clone()).image(src))
    }

    /// The image at `src`, from `fetch` the first time any file asks; a file asking while
    /// another fetches it waits for that fetch instead of starting its own.
    fn image_with(&self, src: &str, fetch: impl FnOnce() -> Option<Vec<u8>>) -> Option<Vec<u8>> {
        let cell = Arc::clone(self.fetched.lock().unwrap_or_else(std::sync::PoisonError::into_inner).entry(src.to_string()).or_default());
        let mut fetched_here = false;
        let image = cell
            .get_or_init(|| {
                fetched_here = true;
                fetch().map(Arc::new)
            })
            .clone();
        if fetched_here {
            let size = image.as_ref().map_or(0, |bytes| bytes.len());
            if self.kept_bytes.fetch_add(size, Ordering::Relaxed) + size > Self::MAX_KEPT_BYTES {
                self.kept_bytes.fetch_sub(size, Ordering::Relaxed);
                self.fetched.lock().unwrap_or_else(std::sync::PoisonError::into_inner).remove(src);
            }
        }
        image.map(|bytes| bytes.as_ref().clone())
    }
}

/// One download, run in its own thread.
struct Download {
    client: reqwest::blocking::Client,
    url: url::Url,
    limits: FetchLimits,
    deadline: Instant,
    abandoned: Arc<AtomicBool>,
}

impl Download {
    fn run(self) -> Result<FetchedPage> {
        let url = &self.url;
        let mut response = self.client.get(url.clone()).send().map_err(|e| network_error(url, &e))?;
        let status = response.status();
        if !status.is_success() {
            return Err(Error::Network(format!(
                "{} answered {} {}: nothing was saved.",
                url.host_str().unwrap_or("The site"),
                status.as_u16(),
                status.canonical_reason().unwrap_or("")
            )));
        }
        if response.content_length().is_some_and(|length| length > self.limits.max_bytes) {
            return Err(too_large(self.limits));
        }
        let final_url = response.url().to_string();
        let (mime, charset) = content_type(response.headers());
        let mut bytes = Vec::new();
        let mut chunk = vec![0u8; 64 * 1024];
        loop {
            if self.abandoned.load(Ordering::Relaxed) || Instant::now() >= self.deadline {
                return Err(too_slow(url, self.limits));
            }
            let read = response
                .read(&mut chunk)
                .map_err(|e| Error::Network(format!("the download from {} broke off: {e}", url.host_str().unwrap_or("the site"))))?;
            if read == 0 {
                break;
            }
            bytes.extend_from_slice(&chunk[..read]);
            if bytes.len() as u64 > self.limits.max_bytes {
                return Err(too_large(self.limits));
            }
        }
        Ok(FetchedPage { url: final_url, mime, charset, bytes })
    }
}

/// Fetch a page and turn it into an article, its images embedded.
pub fn import_url(address: &str, limits: FetchLimits) -> Result<ImportedArticle> {
    import_url_within(address, limits, Budget::default())
}

/// [`import_url`] under a budget: cancellable, and stopped at the budget's deadline.
pub fn import_url_within(address: &str, limits: FetchLimits, budget: Budget) -> Result<ImportedArticle> {
    let zone = zone_for(&parse_address(address)?);
    let fetcher = Fetcher::new(limits, zone, budget.clone())?;
    let page = fetcher.fetch(address)?;
    web_article(extract_page(&page)?, &page.url, &fetcher, &budget)
}

/// The article of a web page at `url` (fetched here, or captured by the browser): its
/// address kept, its images fetched once each through `fetcher`.
pub(crate) fn web_article(mut extracted: Extracted, url: &str, fetcher: &Fetcher, budget: &Budget) -> Result<ImportedArticle> {
    extracted.url = Some(url.to_string());
    extracted.content_html = images::embed_images(&extracted.content_html, &|src| fetcher.image(src));
    budget.check()?;
    finish(extracted, SourceKind::Url)
}

/// The zone a user-given address opens: a page the user asked for on their own
/// machine or network may be fetched (an intranet wiki); anything else is public.
pub fn zone_for(url: &url::Url) -> Zone {
    let addresses: Vec<IpAddr> = match (literal_ip(url), url.host_str()) {
        (Some(ip), _) => vec![ip],
        (None, Some(name)) => (name, 0).to_socket_addrs().map(|a| a.map(|s| s.ip()).collect()).unwrap_or_default(),
        (None, None) => Vec::new(),
    };
    if !addresses.is_empty() && addresses.iter().all(|ip| !is_public_ip(*ip)) { Zone::Local } else { Zone::Public }
}

/// True for addresses on the public internet; false for loopback, private, link-local,
/// shared, documentation, multicast, broadcast and reserved ranges (IPv4 and IPv6,
/// including IPv4 addresses written as IPv6).
pub fn is_public_ip(ip: IpAddr) -> bool {
    match ip {
        IpAddr::V4(v4) => {
            let [a, b, ..] = v4.octets();
            !(v4.is_loopback()
                || v4.is_private()
                || v4.is_link_local()
                || v4.is_broadcast()
                || v4.is_unspecified()
                || v4.is_documentation()
                || v4.is_multicast()
                || a == 0
                || a >= 240
                || (a == 100 && (64..128).contains(&b)) // shared address space (CGNAT)
                || (a == 198 && (18..20).contains(&b)) // benchmarking
                || (a == 192 && b == 0 && v4.octets()[2] == 0)) // IETF protocol assignments
        }
        IpAddr::V6(v6) => {
            if let Some(v4) = v6.to_ipv4_mapped() {
                return is_public_ip(IpAddr::V4(v4));
            }
            let first = v6.segments()[0];
            !(v6.is_loopback()
                || v6.is_unspecified()
                || v6.is_multicast()
                || (first & 0xfe00) == 0xfc00 // unique local
                || (first & 0xffc0) == 0xfe80 // link-local
                || (first & 0xffc0) == 0xfec0 // site-local (deprecated)
                || (first == 0x2001 && v6.segments()[1] == 0x0db8) // documentation
                || (first == 0x0064 && v6.segments()[1] == 0xff9b) // NAT64 maps onto IPv4
                || v6.segments()[..6] == [0, 0, 0, 0, 0, 0]) // IPv4-compatible
        }
    }
}

/// The address a URL names directly (no DNS involved), if its host is one.
fn literal_ip(url: &url::Url) -> Option<IpAddr> {
    match url.host()? {
        url::Host::Ipv4(ip) => Some(IpAddr::V4(ip)),
        url::Host::Ipv6(ip) => Some(IpAddr::V6(ip)),
        url::Host::Domain(_) => None,
    }
}

fn url_names_non_public_ip(url: &url::Url) -> bool {
    literal_ip(url).is_some_and(|ip| !is_public_ip(ip))
}

/// A resolver that answers only with public addresses: a name that points at the
/// user's machine or network is refused, whether it is the page, an image or a redirect.
struct PublicOnly;

/// Why a name was refused by [`PublicOnly`] (found again in the error chain).
#[derive(Debug)]
struct PrivateAddress(String);

impl std::fmt::Display for PrivateAddress {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} is on a private or local network", self.0)
    }
}

impl std::error::Error for PrivateAddress {}

impl reqwest::dns::Resolve for PublicOnly {
    fn resolve(&self, name: reqwest::dns::Name) -> reqwest::dns::Resolving {
        let host = name.as_str().to_string();
        Box::pin(async move {
            // The blocking client runs this on its own runtime thread; a lookup is short.
            let found: Vec<SocketAddr> = (host.as_str(), 0).to_socket_addrs()?.collect();
            let public: Vec<SocketAddr> = found.into_iter().filter(|a| is_public_ip(a.ip())).collect();
            if public.is_empty() {
                return Err(Box::new(PrivateAddress(host)) as Box<dyn std::error::Error + Send + Sync>);
            }
            Ok(Box::new(public.into_iter()) as reqwest::dns::Addrs)
        })
    }
}

fn redirect_policy(max_redirects: usize, zone: Zone) -> reqwest::redirect::Policy {
    reqwest::redirect::Policy::custom(move |attempt| {
        if attempt.previous().len() > max_redirects {
            return attempt.error("too many redirects");
        }
        let next = attempt.url();
        if !matches!(next.scheme(), "http" | "https") {
            let refused = format!("a redirect to a {}: address", next.scheme());
            return attempt.error(refused);
        }
        if zone == Zone::Public && url_names_non_public_ip(next) {
            let host = next.host_str().unwrap_or_default().to_string();
            return attempt.error(PrivateAddress(host));
        }
        attempt.follow()
    })
}

fn extract_page(page: &FetchedPage) -> Result<Extracted> {
    let name = page.url.rsplit('/').next().unwrap_or("page").to_string();
    let textual =
        matches!(page.mime.as_str(), "text/html" | "application/xhtml+xml" | "" | "text/markdown" | "text/x-markdown" | "text/plain");
    if textual && super::looks_binary(&page.bytes) {
        return Err(Error::Unreadable(format!("{} sent bytes that are not text (an encoding Lectern cannot read?).", page.url)));
    }
    let text = || charset::decode_html(&page.bytes, page.charset.as_deref());
    match page.mime.as_str() {
        "text/html" | "application/xhtml+xml" | "" => html::extract(&text(), Some(&page.url)),
        "text/markdown" | "text/x-markdown" => Ok(markdown::extract(&name, &text())),
        "text/plain" => Ok(plain_text::extract(&name, &text())),
        other => Err(Error::Unreadable(format!("{} is {other}, not a web page.", page.url))),
    }
}

fn content_type(headers: &reqwest::header::HeaderMap) -> (String, Option<String>) {
    let value = headers.get(reqwest::header::CONTENT_TYPE).and_then(|v| v.to_str().ok()).unwrap_or("").to_ascii_lowercase();
    let mut parts = value.split(';');
    let mime = parts.next().unwrap_or("").trim().to_string();
    let charset = parts.filter_map(|p| p.trim().strip_prefix("charset=")).map(|c| c.trim_matches('"').to_string()).next();
    (mime, charset)
}

fn too_large(limits: FetchLimits) -> Error {
    Error::Network(format!("the page is larger than {} MB; nothing was saved.", limits.max_bytes / (1024 * 1024)))
}

fn too_slow(url: &url::Url, limits: FetchLimits) -> Error {
    Error::Network(format!(
        "{} did not answer in time (it had {} seconds to send the whole page); nothing was saved.",
        url.host_str().unwrap_or("the site"),
        limits.timeout.as_secs()
    ))
}

fn private_address(url: &url::Url) -> Error {
    Error::Network(format!(
        "{} is on a private or local network; Lectern does not fetch from there for content it imports.",
        url.host_str().unwrap_or("the address")
    ))
}

fn network_error(url: &url::Url, error: &reqwest::Error) -> Error {
    let host = url.host_str().unwrap_or("the site");
    let mut source: Option<&dyn std::error::Error> = Some(error);
    while let Some(cause) = source {
        if let Some(private) = cause.downcast_ref::<PrivateAddress>() {
            return Error::Network(format!("{private}; Lectern does not fetch from there for content it imports (asked for {url})."));
        }
        source = cause.source();
    }
    let message = if error.is_timeout() {
        format!("{host} did not answer in time.")
    } else if error.is_redirect() {
        format!("{host} redirected too many times, or somewhere Lectern does not go.")
    } else if error.is_connect() {
        format!("Could not reach {host}. Check the address and your connection.")
    } else {
        format!("Could not fetch {url}: {error}")
    };
    Error::Network(message)
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_batch_fetches_each_image_address_once_even_when_files_ask_at_the_same_time() {
        let shared = SharedImages::new(FetchLimits::default()).unwrap();
        let fetches = std::sync::atomic::AtomicUsize::new(0);
        std::thread::scope(|scope| {
            for _ in 0..4 {
                scope.spawn(|| {
                    for src in ["https://example.com/logo.png", "https://example.com/banner.png", "https://example.com/logo.png"] {
                        let image = shared.image_with(src, || {
                            fetches.fetch_add(1, Ordering::SeqCst);
                            std::thread::sleep(Duration::from_millis(20)); // others ask meanwhile
                            Some(src.as_bytes().to_vec())
                        });
                        assert_eq!(image.as_deref(), Some(src.as_bytes()));
                    }
                });
            }
        });
        assert_eq!(fetches.load(Ordering::SeqCst), 2, "two addresses, two fetches");
    }

    #[test]
    fn images_past_the_kept_bytes_are_fetched_again_rather_than_held() {
        let shared = SharedImages::new(FetchLimits::default()).unwrap();
        let fetches = std::sync::atomic::AtomicUsize::new(0);
        let big = || {
            fetches.fetch_add(1, Ordering::SeqCst);
            Some(vec![0u8; SharedImages::MAX_KEPT_BYTES + 1])
        };
        assert!(shared.image_with("https://example.com/huge.png", big).is_some());
        assert!(shared.image_with("https://example.com/huge.png", big).is_some());
        assert_eq!(fetches.load(Ordering::SeqCst), 2);
        let missing = || {
            fetches.fetch_add(1, Ordering::SeqCst);
            None
        };
        assert!(shared.image_with("https://example.com/gone.png", missing).is_none());
        assert!(shared.image_with("https://example.com/gone.png", missing).is_none());
        assert_eq!(fetches.load(Ordering::SeqCst), 3, "a failed address is not tried again in the same batch");
    }

    use super::*;

    #[test]
    fn only_public_addresses_are_public() {
        for private in [
            "127.0.0.1",
            "10.1.2.3",
            "172.16.0.1",
            "192.168.1.1",
            "169.254.169.254",
            "0.0.0.0",
            "100.64.0.1",
            "255.255.255.255",
            "::1",
            "fe80::1",
            "fd00::1",
            "::ffff:127.0.0.1",
            "::ffff:10.0.0.1",
            "::",
        ] {
            assert!(!is_public_ip(private.parse().unwrap()), "{private} must not count as public");
        }
        for public in ["93.184.216.34", "1.1.1.1", "2606:4700:4700::1111"] {
            assert!(is_public_ip(public.parse().unwrap()), "{public} is public");
        }
    }

    #[test]
    fn a_public_fetch_never_reaches_a_local_address() {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        let port = listener.local_addr().unwrap().port();
        let fetcher = Fetcher::new(FetchLimits::default(), Zone::Public, Budget::default()).unwrap();
        for address in [format!("http://127.0.0.1:{port}/a.png"), format!("http://localhost:{port}/a.png"), format!("http://[::1]:{port}/")]
        {
            let error = fetcher.fetch(&address).err().expect("refused");
            assert!(error.to_string().contains("private or local network"), "{address}: {error}");
        }
        listener.set_nonblocking(true).unwrap();
        assert!(listener.accept().is_err(), "no connection may have been made");
    }

    #[test]
    fn an_address_the_user_gave_on_this_machine_opens_the_local_zone() {
        assert_eq!(zone_for(&url::Url::parse("http://127.0.0.1:8080/").unwrap()), Zone::Local);
        assert_eq!(zone_for(&url::Url::parse("http://93.184.216.34/").unwrap()), Zone::Public);
    }
}
