//! Editing the feed list in the user's config file: adding, removing and retitling or
//! retagging one feed, for `dateline add`/`remove` and the reader's feed keys.
//!
//! Why it exists: the config file is the user's; an edit must keep their comments, order and
//! layout. The text functions here take the file's text and return the new text (`toml_edit`
//! touches only the feed being changed), check that the result still loads, and never write
//! a file themselves; [`edit_file`] reads, edits and writes atomically. No network, no cache.

use std::path::{Path, PathBuf};

use toml_edit::{Array, DocumentMut, Item, Table, Value, value};

use super::import::{add_feeds_to_config, write_atomically};
use super::{Config, check_feed_url};
use crate::model::FeedSpec;

/// Why an edit of the feed list failed, for the user.
#[derive(Debug, thiserror::Error)]
pub enum EditError {
    /// The file does not load as it is, so it is not touched.
    #[error("the config cannot be edited: {0}")]
    Config(String),
    /// No configured feed has this URL or title.
    #[error("no configured feed has the URL or title {0:?}")]
    NotFound(String),
    /// A title matches several feeds.
    #[error("{key:?} is the title of {} feeds: give the URL instead ({})", urls.len(), urls.join(", "))]
    Ambiguous { key: String, urls: Vec<String> },
    /// The URL is already configured.
    #[error("{0} is already configured")]
    AlreadyPresent(String),
    /// The URL cannot be fetched by dateline.
    #[error("{0}")]
    BadUrl(String),
    #[error("cannot update {path}: {source}")]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
}

/// The configured feed `key` names: the one whose URL is exactly `key`, else the one whose
/// title (as configured) is `key`, ignoring case.
pub fn find_feed<'a>(feeds: &'a [FeedSpec], key: &str) -> Result<&'a FeedSpec, EditError> {
    if let Some(f) = feeds.iter().find(|f| f.url == key) {
        return Ok(f);
    }
    let key_folded = key.trim().to_lowercase();
    let by_title: Vec<&FeedSpec> = feeds
        .iter()
        .filter(|f| {
            f.title
                .as_deref()
                .is_some_and(|t| t.trim().to_lowercase() == key_folded)
        })
        .collect();
    match by_title.as_slice() {
        [one] => Ok(one),
        [] => Err(EditError::NotFound(key.to_string())),
        many => Err(EditError::Ambiguous {
            key: key.to_string(),
            urls: many.iter().map(|f| f.url.clone()).collect(),
        }),
    }
}

/// `text` with `feed` appended to the feed list (comments and layout kept).
pub fn add_feed(text: &str, feed: FeedSpec) -> Result<String, EditError> {
    check_feed_url(&feed.url).map_err(|m| EditError::BadUrl(format!("{}: {m}", feed.url)))?;
    let url = feed.url.clone();
    let (new_text, report) =
        add_feeds_to_config(text, vec![feed]).map_err(|e| EditError::Config(e.to_string()))?;
    if report.added.is_empty() {
        return Err(EditError::AlreadyPresent(url));
    }
    Ok(new_text)
}

/// `text` without the feed whose URL is `url`; returns the new text and the removed feed.
///
/// The comment lines written just above the feed's block are kept (moved above the next
/// block): a comment there may introduce the whole list, and a user's words are never lost.
pub fn remove_feed(text: &str, url: &str) -> Result<(String, FeedSpec), EditError> {
    let config = load(text)?;
    let removed = config
        .feeds
        .iter()
        .find(|f| f.url == url)
        .cloned()
        .ok_or_else(|| EditError::NotFound(url.to_string()))?;
    let mut doc = parse(text)?;
    let Some(item) = doc.get_mut("feeds") else {
        return Err(EditError::NotFound(url.to_string()));
    };
    if let Some(tables) = item.as_array_of_tables_mut() {
        let i = tables
            .iter()
            .position(|t| t.get("url").and_then(Item::as_str) == Some(url))
            .ok_or_else(|| EditError::NotFound(url.to_string()))?;
        let prefix = tables
            .get(i)
            .and_then(|t| t.decor().prefix())
            .and_then(|p| p.as_str())
            .map(comments_only)
            .unwrap_or_default();
        tables.remove(i);
        if !prefix.is_empty() {
            match tables.get_mut(i) {
                Some(next) => {
                    let old = next
                        .decor()
                        .prefix()
                        .and_then(|p| p.as_str())
                        .unwrap_or("\n")
                        .to_string();
                    next.decor_mut().set_prefix(format!("{prefix}{old}"));
                }
                None => {
                    let trailing = doc.trailing().as_str().unwrap_or("").to_string();
                    doc.set_trailing(format!("{trailing}\n{prefix}"));
                }
            }
        }
    } else if let Some(array) = item.as_array_mut() {
        let i = array
            .iter()
            .position(|v| {
                v.as_inline_table()
                    .and_then(|t| t.get("url"))
                    .and_then(Value::as_str)
                    == Some(url)
            })
            .ok_or_else(|| EditError::NotFound(url.to_string()))?;
        array.remove(i);
    } else {
        return Err(EditError::NotFound(url.to_string()));
    }
    let new_text = doc.to_string();
    load(&new_text)?;
    Ok((new_text, removed))
}

/// `text` with the feed whose URL is `url` given `title` (`None` removes the line: the feed's
/// own title is shown) and `tags` (empty removes the line).
pub fn set_feed(
    text: &str,
    url: &str,
    title: Option<&str>,
    tags: &[String],
) -> Result<String, EditError> {
    load(text)?;
    let title = title.map(str::trim).filter(|t| !t.is_empty());
    let mut clean_tags: Vec<&str> = Vec::new();
    for t in tags.iter().map(|t| t.trim()).filter(|t| !t.is_empty()) {
        if !clean_tags.contains(&t) {
            clean_tags.push(t);
        }
    }
    let mut doc = parse(text)?;
    let item = doc
        .get_mut("feeds")
        .ok_or_else(|| EditError::NotFound(url.to_string()))?;
    if let Some(tables) = item.as_array_of_tables_mut() {
        let table: &mut Table = tables
            .iter_mut()
            .find(|t| t.get("url").and_then(Item::as_str) == Some(url))
            .ok_or_else(|| EditError::NotFound(url.to_string()))?;
        match title {
            Some(t) => set_keeping_decor(table, "title", t.into()),
            None => {
                table.remove("title");
            }
        }
        if clean_tags.is_empty() {
            table.remove("tags");
        } else {
            let array: Array = clean_tags.iter().copied().collect();
            set_keeping_decor(table, "tags", Value::Array(array));
        }
    } else if let Some(array) = item.as_array_mut() {
        let table = array
            .iter_mut()
            .filter_map(Value::as_inline_table_mut)
            .find(|t| t.get("url").and_then(Value::as_str) == Some(url))
            .ok_or_else(|| EditError::NotFound(url.to_string()))?;
        match title {
            Some(t) => {
                table.insert("title", t.into());
            }
            None => {
                table.remove("title");
            }
        }
        if clean_tags.is_empty() {
            table.remove("tags");
        } else {
            let tags: Array = clean_tags.iter().copied().collect();
            table.insert("tags", Value::Array(tags));
        }
    } else {
        return Err(EditError::NotFound(url.to_string()));
    }
    let new_text = doc.to_string();
    load(&new_text)?;
    Ok(new_text)
}

/// Reads the config file, applies `edit` to its text and writes the result atomically
/// (keeping the file's permissions); returns the config as written.
pub fn edit_file(
    path: &Path,
    edit: impl FnOnce(&str) -> Result<String, EditError>,
) -> Result<Config, EditError> {
    let io = |source| EditError::Io {
        path: path.to_path_buf(),
        source,
    };
    let text = std::fs::read_to_string(path).map_err(io)?;
    let new_text = edit(&text)?;
    let config =
        Config::from_toml(&new_text, path).map_err(|e| EditError::Config(e.to_string()))?;
    if new_text != text {
        write_atomically(path, &new_text).map_err(io)?;
    }
    Ok(config)
}

/// Sets `key` to `new`, keeping the spaces and comment around the old value.
fn set_keeping_decor(table: &mut Table, key: &str, mut new: Value) {
    if let Some(old) = table.get(key).and_then(Item::as_value) {
        *new.decor_mut() = old.decor().clone();
    }
    table.insert(key, value(new));
}

/// The comment lines of a decor prefix (blank lines dropped), each ending in a newline.
fn comments_only(prefix: &str) -> String {
    prefix
        .lines()
        .filter(|l| l.trim_start().starts_with('#'))
        .map(|l| format!("{l}\n"))
        .collect()
}

fn load(text: &str) -> Result<Config, EditError> {
    Config::from_toml(text, Path::new("config")).map_err(|e| EditError::Config(e.to_string()))
}

fn parse(text: &str) -> Result<DocumentMut, EditError> {
    text.parse()
        .map_err(|e: toml_edit::TomlError| EditError::Config(e.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    const CONFIG: &str = "\
# my config
[settings]
keep_days = 0   # keep all

# The feed list, commented.

[[feeds]]
url = \"https://a.example/feed\"
title = \"Alpha\"   # my name for it
tags = [\"x\"]

# the second one
[[feeds]]
url = \"https://b.example/feed\"

[[feeds]]
url = \"https://c.example/feed\"
title = \"alpha\"
";

    fn spec(url: &str) -> FeedSpec {
        FeedSpec {
            url: url.into(),
            title: Some("New one".into()),
            tags: vec!["pods".into()],
        }
    }

    #[test]
    fn adding_keeps_the_text_and_refuses_a_duplicate() {
        let text = add_feed(CONFIG, spec("https://d.example/rss")).unwrap();
        assert!(text.starts_with(CONFIG), "{text}");
        assert!(text.ends_with(
            "[[feeds]]\nurl = \"https://d.example/rss\"\ntitle = \"New one\"\ntags = [\"pods\"]\n"
        ));
        assert!(matches!(
            add_feed(CONFIG, spec("https://b.example/feed")),
            Err(EditError::AlreadyPresent(_))
        ));
        assert!(matches!(
            add_feed(CONFIG, spec("gopher://x")),
            Err(EditError::BadUrl(_))
        ));
    }

    #[test]
    fn removing_drops_only_that_block_and_keeps_every_comment() {
        let (text, removed) = remove_feed(CONFIG, "https://a.example/feed").unwrap();
        assert_eq!(removed.title.as_deref(), Some("Alpha"));
        assert!(!text.contains("a.example"), "{text}");
        for comment in [
            "# my config",
            "keep_days = 0   # keep all",
            "# The feed list, commented.",
            "# the second one",
        ] {
            assert!(text.contains(comment), "{comment} lost: {text}");
        }
        assert!(text.contains("\"https://b.example/feed\""));
        // The last block goes too, its comment kept.
        let (text, _) = remove_feed(&text, "https://c.example/feed").unwrap();
        assert!(!text.contains("c.example"), "{text}");
        let config = Config::from_toml(&text, Path::new("c")).unwrap();
        assert_eq!(config.feeds.len(), 1);
        assert!(matches!(
            remove_feed(CONFIG, "https://zz.example/"),
            Err(EditError::NotFound(_))
        ));
    }

    #[test]
    fn removing_from_an_inline_list() {
        let text = "feeds = [{ url = \"https://a.example/\" }, { url = \"https://b.example/\" }]\n";
        let (text, _) = remove_feed(text, "https://a.example/").unwrap();
        let config = Config::from_toml(&text, Path::new("c")).unwrap();
        assert_eq!(config.feeds.len(), 1);
        assert_eq!(config.feeds[0].url, "https://b.example/");
    }

    #[test]
    fn retitling_and_retagging_touch_only_those_values() {
        let tags = vec!["y".to_string(), " z ".to_string(), "y".to_string()];
        let text = set_feed(CONFIG, "https://a.example/feed", Some("Beta"), &tags).unwrap();
        assert!(
            text.contains("title = \"Beta\"   # my name for it\ntags = [\"y\", \"z\"]"),
            "{text}"
        );
        assert_eq!(
            text.replace("\"Beta\"", "\"Alpha\"")
                .replace("[\"y\", \"z\"]", "[\"x\"]"),
            CONFIG
        );
        let text = set_feed(CONFIG, "https://b.example/feed", Some("Bee"), &[]).unwrap();
        let config = Config::from_toml(&text, Path::new("c")).unwrap();
        assert_eq!(config.feeds[1].title.as_deref(), Some("Bee"));
        let text = set_feed(&text, "https://a.example/feed", None, &[]).unwrap();
        let config = Config::from_toml(&text, Path::new("c")).unwrap();
        assert_eq!(config.feeds[0].title, None);
        assert!(config.feeds[0].tags.is_empty());
        assert!(text.contains("# my config") && text.contains("# the second one"));
    }

    #[test]
    fn a_feed_is_found_by_url_or_unique_title() {
        let config = Config::from_toml(CONFIG, Path::new("c")).unwrap();
        let feeds = &config.feeds;
        assert_eq!(
            find_feed(feeds, "https://b.example/feed").unwrap().url,
            "https://b.example/feed"
        );
        // "Alpha" and "alpha" are two feeds: the title is ambiguous.
        assert!(matches!(
            find_feed(feeds, "ALPHA"),
            Err(EditError::Ambiguous { .. })
        ));
        assert!(matches!(
            find_feed(feeds, "nothing"),
            Err(EditError::NotFound(_))
        ));
    }
}
