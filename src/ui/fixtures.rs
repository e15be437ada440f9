//! Model values for the interface's tests: feeds, summaries and articles built by hand, so
//! no test touches the store or the network.

use chrono::{DateTime, Offset, TimeZone, Utc};

use super::keymap::Keymap;
use super::state::State;
use crate::model::{Article, ArticleId, ArticleSummary, Feed, FeedId};

/// The fixed "now" of every test.
pub fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2025, 3, 14, 12, 0, 0)
        .single()
        .unwrap_or_default()
}

pub fn feed(id: i64, title: &str, tags: &[&str], unread: u32, error: Option<&str>) -> Feed {
    Feed {
        id: FeedId(id),
        url: format!("https://example.org/{id}.xml"),
        title: title.into(),
        feed_title: None,
        site_link: None,
        tags: tags.iter().map(|t| (*t).to_string()).collect(),
        etag: None,
        last_modified: None,
        last_fetch: None,
        last_success: None,
        last_error: error.map(str::to_string),
        moved_to: None,
        retry_after: None,
        unread,
        total: unread + 2,
    }
}

pub fn summary(id: i64, feed: i64, title: &str, hours_ago: i64, read: bool) -> ArticleSummary {
    ArticleSummary {
        id: ArticleId(id),
        feed_id: FeedId(feed),
        feed_title: format!("Feed {feed}"),
        title: title.into(),
        link: Some(format!("https://example.org/a/{id}")),
        authors: vec!["A. Writer".into()],
        published: now() - chrono::Duration::hours(hours_ago),
        read,
        starred: false,
    }
}

pub fn article(s: &ArticleSummary, html: &str) -> Article {
    Article {
        id: s.id,
        feed_id: s.feed_id,
        feed_title: s.feed_title.clone(),
        guid: format!("guid-{}", s.id.0),
        title: s.title.clone(),
        link: s.link.clone(),
        authors: s.authors.clone(),
        published: s.published,
        updated: None,
        summary_html: None,
        content_html: Some(html.into()),
        text: String::new(),
        enclosures: Vec::new(),
        categories: Vec::new(),
        read: s.read,
        starred: s.starred,
        first_seen: s.published,
    }
}

pub fn feeds() -> Vec<Feed> {
    vec![
        feed(1, "World Desk", &["world"], 2, None),
        feed(2, "Europe Today", &["europe", "world"], 1, None),
        feed(
            3,
            "Broken Wire",
            &["europe"],
            0,
            Some("HTTP 500 from the server"),
        ),
        feed(4, "Local Notes", &[], 0, None),
    ]
}

pub fn summaries() -> Vec<ArticleSummary> {
    vec![
        summary(10, 1, "Ceasefire talks resume in Geneva", 1, false),
        summary(11, 2, "Parliament votes on the budget", 3, false),
        summary(12, 1, "Floods recede along the river", 5, true),
        summary(13, 1, "Elections called for the spring", 26, false),
        summary(14, 4, "Town hall meeting notes", 24 * 400, true),
    ]
}

/// A state of the given size with the fixed clock and UTC dates.
pub fn state(width: u16, height: u16) -> State {
    let help = Keymap::defaults().map(|k| k.help()).unwrap_or_default();
    State::new(help, now(), Utc.fix(), (width, height))
}
