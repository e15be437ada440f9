//! Tests that a prune is exact: it removes the prunable articles and everything that hangs
//! off them, keeps every other row and reading state as it was, leaves a sound file and a
//! full-text index that matches the articles, and fires the delete triggers other features
//! keep their counts with.

use chrono::{DateTime, Utc};
use rusqlite::params;

use super::*;
use crate::model::{ArticleId, EntityKind, FeedSpec, NewArticle};

const NOW: i64 = 1_750_000_000;

fn at(secs: i64) -> DateTime<Utc> {
    DateTime::from_timestamp(secs, 0).unwrap()
}

/// A cache of `n` articles over three feeds, first seen one hour apart (oldest first), with
/// text, mentions, stories and some pages; every third read 60 days ago, every seventh of
/// those also starred, and a few read just now.
fn cache(n: usize) -> Store {
    let mut store = Store::open_in_memory().unwrap();
    let specs: Vec<FeedSpec> = (0..3)
        .map(|f| FeedSpec {
            url: format!("https://news{f}.example/feed"),
            title: None,
            tags: vec![],
        })
        .collect();
    store.sync_feeds(&specs).unwrap();
    let feeds: Vec<_> = store.feeds().unwrap().iter().map(|f| f.id).collect();
    let batch: Vec<BulkArticle> = (0..n)
        .map(|i| {
            let first_seen = at(NOW - 90 * DAY + 3600 * i as i64);
            let read_at = match i % 3 {
                0 => Some(at(NOW - 60 * DAY)),
                1 if i % 10 == 1 => Some(at(NOW - 60)),
                _ => None,
            };
            BulkArticle {
                feed: feeds[(i * 7) % 3],
                article: NewArticle {
                    guid: format!("g{i}"),
                    title: format!("Story {i} in Ljubljana"),
                    link: (i % 5 != 0).then(|| format!("https://news.example/{}", i * 31 % n)),
                    authors: vec!["Ann Author".into()],
                    published: Some(first_seen),
                    updated: None,
                    summary_html: None,
                    content_html: Some(format!("<p>Ministers met in Ljubljana, marker{i}.</p>")),
                    text: format!("Ministers met in Ljubljana, marker{i}."),
                    enclosures: vec![],
                    categories: vec![],
                },
                read_at,
                starred: i % 3 == 0 && i % 7 == 0,
                first_seen,
            }
        })
        .collect();
    let ids = store.bulk_insert(&batch).unwrap();
    assert_eq!(ids.len(), n);
    let mentions: Vec<(ArticleId, Vec<NewMention>)> = ids
        .iter()
        .map(|&id| {
            let m = |canonical: &str, kind, start, end| NewMention {
                kind,
                canonical: canonical.into(),
                surface: canonical.into(),
                start,
                end,
                coords: None,
                country: None,
            };
            (
                id,
                vec![
                    m("Ljubljana", EntityKind::Place, 17, 26),
                    m("Ministers", EntityKind::Org, 0, 9),
                ],
            )
        })
        .collect();
    store
        .write_mentions_batch("test-model", &mentions, at(NOW - 80 * DAY))
        .unwrap();
    let slots: Vec<(ArticleId, StorySlot)> = ids
        .iter()
        .enumerate()
        .map(|(i, &id)| (id, StorySlot::New(i / 4)))
        .collect();
    store.set_stories(&slots, at(NOW - 80 * DAY)).unwrap();
    // Fetched pages: their words join the article's in the index, as the page fetcher does.
    let paged: Vec<i64> = ids.iter().step_by(11).map(|id| id.0).collect();
    for id in &paged {
        store
            .conn
            .execute(
                "INSERT INTO pages (article, url, fetched_at, text) VALUES (?1, 'https://p', 0, 'page words')",
                [id],
            )
            .unwrap();
    }
    let paged = serde_json::to_string(&paged).unwrap();
    store.conn.execute(FTS_UNINDEX, [&paged]).unwrap();
    store.conn.execute(FTS_INDEX, [&paged]).unwrap();
    assert_eq!(store.check_search_index().unwrap(), IndexCheck::Ok);
    store
}

/// An article's id, read, starred, read time, feed, mentions, extraction markers and story.
type ArticleState = (i64, i64, i64, Option<i64>, i64, i64, i64, i64);

/// Every kept article's state and the rows hanging off it, in id order.
fn kept_state(store: &Store) -> Vec<ArticleState> {
    let mut stmt = store
        .conn
        .prepare(
            "SELECT a.id, a.read, a.starred, a.read_at, a.feed_id,
                (SELECT count(*) FROM mentions m WHERE m.article = a.id),
                (SELECT count(*) FROM extractions e WHERE e.article = a.id),
                (SELECT story FROM article_stories s WHERE s.article = a.id)
             FROM articles a ORDER BY a.id",
        )
        .unwrap();
    stmt.query_map([], |r| {
        Ok((
            r.get(0)?,
            r.get(1)?,
            r.get(2)?,
            r.get(3)?,
            r.get(4)?,
            r.get(5)?,
            r.get(6)?,
            r.get(7)?,
        ))
    })
    .unwrap()
    .map(Result::unwrap)
    .collect()
}

fn count(store: &Store, sql: &str) -> i64 {
    store.conn.query_row(sql, [], |r| r.get(0)).unwrap()
}

#[test]
fn a_prune_keeps_everything_else_exactly() {
    let mut store = cache(600);
    // A counts table kept by triggers, as per-feed counts are: a prune must fire them.
    store
        .conn
        .execute_batch(
            "CREATE TABLE test_counts (feed_id INTEGER PRIMARY KEY, total INTEGER NOT NULL);
             INSERT INTO test_counts SELECT feed_id, count(*) FROM articles GROUP BY feed_id;
             CREATE TRIGGER test_counts_delete AFTER DELETE ON articles BEGIN
                 UPDATE test_counts SET total = total - 1 WHERE feed_id = old.feed_id;
             END;",
        )
        .unwrap();
    let before = kept_state(&store);
    let prunable: Vec<i64> = before
        .iter()
        .filter(|r| r.1 == 1 && r.2 == 0 && r.3 == Some(NOW - 60 * DAY))
        .map(|r| r.0)
        .collect();
    assert!(prunable.len() > 150, "{}", prunable.len());

    // Steps smaller than the work, so several run: hiding, then deleting.
    let mut pruned = 0;
    loop {
        let n = store.prune_step(30, at(NOW), 64).unwrap();
        pruned += n;
        if n < 64 {
            break;
        }
    }
    assert_eq!(pruned, prunable.len());
    let mut removed = 0;
    loop {
        let n = store.remove_pruned_step(30, at(NOW), 64).unwrap();
        removed += n;
        if n < 64 {
            break;
        }
    }
    assert_eq!(removed, prunable.len());

    let expected: Vec<_> = before
        .iter()
        .filter(|r| !prunable.contains(&r.0))
        .cloned()
        .collect();
    assert_eq!(kept_state(&store), expected);
    assert_eq!(store.integrity_check().unwrap(), "ok");
    assert_eq!(store.check_search_index().unwrap(), IndexCheck::Ok);
    assert_eq!(
        count(&store, "SELECT count(*) FROM tombstones"),
        prunable.len() as i64
    );
    for orphans in [
        "SELECT count(*) FROM mentions WHERE article NOT IN (SELECT id FROM articles)",
        "SELECT count(*) FROM extractions WHERE article NOT IN (SELECT id FROM articles)",
        "SELECT count(*) FROM article_stories WHERE article NOT IN (SELECT id FROM articles)",
        "SELECT count(*) FROM pages WHERE article NOT IN (SELECT id FROM articles)",
        "SELECT count(*) FROM sync_items WHERE article NOT IN (SELECT id FROM articles)",
    ] {
        assert_eq!(count(&store, orphans), 0, "{orphans}");
    }
    assert_eq!(
        count(
            &store,
            "SELECT count(*) FROM test_counts c WHERE total <>
                (SELECT count(*) FROM articles a WHERE a.feed_id = c.feed_id)"
        ),
        0
    );
    let fk: i64 = store
        .conn
        .query_row("SELECT count(*) FROM pragma_foreign_key_check", [], |r| {
            r.get(0)
        })
        .unwrap();
    assert_eq!(fk, 0);
    // The step turns foreign keys off and holds the counts only while it runs.
    assert_eq!(count(&store, "PRAGMA foreign_keys"), 1);
    assert_eq!(count(&store, "SELECT count(*) FROM counts_held"), 0);
    assert_eq!(count(&store, "SELECT count(*) FROM prune_pending"), 0);
    // Search finds the kept articles only.
    let hits = count(
        &store,
        "SELECT count(*) FROM articles_fts WHERE articles_fts MATCH 'ljubljana'",
    );
    assert_eq!(hits, expected.len() as i64);
    let marker = format!("marker{}", prunable[0] - 1);
    let found: i64 = store
        .conn
        .query_row(
            "SELECT count(*) FROM articles_fts WHERE articles_fts MATCH ?1",
            params![marker],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(found, 0);
}

#[test]
fn a_prune_deletes_from_every_table_that_refers_to_articles() {
    // The prune runs with foreign keys off: a table added later with a foreign key to
    // `articles` must be added to its list, or its rows would outlive their articles.
    let store = Store::open_in_memory().unwrap();
    let mut stmt = store
        .conn
        .prepare(
            "SELECT m.name FROM sqlite_schema m, pragma_foreign_key_list(m.name) f
             WHERE m.type = 'table' AND f.\"table\" = 'articles' ORDER BY m.name",
        )
        .unwrap();
    let children: Vec<String> = stmt
        .query_map([], |r| r.get(0))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    let mut listed: Vec<String> = super::prune::ARTICLE_CHILDREN
        .iter()
        .map(|sql| sql.split_whitespace().nth(2).unwrap().to_string())
        .collect();
    listed.sort();
    assert_eq!(listed, children);
}

/// The articles shown: what the feeds pane counts and what the list holds.
fn shown(store: &Store) -> (i64, usize) {
    let counted = store
        .feeds()
        .unwrap()
        .iter()
        .map(|f| i64::from(f.total))
        .sum();
    let now = at(NOW).fixed_offset();
    let listed = store
        .query_articles(&crate::query::Query::default(), now, None, 0)
        .unwrap()
        .len();
    (counted, listed)
}

#[test]
fn a_prune_hides_at_once_and_deletes_afterwards() {
    let mut store = cache(300);
    let all = count(&store, "SELECT count(*) FROM articles");
    assert_eq!(shown(&store), (all, all as usize));

    // Hiding: from its commit on, the articles are in no list or count, their rows kept.
    let hidden = store.prune_step(30, at(NOW), 1_000).unwrap();
    assert!(hidden > 50, "{hidden}");
    let left = all - hidden as i64;
    assert_eq!(shown(&store), (left, left as usize));
    super::count_tests::assert_counts_exact(&store, "a prune's hiding");
    assert_eq!(count(&store, "SELECT count(*) FROM articles"), all);
    assert_eq!(
        count(&store, "SELECT count(*) FROM prune_pending"),
        hidden as i64
    );
    assert_eq!(store.prune_step(30, at(NOW), 1_000).unwrap(), 0);
    assert!(store.prune_pending().unwrap());

    // Ignore rules recomputed (all removed) meanwhile: the pruned stay hidden.
    store.hide_queries(&[], at(NOW).fixed_offset()).unwrap();
    assert_eq!(shown(&store), (left, left as usize));

    // A sync marks one of them unread before its row goes: it is kept, and shown again.
    let back: i64 = count(&store, "SELECT min(article) FROM prune_pending");
    store.set_read(&[ArticleId(back)], false).unwrap();

    let mut taken = 0;
    loop {
        let n = store.remove_pruned_step(30, at(NOW), 40).unwrap();
        taken += n;
        if n < 40 {
            break;
        }
    }
    assert_eq!(taken, hidden);
    assert!(!store.prune_pending().unwrap());
    super::count_tests::assert_counts_exact(&store, "a prune's deleting");
    assert_eq!(shown(&store), (left + 1, left as usize + 1));
    assert_eq!(count(&store, "SELECT count(*) FROM articles"), left + 1);
    assert_eq!(
        count(
            &store,
            &format!("SELECT count(*) FROM articles WHERE id = {back} AND hidden = 0 AND read = 0")
        ),
        1
    );
    assert_eq!(
        count(&store, "SELECT count(*) FROM tombstones"),
        hidden as i64 - 1
    );
    assert_eq!(store.check_search_index().unwrap(), IndexCheck::Ok);
    assert_eq!(store.integrity_check().unwrap(), "ok");
}

/// An article an ignore rule hid is pruned as any other once it is old and read; the rule
/// removed afterwards does not bring it back.
#[test]
fn a_prune_takes_articles_an_ignore_rule_hid() {
    let mut store = cache(120);
    let target: i64 = count(
        &store,
        &format!(
            "SELECT min(id) FROM articles WHERE read = 1 AND starred = 0 AND read_at = {}",
            NOW - 60 * DAY
        ),
    );
    let rule = crate::query::parse(&format!("\"marker{}\"", target - 1)).unwrap();
    assert_eq!(
        store.hide_queries(&[rule], at(NOW).fixed_offset()).unwrap(),
        1
    );
    let prunable = count(
        &store,
        &format!(
            "SELECT count(*) FROM articles WHERE read = 1 AND starred = 0 AND read_at = {}",
            NOW - 60 * DAY
        ),
    );
    let hidden = store.prune(30, at(NOW)).unwrap();
    // The rule's article was counted out already: the prune hid the others.
    assert_eq!(hidden as i64, prunable - 1);
    assert_eq!(
        count(
            &store,
            &format!("SELECT count(*) FROM articles WHERE id = {target}")
        ),
        0
    );
    super::count_tests::assert_counts_exact(&store, "a prune of a hidden article");
}
