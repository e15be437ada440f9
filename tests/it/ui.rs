//! The real event loop, driven by a stream of terminal input and worker events into a
//! TestBackend: keys become commands for the worker, worker answers reach the screen.

use chrono::{DateTime, FixedOffset, TimeZone, Utc};
use crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use dateline::model::{ArticleId, ArticleSummary, Feed, FeedId};
use dateline::ui::keymap::{Keymap, Mode};
use dateline::ui::state::State;
use dateline::ui::{Msg, Platform, event_loop};
use dateline::worker::session::{Command, WorkerEvent};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use tokio::sync::mpsc;

#[derive(Default)]
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

/// The default keymap and a fresh 80x24 state at a fixed time, in UTC.
fn keymap_and_state() -> (Keymap, State) {
    let keymap = Keymap::defaults().unwrap();
    let state = State::new(
        keymap.help(),
        Utc.with_ymd_and_hms(2025, 3, 14, 12, 0, 0).unwrap(),
        FixedOffset::east_opt(0).unwrap(),
        (80, 24),
    );
    (keymap, state)
}

/// Runs the real event loop on an 80x24 `TestBackend` until it ends (10 s at most), returning
/// the terminal and the platform for the test to inspect.
async fn run_loop(
    state: &mut State,
    keymap: &Keymap,
    msg_rx: &mut mpsc::UnboundedReceiver<Msg>,
    cmd_tx: &mpsc::UnboundedSender<Command>,
) -> (Terminal<TestBackend>, FakePlatform) {
    let mut terminal = Terminal::new(TestBackend::new(80, 24)).unwrap();
    let mut platform = FakePlatform::default();
    tokio::time::timeout(
        std::time::Duration::from_secs(10),
        event_loop(&mut terminal, state, keymap, msg_rx, cmd_tx, &mut platform),
    )
    .await
    .expect("the loop ended")
    .unwrap();
    (terminal, platform)
}

#[tokio::test]
async fn keys_and_worker_events_go_through_the_real_loop() {
    let (keymap, mut state) = keymap_and_state();
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

    let (_, platform) = run_loop(&mut state, &keymap, &mut msg_rx, &cmd_tx).await;

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
    let (keymap, mut state) = keymap_and_state();
    state.start(false);
    let request = state.list.request;
    let (msg_tx, mut msg_rx) = mpsc::unbounded_channel::<Msg>();
    let (cmd_tx, _cmd_rx) = mpsc::unbounded_channel::<Command>();
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
    let (terminal, _) = run_loop(&mut state, &keymap, &mut msg_rx, &cmd_tx).await;
    let text = screen(&terminal);
    assert!(text.contains("Arrived through the loop"), "{text}");
    assert!(text.contains("Loop Feed"), "{text}");
    assert!(text.contains("1 article, 1 unread"), "{text}");
}

/// SIGTERM/SIGHUP arrive as `Msg::Terminate`: the loop quits as for `q`, and a message after
/// it is never handled (the channel stays open, so only the quit can end the loop).
#[tokio::test]
async fn a_termination_signal_quits_the_loop() {
    let (keymap, mut state) = keymap_and_state();
    state.start(false);
    let (msg_tx, mut msg_rx) = mpsc::unbounded_channel::<Msg>();
    let (cmd_tx, _cmd_rx) = mpsc::unbounded_channel::<Command>();
    msg_tx.send(Msg::Terminate).unwrap();
    msg_tx
        .send(Msg::Worker(WorkerEvent::Feeds(vec![feed()])))
        .unwrap();
    run_loop(&mut state, &keymap, &mut msg_rx, &cmd_tx).await;
    assert!(state.quit);
    assert!(
        state.feeds.feeds.is_empty(),
        "nothing after the signal was handled"
    );
    drop(msg_tx);
}

/// The filter line and the help overlay have keymaps of their own, rebindable like the normal
/// mode's: with `filter_submit` moved to C-s, Enter no longer keeps the filter and C-s does;
/// in the help overlay `j` scrolls and `q` quits.
#[tokio::test]
async fn the_filter_line_and_the_help_overlay_keys_come_from_their_keymaps() {
    let mut user = std::collections::BTreeMap::new();
    user.insert("filter_submit".to_string(), vec!["C-s".to_string()]);
    let keymap = Keymap::with_overrides(&user).unwrap();
    let mut state = State::new(
        keymap.help(),
        Utc.with_ymd_and_hms(2025, 3, 14, 12, 0, 0).unwrap(),
        FixedOffset::east_opt(0).unwrap(),
        (80, 24),
    );
    state.start(false);
    let (msg_tx, mut msg_rx) = mpsc::unbounded_channel::<Msg>();
    let (cmd_tx, _cmd_rx) = mpsc::unbounded_channel::<Command>();
    let special =
        |code: KeyCode, mods: KeyModifiers| Msg::Input(Event::Key(KeyEvent::new(code, mods)));
    for msg in [
        key('/'),
        key('t'),
        key('a'),
        key('g'),
        key(':'),
        key('x'),
        special(KeyCode::Enter, KeyModifiers::NONE),
    ] {
        msg_tx.send(msg).unwrap();
    }
    drop(msg_tx);
    run_loop(&mut state, &keymap, &mut msg_rx, &cmd_tx).await;
    assert_eq!(
        state.mode,
        Mode::Filter,
        "Enter is not bound in the filter line now"
    );
    assert_eq!(state.filter.input, "tag:x");

    let (msg_tx, mut msg_rx) = mpsc::unbounded_channel::<Msg>();
    for msg in [
        special(KeyCode::Char('s'), KeyModifiers::CONTROL),
        key('?'),
        key('j'),
        key('j'),
    ] {
        msg_tx.send(msg).unwrap();
    }
    drop(msg_tx);
    let (terminal, _) = run_loop(&mut state, &keymap, &mut msg_rx, &cmd_tx).await;
    assert_eq!(state.filter.text, "tag:x");
    assert_eq!(state.filter.history, ["tag:x"]);
    assert_eq!(state.mode, Mode::Help);
    assert_eq!(state.help_scroll, 2);
    assert!(screen(&terminal).contains("Keys: ? or Esc closes, j/k scroll"));

    let (msg_tx, mut msg_rx) = mpsc::unbounded_channel::<Msg>();
    msg_tx.send(key('q')).unwrap();
    run_loop(&mut state, &keymap, &mut msg_rx, &cmd_tx).await;
    assert!(state.quit);
    drop(msg_tx);
}

/// A real store behind the real session: windows of a 1,200-article list with their total,
/// a query ANDed with a scope, and saved views' unread counts.
#[tokio::test]
async fn the_session_answers_windows_and_counts_from_the_store() {
    use dateline::model::{FeedSpec, NewArticle, ParsedFeed};
    use dateline::query::{ParseOptions, parse, parse_with};
    use dateline::store::{FetchRecord, Store};
    use dateline::worker::session::{ArticleQuery, Near, Window};

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
    let (commands, mut events) = start_session(store);
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
            near: Near::default(),
        })
        .unwrap();
    match next_answer(&mut events).await {
        WorkerEvent::Articles {
            request,
            offset,
            total,
            articles,
        } => {
            // The rows come first; their total follows in its own answer.
            assert_eq!((request, offset, total), (1, 500, None));
            assert_eq!(articles.len(), 500);
            // Newest first across both feeds: row 500 is the 250th of feed 0.
            assert_eq!(articles[0].title, "story 0-250");
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(
        next_answer(&mut events).await,
        WorkerEvent::ArticleTotal {
            request: 1,
            total: 1200
        }
    );

    // Pages of the same list, read from what is held: the last window backwards from the
    // counted end, one on from a row held (row 0), one backwards before a row held. Each
    // must be the window the plain offset gives.
    let window = |offset| Window { offset, limit: 500 };
    let mut by_offset = Vec::new();
    for (i, offset) in [0_u32, 700, 100, 150].into_iter().enumerate() {
        commands
            .send(Command::LoadArticles {
                request: 10 + i as u64,
                query: ArticleQuery::default(),
                window: window(offset),
                count: false,
                now,
                near: Near::default(),
            })
            .unwrap();
        match next_answer(&mut events).await {
            WorkerEvent::Articles { articles, .. } => by_offset.push(articles),
            other => panic!("{other:?}"),
        }
    }
    assert_eq!(by_offset[1].len(), 500);
    let held = |i: usize| (i as u64, by_offset[0][i].clone());
    let nears = [
        Near {
            total: Some(1200),
            rows: Vec::new(),
        },
        Near {
            total: Some(1200),
            rows: vec![held(0), held(120)],
        },
        // Backwards from row 700, which a window further down brought.
        Near {
            total: None,
            rows: vec![(700, by_offset[1][0].clone())],
        },
    ];
    for (i, (offset, near)) in [700_u32, 100, 150].into_iter().zip(nears).enumerate() {
        commands
            .send(Command::LoadArticles {
                request: 20 + i as u64,
                query: ArticleQuery::default(),
                window: window(offset),
                count: false,
                now,
                near,
            })
            .unwrap();
        match next_answer(&mut events).await {
            WorkerEvent::Articles {
                offset: at,
                articles,
                ..
            } => {
                assert_eq!(at, offset);
                assert_eq!(articles, by_offset[i + 1], "window at {offset}");
            }
            other => panic!("{other:?}"),
        }
    }

    // A half-typed filter ANDed with the second feed as the scope.
    commands
        .send(Command::LoadArticles {
            request: 2,
            query: ArticleQuery {
                scope: parse("url:b.example").unwrap(),
                filter: parse_with("vuc", ParseOptions::typing()).unwrap(),
                ..ArticleQuery::default()
            },
            window: Window {
                offset: 0,
                limit: 500,
            },
            count: true,
            now,
            near: Near::default(),
        })
        .unwrap();
    match next_answer(&mut events).await {
        WorkerEvent::Articles {
            total, articles, ..
        } => {
            assert_eq!(total, None);
            assert_eq!(articles.len(), 6);
            assert!(
                articles
                    .iter()
                    .all(|a| a.title.starts_with("Vučić story 1-"))
            );
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(
        next_answer(&mut events).await,
        WorkerEvent::ArticleTotal {
            request: 2,
            total: 6
        }
    );

    // Views' unread counts: is:unread is added by the session.
    commands
        .send(Command::SetRead(vec![ArticleId(1)], true))
        .unwrap();
    assert!(matches!(
        next_answer(&mut events).await,
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
        next_answer(&mut events).await,
        WorkerEvent::ViewCounts(vec![(0, 1199), (3, 11)])
    );
}

/// The next event that answers a command: the extraction queue's `EntitiesReady`
/// announcements (it starts with the session) are skipped.
async fn next_answer(events: &mut mpsc::UnboundedReceiver<WorkerEvent>) -> WorkerEvent {
    next_matching(events, |e| match e {
        WorkerEvent::EntitiesReady(_) => None,
        other => Some(other),
    })
    .await
}

/// Waits for the first event `pick` accepts, skipping the extraction queue's chatter.
async fn next_matching<T>(
    events: &mut mpsc::UnboundedReceiver<WorkerEvent>,
    mut pick: impl FnMut(WorkerEvent) -> Option<T>,
) -> T {
    let wait = async {
        loop {
            let event = events.recv().await.expect("the session is running");
            if let Some(found) = pick(event) {
                return found;
            }
        }
    };
    tokio::time::timeout(std::time::Duration::from_secs(20), wait)
        .await
        .expect("an answer within 20 s")
}

#[tokio::test]
async fn the_session_answers_an_articles_entities_and_the_lists_top_entities() {
    use dateline::model::{EntityKind, FeedSpec, NewArticle, ParsedFeed};
    use dateline::query::parse;
    use dateline::store::{FetchRecord, NewMention, Store};
    use dateline::worker::extract::model_version;
    use dateline::worker::session::ArticleQuery;

    let mut store = Store::open_in_memory().unwrap();
    store
        .sync_feeds(&[FeedSpec {
            url: "https://a.example/rss".into(),
            title: None,
            tags: vec!["news".into()],
        }])
        .unwrap();
    let feed = store.feeds().unwrap()[0].id;
    let base = Utc.with_ymd_and_hms(2025, 3, 1, 0, 0, 0).unwrap();
    let texts = [
        "Vučić met Kallas in Brussels. Vučić then flew to Belgrade.",
        "Kallas spoke in Brussels about Brussels.",
    ];
    let articles = texts
        .iter()
        .enumerate()
        .map(|(i, t)| NewArticle {
            guid: format!("g{i}"),
            title: format!("story {i}"),
            link: None,
            authors: Vec::new(),
            published: Some(base - chrono::Duration::hours(i as i64)),
            updated: None,
            summary_html: None,
            content_html: None,
            text: (*t).into(),
            enclosures: Vec::new(),
            categories: Vec::new(),
        })
        .collect();
    let doc = ParsedFeed {
        title: Some("Feed".into()),
        site_link: None,
        articles,
    };
    store
        .record_fetch(
            feed,
            FetchRecord::Parsed {
                feed: &doc,
                etag: None,
                last_modified: None,
                moved_to: None,
            },
            base,
        )
        .unwrap();
    let ids: Vec<ArticleId> = store
        .query_articles(&parse("story").unwrap(), base.fixed_offset(), None, 0)
        .unwrap()
        .into_iter()
        .map(|a| a.id)
        .collect();
    assert_eq!(ids.len(), 2);
    // Mentions at char offsets, written under the shipped model's version so the
    // background queue leaves them alone.
    let mention = |text: &str, surface: &str, nth: usize, kind, name: &str, coords| {
        let byte = text.match_indices(surface).nth(nth).unwrap().0;
        let start = text[..byte].chars().count() as u32;
        NewMention {
            kind,
            canonical: name.into(),
            surface: surface.into(),
            start,
            end: start + surface.chars().count() as u32,
            coords,
            country: None,
        }
    };
    let (t0, t1) = (texts[0], texts[1]);
    let brussels = Some((50.85, 4.35));
    let first = vec![
        mention(t0, "Vučić", 0, EntityKind::Person, "Aleksandar Vučić", None),
        mention(t0, "Kallas", 0, EntityKind::Person, "Kaja Kallas", None),
        mention(t0, "Brussels", 0, EntityKind::Place, "Brussels", brussels),
        mention(t0, "Vučić", 1, EntityKind::Person, "Aleksandar Vučić", None),
        mention(
            t0,
            "Belgrade",
            0,
            EntityKind::Place,
            "Belgrade",
            Some((44.8, 20.5)),
        ),
    ];
    let second = vec![
        mention(t1, "Kallas", 0, EntityKind::Person, "Kaja Kallas", None),
        mention(t1, "Brussels", 0, EntityKind::Place, "Brussels", brussels),
        mention(t1, "Brussels", 1, EntityKind::Place, "Brussels", brussels),
    ];
    let by_title = |i: usize| {
        store
            .article(ids[0])
            .map(|a| a.title == format!("story {i}"))
            .unwrap_or(false)
    };
    let (a0, a1) = if by_title(0) {
        (ids[0], ids[1])
    } else {
        (ids[1], ids[0])
    };
    store
        .write_mentions(a0, model_version(), &first, base)
        .unwrap();
    store
        .write_mentions(a1, model_version(), &second, base)
        .unwrap();

    let (commands, mut events) = start_session(store);

    commands.send(Command::LoadEntities(a0)).unwrap();
    let entities = next_matching(&mut events, |e| match e {
        WorkerEvent::Entities { article, entities } if article == a0 => Some(entities),
        _ => None,
    })
    .await;
    let summary: Vec<(&str, usize)> = entities
        .iter()
        .map(|e| (e.name.as_str(), e.spans.len()))
        .collect();
    assert_eq!(
        summary,
        [
            ("Aleksandar Vučić", 2),
            ("Kaja Kallas", 1),
            ("Brussels", 1),
            ("Belgrade", 1)
        ]
    );
    // Offsets are chars of the article's text: `Vučić` is 5 chars (7 bytes).
    assert_eq!(entities[0].spans, [(0, 5), (30, 35)]);
    assert_eq!(entities[2].coords, Some((50.85, 4.35)));

    // Across the list: Brussels in both articles, three mentions.
    let query = ArticleQuery {
        scope: parse("tag:news").unwrap(),
        filter: Default::default(),
        ..ArticleQuery::default()
    };
    commands
        .send(Command::LoadTopEntities {
            query: query.clone(),
            now: base.fixed_offset(),
            limit: 10,
        })
        .unwrap();
    let (asked, top) = next_matching(&mut events, |e| match e {
        WorkerEvent::TopEntities {
            query,
            entities,
            newest: None,
        } => Some((query, entities)),
        _ => None,
    })
    .await;
    assert_eq!(asked, query);
    let brussels = top.iter().find(|e| e.name == "Brussels").expect("Brussels");
    assert_eq!((brussels.mentions, brussels.articles), (3, 2));
    assert_eq!(top[0].name, "Brussels");
    let kallas = top.iter().find(|e| e.name == "Kaja Kallas").unwrap();
    assert_eq!((kallas.mentions, kallas.articles), (2, 2));

    // Tab in the filter line (issue 11): names of a kind that begin with what is typed, or
    // have a word that does, the most mentioned first.
    let mut complete = async |kind: EntityKind, typed: &str| {
        commands
            .send(Command::CompleteNames {
                kind,
                prefix: typed.into(),
                limit: 5,
            })
            .unwrap();
        next_matching(&mut events, |e| match e {
            WorkerEvent::Names {
                kind: k,
                prefix,
                names,
            } if k == kind && prefix == typed => Some(names),
            _ => None,
        })
        .await
    };
    assert_eq!(complete(EntityKind::Person, "ka").await, ["Kaja Kallas"]);
    assert_eq!(
        complete(EntityKind::Person, "VUC").await,
        ["Aleksandar Vučić"]
    );
    assert_eq!(
        complete(EntityKind::Place, "b").await,
        ["Brussels", "Belgrade"]
    );
    assert!(complete(EntityKind::Org, "b").await.is_empty());
}

/// The real session worker on `store`, with a fetcher that is never asked to fetch: the
/// command sender and the event receiver.
fn start_session(
    store: dateline::store::Store,
) -> (
    mpsc::UnboundedSender<Command>,
    mpsc::UnboundedReceiver<WorkerEvent>,
) {
    use dateline::fetch::{Fetcher, FetcherOptions};
    use dateline::worker::StoreActor;
    use dateline::worker::session::spawn_session;

    let (actor, _thread) = StoreActor::spawn(store).expect("store thread");
    let fetcher = Fetcher::new(FetcherOptions {
        concurrency: 1,
        per_host: 1,
        connect_timeout: std::time::Duration::from_secs(1),
        timeout: std::time::Duration::from_secs(1),
        max_bytes: 1 << 20,
        user_agent: "dateline-test/0.1".into(),
    })
    .expect("fetcher");
    let (events_tx, events) = mpsc::unbounded_channel();
    (spawn_session(actor, fetcher, None, events_tx), events)
}

/// Regression guard for the start-up order: the extraction queue's first look for work (a
/// read of the whole cache when little is left: a third of a second on 100,000 articles,
/// on the store's only thread) waits until the first list has been answered, so the first
/// rows are not queued behind it. Seen from outside: with a backlog waiting, nothing is
/// extracted until a list has been asked for and answered, rows then total.
#[tokio::test]
async fn the_backlog_waits_until_the_first_list_is_answered() {
    use dateline::model::{FeedSpec, NewArticle, ParsedFeed};
    use dateline::store::{FetchRecord, Store};
    use dateline::worker::session::{ArticleQuery, Near, Window};

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
    let articles = (0..3)
        .map(|i| NewArticle {
            guid: format!("g{i}"),
            title: format!("story {i}"),
            link: None,
            authors: Vec::new(),
            published: Some(base - chrono::Duration::hours(i)),
            updated: None,
            summary_html: None,
            content_html: None,
            text: "Kallas spoke in Brussels.".into(),
            enclosures: Vec::new(),
            categories: Vec::new(),
        })
        .collect();
    let doc = ParsedFeed {
        title: Some("Feed".into()),
        site_link: None,
        articles,
    };
    let record = FetchRecord::Parsed {
        feed: &doc,
        etag: None,
        last_modified: None,
        moved_to: None,
    };
    store.record_fetch(feed, record, base).unwrap();
    let (commands, mut events) = start_session(store);
    commands.send(Command::LoadFeeds).unwrap();
    assert!(matches!(events.recv().await, Some(WorkerEvent::Feeds(_))));
    let quiet = tokio::time::timeout(std::time::Duration::from_secs(1), events.recv()).await;
    assert!(quiet.is_err(), "the backlog started early: {quiet:?}");
    commands
        .send(Command::LoadArticles {
            request: 1,
            query: ArticleQuery::default(),
            window: Window {
                offset: 0,
                limit: 500,
            },
            count: true,
            now: base.fixed_offset(),
            near: Near::default(),
        })
        .unwrap();
    assert!(matches!(
        events.recv().await,
        Some(WorkerEvent::Articles { request: 1, .. })
    ));
    assert_eq!(
        events.recv().await,
        Some(WorkerEvent::ArticleTotal {
            request: 1,
            total: 3
        })
    );
    let done = next_matching(&mut events, |e| match e {
        WorkerEvent::EntitiesReady(ids) => Some(ids),
        _ => None,
    })
    .await;
    assert!(!done.is_empty());
}
