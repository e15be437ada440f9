//! Entity extraction: every mention lies inside the text, on char offsets, and says what the
//! text says there.
#![no_main]

use dateline::extract::resolve::extract_entities;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let chars: Vec<char> = text.chars().collect();
    for entity in extract_entities(text) {
        assert!(!entity.canonical.is_empty());
        for m in &entity.mentions {
            assert!(m.start < m.end && m.end <= chars.len(), "{m:?} in {} chars", chars.len());
            let surface: String = chars[m.start..m.end].iter().collect();
            assert_eq!(surface, m.text, "{m:?}");
        }
    }
});
