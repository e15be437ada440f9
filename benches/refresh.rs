//! Benchmark of `dateline refresh` against newsboat on generated feeds served from loopback.
//!
//! Why it exists: the "Feed pipeline" issue set two goals, raised by issue 14 (part 5): a cold
//! refresh at least 4x faster than newsboat's and a warm refresh (nothing changed, every feed
//! answers 304) of 500 feeds within 0.1 s. This binary (`harness = false`) checks both with figures anyone can reproduce:
//!
//! 1. it generates N RSS 2.0 feeds of 50 news-like items each from a fixed seed (no external
//!    data), into a temporary directory;
//! 2. it serves them on 127.0.0.1 with the test kit's HTTP/1.1 server (`tests/kit/http.rs`,
//!    shared with the integration tests: keep-alive, `ETag`, `Last-Modified`, 304 on
//!    `If-None-Match` / `If-Modified-Since`), one listener per [`FEEDS_PER_HOST`] feeds so
//!    that per-host limits (host = host:port in both tools) do not dominate the figures;
//! 3. it runs dateline and, when installed, newsboat, cold (fresh cache) then warm, each
//!    several times, measuring wall time and the child's peak RSS (through `/usr/bin/time`);
//! 4. it prints medians, article counts, ratios and the goals.
//!
//! dateline runs `refresh --no-extract` (like for like with newsboat), then, cold only, the
//! default `refresh` with entity extraction: the bench timestamps the refresh summary line as
//! it arrives on the child's stderr (dateline prints it once the articles are stored and
//! listable, before extraction starts) and reports how much later the articles are listed
//! than without extraction (goal: at most 10%), and the total with extraction.
//! `--baseline BIN` runs another dateline build beside this one, in the same window.
//!
//! It must never reach beyond 127.0.0.1, and it stops its server before it returns.
//!
//! Run: `cargo bench --bench refresh [-- --feeds N] [--runs R] [--extract-runs R]
//! [--baseline BIN] [--only dateline|newsboat]`,
//! or `-- --serve SECS` to only serve the feeds for a while (for poking at them with curl).

use std::cell::Cell;
use std::ffi::OsString;
use std::fmt::Write as _;
use std::fs;
use std::io::{self, BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::thread;
use std::time::{Duration, Instant};

use anyhow::{Context, Result, bail};
use chrono::{DateTime, TimeZone, Utc};

#[path = "../tests/kit/http.rs"]
mod http;
#[path = "../tests/kit/rng.rs"]
mod rng;

use http::{Reply, TestServer, Totals};
use rng::Rng;

/// Feeds generated when `--feeds` is not given: the size named in the goals.
const DEFAULT_FEEDS: usize = 500;
/// Repetitions of each measurement; the median is reported.
const DEFAULT_RUNS: usize = 3;
/// Items in every generated feed.
const ITEMS_PER_FEED: usize = 50;
/// Feeds served by one listener (one "host" for per-host limits).
const FEEDS_PER_HOST: usize = 10;
/// The generator's seed: the same feeds on every machine, every run.
const SEED: u64 = 0x00da_7e11_e0be_ac40;
/// Concurrency given to both tools (dateline `concurrency`, newsboat `reload-threads`).
const CONCURRENCY: usize = 16;
/// A kept-alive connection that stays idle this long is closed by the server.
const KEEP_ALIVE_IDLE: Duration = Duration::from_secs(15);
/// Where `time` (Debian package `time`) lives; it reports the child's peak RSS.
const TIME_BIN: &str = "/usr/bin/time";
/// Goal (issue 14, part 5; was 3x): cold refresh at least this many times faster than newsboat's.
const GOAL_COLD_SPEEDUP: f64 = 4.0;
/// Goal from the entity issue: with extraction, the articles are listed at most this much
/// later (in percent) than without.
const GOAL_EXTRACT_SLOWDOWN_PERCENT: f64 = 10.0;
/// Goal (issue 14, part 5; was 1 s): warm refresh of 500 feeds, all 304, within this many seconds.
const GOAL_WARM_SECS: f64 = 0.1;

fn main() -> std::process::ExitCode {
    match run() {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("refresh bench: {error:#}");
            std::process::ExitCode::FAILURE
        }
    }
}

fn run() -> Result<()> {
    let Some(options) = Options::parse(std::env::args().skip(1))? else {
        return Ok(());
    };
    let workdir = tempfile::Builder::new()
        .prefix("dateline-bench-")
        .tempdir()
        .context("cannot create a temporary directory")?;
    let dir = workdir.path();

    let started = Instant::now();
    let corpus = generate_corpus(options.feeds, &dir.join("feeds"))?;
    println!(
        "generated {} feeds x {} items ({:.1} MB of XML, {} words of body per item on average) in {:.1} s",
        options.feeds,
        ITEMS_PER_FEED,
        corpus.bytes as f64 / 1e6,
        corpus.words / (options.feeds * ITEMS_PER_FEED).max(1),
        started.elapsed().as_secs_f64()
    );
    check_first_feed_parses(&dir.join("feeds"))?;

    let server = Server::start(&dir.join("feeds"), options.feeds)?;
    println!(
        "serving them on 127.0.0.1 from {} listeners ({} feeds per host:port)",
        server.listeners(),
        FEEDS_PER_HOST
    );

    if let Some(secs) = options.serve_secs {
        let urls: Vec<String> = (0..options.feeds).map(|i| server.url(i)).collect();
        let tool = Dateline::new(dir.join("dateline"), &urls, false)?;
        println!("for {secs} s; for example:");
        println!("  curl -i {}", server.url(0));
        println!(
            "  dateline --config {} --db CACHE refresh",
            tool.dir.join("config.toml").display()
        );
        thread::sleep(Duration::from_secs(secs));
        drop(server);
        return Ok(());
    }

    let timer = Timer::find();
    if timer.is_none() {
        println!(
            "note: {TIME_BIN} is missing (Debian package `time`): peak RSS is not measured; \
             install it with `apt-get install time`"
        );
    }
    let urls: Vec<String> = (0..options.feeds).map(|i| server.url(i)).collect();
    let mut rows = Vec::new();

    let plan = [("cold", options.runs), ("2nd", 1), ("warm", options.runs)];
    if options.only != Some(Tool::Newsboat) {
        let tool = Dateline::new(dir.join("dateline"), &urls, false)?;
        rows.extend(bench_tool(&tool, &server, &timer, &plan, options.feeds, 1)?);
        if let Some(program) = &options.baseline {
            let tool = Dateline::with_program(
                dir.join("baseline"),
                &urls,
                false,
                program.clone(),
                "baseline",
            )?;
            rows.extend(bench_tool(&tool, &server, &timer, &plan, options.feeds, 1)?);
        }
        if options.extract_runs > 0 {
            // Cold only: that is where there is something to extract. Each run with
            // extraction follows a run without, so the two see the same load and the same
            // disk write-back from the runs before: a slowdown is taken pair by pair.
            let plain = Dateline::with_program(
                dir.join("dateline-paired"),
                &urls,
                false,
                env!("CARGO_BIN_EXE_dateline").into(),
                "dateline-paired",
            )?;
            let extract = Dateline::new(dir.join("dateline-extract"), &urls, true)?;
            let (mut plain_rows, mut extract_rows) = (Vec::new(), Vec::new());
            for run in 1..=options.extract_runs {
                plain_rows.extend(bench_tool(
                    &plain,
                    &server,
                    &timer,
                    &[("cold", 1)],
                    options.feeds,
                    run,
                )?);
                extract_rows.extend(bench_tool(
                    &extract,
                    &server,
                    &timer,
                    &[("cold", 1)],
                    options.feeds,
                    run,
                )?);
            }
            rows.extend(merge_rows(plain_rows));
            rows.extend(merge_rows(extract_rows));
        }
    }
    if options.only != Some(Tool::Dateline) {
        match find_in_path("newsboat") {
            Some(program) => {
                let tool = Newsboat::new(program, dir.join("newsboat"), &urls)?;
                rows.extend(bench_tool(&tool, &server, &timer, &plan, options.feeds, 1)?);
            }
            None => println!(
                "newsboat is not installed (Debian package `newsboat`): reporting dateline only"
            ),
        }
    }
    drop(server);
    print_report(&options, &rows);
    Ok(())
}

// ---------------------------------------------------------------------------------------------
// Command line

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Tool {
    Dateline,
    Newsboat,
}

#[derive(Debug)]
struct Options {
    feeds: usize,
    runs: usize,
    /// Cold runs of `dateline refresh` with entity extraction; 0 for none.
    extract_runs: usize,
    /// Another dateline binary (a build of main, say) to run beside this one, `--no-extract`.
    baseline: Option<PathBuf>,
    only: Option<Tool>,
    serve_secs: Option<u64>,
}

const USAGE: &str = "\
usage: cargo bench --bench refresh [-- OPTIONS]
  --feeds N       feeds to generate and refresh (default 500)
  --runs R        repetitions of each measurement, median reported (default 3)
  --extract-runs R  cold runs of `dateline refresh` with entity extraction (default 3; 0: none)
  --baseline BIN  also run another dateline binary (e.g. a build of main), without extraction
  --only TOOL     dateline or newsboat
  --serve SECS    only serve the generated feeds for SECS seconds (at most 600), then stop";

impl Options {
    /// Parses the arguments; `None` when help was asked for (and printed).
    fn parse(args: impl Iterator<Item = String>) -> Result<Option<Self>> {
        let mut options = Options {
            feeds: DEFAULT_FEEDS,
            runs: DEFAULT_RUNS,
            extract_runs: DEFAULT_RUNS,
            baseline: None,
            only: None,
            serve_secs: None,
        };
        let mut args = args.peekable();
        while let Some(arg) = args.next() {
            let mut value = |name: &str| {
                args.next()
                    .with_context(|| format!("{name} needs a value\n{USAGE}"))
            };
            match arg.as_str() {
                // cargo passes --bench to benches without a harness.
                "--bench" => {}
                "--feeds" => options.feeds = parse_count(&value("--feeds")?, "--feeds")?,
                "--runs" => options.runs = parse_count(&value("--runs")?, "--runs")?,
                "--baseline" => options.baseline = Some(PathBuf::from(value("--baseline")?)),
                "--extract-runs" => {
                    let text = value("--extract-runs")?;
                    options.extract_runs = match text.as_str() {
                        "0" => 0,
                        _ => parse_count(&text, "--extract-runs")?,
                    }
                }
                "--only" => {
                    options.only = Some(match value("--only")?.as_str() {
                        "dateline" => Tool::Dateline,
                        "newsboat" => Tool::Newsboat,
                        other => bail!("--only takes dateline or newsboat, not {other:?}"),
                    })
                }
                "--serve" => {
                    let secs = parse_count(&value("--serve")?, "--serve")?;
                    options.serve_secs = Some(secs.min(600) as u64);
                }
                "-h" | "--help" => {
                    println!("{USAGE}");
                    return Ok(None);
                }
                other => bail!("unknown argument {other:?}\n{USAGE}"),
            }
        }
        Ok(Some(options))
    }
}

fn parse_count(text: &str, name: &str) -> Result<usize> {
    match text.parse::<usize>() {
        Ok(n) if n > 0 => Ok(n),
        _ => bail!("{name} takes a positive whole number, not {text:?}"),
    }
}

// ---------------------------------------------------------------------------------------------
// Deterministic text

#[rustfmt::skip]
const FIRST_NAMES: &[&str] = &[
    "Maria", "James", "Amina", "Chen", "Olga", "Rahul", "Fatima", "Lukas", "Sofia", "Kwame",
    "Elena", "Hiroshi", "Ngozi", "Pablo", "Ingrid", "Tariq", "Aiko", "Mateo", "Leila", "Dmitri",
    "Grace", "Omar", "Priya", "Henrik", "Zainab", "Thomas", "Yara", "Samuel", "Camille", "Jonas",
    "Aisha", "Viktor", "Lucia", "Kofi", "Mei", "Anders", "Nadia", "Carlos", "Helen", "Arjun",
];
#[rustfmt::skip]
const LAST_NAMES: &[&str] = &[
    "Okafor", "Schmidt", "Nakamura", "Silva", "Kowalski", "Haddad", "Johansson", "Mensah",
    "Petrova", "Gupta", "Fernandez", "Osei", "Larsen", "Moreau", "Tanaka", "Abubakar", "Rossi",
    "Novak", "Ibrahim", "Whitfield", "Castillo", "Lindqvist", "Mwangi", "Dubois", "Kim",
    "Oyelaran", "Hernandez", "Sato", "Brennan", "Yilmaz", "Andersen", "Qureshi", "Kariuki",
    "Vasquez", "Halvorsen", "Adeyemi", "Laurent", "Morozov", "Achterberg", "Nguyen",
];
#[rustfmt::skip]
const PLACES: &[&str] = &[
    "Nairobi", "Lisbon", "Jakarta", "Montreal", "Kraków", "Lagos", "Osaka", "Valparaíso",
    "Addis Ababa", "Hamburg", "Karachi", "Manila", "Seville", "Accra", "Melbourne", "Bogotá",
    "Tbilisi", "Dakar", "Gothenburg", "Hanoi", "Marseille", "Cape Town", "Rotterdam", "Chennai",
    "Quito", "Beirut", "Vilnius", "Kampala", "Porto Alegre", "Busan", "Edinburgh", "Tunis",
    "Kazakhstan", "Peru", "Ghana", "Norway", "Indonesia", "Chile", "Ukraine", "Morocco",
    "New Zealand", "Brazil", "Kenya", "Portugal", "Vietnam", "Canada", "Nigeria", "Japan",
    "the Baltic Sea", "the Andes", "the Sahel", "the Mekong Delta", "the Rhine valley",
];
#[rustfmt::skip]
const ORGS: &[&str] = &[
    "the World Health Organization", "the European Commission", "the African Union",
    "the International Monetary Fund", "the Red Cross", "the United Nations",
    "the Ministry of Finance", "the central bank", "the Supreme Court",
    "the National Weather Service", "the port authority", "the teachers' union", "Greenpeace",
    "Amnesty International", "the Organisation for Economic Co-operation and Development",
    "the city council", "the electoral commission", "the World Bank",
];
#[rustfmt::skip]
const ROLES: &[&str] = &[
    "a spokesperson for", "the director of", "an adviser to", "a senior economist at",
    "the head of", "a researcher with", "a lawyer representing",
];
#[rustfmt::skip]
const SUBJECT_NOUNS: &[&str] = &[
    "officials", "residents", "farmers", "investors", "doctors", "lawmakers", "students",
    "analysts", "workers", "regulators", "scientists", "voters", "engineers", "fishermen",
];
#[rustfmt::skip]
const VERBS_PAST: &[&str] = &[
    "announced", "rejected", "approved", "criticised", "welcomed", "postponed", "proposed",
    "confirmed", "denied", "signed", "expanded", "reviewed", "suspended", "defended", "questioned",
    "unveiled", "debated", "funded", "blocked", "endorsed",
];
#[rustfmt::skip]
const VERBS_PRESENT: &[&str] = &[
    "weighs", "rejects", "backs", "delays", "faces", "unveils", "debates", "approves", "probes",
    "expands", "cuts", "revives", "warns on", "eyes", "halts",
];
#[rustfmt::skip]
const ADJECTIVES: &[&str] = &[
    "new", "controversial", "long-awaited", "ambitious", "modest", "regional", "national",
    "temporary", "sweeping", "costly", "cautious", "unexpected", "historic", "disputed",
    "emergency", "revised", "joint", "local", "major", "public",
];
#[rustfmt::skip]
const NOUNS: &[&str] = &[
    "budget", "plan", "agreement", "investigation", "railway", "reform", "tariff", "strike",
    "election", "drought", "vaccine programme", "housing scheme", "trade deal", "pipeline",
    "ceasefire", "harbour", "wind farm", "school", "bridge", "tax", "report", "court ruling",
    "water supply", "power grid", "fishing quota", "minimum wage", "health service", "bond sale",
    "climate target", "border crossing",
];
#[rustfmt::skip]
const TAILS: &[&str] = &[
    "on Monday", "on Tuesday", "on Wednesday", "on Thursday", "on Friday", "over the weekend",
    "earlier this month", "last year", "after months of talks", "despite strong objections",
    "amid rising prices", "ahead of the winter", "for the first time since 2009",
    "after a heated debate", "in a statement", "according to local media",
];
#[rustfmt::skip]
const FILLER: &[&str] = &[
    "the", "of", "and", "to", "in", "a", "that", "for", "on", "with", "as", "by", "at", "from",
    "more", "than", "about", "after", "while", "but", "which", "would", "could", "said", "people",
    "year", "government", "week", "country", "city", "money", "time", "months", "support",
    "growth", "costs", "prices", "families", "companies", "rules", "changes", "concerns",
    "figures", "numbers", "region", "market", "policy", "talks", "decision", "future", "plans",
    "services", "jobs", "water", "energy", "food", "schools", "hospitals", "roads", "weather",
    "rain", "flooding", "heat", "expected", "likely", "recent", "higher", "lower", "several",
    "many", "some", "most", "few", "early", "late", "still", "already", "again", "also",
];
#[rustfmt::skip]
const CATEGORIES: &[&str] = &[
    "World", "Politics", "Business", "Economy", "Climate", "Health", "Science", "Technology",
    "Transport", "Energy", "Education", "Culture", "Sport", "Africa", "Europe", "Asia", "Americas",
    "Middle East", "Oceania",
];
#[rustfmt::skip]
const MASTHEADS: &[&str] = &[
    "Herald", "Courier", "Gazette", "Tribune", "Observer", "Chronicle", "Post", "Dispatch",
    "Times", "Ledger", "Sentinel", "Examiner",
];

fn person(rng: &mut Rng) -> String {
    format!("{} {}", rng.pick(FIRST_NAMES), rng.pick(LAST_NAMES))
}

fn slug(text: &str) -> String {
    let mut out = String::new();
    for c in text.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    out.trim_end_matches('-').to_string()
}

fn capitalise(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// Escapes text for XML character data and attribute values.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            c => out.push(c),
        }
    }
    out
}

/// `phrase` with "a" or "an" before it.
fn indefinite(phrase: &str) -> String {
    let vowel = phrase.starts_with(['a', 'e', 'i', 'o', 'u']);
    format!("{} {phrase}", if vowel { "an" } else { "a" })
}

/// A place, sometimes wrapped in a link to a topic page (only when `links`).
fn place(rng: &mut Rng, links: bool) -> String {
    let name = rng.pick(PLACES);
    if links && rng.chance(12) {
        let bare = name.trim_start_matches("the ");
        let prefix = if bare.len() < name.len() { "the " } else { "" };
        format!(
            "{prefix}<a href=\"https://www.worldtopics.example/places/{}\">{bare}</a>",
            slug(bare)
        )
    } else {
        name.to_string()
    }
}

/// One news-like sentence; `links` allows inline HTML links.
fn sentence(rng: &mut Rng, links: bool) -> String {
    let subject = match rng.range(0, 4) {
        0 => person(rng),
        1 => ORGS[rng.range(0, ORGS.len() - 1)].to_string(),
        2 => format!("{} in {}", rng.pick(SUBJECT_NOUNS), place(rng, links)),
        3 => format!("the government of {}", place(rng, links)),
        _ => format!("{} {}", rng.pick(ADJECTIVES), rng.pick(SUBJECT_NOUNS)),
    };
    let object = match rng.range(0, 2) {
        0 => indefinite(&format!("{} {}", rng.pick(ADJECTIVES), rng.pick(NOUNS))),
        1 => format!("the {} for {}", rng.pick(NOUNS), place(rng, links)),
        _ => format!(
            "plans for {}",
            indefinite(&format!("{} {}", rng.pick(ADJECTIVES), rng.pick(NOUNS)))
        ),
    };
    let mut text = format!("{subject} {} {object}", rng.pick(VERBS_PAST));
    if rng.chance(60) {
        text.push(' ');
        text.push_str(rng.pick(TAILS));
    }
    if rng.chance(45) {
        let filler = rng.range(4, 12);
        text.push(',');
        for _ in 0..filler {
            text.push(' ');
            text.push_str(rng.pick(FILLER));
        }
        if rng.chance(50) {
            let _ = write!(text, " in {}", place(rng, links));
        }
    }
    if rng.chance(15) {
        let speaker = person(rng);
        let role = rng.pick(ROLES);
        let org = rng.pick(ORGS);
        format!(
            "\u{201c}{}\u{201d} said {speaker}, {role} {org}.",
            capitalise(&text) + ","
        )
    } else if rng.chance(10) {
        let n = rng.range(2, 950);
        format!(
            "{} At least {n} {} were affected, {} said.",
            capitalise(&text) + ".",
            rng.pick(SUBJECT_NOUNS),
            rng.pick(ORGS)
        )
    } else {
        capitalise(&text) + "."
    }
}

fn headline(rng: &mut Rng) -> String {
    let subject = if rng.chance(50) {
        capitalise(rng.pick(PLACES))
    } else {
        rng.pick(LAST_NAMES).to_string()
    };
    let mut text = format!(
        "{subject} {} {} {}",
        rng.pick(VERBS_PRESENT),
        rng.pick(ADJECTIVES),
        rng.pick(NOUNS)
    );
    if rng.chance(50) {
        let _ = write!(
            text,
            " as {} {} {}",
            rng.pick(LAST_NAMES),
            rng.pick(VERBS_PRESENT),
            rng.pick(NOUNS)
        );
    }
    text
}

fn word_count(html: &str) -> usize {
    let mut in_tag = false;
    let mut words = 0;
    let mut in_word = false;
    for c in html.chars() {
        match c {
            '<' => {
                in_tag = true;
                in_word = false;
            }
            '>' => in_tag = false,
            c if !in_tag && !in_word && c.is_alphanumeric() => {
                words += 1;
                in_word = true;
            }
            c if !in_tag && c.is_whitespace() => in_word = false,
            _ => {}
        }
    }
    words
}

/// The HTML body of one item: paragraphs, a heading, a list and links, 300 to 800 words.
fn body(rng: &mut Rng) -> (String, usize) {
    let target = rng.range(300, 800);
    let mut html = String::new();
    let mut words = 0;
    let mut paragraphs = 0;
    let mut heading_done = false;
    while words < target || !heading_done {
        if paragraphs == 2 && !heading_done {
            let heading = format!("<h2>{}</h2>\n", escape(&headline(rng)));
            let mut list = String::from("<ul>\n");
            for _ in 0..rng.range(3, 5) {
                let _ = writeln!(
                    list,
                    "<li>{} {} in {}</li>",
                    rng.range(2, 400),
                    rng.pick(SUBJECT_NOUNS),
                    place(rng, true)
                );
            }
            list.push_str("</ul>\n");
            words += word_count(&heading) + word_count(&list);
            html.push_str(&heading);
            html.push_str(&list);
            heading_done = true;
            continue;
        }
        let mut paragraph = String::from("<p>");
        for k in 0..rng.range(2, 5) {
            if k > 0 {
                paragraph.push(' ');
            }
            paragraph.push_str(&sentence(rng, true));
        }
        if rng.chance(20) {
            let topic = rng.pick(NOUNS);
            let _ = write!(
                paragraph,
                " <em>Read more:</em> <a href=\"https://www.worldtopics.example/topics/{}\">our coverage of the {topic}</a>.",
                slug(topic)
            );
        }
        paragraph.push_str("</p>\n");
        words += word_count(&paragraph);
        html.push_str(&paragraph);
        paragraphs += 1;
    }
    (html, words)
}

/// What the generator wrote.
struct Corpus {
    bytes: usize,
    words: usize,
}

/// The publication time of item `item` of feed `feed`: a fixed recent past, newest first.
fn published(feed: usize, item: usize) -> DateTime<Utc> {
    let base = Utc.with_ymd_and_hms(2025, 6, 1, 12, 0, 0).single();
    let base = base.unwrap_or(DateTime::<Utc>::MIN_UTC);
    base - chrono::Duration::minutes((feed * 7 + item * 173) as i64)
}

/// One RSS 2.0 document; returns it and the words of body it holds.
fn feed_xml(index: usize) -> (String, usize) {
    let mut rng = Rng::new(SEED ^ (index as u64).wrapping_mul(0x2545_f491_4f6c_dd1d));
    let town = rng.pick(PLACES).trim_start_matches("the ");
    let title = format!("The {town} {} #{index}", rng.pick(MASTHEADS));
    let site = format!("https://www.{}.example", slug(&title));
    let mut xml = String::with_capacity(400_000);
    let mut words = 0;
    let _ = write!(
        xml,
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n\
         <rss version=\"2.0\" xmlns:content=\"http://purl.org/rss/1.0/modules/content/\">\n\
         <channel>\n<title>{}</title>\n<link>{site}/</link>\n\
         <description>News from {} and around the world</description>\n\
         <language>en</language>\n<lastBuildDate>{}</lastBuildDate>\n",
        escape(&title),
        escape(town),
        published(index, 0).to_rfc2822()
    );
    for item in 0..ITEMS_PER_FEED {
        let head = headline(&mut rng);
        let date = published(index, item);
        let link = format!("{site}/{}/{}-{item}", date.format("%Y/%m/%d"), slug(&head));
        let first = rng.pick(FIRST_NAMES);
        let last = rng.pick(LAST_NAMES);
        let (html, n) = body(&mut rng);
        words += n;
        let summary = sentence(&mut rng, false);
        let _ = write!(
            xml,
            "<item>\n<title>{}</title>\n<link>{link}</link>\n\
             <guid isPermaLink=\"true\">{link}</guid>\n<pubDate>{}</pubDate>\n\
             <author>{}.{}@{}.example ({first} {last})</author>\n",
            escape(&head),
            date.to_rfc2822(),
            slug(first),
            slug(last),
            slug(&title)
        );
        for _ in 0..rng.range(1, 3) {
            let _ = writeln!(xml, "<category>{}</category>", escape(rng.pick(CATEGORIES)));
        }
        let _ = write!(
            xml,
            "<description>{}</description>\n\
             <content:encoded><![CDATA[{html}]]></content:encoded>\n</item>\n",
            escape(&summary)
        );
    }
    xml.push_str("</channel>\n</rss>\n");
    (xml, words)
}

fn feed_path(dir: &Path, index: usize) -> PathBuf {
    dir.join(format!("{index:05}.xml"))
}

/// Writes `count` feeds into `dir` as `00000.xml`, `00001.xml` ...
fn generate_corpus(count: usize, dir: &Path) -> Result<Corpus> {
    fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
    let mut corpus = Corpus { bytes: 0, words: 0 };
    for index in 0..count {
        let (xml, words) = feed_xml(index);
        let path = feed_path(dir, index);
        fs::write(&path, &xml).with_context(|| format!("cannot write {}", path.display()))?;
        corpus.bytes += xml.len();
        corpus.words += words;
    }
    Ok(corpus)
}

/// Guards the generator: the first feed must parse as RSS with every item and its body.
fn check_first_feed_parses(dir: &Path) -> Result<()> {
    let bytes = fs::read(feed_path(dir, 0)).context("cannot read the first generated feed")?;
    let feed = feed_rs::parser::parse(&bytes[..]).context("the generated feed does not parse")?;
    let with_body = feed
        .entries
        .iter()
        .filter(|e| e.content.as_ref().and_then(|c| c.body.as_ref()).is_some())
        .count();
    if feed.entries.len() != ITEMS_PER_FEED || with_body != ITEMS_PER_FEED {
        bail!(
            "the generated feed has {} items, {with_body} with a body; expected {ITEMS_PER_FEED}",
            feed.entries.len()
        );
    }
    Ok(())
}

// ---------------------------------------------------------------------------------------------
// HTTP server

/// What the server did during one measured run.
#[derive(Debug, Clone, Copy, Default)]
struct Counts {
    ok: u64,
    not_modified: u64,
    other: u64,
    connections: u64,
}

/// The feeds' HTTP server: one test-kit server ([`TestServer`], `tests/kit/http.rs`, connections
/// kept alive) per [`FEEDS_PER_HOST`] feeds, each feed with its `ETag` and `Last-Modified`.
/// Dropping it stops every thread and waits for them.
struct Server {
    hosts: Vec<TestServer>,
    /// The totals at the last [`Server::take_counts`].
    last: Cell<Totals>,
}

impl Server {
    fn start(dir: &Path, count: usize) -> Result<Self> {
        let mut hosts = Vec::new();
        for _ in 0..count.div_ceil(FEEDS_PER_HOST) {
            hosts.push(
                TestServer::try_start(Some(KEEP_ALIVE_IDLE))
                    .context("cannot listen on 127.0.0.1")?,
            );
        }
        for index in 0..count {
            let path = feed_path(dir, index);
            let body =
                fs::read(&path).with_context(|| format!("cannot read {}", path.display()))?;
            let reply = Reply::new(200)
                .header("Content-Type", "application/rss+xml; charset=utf-8")
                .header("ETag", &format!("\"feed-{index}-{:x}\"", body.len()))
                .header("Last-Modified", &http_date(published(index, 0)))
                .body(body);
            hosts[index / FEEDS_PER_HOST].route(&feed_route(index), reply);
        }
        Ok(Server {
            hosts,
            last: Cell::new(Totals::default()),
        })
    }

    /// How many listeners (hosts) serve the feeds.
    fn listeners(&self) -> usize {
        self.hosts.len()
    }

    /// The URL of feed `index`, on its listener.
    fn url(&self, index: usize) -> String {
        self.hosts[index / FEEDS_PER_HOST].url(&feed_route(index))
    }

    /// The counts since the last call.
    fn take_counts(&self) -> Counts {
        let now: Totals = self.hosts.iter().map(TestServer::totals).sum();
        let since = now - self.last.replace(now);
        Counts {
            ok: since.ok,
            not_modified: since.not_modified,
            other: since.other,
            connections: since.connections,
        }
    }
}

fn feed_route(index: usize) -> String {
    format!("/feeds/{index}.xml")
}

fn http_date(time: DateTime<Utc>) -> String {
    time.format("%a, %d %b %Y %H:%M:%S GMT").to_string()
}

// ---------------------------------------------------------------------------------------------
// Running the tools

/// Runs commands, measuring wall time and (through `/usr/bin/time`) peak RSS.
struct Timer {
    time_bin: PathBuf,
}

impl Timer {
    fn find() -> Option<Self> {
        let path = PathBuf::from(TIME_BIN);
        path.is_file().then_some(Timer { time_bin: path })
    }
}

/// One measured run.
#[derive(Debug, Clone, Copy)]
struct Sample {
    secs: f64,
    /// Seconds until the child printed its refresh summary (dateline prints it once the
    /// articles are stored and listable, before entity extraction starts); `None` for a
    /// tool that prints none.
    listed_secs: Option<f64>,
    rss_kb: Option<u64>,
    /// User plus system CPU seconds of the child.
    cpu_secs: Option<f64>,
    counts: Counts,
}

/// Runs `command` (program and arguments) with stdout and stderr in `logs/<label>.{out,err}`;
/// fails with the tail of stderr when the command does.
fn measure(
    timer: &Option<Timer>,
    command: &[OsString],
    env: &[(&str, PathBuf)],
    logs: &Path,
    label: &str,
    server: &Server,
) -> Result<Sample> {
    fs::create_dir_all(logs)?;
    let rss_file = logs.join(format!("{label}.rss"));
    let err_file = logs.join(format!("{label}.err"));
    let mut cmd = match timer {
        Some(timer) => {
            let mut cmd = Command::new(&timer.time_bin);
            cmd.arg("-f")
                .arg("%M %U %S")
                .arg("-o")
                .arg(&rss_file)
                .args(command);
            cmd
        }
        None => {
            let mut cmd = Command::new(&command[0]);
            cmd.args(&command[1..]);
            cmd
        }
    };
    for (name, value) in env {
        cmd.env(name, value);
    }
    cmd.stdin(Stdio::null())
        .stdout(fs::File::create(logs.join(format!("{label}.out")))?)
        .stderr(Stdio::piped());
    let mut err_log = fs::File::create(&err_file)?;
    server.take_counts();
    let started = Instant::now();
    let mut child = cmd
        .spawn()
        .with_context(|| format!("cannot run {:?}", command[0]))?;
    // The child's stderr, line by line as it comes, into the log; the arrival of the
    // summary line is timestamped here, so the figure does not depend on the child's clock.
    let mut listed_secs = None;
    if let Some(stderr) = child.stderr.take() {
        for line in BufReader::new(stderr).split(b'\n') {
            let line = line.context("cannot read the child's stderr")?;
            if listed_secs.is_none() && is_refresh_summary(&String::from_utf8_lossy(&line)) {
                listed_secs = Some(started.elapsed().as_secs_f64());
            }
            err_log.write_all(&line)?;
            err_log.write_all(b"\n")?;
        }
    }
    let status = child.wait().context("cannot wait for the child")?;
    let secs = started.elapsed().as_secs_f64();
    let counts = server.take_counts();
    if !status.success() {
        let stderr = fs::read_to_string(&err_file).unwrap_or_default();
        let tail: Vec<&str> = stderr.lines().rev().take(12).collect();
        let tail: Vec<&str> = tail.into_iter().rev().collect();
        bail!(
            "{label} failed ({status}); its stderr ends with:\n{}",
            tail.join("\n")
        );
    }
    // `time` writes "Command exited with ..." first when the child fails; the figures are last.
    let figures = fs::read_to_string(&rss_file).unwrap_or_default();
    let fields: Vec<&str> = figures
        .lines()
        .last()
        .unwrap_or("")
        .split_whitespace()
        .collect();
    let rss_kb = fields.first().and_then(|f| f.parse().ok());
    let cpu_secs = match (fields.get(1), fields.get(2)) {
        (Some(user), Some(sys)) => user.parse::<f64>().ok().zip(sys.parse::<f64>().ok()),
        _ => None,
    }
    .map(|(user, sys)| user + sys);
    Ok(Sample {
        secs,
        listed_secs,
        rss_kb,
        cpu_secs,
        counts,
    })
}

/// Whether `line` is dateline's refresh summary ("500 feeds: 500 ok, ...; 25000 new
/// articles (3.1 s)"), which it prints once every feed is stored.
fn is_refresh_summary(line: &str) -> bool {
    line.contains(" feeds: ") && line.contains(" new articles (")
}

/// A newsreader under test.
trait Subject {
    fn name(&self) -> &'static str;
    /// Removes the cache so the next refresh is cold.
    fn reset(&self) -> Result<()>;
    /// The refresh command line.
    fn refresh(&self) -> Vec<OsString>;
    /// Environment for the child, so nothing outside the temporary directory is touched.
    fn env(&self) -> Vec<(&'static str, PathBuf)>;
    fn dir(&self) -> &Path;
    /// Articles in the cache, when it can be counted.
    fn articles(&self) -> Result<u64>;
}

fn isolated_env(home: &Path) -> Vec<(&'static str, PathBuf)> {
    vec![
        ("HOME", home.to_path_buf()),
        ("XDG_CONFIG_HOME", home.join(".config")),
        ("XDG_DATA_HOME", home.join(".local/share")),
        ("XDG_CACHE_HOME", home.join(".cache")),
        ("XDG_STATE_HOME", home.join(".local/state")),
    ]
}

fn remove_if_present(path: &Path) -> Result<()> {
    match fs::remove_file(path) {
        Err(e) if e.kind() != io::ErrorKind::NotFound => {
            Err(e).with_context(|| format!("cannot remove {}", path.display()))
        }
        _ => Ok(()),
    }
}

/// Bytes of the cache file `db` and of its write-ahead log, if any (0 when missing).
fn cache_bytes(db: &Path) -> u64 {
    ["", "-wal"]
        .iter()
        .map(|suffix| {
            let mut name = db.as_os_str().to_owned();
            name.push(suffix);
            fs::metadata(Path::new(&name)).map_or(0, |m| m.len())
        })
        .sum()
}

fn remove_cache(db: &Path) -> Result<()> {
    for suffix in ["", "-wal", "-shm", "-journal", ".lock"] {
        let mut name = db.as_os_str().to_owned();
        name.push(suffix);
        remove_if_present(Path::new(&name))?;
    }
    Ok(())
}

struct Dateline {
    dir: PathBuf,
    /// The binary: this build's, or another one given with `--baseline`.
    program: PathBuf,
    /// The name in the report.
    name: &'static str,
    /// Run the default `refresh` (entity extraction after the summary) instead of
    /// `refresh --no-extract`.
    extract: bool,
}

impl Dateline {
    /// This build's dateline; `extract` runs the default `refresh` instead of `--no-extract`.
    fn new(dir: PathBuf, urls: &[String], extract: bool) -> Result<Self> {
        let name = if extract {
            "dateline+extract"
        } else {
            "dateline"
        };
        Self::with_program(
            dir,
            urls,
            extract,
            env!("CARGO_BIN_EXE_dateline").into(),
            name,
        )
    }

    fn with_program(
        dir: PathBuf,
        urls: &[String],
        extract: bool,
        program: PathBuf,
        name: &'static str,
    ) -> Result<Self> {
        fs::create_dir_all(dir.join("home"))?;
        // dateline's own format (config/default.toml); keep_days = 0 keeps every article so the
        // counts compare with newsboat's, which keeps everything by default.
        let mut config = format!(
            "[settings]\nconcurrency = {CONCURRENCY}\nper_host = 2\nconnect_timeout_secs = 10\n\
             timeout_secs = 30\nmax_feed_mb = 10\nkeep_days = 0\n\
             user_agent = \"dateline-bench\"\nrefresh_on_start = false\nmark_read_on_open = true\n"
        );
        for url in urls {
            let _ = write!(config, "\n[[feeds]]\nurl = \"{url}\"\n");
        }
        fs::write(dir.join("config.toml"), config)?;
        Ok(Dateline {
            dir,
            program,
            name,
            extract,
        })
    }

    fn base_args(&self) -> Vec<OsString> {
        vec![
            self.program.clone().into(),
            "--config".into(),
            self.dir.join("config.toml").into(),
            "--db".into(),
            self.dir.join("cache.db").into(),
        ]
    }
}

impl Subject for Dateline {
    fn name(&self) -> &'static str {
        self.name
    }
    fn reset(&self) -> Result<()> {
        remove_cache(&self.dir.join("cache.db"))
    }
    fn refresh(&self) -> Vec<OsString> {
        let mut args = self.base_args();
        args.push("refresh".into());
        // Like for like with newsboat: fetch, parse and store. Entity extraction runs after
        // the articles are listed; the `dateline+extract` runs measure it.
        if !self.extract {
            args.push("--no-extract".into());
        }
        args
    }
    fn env(&self) -> Vec<(&'static str, PathBuf)> {
        isolated_env(&self.dir.join("home"))
    }
    fn dir(&self) -> &Path {
        &self.dir
    }
    fn articles(&self) -> Result<u64> {
        let mut args = self.base_args();
        args.push("feeds".into());
        args.push("--json".into());
        let output = Command::new(&args[0])
            .args(&args[1..])
            .envs(self.env())
            .stdin(Stdio::null())
            .output()
            .context("cannot run dateline feeds --json")?;
        if !output.status.success() {
            bail!("dateline feeds --json failed ({})", output.status);
        }
        let feeds: Vec<serde_json::Value> = serde_json::from_slice(&output.stdout)
            .context("dateline feeds --json did not print a JSON array")?;
        Ok(feeds
            .iter()
            .filter_map(|f| f.get("total").and_then(serde_json::Value::as_u64))
            .sum())
    }
}

struct Newsboat {
    program: PathBuf,
    dir: PathBuf,
}

impl Newsboat {
    fn new(program: PathBuf, dir: PathBuf, urls: &[String]) -> Result<Self> {
        fs::create_dir_all(dir.join("home"))?;
        fs::write(dir.join("urls"), urls.join("\n") + "\n")?;
        // Only the concurrency is set; everything else is newsboat's default (no full-page
        // download, no per-feed scripts or filters, keeps all articles, 30 s timeout).
        fs::write(
            dir.join("config"),
            format!("reload-threads {CONCURRENCY}\n"),
        )?;
        Ok(Newsboat { program, dir })
    }
}

impl Subject for Newsboat {
    fn name(&self) -> &'static str {
        "newsboat"
    }
    fn reset(&self) -> Result<()> {
        remove_cache(&self.dir.join("cache.db"))
    }
    fn refresh(&self) -> Vec<OsString> {
        vec![
            self.program.clone().into(),
            "-u".into(),
            self.dir.join("urls").into(),
            "-c".into(),
            self.dir.join("cache.db").into(),
            "-C".into(),
            self.dir.join("config").into(),
            "-x".into(),
            "reload".into(),
        ]
    }
    fn env(&self) -> Vec<(&'static str, PathBuf)> {
        isolated_env(&self.dir.join("home"))
    }
    fn dir(&self) -> &Path {
        &self.dir
    }
    fn articles(&self) -> Result<u64> {
        let db = rusqlite::Connection::open_with_flags(
            self.dir.join("cache.db"),
            rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY,
        )
        .context("cannot open newsboat's cache")?;
        let count: i64 = db
            .query_row("SELECT COUNT(*) FROM rss_item", [], |row| row.get(0))
            .context("cannot count newsboat's articles")?;
        Ok(count.max(0) as u64)
    }
}

fn find_in_path(program: &str) -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .map(|dir| dir.join(program))
        .find(|candidate| candidate.is_file())
}

/// One line of the report.
struct Row {
    tool: &'static str,
    run: &'static str,
    samples: Vec<Sample>,
    articles: Option<u64>,
    /// Bytes of the cache file (and its write-ahead log) after the row's last run.
    cache_bytes: Option<u64>,
    error: Option<String>,
}

impl Row {
    fn median_secs(&self) -> Option<f64> {
        median(self.samples.iter().map(|s| s.secs).collect())
    }
    fn median_listed_secs(&self) -> Option<f64> {
        median(self.samples.iter().filter_map(|s| s.listed_secs).collect())
    }
    fn median_cpu_secs(&self) -> Option<f64> {
        median(self.samples.iter().filter_map(|s| s.cpu_secs).collect())
    }
    fn median_rss_mb(&self) -> Option<f64> {
        let rss: Vec<f64> = self
            .samples
            .iter()
            .filter_map(|s| s.rss_kb)
            .map(|kb| kb as f64 / 1024.0)
            .collect();
        median(rss)
    }
}

/// One row from rows of the same tool and run taken one at a time (their samples together;
/// the first error, if any).
fn merge_rows(rows: Vec<Row>) -> Option<Row> {
    let mut rows = rows.into_iter();
    let mut merged = rows.next()?;
    for row in rows {
        merged.samples.extend(row.samples);
        merged.articles = row.articles.or(merged.articles);
        merged.cache_bytes = row.cache_bytes.or(merged.cache_bytes);
        if merged.error.is_none() {
            merged.error = row.error;
        }
    }
    Some(merged)
}

fn median(mut values: Vec<f64>) -> Option<f64> {
    if values.is_empty() {
        return None;
    }
    values.sort_by(f64::total_cmp);
    let mid = values.len() / 2;
    Some(if values.len() % 2 == 1 {
        values[mid]
    } else {
        (values[mid - 1] + values[mid]) / 2.0
    })
}

/// Fails a run that did not ask for every feed (a tool that does nothing must not look fast);
/// notes a warm run that downloaded feeds again.
fn check_traffic(sample: Sample, run: &str, feeds: usize, label: &str) -> Result<Sample> {
    let Counts {
        ok, not_modified, ..
    } = sample.counts;
    if ok + not_modified < feeds as u64 {
        bail!(
            "{label} asked the server for only {} of the {feeds} feeds: not counted",
            ok + not_modified
        );
    }
    if run == "cold" && ok < feeds as u64 {
        bail!("{label} (empty cache) downloaded only {ok} of the {feeds} feeds");
    }
    if run == "warm" && ok > 0 {
        println!("  note: {label} downloaded {ok} feeds again instead of getting 304");
    }
    Ok(sample)
}

/// Runs `tool` as `plan` says, in order: (kind of run, how many times). "cold": a fresh cache
/// each time; "2nd": on the last cold run's cache, the first refresh after a cold one
/// (newsboat 2.21 keeps a feed's ETag and Last-Modified only from its second fetch on, so
/// this one downloads everything again there); "warm": where every feed should answer 304.
fn bench_tool(
    tool: &dyn Subject,
    server: &Server,
    timer: &Option<Timer>,
    plan: &[(&'static str, usize)],
    feeds: usize,
    first: usize,
) -> Result<Vec<Row>> {
    let logs = tool.dir().join("logs");
    let mut rows = Vec::new();
    for &(run, count) in plan {
        let mut row = Row {
            tool: tool.name(),
            run,
            samples: Vec::new(),
            articles: None,
            cache_bytes: None,
            error: None,
        };
        if run != "cold" && rows.iter().any(|r: &Row| r.error.is_some()) {
            row.error = Some("skipped: an earlier run failed".into());
            rows.push(row);
            continue;
        }
        for i in first..first + count {
            if run == "cold" {
                tool.reset()?;
            }
            let label = format!("{}-{run}-{i}", tool.name());
            let result = measure(timer, &tool.refresh(), &tool.env(), &logs, &label, server)
                .and_then(|sample| check_traffic(sample, run, feeds, &label));
            match result {
                Ok(sample) => {
                    println!(
                        "  {label}: {:.3} s{}, CPU {}, peak RSS {}, server: {} x 200, {} x 304, {} other, {} connections",
                        sample.secs,
                        sample
                            .listed_secs
                            .map_or(String::new(), |s| format!(" (summary at {s:.3} s)")),
                        sample
                            .cpu_secs
                            .map_or("n/a".into(), |s| format!("{s:.2} s")),
                        sample
                            .rss_kb
                            .map_or("n/a".into(), |kb| format!("{:.1} MB", kb as f64 / 1024.0)),
                        sample.counts.ok,
                        sample.counts.not_modified,
                        sample.counts.other,
                        sample.counts.connections
                    );
                    row.samples.push(sample);
                }
                Err(error) => {
                    println!("  {error:#}");
                    row.error = Some(format!("{error:#}"));
                    break;
                }
            }
        }
        if row.error.is_none() {
            match tool.articles() {
                Ok(n) => {
                    let expected = (feeds * ITEMS_PER_FEED) as u64;
                    if n != expected {
                        println!(
                            "  {} has {n} articles in its cache, not {expected}",
                            tool.name()
                        );
                    }
                    row.articles = Some(n);
                    let bytes = cache_bytes(&tool.dir().join("cache.db"));
                    println!(
                        "  {} cache after the last {run} run: {:.1} MB, {} bytes per article",
                        tool.name(),
                        bytes as f64 / 1e6,
                        bytes / n.max(1)
                    );
                    row.cache_bytes = Some(bytes);
                }
                Err(error) => {
                    println!("  cannot count {}'s articles: {error:#}", tool.name());
                    row.error = Some(format!("cannot count the articles: {error:#}"));
                }
            }
        }
        rows.push(row);
    }
    Ok(rows)
}

fn print_report(options: &Options, rows: &[Row]) {
    println!();
    println!(
        "refresh of {} feeds x {ITEMS_PER_FEED} items, concurrency {CONCURRENCY}; median of {} runs",
        options.feeds, options.runs
    );
    println!(
        "{:<16} {:<5} {:>9} {:>9} {:>9} {:>13} {:>9} {:>9}  server (200/304 per run)",
        "tool", "run", "seconds", "listed s", "CPU s", "peak RSS MB", "articles", "cache MB"
    );
    for row in rows {
        let secs = row.median_secs().map_or("-".into(), |s| format!("{s:.3}"));
        let listed = row
            .median_listed_secs()
            .map_or("-".into(), |s| format!("{s:.3}"));
        let cpu = row
            .median_cpu_secs()
            .map_or("-".into(), |s| format!("{s:.2}"));
        let rss = row
            .median_rss_mb()
            .map_or("-".into(), |m| format!("{m:.1}"));
        let articles = row.articles.map_or("-".into(), |n| n.to_string());
        let cache = row
            .cache_bytes
            .map_or("-".into(), |b| format!("{:.1}", b as f64 / 1e6));
        let server = row.samples.last().map_or(String::new(), |s| {
            format!("{}/{}", s.counts.ok, s.counts.not_modified)
        });
        let note = row.error.as_deref().map_or(String::new(), |e| {
            format!("  FAILED: {}", e.lines().next().unwrap_or(""))
        });
        println!(
            "{:<16} {:<5} {secs:>9} {listed:>9} {cpu:>9} {rss:>13} {articles:>9} {cache:>9}  {server}{note}",
            row.tool, row.run
        );
    }
    println!("2nd = the first refresh after a cold one (1 run); warm = the refreshes after that.");
    println!(
        "listed s = when dateline printed its refresh summary (articles stored and listable); \
         dateline+extract = the default `refresh`, entity extraction after the summary."
    );
    let find = |tool: &str, run: &str| {
        rows.iter()
            .find(|r| r.tool == tool && r.run == run && r.error.is_none())
    };
    println!();
    for (tool, other) in [
        ("dateline", "newsboat"),
        ("baseline", "newsboat"),
        ("dateline", "baseline"),
    ] {
        for run in ["cold", "warm"] {
            let (Some(d), Some(n)) = (find(tool, run), find(other, run)) else {
                continue;
            };
            let time = d.median_secs().zip(n.median_secs()).map(|(d, n)| d / n);
            let rss = d.median_rss_mb().zip(n.median_rss_mb()).map(|(d, n)| d / n);
            println!(
                "ratio {tool}/{other}, {run}: time {}, peak RSS {}",
                time.map_or("-".into(), |r| format!("{r:.2}")),
                rss.map_or("-".into(), |r| format!("{r:.2}"))
            );
        }
    }
    let cold_speedup = find("dateline", "cold")
        .and_then(Row::median_secs)
        .zip(find("newsboat", "cold").and_then(Row::median_secs))
        .map(|(d, n)| n / d);
    println!(
        "goal: cold refresh >= {GOAL_COLD_SPEEDUP}x faster than newsboat: {}",
        match cold_speedup {
            Some(x) if x >= GOAL_COLD_SPEEDUP => format!("met ({x:.1}x)"),
            Some(x) => format!("NOT met ({x:.1}x)"),
            None => "not measured".into(),
        }
    );
    let paired = find("dateline-paired", "cold");
    let extract = find("dateline+extract", "cold");
    let listed = extract.and_then(Row::median_listed_secs);
    if let Some(total) = extract.and_then(Row::median_secs) {
        println!(
            "with extraction, cold: articles listed after {} (without, in the paired runs: {}), \
             extraction done after {total:.3} s",
            listed.map_or("-".into(), |s| format!("{s:.3} s")),
            paired
                .and_then(Row::median_listed_secs)
                .map_or("-".into(), |s| format!("{s:.3} s"))
        );
    }
    // Pair by pair: each run with extraction against the run without just before it.
    let slowdown = extract.zip(paired).and_then(|(x, p)| {
        let ratios = x
            .samples
            .iter()
            .zip(&p.samples)
            .filter_map(|(x, p)| Some((x.listed_secs? / p.listed_secs? - 1.0) * 100.0))
            .collect();
        median(ratios)
    });
    println!(
        "goal: extraction slows a cold refresh <= {GOAL_EXTRACT_SLOWDOWN_PERCENT}% before the articles are listed (median of the pairs): {}",
        match slowdown {
            Some(p) if p <= GOAL_EXTRACT_SLOWDOWN_PERCENT => format!("met ({p:+.1}%)"),
            Some(p) => format!("NOT met ({p:+.1}%)"),
            None => "not measured".into(),
        }
    );
    let warm = find("dateline", "warm").and_then(Row::median_secs);
    let scale = if options.feeds == DEFAULT_FEEDS {
        String::new()
    } else {
        format!(
            " (measured on {} feeds, not {DEFAULT_FEEDS})",
            options.feeds
        )
    };
    println!(
        "goal: warm refresh of {DEFAULT_FEEDS} feeds < {GOAL_WARM_SECS} s: {}{scale}",
        match warm {
            Some(s) if s < GOAL_WARM_SECS => format!("met ({s:.3} s)"),
            Some(s) => format!("NOT met ({s:.3} s)"),
            None => "not measured".into(),
        }
    );
}
