//! Distributional word classes: words that occur in similar contexts share a class.
//!
//! Why it exists: the tagger has seen few company, outlet and party names, but unlabelled news
//! text shows that "Anthropic" keeps the company of "Google" and "Reuters" that of "AP". Word
//! classes learnt from such text (Ratinov and Roth 2009, Turian et al. 2010) let a feature
//! learnt for one name carry over to its neighbours in the class.
//!
//! The classes come from the exchange algorithm (Kneser and Ney 1993; Martin, Liermann and
//! Ney 1998): a two-sided class bigram model whose likelihood is improved by moving one word
//! at a time to the class that raises it most, run once for each of [`GRANULARITIES`] class
//! counts. [`exchange`] is the algorithm, run offline by `src/bin/ner-clusters.rs`;
//! [`WordClasses`] reads the shipped result, `assets/model/clusters.fst`: an [`fst::Map`]
//! from a case-sensitive word to its class at each granularity, 16 bits each (the coarsest in
//! the low bits). Loading checks the fst header only; a lookup walks the fst, no allocation
//! unless the word has upper-case letters and the caller has no lower-case form at hand.
//!
//! What it must not do: no I/O at call time; the classes are evidence for the tagger, never a
//! label by themselves.

use std::collections::BTreeMap;
use std::sync::OnceLock;

/// Number of class granularities per word.
pub const GRANULARITIES: usize = 3;

const CLUSTERS_FST: &[u8] = include_bytes!("../../assets/model/clusters.fst");

/// Why the word classes could not be used or written.
#[derive(Debug, thiserror::Error)]
pub enum ClustersError {
    #[error("the word-class index is damaged: {0}")]
    Fst(#[from] fst::Error),
    #[error("a word class does not fit in 16 bits: {0}")]
    TooManyClasses(u32),
}

/// The class of each known word at each granularity.
pub struct WordClasses {
    map: Option<fst::Map<&'static [u8]>>,
}

impl std::fmt::Debug for WordClasses {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("WordClasses")
            .field("words", &self.len())
            .finish()
    }
}

fn unpack(v: u64) -> [u16; GRANULARITIES] {
    let mut out = [0u16; GRANULARITIES];
    for (g, c) in out.iter_mut().enumerate() {
        *c = (v >> (16 * g)) as u16;
    }
    out
}

impl WordClasses {
    /// The classes shipped in `assets/model/clusters.fst`, loaded once on first use. Damaged
    /// data (a broken build) is logged and gives no classes, so tagging degrades instead of
    /// failing.
    pub fn embedded() -> &'static WordClasses {
        static CLASSES: OnceLock<WordClasses> = OnceLock::new();
        CLASSES.get_or_init(|| {
            WordClasses::from_bytes(CLUSTERS_FST).unwrap_or_else(|e| {
                tracing::error!("embedded word classes unusable, class features disabled: {e}");
                WordClasses { map: None }
            })
        })
    }

    /// Word classes over an fst written by [`to_fst`].
    pub fn from_bytes(bytes: &'static [u8]) -> Result<WordClasses, ClustersError> {
        Ok(WordClasses {
            map: Some(fst::Map::new(bytes)?),
        })
    }

    /// Number of words with classes.
    pub fn len(&self) -> usize {
        self.map.as_ref().map_or(0, fst::Map::len)
    }

    /// Whether no word has a class.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The classes of `word` as written, else of its lower-case form ("Said" in a headline
    /// gets the classes of "said"); `None` for a word the unlabelled text had too rarely.
    pub fn lookup(&self, word: &str) -> Option<[u16; GRANULARITIES]> {
        if word.chars().any(char::is_uppercase) {
            self.lookup_cased(word, &word.to_lowercase())
        } else {
            self.lookup_cased(word, word)
        }
    }

    /// [`WordClasses::lookup`] for a caller that already has the lower-case form `lower`.
    pub fn lookup_cased(&self, word: &str, lower: &str) -> Option<[u16; GRANULARITIES]> {
        let map = self.map.as_ref()?;
        map.get(word)
            .or_else(|| if lower == word { None } else { map.get(lower) })
            .map(unpack)
    }
}

/// Writes the fst read by [`WordClasses::from_bytes`]: each word with its class at each
/// granularity (same input, same bytes).
pub fn to_fst(classes: &BTreeMap<String, [u32; GRANULARITIES]>) -> Result<Vec<u8>, ClustersError> {
    let mut b = fst::MapBuilder::memory();
    for (word, cs) in classes {
        let mut v = 0u64;
        for (g, &c) in cs.iter().enumerate() {
            let c = u16::try_from(c).map_err(|_| ClustersError::TooManyClasses(c))?;
            v |= u64::from(c) << (16 * g);
        }
        b.insert(word, v)?;
    }
    Ok(b.into_inner()?)
}

/// Word bigram counts of a corpus, in the form [`exchange`] needs.
#[derive(Debug, Clone, Default)]
pub struct Bigrams {
    /// For each word, the words that follow it and how often (sorted by word id).
    right: Vec<Vec<(u32, u32)>>,
    /// For each word, the words that precede it and how often (sorted by word id).
    left: Vec<Vec<(u32, u32)>>,
}

impl Bigrams {
    /// Counts the bigrams of a stream of word ids (`0..n_words`); the caller puts a boundary
    /// word between sentences.
    pub fn count(stream: &[u32], n_words: usize) -> Bigrams {
        let mut pairs: Vec<(u32, u32)> = stream.windows(2).map(|p| (p[0], p[1])).collect();
        pairs.sort_unstable();
        let mut right = vec![Vec::new(); n_words];
        let mut left = vec![Vec::new(); n_words];
        let mut i = 0;
        while i < pairs.len() {
            let mut j = i + 1;
            while j < pairs.len() && pairs[j] == pairs[i] {
                j += 1;
            }
            let (v, w) = pairs[i];
            let n = (j - i) as u32;
            right[v as usize].push((w, n));
            left[w as usize].push((v, n));
            i = j;
        }
        for l in &mut left {
            l.sort_unstable();
        }
        Bigrams { right, left }
    }

    /// Number of distinct bigrams.
    pub fn types(&self) -> usize {
        self.right.iter().map(Vec::len).sum()
    }
}

/// What one run of [`exchange`] did.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ExchangeStats {
    /// Words moved in each pass.
    pub moves: Vec<usize>,
    /// Class bigram log likelihood (up to a constant) after the last pass.
    pub objective: f64,
}

/// `x ln x`, from a table for small counts.
struct XLogX(Vec<f64>);

impl XLogX {
    fn new() -> XLogX {
        XLogX(
            (0..1u32 << 16)
                .map(|x| {
                    let x = f64::from(x);
                    if x > 0.0 { x * x.ln() } else { 0.0 }
                })
                .collect(),
        )
    }
    #[inline]
    fn f(&self, x: u32) -> f64 {
        match self.0.get(x as usize) {
            Some(&v) => v,
            None => {
                let x = f64::from(x);
                x * x.ln()
            }
        }
    }
}

/// Assigns each word to one of `n_classes` classes so that the two-sided class bigram model
/// `p(w | v) = p(c(w) | c(v)) p(w | c(w))` fits the bigrams well: starts from word `i` in class
/// `i % n_classes` (ids are best given in order of falling frequency), then visits the words
/// in id order, moving each to the class that most raises
/// `sum N(c, d) ln N(c, d) - sum N(c, .) ln N(c, .) - sum N(., d) ln N(., d)`, for at most
/// `max_passes` passes or until a pass moves fewer than one word in a thousand.
/// Deterministic: the same bigrams give the same classes.
pub fn exchange(
    bigrams: &Bigrams,
    n_classes: usize,
    max_passes: usize,
) -> (Vec<u32>, ExchangeStats) {
    let n_words = bigrams.right.len();
    let k = n_classes.max(1);
    let mut class: Vec<u32> = (0..n_words).map(|w| (w % k) as u32).collect();
    let nl: Vec<u32> = bigrams
        .right
        .iter()
        .map(|r| r.iter().map(|p| p.1).sum())
        .collect();
    let nr: Vec<u32> = bigrams
        .left
        .iter()
        .map(|l| l.iter().map(|p| p.1).sum())
        .collect();
    // m[c * k + d] = N(c, d); mt is its transpose, for cache-friendly column reads.
    let mut m = vec![0u32; k * k];
    let mut mt = vec![0u32; k * k];
    let mut cl = vec![0u32; k];
    let mut cr = vec![0u32; k];
    for (v, r) in bigrams.right.iter().enumerate() {
        let c = class[v] as usize;
        cl[c] += nl[v];
        for &(w, n) in r {
            let d = class[w as usize] as usize;
            m[c * k + d] += n;
            mt[d * k + c] += n;
        }
    }
    for (w, &n) in nr.iter().enumerate() {
        cr[class[w] as usize] += n;
    }
    let xl = XLogX::new();
    let mut rw = vec![0u32; k];
    let mut lw = vec![0u32; k];
    let mut rt: Vec<usize> = Vec::new();
    let mut lt: Vec<usize> = Vec::new();
    let mut stats = ExchangeStats::default();
    for _ in 0..max_passes {
        let mut moves = 0;
        for w in 0..n_words {
            if nl[w] == 0 && nr[w] == 0 {
                continue;
            }
            let a = class[w] as usize;
            let mut own = 0u32;
            for &(u, n) in &bigrams.right[w] {
                if u as usize == w {
                    own = n;
                    continue;
                }
                let d = class[u as usize] as usize;
                if rw[d] == 0 {
                    rt.push(d);
                }
                rw[d] += n;
            }
            for &(v, n) in &bigrams.left[w] {
                if v as usize == w {
                    continue;
                }
                let c = class[v as usize] as usize;
                if lw[c] == 0 {
                    lt.push(c);
                }
                lw[c] += n;
            }
            // Take w out of its class.
            for &d in &rt {
                m[a * k + d] -= rw[d];
                mt[d * k + a] -= rw[d];
            }
            for &c in &lt {
                m[c * k + a] -= lw[c];
                mt[a * k + c] -= lw[c];
            }
            m[a * k + a] -= own;
            mt[a * k + a] -= own;
            cl[a] -= nl[w];
            cr[a] -= nr[w];
            // The gain of putting it into class b.
            let gain = |b: usize| -> f64 {
                let row = &m[b * k..(b + 1) * k];
                let col = &mt[b * k..(b + 1) * k];
                let mut g = 0.0;
                for &d in &rt {
                    if d != b {
                        g += xl.f(row[d] + rw[d]) - xl.f(row[d]);
                    }
                }
                for &c in &lt {
                    if c != b {
                        g += xl.f(col[c] + lw[c]) - xl.f(col[c]);
                    }
                }
                g += xl.f(row[b] + rw[b] + lw[b] + own) - xl.f(row[b]);
                g - (xl.f(cl[b] + nl[w]) - xl.f(cl[b])) - (xl.f(cr[b] + nr[w]) - xl.f(cr[b]))
            };
            let mut best = a;
            let mut best_gain = gain(a);
            for b in 0..k {
                if b == a {
                    continue;
                }
                let g = gain(b);
                if g > best_gain + 1e-9 {
                    best = b;
                    best_gain = g;
                }
            }
            // Put it there.
            for &d in &rt {
                m[best * k + d] += rw[d];
                mt[d * k + best] += rw[d];
                rw[d] = 0;
            }
            for &c in &lt {
                m[c * k + best] += lw[c];
                mt[best * k + c] += lw[c];
                lw[c] = 0;
            }
            // rw[best] and lw[best] were added above; the word's own bigrams go to (best, best).
            m[best * k + best] += own;
            mt[best * k + best] += own;
            cl[best] += nl[w];
            cr[best] += nr[w];
            rt.clear();
            lt.clear();
            if best != a {
                class[w] = best as u32;
                moves += 1;
            }
        }
        stats.moves.push(moves);
        if moves * 1000 < n_words {
            break;
        }
    }
    stats.objective = m.iter().map(|&x| xl.f(x)).sum::<f64>()
        - cl.iter().map(|&x| xl.f(x)).sum::<f64>()
        - cr.iter().map(|&x| xl.f(x)).sum::<f64>();
    (class, stats)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A tiny corpus with two obvious classes of content words.
    fn toy_stream() -> (Vec<u32>, usize) {
        // 0 = boundary, 1 = "the", 2 = "said"; 3..=5 companies, 6..=8 people.
        let mut s = vec![0];
        for round in 0..40u32 {
            let company = 3 + round % 3;
            let person = 6 + (round / 3) % 3;
            s.extend([1, company, 2, 0, person, 2, 1, company, 0]);
        }
        (s, 9)
    }

    #[test]
    fn exchange_is_deterministic_and_groups_alike_words() {
        let (stream, n) = toy_stream();
        let b = Bigrams::count(&stream, n);
        let (c1, s1) = exchange(&b, 4, 20);
        let (c2, s2) = exchange(&b, 4, 20);
        assert_eq!(c1, c2);
        assert_eq!(s1, s2);
        assert_eq!(c1[3], c1[4]);
        assert_eq!(c1[4], c1[5]);
        assert_eq!(c1[6], c1[7]);
        assert_ne!(c1[3], c1[6]);
        // Moving words only ever raises the objective above the starting assignment's.
        let (_, s0) = exchange(&b, 4, 0);
        assert!(s1.objective > s0.objective);
    }

    #[test]
    fn gains_match_the_objective() {
        // After convergence no single move improves the objective (checked by brute force).
        let (stream, n) = toy_stream();
        let b = Bigrams::count(&stream, n);
        let (classes, stats) = exchange(&b, 3, 50);
        let objective = |cs: &[u32]| {
            let xl = XLogX::new();
            let mut m = [0u32; 9];
            let (mut cl, mut cr) = (vec![0u32; 3], vec![0u32; 3]);
            for (v, r) in b.right.iter().enumerate() {
                for &(w, cnt) in r {
                    let (c, d) = (cs[v] as usize, cs[w as usize] as usize);
                    m[c * 3 + d] += cnt;
                    cl[c] += cnt;
                    cr[d] += cnt;
                }
            }
            m.iter().map(|&x| xl.f(x)).sum::<f64>()
                - cl.iter().map(|&x| xl.f(x)).sum::<f64>()
                - cr.iter().map(|&x| xl.f(x)).sum::<f64>()
        };
        let base = objective(&classes);
        assert!((base - stats.objective).abs() < 1e-6);
        for w in 0..n {
            for c in 0..3u32 {
                let mut cs = classes.clone();
                cs[w] = c;
                assert!(objective(&cs) <= base + 1e-6);
            }
        }
    }

    #[test]
    fn fst_round_trip_and_case_fallback() {
        let mut m = BTreeMap::new();
        m.insert("Reuters".to_string(), [3, 200, 1000]);
        m.insert("said".to_string(), [1, 2, 3]);
        let bytes: &'static [u8] = Box::leak(to_fst(&m).expect("fst").into_boxed_slice());
        let wc = WordClasses::from_bytes(bytes).expect("read");
        assert_eq!(wc.len(), 2);
        assert_eq!(wc.lookup("Reuters"), Some([3, 200, 1000]));
        assert_eq!(wc.lookup("Said"), Some([1, 2, 3]));
        assert_eq!(wc.lookup("reuters"), None);
        let too_big = BTreeMap::from([("x".to_string(), [70_000, 0, 0])]);
        assert!(to_fst(&too_big).is_err());
    }

    #[test]
    fn embedded_classes_know_common_words() {
        let wc = WordClasses::embedded();
        assert!(wc.len() > 10_000, "{} words", wc.len());
        let said = wc.lookup("said").expect("said has a class");
        let told = wc.lookup("told").expect("told has a class");
        assert_eq!(said[0], told[0], "said and told share a coarse class");
        assert!(wc.lookup("Reuters").is_some());
        assert!(wc.lookup("zzqxj-unlikely").is_none());
    }
}
