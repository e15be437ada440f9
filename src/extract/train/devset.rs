//! The modern-news dev set: hand annotations over titles, summaries and content bodies of real
//! feeds, kept apart from the feeds' text.
//!
//! Why it exists: the feeds' text belongs to their publishers and must not be committed, but
//! the annotations (which item, which field, char offsets, labels and the names themselves)
//! are facts we wrote. This module turns a parsed feed into annotatable items (the title, and
//! the summary rendered by [`html_to_text`], exactly what dateline extracts from) and joins
//! committed annotations back to those items, checking each text's SHA-256 so that a changed
//! feed file or a changed parser is noticed instead of scoring shifted offsets.
//!
//! What it must not do: read files (callers pass the parsed feed and the annotation text), or
//! accept an annotation whose text hash or span text does not match.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::extract::html::html_to_text;
use crate::model::ParsedFeed;

/// Why annotations could not be joined to their feeds.
#[derive(Debug, thiserror::Error)]
pub enum DevsetError {
    #[error("annotation line {line}: {source}")]
    Json {
        line: usize,
        #[source]
        source: serde_json::Error,
    },
    /// The item (`file guid field`) is not in the parsed feed.
    #[error("{0}: no such item in the parsed feed")]
    Missing(String),
    /// The item's text hash differs: the feed file or the parser changed.
    #[error("{0}: text hash differs (feed file or parser changed)")]
    Hash(String),
    /// A span does not read the annotated text (item, then what it reads and what was
    /// annotated).
    #[error("{0}: span reads {1}")]
    Span(String, String),
}

/// Which text of a feed item.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Field {
    /// The item's title as the parser gives it.
    Title,
    /// The item's summary (description) after [`html_to_text`].
    Summary,
    /// The item's content body (`content:encoded`, Atom `content`) after [`html_to_text`].
    Content,
}

impl Field {
    /// The name used in annotation files.
    pub fn as_str(self) -> &'static str {
        match self {
            Field::Title => "title",
            Field::Summary => "summary",
            Field::Content => "content",
        }
    }
}

/// One annotatable text of a feed item.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Item {
    /// The corpus file, relative to the corpora directory.
    pub file: String,
    /// The item's stable id (GUID, link or derived hash, as the parser gives it).
    pub guid: String,
    pub field: Field,
    pub text: String,
    /// Hex SHA-256 of `text`'s UTF-8 bytes.
    pub sha256: String,
}

/// One annotated span: char offsets into the item's text (end exclusive), label (`PER`,
/// `LOC`, `ORG`; with a trailing `?` the span is optional: neither required nor penalised),
/// and the span's text (a name; checked on rebuild).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Span(pub usize, pub usize, pub String, pub String);

/// One line of an annotation file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Annotation {
    pub file: String,
    pub guid: String,
    pub field: Field,
    pub sha256: String,
    pub spans: Vec<Span>,
}

/// Hex SHA-256 of some bytes (a text's UTF-8 bytes, a written model).
pub fn sha256_hex(bytes: impl AsRef<[u8]>) -> String {
    Sha256::digest(bytes.as_ref())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// The annotatable texts of a parsed feed: each item's non-empty title, non-empty summary
/// and non-empty content body, in feed order (an item without content has no content item).
/// Items without a GUID of their own still have the parser's derived id, so every item is
/// addressable.
pub fn items(file: &str, feed: &ParsedFeed) -> Vec<Item> {
    let mut out = Vec::new();
    for a in &feed.articles {
        let title = a.title.trim();
        if !title.is_empty() {
            out.push(item(file, &a.guid, Field::Title, a.title.clone()));
        }
        if let Some(summary) = &a.summary_html {
            let text = html_to_text(summary);
            if !text.trim().is_empty() {
                out.push(item(file, &a.guid, Field::Summary, text));
            }
        }
        if let Some(content) = &a.content_html {
            let text = html_to_text(content);
            if !text.trim().is_empty() {
                out.push(item(file, &a.guid, Field::Content, text));
            }
        }
    }
    out
}

fn item(file: &str, guid: &str, field: Field, text: String) -> Item {
    Item {
        file: file.to_string(),
        guid: guid.to_string(),
        field,
        sha256: sha256_hex(&text),
        text,
    }
}

/// Reads an annotation file: one [`Annotation`] a line, blank lines ignored.
pub fn parse_annotations(text: &str) -> Result<Vec<Annotation>, DevsetError> {
    text.lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
        .map(|(i, l)| {
            serde_json::from_str(l).map_err(|source| DevsetError::Json {
                line: i + 1,
                source,
            })
        })
        .collect()
}

/// Joins annotations to the items they name and returns gold JSONL lines
/// (`{"id", "text", "entities"}`, the format of `eval::parse_gold_jsonl`), in annotation
/// order. The id is `file#guid#field`.
///
/// Fails on the first annotation whose item is missing, whose text hash differs, or whose
/// span does not read the annotated text.
pub fn rebuild(annotations: &[Annotation], items: &[Item]) -> Result<Vec<String>, DevsetError> {
    let index: HashMap<(&str, &str, Field), &Item> = items
        .iter()
        .map(|i| ((i.file.as_str(), i.guid.as_str(), i.field), i))
        .collect();
    let mut lines = Vec::with_capacity(annotations.len());
    for a in annotations {
        let key = (a.file.as_str(), a.guid.as_str(), a.field);
        let name = || format!("{} {} {}", a.file, a.guid, a.field.as_str());
        let item = index
            .get(&key)
            .ok_or_else(|| DevsetError::Missing(name()))?;
        if item.sha256 != a.sha256 {
            return Err(DevsetError::Hash(name()));
        }
        let chars: Vec<char> = item.text.chars().collect();
        let mut entities = Vec::with_capacity(a.spans.len());
        for Span(start, end, label, want) in &a.spans {
            let found: String = chars
                .get(*start..*end)
                .map(|s| s.iter().collect())
                .unwrap_or_default();
            if &found != want {
                return Err(DevsetError::Span(
                    name(),
                    format!("{found:?} at {start}..{end}, annotated {want:?}"),
                ));
            }
            let (label, optional) = match label.strip_suffix('?') {
                Some(l) => (l, true),
                None => (label.as_str(), false),
            };
            entities.push(serde_json::json!({
                "start": start, "end": end, "label": label, "optional": optional,
            }));
        }
        let line = serde_json::json!({
            "id": format!("{}#{}#{}", a.file, a.guid, a.field.as_str()),
            "text": item.text,
            "entities": entities,
        });
        lines.push(line.to_string());
    }
    Ok(lines)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::NewArticle;

    fn feed() -> ParsedFeed {
        ParsedFeed {
            title: None,
            site_link: None,
            articles: vec![NewArticle {
                guid: "g1".into(),
                title: "Lula meets Macron in Brasília".into(),
                link: None,
                authors: vec![],
                published: None,
                updated: None,
                summary_html: Some("<p>The <b>Brazilian</b> leader flew to Paris.</p>".into()),
                content_html: None,
                text: String::new(),
                enclosures: vec![],
                categories: vec![],
            }],
        }
    }

    #[test]
    fn items_are_title_and_rendered_summary() {
        let items = items("f.xml", &feed());
        assert_eq!(items.len(), 2);
        assert_eq!(items[0].field, Field::Title);
        assert_eq!(items[1].text.trim(), "The Brazilian leader flew to Paris.");
        assert_eq!(items[0].sha256, sha256_hex("Lula meets Macron in Brasília"));
    }

    #[test]
    fn content_is_a_third_item_rendered_like_dateline_extract_sees_it() {
        let mut feed = feed();
        feed.articles[0].content_html =
            Some("<p>Lula met <a href=\"x\">Macron</a>.</p><p>In Paris.</p>".into());
        let items = items("f.xml", &feed);
        assert_eq!(items.len(), 3);
        assert_eq!(items[2].field, Field::Content);
        let html = feed.articles[0].content_html.as_deref().unwrap_or_default();
        assert_eq!(items[2].text, html_to_text(html));
        assert!(items[2].text.contains("Lula met Macron."));
        assert_eq!(items[2].sha256, sha256_hex(&items[2].text));
        let ann: Annotation = serde_json::from_str(&format!(
            r#"{{"file":"f.xml","guid":"g1","field":"content","sha256":"{}","spans":[[0,4,"PER","Lula"]]}}"#,
            items[2].sha256
        ))
        .unwrap();
        let lines = rebuild(&[ann], &items).unwrap();
        assert!(lines[0].contains("f.xml#g1#content"));

        // Without content (or with an empty body) there is no content item.
        feed.articles[0].content_html = Some("<p> </p>".into());
        assert_eq!(super::items("f.xml", &feed).len(), 2);
    }

    #[test]
    fn rebuild_checks_hash_and_span_text() {
        let items = items("f.xml", &feed());
        let good = Annotation {
            file: "f.xml".into(),
            guid: "g1".into(),
            field: Field::Title,
            sha256: items[0].sha256.clone(),
            spans: vec![
                Span(0, 4, "PER".into(), "Lula".into()),
                Span(21, 29, "LOC?".into(), "Brasília".into()),
            ],
        };
        let lines = rebuild(std::slice::from_ref(&good), &items).unwrap();
        let gold = super::super::eval::parse_gold_jsonl(&lines[0]).unwrap();
        assert_eq!(gold[0].entities.len(), 2);
        assert!(!gold[0].entities[0].optional);
        assert!(gold[0].entities[1].optional);
        assert_eq!(gold[0].entities[1].label, "LOC");
        assert_eq!(gold[0].id, "f.xml#g1#title");

        let mut bad_hash = good.clone();
        bad_hash.sha256 = "00".into();
        assert!(matches!(
            rebuild(&[bad_hash], &items),
            Err(DevsetError::Hash(_))
        ));
        let mut bad_span = good.clone();
        bad_span.spans[0].0 = 1;
        assert!(matches!(
            rebuild(&[bad_span], &items),
            Err(DevsetError::Span(..))
        ));
        let mut missing = good;
        missing.guid = "nope".into();
        assert!(matches!(
            rebuild(&[missing], &items),
            Err(DevsetError::Missing(_))
        ));
    }
}
