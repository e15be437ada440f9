//! The session's counts and searches of a list's unread articles, all of the list and not
//! only the rows the interface holds: `O`'s links, `A`'s question, the saved views' counts.
//! Store reads only, answered as events. And a list's total, counted after its first rows,
//! beside the next commands, and given up once a newer list asks for its own; the extraction
//! backlog's first wake waits for the first one.

use super::*;

/// How long a list whose query has a word still being typed waits before its total is
/// counted (see [`Session::list_total`]): about the gap between two keys of a quick typist.
const TYPING_PAUSE: std::time::Duration = std::time::Duration::from_millis(300);

impl Session {
    /// Counts the list of `request` and sends its total, after its rows were sent, on the
    /// counting connection ([`StoreActor::count`]) while the session goes on with the next
    /// commands. Skipped when the next command, already waiting, asks for another counted
    /// list; given up when one comes while it waits or counts (a key typed on the filter
    /// line). The count of a large list took longer than the next keystroke's rows (a third
    /// of a second on 100,000 articles), and with the commands run one at a time every
    /// keystroke waited for the last one's count.
    ///
    /// `wake`, when given, is sent once the count is done or given up (the extraction
    /// backlog's first wake).
    pub(super) fn list_total(
        &mut self,
        request: RequestId,
        query: Query,
        now: DateTime<FixedOffset>,
        wake: Option<mpsc::UnboundedSender<()>>,
    ) {
        let wake_now = |wake: Option<mpsc::UnboundedSender<()>>| {
            if let Some(wake) = wake {
                let _ = wake.send(());
            }
        };
        self.carried = self.commands.try_recv().ok();
        if matches!(
            self.carried,
            Some(Command::LoadArticles { count: true, .. })
        ) {
            wake_now(wake);
            return;
        }
        self.counting.store(request, Ordering::Relaxed);
        let latest = Arc::clone(&self.counting);
        let store = self.store.clone();
        let events = self.events.clone();
        tokio::spawn(async move {
            if query.has_prefix() {
                // A word still being typed: FTS5 counts a prefix by merging the posting
                // lists of every word that starts with it, in one step that cannot be given
                // up (for `i` on a million articles, seconds and tens of MB). Counted only
                // once the typing pauses.
                tokio::time::sleep(TYPING_PAUSE).await;
                if latest.load(Ordering::Relaxed) != request {
                    wake_now(wake);
                    return;
                }
            }
            let counted = store
                .count(move |s| {
                    let stale = move || latest.load(Ordering::Relaxed) != request;
                    if stale() {
                        return Ok(None);
                    }
                    s.count_query_unless(&query, now, stale)
                })
                .await;
            wake_now(wake);
            let event = match counted {
                Ok(Ok(Some(total))) => WorkerEvent::ArticleTotal { request, total },
                Ok(Ok(None)) => return,
                Ok(Err(e)) => WorkerEvent::Error(e.to_string()),
                Err(e) => WorkerEvent::Error(e.to_string()),
            };
            let _ = events.send(event);
        });
    }
}

/// [`Command::FindUnreadLinks`]: the list's unread articles counted, and the first `limit`
/// of them that have a link.
pub(super) fn unread_links(
    s: &Store,
    query: ArticleQuery,
    now: DateTime<FixedOffset>,
    limit: u32,
) -> Result<Vec<WorkerEvent>, StoreError> {
    let wanted = unread(query.combined());
    let total = s.count_query(&wanted, now)?;
    let found = s
        .query_articles(&wanted, now, Some(limit), 0)?
        .into_iter()
        .filter_map(|a| Some((a.id, a.feed_id, a.link?)))
        .collect();
    Ok(vec![WorkerEvent::UnreadLinks {
        query,
        total,
        found,
    }])
}

/// [`Command::CountListUnread`]: the list's unread articles counted.
pub(super) fn list_unread(
    s: &Store,
    query: ArticleQuery,
    now: DateTime<FixedOffset>,
) -> Result<Vec<WorkerEvent>, StoreError> {
    let unread = s.count_query(&unread(query.combined()), now)?;
    Ok(vec![WorkerEvent::ListUnread { query, unread }])
}

/// [`Command::CountUnread`]: each query's unread articles counted, by its key.
pub(super) fn view_counts(
    s: &Store,
    queries: Vec<(usize, Query)>,
    now: DateTime<FixedOffset>,
) -> Result<Vec<WorkerEvent>, StoreError> {
    let mut counts = Vec::with_capacity(queries.len());
    for (key, q) in queries {
        counts.push((key, s.count_query(&unread(q), now)?));
    }
    Ok(vec![WorkerEvent::ViewCounts(counts)])
}

/// The extraction queue's first wake, held back until the first list is answered.
pub(super) enum Backlog {
    Waiting(mpsc::UnboundedSender<()>),
    Started,
}

impl Backlog {
    /// Wakes the queue the first time; later calls do nothing.
    pub(super) fn start(&mut self) {
        if let Some(wake) = self.take() {
            let _ = wake.send(());
        }
    }

    /// The queue's first wake, to send later (once a count is done); `None` after the first.
    pub(super) fn take(&mut self) -> Option<mpsc::UnboundedSender<()>> {
        match std::mem::replace(self, Backlog::Started) {
            Backlog::Waiting(wake) => Some(wake),
            Backlog::Started => None,
        }
    }
}
