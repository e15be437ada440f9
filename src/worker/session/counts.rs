//! The session's counts and searches of a list's unread articles, all of the list and not
//! only the rows the interface holds: `O`'s links, `A`'s question, the saved views' counts.
//! Store reads only, answered as events. And a list's total, counted after its first rows
//! and given up when the next key asks for another list.

use super::*;

impl Session {
    /// Counts the list of `request` and sends its total, after its rows were sent; false
    /// once the interface is gone. Skipped when the next command, already waiting, asks for
    /// another counted list; given up when one arrives while it counts (a key typed on the
    /// filter line): the count of the list a keystroke left behind took longer than the
    /// next keystroke's rows (a third of a second on 100,000 articles), and the commands
    /// run one at a time, so every keystroke waited for the last one's count. The command
    /// that arrived is handled next.
    pub(super) async fn list_total(
        &mut self,
        request: RequestId,
        query: Query,
        now: DateTime<FixedOffset>,
    ) -> bool {
        self.carried = self.commands.try_recv().ok();
        if matches!(
            self.carried,
            Some(Command::LoadArticles { count: true, .. })
        ) {
            return true;
        }
        let give_up = Arc::new(AtomicBool::new(false));
        let asked = Arc::clone(&give_up);
        let counting = self.store.read(move |s| {
            let total = s.count_query_unless(&query, now, move || asked.load(Ordering::Relaxed))?;
            Ok(total
                .map(|total| WorkerEvent::ArticleTotal { request, total })
                .into_iter()
                .collect::<Vec<_>>())
        });
        tokio::pin!(counting);
        let mut listening = self.carried.is_none();
        let total = loop {
            tokio::select! {
                total = &mut counting => break total,
                next = self.commands.recv(), if listening => {
                    listening = false;
                    match next {
                        Some(command) => {
                            if matches!(command, Command::LoadArticles { count: true, .. }) {
                                give_up.store(true, Ordering::Relaxed);
                            }
                            self.carried = Some(command);
                        }
                        // The interface is gone: nobody waits for the total.
                        None => give_up.store(true, Ordering::Relaxed),
                    }
                }
            }
        };
        send_all(&self.events, flat(total))
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
