//! Filter latency on a large cache: `cargo bench --bench query`.
//!
//! Builds a 100,000-article cache in 500 feeds (generated news-like text with a Zipf-ish
//! word distribution and accented names), then:
//! 1. types a three-word query one character at a time and times parse + list (the first
//!    100 rows) per key press, and the same with the count the status bar shows;
//! 2. times a complete full-text query alone;
//! 3. runs the same words as an unindexed `LIKE` scan, for scale.
//!
//! Set `DATELINE_BENCH_ARTICLES` for a smaller run.

use std::time::{Duration, Instant};

use chrono::{TimeZone, Utc};
use dateline::model::{FeedSpec, NewArticle, ParsedFeed};
use dateline::query::{ParseOptions, parse, parse_with};
use dateline::store::{FetchRecord, Store};

#[path = "../tests/kit/rng.rs"]
mod rng;

use rng::Rng;

const FEEDS: usize = 500;
const TYPED: &str = "vucic election budget";
const ROWS: u32 = 100;

/// Index skewed to the front (roughly Zipf): common words come up far more often.
fn skewed(rng: &mut Rng, n: usize) -> usize {
    let x = rng.unit();
    ((x * x * x) * n as f64) as usize % n
}

const COMMON: &[&str] = &[
    "the",
    "of",
    "and",
    "to",
    "in",
    "a",
    "said",
    "on",
    "for",
    "that",
    "with",
    "was",
    "is",
    "by",
    "at",
    "as",
    "from",
    "his",
    "her",
    "their",
    "it",
    "has",
    "have",
    "will",
    "would",
    "after",
    "government",
    "minister",
    "president",
    "year",
    "people",
    "new",
    "country",
    "city",
    "week",
    "talks",
    "officials",
    "police",
    "court",
    "party",
    "vote",
    "election",
    "budget",
    "trade",
    "energy",
    "prices",
    "water",
    "war",
    "peace",
    "deal",
    "leaders",
    "report",
    "health",
    "school",
    "market",
    "bank",
    "company",
    "workers",
    "strike",
    "border",
    "summit",
    "council",
    "parliament",
    "reform",
    "climate",
    "storm",
    "rail",
    "port",
    "farmers",
    "tax",
    "debt",
    "aid",
    "troops",
];

const NAMES: &[&str] = &[
    "Vučić",
    "Šefčovič",
    "Osmani-Sadriu",
    "Macron",
    "Scholz",
    "Zelensky",
    "Modi",
    "Lula",
    "Ruto",
    "Sheinbaum",
    "Kallas",
    "Sørensen",
    "Erdoğan",
    "Tusk",
    "Orbán",
    "Meloni",
];

const PLACES: &[&str] = &[
    "Belgrade",
    "Brussels",
    "Pristina",
    "Paris",
    "Berlin",
    "Kyiv",
    "Nairobi",
    "Lagos",
    "Bogotá",
    "São Paulo",
    "Jakarta",
    "Manila",
    "Geneva",
    "Antalya",
    "Tbilisi",
    "Warsaw",
];

/// Pseudo-words for the long tail of the vocabulary.
fn tail_words(n: usize) -> Vec<String> {
    const SYL: &[&str] = &[
        "ka", "lo", "mi", "ren", "tas", "vo", "pe", "dri", "sun", "gal", "ber", "nis", "ot", "qua",
        "zel", "mar", "ti", "fen",
    ];
    let mut rng = Rng::new(42);
    (0..n)
        .map(|_| {
            let k = 2 + rng.below(3);
            (0..k).map(|_| SYL[rng.below(SYL.len())]).collect()
        })
        .collect()
}

fn sentence(rng: &mut Rng, tail: &[String], words: usize) -> String {
    let mut s = String::new();
    for i in 0..words {
        if i > 0 {
            s.push(' ');
        }
        // A given name is in a few per cent of articles, as in real news.
        let w = match rng.below(100) {
            0 => NAMES[rng.below(NAMES.len())].to_string(),
            1 | 2 => PLACES[rng.below(PLACES.len())].to_string(),
            3..=52 => COMMON[skewed(rng, COMMON.len())].to_string(),
            _ => tail[skewed(rng, tail.len())].clone(),
        };
        s.push_str(&w);
    }
    s.push('.');
    s
}

fn build(path: &std::path::Path, articles: usize) -> Store {
    let mut store = Store::open(path).expect("open");
    let specs: Vec<FeedSpec> = (0..FEEDS)
        .map(|i| FeedSpec {
            url: format!("https://feeds{i}.example/rss"),
            title: Some(format!("Desk {i}")),
            tags: vec![format!("t{}", i % 20)],
        })
        .collect();
    store.sync_feeds(&specs).expect("sync");
    let feeds = store.feeds().expect("feeds");
    let tail = tail_words(20_000);
    let mut rng = Rng::new(7);
    let per_feed = articles / FEEDS;
    let base = Utc
        .with_ymd_and_hms(2026, 11, 1, 0, 0, 0)
        .single()
        .unwrap_or_default();
    for (f, feed) in feeds.iter().enumerate() {
        let items: Vec<NewArticle> = (0..per_feed)
            .map(|i| {
                let n = f * per_feed + i;
                let text: Vec<String> = (0..6).map(|_| sentence(&mut rng, &tail, 20)).collect();
                NewArticle {
                    guid: format!("g{n}"),
                    title: sentence(&mut rng, &tail, 9),
                    link: Some(format!("https://feeds{f}.example/{n}")),
                    authors: vec![format!(
                        "{} {}",
                        NAMES[rng.below(NAMES.len())],
                        tail[rng.below(500)]
                    )],
                    published: Some(base - chrono::Duration::minutes((n * 7 % 200_000) as i64)),
                    updated: None,
                    summary_html: None,
                    content_html: None,
                    text: text.join(" "),
                    enclosures: Vec::new(),
                    categories: Vec::new(),
                }
            })
            .collect();
        let doc = ParsedFeed {
            title: None,
            site_link: None,
            articles: items,
        };
        let record = FetchRecord::Parsed {
            feed: &doc,
            etag: None,
            last_modified: None,
            moved_to: None,
        };
        store.record_fetch(feed.id, record, base).expect("store");
    }
    store
}

fn pct(sorted: &[Duration], p: f64) -> Duration {
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i.min(sorted.len() - 1)]
}

fn ms(d: Duration) -> String {
    format!("{:.2} ms", d.as_secs_f64() * 1e3)
}

fn report(label: &str, mut samples: Vec<Duration>) {
    samples.sort();
    println!(
        "{label:<48} n={:<4} p50 {:>9}  p95 {:>9}  p99 {:>9}  max {:>9}",
        samples.len(),
        ms(pct(&samples, 0.5)),
        ms(pct(&samples, 0.95)),
        ms(pct(&samples, 0.99)),
        ms(*samples.last().unwrap_or(&Duration::ZERO)),
    );
}

fn main() {
    let articles: usize = std::env::var("DATELINE_BENCH_ARTICLES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(100_000);
    let dir = tempfile::tempdir().expect("tempdir");
    // `DATELINE_BENCH_DB` keeps the cache between runs (built there when missing).
    let path = std::env::var_os("DATELINE_BENCH_DB")
        .map(std::path::PathBuf::from)
        .unwrap_or_else(|| dir.path().join("bench.db"));
    let t = Instant::now();
    let store = if path.exists() {
        Store::open(&path).expect("open")
    } else {
        build(&path, articles)
    };
    println!(
        "built {articles} articles in {FEEDS} feeds in {:.1} s ({} MB)",
        t.elapsed().as_secs_f64(),
        std::fs::metadata(&path).map(|m| m.len() >> 20).unwrap_or(0)
    );
    let now = Utc::now().fixed_offset();

    // 1. Typing, one character at a time.
    let mut per_key = Vec::new();
    let mut per_key_count = Vec::new();
    let mut worst = (Duration::ZERO, String::new());
    let mut by_key: Vec<Vec<Duration>> = vec![Vec::new(); TYPED.len()];
    for round in 0..21 {
        for end in 1..=TYPED.len() {
            let typed = &TYPED[..end];
            let start = Instant::now();
            let Ok(q) = parse_with(typed, ParseOptions::typing()) else {
                continue;
            };
            let rows = store.query_articles(&q, now, Some(ROWS), 0).expect("query");
            let list_time = start.elapsed();
            let count = store.count_query(&q, now).expect("count");
            let both = start.elapsed();
            std::hint::black_box((rows.len(), count));
            if round == 0 {
                continue; // warm-up
            }
            if list_time > worst.0 {
                worst = (list_time, typed.to_string());
            }
            per_key.push(list_time);
            by_key[end - 1].push(list_time);
            per_key_count.push(both);
        }
    }
    println!("typing {TYPED:?} one key at a time (prefix on the last word), first {ROWS} rows:");
    report("  parse + list", per_key);
    report("  parse + list + count", per_key_count);
    println!("  slowest key press: {:?} ({})", worst.1, ms(worst.0));
    let mut medians: Vec<(Duration, &str)> = by_key
        .iter_mut()
        .enumerate()
        .filter(|(_, s)| !s.is_empty())
        .map(|(i, s)| {
            s.sort();
            (pct(s, 0.5), &TYPED[..=i])
        })
        .collect();
    medians.sort();
    medians.reverse();
    let slowest: Vec<String> = medians
        .iter()
        .take(5)
        .map(|(d, typed)| format!("{typed:?} {}", ms(*d)))
        .collect();
    println!("  slowest medians: {}", slowest.join(", "));
    for typed in ["v", "vu", "vucic e", "vucic election b", TYPED] {
        if let Ok(q) = parse_with(typed, ParseOptions::typing()) {
            let n = store.count_query(&q, now).unwrap_or(0);
            println!("  {typed:<24} matches {n}");
        }
    }

    // 2. Complete full-text queries alone.
    for text in [
        "election",
        "vucic budget",
        "\"prime minister\" or bogota",
        "vucic is:unread -tag:t3 since:30w",
    ] {
        let Ok(q) = parse(text) else { continue };
        let mut samples = Vec::new();
        for i in 0..41 {
            let start = Instant::now();
            let rows = store.query_articles(&q, now, Some(ROWS), 0).expect("query");
            if i > 0 {
                samples.push(start.elapsed());
            }
            std::hint::black_box(rows);
        }
        report(&format!("full text {text:?}"), samples);
    }
    drop(store);

    // 3. For scale: the same words as an unindexed LIKE scan (what newsboat does).
    // The text is stored packed: the scan unpacks it, as a plain-text store would not need to.
    let conn = rusqlite::Connection::open(&path).expect("open");
    dateline::store::register_functions(&conn).expect("functions");
    const LIKE: &str = "SELECT a.id, a.title FROM articles a
        WHERE (a.title LIKE ?1 OR dl_unpack(a.text, a.content_html) LIKE ?1 OR a.authors LIKE ?1)
        ORDER BY a.published DESC LIMIT 100";
    const LIKE2: &str = "SELECT a.id, a.title FROM articles a
        WHERE (a.title LIKE ?1 OR dl_unpack(a.text, a.content_html) LIKE ?1 OR a.authors LIKE ?1)
          AND (a.title LIKE ?2 OR dl_unpack(a.text, a.content_html) LIKE ?2
               OR a.authors LIKE ?2)
        ORDER BY a.published DESC LIMIT 100";
    for (words, sql) in [
        (vec!["%election%"], LIKE),
        (vec!["%vučić%", "%budget%"], LIKE2),
    ] {
        let mut samples = Vec::new();
        for i in 0..6 {
            let start = Instant::now();
            let mut stmt = conn.prepare_cached(sql).expect("prepare");
            let n = stmt
                .query_map(rusqlite::params_from_iter(words.iter()), |r| {
                    r.get::<_, i64>(0)
                })
                .expect("query")
                .count();
            if i > 0 {
                samples.push(start.elapsed());
            }
            std::hint::black_box(n);
        }
        report(&format!("LIKE scan {words:?}"), samples);
    }
}
