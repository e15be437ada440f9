//! `dateline` without a subcommand: the interactive reader on a terminal, else (a pipe, a
//! cron job) a refresh and the unread articles as `list --unread` prints them.
//!
//! The reader's set-up lives here: the store on its thread (with a read-only connection for
//! the lists), a worker session on a small runtime, and [`crate::ui::run`] handed only the
//! session's two channels.

use std::io::{self, IsTerminal};
use std::process::ExitCode;

use anyhow::{Context, Result};
use tokio::sync::mpsc;

use chrono::Local;

use super::env::{Env, runtime};
use super::output::Out;
use super::{list, refresh};
use crate::cli::{ListArgs, RefreshArgs};
use crate::query::{Expr, Flag, Query, Term};
use crate::store::Store;
use crate::worker::{StoreActor, session};

/// Unread articles printed on a pipe without `--all`.
const PIPED_LIMIT: u32 = 40;

/// The reader on a terminal; elsewhere (a pipe, a cron job) refresh and print the unread
/// articles instead: the newest [`PIPED_LIMIT`] and how many more there are, or all of them
/// with `all`.
pub(super) fn run(env: &Env, all: bool) -> Result<ExitCode> {
    if io::stdout().is_terminal() && io::stdin().is_terminal() {
        return reader(env);
    }
    let args = RefreshArgs {
        feed: Vec::new(),
        json: false,
        no_extract: true,
        no_full_text: true,
    };
    refresh::refresh_with(env, &args, &mut |store| {
        let limit = (!all).then_some(PIPED_LIMIT);
        let list = ListArgs {
            unread: true,
            feed: None,
            limit,
            json: false,
            query: Vec::new(),
        };
        list::print(&store, &list)?;
        if let Some(limit) = limit {
            let unread = Query {
                expr: Some(Expr::Term(Term::Is(Flag::Unread))),
                sort: None,
            };
            let total = store.count_query(&unread, Local::now().fixed_offset())?;
            let hidden = total.saturating_sub(u64::from(limit));
            if hidden > 0 {
                Out::new().line(&format!(
                    "… and {hidden} more unread article{} not shown (dateline --all prints \
                     them all)",
                    if hidden == 1 { "" } else { "s" }
                ))?;
            }
        }
        Ok(())
    })
}

/// Opens the interactive reader on the cache.
fn reader(env: &Env) -> Result<ExitCode> {
    let store = env.open_store()?;
    let fetcher = env.fetcher()?;
    let (actor, store_thread) =
        StoreActor::spawn(store).context("cannot start the cache thread")?;
    // The list's queries get their own read-only connection, so scrolling never waits behind
    // a refresh's writes; without one (it failed to open) they share the writing thread.
    let actor = match Store::open_reader(&env.db) {
        Ok(reader) => actor
            .with_reader(reader)
            .context("cannot start the cache reader thread")?,
        Err(e) => {
            tracing::warn!("no read-only connection, queries share the writer: {e}");
            actor
        }
    };
    // And the lists' totals another, so that counting a large list never holds up the
    // next key's rows.
    let actor = match Store::open_reader(&env.db) {
        Ok(counter) => actor
            .with_counter(counter)
            .context("cannot start the cache counting thread")?,
        Err(e) => {
            tracing::warn!("no connection for counting, totals share the reader: {e}");
            actor
        }
    };
    let runtime = runtime(Some(2))?;
    let s = &env.config.settings;
    let (events_tx, events) = mpsc::unbounded_channel();
    let commands = {
        let _entered = runtime.enter();
        // With a sync server, the reader's refresh (R, and on start) is one sync with it.
        session::spawn_session_full(
            actor,
            fetcher,
            s.keep_days,
            env.sync_setup(),
            Some((env.config_path.clone(), env.config.clone())),
            events_tx,
        )
    };
    // The filter line's history lives beside the cache, one query a line.
    let history_path = env.db.with_file_name(HISTORY_FILE);
    let filter_history = std::fs::read_to_string(&history_path)
        .map(|text| text.lines().map(str::to_string).collect())
        .unwrap_or_default();
    let result = runtime.block_on(crate::ui::run(crate::ui::UiContext {
        commands,
        events,
        // The demo's point is to show its feeds arriving.
        refresh_on_start: s.refresh_on_start || env.is_demo(),
        mark_read_on_open: s.mark_read_on_open,
        feeds_pane_min_width: s.feeds_pane_min_width,
        filter_history,
        keys: env.config.keys.clone(),
        views: env.config.views.clone(),
        opts: crate::ui::state::prompt::ReaderOptions {
            open_all_max: s.open_all_max,
            player: env.config.commands.player.clone(),
            space_next_unread: s.space_next_unread,
            palette: crate::ui::palette::Palette {
                map: env.config.theme.clone(),
                // https://no-color.org: set and not empty.
                no_color: std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty()),
            },
        },
        keys_preset: s.keys_preset.clone(),
        refresh_every: s.refresh_every,
    }));
    // Without waiting for a refresh in flight: its tasks are dropped, and with them the last
    // handles to the store thread.
    runtime.shutdown_background();
    // Let queued writes (read marks) finish before the process ends.
    let _ = store_thread.join();
    let added = result?;
    if let Err(e) = save_history(&history_path, &added) {
        tracing::warn!(
            "cannot keep the filter history in {}: {e}",
            history_path.display()
        );
    }
    Ok(ExitCode::SUCCESS)
}

/// The filter line's history, in the cache's folder.
const HISTORY_FILE: &str = "filter_history";

/// Adds the filters this run applied (`added`, oldest first) to the history saved in `path`,
/// as it is now: another reader may have saved its own since this one started. Written
/// beside it and renamed, so that a reader starting meanwhile reads a whole file.
fn save_history(path: &std::path::Path, added: &[String]) -> std::io::Result<()> {
    if added.is_empty() {
        return Ok(());
    }
    let saved = match std::fs::read_to_string(path) {
        Ok(text) => text.lines().map(str::to_string).collect(),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Vec::new(),
        Err(e) => return Err(e),
    };
    let history = crate::ui::state::filter::merge_history(saved, added);
    let mut text = history.join("\n");
    text.push('\n');
    let partial = path.with_extension("partial");
    std::fs::write(&partial, text)?;
    std::fs::rename(&partial, path)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Regression: two readers open at once, the last to end overwrote the other's history.
    #[test]
    fn two_readers_keep_each_others_filters() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(HISTORY_FILE);
        std::fs::write(&path, "tag:world\n").unwrap();
        save_history(&path, &["feed:bbc".to_string()]).unwrap();
        save_history(&path, &["person:merz".to_string(), "tag:world".to_string()]).unwrap();
        // A reader that applied no filter leaves the file as it is.
        save_history(&path, &[]).unwrap();
        assert_eq!(
            std::fs::read_to_string(&path).unwrap(),
            "feed:bbc\nperson:merz\ntag:world\n"
        );
        assert!(!path.with_extension("partial").exists());
    }
}
