//! `dateline export`: the feed list as OPML 2.0.

use std::process::ExitCode;

use anyhow::Result;

use super::env::Env;
use super::output::Out;
use crate::config::import;

/// Writes the configured feeds as OPML 2.0 to standard output.
pub(super) fn run(env: &Env) -> Result<ExitCode> {
    let mut out = Out::new();
    out.write(&import::export_opml(&env.config.feeds))?;
    Ok(ExitCode::SUCCESS)
}
