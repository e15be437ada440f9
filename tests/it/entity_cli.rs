//! `dateline entity NAME`: one entity's page through the binary, on the demo feeds as local
//! files. Its articles are the ones `list place:NAME` finds, its days and counts add up, an
//! ambiguous name lists its candidates and exits with 2, an unknown one exits with 1, and
//! nothing from the cache reaches the terminal unsanitised.

use std::collections::BTreeSet;
use std::path::Path;

use serde_json::Value;

use crate::support::{dateline, demo_feed, json, ok};

fn refreshed() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let config = format!(
        "[[feeds]]\nurl = \"{}\"\n\n[[feeds]]\nurl = \"{}\"\n\n[[feeds]]\nurl = \"{}\"\n",
        demo_feed("world.xml").display(),
        demo_feed("europe.atom").display(),
        demo_feed("regions.json").display()
    );
    std::fs::write(dir.path().join("config.toml"), config).unwrap();
    ok(&dateline(dir.path(), &["refresh"]));
    dir
}

fn ids(rows: &Value) -> BTreeSet<i64> {
    rows.as_array()
        .unwrap()
        .iter()
        .map(|a| a["id"].as_i64().unwrap())
        .collect()
}

fn page(dir: &Path, args: &[&str]) -> Value {
    let mut all = vec!["entity", "--json"];
    all.extend_from_slice(args);
    json(&dateline(dir, &all))
}

#[test]
fn an_entity_page_lists_its_articles_days_names_and_company() {
    let dir = refreshed();
    let p = page(dir.path(), &["--kind", "place", "nairobi"]);
    let e = &p["entity"];
    assert_eq!(e["name"], "Nairobi");
    assert_eq!(e["kind"], "place");
    assert_eq!(e["country"], "KE");
    assert!((e["lat"].as_f64().unwrap() + 1.28).abs() < 0.5, "{e}");
    // Its articles are those the filter finds, newest first.
    let listed = json(&dateline(dir.path(), &["list", "--json", "place:nairobi"]));
    assert_eq!(ids(&p["articles"]), ids(&listed));
    assert_eq!(
        p["articles"].as_array().unwrap().len() as u64,
        e["articles"].as_u64().unwrap()
    );
    let dates: Vec<&str> = p["articles"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["published"].as_str().unwrap())
        .collect();
    let mut sorted = dates.clone();
    sorted.sort_by(|a, b| b.cmp(a));
    assert_eq!(dates, sorted, "newest first");
    // Thirty days by default, each dated, ending today; none counts more than it has.
    let days = p["days"].as_array().unwrap();
    assert_eq!(days.len(), 30);
    let today = chrono::Local::now().date_naive().to_string();
    assert_eq!(days[29]["date"], today.as_str());
    let in_days: u64 = days.iter().map(|d| d["mentions"].as_u64().unwrap()).sum();
    assert!(in_days <= e["mentions"].as_u64().unwrap());
    // Company: never itself, each kind at most 8, counted in shared articles.
    let related = p["related"].as_array().unwrap();
    assert!(!related.is_empty(), "{p}");
    for r in related {
        assert_ne!(r["id"], e["id"]);
        assert!(r["articles"].as_u64().unwrap() <= e["articles"].as_u64().unwrap());
    }
    for kind in ["person", "place", "org"] {
        assert!(related.iter().filter(|r| r["kind"] == kind).count() <= 8);
    }
    assert!(p["aliases"].is_array());
    assert!(p["first_seen"].is_string() && p["last_seen"].is_string());

    // --days and --limit bound the lists.
    let short = page(
        dir.path(),
        &["--kind", "place", "--days", "3", "-n", "1", "nairobi"],
    );
    assert_eq!(short["days"].as_array().unwrap().len(), 3);
    assert!(short["articles"].as_array().unwrap().len() <= 1);

    // The text form says the same.
    let text = ok(&dateline(
        dir.path(),
        &["entity", "--kind", "place", "Nairobi"],
    ));
    assert!(text.starts_with("Nairobi (KE)  (place)"), "{text}");
    assert!(text.contains("Mentions per day, "), "{text}");
    let first = &p["articles"][0]["title"];
    assert!(text.contains(first.as_str().unwrap()), "{text}");
}

#[test]
fn ambiguous_names_list_candidates_and_unknown_names_fail() {
    let dir = refreshed();
    // Paris, France and Paris, Texas.
    let out = dateline(dir.path(), &["entity", "paris"]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("can mean 2 entities"), "{err}");
    assert!(
        err.contains("Paris (FR)") && err.contains("Paris (US)"),
        "{err}"
    );
    let out = dateline(dir.path(), &["entity", "--json", "Paris"]);
    assert_eq!(out.status.code(), Some(2));
    let candidates: Value = serde_json::from_slice(&out.stdout).unwrap();
    let candidates = candidates["candidates"].as_array().unwrap();
    assert_eq!(candidates.len(), 2);
    // Each candidate's --id opens its page.
    let id = candidates[1]["id"].as_i64().unwrap().to_string();
    let p = page(dir.path(), &["--id", &id]);
    assert_eq!(p["entity"]["name"], "Paris");
    assert_eq!(p["entity"]["country"], candidates[1]["country"]);

    let out = dateline(dir.path(), &["entity", "Atlantis"]);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("no person, place or organisation is called"),
        "{err}"
    );
    let out = dateline(dir.path(), &["entity", "--kind", "person", "Nairobi"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("no person is called"));
    let out = dateline(dir.path(), &["entity", "--id", "999999"]);
    assert_eq!(out.status.code(), Some(1));
    // No name and no id is a usage error.
    assert_eq!(dateline(dir.path(), &["entity"]).status.code(), Some(2));
}

/// Names, aliases and feed titles with terminal controls in the cache (written by another tool)
/// are printed without them, in the page and in the candidates.
#[test]
fn the_page_never_prints_terminal_controls_from_the_cache() {
    let dir = refreshed();
    let conn = rusqlite::Connection::open(dir.path().join("cache.db")).unwrap();
    conn.execute_batch(
        "UPDATE entities SET name = 'Nai\u{1b}[2Jrobi' WHERE name = 'Nairobi';
         INSERT INTO entity_aliases (entity, alias, folded)
             SELECT id, 'Bad\u{1b}]0;owned\u{7}alias', 'badalias' FROM entities WHERE folded = 'nairobi';
         UPDATE feeds SET feed_title = 'Evil \u{1b}[31m feed';
         UPDATE entities SET name = 'Par\u{9b}is' WHERE name = 'Paris';",
    )
    .unwrap();
    drop(conn);
    let text = ok(&dateline(dir.path(), &["entity", "nairobi"]));
    assert!(text.contains("robi") && text.contains("Evil"), "{text}");
    assert!(
        text.contains("1 article") || text.contains(" articles"),
        "{text}"
    );
    assert!(text.contains("alias"), "{text}");
    assert!(
        !text.contains('\u{1b}') && !text.contains('\u{7}'),
        "{text:?}"
    );
    let out = dateline(dir.path(), &["entity", "paris"]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("Par") && err.contains("(FR)"), "{err}");
    assert!(!err.contains('\u{9b}'), "{err:?}");
}
