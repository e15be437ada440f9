//! Configuration: the feed list and settings, loaded from TOML and validated.
//!
//! The loader takes a string (so tests can feed it) and returns a validated [`Config`]; unknown
//! keys and bad values are errors that name the file, the line and the key. The shipped default
//! lives in `config/default.toml` and is embedded with `include_str!`. This module does no network
//! or database I/O; the only files it touches are the config file itself, in
//! [`Config::load_or_init`].
//!
//! Parsing happens in two steps: serde reads the text into "raw" structs that mirror the file
//! (every field optional, values wrapped in [`toml::Spanned`] so each one knows where it came
//! from), then [`validate`](Config::from_toml) checks ranges and URLs and fills in defaults.

pub mod edit;
mod full_text;
pub mod import;
mod locate;
pub mod paths;
mod sync;
mod theme;

pub use full_text::FullText;
pub use sync::SyncConfig;
use sync::{RawSync, validate_sync};
pub use theme::{COLOUR_NAMES, Colour};

use std::collections::{BTreeMap, HashMap};
use std::fmt;
use std::path::{Path, PathBuf};
use std::time::Duration;

use serde::Deserialize;
use serde::de::{self, Deserializer, SeqAccess, Visitor};
use toml::Spanned;

use crate::model::FeedSpec;

/// The shipped default configuration, commented.
pub const DEFAULT_CONFIG: &str = include_str!("../../config/default.toml");

/// The `User-Agent` sent when the config does not set one (the same as the shipped default).
pub const DEFAULT_USER_AGENT: &str =
    "dateline/0.1 (terminal newsreader; +https://crates.io/crates/dateline)";

/// Validated settings with defaults filled in.
#[derive(Debug, Clone, PartialEq)]
pub struct Settings {
    /// Feeds fetched at once (default 16).
    pub concurrency: usize,
    /// Feeds fetched at once from one host (default 2).
    pub per_host: usize,
    /// Time allowed to open a connection (default 10 s).
    pub connect_timeout: Duration,
    /// Total time allowed for one feed, body included.
    pub timeout: Duration,
    /// Bytes read from one feed before it is cut off.
    pub max_feed_bytes: u64,
    /// Read, unstarred articles older than this are pruned; `None` keeps everything.
    pub keep_days: Option<u32>,
    /// Sent as `User-Agent` with every request.
    pub user_agent: String,
    /// Refresh every feed in the background when the reader starts.
    pub refresh_on_start: bool,
    /// Opening an article marks it read.
    pub mark_read_on_open: bool,
    /// The reader's feeds pane hides itself on terminals narrower than this many columns
    /// (default 100; `F` shows or hides it at any width).
    pub feeds_pane_min_width: u16,
    /// `O` opens at most this many articles in the browser (default 10).
    pub open_all_max: usize,
    /// Space at the end of an article opens the next unread one (default false).
    pub space_next_unread: bool,
    /// Refresh every feed this often while the reader runs; `None`: never.
    pub refresh_every: Option<Duration>,
    /// Key bindings to start from: `None` the defaults, `Some("newsboat")` newsboat's.
    pub keys_preset: Option<String>,
    /// Whether article pages are fetched for their full text, for feeds that do not say.
    pub full_text: FullText,
}

impl Default for Settings {
    /// The values used for keys missing from `[settings]`.
    fn default() -> Settings {
        Settings {
            concurrency: 16,
            per_host: 2,
            connect_timeout: Duration::from_secs(10),
            timeout: Duration::from_secs(30),
            max_feed_bytes: 10 * MIB,
            keep_days: Some(90),
            user_agent: DEFAULT_USER_AGENT.to_string(),
            refresh_on_start: true,
            mark_read_on_open: true,
            feeds_pane_min_width: 100,
            open_all_max: 10,
            space_next_unread: false,
            refresh_every: None,
            keys_preset: None,
            full_text: FullText::Auto,
        }
    }
}

/// `[commands]`: programs dateline runs, each a program and its arguments (no shell).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Commands {
    /// Plays an enclosure; its address is added as the last argument.
    pub player: Vec<String>,
    /// Run after a refresh that found new articles, with a one-line summary as the last
    /// argument; empty: nothing is run.
    pub notify: Vec<String>,
    /// The summary counts the new articles of each saved view too.
    pub notify_per_view: bool,
}

impl Default for Commands {
    fn default() -> Commands {
        Commands {
            player: vec!["mpv".into(), "--no-video".into()],
            notify: Vec::new(),
            notify_per_view: false,
        }
    }
}

/// `[downloads]`: where enclosures are saved, and how large they may be.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Downloads {
    /// The folder, as written (`~/` is the home directory); `None`: the platform's download
    /// folder, `dateline` inside it.
    pub dir: Option<String>,
    pub max_bytes: u64,
}

impl Default for Downloads {
    fn default() -> Downloads {
        Downloads {
            dir: None,
            max_bytes: 2048 * MIB,
        }
    }
}

/// An `[[ignore]]` rule: articles its query selects are hidden (kept, in no list or count)
/// or dropped (deleted) at every refresh.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct IgnoreRule {
    /// In the query language, e.g. `feed:"Daily Deals" or title:sponsored`.
    pub query: String,
    /// `"hide"` (the default: kept, in no list or count) or `"drop"` (deleted from the cache).
    #[serde(default)]
    pub action: IgnoreAction,
}

/// What an ignore rule does to the articles it selects.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum IgnoreAction {
    #[default]
    Hide,
    Drop,
}

const MIB: u64 = 1024 * 1024;

/// A saved search shown in the reader, as written in `[[views]]`. The query is kept as text;
/// the query language checks it when it is used.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct View {
    /// The label shown to the user.
    pub name: String,
    /// The filter, in the query language.
    pub query: String,
}

/// A validated configuration.
#[derive(Debug, Clone, PartialEq)]
pub struct Config {
    /// `[settings]`, with defaults for missing keys.
    pub settings: Settings,
    /// `[[feeds]]`, in file order, URLs unique, tags deduplicated.
    pub feeds: Vec<FeedSpec>,
    /// `[keys]`: action name -> keys, as written (a single key becomes a one-element list),
    /// with the lines they are on. Not checked here: the keymap validates names and keys,
    /// and names the file and line with [`KeyBindings::line_of`].
    pub keys: KeyBindings,
    /// `[[views]]`, in file order; queries are not checked here.
    pub views: Vec<View>,
    /// `[commands]`.
    pub commands: Commands,
    /// `[downloads]`.
    pub downloads: Downloads,
    /// `[[ignore]]`, in file order; queries are not checked here.
    pub ignore: Vec<IgnoreRule>,
    /// `[theme]`: colour (its index in [`COLOUR_NAMES`]) -> the colour drawn instead, by name.
    pub theme: Vec<(u8, Colour)>,
    /// `[sync]`: the reading-state server, when one is configured.
    pub sync: Option<SyncConfig>,
    /// The feeds whose `full_text` differs from `settings.full_text`, by URL.
    pub full_text: HashMap<String, FullText>,
}

/// The `[keys]` table as written, and where each entry is, so that the keymap's complaints
/// can name the file and the line as other config errors do.
#[derive(Debug, Clone, Default)]
pub struct KeyBindings {
    /// The file the table was read from.
    pub origin: PathBuf,
    /// Action name -> keys.
    table: BTreeMap<String, Vec<String>>,
    /// Action name -> the line of its entry and the line of each of its keys.
    lines: BTreeMap<String, (usize, Vec<usize>)>,
}

impl KeyBindings {
    /// Bindings that come from no file (tests, defaults): every line is 1.
    pub fn from_table(table: BTreeMap<String, Vec<String>>) -> KeyBindings {
        KeyBindings {
            table,
            ..KeyBindings::default()
        }
    }

    /// Action name -> keys, as written.
    pub fn table(&self) -> &BTreeMap<String, Vec<String>> {
        &self.table
    }

    pub fn is_empty(&self) -> bool {
        self.table.is_empty()
    }

    /// The 1-based line of `action`'s key `key` (of its entry when `key` is `None` or not
    /// one of its keys); 1 when the action is not in the table.
    pub fn line_of(&self, action: &str, key: Option<&str>) -> usize {
        let Some((line, key_lines)) = self.lines.get(action) else {
            return 1;
        };
        key.and_then(|k| {
            let i = self.table.get(action)?.iter().position(|t| t == k)?;
            key_lines.get(i).copied()
        })
        .unwrap_or(*line)
    }
}

/// Two tables are equal when they bind the same keys on the same lines, from whatever file.
impl PartialEq for KeyBindings {
    fn eq(&self, other: &KeyBindings) -> bool {
        (&self.table, &self.lines) == (&other.table, &other.lines)
    }
}

impl Eq for KeyBindings {}

impl std::ops::Index<&str> for KeyBindings {
    type Output = Vec<String>;

    fn index(&self, action: &str) -> &Vec<String> {
        &self.table[action]
    }
}

impl Config {
    /// Whether the feed with this URL has its article pages fetched.
    pub fn full_text_of(&self, url: &str) -> FullText {
        self.full_text
            .get(url)
            .copied()
            .unwrap_or(self.settings.full_text)
    }
}

/// A configuration problem, written for the user.
#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    /// The file exists but cannot be read.
    #[error("cannot read {path}: {source}")]
    Read {
        path: PathBuf,
        source: std::io::Error,
    },
    /// The default config cannot be written.
    #[error("cannot write {path}: {source}")]
    Write {
        path: PathBuf,
        source: std::io::Error,
    },
    /// Bad syntax, an unknown key or a bad value. `line` counts from 1; `key` is dotted
    /// (`settings.concurrency`, `feeds[3].url`) and array indices count from 1, like the
    /// `[[feeds]]` blocks a user sees in the file.
    #[error("{path}:{line}: {key}: {message}")]
    Invalid {
        path: PathBuf,
        line: usize,
        key: String,
        message: String,
    },
}

// ---------------------------------------------------------------------------------------------
// Raw structs: the file as written.

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawConfig {
    #[serde(default)]
    settings: RawSettings,
    #[serde(default)]
    feeds: Vec<RawFeed>,
    #[serde(default)]
    keys: BTreeMap<String, Spanned<KeyList>>,
    #[serde(default)]
    views: Vec<View>,
    #[serde(default)]
    commands: RawCommands,
    #[serde(default)]
    downloads: RawDownloads,
    #[serde(default)]
    ignore: Vec<IgnoreRule>,
    #[serde(default)]
    theme: BTreeMap<String, Spanned<String>>,
    sync: Option<RawSync>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCommands {
    player: Option<Spanned<Vec<String>>>,
    notify: Option<Spanned<Vec<String>>>,
    notify_per_view: Option<bool>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawDownloads {
    dir: Option<Spanned<String>>,
    max_mb: Option<Spanned<i64>>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSettings {
    concurrency: Option<Spanned<i64>>,
    per_host: Option<Spanned<i64>>,
    connect_timeout_secs: Option<Spanned<i64>>,
    timeout_secs: Option<Spanned<i64>>,
    max_feed_mb: Option<Spanned<i64>>,
    keep_days: Option<Spanned<i64>>,
    user_agent: Option<Spanned<String>>,
    refresh_on_start: Option<bool>,
    mark_read_on_open: Option<bool>,
    full_text: Option<FullText>,
    feeds_pane_min_width: Option<Spanned<i64>>,
    open_all_max: Option<Spanned<i64>>,
    space_next_unread: Option<bool>,
    refresh_minutes: Option<Spanned<i64>>,
    keys_preset: Option<Spanned<String>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFeed {
    url: Spanned<String>,
    title: Option<Spanned<String>>,
    #[serde(default)]
    tags: Vec<Spanned<String>>,
    full_text: Option<FullText>,
}

/// A key binding value: `"j"` or `["j", "down"]`; each key of a list with its byte offset.
#[derive(Debug)]
struct KeyList(Vec<(String, Option<usize>)>);

impl<'de> Deserialize<'de> for KeyList {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<KeyList, D::Error> {
        struct KeyListVisitor;
        impl<'de> Visitor<'de> for KeyListVisitor {
            type Value = KeyList;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str(r#"a key like "j" or a list of keys like ["j", "down"]"#)
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<KeyList, E> {
                Ok(KeyList(vec![(v.to_string(), None)]))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<KeyList, A::Error> {
                let mut keys = Vec::new();
                while let Some(key) = seq.next_element::<Spanned<String>>()? {
                    let at = key.span().start;
                    keys.push((key.into_inner(), Some(at)));
                }
                Ok(KeyList(keys))
            }
        }
        deserializer.deserialize_any(KeyListVisitor)
    }
}

// ---------------------------------------------------------------------------------------------

impl Config {
    /// Parses and validates `text`; `origin` is only used in error messages.
    pub fn from_toml(text: &str, origin: &Path) -> Result<Config, ConfigError> {
        let raw: RawConfig = toml::from_str(text).map_err(|e| {
            let (line, key) = match e.span() {
                Some(span) => (
                    locate::line_of(text, span.start),
                    locate::key_at(text, span.start),
                ),
                None => (1, String::new()),
            };
            ConfigError::Invalid {
                path: origin.to_path_buf(),
                line,
                key: if key.is_empty() { "(file)".into() } else { key },
                message: friendly_message(e.message()),
            }
        })?;
        let keys = key_bindings(&raw.keys, text, origin);
        let mut config = validate(raw).map_err(|bad| ConfigError::Invalid {
            path: origin.to_path_buf(),
            line: locate::line_of(text, bad.at),
            key: bad.key,
            message: bad.message,
        })?;
        config.keys = keys;
        Ok(config)
    }

    /// Reads `path`; when it does not exist, writes [`DEFAULT_CONFIG`] there first (creating
    /// the directory) and returns `created = true` so the caller can say where.
    pub fn load_or_init(path: &Path) -> Result<(Config, bool), ConfigError> {
        match std::fs::read_to_string(path) {
            Ok(text) => Ok((Config::from_toml(&text, path)?, false)),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                let write_err = |source| ConfigError::Write {
                    path: path.to_path_buf(),
                    source,
                };
                if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
                    std::fs::create_dir_all(dir).map_err(write_err)?;
                }
                std::fs::write(path, DEFAULT_CONFIG).map_err(write_err)?;
                Ok((Config::from_toml(DEFAULT_CONFIG, path)?, true))
            }
            Err(source) => Err(ConfigError::Read {
                path: path.to_path_buf(),
                source,
            }),
        }
    }
}

/// The `[keys]` table with the line of each entry and key.
fn key_bindings(
    raw: &BTreeMap<String, Spanned<KeyList>>,
    text: &str,
    origin: &Path,
) -> KeyBindings {
    let mut table = BTreeMap::new();
    let mut lines = BTreeMap::new();
    for (name, list) in raw {
        let line = locate::line_of(text, list.span().start);
        let keys = &list.get_ref().0;
        table.insert(name.clone(), keys.iter().map(|(k, _)| k.clone()).collect());
        let key_lines = keys
            .iter()
            .map(|(_, at)| at.map_or(line, |at| locate::line_of(text, at)))
            .collect();
        lines.insert(name.clone(), (line, key_lines));
    }
    KeyBindings {
        origin: origin.to_path_buf(),
        table,
        lines,
    }
}

/// Rewrites serde's type vocabulary ("i64", "a sequence") into words a user knows.
fn friendly_message(message: &str) -> String {
    let message = message.trim();
    message
        .replace("unknown field", "unknown key")
        .replace("missing field", "missing key")
        .replace("expected i64", "expected a whole number")
        .replace("expected a sequence", "expected a list like [\"a\", \"b\"]")
        .replace("expected struct RawSettings", "expected a table")
        .replace("expected struct RawFeed", "expected a table")
        .replace(
            "expected struct View",
            "expected a table with `name` and `query`",
        )
        .replace("expected struct RawConfig", "expected a table")
        .replace("expected struct RawSync", "expected a table")
        .replace("expected a map", "expected a table")
}

/// A validation failure: where (byte offset), which key, why.
struct Bad {
    at: usize,
    key: String,
    message: String,
}

fn bad(at: usize, key: impl Into<String>, message: impl Into<String>) -> Bad {
    Bad {
        at,
        key: key.into(),
        message: message.into(),
    }
}

/// Checks an integer setting against `min..=max`, falling back to `default` when absent.
fn int_in(
    value: &Option<Spanned<i64>>,
    name: &str,
    min: i64,
    max: i64,
    default: i64,
) -> Result<i64, Bad> {
    match value {
        None => Ok(default),
        Some(v) => {
            let n = *v.get_ref();
            if (min..=max).contains(&n) {
                Ok(n)
            } else {
                Err(bad(
                    v.span().start,
                    if name.contains('.') {
                        name.to_string()
                    } else {
                        format!("settings.{name}")
                    },
                    format!("{n} is out of range: use a number from {min} to {max}"),
                ))
            }
        }
    }
}

fn validate(raw: RawConfig) -> Result<Config, Bad> {
    let s = &raw.settings;
    let d = Settings::default();
    let as_usize = |n: i64| usize::try_from(n).unwrap_or(usize::MAX);
    let as_u64 = |n: i64| u64::try_from(n).unwrap_or(0);
    let concurrency = int_in(&s.concurrency, "concurrency", 1, 256, 16)?;
    let per_host = int_in(&s.per_host, "per_host", 1, 256, 2)?;
    let connect = int_in(&s.connect_timeout_secs, "connect_timeout_secs", 1, 3600, 10)?;
    let timeout = int_in(&s.timeout_secs, "timeout_secs", 1, 86_400, 30)?;
    let max_mb = int_in(&s.max_feed_mb, "max_feed_mb", 1, 4096, 10)?;
    let keep_days = int_in(&s.keep_days, "keep_days", 0, 1_000_000, 90)?;
    let feeds_min = int_in(
        &s.feeds_pane_min_width,
        "feeds_pane_min_width",
        0,
        10_000,
        i64::from(d.feeds_pane_min_width),
    )?;
    let user_agent = match &s.user_agent {
        None => d.user_agent,
        Some(ua) => {
            let text = ua.get_ref();
            if text.trim().is_empty() {
                return Err(bad(
                    ua.span().start,
                    "settings.user_agent",
                    "is empty: remove the line to use the default",
                ));
            }
            if text.chars().any(char::is_control) || !text.is_ascii() {
                return Err(bad(
                    ua.span().start,
                    "settings.user_agent",
                    "may only contain printable ASCII characters (it is sent as an HTTP header)",
                ));
            }
            text.clone()
        }
    };
    let settings = Settings {
        concurrency: as_usize(concurrency),
        per_host: as_usize(per_host),
        connect_timeout: Duration::from_secs(as_u64(connect)),
        timeout: Duration::from_secs(as_u64(timeout)),
        max_feed_bytes: as_u64(max_mb) * MIB,
        keep_days: u32::try_from(keep_days).ok().filter(|&n| n > 0),
        user_agent,
        refresh_on_start: s.refresh_on_start.unwrap_or(d.refresh_on_start),
        mark_read_on_open: s.mark_read_on_open.unwrap_or(d.mark_read_on_open),
        feeds_pane_min_width: u16::try_from(feeds_min).unwrap_or(u16::MAX),
        open_all_max: as_usize(int_in(&s.open_all_max, "open_all_max", 1, 1000, 10)?),
        space_next_unread: s.space_next_unread.unwrap_or(d.space_next_unread),
        refresh_every: match int_in(&s.refresh_minutes, "refresh_minutes", 0, 10_080, 0)? {
            0 => None,
            m => Some(Duration::from_secs(as_u64(m) * 60)),
        },
        keys_preset: match &s.keys_preset {
            None => None,
            Some(p) => match p.get_ref().as_str() {
                "default" => None,
                "newsboat" => Some("newsboat".to_string()),
                other => {
                    return Err(bad(
                        p.span().start,
                        "settings.keys_preset",
                        format!("{other:?} is not a preset: use \"default\" or \"newsboat\""),
                    ));
                }
            },
        },
        full_text: s.full_text.unwrap_or(d.full_text),
    };
    let command = |v: &Option<Spanned<Vec<String>>>, name: &str, default: Vec<String>| match v {
        None => Ok(default),
        Some(list) => {
            let words = list.get_ref();
            if words.first().is_none_or(|p| p.trim().is_empty()) && name != "notify" {
                Err(bad(
                    list.span().start,
                    format!("commands.{name}"),
                    "is empty: give a program and its arguments, e.g. [\"mpv\", \"--no-video\"]",
                ))
            } else {
                Ok(words.clone())
            }
        }
    };
    let dc = Commands::default();
    let commands = Commands {
        player: command(&raw.commands.player, "player", dc.player)?,
        notify: command(&raw.commands.notify, "notify", dc.notify)?,
        notify_per_view: raw.commands.notify_per_view.unwrap_or(false),
    };
    let downloads = Downloads {
        dir: match &raw.downloads.dir {
            Some(d) if d.get_ref().trim().is_empty() => {
                return Err(bad(
                    d.span().start,
                    "downloads.dir",
                    "is empty: remove the line to use your download folder",
                ));
            }
            d => d.as_ref().map(|d| d.get_ref().clone()),
        },
        max_bytes: as_u64(int_in(
            &raw.downloads.max_mb,
            "downloads.max_mb",
            1,
            1_000_000,
            2048,
        )?) * MIB,
    };
    let mut theme = Vec::new();
    for (name, colour) in &raw.theme {
        let at = colour.span().start;
        let Some(i) = COLOUR_NAMES.iter().position(|n| n == name) else {
            return Err(bad(
                at,
                format!("theme.{name}"),
                format!(
                    "no colour is called {name:?}: use one of {}",
                    COLOUR_NAMES.join(", ")
                ),
            ));
        };
        let c = Colour::parse(colour.get_ref()).map_err(|m| bad(at, format!("theme.{name}"), m))?;
        theme.push((i as u8, c));
    }
    let mut full_text = HashMap::new();

    let mut feeds = Vec::with_capacity(raw.feeds.len());
    // URL -> (1-based feed number, byte offset) of its first appearance.
    let mut seen: HashMap<String, (usize, usize)> = HashMap::new();
    for (i, feed) in raw.feeds.into_iter().enumerate() {
        let n = i + 1;
        let url_at = feed.url.span().start;
        let url = feed.url.into_inner();
        check_feed_url(&url).map_err(|m| bad(url_at, format!("feeds[{n}].url"), m))?;
        if let Some(&(first, _)) = seen.get(&url) {
            return Err(bad(
                url_at,
                format!("feeds[{n}].url"),
                format!("{url} is already configured as feeds[{first}]: remove one of them"),
            ));
        }
        seen.insert(url.clone(), (n, url_at));
        let title = match feed.title {
            None => None,
            Some(t) => {
                if t.get_ref().trim().is_empty() {
                    return Err(bad(
                        t.span().start,
                        format!("feeds[{n}].title"),
                        "is empty: remove the line to use the feed's own title",
                    ));
                }
                Some(t.into_inner())
            }
        };
        let mut tags: Vec<String> = Vec::with_capacity(feed.tags.len());
        for (j, tag) in feed.tags.into_iter().enumerate() {
            if tag.get_ref().trim().is_empty() {
                return Err(bad(
                    tag.span().start,
                    format!("feeds[{n}].tags[{}]", j + 1),
                    "is empty: a tag needs at least one visible character",
                ));
            }
            let tag = tag.into_inner();
            if !tags.contains(&tag) {
                tags.push(tag);
            }
        }
        if let Some(mode) = feed.full_text.filter(|m| *m != settings.full_text) {
            full_text.insert(url.clone(), mode);
        }
        feeds.push(FeedSpec { url, title, tags });
    }

    let sync = raw.sync.map(validate_sync).transpose()?;

    Ok(Config {
        settings,
        feeds,
        keys: KeyBindings::default(),
        views: raw.views,
        full_text,
        commands,
        downloads,
        ignore: raw.ignore,
        theme,
        sync,
    })
}

/// Checks that `url` is something dateline can fetch: an `http`/`https` URL, a `file://` URL
/// or a local path. The error says what is wrong, for the user.
pub fn check_feed_url(url: &str) -> Result<(), String> {
    if url.trim().is_empty() {
        return Err("is empty: give the feed's address, e.g. https://example.com/feed.xml".into());
    }
    if url.trim() != url {
        return Err(format!(
            "\"{url}\" has spaces at the start or end: remove them"
        ));
    }
    match url::Url::parse(url) {
        Ok(parsed) => match parsed.scheme() {
            "http" | "https" | "file" => Ok(()),
            // A Windows path such as C:\feeds\news.xml parses as scheme "c".
            s if s.len() == 1 => Ok(()),
            s => Err(format!(
                "{url}: `{s}:` addresses are not supported: use http://, https://, file:// or a \
                 local path"
            )),
        },
        Err(url::ParseError::RelativeUrlWithoutBase) => Ok(()),
        Err(e) => Err(format!("{url} is not a valid URL: {e}")),
    }
}

#[cfg(test)]
mod tests;
