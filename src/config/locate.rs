//! Turns a byte offset in a TOML text into what a user can find: a 1-based line and a dotted
//! key such as `feeds[3].url`.
//!
//! serde's errors carry a byte span but not the key, so the key is recovered by walking a
//! span-preserving `toml_edit` parse of the same text and picking the smallest key, value or
//! table that contains the offset. When the text does not even parse (a syntax error), a
//! line-based guess is used instead. Array indices count from 1, as a user counts `[[feeds]]`
//! blocks.

use std::ops::Range;

use toml_edit::{Document, Item, Table, Value};

/// The 1-based line holding byte `pos` of `text`.
pub(crate) fn line_of(text: &str, pos: usize) -> usize {
    let end = floor_char_boundary(text, pos.min(text.len()));
    text[..end].bytes().filter(|&b| b == b'\n').count() + 1
}

/// The dotted key whose key, value or table header contains byte `pos`, or "" when none does.
pub(crate) fn key_at(text: &str, pos: usize) -> String {
    // toml_edit is only asked about documents that are valid TOML (the error is then one of
    // types or values): its own error paths can panic (toml_edit 0.23.10, "all items have
    // spans", on a repeated key; found by fuzzing the config), and for a syntax error the
    // lines name the key well enough.
    if text.parse::<toml::Table>().is_err() {
        return guess_from_lines(text, pos);
    }
    match Document::parse(text) {
        Ok(doc) => {
            let mut found = Vec::new();
            if let Some(root) = doc.as_item().as_table() {
                walk_table(root, "", &mut found);
            }
            found
                .into_iter()
                .filter(|(_, span)| contains(span, pos))
                .min_by_key(|(_, span)| span.end - span.start)
                .map(|(path, _)| path)
                .unwrap_or_default()
        }
        Err(_) => guess_from_lines(text, pos),
    }
}

fn floor_char_boundary(text: &str, mut pos: usize) -> usize {
    while pos > 0 && !text.is_char_boundary(pos) {
        pos -= 1;
    }
    pos
}

fn contains(span: &Range<usize>, pos: usize) -> bool {
    span.start <= pos && (pos < span.end || span.start == span.end)
}

fn join(prefix: &str, key: &str) -> String {
    let bare = !key.is_empty()
        && key
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-');
    let key = if bare {
        key.to_string()
    } else {
        format!("\"{}\"", key.replace('"', "\\\""))
    };
    if prefix.is_empty() {
        key
    } else {
        format!("{prefix}.{key}")
    }
}

type Found = Vec<(String, Range<usize>)>;

fn walk_table(table: &Table, path: &str, out: &mut Found) {
    if let Some(span) = table.span().filter(|_| !path.is_empty()) {
        out.push((path.to_string(), span));
    }
    for (name, item) in table.iter() {
        let child = join(path, name);
        if let Some(span) = table.key(name).and_then(|k| k.span()) {
            out.push((child.clone(), span));
        }
        walk_item(item, &child, out);
    }
}

fn walk_item(item: &Item, path: &str, out: &mut Found) {
    match item {
        Item::None => {}
        Item::Value(value) => walk_value(value, path, out),
        Item::Table(table) => walk_table(table, path, out),
        Item::ArrayOfTables(array) => {
            for (i, table) in array.iter().enumerate() {
                walk_table(table, &format!("{path}[{}]", i + 1), out);
            }
        }
    }
}

fn walk_value(value: &Value, path: &str, out: &mut Found) {
    if let Some(span) = value.span() {
        out.push((path.to_string(), span));
    }
    match value {
        Value::Array(array) => {
            for (i, element) in array.iter().enumerate() {
                walk_value(element, &format!("{path}[{}]", i + 1), out);
            }
        }
        Value::InlineTable(table) => {
            for (name, child) in table.iter() {
                let child_path = join(path, name);
                if let Some(span) = table.key(name).and_then(|k| k.span()) {
                    out.push((child_path.clone(), span));
                }
                walk_value(child, &child_path, out);
            }
        }
        _ => {}
    }
}

/// For text that does not parse: the `key` before `=` on the offending line, under the last
/// table header above it.
fn guess_from_lines(text: &str, pos: usize) -> String {
    let target = line_of(text, pos);
    let mut table = String::new();
    let mut counts: Vec<(String, usize)> = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let trimmed = line.trim();
        let header = trimmed
            .strip_prefix("[[")
            .and_then(|rest| rest.split("]]").next())
            .map(|name| (name.trim().to_string(), true))
            .or_else(|| {
                trimmed
                    .strip_prefix('[')
                    .and_then(|rest| rest.split(']').next())
                    .map(|name| (name.trim().to_string(), false))
            });
        if let Some((name, is_array)) = header {
            table = if is_array {
                let n = match counts.iter_mut().find(|(k, _)| *k == name) {
                    Some((_, n)) => {
                        *n += 1;
                        *n
                    }
                    None => {
                        counts.push((name.clone(), 1));
                        1
                    }
                };
                format!("{name}[{n}]")
            } else {
                name
            };
            if i + 1 == target {
                return table;
            }
            continue;
        }
        if i + 1 == target {
            let key = trimmed
                .split_once('=')
                .map(|(k, _)| k.trim().trim_matches('"').to_string())
                .unwrap_or_default();
            return match (table.is_empty(), key.is_empty()) {
                (_, true) => table,
                (true, false) => key,
                (false, false) => format!("{table}.{key}"),
            };
        }
    }
    table
}
