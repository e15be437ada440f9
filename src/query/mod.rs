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

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

/// Folds a name for case- and accent-insensitive comparison: lower-case, diacritics
/// removed (`Vučić` → `vucic`), a few letters that do not decompose mapped to their plain
/// forms (`ł`, `đ`, `ø`, `ß`, ...), and runs of white space made one space, trimmed.
///
/// Entity names are stored and looked up in this form; feed titles and tags are compared in
/// it too.
pub fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut space = false;
    for c in text.nfd() {
        if is_combining_mark(c) {
            continue;
        }
        if c.is_whitespace() {
            space = !out.is_empty();
            continue;
        }
        if space {
            out.push(' ');
            space = false;
        }
        match c {
            'ł' | 'Ł' => out.push('l'),
            'đ' | 'Đ' | 'ð' | 'Ð' => out.push('d'),
            'ø' | 'Ø' => out.push('o'),
            'ß' | 'ẞ' => out.push_str("ss"),
            'æ' | 'Æ' => out.push_str("ae"),
            'œ' | 'Œ' => out.push_str("oe"),
            'þ' | 'Þ' => out.push_str("th"),
            'ı' => out.push('i'),
            c => out.extend(c.to_lowercase()),
        }
    }
    out
}

#[cfg(test)]
mod tests;
