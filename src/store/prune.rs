//! Pruning: taking old read articles out of every list and count at once, deleting their
//! rows afterwards in steps small enough that nothing waits long behind them, and giving the
//! freed pages back to the file system.
//!
//! Why two parts: deleting 100,000 articles of a million-article cache wrote the rows and
//! eight indices, the title index touched all over by every step (12-30 s on a 2-core
//! machine). Hiding them ([`Store::prune_step`]: `hidden = 1`, the kept counts counted out in
//! bulk, the id noted in `prune_pending`) rewrites only their rows, in first-seen order, and
//! the lists and counts leave them out from that commit on, as they do articles an ignore
//! rule hides. [`Store::remove_pruned_step`] then deletes them, with their tombstones and
//! everything that hangs off them, a few hundred at a time.
//!
//! Why steps: each step is its own transaction, and callers that share the store with a
//! reader (the worker) run one step per turn and size the next by the time the last took
//! ([`StepPacer`]), so a mark waits for a few tens of milliseconds at most.

use std::time::Duration;

use chrono::{DateTime, Utc};
use rusqlite::{Transaction, TransactionBehavior, params};

use super::{DAY, FTS_UNINDEX, Store, StoreError};

/// Articles per step for callers that do not pace their steps ([`Store::prune`], tests).
pub const PRUNE_BATCH: usize = 5_000;

/// How long a paced step should take: a reader's write waits for one step.
pub const PRUNE_STEP_TARGET: Duration = Duration::from_millis(80);
/// Bounds on a paced step's articles: the first step's, the fewest, the most.
const PACE_FIRST: usize = 500;
const PACE_MIN: usize = 100;
const PACE_MAX: usize = 20_000;

/// Page cache of the connection during a prune step, in KiB (SQLite's default is 2 MiB): the
/// indices in title, GUID and link order and the tombstones take deletes and inserts at
/// scattered places, and with a small cache most of those read a page and spill one.
const PRUNE_CACHE_KIB: i64 = 64 * 1024;

/// One step of giving free pages back: 4,096 pages, 16 MiB at the default page size (a
/// pragma takes no bound parameter).
const VACUUM_STEP: &str = "PRAGMA incremental_vacuum(4096)";
const AUTO_VACUUM: &str = "PRAGMA auto_vacuum";
const FREE_PAGES: &str = "PRAGMA freelist_count";

/// The next articles a prune hides, for cut-off `?1`: read and not starred, first seen
/// before the cut-off and read before it too, oldest first, at most `?2`, not hidden yet.
/// Publication dates play no part (a feed may carry years-old posts), and an article with
/// no read time is kept. `articles_prunable` (first seen, of shown read unstarred articles)
/// serves it.
pub(super) const PRUNABLE_IDS: &str = "SELECT json_group_array(id) FROM (SELECT id FROM articles
    WHERE read = 1 AND starred = 0 AND hidden = 0 AND first_seen < ?1 AND read_at < ?1
    ORDER BY first_seen LIMIT ?2)";
/// Notes the articles in the JSON array `?1` as hidden by the prune.
const PEND_IDS: &str =
    "INSERT OR IGNORE INTO prune_pending (article) SELECT value FROM json_each(?1)";
/// Hides the articles in `?1` (the counts are held and counted out in bulk meanwhile).
const HIDE_IDS: &str =
    "UPDATE articles SET hidden = 1 WHERE id IN (SELECT value FROM json_each(?1))";
/// Prunable articles an ignore rule hid already (so `PRUNABLE_IDS` does not see them), for
/// cut-off `?1`: noted as pending too, once per prune (its last hiding step). They are
/// counted out already.
const PEND_RULE_HIDDEN: &str = "INSERT OR IGNORE INTO prune_pending (article)
    SELECT id FROM articles WHERE hidden = 1 AND read = 1 AND starred = 0
        AND first_seen < ?1 AND read_at < ?1";
/// The next articles waiting for deletion, at most `?1`, in id order.
const PENDING_IDS: &str = "SELECT json_group_array(article) FROM (SELECT article
    FROM prune_pending ORDER BY article LIMIT ?1)";
/// Of the pending articles in `?1`, those marked unread or starred since they were hidden
/// (a sync with a server) are not deleted: shown again, the triggers count them back in.
const SHOW_AGAIN: &str = "UPDATE articles SET hidden = 0
    WHERE id IN (SELECT value FROM json_each(?1)) AND hidden = 1 AND (read = 0 OR starred = 1)";
/// Of the pending articles in `?1`, those still prunable (the rest were shown again or are
/// gone already).
const STILL_PRUNABLE: &str = "SELECT json_group_array(id) FROM articles
    WHERE id IN (SELECT value FROM json_each(?1)) AND read = 1 AND starred = 0";
const UNPEND_IDS: &str =
    "DELETE FROM prune_pending WHERE article IN (SELECT value FROM json_each(?1))";
/// Whether any article waits for deletion.
const ANY_PENDING: &str = "SELECT EXISTS (SELECT 1 FROM prune_pending)";
/// Leaves a tombstone for each article in the JSON array `?1`, at time `?2`.
const TOMBSTONE_IDS: &str = "INSERT OR REPLACE INTO tombstones (feed_id, guid, link, pruned_at,
        last_seen)
    SELECT feed_id, guid, link, ?2, ?2 FROM articles
    WHERE id IN (SELECT value FROM json_each(?1))";
/// While `counts_held` has a row, the delete triggers and those on a change of `hidden` leave
/// the kept counts alone (migrations 15 and 17): a prune counts out in bulk instead.
const HOLD_COUNTS: &str = "INSERT INTO counts_held (held) VALUES (1)";
const RELEASE_COUNTS: &str = "DELETE FROM counts_held";
/// Counts the articles in the JSON array `?1` out of their feeds' totals (hidden articles
/// are not counted in, so not out either: a prune counts its articles out as it hides them).
const FEED_COUNTS_OUT: &str = "UPDATE feed_counts SET total = total - g.n, unread = unread - g.u
    FROM (SELECT feed_id, count(*) AS n, sum(read = 0) AS u FROM articles
        WHERE id IN (SELECT value FROM json_each(?1)) AND hidden = 0 GROUP BY feed_id) AS g
    WHERE feed_counts.feed_id = g.feed_id";
/// Per feed and entity, the mentions of the shown articles in `?1` and how many of them
/// mention it, read once for both entity count tables (an article is in one feed, so an
/// entity's articles over every feed are the sum of its articles per feed).
const GROUPS_TABLE: &str = "CREATE TEMP TABLE IF NOT EXISTS prune_groups (
    feed_id INTEGER NOT NULL, entity INTEGER NOT NULL, n INTEGER NOT NULL, k INTEGER NOT NULL)";
const GROUPS_FILL: &str = "INSERT INTO temp.prune_groups (feed_id, entity, n, k)
    SELECT a.feed_id, m.entity, count(*), count(DISTINCT m.article)
    FROM articles a JOIN mentions m ON m.article = a.id
    WHERE a.id IN (SELECT value FROM json_each(?1)) AND a.hidden = 0
    GROUP BY a.feed_id, m.entity";
const GROUPS_CLEAR: &str = "DELETE FROM temp.prune_groups";
/// Counts those mentions out, per feed and entity: the mentions, and the articles with at
/// least one.
const ENTITY_FEED_COUNTS_OUT: &str = "UPDATE entity_feed_counts
    SET mentions = mentions - g.n, articles = articles - g.k
    FROM temp.prune_groups AS g
    WHERE entity_feed_counts.feed_id = g.feed_id AND entity_feed_counts.entity = g.entity";
/// The same over every feed.
const ENTITY_COUNTS_OUT: &str = "UPDATE entity_counts
    SET mentions = mentions - g.n, articles = articles - g.k
    FROM (SELECT entity, sum(n) AS n, sum(k) AS k FROM temp.prune_groups GROUP BY entity) AS g
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

/// Sizes the steps of a prune by the time the last one took, so each takes about
/// [`PRUNE_STEP_TARGET`] whatever the cache's size and the machine's load.
#[derive(Debug, Clone)]
pub struct StepPacer {
    limit: usize,
}

impl Default for StepPacer {
    fn default() -> Self {
        Self { limit: PACE_FIRST }
    }
}

impl StepPacer {
    /// The next step's number of articles.
    pub fn limit(&self) -> usize {
        self.limit
    }

    /// Learns from a step of `done` articles that took `took`: the next is sized to take
    /// [`PRUNE_STEP_TARGET`] at the same rate, at most twice or half this one.
    pub fn took(&mut self, done: usize, took: Duration) {
        if done == 0 {
            return;
        }
        let rate = done as f64 / took.as_secs_f64().max(1e-4);
        let want = (rate * PRUNE_STEP_TARGET.as_secs_f64()) as usize;
        self.limit = want
            .clamp(self.limit / 2, self.limit * 2)
            .clamp(PACE_MIN, PACE_MAX);
    }
}

impl Store {
    /// Prunes: takes out of every list and count the articles that were first seen more than
    /// `keep_days` ago and read more than `keep_days` ago, unless starred, and deletes them;
    /// returns how many. Unread and starred articles are never pruned, and publication dates
    /// play no part: a feed's years-old post stays for `keep_days` after it first appeared,
    /// and for `keep_days` after it was read.
    ///
    /// Each deleted article leaves a tombstone (feed, GUID, link) so a feed that still serves
    /// it does not bring it back as new and unread. A tombstone lives while the feed keeps
    /// serving the item and expires once the item has been absent for twice `keep_days`
    /// (at least one day).
    ///
    /// Runs [`Store::prune_step`] until nothing is left to hide, [`Store::remove_pruned_step`]
    /// until nothing is left to delete, then [`Store::merge_search_index_step`] until the
    /// full-text index has nothing to merge; see there.
    pub fn prune(&mut self, keep_days: u32, now: DateTime<Utc>) -> Result<usize, StoreError> {
        let mut total = 0;
        loop {
            let hidden = self.prune_step(keep_days, now, PRUNE_BATCH)?;
            total += hidden;
            if hidden < PRUNE_BATCH {
                break;
            }
        }
        while self.remove_pruned_step(keep_days, now, PRUNE_BATCH)? == PRUNE_BATCH {}
        while self.merge_search_index_step()? {}
        Ok(total)
    }

    /// One step of hiding a prune's articles: takes at most `limit` of the oldest prunable
    /// articles out of every list and count, in one transaction, and returns how many;
    /// fewer than `limit` means none is left to hide (that last step also notes the prunable
    /// articles an ignore rule hid already). Their rows stay until
    /// [`Store::remove_pruned_step`] deletes them.
    ///
    /// The kept counts are counted out per feed and entity in bulk, not by a trigger per
    /// row; the rows are rewritten in first-seen order (the oldest pages of the table, one
    /// after the other), and no index but the prune's own and the hidden articles' changes.
    pub fn prune_step(
        &mut self,
        keep_days: u32,
        now: DateTime<Utc>,
        limit: usize,
    ) -> Result<usize, StoreError> {
        let result = self.with_prune_cache(false, |tx| hide_ids(tx, keep_days, now, limit));
        self.busy(result)
    }

    /// One step of deleting what a prune hid: deletes at most `limit` of the articles
    /// [`Store::prune_step`] hid, with their tombstones and every row that hangs off them, in
    /// one transaction, and returns how many it took off the list of pending ones; fewer
    /// than `limit` means none is left (that last step also expires old tombstones). An
    /// article marked unread or starred since it was hidden (by a sync) is shown again
    /// instead.
    ///
    /// How, and why (`million --only prune-profile` timed each part): foreign keys are off
    /// for the step, and the rows that belong to an article are deleted by one statement per
    /// table, not by a cascade per article; the page cache is larger for the step; the
    /// full-text index's automatic merge is off while its entries are deleted (it rewrote
    /// whole segments at the commit), which leaves its space to
    /// [`Store::merge_search_index_step`].
    pub fn remove_pruned_step(
        &mut self,
        keep_days: u32,
        now: DateTime<Utc>,
        limit: usize,
    ) -> Result<usize, StoreError> {
        let result = self.with_prune_cache(true, |tx| remove_ids(tx, keep_days, now, limit));
        self.busy(result)
    }

    /// Whether a prune hid articles that are not deleted yet (one was cut short).
    pub fn prune_pending(&self) -> Result<bool, StoreError> {
        let result = self
            .conn
            .query_row(ANY_PENDING, [], |row| row.get(0))
            .map_err(StoreError::from);
        self.busy(result)
    }

    /// Runs `step` in an immediate transaction with the prune's page cache, and with foreign
    /// keys off when `no_foreign_keys` (both restored after it, also on error).
    fn with_prune_cache(
        &mut self,
        no_foreign_keys: bool,
        step: impl FnOnce(&Transaction) -> Result<usize, StoreError>,
    ) -> Result<usize, StoreError> {
        let cache: i64 = self.conn.query_row("PRAGMA cache_size", [], |r| r.get(0))?;
        self.conn
            .pragma_update(None, "cache_size", -PRUNE_CACHE_KIB)?;
        if no_foreign_keys {
            // Only possible outside a transaction (inside one the pragma does nothing).
            self.conn.pragma_update(None, "foreign_keys", "OFF")?;
        }
        let done = (|| -> Result<usize, StoreError> {
            let tx = self
                .conn
                .transaction_with_behavior(TransactionBehavior::Immediate)?;
            let done = step(&tx)?;
            tx.commit()?;
            Ok(done)
        })();
        let restored = (|| {
            if no_foreign_keys {
                self.conn.pragma_update(None, "foreign_keys", "ON")?;
            }
            self.conn.pragma_update(None, "cache_size", cache)
        })();
        let done = done?;
        restored?;
        self.nudge_checkpoint();
        Ok(done)
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

/// The statements of [`Store::prune_step`].
fn hide_ids(
    tx: &Transaction,
    keep_days: u32,
    now: DateTime<Utc>,
    limit: usize,
) -> Result<usize, StoreError> {
    let cutoff = now.timestamp() - i64::from(keep_days) * DAY;
    let limit = i64::try_from(limit).unwrap_or(i64::MAX);
    let ids: String = tx
        .prepare_cached(PRUNABLE_IDS)?
        .query_row(params![cutoff, limit], |row| row.get(0))?;
    tx.prepare_cached(PEND_IDS)?.execute([&ids])?;
    // Counted out while still shown (the statements leave hidden articles alone).
    count_out(tx, &ids)?;
    tx.execute(HOLD_COUNTS, [])?;
    let hidden = tx.prepare_cached(HIDE_IDS)?.execute([&ids])?;
    tx.execute(RELEASE_COUNTS, [])?;
    if i64::try_from(hidden).unwrap_or(i64::MAX) < limit {
        tx.prepare_cached(PEND_RULE_HIDDEN)?.execute([cutoff])?;
    }
    Ok(hidden)
}

/// The statements of [`Store::remove_pruned_step`], run with foreign keys off.
fn remove_ids(
    tx: &Transaction,
    keep_days: u32,
    now: DateTime<Utc>,
    limit: usize,
) -> Result<usize, StoreError> {
    let now = now.timestamp();
    let tomb_cutoff = now - (2 * i64::from(keep_days) * DAY).max(DAY);
    let limit = i64::try_from(limit).unwrap_or(i64::MAX);
    let pending: String = tx
        .prepare_cached(PENDING_IDS)?
        .query_row([limit], |row| row.get(0))?;
    let taken = tx.prepare_cached(UNPEND_IDS)?.execute([&pending])?;
    tx.prepare_cached(SHOW_AGAIN)?.execute([&pending])?;
    let ids: String = tx
        .prepare_cached(STILL_PRUNABLE)?
        .query_row([&pending], |row| row.get(0))?;
    tx.prepare_cached(TOMBSTONE_IDS)?
        .execute(params![ids, now])?;
    // The index's deletes are flushed when the setting changes back, with no merge.
    let automerge: i64 = tx.query_row(FTS_AUTOMERGE, [], |row| row.get(0))?;
    tx.execute(FTS_SET_AUTOMERGE, [0])?;
    tx.prepare_cached(FTS_UNINDEX)?.execute([&ids])?;
    tx.execute(FTS_SET_AUTOMERGE, [automerge])?;
    tx.execute(HOLD_COUNTS, [])?;
    // Hidden articles are counted out already; one shown again by other means (an ignore
    // rule's rows are recomputed) is counted out here.
    count_out(tx, &ids)?;
    for children in ARTICLE_CHILDREN {
        tx.prepare_cached(children)?.execute([&ids])?;
    }
    tx.prepare_cached(DELETE_IDS)?.execute([&ids])?;
    tx.execute(RELEASE_COUNTS, [])?;
    if i64::try_from(taken).unwrap_or(i64::MAX) < limit {
        tx.prepare_cached(TOMBSTONES_EXPIRE)?
            .execute([tomb_cutoff])?;
    }
    Ok(taken)
}

/// Counts the shown articles of the JSON array `ids` out of the kept counts, in bulk: per
/// feed, per feed and entity, per entity.
fn count_out(tx: &Transaction, ids: &str) -> Result<(), StoreError> {
    tx.prepare_cached(FEED_COUNTS_OUT)?.execute([ids])?;
    tx.execute(GROUPS_TABLE, [])?;
    tx.prepare_cached(GROUPS_FILL)?.execute([ids])?;
    tx.prepare_cached(ENTITY_FEED_COUNTS_OUT)?.execute([])?;
    tx.prepare_cached(ENTITY_COUNTS_OUT)?.execute([])?;
    tx.prepare_cached(GROUPS_CLEAR)?.execute([])?;
    Ok(())
}
