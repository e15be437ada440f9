//! The client of a reading-state server that speaks the Google Reader API ("GReader":
//! FreshRSS, Miniflux, Inoreader, The Old Reader, BazQux).
//!
//! Why it exists: with `[sync]` configured, the server owns the subscription list, the labels
//! and the read/starred state, and dateline's cache is the offline copy. This module is the
//! wire side of that: HTTP and JSON only, on the project's reqwest, with a typed error per
//! thing that can go wrong ([`SyncError`]), written for the user. It turns server items into
//! the model's [`NewArticle`](crate::model::NewArticle) through the same sanitising and
//! HTML-to-text as fetched feeds ([`item`]).
//!
//! What it must not do: touch SQL (the store keeps the mapping of server ids, the queue of
//! local marks and the sync state), trust anything the server sends (every size is capped,
//! every text sanitised, every request timed out), or run a password command through a shell.

pub mod client;
mod decode;
pub mod error;
pub mod item;
pub mod password;
pub mod wire;

pub use client::{CheckReport, Client, ClientOptions, StreamPage, StreamQuery, SubscriptionEdit};
pub use error::SyncError;
pub use item::{Item, ItemId};
pub use password::{Password, resolve_password};

/// Stream ids and state tags of the Google Reader API.
pub mod streams {
    /// Every item of every subscription.
    pub const READING_LIST: &str = "user/-/state/com.google/reading-list";
    /// The read state, as a tag on items (`a=`/`r=` in edit-tag, `xt=` to exclude).
    pub const READ: &str = "user/-/state/com.google/read";
    /// The starred state, as a tag and as a stream.
    pub const STARRED: &str = "user/-/state/com.google/starred";
    /// The prefix of a user label (folder or tag): `user/-/label/News`.
    pub const LABEL_PREFIX: &str = "user/-/label/";
    /// The prefix of any user state or label, server-specific user ids included.
    pub const USER_PREFIX: &str = "user/";
}

#[cfg(test)]
mod tests {
    /// The module's boundary: HTTP and JSON only. No file of it names the database, the
    /// store or the terminal.
    #[test]
    fn sync_never_touches_sql_or_the_terminal() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src/sync");
        let mut files = vec![root.clone()];
        let mut checked = 0;
        while let Some(path) = files.pop() {
            if path.is_dir() {
                for entry in std::fs::read_dir(&path).unwrap() {
                    files.push(entry.unwrap().path());
                }
                continue;
            }
            // This file holds the list itself.
            if path == root.join("mod.rs") {
                continue;
            }
            let text = std::fs::read_to_string(&path).unwrap();
            for forbidden in ["rusqlite", "crate::store", "ratatui", "crossterm"] {
                assert!(
                    !text.contains(forbidden),
                    "{} mentions {forbidden}",
                    path.display()
                );
            }
            checked += 1;
        }
        assert!(checked >= 5, "only {checked} files found");
    }
}
