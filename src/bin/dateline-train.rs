//! Trains the entity tagger shipped in `assets/model/ner.bin`.
//!
//! Reads CoNLL-2003 (4 columns, IOB1), wikigold (2 columns, IOB1) and optionally the GMB CSV
//! (unzip it first: `unzip -p ../shared/data/gmb/ner_dataset.csv.zip > gmb.csv`), trains an
//! averaged perceptron with a fixed shuffling seed (same data and seed give the same bytes),
//! picks the epoch with the best micro F1 on eng.testa, reports P/R/F1 on eng.testa and on
//! the seed articles, and writes the model. Training text is never written anywhere.
//!
//! Build and run: `cargo build --release --features tools --bin dateline-train && target/release/dateline-train`.

use std::collections::{HashMap, HashSet};
use std::fs;
use std::path::{Path, PathBuf};
use std::time::Instant;

use anyhow::{Context, Result, bail};
use clap::Parser;

use dateline::extract::features::{
    DocContext, USES_GAZETTEER, gazetteer_info, is_function_word, is_title_case, sentence_features,
    truecase_headline,
};
use dateline::extract::ner::extract_with;
use dateline::extract::tagger::Model;
use dateline::extract::tokenize::{sentences, tokenize};
use dateline::extract::train::devset::sha256_hex;
use dateline::extract::train::eval::{
    Counts, TokenDoc as Doc, csv_fields, decode_cp1252, evaluate_texts, evaluate_tokens,
    parse_conll, parse_gold_jsonl, tag_id,
};
use dateline::extract::train::trainer::Trainer;

#[derive(Parser, Debug)]
#[command(about = "Train dateline's entity tagger")]
struct Args {
    /// Directory with conll2003/, wikigold/ and gmb/.
    #[arg(long, default_value = "../shared/data")]
    data: PathBuf,
    /// Directory with the seed articles (*.gold.jsonl).
    #[arg(long, default_value = "../shared/seed")]
    seed_dir: PathBuf,
    /// The unzipped GMB CSV (cp1252); omitted means GMB is not used.
    #[arg(long)]
    gmb: Option<PathBuf>,
    /// Leave wikigold out of training.
    #[arg(long)]
    no_wikigold: bool,
    /// Maximum number of epochs (the best on eng.testa is kept).
    #[arg(long, default_value_t = 20)]
    epochs: usize,
    /// Stop after this many epochs without improvement on eng.testa.
    #[arg(long, default_value_t = 4)]
    patience: usize,
    /// log2 of the number of feature buckets.
    #[arg(long, default_value_t = 18)]
    log2_buckets: u32,
    /// Seed of the shuffling order.
    #[arg(long, default_value_t = 20230907)]
    rng_seed: u64,
    /// Where to write the model.
    #[arg(long, default_value = "assets/model/ner.bin")]
    out: PathBuf,
    /// Only evaluate (and time) the existing model at --out, do not train.
    #[arg(long)]
    eval_only: bool,
    /// Also measure words/second of `extract` on the eng.testa text.
    #[arg(long)]
    speed: bool,
    /// Add a Title Case copy (headline style, no closing full stop) of one training sentence
    /// in N (chosen by a fixed hash, so runs stay reproducible); 0 adds none. Feed headlines
    /// are Title Case far more often than the all-caps headlines of CoNLL.
    #[arg(long, default_value_t = 4)]
    title_case_every: u64,
    /// Extra training articles as JSONL gold (`ner-devset build` output, e.g. the training
    /// half of the modern-news set); optional spans are left as O.
    #[arg(long)]
    extra: Vec<PathBuf>,
    /// A word joins the common lower-case vocabulary (lowered in Title Case headlines) with
    /// at least this many lower-case uses in the training text...
    #[arg(long, default_value_t = 2)]
    vocab_min: u32,
    /// ...and this many times as many lower-case uses as capitalised ones inside sentences.
    #[arg(long, default_value_t = 3)]
    vocab_ratio: u32,
}

/// Reads a CoNLL file (see [`parse_conll`]).
fn read_conll(path: &Path) -> Result<Vec<Doc>> {
    let text = fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))?;
    Ok(parse_conll(&text))
}

const GMB_TITLES: &[&str] = &[
    "president",
    "prime",
    "minister",
    "mr.",
    "mrs.",
    "ms.",
    "dr.",
    "secretary",
    "general",
    "chancellor",
    "king",
    "queen",
    "pope",
    "senator",
    "governor",
    "vice",
    "foreign",
    "defense",
    "defence",
    "premier",
    "leader",
    "chief",
    "ambassador",
    "envoy",
    "spokesman",
    "commander",
    "lieutenant",
    "colonel",
    "sheikh",
    "prince",
    "judge",
    "mayor",
    "sen.",
    "gen.",
    "rep.",
    "gov.",
    "col.",
    "lt.",
    "cardinal",
    "ayatollah",
    "archbishop",
    "interior",
    "finance",
    "state",
    "u.s.",
    "deputy",
    "director",
    "opposition",
    "former",
    "chairman",
    "justice",
    "emir",
    "crown",
];

const GPE_NOT_DEMONYM: &[&str] = &[
    "mali", "malawi", "burundi", "djibouti", "brunei", "hawaii", "helsinki", "delhi", "nairobi",
];

fn gmb_demonym(word: &str) -> bool {
    let w = word.to_lowercase();
    if GPE_NOT_DEMONYM.contains(&w.as_str()) {
        return false;
    }
    [
        "ian", "ians", "ean", "eans", "can", "cans", "ese", "ish", "ban", "bans", "lan", "lans",
        "ghan", "ghans", "i", "is", "ch", "ss", "ek", "eks", "rb", "rbs", "ab", "abs", "ds", "ar",
        "ars",
    ]
    .iter()
    .any(|s| w.ends_with(s))
}

/// Reads the GMB CSV; every sentence becomes its own document (GMB has no boundaries).
fn read_gmb(path: &Path) -> Result<Vec<Doc>> {
    let bytes = fs::read(path).with_context(|| format!("reading {}", path.display()))?;
    let text = decode_cp1252(&bytes);
    let mut docs = Vec::new();
    let mut words: Vec<String> = Vec::new();
    let mut raw: Vec<String> = Vec::new();
    let finish = |docs: &mut Vec<Doc>, words: &mut Vec<String>, raw: &mut Vec<String>| {
        if words.is_empty() {
            return;
        }
        let n = words.len();
        let mut tags = vec![0u8; n];
        let mut i = 0;
        while i < n {
            let Some((_, kind)) = raw[i].split_once('-') else {
                i += 1;
                continue;
            };
            let kind = kind.to_string();
            let mut j = i + 1;
            while j < n && raw[j] == format!("I-{kind}") {
                j += 1;
            }
            let mut a = i;
            let label = match kind.as_str() {
                "per" => {
                    while a < j && GMB_TITLES.contains(&words[a].to_lowercase().as_str()) {
                        a += 1;
                    }
                    "PER"
                }
                "geo" => "LOC",
                "gpe" if !(j - i == 1 && gmb_demonym(&words[i])) => "LOC",
                "org" => "ORG",
                _ => "",
            };
            for (k, tag) in tags.iter_mut().enumerate().take(j).skip(a) {
                *tag = tag_id(label, k == a);
            }
            i = j;
        }
        docs.push(Doc {
            sents: vec![std::mem::take(words)],
            tags: vec![tags],
        });
        raw.clear();
    };
    for line in text.lines().skip(1) {
        let f = csv_fields(line);
        if f.len() < 4 {
            continue;
        }
        if !f[0].is_empty() {
            finish(&mut docs, &mut words, &mut raw);
        }
        words.push(f[1].clone());
        raw.push(f[3].clone());
    }
    finish(&mut docs, &mut words, &mut raw);
    Ok(docs)
}

/// A word in headline style: first letter upper case unless it is a function word (kept
/// lower case when `keep_small`) and not the first word.
fn headline_word(w: &str, first: bool, keep_small: bool) -> String {
    if !first && keep_small && is_function_word(w) {
        return w.to_lowercase();
    }
    let mut c = w.chars();
    match c.next() {
        Some(f) if f.is_lowercase() => f.to_uppercase().chain(c).collect(),
        _ => w.to_string(),
    }
}

/// Appends to each document Title Case copies of one sentence in `every` (by a fixed hash of
/// document and sentence index), without a closing full stop; tags are unchanged. Half the
/// copies keep short function words in lower case (AP style), half capitalise every word.
fn add_title_case_copies(docs: &mut [Doc], every: u64) -> usize {
    if every == 0 {
        return 0;
    }
    let mut added = 0;
    for (di, d) in docs.iter_mut().enumerate() {
        let mut extra_s = Vec::new();
        let mut extra_t = Vec::new();
        for (si, (s, t)) in d.sents.iter().zip(&d.tags).enumerate() {
            let h = (di as u64)
                .wrapping_mul(0x9E37_79B9_7F4A_7C15)
                .wrapping_add(si as u64)
                .wrapping_mul(0xBF58_476D_1CE4_E5B9);
            let h = h ^ (h >> 31);
            if !h.is_multiple_of(every) || s.len() < 4 {
                continue;
            }
            let keep_small = (h >> 20) & 1 == 0;
            let mut words: Vec<String> = s
                .iter()
                .enumerate()
                .map(|(i, w)| headline_word(w, i == 0, keep_small))
                .collect();
            let mut tags = t.clone();
            if words.last().is_some_and(|w| w == ".") {
                words.pop();
                tags.pop();
            }
            // Already all caps (CoNLL headlines) or not a headline after all: skip.
            if words.iter().all(|w| w.to_uppercase() == *w) || !is_title_case(&words) {
                continue;
            }
            extra_s.push(words);
            extra_t.push(tags);
        }
        added += extra_s.len();
        d.sents.extend(extra_s);
        d.tags.extend(extra_t);
    }
    added
}

/// Reads JSONL gold articles as token documents: the crate's tokenizer and sentence
/// splitter, a token inside a (non-optional) gold span gets B-/I- of its label, any other O.
fn read_extra(path: &Path) -> Result<Vec<Doc>> {
    let text = fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))?;
    let gold = parse_gold_jsonl(&text).with_context(|| format!("parsing {}", path.display()))?;
    let mut docs = Vec::new();
    for g in &gold {
        let tokens = tokenize(&g.text);
        let mut d = Doc::default();
        for r in sentences(&tokens) {
            let mut words = Vec::new();
            let mut tags = Vec::new();
            for t in &tokens[r] {
                words.push(t.norm.to_string());
                let tag = g
                    .entities
                    .iter()
                    .find(|e| !e.optional && e.start <= t.start && t.end <= e.end)
                    .map_or(0, |e| tag_id(&e.label, e.start == t.start));
                tags.push(tag);
            }
            d.sents.push(words);
            d.tags.push(tags);
        }
        docs.push(d);
    }
    Ok(docs)
}

/// A training sentence with precomputed hashed features.
struct Example {
    feats: Vec<u32>,
    starts: Vec<u32>,
    gold: Vec<u8>,
}

/// Words the training text writes in lower case far more often than capitalised inside a
/// sentence (all-caps sentences and sentence-initial words are not counted): at least
/// `min_lower` lower-case uses and `ratio` times as many as capitalised ones.
fn common_lower(docs: &[Doc], min_lower: u32, ratio: u32) -> Vec<String> {
    let mut counts: HashMap<String, (u32, u32)> = HashMap::new();
    for d in docs {
        for s in &d.sents {
            let words: Vec<&str> = s.iter().map(String::as_str).collect();
            let alpha = words
                .iter()
                .filter(|w| w.chars().any(char::is_alphabetic))
                .count();
            let upper = words
                .iter()
                .filter(|w| w.chars().any(char::is_alphabetic) && w.to_uppercase() == **w)
                .count();
            if alpha >= 2 && upper * 10 >= alpha * 8 || is_title_case(&words) {
                continue;
            }
            for (i, w) in words.iter().enumerate() {
                let Some(first) = w.chars().next() else {
                    continue;
                };
                if !first.is_alphabetic() {
                    continue;
                }
                if first.is_lowercase() {
                    counts.entry(w.to_lowercase()).or_default().0 += 1;
                } else if i > 0 {
                    counts.entry(w.to_lowercase()).or_default().1 += 1;
                }
            }
        }
    }
    let mut out: Vec<String> = counts
        .into_iter()
        .filter(|(_, (lower, cap))| *lower >= min_lower && *lower >= ratio * *cap)
        .map(|(w, _)| w)
        .collect();
    out.sort_unstable();
    out
}

fn featurize(docs: &[Doc], log2_buckets: u32, vocab: &HashSet<String>) -> Vec<Example> {
    let mut out = Vec::new();
    for d in docs {
        let ctx = DocContext::new(&d.sents);
        for (s, t) in d.sents.iter().zip(&d.tags) {
            let mut words: Vec<&str> = s.iter().map(String::as_str).collect();
            let lowered = truecase_headline(&words, |w| vocab.contains(w));
            if let Some(l) = &lowered {
                words = l.iter().map(String::as_str).collect();
            }
            let gaz = gazetteer_info(&words);
            let mut feats = Vec::new();
            let mut starts = Vec::new();
            sentence_features(&words, &ctx, &gaz, log2_buckets, &mut feats, &mut starts);
            out.push(Example {
                feats,
                starts,
                gold: t.clone(),
            });
        }
    }
    out
}

fn evaluate(model: &Model, docs: &[Doc], consistency: bool) -> Counts {
    evaluate_tokens(model, docs, consistency)
}

fn evaluate_seed(model: &Model, dir: &Path) -> Result<Counts> {
    let mut c = Counts::default();
    let mut paths: Vec<PathBuf> = fs::read_dir(dir)
        .with_context(|| format!("reading {}", dir.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.to_string_lossy().ends_with(".gold.jsonl"))
        .collect();
    paths.sort();
    for path in paths {
        let text = fs::read_to_string(&path)?;
        let docs =
            parse_gold_jsonl(&text).with_context(|| format!("parsing {}", path.display()))?;
        let (counts, misses) = evaluate_texts(model, &docs);
        for (id, m) in misses {
            let what = if m.false_positive {
                "false positive"
            } else {
                "missed"
            };
            println!("  seed {id} {what}: {} {:?}", m.label.as_str(), m.text);
        }
        c.merge(&counts);
    }
    Ok(c)
}

fn doc_text(d: &Doc) -> String {
    d.to_text().0
}

fn measure_speed(model: &Model, docs: &[Doc]) {
    let bytes = model.to_bytes();
    let t = Instant::now();
    let loaded = Model::from_bytes(&bytes).map(|m| m == *model);
    println!(
        "model load: {:.1} ms (round trip ok: {loaded:?})",
        t.elapsed().as_secs_f64() * 1000.0
    );
    let texts: Vec<String> = docs.iter().map(doc_text).collect();
    let words: usize = docs.iter().flat_map(|d| &d.sents).map(Vec::len).sum();
    let mut best = f64::MAX;
    let mut found = 0;
    let runs = 10;
    let cpu_start = cpu_seconds();
    for _ in 0..runs {
        let t = Instant::now();
        found = texts
            .iter()
            .map(|t| extract_with(model, t).len())
            .sum::<usize>();
        best = best.min(t.elapsed().as_secs_f64());
    }
    println!(
        "speed: {words} words in {best:.3} s wall (best of {runs}) = {:.0} words/s through extract ({found} entities)",
        words as f64 / best
    );
    if let (Some(a), Some(b)) = (cpu_start, cpu_seconds()) {
        let per_run = (b - a) / f64::from(runs);
        if per_run > 0.0 {
            println!(
                "speed: {per_run:.3} s of CPU per run = {:.0} words/s per core (CPU time; wall time suffers on a shared machine)",
                words as f64 / per_run
            );
        }
    }
}

/// User + system CPU seconds of this process from /proc (Linux; 100 ticks per second).
fn cpu_seconds() -> Option<f64> {
    let stat = fs::read_to_string("/proc/self/stat").ok()?;
    let rest = stat.rsplit_once(')')?.1;
    let fields: Vec<&str> = rest.split_whitespace().collect();
    let utime: f64 = fields.get(11)?.parse().ok()?;
    let stime: f64 = fields.get(12)?.parse().ok()?;
    Some((utime + stime) / 100.0)
}

/// SplitMix64, for a reproducible shuffle.
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
}

fn main() -> Result<()> {
    let args = Args::parse();
    let t0 = Instant::now();
    let dev = read_conll(&args.data.join("conll2003/eng.testa"))?;
    if args.eval_only {
        let bytes =
            fs::read(&args.out).with_context(|| format!("reading {}", args.out.display()))?;
        let model = Model::from_bytes(&bytes)?;
        print!(
            "{}",
            evaluate(&model, &dev, true).report("eng.testa (with consistency pass)")
        );
        print!(
            "{}",
            evaluate_seed(&model, &args.seed_dir)?.report("seed articles (through extract)")
        );
        if args.speed {
            measure_speed(&model, &dev);
        }
        return Ok(());
    }
    let mut train = read_conll(&args.data.join("conll2003/eng.train"))?;
    if !args.no_wikigold {
        train.extend(read_conll(&args.data.join("wikigold/wikigold.conll.txt"))?);
    }
    if let Some(gmb) = &args.gmb {
        let g = read_gmb(gmb)?;
        println!("GMB: {} sentences", g.len());
        train.extend(g);
    }
    for path in &args.extra {
        let extra = read_extra(path)?;
        println!("{}: {} articles", path.display(), extra.len());
        train.extend(extra);
    }
    let vocab = common_lower(&train, args.vocab_min, args.vocab_ratio);
    println!("common lower-case vocabulary: {} words", vocab.len());
    let copies = add_title_case_copies(&mut train, args.title_case_every);
    println!("Title Case copies: {copies} sentences");
    let vocab_set: HashSet<String> = vocab.iter().cloned().collect();
    let examples = featurize(&train, args.log2_buckets, &vocab_set);
    let n_tokens: usize = examples.iter().map(|e| e.gold.len()).sum();
    println!(
        "training on {} sentences, {n_tokens} tokens; gazetteer features: {USES_GAZETTEER}; features ready after {:.1} s",
        examples.len(),
        t0.elapsed().as_secs_f64()
    );
    if examples.is_empty() {
        bail!("no training data found under {}", args.data.display());
    }
    let mut trainer = Trainer::new(args.log2_buckets, u32::from(USES_GAZETTEER));
    let mut rng = Rng(args.rng_seed);
    let mut order: Vec<usize> = (0..examples.len()).collect();
    let mut scratch = Vec::new();
    let mut best: Option<(f64, usize, Model)> = None;
    for epoch in 1..=args.epochs {
        for i in (1..order.len()).rev() {
            let j = (rng.next() % (i as u64 + 1)) as usize;
            order.swap(i, j);
        }
        let mut errors = 0;
        for &k in &order {
            let e = &examples[k];
            errors += trainer.learn(&e.feats, &e.starts, &e.gold, &mut scratch);
        }
        let mut model = trainer.averaged();
        model.set_common_lower(vocab.iter().cloned());
        let f1 = evaluate(&model, &dev, true).micro_f1();
        println!(
            "epoch {epoch:2}: {errors} token errors, eng.testa F1 {f1:.2} ({:.1} s)",
            t0.elapsed().as_secs_f64()
        );
        if best.as_ref().is_none_or(|(b, _, _)| f1 > *b) {
            best = Some((f1, epoch, model));
        } else if best
            .as_ref()
            .is_some_and(|(_, e, _)| epoch - e >= args.patience)
        {
            break;
        }
    }
    let Some((_, epoch, model)) = best else {
        bail!("no epochs were run")
    };
    println!(
        "best epoch {epoch}; training took {:.1} s",
        t0.elapsed().as_secs_f64()
    );
    print!(
        "{}",
        evaluate(&model, &dev, false).report("eng.testa (tagger only)")
    );
    print!(
        "{}",
        evaluate(&model, &dev, true).report("eng.testa (with consistency pass)")
    );
    print!(
        "{}",
        evaluate_seed(&model, &args.seed_dir)?.report("seed articles (through extract)")
    );
    let bytes = model.to_bytes();
    if let Some(parent) = args.out.parent() {
        fs::create_dir_all(parent)?;
    }
    fs::write(&args.out, &bytes).with_context(|| format!("writing {}", args.out.display()))?;
    let digest = sha256_hex(&bytes);
    println!(
        "wrote {} ({} bytes), sha256 {digest}",
        args.out.display(),
        bytes.len()
    );
    if args.speed {
        measure_speed(&model, &dev);
    }
    Ok(())
}
