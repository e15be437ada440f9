//! Integration tests: the parser against third-party feed corpora (read-only, in
//! `../shared/corpora`, described by its README).
//!
//! Three questions: do real-world feeds parse into the number of articles another parser
//! finds; does anything in the conformance and validator suites make the parser panic or
//! hang; and how much of feedparser's own expectations does what dateline *stores* satisfy.
//! The first and last go through the store: every document is parsed, recorded with
//! `Store::record_fetch` in an in-memory cache and read back with `feeds`, `articles` and
//! `article`, and the comparison sees only [`StoredFeed`], the view of what was read back.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use chrono::{DateTime, TimeZone, Utc};
use dateline::extract::html::html_to_text;
use dateline::fetch::parse_feed;
use dateline::model::{FeedSpec, ParsedFeed};
use dateline::store::{FetchRecord, Store};
use serde_json::Value;

use crate::support::shared_path;

fn fixed_now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2024, 5, 1, 12, 0, 0)
        .single()
        .unwrap_or_default()
}

/// The time the store records as "first seen". An odd second, so that a stored publication
/// date equal to it can only be the store's stand-in for a missing one.
fn store_now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2031, 7, 3, 4, 5, 7)
        .single()
        .unwrap_or_default()
}

/// Every file below `dir`, sorted, so that failures list in a stable order.
fn files_under(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        let entries =
            std::fs::read_dir(&d).unwrap_or_else(|e| panic!("reading {}: {e}", d.display()));
        for entry in entries {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else {
                out.push(path);
            }
        }
    }
    out.sort();
    out
}

// ---------------------------------------------------------------------------------------
// a. Real-world feeds: parse, and count the articles.

/// Files INDEX.tsv lists that we knowingly do not match, with the reason. `None` as the
/// count means "must fail to parse"; `Some(n)` means "parses into n articles".
const REALWORLD_EXCEPTIONS: &[(&str, Option<usize>, &str)] = &[
    // Not feeds at all: INDEX.tsv records what feedparser salvaged (nothing, or a guess).
    (
        "feed-rs/xml/xml_sample_1.xml",
        None,
        "an XML book catalogue, not a feed",
    ),
    (
        "feed-rs/xml/xml_sample_2.xml",
        None,
        "an XML document that is not a feed",
    ),
    (
        "feed-rs/xml/xml_iso8859.xml",
        None,
        "an XML document that is not a feed",
    ),
    (
        "rss-parser/input/unrecognized.rss",
        None,
        "an HTML 'Document Moved' page",
    ),
    (
        "rsparser/ScriptingNews.json",
        None,
        "RSS transcribed to JSON, not a JSON Feed",
    ),
    (
        "rsparser/allthis-partial.json",
        None,
        "a truncated JSON Feed with raw control characters",
    ),
    // Broken XML: feed-rs's XML reader is strict where feedparser's is forgiving.
    (
        "fastfeedparser/integration/malformed_rss_namespaced.xml",
        None,
        "unknown root, feedparser finds 0 entries",
    ),
    (
        "fastfeedparser/integration/osm-pl.xml",
        Some(7),
        "cut off inside its 8th item: the 7 complete items are kept (feedparser keeps the \
         half-written 8th too)",
    ),
    (
        "feed-rs/rss2/rss_2.0_invalid_1.xml",
        None,
        "truncated document, feedparser finds 0 entries",
    ),
];

#[test]
fn realworld_feeds_parse_into_the_expected_number_of_articles() {
    let Some(root) = shared_path("corpora/realworld") else {
        return;
    };
    let index = std::fs::read_to_string(root.join("INDEX.tsv")).expect("INDEX.tsv is readable");
    let mut failures = Vec::new();
    let mut checked = 0;
    let mut counted = 0;
    let mut deduped = 0;
    for line in index.lines().skip(1) {
        let cols: Vec<&str> = line.split('\t').collect();
        let [file, format, entries, ..] = cols[..] else {
            failures.push(format!("malformed INDEX line: {line:?}"));
            continue;
        };
        if format == "opml" {
            continue;
        }
        let body = std::fs::read(root.join(file)).unwrap_or_else(|e| panic!("{file}: {e}"));
        let result = parse_feed(&body, "https://example.invalid/feed", fixed_now());
        checked += 1;
        if let Some((_, expected, why)) = REALWORLD_EXCEPTIONS.iter().find(|(f, ..)| *f == file) {
            let got = result.as_ref().ok().map(|f| f.articles.len());
            println!("exception {file}: expected {expected:?}, got {got:?} ({why})");
            if got != *expected {
                failures.push(format!(
                    "{file}: documented exception no longer holds: {got:?}"
                ));
            }
            continue;
        }
        match (result, entries.parse::<usize>()) {
            (Err(e), _) => failures.push(format!("{file} ({format}): {e}")),
            (Ok(feed), expected) => {
                let stored = store_and_read_back(&feed);
                // The store keeps one article per GUID (the first).
                let distinct = distinct_guids(&feed);
                deduped += usize::from(distinct != feed.articles.len());
                if stored.entries_in_store != distinct {
                    failures.push(format!(
                        "{file}: {} distinct GUIDs parsed, {} articles stored",
                        distinct, stored.entries_in_store
                    ));
                }
                // No count recorded (JSON that feedparser does not read): storing is enough.
                if let Ok(expected) = expected {
                    counted += 1;
                    if feed.articles.len() != expected {
                        failures.push(format!(
                            "{file}: {} articles, INDEX says {expected}",
                            feed.articles.len()
                        ));
                    }
                }
            }
        }
    }
    println!(
        "realworld: {checked} documents parsed and stored, {counted} article counts compared, \
         {deduped} feeds repeat a GUID (stored once)"
    );
    assert!(checked > 150, "INDEX.tsv lists too few feeds: {checked}");
    assert!(
        failures.is_empty(),
        "{} realworld failures:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

// ---------------------------------------------------------------------------------------
// b. Robustness: the conformance and validator suites never panic and never hang.

/// Longest a single document may take before we call it a hang.
const PER_FILE_LIMIT: Duration = Duration::from_secs(20);

#[test]
fn feedparser_and_feedvalidator_suites_never_panic_or_hang() {
    let (Some(feedparser), Some(feedvalidator)) = (
        shared_path("corpora/feedparser"),
        shared_path("corpora/feedvalidator"),
    ) else {
        return;
    };
    let mut files = files_under(&feedparser);
    files.extend(files_under(&feedvalidator));
    files.retain(|p| p.extension().is_none_or(|e| e != "json"));
    let total = files.len();
    assert!(total > 3_000, "corpora look incomplete: {total} files");

    let (tx, rx) = mpsc::channel();
    let worker_files = files.clone();
    std::thread::spawn(move || {
        for (i, path) in worker_files.into_iter().enumerate() {
            let body = std::fs::read(&path).unwrap_or_default();
            let outcome = std::panic::catch_unwind(|| {
                parse_feed(&body, "http://127.0.0.1:8097/tests/x.xml", fixed_now()).is_ok()
            });
            if tx.send((i, outcome)).is_err() {
                return;
            }
        }
    });

    let mut panicked = Vec::new();
    let mut parsed = 0;
    for i in 0..total {
        let started = Instant::now();
        match rx.recv_timeout(PER_FILE_LIMIT) {
            Ok((j, Ok(ok))) => {
                assert_eq!(i, j);
                parsed += usize::from(ok);
            }
            Ok((j, Err(_))) => panicked.push(files[j].display().to_string()),
            Err(_) => panic!(
                "parse_feed hung on {} (no result after {:?})",
                files[i].display(),
                started.elapsed()
            ),
        }
    }
    println!(
        "robustness: {total} files, {parsed} parsed as feeds, {} panicked",
        panicked.len()
    );
    assert!(
        panicked.is_empty(),
        "parse_feed panicked on:\n{}",
        panicked.join("\n")
    );
}

// ---------------------------------------------------------------------------------------
// c. feedparser's expectations, compared with what dateline stores.

/// The fields dateline keeps of a feed, as the store gives them back.
///
/// `entries` is in document order: `entries[n]` is the stored article whose GUID is that of
/// the document's n-th item (the store lists newest first and keeps one article per GUID,
/// so an item repeating an earlier GUID shows the article stored for the first).
#[derive(Debug, Clone, Default)]
pub struct StoredFeed {
    pub title: Option<String>,
    pub site_link: Option<String>,
    pub entries: Vec<StoredEntry>,
    /// How many articles the store holds for the feed.
    pub entries_in_store: usize,
}

/// The fields dateline keeps of an article.
#[derive(Debug, Clone, Default)]
pub struct StoredEntry {
    pub guid: String,
    pub title: String,
    pub link: Option<String>,
    pub authors: Vec<String>,
    pub published: Option<DateTime<Utc>>,
    pub updated: Option<DateTime<Utc>>,
    pub summary_html: Option<String>,
    pub content_html: Option<String>,
    pub categories: Vec<String>,
}

/// Number of distinct GUIDs among the parsed articles.
fn distinct_guids(feed: &ParsedFeed) -> usize {
    let mut seen = std::collections::HashSet::new();
    feed.articles
        .iter()
        .filter(|a| seen.insert(&a.guid))
        .count()
}

/// Records `parsed` as a successful fetch of a fresh in-memory cache's only feed and reads
/// back what was stored.
fn store_and_read_back(parsed: &ParsedFeed) -> StoredFeed {
    let mut store = Store::open_in_memory().expect("in-memory store opens");
    let spec = FeedSpec {
        url: "http://127.0.0.1:8097/feed".into(),
        title: None,
        tags: Vec::new(),
    };
    store.sync_feeds(&[spec]).expect("feed list syncs");
    let id = store.feeds().expect("feeds list")[0].id;
    let record = FetchRecord::Parsed {
        feed: parsed,
        etag: None,
        last_modified: None,
        moved_to: None,
    };
    store
        .record_fetch(id, record, store_now())
        .expect("a parsed feed is stored");
    let feed = store.feeds().expect("feeds list").remove(0);
    let everything = dateline::query::Query::default();
    let summaries: Vec<_> = store
        .query_articles(&everything, store_now().fixed_offset(), None, 0)
        .expect("articles list")
        .into_iter()
        .filter(|a| a.feed_id == id)
        .collect();
    let mut by_guid = std::collections::HashMap::new();
    for summary in &summaries {
        let article = store.article(summary.id).expect("listed article reads");
        by_guid.insert(article.guid.clone(), article);
    }
    let entries = parsed
        .articles
        .iter()
        .map(|item| match by_guid.get(&item.guid) {
            Some(a) => StoredEntry {
                guid: a.guid.clone(),
                title: a.title.clone(),
                link: a.link.clone(),
                authors: a.authors.clone(),
                // The store stands first-seen in for a missing date; that is not the feed's.
                published: (a.published != a.first_seen).then_some(a.published),
                updated: a.updated,
                summary_html: a.summary_html.clone(),
                content_html: a.content_html.clone(),
                categories: a.categories.clone(),
            },
            // Not stored: the comparison sees an entry with nothing in it.
            None => StoredEntry::default(),
        })
        .collect();
    StoredFeed {
        title: feed.feed_title,
        site_link: feed.site_link,
        entries,
        entries_in_store: summaries.len(),
    }
}

/// The result of one expectation check.
#[derive(Debug, PartialEq)]
pub enum Verdict {
    Pass,
    Fail(String),
    /// The field is not something dateline stores (or the expected value is feedparser-only).
    NotApplicable,
}

/// Field family a check is counted under in the report.
pub fn field_family(field: &str) -> String {
    let mut out = String::with_capacity(field.len());
    let mut in_index = false;
    for c in field.chars() {
        match c {
            '[' => {
                in_index = true;
                out.push_str("[n]");
            }
            ']' => in_index = false,
            c if !in_index => out.push(c),
            _ => {}
        }
    }
    out
}

/// Compares one feedparser expectation with what is stored.
///
/// Rules, per field:
/// * `feed.title`, `entries[i].title`: whitespace-normalised equality, either with the
///   expected value as is or with its plain-text rendering (feedparser keeps sanitised
///   markup in titles, dateline stores text). An expected `null` title is not applicable
///   (dateline derives a title for every article).
/// * `feed.link`, `entries[i].link`: equal as parsed URLs (so `http://a` = `http://a/`),
///   else as strings; `null` must be absent.
/// * `entries[i].id`: exact after trimming; `null` is not applicable (dateline always makes
///   an id).
/// * `entries[i].published_utc` / `updated_utc`: the stored time as `YYYY-MM-DDTHH:MM:SSZ`;
///   the store substitutes first-seen for a missing publication date, which the read-back
///   view turns back into "none" (dateline fills `published` from `updated`, feedparser
///   does not, so those cases differ by design).
/// * `entries[i].author`, `.author.name`, `.authors[n].name`: the n-th stored author, equal
///   to the name (feedparser's display form `Name (email)` is reduced to `Name`).
/// * `entries[i].summary`, `entries[i].content[0]`: HTML, compared as `html_to_text` of both
///   sides after whitespace normalisation (sanitising and base-resolution differences in
///   markup do not count; text does). feedparser gives text constructs as text, which the
///   expectation does not flag, so the expected value taken verbatim as text also passes.
/// * `entries[i].tags[n].term`: the n-th stored category.
/// * Everything else (feed-level dates, authors and tags, subtitles, rights, raw date
///   strings, e-mail/uri parts, `links[n]`, encoding, version) is not stored: not applicable.
pub fn compare(stored: &StoredFeed, field: &str, expected: &Value) -> Verdict {
    let want = expected.as_str();
    let mut parts = field.split('.');
    let head = parts.next().unwrap_or("");
    let rest: Vec<&str> = parts.collect();
    if head == "feed" {
        return match rest[..] {
            ["title"] => match want {
                Some(w) => compare_text(stored.title.as_deref().unwrap_or(""), w),
                None => Verdict::NotApplicable,
            },
            ["link"] => compare_link(stored.site_link.as_deref(), want),
            _ => Verdict::NotApplicable,
        };
    }
    let Some(index) = head
        .strip_prefix("entries[")
        .and_then(|s| s.strip_suffix(']'))
    else {
        return Verdict::NotApplicable;
    };
    let Ok(index) = index.parse::<usize>() else {
        return Verdict::NotApplicable;
    };
    if !is_applicable_entry_field(&rest, expected) {
        return Verdict::NotApplicable;
    }
    let Some(entry) = stored.entries.get(index) else {
        return Verdict::Fail(format!("only {} entries", stored.entries.len()));
    };
    match rest[..] {
        ["title"] => compare_text(&entry.title, want.unwrap_or("")),
        ["link"] => compare_link(entry.link.as_deref(), want),
        ["id"] => same(Some(entry.guid.trim()), want.map(str::trim)),
        ["published_utc"] => same(format_utc(entry.published).as_deref(), want),
        ["updated_utc"] => same(format_utc(entry.updated).as_deref(), want),
        ["author"] | ["author", "name"] => compare_author(entry.authors.first(), want),
        [authors, "name"] => {
            let n = authors
                .strip_prefix("authors[")
                .and_then(|s| s.strip_suffix(']'))
                .and_then(|s| s.parse::<usize>().ok());
            match n {
                Some(n) => compare_author(entry.authors.get(n), want),
                None => Verdict::NotApplicable,
            }
        }
        ["summary"] => compare_html(entry.summary_html.as_deref(), want),
        ["content[0]"] => compare_html(entry.content_html.as_deref(), want),
        [tags, "term"] => {
            let n = tags
                .strip_prefix("tags[")
                .and_then(|s| s.strip_suffix(']'))
                .and_then(|s| s.parse::<usize>().ok());
            match n {
                Some(n) => same(entry.categories.get(n).map(String::as_str), want),
                None => Verdict::NotApplicable,
            }
        }
        _ => Verdict::NotApplicable,
    }
}

fn is_applicable_entry_field(rest: &[&str], expected: &Value) -> bool {
    match rest {
        // dateline always has a title and an id.
        ["title"] | ["id"] => !expected.is_null(),
        ["link"]
        | ["published_utc"]
        | ["updated_utc"]
        | ["author"]
        | ["summary"]
        | ["content[0]"] => true,
        ["author", "name"] => true,
        [authors, "name"] => authors.starts_with("authors["),
        [tags, "term"] => tags.starts_with("tags["),
        _ => false,
    }
}

fn normalise(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn same(got: Option<&str>, want: Option<&str>) -> Verdict {
    if got == want {
        Verdict::Pass
    } else {
        Verdict::Fail(format!("got {got:?}"))
    }
}

fn compare_text(got: &str, want: &str) -> Verdict {
    let got = normalise(got);
    if got == normalise(want) || got == normalise(&html_to_text(want)) {
        Verdict::Pass
    } else {
        Verdict::Fail(format!("got {got:?}"))
    }
}

fn compare_link(got: Option<&str>, want: Option<&str>) -> Verdict {
    let equal = match (got, want) {
        (Some(g), Some(w)) => match (url::Url::parse(g), url::Url::parse(w)) {
            (Ok(g), Ok(w)) => g == w,
            _ => g == w,
        },
        (g, w) => g == w,
    };
    if equal {
        Verdict::Pass
    } else {
        Verdict::Fail(format!("got {got:?}"))
    }
}

fn compare_author(got: Option<&String>, want: Option<&str>) -> Verdict {
    let want = want.map(|w| {
        // "Name (email)" is feedparser's display form; dateline keeps the name.
        match (w.rfind(" ("), w.ends_with(')')) {
            (Some(i), true) if i > 0 => w[..i].to_string(),
            _ => w.to_string(),
        }
    });
    same(
        got.map(|g| normalise(g)).as_deref(),
        want.map(|w| normalise(&w)).as_deref(),
    )
}

fn compare_html(got: Option<&str>, want: Option<&str>) -> Verdict {
    let render = |s: &str| normalise(&html_to_text(s));
    let got_text = got.map(render).filter(|s| !s.is_empty());
    let want_text = want.map(render).filter(|s| !s.is_empty());
    // feedparser's value is text for text constructs, which the expectation does not flag.
    let want_plain = want.map(normalise).filter(|s| !s.is_empty());
    if got_text == want_text || (want_plain.is_some() && got_text == want_plain) {
        Verdict::Pass
    } else {
        Verdict::Fail(format!("got {got_text:?}, want {want_text:?}"))
    }
}

fn format_utc(t: Option<DateTime<Utc>>) -> Option<String> {
    t.map(|t| t.format("%Y-%m-%dT%H:%M:%SZ").to_string())
}

/// Directories whose expectations are about feedparser itself, not about the feed.
const SKIPPED_DIRS: &[(&str, &str)] = &[(
    "wellformed/sanitize/",
    "expected values are feedparser's own HTML sanitising",
)];

/// Just below the 96.3% (597/620) measured when this floor was set; see the test's output
/// for the current figure and the failing checks.
const OVERALL_FLOOR: f64 = 0.96;

/// The URL relative references resolve against, as the worker would give it: the document's
/// URL, or the `Content-Location` response header (itself resolved against that URL) when the
/// case's HTTP headers carry one, since that header names the document's own location.
fn base_url(case: &Value) -> String {
    let document = case["document_url"].as_str().unwrap_or("");
    let location = case["http_headers"]
        .as_object()
        .and_then(|h| {
            h.iter()
                .find(|(k, _)| k.eq_ignore_ascii_case("content-location"))
        })
        .and_then(|(_, v)| v.as_str());
    // Only a web address can be a document's location (`javascript:` is not).
    let resolved = location
        .zip(url::Url::parse(document).ok())
        .and_then(|(loc, doc)| doc.join(loc).ok())
        .filter(|u| matches!(u.scheme(), "http" | "https"));
    resolved.map_or_else(|| document.to_string(), String::from)
}

#[test]
fn feedparser_expectations_hold_for_stored_fields() {
    let Some(dir) = shared_path("corpora/feedparser") else {
        return;
    };
    let doc: Value = serde_json::from_str(
        &std::fs::read_to_string(dir.join("expectations.json"))
            .expect("expectations.json is readable"),
    )
    .expect("expectations.json is JSON");
    assert_eq!(
        doc["format"], "feed-expectations/1",
        "unknown expectations format"
    );
    let cases = doc["cases"].as_object().expect("cases is an object");

    // family -> (applicable, passed)
    let mut tally: BTreeMap<String, (usize, usize)> = BTreeMap::new();
    let mut not_applicable = 0;
    let mut failures = Vec::new();
    for (file, case) in cases {
        if SKIPPED_DIRS.iter().any(|(d, _)| file.starts_with(d)) {
            continue;
        }
        let checks = case["checks"]
            .as_array()
            .map(Vec::as_slice)
            .unwrap_or_default();
        if checks.is_empty() {
            continue;
        }
        let body = std::fs::read(dir.join(file)).unwrap_or_else(|e| panic!("{file}: {e}"));
        let base = base_url(case);
        let parsed = parse_feed(&body, &base, fixed_now());
        let stored = parsed.as_ref().map(store_and_read_back);
        for check in checks {
            let field = check["field"].as_str().unwrap_or("");
            let expected = &check["value"];
            // Whether a field applies does not depend on the parse: judge it on an empty feed.
            if compare(&StoredFeed::default(), field, expected) == Verdict::NotApplicable {
                not_applicable += 1;
                continue;
            }
            let verdict = match &stored {
                Ok(stored) => compare(stored, field, expected),
                Err(e) => Verdict::Fail(format!("parse error: {e}")),
            };
            let slot = tally.entry(field_family(field)).or_default();
            slot.0 += 1;
            match verdict {
                Verdict::Pass => slot.1 += 1,
                Verdict::Fail(why) => {
                    failures.push(format!("{file} {field}: want {expected}, {why}"))
                }
                Verdict::NotApplicable => unreachable!("applicability is decided above"),
            }
        }
    }

    for failure in &failures {
        println!("FAIL {failure}");
    }
    for (dir, why) in SKIPPED_DIRS {
        println!("skipped {dir}: {why}");
    }
    let (mut applicable, mut passed) = (0, 0);
    for (family, (n, ok)) in &tally {
        println!(
            "{family:32} {ok:5}/{n:<5} {:6.1}%",
            100.0 * *ok as f64 / *n as f64
        );
        applicable += n;
        passed += ok;
    }
    let rate = passed as f64 / applicable.max(1) as f64;
    println!(
        "overall: {passed}/{applicable} applicable checks pass ({:.1}%), {not_applicable} checks not applicable",
        100.0 * rate
    );
    assert!(applicable > 500, "too few applicable checks: {applicable}");
    assert!(
        rate >= OVERALL_FLOOR,
        "pass rate {rate:.3} fell below the floor {OVERALL_FLOOR}"
    );
}

#[test]
fn comparison_rules_can_fail() {
    let stored = StoredFeed {
        title: Some("Example  feed".into()),
        site_link: Some("http://example.com/".into()),
        entries: vec![StoredEntry {
            guid: "id-1".into(),
            title: "A <b> title".into(),
            authors: vec!["Jane".into()],
            summary_html: Some("<p>Hello <b>world</b></p>".into()),
            ..StoredEntry::default()
        }],
        entries_in_store: 1,
    };
    let s = |v: &str| Value::String(v.to_string());
    assert_eq!(
        compare(&stored, "feed.title", &s("Example feed")),
        Verdict::Pass
    );
    assert!(matches!(
        compare(&stored, "feed.title", &s("Other")),
        Verdict::Fail(_)
    ));
    assert_eq!(
        compare(&stored, "feed.link", &s("http://example.com")),
        Verdict::Pass
    );
    assert_eq!(compare(&stored, "entries[0].id", &s("id-1")), Verdict::Pass);
    assert!(matches!(
        compare(&stored, "entries[0].id", &s("id-2")),
        Verdict::Fail(_)
    ));
    assert_eq!(
        compare(&stored, "entries[0].author", &s("Jane (j@example.com)")),
        Verdict::Pass
    );
    assert_eq!(
        compare(&stored, "entries[0].summary", &s("Hello world")),
        Verdict::Pass
    );
    assert!(matches!(
        compare(&stored, "entries[0].summary", &s("Hello")),
        Verdict::Fail(_)
    ));
    assert!(matches!(
        compare(&stored, "entries[0].link", &s("http://x/")),
        Verdict::Fail(_)
    ));
    assert!(matches!(
        compare(&stored, "entries[3].title", &s("x")),
        Verdict::Fail(_)
    ));
    assert_eq!(
        compare(&stored, "feed.subtitle", &s("x")),
        Verdict::NotApplicable
    );
    assert_eq!(
        compare(&stored, "entries[0].title", &Value::Null),
        Verdict::NotApplicable
    );
    assert_eq!(
        field_family("entries[0].authors[1].name"),
        "entries[n].authors[n].name"
    );
}
