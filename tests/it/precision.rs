//! False entities on text that is not news (blogs, tech, podcasts, release notes, science),
//! per 1,000 words, through `dateline extract --jsonl`: `scripts/devset/blogs-dev.ann.jsonl`
//! is 15,011 words of 12 such feeds, `blogs-fresh.ann.jsonl` 1,581 words of 4 other feeds and
//! `blogs-heldout.ann.jsonl` 4,479 words of 10 more, all annotated from scratch without any
//! model output. `DATELINE_SHOW_FALSE=1 cargo test --test it precision -- --nocapture` prints
//! the false entities of the first two.
//!
//! A false entity is a span the tagger gives that is neither a required gold entity with the
//! same label nor an optional gold span.

use std::collections::HashSet;

use dateline::extract::train::eval::parse_gold_jsonl;
use serde_json::Value;

use crate::extract_cli::modern_gold;

/// The half (0 = A, 1 = B) of the article an id (`file#guid#field`) belongs to: the first
/// hex digit of the SHA-256 of `file#guid`, below 8 for A; the title and body of an article
/// are always in the same half.
fn half(id: &str) -> usize {
    let article: Vec<&str> = id.splitn(3, '#').take(2).collect();
    let digest = dateline::extract::train::devset::sha256_hex(article.join("#"));
    usize::from(digest.as_bytes()[0] >= b'8')
}

/// Counts of one set (or half): words, false entities, required entities found with their
/// label, required entities.
#[derive(Default, Clone, Copy)]
struct Score {
    words: usize,
    false_entities: usize,
    right: usize,
    required: usize,
}

impl Score {
    fn per_thousand(&self) -> f64 {
        1000.0 * self.false_entities as f64 / self.words.max(1) as f64
    }

    fn line(&self, name: &str) -> String {
        format!(
            "{name}: {} false entities in {} words ({:.1} per 1,000 words); {} of {} required \
             entities right",
            self.false_entities,
            self.words,
            self.per_thousand(),
            self.right,
            self.required
        )
    }
}

/// Scores `dateline extract --jsonl` on an annotation file: the whole set and its two halves.
///
/// With `DATELINE_SHOW_FALSE=1` in the environment it prints each false entity (not for the
/// held-out set, whose false entities are not to be looked at while tuning).
fn score(ann: &str) -> Option<(Score, [Score; 2])> {
    let show_false = ann != "blogs-heldout.ann.jsonl"
        && std::env::var_os("DATELINE_SHOW_FALSE").is_some_and(|v| v == "1");
    let gold = parse_gold_jsonl(&modern_gold(ann)?).expect("gold parses");
    let mut input = String::new();
    for doc in &gold {
        input.push_str(&serde_json::json!({"id": doc.id, "text": doc.text}).to_string());
        input.push('\n');
    }
    let stdout =
        crate::extract_cli::stdout(&crate::extract_cli::extract(&["--jsonl"], input.as_bytes()));
    let (mut all, mut halves) = (Score::default(), [Score::default(); 2]);
    for (line, doc) in stdout.lines().zip(&gold) {
        let v: Value = serde_json::from_str(line).expect("JSON line");
        assert_eq!(v["id"], doc.id.as_str());
        let mut s = Score {
            words: doc.text.split_whitespace().count(),
            ..Score::default()
        };
        let required: HashSet<(u64, u64, &str)> = doc
            .entities
            .iter()
            .filter(|e| !e.optional)
            .map(|e| (e.start as u64, e.end as u64, e.label.as_str()))
            .collect();
        s.required = required.len();
        let optional: HashSet<(u64, u64)> = doc
            .entities
            .iter()
            .filter(|e| e.optional)
            .map(|e| (e.start as u64, e.end as u64))
            .collect();
        for e in v["entities"].as_array().expect("entities") {
            let (a, b) = (e["start"].as_u64().unwrap(), e["end"].as_u64().unwrap());
            let label = e["label"].as_str().unwrap();
            if required.contains(&(a, b, label)) {
                s.right += 1;
            } else if !optional.contains(&(a, b)) {
                s.false_entities += 1;
                if show_false {
                    let text: String = doc
                        .text
                        .chars()
                        .skip(a as usize)
                        .take((b - a) as usize)
                        .collect();
                    eprintln!("  false {label} {text:?} in {}", doc.id);
                }
            }
        }
        for t in [&mut all, &mut halves[half(&doc.id)]] {
            t.words += s.words;
            t.false_entities += s.false_entities;
            t.right += s.right;
            t.required += s.required;
        }
    }
    Some((all, halves))
}

#[test]
fn false_entities_per_thousand_words_on_blogs_and_tech() {
    let Some((all, [a, b])) = score("blogs-dev.ann.jsonl") else {
        return;
    };
    eprintln!("{}", all.line("blogs and tech"));
    // Half A was looked at while tuning; half B was only measured.
    eprintln!("{}", a.line("  half A"));
    eprintln!("{}", b.line("  half B"));
    assert!(all.words >= 15_000);
    // Measured 24.0 per 1,000 words (360 false, 293 right) before issue 13's precision work;
    // 16.5 (248 false, 293 right) with handles, paths, chapter lists and software names
    // recognised; 12.4 (186 false, 283 right) asking technical and personal text for more
    // evidence; 11.3 (170 false, 291 right) keeping surnames in Title Case lines; 10.3 (155
    // false, 291 right) with products named by a model number; 9.8 (147 false, 291 right)
    // with promotion codes and acronyms of terms ("potato virus X (PVX)"); 6.9 (104 false, 300
    // right) with lists of notes read as non-news, products cut to their company and the
    // tagger's guessed labels dropped (`ner::confidence`); 6.3 (95 false, 300 right) dropping
    // names that score below no name at all. The goal is 1.0; this floor only keeps it
    // from getting worse.
    assert!(
        all.per_thousand() <= 7.0,
        "false entities on blogs rose past 7 per 1,000 words"
    );
}

/// The fresh sample, from other feeds, says whether the figures above carry over. One rule
/// (code identifiers, "AWS_SECRET_ACCESS_KEY") was added after its false entities were seen;
/// nothing else was tuned on it.
#[test]
fn false_entities_per_thousand_words_on_a_fresh_blog_sample() {
    let Some((all, _)) = score("blogs-fresh.ann.jsonl") else {
        return;
    };
    eprintln!("{}", all.line("fresh blogs"));
    assert!(all.words >= 1_500);
    // Measured 30.4 per 1,000 words (48 false, 11 of 20 right) before issue 13's precision
    // work; 14.5 (23 false, 11 right) with handles, identifiers and software names recognised;
    // 10.8 (17 false, 10 right) asking technical and personal text for more evidence.
    assert!(
        all.per_thousand() <= 12.0,
        "false entities on the fresh blog sample rose past 12 per 1,000 words"
    );
}

/// The held-out sample (`blogs-heldout.ann.jsonl`, 4,479 words of ten other feeds) was
/// annotated and committed before any of this precision work looked at it; its false entities
/// are never printed, so that tuning cannot follow them.
#[test]
fn false_entities_per_thousand_words_on_a_held_out_blog_sample() {
    let Some((all, _)) = score("blogs-heldout.ann.jsonl") else {
        return;
    };
    eprintln!("{}", all.line("held-out blogs"));
    assert!(all.words >= 4_000);
    // Measured 13.2 per 1,000 words (59 false, 134 of 163 right) before any of this work looked
    // at it; 10.3 (46 false, 132 right) with notes, products, guessed labels and version
    // strings; 9.6 (43 false, 130 right) dropping names that score below no name at all (see
    // scripts/devset/README.md for how often it was measured in between).
    assert!(
        all.per_thousand() <= 10.5,
        "false entities on the held-out blog sample rose past 10.5 per 1,000 words"
    );
}
