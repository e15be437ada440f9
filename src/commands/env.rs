//! What every command runs in: the configuration, where the cache is, logging, and the
//! `--demo` set-up (bundled feeds and a throwaway cache in a temporary directory).

use std::path::{Path, PathBuf};

use anyhow::{Context, Result};

use crate::config::Config;
use crate::config::paths::Paths;
use crate::fetch::{Fetcher, FetcherOptions};
use crate::model::FeedSpec;
use crate::store::Store;
use crate::sync::ClientOptions;
use crate::sync::password::PASSWORD_ENV;
use crate::worker::sync::{SyncOptions, SyncSetup};

/// The demo's settings: it works offline, and its articles' links point at the web, so it
/// fetches no article pages.
const DEMO_SETTINGS: &str = "[settings]\nfull_text = false\n";

/// The demo feeds, embedded so `--demo` works from any directory and offline.
const DEMO_FEEDS: &[(&str, &str, &[&str])] = &[
    (
        "world.xml",
        include_str!("../../assets/demo/world.xml"),
        &["world"],
    ),
    (
        "europe.atom",
        include_str!("../../assets/demo/europe.atom"),
        &["europe"],
    ),
    (
        "regions.json",
        include_str!("../../assets/demo/regions.json"),
        &["africa", "asia", "americas"],
    ),
];

/// Where this run's config and cache are, and the loaded config.
pub(super) struct Env {
    pub(super) config: Config,
    /// The cache file (the demo's is in its temporary directory).
    pub(super) db: PathBuf,
    /// The configuration file (the demo's is written in its temporary directory, so the
    /// reader's feed keys work there too).
    pub(super) config_path: PathBuf,
    /// Holds the demo's temporary directory until the run ends.
    demo_dir: Option<TempDir>,
}

impl Env {
    /// The user's configuration (written with the defaults the first time) and cache, with
    /// logging to the data directory.
    pub(super) fn user(config: Option<PathBuf>, db: Option<PathBuf>) -> Result<Env> {
        let paths = Paths::resolve(config, db)?;
        init_logging(&paths.log_dir);
        let (config, created) = Config::load_or_init(&paths.config)?;
        if created {
            eprintln!(
                "dateline: wrote the default configuration to {}; edit it to choose your feeds",
                paths.config.display()
            );
        }
        Ok(Env {
            config,
            db: paths.db,
            config_path: paths.config,
            demo_dir: None,
        })
    }

    /// The bundled demo feeds and a throwaway cache, in a temporary directory.
    pub(super) fn demo() -> Result<Env> {
        let dir = TempDir::new("dateline-demo")?;
        let mut feeds = Vec::new();
        for (name, content, tags) in DEMO_FEEDS {
            let path = dir.path().join(name);
            std::fs::write(&path, content)
                .with_context(|| format!("cannot write the demo feed {}", path.display()))?;
            let url = url::Url::from_file_path(&path)
                .map_err(|()| anyhow::anyhow!("bad demo path {}", path.display()))?;
            feeds.push(FeedSpec {
                url: url.to_string(),
                title: None,
                tags: tags.iter().map(|t| (*t).to_string()).collect(),
            });
        }
        let config_path = dir.path().join("config.toml");
        let (text, _) = crate::config::import::add_feeds_to_config(DEMO_SETTINGS, feeds)
            .context("cannot write the demo configuration")?;
        std::fs::write(&config_path, &text)
            .with_context(|| format!("cannot write {}", config_path.display()))?;
        let config = Config::from_toml(&text, &config_path)?;
        // A throwaway cache file beside the feeds (not in memory), so that the demo runs the
        // reader as a user's cache does: write-ahead log, a second connection for queries.
        let db = dir.path().join("cache.db");
        Ok(Env {
            config,
            db,
            config_path,
            demo_dir: Some(dir),
        })
    }

    /// Opens (creating it if needed) the cache, with the configured feeds in it. With
    /// `[sync]` set the server owns the feed list (a sync brings it), so `[[feeds]]` is not
    /// applied.
    pub(super) fn open_store(&self) -> Result<Store> {
        let path = &self.db;
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir)
                .with_context(|| format!("cannot create {}", dir.display()))?;
        }
        let mut store = Store::open(path)?;
        if self.config.sync.is_none() {
            store.sync_feeds(&self.config.feeds)?;
        }
        Ok(store)
    }

    /// What a sync with the `[sync]` server needs, when one is configured (never for
    /// `--demo`): its settings, the client's limits from `[settings]`, and the password
    /// from `DATELINE_SYNC_PASSWORD` if set.
    pub(super) fn sync_setup(&self) -> Option<SyncSetup> {
        let config = self.config.sync.clone().filter(|_| !self.is_demo())?;
        Some(SyncSetup {
            config,
            client: ClientOptions::from_settings(&self.config.settings),
            options: SyncOptions::default(),
            password_env: std::env::var(PASSWORD_ENV).ok(),
        })
    }

    /// A fetcher with the configured limits.
    pub(super) fn fetcher(&self) -> Result<Fetcher> {
        let s = &self.config.settings;
        Ok(Fetcher::new(FetcherOptions {
            concurrency: s.concurrency,
            per_host: s.per_host,
            connect_timeout: s.connect_timeout,
            timeout: s.timeout,
            max_bytes: s.max_feed_bytes,
            user_agent: s.user_agent.clone(),
        })?)
    }

    /// Whether this is a `--demo` run.
    pub(super) fn is_demo(&self) -> bool {
        self.demo_dir.is_some()
    }
}

/// A runtime for the worker's tasks: `threads` worker threads, or one per core.
pub(super) fn runtime(threads: Option<usize>) -> Result<tokio::runtime::Runtime> {
    let mut builder = tokio::runtime::Builder::new_multi_thread();
    if let Some(threads) = threads {
        builder.worker_threads(threads);
    }
    builder
        .enable_all()
        .build()
        .context("cannot start the async runtime")
}

/// A directory removed when dropped (the demo's feeds live here).
struct TempDir(PathBuf);

impl TempDir {
    fn new(prefix: &str) -> Result<TempDir> {
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.subsec_nanos())
            .unwrap_or(0);
        let path = std::env::temp_dir().join(format!("{prefix}-{}-{nanos}", std::process::id()));
        std::fs::create_dir_all(&path)
            .with_context(|| format!("cannot create {}", path.display()))?;
        Ok(TempDir(path))
    }

    fn path(&self) -> &Path {
        &self.0
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// Logs go to `dateline.log` in the data directory, never to the terminal.
fn init_logging(dir: &Path) {
    let Ok(()) = std::fs::create_dir_all(dir) else {
        return;
    };
    let Ok(file) = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(dir.join("dateline.log"))
    else {
        return;
    };
    let filter = tracing_subscriber::EnvFilter::try_from_env("DATELINE_LOG")
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info"));
    let _ = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_ansi(false)
        .with_writer(std::sync::Mutex::new(QuietLog(file)))
        .try_init();
}

/// The log file, whose write errors are dropped: on a full disk the log cannot be written
/// either, and the subscriber would otherwise print a complaint on stderr for every event,
/// burying the one message that says the disk is full.
struct QuietLog(std::fs::File);

impl std::io::Write for QuietLog {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let _ = self.0.write_all(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        let _ = self.0.flush();
        Ok(())
    }
}
