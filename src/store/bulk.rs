//! Bulk loading of articles that never came from a feed: how the benches build caches of a
//! million articles in minutes rather than hours.
//!
//! It exists because [`Store::record_fetch`] does per-item work a refresh needs (GUID and
//! link matching, tombstones) that a generator does not, and cannot set reading state or
//! first-seen times. It writes the same rows and the same full-text entries as a refresh
//! would. It must not be used for anything a user's feeds bring in.

use chrono::{DateTime, Utc};
use rusqlite::{TransactionBehavior, params};

use super::{FTS_INDEX, Store, StoreError, content_hash, to_json};
use crate::model::{ArticleId, FeedId, NewArticle};

/// Inserts an article with its reading state; an existing (feed, GUID) is left alone.
const BULK_INSERT: &str = "INSERT INTO articles (feed_id, guid, link, title, authors,
        published, updated, summary_html, content_html, text, enclosures, categories,
        read, starred, first_seen, content_hash, read_at, text_words)
    VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, dl_pack(?8), dl_pack(?9), dl_pack(?10, ?9), ?11, ?12,
        ?13, ?14, ?15, ?16, ?17, dl_words(?10, NULL))
    ON CONFLICT (feed_id, guid) DO NOTHING";

/// One generated article and the state it is stored in.
#[derive(Debug, Clone)]
pub struct BulkArticle {
    pub feed: FeedId,
    pub article: NewArticle,
    /// When it was read (`None`: unread).
    pub read_at: Option<DateTime<Utc>>,
    pub starred: bool,
    pub first_seen: DateTime<Utc>,
}

impl Store {
    /// Stores `batch` in one transaction and indexes it for full-text search in one
    /// statement; returns the ids of the articles inserted, in order (a (feed, GUID) already
    /// stored is skipped). For generated caches (benches), not for feeds.
    #[doc(hidden)]
    pub fn bulk_insert(&mut self, batch: &[BulkArticle]) -> Result<Vec<ArticleId>, StoreError> {
        let result = (|| {
            let tx = self
                .conn
                .transaction_with_behavior(TransactionBehavior::Immediate)?;
            let mut ids = Vec::with_capacity(batch.len());
            {
                let mut insert = tx.prepare_cached(BULK_INSERT)?;
                for b in batch {
                    let a = &b.article;
                    let published = a.published.unwrap_or(b.first_seen).timestamp();
                    let changed = insert.execute(params![
                        b.feed.0,
                        a.guid,
                        a.link,
                        a.title,
                        to_json(&a.authors),
                        published,
                        a.updated.map(|t| t.timestamp()),
                        a.summary_html,
                        a.content_html,
                        a.text,
                        to_json(&a.enclosures),
                        to_json(&a.categories),
                        b.read_at.is_some(),
                        b.starred,
                        b.first_seen.timestamp(),
                        content_hash(a),
                        b.read_at.map(|t| t.timestamp()),
                    ])?;
                    if changed == 1 {
                        ids.push(tx.last_insert_rowid());
                    }
                }
            }
            tx.prepare_cached(FTS_INDEX)?.execute([to_json(&ids)])?;
            tx.commit()?;
            Ok(ids.into_iter().map(ArticleId).collect())
        })();
        self.busy(result)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::FeedSpec;

    fn item(n: u32) -> NewArticle {
        NewArticle {
            guid: format!("g{n}"),
            title: format!("Harbour story number {n}"),
            link: None,
            authors: vec![],
            published: None,
            updated: None,
            summary_html: None,
            content_html: None,
            text: format!("ferries and cranes {n}"),
            enclosures: vec![],
            categories: vec![],
        }
    }

    #[test]
    fn bulk_rows_are_listed_searchable_and_keep_their_state() {
        let mut store = Store::open_in_memory().unwrap();
        store
            .sync_feeds(&[FeedSpec {
                url: "https://a.example/rss".into(),
                title: None,
                tags: vec![],
            }])
            .unwrap();
        let feed = store.feeds().unwrap()[0].id;
        let now = Utc::now();
        let batch: Vec<BulkArticle> = (0..3)
            .map(|n| BulkArticle {
                feed,
                article: item(n),
                read_at: (n == 1).then_some(now),
                starred: n == 2,
                first_seen: now,
            })
            .collect();
        let ids = store.bulk_insert(&batch).unwrap();
        assert_eq!(ids.len(), 3);
        // The same GUIDs again are skipped.
        assert!(store.bulk_insert(&batch[..1]).unwrap().is_empty());
        let a = store.article(ids[1]).unwrap();
        assert!(a.read && !a.starred);
        assert!(store.article(ids[2]).unwrap().starred);
        let q = crate::query::parse("cranes").unwrap();
        let found = store
            .query_articles(&q, now.fixed_offset(), None, 0)
            .unwrap();
        assert_eq!(found.len(), 3);
    }
}
