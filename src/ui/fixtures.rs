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
    let t = |id, kind, name: &str, coords: Option<(f64, f64)>, mentions, articles| TopEntity {
        id,
        kind,
        name: name.into(),
        coords,
        country: coords
            .map(|(_, lon): (f64, f64)| if lon < -30.0 { "US" } else { "FR" }.to_string()),
        mentions,
        articles,
    };
    vec![
        t(101, EntityKind::Place, "Kyiv", Some((50.45, 30.52)), 41, 12),
        t(102, EntityKind::Person, "Volodymyr Zelensky", None, 30, 9),
        t(103, EntityKind::Org, "United Nations", None, 22, 8),
        t(104, EntityKind::Place, "Gaza", Some((31.5, 34.47)), 19, 7),
        t(105, EntityKind::Person, "Donald Trump", None, 17, 10),
        t(
            106,
            EntityKind::Place,
            "Washington",
            Some((38.9, -77.04)),
            12,
            9,
        ),
        t(107, EntityKind::Place, "Beijing", Some((39.9, 116.4)), 8, 4),
        t(108, EntityKind::Place, "Paris", Some((48.86, 2.35)), 6, 3),
        t(109, EntityKind::Place, "Paris", Some((33.66, -95.55)), 5, 1),
        t(
            110,
            EntityKind::Place,
            "São Paulo",
            Some((-23.55, -46.63)),
            4,
            2,
        ),
        t(111, EntityKind::Org, "NATO", None, 9, 5),
    ]
}

/// The page of `entity` (one of [`people_entities`]: Belgrade is 3, Jens Stoltenberg 1), as
/// the worker sends it: 180 days ending on [`now`]'s date, busier lately.
pub fn entity_page(entity: i64) -> crate::worker::session::EntityPage {
    use crate::model::EntityKind;
    use crate::worker::session::{EntityPage, TopEntity};
    let t = |id, kind, name: &str, coords, country: Option<&str>, articles| TopEntity {
        id,
        kind,
        name: name.into(),
        coords,
        country: country.map(str::to_string),
        mentions: articles * 2,
        articles,
    };
    let (me, aliases) = match entity {
        3 => (
            t(
                3,
                EntityKind::Place,
                "Belgrade",
                Some((44.82, 20.46)),
                Some("RS"),
                9,
            ),
            vec!["Beograd".to_string()],
        ),
        _ => (
            t(1, EntityKind::Person, "Jens Stoltenberg", None, None, 9),
            vec!["Stoltenberg".to_string(), "Mr Stoltenberg".to_string()],
        ),
    };
    let per_day: Vec<u32> = (0..180_u32)
        .map(|d| match d {
            0..=119 => u32::from(d % 17 == 0),
            120..=159 => (d % 5) / 2,
            _ => (d % 7) + 1,
        })
        .collect();
    let related = vec![
        t(1, EntityKind::Person, "Jens Stoltenberg", None, None, 6),
        t(2, EntityKind::Person, "Aleksandar Vučić", None, None, 5),
        t(7, EntityKind::Person, "Ana Brnabić", None, None, 2),
        t(
            5,
            EntityKind::Place,
            "Brussels",
            Some((50.85, 4.35)),
            Some("BE"),
            4,
        ),
        t(
            8,
            EntityKind::Place,
            "Pristina",
            Some((42.67, 21.17)),
            Some("XK"),
            3,
        ),
        t(
            9,
            EntityKind::Place,
            "Sarajevo",
            Some((43.86, 18.41)),
            Some("BA"),
            1,
        ),
        t(4, EntityKind::Org, "NATO", None, None, 7),
        t(10, EntityKind::Org, "European Union", None, None, 3),
    ]
    .into_iter()
    .filter(|e| e.id != entity)
    .collect();
    EntityPage {
        entity: me,
        aliases,
        first_seen: Some(now() - chrono::Duration::days(170)),
        last_seen: Some(now() - chrono::Duration::hours(1)),
        first_day: now().date_naive() - chrono::Duration::days(179),
        per_day,
        related,
        related_scanned: 9,
        articles: summaries(),
    }
}
