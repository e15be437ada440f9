//! The counts the triggers keep (migration 13) against a recount from the rows, after each
//! kind of write; and "who and where" from the kept counts against a count of the mentions.

use std::collections::HashMap;

use chrono::{DateTime, Duration, TimeZone, Utc};
use rusqlite::Connection;

use super::entities::tests::m;
use super::*;
use crate::model::{EntityKind, NewArticle};
use crate::query::{Query, parse};

const NOW: i64 = 1_790_000_000;

fn t(secs: i64) -> DateTime<Utc> {
    Utc.timestamp_opt(NOW + secs, 0).single().unwrap()
}

/// (feed, entity) → (mentions, articles), rows at zero left out.
type EntityCounts = HashMap<(i64, i64), (i64, i64)>;

fn rows<T>(conn: &Connection, sql: &str, f: impl Fn(&Row<'_>) -> rusqlite::Result<T>) -> Vec<T> {
    let mut stmt = conn.prepare(sql).unwrap();
    stmt.query_map([], f)
        .unwrap()
        .collect::<Result<Vec<_>, _>>()
        .unwrap()
}

/// Fails unless every kept count equals a count of the rows it stands for.
pub(crate) fn assert_counts_exact(store: &Store, after: &str) {
    let conn = &store.conn;
    let feeds = |sql: &str| -> HashMap<i64, (i64, i64)> {
        rows(conn, sql, |r| Ok((r.get(0)?, (r.get(1)?, r.get(2)?))))
            .into_iter()
            .filter(|(_, (total, unread))| *total != 0 || *unread != 0)
            .collect()
    };
    assert_eq!(
        feeds("SELECT feed_id, total, unread FROM feed_counts"),
        feeds(
            "SELECT feed_id, count(*), sum(read = 0) FROM articles WHERE hidden = 0
            GROUP BY feed_id"
        ),
        "feed counts after {after}"
    );
    let per_feed = |sql: &str| -> EntityCounts {
        rows(conn, sql, |r| {
            Ok(((r.get(0)?, r.get(1)?), (r.get(2)?, r.get(3)?)))
        })
        .into_iter()
        .filter(|(_, (mentions, articles))| *mentions != 0 || *articles != 0)
        .collect()
    };
    assert_eq!(
        per_feed("SELECT feed_id, entity, mentions, articles FROM entity_feed_counts"),
        per_feed(
            "SELECT a.feed_id, m.entity, count(*), count(DISTINCT m.article)
            FROM mentions m JOIN articles a ON a.id = m.article WHERE a.hidden = 0
            GROUP BY a.feed_id, m.entity"
        ),
        "entity counts per feed after {after}"
    );
    assert_eq!(
        per_feed("SELECT 0, entity, mentions, articles FROM entity_counts"),
        per_feed(
            "SELECT 0, m.entity, count(*), count(DISTINCT m.article)
            FROM mentions m JOIN articles a ON a.id = m.article WHERE a.hidden = 0
            GROUP BY m.entity"
        ),
        "entity counts after {after}"
    );
}

fn item(guid: &str, title: &str, text: &str, hours_ago: i64) -> NewArticle {
    NewArticle {
        guid: guid.into(),
        title: title.into(),
        link: Some(format!("https://example.org/{guid}")),
        authors: Vec::new(),
        published: Some(t(-hours_ago * 3_600)),
        updated: None,
        summary_html: None,
        content_html: None,
        text: text.into(),
        enclosures: Vec::new(),
        categories: Vec::new(),
    }
}

fn fetch(store: &mut Store, feed: FeedId, items: Vec<NewArticle>, at: DateTime<Utc>) {
    let doc = ParsedFeed {
        title: None,
        site_link: None,
        articles: items,
    };
    let record = FetchRecord::Parsed {
        feed: &doc,
        etag: None,
        last_modified: None,
        moved_to: None,
    };
    store.record_fetch(feed, record, at).unwrap();
}

fn spec(url: &str, tags: &[&str]) -> FeedSpec {
    FeedSpec {
        url: url.into(),
        title: None,
        tags: tags.iter().map(|t| t.to_string()).collect(),
    }
}

/// Two feeds ("world" and "sport"), three articles each.
fn two_feeds() -> (Store, Vec<FeedId>, Vec<ArticleId>) {
    let mut store = Store::open_in_memory().unwrap();
    store
        .sync_feeds(&[
            spec("https://a.example/feed", &["world"]),
            spec("https://b.example/feed", &["sport"]),
        ])
        .unwrap();
    let feeds: Vec<FeedId> = store.feeds().unwrap().iter().map(|f| f.id).collect();
    for (n, feed) in feeds.iter().enumerate() {
        let items = (0..3)
            .map(|i| {
                let guid = format!("f{n}-{i}");
                item(&guid, &format!("Story {guid}"), "Oslo and Bergen", i)
            })
            .collect();
        fetch(&mut store, *feed, items, t(0));
    }
    let ids = rows(&store.conn, "SELECT id FROM articles ORDER BY id", |r| {
        Ok(ArticleId(r.get(0)?))
    });
    (store, feeds, ids)
}

fn mentions_of(i: usize) -> Vec<NewMention> {
    let p = EntityKind::Person;
    let mut v = vec![
        m(EntityKind::Place, "Oslo", "Oslo", 0),
        m(p, "Jens Stoltenberg", "Stoltenberg", 10),
    ];
    if i.is_multiple_of(2) {
        v.push(m(p, "Jens Stoltenberg", "Jens Stoltenberg", 30));
    }
    if i.is_multiple_of(3) {
        v.push(m(EntityKind::Org, "NATO", "NATO", 50));
    }
    v
}

#[test]
fn kept_counts_match_a_recount_after_every_kind_of_write() {
    let (mut store, feeds, ids) = two_feeds();
    assert_counts_exact(&store, "a refresh of new articles");
    let shown: Vec<(u32, u32)> = store
        .feeds()
        .unwrap()
        .iter()
        .map(|f| (f.unread, f.total))
        .collect();
    assert_eq!(
        shown,
        [(3, 3), (3, 3)],
        "the feeds pane reads the kept counts"
    );

    // Extraction: one article at a time, a batch, and writing again over it.
    store
        .write_mentions(ids[0], "v1", &mentions_of(0), t(0))
        .unwrap();
    assert_counts_exact(&store, "one article's mentions");
    let batch: Vec<_> = ids
        .iter()
        .enumerate()
        .map(|(i, id)| (*id, mentions_of(i)))
        .collect();
    store.write_mentions_batch("v1", &batch, t(0)).unwrap();
    assert_counts_exact(&store, "a batch of mentions");
    store
        .write_mentions(
            ids[1],
            "v1",
            &[m(EntityKind::Person, "Macron", "Macron", 0)],
            t(0),
        )
        .unwrap();
    assert_counts_exact(&store, "mentions written again");
    // "Emmanuel Macron" absorbs the lone surname: its mentions move to the full name.
    store
        .write_mentions(
            ids[2],
            "v1",
            &[
                m(EntityKind::Person, "Macron", "Macron", 0),
                m(EntityKind::Person, "Emmanuel Macron", "Emmanuel Macron", 20),
            ],
            t(0),
        )
        .unwrap();
    assert_counts_exact(&store, "an entity merged into another");

    // Reading state: one by one, back, a whole query, and its undo.
    store.set_read(&ids[..2], true).unwrap();
    assert_counts_exact(&store, "marks read");
    store.set_read(&ids[1..2], false).unwrap();
    assert_counts_exact(&store, "a mark unread");
    let now = t(0).fixed_offset();
    let changed = store
        .mark_query_read_ids(&parse("tag:sport").unwrap(), now, true)
        .unwrap();
    assert_eq!(changed.len(), 3);
    assert_counts_exact(&store, "mark all read");
    store.set_read(&changed, false).unwrap();
    assert_counts_exact(&store, "mark all read undone");
    store.set_starred(ids[4], true).unwrap();
    assert_counts_exact(&store, "a star");

    // A refresh that changes an article's text (its mentions go) and adds one.
    fetch(
        &mut store,
        feeds[0],
        vec![
            item("f0-0", "Story f0-0", "Oslo, Bergen and Tromsø", 0),
            item("f0-9", "A new one", "Oslo", 0),
        ],
        t(60),
    );
    assert_counts_exact(&store, "a refresh that changed an article");

    // A fetched page drops the article's mentions until it is extracted again.
    let page = crate::model::ArticlePage {
        url: "https://example.org/f1-0".into(),
        title: None,
        byline: None,
        published: None,
        lang: None,
        image: None,
        html: "<p>The whole story of Oslo</p>".into(),
        text: "The whole story of Oslo".into(),
    };
    assert!(
        store
            .record_page(ids[3], "https://example.org/f1-0", Ok(&page), t(60))
            .unwrap()
    );
    assert_counts_exact(&store, "a fetched page");

    // Ignore rules: hide, show again, drop.
    let hide = [parse("tag:world").unwrap()];
    assert_eq!(store.hide_queries(&hide, now).unwrap(), 4);
    assert_counts_exact(&store, "articles hidden");
    assert_eq!(
        store.feeds().unwrap()[0].total,
        0,
        "hidden articles are not counted"
    );
    store
        .write_mentions(ids[0], "v1", &mentions_of(0), t(60))
        .unwrap();
    assert_counts_exact(&store, "mentions of a hidden article");
    store.set_read(&ids[..1], false).unwrap();
    assert_counts_exact(&store, "a hidden article marked");
    store.hide_queries(&[], now).unwrap();
    assert_counts_exact(&store, "articles shown again");
    store
        .drop_query(&parse("\"Tromsø\"").unwrap(), now)
        .unwrap();
    assert_counts_exact(&store, "an article dropped");

    // Prune the read ones.
    store.set_read_at(&ids[1..3], true, t(0)).unwrap();
    let pruned = store.prune(1, t(0) + Duration::days(30)).unwrap();
    assert!(pruned >= 2, "{pruned}");
    assert_counts_exact(&store, "a prune");

    // Import of another cache's state: read marks and starred articles.
    let (mut other, _, other_ids) = two_feeds();
    other.set_read(&other_ids[..4], true).unwrap();
    other.set_starred(other_ids[5], true).unwrap();
    let state = other.export_state(t(0)).unwrap();
    store.import_state(&state).unwrap();
    assert_counts_exact(&store, "an import of state");

    // Generated articles (the benches' bulk load), read and unread.
    let bulk: Vec<BulkArticle> = (0..4)
        .map(|i| BulkArticle {
            feed: feeds[1],
            article: item(&format!("bulk-{i}"), "Bulk", "Oslo", 2),
            read_at: (i % 2 == 0).then(|| t(0)),
            starred: false,
            first_seen: t(0),
        })
        .collect();
    store.bulk_insert(&bulk).unwrap();
    assert_counts_exact(&store, "a bulk insert");

    // Entities no article mentions any more go.
    store.forget_extractions().unwrap();
    store.write_mentions(ids[4], "v1", &[], t(90)).unwrap();
    store.delete_orphaned_entities().unwrap();
    assert_counts_exact(&store, "orphaned entities deleted");
}

#[test]
fn counts_of_an_older_cache_are_filled_by_the_migration() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("cache.db");
    // Every step before the one that keeps the counts (found by its text).
    let counting = migrations::MIGRATIONS
        .iter()
        .position(|step| step.contains("CREATE TABLE feed_counts"))
        .unwrap();
    Store::create_at_version(&path, counting).unwrap();
    {
        let conn = Connection::open(&path).unwrap();
        codec::register(&conn).unwrap();
        conn.execute_batch(
            "INSERT INTO feeds (id, url) VALUES (1, 'a'), (2, 'b');
            INSERT INTO articles (id, feed_id, guid, title, published, first_seen, content_hash,
                read, hidden)
            VALUES (1, 1, 'g1', 't', 0, 0, x'00', 0, 0), (2, 1, 'g2', 't', 0, 0, x'00', 1, 0),
                (3, 2, 'g3', 't', 0, 0, x'00', 0, 1), (4, 2, 'g4', 't', 0, 0, x'00', 0, 0);
            INSERT INTO entities (id, kind, name, folded) VALUES (1, 'place', 'Oslo', 'oslo'),
                (2, 'person', 'Ann', 'ann');
            INSERT INTO mentions VALUES (1, 1, 0, 4), (1, 1, 9, 13), (2, 1, 0, 4), (3, 2, 0, 3),
                (4, 2, 0, 3), (4, 1, 5, 9);",
        )
        .unwrap();
    }
    let store = Store::open(&path).unwrap();
    assert_counts_exact(&store, "the migration");
    let kept: Vec<(i64, i64, i64)> = rows(
        &store.conn,
        "SELECT feed_id, total, unread FROM feed_counts ORDER BY feed_id",
        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
    );
    assert_eq!(kept, [(1, 2, 1), (2, 1, 1)]);
}

/// The top entities counted from the mentions of the query's articles: what the kept
/// counts must give.
fn counted(store: &Store, kind: Option<EntityKind>, query: &str, limit: u32) -> Vec<EntityCount> {
    let q = parse(query).unwrap();
    store.counted(kind, &q, t(0).fixed_offset(), limit).unwrap()
}

#[test]
fn who_and_where_from_kept_counts_is_the_count_of_the_mentions() {
    let (mut store, feeds, ids) = two_feeds();
    let batch: Vec<_> = ids
        .iter()
        .enumerate()
        .map(|(i, id)| (*id, mentions_of(i)))
        .collect();
    store.write_mentions_batch("v1", &batch, t(0)).unwrap();
    // A third feed, its articles mentioning Bergen many times, then no longer configured:
    // its counts must come off every entity.
    store
        .sync_feeds(&[
            spec("https://a.example/feed", &["world"]),
            spec("https://b.example/feed", &["sport"]),
            spec("https://c.example/feed", &[]),
        ])
        .unwrap();
    let third = store.feeds().unwrap()[2].id;
    fetch(
        &mut store,
        third,
        vec![item("c-0", "Bergen", "Bergen", 0)],
        t(0),
    );
    let c0 = rows(&store.conn, "SELECT max(id) FROM articles", |r| {
        Ok(ArticleId(r.get(0)?))
    })[0];
    let bergen: Vec<NewMention> = (0..12)
        .map(|i| m(EntityKind::Place, "Bergen", "Bergen", i * 10))
        .chain([m(
            EntityKind::Person,
            "Jens Stoltenberg",
            "Stoltenberg",
            100,
        )])
        .collect();
    store.write_mentions(c0, "v1", &bergen, t(0)).unwrap();
    let now = t(0).fixed_offset();
    let all = Query::default();
    for limit in [1, 2, 3, 10] {
        assert_eq!(
            store.top_entities(None, Some((&all, now)), limit).unwrap(),
            counted(&store, None, "", limit),
            "all three feeds, limit {limit}"
        );
    }
    assert_eq!(store.top_entities(None, None, 1).unwrap()[0].name, "Bergen");
    store
        .sync_feeds(&[
            spec("https://a.example/feed", &["world"]),
            spec("https://b.example/feed", &["sport"]),
        ])
        .unwrap();
    for limit in [1, 2, 3, 10] {
        let kept = store.top_entities(None, Some((&all, now)), limit).unwrap();
        assert_eq!(kept, counted(&store, None, "", limit), "limit {limit}");
        assert!(kept.iter().all(|e| e.name != "Bergen"), "{kept:?}");
    }
    for kind in [EntityKind::Person, EntityKind::Place, EntityKind::Org] {
        assert_eq!(
            store.top_entities(Some(kind), None, 10).unwrap(),
            counted(&store, Some(kind), "", 10),
            "{kind:?}"
        );
    }
    // The feeds pane's scopes: a feed by its address, a tag, a title.
    let url = format!("url:{}", "https://b.example/feed");
    for scope in [url.as_str(), "tag:world", "feed:example", "tag:nothing"] {
        let q = parse(scope).unwrap();
        let top = store
            .top_entities_within(None, Some((&q, now)), 10, Some(1))
            .unwrap();
        assert_eq!(
            top.newest, None,
            "{scope}: read from kept counts, not bounded"
        );
        assert_eq!(top.entities, counted(&store, None, scope, 10), "{scope}");
    }
    // Hidden articles count nowhere.
    store
        .hide_queries(&[parse("tag:sport").unwrap()], now)
        .unwrap();
    assert_eq!(
        store.top_entities(None, None, 10).unwrap(),
        counted(&store, None, "", 10)
    );
    let _ = feeds;
}

#[test]
fn a_filtered_list_is_counted_over_its_newest_articles_when_bounded() {
    let (mut store, _, ids) = two_feeds();
    let batch: Vec<_> = ids
        .iter()
        .enumerate()
        .map(|(i, id)| (*id, mentions_of(i)))
        .collect();
    store.write_mentions_batch("v1", &batch, t(0)).unwrap();
    let now = t(0).fixed_offset();
    let q = parse("oslo").unwrap();
    let whole = store
        .top_entities_within(None, Some((&q, now)), 10, None)
        .unwrap();
    assert_eq!(whole.newest, None);
    assert_eq!(whole.entities, counted(&store, None, "oslo", 10));
    let enough = store
        .top_entities_within(None, Some((&q, now)), 10, Some(6))
        .unwrap();
    assert_eq!(enough, whole, "six articles: all of them counted");
    // The two newest (one per feed, an hour apart from the rest) are ids[0] and ids[3].
    let two = store
        .top_entities_within(None, Some((&q, now)), 10, Some(2))
        .unwrap();
    assert_eq!(two.newest, Some(2));
    let stoltenberg = two
        .entities
        .iter()
        .find(|e| e.name == "Jens Stoltenberg")
        .unwrap();
    assert_eq!((stoltenberg.mentions, stoltenberg.articles), (3, 2));
    let nato = two.entities.iter().find(|e| e.name == "NATO").unwrap();
    assert_eq!((nato.mentions, nato.articles), (2, 2));
}
