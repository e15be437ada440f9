//! `dateline doctor`: checks the cache as it is (SQLite's integrity check, then the
//! full-text index's check against the articles), rebuilds the index or the entities when
//! asked, and says what it found and did. It never deletes or replaces the cache: when the
//! file itself is damaged it says how to save the user's data and start a new one.

use std::process::ExitCode;

use anyhow::Result;
use serde::Serialize;

use super::env::Env;
use super::output::Out;
use super::refresh;
use crate::cli::DoctorArgs;
use crate::store::{IndexCheck, Store, StoreError};

/// What `doctor` found and did; printed as text or `--json`.
#[derive(Debug, Default, Serialize)]
struct Report {
    cache: String,
    /// The schema version in the file, when it could be read.
    schema: Option<i64>,
    /// SQLite's integrity check: empty when sound.
    file_problems: Vec<String>,
    /// `ok`, `damaged`, `missing`, or `not checked`.
    search_index: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    search_index_problem: Option<String>,
    /// What was repaired, in order.
    actions: Vec<String>,
    /// What the user should do next, if anything.
    advice: Vec<String>,
    ok: bool,
}

/// Checks (and on request repairs) the cache; exits 1 when a problem remains.
pub(super) fn run(env: &Env, args: &DoctorArgs) -> Result<ExitCode> {
    let mut r = Report {
        cache: env.db.display().to_string(),
        search_index: "not checked".into(),
        ..Report::default()
    };
    check(env, args, &mut r)?;
    r.ok = r.file_problems.is_empty() && r.search_index != "damaged" && r.advice.is_empty();
    let mut out = Out::new();
    if args.json {
        out.json(&r)?;
    } else {
        print_text(&mut out, &r)?;
    }
    Ok(if r.ok {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    })
}

const START_OVER: &str = "save your feeds, read marks and starred articles with `dateline \
    export-state > state.json` (if it can still read them), move the cache (with its -wal and -shm files) aside, then run \
    `dateline import-state state.json` and `dateline refresh`";

fn check(env: &Env, args: &DoctorArgs, r: &mut Report) -> Result<()> {
    let mut store = Store::open_existing(&env.db)?;
    let damaged = |r: &mut Report, detail: String| {
        r.file_problems.push(detail);
        r.advice.push(START_OVER.into());
    };
    match store.schema_version() {
        Ok(v) => r.schema = Some(v),
        Err(StoreError::Corrupt { detail, .. }) => {
            damaged(r, detail);
            return Ok(());
        }
        Err(e) => return Err(e.into()),
    }
    if r.schema > Some(Store::known_schema_version()) {
        r.advice.push(format!(
            "this cache was written by a newer dateline (schema {}, this one knows {}): check \
             it with that version",
            r.schema.unwrap_or_default(),
            Store::known_schema_version()
        ));
        return Ok(());
    }
    match store.check_file() {
        Ok(problems) if problems.is_empty() => {}
        Ok(problems) => {
            r.file_problems = problems;
            r.advice.push(START_OVER.into());
        }
        Err(StoreError::Corrupt { detail, .. }) => damaged(r, detail),
        Err(e) => return Err(e.into()),
    }
    let mut index = match store.check_search_index() {
        Ok(index) => index,
        Err(StoreError::Corrupt { detail, .. }) => IndexCheck::Damaged(detail),
        Err(e) => return Err(e.into()),
    };
    if args.rebuild_index && index != IndexCheck::Missing {
        if r.file_problems.is_empty() {
            let n = store.rebuild_search_index()?;
            r.actions
                .push(format!("rebuilt the search index from {n} articles"));
            index = store.check_search_index()?;
        } else {
            r.actions
                .push("did not rebuild the search index: the file itself is damaged".to_string());
        }
    }
    match index {
        IndexCheck::Ok => r.search_index = "ok".into(),
        IndexCheck::Missing => r.search_index = "missing".into(),
        IndexCheck::Damaged(problem) => {
            r.search_index = "damaged".into();
            r.search_index_problem = Some(problem);
            if r.file_problems.is_empty() {
                r.advice
                    .push("run `dateline doctor --rebuild-index` to rebuild it".into());
            }
        }
    }
    drop(store);
    if args.reextract {
        if r.file_problems.is_empty() {
            // The same path as `dateline reindex`.
            let mut store = env.open_store()?;
            store.forget_extractions()?;
            let (mut store, summary) = refresh::extract_all(store, false)?;
            store.delete_orphaned_entities()?;
            r.actions.push(format!(
                "found the people, places and organisations of {} articles again ({} mentions)",
                summary.articles, summary.mentions
            ));
        } else {
            r.actions
                .push("did not extract the entities again: the file itself is damaged".into());
        }
    }
    Ok(())
}

fn print_text(out: &mut Out, r: &Report) -> Result<()> {
    match r.schema {
        Some(v) => out.line(&format!("cache: {} (schema {v})", r.cache))?,
        None => out.line(&format!("cache: {}", r.cache))?,
    }
    if r.file_problems.is_empty() {
        out.line("file: ok (SQLite integrity check)")?;
    } else {
        out.line("file: DAMAGED (SQLite integrity check):")?;
        for p in r.file_problems.iter().take(20) {
            out.line(&format!("  {}", crate::sanitize::sanitize_line(p)))?;
        }
        if r.file_problems.len() > 20 {
            out.line(&format!("  ... and {} more", r.file_problems.len() - 20))?;
        }
    }
    match &r.search_index_problem {
        Some(p) => out.line(&format!(
            "search index: DAMAGED ({})",
            crate::sanitize::sanitize_line(p)
        ))?,
        None => out.line(&format!("search index: {}", r.search_index))?,
    }
    for a in &r.actions {
        out.line(a)?;
    }
    for a in &r.advice {
        out.line(&format!("to do: {a}"))?;
    }
    if r.ok {
        out.line("the cache is sound")?;
    }
    Ok(())
}
