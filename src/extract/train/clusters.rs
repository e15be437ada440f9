//! Learning word classes: the exchange algorithm over word bigram counts, and the fst the
//! reader's [`WordClasses`](crate::extract::clusters::WordClasses) loads.
//!
//! Why it exists: `src/bin/ner-clusters.rs` learns `assets/model/clusters.fst` from unlabelled
//! text (see `assets/model/README.md`); the reader only looks classes up
//! ([`crate::extract::clusters`]). The exchange algorithm (Kneser and Ney 1993; Martin,
//! Liermann and Ney 1998) fits a two-sided class bigram model, improving its likelihood by
//! moving one word at a time to the class that raises it most.
//!
//! What it must not do: no I/O (the tool reads the text and writes the bytes); nothing
//! random (same bigrams, same classes, same bytes).

use std::collections::BTreeMap;

use crate::extract::clusters::GRANULARITIES;

/// Why the word classes could not be written.
#[derive(Debug, thiserror::Error)]
pub enum BuildError {
    #[error("the word-class index could not be built: {0}")]
    Fst(#[from] fst::Error),
    #[error("a word class does not fit in 16 bits: {0}")]
    TooManyClasses(u32),
}

/// Writes the fst read by [`WordClasses::from_bytes`](crate::extract::clusters::WordClasses::from_bytes): each word with its class at each
/// granularity (same input, same bytes).
pub fn to_fst(classes: &BTreeMap<String, [u32; GRANULARITIES]>) -> Result<Vec<u8>, BuildError> {
    let mut b = fst::MapBuilder::memory();
    for (word, cs) in classes {
        let mut v = 0u64;
        for (g, &c) in cs.iter().enumerate() {
            let c = u16::try_from(c).map_err(|_| BuildError::TooManyClasses(c))?;
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
    use crate::extract::clusters::WordClasses;

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
}
