//! Reading the server's answers: JSON decoded into the wire types, items sanitised and
//! converted, a plain `OK` checked, and what a user sees of a bad answer cut and sanitised.
//! Pure functions over bytes, so the fuzz target (`fuzz/fuzz_targets/greader_json.rs`) and
//! the recorded-answer tests reach exactly what the client runs.

use serde::de::DeserializeOwned;

use super::SyncError;
use super::client::StreamPage;
use super::item::{Item, ItemId};
use super::wire::{
    self, ItemIds, QuickAddResult, StreamContents, Subscription, SubscriptionList, UnreadCounts,
};
use crate::sanitize::sanitize_line;

/// Reads a `stream/contents` (or `stream/items/contents`) answer: its items, sanitised and
/// converted, the unreadable ones counted, and the continuation. What the client does with
/// every page of items; public for the fuzz target (`fuzz/fuzz_targets/greader_json.rs`).
pub fn decode_stream_page(body: &[u8], what: &'static str) -> Result<StreamPage, SyncError> {
    let page: StreamContents = parse_json(body, what)?;
    Ok(convert_page(page))
}

/// Reads one `stream/items/ids` page: its ids (decimal or long form) and continuation. An id
/// that is neither is an error naming it (cut and sanitised).
pub fn decode_item_ids(body: &[u8]) -> Result<(Vec<ItemId>, Option<String>), SyncError> {
    const WHAT: &str = "the item id list";
    let page: ItemIds = parse_json(body, WHAT)?;
    let ids = page
        .item_refs
        .iter()
        .map(|reference| {
            ItemId::parse(&reference.id).ok_or_else(|| SyncError::Malformed {
                what: WHAT,
                detail: format!("{:?} is not an item id", excerpt(reference.id.as_bytes())),
            })
        })
        .collect::<Result<Vec<_>, _>>()?;
    Ok((ids, page.continuation))
}

/// Reads a `subscription/quickadd` answer: the new stream id (sanitised), or the server's
/// reason for refusing.
pub fn decode_quickadd(body: &[u8]) -> Result<String, SyncError> {
    const WHAT: &str = "the new subscription";
    let result: QuickAddResult = parse_json(body, WHAT)?;
    match (result.num_results, result.stream_id) {
        (Some(n), Some(stream)) if n > 0 && !stream.is_empty() => Ok(sanitize_line(&stream)),
        _ => Err(SyncError::Rejected {
            what: WHAT,
            reason: result
                .error
                .map(|e| cut(&sanitize_line(&e)))
                .unwrap_or_else(|| "no feed found at that address".to_owned()),
        }),
    }
}

/// Reads a `subscription/list` answer (not yet sanitised: the worker does it per field).
pub fn decode_subscriptions(body: &[u8]) -> Result<Vec<Subscription>, SyncError> {
    parse_json::<SubscriptionList>(body, "the subscription list").map(|l| l.subscriptions)
}

/// Reads an `unread-count` answer.
pub fn decode_unread_counts(body: &[u8]) -> Result<UnreadCounts, SyncError> {
    parse_json(body, "the unread count")
}

/// Parses a JSON body; an HTML page, a truncated or garbled body each get their own words.
pub(super) fn parse_json<T: DeserializeOwned>(
    body: &[u8],
    what: &'static str,
) -> Result<T, SyncError> {
    serde_json::from_slice(body).map_err(|e| {
        let detail = if body.iter().all(u8::is_ascii_whitespace) {
            "the answer is empty".to_owned()
        } else if looks_like_html(body) {
            "a web page instead of JSON (is [sync] url the API base?)".to_owned()
        } else if e.is_eof() {
            format!("the JSON ends early (truncated at byte {})", body.len())
        } else {
            // serde_json quotes the offending value, which is the server's text.
            format!("invalid JSON: {}", cut(&sanitize_line(&e.to_string())))
        };
        SyncError::Malformed { what, detail }
    })
}

/// Checks a write's answer: `OK` (any case, surrounded by whitespace).
pub(super) fn expect_ok(body: &[u8], what: &'static str) -> Result<(), SyncError> {
    let text = String::from_utf8_lossy(body);
    if text.trim().eq_ignore_ascii_case("ok") {
        Ok(())
    } else {
        Err(SyncError::Rejected {
            what,
            reason: format!("the server answered {:?} instead of OK", excerpt(body)),
        })
    }
}

/// Converts a page's raw items, skipping (and counting) the unreadable ones.
pub(super) fn convert_page(page: StreamContents) -> StreamPage {
    let total = page.items.len();
    let items: Vec<Item> = page
        .items
        .into_iter()
        .filter_map(|value| serde_json::from_value::<wire::RawItem>(value).ok())
        .filter_map(Item::from_raw)
        .collect();
    StreamPage {
        skipped: total - items.len(),
        items,
        continuation: page.continuation.map(|c| sanitize_line(&c)),
    }
}

pub(super) fn looks_like_html(body: &[u8]) -> bool {
    let start: Vec<u8> = body
        .iter()
        .skip_while(|b| b.is_ascii_whitespace())
        .take(15)
        .map(u8::to_ascii_lowercase)
        .collect();
    start.starts_with(b"<!doctype") || start.starts_with(b"<html") || start.starts_with(b"<head")
}

/// The start of a body, sanitised and cut, for an error message.
pub(super) fn excerpt(body: &[u8]) -> String {
    cut(&sanitize_line(&String::from_utf8_lossy(
        &body[..body.len().min(400)],
    )))
}

pub(super) fn cut(text: &str) -> String {
    const MAX: usize = 200;
    match text.char_indices().nth(MAX) {
        Some((end, _)) => format!("{}…", &text[..end]),
        None => text.to_owned(),
    }
}
