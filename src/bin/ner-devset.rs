//! Builds and maintains the modern-news dev set (`scripts/devset/`): hand annotations over
//! the titles, summaries and content bodies of real feeds in `../shared/corpora/realworld`,
//! committed without the feeds' text.
//!
//! Why it exists: the committed annotations name items by corpus file, GUID and field, with
//! the text's SHA-256; this tool parses the feeds with dateline's own parser, renders
//! summaries and content with `html_to_text` (so offsets are those `dateline extract` sees),
//! checks the hashes and writes JSONL gold for `ner-eval`.
//!
//! Subcommands:
//! - `build ANN... --out FILE`: annotations -> gold JSONL (fails on any mismatch).
//! - `items FEED...`: print the items of corpus files as JSONL (text included; local use).
//! - `mark FEED...`: print items one a line, `file<TAB>guid<TAB>field<TAB>text`, with the
//!   current model's entities marked `⟦LABEL text⟧` and newlines shown as `⏎`, to be corrected
//!   by hand.
//! - `import MARKED --out ANN`: a corrected marked file -> annotation lines (checks that the
//!   text without marks is the item's text).

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};
use clap::{Parser, Subcommand};

use dateline::extract::ner::{embedded_model, extract_with};
use dateline::extract::train::devset::{
    Annotation, Field, Item, Span, items, parse_annotations, rebuild, sha256_hex,
};
use dateline::fetch::parse_feed;

#[derive(Parser, Debug)]
#[command(about = "Build dateline's modern-news dev set from committed annotations")]
struct Args {
    /// The corpora directory the annotations' file names are relative to.
    #[arg(long, default_value = "../shared/corpora/realworld")]
    corpora: PathBuf,
    #[command(subcommand)]
    cmd: Cmd,
}

#[derive(Subcommand, Debug)]
enum Cmd {
    /// Annotation files -> gold JSONL for `ner-eval`.
    Build {
        #[arg(required = true)]
        ann: Vec<PathBuf>,
        #[arg(long)]
        out: PathBuf,
    },
    /// Print the items of corpus files (relative to --corpora) as JSONL.
    Items {
        #[arg(required = true)]
        feeds: Vec<String>,
    },
    /// Print the items with the model's entities marked, one a line.
    Mark {
        #[arg(required = true)]
        feeds: Vec<String>,
    },
    /// A corrected marked file -> annotation lines.
    Import {
        marked: PathBuf,
        #[arg(long)]
        out: PathBuf,
    },
}

const OPEN: char = '⟦';
const CLOSE: char = '⟧';
const NEWLINE: char = '⏎';

fn feed_items(corpora: &Path, file: &str) -> Result<Vec<Item>> {
    let path = corpora.join(file);
    let bytes = std::fs::read(&path).with_context(|| format!("cannot read {}", path.display()))?;
    let feed = parse_feed(&bytes, "https://example.invalid/feed", chrono::Utc::now())
        .with_context(|| format!("{file} is not a feed"))?;
    Ok(items(file, &feed))
}

fn mark(item: &Item) -> Result<String> {
    let model = embedded_model().map_err(|e| anyhow::anyhow!("the embedded model: {e}"))?;
    let found = extract_with(model, &item.text);
    let chars: Vec<char> = item.text.chars().collect();
    let mut out = String::new();
    let mut pos = 0;
    for e in found {
        if e.start < pos {
            continue;
        }
        out.extend(&chars[pos..e.start]);
        let _ = write!(out, "{OPEN}{} ", e.label.as_str());
        out.extend(&chars[e.start..e.end]);
        out.push(CLOSE);
        pos = e.end;
    }
    out.extend(&chars[pos..]);
    Ok(out.replace('\n', &NEWLINE.to_string()))
}

/// Parses one marked text into the plain text and its spans.
fn unmark(marked: &str) -> Result<(String, Vec<Span>)> {
    let mut text = String::new();
    let mut spans = Vec::new();
    let mut n = 0usize;
    let mut open: Option<(usize, String)> = None;
    let mut chars = marked.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            OPEN => {
                if open.is_some() {
                    bail!("nested mark in {marked:?}");
                }
                let mut label = String::new();
                for l in chars.by_ref() {
                    if l == ' ' {
                        break;
                    }
                    label.push(l);
                }
                if !matches!(label.trim_end_matches('?'), "PER" | "LOC" | "ORG") {
                    bail!("unknown label {label:?} in {marked:?}");
                }
                open = Some((n, label));
            }
            CLOSE => {
                let Some((start, label)) = open.take() else {
                    bail!("unopened mark in {marked:?}");
                };
                let span: String = text.chars().skip(start).collect();
                spans.push(Span(start, n, label, span));
            }
            NEWLINE => {
                text.push('\n');
                n += 1;
            }
            c => {
                text.push(c);
                n += 1;
            }
        }
    }
    if open.is_some() {
        bail!("unclosed mark in {marked:?}");
    }
    Ok((text, spans))
}

fn import(corpora: &Path, marked: &Path, out: &Path) -> Result<()> {
    let body = std::fs::read_to_string(marked)
        .with_context(|| format!("cannot read {}", marked.display()))?;
    let mut cache: std::collections::HashMap<String, Vec<Item>> = Default::default();
    let mut lines = String::new();
    for (i, line) in body.lines().enumerate() {
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        let mut parts = line.splitn(4, '\t');
        let (Some(file), Some(guid), Some(field), Some(text)) =
            (parts.next(), parts.next(), parts.next(), parts.next())
        else {
            bail!("line {}: expected file, guid, field, text", i + 1);
        };
        let field = match field {
            "title" => Field::Title,
            "summary" => Field::Summary,
            "content" => Field::Content,
            other => bail!("line {}: unknown field {other:?}", i + 1),
        };
        if !cache.contains_key(file) {
            cache.insert(file.to_string(), feed_items(corpora, file)?);
        }
        let item = cache
            .get(file)
            .and_then(|v| v.iter().find(|it| it.guid == guid && it.field == field))
            .with_context(|| format!("line {}: no item {file} {guid}", i + 1))?;
        let (plain, spans) = unmark(text).with_context(|| format!("line {}", i + 1))?;
        if plain != item.text {
            bail!(
                "line {}: text without marks differs from the item\n  marked: {plain:?}\n  item:   {:?}",
                i + 1,
                item.text
            );
        }
        let ann = Annotation {
            file: file.to_string(),
            guid: guid.to_string(),
            field,
            sha256: sha256_hex(&plain),
            spans,
        };
        lines.push_str(&serde_json::to_string(&ann)?);
        lines.push('\n');
    }
    std::fs::write(out, lines).with_context(|| format!("cannot write {}", out.display()))
}

fn main() -> Result<()> {
    let args = Args::parse();
    match args.cmd {
        Cmd::Build { ann, out } => {
            let mut anns = Vec::new();
            for path in &ann {
                let text = std::fs::read_to_string(path)
                    .with_context(|| format!("cannot read {}", path.display()))?;
                anns.extend(
                    parse_annotations(&text).with_context(|| format!("in {}", path.display()))?,
                );
            }
            let mut files: Vec<&str> = anns.iter().map(|a| a.file.as_str()).collect();
            files.sort_unstable();
            files.dedup();
            let mut all = Vec::new();
            for f in files {
                all.extend(feed_items(&args.corpora, f)?);
            }
            let lines = rebuild(&anns, &all)?;
            let words: usize = anns
                .iter()
                .filter_map(|a| {
                    all.iter()
                        .find(|i| i.guid == a.guid && i.field == a.field && i.file == a.file)
                })
                .map(|i| i.text.split_whitespace().count())
                .sum();
            let spans: usize = anns.iter().map(|a| a.spans.len()).sum();
            std::fs::write(&out, lines.join("\n") + "\n")
                .with_context(|| format!("cannot write {}", out.display()))?;
            eprintln!(
                "{} items, {words} words, {spans} entities -> {}",
                lines.len(),
                out.display()
            );
        }
        Cmd::Items { feeds } => {
            for f in &feeds {
                for item in feed_items(&args.corpora, f)? {
                    println!("{}", serde_json::to_string(&item)?);
                }
            }
        }
        Cmd::Mark { feeds } => {
            for f in &feeds {
                for item in feed_items(&args.corpora, f)? {
                    if item.guid.contains('\t') {
                        continue;
                    }
                    println!(
                        "{}\t{}\t{}\t{}",
                        item.file,
                        item.guid,
                        item.field.as_str(),
                        mark(&item)?
                    );
                }
            }
        }
        Cmd::Import { marked, out } => import(&args.corpora, &marked, &out)?,
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unmark_reads_spans_and_newlines() {
        let (text, spans) = unmark("⟦PER Lula⟧ met⏎⟦LOC Paris⟧").unwrap();
        assert_eq!(text, "Lula met\nParis");
        assert_eq!(spans[0], Span(0, 4, "PER".into(), "Lula".into()));
        assert_eq!(spans[1], Span(9, 14, "LOC".into(), "Paris".into()));
        assert!(unmark("⟦XYZ a⟧").is_err());
        assert!(unmark("⟦PER a").is_err());
    }
}
