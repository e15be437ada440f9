//! The real event loop, driven by a stream of terminal input and worker events into a
//! TestBackend: keys become commands for the worker, worker answers reach the screen.

use chrono::{DateTime, FixedOffset, TimeZone, Utc};
use crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use dateline::model::{ArticleId, ArticleSummary, Feed, FeedId};
use dateline::ui::keymap::Keymap;
use dateline::ui::state::State;
use dateline::ui::{Msg, Platform, event_loop};
use dateline::worker::session::{Command, WorkerEvent};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use tokio::sync::mpsc;

struct FakePlatform {
    opened: Vec<String>,
    copied: Vec<String>,
}

impl Platform for FakePlatform {
    fn now(&self) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2025, 3, 14, 12, 0, 0).unwrap()
    }
    fn open_url(&mut self, url: &str) -> Result<(), String> {
        self.opened.push(url.to_string());
        Ok(())
    }
    fn copy(&mut self, text: &str) -> Result<(), String> {
        self.copied.push(text.to_string());
        Ok(())
    }
}

fn key(c: char) -> Msg {
    Msg::Input(Event::Key(KeyEvent::new(
        KeyCode::Char(c),
        KeyModifiers::NONE,
    )))
}

fn feed() -> Feed {
    Feed {
        id: FeedId(1),
        url: "https://example.org/feed.xml".into(),
        title: "Loop Feed".into(),
        feed_title: None,
        site_link: None,
        tags: vec!["news".into()],
        etag: None,
        last_modified: None,
        last_fetch: None,
        last_success: None,
        last_error: None,
        moved_to: None,
        retry_after: None,
        unread: 2,
        total: 2,
    }
}

fn summary(id: i64, title: &str) -> ArticleSummary {
    ArticleSummary {
        id: ArticleId(id),
        feed_id: FeedId(1),
        feed_title: "Loop Feed".into(),
        title: title.into(),
        link: Some(format!("https://example.org/{id}")),
        authors: Vec::new(),
        published: Utc.with_ymd_and_hms(2025, 3, 14, 10, 0, 0).unwrap()
            - chrono::Duration::hours(id),
        read: false,
        starred: false,
    }
}

fn screen(terminal: &Terminal<TestBackend>) -> String {
    format!("{}", terminal.backend())
}

#[tokio::test]
async fn keys_and_worker_events_go_through_the_real_loop() {
    let keymap = Keymap::defaults().unwrap();
    let mut state = State::new(
        keymap.help(),
        Utc.with_ymd_and_hms(2025, 3, 14, 12, 0, 0).unwrap(),
        FixedOffset::east_opt(0).unwrap(),
        (80, 24),
    );
    let (msg_tx, mut msg_rx) = mpsc::unbounded_channel::<Msg>();
    let (cmd_tx, mut cmd_rx) = mpsc::unbounded_channel::<Command>();
    // What the loop would send at start-up.
    for effect in state.start(false) {
        if let dateline::ui::state::Effect::Worker(c) = effect {
            cmd_tx.send(c).unwrap();
        }
    }
    let request = match (cmd_rx.recv().await, cmd_rx.recv().await) {
        (Some(Command::LoadFeeds), Some(Command::LoadArticles { request, .. })) => request,
        other => panic!("unexpected start-up commands: {other:?}"),
    };

    // Input as a stream: worker answers, then keys.
    msg_tx
        .send(Msg::Worker(WorkerEvent::Feeds(vec![feed()])))
        .unwrap();
    msg_tx
        .send(Msg::Worker(WorkerEvent::whole_list(
            request,
            vec![summary(1, "First story"), summary(2, "Second story")],
        )))
        .unwrap();
    msg_tx.send(key('j')).unwrap(); // select the second story
    msg_tx.send(key('y')).unwrap(); // copy its link
    msg_tx.send(key('o')).unwrap(); // open it in the browser
    msg_tx.send(key('s')).unwrap(); // star it
    msg_tx.send(key('?')).unwrap(); // help on
    msg_tx.send(key('?')).unwrap(); // help off
    msg_tx.send(Msg::Input(Event::Resize(100, 30))).unwrap();
    msg_tx.send(key('q')).unwrap();

    let mut terminal = Terminal::new(TestBackend::new(80, 24)).unwrap();
    let mut platform = FakePlatform {
        opened: Vec::new(),
        copied: Vec::new(),
    };
    tokio::time::timeout(
        std::time::Duration::from_secs(10),
        event_loop(
            &mut terminal,
            &mut state,
            &keymap,
            &mut msg_rx,
            &cmd_tx,
            &mut platform,
        ),
    )
    .await
    .expect("the loop ended")
    .unwrap();

    assert!(state.quit);
    assert_eq!(platform.copied, vec!["https://example.org/2".to_string()]);
    assert_eq!(platform.opened, vec!["https://example.org/2".to_string()]);
    assert_eq!(
        cmd_rx.recv().await,
        Some(Command::SetStarred(ArticleId(2), true))
    );
    assert_eq!(state.size, (100, 30));
}

#[tokio::test]
async fn the_screen_shows_worker_events_as_they_arrive() {
    let keymap = Keymap::defaults().unwrap();
    let mut state = State::new(
        keymap.help(),
        Utc.with_ymd_and_hms(2025, 3, 14, 12, 0, 0).unwrap(),
        FixedOffset::east_opt(0).unwrap(),
        (80, 24),
    );
    state.start(false);
    let request = state.request;
    let (msg_tx, mut msg_rx) = mpsc::unbounded_channel::<Msg>();
    let (cmd_tx, _cmd_rx) = mpsc::unbounded_channel::<Command>();
    let mut terminal = Terminal::new(TestBackend::new(80, 24)).unwrap();
    let mut platform = FakePlatform {
        opened: Vec::new(),
        copied: Vec::new(),
    };
    msg_tx
        .send(Msg::Worker(WorkerEvent::Feeds(vec![feed()])))
        .unwrap();
    msg_tx
        .send(Msg::Worker(WorkerEvent::whole_list(
            request,
            vec![summary(1, "Arrived through the loop")],
        )))
        .unwrap();
    msg_tx.send(Msg::Tick).unwrap();
    // Closing the channel ends the loop after it drew what arrived.
    drop(msg_tx);
    event_loop(
        &mut terminal,
        &mut state,
        &keymap,
        &mut msg_rx,
        &cmd_tx,
        &mut platform,
    )
    .await
    .unwrap();
    let text = screen(&terminal);
    assert!(text.contains("Arrived through the loop"), "{text}");
    assert!(text.contains("Loop Feed"), "{text}");
    assert!(text.contains("1 article, 1 unread"), "{text}");
}

/// A real store behind the real session: windows of a 1,200-article list with their total,
/// a query ANDed with a scope, and saved views' unread counts.
#[tokio::test]
async fn the_session_answers_windows_and_counts_from_the_store() {
    use dateline::fetch::{Fetcher, FetcherOptions};
    use dateline::model::{FeedSpec, NewArticle, ParsedFeed};
    use dateline::query::{ParseOptions, parse, parse_with};
    use dateline::store::{FetchRecord, Store};
    use dateline::worker::StoreActor;
    use dateline::worker::session::{ArticleQuery, Window, spawn_session};

    let mut store = Store::open_in_memory().unwrap();
    let specs: Vec<FeedSpec> = ["https://a.example/rss", "https://b.example/rss"]
        .iter()
        .map(|u| FeedSpec {
            url: (*u).into(),
            title: None,
            tags: vec!["news".into()],
        })
        .collect();
    store.sync_feeds(&specs).unwrap();
    let feeds = store.feeds().unwrap();
    let base = Utc.with_ymd_and_hms(2025, 3, 1, 0, 0, 0).unwrap();
    for (f, feed) in feeds.iter().enumerate() {
        let articles = (0..600)
            .map(|i| NewArticle {
                guid: format!("{f}-{i}"),
                title: if i % 100 == 0 {
                    format!("Vučić story {f}-{i}")
                } else {
                    format!("story {f}-{i}")
                },
                link: None,
                authors: Vec::new(),
                published: Some(base - chrono::Duration::minutes((i * 2 + f) as i64)),
                updated: None,
                summary_html: None,
                content_html: None,
                text: String::new(),
                enclosures: Vec::new(),
                categories: Vec::new(),
            })
            .collect();
        let doc = ParsedFeed {
            title: Some(format!("Feed {f}")),
            site_link: None,
            articles,
        };
        let record = FetchRecord::Parsed {
            feed: &doc,
            etag: None,
            last_modified: None,
            moved_to: None,
        };
        store.record_fetch(feed.id, record, base).unwrap();
    }
    let (actor, _thread) = StoreActor::spawn(store);
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
    let now = base.fixed_offset();

    // The second window of the whole list, with its total.
    commands
        .send(Command::LoadArticles {
            request: 1,
            query: ArticleQuery::default(),
            window: Window {
                offset: 500,
                limit: 500,
            },
            count: true,
            now,
        })
        .unwrap();
    match events.recv().await.unwrap() {
        WorkerEvent::Articles {
            request,
            offset,
            total,
            articles,
        } => {
            assert_eq!((request, offset, total), (1, 500, Some(1200)));
            assert_eq!(articles.len(), 500);
            // Newest first across both feeds: row 500 is the 250th of feed 0.
            assert_eq!(articles[0].title, "story 0-250");
        }
        other => panic!("{other:?}"),
    }

    // A half-typed filter ANDed with the second feed as the scope.
    commands
        .send(Command::LoadArticles {
            request: 2,
            query: ArticleQuery {
                scope: parse("feed:b.example").unwrap(),
                filter: parse_with("vuc", ParseOptions::typing()).unwrap(),
            },
            window: Window {
                offset: 0,
                limit: 500,
            },
            count: true,
            now,
        })
        .unwrap();
    match events.recv().await.unwrap() {
        WorkerEvent::Articles {
            total, articles, ..
        } => {
            assert_eq!(total, Some(6));
            assert!(
                articles
                    .iter()
                    .all(|a| a.title.starts_with("Vučić story 1-"))
            );
        }
        other => panic!("{other:?}"),
    }

    // Views' unread counts: is:unread is added by the session.
    commands
        .send(Command::SetRead(vec![ArticleId(1)], true))
        .unwrap();
    assert!(matches!(
        events.recv().await.unwrap(),
        WorkerEvent::Feeds(_)
    ));
    commands
        .send(Command::CountUnread {
            queries: vec![
                (0, parse("tag:news").unwrap()),
                (3, parse("vucic").unwrap()),
            ],
            now,
        })
        .unwrap();
    // Article 1 is the first stored, "Vučić story 0-0": one of the 12 matches is now read.
    assert_eq!(
        events.recv().await.unwrap(),
        WorkerEvent::ViewCounts(vec![(0, 1199), (3, 11)])
    );
}
