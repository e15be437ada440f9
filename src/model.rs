//! Plain data shared by every layer: feeds, articles and what a fetch produced.
//!
//! No I/O and no imports of our own modules: `fetch` produces these, `store` persists them,
//! the CLI and the interface display them. Times are UTC; text fields are already sanitised
//! (see [`crate::sanitize`]) by the time a value of these types exists.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

mod styled;

pub use styled::{LineLayout, Link, StyleSpan, StyledText, TextStyle};

/// Row id of a feed in the cache.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct FeedId(pub i64);

/// Row id of an article in the cache.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct ArticleId(pub i64);

/// A feed as the user configured it: where it lives and how to label it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FeedSpec {
    /// `http(s)://`, `file://` or a local path, exactly as configured.
    pub url: String,
    /// The user's title, overriding the feed's own.
    pub title: Option<String>,
    pub tags: Vec<String>,
}

/// A feed as the cache knows it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Feed {
    pub id: FeedId,
    pub url: String,
    /// The configured title if any, else the feed's own, else the URL.
    pub title: String,
    /// The feed's own title as last parsed.
    pub feed_title: Option<String>,
    /// The web page the feed belongs to.
    pub site_link: Option<String>,
    pub tags: Vec<String>,
    pub etag: Option<String>,
    pub last_modified: Option<String>,
    /// When the last fetch attempt finished, successful or not.
    pub last_fetch: Option<DateTime<Utc>>,
    /// When the last fetch succeeded (200 or 304).
    pub last_success: Option<DateTime<Utc>>,
    /// The last fetch's error, for the user; `None` after a success.
    pub last_error: Option<String>,
    /// Where a 301/308 said the feed now lives.
    pub moved_to: Option<String>,
    /// Do not fetch before this time (Retry-After).
    pub retry_after: Option<DateTime<Utc>>,
    pub unread: u32,
    pub total: u32,
}

/// A file attached to an article (podcast audio, image ...).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Enclosure {
    pub url: String,
    pub mime: Option<String>,
    pub length: Option<u64>,
    /// Playing time in seconds, when the feed gives it (`itunes:duration`, Media RSS).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub duration_secs: Option<u64>,
}

impl Enclosure {
    /// What is known of it, for a person: `audio/mpeg, 12.3 MB, 1:02:03`; empty when the feed
    /// says nothing but the URL.
    pub fn describe(&self) -> String {
        let mut parts: Vec<String> = Vec::new();
        if let Some(mime) = &self.mime {
            parts.push(mime.clone());
        }
        if let Some(bytes) = self.length.filter(|&b| b > 0) {
            parts.push(human_size(bytes));
        }
        if let Some(secs) = self.duration_secs.filter(|&s| s > 0) {
            let (h, m, s) = (secs / 3600, secs / 60 % 60, secs % 60);
            parts.push(if h > 0 {
                format!("{h}:{m:02}:{s:02}")
            } else {
                format!("{m}:{s:02}")
            });
        }
        parts.join(", ")
    }
}

/// A byte count as a person reads it: `512 B`, `3.4 kB`, `12.3 MB`, `1.2 GB` (powers of 1000).
pub fn human_size(bytes: u64) -> String {
    const UNITS: [&str; 4] = ["kB", "MB", "GB", "TB"];
    if bytes < 1000 {
        return format!("{bytes} B");
    }
    let mut value = bytes as f64 / 1000.0;
    let mut unit = 0;
    while value >= 1000.0 && unit + 1 < UNITS.len() {
        value /= 1000.0;
        unit += 1;
    }
    format!("{value:.1} {}", UNITS[unit])
}

/// One article as parsed from a feed, before it has a row in the cache.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NewArticle {
    /// Stable identity: the GUID/id, else the link, else a hash of title and date.
    pub guid: String,
    pub title: String,
    /// Absolute URL (resolved against the feed's base).
    pub link: Option<String>,
    pub authors: Vec<String>,
    /// Publication time; `None` when the feed gives none (the store uses first-seen).
    pub published: Option<DateTime<Utc>>,
    pub updated: Option<DateTime<Utc>>,
    pub summary_html: Option<String>,
    pub content_html: Option<String>,
    /// Plain-text rendering of the body (content, else summary) for display, search and
    /// extraction.
    pub text: String,
    pub enclosures: Vec<Enclosure>,
    pub categories: Vec<String>,
}

/// A parsed feed document.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ParsedFeed {
    pub title: Option<String>,
    pub site_link: Option<String>,
    pub articles: Vec<NewArticle>,
}

/// An article as stored, with its reading state.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Article {
    pub id: ArticleId,
    pub feed_id: FeedId,
    pub feed_title: String,
    pub guid: String,
    pub title: String,
    pub link: Option<String>,
    pub authors: Vec<String>,
    /// Publication time, or first-seen when the feed gave none.
    pub published: DateTime<Utc>,
    pub updated: Option<DateTime<Utc>>,
    pub summary_html: Option<String>,
    pub content_html: Option<String>,
    pub text: String,
    pub enclosures: Vec<Enclosure>,
    pub categories: Vec<String>,
    pub read: bool,
    pub starred: bool,
    pub first_seen: DateTime<Utc>,
}

/// A list row's story, when the list shows each story once: the story, how many feeds
/// and articles tell it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct StoryTag {
    pub article: ArticleId,
    pub story: i64,
    pub sources: u32,
    pub articles: u32,
}

/// The light form of an article used by lists: no bodies.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ArticleSummary {
    pub id: ArticleId,
    pub feed_id: FeedId,
    pub feed_title: String,
    pub title: String,
    pub link: Option<String>,
    pub authors: Vec<String>,
    pub published: DateTime<Utc>,
    pub read: bool,
    pub starred: bool,
}

/// The article extracted from the web page an item links to (its full text), as stored
/// beside the feed's own text.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ArticlePage {
    /// The page's URL after redirects.
    pub url: String,
    pub title: Option<String>,
    pub byline: Option<String>,
    /// As the page states it (usually ISO 8601).
    pub published: Option<String>,
    pub lang: Option<String>,
    /// The lead image's absolute URL.
    pub image: Option<String>,
    /// Sanitised HTML of the article body.
    pub html: String,
    /// The body as plain text: what search and entity extraction see.
    pub text: String,
}

/// An article whose page is due to be fetched.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PageTask {
    pub article: ArticleId,
    pub feed: FeedId,
    /// The item's link.
    pub url: String,
}

/// What storing one parsed feed changed.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct StoreStats {
    pub new: u32,
    pub updated: u32,
    pub unchanged: u32,
}

/// What kind of thing a named entity is: the extractor's PER, LOC and ORG, as the resolver,
/// the store, the query language and the interface know it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum EntityKind {
    Person,
    Place,
    Org,
}

impl EntityKind {
    /// The lower-case name used in the cache, the query language and JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            EntityKind::Person => "person",
            EntityKind::Place => "place",
            EntityKind::Org => "org",
        }
    }

    /// The kind named by [`EntityKind::as_str`], if any.
    pub fn from_name(name: &str) -> Option<EntityKind> {
        match name {
            "person" => Some(EntityKind::Person),
            "place" => Some(EntityKind::Place),
            "org" => Some(EntityKind::Org),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_enclosure_says_what_is_known_of_it() {
        let mut e = Enclosure {
            url: "https://example.org/a.mp3".into(),
            mime: Some("audio/mpeg".into()),
            length: Some(12_345_678),
            duration_secs: Some(3723),
        };
        assert_eq!(e.describe(), "audio/mpeg, 12.3 MB, 1:02:03");
        e.duration_secs = Some(59);
        e.length = Some(999);
        assert_eq!(e.describe(), "audio/mpeg, 999 B, 0:59");
        e.mime = None;
        e.length = None;
        e.duration_secs = None;
        assert_eq!(e.describe(), "");
        assert_eq!(human_size(1_500), "1.5 kB");
        assert_eq!(human_size(2_000_000_000), "2.0 GB");
    }

    #[test]
    fn an_enclosure_stored_before_durations_existed_still_reads() {
        let e: Enclosure = serde_json::from_str(r#"{"url":"u","mime":null,"length":3}"#).unwrap();
        assert_eq!(e.duration_secs, None);
        // Unknown durations are left out, so the stored JSON (and content hashes) of older
        // articles do not change.
        assert!(!serde_json::to_string(&e).unwrap().contains("duration"));
    }
}
