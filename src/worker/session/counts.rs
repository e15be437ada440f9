//! The session's counts and searches of a list's unread articles, all of the list and not
//! only the rows the interface holds: `O`'s links, `A`'s question, the saved views' counts.
//! Store reads only, answered as events.

use super::*;

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
