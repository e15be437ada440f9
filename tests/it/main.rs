//! dateline's integration tests: one binary, modules per area, shared helpers in `support`.
//! Everything is offline: HTTP tests start their own server on 127.0.0.1.

mod body;
mod cache;
mod cli;
mod config;
mod corpora;
mod disk;
mod entities;
mod entity_cli;
mod extract;
mod extract_cli;
mod feeds;
mod fetch;
mod fulltext;
mod hostile;
mod kill;
mod kill_sync;
mod pages;
mod places;
mod precision;
mod query;
mod refresh;
mod store;
mod stories;
mod stories_session;
mod support;
mod sync;
mod sync_cli;
mod sync_faults;
mod sync_session;
mod ui;
mod vacuum;
mod writers;
