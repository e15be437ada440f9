//! Hostile feeds against the real binary: documents built to exhaust memory or time must
//! cost one failed feed, not the refresh.

use crate::support::{Reply, TestServer, dateline, json};

/// An RSS document declaring one entity of `size` bytes, used `uses` times in its one item's
/// title.
fn entity_feed(size: usize, uses: usize) -> String {
    format!(
        "<?xml version=\"1.0\"?><!DOCTYPE rss [<!ENTITY big \"{}\">]>\
         <rss version=\"2.0\"><channel><title>Entities {size}x{uses}</title>\
         <item><guid>1</guid><title>{}</title></item></channel></rss>",
        "x".repeat(size),
        "&big;".repeat(uses)
    )
}

#[test]
fn an_entity_expansion_bomb_fails_its_feed_and_nothing_else() {
    let server = TestServer::start();
    // 300 KB that would expand to 2.5 GB (issue #16: 32 s and 9.8 GB before the cap).
    let bomb = entity_feed(50_000, 50_000);
    assert!(bomb.len() < 400_000);
    server.route("/bomb.xml", Reply::new(200).body(bomb));
    // 100 KB of expansion: under the 1 MB cap of this config, so it is read in full.
    server.route("/fine.xml", Reply::new(200).body(entity_feed(1_000, 100)));
    let urls = [server.url("/bomb.xml"), server.url("/fine.xml")];
    let dir = tempfile::tempdir().unwrap();
    let mut config = String::from("[settings]\nkeep_days = 0\nmax_feed_mb = 1\n");
    for url in &urls {
        config.push_str(&format!("\n[[feeds]]\nurl = \"{url}\"\n"));
    }
    std::fs::write(dir.path().join("config.toml"), config).unwrap();

    let report = json(&dateline(
        dir.path(),
        &["refresh", "--no-extract", "--json"],
    ));
    let outcome = |url: &str| {
        report["feeds"]
            .as_array()
            .unwrap()
            .iter()
            .find(|f| f["url"] == url)
            .unwrap_or_else(|| panic!("no report for {url}: {report}"))
            .clone()
    };
    let bomb = outcome(&urls[0]);
    assert_eq!(bomb["status"], "failed", "{report}");
    let error = bomb["error"].as_str().unwrap();
    assert!(
        error.contains("entities") && error.contains("1.0 MiB"),
        "names the cause and the cap: {error}"
    );
    assert_eq!(outcome(&urls[1])["status"], "ok", "{report}");

    let list = json(&dateline(dir.path(), &["list", "--json"]));
    let titles: Vec<&str> = list
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["title"].as_str().unwrap())
        .collect();
    assert_eq!(titles.len(), 1, "{titles:?}");
    // The title is cut at 1,000 chars, but it is the entity written out, not `&big;`.
    assert!(titles[0].chars().all(|c| c == 'x'), "{}", titles[0]);
}
