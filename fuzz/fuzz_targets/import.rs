//! OPML and newsboat `urls` import: never panics; every feed it returns has a URL.
#![no_main]

use dateline::config::import::parse_feed_list;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let content = String::from_utf8_lossy(data);
    if let Ok((feeds, _warnings)) = parse_feed_list(&content) {
        for feed in &feeds {
            assert!(!feed.url.trim().is_empty());
        }
    }
});
