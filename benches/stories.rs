//! Speed of grouping articles into stories as they are stored: the time an article takes to
//! join its story (or start one) during a refresh, amortised.
//!
//! Run with `cargo bench --bench stories` (`-- --copies N` for a larger cache; default 10).
//! It parses every feed of `../shared/corpora/realworld`, finds the entities of each article
//! once, and stores `N` copies of the whole corpus in a cache file, each copy moved four
//! days later than the one before (so the cache holds N times the corpus, and the grouper's
//! window a realistic slice of it). Then, after the extraction queue's pattern (batches of 16,
//! newest first), it measures:
//!
//! - **join**: [`Stories::group`] per batch, as the queue calls it on the store thread: reading
//!   each article's title, lead and entities, grouping, and writing its story, in one
//!   transaction per batch. Amortised per article, over the whole cache, in 3 runs (the
//!   stories are forgotten between runs).
//! - **grouper alone**: the in-memory part of the same work ([`StoryIndex::decide`]).
//! - **rebuild**: a new process's first batch, which first rebuilds the grouper from the
//!   stored stories of the recent window.
//!
//! Without the shared corpus beside the repository it says so and does nothing.

use std::path::{Path, PathBuf};
use std::time::Instant;

use chrono::{Duration, Utc};
use dateline::extract::resolve::extract_entities;
use dateline::model::{ArticleId, FeedSpec, NewArticle};
use dateline::store::{BulkArticle, Store};
use dateline::worker::extract::to_mentions;
use dateline::worker::stories::{Stories, StoryIndex};

/// Articles per call, as the extraction queue's batches.
const BATCH: usize = 16;

fn feed_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let mut paths: Vec<PathBuf> = entries.filter_map(|e| e.ok()).map(|e| e.path()).collect();
    paths.sort();
    for p in paths {
        if p.is_dir() {
            feed_files(&p, out);
        } else if p.extension().is_some_and(|e| e != "tsv" && e != "md") {
            out.push(p);
        }
    }
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let copies: i64 = args
        .iter()
        .position(|a| a == "--copies")
        .and_then(|i| args.get(i + 1))
        .and_then(|n| n.parse().ok())
        .unwrap_or(10);
    let corpus = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpora/realworld");
    let mut files = Vec::new();
    feed_files(&corpus, &mut files);
    if files.is_empty() {
        println!("realworld corpus not found at ../shared/corpora/realworld: skipped");
        return;
    }
    let now = Utc::now();
    let feeds: Vec<(String, Vec<NewArticle>)> = files
        .iter()
        .filter_map(|path| {
            let bytes = std::fs::read(path).ok()?;
            let parsed =
                dateline::fetch::parse_feed(&bytes, "https://example.invalid/", now).ok()?;
            let name = path.strip_prefix(&corpus).ok()?.display().to_string();
            Some((name, parsed.articles))
        })
        .filter(|(_, a)| !a.is_empty())
        .collect();
    let started = Instant::now();
    let mentions: Vec<Vec<_>> = feeds
        .iter()
        .map(|(_, articles)| {
            articles
                .iter()
                .map(|a| to_mentions(&extract_entities(&format!("{}\n\n{}", a.title, a.text))))
                .collect()
        })
        .collect();
    let per_copy: usize = feeds.iter().map(|(_, a)| a.len()).sum();
    eprintln!(
        "{} feeds, {per_copy} articles, entities found in {:.1} s",
        feeds.len(),
        started.elapsed().as_secs_f64()
    );

    let dir = tempfile::tempdir().expect("temporary directory");
    let mut store = Store::open(&dir.path().join("cache.db")).expect("cache");
    let specs: Vec<FeedSpec> = feeds
        .iter()
        .map(|(name, _)| FeedSpec {
            url: format!("https://example.invalid/{name}"),
            title: Some(name.clone()),
            tags: Vec::new(),
        })
        .collect();
    store.sync_feeds(&specs).expect("feeds");
    let feed_ids: Vec<_> = store.feeds().expect("feeds").iter().map(|f| f.id).collect();
    for copy in 0..copies {
        let shift = Duration::days(4 * copy);
        for (((_, articles), found), feed) in feeds.iter().zip(&mentions).zip(&feed_ids) {
            let batch: Vec<BulkArticle> = articles
                .iter()
                .map(|a| {
                    let mut a = a.clone();
                    a.guid = format!("{}#{copy}", a.guid);
                    a.published = a.published.map(|p| p + shift);
                    BulkArticle {
                        feed: *feed,
                        first_seen: a.published.unwrap_or(now),
                        article: a,
                        read_at: None,
                        starred: false,
                    }
                })
                .collect();
            let ids = store.bulk_insert(&batch).expect("insert");
            let written: Vec<(ArticleId, _)> = ids.into_iter().zip(found.iter().cloned()).collect();
            store
                .write_mentions_batch("bench", &written, now)
                .expect("mentions");
        }
    }
    // The extraction queue's order: newest first.
    let all = dateline::query::Query::default();
    let mut order: Vec<ArticleId> = Vec::new();
    store
        .each_article(&all, now.fixed_offset(), None, |a| {
            order.push(a.id);
            true
        })
        .expect("list");
    let n = order.len();
    eprintln!("{copies} copies: {n} articles in the cache");

    let mut joins = Vec::new();
    for _ in 0..3 {
        store.forget_stories().expect("forget");
        let stories = Stories::default();
        let t = Instant::now();
        for batch in order.chunks(BATCH) {
            stories.group(&mut store, batch).expect("group");
        }
        joins.push(t.elapsed().as_secs_f64() * 1e6 / n as f64);
    }
    joins.sort_by(f64::total_cmp);
    let listed = store
        .stories(&all, now.fixed_offset(), 1, u32::MAX)
        .expect("stories");
    let multi = listed.iter().filter(|s| s.sources > 1).count();

    // The grouper alone, on inputs read beforehand.
    let inputs: Vec<Vec<_>> = order
        .chunks(BATCH)
        .map(|b| {
            let mut inputs = store.story_inputs(b).expect("inputs");
            for i in &mut inputs {
                i.story = None;
            }
            inputs
        })
        .collect();
    let mut index = StoryIndex::default();
    let t = Instant::now();
    for batch in &inputs {
        std::hint::black_box(index.decide(batch));
    }
    let alone = t.elapsed().as_secs_f64() * 1e6 / n as f64;

    // A new process: the first batch rebuilds the grouper from the recent window.
    let newest: Vec<ArticleId> = order.iter().take(BATCH).copied().collect();
    let t = Instant::now();
    Stories::default()
        .group(&mut store, &newest)
        .expect("rebuild");
    let rebuild = t.elapsed().as_secs_f64() * 1e3;

    println!(
        "stories: {n} articles ({copies} copies of {per_copy}) -> {} stories, {multi} with 2+ \
         sources; join {:.1} us/article amortised (median of 3 runs; runs {:.1}, {:.1}, {:.1} \
         us), grouper alone {:.1} us/article; rebuild from the recent window {:.1} ms",
        listed.len(),
        joins[1],
        joins[0],
        joins[1],
        joins[2],
        alone,
        rebuild,
    );
}
