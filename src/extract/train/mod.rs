//! The entity model's tooling: training the tagger, learning word classes, scoring against
//! gold annotations, and the modern-news dev set.
//!
//! Why it exists apart: the reader loads and runs the shipped model, word classes and
//! gazetteers; only the tools in `src/bin` (`dateline-train`, `ner-clusters`, `ner-devset`,
//! `ner-eval`) and the tests make or score them. This module is compiled only with the
//! `tools` cargo feature, which those binaries require (`cargo build --release --features
//! tools --bins`) and the tests turn on, so the reader's binary does not carry it.
//!
//! What it must not do: be used by the reader's own modules; read or write files (the tools
//! do, and pass text and bytes in and out).

pub mod clusters;
pub mod devset;
pub mod eval;
pub mod trainer;
