//! Training the entity tagger: an averaged structured perceptron over the same hashed
//! features and Viterbi decoding as tagging, quantised into a [`Model`].
//!
//! Why it exists: `src/bin/dateline-train.rs` writes `assets/model/ner.bin` with it; the
//! reader only loads and runs the model ([`crate::extract::tagger`]).
//!
//! What it must not do: no I/O, nothing random (the caller shuffles with a fixed seed, so the
//! same data give the same bytes).

use crate::extract::tagger::{Model, N_TAGS, START, viterbi};

/// Averaged structured perceptron training state.
pub struct Trainer {
    log2_buckets: u32,
    flags: u32,
    w: Vec<f32>,
    /// Sum of `c * update` for the averaging trick (`avg = w - u / c`).
    u: Vec<f64>,
    trans: Vec<f32>,
    trans_u: Vec<f64>,
    c: f64,
}

impl Trainer {
    /// A zero model with `1 << log2_buckets` feature buckets.
    pub fn new(log2_buckets: u32, flags: u32) -> Trainer {
        let n = (1usize << log2_buckets) * N_TAGS;
        let nt = (N_TAGS + 1) * N_TAGS;
        Trainer {
            log2_buckets,
            flags,
            w: vec![0.0; n],
            u: vec![0.0; n],
            trans: vec![0.0; nt],
            trans_u: vec![0.0; nt],
            c: 1.0,
        }
    }

    /// One perceptron step on a sentence; returns the number of mistagged tokens.
    pub fn learn(
        &mut self,
        feats: &[u32],
        starts: &[u32],
        gold: &[u8],
        scratch: &mut Vec<u8>,
    ) -> usize {
        let n = gold.len();
        let mut emit = vec![0f32; n * N_TAGS];
        for i in 0..n {
            for &f in &feats[starts[i] as usize..starts[i + 1] as usize] {
                let base = f as usize * N_TAGS;
                for t in 0..N_TAGS {
                    emit[i * N_TAGS + t] += self.w[base + t];
                }
            }
        }
        viterbi(&emit, n, |from, to| self.trans[from * N_TAGS + to], scratch);
        let c = self.c;
        let mut errors = 0;
        for i in 0..n {
            let (g, p) = (gold[i] as usize, scratch[i] as usize);
            if g != p {
                errors += 1;
                for &f in &feats[starts[i] as usize..starts[i + 1] as usize] {
                    let base = f as usize * N_TAGS;
                    self.w[base + g] += 1.0;
                    self.u[base + g] += c;
                    self.w[base + p] -= 1.0;
                    self.u[base + p] -= c;
                }
            }
            let gprev = if i == 0 { START } else { gold[i - 1] as usize };
            let pprev = if i == 0 {
                START
            } else {
                scratch[i - 1] as usize
            };
            if g != p || gprev != pprev {
                self.trans[gprev * N_TAGS + g] += 1.0;
                self.trans_u[gprev * N_TAGS + g] += c;
                self.trans[pprev * N_TAGS + p] -= 1.0;
                self.trans_u[pprev * N_TAGS + p] -= c;
            }
        }
        self.c += 1.0;
        errors
    }

    /// The averaged weights, quantised to `i16`.
    pub fn averaged(&self) -> Model {
        let c = self.c;
        let avg: Vec<f32> = self
            .w
            .iter()
            .zip(&self.u)
            .map(|(&w, &u)| (f64::from(w) - u / c) as f32)
            .collect();
        let tavg: Vec<f32> = self
            .trans
            .iter()
            .zip(&self.trans_u)
            .map(|(&w, &u)| (f64::from(w) - u / c) as f32)
            .collect();
        let max = avg.iter().fold(0f32, |m, &x| m.max(x.abs())).max(1e-6);
        let scale = max / 32767.0;
        let q = |x: f32| (x / scale).round().clamp(-32767.0, 32767.0);
        let weights = avg.iter().map(|&x| q(x) as i16).collect();
        let trans = tavg.iter().map(|&x| (x / scale).round() as i32).collect();
        Model::from_parts(self.log2_buckets, self.flags, scale, trans, weights)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::tagger::ModelError;

    #[test]
    fn learns_a_toy_task_and_round_trips() {
        // Feature 1 = "capitalised", feature 2 = "lower"; capitalised words are B-PER.
        let feats = [0u32, 1, 0, 2, 0, 1];
        let starts = [0u32, 2, 4, 6];
        let gold = [1u8, 0, 1];
        let mut tr = Trainer::new(8, 0);
        let mut scratch = Vec::new();
        for _ in 0..5 {
            tr.learn(&feats, &starts, &gold, &mut scratch);
        }
        let model = tr.averaged();
        let mut out = Vec::new();
        model.tag(&feats, &starts, &mut out);
        assert_eq!(out, gold);
        let bytes = model.to_bytes();
        let back = Model::from_bytes(&bytes);
        assert_eq!(back.as_ref(), Ok(&model));
        assert_eq!(
            Model::from_bytes(&bytes[..bytes.len() - 1]),
            Err(ModelError::BadSize)
        );
        let mut with_vocab = model.clone();
        with_vocab.set_common_lower(["says".to_string(), "will".to_string()]);
        let back = Model::from_bytes(&with_vocab.to_bytes());
        assert_eq!(back.as_ref(), Ok(&with_vocab));
        assert!(back.as_ref().is_ok_and(|m| m.is_common_lower("says")));
        assert!(back.as_ref().is_ok_and(|m| !m.is_common_lower("trump")));
        assert_eq!(
            Model::from_bytes(b"nonsense-bytes-here-and-more-of-them"),
            Err(ModelError::BadMagic)
        );
    }
}
