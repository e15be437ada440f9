//! The sequence tagger: an averaged structured perceptron with first-order Viterbi decoding
//! over BIO tags for PER, LOC and ORG.
//!
//! The model is a flat table of quantised weights (`i16`, one row of [`N_TAGS`] per hashed
//! feature bucket) plus a tag-transition matrix, so tagging is integer additions and a
//! 7x7 Viterbi step per token. The trainer (`extract::train::trainer`, behind the `tools`
//! feature) produces it; [`Model::to_bytes`] and [`Model::from_bytes`] give a compact,
//! deterministic file. No I/O here.

use std::collections::HashSet;

use thiserror::Error;

/// Number of tags: O, B-PER, I-PER, B-LOC, I-LOC, B-ORG, I-ORG.
pub const N_TAGS: usize = 7;
/// Tag names in index order.
pub const TAG_NAMES: [&str; N_TAGS] = ["O", "B-PER", "I-PER", "B-LOC", "I-LOC", "B-ORG", "I-ORG"];
/// Row of the transition matrix used for the sentence start.
pub(crate) const START: usize = N_TAGS;

const MAGIC: &[u8; 8] = b"DLNERv02";

/// True when tag `to` may follow tag `from` (`None` = sentence start): an `I-X` only after `B-X`/`I-X`.
pub fn allowed(from: Option<usize>, to: usize) -> bool {
    if to == 0 || to % 2 == 1 {
        return true;
    }
    matches!(from, Some(f) if f != 0 && f.div_ceil(2) == to / 2)
}

/// Why a model file could not be used.
#[derive(Debug, Error, PartialEq, Eq)]
pub enum ModelError {
    #[error("the entity model file is not a dateline model (bad magic bytes)")]
    BadMagic,
    #[error("the entity model file is truncated or has the wrong size")]
    BadSize,
    #[error(
        "the entity model was built for feature version {found}, this program needs {expected}; retrain it"
    )]
    FeatureVersion { found: u32, expected: u32 },
    #[error("the entity model has an unsupported layout ({0})")]
    Layout(&'static str),
}

/// A trained, quantised tagger.
#[derive(Debug, Clone, PartialEq)]
pub struct Model {
    /// Number of feature buckets is `1 << log2_buckets`.
    pub log2_buckets: u32,
    /// Feature template version the model was trained with.
    pub feature_version: u32,
    /// Bit 0: trained with gazetteer features.
    pub flags: u32,
    /// Multiply a quantised weight by this to get the trained value (informational).
    pub scale: f32,
    /// `(N_TAGS + 1) x N_TAGS` transition scores; the last row is the sentence start.
    trans: Vec<i32>,
    /// `buckets` rows of [`N_TAGS`] emission weights (see [`Row`]).
    weights: Vec<Row>,
    /// Words (lower case) the training text wrote in lower case far more often than
    /// capitalised inside a sentence: Title Case headlines are read with these lowered
    /// (see `features::truecase_headline`). Stored after the weights, one a line, sorted.
    common_lower: HashSet<String>,
}

/// Lanes of a [`Row`]: the [`N_TAGS`] weights and one zero.
const LANES: usize = 8;

/// One feature bucket's weights, padded to 16 bytes and aligned to them: a row never
/// straddles two cache lines (tagging reads a row per feature, most of them from outside
/// the L1 cache) and adds as one vector. The padding lane is always 0.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[repr(C, align(16))]
struct Row([i16; LANES]);

/// The rows of a flat `buckets x N_TAGS` table (a partial last row is dropped, as tagging
/// never read it).
fn rows(flat: &[i16]) -> Vec<Row> {
    flat.chunks_exact(N_TAGS)
        .map(|c| {
            let mut row = Row::default();
            row.0[..N_TAGS].copy_from_slice(c);
            row
        })
        .collect()
}

fn read_u32(b: &[u8], at: usize) -> Result<u32, ModelError> {
    b.get(at..at + 4)
        .and_then(|s| s.try_into().ok())
        .map(u32::from_le_bytes)
        .ok_or(ModelError::BadSize)
}

impl Model {
    /// Parses a model file written by [`Model::to_bytes`].
    pub fn from_bytes(bytes: &[u8]) -> Result<Model, ModelError> {
        if bytes.get(..8) != Some(MAGIC.as_slice()) {
            return Err(ModelError::BadMagic);
        }
        let log2_buckets = read_u32(bytes, 8)?;
        let n_tags = read_u32(bytes, 12)?;
        let feature_version = read_u32(bytes, 16)?;
        let flags = read_u32(bytes, 20)?;
        let scale = f32::from_bits(read_u32(bytes, 24)?);
        if n_tags as usize != N_TAGS {
            return Err(ModelError::Layout("tag count"));
        }
        if !(8..=26).contains(&log2_buckets) {
            return Err(ModelError::Layout("bucket count"));
        }
        if feature_version != super::features::FEATURE_VERSION {
            return Err(ModelError::FeatureVersion {
                found: feature_version,
                expected: super::features::FEATURE_VERSION,
            });
        }
        let n_trans = (N_TAGS + 1) * N_TAGS;
        let n_weights = (1usize << log2_buckets) * N_TAGS;
        let header = 28;
        let vocab_at = header + n_trans * 4 + n_weights * 2;
        if bytes.len() < vocab_at {
            return Err(ModelError::BadSize);
        }
        let trans = bytes[header..header + n_trans * 4]
            .chunks_exact(4)
            .map(|c| i32::from_le_bytes([c[0], c[1], c[2], c[3]]))
            .collect();
        let flat: Vec<i16> = bytes[header + n_trans * 4..vocab_at]
            .chunks_exact(2)
            .map(|c| i16::from_le_bytes([c[0], c[1]]))
            .collect();
        let weights = rows(&flat);
        let common_lower = std::str::from_utf8(&bytes[vocab_at..])
            .map_err(|_| ModelError::Layout("vocabulary is not UTF-8"))?
            .lines()
            .filter(|l| !l.is_empty())
            .map(str::to_string)
            .collect();
        Ok(Model {
            log2_buckets,
            feature_version,
            flags,
            scale,
            trans,
            weights,
            common_lower,
        })
    }

    /// A model from trained parts: `(N_TAGS + 1) x N_TAGS` transition scores and
    /// `buckets x N_TAGS` quantised weights, with no common-lower-case vocabulary.
    #[cfg(feature = "tools")]
    pub(crate) fn from_parts(
        log2_buckets: u32,
        flags: u32,
        scale: f32,
        trans: Vec<i32>,
        weights: Vec<i16>,
    ) -> Model {
        Model {
            log2_buckets,
            feature_version: super::features::FEATURE_VERSION,
            flags,
            scale,
            trans,
            weights: rows(&weights),
            common_lower: HashSet::new(),
        }
    }

    /// Replaces the common-lower-case vocabulary (the trainer sets it from its text).
    #[cfg(feature = "tools")]
    pub fn set_common_lower(&mut self, words: impl IntoIterator<Item = String>) {
        self.common_lower = words.into_iter().collect();
    }

    /// Whether `lower` (a lower-cased word) is in the common-lower-case vocabulary.
    pub fn is_common_lower(&self, lower: &str) -> bool {
        self.common_lower.contains(lower)
    }

    /// Serialises the model (little-endian, fixed layout; same model -> same bytes).
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out =
            Vec::with_capacity(28 + self.trans.len() * 4 + self.weights.len() * N_TAGS * 2);
        out.extend_from_slice(MAGIC);
        for v in [
            self.log2_buckets,
            N_TAGS as u32,
            self.feature_version,
            self.flags,
            self.scale.to_bits(),
        ] {
            out.extend_from_slice(&v.to_le_bytes());
        }
        for t in &self.trans {
            out.extend_from_slice(&t.to_le_bytes());
        }
        for w in self.weights.iter().flat_map(|r| &r.0[..N_TAGS]) {
            out.extend_from_slice(&w.to_le_bytes());
        }
        let mut vocab: Vec<&String> = self.common_lower.iter().collect();
        vocab.sort_unstable();
        for w in vocab {
            out.extend_from_slice(w.as_bytes());
            out.push(b'\n');
        }
        out
    }

    /// Best tag sequence for a sentence whose token `i` has features `feats[starts[i]..starts[i+1]]`.
    pub fn tag(&self, feats: &[u32], starts: &[u32], out: &mut Vec<u8>) {
        self.tag_biased(feats, starts, 0, out);
    }

    /// [`Model::tag`] with `o_bias` added to every token's score for `O` (outside any
    /// entity): a positive bias asks for more evidence before a token is part of a name.
    pub fn tag_biased(&self, feats: &[u32], starts: &[u32], o_bias: i32, out: &mut Vec<u8>) {
        let emit = self.emissions(feats, starts, o_bias);
        self.best_path(&emit, out);
    }

    /// The best tag sequence through emission scores from [`Model::emissions`].
    pub fn best_path(&self, emit: &[i32], out: &mut Vec<u8>) {
        viterbi(
            emit,
            emit.len() / N_TAGS,
            |from, to| self.trans[from * N_TAGS + to],
            out,
        );
    }

    /// The transition score from tag `from` (`None` = sentence start) to tag `to`.
    pub fn transition(&self, from: Option<usize>, to: usize) -> i32 {
        self.trans[from.unwrap_or(START) * N_TAGS + to]
    }

    /// Each token's score for each tag (`n x N_TAGS`, row-major), with `o_bias` added to the
    /// score for `O`: what [`Model::tag_biased`] finds its best path through.
    pub fn emissions(&self, feats: &[u32], starts: &[u32], o_bias: i32) -> Vec<i32> {
        let n = starts.len().saturating_sub(1);
        let mut emit = vec![0i32; n * N_TAGS];
        for i in 0..n {
            let mut sum = [0i32; LANES];
            for &f in &feats[starts[i] as usize..starts[i + 1] as usize] {
                if let Some(w) = self.weights.get(f as usize) {
                    for (s, &x) in sum.iter_mut().zip(&w.0) {
                        *s += i32::from(x);
                    }
                }
            }
            sum[0] += o_bias;
            emit[i * N_TAGS..(i + 1) * N_TAGS].copy_from_slice(&sum[..N_TAGS]);
        }
        emit
    }
}

/// Fills `out` with the best path through `emit` (`n x N_TAGS`) under `trans(from_row, to)`.
pub(crate) fn viterbi<T, F>(emit: &[T], n: usize, trans: F, out: &mut Vec<u8>)
where
    T: Copy + PartialOrd + std::ops::Add<Output = T> + Default,
    F: Fn(usize, usize) -> T,
{
    out.clear();
    if n == 0 {
        return;
    }
    let mut back = vec![0u8; n * N_TAGS];
    let mut score = [T::default(); N_TAGS];
    let mut valid = [false; N_TAGS];
    for t in 0..N_TAGS {
        valid[t] = allowed(None, t);
        score[t] = trans(START, t) + emit[t];
    }
    for i in 1..n {
        let mut next = [T::default(); N_TAGS];
        let mut next_valid = [false; N_TAGS];
        for t in 0..N_TAGS {
            let mut best: Option<(T, usize)> = None;
            for f in 0..N_TAGS {
                if !valid[f] || !allowed(Some(f), t) {
                    continue;
                }
                let s = score[f] + trans(f, t);
                if best.is_none_or(|(b, _)| s > b) {
                    best = Some((s, f));
                }
            }
            if let Some((s, f)) = best {
                next[t] = s + emit[i * N_TAGS + t];
                next_valid[t] = true;
                back[i * N_TAGS + t] = f as u8;
            }
        }
        score = next;
        valid = next_valid;
    }
    let mut best = 0;
    for t in 0..N_TAGS {
        if valid[t] && (!valid[best] || score[t] > score[best]) {
            best = t;
        }
    }
    out.resize(n, 0);
    out[n - 1] = best as u8;
    for i in (1..n).rev() {
        best = back[i * N_TAGS + best] as usize;
        out[i - 1] = best as u8;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn transitions_forbid_inside_without_begin() {
        assert!(allowed(None, 1));
        assert!(!allowed(None, 2));
        assert!(allowed(Some(1), 2));
        assert!(allowed(Some(2), 2));
        assert!(!allowed(Some(3), 2));
        assert!(!allowed(Some(0), 4));
    }

    #[test]
    fn a_bias_for_outside_asks_for_more_evidence() {
        // Two buckets: bucket 1 says B-PER by 10.
        let mut weights = vec![0i16; 2 * N_TAGS];
        weights[N_TAGS + 1] = 10;
        let model = Model::from_parts(1, 0, 1.0, vec![0; (N_TAGS + 1) * N_TAGS], weights);
        let (feats, starts) = ([1u32], [0u32, 1]);
        let mut out = Vec::new();
        model.tag(&feats, &starts, &mut out);
        assert_eq!(out, [1]);
        model.tag_biased(&feats, &starts, 9, &mut out);
        assert_eq!(out, [1]);
        model.tag_biased(&feats, &starts, 11, &mut out);
        assert_eq!(out, [0]);
    }

    #[test]
    fn the_shipped_model_reads_and_writes_back_the_same_bytes() {
        let bytes = include_bytes!("../../assets/model/ner.bin");
        let model = Model::from_bytes(bytes).expect("the shipped model");
        assert_eq!(model.weights.len(), 1 << model.log2_buckets);
        assert!(
            model
                .weights
                .iter()
                .all(|r| r.0[N_TAGS..].iter().all(|&x| x == 0))
        );
        assert!(
            model.to_bytes() == bytes,
            "to_bytes differs from the shipped file"
        );
    }

    #[test]
    fn viterbi_respects_constraints() {
        // Emissions prefer I-PER everywhere, which is illegal at the start.
        let mut emit = vec![0i32; 2 * N_TAGS];
        emit[2] = 10;
        emit[N_TAGS + 2] = 10;
        emit[1] = 5;
        let mut out = Vec::new();
        viterbi(&emit, 2, |_, _| 0, &mut out);
        assert_eq!(out, [1, 2]);
    }
}
