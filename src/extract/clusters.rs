//! Distributional word classes: words that occur in similar contexts share a class.
//!
//! Why it exists: the tagger has seen few company, outlet and party names, but unlabelled news
//! text shows that "Anthropic" keeps the company of "Google" and "Reuters" that of "AP". Word
//! classes learnt from such text (Ratinov and Roth 2009, Turian et al. 2010) let a feature
//! learnt for one name carry over to its neighbours in the class.
//!
//! The classes come from the exchange algorithm (Kneser and Ney 1993; Martin, Liermann and
//! Ney 1998), run offline by `src/bin/ner-clusters.rs` (the algorithm is
//! `extract::train::clusters`, behind the `tools` feature) once for each of [`GRANULARITIES`]
//! class counts. [`WordClasses`] reads the shipped result, `assets/model/clusters.fst`: an [`fst::Map`]
//! from a case-sensitive word to its class at each granularity, 16 bits each (the coarsest in
//! the low bits). Loading checks the fst header only; a lookup walks the fst, no allocation
//! unless the word has upper-case letters and the caller has no lower-case form at hand.
//!
//! What it must not do: no I/O at call time; the classes are evidence for the tagger, never a
//! label by themselves.

use std::sync::OnceLock;

/// Number of class granularities per word.
pub const GRANULARITIES: usize = 3;

const CLUSTERS_FST: &[u8] = include_bytes!("../../assets/model/clusters.fst");

/// Why the word classes could not be used.
#[derive(Debug, thiserror::Error)]
pub enum ClustersError {
    #[error("the word-class index is damaged: {0}")]
    Fst(#[from] fst::Error),
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

    /// Word classes over an fst written by `extract::train::clusters::to_fst`.
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

#[cfg(test)]
mod tests {
    use super::*;

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
