//! `dateline mark-read`: articles by id, every article, or those a query selects, marked
//! read (or `--unread`).

use std::process::ExitCode;

use anyhow::{Result, bail};
use chrono::Local;

use super::env::Env;
use super::{UsageError, parse_query};
use crate::cli::MarkReadArgs;
use crate::model::ArticleId;
use crate::query::Query;

/// Marks the articles read (or unread) and says how many changed on standard error.
pub(super) fn run(env: &Env, args: &MarkReadArgs) -> Result<ExitCode> {
    let mut store = env.open_store()?;
    let read = !args.unread;
    let changed = if let Some(text) = &args.query {
        let q = parse_query(text)?;
        store.mark_query_read(&q, Local::now().fixed_offset(), read)?
    } else if args.all {
        if read {
            store.mark_query_read(&Query::default(), Local::now().fixed_offset(), true)?
        } else {
            bail!(UsageError("--all --unread is not supported".into()));
        }
    } else {
        let ids: Vec<ArticleId> = args.ids.iter().map(|i| ArticleId(*i)).collect();
        for id in &ids {
            store.article(*id)?;
        }
        store.set_read(&ids, read)?
    };
    eprintln!(
        "{changed} article{} marked {}",
        if changed == 1 { "" } else { "s" },
        if read { "read" } else { "unread" }
    );
    Ok(ExitCode::SUCCESS)
}
