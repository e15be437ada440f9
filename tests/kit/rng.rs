//! The one random generator of dateline's tests and benches: small, deterministic, seeded.
//!
//! Why it exists: generated inputs (feed lists, query trees, HTML soup, news-like articles)
//! must be the same on every machine and every run, so a failure or a figure reproduces from
//! the seed alone, and no test or bench needs a crate for it. It is SplitMix64 (Steele, Lea and
//! Flood's mixer over a Weyl sequence): any seed, zero included, gives a good stream.
//!
//! It must not be used for anything secret, nor compiled into the reader: the integration tests
//! (`tests/it/support.rs`) and the benches include it with `#[path = ...] mod rng;`, the unit
//! tests as `crate::test_rng` (declared once, `#[cfg(test)]`, in `src/lib.rs`).

#![allow(
    dead_code,
    reason = "included by several crates; not every one uses every method"
)]

/// A deterministic pseudo-random generator (SplitMix64).
#[derive(Debug, Clone)]
pub struct Rng(u64);

impl Rng {
    /// A generator whose whole stream is fixed by `seed`.
    pub fn new(seed: u64) -> Rng {
        Rng(seed)
    }

    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// A number in `0..n`; `n` must not be 0.
    pub fn below(&mut self, n: usize) -> usize {
        assert!(n > 0, "Rng::below(0) has no answer");
        (self.next_u64() % n as u64) as usize
    }

    /// A number in `lo..=hi`.
    pub fn range(&mut self, lo: usize, hi: usize) -> usize {
        assert!(lo <= hi, "Rng::range({lo}, {hi}) is empty");
        lo + (self.next_u64() % (hi - lo + 1) as u64) as usize
    }

    /// One of `items`, which must not be empty.
    pub fn pick<T: Copy>(&mut self, items: &[T]) -> T {
        items[self.below(items.len())]
    }

    /// True `percent` times in a hundred.
    pub fn chance(&mut self, percent: u64) -> bool {
        self.next_u64() % 100 < percent
    }

    /// A number in `[0, 1)`, with 53 random bits.
    pub fn unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }
}

#[cfg(test)]
mod tests {
    // No `use super::Rng`: benches (`harness = false`) build this module without its tests.

    #[test]
    fn the_stream_is_fixed_by_the_seed() {
        let a: Vec<u64> = (0..8)
            .scan(super::Rng::new(5), |r, _| Some(r.next_u64()))
            .collect();
        let b: Vec<u64> = (0..8)
            .scan(super::Rng::new(5), |r, _| Some(r.next_u64()))
            .collect();
        let c: Vec<u64> = (0..8)
            .scan(super::Rng::new(6), |r, _| Some(r.next_u64()))
            .collect();
        assert_eq!(a, b);
        assert_ne!(a, c);
    }

    #[test]
    fn numbers_stay_in_bounds_and_reach_both_ends() {
        let mut rng = super::Rng::new(0);
        let range: Vec<usize> = (0..1_000).map(|_| rng.range(3, 7)).collect();
        assert!(range.iter().all(|n| (3..=7).contains(n)));
        assert!(range.contains(&3) && range.contains(&7));
        let below: Vec<usize> = (0..1_000).map(|_| rng.below(4)).collect();
        assert!(below.iter().all(|&n| n < 4) && below.contains(&0) && below.contains(&3));
        let units: Vec<f64> = (0..1_000).map(|_| rng.unit()).collect();
        assert!(units.iter().all(|u| (0.0..1.0).contains(u)));
        let heads = (0..1_000).filter(|_| rng.chance(50)).count();
        assert!((350..650).contains(&heads), "{heads} heads in 1000");
    }
}
