//! `dateline import`: feeds from an OPML or newsboat `urls` file added to the configuration,
//! or, with `[sync]` set, subscribed to on the sync server (which owns the feed list then).

use std::path::Path;
use std::process::ExitCode;

use anyhow::{Context, Result};

use super::env::{Env, runtime};
use super::read_capped;
use crate::cli::ImportArgs;
use crate::config::import;
use crate::worker::StoreActor;
use crate::worker::sync::SyncSetup;
use crate::worker::sync::subscriptions::{
    pull_subscriptions, server_feed_list, subscribe_on_server,
};

/// Adds the file's feeds to the configuration file, keeping its comments.
///
/// A missing configuration is written with the default settings and only the imported feeds.
pub(super) fn run(config_path: &Path, args: &ImportArgs) -> Result<ExitCode> {
    let content = read_capped(&args.file, 16 << 20)?;
    let report = import::import_into_file(config_path, &content)
        .with_context(|| format!("cannot import {}", args.file.display()))?;
    for w in &report.warnings {
        eprintln!("warning: {w}");
    }
    if report.created {
        eprintln!(
            "dateline: wrote {} with the default settings and only the imported feeds",
            config_path.display()
        );
    }
    eprintln!(
        "{} feed{} added to {}, {} already present",
        report.added.len(),
        if report.added.len() == 1 { "" } else { "s" },
        config_path.display(),
        report.already_present
    );
    Ok(ExitCode::SUCCESS)
}

/// With `[sync]`: subscribes on the server to each feed of the file the server does not have
/// yet (with the file's title and tags as labels), then brings the cache's feed list in line.
/// A feed the server refuses is reported and the others go on; the exit code is then 1.
pub(super) fn run_on_server(env: &Env, setup: &SyncSetup, args: &ImportArgs) -> Result<ExitCode> {
    let content = read_capped(&args.file, 16 << 20)?;
    let (feeds, warnings) = import::parse_feed_list(&content)
        .with_context(|| format!("cannot import {}", args.file.display()))?;
    for w in &warnings {
        eprintln!("warning: {w}");
    }
    let store = env.open_store()?;
    let (actor, store_thread) =
        StoreActor::spawn(store).context("cannot start the cache thread")?;
    let runtime = runtime(Some(1))?;
    let outcome = runtime.block_on(async {
        let (client, warning) = setup.connect().await?;
        if let Some(w) = warning {
            eprintln!("warning: {w}");
        }
        let present: Vec<String> = server_feed_list(&client)
            .await?
            .into_iter()
            .map(|f| f.url)
            .collect();
        let (mut added, mut already, mut failed) = (0usize, 0usize, 0usize);
        for feed in &feeds {
            if present.contains(&feed.url) {
                already += 1;
                continue;
            }
            match subscribe_on_server(&client, &feed.url, feed.title.as_deref(), &feed.tags).await {
                Ok(_) => added += 1,
                Err(e) => {
                    failed += 1;
                    eprintln!("failed: {}: {e}", feed.url);
                }
            }
        }
        pull_subscriptions(&actor, &client).await?;
        Ok::<_, crate::worker::sync::SyncRunError>((added, already, failed))
    });
    drop(runtime);
    drop(actor);
    let _ = store_thread.join();
    let (added, already, failed) =
        outcome.map_err(|e| anyhow::anyhow!("import to the sync server failed: {e}"))?;
    eprintln!(
        "{added} feed{} subscribed on the sync server, {already} already there{}; \
         `dateline sync` brings their articles",
        if added == 1 { "" } else { "s" },
        if failed > 0 {
            format!(", {failed} failed")
        } else {
            String::new()
        }
    );
    Ok(if failed > 0 {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    })
}
