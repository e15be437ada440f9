//! Pure text functions: HTML to text, and the entity extractor (tokenizer, hashed features,
//! perceptron tagger, consistency pass).
//!
//! Nothing here does I/O at call time. Training, evaluation, word-class learning and the dev
//! set live in [`train`], compiled only with the `tools` feature.

pub mod article;
pub mod clusters;
pub mod credits;
pub mod features;
pub mod gazetteer;
pub mod html;
pub mod ner;
pub mod resolve;
pub mod stories;
pub mod tagger;
pub mod tokenize;
#[cfg(feature = "tools")]
pub mod train;

pub use ner::{Entity, Label, extract};
