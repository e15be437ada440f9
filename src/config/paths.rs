//! Where dateline keeps its files: config, cache database and log.
//!
//! Defaults come from `directories::ProjectDirs`; `--config`/`DATELINE_CONFIG` and
//! `--db`/`DATELINE_DB` override them (clap reads the environment, this module takes the
//! result).

use std::path::PathBuf;

/// Resolved locations.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Paths {
    pub config: PathBuf,
    pub db: PathBuf,
    /// Directory for the log file.
    pub log_dir: PathBuf,
}

impl Paths {
    /// Default locations, overridden by the given files.
    pub fn resolve(config: Option<PathBuf>, db: Option<PathBuf>) -> anyhow::Result<Paths> {
        todo!("{config:?}{db:?}")
    }
}
