//! `dateline entity NAME`: one person, place or organisation's page, as the reader shows it
//! on Enter: mentions per day, who and what is mentioned with it, its other names and its
//! articles; as text or `--json`.
//!
//! A name is looked up as [`crate::store::Store::find_entities`] does. One that means
//! several entities lists them (with the `--id` that names each) and exits with 2; one the
//! cache does not know is an error (exit 1). Everything printed from the cache passes
//! through [`sanitize_line`] first.

use std::process::ExitCode;

use anyhow::{Result, bail};
use chrono::{DateTime, Duration, Local, NaiveDate, Utc};
use serde::Serialize;

use super::env::Env;
use super::list::ArticleJson;
use super::output::{Out, local_date};
use crate::cli::{EntityArgs, KindArg};
use crate::model::EntityKind;
use crate::sanitize::sanitize_line;
use crate::store::{EntityCount, EntityPage, PageLimits};

/// Prints one entity's page, or the candidates of an ambiguous name.
pub(super) fn run(env: &Env, args: &EntityArgs) -> Result<ExitCode> {
    let store = env.open_store()?;
    let kind = args.kind.map(|k| match k {
        KindArg::Person => EntityKind::Person,
        KindArg::Place => EntityKind::Place,
        KindArg::Org => EntityKind::Org,
    });
    let name = args.name.join(" ");
    let found = match args.id {
        Some(id) => store.entity_by_id(id)?.into_iter().collect(),
        None => store.find_entities(&name, kind)?,
    };
    let mut out = Out::new();
    let entity = match found.as_slice() {
        [one] => one.clone(),
        [] => {
            let what = match (args.id, kind) {
                (Some(id), _) => format!("no entity has the id {id}"),
                (None, Some(k)) => format!("no {} is called {:?}", noun(k), sanitize_line(&name)),
                (None, None) => format!(
                    "no person, place or organisation is called {:?}",
                    sanitize_line(&name)
                ),
            };
            bail!("{what} in the cache (`dateline entities` lists the most mentioned)");
        }
        many => {
            if args.json {
                out.json(&Candidates {
                    candidates: many.iter().map(EntityJson::from).collect(),
                })?;
            }
            eprintln!(
                "dateline: {:?} can mean {} entities; name one with --kind or --id:",
                sanitize_line(&name),
                many.len()
            );
            for e in many {
                eprintln!(
                    "  --id {:<7} {:<6}  {}  ({} in {})",
                    e.id,
                    e.kind.as_str(),
                    label(e),
                    counted(e.mentions, "mention"),
                    counted(e.articles, "article")
                );
            }
            return Ok(ExitCode::from(2));
        }
    };
    let now = Local::now().fixed_offset();
    let limits = PageLimits {
        days: args.days,
        articles: args.limit,
        ..PageLimits::default()
    };
    let Some(page) = store.entity_page(entity.id, now, limits)? else {
        bail!("the entity went from the cache while it was read: try again");
    };
    if args.json {
        out.json(&PageJson::from(&page))?;
    } else {
        print_page(&mut out, &page)?;
    }
    Ok(ExitCode::SUCCESS)
}

/// The page as text: a header, its names, the days, the co-mentions, the articles.
fn print_page(out: &mut Out, page: &EntityPage) -> Result<()> {
    let e = &page.entity;
    let mut head = format!("{}  ({})", label(e), noun(e.kind));
    if let (Some(lat), Some(lon)) = (e.lat, e.lon) {
        head.push_str(&format!("  {lat:.2}, {lon:.2}"));
    }
    out.line(&head)?;
    let seen = match (page.first_seen, page.last_seen) {
        (Some(a), Some(b)) => format!(", {} to {}", day(a), day(b)),
        _ => String::new(),
    };
    out.line(&format!(
        "{} in {}{seen}",
        counted(e.mentions, "mention"),
        counted(e.articles, "article")
    ))?;
    if !page.aliases.is_empty() {
        let names: Vec<String> = page.aliases.iter().map(|a| sanitize_line(a)).collect();
        out.line(&format!("Also called: {}", names.join(", ")))?;
    }
    let last = page.first_day + Duration::days(page.per_day.len() as i64 - 1);
    let peak = page.per_day.iter().max().copied().unwrap_or(0);
    out.line("")?;
    out.line(&format!(
        "Mentions per day, {} to {} (most in a day: {peak}):",
        page.first_day, last
    ))?;
    out.line(&format!("  {}", sparkline(&page.per_day)))?;
    for (kind, title) in [
        (EntityKind::Person, "People"),
        (EntityKind::Place, "Places"),
        (EntityKind::Org, "Organisations"),
    ] {
        let with: Vec<String> = page
            .related
            .iter()
            .filter(|r| r.kind == kind)
            .map(|r| format!("{} ({})", label(r), r.articles))
            .collect();
        if !with.is_empty() {
            out.line(&format!("{title} with it: {}", with.join(", ")))?;
        }
    }
    if !page.related.is_empty() && page.related_scanned < e.articles {
        out.line(&format!(
            "(counted in its newest {} articles)",
            page.related_scanned
        ))?;
    }
    out.line("")?;
    out.line(&format!(
        "Articles, newest first ({} of {}):",
        page.articles.len(),
        e.articles
    ))?;
    for a in &page.articles {
        out.line(&format!(
            "{:>7} {}  {:<24.24}  {}",
            a.id.0,
            local_date(a.published),
            sanitize_line(&a.feed_title),
            sanitize_line(&a.title)
        ))?;
    }
    Ok(())
}

/// Counts as a line of block characters, one a day, scaled to the largest.
fn sparkline(counts: &[u32]) -> String {
    const BARS: [char; 8] = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];
    let peak = counts.iter().max().copied().unwrap_or(0);
    counts
        .iter()
        .map(|&n| match n {
            0 => ' ',
            n => {
                let i = (u64::from(n) * 8).div_ceil(u64::from(peak.max(1)));
                BARS[usize::try_from(i.saturating_sub(1)).unwrap_or(7).min(7)]
            }
        })
        .collect()
}

/// The entity's name, sanitised, with a place's country.
fn label(e: &EntityCount) -> String {
    match &e.country {
        Some(c) => format!("{} ({})", sanitize_line(&e.name), sanitize_line(c)),
        None => sanitize_line(&e.name),
    }
}

fn noun(kind: EntityKind) -> &'static str {
    match kind {
        EntityKind::Person => "person",
        EntityKind::Place => "place",
        EntityKind::Org => "organisation",
    }
}

fn day(t: DateTime<Utc>) -> String {
    t.with_timezone(&Local).format("%Y-%m-%d").to_string()
}

fn counted(n: u32, noun: &str) -> String {
    if n == 1 {
        format!("1 {noun}")
    } else {
        format!("{n} {noun}s")
    }
}

/// An entity in `dateline entity --json`.
#[derive(Serialize)]
struct EntityJson<'a> {
    id: i64,
    kind: &'static str,
    name: &'a str,
    country: Option<&'a str>,
    lat: Option<f64>,
    lon: Option<f64>,
    /// Mentions (on the page's entity: all of them; on a related one: in shared articles).
    mentions: u32,
    /// Articles (on a related one: shared articles).
    articles: u32,
}

impl<'a> From<&'a EntityCount> for EntityJson<'a> {
    fn from(e: &'a EntityCount) -> Self {
        EntityJson {
            id: e.id,
            kind: e.kind.as_str(),
            name: &e.name,
            country: e.country.as_deref(),
            lat: e.lat,
            lon: e.lon,
            mentions: e.mentions,
            articles: e.articles,
        }
    }
}

/// An ambiguous name's `--json`.
#[derive(Serialize)]
struct Candidates<'a> {
    candidates: Vec<EntityJson<'a>>,
}

/// One day of the series.
#[derive(Serialize)]
struct DayJson {
    date: NaiveDate,
    mentions: u32,
}

/// `dateline entity --json`. Stable: documented in the README.
#[derive(Serialize)]
struct PageJson<'a> {
    entity: EntityJson<'a>,
    aliases: &'a [String],
    first_seen: Option<DateTime<Utc>>,
    last_seen: Option<DateTime<Utc>>,
    days: Vec<DayJson>,
    related: Vec<EntityJson<'a>>,
    related_scanned: u32,
    articles: Vec<ArticleJson<'a>>,
}

impl<'a> From<&'a EntityPage> for PageJson<'a> {
    fn from(p: &'a EntityPage) -> Self {
        PageJson {
            entity: EntityJson::from(&p.entity),
            aliases: &p.aliases,
            first_seen: p.first_seen,
            last_seen: p.last_seen,
            days: p
                .per_day
                .iter()
                .enumerate()
                .map(|(i, &mentions)| DayJson {
                    date: p.first_day + Duration::days(i as i64),
                    mentions,
                })
                .collect(),
            related: p.related.iter().map(EntityJson::from).collect(),
            related_scanned: p.related_scanned,
            articles: p.articles.iter().map(ArticleJson::from).collect(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_sparkline_scales_to_the_busiest_day_and_leaves_empty_days_blank() {
        assert_eq!(sparkline(&[0, 1, 2, 4, 8]), " ▁▂▄█");
        assert_eq!(sparkline(&[0, 0]), "  ");
        assert_eq!(sparkline(&[3]), "█");
    }
}
