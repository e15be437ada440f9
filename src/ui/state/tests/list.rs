//! The list window through `update`: windows asked for and answered, the selection kept
//! across reloads, the count that arrives after the rows.

use super::*;

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
    // First the rows the screen needs, not a whole window.
    let height = s.list_height();
    let first = first_window(height);
    assert!(first < PAGE, "{first}");
    assert_eq!(
        window,
        Window {
            offset: 0,
            limit: first as u32
        }
    );
    assert!(count);
    window_arrives(&mut s, request, 0, Some(total as u64), rows(0, first));
    assert_eq!(s.list.total, total);
    assert_eq!(s.list.articles.len(), first);
    // Moving inside the first rows asks for nothing until a screen and the margin are left.
    for _ in 0..first - height - MARGIN {
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
    assert!(sel < first, "asked before leaving the window: {sel}");
    assert_eq!(window.offset as usize, sel.saturating_sub(PAGE / 2));
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

/// Row `i` of a list of 1,849 whose newest 700 are read (ids 5000 + row).
fn deep_row(i: usize) -> ArticleSummary {
    fixtures::summary(5000 + i as i64, 1, &format!("story {i}"), i as i64, i < 700)
}

#[test]
fn next_unread_asks_the_store_past_the_loaded_rows() {
    // Regression (issue 11): with the newest 700 articles read and 1,149 unread below them,
    // `g` then `n` said "no more unread articles": only the loaded rows were searched.
    let mut s = fixtures::state(80, 24);
    s.start(false);
    let request = s.list.request;
    let first: Vec<_> = (0..PAGE).map(deep_row).collect();
    window_arrives(&mut s, request, 0, None, first);
    total_arrives(&mut s, request, 1_849);
    act(&mut s, Act::Top);
    let effects = act(&mut s, Act::NextUnread);
    assert_ne!(s.message.as_deref(), Some("no more unread articles"));
    let asked = effects.iter().find_map(|e| match e {
        Effect::Worker(Command::FindUnread {
            query,
            from,
            forward,
            ..
        }) => Some((query.clone(), from.id, *forward)),
        _ => None,
    });
    assert_eq!(asked, Some((s.list.query.clone(), ArticleId(5000), true)));
    // The store finds row 700; the list goes there and loads the rows around it.
    let effects = update(
        &mut s,
        Action::Worker(WorkerEvent::NextUnread {
            from: ArticleId(5000),
            forward: true,
            found: Some((700, deep_row(700))),
        }),
    );
    assert_eq!(s.list.sel, 700);
    let (_, _, window, _) = last_load(&effects).expect("the rows around it");
    assert!(window.offset as usize <= 700 && 700 < (window.offset + window.limit) as usize);
    // An answer for a selection the user has left is dropped.
    act(&mut s, Act::Top);
    update(
        &mut s,
        Action::Worker(WorkerEvent::NextUnread {
            from: ArticleId(4242),
            forward: true,
            found: Some((900, deep_row(900))),
        }),
    );
    assert_eq!(s.list.sel, 0);
    // Nothing further that way: said so.
    update(
        &mut s,
        Action::Worker(WorkerEvent::NextUnread {
            from: ArticleId(5000),
            forward: false,
            found: None,
        }),
    );
    assert_eq!(s.message.as_deref(), Some("no more unread articles"));
}

#[test]
fn next_unread_while_reading_opens_what_the_store_found() {
    let mut s = fixtures::state(80, 24);
    s.start(false);
    let request = s.list.request;
    window_arrives(&mut s, request, 0, None, (0..PAGE).map(deep_row).collect());
    total_arrives(&mut s, request, 1_849);
    act(&mut s, Act::Open);
    let effects = act(&mut s, Act::NextUnread);
    assert!(
        effects
            .iter()
            .any(|e| matches!(e, Effect::Worker(Command::FindUnread { .. })))
    );
    let effects = update(
        &mut s,
        Action::Worker(WorkerEvent::NextUnread {
            from: ArticleId(5000),
            forward: true,
            found: Some((700, deep_row(700))),
        }),
    );
    assert_eq!(s.open, ArticlePane::Loading(ArticleId(5700)));
    assert!(effects.contains(&Effect::Worker(Command::SetRead(
        vec![ArticleId(5700)],
        true
    ))));
    assert!(effects.contains(&Effect::Worker(Command::LoadArticle(ArticleId(5700)))));
    // Within the loaded rows nothing is asked of the store.
    let mut s = loaded();
    let effects = act(&mut s, Act::NextUnread);
    assert!(
        !effects
            .iter()
            .any(|e| matches!(e, Effect::Worker(Command::FindUnread { .. })))
    );
}
