//! Subscribing and unsubscribing: the one place where a feed is added to or removed from the
//! user's feed list, for `dateline add`/`remove` and the reader's feed keys alike.
//!
//! Why it exists: adding a feed is more than a config edit. The address is fetched first, so
//! a typo or a dead server is caught at once; a web page is searched for the feeds it links
//! (`<link rel="alternate">`) and one is chosen, or the user is asked to choose. The config
//! file is edited in place by [`crate::config::edit`], keeping the user's comments. A
//! synchronisation server, when one is configured, hooks in here too: whatever subscribes or
//! unsubscribes goes through [`add`] and [`remove`]. No SQL: the caller syncs the cache with
//! the configuration returned.

use std::path::Path;

use chrono::Utc;

use crate::config::Config;
use crate::config::edit::{self, EditError};
use crate::fetch::{
    Alternate, FetchRequest, FetchResponse, Fetcher, alternates, looks_like_html, parse_feed_within,
};
use crate::model::FeedSpec;

/// What to subscribe to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AddRequest {
    /// A feed's address, or a web page that links feeds.
    pub url: String,
    /// The title to configure (else the feed's own is shown).
    pub title: Option<String>,
    pub tags: Vec<String>,
    /// When the page links several feeds: add them all instead of asking.
    pub all: bool,
}

/// What [`add`] did.
#[derive(Debug, Clone, PartialEq)]
pub enum AddOutcome {
    /// These feeds were added (with their own titles, as fetched, for the message); the
    /// configuration as now written.
    Added {
        feeds: Vec<(FeedSpec, Option<String>)>,
        config: Box<Config>,
    },
    /// The address is a web page that links several feeds: nothing was added; the user
    /// picks one (or asks for all).
    Choose { page: String, feeds: Vec<Alternate> },
}

/// Why a subscription failed, for the user.
#[derive(Debug, thiserror::Error)]
pub enum SubscribeError {
    #[error(transparent)]
    Edit(#[from] EditError),
    /// The address could not be fetched.
    #[error("cannot fetch {url}: {reason}")]
    Fetch { url: String, reason: String },
    /// The address is neither a feed nor a page linking one.
    #[error("{url} is not a feed: {reason}")]
    NotAFeed { url: String, reason: String },
    /// A title was given for several feeds at once.
    #[error("--title names one feed, but the page links {0}: add them one at a time")]
    TitleForMany(usize),
}

/// Adds the feed at `request.url` to the configuration file at `config_path`.
///
/// The address is fetched: a feed is added as given; a web page's linked feeds are found, and
/// one is added when it links one (or when `all`, every one); several without `all` come back
/// as [`AddOutcome::Choose`]. An address without a scheme that is not a local file gets
/// `https://`.
pub async fn add(
    fetcher: &Fetcher,
    config_path: &Path,
    request: &AddRequest,
) -> Result<AddOutcome, SubscribeError> {
    let url = with_scheme(&request.url);
    let current = load(config_path)?;
    if current.feeds.iter().any(|f| f.url == url) {
        return Err(EditError::AlreadyPresent(url).into());
    }
    let found: Vec<(String, Option<String>)> = match probe(fetcher, &url).await? {
        Probe::Feed { title } => vec![(url.clone(), title)],
        Probe::Page { feeds } if feeds.is_empty() => {
            return Err(SubscribeError::NotAFeed {
                url,
                reason: "it is a web page that links no feed".into(),
            });
        }
        Probe::Page { feeds } if feeds.len() > 1 && !request.all => {
            return Ok(AddOutcome::Choose { page: url, feeds });
        }
        Probe::Page { feeds } => {
            if feeds.len() > 1 && request.title.is_some() {
                return Err(SubscribeError::TitleForMany(feeds.len()));
            }
            let mut out = Vec::new();
            for alt in feeds {
                if current.feeds.iter().any(|f| f.url == alt.url) {
                    continue;
                }
                // The linked address must be a feed itself.
                match probe(fetcher, &alt.url).await? {
                    Probe::Feed { title } => out.push((alt.url, title.or(alt.title))),
                    Probe::Page { .. } => {
                        return Err(SubscribeError::NotAFeed {
                            url: alt.url,
                            reason: "the page links it as a feed, but it is a web page".into(),
                        });
                    }
                }
            }
            if out.is_empty() {
                return Err(EditError::AlreadyPresent(url).into());
            }
            out
        }
    };
    let specs: Vec<(FeedSpec, Option<String>)> = found
        .into_iter()
        .map(|(url, own)| {
            (
                FeedSpec {
                    url,
                    title: request.title.clone(),
                    tags: request.tags.clone(),
                },
                own,
            )
        })
        .collect();
    let to_add: Vec<FeedSpec> = specs.iter().map(|(s, _)| s.clone()).collect();
    let config = edit::edit_file(config_path, |text| {
        let mut text = text.to_string();
        for spec in to_add {
            text = edit::add_feed(&text, spec)?;
        }
        Ok(text)
    })?;
    Ok(AddOutcome::Added {
        feeds: specs,
        config: Box::new(config),
    })
}

/// Removes the feed `key` names (its URL, else its configured title) from the configuration
/// file; returns the removed feed and the configuration as now written. The cache keeps its
/// articles hidden, so adding it back brings them back.
pub fn remove(config_path: &Path, key: &str) -> Result<(FeedSpec, Config), SubscribeError> {
    let current = load(config_path)?;
    let url = edit::find_feed(&current.feeds, key)?.url.clone();
    let mut removed = None;
    let config = edit::edit_file(config_path, |text| {
        let (text, feed) = edit::remove_feed(text, &url)?;
        removed = Some(feed);
        Ok(text)
    })?;
    let removed = removed.ok_or_else(|| EditError::NotFound(key.to_string()))?;
    Ok((removed, config))
}

/// Gives the feed at `url` a new title (`None`: the feed's own) and tags; returns the
/// configuration as now written.
pub fn retitle(
    config_path: &Path,
    url: &str,
    title: Option<&str>,
    tags: &[String],
) -> Result<Config, SubscribeError> {
    Ok(edit::edit_file(config_path, |text| {
        edit::set_feed(text, url, title, tags)
    })?)
}

/// What an address turned out to be.
enum Probe {
    /// A feed, with its own title.
    Feed { title: Option<String> },
    /// A web page, with the feeds it links.
    Page { feeds: Vec<Alternate> },
}

async fn probe(fetcher: &Fetcher, url: &str) -> Result<Probe, SubscribeError> {
    let request = FetchRequest {
        url: url.to_string(),
        etag: None,
        last_modified: None,
    };
    let response = fetcher
        .fetch(&request)
        .await
        .map_err(|e| SubscribeError::Fetch {
            url: url.to_string(),
            reason: e.to_string(),
        })?;
    let FetchResponse::Modified {
        body,
        final_url,
        content_type,
        ..
    } = response
    else {
        // No validators were sent, so a 304 is the server's oddity: the address answers.
        return Ok(Probe::Feed { title: None });
    };
    match parse_feed_within(&body, &final_url, Utc::now(), fetcher.max_bytes()) {
        Ok(feed) => Ok(Probe::Feed { title: feed.title }),
        Err(_) if looks_like_html(&body, content_type.as_deref()) => Ok(Probe::Page {
            feeds: alternates(&body, &final_url),
        }),
        Err(e) => Err(SubscribeError::NotAFeed {
            url: url.to_string(),
            reason: e.to_string(),
        }),
    }
}

/// `example.com/feed` as `https://example.com/feed`, unless it names a local file or already
/// has a scheme.
fn with_scheme(url: &str) -> String {
    let url = url.trim();
    if url.contains("://") || Path::new(url).exists() || url::Url::parse(url).is_ok() {
        return url.to_string();
    }
    format!("https://{url}")
}

fn load(config_path: &Path) -> Result<Config, SubscribeError> {
    let text = std::fs::read_to_string(config_path).map_err(|source| EditError::Io {
        path: config_path.to_path_buf(),
        source,
    })?;
    Config::from_toml(&text, config_path)
        .map_err(|e| SubscribeError::Edit(EditError::Config(e.to_string())))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_address_without_a_scheme_gets_https() {
        assert_eq!(with_scheme("example.com/feed"), "https://example.com/feed");
        assert_eq!(with_scheme(" http://x.example/ "), "http://x.example/");
        assert_eq!(with_scheme("file:///tmp/x.xml"), "file:///tmp/x.xml");
        let dir = std::env::temp_dir();
        let local = dir.to_string_lossy().to_string();
        assert_eq!(with_scheme(&local), local);
    }
}
