//! Pruning: deleting old read articles in steps small enough that nothing waits long behind
//! them, and giving the freed pages back to the file system.
//!
//! Why steps: one transaction for a whole prune held the write lock, and the store thread,
//! for as long as it ran (451 s for 100,000 articles of a million-article cache, most of it
//! re-tokenising texts to take them out of the full-text index, which no longer happens:
//! see `FTS_UNINDEX`). A step deletes at most [`PRUNE_BATCH`] articles in its own
//! transaction; callers that share the store with a reader (the worker) run one step per
//! turn, so a mark or a window read waits for one step at most.

use chrono::{DateTime, Utc};
use rusqlite::{TransactionBehavior, params};

use super::{DAY, FTS_UNINDEX, Store, StoreError};

/// Articles deleted per step (per transaction).
pub const PRUNE_BATCH: usize = 5_000;

/// Page cache of the connection during a prune step, in KiB (SQLite's default is 2 MiB): the
/// indices in title, GUID and link order and the tombstones take deletes and inserts at
/// scattered places, and with a small cache most of those read a page and spill one.
const PRUNE_CACHE_KIB: i64 = 64 * 1024;

/// One step of giving free pages back: 4,096 pages, 16 MiB at the default page size (a
/// pragma takes no bound parameter).
const VACUUM_STEP: &str = "PRAGMA incremental_vacuum(4096)";
const AUTO_VACUUM: &str = "PRAGMA auto_vacuum";
const FREE_PAGES: &str = "PRAGMA freelist_count";

/// The next articles a prune removes, for cut-off `?1`: read and not starred, first seen
/// before the cut-off and read before it too, oldest first, at most `?2`. Publication dates
/// play no part (a feed may carry years-old posts), and an article with no read time is
/// kept. `articles_prunable` (first seen, of read unstarred articles) serves it.
pub(super) const PRUNABLE_IDS: &str = "SELECT json_group_array(id) FROM (SELECT id FROM articles
    WHERE read = 1 AND starred = 0 AND first_seen < ?1 AND read_at < ?1
    ORDER BY first_seen LIMIT ?2)";
/// Leaves a tombstone for each article in the JSON array `?1`, at time `?2`.
const TOMBSTONE_IDS: &str = "INSERT OR REPLACE INTO tombstones (feed_id, guid, link, pruned_at,
        last_seen)
    SELECT feed_id, guid, link, ?2, ?2 FROM articles
    WHERE id IN (SELECT value FROM json_each(?1))";
/// While `counts_held` has a row, the delete triggers leave the kept counts alone (migration
/// 15): the three statements after these subtract what the step deletes, in bulk.
const HOLD_COUNTS: &str = "INSERT INTO counts_held (held) VALUES (1)";
const RELEASE_COUNTS: &str = "DELETE FROM counts_held";
/// Counts the articles in the JSON array `?1` out of their feeds' totals (hidden articles
/// are not counted in, so not out either).
const FEED_COUNTS_OUT: &str = "UPDATE feed_counts SET total = total - g.n, unread = unread - g.u
    FROM (SELECT feed_id, count(*) AS n, sum(read = 0) AS u FROM articles
        WHERE id IN (SELECT value FROM json_each(?1)) AND hidden = 0 GROUP BY feed_id) AS g
    WHERE feed_counts.feed_id = g.feed_id";
/// Counts the mentions of the articles in `?1` out, per feed and entity: the mentions, and the
/// articles with at least one.
const ENTITY_FEED_COUNTS_OUT: &str = "UPDATE entity_feed_counts
    SET mentions = mentions - g.n, articles = articles - g.k
    FROM (SELECT a.feed_id AS feed_id, m.entity AS entity, count(*) AS n,
            count(DISTINCT m.article) AS k
        FROM articles a JOIN mentions m ON m.article = a.id
        WHERE a.id IN (SELECT value FROM json_each(?1)) AND a.hidden = 0
        GROUP BY a.feed_id, m.entity) AS g
    WHERE entity_feed_counts.feed_id = g.feed_id AND entity_feed_counts.entity = g.entity";
/// The same over every feed.
const ENTITY_COUNTS_OUT: &str = "UPDATE entity_counts
    SET mentions = mentions - g.n, articles = articles - g.k
    FROM (SELECT m.entity AS entity, count(*) AS n, count(DISTINCT m.article) AS k
        FROM articles a JOIN mentions m ON m.article = a.id
        WHERE a.id IN (SELECT value FROM json_each(?1)) AND a.hidden = 0
        GROUP BY m.entity) AS g
    WHERE entity_counts.entity = g.entity";
/// Every table whose rows belong to an article (a foreign key to `articles`), deleted
/// explicitly: the prune runs with foreign keys off, so nothing cascades. A unit test checks
/// that this list names every such table in the schema.
pub(super) const ARTICLE_CHILDREN: [&str; 5] = [
    "DELETE FROM mentions WHERE article IN (SELECT value FROM json_each(?1))",
    "DELETE FROM extractions WHERE article IN (SELECT value FROM json_each(?1))",
    "DELETE FROM pages WHERE article IN (SELECT value FROM json_each(?1))",
    "DELETE FROM sync_items WHERE article IN (SELECT value FROM json_each(?1))",
    "DELETE FROM article_stories WHERE article IN (SELECT value FROM json_each(?1))",
];
/// Deletes the articles in the JSON array `?1` (their dependent rows are gone by then).
const DELETE_IDS: &str = "DELETE FROM articles WHERE id IN (SELECT value FROM json_each(?1))";
const TOMBSTONES_EXPIRE: &str = "DELETE FROM tombstones WHERE last_seen < ?1";
/// The full-text index's automatic merge setting (FTS5's default, 4, when never set).
const FTS_AUTOMERGE: &str =
    "SELECT coalesce((SELECT v FROM articles_fts_config WHERE k = 'automerge'), 4)";
const FTS_SET_AUTOMERGE: &str =
    "INSERT INTO articles_fts (articles_fts, rank) VALUES ('automerge', ?1)";
/// One step of merging the full-text index: at most this many pages written (FTS5 leaf pages
/// of about 4 KB). Merges only what the automatic merge would, and levels where a prune left
/// tombstones (migration 15 sets `usermerge`).
const FTS_MERGE_STEP: &str = "INSERT INTO articles_fts (articles_fts, rank) VALUES ('merge', 256)";

impl Store {
    /// Deletes the articles that were first seen more than `keep_days` ago and read more than
    /// `keep_days` ago, unless starred; returns how many. Unread and starred articles are never
    /// deleted, and publication dates play no part: a feed's years-old post stays for
    /// `keep_days` after it first appeared, and for `keep_days` after it was read.
    ///
    /// Each deleted article leaves a tombstone (feed, GUID, link) so a feed that still serves
    /// it does not bring it back as new and unread. A tombstone lives while the feed keeps
    /// serving the item and expires once the item has been absent for twice `keep_days`
    /// (at least one day).
    ///
    /// Runs [`Store::prune_step`] until nothing is left, then
    /// [`Store::merge_search_index_step`] until the full-text index has nothing to merge;
    /// see there.
    pub fn prune(&mut self, keep_days: u32, now: DateTime<Utc>) -> Result<usize, StoreError> {
        let mut total = 0;
        loop {
            let deleted = self.prune_step(keep_days, now, PRUNE_BATCH)?;
            total += deleted;
            if deleted < PRUNE_BATCH {
                break;
            }
        }
        while self.merge_search_index_step()? {}
        Ok(total)
    }

    /// One step of [`Store::prune`]: deletes at most `limit` of the oldest prunable articles,
    /// in one transaction, and returns how many; fewer than `limit` means the prune is done
    /// (that last step also expires old tombstones).
    ///
    /// How, and why (`million --only prune-profile` timed each part): the kept counts are
    /// counted out per feed and entity in bulk, not by a trigger per mention; foreign keys
    /// are off for the step, and the rows that belong to an article are deleted by one
    /// statement per table, not by a cascade per article; the page cache is larger for the
    /// step; the full-text index's automatic merge is off while its entries are deleted (it
    /// rewrote whole segments at the commit), which leaves its space to
    /// [`Store::merge_search_index_step`].
    pub fn prune_step(
        &mut self,
        keep_days: u32,
        now: DateTime<Utc>,
        limit: usize,
    ) -> Result<usize, StoreError> {
        let result = (|| {
            let cache: i64 = self.conn.query_row("PRAGMA cache_size", [], |r| r.get(0))?;
            self.conn
                .pragma_update(None, "cache_size", -PRUNE_CACHE_KIB)?;
            // Only possible outside a transaction (inside one the pragma does nothing).
            self.conn.pragma_update(None, "foreign_keys", "OFF")?;
            let deleted = self.prune_transaction(keep_days, now, limit);
            let restored = (|| {
                self.conn.pragma_update(None, "foreign_keys", "ON")?;
                self.conn.pragma_update(None, "cache_size", cache)
            })();
            let deleted = deleted?;
            restored?;
            self.nudge_checkpoint();
            Ok(deleted)
        })();
        self.busy(result)
    }

    /// The transaction of [`Store::prune_step`], run with foreign keys off.
    fn prune_transaction(
        &mut self,
        keep_days: u32,
        now: DateTime<Utc>,
        limit: usize,
    ) -> Result<usize, StoreError> {
        let now = now.timestamp();
        let cutoff = now - i64::from(keep_days) * DAY;
        let tomb_cutoff = now - (2 * i64::from(keep_days) * DAY).max(DAY);
        let limit = i64::try_from(limit).unwrap_or(i64::MAX);
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let ids: String = tx
            .prepare_cached(PRUNABLE_IDS)?
            .query_row(params![cutoff, limit], |row| row.get(0))?;
        tx.prepare_cached(TOMBSTONE_IDS)?
            .execute(params![ids, now])?;
        // The index's deletes are flushed when the setting changes back, with no merge.
        let automerge: i64 = tx.query_row(FTS_AUTOMERGE, [], |row| row.get(0))?;
        tx.execute(FTS_SET_AUTOMERGE, [0])?;
        tx.prepare_cached(FTS_UNINDEX)?.execute([&ids])?;
        tx.execute(FTS_SET_AUTOMERGE, [automerge])?;
        tx.execute(HOLD_COUNTS, [])?;
        for out in [FEED_COUNTS_OUT, ENTITY_FEED_COUNTS_OUT, ENTITY_COUNTS_OUT] {
            tx.prepare_cached(out)?.execute([&ids])?;
        }
        for children in ARTICLE_CHILDREN {
            tx.prepare_cached(children)?.execute([&ids])?;
        }
        let deleted = tx.prepare_cached(DELETE_IDS)?.execute([&ids])?;
        tx.execute(RELEASE_COUNTS, [])?;
        if i64::try_from(deleted).unwrap_or(i64::MAX) < limit {
            tx.prepare_cached(TOMBSTONES_EXPIRE)?
                .execute([tomb_cutoff])?;
        }
        tx.commit()?;
        Ok(deleted)
    }

    /// One step of merging the full-text index after a prune, in a transaction of its own
    /// (at most 256 index pages written); returns whether there was anything to merge.
    ///
    /// A prune deletes its articles' index entries with the automatic merge off: each leaves a
    /// tombstone, and the index's space comes back only when the segments holding them are
    /// merged. This merges a level of segments when a tenth of its entries are tombstones
    /// (FTS5's `deletemerge`), or when it has as many segments as the automatic merge would
    /// wait for. Callers that share the store with a reader run one step per turn.
    pub fn merge_search_index_step(&mut self) -> Result<bool, StoreError> {
        let result = (|| {
            let before = self.conn.total_changes();
            self.conn.execute(FTS_MERGE_STEP, [])?;
            // The command itself is one change; a merge that wrote anything made more.
            let merged = self.conn.total_changes() - before >= 2;
            if merged {
                self.nudge_checkpoint();
            }
            Ok(merged)
        })();
        self.busy(result)
    }

    /// Gives at most 4,096 free pages ([`VACUUM_STEP`]) back to the file system (the file shrinks by
    /// that much) and returns how many are still free; nothing happens in a cache without
    /// incremental auto-vacuum (those made before it existed: `VACUUM` converts them).
    /// Freed pages are reused by later writes anyway, so this is worth running after a
    /// prune that freed many, in steps, between other work.
    pub fn release_free_pages(&mut self) -> Result<i64, StoreError> {
        let result = (|| {
            let mode: i64 = self.conn.query_row(AUTO_VACUUM, [], |row| row.get(0))?;
            let free: i64 = self.conn.query_row(FREE_PAGES, [], |row| row.get(0))?;
            // 2 = incremental.
            if mode != 2 || free == 0 {
                return Ok(free);
            }
            // The pragma frees one page per row it returns: all of them, or it frees one.
            let mut stmt = self.conn.prepare_cached(VACUUM_STEP)?;
            let mut rows = stmt.query([])?;
            while rows.next()?.is_some() {}
            drop(rows);
            drop(stmt);
            Ok(self.conn.query_row(FREE_PAGES, [], |row| row.get(0))?)
        })();
        self.busy(result)
    }

    /// How the file is used: its pages, the free ones among them, and the page size.
    pub fn page_counts(&self) -> Result<(i64, i64, i64), StoreError> {
        let result = (|| {
            let count = |pragma: &str| -> rusqlite::Result<i64> {
                self.conn.query_row(pragma, [], |row| row.get(0))
            };
            Ok((
                count("PRAGMA page_count")?,
                count(FREE_PAGES)?,
                count("PRAGMA page_size")?,
            ))
        })();
        self.busy(result)
    }
}
