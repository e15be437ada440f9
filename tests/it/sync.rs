//! Sync against a real FreshRSS (a Google Reader API server), started by each test from
//! `../shared/servers/freshrss/start.sh` on its own port and in its own directory, with the
//! feeds it subscribes to served on 127.0.0.1 by the test ([`TestServer`]).
//!
//! Every test checks both sides: what the cache holds after `run_sync`, and what the server
//! says through its API. A test skips (saying why) when `../shared` is missing, or when PHP
//! cannot be had and `DATELINE_REQUIRE_SHARED` is not set.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

use chrono::{TimeZone, Utc};
use dateline::config::SyncConfig;
use dateline::model::ArticleId;
use dateline::store::Store;
use dateline::sync::{Client, ClientOptions, ItemId, SubscriptionEdit, SyncError, streams};
use dateline::worker::StoreActor;
use dateline::worker::sync::{
    SyncOptions, SyncRunError, SyncSummary, account_key, connect, run_sync,
};

use crate::support::{self, Reply, TestServer};

/// One FreshRSS instance: its own port and data directory, stopped when dropped.
pub(crate) struct FreshRss {
    script: PathBuf,
    root: tempfile::TempDir,
    port: u16,
    pub(crate) url: String,
    pub(crate) user: String,
    pub(crate) password: String,
}

impl FreshRss {
    /// Starts a fresh server, or returns `None` (after saying why) when it cannot run here.
    pub(crate) fn start() -> Option<FreshRss> {
        let script = support::shared_path("servers/freshrss/start.sh")?;
        let root = tempfile::tempdir().expect("temp dir");
        let port = support::unused_port();
        let mut server = FreshRss {
            script,
            root,
            port,
            url: String::new(),
            user: String::new(),
            password: String::new(),
        };
        // One start at a time: on a fresh machine the first one installs PHP (apt), which
        // the others must not race for the package lock.
        static STARTING: std::sync::Mutex<()> = std::sync::Mutex::new(());
        let output = {
            let _one = STARTING.lock().unwrap_or_else(|p| p.into_inner());
            server.run("start")
        };
        if !output.status.success() {
            let stderr = String::from_utf8_lossy(&output.stderr);
            let required = std::env::var_os("DATELINE_REQUIRE_SHARED").is_some_and(|v| v == "1");
            if stderr.contains("PHP or modules missing") && !required {
                eprintln!("skipped: FreshRSS needs PHP, which is missing here: {stderr}");
                return None;
            }
            panic!("start.sh failed: {stderr}");
        }
        let vars: HashMap<String, String> = String::from_utf8_lossy(&output.stdout)
            .lines()
            .filter_map(|l| l.split_once('='))
            .map(|(k, v)| (k.to_owned(), v.to_owned()))
            .collect();
        server.url = vars["FRESHRSS_GREADER_URL"].clone();
        server.user = vars["FRESHRSS_USER"].clone();
        server.password = vars["FRESHRSS_API_PASSWORD"].clone();
        Some(server)
    }

    pub(crate) fn run(&self, action: &str) -> std::process::Output {
        Command::new("bash")
            .arg(&self.script)
            .arg(action)
            .env("FRESHRSS_ROOT", self.root.path().join("freshrss"))
            .env("FRESHRSS_PORT", self.port.to_string())
            .output()
            .expect("run start.sh")
    }

    pub(crate) fn must(&self, action: &str) {
        let output = self.run(action);
        assert!(
            output.status.success(),
            "start.sh {action}: {}",
            String::from_utf8_lossy(&output.stderr)
        );
    }

    /// Where this server keeps its app and data (its SQLite database under `data/users/`).
    pub(crate) fn root(&self) -> PathBuf {
        self.root.path().join("freshrss")
    }

    /// Makes FreshRSS fetch every subscribed feed now.
    pub(crate) fn refresh(&self) {
        self.must("refresh");
    }

    pub(crate) fn config(&self) -> SyncConfig {
        SyncConfig {
            url: self.url.clone(),
            user: self.user.clone(),
            password_command: None,
            password: Some(self.password.clone()),
        }
    }

    /// A logged-in client, as the server's other user (the phone) would have.
    pub(crate) async fn client(&self) -> Client {
        connect(&self.config(), options(), None)
            .await
            .expect("log in")
            .0
    }
}

impl Drop for FreshRss {
    fn drop(&mut self) {
        let _ = self.run("stop");
    }
}

pub(crate) fn options() -> ClientOptions {
    ClientOptions {
        connect_timeout: Duration::from_secs(5),
        timeout: Duration::from_secs(60),
        ..ClientOptions::default()
    }
}

/// An RSS document of `count` items for feed `feed`; `hostile` puts control characters,
/// bidi overrides and a script into the first item.
pub(crate) fn rss(feed: usize, count: usize, hostile: bool) -> String {
    let mut items = String::new();
    for i in 0..count {
        let date = Utc.with_ymd_and_hms(2026, 11, 1, 0, 0, 0).unwrap()
            + chrono::TimeDelta::minutes((feed * 1000 + i) as i64);
        let (title, body) = if hostile && i == 0 {
            (
                "Evil \u{9b}2J title \u{202e}reversed".to_owned(),
                "&lt;p&gt;Angela Merkel spoke in Paris.&lt;/p&gt;&lt;script&gt;alert(1)&lt;/script&gt;\u{9d}0;x\u{9c}"
                    .to_owned(),
            )
        } else {
            (
                format!("Feed {feed} story {i}"),
                format!("&lt;p&gt;Story {i} of feed {feed} from Berlin.&lt;/p&gt;"),
            )
        };
        items.push_str(&format!(
            "<item><title>{title}</title><link>http://127.0.0.1/f{feed}/{i}</link>\
             <guid>f{feed}-{i}</guid><pubDate>{}</pubDate><description>{body}</description></item>",
            date.to_rfc2822()
        ));
    }
    format!(
        "<?xml version=\"1.0\" encoding=\"utf-8\"?><rss version=\"2.0\"><channel>\
         <title>Feed {feed}</title><link>http://127.0.0.1/f{feed}</link><description>d</description>\
         {items}</channel></rss>"
    )
}

/// An RSS answer.
pub(crate) fn feed_reply(body: String) -> Reply {
    Reply::new(200)
        .header("Content-Type", "application/rss+xml")
        .body(body)
}

/// Serves `feeds` documents of `per_feed` items and subscribes the server to them (the
/// first in label "News"); FreshRSS fetches a feed when it is added.
pub(crate) async fn subscribe(
    server: &FreshRss,
    feeds: &TestServer,
    count: usize,
    per_feed: usize,
) -> Vec<String> {
    let client = server.client().await;
    let mut streams = Vec::new();
    for f in 0..count {
        let path = format!("/feed{f}.xml");
        feeds.route(&path, feed_reply(rss(f, per_feed, f == 0)));
        let stream = if f == 0 {
            client
                .edit_subscription(&SubscriptionEdit::Subscribe {
                    url: feeds.url(&path),
                    title: Some("First \u{202e}feed".into()),
                    label: Some("News".into()),
                })
                .await
                .expect("subscribe");
            client
                .subscriptions()
                .await
                .unwrap()
                .into_iter()
                .find(|s| s.url.as_deref() == Some(feeds.url(&path).as_str()))
                .expect("the new subscription")
                .id
        } else {
            client.quickadd(&feeds.url(&path)).await.expect("quickadd")
        };
        streams.push(stream);
    }
    streams
}

/// A cache in `dir` on its own store thread.
pub(crate) fn open_cache(dir: &Path) -> (StoreActor, std::thread::JoinHandle<Store>) {
    let store = Store::open(&dir.join("cache.db")).expect("open cache");
    StoreActor::spawn(store).expect("store thread")
}

pub(crate) async fn sync(
    server: &FreshRss,
    actor: &StoreActor,
    page_items: usize,
) -> Result<SyncSummary, SyncRunError> {
    let client = connect(&server.config(), options(), None).await?.0;
    run_sync(
        actor,
        &client,
        &account_key(&server.config()),
        &SyncOptions {
            first_sync_days: None,
            page_items,
        },
    )
    .await
}

/// Every cached article the server knows, by server id: (article, title, read, starred).
pub(crate) async fn local_state(
    actor: &StoreActor,
) -> HashMap<i64, (ArticleId, String, bool, bool)> {
    actor
        .call(|store| {
            store
                .sync_item_articles()
                .unwrap()
                .into_iter()
                .map(|(item, id)| {
                    let article = store.article(id).unwrap();
                    assert_eq!(article.guid, ItemId(item).long_form());
                    (
                        item,
                        (article.id, article.title, article.read, article.starred),
                    )
                })
                .collect()
        })
        .await
        .unwrap()
}

/// The server's unread and starred sets.
pub(crate) async fn server_sets(client: &Client) -> (HashSet<ItemId>, HashSet<ItemId>) {
    let unread = client
        .item_ids(streams::READING_LIST, Some(streams::READ))
        .await
        .unwrap();
    let starred = client.item_ids(streams::STARRED, None).await.unwrap();
    (unread.into_iter().collect(), starred.into_iter().collect())
}

/// Both sides agree item by item: same items, same read and starred flags.
pub(crate) async fn assert_same_state(server: &FreshRss, actor: &StoreActor) {
    let client = server.client().await;
    let all = client.item_ids(streams::READING_LIST, None).await.unwrap();
    let (unread, starred) = server_sets(&client).await;
    let local = local_state(actor).await;
    assert_eq!(local.len(), all.len(), "the cache has every server item");
    for id in &all {
        let (_, title, read, is_starred) = &local[&id.0];
        assert_eq!(*read, !unread.contains(id), "read flag of {title}");
        assert_eq!(*is_starred, starred.contains(id), "starred flag of {title}");
    }
}

#[tokio::test]
async fn a_first_sync_fills_an_empty_cache_like_the_server() {
    let Some(server) = FreshRss::start() else {
        return;
    };
    let feeds = TestServer::start();
    subscribe(&server, &feeds, 3, 12).await;
    let dir = tempfile::tempdir().unwrap();
    let (actor, _thread) = open_cache(dir.path());

    let summary = sync(&server, &actor, 500).await.expect("sync");
    assert_eq!(summary.feeds, 3);
    assert_eq!(summary.new_articles, 36);
    assert_eq!(summary.server_unread, Some(36));
    assert_eq!(summary.local_unread, 36);
    assert_same_state(&server, &actor).await;

    // The feeds pane shows the server's feeds, titles and labels, sanitised.
    let cached = actor.call(|s| s.feeds().unwrap()).await.unwrap();
    assert_eq!(cached.len(), 3);
    let first = cached
        .iter()
        .find(|f| f.url == feeds.url("/feed0.xml"))
        .unwrap();
    assert_eq!(first.title, "First feed");
    assert_eq!(first.tags, vec!["News".to_owned()]);
    assert!(cached.iter().all(|f| f.unread == 12 && f.total == 12));

    // The hostile item arrived clean, searchable and ready for entity extraction.
    let local = local_state(&actor).await;
    let evil = local
        .values()
        .find(|(_, title, _, _)| title.starts_with("Evil"))
        .expect("the hostile item");
    assert!(
        !evil.1.chars().any(dateline::sanitize::is_invisible_control),
        "{:?}",
        evil.1
    );
    let article = actor
        .call({
            let id = evil.0;
            move |s| s.article(id).unwrap()
        })
        .await
        .unwrap();
    assert!(
        article.text.contains("Angela Merkel spoke in Paris."),
        "{}",
        article.text
    );
    assert!(!article.text.contains("alert"), "{}", article.text);
    assert!(
        !article
            .text
            .chars()
            .any(dateline::sanitize::is_invisible_control)
    );

    // A second sync with nothing new changes nothing.
    let again = sync(&server, &actor, 500).await.expect("second sync");
    assert_eq!(again.new_articles, 0);
    assert_eq!(
        again.marked_read + again.marked_unread + again.starred + again.unstarred,
        0
    );
}

#[tokio::test]
async fn three_thousand_items_across_twenty_feeds_come_in_pages() {
    let Some(server) = FreshRss::start() else {
        return;
    };
    let feeds = TestServer::start();
    subscribe(&server, &feeds, 20, 150).await;
    let client = server.client().await;
    let ids = client
        .item_ids_paged(streams::READING_LIST, None, 700)
        .await
        .unwrap();
    assert_eq!(ids.len(), 3_000, "the id list pages through continuations");

    let dir = tempfile::tempdir().unwrap();
    let (actor, _thread) = open_cache(dir.path());
    let summary = sync(&server, &actor, 400).await.expect("sync");
    assert_eq!(summary.new_articles, 3_000);
    assert_eq!(summary.fetched_by_id, 0, "paging alone brought every item");
    assert_eq!(summary.local_unread, 3_000);
    assert_eq!(summary.server_unread, Some(3_000));
    assert_same_state(&server, &actor).await;

    // New items on the server arrive with the next sync through `ot`.
    feeds.route("/feed3.xml", feed_reply(rss(3, 160, false)));
    server.refresh();
    let next = sync(&server, &actor, 400).await.expect("next sync");
    assert_eq!(next.new_articles, 10);
    assert_eq!(next.fetched_by_id, 0);
    assert_same_state(&server, &actor).await;

    // Everything read here at once: 3,010 marks go out in batches and are all confirmed.
    let all: Vec<ArticleId> = local_state(&actor).await.values().map(|v| v.0).collect();
    actor
        .call(move |s| s.set_read(&all, true).unwrap())
        .await
        .unwrap();
    let done = sync(&server, &actor, 400).await.expect("sync of the marks");
    assert_eq!(done.pushed, 3_010);
    assert_eq!(done.still_queued, 0);
    assert_eq!(done.server_unread, Some(0));
    assert_same_state(&server, &actor).await;
}

#[tokio::test]
async fn marks_made_on_the_server_show_up_locally() {
    let Some(server) = FreshRss::start() else {
        return;
    };
    let feeds = TestServer::start();
    subscribe(&server, &feeds, 2, 10).await;
    let dir = tempfile::tempdir().unwrap();
    let (actor, _thread) = open_cache(dir.path());
    sync(&server, &actor, 500).await.expect("first sync");

    // The phone reads five items and stars two (one of them read).
    let phone = server.client().await;
    let all = phone.item_ids(streams::READING_LIST, None).await.unwrap();
    phone
        .edit_tag(&all[..5], Some(streams::READ), None)
        .await
        .unwrap();
    phone
        .edit_tag(&all[4..6], Some(streams::STARRED), None)
        .await
        .unwrap();
    let summary = sync(&server, &actor, 500).await.expect("sync");
    assert_eq!(summary.marked_read, 5);
    assert_eq!(summary.starred, 2);
    assert_eq!(summary.local_unread, 15);
    assert_same_state(&server, &actor).await;

    // Unread again and unstarred on the phone.
    phone
        .edit_tag(&all[..1], None, Some(streams::READ))
        .await
        .unwrap();
    phone
        .edit_tag(&all[4..5], None, Some(streams::STARRED))
        .await
        .unwrap();
    let summary = sync(&server, &actor, 500).await.expect("sync");
    assert_eq!((summary.marked_unread, summary.unstarred), (1, 1));
    assert_same_state(&server, &actor).await;

    // Mark all as read on the phone.
    phone
        .mark_all_as_read(
            streams::READING_LIST,
            Utc::now().timestamp_micros() + 1_000_000,
        )
        .await
        .unwrap();
    let summary = sync(&server, &actor, 500).await.expect("sync");
    assert_eq!(summary.local_unread, 0);
    assert_eq!(summary.server_unread, Some(0));
    assert_same_state(&server, &actor).await;
}

#[tokio::test]
async fn local_marks_reach_the_server_in_order() {
    let Some(server) = FreshRss::start() else {
        return;
    };
    let feeds = TestServer::start();
    subscribe(&server, &feeds, 2, 40).await;
    let dir = tempfile::tempdir().unwrap();
    let (actor, _thread) = open_cache(dir.path());
    sync(&server, &actor, 500).await.expect("first sync");
    let local = local_state(&actor).await;
    let mut items: Vec<i64> = local.keys().copied().collect();
    items.sort();
    let article = |i: usize| local[&items[i]].0;

    // Read 30, star 3, then change our mind on one of each: the last mark wins.
    let read: Vec<ArticleId> = (0..30).map(article).collect();
    let (a, b, c) = (article(40), article(41), article(0));
    actor
        .call(move |s| {
            s.set_read(&read, true).unwrap();
            s.set_starred(a, true).unwrap();
            s.set_starred(b, true).unwrap();
            s.set_starred(c, true).unwrap();
            s.set_read(&[c], false).unwrap();
            s.set_starred(b, false).unwrap();
        })
        .await
        .unwrap();
    assert_eq!(
        actor.call(|s| s.sync_queue_len().unwrap()).await.unwrap(),
        35
    );

    let summary = sync(&server, &actor, 500).await.expect("sync");
    assert_eq!(summary.pushed, 35);
    assert_eq!(summary.still_queued, 0);
    assert_eq!(summary.kept_local, 0);
    let (unread, starred) = server_sets(&server.client().await).await;
    assert_eq!(unread.len(), 80 - 29);
    assert!(unread.contains(&ItemId(items[0])));
    assert!(!unread.contains(&ItemId(items[1])));
    let expected: HashSet<ItemId> = [ItemId(items[40]), ItemId(items[0])].into();
    assert_eq!(starred, expected);
    assert_same_state(&server, &actor).await;
}

#[tokio::test]
async fn marks_made_while_the_server_is_down_are_replayed_when_it_is_back() {
    let Some(server) = FreshRss::start() else {
        return;
    };
    let feeds = TestServer::start();
    subscribe(&server, &feeds, 1, 20).await;
    let dir = tempfile::tempdir().unwrap();
    let (actor, thread) = open_cache(dir.path());
    sync(&server, &actor, 500).await.expect("first sync");
    let local = local_state(&actor).await;
    let ids: Vec<ArticleId> = local.values().map(|v| v.0).collect();

    server.must("stop");
    let read = ids[..10].to_vec();
    let star = ids[10];
    actor
        .call(move |s| {
            s.set_read(&read, true).unwrap();
            s.set_starred(star, true).unwrap();
        })
        .await
        .unwrap();
    let err = sync(&server, &actor, 500)
        .await
        .expect_err("the server is down");
    assert!(
        matches!(err, SyncRunError::Server(SyncError::Connect(_))),
        "{err:?}"
    );
    assert!(err.to_string().contains("connection refused"), "{err}");

    // The marks stay, locally and in the queue, across a restart of dateline too.
    drop(actor);
    drop(thread.join().unwrap());
    let (actor, _thread) = open_cache(dir.path());
    assert_eq!(
        actor.call(|s| s.sync_queue_len().unwrap()).await.unwrap(),
        11
    );
    assert_eq!(
        actor
            .call(|s| s.sync_unread_count().unwrap())
            .await
            .unwrap(),
        10
    );

    server.must("start");
    let summary = sync(&server, &actor, 500)
        .await
        .expect("sync after restart");
    assert_eq!(summary.pushed, 11);
    assert_eq!(summary.server_unread, Some(10));
    assert_eq!(summary.local_unread, 10);
    assert_same_state(&server, &actor).await;
}

#[tokio::test]
async fn check_tells_a_wrong_password_from_a_wrong_url() {
    let Some(server) = FreshRss::start() else {
        return;
    };
    let good = dateline::worker::sync::check(&server.config(), options(), None)
        .await
        .expect("check");
    assert_eq!(good.0.subscriptions, 0);
    assert!(good.1.is_some(), "a plain password warns");

    let mut wrong_password = server.config();
    wrong_password.password = Some("not-the-password".into());
    let err = dateline::worker::sync::check(&wrong_password, options(), None)
        .await
        .unwrap_err();
    assert!(
        matches!(err, SyncError::BadCredentials { status: 401 }),
        "{err:?}"
    );

    let mut wrong_url = server.config();
    wrong_url.url = wrong_url.url.replace("/api/greader.php", "");
    let err = dateline::worker::sync::check(&wrong_url, options(), None)
        .await
        .unwrap_err();
    assert!(matches!(err, SyncError::NotGReader { .. }), "{err:?}");
}

/// The quirks in `../shared/servers/freshrss/README.md`: `stream/items/ids` gives 20 ids
/// when `n` is missing, and ignores `s=…/read` (returning every item), which is why the
/// client always passes `n` and asks for unread as the reading list minus read.
#[tokio::test]
async fn the_readme_quirks_hold_and_the_client_avoids_them() {
    let Some(server) = FreshRss::start() else {
        return;
    };
    let feeds = TestServer::start();
    subscribe(&server, &feeds, 1, 30).await;
    let client = server.client().await;
    let all = client.item_ids(streams::READING_LIST, None).await.unwrap();
    assert_eq!(all.len(), 30);
    client
        .edit_tag(&all[..10], Some(streams::READ), None)
        .await
        .unwrap();

    let auth = reqwest::Client::new()
        .post(format!("{}/accounts/ClientLogin", server.url))
        .form(&[
            ("Email", server.user.as_str()),
            ("Passwd", server.password.as_str()),
        ])
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let auth = auth
        .lines()
        .find_map(|l| l.strip_prefix("Auth="))
        .unwrap()
        .to_owned();
    let ids = |query: &'static str| {
        let url = format!(
            "{}/reader/api/0/stream/items/ids?output=json&{query}",
            server.url
        );
        let auth = auth.clone();
        async move {
            let body = reqwest::Client::new()
                .get(url)
                .header("Authorization", format!("GoogleLogin auth={auth}"))
                .send()
                .await
                .unwrap()
                .bytes()
                .await
                .unwrap();
            serde_json::from_slice::<serde_json::Value>(&body).unwrap()
        }
    };
    let default_page = ids("s=user/-/state/com.google/reading-list").await;
    assert_eq!(default_page["itemRefs"].as_array().unwrap().len(), 20);
    assert!(default_page["continuation"].is_string());
    let read_only = ids("s=user/-/state/com.google/read&n=1000").await;
    assert_eq!(
        read_only["itemRefs"].as_array().unwrap().len(),
        30,
        "s=…/read is ignored: all 30 come back, not the 10 read"
    );
    let unread = client
        .item_ids(streams::READING_LIST, Some(streams::READ))
        .await
        .unwrap();
    assert_eq!(unread.len(), 20);
}

#[tokio::test]
async fn subscriptions_are_added_renamed_labelled_and_removed_on_the_server() {
    let Some(server) = FreshRss::start() else {
        return;
    };
    let feeds = TestServer::start();
    let streams_added = subscribe(&server, &feeds, 2, 3).await;
    let client = server.client().await;
    let second = streams_added[1].clone();
    client
        .edit_subscription(&SubscriptionEdit::Rename {
            stream: second.clone(),
            title: "Renamed".into(),
        })
        .await
        .unwrap();
    client
        .edit_subscription(&SubscriptionEdit::AddLabel {
            stream: second.clone(),
            label: "World".into(),
        })
        .await
        .unwrap();
    let dir = tempfile::tempdir().unwrap();
    let (actor, _thread) = open_cache(dir.path());
    sync(&server, &actor, 500).await.expect("sync");
    let cached = actor.call(|s| s.feeds().unwrap()).await.unwrap();
    let renamed = cached
        .iter()
        .find(|f| f.title == "Renamed")
        .expect("renamed");
    assert_eq!(renamed.tags, vec!["World".to_owned()]);

    let err = client
        .quickadd(&feeds.url("/missing.xml"))
        .await
        .unwrap_err();
    assert!(matches!(err, SyncError::Rejected { .. }), "{err:?}");

    client
        .edit_subscription(&SubscriptionEdit::Unsubscribe { stream: second })
        .await
        .unwrap();
    let summary = sync(&server, &actor, 500).await.expect("sync");
    assert_eq!(summary.feeds, 1);
    let cached = actor.call(|s| s.feeds().unwrap()).await.unwrap();
    assert_eq!(cached.len(), 1);
    assert_eq!(summary.local_unread, 3);
    assert_eq!(summary.server_unread, Some(3));
}

/// The environment variable that makes [`sync_child_killed_by_its_parent`] run: the cache
/// path, the API URL, the user and the password, one per line.
const CHILD_ENV: &str = "DATELINE_SYNC_CHILD";

/// The child half of [`a_sync_killed_with_sigkill_is_finished_by_the_next`]: one slow sync
/// (small pages) of the cache its parent names, until the parent kills it.
#[tokio::test]
#[ignore = "run as a child process by a_sync_killed_with_sigkill_is_finished_by_the_next"]
async fn sync_child_killed_by_its_parent() {
    let spec = std::env::var(CHILD_ENV).expect("run by the kill -9 test");
    let lines: Vec<&str> = spec.lines().collect();
    let config = SyncConfig {
        url: lines[1].to_owned(),
        user: lines[2].to_owned(),
        password_command: None,
        password: Some(lines[3].to_owned()),
    };
    let store = Store::open(Path::new(lines[0])).expect("open cache");
    let (actor, _thread) = StoreActor::spawn(store).expect("store thread");
    let client = connect(&config, options(), None).await.expect("log in").0;
    run_sync(
        &actor,
        &client,
        &account_key(&config),
        &SyncOptions {
            first_sync_days: None,
            page_items: 10,
        },
    )
    .await
    .expect("sync");
}

/// `kill -9` in the middle of a sync (marks queued, items half pulled) leaves a cache that
/// the next sync brings to the server's state, with the queued marks on the server.
#[tokio::test]
async fn a_sync_killed_with_sigkill_is_finished_by_the_next() {
    let Some(server) = FreshRss::start() else {
        return;
    };
    let feeds = TestServer::start();
    subscribe(&server, &feeds, 1, 60).await;
    let dir = tempfile::tempdir().unwrap();
    let cache = dir.path().join("cache.db");
    {
        let (actor, thread) = open_cache(dir.path());
        sync(&server, &actor, 500).await.expect("first sync");
        // Local marks, queued for the next sync.
        let local = local_state(&actor).await;
        let mut items: Vec<i64> = local.keys().copied().collect();
        items.sort();
        let read: Vec<ArticleId> = items[..10].iter().map(|i| local[i].0).collect();
        let star = local[&items[20]].0;
        actor
            .call(move |s| {
                s.set_read(&read, true).unwrap();
                s.set_starred(star, true).unwrap();
            })
            .await
            .unwrap();
        drop(actor);
        drop(thread.join().unwrap());
    }
    // Meanwhile the server gets four more feeds, and the phone reads some items.
    for f in 1..5 {
        let path = format!("/more{f}.xml");
        feeds.route(&path, feed_reply(rss(f, 60, false)));
        server
            .client()
            .await
            .quickadd(&feeds.url(&path))
            .await
            .unwrap();
    }
    let phone = server.client().await;
    let all = phone.item_ids(streams::READING_LIST, None).await.unwrap();
    phone
        .edit_tag(&all[..7], Some(streams::READ), None)
        .await
        .unwrap();

    let mut child = Command::new(std::env::current_exe().unwrap())
        .args([
            "sync::sync_child_killed_by_its_parent",
            "--exact",
            "--ignored",
            "--nocapture",
        ])
        .env(
            CHILD_ENV,
            format!(
                "{}\n{}\n{}\n{}",
                cache.display(),
                server.url,
                server.user,
                server.password
            ),
        )
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .expect("start the child");
    // Kill it once it has stored part of the new items.
    let reader = Store::open_reader(&cache).unwrap();
    let deadline = std::time::Instant::now() + Duration::from_secs(120);
    loop {
        let known = reader.sync_known_items().map(|k| k.len()).unwrap_or(0);
        if known >= 120 {
            break;
        }
        assert!(
            child.try_wait().unwrap().is_none(),
            "the child finished before it could be killed ({known} items stored)"
        );
        assert!(std::time::Instant::now() < deadline, "the child is stuck");
        std::thread::sleep(Duration::from_millis(10));
    }
    child.kill().expect("SIGKILL");
    let status = child.wait().unwrap();
    assert!(!status.success(), "killed, not finished: {status:?}");
    let partly = reader.sync_known_items().unwrap().len();
    assert!(
        partly < 300,
        "killed half-way, {partly} of 300 items stored"
    );
    drop(reader);

    let (actor, _thread) = open_cache(dir.path());
    let summary = sync(&server, &actor, 500)
        .await
        .expect("sync after the kill");
    assert_eq!(summary.still_queued, 0);
    assert_same_state(&server, &actor).await;
    let (unread, starred) = server_sets(&server.client().await).await;
    let local = local_state(&actor).await;
    let mut items: Vec<i64> = local.keys().copied().collect();
    items.sort();
    assert!(
        items[..10].iter().all(|i| !unread.contains(&ItemId(*i))),
        "the local read marks reached the server"
    );
    assert!(starred.contains(&ItemId(items[20])), "the local star too");
}
