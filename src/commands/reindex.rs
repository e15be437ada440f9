//! `dateline reindex`: forget every article's entities and stories and find them again
//! (after a model change), then print the totals and the speed on standard error.

use std::io::{self, IsTerminal};
use std::process::ExitCode;

use anyhow::Result;

use super::env::Env;
use super::refresh;

/// `dateline reindex`: every article's entities again, then a summary on stderr.
pub(super) fn run(env: &Env) -> Result<ExitCode> {
    let mut store = env.open_store()?;
    store.forget_extractions()?;
    // Stories are grouped again from the new entities, as each article's are stored.
    store.forget_stories()?;
    let (mut store, summary) = refresh::extract_all(store, io::stderr().is_terminal())?;
    store.delete_orphaned_entities()?;
    let (mentions, entities, _) = store.entity_totals()?;
    let rate = |secs: f64| {
        if secs > 0.0 {
            summary.words as f64 / secs
        } else {
            0.0
        }
    };
    eprintln!(
        "reindexed {} articles: {} mentions of {} entities ({} words in {:.2} s: {:.0} words/s; \
         extractor alone {:.0} words/s per core; extractor {:.2} s summed over cores, \
         cache thread {:.2} s)",
        summary.articles,
        mentions,
        entities,
        summary.words,
        summary.seconds,
        rate(summary.seconds),
        rate(summary.extract_seconds),
        summary.extract_seconds,
        summary.store_seconds
    );
    let st = &summary.stages;
    eprintln!(
        "stages: tagging {:.2} s, resolving {:.2} s (summed over cores); cache thread: finding \
         work {:.2} s, reading texts {:.2} s, writing mentions {:.2} s, stories {:.2} s",
        st.tag, st.resolve, st.queue, st.texts, st.write, st.stories
    );
    Ok(ExitCode::SUCCESS)
}
