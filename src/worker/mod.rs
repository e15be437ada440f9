//! The worker: drives fetch → parse → store for the CLI and the interface.
//!
//! The store lives on one dedicated thread ([`StoreActor`]) that owns the SQLite connection;
//! everything else talks to it through jobs, so no async task ever blocks on disk and the
//! connection is never shared. A refresh runs every feed as its own task: fetching is
//! bounded by the [`Fetcher`]'s own limits, parsing runs on the blocking pool, and each feed
//! is stored in one transaction as soon as it is parsed. Progress comes back as
//! [`RefreshEvent`]s on one channel; a failing feed is an event, never an error of the run.

pub mod extract;
pub mod session;

use std::sync::Arc;
use std::sync::mpsc as std_mpsc;
use std::thread;
use std::time::Instant;

use chrono::{DateTime, Utc};
use serde::Serialize;
use tokio::sync::{Semaphore, mpsc, oneshot};
use tokio::task::JoinSet;

use crate::fetch::discover;
use crate::fetch::{FetchError, FetchRequest, FetchResponse, Fetcher, parse_feed};
use crate::model::{Feed, FeedId, ParsedFeed};
use crate::store::{FetchRecord, Store, StoreError};

type Job = Box<dyn FnOnce(&mut Store) + Send>;

/// Errors of the worker itself (not of a feed).
#[derive(Debug, thiserror::Error)]
pub enum WorkerError {
    #[error("the cache thread stopped")]
    StoreGone,
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// A handle to the thread that owns the [`Store`]. Cheap to clone.
#[derive(Clone)]
pub struct StoreActor {
    tx: std_mpsc::Sender<Job>,
}

impl StoreActor {
    /// Moves `store` onto its own thread. The thread ends when the last handle is dropped,
    /// and gives the store back through its join handle.
    pub fn spawn(mut store: Store) -> std::io::Result<(StoreActor, thread::JoinHandle<Store>)> {
        let (tx, rx) = std_mpsc::channel::<Job>();
        let handle = thread::Builder::new()
            .name("dateline-store".into())
            .spawn(move || {
                while let Ok(job) = rx.recv() {
                    job(&mut store);
                }
                store
            })?;
        Ok((StoreActor { tx }, handle))
    }

    /// Runs `f` on the store thread and waits for its result without blocking the runtime.
    pub async fn call<R, F>(&self, f: F) -> Result<R, WorkerError>
    where
        R: Send + 'static,
        F: FnOnce(&mut Store) -> R + Send + 'static,
    {
        let (reply, rx) = oneshot::channel();
        self.tx
            .send(Box::new(move |store: &mut Store| {
                let _ = reply.send(f(store));
            }))
            .map_err(|_| WorkerError::StoreGone)?;
        rx.await.map_err(|_| WorkerError::StoreGone)
    }

    /// Runs `f` on the store thread and blocks the calling (non-async) thread for the result.
    pub fn call_blocking<R, F>(&self, f: F) -> Result<R, WorkerError>
    where
        R: Send + 'static,
        F: FnOnce(&mut Store) -> R + Send + 'static,
    {
        let (reply, rx) = std_mpsc::channel();
        self.tx
            .send(Box::new(move |store: &mut Store| {
                let _ = reply.send(f(store));
            }))
            .map_err(|_| WorkerError::StoreGone)?;
        rx.recv().map_err(|_| WorkerError::StoreGone)
    }
}

/// What happened to one feed during a refresh.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "status", rename_all = "snake_case")]
pub enum FeedOutcome {
    /// Fetched and parsed; `new` articles appeared, `updated` changed.
    Ok { new: u32, updated: u32 },
    /// The server said 304 (or the file is unchanged).
    NotModified,
    /// Fetching, parsing or storing failed; the message is for the user.
    Failed { error: String },
    /// Not fetched: the server asked us to wait (Retry-After) until this time.
    Skipped { until: DateTime<Utc> },
}

/// One feed's result.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FeedReport {
    pub feed_id: FeedId,
    pub url: String,
    pub title: String,
    #[serde(flatten)]
    pub outcome: FeedOutcome,
    /// Where a permanent redirect says the feed now lives.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub moved_to: Option<String>,
}

/// Totals of a refresh run.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize)]
pub struct RefreshSummary {
    pub feeds: u32,
    pub ok: u32,
    pub not_modified: u32,
    pub failed: u32,
    pub skipped: u32,
    pub new_articles: u32,
    pub updated_articles: u32,
    pub pruned_articles: u32,
    /// Wall-clock seconds.
    pub seconds: f64,
}

impl RefreshSummary {
    fn add(&mut self, outcome: &FeedOutcome) {
        match outcome {
            FeedOutcome::Ok { new, updated } => {
                self.ok += 1;
                self.new_articles += new;
                self.updated_articles += updated;
            }
            FeedOutcome::NotModified => self.not_modified += 1,
            FeedOutcome::Failed { .. } => self.failed += 1,
            FeedOutcome::Skipped { .. } => self.skipped += 1,
        }
    }
}

/// Progress of a refresh, in order: `Started`, one `Feed` per feed, `Finished`.
#[derive(Debug, Clone, PartialEq)]
pub enum RefreshEvent {
    Started { total: usize },
    Feed(FeedReport),
    Finished(RefreshSummary),
}

/// Refreshes `feeds`: fetch, parse and store each, sending progress on `events` (a closed
/// receiver is fine). Prunes afterwards when `keep_days` is set. Only a dead store thread is
/// an error; every per-feed problem is reported in the feed's event.
pub async fn refresh(
    store: &StoreActor,
    fetcher: &Fetcher,
    feeds: Vec<Feed>,
    keep_days: Option<u32>,
    events: mpsc::UnboundedSender<RefreshEvent>,
) -> Result<RefreshSummary, WorkerError> {
    let started = Instant::now();
    let _ = events.send(RefreshEvent::Started { total: feeds.len() });
    let mut summary = RefreshSummary {
        feeds: feeds.len() as u32,
        ..RefreshSummary::default()
    };
    let cores = std::thread::available_parallelism().map_or(2, |n| n.get());
    let parsers = Arc::new(Stages {
        parsing: Semaphore::new(cores),
        unstored: Semaphore::new(2 * cores),
    });
    let mut tasks = JoinSet::new();
    for feed in feeds {
        let store = store.clone();
        let fetcher = fetcher.clone();
        let parsers = Arc::clone(&parsers);
        tasks.spawn(async move { refresh_one(&store, &fetcher, &parsers, feed).await });
    }
    while let Some(joined) = tasks.join_next().await {
        let report = match joined {
            Ok(Ok(report)) => report,
            Ok(Err(e)) => return Err(e),
            // A panic inside one feed's task (a parser bug) must not end the run.
            Err(e) => {
                tracing::error!("a feed task failed: {e}");
                summary.failed += 1;
                continue;
            }
        };
        summary.add(&report.outcome);
        let _ = events.send(RefreshEvent::Feed(report));
    }
    if let Some(days) = keep_days {
        let now = Utc::now();
        summary.pruned_articles = store.call(move |s| s.prune(days, now)).await?? as u32;
    }
    summary.seconds = started.elapsed().as_secs_f64();
    let _ = events.send(RefreshEvent::Finished(summary));
    Ok(summary)
}

/// Bounds on the CPU and memory a refresh uses between download and store.
struct Stages {
    /// Parsing is CPU work: at most one feed per core at a time, so downloads that outrun
    /// the parser wait as bytes instead of as half-built parse trees on blocking threads.
    parsing: Semaphore,
    /// Parsed feeds waiting for the (single) store thread: a few, not hundreds of
    /// megabytes of parsed articles when the store is the slow stage.
    unstored: Semaphore,
}

/// Fetches, parses and stores one feed.
async fn refresh_one(
    store: &StoreActor,
    fetcher: &Fetcher,
    parsers: &Stages,
    feed: Feed,
) -> Result<FeedReport, WorkerError> {
    let now = Utc::now();
    let mut report = FeedReport {
        feed_id: feed.id,
        url: feed.url.clone(),
        title: feed.title.clone(),
        outcome: FeedOutcome::NotModified,
        moved_to: None,
    };
    if let Some(until) = feed.retry_after.filter(|t| *t > now) {
        report.outcome = FeedOutcome::Skipped { until };
        return Ok(report);
    }
    let request = FetchRequest {
        url: feed.url.clone(),
        etag: feed.etag.clone(),
        last_modified: feed.last_modified.clone(),
    };
    let id = feed.id;
    let fetched = fetcher.fetch(&request).await;
    let result = match fetched {
        Ok(FetchResponse::NotModified { moved_to }) => {
            report.moved_to.clone_from(&moved_to);
            store
                .call(move |s| {
                    s.record_fetch(
                        id,
                        FetchRecord::NotModified {
                            moved_to: moved_to.as_deref(),
                        },
                        Utc::now(),
                    )
                })
                .await?
                .map(|_| FeedOutcome::NotModified)
        }
        Ok(FetchResponse::Modified {
            body,
            final_url,
            content_type,
            etag,
            last_modified,
            moved_to,
        }) => {
            report.moved_to.clone_from(&moved_to);
            // `None` only if a semaphore were closed, which they never are.
            let _unstored = parsers.unstored.acquire().await.ok();
            let permit = parsers.parsing.acquire().await.ok();
            let parsed = tokio::task::spawn_blocking(move || {
                parse_body(&body, &final_url, content_type.as_deref())
            })
            .await
            .unwrap_or_else(|e| Err(format!("the parser crashed: {e}")));
            drop(permit);
            match parsed {
                Ok(parsed) => store
                    .call(move |s| {
                        s.record_fetch(
                            id,
                            FetchRecord::Parsed {
                                feed: &parsed,
                                etag: etag.as_deref(),
                                last_modified: last_modified.as_deref(),
                                moved_to: moved_to.as_deref(),
                            },
                            Utc::now(),
                        )
                    })
                    .await?
                    .map(|stats| FeedOutcome::Ok {
                        new: stats.new,
                        updated: stats.updated,
                    }),
                Err(message) => record_failure(store, id, message, None).await?,
            }
        }
        Err(error) => {
            let retry_after = match &error {
                FetchError::Status { retry_after, .. } => *retry_after,
                _ => None,
            };
            record_failure(store, id, error.to_string(), retry_after).await?
        }
    };
    report.outcome = match result {
        Ok(outcome) => outcome,
        // A database error while storing one feed is that feed's failure.
        Err(e) => FeedOutcome::Failed {
            error: e.to_string(),
        },
    };
    Ok(report)
}

async fn record_failure(
    store: &StoreActor,
    id: FeedId,
    message: String,
    retry_after: Option<DateTime<Utc>>,
) -> Result<Result<FeedOutcome, StoreError>, WorkerError> {
    let error = message.clone();
    let stored = store
        .call(move |s| {
            s.record_fetch(
                id,
                FetchRecord::Failed {
                    error: &error,
                    retry_after,
                },
                Utc::now(),
            )
        })
        .await?;
    Ok(stored.map(|_| FeedOutcome::Failed { error: message }))
}

/// Parses a fetched body; an HTML page becomes an error naming the feeds it links.
fn parse_body(body: &[u8], base: &str, content_type: Option<&str>) -> Result<ParsedFeed, String> {
    match parse_feed(body, base, Utc::now()) {
        Ok(parsed) => Ok(parsed),
        Err(parse_error) => {
            if discover::looks_like_html(body, content_type) {
                Err(FetchError::NotAFeed {
                    reason: "an HTML page".into(),
                    alternates: discover::alternate_feeds(body, base),
                }
                .to_string())
            } else {
                Err(parse_error.to_string())
            }
        }
    }
}
