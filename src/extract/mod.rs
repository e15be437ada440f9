//! Pure text functions: HTML to text now; the entity extractor joins later.
//!
//! Nothing here does I/O at call time.

pub mod html;
pub mod tokenize;
pub mod features;
pub mod ner;
pub mod tagger;

pub use ner::{Entity, Label, extract};
