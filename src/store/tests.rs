//! Unit tests of the cache on in-memory databases.

use chrono::{DateTime, TimeZone, Utc};

use super::*;
use crate::model::{Enclosure, NewArticle, ParsedFeed};
use rusqlite::types::Value;

fn at(secs: i64) -> DateTime<Utc> {
    Utc.timestamp_opt(secs, 0).single().unwrap()
}

const NOW: i64 = 1_700_000_000;

fn spec(url: &str, title: Option<&str>, tags: &[&str]) -> FeedSpec {
    FeedSpec {
        url: url.to_string(),
        title: title.map(str::to_string),
        tags: tags.iter().map(|t| t.to_string()).collect(),
    }
}

fn item(guid: &str, link: Option<&str>, body: &str) -> NewArticle {
    NewArticle {
        guid: guid.to_string(),
        title: format!("title of {guid}"),
        link: link.map(str::to_string),
        authors: vec!["Ann Author".to_string()],
        published: Some(at(NOW - 3600)),
        updated: None,
        summary_html: Some(format!("<p>{body}</p>")),
        content_html: None,
        text: body.to_string(),
        enclosures: vec![Enclosure {
            url: "https://example.org/a.mp3".to_string(),
            mime: Some("audio/mpeg".to_string()),
            length: Some(1234),
            duration_secs: Some(61),
        }],
        categories: vec!["news".to_string()],
    }
}

fn doc(items: Vec<NewArticle>) -> ParsedFeed {
    ParsedFeed {
        title: Some("The Feed".to_string()),
        site_link: Some("https://example.org/".to_string()),
        articles: items,
    }
}

fn parsed(feed: &ParsedFeed) -> FetchRecord<'_> {
    FetchRecord::Parsed {
        feed,
        etag: Some("\"v1\""),
        last_modified: None,
        moved_to: None,
    }
}

/// A store with one configured feed.
fn one_feed() -> (Store, FeedId) {
    let mut store = Store::open_in_memory().unwrap();
    store
        .sync_feeds(&[spec("https://example.org/feed.xml", None, &["tech"])])
        .unwrap();
    let id = store.feeds().unwrap()[0].id;
    (store, id)
}

/// The articles `query` selects, newest first unless it sorts.
fn select(store: &Store, query: &str, limit: Option<u32>, offset: u32) -> Vec<ArticleSummary> {
    let query = crate::query::parse(query).unwrap();
    let now = at(NOW).fixed_offset();
    store.query_articles(&query, now, limit, offset).unwrap()
}

fn all(store: &Store) -> Vec<ArticleSummary> {
    select(store, "", None, 0)
}

fn stats(new: u32, updated: u32, unchanged: u32) -> StoreStats {
    StoreStats {
        new,
        updated,
        unchanged,
    }
}

#[test]
fn counts_new_updated_and_unchanged() {
    let (mut store, feed) = one_feed();
    let first = doc(vec![item("a", None, "one"), item("b", None, "two")]);
    let s = store.record_fetch(feed, parsed(&first), at(NOW)).unwrap();
    assert_eq!(s, stats(2, 0, 0));

    let second = doc(vec![
        item("a", None, "one"),
        item("b", None, "two, corrected"),
        item("c", None, "three"),
    ]);
    let s = store
        .record_fetch(feed, parsed(&second), at(NOW + 60))
        .unwrap();
    assert_eq!(s, stats(1, 1, 1));
    assert_eq!(all(&store).len(), 3);

    let f = &store.feeds().unwrap()[0];
    assert_eq!((f.unread, f.total), (3, 3));
    assert_eq!(f.title, "The Feed");
    assert_eq!(f.feed_title.as_deref(), Some("The Feed"));
    assert_eq!(f.site_link.as_deref(), Some("https://example.org/"));
    assert_eq!(f.etag.as_deref(), Some("\"v1\""));
    assert_eq!(f.tags, vec!["tech".to_string()]);
    assert_eq!(f.last_success, Some(at(NOW + 60)));
}

#[test]
fn article_round_trips_every_field() {
    let (mut store, feed) = one_feed();
    let mut it = item("a", Some("https://example.org/a"), "body");
    it.content_html = Some("<p>full body</p>".to_string());
    it.updated = Some(at(NOW - 10));
    let d = doc(vec![it.clone()]);
    store.record_fetch(feed, parsed(&d), at(NOW)).unwrap();
    let id = all(&store)[0].id;
    let a = store.article(id).unwrap();
    assert_eq!(a.guid, it.guid);
    assert_eq!(a.title, it.title);
    assert_eq!(a.link, it.link);
    assert_eq!(a.authors, it.authors);
    assert_eq!(a.published, at(NOW - 3600));
    assert_eq!(a.updated, it.updated);
    assert_eq!(a.summary_html, it.summary_html);
    assert_eq!(a.content_html, it.content_html);
    assert_eq!(a.text, it.text);
    assert_eq!(a.enclosures, it.enclosures);
    assert_eq!(a.categories, it.categories);
    assert_eq!(a.first_seen, at(NOW));
    assert_eq!(a.feed_title, "The Feed");
    assert!(!a.read && !a.starred);

    match store.article(ArticleId(id.0 + 1000)) {
        Err(StoreError::NoSuchArticle(n)) => assert_eq!(n, id.0 + 1000),
        other => panic!("expected NoSuchArticle, got {other:?}"),
    }
}

#[test]
fn missing_publication_date_uses_first_seen_and_stays_put() {
    let (mut store, feed) = one_feed();
    let mut it = item("a", None, "one");
    it.published = None;
    store
        .record_fetch(feed, parsed(&doc(vec![it.clone()])), at(NOW))
        .unwrap();
    it.text = "changed".to_string();
    store
        .record_fetch(feed, parsed(&doc(vec![it])), at(NOW + 500))
        .unwrap();
    let a = store.article(all(&store)[0].id).unwrap();
    assert_eq!(a.published, at(NOW));
    assert_eq!(a.text, "changed");
}

#[test]
fn reading_state_survives_a_refetch_with_changed_content() {
    let (mut store, feed) = one_feed();
    let d = doc(vec![item("a", None, "one"), item("b", None, "two")]);
    store.record_fetch(feed, parsed(&d), at(NOW)).unwrap();
    let ids: Vec<ArticleId> = all(&store).iter().map(|a| a.id).collect();
    assert_eq!(store.set_read(&ids, true).unwrap(), 2);
    assert_eq!(store.set_read(&ids, true).unwrap(), 0, "already read");
    store.set_starred(ids[0], true).unwrap();

    let changed = doc(vec![
        item("a", None, "one, new"),
        item("b", None, "two, new"),
    ]);
    let s = store
        .record_fetch(feed, parsed(&changed), at(NOW + 3600))
        .unwrap();
    assert_eq!(s, stats(0, 2, 0));
    for id in &ids {
        let a = store.article(*id).unwrap();
        assert!(a.read, "read flag lost on {}", a.guid);
        assert_eq!(a.starred, *id == ids[0]);
        assert_eq!(a.first_seen, at(NOW));
        assert!(a.text.ends_with(", new"));
    }
}

#[test]
fn guidless_items_and_changed_guids_do_not_duplicate() {
    let (mut store, feed) = one_feed();
    // A GUID-less item arrives with guid = link (the parser's rule).
    let link = "https://example.org/post";
    let d = doc(vec![item(link, Some(link), "body")]);
    assert_eq!(
        store.record_fetch(feed, parsed(&d), at(NOW)).unwrap(),
        stats(1, 0, 0)
    );
    assert_eq!(
        store.record_fetch(feed, parsed(&d), at(NOW + 1)).unwrap(),
        stats(0, 0, 1)
    );
    let id = all(&store)[0].id;
    store.set_read(&[id], true).unwrap();

    // Later the feed starts giving GUIDs; the link stays.
    let d = doc(vec![item("tag:example.org,2024:1", Some(link), "body")]);
    let s = store.record_fetch(feed, parsed(&d), at(NOW + 2)).unwrap();
    assert_eq!(s, stats(0, 1, 0));
    let list = all(&store);
    assert_eq!(
        list.len(),
        1,
        "a changed GUID must not duplicate the article"
    );
    assert_eq!(list[0].id, id);
    assert!(list[0].read);
    assert_eq!(store.article(id).unwrap().guid, "tag:example.org,2024:1");
}

#[test]
fn items_sharing_one_link_stay_distinct() {
    // Some feeds point every item at their home page; those are different articles.
    let (mut store, feed) = one_feed();
    let home = Some("https://example.org/");
    let d = doc(vec![item("1", home, "one")]);
    store.record_fetch(feed, parsed(&d), at(NOW)).unwrap();
    let d = doc(vec![item("2", home, "two"), item("1", home, "one")]);
    let s = store.record_fetch(feed, parsed(&d), at(NOW + 1)).unwrap();
    assert_eq!(s, stats(1, 0, 1));
    let d = doc(vec![item("3", home, "three"), item("4", home, "four")]);
    let s = store.record_fetch(feed, parsed(&d), at(NOW + 2)).unwrap();
    assert_eq!(s, stats(2, 0, 0));
    assert_eq!(all(&store).len(), 4);
}

#[test]
fn duplicate_guid_in_one_document_is_stored_once() {
    let (mut store, feed) = one_feed();
    let d = doc(vec![
        item("dup", None, "first"),
        item("other", None, "x"),
        item("dup", None, "second"),
    ]);
    let s = store.record_fetch(feed, parsed(&d), at(NOW)).unwrap();
    assert_eq!(s, stats(2, 0, 0));
    let list = all(&store);
    assert_eq!(list.len(), 2);
    let dup = list.iter().find(|a| a.title == "title of dup").unwrap();
    assert_eq!(store.article(dup.id).unwrap().text, "first");
    // The feed's state was committed with the articles.
    assert_eq!(store.feeds().unwrap()[0].last_success, Some(at(NOW)));
}

#[test]
fn not_modified_and_failed_update_the_feed_state() {
    let (mut store, feed) = one_feed();
    let d = doc(vec![item("a", None, "x")]);
    let record = FetchRecord::Parsed {
        feed: &d,
        etag: Some("e1"),
        last_modified: Some("Tue, 01 Oct 2024 10:00:00 GMT"),
        moved_to: Some("https://new.example.org/feed.xml"),
    };
    store.record_fetch(feed, record, at(NOW)).unwrap();

    let failed = FetchRecord::Failed {
        error: "HTTP 503",
        retry_after: Some(at(NOW + 900)),
    };
    assert_eq!(
        store.record_fetch(feed, failed, at(NOW + 100)).unwrap(),
        StoreStats::default()
    );
    let f = store
        .feed_by_url("https://example.org/feed.xml")
        .unwrap()
        .unwrap();
    assert_eq!(f.last_error.as_deref(), Some("HTTP 503"));
    assert_eq!(f.retry_after, Some(at(NOW + 900)));
    assert_eq!(f.last_fetch, Some(at(NOW + 100)));
    assert_eq!(f.last_success, Some(at(NOW)));
    assert_eq!(
        f.etag.as_deref(),
        Some("e1"),
        "validators survive a failure"
    );

    let nm = FetchRecord::NotModified { moved_to: None };
    store.record_fetch(feed, nm, at(NOW + 1000)).unwrap();
    let f = store
        .feed_by_url("https://example.org/feed.xml")
        .unwrap()
        .unwrap();
    assert_eq!(f.last_error, None);
    assert_eq!(f.retry_after, None);
    assert_eq!(f.last_success, Some(at(NOW + 1000)));
    assert_eq!(
        f.moved_to.as_deref(),
        Some("https://new.example.org/feed.xml")
    );
    assert_eq!(
        f.last_modified.as_deref(),
        Some("Tue, 01 Oct 2024 10:00:00 GMT")
    );
    assert_eq!(f.total, 1);
}

#[test]
fn recording_for_an_unknown_feed_is_an_error() {
    let mut store = Store::open_in_memory().unwrap();
    let nm = FetchRecord::NotModified { moved_to: None };
    match store.record_fetch(FeedId(42), nm, at(NOW)) {
        Err(StoreError::NoSuchFeed(42)) => {}
        other => panic!("expected NoSuchFeed, got {other:?}"),
    }
}

#[test]
fn sync_feeds_hides_and_reactivates_with_state() {
    let mut store = Store::open_in_memory().unwrap();
    let a = spec("https://a.example/feed", Some("Alpha"), &["x", "y"]);
    let b = spec("https://b.example/feed", None, &[]);
    store.sync_feeds(&[a.clone(), b.clone()]).unwrap();
    let feeds = store.feeds().unwrap();
    assert_eq!(feeds.len(), 2);
    assert_eq!(feeds[0].title, "Alpha");
    assert_eq!(
        feeds[1].title, "https://b.example/feed",
        "falls back to the URL"
    );
    let b_id = feeds[1].id;

    let d = doc(vec![item("1", None, "x"), item("2", None, "y")]);
    store.record_fetch(b_id, parsed(&d), at(NOW)).unwrap();
    let first = all(&store)[0].id;
    store.set_read(&[first], true).unwrap();

    // B leaves the configuration: hidden, with its articles.
    store.sync_feeds(std::slice::from_ref(&a)).unwrap();
    let feeds = store.feeds().unwrap();
    assert_eq!(feeds.len(), 1);
    assert_eq!(feeds[0].url, a.url);
    assert!(
        all(&store).is_empty(),
        "a hidden feed's articles are not listed"
    );
    assert!(store.feed_by_url(&b.url).unwrap().is_none());

    // B comes back first, with a new title and tags; its articles and state return.
    let b2 = spec("https://b.example/feed", Some("Bravo"), &["news"]);
    let a2 = spec("https://a.example/feed", None, &["y"]);
    store.sync_feeds(&[b2, a2]).unwrap();
    let feeds = store.feeds().unwrap();
    assert_eq!(feeds[0].id, b_id, "same row, not a new feed");
    assert_eq!(feeds[0].title, "Bravo");
    assert_eq!(feeds[0].tags, vec!["news".to_string()]);
    assert_eq!((feeds[0].unread, feeds[0].total), (1, 2));
    assert_eq!(feeds[1].title, "https://a.example/feed", "override removed");
    assert_eq!(feeds[1].tags, vec!["y".to_string()]);
    assert!(store.article(first).unwrap().read);
}

#[test]
fn syncing_the_same_feeds_again_writes_nothing() {
    let mut store = Store::open_in_memory().unwrap();
    let a = spec("https://a.example/feed", Some("Alpha"), &["x", "y"]);
    let b = spec("https://b.example/feed", None, &[]);
    let list = [a.clone(), b.clone(), a.clone()];
    store.sync_feeds(&list).unwrap();
    let changes = store.conn.total_changes();
    store.sync_feeds(&list).unwrap();
    assert_eq!(store.conn.total_changes(), changes, "nothing to write");
    // Any difference is written: a tag, a title, the order, a feed more or less.
    let a_tags = spec("https://a.example/feed", Some("Alpha"), &["y", "x"]);
    let b_title = spec("https://b.example/feed", Some("B"), &[]);
    for list in [
        vec![a_tags, b.clone()],
        vec![a.clone(), b_title],
        vec![b.clone(), a.clone()],
        vec![a.clone()],
        vec![a.clone(), b.clone()],
    ] {
        let changes = store.conn.total_changes();
        store.sync_feeds(&list).unwrap();
        assert!(store.conn.total_changes() > changes, "{list:?}");
        let feeds = store.feeds().unwrap();
        let urls: Vec<&str> = feeds.iter().map(|f| f.url.as_str()).collect();
        let wanted: Vec<&str> = list.iter().map(|f| f.url.as_str()).collect();
        assert_eq!(urls, wanted);
        assert_eq!(feeds[0].tags, list[0].tags);
    }
}

#[test]
fn list_filters_order_and_paging() {
    let mut store = Store::open_in_memory().unwrap();
    store
        .sync_feeds(&[
            spec("https://a.example/feed", None, &[]),
            spec("https://b.example/feed", None, &[]),
        ])
        .unwrap();
    let feeds = store.feeds().unwrap();
    let (fa, fb) = (feeds[0].id, feeds[1].id);
    let mut items = Vec::new();
    for i in 0..6 {
        let mut it = item(&format!("a{i}"), None, "x");
        it.published = Some(at(NOW - 100 * i));
        items.push(it);
    }
    store
        .record_fetch(fa, parsed(&doc(items)), at(NOW))
        .unwrap();
    let mut late = item("b0", None, "x");
    late.published = Some(at(NOW - 50));
    store
        .record_fetch(fb, parsed(&doc(vec![late])), at(NOW))
        .unwrap();

    let list = all(&store);
    let titles: Vec<&str> = list.iter().map(|a| a.title.as_str()).collect();
    assert_eq!(
        titles,
        [
            "title of a0",
            "title of b0",
            "title of a1",
            "title of a2",
            "title of a3",
            "title of a4",
            "title of a5"
        ]
    );
    assert!(list.windows(2).all(|w| w[0].published >= w[1].published));

    let page = select(&store, "", Some(2), 2);
    assert_eq!(
        page.iter().map(|a| a.id).collect::<Vec<_>>(),
        [list[2].id, list[3].id]
    );

    store.set_read(&[list[0].id, list[2].id], true).unwrap();
    let unread_a = select(&store, "is:unread feed:https://a.example/feed", None, 0);
    assert_eq!(unread_a.len(), 4);
    assert!(unread_a.iter().all(|a| a.feed_id == fa && !a.read));
    let unread = select(&store, "is:unread", None, 0);
    assert_eq!(unread.len(), 5);
    let only_b = select(&store, "feed:https://b.example/feed", None, 0);
    assert_eq!(only_b.len(), 1);
    assert!(only_b.iter().all(|a| a.feed_id == fb));

    let now = at(NOW).fixed_offset();
    let feed_a = crate::query::parse("feed:https://a.example/feed").unwrap();
    assert_eq!(store.mark_query_read(&feed_a, now, true).unwrap(), 4);
    assert_eq!(store.feeds().unwrap()[1].unread, 1, "other feed untouched");
    let everything = crate::query::Query::default();
    assert_eq!(store.mark_query_read(&everything, now, true).unwrap(), 1);
    assert!(store.feeds().unwrap().iter().all(|f| f.unread == 0));
}

#[test]
fn starring_a_missing_article_fails() {
    let mut store = Store::open_in_memory().unwrap();
    assert!(matches!(
        store.set_starred(ArticleId(7), true),
        Err(StoreError::NoSuchArticle(7))
    ));
}

#[test]
fn prune_keeps_starred_and_unread_and_tombstones_stop_resurrection() {
    let (mut store, feed) = one_feed();
    let old = |guid: &str| item(guid, Some(&format!("https://example.org/{guid}")), "x");
    let olds = vec![
        old("read-old"),
        old("starred-old"),
        old("unread-old"),
        old("read-lately"),
    ];
    // First seen 40 days ago; "fresh" appears today.
    store
        .record_fetch(feed, parsed(&doc(olds.clone())), at(NOW - 40 * DAY))
        .unwrap();
    let mut everything = olds;
    everything.push(item("fresh", None, "x"));
    let d = doc(everything);
    store.record_fetch(feed, parsed(&d), at(NOW)).unwrap();
    let by_title = |store: &Store, t: &str| {
        all(store)
            .into_iter()
            .find(|a| a.title == format!("title of {t}"))
    };
    let id = |store: &Store, t: &str| by_title(store, t).unwrap().id;
    let (read_old, starred_old) = (id(&store, "read-old"), id(&store, "starred-old"));
    let (read_lately, fresh) = (id(&store, "read-lately"), id(&store, "fresh"));
    store
        .set_read_at(&[read_old, starred_old], true, at(NOW - 35 * DAY))
        .unwrap();
    store
        .set_read_at(&[read_lately], true, at(NOW - DAY))
        .unwrap();
    store.set_read_at(&[fresh], true, at(NOW)).unwrap();
    store.set_starred(starred_old, true).unwrap();

    assert_eq!(store.prune(30, at(NOW)).unwrap(), 1);
    assert!(by_title(&store, "read-old").is_none());
    assert!(
        by_title(&store, "starred-old").is_some(),
        "starred is never pruned"
    );
    assert!(
        by_title(&store, "unread-old").is_some(),
        "unread is never pruned"
    );
    assert!(
        by_title(&store, "read-lately").is_some(),
        "read less than keep_days ago is kept"
    );
    assert!(by_title(&store, "fresh").is_some(), "recent is kept");

    // The feed still serves the pruned item: it must not come back as new and unread.
    let s = store.record_fetch(feed, parsed(&d), at(NOW + 60)).unwrap();
    assert_eq!(s, stats(0, 0, 5));
    assert!(by_title(&store, "read-old").is_none());
    // Not even when its GUID changes but the link stays.
    let mut renamed = old("read-old");
    renamed.guid = "read-old-v2".to_string();
    let s = store
        .record_fetch(feed, parsed(&doc(vec![renamed])), at(NOW + 120))
        .unwrap();
    assert_eq!(s, stats(0, 0, 1));
    assert!(by_title(&store, "read-old").is_none());

    // A month after it was read, the one read lately goes too.
    assert_eq!(store.prune(30, at(NOW + 30 * DAY)).unwrap(), 1);
    assert!(by_title(&store, "read-lately").is_none());
}

/// Regression (issue 11, bug 1): `refresh; mark-read 1; refresh; show 1` said "no such
/// article": the article was a 2018 post, and the prune went by publication date. It goes by
/// when the article first appeared and when it was read.
#[test]
fn an_old_post_read_today_survives_the_prune() {
    let (mut store, feed) = one_feed();
    let mut post = item("2018-post", None, "an old post");
    post.published = Some(Utc.with_ymd_and_hms(2018, 3, 1, 9, 0, 0).unwrap());
    let d = doc(vec![post]);
    let now = Utc::now();
    store.record_fetch(feed, parsed(&d), now).unwrap();
    let id = all(&store)[0].id;
    assert_eq!(store.set_read(&[id], true).unwrap(), 1);
    assert_eq!(store.prune(90, now).unwrap(), 0);
    store.record_fetch(feed, parsed(&d), now).unwrap();
    assert!(store.article(id).unwrap().read);
}

#[test]
fn the_read_time_is_set_on_reading_and_cleared_on_unreading() {
    let (mut store, feed) = one_feed();
    let d = doc(vec![item("a", None, "one"), item("b", None, "two")]);
    store.record_fetch(feed, parsed(&d), at(NOW)).unwrap();
    let ids: Vec<ArticleId> = all(&store).iter().map(|a| a.id).collect();
    let read_at = |store: &Store, id: ArticleId| -> Option<i64> {
        store
            .conn
            .query_row("SELECT read_at FROM articles WHERE id = ?1", [id.0], |r| {
                r.get(0)
            })
            .unwrap()
    };
    assert_eq!(read_at(&store, ids[0]), None);
    store.set_read_at(&ids[..1], true, at(NOW + 5)).unwrap();
    assert_eq!(read_at(&store, ids[0]), Some(NOW + 5));
    // Marking it read again changes nothing, not even the time.
    assert_eq!(store.set_read_at(&ids[..1], true, at(NOW + 9)).unwrap(), 0);
    assert_eq!(read_at(&store, ids[0]), Some(NOW + 5));
    assert_eq!(store.set_read(&ids[..1], false).unwrap(), 1);
    assert_eq!(read_at(&store, ids[0]), None);
    // Marking everything read records a time on each, and counts only what changed.
    store.set_read(&ids[1..], true).unwrap();
    let before = Utc::now().timestamp();
    assert_eq!(
        store
            .mark_query_read(
                &crate::query::Query::default(),
                Utc::now().fixed_offset(),
                true
            )
            .unwrap(),
        1
    );
    assert!(read_at(&store, ids[0]).is_some_and(|t| t >= before));
    assert_eq!(
        store
            .mark_query_read(
                &crate::query::Query::default(),
                Utc::now().fixed_offset(),
                true
            )
            .unwrap(),
        0
    );
}

/// The prune is served by the partial index on first-seen time, not a scan of every article.
#[test]
fn the_prune_uses_the_first_seen_index() {
    let store = Store::open_in_memory().unwrap();
    let plan: Vec<String> = store
        .conn
        .prepare(&format!(
            "EXPLAIN QUERY PLAN {}",
            super::prune::PRUNABLE_IDS
        ))
        .unwrap()
        .query_map([NOW, 100], |r| r.get::<_, String>(3))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert!(
        plan.iter().any(|step| step.contains("articles_prunable")),
        "{plan:?}"
    );
}

#[test]
fn tombstones_expire_once_the_item_is_gone() {
    let (mut store, feed) = one_feed();
    let d = doc(vec![item("gone", None, "x")]);
    store
        .record_fetch(feed, parsed(&d), at(NOW - 10 * DAY))
        .unwrap();
    let id = all(&store)[0].id;
    store.set_read_at(&[id], true, at(NOW - 10 * DAY)).unwrap();
    assert_eq!(store.prune(7, at(NOW)).unwrap(), 1);
    let tombs = |store: &Store| -> i64 {
        store
            .conn
            .query_row("SELECT count(*) FROM tombstones", [], |r| r.get(0))
            .unwrap()
    };
    assert_eq!(tombs(&store), 1);
    // Still served 10 days later: seen again, so the tombstone lives on.
    store
        .record_fetch(feed, parsed(&d), at(NOW + 10 * DAY))
        .unwrap();
    store.prune(7, at(NOW + 20 * DAY)).unwrap();
    assert_eq!(tombs(&store), 1);
    // Absent from the feed for more than twice keep_days: forgotten.
    store.prune(7, at(NOW + 25 * DAY)).unwrap();
    assert_eq!(tombs(&store), 0);
}

#[test]
fn a_newer_schema_is_refused_at_open() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("cache.db");
    {
        let conn = Connection::open(&path).unwrap();
        conn.pragma_update(None, "user_version", migrations::latest() + 3)
            .unwrap();
    }
    match Store::open(&path) {
        Err(StoreError::TooNew { found, known }) => {
            assert_eq!(found, migrations::latest() + 3);
            assert_eq!(known, migrations::latest());
        }
        Err(e) => panic!("expected TooNew, got {e:?}"),
        Ok(_) => panic!("expected TooNew, got a store"),
    }
}

#[test]
fn a_cache_that_stays_locked_is_busy_with_its_path() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("cache.db");
    // An up-to-date cache opens under another writer's lock (opening then needs no lock)…
    drop(Store::open(&path).unwrap());
    let holder = Connection::open(&path).unwrap();
    holder.execute_batch("BEGIN IMMEDIATE").unwrap();
    assert!(
        Store::open_with(
            &path,
            Duration::from_millis(100),
            migrations::MIGRATIONS.len()
        )
        .is_ok()
    );
    holder.execute_batch("ROLLBACK").unwrap();
    // …one that needs migrating waits for it, and says Busy with its path.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("cache.db");
    Store::create_at_version(&path, migrations::MIGRATIONS.len() - 1).unwrap();
    let holder = Connection::open(&path).unwrap();
    holder.execute_batch("BEGIN IMMEDIATE").unwrap();
    match Store::open_with(
        &path,
        Duration::from_millis(100),
        migrations::MIGRATIONS.len(),
    ) {
        Err(StoreError::Busy { path: p }) => assert_eq!(p, path.display().to_string()),
        Err(e) => panic!("expected Busy, got {e:?}"),
        Ok(_) => panic!("expected Busy, got a store"),
    }
    // Opened before the lock, a store reports Busy from a write too.
    holder.execute_batch("ROLLBACK").unwrap();
    let mut store = Store::open_with(
        &path,
        Duration::from_millis(100),
        migrations::MIGRATIONS.len(),
    )
    .unwrap();
    holder.execute_batch("BEGIN IMMEDIATE").unwrap();
    assert!(matches!(
        store.sync_feeds(&[spec("https://a.example/", None, &[])]),
        Err(StoreError::Busy { .. })
    ));
}

#[test]
fn find_by_link_uses_an_index() {
    let store = Store::open_in_memory().unwrap();
    let sql = FIND_BY_LINK;
    let mut stmt = store
        .conn
        .prepare(&format!("EXPLAIN QUERY PLAN {sql}"))
        .unwrap();
    let plan: Vec<String> = stmt
        .query_map(rusqlite::params![1, "https://example.org/a"], |r| {
            r.get::<_, String>(3)
        })
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert!(
        plan.iter().any(|l| l.contains("INDEX articles_")),
        "{sql}\nuses no articles index: {plan:?}"
    );
    assert!(
        !plan
            .iter()
            .any(|l| l.starts_with("SCAN a") && !l.contains("INDEX")),
        "{sql}\nscans articles: {plan:?}"
    );
    assert!(
        !plan.iter().any(|l| l.contains("TEMP B-TREE")),
        "{sql}\nsorts without an index: {plan:?}"
    );
}

#[test]
fn integrity_check_says_ok() {
    let store = Store::open_in_memory().unwrap();
    assert_eq!(store.integrity_check().unwrap(), "ok");
}

/// FTS5's own check of the index against the articles table; fails the test on a mismatch.
fn fts_consistent(store: &Store) {
    store
        .conn
        .execute(
            "INSERT INTO articles_fts (articles_fts, rank) VALUES ('integrity-check', 1)",
            [],
        )
        .unwrap();
}

/// Rows the full-text index finds for `query`.
fn fts_hits(store: &Store, query: &str) -> i64 {
    store
        .conn
        .query_row(
            "SELECT count(*) FROM articles_fts WHERE articles_fts MATCH ?1",
            [query],
            |r| r.get(0),
        )
        .unwrap()
}

/// A store with three configured feeds.
fn three_feeds() -> (Store, Vec<FeedId>) {
    let mut store = Store::open_in_memory().unwrap();
    store
        .sync_feeds(&[
            spec("https://a.example/feed.xml", None, &[]),
            spec("https://b.example/feed.xml", None, &[]),
            spec("https://c.example/feed.xml", None, &[]),
        ])
        .unwrap();
    let ids = store.feeds().unwrap().iter().map(|f| f.id).collect();
    (store, ids)
}

#[test]
fn a_batch_stores_every_feed_and_indexes_every_article() {
    let (mut store, ids) = three_feeds();
    let a = doc(vec![
        item("a1", None, "apples"),
        item("a2", None, "apricots"),
    ]);
    let b = doc(vec![item("b1", None, "bananas")]);
    let records = [
        (ids[0], parsed(&a)),
        (ids[1], parsed(&b)),
        (
            ids[2],
            FetchRecord::Failed {
                error: "timed out",
                retry_after: None,
            },
        ),
    ];
    let results = store.record_fetches(&records, at(NOW));
    assert_eq!(results.len(), 3);
    assert_eq!(results[0].as_ref().unwrap(), &stats(2, 0, 0));
    assert_eq!(results[1].as_ref().unwrap(), &stats(1, 0, 0));
    assert_eq!(results[2].as_ref().unwrap(), &stats(0, 0, 0));
    assert_eq!(all(&store).len(), 3);
    assert_eq!(fts_hits(&store, "apricots"), 1);
    assert_eq!(fts_hits(&store, "bananas"), 1);
    let feeds = store.feeds().unwrap();
    assert_eq!(feeds[0].etag.as_deref(), Some("\"v1\""));
    assert_eq!(feeds[2].last_error.as_deref(), Some("timed out"));
    fts_consistent(&store);
}

/// Regression guard for batching: one feed's failure must not roll back the others.
#[test]
fn a_failing_feed_in_a_batch_leaves_the_others_stored() {
    let (mut store, ids) = three_feeds();
    let a = doc(vec![item("a1", None, "apples")]);
    let bad = doc(vec![item("x1", None, "xylophones")]);
    let c = doc(vec![item("c1", None, "cherries")]);
    let records = [
        (ids[0], parsed(&a)),
        (FeedId(9999), parsed(&bad)),
        (ids[2], parsed(&c)),
    ];
    let results = store.record_fetches(&records, at(NOW));
    assert!(results[0].is_ok());
    assert!(matches!(results[1], Err(StoreError::NoSuchFeed(9999))));
    assert!(results[2].is_ok());
    let titles: Vec<String> = all(&store).into_iter().map(|a| a.title).collect();
    assert_eq!(titles.len(), 2, "{titles:?}");
    assert_eq!(fts_hits(&store, "xylophones"), 0);
    assert_eq!(fts_hits(&store, "cherries"), 1);
    fts_consistent(&store);
}

/// The same feed twice in one batch: the second document updates what the first inserted,
/// and the index must hold only the new words.
#[test]
fn the_same_feed_twice_in_a_batch_keeps_the_index_right() {
    let (mut store, ids) = three_feeds();
    let first = doc(vec![item("a1", None, "apples")]);
    let second = doc(vec![item("a1", None, "avocados")]);
    let records = [(ids[0], parsed(&first)), (ids[0], parsed(&second))];
    let results = store.record_fetches(&records, at(NOW));
    assert_eq!(results[0].as_ref().unwrap(), &stats(1, 0, 0));
    assert_eq!(results[1].as_ref().unwrap(), &stats(0, 1, 0));
    assert_eq!(fts_hits(&store, "apples"), 0);
    assert_eq!(fts_hits(&store, "avocados"), 1);
    fts_consistent(&store);
}

/// A batch keeps reading state: an update in a batch never marks an article unread.
#[test]
fn a_batch_keeps_read_and_starred() {
    let (mut store, ids) = three_feeds();
    let first = doc(vec![item("a1", None, "apples")]);
    store.record_fetch(ids[0], parsed(&first), at(NOW)).unwrap();
    let id = all(&store)[0].id;
    store.set_read(&[id], true).unwrap();
    store.set_starred(id, true).unwrap();
    let changed = doc(vec![item("a1", None, "apples and pears")]);
    let b = doc(vec![item("b1", None, "bananas")]);
    let results = store.record_fetches(
        &[(ids[0], parsed(&changed)), (ids[1], parsed(&b))],
        at(NOW + 60),
    );
    assert_eq!(results[0].as_ref().unwrap(), &stats(0, 1, 0));
    let article = all(&store).into_iter().find(|a| a.id == id).unwrap();
    assert!(article.read && article.starred);
    assert_eq!(fts_hits(&store, "pears"), 1);
    fts_consistent(&store);
}

/// Digests and bodies made beforehand ([`Prepared`]) are stored exactly as the store would
/// have made them, and a later refresh of the same document finds every article unchanged.
#[test]
fn prepared_articles_are_stored_as_the_store_would_store_them() {
    let (mut store, ids) = three_feeds();
    let long = "words that repeat and repeat so that zstd packs them ".repeat(20);
    let mut with_content = item("c1", Some("https://example.org/c1"), &long);
    with_content.content_html = Some(format!("<article><p>{long}</p></article>"));
    let items = vec![item("a1", None, "apples"), with_content];
    let a = doc(items.clone());
    let b = doc(items);
    let prepared = vec![Some(Prepared::of(&a).unwrap()), None];
    let results = store.record_fetches_prepared(
        &[(ids[0], parsed(&a)), (ids[1], parsed(&b))],
        &prepared,
        at(NOW),
    );
    assert_eq!(results[0].as_ref().unwrap(), &stats(2, 0, 0));
    assert_eq!(results[1].as_ref().unwrap(), &stats(2, 0, 0));
    let columns = |feed: FeedId| -> Vec<(Vec<u8>, Value, Value, Value, i64)> {
        store
            .conn
            .prepare(
                "SELECT content_hash, summary_html, content_html, text, text_words
                 FROM articles WHERE feed_id = ?1 ORDER BY guid",
            )
            .unwrap()
            .query_map([feed.0], |row| {
                Ok((
                    row.get(0)?,
                    row.get(1)?,
                    row.get(2)?,
                    row.get(3)?,
                    row.get(4)?,
                ))
            })
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap()
    };
    let (made_before, made_here) = (columns(ids[0]), columns(ids[1]));
    assert_eq!(made_before.len(), 2);
    assert_eq!(made_before, made_here);
    assert!(
        matches!(made_before[1].2, Value::Blob(_)),
        "the long body is packed"
    );
    assert_eq!(fts_hits(&store, "apples"), 2);
    fts_consistent(&store);

    // Again, prepared: nothing changed.
    let again = vec![Some(Prepared::of(&a).unwrap())];
    let results = store.record_fetches_prepared(&[(ids[0], parsed(&a))], &again, at(NOW + 60));
    assert_eq!(results[0].as_ref().unwrap(), &stats(0, 0, 2));
}

/// Bodies prepared for another document are not used.
#[test]
fn prepared_articles_of_another_document_are_ignored() {
    let (mut store, ids) = three_feeds();
    let a = doc(vec![
        item("a1", None, "apples"),
        item("a2", None, "apricots"),
    ]);
    let other = doc(vec![
        item("x1", None, "xylophones"),
        item("x2", None, "xenon"),
    ]);
    let prepared = vec![Some(Prepared::of(&other).unwrap())];
    let results = store.record_fetches_prepared(&[(ids[0], parsed(&a))], &prepared, at(NOW));
    assert_eq!(results[0].as_ref().unwrap(), &stats(2, 0, 0));
    assert_eq!(fts_hits(&store, "apricots"), 1);
    assert_eq!(fts_hits(&store, "xylophones"), 0);
}
