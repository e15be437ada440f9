//! A list of some feeds' articles read in date order (`Store::feed_scan`) gives the rows the
//! feeds' own index gives, window by window, from the top, from the end and from a row held.

use chrono::{DateTime, FixedOffset, TimeZone, Utc};

use super::query::Seek;
use super::*;
use crate::model::NewArticle;
use crate::query::{Query, parse};

const NOW: i64 = 1_790_000_000;

fn now() -> DateTime<FixedOffset> {
    Utc.timestamp_opt(NOW, 0).single().unwrap().fixed_offset()
}

fn spec(url: &str, tags: &[&str]) -> FeedSpec {
    FeedSpec {
        url: url.into(),
        title: None,
        tags: tags.iter().map(|t| t.to_string()).collect(),
    }
}

/// Four feeds: two tagged "world" with 60 articles each, one "sport" with 3, one untagged
/// with 60; the feeds' articles interleaved in time (some at the same second), every third
/// one read.
fn cache() -> Store {
    let mut store = Store::open_in_memory().unwrap();
    store
        .sync_feeds(&[
            spec("https://a.example/feed", &["world"]),
            spec("https://b.example/feed", &["world"]),
            spec("https://c.example/feed", &["sport"]),
            spec("https://d.example/feed", &[]),
        ])
        .unwrap();
    let feeds: Vec<FeedId> = store.feeds().unwrap().iter().map(|f| f.id).collect();
    for (n, feed) in feeds.iter().enumerate() {
        let count = if n == 2 { 3 } else { 60 };
        let items = (0..count)
            .map(|i| NewArticle {
                guid: format!("f{n}-{i}"),
                title: format!("Story {n} {i}"),
                link: None,
                authors: Vec::new(),
                published: Utc
                    .timestamp_opt(NOW - (i * 4 + n as i64 % 2) * 60, 0)
                    .single(),
                updated: None,
                summary_html: None,
                content_html: None,
                text: "text".into(),
                enclosures: Vec::new(),
                categories: Vec::new(),
            })
            .collect();
        let doc = ParsedFeed {
            title: Some(format!("Feed {n}")),
            site_link: None,
            articles: items,
        };
        let record = FetchRecord::Parsed {
            feed: &doc,
            etag: None,
            last_modified: None,
            moved_to: None,
        };
        store.record_fetch(*feed, record, Utc::now()).unwrap();
    }
    store
        .conn
        .execute("UPDATE articles SET read = 1 WHERE id % 3 = 0", [])
        .unwrap();
    store
}

fn ids(rows: &[ArticleSummary]) -> Vec<i64> {
    rows.iter().map(|a| a.id.0).collect()
}

#[test]
fn a_list_of_many_feeds_read_in_date_order_gives_the_same_windows() {
    let store = cache();
    for text in [
        "tag:world",
        "tag:world is:unread",
        "is:unread tag:world",
        "tag:world sort:-date",
        "tag:sport",
    ] {
        let query: Query = parse(text).unwrap();
        // The whole list, through SQLite's own plan (no window: the feeds' index).
        let all = store.query_articles(&query, now(), None, 0).unwrap();
        assert!(!all.is_empty(), "{text}");
        let total = all.len() as u64;
        let ends = [(total.saturating_sub(5), 5), (total.saturating_sub(3), 10)];
        for (offset, limit) in [(0, 5), (7.min(total - 1), 5), ends[0], ends[1]] {
            let want = ids(&all[offset as usize..(offset as usize + 5).min(all.len())]);
            let want = &want[..want.len().min(limit as usize)];
            let seeks = [
                Seek {
                    offset,
                    limit,
                    ..Seek::default()
                },
                Seek {
                    offset,
                    limit,
                    total: Some(total),
                    ..Seek::default()
                },
            ];
            for seek in seeks {
                let got = store.query_window(&query, now(), seek).unwrap();
                assert_eq!(ids(&got), want, "{text} at {offset}, {seek:?}");
            }
            if offset > 0 {
                let anchors = [(offset - 1, all[offset as usize - 1].clone())];
                let seek = Seek {
                    offset,
                    limit,
                    total: None,
                    anchors: &anchors,
                };
                let got = store.query_window(&query, now(), seek).unwrap();
                assert_eq!(ids(&got), want, "{text} at {offset} after a row held");
            }
        }
    }
    // The plan is the date order for the big tag and the feeds' index for the small one.
    let world = parse("tag:world").unwrap();
    let sport = parse("tag:sport").unwrap();
    let top = |limit| super::query::Plan::top(Some(limit), 0);
    assert!(store.feed_scan(&world, &top(5)).unwrap().is_some());
    assert!(store.feed_scan(&sport, &top(5)).unwrap().is_none());
    assert!(store.feed_scan(&world, &top(1_000)).unwrap().is_none());
}
