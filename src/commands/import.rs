//! `dateline import`: feeds from an OPML or newsboat `urls` file added to the configuration.

use std::path::Path;
use std::process::ExitCode;

use anyhow::{Context, Result};

use super::read_capped;
use crate::cli::ImportArgs;
use crate::config::import;

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
