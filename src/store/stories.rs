//! Stories in the cache: which story each article belongs to, and stories read back as
//! summaries (headline, sources, span, top people and places) for `dateline stories` and the
//! reader's story mode.
//!
//! Why it exists: the grouping itself (`crate::extract::stories`) is pure and in memory; this
//! module gives it what it reads of an article (title, lead, entities), stores what it
//! decided, and answers the listing queries. It decides nothing about which articles belong
//! together.
//!
//! A story is a row of `stories` (its id is never handed out twice) and an article's story a
//! row of `article_stories`, gone with the article.

use chrono::{DateTime, FixedOffset, Utc};
use rusqlite::types::Value;
use rusqlite::{OptionalExtension, TransactionBehavior, params, params_from_iter};
use serde::Serialize;

use super::query::{SELECT_IDS, Sql, compile_where};
use super::{Store, StoreError, summary_from_row, time_of};
use crate::model::{ArticleId, ArticleSummary, EntityKind, StoryTag};
use crate::query::Query;

/// What the grouper reads of one stored article.
#[derive(Debug, Clone, PartialEq)]
pub struct StoryArticle {
    pub id: ArticleId,
    pub title: String,
    /// The start of the article's own text (the grouper reads only its lead).
    pub lead: String,
    pub published: DateTime<Utc>,
    /// The kinds and canonical names of the entities it mentions.
    pub entities: Vec<(EntityKind, String)>,
    /// Its story, when it has one already.
    pub story: Option<i64>,
}

/// Where an article goes: a stored story, or the `n`th story this call starts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StorySlot {
    Stored(i64),
    New(usize),
}

/// One story as listed: newest first by its latest article.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StorySummary {
    pub id: i64,
    /// The title of its earliest article.
    pub headline: String,
    /// The article the headline is from.
    pub first_article: i64,
    pub articles: u32,
    /// Distinct feeds its articles come from.
    pub sources: u32,
    pub first: DateTime<Utc>,
    pub last: DateTime<Utc>,
    /// Its most mentioned people, places and organisations (by articles), at most three
    /// of each kind.
    pub people: Vec<String>,
    pub places: Vec<String>,
    pub organisations: Vec<String>,
}

/// Characters of an article's text the grouper is given: its lead words and some more.
const LEAD_CHARS: i64 = 800;

const STORY_INPUT: &str =
    "SELECT a.id, a.title, substr(dl_unpack(a.text, a.content_html), 1, ?2), a.published, s.story
    FROM articles a LEFT JOIN article_stories s ON s.article = a.id WHERE a.id = ?1";
const STORY_ENTITIES: &str = "SELECT DISTINCT e.kind, e.name FROM mentions m
    JOIN entities e ON e.id = m.entity WHERE m.article = ?1 ORDER BY e.kind, e.name";
/// Extracted articles with no story, oldest first: the backlog after the migration that
/// added stories, after a `reindex`, or after a run stopped between the two writes.
const UNGROUPED: &str = "SELECT a.id FROM articles a JOIN extractions x ON x.article = a.id
    LEFT JOIN article_stories s ON s.article = a.id WHERE s.article IS NULL
    ORDER BY a.published, a.id LIMIT ?1";
/// Articles with a story published from `?1` on, oldest first: what a grouper is rebuilt from.
const GROUPED_SINCE: &str = "SELECT a.id FROM articles a INDEXED BY articles_by_published
    JOIN article_stories s ON s.article = a.id WHERE a.published >= ?1
    ORDER BY a.published, a.id";
const LATEST_GROUPED: &str = "SELECT max(a.published) FROM article_stories s
    JOIN articles a ON a.id = s.article";
const STORY_NEW: &str = "INSERT INTO stories (started) VALUES (?1) RETURNING id";
const STORY_SET: &str = "INSERT INTO article_stories (article, story)
    SELECT ?1, ?2 WHERE EXISTS (SELECT 1 FROM articles WHERE id = ?1)
    ON CONFLICT (article) DO UPDATE SET story = excluded.story";
const STORIES_CLEAR: &str = "DELETE FROM article_stories";
/// Stories with an article among the query's (`SELECT_IDS` and its condition follow),
/// with their counts over all their articles; close with [`STORIES_TAIL`].
const STORIES_HEAD: &str = "SELECT s.story, count(*), count(DISTINCT a.feed_id),
        min(a.published), max(a.published)
    FROM article_stories s JOIN articles a ON a.id = s.article
    WHERE s.story IN (SELECT story FROM article_stories WHERE article IN (";
const STORIES_TAIL: &str = "))
    GROUP BY s.story HAVING count(DISTINCT a.feed_id) >= ?
    ORDER BY max(a.published) DESC, s.story DESC LIMIT ?";
const STORY_HEADLINE: &str = "SELECT a.id, a.title FROM article_stories s
    JOIN articles a ON a.id = s.article WHERE s.story = ?1
    ORDER BY a.published, a.id LIMIT 1";
const STORY_TOP: &str = "SELECT e.name FROM article_stories s
    JOIN mentions m ON m.article = s.article JOIN entities e ON e.id = m.entity
    WHERE s.story = ?1 AND e.kind = ?2
    GROUP BY e.id ORDER BY count(DISTINCT m.article) DESC, count(*) DESC, e.name LIMIT 3";
/// A story's articles, as the list shows them, newest first.
const STORY_ARTICLES: &str = "SELECT a.id, a.feed_id,
        COALESCE(f.title_override, f.feed_title, f.url),
        a.title, a.link, a.authors, a.published, a.read, a.starred
    FROM article_stories s JOIN articles a ON a.id = s.article
    JOIN feeds f ON f.id = a.feed_id
    WHERE s.story = ?1 AND f.active = 1 ORDER BY a.published DESC, a.id DESC";
const STORY_OF: &str = "SELECT story FROM article_stories WHERE article = ?1";
/// The list with each story once: of the query's articles (`SELECT_IDS` and its condition
/// follow), the newest of each story (an article without a story is its own), newest first;
/// close with [`GROUPED_TAIL`].
const GROUPED_HEAD: &str = "SELECT id, story FROM (SELECT a.id AS id, s.story AS story,
        a.published AS published,
        row_number() OVER (PARTITION BY coalesce(s.story, -a.id)
            ORDER BY a.published DESC, a.id DESC) AS rn
    FROM articles a LEFT JOIN article_stories s ON s.article = a.id WHERE a.id IN (";
const GROUPED_TAIL: &str = ")) WHERE rn = 1 ORDER BY published DESC, id DESC LIMIT ?";
/// One story's articles among the query's: `?` the story, then `SELECT_IDS`; close with
/// [`IN_STORY_TAIL`].
const IN_STORY_HEAD: &str = "SELECT a.id, NULL FROM article_stories s
    JOIN articles a ON a.id = s.article WHERE s.story = ? AND a.id IN (";
const IN_STORY_TAIL: &str = ") ORDER BY a.published DESC, a.id DESC LIMIT ?";
const SUMMARY_BY_ID: &str =
    "SELECT a.id, a.feed_id, COALESCE(f.title_override, f.feed_title, f.url),
        a.title, a.link, a.authors, a.published, a.read, a.starred
    FROM articles a JOIN feeds f ON f.id = a.feed_id WHERE a.id = ?1";
const STORY_COUNTS: &str = "SELECT count(*), count(DISTINCT a.feed_id) FROM article_stories s
    JOIN articles a ON a.id = s.article WHERE s.story = ?1";

impl Store {
    /// What the grouper reads of each of `ids` that exists, in the order given.
    pub fn story_inputs(&self, ids: &[ArticleId]) -> Result<Vec<StoryArticle>, StoreError> {
        let result = (|| {
            let mut input = self.conn.prepare_cached(STORY_INPUT)?;
            let mut entities = self.conn.prepare_cached(STORY_ENTITIES)?;
            let mut out = Vec::with_capacity(ids.len());
            for id in ids {
                let row = input
                    .query_row(params![id.0, LEAD_CHARS], |row| {
                        Ok(StoryArticle {
                            id: ArticleId(row.get(0)?),
                            title: row.get(1)?,
                            lead: row.get(2)?,
                            published: time_of(row.get(3)?),
                            entities: Vec::new(),
                            story: row.get(4)?,
                        })
                    })
                    .optional()?;
                let Some(mut row) = row else { continue };
                row.entities = entities
                    .query_map([id.0], |r| {
                        let kind: String = r.get(0)?;
                        Ok((kind, r.get::<_, String>(1)?))
                    })?
                    .filter_map(|r| match r {
                        Ok((kind, name)) => EntityKind::from_name(&kind).map(|k| Ok((k, name))),
                        Err(e) => Some(Err(e)),
                    })
                    .collect::<Result<Vec<_>, _>>()?;
                out.push(row);
            }
            Ok(out)
        })();
        self.busy(result)
    }

    /// Up to `limit` extracted articles that have no story yet, oldest first.
    pub fn ungrouped_articles(&self, limit: u32) -> Result<Vec<ArticleId>, StoreError> {
        let result = (|| {
            let mut stmt = self.conn.prepare_cached(UNGROUPED)?;
            let ids = stmt
                .query_map([i64::from(limit)], |row| Ok(ArticleId(row.get(0)?)))?
                .collect::<Result<Vec<_>, _>>()?;
            Ok(ids)
        })();
        self.busy(result)
    }

    /// The articles with a story published at or after `since`, oldest first.
    pub fn grouped_since(&self, since: DateTime<Utc>) -> Result<Vec<ArticleId>, StoreError> {
        let result = (|| {
            let mut stmt = self.conn.prepare_cached(GROUPED_SINCE)?;
            let ids = stmt
                .query_map([since.timestamp()], |row| Ok(ArticleId(row.get(0)?)))?
                .collect::<Result<Vec<_>, _>>()?;
            Ok(ids)
        })();
        self.busy(result)
    }

    /// When the latest article with a story was published; `None` when none has one.
    pub fn latest_grouped(&self) -> Result<Option<DateTime<Utc>>, StoreError> {
        let result = (|| {
            let secs: Option<i64> = self
                .conn
                .prepare_cached(LATEST_GROUPED)?
                .query_row([], |row| row.get(0))?;
            Ok(secs.map(time_of))
        })();
        self.busy(result)
    }

    /// Stores each article's story in one transaction, starting the new ones
    /// ([`StorySlot::New`] `n` is the same new story wherever it appears). Articles that no
    /// longer exist are skipped. Returns the ids given to the new stories, by `n`.
    pub fn set_stories(
        &mut self,
        assignments: &[(ArticleId, StorySlot)],
        now: DateTime<Utc>,
    ) -> Result<Vec<i64>, StoreError> {
        let result = (|| {
            let tx = self
                .conn
                .transaction_with_behavior(TransactionBehavior::Immediate)?;
            let mut new_ids: Vec<i64> = Vec::new();
            {
                let mut new = tx.prepare_cached(STORY_NEW)?;
                let mut set = tx.prepare_cached(STORY_SET)?;
                for (article, slot) in assignments {
                    let story = match *slot {
                        StorySlot::Stored(id) => id,
                        StorySlot::New(n) => {
                            while new_ids.len() <= n {
                                new_ids.push(new.query_row([now.timestamp()], |row| row.get(0))?);
                            }
                            new_ids[n]
                        }
                    };
                    set.execute(params![article.0, story])?;
                }
            }
            tx.commit()?;
            Ok(new_ids)
        })();
        self.busy(result)
    }

    /// Forgets every article's story, so they are grouped again (`dateline reindex`).
    pub fn forget_stories(&mut self) -> Result<u64, StoreError> {
        let result = (|| Ok(self.conn.execute(STORIES_CLEAR, [])? as u64))();
        self.busy(result)
    }

    /// The story of an article, if it has one.
    pub fn story_of(&self, article: ArticleId) -> Result<Option<i64>, StoreError> {
        let result = (|| {
            Ok(self
                .conn
                .prepare_cached(STORY_OF)?
                .query_row([article.0], |row| row.get(0))
                .optional()?)
        })();
        self.busy(result)
    }

    /// The stories with at least one of the query's articles (all stories without a query)
    /// and at least `min_sources` feeds, newest first (by their latest article), at most
    /// `limit`. Counts and names are over each story's articles, whether the query selects
    /// them or not.
    pub fn stories(
        &self,
        query: &Query,
        now: DateTime<FixedOffset>,
        min_sources: u32,
        limit: u32,
    ) -> Result<Vec<StorySummary>, StoreError> {
        let result = (|| {
            let mut sql = Sql::default();
            sql.text.push_str(STORIES_HEAD);
            sql.text.push_str(SELECT_IDS);
            compile_where(&self.conn, query, now, &mut sql)?;
            sql.text.push_str(STORIES_TAIL);
            sql.params.push(Value::from(i64::from(min_sources)));
            sql.params.push(Value::from(i64::from(limit)));
            let mut stmt = self.conn.prepare_cached(&sql.text)?;
            let rows = stmt
                .query_map(params_from_iter(sql.params.iter()), |row| {
                    Ok(StorySummary {
                        id: row.get(0)?,
                        headline: String::new(),
                        first_article: 0,
                        articles: row.get(1)?,
                        sources: row.get(2)?,
                        first: time_of(row.get(3)?),
                        last: time_of(row.get(4)?),
                        people: Vec::new(),
                        places: Vec::new(),
                        organisations: Vec::new(),
                    })
                })?
                .collect::<Result<Vec<_>, _>>()?;
            let mut headline = self.conn.prepare_cached(STORY_HEADLINE)?;
            let mut top = self.conn.prepare_cached(STORY_TOP)?;
            let mut out = Vec::with_capacity(rows.len());
            for mut story in rows {
                (story.first_article, story.headline) =
                    headline.query_row([story.id], |row| Ok((row.get(0)?, row.get(1)?)))?;
                for (kind, names) in [
                    (EntityKind::Person, &mut story.people),
                    (EntityKind::Place, &mut story.places),
                    (EntityKind::Org, &mut story.organisations),
                ] {
                    *names = top
                        .query_map(params![story.id, kind.as_str()], |row| row.get(0))?
                        .collect::<Result<Vec<String>, _>>()?;
                }
                out.push(story);
            }
            Ok(out)
        })();
        self.busy(result)
    }

    /// A story's articles (of configured feeds), newest first.
    pub fn story_articles(&self, story: i64) -> Result<Vec<ArticleSummary>, StoreError> {
        let result = (|| {
            let mut stmt = self.conn.prepare_cached(STORY_ARTICLES)?;
            let rows = stmt
                .query_map([story], summary_from_row)?
                .collect::<Result<Vec<_>, _>>()?;
            Ok(rows)
        })();
        self.busy(result)
    }

    /// The query's list with each story once (its newest article there; an article without
    /// a story stands for itself), newest first, at most `limit` rows; each row with its
    /// story's counts over all its articles (`None` without a story). `story`: only that
    /// story's articles, each on its own row.
    pub fn story_rows(
        &self,
        query: &Query,
        now: DateTime<FixedOffset>,
        story: Option<i64>,
        limit: u32,
    ) -> Result<Vec<(ArticleSummary, Option<StoryTag>)>, StoreError> {
        let result = (|| {
            let mut sql = Sql::default();
            match story {
                Some(id) => {
                    sql.text.push_str(IN_STORY_HEAD);
                    sql.params.push(Value::from(id));
                }
                None => sql.text.push_str(GROUPED_HEAD),
            }
            sql.text.push_str(SELECT_IDS);
            compile_where(&self.conn, query, now, &mut sql)?;
            sql.text.push_str(if story.is_some() {
                IN_STORY_TAIL
            } else {
                GROUPED_TAIL
            });
            sql.params.push(Value::from(i64::from(limit)));
            let mut stmt = self.conn.prepare_cached(&sql.text)?;
            let picked = stmt
                .query_map(params_from_iter(sql.params.iter()), |row| {
                    Ok((row.get::<_, i64>(0)?, row.get::<_, Option<i64>>(1)?))
                })?
                .collect::<Result<Vec<_>, _>>()?;
            let mut summary = self.conn.prepare_cached(SUMMARY_BY_ID)?;
            let mut counts = self.conn.prepare_cached(STORY_COUNTS)?;
            let mut out = Vec::with_capacity(picked.len());
            for (id, story) in picked {
                let row = summary.query_row([id], summary_from_row)?;
                let tag = match story {
                    Some(story) => {
                        let (articles, sources) =
                            counts.query_row([story], |r| Ok((r.get(0)?, r.get(1)?)))?;
                        Some(StoryTag {
                            article: ArticleId(id),
                            story,
                            sources,
                            articles,
                        })
                    }
                    None => None,
                };
                out.push((row, tag));
            }
            Ok(out)
        })();
        self.busy(result)
    }
}
