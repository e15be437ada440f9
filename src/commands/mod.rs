//! The subcommands: one file each, with the JSON it prints beside it. This module only
//! dispatches; `env` finds the configuration and the cache, `output` writes to standard
//! output.
//!
//! Errors here are `anyhow` with context for the user; the typed errors of the layers below
//! are wrapped, never swallowed. A [`UsageError`] (a bad flag value or query) exits with 2,
//! like clap's own. Nothing here draws on the terminal: the reader is [`crate::ui`], which
//! `reader` starts with a worker session.

mod add;
mod doctor;
mod entities;
mod entity;
mod env;
mod export;
mod extract;
mod feeds;
mod fulltext;
mod import;
mod list;
mod mark_read;
mod output;
mod reader;
mod refresh;
mod reindex;
mod show;
mod state;
mod stories;
mod sync;
mod vacuum;

use std::path::Path;
use std::process::ExitCode;

use anyhow::{Context, Result, bail};

use crate::cli::{Cli, Command};
use crate::query::Query;
use env::Env;

/// A usage error: exit code 2, like clap's own.
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct UsageError(pub String);

/// Runs the command line; returns the process exit code.
pub fn run(cli: Cli) -> Result<ExitCode> {
    // Loads the configuration (writing the default one the first time) and finds the cache.
    let env = || {
        if cli.demo {
            Env::demo()
        } else {
            Env::user(cli.config.clone(), cli.db.clone())
        }
    };
    match cli.command {
        None => reader::run(&env()?, cli.all),
        Some(Command::Refresh(args)) => refresh::run(&env()?, &args),
        Some(Command::Feeds(args)) => feeds::run(&env()?, args.json),
        Some(Command::List(args)) => list::run(&env()?, &args),
        Some(Command::Show(args)) => show::run(&env()?, &args),
        Some(Command::MarkRead(args)) => mark_read::run(&env()?, &args),
        // Import writes the configuration itself: loading it first would write the default
        // feed list into a missing configuration, ahead of the imported feeds.
        Some(Command::Import(args)) => {
            if cli.demo {
                bail!(UsageError("import does not apply to --demo".into()));
            }
            let paths = crate::config::paths::Paths::resolve(cli.config.clone(), cli.db.clone())?;
            // With a sync server configured, the server owns the feed list.
            if paths.config.exists() {
                let env = env()?;
                if let Some(setup) = env.sync_setup() {
                    return import::run_on_server(&env, &setup, &args);
                }
            }
            import::run(&paths.config, &args)
        }
        // Like import, add and remove edit the configuration file themselves (with `[sync]`
        // set, they act on the sync server instead).
        Some(Command::Add(args)) => {
            if cli.demo {
                bail!(UsageError("add does not apply to --demo".into()));
            }
            let paths = crate::config::paths::Paths::resolve(cli.config.clone(), cli.db.clone())?;
            add::add(&paths, &args)
        }
        Some(Command::Remove(args)) => {
            if cli.demo {
                bail!(UsageError("remove does not apply to --demo".into()));
            }
            let paths = crate::config::paths::Paths::resolve(cli.config.clone(), cli.db.clone())?;
            add::remove(&paths, &args)
        }
        Some(Command::Export) => export::run(&env()?),
        // Extraction needs neither the configuration nor the cache.
        Some(Command::Extract(args)) => extract::run(&args),
        Some(Command::Entities(args)) => entities::run(&env()?, &args),
        Some(Command::Entity(args)) => entity::run(&env()?, &args),
        Some(Command::Stories(args)) => stories::run(&env()?, &args),
        Some(Command::Reindex) => reindex::run(&env()?),
        // A saved page needs neither the configuration nor the cache; a URL needs the
        // configured fetch limits.
        Some(Command::Fulltext(args)) => fulltext::run(&args, &env),
        Some(Command::Doctor(args)) => doctor::run(&env()?, &args),
        Some(Command::ExportState) => state::export(&env()?),
        // Like import: the feeds go into the configuration before it is loaded.
        Some(Command::ImportState(args)) => {
            if cli.demo {
                bail!(UsageError("import-state does not apply to --demo".into()));
            }
            let paths = crate::config::paths::Paths::resolve(cli.config.clone(), cli.db.clone())?;
            state::import(&paths, &args, env)
        }
        Some(Command::Sync(args)) => sync::run(&env()?, &args),
        Some(Command::Vacuum) => vacuum::run(&env()?),
    }
}

/// Parses a query from the command line; a bad one is a usage error showing where.
pub(super) fn parse_query(text: &str) -> Result<Query> {
    crate::query::parse(text)
        .map_err(|e| UsageError(format!("bad query: {}", e.render(text))).into())
}

/// A file's first `cap` bytes (the rest is not read).
pub(super) fn read_capped_bytes(path: &Path, cap: u64) -> Result<Vec<u8>> {
    use std::io::Read;
    let file =
        std::fs::File::open(path).with_context(|| format!("cannot open {}", path.display()))?;
    let mut bytes = Vec::new();
    file.take(cap)
        .read_to_end(&mut bytes)
        .with_context(|| format!("cannot read {}", path.display()))?;
    Ok(bytes)
}

/// A file's text (invalid UTF-8 replaced), refused when it is larger than `cap` bytes.
pub(super) fn read_capped(path: &Path, cap: u64) -> Result<String> {
    use std::io::Read;
    let file =
        std::fs::File::open(path).with_context(|| format!("cannot open {}", path.display()))?;
    let mut bytes = Vec::new();
    file.take(cap + 1)
        .read_to_end(&mut bytes)
        .with_context(|| format!("cannot read {}", path.display()))?;
    if bytes.len() as u64 > cap {
        bail!("{} is larger than {} MB", path.display(), cap >> 20);
    }
    Ok(String::from_utf8_lossy(&bytes).into_owned())
}
