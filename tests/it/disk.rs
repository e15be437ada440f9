//! A full disk (issue 16, part 3): a refresh that runs out of space ends with a message that
//! says so, the cache stays intact (SQLite's and the search index's checks pass, reading state
//! kept) and usable, and the next refresh, once there is space again, stores everything.
//!
//! Two ways to fill the disk: SQLite's page limit (`DATELINE_MAX_PAGE_COUNT`, everywhere), and a
//! small tmpfs the test mounts and fills when it runs as root (skipped, saying why, otherwise).

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Output;

use crate::support::{Reply, TestServer, dateline_command};

/// Feeds of `items` articles of about 2 KB each.
fn rss(feed: &str, items: usize) -> String {
    let body = "Talks in Nairobi and Lagos went on into the night. ".repeat(40);
    let mut out = String::new();
    for i in 0..items {
        out.push_str(&format!(
            "<item><title>{feed} story {i}</title><link>https://example.org/{feed}/{i}</link>\
             <guid>{feed}-{i}</guid><pubDate>Mon, 23 Nov 2026 10:{:02}:00 GMT</pubDate>\
             <description>{i}: {body}</description></item>",
            i % 60
        ));
    }
    format!(
        "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>{feed}</title>\
         <link>https://example.org/{feed}</link>{out}</channel></rss>"
    )
}

/// A config with the feeds `names` on `server`.
fn write_config(dir: &Path, server: &TestServer, names: &[&str]) {
    let mut config = String::from("[settings]\nkeep_days = 365\n");
    for name in names {
        config.push_str(&format!(
            "\n[[feeds]]\nurl = \"{}\"\n",
            server.url(&format!("/{name}.xml"))
        ));
    }
    std::fs::write(dir.join("config.toml"), config).unwrap();
}

fn run(dir: &Path, args: &[&str], max_pages: Option<i64>) -> Output {
    let mut cmd = dateline_command(dir, args);
    if let Some(pages) = max_pages {
        cmd.env("DATELINE_MAX_PAGE_COUNT", pages.to_string());
    }
    cmd.output().unwrap()
}

fn ok(out: &Output) -> String {
    crate::support::ok(out)
}

/// What must hold of the cache after a failed write: both integrity checks pass, the marks
/// made before are there, and every feed is stored whole or not at all.
fn assert_intact(db: &Path, read: i64, starred: i64, items: &[(&str, i64)]) {
    let conn = rusqlite::Connection::open(db).unwrap();
    let check: String = conn
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap();
    assert_eq!(check, "ok");
    conn.execute(
        "INSERT INTO articles_fts (articles_fts, rank) VALUES ('integrity-check', 1)",
        [],
    )
    .unwrap();
    let flags: (bool, bool) = conn
        .query_row(
            "SELECT read, starred FROM articles WHERE id = ?1",
            [read],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    assert_eq!(flags, (true, false));
    let flags: (bool, bool) = conn
        .query_row(
            "SELECT read, starred FROM articles WHERE id = ?1",
            [starred],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    assert_eq!(flags, (false, true));
    for (name, whole) in items {
        let n: i64 = conn
            .query_row(
                "SELECT count(*) FROM articles a JOIN feeds f ON f.id = a.feed_id
                 WHERE f.url LIKE '%/' || ?1 || '.xml'",
                [name],
                |r| r.get(0),
            )
            .unwrap();
        assert!(
            n == 0 || n == *whole,
            "{name}: {n} of {whole} articles stored"
        );
    }
}

/// A refreshed cache of one small feed in `dir`, one article read and one starred; returns
/// their ids.
fn small_cache(dir: &Path, server: &TestServer) -> (i64, i64) {
    server.route("/small.xml", Reply::new(200).body(rss("small", 5)));
    write_config(dir, server, &["small"]);
    ok(&run(dir, &["refresh"], None));
    let list: serde_json::Value =
        serde_json::from_str(&ok(&run(dir, &["list", "--json"], None))).unwrap();
    let read = list[0]["id"].as_i64().unwrap();
    let starred = list[1]["id"].as_i64().unwrap();
    ok(&run(dir, &["mark-read", &read.to_string()], None));
    let conn = rusqlite::Connection::open(dir.join("cache.db")).unwrap();
    conn.execute("UPDATE articles SET starred = 1 WHERE id = ?1", [starred])
        .unwrap();
    (read, starred)
}

const BIG: [&str; 4] = ["big0", "big1", "big2", "big3"];
const BIG_ITEMS: usize = 150;

/// Serves the big feeds and adds them to the config.
fn add_big_feeds(dir: &Path, server: &TestServer) {
    for name in BIG {
        server.route(
            &format!("/{name}.xml"),
            Reply::new(200).body(rss(name, BIG_ITEMS)),
        );
    }
    let mut names = vec!["small"];
    names.extend(BIG);
    write_config(dir, server, &names);
}

fn assert_full_message(out: &Output) {
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success(), "the refresh should fail: {stderr}");
    assert!(stderr.contains("the disk is full"), "{stderr}");
    assert!(stderr.contains("free some space"), "{stderr}");
    assert!(stderr.contains("the cache is intact"), "{stderr}");
    // One message, not one per feed, nor complaints of the log that cannot be written.
    assert_eq!(stderr.matches("disk is full").count(), 1, "{stderr}");
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
}

/// After space is freed: a refresh stores every feed, and the marks are still there.
fn assert_refresh_works_again(dir: &Path, read: i64, starred: i64) {
    let report: serde_json::Value =
        serde_json::from_str(&ok(&run(dir, &["refresh", "--json"], None))).unwrap();
    assert_eq!(report["summary"]["failed"], 0, "{report}");
    let whole: Vec<(&str, i64)> = BIG.iter().map(|n| (*n, BIG_ITEMS as i64)).collect();
    assert_intact(&dir.join("cache.db"), read, starred, &whole);
    let conn = rusqlite::Connection::open(dir.join("cache.db")).unwrap();
    let n: i64 = conn
        .query_row("SELECT count(*) FROM articles", [], |r| r.get(0))
        .unwrap();
    assert_eq!(n, 5 + (BIG.len() * BIG_ITEMS) as i64);
}

#[test]
fn a_refresh_past_the_page_limit_stops_with_a_message_and_the_cache_stays_usable() {
    let server = TestServer::start();
    let dir = tempfile::tempdir().unwrap();
    let (read, starred) = small_cache(dir.path(), &server);
    let db = dir.path().join("cache.db");
    let (pages, page_size): (i64, i64) = rusqlite::Connection::open(&db)
        .unwrap()
        .query_row(
            "SELECT page_count, page_size FROM pragma_page_count, pragma_page_size",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    add_big_feeds(dir.path(), &server);
    // Room for 160 KiB more: the first big feed already does not fit.
    let limit = Some(pages + (160 << 10) / page_size);
    let out = run(dir.path(), &["refresh", "--no-extract"], limit);
    assert_full_message(&out);
    let whole: Vec<(&str, i64)> = BIG.iter().map(|n| (*n, BIG_ITEMS as i64)).collect();
    assert_intact(&db, read, starred, &whole);
    // Still usable at the limit: reading, searching, and the next refresh says the same.
    let list: serde_json::Value =
        serde_json::from_str(&ok(&run(dir.path(), &["list", "--json", "small"], limit))).unwrap();
    assert_eq!(list.as_array().unwrap().len(), 5, "{list}");
    assert_full_message(&run(dir.path(), &["refresh", "--no-extract"], limit));
    assert_intact(&db, read, starred, &whole);
    assert_refresh_works_again(dir.path(), read, starred);
}

/// A tmpfs mounted for one test, unmounted when dropped.
struct Tmpfs(PathBuf);

impl Tmpfs {
    /// Mounts a tmpfs of `size` (e.g. `16m`) on `at`, or says why it cannot.
    fn mount(at: &Path, size: &str) -> Result<Tmpfs, String> {
        use std::os::unix::fs::MetadataExt;
        if std::fs::metadata("/proc/self").map_or(true, |m| m.uid() != 0) {
            return Err("not running as root, so no tmpfs can be mounted".into());
        }
        std::fs::create_dir_all(at).unwrap();
        let out = std::process::Command::new("mount")
            .args(["-t", "tmpfs", "-o", &format!("size={size}"), "tmpfs"])
            .arg(at)
            .output()
            .map_err(|e| format!("cannot run mount: {e}"))?;
        if !out.status.success() {
            return Err(format!(
                "mount -t tmpfs failed: {}",
                String::from_utf8_lossy(&out.stderr).trim()
            ));
        }
        Ok(Tmpfs(at.to_path_buf()))
    }
}

impl Drop for Tmpfs {
    fn drop(&mut self) {
        let _ = std::process::Command::new("umount")
            .arg("-l")
            .arg(&self.0)
            .status();
    }
}

/// Fills the file system of `path` with a file there, then frees `leave` bytes of it.
fn fill(path: &Path, leave: u64) {
    let mut file = std::fs::File::create(path).unwrap();
    let chunk = vec![0x5a_u8; 64 << 10];
    let mut written = 0u64;
    loop {
        match file.write(&chunk) {
            Ok(0) => break,
            Ok(n) => written += n as u64,
            Err(e) => {
                assert_eq!(e.raw_os_error(), Some(28), "ENOSPC expected: {e}");
                break;
            }
        }
    }
    file.set_len(written.saturating_sub(leave)).unwrap();
    file.sync_all().unwrap();
}

#[test]
fn a_refresh_on_a_full_tmpfs_stops_with_a_message_and_works_once_space_is_freed() {
    let outer = tempfile::tempdir().unwrap();
    let mount = outer.path().join("small-disk");
    // Room for the cache of every feed (about 6 MB) and its write-ahead log once freed.
    let _tmpfs = match Tmpfs::mount(&mount, "48m") {
        Ok(tmpfs) => tmpfs,
        Err(why) => {
            eprintln!("skipped: {why}");
            return;
        }
    };
    let dir = mount.as_path();
    let server = TestServer::start();
    let (read, starred) = small_cache(dir, &server);
    add_big_feeds(dir, &server);
    // About 200 KB left: less than one big feed (300 KB of text, indexed).
    let filler = outer.path().join("small-disk/filler");
    fill(&filler, 200 << 10);
    let out = run(dir, &["refresh", "--no-extract"], None);
    assert_full_message(&out);
    let whole: Vec<(&str, i64)> = BIG.iter().map(|n| (*n, BIG_ITEMS as i64)).collect();
    assert_intact(&dir.join("cache.db"), read, starred, &whole);
    let list: serde_json::Value =
        serde_json::from_str(&ok(&run(dir, &["list", "--json", "small"], None))).unwrap();
    assert_eq!(list.as_array().unwrap().len(), 5, "{list}");

    std::fs::remove_file(&filler).unwrap();
    assert_refresh_works_again(dir, read, starred);
}
