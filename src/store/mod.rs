//! The cache: an embedded SQLite database that owns every byte of SQL in dateline.
//!
//! WAL (checkpointed by a background connection, see `checkpoint`), foreign keys, numbered
//! append-only migrations (PRAGMA user_version), each stored feed whole or not at all (its own
//! transaction, or its own savepoint in a batch of feeds), a busy handler that tries again
//! every 2 ms for up to a minute so a second process waits its turn instead of failing. A
//! damaged, read-only, unreachable or full cache is an error that says what to do; the file
//! is never replaced. Reading state (read, starred) is never overwritten by a refresh.
//! This module never imports ratatui, tokio or reqwest.
//!
//! Times are unix seconds (UTC) in the database and `chrono` values at this module's edge.
//! Every statement is a constant string run through `prepare_cached`; nothing is built with
//! `format!`.

mod bulk;
mod checkpoint;
mod codec;
mod entities;
mod entity_page;
mod health;
mod ignore;
mod migrations;
mod pages;
mod prune;
mod query;
mod state;
mod stories;
pub mod sync;
mod top;
mod vacuum;

pub use bulk::BulkArticle;
pub use entities::{BacklogKey, EntityCount, NewMention, StoredMention};
pub use entity_page::{EntityPage, PageLimits};
pub use health::IndexCheck;
pub use prune::{PRUNE_BATCH, PRUNE_STEP_TARGET, StepPacer};
pub use query::Seek;
pub use state::{ImportedState, ReadMark, STATE_VERSION, SavedArticle, SavedFeed, SavedState};
pub use stories::{StoryArticle, StorySlot, StorySummary};
pub use top::TopEntities;
pub use vacuum::{VacuumProgress, VacuumReport};

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};
use std::path::Path;
use std::time::Duration;

use chrono::{DateTime, Utc};
use rusqlite::{Connection, ErrorCode, OptionalExtension, Row, TransactionBehavior, params};
use serde::Serialize;
use serde::de::DeserializeOwned;
use sha2::{Digest, Sha256};

use crate::model::{
    Article, ArticleId, ArticleSummary, Feed, FeedId, FeedSpec, NewArticle, ParsedFeed, StoreStats,
};

/// How long a statement waits for another process's write lock before giving up: long,
/// because a refresh writes in many short transactions and a command that waits its turn
/// must not fail while it does.
const BUSY_TIMEOUT: Duration = Duration::from_secs(60);

/// How long a waiting connection sleeps between tries for the lock. SQLite's own busy
/// timeout backs off to 100 ms sleeps, so a `mark-read` waiting behind a refresh keeps
/// missing the short gaps between its transactions (waits of seconds were measured); trying
/// every millisecond or two takes the first gap.
const BUSY_SLEEP: Duration = Duration::from_millis(2);

/// Set this variable to a number of pages to cap the cache's size (`PRAGMA max_page_count`):
/// how the tests fill the "disk". Not for normal use.
pub const MAX_PAGES_VAR: &str = "DATELINE_MAX_PAGE_COUNT";

/// With the background checkpoint running, the commit itself checkpoints only when the log
/// has grown past this many pages (64 MiB with the 16 KiB pages of a new cache, 16 MiB in
/// an older one): a safety net for a checkpoint thread that fell behind, not the normal path.
const WAL_AUTOCHECKPOINT_PAGES: i64 = 4_096;

/// A log that grew past this many bytes is cut back to it after a checkpoint.
const WAL_SIZE_LIMIT: i64 = 64 << 20;

/// Seconds in a day, for `keep_days`.
const DAY: i64 = 86_400;

/// A database problem, written for the user: each says what happened and what to do.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// Another process held the write lock past the busy timeout.
    #[error(
        "the cache {path} is in use by another dateline and stayed locked: try again when it \
         has finished"
    )]
    Busy { path: String },
    /// Another process has the cache open, and the operation needs it alone (`vacuum`).
    #[error(
        "the cache {path} is open in another dateline (the reader, a refresh or a sync): close          it and run this again; nothing was changed"
    )]
    InUse { path: String },
    /// The file's schema is newer than this build knows; it is left untouched.
    #[error(
        "the cache was written by a newer dateline (schema {found}, this one knows {known}) \
         and was left untouched: upgrade dateline, or use another cache with --db"
    )]
    TooNew { found: i64, known: i64 },
    /// The file is damaged or not an SQLite database at all; it is left untouched.
    #[error(
        "the cache {path} is damaged ({detail}); it was left as it is. Run `dateline doctor` \
         to check it; to start over, save what can be saved with `dateline export-state > \
         state.json`, move the file (with its -wal and -shm files) aside, and restore with \
         `dateline import-state state.json`"
    )]
    Corrupt { path: String, detail: String },
    /// The file (or its folder, where the write-ahead log lives) may not be written.
    #[error(
        "the cache {path} is read-only ({detail}): dateline must be able to write the file and \
         its folder (for the -wal and -shm files beside it); fix the permissions, or use \
         another cache with --db"
    )]
    ReadOnly { path: String, detail: String },
    /// The file or its folder could not be opened (permissions, a missing folder, ...).
    #[error(
        "cannot open the cache {path} ({detail}): check that you may read and write the file \
         and its folder, or use another cache with --db"
    )]
    NoAccess { path: String, detail: String },
    /// The disk (or the page limit set for tests) is full; the write was rolled back.
    #[error("the disk is full ({path}): free some space and run it again; the cache is intact")]
    Full { path: String },
    /// The file could not be opened or set up for another reason.
    #[error("cannot open the cache {path}: {source}")]
    Open {
        path: String,
        source: rusqlite::Error,
    },
    /// No article has this id (it may have been pruned).
    #[error("no such article: {0}")]
    NoSuchArticle(i64),
    /// No feed has this id; call [`Store::sync_feeds`] first.
    #[error("no such feed in the cache: {0}")]
    NoSuchFeed(i64),
    /// Any other SQLite failure.
    #[error("database error: {0}")]
    Sql(#[from] rusqlite::Error),
}

impl StoreError {
    /// Whether every later write to this cache will fail the same way (a full disk, a
    /// damaged or read-only file), so a run should stop rather than go on feed by feed.
    pub fn is_fatal(&self) -> bool {
        matches!(
            self,
            StoreError::Corrupt { .. }
                | StoreError::ReadOnly { .. }
                | StoreError::NoAccess { .. }
                | StoreError::Full { .. }
                | StoreError::TooNew { .. }
        )
    }
}

/// The user-facing error for an SQLite failure on the cache at `path`: a lock timeout, a
/// damaged file, a read-only file, a full disk, ... each with what to do; others unchanged.
pub(crate) fn classify(path: &str, e: rusqlite::Error) -> StoreError {
    let path = path.to_string();
    let detail = || match &e {
        rusqlite::Error::SqliteFailure(err, Some(msg)) => {
            format!("{msg}, code {}", err.extended_code)
        }
        other => other.to_string(),
    };
    match e.sqlite_error_code() {
        Some(ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked) => StoreError::Busy { path },
        Some(ErrorCode::DatabaseCorrupt | ErrorCode::NotADatabase) => StoreError::Corrupt {
            detail: detail(),
            path,
        },
        Some(ErrorCode::ReadOnly) => StoreError::ReadOnly {
            detail: detail(),
            path,
        },
        Some(ErrorCode::CannotOpen | ErrorCode::PermissionDenied) => StoreError::NoAccess {
            detail: detail(),
            path,
        },
        Some(ErrorCode::DiskFull) => StoreError::Full { path },
        _ => StoreError::Sql(e),
    }
}

/// Registers the store's SQL functions (`dl_pack`, `dl_unpack`: the packed text columns)
/// on a connection the store did not open, so that it can read those columns; for benches
/// and tools that query the file directly.
pub fn register_functions(conn: &Connection) -> Result<(), StoreError> {
    Ok(codec::register(conn)?)
}

/// The result of a fetch, as the store records it.
#[derive(Debug, Clone, PartialEq)]
pub enum FetchRecord<'a> {
    /// A 200 with a parsed document and the response's validators.
    Parsed {
        feed: &'a ParsedFeed,
        etag: Option<&'a str>,
        last_modified: Option<&'a str>,
        moved_to: Option<&'a str>,
    },
    /// A 304: nothing changed since the stored validators.
    NotModified { moved_to: Option<&'a str> },
    /// The fetch or the parse failed; the message is shown beside the feed.
    Failed {
        error: &'a str,
        retry_after: Option<DateTime<Utc>>,
    },
}

/// An open cache.
pub struct Store {
    /// Copies the log into the file in the background; `None` in memory or when it could
    /// not start. Declared before `conn` so it stops before the connection closes.
    checkpointer: Option<checkpoint::Checkpointer>,
    conn: Connection,
    /// Where the cache lives, for error messages.
    path: String,
}

// ---------------------------------------------------------------------------------------------
// SQL. Constant strings only; the list queries come in fixed variants so each can use an index.

/// Builds one feed query (with unread and total counts, hidden articles left out) from a
/// tail, at compile time. The counts are the ones the triggers keep (`feed_counts`,
/// migration 13): counting them here read an index entry per article, a third of a second
/// before the first frame on a million articles.
macro_rules! feed_sql {
    ($tail:literal) => {
        concat!(
            "SELECT f.id, f.url, COALESCE(f.title_override, f.feed_title, f.url),
                f.feed_title, f.site_link, f.etag, f.last_modified, f.last_fetch,
                f.last_success, f.last_error, f.moved_to, f.retry_after,
                COALESCE(c.unread, 0), COALESCE(c.total, 0)
            FROM feeds f LEFT JOIN feed_counts c ON c.feed_id = f.id ",
            $tail
        )
    };
}

const FEEDS_ACTIVE: &str = feed_sql!("WHERE f.active = 1 ORDER BY f.position, f.id");
const FEED_BY_URL: &str = feed_sql!("WHERE f.url = ?1 AND f.active = 1");

const TAGS_ACTIVE: &str =
    "SELECT t.feed_id, t.tag FROM feed_tags t JOIN feeds f ON f.id = t.feed_id
    WHERE f.active = 1 ORDER BY t.feed_id, t.position";
const TAGS_OF_FEED: &str = "SELECT tag FROM feed_tags WHERE feed_id = ?1 ORDER BY position";

const ARTICLE_BY_ID: &str =
    "SELECT a.id, a.feed_id, COALESCE(f.title_override, f.feed_title, f.url),
        a.guid, a.title, a.link, a.authors, a.published, a.updated, dl_unpack(a.summary_html),
        dl_unpack(a.content_html), dl_unpack(a.text, a.content_html), a.enclosures,
        a.categories, a.read, a.starred, a.first_seen
    FROM articles a JOIN feeds f ON f.id = a.feed_id WHERE a.id = ?1";

const FEEDS_DEACTIVATE_ALL: &str = "UPDATE feeds SET active = 0 WHERE active = 1";
const FEED_UPSERT: &str = "INSERT INTO feeds (url, title_override, position, active)
    VALUES (?1, ?2, ?3, 1)
    ON CONFLICT (url) DO UPDATE SET title_override = excluded.title_override,
        position = excluded.position, active = 1
    RETURNING id";
const TAGS_CLEAR: &str = "DELETE FROM feed_tags WHERE feed_id = ?1";
const TAG_INSERT: &str =
    "INSERT OR IGNORE INTO feed_tags (feed_id, tag, position) VALUES (?1, ?2, ?3)";

const FEED_PARSED: &str = "UPDATE feeds SET feed_title = ?2, site_link = ?3, etag = ?4,
        last_modified = ?5, moved_to = COALESCE(?6, moved_to), last_fetch = ?7,
        last_success = ?7, last_error = NULL, retry_after = NULL
    WHERE id = ?1";
const FEED_NOT_MODIFIED: &str = "UPDATE feeds SET moved_to = COALESCE(?2, moved_to),
        last_fetch = ?3, last_success = ?3, last_error = NULL, retry_after = NULL
    WHERE id = ?1";
const FEED_FAILED: &str =
    "UPDATE feeds SET last_fetch = ?2, last_error = ?3, retry_after = ?4 WHERE id = ?1";

const FIND_BY_GUID: &str = "SELECT id, content_hash FROM articles WHERE feed_id = ?1 AND guid = ?2";
const FIND_BY_LINK: &str = "SELECT id, guid FROM articles WHERE feed_id = ?1 AND link = ?2 LIMIT 2";
/// The bodies (`?8`-`?10`) and the word count (`?15`) come packed and counted
/// ([`codec::pack_bodies`]), as `dl_pack` and `dl_words` would make them.
const ARTICLE_INSERT: &str = "INSERT INTO articles (feed_id, guid, link, title, authors,
        published, updated, summary_html, content_html, text, enclosures, categories,
        read, starred, first_seen, content_hash, text_words)
    VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, 0, 0, ?13, ?14, ?15)
    ON CONFLICT (feed_id, guid) DO NOTHING";
/// Updates an article's content, never its reading state or first-seen time. A missing
/// publication date keeps the stored one (first-seen) rather than moving the article.
const ARTICLE_UPDATE: &str = "UPDATE articles SET guid = ?2, link = ?3, title = ?4,
        authors = ?5, published = COALESCE(?6, published), updated = ?7,
        summary_html = ?8, content_html = ?9, text = ?10, enclosures = ?11, categories = ?12,
        content_hash = ?13, text_words = ?14
    WHERE id = ?1";
const TOMBSTONE_TOUCH_GUID: &str =
    "UPDATE tombstones SET last_seen = ?3 WHERE feed_id = ?1 AND guid = ?2";
const TOMBSTONE_TOUCH_LINK: &str =
    "UPDATE tombstones SET last_seen = ?3 WHERE feed_id = ?1 AND link = ?2";

// The full-text index is contentless FTS5 (`contentless_delete`) kept in step by these
// statements only: every path that inserts, changes or deletes articles (or their pages) calls
// them (no triggers; see migration 3). They read `articles_fts_source`, the view that unpacks
// the text and appends a fetched page's text to the article's own. Removing an entry needs
// only its rowid (an external-content index needed the old values, re-tokenised: most of a
// prune's time).
/// Indexes the articles whose ids are in the JSON array `?1` (new and changed articles, once
/// per feed).
pub(crate) const FTS_INDEX: &str = "INSERT INTO articles_fts (rowid, title, text, authors)
    SELECT id, title, text, authors FROM articles_fts_source
    WHERE id IN (SELECT value FROM json_each(?1))";
/// Indexes one new article from the values just written (what `articles_fts_source` would
/// give for it: a new article has no fetched page yet), without unpacking them again.
const FTS_INDEX_NEW: &str =
    "INSERT INTO articles_fts (rowid, title, text, authors) VALUES (?1, ?2, ?3, ?4)";
/// Removes the index entries of the articles whose ids are in the JSON array `?1` (before
/// those rows change, to index them again, or go).
pub(crate) const FTS_UNINDEX: &str =
    "DELETE FROM articles_fts WHERE rowid IN (SELECT value FROM json_each(?1))";
/// Sets the read flag (`?2`) and, when it changes, the read time (`?3` when read, none when
/// unread). Only rows that change are touched, so the count is what changed.
const SET_READ: &str = "UPDATE articles SET read = ?2, read_at = CASE WHEN ?2 THEN ?3 END
    WHERE id = ?1 AND read <> ?2";
const SET_STARRED: &str = "UPDATE articles SET starred = ?2 WHERE id = ?1";

/// The page size of a new cache, in bytes.
const PAGE_SIZE: i64 = 16_384;

/// Page cache of a connection that writes, in KiB (SQLite's default is 2,000 KiB: 125 pages
/// of 16 KiB). Storing the entities of a batch of articles touches more pages than that (the
/// mentions, their index by entity, the kept counts and their index), and a cache that
/// overflows in the middle of a transaction writes pages to the WAL and reads them back
/// again and again: at 2,000 KiB that was most of the time `reindex` spent writing mentions
/// (see benches/README.md, "Entities at full speed, third pass"). SQLite takes the memory
/// only as pages are used. Set only while the extraction queue writes
/// ([`Store::set_write_cache`]): on every connection, a reader's kept 16 MiB of pages it had
/// read once (its store thread's start alone filled it on a million articles).
const CACHE_KIB: i64 = 16_384;
/// SQLite's own page cache size, in KiB: every connection's outside those writes.
const DEFAULT_CACHE_KIB: i64 = 2_000;

/// How many tables, indices, views and triggers the file has: none in a new cache.
const SCHEMA_OBJECTS: &str = "SELECT count(*) FROM sqlite_schema";

impl Store {
    /// Opens (creating if needed) and migrates the cache at `path`.
    ///
    /// Fails with [`StoreError::TooNew`] when a newer dateline wrote the file, and with
    /// [`StoreError::Busy`] when another process keeps it locked for longer than a minute; a
    /// damaged, read-only or unreachable file is its own error, and is never replaced.
    pub fn open(path: &Path) -> Result<Store, StoreError> {
        Self::open_with(path, BUSY_TIMEOUT, migrations::MIGRATIONS.len())
    }

    /// A fresh in-memory cache, for tests and `--demo`.
    pub fn open_in_memory() -> Result<Store, StoreError> {
        let label = ":memory:".to_string();
        let conn = Connection::open_in_memory().map_err(|source| classify_open(&label, source))?;
        Self::init(conn, label, BUSY_TIMEOUT, migrations::MIGRATIONS.len())
    }

    /// Creates or opens the file at `path` with only the first `version` migration steps
    /// applied, then closes it: how tests build a database as an older dateline left it.
    /// Not for normal use.
    #[doc(hidden)]
    pub fn create_at_version(path: &Path, version: usize) -> Result<(), StoreError> {
        Self::open_with(path, BUSY_TIMEOUT, version).map(drop)
    }

    /// A second, read-only connection to the cache at `path`, which [`Store::open`] has
    /// already created and migrated: the reader's queries run on it so that they never wait
    /// behind a refresh's writes (under WAL a reader sees the last commit and blocks no one).
    /// Its writing methods fail with a read-only error.
    pub fn open_reader(path: &Path) -> Result<Store, StoreError> {
        let label = path.display().to_string();
        let flags =
            rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY | rusqlite::OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let open = || -> Result<Connection, rusqlite::Error> {
            let conn = Connection::open_with_flags(path, flags)?;
            conn.busy_handler(Some(wait_for_lock))?;
            conn.set_prepared_statement_cache_capacity(64);
            codec::register(&conn)?;
            // Fails here, not at the first query, when the file is not a cache.
            let _: i64 = conn.query_row("PRAGMA user_version", [], |row| row.get(0))?;
            Ok(conn)
        };
        match open() {
            Ok(conn) => Ok(Store {
                checkpointer: None,
                conn,
                path: label,
            }),
            Err(source) => Err(classify_open(&label, source)),
        }
    }

    /// Opens `path` with a given busy timeout, migrated to `version` steps.
    pub(crate) fn open_with(
        path: &Path,
        busy_timeout: Duration,
        version: usize,
    ) -> Result<Store, StoreError> {
        let label = path.display().to_string();
        let conn = Connection::open(path).map_err(|source| classify_open(&label, source))?;
        let mut store = Self::init(conn, label, busy_timeout, version)?;
        if let Some(pages) = std::env::var(MAX_PAGES_VAR)
            .ok()
            .and_then(|v| v.trim().parse::<i64>().ok())
        {
            let result = store
                .conn
                .pragma_update(None, "max_page_count", pages)
                .map_err(StoreError::from);
            store.busy(result)?;
        }
        store.checkpointer = checkpoint::Checkpointer::start(path);
        if store.checkpointer.is_some() {
            let result = (|| {
                store
                    .conn
                    .pragma_update(None, "wal_autocheckpoint", WAL_AUTOCHECKPOINT_PAGES)?;
                store
                    .conn
                    .pragma_update(None, "journal_size_limit", WAL_SIZE_LIMIT)?;
                Ok(())
            })();
            store.busy(result)?;
        }
        Ok(store)
    }

    /// Sets the connection up (timeout, WAL, foreign keys, synchronous) and migrates it.
    fn init(
        mut conn: Connection,
        path: String,
        busy_timeout: Duration,
        version: usize,
    ) -> Result<Store, StoreError> {
        let setup = |conn: &mut Connection| -> Result<(), StoreError> {
            if busy_timeout == BUSY_TIMEOUT {
                conn.busy_handler(Some(wait_for_lock))?;
            } else {
                conn.busy_timeout(busy_timeout)?;
            }
            conn.set_prepared_statement_cache_capacity(64);
            codec::register(conn)?;
            // Only possible before the first table exists (an older cache keeps its settings
            // until a VACUUM): a new cache gives freed pages back to the file system (see
            // `Store::release_free_pages`), and has 16 KiB pages. An article row (packed
            // bodies, ~2.5 KB) left a third of each 4 KiB page unused: 35 of the 96 MB of
            // the refresh bench's articles table.
            let tables: i64 = conn.query_row(SCHEMA_OBJECTS, [], |row| row.get(0))?;
            if tables == 0 {
                conn.pragma_update(None, "page_size", PAGE_SIZE)?;
                conn.pragma_update(None, "auto_vacuum", "INCREMENTAL")?;
            }
            // In-memory databases answer "memory"; that is fine.
            let _mode: String =
                conn.pragma_update_and_check(None, "journal_mode", "WAL", |row| row.get(0))?;
            conn.pragma_update(None, "foreign_keys", "ON")?;
            conn.pragma_update(None, "synchronous", "NORMAL")?;
            migrations::migrate_to(conn, version)
        };
        match setup(&mut conn) {
            Ok(()) => Ok(Store {
                checkpointer: None,
                conn,
                path,
            }),
            Err(StoreError::Sql(source)) => Err(classify_open(&path, source)),
            Err(other) => Err(other),
        }
    }

    /// Gives this connection the page cache of writes that touch many pages ([`CACHE_KIB`],
    /// `large`) or SQLite's default back (which frees the pages over it). The extraction
    /// queue holds the large one while it has entities to write.
    pub fn set_write_cache(&self, large: bool) -> Result<(), StoreError> {
        let kib = if large { CACHE_KIB } else { DEFAULT_CACHE_KIB };
        let result = self
            .conn
            .pragma_update(None, "cache_size", -kib)
            .map_err(StoreError::from);
        self.busy(result)
    }

    /// Turns a lock timeout into [`StoreError::Busy`] naming this cache, and a damaged
    /// file, a read-only file or a full disk into their own errors (see [`classify`]).
    fn busy<T>(&self, result: Result<T, StoreError>) -> Result<T, StoreError> {
        match result {
            Err(StoreError::Sql(e)) => Err(classify(&self.path, e)),
            other => other,
        }
    }

    /// Makes the feeds table match the configured list: inserts new feeds, updates titles and
    /// tags, and hides (never deletes) feeds no longer configured, so their articles and
    /// reading state come back if the feed is re-added. A URL listed twice keeps its first
    /// position and title.
    pub fn sync_feeds(&mut self, specs: &[FeedSpec]) -> Result<(), StoreError> {
        let result = sync_feeds(&mut self.conn, specs);
        self.busy(result)
    }

    /// Configured feeds with unread and total counts, in configuration order.
    pub fn feeds(&self) -> Result<Vec<Feed>, StoreError> {
        let result = (|| {
            let mut tags: HashMap<i64, Vec<String>> = HashMap::new();
            let mut stmt = self.conn.prepare_cached(TAGS_ACTIVE)?;
            let rows = stmt.query_map([], |row| Ok((row.get::<_, i64>(0)?, row.get(1)?)))?;
            for row in rows {
                let (feed, tag) = row?;
                tags.entry(feed).or_default().push(tag);
            }
            let mut stmt = self.conn.prepare_cached(FEEDS_ACTIVE)?;
            let feeds = stmt
                .query_map([], feed_from_row)?
                .map(|feed| {
                    feed.map(|mut feed| {
                        feed.tags = tags.remove(&feed.id.0).unwrap_or_default();
                        feed
                    })
                })
                .collect::<Result<Vec<_>, _>>()?;
            Ok(feeds)
        })();
        self.busy(result)
    }

    /// The configured (active) feed with this exact URL, if any.
    pub fn feed_by_url(&self, url: &str) -> Result<Option<Feed>, StoreError> {
        let result = (|| {
            let mut stmt = self.conn.prepare_cached(FEED_BY_URL)?;
            let Some(mut feed) = stmt.query_row([url], feed_from_row).optional()? else {
                return Ok(None);
            };
            let mut stmt = self.conn.prepare_cached(TAGS_OF_FEED)?;
            feed.tags = stmt
                .query_map([feed.id.0], |row| row.get(0))?
                .collect::<Result<_, _>>()?;
            Ok(Some(feed))
        })();
        self.busy(result)
    }

    /// Records one fetch attempt in one transaction: on `Parsed`, inserts new articles and
    /// updates changed ones (never their read/starred state); an item whose GUID changed but
    /// whose link did not is the same article.
    ///
    /// Details: an item is matched by (feed, GUID); failing that, by (feed, link) when the
    /// link appears once in the document, exactly one stored article has it, and that
    /// article's GUID is no longer in the document (so feeds whose items all link to the
    /// home page are not merged). An item whose GUID repeats within the document is stored
    /// once (the first wins). An item pruned earlier (see [`Store::prune`]) is not stored
    /// again and counts as unchanged. A `moved_to` of `None` keeps the stored one; a success
    /// clears `last_error` and `retry_after`; a failure keeps the validators.
    pub fn record_fetch(
        &mut self,
        feed: FeedId,
        record: FetchRecord<'_>,
        now: DateTime<Utc>,
    ) -> Result<StoreStats, StoreError> {
        let result = record_fetch(&mut self.conn, feed, &record, None, now.timestamp());
        self.nudge_checkpoint();
        self.busy(result)
    }

    /// Records several fetch attempts, with the same rules as [`Store::record_fetch`] and
    /// one result per record, in order, in as few transactions as it can.
    ///
    /// Normally all of them go into one transaction, and the full-text index takes the new
    /// articles of all of them in one statement (fewer, larger index segments, fewer
    /// merges). If anything in it fails (one feed, the indexing or the commit), nothing of
    /// it is kept and each record is tried again in its own transaction, so one feed's
    /// failure costs the others only time. Either way a process killed half-way leaves
    /// every feed either fully recorded or not at all.
    ///
    /// There is deliberately no savepoint per feed: SQLite copies every page a savepoint
    /// changes into its journal first, and in a cold refresh of 500 feeds that copying
    /// (and releasing the savepoints) was a fifth of the cache thread's time, which is the
    /// refresh's critical path.
    pub fn record_fetches(
        &mut self,
        records: &[(FeedId, FetchRecord<'_>)],
        now: DateTime<Utc>,
    ) -> Vec<Result<StoreStats, StoreError>> {
        self.record_fetches_prepared(records, &[], now)
    }

    /// [`Store::record_fetches`], with the digests and packed bodies of some records made
    /// beforehand, on other threads: `prepared[i]` belongs to `records[i]` (missing or
    /// `None`: made here).
    pub fn record_fetches_prepared(
        &mut self,
        records: &[(FeedId, FetchRecord<'_>)],
        prepared: &[Option<Prepared>],
        now: DateTime<Utc>,
    ) -> Vec<Result<StoreStats, StoreError>> {
        let now = now.timestamp();
        let prepared_for = |i: usize| prepared.get(i).and_then(Option::as_ref);
        let results = match records {
            [] => Vec::new(),
            [(feed, record)] => vec![record_fetch(
                &mut self.conn,
                *feed,
                record,
                prepared_for(0),
                now,
            )],
            _ => match record_batch(&mut self.conn, records, &prepared_for, now) {
                Ok(results) => results,
                Err(e) => {
                    tracing::debug!(
                        "storing {} feeds together failed ({e}); one by one",
                        records.len()
                    );
                    records
                        .iter()
                        .enumerate()
                        .map(|(i, (feed, record))| {
                            record_fetch(&mut self.conn, *feed, record, prepared_for(i), now)
                        })
                        .collect()
                }
            },
        };
        self.nudge_checkpoint();
        results.into_iter().map(|r| self.busy(r)).collect()
    }

    /// Tells the background checkpoint (if any) that the log grew.
    fn nudge_checkpoint(&self) {
        if let Some(checkpointer) = &self.checkpointer {
            checkpointer.nudge();
        }
    }

    /// One article with its body.
    pub fn article(&self, id: ArticleId) -> Result<Article, StoreError> {
        let result = (|| {
            let mut stmt = self.conn.prepare_cached(ARTICLE_BY_ID)?;
            stmt.query_row([id.0], article_from_row)
                .optional()?
                .ok_or(StoreError::NoSuchArticle(id.0))
        })();
        self.busy(result)
    }

    /// Sets the read flag of the given articles, read now; returns how many changed (articles
    /// already in that state, and unknown ids, do not count).
    pub fn set_read(&mut self, ids: &[ArticleId], read: bool) -> Result<usize, StoreError> {
        self.set_read_at(ids, read, Utc::now())
    }

    /// [`Store::set_read`] with the time of reading given: marking read records `now` as
    /// the read time (a prune keeps the article for `keep_days` after it), marking unread
    /// clears it. Undoing a mark is this with `read: false` on the ids the mark changed.
    pub fn set_read_at(
        &mut self,
        ids: &[ArticleId],
        read: bool,
        now: DateTime<Utc>,
    ) -> Result<usize, StoreError> {
        let result = (|| {
            let asked = std::time::Instant::now();
            let tx = self
                .conn
                .transaction_with_behavior(TransactionBehavior::Immediate)?;
            // How long the write lock took (the tests of many processes on one cache read
            // these lines from the log).
            tracing::debug!(
                waited_ms = asked.elapsed().as_secs_f64() * 1e3,
                "set_read: write lock"
            );
            let mut changed = 0;
            {
                let mut stmt = tx.prepare_cached(SET_READ)?;
                for id in ids {
                    changed += stmt.execute(params![id.0, read, now.timestamp()])?;
                }
            }
            tx.commit()?;
            Ok(changed)
        })();
        self.busy(result)
    }

    /// Stars or unstars one article. Starred articles are never pruned.
    pub fn set_starred(&mut self, id: ArticleId, starred: bool) -> Result<(), StoreError> {
        let result = (|| {
            let changed = self
                .conn
                .prepare_cached(SET_STARRED)?
                .execute(params![id.0, starred])?;
            if changed == 0 {
                return Err(StoreError::NoSuchArticle(id.0));
            }
            Ok(())
        })();
        self.busy(result)
    }

    /// Runs SQLite's own consistency check; `"ok"` when the file is sound, otherwise the
    /// problems found, one per line.
    pub fn integrity_check(&self) -> Result<String, StoreError> {
        let result = (|| {
            let mut stmt = self.conn.prepare("PRAGMA integrity_check")?;
            let lines = stmt
                .query_map([], |row| row.get::<_, String>(0))?
                .collect::<Result<Vec<_>, _>>()?;
            Ok(lines.join("\n"))
        })();
        self.busy(result)
    }
}

/// [`classify`], keeping an unclassified failure as [`StoreError::Open`].
fn classify_open(path: &str, source: rusqlite::Error) -> StoreError {
    match classify(path, source) {
        StoreError::Sql(source) => StoreError::Open {
            path: path.to_string(),
            source,
        },
        other => other,
    }
}

/// The busy handler of every connection with the default timeout: sleeps [`BUSY_SLEEP`]
/// and tries again, until [`BUSY_TIMEOUT`] has passed (`tries` counts from 0).
fn wait_for_lock(tries: i32) -> bool {
    let limit = BUSY_TIMEOUT.as_millis() / BUSY_SLEEP.as_millis().max(1);
    if u128::try_from(tries).unwrap_or(0) >= limit {
        return false;
    }
    std::thread::sleep(BUSY_SLEEP);
    true
}

/// The configured feeds as the store keeps them, for [`feeds_match`].
const FEEDS_CONFIGURED: &str =
    "SELECT id, url, title_override, position FROM feeds WHERE active = 1 ORDER BY position, id";

/// Whether the active feeds already are `specs` (URLs, titles, positions and tags), so that
/// [`sync_feeds`] need not write: every command syncs the feeds when it opens the cache, and
/// a command that only reads (or marks one article) should not queue for the write lock
/// behind a refresh just to write what is already there.
fn feeds_match(conn: &Connection, specs: &[FeedSpec]) -> Result<bool, StoreError> {
    type Row = (String, Option<String>, i64, Vec<String>);
    let mut wanted: Vec<Row> = Vec::with_capacity(specs.len());
    let mut seen = HashSet::new();
    for (position, spec) in specs.iter().enumerate() {
        if seen.insert(spec.url.as_str()) {
            wanted.push((
                spec.url.clone(),
                spec.title.clone(),
                position as i64,
                spec.tags.clone(),
            ));
        }
    }
    let mut tags = conn.prepare_cached(TAGS_OF_FEED)?;
    let mut stmt = conn.prepare_cached(FEEDS_CONFIGURED)?;
    let mut rows = stmt.query([])?;
    let mut stored: Vec<Row> = Vec::with_capacity(wanted.len());
    while let Some(row) = rows.next()? {
        if stored.len() >= wanted.len() {
            return Ok(false);
        }
        let id: i64 = row.get(0)?;
        let feed_tags = tags
            .query_map([id], |r| r.get(0))?
            .collect::<Result<Vec<String>, _>>()?;
        stored.push((row.get(1)?, row.get(2)?, row.get(3)?, feed_tags));
    }
    Ok(stored == wanted)
}

fn sync_feeds(conn: &mut Connection, specs: &[FeedSpec]) -> Result<(), StoreError> {
    if feeds_match(conn, specs)? {
        return Ok(());
    }
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    {
        tx.prepare_cached(FEEDS_DEACTIVATE_ALL)?.execute([])?;
        let mut upsert = tx.prepare_cached(FEED_UPSERT)?;
        let mut clear = tx.prepare_cached(TAGS_CLEAR)?;
        let mut tag_insert = tx.prepare_cached(TAG_INSERT)?;
        let mut seen = HashSet::new();
        for (position, spec) in specs.iter().enumerate() {
            if !seen.insert(spec.url.as_str()) {
                continue;
            }
            let id: i64 = upsert
                .query_row(params![spec.url, spec.title, position as i64], |row| {
                    row.get(0)
                })?;
            clear.execute([id])?;
            for (tag_position, tag) in spec.tags.iter().enumerate() {
                tag_insert.execute(params![id, tag, tag_position as i64])?;
            }
        }
    }
    tx.commit()?;
    Ok(())
}

fn record_fetch<'a>(
    conn: &mut Connection,
    feed: FeedId,
    record: &FetchRecord<'a>,
    prepared: Option<&'a Prepared>,
    now: i64,
) -> Result<StoreStats, StoreError> {
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    let mut to_index = ToIndex::default();
    let stats = record_in(&tx, feed, record, prepared, now, &mut to_index)?;
    to_index.index(&tx)?;
    tx.commit()?;
    Ok(stats)
}

/// [`Store::record_fetches`] in one transaction; `Err` when it failed (nothing kept),
/// otherwise every record's result.
///
/// Statement journals are kept in memory (`temp_store = MEMORY` for the batch): a statement
/// that may fail half-way (an insert whose triggers write other tables) keeps the original
/// of every page it changes in a journal that SQLite otherwise moves to a file under
/// `/var/tmp` past 64 KiB. With a savepoint per feed, as this once had, a cold refresh of
/// 500 feeds x 50 items made 601,217 `pwrite` calls (`strace -c`), most of them to those
/// files, with a third of its CPU time in the kernel.
fn record_batch<'a>(
    conn: &mut Connection,
    records: &[(FeedId, FetchRecord<'a>)],
    prepared: &dyn Fn(usize) -> Option<&'a Prepared>,
    now: i64,
) -> Result<Vec<Result<StoreStats, StoreError>>, StoreError> {
    conn.pragma_update(None, "temp_store", "MEMORY")?;
    let results = record_batch_in(conn, records, prepared, now);
    let restored = conn.pragma_update(None, "temp_store", "DEFAULT");
    let results = results?;
    restored?;
    Ok(results)
}

fn record_batch_in<'a>(
    conn: &mut Connection,
    records: &[(FeedId, FetchRecord<'a>)],
    prepared: &dyn Fn(usize) -> Option<&'a Prepared>,
    now: i64,
) -> Result<Vec<Result<StoreStats, StoreError>>, StoreError> {
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    let mut results = Vec::with_capacity(records.len());
    let mut to_index = ToIndex::default();
    let mut seen = HashSet::with_capacity(records.len());
    for (i, (feed, record)) in records.iter().enumerate() {
        if !seen.insert(*feed) {
            // The same feed twice: its articles must be in the index before it changes them
            // again (an update takes the old values out of the index first).
            to_index.index(&tx)?;
            to_index.clear();
        }
        // No savepoint per feed: one feed's failure (rare: a feed deleted meanwhile, a full
        // disk) drops the whole transaction, and the caller stores each feed on its own.
        results.push(Ok(record_in(
            &tx,
            *feed,
            record,
            prepared(i),
            now,
            &mut to_index,
        )?));
    }
    // All at the end: FTS5 writes its pending terms out at each savepoint (every statement
    // with triggers opens one), so indexing as it went would make a segment per feed.
    to_index.index(&tx)?;
    tx.commit()?;
    Ok(results)
}

/// Adds the articles `ids` to the full-text index, in one statement.
fn index_articles(conn: &Connection, ids: &[i64]) -> Result<(), StoreError> {
    if !ids.is_empty() {
        conn.prepare_cached(FTS_INDEX)?.execute([to_json(&ids)])?;
    }
    Ok(())
}

/// The articles a write must add to the full-text index once its savepoints are released
/// (FTS5 writes its pending terms out at each savepoint).
#[derive(Default)]
pub(crate) struct ToIndex<'a> {
    /// Changed articles, indexed from the cache (with a fetched page's text).
    stored: Vec<i64>,
    /// New articles, indexed from the values just written.
    new: Vec<(i64, &'a NewArticle)>,
}

impl<'a> ToIndex<'a> {
    fn clear(&mut self) {
        self.stored.clear();
        self.new.clear();
    }

    /// Indexes them all on `conn`.
    pub(crate) fn index(&self, conn: &Connection) -> Result<(), StoreError> {
        index_articles(conn, &self.stored)?;
        if !self.new.is_empty() {
            let mut insert = conn.prepare_cached(FTS_INDEX_NEW)?;
            for (id, article) in &self.new {
                insert.execute(params![
                    id,
                    article.title,
                    article.text,
                    to_json(&article.authors)
                ])?;
            }
        }
        Ok(())
    }
}

/// Records one fetch on `conn` (inside the caller's transaction or savepoint), pushing the
/// ids of new and changed articles, which the caller must index, onto `to_index`.
fn record_in<'a>(
    conn: &Connection,
    feed: FeedId,
    record: &FetchRecord<'a>,
    prepared: Option<&'a Prepared>,
    now: i64,
    to_index: &mut ToIndex<'a>,
) -> Result<StoreStats, StoreError> {
    let stats = match record {
        FetchRecord::Parsed {
            feed: parsed,
            etag,
            last_modified,
            moved_to,
        } => {
            let changed = conn.prepare_cached(FEED_PARSED)?.execute(params![
                feed.0,
                parsed.title,
                parsed.site_link,
                etag,
                last_modified,
                moved_to,
                now
            ])?;
            if changed == 0 {
                return Err(StoreError::NoSuchFeed(feed.0));
            }
            store_articles(conn, feed, parsed, prepared, now, to_index)?
        }
        FetchRecord::NotModified { moved_to } => {
            let changed = conn
                .prepare_cached(FEED_NOT_MODIFIED)?
                .execute(params![feed.0, moved_to, now])?;
            if changed == 0 {
                return Err(StoreError::NoSuchFeed(feed.0));
            }
            StoreStats::default()
        }
        FetchRecord::Failed { error, retry_after } => {
            let changed = conn.prepare_cached(FEED_FAILED)?.execute(params![
                feed.0,
                now,
                error,
                retry_after.map(|t| t.timestamp())
            ])?;
            if changed == 0 {
                return Err(StoreError::NoSuchFeed(feed.0));
            }
            StoreStats::default()
        }
    };
    Ok(stats)
}

/// What storing one item of a document does.
enum Write {
    /// Changes the stored article with this id (a new GUID, or new content).
    Update(i64),
    /// Adds it.
    Insert,
}

/// Stores the items of one parsed document; see [`Store::record_fetch`] for the rules. The
/// new and changed articles go onto `to_index`, for the caller to index.
///
/// In two passes: the first decides each item's fate (reads only, and tombstones' last-seen
/// times), then the bodies of the items to write are packed, on several threads when there
/// are many, and the second pass writes them. An item's fate never depends on another item
/// of the same document being written first: a GUID is handled once, and an item is matched
/// by link only when no other item of the document has that link or the matched GUID.
/// The content digests and packed bodies of a parsed feed's articles, made ahead of the
/// store thread (see [`Store::record_fetches_prepared`]): the CPU work of storing an
/// article that needs no database.
#[derive(Debug)]
pub struct Prepared {
    /// Per article of the document, in its order: [`content_hash`] and the packed bodies.
    articles: Vec<(Vec<u8>, codec::Bodies)>,
    /// The articles' GUIDs, to check that it is used with the document it was made from.
    guids: Vec<String>,
}

impl Prepared {
    /// Digests and packs every article of `parsed`. Worth it where every article is likely
    /// new (a feed with nothing stored yet); otherwise most of the packing is wasted on
    /// articles the store finds unchanged.
    pub fn of(parsed: &ParsedFeed) -> std::io::Result<Prepared> {
        let articles = parsed
            .articles
            .iter()
            .map(|item| Ok((content_hash(item), codec::bodies(item)?)))
            .collect::<std::io::Result<_>>()?;
        let guids = parsed.articles.iter().map(|a| a.guid.clone()).collect();
        Ok(Prepared { articles, guids })
    }

    /// Whether it was made from `parsed` (the same articles, in the same order).
    fn is_of(&self, parsed: &ParsedFeed) -> bool {
        self.guids.len() == parsed.articles.len()
            && self
                .guids
                .iter()
                .zip(&parsed.articles)
                .all(|(g, a)| *g == a.guid)
    }
}

pub(crate) fn store_articles<'a>(
    conn: &Connection,
    feed: FeedId,
    parsed: &'a ParsedFeed,
    prepared: Option<&'a Prepared>,
    now: i64,
    to_index: &mut ToIndex<'a>,
) -> Result<StoreStats, StoreError> {
    // Made from this very document, or not used.
    let prepared = prepared.filter(|p| p.is_of(parsed));
    let guids_in_doc: HashSet<&str> = parsed.articles.iter().map(|a| a.guid.as_str()).collect();
    let mut link_uses: HashMap<&str, u32> = HashMap::new();
    for link in parsed.articles.iter().filter_map(|a| a.link.as_deref()) {
        *link_uses.entry(link).or_default() += 1;
    }

    let mut by_guid = conn.prepare_cached(FIND_BY_GUID)?;
    let mut by_link = conn.prepare_cached(FIND_BY_LINK)?;
    let mut tomb_guid = conn.prepare_cached(TOMBSTONE_TOUCH_GUID)?;
    let mut tomb_link = conn.prepare_cached(TOMBSTONE_TOUCH_LINK)?;

    let mut stats = StoreStats::default();
    let mut done: HashSet<&str> = HashSet::with_capacity(parsed.articles.len());
    let mut writes: Vec<(usize, Write, Vec<u8>)> = Vec::new();
    for (index, item) in parsed.articles.iter().enumerate() {
        if !done.insert(item.guid.as_str()) {
            continue; // The same GUID twice in one document: the first wins.
        }
        let hash = match prepared {
            Some(p) => p.articles[index].0.clone(),
            None => content_hash(item),
        };
        let unique_link = item
            .link
            .as_deref()
            .filter(|link| link_uses.get(link) == Some(&1));

        let mut target: Option<(i64, bool)> = by_guid
            .query_row(params![feed.0, item.guid], |row| {
                Ok((row.get(0)?, row.get::<_, Vec<u8>>(1)? == hash))
            })
            .optional()?;
        if target.is_none()
            && let Some(link) = unique_link
        {
            let found = by_link
                .query_map(params![feed.0, link], |row| {
                    Ok((row.get::<_, i64>(0)?, row.get::<_, String>(1)?))
                })?
                .collect::<Result<Vec<_>, _>>()?;
            if let [(id, old_guid)] = found.as_slice()
                && !guids_in_doc.contains(old_guid.as_str())
            {
                // The GUID changed, the link did not: the same article. Written even if the
                // content is the same, to record the new GUID.
                target = Some((*id, false));
            }
        }

        match target {
            Some((_, true)) => stats.unchanged += 1,
            Some((id, false)) => writes.push((index, Write::Update(id), hash)),
            None => {
                let pruned = tomb_guid.execute(params![feed.0, item.guid, now])? > 0
                    || match unique_link {
                        Some(link) => tomb_link.execute(params![feed.0, link, now])? > 0,
                        None => false,
                    };
                if pruned {
                    stats.unchanged += 1;
                } else {
                    writes.push((index, Write::Insert, hash));
                }
            }
        }
    }
    if writes.is_empty() {
        return Ok(stats);
    }

    let bodies: Vec<Cow<'a, codec::Bodies>> = match prepared {
        Some(p) => writes
            .iter()
            .map(|(index, _, _)| Cow::Borrowed(&p.articles[*index].1))
            .collect(),
        None => {
            let items: Vec<&NewArticle> = writes
                .iter()
                .map(|(index, _, _)| &parsed.articles[*index])
                .collect();
            codec::pack_bodies(&items)
                .map_err(|e| StoreError::Sql(rusqlite::Error::UserFunctionError(Box::new(e))))?
                .into_iter()
                .map(Cow::Owned)
                .collect()
        }
    };
    let mut insert = conn.prepare_cached(ARTICLE_INSERT)?;
    let mut update = conn.prepare_cached(ARTICLE_UPDATE)?;
    for ((index, write, hash), bodies) in writes.into_iter().zip(bodies) {
        let item = &parsed.articles[index];
        match write {
            Write::Update(id) => {
                // Out of the index with the old values, back in with the new (below).
                conn.prepare_cached(FTS_UNINDEX)?
                    .execute([to_json(&[id])])?;
                to_index.stored.push(id);
                update.execute(params![
                    id,
                    item.guid,
                    item.link,
                    item.title,
                    to_json(&item.authors),
                    item.published.map(|t| t.timestamp()),
                    item.updated.map(|t| t.timestamp()),
                    bodies.summary,
                    bodies.content,
                    bodies.text,
                    to_json(&item.enclosures),
                    to_json(&item.categories),
                    hash,
                    bodies.words,
                ])?;
                stats.updated += 1;
            }
            Write::Insert => {
                let inserted = insert.execute(params![
                    feed.0,
                    item.guid,
                    item.link,
                    item.title,
                    to_json(&item.authors),
                    item.published.map_or(now, |t| t.timestamp()),
                    item.updated.map(|t| t.timestamp()),
                    bodies.summary,
                    bodies.content,
                    bodies.text,
                    to_json(&item.enclosures),
                    to_json(&item.categories),
                    now,
                    hash,
                    bodies.words,
                ])?;
                if inserted > 0 {
                    stats.new += 1;
                    to_index.new.push((conn.last_insert_rowid(), item));
                } else {
                    stats.unchanged += 1;
                }
            }
        }
    }
    Ok(stats)
}

/// A digest of everything a feed can change about an item, to tell an update from a repeat.
/// Each field is length-prefixed so moving text between fields changes the digest.
fn content_hash(item: &NewArticle) -> Vec<u8> {
    fn field(h: &mut Sha256, value: Option<&[u8]>) {
        match value {
            None => h.update([0u8]),
            Some(bytes) => {
                h.update([1u8]);
                h.update((bytes.len() as u64).to_le_bytes());
                h.update(bytes);
            }
        }
    }
    fn time(h: &mut Sha256, value: Option<DateTime<Utc>>) {
        field(
            h,
            value
                .map(|t| t.timestamp().to_le_bytes())
                .as_ref()
                .map(|b| &b[..]),
        );
    }
    let mut h = Sha256::new();
    field(&mut h, Some(item.title.as_bytes()));
    field(&mut h, item.link.as_deref().map(str::as_bytes));
    field(&mut h, Some(to_json(&item.authors).as_bytes()));
    time(&mut h, item.published);
    time(&mut h, item.updated);
    field(&mut h, item.summary_html.as_deref().map(str::as_bytes));
    field(&mut h, item.content_html.as_deref().map(str::as_bytes));
    field(&mut h, Some(item.text.as_bytes()));
    field(&mut h, Some(to_json(&item.enclosures).as_bytes()));
    field(&mut h, Some(to_json(&item.categories).as_bytes()));
    h.finalize().to_vec()
}

/// JSON text for a list column. Lists of strings and enclosures always serialise; the
/// fallback (an empty list) only guards against a future type that could fail.
pub(crate) fn to_json<T: Serialize>(value: &T) -> String {
    serde_json::to_string(value).unwrap_or_else(|_| "[]".to_string())
}

/// Reads a JSON list column, reporting a malformed cell as a conversion error.
fn from_json<T: DeserializeOwned>(row: &Row<'_>, idx: usize) -> rusqlite::Result<T> {
    let text: String = row.get(idx)?;
    serde_json::from_str(&text).map_err(|e| {
        rusqlite::Error::FromSqlConversionFailure(idx, rusqlite::types::Type::Text, Box::new(e))
    })
}

/// A stored unix time as UTC; out-of-range values (never written by us) read as the epoch.
fn time_of(secs: i64) -> DateTime<Utc> {
    DateTime::from_timestamp(secs, 0).unwrap_or_default()
}

fn opt_time(row: &Row<'_>, idx: usize) -> rusqlite::Result<Option<DateTime<Utc>>> {
    Ok(row.get::<_, Option<i64>>(idx)?.map(time_of))
}

fn count(row: &Row<'_>, idx: usize) -> rusqlite::Result<u32> {
    Ok(u32::try_from(row.get::<_, i64>(idx)?).unwrap_or(u32::MAX))
}

fn feed_from_row(row: &Row<'_>) -> rusqlite::Result<Feed> {
    Ok(Feed {
        id: FeedId(row.get(0)?),
        url: row.get(1)?,
        title: row.get(2)?,
        feed_title: row.get(3)?,
        site_link: row.get(4)?,
        tags: Vec::new(),
        etag: row.get(5)?,
        last_modified: row.get(6)?,
        last_fetch: opt_time(row, 7)?,
        last_success: opt_time(row, 8)?,
        last_error: row.get(9)?,
        moved_to: row.get(10)?,
        retry_after: opt_time(row, 11)?,
        unread: count(row, 12)?,
        total: count(row, 13)?,
    })
}

fn summary_from_row(row: &Row<'_>) -> rusqlite::Result<ArticleSummary> {
    Ok(ArticleSummary {
        id: ArticleId(row.get(0)?),
        feed_id: FeedId(row.get(1)?),
        feed_title: row.get(2)?,
        title: row.get(3)?,
        link: row.get(4)?,
        authors: from_json(row, 5)?,
        published: time_of(row.get(6)?),
        read: row.get(7)?,
        starred: row.get(8)?,
    })
}

fn article_from_row(row: &Row<'_>) -> rusqlite::Result<Article> {
    Ok(Article {
        id: ArticleId(row.get(0)?),
        feed_id: FeedId(row.get(1)?),
        feed_title: row.get(2)?,
        guid: row.get(3)?,
        title: row.get(4)?,
        link: row.get(5)?,
        authors: from_json(row, 6)?,
        published: time_of(row.get(7)?),
        updated: opt_time(row, 8)?,
        summary_html: row.get(9)?,
        content_html: row.get(10)?,
        text: row.get(11)?,
        enclosures: from_json(row, 12)?,
        categories: from_json(row, 13)?,
        read: row.get(14)?,
        starred: row.get(15)?,
        first_seen: time_of(row.get(16)?),
    })
}

#[cfg(test)]
mod count_tests;
#[cfg(test)]
mod disk_tests;
#[cfg(test)]
mod prune_tests;
#[cfg(test)]
mod scan_tests;
#[cfg(test)]
mod tests;
