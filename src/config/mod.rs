//! Configuration: the feed list and settings, loaded from TOML and validated.
//!
//! The loader takes a string (so tests can feed it) and returns a validated [`Config`]; unknown
//! keys and bad values are errors that name the file, the line and the key. The shipped default
//! lives in `config/default.toml` and is embedded with `include_str!`. This module does no network
//! or database I/O.

pub mod import;
pub mod paths;

use std::path::{Path, PathBuf};
use std::time::Duration;

use crate::model::FeedSpec;

/// The shipped default configuration, commented.
pub const DEFAULT_CONFIG: &str = include_str!("../../config/default.toml");

/// Validated settings with defaults filled in.
#[derive(Debug, Clone, PartialEq)]
pub struct Settings {
    /// Feeds fetched at once (default 16).
    pub concurrency: usize,
    /// Feeds fetched at once from one host (default 2).
    pub per_host: usize,
    pub connect_timeout: Duration,
    /// Total time allowed for one feed, body included.
    pub timeout: Duration,
    /// Bytes read from one feed before it is cut off.
    pub max_feed_bytes: u64,
    /// Read, unstarred articles older than this are pruned; `None` keeps everything.
    pub keep_days: Option<u32>,
    pub user_agent: String,
    pub refresh_on_start: bool,
    pub mark_read_on_open: bool,
}

/// A validated configuration.
#[derive(Debug, Clone, PartialEq)]
pub struct Config {
    pub settings: Settings,
    pub feeds: Vec<FeedSpec>,
}

/// A configuration problem, written for the user.
#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error("cannot read {path}: {source}")]
    Read {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("cannot write {path}: {source}")]
    Write {
        path: PathBuf,
        source: std::io::Error,
    },
    /// Bad syntax, an unknown key or a bad value.
    #[error("{path}:{line}: {key}: {message}")]
    Invalid {
        path: PathBuf,
        line: usize,
        key: String,
        message: String,
    },
}

impl Config {
    /// Parses and validates `text`; `origin` is only used in error messages.
    pub fn from_toml(text: &str, origin: &Path) -> Result<Config, ConfigError> {
        todo!("{text}{origin:?}")
    }

    /// Reads `path`; when it does not exist, writes [`DEFAULT_CONFIG`] there first (creating
    /// the directory) and returns `created = true` so the caller can say where.
    pub fn load_or_init(path: &Path) -> Result<(Config, bool), ConfigError> {
        todo!("{path:?}")
    }
}
