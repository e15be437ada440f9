//! HTML -> text: any markup gives text without terminal controls, and tidying is stable.
#![no_main]

use dateline::extract::html::{html_to_text, tidy};
use dateline::sanitize::is_invisible_control;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let html = String::from_utf8_lossy(data);
    let text = html_to_text(&html);
    assert!(!text.chars().any(is_invisible_control), "{text:?}");
    let _ = tidy(&html);
});
