//! Fetching feeds over HTTP (and from local files) and parsing them into the model.
//!
//! One `reqwest::Client` for the whole run; bounded concurrency overall and per host;
//! connect and total timeouts; a byte cap enforced while streaming; conditional GET; a
//! typed error per feed. This module never touches SQL: it takes what the store knows
//! (validators) and returns what it found.

pub mod discover;
pub mod download;
pub mod http;
pub mod parse;

pub use discover::{Alternate, alternate_feeds, alternates, looks_like_html};
pub use download::DownloadRequest;
pub use http::{FetchError, FetchRequest, FetchResponse, Fetcher, FetcherOptions, Page};
pub use parse::{ParseError, parse_feed, parse_feed_within};
