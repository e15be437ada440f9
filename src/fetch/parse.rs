//! Parsing a feed document (RSS 0.9x/1.0/2.0, Atom 0.3/1.0, JSON Feed 1.0/1.1) with feed-rs
//! and normalising it into [`ParsedFeed`]: stable ids, absolute links, dates, sanitised text
//! and a plain-text rendering of every body.

use chrono::{DateTime, Utc};

use crate::model::ParsedFeed;

/// Why a document is not a feed.
#[derive(Debug, thiserror::Error)]
pub enum ParseError {
    #[error("not a feed: {0}")]
    NotAFeed(String),
}

/// Parses `body` fetched from `base_url`; `now` stands in for missing dates only where the
/// model needs one.
pub fn parse_feed(
    body: &[u8],
    base_url: &str,
    now: DateTime<Utc>,
) -> Result<ParsedFeed, ParseError> {
    todo!("{body:?}{base_url}{now}")
}
