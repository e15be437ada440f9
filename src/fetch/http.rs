//! The HTTP side of fetching: one client, limits, conditional GET, redirects, errors.

use std::time::Duration;

use chrono::{DateTime, Utc};

/// Limits and identity for a [`Fetcher`], taken from the settings.
#[derive(Debug, Clone)]
pub struct FetcherOptions {
    pub concurrency: usize,
    pub per_host: usize,
    pub connect_timeout: Duration,
    pub timeout: Duration,
    pub max_bytes: u64,
    pub user_agent: String,
}

/// One feed to fetch, with the validators from the last successful fetch.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FetchRequest {
    /// `http(s)://`, `file://` or a local path.
    pub url: String,
    pub etag: Option<String>,
    pub last_modified: Option<String>,
}

/// A successful fetch.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FetchResponse {
    Modified {
        body: Vec<u8>,
        /// The URL after redirects: the base for relative links.
        final_url: String,
        content_type: Option<String>,
        etag: Option<String>,
        last_modified: Option<String>,
        /// Set when a 301/308 moved the feed.
        moved_to: Option<String>,
    },
    /// 304: nothing to parse.
    NotModified { moved_to: Option<String> },
}

/// Why one feed could not be fetched, written for the user.
#[derive(Debug, thiserror::Error)]
pub enum FetchError {
    #[error("invalid URL {url}: {reason}")]
    InvalidUrl { url: String, reason: String },
    #[error("cannot resolve host {host}")]
    Dns { host: String },
    #[error("cannot connect: {0}")]
    Connect(String),
    #[error("TLS error: {0}")]
    Tls(String),
    #[error("HTTP {status}{}", retry_after.map(|t| format!(", retry after {}", t.format("%Y-%m-%d %H:%M UTC"))).unwrap_or_default())]
    Status {
        status: u16,
        retry_after: Option<DateTime<Utc>>,
    },
    #[error("timed out after {0:?}")]
    Timeout(Duration),
    #[error("feed larger than {limit} bytes, cut off")]
    TooLarge { limit: u64 },
    #[error("too many redirects")]
    TooManyRedirects,
    #[error("cannot read {path}: {reason}")]
    File { path: String, reason: String },
    #[error("not a feed ({reason}); it links: {}", alternates.join(", "))]
    NotAFeed {
        reason: String,
        alternates: Vec<String>,
    },
    #[error("{0}")]
    Other(String),
}

/// Fetches feeds; clone-cheap, shareable across tasks.
#[derive(Debug, Clone)]
pub struct Fetcher {}

impl Fetcher {
    pub fn new(options: FetcherOptions) -> Result<Fetcher, FetchError> {
        todo!("{options:?}")
    }

    /// Fetches one feed, waiting for a per-host and a global slot first.
    pub async fn fetch(&self, request: &FetchRequest) -> Result<FetchResponse, FetchError> {
        todo!("{request:?}")
    }
}
