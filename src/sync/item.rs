//! Server items turned into the model: ids parsed, text sanitised, bodies rendered to text.
//!
//! Why it exists: an item pulled from a sync server must look exactly like one fetched from
//! the feed, so the reader, search and the entity extractor treat both alike. The same rules
//! as [`crate::fetch::parse`] apply: titles and authors one line, sanitised and capped; bodies
//! sanitised, capped and rendered with [`html_to_text`]; links and enclosures http(s) only.
//! An item's identity in the cache is its server id (its long form is the article's guid).

use chrono::{DateTime, Utc};
use serde::Serialize;

use super::streams;
use super::wire::RawItem;
use crate::extract::html::html_to_text;
use crate::fetch::parse::{MAX_BODY_BYTES, MAX_TITLE_CHARS};
use crate::model::{Enclosure, NewArticle};
use crate::sanitize::{sanitize_line, sanitize_text};

/// The prefix of an item id's long form.
const LONG_FORM_PREFIX: &str = "tag:google.com,2005:reader/item/";

/// Labels and categories kept from one item.
const MAX_CATEGORIES: usize = 64;
/// Enclosures kept from one item.
const MAX_ENCLOSURES: usize = 32;

/// A server's item id: a 64-bit number, written in decimal by `stream/items/ids` and as
/// `tag:google.com,2005:reader/item/<16 hex digits>` in item bodies. Stored as the `i64`
/// with the same bits, so ids above `i64::MAX` survive the round trip.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(transparent)]
pub struct ItemId(pub i64);

impl ItemId {
    /// Reads either form; `None` for anything else (an empty string, other prefixes, more
    /// than 64 bits).
    pub fn parse(text: &str) -> Option<ItemId> {
        let text = text.trim();
        let number = if let Some(hex) = text.strip_prefix(LONG_FORM_PREFIX) {
            if hex.is_empty() || hex.len() > 16 || !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
                return None;
            }
            u64::from_str_radix(hex, 16).ok()?
        } else {
            if text.is_empty() || !text.bytes().all(|b| b.is_ascii_digit()) {
                return None;
            }
            text.parse::<u64>().ok()?
        };
        Some(ItemId(number as i64))
    }

    /// The unsigned number.
    pub fn as_u64(self) -> u64 {
        self.0 as u64
    }

    /// `tag:google.com,2005:reader/item/<16 hex digits>`: the form every server accepts.
    pub fn long_form(self) -> String {
        format!("{LONG_FORM_PREFIX}{:016x}", self.as_u64())
    }
}

/// An item from the server, ready for the store.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Item {
    pub id: ItemId,
    /// The stream of the feed it belongs to (`feed/3`), when the server says.
    pub stream: Option<String>,
    /// When the server first saw it, in microseconds (FreshRSS: the same as its id).
    pub crawled_usec: Option<i64>,
    pub read: bool,
    pub starred: bool,
    /// The labels (folders and tags) the server puts it in, without the prefix.
    pub labels: Vec<String>,
    /// The article, sanitised as a fetched one; its guid is the id's long form.
    pub article: NewArticle,
}

impl Item {
    /// Converts one raw item; `None` when its id is unusable (such an item cannot be
    /// matched or marked, so it is skipped).
    pub fn from_raw(raw: RawItem) -> Option<Item> {
        let id = ItemId::parse(&raw.id)?;
        let mut read = false;
        let mut starred = false;
        let mut labels: Vec<String> = Vec::new();
        let mut categories: Vec<String> = Vec::new();
        for category in &raw.categories {
            if let Some(state) = user_state(category) {
                match state {
                    "read" => read = true,
                    "starred" => starred = true,
                    _ => {}
                }
            } else if let Some(label) = label_name(category) {
                push_unique(&mut labels, label);
            } else {
                push_unique(&mut categories, sanitize_line(category));
            }
        }
        for label in &labels {
            push_unique(&mut categories, label.clone());
        }
        categories.truncate(MAX_CATEGORIES);
        labels.truncate(MAX_CATEGORIES);

        let body = raw
            .content
            .as_ref()
            .map(|b| b.content.as_str())
            .filter(|c| !c.trim().is_empty())
            .or_else(|| raw.summary.as_ref().map(|b| b.content.as_str()))
            .filter(|c| !c.trim().is_empty())
            .map(|html| cap_bytes(sanitize_text(html), MAX_BODY_BYTES));
        let text = body.as_deref().map(html_to_text).unwrap_or_default();
        let title = raw
            .title
            .as_deref()
            .map(one_line)
            .filter(|t| !t.is_empty())
            .unwrap_or_else(|| derive_title(&text));
        let link = raw
            .alternate
            .iter()
            .chain(&raw.canonical)
            .find_map(|h| http_url(&h.href));
        let authors = raw
            .author
            .as_deref()
            .map(one_line)
            .filter(|a| !a.is_empty())
            .into_iter()
            .collect();
        let mut enclosures: Vec<Enclosure> = Vec::new();
        for e in &raw.enclosure {
            if enclosures.len() >= MAX_ENCLOSURES {
                break;
            }
            if let Some(url) = http_url(&e.href)
                && !enclosures.iter().any(|x| x.url == url)
            {
                enclosures.push(Enclosure {
                    url,
                    mime: e
                        .kind
                        .as_deref()
                        .map(sanitize_line)
                        .filter(|m| !m.is_empty()),
                    length: e.length.and_then(|n| u64::try_from(n).ok()),
                    // The Google Reader API gives no duration.
                    duration_secs: None,
                });
            }
        }
        let published = raw.published.and_then(seconds);
        let updated = raw.updated.and_then(seconds);
        let crawled_usec = raw
            .timestamp_usec
            .or_else(|| raw.crawl_time_msec.map(|ms| ms.saturating_mul(1000)));
        let stream = raw
            .origin
            .and_then(|o| o.stream_id)
            .map(|s| sanitize_line(&s))
            .filter(|s| !s.is_empty());
        Some(Item {
            id,
            stream,
            crawled_usec,
            read,
            starred,
            labels,
            article: NewArticle {
                guid: id.long_form(),
                title,
                link,
                authors,
                published: published.or(updated),
                updated,
                summary_html: None,
                content_html: body,
                text,
                enclosures,
                categories,
            },
        })
    }
}

/// `read` for `user/-/state/com.google/read` (and `user/1234/state/com.google/read`);
/// `None` when it is not a state.
fn user_state(category: &str) -> Option<&str> {
    let rest = category.strip_prefix(streams::USER_PREFIX)?;
    let (_, state) = rest.split_once("/state/com.google/")?;
    Some(state)
}

/// `News` for `user/-/label/News` (any user id); `None` for anything else.
pub fn label_name(stream: &str) -> Option<String> {
    let rest = stream.strip_prefix(streams::USER_PREFIX)?;
    let (_, label) = rest.split_once("/label/")?;
    let label = sanitize_line(label);
    (!label.is_empty()).then(|| cap_chars(label, MAX_TITLE_CHARS))
}

fn push_unique(list: &mut Vec<String>, value: String) {
    if !value.is_empty() && !list.contains(&value) {
        list.push(value);
    }
}

/// A title-like field: servers send them as text with entities (FreshRSS) or HTML; markup
/// is rendered only when there is some.
fn one_line(raw: &str) -> String {
    let line = if raw.contains('<') || raw.contains('&') {
        sanitize_line(&html_to_text(raw))
    } else {
        sanitize_line(raw)
    };
    cap_chars(line, MAX_TITLE_CHARS)
}

/// The first words of the text, for an item without a title.
fn derive_title(text: &str) -> String {
    let mut words = text.split_whitespace();
    let head: Vec<&str> = words.by_ref().take(12).collect();
    if head.is_empty() {
        return "(untitled)".to_owned();
    }
    let mut title = sanitize_line(&head.join(" "));
    if words.next().is_some() {
        title.push('…');
    }
    cap_chars(title, MAX_TITLE_CHARS)
}

/// `href` if it is an absolute http(s) URL, normalised and sanitised.
fn http_url(href: &str) -> Option<String> {
    let url = url::Url::parse(href.trim()).ok()?;
    matches!(url.scheme(), "http" | "https").then(|| sanitize_line(url.as_str()))
}

/// Unix seconds as a time; `None` when out of range or zero (servers send 0 for "unknown").
fn seconds(secs: i64) -> Option<DateTime<Utc>> {
    (secs > 0)
        .then(|| DateTime::from_timestamp(secs, 0))
        .flatten()
}

fn cap_bytes(mut s: String, max: usize) -> String {
    if s.len() > max {
        let mut end = max;
        while !s.is_char_boundary(end) {
            end -= 1;
        }
        s.truncate(end);
    }
    s
}

fn cap_chars(s: String, max: usize) -> String {
    match s.char_indices().nth(max) {
        Some((end, _)) => s[..end].to_string(),
        None => s,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sync::wire::StreamContents;

    fn fixture(name: &str) -> String {
        let path = format!(
            "{}/tests/fixtures/greader/{name}",
            env!("CARGO_MANIFEST_DIR")
        );
        std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
    }

    fn items(name: &str) -> Vec<Item> {
        let page: StreamContents = serde_json::from_str(&fixture(name)).unwrap();
        page.items
            .into_iter()
            .filter_map(|v| serde_json::from_value(v).ok())
            .filter_map(Item::from_raw)
            .collect()
    }

    #[test]
    fn both_id_forms_are_the_same_number() {
        let long = ItemId::parse("tag:google.com,2005:reader/item/00066207e258d599").unwrap();
        let short = ItemId::parse("1796635862029721").unwrap();
        assert_eq!(long, short);
        assert_eq!(
            short.long_form(),
            "tag:google.com,2005:reader/item/00066207e258d599"
        );
    }

    #[test]
    fn ids_above_i64_max_round_trip() {
        let id = ItemId::parse("tag:google.com,2005:reader/item/ffffffffffffffff").unwrap();
        assert_eq!(id.0, -1);
        assert_eq!(id.as_u64(), u64::MAX);
        assert_eq!(ItemId::parse(&u64::MAX.to_string()), Some(id));
        assert_eq!(
            id.long_form(),
            "tag:google.com,2005:reader/item/ffffffffffffffff"
        );
    }

    #[test]
    fn bad_ids_are_refused() {
        for bad in [
            "",
            "abc",
            "-5",
            "18446744073709551616",
            "tag:google.com,2005:reader/item/",
            "tag:google.com,2005:reader/item/1ffffffffffffffff",
            "tag:google.com,2005:reader/item/xyz",
            "tag:other/item/12",
        ] {
            assert_eq!(ItemId::parse(bad), None, "{bad:?}");
        }
    }

    /// Recorded from FreshRSS: a feed whose title, author and body carry C1 controls, bidi
    /// overrides and a script.
    #[test]
    fn hostile_text_is_sanitised_like_a_fetched_feed() {
        let all = items("stream_contents_hostile.json");
        assert_eq!(all.len(), 2);
        let evil = all
            .iter()
            .find(|i| i.article.link.as_deref() == Some("http://127.0.0.1:8790/h/1"))
            .unwrap();
        for text in [
            &evil.article.title,
            &evil.article.text,
            &evil.article.authors[0],
            evil.article.content_html.as_deref().unwrap(),
        ] {
            assert!(
                !text.chars().any(crate::sanitize::is_invisible_control),
                "{text:?}"
            );
        }
        assert!(
            evil.article.title.starts_with("Bold"),
            "{}",
            evil.article.title
        );
        assert!(
            evil.article
                .text
                .contains("Emmanuel Macron met Olaf Scholz"),
            "{}",
            evil.article.text
        );
        assert!(
            !evil.article.text.contains("alert"),
            "{}",
            evil.article.text
        );
        assert_eq!(evil.article.enclosures.len(), 1);
        assert_eq!(evil.article.enclosures[0].length, Some(1234));
        assert_eq!(evil.stream.as_deref(), Some("feed/3"));
        assert_eq!(evil.labels, vec!["Uncategorized".to_owned()]);
        assert_eq!(evil.article.guid, evil.id.long_form());
    }

    #[test]
    fn read_and_starred_come_from_the_categories() {
        let page: StreamContents = serde_json::from_str(&fixture("items_contents.json")).unwrap();
        let all: Vec<Item> = page
            .items
            .into_iter()
            .filter_map(|v| serde_json::from_value(v).ok())
            .filter_map(Item::from_raw)
            .collect();
        assert_eq!(all.len(), 2);
        let starred: Vec<bool> = all.iter().map(|i| i.starred).collect();
        let read: Vec<bool> = all.iter().map(|i| i.read).collect();
        assert_eq!(starred, vec![true, false]);
        assert_eq!(read, vec![false, true]);
    }

    #[test]
    fn an_item_without_title_or_dates_still_converts() {
        let raw: RawItem = serde_json::from_str(
            r#"{"id":"12","published":0,"summary":{"content":"<p>Only a body here</p>"},
            "alternate":[{"href":"javascript:alert(1)"}],"enclosure":[{"href":"file:///etc/passwd"}]}"#,
        )
        .unwrap();
        let item = Item::from_raw(raw).unwrap();
        assert_eq!(item.article.title, "Only a body here");
        assert_eq!(item.article.published, None);
        assert_eq!(item.article.link, None);
        assert!(item.article.enclosures.is_empty());
        assert!(!item.read && !item.starred);
    }
}
