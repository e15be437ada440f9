//! `dateline vacuum`: rewrites the cache compactly (16 KiB pages, incremental auto-vacuum; see
//! `store::vacuum` for how it stays safe), with progress on stderr when it is a terminal, and
//! prints the sizes before and after.

use std::io::{self, IsTerminal, Write};
use std::process::ExitCode;

use anyhow::{Context, Result};

use super::env::Env;
use super::output::Out;
use crate::store::{Store, VacuumProgress};

const MB: f64 = 1024.0 * 1024.0;

fn auto_vacuum_name(mode: i64) -> &'static str {
    match mode {
        1 => "full",
        2 => "incremental",
        _ => "none",
    }
}

pub(super) fn run(env: &Env) -> Result<ExitCode> {
    let show = io::stderr().is_terminal();
    let progress = |p: VacuumProgress| {
        if !show {
            return;
        }
        let line = match p {
            VacuumProgress::Copying { done, expected } => format!(
                "writing a compact copy: {:.0} of about {:.0} MB",
                done as f64 / MB,
                expected as f64 / MB
            ),
            VacuumProgress::Checking => "checking the copy".to_string(),
            VacuumProgress::WritingBack { done, total } => format!(
                "writing it back into the cache: {}%",
                (done * 100).checked_div(total).unwrap_or(100)
            ),
        };
        let mut err = io::stderr().lock();
        let _ = write!(err, "\r\x1b[2K{line}");
        let _ = err.flush();
    };
    let result = Store::vacuum(&env.db, &progress);
    if show {
        eprint!("\r\x1b[2K");
    }
    let report = result.with_context(|| format!("cannot vacuum {}", env.db.display()))?;
    let mut out = Out::new();
    out.line(&format!(
        "{}: {:.1} MB -> {:.1} MB; pages {} -> {} bytes, auto-vacuum {} -> {}",
        env.db.display(),
        report.bytes_before as f64 / MB,
        report.bytes_after as f64 / MB,
        report.page_size_before,
        report.page_size_after,
        auto_vacuum_name(report.auto_vacuum_before),
        auto_vacuum_name(report.auto_vacuum_after),
    ))?;
    Ok(ExitCode::SUCCESS)
}
