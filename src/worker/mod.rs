//! The worker: drives fetch → parse → store for the CLI and the interface.
//!
//! The store lives on one dedicated thread ([`StoreActor`]) that owns the SQLite connection;
//! everything else talks to it through jobs, so no async task ever blocks on disk and the
//! connection is never shared. A refresh runs every feed as its own task: fetching is
//! bounded by the [`Fetcher`]'s own limits, parsing runs on the blocking pool, and each feed
//! is stored as soon as it is parsed. Results that queue up while the store is busy go into
//! one transaction (a savepoint per feed, so one feed's failure loses only that feed), which
//! makes the full-text index cheaper to keep. Progress comes back as
//! [`RefreshEvent`]s on one channel; a failing feed is an event, never an error of the run.

pub mod body;
pub mod download;
pub mod extract;
pub mod ignore;
pub mod pages;
pub mod session;
pub mod stories;
pub mod subscribe;
pub mod sync;

use std::sync::Arc;
use std::sync::mpsc as std_mpsc;
use std::thread;
use std::time::Instant;

use chrono::{DateTime, Utc};
use serde::Serialize;
use tokio::sync::{Semaphore, mpsc, oneshot};
use tokio::task::JoinSet;

use crate::fetch::discover;
use crate::fetch::{FetchError, FetchRequest, FetchResponse, Fetcher, parse_feed_within};
use crate::model::StoreStats;
use crate::model::{Feed, FeedId, ParsedFeed};
use crate::store::{FetchRecord, Prepared, Store, StoreError};

type Job = Box<dyn FnOnce(&mut Store) + Send>;

/// Most fetch results the store thread takes into one transaction.
const MAX_BATCH_FEEDS: usize = 8;
/// A batch stops growing once it holds this many parsed articles.
const MAX_BATCH_ARTICLES: usize = 400;

/// What the store thread is asked to do.
enum Message {
    /// Run a closure on the store.
    Job(Job),
    /// Record one fetch result; consecutive ones are stored together.
    Record(Recording),
}

/// One fetch result on its way to the store, and where its outcome goes.
struct Recording {
    feed: FeedId,
    record: OwnedRecord,
    /// Its articles' digests and packed bodies, when made beforehand.
    prepared: Option<Prepared>,
    reply: oneshot::Sender<Result<StoreStats, StoreError>>,
}

/// An owned [`FetchRecord`], to send to the store thread.
#[derive(Debug)]
pub enum OwnedRecord {
    /// See [`FetchRecord::Parsed`].
    Parsed {
        feed: ParsedFeed,
        etag: Option<String>,
        last_modified: Option<String>,
        moved_to: Option<String>,
    },
    /// See [`FetchRecord::NotModified`].
    NotModified { moved_to: Option<String> },
    /// See [`FetchRecord::Failed`].
    Failed {
        error: String,
        retry_after: Option<DateTime<Utc>>,
    },
}

impl OwnedRecord {
    /// The borrowed form the store takes.
    fn as_record(&self) -> FetchRecord<'_> {
        match self {
            OwnedRecord::Parsed {
                feed,
                etag,
                last_modified,
                moved_to,
            } => FetchRecord::Parsed {
                feed,
                etag: etag.as_deref(),
                last_modified: last_modified.as_deref(),
                moved_to: moved_to.as_deref(),
            },
            OwnedRecord::NotModified { moved_to } => FetchRecord::NotModified {
                moved_to: moved_to.as_deref(),
            },
            OwnedRecord::Failed { error, retry_after } => FetchRecord::Failed {
                error,
                retry_after: *retry_after,
            },
        }
    }

    /// Parsed articles it carries (how much work it is for the store).
    fn articles(&self) -> usize {
        match self {
            OwnedRecord::Parsed { feed, .. } => feed.articles.len(),
            _ => 0,
        }
    }
}

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
    tx: std_mpsc::Sender<Message>,
    /// The thread of a second, read-only connection, when there is one: see [`Self::read`].
    reader: Option<std_mpsc::Sender<Job>>,
    /// The thread of a third, read-only connection for the lists' totals, when there is one:
    /// see [`Self::count`].
    counter: Option<std_mpsc::Sender<Job>>,
}

impl StoreActor {
    /// Moves `store` onto its own thread. The thread ends when the last handle is dropped,
    /// and gives the store back through its join handle.
    pub fn spawn(mut store: Store) -> std::io::Result<(StoreActor, thread::JoinHandle<Store>)> {
        let (tx, rx) = std_mpsc::channel::<Message>();
        let handle = thread::Builder::new()
            .name("dateline-store".into())
            .spawn(move || {
                let mut next = None;
                // For the debug log: how the results were grouped, and the time spent on them.
                let (mut batches, mut results) = (0u32, 0usize);
                let mut busy = std::time::Duration::ZERO;
                loop {
                    let message = match next.take() {
                        Some(message) => message,
                        None => match rx.recv() {
                            Ok(message) => message,
                            Err(_) => break,
                        },
                    };
                    match message {
                        Message::Job(job) => job(&mut store),
                        Message::Record(first) => {
                            let started = Instant::now();
                            let stored;
                            (stored, next) = record_queued(&mut store, first, &rx);
                            busy += started.elapsed();
                            batches += 1;
                            results += stored;
                        }
                    }
                }
                if batches > 0 {
                    tracing::debug!(
                        "stored {results} fetch results in {batches} transactions, {:.3} s",
                        busy.as_secs_f64()
                    );
                }
                store
            })?;
        Ok((
            StoreActor {
                tx,
                reader: None,
                counter: None,
            },
            handle,
        ))
    }

    /// Gives the actor a second thread owning `reader` (a [`Store::open_reader`] connection
    /// to the same cache), on which [`Self::read`] runs. The thread ends when the last
    /// handle is dropped.
    pub fn with_reader(mut self, reader: Store) -> std::io::Result<StoreActor> {
        self.reader = Some(spawn_reader("dateline-reader", reader)?);
        Ok(self)
    }

    /// Gives the actor a thread owning `counter` (another [`Store::open_reader`] connection),
    /// on which [`Self::count`] runs. The thread ends when the last handle is dropped.
    pub fn with_counter(mut self, counter: Store) -> std::io::Result<StoreActor> {
        self.counter = Some(spawn_reader("dateline-counter", counter)?);
        Ok(self)
    }

    /// Runs a long read whose answer can come later (a list's total): on its own connection
    /// when there is one, so the list's rows and the next key's never wait behind it; else as
    /// [`Self::read`].
    pub async fn count<R, F>(&self, f: F) -> Result<R, WorkerError>
    where
        R: Send + 'static,
        F: FnOnce(&mut Store) -> R + Send + 'static,
    {
        match &self.counter {
            Some(counter) => ask(|job| counter.send(job).is_ok(), f).await,
            None => self.read(f).await,
        }
    }

    /// Runs a query that changes nothing: on the read-only connection when there is one, so
    /// that it never waits behind a refresh's writes or the entity queue, else as
    /// [`Self::call`]. A read sent after a write has returned sees that write.
    pub async fn read<R, F>(&self, f: F) -> Result<R, WorkerError>
    where
        R: Send + 'static,
        F: FnOnce(&mut Store) -> R + Send + 'static,
    {
        match &self.reader {
            Some(reader) => ask(|job| reader.send(job).is_ok(), f).await,
            None => self.call(f).await,
        }
    }

    /// Runs `f` on the store thread and waits for its result without blocking the runtime.
    pub async fn call<R, F>(&self, f: F) -> Result<R, WorkerError>
    where
        R: Send + 'static,
        F: FnOnce(&mut Store) -> R + Send + 'static,
    {
        ask(|job| self.tx.send(Message::Job(job)).is_ok(), f).await
    }

    /// Runs `f` on the store thread and blocks the calling (non-async) thread for the result.
    pub fn call_blocking<R, F>(&self, f: F) -> Result<R, WorkerError>
    where
        R: Send + 'static,
        F: FnOnce(&mut Store) -> R + Send + 'static,
    {
        let (reply, rx) = std_mpsc::channel();
        self.tx
            .send(Message::Job(Box::new(move |store: &mut Store| {
                let _ = reply.send(f(store));
            })))
            .map_err(|_| WorkerError::StoreGone)?;
        rx.recv().map_err(|_| WorkerError::StoreGone)
    }

    /// Records one fetch result (as [`Store::record_fetch`] at the time it is stored). Results
    /// that queue up while the store is busy are stored together, each feed still on its
    /// own: see [`Store::record_fetches`].
    pub async fn record(
        &self,
        feed: FeedId,
        record: OwnedRecord,
    ) -> Result<Result<StoreStats, StoreError>, WorkerError> {
        self.record_prepared(feed, record, None).await
    }

    /// [`Self::record`], with the articles' digests and packed bodies made beforehand
    /// ([`Prepared::of`] the record's document).
    pub async fn record_prepared(
        &self,
        feed: FeedId,
        record: OwnedRecord,
        prepared: Option<Prepared>,
    ) -> Result<Result<StoreStats, StoreError>, WorkerError> {
        let (reply, rx) = oneshot::channel();
        self.tx
            .send(Message::Record(Recording {
                feed,
                record,
                prepared,
                reply,
            }))
            .map_err(|_| WorkerError::StoreGone)?;
        rx.await.map_err(|_| WorkerError::StoreGone)
    }
}

/// A thread named `name` that runs the jobs sent to it on `store`, until every sender is gone.
fn spawn_reader(name: &str, mut store: Store) -> std::io::Result<std_mpsc::Sender<Job>> {
    let (tx, rx) = std_mpsc::channel::<Job>();
    thread::Builder::new().name(name.into()).spawn(move || {
        while let Ok(job) = rx.recv() {
            job(&mut store);
        }
    })?;
    Ok(tx)
}

/// Hands `f` to a store thread through `send` (false: the thread is gone) and waits for its
/// result without blocking the runtime.
async fn ask<R, F>(send: impl FnOnce(Job) -> bool, f: F) -> Result<R, WorkerError>
where
    R: Send + 'static,
    F: FnOnce(&mut Store) -> R + Send + 'static,
{
    let (reply, rx) = oneshot::channel();
    if !send(Box::new(move |store: &mut Store| {
        let _ = reply.send(f(store));
    })) {
        return Err(WorkerError::StoreGone);
    }
    rx.await.map_err(|_| WorkerError::StoreGone)
}

/// Stores `first` together with the fetch results queued behind it (up to the batch limits)
/// and answers each; returns how many it stored and the message that ended the batch, if it
/// was not a result.
fn record_queued(
    store: &mut Store,
    first: Recording,
    rx: &std_mpsc::Receiver<Message>,
) -> (usize, Option<Message>) {
    let mut articles = first.record.articles();
    let mut batch = vec![first];
    let mut next = None;
    while batch.len() < MAX_BATCH_FEEDS && articles < MAX_BATCH_ARTICLES {
        match rx.try_recv() {
            Ok(Message::Record(more)) => {
                articles += more.record.articles();
                batch.push(more);
            }
            Ok(other) => {
                next = Some(other);
                break;
            }
            Err(_) => break,
        }
    }
    let prepared: Vec<Option<Prepared>> = batch.iter_mut().map(|r| r.prepared.take()).collect();
    let results = {
        let records: Vec<(FeedId, FetchRecord<'_>)> = batch
            .iter()
            .map(|r| (r.feed, r.record.as_record()))
            .collect();
        store.record_fetches_prepared(&records, &prepared, Utc::now())
    };
    let stored = batch.len();
    for (recording, result) in batch.into_iter().zip(results) {
        let _ = recording.reply.send(result);
    }
    (stored, next)
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
        bodies: Arc::new(Semaphore::new(fetcher.concurrency() + cores)),
        parsing: Semaphore::new(cores.saturating_sub(1).max(1)),
        unstored: Semaphore::new(MAX_BATCH_FEEDS + cores),
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
    let now = Utc::now();
    if let Some(days) = keep_days {
        summary.pruned_articles = hide_prunable(store, days, now).await? as u32;
    }
    summary.seconds = started.elapsed().as_secs_f64();
    // The pruned articles are out of every list and count: the refresh is over for the
    // reader, and their rows are deleted afterwards.
    let _ = events.send(RefreshEvent::Finished(summary));
    if let Some(days) = keep_days {
        remove_pruned(store, days, now).await?;
    }
    Ok(summary)
}

/// Hides the prunable articles in steps, one store call each, sized by time
/// ([`StepPacer`](crate::store::StepPacer)), so the reader's requests to the store thread (a
/// mark, a window of rows) wait for one short step at most. Returns how many.
async fn hide_prunable(
    store: &StoreActor,
    days: u32,
    now: DateTime<Utc>,
) -> Result<usize, WorkerError> {
    let mut pacer = crate::store::StepPacer::default();
    let mut total = 0;
    loop {
        let limit = pacer.limit();
        let started = Instant::now();
        let hidden = store
            .call(move |s| s.prune_step(days, now, limit))
            .await??;
        pacer.took(hidden, started.elapsed());
        total += hidden;
        if hidden < limit {
            return Ok(total);
        }
    }
}

/// Deletes what a prune hid (this one's, or one cut short before), in steps sized by time
/// too; then merges the full-text index where the deletes left tombstones and gives the
/// pages a large prune freed back to the file system, in steps as well.
async fn remove_pruned(
    store: &StoreActor,
    days: u32,
    now: DateTime<Utc>,
) -> Result<(), WorkerError> {
    let mut pacer = crate::store::StepPacer::default();
    let mut total = 0;
    loop {
        let limit = pacer.limit();
        let started = Instant::now();
        let taken = store
            .call(move |s| s.remove_pruned_step(days, now, limit))
            .await??;
        pacer.took(taken, started.elapsed());
        total += taken;
        if taken < limit {
            break;
        }
    }
    if total > 0 {
        // The index's space comes back as its segments are merged (see
        // `Store::merge_search_index_step`), a step at a time.
        while store.call(|s| s.merge_search_index_step()).await?? {}
        // Free pages are reused by the next refresh; only a prune that left a large part of
        // the file free (a quarter) shrinks it, a step at a time.
        let (pages, free, _) = store.call(|s| s.page_counts()).await??;
        if free * 4 > pages {
            let mut before = free;
            loop {
                let left = store.call(|s| s.release_free_pages()).await??;
                // Done, or a cache without incremental auto-vacuum (nothing moves).
                if left == 0 || left >= before {
                    break;
                }
                before = left;
            }
        }
    }
    Ok(())
}

/// Bounds on the CPU and memory a refresh uses between download and store.
struct Stages {
    /// Bodies being downloaded or downloaded and not yet parsed: as many as fetches may run
    /// at once, and one more per core, so the parser always has one waiting. Unbounded, a
    /// local server (or a fast link) delivered every body of a 500-feed refresh before the
    /// parser had got through a fifth of them: 120 MB of bodies waiting.
    bodies: Arc<Semaphore>,
    /// Parsing is CPU work: at most one feed per core but one at a time, so downloads that
    /// outrun the parser wait as bytes instead of as half-built parse trees on blocking
    /// threads, and the store thread (the slowest stage of a cold refresh) keeps a core.
    /// On two cores that is one parser: measured, a cold refresh of 500 feeds took 3.0 s
    /// instead of 3.2-4.0 s with two.
    parsing: Semaphore,
    /// Parsed feeds waiting for the (single) store thread: enough to fill a batch, not
    /// hundreds of megabytes of parsed articles when the store is the slow stage.
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
    let fetched = fetcher.fetch_holding(&request, &parsers.bodies).await;
    let result = match fetched {
        Ok((FetchResponse::NotModified { moved_to }, _)) => {
            report.moved_to.clone_from(&moved_to);
            store
                .record(id, OwnedRecord::NotModified { moved_to })
                .await?
                .map(|_| FeedOutcome::NotModified)
        }
        Ok((
            FetchResponse::Modified {
                body,
                final_url,
                content_type,
                etag,
                last_modified,
                moved_to,
            },
            body_slot,
        )) => {
            report.moved_to.clone_from(&moved_to);
            // `None` only if a semaphore were closed, which they never are.
            let _unstored = parsers.unstored.acquire().await.ok();
            let permit = parsers.parsing.acquire().await.ok();
            let max_bytes = fetcher.max_bytes();
            let parsed = tokio::task::spawn_blocking(move || {
                parse_body(&body, &final_url, content_type.as_deref(), max_bytes)
            })
            .await
            .unwrap_or_else(|e| Err(format!("the parser crashed: {e}")));
            drop(permit);
            // The body went with the parser.
            drop(body_slot);
            // A feed with nothing stored yet (the first refresh after adding it): every
            // article will be new, so digest and pack them here, beside the next feed's
            // parsing, instead of on the cache thread, the slowest stage of such a refresh.
            // Otherwise most would be found unchanged, and packing them wasted.
            let (parsed, prepared) = match parsed {
                Ok(parsed) if feed.total == 0 && !parsed.articles.is_empty() => {
                    tokio::task::spawn_blocking(move || {
                        let prepared = Prepared::of(&parsed).ok();
                        (Ok(parsed), prepared)
                    })
                    .await
                    .map_err(|e| format!("the parser crashed: {e}"))
                    .unwrap_or_else(|e| (Err(e), None))
                }
                other => (other, None),
            };
            match parsed {
                Ok(parsed) => store
                    .record_prepared(
                        id,
                        OwnedRecord::Parsed {
                            feed: parsed,
                            etag,
                            last_modified,
                            moved_to,
                        },
                        prepared,
                    )
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
        // A full disk or a damaged or read-only cache fails every feed alike: the run stops
        // with that one message.
        Err(e) if e.is_fatal() => return Err(e.into()),
        // Any other database error while storing one feed is that feed's failure.
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
    let stored = store
        .record(
            id,
            OwnedRecord::Failed {
                error: message.clone(),
                retry_after,
            },
        )
        .await?;
    Ok(stored.map(|_| FeedOutcome::Failed { error: message }))
}

/// Parses a fetched body; an HTML page becomes an error naming the feeds it links.
fn parse_body(
    body: &[u8],
    base: &str,
    content_type: Option<&str>,
    max_bytes: u64,
) -> Result<ParsedFeed, String> {
    match parse_feed_within(body, base, Utc::now(), max_bytes) {
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{FeedSpec, NewArticle};

    fn feeds(store: &mut Store, n: usize) -> Vec<FeedId> {
        let specs: Vec<FeedSpec> = (0..n)
            .map(|i| FeedSpec {
                url: format!("https://{i}.example/feed.xml"),
                title: None,
                tags: Vec::new(),
            })
            .collect();
        store.sync_feeds(&specs).unwrap();
        store.feeds().unwrap().iter().map(|f| f.id).collect()
    }

    fn parsed(guid: &str) -> OwnedRecord {
        OwnedRecord::Parsed {
            feed: ParsedFeed {
                title: Some("t".into()),
                site_link: None,
                articles: vec![NewArticle {
                    guid: guid.into(),
                    title: guid.into(),
                    link: None,
                    authors: Vec::new(),
                    published: None,
                    updated: None,
                    summary_html: None,
                    content_html: None,
                    text: format!("body of {guid}"),
                    enclosures: Vec::new(),
                    categories: Vec::new(),
                }],
            },
            etag: None,
            last_modified: None,
            moved_to: None,
        }
    }

    /// Results queued behind the first are stored with it, each answered; a job behind them
    /// ends the batch and is handed back, not lost or run early.
    #[test]
    fn queued_results_are_stored_together_and_a_job_ends_the_batch() {
        let mut store = Store::open_in_memory().unwrap();
        let ids = feeds(&mut store, 4);
        let (tx, rx) = std_mpsc::channel();
        let mut replies = Vec::new();
        let mut recording = |feed: FeedId, record: OwnedRecord| {
            let (reply, answer) = oneshot::channel();
            replies.push(answer);
            // Made beforehand for every parsed record, as a first refresh makes them.
            let prepared = match &record {
                OwnedRecord::Parsed { feed, .. } => Some(Prepared::of(feed).unwrap()),
                _ => None,
            };
            Recording {
                feed,
                record,
                prepared,
                reply,
            }
        };
        let first = recording(ids[0], parsed("a"));
        tx.send(Message::Record(recording(ids[1], parsed("b"))))
            .unwrap();
        tx.send(Message::Record(recording(
            ids[2],
            OwnedRecord::NotModified { moved_to: None },
        )))
        .unwrap();
        tx.send(Message::Job(Box::new(|_| {}))).unwrap();
        tx.send(Message::Record(recording(ids[3], parsed("d"))))
            .unwrap();

        let (stored, next) = record_queued(&mut store, first, &rx);
        assert_eq!(stored, 3);
        assert!(matches!(next, Some(Message::Job(_))));
        let outcomes: Vec<_> = replies
            .iter_mut()
            .take(3)
            .map(|r| r.try_recv().unwrap().unwrap())
            .collect();
        assert_eq!(outcomes[0].new, 1);
        assert_eq!(outcomes[1].new, 1);
        assert_eq!(outcomes[2].new, 0);
        assert!(replies[3].try_recv().is_err(), "d is after the job");
        let all = store.query_articles(&Default::default(), Utc::now().fixed_offset(), None, 0);
        assert_eq!(all.unwrap().len(), 2);
    }

    /// A batch stops at [`MAX_BATCH_FEEDS`].
    #[test]
    fn a_batch_has_at_most_the_limit_of_feeds() {
        let mut store = Store::open_in_memory().unwrap();
        let ids = feeds(&mut store, MAX_BATCH_FEEDS + 2);
        let (tx, rx) = std_mpsc::channel();
        let mut answers = Vec::new();
        let mut make = |i: usize| {
            let (reply, answer) = oneshot::channel();
            answers.push(answer);
            Recording {
                feed: ids[i],
                record: OwnedRecord::NotModified { moved_to: None },
                prepared: None,
                reply,
            }
        };
        let first = make(0);
        for i in 1..MAX_BATCH_FEEDS + 2 {
            tx.send(Message::Record(make(i))).unwrap();
        }
        let (stored, next) = record_queued(&mut store, first, &rx);
        assert_eq!(stored, MAX_BATCH_FEEDS);
        assert!(next.is_none());
        assert_eq!(rx.try_iter().count(), 2);
    }

    #[tokio::test]
    async fn reads_go_past_a_busy_writer_and_see_its_commits() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("cache.db");
        let mut store = Store::open(&path).unwrap();
        feeds(&mut store, 1);
        let reader = Store::open_reader(&path).unwrap();
        let (actor, writer) = StoreActor::spawn(store).unwrap();
        let actor = actor.with_reader(reader).unwrap();

        // A write that holds the writing thread until the test lets it go.
        let (release, wait) = std_mpsc::channel::<()>();
        let (started, running) = std_mpsc::channel::<()>();
        let writing = actor.clone();
        let busy = thread::spawn(move || {
            writing.call_blocking(move |s| {
                let _ = started.send(());
                let _ = wait.recv();
                feeds(s, 2)
            })
        });
        running.recv().unwrap();
        // The read is answered while the writer is still held (were it queued behind the
        // write, this would time out).
        let read = actor.read(|s| s.feeds().unwrap().len());
        let seen = tokio::time::timeout(std::time::Duration::from_secs(10), read)
            .await
            .expect("the read waited for the busy writer")
            .unwrap();
        assert_eq!(seen, 1);
        release.send(()).unwrap();
        assert_eq!(busy.join().unwrap().unwrap().len(), 2);
        // Once the write has returned, a read sees it.
        assert_eq!(actor.read(|s| s.feeds().unwrap().len()).await.unwrap(), 2);
        // The reader cannot write.
        let refused = actor
            .read(|s| s.set_starred(crate::model::ArticleId(1), true))
            .await;
        assert!(refused.unwrap().is_err());
        drop(actor);
        writer.join().unwrap();
    }
}
