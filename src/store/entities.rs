//! Named entities in the cache: writing an article's mentions (creating or merging entities
//! by their folded canonical name) and reading them back, per article or as the
//! most-mentioned across the cache or a query's articles.
//!
//! The extractor (`crate::extract`) decides what a mention is and its canonical name; this
//! module only stores it. One entity per (kind, folded canonical name, country); a canonical
//! name that folds to an existing alias of the same kind and country joins that entity. The
//! country is the ISO code of a geocoded place and empty otherwise, so Paris (FR) and Paris,
//! Texas (US) stay two places while every mention of a person merges by name. Surface forms that fold
//! differently from the canonical name become aliases, so `person:Stoltenberg` finds the
//! articles that say `Jens Stoltenberg`.
//!
//! Across articles, a person stored by surname alone ("Macron") joins the one person whose
//! full name ends with it ("Emmanuel Macron"), whichever came first; when several full names
//! share the surname the lone one stays apart (the within-article consistency pass in
//! `crate::extract::resolve` links the names inside one article).

use std::collections::{HashMap, HashSet};

use chrono::{DateTime, Utc};
use rusqlite::{OptionalExtension, Transaction, TransactionBehavior, params};
use serde::Serialize;

use super::{Store, StoreError};
use crate::model::{ArticleId, EntityKind};
use crate::query::fold;

/// One mention to store, as the extractor found it.
#[derive(Debug, Clone, PartialEq)]
pub struct NewMention {
    pub kind: EntityKind,
    /// The entity's canonical name (`Jens Stoltenberg`), shared by all its mentions.
    pub canonical: String,
    /// The text as it appears in the article (`Stoltenberg`); kept as an alias when it
    /// folds differently from the canonical name.
    pub surface: String,
    /// Character (Rust `char`) offsets into the article's text, end exclusive.
    pub start: u32,
    pub end: u32,
    /// Coordinates for a geocoded place; kept if the entity has none yet.
    pub coords: Option<(f64, f64)>,
    /// ISO 3166-1 alpha-2 code of a geocoded place (part of the entity's identity); `None`
    /// for people, organisations and places without a country.
    pub country: Option<String>,
}

/// A stored mention of an entity in one article.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StoredMention {
    pub entity: i64,
    pub kind: EntityKind,
    /// The entity's canonical name.
    pub name: String,
    pub start: u32,
    pub end: u32,
    pub lat: Option<f64>,
    pub lon: Option<f64>,
}

/// Where a read of the extraction queue stopped: an article's place in its order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BacklogKey {
    published: i64,
    id: i64,
}

/// An entity with how often it is mentioned.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EntityCount {
    pub id: i64,
    pub kind: EntityKind,
    pub name: String,
    pub lat: Option<f64>,
    pub lon: Option<f64>,
    /// ISO code of a geocoded place's country; `None` otherwise.
    pub country: Option<String>,
    /// Mentions counted.
    pub mentions: u32,
    /// Distinct articles with at least one mention.
    pub articles: u32,
}

const ARTICLE_EXISTS: &str = "SELECT 1 FROM articles WHERE id = ?1";
const MENTIONS_CLEAR: &str = "DELETE FROM mentions WHERE article = ?1";
const ENTITY_BY_FOLDED: &str =
    "SELECT id FROM entities WHERE kind = ?1 AND folded = ?2 AND country = ?3";
const ENTITY_BY_ALIAS: &str = "SELECT al.entity FROM entity_aliases al
    JOIN entities e ON e.id = al.entity WHERE al.folded = ?2 AND e.kind = ?1 AND e.country = ?3
    ORDER BY al.entity LIMIT 1";
/// People whose folded name ends with the word `?1` after a space ("emmanuel macron" for
/// "macron"); at most two rows, enough to tell one from several.
const PERSONS_BY_SURNAME: &str = "SELECT id FROM entities
    WHERE kind = 'person' AND country = '' AND length(folded) > length(?1) + 1
    AND substr(folded, length(folded) - length(?1)) = ' ' || ?1 ORDER BY id LIMIT 2";
/// The lone-surname person entity `?1` ("macron"), if one was stored.
const PERSON_BY_LONE_NAME: &str =
    "SELECT id FROM entities WHERE kind = 'person' AND country = '' AND folded = ?1";
/// The organisation stored under the acronym `?1` alone ("kfor"), if one was.
const ORG_BY_LONE_NAME: &str =
    "SELECT id FROM entities WHERE kind = 'org' AND country = '' AND folded = ?1";
const MENTIONS_MOVE: &str = "UPDATE OR IGNORE mentions SET entity = ?2 WHERE entity = ?1";
const ALIASES_MOVE: &str = "INSERT OR IGNORE INTO entity_aliases (entity, alias, folded)
    SELECT ?2, alias, folded FROM entity_aliases WHERE entity = ?1
    UNION ALL SELECT ?2, name, folded FROM entities WHERE id = ?1";
const ENTITY_DELETE: &str = "DELETE FROM entities WHERE id = ?1";
const ENTITY_INSERT: &str = "INSERT INTO entities (kind, name, folded, country, lat, lon)
    VALUES (?1, ?2, ?3, ?4, ?5, ?6) RETURNING id";
const ENTITY_PLACE: &str =
    "UPDATE entities SET lat = ?2, lon = ?3 WHERE id = ?1 AND lat IS NULL AND lon IS NULL";
const ALIAS_INSERT: &str = "INSERT OR IGNORE INTO entity_aliases (entity, alias, folded)
    SELECT ?1, ?2, ?3 WHERE ?3 <> (SELECT folded FROM entities WHERE id = ?1)";
/// Mentions, `?1` a JSON array of `[article, entity, start, end]`, inserted in the array's
/// order.
const MENTIONS_INSERT: &str = "INSERT OR IGNORE INTO mentions (article, entity, start, end)
    SELECT value ->> 0, value ->> 1, value ->> 2, value ->> 3 FROM json_each(?1)";
/// Marks the articles of the JSON array `?1` extracted by model `?2` at `?3`.
const EXTRACTIONS_MARK: &str =
    "INSERT OR REPLACE INTO extractions (article, model_version, extracted_at)
    SELECT value, ?2, ?3 FROM json_each(?1)";
/// While `counts_held` has a row, the mention triggers leave the kept counts alone
/// (migrations 15 and 17); a batch counts its mentions in with the two statements after.
const HOLD_COUNTS: &str = "INSERT INTO counts_held (held) VALUES (1)";
const RELEASE_COUNTS: &str = "DELETE FROM counts_held";
/// Counts the mentions of the articles of the JSON array `?1` (all of them written while
/// the counts were held) into their feeds' entity counts; hidden articles are not counted.
const ENTITY_FEED_COUNTS_IN: &str =
    "INSERT INTO entity_feed_counts (feed_id, entity, mentions, articles)
    SELECT a.feed_id, m.entity, count(*), count(DISTINCT m.article)
    FROM mentions m JOIN articles a ON a.id = m.article
    WHERE m.article IN (SELECT value FROM json_each(?1)) AND a.hidden = 0
    GROUP BY a.feed_id, m.entity
    ON CONFLICT (feed_id, entity) DO UPDATE SET mentions = mentions + excluded.mentions,
        articles = articles + excluded.articles";
/// The same over every feed.
const ENTITY_COUNTS_IN: &str = "INSERT INTO entity_counts (entity, mentions, articles)
    SELECT m.entity, count(*), count(DISTINCT m.article)
    FROM mentions m JOIN articles a ON a.id = m.article
    WHERE m.article IN (SELECT value FROM json_each(?1)) AND a.hidden = 0
    GROUP BY m.entity
    ON CONFLICT (entity) DO UPDATE SET mentions = mentions + excluded.mentions,
        articles = articles + excluded.articles";
const MENTIONS_OF: &str = "SELECT m.entity, e.kind, e.name, m.start, m.end, e.lat, e.lon
    FROM mentions m JOIN entities e ON e.id = m.entity WHERE m.article = ?1
    ORDER BY m.start, m.entity";
const TO_EXTRACT: &str = "SELECT a.id FROM articles a JOIN feeds f ON f.id = a.feed_id
    LEFT JOIN extractions x ON x.article = a.id
    WHERE f.active = 1 AND (x.article IS NULL OR x.model_version <> ?1)
    ORDER BY a.published DESC, a.id DESC LIMIT ?2";
/// Names of entities of kind `?1` whose folded name starts with `?2` or has a word that
/// does (`?3`: the same after a space), the most mentioned first: Tab in the filter line.
const NAMES_LIKE: &str = "SELECT e.name FROM entities e
    WHERE e.kind = ?1 AND (e.folded LIKE ?2 ESCAPE '\\' OR e.folded LIKE ?3 ESCAPE '\\')
    ORDER BY (SELECT c.mentions FROM entity_counts c WHERE c.entity = e.id) DESC NULLS LAST,
        e.name LIMIT ?4";
/// Whether every article has mentions from model `?1` (extractions reference articles and
/// go with them), so the queue is empty: two index counts, where `TO_EXTRACT` would read
/// the whole cache to find nothing (300 ms on 100,000 articles, on the store's only thread).
const ALL_EXTRACTED: &str = "SELECT (SELECT count(*) FROM extractions WHERE model_version = ?1)
    >= (SELECT count(*) FROM articles)";
/// Up to `?4` articles of the list's order (newest first) after a point (`?2` published,
/// `?3` id), each with whether it needs extraction (of a configured feed, no mentions from
/// model `?1`): the extraction queue read a bounded stretch at a time from where the last
/// stretch ended. Reading the queue from the top for every batch read every article done so
/// far again; on 25,000 new articles that cost more than tagging them.
const BACKLOG_STRETCH: &str = "SELECT s.id, s.published,
        f.active = 1 AND (x.article IS NULL OR x.model_version <> ?1)
    FROM (SELECT id, published, feed_id FROM articles WHERE (published, id) < (?2, ?3)
        ORDER BY published DESC, id DESC LIMIT ?4) s
    JOIN feeds f ON f.id = s.feed_id LEFT JOIN extractions x ON x.article = s.id
    ORDER BY s.published DESC, s.id DESC";
/// How many articles have no mentions from model `?1`: what a read of the queue has to
/// find, so it stops when it has found them instead of reading the rest of the cache.
const NOT_EXTRACTED: &str = "SELECT (SELECT count(*) FROM articles)
    - (SELECT count(*) FROM extractions WHERE model_version = ?1)";
const ALIASES_OF: &str = "SELECT alias FROM entity_aliases WHERE entity = ?1 ORDER BY folded";
/// An article's text for extraction: its fetched page's when there is one (the whole
/// article, where the feed often gives a teaser), else the feed's own.
const TEXT_TO_EXTRACT: &str = "SELECT CASE WHEN p.text IS NULL OR p.text = ''
        THEN dl_unpack(a.text, a.content_html) ELSE dl_unpack(p.text, p.html) END
    FROM articles a LEFT JOIN pages p ON p.article = a.id
    LEFT JOIN extractions x ON x.article = a.id
    WHERE a.id = ?1 AND (x.article IS NULL OR x.model_version <> ?2)";
const EXTRACTIONS_CLEAR: &str = "DELETE FROM extractions";
const ENTITIES_ORPHANED: &str =
    "DELETE FROM entities WHERE NOT EXISTS (SELECT 1 FROM mentions m WHERE m.entity = entities.id)";
const TOTALS: &str = "SELECT (SELECT count(*) FROM mentions), (SELECT count(*) FROM entities),
    (SELECT count(*) FROM extractions)";

impl Store {
    /// Replaces the mentions of one article with `mentions` and records that extractor
    /// `model_version` produced them, in one transaction. Entities are created or found by
    /// (kind, folded canonical name, or a same-kind alias); mentions whose canonical name
    /// folds to nothing are skipped.
    pub fn write_mentions(
        &mut self,
        article: ArticleId,
        model_version: &str,
        mentions: &[NewMention],
        now: DateTime<Utc>,
    ) -> Result<(), StoreError> {
        let result = (|| {
            let tx = self
                .conn
                .transaction_with_behavior(TransactionBehavior::Immediate)?;
            let written = write_batch(&tx, model_version, &[(article, mentions)], now)?;
            if written.is_empty() {
                return Err(StoreError::NoSuchArticle(article.0));
            }
            tx.commit()?;
            Ok(())
        })();
        self.busy(result)
    }

    /// [`Store::write_mentions`] for many articles in one transaction (the extraction
    /// queue's batch). Articles that no longer exist (pruned while they were being
    /// extracted) are skipped; returns the articles written, in the order given.
    pub fn write_mentions_batch(
        &mut self,
        model_version: &str,
        batch: &[(ArticleId, Vec<NewMention>)],
        now: DateTime<Utc>,
    ) -> Result<Vec<ArticleId>, StoreError> {
        let result = (|| {
            let tx = self
                .conn
                .transaction_with_behavior(TransactionBehavior::Immediate)?;
            let batch: Vec<(ArticleId, &[NewMention])> = batch
                .iter()
                .map(|(article, mentions)| (*article, mentions.as_slice()))
                .collect();
            let written = write_batch(&tx, model_version, &batch, now)?;
            tx.commit()?;
            Ok(written)
        })();
        self.busy(result)
    }

    /// The texts of those of `ids` that exist and whose mentions were not produced by
    /// `model_version`, in the order given: what an extraction batch works on.
    pub fn texts_to_extract(
        &self,
        ids: &[ArticleId],
        model_version: &str,
    ) -> Result<Vec<(ArticleId, String)>, StoreError> {
        let result = (|| {
            let mut stmt = self.conn.prepare_cached(TEXT_TO_EXTRACT)?;
            let mut out = Vec::with_capacity(ids.len());
            for id in ids {
                let text: Option<String> = stmt
                    .query_row(params![id.0, model_version], |row| row.get(0))
                    .optional()?;
                if let Some(text) = text {
                    out.push((*id, text));
                }
            }
            Ok(out)
        })();
        self.busy(result)
    }

    /// Forgets which model extracted every article, so the queue extracts them all again
    /// (`dateline reindex`). Mentions stay until each article's new ones replace them.
    pub fn forget_extractions(&mut self) -> Result<u64, StoreError> {
        let result = (|| Ok(self.conn.execute(EXTRACTIONS_CLEAR, [])? as u64))();
        self.busy(result)
    }

    /// Deletes entities no article mentions any more (after a re-extraction or pruning);
    /// returns how many.
    pub fn delete_orphaned_entities(&mut self) -> Result<u64, StoreError> {
        let result = (|| Ok(self.conn.execute(ENTITIES_ORPHANED, [])? as u64))();
        self.busy(result)
    }

    /// Totals of the entity tables: (mentions, entities, articles extracted).
    pub fn entity_totals(&self) -> Result<(u64, u64, u64), StoreError> {
        let result = (|| {
            Ok(self.conn.query_row(TOTALS, [], |row| {
                Ok((row.get(0)?, row.get(1)?, row.get(2)?))
            })?)
        })();
        self.busy(result)
    }

    /// One article's mentions, in text order.
    pub fn mentions(&self, article: ArticleId) -> Result<Vec<StoredMention>, StoreError> {
        let result = (|| {
            let mut stmt = self.conn.prepare_cached(MENTIONS_OF)?;
            let rows = stmt
                .query_map([article.0], |row| {
                    Ok(StoredMention {
                        entity: row.get(0)?,
                        kind: kind_of(row, 1)?,
                        name: row.get(2)?,
                        start: row.get(3)?,
                        end: row.get(4)?,
                        lat: row.get(5)?,
                        lon: row.get(6)?,
                    })
                })?
                .collect::<Result<Vec<_>, _>>()?;
            Ok(rows)
        })();
        self.busy(result)
    }

    /// An entity's aliases (surface forms other than its canonical name).
    pub fn entity_aliases(&self, entity: i64) -> Result<Vec<String>, StoreError> {
        let result = (|| {
            let mut stmt = self.conn.prepare_cached(ALIASES_OF)?;
            let rows = stmt
                .query_map([entity], |row| row.get(0))?
                .collect::<Result<Vec<_>, _>>()?;
            Ok(rows)
        })();
        self.busy(result)
    }

    /// Articles (of configured feeds) whose mentions were not produced by `model_version`,
    /// newest first: the extraction queue.
    pub fn articles_to_extract(
        &self,
        model_version: &str,
        limit: u32,
    ) -> Result<Vec<ArticleId>, StoreError> {
        let result = (|| {
            let done: bool = self
                .conn
                .prepare_cached(ALL_EXTRACTED)?
                .query_row(params![model_version], |row| row.get(0))?;
            if done {
                return Ok(Vec::new());
            }
            let mut stmt = self.conn.prepare_cached(TO_EXTRACT)?;
            let rows = stmt
                .query_map(params![model_version, limit], |row| {
                    Ok(ArticleId(row.get(0)?))
                })?
                .collect::<Result<Vec<_>, _>>()?;
            Ok(rows)
        })();
        self.busy(result)
    }

    /// Up to `limit` names of `kind` that begin with `prefix`, or have a word that does
    /// (case and accents ignored), the most mentioned first; each name once.
    pub fn entity_names(
        &self,
        kind: EntityKind,
        prefix: &str,
        limit: u32,
    ) -> Result<Vec<String>, StoreError> {
        let escaped: String = fold(prefix)
            .chars()
            .flat_map(|c| match c {
                '%' | '_' | '\\' => vec!['\\', c],
                c => vec![c],
            })
            .collect();
        let result = (|| {
            let mut stmt = self.conn.prepare_cached(NAMES_LIKE)?;
            let rows = stmt
                .query_map(
                    params![
                        kind.as_str(),
                        format!("{escaped}%"),
                        format!("% {escaped}%"),
                        i64::from(limit)
                    ],
                    |row| row.get::<_, String>(0),
                )?
                .collect::<Result<Vec<_>, _>>()?;
            Ok(rows)
        })();
        let mut names = self.busy(result)?;
        let mut seen = std::collections::HashSet::new();
        names.retain(|n| seen.insert(n.clone()));
        Ok(names)
    }

    /// How many articles have no mentions from `model_version` (articles of feeds no longer
    /// configured included: they count, but the queue does not take them).
    pub fn extractions_left(&self, model_version: &str) -> Result<u64, StoreError> {
        let result = (|| {
            let left: i64 = self
                .conn
                .prepare_cached(NOT_EXTRACTED)?
                .query_row(params![model_version], |row| row.get(0))?;
            Ok(u64::try_from(left).unwrap_or(0))
        })();
        self.busy(result)
    }

    /// One stretch of the extraction queue, in [`Store::articles_to_extract`]'s order: of
    /// the `stretch` articles after `after` (a key this returned; `None`: the top), those
    /// that need extraction, and the key to read on from (`None` at the end of the cache).
    /// Its cost is bounded by `stretch`, however much of the cache is already extracted.
    pub fn extraction_backlog(
        &self,
        model_version: &str,
        after: Option<BacklogKey>,
        stretch: u32,
    ) -> Result<(Vec<ArticleId>, Option<BacklogKey>), StoreError> {
        let result = (|| {
            let from = after.unwrap_or(BacklogKey {
                published: i64::MAX,
                id: i64::MAX,
            });
            let mut stmt = self.conn.prepare_cached(BACKLOG_STRETCH)?;
            let mut rows = stmt.query(params![model_version, from.published, from.id, stretch])?;
            let (mut todo, mut last, mut read) = (Vec::new(), None, 0_u32);
            while let Some(row) = rows.next()? {
                let id: i64 = row.get(0)?;
                last = Some(BacklogKey {
                    published: row.get(1)?,
                    id,
                });
                read += 1;
                if row.get::<_, bool>(2)? {
                    todo.push(ArticleId(id));
                }
            }
            Ok((todo, if read < stretch { None } else { last }))
        })();
        self.busy(result)
    }
}

pub(super) fn kind_of(row: &rusqlite::Row<'_>, idx: usize) -> rusqlite::Result<EntityKind> {
    let name: String = row.get(idx)?;
    EntityKind::from_name(&name).ok_or_else(|| {
        rusqlite::Error::FromSqlConversionFailure(
            idx,
            rusqlite::types::Type::Text,
            format!("unknown entity kind {name:?}").into(),
        )
    })
}

/// What one transaction already wrote or found: entity ids by (kind, folded canonical name,
/// country), the (entity, folded alias) pairs stored, and the entities whose coordinates are
/// settled (set, or found set). Mentions repeat the same entities many times in a batch, and
/// each look-up, alias insert and place update was a statement.
#[derive(Default)]
struct Known {
    entities: HashMap<(&'static str, String, String), i64>,
    aliases: HashSet<(i64, String)>,
    placed: HashSet<i64>,
}

/// The kept counts of a batch's mentions (migration 18). While the batch's mentions go in,
/// a row in `counts_held` keeps the insert trigger from counting them one by one; the
/// articles written so far are counted in with two statements (per feed and entity, per
/// entity) before anything that moves or deletes mentions, whose triggers count those
/// changes against counts that must already hold, and at the end of the batch.
#[derive(Default)]
struct Counting {
    held: bool,
    /// Mentions `[article, entity, start, end]` not yet inserted, in the order written.
    rows: Vec<[i64; 4]>,
    /// Articles whose mentions are inserted (or waiting in `rows`) but not counted.
    uncounted: Vec<i64>,
}

impl Counting {
    /// Inserts the waiting mentions, in one statement, with the count trigger held.
    fn insert(&mut self, tx: &Transaction<'_>) -> Result<(), StoreError> {
        use std::fmt::Write;
        if self.rows.is_empty() {
            return Ok(());
        }
        if !self.held {
            tx.prepare_cached(HOLD_COUNTS)?.execute([])?;
            self.held = true;
        }
        // In key order (the table's): each B-tree page is visited once. The sort is stable,
        // so of two mentions with one key the first written still wins (`OR IGNORE`).
        self.rows
            .sort_by_key(|[article, entity, start, _]| (*article, *start, *entity));
        let mut json = String::with_capacity(self.rows.len() * 24);
        for (k, [article, entity, start, end]) in self.rows.iter().enumerate() {
            let sep = if k == 0 { '[' } else { ',' };
            // Writing to a String cannot fail.
            let _ = write!(json, "{sep}[{article},{entity},{start},{end}]");
        }
        json.push(']');
        tx.prepare_cached(MENTIONS_INSERT)?.execute([json])?;
        self.rows.clear();
        Ok(())
    }

    /// Inserts the waiting mentions, counts in every article not counted yet, and lets the
    /// triggers count again.
    fn settle(&mut self, tx: &Transaction<'_>) -> Result<(), StoreError> {
        self.insert(tx)?;
        if !self.uncounted.is_empty() {
            let ids = json_ids(&self.uncounted);
            tx.prepare_cached(ENTITY_FEED_COUNTS_IN)?.execute([&ids])?;
            tx.prepare_cached(ENTITY_COUNTS_IN)?.execute([&ids])?;
            self.uncounted.clear();
        }
        if self.held {
            tx.prepare_cached(RELEASE_COUNTS)?.execute([])?;
            self.held = false;
        }
        Ok(())
    }
}

/// `ids` as a JSON array.
fn json_ids(ids: &[i64]) -> String {
    let list: Vec<String> = ids.iter().map(i64::to_string).collect();
    format!("[{}]", list.join(","))
}

/// Replaces the mentions of each article of `batch` that exists (in order; an article given
/// twice ends with its last mentions) inside `tx`, and marks them extracted by
/// `model_version`; returns the articles written. What it stores is what writing one article
/// after another stores: old mentions are cleared first (counted out by their trigger), and
/// a merge of entities in the middle of an article moves the mentions written before it,
/// stored or still in memory.
fn write_batch(
    tx: &Transaction<'_>,
    model_version: &str,
    batch: &[(ArticleId, &[NewMention])],
    now: DateTime<Utc>,
) -> Result<Vec<ArticleId>, StoreError> {
    let mut exists = Vec::with_capacity(batch.len());
    {
        let mut exists_stmt = tx.prepare_cached(ARTICLE_EXISTS)?;
        let mut clear = tx.prepare_cached(MENTIONS_CLEAR)?;
        for (article, _) in batch {
            let found = exists_stmt
                .query_row([article.0], |_| Ok(()))
                .optional()?
                .is_some();
            if found {
                clear.execute([article.0])?;
            }
            exists.push(found);
        }
    }
    // Entities and aliases met earlier in the batch are not looked up again.
    let mut known = Known::default();
    let mut counting = Counting::default();
    let mut written: Vec<ArticleId> = Vec::with_capacity(batch.len());
    let mut seen: HashSet<i64> = HashSet::with_capacity(batch.len());
    for ((article, mentions), found) in batch.iter().zip(exists) {
        if !found {
            continue;
        }
        if !seen.insert(article.0) {
            // The same article again: its new mentions replace the ones just written.
            counting.settle(tx)?;
            tx.prepare_cached(MENTIONS_CLEAR)?.execute([article.0])?;
        }
        let rows = resolve_mentions(tx, mentions, &mut known, &mut counting)?;
        counting.rows.extend(
            rows.into_iter()
                .map(|[entity, start, end]| [article.0, entity, start, end]),
        );
        counting.uncounted.push(article.0);
        written.push(*article);
    }
    counting.settle(tx)?;
    if !written.is_empty() {
        let ids: Vec<i64> = written.iter().map(|a| a.0).collect();
        tx.prepare_cached(EXTRACTIONS_MARK)?.execute(params![
            json_ids(&ids),
            model_version,
            now.timestamp()
        ])?;
    }
    Ok(written)
}

/// One article's mentions as rows `[entity, start, end]`, in order: entities found or
/// created (merging a lone surname or acronym where one joins), aliases and places stored.
fn resolve_mentions(
    tx: &Transaction<'_>,
    mentions: &[NewMention],
    known: &mut Known,
    counting: &mut Counting,
) -> Result<Vec<[i64; 3]>, StoreError> {
    let mut by_folded = tx.prepare_cached(ENTITY_BY_FOLDED)?;
    let mut by_alias = tx.prepare_cached(ENTITY_BY_ALIAS)?;
    let mut insert = tx.prepare_cached(ENTITY_INSERT)?;
    let mut place = tx.prepare_cached(ENTITY_PLACE)?;
    let mut alias = tx.prepare_cached(ALIAS_INSERT)?;
    let mut rows: Vec<[i64; 3]> = Vec::with_capacity(mentions.len());
    for m in mentions {
        let folded = fold(&m.canonical);
        if folded.is_empty() {
            continue;
        }
        let kind = m.kind.as_str();
        let country = m.country.as_deref().unwrap_or("");
        let key = (kind, folded.clone(), country.to_string());
        let cached = known.entities.get(&key).copied();
        let found: Option<i64> = match cached {
            Some(id) => Some(id),
            None => match by_folded
                .query_row(params![kind, folded, country], |row| row.get(0))
                .optional()?
            {
                Some(id) => Some(id),
                None => by_alias
                    .query_row(params![kind, folded, country], |row| row.get(0))
                    .optional()?,
            },
        };
        if let (None, Some(id)) = (cached, found) {
            known.entities.insert(key.clone(), id);
        }
        let person = m.kind == EntityKind::Person && country.is_empty();
        let found = match found {
            None if person && !folded.contains(' ') => only_person_with_surname(tx, &folded)?,
            found => found,
        };
        let (lat, lon) = m.coords.unzip();
        let id = match found {
            Some(id) => {
                // Sets coordinates only where none are: once done (or found done) for an
                // entity, again is a no-op.
                if let Some((lat, lon)) = m.coords
                    && known.placed.insert(id)
                {
                    place.execute(params![id, lat, lon])?;
                }
                id
            }
            None => {
                let id: i64 = insert.query_row(
                    params![kind, m.canonical.trim(), folded, country, lat, lon],
                    |row| row.get(0),
                )?;
                if m.coords.is_some() {
                    known.placed.insert(id);
                }
                if person && let Some(lone) = absorb_lone_surname(tx, id, &folded, counting)? {
                    // An entity went and its names moved: what was known may be stale.
                    *known = Known::default();
                    moved(&mut rows, lone, id);
                }
                known.entities.insert(key, id);
                id
            }
        };
        for name in [m.canonical.trim(), m.surface.trim()] {
            let alias_folded = fold(name);
            if !alias_folded.is_empty() && known.aliases.insert((id, alias_folded.clone())) {
                alias.execute(params![id, name, alias_folded])?;
                let acronym =
                    m.kind == EntityKind::Org && alias_folded != folded && is_acronym(name);
                if acronym && let Some(lone) = absorb_lone_acronym(tx, id, &alias_folded, counting)?
                {
                    *known = Known::default();
                    known.aliases.insert((id, alias_folded));
                    moved(&mut rows, lone, id);
                }
            }
        }
        rows.push([id, i64::from(m.start), i64::from(m.end)]);
    }
    Ok(rows)
}

/// The article's rows written so far, after entity `lone` merged into `id`, as
/// `MENTIONS_MOVE` leaves stored rows: each of `lone` becomes `id`'s, unless `id` already has
/// one at the same start (then it goes, as the merged entity's leftovers do).
fn moved(rows: &mut Vec<[i64; 3]>, lone: i64, id: i64) {
    let taken: HashSet<i64> = rows
        .iter()
        .filter(|[entity, ..]| *entity == id)
        .map(|[_, start, _]| *start)
        .collect();
    rows.retain_mut(|row| {
        if row[0] != lone {
            return true;
        }
        row[0] = id;
        !taken.contains(&row[1])
    });
}

/// Two to eight capitals or digits, at least two of them letters ("KFOR", "G7"), dots
/// allowed between them ("E.U.").
fn is_acronym(name: &str) -> bool {
    let chars: Vec<char> = name.chars().filter(|&c| c != '.').collect();
    (2..=8).contains(&chars.len())
        && chars
            .iter()
            .all(|c| c.is_uppercase() || c.is_ascii_digit() || *c == '&')
        && chars.iter().filter(|c| c.is_alphabetic()).count() >= 2
}

/// Moves the stored mentions and names of entity `lone` to `id` and deletes `lone`, its
/// counts moved by the triggers (so the batch's counts are settled first).
fn merge_into(
    tx: &Transaction<'_>,
    lone: i64,
    id: i64,
    counting: &mut Counting,
) -> Result<(), StoreError> {
    counting.settle(tx)?;
    tx.prepare_cached(MENTIONS_MOVE)?
        .execute(params![lone, id])?;
    tx.prepare_cached(ALIASES_MOVE)?
        .execute(params![lone, id])?;
    tx.prepare_cached(ENTITY_DELETE)?.execute([lone])?;
    Ok(())
}

/// After an organisation `id` was stored with the acronym `acronym` (folded) among its
/// names, because an article spelled it out ("Kosovo Force (KFOR)"): an organisation an
/// earlier article stored under the acronym alone joins it, its mentions and names moving
/// to `id`. The other order needs nothing: a later lone "KFOR" finds `id` by its alias.
/// Returns the entity that went.
fn absorb_lone_acronym(
    tx: &Transaction<'_>,
    id: i64,
    acronym: &str,
    counting: &mut Counting,
) -> Result<Option<i64>, StoreError> {
    let lone: Option<i64> = tx
        .prepare_cached(ORG_BY_LONE_NAME)?
        .query_row([acronym], |row| row.get(0))
        .optional()?;
    let Some(lone) = lone.filter(|&lone| lone != id) else {
        return Ok(None);
    };
    merge_into(tx, lone, id, counting)?;
    Ok(Some(lone))
}

/// The one person whose full name ends with `surname` (folded, one word), or `None` when
/// there is none or more than one (a lone "Miliband" after "Ed Miliband" and "David
/// Miliband" stays apart: joining either would be a guess).
fn only_person_with_surname(
    tx: &Transaction<'_>,
    surname: &str,
) -> Result<Option<i64>, StoreError> {
    let mut stmt = tx.prepare_cached(PERSONS_BY_SURNAME)?;
    let ids: Vec<i64> = stmt
        .query_map([surname], |row| row.get(0))?
        .collect::<Result<_, _>>()?;
    Ok(match ids.as_slice() {
        [one] => Some(*one),
        _ => None,
    })
}

/// After storing the new full-name person `id` (`folded`, several words): if an earlier
/// article stored the surname alone as its own person ("Macron") and `id` is now the only
/// person with that surname, the lone entity's mentions and names move to `id` and it goes.
/// Returns the entity that went.
fn absorb_lone_surname(
    tx: &Transaction<'_>,
    id: i64,
    folded: &str,
    counting: &mut Counting,
) -> Result<Option<i64>, StoreError> {
    let Some((_, surname)) = folded.rsplit_once(' ') else {
        return Ok(None);
    };
    let lone: Option<i64> = tx
        .prepare_cached(PERSON_BY_LONE_NAME)?
        .query_row([surname], |row| row.get(0))
        .optional()?;
    let Some(lone) = lone else {
        return Ok(None);
    };
    if lone == id || only_person_with_surname(tx, surname)? != Some(id) {
        return Ok(None);
    }
    merge_into(tx, lone, id, counting)?;
    Ok(Some(lone))
}

#[cfg(test)]
pub(crate) mod tests {
    //! Writing, merging and replacing mentions; counts; what pruning and edits do to them.

    use chrono::TimeZone;

    use super::*;
    use crate::model::{FeedSpec, NewArticle, ParsedFeed};
    use crate::query::parse;
    use crate::store::FetchRecord;

    const NOW: i64 = 1_794_312_000;

    fn t() -> DateTime<Utc> {
        Utc.timestamp_opt(NOW, 0).single().unwrap()
    }

    fn item(guid: &str, text: &str, age_days: i64) -> NewArticle {
        NewArticle {
            guid: guid.into(),
            title: format!("About {guid}"),
            link: None,
            authors: Vec::new(),
            published: Utc.timestamp_opt(NOW - age_days * 86_400, 0).single(),
            updated: None,
            summary_html: None,
            content_html: None,
            text: text.into(),
            enclosures: Vec::new(),
            categories: Vec::new(),
        }
    }

    fn store_items(store: &mut Store, items: Vec<NewArticle>) -> Vec<ArticleId> {
        let feed = store.feeds().unwrap()[0].id;
        let doc = ParsedFeed {
            title: Some("Feed".into()),
            site_link: None,
            articles: items,
        };
        let record = FetchRecord::Parsed {
            feed: &doc,
            etag: None,
            last_modified: None,
            moved_to: None,
        };
        store.record_fetch(feed, record, t()).unwrap();
        let mut ids: Vec<ArticleId> = store
            .query_articles(&parse("sort:-date").unwrap(), t().fixed_offset(), None, 0)
            .unwrap()
            .iter()
            .map(|a| a.id)
            .collect();
        ids.reverse();
        ids
    }

    fn setup() -> (Store, Vec<ArticleId>) {
        let mut store = Store::open_in_memory().unwrap();
        store
            .sync_feeds(&[FeedSpec {
                url: "https://example.org/feed".into(),
                title: None,
                tags: Vec::new(),
            }])
            .unwrap();
        let ids = store_items(
            &mut store,
            vec![
                item("a", "Stoltenberg in Oslo", 1),
                item("b", "Jens Stoltenberg met Vučić", 2),
                item("c", "Nothing here", 30),
            ],
        );
        (store, ids)
    }

    /// A mention of `surface` at char `start`, without a place; shared with the query tests.
    pub(crate) fn m(kind: EntityKind, canonical: &str, surface: &str, start: u32) -> NewMention {
        NewMention {
            kind,
            canonical: canonical.into(),
            surface: surface.into(),
            start,
            end: start + surface.chars().count() as u32,
            coords: None,
            country: None,
        }
    }

    #[test]
    fn a_lone_acronym_joins_the_organisation_an_article_spells_it_out_for() {
        let (mut store, ids) = setup();
        let (a, b, c) = (ids[0], ids[1], ids[2]);
        let o = EntityKind::Org;
        // "KFOR" alone first, in two articles.
        store
            .write_mentions(a, "v1", &[m(o, "KFOR", "KFOR", 0)], t())
            .unwrap();
        store
            .write_mentions(b, "v1", &[m(o, "KFOR", "KFOR", 4)], t())
            .unwrap();
        let lone = store.mentions(a).unwrap()[0].entity;
        // Then an article that spells it out: "Kosovo Force (KFOR)".
        store
            .write_mentions(
                c,
                "v1",
                &[
                    m(o, "Kosovo Force", "Kosovo Force", 0),
                    m(o, "Kosovo Force", "KFOR", 14),
                ],
                t(),
            )
            .unwrap();
        let force = store.mentions(c).unwrap()[0].entity;
        assert_ne!(force, lone);
        for article in [a, b] {
            let got = store.mentions(article).unwrap();
            assert_eq!(got.len(), 1);
            assert_eq!(got[0].entity, force);
            assert_eq!(got[0].name, "Kosovo Force");
        }
        assert_eq!(store.entity_aliases(force).unwrap(), ["KFOR"]);
        // A later lone "KFOR" finds it by the alias.
        store
            .write_mentions(a, "v1", &[m(o, "KFOR", "KFOR", 0)], t())
            .unwrap();
        assert_eq!(store.mentions(a).unwrap()[0].entity, force);
        let (_, entities, _) = store.entity_totals().unwrap();
        assert_eq!(entities, 1);
        // A person or a lower-case alias never absorbs anything.
        assert!(!is_acronym("Kfor"));
        assert!(is_acronym("E.U."));
        assert!(!is_acronym("K"));
    }

    #[test]
    fn a_lone_surname_joins_the_one_full_name_across_articles() {
        let (mut store, ids) = setup();
        let (a, b, c) = (ids[0], ids[1], ids[2]);
        let p = EntityKind::Person;
        // Full name first, then the surname alone in another article.
        store
            .write_mentions(
                a,
                "v1",
                &[m(p, "Emmanuel Macron", "Emmanuel Macron", 0)],
                t(),
            )
            .unwrap();
        store
            .write_mentions(b, "v1", &[m(p, "Macron", "Macron", 0)], t())
            .unwrap();
        let full = store.mentions(a).unwrap()[0].entity;
        assert_eq!(store.mentions(b).unwrap()[0].entity, full);
        assert_eq!(store.mentions(b).unwrap()[0].name, "Emmanuel Macron");

        // Surname first ("Lula"), the full name later: the lone entity is absorbed.
        store
            .write_mentions(c, "v1", &[m(p, "Lula", "Lula", 0)], t())
            .unwrap();
        let lone = store.mentions(c).unwrap()[0].entity;
        store
            .write_mentions(
                a,
                "v1",
                &[
                    m(p, "Emmanuel Macron", "Emmanuel Macron", 0),
                    m(p, "Luiz Inácio Lula", "Luiz Inácio Lula", 20),
                ],
                t(),
            )
            .unwrap();
        let lula = store.mentions(a).unwrap()[1].entity;
        assert_ne!(lula, lone);
        assert_eq!(store.mentions(c).unwrap()[0].entity, lula);
        assert_eq!(store.entity_aliases(lula).unwrap(), ["Lula"]);

        // Two people share a surname: the lone surname stays its own entity.
        store
            .write_mentions(
                a,
                "v1",
                &[
                    m(p, "Ed Miliband", "Ed Miliband", 0),
                    m(p, "David Miliband", "David Miliband", 20),
                ],
                t(),
            )
            .unwrap();
        store
            .write_mentions(b, "v1", &[m(p, "Miliband", "Miliband", 0)], t())
            .unwrap();
        let got = store.mentions(b).unwrap();
        assert_eq!(got[0].name, "Miliband");
        // A place that is also a surname is never joined to a person.
        store
            .write_mentions(b, "v1", &[m(EntityKind::Place, "Macron", "Macron", 0)], t())
            .unwrap();
        assert_eq!(store.mentions(b).unwrap()[0].kind, EntityKind::Place);
    }

    #[test]
    fn entity_names_complete_a_prefix_of_any_word_most_mentioned_first() {
        let (mut store, ids) = setup();
        let p = EntityKind::Person;
        store
            .write_mentions(
                ids[0],
                "v1",
                &[
                    m(p, "Friedrich Merz", "Friedrich Merz", 0),
                    m(p, "Angela Merkel", "Angela Merkel", 20),
                    m(EntityKind::Place, "Merzig", "Merzig", 40),
                ],
                t(),
            )
            .unwrap();
        store
            .write_mentions(ids[1], "v1", &[m(p, "Angela Merkel", "Merkel", 0)], t())
            .unwrap();
        assert_eq!(
            store.entity_names(p, "mer", 10).unwrap(),
            ["Angela Merkel", "Friedrich Merz"]
        );
        assert_eq!(
            store.entity_names(p, "FRIED", 10).unwrap(),
            ["Friedrich Merz"]
        );
        assert_eq!(
            store.entity_names(p, "erz", 10).unwrap(),
            Vec::<String>::new()
        );
        assert_eq!(
            store.entity_names(EntityKind::Place, "mer", 10).unwrap(),
            ["Merzig"]
        );
        assert_eq!(store.entity_names(p, "mer", 1).unwrap(), ["Angela Merkel"]);
        // LIKE's wildcards are plain characters here.
        assert!(store.entity_names(p, "%", 10).unwrap().is_empty());
        assert!(store.entity_names(p, "_", 10).unwrap().is_empty());
    }

    #[test]
    fn mentions_are_replaced_and_entities_merged_by_folded_name() {
        let (mut store, ids) = setup();
        let (a, b) = (ids[0], ids[1]);
        store
            .write_mentions(
                b,
                "v1",
                &[
                    m(
                        EntityKind::Person,
                        "Jens Stoltenberg",
                        "Jens Stoltenberg",
                        0,
                    ),
                    m(EntityKind::Person, "Aleksandar Vučić", "Vučić", 21),
                ],
                t(),
            )
            .unwrap();
        let mut oslo = m(EntityKind::Place, "Oslo", "Oslo", 15);
        oslo.coords = Some((59.91, 10.75));
        store
            .write_mentions(
                a,
                "v1",
                &[
                    m(EntityKind::Person, "jens stoltenberg", "Stoltenberg", 0),
                    oslo,
                ],
                t(),
            )
            .unwrap();
        let got = store.mentions(a).unwrap();
        assert_eq!(got.len(), 2);
        assert_eq!(
            got[0].name, "Jens Stoltenberg",
            "the first canonical spelling stays"
        );
        assert_eq!(got[1].lat, Some(59.91));
        assert_eq!(store.mentions(b).unwrap()[0].entity, got[0].entity);
        assert_eq!(
            store.entity_aliases(got[0].entity).unwrap(),
            ["Stoltenberg"]
        );

        // Top entities, everywhere and over a query's articles.
        let top = store.top_entities(None, None, 10).unwrap();
        assert_eq!(top[0].name, "Jens Stoltenberg");
        assert_eq!((top[0].mentions, top[0].articles), (2, 2));
        assert_eq!(top.len(), 3);
        let places = store
            .top_entities(Some(EntityKind::Place), None, 10)
            .unwrap();
        assert_eq!(places.len(), 1);
        assert_eq!(places[0].name, "Oslo");
        let q = parse("vucic").unwrap();
        let scoped = store
            .top_entities(None, Some((&q, t().fixed_offset())), 10)
            .unwrap();
        let names: Vec<&str> = scoped.iter().map(|e| e.name.as_str()).collect();
        assert_eq!(names, ["Aleksandar Vučić", "Jens Stoltenberg"]);

        // Writing again replaces, not appends.
        store
            .write_mentions(b, "v2", &[m(EntityKind::Org, "NATO", "NATO", 0)], t())
            .unwrap();
        let got = store.mentions(b).unwrap();
        assert_eq!(got.len(), 1);
        assert_eq!(got[0].kind, EntityKind::Org);
        assert_eq!(store.articles_to_extract("v2", 10).unwrap(), [a, ids[2]]);
        assert_eq!(store.articles_to_extract("v1", 10).unwrap(), [b, ids[2]]);
        assert!(matches!(
            store.write_mentions(ArticleId(9_999), "v1", &[], t()),
            Err(StoreError::NoSuchArticle(9_999))
        ));
    }

    #[test]
    fn a_batch_writes_what_one_article_at_a_time_writes() {
        let mentions = |n: u32| {
            vec![
                m(EntityKind::Person, "Jens Stoltenberg", "Stoltenberg", n),
                m(
                    EntityKind::Person,
                    "Jens Stoltenberg",
                    "Jens Stoltenberg",
                    n + 20,
                ),
                m(EntityKind::Place, "Oslo", "Oslo", n + 40),
            ]
        };
        let (mut one, ids) = setup();
        for (i, id) in ids.iter().enumerate() {
            one.write_mentions(*id, "v1", &mentions(i as u32), t())
                .unwrap();
        }
        let (mut batched, ids_b) = setup();
        let batch: Vec<_> = ids_b
            .iter()
            .enumerate()
            .map(|(i, id)| (*id, mentions(i as u32)))
            .collect();
        batched.write_mentions_batch("v1", &batch, t()).unwrap();
        assert_eq!(
            one.entity_totals().unwrap(),
            batched.entity_totals().unwrap()
        );
        assert_eq!(
            one.top_entities(None, None, 10).unwrap(),
            batched.top_entities(None, None, 10).unwrap()
        );
        let person = batched
            .top_entities(Some(EntityKind::Person), None, 1)
            .unwrap();
        assert_eq!(person[0].mentions, 6);
        assert_eq!(
            batched.entity_aliases(person[0].id).unwrap(),
            one.entity_aliases(person[0].id).unwrap()
        );
        assert_eq!(
            batched.entity_aliases(person[0].id).unwrap(),
            ["Stoltenberg"]
        );
    }

    #[test]
    fn a_batch_with_merges_stores_and_counts_what_one_article_at_a_time_does() {
        let (p, o) = (EntityKind::Person, EntityKind::Org);
        let mut oslo = m(EntityKind::Place, "Oslo", "Oslo", 40);
        oslo.coords = Some((59.91, 10.75));
        let mut oslo_again = m(EntityKind::Place, "Oslo", "Oslo", 60);
        oslo_again.coords = Some((1.0, 2.0));
        // Lone names first; then, in the middle of an article, the full names that absorb
        // them (the surname written before and after the merge, twice at one start); the
        // same article twice in the batch (the second write replaces the first).
        let articles = |ids: &[ArticleId]| -> Vec<(ArticleId, Vec<NewMention>)> {
            vec![
                (
                    ids[0],
                    vec![
                        m(p, "Macron", "Macron", 0),
                        m(o, "KFOR", "KFOR", 10),
                        oslo.clone(),
                    ],
                ),
                (
                    ids[1],
                    vec![
                        m(p, "Macron", "Macron", 0),
                        m(p, "Macron", "Macron", 0),
                        m(o, "KFOR", "KFOR", 5),
                        m(p, "Emmanuel Macron", "Emmanuel Macron", 10),
                        m(p, "Macron", "Macron", 30),
                        m(o, "Kosovo Force", "KFOR", 50),
                        m(o, "KFOR", "KFOR", 55),
                        oslo_again.clone(),
                    ],
                ),
                (ids[2], vec![m(p, "Macron", "Macron", 0), oslo.clone()]),
                (
                    ids[0],
                    vec![
                        m(p, "Emmanuel Macron", "Macron", 0),
                        m(o, "KFOR", "KFOR", 8),
                    ],
                ),
            ]
        };
        let (mut one, ids) = setup();
        for (id, mentions) in articles(&ids) {
            one.write_mentions(id, "v1", &mentions, t()).unwrap();
        }
        let (mut batched, ids_b) = setup();
        let written = batched
            .write_mentions_batch("v1", &articles(&ids_b), t())
            .unwrap();
        assert_eq!(written.len(), 4);
        super::super::count_tests::assert_counts_exact(&batched, "a batch with merges");
        super::super::count_tests::assert_counts_exact(&one, "the same one at a time");
        for (a, b) in ids.iter().zip(&ids_b) {
            assert_eq!(one.mentions(*a).unwrap(), batched.mentions(*b).unwrap());
        }
        assert_eq!(
            one.entity_totals().unwrap(),
            batched.entity_totals().unwrap()
        );
        assert_eq!(
            one.top_entities(None, None, 10).unwrap(),
            batched.top_entities(None, None, 10).unwrap()
        );
        let names: Vec<String> = batched
            .mentions(ids_b[1])
            .unwrap()
            .into_iter()
            .map(|m| m.name)
            .collect();
        assert_eq!(
            names,
            [
                "Emmanuel Macron",
                "Kosovo Force",
                "Emmanuel Macron",
                "Emmanuel Macron"
            ]
            .into_iter()
            .chain(["Kosovo Force", "Kosovo Force", "Oslo"])
            .collect::<Vec<_>>()
        );
        assert_eq!(batched.mentions(ids_b[1]).unwrap()[6].lat, Some(59.91));
    }

    #[test]
    fn the_queue_read_a_stretch_at_a_time_is_the_queue() {
        let (mut store, ids) = setup();
        // Newest first, as `articles_to_extract` gives them; the middle one is done.
        store.write_mentions(ids[1], "v1", &[], t()).unwrap();
        let queue = store.articles_to_extract("v1", 10).unwrap();
        assert_eq!(queue.len(), 2);
        assert_eq!(store.extractions_left("v1").unwrap(), 2);
        assert_eq!(store.extractions_left("v2").unwrap(), 3);
        let mut read = Vec::new();
        let mut from = None;
        let mut stretches = 0;
        loop {
            let (todo, next) = store.extraction_backlog("v1", from, 1).unwrap();
            read.extend(todo);
            stretches += 1;
            match next {
                Some(key) => from = Some(key),
                None => break,
            }
        }
        assert_eq!(read, queue);
        // Three articles one at a time, then the empty stretch that says it is the end.
        assert_eq!(stretches, 4);
        let (all, end) = store.extraction_backlog("v1", None, 10).unwrap();
        assert_eq!((all, end), (queue, None));
        store.write_mentions(ids[0], "v1", &[], t()).unwrap();
        store.write_mentions(ids[2], "v1", &[], t()).unwrap();
        assert_eq!(store.extractions_left("v1").unwrap(), 0);
    }

    #[test]
    fn pruning_and_edits_drop_mentions() {
        let (mut store, ids) = setup();
        for id in &ids {
            store
                .write_mentions(*id, "v1", &[m(EntityKind::Place, "Oslo", "Oslo", 0)], t())
                .unwrap();
        }
        assert_eq!(store.top_entities(None, None, 5).unwrap()[0].mentions, 3);
        assert!(store.articles_to_extract("v1", 10).unwrap().is_empty());
        // Pruning the read article cascades to its mentions.
        store.set_read_at(&[ids[2]], true, t()).unwrap();
        assert_eq!(store.prune(7, t() + chrono::Duration::days(8)).unwrap(), 1);
        assert_eq!(store.top_entities(None, None, 5).unwrap()[0].mentions, 2);
        assert!(store.articles_to_extract("v1", 10).unwrap().is_empty());
        assert_eq!(store.articles_to_extract("v2", 10).unwrap().len(), 2);
        // Editing an article's text drops its mentions and asks for a new extraction.
        store_items(
            &mut store,
            vec![
                item("a", "Stoltenberg in Bergen", 1),
                item("b", "Jens Stoltenberg met Vučić", 2),
            ],
        );
        assert_eq!(store.top_entities(None, None, 5).unwrap()[0].mentions, 1);
        assert_eq!(store.articles_to_extract("v1", 5).unwrap(), [ids[0]]);
    }

    #[test]
    fn places_with_one_name_in_two_countries_stay_apart() {
        let (mut store, ids) = setup();
        let place = |country: &str, lat: f64, lon: f64, start: u32| NewMention {
            country: Some(country.into()),
            coords: Some((lat, lon)),
            ..m(EntityKind::Place, "Paris", "Paris", start)
        };
        let written = store
            .write_mentions_batch(
                "v1",
                &[
                    (ids[0], vec![place("FR", 48.85, 2.35, 0)]),
                    (ArticleId(9_999), vec![place("FR", 48.85, 2.35, 0)]),
                    (
                        ids[1],
                        vec![place("US", 33.66, -95.56, 3), place("US", 33.66, -95.56, 9)],
                    ),
                ],
                t(),
            )
            .unwrap();
        assert_eq!(written, [ids[0], ids[1]], "a vanished article is skipped");
        let top = store
            .top_entities(Some(EntityKind::Place), None, 10)
            .unwrap();
        assert_eq!(top.len(), 2, "{top:?}");
        assert_eq!(top[0].country.as_deref(), Some("US"));
        assert_eq!((top[0].lat, top[0].mentions), (Some(33.66), 2));
        assert_eq!(top[1].country.as_deref(), Some("FR"));
        assert_eq!(top[1].lat, Some(48.85));
        // `place:paris` finds both.
        let q = parse("place:paris").unwrap();
        let hits = store
            .query_articles(&q, t().fixed_offset(), None, 0)
            .unwrap();
        assert_eq!(hits.len(), 2);
        // Only the third article still needs extraction; texts come only for those.
        assert_eq!(store.articles_to_extract("v1", 10).unwrap(), [ids[2]]);
        let texts = store.texts_to_extract(&ids, "v1").unwrap();
        assert_eq!(texts, [(ids[2], "Nothing here".to_string())]);
        // Forgetting extractions queues everything again; orphans go.
        store.forget_extractions().unwrap();
        assert_eq!(store.articles_to_extract("v1", 10).unwrap().len(), 3);
        store.write_mentions(ids[0], "v1", &[], t()).unwrap();
        assert_eq!(store.delete_orphaned_entities().unwrap(), 1);
        assert_eq!(store.entity_totals().unwrap(), (2, 1, 1));
    }

    #[test]
    fn step_five_drops_old_entities_and_asks_for_extraction_again() {
        let mut conn = rusqlite::Connection::open_in_memory().unwrap();
        conn.pragma_update(None, "foreign_keys", "ON").unwrap();
        super::super::migrations::migrate_to(&mut conn, 4).unwrap();
        conn.execute_batch(
            "INSERT INTO feeds (id, url) VALUES (1, 'u');
            INSERT INTO articles (id, feed_id, guid, title, published, first_seen, content_hash)
                VALUES (1, 1, 'g', 't', 0, 0, x'00');
            INSERT INTO entities (id, kind, name, folded) VALUES (1, 'place', 'Paris', 'paris');
            INSERT INTO entity_aliases VALUES (1, 'Paname', 'paname');
            INSERT INTO mentions VALUES (1, 1, 0, 5);
            INSERT INTO extractions VALUES (1, 'old', 0);",
        )
        .unwrap();
        super::super::migrations::migrate_to(&mut conn, 5).unwrap();
        let count = |sql: &str| -> i64 { conn.query_row(sql, [], |r| r.get(0)).unwrap() };
        assert_eq!(count("SELECT count(*) FROM articles"), 1, "articles stay");
        assert_eq!(count("SELECT count(*) FROM mentions"), 0);
        assert_eq!(count("SELECT count(*) FROM extractions"), 0);
        conn.execute_batch(
            "INSERT INTO entities (kind, name, folded, country) VALUES ('place', 'Paris', 'paris', 'FR');
            INSERT INTO entities (kind, name, folded, country) VALUES ('place', 'Paris', 'paris', 'US');
            INSERT INTO mentions VALUES (1, 2, 0, 5);",
        )
        .unwrap();
        let mut check = conn.prepare("PRAGMA foreign_key_check").unwrap();
        assert!(check.query([]).unwrap().next().unwrap().is_none());
    }
}
