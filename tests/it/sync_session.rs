//! The reader's side of sync: the worker session with a sync server, driven by the same
//! `Command`s the interface sends (`Refresh` from `R` and refresh-on-start, `MarkAllRead`
//! from `A`), answering with `WorkerEvent::Sync`; and the subscription changes the feed
//! commands call ([`dateline::worker::sync::subscriptions`]). Against a real FreshRSS (see
//! [`crate::sync`]); faults a real server will not produce on demand (a silent server) come
//! from the kit's server.

use std::time::Duration;

use chrono::Utc;
use dateline::config::SyncConfig;
use dateline::fetch::{Fetcher, FetcherOptions};
use dateline::model::ArticleId;
use dateline::store::Store;
use dateline::sync::{ClientOptions, streams};
use dateline::worker::session::{
    ArticleQuery, Command, WorkerEvent, spawn_session_full, spawn_session_with_sync,
};
use dateline::worker::sync::{SyncEvent, SyncOptions, SyncSetup, SyncSummary, subscriptions};
use tokio::sync::mpsc;

use crate::support::{Reply, Route, TestServer};
use crate::sync::{FreshRss, feed_reply, open_cache, options, rss, server_sets, subscribe};

fn fetcher() -> Fetcher {
    Fetcher::new(FetcherOptions {
        concurrency: 1,
        per_host: 1,
        connect_timeout: Duration::from_secs(2),
        timeout: Duration::from_secs(2),
        max_bytes: 1 << 20,
        user_agent: "dateline-test/0.1".into(),
    })
    .unwrap()
}

fn setup(config: SyncConfig, client: ClientOptions) -> SyncSetup {
    SyncSetup {
        config,
        client,
        options: SyncOptions {
            first_sync_days: None,
            ..SyncOptions::default()
        },
        password_env: None,
    }
}

/// The next event the test waits for, skipping the others (entities, feeds).
async fn next<T>(
    events: &mut mpsc::UnboundedReceiver<WorkerEvent>,
    mut pick: impl FnMut(WorkerEvent) -> Option<T>,
) -> T {
    loop {
        let event = tokio::time::timeout(Duration::from_secs(60), events.recv())
            .await
            .expect("an answer within a minute")
            .expect("the session is running");
        if let Some(found) = pick(event) {
            return found;
        }
    }
}

/// The outcome of the sync a `Refresh` started, after checking it began and made steps.
async fn sync_outcome(events: &mut mpsc::UnboundedReceiver<WorkerEvent>) -> SyncEvent {
    next(events, |e| {
        matches!(e, WorkerEvent::Sync(SyncEvent::Started)).then_some(())
    })
    .await;
    let mut steps = 0;
    loop {
        match next(events, |e| match e {
            WorkerEvent::Sync(s) => Some(s),
            _ => None,
        })
        .await
        {
            SyncEvent::Step(_) => steps += 1,
            SyncEvent::Started => panic!("a second start"),
            done => {
                if matches!(done, SyncEvent::Finished(_)) {
                    assert!(steps >= 4, "every step was announced ({steps})");
                }
                return done;
            }
        }
    }
}

fn finished(event: SyncEvent) -> SyncSummary {
    match event {
        SyncEvent::Finished(summary) => summary,
        other => panic!("the sync failed: {other:?}"),
    }
}

/// `R` syncs; `A` (mark all read) goes into the queue and out with the next sync; with the
/// server stopped the sync fails as an event (the marks kept, the session answering).
#[tokio::test]
async fn the_readers_refresh_syncs_and_mark_all_read_reaches_the_server() {
    let Some(server) = FreshRss::start() else {
        return;
    };
    let feeds = TestServer::start();
    subscribe(&server, &feeds, 2, 10).await;
    let dir = tempfile::tempdir().unwrap();
    let (actor, _thread) = open_cache(dir.path());
    let (events_tx, mut events) = mpsc::unbounded_channel();
    let commands = spawn_session_with_sync(
        actor,
        fetcher(),
        None,
        Some(setup(server.config(), options())),
        events_tx,
    );

    commands.send(Command::Refresh(None)).unwrap();
    let first = finished(sync_outcome(&mut events).await);
    assert_eq!((first.feeds, first.new_articles), (2, 20));

    let now = Utc::now().fixed_offset();
    commands
        .send(Command::MarkAllRead {
            query: ArticleQuery::default(),
            now,
        })
        .unwrap();
    let changed = next(&mut events, |e| match e {
        WorkerEvent::MarkedRead { changed } => Some(changed),
        _ => None,
    })
    .await;
    assert_eq!(changed.len(), 20);
    let reader = Store::open_reader(&dir.path().join("cache.db")).unwrap();
    assert_eq!(reader.sync_queue_len().unwrap(), 20, "A queued every mark");

    commands.send(Command::Refresh(None)).unwrap();
    let second = finished(sync_outcome(&mut events).await);
    assert_eq!(second.pushed, 20);
    assert_eq!(second.server_unread, Some(0));
    let (unread, _) = server_sets(&server.client().await).await;
    assert!(unread.is_empty());

    // The server goes away: one article marked unread here, then R.
    server.must("stop");
    let one: Vec<ArticleId> = changed[..1].to_vec();
    commands.send(Command::SetRead(one, false)).unwrap();
    commands.send(Command::Refresh(None)).unwrap();
    match sync_outcome(&mut events).await {
        SyncEvent::Failed { message, queued } => {
            assert!(message.contains("cannot connect"), "{message}");
            assert_eq!(queued, 1);
        }
        other => panic!("expected a failure: {other:?}"),
    }
    // The reader keeps working on the cache.
    commands.send(Command::LoadFeeds).unwrap();
    let listed = next(&mut events, |e| match e {
        WorkerEvent::Feeds(f) => Some(f),
        _ => None,
    })
    .await;
    assert_eq!(listed.iter().map(|f| f.unread).sum::<u32>(), 1);

    server.must("start");
    commands.send(Command::Refresh(None)).unwrap();
    let back = finished(sync_outcome(&mut events).await);
    assert_eq!((back.pushed, back.server_unread), (1, Some(1)));
}

/// The message of the next failed sync, and how long it took to come.
async fn sync_failure(events: &mut mpsc::UnboundedReceiver<WorkerEvent>) -> (String, Duration) {
    let started = std::time::Instant::now();
    let message = next(events, |e| match e {
        WorkerEvent::Sync(SyncEvent::Failed { message, .. }) => Some(message),
        WorkerEvent::Sync(SyncEvent::Finished(s)) => panic!("finished: {s:?}"),
        _ => None,
    })
    .await;
    (message, started.elapsed())
}

/// The next error for the status line; a change of the feed list instead is a failure.
async fn status_error(events: &mut mpsc::UnboundedReceiver<WorkerEvent>) -> String {
    next(events, |e| match e {
        WorkerEvent::Error(m) => Some(m),
        WorkerEvent::FeedsChanged { message } => panic!("changed: {message}"),
        _ => None,
    })
    .await
}

/// A server that accepts the connection and never answers, then one that logs in and
/// trickles an endless answer: each sync fails within the client's time limit as an event
/// (a timeout, not a hang), and the session goes on answering. The limits the reader uses
/// are the `[settings]` ones, short by default.
#[tokio::test]
async fn a_silent_server_is_a_timeout_not_a_hang() {
    // What the reader and the CLI build from the default settings: seconds, not minutes.
    let defaults = ClientOptions::from_settings(&dateline::config::Settings::default());
    assert_eq!(defaults.connect_timeout, Duration::from_secs(10));
    assert_eq!(defaults.timeout, Duration::from_secs(30));
    let settings = dateline::config::Config::from_toml(
        "[settings]\nconnect_timeout_secs = 1\ntimeout_secs = 1\n",
        std::path::Path::new("config.toml"),
    )
    .unwrap()
    .settings;
    let client = ClientOptions::from_settings(&settings);
    assert_eq!(
        (client.connect_timeout, client.timeout),
        (Duration::from_secs(1), Duration::from_secs(1))
    );

    let server = TestServer::start();
    server.route("/api/greader.php/accounts/ClientLogin", Route::Silent);
    let dir = tempfile::tempdir().unwrap();
    let (actor, _thread) = open_cache(dir.path());
    let (events_tx, mut events) = mpsc::unbounded_channel();
    let config = SyncConfig {
        url: server.url("/api/greader.php"),
        user: "alice".into(),
        password_command: None,
        password: Some("secret".into()),
    };
    let commands = spawn_session_with_sync(
        actor,
        fetcher(),
        None,
        Some(setup(config, client)),
        events_tx,
    );
    commands.send(Command::Refresh(None)).unwrap();
    let (message, took) = sync_failure(&mut events).await;
    assert_eq!(
        message,
        "the sync server did not answer the login within 1s"
    );
    assert!(took < Duration::from_secs(5), "{took:?}");
    commands.send(Command::LoadFeeds).unwrap();
    next(&mut events, |e| {
        matches!(e, WorkerEvent::Feeds(_)).then_some(())
    })
    .await;

    // Logged in, then the subscription list never ends: cut off at the same limit.
    server.route(
        "/api/greader.php/accounts/ClientLogin",
        Reply::new(200).body("SID=s\nLSID=l\nAuth=abc\n"),
    );
    server.route(
        "/api/greader.php/reader/api/0/token",
        Reply::new(200).body("tok"),
    );
    server.route(
        "/api/greader.php/reader/api/0/subscription/list",
        Route::Endless,
    );
    commands.send(Command::Refresh(None)).unwrap();
    let (message, took) = sync_failure(&mut events).await;
    assert_eq!(
        message,
        "the sync server did not answer the subscription list within 1s"
    );
    assert!(took < Duration::from_secs(5), "{took:?}");
    // The feed keys with sync on fail the same way, as a status message.
    commands
        .send(Command::RemoveFeed {
            url: "http://127.0.0.1:9/x.xml".into(),
        })
        .unwrap();
    let error = next(&mut events, |e| match e {
        WorkerEvent::Error(m) => Some(m),
        _ => None,
    })
    .await;
    assert_eq!(
        error,
        "the sync server did not answer the subscription list within 1s"
    );
}

/// What the feed commands call with sync on: subscribe (with a title and labels), rename,
/// relabel and unsubscribe act on the server, and the cache's feed list follows each.
#[tokio::test]
async fn subscription_changes_act_on_the_server_and_the_cache_follows() {
    let Some(server) = FreshRss::start() else {
        return;
    };
    let feeds = TestServer::start();
    feeds.route("/a.xml", feed_reply(rss(0, 3, false)));
    let dir = tempfile::tempdir().unwrap();
    let (actor, _thread) = open_cache(dir.path());
    let client = server.client().await;
    let url = feeds.url("/a.xml");

    let stream =
        subscriptions::subscribe(&actor, &client, &url, Some("Alpha"), &["World".to_owned()])
            .await
            .expect("subscribe");
    assert!(stream.starts_with("feed/"), "{stream}");
    let cached = actor.call(|s| s.feeds().unwrap()).await.unwrap();
    assert_eq!(cached.len(), 1);
    assert_eq!(cached[0].title, "Alpha");
    // FreshRSS keeps one folder per feed; a second label would move it.
    assert_eq!(cached[0].tags, ["World"]);

    subscriptions::rename(&actor, &client, &url, "Beta")
        .await
        .expect("rename");
    subscriptions::set_labels(&actor, &client, &url, &["Europe".to_owned()])
        .await
        .expect("labels");
    let on_server = subscriptions::server_feed_list(&client).await.unwrap();
    assert_eq!(on_server.len(), 1);
    assert_eq!(on_server[0].title.as_deref(), Some("Beta"));
    assert_eq!(on_server[0].tags, ["Europe"]);
    let cached = actor.call(|s| s.feeds().unwrap()).await.unwrap();
    assert_eq!(
        (cached[0].title.as_str(), cached[0].tags.as_slice()),
        ("Beta", &["Europe".to_owned()][..])
    );

    let err = subscriptions::subscribe(&actor, &client, &feeds.url("/none.xml"), None, &[])
        .await
        .unwrap_err();
    assert!(err.to_string().contains("refused"), "{err}");
    let err = subscriptions::rename(&actor, &client, "http://127.0.0.1:9/x.xml", "X")
        .await
        .unwrap_err();
    assert!(err.to_string().contains("no subscription"), "{err}");

    subscriptions::unsubscribe(&actor, &client, &url)
        .await
        .expect("unsubscribe");
    assert!(
        subscriptions::server_feed_list(&client)
            .await
            .unwrap()
            .is_empty()
    );
    assert!(actor.call(|s| s.feeds().unwrap()).await.unwrap().is_empty());
    // Nothing left to read on the server either.
    assert!(
        client
            .item_ids(streams::READING_LIST, None)
            .await
            .unwrap()
            .is_empty()
    );
}

/// A web page linking feeds `a` and `b` of `feeds`.
pub(crate) fn page_linking(feeds: &TestServer, a: &str, b: &str) -> Reply {
    Reply::new(200)
        .header("Content-Type", "text/html; charset=utf-8")
        .body(format!(
            "<html><head><title>Home</title>\
             <link rel=\"alternate\" type=\"application/rss+xml\" title=\"A\" href=\"{}\">\
             <link rel=\"alternate\" type=\"application/rss+xml\" title=\"B\" href=\"{}\">\
             </head><body>news</body></html>",
            feeds.url(a),
            feeds.url(b)
        ))
}

/// The reader's feed keys with sync on (`a`, `E`, `D` send `AddFeed`, `EditFeed`,
/// `RemoveFeed`): a page linking two feeds asks to choose; adding subscribes on the server,
/// the feeds pane follows and a sync brings the articles; editing renames and relabels there;
/// removing unsubscribes. A feed the server refuses, and any change while the server is
/// stopped, is a status message and nothing changes; the config file is never written.
#[tokio::test]
async fn the_readers_feed_keys_act_on_the_server() {
    let Some(server) = FreshRss::start() else {
        return;
    };
    let feeds = TestServer::start();
    feeds.route("/a.xml", feed_reply(rss(0, 4, false)));
    feeds.route("/b.xml", feed_reply(rss(1, 3, false)));
    feeds.route("/home.html", page_linking(&feeds, "/a.xml", "/b.xml"));
    let dir = tempfile::tempdir().unwrap();
    let (actor, _thread) = open_cache(dir.path());
    let path = dir.path().join("config.toml");
    let text = "# mine\n[settings]\nconcurrency = 2\n";
    std::fs::write(&path, text).unwrap();
    let config = dateline::config::Config::from_toml(text, &path).unwrap();
    let (events_tx, mut events) = mpsc::unbounded_channel();
    let commands = spawn_session_full(
        actor,
        fetcher(),
        None,
        Some(setup(server.config(), options())),
        Some((path.clone(), config)),
        events_tx,
    );
    let client = server.client().await;
    let (a, home) = (feeds.url("/a.xml"), feeds.url("/home.html"));
    commands
        .send(Command::AddFeed { url: home.clone() })
        .unwrap();
    let (page, choices) = next(&mut events, |e| match e {
        WorkerEvent::FeedChoices { page, feeds } => Some((page, feeds)),
        _ => None,
    })
    .await;
    assert_eq!(page, home);
    assert_eq!(choices.len(), 2);
    assert!(client.subscriptions().await.unwrap().is_empty());

    commands.send(Command::AddFeed { url: a.clone() }).unwrap();
    let message = next(&mut events, |e| match e {
        WorkerEvent::FeedsChanged { message } => Some(message),
        _ => None,
    })
    .await;
    assert_eq!(message, "added Feed 0");
    let listed = next(&mut events, |e| match e {
        WorkerEvent::Feeds(f) => Some(f),
        _ => None,
    })
    .await;
    assert_eq!(listed.len(), 1);
    assert_eq!(listed[0].url, a);
    let synced = finished(sync_outcome(&mut events).await);
    assert_eq!((synced.feeds, synced.new_articles), (1, 4));
    let on_server = subscriptions::server_feed_list(&client).await.unwrap();
    assert_eq!(on_server.len(), 1);
    assert_eq!(on_server[0].url, a);

    commands
        .send(Command::EditFeed {
            url: a.clone(),
            title: Some("Alpha".into()),
            tags: vec!["World".into()],
        })
        .unwrap();
    let message = next(&mut events, |e| match e {
        WorkerEvent::FeedsChanged { message } => Some(message),
        _ => None,
    })
    .await;
    assert_eq!(
        message,
        "saved the title and tags of Alpha on the sync server"
    );
    let listed = next(&mut events, |e| match e {
        WorkerEvent::Feeds(f) => Some(f),
        _ => None,
    })
    .await;
    assert_eq!(
        (listed[0].title.as_str(), listed[0].tags.as_slice()),
        ("Alpha", &["World".to_owned()][..])
    );
    assert_eq!(listed[0].unread, 4);
    let on_server = subscriptions::server_feed_list(&client).await.unwrap();
    assert_eq!(on_server[0].title.as_deref(), Some("Alpha"));
    assert_eq!(on_server[0].tags, ["World"]);

    // A local file is a feed here, not to the server: refused, the list unchanged.
    let file = dir.path().join("local.xml");
    std::fs::write(&file, rss(2, 2, false)).unwrap();
    commands
        .send(Command::AddFeed {
            url: file.to_string_lossy().into_owned(),
        })
        .unwrap();
    let refused = status_error(&mut events).await;
    assert!(refused.contains("the sync server refused"), "{refused}");
    assert_eq!(
        subscriptions::server_feed_list(&client)
            .await
            .unwrap()
            .len(),
        1
    );

    // Already there: refused before anything is sent.
    commands.send(Command::AddFeed { url: a.clone() }).unwrap();
    let refused = status_error(&mut events).await;
    assert!(refused.contains("already a subscription"), "{refused}");

    // The server is away: a status message, the feed still listed here.
    server.must("stop");
    commands
        .send(Command::RemoveFeed { url: a.clone() })
        .unwrap();
    let down = status_error(&mut events).await;
    assert!(down.contains("cannot connect"), "{down}");
    commands
        .send(Command::EditFeed {
            url: a.clone(),
            title: Some("Gamma".into()),
            tags: Vec::new(),
        })
        .unwrap();
    let down = status_error(&mut events).await;
    assert!(down.contains("cannot connect"), "{down}");
    commands.send(Command::LoadFeeds).unwrap();
    let listed = next(&mut events, |e| match e {
        WorkerEvent::Feeds(f) => Some(f),
        _ => None,
    })
    .await;
    assert_eq!(listed.len(), 1);
    assert_eq!(listed[0].title, "Alpha");

    server.must("start");
    commands
        .send(Command::RemoveFeed { url: a.clone() })
        .unwrap();
    let message = next(&mut events, |e| match e {
        WorkerEvent::FeedsChanged { message } => Some(message),
        _ => None,
    })
    .await;
    assert_eq!(message, "removed Alpha");
    let listed = next(&mut events, |e| match e {
        WorkerEvent::Feeds(f) => Some(f),
        _ => None,
    })
    .await;
    assert!(listed.is_empty(), "{listed:?}");
    let client = server.client().await;
    assert!(client.subscriptions().await.unwrap().is_empty());
    assert_eq!(std::fs::read_to_string(&path).unwrap(), text);
}
