//! `dateline export-state` and `dateline import-state`: the user's own data (feeds, read
//! marks, starred articles with their content) as versioned JSON, and back into a new cache,
//! e.g. after the old one was damaged. Import refuses a cache that already has articles
//! unless `--force` (then it only adds marks), and adds the feeds to the configuration the
//! way `dateline import` does.

use std::io::Read;
use std::path::Path;
use std::process::ExitCode;

use anyhow::{Context, Result, bail};
use chrono::Utc;

use super::env::Env;
use super::output::Out;
use super::{UsageError, read_capped};
use crate::cli::ImportStateArgs;
use crate::config::paths::Paths;
use crate::store::{STATE_VERSION, SavedState, Store, StoreError};

/// The largest state file `import-state` reads.
const STATE_MAX_BYTES: u64 = 1 << 30;

/// Writes the state as JSON to standard output.
///
/// An existing cache of this dateline's schema is read as it is (nothing written, no feeds
/// synced from the configuration), so that a read-only or partly damaged cache can still be
/// saved; an older one is migrated first, as every command does.
pub(super) fn export(env: &Env) -> Result<ExitCode> {
    let state = match read_state(env) {
        Ok(state) => state,
        Err(e) => match e.downcast_ref::<StoreError>() {
            // The damaged-cache message would send the user back here.
            Some(StoreError::Corrupt { detail, .. }) => bail!(
                "export-state cannot read the cache {} ({detail}): it is too damaged to save. \
                 Move it (with its -wal and -shm files) aside and run `dateline refresh` to start a new one; the read marks and \
                 starred articles in it are lost (the sqlite3 tool's `.recover` command may \
                 still get some of them out)",
                env.db.display()
            ),
            _ => return Err(e),
        },
    };
    Out::new().json(&state)?;
    eprintln!(
        "exported {} feeds, {} read marks and {} starred articles",
        state.feeds.len(),
        state.read.len(),
        state.starred.len()
    );
    Ok(ExitCode::SUCCESS)
}

/// The state of the cache, read as [`export`] says. A cache SQLite cannot open for reading
/// because its folder is read-only (no `-shm` file can be made) is read as an immutable file.
fn read_state(env: &Env) -> Result<SavedState> {
    match read_state_in_place(env) {
        Err(e) if matches!(e.downcast_ref(), Some(StoreError::ReadOnly { .. })) => {
            let store = Store::open_immutable(&env.db)?;
            if store.schema_version()? != Store::known_schema_version() {
                return Err(e);
            }
            let wal = env.db.with_file_name(format!(
                "{}-wal",
                env.db.file_name().unwrap_or_default().to_string_lossy()
            ));
            if std::fs::metadata(&wal).is_ok_and(|m| m.len() > 0) {
                eprintln!(
                    "warning: the cache's folder is read-only, so only the file itself was read: \
                     the latest changes, still in {}, are not in this export",
                    wal.display()
                );
            }
            Ok(store.export_state(Utc::now())?)
        }
        other => other,
    }
}

fn read_state_in_place(env: &Env) -> Result<SavedState> {
    let store = if env.db.exists() {
        let store = Store::open_existing(&env.db)?;
        if store.schema_version()? == Store::known_schema_version() {
            store
        } else {
            drop(store);
            env.open_store()?
        }
    } else {
        env.open_store()?
    };
    Ok(store.export_state(Utc::now())?)
}

/// Restores a state file: checks it and the cache first, then adds the feeds to the
/// configuration, then the marks and starred articles to the cache.
pub(super) fn import(
    paths: &Paths,
    args: &ImportStateArgs,
    env: impl FnOnce() -> Result<Env>,
) -> Result<ExitCode> {
    let text = if args.file == Path::new("-") {
        let mut bytes = Vec::new();
        std::io::stdin()
            .lock()
            .take(STATE_MAX_BYTES + 1)
            .read_to_end(&mut bytes)
            .context("cannot read standard input")?;
        if bytes.len() as u64 > STATE_MAX_BYTES {
            bail!("standard input is larger than {} MB", STATE_MAX_BYTES >> 20);
        }
        String::from_utf8_lossy(&bytes).into_owned()
    } else {
        read_capped(&args.file, STATE_MAX_BYTES)?
    };
    let name = args.file.display();
    let version = serde_json::from_str::<serde_json::Value>(&text)
        .with_context(|| format!("{name} is not JSON written by `dateline export-state`"))?
        .get("version")
        .and_then(serde_json::Value::as_u64);
    match version {
        Some(v) if v == u64::from(STATE_VERSION) => {}
        Some(v) if v > u64::from(STATE_VERSION) => bail!(
            "{name} was written by a newer dateline (state version {v}, this one reads \
             {STATE_VERSION}): import it with that version"
        ),
        _ => bail!("{name} is not a state file written by `dateline export-state`"),
    }
    let state: SavedState = serde_json::from_str(&text)
        .with_context(|| format!("{name} is not a valid `dateline export-state` file"))?;

    // A cache in use is not overwritten unless asked.
    if paths.db.exists() && !args.force {
        let articles = Store::open(&paths.db)?.article_count()?;
        if articles > 0 {
            bail!(UsageError(format!(
                "the cache {} already holds {articles} articles: import-state restores into a \
                 new cache. Use --db with a new file, move this one aside, or pass --force to \
                 merge (marks are only added)",
                paths.db.display()
            )));
        }
    }
    let added = add_feeds_to_config(&paths.config, &state)?;
    let env = env()?;
    let mut store = env.open_store()?;
    let done = store.import_state(&state)?;
    eprintln!(
        "restored {} feeds ({added} added to {}), {} read marks and {} starred articles into \
         {}; run `dateline refresh` to fetch the rest",
        done.feeds,
        paths.config.display(),
        done.read,
        done.starred,
        env.db.display()
    );
    Ok(ExitCode::SUCCESS)
}

/// Adds the state's feeds that the configuration lacks (written with the default settings
/// when there is none); returns how many.
fn add_feeds_to_config(config: &Path, state: &SavedState) -> Result<usize> {
    if state.feeds.is_empty() {
        return Ok(0);
    }
    // Written as a newsboat `urls` list: `URL "~title" "tag" ...`.
    let quote = |s: &str| format!("\"{}\"", s.replace(['"', '\n', '\r'], " "));
    let mut urls = String::new();
    for f in &state.feeds {
        urls.push_str(&f.url);
        if let Some(title) = &f.title {
            urls.push(' ');
            urls.push_str(&quote(&format!("~{title}")));
        }
        for tag in &f.tags {
            urls.push(' ');
            urls.push_str(&quote(tag));
        }
        urls.push('\n');
    }
    let report = crate::config::import::import_into_file(config, &urls)
        .with_context(|| format!("cannot add the feeds to {}", config.display()))?;
    for w in &report.warnings {
        eprintln!("warning: {w}");
    }
    Ok(report.added.len())
}
