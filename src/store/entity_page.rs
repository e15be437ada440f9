//! One entity's page: who or what it is, how often it was mentioned day by day, who and
//! what is mentioned with it, the other names it went by, and its articles, newest first.
//! Also the look-up of an entity by a name a user types (`dateline entity NAME`).
//!
//! Every read is bounded, whatever the size of the cache: the days by [`PageLimits::days`],
//! the co-mentions by the entity's newest [`PageLimits::scan`] articles and
//! [`PageLimits::related`] per kind, the articles by [`PageLimits::articles`]. Each starts
//! from the entity's rows of `mentions_by_entity` (entity, article), reaches articles by
//! their key and other mentions by the mentions' key (article first), so its cost follows
//! how often the entity is mentioned, never the cache's size. Only articles the list would
//! show count: of a configured feed, not hidden by an ignore rule.

use chrono::{DateTime, Duration, FixedOffset, NaiveDate, Utc};
use rusqlite::{OptionalExtension, params};
use serde::Serialize;

use super::entities::EntityCount;
use super::{Store, StoreError, summary_from_row, time_of};
use crate::model::{ArticleSummary, EntityKind};
use crate::query::fold;

/// How much of an entity's page to read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PageLimits {
    /// Days of the mentions-per-day series, ending today.
    pub days: u32,
    /// Co-mentioned entities kept per kind.
    pub related: u32,
    /// The entity's newest articles the co-mentions are counted in.
    pub scan: u32,
    /// Articles listed, newest first.
    pub articles: u32,
}

impl Default for PageLimits {
    fn default() -> PageLimits {
        PageLimits {
            days: 90,
            related: 8,
            scan: 1_000,
            articles: 200,
        }
    }
}

/// One entity's page, as [`Store::entity_page`] reads it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EntityPage {
    /// The entity, with its mentions and articles counted over the whole cache.
    pub entity: EntityCount,
    /// The other names its mentions used (surface forms, merged names, linked acronyms).
    pub aliases: Vec<String>,
    /// Its oldest and newest article's date.
    pub first_seen: Option<DateTime<Utc>>,
    pub last_seen: Option<DateTime<Utc>>,
    /// The first day of [`EntityPage::per_day`] (in the zone of the `now` asked with).
    pub first_day: NaiveDate,
    /// Mentions per day from `first_day` to today, oldest first, by the articles' dates.
    pub per_day: Vec<u32>,
    /// The entities mentioned in the same articles, people then places then organisations,
    /// each kind by shared articles (`articles`), then shared mentions (`mentions`).
    pub related: Vec<EntityCount>,
    /// How many of its newest articles `related` was counted in (all of them, unless it
    /// has more than [`PageLimits::scan`]).
    pub related_scanned: u32,
    /// Its articles, newest first, at most [`PageLimits::articles`].
    pub articles: Vec<ArticleSummary>,
}

/// The mentions and articles of `?1`, from its index rows alone.
const TOTALS: &str = "SELECT count(*), count(DISTINCT article) FROM mentions WHERE entity = ?1";
/// The mentions and articles of `?1` the list does not show (hidden by an ignore rule, or of
/// a feed no longer configured): [`TOTALS`] less these is what the list shows. Reads only
/// those articles (usually few), through their indices.
const TOTALS_UNSHOWN: &str = "SELECT count(*), count(DISTINCT m.article)
    FROM (SELECT id FROM articles WHERE hidden = 1
        UNION SELECT a.id FROM feeds f CROSS JOIN articles a ON a.feed_id = f.id
        WHERE f.active = 0) x
    CROSS JOIN mentions m ON m.article = x.id AND m.entity = ?1";
/// About how many articles the cache holds (ids are never reused, so this is at least it).
const ARTICLES_ABOUT: &str = "SELECT COALESCE(max(id), 0) FROM articles";
/// How many articles were published since `?1` (the days' window).
const IN_WINDOW: &str = "SELECT count(*) FROM articles WHERE published >= ?1";
/// The entity `?1` (its counts filled in from [`TOTALS`]).
const ENTITY: &str = "SELECT id, kind, name, lat, lon, country, 0, 0 FROM entities WHERE id = ?1";

/// The shown articles that mention `?1`, read from the entity's index rows (their number is
/// what a read costs): for an entity in few articles.
macro_rules! by_entity {
    ($cols:literal, $tail:literal) => {
        concat!(
            "SELECT ",
            $cols,
            " FROM mentions m JOIN articles a ON a.id = m.article
                JOIN feeds f ON f.id = a.feed_id
            WHERE m.entity = ?1 AND a.hidden = 0 AND f.active = 1",
            $tail
        )
    };
}
/// The same, read by date through `articles_by_published`, each article asked whether it
/// mentions `?1` through the mentions' key: for an entity in many articles, where the newest
/// few are found after a few times as many articles.
macro_rules! by_date {
    ($cols:literal, $tail:literal) => {
        concat!(
            "SELECT ",
            $cols,
            " FROM articles a INDEXED BY articles_by_published
                CROSS JOIN feeds f ON f.id = a.feed_id
            WHERE f.active = 1 AND a.hidden = 0
                AND EXISTS (SELECT 1 FROM mentions m WHERE m.article = a.id AND m.entity = ?1)",
            $tail
        )
    };
}
/// The newest `?2` articles that mention `?1`.
const ARTICLES: &str = by_entity!(
    "a.id, a.feed_id, COALESCE(f.title_override, f.feed_title, f.url), a.title, a.link,
        a.authors, a.published, a.read, a.starred",
    " GROUP BY a.id ORDER BY a.published DESC, a.id DESC LIMIT ?2"
);
const ARTICLES_BY_DATE: &str = by_date!(
    "a.id, a.feed_id, COALESCE(f.title_override, f.feed_title, f.url), a.title, a.link,
        a.authors, a.published, a.read, a.starred",
    " ORDER BY a.published DESC, a.id DESC LIMIT ?2"
);
/// The date of its oldest shown article.
const FIRST: &str = by_entity!("min(a.published)", "");
const FIRST_BY_DATE: &str = by_date!("a.published", " ORDER BY a.published, a.id LIMIT 1");
/// Mentions of `?1` per local day (`?2`: the zone's offset in seconds) from day `?3` on.
const PER_DAY: &str = by_entity!(
    "(a.published + ?2) / 86400 AS day, count(*)",
    " AND a.published >= ?3 * 86400 - ?2 GROUP BY day"
);
/// The same, read by date over the window's articles (when they are fewer than its mentions).
const PER_DAY_BY_DATE: &str = "SELECT (a.published + ?2) / 86400 AS day, count(*)
    FROM articles a INDEXED BY articles_by_published CROSS JOIN feeds f ON f.id = a.feed_id
        CROSS JOIN mentions m ON m.article = a.id AND m.entity = ?1
    WHERE a.published >= ?3 * 86400 - ?2 AND f.active = 1 AND a.hidden = 0 GROUP BY day";
/// Entities mentioned in the newest `?2` articles of `?1` (`recent`), the first `?3` of each
/// kind by shared articles, then shared mentions, then name.
macro_rules! related {
    ($recent:expr) => {
        concat!(
            "WITH recent AS (",
            $recent,
            "),
            counted AS (
                SELECT o.entity AS id, count(DISTINCT o.article) AS shared, count(*) AS together
                FROM recent r CROSS JOIN mentions o ON o.article = r.id
                WHERE o.entity <> ?1 GROUP BY o.entity),
            ranked AS (
                SELECT e.id, e.kind, e.name, e.lat, e.lon, e.country, c.together, c.shared,
                    row_number() OVER (PARTITION BY e.kind
                        ORDER BY c.shared DESC, c.together DESC, e.name, e.id) AS n
                FROM counted c JOIN entities e ON e.id = c.id)
            SELECT id, kind, name, lat, lon, country, together, shared,
                (SELECT count(*) FROM recent)
            FROM ranked WHERE n <= ?3
            ORDER BY CASE kind WHEN 'person' THEN 0 WHEN 'place' THEN 1 ELSE 2 END, n"
        )
    };
}
const RELATED: &str = related!(by_entity!(
    "a.id",
    " GROUP BY a.id ORDER BY a.published DESC, a.id DESC LIMIT ?2"
));
const RELATED_BY_DATE: &str = related!(by_date!(
    "a.id",
    " ORDER BY a.published DESC, a.id DESC LIMIT ?2"
));
/// Entities whose folded name is `?1` (`?2`: a kind, or '' for any), with their totals.
const BY_NAME: &str = "SELECT e.id, e.kind, e.name, e.lat, e.lon, e.country,
        (SELECT count(*) FROM mentions m WHERE m.entity = e.id),
        (SELECT count(DISTINCT m.article) FROM mentions m WHERE m.entity = e.id)
    FROM entities e
    WHERE e.kind IN ('person', 'place', 'org') AND e.folded = ?1 AND (?2 = '' OR e.kind = ?2)
    ORDER BY 7 DESC, e.id";
/// Entities one of whose aliases folds to `?1` (`?2` as in [`BY_NAME`]).
const BY_ALIAS: &str = "SELECT e.id, e.kind, e.name, e.lat, e.lon, e.country,
        (SELECT count(*) FROM mentions m WHERE m.entity = e.id),
        (SELECT count(DISTINCT m.article) FROM mentions m WHERE m.entity = e.id)
    FROM entity_aliases al JOIN entities e ON e.id = al.entity
    WHERE al.folded = ?1 AND (?2 = '' OR e.kind = ?2)
    ORDER BY 7 DESC, e.id";
/// Entities with a word of their folded name that is `?1` (LIKE-escaped; `?2` as in
/// [`BY_NAME`]): `macron` finds Emmanuel Macron when no mention said the surname alone.
const BY_WORD: &str = "SELECT e.id, e.kind, e.name, e.lat, e.lon, e.country,
        (SELECT count(*) FROM mentions m WHERE m.entity = e.id),
        (SELECT count(DISTINCT m.article) FROM mentions m WHERE m.entity = e.id)
    FROM entities e
    WHERE (?2 = '' OR e.kind = ?2) AND ' ' || e.folded || ' ' LIKE '% ' || ?1 || ' %' ESCAPE '\\'
    ORDER BY 7 DESC, e.id LIMIT 20";
/// The entity `?1` with its totals over every mention.
const BY_ID: &str = "SELECT e.id, e.kind, e.name, e.lat, e.lon, e.country,
        (SELECT count(*) FROM mentions m WHERE m.entity = e.id),
        (SELECT count(DISTINCT m.article) FROM mentions m WHERE m.entity = e.id)
    FROM entities e WHERE e.id = ?1";
const ALIASES_OF: &str = "SELECT alias FROM entity_aliases WHERE entity = ?1 ORDER BY folded";

/// Candidates a name is looked up among, at most.
const CANDIDATES: usize = 20;

impl Store {
    /// The page of entity `id` (`None` when there is no such entity), its days ending on
    /// `now`'s date in `now`'s zone.
    pub fn entity_page(
        &self,
        id: i64,
        now: DateTime<FixedOffset>,
        limits: PageLimits,
    ) -> Result<Option<EntityPage>, StoreError> {
        let result = (|| {
            let entity = self
                .conn
                .prepare_cached(ENTITY)?
                .query_row([id], entity_count)
                .optional()?;
            let Some(mut entity) = entity else {
                return Ok(None);
            };
            let (mentions, articles): (u32, u32) = self
                .conn
                .prepare_cached(TOTALS)?
                .query_row([id], |row| Ok((row.get(0)?, row.get(1)?)))?;
            let (hidden_mentions, hidden_articles): (u32, u32) = self
                .conn
                .prepare_cached(TOTALS_UNSHOWN)?
                .query_row([id], |row| Ok((row.get(0)?, row.get(1)?)))?;
            entity.mentions = mentions.saturating_sub(hidden_mentions);
            entity.articles = articles.saturating_sub(hidden_articles);
            // In many articles (one in twenty or more), its newest are found reading by date;
            // else reading its own rows is cheaper.
            let cache: i64 = self
                .conn
                .prepare_cached(ARTICLES_ABOUT)?
                .query_row([], |row| row.get(0))?;
            let dense = i64::from(entity.articles) * 20 >= cache;
            let offset = i64::from(now.offset().local_minus_utc());
            let days = limits.days.max(1);
            let today = now.date_naive();
            let first_day = today - Duration::days(i64::from(days) - 1);
            let first_number = day_number(first_day);
            let in_window: u32 = self
                .conn
                .prepare_cached(IN_WINDOW)?
                .query_row([first_number * 86_400 - offset], |row| row.get(0))?;
            let mut per_day = vec![0_u32; days as usize];
            let sql = if in_window < entity.mentions {
                PER_DAY_BY_DATE
            } else {
                PER_DAY
            };
            let mut stmt = self.conn.prepare_cached(sql)?;
            let mut rows = stmt.query(params![id, offset, first_number])?;
            while let Some(row) = rows.next()? {
                let day: i64 = row.get(0)?;
                let n: u32 = row.get(1)?;
                if let Some(slot) = usize::try_from(day - first_number)
                    .ok()
                    .and_then(|i| per_day.get_mut(i))
                {
                    *slot = n;
                }
            }
            let mut related_scanned = None;
            let sql = if dense { RELATED_BY_DATE } else { RELATED };
            let mut stmt = self.conn.prepare_cached(sql)?;
            let related = stmt
                .query_map(params![id, limits.scan, limits.related], |row| {
                    related_scanned = Some(row.get::<_, u32>(8)?);
                    entity_count(row)
                })?
                .collect::<Result<Vec<_>, _>>()?;
            // None related: it was alone in every article read.
            let related_scanned = related_scanned.unwrap_or(entity.articles.min(limits.scan));
            let sql = if dense { ARTICLES_BY_DATE } else { ARTICLES };
            let articles = self
                .conn
                .prepare_cached(sql)?
                .query_map(params![id, limits.articles], summary_from_row)?
                .collect::<Result<Vec<_>, _>>()?;
            let sql = if dense { FIRST_BY_DATE } else { FIRST };
            let first_seen = self
                .conn
                .prepare_cached(sql)?
                .query_row([id], |row| row.get::<_, Option<i64>>(0))
                .optional()?
                .flatten()
                .map(time_of);
            let last_seen = articles.first().map(|a| a.published);
            let aliases = self
                .conn
                .prepare_cached(ALIASES_OF)?
                .query_map([id], |row| row.get(0))?
                .collect::<Result<Vec<String>, _>>()?;
            Ok(Some(EntityPage {
                entity,
                aliases,
                first_seen,
                last_seen,
                first_day,
                per_day,
                related,
                related_scanned,
                articles,
            }))
        })();
        self.busy(result)
    }

    /// The entities a typed name can mean, optionally of one kind: those whose name is it
    /// (case and accents ignored), else those that were also called it (an alias: a surname
    /// alone, an acronym the store linked), else those with a name of which it is a whole
    /// word or words; the most mentioned first, at most 20. One row means the name is
    /// unambiguous.
    pub fn find_entities(
        &self,
        name: &str,
        kind: Option<EntityKind>,
    ) -> Result<Vec<EntityCount>, StoreError> {
        let folded = fold(name.trim());
        if folded.is_empty() {
            return Ok(Vec::new());
        }
        let kind = kind.map_or("", EntityKind::as_str);
        let result = (|| {
            let escaped: String = folded
                .chars()
                .flat_map(|c| match c {
                    '%' | '_' | '\\' => vec!['\\', c],
                    c => vec![c],
                })
                .collect();
            for (sql, key) in [(BY_NAME, &folded), (BY_ALIAS, &folded), (BY_WORD, &escaped)] {
                let mut found = self
                    .conn
                    .prepare_cached(sql)?
                    .query_map(params![key, kind], entity_count)?
                    .collect::<Result<Vec<_>, _>>()?;
                if !found.is_empty() {
                    found.truncate(CANDIDATES);
                    return Ok(found);
                }
            }
            Ok(Vec::new())
        })();
        self.busy(result)
    }

    /// Entity `id` with its totals, if there is one.
    pub fn entity_by_id(&self, id: i64) -> Result<Option<EntityCount>, StoreError> {
        let result = (|| {
            Ok(self
                .conn
                .prepare_cached(BY_ID)?
                .query_row([id], entity_count)
                .optional()?)
        })();
        self.busy(result)
    }
}

/// Days since 1970-01-01 (the store's day numbers).
fn day_number(day: NaiveDate) -> i64 {
    (day - DateTime::UNIX_EPOCH.date_naive()).num_days()
}

/// An [`EntityCount`] from columns id, kind, name, lat, lon, country, mentions, articles.
fn entity_count(row: &rusqlite::Row<'_>) -> rusqlite::Result<EntityCount> {
    let kind: String = row.get(1)?;
    let kind = EntityKind::from_name(&kind).ok_or_else(|| {
        rusqlite::Error::FromSqlConversionFailure(
            1,
            rusqlite::types::Type::Text,
            format!("unknown entity kind {kind:?}").into(),
        )
    })?;
    Ok(EntityCount {
        id: row.get(0)?,
        kind,
        name: row.get(2)?,
        lat: row.get(3)?,
        lon: row.get(4)?,
        country: row
            .get::<_, String>(5)
            .map(|c| Some(c).filter(|c| !c.is_empty()))?,
        mentions: row.get(6)?,
        articles: row.get(7)?,
    })
}

#[cfg(test)]
mod tests {
    //! The page's aggregates on a small cache whose every count is known, the limits, the
    //! look-up by name, and the plans (each read starts from the entity's index rows).

    use chrono::{TimeZone, Utc};

    use super::*;
    use crate::model::{ArticleId, FeedSpec, NewArticle, ParsedFeed};
    use crate::query::parse;
    use crate::store::entities::tests::m;
    use crate::store::{FetchRecord, NewMention};

    const NOW: i64 = 1_794_312_000;
    const DAY: i64 = 86_400;

    fn now() -> DateTime<FixedOffset> {
        Utc.timestamp_opt(NOW, 0).single().unwrap().fixed_offset()
    }

    fn item(guid: &str, age_days: i64) -> NewArticle {
        NewArticle {
            guid: guid.into(),
            title: format!("About {guid}"),
            link: None,
            authors: Vec::new(),
            published: Utc.timestamp_opt(NOW - age_days * DAY, 0).single(),
            updated: None,
            summary_html: None,
            content_html: None,
            text: format!("text of {guid}"),
            enclosures: Vec::new(),
            categories: Vec::new(),
        }
    }

    /// Five articles (ages 0, 1, 1, 3 and 40 days) with their mentions; their ids by guid.
    fn fixture() -> (Store, Vec<ArticleId>) {
        let mut store = Store::open_in_memory().unwrap();
        store
            .sync_feeds(&[FeedSpec {
                url: "https://example.org/feed".into(),
                title: None,
                tags: Vec::new(),
            }])
            .unwrap();
        let feed = store.feeds().unwrap()[0].id;
        let doc = ParsedFeed {
            title: Some("Feed".into()),
            site_link: None,
            articles: vec![
                item("a", 0),
                item("b", 1),
                item("c", 1),
                item("d", 3),
                item("e", 40),
            ],
        };
        let record = FetchRecord::Parsed {
            feed: &doc,
            etag: None,
            last_modified: None,
            moved_to: None,
        };
        store.record_fetch(feed, record, now().to_utc()).unwrap();
        let all = store
            .query_articles(&parse("sort:date").unwrap(), now(), None, 0)
            .unwrap();
        // Oldest first: e, d, c/b, a. Map by title.
        let id = |guid: &str| {
            all.iter()
                .find(|a| a.title == format!("About {guid}"))
                .unwrap()
                .id
        };
        let ids: Vec<ArticleId> = ["a", "b", "c", "d", "e"].iter().map(|g| id(g)).collect();
        let (p, pl, o) = (EntityKind::Person, EntityKind::Place, EntityKind::Org);
        let mut oslo = m(pl, "Oslo", "Oslo", 30);
        oslo.coords = Some((59.91, 10.75));
        oslo.country = Some("NO".into());
        let mentions: Vec<(ArticleId, Vec<NewMention>)> = vec![
            (
                ids[0],
                vec![
                    m(p, "Jens Stoltenberg", "Jens Stoltenberg", 0),
                    m(p, "Jens Stoltenberg", "Stoltenberg", 20),
                    oslo.clone(),
                    m(o, "NATO", "NATO", 40),
                ],
            ),
            (
                ids[1],
                vec![
                    m(p, "Jens Stoltenberg", "Mr Stoltenberg", 0),
                    m(p, "Aleksandar Vučić", "Vučić", 20),
                    m(o, "NATO", "NATO", 40),
                    m(o, "NATO", "NATO", 50),
                ],
            ),
            (ids[2], vec![m(o, "NATO", "NATO", 0), oslo]),
            (ids[3], vec![m(p, "Jens Stoltenberg", "Stoltenberg", 0)]),
            (
                ids[4],
                vec![
                    m(p, "Jens Stoltenberg", "Jens Stoltenberg", 0),
                    m(p, "Aleksandar Vučić", "Vučić", 20),
                ],
            ),
        ];
        store
            .write_mentions_batch("v1", &mentions, now().to_utc())
            .unwrap();
        (store, ids)
    }

    fn id_of(store: &Store, name: &str) -> i64 {
        let found = store.find_entities(name, None).unwrap();
        assert_eq!(found.len(), 1, "{name}: {found:?}");
        found[0].id
    }

    fn names(related: &[EntityCount]) -> Vec<(&str, u32, u32)> {
        related
            .iter()
            .map(|e| (e.name.as_str(), e.articles, e.mentions))
            .collect()
    }

    #[test]
    fn the_page_counts_days_co_mentions_aliases_and_articles() {
        let (store, ids) = fixture();
        let jens = id_of(&store, "Jens Stoltenberg");
        let limits = PageLimits {
            days: 7,
            ..PageLimits::default()
        };
        let page = store.entity_page(jens, now(), limits).unwrap().unwrap();
        assert_eq!(page.entity.name, "Jens Stoltenberg");
        assert_eq!((page.entity.mentions, page.entity.articles), (5, 4));
        // Seven days ending today: two today (a), one yesterday (b), one three days ago (d);
        // the article of 40 days ago is outside.
        assert_eq!(page.per_day, [0, 0, 0, 1, 0, 1, 2]);
        assert_eq!(page.first_day, now().date_naive() - Duration::days(6));
        assert_eq!(page.first_seen.unwrap().timestamp(), NOW - 40 * DAY);
        assert_eq!(page.last_seen.unwrap().timestamp(), NOW);
        assert_eq!(page.aliases, ["Mr Stoltenberg", "Stoltenberg"]);
        let listed: Vec<ArticleId> = page.articles.iter().map(|a| a.id).collect();
        assert_eq!(listed, [ids[0], ids[1], ids[3], ids[4]], "newest first");
        // People, then places, then organisations; by shared articles, then mentions.
        assert_eq!(
            names(&page.related),
            [("Aleksandar Vučić", 2, 2), ("Oslo", 1, 1), ("NATO", 2, 3)]
        );
        assert_eq!(page.related[1].country.as_deref(), Some("NO"));
        assert_eq!(page.related[1].lat, Some(59.91));
        assert_eq!(page.related_scanned, 4);

        // A place's page: its co-mentions, and the day the days are counted in.
        let oslo = id_of(&store, "oslo");
        let page = store.entity_page(oslo, now(), limits).unwrap().unwrap();
        assert_eq!(
            names(&page.related),
            [("Jens Stoltenberg", 1, 2), ("NATO", 2, 2)]
        );
        assert_eq!(page.per_day, [0, 0, 0, 0, 0, 1, 1]);
        assert!(page.aliases.is_empty());
        assert!(store.entity_page(9_999, now(), limits).unwrap().is_none());
    }

    #[test]
    fn every_list_of_the_page_is_bounded() {
        let (store, ids) = fixture();
        let jens = id_of(&store, "stoltenberg");
        let limits = PageLimits {
            days: 2,
            related: 1,
            scan: 1,
            articles: 2,
        };
        let page = store.entity_page(jens, now(), limits).unwrap().unwrap();
        assert_eq!(page.per_day, [1, 2]);
        let listed: Vec<ArticleId> = page.articles.iter().map(|a| a.id).collect();
        assert_eq!(listed, [ids[0], ids[1]]);
        // Only the newest article is scanned: Oslo and NATO, no Vučić.
        assert_eq!(names(&page.related), [("Oslo", 1, 1), ("NATO", 1, 1)]);
        assert_eq!(page.related_scanned, 1);
        // Totals stay whole.
        assert_eq!((page.entity.mentions, page.entity.articles), (5, 4));
        // An entity mentioned alone: nothing related, its articles still counted.
        let mut store = store;
        store
            .write_mentions(
                ids[3],
                "v1",
                &[m(EntityKind::Place, "Tromsø", "Tromso", 0)],
                now().to_utc(),
            )
            .unwrap();
        let tromso = id_of(&store, "tromso");
        let page = store
            .entity_page(tromso, now(), PageLimits::default())
            .unwrap()
            .unwrap();
        assert!(page.related.is_empty());
        assert_eq!(page.related_scanned, 1);
        assert_eq!(page.per_day.len(), 90);
        assert_eq!(page.per_day.iter().sum::<u32>(), 1);
    }

    #[test]
    fn names_are_found_by_name_then_by_alias_and_ambiguity_shows() {
        let (mut store, ids) = fixture();
        assert_eq!(store.find_entities("NATO", None).unwrap()[0].mentions, 4);
        assert_eq!(
            store
                .find_entities(" nato ", Some(EntityKind::Org))
                .unwrap()[0]
                .articles,
            3
        );
        assert!(
            store
                .find_entities("NATO", Some(EntityKind::Person))
                .unwrap()
                .is_empty()
        );
        // By alias: the surname alone, accents ignored.
        assert_eq!(
            store.find_entities("vucic", None).unwrap()[0].name,
            "Aleksandar Vučić"
        );
        assert!(store.find_entities("Atlantis", None).unwrap().is_empty());
        // By a whole word of the name, when no name or alias is it.
        assert_eq!(
            store.find_entities("aleksandar", None).unwrap()[0].name,
            "Aleksandar Vučić"
        );
        assert!(store.find_entities("aleks", None).unwrap().is_empty());
        assert!(store.find_entities("%", None).unwrap().is_empty());
        assert!(store.find_entities("  ", None).unwrap().is_empty());
        // Two places called Paris: both, the most mentioned first.
        let paris = |country: &str, start| NewMention {
            country: Some(country.into()),
            ..m(EntityKind::Place, "Paris", "Paris", start)
        };
        store
            .write_mentions(
                ids[4],
                "v1",
                &[paris("US", 0), paris("FR", 10), paris("FR", 20)],
                now().to_utc(),
            )
            .unwrap();
        let found = store.find_entities("paris", None).unwrap();
        let countries: Vec<Option<&str>> = found.iter().map(|e| e.country.as_deref()).collect();
        assert_eq!(countries, [Some("FR"), Some("US")]);
        let by_id = store.entity_by_id(found[1].id).unwrap().unwrap();
        assert_eq!(by_id, found[1]);
        assert!(store.entity_by_id(9_999).unwrap().is_none());
    }

    /// Each of the page's reads starts from the entity's rows of `mentions_by_entity`, or
    /// walks the articles by date through `articles_by_published`, and reaches the rest by
    /// key: no scan of a whole table, whatever the cache's size.
    #[test]
    fn the_page_reads_through_the_indices() {
        let store = Store::open_in_memory().unwrap();
        let by_entity = [TOTALS, PER_DAY, RELATED, ARTICLES, FIRST];
        let by_date = [
            PER_DAY_BY_DATE,
            RELATED_BY_DATE,
            ARTICLES_BY_DATE,
            FIRST_BY_DATE,
        ];
        for (sql, index) in by_entity
            .iter()
            .map(|s| (s, "mentions_by_entity"))
            .chain(by_date.iter().map(|s| (s, "articles_by_published")))
            .chain([
                (&TOTALS_UNSHOWN, "articles_hidden"),
                (&IN_WINDOW, "articles_by_published"),
            ])
        {
            let mut stmt = store
                .conn
                .prepare(&format!("EXPLAIN QUERY PLAN {sql}"))
                .unwrap();
            let mut rows = stmt.raw_query();
            let mut plan: Vec<String> = Vec::new();
            while let Some(row) = rows.next().unwrap() {
                plan.push(row.get(3).unwrap());
            }
            assert!(plan.iter().any(|l| l.contains(index)), "{sql}\n{plan:?}");
            // The tables, by the names the statements give them (the rest are the
            // statements' own small intermediate results).
            let tables = ["m", "a", "e", "o", "mentions", "articles"];
            for step in &plan {
                let scanned = step.strip_prefix("SCAN ").map(|t| t.split(' ').next());
                // Reading by date walks the date index in order, up to its LIMIT.
                let scan = scanned.flatten().is_some_and(|t| tables.contains(&t))
                    && !step.contains("USING INDEX articles_by_published")
                    && !step.contains("INDEX articles_hidden");
                assert!(!scan, "{sql}\nscans a table: {plan:?}");
            }
        }
    }

    /// Reading by date and reading the entity's rows give the same page, whichever entity.
    #[test]
    fn both_ways_of_reading_agree() {
        let (store, ids) = fixture();
        // One article hidden (an ignore rule): in neither way, nor in the counts.
        store
            .conn
            .execute("UPDATE articles SET hidden = 1 WHERE id = ?1", [ids[1].0])
            .unwrap();
        let rows = |sql: &str, p: &[i64]| -> Vec<String> {
            let mut stmt = store.conn.prepare(sql).unwrap();
            let n = stmt.column_count();
            stmt.query_map(rusqlite::params_from_iter(p.iter()), |row| {
                Ok((0..n)
                    .map(|i| format!("{:?}", row.get_ref(i).unwrap()))
                    .collect::<Vec<_>>()
                    .join(","))
            })
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap()
        };
        let day = day_number(now().date_naive()) - 10;
        for name in ["Jens Stoltenberg", "NATO", "Oslo", "Aleksandar Vučić"] {
            let id = id_of(&store, name);
            for (a, b, p) in [
                (ARTICLES, ARTICLES_BY_DATE, &[id, 2] as &[i64]),
                (FIRST, FIRST_BY_DATE, &[id]),
                (PER_DAY, PER_DAY_BY_DATE, &[id, 3_600, day]),
                (RELATED, RELATED_BY_DATE, &[id, 2, 8]),
            ] {
                assert_eq!(rows(a, p), rows(b, p), "{name}: {a}");
            }
        }
        let jens = id_of(&store, "Jens Stoltenberg");
        let page = store
            .entity_page(jens, now(), PageLimits::default())
            .unwrap()
            .unwrap();
        assert_eq!((page.entity.mentions, page.entity.articles), (4, 3));
        assert!(page.articles.iter().all(|a| a.id != ids[1]));
    }
}
