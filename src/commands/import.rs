//! `dateline import`: feeds from an OPML or newsboat `urls` file added to the configuration.

use std::process::ExitCode;

use anyhow::{Context, Result, bail};

use super::env::Env;
use super::{UsageError, read_capped};
use crate::cli::ImportArgs;
use crate::config::import;

/// Adds the file's feeds to the configuration file, keeping its comments.
pub(super) fn run(env: &Env, args: &ImportArgs) -> Result<ExitCode> {
    if env.is_demo() {
        bail!(UsageError("import does not apply to --demo".into()));
    }
    let content = read_capped(&args.file, 16 << 20)?;
    let report = import::import_into_file(&env.config_path, &content)
        .with_context(|| format!("cannot import {}", args.file.display()))?;
    for w in &report.warnings {
        eprintln!("warning: {w}");
    }
    eprintln!(
        "{} feed{} added to {}, {} already present",
        report.added.len(),
        if report.added.len() == 1 { "" } else { "s" },
        env.config_path.display(),
        report.already_present
    );
    Ok(ExitCode::SUCCESS)
}
