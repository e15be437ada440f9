//! `dateline entities`: the most-mentioned people, places and organisations, in the whole
//! cache or in the articles a query selects, as text or `--json`.

use std::process::ExitCode;

use anyhow::Result;
use chrono::Local;
use serde::Serialize;

use super::env::Env;
use super::output::Out;
use super::parse_query;
use crate::cli::{EntitiesArgs, KindArg};
use crate::model::EntityKind;

/// `dateline entities`: the most-mentioned entities, in the cache or a query's articles.
pub(super) fn run(env: &Env, args: &EntitiesArgs) -> Result<ExitCode> {
    let store = env.open_store()?;
    let kind = args.kind.map(|k| match k {
        KindArg::Person => EntityKind::Person,
        KindArg::Place => EntityKind::Place,
        KindArg::Org => EntityKind::Org,
    });
    let query = if args.query.is_empty() {
        None
    } else {
        Some(parse_query(&args.query.join(" "))?)
    };
    let now = Local::now().fixed_offset();
    let top = store.top_entities(kind, query.as_ref().map(|q| (q, now)), args.limit)?;
    let mut rows = Vec::with_capacity(top.len());
    for e in top {
        let aliases = store.entity_aliases(e.id)?;
        rows.push(EntityJson {
            kind: e.kind.as_str(),
            name: e.name,
            aliases,
            mentions: e.mentions,
            articles: e.articles,
            lat: e.lat,
            lon: e.lon,
            country: e.country,
        });
    }
    let mut out = Out::new();
    if args.json {
        out.json(&rows)?;
        return Ok(ExitCode::SUCCESS);
    }
    for e in &rows {
        let mut line = format!(
            "{:>6} {:>5}  {:<6}  {}",
            e.mentions,
            e.articles,
            e.kind,
            crate::sanitize::sanitize_line(&e.name)
        );
        if let Some(c) = &e.country {
            line.push_str(&format!(" ({})", crate::sanitize::sanitize_line(c)));
        }
        if let (Some(lat), Some(lon)) = (e.lat, e.lon) {
            line.push_str(&format!("  {lat:.2}, {lon:.2}"));
        }
        if !e.aliases.is_empty() {
            let aliases: Vec<String> = e
                .aliases
                .iter()
                .map(|a| crate::sanitize::sanitize_line(a))
                .collect();
            line.push_str(&format!("  aka {}", aliases.join(", ")));
        }
        out.line(&line)?;
    }
    Ok(ExitCode::SUCCESS)
}

/// One row of `dateline entities --json`.
#[derive(Serialize)]
struct EntityJson {
    kind: &'static str,
    name: String,
    aliases: Vec<String>,
    mentions: u32,
    articles: u32,
    lat: Option<f64>,
    lon: Option<f64>,
    /// ISO code of a geocoded place's country.
    country: Option<String>,
}
