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
use std::sync::{Arc, Mutex};
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
/// number due so far (it grows while batches are read) and after each page. Only a dead
/// store thread is an error; a failing page is recorded on its article.
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
    let mut tried: HashSet<ArticleId> = HashSet::new();
    loop {
        let (every, short) = (modes.every.clone(), modes.short.clone());
        let due = store
            .read(move |s| s.pages_due(&every, &short, FullText::AUTO_WORDS, Utc::now(), BATCH))
            .await??;
        let fresh: Vec<PageTask> = due
            .into_iter()
            .filter(|t| tried.insert(t.article))
            .collect();
        if fresh.is_empty() {
            break;
        }
        // One queue per host, worked by as many tasks as the host may serve at once: when a
        // host cannot be reached at all, the rest of its queue is recorded as failed with the
        // same error instead of waiting out a timeout each (a dead site, or no network).
        let mut hosts: HashMap<String, VecDeque<PageTask>> = HashMap::new();
        for task in fresh {
            hosts.entry(host_of(&task.url)).or_default().push_back(task);
        }
        let mut tasks = JoinSet::new();
        for queue in hosts.into_values() {
            let workers = fetcher.per_host().min(queue.len());
            let host = Arc::new(HostQueue {
                queue: Mutex::new(queue),
                down: Mutex::new(None),
            });
            for _ in 0..workers {
                let (store, fetcher, host) = (store.clone(), fetcher.clone(), Arc::clone(&host));
                tasks.spawn(async move { work_host(&store, &fetcher, &host).await });
            }
        }
        while let Some(joined) = tasks.join_next().await {
            let done = match joined {
                Ok(done) => done?,
                Err(e) => {
                    tracing::error!("a page task failed: {e}");
                    continue;
                }
            };
            for page in done {
                if page.error.is_some() {
                    summary.failed += 1;
                } else {
                    summary.stored += 1;
                }
                progress(tried.len(), &page);
            }
        }
    }
    summary.seconds = started.elapsed().as_secs_f64();
    Ok(summary)
}

/// The pages due from one host, and why the host is unreachable once it is known to be.
struct HostQueue {
    queue: Mutex<VecDeque<PageTask>>,
    down: Mutex<Option<String>>,
}

/// Takes pages from a host's queue until it is empty; once the host is found unreachable,
/// the rest are recorded with that error without being fetched.
async fn work_host(
    store: &StoreActor,
    fetcher: &Fetcher,
    host: &HostQueue,
) -> Result<Vec<PageDone>, WorkerError> {
    let mut done = Vec::new();
    loop {
        let next = host
            .queue
            .lock()
            .unwrap_or_else(|poison| poison.into_inner())
            .pop_front();
        let Some(task) = next else {
            return Ok(done);
        };
        let down = host
            .down
            .lock()
            .unwrap_or_else(|poison| poison.into_inner())
            .clone();
        let result = match down {
            Some(error) => Err(error),
            None => {
                let result = fetch_and_extract(fetcher, &task.url).await;
                if let Err(PageError::Unreachable(error)) = &result {
                    *host.down.lock().unwrap_or_else(|p| p.into_inner()) = Some(error.clone());
                }
                result.map_err(PageError::into_message)
            }
        };
        done.push(record(store, task, result).await?);
    }
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
