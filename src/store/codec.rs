//! Compressed bodies: the SQL functions through which the store writes and reads the large
//! text columns (an article's HTML and text, a fetched page's HTML and text).
//!
//! Why: those columns were two thirds of a cache (an article's HTML and its text, ~8 KB,
//! stored plain). A value is now stored as a zstd frame when that saves space, and as plain
//! text otherwise (short values, old rows not yet converted), so a reader takes either.
//! The text is compressed with the HTML it was derived from as zstd's prefix (a one-use
//! dictionary): its words are in the HTML already, so it costs little beyond the HTML, and
//! each body is in effect stored once, while both columns keep their meaning (the text is
//! still exactly what search and the entity offsets saw; nothing is derived again on read).
//!
//! The functions are registered on every connection the store opens, before any statement
//! runs, as `dl_pack(value [, reference])` and `dl_unpack(stored [, reference])`, where
//! `reference` is the (plain or packed) value the text was derived from, or NULL. Both are
//! deterministic; NULL stays NULL. A stored value is:
//! - TEXT: the value itself;
//! - BLOB: one tag byte, then a zstd frame of the UTF-8 value: [`PLAIN`] on its own,
//!   [`WITH_REFERENCE`] with the unpacked reference as prefix.
//!
//! The `sqlite3` shell does not have these functions: a cache read there shows the packed
//! columns as blobs.

use std::cell::RefCell;

use rusqlite::functions::{Context, FunctionFlags};
use rusqlite::types::{Value, ValueRef};
use rusqlite::{Connection, Error};

use crate::model::NewArticle;

/// Tag of a zstd frame compressed on its own.
const PLAIN: u8 = 1;
/// Tag of a zstd frame compressed with the reference value as its prefix.
const WITH_REFERENCE: u8 = 2;
/// Values shorter than this stay plain text: a frame's header and the tag would eat the gain.
const MIN_PACKED: usize = 96;
/// zstd's level. 1 rather than zstd's default 3: in a cold refresh of 25,000 articles
/// (the refresh bench's feeds) the cache was 124.7 MB against 124.3 MB at level 3, and the
/// refresh took 0.4-0.9 s less CPU (user + sys, three alternating pairs); packing runs
/// partly on the cache thread, the refresh's critical path. Higher levels cost several
/// times as much for a few percent.
const LEVEL: i32 = 1;
/// The largest value a frame may claim to hold (the cache never writes one this large: feed
/// and page sizes are capped far below); a larger claim is a damaged value, not a reason to
/// allocate.
const MAX_UNPACKED: u64 = 256 << 20;

thread_local! {
    static COMPRESSOR: RefCell<Option<zstd::bulk::Compressor<'static>>> = const { RefCell::new(None) };
    /// One decompression context per thread: creating one for each value (it allocates and
    /// clears about 100 KB) cost more than many of the values' decompression.
    static DECOMPRESSOR: RefCell<Option<zstd::zstd_safe::DCtx<'static>>> = const { RefCell::new(None) };
}

/// Registers `dl_pack` and `dl_unpack` (one and two arguments) on `conn`.
pub(crate) fn register(conn: &Connection) -> rusqlite::Result<()> {
    let flags = FunctionFlags::SQLITE_UTF8
        | FunctionFlags::SQLITE_DETERMINISTIC
        | FunctionFlags::SQLITE_INNOCUOUS;
    for args in [1, 2] {
        conn.create_scalar_function("dl_pack", args, flags, pack_fn)?;
        conn.create_scalar_function("dl_unpack", args, flags, unpack_fn)?;
    }
    conn.create_scalar_function("dl_words", 2, flags, words_fn)?;
    Ok(())
}

/// `dl_words(stored, reference)`: the words of a (packed or plain) text counted as SQL's
/// `length(trim(t)) - length(replace(replace(trim(t), ' ', ''), char(10), '')) + 1` counts
/// them (spaces and line breaks inside the text, plus one), unpacking it once where that
/// expression would unpack it three times.
fn words_fn(ctx: &Context<'_>) -> rusqlite::Result<Value> {
    let text = match unpack_fn(ctx)? {
        Value::Text(text) => text,
        Value::Null => return Ok(Value::Null),
        _ => String::new(),
    };
    Ok(Value::Integer(words(&text)))
}

/// See [`words_fn`].
pub(crate) fn words(text: &str) -> i64 {
    let inner = text.trim_matches(' ');
    let separators = inner.bytes().filter(|b| *b == b' ' || *b == b'\n').count();
    i64::try_from(separators).unwrap_or(i64::MAX - 1) + 1
}

fn pack_fn(ctx: &Context<'_>) -> rusqlite::Result<Value> {
    let value = match ctx.get_raw(0) {
        ValueRef::Null => return Ok(Value::Null),
        ValueRef::Text(bytes) => bytes,
        // Already packed (or not ours): stored as it is.
        ValueRef::Blob(bytes) => return Ok(Value::Blob(bytes.to_vec())),
        other => return Ok(Value::from(other)),
    };
    let reference = reference(ctx)?;
    let text = std::str::from_utf8(value).map_err(|e| Error::UserFunctionError(Box::new(e)))?;
    Ok(
        match pack(text, reference.as_deref()).map_err(user_error)? {
            Some(blob) => Value::Blob(blob),
            None => Value::Text(text.to_owned()),
        },
    )
}

fn unpack_fn(ctx: &Context<'_>) -> rusqlite::Result<Value> {
    match ctx.get_raw(0) {
        ValueRef::Blob(blob) => {
            let reference = if blob.first() == Some(&WITH_REFERENCE) {
                reference(ctx)?
            } else {
                None
            };
            Ok(Value::Text(
                unpack(blob, reference.as_deref()).map_err(user_error)?,
            ))
        }
        other => Ok(Value::from(other)),
    }
}

/// The second argument, unpacked: the text a value was derived from (empty when absent).
fn reference(ctx: &Context<'_>) -> rusqlite::Result<Option<String>> {
    if ctx.len() < 2 {
        return Ok(None);
    }
    match ctx.get_raw(1) {
        ValueRef::Null => Ok(None),
        ValueRef::Text(bytes) => Ok(Some(String::from_utf8_lossy(bytes).into_owned())),
        ValueRef::Blob(blob) => Ok(Some(unpack(blob, None).map_err(user_error)?)),
        _ => Ok(None),
    }
}

fn user_error(e: std::io::Error) -> Error {
    Error::UserFunctionError(Box::new(e))
}

/// An article's three bodies as the store writes them (packed where that saves space, the
/// text against the HTML), and the text's word count: what `dl_pack` and `dl_words` would
/// make of them in SQL, made beforehand so that it can run on several threads.
#[derive(Debug, Clone)]
pub(crate) struct Bodies {
    pub summary: Value,
    pub content: Value,
    pub text: Value,
    pub words: i64,
}

/// Below this many articles to pack, one thread packs them (a thread costs more).
const PARALLEL_FROM: usize = 16;

/// The stored bodies of each of `articles`, in order, packed on up to one thread per core.
pub(crate) fn pack_bodies(articles: &[&NewArticle]) -> std::io::Result<Vec<Bodies>> {
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get().min(4));
    if threads < 2 || articles.len() < PARALLEL_FROM {
        return articles.iter().map(|a| bodies(a)).collect();
    }
    let chunk = articles.len().div_ceil(threads);
    std::thread::scope(|scope| {
        let mut parts = articles.chunks(chunk);
        let first = parts.next().unwrap_or(&[]);
        let others: Vec<_> = parts
            .map(|part| scope.spawn(move || part.iter().map(|a| bodies(a)).collect::<Vec<_>>()))
            .collect();
        let mut out: Vec<Bodies> = first.iter().map(|a| bodies(a)).collect::<Result<_, _>>()?;
        for handle in others {
            let part = handle
                .join()
                .map_err(|_| std::io::Error::other("a packing thread panicked"))?;
            for bodies in part {
                out.push(bodies?);
            }
        }
        Ok(out)
    })
}

pub(crate) fn bodies(article: &NewArticle) -> std::io::Result<Bodies> {
    let packed = |value: Option<&str>, reference: Option<&str>| -> std::io::Result<Value> {
        Ok(match value {
            None => Value::Null,
            Some(text) => match pack(text, reference)? {
                Some(blob) => Value::Blob(blob),
                None => Value::Text(text.to_owned()),
            },
        })
    };
    let content = article.content_html.as_deref();
    Ok(Bodies {
        summary: packed(article.summary_html.as_deref(), None)?,
        content: packed(content, None)?,
        text: packed(Some(&article.text), content)?,
        words: words(&article.text),
    })
}

/// Packs `text` (compressed against `reference` when there is one), or `None` when it is
/// better stored as it is: short, or not made smaller.
pub(crate) fn pack(text: &str, reference: Option<&str>) -> std::io::Result<Option<Vec<u8>>> {
    if text.len() < MIN_PACKED {
        return Ok(None);
    }
    let reference = reference.filter(|r| !r.is_empty());
    let frame = COMPRESSOR.with(|cell| -> std::io::Result<Vec<u8>> {
        let mut slot = cell.borrow_mut();
        let compressor = match slot.as_mut() {
            Some(c) => c,
            None => slot.insert(zstd::bulk::Compressor::new(LEVEL)?),
        };
        match reference {
            Some(prefix) => compressor.compress_with_prefix(text.as_bytes(), prefix.as_bytes()),
            None => compressor.compress(text.as_bytes()),
        }
    })?;
    if frame.len() + 1 >= text.len() {
        return Ok(None);
    }
    let mut blob = Vec::with_capacity(frame.len() + 1);
    blob.push(if reference.is_some() {
        WITH_REFERENCE
    } else {
        PLAIN
    });
    blob.extend_from_slice(&frame);
    Ok(Some(blob))
}

/// The text of a packed value; `reference` must be the one it was packed with.
pub(crate) fn unpack(blob: &[u8], reference: Option<&str>) -> std::io::Result<String> {
    let invalid =
        |what: &str| std::io::Error::new(std::io::ErrorKind::InvalidData, what.to_owned());
    let (tag, frame) = blob
        .split_first()
        .ok_or_else(|| invalid("an empty packed value"))?;
    let size = zstd::zstd_safe::get_frame_content_size(frame)
        .ok()
        .flatten()
        .filter(|&n| n <= MAX_UNPACKED)
        .ok_or_else(|| invalid("a packed value without a valid size"))?;
    let prefix = match (*tag, reference) {
        (PLAIN, _) => None,
        (WITH_REFERENCE, Some(prefix)) => Some(prefix),
        (WITH_REFERENCE, None) => return Err(invalid("a packed text without its reference")),
        _ => return Err(invalid("a packed value of an unknown kind")),
    };
    let mut out: Vec<u8> = Vec::with_capacity(size as usize);
    let failed = |code| invalid(zstd::zstd_safe::get_error_name(code));
    match prefix {
        // zstd takes a dictionary under 8 bytes for none at all: such a prefix goes through
        // a context of its own, referenced for this one frame.
        Some(prefix) if prefix.len() < 8 => {
            let mut dctx = zstd::zstd_safe::DCtx::create();
            dctx.ref_prefix(prefix.as_bytes())
                .map_err(|_| invalid("a reference zstd refused"))?;
            dctx.decompress(&mut out, frame).map_err(failed)?;
        }
        _ => DECOMPRESSOR.with(|cell| -> std::io::Result<()> {
            let mut slot = cell.borrow_mut();
            let dctx = slot.get_or_insert_with(zstd::zstd_safe::DCtx::create);
            // A reused context starts clean (an error part-way leaves state behind).
            dctx.reset(zstd::zstd_safe::ResetDirective::SessionAndParameters)
                .map_err(|_| invalid("zstd could not reset its context"))?;
            match prefix {
                // A prefix is a raw-content dictionary to zstd: UTF-8 text cannot begin with
                // the magic number of a structured one (its second byte is 0xA4, which cannot
                // follow an ASCII byte).
                Some(prefix) => dctx
                    .decompress_using_dict(&mut out, frame, prefix.as_bytes())
                    .map_err(failed)?,
                None => dctx.decompress(&mut out, frame).map_err(failed)?,
            };
            Ok(())
        })?,
    }
    String::from_utf8(out).map_err(|_| invalid("a packed value that is not UTF-8"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn body(words: usize) -> String {
        (0..words)
            .map(|i| ["the", "minister", "said", "Paris", "on", "Tuesday"][i % 6])
            .collect::<Vec<_>>()
            .join(" ")
    }

    #[test]
    fn short_values_stay_text_and_long_ones_round_trip() {
        assert_eq!(pack("short", None).unwrap(), None);
        let text = body(400);
        let blob = pack(&text, None)
            .unwrap()
            .expect("a long repetitive text packs");
        assert!(blob.len() < text.len() / 4, "{} bytes", blob.len());
        assert_eq!(unpack(&blob, None).unwrap(), text);
    }

    #[test]
    fn a_text_packed_against_its_html_needs_the_html_back() {
        let text = format!("Ünïcödé {}", body(300));
        let html = format!("<p>{}</p>", text.replace(" Paris ", " <b>Paris</b> "));
        let with = pack(&text, Some(&html)).unwrap().unwrap();
        let alone = pack(&text, None).unwrap().unwrap();
        assert!(
            with.len() <= alone.len(),
            "{} > {}",
            with.len(),
            alone.len()
        );
        assert_eq!(unpack(&with, Some(&html)).unwrap(), text);
        assert!(unpack(&with, None).is_err());
        assert!(unpack(&[9, 1, 2, 3], None).is_err());
        assert!(unpack(&[], None).is_err());
    }

    #[test]
    fn one_thread_unpacks_plain_prefixed_and_short_prefixed_values_in_turn() {
        let text = body(200);
        let html = format!("<div>{text}</div>");
        let values = [
            (
                pack(&text, Some(&html)).unwrap().unwrap(),
                Some(html.as_str()),
            ),
            (pack(&text, None).unwrap().unwrap(), None),
            // A reference under 8 bytes, which zstd would not take as a dictionary.
            (pack(&text, Some("<p>x")).unwrap().unwrap(), Some("<p>x")),
        ];
        for _ in 0..3 {
            for (blob, reference) in &values {
                assert_eq!(unpack(blob, *reference).unwrap(), text);
            }
            // A failure part-way leaves the thread's context usable.
            assert!(unpack(&values[0].0[..20], Some(&html)).is_err());
        }
    }

    #[test]
    fn the_sql_functions_keep_null_text_and_round_trip() {
        let conn = Connection::open_in_memory().unwrap();
        register(&conn).unwrap();
        let html = format!("<p>{}</p>", body(200));
        let text = body(200);
        let (kind, back, null): (String, String, Option<String>) = conn
            .query_row(
                "SELECT typeof(dl_pack(?1, ?2)), dl_unpack(dl_pack(?1, ?2), dl_pack(?2)),
                    dl_unpack(dl_pack(NULL))",
                [&text, &html],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
            )
            .unwrap();
        assert_eq!(
            (kind.as_str(), back.as_str(), null),
            ("blob", text.as_str(), None)
        );
        let short: String = conn
            .query_row("SELECT dl_unpack(dl_pack('hi', 'x'), 'x')", [], |r| {
                r.get(0)
            })
            .unwrap();
        assert_eq!(short, "hi");
    }

    #[test]
    fn dl_words_counts_as_the_sql_expression_did() {
        let conn = Connection::open_in_memory().unwrap();
        register(&conn).unwrap();
        let long = format!("  {}\nend  ", body(150));
        for text in [
            "",
            " ",
            "one",
            " two  words ",
            "a\nb c",
            "tab\tsep",
            long.as_str(),
        ] {
            let (sql, ours): (i64, i64) = conn
                .query_row(
                    "SELECT length(trim(?1))
                        - length(replace(replace(trim(?1), ' ', ''), char(10), '')) + 1,
                        dl_words(dl_pack(?1, '<p>x</p>'), '<p>x</p>')",
                    [text],
                    |r| Ok((r.get(0)?, r.get(1)?)),
                )
                .unwrap();
            assert_eq!(sql, ours, "{text:?}");
        }
    }
}
