//! The JSON of the Google Reader API as servers really send it.
//!
//! Servers differ: numbers arrive as strings or as numbers, fields go missing, lists are
//! absent instead of empty. These types accept all of that (every field has a default, and
//! numbers are read leniently) and nothing more; turning them into the model is
//! [`super::item`]'s job. Nothing here is sanitised yet.

use serde::de::{self, Deserializer, Visitor};
use serde::{Deserialize, Serialize};
use std::fmt;

/// `subscription/list?output=json`.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct SubscriptionList {
    #[serde(default)]
    pub subscriptions: Vec<Subscription>,
}

/// One subscribed feed.
#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
pub struct Subscription {
    /// The stream id, `feed/2` (FreshRSS, Miniflux) or `feed/http://…` (Inoreader).
    pub id: String,
    #[serde(default)]
    pub title: String,
    #[serde(default)]
    pub categories: Vec<Category>,
    /// The feed's own address (missing on some servers).
    #[serde(default)]
    pub url: Option<String>,
    /// The web site the feed belongs to.
    #[serde(default, rename = "htmlUrl")]
    pub html_url: Option<String>,
}

/// A label (folder) a subscription sits in.
#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
pub struct Category {
    /// `user/-/label/News`.
    pub id: String,
    #[serde(default)]
    pub label: Option<String>,
}

/// `tag/list?output=json`.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct TagList {
    #[serde(default)]
    pub tags: Vec<Tag>,
}

/// A state or a label.
#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
pub struct Tag {
    pub id: String,
    /// `folder` or `tag` (Inoreader's extension, also sent by FreshRSS).
    #[serde(default, rename = "type")]
    pub kind: Option<String>,
}

/// `unread-count?output=json`.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct UnreadCounts {
    #[serde(default, deserialize_with = "lenient_i64")]
    pub max: Option<i64>,
    #[serde(default)]
    pub unreadcounts: Vec<UnreadCount>,
}

/// Unread items of one stream (feed, label, or the reading list).
#[derive(Debug, Clone, Default, Deserialize)]
pub struct UnreadCount {
    pub id: String,
    #[serde(default, deserialize_with = "lenient_i64")]
    pub count: Option<i64>,
}

/// `stream/contents/…` and `stream/items/contents`: a page of items. The items stay raw
/// JSON here so that one malformed item costs only itself (see [`super::item`]).
#[derive(Debug, Default, Deserialize)]
pub struct StreamContents {
    #[serde(default)]
    pub items: Vec<serde_json::Value>,
    #[serde(default, deserialize_with = "lenient_string")]
    pub continuation: Option<String>,
}

/// `stream/items/ids`: a page of item references.
#[derive(Debug, Default, Deserialize)]
pub struct ItemIds {
    #[serde(default, rename = "itemRefs")]
    pub item_refs: Vec<ItemRef>,
    #[serde(default, deserialize_with = "lenient_string")]
    pub continuation: Option<String>,
}

/// One item reference: its id (decimal on every server seen, long form accepted).
#[derive(Debug, Default, Deserialize)]
pub struct ItemRef {
    #[serde(deserialize_with = "required_string")]
    pub id: String,
}

/// `subscription/quickadd`.
#[derive(Debug, Default, Deserialize)]
pub struct QuickAddResult {
    #[serde(default, rename = "numResults", deserialize_with = "lenient_i64")]
    pub num_results: Option<i64>,
    #[serde(default, rename = "streamId")]
    pub stream_id: Option<String>,
    #[serde(default, rename = "streamName")]
    pub stream_name: Option<String>,
    #[serde(default)]
    pub error: Option<String>,
}

/// One item as a server sends it, before any cleaning.
#[derive(Debug, Default, Deserialize)]
pub struct RawItem {
    #[serde(deserialize_with = "required_string")]
    pub id: String,
    #[serde(default, rename = "crawlTimeMsec", deserialize_with = "lenient_i64")]
    pub crawl_time_msec: Option<i64>,
    #[serde(default, rename = "timestampUsec", deserialize_with = "lenient_i64")]
    pub timestamp_usec: Option<i64>,
    #[serde(default, deserialize_with = "lenient_i64")]
    pub published: Option<i64>,
    #[serde(default, deserialize_with = "lenient_i64")]
    pub updated: Option<i64>,
    #[serde(default)]
    pub title: Option<String>,
    #[serde(default)]
    pub canonical: Vec<Href>,
    #[serde(default)]
    pub alternate: Vec<Href>,
    #[serde(default)]
    pub categories: Vec<String>,
    #[serde(default)]
    pub origin: Option<Origin>,
    #[serde(default)]
    pub summary: Option<Body>,
    #[serde(default)]
    pub content: Option<Body>,
    #[serde(default)]
    pub author: Option<String>,
    #[serde(default)]
    pub enclosure: Vec<RawEnclosure>,
}

/// A link.
#[derive(Debug, Default, Deserialize)]
pub struct Href {
    #[serde(default)]
    pub href: String,
    #[serde(default, rename = "type")]
    pub kind: Option<String>,
}

/// The feed an item came from.
#[derive(Debug, Default, Deserialize)]
pub struct Origin {
    #[serde(default, rename = "streamId")]
    pub stream_id: Option<String>,
    #[serde(default)]
    pub title: Option<String>,
    #[serde(default, rename = "htmlUrl")]
    pub html_url: Option<String>,
}

/// An item body (HTML).
#[derive(Debug, Default, Deserialize)]
pub struct Body {
    #[serde(default)]
    pub content: String,
}

/// An attached file.
#[derive(Debug, Default, Deserialize)]
pub struct RawEnclosure {
    #[serde(default)]
    pub href: String,
    #[serde(default, rename = "type")]
    pub kind: Option<String>,
    #[serde(default, deserialize_with = "lenient_i64")]
    pub length: Option<i64>,
}

/// A number sent as a number or as a string of digits; anything else (null, garbage)
/// reads as `None` rather than failing the whole answer.
fn lenient_i64<'de, D: Deserializer<'de>>(d: D) -> Result<Option<i64>, D::Error> {
    struct V;
    impl<'de> Visitor<'de> for V {
        type Value = Option<i64>;
        fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
            f.write_str("a number or a string of digits")
        }
        fn visit_i64<E: de::Error>(self, v: i64) -> Result<Self::Value, E> {
            Ok(Some(v))
        }
        fn visit_u64<E: de::Error>(self, v: u64) -> Result<Self::Value, E> {
            Ok(i64::try_from(v).ok())
        }
        fn visit_f64<E: de::Error>(self, v: f64) -> Result<Self::Value, E> {
            Ok((v.is_finite() && v.abs() < 9.0e18).then_some(v as i64))
        }
        fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
            Ok(v.trim().parse().ok())
        }
        fn visit_bool<E: de::Error>(self, _: bool) -> Result<Self::Value, E> {
            Ok(None)
        }
        fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
            Ok(None)
        }
        fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
            Ok(None)
        }
        fn visit_some<D2: Deserializer<'de>>(self, d: D2) -> Result<Self::Value, D2::Error> {
            d.deserialize_any(V)
        }
    }
    d.deserialize_any(V)
}

/// A string sent as a string or a number (continuations and ids are either).
fn lenient_string<'de, D: Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    struct V;
    impl<'de> Visitor<'de> for V {
        type Value = Option<String>;
        fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
            f.write_str("a string or a number")
        }
        fn visit_i64<E: de::Error>(self, v: i64) -> Result<Self::Value, E> {
            Ok(Some(v.to_string()))
        }
        fn visit_u64<E: de::Error>(self, v: u64) -> Result<Self::Value, E> {
            Ok(Some(v.to_string()))
        }
        fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
            Ok(Some(v.to_owned()).filter(|s| !s.is_empty()))
        }
        fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
            Ok(None)
        }
        fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
            Ok(None)
        }
        fn visit_some<D2: Deserializer<'de>>(self, d: D2) -> Result<Self::Value, D2::Error> {
            d.deserialize_any(V)
        }
    }
    d.deserialize_any(V)
}

/// Like [`lenient_string`], but the value must be there.
fn required_string<'de, D: Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    lenient_string(d)?.ok_or_else(|| de::Error::custom("an empty id"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_may_be_strings_or_numbers_or_missing() {
        let counts: UnreadCounts = serde_json::from_str(
            r#"{"max":"7","unreadcounts":[{"id":"feed/1","count":3},{"id":"feed/2","count":"4"},
            {"id":"feed/3","count":null},{"id":"feed/4"}]}"#,
        )
        .unwrap();
        assert_eq!(counts.max, Some(7));
        let found: Vec<Option<i64>> = counts.unreadcounts.iter().map(|c| c.count).collect();
        assert_eq!(found, vec![Some(3), Some(4), None, None]);
    }

    #[test]
    fn ids_and_continuations_may_be_numbers() {
        let ids: ItemIds =
            serde_json::from_str(r#"{"itemRefs":[{"id":17},{"id":"18"}],"continuation":99}"#)
                .unwrap();
        let found: Vec<&str> = ids.item_refs.iter().map(|r| r.id.as_str()).collect();
        assert_eq!(found, vec!["17", "18"]);
        assert_eq!(ids.continuation.as_deref(), Some("99"));
        let empty: ItemIds = serde_json::from_str(r#"{"continuation":""}"#).unwrap();
        assert!(empty.item_refs.is_empty());
        assert_eq!(empty.continuation, None);
    }

    #[test]
    fn an_empty_item_id_is_an_error() {
        assert!(serde_json::from_str::<ItemRef>(r#"{"id":""}"#).is_err());
        assert!(serde_json::from_str::<ItemRef>(r#"{}"#).is_err());
    }
}
