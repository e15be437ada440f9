//! Tests of the cache's size: the compressed-bodies migration keeps every byte and state of
//! an older cache, the contentless full-text index stays right through changes and prunes,
//! a prune goes in steps, and a new cache gives freed pages back.

use chrono::{DateTime, Utc};
use rusqlite::params;

use super::migrations;
use super::*;
use crate::model::{ArticleId, FeedSpec, NewArticle, ParsedFeed};

const NOW: i64 = 1_750_000_000;

fn at(secs: i64) -> DateTime<Utc> {
    DateTime::from_timestamp(secs, 0).unwrap()
}

/// An article body of `words` words with a marker word, as HTML and as its text.
fn body(n: usize, words: usize) -> (String, String) {
    let text: Vec<String> = (0..words)
        .map(|i| match i % 7 {
            0 => format!("marker{n}"),
            1 => "Ljubljana".into(),
            2 => "ministers".into(),
            3 => "agreed".into(),
            4 => format!("w{}", (i * 31 + n) % 97),
            5 => "on".into(),
            _ => "Tuesday".into(),
        })
        .collect();
    let text = text.join(" ");
    (
        format!("<p>{}</p>", text.replace(" agreed ", " <b>agreed</b> ")),
        text,
    )
}

fn item(n: usize, words: usize) -> NewArticle {
    let (html, text) = body(n, words);
    NewArticle {
        guid: format!("g{n}"),
        title: format!("Story {n}"),
        link: Some(format!("https://news.example/{n}")),
        authors: vec!["Ann Author".into()],
        published: Some(at(NOW - 3600 * n as i64)),
        updated: None,
        summary_html: Some(format!(
            "<p>Summary of story {n}, long enough to be worth packing on its own line.</p>"
        )),
        content_html: Some(html),
        text,
        enclosures: vec![],
        categories: vec!["news".into()],
    }
}

fn hits(store: &Store, query: &str) -> i64 {
    store
        .conn
        .query_row(
            "SELECT count(*) FROM articles_fts WHERE articles_fts MATCH ?1",
            [query],
            |r| r.get(0),
        )
        .unwrap()
}

/// A cache as the step before this one left it (plain bodies, external-content index), with
/// read and starred marks, mentions and a fetched page, opens with every byte and mark kept,
/// bodies packed, and the contentless index finding what the old one found.
#[test]
fn an_older_cache_is_packed_without_losing_anything() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("cache.db");
    // The version before the step that packs the bodies (later steps come after it).
    let packing = migrations::MIGRATIONS
        .iter()
        .position(|step| step.contains("UPDATE articles SET text = dl_pack("))
        .unwrap();
    Store::create_at_version(&path, packing).unwrap();
    let items: Vec<NewArticle> = (1..=4).map(|n| item(n, 300)).collect();
    {
        let conn = rusqlite::Connection::open(&path).unwrap();
        conn.execute_batch(
            "INSERT INTO feeds (id, url, feed_title, position, active)
                VALUES (1, 'https://news.example/feed', 'News', 0, 1);
             INSERT INTO entities (id, kind, name, folded, country)
                VALUES (7, 'place', 'Ljubljana', 'ljubljana', 'SI');",
        )
        .unwrap();
        for (i, a) in items.iter().enumerate() {
            let id = i as i64 + 1;
            conn.execute(
                "INSERT INTO articles (id, feed_id, guid, link, title, authors, published,
                    summary_html, content_html, text, read, read_at, starred, first_seen,
                    content_hash)
                 VALUES (?1, 1, ?2, ?3, ?4, '[\"Ann Author\"]', ?5, ?6, ?7, ?8, ?9, ?10, ?11,
                    ?5, x'01')",
                params![
                    id,
                    a.guid,
                    a.link,
                    a.title,
                    a.published.unwrap().timestamp(),
                    a.summary_html,
                    a.content_html,
                    a.text,
                    id % 2 == 0,
                    (id % 2 == 0).then_some(NOW - 100),
                    id == 3
                ],
            )
            .unwrap();
            conn.execute(
                "INSERT INTO mentions (article, entity, start, end) VALUES (?1, 7, 2, 11)",
                [id],
            )
            .unwrap();
            conn.execute(
                "INSERT INTO extractions (article, model_version, extracted_at)
                 VALUES (?1, 'm1', 0)",
                [id],
            )
            .unwrap();
        }
        conn.execute(
            "INSERT INTO pages (article, url, fetched_at, html, text)
             VALUES (2, 'https://news.example/2', 0, ?1, ?2)",
            params![
                format!(
                    "<p>{}</p>",
                    "pagebody words of the fetched page ".repeat(20)
                ),
                "pagebody words of the fetched page ".repeat(20)
            ],
        )
        .unwrap();
        conn.execute(
            "INSERT INTO articles_fts (articles_fts) VALUES ('rebuild')",
            [],
        )
        .unwrap();
    }

    let store = Store::open(&path).unwrap();
    assert_eq!(store.integrity_check().unwrap(), "ok");
    assert_eq!(store.check_search_index().unwrap(), health::IndexCheck::Ok);
    for (i, a) in items.iter().enumerate() {
        let id = i as i64 + 1;
        let stored = store.article(ArticleId(id)).unwrap();
        assert_eq!(stored.text, a.text);
        assert_eq!(stored.content_html, a.content_html);
        assert_eq!(stored.summary_html, a.summary_html);
        assert_eq!((stored.read, stored.starred), (id % 2 == 0, id == 3));
        assert_eq!(store.mentions(ArticleId(id)).unwrap().len(), 1);
        let kinds: (String, String) = store
            .conn
            .query_row(
                "SELECT typeof(text), typeof(content_html) FROM articles WHERE id = ?1",
                [id],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .unwrap();
        assert_eq!(kinds, ("blob".to_string(), "blob".to_string()));
        assert_eq!(hits(&store, &format!("marker{}", id)), 1);
    }
    assert_eq!(store.entity_totals().unwrap(), (4, 1, 4));
    let page = store.article_page(ArticleId(2)).unwrap().unwrap();
    assert!(page.text.starts_with("pagebody words"));
    assert_eq!(hits(&store, "pagebody"), 1);
    assert_eq!(hits(&store, "ljubljana"), 4);
    assert_eq!(hits(&store, "\"ljubljana ministers agreed\""), 4);
    assert_eq!(hits(&store, "\"ministers on\""), 0);
    // The text the extractor reads is the page's where there is one.
    let texts = store
        .texts_to_extract(&[ArticleId(1), ArticleId(2)], "m2")
        .unwrap();
    assert_eq!(texts[0].1, items[0].text);
    assert!(texts[1].1.starts_with("pagebody"));
}

/// Changed and pruned articles leave the contentless index by rowid alone, and a prune in
/// steps deletes what one step at a time would, leaving tombstones.
#[test]
fn the_index_follows_updates_and_a_prune_in_steps() {
    let mut store = Store::open_in_memory().unwrap();
    store
        .sync_feeds(&[FeedSpec {
            url: "https://news.example/feed".into(),
            title: None,
            tags: vec![],
        }])
        .unwrap();
    let feed = store.feeds().unwrap()[0].id;
    let first = ParsedFeed {
        title: Some("News".into()),
        site_link: None,
        articles: (1..=12).map(|n| item(n, 120)).collect(),
    };
    let record = |doc| FetchRecord::Parsed {
        feed: doc,
        etag: None,
        last_modified: None,
        moved_to: None,
    };
    store
        .record_fetch(feed, record(&first), at(NOW - 40 * 86_400))
        .unwrap();
    // Story 1 changes: its old words leave the index.
    let mut second = first.clone();
    second.articles[0].text = "rewritten entirely".repeat(10);
    second.articles[0].content_html = Some("<p>rewritten</p>".into());
    store
        .record_fetch(feed, record(&second), at(NOW - 39 * 86_400))
        .unwrap();
    assert_eq!(hits(&store, "marker1"), 0);
    assert_eq!(hits(&store, "rewritten"), 1);
    assert_eq!(
        store.article(ArticleId(1)).unwrap().text,
        "rewritten entirely".repeat(10)
    );

    let ids: Vec<ArticleId> = (1..=10).map(ArticleId).collect();
    store
        .set_read_at(&ids, true, at(NOW - 30 * 86_400))
        .unwrap();
    assert_eq!(store.prune_step(7, at(NOW), 4).unwrap(), 4);
    assert_eq!(store.prune(7, at(NOW)).unwrap(), 6);
    assert_eq!(store.prune(7, at(NOW)).unwrap(), 0);
    assert_eq!(store.check_search_index().unwrap(), health::IndexCheck::Ok);
    assert_eq!(hits(&store, "ljubljana"), 2);
    let tombstones: i64 = store
        .conn
        .query_row("SELECT count(*) FROM tombstones", [], |r| r.get(0))
        .unwrap();
    assert_eq!(tombstones, 10);
    // A feed that still lists them does not bring them back.
    let stats = store
        .record_fetch(feed, record(&second), at(NOW + 60))
        .unwrap();
    assert_eq!(stats.new, 0);
}

/// A new cache is created with incremental auto-vacuum, and pages a prune freed go back to
/// the file system in steps.
#[test]
fn a_new_cache_shrinks_after_a_prune() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("cache.db");
    let mut store = Store::open(&path).unwrap();
    let mode: i64 = store
        .conn
        .query_row("PRAGMA auto_vacuum", [], |r| r.get(0))
        .unwrap();
    assert_eq!(mode, 2, "incremental");
    store
        .sync_feeds(&[FeedSpec {
            url: "https://news.example/feed".into(),
            title: None,
            tags: vec![],
        }])
        .unwrap();
    let feed = store.feeds().unwrap()[0].id;
    let doc = ParsedFeed {
        title: None,
        site_link: None,
        // Incompressible enough to take pages: every word different.
        articles: (1..=300)
            .map(|n| {
                let mut a = item(n, 50);
                a.text = (0..400)
                    .map(|i| format!("t{}x{} ", n * 7919 + i * 104_729, i))
                    .collect();
                a
            })
            .collect(),
    };
    store
        .record_fetch(
            feed,
            FetchRecord::Parsed {
                feed: &doc,
                etag: None,
                last_modified: None,
                moved_to: None,
            },
            at(NOW - 40 * 86_400),
        )
        .unwrap();
    let ids: Vec<ArticleId> = (1..=300).map(ArticleId).collect();
    store
        .set_read_at(&ids, true, at(NOW - 30 * 86_400))
        .unwrap();
    let (pages_before, _, _) = store.page_counts().unwrap();
    assert_eq!(store.prune(7, at(NOW)).unwrap(), 300);
    let (_, free, _) = store.page_counts().unwrap();
    assert!(free > 0);
    let mut left = free;
    let mut steps = 0;
    while left > 0 {
        let now_left = store.release_free_pages().unwrap();
        assert!(now_left < left);
        left = now_left;
        steps += 1;
    }
    // A step gives back up to 4,096 pages, not one (the pragma frees a page per row read).
    assert_eq!(steps, 1 + (free - 1) / 4096, "{free} free pages");
    let (pages_after, free_after, _) = store.page_counts().unwrap();
    assert_eq!(free_after, 0);
    assert!(
        pages_after * 4 < pages_before,
        "{pages_after} of {pages_before}"
    );
}

/// Every reader of a packed body unpacks it: the story grouper's lead is the article's text,
/// not the packed bytes (after the merge of stories and packing it read the bytes).
#[test]
fn the_story_grouper_reads_the_unpacked_text() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("cache.db")).unwrap();
    store
        .sync_feeds(&[FeedSpec {
            url: "https://news.example/feed".into(),
            title: None,
            tags: vec![],
        }])
        .unwrap();
    let feed = store.feeds().unwrap()[0].id;
    let doc = ParsedFeed {
        title: Some("News".into()),
        site_link: None,
        articles: vec![item(1, 300)],
    };
    let record = FetchRecord::Parsed {
        feed: &doc,
        etag: None,
        last_modified: None,
        moved_to: None,
    };
    store.record_fetch(feed, record, at(NOW)).unwrap();
    let packed: String = store
        .conn
        .query_row("SELECT typeof(text) FROM articles", [], |r| r.get(0))
        .unwrap();
    assert_eq!(packed, "blob", "the text is stored packed");
    let inputs = store.story_inputs(&[ArticleId(1)]).unwrap();
    assert_eq!(inputs.len(), 1);
    let text = &doc.articles[0].text;
    assert!(!inputs[0].lead.is_empty());
    assert!(text.starts_with(&inputs[0].lead), "{:?}", inputs[0].lead);
}
