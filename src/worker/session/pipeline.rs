//! The tasks the session starts: the extraction queue (woken after each refresh, and once at
//! the start, to find the entities of whatever needs them) and the refreshes themselves.

use super::*;

/// Starts the extraction queue's task: each message wakes it to extract whatever needs it,
/// announcing every stored batch as [`WorkerEvent::EntitiesReady`]. Ends when the sender
/// is dropped or the interface is gone.
pub(super) fn spawn_extraction(
    store: StoreActor,
    priority: extract::Priority,
    events: mpsc::UnboundedSender<WorkerEvent>,
) -> mpsc::UnboundedSender<()> {
    let (wake, mut woken) = mpsc::unbounded_channel::<()>();
    tokio::spawn(async move {
        // One grouper for the session: built from the cache at the first drain, then fed.
        let stories = crate::worker::stories::Stories::default();
        while woken.recv().await.is_some() {
            // Wakes that arrived meanwhile are served by this drain.
            while woken.try_recv().is_ok() {}
            let drained = extract::drain(&store, &priority, &stories, |batch| {
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

/// Refreshes and forwards every progress event to the interface; returns the feeds it
/// refreshed (none when the store failed).
pub(super) async fn run_refresh(
    store: &StoreActor,
    fetcher: &Fetcher,
    ids: Option<Vec<FeedId>>,
    keep_days: Option<u32>,
    after: Option<AfterRefresh>,
    events: &mpsc::UnboundedSender<WorkerEvent>,
) -> Vec<Feed> {
    let started = chrono::Utc::now();
    let feeds = match store.call(|s| s.feeds()).await {
        Ok(Ok(feeds)) => feeds,
        Ok(Err(e)) => {
            let _ = events.send(WorkerEvent::Error(e.to_string()));
            return Vec::new();
        }
        Err(e) => {
            let _ = events.send(WorkerEvent::Error(e.to_string()));
            return Vec::new();
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
    let new_articles = match refresh(store, fetcher, feeds.clone(), keep_days, tx).await {
        Ok(summary) => summary.new_articles,
        Err(e) => {
            let _ = events.send(WorkerEvent::Error(format!("refresh stopped: {e}")));
            // Unblock the interface's progress display: this run is over.
            let _ = events.send(WorkerEvent::Refresh(RefreshEvent::Finished(
                crate::worker::RefreshSummary::default(),
            )));
            0
        }
    };
    let _ = forward.await;
    // Ignore rules and the notify command, once the refresh is stored.
    let Some(after) = after else { return feeds };
    let Ok(done) = store
        .call(move |s| after_refresh(s, &after, started, new_articles))
        .await
    else {
        return feeds;
    };
    for problem in done.problems {
        let _ = events.send(WorkerEvent::Error(problem));
    }
    if done.hidden + done.dropped > 0 {
        let feeds = store.read(|s| s.feeds()).await;
        let _ = events.send(WorkerEvent::FeedsChanged {
            message: format!(
                "ignore rules: {} articles hidden, {} dropped",
                done.hidden, done.dropped
            ),
        });
        if let Ok(Ok(feeds)) = feeds {
            let _ = events.send(WorkerEvent::Feeds(feeds));
        }
    }
    feeds
}

/// After a refresh: fetches the article pages of the refreshed feeds that `full_text` says
/// (only those of `ids` when the refresh was of some feeds), announcing each stored page and
/// the summary; the extraction queue is woken again, to find people and places in the whole
/// text.
pub(super) async fn fetch_pages(
    store: &StoreActor,
    fetcher: &Fetcher,
    refreshed: Vec<Feed>,
    ids: Option<&[FeedId]>,
    full_text: &FullTextOf,
    extraction: &mpsc::UnboundedSender<()>,
    events: &mpsc::UnboundedSender<WorkerEvent>,
) {
    let feeds: Vec<Feed> = refreshed
        .into_iter()
        .filter(|f| ids.is_none_or(|ids| ids.contains(&f.id)))
        .collect();
    let modes = PageModes::new(&feeds, |url| full_text(url));
    if modes.is_empty() {
        return;
    }
    let fetched = pages::fetch_due(store, fetcher, &modes, |_, done| {
        if done.error.is_none() {
            let _ = events.send(WorkerEvent::PageStored(done.article));
        }
    })
    .await;
    match fetched {
        Ok(summary) => {
            let _ = events.send(WorkerEvent::PagesDone(summary));
        }
        Err(e) => {
            let _ = events.send(WorkerEvent::Error(format!(
                "fetching full text stopped: {e}"
            )));
        }
    }
    let _ = extraction.send(());
}
