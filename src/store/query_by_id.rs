//! Full-text lists read in the index's own order, newest article id first, for the windows
//! of a list sorted newest first.
//!
//! Why it exists: the other plans test each article against `a.id IN (SELECT rowid …
//! MATCH …)`, for which SQLite first collects every match of the full-text expression: for
//! a common word on a million articles that is 100–300 ms, however few rows the window
//! shows. Read in rowid order with a limit, FTS5 walks its posting lists and stops at the
//! window: about a millisecond for a plain word there.
//!
//! Article ids grow as articles are stored, so id order is nearly the date order, but not
//! exactly (a feed subscribed later brings old articles with new ids; a feed can date items
//! oddly). So a window read this way is kept only when the date index proves it exact: no
//! article outside the ids read has a date within the window's range. When that check
//! fails, or would read too much of the index, the caller falls back to the date-order plans.

use chrono::{DateTime, FixedOffset};
use rusqlite::params_from_iter;
use rusqlite::types::Value;

use super::{
    CHECKED_PROBE_ROWS, CHECKED_SCAN_ROWS, OLDER_THAN, Plan, Sql, compile_where,
    has_word_starting_with,
};
use crate::model::ArticleSummary;
use crate::query::Query;
use crate::store::{Store, StoreError, summary_from_row};

/// The list's columns, driven by the full-text match (bound first) in rowid order.
const SELECT_BY_ID: &str = "SELECT a.id, a.feed_id,
        COALESCE(f.title_override, f.feed_title, f.url),
        a.title, a.link, a.authors, a.published, a.read, a.starred
    FROM articles_fts CROSS JOIN articles a ON a.id = articles_fts.rowid
        CROSS JOIN feeds f ON f.id = a.feed_id
    WHERE articles_fts MATCH ? AND f.active = 1";
/// `SELECT_BY_ID` with the text the full-text index holds (column 9), for checking a short
/// prefix row by row (as `SELECT_CHECKED` does).
const SELECT_CHECKED_BY_ID: &str = "SELECT a.id, a.feed_id,
        COALESCE(f.title_override, f.feed_title, f.url),
        a.title, a.link, a.authors, a.published, a.read, a.starred,
        CASE WHEN p.text IS NULL OR p.text = '' THEN dl_unpack(a.text, a.content_html)
            ELSE dl_unpack(a.text, a.content_html) || char(10) || char(10)
                || dl_unpack(p.text, p.html) END
    FROM articles_fts CROSS JOIN articles a ON a.id = articles_fts.rowid
        CROSS JOIN feeds f ON f.id = a.feed_id
        LEFT JOIN pages p ON p.article = a.id
    WHERE articles_fts MATCH ? AND f.active = 1";
/// Starts the walk at the anchor's id (the rows older than the anchor have, nearly all,
/// smaller ids).
const ID_AT_MOST: &str = " AND articles_fts.rowid <= ?";
const BY_ID_DESC: &str = " ORDER BY articles_fts.rowid DESC LIMIT ?";
/// Of the articles dated within `[?3/?4, ?5/?6)` (published, id), how many (up to `?7`) and
/// whether any has an id outside `[?1, ?2]`: read on the date index alone.
const OUTSIDE_IDS: &str = "SELECT count(*), COALESCE(max(id < ?1 OR id > ?2), 0) FROM (
        SELECT id FROM articles INDEXED BY articles_by_published
        WHERE (published, id) >= (?3, ?4) AND (published, id) < (?5, ?6) LIMIT ?7)";
/// At most this many entries of the date index are read to prove a window exact (a few
/// milliseconds); a sparser match gives up and takes the date-order plans, which are cheap
/// for few matches.
const PROOF_ROWS: i64 = 20_000;

/// What reading a window in id order gave.
pub(super) enum ById {
    /// The window, proven exact.
    Rows(Vec<ArticleSummary>),
    /// A prefix checked row by row matched too rarely to fill the window within
    /// [`CHECKED_SCAN_ROWS`]: the index answers sooner than any row-by-row plan.
    Rare,
    /// Not a window this plan serves, or not proven exact: use the date-order plans.
    Unproven,
}

/// Newest first: the sort key of a row, larger first.
fn key(a: &ArticleSummary) -> (i64, i64) {
    (a.published.timestamp(), a.id.0)
}

impl Store {
    /// The window `plan` of the list (newest first) of `fts` (a full-text expression) and
    /// `rest`, read through the full-text index newest id first; with `prefix`, only the
    /// rows with a word starting with it (checked in Rust, as `list_checked` does). See the
    /// module documentation for when the answer is exact.
    pub(super) fn list_by_id(
        &self,
        fts: &str,
        rest: &Query,
        prefix: Option<&[char]>,
        now: DateTime<FixedOffset>,
        plan: Plan<'_>,
    ) -> Result<ById, StoreError> {
        let Some(limit) = plan.limit.filter(|_| plan.forward) else {
            return Ok(ById::Unproven);
        };
        let want = plan.skip.saturating_add(limit);
        let mut sql = Sql::default();
        sql.bind(
            if prefix.is_some() {
                SELECT_CHECKED_BY_ID
            } else {
                SELECT_BY_ID
            },
            fts.to_string(),
        );
        compile_where(&self.conn, rest, now, &mut sql)?;
        // The window's upper end: the anchor's key (exclusive) and id, or none.
        let (top_at, top_id) = match plan.from {
            Some(row) => {
                sql.push(OLDER_THAN);
                sql.params.push(Value::from(row.published.timestamp()));
                sql.params.push(Value::from(row.id.0));
                sql.bind(ID_AT_MOST, row.id.0);
                (row.published.timestamp(), row.id.0)
            }
            None => (i64::MAX, i64::MAX),
        };
        let rows_read = match prefix {
            Some(_) => CHECKED_SCAN_ROWS,
            None => i64::try_from(want).unwrap_or(i64::MAX),
        };
        sql.bind(BY_ID_DESC, rows_read);
        let mut stmt = self.conn.prepare_cached(&sql.text)?;
        let mut rows = stmt.query(params_from_iter(sql.params.iter()))?;
        let mut found: Vec<ArticleSummary> = Vec::new();
        let (mut read, mut last_id) = (0_i64, i64::MAX);
        // Every match with an id up to the top was read (fewer than asked for exist).
        let mut complete = true;
        while let Some(row) = rows.next()? {
            read += 1;
            last_id = row.get(0)?;
            if let Some(prefix) = prefix {
                if read % CHECKED_PROBE_ROWS == 0 {
                    let projected = found.len() as u64 * CHECKED_SCAN_ROWS as u64 / read as u64;
                    if projected < want {
                        return Ok(ById::Rare);
                    }
                }
                let title: String = row.get(3)?;
                let authors: String = row.get(5)?;
                let text: String = row.get(9)?;
                if ![title.as_str(), &text, &authors]
                    .iter()
                    .any(|field| has_word_starting_with(field, prefix))
                {
                    continue;
                }
            }
            found.push(summary_from_row(row)?);
            if found.len() as u64 >= want {
                complete = false;
                break;
            }
        }
        if complete && read >= rows_read && prefix.is_some() {
            // The bound was reached with the window unfilled.
            return Ok(ById::Rare);
        }
        found.sort_by_key(|a| std::cmp::Reverse(key(a)));
        if complete {
            // From the top, every match was read: the list is whole. Below an anchor, matches
            // with larger ids may still belong, and nothing bounds where: not proven.
            if plan.from.is_some() {
                return Ok(ById::Unproven);
            }
        } else {
            // The rows read are the newest of the matches with ids in [last_id, top_id];
            // any other article dated between the oldest of them and the top would have
            // to be looked at.
            let Some(oldest) = found.last() else {
                return Ok(ById::Unproven);
            };
            let (at, id) = key(oldest);
            let (seen, outside): (i64, i64) = self.conn.prepare_cached(OUTSIDE_IDS)?.query_row(
                rusqlite::params![last_id, top_id, at, id, top_at, top_id, PROOF_ROWS],
                |row| Ok((row.get(0)?, row.get(1)?)),
            )?;
            if seen >= PROOF_ROWS || outside != 0 {
                return Ok(ById::Unproven);
            }
        }
        let skip = usize::try_from(plan.skip).unwrap_or(usize::MAX);
        Ok(ById::Rows(found.into_iter().skip(skip).collect()))
    }
}
