//! One sync with a Google Reader API server: push the queued local marks, pull the
//! subscriptions and labels, pull the new items page by page, then fetch the complete unread
//! and starred id sets and apply the difference.
//!
//! Why it exists: a mark made on the phone must show up here, and one made here must reach
//! the server even if it was made offline. `ot` alone misses state changed elsewhere on
//! items already pulled, so every sync reads both id sets in full (paged) and diffs them
//! against the cache; items in those sets that the cache lacks (older than the first sync's
//! window, or missed) are fetched by id. Marks are pushed first and removed from the queue
//! only after the server said OK, so a failed push leaves them queued and the diff keeps
//! them (the store never lets the server's state override a queued mark).
//!
//! What it must not do: hold the store thread while waiting on the network (every store call
//! is one short job on the [`StoreActor`]), lose or revert a mark on any failure, or run SQL
//! itself.

use std::collections::{HashMap, HashSet};
use std::time::Instant;

use chrono::Utc;
use serde::Serialize;

use crate::config::SyncConfig;
use crate::sanitize::sanitize_line;
use crate::store::StoreError;
use crate::store::sync::{MarkOp, PullStats, PulledItem, ServerFeed, StateChanges};
use crate::sync::item::label_name;
use crate::sync::wire::Subscription;
use crate::sync::{
    CheckReport, Client, ClientOptions, Item, ItemId, Password, StreamQuery, SyncError,
    resolve_password, streams,
};
use crate::worker::{StoreActor, WorkerError};

pub mod subscriptions;

/// Queued marks sent per round (each round: a few edit-tag requests, then one confirm).
pub const PUSH_BATCH: usize = 5_000;
/// Items asked for per `stream/contents` page (halved while answers are too large).
pub const PAGE_ITEMS: usize = 500;
/// Items asked for in the first page of a sync after the first one (see [`pull_new`]).
const FIRST_PAGE_AFTER_SYNC: usize = 50;
/// The smallest page tried before an oversized answer is an error.
const MIN_PAGE_ITEMS: usize = 10;
/// Pages of new items followed in one sync before the server is deemed to loop.
const MAX_PAGES: usize = 10_000;
/// Items fetched by id per store transaction.
const FETCH_BY_ID: usize = 1_000;
/// Push rounds in one sync: marks made faster than they can be sent wait for the next.
const MAX_PUSH_ROUNDS: usize = 100;

/// How a sync behaves beyond the server's address.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SyncOptions {
    /// On the first sync, pull only items the server got in the last this many days (the
    /// unread and starred ones come anyway, by id); `None` pulls everything.
    pub first_sync_days: Option<u32>,
    /// Items per page of new items.
    pub page_items: usize,
}

impl Default for SyncOptions {
    fn default() -> SyncOptions {
        SyncOptions {
            first_sync_days: Some(90),
            page_items: PAGE_ITEMS,
        }
    }
}

/// What one sync did, for the status line and `dateline sync --json`.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct SyncSummary {
    /// Local marks the server confirmed.
    pub pushed: u32,
    /// Marks still queued afterwards (made during the sync, or beyond the round limit).
    pub still_queued: u64,
    /// Subscriptions on the server.
    pub feeds: u32,
    /// Articles stored for the first time, and changed ones.
    pub new_articles: u32,
    pub updated_articles: u32,
    /// Items of streams that are not subscriptions, or unreadable, skipped.
    pub skipped_items: u32,
    /// Items fetched by id because an id set named them and the cache lacked them.
    pub fetched_by_id: u32,
    /// Local state changed to match the server.
    pub marked_read: u32,
    pub marked_unread: u32,
    pub starred: u32,
    pub unstarred: u32,
    /// Differences left as they are because a local mark is newer.
    pub kept_local: u32,
    /// The server's unread count (its reading list) and the cache's, after the sync.
    pub server_unread: Option<i64>,
    pub local_unread: u64,
    /// The cache had been synced with another account: its mappings and queue were dropped.
    pub switched_account: bool,
    /// Wall-clock seconds.
    pub seconds: f64,
}

/// One step of a sync, as progress for the reader's status line and the CLI.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(tag = "step", rename_all = "snake_case")]
pub enum SyncStep {
    /// Sending the queued local marks (`queued` of them).
    Pushing { queued: u64 },
    /// Reading the subscriptions and labels.
    Subscriptions,
    /// Pulling new items; `pulled` stored so far.
    Items { pulled: u32 },
    /// Reading the unread and starred id sets.
    States,
    /// Fetching by id items the id sets name and the cache lacks.
    Missing { count: usize },
}

impl SyncStep {
    /// Steps in a sync, for a progress bar.
    pub const COUNT: usize = 5;

    /// Its place in the sync, 1 to [`Self::COUNT`].
    pub fn number(&self) -> usize {
        match self {
            SyncStep::Pushing { .. } => 1,
            SyncStep::Subscriptions => 2,
            SyncStep::Items { .. } => 3,
            SyncStep::States => 4,
            SyncStep::Missing { .. } => 5,
        }
    }
}

impl std::fmt::Display for SyncStep {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            SyncStep::Pushing { queued } => write!(f, "sending {queued} local marks"),
            SyncStep::Subscriptions => f.write_str("reading the subscriptions"),
            SyncStep::Items { pulled } => write!(f, "pulling new items ({pulled} so far)"),
            SyncStep::States => f.write_str("reading the unread and starred items"),
            SyncStep::Missing { count } => write!(f, "fetching {count} items by id"),
        }
    }
}

/// What a sync run in the background tells the reader.
#[derive(Debug, Clone, PartialEq)]
pub enum SyncEvent {
    Started,
    Step(SyncStep),
    Finished(SyncSummary),
    /// The sync stopped; `message` is for the user. Local marks stay in the cache and in the
    /// queue (`queued` of them) for the next sync.
    Failed {
        message: String,
        queued: u64,
    },
}

/// Why a sync stopped. Nothing is lost either way: queued marks stay queued.
#[derive(Debug, thiserror::Error)]
pub enum SyncRunError {
    #[error(transparent)]
    Server(#[from] SyncError),
    #[error(transparent)]
    Worker(#[from] WorkerError),
}

impl From<StoreError> for SyncRunError {
    fn from(e: StoreError) -> SyncRunError {
        SyncRunError::Worker(WorkerError::Store(e))
    }
}

/// Everything a sync needs besides the cache: the `[sync]` settings, the client's limits and
/// how to sync. The CLI and the reader's session each build one from the configuration.
#[derive(Debug, Clone)]
pub struct SyncSetup {
    pub config: SyncConfig,
    pub client: ClientOptions,
    pub options: SyncOptions,
    /// The value of `DATELINE_SYNC_PASSWORD` (read by the caller, so tests need not set the
    /// process environment).
    pub password_env: Option<String>,
}

impl SyncSetup {
    /// [`account_key`] of the configuration.
    pub fn account(&self) -> String {
        account_key(&self.config)
    }

    /// Resolves the password and logs in; returns the client and the password's warning.
    pub async fn connect(&self) -> Result<(Client, Option<String>), SyncError> {
        connect(&self.config, self.client.clone(), self.password_env.clone()).await
    }

    /// Logs in and syncs the cache behind `store` once, telling `progress` each step.
    pub async fn sync(
        &self,
        store: &StoreActor,
        progress: &(dyn Fn(SyncStep) + Send + Sync),
    ) -> Result<SyncSummary, SyncRunError> {
        let (client, _) = self.connect().await?;
        run_sync_with_progress(store, &client, &self.account(), &self.options, progress).await
    }
}

/// The identity of an account in the cache: the API base and the user.
pub fn account_key(config: &SyncConfig) -> String {
    format!(
        "{} {}",
        config.url.trim().trim_end_matches('/'),
        config.user
    )
}

/// Resolves the password (from `env`, the value of `DATELINE_SYNC_PASSWORD`), builds a
/// client and logs in. Returns the client and the password's warning, if any.
pub async fn connect(
    config: &SyncConfig,
    options: ClientOptions,
    env: Option<String>,
) -> Result<(Client, Option<String>), SyncError> {
    let password: Password = resolve_password(config, env)?;
    let client = Client::new(&config.url, options)?;
    client.login(&config.user, &password).await?;
    Ok((client, password.warning.clone()))
}

/// `dateline sync --check`: logs in and reads the subscription list and the unread count,
/// or says exactly what is wrong.
pub async fn check(
    config: &SyncConfig,
    options: ClientOptions,
    env: Option<String>,
) -> Result<(CheckReport, Option<String>), SyncError> {
    let password = resolve_password(config, env)?;
    let client = Client::new(&config.url, options)?;
    let report = client.check(&config.user, &password).await?;
    Ok((report, password.warning.clone()))
}

/// Runs one sync of the cache behind `store` with the logged-in `client`; `account` is
/// [`account_key`] of the configuration.
pub async fn run_sync(
    store: &StoreActor,
    client: &Client,
    account: &str,
    options: &SyncOptions,
) -> Result<SyncSummary, SyncRunError> {
    run_sync_with_progress(store, client, account, options, &|_| {}).await
}

/// [`run_sync`], telling `progress` each step as it starts (and the items pulled so far).
pub async fn run_sync_with_progress(
    store: &StoreActor,
    client: &Client,
    account: &str,
    options: &SyncOptions,
    progress: &(dyn Fn(SyncStep) + Send + Sync),
) -> Result<SyncSummary, SyncRunError> {
    let started = Instant::now();
    let mut summary = SyncSummary::default();
    let key = account.to_owned();
    summary.switched_account = store.call(move |s| s.sync_begin(&key)).await??;
    let state = store.call(|s| s.sync_state()).await??;

    let queued = store.call(|s| s.sync_queue_len()).await??;
    progress(SyncStep::Pushing { queued });
    summary.pushed = push_marks(store, client).await?;

    progress(SyncStep::Subscriptions);
    let subscriptions = client.subscriptions().await?;
    summary.feeds = subscriptions.len() as u32;
    let feeds = server_feeds(&subscriptions);
    store
        .call(move |s| s.sync_apply_subscriptions(&feeds))
        .await??;

    let newer_than = match state.newest_usec {
        Some(usec) => Some(usec.div_euclid(1_000_000)),
        None => options
            .first_sync_days
            .map(|days| Utc::now().timestamp() - i64::from(days) * 86_400),
    };
    let mut newest = state.newest_usec;
    progress(SyncStep::Items { pulled: 0 });
    pull_new(
        store,
        client,
        newer_than,
        state.newest_usec,
        options.page_items,
        &mut newest,
        &mut summary,
        progress,
    )
    .await?;

    progress(SyncStep::States);
    let unread: HashSet<ItemId> = client
        .item_ids(streams::READING_LIST, Some(streams::READ))
        .await?
        .into_iter()
        .collect();
    let starred: HashSet<ItemId> = client
        .item_ids(streams::STARRED, None)
        .await?
        .into_iter()
        .collect();
    let known = store.call(|s| s.sync_known_items()).await??;
    let mut missing: Vec<ItemId> = unread
        .union(&starred)
        .filter(|id| !known.contains(&id.0))
        .copied()
        .collect();
    missing.sort();
    if !missing.is_empty() {
        progress(SyncStep::Missing {
            count: missing.len(),
        });
    }
    for chunk in missing.chunks(FETCH_BY_ID) {
        let page = client.items_contents(chunk).await?;
        summary.skipped_items += page.skipped as u32;
        summary.fetched_by_id += page.items.len() as u32;
        let stats = store_page(store, page.items, &mut newest).await?;
        add_pull(&mut summary, stats);
    }

    let unread_raw: HashSet<i64> = unread.iter().map(|id| id.0).collect();
    let starred_raw: HashSet<i64> = starred.iter().map(|id| id.0).collect();
    let gone = starred_but_gone(store, client, &starred_raw).await?;
    let changes = store
        .call(move |s| s.sync_apply_state(&unread_raw, &starred_raw, &gone))
        .await??;
    add_changes(&mut summary, changes);

    let now = Utc::now();
    store.call(move |s| s.sync_finish(newest, now)).await??;

    summary.server_unread = client.unread_counts().await.ok().and_then(|counts| {
        counts
            .unreadcounts
            .iter()
            .find(|c| c.id == streams::READING_LIST)
            .and_then(|c| c.count)
            .or(counts.max)
    });
    summary.local_unread = store.call(|s| s.sync_unread_count()).await??;
    summary.still_queued = store.call(|s| s.sync_queue_len()).await??;
    summary.seconds = started.elapsed().as_secs_f64();
    Ok(summary)
}

/// The articles starred here that the server no longer has: in neither id set, as an item
/// unstarred elsewhere is, but the server purged them (FreshRSS deletes old items beyond a
/// number per feed, unread ones too, and ignores a star sent for one). Their star is the
/// user's and stays. Only items starred here and not on the server are asked for, by id
/// (usually none); those it does not return are gone.
async fn starred_but_gone(
    store: &StoreActor,
    client: &Client,
    starred: &HashSet<i64>,
) -> Result<HashSet<i64>, SyncRunError> {
    let here = store.call(|s| s.sync_starred_items()).await??;
    let mut check: Vec<ItemId> = here.difference(starred).map(|item| ItemId(*item)).collect();
    check.sort();
    let mut gone = HashSet::new();
    for chunk in check.chunks(FETCH_BY_ID) {
        let page = client.items_contents(chunk).await?;
        let listed: HashSet<i64> = page.items.iter().map(|item| item.id.0).collect();
        gone.extend(
            chunk
                .iter()
                .map(|id| id.0)
                .filter(|id| !listed.contains(id)),
        );
    }
    Ok(gone)
}

/// Sends the queued marks in order, a round of at most [`PUSH_BATCH`] at a time, and
/// removes each round from the queue once the server said OK to all of it. Within a round
/// only the last mark of each (item, flag) is sent: replaying the earlier ones would end in
/// the same state.
async fn push_marks(store: &StoreActor, client: &Client) -> Result<u32, SyncRunError> {
    let mut pushed = 0u32;
    for _ in 0..MAX_PUSH_ROUNDS {
        let batch = store.call(|s| s.sync_queue_peek(PUSH_BATCH)).await??;
        if batch.is_empty() {
            break;
        }
        let mut last: HashMap<(i64, MarkOp), bool> = HashMap::new();
        let mut order: Vec<(i64, MarkOp)> = Vec::new();
        for mark in &batch {
            // A mark on an article that left the cache has nothing to send; confirming it
            // drops it.
            if let Some(item) = mark.item
                && last.insert((item, mark.op), mark.value).is_none()
            {
                order.push((item, mark.op));
            }
        }
        let mut groups: [(Vec<ItemId>, Option<&str>, Option<&str>); 4] = [
            (Vec::new(), Some(streams::READ), None),
            (Vec::new(), None, Some(streams::READ)),
            (Vec::new(), Some(streams::STARRED), None),
            (Vec::new(), None, Some(streams::STARRED)),
        ];
        for key in &order {
            let value = last[key];
            let slot = match (key.1, value) {
                (MarkOp::Read, true) => 0,
                (MarkOp::Read, false) => 1,
                (MarkOp::Starred, true) => 2,
                (MarkOp::Starred, false) => 3,
            };
            groups[slot].0.push(ItemId(key.0));
        }
        for (ids, add, remove) in &groups {
            if !ids.is_empty() {
                client.edit_tag(ids, *add, *remove).await?;
            }
        }
        let ids: Vec<i64> = batch.iter().map(|m| m.id).collect();
        let full = batch.len() == PUSH_BATCH;
        store.call(move |s| s.sync_queue_confirm(&ids)).await??;
        pushed += batch.len() as u32;
        if !full {
            break;
        }
    }
    Ok(pushed)
}

/// Pulls the reading list newer than `newer_than`, newest first, page by page; each page is
/// stored before the next is asked for. A page too large for the byte cap is asked for
/// again at half the size.
///
/// `ot` has a resolution of a second, and a server adds a feed's items within the same
/// second, so after the first sync the first page repeats items already here. It therefore
/// starts small ([`FIRST_PAGE_AFTER_SYNC`]) and doubles up to `page_items`, and the pull
/// stops at the first page that reaches items older than the newest one pulled before
/// (`known_newest`): everything after it is older still.
#[allow(
    clippy::too_many_arguments,
    reason = "one private step of run_sync, called once"
)]
async fn pull_new(
    store: &StoreActor,
    client: &Client,
    newer_than: Option<i64>,
    known_newest: Option<i64>,
    page_items: usize,
    newest: &mut Option<i64>,
    summary: &mut SyncSummary,
    progress: &(dyn Fn(SyncStep) + Send + Sync),
) -> Result<(), SyncRunError> {
    let page_items = page_items.max(MIN_PAGE_ITEMS);
    let mut query = StreamQuery {
        count: match known_newest {
            Some(_) => FIRST_PAGE_AFTER_SYNC.min(page_items),
            None => page_items,
        },
        continuation: None,
        newer_than,
        exclude: None,
        oldest_first: false,
    };
    let mut seen_continuations = HashSet::new();
    for _ in 0..MAX_PAGES {
        let page = match client.stream_contents(streams::READING_LIST, &query).await {
            Ok(page) => page,
            Err(e) if e.is_too_large() && query.count > MIN_PAGE_ITEMS => {
                query.count = (query.count / 2).max(MIN_PAGE_ITEMS);
                continue;
            }
            Err(e) => return Err(e.into()),
        };
        summary.skipped_items += page.skipped as u32;
        let empty = page.items.is_empty();
        let reached_known = known_newest.is_some_and(|known| {
            page.items
                .iter()
                .any(|item| item.crawled_usec.is_some_and(|c| c < known))
        });
        let stats = store_page(store, page.items, newest).await?;
        add_pull(summary, stats);
        progress(SyncStep::Items {
            pulled: summary.new_articles + summary.updated_articles,
        });
        if reached_known {
            return Ok(());
        }
        match page.continuation {
            Some(c) if !empty && seen_continuations.insert(c.clone()) => {
                query.continuation = Some(c);
                query.count = (query.count * 2).min(page_items);
            }
            _ => return Ok(()),
        }
    }
    Ok(())
}

/// Stores one page of items and notes the newest crawl time among them.
async fn store_page(
    store: &StoreActor,
    items: Vec<Item>,
    newest: &mut Option<i64>,
) -> Result<PullStats, SyncRunError> {
    if items.is_empty() {
        return Ok(PullStats::default());
    }
    for item in &items {
        if let Some(usec) = item.crawled_usec {
            *newest = Some(newest.map_or(usec, |n| n.max(usec)));
        }
    }
    let pulled: Vec<PulledItem> = items
        .into_iter()
        .map(|item| PulledItem {
            item: item.id.0,
            stream: item.stream,
            read: item.read,
            starred: item.starred,
            article: item.article,
        })
        .collect();
    let now = Utc::now();
    Ok(store
        .call(move |s| s.sync_store_items(pulled, now))
        .await??)
}

/// The server's subscriptions as feeds for the cache: sanitised, each with an address
/// (the stream id when the server gives none), labels as tags.
pub fn server_feeds(subscriptions: &[Subscription]) -> Vec<ServerFeed> {
    subscriptions
        .iter()
        .filter_map(|s| {
            let stream = sanitize_line(&s.id);
            if stream.is_empty() {
                return None;
            }
            let url = s
                .url
                .as_deref()
                .map(sanitize_line)
                .filter(|u| !u.is_empty())
                .unwrap_or_else(|| stream.clone());
            let title = Some(sanitize_line(&s.title)).filter(|t| !t.is_empty());
            let site_link = s
                .html_url
                .as_deref()
                .map(sanitize_line)
                .filter(|u| u.starts_with("http://") || u.starts_with("https://"));
            let mut labels: Vec<String> = Vec::new();
            for category in &s.categories {
                let label = category
                    .label
                    .as_deref()
                    .map(sanitize_line)
                    .filter(|l| !l.is_empty())
                    .or_else(|| label_name(&category.id));
                if let Some(label) = label
                    && !labels.contains(&label)
                {
                    labels.push(label);
                }
            }
            Some(ServerFeed {
                stream,
                url,
                title,
                site_link,
                labels,
            })
        })
        .collect()
}

fn add_pull(summary: &mut SyncSummary, stats: PullStats) {
    summary.new_articles += stats.new;
    summary.updated_articles += stats.updated;
    summary.skipped_items += stats.unknown_feed;
}

fn add_changes(summary: &mut SyncSummary, changes: StateChanges) {
    summary.marked_read += changes.marked_read;
    summary.marked_unread += changes.marked_unread;
    summary.starred += changes.starred;
    summary.unstarred += changes.unstarred;
    summary.kept_local += changes.kept_local;
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sync::wire::Category;

    #[test]
    fn subscriptions_become_sanitised_feeds_with_labels() {
        let subs = vec![
            Subscription {
                id: "feed/1".into(),
                title: "Hostile \u{202e}Feed\u{1b}[2J".into(),
                categories: vec![
                    Category {
                        id: "user/-/label/News".into(),
                        label: Some("News".into()),
                    },
                    Category {
                        id: "user/1005/label/World".into(),
                        label: None,
                    },
                ],
                url: Some("http://127.0.0.1:9/f.xml".into()),
                html_url: Some("javascript:alert(1)".into()),
            },
            Subscription {
                id: "feed/2".into(),
                title: String::new(),
                categories: Vec::new(),
                url: None,
                html_url: None,
            },
            Subscription {
                id: "\u{7}".into(),
                ..Subscription::default()
            },
        ];
        let feeds = server_feeds(&subs);
        assert_eq!(feeds.len(), 2);
        assert_eq!(feeds[0].title.as_deref(), Some("Hostile Feed"));
        assert_eq!(feeds[0].labels, vec!["News".to_owned(), "World".to_owned()]);
        assert_eq!(feeds[0].site_link, None);
        assert_eq!(feeds[1].url, "feed/2");
        assert_eq!(feeds[1].title, None);
    }

    #[test]
    fn the_account_key_ignores_a_trailing_slash() {
        let config = |url: &str| SyncConfig {
            url: url.into(),
            user: "alice".into(),
            password_command: None,
            password: None,
        };
        assert_eq!(
            account_key(&config("http://h/api/greader.php/")),
            account_key(&config("http://h/api/greader.php"))
        );
    }
}
