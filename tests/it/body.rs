//! The body the reader shows is made from the stored HTML by the worker, and must have
//! exactly the stored text, the text the entity extractor read: otherwise mention offsets
//! would colour the wrong characters. Checked on real feeds (parsed and stored as a refresh
//! does) and real article pages (extracted as the full-text fetch does).

use chrono::{TimeZone, Utc};
use dateline::extract::article::extract;
use dateline::extract::html::styled_text;
use dateline::fetch::parse_feed;
use dateline::model::{ArticlePage, FeedSpec, StyledText};
use dateline::store::{FetchRecord, Store};
use dateline::worker::body::{article_body, page_body};
use url::Url;

use crate::support::shared_path;

#[test]
fn real_feed_bodies_are_styled_with_exactly_the_stored_text() {
    let Some(root) = shared_path("corpora/realworld") else {
        return;
    };
    let index = std::fs::read_to_string(root.join("INDEX.tsv")).expect("INDEX.tsv is readable");
    let now = Utc.with_ymd_and_hms(2026, 12, 1, 0, 0, 0).unwrap();
    let (mut articles, mut styled, mut unstyled_html) = (0, 0, Vec::new());
    for line in index.lines().skip(1) {
        let cols: Vec<&str> = line.split('\t').collect();
        let [file, format, ..] = cols[..] else {
            continue;
        };
        if format == "opml" {
            continue;
        }
        let body = std::fs::read(root.join(file)).unwrap_or_else(|e| panic!("{file}: {e}"));
        let Ok(feed) = parse_feed(&body, "https://example.invalid/feed", now) else {
            continue;
        };
        let mut store = Store::open_in_memory().expect("in-memory store opens");
        let spec = FeedSpec {
            url: "http://127.0.0.1:8097/feed".into(),
            title: None,
            tags: Vec::new(),
        };
        store.sync_feeds(&[spec]).expect("feed list syncs");
        let id = store.feeds().expect("feeds list")[0].id;
        let record = FetchRecord::Parsed {
            feed: &feed,
            etag: None,
            last_modified: None,
            moved_to: None,
        };
        store.record_fetch(id, record, now).expect("stored");
        let everything = dateline::query::Query::default();
        for summary in store
            .query_articles(&everything, now.fixed_offset(), None, 0)
            .expect("articles list")
        {
            let article = store.article(summary.id).expect("article reads");
            let body = article_body(&article);
            assert_eq!(body.text, article.text, "{file}: {}", article.title);
            articles += 1;
            // The HTML the worker styles: the content, else the summary.
            let html = [&article.content_html, &article.summary_html]
                .into_iter()
                .flatten()
                .find(|h| !h.trim().is_empty());
            match html {
                Some(h) if body == styled_text(h) => styled += 1,
                // A plain-text body is stored escaped: its text is the feed's, unstyled.
                Some(h) if h.contains("</") => {
                    assert_eq!(body, StyledText::plain(&article.text));
                    unstyled_html.push(format!("{file}: {}", article.title));
                }
                _ => assert_eq!(body, StyledText::plain(&article.text)),
            }
        }
    }
    println!(
        "realworld: {articles} stored articles, {styled} bodies styled from their HTML, {} \
         with markup shown unstyled",
        unstyled_html.len()
    );
    assert!(articles > 500, "only {articles} articles");
    // A body with markup is styled from it: the worker makes the same text as the refresh.
    assert!(unstyled_html.is_empty(), "{unstyled_html:#?}");
}

#[test]
fn real_article_pages_are_styled_with_exactly_their_text() {
    let Some(root) = shared_path("corpora/readability") else {
        return;
    };
    let base = Url::parse("http://fakehost/test/page.html").ok();
    let mut dirs: Vec<_> = std::fs::read_dir(&root)
        .expect("corpus readable")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.join("source.html").exists())
        .collect();
    dirs.sort();
    let (mut pages, mut links) = (0, 0);
    for dir in &dirs {
        let html = std::fs::read_to_string(dir.join("source.html")).expect("page reads");
        let Some(a) = extract(&html, base.as_ref()) else {
            continue;
        };
        let page = ArticlePage {
            html: a.html,
            text: a.text,
            ..ArticlePage::default()
        };
        let body = page_body(&page);
        assert_eq!(body.text, page.text, "{}", dir.display());
        // Not the unstyled fallback: the page's HTML made it.
        assert_eq!(body, styled_text(&page.html), "{}", dir.display());
        pages += 1;
        links += body.links.len();
    }
    println!("readability: {pages} pages styled with their exact text, {links} links numbered");
    assert!(pages >= 120, "only {pages} pages extracted");
}
