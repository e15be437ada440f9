//! `dateline vacuum` (issue 14, part 2): a cache made before 16 KiB pages and auto-vacuum
//! existed is rewritten with both, keeps every article, mark and search entry, and shrinks
//! once the pages a prune freed are gone; while another dateline has the cache open it says
//! so and leaves the file alone.

use std::path::Path;

use crate::support::{Reply, TestServer, dateline, ok};

/// A feed of `items` articles of about 2 KB each, every word its own so they take pages.
fn rss(items: usize) -> String {
    let mut out = String::new();
    for i in 0..items {
        let body: String = (0..300)
            .map(|w| format!("w{}x{} ", i * 7919 + w, w))
            .collect();
        out.push_str(&format!(
            "<item><title>Story {i} from Nairobi</title><link>https://example.org/{i}</link>\
             <guid>s-{i}</guid><pubDate>Mon, 23 Nov 2026 10:{:02}:00 GMT</pubDate>\
             <description>{body}</description></item>",
            i % 60
        ));
    }
    format!(
        "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>News</title>\
         <link>https://example.org/</link>{out}</channel></rss>"
    )
}

/// Creates the cache file as a dateline before 16 KiB pages left it: 4 KiB pages, no
/// auto-vacuum (a new cache gets the new settings only while it has no table).
fn old_style_file(db: &Path) {
    let conn = rusqlite::Connection::open(db).unwrap();
    conn.execute_batch(
        "PRAGMA page_size = 4096; PRAGMA auto_vacuum = NONE;
         CREATE TABLE placeholder (x); DROP TABLE placeholder;",
    )
    .unwrap();
}

fn pragmas(db: &Path) -> (i64, i64, String) {
    let conn = rusqlite::Connection::open(db).unwrap();
    conn.query_row(
        "SELECT page_size, auto_vacuum, journal_mode
         FROM pragma_page_size, pragma_auto_vacuum, pragma_journal_mode",
        [],
        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
    )
    .unwrap()
}

fn file_len(db: &Path) -> u64 {
    std::fs::metadata(db).unwrap().len()
}

#[test]
fn vacuum_converts_an_old_cache_and_keeps_everything() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("cache.db");
    let server = TestServer::start();
    server.route("/news.xml", Reply::new(200).body(rss(300)));
    std::fs::write(
        dir.path().join("config.toml"),
        format!("[[feeds]]\nurl = \"{}\"\n", server.url("/news.xml")),
    )
    .unwrap();
    old_style_file(&db);
    ok(&dateline(dir.path(), &["refresh", "--no-extract"]));
    assert_eq!(pragmas(&db).0, 4096);
    assert_eq!(pragmas(&db).1, 0, "no auto-vacuum");
    ok(&dateline(dir.path(), &["mark-read", "3", "5", "8"]));
    {
        let conn = rusqlite::Connection::open(&db).unwrap();
        conn.execute("UPDATE articles SET starred = 1 WHERE id IN (5, 13)", [])
            .unwrap();
        // What a prune of the first 200 articles leaves: their rows and search entries gone,
        // their pages free in the file.
        conn.execute_batch(
            "DELETE FROM articles_fts WHERE rowid IN (SELECT id FROM articles WHERE id > 100);
             DELETE FROM articles WHERE id > 100;
             PRAGMA wal_checkpoint(TRUNCATE);",
        )
        .unwrap();
    }
    let list_before = ok(&dateline(
        dir.path(),
        &["list", "--json", "--limit", "1000"],
    ));
    let search_before = ok(&dateline(dir.path(), &["list", "--json", "w7919x1"]));
    let bytes_before = file_len(&db);

    let out = ok(&dateline(dir.path(), &["vacuum"]));
    assert!(out.contains("pages 4096 -> 16384 bytes"), "{out}");
    assert!(out.contains("auto-vacuum none -> incremental"), "{out}");
    assert_eq!(pragmas(&db), (16384, 2, "wal".to_string()));
    let bytes_after = file_len(&db);
    assert!(
        bytes_after * 3 < bytes_before * 2,
        "{bytes_before} -> {bytes_after}"
    );
    assert!(!dir.path().join("cache.db.vacuum-copy").exists());

    assert_eq!(
        ok(&dateline(
            dir.path(),
            &["list", "--json", "--limit", "1000"]
        )),
        list_before
    );
    assert_eq!(
        ok(&dateline(dir.path(), &["list", "--json", "w7919x1"])),
        search_before
    );
    let doctor = ok(&dateline(dir.path(), &["doctor"]));
    assert!(!doctor.contains("damaged"), "{doctor}");
    let conn = rusqlite::Connection::open(&db).unwrap();
    let marks: (i64, i64) = conn
        .query_row(
            "SELECT (SELECT group_concat(id) FROM articles WHERE read = 1),
                    (SELECT group_concat(id) FROM articles WHERE starred = 1)",
            [],
            |r| {
                Ok((
                    r.get::<_, String>(0)?.len() as i64,
                    r.get::<_, String>(1)?.len() as i64,
                ))
            },
        )
        .unwrap();
    assert_eq!(marks, ("3,5,8".len() as i64, "5,13".len() as i64));
    // A refresh after it works as before (the feed still serves the kept articles).
    drop(conn);
    ok(&dateline(dir.path(), &["refresh", "--no-extract"]));
}

#[test]
fn vacuum_refuses_while_another_dateline_has_the_cache_open() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("cache.db");
    std::fs::write(dir.path().join("config.toml"), "").unwrap();
    old_style_file(&db);
    ok(&dateline(dir.path(), &["list"]));
    // Another reader: a connection in WAL mode that has read the cache and stays open.
    let other = rusqlite::Connection::open(&db).unwrap();
    let _: i64 = other
        .query_row("SELECT count(*) FROM articles", [], |r| r.get(0))
        .unwrap();
    let out = dateline(dir.path(), &["vacuum"]);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("is open in another dateline"), "{err}");
    drop(other);
    assert_eq!(pragmas(&db).0, 4096, "left as it was");
    let out = ok(&dateline(dir.path(), &["vacuum"]));
    assert!(out.contains("-> 16384"), "{out}");
}
