//! dateline: a terminal newsreader that tells you who and where each story is about.
//!
//! The data flow: a key becomes an `Action`, `update` turns it into a session `Command`, the
//! worker runs fetch → parse → extract → store and answers with a `WorkerEvent` on the
//! interface's one channel. The CLI's commands run the same worker without an interface.
//!
//! Where things live, one line each:
//!
//! - [`cli`]: the command line's clap definitions, parsing only.
//! - [`commands`]: one file per subcommand with the JSON it prints; dispatch and set-up.
//! - [`config`]: the feed list, settings, keys and views from TOML; paths; OPML import/export.
//! - [`extract`]: pure text functions: HTML to text, and the people/places/organisations tagger.
//! - [`fetch`]: feeds over HTTP (or from files), with limits and timeouts, parsed into `model`.
//! - [`fold`]: the one folding of names and words (case, accents) for search and entity keys.
//! - [`heap`]: the allocator's settings, applied once at start (peak memory of a refresh).
//! - [`model`]: plain data shared by every layer; imports nothing of ours.
//! - [`query`]: the filter language: text to a syntax tree and back.
//! - [`sanitize`]: hostile feed text neutralised before it is stored or drawn.
//! - [`store`]: the SQLite cache, and the only place with SQL.
//! - [`ui`]: the interactive reader; speaks to the rest only through the worker session.
//! - [`worker`]: the store's thread, refreshes, the extraction queue and the reader's session.

pub mod cli;
pub mod commands;
pub mod config;
pub mod extract;
pub mod fetch;
pub mod fold;
pub mod heap;
pub mod model;
pub mod query;
pub mod sanitize;
pub mod store;
pub mod sync;
pub mod ui;
pub mod worker;

/// The tests' and benches' one random generator (`tests/kit/rng.rs`), for unit tests; never
/// in a build of the reader.
#[cfg(test)]
#[path = "../tests/kit/rng.rs"]
mod test_rng;

/// The crate's shape, checked: layer boundaries and file sizes.
#[cfg(test)]
mod structure_tests;
