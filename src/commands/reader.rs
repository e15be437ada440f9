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

use super::env::{Env, runtime};
use super::{list, refresh};
use crate::cli::{ListArgs, RefreshArgs};
use crate::store::Store;
use crate::worker::{StoreActor, session};

/// The reader on a terminal; elsewhere (a pipe, a cron job) refresh and print the unread
/// articles instead.
pub(super) fn run(env: &Env) -> Result<ExitCode> {
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
        let list = ListArgs {
            unread: true,
            feed: None,
            limit: Some(40),
            json: false,
            query: Vec::new(),
        };
        list::print(&store, &list)
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
    let runtime = runtime(Some(2))?;
    let s = &env.config.settings;
    let (events_tx, events) = mpsc::unbounded_channel();
    let commands = {
        let _entered = runtime.enter();
        let config = env.config.clone();
        let full_text: session::FullTextOf =
            std::sync::Arc::new(move |url| config.full_text_of(url));
        session::spawn_session_with_full_text(actor, fetcher, s.keep_days, full_text, events_tx)
    };
    let result = runtime.block_on(crate::ui::run(crate::ui::UiContext {
        commands,
        events,
        // The demo's point is to show its feeds arriving.
        refresh_on_start: s.refresh_on_start || env.is_demo(),
        mark_read_on_open: s.mark_read_on_open,
        keys: env.config.keys.clone(),
        views: env.config.views.clone(),
    }));
    // Without waiting for a refresh in flight: its tasks are dropped, and with them the last
    // handles to the store thread.
    runtime.shutdown_background();
    // Let queued writes (read marks) finish before the process ends.
    let _ = store_thread.join();
    result?;
    Ok(ExitCode::SUCCESS)
}
