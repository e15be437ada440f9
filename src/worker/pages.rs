//! Full text: fetching the article pages of summary-only feeds, after their items are stored.
//!
//! Which articles get a page is the configuration's `full_text` (per feed, with a default):
//! every linked article, or (`auto`) those whose own text is a teaser. The store says which
//! are due ([`Store::pages_due`]): never tried, or failed and due again after a backoff, so a
//! failing page is not fetched on every refresh. Pages go through the same [`Fetcher`] as
//! feeds (its global and per-host slots, timeouts, and a size cap that cuts a page off
//! rather than refusing it), are extracted on the blocking pool, and are stored one by one
//! as they arrive, so the reader can show each as soon as it is there.
//!
//! [`Store::pages_due`]: crate::store::Store::pages_due

use std::collections::{HashMap, HashSet, VecDeque};
use std::time::Instant;

use chrono::Utc;
use serde::Serialize;
use tokio::task::JoinSet;
use url::Url;

use super::{StoreActor, WorkerError};
use crate::config::FullText;
use crate::extract::article::{ExtractedArticle, extract_page};
use crate::fetch::{FetchError, Fetcher};
use crate::model::{ArticleId, ArticlePage, Feed, FeedId, PageTask};

/// Articles asked of the store at a time.
const BATCH: u32 = 256;

/// Which feeds have their pages fetched: all articles of `every`, teasers of `short`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PageModes {
    pub every: Vec<FeedId>,
    pub short: Vec<FeedId>,
}

impl PageModes {
    /// The modes of `feeds`, given each feed's setting by its configured URL.
    pub fn new(feeds: &[Feed], mode_of: impl Fn(&str) -> FullText) -> PageModes {
        let mut modes = PageModes::default();
        for feed in feeds {
            match mode_of(&feed.url) {
                FullText::On => modes.every.push(feed.id),
                FullText::Auto => modes.short.push(feed.id),
                FullText::Off => {}
            }
        }
        modes
    }

    /// Whether no feed wants pages.
    pub fn is_empty(&self) -> bool {
        self.every.is_empty() && self.short.is_empty()
    }
}

/// What a run of page fetches did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize)]
pub struct PagesSummary {
    /// Pages fetched, extracted and stored.
    pub stored: u32,
    /// Pages that failed (each recorded on its article, to be retried later).
    pub failed: u32,
    /// Wall-clock seconds.
    pub seconds: f64,
}

/// One page done, for progress.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PageDone {
    pub article: ArticleId,
    /// Why it failed, for the user; `None` when the page was stored.
    pub error: Option<String>,
}

/// Fetches, extracts and stores every page due under `modes`, calling `progress` with the
/// number due so far (it grows while the store is read) and after each page. Only a dead
/// store thread is an error; a failing page is recorded on its article.
///
/// It is one continuous pipeline, not a batch at a time: a page starts as soon as another
/// ends, so a slow page holds up no one but itself. At most [`in_flight`] pages are under
/// way at once (being fetched, extracted or stored), and no more of one host's than the
/// fetcher serves it at once, so a busy host never fills the pipeline while others wait;
/// the fetcher keeps its own global and per-host limits, timeouts and size caps. The store
/// is read again, [`BATCH`] articles at a time, when fewer than half a batch wait.
pub async fn fetch_due(
    store: &StoreActor,
    fetcher: &Fetcher,
    modes: &PageModes,
    mut progress: impl FnMut(usize, &PageDone),
) -> Result<PagesSummary, WorkerError> {
    let started = Instant::now();
    let mut summary = PagesSummary::default();
    if modes.is_empty() {
        return Ok(summary);
    }
    let limit = in_flight(fetcher);
    let mut tried: HashSet<ArticleId> = HashSet::new();
    let mut hosts = Hosts::new(fetcher.per_host());
    let mut running: JoinSet<Result<Finished, WorkerError>> = JoinSet::new();
    let mut running_host: HashMap<tokio::task::Id, String> = HashMap::new();
    let mut exhausted = false;
    loop {
        // Articles waiting or under way are still due in the store (they are recorded when
        // they end), so a read returns them again; fewer than half a batch of them leaves
        // room for new ones, and a read with none new means none are left.
        if !exhausted && hosts.waiting() + running.len() < BATCH as usize / 2 {
            let (every, short) = (modes.every.clone(), modes.short.clone());
            let due = store
                .read(move |s| s.pages_due(&every, &short, FullText::AUTO_WORDS, Utc::now(), BATCH))
                .await??;
            let before = tried.len();
            for task in due {
                if tried.insert(task.article) {
                    hosts.push(task);
                }
            }
            exhausted = tried.len() == before;
        }
        while running.len() < limit {
            let Some((host, task, down)) = hosts.next() else {
                break;
            };
            let (store, fetcher) = (store.clone(), fetcher.clone());
            let handle = running.spawn(async move { work(&store, &fetcher, task, down).await });
            running_host.insert(handle.id(), host);
        }
        let Some(joined) = running.join_next_with_id().await else {
            if exhausted && hosts.waiting() == 0 {
                break;
            }
            continue;
        };
        let (id, finished) = match joined {
            Ok((id, finished)) => (id, Some(finished?)),
            Err(e) => {
                tracing::error!("a page task failed: {e}");
                (e.id(), None)
            }
        };
        let host = running_host.remove(&id).unwrap_or_default();
        let unreachable = finished.as_ref().and_then(|f| f.unreachable.clone());
        hosts.ended(&host, unreachable);
        if let Some(finished) = finished {
            if finished.done.error.is_some() {
                summary.failed += 1;
            } else {
                summary.stored += 1;
            }
            progress(tried.len(), &finished.done);
        }
    }
    summary.seconds = started.elapsed().as_secs_f64();
    Ok(summary)
}

/// How many pages are under way at once: the fetcher's global limit, and as many again
/// being extracted or stored, so the downloads do not wait on the CPU or the store.
fn in_flight(fetcher: &Fetcher) -> usize {
    fetcher.concurrency().saturating_mul(2).max(1)
}

/// The pages waiting, by host, and how many of each host's are under way.
struct Hosts {
    per_host: usize,
    /// Hosts in the order they take turns.
    turns: VecDeque<String>,
    queues: HashMap<String, HostQueue>,
}

#[derive(Default)]
struct HostQueue {
    waiting: VecDeque<PageTask>,
    running: usize,
    /// Why the host cannot be reached, once one of its pages found it so: the rest of its
    /// pages are recorded with that error instead of waiting out a timeout each (a dead
    /// site, or no network).
    down: Option<String>,
}

impl Hosts {
    fn new(per_host: usize) -> Hosts {
        Hosts {
            per_host: per_host.max(1),
            turns: VecDeque::new(),
            queues: HashMap::new(),
        }
    }

    fn push(&mut self, task: PageTask) {
        let host = host_of(&task.url);
        let queue = self.queues.entry(host.clone()).or_insert_with(|| {
            self.turns.push_back(host);
            HostQueue::default()
        });
        queue.waiting.push_back(task);
    }

    fn waiting(&self) -> usize {
        self.queues.values().map(|q| q.waiting.len()).sum()
    }

    /// The next page that may start (hosts in turn, each below its limit), with its host
    /// and, when the host is known to be down, why.
    fn next(&mut self) -> Option<(String, PageTask, Option<String>)> {
        for _ in 0..self.turns.len() {
            let host = self.turns.pop_front()?;
            let Some(queue) = self.queues.get_mut(&host) else {
                continue;
            };
            if queue.waiting.is_empty() && queue.running == 0 {
                self.queues.remove(&host);
                continue;
            }
            self.turns.push_back(host.clone());
            // A host found down has nothing to wait for: its pages end at once.
            if (queue.running < self.per_host || queue.down.is_some())
                && let Some(task) = queue.waiting.pop_front()
            {
                queue.running += 1;
                return Some((host, task, queue.down.clone()));
            }
        }
        None
    }

    /// A page of `host` ended; `unreachable` when it found the host so.
    fn ended(&mut self, host: &str, unreachable: Option<String>) {
        if let Some(queue) = self.queues.get_mut(host) {
            queue.running = queue.running.saturating_sub(1);
            if unreachable.is_some() && queue.down.is_none() {
                queue.down = unreachable;
            }
        }
    }
}

/// One page ended: what was recorded, and whether it found its host unreachable.
struct Finished {
    done: PageDone,
    unreachable: Option<String>,
}

/// Fetches, extracts and records one page; when its host is already known to be `down`,
/// records that error without fetching.
async fn work(
    store: &StoreActor,
    fetcher: &Fetcher,
    task: PageTask,
    down: Option<String>,
) -> Result<Finished, WorkerError> {
    let (result, unreachable) = match down {
        Some(error) => (Err(error), None),
        None => match fetch_and_extract(fetcher, &task.url).await {
            Ok(page) => (Ok(page), None),
            Err(PageError::Unreachable(error)) => (Err(error.clone()), Some(error)),
            Err(PageError::Page(error)) => (Err(error), None),
        },
    };
    let done = record(store, task, result).await?;
    Ok(Finished { done, unreachable })
}

/// Fetches and stores the page of one article now, whatever the configuration says (the
/// reader's key for it).
pub async fn fetch_article(
    store: &StoreActor,
    fetcher: &Fetcher,
    article: ArticleId,
) -> Result<PageDone, WorkerError> {
    let found = store.read(move |s| s.article(article)).await?;
    let link = found.ok().and_then(|a| a.link).unwrap_or_default();
    if link.is_empty() {
        return Ok(PageDone {
            article,
            error: Some("this article has no link".to_owned()),
        });
    }
    let feed = FeedId(0);
    fetch_one(
        store,
        fetcher,
        PageTask {
            article,
            feed,
            url: link,
        },
    )
    .await
}

/// Fetches, extracts and records one page.
async fn fetch_one(
    store: &StoreActor,
    fetcher: &Fetcher,
    task: PageTask,
) -> Result<PageDone, WorkerError> {
    let result = fetch_and_extract(fetcher, &task.url)
        .await
        .map_err(PageError::into_message);
    record(store, task, result).await
}

/// Records what fetching a page gave.
async fn record(
    store: &StoreActor,
    task: PageTask,
    result: Result<ArticlePage, String>,
) -> Result<PageDone, WorkerError> {
    let error = result.as_ref().err().cloned();
    let (article, url) = (task.article, task.url);
    store
        .call(move |s| {
            s.record_page(
                article,
                &url,
                result.as_ref().map_err(String::as_str),
                Utc::now(),
            )
        })
        .await??;
    Ok(PageDone { article, error })
}

/// Why a page could not be had.
enum PageError {
    /// The host could not be reached at all (name, connection, TLS, time): its other pages
    /// would fail the same way.
    Unreachable(String),
    /// This page failed (a status, no article in it).
    Page(String),
}

impl PageError {
    fn into_message(self) -> String {
        match self {
            PageError::Unreachable(m) | PageError::Page(m) => m,
        }
    }
}

/// The page at `url`, fetched and extracted; the error is written for the user.
async fn fetch_and_extract(fetcher: &Fetcher, url: &str) -> Result<ArticlePage, PageError> {
    let page = fetcher.fetch_page(url).await.map_err(|e| match e {
        FetchError::Dns { .. }
        | FetchError::Connect(_)
        | FetchError::Tls(_)
        | FetchError::Timeout(_) => PageError::Unreachable(e.to_string()),
        other => PageError::Page(other.to_string()),
    })?;
    let final_url = page.final_url.clone();
    let extracted = tokio::task::spawn_blocking(move || {
        let base = Url::parse(&page.final_url).ok();
        extract_page(&page.body, page.content_type.as_deref(), base.as_ref())
    })
    .await
    .map_err(|_| PageError::Page("extraction crashed on this page".to_owned()))?;
    match extracted {
        Some(a) if !a.text.trim().is_empty() => Ok(to_page(a, final_url)),
        _ => Err(PageError::Page("the page holds no article text".to_owned())),
    }
}

/// The per-host key of a URL (host and port), as the fetcher's limits count them.
fn host_of(url: &str) -> String {
    Url::parse(url)
        .ok()
        .map(|u| {
            format!(
                "{}:{}",
                u.host_str().unwrap_or_default().to_ascii_lowercase(),
                u.port_or_known_default().unwrap_or(0)
            )
        })
        .unwrap_or_default()
}

fn to_page(a: ExtractedArticle, url: String) -> ArticlePage {
    ArticlePage {
        url,
        title: a.title,
        byline: a.byline,
        published: a.published,
        lang: a.lang,
        image: a.image,
        html: a.html,
        text: a.text,
    }
}
