//! Full-article extraction from page bytes: any bytes (any charset, any markup) give an
//! article or none without a panic, and its text and HTML carry no terminal controls and no
//! script, style or form.
#![no_main]

use dateline::extract::article::extract_page;
use dateline::sanitize::is_invisible_control;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let base = url::Url::parse("https://news.example/a/page.html").ok();
    if let Some(a) = extract_page(data, None, base.as_ref()) {
        assert!(!a.text.chars().any(is_invisible_control), "{:?}", a.text);
        assert!(!a.html.chars().any(is_invisible_control), "{:?}", a.html);
        for tag in ["<script", "<style", "<form", "<iframe"] {
            assert!(!a.html.contains(tag), "{tag} in {:?}", a.html);
        }
    }
});
