//! `dateline refresh` end to end against a real HTTP server on 127.0.0.1: good, bad and
//! hostile feeds in one run, the warm (all 304) path, and a refresh killed with SIGKILL.

use std::path::Path;
use std::process::{Output, Stdio};
use std::time::{Duration, Instant};

use serde_json::Value;

use crate::support::{Reply, Route, TestServer, dateline_command as dateline};

fn run_json(dir: &Path, args: &[&str]) -> Value {
    let out: Output = dateline(dir, args).output().expect("run dateline");
    assert!(
        out.status.success(),
        "dateline {args:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("JSON output")
}

fn write_config(dir: &Path, settings: &str, urls: &[String]) {
    let mut text = format!("[settings]\nkeep_days = 0\n{settings}\n");
    for url in urls {
        text.push_str(&format!("\n[[feeds]]\nurl = \"{url}\"\n"));
    }
    std::fs::write(dir.join("config.toml"), text).unwrap();
}

/// An RSS feed with `n` items whose titles start with `prefix`.
fn rss(title: &str, prefix: &str, n: usize) -> String {
    let mut items = String::new();
    for i in 0..n {
        items.push_str(&format!(
            "<item><title>{prefix} {i}</title><link>https://example.org/{prefix}/{i}</link>\
             <guid>{prefix}-{i}</guid><pubDate>Mon, 23 Nov 2026 10:{:02}:00 GMT</pubDate>\
             <description>&lt;p&gt;Story {i} about Nairobi and Lagos.&lt;/p&gt;</description></item>",
            i % 60
        ));
    }
    format!(
        "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>{title}</title>\
         <link>https://example.org/</link>{items}</channel></rss>"
    )
}

fn outcome<'a>(report: &'a Value, url: &str) -> &'a Value {
    report["feeds"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["url"] == url)
        .unwrap_or_else(|| panic!("no report for {url}: {report}"))
}

#[test]
fn good_bad_and_hostile_feeds_in_one_run_then_a_warm_run() {
    let server = TestServer::start();
    let etag = |v: &str| format!("\"{v}\"");
    server.route(
        "/good1.xml",
        Reply::new(200)
            .header("ETag", &etag("g1"))
            .header("Content-Type", "application/rss+xml")
            .body(rss("Good One", "alpha", 10)),
    );
    server.route(
        "/good2.xml",
        Reply::new(200)
            .header("Last-Modified", "Mon, 23 Nov 2026 10:00:00 GMT")
            .body(rss("Good Two", "beta", 5))
            .gzip(),
    );
    server.route("/moved.xml", Route::redirect(301, "/good1.xml"));
    server.route(
        "/page.html",
        Reply::new(200)
            .header("Content-Type", "text/html; charset=utf-8")
            .body(
                "<!DOCTYPE html><html><head><title>News</title>\
                 <link rel=\"alternate\" type=\"application/rss+xml\" href=\"/good1.xml\">\
                 </head><body>hi</body></html>",
            ),
    );
    server.route(
        "/broken.xml",
        Reply::new(200).body("<rss><channel><title>Broken</title><item><title>x</ite"),
    );
    server.route("/missing.xml", Reply::new(404));
    server.route("/silent.xml", Route::Silent);
    server.route("/endless.xml", Route::Endless);
    let hostile_title = "Evil \u{1b}[31mred\u{1b}[0m \u{1b}]0;pwned\u{7} \u{202e}txet\u{200b}";
    server.route(
        "/hostile.json",
        Reply::new(200)
            .header("Content-Type", "application/feed+json")
            .body(
                serde_json::json!({
                    "version": "https://jsonfeed.org/version/1.1",
                    "title": "Hostile \u{9b}2J feed",
                    "items": [{
                        "id": "h1",
                        "title": hostile_title,
                        "content_html": "<p>body \u{1b}[2J\u{1b}P1;2qdcs\u{1b}\\ end</p>",
                    }]
                })
                .to_string(),
            ),
    );
    let paths = [
        "/good1.xml",
        "/good2.xml",
        "/moved.xml",
        "/page.html",
        "/broken.xml",
        "/missing.xml",
        "/silent.xml",
        "/endless.xml",
        "/hostile.json",
    ];
    let urls: Vec<String> = paths.iter().map(|p| server.url(p)).collect();
    let dir = tempfile::tempdir().unwrap();
    write_config(dir.path(), "timeout_secs = 2\nmax_feed_mb = 1", &urls);

    let started = Instant::now();
    let report = run_json(dir.path(), &["refresh", "--json"]);
    assert!(started.elapsed() < Duration::from_secs(10), "{report}");
    assert_eq!(report["summary"]["ok"], 4, "{report}");
    assert_eq!(report["summary"]["failed"], 5, "{report}");
    assert_eq!(
        report["summary"]["new_articles"],
        10 + 5 + 10 + 1,
        "{report}"
    );

    let moved = outcome(&report, &urls[2]);
    assert_eq!(moved["moved_to"], urls[0]);
    let page = outcome(&report, &urls[3]);
    assert_eq!(page["status"], "failed");
    let error = page["error"].as_str().unwrap();
    assert!(error.contains(&urls[0]), "names the linked feed: {error}");
    assert_eq!(outcome(&report, &urls[4])["status"], "failed");
    assert!(
        outcome(&report, &urls[5])["error"]
            .as_str()
            .unwrap()
            .contains("404")
    );
    assert!(
        outcome(&report, &urls[6])["error"]
            .as_str()
            .unwrap()
            .contains("timed out")
    );
    assert!(
        outcome(&report, &urls[7])["error"]
            .as_str()
            .unwrap()
            .contains("larger than")
    );
    // The endless body was cut off near the cap, not read to the end.
    assert!(server.stats("/endless.xml").bytes_sent < 8 << 20);

    // Hostile text is neutralised in the cache.
    let list = run_json(dir.path(), &["list", "--json"]);
    let hostile = list
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["title"].as_str().unwrap().starts_with("Evil"))
        .expect("hostile article stored");
    assert_eq!(hostile["title"], "Evil red txet");
    assert_eq!(hostile["feed"], "Hostile feed");
    let shown = run_json(
        dir.path(),
        &[
            "show",
            &hostile["id"].as_i64().unwrap().to_string(),
            "--json",
        ],
    );
    let text = shown["text"].as_str().unwrap();
    assert!(
        !text
            .chars()
            .any(|c| c.is_control() && c != '\n' && c != '\t'),
        "{text:?}"
    );
    assert!(text.contains("body") && text.contains("end"), "{text:?}");

    // Failing feeds show their error in `feeds`.
    let feeds = run_json(dir.path(), &["feeds", "--json"]);
    let missing = feeds
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["url"] == urls[5])
        .unwrap();
    assert!(missing["last_error"].as_str().unwrap().contains("404"));

    // Warm run: the good feeds answer 304, nothing is parsed or added.
    let warm = run_json(
        dir.path(),
        &["refresh", "--json", "--feed", &urls[0], "--feed", &urls[1]],
    );
    assert_eq!(warm["summary"]["not_modified"], 2, "{warm}");
    assert_eq!(warm["summary"]["new_articles"], 0);
    let requests = server.requests("/good1.xml");
    let last = requests.last().unwrap();
    assert_eq!(last.header("If-None-Match"), Some("\"g1\""));
    let requests = server.requests("/good2.xml");
    assert_eq!(
        requests.last().unwrap().header("If-Modified-Since"),
        Some("Mon, 23 Nov 2026 10:00:00 GMT")
    );
}

#[test]
fn retry_after_skips_the_feed_until_then() {
    let server = TestServer::start();
    server.route("/busy.xml", Reply::new(429).header("Retry-After", "3600"));
    let dir = tempfile::tempdir().unwrap();
    write_config(dir.path(), "", &[server.url("/busy.xml")]);
    let first = run_json(dir.path(), &["refresh", "--json"]);
    assert_eq!(first["summary"]["failed"], 1, "{first}");
    let second = run_json(dir.path(), &["refresh", "--json"]);
    assert_eq!(second["summary"]["skipped"], 1, "{second}");
    assert_eq!(server.stats("/busy.xml").requests, 1, "not asked again");
}

#[test]
fn a_refresh_killed_half_way_leaves_a_consistent_cache() {
    let server = TestServer::start();
    let n_feeds = 120;
    let mut urls = Vec::new();
    for i in 0..n_feeds {
        let path = format!("/f{i}.xml");
        server.route(
            &path,
            Reply::new(200)
                .body(rss(&format!("Feed {i}"), &format!("f{i}"), 50))
                .delay(Duration::from_millis(15 * (i as u64 % 20))),
        );
        urls.push(server.url(&path));
    }
    let dir = tempfile::tempdir().unwrap();
    // First, a complete refresh of the first feed, with reading state set on it.
    write_config(dir.path(), "concurrency = 4", &urls[..1]);
    run_json(dir.path(), &["refresh", "--json"]);
    let list = run_json(dir.path(), &["list", "--json"]);
    let first_id = list[0]["id"].as_i64().unwrap();
    let second_id = list[1]["id"].as_i64().unwrap();
    let out = dateline(dir.path(), &["mark-read", &first_id.to_string()])
        .output()
        .unwrap();
    assert!(out.status.success());
    {
        let mut store = dateline::store::Store::open(&dir.path().join("cache.db")).unwrap();
        store
            .set_starred(dateline::model::ArticleId(second_id), true)
            .unwrap();
    }

    // Then a big refresh, killed while feeds are being stored.
    write_config(dir.path(), "concurrency = 4", &urls);
    let mut child = dateline(dir.path(), &["refresh"])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    std::thread::sleep(Duration::from_millis(700));
    child.kill().unwrap(); // SIGKILL
    child.wait().unwrap();

    let conn = rusqlite::Connection::open(dir.path().join("cache.db")).unwrap();
    let check: String = conn
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap();
    assert_eq!(check, "ok");
    // Every feed was stored whole or not at all.
    let mut stmt = conn
        .prepare("SELECT feed_id, COUNT(*) FROM articles GROUP BY feed_id")
        .unwrap();
    let counts: Vec<(i64, i64)> = stmt
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    assert!(!counts.is_empty());
    assert!(
        counts.len() < n_feeds,
        "killed before the end: {}",
        counts.len()
    );
    for (feed, count) in &counts {
        assert_eq!(*count, 50, "feed {feed} stored partially");
    }
    // The full-text index holds exactly the stored articles (feeds are stored several to a
    // transaction and indexed together at its end; a kill must not split the two).
    conn.execute(
        "INSERT INTO articles_fts (articles_fts, rank) VALUES ('integrity-check', 1)",
        [],
    )
    .unwrap();
    drop(stmt);
    drop(conn);
    // Reading state survived, and the cache still works.
    let list = run_json(dir.path(), &["list", "--json", "--feed", &urls[0]]);
    let by_id = |id: i64| {
        list.as_array()
            .unwrap()
            .iter()
            .find(|a| a["id"] == id)
            .unwrap()
            .clone()
    };
    assert_eq!(by_id(first_id)["read"], true);
    assert_eq!(by_id(second_id)["starred"], true);
    let again = run_json(dir.path(), &["refresh", "--json"]);
    assert_eq!(again["summary"]["failed"], 0, "{again}");
}

/// An RSS feed whose `n` items were published in 2018, years before any refresh.
fn rss_2018(title: &str, n: usize) -> String {
    let mut items = String::new();
    for i in 0..n {
        items.push_str(&format!(
            "<item><title>Old post {i}</title><link>https://example.org/2018/{i}</link>\
             <guid>old-{i}</guid><pubDate>Thu, 01 Mar 2018 09:{i:02}:00 GMT</pubDate>\
             <description>From the archive.</description></item>"
        ));
    }
    format!(
        "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>{title}</title>\
         <link>https://example.org/</link>{items}</channel></rss>"
    )
}

/// Runs dateline in `dir` and returns its standard error, failing on a non-zero exit.
fn run_ok(dir: &Path, args: &[&str]) -> String {
    let out: Output = dateline(dir, args).output().expect("run dateline");
    assert!(
        out.status.success(),
        "dateline {args:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// Regression (issue 11, bug 1): `refresh; mark-read 1; refresh; show 1` printed "no such
/// article: 1". The article was a 2018 post and `keep_days` pruned by publication date; it
/// now goes by when the article first appeared and when it was read.
#[test]
fn an_old_post_marked_read_is_still_there_after_the_next_refresh() {
    let server = TestServer::start();
    server.route("/old.xml", Reply::new(200).body(rss_2018("Archive", 3)));
    let dir = tempfile::tempdir().unwrap();
    let url = server.url("/old.xml");
    std::fs::write(
        dir.path().join("config.toml"),
        format!("[settings]\nkeep_days = 90\n\n[[feeds]]\nurl = \"{url}\"\n"),
    )
    .unwrap();
    let first = run_json(dir.path(), &["refresh", "--json"]);
    assert_eq!(first["summary"]["new_articles"], 3, "{first}");
    let list = run_json(dir.path(), &["list", "--json"]);
    let id = list[0]["id"].as_i64().unwrap().to_string();
    run_ok(dir.path(), &["mark-read", &id]);
    let second = run_json(dir.path(), &["refresh", "--json"]);
    assert_eq!(second["summary"]["pruned_articles"], 0, "{second}");
    let shown = run_json(dir.path(), &["show", &id, "--json"]);
    assert_eq!(shown["title"], list[0]["title"]);
    assert_eq!(shown["read"], true, "{shown}");
}

/// Guard (issue 11, bug 4): `mark-read --query` reports the articles whose state changed,
/// never the ones already read, so a second run says 0.
#[test]
fn mark_read_by_query_counts_only_what_changed() {
    let server = TestServer::start();
    server.route(
        "/live.xml",
        Reply::new(200).body(rss("Live Test", "live", 5)),
    );
    server.route("/other.xml", Reply::new(200).body(rss("Other", "other", 4)));
    let dir = tempfile::tempdir().unwrap();
    write_config(
        dir.path(),
        "",
        &[server.url("/live.xml"), server.url("/other.xml")],
    );
    run_json(dir.path(), &["refresh", "--json"]);
    let live = run_json(dir.path(), &["list", "--json", "feed:\"Live Test\""]);
    let live: Vec<String> = live
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["id"].as_i64().unwrap().to_string())
        .collect();
    assert_eq!(live.len(), 5);
    let marked = run_ok(dir.path(), &["mark-read", &live[0], &live[1]]);
    assert!(marked.contains("2 articles marked read"), "{marked}");
    let query = ["mark-read", "--query", "feed:\"Live Test\""];
    let marked = run_ok(dir.path(), &query);
    assert!(marked.contains("3 articles marked read"), "{marked}");
    let marked = run_ok(dir.path(), &query);
    assert!(marked.contains("0 articles marked read"), "{marked}");
    let unread = run_json(dir.path(), &["list", "--json", "--unread"]);
    assert_eq!(
        unread.as_array().unwrap().len(),
        4,
        "the other feed is untouched"
    );
}
