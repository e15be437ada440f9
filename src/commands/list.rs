//! `dateline list`: articles newest first, selected by a query (the reader's filter
//! language) narrowed by `--unread` and `--feed`, as text or `--json` (a stable format,
//! documented in the README).

use std::process::ExitCode;

use anyhow::{Result, bail};
use chrono::{DateTime, Local, Utc};
use serde::Serialize;

use super::env::Env;
use super::output::{Out, local_date};
use super::{UsageError, parse_query};
use crate::cli::ListArgs;
use crate::model::ArticleSummary;
use crate::query::{Expr, Flag, Query, Term};
use crate::sanitize::sanitize_line;
use crate::store::Store;

/// Prints the articles the flags and the query select.
pub(super) fn run(env: &Env, args: &ListArgs) -> Result<ExitCode> {
    let store = env.open_store()?;
    print(&store, args)?;
    Ok(ExitCode::SUCCESS)
}

/// Prints the articles `args` selects from `store`, newest first unless the query sorts.
pub(super) fn print(store: &Store, args: &ListArgs) -> Result<()> {
    let mut query = if args.query.is_empty() {
        Query::default()
    } else {
        parse_query(&args.query.join(" "))?
    };
    // The flags narrow the query: --unread is `is:unread`, --feed is `feed:` that feed's URL.
    let mut narrow = Vec::new();
    if args.unread {
        narrow.push(Expr::Term(Term::Is(Flag::Unread)));
    }
    if let Some(url) = &args.feed {
        if store.feed_by_url(url)?.is_none() {
            bail!(UsageError(format!("no configured feed has the URL {url}")));
        }
        narrow.push(Expr::Term(Term::Url(url.clone())));
    }
    if !narrow.is_empty() {
        narrow.extend(query.expr.take());
        query.expr = Some(if narrow.len() == 1 {
            narrow.remove(0)
        } else {
            Expr::And(narrow)
        });
    }
    // Each row is printed as SQLite finds it: the first comes at once however long the
    // list, and a closed pipe (`| head`) stops the query.
    let mut out = Out::new();
    let mut failed = None;
    let mut first = true;
    let mut print_row = |a: ArticleSummary| -> Result<bool> {
        if args.json {
            // The same text as pretty-printing the whole array: each object indented once.
            let text = serde_json::to_string_pretty(&ArticleJson::from(&a))?;
            out.write(if first { "[\n" } else { ",\n" })?;
            for (i, line) in text.lines().enumerate() {
                if i > 0 {
                    out.write("\n")?;
                }
                out.write("  ")?;
                out.write(line)?;
            }
        } else {
            let flags = format!(
                "{}{}",
                if a.read { ' ' } else { 'N' },
                if a.starred { '*' } else { ' ' }
            );
            out.line(&format!(
                "{:>7} {flags} {}  {:<24.24}  {}",
                a.id.0,
                local_date(a.published),
                sanitize_line(&a.feed_title),
                sanitize_line(&a.title)
            ))?;
        }
        first = false;
        Ok(!out.is_closed())
    };
    store.each_article(
        &query,
        Local::now().fixed_offset(),
        args.limit,
        |a| match print_row(a) {
            Ok(more) => more,
            Err(e) => {
                failed = Some(e);
                false
            }
        },
    )?;
    if let Some(e) = failed {
        return Err(e);
    }
    if args.json {
        out.line(if first { "[]" } else { "\n]" })?;
    }
    Ok(())
}

/// `dateline list --json`: one object per article. Stable: documented in the README.
#[derive(Serialize)]
pub(super) struct ArticleJson<'a> {
    pub(super) id: i64,
    pub(super) feed_id: i64,
    pub(super) feed: &'a str,
    pub(super) title: &'a str,
    pub(super) link: Option<&'a str>,
    pub(super) authors: &'a [String],
    pub(super) published: DateTime<Utc>,
    pub(super) read: bool,
    pub(super) starred: bool,
}

impl<'a> From<&'a ArticleSummary> for ArticleJson<'a> {
    fn from(a: &'a ArticleSummary) -> Self {
        ArticleJson {
            id: a.id.0,
            feed_id: a.feed_id.0,
            feed: &a.feed_title,
            title: &a.title,
            link: a.link.as_deref(),
            authors: &a.authors,
            published: a.published,
            read: a.read,
            starred: a.starred,
        }
    }
}
