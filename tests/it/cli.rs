//! The `dateline` binary as a user or a cron job drives it: demo, refresh, list, show,
//! mark-read, import/export, exit codes. Feeds come from local files (file://) here; the HTTP
//! behaviour is covered in `fetch` and `refresh`.

use std::path::Path;
use std::process::Command;

use serde_json::Value;

use crate::support::{dateline, demo_feed, json, ok};

/// A config with the three demo feeds as local paths / file:// URLs.
fn write_config(dir: &Path) {
    let world = url::Url::from_file_path(demo_feed("world.xml")).unwrap();
    let config = format!(
        "[settings]\nkeep_days = 0\n\n[[feeds]]\nurl = \"{world}\"\ntags = [\"world\"]\n\n\
         [[feeds]]\nurl = \"{}\"\ntitle = \"Europe desk\"\ntags = [\"europe\"]\n\n\
         [[feeds]]\nurl = \"{}\"\n",
        demo_feed("europe.atom").display(),
        demo_feed("regions.json").display()
    );
    std::fs::write(dir.join("config.toml"), config).unwrap();
}

#[test]
fn demo_runs_offline_and_lists_articles() {
    let dir = tempfile::tempdir().unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_dateline"))
        .arg("--demo")
        .env("HOME", dir.path())
        .env("XDG_DATA_HOME", dir.path().join("data"))
        .output()
        .unwrap();
    let stdout = ok(&out);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("3 feeds: 3 ok"), "{stderr}");
    assert!(stdout.contains("Antalya"), "{stdout}");
    assert_eq!(stdout.lines().count(), 20, "{stdout}");
}

#[test]
fn refresh_list_show_and_mark_read() {
    let dir = tempfile::tempdir().unwrap();
    write_config(dir.path());
    let refresh = json(&dateline(dir.path(), &["refresh", "--json"]));
    assert_eq!(refresh["summary"]["ok"], 3, "{refresh}");
    assert_eq!(refresh["summary"]["new_articles"], 20, "{refresh}");
    assert_eq!(refresh["summary"]["failed"], 0);

    let feeds = json(&dateline(dir.path(), &["feeds", "--json"]));
    let feeds = feeds.as_array().unwrap();
    assert_eq!(feeds.len(), 3);
    assert_eq!(feeds[0]["title"], "Dateline Demo: World Desk");
    assert_eq!(feeds[1]["title"], "Europe desk");
    assert_eq!(feeds[0]["unread"], 8);
    assert_eq!(feeds[0]["tags"], serde_json::json!(["world"]));

    let list = json(&dateline(dir.path(), &["list", "--json", "--limit", "5"]));
    let list = list.as_array().unwrap();
    assert_eq!(list.len(), 5);
    let dates: Vec<&str> = list
        .iter()
        .map(|a| a["published"].as_str().unwrap())
        .collect();
    let mut sorted = dates.clone();
    sorted.sort_by(|a, b| b.cmp(a));
    assert_eq!(dates, sorted, "newest first");

    let id = list[0]["id"].as_i64().unwrap().to_string();
    let shown = json(&dateline(dir.path(), &["show", &id, "--json"]));
    assert_eq!(shown["title"], list[0]["title"]);
    assert!(shown["text"].as_str().unwrap().split_whitespace().count() > 150);
    let text = ok(&dateline(dir.path(), &["show", &id]));
    assert!(text.starts_with(list[0]["title"].as_str().unwrap()));
    assert!(!text.contains('<'), "plain text, not HTML: {text}");

    ok(&dateline(dir.path(), &["mark-read", &id]));
    let unread = json(&dateline(dir.path(), &["list", "--json", "--unread"]));
    assert_eq!(unread.as_array().unwrap().len(), 19);

    // A second refresh finds nothing new and keeps the read state.
    let again = json(&dateline(dir.path(), &["refresh", "--json"]));
    assert_eq!(again["summary"]["new_articles"], 0, "{again}");
    let unread = json(&dateline(dir.path(), &["list", "--json", "--unread"]));
    assert_eq!(unread.as_array().unwrap().len(), 19);

    ok(&dateline(dir.path(), &["mark-read", "--all"]));
    let unread = json(&dateline(dir.path(), &["list", "--json", "--unread"]));
    assert_eq!(unread.as_array().unwrap().len(), 0);
}

#[test]
fn usage_and_missing_article_errors_have_exit_codes() {
    let dir = tempfile::tempdir().unwrap();
    write_config(dir.path());
    let out = dateline(
        dir.path(),
        &["refresh", "--feed", "https://nowhere.invalid/feed"],
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("no configured feed"));
    let out = dateline(dir.path(), &["show", "999999"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("999999"));
    let out = dateline(dir.path(), &["mark-read"]);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn first_run_writes_the_default_config_and_says_where() {
    let dir = tempfile::tempdir().unwrap();
    let out = dateline(dir.path(), &["feeds", "--json"]);
    let feeds = json(&out);
    assert!(feeds.as_array().unwrap().len() >= 12);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("config.toml"), "{stderr}");
    assert!(dir.path().join("config.toml").exists());
    // The second run says nothing about it.
    let out = dateline(dir.path(), &["feeds"]);
    assert!(String::from_utf8_lossy(&out.stderr).is_empty());
}

#[test]
fn bad_config_names_file_line_and_key() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("config.toml"),
        "[settings]\nconcurrency = 16\nconcurency = 3\n",
    )
    .unwrap();
    let out = dateline(dir.path(), &["feeds"]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("config.toml:3"), "{stderr}");
    assert!(stderr.contains("concurency"), "{stderr}");
}

#[test]
fn export_then_import_into_an_empty_config_keeps_the_feed_list() {
    let dir = tempfile::tempdir().unwrap();
    write_config(dir.path());
    let opml = ok(&dateline(dir.path(), &["export"]));
    assert!(opml.contains("<opml version=\"2.0\""), "{opml}");
    let other = tempfile::tempdir().unwrap();
    std::fs::write(other.path().join("config.toml"), "# my feeds\n").unwrap();
    std::fs::write(other.path().join("feeds.opml"), &opml).unwrap();
    let file = other.path().join("feeds.opml");
    ok(&dateline(
        other.path(),
        &["import", &file.to_string_lossy()],
    ));
    // Idempotent.
    let out = dateline(other.path(), &["import", &file.to_string_lossy()]);
    assert!(String::from_utf8_lossy(&out.stderr).contains("0 feeds added"));
    let a = json(&dateline(dir.path(), &["feeds", "--json"]));
    let b = json(&dateline(other.path(), &["feeds", "--json"]));
    let key = |v: &Value| -> Vec<(Value, Value)> {
        v.as_array()
            .unwrap()
            .iter()
            .map(|f| (f["url"].clone(), f["tags"].clone()))
            .collect()
    };
    assert_eq!(key(&a), key(&b));
    let text = std::fs::read_to_string(other.path().join("config.toml")).unwrap();
    assert!(text.starts_with("# my feeds\n"), "comments kept: {text}");
}

/// `list` sanitises what it prints even when the cache holds a title with controls that did
/// not come through the parser (an older cache, another tool writing to it).
#[test]
fn list_never_prints_terminal_controls_from_the_cache() {
    let dir = tempfile::tempdir().unwrap();
    write_config(dir.path());
    ok(&dateline(dir.path(), &["refresh", "--no-extract"]));
    let conn = rusqlite::Connection::open(dir.path().join("cache.db")).unwrap();
    conn.execute(
        "UPDATE articles SET title = 'Evil \u{1b}[2J\u{1b}]0;owned\u{7} title' WHERE id = 1",
        [],
    )
    .unwrap();
    conn.execute(
        // A feed the configuration gives no title, so its own title is the one shown (the
        // feeds are stored in whatever order their fetches end).
        "UPDATE feeds SET feed_title = 'Bad \u{1b}[31mfeed'
            WHERE id = (SELECT id FROM feeds WHERE title_override IS NULL ORDER BY id LIMIT 1)",
        [],
    )
    .unwrap();
    drop(conn);
    let out = ok(&dateline(dir.path(), &["list", "--limit", "100"]));
    assert!(out.contains("Evil"), "{out}");
    assert!(!out.contains('\u{1b}') && !out.contains('\u{7}'), "{out:?}");
    let feeds = ok(&dateline(dir.path(), &["feeds"]));
    assert!(feeds.contains("Bad"), "{feeds}");
    assert!(!feeds.contains('\u{1b}'), "{feeds:?}");
}
