//! The query language through the binary: `dateline list QUERY…` and
//! `dateline mark-read --query`, on the demo feeds read from local files.

use std::path::Path;

use chrono::{TimeZone, Utc};
use dateline::model::{NewArticle, ParsedFeed};
use dateline::store::{FetchRecord, Store};
use serde_json::Value;

use crate::support::{dateline, demo_feed};

/// The demo feeds' config (the Europe one titled "Europe desk"), without fetching.
fn configured() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let world = url::Url::from_file_path(demo_feed("world.xml")).unwrap();
    let config = format!(
        "[settings]\nkeep_days = 0\n\n[[feeds]]\nurl = \"{world}\"\ntags = [\"world\"]\n\n\
         [[feeds]]\nurl = \"{}\"\ntitle = \"Europe desk\"\ntags = [\"europe\"]\n\n\
         [[feeds]]\nurl = \"{}\"\n",
        demo_feed("europe.atom").display(),
        demo_feed("regions.json").display()
    );
    std::fs::write(dir.path().join("config.toml"), config).unwrap();
    dir
}

/// The demo feeds fetched by `dateline refresh`.
fn refreshed() -> tempfile::TempDir {
    let dir = configured();
    let out = dateline(dir.path(), &["refresh"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    dir
}

fn article(guid: &str, title: &str, text: &str, authors: &[&str], day: u32) -> NewArticle {
    NewArticle {
        guid: guid.into(),
        title: title.into(),
        link: None,
        authors: authors.iter().map(|a| a.to_string()).collect(),
        published: Utc.with_ymd_and_hms(2026, 11, day, 9, 0, 0).single(),
        updated: None,
        summary_html: None,
        content_html: None,
        text: text.into(),
        enclosures: Vec::new(),
        categories: Vec::new(),
    }
}

/// Seven articles in the three demo feeds, written straight into the cache (so these tests
/// do not depend on the fetcher and parser).
fn seeded() -> tempfile::TempDir {
    let dir = configured();
    let out = dateline(dir.path(), &["feeds"]); // creates the cache and its feed rows
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let mut store = Store::open(&dir.path().join("cache.db")).unwrap();
    let feeds = store.feeds().unwrap();
    let docs = [
        vec![
            article(
                "w1",
                "Climate talks in Antalya close",
                "Mayors from Bogotá came.",
                &["Selin Aydın"],
                20,
            ),
            article(
                "w2",
                "Paris, Texas, switches on broadband",
                "Not Paris, France.",
                &[],
                21,
            ),
            article(
                "w3",
                "India and the EU set a timetable",
                "Trade agreement.",
                &[],
                22,
            ),
        ],
        vec![
            article(
                "e1",
                "Belgrade–Pristina dialogue resumes",
                "Aleksandar Vučić met EU mediators in Brussels.",
                &["Mira Novak"],
                20,
            ),
            article(
                "e2",
                "Macron hosts Paris meeting",
                "A Paris meeting on computing.",
                &[],
                23,
            ),
            article(
                "e3",
                "Kyiv prepares power grid",
                "Winter repairs in Texas-sized numbers.",
                &[],
                24,
            ),
        ],
        vec![article(
            "r1",
            "Mexico City, São Paulo and Bogotá mayors pledge",
            "Electric buses.",
            &[],
            25,
        )],
    ];
    for (feed, items) in feeds.iter().zip(docs) {
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
        store.record_fetch(feed.id, record, Utc::now()).unwrap();
    }
    dir
}

/// `list --json ARGS…` as a list of article objects.
fn list(dir: &Path, args: &[&str]) -> Vec<Value> {
    let mut all = vec!["list", "--json"];
    all.extend_from_slice(args);
    let out = dateline(dir, &all);
    assert!(
        out.status.success(),
        "list {args:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: Value = serde_json::from_slice(&out.stdout).expect("JSON");
    v.as_array().expect("an array").clone()
}

fn ids(list: &[Value]) -> Vec<i64> {
    list.iter().map(|a| a["id"].as_i64().unwrap()).collect()
}

/// The article's full text, via `show --json`.
fn text_of(dir: &Path, id: i64) -> String {
    let out = dateline(dir, &["show", "--json", &id.to_string()]);
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    format!("{} {} {}", v["title"], v["text"], v["authors"])
}

#[test]
fn words_match_with_or_without_diacritics() {
    let dir = seeded();
    let d = dir.path();
    let plain = list(d, &["vucic"]);
    assert!(!plain.is_empty());
    for id in ids(&plain) {
        assert!(text_of(d, id).contains("Vučić"), "article {id}");
    }
    assert_eq!(ids(&list(d, &["Vučić"])), ids(&plain));
    let bogota = list(d, &["bogota"]);
    assert!(!bogota.is_empty());
    assert_eq!(ids(&list(d, &["BOGOTÁ"])), ids(&bogota));
    // Two words are ANDed; `or` widens; a phrase needs the words together.
    let both = list(d, &["paris", "texas"]);
    let either = list(d, &["paris", "or", "texas"]);
    assert!(
        !both.is_empty() && both.len() < either.len(),
        "{both:?} {either:?}"
    );
    let phrase = list(d, &["\"Paris, Texas\""]);
    assert!(!phrase.is_empty() && phrase.len() <= both.len());
    assert!(list(d, &["\"Texas Paris\""]).is_empty());
}

#[test]
fn filters_combine_with_the_old_flags() {
    let dir = seeded();
    let d = dir.path();
    let all = list(d, &[]);
    assert_eq!(all.len(), 7);
    let europe = list(d, &["feed:\"europe desk\""]);
    assert!(!europe.is_empty());
    assert!(europe.iter().all(|a| a["feed"] == "Europe desk"));
    assert_eq!(ids(&list(d, &["tag:EUROPE"])), ids(&europe));
    let not_europe = list(d, &["-tag:europe"]);
    assert_eq!(europe.len() + not_europe.len(), all.len());
    // Words after the flags; --unread and --limit still apply.
    let limited = list(d, &["--unread", "--limit", "2", "-tag:europe"]);
    assert_eq!(ids(&limited), ids(&not_europe)[..2]);
    // sort:title orders by title.
    let titles: Vec<String> = list(d, &["sort:title"])
        .iter()
        .map(|a| a["title"].as_str().unwrap().to_lowercase())
        .collect();
    let mut sorted = titles.clone();
    sorted.sort();
    assert_eq!(titles, sorted);
}

#[test]
fn mark_read_takes_a_query() {
    let dir = seeded();
    let d = dir.path();
    let europe = list(d, &["tag:europe"]).len();
    let out = dateline(d, &["mark-read", "--query", "tag:europe"]);
    assert!(out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains(&format!("{europe} articles marked read")),
        "{stderr}"
    );
    assert!(list(d, &["is:unread", "tag:europe"]).is_empty());
    assert_eq!(europe, 3);
    assert_eq!(list(d, &["is:unread"]).len(), 7 - europe);
    assert_eq!(list(d, &["--unread"]).len(), 7 - europe);
}

#[test]
fn a_bad_query_is_a_usage_error_with_a_caret() {
    let dir = seeded();
    let out = dateline(dir.path(), &["list", "(vucic", "or", "bogota"]);
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("bad query: at 16: expected ')'\n  (vucic or bogota\n                  ^"),
        "{stderr}"
    );
    let out = dateline(dir.path(), &["mark-read", "--query", "is:new"]);
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("at 3: expected unread, read or starred after 'is:'"),
        "{stderr}"
    );
    assert_eq!(
        list(dir.path(), &["is:unread"]).len(),
        7,
        "nothing was marked"
    );
}

/// The real demo feeds through `refresh`: accented names found without accents.
#[test]
fn demo_feeds_find_accented_names_typed_plainly() {
    let dir = refreshed();
    let d = dir.path();
    let all = list(d, &[]);
    assert_eq!(all.len(), 20);
    for (plain, accented) in [
        ("vucic", "Vučić"),
        ("sefcovic", "Šefčovič"),
        ("bogota", "Bogotá"),
    ] {
        let found = list(d, &[plain]);
        assert!(!found.is_empty(), "{plain}");
        assert!(found.len() < all.len(), "{plain}");
        for id in ids(&found) {
            assert!(text_of(d, id).contains(accented), "{plain}: article {id}");
        }
        assert_eq!(ids(&list(d, &[accented])), ids(&found));
    }
}
