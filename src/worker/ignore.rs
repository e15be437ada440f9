//! What follows a refresh, for the CLI and the reader alike: the `[[ignore]]` rules hide
//! (keep, but out of every list and count) or drop (delete, for good) the articles they
//! select, and `[commands] notify`
//! is told how many new articles arrived (per saved view when asked).
//!
//! Why here: both refresh paths need it, and it needs both the store and a process; the
//! store part is one synchronous function the caller runs on the store's thread.

use chrono::{DateTime, Local, Utc};

use crate::config::{Config, IgnoreAction, IgnoreRule, View};
use crate::store::Store;

/// The parts of the configuration a refresh's aftermath needs.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct AfterRefresh {
    pub ignore: Vec<IgnoreRule>,
    pub notify: Vec<String>,
    pub notify_per_view: bool,
    pub views: Vec<View>,
}

impl AfterRefresh {
    pub fn from_config(config: &Config) -> AfterRefresh {
        AfterRefresh {
            ignore: config.ignore.clone(),
            notify: config.commands.notify.clone(),
            notify_per_view: config.commands.notify_per_view,
            views: config.views.clone(),
        }
    }
}

/// What the aftermath did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AfterReport {
    /// Articles newly hidden by `hide` rules (hidden at an earlier refresh: not counted).
    pub hidden: usize,
    /// Articles deleted by `drop` rules.
    pub dropped: usize,
    /// The summary given to the notify command, when it was run.
    pub notified: Option<String>,
    /// Problems, for the user (a rule that does not parse, a notifier that cannot start).
    pub problems: Vec<String>,
}

/// Applies the ignore rules, then (when the refresh stored `new_articles` new articles,
/// less those the rules dropped) runs the notify command with a summary of them. The counts
/// per view are of the articles first seen since `started` (to the second).
pub fn after_refresh(
    store: &mut Store,
    after: &AfterRefresh,
    started: DateTime<Utc>,
    new_articles: u32,
) -> AfterReport {
    let now = Local::now().fixed_offset();
    let mut report = AfterReport::default();
    let mut hide = Vec::new();
    for (i, rule) in after.ignore.iter().enumerate() {
        let query = match crate::query::parse(&rule.query) {
            Ok(q) if q.expr.is_some() => q,
            Ok(_) => {
                report
                    .problems
                    .push(format!("ignore rule {}: the query is empty", i + 1));
                continue;
            }
            Err(e) => {
                report
                    .problems
                    .push(format!("ignore rule {}: {}", i + 1, e.render(&rule.query)));
                continue;
            }
        };
        match rule.action {
            IgnoreAction::Hide => hide.push(query),
            IgnoreAction::Drop => match store.drop_query(&query, now) {
                Ok(dropped) => report.dropped += dropped,
                Err(e) => report.problems.push(format!("ignore rule {}: {e}", i + 1)),
            },
        }
    }
    // Always, even with no hide rule left: what an earlier rule hid comes back.
    match store.hide_queries(&hide, now) {
        Ok(hidden) => report.hidden = hidden,
        Err(e) => report.problems.push(format!("ignore rules: {e}")),
    }
    if after.notify.is_empty() {
        return report;
    }
    let new = u64::from(new_articles).saturating_sub(report.dropped as u64);
    if new == 0 {
        return report;
    }
    let mut summary = format!("{new} new article{}", if new == 1 { "" } else { "s" });
    if after.notify_per_view {
        let mut parts = Vec::new();
        for view in &after.views {
            let Ok(q) = crate::query::parse(&view.query) else {
                continue;
            };
            if let Ok(n) = store.count_seen_since(&q, now, started)
                && n > 0
            {
                parts.push(format!("{}: {n}", view.name));
            }
        }
        if !parts.is_empty() {
            summary.push_str(&format!(" ({})", parts.join(", ")));
        }
    }
    match run_notify(&after.notify, &summary) {
        Ok(()) => report.notified = Some(summary),
        Err(e) => report.problems.push(e),
    }
    report
}

/// Starts the notify command (no shell) with `summary` as its last argument, detached; it
/// is reaped on a background thread.
fn run_notify(argv: &[String], summary: &str) -> Result<(), String> {
    let (program, args) = argv.split_first().ok_or("no notify command")?;
    let mut child = std::process::Command::new(program)
        .args(args)
        .arg(summary)
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .map_err(|e| format!("cannot start the notify command {program}: {e}"))?;
    std::thread::spawn(move || {
        let _ = child.wait();
    });
    Ok(())
}
