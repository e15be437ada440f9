//! The people pane through `update`: entities with the article, the "who and where" view.

use super::*;

/// `loaded()` with the first article open and its entities arrived.
pub(super) fn reading_people() -> (State, ArticleId) {
    let mut s = loaded();
    let effects = act(&mut s, Act::Open);
    let id = s.list.articles[0].id;
    assert!(effects.contains(&Effect::Worker(Command::LoadEntities(id))));
    let a = fixtures::people_article(&s.list.articles[0]);
    update(&mut s, Action::Worker(WorkerEvent::article(a)));
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
    assert!(matches!(&s.open, ArticlePane::Loaded { body, .. } if !body.mentions.is_empty()));
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
fn people_key_focuses_the_pane_and_l_filters_by_the_entity() {
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
    // Scoped to one feed first: L lists every feed's articles.
    s.list.query.scope = q("tag:world");
    s.list.scope_label = Some("world".into());
    let effects = act(&mut s, Act::EntityArticles);
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
    let effects = act(&mut s, Act::EntityArticles);
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
        ..ArticleQuery::default()
    };
    update(
        &mut s,
        Action::Worker(WorkerEvent::TopEntities {
            query: stale,
            entities: fixtures::top_entities(),
            newest: None,
        }),
    );
    assert!(s.people.entries().is_none());
    let query = s.list.query.clone();
    update(
        &mut s,
        Action::Worker(WorkerEvent::TopEntities {
            query,
            entities: fixtures::top_entities(),
            newest: None,
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
