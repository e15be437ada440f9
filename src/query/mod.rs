//! The filter language shared by the list, saved views and the CLI: text to a syntax tree
//! ([`Query`]) whose `Display` writes an equivalent query back; the store turns the tree into
//! SQL (see `Store::query_articles`).
//!
//! ```text
//! vucic or "prime minister"   -is:read   feed:europe tag:world   author:smith
//! since:2d  before:2026-11-01  today     person:Vučić place:paris org:nato   sort:-date
//! ```
//!
//! This module parses only: no SQL, no I/O, no clock (relative times are resolved by the
//! store against a `now` the caller passes). It never panics on any input.

mod ast;
mod parse;

pub use ast::{Expr, Flag, Query, Sort, Term, TimeSpec, TimeUnit};
pub use parse::{MAX_DEPTH, ParseError, ParseOptions, parse, parse_with};

/// Names, feed titles and tags are compared folded; see [`crate::fold`].
pub use crate::fold::fold;

#[cfg(test)]
mod tests;
