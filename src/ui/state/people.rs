//! What the people-and-places pane lists: who and where an article (or the whole list) is
//! about, as rows ready to draw.
//!
//! Entities arrive from the worker ([`WorkerEvent::Entities`] for the open article,
//! [`WorkerEvent::TopEntities`] for the "who and where" view); this module turns them into
//! the pane's rows (People, Places, Organisations, most-mentioned first) and keeps them as
//! sent, so the body can paint their mentions by offset. Data only: it
//! draws nothing (that is `ui::view::people`), and every name passes through
//! [`sanitize_line`] here, before any widget sees it.
//!
//! [`WorkerEvent::Entities`]: crate::worker::session::WorkerEvent::Entities
//! [`WorkerEvent::TopEntities`]: crate::worker::session::WorkerEvent::TopEntities

use crate::model::{ArticleId, EntityKind};
use crate::query::{Expr, Query, Term};
use crate::sanitize::sanitize_line;
use crate::worker::session::{ArticleEntity, ArticleQuery, TopEntity};

/// The kinds in the order the pane shows them, with their section titles.
pub const SECTIONS: [(EntityKind, &str); 3] = [
    (EntityKind::Person, "People"),
    (EntityKind::Place, "Places"),
    (EntityKind::Org, "Organisations"),
];

/// One row of the pane: an entity with its count.
#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    pub kind: EntityKind,
    /// Sanitised, ready to draw.
    pub name: String,
    /// Mentions (in the article, or across the list).
    pub count: u32,
    /// Articles that mention it (the "who and where" view only; shown as `41 in 12`).
    pub articles: Option<u32>,
    /// `(lat, lon)` of a geocoded place.
    pub coords: Option<(f64, f64)>,
    /// The entity's id, when known (the open article's entities).
    pub id: Option<i64>,
    /// A geocoded place's country code, shown when two rows have the same name.
    pub country: Option<String>,
}

/// The open article's entities.
#[derive(Debug, Clone, PartialEq)]
pub struct ArticleEntities {
    pub article: ArticleId,
    /// Grouped by kind in [`SECTIONS`] order, most-mentioned first inside each.
    pub entries: Vec<Entry>,
    /// As the worker sent them: the body paints their mentions by offset.
    pub raw: Vec<ArticleEntity>,
}

impl ArticleEntities {
    /// The pane's rows for `entities` (as the worker grouped them).
    pub fn new(article: ArticleId, entities: Vec<ArticleEntity>) -> ArticleEntities {
        let entries = sectioned(entities.iter().map(|e| Entry {
            kind: e.kind,
            name: sanitize_line(&e.name),
            count: u32::try_from(e.spans.len()).unwrap_or(u32::MAX),
            articles: None,
            coords: e.coords,
            id: Some(e.id),
            country: None,
        }));
        ArticleEntities {
            article,
            entries,
            raw: entities,
        }
    }
}

/// The "who and where" view: the top entities across the list's query.
#[derive(Debug, Clone, PartialEq)]
pub struct WhoWhere {
    /// The query last asked for.
    pub asked: ArticleQuery,
    /// The last answer (kept while a newer one is on its way); `None` before the first.
    pub entries: Option<Vec<Entry>>,
    /// `Some(n)`: the answer counted the list's newest `n` articles only.
    pub newest: Option<u32>,
}

/// Rows for the "who and where" view.
pub fn top_entries(entities: &[TopEntity]) -> Vec<Entry> {
    sectioned(entities.iter().map(|e| Entry {
        kind: e.kind,
        name: sanitize_line(&e.name),
        count: e.mentions,
        articles: Some(e.articles),
        coords: e.coords,
        id: Some(e.id),
        country: e.country.as_deref().map(sanitize_line),
    }))
}

/// Orders rows by section, most-mentioned first inside each (stable for ties).
fn sectioned(entries: impl Iterator<Item = Entry>) -> Vec<Entry> {
    let mut v: Vec<Entry> = entries.collect();
    let section = |k: EntityKind| SECTIONS.iter().position(|(s, _)| *s == k).unwrap_or(0);
    v.sort_by_key(|e| (section(e.kind), std::cmp::Reverse(e.count)));
    v
}

/// Entities asked for by the "who and where" view.
pub const TOP_ENTITIES: u32 = 60;

/// The people pane's state: the open article's entities, the "who and where" view when it
/// is on (its rows win), and the selected row.
#[derive(Debug, Clone, Default)]
pub struct PeoplePane {
    /// The open article's entities, once loaded.
    pub entities: Option<ArticleEntities>,
    /// The "who and where" view, when on.
    pub who: Option<WhoWhere>,
    /// Selected row (an index into [`PeoplePane::entries`]).
    pub sel: usize,
}

impl PeoplePane {
    /// The pane's rows: the "who and where" view's when it is on, else the open article's;
    /// `None` while loading.
    pub fn entries(&self) -> Option<&[Entry]> {
        match &self.who {
            Some(w) => w.entries.as_deref(),
            None => self.entities.as_ref().map(|e| e.entries.as_slice()),
        }
    }

    /// The selected row.
    pub fn selected(&self) -> Option<&Entry> {
        self.entries().and_then(|e| e.get(self.sel))
    }

    /// Keeps the selection on a row.
    pub fn clamp(&mut self) {
        let n = self.entries().map_or(0, <[Entry]>::len);
        self.sel = self.sel.min(n.saturating_sub(1));
    }

    /// Keeps the selection on a row once the rows are loaded (while they load, it waits).
    pub fn clamp_when_loaded(&mut self) {
        if self.entries().is_some() {
            self.clamp();
        }
    }

    /// Moves the selection by `delta` rows.
    pub fn move_by(&mut self, delta: isize) {
        self.sel = self.sel.saturating_add_signed(delta);
        self.clamp();
    }

    /// Article `id` is being opened: another article's entities go.
    pub fn opening(&mut self, id: ArticleId) {
        if self.entities.as_ref().is_some_and(|e| e.article != id) {
            self.entities = None;
            if self.who.is_none() {
                self.sel = 0;
            }
        }
    }

    /// The open article's entities arrived.
    pub fn receive_entities(&mut self, article: ArticleId, entities: Vec<ArticleEntity>) {
        self.entities = Some(ArticleEntities::new(article, entities));
        if self.who.is_none() {
            self.clamp();
        }
    }

    /// The "who and where" view's rows arrived (kept only for the query last asked).
    pub fn receive_top(
        &mut self,
        query: &ArticleQuery,
        entities: &[TopEntity],
        newest: Option<u32>,
    ) {
        if let Some(w) = &mut self.who
            && w.asked == *query
        {
            w.entries = Some(top_entries(entities));
            w.newest = newest;
            self.clamp();
        }
    }

    /// Turns the "who and where" view on for `query`.
    pub fn who_on(&mut self, query: &ArticleQuery) {
        self.who = Some(WhoWhere {
            asked: query.clone(),
            entries: None,
            newest: None,
        });
        self.sel = 0;
    }

    /// Turns the "who and where" view off; whether it was on.
    pub fn who_off(&mut self) -> bool {
        let was_on = self.who.take().is_some();
        if was_on {
            self.sel = 0;
        }
        was_on
    }

    /// The view follows the list: `Some(query)` to ask for when the list's query changed.
    pub fn follow(&mut self, query: &ArticleQuery) -> Option<ArticleQuery> {
        let w = self.who.as_mut()?;
        if w.asked == *query {
            return None;
        }
        w.asked = query.clone();
        Some(query.clone())
    }
}

/// The filter that lists the articles mentioning an entity (`person:"Jens Stoltenberg"`),
/// written by the query language itself so any name round-trips.
pub fn entity_filter(kind: EntityKind, name: &str) -> String {
    Query {
        expr: Some(Expr::Term(Term::Entity {
            kind,
            name: name.to_string(),
        })),
        sort: None,
    }
    .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entity(id: i64, kind: EntityKind, name: &str, spans: &[(u32, u32)]) -> ArticleEntity {
        ArticleEntity {
            id,
            kind,
            name: name.into(),
            coords: (kind == EntityKind::Place).then_some((44.8, 20.46)),
            spans: spans.to_vec(),
        }
    }

    fn top(kind: EntityKind, name: &str, mentions: u32) -> TopEntity {
        TopEntity {
            id: i64::from(mentions),
            kind,
            name: name.into(),
            mentions,
            articles: 1,
            coords: None,
            country: None,
        }
    }

    #[test]
    fn entries_are_sectioned_most_mentioned_first_and_sanitised() {
        let e = ArticleEntities::new(
            ArticleId(1),
            vec![
                entity(1, EntityKind::Org, "NATO", &[(0, 4), (9, 13), (20, 24)]),
                entity(2, EntityKind::Place, "Belgrade", &[(30, 38)]),
                entity(3, EntityKind::Person, "Ana\u{1b}[31m Brnabić", &[(40, 52)]),
                entity(4, EntityKind::Person, "Aleksandar Vučić", &[(1, 2), (3, 4)]),
            ],
        );
        let names: Vec<&str> = e.entries.iter().map(|x| x.name.as_str()).collect();
        assert_eq!(names[0], "Aleksandar Vučić");
        assert!(!names[1].contains('\u{1b}'), "{:?}", names[1]);
        assert_eq!(&names[2..], ["Belgrade", "NATO"]);
        assert_eq!(e.entries[3].count, 3);
    }

    #[test]
    fn the_who_view_wins_and_answers_only_its_last_query() {
        let mut p = PeoplePane::default();
        p.receive_entities(
            ArticleId(1),
            vec![
                entity(1, EntityKind::Person, "Ana", &[(0, 3)]),
                entity(2, EntityKind::Org, "NATO", &[(5, 9)]),
            ],
        );
        p.move_by(5);
        assert_eq!(p.selected().unwrap().name, "NATO");
        let asked = ArticleQuery::default();
        p.who_on(&asked);
        assert_eq!(p.entries(), None, "loading");
        let other = ArticleQuery {
            filter: crate::query::parse("tag:x").unwrap(),
            ..ArticleQuery::default()
        };
        p.receive_top(&other, &[top(EntityKind::Place, "Paris", 3)], None);
        assert_eq!(p.entries(), None, "an answer to another query");
        p.receive_top(&asked, &[top(EntityKind::Place, "Paris", 3)], Some(9));
        assert_eq!(p.who.as_ref().and_then(|w| w.newest), Some(9));
        assert_eq!(p.selected().unwrap().name, "Paris");
        assert_eq!(p.follow(&asked), None);
        assert_eq!(p.follow(&other), Some(other.clone()));
        assert!(p.who_off());
        assert!(!p.who_off());
        assert_eq!(p.entries().unwrap().len(), 2, "the article's rows again");
        // Opening another article forgets this one's entities.
        p.opening(ArticleId(1));
        assert!(p.entities.is_some());
        p.opening(ArticleId(2));
        assert_eq!(p.entries(), None);
    }

    #[test]
    fn entity_filters_round_trip_through_the_query_language() {
        assert_eq!(entity_filter(EntityKind::Org, "NATO"), "org:NATO");
        let text = entity_filter(EntityKind::Person, "Jens \"J\" Stoltenberg");
        let q = crate::query::parse(&text).unwrap();
        assert_eq!(q.to_string(), text);
    }
}
