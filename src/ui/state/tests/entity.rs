//! Entity pages through `update`: Enter opens one (in the article's people pane and in the
//! "who and where" view), its keys, `L` lists the articles instead, reading an article from
//! it and coming back, and `h` going back to exactly where Enter was pressed.

use super::people::reading_people;
use super::*;
use crate::ui::state::entity_page::PageLoad;

/// The page asked for by the last effects: its entity.
fn asked_page(effects: &[Effect]) -> Option<i64> {
    effects.iter().find_map(|e| match e {
        Effect::Worker(Command::LoadEntityPage { entity, .. }) => Some(*entity),
        _ => None,
    })
}

/// Reading the first article, the people pane on Belgrade (its third row).
fn on_belgrade() -> (State, ArticleId) {
    let (mut s, id) = reading_people();
    act(&mut s, Act::People);
    act(&mut s, Act::Down);
    act(&mut s, Act::Down);
    assert_eq!(s.people.selected().unwrap().name, "Belgrade");
    (s, id)
}

fn arrive(s: &mut State, id: i64) {
    update(
        s,
        Action::Worker(WorkerEvent::EntityPage {
            entity: id,
            page: Some(Box::new(fixtures::entity_page(id))),
        }),
    );
}

#[test]
fn enter_opens_the_page_and_h_goes_back_exactly_where_it_was() {
    let (mut s, id) = on_belgrade();
    s.scroll = 2;
    let effects = act(&mut s, Act::Open);
    assert_eq!(asked_page(&effects), Some(3));
    assert!(s.entity_shown());
    assert_eq!(s.entity.as_ref().unwrap().load, PageLoad::Loading);
    // An answer for another entity is dropped; this one's lands.
    arrive(&mut s, 99);
    assert_eq!(s.entity.as_ref().unwrap().load, PageLoad::Loading);
    arrive(&mut s, 3);
    let page = s.entity.as_ref().unwrap().page().unwrap();
    assert_eq!(page.entity.name, "Belgrade");
    // The page's keys move through its articles, never past them.
    act(&mut s, Act::Down);
    act(&mut s, Act::Down);
    assert_eq!(s.entity.as_ref().unwrap().sel, 2);
    act(&mut s, Act::Bottom);
    assert_eq!(s.entity.as_ref().unwrap().sel, 4);
    act(&mut s, Act::Top);
    assert_eq!(s.entity.as_ref().unwrap().sel, 0);
    // Keys that are not the page's say what is.
    let before = s.list.query.clone();
    act(&mut s, Act::Stories);
    assert!(
        s.message.as_deref().unwrap().contains("lists them all"),
        "{:?}",
        s.message
    );
    assert_eq!(s.list.query, before);
    // h: the people pane again, on Belgrade, the article as it was.
    let effects = act(&mut s, Act::Back);
    assert!(s.entity.is_none());
    assert!(effects.is_empty(), "nothing reloads: {effects:?}");
    assert_eq!(s.focus, Focus::People);
    assert_eq!(s.people.selected().unwrap().name, "Belgrade");
    assert_eq!(s.open.id(), Some(id));
    assert_eq!(s.scroll, 2);
}

#[test]
fn an_article_read_from_the_page_comes_back_to_it() {
    let (mut s, id) = on_belgrade();
    act(&mut s, Act::Open);
    arrive(&mut s, 3);
    act(&mut s, Act::Down);
    let other = s.entity.as_ref().unwrap().selected().unwrap().id;
    assert_ne!(other, id);
    let effects = act(&mut s, Act::Open);
    assert!(effects.contains(&Effect::Worker(Command::LoadArticle(other))));
    assert!(!s.entity_shown());
    assert_eq!(s.focus, Focus::Article);
    assert_eq!(s.open.id(), Some(other));
    assert!(s.entity.as_ref().unwrap().selected().unwrap().read);
    // h on that article: the page again, its cursor where it was.
    act(&mut s, Act::Back);
    assert!(s.entity_shown());
    assert_eq!(s.entity.as_ref().unwrap().sel, 1);
    // h on the page: the first article again, with its entities, the pane on Belgrade.
    let effects = act(&mut s, Act::Back);
    assert!(effects.contains(&Effect::Worker(Command::LoadArticle(id))));
    assert!(effects.contains(&Effect::Worker(Command::LoadEntities(id))));
    assert!(
        !effects
            .iter()
            .any(|e| matches!(e, Effect::Worker(Command::SetRead(..)))),
        "going back marks nothing"
    );
    assert_eq!(s.focus, Focus::People);
    update(
        &mut s,
        Action::Worker(WorkerEvent::Entities {
            article: id,
            entities: fixtures::people_entities(),
        }),
    );
    assert_eq!(s.people.selected().unwrap().name, "Belgrade");
    // Read from the page, then another article from the list: the page is left behind.
    act(&mut s, Act::Open);
    arrive(&mut s, 3);
    act(&mut s, Act::Open);
    act(&mut s, Act::NextArticle);
    act(&mut s, Act::Back);
    assert!(!s.entity_shown());
    assert!(s.entity.is_none());
}

#[test]
fn l_lists_the_articles_from_the_pane_and_from_the_page() {
    let (mut s, _) = on_belgrade();
    let effects = act(&mut s, Act::EntityArticles);
    let (_, query) = last_request(&effects).expect("a new list");
    assert_eq!(query.filter, q("place:Belgrade"));
    assert_eq!(s.focus, Focus::Articles);
    // From the page: the same list, the page gone; h then goes back to the list before.
    let (mut s, _) = on_belgrade();
    act(&mut s, Act::Open);
    arrive(&mut s, 3);
    let effects = act(&mut s, Act::EntityArticles);
    let (_, query) = last_request(&effects).expect("a new list");
    assert_eq!(query.filter, q("place:Belgrade"));
    assert!(s.entity.is_none());
    assert_eq!(s.focus, Focus::Articles);
    act(&mut s, Act::Back);
    assert_eq!(s.list.query.filter, Query::default());
    // Nowhere to list from.
    let mut s = loaded();
    act(&mut s, Act::EntityArticles);
    assert!(s.message.as_deref().unwrap().contains("select a person"));
}

#[test]
fn enter_in_who_and_where_opens_the_page_and_h_comes_back_to_it() {
    let mut s = loaded();
    act(&mut s, Act::WhoWhere);
    let query = s.list.query.clone();
    update(
        &mut s,
        Action::Worker(WorkerEvent::TopEntities {
            query,
            entities: fixtures::top_entities(),
            newest: None,
        }),
    );
    assert_eq!(s.focus, Focus::People);
    act(&mut s, Act::Down);
    let sel = s.people.sel;
    let name = s.people.selected().unwrap().name.clone();
    let want = s.people.selected().unwrap().id;
    let effects = act(&mut s, Act::Open);
    assert_eq!(asked_page(&effects), want);
    assert_eq!(s.entity.as_ref().unwrap().name, name);
    // A page the entity left in the meantime says so.
    update(
        &mut s,
        Action::Worker(WorkerEvent::EntityPage {
            entity: want.unwrap(),
            page: None,
        }),
    );
    assert_eq!(s.entity.as_ref().unwrap().load, PageLoad::Gone);
    act(&mut s, Act::Back);
    assert!(s.people.who.is_some());
    assert_eq!((s.focus, s.people.sel), (Focus::People, sel));
    // The mouse wheel moves the page's cursor, not the panes behind it.
    act(&mut s, Act::Open);
    arrive(&mut s, want.unwrap());
    let list_sel = s.list.sel;
    update(
        &mut s,
        Action::Scroll {
            col: 40,
            row: 10,
            down: true,
        },
    );
    assert_eq!(s.entity.as_ref().unwrap().sel, 3);
    assert_eq!(s.list.sel, list_sel);
    // A click on the page changes nothing behind it (there, the feeds pane).
    let focus = s.focus;
    update(&mut s, Action::Click { col: 3, row: 3 });
    assert_eq!(s.focus, focus);
    assert!(s.entity_shown());
}
