//! `dateline fulltext`: the article of one web page, from a saved file (offline) or a URL
//! fetched with the configured limits. Prints the title, byline and date, then the text; or
//! the JSON of [`ExtractedArticle`]. The text is what search and entity extraction see.

use std::process::ExitCode;

use anyhow::{Context, Result, anyhow};
use url::Url;

use super::env::{Env, runtime};
use super::output::Out;
use super::{UsageError, read_capped_bytes};
use crate::cli::FulltextArgs;
use crate::extract::article::{ExtractedArticle, MAX_PAGE_BYTES, extract_page, render_plain};

/// `dateline fulltext FILE|URL [--url PAGE_URL] [--json]`.
pub(super) fn run(args: &FulltextArgs, env: &dyn Fn() -> Result<Env>) -> Result<ExitCode> {
    let base = match &args.url {
        Some(raw) => Some(
            Url::parse(raw)
                .map_err(|e| UsageError(format!("--url {raw} is not an absolute URL: {e}")))?,
        ),
        None => None,
    };
    let is_url = args.source.starts_with("http://") || args.source.starts_with("https://");
    let (bytes, content_type, base) = if is_url {
        let env = env()?;
        let fetcher = env.fetcher()?;
        let rt = runtime(Some(1))?;
        let page = rt
            .block_on(fetcher.fetch_page(&args.source))
            .with_context(|| format!("cannot fetch {}", args.source))?;
        let base = base.or_else(|| Url::parse(&page.final_url).ok());
        (page.body, page.content_type, base)
    } else {
        let path = std::path::Path::new(&args.source);
        // A saved page longer than the cap keeps its beginning, as a fetched one does.
        let bytes = read_capped_bytes(path, MAX_PAGE_BYTES as u64)?;
        (bytes, None, base)
    };
    let article: ExtractedArticle = extract_page(&bytes, content_type.as_deref(), base.as_ref())
        .ok_or_else(|| anyhow!("{} holds no text to extract", args.source))?;
    let mut out = Out::new();
    if args.json {
        out.json(&article)?;
    } else {
        out.write(&render_plain(&article))?;
    }
    Ok(ExitCode::SUCCESS)
}
