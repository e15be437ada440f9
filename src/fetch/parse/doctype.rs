//! Internal DOCTYPE entities (`<!ENTITY name "value">`) expanded before the XML reader
//! sees the document, within a cap on the expanded size and on the number of references, so
//! a hostile feed cannot multiply itself into gigabytes ("billion laughs" and its cousins).

use super::prep::{memfind, trim_ascii};

/// At most this many entity references are expanded in one document, nested ones included.
pub(super) const MAX_ENTITY_EXPANSIONS: usize = 100_000;
/// References inside entity values are expanded this many levels deep; deeper ones (and
/// an entity that refers to itself) are left as written.
const MAX_ENTITY_DEPTH: usize = 8;
/// The names XML predefines: a DOCTYPE that redeclares them must not change what they mean.
const PREDEFINED_ENTITIES: &[&[u8]] = &[b"amp", b"lt", b"gt", b"quot", b"apos"];

/// Why a document's internal entities were not expanded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum ExpansionRefused {
    /// The expanded document would be longer than this many bytes.
    TooLarge(usize),
    /// It uses its entities more than [`MAX_ENTITY_EXPANSIONS`] times.
    TooMany,
}

/// Internal DOCTYPE entities (`<!ENTITY name "value">`) expanded in the rest of the
/// document, which an XML reader without DTD support leaves as written. `Ok(None)` when the
/// document declares none.
///
/// Hostile documents use entities to multiply their size (one 50 KB entity used 50,000
/// times is a 300 KB document that expands to 2.5 GB), so the expansion is refused, whole,
/// as soon as it would exceed `max_bytes` of output or [`MAX_ENTITY_EXPANSIONS`]
/// references. It is one pass over the document: its cost is bounded by `max_bytes`
/// whatever the number of entities declared.
pub(super) fn expand_doctype_entities(
    doc: &[u8],
    max_bytes: usize,
) -> Result<Option<Vec<u8>>, ExpansionRefused> {
    let Some(dt) = memfind(doc, b"<!DOCTYPE") else {
        return Ok(None);
    };
    let Some((entities, body_start)) = doctype_entities(doc, dt) else {
        return Ok(None);
    };
    let mut out = Vec::with_capacity(doc.len().min(max_bytes));
    // The subset goes: the entities are now written out.
    out.extend_from_slice(&doc[..dt]);
    let mut expansion = Expansion {
        entities: &entities,
        out,
        max_bytes,
        count: 0,
    };
    expansion.expand(&doc[body_start..], 0)?;
    Ok(Some(expansion.out))
}

/// Internal entities by name: their replacement text, as written in the DOCTYPE.
type Entities<'a> = std::collections::HashMap<&'a [u8], &'a [u8]>;

/// The internal subset's general entities, name to replacement text, and where the
/// document goes on after the DOCTYPE; `None` when it declares none.
fn doctype_entities(doc: &[u8], dt: usize) -> Option<(Entities<'_>, usize)> {
    let subset_open = dt + memfind(&doc[dt..], b"[")?;
    let subset_close = subset_open + memfind(&doc[subset_open..], b"]")?;
    let subset = &doc[subset_open..subset_close];
    let mut entities = Entities::new();
    let mut rest = subset;
    while let Some(at) = memfind(rest, b"<!ENTITY") {
        rest = &rest[at + b"<!ENTITY".len()..];
        let decl_end = memfind(rest, b">")?;
        let decl = &rest[..decl_end];
        rest = &rest[decl_end..];
        let decl = trim_ascii(decl);
        if decl.starts_with(b"%") {
            continue;
        }
        let name_end = decl.iter().position(u8::is_ascii_whitespace)?;
        let name = &decl[..name_end];
        let value = trim_ascii(&decl[name_end..]);
        let quote = *value.first()?;
        if quote != b'"' && quote != b'\'' {
            continue;
        }
        let inner = &value[1..];
        let close = inner.iter().position(|&c| c == quote)?;
        if PREDEFINED_ENTITIES.contains(&name) {
            continue;
        }
        // The first declaration of a name is the binding one.
        entities.entry(name).or_insert(&inner[..close]);
    }
    if entities.is_empty() {
        return None;
    }
    let body_start = subset_close + memfind(&doc[subset_close..], b">")? + 1;
    Some((entities, body_start))
}

/// The state of one [`expand_doctype_entities`]: output so far and references expanded.
struct Expansion<'a> {
    entities: &'a Entities<'a>,
    out: Vec<u8>,
    max_bytes: usize,
    count: usize,
}

impl Expansion<'_> {
    /// Appends `text` with its references to declared entities replaced, `depth` levels
    /// inside other entities' values.
    fn expand(&mut self, text: &[u8], depth: usize) -> Result<(), ExpansionRefused> {
        let mut rest = text;
        while let Some(amp) = memchr::memchr(b'&', rest) {
            self.push(&rest[..amp])?;
            let after = &rest[amp + 1..];
            let name_len = after
                .iter()
                .position(|b| !(b.is_ascii_alphanumeric() || b"_-.:".contains(b) || *b >= 0x80))
                .unwrap_or(after.len());
            let value = (after.get(name_len) == Some(&b';'))
                .then(|| self.entities.get(&after[..name_len]).copied())
                .flatten();
            match value {
                Some(value) => {
                    self.count += 1;
                    if self.count > MAX_ENTITY_EXPANSIONS {
                        return Err(ExpansionRefused::TooMany);
                    }
                    if depth < MAX_ENTITY_DEPTH {
                        self.expand(value, depth + 1)?;
                    } else {
                        self.push(value)?;
                    }
                    rest = &after[name_len + 1..];
                }
                None => {
                    self.push(b"&")?;
                    rest = after;
                }
            }
        }
        self.push(rest)
    }

    fn push(&mut self, bytes: &[u8]) -> Result<(), ExpansionRefused> {
        if self.out.len() + bytes.len() > self.max_bytes {
            return Err(ExpansionRefused::TooLarge(self.max_bytes));
        }
        self.out.extend_from_slice(bytes);
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn doctype_entities_are_expanded() {
        let doc = b"<?xml version=\"1.0\"?><!DOCTYPE rss [<!ENTITY id \"tag:x,\">]><rss><a>&id;1 &amp;</a></rss>";
        let out = expand_doctype_entities(doc, 1 << 20).unwrap().unwrap();
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "<?xml version=\"1.0\"?><rss><a>tag:x,1 &amp;</a></rss>"
        );
        assert_eq!(expand_doctype_entities(b"<rss/>", 1 << 20), Ok(None));
    }

    #[test]
    fn entity_expansion_is_capped_by_size_and_count() {
        // Nested references are expanded; the result is exactly as long as it says.
        let doc = b"<!DOCTYPE r [<!ENTITY a \"xy\"><!ENTITY b \"&a;&a;\">]><r>&b;&b;</r>";
        let out = expand_doctype_entities(doc, 1 << 20).unwrap().unwrap();
        assert_eq!(out, b"<r>xyxyxyxy</r>");
        assert_eq!(
            expand_doctype_entities(doc, out.len()),
            Ok(Some(out.clone()))
        );
        assert_eq!(
            expand_doctype_entities(doc, out.len() - 1),
            Err(ExpansionRefused::TooLarge(out.len() - 1))
        );
        // Billion laughs: refused long before it gets big.
        let mut laughs = String::from("<!DOCTYPE r [<!ENTITY l0 \"lol\">");
        for i in 1..10 {
            let prev = format!("&l{}; ", i - 1).repeat(10);
            laughs.push_str(&format!("<!ENTITY l{i} \"{prev}\">"));
        }
        laughs.push_str("]><r>&l9;</r>");
        assert!(expand_doctype_entities(laughs.as_bytes(), 10 << 20).is_err());
        // Many cheap references: refused by count, whatever the size allows.
        let many = format!(
            "<!DOCTYPE r [<!ENTITY e \"\">]><r>{}</r>",
            "&e;".repeat(MAX_ENTITY_EXPANSIONS + 1)
        );
        assert_eq!(
            expand_doctype_entities(many.as_bytes(), usize::MAX),
            Err(ExpansionRefused::TooMany)
        );
        // A self-referencing entity stops at the depth limit; predefined names are kept.
        let doc = b"<!DOCTYPE r [<!ENTITY s \"&s;\"><!ENTITY amp \"&#38;#38;\">]><r>&s;&amp;</r>";
        let out = expand_doctype_entities(doc, 1 << 20).unwrap().unwrap();
        assert_eq!(out, b"<r>&s;&amp;</r>");
    }
}
