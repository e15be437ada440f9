//! The edge: runs a parsed command line against the config, the cache and the worker.
//!
//! Errors here are `anyhow` with context for the user; the typed errors of the layers below
//! are wrapped, never swallowed. Output goes through [`Out`], which treats a closed pipe
//! (`dateline list | head`) as a normal end.

use std::io::{self, IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context, Result, bail};
use chrono::{DateTime, Local, Utc};
use serde::Serialize;
use tokio::sync::mpsc;

use crate::cli::{
    Cli, Command, EntitiesArgs, ExtractArgs, ImportArgs, KindArg, ListArgs, MarkReadArgs,
    RefreshArgs, ShowArgs,
};
use crate::config::paths::Paths;
use crate::config::{Config, import};
use crate::fetch::{Fetcher, FetcherOptions};
use crate::model::{Article, ArticleId, ArticleSummary, EntityKind, Feed, FeedSpec};
use crate::query::{Expr as QueryExpr, Flag as QueryFlag, Query, Term as QueryTerm};
use crate::store::{ArticleFilter, Store};
use crate::worker::extract::ExtractSummary;
use crate::worker::{self, FeedOutcome, RefreshEvent, RefreshSummary, StoreActor};

/// The demo feeds, embedded so `--demo` works from any directory and offline.
const DEMO_FEEDS: &[(&str, &str, &[&str])] = &[
    (
        "world.xml",
        include_str!("../assets/demo/world.xml"),
        &["world"],
    ),
    (
        "europe.atom",
        include_str!("../assets/demo/europe.atom"),
        &["europe"],
    ),
    (
        "regions.json",
        include_str!("../assets/demo/regions.json"),
        &["africa", "asia", "americas"],
    ),
];

/// A usage error: exit code 2, like clap's own.
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct UsageError(pub String);

/// Runs the command line; returns the process exit code.
pub fn run(cli: Cli) -> Result<ExitCode> {
    // Extraction needs neither the configuration nor the cache.
    if let Some(Command::Extract(args)) = &cli.command {
        return extract_cmd(args);
    }
    let mut env = if cli.demo {
        Env::demo()?
    } else {
        Env::user(cli.config.clone(), cli.db.clone())?
    };
    match cli.command {
        None => default_view(&mut env),
        Some(Command::Refresh(args)) => refresh_cmd(&mut env, &args),
        Some(Command::Feeds(args)) => feeds_cmd(&mut env, args.json),
        Some(Command::List(args)) => list_cmd(&mut env, &args),
        Some(Command::Show(args)) => show_cmd(&mut env, &args),
        Some(Command::MarkRead(args)) => mark_read_cmd(&mut env, &args),
        Some(Command::Import(args)) => import_cmd(&env, &args),
        Some(Command::Export) => export_cmd(&env),
        Some(Command::Extract(args)) => extract_cmd(&args),
        Some(Command::Entities(args)) => entities_cmd(&mut env, &args),
        Some(Command::Reindex) => reindex_cmd(&mut env),
    }
}

/// Where this run's config and cache are, and the loaded config.
struct Env {
    config: Config,
    config_path: PathBuf,
    /// The cache file (the demo's is in its temporary directory).
    db: PathBuf,
    /// Holds the demo's temporary directory until the run ends.
    _demo_dir: Option<TempDir>,
}

impl Env {
    fn user(config: Option<PathBuf>, db: Option<PathBuf>) -> Result<Env> {
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
            config_path: paths.config,
            db: paths.db,
            _demo_dir: None,
        })
    }

    fn demo() -> Result<Env> {
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
        let mut config = Config::from_toml("", &config_path)?;
        config.feeds = feeds;
        // A throwaway cache file beside the feeds (not in memory), so that the demo runs the
        // reader as a user's cache does: write-ahead log, a second connection for queries.
        let db = dir.path().join("cache.db");
        Ok(Env {
            config,
            config_path,
            db,
            _demo_dir: Some(dir),
        })
    }

    fn open_store(&self) -> Result<Store> {
        let path = &self.db;
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir)
                .with_context(|| format!("cannot create {}", dir.display()))?;
        }
        let mut store = Store::open(path)?;
        store.sync_feeds(&self.config.feeds)?;
        Ok(store)
    }

    fn fetcher(&self) -> Result<Fetcher> {
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
}

/// The reader on a terminal; elsewhere (a pipe, a cron job) refresh and print the unread
/// articles instead.
fn default_view(env: &mut Env) -> Result<ExitCode> {
    if io::stdout().is_terminal() && io::stdin().is_terminal() {
        return reader(env);
    }
    let args = RefreshArgs {
        feed: Vec::new(),
        json: false,
        no_extract: true,
    };
    refresh_with(env, &args, &mut |store| {
        let list = ListArgs {
            unread: true,
            feed: None,
            limit: Some(40),
            json: false,
            query: Vec::new(),
        };
        print_list(&store, &list)
    })
}

/// Opens the interactive reader on the cache.
fn reader(env: &mut Env) -> Result<ExitCode> {
    let store = env.open_store()?;
    let fetcher = env.fetcher()?;
    let (actor, store_thread) =
        StoreActor::spawn(store).context("cannot start the cache thread")?;
    // The list's queries get their own read-only connection, so scrolling never waits behind
    // a refresh's writes; without one (it failed to open) they share the writing thread.
    let actor = match Store::open_reader(&env.db) {
        Ok(reader) => actor
            .with_reader(reader)
            .context("cannot start the cache reader thread")?,
        Err(e) => {
            tracing::warn!("no read-only connection, queries share the writer: {e}");
            actor
        }
    };
    let s = &env.config.settings;
    let result = crate::ui::run(crate::ui::UiContext {
        store: actor,
        fetcher,
        keep_days: s.keep_days,
        // The demo's point is to show its feeds arriving.
        refresh_on_start: s.refresh_on_start || env._demo_dir.is_some(),
        mark_read_on_open: s.mark_read_on_open,
        keys: env.config.keys.clone(),
        views: env.config.views.clone(),
    });
    // Let queued writes (read marks) finish before the process ends.
    let _ = store_thread.join();
    result?;
    Ok(ExitCode::SUCCESS)
}

/// Refreshes, reports, then (unless `--no-extract`) finds the entities of the new articles:
/// the articles are stored and counted before any extraction starts.
fn refresh_cmd(env: &mut Env, args: &RefreshArgs) -> Result<ExitCode> {
    let (no_extract, quiet) = (args.no_extract, args.json);
    refresh_with(env, args, &mut |store| {
        if no_extract {
            return Ok(());
        }
        let progress = !quiet && io::stderr().is_terminal();
        let (_, summary) = extract_all(store, progress)?;
        if !quiet && summary.articles > 0 {
            eprintln!(
                "entities: {} articles, {} mentions ({:.1} s)",
                summary.articles, summary.mentions, summary.seconds
            );
        }
        Ok(())
    })
}

/// Runs the extraction queue on `store` until no article needs it, with a progress line
/// on stderr when `progress`; gives the store back with the totals.
fn extract_all(store: Store, progress: bool) -> Result<(Store, ExtractSummary)> {
    let version = worker::extract::model_version();
    let total = if progress {
        store.articles_to_extract(version, u32::MAX)?.len()
    } else {
        0
    };
    let (actor, store_thread) =
        StoreActor::spawn(store).context("cannot start the cache thread")?;
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .context("cannot start the async runtime")?;
    let priority = worker::extract::Priority::default();
    let mut done = 0usize;
    let result = runtime.block_on(worker::extract::drain(&actor, &priority, |batch| {
        done += batch.articles.len();
        if progress {
            eprint!("\r\x1b[2Kfinding people and places: {done}/{total} articles");
        }
    }));
    if progress {
        eprint!("\r\x1b[2K");
    }
    drop(runtime);
    let store = take_store(actor, store_thread)?;
    let summary = result.context("finding people and places failed")?;
    Ok((store, summary))
}

/// `dateline reindex`: every article's entities again, then a summary on stderr.
fn reindex_cmd(env: &mut Env) -> Result<ExitCode> {
    let mut store = env.open_store()?;
    store.forget_extractions()?;
    let (mut store, summary) = extract_all(store, io::stderr().is_terminal())?;
    store.delete_orphaned_entities()?;
    let (mentions, entities, _) = store.entity_totals()?;
    let rate = |secs: f64| {
        if secs > 0.0 {
            summary.words as f64 / secs
        } else {
            0.0
        }
    };
    eprintln!(
        "reindexed {} articles: {} mentions of {} entities ({} words in {:.2} s: {:.0} words/s; \
         extractor alone {:.0} words/s per core)",
        summary.articles,
        mentions,
        entities,
        summary.words,
        summary.seconds,
        rate(summary.seconds),
        rate(summary.extract_seconds)
    );
    Ok(ExitCode::SUCCESS)
}

/// `dateline entities`: the most-mentioned entities, in the cache or a query's articles.
fn entities_cmd(env: &mut Env, args: &EntitiesArgs) -> Result<ExitCode> {
    let store = env.open_store()?;
    let kind = args.kind.map(|k| match k {
        KindArg::Person => EntityKind::Person,
        KindArg::Place => EntityKind::Place,
        KindArg::Org => EntityKind::Org,
    });
    let query = if args.query.is_empty() {
        None
    } else {
        Some(parse_query(&args.query.join(" "))?)
    };
    let now = Local::now().fixed_offset();
    let top = store.top_entities(kind, query.as_ref().map(|q| (q, now)), args.limit)?;
    let mut rows = Vec::with_capacity(top.len());
    for e in top {
        let aliases = store.entity_aliases(e.id)?;
        rows.push(EntityJson {
            kind: e.kind.as_str(),
            name: e.name,
            aliases,
            mentions: e.mentions,
            articles: e.articles,
            lat: e.lat,
            lon: e.lon,
            country: e.country,
        });
    }
    let mut out = Out::new();
    if args.json {
        out.json(&rows)?;
        return Ok(ExitCode::SUCCESS);
    }
    for e in &rows {
        let mut line = format!(
            "{:>6} {:>5}  {:<6}  {}",
            e.mentions,
            e.articles,
            e.kind,
            crate::sanitize::sanitize_line(&e.name)
        );
        if let Some(c) = &e.country {
            line.push_str(&format!(" ({})", crate::sanitize::sanitize_line(c)));
        }
        if let (Some(lat), Some(lon)) = (e.lat, e.lon) {
            line.push_str(&format!("  {lat:.2}, {lon:.2}"));
        }
        if !e.aliases.is_empty() {
            let aliases: Vec<String> = e
                .aliases
                .iter()
                .map(|a| crate::sanitize::sanitize_line(a))
                .collect();
            line.push_str(&format!("  aka {}", aliases.join(", ")));
        }
        out.line(&line)?;
    }
    Ok(ExitCode::SUCCESS)
}

/// One row of `dateline entities --json`.
#[derive(Serialize)]
struct EntityJson {
    kind: &'static str,
    name: String,
    aliases: Vec<String>,
    mentions: u32,
    articles: u32,
    lat: Option<f64>,
    lon: Option<f64>,
    /// ISO code of a geocoded place's country.
    country: Option<String>,
}

/// Refreshes (all feeds or those named), reports, then runs `after` on the store.
fn refresh_with(
    env: &mut Env,
    args: &RefreshArgs,
    after: &mut dyn FnMut(Store) -> Result<()>,
) -> Result<ExitCode> {
    let store = env.open_store()?;
    let mut feeds = store.feeds()?;
    if !args.feed.is_empty() {
        for url in &args.feed {
            if !feeds.iter().any(|f| &f.url == url) {
                return Err(UsageError(format!("no configured feed has the URL {url}")).into());
            }
        }
        feeds.retain(|f| args.feed.contains(&f.url));
    }
    let fetcher = env.fetcher()?;
    let keep_days = env.config.settings.keep_days;
    let (actor, store_thread) =
        StoreActor::spawn(store).context("cannot start the cache thread")?;
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .context("cannot start the async runtime")?;
    let (tx, mut rx) = mpsc::unbounded_channel();
    let progress = Progress::new(!args.json && io::stderr().is_terminal());
    let mut reports = Vec::new();
    let summary = runtime.block_on(async {
        let run = worker::refresh(&actor, &fetcher, feeds, keep_days, tx);
        tokio::pin!(run);
        let mut progress = progress;
        let mut result = None;
        loop {
            tokio::select! {
                r = &mut run, if result.is_none() => result = Some(r),
                event = rx.recv() => match event {
                    Some(event) => {
                        progress.show(&event);
                        if let RefreshEvent::Feed(report) = event {
                            reports.push(report);
                        }
                    }
                    None => break,
                },
            }
        }
        result.unwrap_or_else(|| Ok(RefreshSummary::default()))
    })?;
    drop(runtime);
    // Take the store back from its thread for what follows.
    let store = take_store(actor, store_thread)?;
    let mut out = Out::new();
    if args.json {
        #[derive(Serialize)]
        struct RefreshJson<'a> {
            feeds: &'a [worker::FeedReport],
            summary: &'a RefreshSummary,
        }
        out.json(&RefreshJson {
            feeds: &reports,
            summary: &summary,
        })?;
    } else {
        reports.sort_by(|a, b| a.title.cmp(&b.title));
        for r in &reports {
            if let FeedOutcome::Failed { error } = &r.outcome {
                eprintln!("failed: {} ({}): {error}", r.title, r.url);
            }
            if let Some(to) = &r.moved_to {
                eprintln!("moved: {} now lives at {to}", r.url);
            }
        }
        eprintln!(
            "{} feeds: {} ok, {} not modified, {} failed{}; {} new articles ({:.1} s)",
            summary.feeds,
            summary.ok,
            summary.not_modified,
            summary.failed,
            if summary.skipped > 0 {
                format!(", {} waiting to retry", summary.skipped)
            } else {
                String::new()
            },
            summary.new_articles,
            summary.seconds
        );
    }
    after(store)?;
    Ok(ExitCode::SUCCESS)
}

/// Ends the store thread and returns the store it owned.
fn take_store(actor: StoreActor, thread: std::thread::JoinHandle<Store>) -> Result<Store> {
    drop(actor);
    thread
        .join()
        .map_err(|_| anyhow::anyhow!("the cache thread crashed"))
}

fn feeds_cmd(env: &mut Env, json: bool) -> Result<ExitCode> {
    let store = env.open_store()?;
    let feeds = store.feeds()?;
    let mut out = Out::new();
    if json {
        let rows: Vec<FeedJson> = feeds.iter().map(FeedJson::from).collect();
        out.json(&rows)?;
    } else {
        for f in &feeds {
            let mark = if f.last_error.is_some() { "!" } else { " " };
            out.line(&format!(
                "{mark}{:>5} unread {:>5} total  {}  [{}]  {}",
                f.unread,
                f.total,
                f.title,
                f.tags.join(", "),
                f.url
            ))?;
            if let Some(e) = &f.last_error {
                out.line(&format!("       last error: {e}"))?;
            }
            if let Some(to) = &f.moved_to {
                out.line(&format!("       moved permanently to {to}"))?;
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn list_cmd(env: &mut Env, args: &ListArgs) -> Result<ExitCode> {
    let store = env.open_store()?;
    print_list(&store, args)?;
    Ok(ExitCode::SUCCESS)
}

fn print_list(store: &Store, args: &ListArgs) -> Result<()> {
    let feed = match &args.feed {
        Some(url) => Some(
            store
                .feed_by_url(url)?
                .ok_or_else(|| UsageError(format!("no configured feed has the URL {url}")))?
                .id,
        ),
        None => None,
    };
    let articles = if args.query.is_empty() {
        let filter = ArticleFilter {
            unread_only: args.unread,
            feed,
            limit: args.limit,
            offset: 0,
        };
        store.articles(&filter)?
    } else {
        let mut q = parse_query(&args.query.join(" "))?;
        // The flags narrow the query: --unread is `is:unread`, --feed is that feed's URL.
        let mut narrow = Vec::new();
        if args.unread {
            narrow.push(QueryExpr::Term(QueryTerm::Is(QueryFlag::Unread)));
        }
        if let Some(url) = args.feed.as_ref().filter(|_| feed.is_some()) {
            narrow.push(QueryExpr::Term(QueryTerm::Feed(url.clone())));
        }
        if !narrow.is_empty() {
            narrow.extend(q.expr.take());
            q.expr = Some(if narrow.len() == 1 {
                narrow.remove(0)
            } else {
                QueryExpr::And(narrow)
            });
        }
        store.query_articles(&q, Local::now().fixed_offset(), args.limit, 0)?
    };
    let mut out = Out::new();
    if args.json {
        let rows: Vec<ArticleJson> = articles.iter().map(ArticleJson::from).collect();
        out.json(&rows)?;
    } else {
        for a in &articles {
            let flags = format!(
                "{}{}",
                if a.read { ' ' } else { 'N' },
                if a.starred { '*' } else { ' ' }
            );
            out.line(&format!(
                "{:>7} {flags} {}  {:<24.24}  {}",
                a.id.0,
                local_date(a.published),
                a.feed_title,
                a.title
            ))?;
        }
    }
    Ok(())
}

/// Parses a query from the command line; a bad one is a usage error showing where.
fn parse_query(text: &str) -> Result<Query> {
    crate::query::parse(text)
        .map_err(|e| UsageError(format!("bad query: {}", e.render(text))).into())
}

fn show_cmd(env: &mut Env, args: &ShowArgs) -> Result<ExitCode> {
    let store = env.open_store()?;
    let article = store.article(ArticleId(args.id))?;
    let mut out = Out::new();
    if args.json {
        out.json(&ArticleFullJson::from(&article))?;
    } else {
        out.line(&article.title)?;
        out.line(&format!("Feed:   {}", article.feed_title))?;
        if !article.authors.is_empty() {
            out.line(&format!("Author: {}", article.authors.join(", ")))?;
        }
        out.line(&format!("Date:   {}", local_date(article.published)))?;
        if let Some(link) = &article.link {
            out.line(&format!("Link:   {link}"))?;
        }
        out.line("")?;
        out.line(&article.text)?;
    }
    Ok(ExitCode::SUCCESS)
}

fn mark_read_cmd(env: &mut Env, args: &MarkReadArgs) -> Result<ExitCode> {
    let mut store = env.open_store()?;
    let read = !args.unread;
    let changed = if let Some(text) = &args.query {
        let q = parse_query(text)?;
        store.mark_query_read(&q, Local::now().fixed_offset(), read)?
    } else if args.all {
        if read {
            store.mark_all_read(&ArticleFilter::default())?
        } else {
            bail!(UsageError("--all --unread is not supported".into()));
        }
    } else {
        let ids: Vec<ArticleId> = args.ids.iter().map(|i| ArticleId(*i)).collect();
        for id in &ids {
            store.article(*id)?;
        }
        store.set_read(&ids, read)?
    };
    eprintln!(
        "{changed} article{} marked {}",
        if changed == 1 { "" } else { "s" },
        if read { "read" } else { "unread" }
    );
    Ok(ExitCode::SUCCESS)
}

fn import_cmd(env: &Env, args: &ImportArgs) -> Result<ExitCode> {
    if env._demo_dir.is_some() {
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

fn export_cmd(env: &Env) -> Result<ExitCode> {
    let mut out = Out::new();
    out.write(&import::export_opml(&env.config.feeds))?;
    Ok(ExitCode::SUCCESS)
}

/// The most `dateline extract` reads as one text (a FILE or standard input, not `--jsonl`).
const EXTRACT_MAX_BYTES: u64 = 64 << 20;

/// `dateline extract`: entities of a text or HTML document, or of JSONL lines.
fn extract_cmd(args: &ExtractArgs) -> Result<ExitCode> {
    let path = args.file.as_deref().filter(|p| *p != Path::new("-"));
    if args.jsonl {
        let input: Box<dyn io::Read> = match path {
            Some(p) => Box::new(
                std::fs::File::open(p).with_context(|| format!("cannot open {}", p.display()))?,
            ),
            None => Box::new(io::stdin()),
        };
        return extract_jsonl(io::BufReader::with_capacity(1 << 16, input));
    }
    let raw = match path {
        Some(p) => read_capped(p, EXTRACT_MAX_BYTES)?,
        None => {
            use std::io::Read;
            let mut bytes = Vec::new();
            io::stdin()
                .lock()
                .take(EXTRACT_MAX_BYTES + 1)
                .read_to_end(&mut bytes)
                .context("cannot read standard input")?;
            if bytes.len() as u64 > EXTRACT_MAX_BYTES {
                bail!(
                    "standard input is larger than {} MB",
                    EXTRACT_MAX_BYTES >> 20
                );
            }
            String::from_utf8_lossy(&bytes).into_owned()
        }
    };
    let text = if looks_like_html(&raw) {
        crate::extract::html::html_to_text(&raw)
    } else {
        raw
    };
    let entities = crate::extract::resolve::extract_entities(&text);
    let mut rows: Vec<ExtractedMention> = entities
        .iter()
        .flat_map(|e| {
            e.mentions.iter().map(move |m| ExtractedMention {
                start: m.start,
                end: m.end,
                label: crate::extract::Label::from(e.kind).as_str(),
                text: m.text.clone(),
                canonical: e.canonical.clone(),
                lat: e.place.as_ref().map(|p| p.lat),
                lon: e.place.as_ref().map(|p| p.lon),
            })
        })
        .collect();
    rows.sort_by_key(|r| (r.start, r.end));
    let mut out = Out::new();
    if args.json {
        out.json(&ExtractedJson { entities: rows })?;
        return Ok(ExitCode::SUCCESS);
    }
    for r in &rows {
        let coords = match (r.lat, r.lon) {
            (Some(lat), Some(lon)) => format!("{lat:.4},{lon:.4}"),
            _ => "-".to_string(),
        };
        out.line(&format!(
            "{}\t{}\t{}\t{coords}",
            r.label,
            crate::sanitize::sanitize_line(&r.text),
            crate::sanitize::sanitize_line(&r.canonical),
        ))?;
    }
    Ok(ExitCode::SUCCESS)
}

/// One mention as `dateline extract --json` prints it.
#[derive(Serialize)]
struct ExtractedMention {
    start: usize,
    end: usize,
    label: &'static str,
    text: String,
    canonical: String,
    lat: Option<f32>,
    lon: Option<f32>,
}

#[derive(Serialize)]
struct ExtractedJson {
    entities: Vec<ExtractedMention>,
}

/// One input line of `dateline extract --jsonl`.
#[derive(serde::Deserialize)]
struct JsonlText {
    id: serde_json::Value,
    text: String,
}

#[derive(Serialize)]
struct JsonlEntities<'a> {
    id: &'a serde_json::Value,
    entities: Vec<JsonlSpan>,
}

#[derive(Serialize)]
struct JsonlSpan {
    start: usize,
    end: usize,
    label: &'static str,
}

/// Streams `{"id","text"}` lines to `{"id","entities"}` lines, one line in memory at a time.
/// Output is flushed whenever the input has nothing buffered, so a caller that writes a line
/// and waits for its answer is not left waiting. A malformed line is reported on standard
/// error with its number and skipped; the exit code is then 1.
fn extract_jsonl<R: io::Read>(mut input: io::BufReader<R>) -> Result<ExitCode> {
    use std::io::BufRead;
    let mut output = io::BufWriter::with_capacity(1 << 16, io::stdout().lock());
    let mut line = Vec::new();
    let mut number = 0usize;
    let mut bad = 0usize;
    let result: io::Result<()> = (|| {
        loop {
            if input.buffer().is_empty() {
                output.flush()?;
            }
            line.clear();
            if input.read_until(b'\n', &mut line)? == 0 {
                break;
            }
            number += 1;
            let parsed = std::str::from_utf8(&line)
                .map_err(|e| e.to_string())
                .and_then(|l| {
                    if l.trim().is_empty() {
                        Ok(None)
                    } else {
                        serde_json::from_str::<JsonlText>(l)
                            .map(Some)
                            .map_err(|e| e.to_string())
                    }
                });
            let doc = match parsed {
                Ok(Some(doc)) => doc,
                Ok(None) => continue,
                Err(e) => {
                    eprintln!(
                        "dateline: line {number}: expected {{\"id\", \"text\"}}: {e}; skipped"
                    );
                    bad += 1;
                    continue;
                }
            };
            let entities = crate::extract::extract(&doc.text)
                .into_iter()
                .map(|e| JsonlSpan {
                    start: e.start,
                    end: e.end,
                    label: e.label.as_str(),
                })
                .collect();
            serde_json::to_writer(
                &mut output,
                &JsonlEntities {
                    id: &doc.id,
                    entities,
                },
            )?;
            output.write_all(b"\n")?;
        }
        output.flush()
    })();
    match result {
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => {}
        other => other.context("dateline extract --jsonl")?,
    }
    Ok(if bad > 0 {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    })
}

/// True when the input looks like HTML rather than plain text (a tag near the start).
fn looks_like_html(s: &str) -> bool {
    let head: String = s
        .chars()
        .take(4096)
        .collect::<String>()
        .to_ascii_lowercase();
    let t = head.trim_start();
    t.starts_with("<!doctype")
        || t.starts_with("<html")
        || [
            "<p>", "<p ", "</p>", "<br", "<div", "<body", "<span", "<a href", "<h1", "<h2", "<li>",
            "<article", "<em>", "<strong>",
        ]
        .iter()
        .any(|m| head.contains(m))
}

fn read_capped(path: &Path, cap: u64) -> Result<String> {
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

fn local_date(t: DateTime<Utc>) -> String {
    t.with_timezone(&Local).format("%Y-%m-%d %H:%M").to_string()
}

/// `dateline feeds --json`: one object per feed. Stable: documented in the README.
#[derive(Serialize)]
struct FeedJson<'a> {
    id: i64,
    url: &'a str,
    title: &'a str,
    tags: &'a [String],
    site_link: Option<&'a str>,
    unread: u32,
    total: u32,
    last_fetch: Option<DateTime<Utc>>,
    last_error: Option<&'a str>,
    moved_to: Option<&'a str>,
}

impl<'a> From<&'a Feed> for FeedJson<'a> {
    fn from(f: &'a Feed) -> Self {
        FeedJson {
            id: f.id.0,
            url: &f.url,
            title: &f.title,
            tags: &f.tags,
            site_link: f.site_link.as_deref(),
            unread: f.unread,
            total: f.total,
            last_fetch: f.last_fetch,
            last_error: f.last_error.as_deref(),
            moved_to: f.moved_to.as_deref(),
        }
    }
}

/// `dateline list --json`: one object per article. Stable: documented in the README.
#[derive(Serialize)]
struct ArticleJson<'a> {
    id: i64,
    feed_id: i64,
    feed: &'a str,
    title: &'a str,
    link: Option<&'a str>,
    authors: &'a [String],
    published: DateTime<Utc>,
    read: bool,
    starred: bool,
}

impl<'a> From<&'a ArticleSummary> for ArticleJson<'a> {
    fn from(a: &'a ArticleSummary) -> Self {
        ArticleJson {
            id: a.id.0,
            feed_id: a.feed_id.0,
            feed: &a.feed_title,
            title: &a.title,
            link: a.link.as_deref(),
            authors: &a.authors,
            published: a.published,
            read: a.read,
            starred: a.starred,
        }
    }
}

/// `dateline show --json`. Stable: documented in the README.
#[derive(Serialize)]
struct ArticleFullJson<'a> {
    #[serde(flatten)]
    summary: ArticleJson<'a>,
    guid: &'a str,
    updated: Option<DateTime<Utc>>,
    first_seen: DateTime<Utc>,
    categories: &'a [String],
    enclosures: &'a [crate::model::Enclosure],
    summary_html: Option<&'a str>,
    content_html: Option<&'a str>,
    text: &'a str,
}

impl<'a> From<&'a Article> for ArticleFullJson<'a> {
    fn from(a: &'a Article) -> Self {
        ArticleFullJson {
            summary: ArticleJson {
                id: a.id.0,
                feed_id: a.feed_id.0,
                feed: &a.feed_title,
                title: &a.title,
                link: a.link.as_deref(),
                authors: &a.authors,
                published: a.published,
                read: a.read,
                starred: a.starred,
            },
            guid: &a.guid,
            updated: a.updated,
            first_seen: a.first_seen,
            categories: &a.categories,
            enclosures: &a.enclosures,
            summary_html: a.summary_html.as_deref(),
            content_html: a.content_html.as_deref(),
            text: &a.text,
        }
    }
}

/// Live refresh progress on stderr, only when it is a terminal.
struct Progress {
    enabled: bool,
    total: usize,
    done: usize,
    failed: usize,
}

impl Progress {
    fn new(enabled: bool) -> Progress {
        Progress {
            enabled,
            total: 0,
            done: 0,
            failed: 0,
        }
    }

    fn show(&mut self, event: &RefreshEvent) {
        match event {
            RefreshEvent::Started { total } => self.total = *total,
            RefreshEvent::Feed(report) => {
                self.done += 1;
                if matches!(report.outcome, FeedOutcome::Failed { .. }) {
                    self.failed += 1;
                }
                if self.enabled {
                    let title: String = report.title.chars().take(50).collect();
                    eprint!(
                        "\r\x1b[2K[{}/{}] {} failed  {title}",
                        self.done, self.total, self.failed
                    );
                }
            }
            RefreshEvent::Finished(_) => {
                if self.enabled {
                    eprint!("\r\x1b[2K");
                }
            }
        }
    }
}

/// Standard output that ends quietly when the reader closes the pipe.
struct Out {
    stdout: io::StdoutLock<'static>,
    closed: bool,
}

impl Out {
    fn new() -> Out {
        Out {
            stdout: io::stdout().lock(),
            closed: false,
        }
    }

    fn write(&mut self, s: &str) -> Result<()> {
        if self.closed {
            return Ok(());
        }
        match self.stdout.write_all(s.as_bytes()) {
            Err(e) if e.kind() == io::ErrorKind::BrokenPipe => {
                self.closed = true;
                Ok(())
            }
            other => other.context("cannot write to standard output"),
        }
    }

    fn line(&mut self, s: &str) -> Result<()> {
        self.write(s)?;
        self.write("\n")
    }

    fn json<T: Serialize>(&mut self, value: &T) -> Result<()> {
        let text = serde_json::to_string_pretty(value).context("cannot encode JSON")?;
        self.line(&text)
    }
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
        .with_writer(std::sync::Mutex::new(file))
        .try_init();
}
