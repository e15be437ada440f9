//! The cache: an embedded SQLite database that owns every byte of SQL in dateline.
//!
//! WAL, foreign keys, numbered append-only migrations (PRAGMA user_version), one transaction
//! per stored feed, a busy timeout so a second process waits instead of failing. Reading
//! state (read, starred) is never overwritten by a refresh. This module never imports
//! ratatui, tokio or reqwest.

mod migrations;

use std::path::Path;

use chrono::{DateTime, Utc};

use crate::model::{
    Article, ArticleId, ArticleSummary, Feed, FeedId, FeedSpec, ParsedFeed, StoreStats,
};

/// A database problem, written for the user.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("the cache {path} is in use by another dateline and stayed locked")]
    Busy { path: String },
    #[error("the cache was written by a newer dateline (schema {found}, this one knows {known})")]
    TooNew { found: i64, known: i64 },
    #[error("cannot open the cache {path}: {source}")]
    Open {
        path: String,
        source: rusqlite::Error,
    },
    #[error("no such article: {0}")]
    NoSuchArticle(i64),
    #[error("database error: {0}")]
    Sql(#[from] rusqlite::Error),
}

/// Which articles a list shows.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ArticleFilter {
    pub unread_only: bool,
    pub feed: Option<FeedId>,
    pub limit: Option<u32>,
    pub offset: u32,
}

/// The result of a fetch, as the store records it.
#[derive(Debug, Clone, PartialEq)]
pub enum FetchRecord<'a> {
    Parsed {
        feed: &'a ParsedFeed,
        etag: Option<&'a str>,
        last_modified: Option<&'a str>,
        moved_to: Option<&'a str>,
    },
    NotModified {
        moved_to: Option<&'a str>,
    },
    Failed {
        error: &'a str,
        retry_after: Option<DateTime<Utc>>,
    },
}

/// An open cache.
pub struct Store {
    conn: rusqlite::Connection,
}

impl Store {
    /// Opens (creating if needed) and migrates the cache at `path`.
    pub fn open(path: &Path) -> Result<Store, StoreError> {
        todo!("{path:?}")
    }

    /// A fresh in-memory cache, for tests and `--demo`.
    pub fn open_in_memory() -> Result<Store, StoreError> {
        todo!()
    }

    /// Makes the feeds table match the configured list: inserts new feeds, updates titles and
    /// tags, and hides (never deletes) feeds no longer configured, so their articles and
    /// reading state come back if the feed is re-added.
    pub fn sync_feeds(&mut self, specs: &[FeedSpec]) -> Result<(), StoreError> {
        todo!("{specs:?}")
    }

    /// Configured feeds with unread and total counts, in configuration order.
    pub fn feeds(&self) -> Result<Vec<Feed>, StoreError> {
        todo!()
    }

    /// The configured feed with this URL.
    pub fn feed_by_url(&self, url: &str) -> Result<Option<Feed>, StoreError> {
        todo!("{url}")
    }

    /// Records one fetch attempt in one transaction: on `Parsed`, inserts new articles and
    /// updates changed ones (never their read/starred state); an item whose GUID changed but
    /// whose link did not is the same article.
    pub fn record_fetch(
        &mut self,
        feed: FeedId,
        record: FetchRecord<'_>,
        now: DateTime<Utc>,
    ) -> Result<StoreStats, StoreError> {
        todo!("{feed:?}{record:?}{now}")
    }

    /// Articles newest first, without bodies.
    pub fn articles(&self, filter: &ArticleFilter) -> Result<Vec<ArticleSummary>, StoreError> {
        todo!("{filter:?}")
    }

    /// One article with its body.
    pub fn article(&self, id: ArticleId) -> Result<Article, StoreError> {
        todo!("{id:?}")
    }

    /// Sets the read flag of the given articles; returns how many changed.
    pub fn set_read(&mut self, ids: &[ArticleId], read: bool) -> Result<usize, StoreError> {
        todo!("{ids:?}{read}")
    }

    /// Marks every article the filter selects (limit and offset ignored) as read.
    pub fn mark_all_read(&mut self, filter: &ArticleFilter) -> Result<usize, StoreError> {
        todo!("{filter:?}")
    }

    pub fn set_starred(&mut self, id: ArticleId, starred: bool) -> Result<(), StoreError> {
        todo!("{id:?}{starred}")
    }

    /// Deletes read, unstarred articles first seen more than `keep_days` ago; returns how many.
    pub fn prune(&mut self, keep_days: u32, now: DateTime<Utc>) -> Result<usize, StoreError> {
        todo!("{keep_days}{now}")
    }
}
