//! Pure text functions: HTML to text, and the entity extractor (tokenizer, hashed features,
//! perceptron tagger, consistency pass).
//!
//! Nothing here does I/O at call time.

pub mod article;
pub mod clusters;
pub mod devset;
pub mod eval;
pub mod features;
pub mod gazetteer;
pub mod html;
pub mod ner;
pub mod resolve;
pub mod tagger;
pub mod tokenize;

pub use ner::{Entity, Label, extract};
