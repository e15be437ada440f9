//! `dateline stories`: stories across feeds (articles about one event grouped as they were
//! stored), newest first, in the whole cache or among the stories of a query's articles, as
//! text or `--json` (a stable format, documented in the README).

use std::process::ExitCode;

use anyhow::Result;
use chrono::{DateTime, Local, Utc};
use serde::Serialize;

use super::env::Env;
use super::output::{Out, local_date};
use super::parse_query;
use crate::cli::StoriesArgs;
use crate::query::Query;
use crate::sanitize::sanitize_line;
use crate::store::StorySummary;
use crate::worker::stories::Stories;

/// `dateline stories`: the stories a query's articles belong to, newest first.
pub(super) fn run(env: &Env, args: &StoriesArgs) -> Result<ExitCode> {
    let mut store = env.open_store()?;
    // Articles extracted before this version (or since a `reindex`) are grouped now, as the
    // extraction queue would at its next run.
    let stories = Stories::default();
    while stories.catch_up(&mut store)? > 0 {}
    let query = if args.query.is_empty() {
        Query::default()
    } else {
        parse_query(&args.query.join(" "))?
    };
    let listed = store.stories(
        &query,
        Local::now().fixed_offset(),
        args.sources.max(1),
        args.limit,
    )?;
    let mut out = Out::new();
    if args.json {
        let rows: Vec<StoryJson> = listed.iter().map(StoryJson::from).collect();
        out.json(&rows)?;
        return Ok(ExitCode::SUCCESS);
    }
    for s in &listed {
        out.line(&format!(
            "{:>7}  {:>2} sources {:>3} articles  {} .. {}  {}",
            s.id,
            s.sources,
            s.articles,
            local_date(s.first),
            local_date(s.last),
            sanitize_line(&s.headline)
        ))?;
        let names = names_line(s);
        if !names.is_empty() {
            out.line(&format!("{:>7}  {names}", ""))?;
        }
        if out.is_closed() {
            break;
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// "people: A, B; places: C; organisations: D", the kinds that have names.
fn names_line(s: &StorySummary) -> String {
    [
        ("people", &s.people),
        ("places", &s.places),
        ("organisations", &s.organisations),
    ]
    .iter()
    .filter(|(_, names)| !names.is_empty())
    .map(|(label, names)| {
        let names: Vec<String> = names.iter().map(|n| sanitize_line(n)).collect();
        format!("{label}: {}", names.join(", "))
    })
    .collect::<Vec<_>>()
    .join("; ")
}

/// One story of `dateline stories --json`. Stable: documented in the README.
#[derive(Serialize)]
struct StoryJson<'a> {
    id: i64,
    /// The title of its earliest article, and that article's id (for `dateline show`).
    headline: &'a str,
    headline_article: i64,
    sources: u32,
    articles: u32,
    first: DateTime<Utc>,
    last: DateTime<Utc>,
    people: &'a [String],
    places: &'a [String],
    organisations: &'a [String],
}

impl<'a> From<&'a StorySummary> for StoryJson<'a> {
    fn from(s: &'a StorySummary) -> Self {
        StoryJson {
            id: s.id,
            headline: &s.headline,
            headline_article: s.first_article,
            sources: s.sources,
            articles: s.articles,
            first: s.first,
            last: s.last,
            people: &s.people,
            places: &s.places,
            organisations: &s.organisations,
        }
    }
}
