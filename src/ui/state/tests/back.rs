//! Issue 11, Deliver 4: a way back. Every change of list pushes the list left, its filter
//! and its cursor; `h`/Esc on the list pops them. And the panes that decide where the
//! keyboard is: `w` beside the list leaves it there; `z` and `F` on small screens.

use super::*;

fn answer(s: &mut State, rows: Vec<ArticleSummary>) {
    let request = s.list.request;
    update(s, Action::Worker(WorkerEvent::whole_list(request, rows)));
}

#[test]
fn h_goes_back_through_every_list_left_with_its_filter_and_cursor() {
    let mut s = loaded();
    act(&mut s, Act::Back);
    assert_eq!(
        s.focus,
        Focus::Feeds,
        "nothing to go back to: the feeds pane"
    );
    act(&mut s, Act::Down);
    act(&mut s, Act::Down);
    act(&mut s, Act::Open); // World Desk
    let desk = s.list.query.clone();
    answer(&mut s, summaries());
    act(&mut s, Act::Down);
    act(&mut s, Act::Down);
    let on = s.list.selected().unwrap().id;
    // A filter kept with Enter.
    act(&mut s, Act::Filter);
    typed(&mut s, "gene");
    update(&mut s, Action::Filter(FilterAct::Submit));
    answer(&mut s, summaries()[..1].to_vec());
    assert_eq!(s.back.len(), 2);
    // Back: World Desk without the filter, the cursor on the same article even when the
    // rows come back in another order.
    let effects = act(&mut s, Act::Back);
    let (_, query) = last_request(&effects).expect("the list left");
    assert_eq!(query, desk);
    assert_eq!(s.filter.text, "");
    assert_eq!(s.list.scope_label.as_deref(), Some("World Desk"));
    let mut rows = summaries();
    rows.reverse();
    answer(&mut s, rows);
    assert_eq!(s.list.selected().unwrap().id, on);
    assert!(
        s.message
            .as_deref()
            .unwrap()
            .starts_with("back to World Desk")
    );
    // Back again: all articles, the feeds pane's cursor on its row.
    let effects = act(&mut s, Act::Back);
    assert_eq!(last_request(&effects).unwrap().1, ArticleQuery::default());
    assert_eq!(s.feeds.sel, 0);
    assert_eq!(s.list.scope_label, None);
    assert!(s.back.is_empty());
    act(&mut s, Act::Back);
    assert_eq!(s.focus, Focus::Feeds);
}

#[test]
fn listing_a_persons_articles_can_be_taken_back() {
    // Regression (issue 11): Enter on "Friedrich Merz" replaced a `feed:` filter and
    // nothing brought it back. (Enter now opens the page; `L` lists the articles.)
    let (mut s, _) = super::people::reading_people();
    s.focus = Focus::Articles;
    act(&mut s, Act::Filter);
    typed(&mut s, "feed:desk");
    update(&mut s, Action::Filter(FilterAct::Submit));
    let before = s.list.query.clone();
    act(&mut s, Act::People);
    act(&mut s, Act::Top);
    act(&mut s, Act::EntityArticles);
    assert_eq!(s.list.query.filter, q("person:\"Jens Stoltenberg\""));
    assert_eq!(s.focus, Focus::Articles);
    let effects = act(&mut s, Act::Back);
    assert_eq!(last_request(&effects).unwrap().1, before);
    assert_eq!(s.filter.text, "feed:desk");
}

#[test]
fn a_list_is_kept_once_and_the_stack_is_bounded() {
    let mut s = loaded();
    for i in 0..crate::ui::state::place::DEPTH + 10 {
        act(&mut s, Act::Filter);
        typed(&mut s, &format!("w{i}"));
        update(&mut s, Action::Filter(FilterAct::Submit));
    }
    assert_eq!(s.back.len(), crate::ui::state::place::DEPTH);
    // Esc in the filter line changes nothing: nothing is kept.
    let n = s.back.len();
    act(&mut s, Act::Filter);
    typed(&mut s, "zzz");
    update(&mut s, Action::Filter(FilterAct::Cancel));
    assert_eq!(s.back.len(), n);
}

#[test]
fn who_and_where_beside_the_list_leaves_it_the_keyboard() {
    // Regression (issue 11): with the who-and-where pane open, Enter on the list opened
    // the top entity instead of the article.
    let mut s = loaded();
    update(&mut s, Action::Resize(120, 40));
    act(&mut s, Act::WhoWhere);
    assert!(s.panes().people.is_some() && s.panes().list.is_some());
    assert_eq!(s.focus, Focus::Articles);
    let effects = act(&mut s, Act::Open);
    assert!(effects.contains(&Effect::Worker(Command::LoadArticle(ArticleId(10)))));
    // Where the pane takes the list's place, it takes the keyboard.
    let mut s = loaded();
    act(&mut s, Act::WhoWhere);
    assert_eq!(s.focus, Focus::People);
}

#[test]
fn z_reads_on_the_whole_screen_and_f_hides_the_feeds_pane() {
    let mut s = loaded();
    s.feeds_min_width = 100;
    update(&mut s, Action::Resize(80, 24));
    assert!(s.panes().feeds.is_none(), "hidden below the width");
    assert_eq!(s.panes().list.unwrap().width, 80);
    act(&mut s, Act::FeedsPane);
    assert!(s.panes().feeds.is_some());
    act(&mut s, Act::FeedsPane);
    assert!(s.panes().feeds.is_none());
    // The feeds pane shows while it has the keyboard.
    act(&mut s, Act::Back);
    assert_eq!(s.focus, Focus::Feeds);
    assert!(s.panes().feeds.is_some());
    act(&mut s, Act::Open);
    assert!(s.panes().feeds.is_none());
    // Reading: `z` gives the article the screen; the body is wrapped to it.
    act(&mut s, Act::Open);
    let a = fixtures::article(&s.list.articles[0], "<p>text</p>");
    update(&mut s, Action::Worker(WorkerEvent::article(a)));
    let (rows, width) = s.article_area();
    act(&mut s, Act::Zoom);
    assert_eq!(s.focus, Focus::Article);
    assert!(s.panes().list.is_none());
    let (zrows, zwidth) = s.article_area();
    assert!(
        zrows > rows && zwidth == 78 && zwidth >= width,
        "{zrows} {zwidth}"
    );
    act(&mut s, Act::Zoom);
    assert!(s.panes().list.is_some());
    // What F said holds at any size; without it, a wide screen shows the pane.
    update(&mut s, Action::Resize(160, 48));
    assert!(s.panes().feeds.is_none());
    let mut wide = loaded();
    wide.feeds_min_width = 100;
    update(&mut wide, Action::Resize(160, 48));
    assert!(wide.panes().feeds.is_some());
    act(&mut wide, Act::FeedsPane);
    assert!(wide.panes().feeds.is_none());
}

#[test]
fn newsboats_q_goes_back_a_level_and_quits_only_from_the_feeds_pane() {
    let quits = |effects: &[Effect]| effects.iter().any(|e| matches!(e, Effect::Quit));
    let mut s = loaded();
    act(&mut s, Act::Open);
    assert_eq!(s.focus, Focus::Article);
    // The article: back to the list, as newsboat's q leaves an article.
    let effects = act(&mut s, Act::BackOrQuit);
    assert!(!quits(&effects) && !s.quit);
    assert_eq!(s.focus, Focus::Articles);
    // The list with nothing before it: the feeds pane.
    let effects = act(&mut s, Act::BackOrQuit);
    assert!(!quits(&effects));
    assert_eq!(s.focus, Focus::Feeds);
    // The feeds pane: quit.
    let effects = act(&mut s, Act::BackOrQuit);
    assert!(quits(&effects) && s.quit);
}
