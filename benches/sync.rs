//! Benchmark of sync against a real FreshRSS: a first sync of 5,000 items into an empty cache,
//! and a sync with nothing new.
//!
//! Why it exists: the sync issue sets two goals, a no-change sync under 0.5 s and a first sync
//! of 5,000 items under 5 s until the articles are listed (entities may follow in the
//! background). This binary (`harness = false`):
//!
//! 1. starts FreshRSS from `../shared/servers/freshrss/start.sh` on its own port and in its own
//!    temporary directory (skipping, with the reason, when `../shared` or PHP is missing);
//! 2. serves N feeds (default 10) of generated news-like items (default 5,000 in all) from its
//!    own small HTTP server on 127.0.0.1 and subscribes FreshRSS to them, which fetches them;
//! 3. per run (default 3): opens a fresh on-disk cache, runs [`run_sync`] (the first sync),
//!    then [`run_sync`] again (nothing new), timing each and reading this process's peak RSS
//!    (VmHWM, reset between phases through `/proc/self/clear_refs`);
//! 4. prints the medians, the article counts, and the goals.
//!
//! The articles are "listed" when `run_sync` returns: every article is stored, indexed and
//! visible to a query; entity extraction is not part of it (it runs behind, as after a
//! refresh). It never reaches beyond 127.0.0.1 and stops FreshRSS before it returns.
//!
//! Run: `cargo bench --bench sync [-- --items N] [--feeds F] [--runs R]`.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::thread;
use std::time::{Duration, Instant};

use anyhow::{Context, Result, bail};
use chrono::{TimeZone, Utc};
use dateline::config::SyncConfig;
use dateline::store::Store;
use dateline::sync::ClientOptions;
use dateline::worker::StoreActor;
use dateline::worker::sync::{SyncOptions, account_key, connect, run_sync};

const DEFAULT_ITEMS: usize = 5_000;
const DEFAULT_FEEDS: usize = 10;
const DEFAULT_RUNS: usize = 3;

struct Args {
    items: usize,
    feeds: usize,
    runs: usize,
}

fn args() -> Result<Args> {
    let mut out = Args {
        items: DEFAULT_ITEMS,
        feeds: DEFAULT_FEEDS,
        runs: DEFAULT_RUNS,
    };
    let mut it = std::env::args().skip(1);
    while let Some(arg) = it.next() {
        let mut number = |name: &str| -> Result<usize> {
            it.next()
                .with_context(|| format!("{name} needs a number"))?
                .parse()
                .with_context(|| format!("{name} needs a number"))
        };
        match arg.as_str() {
            "--items" => out.items = number("--items")?,
            "--feeds" => out.feeds = number("--feeds")?.max(1),
            "--runs" => out.runs = number("--runs")?.max(1),
            // cargo bench passes --bench.
            "--bench" => {}
            other => bail!("unknown argument {other}"),
        }
    }
    Ok(out)
}

/// FreshRSS started by `start.sh`, stopped when dropped.
struct FreshRss {
    script: PathBuf,
    root: PathBuf,
    port: u16,
    config: SyncConfig,
}

impl FreshRss {
    fn run(script: &Path, root: &Path, port: u16, action: &str) -> Result<String> {
        let out = Command::new("bash")
            .arg(script)
            .arg(action)
            .env("FRESHRSS_ROOT", root)
            .env("FRESHRSS_PORT", port.to_string())
            .output()
            .context("run start.sh")?;
        if !out.status.success() {
            bail!(
                "start.sh {action} failed: {}",
                String::from_utf8_lossy(&out.stderr)
            );
        }
        Ok(String::from_utf8_lossy(&out.stdout).into_owned())
    }

    fn start(script: PathBuf, root: PathBuf) -> Result<FreshRss> {
        let port = TcpListener::bind("127.0.0.1:0")?.local_addr()?.port();
        let printed = Self::run(&script, &root, port, "start")?;
        let var = |key: &str| {
            printed
                .lines()
                .find_map(|l| l.strip_prefix(&format!("{key}=")))
                .map(str::to_owned)
                .with_context(|| format!("start.sh printed no {key}"))
        };
        let config = SyncConfig {
            url: var("FRESHRSS_GREADER_URL")?,
            user: var("FRESHRSS_USER")?,
            password_command: None,
            password: Some(var("FRESHRSS_API_PASSWORD")?),
        };
        Ok(FreshRss {
            script,
            root,
            port,
            config,
        })
    }
}

impl Drop for FreshRss {
    fn drop(&mut self) {
        let _ = Self::run(&self.script, &self.root, self.port, "stop");
    }
}

/// A static HTTP/1.1 server for the generated feeds: one request per connection.
struct FeedServer {
    port: u16,
    stop: Arc<AtomicBool>,
    thread: Option<thread::JoinHandle<()>>,
}

impl FeedServer {
    fn start(feeds: Vec<String>) -> Result<FeedServer> {
        let listener = TcpListener::bind("127.0.0.1:0")?;
        let port = listener.local_addr()?.port();
        let stop = Arc::new(AtomicBool::new(false));
        let feeds = Arc::new(feeds);
        let flag = Arc::clone(&stop);
        let thread = thread::spawn(move || {
            for stream in listener.incoming() {
                if flag.load(Ordering::SeqCst) {
                    break;
                }
                let Ok(stream) = stream else { continue };
                let feeds = Arc::clone(&feeds);
                thread::spawn(move || serve(stream, &feeds));
            }
        });
        Ok(FeedServer {
            port,
            stop,
            thread: Some(thread),
        })
    }

    fn url(&self, feed: usize) -> String {
        format!("http://127.0.0.1:{}/feed{feed}.xml", self.port)
    }
}

impl Drop for FeedServer {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
        let _ = TcpStream::connect(("127.0.0.1", self.port));
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

fn serve(stream: TcpStream, feeds: &[String]) {
    let _ = stream.set_read_timeout(Some(Duration::from_secs(10)));
    let mut reader = BufReader::new(&stream);
    let mut line = String::new();
    if reader.read_line(&mut line).is_err() {
        return;
    }
    let path = line.split_whitespace().nth(1).unwrap_or("/").to_owned();
    // Read the rest of the head.
    loop {
        let mut header = String::new();
        match reader.read_line(&mut header) {
            Ok(0) | Err(_) => break,
            Ok(_) if header == "\r\n" || header == "\n" => break,
            Ok(_) => {}
        }
    }
    let body = path
        .strip_prefix("/feed")
        .and_then(|p| p.strip_suffix(".xml"))
        .and_then(|n| n.parse::<usize>().ok())
        .and_then(|n| feeds.get(n));
    let mut out = &stream;
    let _ = match body {
        Some(body) => write!(
            out,
            "HTTP/1.1 200 OK\r\nContent-Type: application/rss+xml\r\nContent-Length: {}\r\n\
             Connection: close\r\n\r\n{body}",
            body.len()
        ),
        None => write!(
            out,
            "HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
        ),
    };
    let _ = out.flush();
    let _ = (&stream).read(&mut [0u8; 1]);
}

/// Feed `f` with `n` items: a title naming people and places, three paragraphs of body.
fn feed(f: usize, n: usize) -> String {
    const PEOPLE: [&str; 6] = [
        "Angela Merkel",
        "Emmanuel Macron",
        "Olaf Scholz",
        "Joe Biden",
        "Xi Jinping",
        "Narendra Modi",
    ];
    const PLACES: [&str; 6] = [
        "Paris",
        "Berlin",
        "Washington",
        "Beijing",
        "Delhi",
        "Nairobi",
    ];
    let start = Utc.with_ymd_and_hms(2026, 11, 1, 0, 0, 0).unwrap();
    let mut items = String::new();
    for i in 0..n {
        let person = PEOPLE[(f + i) % PEOPLE.len()];
        let place = PLACES[(f * 7 + i) % PLACES.len()];
        let date = start + chrono::TimeDelta::minutes((f * n + i) as i64);
        let body = format!(
            "&lt;p&gt;{person} arrived in {place} on {} for talks on trade and security.&lt;/p&gt;\
             &lt;p&gt;Officials said the meeting in {place} would last two days, and that {person} \
             would meet business leaders and students.&lt;/p&gt;&lt;p&gt;Item {i} of feed {f}.&lt;/p&gt;",
            date.format("%A")
        );
        items.push_str(&format!(
            "<item><title>{person} visits {place} ({f}-{i})</title>\
             <link>http://127.0.0.1/f{f}/{i}</link><guid>f{f}-{i}</guid>\
             <pubDate>{}</pubDate><description>{body}</description></item>",
            date.to_rfc2822()
        ));
    }
    format!(
        "<?xml version=\"1.0\" encoding=\"utf-8\"?><rss version=\"2.0\"><channel>\
         <title>Bench feed {f}</title><link>http://127.0.0.1/f{f}</link>\
         <description>d</description>{items}</channel></rss>"
    )
}

/// This process's peak RSS in kB since the last [`reset_peak`].
fn peak_kb() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))?
        .split_whitespace()
        .next()?
        .parse()
        .ok()
}

/// Resets the peak RSS to the current RSS (Linux: `5` into `clear_refs`).
fn reset_peak() {
    let _ = std::fs::write("/proc/self/clear_refs", "5");
}

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    v[v.len() / 2]
}

fn main() -> Result<()> {
    let args = args()?;
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/servers/freshrss/start.sh");
    if !script.exists() {
        println!("skipped: ../shared/servers/freshrss/start.sh is missing");
        return Ok(());
    }
    let temp = tempfile::tempdir()?;
    let started = Instant::now();
    let server = FreshRss::start(script, temp.path().join("freshrss"))?;
    println!(
        "FreshRSS up on port {} in {:.1} s",
        server.port,
        started.elapsed().as_secs_f64()
    );
    let per_feed = args.items.div_ceil(args.feeds);
    let feeds: Vec<String> = (0..args.feeds)
        .map(|f| feed(f, per_feed.min(args.items - (f * per_feed).min(args.items))))
        .collect();
    let feed_server = FeedServer::start(feeds)?;
    let runtime = tokio::runtime::Runtime::new()?;
    let options = ClientOptions::default();

    runtime.block_on(async {
        let started = Instant::now();
        let (client, _) = connect(&server.config, options.clone(), None).await?;
        for f in 0..args.feeds {
            client.quickadd(&feed_server.url(f)).await?;
        }
        println!(
            "subscribed to {} feeds ({} items) in {:.1} s",
            args.feeds,
            args.items,
            started.elapsed().as_secs_f64()
        );
        anyhow::Ok(())
    })?;

    let account = account_key(&server.config);
    let sync_options = SyncOptions {
        first_sync_days: None,
        ..SyncOptions::default()
    };
    let (mut first, mut again, mut first_rss, mut again_rss) =
        (Vec::new(), Vec::new(), Vec::new(), Vec::new());
    let mut stored = 0;
    for run in 0..args.runs {
        let dir = tempfile::tempdir()?;
        let store = Store::open(&dir.path().join("cache.db"))?;
        let (actor, thread) = StoreActor::spawn(store)?;
        runtime.block_on(async {
            reset_peak();
            let t = Instant::now();
            let (client, _) = connect(&server.config, options.clone(), None).await?;
            let summary = run_sync(&actor, &client, &account, &sync_options).await?;
            first.push(t.elapsed().as_secs_f64());
            first_rss.push(peak_kb().unwrap_or(0) as f64);
            stored = summary.new_articles;
            if summary.new_articles as usize != args.items {
                bail!(
                    "run {run}: the first sync stored {} articles, not {}",
                    summary.new_articles,
                    args.items
                );
            }
            reset_peak();
            let t = Instant::now();
            let (client, _) = connect(&server.config, options.clone(), None).await?;
            let summary = run_sync(&actor, &client, &account, &sync_options).await?;
            again.push(t.elapsed().as_secs_f64());
            again_rss.push(peak_kb().unwrap_or(0) as f64);
            if summary.new_articles != 0 {
                bail!(
                    "run {run}: the no-change sync stored {}",
                    summary.new_articles
                );
            }
            anyhow::Ok(())
        })?;
        drop(actor);
        let _ = thread.join();
    }
    let load = std::fs::read_to_string("/proc/loadavg").unwrap_or_default();
    println!(
        "load average: {}",
        load.split_whitespace()
            .take(3)
            .collect::<Vec<_>>()
            .join(" ")
    );
    println!(
        "first sync, {stored} items:  median {:.2} s over {} runs ({:?}), peak RSS {:.0} MB  (goal < 5 s)",
        median(first.clone()),
        first.len(),
        first.iter().map(|s| format!("{s:.2}")).collect::<Vec<_>>(),
        median(first_rss) / 1024.0
    );
    println!(
        "no-change sync:           median {:.3} s over {} runs ({:?}), peak RSS {:.0} MB  (goal < 0.5 s)",
        median(again.clone()),
        again.len(),
        again.iter().map(|s| format!("{s:.3}")).collect::<Vec<_>>(),
        median(again_rss) / 1024.0
    );
    drop(feed_server);
    drop(server);
    Ok(())
}
