//! The interactive side of the worker: the interface sends [`Command`]s, the session runs
//! them against the store and the fetcher, and answers with [`WorkerEvent`]s.
//!
//! This is the only door between the interface and the pipeline: the UI never touches the
//! store, SQL or HTTP, and never waits for them. Commands run in order on one task (so a
//! `SetRead` is stored before the `LoadFeeds` that follows it); a refresh runs on a task of
//! its own and streams its progress, so reading carries on while feeds download. What to
//! reload when a refresh lands is the interface's decision (it knows what is on screen).

use tokio::sync::mpsc;

use crate::fetch::Fetcher;
use crate::model::{Article, ArticleId, ArticleSummary, Feed, FeedId};
use crate::store::{ArticleFilter, Store, StoreError};
use crate::worker::{RefreshEvent, StoreActor, WorkerError, extract, refresh};

/// Identifies one `LoadArticles` request, so the interface can drop stale answers.
pub type RequestId = u64;

/// Which articles a list shows.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ArticleQuery {
    /// Only this feed.
    pub feed: Option<FeedId>,
    /// Only feeds with this tag.
    pub tag: Option<String>,
    /// Case-insensitive substring of the title or the text; empty matches everything.
    pub text: String,
    pub unread_only: bool,
}

/// What the interface asks of the worker.
#[derive(Debug, Clone, PartialEq)]
pub enum Command {
    /// Answer with [`WorkerEvent::Feeds`].
    LoadFeeds,
    /// Answer with [`WorkerEvent::Articles`] carrying the same `request`.
    LoadArticles {
        request: RequestId,
        query: ArticleQuery,
    },
    /// Answer with [`WorkerEvent::Article`].
    LoadArticle(ArticleId),
    /// Store the read flag; answers with fresh [`WorkerEvent::Feeds`] (unread counts).
    SetRead(Vec<ArticleId>, bool),
    /// Store the starred flag.
    SetStarred(ArticleId, bool),
    /// Mark everything the query selects as read; answers with fresh feeds.
    MarkAllRead { query: ArticleQuery },
    /// Refresh these feeds (all when `None`) in the background, streaming
    /// [`WorkerEvent::Refresh`].
    Refresh(Option<Vec<FeedId>>),
    /// The reader has this article open: extract its entities before the backlog (answers
    /// with [`WorkerEvent::EntitiesReady`] once stored, if it needed extraction).
    ExtractFirst(ArticleId),
}

/// What the worker tells the interface.
#[derive(Debug, Clone, PartialEq)]
pub enum WorkerEvent {
    Feeds(Vec<Feed>),
    Articles {
        request: RequestId,
        articles: Vec<ArticleSummary>,
    },
    Article(Box<Article>),
    /// Progress of a background refresh.
    Refresh(RefreshEvent),
    /// Something failed; the message is for the user.
    Error(String),
    /// The entities of these articles were (re-)extracted and stored; reload them if shown.
    EntitiesReady(Vec<ArticleId>),
}

/// Starts the session on the current tokio runtime and returns the sender for commands.
/// The session ends when that sender is dropped. Must be called inside a runtime.
pub fn spawn_session(
    store: StoreActor,
    fetcher: Fetcher,
    keep_days: Option<u32>,
    events: mpsc::UnboundedSender<WorkerEvent>,
) -> mpsc::UnboundedSender<Command> {
    let (tx, mut rx) = mpsc::unbounded_channel::<Command>();
    tokio::spawn(async move {
        // The extraction queue runs from the start (articles left from last time) and again
        // after every refresh; it ends with this task (dropping `extraction`).
        let priority = extract::Priority::default();
        let extraction = spawn_extraction(store.clone(), priority.clone(), events.clone());
        let _ = extraction.send(());
        while let Some(command) = rx.recv().await {
            if let Command::Refresh(ids) = command {
                let (store, fetcher, events) = (store.clone(), fetcher.clone(), events.clone());
                let extraction = extraction.clone();
                tokio::spawn(async move {
                    run_refresh(&store, &fetcher, ids, keep_days, &events).await;
                    let _ = extraction.send(());
                });
                continue;
            }
            if let Command::ExtractFirst(id) = command {
                priority.push(id);
                let _ = extraction.send(());
                continue;
            }
            match execute(&store, command).await {
                Ok(answers) => {
                    for event in answers {
                        if events.send(event).is_err() {
                            return;
                        }
                    }
                }
                Err(message) => {
                    if events.send(WorkerEvent::Error(message)).is_err() {
                        return;
                    }
                }
            }
        }
    });
    tx
}

/// Runs one (non-refresh) command on the store thread.
async fn execute(store: &StoreActor, command: Command) -> Result<Vec<WorkerEvent>, String> {
    let flat = |r: Result<Result<Vec<WorkerEvent>, StoreError>, WorkerError>| match r {
        Ok(Ok(events)) => Ok(events),
        Ok(Err(e)) => Err(e.to_string()),
        Err(e) => Err(e.to_string()),
    };
    let result = match command {
        Command::LoadFeeds => {
            store
                .call(|s| Ok(vec![WorkerEvent::Feeds(s.feeds()?)]))
                .await
        }
        Command::LoadArticles { request, query } => {
            store
                .call(move |s| {
                    let articles = query_articles(s, &query)?;
                    Ok(vec![WorkerEvent::Articles { request, articles }])
                })
                .await
        }
        Command::LoadArticle(id) => {
            store
                .call(move |s| Ok(vec![WorkerEvent::Article(Box::new(s.article(id)?))]))
                .await
        }
        Command::SetRead(ids, read) => {
            store
                .call(move |s| {
                    s.set_read(&ids, read)?;
                    Ok(vec![WorkerEvent::Feeds(s.feeds()?)])
                })
                .await
        }
        Command::SetStarred(id, starred) => {
            store
                .call(move |s| {
                    s.set_starred(id, starred)?;
                    Ok(Vec::new())
                })
                .await
        }
        Command::MarkAllRead { query } => {
            store
                .call(move |s| {
                    if query.tag.is_none() && query.text.is_empty() {
                        s.mark_all_read(&ArticleFilter {
                            unread_only: true,
                            feed: query.feed,
                            limit: None,
                            offset: 0,
                        })?;
                    } else {
                        let ids: Vec<ArticleId> = query_articles(s, &query)?
                            .iter()
                            .filter(|a| !a.read)
                            .map(|a| a.id)
                            .collect();
                        s.set_read(&ids, true)?;
                    }
                    Ok(vec![WorkerEvent::Feeds(s.feeds()?)])
                })
                .await
        }
        // Handled by the caller; nothing to do here.
        Command::Refresh(_) | Command::ExtractFirst(_) => Ok(Ok(Vec::new())),
    };
    flat(result)
}

/// The articles a query selects, newest first. Runs on the store thread.
fn query_articles(s: &Store, query: &ArticleQuery) -> Result<Vec<ArticleSummary>, StoreError> {
    let base = ArticleFilter {
        unread_only: query.unread_only,
        feed: query.feed,
        limit: None,
        offset: 0,
    };
    let mut articles = match &query.tag {
        None => s.articles(&base)?,
        Some(tag) => {
            let mut all = Vec::new();
            for feed in s.feeds()?.iter().filter(|f| f.tags.contains(tag)) {
                if query.feed.is_some_and(|id| id != feed.id) {
                    continue;
                }
                all.extend(s.articles(&ArticleFilter {
                    feed: Some(feed.id),
                    ..base.clone()
                })?);
            }
            all.sort_by(|a, b| b.published.cmp(&a.published).then(b.id.cmp(&a.id)));
            all
        }
    };
    if !query.text.is_empty() {
        let needle = query.text.to_lowercase();
        let mut kept = Vec::with_capacity(articles.len());
        for a in articles {
            if contains_folded(&a.title, &needle)
                || contains_folded(&s.article(a.id)?.text, &needle)
            {
                kept.push(a);
            }
        }
        articles = kept;
    }
    Ok(articles)
}

/// Case-insensitive substring test; `needle` is already lower-case.
pub fn contains_folded(haystack: &str, needle: &str) -> bool {
    needle.is_empty() || haystack.to_lowercase().contains(needle)
}

/// Starts the extraction queue's task: each message wakes it to extract whatever needs it,
/// announcing every stored batch as [`WorkerEvent::EntitiesReady`]. Ends when the sender
/// is dropped or the interface is gone.
fn spawn_extraction(
    store: StoreActor,
    priority: extract::Priority,
    events: mpsc::UnboundedSender<WorkerEvent>,
) -> mpsc::UnboundedSender<()> {
    let (wake, mut woken) = mpsc::unbounded_channel::<()>();
    tokio::spawn(async move {
        while woken.recv().await.is_some() {
            // Wakes that arrived meanwhile are served by this drain.
            while woken.try_recv().is_ok() {}
            let drained = extract::drain(&store, &priority, |batch| {
                let _ = events.send(WorkerEvent::EntitiesReady(batch.articles.clone()));
            })
            .await;
            if let Err(e) = drained {
                let _ = events.send(WorkerEvent::Error(format!(
                    "finding people and places stopped: {e}"
                )));
            }
            if events.is_closed() {
                break;
            }
        }
    });
    wake
}

/// Refreshes and forwards every progress event to the interface.
async fn run_refresh(
    store: &StoreActor,
    fetcher: &Fetcher,
    ids: Option<Vec<FeedId>>,
    keep_days: Option<u32>,
    events: &mpsc::UnboundedSender<WorkerEvent>,
) {
    let feeds = match store.call(|s| s.feeds()).await {
        Ok(Ok(feeds)) => feeds,
        Ok(Err(e)) => {
            let _ = events.send(WorkerEvent::Error(e.to_string()));
            return;
        }
        Err(e) => {
            let _ = events.send(WorkerEvent::Error(e.to_string()));
            return;
        }
    };
    let feeds: Vec<Feed> = match ids {
        None => feeds,
        Some(ids) => feeds.into_iter().filter(|f| ids.contains(&f.id)).collect(),
    };
    let (tx, mut rx) = mpsc::unbounded_channel::<RefreshEvent>();
    let forward = {
        let events = events.clone();
        tokio::spawn(async move {
            while let Some(event) = rx.recv().await {
                if events.send(WorkerEvent::Refresh(event)).is_err() {
                    break;
                }
            }
        })
    };
    if let Err(e) = refresh(store, fetcher, feeds, keep_days, tx).await {
        let _ = events.send(WorkerEvent::Error(format!("refresh stopped: {e}")));
        // Unblock the interface's progress display: this run is over.
        let _ = events.send(WorkerEvent::Refresh(RefreshEvent::Finished(
            crate::worker::RefreshSummary::default(),
        )));
    }
    let _ = forward.await;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folded_match_ignores_case_and_empty_needle_matches() {
        assert!(contains_folded("Elections in PRIŠTINA", "priština"));
        assert!(!contains_folded("Elections", "vote"));
        assert!(contains_folded("anything", ""));
    }
}
