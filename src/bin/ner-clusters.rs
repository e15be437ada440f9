//! Learns the word classes of `assets/model/clusters.fst` from unlabelled text.
//!
//! Why it exists: the entity tagger's class features (`dateline::extract::clusters`) need
//! classes learnt from more text than the annotations cover. This reads the CoNLL-2003
//! training text (tokens only, never labels), wikigold, the GMB sentences and every feed of
//! the real-world corpora except held-out text (whole feeds given with `--exclude-feed`, and
//! the items of the annotation files given with `--exclude-items`, matched by file and GUID
//! and also by the SHA-256 of the text, so a copy of a held-out item in another feed is left
//! out too), keeps words as written (case-sensitive) that occur at least `--min-count`
//! times, runs the exchange algorithm once per class count and writes the fst. Same inputs,
//! same bytes. Training text is never written anywhere.
//!
//! Run from the repository root (see `assets/model/README.md`):
//! `unzip -p ../shared/data/gmb/ner_dataset.csv.zip > target/gmb.csv` then
//! `target/release/ner-clusters --gmb target/gmb.csv`.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::fs;
use std::path::{Path, PathBuf};
use std::time::Instant;

use anyhow::{Context, Result, bail};
use clap::Parser;

use dateline::extract::clusters::GRANULARITIES;
use dateline::extract::tokenize::{sentences, tokenize};
use dateline::extract::train::clusters::{Bigrams, exchange, to_fst};
use dateline::extract::train::devset::{items, parse_annotations, sha256_hex};
use dateline::extract::train::eval::{csv_fields, decode_cp1252, parse_conll};
use dateline::fetch::parse_feed;

#[derive(Parser, Debug)]
#[command(about = "Learn word classes for dateline's entity tagger from unlabelled text")]
struct Args {
    /// Directory with conll2003/ and wikigold/.
    #[arg(long, default_value = "../shared/data")]
    data: PathBuf,
    /// The unzipped GMB CSV (cp1252); omitted means GMB is not used.
    #[arg(long)]
    gmb: Option<PathBuf>,
    /// Directory of feed files (searched recursively; files that are not feeds are skipped).
    #[arg(long, default_value = "../shared/corpora/realworld")]
    corpora: PathBuf,
    /// Feeds (relative to --corpora) left out entirely: held-out evaluation text.
    #[arg(
        long,
        default_values = ["fastfeedparser/time-world.rss.xml", "fastfeedparser/dawn-world.rss.xml"]
    )]
    exclude_feed: Vec<String>,
    /// Annotation files whose items are left out (held-out evaluation text).
    #[arg(long, default_values = ["scripts/devset/modern-dev.ann.jsonl"])]
    exclude_items: Vec<PathBuf>,
    /// Words seen fewer times get no class.
    #[arg(long, default_value_t = 3)]
    min_count: u32,
    /// Class counts, coarsest first (exactly three).
    #[arg(long, value_delimiter = ',', default_values_t = [64u32, 256, 1024])]
    classes: Vec<u32>,
    /// Most passes of the exchange algorithm per class count.
    #[arg(long, default_value_t = 12)]
    passes: usize,
    /// Where to write the fst.
    #[arg(long, default_value = "assets/model/clusters.fst")]
    out: PathBuf,
    /// Cluster the lower-case forms of the words (the tagger's shape features still see the
    /// case); by default words are clustered as written.
    #[arg(long)]
    lowercase: bool,
    /// Print the most frequent words of a few classes of the finest granularity.
    #[arg(long)]
    show: bool,
}

/// Every file under `dir`, as paths relative to it with `/` separators, sorted.
fn files_under(dir: &Path) -> Result<Vec<String>> {
    let mut out = Vec::new();
    let mut stack = vec![PathBuf::new()];
    while let Some(rel) = stack.pop() {
        let path = dir.join(&rel);
        for entry in fs::read_dir(&path).with_context(|| format!("reading {}", path.display()))? {
            let entry = entry?;
            let rel = rel.join(entry.file_name());
            if entry.file_type()?.is_dir() {
                stack.push(rel);
            } else {
                let parts: Vec<String> = rel
                    .components()
                    .map(|c| c.as_os_str().to_string_lossy().into_owned())
                    .collect();
                out.push(parts.join("/"));
            }
        }
    }
    out.sort();
    Ok(out)
}

/// Sentences (as written) of the feed items, with the held-out ones left out.
fn feed_sentences(args: &Args) -> Result<Vec<Vec<String>>> {
    let mut held_items: HashSet<(String, String)> = HashSet::new();
    let mut held_texts: HashSet<String> = HashSet::new();
    for path in &args.exclude_items {
        let text =
            fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))?;
        for a in parse_annotations(&text).with_context(|| format!("in {}", path.display()))? {
            held_items.insert((a.file, a.guid));
            held_texts.insert(a.sha256);
        }
    }
    let files = files_under(&args.corpora)?;
    // First the texts of the held-out feeds, so that copies elsewhere are left out too.
    for f in &args.exclude_feed {
        if !files.contains(f) {
            bail!("--exclude-feed {f} is not under {}", args.corpora.display());
        }
        let bytes = fs::read(args.corpora.join(f))?;
        let feed = parse_feed(&bytes, "https://example.invalid/feed", chrono::Utc::now())
            .with_context(|| format!("{f} is not a feed"))?;
        held_texts.extend(items(f, &feed).into_iter().map(|i| i.sha256));
    }
    let mut seen: HashSet<String> = HashSet::new();
    let mut out = Vec::new();
    let (mut feeds, mut skipped, mut held_out, mut dup) = (0, 0, 0, 0);
    let mut matched: HashSet<(String, String)> = HashSet::new();
    for f in &files {
        if args.exclude_feed.contains(f) {
            continue;
        }
        let bytes = fs::read(args.corpora.join(f))?;
        let Ok(feed) = parse_feed(&bytes, "https://example.invalid/feed", chrono::Utc::now())
        else {
            skipped += 1;
            continue;
        };
        feeds += 1;
        for item in items(f, &feed) {
            let key = (item.file.clone(), item.guid.clone());
            if held_items.contains(&key) || held_texts.contains(&item.sha256) {
                held_out += 1;
                matched.insert(key);
                continue;
            }
            if !seen.insert(sha256_hex(&item.text)) {
                dup += 1;
                continue;
            }
            let tokens = tokenize(&item.text);
            for r in sentences(&tokens) {
                out.push(tokens[r].iter().map(|t| t.norm.to_string()).collect());
            }
        }
    }
    let unmatched = held_items.difference(&matched).count();
    println!(
        "feeds: {feeds} read, {skipped} files not feeds, {} left out; items: {held_out} held out, {dup} duplicates skipped; {} sentences",
        args.exclude_feed.len(),
        out.len()
    );
    if unmatched > 0 {
        bail!("{unmatched} held-out items were not found in the corpora: refusing to go on");
    }
    Ok(out)
}

/// GMB sentences (words only).
fn gmb_sentences(path: &Path) -> Result<Vec<Vec<String>>> {
    let bytes = fs::read(path).with_context(|| format!("reading {}", path.display()))?;
    let text = decode_cp1252(&bytes);
    let mut out: Vec<Vec<String>> = Vec::new();
    for line in text.lines().skip(1) {
        let f = csv_fields(line);
        if f.len() < 4 {
            continue;
        }
        if !f[0].is_empty() || out.is_empty() {
            out.push(Vec::new());
        }
        if let Some(s) = out.last_mut() {
            s.push(f[1].clone());
        }
    }
    Ok(out)
}

fn conll_sentences(path: &Path) -> Result<Vec<Vec<String>>> {
    let text = fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))?;
    Ok(parse_conll(&text)
        .into_iter()
        .flat_map(|d| d.sents)
        .collect())
}

fn main() -> Result<()> {
    let args = Args::parse();
    if args.classes.len() != GRANULARITIES {
        bail!("--classes needs {GRANULARITIES} class counts");
    }
    let t0 = Instant::now();
    let mut sents = conll_sentences(&args.data.join("conll2003/eng.train"))?;
    println!("eng.train: {} sentences", sents.len());
    let wiki = conll_sentences(&args.data.join("wikigold/wikigold.conll.txt"))?;
    println!("wikigold: {} sentences", wiki.len());
    sents.extend(wiki);
    if let Some(gmb) = &args.gmb {
        let g = gmb_sentences(gmb)?;
        println!("GMB: {} sentences", g.len());
        sents.extend(g);
    }
    sents.extend(feed_sentences(&args)?);
    if args.lowercase {
        for s in &mut sents {
            for w in s.iter_mut() {
                *w = w.to_lowercase();
            }
        }
    }
    let mut counts: HashMap<&str, u32> = HashMap::new();
    let mut tokens = 0usize;
    for s in &sents {
        for w in s {
            *counts.entry(w.as_str()).or_default() += 1;
            tokens += 1;
        }
    }
    let mut vocab: Vec<(&str, u32)> = counts
        .iter()
        .filter(|(_, n)| **n >= args.min_count)
        .map(|(w, n)| (*w, *n))
        .collect();
    vocab.sort_unstable_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    let ids: HashMap<&str, u32> = vocab
        .iter()
        .enumerate()
        .map(|(i, (w, _))| (*w, i as u32))
        .collect();
    // Two extra words: every rare word, and the sentence boundary.
    let rare = vocab.len() as u32;
    let boundary = rare + 1;
    let mut stream = Vec::with_capacity(tokens + sents.len() + 1);
    stream.push(boundary);
    for s in &sents {
        stream.extend(
            s.iter()
                .map(|w| ids.get(w.as_str()).copied().unwrap_or(rare)),
        );
        stream.push(boundary);
    }
    let bigrams = Bigrams::count(&stream, vocab.len() + 2);
    println!(
        "corpus: {} sentences, {tokens} tokens, {} word types, {} with at least {} uses; {} bigram types ({:.1} s)",
        sents.len(),
        counts.len(),
        vocab.len(),
        args.min_count,
        bigrams.types(),
        t0.elapsed().as_secs_f64()
    );
    let mut all: Vec<Vec<u32>> = Vec::new();
    for &k in &args.classes {
        let t = Instant::now();
        let (classes, stats) = exchange(&bigrams, k as usize, args.passes);
        println!(
            "{k} classes: moves per pass {:?}, objective {:.0}, {:.1} s",
            stats.moves,
            stats.objective,
            t.elapsed().as_secs_f64()
        );
        all.push(classes);
    }
    let mut map: BTreeMap<String, [u32; GRANULARITIES]> = BTreeMap::new();
    for (i, (w, _)) in vocab.iter().enumerate() {
        let mut cs = [0u32; GRANULARITIES];
        for (g, c) in cs.iter_mut().enumerate() {
            *c = all[g][i];
        }
        map.insert((*w).to_string(), cs);
    }
    if args.show {
        let finest = GRANULARITIES - 1;
        let mut members: BTreeMap<u32, Vec<&str>> = BTreeMap::new();
        for (i, (w, _)) in vocab.iter().enumerate() {
            members.entry(all[finest][i]).or_default().push(w);
        }
        for (c, ws) in members.iter().step_by(members.len().div_ceil(40).max(1)) {
            let head: Vec<&str> = ws.iter().take(14).copied().collect();
            println!("  class {c} ({} words): {}", ws.len(), head.join(" "));
        }
    }
    let bytes = to_fst(&map)?;
    if let Some(parent) = args.out.parent() {
        fs::create_dir_all(parent)?;
    }
    fs::write(&args.out, &bytes).with_context(|| format!("writing {}", args.out.display()))?;
    let digest = sha256_hex(&bytes);
    println!(
        "wrote {} ({} words, {} bytes), sha256 {digest}; {:.1} s in all",
        args.out.display(),
        map.len(),
        bytes.len(),
        t0.elapsed().as_secs_f64()
    );
    Ok(())
}
