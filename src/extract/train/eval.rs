//! Scoring the entity tagger against gold annotations: CoNLL files and JSONL gold articles.
//!
//! Why it exists: the training tool (`dateline-train`), the evaluation tool (`ner-eval`) and
//! the floor tests must count the same way, so the readers and the counting live here once.
//! Scores are exact-span, per type (PER, LOC, ORG) and micro-averaged over the three; MISC
//! and any other label are ignored; a gold entity marked `optional` is neither required nor
//! penalised.
//!
//! What it must not do: no file I/O (callers read the files and pass the text).

use crate::extract::ner::{Entity, Label, extract_with, spans, tag_and_repair, tag_document};
use crate::extract::tagger::Model;

/// Why a gold file could not be read.
#[derive(Debug, thiserror::Error)]
pub enum EvalError {
    #[error(
        "line {line}: not a gold article ({source}); expected {{\"id\", \"text\", \"entities\"}}"
    )]
    Json {
        line: usize,
        #[source]
        source: serde_json::Error,
    },
}

/// A CoNLL document: sentences of tokens with BIO tag ids (see `extract::tagger::TAG_NAMES`).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct TokenDoc {
    pub sents: Vec<Vec<String>>,
    pub tags: Vec<Vec<u8>>,
}

impl TokenDoc {
    /// Number of tokens.
    pub fn words(&self) -> usize {
        self.sents.iter().map(Vec::len).sum()
    }

    /// The document as text (tokens joined by spaces, sentences by newlines) and its gold
    /// entities as char spans of that text, for scoring through [`extract_with`].
    pub fn to_text(&self) -> (String, Vec<(usize, usize, Label)>) {
        let mut text = String::new();
        let mut gold = Vec::new();
        let mut pos = 0;
        for (si, (s, t)) in self.sents.iter().zip(&self.tags).enumerate() {
            if si > 0 {
                text.push('\n');
                pos += 1;
            }
            let mut starts = Vec::with_capacity(s.len());
            let mut ends = Vec::with_capacity(s.len());
            for (wi, w) in s.iter().enumerate() {
                if wi > 0 {
                    text.push(' ');
                    pos += 1;
                }
                starts.push(pos);
                text.push_str(w);
                pos += w.chars().count();
                ends.push(pos);
            }
            gold.extend(
                spans(t)
                    .into_iter()
                    .map(|(a, b, l)| (starts[a], ends[b - 1], l)),
            );
        }
        (text, gold)
    }
}

/// The tag id of a label (`PER`, `LOC`, `ORG`; anything else is outside, 0).
pub fn tag_id(label: &str, begin: bool) -> u8 {
    match (label, begin) {
        ("PER", true) => 1,
        ("PER", false) => 2,
        ("LOC", true) => 3,
        ("LOC", false) => 4,
        ("ORG", true) => 5,
        ("ORG", false) => 6,
        _ => 0,
    }
}

/// Windows-1252 to UTF-8 (the encoding of the GMB CSV, read by the trainer and `ner-clusters`).
pub fn decode_cp1252(bytes: &[u8]) -> String {
    const HIGH: [char; 32] = [
        '€', '\u{81}', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\u{8d}', 'Ž',
        '\u{8f}', '\u{90}', '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\u{9d}',
        'ž', 'Ÿ',
    ];
    bytes
        .iter()
        .map(|&b| {
            if (0x80..0xA0).contains(&b) {
                HIGH[usize::from(b - 0x80)]
            } else {
                char::from(b)
            }
        })
        .collect()
}

/// The fields of one CSV line (double quotes, `""` inside them for a quote).
pub fn csv_fields(line: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut quoted = false;
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '"' if quoted && chars.peek() == Some(&'"') => {
                cur.push('"');
                chars.next();
            }
            '"' => quoted = !quoted,
            ',' if !quoted => out.push(std::mem::take(&mut cur)),
            _ => cur.push(c),
        }
    }
    out.push(cur);
    out
}

/// Reads CoNLL text: one token a line, first column the word, last the IOB1 or IOB2 tag
/// (2 or 4 columns both work), blank lines between sentences, `-DOCSTART-` between
/// documents. MISC and unknown labels become outside.
pub fn parse_conll(text: &str) -> Vec<TokenDoc> {
    let mut docs = vec![TokenDoc::default()];
    let mut words: Vec<String> = Vec::new();
    let mut tags: Vec<u8> = Vec::new();
    let mut prev_label = String::new();
    let flush = |docs: &mut Vec<TokenDoc>, words: &mut Vec<String>, tags: &mut Vec<u8>| {
        if !words.is_empty()
            && let Some(d) = docs.last_mut()
        {
            d.sents.push(std::mem::take(words));
            d.tags.push(std::mem::take(tags));
        }
    };
    for line in text.lines() {
        let cols: Vec<&str> = line.split_whitespace().collect();
        let (Some(word), Some(tag)) = (cols.first(), cols.last()) else {
            flush(&mut docs, &mut words, &mut tags);
            prev_label.clear();
            continue;
        };
        if *word == "-DOCSTART-" {
            flush(&mut docs, &mut words, &mut tags);
            if docs.last().is_some_and(|d| !d.sents.is_empty()) {
                docs.push(TokenDoc::default());
            }
            prev_label.clear();
            continue;
        }
        let (prefix, label) = tag.split_once('-').unwrap_or(("O", ""));
        let begin = prefix == "B" || label != prev_label;
        tags.push(tag_id(label, begin));
        words.push((*word).to_string());
        prev_label = if prefix == "O" {
            String::new()
        } else {
            label.to_string()
        };
    }
    flush(&mut docs, &mut words, &mut tags);
    docs.retain(|d| !d.sents.is_empty());
    docs
}

/// One gold entity of a JSONL article: char offsets, end exclusive.
#[derive(Debug, Clone, PartialEq, Eq, serde::Deserialize)]
pub struct GoldEntity {
    pub start: usize,
    pub end: usize,
    pub label: String,
    /// Neither required nor penalised when true.
    #[serde(default)]
    pub optional: bool,
}

/// One gold article: `{"id", "text", "entities": [...]}`.
#[derive(Debug, Clone, PartialEq, serde::Deserialize)]
pub struct GoldText {
    /// A string or a number in the file; kept as written.
    #[serde(deserialize_with = "id_as_string")]
    pub id: String,
    pub text: String,
    pub entities: Vec<GoldEntity>,
}

fn id_as_string<'de, D: serde::Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    let v: serde_json::Value = serde::Deserialize::deserialize(d)?;
    Ok(match v {
        serde_json::Value::String(s) => s,
        other => other.to_string(),
    })
}

/// Reads JSONL gold articles, one a line; blank lines are skipped.
pub fn parse_gold_jsonl(text: &str) -> Result<Vec<GoldText>, EvalError> {
    text.lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
        .map(|(i, l)| {
            serde_json::from_str(l).map_err(|source| EvalError::Json {
                line: i + 1,
                source,
            })
        })
        .collect()
}

/// A disagreement with the gold, for printing: char span, label, text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Miss {
    /// True for a predicted entity the gold lacks; false for a gold entity not predicted.
    pub false_positive: bool,
    pub start: usize,
    pub end: usize,
    pub label: Label,
    pub text: String,
}

/// Per-type true positives, false positives and false negatives (PER, LOC, ORG).
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Counts {
    pub tp: [usize; 3],
    pub fp: [usize; 3],
    pub fn_: [usize; 3],
}

/// Precision, recall and F1, in percent.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Prf {
    pub precision: f64,
    pub recall: f64,
    pub f1: f64,
}

/// The labels in the order of [`Counts`]' arrays.
pub const LABELS: [Label; 3] = [Label::Per, Label::Loc, Label::Org];

fn label_index(l: Label) -> usize {
    match l {
        Label::Per => 0,
        Label::Loc => 1,
        Label::Org => 2,
    }
}

impl Counts {
    /// Adds one document's (or sentence's) gold and predicted spans, exact match.
    pub fn add(&mut self, gold: &[(usize, usize, Label)], pred: &[(usize, usize, Label)]) {
        let gold_set: std::collections::HashSet<_> = gold.iter().collect();
        let pred_set: std::collections::HashSet<_> = pred.iter().collect();
        for p in &pred_set {
            if gold_set.contains(p) {
                self.tp[label_index(p.2)] += 1;
            } else {
                self.fp[label_index(p.2)] += 1;
            }
        }
        for g in &gold_set {
            if !pred_set.contains(g) {
                self.fn_[label_index(g.2)] += 1;
            }
        }
    }

    /// Adds another count.
    pub fn merge(&mut self, other: &Counts) {
        for i in 0..3 {
            self.tp[i] += other.tp[i];
            self.fp[i] += other.fp[i];
            self.fn_[i] += other.fn_[i];
        }
    }

    fn prf(tp: usize, fp: usize, fn_: usize) -> Prf {
        let ratio = |a: usize, b: usize| if b == 0 { 0.0 } else { a as f64 / b as f64 };
        let p = ratio(tp, tp + fp);
        let r = ratio(tp, tp + fn_);
        let f = if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        };
        Prf {
            precision: 100.0 * p,
            recall: 100.0 * r,
            f1: 100.0 * f,
        }
    }

    /// Scores of one type.
    pub fn of(&self, label: Label) -> Prf {
        let i = label_index(label);
        Self::prf(self.tp[i], self.fp[i], self.fn_[i])
    }

    /// Micro-averaged scores over PER, LOC and ORG.
    pub fn micro(&self) -> Prf {
        Self::prf(
            self.tp.iter().sum(),
            self.fp.iter().sum(),
            self.fn_.iter().sum(),
        )
    }

    /// Micro F1 in percent.
    pub fn micro_f1(&self) -> f64 {
        self.micro().f1
    }

    /// A small table: one line per type and one for the micro average, under `title`.
    pub fn report(&self, title: &str) -> String {
        let mut out = format!("{title}\n");
        for l in LABELS {
            let s = self.of(l);
            let i = label_index(l);
            out.push_str(&format!(
                "  {}    P {:5.1}  R {:5.1}  F1 {:5.1}  (tp {} fp {} fn {})\n",
                l.as_str(),
                s.precision,
                s.recall,
                s.f1,
                self.tp[i],
                self.fp[i],
                self.fn_[i]
            ));
        }
        let m = self.micro();
        out.push_str(&format!(
            "  micro  P {:5.1}  R {:5.1}  F1 {:5.1}\n",
            m.precision, m.recall, m.f1
        ));
        out
    }
}

/// Scores tagging of gold tokens (the tagger alone, optionally with the consistency pass).
pub fn evaluate_tokens(model: &Model, docs: &[TokenDoc], consistency: bool) -> Counts {
    let mut c = Counts::default();
    for d in docs {
        let pred = if consistency {
            tag_and_repair(model, &d.sents)
        } else {
            tag_document(model, &d.sents)
        };
        for (g, p) in d.tags.iter().zip(&pred) {
            c.add(&spans(g), &spans(p));
        }
    }
    c
}

/// Scores predictions for one gold article: optional gold entities are dropped from both
/// sides (a prediction on an optional span is not counted), other labels are ignored.
/// Returns the counts and the disagreements.
pub fn score_text(gold: &GoldText, pred: &[Entity]) -> (Counts, Vec<Miss>) {
    let mut required = Vec::new();
    let mut optional = Vec::new();
    for e in &gold.entities {
        let Some(label) = Label::parse(&e.label) else {
            continue;
        };
        if e.optional {
            optional.push((e.start, e.end));
        } else {
            required.push((e.start, e.end, label));
        }
    }
    let pred: Vec<(usize, usize, Label)> = pred
        .iter()
        .map(|e| (e.start, e.end, e.label))
        .filter(|p| required.contains(p) || !optional.contains(&(p.0, p.1)))
        .collect();
    let mut c = Counts::default();
    c.add(&required, &pred);
    let chars: Vec<char> = gold.text.chars().collect();
    let show = |s: usize, e: usize| {
        chars
            .get(s..e)
            .map(|c| c.iter().collect())
            .unwrap_or_default()
    };
    let mut misses: Vec<Miss> = pred
        .iter()
        .filter(|p| !required.contains(p))
        .map(|p| (true, p))
        .chain(
            required
                .iter()
                .filter(|g| !pred.contains(g))
                .map(|g| (false, g)),
        )
        .map(|(fp, &(start, end, label))| Miss {
            false_positive: fp,
            start,
            end,
            label,
            text: show(start, end),
        })
        .collect();
    misses.sort_by_key(|m| (m.start, m.end, !m.false_positive));
    (c, misses)
}

/// Scores [`extract_with`] on gold articles; returns the counts and every disagreement with
/// its article id.
pub fn evaluate_texts(model: &Model, docs: &[GoldText]) -> (Counts, Vec<(String, Miss)>) {
    let mut total = Counts::default();
    let mut misses = Vec::new();
    for d in docs {
        let (c, m) = score_text(d, &extract_with(model, &d.text));
        total.merge(&c);
        misses.extend(m.into_iter().map(|m| (d.id.clone(), m)));
    }
    (total, misses)
}

#[cfg(test)]
mod tests {
    use super::*;

    const CONLL_IOB1: &str = "-DOCSTART- -X- O O\n\nEU NNP I-NP I-ORG\nrejects VBZ I-VP O\nGerman JJ I-NP I-MISC\ncall NN I-NP O\n\nPeter NNP I-NP I-PER\nBlackburn NNP I-NP I-PER\nin IN O O\nNew NNP I-NP I-LOC\nYork NNP I-NP I-LOC\nBoston NNP I-NP B-LOC\n\n-DOCSTART- -X- O O\n\nJohn I-PER\n";

    #[test]
    fn conll_iob1_and_two_columns() {
        let docs = parse_conll(CONLL_IOB1);
        assert_eq!(docs.len(), 2);
        assert_eq!(docs[0].sents.len(), 2);
        assert_eq!(docs[0].tags[0], vec![5, 0, 0, 0], "MISC is outside");
        assert_eq!(docs[0].tags[1], vec![1, 2, 0, 3, 4, 3]);
        assert_eq!(docs[1].tags, vec![vec![1]]);
        assert_eq!(docs[0].words(), 10);
    }

    #[test]
    fn conll_iob2() {
        let docs = parse_conll("Jens B-PER\nStoltenberg I-PER\nNATO B-ORG\nKFOR B-ORG\n");
        assert_eq!(docs[0].tags[0], vec![1, 2, 5, 5]);
    }

    #[test]
    fn to_text_spans_point_at_the_tokens() {
        let docs = parse_conll(CONLL_IOB1);
        let (text, gold) = docs[0].to_text();
        let chars: Vec<char> = text.chars().collect();
        let shown: Vec<String> = gold
            .iter()
            .map(|&(a, b, _)| chars[a..b].iter().collect())
            .collect();
        assert_eq!(shown, vec!["EU", "Peter Blackburn", "New York", "Boston"]);
    }

    #[test]
    fn counts_and_scores() {
        let mut c = Counts::default();
        let gold = [(0, 2, Label::Per), (5, 6, Label::Loc), (8, 9, Label::Org)];
        let pred = [(0, 2, Label::Per), (5, 6, Label::Org), (8, 9, Label::Org)];
        c.add(&gold, &pred);
        assert_eq!(c.tp, [1, 0, 1]);
        assert_eq!(c.fp, [0, 0, 1]);
        assert_eq!(c.fn_, [0, 1, 0]);
        let m = c.micro();
        assert!((m.precision - 200.0 / 3.0).abs() < 1e-9);
        assert!((m.f1 - 200.0 / 3.0).abs() < 1e-9);
        assert_eq!(c.of(Label::Loc).f1, 0.0);
        assert!(c.report("t").contains("micro"));
    }

    #[test]
    fn optional_entities_are_neither_required_nor_penalised() {
        let gold = parse_gold_jsonl(
            "{\"id\": 7, \"text\": \"EU-led talks in Brussels\", \"entities\": [\
             {\"start\": 0, \"end\": 2, \"label\": \"ORG\", \"optional\": true},\
             {\"start\": 16, \"end\": 24, \"label\": \"LOC\"}]}\n\n",
        )
        .unwrap();
        assert_eq!(gold[0].id, "7");
        let e = |start, end, label, text: &str| Entity {
            start,
            end,
            label,
            text: text.to_string(),
        };
        let (c, misses) = score_text(
            &gold[0],
            &[e(0, 2, Label::Org, "EU"), e(16, 24, Label::Loc, "Brussels")],
        );
        assert_eq!(c.micro_f1(), 100.0);
        assert!(misses.is_empty());
        let (c, misses) = score_text(&gold[0], &[e(16, 24, Label::Per, "Brussels")]);
        assert_eq!(c.micro_f1(), 0.0);
        assert_eq!(misses.len(), 2);
        assert_eq!(misses[0].text, "Brussels");
    }

    #[test]
    fn bad_jsonl_names_the_line() {
        let err = parse_gold_jsonl("\n{\"id\":1}\n").unwrap_err();
        assert!(err.to_string().starts_with("line 2:"), "{err}");
    }
}
