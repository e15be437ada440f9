//! `dateline sync`: one sync with the `[sync]` server (push the queued local marks, pull the
//! subscriptions and labels, the new items and the unread and starred sets), then the people
//! and places of the new articles; `--check` only logs in and says what is wrong.
//!
//! `dateline refresh` with `[sync]` set comes here too ([`sync_then`]): the server fetches the
//! feeds, dateline syncs with it. A failed sync is an error with a non-zero exit; the local
//! marks it could not send stay in the cache and in its queue, and the message says so.

use std::io::{self, IsTerminal};
use std::process::ExitCode;

use anyhow::{Context, Result, anyhow, bail};
use serde::Serialize;

use super::UsageError;
use super::env::{Env, runtime};
use super::output::Out;
use super::refresh::{extract_all, take_store};
use crate::cli::SyncArgs;
use crate::store::Store;
use crate::sync::CheckReport;
use crate::worker::StoreActor;
use crate::worker::sync::{SyncSetup, SyncStep, SyncSummary, check, run_sync_with_progress};

/// `dateline sync [--check] [--json] [--no-extract]`.
pub(super) fn run(env: &Env, args: &SyncArgs) -> Result<ExitCode> {
    let setup = setup(env)?;
    if args.check {
        return run_check(&setup, args.json);
    }
    let (no_extract, quiet) = (args.no_extract, args.json);
    sync_then(env, &setup, args.json, &mut |store| {
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
        }
        Ok(())
    })
}

/// The `[sync]` setup, or a usage error saying how to configure one.
fn setup(env: &Env) -> Result<SyncSetup> {
    env.sync_setup().ok_or_else(|| {
        UsageError(
            "sync is not set up: add a [sync] table (server, url, user, password_command) to \
             the configuration; see the README's Sync section"
                .into(),
        )
        .into()
    })
}

/// Logs in and reads the subscription list and unread count, or says exactly what failed.
fn run_check(setup: &SyncSetup, json: bool) -> Result<ExitCode> {
    let runtime = runtime(Some(1))?;
    let result = runtime.block_on(check(
        &setup.config,
        setup.client.clone(),
        setup.password_env.clone(),
    ));
    let (report, warning) = result.map_err(|e| anyhow!(e).context("sync check failed"))?;
    if let Some(w) = warning {
        eprintln!("warning: {w}");
    }
    let mut out = Out::new();
    if json {
        out.json(&report)?;
    } else {
        out.line(&check_text(&report))?;
    }
    Ok(ExitCode::SUCCESS)
}

fn check_text(report: &CheckReport) -> String {
    format!(
        "ok: logged in to {} as {}; {} subscription{}, {} unread",
        report.url,
        report.user,
        report.subscriptions,
        if report.subscriptions == 1 { "" } else { "s" },
        report
            .unread
            .map_or_else(|| "? (not given)".to_owned(), |n| n.to_string())
    )
}

/// Syncs the cache once with the server, prints the summary (text or JSON) on standard
/// output, then runs `after` on the store. A failed sync is an error naming what failed and
/// how many local marks stay queued; `after` does not run then.
pub(super) fn sync_then(
    env: &Env,
    setup: &SyncSetup,
    json: bool,
    after: &mut dyn FnMut(Store) -> Result<()>,
) -> Result<ExitCode> {
    let store = env.open_store()?;
    let (actor, store_thread) =
        StoreActor::spawn(store).context("cannot start the cache thread")?;
    let runtime = runtime(None)?;
    let progress = !json && io::stderr().is_terminal();
    let show = move |step: SyncStep| {
        if progress {
            eprint!("\r\x1b[2Ksync: {step}");
        }
    };
    let result = runtime.block_on(async {
        let (client, warning) = setup.connect().await?;
        if let Some(w) = warning {
            eprintln!("warning: {w}");
        }
        run_sync_with_progress(&actor, &client, &setup.account(), &setup.options, &show).await
    });
    if progress {
        eprint!("\r\x1b[2K");
    }
    drop(runtime);
    let store = take_store(actor, store_thread)?;
    let mut out = Out::new();
    let summary = match result {
        Ok(summary) => summary,
        Err(e) => {
            let queued = store.sync_queue_len().unwrap_or(0);
            if json {
                out.json(&SyncFailure {
                    error: e.to_string(),
                    still_queued: queued,
                })?;
            }
            let kept = if queued > 0 {
                format!(
                    "; {queued} local mark{} kept for the next sync",
                    if queued == 1 { " is" } else { "s are" }
                )
            } else {
                String::new()
            };
            bail!("sync failed: {e}{kept}");
        }
    };
    if json {
        out.json(&summary)?;
    } else {
        for line in summary_lines(&setup.config.url, &summary) {
            out.line(&line)?;
        }
    }
    after(store)?;
    Ok(ExitCode::SUCCESS)
}

/// `--json` on a failed sync.
#[derive(Serialize)]
struct SyncFailure {
    error: String,
    still_queued: u64,
}

/// The text summary of a sync.
fn summary_lines(url: &str, s: &SyncSummary) -> Vec<String> {
    let mut lines = vec![format!(
        "synced with {} in {:.1} s{}",
        crate::sanitize::sanitize_line(url),
        s.seconds,
        if s.switched_account {
            " (a new account for this cache: its old server ids were dropped)"
        } else {
            ""
        }
    )];
    lines.push(format!(
        "pushed: {} local mark{}{}",
        s.pushed,
        if s.pushed == 1 { "" } else { "s" },
        if s.still_queued > 0 {
            format!(" ({} still queued)", s.still_queued)
        } else {
            String::new()
        }
    ));
    lines.push(format!(
        "pulled: {} feed{}, {} new article{}, {} updated{}",
        s.feeds,
        if s.feeds == 1 { "" } else { "s" },
        s.new_articles,
        if s.new_articles == 1 { "" } else { "s" },
        s.updated_articles,
        if s.fetched_by_id > 0 {
            format!(", {} fetched by id", s.fetched_by_id)
        } else {
            String::new()
        }
    ));
    lines.push(format!(
        "from the server: {} read, {} unread, {} starred, {} unstarred{}",
        s.marked_read,
        s.marked_unread,
        s.starred,
        s.unstarred,
        if s.kept_local > 0 {
            format!(" ({} kept as marked here, newer)", s.kept_local)
        } else {
            String::new()
        }
    ));
    lines.push(format!(
        "unread: {} here, {} on the server",
        s.local_unread,
        s.server_unread
            .map_or_else(|| "?".to_owned(), |n| n.to_string())
    ));
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_summary_names_pushed_pulled_and_changed() {
        let summary = SyncSummary {
            pushed: 35,
            feeds: 2,
            new_articles: 80,
            marked_read: 5,
            starred: 2,
            kept_local: 1,
            server_unread: Some(75),
            local_unread: 75,
            seconds: 1.25,
            ..SyncSummary::default()
        };
        let lines = summary_lines("http://h/api/greader.php\u{1b}[2J", &summary);
        assert_eq!(
            lines,
            [
                "synced with http://h/api/greader.php in 1.2 s",
                "pushed: 35 local marks",
                "pulled: 2 feeds, 80 new articles, 0 updated",
                "from the server: 5 read, 0 unread, 2 starred, 0 unstarred (1 kept as marked \
                 here, newer)",
                "unread: 75 here, 75 on the server",
            ]
        );
    }

    #[test]
    fn the_check_line_says_where_and_what() {
        let report = CheckReport {
            url: "http://h/api/greader.php/".into(),
            user: "alice".into(),
            subscriptions: 1,
            unread: None,
        };
        assert_eq!(
            check_text(&report),
            "ok: logged in to http://h/api/greader.php/ as alice; 1 subscription, ? (not \
             given) unread"
        );
    }
}
