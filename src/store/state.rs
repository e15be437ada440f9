//! The user's own data, apart from what a refresh can fetch again: the feeds, the read
//! marks, and the starred articles with their content. `dateline export-state` writes it as
//! JSON and `dateline import-state` restores it, e.g. into a new cache after the old one was
//! damaged.
//!
//! A restored article keeps its reading state and gets an empty content digest, so the next
//! refresh that still finds it in its feed brings its content up to date (reading state
//! untouched). This module only reads and inserts; it never deletes.

use chrono::{DateTime, Utc};
use rusqlite::{OptionalExtension, TransactionBehavior, params};
use serde::{Deserialize, Serialize};

use super::{Store, StoreError, TAGS_OF_FEED, index_articles, time_of};

/// The format version `export-state` writes and `import-state` accepts.
pub const STATE_VERSION: u32 = 1;

/// Everything `export-state` saves.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SavedState {
    /// [`STATE_VERSION`].
    pub version: u32,
    pub exported_at: DateTime<Utc>,
    pub feeds: Vec<SavedFeed>,
    /// Read articles that are not starred: enough to find them again.
    pub read: Vec<ReadMark>,
    /// Starred articles, whole.
    pub starred: Vec<SavedArticle>,
}

/// A configured feed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SavedFeed {
    pub url: String,
    /// The title the configuration gives it, if any.
    pub title: Option<String>,
    pub tags: Vec<String>,
}

/// A read article, by its feed and GUID.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ReadMark {
    pub feed_url: String,
    pub guid: String,
    pub link: Option<String>,
    pub title: String,
    pub published: DateTime<Utc>,
    pub read_at: Option<DateTime<Utc>>,
}

/// A starred article with its content.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SavedArticle {
    pub feed_url: String,
    pub guid: String,
    pub link: Option<String>,
    pub title: String,
    pub authors: serde_json::Value,
    pub published: DateTime<Utc>,
    pub updated: Option<DateTime<Utc>>,
    pub summary_html: Option<String>,
    pub content_html: Option<String>,
    pub text: String,
    pub enclosures: serde_json::Value,
    pub categories: serde_json::Value,
    pub read: bool,
    pub read_at: Option<DateTime<Utc>>,
    pub first_seen: DateTime<Utc>,
}

/// What an import added or changed.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct ImportedState {
    pub feeds: usize,
    pub read: usize,
    pub starred: usize,
}

const STATE_FEEDS: &str =
    "SELECT id, url, title_override FROM feeds WHERE active = 1 ORDER BY position, id";
const STATE_READ: &str = "SELECT f.url, a.guid, a.link, a.title, a.published, a.read_at
    FROM articles a JOIN feeds f ON f.id = a.feed_id
    WHERE a.read = 1 AND a.starred = 0 ORDER BY a.id";
const STATE_STARRED: &str = "SELECT f.url, a.guid, a.link, a.title, a.authors, a.published,
        a.updated, dl_unpack(a.summary_html), dl_unpack(a.content_html),
        dl_unpack(a.text, a.content_html), a.enclosures, a.categories, a.read,
        a.read_at, a.first_seen
    FROM articles a JOIN feeds f ON f.id = a.feed_id WHERE a.starred = 1 ORDER BY a.id";

/// Adds a feed (at the end) or finds it, keeping a title it already has.
const IMPORT_FEED: &str = "INSERT INTO feeds (url, title_override, position, active)
    VALUES (?1, ?2, (SELECT COALESCE(max(position) + 1, 0) FROM feeds), 1)
    ON CONFLICT (url) DO UPDATE SET
        title_override = COALESCE(feeds.title_override, excluded.title_override)
    RETURNING id";
const IMPORT_TAG: &str =
    "INSERT OR IGNORE INTO feed_tags (feed_id, tag, position) VALUES (?1, ?2, ?3)";
const FEED_ID_BY_URL: &str = "SELECT id FROM feeds WHERE url = ?1";
const ARTICLE_ID: &str = "SELECT id FROM articles WHERE feed_id = ?1 AND guid = ?2";
/// Only adds: a read article stays read (with its read time), a starred one starred.
const IMPORT_MARKS: &str = "UPDATE articles SET read = max(read, ?2),
        read_at = CASE WHEN read = 1 THEN read_at WHEN ?2 THEN ?3 END,
        starred = max(starred, ?4)
    WHERE id = ?1";
/// A restored article; the empty digest makes the next refresh rewrite its content.
const IMPORT_ARTICLE: &str = "INSERT INTO articles (feed_id, guid, link, title, authors,
        published, updated, summary_html, content_html, text, enclosures, categories,
        read, read_at, starred, first_seen, content_hash, text_words)
    VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, dl_pack(?8), dl_pack(?9), dl_pack(?10, ?9), ?11, ?12,
        ?13, ?14, ?15, ?16, x'', dl_words(?10, NULL))";

impl Store {
    /// The user's feeds, read marks and starred articles.
    pub fn export_state(&self, now: DateTime<Utc>) -> Result<SavedState, StoreError> {
        let result = (|| {
            let mut feeds = Vec::new();
            let mut tags = self.conn.prepare_cached(TAGS_OF_FEED)?;
            let mut stmt = self.conn.prepare_cached(STATE_FEEDS)?;
            let rows = stmt.query_map([], |row| {
                Ok((row.get::<_, i64>(0)?, row.get::<_, String>(1)?, row.get(2)?))
            })?;
            for row in rows {
                let (id, url, title) = row?;
                let tags = tags
                    .query_map([id], |row| row.get(0))?
                    .collect::<Result<_, _>>()?;
                feeds.push(SavedFeed { url, title, tags });
            }
            let read = self
                .conn
                .prepare_cached(STATE_READ)?
                .query_map([], |row| {
                    Ok(ReadMark {
                        feed_url: row.get(0)?,
                        guid: row.get(1)?,
                        link: row.get(2)?,
                        title: row.get(3)?,
                        published: time_of(row.get(4)?),
                        read_at: row.get::<_, Option<i64>>(5)?.map(time_of),
                    })
                })?
                .collect::<Result<Vec<_>, _>>()?;
            let starred = self
                .conn
                .prepare_cached(STATE_STARRED)?
                .query_map([], |row| {
                    Ok(SavedArticle {
                        feed_url: row.get(0)?,
                        guid: row.get(1)?,
                        link: row.get(2)?,
                        title: row.get(3)?,
                        authors: json_value(row.get(4)?),
                        published: time_of(row.get(5)?),
                        updated: row.get::<_, Option<i64>>(6)?.map(time_of),
                        summary_html: row.get(7)?,
                        content_html: row.get(8)?,
                        text: row.get(9)?,
                        enclosures: json_value(row.get(10)?),
                        categories: json_value(row.get(11)?),
                        read: row.get(12)?,
                        read_at: row.get::<_, Option<i64>>(13)?.map(time_of),
                        first_seen: time_of(row.get(14)?),
                    })
                })?
                .collect::<Result<Vec<_>, _>>()?;
            Ok(SavedState {
                version: STATE_VERSION,
                exported_at: now,
                feeds,
                read,
                starred,
            })
        })();
        self.busy(result)
    }

    /// Restores `state` in one transaction: adds its feeds (a feed already here keeps its
    /// title and tags), marks its read articles read and its starred ones starred, and adds
    /// the articles the cache does not have. Reading state already here is only added to:
    /// nothing is unmarked or unstarred.
    pub fn import_state(&mut self, state: &SavedState) -> Result<ImportedState, StoreError> {
        let result = (|| {
            let tx = self
                .conn
                .transaction_with_behavior(TransactionBehavior::Immediate)?;
            let mut done = ImportedState::default();
            let mut to_index = Vec::new();
            {
                let mut feed = tx.prepare_cached(IMPORT_FEED)?;
                let mut tag = tx.prepare_cached(IMPORT_TAG)?;
                let mut feed_id = tx.prepare_cached(FEED_ID_BY_URL)?;
                let mut article_id = tx.prepare_cached(ARTICLE_ID)?;
                let mut marks = tx.prepare_cached(IMPORT_MARKS)?;
                let mut insert = tx.prepare_cached(IMPORT_ARTICLE)?;
                for f in &state.feeds {
                    let id: i64 = feed.query_row(params![f.url, f.title], |row| row.get(0))?;
                    for (position, t) in f.tags.iter().enumerate() {
                        tag.execute(params![id, t, position as i64])?;
                    }
                    done.feeds += 1;
                }
                // A feed an article names but the list does not: added, so nothing is lost.
                let mut feed_of = |url: &str| -> Result<i64, rusqlite::Error> {
                    match feed_id.query_row([url], |row| row.get(0)).optional()? {
                        Some(id) => Ok(id),
                        None => feed.query_row(params![url, None::<String>], |row| row.get(0)),
                    }
                };
                for a in &state.starred {
                    let feed = feed_of(&a.feed_url)?;
                    let read_at = a.read_at.map(|t| t.timestamp());
                    match article_id
                        .query_row(params![feed, a.guid], |row| row.get::<_, i64>(0))
                        .optional()?
                    {
                        Some(id) => {
                            marks.execute(params![id, a.read, read_at, true])?;
                        }
                        None => {
                            insert.execute(params![
                                feed,
                                a.guid,
                                a.link,
                                a.title,
                                a.authors.to_string(),
                                a.published.timestamp(),
                                a.updated.map(|t| t.timestamp()),
                                a.summary_html,
                                a.content_html,
                                a.text,
                                a.enclosures.to_string(),
                                a.categories.to_string(),
                                a.read,
                                read_at,
                                true,
                                a.first_seen.timestamp(),
                            ])?;
                            to_index.push(tx.last_insert_rowid());
                        }
                    }
                    done.starred += 1;
                }
                let now = Utc::now().timestamp();
                for m in &state.read {
                    let feed = feed_of(&m.feed_url)?;
                    let read_at = Some(m.read_at.map_or(now, |t| t.timestamp()));
                    match article_id
                        .query_row(params![feed, m.guid], |row| row.get::<_, i64>(0))
                        .optional()?
                    {
                        Some(id) => {
                            marks.execute(params![id, true, read_at, false])?;
                        }
                        None => {
                            insert.execute(params![
                                feed,
                                m.guid,
                                m.link,
                                m.title,
                                "[]",
                                m.published.timestamp(),
                                None::<i64>,
                                None::<String>,
                                None::<String>,
                                "",
                                "[]",
                                "[]",
                                true,
                                read_at,
                                false,
                                now,
                            ])?;
                            to_index.push(tx.last_insert_rowid());
                        }
                    }
                    done.read += 1;
                }
            }
            index_articles(&tx, &to_index)?;
            tx.commit()?;
            Ok(done)
        })();
        self.busy(result)
    }

    /// How many articles the cache holds (to tell a new cache from one in use).
    pub fn article_count(&self) -> Result<u64, StoreError> {
        let result = self
            .conn
            .query_row("SELECT count(*) FROM articles", [], |row| {
                row.get::<_, i64>(0)
            })
            .map_err(StoreError::from);
        Ok(u64::try_from(self.busy(result)?).unwrap_or(0))
    }
}

/// A JSON list column as a JSON value; a malformed cell (never written by us) as an empty
/// list.
fn json_value(text: String) -> serde_json::Value {
    serde_json::from_str(&text).unwrap_or_else(|_| serde_json::Value::Array(Vec::new()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{ArticleId, FeedSpec, NewArticle, ParsedFeed};
    use crate::store::FetchRecord;

    fn article(guid: &str, title: &str) -> NewArticle {
        NewArticle {
            guid: guid.into(),
            title: title.into(),
            link: None,
            authors: vec!["Ana".into()],
            published: DateTime::from_timestamp(1_700_000_000, 0),
            updated: None,
            summary_html: None,
            content_html: Some(format!("<p>{title} body</p>")),
            text: format!("{title} body"),
            enclosures: Vec::new(),
            categories: vec!["c".into()],
        }
    }

    #[test]
    fn state_round_trips_into_a_new_cache_and_a_refresh_keeps_it() {
        let mut old = Store::open_in_memory().unwrap();
        let spec = FeedSpec {
            url: "https://a.example/feed".into(),
            title: Some("A".into()),
            tags: vec!["x".into()],
        };
        old.sync_feeds(std::slice::from_ref(&spec)).unwrap();
        let feed = old.feeds().unwrap()[0].id;
        let parsed = ParsedFeed {
            title: Some("A feed".into()),
            site_link: None,
            articles: vec![
                article("1", "One"),
                article("2", "Two"),
                article("3", "Three"),
            ],
        };
        let record = || FetchRecord::Parsed {
            feed: &parsed,
            etag: None,
            last_modified: None,
            moved_to: None,
        };
        old.record_fetch(feed, record(), Utc::now()).unwrap();
        let ids: Vec<ArticleId> = (1..=3).map(ArticleId).collect();
        old.set_read(&ids[..2], true).unwrap();
        old.set_starred(ids[1], true).unwrap();
        old.set_starred(ids[2], true).unwrap();
        let state = old.export_state(Utc::now()).unwrap();
        assert_eq!(state.read.len(), 1);
        assert_eq!(state.starred.len(), 2);
        let json = serde_json::to_string(&state).unwrap();
        let state: SavedState = serde_json::from_str(&json).unwrap();

        let mut new = Store::open_in_memory().unwrap();
        let done = new.import_state(&state).unwrap();
        assert_eq!((done.feeds, done.read, done.starred), (1, 1, 2));
        new.sync_feeds(&[spec]).unwrap();
        let again = new.export_state(state.exported_at).unwrap();
        assert_eq!(again.feeds, state.feeds);
        assert_eq!(again.read, state.read);
        assert_eq!(again.starred, state.starred);
        // The feed still serves the articles: the content comes back, the marks stay.
        let feed = new.feeds().unwrap()[0].id;
        let stats = new.record_fetch(feed, record(), Utc::now()).unwrap();
        assert_eq!((stats.new, stats.updated), (0, 3));
        let after = new.export_state(state.exported_at).unwrap();
        assert_eq!(after.read.len(), 1);
        assert_eq!(after.starred.len(), 2);
        assert!(after.starred.iter().all(|a| a.text.ends_with("body")));

        // Importing again, from a state with no read marks and its starred articles unread:
        // marks are only added, never taken away.
        let read_id = ArticleId(1);
        assert!(new.article(read_id).unwrap().read);
        let mut older = state.clone();
        older.read.clear();
        for a in &mut older.starred {
            a.read = false;
            a.read_at = None;
        }
        new.import_state(&older).unwrap();
        let last = new.export_state(state.exported_at).unwrap();
        assert_eq!(last.read, after.read);
        assert_eq!(last.starred, after.starred);
    }
}
