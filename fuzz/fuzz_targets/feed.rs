//! Feed bytes -> articles: charset repair, entity expansion, parsing, legacy rewrites,
//! normalisation and sanitising, checked for what every stored article must satisfy.
#![no_main]

use chrono::{TimeZone, Utc};
use dateline::fetch::parse::{MAX_BODY_BYTES, MAX_TITLE_CHARS, parse_feed};
use dateline::sanitize::is_invisible_control;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let now = Utc.with_ymd_and_hms(2026, 1, 1, 0, 0, 0).unwrap();
    let Ok(feed) = parse_feed(data, "https://example.org/feed/", now) else {
        return;
    };
    let clean = |s: &str| !s.chars().any(is_invisible_control);
    assert!(feed.title.as_deref().is_none_or(clean));
    for a in &feed.articles {
        assert!(clean(&a.title) && !a.title.contains('\n'), "{:?}", a.title);
        // A derived title may carry a closing ellipsis past the cap.
        assert!(a.title.chars().count() <= MAX_TITLE_CHARS + 1);
        assert!(clean(&a.text), "{:?}", a.text);
        assert!(!a.guid.is_empty());
        for body in [&a.summary_html, &a.content_html].into_iter().flatten() {
            assert!(body.len() <= MAX_BODY_BYTES);
        }
        for link in a.link.iter().chain(feed.site_link.iter()) {
            assert!(link.starts_with("http://") || link.starts_with("https://"), "{link}");
        }
    }
});
