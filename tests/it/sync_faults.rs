//! `dateline sync` against the faults of real servers, replayed by the kit's server from the
//! answers recorded from FreshRSS (`tests/fixtures/greader/`) with one answer broken at a
//! time: 429, 5xx, a write not OK, truncated, garbled and HTML JSON, a refused login, hostile
//! text, 100,000 ids. Each must end in a clear error and exit code 1 (never a panic's 101 or a
//! hang), with the local mark kept until a server said OK to it. The same flows against the
//! live server are in `sync_cli`; these add the faults it will not produce on demand.

use std::path::{Path, PathBuf};

use dateline::store::Store;
use dateline::sync::ItemId;
use serde_json::Value;

use crate::support::{Reply, TestServer, dateline_command};

const API: &str = "/api/greader.php";

fn fixture(name: &str) -> Vec<u8> {
    let path: PathBuf = [env!("CARGO_MANIFEST_DIR"), "tests/fixtures/greader", name]
        .iter()
        .collect();
    std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn path(rest: &str) -> String {
    format!("{API}/{rest}")
}

fn json_reply(body: impl Into<Vec<u8>>) -> Reply {
    Reply::new(200)
        .header("Content-Type", "application/json")
        .body(body)
}

/// The ids of the recorded hostile page, as `stream/items/ids` gives them (decimal).
fn hostile_ids() -> String {
    let ids = [
        "tag:google.com,2005:reader/item/00066207e258d59a",
        "tag:google.com,2005:reader/item/00066207e258d599",
    ]
    .map(|long| format!("{{\"id\":\"{}\"}}", ItemId::parse(long).unwrap().as_u64()));
    format!("{{\"itemRefs\":[{}]}}", ids.join(","))
}

/// A GReader server answering as the recorded FreshRSS: one feed of hostile items, both
/// unread, the second starred.
fn recorded_server() -> TestServer {
    let server = TestServer::start();
    server.route(
        &path("accounts/ClientLogin"),
        Reply::new(200).body(fixture("client_login_ok.txt")),
    );
    server.route(
        &path("reader/api/0/token"),
        Reply::new(200).body(fixture("token.txt")),
    );
    server.route(
        &path("reader/api/0/subscription/list"),
        json_reply(fixture("subscription_list.json")),
    );
    server.route(
        &path("reader/api/0/stream/contents/user/-/state/com.google/reading-list"),
        json_reply(fixture("stream_contents_hostile.json")),
    );
    server.route(
        &path("reader/api/0/stream/items/ids"),
        json_reply(hostile_ids()),
    );
    server.route(
        &path("reader/api/0/stream/items/contents"),
        json_reply(fixture("items_contents.json")),
    );
    server.route(
        &path("reader/api/0/unread-count"),
        json_reply(fixture("unread_count.json")),
    );
    server.route(&path("reader/api/0/edit-tag"), Reply::new(200).body("OK"));
    server
}

fn run(dir: &Path, args: &[&str]) -> std::process::Output {
    dateline_command(dir, args)
        .env("DATELINE_SYNC_PASSWORD", "alice-api-pass")
        .output()
        .expect("run dateline")
}

fn queued(dir: &Path) -> u64 {
    Store::open_reader(&dir.join("cache.db"))
        .unwrap()
        .sync_queue_len()
        .unwrap()
}

/// Asserts a failed sync: exit code 1, `phrase` in the message.
fn fails_with(dir: &Path, phrase: &str) -> String {
    let out = run(dir, &["sync", "--no-extract"]);
    let err = String::from_utf8_lossy(&out.stderr).into_owned();
    assert_eq!(out.status.code(), Some(1), "{phrase}: {err}");
    assert!(err.contains(phrase), "expected {phrase:?} in: {err}");
    err
}

#[test]
fn every_fault_is_a_clear_error_and_no_mark_is_lost() {
    let server = recorded_server();
    let dir = tempfile::tempdir().unwrap();
    let dir = dir.path();
    std::fs::write(
        dir.join("config.toml"),
        format!(
            "[sync]\nserver = \"greader\"\nurl = \"{}\"\nuser = \"alice\"\n",
            server.url(API)
        ),
    )
    .unwrap();

    // Hostile items arrive, and nothing of their controls reaches the terminal.
    let out = run(dir, &["sync", "--json", "--no-extract"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let summary: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(summary["new_articles"], 2);
    let listed = run(dir, &["list", "--json"]);
    let listed: Value = serde_json::from_slice(&listed.stdout).unwrap();
    let listed = listed.as_array().unwrap();
    assert_eq!(listed.len(), 2);
    let feeds = run(dir, &["feeds"]);
    assert!(feeds.status.success());
    let feeds = String::from_utf8_lossy(&feeds.stdout);
    assert!(feeds.contains("Hostile Feed"), "{feeds}");
    assert!(!feeds.contains('\u{202e}'), "{feeds:?}");
    for article in listed {
        let id = article["id"].as_i64().unwrap().to_string();
        let shown = run(dir, &["show", &id]);
        let text = String::from_utf8_lossy(&shown.stdout);
        assert!(shown.status.success());
        assert!(
            !text
                .chars()
                .any(|c| c == '\u{1b}' || c == '\u{202e}' || ('\u{80}'..='\u{9f}').contains(&c)),
            "controls reached the terminal: {text:?}"
        );
    }

    // A local mark, then faults on the write: each an error naming the cause, the mark kept.
    let first = listed[0]["id"].as_i64().unwrap().to_string();
    assert!(run(dir, &["mark-read", &first]).status.success());
    assert_eq!(queued(dir), 1);
    let edit = path("reader/api/0/edit-tag");
    for (reply, phrase) in [
        (
            Reply::new(429).header("Retry-After", "120"),
            "the sync server is limiting requests (HTTP 429), retry after",
        ),
        (
            Reply::new(503).body("down for maintenance"),
            "the sync server failed on a mark (HTTP 503)",
        ),
        (
            Reply::new(200).body("Error"),
            "the sync server refused a mark",
        ),
    ] {
        server.route(&edit, reply);
        let err = fails_with(dir, phrase);
        assert!(
            err.contains("1 local mark is kept for the next sync"),
            "{err}"
        );
        assert_eq!(queued(dir), 1, "the mark stays queued after {phrase}");
    }

    // The write works again: the mark goes out before a later step fails, and is confirmed.
    server.route(&edit, Reply::new(200).body("OK"));
    let list = path("reader/api/0/subscription/list");
    server.route(
        &list,
        json_reply(&b"{\"subscriptions\":[{\"id\":\"feed/2\""[..]),
    );
    fails_with(dir, "the JSON ends early");
    assert_eq!(queued(dir), 0);
    assert_eq!(
        server.stats(&edit).requests,
        4,
        "three refused, the fourth confirmed"
    );

    server.route(&list, json_reply(fixture("wrong_url_html.txt")));
    fails_with(dir, "a web page instead of JSON");
    server.route(&list, json_reply(fixture("subscription_list.json")));
    let contents = path("reader/api/0/stream/contents/user/-/state/com.google/reading-list");
    server.route(&contents, json_reply(&b"{\"items\": 5}"[..]));
    fails_with(dir, "invalid JSON");
    server.route(
        &contents,
        json_reply(fixture("stream_contents_hostile.json")),
    );
    server.route(
        &path("accounts/ClientLogin"),
        Reply::new(401).body(fixture("client_login_401.txt")),
    );
    fails_with(dir, "refused the user name or password (HTTP 401)");
    server.route(
        &path("accounts/ClientLogin"),
        Reply::new(200).body(fixture("client_login_ok.txt")),
    );

    // 100,000 unread ids the cache lacks: fetched by id in batches, the sync completes.
    let many: Vec<String> = (1..=100_000)
        .map(|i| format!("{{\"id\":\"{i}\"}}"))
        .collect();
    server.route(
        &path("reader/api/0/stream/items/ids"),
        json_reply(format!("{{\"itemRefs\":[{}]}}", many.join(","))),
    );
    // Articles starred here that the server does not list as starred are asked for by id
    // too (to tell an item unstarred elsewhere from one the server no longer has).
    let starred_here = dateline::store::Store::open_reader(&dir.join("cache.db"))
        .unwrap()
        .sync_starred_items()
        .unwrap()
        .into_iter()
        .filter(|i| !(1..=100_000).contains(i))
        .count();
    let out = run(dir, &["sync", "--json", "--no-extract"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let summary: Value = serde_json::from_slice(&out.stdout).unwrap();
    let batch = dateline::sync::client::CONTENTS_BATCH;
    assert_eq!(
        server
            .stats(&path("reader/api/0/stream/items/contents"))
            .requests,
        100_000 / batch + starred_here.div_ceil(batch),
        "the missing items asked for in batches, then the stars to check"
    );
    assert!(summary["fetched_by_id"].as_u64().unwrap() > 0);
}
