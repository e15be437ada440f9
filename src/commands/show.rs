//! `dateline show`: one article, as a header and plain text or as `--json` (a stable
//! format, documented in the README).

use std::process::ExitCode;

use anyhow::Result;
use chrono::{DateTime, Utc};
use serde::Serialize;

use super::env::Env;
use super::list::ArticleJson;
use super::output::{Out, local_date};
use crate::cli::ShowArgs;
use crate::model::{Article, ArticleId};
use crate::sanitize::sanitize_line;

/// Prints one article: its header and text, or all of it as JSON.
pub(super) fn run(env: &Env, args: &ShowArgs) -> Result<ExitCode> {
    let store = env.open_store()?;
    let article = store.article(ArticleId(args.id))?;
    let page = store.article_page(article.id)?;
    // The whole article when its page was fetched, else the feed's text; its links are
    // numbered as the reader numbers them, in the text and in the JSON alike.
    let body = match &page {
        Some(page) if !page.text.is_empty() => crate::worker::body::page_body(page),
        _ => crate::worker::body::article_body(&article),
    };
    let links: Vec<String> = body.links.iter().map(|l| sanitize_line(&l.url)).collect();
    let mut out = Out::new();
    if args.json {
        let mut json = ArticleFullJson::from(&article);
        json.page = page.as_ref();
        json.links = links;
        json.page_error = store.page_error(article.id)?;
        out.json(&json)?;
    } else {
        out.line(&article.title)?;
        out.line(&format!("Feed:   {}", article.feed_title))?;
        if !article.authors.is_empty() {
            out.line(&format!("Author: {}", article.authors.join(", ")))?;
        }
        out.line(&format!("Date:   {}", local_date(article.published)))?;
        if let Some(link) = &article.link {
            out.line(&format!("Link:   {link}"))?;
        }
        out.line("")?;
        out.line(&body.text)?;
        if !links.is_empty() {
            out.line("")?;
            out.line("Links:")?;
            for (i, link) in links.iter().enumerate() {
                out.line(&format!("[{}] {link}", i + 1))?;
            }
        }
        if !article.enclosures.is_empty() {
            out.line("")?;
            out.line("Enclosures:")?;
            for (i, e) in article.enclosures.iter().enumerate() {
                let about = e.describe();
                let about = if about.is_empty() {
                    String::new()
                } else {
                    format!(" ({})", sanitize_line(&about))
                };
                out.line(&format!("[{}] {}{about}", i + 1, sanitize_line(&e.url)))?;
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// `dateline show --json`. Stable: documented in the README.
#[derive(Serialize)]
struct ArticleFullJson<'a> {
    #[serde(flatten)]
    summary: ArticleJson<'a>,
    guid: &'a str,
    updated: Option<DateTime<Utc>>,
    first_seen: DateTime<Utc>,
    categories: &'a [String],
    enclosures: &'a [crate::model::Enclosure],
    summary_html: Option<&'a str>,
    content_html: Option<&'a str>,
    text: &'a str,
    /// The article's fetched page (full text), if any.
    page: Option<&'a crate::model::ArticlePage>,
    /// Why the last fetch of its page failed, when it has none.
    page_error: Option<String>,
    /// The links of the text `show` prints (the page's when it has one, else the feed's),
    /// in the reader's numbering (`links[0]` is `[1]`).
    links: Vec<String>,
}

impl<'a> From<&'a Article> for ArticleFullJson<'a> {
    fn from(a: &'a Article) -> Self {
        ArticleFullJson {
            summary: ArticleJson {
                id: a.id.0,
                feed_id: a.feed_id.0,
                feed: &a.feed_title,
                title: &a.title,
                link: a.link.as_deref(),
                authors: &a.authors,
                published: a.published,
                read: a.read,
                starred: a.starred,
            },
            guid: &a.guid,
            updated: a.updated,
            first_seen: a.first_seen,
            categories: &a.categories,
            enclosures: &a.enclosures,
            summary_html: a.summary_html.as_deref(),
            content_html: a.content_html.as_deref(),
            text: &a.text,
            page: None,
            page_error: None,
            links: Vec::new(),
        }
    }
}
