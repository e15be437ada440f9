//! Scores the entity extractor on gold files: precision, recall and F1 per type (PER, LOC,
//! ORG) and micro-averaged over the three, exact spans, and words per second.
//!
//! Why it exists: the model's figures must be reproducible by anyone with the repo and a
//! gold file, with the same counting as the trainer and the floor tests
//! (`dateline::extract::train::eval`).
//!
//! Usage: `cargo run --release --features tools --bin ner-eval -- FILE [FILE...]`; `--load-time` first
//! times the lazy loads of the model and gazetteers in the fresh process. A file is JSONL gold
//! (`{"id", "text", "entities": [{"start", "end", "label", "optional"?}]}` a line, char
//! offsets; scored through `extract` on the text) or CoNLL (2 or 4 columns, IOB1 or IOB2;
//! MISC ignored; scored on the gold tokens by the tagger and consistency pass, and through
//! `extract` on the tokens re-joined with spaces).

use std::path::{Path, PathBuf};
use std::time::Instant;

use anyhow::{Context, Result};
use clap::Parser;

use dateline::extract::gazetteer::Gazetteers;
use dateline::extract::ner::{embedded_model, extract_with};
use dateline::extract::tagger::Model;
use dateline::extract::train::eval::{
    Counts, evaluate_texts, evaluate_tokens, parse_conll, parse_gold_jsonl,
};

#[derive(Parser, Debug)]
#[command(about = "Score dateline's entity extractor on CoNLL or JSONL gold files")]
struct Args {
    /// Gold files: `.jsonl` (or any file whose first character is `{`) or CoNLL.
    #[arg(required_unless_present = "load_time")]
    files: Vec<PathBuf>,
    /// First measure, in this fresh process, how long the lazy loads take: the embedded
    /// model, the embedded gazetteers, and the first `extract` call after both.
    #[arg(long)]
    load_time: bool,
    /// A model file to score instead of the embedded one.
    #[arg(long)]
    model: Option<PathBuf>,
    /// Print every false positive and miss of JSONL articles.
    #[arg(long)]
    misses: bool,
}

fn is_jsonl(path: &Path, text: &str) -> bool {
    path.extension()
        .is_some_and(|e| e == "jsonl" || e == "json")
        || text.trim_start().starts_with('{')
}

fn speed(words: usize, secs: f64) -> String {
    if secs > 0.0 {
        format!(
            "{words} words in {secs:.3} s = {:.0} words/s (wall clock, one thread)",
            words as f64 / secs
        )
    } else {
        format!("{words} words")
    }
}

fn eval_file(model: &Model, path: &Path, show_misses: bool) -> Result<()> {
    let text =
        std::fs::read_to_string(path).with_context(|| format!("cannot read {}", path.display()))?;
    let name = path.display();
    if is_jsonl(path, &text) {
        let docs = parse_gold_jsonl(&text).with_context(|| format!("in {name}"))?;
        let words: usize = docs.iter().map(|d| d.text.split_whitespace().count()).sum();
        let t = Instant::now();
        let (counts, misses) = evaluate_texts(model, &docs);
        let secs = t.elapsed().as_secs_f64();
        print!(
            "{}",
            counts.report(&format!("{name}: {} articles, through extract", docs.len()))
        );
        println!("  speed  {}", speed(words, secs));
        if show_misses {
            for (id, m) in misses {
                let what = if m.false_positive {
                    "false positive"
                } else {
                    "missed"
                };
                println!(
                    "  {id} {what}: {} {:?} [{}..{}]",
                    m.label.as_str(),
                    m.text,
                    m.start,
                    m.end
                );
            }
        }
    } else {
        let docs = parse_conll(&text);
        let words: usize = docs.iter().map(|d| d.words()).sum();
        print!(
            "{}",
            evaluate_tokens(model, &docs, true).report(&format!(
                "{name}: {} documents, {words} tokens, gold tokens (tagger + consistency pass)",
                docs.len()
            ))
        );
        let texts: Vec<_> = docs.iter().map(|d| d.to_text()).collect();
        let t = Instant::now();
        let found: Vec<_> = texts.iter().map(|(t, _)| extract_with(model, t)).collect();
        let secs = t.elapsed().as_secs_f64();
        let mut through = Counts::default();
        for ((_, gold), pred) in texts.iter().zip(&found) {
            let pred: Vec<_> = pred.iter().map(|e| (e.start, e.end, e.label)).collect();
            through.add(gold, &pred);
        }
        print!(
            "{}",
            through.report(&format!("{name}: through extract on the re-joined text"))
        );
        println!("  speed  {}", speed(words, secs));
    }
    Ok(())
}

/// Times the lazy loads (must run before anything else touches the model or gazetteers).
fn load_time() -> Result<()> {
    let t = Instant::now();
    embedded_model().map_err(|e| anyhow::anyhow!("the embedded model: {e}"))?;
    let model_ms = t.elapsed().as_secs_f64() * 1e3;
    let t = Instant::now();
    let gaz = Gazetteers::embedded();
    let gaz_ms = t.elapsed().as_secs_f64() * 1e3;
    let t = Instant::now();
    let found = dateline::extract::extract("Volodymyr Zelensky met Lula in Texas.");
    let first_ms = t.elapsed().as_secs_f64() * 1e3;
    println!(
        "load: model {model_ms:.1} ms, gazetteers {gaz_ms:.1} ms ({} places for \"Texas\"), first extract {first_ms:.1} ms ({} entities); total {:.1} ms",
        gaz.places("Texas").len(),
        found.len(),
        model_ms + gaz_ms + first_ms
    );
    Ok(())
}

fn main() -> Result<()> {
    let args = Args::parse();
    if args.load_time {
        load_time()?;
    }
    let owned;
    let model: &Model = match &args.model {
        Some(path) => {
            let bytes =
                std::fs::read(path).with_context(|| format!("cannot read {}", path.display()))?;
            owned = Model::from_bytes(&bytes)
                .with_context(|| format!("{} is not a usable model", path.display()))?;
            &owned
        }
        None => embedded_model().map_err(|e| anyhow::anyhow!("the embedded model: {e}"))?,
    };
    for file in &args.files {
        eval_file(model, file, args.misses)?;
    }
    Ok(())
}
