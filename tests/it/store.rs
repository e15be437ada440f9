//! Integration tests: store. The cache on real files: migration from an older schema, two
//! connections writing at once, a writer killed half-way, and a timing run for 25,000 articles.

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Command, Stdio};
use std::thread;
use std::time::{Duration, Instant};

use chrono::{DateTime, TimeZone, Utc};
use dateline::model::{ArticleId, ArticleSummary, FeedId, FeedSpec, NewArticle, ParsedFeed};
use dateline::store::{FetchRecord, Store, StoreError};

const NOW: i64 = 1_700_000_000;

fn at(secs: i64) -> DateTime<Utc> {
    Utc.timestamp_opt(secs, 0).single().unwrap()
}

fn specs(n: usize) -> Vec<FeedSpec> {
    (0..n)
        .map(|i| FeedSpec {
            url: format!("https://feeds{i}.example/rss.xml"),
            title: None,
            tags: vec![format!("tag{}", i % 7)],
        })
        .collect()
}

/// An article of about `html_bytes` of HTML (and the matching text).
fn article(guid: &str, title: &str, html_bytes: usize) -> NewArticle {
    let para = format!("<p>{title}: a paragraph of plain reporting, nothing to see here.</p>\n");
    let html = para.repeat(html_bytes / para.len() + 1);
    NewArticle {
        guid: guid.to_string(),
        title: title.to_string(),
        link: Some(format!("https://example.org/{guid}")),
        authors: vec!["A. Writer".to_string()],
        published: Some(at(NOW - 3600)),
        updated: None,
        summary_html: None,
        text: html.replace("<p>", "").replace("</p>", ""),
        content_html: Some(html),
        enclosures: Vec::new(),
        categories: vec!["world".to_string()],
    }
}

fn parsed(articles: Vec<NewArticle>) -> ParsedFeed {
    ParsedFeed {
        title: Some("A feed".to_string()),
        site_link: Some("https://example.org/".to_string()),
        articles,
    }
}

fn record(feed: &ParsedFeed) -> FetchRecord<'_> {
    FetchRecord::Parsed {
        feed,
        etag: None,
        last_modified: None,
        moved_to: None,
    }
}

/// The articles `query` selects, newest first (at most `limit`).
fn select(store: &Store, query: &str, limit: Option<u32>) -> Vec<ArticleSummary> {
    let query = dateline::query::parse(query).unwrap();
    let now = at(NOW).fixed_offset();
    store.query_articles(&query, now, limit, 0).unwrap()
}

fn user_version(path: &Path) -> i64 {
    let conn = rusqlite::Connection::open(path).unwrap();
    conn.query_row("PRAGMA user_version", [], |r| r.get(0))
        .unwrap()
}

fn has_table(path: &Path, name: &str) -> bool {
    let conn = rusqlite::Connection::open(path).unwrap();
    conn.query_row(
        "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = ?1",
        [name],
        |r| r.get::<_, i64>(0),
    )
    .unwrap()
        == 1
}

#[test]
fn a_version_1_cache_migrates_with_its_data() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("cache.db");
    Store::create_at_version(&path, 1).unwrap();
    assert_eq!(user_version(&path), 1);
    assert!(!has_table(&path, "tombstones"));

    // Fill it as a version-1 dateline would have.
    {
        let conn = rusqlite::Connection::open(&path).unwrap();
        conn.execute_batch(
            "INSERT INTO feeds (id, url, feed_title, position, active)
                VALUES (1, 'https://old.example/feed', 'Old Feed', 0, 1);
             INSERT INTO feed_tags (feed_id, tag, position) VALUES (1, 'kept', 0);",
        )
        .unwrap();
        let mut insert = conn
            .prepare(
                "INSERT INTO articles (feed_id, guid, link, title, authors, published, text,
                    read, starred, first_seen, content_hash)
                 VALUES (1, ?1, ?2, ?3, '[\"Old Hand\"]', ?4, 'old text', ?5, ?6, ?4, x'00')",
            )
            .unwrap();
        for (guid, read, starred, age_days) in [
            ("g1", true, false, 60),
            ("g2", true, true, 60),
            ("g3", false, false, 1),
        ] {
            insert
                .execute(rusqlite::params![
                    guid,
                    format!("https://old.example/{guid}"),
                    format!("Old {guid}"),
                    NOW - age_days * 86_400,
                    read,
                    starred
                ])
                .unwrap();
        }
    }

    let mut store = Store::open(&path).unwrap();
    assert_eq!(store.integrity_check().unwrap(), "ok");
    let feeds = store.feeds().unwrap();
    assert_eq!(feeds.len(), 1);
    assert_eq!(feeds[0].title, "Old Feed");
    assert_eq!(feeds[0].tags, vec!["kept".to_string()]);
    assert_eq!((feeds[0].unread, feeds[0].total), (1, 3));
    let list = select(&store, "", None);
    assert_eq!(list.len(), 3);
    assert_eq!(list[0].title, "Old g3", "newest first");
    let g2 = list.iter().find(|a| a.title == "Old g2").unwrap();
    let full = store.article(g2.id).unwrap();
    assert!(full.read && full.starred);
    assert_eq!(full.authors, vec!["Old Hand".to_string()]);

    // The new schema works on the old rows: a refetch updates content, not reading state,
    // and pruning leaves tombstones.
    let feed = feeds[0].id;
    let mut again = article("g2", "Old g2 (revised)", 100);
    again.link = Some("https://old.example/g2".to_string());
    let stats = store
        .record_fetch(feed, record(&parsed(vec![again])), at(NOW))
        .unwrap();
    assert_eq!((stats.new, stats.updated, stats.unchanged), (0, 1, 0));
    let full = store.article(g2.id).unwrap();
    assert!(full.read && full.starred);
    assert_eq!(full.title, "Old g2 (revised)");
    // When they were read is unknown: they count as read when the cache was migrated, so
    // nothing read goes before keep_days have passed since.
    assert_eq!(
        store.prune(30, at(NOW)).unwrap(),
        0,
        "read just now, as far as we know"
    );
    assert_eq!(
        store
            .prune(30, Utc::now() + chrono::Duration::days(31))
            .unwrap(),
        1,
        "only the read, unstarred g1"
    );
    drop(store);

    assert!(user_version(&path) >= 2);
    assert!(has_table(&path, "tombstones"));
    // Opening again is a no-op.
    let store = Store::open(&path).unwrap();
    assert_eq!(select(&store, "", None).len(), 2);
}

#[test]
fn a_second_writer_waits_instead_of_failing() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("cache.db");
    let mut first = Store::open(&path).unwrap();
    first.sync_feeds(&specs(2)).unwrap();
    let feeds = first.feeds().unwrap();
    let doc = parsed(
        (0..5)
            .map(|i| article(&format!("g{i}"), "t", 200))
            .collect(),
    );
    first
        .record_fetch(feeds[0].id, record(&doc), at(NOW))
        .unwrap();
    let ids: Vec<ArticleId> = select(&first, "", None).iter().map(|a| a.id).collect();

    // Another connection holds the write lock for a while.
    let mut second = Store::open(&path).unwrap();
    let holder = rusqlite::Connection::open(&path).unwrap();
    holder
        .execute_batch("BEGIN IMMEDIATE; UPDATE feeds SET etag = 'held' WHERE id = 1;")
        .unwrap();
    let hold = Duration::from_millis(400);
    let releaser = thread::spawn(move || {
        thread::sleep(hold);
        holder.execute_batch("COMMIT").unwrap();
    });
    let started = Instant::now();
    assert_eq!(second.set_read(&ids, true).unwrap(), 5);
    assert!(
        started.elapsed() >= hold / 2,
        "the write went through while the lock was held ({:?})",
        started.elapsed()
    );
    releaser.join().unwrap();

    // Two stores writing at the same time from two threads: nobody fails.
    let path2 = path.clone();
    let other = feeds[1].id;
    let writer = thread::spawn(move || {
        let mut store = Store::open(&path2).unwrap();
        for round in 0..20 {
            let doc = parsed(
                (0..10)
                    .map(|i| article(&format!("r{round}-{i}"), "t", 500))
                    .collect(),
            );
            store.record_fetch(other, record(&doc), at(NOW)).unwrap();
        }
    });
    for round in 0..20 {
        let read = round % 2 == 0;
        first.set_read(&ids, read).unwrap();
        first.set_starred(ids[0], read).unwrap();
    }
    writer.join().unwrap();
    let feeds = first.feeds().unwrap();
    assert_eq!(feeds[1].total, 200);
    assert_eq!(first.integrity_check().unwrap(), "ok");
}

/// Tells a re-executed test binary to act as the writer that gets killed.
const KILL_CHILD_DB: &str = "DATELINE_STORE_KILLED_WRITER_DB";
const KILL_CHILD_ROUND: &str = "DATELINE_STORE_KILLED_WRITER_ROUND";
const BATCH: usize = 50;
const KILL_FEEDS: usize = 40;
/// Rounds of spawn-and-kill; stops early once two kills have landed inside a batch.
const MAX_ROUNDS: u64 = 12;

/// The child: stores batches of exactly 50 articles, one transaction each, until killed.
fn killed_writer_child(path: &str, round: &str) -> ! {
    let mut store = Store::open(Path::new(path)).unwrap();
    store.sync_feeds(&specs(KILL_FEEDS)).unwrap();
    let feeds: Vec<FeedId> = store.feeds().unwrap().iter().map(|f| f.id).collect();
    // Bodies are built once so that nearly all the loop's time is spent storing.
    let template = article("template", "template", 4000);
    for batch in 0.. {
        let tag = format!("r{round} b{batch}");
        let doc = parsed(
            (0..BATCH)
                .map(|i| NewArticle {
                    guid: format!("{tag} i{i}"),
                    title: format!("{tag} i{i}"),
                    link: Some(format!("https://example.org/{tag}/{i}")),
                    ..template.clone()
                })
                .collect(),
        );
        // The parent reads these to tell whether the kill landed inside a transaction.
        println!("WRITER begin {batch}");
        store
            .record_fetch(feeds[batch % feeds.len()], record(&doc), at(NOW))
            .unwrap();
        println!("WRITER done {batch}");
    }
    unreachable!("the writer runs until it is killed")
}

fn total_articles(path: &Path) -> u32 {
    // Read-only: it must not wait for the writer it watches.
    let store = Store::open_reader(path).unwrap();
    store.feeds().unwrap().iter().map(|f| f.total).sum()
}

/// Counts articles per committed batch ("r0 b3"), from titles "r0 b3 i17".
fn batches(store: &Store) -> std::collections::BTreeMap<String, usize> {
    let mut out = std::collections::BTreeMap::new();
    for a in select(store, "", None) {
        let batch = a.title.rsplit_once(' ').unwrap().0.to_string();
        *out.entry(batch).or_insert(0) += 1;
    }
    out
}

#[test]
fn killed_writer_leaves_only_whole_batches() {
    if let (Ok(path), Ok(round)) = (
        std::env::var(KILL_CHILD_DB),
        std::env::var(KILL_CHILD_ROUND),
    ) {
        killed_writer_child(&path, &round);
    }
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("cache.db");
    drop(Store::open(&path).unwrap());
    let exe = std::env::current_exe().unwrap();
    let mut marked: Option<(Vec<ArticleId>, ArticleId)> = None;

    let mut killed_mid_batch = 0;
    let mut rounds = 0;
    for round in 0..MAX_ROUNDS {
        rounds += 1;
        let before = total_articles(&path);
        let mut child = Command::new(&exe)
            .args([
                "--exact",
                "store::killed_writer_leaves_only_whole_batches",
                "--test-threads=1",
                "--nocapture",
            ])
            .env(KILL_CHILD_DB, &path)
            .env(KILL_CHILD_ROUND, round.to_string())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let stdout = child.stdout.take().unwrap();
        let reader = thread::spawn(move || {
            let lines = BufReader::new(stdout).lines().map_while(Result::ok);
            lines.filter(|l| l.starts_with("WRITER ")).last()
        });
        let wait_for = |target: u32, child: &mut std::process::Child| {
            let deadline = Instant::now() + Duration::from_secs(120);
            while total_articles(&path) < target {
                if let Some(status) = child.try_wait().unwrap() {
                    panic!("the writer exited early: {status}");
                }
                assert!(Instant::now() < deadline, "the writer made no progress");
                thread::sleep(Duration::from_millis(10));
            }
        };
        wait_for(before + 3 * BATCH as u32, &mut child);

        if marked.is_none() {
            // Set reading state while the child keeps writing.
            let mut store = Store::open(&path).unwrap();
            let list = select(&store, "", None);
            let read: Vec<ArticleId> = list.iter().take(20).map(|a| a.id).collect();
            let starred = list[30].id;
            // The child writes in a tight loop, and SQLite's lock waits are not first come,
            // first served: on a loaded machine one 5 s wait can lose every race. Try again.
            let deadline = Instant::now() + Duration::from_secs(120);
            loop {
                match store
                    .set_read(&read, true)
                    .and_then(|_| store.set_starred(starred, true))
                {
                    Ok(()) => break,
                    Err(StoreError::Busy { .. }) if Instant::now() < deadline => continue,
                    Err(e) => panic!("marking while the writer runs: {e}"),
                }
            }
            marked = Some((read, starred));
        }

        wait_for(before + 6 * BATCH as u32, &mut child);
        // Vary where in its loop the writer dies.
        thread::sleep(Duration::from_millis(round % 5 * 5 + 2));
        child.kill().unwrap();
        let status = child.wait().unwrap();
        assert!(!status.success(), "the writer was killed, not finished");
        let last = reader.join().unwrap().unwrap_or_default();
        if last.starts_with("WRITER begin") {
            killed_mid_batch += 1;
        }

        let store = Store::open(&path).unwrap();
        assert_eq!(store.integrity_check().unwrap(), "ok");
        let counts = batches(&store);
        assert!(counts.len() >= 6 * (round as usize + 1), "{counts:?}");
        for (batch, n) in &counts {
            assert_eq!(*n, BATCH, "batch {batch} was stored partly");
        }
        let (read, starred) = marked.as_ref().unwrap();
        for id in read {
            assert!(store.article(*id).unwrap().read, "read flag of {id:?} lost");
        }
        assert!(store.article(*starred).unwrap().starred);
        if round >= 2 && killed_mid_batch >= 2 {
            break;
        }
    }
    eprintln!("the writer was killed inside a batch in {killed_mid_batch} of {rounds} rounds");
    assert!(
        killed_mid_batch > 0,
        "no kill landed inside a transaction, so nothing was tested"
    );
}

/// Times storing 500 feeds x 50 articles of ~4 KB HTML. Run it in release:
/// `cargo test --release --test it store::timing -- --ignored --nocapture`.
#[test]
#[ignore = "timing run; use --release --ignored --nocapture"]
fn timing_25k_articles() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("cache.db");
    let mut store = Store::open(&path).unwrap();
    store.sync_feeds(&specs(500)).unwrap();
    let feeds: Vec<FeedId> = store.feeds().unwrap().iter().map(|f| f.id).collect();
    let docs: Vec<ParsedFeed> = (0..500)
        .map(|f| {
            parsed(
                (0..50)
                    .map(|i| article(&format!("f{f}-i{i}"), &format!("feed {f} item {i}"), 4000))
                    .collect(),
            )
        })
        .collect();

    let started = Instant::now();
    for (feed, doc) in feeds.iter().zip(&docs) {
        store.record_fetch(*feed, record(doc), at(NOW)).unwrap();
    }
    let first = started.elapsed();
    let started = Instant::now();
    let mut unchanged = 0;
    for (feed, doc) in feeds.iter().zip(&docs) {
        unchanged += store
            .record_fetch(*feed, record(doc), at(NOW))
            .unwrap()
            .unchanged;
    }
    let second = started.elapsed();
    let started = Instant::now();
    let list = select(&store, "is:unread", Some(200));
    let listed = started.elapsed();
    let total: u32 = store.feeds().unwrap().iter().map(|f| f.total).sum();
    println!(
        "stored 25,000 new articles in {first:?}; re-stored them unchanged in {second:?}; \
         listed 200 unread in {listed:?}"
    );
    assert_eq!(total, 25_000);
    assert_eq!(unchanged, 25_000);
    assert_eq!(list.len(), 200);
    if !cfg!(debug_assertions) {
        assert!(first < Duration::from_secs(2), "too slow: {first:?}");
    }
}
