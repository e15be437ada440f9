//! `dateline refresh`: fetch the feeds, store the new articles, report per feed, then find
//! the people and places of the new articles. It runs the same worker as the reader
//! ([`worker::refresh`], [`worker::extract::drain`]) without a UI: progress goes to standard
//! error when it is a terminal, the report (text or `--json`) after the run. With `[sync]`
//! set it is one sync instead ([`super::sync::sync_then`]).

use std::io::{self, IsTerminal};
use std::process::ExitCode;

use anyhow::{Context, Result};
use serde::Serialize;
use tokio::sync::mpsc;

use super::UsageError;
use super::env::{Env, runtime};
use super::output::Out;
use crate::cli::RefreshArgs;
use crate::store::Store;
use crate::worker::extract::ExtractSummary;
use crate::worker::pages::{self, PageModes, PagesSummary};
use crate::worker::{self, FeedOutcome, RefreshEvent, RefreshSummary, StoreActor};

/// Refreshes, reports, then (unless `--no-extract`) finds the entities of the new articles:
/// the articles are stored and counted before any extraction starts.
pub(super) fn run(env: &Env, args: &RefreshArgs) -> Result<ExitCode> {
    let (no_extract, quiet) = (args.no_extract, args.json);
    refresh_with(env, args, &mut |store| {
        let store = if args.no_full_text {
            store
        } else {
            let progress = !quiet && io::stderr().is_terminal();
            let (store, summary) = pages_all(env, store, &args.feed, progress)?;
            if !quiet && summary.stored + summary.failed > 0 {
                eprintln!(
                    "full text: {} pages stored, {} failed ({:.1} s)",
                    summary.stored, summary.failed, summary.seconds
                );
            }
            store
        };
        if no_extract {
            return Ok(());
        }
        let progress = !quiet && io::stderr().is_terminal();
        let (_, summary) = extract_all(store, progress)?;
        if !quiet && summary.articles > 0 {
            eprintln!(
                "entities: {} articles, {} mentions ({:.1} s)",
                summary.articles, summary.mentions, summary.seconds
            );
            tracing::info!(
                "entity extraction, where the time went: {:?}",
                summary.stages
            );
        }
        Ok(())
    })
}

/// Fetches the article pages due under the configuration's `full_text` (of the feeds
/// named, or all), with a progress line on stderr when `progress`; gives the store back
/// with the totals. The fetcher is the configured one, so pages get the feeds' limits.
fn pages_all(
    env: &Env,
    store: Store,
    only: &[String],
    progress: bool,
) -> Result<(Store, PagesSummary)> {
    let mut feeds = store.feeds()?;
    if !only.is_empty() {
        feeds.retain(|f| only.contains(&f.url));
    }
    let modes = PageModes::new(&feeds, |url| env.config.full_text_of(url));
    tracing::debug!("pages: modes decided");
    if modes.is_empty() {
        return Ok((store, PagesSummary::default()));
    }
    let fetcher = env.fetcher()?;
    tracing::debug!("pages: fetcher built");
    let (actor, store_thread) =
        StoreActor::spawn(store).context("cannot start the cache thread")?;
    let runtime = runtime(None)?;
    tracing::debug!("pages: runtime started");
    let (mut finished, mut failed) = (0usize, 0usize);
    let result = runtime.block_on(pages::fetch_due(&actor, &fetcher, &modes, |due, done| {
        finished += 1;
        failed += usize::from(done.error.is_some());
        if progress {
            eprint!("\r\x1b[2Kfetching article pages: {finished}/{due}, {failed} failed");
        }
    }));
    if progress {
        eprint!("\r\x1b[2K");
    }
    drop(runtime);
    let store = take_store(actor, store_thread)?;
    let summary = result.context("fetching article pages failed")?;
    Ok((store, summary))
}

/// Runs the extraction queue on `store` until no article needs it, with a progress line
/// on stderr when `progress`; gives the store back with the totals.
pub(super) fn extract_all(store: Store, progress: bool) -> Result<(Store, ExtractSummary)> {
    let version = worker::extract::model_version();
    let total = if progress {
        usize::try_from(store.extractions_left(version)?).unwrap_or(usize::MAX)
    } else {
        0
    };
    let (actor, store_thread) =
        StoreActor::spawn(store).context("cannot start the cache thread")?;
    let runtime = runtime(None)?;
    let priority = worker::extract::Priority::default();
    let mut done = 0usize;
    let stories = worker::stories::Stories::default();
    let result = runtime.block_on(worker::extract::drain(
        &actor,
        &priority,
        &stories,
        |batch| {
            done += batch.articles.len();
            if progress {
                eprint!("\r\x1b[2Kfinding people and places: {done}/{total} articles");
            }
        },
    ));
    if progress {
        eprint!("\r\x1b[2K");
    }
    drop(runtime);
    let store = take_store(actor, store_thread)?;
    let summary = result.context("finding people and places failed")?;
    Ok((store, summary))
}

/// Refreshes (all feeds or those named), reports, then runs `after` on the store.
pub(super) fn refresh_with(
    env: &Env,
    args: &RefreshArgs,
    after: &mut dyn FnMut(Store) -> Result<()>,
) -> Result<ExitCode> {
    // With a sync server, the server fetches the feeds and a refresh is one sync with it.
    if let Some(setup) = env.sync_setup() {
        if !args.feed.is_empty() {
            return Err(UsageError(
                "with [sync] set, refresh syncs every feed with the server: --feed does not                  apply"
                    .into(),
            )
            .into());
        }
        return super::sync::sync_then(env, &setup, args.json, after);
    }
    tracing::debug!("refresh: configuration loaded");
    let store = env.open_store()?;
    tracing::debug!("refresh: cache opened");
    let mut feeds = store.feeds()?;
    if !args.feed.is_empty() {
        for url in &args.feed {
            if !feeds.iter().any(|f| &f.url == url) {
                return Err(UsageError(format!("no configured feed has the URL {url}")).into());
            }
        }
        feeds.retain(|f| args.feed.contains(&f.url));
    }
    let fetcher = env.fetcher()?;
    tracing::debug!("refresh: fetcher built");
    let keep_days = env.config.settings.keep_days;
    let (actor, store_thread) =
        StoreActor::spawn(store).context("cannot start the cache thread")?;
    let runtime = runtime(None)?;
    let (tx, mut rx) = mpsc::unbounded_channel();
    let progress = Progress::new(!args.json && io::stderr().is_terminal());
    let mut reports = Vec::new();
    let started = chrono::Utc::now();
    let summary = runtime.block_on(async {
        let run = worker::refresh(&actor, &fetcher, feeds, keep_days, tx);
        tokio::pin!(run);
        let mut progress = progress;
        let mut result = None;
        loop {
            tokio::select! {
                r = &mut run, if result.is_none() => result = Some(r),
                event = rx.recv() => match event {
                    Some(event) => {
                        progress.show(&event);
                        if let RefreshEvent::Feed(report) = event {
                            reports.push(report);
                        }
                    }
                    None => break,
                },
            }
        }
        result.unwrap_or_else(|| Ok(RefreshSummary::default()))
    })?;
    tracing::debug!("refresh: feeds stored");
    drop(runtime);
    // Take the store back from its thread for what follows.
    let mut store = take_store(actor, store_thread)?;
    let aftermath = worker::ignore::AfterRefresh::from_config(&env.config);
    let done = worker::ignore::after_refresh(&mut store, &aftermath, started, summary.new_articles);
    tracing::debug!("refresh: ignore rules applied");
    for problem in &done.problems {
        eprintln!("warning: {problem}");
    }
    if done.hidden + done.dropped > 0 && !args.json {
        eprintln!(
            "ignore rules: {} articles hidden, {} dropped",
            done.hidden, done.dropped
        );
    }
    let mut out = Out::new();
    if args.json {
        #[derive(Serialize)]
        struct RefreshJson<'a> {
            feeds: &'a [worker::FeedReport],
            summary: &'a RefreshSummary,
        }
        out.json(&RefreshJson {
            feeds: &reports,
            summary: &summary,
        })?;
    } else {
        reports.sort_by(|a, b| a.title.cmp(&b.title));
        for r in &reports {
            if let FeedOutcome::Failed { error } = &r.outcome {
                eprintln!("failed: {} ({}): {error}", r.title, r.url);
            }
            if let Some(to) = &r.moved_to {
                eprintln!("moved: {} now lives at {to}", r.url);
            }
        }
        eprintln!(
            "{} feeds: {} ok, {} not modified, {} failed{}; {} new articles ({:.1} s)",
            summary.feeds,
            summary.ok,
            summary.not_modified,
            summary.failed,
            if summary.skipped > 0 {
                format!(", {} waiting to retry", summary.skipped)
            } else {
                String::new()
            },
            summary.new_articles,
            summary.seconds
        );
    }
    tracing::debug!("refresh: summary printed");
    after(store)?;
    Ok(ExitCode::SUCCESS)
}

/// Ends the store thread and returns the store it owned.
pub(super) fn take_store(
    actor: StoreActor,
    thread: std::thread::JoinHandle<Store>,
) -> Result<Store> {
    drop(actor);
    thread
        .join()
        .map_err(|_| anyhow::anyhow!("the cache thread crashed"))
}

/// Live refresh progress on stderr, only when it is a terminal.
struct Progress {
    enabled: bool,
    total: usize,
    done: usize,
    failed: usize,
}

impl Progress {
    fn new(enabled: bool) -> Progress {
        Progress {
            enabled,
            total: 0,
            done: 0,
            failed: 0,
        }
    }

    fn show(&mut self, event: &RefreshEvent) {
        match event {
            RefreshEvent::Started { total } => self.total = *total,
            RefreshEvent::Feed(report) => {
                self.done += 1;
                if matches!(report.outcome, FeedOutcome::Failed { .. }) {
                    self.failed += 1;
                }
                if self.enabled {
                    let title: String = report.title.chars().take(50).collect();
                    eprint!(
                        "\r\x1b[2K[{}/{}] {} failed  {title}",
                        self.done, self.total, self.failed
                    );
                }
            }
            RefreshEvent::Finished(_) => {
                if self.enabled {
                    eprint!("\r\x1b[2K");
                }
            }
        }
    }
}
