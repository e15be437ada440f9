//! The interactive side of the worker: the interface sends [`Command`]s, the session runs
//! them against the store and the fetcher, and answers with [`WorkerEvent`]s.
//!
//! This is the only door between the interface and the pipeline: the UI never touches the
//! store, SQL or HTTP, and never waits for them. Commands run in order on one task (so a
//! `SetRead` is stored before the `LoadFeeds` that follows it); a refresh runs on a task of
//! its own and streams its progress, so reading carries on while feeds download. What to
//! reload when a refresh lands is the interface's decision (it knows what is on screen).
//!
//! The reader command (`commands::reader`) starts the session and hands the interface only
//! its two channels; every command is answered by one `match` in `Session::handle`.

use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};

use chrono::{DateTime, FixedOffset};
use tokio::sync::mpsc;

use crate::config::Config;
use crate::config::FullText;
use crate::worker::download;
use crate::worker::ignore::{AfterRefresh, after_refresh};
use crate::worker::subscribe::{self, AddOutcome, AddRequest, SubscribeError};

use crate::fetch::Fetcher;
use crate::model::{
    Article, ArticleId, ArticlePage, ArticleSummary, EntityKind, Feed, FeedId, StoryTag,
};
use crate::query::Query;
use crate::store::{Seek, Store, StoreError};
use crate::worker::pages::{self, PageModes, PagesSummary};
use crate::worker::sync::{SyncEvent, SyncSetup};
use crate::worker::{RefreshEvent, StoreActor, WorkerError, extract, refresh};

mod counts;
mod entity;
use counts::Backlog;
mod feeds;
mod list_query;
mod page;
mod pipeline;
mod shapes;
mod stories;
mod sync;

pub use entity::{EntityPage, PAGE_LIMITS, TopEntity};
pub use list_query::{ArticleQuery, Grouping, STORY_ROWS};
pub use shapes::group_mentions;
use shapes::unread;

use page::page_event;
use pipeline::{fetch_pages, run_refresh, spawn_extraction};

/// How far one download is.
#[derive(Debug, Clone, PartialEq)]
pub struct DownloadProgress {
    pub id: u64,
    pub url: String,
    /// Bytes received so far.
    pub received: u64,
    /// The size the server announced.
    pub total: Option<u64>,
    /// Set once it ended: where the file was saved, or why it failed.
    pub done: Option<Result<PathBuf, String>>,
}

/// Identifies one `LoadArticles` request, so the interface can drop stale answers.
pub type RequestId = u64;

/// A slice of a list: at most `limit` rows after skipping `offset`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Window {
    pub offset: u32,
    pub limit: u32,
}

/// What the interface already holds of the list it asks a window of, so the store can read
/// the window from the nearest row it knows instead of counting rows from the top (see
/// [`crate::store::Seek`]). Empty for a new list, or one that may have changed.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Near {
    /// The list's length, as counted for this same list.
    pub total: Option<u64>,
    /// Rows of this same list the interface holds, with their indices in it (the loaded
    /// window's first and last).
    pub rows: Vec<(u64, ArticleSummary)>,
}

/// What the interface asks of the worker.
#[derive(Debug, Clone, PartialEq)]
pub enum Command {
    /// Answer with [`WorkerEvent::Feeds`].
    LoadFeeds,
    /// Answer with [`WorkerEvent::Articles`] carrying the same `request`.
    /// Only the rows of `window` are loaded; with `count`, a [`WorkerEvent::ArticleTotal`]
    /// follows them (unless the next command already asks for a newer list with its total).
    /// `now` anchors `since:2d` and `today` (its offset is the local zone); `near` is what
    /// the interface holds of this list, to find the window quickly.
    LoadArticles {
        request: RequestId,
        query: ArticleQuery,
        window: Window,
        count: bool,
        now: DateTime<FixedOffset>,
        near: Near,
    },
    /// Answer with [`WorkerEvent::Article`], then its [`WorkerEvent::Page`].
    LoadArticle(ArticleId),
    /// Answer with [`WorkerEvent::Page`]: the article's stored page, if any.
    LoadPage(ArticleId),
    /// Fetch the article's page now, whatever the configuration says, store it, and answer
    /// with [`WorkerEvent::Page`] (`fetched`, with the error if it failed).
    FetchPage(ArticleId),
    /// Store the read flag; answers with fresh [`WorkerEvent::Feeds`] (unread counts).
    SetRead(Vec<ArticleId>, bool),
    /// Store the starred flag.
    SetStarred(ArticleId, bool),
    /// Mark everything the query selects as read; answers with [`WorkerEvent::MarkedRead`]
    /// (what changed), then fresh feeds.
    MarkAllRead {
        query: ArticleQuery,
        now: DateTime<FixedOffset>,
    },
    /// Find the first unread article after `from` (before it when `!forward`) in the list
    /// `query` gives, beyond the rows the interface holds; answers with
    /// [`WorkerEvent::NextUnread`].
    FindUnread {
        query: ArticleQuery,
        now: DateTime<FixedOffset>,
        from: Box<ArticleSummary>,
        forward: bool,
    },
    /// Find the first `limit` unread articles of the list `query` gives (all of it, not
    /// only the rows the interface holds), in its order, and count its unread articles
    /// (`O`); answers with [`WorkerEvent::UnreadLinks`].
    FindUnreadLinks {
        query: ArticleQuery,
        now: DateTime<FixedOffset>,
        limit: u32,
    },
    /// Count the unread articles of the list `query` gives, all of it (the question `A`
    /// asks when the interface holds only part of the list); answers with
    /// [`WorkerEvent::ListUnread`] carrying the same query.
    CountListUnread {
        query: ArticleQuery,
        now: DateTime<FixedOffset>,
    },
    /// Count each query's unread articles (the saved views' counts); answers with
    /// [`WorkerEvent::ViewCounts`] carrying the same keys.
    CountUnread {
        queries: Vec<(usize, Query)>,
        now: DateTime<FixedOffset>,
    },
    /// Refresh these feeds (all when `None`) in the background, streaming
    /// [`WorkerEvent::Refresh`]. With a sync server, one sync instead (whatever the feeds),
    /// streaming [`WorkerEvent::Sync`].
    Refresh(Option<Vec<FeedId>>),
    /// The reader has this article open: extract its entities before the backlog (answers
    /// with [`WorkerEvent::EntitiesReady`] once stored, if it needed extraction).
    ExtractFirst(ArticleId),
    /// Answer with [`WorkerEvent::Entities`]: the article's entities, most-mentioned first.
    LoadEntities(ArticleId),
    /// Subscribe to a feed (or a page's feed: see [`crate::worker::subscribe::add`]); answers
    /// with [`WorkerEvent::FeedsChanged`] and fresh feeds, then refreshes the new feed, or
    /// with [`WorkerEvent::FeedChoices`] when the page links several.
    AddFeed { url: String },
    /// Unsubscribe from the feed with this URL; answers with [`WorkerEvent::FeedsChanged`].
    /// With a sync server, the subscription changes there (and, like adding and editing,
    /// on a task of its own: the cache's feed list follows the server's once it said OK).
    RemoveFeed { url: String },
    /// Give the feed with this URL a title (`None`: its own; with a sync server, the one the
    /// server has) and tags; answers with [`WorkerEvent::FeedsChanged`].
    EditFeed {
        url: String,
        title: Option<String>,
        tags: Vec<String>,
    },
    /// Download an enclosure into the download folder as download `id`, on a task of its
    /// own; progress and the outcome come as [`WorkerEvent::Download`].
    Download { id: u64, url: String },
    /// Save `text` as the file `name` in the download folder; answers with
    /// [`WorkerEvent::Saved`].
    SaveText { name: String, text: String },
    /// Answer with [`WorkerEvent::TopEntities`] carrying the same query: the `limit`
    /// most-mentioned entities across the articles the query selects (a filtered list's
    /// newest [`WHO_NEWEST`] only, when it has more).
    LoadTopEntities {
        query: ArticleQuery,
        now: DateTime<FixedOffset>,
        limit: u32,
    },
    /// Answer with [`WorkerEvent::EntityPage`]: entity `entity`'s page, its days ending on
    /// `now`'s date.
    LoadEntityPage {
        entity: i64,
        now: DateTime<FixedOffset>,
    },
    /// Answer with [`WorkerEvent::Names`]: up to `limit` names of `kind` that begin with
    /// `prefix` (or have a word that does), the most mentioned first (Tab in the filter).
    CompleteNames {
        kind: EntityKind,
        prefix: String,
        limit: u32,
    },
}

/// One entity of one article, as the people-and-places pane shows it.
#[derive(Debug, Clone, PartialEq)]
pub struct ArticleEntity {
    /// The entity's row id in the cache.
    pub id: i64,
    pub kind: EntityKind,
    /// The canonical name (not yet sanitised: the interface does it).
    pub name: String,
    /// Coordinates of a geocoded place.
    pub coords: Option<(f64, f64)>,
    /// Its mentions in the article: character offsets into the article's `text`, end
    /// exclusive, in text order. Their number is the mention count.
    pub spans: Vec<(u32, u32)>,
}

/// What the worker tells the interface.
#[derive(Debug, Clone, PartialEq)]
pub enum WorkerEvent {
    Feeds(Vec<Feed>),
    /// The total of the list a `LoadArticles` with `count` asked for; it follows that
    /// request's rows (which come with `total: None`).
    ArticleTotal {
        request: RequestId,
        total: u64,
    },
    /// The rows of a `LoadArticles` window, starting at `offset`. The session leaves `total`
    /// empty (it follows as [`WorkerEvent::ArticleTotal`]); [`WorkerEvent::whole_list`] fills it.
    Articles {
        request: RequestId,
        offset: u32,
        total: Option<u64>,
        articles: Vec<ArticleSummary>,
    },
    /// The stories of a list that shows each story once, sent before its rows.
    StoryTags {
        request: RequestId,
        tags: Vec<StoryTag>,
    },
    /// Unread counts for `CountUnread`, by the keys it carried.
    ViewCounts(Vec<(usize, u64)>),
    /// The article, and its feed text as the body shows it.
    Article(Box<Article>, Box<crate::model::StyledText>),
    /// Progress of a background refresh.
    Refresh(RefreshEvent),
    /// Progress of a background sync (the refresh when a sync server is set).
    Sync(SyncEvent),
    /// The answer to [`Command::MarkAllRead`]: the articles it marked read, which were
    /// unread before (already-read ones are not in it). Their number is what to report;
    /// `Command::SetRead(changed, false)` undoes the mark.
    MarkedRead {
        changed: Vec<ArticleId>,
    },
    /// The answer to [`Command::FindUnread`] from `from`: the unread article found and its
    /// index in the list, or `None` when there is none that way.
    NextUnread {
        from: ArticleId,
        forward: bool,
        found: Option<(u64, ArticleSummary)>,
    },
    /// The answer to [`Command::FindUnreadLinks`] for `query`: how many unread articles the
    /// list has, and the first of them that have a link, `(article, feed, link)`.
    UnreadLinks {
        query: ArticleQuery,
        total: u64,
        found: Vec<(ArticleId, FeedId, String)>,
    },
    /// The answer to [`Command::CountListUnread`]: how many unread articles the list
    /// `query` gives has.
    ListUnread {
        query: ArticleQuery,
        unread: u64,
    },
    /// Something failed; the message is for the user.
    Error(String),
    /// The entities of these articles were (re-)extracted and stored; reload them if shown.
    EntitiesReady(Vec<ArticleId>),
    /// The answer to [`Command::LoadEntities`].
    Entities {
        article: ArticleId,
        entities: Vec<ArticleEntity>,
    },
    /// The feed list changed (a feed added, removed or edited, or the config file re-read);
    /// the message says what, for the status bar. Fresh [`WorkerEvent::Feeds`] follow.
    FeedsChanged {
        message: String,
    },
    /// [`Command::AddFeed`] was given a web page that links several feeds: `(url, title)`
    /// of each, for the user to pick one.
    FeedChoices {
        page: String,
        feeds: Vec<(String, Option<String>)>,
    },
    /// The config file was re-read (at a refresh of all feeds) and its saved views differ.
    ViewsChanged(Vec<crate::config::View>),
    /// Progress, then the outcome, of a [`Command::Download`].
    Download(DownloadProgress),
    /// Where [`Command::SaveText`] saved, or why it could not.
    Saved(Result<PathBuf, String>),
    /// The answer to [`Command::LoadTopEntities`], for the query it carried.
    TopEntities {
        query: ArticleQuery,
        entities: Vec<TopEntity>,
        /// `Some(n)`: counted over the list's newest `n` articles only (it has more).
        newest: Option<u32>,
    },
    /// The answer to [`Command::LoadEntityPage`]; `None` when the entity is gone.
    EntityPage {
        entity: i64,
        page: Option<Box<EntityPage>>,
    },
    /// An article's fetched page (full text) and its body, or none; with the last fetch's
    /// error. `fetched` when it answers [`Command::FetchPage`].
    Page {
        article: ArticleId,
        page: Option<Box<ArticlePage>>,
        body: Option<Box<crate::model::StyledText>>,
        error: Option<String>,
        fetched: bool,
    },
    /// A background fetch after a refresh stored this article's page.
    PageStored(ArticleId),
    /// The background page fetches after a refresh are done.
    PagesDone(PagesSummary),
    /// The answer to [`Command::CompleteNames`], with what it asked.
    Names {
        kind: EntityKind,
        prefix: String,
        names: Vec<String>,
    },
}

impl WorkerEvent {
    /// A whole list in one answer (offset 0, total = its length): for tests and small lists.
    pub fn whole_list(request: RequestId, articles: Vec<ArticleSummary>) -> WorkerEvent {
        WorkerEvent::Articles {
            request,
            offset: 0,
            total: Some(articles.len() as u64),
            articles,
        }
    }
}

/// Starts the session on the current tokio runtime and returns the sender for commands.
/// The session ends when that sender is dropped. Must be called inside a runtime.
pub fn spawn_session(
    store: StoreActor,
    fetcher: Fetcher,
    keep_days: Option<u32>,
    events: mpsc::UnboundedSender<WorkerEvent>,
) -> mpsc::UnboundedSender<Command> {
    spawn_session_full(store, fetcher, keep_days, None, None, events)
}

/// [`spawn_session`] with a sync server: a refresh is then one sync with it.
pub fn spawn_session_with_sync(
    store: StoreActor,
    fetcher: Fetcher,
    keep_days: Option<u32>,
    sync: Option<SyncSetup>,
    events: mpsc::UnboundedSender<WorkerEvent>,
) -> mpsc::UnboundedSender<Command> {
    spawn_session_full(store, fetcher, keep_days, sync, None, events)
}

/// [`spawn_session`] for a reader whose configuration lives in a file: `config` is its path
/// and what was loaded from it. The session edits it for [`Command::AddFeed`] and friends,
/// and reads it again before refreshing every feed, so that edits made meanwhile (in an
/// editor) are picked up without a restart.
pub fn spawn_session_with_config(
    store: StoreActor,
    fetcher: Fetcher,
    keep_days: Option<u32>,
    config: Option<(PathBuf, Config)>,
    events: mpsc::UnboundedSender<WorkerEvent>,
) -> mpsc::UnboundedSender<Command> {
    spawn_session_full(store, fetcher, keep_days, None, config, events)
}

/// [`spawn_session`] whose refreshes then fetch the article pages of the feeds
/// `full_text` says (see [`pages`]); on-demand fetches ([`Command::FetchPage`]) work either
/// way.
pub fn spawn_session_with_full_text(
    store: StoreActor,
    fetcher: Fetcher,
    keep_days: Option<u32>,
    full_text: FullTextOf,
    events: mpsc::UnboundedSender<WorkerEvent>,
) -> mpsc::UnboundedSender<Command> {
    spawn_session_inner(store, fetcher, keep_days, None, None, full_text, events)
}

/// [`spawn_session`] with both: a sync server (when set, refreshes sync with it) and the
/// configuration file the reader edits.
pub fn spawn_session_full(
    store: StoreActor,
    fetcher: Fetcher,
    keep_days: Option<u32>,
    sync: Option<SyncSetup>,
    config: Option<(PathBuf, Config)>,
    events: mpsc::UnboundedSender<WorkerEvent>,
) -> mpsc::UnboundedSender<Command> {
    // With a configuration, a refresh reads which feeds' pages to fetch from it as last read
    // (see `spawn_refresh`); without, none.
    let full_text: FullTextOf = Arc::new(|_| FullText::Off);
    spawn_session_inner(store, fetcher, keep_days, sync, config, full_text, events)
}

/// The session, with `full_text` for when it has no configuration.
fn spawn_session_inner(
    store: StoreActor,
    fetcher: Fetcher,
    keep_days: Option<u32>,
    sync: Option<SyncSetup>,
    config: Option<(PathBuf, Config)>,
    full_text: FullTextOf,
    events: mpsc::UnboundedSender<WorkerEvent>,
) -> mpsc::UnboundedSender<Command> {
    let (tx, commands) = mpsc::unbounded_channel::<Command>();
    // The extraction queue runs from the start (articles left from last time) and again after
    // every refresh; it ends with the session (dropping `extraction`). Its first look for work
    // waits until the first list has been answered: the store has one thread, and when little
    // is left to do that look can read most of the cache (a third of a second for 100,000
    // articles), which would otherwise come before the first rows.
    let priority = extract::Priority::default();
    let extraction = spawn_extraction(store.clone(), priority.clone(), events.clone());
    let session = Session {
        store,
        fetcher,
        keep_days,
        full_text,
        sync: sync.map(Arc::new),
        syncing: Arc::new(AtomicBool::new(false)),
        events,
        commands,
        carried: None,
        counting: Arc::new(AtomicU64::new(0)),
        priority,
        backlog: Backlog::Waiting(extraction.clone()),
        extraction,
        config,
        config_problem: None,
    };
    tokio::spawn(session.run());
    tx
}

/// The session's task: its handles to the pipeline and what it remembers between commands.
struct Session {
    store: StoreActor,
    fetcher: Fetcher,
    /// Prune setting passed to refreshes.
    keep_days: Option<u32>,
    /// Which feeds' pages a refresh fetches afterwards.
    full_text: FullTextOf,
    /// The sync server, when one is set: refreshes sync with it.
    sync: Option<Arc<SyncSetup>>,
    /// Set while a sync runs, so that a second one waits for the next refresh.
    syncing: Arc<AtomicBool>,
    events: mpsc::UnboundedSender<WorkerEvent>,
    commands: mpsc::UnboundedReceiver<Command>,
    /// A command read ahead (to see whether a list's total is still wanted), handled next.
    carried: Option<Command>,
    /// The last list whose total is being counted: an older count gives up.
    counting: Arc<AtomicU64>,
    /// Articles the reader has open, extracted before the backlog.
    priority: extract::Priority,
    /// Wakes the extraction queue.
    extraction: mpsc::UnboundedSender<()>,
    backlog: Backlog,
    /// The config file and what was last loaded from it, when the reader has one.
    config: Option<(PathBuf, Config)>,
    /// Why the config file could not be read again, told after the refresh it preceded.
    config_problem: Option<String>,
}

impl Session {
    /// Handles commands in order until the interface drops its sender or stops listening.
    async fn run(mut self) {
        loop {
            let command = match self.carried.take() {
                Some(command) => command,
                None => match self.commands.recv().await {
                    Some(command) => command,
                    None => break,
                },
            };
            if !self.handle(command).await {
                break;
            }
        }
    }

    /// Runs one command and sends its answers (or its error); false once the interface is
    /// gone. Queries run on the store's read-only connection (see [`StoreActor::read`]),
    /// changes on its writing thread; commands run one at a time, so a query sent after a
    /// change sees it.
    async fn handle(&mut self, command: Command) -> bool {
        // A list is answered before the extraction backlog starts (see `spawn_session`);
        // anything else lets it start now.
        if !matches!(command, Command::LoadFeeds | Command::LoadArticles { .. }) {
            self.backlog.start();
        }
        let store = &self.store;
        let answer = match command {
            Command::LoadFeeds => flat(
                store
                    .read(|s| Ok(vec![WorkerEvent::Feeds(s.feeds()?)]))
                    .await,
            ),
            Command::LoadArticles {
                request,
                query,
                window,
                count,
                now,
                near,
            } => {
                if query.grouping != Grouping::Articles {
                    let grouped = store
                        .read(move |s| stories::grouped_list(s, request, &query, now))
                        .await;
                    if !send_all(&self.events, flat(grouped)) {
                        return false;
                    }
                    self.backlog.start();
                    return true;
                }
                // The rows first, so the list follows the key at once; then, when asked for,
                // the total (a full count: the slow part on a big cache), skipped when the
                // next command already asks for a newer list with its own total.
                let query = query.combined();
                if count {
                    // A new list: the last one's total, still being counted on the other
                    // connection, is not wanted any more. Given up now, not after these
                    // rows: on two cores it took half the CPU from them.
                    self.counting.store(request, Ordering::Relaxed);
                }
                let rows = {
                    let query = query.clone();
                    store
                        .read(move |s| {
                            let seek = Seek {
                                offset: u64::from(window.offset),
                                limit: window.limit,
                                total: near.total,
                                anchors: &near.rows,
                            };
                            Ok(vec![WorkerEvent::Articles {
                                request,
                                offset: window.offset,
                                total: None,
                                articles: s.query_window(&query, now, seek)?,
                            }])
                        })
                        .await
                };
                if !send_all(&self.events, flat(rows)) {
                    return false;
                }
                if count {
                    // The backlog's first look waits for this total too (both read much of
                    // the cache; the first frame is drawn meanwhile).
                    let wake = self.backlog.take();
                    self.list_total(request, query, now, wake);
                } else {
                    self.backlog.start();
                }
                Ok(Vec::new())
            }
            Command::LoadArticle(id) => flat(
                store
                    .read(move |s| {
                        let article = WorkerEvent::article(s.article(id)?);
                        Ok(vec![article, page_event(s, id, false)?])
                    })
                    .await,
            ),
            Command::LoadPage(id) => flat(
                store
                    .read(move |s| Ok(vec![page_event(s, id, false)?]))
                    .await,
            ),
            Command::FetchPage(id) => {
                self.fetch_page(id);
                Ok(Vec::new())
            }
            Command::SetRead(ids, read) => flat(
                store
                    .call(move |s| {
                        s.set_read(&ids, read)?;
                        Ok(vec![WorkerEvent::Feeds(s.feeds()?)])
                    })
                    .await,
            ),
            Command::SetStarred(id, starred) => flat(
                store
                    .call(move |s| {
                        s.set_starred(id, starred)?;
                        Ok(Vec::new())
                    })
                    .await,
            ),
            Command::MarkAllRead { query, now } => flat(
                store
                    .call(move |s| {
                        let changed = match query.grouping {
                            // One story's articles: only those, not the rest of the scope.
                            Grouping::Story(id) => {
                                let unread: Vec<ArticleId> = s
                                    .story_rows(&query.combined(), now, Some(id), STORY_ROWS)?
                                    .into_iter()
                                    .filter(|(a, _)| !a.read)
                                    .map(|(a, _)| a.id)
                                    .collect();
                                s.set_read(&unread, true)?;
                                unread
                            }
                            Grouping::Articles | Grouping::Stories => {
                                s.mark_query_read_ids(&query.combined(), now, true)?
                            }
                        };
                        Ok(vec![
                            WorkerEvent::MarkedRead { changed },
                            WorkerEvent::Feeds(s.feeds()?),
                        ])
                    })
                    .await,
            ),
            Command::FindUnread {
                query,
                now,
                from,
                forward,
            } => flat(
                store
                    .read(move |s| {
                        let found = s.next_unread(&query.combined(), now, &from, forward)?;
                        Ok(vec![WorkerEvent::NextUnread {
                            from: from.id,
                            forward,
                            found,
                        }])
                    })
                    .await,
            ),
            Command::FindUnreadLinks { query, now, limit } => flat(
                store
                    .read(move |s| counts::unread_links(s, query, now, limit))
                    .await,
            ),
            Command::CountListUnread { query, now } => flat(
                store
                    .read(move |s| counts::list_unread(s, query, now))
                    .await,
            ),
            Command::CountUnread { queries, now } => flat(
                store
                    .read(move |s| counts::view_counts(s, queries, now))
                    .await,
            ),
            Command::Refresh(_) if self.sync.is_some() => {
                if let Some(setup) = &self.sync {
                    self.start_sync(Arc::clone(setup));
                }
                Ok(Vec::new())
            }
            Command::AddFeed { url } => return self.add_feed(url),
            Command::Download { id, url } => {
                let downloads = self.downloads();
                download::spawn_download(
                    self.fetcher.clone(),
                    &downloads,
                    id,
                    url,
                    self.events.clone(),
                );
                Ok(Vec::new())
            }
            Command::SaveText { name, text } => {
                download::spawn_save(&self.downloads(), name, text, self.events.clone());
                Ok(Vec::new())
            }
            Command::RemoveFeed { url } => return self.remove_feed(url).await,
            Command::EditFeed { url, title, tags } => {
                return self.edit_feed(url, title, tags).await;
            }
            Command::Refresh(ids) => {
                if ids.is_none() && !self.reload_config().await {
                    return false;
                }
                self.spawn_refresh(ids);
                Ok(Vec::new())
            }
            Command::ExtractFirst(id) => {
                self.priority.push(id);
                let _ = self.extraction.send(());
                Ok(Vec::new())
            }
            Command::LoadEntities(article) => flat(
                store
                    .read(move |s| {
                        let entities = group_mentions(s.mentions(article)?);
                        Ok(vec![WorkerEvent::Entities { article, entities }])
                    })
                    .await,
            ),
            Command::LoadTopEntities { query, now, limit } => flat(
                store
                    .read(move |s| entity::top_entities(s, query, now, limit))
                    .await,
            ),
            Command::LoadEntityPage { entity, now } => flat(
                store
                    .read(move |s| entity::entity_page(s, entity, now))
                    .await,
            ),
            Command::CompleteNames {
                kind,
                prefix,
                limit,
            } => flat(
                store
                    .read(move |s| {
                        let names = s.entity_names(kind, &prefix, limit)?;
                        Ok(vec![WorkerEvent::Names {
                            kind,
                            prefix,
                            names,
                        }])
                    })
                    .await,
            ),
        };
        send_all(&self.events, answer)
    }
}

/// How many of a filtered list's articles "who and where" counts, the newest first: every
/// configured feed and the feeds pane's scopes are read from counts kept per feed, exact,
/// but a filtered list is counted from its articles' mentions, and counting all of them
/// took seconds on a large cache (41 s for a million articles).
pub const WHO_NEWEST: u32 = 5_000;

/// A store job's answers, or its error as a message for the user.
fn flat(
    result: Result<Result<Vec<WorkerEvent>, StoreError>, WorkerError>,
) -> Result<Vec<WorkerEvent>, String> {
    match result {
        Ok(Ok(events)) => Ok(events),
        Ok(Err(e)) => Err(e.to_string()),
        Err(e) => Err(e.to_string()),
    }
}

/// Sends a command's answers (or its error) to the interface; false once it is gone.
fn send_all(
    events: &mpsc::UnboundedSender<WorkerEvent>,
    answers: Result<Vec<WorkerEvent>, String>,
) -> bool {
    match answers {
        Ok(answers) => answers.into_iter().all(|event| events.send(event).is_ok()),
        Err(message) => events.send(WorkerEvent::Error(message)).is_ok(),
    }
}

/// Whether a feed (by its configured URL) has its article pages fetched after a refresh.
pub type FullTextOf = Arc<dyn Fn(&str) -> FullText + Send + Sync>;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::query::parse;

    #[test]
    fn combined_ands_scope_and_filter_and_the_filter_sort_wins() {
        let q = ArticleQuery {
            scope: parse("tag:world sort:title").unwrap(),
            filter: parse("vucic or paris sort:-date").unwrap(),
            ..ArticleQuery::default()
        };
        assert_eq!(
            q.combined().to_string(),
            parse("tag:world (vucic or paris) sort:-date")
                .unwrap()
                .to_string()
        );
        let only_scope = ArticleQuery {
            scope: parse("feed:x").unwrap(),
            filter: Query::default(),
            ..ArticleQuery::default()
        };
        assert_eq!(only_scope.combined(), parse("feed:x").unwrap());
        assert_eq!(ArticleQuery::default().combined(), Query::default());
    }

    /// Regression guard for the read-ahead in `Session::handle`: a list's total (a full count)
    /// is skipped when the next command already asks for a newer list with its own total,
    /// and counted when nothing newer is waiting.
    #[tokio::test]
    async fn a_lists_total_is_skipped_when_a_newer_counted_list_is_waiting() {
        use crate::fetch::FetcherOptions;
        use crate::model::FeedSpec;
        use crate::store::Store;

        let mut store = Store::open_in_memory().unwrap();
        store
            .sync_feeds(&[FeedSpec {
                url: "https://a.example/rss".into(),
                title: None,
                tags: Vec::new(),
            }])
            .unwrap();
        let (actor, _thread) = StoreActor::spawn(store).unwrap();
        let fetcher = Fetcher::new(FetcherOptions {
            concurrency: 1,
            per_host: 1,
            connect_timeout: std::time::Duration::from_secs(1),
            timeout: std::time::Duration::from_secs(1),
            max_bytes: 1 << 20,
            user_agent: "dateline-test/0.1".into(),
        })
        .unwrap();
        let (events_tx, mut events) = mpsc::unbounded_channel();
        // On this single-threaded runtime the session first runs at the first `await` below,
        // so all three commands are queued before it reads any.
        let commands = spawn_session(actor, fetcher, None, events_tx);
        let list = |request, count| Command::LoadArticles {
            request,
            query: ArticleQuery::default(),
            window: Window {
                offset: 0,
                limit: 50,
            },
            count,
            now: chrono::Utc::now().fixed_offset(),
            near: Near::default(),
        };
        commands.send(list(1, true)).unwrap();
        commands.send(list(2, true)).unwrap();
        commands.send(list(3, false)).unwrap();
        drop(commands);
        let mut seen = Vec::new();
        while let Some(event) = events.recv().await {
            match event {
                WorkerEvent::Articles { request, total, .. } => {
                    seen.push(format!("rows {request} {total:?}"));
                }
                WorkerEvent::ArticleTotal { request, total } => {
                    seen.push(format!("total {request} {total}"));
                }
                WorkerEvent::EntitiesReady(_) => {}
                other => panic!("unexpected {other:?}"),
            }
        }
        // The total is counted beside the next commands: it may come before or after the
        // rows of list 3.
        let rows: Vec<&String> = seen.iter().filter(|s| s.starts_with("rows")).collect();
        let totals: Vec<&String> = seen.iter().filter(|s| s.starts_with("total")).collect();
        assert_eq!(rows, ["rows 1 None", "rows 2 None", "rows 3 None"]);
        assert_eq!(
            totals,
            ["total 2 0"],
            "list 1's total is superseded by list 2's; list 2's is counted, since list 3 asks \
             for none"
        );
    }

    /// The next [`WorkerEvent::MarkedRead`], skipping other events.
    async fn marked(events: &mut mpsc::UnboundedReceiver<WorkerEvent>) -> Vec<ArticleId> {
        loop {
            let event = tokio::time::timeout(std::time::Duration::from_secs(10), events.recv())
                .await
                .expect("an answer to MarkAllRead")
                .expect("the session is running");
            if let WorkerEvent::MarkedRead { changed } = event {
                return changed;
            }
        }
    }

    /// Regression (issue 11, bug 4): `A` on "All articles" marked 1,149 articles read and
    /// said "marked 0 articles read", a count taken from the rows on screen. The session now
    /// answers with the articles that changed: every unread one the query selects, never one
    /// already read; marking them unread again undoes it.
    #[tokio::test]
    async fn mark_all_read_answers_with_the_articles_it_changed() {
        use crate::fetch::FetcherOptions;
        use crate::model::{FeedSpec, NewArticle, ParsedFeed};
        use crate::store::{FetchRecord, Store};
        use chrono::{TimeZone, Utc};

        let mut store = Store::open_in_memory().unwrap();
        store
            .sync_feeds(&[FeedSpec {
                url: "https://a.example/rss".into(),
                title: None,
                tags: Vec::new(),
            }])
            .unwrap();
        let feed = store.feeds().unwrap()[0].id;
        let base = Utc.with_ymd_and_hms(2025, 3, 1, 0, 0, 0).unwrap();
        let articles = (0..7)
            .map(|i| NewArticle {
                guid: format!("g{i}"),
                title: format!("Story {i}"),
                link: None,
                authors: Vec::new(),
                published: Some(base + chrono::Duration::hours(i)),
                updated: None,
                summary_html: None,
                content_html: None,
                text: String::new(),
                enclosures: Vec::new(),
                categories: Vec::new(),
            })
            .collect();
        let parsed = ParsedFeed {
            title: Some("A".into()),
            site_link: None,
            articles,
        };
        let record = FetchRecord::Parsed {
            feed: &parsed,
            etag: None,
            last_modified: None,
            moved_to: None,
        };
        store.record_fetch(feed, record, base).unwrap();
        let all: Vec<ArticleId> = store
            .query_articles(&Query::default(), base.fixed_offset(), None, 0)
            .unwrap()
            .iter()
            .map(|a| a.id)
            .collect();
        let already: Vec<ArticleId> = all[..2].to_vec();
        store.set_read(&already, true).unwrap();

        let (actor, _thread) = StoreActor::spawn(store).unwrap();
        let fetcher = Fetcher::new(FetcherOptions {
            concurrency: 1,
            per_host: 1,
            connect_timeout: std::time::Duration::from_secs(1),
            timeout: std::time::Duration::from_secs(1),
            max_bytes: 1 << 20,
            user_agent: "dateline-test/0.1".into(),
        })
        .unwrap();
        let (events_tx, mut events) = mpsc::unbounded_channel();
        let commands = spawn_session(actor, fetcher, None, events_tx);
        let now = Utc::now().fixed_offset();
        let mark = || Command::MarkAllRead {
            query: ArticleQuery::default(),
            now,
        };
        // `A`'s question counts the unread articles of the whole list, not all of it.
        commands
            .send(Command::CountListUnread {
                query: ArticleQuery::default(),
                now,
            })
            .unwrap();
        let unread = loop {
            let event = tokio::time::timeout(std::time::Duration::from_secs(10), events.recv())
                .await
                .expect("an answer to CountListUnread")
                .expect("the session is running");
            if let WorkerEvent::ListUnread { unread, .. } = event {
                break unread;
            }
        };
        assert_eq!(unread, 5, "7 articles, 2 of them read");
        commands.send(mark()).unwrap();
        let mut changed = marked(&mut events).await;
        changed.sort();
        let mut expected: Vec<ArticleId> = all
            .iter()
            .filter(|id| !already.contains(id))
            .copied()
            .collect();
        expected.sort();
        assert_eq!(changed, expected, "the unread ones, not the already read");
        // Nothing is left to mark: the second answer is empty, not the list's length.
        commands.send(mark()).unwrap();
        assert!(marked(&mut events).await.is_empty());
        // Undo: the changed ones are unread again, the others stay read.
        commands
            .send(Command::SetRead(changed.clone(), false))
            .unwrap();
        commands.send(mark()).unwrap();
        let mut again = marked(&mut events).await;
        again.sort();
        assert_eq!(again, expected);
    }
}
