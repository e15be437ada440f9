//! The most-mentioned entities of a list ("who and where"), read from the counts the
//! triggers keep (`entity_counts`, `entity_feed_counts`, migration 13) when the list is every
//! configured feed or some feeds, and counted from the mentions otherwise.
//!
//! Counting the mentions of the whole list read every one of them (6.6 million on a million
//! articles: 41 s); the kept counts answer the feeds pane's scopes with a few rows. A filtered
//! list can only be counted from its articles, so the reader counts its newest ones only
//! ([`Store::top_entities_within`] with a bound) and says so.

use chrono::{DateTime, FixedOffset};
use rusqlite::types::Value;
use rusqlite::{params, params_from_iter};
use serde::Serialize;

use super::entities::{EntityCount, kind_of};
use super::query::{SELECT_IDS, Scope, Sql, compile_where, json_ids, scope_of};
use super::{Store, StoreError};
use crate::model::EntityKind;
use crate::query::{Query, Sort};

/// Every entity with mentions kept for it, most mentioned first (through
/// `entity_counts_by_mentions`), with its name; `?1` a kind or null for all.
const KEPT_ALL: &str = "SELECT e.id, e.kind, e.name, e.lat, e.lon, e.country, c.mentions,
        c.articles
    FROM entity_counts c INDEXED BY entity_counts_by_mentions JOIN entities e ON e.id = c.entity
    WHERE c.mentions > 0 AND (?1 IS NULL OR e.kind = ?1)
    ORDER BY c.mentions DESC, c.articles DESC";
/// The feeds that are not configured any more (their articles are in no list).
const INACTIVE_FEEDS: &str = "SELECT id FROM feeds WHERE active = 0";
/// One entity's kept counts in the feeds of the JSON array `?2`.
const KEPT_IN_FEEDS_OF_ONE: &str =
    "SELECT COALESCE(sum(mentions), 0), COALESCE(sum(articles), 0) FROM entity_feed_counts
    WHERE entity = ?1 AND feed_id IN (SELECT value FROM json_each(?2))";
/// The top `?3` entities (of kind `?2`, or all for null) over the feeds of the JSON array
/// `?1`, from the counts kept per feed.
const KEPT_IN_FEEDS: &str =
    "SELECT e.id, e.kind, e.name, e.lat, e.lon, e.country, sum(c.mentions), sum(c.articles)
    FROM entity_feed_counts c JOIN entities e ON e.id = c.entity
    WHERE c.feed_id IN (SELECT value FROM json_each(?1)) AND (?2 IS NULL OR e.kind = ?2)
    GROUP BY c.entity HAVING sum(c.mentions) > 0
    ORDER BY sum(c.mentions) DESC, sum(c.articles) DESC, e.name LIMIT ?3";
/// The top `?3` entities (of kind `?2`, or all for null) mentioned in the articles of the
/// JSON array `?1`, counted from the mentions.
const COUNTED_IN: &str =
    "SELECT e.id, e.kind, e.name, e.lat, e.lon, e.country, count(*), count(DISTINCT m.article)
    FROM mentions m JOIN entities e ON e.id = m.entity
    WHERE m.article IN (SELECT value FROM json_each(?1)) AND (?2 IS NULL OR e.kind = ?2)
    GROUP BY e.id ORDER BY count(*) DESC, count(DISTINCT m.article) DESC, e.name LIMIT ?3";
/// The same over a query's articles (`SELECT_IDS` and its condition, closed by `)`).
const COUNTED_HEAD: &str =
    "SELECT e.id, e.kind, e.name, e.lat, e.lon, e.country, count(*), count(DISTINCT m.article)
    FROM mentions m JOIN entities e ON e.id = m.entity WHERE m.article IN (";
const COUNTED_KIND: &str = " AND e.kind = ?";
const COUNTED_TAIL: &str = " GROUP BY e.id ORDER BY count(*) DESC, count(DISTINCT m.article) DESC,
    e.name LIMIT ?";
const CLOSE: &str = ")";

/// The most-mentioned entities of a list, and over which of its articles they were counted.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TopEntities {
    pub entities: Vec<EntityCount>,
    /// `Some(n)`: the list has more than `n` articles and only its newest `n` were counted;
    /// `None`: every article of the list.
    pub newest: Option<u32>,
}

impl Store {
    /// The most-mentioned entities, optionally of one kind, over the articles of
    /// `scope` (a query and its `now`), or of every configured feed for `None`; exact,
    /// however long the list.
    pub fn top_entities(
        &self,
        kind: Option<EntityKind>,
        scope: Option<(&Query, DateTime<FixedOffset>)>,
        limit: u32,
    ) -> Result<Vec<EntityCount>, StoreError> {
        self.top_entities_within(kind, scope, limit, None)
            .map(|top| top.entities)
    }

    /// [`Store::top_entities`], with a bound on the work for a list that is not a feed
    /// scope: with `newest: Some(n)`, a filtered list of more than `n` articles is counted
    /// over its newest `n` (and [`TopEntities::newest`] says so). Every configured feed, a
    /// `feed:`, `url:` or `tag:` alone are read from the kept counts, exact in any case.
    pub fn top_entities_within(
        &self,
        kind: Option<EntityKind>,
        scope: Option<(&Query, DateTime<FixedOffset>)>,
        limit: u32,
        newest: Option<u32>,
    ) -> Result<TopEntities, StoreError> {
        let result = (|| {
            let Some((query, now)) = scope else {
                return self.kept_all(kind, limit).map(exact);
            };
            match scope_of(&self.conn, query)? {
                Scope::All => self.kept_all(kind, limit).map(exact),
                Scope::Feeds(ids) => self.kept_in_feeds(kind, &ids, limit).map(exact),
                Scope::Filtered => match newest {
                    Some(n) => self.counted_newest(kind, query, now, limit, n),
                    None => self.counted(kind, query, now, limit).map(exact),
                },
            }
        })();
        self.busy(result)
    }

    /// Every configured feed, from `entity_counts` in mention order: the counts of feeds
    /// no longer configured are taken off each entity read, and the read stops once no
    /// entity further down can reach the last place (its count over every feed is already
    /// below it). With every feed configured that is the first `limit` rows and their ties.
    fn kept_all(
        &self,
        kind: Option<EntityKind>,
        limit: u32,
    ) -> Result<Vec<EntityCount>, StoreError> {
        let limit = usize::try_from(limit).unwrap_or(usize::MAX);
        if limit == 0 {
            return Ok(Vec::new());
        }
        let inactive: Vec<i64> = self
            .conn
            .prepare_cached(INACTIVE_FEEDS)?
            .query_map([], |row| row.get(0))?
            .collect::<Result<_, _>>()?;
        let inactive = (!inactive.is_empty()).then(|| json_ids(&inactive));
        let mut found: Vec<EntityCount> = Vec::new();
        let mut last_place: Option<u32> = None;
        let mut stmt = self.conn.prepare_cached(KEPT_ALL)?;
        let mut rows = stmt.query(params![kind.map(EntityKind::as_str)])?;
        let mut off = self.conn.prepare_cached(KEPT_IN_FEEDS_OF_ONE)?;
        while let Some(row) = rows.next()? {
            let mut entity = entity_from_row(row)?;
            if last_place.is_some_and(|last| entity.mentions < last) {
                break;
            }
            if let Some(inactive) = &inactive {
                let (mentions, articles): (u32, u32) =
                    off.query_row(params![entity.id, inactive], |r| Ok((r.get(0)?, r.get(1)?)))?;
                entity.mentions = entity.mentions.saturating_sub(mentions);
                entity.articles = entity.articles.saturating_sub(articles);
                if entity.mentions == 0 {
                    continue;
                }
            }
            found.push(entity);
            if found.len() >= limit {
                rank(&mut found);
                found.truncate(limit);
                last_place = found.last().map(|e| e.mentions);
            }
        }
        rank(&mut found);
        found.truncate(limit);
        Ok(found)
    }

    /// Some feeds, from `entity_feed_counts`: a row per entity mentioned in each.
    fn kept_in_feeds(
        &self,
        kind: Option<EntityKind>,
        feeds: &[i64],
        limit: u32,
    ) -> Result<Vec<EntityCount>, StoreError> {
        let mut stmt = self.conn.prepare_cached(KEPT_IN_FEEDS)?;
        let rows = stmt
            .query_map(
                params![json_ids(feeds), kind.map(EntityKind::as_str), limit],
                entity_from_row,
            )?
            .collect::<Result<Vec<_>, _>>()?;
        Ok(rows)
    }

    /// A filtered list's newest `n` articles (all of them when it has no more), counted
    /// from their mentions.
    fn counted_newest(
        &self,
        kind: Option<EntityKind>,
        query: &Query,
        now: DateTime<FixedOffset>,
        limit: u32,
        n: u32,
    ) -> Result<TopEntities, StoreError> {
        let newest_first = Query {
            expr: query.expr.clone(),
            sort: Some(Sort::Newest),
        };
        let mut ids = self.first_ids(&newest_first, now, n.saturating_add(1))?;
        let more = ids.len() > usize::try_from(n).unwrap_or(usize::MAX);
        ids.truncate(usize::try_from(n).unwrap_or(usize::MAX));
        let mut stmt = self.conn.prepare_cached(COUNTED_IN)?;
        let entities = stmt
            .query_map(
                params![json_ids(&ids), kind.map(EntityKind::as_str), limit],
                entity_from_row,
            )?
            .collect::<Result<Vec<_>, _>>()?;
        Ok(TopEntities {
            entities,
            newest: more.then_some(n),
        })
    }

    /// A query's articles, all of them, counted from their mentions.
    pub(super) fn counted(
        &self,
        kind: Option<EntityKind>,
        query: &Query,
        now: DateTime<FixedOffset>,
        limit: u32,
    ) -> Result<Vec<EntityCount>, StoreError> {
        let mut sql = Sql::default();
        sql.text.push_str(COUNTED_HEAD);
        sql.text.push_str(SELECT_IDS);
        compile_where(&self.conn, query, now, &mut sql)?;
        sql.text.push_str(CLOSE);
        if let Some(kind) = kind {
            sql.text.push_str(COUNTED_KIND);
            sql.params.push(Value::from(kind.as_str().to_string()));
        }
        sql.text.push_str(COUNTED_TAIL);
        sql.params.push(Value::from(i64::from(limit)));
        let mut stmt = self.conn.prepare_cached(&sql.text)?;
        let rows = stmt
            .query_map(params_from_iter(sql.params.iter()), entity_from_row)?
            .collect::<Result<Vec<_>, _>>()?;
        Ok(rows)
    }
}

fn exact(entities: Vec<EntityCount>) -> TopEntities {
    TopEntities {
        entities,
        newest: None,
    }
}

/// The list's order: most mentions, then most articles, then by name.
fn rank(found: &mut [EntityCount]) {
    found.sort_by(|a, b| {
        b.mentions
            .cmp(&a.mentions)
            .then(b.articles.cmp(&a.articles))
            .then_with(|| a.name.cmp(&b.name))
    });
}

/// An entity and its counts from columns id, kind, name, lat, lon, country, mentions,
/// articles.
fn entity_from_row(row: &rusqlite::Row<'_>) -> rusqlite::Result<EntityCount> {
    Ok(EntityCount {
        id: row.get(0)?,
        kind: kind_of(row, 1)?,
        name: row.get(2)?,
        lat: row.get(3)?,
        lon: row.get(4)?,
        country: row
            .get::<_, String>(5)
            .map(|c| Some(c).filter(|c| !c.is_empty()))?,
        mentions: row.get(6)?,
        articles: row.get(7)?,
    })
}
