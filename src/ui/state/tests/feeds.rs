//! The feeds pane through `update`: folders, scopes, saved views, refreshing a feed.

use super::*;

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
        parse("url:\"https://example.org/1.xml\"").unwrap()
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

/// With a sync server, `R` starts a sync: its steps fill the bar and name themselves on the
/// status line, the outcome stays there, and a failure (server away) says so while the
/// reader goes on with the cache: R works again afterwards.
#[test]
fn a_sync_shows_its_steps_and_outcome_on_the_status_line() {
    use crate::worker::sync::{SyncEvent, SyncStep, SyncSummary};
    let mut s = loaded();
    assert_eq!(
        act(&mut s, Act::RefreshAll),
        vec![Effect::Worker(Command::Refresh(None))]
    );
    let sync = |s: &mut State, e: SyncEvent| update(s, Action::Worker(WorkerEvent::Sync(e)));
    sync(&mut s, SyncEvent::Started);
    assert!(s.progress.running && s.progress.sync);
    assert_eq!(s.progress.total, SyncStep::COUNT);
    sync(&mut s, SyncEvent::Step(SyncStep::Items { pulled: 120 }));
    assert_eq!(s.progress.done, 2);
    assert_eq!(
        s.message.as_deref(),
        Some("sync: pulling new items (120 so far)")
    );
    assert!(act(&mut s, Act::RefreshAll).is_empty(), "one at a time");
    let effects = sync(
        &mut s,
        SyncEvent::Finished(SyncSummary {
            pushed: 3,
            new_articles: 120,
            marked_read: 2,
            local_unread: 40,
            ..SyncSummary::default()
        }),
    );
    assert!(!s.progress.running);
    assert!(effects.contains(&Effect::Worker(Command::LoadFeeds)));
    assert_eq!(
        s.message.as_deref(),
        Some("synced: 120 new articles, 3 marks sent, 2 changes from the server; 40 unread")
    );

    act(&mut s, Act::RefreshAll);
    sync(&mut s, SyncEvent::Started);
    sync(
        &mut s,
        SyncEvent::Failed {
            message: "cannot connect to the sync server: connection refused".into(),
            queued: 1,
        },
    );
    assert!(!s.progress.running);
    assert_eq!(
        s.message.as_deref(),
        Some(
            "sync failed (1 mark kept for the next sync): cannot connect to the sync server: \
             connection refused"
        )
    );
    assert_eq!(
        act(&mut s, Act::RefreshAll),
        vec![Effect::Worker(Command::Refresh(None))]
    );
}
