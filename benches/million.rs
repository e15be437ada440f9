//! Five years of news in one cache: `cargo bench --bench million -- --articles N`.
//!
//! Why it exists: issue 14 asks how dateline behaves with the million articles a reader who
//! keeps everything gathers from 200 busy feeds in five years, beside the same figures at
//! 25,000 and 100,000. This bench is the instrument:
//! 1. a generator that builds such a cache through the store's public API (`bulk_insert` for
//!    the articles, `write_mentions_batch` for the entities), once per article count, reused
//!    from `target/million-bench/` (keyed by [`GEN_VERSION`], the count and the extraction
//!    model's version, so the reader's extraction backlog is empty);
//! 2. `dateline list --unread` (the release binary, as a user runs it): time to the first
//!    byte on stdout and to the last, and the rows;
//! 3. (`--only entity`) an entity page as the reader reads it on Enter, for the most
//!    mentioned entity, the tenth and a middling one;
//! 4. pruning 100,000 articles (fewer when the cache has fewer read ones) on a scratch copy of
//!    the cache, with a second connection listing the newest 40 rows in a loop meanwhile, to
//!    show whether the prune blocks the reader.
//!
//! The reader's own figures (first frame, key presses, `w`, filtering) come from the `ui`
//! bench pointed at the same cache: this bench prints the command.
//!
//! Text: words from the real-world feed corpus in `../shared/corpora/realworld` when it is
//! there, ranked by frequency and drawn with a Zipf law; a built-in word list otherwise (a
//! bare clone). Entities: about 3,000 people, places and organisations, mentioned with a
//! Zipf law, 2 to 8 per article. About 30% of articles are read and 1% starred. Bodies are
//! plain text only (no HTML copy), which keeps a million articles to a few GB.
//!
//! Options: `--articles N` (default 1,000,000), `--build-only`, `--runs R` (default 5),
//! `--prune N` (default 100,000), `--prune-step N` (articles per prune step; default 0, steps
//! sized by time as the worker's). `DATELINE_BENCH_DIR` puts the caches somewhere other than
//! `target/million-bench/` (a 1M cache takes about 4 GB).

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command as Process, Stdio};
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use chrono::{DateTime, TimeZone, Utc};
use dateline::model::{EntityKind, FeedSpec, NewArticle};
use dateline::store::{BulkArticle, NewMention, PRUNE_STEP_TARGET, StepPacer, Store};

#[path = "../tests/kit/http.rs"]
mod http;
#[path = "../tests/kit/rng.rs"]
mod rng;
#[path = "../tests/kit/shared.rs"]
mod shared;

use http::{Reply, TestServer};
use rng::Rng;

/// Bump when the generator changes: a new key builds a new cache.
const GEN_VERSION: &str = "million-1";
const FEEDS: usize = 200;
const YEARS: i64 = 5;
/// The newest and oldest titles, the same as the `ui` bench's, so its tmux checks work on
/// this cache too.
const NEWEST: &str = "Ferry crews in Split vote to end the winter strike";
const OLDEST: &str = "Lighthouse keepers open their logbooks to historians";
const BATCH: usize = 5_000;

// ---------------------------------------------------------------------------------------------
// Words and names.

const BUILTIN_WORDS: &str = "the of and to in a is that for on with as was by at it from be \
    this are said have has had not but were which their an or its will more after year new \
    would been two people who than one first government also other about over last could city \
    minister council police market water school state years week public money home workers \
    election report health court plan vote strike budget prices energy housing talks border \
    power company bank rates inflation farmers harbour port river bridge train station road \
    flood storm heat winter summer spring autumn hospital doctors nurses teachers students \
    university research climate coast fishing fleet ferry airport flights tourism museum \
    festival music film theatre league match season coach players fans stadium cup final \
    record growth jobs wages pension tax reform inquiry evidence judge trial verdict law \
    parliament party leader opposition coalition mayor region village district province \
    company shares investors deal merger factory plant steel coal gas wind solar grid network \
    data phone internet software security attack defence army navy ceasefire peace aid \
    refugees camp supplies food grain harvest drought rain wildfire smoke air quality";

const FIRST: &[&str] = &[
    "Maria", "Ahmed", "Ingrid", "Kwame", "Lucia", "Tomasz", "Aiko", "Rafael", "Amara", "Jonas",
    "Leila", "Viktor", "Nadia", "Samuel", "Elena", "Ravi", "Fatima", "Oskar", "Chen", "Isabel",
    "Dmitri", "Grace", "Mateo", "Yasmin", "Henrik", "Zanele", "Pablo", "Hana", "Emeka", "Sofia",
    "Milan", "Ayesha", "Lars", "Beatriz", "Kofi", "Marta", "Arjun", "Olga", "Tariq", "Clara",
];
const LAST: &[&str] = &[
    "Okafor",
    "Lindqvist",
    "Moreau",
    "Kowalski",
    "Tanaka",
    "Haddad",
    "Mensah",
    "Petrovic",
    "Silva",
    "Novak",
    "Fischer",
    "Abebe",
    "Costa",
    "Nakamura",
    "Ivanova",
    "Reyes",
    "Berg",
    "Osei",
    "Horvat",
    "Duarte",
    "Kaur",
    "Schmidt",
    "Adeyemi",
    "Larsen",
    "Rossi",
    "Yilmaz",
    "Popescu",
    "Mbeki",
    "Varga",
    "Ortega",
    "Nieminen",
    "Sato",
    "Kovac",
    "Hussein",
    "Dubois",
    "Molina",
    "Eriksen",
    "Banda",
    "Jansen",
    "Markovic",
    "Ferreira",
    "Kim",
    "Nowak",
    "Alves",
    "Sandoval",
    "Ito",
    "Mwangi",
    "Quinn",
    "Lund",
    "Zoric",
];
const CITIES: &[(&str, &str, f64, f64)] = &[
    ("Lagos", "NG", 6.45, 3.39),
    ("Belgrade", "RS", 44.82, 20.46),
    ("Nairobi", "KE", -1.29, 36.82),
    ("Lisbon", "PT", 38.72, -9.14),
    ("Jakarta", "ID", -6.2, 106.85),
    ("Bogota", "CO", 4.71, -74.07),
    ("Warsaw", "PL", 52.23, 21.01),
    ("Manila", "PH", 14.6, 120.98),
    ("Tbilisi", "GE", 41.72, 44.78),
    ("Geneva", "CH", 46.2, 6.14),
    ("Osaka", "JP", 34.69, 135.5),
    ("Accra", "GH", 5.6, -0.19),
    ("Gdansk", "PL", 54.35, 18.65),
    ("Valparaiso", "CL", -33.05, -71.62),
    ("Tromso", "NO", 69.65, 18.96),
    ("Split", "HR", 43.51, 16.44),
    ("Porto", "PT", 41.15, -8.61),
    ("Dakar", "SN", 14.72, -17.47),
    ("Hanoi", "VN", 21.03, 105.85),
    ("Quito", "EC", -0.18, -78.47),
];
const PLACE_HEADS: &[&str] = &[
    "Ash", "Bel", "Cor", "Dun", "Elm", "Fair", "Glen", "Har", "Kings", "Lin", "Mar", "Nor", "Oak",
    "Pen", "Ros", "Stan", "Tor", "Wex",
];
const PLACE_TAILS: &[&str] = &[
    "ford", "ton", "bury", "field", "haven", "mouth", "port", "wick", "dale", "stead", "gate",
    "more",
];
const PLACE_PREFIXES: &[&str] = &["", "New ", "Port "];
const ORG_KINDS: &[&str] = &[
    "Institute",
    "Bank",
    "Union",
    "Council",
    "Group",
    "Party",
    "Agency",
    "Foundation",
    "Authority",
];
const OUTLETS: &[&str] = &[
    "Harbour Ledger",
    "Northern Courier",
    "Valley Post",
    "Continental Wire",
    "Evening Dispatch",
    "The Meridian",
    "Coastal Herald",
    "Capital Review",
    "Metro Bulletin",
    "Observer Line",
    "Daily Compass",
    "Riverside Times",
    "The Lantern",
    "Frontier Gazette",
    "Summit Report",
    "Island Chronicle",
    "Plains Journal",
    "Delta Record",
    "Highland News",
    "Tidewater Mail",
];
const SECTIONS: &[&str] = &[
    "World", "Europe", "Africa", "Americas", "Asia", "Business", "Science", "Climate", "Sport",
    "Culture",
];

/// Draws ranks `0..n` with probability proportional to `1 / (rank + 1)^s`.
struct Zipf {
    cumulative: Vec<f64>,
}

impl Zipf {
    fn new(n: usize, s: f64) -> Zipf {
        let mut total = 0.0;
        let cumulative = (0..n)
            .map(|k| {
                total += 1.0 / ((k + 1) as f64).powf(s);
                total
            })
            .collect();
        Zipf { cumulative }
    }

    fn draw(&self, rng: &mut Rng) -> usize {
        let total = self.cumulative.last().copied().unwrap_or(0.0);
        let x = rng.unit() * total;
        self.cumulative
            .partition_point(|c| *c <= x)
            .min(self.cumulative.len() - 1)
    }
}

/// Words ranked by frequency: from the real-world feed corpus when present, else built in.
fn vocabulary() -> (Vec<String>, &'static str) {
    let mut counts: std::collections::HashMap<String, u64> = std::collections::HashMap::new();
    if let Some(dir) = shared::shared_path("corpora/realworld") {
        let mut stack = vec![dir];
        while let Some(d) = stack.pop() {
            let Ok(entries) = std::fs::read_dir(&d) else {
                continue;
            };
            for e in entries.flatten() {
                let p = e.path();
                if p.is_dir() {
                    stack.push(p);
                } else if let Ok(bytes) = std::fs::read(&p) {
                    count_words(&String::from_utf8_lossy(&bytes), &mut counts);
                }
            }
        }
    }
    let source = if counts.len() >= 2_000 {
        "../shared/corpora/realworld"
    } else {
        counts.clear();
        count_words(BUILTIN_WORDS, &mut counts);
        "the built-in word list"
    };
    let mut words: Vec<(String, u64)> = counts.into_iter().collect();
    words.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    words.truncate(20_000);
    (words.into_iter().map(|(w, _)| w).collect(), source)
}

/// Counts the lower-case words (3 to 12 ASCII letters) outside markup.
fn count_words(text: &str, counts: &mut std::collections::HashMap<String, u64>) {
    const NOISE: &[&str] = &[
        "http",
        "https",
        "www",
        "com",
        "org",
        "net",
        "html",
        "nbsp",
        "quot",
        "amp",
        "href",
        "src",
        "img",
        "div",
        "span",
        "class",
        "style",
        "rel",
        "xmlns",
        "cdata",
        "utm",
        "jpg",
        "png",
        "width",
        "height",
        "alt",
        "target",
        "blank",
        "rss",
        "xml",
        "atom",
        "guid",
        "pubdate",
        "url",
        "src",
        "noopener",
        "noreferrer",
    ];
    let decoded = text.replace("&lt;", "<").replace("&gt;", ">");
    let mut in_tag = false;
    let mut word = String::new();
    let flush = |word: &mut String, counts: &mut std::collections::HashMap<String, u64>| {
        if (3..=12).contains(&word.len()) && !NOISE.contains(&word.as_str()) {
            *counts.entry(word.clone()).or_default() += 1;
        }
        word.clear();
    };
    for c in decoded.chars() {
        match c {
            '<' => {
                in_tag = true;
                flush(&mut word, counts);
            }
            '>' => in_tag = false,
            c if !in_tag && c.is_ascii_lowercase() => word.push(c),
            c if !in_tag && c.is_ascii_uppercase() && word.is_empty() => {
                word.push(c.to_ascii_lowercase());
            }
            _ => {
                // A word glued to digits or other letters is not kept.
                if c.is_alphanumeric() {
                    word.push('#');
                }
                flush(&mut word, counts);
            }
        }
    }
    flush(&mut word, counts);
}

fn capitalised(w: &str) -> String {
    let mut c = w.chars();
    match c.next() {
        Some(f) => f.to_ascii_uppercase().to_string() + c.as_str(),
        None => String::new(),
    }
}

/// A named entity of the generated world.
struct Entity {
    kind: EntityKind,
    name: String,
    /// The surname, for people (sometimes mentioned alone).
    short: Option<String>,
    country: Option<String>,
    coords: Option<(f64, f64)>,
}

/// About 3,000 entities, the most mentioned first (a mix of kinds at every rank).
fn entities(words: &[String]) -> Vec<Entity> {
    let mut people = Vec::new();
    for (i, l) in LAST.iter().enumerate() {
        for (j, f) in FIRST.iter().enumerate() {
            if (i * 7 + j * 3) % 3 == 0 {
                people.push(Entity {
                    kind: EntityKind::Person,
                    name: format!("{f} {l}"),
                    short: Some((*l).to_string()),
                    country: None,
                    coords: None,
                });
            }
        }
    }
    let mut rng = Rng::new(7);
    let mut places: Vec<Entity> = CITIES
        .iter()
        .map(|(n, c, lat, lon)| Entity {
            kind: EntityKind::Place,
            name: (*n).to_string(),
            short: None,
            country: Some((*c).to_string()),
            coords: Some((*lat, *lon)),
        })
        .collect();
    for p in PLACE_PREFIXES {
        for h in PLACE_HEADS {
            for t in PLACE_TAILS {
                let (_, country, lat, lon) = CITIES[rng.below(CITIES.len())];
                places.push(Entity {
                    kind: EntityKind::Place,
                    name: format!("{p}{h}{t}"),
                    short: None,
                    country: Some(country.to_string()),
                    coords: Some((lat + rng.unit() * 4.0 - 2.0, lon + rng.unit() * 4.0 - 2.0)),
                });
            }
        }
    }
    let orgs: Vec<Entity> = words
        .iter()
        .filter(|w| w.len() >= 5)
        .skip(100)
        .step_by(3)
        .take(900)
        .enumerate()
        .map(|(i, w)| Entity {
            kind: EntityKind::Org,
            name: format!("{} {}", capitalised(w), ORG_KINDS[i % ORG_KINDS.len()]),
            short: None,
            country: None,
            coords: None,
        })
        .collect();
    // Interleave so every rank of the Zipf law has all kinds.
    let mut all = Vec::new();
    let (mut p, mut l, mut o) = (people.into_iter(), places.into_iter(), orgs.into_iter());
    loop {
        let mut any = false;
        for e in [p.next(), l.next(), o.next()].into_iter().flatten() {
            all.push(e);
            any = true;
        }
        if !any {
            break;
        }
    }
    all
}

// ---------------------------------------------------------------------------------------------
// Articles.

struct World {
    words: Vec<String>,
    word_law: Zipf,
    entities: Vec<Entity>,
    entity_law: Zipf,
    feed_law: Zipf,
    base: DateTime<Utc>,
    total: usize,
}

/// What the generator decides about article `n` (0 is the newest) before its text: cheap, so
/// the prune can find its cut-off without generating text.
struct Meta {
    feed: usize,
    published: DateTime<Utc>,
    first_seen: DateTime<Utc>,
    read_at: Option<DateTime<Utc>>,
    starred: bool,
}

impl World {
    fn new(total: usize) -> World {
        let (words, source) = vocabulary();
        println!("{} words from {source}", words.len());
        let entities = entities(&words);
        println!("{} entities", entities.len());
        World {
            word_law: Zipf::new(words.len(), 1.0),
            entity_law: Zipf::new(entities.len(), 1.0),
            feed_law: Zipf::new(FEEDS, 0.8),
            words,
            entities,
            base: base_time(),
            total,
        }
    }

    fn meta(&self, n: usize) -> Meta {
        let mut rng = Rng::new(0x4d45_5441 ^ (n as u64).wrapping_mul(0x9e37_79b9));
        let span = YEARS * 365 * 86_400;
        let step = span / self.total.max(1) as i64;
        let jitter = if n == 0 {
            0
        } else {
            rng.below(step.max(1) as usize) as i64
        };
        let published = self.base - chrono::Duration::seconds(n as i64 * step + jitter);
        let first_seen = published + chrono::Duration::seconds(rng.range(60, 3_600) as i64);
        let read = n != 0 && n + 1 != self.total && rng.chance(30);
        let read_at =
            read.then(|| first_seen + chrono::Duration::seconds(rng.range(600, 3 * 86_400) as i64));
        Meta {
            feed: self.feed_law.draw(&mut rng),
            published,
            first_seen,
            read_at,
            starred: rng.chance(1),
        }
    }

    fn word<'a>(&'a self, rng: &mut Rng) -> &'a str {
        &self.words[self.word_law.draw(rng)]
    }

    fn article(&self, n: usize) -> (BulkArticle, Vec<NewMention>) {
        let meta = self.meta(n);
        let mut rng = Rng::new(0x5445_5854 ^ (n as u64).wrapping_mul(0xbf58_476d));
        let mut text = String::new();
        let mut mentions = Vec::new();
        let mut lead: Option<&Entity> = None;
        let paragraphs = rng.range(3, 5);
        for p in 0..paragraphs {
            if p > 0 {
                text.push_str("\n\n");
            }
            for s in 0..rng.range(2, 4) {
                if s > 0 {
                    text.push(' ');
                }
                let len = rng.range(8, 20);
                let at = if rng.chance(55) {
                    Some(rng.below(len))
                } else {
                    None
                };
                for i in 0..len {
                    if i > 0 {
                        text.push(' ');
                    }
                    if Some(i) == at {
                        let e = &self.entities[self.entity_law.draw(&mut rng)];
                        lead.get_or_insert(e);
                        let surface = match &e.short {
                            Some(short) if rng.chance(20) => short.as_str(),
                            _ => e.name.as_str(),
                        };
                        // ASCII only: byte offsets are character offsets.
                        let start = text.len() as u32;
                        text.push_str(surface);
                        mentions.push(NewMention {
                            kind: e.kind,
                            canonical: e.name.clone(),
                            surface: surface.to_string(),
                            start,
                            end: text.len() as u32,
                            coords: e.coords,
                            country: e.country.clone(),
                        });
                    } else if i == 0 {
                        text.push_str(&capitalised(self.word(&mut rng)));
                    } else {
                        text.push_str(self.word(&mut rng));
                    }
                }
                text.push('.');
            }
        }
        let title = if n == 0 {
            NEWEST.to_string()
        } else if n + 1 == self.total {
            OLDEST.to_string()
        } else {
            let mut t = match lead {
                Some(e) => e.name.clone(),
                None => capitalised(self.word(&mut rng)),
            };
            for _ in 0..rng.range(4, 9) {
                t.push(' ');
                t.push_str(self.word(&mut rng));
            }
            t
        };
        let article = NewArticle {
            guid: format!("urn:million:{n}"),
            title,
            link: Some(format!("https://news{}.example/{n}", meta.feed)),
            authors: vec![format!(
                "{} {}",
                FIRST[rng.below(FIRST.len())],
                LAST[rng.below(LAST.len())]
            )],
            published: Some(meta.published),
            updated: None,
            summary_html: None,
            content_html: None,
            text,
            enclosures: Vec::new(),
            categories: vec![SECTIONS[meta.feed % SECTIONS.len()].to_string()],
        };
        (
            BulkArticle {
                feed: dateline::model::FeedId(0), // set from the feed list when stored
                article,
                read_at: meta.read_at,
                starred: meta.starred,
                first_seen: meta.first_seen,
            },
            mentions,
        )
    }
}

fn base_time() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 2, 9, 0, 0)
        .single()
        .unwrap_or_default()
}

fn feed_url(f: usize) -> String {
    format!("https://news{f}.example/rss")
}

fn feed_title(f: usize) -> String {
    format!(
        "{}: {}",
        OUTLETS[f % OUTLETS.len()],
        SECTIONS[(f / OUTLETS.len()) % SECTIONS.len()]
    )
}

fn feed_tags(f: usize) -> Vec<String> {
    let mut tags = vec![SECTIONS[(f / OUTLETS.len()) % SECTIONS.len()].to_lowercase()];
    if f.is_multiple_of(3) {
        tags.push("daily".to_string());
    }
    tags
}

/// The cache directory for `articles`, built when it is not complete.
fn cache_dir(articles: usize) -> PathBuf {
    let version = dateline::worker::extract::model_version();
    // `DATELINE_BENCH_DIR` puts the caches elsewhere (a bigger disk, or a tmpfs).
    let root = std::env::var_os("DATELINE_BENCH_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            std::env::var_os("CARGO_TARGET_DIR")
                .map(PathBuf::from)
                .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("target"))
                .join("million-bench")
        });
    let dir = root.join(format!("{GEN_VERSION}-{articles}-{version}"));
    if dir.join("ready").exists() {
        println!("reusing the cache in {}", dir.display());
        return dir;
    }
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("create the cache dir");
    let t = Instant::now();
    build(&dir, articles, version);
    std::fs::write(dir.join("ready"), format!("{GEN_VERSION} {articles}\n"))
        .expect("mark the cache ready");
    println!(
        "built {articles} articles in {FEEDS} feeds in {:.1} s ({} MB) in {}",
        t.elapsed().as_secs_f64(),
        file_mb(&dir.join("cache.db")),
        dir.display()
    );
    dir
}

fn file_mb(p: &Path) -> u64 {
    std::fs::metadata(p).map(|m| m.len() >> 20).unwrap_or(0)
}

fn build(dir: &Path, total: usize, model_version: &str) {
    let mut config = String::from("[settings]\nrefresh_on_start = false\nkeep_days = 0\n");
    let specs: Vec<FeedSpec> = (0..FEEDS)
        .map(|f| {
            let tags = feed_tags(f);
            let quoted: Vec<String> = tags.iter().map(|t| format!("\"{t}\"")).collect();
            config.push_str(&format!(
                "\n[[feeds]]\nurl = \"{}\"\ntitle = \"{}\"\ntags = [{}]\n",
                feed_url(f),
                feed_title(f),
                quoted.join(", ")
            ));
            FeedSpec {
                url: feed_url(f),
                title: Some(feed_title(f)),
                tags,
            }
        })
        .collect();
    std::fs::write(dir.join("config.toml"), config).expect("write the config");
    let mut store = Store::open(&dir.join("cache.db")).expect("open the cache");
    store.sync_feeds(&specs).expect("sync feeds");
    let feed_ids: Vec<_> = store.feeds().expect("feeds").iter().map(|f| f.id).collect();
    assert_eq!(feed_ids.len(), FEEDS);
    let world = World::new(total);
    let start = Instant::now();
    // One thread generates, this one stores: the oldest first, as a reader would have
    // gathered them.
    let (tx, rx) = std::sync::mpsc::sync_channel::<Vec<(BulkArticle, Vec<NewMention>)>>(2);
    std::thread::scope(|scope| {
        let world = &world;
        let feed_ids = &feed_ids;
        scope.spawn(move || {
            let mut n = total;
            while n > 0 {
                let lo = n.saturating_sub(BATCH);
                let batch: Vec<_> = (lo..n)
                    .rev()
                    .map(|i| {
                        let (mut b, m) = world.article(i);
                        let meta_feed = world.meta(i).feed;
                        b.feed = feed_ids[meta_feed];
                        (b, m)
                    })
                    .collect();
                if tx.send(batch).is_err() {
                    return;
                }
                n = lo;
            }
        });
        let mut done = 0usize;
        let mut mentions_total = 0usize;
        let mut last_report = Instant::now();
        let now = base_time();
        for batch in rx {
            let (articles, mentions): (Vec<_>, Vec<_>) = batch.into_iter().unzip();
            let ids = store.bulk_insert(&articles).expect("store articles");
            assert_eq!(
                ids.len(),
                articles.len(),
                "a fresh cache takes every article"
            );
            mentions_total += mentions.iter().map(Vec::len).sum::<usize>();
            let pairs: Vec<_> = ids.into_iter().zip(mentions).collect();
            store
                .write_mentions_batch(model_version, &pairs, now)
                .expect("store mentions");
            done += articles.len();
            if last_report.elapsed() > Duration::from_secs(10) || done == total {
                last_report = Instant::now();
                let s = start.elapsed().as_secs_f64();
                println!(
                    "  {done}/{total} articles, {mentions_total} mentions, {s:.0} s ({:.0}/s), {} MB",
                    done as f64 / s,
                    file_mb(&dir.join("cache.db")),
                );
            }
        }
    });
    let (mentions, entities, extracted) = store.entity_totals().expect("entity totals");
    println!("stored: {mentions} mentions of {entities} entities, {extracted} articles extracted");
}

// ---------------------------------------------------------------------------------------------
// Measures.

fn pct(sorted: &[Duration], p: f64) -> Duration {
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted
        .get(i.min(sorted.len().saturating_sub(1)))
        .copied()
        .unwrap_or_default()
}

fn ms(d: Duration) -> String {
    format!("{:.1} ms", d.as_secs_f64() * 1e3)
}

fn spread(mut v: Vec<Duration>) -> String {
    v.sort();
    format!(
        "p50 {} p95 {} p99 {} max {} (n={})",
        ms(pct(&v, 0.5)),
        ms(pct(&v, 0.95)),
        ms(pct(&v, 0.99)),
        ms(v.last().copied().unwrap_or_default()),
        v.len()
    )
}

/// One entity's page figures: its name (with its rank), mentions, articles, the first read
/// and the rest.
type EntityFigures = (String, u32, u32, Duration, Vec<Duration>);

/// An entity page (Enter on a person, place or organisation in the reader), read as the
/// reader's worker reads it: the most mentioned entity, the tenth, and one at the middle of
/// the ranking, each `runs` times on the reader's read-only connection. Per entity: its
/// mentions and articles, the first read and the spread of the rest.
fn measure_entity(dir: &Path, runs: usize) -> Result<Vec<EntityFigures>, String> {
    let store = Store::open_reader(&dir.join("cache.db")).map_err(|e| e.to_string())?;
    let top = store
        .top_entities(None, None, 100_000)
        .map_err(|e| e.to_string())?;
    let picks = [0, 9, top.len() / 2];
    let now = Utc::now().fixed_offset();
    let limits = dateline::worker::session::PAGE_LIMITS;
    let mut out = Vec::new();
    for i in picks {
        let Some(e) = top.get(i) else { continue };
        let mut times = Vec::new();
        let mut first = Duration::ZERO;
        for run in 0..=runs {
            let t = Instant::now();
            let page = store
                .entity_page(e.id, now, limits)
                .map_err(|e| e.to_string())?
                .ok_or("the entity went")?;
            let took = t.elapsed();
            assert!(page.articles.len() <= limits.articles as usize);
            if run == 0 {
                first = took;
            } else {
                times.push(took);
            }
        }
        out.push((
            format!("#{} {}", i + 1, e.name),
            e.mentions,
            e.articles,
            first,
            times,
        ));
    }
    Ok(out)
}

/// `dateline list --unread`: time to the first byte on stdout, to the end, and the rows.
fn measure_list(dir: &Path, runs: usize) -> Result<(Vec<Duration>, Vec<Duration>, usize), String> {
    let bin = Path::new(env!("CARGO_BIN_EXE_dateline"));
    let mut firsts = Vec::new();
    let mut totals = Vec::new();
    let mut rows = 0;
    for run in 0..=runs {
        let start = Instant::now();
        let mut child = Process::new(bin)
            .arg("--config")
            .arg(dir.join("config.toml"))
            .arg("--db")
            .arg(dir.join("cache.db"))
            .args(["list", "--unread"])
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .map_err(|e| format!("cannot run {}: {e}", bin.display()))?;
        let mut out = child.stdout.take().ok_or("no stdout")?;
        let mut buf = vec![0u8; 1 << 16];
        let mut first = None;
        let mut lines = 0;
        loop {
            let n = out.read(&mut buf).map_err(|e| e.to_string())?;
            if n == 0 {
                break;
            }
            first.get_or_insert_with(|| start.elapsed());
            lines += buf[..n].iter().filter(|b| **b == b'\n').count();
        }
        let status = child.wait().map_err(|e| e.to_string())?;
        let total = start.elapsed();
        if !status.success() {
            return Err(format!("dateline list --unread failed: {status}"));
        }
        // The first run warms the page cache and is not counted.
        if run > 0 {
            firsts.push(first.unwrap_or(total));
            totals.push(total);
            rows = lines;
        }
    }
    Ok((firsts, totals, rows))
}

struct PruneFigures {
    pruned: usize,
    /// The hiding steps (`Store::prune_step`: out of every list and count): wall time, CPU
    /// time of the thread that ran them, steps, longest step.
    took: Duration,
    cpu: Duration,
    steps: usize,
    longest: Duration,
    /// The deleting steps afterwards (`Store::remove_pruned_step`): wall, CPU, steps,
    /// longest step.
    remove: (Duration, Duration, usize, Duration),
    /// The full-text index's merge steps afterwards: wall, CPU, steps, longest step.
    merge: (Duration, Duration, usize, Duration),
    /// Giving free pages back (`release_free_pages` until none are left): wall, CPU, steps.
    release: (Duration, Duration, usize),
    /// The second connection's list of the newest 40 rows, during each of the four phases.
    reader: [Vec<Duration>; 4],
    /// File size (database and WAL) before, after hiding, after deleting, after the merge,
    /// at the end.
    mb: [u64; 5],
}

/// CPU time this thread has run (the scheduler's figure, in nanoseconds).
fn thread_cpu() -> Duration {
    std::fs::read_to_string("/proc/thread-self/schedstat")
        .ok()
        .and_then(|s| s.split_whitespace().next()?.parse().ok())
        .map(Duration::from_nanos)
        .unwrap_or_default()
}

/// The database file and its WAL, in MB.
fn db_mb(db: &Path) -> u64 {
    let wal = db.with_extension("db-wal");
    file_mb(db) + file_mb(&wal)
}

/// The cut-off (unix seconds) below which the `want` oldest prunable articles of the cache of
/// `total` fall: a prune removes read, unstarred articles first seen and read before it.
fn prune_cutoff(total: usize, want: usize) -> Result<i64, String> {
    let world_meta = World {
        words: Vec::new(),
        word_law: Zipf::new(1, 1.0),
        entities: Vec::new(),
        entity_law: Zipf::new(1, 1.0),
        feed_law: Zipf::new(FEEDS, 0.8),
        base: base_time(),
        total,
    };
    // A prune removes read, unstarred articles first seen and read before the cut-off: find
    // the cut-off that takes `want` of them.
    let mut times: Vec<i64> = (0..total)
        .map(|n| world_meta.meta(n))
        .filter(|m| !m.starred)
        .filter_map(|m| m.read_at.map(|r| r.max(m.first_seen).timestamp()))
        .collect();
    times.sort_unstable();
    let want = want.min(times.len());
    if want == 0 {
        return Err("no article is prunable".into());
    }
    let cutoff = times[want - 1] + 1;
    Ok(cutoff)
}

/// Prunes the `want` oldest prunable articles of a scratch copy of the cache, as the worker
/// does (steps sized by time, or of `batch` articles: hiding, then deleting; then the index's
/// merge steps, then free pages given back), with a second connection listing the newest 40
/// rows meanwhile.
fn measure_prune(
    dir: &Path,
    total: usize,
    want: usize,
    batch: usize,
) -> Result<PruneFigures, String> {
    let cutoff = prune_cutoff(total, want)?;
    let now = Utc
        .timestamp_opt(cutoff + 86_400, 0)
        .single()
        .ok_or("bad cut-off")?;

    let scratch = dir.join("prune-scratch");
    let _ = std::fs::remove_dir_all(&scratch);
    std::fs::create_dir_all(&scratch).map_err(|e| e.to_string())?;
    let db = scratch.join("cache.db");
    // The cache was closed cleanly, so it has no WAL to copy.
    std::fs::copy(dir.join("cache.db"), &db).map_err(|e| e.to_string())?;
    let before_mb = db_mb(&db);
    // Opening migrates an older cache: before the clock starts.
    let mut store = Store::open(&db).map_err(|e| e.to_string())?;
    let stop = AtomicBool::new(false);
    let phase = std::sync::atomic::AtomicUsize::new(0);
    let result = std::thread::scope(|scope| {
        let reader = scope.spawn(|| {
            let r = Store::open_reader(&db).expect("reader");
            let mut v: [Vec<Duration>; 4] = Default::default();
            let q = dateline::query::Query::default();
            while !stop.load(Ordering::Relaxed) {
                let t = Instant::now();
                let rows = r
                    .query_articles(&q, base_time().fixed_offset(), Some(40), 0)
                    .expect("list");
                assert!(!rows.is_empty());
                v[phase.load(Ordering::Relaxed).min(3)].push(t.elapsed());
                std::thread::sleep(Duration::from_millis(5));
            }
            v
        });
        std::thread::sleep(Duration::from_millis(200));
        let mut run = || -> Result<_, dateline::store::StoreError> {
            // Steps of `batch` articles, or sized by time as the worker's (`batch` 0).
            let mut pacer = StepPacer::default();
            let (t, c) = (Instant::now(), thread_cpu());
            let (mut pruned, mut steps, mut longest) = (0, 0, Duration::ZERO);
            loop {
                let n_limit = if batch == 0 { pacer.limit() } else { batch };
                let s = Instant::now();
                let n = store.prune_step(1, now, n_limit)?;
                pacer.took(n, s.elapsed());
                longest = longest.max(s.elapsed());
                pruned += n;
                steps += 1;
                if n < n_limit {
                    break;
                }
            }
            let hide = (t.elapsed(), thread_cpu() - c, steps, longest);
            let after_hide = db_mb(&db);
            phase.store(1, Ordering::Relaxed);
            let mut pacer = StepPacer::default();
            let (t, c) = (Instant::now(), thread_cpu());
            let (mut steps, mut longest) = (0, Duration::ZERO);
            loop {
                let n_limit = if batch == 0 { pacer.limit() } else { batch };
                let s = Instant::now();
                let n = store.remove_pruned_step(1, now, n_limit)?;
                pacer.took(n, s.elapsed());
                longest = longest.max(s.elapsed());
                steps += 1;
                if n < n_limit {
                    break;
                }
            }
            let remove = (t.elapsed(), thread_cpu() - c, steps, longest);
            let after_remove = db_mb(&db);
            phase.store(2, Ordering::Relaxed);
            let (t, c) = (Instant::now(), thread_cpu());
            let (mut steps, mut longest) = (0, Duration::ZERO);
            loop {
                let s = Instant::now();
                let merged = store.merge_search_index_step()?;
                longest = longest.max(s.elapsed());
                steps += 1;
                if !merged {
                    break;
                }
            }
            let merge = (t.elapsed(), thread_cpu() - c, steps, longest);
            let after_merge = db_mb(&db);
            phase.store(3, Ordering::Relaxed);
            let (t, c) = (Instant::now(), thread_cpu());
            let mut steps = 0;
            let (_, mut free, _) = store.page_counts()?;
            while free > 0 {
                let left = store.release_free_pages()?;
                steps += 1;
                if left >= free {
                    break;
                }
                free = left;
            }
            let release = (t.elapsed(), thread_cpu() - c, steps);
            Ok((
                pruned,
                hide,
                remove,
                merge,
                release,
                [after_hide, after_remove, after_merge],
            ))
        };
        let done = run();
        std::thread::sleep(Duration::from_millis(200));
        stop.store(true, Ordering::Relaxed);
        let reader = reader.join().unwrap_or_default();
        (done, reader)
    });
    drop(store);
    let end_mb = db_mb(&db);
    let _ = std::fs::remove_dir_all(&scratch);
    let (done, reader) = result;
    let (pruned, hide, remove, merge, release, mb) = done.map_err(|e| e.to_string())?;
    Ok(PruneFigures {
        pruned,
        took: hide.0,
        cpu: hide.1,
        steps: hide.2,
        longest: hide.3,
        remove,
        merge,
        release,
        reader,
        mb: [before_mb, mb[0], mb[1], mb[2], end_mb],
    })
}

/// The prune's work, statement by statement, on a scratch copy of the cache: what each kind of
/// row costs. Each step deletes the next `step` prunable articles in one transaction, the
/// dependent rows first (each by its own statement, so each is timed; the articles' own
/// delete then cascades to nothing and pays only its row, its indices and the foreign-key
/// look-ups), with `cache_mib` of page cache. Prints the time per phase, per article, and the
/// write-ahead log's size.
fn profile_prune(
    dir: &Path,
    total: usize,
    want: usize,
    step: usize,
    cache_mib: i64,
    sql: (&str, &str),
    bulk: bool,
) -> Result<(), String> {
    let cutoff = prune_cutoff(total, want)?;
    let scratch = dir.join("prune-profile");
    let _ = std::fs::remove_dir_all(&scratch);
    std::fs::create_dir_all(&scratch).map_err(|e| e.to_string())?;
    let db = scratch.join("cache.db");
    std::fs::copy(dir.join("cache.db"), &db).map_err(|e| e.to_string())?;
    // `--profile-bulk`: the statements of today's `Store::prune_step` (counts out in bulk
    // with the delete triggers held, foreign keys off, the index's automatic merge off);
    // opening the store first migrates the copy to the schema they need.
    if bulk {
        drop(Store::open(&db).map_err(|e| e.to_string())?);
    }
    let result = (|| -> rusqlite::Result<()> {
        let conn = rusqlite::Connection::open(&db)?;
        conn.pragma_update(None, "journal_mode", "WAL")?;
        conn.pragma_update(None, "foreign_keys", if bulk { "OFF" } else { "ON" })?;
        conn.pragma_update(None, "synchronous", "NORMAL")?;
        conn.pragma_update(None, "wal_autocheckpoint", 4096)?;
        conn.pragma_update(None, "cache_size", -cache_mib * 1024)?;
        let secure: i64 = conn.query_row("PRAGMA secure_delete", [], |r| r.get(0))?;
        let page: i64 = conn.query_row("PRAGMA page_size", [], |r| r.get(0))?;
        println!(
            "profile: step {step}, cache {cache_mib} MiB, page {page} B, secure_delete {secure}"
        );
        // `--profile-before SQL`: set up a variant (drop an index, an FTS5 option), timed.
        let t = Instant::now();
        conn.execute_batch(sql.0)?;
        println!("  before: {:?} {:.3} s", sql.0, t.elapsed().as_secs_f64());
        const IDS: &str = "SELECT json_group_array(id), count(*) FROM (SELECT id FROM articles
            WHERE read = 1 AND starred = 0 AND first_seen < ?1 AND read_at < ?1
            ORDER BY first_seen LIMIT ?2)";
        const BULK: &[(&str, &str)] = &[
            ("tombstones", "INSERT OR REPLACE INTO tombstones (feed_id, guid, link, pruned_at, last_seen)
                SELECT feed_id, guid, link, ?2, ?2 FROM articles WHERE id IN (SELECT value FROM json_each(?1))"),
            ("fts (automerge 0)", "INSERT INTO articles_fts (articles_fts, rank) VALUES ('automerge', 0);
                DELETE FROM articles_fts WHERE rowid IN (SELECT value FROM json_each(?1));
                INSERT INTO articles_fts (articles_fts, rank) VALUES ('automerge', 16);
                INSERT INTO counts_held (held) VALUES (1)"),
            ("feed counts", "UPDATE feed_counts SET total = total - g.n, unread = unread - g.u
                FROM (SELECT feed_id, count(*) AS n, sum(read = 0) AS u FROM articles
                WHERE id IN (SELECT value FROM json_each(?1)) AND hidden = 0 GROUP BY feed_id) AS g
                WHERE feed_counts.feed_id = g.feed_id"),
            ("entity feed counts", "UPDATE entity_feed_counts SET mentions = mentions - g.n, articles = articles - g.k
                FROM (SELECT a.feed_id AS feed_id, m.entity AS entity, count(*) AS n, count(DISTINCT m.article) AS k
                FROM articles a JOIN mentions m ON m.article = a.id
                WHERE a.id IN (SELECT value FROM json_each(?1)) AND a.hidden = 0 GROUP BY a.feed_id, m.entity) AS g
                WHERE entity_feed_counts.feed_id = g.feed_id AND entity_feed_counts.entity = g.entity"),
            ("entity counts", "UPDATE entity_counts SET mentions = mentions - g.n, articles = articles - g.k
                FROM (SELECT m.entity AS entity, count(*) AS n, count(DISTINCT m.article) AS k
                FROM articles a JOIN mentions m ON m.article = a.id
                WHERE a.id IN (SELECT value FROM json_each(?1)) AND a.hidden = 0 GROUP BY m.entity) AS g
                WHERE entity_counts.entity = g.entity"),
            ("mentions", "DELETE FROM mentions WHERE article IN (SELECT value FROM json_each(?1))"),
            ("article_stories", "DELETE FROM article_stories WHERE article IN (SELECT value FROM json_each(?1))"),
            ("extractions", "DELETE FROM extractions WHERE article IN (SELECT value FROM json_each(?1))"),
            ("pages+sync_items", "DELETE FROM pages WHERE article IN (SELECT value FROM json_each(?1));
                DELETE FROM sync_items WHERE article IN (SELECT value FROM json_each(?1))"),
            ("articles", "DELETE FROM articles WHERE id IN (SELECT value FROM json_each(?1));
                DELETE FROM counts_held"),
        ];
        let phases: &[(&str, &str)] = if bulk {
            BULK
        } else {
            &[
            ("tombstones", "INSERT OR REPLACE INTO tombstones (feed_id, guid, link, pruned_at, last_seen)
                SELECT feed_id, guid, link, ?2, ?2 FROM articles WHERE id IN (SELECT value FROM json_each(?1))"),
            ("fts", "DELETE FROM articles_fts WHERE rowid IN (SELECT value FROM json_each(?1))"),
            ("mentions", "DELETE FROM mentions WHERE article IN (SELECT value FROM json_each(?1))"),
            ("article_stories", "DELETE FROM article_stories WHERE article IN (SELECT value FROM json_each(?1))"),
            ("extractions", "DELETE FROM extractions WHERE article IN (SELECT value FROM json_each(?1))"),
            ("pages+sync_items", "DELETE FROM pages WHERE article IN (SELECT value FROM json_each(?1));
                DELETE FROM sync_items WHERE article IN (SELECT value FROM json_each(?1))"),
            ("articles", "DELETE FROM articles WHERE id IN (SELECT value FROM json_each(?1))"),
        ]
        };
        let mut spent = vec![Duration::ZERO; phases.len() + 3];
        let mut done = 0usize;
        let mut mentions = 0i64;
        let mut wal_max = 0u64;
        let wal = scratch.join("cache.db-wal");
        let all = Instant::now();
        loop {
            let t = Instant::now();
            conn.execute_batch("BEGIN IMMEDIATE")?;
            let (ids, n): (String, i64) =
                conn.query_row(IDS, rusqlite::params![cutoff, step as i64], |r| {
                    Ok((r.get(0)?, r.get(1)?))
                })?;
            spent[0] += t.elapsed();
            mentions += conn.query_row(
                "SELECT count(*) FROM mentions WHERE article IN (SELECT value FROM json_each(?1))",
                [&ids],
                |r| r.get::<_, i64>(0),
            )?;
            for (i, (_, sql)) in phases.iter().enumerate() {
                let t = Instant::now();
                for one in sql.split(';') {
                    let mut stmt = conn.prepare_cached(one)?;
                    if stmt.parameter_count() == 2 {
                        stmt.execute(rusqlite::params![ids, cutoff])?;
                    } else if stmt.parameter_count() == 0 {
                        stmt.execute([])?;
                    } else {
                        stmt.execute([&ids])?;
                    }
                }
                spent[i + 1] += t.elapsed();
            }
            let t = Instant::now();
            conn.execute_batch("COMMIT")?;
            spent[phases.len() + 1] += t.elapsed();
            wal_max = wal_max.max(std::fs::metadata(&wal).map(|m| m.len()).unwrap_or(0));
            done += n as usize;
            if (n as usize) < step {
                break;
            }
        }
        // `--profile-after SQL`: what a variant does afterwards (rebuild, optimize), timed.
        let t = Instant::now();
        conn.execute_batch(sql.1)?;
        println!("  after: {:?} {:.3} s", sql.1, t.elapsed().as_secs_f64());
        let t = Instant::now();
        conn.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))?;
        spent[phases.len() + 2] += t.elapsed();
        let took = all.elapsed();
        println!(
            "profile: {done} articles ({mentions} mentions) in {:.2} s ({:.0}/s); WAL at most {} MB",
            took.as_secs_f64(),
            done as f64 / took.as_secs_f64(),
            wal_max >> 20
        );
        let names = std::iter::once("select ids")
            .chain(phases.iter().map(|p| p.0))
            .chain(["commit (with auto-checkpoint)", "final checkpoint"]);
        for (name, d) in names.zip(&spent) {
            println!(
                "  {name:<30} {:>8.3} s  {:>7.1} µs/article  {:>5.1}%",
                d.as_secs_f64(),
                d.as_secs_f64() * 1e6 / done.max(1) as f64,
                100.0 * d.as_secs_f64() / took.as_secs_f64()
            );
        }
        let check: String = conn.query_row("PRAGMA quick_check", [], |r| r.get(0))?;
        println!("  quick_check: {check}");
        Ok(())
    })();
    let _ = std::fs::remove_dir_all(&scratch);
    result.map_err(|e| e.to_string())
}

// ---------------------------------------------------------------------------------------------
// Refreshing 200 feeds on top of the cache.

/// Items per served feed: 200 × 125 = 25,000 new articles, the refresh size.
const REFRESH_ITEMS: usize = 125;
/// Feeds per listener, as in the `refresh` bench, so `per_host = 2` applies per 10 feeds.
const FEEDS_PER_HOST: usize = 10;

/// One RSS document for feed `f`: [`REFRESH_ITEMS`] articles newer than the cache's newest,
/// each about 300 words (two generated bodies) in HTML paragraphs.
fn refresh_feed_xml(world: &World, f: usize) -> String {
    let mut xml = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<rss version=\"2.0\" \
         xmlns:content=\"http://purl.org/rss/1.0/modules/content/\">\n<channel>\n\
         <title>{}</title>\n<link>https://news{f}.example/</link>\n<description>d</description>\n",
        feed_title(f)
    );
    for i in 0..REFRESH_ITEMS {
        let k = f * REFRESH_ITEMS + i;
        // Numbers past the cache's: texts it does not hold.
        let (a, _) = world.article(world.total + 2 * k);
        let (b, _) = world.article(world.total + 2 * k + 1);
        let published = base_time() + chrono::Duration::minutes(1 + k as i64);
        let mut html = String::new();
        for p in a
            .article
            .text
            .split("\n\n")
            .chain(b.article.text.split("\n\n"))
        {
            html.push_str("<p>");
            html.push_str(p);
            html.push_str("</p>\n");
        }
        xml.push_str(&format!(
            "<item>\n<title>{}</title>\n<link>https://news{f}.example/new/{k}</link>\n\
             <guid isPermaLink=\"false\">urn:million:new:{k}</guid>\n<pubDate>{}</pubDate>\n\
             <content:encoded><![CDATA[{html}]]></content:encoded>\n</item>\n",
            a.article.title,
            published.to_rfc2822()
        ));
    }
    xml.push_str("</channel>\n</rss>\n");
    xml
}

/// One refresh run: wall time, the time its summary line came (the articles listed), and
/// the new articles it reported.
struct RefreshRun {
    total: Duration,
    listed: Option<Duration>,
    summary: String,
    /// The refresh process's CPU time (user + system) and its busiest threads' by name.
    cpu: Duration,
    threads: Vec<(String, Duration)>,
}

/// The CPU time of the children this process has waited for (`/proc/self/stat`'s
/// `cutime + cstime`, in clock ticks of 10 ms).
fn children_cpu() -> Duration {
    let stat = std::fs::read_to_string("/proc/self/stat").unwrap_or_default();
    let fields: Vec<&str> = stat
        .rsplit_once(')')
        .map(|(_, rest)| rest.split_whitespace().collect())
        .unwrap_or_default();
    // Fields 16 and 17 of the line; `rest` starts at field 3.
    let ticks: u64 = [13, 14]
        .iter()
        .filter_map(|&i| fields.get(i)?.parse::<u64>().ok())
        .sum();
    Duration::from_millis(ticks * 10)
}

/// Polls the threads of process `pid` until `stop`, keeping each thread's last seen CPU time
/// (`utime + stime`), summed by thread name.
fn watch_threads(pid: u32, stop: &AtomicBool) -> Vec<(String, Duration)> {
    let mut seen: std::collections::HashMap<String, (String, u64)> = Default::default();
    while !stop.load(Ordering::Relaxed) {
        if let Ok(tasks) = std::fs::read_dir(format!("/proc/{pid}/task")) {
            for task in tasks.flatten() {
                let Ok(stat) = std::fs::read_to_string(task.path().join("stat")) else {
                    continue;
                };
                let Some((head, rest)) = stat.rsplit_once(')') else {
                    continue;
                };
                let name = head.split_once('(').map_or("", |(_, n)| n).to_string();
                let f: Vec<&str> = rest.split_whitespace().collect();
                let ticks: u64 = [11, 12]
                    .iter()
                    .filter_map(|&i| f.get(i)?.parse::<u64>().ok())
                    .sum();
                seen.insert(
                    task.file_name().to_string_lossy().into_owned(),
                    (name, ticks),
                );
            }
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    let mut by_name: std::collections::HashMap<String, u64> = Default::default();
    for (name, ticks) in seen.into_values() {
        *by_name.entry(name).or_default() += ticks;
    }
    let mut v: Vec<(String, Duration)> = by_name
        .into_iter()
        .map(|(n, t)| (n, Duration::from_millis(t * 10)))
        .collect();
    v.sort_by_key(|b| std::cmp::Reverse(b.1));
    v.truncate(4);
    v
}

/// Runs `dateline refresh` (with `--no-extract` unless `extract`) on `db` and `config`.
fn run_refresh(config: &Path, db: &Path, extract: bool) -> Result<RefreshRun, String> {
    let bin = Path::new(env!("CARGO_BIN_EXE_dateline"));
    let mut cmd = Process::new(bin);
    cmd.arg("--config")
        .arg(config)
        .arg("--db")
        .arg(db)
        .arg("refresh");
    if !extract {
        cmd.arg("--no-extract");
    }
    let cpu_before = children_cpu();
    let start = Instant::now();
    let mut child = cmd
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| format!("cannot run {}: {e}", bin.display()))?;
    let stop = AtomicBool::new(false);
    let pid = child.id();
    let (read, threads) = std::thread::scope(|scope| {
        let watcher = scope.spawn(|| watch_threads(pid, &stop));
        let read = read_refresh(&mut child, start);
        // The last poll before the process exits is the one kept.
        let status = child.wait().map_err(|e| e.to_string());
        stop.store(true, Ordering::Relaxed);
        (
            read.and_then(|r| status.map(|s| (r, s))),
            watcher.join().unwrap_or_default(),
        )
    });
    let ((listed, summary, tail), status) = read?;
    let total = start.elapsed();
    let cpu = children_cpu().saturating_sub(cpu_before);
    if !status.success() {
        let n = tail.len().saturating_sub(8);
        return Err(format!(
            "refresh failed ({status}): {}",
            tail[n..].join(" / ")
        ));
    }
    Ok(RefreshRun {
        total,
        listed,
        summary,
        cpu,
        threads,
    })
}

type RefreshLines = (Option<Duration>, String, Vec<String>);

/// Reads the refresh's stderr to its end: when the summary line came, the line, and all lines.
fn read_refresh(child: &mut std::process::Child, start: Instant) -> Result<RefreshLines, String> {
    use std::io::BufRead;
    let mut listed = None;
    let mut summary = String::new();
    let mut tail = Vec::new();
    if let Some(err) = child.stderr.take() {
        for line in std::io::BufReader::new(err).lines() {
            let line = line.map_err(|e| e.to_string())?;
            if listed.is_none() && line.contains(" feeds: ") && line.contains(" new articles (") {
                listed = Some(start.elapsed());
                summary = line.clone();
            }
            tail.push(line);
        }
    }
    Ok((listed, summary, tail))
}

/// Copies the cache for a refresh and points its feeds at the local server (same feeds,
/// same ids, so the new items land beside the cached ones).
fn refresh_copy(dir: &Path, db: &Path, urls: &[String]) -> Result<(), String> {
    std::fs::copy(dir.join("cache.db"), db).map_err(|e| e.to_string())?;
    // Opening migrates an older cache: before the clock starts.
    drop(Store::open(db).map_err(|e| e.to_string())?);
    let mut conn = rusqlite::Connection::open(db).map_err(|e| e.to_string())?;
    let tx = conn.transaction().map_err(|e| e.to_string())?;
    for (f, url) in urls.iter().enumerate() {
        tx.execute(
            "UPDATE feeds SET url = ?1 WHERE url = ?2",
            rusqlite::params![url, feed_url(f)],
        )
        .map_err(|e| e.to_string())?;
    }
    tx.commit().map_err(|e| e.to_string())
}

fn remove_db(db: &Path) {
    for suffix in ["", "-wal", "-shm"] {
        let mut name = db.as_os_str().to_owned();
        name.push(suffix);
        let _ = std::fs::remove_file(PathBuf::from(name));
    }
}

/// Refreshes 200 served feeds ([`REFRESH_ITEMS`] new articles each) into an empty cache and
/// into a copy of the generated one, alternately, `runs` times each; with `extract`, the
/// default refresh (entities after the summary) instead of `--no-extract`. Prints each run.
fn measure_refresh(
    dir: &Path,
    total: usize,
    runs: usize,
    extract: bool,
) -> Result<Vec<(bool, RefreshRun)>, String> {
    let world = World::new(total);
    let hosts: Vec<TestServer> = (0..FEEDS.div_ceil(FEEDS_PER_HOST))
        .map(|_| TestServer::try_start(Some(Duration::from_secs(15))))
        .collect::<Result<_, _>>()
        .map_err(|e| format!("cannot listen on 127.0.0.1: {e}"))?;
    let mut urls = Vec::new();
    for f in 0..FEEDS {
        let path = format!("/feeds/{f}.xml");
        let host = &hosts[f / FEEDS_PER_HOST];
        host.route(
            &path,
            Reply::new(200)
                .header("Content-Type", "application/rss+xml; charset=utf-8")
                .body(refresh_feed_xml(&world, f)),
        );
        urls.push(host.url(&path));
    }
    let scratch = dir.join("refresh-scratch");
    let _ = std::fs::remove_dir_all(&scratch);
    std::fs::create_dir_all(&scratch).map_err(|e| e.to_string())?;
    let mut config = String::from(
        "[settings]\nconcurrency = 16\nper_host = 2\nkeep_days = 0\nrefresh_on_start = false\n",
    );
    for (f, url) in urls.iter().enumerate() {
        let tags: Vec<String> = feed_tags(f).iter().map(|t| format!("\"{t}\"")).collect();
        config.push_str(&format!(
            "\n[[feeds]]\nurl = \"{url}\"\ntitle = \"{}\"\ntags = [{}]\n",
            feed_title(f),
            tags.join(", ")
        ));
    }
    let config_path = scratch.join("config.toml");
    std::fs::write(&config_path, config).map_err(|e| e.to_string())?;
    let db = scratch.join("cache.db");
    let mut out = Vec::new();
    for _ in 0..runs {
        for full in [false, true] {
            remove_db(&db);
            if full {
                refresh_copy(dir, &db, &urls)?;
            }
            let run = run_refresh(&config_path, &db, extract)?;
            let threads: Vec<String> = run
                .threads
                .iter()
                .map(|(n, c)| format!("{n} {}", ms(*c)))
                .collect();
            println!(
                "  refresh{} into {}: listed {} total {} CPU {} [{}] (load {}): {}",
                if extract { "" } else { " --no-extract" },
                if full { "the cache" } else { "an empty cache" },
                run.listed.map_or("-".to_string(), ms),
                ms(run.total),
                ms(run.cpu),
                threads.join(", "),
                uptime(),
                run.summary
            );
            out.push((full, run));
        }
    }
    remove_db(&db);
    let _ = std::fs::remove_dir_all(&scratch);
    Ok(out)
}

fn median_of(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v.get(v.len() / 2).copied().unwrap_or_default()
}

fn uptime() -> String {
    std::fs::read_to_string("/proc/loadavg")
        .map(|s| s.split_whitespace().take(3).collect::<Vec<_>>().join(" "))
        .unwrap_or_else(|_| "unknown".into())
}

fn main() {
    let mut articles = 1_000_000usize;
    let mut build_only = false;
    let mut runs = 5usize;
    let mut prune = 100_000usize;
    // 0: steps sized by time, as the worker's.
    let mut prune_step = 0usize;
    let mut refresh_runs = 2usize;
    let mut profile_step = 5_000usize;
    let mut profile_cache_mib = 2i64;
    let mut profile_bulk = false;
    let mut profile_before = String::new();
    let mut profile_after = String::new();
    let mut parts = vec!["list".to_string(), "prune".into(), "refresh".into()];
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        let mut value = || args.next().and_then(|v| v.parse().ok());
        match a.as_str() {
            "--articles" => articles = value().expect("--articles N"),
            "--runs" => runs = value().expect("--runs N"),
            "--prune" => prune = value().expect("--prune N"),
            "--prune-step" => prune_step = value().expect("--prune-step N"),
            "--refresh-runs" => refresh_runs = value().expect("--refresh-runs N"),
            "--profile-step" => profile_step = value().expect("--profile-step N"),
            "--profile-before" => profile_before = args.next().expect("--profile-before SQL"),
            "--profile-after" => profile_after = args.next().expect("--profile-after SQL"),
            "--profile-cache-mib" => {
                profile_cache_mib = value()
                    .map(|v: usize| v as i64)
                    .expect("--profile-cache-mib M")
            }
            "--only" => {
                parts = args
                    .next()
                    .expect("--only list,prune,refresh,refresh-extract,entity")
                    .split(',')
                    .map(str::to_string)
                    .collect();
            }
            "--build-only" => build_only = true,
            "--profile-bulk" => profile_bulk = true,
            "--bench" => {}
            other => panic!("unknown option {other}"),
        }
    }
    let articles = articles.max(FEEDS);
    println!("load average before: {}", uptime());
    let dir = cache_dir(articles);
    println!(
        "cache: {} MB, {:.0} bytes per article",
        file_mb(&dir.join("cache.db")),
        std::fs::metadata(dir.join("cache.db"))
            .map(|m| m.len() as f64 / articles as f64)
            .unwrap_or(0.0)
    );
    if build_only {
        return;
    }
    println!(
        "\n{articles} articles in {FEEDS} feeds, release build, load {}",
        uptime()
    );
    let part = |name: &str| parts.iter().any(|p| p == name);
    if part("list") {
        match measure_list(&dir, runs) {
            Ok((first, total, rows)) => {
                println!("dateline list --unread, first byte: {}", spread(first));
                println!(
                    "dateline list --unread, to the end ({rows} rows): {}",
                    spread(total)
                );
            }
            Err(e) => println!("dateline list --unread: not measured ({e})"),
        }
        println!("load {}", uptime());
    }
    if part("prune") {
        match measure_prune(&dir, articles, prune, prune_step) {
            Ok(p) => {
                let step = if prune_step == 0 {
                    format!("sized to take {} ms", PRUNE_STEP_TARGET.as_millis())
                } else {
                    format!("of at most {prune_step} articles")
                };
                println!(
                    "prune of {} articles, hidden (out of every list and count): {} ({:.0} articles/s), CPU {}, {} steps {step}, longest {}",
                    p.pruned,
                    ms(p.took),
                    p.pruned as f64 / p.took.as_secs_f64(),
                    ms(p.cpu),
                    p.steps,
                    ms(p.longest),
                );
                println!(
                    "  then their rows deleted: {}, CPU {}, {} steps, longest {}",
                    ms(p.remove.0),
                    ms(p.remove.1),
                    p.remove.2,
                    ms(p.remove.3)
                );
                println!(
                    "  then the index's merge: {}, CPU {}, {} steps, longest {}",
                    ms(p.merge.0),
                    ms(p.merge.1),
                    p.merge.2,
                    ms(p.merge.3)
                );
                println!(
                    "  then free pages given back: {}, CPU {}, {} steps",
                    ms(p.release.0),
                    ms(p.release.1),
                    p.release.2
                );
                println!(
                    "  file (with WAL): {} MB before, {} MB hidden, {} MB deleted, {} MB after the merge, {} MB at the end",
                    p.mb[0], p.mb[1], p.mb[2], p.mb[3], p.mb[4]
                );
                for (name, v) in ["hiding", "deleting", "merge", "release"]
                    .iter()
                    .zip(p.reader)
                {
                    println!(
                        "  newest 40 rows on a second connection during the {name}: {}",
                        spread(v)
                    );
                }
                println!("load {}", uptime());
            }
            Err(e) => println!("prune: not measured ({e})"),
        }
    }
    if part("entity") {
        match measure_entity(&dir, runs) {
            Ok(pages) => {
                for (name, mentions, articles, first, rest) in pages {
                    println!(
                        "entity page of {name} ({mentions} mentions in {articles} articles): first {}, then {}",
                        ms(first),
                        spread(rest)
                    );
                }
            }
            Err(e) => println!("entity page: not measured ({e})"),
        }
        println!("load {}", uptime());
    }
    if part("prune-profile") {
        println!("load {}", uptime());
        if let Err(e) = profile_prune(
            &dir,
            articles,
            prune,
            profile_step,
            profile_cache_mib,
            (&profile_before, &profile_after),
            profile_bulk,
        ) {
            println!("prune profile: not measured ({e})");
        }
        println!("load {}", uptime());
    }
    for (name, extract) in [("refresh", false), ("refresh-extract", true)] {
        if !part(name) {
            continue;
        }
        println!(
            "refreshing {FEEDS} feeds × {REFRESH_ITEMS} new articles{}, load {}",
            if extract { ", with entities" } else { "" },
            uptime()
        );
        match measure_refresh(&dir, articles, refresh_runs, extract) {
            Ok(runs) => {
                for full in [false, true] {
                    let mine: Vec<&RefreshRun> =
                        runs.iter().filter(|r| r.0 == full).map(|r| &r.1).collect();
                    let listed = median_of(mine.iter().filter_map(|r| r.listed).collect());
                    let total = median_of(mine.iter().map(|r| r.total).collect());
                    println!(
                        "refresh{} into {}: listed {} (median), process end {} (median), entities {} after the list",
                        if extract { "" } else { " --no-extract" },
                        if full {
                            format!("{articles} articles")
                        } else {
                            "an empty cache".to_string()
                        },
                        ms(listed),
                        ms(total),
                        ms(total.saturating_sub(listed)),
                    );
                }
            }
            Err(e) => println!("{name}: not measured ({e})"),
        }
    }
    println!("load after: {}", uptime());
    println!(
        "\nthe reader on this cache:\n  DATELINE_BENCH_CACHE={} DATELINE_BENCH_ARTICLES={articles} cargo bench --bench ui",
        dir.display()
    );
}
