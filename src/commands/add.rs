//! `dateline add` and `dateline remove`: subscribing and unsubscribing without an editor.
//! The work is [`crate::worker::subscribe`]'s (shared with the reader); this file prints.
//! With `[sync]` set, the sync server owns the feed list: both act there, and the config
//! file's `[[feeds]]` is left alone.

use std::process::ExitCode;

use anyhow::{Context, Result};

use super::env::{Env, runtime};
use super::output::Out;
use crate::cli::{AddArgs, RemoveArgs};
use crate::config::import::default_settings;
use crate::config::paths::Paths;
use crate::sanitize::sanitize_line;
use crate::worker::StoreActor;
use crate::worker::subscribe::{self, AddOutcome, AddRequest, SubscribeError};
use crate::worker::sync::SyncSetup;
use crate::worker::sync::subscriptions::unsubscribe_named;

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
    let request = request(args);
    if let Some(setup) = env.sync_setup() {
        let outcome = on_server(&env, &setup, |actor, client| async move {
            subscribe::add_on_server(&fetcher, &actor, &client, &request).await
        })?;
        return print_added(outcome, true);
    }
    let outcome = runtime(Some(1))?.block_on(subscribe::add(&fetcher, &paths.config, &request))?;
    print_added(outcome, false)
}

fn request(args: &AddArgs) -> AddRequest {
    AddRequest {
        url: args.url.clone(),
        title: args.title.clone(),
        tags: args.tags.clone(),
        all: args.all,
    }
}

/// Prints what [`add`] did; `on_server`: to the sync server, not the config file.
fn print_added(outcome: AddOutcome, on_server: bool) -> Result<ExitCode> {
    let mut out = Out::new();
    match outcome {
        AddOutcome::Added { feeds, .. } => {
            let place = if on_server { " on the sync server" } else { "" };
            for (spec, own) in &feeds {
                let name = spec.title.as_ref().or(own.as_ref());
                out.line(&match name {
                    Some(n) => format!("added {} ({}){place}", spec.url, sanitize_line(n)),
                    None => format!("added {}{place}", spec.url),
                })?;
            }
            if on_server {
                eprintln!("dateline sync (or R in the reader) brings its articles");
            } else {
                eprintln!("dateline refresh (or R in the reader) fetches its articles");
            }
            Ok(ExitCode::SUCCESS)
        }
        AddOutcome::Choose { page, feeds } => {
            for alt in &feeds {
                out.line(&match &alt.title {
                    Some(t) => format!("{}  {}", alt.url, sanitize_line(t)),
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

/// Unsubscribes from the feed `args.feed` names (its URL, else its title: as configured, or
/// with `[sync]` set, as the sync server lists it).
pub(super) fn remove(paths: &Paths, args: &RemoveArgs) -> Result<ExitCode> {
    if paths.config.exists() {
        let env = Env::user(Some(paths.config.clone()), Some(paths.db.clone()))?;
        if let Some(setup) = env.sync_setup() {
            let key = args.feed.clone();
            let removed = on_server(&env, &setup, |actor, client| async move {
                Ok(unsubscribe_named(&actor, &client, &key).await?)
            })?;
            Out::new().line(&match &removed.title {
                Some(t) => format!("removed {} ({}) on the sync server", removed.url, t),
                None => format!("removed {} on the sync server", removed.url),
            })?;
            return Ok(ExitCode::SUCCESS);
        }
    }
    let (removed, _) = subscribe::remove(&paths.config, &args.feed)?;
    let mut out = Out::new();
    out.line(&match &removed.title {
        Some(t) => format!("removed {} ({})", removed.url, sanitize_line(t)),
        None => format!("removed {}", removed.url),
    })?;
    Ok(ExitCode::SUCCESS)
}

/// Logs in to the sync server and runs `change` with the cache on its thread and the client;
/// the cache thread is joined before returning.
fn on_server<T, F, Fut>(env: &Env, setup: &SyncSetup, change: F) -> Result<T>
where
    F: FnOnce(StoreActor, crate::sync::Client) -> Fut,
    Fut: std::future::Future<Output = Result<T, SubscribeError>>,
{
    let store = env.open_store()?;
    let (actor, store_thread) =
        StoreActor::spawn(store).context("cannot start the cache thread")?;
    let runtime = runtime(Some(1))?;
    let outcome = runtime.block_on(async {
        let (client, warning) = setup.connect().await?;
        if let Some(w) = warning {
            eprintln!("warning: {w}");
        }
        change(actor, client).await
    });
    drop(runtime);
    let _ = store_thread.join();
    Ok(outcome?)
}
