//! Article pages (full text): which articles are due a page fetch, storing what the fetch
//! found (the extracted article, or a failure with its backoff), and reading it back.
//!
//! A stored page changes what the full-text index holds for its article (the index reads
//! the page's text through `articles_fts_source`) and what the entity extractor reads, so
//! storing one takes the article out of the index first, puts it back after, and drops the
//! article's mentions so the extraction queue finds its people and places in the whole text.

use chrono::{DateTime, Utc};
use rusqlite::{OptionalExtension, TransactionBehavior, params};

use super::{FTS_INDEX, FTS_UNINDEX, Store, StoreError, to_json};
use crate::model::{ArticleId, ArticlePage, FeedId, PageTask};

/// Articles due a page fetch: linked over http(s), of an active feed in `?1` (every
/// article) or in `?2` (only those whose own text has fewer than `?3` words, counted as
/// spaces and line breaks plus one), first seen since `?6`, never tried or failed and due
/// again by `?4`; newest first, at most `?5`. The words are the count stored with the text
/// when it was written (`text_words`), so the query reads no bodies: unpacking every recent
/// article to count its words made each refresh pay for it, 304s and all. Only a row
/// written before that count existed and older than a week (never due) lacks it; it is
/// counted from its text then.
const DUE: &str = "SELECT a.id, a.feed_id, a.link FROM articles a
    JOIN feeds f ON f.id = a.feed_id AND f.active = 1
    LEFT JOIN pages p ON p.article = a.id
    WHERE a.link IS NOT NULL
      AND (a.link LIKE 'http://%' OR a.link LIKE 'https://%')
      AND (a.feed_id IN (SELECT value FROM json_each(?1))
           OR (a.feed_id IN (SELECT value FROM json_each(?2))
               AND COALESCE(a.text_words, dl_words(a.text, a.content_html)) < ?3))
      AND a.first_seen >= ?6
      AND (p.article IS NULL OR (p.text IS NULL AND p.retry_at IS NOT NULL AND p.retry_at <= ?4))
    ORDER BY a.published DESC, a.id DESC LIMIT ?5";
const PAGE_STORE: &str = "INSERT INTO pages (article, url, fetched_at, title, byline, published,
        lang, image, html, text, error, failures, retry_at)
    VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, dl_pack(?9), dl_pack(?10, ?9), NULL, 0, NULL)
    ON CONFLICT (article) DO UPDATE SET url = excluded.url, fetched_at = excluded.fetched_at,
        title = excluded.title, byline = excluded.byline, published = excluded.published,
        lang = excluded.lang, image = excluded.image, html = excluded.html,
        text = excluded.text, error = NULL, failures = 0, retry_at = NULL";
/// A failure: counts it, keeps an earlier good page if there is one (`?3` is the time).
const PAGE_FAILED: &str = "INSERT INTO pages (article, url, fetched_at, error, failures, retry_at)
    VALUES (?1, ?2, ?3, ?4, 1, ?5)
    ON CONFLICT (article) DO UPDATE SET fetched_at = excluded.fetched_at,
        error = excluded.error, failures = failures + 1,
        retry_at = CASE WHEN text IS NULL THEN ?6 ELSE NULL END";
const FAILURES: &str = "SELECT failures FROM pages WHERE article = ?1";
const ARTICLE_EXISTS: &str = "SELECT 1 FROM articles WHERE id = ?1";
const MENTIONS_DROP: &str = "DELETE FROM mentions WHERE article = ?1";
const EXTRACTION_DROP: &str = "DELETE FROM extractions WHERE article = ?1";
const PAGE_BY_ARTICLE: &str = "SELECT url, title, byline, published, lang, image,
        dl_unpack(html), dl_unpack(text, html)
    FROM pages WHERE article = ?1 AND text IS NOT NULL";
const PAGE_ERROR: &str = "SELECT error FROM pages WHERE article = ?1 AND text IS NULL";

/// Only articles first seen this recently get their pages in the background: turning full
/// text on for a feed (or upgrading a large cache) must not fetch its whole history; older
/// articles get theirs on demand.
const MAX_AGE_SECS: i64 = 7 * 86_400;

/// The first retry after a failed page fetch; each further failure doubles the wait.
const FIRST_RETRY_SECS: i64 = 30 * 60;
/// The longest wait between two tries of a failing page.
const MAX_RETRY_SECS: i64 = 7 * 86_400;

/// When to try a page again after its `failures`-th failure in a row.
fn retry_after(failures: u32, now: DateTime<Utc>) -> i64 {
    let doublings = failures.saturating_sub(1).min(20);
    let wait = FIRST_RETRY_SECS
        .saturating_mul(1_i64 << doublings)
        .min(MAX_RETRY_SECS);
    now.timestamp() + wait
}

impl Store {
    /// Articles due a page fetch (see [`DUE`]): of the feeds in `every` all of them, of the
    /// feeds in `short` those whose own text is under `short_words` words; first seen in the
    /// week before `now`; never tried, or failed and due again at `now`. Newest first, at
    /// most `limit`.
    pub fn pages_due(
        &self,
        every: &[FeedId],
        short: &[FeedId],
        short_words: usize,
        now: DateTime<Utc>,
        limit: u32,
    ) -> Result<Vec<PageTask>, StoreError> {
        let ids = |f: &[FeedId]| to_json(&f.iter().map(|f| f.0).collect::<Vec<_>>());
        let result = (|| {
            let mut stmt = self.conn.prepare_cached(DUE)?;
            let rows = stmt
                .query_map(
                    params![
                        ids(every),
                        ids(short),
                        i64::try_from(short_words).unwrap_or(i64::MAX),
                        now.timestamp(),
                        limit,
                        now.timestamp() - MAX_AGE_SECS
                    ],
                    |row| {
                        Ok(PageTask {
                            article: ArticleId(row.get(0)?),
                            feed: FeedId(row.get(1)?),
                            url: row.get(2)?,
                        })
                    },
                )?
                .collect::<Result<Vec<_>, _>>()?;
            Ok(rows)
        })();
        self.busy(result)
    }

    /// Stores what fetching an article's page (`url`, as asked) gave: the extracted page,
    /// which replaces the article's earlier one, goes into the full-text index and sends the
    /// article back to the extraction queue; or an error, counted, with the next try put off
    /// (30 minutes, doubling with each failure in a row, at most a week). An article pruned
    /// meanwhile is skipped. Returns whether the article was still there.
    pub fn record_page(
        &mut self,
        article: ArticleId,
        url: &str,
        result: Result<&ArticlePage, &str>,
        now: DateTime<Utc>,
    ) -> Result<bool, StoreError> {
        let result = (|| {
            let tx = self
                .conn
                .transaction_with_behavior(TransactionBehavior::Immediate)?;
            let exists = tx
                .prepare_cached(ARTICLE_EXISTS)?
                .query_row([article.0], |_| Ok(()))
                .optional()?
                .is_some();
            if !exists {
                return Ok(false);
            }
            match result {
                Ok(page) => {
                    let ids = to_json(&[article.0]);
                    tx.prepare_cached(FTS_UNINDEX)?.execute([&ids])?;
                    tx.prepare_cached(PAGE_STORE)?.execute(params![
                        article.0,
                        page.url,
                        now.timestamp(),
                        page.title,
                        page.byline,
                        page.published,
                        page.lang,
                        page.image,
                        page.html,
                        page.text,
                    ])?;
                    tx.prepare_cached(FTS_INDEX)?.execute([&ids])?;
                    tx.prepare_cached(MENTIONS_DROP)?.execute([article.0])?;
                    tx.prepare_cached(EXTRACTION_DROP)?.execute([article.0])?;
                }
                Err(error) => {
                    let failures: u32 = tx
                        .prepare_cached(FAILURES)?
                        .query_row([article.0], |row| row.get(0))
                        .optional()?
                        .unwrap_or(0);
                    let failures = failures.saturating_add(1);
                    tx.prepare_cached(PAGE_FAILED)?.execute(params![
                        article.0,
                        url,
                        now.timestamp(),
                        error,
                        retry_after(1, now),
                        retry_after(failures, now),
                    ])?;
                }
            }
            tx.commit()?;
            Ok(true)
        })();
        self.busy(result)
    }

    /// The stored page of an article, if one was fetched and extracted.
    pub fn article_page(&self, article: ArticleId) -> Result<Option<ArticlePage>, StoreError> {
        let result = (|| {
            Ok(self
                .conn
                .prepare_cached(PAGE_BY_ARTICLE)?
                .query_row([article.0], |row| {
                    Ok(ArticlePage {
                        url: row.get(0)?,
                        title: row.get(1)?,
                        byline: row.get(2)?,
                        published: row.get(3)?,
                        lang: row.get(4)?,
                        image: row.get(5)?,
                        html: row.get::<_, Option<String>>(6)?.unwrap_or_default(),
                        text: row.get::<_, Option<String>>(7)?.unwrap_or_default(),
                    })
                })
                .optional()?)
        })();
        self.busy(result)
    }

    /// Why the last page fetch of an article failed, when it has no page.
    pub fn page_error(&self, article: ArticleId) -> Result<Option<String>, StoreError> {
        let result = (|| {
            Ok(self
                .conn
                .prepare_cached(PAGE_ERROR)?
                .query_row([article.0], |row| row.get(0))
                .optional()?
                .flatten())
        })();
        self.busy(result)
    }
}

#[cfg(test)]
mod tests {
    use chrono::TimeZone;

    use super::*;
    use crate::model::{FeedSpec, NewArticle, ParsedFeed};
    use crate::store::FetchRecord;

    fn store_with(items: &[(&str, &str)]) -> (Store, FeedId) {
        let mut store = Store::open_in_memory().unwrap();
        store
            .sync_feeds(&[FeedSpec {
                url: "https://news.example/feed".into(),
                title: None,
                tags: vec![],
            }])
            .unwrap();
        let feed = store.feeds().unwrap()[0].id;
        let articles = items
            .iter()
            .enumerate()
            .map(|(i, (link, text))| NewArticle {
                guid: format!("g{i}"),
                link: Some((*link).to_owned()),
                title: format!("Story {i}"),
                authors: vec![],
                published: Some(Utc.timestamp_opt(1_700_000_000 + i as i64, 0).unwrap()),
                updated: None,
                summary_html: None,
                content_html: None,
                text: (*text).to_owned(),
                enclosures: vec![],
                categories: vec![],
            })
            .collect();
        let parsed = ParsedFeed {
            title: Some("News".into()),
            site_link: None,
            articles,
        };
        store
            .record_fetch(
                feed,
                FetchRecord::Parsed {
                    feed: &parsed,
                    etag: None,
                    last_modified: None,
                    moved_to: None,
                },
                Utc::now(),
            )
            .unwrap();
        (store, feed)
    }

    fn page(text: &str) -> ArticlePage {
        ArticlePage {
            url: "https://news.example/a".into(),
            html: format!("<p>{text}</p>"),
            text: text.into(),
            ..ArticlePage::default()
        }
    }

    fn fts(store: &Store, word: &str) -> i64 {
        store
            .conn
            .query_row(
                "SELECT count(*) FROM articles_fts WHERE articles_fts MATCH ?1",
                [word],
                |r| r.get(0),
            )
            .unwrap()
    }

    #[test]
    fn due_pages_follow_the_mode_and_the_backoff() {
        let long = "word ".repeat(120);
        let (mut store, feed) = store_with(&[
            ("https://news.example/short", "A teaser."),
            ("https://news.example/long", &long),
            ("file:///etc/passwd", "A hostile link."),
        ]);
        let now = Utc::now();
        let urls =
            |tasks: Vec<PageTask>| -> Vec<String> { tasks.into_iter().map(|t| t.url).collect() };
        assert_eq!(
            urls(store.pages_due(&[feed], &[], 80, now, 10).unwrap()),
            ["https://news.example/long", "https://news.example/short"]
        );
        assert_eq!(
            urls(store.pages_due(&[], &[feed], 80, now, 10).unwrap()),
            ["https://news.example/short"]
        );
        assert!(store.pages_due(&[], &[], 80, now, 10).unwrap().is_empty());
        // Articles first seen more than a week ago are left to the on-demand key.
        let next_month = now + chrono::TimeDelta::days(30);
        assert!(
            store
                .pages_due(&[feed], &[], 80, next_month, 10)
                .unwrap()
                .is_empty()
        );

        let short = store.pages_due(&[], &[feed], 80, now, 10).unwrap()[0].article;
        assert!(
            store
                .record_page(short, "https://news.example/short", Err("HTTP 500"), now)
                .unwrap()
        );
        assert_eq!(
            store.page_error(short).unwrap().as_deref(),
            Some("HTTP 500")
        );
        // Not again on the next refresh; again after the backoff, which doubles.
        assert!(
            store
                .pages_due(&[], &[feed], 80, now, 10)
                .unwrap()
                .is_empty()
        );
        let later = now + chrono::TimeDelta::seconds(FIRST_RETRY_SECS);
        assert_eq!(
            store.pages_due(&[], &[feed], 80, later, 10).unwrap().len(),
            1
        );
        store
            .record_page(short, "https://news.example/short", Err("HTTP 500"), later)
            .unwrap();
        let retry: i64 = store
            .conn
            .query_row(
                "SELECT retry_at FROM pages WHERE article = ?1",
                [short.0],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(retry, later.timestamp() + 2 * FIRST_RETRY_SECS);
    }

    #[test]
    fn a_stored_page_is_searchable_and_sends_the_article_back_to_extraction() {
        let (mut store, feed) = store_with(&[("https://news.example/a", "A teaser.")]);
        let id = store.pages_due(&[feed], &[], 80, Utc::now(), 10).unwrap()[0].article;
        store
            .conn
            .execute(
                "INSERT INTO extractions (article, model_version, extracted_at) VALUES (?1, 'm', 0)",
                [id.0],
            )
            .unwrap();
        assert_eq!(fts(&store, "zanzibar"), 0);
        let p = page("The whole story, from Zanzibar.");
        assert!(store.record_page(id, &p.url, Ok(&p), Utc::now()).unwrap());
        assert_eq!(store.article_page(id).unwrap(), Some(p.clone()));
        assert_eq!(fts(&store, "zanzibar"), 1);
        assert_eq!(fts(&store, "teaser"), 1);
        let extracted: i64 = store
            .conn
            .query_row("SELECT count(*) FROM extractions", [], |r| r.get(0))
            .unwrap();
        assert_eq!(extracted, 0);
        assert!(
            store
                .pages_due(&[feed], &[], 80, Utc::now(), 10)
                .unwrap()
                .is_empty()
        );
        // A failure later keeps the good page and is not retried.
        store
            .record_page(id, &p.url, Err("timed out"), Utc::now())
            .unwrap();
        assert_eq!(store.article_page(id).unwrap(), Some(p));
        assert!(
            store
                .pages_due(&[feed], &[], 80, Utc::now(), 10)
                .unwrap()
                .is_empty()
        );
        // Replaced page: the index follows, and agrees with its source.
        let q = page("Now from Mombasa instead.");
        store.record_page(id, &q.url, Ok(&q), Utc::now()).unwrap();
        assert_eq!(fts(&store, "zanzibar"), 0);
        assert_eq!(fts(&store, "mombasa"), 1);
        store
            .conn
            .execute(
                "INSERT INTO articles_fts (articles_fts, rank) VALUES ('integrity-check', 1)",
                [],
            )
            .unwrap();
        // Gone articles are skipped.
        assert!(
            !store
                .record_page(ArticleId(999), "x", Ok(&q), Utc::now())
                .unwrap()
        );
    }

    #[test]
    fn the_due_query_seeks_each_feed_by_first_seen() {
        let (store, _) = store_with(&[("https://news.example/a", "A teaser.")]);
        let mut stmt = store
            .conn
            .prepare(&format!("EXPLAIN QUERY PLAN {DUE}"))
            .unwrap();
        let plan: Vec<String> = stmt
            .query_map(params!["[1]", "[2]", 80, 0, 64, 0], |r| r.get(3))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        let articles: Vec<&String> = plan.iter().filter(|l| l.contains(" a ")).collect();
        assert!(!articles.is_empty(), "{plan:?}");
        for line in articles {
            assert!(
                line.contains("articles_by_feed_first_seen (feed_id=? AND first_seen>?)"),
                "{plan:?}"
            );
        }
    }

    #[test]
    fn the_due_query_counts_words_stored_with_the_text_not_the_bodies() {
        let long = "word ".repeat(120);
        let (mut store, feed) = store_with(&[
            ("https://news.example/short", "A teaser."),
            ("https://news.example/long", &long),
        ]);
        let counts = |store: &Store| -> Vec<Option<i64>> {
            let mut stmt = store
                .conn
                .prepare("SELECT text_words FROM articles ORDER BY id")
                .unwrap();
            stmt.query_map([], |r| r.get(0))
                .unwrap()
                .collect::<Result<_, _>>()
                .unwrap()
        };
        assert_eq!(counts(&store), [Some(2), Some(120)]);
        let now = Utc::now();
        let urls =
            |tasks: Vec<PageTask>| -> Vec<String> { tasks.into_iter().map(|t| t.url).collect() };
        // An update of the text counts again: the teaser grew into an article.
        let parsed = ParsedFeed {
            title: Some("News".into()),
            site_link: None,
            articles: vec![NewArticle {
                guid: "g0".into(),
                link: Some("https://news.example/short".into()),
                title: "Story 0".into(),
                authors: vec![],
                published: Some(Utc.timestamp_opt(1_700_000_000, 0).unwrap()),
                updated: None,
                summary_html: None,
                content_html: None,
                text: "grown ".repeat(90),
                enclosures: vec![],
                categories: vec![],
            }],
        };
        store
            .record_fetch(
                feed,
                FetchRecord::Parsed {
                    feed: &parsed,
                    etag: None,
                    last_modified: None,
                    moved_to: None,
                },
                now,
            )
            .unwrap();
        assert_eq!(counts(&store), [Some(90), Some(120)]);
        assert!(
            store
                .pages_due(&[], &[feed], 80, now, 10)
                .unwrap()
                .is_empty()
        );
        assert_eq!(
            urls(store.pages_due(&[], &[feed], 100, now, 10).unwrap()),
            ["https://news.example/short"]
        );
        // Bodies no one can unpack: the query still answers from the counts, so it reads
        // none; a row without a count (written before there were counts) is read.
        store
            .conn
            .execute(
                "UPDATE articles SET text = x'09ff', content_html = NULL",
                [],
            )
            .unwrap();
        assert_eq!(
            urls(store.pages_due(&[], &[feed], 100, now, 10).unwrap()),
            ["https://news.example/short"]
        );
        store
            .conn
            .execute("UPDATE articles SET text_words = NULL", [])
            .unwrap();
        assert!(store.pages_due(&[], &[feed], 100, now, 10).is_err());
    }
}
