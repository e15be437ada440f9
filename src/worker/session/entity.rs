//! The session's entity reads across articles: the "who and where" view's top entities and
//! one entity's page (Enter on a person, place or organisation). Store reads only, answered
//! as events in the session's own types, so the interface never names the store.

use chrono::{DateTime, FixedOffset, NaiveDate, Utc};

use super::{ArticleQuery, WHO_NEWEST, WorkerEvent};
use crate::model::{ArticleSummary, EntityKind};
use crate::store::{EntityCount, PageLimits, Store, StoreError};

/// One entity across many articles: the "who and where" view's rows, an entity page's
/// entity and the entities mentioned with it.
#[derive(Debug, Clone, PartialEq)]
pub struct TopEntity {
    /// The entity's row id in the cache.
    pub id: i64,
    pub kind: EntityKind,
    pub name: String,
    pub coords: Option<(f64, f64)>,
    /// ISO country code of a geocoded place (tells `Paris` from `Paris`).
    pub country: Option<String>,
    /// Mentions counted across the articles (on a page's co-mentions: the shared ones).
    pub mentions: u32,
    /// Articles that mention it (on a page's co-mentions: those shared with the entity).
    pub articles: u32,
}

impl From<EntityCount> for TopEntity {
    fn from(e: EntityCount) -> TopEntity {
        TopEntity {
            id: e.id,
            kind: e.kind,
            name: e.name,
            coords: e.lat.zip(e.lon),
            country: e.country,
            mentions: e.mentions,
            articles: e.articles,
        }
    }
}

/// One entity's page: see [`crate::store::Store::entity_page`] for what each part counts.
#[derive(Debug, Clone, PartialEq)]
pub struct EntityPage {
    /// The entity, its mentions and articles counted over the whole cache.
    pub entity: TopEntity,
    /// Its other names (surface forms, merged names, linked acronyms).
    pub aliases: Vec<String>,
    pub first_seen: Option<DateTime<Utc>>,
    pub last_seen: Option<DateTime<Utc>>,
    /// The first day of `per_day`, in the zone of the `now` asked with.
    pub first_day: NaiveDate,
    /// Mentions per day, oldest first, ending on the day asked for.
    pub per_day: Vec<u32>,
    /// Entities mentioned with it: people, then places, then organisations, each kind
    /// most shared first.
    pub related: Vec<TopEntity>,
    /// How many of its newest articles `related` was counted in.
    pub related_scanned: u32,
    /// Its articles, newest first (at most [`PAGE_LIMITS`]`.articles`).
    pub articles: Vec<ArticleSummary>,
}

/// How much of a page the reader asks for: half a year of days (the sparkline shows as many
/// of the last ones as fit), eight co-mentions of each kind from the newest thousand
/// articles, two hundred articles.
pub const PAGE_LIMITS: PageLimits = PageLimits {
    days: 180,
    related: 8,
    scan: 1_000,
    articles: 200,
};

/// [`super::Command::LoadTopEntities`]: the `limit` most-mentioned entities of a list.
pub(super) fn top_entities(
    s: &Store,
    query: ArticleQuery,
    now: DateTime<FixedOffset>,
    limit: u32,
) -> Result<Vec<WorkerEvent>, StoreError> {
    let combined = query.combined();
    let top = s.top_entities_within(None, Some((&combined, now)), limit, Some(WHO_NEWEST))?;
    let entities = top.entities.into_iter().map(TopEntity::from).collect();
    Ok(vec![WorkerEvent::TopEntities {
        query,
        entities,
        newest: top.newest,
    }])
}

/// [`super::Command::LoadEntityPage`]: entity `id`'s page, `None` when it is gone.
pub(super) fn entity_page(
    s: &Store,
    id: i64,
    now: DateTime<FixedOffset>,
) -> Result<Vec<WorkerEvent>, StoreError> {
    let page = s.entity_page(id, now, PAGE_LIMITS)?.map(|p| {
        Box::new(EntityPage {
            entity: p.entity.into(),
            aliases: p.aliases,
            first_seen: p.first_seen,
            last_seen: p.last_seen,
            first_day: p.first_day,
            per_day: p.per_day,
            related: p.related.into_iter().map(TopEntity::from).collect(),
            related_scanned: p.related_scanned,
            articles: p.articles,
        })
    });
    Ok(vec![WorkerEvent::EntityPage { entity: id, page }])
}
