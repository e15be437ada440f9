//! Issue 11, bug 4, the reader's half: `A` asks before marking more than a screenful, the
//! message gives the store's count, and `u` undoes the last mark-all.

use super::*;
use crate::ui::keymap::ConfirmAct;

/// A list of `total` unread articles, the first [`PAGE`] of them loaded.
fn long_list(total: usize) -> State {
    let mut s = fixtures::state(80, 24);
    let effects = s.start(false);
    let (request, ..) = last_load(&effects).unwrap();
    let rows = (0..PAGE.min(total))
        .map(|i| fixtures::summary(1000 + i as i64, 1, &format!("story {i}"), i as i64, false))
        .collect();
    window_arrives(&mut s, request, 0, Some(total as u64), rows);
    s
}

fn marks_all(effects: &[Effect]) -> bool {
    effects
        .iter()
        .any(|e| matches!(e, Effect::Worker(Command::MarkAllRead { .. })))
}

#[test]
fn a_screenful_or_less_is_marked_without_asking() {
    let mut s = loaded();
    let effects = act(&mut s, Act::MarkAllRead);
    assert!(marks_all(&effects));
    assert_eq!(s.mode, Mode::Normal);
    assert!(s.list.articles.iter().all(|a| a.read));
}

/// `A` on a list loaded in part: the store counts the list's unread articles, and the
/// question comes with its answer.
fn ask_with_count(s: &mut State, unread: u64) {
    let effects = act(s, Act::MarkAllRead);
    assert!(!marks_all(&effects), "nothing is marked before the answer");
    let query = effects
        .iter()
        .find_map(|e| match e {
            Effect::Worker(Command::CountListUnread { query, .. }) => Some(query.clone()),
            _ => None,
        })
        .expect("the store is asked how many are unread");
    assert_eq!(query, s.list.query);
    update(s, Action::Worker(WorkerEvent::ListUnread { query, unread }));
}

#[test]
fn more_than_a_screenful_asks_first_and_no_leaves_it() {
    let mut s = long_list(1_149);
    ask_with_count(&mut s, 1_149);
    assert_eq!(s.mode, Mode::Confirm);
    assert!(s.list.articles.iter().all(|a| !a.read));
    let prompt = s.prompt.clone().unwrap();
    assert!(prompt.contains("1149"), "{prompt}");
    // Other keys are swallowed by the question.
    assert!(act(&mut s, Act::RefreshAll).is_empty());
    let effects = update(&mut s, Action::Confirm(ConfirmAct::No));
    assert!(!marks_all(&effects));
    assert_eq!(s.mode, Mode::Normal);
    assert!(s.prompt.is_none());
    assert!(s.list.articles.iter().all(|a| !a.read));
    assert_eq!(s.message.as_deref(), Some("nothing marked"));
}

/// Regression: on a list of 2,028 articles, 1,326 of them unread, `A` asked "mark every
/// unread article of these 2028 read?". The question gives the unread articles that will
/// change, as the store counts them.
#[test]
fn the_question_gives_the_unread_count_not_the_list_total() {
    let mut s = long_list(2_028);
    ask_with_count(&mut s, 1_326);
    assert_eq!(s.mode, Mode::Confirm);
    assert_eq!(s.prompt.as_deref(), Some("mark 1326 unread articles read?"));
    assert!(!s.prompt.clone().unwrap().contains("2028"));
}

/// A list loaded in whole counts its own unread rows; a count of a list left since is
/// dropped; a few unread are marked without asking.
#[test]
fn a_loaded_list_counts_its_rows_and_stale_counts_are_dropped() {
    let mut s = long_list(PAGE);
    for a in s.list.articles.iter_mut().skip(30) {
        a.read = true;
    }
    let effects = act(&mut s, Act::MarkAllRead);
    assert!(
        !effects
            .iter()
            .any(|e| matches!(e, Effect::Worker(Command::CountListUnread { .. })))
    );
    assert_eq!(s.prompt.as_deref(), Some("mark 30 unread articles read?"));
    update(&mut s, Action::Confirm(ConfirmAct::No));

    let mut s = long_list(2_028);
    let mut other = s.list.query.clone();
    other.filter = q("is:starred");
    let effects = update(
        &mut s,
        Action::Worker(WorkerEvent::ListUnread {
            query: other,
            unread: 900,
        }),
    );
    assert!(effects.is_empty() && s.mode == Mode::Normal && s.prompt.is_none());
    ask_with_count(&mut s, 3);
    assert_eq!(s.mode, Mode::Normal, "3 fit on a screen: no question");
    assert!(s.list.articles.iter().all(|a| a.read));
}

#[test]
fn yes_marks_and_the_message_gives_the_stores_count() {
    let mut s = long_list(1_149);
    ask_with_count(&mut s, 1_149);
    let effects = update(&mut s, Action::Confirm(ConfirmAct::Yes));
    assert!(marks_all(&effects));
    assert_eq!(s.mode, Mode::Normal);
    assert!(s.list.articles.iter().all(|a| a.read));
    // The loaded rows are a window: the count is the store's, not theirs.
    let changed: Vec<ArticleId> = (0..1_149).map(|i| ArticleId(1000 + i)).collect();
    update(
        &mut s,
        Action::Worker(WorkerEvent::MarkedRead {
            changed: changed.clone(),
        }),
    );
    assert_eq!(s.message.as_deref(), Some("marked 1149 articles read"));
    assert_eq!(s.last_marked, changed);
}

#[test]
fn u_marks_unread_again_what_the_last_mark_all_marked() {
    let mut s = loaded();
    assert!(act(&mut s, Act::UndoMarkAll).is_empty());
    assert_eq!(s.message.as_deref(), Some("no mark-all to undo"));
    let unread: Vec<ArticleId> = s
        .list
        .articles
        .iter()
        .filter(|a| !a.read)
        .map(|a| a.id)
        .collect();
    assert!(!unread.is_empty());
    act(&mut s, Act::MarkAllRead);
    update(
        &mut s,
        Action::Worker(WorkerEvent::MarkedRead {
            changed: unread.clone(),
        }),
    );
    let effects = act(&mut s, Act::UndoMarkAll);
    assert!(effects.contains(&Effect::Worker(Command::SetRead(unread.clone(), false))));
    assert!(last_load(&effects).is_some(), "the list is read again");
    for a in &s.list.articles {
        assert_eq!(!a.read, unread.contains(&a.id), "{:?}", a.id);
    }
    assert_eq!(
        s.message.as_deref(),
        Some(format!("marked {} articles unread again", unread.len()).as_str())
    );
    // Once only.
    assert!(act(&mut s, Act::UndoMarkAll).is_empty());
    // A mark-all that changed nothing does not take away the one to undo.
    act(&mut s, Act::MarkAllRead);
    update(
        &mut s,
        Action::Worker(WorkerEvent::MarkedRead {
            changed: unread.clone(),
        }),
    );
    update(
        &mut s,
        Action::Worker(WorkerEvent::MarkedRead {
            changed: Vec::new(),
        }),
    );
    assert_eq!(s.message.as_deref(), Some("marked 0 articles read"));
    assert_eq!(s.last_marked, unread);
}
