//! Mends applied to a whole feed document when feed-rs cannot read it as it is: a false
//! UTF-16 declaration, invalid UTF-8, JSON Feed tags given as a string, a document cut off
//! mid-item, and the legacy dialects (RSS without a version or 0.93/0.94, Atom 0.3, RSS 0.90)
//! rewritten into what feed-rs knows. Each returns `None` when it does not apply, and the
//! caller keeps the original when the mended copy does not parse either.

/// Namespaces of legacy dialects, mapped to the ones feed-rs reads with the same meaning.
const LEGACY_NAMESPACES: &[(&str, &str)] = &[
    ("http://purl.org/atom/ns#", "http://www.w3.org/2005/Atom"),
    // Names the Atom format went by in its drafts (Pie, Echo, Necho) before Atom 0.3.
    ("http://purl.org/pie/", "http://www.w3.org/2005/Atom"),
    ("http://purl.org/echo/", "http://www.w3.org/2005/Atom"),
    ("http://example.com/necho", "http://www.w3.org/2005/Atom"),
    (
        "http://example.com/newformat#",
        "http://www.w3.org/2005/Atom",
    ),
    (
        "http://my.netscape.com/rdf/simple/0.9/",
        "http://purl.org/rss/1.0/",
    ),
    ("http://backend.userland.com/rss2", ""),
    ("http://backend.userland.com/rss", ""),
    ("http://blogs.law.harvard.edu/tech/rss", ""),
];

/// A document whose XML declaration says UTF-16 while its bytes are ASCII-compatible (no
/// byte-order mark, `<?xml` as single bytes): the declaration is wrong, and an XML reader
/// that believes it finds no root element. The declaration is rewritten to say UTF-8, which
/// is what feedparser falls back to for the same document.
pub(super) fn false_utf16_declaration(body: &[u8]) -> std::borrow::Cow<'_, [u8]> {
    if !body.starts_with(b"<?xml") {
        return body.into();
    }
    let Some(decl_end) = find(body, b"?>") else {
        return body.into();
    };
    let decl = body[..decl_end].to_ascii_lowercase();
    let Some(at) = find(&decl, b"encoding=") else {
        return body.into();
    };
    let value_start = at + b"encoding=".len() + 1;
    let Some(quote) = decl.get(value_start - 1).copied() else {
        return body.into();
    };
    let Some(len) = decl[value_start..].iter().position(|&b| b == quote) else {
        return body.into();
    };
    let value = &decl[value_start..value_start + len];
    if !value.starts_with(b"utf-16") && !value.starts_with(b"utf16") && value != b"ucs-2" {
        return body.into();
    }
    let mut out = Vec::with_capacity(body.len());
    out.extend_from_slice(&body[..value_start]);
    out.extend_from_slice(b"utf-8");
    out.extend_from_slice(&body[value_start + len..]);
    out.into()
}

/// A document cut off part-way (a dropped connection, a server that gave up), closed after
/// its last complete item: everything after the last `</item>` or `</entry>` is dropped and
/// the elements still open there are closed, so the complete items are kept and the
/// half-written one is not. `None` when there is no complete item or the kept part is not
/// well-formed.
pub(super) fn truncated_document(body: &[u8]) -> Option<Vec<u8>> {
    use quick_xml::events::Event;
    let end = [b"</item>".as_slice(), b"</entry>".as_slice()]
        .iter()
        .filter_map(|tag| memchr::memmem::rfind(body, tag).map(|at| at + tag.len()))
        .max()?;
    let kept = &body[..end];
    let mut reader = quick_xml::Reader::from_reader(kept);
    let mut open: Vec<Vec<u8>> = Vec::new();
    let mut buf = Vec::new();
    loop {
        match reader.read_event_into(&mut buf).ok()? {
            Event::Start(e) => open.push(e.name().as_ref().to_vec()),
            Event::End(e) if open.pop().as_deref() != Some(e.name().as_ref()) => return None,
            Event::Eof => break,
            _ => {}
        }
        buf.clear();
    }
    if open.is_empty() {
        // Nothing was cut off: the document is broken some other way.
        return None;
    }
    let mut out = kept.to_vec();
    for name in open.iter().rev() {
        out.extend_from_slice(b"</");
        out.extend_from_slice(name);
        out.push(b'>');
    }
    Some(out)
}

/// A JSON Feed whose items give `tags` as one comma-separated string (seen in the wild)
/// rewritten with a list, which is what the spec asks for and feed-rs insists on. `None`
/// when the document is not JSON or has no such item.
pub(super) fn json_tags_as_lists(body: &[u8]) -> Option<Vec<u8>> {
    let start = body.iter().position(|b| !b.is_ascii_whitespace())?;
    if body[start] != b'{' {
        return None;
    }
    let mut doc: serde_json::Value = serde_json::from_slice(body).ok()?;
    let items = doc.get_mut("items")?.as_array_mut()?;
    let mut changed = false;
    for item in items {
        let Some(tags) = item.get_mut("tags") else {
            continue;
        };
        if let Some(text) = tags.as_str() {
            let list: Vec<serde_json::Value> = text
                .split(',')
                .map(str::trim)
                .filter(|t| !t.is_empty())
                .map(|t| serde_json::Value::String(t.to_string()))
                .collect();
            *tags = serde_json::Value::Array(list);
            changed = true;
        }
    }
    if !changed {
        return None;
    }
    serde_json::to_vec(&doc).ok()
}

/// A document that will be decoded as UTF-8 (it declares no other encoding and has no
/// UTF-16 byte-order mark) with its invalid sequences replaced by U+FFFD: feed-rs would
/// otherwise fail the whole feed, or silently drop the element holding the bad byte.
pub(super) fn repair_utf8(body: &[u8]) -> std::borrow::Cow<'_, [u8]> {
    if std::str::from_utf8(body).is_ok()
        || body.starts_with(b"\xFF\xFE")
        || body.starts_with(b"\xFE\xFF")
    {
        return body.into();
    }
    if body.starts_with(b"<?xml") {
        let decl_end = find(body, b"?>").unwrap_or(0);
        let decl = body[..decl_end].to_ascii_lowercase();
        if let Some(at) = find(&decl, b"encoding=") {
            let value = &decl[at + b"encoding=".len()..];
            let utf8 = value.get(1..6) == Some(b"utf-8") || value.get(1..5) == Some(b"utf8");
            if !utf8 {
                return body.into();
            }
        }
    }
    String::from_utf8_lossy(body)
        .into_owned()
        .into_bytes()
        .into()
}

/// `body` rewritten so that feed-rs can read it, or `None` when there is nothing to rewrite:
/// legacy namespace declarations become their modern equivalents and a root `<rss>` whose
/// version feed-rs does not dispatch on is declared 2.0 (the dialects are close enough that
/// the 2.0 reader takes their elements).
pub(super) fn legacy_rewrite(body: &[u8]) -> Option<Vec<u8>> {
    let mut out = body.to_vec();
    for (old, new) in LEGACY_NAMESPACES {
        for quote in ['"', '\''] {
            let from = format!("={quote}{old}{quote}");
            let to = format!("={quote}{new}{quote}");
            out = replace_all(&out, from.as_bytes(), to.as_bytes());
        }
    }
    // Atom 0.3 types its text constructs with media types; Atom 1.0's reader wants the
    // keywords. Only in documents that were Atom 0.3.
    if find(body, b"http://purl.org/atom/ns#").is_some() {
        for (from, to) in [("text/plain", "text"), ("application/xhtml+xml", "xhtml")] {
            for quote in ['"', '\''] {
                let from = format!("type={quote}{from}{quote}");
                let to = format!("type={quote}{to}{quote}");
                out = replace_all(&out, from.as_bytes(), to.as_bytes());
            }
        }
    }
    if let Some(fixed) = declare_rss_2(&out) {
        out = fixed;
    }
    // JSON Feed 1.0 documents that spell their version URL with http: feed-rs wants https.
    if out.iter().find(|b| !b.is_ascii_whitespace()) == Some(&b'{') {
        out = replace_all(
            &out,
            b"\"http://jsonfeed.org/version/",
            b"\"https://jsonfeed.org/version/",
        );
    }
    (out != body).then_some(out)
}

/// Every occurrence of `from` in `haystack` replaced by `to`.
fn replace_all(haystack: &[u8], from: &[u8], to: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(haystack.len());
    let mut rest = haystack;
    while let Some(at) = find(rest, from) {
        out.extend_from_slice(&rest[..at]);
        out.extend_from_slice(to);
        rest = &rest[at + from.len()..];
    }
    out.extend_from_slice(rest);
    out
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    if needle.is_empty() || haystack.len() < needle.len() {
        return None;
    }
    memchr::memmem::find(haystack, needle)
}

/// When the root element is `<rss>` with no version or one feed-rs does not dispatch on
/// (0.93, 0.94, 2.0.1 ...), the document with `version="2.0"` on that element.
pub(super) fn declare_rss_2(doc: &[u8]) -> Option<Vec<u8>> {
    let start = root_start(doc)?;
    let tag = &doc[start..];
    if !(tag.starts_with(b"<rss")
        && tag
            .get(4)
            .is_some_and(|c| c.is_ascii_whitespace() || *c == b'>'))
    {
        return None;
    }
    let end = start + find(tag, b">")?;
    let head = &doc[start..end];
    let mut out = Vec::with_capacity(doc.len() + 16);
    match find(head, b"version=") {
        Some(v) => {
            let value_start = start + v + b"version=".len();
            // `version=` may end the tag (`<rss version=>`): then there is no value, and
            // the slice after it would start past the tag's end.
            let quote = *doc.get(value_start).filter(|q| matches!(q, b'"' | b'\''))?;
            let value_len = find(doc.get(value_start + 1..end)?, &[quote])?;
            let value = &doc[value_start + 1..value_start + 1 + value_len];
            if matches!(value, b"2.0" | b"0.91" | b"0.92") {
                return None;
            }
            out.extend_from_slice(&doc[..value_start + 1]);
            out.extend_from_slice(b"2.0");
            out.extend_from_slice(&doc[value_start + 1 + value_len..]);
        }
        None => {
            out.extend_from_slice(&doc[..start + 4]);
            out.extend_from_slice(b" version=\"2.0\"");
            out.extend_from_slice(&doc[start + 4..]);
        }
    }
    Some(out)
}

/// Offset of the root element's `<`, past a BOM, the XML declaration, processing
/// instructions, comments and a doctype (a bracketed internal subset included).
pub(super) fn root_start(doc: &[u8]) -> Option<usize> {
    let mut i = if doc.starts_with(b"\xEF\xBB\xBF") {
        3
    } else {
        0
    };
    loop {
        while doc.get(i).is_some_and(u8::is_ascii_whitespace) {
            i += 1;
        }
        let rest = doc.get(i..)?;
        if rest.starts_with(b"<?") {
            i += find(rest, b"?>")? + 2;
        } else if rest.starts_with(b"<!--") {
            i += find(rest, b"-->")? + 3;
        } else if rest.starts_with(b"<!") {
            let close = match (find(rest, b"["), find(rest, b">")) {
                (Some(open), Some(gt)) if open < gt => open + find(&rest[open..], b"]")? + 1,
                _ => 0,
            };
            i += close + find(&rest[close..], b">")? + 1;
        } else if rest.starts_with(b"<") {
            return Some(i);
        } else {
            return None;
        }
    }
}
