//! dateline's integration tests: one binary, modules per area, shared helpers in `support`.
//! Everything is offline: HTTP tests start their own server on 127.0.0.1.

mod cli;
mod config;
mod corpora;
mod entities;
mod extract;
mod extract_cli;
mod fetch;
mod fulltext;
mod hostile;
mod pages;
mod query;
mod refresh;
mod store;
mod support;
mod ui;
