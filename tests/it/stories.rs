//! Stories across feeds, scored against `scripts/devset/stories-dev.jsonl`: 341 articles of
//! 15 world-news feeds (16-18 Feb 2026) grouped into stories by hand, without any model.
//! Prints pairwise precision, recall and F1 and B-cubed F1 of the grouper's stories.

use std::collections::HashMap;
use std::path::Path;

use chrono::{DateTime, Utc};
use dateline::extract::stories::{Grouper, StoryInput};
use serde::Deserialize;

#[derive(Deserialize)]
struct Row {
    file: String,
    guid: String,
    published: DateTime<Utc>,
    story: String,
}

struct Article {
    title: String,
    text: String,
    published: DateTime<Utc>,
    entities: Vec<String>,
    gold: String,
}

/// The hand-grouped articles with their text from `../shared`, in publication order.
fn articles() -> Option<Vec<Article>> {
    let corpora = crate::support::shared_path("corpora/realworld")?;
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let rows: Vec<Row> = std::fs::read_to_string(root.join("scripts/devset/stories-dev.jsonl"))
        .expect("stories-dev.jsonl")
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| serde_json::from_str(l).expect("stories-dev line"))
        .collect();
    let mut feeds: HashMap<String, HashMap<String, (String, String)>> = HashMap::new();
    let mut out = Vec::new();
    for row in rows {
        let feed = feeds.entry(row.file.clone()).or_insert_with(|| {
            let bytes = std::fs::read(corpora.join(&row.file)).expect("corpus file");
            let parsed =
                dateline::fetch::parse_feed(&bytes, "https://example.invalid/", Utc::now())
                    .expect("feed parses");
            parsed
                .articles
                .into_iter()
                .map(|a| (a.guid, (a.title, a.text)))
                .collect()
        });
        let (title, text) = feed
            .get(&row.guid)
            .expect("a stories-dev guid is in its feed")
            .clone();
        let entities = dateline::extract::resolve::extract_entities(&format!("{title}\n\n{text}"))
            .iter()
            .map(|e| e.key())
            .collect();
        out.push(Article {
            title,
            text,
            published: row.published,
            entities,
            gold: row.story,
        });
    }
    out.sort_by_key(|a| a.published);
    Some(out)
}

/// Pairwise precision, recall and F1 of `pred` against `gold` (story labels per article).
fn pairwise(pred: &[usize], gold: &[String]) -> (f64, f64, f64) {
    let (mut both, mut in_pred, mut in_gold) = (0usize, 0usize, 0usize);
    for i in 0..pred.len() {
        for j in i + 1..pred.len() {
            let p = pred[i] == pred[j];
            let g = gold[i] == gold[j];
            both += usize::from(p && g);
            in_pred += usize::from(p);
            in_gold += usize::from(g);
        }
    }
    let precision = both as f64 / in_pred.max(1) as f64;
    let recall = both as f64 / in_gold.max(1) as f64;
    let f1 = 2.0 * precision * recall / (precision + recall).max(f64::EPSILON);
    (precision, recall, f1)
}

/// B-cubed F1: per article, the share of its predicted story that is in its gold story and
/// the share of its gold story that is in its predicted story, averaged.
fn b_cubed(pred: &[usize], gold: &[String]) -> f64 {
    let n = pred.len();
    let (mut p, mut r) = (0.0, 0.0);
    for i in 0..n {
        let same_pred = (0..n).filter(|&j| pred[j] == pred[i]).count() as f64;
        let same_gold = (0..n).filter(|&j| gold[j] == gold[i]).count() as f64;
        let same_both = (0..n)
            .filter(|&j| pred[j] == pred[i] && gold[j] == gold[i])
            .count() as f64;
        p += same_both / same_pred;
        r += same_both / same_gold;
    }
    let (p, r) = (p / n as f64, r / n as f64);
    2.0 * p * r / (p + r)
}

#[test]
fn stories_match_the_hand_grouping() {
    let Some(articles) = articles() else { return };
    assert!(articles.len() >= 300);
    let gold: Vec<String> = articles.iter().map(|a| a.gold.clone()).collect();
    let mut grouper = Grouper::default();
    let pred: Vec<usize> = articles
        .iter()
        .map(|a| {
            grouper.add(&StoryInput {
                title: &a.title,
                text: &a.text,
                published: a.published,
                entities: &a.entities,
            })
        })
        .collect();
    let (p, r, f1) = pairwise(&pred, &gold);
    let b3 = b_cubed(&pred, &gold);
    eprintln!(
        "stories: {} articles -> {} stories (hand: {}); pairwise P {:.3} R {:.3} F1 {:.3}; \
         B-cubed F1 {:.3}",
        articles.len(),
        grouper.len(),
        {
            let mut g = gold.clone();
            g.sort();
            g.dedup();
            g.len()
        },
        p,
        r,
        f1,
        b3
    );
    // Measured: 258 stories; pairwise P 0.616 R 0.660 F1 0.638; B-cubed F1 0.906, with the
    // default threshold 0.35, which is the best of 0.2-0.5 on this set (so these figures are
    // optimistic). The goal is 0.9 pairwise or B-cubed; B-cubed is flattered by the
    // 193 single-article stories, pairwise is the one to raise.
    assert!(b3 >= 0.88, "B-cubed F1 under 0.88");
    assert!(f1 >= 0.60, "pairwise F1 under 0.60");
}
