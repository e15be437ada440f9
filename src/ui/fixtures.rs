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
        // As a refresh stores it: the text the body's HTML makes.
        text: crate::extract::html::html_to_text(html),
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

/// An article body naming people, places and an organisation, as HTML.
pub const PEOPLE_HTML: &str = "<p>Jens Stoltenberg met Aleksandar Vučić in Belgrade on \
Friday. NATO said the talks in Belgrade and Brussels went well.</p><p>Later Stoltenberg \
flew to Paris, where Vučić's envoy waited.</p>";

/// The same body as plain text (what mention offsets count in).
pub const PEOPLE_TEXT: &str = "Jens Stoltenberg met Aleksandar Vučić in Belgrade on \
Friday. NATO said the talks in Belgrade and Brussels went well.\n\nLater Stoltenberg flew \
to Paris, where Vučić's envoy waited.";

/// Char offsets of every whole occurrence of `needle` in [`PEOPLE_TEXT`] (skipping those
/// inside a longer name given in `not_after`).
fn spans_of(needle: &str, not_after: Option<&str>) -> Vec<(u32, u32)> {
    let mut out = Vec::new();
    for (byte, _) in PEOPLE_TEXT.match_indices(needle) {
        if not_after.is_some_and(|p| PEOPLE_TEXT[..byte].ends_with(p)) {
            continue;
        }
        let start = PEOPLE_TEXT[..byte].chars().count() as u32;
        out.push((start, start + needle.chars().count() as u32));
    }
    out
}

/// The entities of [`PEOPLE_TEXT`], grouped as the worker sends them.
pub fn people_entities() -> Vec<crate::worker::session::ArticleEntity> {
    use crate::model::EntityKind;
    use crate::worker::session::ArticleEntity;
    let e = |id, kind, name: &str, coords, spans| ArticleEntity {
        id,
        kind,
        name: name.into(),
        coords,
        spans,
    };
    let mut stoltenberg = spans_of("Jens Stoltenberg", None);
    stoltenberg.extend(spans_of("Stoltenberg", Some("Jens ")));
    stoltenberg.sort_unstable();
    vec![
        e(1, EntityKind::Person, "Jens Stoltenberg", None, stoltenberg),
        e(
            2,
            EntityKind::Person,
            "Aleksandar Vučić",
            None,
            [
                spans_of("Aleksandar Vučić", None),
                spans_of("Vučić", Some("Aleksandar ")),
            ]
            .concat(),
        ),
        e(
            3,
            EntityKind::Place,
            "Belgrade",
            Some((44.82, 20.46)),
            spans_of("Belgrade", None),
        ),
        e(4, EntityKind::Org, "NATO", None, spans_of("NATO", None)),
        e(
            5,
            EntityKind::Place,
            "Brussels",
            Some((50.85, 4.35)),
            spans_of("Brussels", None),
        ),
        e(
            6,
            EntityKind::Place,
            "Paris",
            Some((48.86, 2.35)),
            spans_of("Paris", None),
        ),
    ]
}

/// An article with [`PEOPLE_HTML`] and [`PEOPLE_TEXT`].
pub fn people_article(s: &ArticleSummary) -> Article {
    let mut a = article(s, PEOPLE_HTML);
    a.text = PEOPLE_TEXT.into();
    a
}

/// Top entities across a list, for the "who and where" view.
pub fn top_entities() -> Vec<crate::worker::session::TopEntity> {
    use crate::model::EntityKind;
    use crate::worker::session::TopEntity;
    let t = |kind, name: &str, coords: Option<(f64, f64)>, mentions, articles| TopEntity {
        kind,
        name: name.into(),
        coords,
        country: coords
            .map(|(_, lon): (f64, f64)| if lon < -30.0 { "US" } else { "FR" }.to_string()),
        mentions,
        articles,
    };
    vec![
        t(EntityKind::Place, "Kyiv", Some((50.45, 30.52)), 41, 12),
        t(EntityKind::Person, "Volodymyr Zelensky", None, 30, 9),
        t(EntityKind::Org, "United Nations", None, 22, 8),
        t(EntityKind::Place, "Gaza", Some((31.5, 34.47)), 19, 7),
        t(EntityKind::Person, "Donald Trump", None, 17, 10),
        t(EntityKind::Place, "Washington", Some((38.9, -77.04)), 12, 9),
        t(EntityKind::Place, "Beijing", Some((39.9, 116.4)), 8, 4),
        t(EntityKind::Place, "Paris", Some((48.86, 2.35)), 6, 3),
        t(EntityKind::Place, "Paris", Some((33.66, -95.55)), 5, 1),
        t(EntityKind::Place, "São Paulo", Some((-23.55, -46.63)), 4, 2),
        t(EntityKind::Org, "NATO", None, 9, 5),
    ]
}
