//! `dateline feeds`: the configured feeds with their unread and total counts, last error
//! and permanent redirect, as text or `--json` (a stable format, documented in the README).

use std::process::ExitCode;

use anyhow::Result;
use chrono::{DateTime, Utc};
use serde::Serialize;

use super::env::Env;
use super::output::Out;
use crate::model::Feed;
use crate::sanitize::sanitize_line;

/// Prints the feeds, their counts and their last error.
pub(super) fn run(env: &Env, json: bool) -> Result<ExitCode> {
    let store = env.open_store()?;
    let feeds = store.feeds()?;
    let mut out = Out::new();
    if json {
        let rows: Vec<FeedJson> = feeds.iter().map(FeedJson::from).collect();
        out.json(&rows)?;
    } else {
        for f in &feeds {
            let mark = if f.last_error.is_some() { "!" } else { " " };
            out.line(&format!(
                "{mark}{:>5} unread {:>5} total  {}  [{}]  {}",
                f.unread,
                f.total,
                sanitize_line(&f.title),
                sanitize_line(&f.tags.join(", ")),
                sanitize_line(&f.url)
            ))?;
            if let Some(e) = &f.last_error {
                out.line(&format!("       last error: {}", sanitize_line(e)))?;
            }
            if let Some(to) = &f.moved_to {
                out.line(&format!(
                    "       moved permanently to {}",
                    sanitize_line(to)
                ))?;
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// `dateline feeds --json`: one object per feed. Stable: documented in the README.
#[derive(Serialize)]
struct FeedJson<'a> {
    id: i64,
    url: &'a str,
    title: &'a str,
    tags: &'a [String],
    site_link: Option<&'a str>,
    unread: u32,
    total: u32,
    last_fetch: Option<DateTime<Utc>>,
    last_error: Option<&'a str>,
    moved_to: Option<&'a str>,
}

impl<'a> From<&'a Feed> for FeedJson<'a> {
    fn from(f: &'a Feed) -> Self {
        FeedJson {
            id: f.id.0,
            url: &f.url,
            title: &f.title,
            tags: &f.tags,
            site_link: f.site_link.as_deref(),
            unread: f.unread,
            total: f.total,
            last_fetch: f.last_fetch,
            last_error: f.last_error.as_deref(),
            moved_to: f.moved_to.as_deref(),
        }
    }
}
