//! The sync client's reading of a Google Reader API server's JSON answers (item pages, id
//! pages, subscription lists, unread counts, quickadd): never panics, and nothing of the
//! server's text reaches the user with a control character, an escape or a bidi override,
//! whether in an item, a feed, a continuation or an error message.
//!
//! The first byte picks the answer; the rest is its body. Seeds: the answers recorded from
//! FreshRSS in `tests/fixtures/greader/` (see seed.sh).
#![no_main]

use dateline::sanitize::is_invisible_control;
use dateline::sync::client::{
    decode_item_ids, decode_quickadd, decode_stream_page, decode_subscriptions,
    decode_unread_counts,
};
use dateline::worker::sync::server_feeds;
use libfuzzer_sys::fuzz_target;

fn clean(text: &str) {
    assert!(
        !text.chars().any(is_invisible_control),
        "a control reached the user: {text:?}"
    );
}

fuzz_target!(|data: &[u8]| {
    let Some((&which, body)) = data.split_first() else {
        return;
    };
    let error = match which % 5 {
        0 => match decode_stream_page(body, "a page of items") {
            Ok(page) => {
                for item in &page.items {
                    let a = &item.article;
                    clean(&a.title);
                    clean(&a.text);
                    a.authors.iter().for_each(|x| clean(x));
                    a.categories.iter().for_each(|x| clean(x));
                    item.labels.iter().for_each(|x| clean(x));
                    if let Some(link) = &a.link {
                        clean(link);
                    }
                    if let Some(stream) = &item.stream {
                        clean(stream);
                    }
                }
                if let Some(c) = &page.continuation {
                    clean(c);
                }
                None
            }
            Err(e) => Some(e),
        },
        1 => decode_item_ids(body).err(),
        2 => match decode_subscriptions(body) {
            Ok(subs) => {
                for feed in server_feeds(&subs) {
                    clean(&feed.stream);
                    clean(&feed.url);
                    feed.title.iter().for_each(|x| clean(x));
                    feed.site_link.iter().for_each(|x| clean(x));
                    feed.labels.iter().for_each(|x| clean(x));
                }
                None
            }
            Err(e) => Some(e),
        },
        3 => decode_unread_counts(body).err(),
        _ => match decode_quickadd(body) {
            Ok(stream) => {
                clean(&stream);
                None
            }
            Err(e) => Some(e),
        },
    };
    if let Some(e) = error {
        clean(&e.to_string());
    }
});
