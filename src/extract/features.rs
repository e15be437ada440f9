//! Hashed features of each token for the entity tagger.
//!
//! Every feature is a template id plus a few strings, hashed incrementally with a fixed seed
//! into one of `2^log2_buckets` buckets, so tagging allocates nothing per feature and the
//! model is a flat weight table. The same code computes features at training and at tagging
//! time, which is what keeps the two consistent: change a template and the model must be
//! retrained (bump [`FEATURE_VERSION`]).
//!
//! Gazetteer lookups come in through [`gazetteer_info`] only; word classes (see
//! [`super::clusters`]) are looked up here, from the embedded `assets/model/clusters.fst`.

use std::collections::HashMap;

use super::clusters::{GRANULARITIES, WordClasses};
use super::gazetteer::Gazetteers;

/// Version of the feature templates; stored in the model file and checked at load.
/// Version 4 added the word-class templates (36 to 46): a model must be retrained whenever
/// `assets/model/clusters.fst` changes.
pub const FEATURE_VERSION: u32 = 4;

/// What the gazetteers say about one token of a sentence.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct GazInfo {
    /// Flags of the word on its own.
    pub word: u16,
    /// Flags of the longest phrase match covering this token (0 when none).
    pub phrase: u16,
    /// True when this token begins that phrase match.
    pub phrase_begin: bool,
}

/// Gazetteer flags for each word of a sentence (the single place gazetteers enter the tagger).
pub fn gazetteer_info(words: &[&str]) -> Vec<GazInfo> {
    let gaz = Gazetteers::embedded();
    let mut out: Vec<GazInfo> = words
        .iter()
        .map(|w| GazInfo {
            word: if w.chars().next().is_some_and(char::is_alphabetic) {
                gaz.word_flags(w).0
            } else {
                0
            },
            ..GazInfo::default()
        })
        .collect();
    for m in gaz.phrase_matches(words) {
        for k in m.start..m.end.min(out.len()) {
            out[k].phrase = m.flags.0;
            out[k].phrase_begin = k == m.start;
        }
    }
    out
}

/// Whether [`gazetteer_info`] is backed by real gazetteers (recorded in the model file).
pub const USES_GAZETTEER: bool = true;

const SEED: u64 = 0x5D0A_7E11_4E5A_2023;

/// Incremental FNV-1a style hasher with a final avalanche, seeded per template.
#[derive(Clone, Copy)]
struct H(u64);

impl H {
    #[inline]
    fn new(template: u8) -> H {
        H((SEED ^ u64::from(template)).wrapping_mul(0x9E37_79B9_7F4A_7C15))
    }
    #[inline]
    fn s(mut self, s: &str) -> H {
        for b in s.bytes() {
            self.0 = (self.0 ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01B3);
        }
        // Separator so that ("ab","c") and ("a","bc") differ.
        self.0 = (self.0 ^ 0xFF).wrapping_mul(0x0000_0100_0000_01B3);
        self
    }
    #[inline]
    fn n(mut self, v: u64) -> H {
        self.0 = (self.0 ^ v).wrapping_mul(0x0000_0100_0000_01B3);
        self.0 = (self.0 ^ (v >> 8)).wrapping_mul(0x0000_0100_0000_01B3);
        self
    }
    #[inline]
    fn finish(self, shift: u32) -> u32 {
        let mut h = self.0;
        h ^= h >> 33;
        h = h.wrapping_mul(0xff51_afd7_ed55_8ccd);
        h ^= h >> 33;
        h = h.wrapping_mul(0xc4ce_b9fe_1a85_ec53);
        h ^= h >> 33;
        (h >> shift) as u32
    }
}

/// Word shape: `Xxxx` for "Kosovo", `XX` for "NATO" (runs longer than 4 collapse), `dd` ...
fn shapes(word: &str) -> (String, String) {
    let mut long = String::with_capacity(8);
    let mut short = String::with_capacity(4);
    let mut last = '\0';
    let mut run = 0;
    for c in word.chars() {
        let k = if c.is_uppercase() {
            'X'
        } else if c.is_lowercase() {
            'x'
        } else if c.is_ascii_digit() {
            'd'
        } else if c.is_alphabetic() {
            'x'
        } else {
            c
        };
        if k == last {
            run += 1;
        } else {
            run = 1;
            short.push(k);
        }
        if run <= 4 {
            long.push(k);
        }
        last = k;
    }
    (long, short)
}

fn first_upper(w: &str) -> bool {
    w.chars().next().is_some_and(char::is_uppercase)
}

fn all_upper(w: &str) -> bool {
    let mut any = false;
    for c in w.chars() {
        if c.is_lowercase() {
            return false;
        }
        any |= c.is_uppercase();
    }
    any
}

/// Document-wide facts about each lower-cased word, independent of any labels.
#[derive(Debug, Default)]
pub struct DocContext {
    seen: HashMap<String, u8>,
}

const SEEN_TITLE_INSIDE: u8 = 1;
const SEEN_LOWER: u8 = 2;
const SEEN_TITLE_INITIAL: u8 = 4;
const SEEN_UPPER: u8 = 8;

impl DocContext {
    /// Collects, for every word of the document, how it was capitalised and where.
    pub fn new<S: AsRef<str>>(sentences: &[Vec<S>]) -> DocContext {
        let mut seen: HashMap<String, u8> = HashMap::new();
        for sent in sentences {
            // A headline's capitals say nothing about its words, all caps or Title Case.
            let caps = sentence_all_caps(sent) || sentence_title_case(sent);
            for (i, w) in sent.iter().enumerate() {
                let w = w.as_ref();
                if !w.chars().next().is_some_and(char::is_alphabetic) {
                    continue;
                }
                let bit = if caps {
                    0
                } else if all_upper(w) && w.chars().count() > 1 {
                    SEEN_UPPER
                } else if first_upper(w) {
                    if i == 0 {
                        SEEN_TITLE_INITIAL
                    } else {
                        SEEN_TITLE_INSIDE
                    }
                } else {
                    SEEN_LOWER
                };
                if bit != 0 {
                    *seen.entry(w.to_lowercase()).or_default() |= bit;
                }
            }
        }
        DocContext { seen }
    }

    fn bits(&self, lower: &str) -> u8 {
        self.seen.get(lower).copied().unwrap_or(0)
    }
}

fn sentence_all_caps<S: AsRef<str>>(sent: &[S]) -> bool {
    let mut alpha = 0;
    let mut upper = 0;
    for w in sent {
        let w = w.as_ref();
        if w.chars().any(char::is_alphabetic) {
            alpha += 1;
            if all_upper(w) {
                upper += 1;
            }
        }
    }
    alpha >= 2 && upper * 10 >= alpha * 8
}

const FUNCTION_WORDS: &[&str] = &[
    "a", "an", "the", "of", "and", "or", "in", "on", "at", "to", "for", "by", "with", "from", "as",
    "is", "vs", "de", "la", "van", "von", "der", "but", "nor", "via",
];

fn sentence_title_case<S: AsRef<str>>(sent: &[S]) -> bool {
    let mut content = 0;
    let mut title = 0;
    for w in sent {
        let w = w.as_ref();
        if w.chars().next().is_some_and(char::is_alphabetic)
            && !FUNCTION_WORDS.contains(&w.to_lowercase().as_str())
        {
            content += 1;
            if first_upper(w) {
                title += 1;
            }
        }
    }
    // All content words capitalised (one lower-case word tolerated in long headlines); a
    // closing full stop is allowed ("... in a Day. It's Harder Than He Thought.").
    content >= 3 && title * 10 >= content * 9
}

/// Reads a Title Case headline as running text: when `words` is a Title Case sentence,
/// returns it with each capitalised word (`Xxxx`, not all caps) whose lower-case form
/// `common_lower` accepts written in lower case ("Trump Says Colombia Will Accept" ->
/// "Trump says Colombia will accept"); `None` when the sentence is not Title Case.
///
/// Why: the tagger learnt capitals from running text, where they mark names; in a headline
/// they mark nothing, and without this every word of a headline drifts into an entity.
pub fn truecase_headline(
    words: &[&str],
    common_lower: impl Fn(&str) -> bool,
) -> Option<Vec<String>> {
    if !sentence_title_case(words) {
        return None;
    }
    Some(
        words
            .iter()
            .map(|w| {
                let mut cs = w.chars();
                let xxxx =
                    cs.next().is_some_and(char::is_uppercase) && cs.all(|c| !c.is_uppercase());
                let lower = w.to_lowercase();
                if xxxx && common_lower(&lower) {
                    lower
                } else {
                    (*w).to_string()
                }
            })
            .collect(),
    )
}

/// Whether `sent` reads as a Title Case headline (every content word capitalised); the
/// trainer uses it to make title-cased copies of training sentences look like headlines.
pub fn is_title_case<S: AsRef<str>>(sent: &[S]) -> bool {
    sentence_title_case(sent)
}

/// Whether `word` (any case) is one of the short function words a Title Case headline may
/// leave in lower case.
pub fn is_function_word(word: &str) -> bool {
    FUNCTION_WORDS.contains(&word.to_lowercase().as_str())
}

/// Per-token precomputed strings, reused for the neighbours' features.
struct Tok<'a> {
    word: &'a str,
    lower: String,
    shape: String,
    short: String,
    /// The word's class at each granularity, when the unlabelled text knew it.
    classes: Option<[u16; GRANULARITIES]>,
}

/// Appends the bucket ids of each token's features to `feats`, and each token's start into
/// `starts` (so token `i` owns `feats[starts[i]..starts[i + 1]]`; `starts` gets `n + 1` entries
/// relative to the previous contents of `feats`).
pub fn sentence_features(
    words: &[&str],
    doc: &DocContext,
    gaz: &[GazInfo],
    log2_buckets: u32,
    feats: &mut Vec<u32>,
    starts: &mut Vec<u32>,
) {
    let shift = 64 - log2_buckets;
    let wc = WordClasses::embedded();
    let toks: Vec<Tok<'_>> = words
        .iter()
        .map(|w| {
            let (shape, short) = shapes(w);
            let lower = w.to_lowercase();
            Tok {
                word: w,
                classes: wc.lookup_cased(w, &lower),
                lower,
                shape,
                short,
            }
        })
        .collect();
    let caps = sentence_all_caps(words);
    let title = sentence_title_case(words);
    let n = toks.len();
    let lw = |k: isize| -> &str {
        if k < 0 {
            "<s>"
        } else if k as usize >= n {
            "</s>"
        } else {
            &toks[k as usize].lower
        }
    };
    let ss = |k: isize| -> &str {
        if k < 0 {
            "<s>"
        } else if k as usize >= n {
            "</s>"
        } else {
            &toks[k as usize].short
        }
    };
    let gz = |k: isize| -> GazInfo {
        if k < 0 || k as usize >= n {
            GazInfo::default()
        } else {
            gaz.get(k as usize).copied().unwrap_or_default()
        }
    };
    for (i, t) in toks.iter().enumerate() {
        starts.push(feats.len() as u32);
        let ii = i as isize;
        let mut push = |h: H| feats.push(h.finish(shift));
        push(H::new(0));
        push(H::new(1).s(t.word));
        push(H::new(2).s(&t.lower));
        push(H::new(3).s(&t.shape));
        push(H::new(4).s(&t.short));
        // Prefixes and suffixes of 1 to 4 chars.
        let ends: Vec<usize> = t
            .lower
            .char_indices()
            .map(|(b, _)| b)
            .skip(1)
            .chain(std::iter::once(t.lower.len()))
            .collect();
        let nchars = ends.len();
        for k in 1..=4.min(nchars) {
            push(H::new(4 + k as u8).s(&t.lower[..ends[k - 1]]));
            let from = if k == nchars { 0 } else { ends[nchars - k - 1] };
            push(H::new(8 + k as u8).s(&t.lower[from..]));
        }
        push(H::new(13).s(lw(ii - 1)));
        push(H::new(14).s(lw(ii - 2)));
        push(H::new(15).s(lw(ii + 1)));
        push(H::new(16).s(lw(ii + 2)));
        push(H::new(17).s(ss(ii - 1)));
        push(H::new(18).s(ss(ii - 2)));
        push(H::new(19).s(ss(ii + 1)));
        push(H::new(20).s(ss(ii + 2)));
        push(H::new(21).s(lw(ii - 1)).s(&t.lower));
        push(H::new(22).s(&t.lower).s(lw(ii + 1)));
        push(H::new(23).s(ss(ii - 1)).s(&t.short).s(ss(ii + 1)));
        if i == 0 {
            push(H::new(24).s(&t.short));
            push(H::new(25).s(&t.lower));
        }
        if caps {
            push(H::new(26).s(&t.short));
            push(H::new(27).s(&t.lower));
        }
        if title {
            push(H::new(28).s(&t.short));
        }
        if first_upper(t.word) {
            let bits = doc.bits(&t.lower);
            push(
                H::new(29)
                    .n(u64::from(bits))
                    .n(u64::from(i == 0))
                    .n(u64::from(caps)),
            );
            push(H::new(30).n(u64::from(bits)).s(&t.short));
        }
        // Gazetteers: word flags of this token and its neighbours, and phrase matches.
        for (tpl, k) in [(31u8, ii), (32, ii - 1), (33, ii + 1)] {
            let g = gz(k);
            let mut f = g.word;
            while f != 0 {
                let bit = f.trailing_zeros();
                f &= f - 1;
                push(H::new(tpl).n(u64::from(bit)));
                if tpl == 31 {
                    push(H::new(34).n(u64::from(bit)).s(&t.short));
                }
            }
        }
        let g = gz(ii);
        let mut f = g.phrase;
        while f != 0 {
            let bit = f.trailing_zeros();
            f &= f - 1;
            push(H::new(35).n(u64::from(bit)).n(u64::from(g.phrase_begin)));
        }
        // Word classes of this token and its neighbours at each granularity (past the
        // sentence's ends 0xFFFE, an unknown word 0xFFFF), and the middle one with the shape.
        let cls = |k: isize| -> [u16; GRANULARITIES] {
            if k < 0 || k as usize >= n {
                [0xFFFE; GRANULARITIES]
            } else {
                toks[k as usize].classes.unwrap_or([0xFFFF; GRANULARITIES])
            }
        };
        let (c0, cp, cn) = (cls(ii), cls(ii - 1), cls(ii + 1));
        for g in 0..GRANULARITIES {
            let t = 36 + 3 * g as u8;
            push(H::new(t).n(u64::from(c0[g])));
            push(H::new(t + 1).n(u64::from(cp[g])));
            push(H::new(t + 2).n(u64::from(cn[g])));
        }
        push(H::new(45).n(u64::from(c0[1])).s(&t.short));
        push(H::new(46).n(u64::from(cp[0])).n(u64::from(c0[0])));
    }
    starts.push(feats.len() as u32);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shapes_collapse_runs() {
        assert_eq!(
            shapes("Kosovo"),
            ("Xxxxxx".chars().take(5).collect(), "Xx".to_string())
        );
        assert_eq!(shapes("U.S."), ("X.X.".to_string(), "X.X.".to_string()));
        assert_eq!(shapes("1,200"), ("d,ddd".to_string(), "d,d".to_string()));
        assert_eq!(shapes("NATO").1, "X");
    }

    #[test]
    fn features_are_deterministic_and_in_range() {
        let words = ["NATO", "chief", "Jens", "Stoltenberg", "spoke", "."];
        let doc = DocContext::new(&[words.to_vec()]);
        let gaz = gazetteer_info(&words);
        let (mut f1, mut s1, mut f2, mut s2) = (Vec::new(), Vec::new(), Vec::new(), Vec::new());
        sentence_features(&words, &doc, &gaz, 16, &mut f1, &mut s1);
        sentence_features(&words, &doc, &gaz, 16, &mut f2, &mut s2);
        assert_eq!(f1, f2);
        assert_eq!(s1.len(), words.len() + 1);
        assert!(f1.iter().all(|&b| b < (1 << 16)));
        // Different words give different word features.
        assert_ne!(f1[s1[2] as usize + 1], f1[s1[3] as usize + 1]);
    }

    #[test]
    fn doc_context_records_capitalisation_inside_sentences() {
        let doc = DocContext::new(&[
            vec!["Stoltenberg", "spoke"],
            vec!["Then", "Stoltenberg", "left"],
        ]);
        assert_eq!(
            doc.bits("stoltenberg"),
            SEEN_TITLE_INITIAL | SEEN_TITLE_INSIDE
        );
        assert_eq!(doc.bits("spoke"), SEEN_LOWER);
        let lowered = truecase_headline(&["Trump", "Says", "US", "Will", "Act"], |w| {
            matches!(w, "says" | "will" | "us" | "act")
        });
        assert_eq!(
            lowered,
            Some(vec![
                "Trump".to_string(),
                "says".into(),
                "US".into(),
                "will".into(),
                "act".into()
            ])
        );
        assert_eq!(truecase_headline(&["Trump", "says", "no"], |_| true), None);
        // A Title Case headline records nothing: its capitals are style, not evidence.
        let doc = DocContext::new(&[vec!["Leading", "Developer", "Reports", "Huge", "Loss"]]);
        assert_eq!(doc.bits("leading"), 0);
    }

    #[test]
    fn detects_headline_lines() {
        assert!(sentence_all_caps(&["EU", "REJECTS", "GERMAN", "CALL"]));
        assert!(!sentence_all_caps(&["EU", "rejects", "German", "call"]));
        assert!(sentence_title_case(&[
            "NATO",
            "Chief",
            "Calls",
            "for",
            "Accountability"
        ]));
        assert!(sentence_title_case(&[
            "Trump", "Said", "He", "Would", "End", "It", "."
        ]));
        assert!(!sentence_title_case(&[
            "Jens",
            "Stoltenberg",
            "called",
            "on",
            "Kosovo"
        ]));
        assert!(!sentence_title_case(&[
            "NATO",
            "chief",
            "calls",
            "for",
            "accountability"
        ]));
    }
}
