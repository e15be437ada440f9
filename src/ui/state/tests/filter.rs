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
            limit: first_window(s.list_height()) as u32
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
fn slash_starts_empty_and_escape_leaves_the_filter_as_it_was() {
    let mut s = loaded();
    act(&mut s, Act::Filter);
    typed(&mut s, "gene");
    update(&mut s, Action::Filter(FilterAct::Submit));
    assert_eq!(s.filter.text, "gene");
    // Reopening starts empty; the active filter is the newest on Up.
    act(&mut s, Act::Filter);
    assert_eq!(s.filter.input, "");
    update(&mut s, Action::Filter(FilterAct::Older));
    assert_eq!(s.filter.input, "gene");
    typed(&mut s, " (");
    assert_eq!(
        s.list.query.filter,
        parse("gene").unwrap(),
        "the last good query stays"
    );
    typed(&mut s, "x)");
    assert_eq!(s.list.query.filter, q("gene (x)"));
    let effects = update(&mut s, Action::Filter(FilterAct::Cancel));
    assert_eq!(s.mode, Mode::Normal);
    assert!(s.filter.error.is_none());
    assert_eq!(s.filter.text, "gene");
    let (_, query) = last_request(&effects).expect("the list before / again");
    assert_eq!(query.filter, q("gene"));
    // Esc without a change sends nothing.
    act(&mut s, Act::Filter);
    assert!(update(&mut s, Action::Filter(FilterAct::Cancel)).is_empty());
    assert_eq!(s.filter.text, "gene");
    // Enter on an empty line clears the filter.
    act(&mut s, Act::Filter);
    typed(&mut s, "x");
    update(&mut s, Action::Filter(FilterAct::Backspace));
    update(&mut s, Action::Filter(FilterAct::Submit));
    assert_eq!(s.list.query.filter, Query::default());
    assert_eq!(s.message.as_deref(), Some("filter cleared"));
}

#[test]
fn the_line_edits_like_readline() {
    let mut s = loaded();
    act(&mut s, Act::Filter);
    typed(&mut s, "tag:world gene");
    let f = |s: &mut State, a: FilterAct| update(s, Action::Filter(a));
    f(&mut s, FilterAct::WordLeft);
    assert_eq!(s.filter.cursor, 10, "before gene");
    f(&mut s, FilterAct::WordLeft);
    assert_eq!(s.filter.cursor, 4, "before world");
    f(&mut s, FilterAct::WordRight);
    assert_eq!(s.filter.cursor, 9, "after world");
    f(&mut s, FilterAct::Home);
    typed(&mut s, "-");
    assert_eq!(s.filter.input, "-tag:world gene");
    assert_eq!(
        s.list.query.filter,
        q("-tag:world gene"),
        "the list follows"
    );
    f(&mut s, FilterAct::Left);
    f(&mut s, FilterAct::Delete);
    assert_eq!(s.filter.input, "tag:world gene");
    f(&mut s, FilterAct::End);
    f(&mut s, FilterAct::KillWord);
    assert_eq!(s.filter.input, "tag:world ");
    assert_eq!(s.list.query.filter, q("tag:world"));
    typed(&mut s, "vuc");
    f(&mut s, FilterAct::Left);
    f(&mut s, FilterAct::Left);
    f(&mut s, FilterAct::Right);
    f(&mut s, FilterAct::Backspace);
    assert_eq!(s.filter.input, "tag:world vc");
    f(&mut s, FilterAct::KillStart);
    assert_eq!(s.filter.input, "c");
    typed(&mut s, "x");
    f(&mut s, FilterAct::KillEnd);
    assert_eq!(s.filter.input, "x");
    f(&mut s, FilterAct::Backspace);
    typed(&mut s, "c");
    f(&mut s, FilterAct::Home);
    assert_eq!(s.filter.cursor, 0);
    f(&mut s, FilterAct::Backspace);
    assert_eq!(s.filter.input, "c", "nothing before the cursor");
    f(&mut s, FilterAct::Delete);
    assert_eq!(s.filter.input, "");
    // Multi-byte characters move and delete whole.
    typed(&mut s, "Vučić");
    f(&mut s, FilterAct::Left);
    f(&mut s, FilterAct::Left);
    f(&mut s, FilterAct::Backspace);
    assert_eq!(s.filter.input, "Vuić");
}

#[test]
fn tab_completes_feeds_and_tags_at_once_and_names_from_the_session() {
    use crate::model::EntityKind;
    let mut s = loaded();
    act(&mut s, Act::Filter);
    let tab = |s: &mut State| update(s, Action::Filter(FilterAct::Complete));
    typed(&mut s, "is:unread feed:eur");
    tab(&mut s);
    assert_eq!(s.filter.input, "is:unread feed:\"Europe Today\" ");
    assert_eq!(s.list.query.filter, q("is:unread feed:\"Europe Today\""));
    // Several: the first goes in, Tab again puts the next in its place.
    typed(&mut s, "tag:");
    tab(&mut s);
    let c = s.filter.completion.clone().expect("candidates");
    assert_eq!(c.candidates, ["europe", "world"]);
    assert!(s.filter.input.ends_with("tag:europe"), "{}", s.filter.input);
    tab(&mut s);
    assert!(s.filter.input.ends_with("tag:world"), "{}", s.filter.input);
    tab(&mut s);
    assert!(s.filter.input.ends_with("tag:europe"), "round again");
    // Names are asked of the session and go in when they arrive.
    typed(&mut s, " person:\"merz");
    let effects = tab(&mut s);
    assert!(effects.contains(&Effect::Worker(Command::CompleteNames {
        kind: EntityKind::Person,
        prefix: "merz".into(),
        limit: super::super::complete::NAMES,
    })));
    update(
        &mut s,
        Action::Worker(WorkerEvent::Names {
            kind: EntityKind::Person,
            prefix: "merz".into(),
            names: vec!["Friedrich Merz".into()],
        }),
    );
    assert!(
        s.filter.input.ends_with(" person:\"Friedrich Merz\" "),
        "{}",
        s.filter.input
    );
    // Names that arrive after the line moved on are dropped.
    typed(&mut s, "org:na");
    tab(&mut s);
    typed(&mut s, "t");
    update(
        &mut s,
        Action::Worker(WorkerEvent::Names {
            kind: EntityKind::Org,
            prefix: "na".into(),
            names: vec!["NATO".into()],
        }),
    );
    assert!(s.filter.input.ends_with("org:nat"));
    // Nothing to complete: a hint.
    typed(&mut s, " gene");
    assert!(tab(&mut s).is_empty());
    assert!(s.message.as_deref().unwrap().contains("Tab completes"));
}

#[test]
fn the_history_is_kept_across_runs_without_control_characters() {
    let mut f = super::super::filter::FilterLine::default();
    f.load_history(vec![
        "tag:world".into(),
        "bad\u{1b}[2J".into(),
        " place:kyiv ".into(),
        "x".repeat(5_000),
    ]);
    assert_eq!(f.history, ["tag:world", "place:kyiv"]);
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
