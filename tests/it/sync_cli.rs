//! `dateline sync`, `sync --check`, and `refresh`, `mark-read`, `import`, `export` and `feeds`
//! with `[sync]` set, run as the binary against a real FreshRSS (see [`crate::sync`]), as a
//! new user would: a config with `[sync]`, then commands, then both sides compared.

use std::collections::HashMap;
use std::path::Path;

use dateline::sync::streams;
use serde_json::Value;

use crate::support::{TestServer, dateline_command};
use crate::sync::{FreshRss, feed_reply, rss, server_sets, subscribe};
use dateline::worker::sync::subscriptions::server_feed_list;

/// A config with `[sync]` for `server` (password in `DATELINE_SYNC_PASSWORD`, see [`run`]).
fn write_config(dir: &Path, url: &str, user: &str) {
    std::fs::write(
        dir.join("config.toml"),
        format!("[sync]\nserver = \"greader\"\nurl = \"{url}\"\nuser = \"{user}\"\n"),
    )
    .unwrap();
}

/// Runs dateline in `dir` with `password` in the environment.
fn run(dir: &Path, password: &str, args: &[&str]) -> std::process::Output {
    dateline_command(dir, args)
        .env("DATELINE_SYNC_PASSWORD", password)
        .output()
        .expect("run dateline")
}

fn stdout(out: &std::process::Output) -> String {
    assert!(
        out.status.success(),
        "dateline failed ({:?}): {}",
        out.status.code(),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn json(out: &std::process::Output) -> Value {
    serde_json::from_str(&stdout(out)).expect("JSON")
}

/// The local read and starred flags by server id, through `list --json` and the cache.
fn local_flags(dir: &Path) -> HashMap<i64, (bool, bool)> {
    let store = dateline::store::Store::open_reader(&dir.join("cache.db")).unwrap();
    store
        .sync_item_articles()
        .unwrap()
        .into_iter()
        .map(|(item, id)| {
            let a = store.article(id).unwrap();
            (item, (a.read, a.starred))
        })
        .collect()
}

async fn assert_same(server: &FreshRss, dir: &Path) {
    let client = server.client().await;
    let all = client.item_ids(streams::READING_LIST, None).await.unwrap();
    let (unread, starred) = server_sets(&client).await;
    let local = local_flags(dir);
    assert_eq!(local.len(), all.len(), "the cache has every server item");
    for id in &all {
        let (read, star) = local[&id.0];
        assert_eq!(read, !unread.contains(id), "read flag of {id:?}");
        assert_eq!(star, starred.contains(id), "starred flag of {id:?}");
    }
}

/// A new user's path: `sync --check`, `sync`, the feeds with their labels, marks on the
/// server and here (`mark-read --query` goes into the queue), `refresh` as one sync, the
/// server stopped (a clear error, the marks kept) and started again.
#[tokio::test]
async fn the_cli_syncs_both_ways_and_keeps_marks_while_the_server_is_down() {
    let Some(server) = FreshRss::start() else {
        return;
    };
    let feeds = TestServer::start();
    subscribe(&server, &feeds, 2, 10).await;
    let dir = tempfile::tempdir().unwrap();
    let dir = dir.path();
    write_config(dir, &server.url, &server.user);
    let pass = server.password.clone();

    let check = stdout(&run(dir, &pass, &["sync", "--check"]));
    assert!(
        check.starts_with("ok: logged in to ") && check.contains("2 subscriptions, 20 unread"),
        "{check}"
    );

    let first = json(&run(dir, &pass, &["sync", "--json", "--no-extract"]));
    assert_eq!(first["feeds"], 2);
    assert_eq!(first["new_articles"], 20);
    assert_eq!(first["server_unread"], 20);
    assert_eq!(first["local_unread"], 20);

    // The feeds pane's list: the server's feeds, its label as a tag, counts as on the server.
    let listed = json(&run(dir, &pass, &["feeds", "--json"]));
    let listed = listed.as_array().unwrap();
    assert_eq!(listed.len(), 2);
    let first_feed = listed
        .iter()
        .find(|f| f["url"] == feeds.url("/feed0.xml"))
        .expect("feed0");
    assert_eq!(first_feed["title"], "First feed");
    assert_eq!(first_feed["tags"], serde_json::json!(["News"]));
    assert_eq!(first_feed["unread"], 10);

    // Marks on the server (the phone), and here: a query marks feed 1 read, one is starred.
    let phone = server.client().await;
    let all = phone.item_ids(streams::READING_LIST, None).await.unwrap();
    assert_eq!(local_flags(dir).len(), 20);
    let out = run(
        dir,
        &pass,
        &[
            "mark-read",
            "--query",
            &format!("feed:{}", feeds.url("/feed1.xml")),
        ],
    );
    assert!(out.status.success());
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("10 articles marked read"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let store = dateline::store::Store::open_reader(&dir.join("cache.db")).unwrap();
    assert_eq!(store.sync_queue_len().unwrap(), 10, "the marks are queued");
    drop(store);
    // The phone reads two items (whichever feed) and stars one.
    phone
        .edit_tag(&all[..2], Some(streams::READ), None)
        .await
        .unwrap();
    phone
        .edit_tag(&all[5..6], Some(streams::STARRED), None)
        .await
        .unwrap();

    // `refresh` with [sync] set is one sync.
    let text = stdout(&run(dir, &pass, &["refresh", "--no-extract"]));
    assert!(text.contains("pushed: 10 local marks"), "{text}");
    assert!(text.contains("1 starred"), "{text}");
    assert_same(&server, dir).await;
    let (unread, _) = server_sets(&server.client().await).await;
    let feeds_now = json(&run(dir, &pass, &["feeds", "--json"]));
    let local_unread: u64 = feeds_now
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["unread"].as_u64().unwrap())
        .sum();
    assert_eq!(local_unread, unread.len() as u64);
    // Feed by feed, the counts are the server's `unread-count`.
    let phone = server.client().await;
    let counts = phone.unread_counts().await.unwrap();
    let subs = phone.subscriptions().await.unwrap();
    for feed in feeds_now.as_array().unwrap() {
        let stream = &subs
            .iter()
            .find(|s| s.url.as_deref() == feed["url"].as_str())
            .expect("a server feed")
            .id;
        let on_server = counts
            .unreadcounts
            .iter()
            .find(|c| &c.id == stream)
            .and_then(|c| c.count)
            .unwrap_or(0);
        assert_eq!(feed["unread"].as_i64(), Some(on_server), "{feed}");
    }

    // The server goes away: a clear error, a non-zero exit, the new mark kept and queued.
    server.must("stop");
    let out = run(dir, &pass, &["mark-read", "--all"]);
    assert!(out.status.success());
    let out = run(dir, &pass, &["sync"]);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("sync failed: cannot connect to the sync server")
            && err.contains("local marks are kept for the next sync"),
        "{err}"
    );
    let out = run(dir, &pass, &["sync", "--check"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("connection refused"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let queued = dateline::store::Store::open_reader(&dir.join("cache.db"))
        .unwrap()
        .sync_queue_len()
        .unwrap();
    assert!(queued > 0);

    server.must("start");
    let back = json(&run(dir, &pass, &["sync", "--json", "--no-extract"]));
    assert_eq!(back["pushed"], queued);
    assert_eq!(back["server_unread"], 0);
    assert_eq!(back["local_unread"], 0);
    assert_same(&server, dir).await;
}

/// `sync --check` names what is wrong: the password (401), the URL (not a GReader API), no
/// `[sync]` at all (a usage error).
#[tokio::test]
async fn sync_check_says_what_is_wrong() {
    let Some(server) = FreshRss::start() else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let dir = dir.path();
    write_config(dir, &server.url, &server.user);

    let out = run(dir, "not-the-password", &["sync", "--check"]);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("sync check failed") && err.contains("HTTP 401"),
        "{err}"
    );
    let out = run(dir, "not-the-password", &["sync"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("HTTP 401"));

    write_config(
        dir,
        &server.url.replace("/api/greader.php", "/index.php"),
        &server.user,
    );
    let out = run(dir, &server.password, &["sync", "--check"]);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("is not a Google Reader API endpoint"), "{err}");

    std::fs::write(dir.join("config.toml"), "").unwrap();
    let out = run(dir, &server.password, &["sync", "--check"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("sync is not set up"));
}

/// With `[sync]` set, `import` subscribes on the server (labels from the file's folders),
/// `export` writes the server's list, and the cache shows the server's feeds.
#[tokio::test]
async fn import_and_export_act_on_the_server() {
    let Some(server) = FreshRss::start() else {
        return;
    };
    let feeds = TestServer::start();
    for f in 0..3 {
        feeds.route(&format!("/f{f}.xml"), feed_reply(rss(f, 4, false)));
    }
    let dir = tempfile::tempdir().unwrap();
    let dir = dir.path();
    write_config(dir, &server.url, &server.user);
    let opml = format!(
        "<?xml version=\"1.0\"?><opml version=\"2.0\"><head><title>t</title></head><body>\
         <outline text=\"World\"><outline type=\"rss\" text=\"Zero\" xmlUrl=\"{}\"/>\
         <outline type=\"rss\" text=\"One\" xmlUrl=\"{}\"/></outline>\
         <outline type=\"rss\" text=\"Broken\" xmlUrl=\"{}\"/></body></opml>",
        feeds.url("/f0.xml"),
        feeds.url("/f1.xml"),
        feeds.url("/missing.xml"),
    );
    std::fs::write(dir.join("feeds.opml"), opml).unwrap();
    let out = run(
        dir,
        &server.password,
        &["import", &dir.join("feeds.opml").to_string_lossy()],
    );
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "one feed failed: {err}");
    assert!(
        err.contains(&format!("failed: {}", feeds.url("/missing.xml")))
            && err.contains("2 feeds subscribed on the sync server, 0 already there, 1 failed"),
        "{err}"
    );
    // The configuration is untouched: the server owns the list.
    assert!(
        !std::fs::read_to_string(dir.join("config.toml"))
            .unwrap()
            .contains("[[feeds]]")
    );

    let subs = server.client().await.subscriptions().await.unwrap();
    assert_eq!(subs.len(), 2);
    let zero = subs
        .iter()
        .find(|s| s.url.as_deref() == Some(feeds.url("/f0.xml").as_str()))
        .unwrap();
    assert_eq!(zero.title, "Zero");
    assert_eq!(zero.categories[0].label.as_deref(), Some("World"));

    // The cache already lists them (tags from labels); a sync brings the articles.
    let listed = json(&run(dir, &server.password, &["feeds", "--json"]));
    assert_eq!(listed.as_array().unwrap().len(), 2);
    assert!(
        listed
            .as_array()
            .unwrap()
            .iter()
            .all(|f| f["tags"] == serde_json::json!(["World"]))
    );
    let synced = json(&run(
        dir,
        &server.password,
        &["sync", "--json", "--no-extract"],
    ));
    assert_eq!(synced["new_articles"], 8);

    // Importing again adds nothing.
    let out = run(
        dir,
        &server.password,
        &["import", &dir.join("feeds.opml").to_string_lossy()],
    );
    assert!(
        String::from_utf8_lossy(&out.stderr)
            .contains("0 feeds subscribed on the sync server, 2 already there"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );

    let exported = stdout(&run(dir, &server.password, &["export"]));
    assert!(exported.contains(&feeds.url("/f0.xml")), "{exported}");
    assert!(exported.contains(&feeds.url("/f1.xml")), "{exported}");
    assert!(!exported.contains("missing.xml"), "{exported}");
    assert!(exported.contains("World"), "{exported}");
    // The exported OPML parses back to the same feeds and folder.
    let (back, _) = dateline::config::import::parse_feed_list(&exported).unwrap();
    assert_eq!(back.len(), 2);
    assert!(back.iter().all(|f| f.tags == ["World".to_owned()]));
}

/// `dateline add` and `remove` with `[sync]` act on the server and leave the config file
/// alone: a page linking two feeds lists them (exit 1, nothing added), `--title` and `--tag`
/// become the subscription's title and label, `--all` adds the page's feeds not yet there, a
/// title names the feed to remove; a refusal (a local file) and a stopped server are clear
/// errors (exit 1) that change nothing.
#[tokio::test]
async fn add_and_remove_act_on_the_server() {
    let Some(server) = FreshRss::start() else {
        return;
    };
    let feeds = TestServer::start();
    feeds.route("/a.xml", feed_reply(rss(0, 4, false)));
    feeds.route("/b.xml", feed_reply(rss(1, 3, false)));
    feeds.route(
        "/home.html",
        crate::sync_session::page_linking(&feeds, "/a.xml", "/b.xml"),
    );
    let dir = tempfile::tempdir().unwrap();
    let dir = dir.path();
    write_config(dir, &server.url, &server.user);
    let config = std::fs::read_to_string(dir.join("config.toml")).unwrap();
    let pass = server.password.clone();
    let (a, b, home) = (
        feeds.url("/a.xml"),
        feeds.url("/b.xml"),
        feeds.url("/home.html"),
    );
    let client = server.client().await;
    let on_server = || async {
        let mut list = server_feed_list(&server.client().await).await.unwrap();
        list.sort_by(|x, y| x.url.cmp(&y.url));
        list
    };

    let out = run(dir, &pass, &["add", &home]);
    assert_eq!(out.status.code(), Some(1));
    let listed = String::from_utf8_lossy(&out.stdout);
    assert!(listed.contains(&a) && listed.contains(&b), "{listed}");
    assert!(client.subscriptions().await.unwrap().is_empty());

    let added = stdout(&run(
        dir,
        &pass,
        &["add", "--title", "Alpha", "--tag", "World", &a],
    ));
    assert_eq!(added, format!("added {a} (Alpha) on the sync server\n"));
    let list = on_server().await;
    assert_eq!(list.len(), 1);
    assert_eq!(list[0].title.as_deref(), Some("Alpha"));
    assert_eq!(list[0].tags, ["World"]);
    // The cache's feed list followed; the config file did not change.
    let listed = json(&run(dir, &pass, &["feeds", "--json"]));
    assert_eq!(listed[0]["title"], "Alpha");
    assert_eq!(listed[0]["tags"], serde_json::json!(["World"]));
    assert_eq!(
        std::fs::read_to_string(dir.join("config.toml")).unwrap(),
        config
    );

    let added = stdout(&run(dir, &pass, &["add", "--all", &home]));
    assert_eq!(added, format!("added {b} (Feed 1) on the sync server\n"));
    let out = run(dir, &pass, &["add", &a]);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("already a subscription"), "{err}");
    // A local file is a feed to dateline, but not to the server: refused, nothing changes.
    let file = dir.join("local.xml");
    std::fs::write(&file, rss(2, 2, false)).unwrap();
    let out = run(dir, &pass, &["add", &file.to_string_lossy()]);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("the sync server refused"), "{err}");
    assert_eq!(on_server().await.len(), 2);
    let listed = json(&run(dir, &pass, &["feeds", "--json"]));
    assert_eq!(listed.as_array().unwrap().len(), 2);
    let synced = json(&run(dir, &pass, &["sync", "--json", "--no-extract"]));
    assert_eq!(synced["new_articles"], 7);

    let removed = stdout(&run(dir, &pass, &["remove", "alpha"]));
    assert_eq!(removed, format!("removed {a} (Alpha) on the sync server\n"));
    let list = on_server().await;
    assert_eq!(list.len(), 1);
    assert_eq!(list[0].url, b);
    let out = run(dir, &pass, &["remove", "Nothing"]);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("no subscription"), "{err}");

    server.must("stop");
    let out = run(dir, &pass, &["remove", &b]);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("cannot connect to the sync server"), "{err}");
    let listed = json(&run(dir, &pass, &["feeds", "--json"]));
    assert_eq!(listed.as_array().unwrap().len(), 1);
    assert_eq!(listed[0]["url"], b.as_str());
    assert_eq!(
        std::fs::read_to_string(dir.join("config.toml")).unwrap(),
        config
    );
}
