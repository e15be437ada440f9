//! The filter line through `update`: the list follows each key press, errors, history.

use super::*;

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
