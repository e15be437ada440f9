//! What ignore rules and refresh notifications need of the cache: hiding the articles
//! queries select (kept, but in no list or count), dropping them (remembered as tombstones,
//! so the next refresh does not bring them back), and counting the articles a query selects
//! that first appeared since a time.

use std::collections::HashSet;

use chrono::{DateTime, FixedOffset, Utc};
use rusqlite::params_from_iter;
use rusqlite::types::Value;

use super::query::{SELECT_IDS, Sql, compile_condition, compile_where};
use super::{Store, StoreError};
use crate::query::Query;

/// Remembers the dropped articles, so a feed that still lists them does not add them again.
const DROP_TOMBSTONE: &str = "INSERT OR REPLACE INTO tombstones (feed_id, guid, link, pruned_at, \
     last_seen) SELECT feed_id, guid, link, ?1, ?1 FROM articles WHERE id = ?2";
const DROP_UNINDEX: &str = "DELETE FROM articles_fts WHERE rowid = ?1";
const DROP_DELETE: &str = "DELETE FROM articles WHERE id = ?1";
/// The articles ignore rules hide: hidden, and not by a prune (those wait for deletion in
/// `prune_pending`, and must not be shown again when a rule goes).
const HIDDEN_IDS: &str = "SELECT id FROM articles WHERE hidden = 1
    AND id NOT IN (SELECT article FROM prune_pending)";
const PRUNE_PENDING_IDS: &str = "SELECT article FROM prune_pending";
const SET_HIDDEN: &str = "UPDATE articles SET hidden = ?2 WHERE id = ?1";
const COUNT_SEEN_SINCE: &str = "SELECT count(*) FROM articles a JOIN feeds f ON f.id = a.feed_id \
     WHERE f.active = 1 AND a.first_seen >= ?";

impl Store {
    /// Deletes every article `query` selects (starred ones included: the rule says so),
    /// leaving tombstones so that a refresh does not add them again; returns how many.
    pub fn drop_query(
        &mut self,
        query: &Query,
        now: DateTime<FixedOffset>,
    ) -> Result<usize, StoreError> {
        let result = (|| {
            let stamp = now.timestamp();
            // The ids first: once the full-text rows are gone, a query with words would no
            // longer find the articles to delete.
            let mut sql = Sql::default();
            sql.text.push_str(SELECT_IDS);
            // Hidden articles too: a rule that drops them drops them.
            compile_condition(&self.conn, query, now, &mut sql)?;
            let ids: Vec<i64> = self
                .conn
                .prepare(&sql.text)?
                .query_map(params_from_iter(sql.params.iter()), |row| row.get(0))?
                .collect::<Result<_, _>>()?;
            let tx = self.conn.transaction()?;
            let mut deleted = 0;
            {
                let mut tombstone = tx.prepare_cached(DROP_TOMBSTONE)?;
                let mut unindex = tx.prepare_cached(DROP_UNINDEX)?;
                let mut delete = tx.prepare_cached(DROP_DELETE)?;
                for id in ids {
                    tombstone.execute(rusqlite::params![stamp, id])?;
                    unindex.execute([id])?;
                    deleted += delete.execute([id])?;
                }
            }
            tx.commit()?;
            Ok(deleted)
        })();
        self.busy(result)
    }

    /// Hides exactly the articles `queries` select (any of them) from every list and count,
    /// and shows again those hidden before that none selects now (a rule removed or
    /// changed); unread and starred ones included, their flags kept. Returns how many were
    /// newly hidden.
    pub fn hide_queries(
        &mut self,
        queries: &[Query],
        now: DateTime<FixedOffset>,
    ) -> Result<usize, StoreError> {
        let result = (|| {
            let tx = self.conn.transaction()?;
            let before: HashSet<i64> = tx
                .prepare_cached(HIDDEN_IDS)?
                .query_map([], |row| row.get(0))?
                .collect::<Result<_, _>>()?;
            let pruned: HashSet<i64> = tx
                .prepare_cached(PRUNE_PENDING_IDS)?
                .query_map([], |row| row.get(0))?
                .collect::<Result<_, _>>()?;
            let mut after: HashSet<i64> = HashSet::new();
            for query in queries {
                let mut sql = Sql::default();
                sql.text.push_str(SELECT_IDS);
                compile_condition(&tx, query, now, &mut sql)?;
                let mut stmt = tx.prepare(&sql.text)?;
                let ids = stmt.query_map(params_from_iter(sql.params.iter()), |row| row.get(0))?;
                for id in ids {
                    let id = id?;
                    if !pruned.contains(&id) {
                        after.insert(id);
                    }
                }
            }
            let mut newly = 0;
            {
                let mut set = tx.prepare_cached(SET_HIDDEN)?;
                for id in before.difference(&after) {
                    set.execute(rusqlite::params![id, 0])?;
                }
                for id in after.difference(&before) {
                    newly += set.execute(rusqlite::params![id, 1])?;
                }
            }
            tx.commit()?;
            Ok(newly)
        })();
        self.busy(result)
    }

    /// How many articles `query` selects that first appeared at or after `since`.
    pub fn count_seen_since(
        &self,
        query: &Query,
        now: DateTime<FixedOffset>,
        since: DateTime<Utc>,
    ) -> Result<u64, StoreError> {
        let result = (|| {
            let mut sql = Sql::default();
            sql.text.push_str(COUNT_SEEN_SINCE);
            sql.params.push(Value::from(since.timestamp()));
            compile_where(&self.conn, query, now, &mut sql)?;
            let n: i64 = self
                .conn
                .prepare(&sql.text)?
                .query_row(params_from_iter(sql.params.iter()), |row| row.get(0))?;
            Ok(u64::try_from(n).unwrap_or(0))
        })();
        self.busy(result)
    }
}
