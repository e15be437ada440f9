//! People, places and organisations through the binary: `refresh` extracts after storing,
//! `entities` lists them (whole cache, by kind, over a query's articles), the `person:` and
//! `place:` filters find the right articles, re-refreshing and `reindex` change nothing, and
//! pruning an article takes its mentions with it. Feeds are the demo feeds as local files.

use std::path::Path;

use serde_json::Value;

use crate::support::{dateline, demo_feed, json, ok};

fn write_config(dir: &Path, keep_days: u32) {
    let config = format!(
        "[settings]\nkeep_days = {keep_days}\n\n[[feeds]]\nurl = \"{}\"\n\n[[feeds]]\nurl = \"{}\"\n\n\
         [[feeds]]\nurl = \"{}\"\n",
        demo_feed("world.xml").display(),
        demo_feed("europe.atom").display(),
        demo_feed("regions.json").display()
    );
    std::fs::write(dir.join("config.toml"), config).unwrap();
}

/// `entities --json` rows with these extra arguments.
fn entities(dir: &Path, args: &[&str]) -> Vec<Value> {
    let mut all = vec!["entities", "--json", "--limit", "100000"];
    all.extend_from_slice(args);
    json(&dateline(dir, &all)).as_array().unwrap().clone()
}

fn find<'a>(rows: &'a [Value], kind: &str, name: &str) -> Vec<&'a Value> {
    rows.iter()
        .filter(|r| r["kind"] == kind && r["name"].as_str().is_some_and(|n| n.contains(name)))
        .collect()
}

fn total_mentions(rows: &[Value]) -> u64 {
    rows.iter().map(|r| r["mentions"].as_u64().unwrap()).sum()
}

fn near(row: &Value, lat: f64, lon: f64) -> bool {
    let (Some(a), Some(o)) = (row["lat"].as_f64(), row["lon"].as_f64()) else {
        return false;
    };
    (a - lat).abs() < 0.5 && (o - lon).abs() < 0.5
}

/// Titles of the articles a query lists.
fn titles(dir: &Path, query: &str) -> Vec<String> {
    let list = json(&dateline(dir, &["list", "--json", query]));
    list.as_array()
        .unwrap()
        .iter()
        .map(|a| a["title"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn refresh_finds_people_places_and_organisations_of_the_demo() {
    let dir = tempfile::tempdir().unwrap();
    write_config(dir.path(), 0);
    let refresh = dateline(dir.path(), &["refresh"]);
    ok(&refresh);
    let stderr = String::from_utf8_lossy(&refresh.stderr);
    let listed = stderr.find("20 new articles").expect("summary");
    let extracted = stderr
        .find("entities: 20 articles")
        .expect("extraction line");
    assert!(
        listed < extracted,
        "articles are reported before entities: {stderr}"
    );

    let rows = entities(dir.path(), &[]);
    assert!(
        !find(&rows, "person", "Vučić").is_empty() || !find(&rows, "person", "Macron").is_empty(),
        "{rows:?}"
    );
    let nairobi = find(&rows, "place", "Nairobi");
    assert_eq!(nairobi.len(), 1, "{nairobi:?}");
    assert!(near(nairobi[0], -1.28, 36.82), "{:?}", nairobi[0]);
    assert!(
        rows.iter()
            .any(|r| r["kind"] == "org" && (r["name"] == "NATO" || r["name"] == "IMF")),
        "{rows:?}"
    );
    // Every row has the documented fields.
    for key in [
        "kind", "name", "aliases", "mentions", "articles", "lat", "lon",
    ] {
        assert!(rows[0].get(key).is_some(), "{key} missing: {:?}", rows[0]);
    }

    // Paris of the Paris, Texas story is in Texas; Paris of Macron's story in France.
    let texas = entities(dir.path(), &["--kind", "place", "place:texas"]);
    let paris_us = find(&texas, "place", "Paris");
    assert!(!paris_us.is_empty(), "{texas:?}");
    assert!(
        paris_us
            .iter()
            .any(|p| near(p, 33.66, -95.55) && p["country"] == "US")
    );
    let macron = entities(
        dir.path(),
        &["--kind", "place", "person:\"emmanuel macron\""],
    );
    let paris_fr = find(&macron, "place", "Paris");
    assert!(!paris_fr.is_empty(), "{macron:?}");
    assert!(
        paris_fr
            .iter()
            .all(|p| near(p, 48.85, 2.35) && p["country"] == "FR")
    );
    let all_paris = find(&rows, "place", "Paris");
    assert!(
        all_paris.len() >= 2,
        "two Parises stay apart: {all_paris:?}"
    );

    // --kind place lists only places, and the text form works.
    let places = entities(dir.path(), &["--kind", "place"]);
    assert!(places.len() > 5);
    assert!(places.iter().all(|r| r["kind"] == "place"));
    let text = ok(&dateline(
        dir.path(),
        &["entities", "--kind", "place", "-n", "5"],
    ));
    assert_eq!(text.lines().count(), 5, "{text}");
    assert!(text.lines().all(|l| l.contains("place")), "{text}");

    // The query operators find the articles that mention them.
    let macron_titles = titles(dir.path(), "person:\"Emmanuel Macron\"");
    assert_eq!(macron_titles.len(), 1, "{macron_titles:?}");
    assert!(macron_titles[0].contains("Macron"), "{macron_titles:?}");
    let nairobi_titles = titles(dir.path(), "place:nairobi");
    assert_eq!(
        nairobi_titles.len() as u64,
        nairobi[0]["articles"].as_u64().unwrap()
    );
    assert!(
        nairobi_titles.iter().any(|t| t.contains("Nairobi")),
        "{nairobi_titles:?}"
    );
    assert!(titles(dir.path(), "place:atlantis").is_empty());
}

#[test]
fn refresh_again_and_reindex_change_nothing_and_pruning_drops_mentions() {
    let dir = tempfile::tempdir().unwrap();
    write_config(dir.path(), 0);
    ok(&dateline(dir.path(), &["refresh", "--no-extract"]));
    assert!(
        entities(dir.path(), &[]).is_empty(),
        "--no-extract extracts nothing"
    );
    ok(&dateline(dir.path(), &["refresh"]));
    let first = entities(dir.path(), &[]);
    assert!(total_mentions(&first) > 100);

    // A second refresh finds nothing new and duplicates nothing.
    ok(&dateline(dir.path(), &["refresh"]));
    assert_eq!(entities(dir.path(), &[]), first);

    // Reindexing twice gives the same entities and counts.
    let re = dateline(dir.path(), &["reindex"]);
    ok(&re);
    let summary = String::from_utf8_lossy(&re.stderr);
    assert!(summary.contains("reindexed 20 articles"), "{summary}");
    assert!(summary.contains("words/s"), "{summary}");
    assert_eq!(entities(dir.path(), &[]), first);
    ok(&dateline(dir.path(), &["reindex"]));
    assert_eq!(entities(dir.path(), &[]), first);

    // Pruning a read article removes its mentions.
    let nairobi = |rows: &[Value]| find(rows, "place", "Nairobi")[0]["articles"].as_u64();
    let before = nairobi(&first).unwrap();
    let list = json(&dateline(dir.path(), &["list", "--json", "place:nairobi"]));
    let victim = list.as_array().unwrap()[0]["id"]
        .as_i64()
        .unwrap()
        .to_string();
    ok(&dateline(dir.path(), &["mark-read", &victim]));
    // A prune keeps what was read or first seen less than keep_days ago: move both back.
    rusqlite::Connection::open(dir.path().join("cache.db"))
        .unwrap()
        .execute(
            "UPDATE articles SET first_seen = first_seen - 172800, read_at = read_at - 172800
            WHERE id = ?1",
            [victim.parse::<i64>().unwrap()],
        )
        .unwrap();
    write_config(dir.path(), 1);
    let pruned = json(&dateline(dir.path(), &["refresh", "--json"]));
    assert_eq!(pruned["summary"]["pruned_articles"], 1, "{pruned}");
    let after = entities(dir.path(), &[]);
    assert_eq!(nairobi(&after), Some(before - 1));
    assert!(total_mentions(&after) < total_mentions(&first));
    assert_eq!(titles(dir.path(), "place:nairobi").len() as u64, before - 1);
}
