//! Import and export of feed lists: OPML 1.0/2.0 and newsboat `urls` files in, OPML 2.0 out.
//!
//! Import edits the user's TOML with `toml_edit`, so their comments and layout survive, and is
//! idempotent: a feed whose URL is already configured is not added again.

use crate::model::FeedSpec;

/// What an import did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ImportReport {
    pub added: Vec<FeedSpec>,
    /// URLs already in the config.
    pub already_present: usize,
    /// Lines or outlines skipped, with the reason, for the user.
    pub warnings: Vec<String>,
}

/// An import problem.
#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    #[error("not an OPML file or a newsboat urls file: {0}")]
    Format(String),
    #[error("the config cannot be edited: {0}")]
    Config(String),
}

/// Parses an OPML or newsboat `urls` document (detected from its content) into feeds.
pub fn parse_feed_list(content: &str) -> Result<(Vec<FeedSpec>, Vec<String>), ImportError> {
    todo!("{content}")
}

/// Adds `feeds` to the TOML config text `config_text`, keeping its comments and layout;
/// returns the new text and the report.
pub fn add_feeds_to_config(
    config_text: &str,
    feeds: Vec<FeedSpec>,
) -> Result<(String, ImportReport), ImportError> {
    todo!("{config_text}{feeds:?}")
}

/// Writes the feeds as an OPML 2.0 document; tags become nested outlines (a feed with several
/// tags appears under its first and carries all of them in a `category` attribute).
pub fn export_opml(feeds: &[FeedSpec]) -> String {
    todo!("{feeds:?}")
}

/// Adds the feeds of `content` to the config file at `config_path`, written atomically.
pub fn import_into_file(
    config_path: &std::path::Path,
    content: &str,
) -> Result<ImportReport, ImportError> {
    todo!("{config_path:?}{content}")
}
