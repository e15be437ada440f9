//! The HTTP side of fetching: one client, limits, conditional GET, redirects, errors.
//!
//! Why it exists: a newsreader fetches dozens of feeds from servers it does not control. Each
//! fetch must be bounded in time, in bytes and in how hard it leans on one host, and a failing
//! feed must become one readable error while the others carry on. This module does only
//! transport: it never parses feeds (see [`super::parse`]) and never touches the cache; it
//! takes the validators the store kept and returns what the server said.

use std::collections::HashMap;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use chrono::{DateTime, NaiveDateTime, TimeZone, Utc};
use futures_util::StreamExt;
use reqwest::StatusCode;
use reqwest::header::{self, HeaderMap, HeaderValue};
use tokio::io::AsyncReadExt;
use tokio::sync::{OwnedSemaphorePermit, Semaphore};
use url::Url;

mod errors;
pub(super) use errors::map_reqwest_error;
use errors::{describe_io, innermost};

/// How many redirects one fetch follows before giving up.
pub(super) const MAX_REDIRECTS: usize = 5;

/// What we ask servers for: feed formats first, anything as a last resort (so that an HTML
/// page still arrives and can be searched for feed links).
const ACCEPT: &str = "application/rss+xml, application/atom+xml, application/feed+json, \
                      application/rdf+xml;q=0.9, application/xml;q=0.9, text/xml;q=0.9, \
                      application/json;q=0.8, */*;q=0.5";

/// What we ask for when fetching an article page.
const ACCEPT_PAGE: &str = "text/html, application/xhtml+xml;q=0.9, */*;q=0.5";

/// Limits and identity for a [`Fetcher`], taken from the settings.
#[derive(Debug, Clone)]
pub struct FetcherOptions {
    /// Feeds fetched at once, over all hosts (0 is treated as 1).
    pub concurrency: usize,
    /// Feeds fetched at once from one host and port (0 is treated as 1).
    pub per_host: usize,
    /// Limit for establishing the TCP (and TLS) connection.
    pub connect_timeout: Duration,
    /// Limit for one whole feed: connection, redirects, headers and body.
    pub timeout: Duration,
    /// Largest body accepted, counted after decompression.
    pub max_bytes: u64,
    /// Sent as `User-Agent`.
    pub user_agent: String,
}

/// One feed to fetch, with the validators from the last successful fetch.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FetchRequest {
    /// `http(s)://`, `file://` or a local path.
    pub url: String,
    /// Sent as `If-None-Match`.
    pub etag: Option<String>,
    /// Sent as `If-Modified-Since`; for files, compared with the file's mtime.
    pub last_modified: Option<String>,
}

/// A successful fetch.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FetchResponse {
    /// The server (or file) gave a body: parse it.
    Modified {
        /// The body, decompressed, at most `max_bytes` long.
        body: Vec<u8>,
        /// The URL after redirects: the base for relative links.
        final_url: String,
        /// The `Content-Type` header as sent.
        content_type: Option<String>,
        /// Validator to send next time as `If-None-Match`.
        etag: Option<String>,
        /// Validator to send next time as `If-Modified-Since` (for files: the mtime).
        last_modified: Option<String>,
        /// Set when a 301/308 moved the feed.
        moved_to: Option<String>,
    },
    /// 304 (or an unchanged file): nothing to parse.
    NotModified {
        /// Set when a 301/308 moved the feed.
        moved_to: Option<String>,
    },
}

/// A fetched article page: what arrived of its body, at most
/// [`MAX_PAGE_BYTES`](crate::extract::article::MAX_PAGE_BYTES) (a longer page is cut off while
/// streaming, not refused: its beginning holds the article).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Page {
    /// The body, decompressed, cut off at the page cap.
    pub body: Vec<u8>,
    /// The URL after redirects: the base for the page's links.
    pub final_url: String,
    /// The `Content-Type` header as sent (it may name the charset).
    pub content_type: Option<String>,
    /// Whether the page was longer than the cap and lost its tail.
    pub cut: bool,
}

/// How a body is read: a feed past the cap is an error, a page is cut off.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Body {
    Feed,
    Page,
}

/// Why one feed could not be fetched, written for the user.
#[derive(Debug, thiserror::Error)]
pub enum FetchError {
    /// The configured URL cannot be fetched at all (bad syntax, unsupported scheme).
    #[error("invalid URL {url}: {reason}")]
    InvalidUrl { url: String, reason: String },
    /// The host name does not resolve.
    #[error("cannot resolve host {host}")]
    Dns { host: String },
    /// No connection: refused, reset, unreachable.
    #[error("cannot connect: {0}")]
    Connect(String),
    /// The TLS handshake failed (certificate, protocol).
    #[error("TLS error: {0}")]
    Tls(String),
    /// The server answered with a status other than 2xx/304 (after redirects).
    #[error("HTTP {status}{}", retry_after.map(|t| format!(", retry after {}", t.format("%Y-%m-%d %H:%M UTC"))).unwrap_or_default())]
    Status {
        status: u16,
        /// From `Retry-After` on 429 and 503, as an absolute time.
        retry_after: Option<DateTime<Utc>>,
    },
    /// The whole fetch took longer than the limit shown.
    #[error("timed out after {0:?}")]
    Timeout(Duration),
    /// The body exceeded `max_bytes` (after decompression); reading stopped there.
    #[error("feed larger than {limit} bytes, cut off")]
    TooLarge { limit: u64 },
    /// More than five redirects, or a redirect loop.
    #[error("too many redirects")]
    TooManyRedirects,
    /// A local feed file could not be read.
    #[error("cannot read {path}: {reason}")]
    File { path: String, reason: String },
    /// The document is not a feed; `alternates` lists the feeds an HTML page links (see
    /// [`super::discover`]), so the user can pick one.
    #[error("not a feed ({reason}){}", alternates_note(alternates))]
    NotAFeed {
        reason: String,
        alternates: Vec<String>,
    },
    /// Anything else, already phrased for the user.
    #[error("{0}")]
    Other(String),
}

/// The tail of a [`FetchError::NotAFeed`] message.
fn alternates_note(alternates: &[String]) -> String {
    if alternates.is_empty() {
        " and links no feed".to_owned()
    } else {
        format!("; it links these feeds: {}", alternates.join(", "))
    }
}

/// Fetches feeds; clone-cheap, shareable across tasks.
///
/// All clones share one HTTP client (and its connection pool) and the same limits: at most
/// `concurrency` fetches run at once, and at most `per_host` of them against one host and
/// port. A fetch waits for its host slot before taking a global slot, so feeds queued behind
/// a busy host never keep other hosts waiting.
#[derive(Debug, Clone)]
pub struct Fetcher {
    inner: Arc<Inner>,
}

#[derive(Debug)]
struct Inner {
    client: reqwest::Client,
    options: FetcherOptions,
    global: Semaphore,
    /// One semaphore per `host:port`; entries are dropped when no fetch uses them.
    hosts: Mutex<HashMap<String, Arc<Semaphore>>>,
}

impl Fetcher {
    /// Builds the one HTTP client of the run (rustls, gzip/brotli/deflate, no automatic
    /// redirects) with the connect timeout and user agent of `options`.
    pub fn new(options: FetcherOptions) -> Result<Fetcher, FetchError> {
        let client = reqwest::Client::builder()
            .user_agent(options.user_agent.clone())
            .connect_timeout(options.connect_timeout)
            .timeout(options.timeout)
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .map_err(|e| {
                FetchError::Other(format!("cannot set up the HTTP client: {}", innermost(&e)))
            })?;
        let global = Semaphore::new(options.concurrency.max(1));
        Ok(Fetcher {
            inner: Arc::new(Inner {
                client,
                options,
                global,
                hosts: Mutex::new(HashMap::new()),
            }),
        })
    }

    /// How many fetches may run at once, over all hosts.
    pub fn concurrency(&self) -> usize {
        self.inner.options.concurrency.max(1)
    }

    /// How many fetches may run at once against one host.
    pub fn per_host(&self) -> usize {
        self.inner.options.per_host.max(1)
    }

    /// The one HTTP client and the limits, for the downloads (`super::download`).
    pub(super) fn client(&self) -> (&reqwest::Client, &FetcherOptions) {
        (&self.inner.client, &self.inner.options)
    }

    /// The byte cap on a feed: its body, and (for the parser) the body once its DOCTYPE
    /// entities are expanded.
    pub fn max_bytes(&self) -> u64 {
        self.inner.options.max_bytes
    }

    /// Fetches one feed, waiting for a per-host and a global slot first.
    ///
    /// The time limit starts once both slots are held, so waiting in the queue never counts
    /// against a feed. Local files take only a global slot. The host slot is that of the
    /// configured URL: a redirect to another host does not take that host's slot.
    pub async fn fetch(&self, request: &FetchRequest) -> Result<FetchResponse, FetchError> {
        self.fetch_gated(request, None)
            .await
            .map(|(response, _)| response)
    }

    /// [`Self::fetch`] that also takes a slot of `backlog` (after the host slot, before the
    /// global one) and hands it back with the response, so that the caller holds it until
    /// it is done with the body.
    ///
    /// Why: the global slot ends with the download, and a fast server (or a local one) can
    /// deliver bodies much faster than they are parsed and stored. Without a second bound
    /// every feed of a refresh ends up downloaded and waiting in memory at once: measured,
    /// 115 of the 162 MB of heap at the peak of a cold refresh of 500 feeds of 250 KB. With
    /// it, at most `backlog`'s permits of bodies exist at any time.
    pub async fn fetch_holding(
        &self,
        request: &FetchRequest,
        backlog: &Arc<Semaphore>,
    ) -> Result<(FetchResponse, Option<OwnedSemaphorePermit>), FetchError> {
        self.fetch_gated(request, Some(backlog)).await
    }

    async fn fetch_gated(
        &self,
        request: &FetchRequest,
        backlog: Option<&Arc<Semaphore>>,
    ) -> Result<(FetchResponse, Option<OwnedSemaphorePermit>), FetchError> {
        let timeout = self.inner.options.timeout;
        let admit = || async {
            match backlog {
                Some(gate) => Arc::clone(gate)
                    .acquire_owned()
                    .await
                    .map(Some)
                    .map_err(|_| shut_down()),
                None => Ok(None),
            }
        };
        match Target::parse(&request.url)? {
            Target::File(path) => {
                let admitted = admit().await?;
                let _global = self.global_permit().await?;
                tokio::time::timeout(timeout, self.fetch_file(&path, request))
                    .await
                    .unwrap_or(Err(FetchError::Timeout(timeout)))
                    .map(|response| (response, admitted))
            }
            Target::Http(url) => {
                let key = host_key(&url);
                let host = self.host_semaphore(&key);
                // The slots end with this block, before the host's entry is let go.
                let result = async {
                    let _host = host.acquire().await.map_err(|_| shut_down())?;
                    let admitted = admit().await?;
                    let _global = self.global_permit().await?;
                    tokio::time::timeout(timeout, self.fetch_http(url, request, Body::Feed))
                        .await
                        .unwrap_or(Err(FetchError::Timeout(timeout)))
                        .map(|(response, _)| (response, admitted))
                }
                .await;
                drop(host);
                self.release_host(&key);
                result
            }
        }
    }

    /// Fetches an article page over http(s), with the same limits as feeds: a per-host and a
    /// global slot, the connect and total timeouts, redirects to http(s) only. The body is
    /// cut off at the page cap rather than refused. Local files and other schemes are
    /// refused: a feed's link must not be able to make us read the disk.
    pub async fn fetch_page(&self, url: &str) -> Result<Page, FetchError> {
        let timeout = self.inner.options.timeout;
        let url = match Target::parse(url)? {
            Target::Http(url) => url,
            Target::File(_) => {
                return Err(FetchError::InvalidUrl {
                    url: url.to_owned(),
                    reason: "article pages are fetched over http(s) only".to_owned(),
                });
            }
        };
        let key = host_key(&url);
        let host = self.host_semaphore(&key);
        let host_permit = host
            .acquire()
            .await
            .map_err(|_| FetchError::Other("the fetcher was shut down".to_owned()))?;
        let global = self.global_permit().await?;
        let request = FetchRequest {
            url: url.to_string(),
            etag: None,
            last_modified: None,
        };
        let result = tokio::time::timeout(timeout, self.fetch_http(url, &request, Body::Page))
            .await
            .unwrap_or(Err(FetchError::Timeout(timeout)));
        drop(global);
        drop(host_permit);
        drop(host);
        self.release_host(&key);
        match result? {
            (
                FetchResponse::Modified {
                    body,
                    final_url,
                    content_type,
                    ..
                },
                cut,
            ) => Ok(Page {
                body,
                final_url,
                content_type,
                cut,
            }),
            (FetchResponse::NotModified { .. }, _) => Err(FetchError::Other(
                "the server answered 304 Not Modified to an unconditional request".to_owned(),
            )),
        }
    }

    async fn global_permit(&self) -> Result<tokio::sync::SemaphorePermit<'_>, FetchError> {
        self.inner
            .global
            .acquire()
            .await
            .map_err(|_| FetchError::Other("the fetcher was shut down".to_owned()))
    }

    fn host_semaphore(&self, key: &str) -> Arc<Semaphore> {
        let per_host = self.inner.options.per_host.max(1);
        let mut hosts = self
            .inner
            .hosts
            .lock()
            .unwrap_or_else(|poison| poison.into_inner());
        Arc::clone(
            hosts
                .entry(key.to_owned())
                .or_insert_with(|| Arc::new(Semaphore::new(per_host))),
        )
    }

    /// Forgets the host's semaphore when no fetch holds or waits for it, so the map does not
    /// grow with every host ever seen.
    fn release_host(&self, key: &str) {
        let mut hosts = self
            .inner
            .hosts
            .lock()
            .unwrap_or_else(|poison| poison.into_inner());
        if hosts.get(key).is_some_and(|s| Arc::strong_count(s) == 1) {
            hosts.remove(key);
        }
    }

    /// Fetches over HTTP, following redirects; also says whether the body was cut off (only
    /// pages are).
    async fn fetch_http(
        &self,
        start: Url,
        request: &FetchRequest,
        kind: Body,
    ) -> Result<(FetchResponse, bool), FetchError> {
        let options = &self.inner.options;
        let conditional = conditional_headers(request);
        let mut current = start;
        let mut visited = vec![current.clone()];
        // The target of the leading run of permanent redirects: once a temporary redirect
        // intervenes, later hops say nothing about where the configured URL lives.
        let mut moved_to: Option<Url> = None;
        let mut still_permanent = true;

        loop {
            let response = self
                .inner
                .client
                .get(current.clone())
                .header(
                    header::ACCEPT,
                    if kind == Body::Page {
                        ACCEPT_PAGE
                    } else {
                        ACCEPT
                    },
                )
                .headers(conditional.clone())
                .send()
                .await
                .map_err(|e| map_reqwest_error(&e, &current, options))?;
            let status = response.status();

            if status.is_redirection() && status != StatusCode::NOT_MODIFIED {
                if !matches!(status.as_u16(), 301 | 302 | 303 | 307 | 308) {
                    return Err(FetchError::Status {
                        status: status.as_u16(),
                        retry_after: None,
                    });
                }
                let next = redirect_target(&current, response.headers())?;
                if visited.len() > MAX_REDIRECTS || visited.contains(&next) {
                    return Err(FetchError::TooManyRedirects);
                }
                let permanent = matches!(status.as_u16(), 301 | 308);
                if permanent && still_permanent {
                    moved_to = Some(next.clone());
                } else if !permanent {
                    still_permanent = false;
                }
                visited.push(next.clone());
                current = next;
                continue;
            }

            let moved_to = moved_to.map(String::from);
            if status == StatusCode::NOT_MODIFIED {
                return Ok((FetchResponse::NotModified { moved_to }, false));
            }
            if !status.is_success() {
                let retry_after = if matches!(status.as_u16(), 429 | 503) {
                    response
                        .headers()
                        .get(header::RETRY_AFTER)
                        .and_then(|v| v.to_str().ok())
                        .and_then(|v| parse_retry_after(v, Utc::now()))
                } else {
                    None
                };
                return Err(FetchError::Status {
                    status: status.as_u16(),
                    retry_after,
                });
            }

            let headers = response.headers();
            let text_header = |name: header::HeaderName| {
                headers
                    .get(name)
                    .and_then(|v| v.to_str().ok())
                    .map(|v| v.trim().to_owned())
                    .filter(|v| !v.is_empty())
            };
            let content_type = text_header(header::CONTENT_TYPE);
            let etag = text_header(header::ETAG);
            let last_modified = text_header(header::LAST_MODIFIED);
            let final_url = String::from(response.url().clone());
            let (body, cut) = match kind {
                Body::Feed => (read_capped(response, &current, options).await?, false),
                Body::Page => read_page(response, &current, options).await?,
            };
            let response = FetchResponse::Modified {
                body,
                final_url,
                content_type,
                etag,
                last_modified,
                moved_to,
            };
            return Ok((response, cut));
        }
    }

    async fn fetch_file(
        &self,
        path: &Path,
        request: &FetchRequest,
    ) -> Result<FetchResponse, FetchError> {
        let limit = self.inner.options.max_bytes;
        let shown = path.display().to_string();
        let file_error = |e: io::Error| FetchError::File {
            path: shown.clone(),
            reason: describe_io(&e),
        };
        let metadata = tokio::fs::metadata(path).await.map_err(file_error)?;
        if metadata.is_dir() {
            return Err(FetchError::File {
                path: shown,
                reason: "it is a directory".to_owned(),
            });
        }
        let mtime = metadata
            .modified()
            .ok()
            .map(|t| DateTime::<Utc>::from(t).to_rfc2822());
        if mtime.is_some() && mtime == request.last_modified {
            return Ok(FetchResponse::NotModified { moved_to: None });
        }
        if metadata.is_file() && metadata.len() > limit {
            return Err(FetchError::TooLarge { limit });
        }
        let file = tokio::fs::File::open(path).await.map_err(file_error)?;
        let mut body = Vec::with_capacity(usize::try_from(metadata.len().min(limit)).unwrap_or(0));
        // Read one byte past the limit so that a file that grew (or a device that never
        // ends) is still caught.
        file.take(limit.saturating_add(1))
            .read_to_end(&mut body)
            .await
            .map_err(file_error)?;
        if body.len() as u64 > limit {
            return Err(FetchError::TooLarge { limit });
        }
        let final_url = std::path::absolute(path)
            .ok()
            .and_then(|p| Url::from_file_path(p).ok())
            .map(String::from)
            .unwrap_or_else(|| request.url.clone());
        Ok(FetchResponse::Modified {
            body,
            final_url,
            content_type: None,
            etag: None,
            last_modified: mtime,
            moved_to: None,
        })
    }
}

fn shut_down() -> FetchError {
    FetchError::Other("the fetcher was shut down".to_owned())
}

/// Where a configured feed lives.
#[derive(Debug, PartialEq)]
enum Target {
    Http(Url),
    File(PathBuf),
}

impl Target {
    fn parse(raw: &str) -> Result<Target, FetchError> {
        let trimmed = raw.trim();
        let invalid = |reason: &str| FetchError::InvalidUrl {
            url: raw.to_owned(),
            reason: reason.to_owned(),
        };
        if trimmed.is_empty() {
            return Err(invalid("it is empty"));
        }
        if !trimmed.contains("://") {
            return Ok(Target::File(PathBuf::from(trimmed)));
        }
        let url = Url::parse(trimmed).map_err(|e| invalid(&e.to_string()))?;
        match url.scheme() {
            "http" | "https" => {
                if url.host_str().is_none_or(str::is_empty) {
                    return Err(invalid("it has no host"));
                }
                Ok(Target::Http(url))
            }
            "file" => url
                .to_file_path()
                .map(Target::File)
                .map_err(|()| invalid("not a local file path")),
            other => Err(invalid(&format!("unsupported scheme {other}:"))),
        }
    }
}

/// The key of the per-host limit: host and effective port.
fn host_key(url: &Url) -> String {
    let host = url.host_str().unwrap_or_default().to_ascii_lowercase();
    match url.port_or_known_default() {
        Some(port) => format!("{host}:{port}"),
        None => host,
    }
}

fn conditional_headers(request: &FetchRequest) -> HeaderMap {
    let mut headers = HeaderMap::new();
    let validators = [
        (header::IF_NONE_MATCH, &request.etag),
        (header::IF_MODIFIED_SINCE, &request.last_modified),
    ];
    for (name, value) in validators {
        // A validator that is not a valid header value (it came from a broken server) is
        // simply not sent: the fetch becomes unconditional rather than failing.
        if let Some(value) = value
            .as_deref()
            .and_then(|v| HeaderValue::from_str(v.trim()).ok())
        {
            headers.insert(name, value);
        }
    }
    headers
}

/// Resolves a redirect's `Location` against the URL that answered, refusing schemes other
/// than http(s) (a server must not be able to point us at a local file).
pub(super) fn redirect_target(current: &Url, headers: &HeaderMap) -> Result<Url, FetchError> {
    let location = headers
        .get(header::LOCATION)
        .and_then(|v| v.to_str().ok())
        .map(str::trim)
        .filter(|v| !v.is_empty())
        .ok_or_else(|| FetchError::Other(format!("{current} redirects without saying where")))?;
    let next = current.join(location).map_err(|e| FetchError::InvalidUrl {
        url: location.to_owned(),
        reason: format!("bad redirect from {current}: {e}"),
    })?;
    if !matches!(next.scheme(), "http" | "https") {
        return Err(FetchError::InvalidUrl {
            url: next.to_string(),
            reason: format!("{current} redirects to an unsupported scheme"),
        });
    }
    Ok(next)
}

/// Reads the (already decompressed) body chunk by chunk, stopping as soon as it exceeds the
/// cap: a huge feed or a compression bomb costs at most `max_bytes` plus one chunk.
async fn read_capped(
    response: reqwest::Response,
    url: &Url,
    options: &FetcherOptions,
) -> Result<Vec<u8>, FetchError> {
    let limit = options.max_bytes;
    // reqwest reports no length when it decompresses, so this only rejects plain bodies that
    // announce their excess up front.
    if response.content_length().is_some_and(|len| len > limit) {
        return Err(FetchError::TooLarge { limit });
    }
    let initial = response
        .content_length()
        .unwrap_or(16 * 1024)
        .min(limit)
        .min(8 << 20);
    let mut body = Vec::with_capacity(usize::try_from(initial).unwrap_or(0));
    let mut stream = response.bytes_stream();
    while let Some(chunk) = stream.next().await {
        let chunk = chunk.map_err(|e| map_reqwest_error(&e, url, options))?;
        if (body.len() as u64).saturating_add(chunk.len() as u64) > limit {
            return Err(FetchError::TooLarge { limit });
        }
        body.extend_from_slice(&chunk);
    }
    Ok(body)
}

/// Reads a page's body until it ends or fills the page cap; says whether it was cut off.
async fn read_page(
    response: reqwest::Response,
    url: &Url,
    options: &FetcherOptions,
) -> Result<(Vec<u8>, bool), FetchError> {
    let mut page = crate::extract::article::PageBytes::new();
    let mut stream = response.bytes_stream();
    while let Some(chunk) = stream.next().await {
        let chunk = chunk.map_err(|e| map_reqwest_error(&e, url, options))?;
        if !page.push(&chunk) {
            break;
        }
    }
    let cut = page.was_cut();
    Ok((page.into_bytes(), cut))
}

/// Parses `Retry-After` (delta-seconds or an HTTP-date) into an absolute time.
fn parse_retry_after(value: &str, now: DateTime<Utc>) -> Option<DateTime<Utc>> {
    let value = value.trim();
    if let Ok(seconds) = value.parse::<u64>() {
        let seconds = i64::try_from(seconds).ok()?;
        return now.checked_add_signed(chrono::TimeDelta::try_seconds(seconds)?);
    }
    parse_http_date(value)
}

/// The three date formats HTTP allows: IMF-fixdate (RFC 2822 shaped), RFC 850 and asctime.
fn parse_http_date(value: &str) -> Option<DateTime<Utc>> {
    if let Ok(date) = DateTime::parse_from_rfc2822(value) {
        return Some(date.with_timezone(&Utc));
    }
    let naive = NaiveDateTime::parse_from_str(value, "%A, %d-%b-%y %H:%M:%S GMT")
        .or_else(|_| NaiveDateTime::parse_from_str(value, "%a %b %e %H:%M:%S %Y"))
        .ok()?;
    Some(Utc.from_utc_datetime(&naive))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn now() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2024, 5, 1, 12, 0, 0)
            .single()
            .expect("valid date")
    }

    #[test]
    fn retry_after_seconds_is_relative_to_now() {
        let at = parse_retry_after(" 120 ", now()).expect("parsed");
        assert_eq!(at - now(), chrono::TimeDelta::seconds(120));
    }

    #[test]
    fn retry_after_accepts_all_three_http_date_forms() {
        let expected = Utc
            .with_ymd_and_hms(1994, 11, 6, 8, 49, 37)
            .single()
            .expect("valid date");
        for text in [
            "Sun, 06 Nov 1994 08:49:37 GMT",
            "Sunday, 06-Nov-94 08:49:37 GMT",
            "Sun Nov  6 08:49:37 1994",
        ] {
            assert_eq!(parse_retry_after(text, now()), Some(expected), "{text}");
        }
    }

    #[test]
    fn retry_after_rejects_garbage_and_overflow() {
        assert_eq!(parse_retry_after("soon", now()), None);
        assert_eq!(parse_retry_after("-5", now()), None);
        assert_eq!(parse_retry_after("99999999999999999999", now()), None);
        assert_eq!(parse_retry_after(&u64::MAX.to_string(), now()), None);
    }

    #[test]
    fn targets_are_classified_by_scheme() {
        assert!(matches!(
            Target::parse("https://example.org/feed"),
            Ok(Target::Http(_))
        ));
        assert_eq!(
            Target::parse("feeds/local.xml").ok(),
            Some(Target::File(PathBuf::from("feeds/local.xml")))
        );
        assert_eq!(
            Target::parse("file:///tmp/x.xml").ok(),
            Some(Target::File(PathBuf::from("/tmp/x.xml")))
        );
        let err = Target::parse("ftp://example.org/feed")
            .err()
            .map(|e| e.to_string());
        assert_eq!(
            err.as_deref(),
            Some("invalid URL ftp://example.org/feed: unsupported scheme ftp:")
        );
        assert!(matches!(
            Target::parse("http://"),
            Err(FetchError::InvalidUrl { .. })
        ));
        assert!(matches!(
            Target::parse("  "),
            Err(FetchError::InvalidUrl { .. })
        ));
    }

    #[test]
    fn host_key_includes_the_effective_port() {
        let key = |u: &str| host_key(&Url::parse(u).expect("valid url"));
        assert_eq!(key("https://Example.org/a"), "example.org:443");
        assert_eq!(key("http://example.org/a"), "example.org:80");
        assert_eq!(key("http://example.org:8080/a"), "example.org:8080");
    }

    #[test]
    fn redirect_targets_resolve_relative_locations_and_refuse_other_schemes() {
        let current = Url::parse("http://example.org/blog/feed").expect("valid url");
        let with = |location: &str| {
            let mut headers = HeaderMap::new();
            headers.insert(
                header::LOCATION,
                HeaderValue::from_str(location).expect("valid header"),
            );
            redirect_target(&current, &headers)
        };
        assert_eq!(
            with("../atom.xml").map(String::from).ok().as_deref(),
            Some("http://example.org/atom.xml")
        );
        assert_eq!(
            with("https://other.example/x")
                .map(String::from)
                .ok()
                .as_deref(),
            Some("https://other.example/x")
        );
        assert!(matches!(
            with("file:///etc/passwd"),
            Err(FetchError::InvalidUrl { .. })
        ));
        assert!(matches!(
            redirect_target(&current, &HeaderMap::new()),
            Err(FetchError::Other(_))
        ));
    }

    #[test]
    fn conditional_headers_skip_unsendable_validators() {
        let request = FetchRequest {
            url: "http://example.org/".to_owned(),
            etag: Some("\"abc\"".to_owned()),
            last_modified: Some("bad\nvalue".to_owned()),
        };
        let headers = conditional_headers(&request);
        assert_eq!(
            headers
                .get(header::IF_NONE_MATCH)
                .and_then(|v| v.to_str().ok()),
            Some("\"abc\"")
        );
        assert!(headers.get(header::IF_MODIFIED_SINCE).is_none());
    }

    #[test]
    fn not_a_feed_message_lists_alternates_or_says_none() {
        let with = FetchError::NotAFeed {
            reason: "an HTML page".to_owned(),
            alternates: vec![
                "https://a.example/rss".to_owned(),
                "https://a.example/atom".to_owned(),
            ],
        };
        assert_eq!(
            with.to_string(),
            "not a feed (an HTML page); it links these feeds: https://a.example/rss, https://a.example/atom"
        );
        let without = FetchError::NotAFeed {
            reason: "an HTML page".to_owned(),
            alternates: Vec::new(),
        };
        assert_eq!(
            without.to_string(),
            "not a feed (an HTML page) and links no feed"
        );
    }

    #[test]
    fn status_message_shows_retry_time() {
        let err = FetchError::Status {
            status: 429,
            retry_after: Some(now()),
        };
        assert_eq!(
            err.to_string(),
            "HTTP 429, retry after 2024-05-01 12:00 UTC"
        );
    }
}
