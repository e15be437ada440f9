//! The cache side of sync: which server ids are which local feeds and articles, the queue of
//! local marks waiting for the server, and where the last sync stopped.
//!
//! Why it exists: with a sync server the cache is an offline copy whose reading state may be
//! changed on both sides. The rules kept here: an item pulled from the server is stored by
//! the same code as a fetched article (sanitised text, full-text index, entity extraction
//! markers), so it behaves the same everywhere; every local change of `read` or `starred` on
//! an article the server knows is queued by a trigger in the same transaction (migration 6),
//! so it survives restarts and `kill -9`; a queued mark is removed only when the caller says
//! the server confirmed it; and the server's state never overwrites a mark still queued,
//! because that mark is newer than anything the server has seen. Sync never deletes an
//! article (a starred item the server stops returning stays).
//!
//! What it must not do: talk to the network (it takes what [`crate::sync`] fetched, as
//! plain values), or build SQL with `format!`.

use std::collections::{HashMap, HashSet};

use chrono::{DateTime, Utc};
use rusqlite::{Connection, OptionalExtension, TransactionBehavior, params};
use serde::Serialize;

use super::{Store, StoreError, ToIndex, store_articles, time_of, to_json};
use crate::model::{ArticleId, FeedId, FeedSpec, NewArticle, ParsedFeed};

const STATE_GET: &str = "SELECT account, newest_usec, last_sync FROM sync_state WHERE id = 1";
const STATE_SET_ACCOUNT: &str = "UPDATE sync_state SET account = ?1 WHERE id = 1";
const STATE_FORGET: &str =
    "UPDATE sync_state SET newest_usec = NULL, last_sync = NULL WHERE id = 1";
const STATE_FINISH: &str = "UPDATE sync_state
    SET newest_usec = max(COALESCE(newest_usec, ?1), COALESCE(?1, newest_usec)), last_sync = ?2
    WHERE id = 1";
const STATE_APPLYING: &str = "UPDATE sync_state SET applying = ?1 WHERE id = 1";

const FEEDS_MAP_CLEAR: &str = "DELETE FROM sync_feeds";
const FEEDS_MAP_INSERT: &str = "INSERT OR IGNORE INTO sync_feeds (stream, feed)
    SELECT ?1, id FROM feeds WHERE url = ?2";
const FEEDS_MAP_ALL: &str = "SELECT stream, feed FROM sync_feeds";
const FEED_SET_SITE: &str = "UPDATE feeds SET site_link = COALESCE(?2, site_link) WHERE url = ?1";

const ITEMS_CLEAR: &str = "DELETE FROM sync_items";
const ITEM_MAP: &str = "INSERT OR REPLACE INTO sync_items (item, article) VALUES (?1, ?2)";
const ITEM_ARTICLE: &str = "SELECT article FROM sync_items WHERE item = ?1";
const ITEMS_ALL: &str = "SELECT item FROM sync_items";
const ITEMS_MAPPED: &str = "SELECT item, article FROM sync_items ORDER BY item";
const ITEMS_WITH_STATE: &str = "SELECT m.item, a.id, a.read, a.starred
    FROM sync_items m JOIN articles a ON a.id = m.article";
const ITEMS_STARRED: &str = "SELECT m.item
    FROM sync_items m JOIN articles a ON a.id = m.article WHERE a.starred = 1";
const ARTICLE_BY_GUID: &str = "SELECT id FROM articles WHERE feed_id = ?1 AND guid = ?2";
/// A read mark from the server counts as read now for pruning (`read_at`), as a local one does.
const ARTICLE_SET_READ: &str = "UPDATE articles SET read = ?2,
    read_at = CASE WHEN ?2 THEN CAST(strftime('%s', 'now') AS INTEGER) END
    WHERE id = ?1 AND read <> ?2";
const ARTICLE_SET_STARRED: &str =
    "UPDATE articles SET starred = ?2 WHERE id = ?1 AND starred <> ?2";

const QUEUE_CLEAR: &str = "DELETE FROM sync_queue";
const QUEUE_PENDING: &str = "SELECT DISTINCT article, op FROM sync_queue";
const QUEUE_PENDING_ONE: &str = "SELECT 1 FROM sync_queue WHERE article = ?1 AND op = ?2 LIMIT 1";
const QUEUE_PEEK: &str = "SELECT q.id, q.article, m.item, q.op, q.value, q.created_at
    FROM sync_queue q LEFT JOIN sync_items m ON m.article = q.article
    ORDER BY q.id LIMIT ?1";
const QUEUE_CONFIRM: &str = "DELETE FROM sync_queue WHERE id IN (SELECT value FROM json_each(?1))";
const QUEUE_LEN: &str = "SELECT count(*) FROM sync_queue";
const UNREAD_ACTIVE: &str = "SELECT count(*) FROM articles a JOIN feeds f ON f.id = a.feed_id
    WHERE f.active = 1 AND a.read = 0";

/// Which flag a queued mark sets.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum MarkOp {
    Read,
    Starred,
}

impl MarkOp {
    fn as_str(self) -> &'static str {
        match self {
            MarkOp::Read => "read",
            MarkOp::Starred => "starred",
        }
    }

    fn from_name(name: &str) -> Option<MarkOp> {
        match name {
            "read" => Some(MarkOp::Read),
            "starred" => Some(MarkOp::Starred),
            _ => None,
        }
    }
}

/// A local mark waiting for the server.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QueuedMark {
    /// Its place in the queue (replay order); what [`Store::sync_queue_confirm`] takes.
    pub id: i64,
    pub article: ArticleId,
    /// The server's id of the article; `None` when the article has since left the cache
    /// (nothing to send: confirm it to drop it).
    pub item: Option<i64>,
    pub op: MarkOp,
    /// The flag's new value (true: read / starred).
    pub value: bool,
    pub created_at: DateTime<Utc>,
}

/// Where the last sync stopped.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SyncState {
    /// The server and user the mappings belong to.
    pub account: Option<String>,
    /// The newest crawl time (µs) of the items pulled so far: the next `ot`.
    pub newest_usec: Option<i64>,
    pub last_sync: Option<DateTime<Utc>>,
}

/// A subscription as the server lists it, sanitised.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ServerFeed {
    /// The server's stream id (`feed/3`).
    pub stream: String,
    /// The feed's address (the local feed's identity).
    pub url: String,
    pub title: Option<String>,
    pub site_link: Option<String>,
    /// Its labels (folders), shown as tags.
    pub labels: Vec<String>,
}

/// An item pulled from the server, sanitised, ready to store.
#[derive(Debug, Clone, PartialEq)]
pub struct PulledItem {
    /// The server's id (the bits of its 64-bit number).
    pub item: i64,
    /// The stream of its feed.
    pub stream: Option<String>,
    pub read: bool,
    pub starred: bool,
    /// Its guid must be unique per item (the sync client uses the id's long form).
    pub article: NewArticle,
}

/// What storing pulled items did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct PullStats {
    pub new: u32,
    pub updated: u32,
    pub unchanged: u32,
    /// Items of a stream that is not a known subscription (skipped).
    pub unknown_feed: u32,
}

/// What applying the server's reading state changed locally.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct StateChanges {
    pub marked_read: u32,
    pub marked_unread: u32,
    pub starred: u32,
    pub unstarred: u32,
    /// Differences left alone because a local mark of the same flag is still queued.
    pub kept_local: u32,
}

impl Store {
    /// Where the last sync stopped.
    pub fn sync_state(&self) -> Result<SyncState, StoreError> {
        let result = (|| {
            let state = self.conn.prepare_cached(STATE_GET)?.query_row([], |row| {
                Ok(SyncState {
                    account: row.get(0)?,
                    newest_usec: row.get(1)?,
                    last_sync: row.get::<_, Option<i64>>(2)?.map(time_of),
                })
            })?;
            Ok(state)
        })();
        self.busy(result)
    }

    /// Starts a sync with `account` (server URL and user). When the cache was synced with
    /// another account, its id mappings, queued marks and progress are dropped (they mean
    /// nothing to this server; the articles and their state stay) and `true` is returned.
    pub fn sync_begin(&mut self, account: &str) -> Result<bool, StoreError> {
        let result = (|| {
            let tx = self
                .conn
                .transaction_with_behavior(TransactionBehavior::Immediate)?;
            let current: Option<String> = tx
                .prepare_cached(STATE_GET)?
                .query_row([], |row| row.get(0))?;
            let switched = current.as_deref().is_some_and(|c| c != account);
            if switched {
                tx.prepare_cached(ITEMS_CLEAR)?.execute([])?;
                tx.prepare_cached(FEEDS_MAP_CLEAR)?.execute([])?;
                tx.prepare_cached(QUEUE_CLEAR)?.execute([])?;
                tx.prepare_cached(STATE_FORGET)?.execute([])?;
            }
            if current.as_deref() != Some(account) {
                tx.prepare_cached(STATE_SET_ACCOUNT)?.execute([account])?;
            }
            tx.commit()?;
            Ok(switched)
        })();
        self.busy(result)
    }

    /// Records a finished sync: the newest crawl time seen (kept if older than the stored
    /// one) and when.
    pub fn sync_finish(
        &mut self,
        newest_usec: Option<i64>,
        at: DateTime<Utc>,
    ) -> Result<(), StoreError> {
        let result = (|| {
            self.conn
                .prepare_cached(STATE_FINISH)?
                .execute(params![newest_usec, at.timestamp()])?;
            Ok(())
        })();
        self.busy(result)
    }

    /// Makes the feed list the server's: each subscription becomes (or stays) an active feed
    /// with the server's title and labels as tags; feeds the server no longer lists are
    /// hidden, never deleted (see [`Store::sync_feeds`]). Returns the stream → feed map.
    pub fn sync_apply_subscriptions(
        &mut self,
        feeds: &[ServerFeed],
    ) -> Result<HashMap<String, FeedId>, StoreError> {
        let specs: Vec<FeedSpec> = feeds
            .iter()
            .map(|f| FeedSpec {
                url: f.url.clone(),
                title: f.title.clone(),
                tags: f.labels.clone(),
            })
            .collect();
        let result = (|| {
            super::sync_feeds(&mut self.conn, &specs)?;
            let tx = self
                .conn
                .transaction_with_behavior(TransactionBehavior::Immediate)?;
            tx.prepare_cached(FEEDS_MAP_CLEAR)?.execute([])?;
            {
                let mut insert = tx.prepare_cached(FEEDS_MAP_INSERT)?;
                let mut site = tx.prepare_cached(FEED_SET_SITE)?;
                for feed in feeds {
                    insert.execute(params![feed.stream, feed.url])?;
                    site.execute(params![feed.url, feed.site_link])?;
                }
            }
            let map = stream_map(&tx)?;
            tx.commit()?;
            Ok(map)
        })();
        self.busy(result)
    }

    /// The stream → feed map of the last [`Store::sync_apply_subscriptions`].
    pub fn sync_feed_streams(&self) -> Result<HashMap<String, FeedId>, StoreError> {
        let result = stream_map(&self.conn);
        self.busy(result)
    }

    /// Stores pulled items in one transaction: each through the same path as a fetched
    /// article of its feed (new ones inserted and indexed, changed ones updated, pruned ones
    /// not brought back) and mapped to its server id. An item seen for the first time takes
    /// the server's read and starred state (unless a local mark of that flag is queued); the
    /// state of one already mapped is left to [`Store::sync_apply_state`]. Items whose stream
    /// is not a known subscription are skipped.
    pub fn sync_store_items(
        &mut self,
        items: Vec<PulledItem>,
        now: DateTime<Utc>,
    ) -> Result<PullStats, StoreError> {
        let result = store_items(&mut self.conn, items, now.timestamp());
        self.nudge_checkpoint();
        self.busy(result)
    }

    /// The server ids of every article the cache has.
    pub fn sync_known_items(&self) -> Result<HashSet<i64>, StoreError> {
        let result = (|| {
            let mut stmt = self.conn.prepare_cached(ITEMS_ALL)?;
            let ids = stmt
                .query_map([], |row| row.get(0))?
                .collect::<Result<HashSet<i64>, _>>()?;
            Ok(ids)
        })();
        self.busy(result)
    }

    /// Every (server id, article) pair, by server id.
    pub fn sync_item_articles(&self) -> Result<Vec<(i64, ArticleId)>, StoreError> {
        let result = (|| {
            let mut stmt = self.conn.prepare_cached(ITEMS_MAPPED)?;
            let pairs = stmt
                .query_map([], |row| Ok((row.get(0)?, ArticleId(row.get(1)?))))?
                .collect::<Result<Vec<_>, _>>()?;
            Ok(pairs)
        })();
        self.busy(result)
    }

    /// Makes the reading state of every article the server knows match the server's id
    /// sets: read unless in `unread`, starred exactly when in `starred`. A flag with a local
    /// mark still queued keeps the local value (the mark is newer than the server's state).
    /// Items in `gone` (the server no longer has them) keep their state: their absence from
    /// the sets says nothing. No article is deleted.
    pub fn sync_apply_state(
        &mut self,
        unread: &HashSet<i64>,
        starred: &HashSet<i64>,
        gone: &HashSet<i64>,
    ) -> Result<StateChanges, StoreError> {
        let result = apply_state(&mut self.conn, unread, starred, gone);
        self.busy(result)
    }

    /// The server ids of the starred articles.
    pub fn sync_starred_items(&self) -> Result<HashSet<i64>, StoreError> {
        let result = (|| {
            let mut stmt = self.conn.prepare_cached(ITEMS_STARRED)?;
            let ids = stmt
                .query_map([], |row| row.get(0))?
                .collect::<Result<HashSet<i64>, _>>()?;
            Ok(ids)
        })();
        self.busy(result)
    }

    /// The oldest `limit` queued marks, in the order they were made.
    pub fn sync_queue_peek(&self, limit: usize) -> Result<Vec<QueuedMark>, StoreError> {
        let result = (|| {
            let mut stmt = self.conn.prepare_cached(QUEUE_PEEK)?;
            let limit = i64::try_from(limit).unwrap_or(i64::MAX);
            let marks = stmt
                .query_map([limit], |row| {
                    let op: String = row.get(3)?;
                    Ok((
                        QueuedMark {
                            id: row.get(0)?,
                            article: ArticleId(row.get(1)?),
                            item: row.get(2)?,
                            op: MarkOp::Read,
                            value: row.get(4)?,
                            created_at: time_of(row.get(5)?),
                        },
                        op,
                    ))
                })?
                .filter_map(|row| match row {
                    // The CHECK constraint admits only the two names.
                    Ok((mark, op)) => {
                        MarkOp::from_name(&op).map(|op| Ok(QueuedMark { op, ..mark }))
                    }
                    Err(e) => Some(Err(e)),
                })
                .collect::<Result<Vec<_>, _>>()?;
            Ok(marks)
        })();
        self.busy(result)
    }

    /// Removes queued marks the server confirmed; returns how many went.
    pub fn sync_queue_confirm(&mut self, ids: &[i64]) -> Result<usize, StoreError> {
        let result = (|| {
            if ids.is_empty() {
                return Ok(0);
            }
            Ok(self
                .conn
                .prepare_cached(QUEUE_CONFIRM)?
                .execute([to_json(&ids)])?)
        })();
        self.busy(result)
    }

    /// How many marks wait for the server.
    pub fn sync_queue_len(&self) -> Result<u64, StoreError> {
        let result = (|| {
            let n: i64 = self
                .conn
                .prepare_cached(QUEUE_LEN)?
                .query_row([], |row| row.get(0))?;
            Ok(u64::try_from(n).unwrap_or(0))
        })();
        self.busy(result)
    }

    /// Unread articles of the active feeds: after a sync, what the server's reading-list
    /// count should say.
    pub fn sync_unread_count(&self) -> Result<u64, StoreError> {
        let result = (|| {
            let n: i64 = self
                .conn
                .prepare_cached(UNREAD_ACTIVE)?
                .query_row([], |row| row.get(0))?;
            Ok(u64::try_from(n).unwrap_or(0))
        })();
        self.busy(result)
    }
}

fn stream_map(conn: &Connection) -> Result<HashMap<String, FeedId>, StoreError> {
    let mut stmt = conn.prepare_cached(FEEDS_MAP_ALL)?;
    let map = stmt
        .query_map([], |row| {
            Ok((row.get::<_, String>(0)?, FeedId(row.get(1)?)))
        })?
        .collect::<Result<HashMap<_, _>, _>>()?;
    Ok(map)
}

/// One feed's pulled items: (item id, read, starred) beside the articles, in the same order.
type FeedItems = (FeedId, Vec<(i64, bool, bool)>, ParsedFeed);

fn store_items(
    conn: &mut Connection,
    items: Vec<PulledItem>,
    now: i64,
) -> Result<PullStats, StoreError> {
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    tx.prepare_cached(STATE_APPLYING)?.execute([1])?;
    let streams = stream_map(&tx)?;
    let mut stats = PullStats::default();
    // Per feed, in the order the server sent them: (item id, read, starred) beside the
    // articles they carry.
    let mut by_feed: Vec<FeedItems> = Vec::new();
    let mut slot: HashMap<FeedId, usize> = HashMap::new();
    for item in items {
        let Some(feed) = item.stream.as_deref().and_then(|s| streams.get(s)).copied() else {
            stats.unknown_feed += 1;
            continue;
        };
        let index = *slot.entry(feed).or_insert_with(|| {
            by_feed.push((
                feed,
                Vec::new(),
                ParsedFeed {
                    title: None,
                    site_link: None,
                    articles: Vec::new(),
                },
            ));
            by_feed.len() - 1
        });
        let (_, states, parsed) = &mut by_feed[index];
        states.push((item.item, item.read, item.starred));
        parsed.articles.push(item.article);
    }
    let mut to_index = ToIndex::default();
    {
        let mut find = tx.prepare_cached(ARTICLE_BY_GUID)?;
        let mut map = tx.prepare_cached(ITEM_MAP)?;
        let mut mapped = tx.prepare_cached(ITEM_ARTICLE)?;
        let mut pending = tx.prepare_cached(QUEUE_PENDING_ONE)?;
        let mut set_read = tx.prepare_cached(ARTICLE_SET_READ)?;
        let mut set_starred = tx.prepare_cached(ARTICLE_SET_STARRED)?;
        for (feed, states, parsed) in &by_feed {
            let stored = store_articles(&tx, *feed, parsed, None, now, &mut to_index)?;
            stats.new += stored.new;
            stats.updated += stored.updated;
            stats.unchanged += stored.unchanged;
            for ((item, read, starred), article) in states.iter().zip(&parsed.articles) {
                let Some(id) = find
                    .query_row(params![feed.0, article.guid], |row| row.get::<_, i64>(0))
                    .optional()?
                else {
                    // Pruned earlier and not brought back: nothing to map.
                    continue;
                };
                let known: Option<i64> = mapped.query_row([item], |row| row.get(0)).optional()?;
                if known == Some(id) {
                    // Already here: its state follows the id sets (see apply_state), which
                    // count what they change.
                    continue;
                }
                map.execute(params![item, id])?;
                let queued = |op: MarkOp, stmt: &mut rusqlite::CachedStatement<'_>| {
                    stmt.exists(params![id, op.as_str()])
                };
                if !queued(MarkOp::Read, &mut pending)? {
                    set_read.execute(params![id, read])?;
                }
                if !queued(MarkOp::Starred, &mut pending)? {
                    set_starred.execute(params![id, starred])?;
                }
            }
        }
    }
    // The index takes the new and changed articles in one statement (see record_batch).
    to_index.index(&tx)?;
    tx.prepare_cached(STATE_APPLYING)?.execute([0])?;
    tx.commit()?;
    Ok(stats)
}

fn apply_state(
    conn: &mut Connection,
    unread: &HashSet<i64>,
    starred: &HashSet<i64>,
    gone: &HashSet<i64>,
) -> Result<StateChanges, StoreError> {
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    tx.prepare_cached(STATE_APPLYING)?.execute([1])?;
    let pending: HashSet<(i64, String)> = tx
        .prepare_cached(QUEUE_PENDING)?
        .query_map([], |row| Ok((row.get(0)?, row.get(1)?)))?
        .collect::<Result<_, _>>()?;
    let rows: Vec<(i64, i64, bool, bool)> = tx
        .prepare_cached(ITEMS_WITH_STATE)?
        .query_map([], |row| {
            Ok((row.get(0)?, row.get(1)?, row.get(2)?, row.get(3)?))
        })?
        .collect::<Result<_, _>>()?;
    let mut changes = StateChanges::default();
    {
        let mut set_read = tx.prepare_cached(ARTICLE_SET_READ)?;
        let mut set_starred = tx.prepare_cached(ARTICLE_SET_STARRED)?;
        for (item, article, read, is_starred) in rows.into_iter().filter(|r| !gone.contains(&r.0)) {
            let want_read = !unread.contains(&item);
            if read != want_read {
                if pending.contains(&(article, MarkOp::Read.as_str().to_owned())) {
                    changes.kept_local += 1;
                } else {
                    set_read.execute(params![article, want_read])?;
                    if want_read {
                        changes.marked_read += 1;
                    } else {
                        changes.marked_unread += 1;
                    }
                }
            }
            let want_starred = starred.contains(&item);
            if is_starred != want_starred {
                if pending.contains(&(article, MarkOp::Starred.as_str().to_owned())) {
                    changes.kept_local += 1;
                } else {
                    set_starred.execute(params![article, want_starred])?;
                    if want_starred {
                        changes.starred += 1;
                    } else {
                        changes.unstarred += 1;
                    }
                }
            }
        }
    }
    tx.prepare_cached(STATE_APPLYING)?.execute([0])?;
    tx.commit()?;
    Ok(changes)
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn now() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 12, 7, 12, 0, 0).unwrap()
    }

    fn server_feed(n: u32) -> ServerFeed {
        ServerFeed {
            stream: format!("feed/{n}"),
            url: format!("http://127.0.0.1:9/{n}.xml"),
            title: Some(format!("Feed {n}")),
            site_link: Some(format!("http://127.0.0.1:9/{n}")),
            labels: vec!["News".into()],
        }
    }

    fn pulled(item: i64, feed: u32, read: bool, starred: bool) -> PulledItem {
        PulledItem {
            item,
            stream: Some(format!("feed/{feed}")),
            read,
            starred,
            article: NewArticle {
                guid: format!("tag:google.com,2005:reader/item/{item:016x}"),
                title: format!("Item {item} about Paris"),
                link: Some(format!("http://127.0.0.1:9/{feed}/{item}")),
                authors: Vec::new(),
                published: Some(now()),
                updated: None,
                summary_html: None,
                content_html: Some(format!("<p>Body {item}</p>")),
                text: format!("Body {item}"),
                enclosures: Vec::new(),
                categories: Vec::new(),
            },
        }
    }

    /// A cache with two server feeds and items 1..=4 in feed 1 (1 read, 2 starred).
    fn synced() -> (Store, HashMap<i64, ArticleId>) {
        let mut store = Store::open_in_memory().unwrap();
        store.sync_begin("http://server alice").unwrap();
        let map = store
            .sync_apply_subscriptions(&[server_feed(1), server_feed(2)])
            .unwrap();
        assert_eq!(map.len(), 2);
        let stats = store
            .sync_store_items(
                vec![
                    pulled(1, 1, true, false),
                    pulled(2, 1, false, true),
                    pulled(3, 1, false, false),
                    pulled(4, 1, false, false),
                ],
                now(),
            )
            .unwrap();
        assert_eq!(stats.new, 4);
        let articles = article_ids(&store);
        (store, articles)
    }

    fn article_ids(store: &Store) -> HashMap<i64, ArticleId> {
        store.sync_item_articles().unwrap().into_iter().collect()
    }

    fn flags(store: &Store, id: ArticleId) -> (bool, bool) {
        let a = store.article(id).unwrap();
        (a.read, a.starred)
    }

    #[test]
    fn pulled_items_are_stored_mapped_indexed_and_take_the_server_state() {
        let (store, ids) = synced();
        assert_eq!(flags(&store, ids[&1]), (true, false));
        assert_eq!(flags(&store, ids[&2]), (false, true));
        assert_eq!(
            store.sync_queue_len().unwrap(),
            0,
            "server state is not queued"
        );
        let hits: i64 = store
            .conn
            .query_row(
                "SELECT count(*) FROM articles_fts WHERE articles_fts MATCH 'paris'",
                [],
                |row| row.get(0),
            )
            .unwrap();
        assert_eq!(hits, 4);
        let feeds = store.feeds().unwrap();
        assert_eq!(feeds.len(), 2);
        assert_eq!(feeds[0].title, "Feed 1");
        assert_eq!(feeds[0].tags, vec!["News".to_owned()]);
        assert_eq!(feeds[0].site_link.as_deref(), Some("http://127.0.0.1:9/1"));
        assert_eq!(feeds[0].unread, 3);
    }

    #[test]
    fn pulling_the_same_items_again_changes_nothing() {
        let (mut store, _) = synced();
        let again = store
            .sync_store_items(
                vec![pulled(1, 1, true, false), pulled(3, 1, false, false)],
                now(),
            )
            .unwrap();
        assert_eq!((again.new, again.unchanged), (0, 2));
        super::super::count_tests::assert_counts_exact(&store, "items pulled from the server");
        let unknown = store
            .sync_store_items(vec![pulled(9, 7, false, false)], now())
            .unwrap();
        assert_eq!(unknown.unknown_feed, 1);
    }

    #[test]
    fn local_marks_are_queued_in_order_and_removed_only_when_confirmed() {
        let (mut store, ids) = synced();
        store.set_read(&[ids[&3]], true).unwrap();
        store.set_starred(ids[&4], true).unwrap();
        store.set_read(&[ids[&3]], false).unwrap();
        let marks = store.sync_queue_peek(10).unwrap();
        let seen: Vec<(Option<i64>, MarkOp, bool)> =
            marks.iter().map(|m| (m.item, m.op, m.value)).collect();
        assert_eq!(
            seen,
            vec![
                (Some(3), MarkOp::Read, true),
                (Some(4), MarkOp::Starred, true),
                (Some(3), MarkOp::Read, false),
            ]
        );
        assert_eq!(store.sync_queue_peek(2).unwrap().len(), 2);
        assert_eq!(store.sync_queue_confirm(&[marks[0].id]).unwrap(), 1);
        assert_eq!(store.sync_queue_len().unwrap(), 2);
        assert_eq!(store.sync_queue_peek(10).unwrap()[0].id, marks[1].id);
    }

    #[test]
    fn articles_the_server_does_not_know_are_not_queued() {
        let mut store = Store::open_in_memory().unwrap();
        store
            .sync_feeds(&[FeedSpec {
                url: "http://127.0.0.1:9/local.xml".into(),
                title: None,
                tags: Vec::new(),
            }])
            .unwrap();
        let feed = store.feeds().unwrap()[0].id;
        let parsed = ParsedFeed {
            title: None,
            site_link: None,
            articles: vec![pulled(1, 1, false, false).article],
        };
        store
            .record_fetch(
                feed,
                super::super::FetchRecord::Parsed {
                    feed: &parsed,
                    etag: None,
                    last_modified: None,
                    moved_to: None,
                },
                now(),
            )
            .unwrap();
        let id: i64 = store
            .conn
            .query_row("SELECT id FROM articles", [], |r| r.get(0))
            .unwrap();
        store.set_read(&[ArticleId(id)], true).unwrap();
        assert_eq!(store.sync_queue_len().unwrap(), 0);
    }

    #[test]
    fn the_server_state_applies_as_a_diff_but_never_over_a_queued_mark() {
        let (mut store, ids) = synced();
        // Locally: 4 starred (queued). On the server: 1 unread again, 2 unstarred, 3 read,
        // 4 still unstarred and unread.
        store.set_starred(ids[&4], true).unwrap();
        let unread: HashSet<i64> = [1, 2, 4].into();
        let starred: HashSet<i64> = HashSet::new();
        let changes = store
            .sync_apply_state(&unread, &starred, &HashSet::new())
            .unwrap();
        assert_eq!(
            changes,
            StateChanges {
                marked_read: 1,
                marked_unread: 1,
                starred: 0,
                unstarred: 1,
                kept_local: 1,
            }
        );
        assert_eq!(flags(&store, ids[&1]), (false, false));
        assert_eq!(
            flags(&store, ids[&2]),
            (false, false),
            "unstarred, still cached"
        );
        assert_eq!(flags(&store, ids[&3]), (true, false));
        assert_eq!(flags(&store, ids[&4]), (false, true), "the local star wins");
        super::super::count_tests::assert_counts_exact(&store, "the server's state applied");
        assert_eq!(
            store.sync_queue_len().unwrap(),
            1,
            "the diff queues nothing"
        );
        // Once the star is confirmed, the server's state applies.
        let marks = store.sync_queue_peek(10).unwrap();
        store
            .sync_queue_confirm(&marks.iter().map(|m| m.id).collect::<Vec<_>>())
            .unwrap();
        let again = store
            .sync_apply_state(&unread, &[4].into(), &HashSet::new())
            .unwrap();
        assert_eq!(again, StateChanges::default());
        assert_eq!(store.sync_unread_count().unwrap(), 3);
    }

    /// An item the server no longer has (FreshRSS purges old items, unread ones too) is in
    /// neither set: a star made here on it stays, and so does its read flag.
    #[test]
    fn an_item_gone_from_the_server_keeps_its_local_state() {
        let (mut store, ids) = synced();
        store.set_starred(ids[&2], true).unwrap();
        let marks = store.sync_queue_peek(10).unwrap();
        store
            .sync_queue_confirm(&marks.iter().map(|m| m.id).collect::<Vec<_>>())
            .unwrap();
        assert_eq!(store.sync_starred_items().unwrap(), [2].into());
        let unread: HashSet<i64> = [1, 4].into();
        let changes = store
            .sync_apply_state(&unread, &HashSet::new(), &[2].into())
            .unwrap();
        assert_eq!(flags(&store, ids[&2]), (false, true), "kept as it was");
        assert_eq!((changes.unstarred, changes.marked_read), (0, 1));
        // Without `gone`, the same sets would unstar it.
        let changes = store
            .sync_apply_state(&unread, &HashSet::new(), &HashSet::new())
            .unwrap();
        assert_eq!(changes.unstarred, 1);
    }

    /// Pulling an item again leaves its state to the id sets, which count what they
    /// change: a re-pulled page must not change flags behind the diff's back.
    #[test]
    fn pulling_a_known_item_again_leaves_its_state_to_the_diff() {
        let (mut store, ids) = synced();
        store.set_read(&[ids[&3]], true).unwrap();
        store
            .sync_store_items(
                vec![pulled(3, 1, false, true), pulled(4, 1, true, true)],
                now(),
            )
            .unwrap();
        assert_eq!(flags(&store, ids[&3]), (true, false));
        assert_eq!(flags(&store, ids[&4]), (false, false));
        assert_eq!(store.sync_queue_len().unwrap(), 1);
    }

    #[test]
    fn another_account_starts_over_but_keeps_articles() {
        let (mut store, ids) = synced();
        store.set_read(&[ids[&3]], true).unwrap();
        store.sync_finish(Some(1_000), now()).unwrap();
        store.sync_finish(Some(500), now()).unwrap();
        assert_eq!(store.sync_state().unwrap().newest_usec, Some(1_000));
        assert!(!store.sync_begin("http://server alice").unwrap());
        assert_eq!(store.sync_queue_len().unwrap(), 1);
        assert!(store.sync_begin("http://other bob").unwrap());
        let state = store.sync_state().unwrap();
        assert_eq!(state.account.as_deref(), Some("http://other bob"));
        assert_eq!(state.newest_usec, None);
        assert_eq!(store.sync_queue_len().unwrap(), 0);
        assert!(store.sync_known_items().unwrap().is_empty());
        assert!(store.article(ids[&3]).is_ok());
    }

    #[test]
    fn subscriptions_the_server_dropped_are_hidden() {
        let (mut store, _) = synced();
        let map = store.sync_apply_subscriptions(&[server_feed(2)]).unwrap();
        assert_eq!(map.keys().collect::<Vec<_>>(), vec!["feed/2"]);
        let feeds = store.feeds().unwrap();
        assert_eq!(feeds.len(), 1);
        assert_eq!(feeds[0].url, "http://127.0.0.1:9/2.xml");
        assert_eq!(store.sync_feed_streams().unwrap(), map);
    }
}
