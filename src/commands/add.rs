//! `dateline add` and `dateline remove`: subscribing and unsubscribing without an editor.
//! The work is [`crate::worker::subscribe`]'s (shared with the reader); this file prints.

use std::process::ExitCode;

use anyhow::{Context, Result};

use super::env::{Env, runtime};
use super::output::Out;
use crate::cli::{AddArgs, RemoveArgs};
use crate::config::import::default_settings;
use crate::config::paths::Paths;
use crate::sanitize::sanitize_line;
use crate::worker::subscribe::{self, AddOutcome, AddRequest};

/// Subscribes to `args.url` (a feed, or a page linking feeds). A missing configuration is
/// written with the default settings and no feeds but this one. Exit 1 when a page links
/// several feeds and `--all` was not given: they are listed, and nothing is added.
pub(super) fn add(paths: &Paths, args: &AddArgs) -> Result<ExitCode> {
    if !paths.config.exists() {
        if let Some(dir) = paths.config.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir)
                .with_context(|| format!("cannot create {}", dir.display()))?;
        }
        std::fs::write(&paths.config, default_settings())
            .with_context(|| format!("cannot write {}", paths.config.display()))?;
        eprintln!(
            "dateline: wrote {} with the default settings and no feeds but this one",
            paths.config.display()
        );
    }
    let env = Env::user(Some(paths.config.clone()), Some(paths.db.clone()))?;
    let fetcher = env.fetcher()?;
    let request = AddRequest {
        url: args.url.clone(),
        title: args.title.clone(),
        tags: args.tags.clone(),
        all: args.all,
    };
    let outcome = runtime(Some(1))?.block_on(subscribe::add(&fetcher, &paths.config, &request))?;
    let mut out = Out::new();
    match outcome {
        AddOutcome::Added { feeds, .. } => {
            for (spec, own) in &feeds {
                let name = spec.title.as_ref().or(own.as_ref());
                out.line(&match name {
                    Some(n) => format!("added {} ({})", spec.url, sanitize_line(n)),
                    None => format!("added {}", spec.url),
                })?;
            }
            eprintln!("dateline refresh (or R in the reader) fetches its articles");
            Ok(ExitCode::SUCCESS)
        }
        AddOutcome::Choose { page, feeds } => {
            for alt in &feeds {
                out.line(&match &alt.title {
                    Some(t) => format!("{}  {t}", alt.url),
                    None => alt.url.clone(),
                })?;
            }
            eprintln!(
                "{page} is a web page that links {} feeds (above): run `dateline add URL` with \
                 the one you want, or `dateline add --all {page}` to add them all",
                feeds.len()
            );
            Ok(ExitCode::from(1))
        }
    }
}

/// Unsubscribes from the feed `args.feed` names (its URL, else its configured title).
pub(super) fn remove(paths: &Paths, args: &RemoveArgs) -> Result<ExitCode> {
    let (removed, _) = subscribe::remove(&paths.config, &args.feed)?;
    let mut out = Out::new();
    out.line(&match &removed.title {
        Some(t) => format!("removed {} ({})", removed.url, sanitize_line(t)),
        None => format!("removed {}", removed.url),
    })?;
    Ok(ExitCode::SUCCESS)
}
