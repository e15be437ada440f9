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

use std::cell::RefCell;
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::rc::Rc;

use super::clusters::{GRANULARITIES, WordClasses};
use super::gazetteer::{Gazetteers, PhraseStart};
use crate::fold::fold;

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

/// What the tagger reads from one word as written, whatever its sentence: its lower-case
/// form, shapes, folded form, word classes and gazetteer flags (all pure functions of the
/// word, so [`word_facts`] remembers them).
pub struct WordFacts {
    lower: String,
    short: String,
    folded: String,
    /// The gazetteer's flags of the word alone; 0 unless it begins with a letter.
    gaz_word: u16,
    /// Where the gazetteer's phrases that begin with it continue.
    phrase: Option<PhraseStart>,
    /// Its features' hashes as the token tagged.
    own: Own,
    /// Its features' hashes as a neighbour of the token tagged.
    roles: Roles,
}

impl std::fmt::Debug for WordFacts {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("WordFacts")
            .field("lower", &self.lower)
            .field("folded", &self.folded)
            .field("gaz_word", &self.gaz_word)
            .finish_non_exhaustive()
    }
}

/// The hash states of the features of a token that depend on its word alone, as
/// `sentence_features_of` pushes them (finished there, with the model's bucket count).
struct Own {
    /// Templates 1 to 4, then the prefix and suffix of each length 1 to 4 (5 and 9, 6 and
    /// 10 ...), as many as the word has chars: `base[..n_base]`.
    base: [H; 12],
    n_base: usize,
    /// Template 22 before the next word is added.
    t22: H,
    /// Templates 24 and 25 (first token), 26 and 27 (an all-caps line), 28 (Title Case).
    first: [H; 2],
    caps: [H; 2],
    title: H,
    /// Templates 36, 39 and 42: the word's class at each granularity.
    classes: [H; GRANULARITIES],
    /// Template 45: the middle class with the short shape.
    t45: H,
    class0: u16,
}

/// The hash states of the features a word gives the token beside it: templates 13 to 20
/// (lower-case form and short shape before and after), the first half of 21 and 23, and the
/// classes before (37, 40, 43) and after (38, 41, 44). The sentence's ends have them too
/// (`<s>`, `</s>`, class 0xFFFE).
struct Roles {
    neighbour: [H; 8],
    t21: H,
    t23: H,
    before: [H; GRANULARITIES],
    after: [H; GRANULARITIES],
    class0: u16,
}

impl Roles {
    fn of(lower: &str, short: &str, classes: [u16; GRANULARITIES]) -> Roles {
        let mut neighbour = [H(0); 8];
        for (k, h) in neighbour.iter_mut().enumerate() {
            let text = if k < 4 { lower } else { short };
            *h = H::new(13 + k as u8).s(text);
        }
        Roles {
            neighbour,
            t21: H::new(21).s(lower),
            t23: H::new(23).s(short),
            before: std::array::from_fn(|g| H::new(37 + 3 * g as u8).n(u64::from(classes[g]))),
            after: std::array::from_fn(|g| H::new(38 + 3 * g as u8).n(u64::from(classes[g]))),
            class0: classes[0],
        }
    }
}

impl WordFacts {
    fn of(word: &str) -> WordFacts {
        let (shape, short) = shapes(word);
        let lower = word.to_lowercase();
        let folded = fold(word);
        let gaz = Gazetteers::embedded();
        let gaz_word = if word.chars().next().is_some_and(char::is_alphabetic) {
            gaz.folded_word_flags(&folded).0
        } else {
            0
        };
        let phrase = gaz.phrase_start(&folded);
        let classes = WordClasses::embedded()
            .lookup_cased(word, &lower)
            .unwrap_or([0xFFFF; GRANULARITIES]);
        let mut base = [H(0); 12];
        base[..4].copy_from_slice(&[
            H::new(1).s(word),
            H::new(2).s(&lower),
            H::new(3).s(&shape),
            H::new(4).s(&short),
        ]);
        let mut n_base = 4;
        // Prefixes and suffixes of 1 to 4 chars.
        let mut prefix_ends = lower
            .char_indices()
            .map(|(b, _)| b)
            .skip(1)
            .chain(std::iter::once(lower.len()));
        let mut suffix_starts = lower.char_indices().rev().map(|(b, _)| b);
        for k in 1..=4u8 {
            let Some(end) = prefix_ends.next() else {
                break;
            };
            let from = suffix_starts.next().unwrap_or(0);
            base[n_base] = H::new(4 + k).s(&lower[..end]);
            base[n_base + 1] = H::new(8 + k).s(&lower[from..]);
            n_base += 2;
        }
        let own = Own {
            base,
            n_base,
            t22: H::new(22).s(&lower),
            first: [H::new(24).s(&short), H::new(25).s(&lower)],
            caps: [H::new(26).s(&short), H::new(27).s(&lower)],
            title: H::new(28).s(&short),
            classes: std::array::from_fn(|g| H::new(36 + 3 * g as u8).n(u64::from(classes[g]))),
            t45: H::new(45).n(u64::from(classes[1])).s(&short),
            class0: classes[0],
        };
        let roles = Roles::of(&lower, &short, classes);
        WordFacts {
            lower,
            short,
            folded,
            gaz_word,
            phrase,
            own,
            roles,
        }
    }
}

/// FxHash-style hasher for the word memo: a word is hashed 8 bytes at a time.
#[derive(Default)]
struct WordHasher(u64);

impl Hasher for WordHasher {
    fn write(&mut self, bytes: &[u8]) {
        const K: u64 = 0x517C_C1B7_2722_0A95;
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            let v = u64::from_le_bytes([c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7]]);
            self.0 = (self.0.rotate_left(5) ^ v).wrapping_mul(K);
        }
        for &b in chunks.remainder() {
            self.0 = (self.0.rotate_left(5) ^ u64::from(b)).wrapping_mul(K);
        }
    }

    fn write_u8(&mut self, b: u8) {
        self.0 = (self.0.rotate_left(5) ^ u64::from(b)).wrapping_mul(0x517C_C1B7_2722_0A95);
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

type Memo = HashMap<Box<str>, Rc<WordFacts>, BuildHasherDefault<WordHasher>>;

/// Words a tagging thread remembers the facts of before it starts over: about 600 bytes a
/// word with the map's share (`WordFacts` itself is 432), so at most about 5 MB a thread.
/// News repeats its words, so most of a text's words are found here after a few articles.
const MEMO_WORDS: usize = 1 << 13;

thread_local! {
    static MEMO: RefCell<Memo> = RefCell::new(Memo::default());
}

/// The [`WordFacts`] of each of `words`, from this thread's memo where it has them (the
/// same facts as computed afresh: the memo only saves the work).
pub fn word_facts(words: &[&str]) -> Vec<Rc<WordFacts>> {
    MEMO.with(|memo| {
        let mut memo = memo.borrow_mut();
        words
            .iter()
            .map(|&w| {
                if let Some(f) = memo.get(w) {
                    return Rc::clone(f);
                }
                if memo.len() >= MEMO_WORDS {
                    memo.clear();
                }
                let f = Rc::new(WordFacts::of(w));
                memo.insert(w.into(), Rc::clone(&f));
                f
            })
            .collect()
    })
}

/// Gazetteer flags for each word of a sentence (the single place gazetteers enter the tagger).
pub fn gazetteer_info(words: &[&str]) -> Vec<GazInfo> {
    gazetteer_info_of(&word_facts(words))
}

/// [`gazetteer_info`] of a sentence's [`word_facts`].
pub fn gazetteer_info_of(facts: &[Rc<WordFacts>]) -> Vec<GazInfo> {
    let gaz = Gazetteers::embedded();
    let mut out: Vec<GazInfo> = facts
        .iter()
        .map(|f| GazInfo {
            word: f.gaz_word,
            ..GazInfo::default()
        })
        .collect();
    let folded: Vec<&str> = facts.iter().map(|f| f.folded.as_str()).collect();
    let starts: Vec<Option<PhraseStart>> = facts.iter().map(|f| f.phrase).collect();
    for m in gaz.phrase_matches_from(&folded, &starts) {
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
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
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
    seen: HashMap<String, u8, BuildHasherDefault<WordHasher>>,
}

const SEEN_TITLE_INSIDE: u8 = 1;
const SEEN_LOWER: u8 = 2;
const SEEN_TITLE_INITIAL: u8 = 4;
const SEEN_UPPER: u8 = 8;

impl DocContext {
    /// Collects, for every word of the document, how it was capitalised and where.
    pub fn new<S: AsRef<str>>(sentences: &[Vec<S>]) -> DocContext {
        let mut seen: HashMap<String, u8, BuildHasherDefault<WordHasher>> = HashMap::default();
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
                    let lower = lowered(w);
                    match seen.get_mut(lower.as_ref()) {
                        Some(bits) => *bits |= bit,
                        None => {
                            seen.insert(lower.into_owned(), bit);
                        }
                    }
                }
            }
        }
        DocContext { seen }
    }

    fn bits(&self, lower: &str) -> u8 {
        self.seen.get(lower).copied().unwrap_or(0)
    }
}

/// `w.to_lowercase()`, borrowed when that is `w` itself (ASCII without capitals).
fn lowered(w: &str) -> std::borrow::Cow<'_, str> {
    if w.bytes().all(|b| b.is_ascii() && !b.is_ascii_uppercase()) {
        std::borrow::Cow::Borrowed(w)
    } else {
        std::borrow::Cow::Owned(w.to_lowercase())
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
        if w.chars().next().is_some_and(char::is_alphabetic) && !is_function_word(w) {
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
    if word.len() > 4 {
        return false; // longer than every function word
    }
    // The same as looking up `word.to_lowercase()`, without the allocation: the function
    // words are ASCII and hold no `k`, and the only non-ASCII char whose lower case is ASCII
    // is the Kelvin sign (lower case `k`), so a word with any other non-ASCII char is none.
    FUNCTION_WORDS.iter().any(|f| word.eq_ignore_ascii_case(f))
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
    let facts = word_facts(words);
    sentence_features_of(words, &facts, doc, gaz, log2_buckets, feats, starts);
}

/// [`sentence_features`] with the sentence's [`word_facts`] at hand.
pub fn sentence_features_of(
    words: &[&str],
    toks: &[Rc<WordFacts>],
    doc: &DocContext,
    gaz: &[GazInfo],
    log2_buckets: u32,
    feats: &mut Vec<u32>,
    starts: &mut Vec<u32>,
) {
    let shift = 64 - log2_buckets;
    let caps = sentence_all_caps(words);
    let title = sentence_title_case(words);
    let n = toks.len();
    let (bos, eos) = (
        Roles::of("<s>", "<s>", [0xFFFE; GRANULARITIES]),
        Roles::of("</s>", "</s>", [0xFFFE; GRANULARITIES]),
    );
    // The word `k` tokens away (negative: before), or a sentence end.
    let side = |i: usize, k: isize| -> (&Roles, &str, &str) {
        let j = i as isize + k;
        if j < 0 {
            (&bos, "<s>", "<s>")
        } else if j as usize >= n {
            (&eos, "</s>", "</s>")
        } else {
            let t = &toks[j as usize];
            (&t.roles, &t.lower, &t.short)
        }
    };
    let gz = |k: isize| -> GazInfo {
        if k < 0 || k as usize >= n {
            GazInfo::default()
        } else {
            gaz.get(k as usize).copied().unwrap_or_default()
        }
    };
    let h0 = H::new(0);
    for (i, (t, &word)) in toks.iter().zip(words).enumerate() {
        starts.push(feats.len() as u32);
        let ii = i as isize;
        let mut push = |h: H| feats.push(h.finish(shift));
        let own = &t.own;
        push(h0);
        for &h in &own.base[..own.n_base] {
            push(h);
        }
        let (p1, _, _) = side(i, -1);
        let (p2, _, _) = side(i, -2);
        let (n1, n1_lower, n1_short) = side(i, 1);
        let (n2, _, _) = side(i, 2);
        push(p1.neighbour[0]);
        push(p2.neighbour[1]);
        push(n1.neighbour[2]);
        push(n2.neighbour[3]);
        push(p1.neighbour[4]);
        push(p2.neighbour[5]);
        push(n1.neighbour[6]);
        push(n2.neighbour[7]);
        push(p1.t21.s(&t.lower));
        push(own.t22.s(n1_lower));
        push(p1.t23.s(&t.short).s(n1_short));
        if i == 0 {
            push(own.first[0]);
            push(own.first[1]);
        }
        if caps {
            push(own.caps[0]);
            push(own.caps[1]);
        }
        if title {
            push(own.title);
        }
        if first_upper(word) {
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
        for g in 0..GRANULARITIES {
            push(own.classes[g]);
            push(p1.before[g]);
            push(n1.after[g]);
        }
        push(own.t45);
        push(H::new(46).n(u64::from(p1.class0)).n(u64::from(own.class0)));
    }
    starts.push(feats.len() as u32);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_word_memo_gives_what_computing_afresh_gives_and_stays_small() {
        let words = [
            "Jens",
            "Stoltenberg",
            "visited",
            "New",
            "York",
            "and",
            "Jens",
        ];
        let memo = word_facts(&words);
        assert!(
            Rc::ptr_eq(&memo[0], &memo[6]),
            "a repeated word is remembered"
        );
        for (w, f) in words.iter().zip(&memo) {
            let fresh = WordFacts::of(w);
            assert_eq!(
                (&f.lower, &f.short, &f.folded, f.gaz_word, f.phrase),
                (
                    &fresh.lower,
                    &fresh.short,
                    &fresh.folded,
                    fresh.gaz_word,
                    fresh.phrase
                )
            );
            assert_eq!(
                f.own.base[..f.own.n_base],
                fresh.own.base[..fresh.own.n_base]
            );
        }
        let size = std::mem::size_of::<WordFacts>();
        eprintln!("WordFacts: {size} bytes");
        assert!(size <= 512, "{size} bytes a word");
    }

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
