//! `update` with hand-built values: navigation, marking, filtering, reloads.

use super::filter::HISTORY;
use super::people::{TOP_ENTITIES, entity_filter};
use super::*;
use crate::config::View;
use crate::model::{ArticleId, ArticleSummary, EntityKind, FeedId};
use crate::query::{ParseOptions, parse, parse_with};
use crate::ui::fixtures::{self, article, feeds, summaries};
use crate::ui::keymap::{FilterAct, HelpAct};
use crate::worker::session::{ArticleQuery, Near, RequestId, Window};
use crate::worker::{FeedReport, RefreshSummary};

/// A state with feeds and the first list loaded.
fn loaded() -> State {
    let mut s = fixtures::state(80, 24);
    let effects = s.start(false);
    assert!(effects.contains(&Effect::Worker(Command::LoadFeeds)));
    update(&mut s, Action::Worker(WorkerEvent::Feeds(feeds())));
    let request = s.list.request;
    update(
        &mut s,
        Action::Worker(WorkerEvent::whole_list(request, summaries())),
    );
    s
}

fn act(s: &mut State, a: Act) -> Vec<Effect> {
    update(s, Action::Do(a))
}

fn last_request(effects: &[Effect]) -> Option<(RequestId, ArticleQuery)> {
    last_load(effects).map(|(r, q, _, _)| (r, q))
}

/// The last `LoadArticles`: request, query, window and whether it asks for the total.
fn last_load(effects: &[Effect]) -> Option<(RequestId, ArticleQuery, Window, bool)> {
    effects.iter().rev().find_map(|e| match e {
        Effect::Worker(Command::LoadArticles {
            request,
            query,
            window,
            count,
            ..
        }) => Some((*request, query.clone(), *window, *count)),
        _ => None,
    })
}

fn typed(s: &mut State, text: &str) -> Vec<Effect> {
    let mut out = Vec::new();
    for c in text.chars() {
        out.extend(update(s, Action::FilterChar(c)));
    }
    out
}

fn q(text: &str) -> Query {
    parse_with(text, ParseOptions::typing()).unwrap()
}

#[test]
fn start_loads_and_refreshes_when_asked() {
    let mut s = fixtures::state(80, 24);
    let effects = s.start(true);
    assert!(effects.contains(&Effect::Worker(Command::Refresh(None))));
    assert!(s.progress.running);
    assert!(last_request(&effects).is_some());
}

#[test]
fn navigation_moves_and_clamps() {
    let mut s = loaded();
    assert_eq!(s.list.sel, 0);
    act(&mut s, Act::Down);
    act(&mut s, Act::Down);
    assert_eq!(s.list.selected().unwrap().id, ArticleId(12));
    act(&mut s, Act::Bottom);
    assert_eq!(s.list.sel, 4);
    act(&mut s, Act::Down);
    assert_eq!(s.list.sel, 4);
    act(&mut s, Act::Top);
    assert_eq!(s.list.sel, 0);
    act(&mut s, Act::Up);
    assert_eq!(s.list.sel, 0);
}

#[test]
fn list_scrolls_to_keep_the_selection_visible() {
    let mut s = fixtures::state(80, 10);
    s.start(false);
    let request = s.list.request;
    let many: Vec<_> = (0..50)
        .map(|i| fixtures::summary(100 + i, 1, &format!("story {i}"), i, false))
        .collect();
    update(
        &mut s,
        Action::Worker(WorkerEvent::whole_list(request, many)),
    );
    act(&mut s, Act::PageDown);
    let height = 10 - 1 - 2; // status bar, borders
    assert_eq!(s.list.sel, height - 1);
    act(&mut s, Act::Bottom);
    assert_eq!(s.list.sel, 49);
    assert_eq!(s.list.offset, 50 - height);
}

#[test]
fn opening_marks_read_and_loads_the_article() {
    let mut s = loaded();
    let effects = act(&mut s, Act::Open);
    assert_eq!(s.focus, Focus::Article);
    assert!(effects.contains(&Effect::Worker(Command::LoadArticle(ArticleId(10)))));
    assert!(effects.contains(&Effect::Worker(Command::SetRead(vec![ArticleId(10)], true))));
    assert!(s.list.articles[0].read);
    // The feed's unread count follows at once.
    assert_eq!(s.feeds.feeds[0].unread, 1);
    let a = article(
        &s.list.articles[0],
        "<p>Body <a href=\"https://example.org/x\">x</a></p>",
    );
    update(&mut s, Action::Worker(WorkerEvent::Article(Box::new(a))));
    let ArticlePane::Loaded { body, .. } = &s.open else {
        panic!("not loaded: {:?}", s.open)
    };
    assert_eq!(body.links, vec!["https://example.org/x".to_string()]);
}

#[test]
fn opening_does_not_mark_read_when_configured_off() {
    let mut s = loaded();
    s.mark_read_on_open = false;
    let effects = act(&mut s, Act::Open);
    assert!(
        !effects
            .iter()
            .any(|e| matches!(e, Effect::Worker(Command::SetRead(..))))
    );
    assert!(!s.list.articles[0].read);
}

#[test]
fn a_late_article_for_another_id_is_ignored() {
    let mut s = loaded();
    act(&mut s, Act::Open);
    let other = article(&s.list.articles[1], "<p>other</p>");
    update(
        &mut s,
        Action::Worker(WorkerEvent::Article(Box::new(other))),
    );
    assert_eq!(s.open, ArticlePane::Loading(ArticleId(10)));
}

#[test]
fn next_article_and_unread_while_reading() {
    let mut s = loaded();
    act(&mut s, Act::Open);
    let effects = act(&mut s, Act::NextArticle);
    assert_eq!(s.list.selected().unwrap().id, ArticleId(11));
    assert!(effects.contains(&Effect::Worker(Command::LoadArticle(ArticleId(11)))));
    // 12 is read: n skips to 13.
    let effects = act(&mut s, Act::NextUnread);
    assert_eq!(s.list.selected().unwrap().id, ArticleId(13));
    assert!(effects.contains(&Effect::Worker(Command::LoadArticle(ArticleId(13)))));
    act(&mut s, Act::NextUnread);
    assert_eq!(s.message.as_deref(), Some("no more unread articles"));
    act(&mut s, Act::PrevArticle);
    assert_eq!(s.list.selected().unwrap().id, ArticleId(12));
}

#[test]
fn toggle_read_star_and_mark_all() {
    let mut s = loaded();
    act(&mut s, Act::Down);
    act(&mut s, Act::Down);
    let effects = act(&mut s, Act::ToggleRead);
    assert_eq!(
        effects,
        vec![Effect::Worker(Command::SetRead(vec![ArticleId(12)], false))]
    );
    assert!(!s.list.articles[2].read);
    assert_eq!(s.feeds.feeds[0].unread, 3);
    let effects = act(&mut s, Act::ToggleStar);
    assert_eq!(
        effects,
        vec![Effect::Worker(Command::SetStarred(ArticleId(12), true))]
    );
    assert!(s.list.articles[2].starred);
    let effects = act(&mut s, Act::MarkAllRead);
    assert!(s.list.articles.iter().all(|a| a.read));
    assert!(matches!(
        &effects[..],
        [Effect::Worker(Command::MarkAllRead { .. })]
    ));
}

#[test]
fn selection_is_kept_by_id_when_the_list_reloads() {
    let mut s = loaded();
    act(&mut s, Act::Down);
    act(&mut s, Act::Down);
    assert_eq!(s.list.selected().unwrap().id, ArticleId(12));
    // A refresh brings two newer articles; the list reloads.
    let report = FeedReport {
        feed_id: FeedId(1),
        url: String::new(),
        title: "World Desk".into(),
        outcome: FeedOutcome::Ok { new: 2, updated: 0 },
        moved_to: None,
    };
    update(
        &mut s,
        Action::Worker(WorkerEvent::Refresh(RefreshEvent::Started { total: 1 })),
    );
    update(
        &mut s,
        Action::Worker(WorkerEvent::Refresh(RefreshEvent::Feed(report))),
    );
    assert_eq!(s.progress.done, 1);
    let effects = update(&mut s, Action::Tick(fixtures::now()));
    assert!(effects.contains(&Effect::Worker(Command::LoadFeeds)));
    let (request, _) = last_request(&effects).expect("articles reloaded");
    let mut fresh = vec![
        fixtures::summary(20, 1, "Breaking one", 0, false),
        fixtures::summary(21, 1, "Breaking two", 0, false),
    ];
    fresh.extend(summaries());
    update(
        &mut s,
        Action::Worker(WorkerEvent::whole_list(request, fresh)),
    );
    assert_eq!(s.list.selected().unwrap().id, ArticleId(12));
    assert_eq!(s.list.sel, 4);
    // Nothing pending any more.
    assert!(update(&mut s, Action::Tick(fixtures::now())).is_empty());
}

#[test]
fn stale_answers_are_dropped() {
    let mut s = loaded();
    let old = s.list.request;
    update(&mut s, Action::Do(Act::Filter));
    update(&mut s, Action::FilterChar('x'));
    assert_ne!(s.list.request, old);
    let only = vec![fixtures::summary(99, 1, "Only x", 1, false)];
    update(&mut s, Action::Worker(WorkerEvent::whole_list(old, only)));
    // The old list stays until the answer to the new query arrives.
    assert_eq!(s.list.articles.len(), 5);
    assert!(!s.list.loaded);
}

#[test]
fn the_list_follows_every_key_press_of_the_filter() {
    let mut s = loaded();
    act(&mut s, Act::Filter);
    assert_eq!(s.mode, Mode::Filter);
    let effects = update(&mut s, Action::FilterChar('v'));
    let (r1, query, window, count) = last_load(&effects).expect("a query per key");
    assert_eq!(query.filter, q("v"));
    assert!(count, "a new query asks for its total");
    assert_eq!(
        window,
        Window {
            offset: 0,
            limit: PAGE as u32
        }
    );
    let effects = typed(&mut s, "uc");
    let (r2, query) = last_request(&effects).unwrap();
    assert!(r2 > r1);
    assert_eq!(query.filter, q("vuc"));
    assert_eq!(s.filter.text, "vuc");
    // The answer to the first key arrives late: dropped.
    update(
        &mut s,
        Action::Worker(WorkerEvent::whole_list(r1, summaries())),
    );
    assert!(!s.list.loaded);
    let found = vec![fixtures::summary(30, 2, "Vučić visits", 2, false)];
    update(&mut s, Action::Worker(WorkerEvent::whole_list(r2, found)));
    assert_eq!(s.list.total, 1);
    assert_eq!(s.list.selected().unwrap().id, ArticleId(30));
    // Enter keeps the filter: no new query, and it shows as active.
    let effects = update(&mut s, Action::Filter(FilterAct::Submit));
    assert!(last_request(&effects).is_none());
    assert_eq!(s.mode, Mode::Normal);
    assert_eq!(s.list.query.filter, q("vuc"));
    assert_eq!(s.filter.text, "vuc");
}

#[test]
fn an_invalid_query_keeps_the_last_good_list_and_shows_the_error() {
    let mut s = loaded();
    act(&mut s, Act::Filter);
    let effects = typed(&mut s, "is:unread");
    let (r, _) = last_request(&effects).unwrap();
    let unread: Vec<_> = summaries().into_iter().filter(|a| !a.read).collect();
    update(&mut s, Action::Worker(WorkerEvent::whole_list(r, unread)));
    assert_eq!(s.list.total, 3);
    // " (" opens a group that is not closed: no query is sent, the list stays.
    let effects = typed(&mut s, " (");
    assert!(last_request(&effects).is_none(), "{effects:?}");
    let e = s
        .filter
        .error
        .clone()
        .expect("an error while the group is open");
    assert_eq!(e.pos, 11, "{e}");
    assert_eq!(s.list.query.filter, q("is:unread"));
    assert_eq!(s.list.total, 3);
    // Enter refuses a query that does not parse, and says why.
    update(&mut s, Action::Filter(FilterAct::Submit));
    assert_eq!(s.mode, Mode::Filter);
    assert!(s.message.as_deref().unwrap().contains("does not parse"));
    // Finishing the group makes it good again: the list follows.
    let effects = typed(&mut s, "gene)");
    assert!(s.filter.error.is_none());
    let (_, query) = last_request(&effects).unwrap();
    assert_eq!(query.filter, q("is:unread (gene)"));
}

#[test]
fn escape_clears_the_filter() {
    let mut s = loaded();
    act(&mut s, Act::Filter);
    typed(&mut s, "gene");
    update(&mut s, Action::Filter(FilterAct::Submit));
    assert_eq!(s.filter.text, "gene");
    // Reopening starts from the active filter.
    act(&mut s, Act::Filter);
    assert_eq!(s.filter.input, "gene");
    typed(&mut s, " (");
    let effects = update(&mut s, Action::Filter(FilterAct::Cancel));
    assert_eq!(s.mode, Mode::Normal);
    assert!(s.filter.error.is_none());
    assert_eq!(s.filter.text, "");
    let (_, query) = last_request(&effects).expect("the unfiltered list again");
    assert_eq!(query.filter, Query::default());
    // Esc with no filter sends nothing.
    act(&mut s, Act::Filter);
    assert!(update(&mut s, Action::Filter(FilterAct::Cancel)).is_empty());
}

#[test]
fn up_and_down_walk_the_filter_history() {
    let mut s = loaded();
    for text in ["alpha", "beta", "alpha"] {
        act(&mut s, Act::Filter);
        s.filter.input.clear();
        typed(&mut s, text);
        update(&mut s, Action::Filter(FilterAct::Submit));
    }
    // Repeats move to the end instead of piling up.
    assert_eq!(s.filter.history, ["beta", "alpha"]);
    act(&mut s, Act::Filter);
    s.filter.input.clear();
    typed(&mut s, "gam");
    let effects = update(&mut s, Action::Filter(FilterAct::Older));
    assert_eq!(s.filter.input, "alpha");
    assert_eq!(last_request(&effects).unwrap().1.filter, q("alpha"));
    update(&mut s, Action::Filter(FilterAct::Older));
    assert_eq!(s.filter.input, "beta");
    update(&mut s, Action::Filter(FilterAct::Older));
    assert_eq!(s.filter.input, "beta", "stops at the oldest");
    update(&mut s, Action::Filter(FilterAct::Newer));
    assert_eq!(s.filter.input, "alpha");
    update(&mut s, Action::Filter(FilterAct::Newer));
    assert_eq!(s.filter.input, "gam", "back to what was being typed");
    // Bounded.
    for i in 0..HISTORY + 20 {
        s.filter.remember(&format!("q{i}"));
    }
    assert_eq!(s.filter.history.len(), HISTORY);
    assert_eq!(s.filter.history.last().map(String::as_str), Some("q119"));
}

#[test]
fn feeds_pane_folders_select_and_fold() {
    let mut s = loaded();
    let labels: Vec<_> = s.feeds.rows.iter().map(|r| r.label.as_str()).collect();
    assert_eq!(
        labels,
        [
            "All articles",
            "world",
            "World Desk",
            "Europe Today",
            "europe",
            "Europe Today",
            "Broken Wire",
            "Local Notes"
        ]
    );
    assert_eq!(s.feeds.rows[0].unread, 3);
    assert!(s.feeds.rows[4].error && s.feeds.rows[6].error && !s.feeds.rows[1].error);
    act(&mut s, Act::Back);
    assert_eq!(s.focus, Focus::Feeds);
    act(&mut s, Act::Down);
    act(&mut s, Act::Down); // World Desk
    let effects = act(&mut s, Act::Open);
    let (_, query) = last_request(&effects).unwrap();
    assert_eq!(
        query.scope,
        parse("feed:\"https://example.org/1.xml\"").unwrap()
    );
    assert_eq!(s.focus, Focus::Articles);
    act(&mut s, Act::PrevPane);
    assert_eq!(s.focus, Focus::Feeds);
    // h on a feed inside a folder folds the folder and selects it.
    act(&mut s, Act::Back);
    assert_eq!(s.feeds.rows[s.feeds.sel].key, RowKey::Tag("world".into()));
    assert!(s.feeds.rows[1].collapsed);
    assert_eq!(s.feeds.rows.len(), 6);
    // Enter on a folded folder unfolds it and shows the tag.
    let effects = act(&mut s, Act::Open);
    assert_eq!(
        last_request(&effects).unwrap().1.scope,
        parse("tag:world").unwrap()
    );
    assert_eq!(s.list.scope_label.as_deref(), Some("world"));
    assert_eq!(s.feeds.rows.len(), 8);
}

#[test]
fn refresh_feed_here_and_refuses_a_second_run() {
    let mut s = loaded();
    let effects = act(&mut s, Act::RefreshFeed);
    assert_eq!(
        effects,
        vec![Effect::Worker(Command::Refresh(Some(vec![FeedId(1)])))]
    );
    assert!(act(&mut s, Act::RefreshAll).is_empty());
    assert_eq!(s.message.as_deref(), Some("a refresh is already running"));
    let report = FeedReport {
        feed_id: FeedId(1),
        url: String::new(),
        title: "World Desk".into(),
        outcome: FeedOutcome::Failed {
            error: "timed out".into(),
        },
        moved_to: None,
    };
    update(
        &mut s,
        Action::Worker(WorkerEvent::Refresh(RefreshEvent::Feed(report))),
    );
    assert_eq!(s.progress.failed, 1);
    let effects = update(
        &mut s,
        Action::Worker(WorkerEvent::Refresh(RefreshEvent::Finished(
            RefreshSummary {
                feeds: 1,
                failed: 1,
                ..RefreshSummary::default()
            },
        ))),
    );
    assert!(!s.progress.running);
    assert!(effects.contains(&Effect::Worker(Command::LoadFeeds)));
    assert_eq!(
        act(&mut s, Act::RefreshAll),
        vec![Effect::Worker(Command::Refresh(None))]
    );
}

#[test]
fn open_browser_copy_and_numbered_links() {
    let mut s = loaded();
    assert_eq!(
        act(&mut s, Act::OpenBrowser),
        vec![Effect::OpenUrl("https://example.org/a/10".into())]
    );
    assert_eq!(
        act(&mut s, Act::CopyLink),
        vec![Effect::Copy("https://example.org/a/10".into())]
    );
    act(&mut s, Act::Open);
    let html =
        r#"<p><a href="https://one.example/">1</a> <a href="https://two.example/">2</a></p>"#;
    let a = article(&s.list.articles[0], html);
    update(&mut s, Action::Worker(WorkerEvent::Article(Box::new(a))));
    update(&mut s, Action::Digit(2));
    assert_eq!(
        act(&mut s, Act::OpenBrowser),
        vec![Effect::OpenUrl("https://two.example/".into())]
    );
    assert_eq!(s.count, None);
    update(&mut s, Action::Digit(9));
    assert!(act(&mut s, Act::OpenBrowser).is_empty());
    assert_eq!(s.message.as_deref(), Some("this article has no link 9"));
}

#[test]
fn article_scrolls_pages_and_stops_at_the_end() {
    let mut s = loaded();
    act(&mut s, Act::Open);
    let html = (0..100)
        .map(|i| format!("<p>para {i}</p>"))
        .collect::<String>();
    let a = article(&s.list.articles[0], &html);
    update(&mut s, Action::Worker(WorkerEvent::Article(Box::new(a))));
    act(&mut s, Act::Page);
    let first = s.scroll;
    assert!(first > 5);
    act(&mut s, Act::Bottom);
    let end = s.scroll;
    assert_eq!(end + s.article_area().0, s.article_len());
    act(&mut s, Act::Page);
    assert_eq!(s.scroll, end);
    // Back closes the article and returns to the list.
    act(&mut s, Act::Back);
    assert_eq!(s.focus, Focus::Articles);
    assert_eq!(s.open, ArticlePane::Closed);
}

#[test]
fn help_mode_swallows_keys_and_quit_works_everywhere() {
    let mut s = loaded();
    act(&mut s, Act::Help);
    assert_eq!(s.mode, Mode::Help);
    assert!(act(&mut s, Act::RefreshAll).is_empty());
    update(&mut s, Action::Help(HelpAct::Down));
    assert_eq!(s.help_scroll, 1);
    update(&mut s, Action::Help(HelpAct::Close));
    assert_eq!(s.mode, Mode::Normal);
    // Quitting gets through the help (control-C, a termination signal).
    act(&mut s, Act::Help);
    assert_eq!(act(&mut s, Act::Quit), vec![Effect::Quit]);
    for focus in [Focus::Feeds, Focus::Articles, Focus::Article] {
        let mut s = loaded();
        s.focus = focus;
        assert_eq!(act(&mut s, Act::Quit), vec![Effect::Quit]);
        assert!(s.quit);
    }
}

#[test]
fn mouse_click_selects_and_wheel_scrolls() {
    let mut s = loaded();
    // The list's first row is at y=1 (inside the border), x past the feeds pane.
    update(&mut s, Action::Click { col: 40, row: 3 });
    assert_eq!(s.list.sel, 2);
    assert_eq!(s.focus, Focus::Articles);
    update(
        &mut s,
        Action::Scroll {
            col: 40,
            row: 3,
            down: true,
        },
    );
    assert_eq!(s.list.sel, 4);
    update(&mut s, Action::Click { col: 2, row: 2 });
    assert_eq!(s.focus, Focus::Feeds);
    assert_eq!(s.feeds.sel, 1);
}

#[test]
fn resize_rewraps_the_open_article() {
    let mut s = loaded();
    act(&mut s, Act::Open);
    let a = article(
        &s.list.articles[0],
        &format!("<p>{}</p>", "word ".repeat(300)),
    );
    update(&mut s, Action::Worker(WorkerEvent::Article(Box::new(a))));
    let before = s.article_len();
    update(&mut s, Action::Resize(160, 48));
    assert!(s.article_len() < before);
    let ArticlePane::Loaded { body, .. } = &s.open else {
        panic!()
    };
    // The people pane takes a third of the width beside the article.
    assert!(body.width > 80, "{}", body.width);
}

fn views() -> Vec<View> {
    vec![
        View {
            name: "Balkans".into(),
            query: "vucic or place:belgrade".into(),
        },
        View {
            name: "Broken".into(),
            query: "(unclosed".into(),
        },
        View {
            name: "Starred".into(),
            query: "is:starred sort:title".into(),
        },
    ]
}

#[test]
fn saved_views_are_virtual_feeds_with_unread_counts() {
    let mut s = fixtures::state(80, 24);
    s.set_views(&views());
    s.start(false);
    let effects = update(&mut s, Action::Worker(WorkerEvent::Feeds(feeds())));
    // Every valid view is counted; the broken one is not sent.
    let counted = effects.iter().find_map(|e| match e {
        Effect::Worker(Command::CountUnread { queries, .. }) => Some(queries.clone()),
        _ => None,
    });
    assert_eq!(
        counted,
        Some(vec![
            (0, parse("vucic or place:belgrade").unwrap()),
            (2, parse("is:starred sort:title").unwrap())
        ])
    );
    update(
        &mut s,
        Action::Worker(WorkerEvent::ViewCounts(vec![(0, 7), (2, 0)])),
    );
    let rows: Vec<_> = s
        .feeds
        .rows
        .iter()
        .take(5)
        .map(|r| (r.label.as_str(), r.unread, r.error, r.depth))
        .collect();
    assert_eq!(
        rows,
        [
            ("All articles", 3, false, 0),
            ("Views", 0, true, 0),
            ("Balkans", 7, false, 1),
            ("Broken", 0, true, 1),
            ("Starred", 0, false, 1),
        ]
    );
    // Selecting a view shows its articles.
    s.focus = Focus::Feeds;
    act(&mut s, Act::Down);
    act(&mut s, Act::Down);
    let effects = act(&mut s, Act::Open);
    let (_, query) = last_request(&effects).expect("the view's list");
    assert_eq!(query.scope, parse("vucic or place:belgrade").unwrap());
    assert_eq!(s.list.scope_label.as_deref(), Some("Balkans"));
    // A broken view says why and changes nothing.
    s.focus = Focus::Feeds;
    act(&mut s, Act::Down);
    let effects = act(&mut s, Act::Open);
    assert!(last_request(&effects).is_none());
    let m = s.message.clone().unwrap();
    assert!(m.starts_with("view Broken: at 9:"), "{m}");
    assert_eq!(
        s.list.query.scope,
        parse("vucic or place:belgrade").unwrap()
    );
    // The filter line ANDs with the view.
    act(&mut s, Act::Filter);
    let effects = typed(&mut s, "is:unread");
    let (_, query) = last_request(&effects).unwrap();
    assert_eq!(query.scope, parse("vucic or place:belgrade").unwrap());
    assert_eq!(query.filter, q("is:unread"));
    // h folds the views' folder.
    update(&mut s, Action::Filter(FilterAct::Submit));
    s.focus = Focus::Feeds;
    act(&mut s, Act::Back);
    assert_eq!(s.feeds.rows[s.feeds.sel].key, RowKey::Views);
    assert!(s.feeds.rows[1].collapsed);
    assert!(
        !s.feeds
            .rows
            .iter()
            .any(|r| matches!(r.key, RowKey::View(_)))
    );
}

/// `n` summaries starting at row `from` of a long list (ids 1000 + row).
fn rows(from: usize, n: usize) -> Vec<ArticleSummary> {
    (from..from + n)
        .map(|i| fixtures::summary(1000 + i as i64, 1, &format!("story {i}"), i as i64, false))
        .collect()
}

#[test]
fn a_long_list_is_loaded_a_window_at_a_time() {
    let total = 100_000;
    let mut s = fixtures::state(80, 24);
    let effects = s.start(false);
    let (request, _, window, count) = last_load(&effects).unwrap();
    assert_eq!(
        window,
        Window {
            offset: 0,
            limit: PAGE as u32
        }
    );
    assert!(count);
    window_arrives(&mut s, request, 0, Some(total as u64), rows(0, PAGE));
    assert_eq!(s.list.total, total);
    assert_eq!(s.list.articles.len(), PAGE);
    // Moving inside the window asks for nothing.
    for _ in 0..100 {
        assert!(last_load(&act(&mut s, Act::Down)).is_none());
    }
    // Near the edge the next window is asked for, around the selection, without a count.
    let mut asked = None;
    for _ in 0..PAGE {
        if let Some(l) = last_load(&act(&mut s, Act::Down)) {
            asked = Some(l);
            break;
        }
    }
    let (request, _, window, count) = asked.expect("a page near the edge");
    assert!(!count);
    let sel = s.list.sel;
    assert!(sel < PAGE, "asked before leaving the window: {sel}");
    assert_eq!(window.offset as usize, sel - PAGE / 2);
    // While it is on its way, moving on does not ask again.
    assert!(last_load(&act(&mut s, Act::Down)).is_none());
    let selected = s.list.selected().unwrap().id;
    let start = window.offset as usize;
    window_arrives(&mut s, request, window.offset, None, rows(start, PAGE));
    assert_eq!(s.list.start, start);
    assert_eq!(s.list.selected().unwrap().id, selected);
    // G jumps to the end: rows not loaded yet, a window at the end is asked for.
    let effects = act(&mut s, Act::Bottom);
    assert_eq!(s.list.sel, total - 1);
    assert!(s.list.selected().is_none());
    let (request, _, window, _) = last_load(&effects).expect("the last window");
    assert_eq!(window.offset as usize, total - PAGE);
    window_arrives(
        &mut s,
        request,
        window.offset,
        None,
        rows(total - PAGE, PAGE),
    );
    assert_eq!(
        s.list.selected().unwrap().title,
        format!("story {}", total - 1)
    );
    assert!(s.list.articles.len() <= PAGE, "one window in memory");
}

#[test]
fn a_reload_keeps_the_selected_article_deep_in_the_list() {
    let total = 10_000;
    let mut s = fixtures::state(80, 24);
    let effects = s.start(false);
    let (request, ..) = last_load(&effects).unwrap();
    window_arrives(&mut s, request, 0, Some(total as u64), rows(0, PAGE));
    let effects = act(&mut s, Act::Bottom);
    let (request, _, window, _) = last_load(&effects).unwrap();
    let start = window.offset as usize;
    window_arrives(&mut s, request, window.offset, None, rows(start, PAGE));
    act(&mut s, Act::Up);
    let id = s.list.selected().unwrap().id;
    // A refresh lands three new articles at the top: the reload asks around the selection
    // with a count, and the selection follows the article to its new row.
    s.reload_articles = true;
    let effects = update(&mut s, Action::Tick(fixtures::now()));
    let (request, _, window, count) = last_load(&effects).unwrap();
    assert!(count);
    let mut shifted = vec![
        fixtures::summary(1, 1, "new a", 0, false),
        fixtures::summary(2, 1, "new b", 0, false),
        fixtures::summary(3, 1, "new c", 0, false),
    ];
    shifted.extend(rows(0, total));
    let offset = window.offset as usize;
    window_arrives(
        &mut s,
        request,
        window.offset,
        Some(total as u64 + 3),
        shifted[offset..(offset + PAGE).min(shifted.len())].to_vec(),
    );
    assert_eq!(s.list.total, total + 3);
    assert_eq!(s.list.selected().map(|a| a.id), Some(id));
    assert_eq!(s.list.sel, total - 2 + 3);
}

/// Regression: the selected article kept by id near the end of a shorter list used to stay
/// on its screen row, hiding the rows above it behind blank space below.
#[test]
fn a_shorter_list_fills_the_pane() {
    let mut s = loaded();
    act(&mut s, Act::Bottom);
    s.list.offset = 4; // as if it had been scrolled there in a longer list
    act(&mut s, Act::Filter);
    let effects = typed(&mut s, "is:unread");
    let (r, _) = last_request(&effects).unwrap();
    let mut kept = summaries();
    kept.retain(|a| a.id != ArticleId(12));
    update(&mut s, Action::Worker(WorkerEvent::whole_list(r, kept)));
    assert_eq!(s.list.selected().unwrap().id, ArticleId(14));
    assert_eq!(s.list.offset, 0);
}

/// `loaded()` with the first article open and its entities arrived.
fn reading_people() -> (State, ArticleId) {
    let mut s = loaded();
    let effects = act(&mut s, Act::Open);
    let id = s.list.articles[0].id;
    assert!(effects.contains(&Effect::Worker(Command::LoadEntities(id))));
    let a = fixtures::people_article(&s.list.articles[0]);
    update(&mut s, Action::Worker(WorkerEvent::Article(Box::new(a))));
    update(
        &mut s,
        Action::Worker(WorkerEvent::Entities {
            article: id,
            entities: fixtures::people_entities(),
        }),
    );
    (s, id)
}

#[test]
fn entities_load_with_the_article_and_reload_when_extracted() {
    let (mut s, id) = reading_people();
    let names: Vec<&str> = s
        .people
        .entries()
        .unwrap()
        .iter()
        .map(|e| e.name.as_str())
        .collect();
    assert_eq!(
        names,
        [
            "Jens Stoltenberg",
            "Aleksandar Vučić",
            "Belgrade",
            "Brussels",
            "Paris",
            "NATO"
        ]
    );
    assert!(!s.people.entities.as_ref().unwrap().surfaces.is_empty());
    // Extraction of other articles does not reload; of this one does.
    let other = update(
        &mut s,
        Action::Worker(WorkerEvent::EntitiesReady(vec![ArticleId(99)])),
    );
    assert!(
        !other
            .iter()
            .any(|e| matches!(e, Effect::Worker(Command::LoadEntities(_))))
    );
    let mine = update(
        &mut s,
        Action::Worker(WorkerEvent::EntitiesReady(vec![ArticleId(99), id])),
    );
    assert!(mine.contains(&Effect::Worker(Command::LoadEntities(id))));
    // A late answer for another article is ignored.
    update(
        &mut s,
        Action::Worker(WorkerEvent::Entities {
            article: ArticleId(99),
            entities: Vec::new(),
        }),
    );
    assert_eq!(s.people.entries().unwrap().len(), 6);
    // Opening the next article forgets these entities.
    act(&mut s, Act::NextArticle);
    assert!(s.people.entities.is_none());
}

#[test]
fn people_key_focuses_the_pane_and_enter_filters_by_the_entity() {
    let mut s = loaded();
    // Nothing to show yet.
    act(&mut s, Act::People);
    assert_eq!(s.focus, Focus::Articles);
    assert!(s.message.is_some());
    let (mut s, _) = reading_people();
    // Narrow screen: the article keeps its place until the pane has the keys.
    assert!(s.panes().people.is_none());
    act(&mut s, Act::People);
    assert_eq!(s.focus, Focus::People);
    assert!(s.panes().people.is_some() && s.panes().article.is_none());
    act(&mut s, Act::Down);
    act(&mut s, Act::Down);
    act(&mut s, Act::Bottom);
    assert_eq!(s.people.sel, 5);
    act(&mut s, Act::Up);
    act(&mut s, Act::Up);
    act(&mut s, Act::Up);
    assert_eq!(s.people.entries().unwrap()[s.people.sel].name, "Belgrade");
    // Scoped to one feed first: Enter lists every feed's articles.
    s.list.query.scope = q("tag:world");
    s.list.scope_label = Some("world".into());
    let effects = act(&mut s, Act::Open);
    let (_, query) = last_request(&effects).expect("a new list");
    assert_eq!(query.scope, Query::default());
    assert_eq!(query.filter, q("place:Belgrade"));
    assert_eq!(s.filter.text, "place:Belgrade");
    assert_eq!(
        s.filter.history.last().map(String::as_str),
        Some("place:Belgrade")
    );
    assert_eq!(s.focus, Focus::Articles);
    assert!(s.list.scope_label.is_none());
    // A name of two words is quoted.
    act(&mut s, Act::People);
    act(&mut s, Act::Top);
    let effects = act(&mut s, Act::Open);
    let (_, query) = last_request(&effects).unwrap();
    assert_eq!(query.filter, q("person:\"Jens Stoltenberg\""));
    assert_eq!(entity_filter(EntityKind::Org, "NATO"), "org:NATO");
    // Esc gives the keys back to the article.
    act(&mut s, Act::People);
    act(&mut s, Act::Back);
    assert_eq!(s.focus, Focus::Article);
}

#[test]
fn who_and_where_follows_the_list_query() {
    let mut s = loaded();
    let effects = act(&mut s, Act::WhoWhere);
    assert_eq!(s.focus, Focus::People);
    let asked = effects.iter().find_map(|e| match e {
        Effect::Worker(Command::LoadTopEntities { query, limit, .. }) => {
            Some((query.clone(), *limit))
        }
        _ => None,
    });
    assert_eq!(asked, Some((s.list.query.clone(), TOP_ENTITIES)));
    assert!(s.people.entries().is_none(), "loading");
    // An answer for another query is dropped.
    let stale = ArticleQuery {
        scope: q("tag:none"),
        filter: Query::default(),
    };
    update(
        &mut s,
        Action::Worker(WorkerEvent::TopEntities {
            query: stale,
            entities: fixtures::top_entities(),
        }),
    );
    assert!(s.people.entries().is_none());
    let query = s.list.query.clone();
    update(
        &mut s,
        Action::Worker(WorkerEvent::TopEntities {
            query,
            entities: fixtures::top_entities(),
        }),
    );
    let entries = s.people.entries().unwrap();
    assert_eq!(entries[0].name, "Volodymyr Zelensky");
    assert_eq!(entries[2].name, "Kyiv");
    assert_eq!(entries[2].articles, Some(12));
    // A new filter asks again, for the new query.
    act(&mut s, Act::Filter);
    let effects = typed(&mut s, "kyiv");
    let reasked = effects.iter().rev().find_map(|e| match e {
        Effect::Worker(Command::LoadTopEntities { query, .. }) => Some(query.clone()),
        _ => None,
    });
    assert_eq!(reasked.map(|q| q.filter), Some(q("kyiv")));
    update(&mut s, Action::Filter(FilterAct::Submit));
    // Fresh extraction refreshes the counts at the next tick, not at once.
    let now = s.now;
    let at_once = update(
        &mut s,
        Action::Worker(WorkerEvent::EntitiesReady(vec![ArticleId(1)])),
    );
    assert!(
        !at_once
            .iter()
            .any(|e| matches!(e, Effect::Worker(Command::LoadTopEntities { .. })))
    );
    let tick = update(&mut s, Action::Tick(now));
    assert!(
        tick.iter()
            .any(|e| matches!(e, Effect::Worker(Command::LoadTopEntities { .. })))
    );
    // `w` again: off, and the keys go back to the list.
    act(&mut s, Act::WhoWhere);
    assert!(s.people.who.is_none());
    assert_eq!(s.focus, Focus::Articles);
    let tick = update(&mut s, Action::Tick(now));
    assert!(
        !tick
            .iter()
            .any(|e| matches!(e, Effect::Worker(Command::LoadTopEntities { .. })))
    );
}

#[test]
fn a_new_list_shows_its_rows_before_its_total_arrives() {
    let mut s = fixtures::state(80, 10);
    s.start(false);
    let request = s.list.request;
    assert_eq!(
        s.list.count_request, request,
        "the first list asks for its total"
    );
    let page: Vec<_> = (0..PAGE as i64)
        .map(|i| fixtures::summary(100 + i, 1, &format!("story {i}"), i, false))
        .collect();
    window_arrives(&mut s, request, 0, None, page);
    // Rows shown at once; the total is what is known until the count follows.
    assert_eq!(s.list.total, PAGE);
    // A stale total (an older request) is ignored, the right one kept.
    total_arrives(&mut s, request - 1, 7);
    assert_eq!(s.list.total, PAGE);
    total_arrives(&mut s, request, 100_000);
    assert_eq!(s.list.total, 100_000);
}

#[test]
fn opening_marks_read_before_loading_so_the_pane_says_read() {
    // Regression: the pane showed "[unread]" for an article that opening had just marked
    // read, because the worker loaded it before storing the mark.
    let mut s = loaded();
    let effects = act(&mut s, Act::Open);
    let position = |wanted: &Command| {
        effects
            .iter()
            .position(|e| e == &Effect::Worker(wanted.clone()))
            .unwrap()
    };
    assert!(
        position(&Command::SetRead(vec![ArticleId(10)], true))
            < position(&Command::LoadArticle(ArticleId(10)))
    );
}

/// The `near` of the last `LoadArticles`.
/// The worker's answer to a window request: `articles` from `offset`, with the total if counted.
fn window_arrives(
    s: &mut State,
    request: RequestId,
    offset: u32,
    total: Option<u64>,
    articles: Vec<ArticleSummary>,
) -> Vec<Effect> {
    update(
        s,
        Action::Worker(WorkerEvent::Articles {
            request,
            offset,
            total,
            articles,
        }),
    )
}

/// The worker's count of a list's articles, sent after its first window.
fn total_arrives(s: &mut State, request: RequestId, total: u64) -> Vec<Effect> {
    update(
        s,
        Action::Worker(WorkerEvent::ArticleTotal { request, total }),
    )
}

fn last_near(effects: &[Effect]) -> Option<Near> {
    effects.iter().rev().find_map(|e| match e {
        Effect::Worker(Command::LoadArticles { near, .. }) => Some(near.clone()),
        _ => None,
    })
}

/// Regression guard for jumps on a long list: a page of the same list tells the store what
/// is held (so `G` reads backwards from the counted end, `PageUp` from a held row), and a
/// new or reloaded list claims nothing, not even its old total.
#[test]
fn page_requests_carry_what_is_held_of_the_list() {
    let total = 100_000;
    let mut s = fixtures::state(80, 24);
    let effects = s.start(false);
    assert_eq!(last_near(&effects), Some(Near::default()));
    let (request, ..) = last_load(&effects).unwrap();
    // The rows come before their total: until it is counted, the list is what was seen.
    window_arrives(&mut s, request, 0, None, rows(0, PAGE));
    assert!(!s.list.total_counted);
    assert!(last_near(&act(&mut s, Act::Bottom)).is_none());
    act(&mut s, Act::Top);
    total_arrives(&mut s, request, total as u64);
    let effects = act(&mut s, Act::Bottom);
    let (request, _, window, count) = last_load(&effects).unwrap();
    assert!(!count);
    assert_eq!(window.offset as usize, total - PAGE);
    let near = last_near(&effects).unwrap();
    assert_eq!(near.total, Some(total as u64));
    assert_eq!(near.rows.len(), 2);
    window_arrives(
        &mut s,
        request,
        window.offset,
        None,
        rows(total - PAGE, PAGE),
    );
    // PageUp far enough: the held rows are the end window's first and last.
    let mut near = None;
    for _ in 0..40 {
        if let Some(n) = last_near(&act(&mut s, Act::PageUp)) {
            near = Some(n);
            break;
        }
    }
    let near = near.expect("a window above");
    assert_eq!(near.total, Some(total as u64));
    let first = (total - PAGE) as u64;
    assert_eq!(near.rows[0].0, first);
    assert_eq!(near.rows[0].1.id, rows(total - PAGE, 1)[0].id);
    assert_eq!(near.rows[1].0, total as u64 - 1);
    // A new list (a filter) starts from nothing.
    act(&mut s, Act::Filter);
    let effects = typed(&mut s, "x");
    assert_eq!(last_near(&effects), Some(Near::default()));
    assert!(!s.list.total_counted);
}

#[test]
fn the_feeds_pane_leaves_out_the_shared_start_but_the_scope_names_the_feed() {
    let mut s = fixtures::state(80, 24);
    s.start(false);
    let desks = vec![
        fixtures::feed(1, "Dateline Demo: World Desk", &[], 3, None),
        fixtures::feed(2, "Dateline Demo: Europe", &[], 2, None),
    ];
    update(&mut s, Action::Worker(WorkerEvent::Feeds(desks)));
    let labels: Vec<&str> = s.feeds.rows.iter().map(|r| r.label.as_str()).collect();
    assert_eq!(labels, ["All articles", "World Desk", "Europe"]);
    assert_eq!(s.feeds.prefix, "Dateline Demo: ");
    // "All articles 5" is the widest row: 14 columns and the borders.
    assert_eq!(s.feeds.want, 16);
    s.focus = Focus::Feeds;
    act(&mut s, Act::Down);
    act(&mut s, Act::Open);
    assert_eq!(
        s.list.scope_label.as_deref(),
        Some("Dateline Demo: World Desk")
    );
}

/// Regression guard: `G` pressed while the list's total is still being counted (at start,
/// or just after a new filter) lands on the last row once the count arrives, not on the
/// last row seen so far; any other key in between cancels it.
#[test]
fn bottom_before_the_count_goes_on_to_the_end() {
    let total = 100_000;
    let mut s = fixtures::state(80, 24);
    let (request, ..) = last_load(&s.start(false)).unwrap();
    window_arrives(&mut s, request, 0, None, rows(0, PAGE));
    act(&mut s, Act::Bottom);
    assert_eq!(s.list.sel, PAGE - 1, "the last row known so far");
    let effects = total_arrives(&mut s, request, total as u64);
    assert_eq!(s.list.sel, total - 1);
    let (_, _, window, count) = last_load(&effects).expect("the last window");
    assert_eq!((window.offset as usize, count), (total - PAGE, false));
    assert_eq!(last_near(&effects).unwrap().total, Some(total as u64));
    // Another key between G and the count: the count moves nothing.
    act(&mut s, Act::Filter);
    let (request, ..) = last_load(&typed(&mut s, "x")).unwrap();
    update(&mut s, Action::Filter(FilterAct::Submit));
    window_arrives(&mut s, request, 0, None, rows(0, PAGE));
    act(&mut s, Act::Bottom);
    act(&mut s, Act::Up);
    total_arrives(&mut s, request, total as u64);
    assert_eq!(s.list.sel, PAGE - 2);
}
