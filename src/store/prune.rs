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
/// Deletes the articles in the JSON array `?1` (their mentions, pages and so on cascade).
const DELETE_IDS: &str = "DELETE FROM articles WHERE id IN (SELECT value FROM json_each(?1))";
const TOMBSTONES_EXPIRE: &str = "DELETE FROM tombstones WHERE last_seen < ?1";

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
    /// Runs [`Store::prune_step`] until nothing is left; see there.
    pub fn prune(&mut self, keep_days: u32, now: DateTime<Utc>) -> Result<usize, StoreError> {
        let mut total = 0;
        loop {
            let deleted = self.prune_step(keep_days, now, PRUNE_BATCH)?;
            total += deleted;
            if deleted < PRUNE_BATCH {
                return Ok(total);
            }
        }
    }

    /// One step of [`Store::prune`]: deletes at most `limit` of the oldest prunable articles,
    /// in one transaction, and returns how many; fewer than `limit` means the prune is done
    /// (that last step also expires old tombstones).
    pub fn prune_step(
        &mut self,
        keep_days: u32,
        now: DateTime<Utc>,
        limit: usize,
    ) -> Result<usize, StoreError> {
        let result = (|| {
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
            tx.prepare_cached(FTS_UNINDEX)?.execute([&ids])?;
            let deleted = tx.prepare_cached(DELETE_IDS)?.execute([&ids])?;
            if i64::try_from(deleted).unwrap_or(i64::MAX) < limit {
                tx.prepare_cached(TOMBSTONES_EXPIRE)?
                    .execute([tomb_cutoff])?;
            }
            tx.commit()?;
            Ok(deleted)
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
            self.conn.execute_batch(VACUUM_STEP)?;
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
