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
