//! Full text in the pipeline: a summary-only feed served on 127.0.0.1 with its article
//! pages. `dateline refresh` stores the feed, reports it, then fetches the pages (within the
//! feeds' limits), stores their text beside the feed's, and search, `show` and the entity
//! extractor see the whole article; a failing page is recorded and not fetched again on the
//! next refresh; `--no-full-text` and `full_text = false` fetch nothing.

use std::path::Path;

use serde_json::Value;

use crate::support::{Reply, Route, TestServer, dateline, json, ok};

/// A summary-only RSS feed: one-sentence items linking to `pages` on the same server.
fn teaser_feed(server: &TestServer, pages: &[&str]) -> String {
    let items: String = pages
        .iter()
        .enumerate()
        .map(|(i, page)| {
            format!(
                "<item><title>Story {i}</title><link>{}</link><guid>s{i}</guid>\
                 <pubDate>Mon, 23 Nov 2026 10:{i:02}:00 GMT</pubDate>\
                 <description>A short teaser for story {i}.</description></item>",
                server.url(page)
            )
        })
        .collect();
    format!(
        "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Teasers</title>\
         <link>{}</link>{items}</channel></rss>",
        server.url("/")
    )
}

/// An article page whose body names people and places the teaser does not.
fn article_page(n: usize) -> String {
    let paragraphs: String = (0..6)
        .map(|i| {
            format!(
                "<p>Paragraph {i} of story {n}: Angela Merkel met Emmanuel Macron in Strasbourg \
                 on Monday, where the talks, which ran late, turned to the budget and the \
                 harvest in Normandy.</p>"
            )
        })
        .collect();
    format!(
        "<html lang=en><head><title>The whole story number {n} | Paper</title></head><body>\
         <nav><a href=/>Home</a><a href=/europe>Europe</a></nav>\
         <article><h1>The whole story number {n}</h1>{paragraphs}\
         <p>Only the page says quetzalcoatlus, a word for search to find.</p></article>\
         <footer>Copyright Paper, all rights reserved, every year.</footer></body></html>"
    )
}

fn write_config(dir: &Path, feed: &str, full_text: &str) {
    std::fs::write(
        dir.join("config.toml"),
        format!(
            "[settings]\nkeep_days = 0\nfull_text = {full_text}\n\n[[feeds]]\nurl = \"{feed}\"\n"
        ),
    )
    .expect("write config");
}

fn serve(server: &TestServer) -> String {
    server.route(
        "/feed.xml",
        Reply::new(200)
            .header("Content-Type", "application/rss+xml")
            .body(teaser_feed(
                server,
                &["/a/1.html", "/a/2.html", "/a/gone.html"],
            )),
    );
    for n in 1..=2 {
        server.route(
            &format!("/a/{n}.html"),
            Reply::new(200)
                .header("Content-Type", "text/html; charset=utf-8")
                .body(article_page(n)),
        );
    }
    server.route("/a/gone.html", Reply::new(404).body("gone"));
    server.url("/feed.xml")
}

fn list(dir: &Path, query: &str) -> Vec<Value> {
    json(&dateline(dir, &["list", "--json", query]))
        .as_array()
        .expect("array")
        .clone()
}

#[test]
fn refresh_stores_the_pages_of_a_summary_only_feed_then_search_and_entities_use_them() {
    let server = TestServer::start();
    let feed = serve(&server);
    let dir = tempfile::tempdir().expect("tempdir");
    write_config(dir.path(), &feed, "\"auto\"");

    let out = dateline(dir.path(), &["refresh"]);
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    ok(&out);
    // The feed's summary comes first, then the pages, then the entities.
    let summary = stderr.find("1 feeds: 1 ok").expect(&stderr);
    let pages = stderr
        .find("full text: 2 pages stored, 1 failed")
        .expect(&stderr);
    assert!(summary < pages, "{stderr}");
    for page in ["/a/1.html", "/a/2.html", "/a/gone.html"] {
        assert_eq!(server.stats(page).requests, 1, "{page}");
    }

    // Search finds a word only the page has, and only in the two stored pages.
    assert_eq!(list(dir.path(), "quetzalcoatlus").len(), 2);
    // `show` prints the whole article; its JSON carries the page and the failure.
    let stories = list(dir.path(), "");
    let id_of = |title: &str| {
        stories
            .iter()
            .find(|a| a["title"] == title)
            .and_then(|a| a["id"].as_i64())
            .expect("story")
            .to_string()
    };
    let text = ok(&dateline(dir.path(), &["show", &id_of("Story 0")]));
    assert!(text.contains("Paragraph 5 of story 1"), "{text}");
    assert!(!text.contains("Copyright"), "{text}");
    let shown = json(&dateline(
        dir.path(),
        &["show", "--json", &id_of("Story 0")],
    ));
    assert_eq!(shown["text"], "A short teaser for story 0.");
    assert_eq!(shown["page"]["title"], "The whole story number 1");
    assert_eq!(shown["page"]["url"], server.url("/a/1.html"));
    let gone = json(&dateline(
        dir.path(),
        &["show", "--json", &id_of("Story 2")],
    ));
    assert!(gone["page"].is_null());
    assert!(
        gone["page_error"].as_str().expect("error").contains("404"),
        "{gone}"
    );

    // The people and places come from the pages: the teasers name no one.
    let people = json(&dateline(dir.path(), &["entities", "--json"]));
    let names: Vec<&str> = people
        .as_array()
        .expect("array")
        .iter()
        .filter_map(|e| e["name"].as_str())
        .collect();
    assert!(names.iter().any(|n| n.contains("Merkel")), "{names:?}");
    assert!(names.iter().any(|n| n.contains("Strasbourg")), "{names:?}");

    // The next refresh fetches nothing again: stored pages are kept, the failure waits.
    let again = dateline(dir.path(), &["refresh"]);
    let stderr = String::from_utf8_lossy(&again.stderr).into_owned();
    ok(&again);
    assert!(!stderr.contains("full text:"), "{stderr}");
    for page in ["/a/1.html", "/a/2.html", "/a/gone.html"] {
        assert_eq!(server.stats(page).requests, 1, "{page}");
    }
}

#[test]
fn no_full_text_and_full_text_false_fetch_no_page() {
    let server = TestServer::start();
    let feed = serve(&server);
    let dir = tempfile::tempdir().expect("tempdir");
    write_config(dir.path(), &feed, "true");
    ok(&dateline(dir.path(), &["refresh", "--no-full-text"]));
    let off = tempfile::tempdir().expect("tempdir");
    write_config(off.path(), &feed, "false");
    ok(&dateline(off.path(), &["refresh"]));
    assert_eq!(server.stats("/feed.xml").requests, 2);
    for page in ["/a/1.html", "/a/2.html", "/a/gone.html"] {
        assert_eq!(server.stats(page).requests, 0, "{page}");
    }
    assert!(list(dir.path(), "quetzalcoatlus").is_empty());
    // A later refresh without the flag fetches them.
    ok(&dateline(dir.path(), &["refresh"]));
    assert_eq!(list(dir.path(), "quetzalcoatlus").len(), 2);
}

#[test]
fn pages_get_the_feeds_per_host_limit_and_follow_redirects() {
    let server = TestServer::start();
    // Twelve links to one route (the server ignores the query), so its concurrency is that
    // of the host; each redirects to the page, which answers slowly.
    let many: Vec<String> = (0..12).map(|i| format!("/p?n={i}")).collect();
    let refs: Vec<&str> = many.iter().map(String::as_str).collect();
    server.route(
        "/feed.xml",
        Reply::new(200).body(teaser_feed(&server, &refs)),
    );
    server.route("/p", Route::redirect(302, "/final.html"));
    server.route(
        "/final.html",
        Reply::new(200)
            .body(article_page(7))
            .delay(std::time::Duration::from_millis(100)),
    );
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::write(
        dir.path().join("config.toml"),
        format!(
            "[settings]\nper_host = 2\nfull_text = true\n\n[[feeds]]\nurl = \"{}\"\n",
            server.url("/feed.xml")
        ),
    )
    .expect("config");
    let out = dateline(dir.path(), &["refresh", "--no-extract"]);
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    ok(&out);
    assert!(
        stderr.contains("full text: 12 pages stored, 0 failed"),
        "{stderr}"
    );
    let stats = server.stats("/final.html");
    assert_eq!(stats.requests, 12);
    assert!(
        stats.max_concurrent <= 2,
        "{} page requests at once to one host",
        stats.max_concurrent
    );
}

#[test]
fn an_unreachable_host_fails_its_pages_at_once_and_they_wait_for_a_retry() {
    let server = TestServer::start();
    let dead = format!("http://127.0.0.1:{}", crate::support::unused_port());
    let items: String = (0..6)
        .map(|i| {
            format!(
                "<item><title>Dead {i}</title><link>{dead}/a/{i}.html</link><guid>d{i}</guid>\
                 <description>Teaser.</description></item>"
            )
        })
        .collect();
    server.route(
        "/feed.xml",
        Reply::new(200).body(format!(
            "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Dead links</title>\
             {items}</channel></rss>"
        )),
    );
    let dir = tempfile::tempdir().expect("tempdir");
    write_config(dir.path(), &server.url("/feed.xml"), "true");
    let out = dateline(dir.path(), &["refresh", "--no-extract"]);
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    ok(&out);
    assert!(
        stderr.contains("full text: 0 pages stored, 6 failed"),
        "{stderr}"
    );
    let again = dateline(dir.path(), &["refresh", "--no-extract"]);
    let stderr = String::from_utf8_lossy(&again.stderr).into_owned();
    assert!(!stderr.contains("full text:"), "{stderr}");
}

/// `show` lists the links of the text it prints: the page's once it was fetched, the feed's
/// before, in the text and in the JSON alike.
#[test]
fn show_gives_the_links_of_the_text_it_prints() {
    let server = TestServer::start();
    let page = format!(
        "<html lang=en><head><title>Linked | Paper</title></head><body><article>\
         <h1>Linked</h1>{}<p>The <a href=\"/reports/full.pdf\">whole report</a> is out.</p>\
         </article></body></html>",
        "<p>A paragraph of the page that goes on long enough to be an article, with words \
         about the budget, the harvest and the weather in Normandy this year.</p>"
            .repeat(5)
    );
    server.route(
        "/a/linked.html",
        Reply::new(200)
            .header("Content-Type", "text/html; charset=utf-8")
            .body(page),
    );
    let feed = format!(
        "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Teasers</title>\
         <link>{}</link><item><title>Linked</title><link>{}</link><guid>l</guid>\
         <description>A teaser, &lt;a href=\"{}\"&gt;more&lt;/a&gt;.</description></item>\
         </channel></rss>",
        server.url("/"),
        server.url("/a/linked.html"),
        server.url("/teaser-link")
    );
    server.route(
        "/feed.xml",
        Reply::new(200)
            .header("Content-Type", "application/rss+xml")
            .body(feed),
    );
    let dir = tempfile::tempdir().expect("tempdir");
    write_config(dir.path(), &server.url("/feed.xml"), "true");

    let id = |dir: &Path| list(dir, "")[0]["id"].as_i64().expect("id").to_string();
    // Before the page: the feed's text and its link.
    ok(&dateline(
        dir.path(),
        &["refresh", "--no-full-text", "--no-extract"],
    ));
    let teaser = json(&dateline(dir.path(), &["show", "--json", &id(dir.path())]));
    assert!(teaser["page"].is_null(), "{teaser}");
    assert_eq!(
        teaser["links"],
        serde_json::json!([server.url("/teaser-link")])
    );

    // After it: the page's text and its link, not the teaser's.
    ok(&dateline(dir.path(), &["refresh", "--no-extract"]));
    let shown = json(&dateline(dir.path(), &["show", "--json", &id(dir.path())]));
    assert_eq!(shown["page"]["url"], server.url("/a/linked.html"));
    let report = server.url("/reports/full.pdf");
    assert_eq!(shown["links"], serde_json::json!([report]));
    let text = ok(&dateline(dir.path(), &["show", &id(dir.path())]));
    assert!(text.contains(&format!("[1] {report}")), "{text}");
    assert!(!text.contains("teaser-link"), "{text}");
}

/// Pages are one pipeline, not batches: a slow page holds back no other, however many
/// pages are due (more than the 256 the store is asked for at a time).
#[test]
fn a_slow_page_does_not_hold_back_the_others() {
    let server = TestServer::start();
    let many: Vec<String> = (0..300).map(|i| format!("/p/{i}.html")).collect();
    let refs: Vec<&str> = many.iter().map(String::as_str).collect();
    server.route(
        "/feed.xml",
        Reply::new(200).body(teaser_feed(&server, &refs)),
    );
    for (i, path) in many.iter().enumerate() {
        let reply = Reply::new(200)
            .header("Content-Type", "text/html; charset=utf-8")
            .body(article_page(i));
        // The newest item, so the first read of the store has it.
        let reply = if i == 299 {
            reply.delay(std::time::Duration::from_secs(4))
        } else {
            reply
        };
        server.route(path, reply);
    }
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::write(
        dir.path().join("config.toml"),
        format!(
            "[settings]\nper_host = 8\nfull_text = true\nkeep_days = 0\n\n[[feeds]]\nurl = \"{}\"\n",
            server.url("/feed.xml")
        ),
    )
    .expect("config");
    let out = dateline(dir.path(), &["refresh", "--no-extract"]);
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    ok(&out);
    assert!(
        stderr.contains("full text: 300 pages stored, 0 failed"),
        "{stderr}"
    );
    // Every other page was stored before the slow one came back (stored times in seconds:
    // with batches, the pages past the first 256 waited for it).
    let db = rusqlite::Connection::open(dir.path().join("cache.db")).expect("cache");
    let slow: i64 = db
        .query_row(
            "SELECT fetched_at FROM pages WHERE url LIKE '%/p/299.html'",
            [],
            |r| r.get(0),
        )
        .expect("slow page");
    let others: i64 = db
        .query_row(
            "SELECT max(fetched_at) FROM pages WHERE url NOT LIKE '%/p/299.html'",
            [],
            |r| r.get(0),
        )
        .expect("other pages");
    assert!(
        others < slow,
        "others stored until {others}, the slow page at {slow}"
    );
}
