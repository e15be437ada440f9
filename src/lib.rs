//! dateline: a terminal newsreader that tells you who and where each story is about.
//!
//! The pipeline: `config` gives the feed list; `fetch` downloads and parses feeds into the
//! plain types of `model`; `store` keeps them in SQLite; `worker` drives that pipeline for
//! the CLI and the interface. `sanitize` neutralises hostile text on the way in.

pub mod app;
pub mod cli;
pub mod config;
pub mod extract;
pub mod fetch;
pub mod model;
pub mod query;
pub mod sanitize;
pub mod store;
pub mod sync;
pub mod ui;
pub mod worker;
