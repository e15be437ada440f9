//! Subscribing and unsubscribing: the one place where a feed is added to or removed from the
//! user's feed list, for `dateline add`/`remove` and the reader's feed keys alike.
//!
//! Why it exists: adding a feed is more than a config edit. The address is fetched first, so
//! a typo or a dead server is caught at once; a web page is searched for the feeds it links
//! (`<link rel="alternate">`) and one is chosen, or the user is asked to choose. The config
//! file is edited in place by [`crate::config::edit`], keeping the user's comments. With a
//! sync server, the server owns the feed list: [`add_on_server`] makes the same discovery
//! ([`discover`]) and subscribes there, and the cache follows the server's list (removing and
//! editing are [`crate::worker::sync::subscriptions`]'s). No SQL: the caller syncs the cache
//! with the configuration returned.

use std::path::Path;

use chrono::Utc;

use crate::config::Config;
use crate::config::edit::{self, EditError};
use crate::fetch::{
    Alternate, FetchRequest, FetchResponse, Fetcher, alternates, looks_like_html, parse_feed_within,
};
use crate::model::FeedSpec;
use crate::sync::{Client, SyncError};
use crate::worker::StoreActor;
use crate::worker::sync::SyncRunError;
use crate::worker::sync::subscriptions::{
    pull_subscriptions, server_feed_list, subscribe_on_server,
};

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
    /// configuration as now written (`None` when a sync server owns the feed list: it was
    /// added there, and the config file is untouched).
    Added {
        feeds: Vec<(FeedSpec, Option<String>)>,
        config: Option<Box<Config>>,
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
    /// The address is already a subscription on the sync server.
    #[error("{0} is already a subscription on the sync server")]
    AlreadySubscribed(String),
    /// The sync server could not be reached, or refused (nothing changed locally).
    #[error(transparent)]
    Sync(#[from] SyncRunError),
    /// The sync server refused one of a page's feeds after subscribing to the ones before it
    /// (which the cache now lists).
    #[error("{error} (subscribed before it: {})", added.join(", "))]
    PartlyAdded {
        added: Vec<String>,
        error: SyncError,
    },
}

impl From<SyncError> for SubscribeError {
    fn from(e: SyncError) -> SubscribeError {
        SubscribeError::Sync(e.into())
    }
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
    let current = load(config_path)?;
    let present: Vec<String> = current.feeds.iter().map(|f| f.url.clone()).collect();
    let specs = match discover(fetcher, request, &present).await? {
        Discovery::Feeds(specs) => specs,
        Discovery::Choose { page, feeds } => return Ok(AddOutcome::Choose { page, feeds }),
    };
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
        config: Some(Box::new(config)),
    })
}

/// What [`discover`] found at an address.
#[derive(Debug, Clone, PartialEq)]
pub enum Discovery {
    /// The feeds to subscribe to, with the request's title and tags, and each feed's own
    /// title as fetched.
    Feeds(Vec<(FeedSpec, Option<String>)>),
    /// A web page linking several feeds, and `all` was not asked for.
    Choose { page: String, feeds: Vec<Alternate> },
}

/// Finds what `request.url` subscribes to, the same way whoever owns the feed list (the
/// config file, or a sync server): the address is fetched; a feed is itself; a web page's
/// linked feeds are fetched in turn (each must be a feed), one is taken when it links one (or
/// with `all`, every one), several without `all` come back as [`Discovery::Choose`]. Feeds
/// whose address is in `present` (already subscribed) are left out; nothing left is
/// [`EditError::AlreadyPresent`].
pub async fn discover(
    fetcher: &Fetcher,
    request: &AddRequest,
    present: &[String],
) -> Result<Discovery, SubscribeError> {
    let url = with_scheme(&request.url);
    if present.contains(&url) {
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
            return Ok(Discovery::Choose { page: url, feeds });
        }
        Probe::Page { feeds } => {
            if feeds.len() > 1 && request.title.is_some() {
                return Err(SubscribeError::TitleForMany(feeds.len()));
            }
            let mut out = Vec::new();
            for alt in feeds {
                if present.contains(&alt.url) {
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
    Ok(Discovery::Feeds(
        found
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
            .collect(),
    ))
}

/// [`add`] when a sync server owns the feed list: the same discovery (against the server's
/// subscriptions), then each feed found is subscribed to on the server (`quickadd`, then its
/// title and the request's tags as labels), and the cache's feed list follows the server's.
/// The config file is not touched. Their articles come with the next sync.
pub async fn add_on_server(
    fetcher: &Fetcher,
    store: &StoreActor,
    client: &Client,
    request: &AddRequest,
) -> Result<AddOutcome, SubscribeError> {
    let present: Vec<String> = server_feed_list(client)
        .await?
        .into_iter()
        .map(|f| f.url)
        .collect();
    let specs = match discover(fetcher, request, &present).await {
        Ok(Discovery::Feeds(specs)) => specs,
        Ok(Discovery::Choose { page, feeds }) => return Ok(AddOutcome::Choose { page, feeds }),
        Err(SubscribeError::Edit(EditError::AlreadyPresent(url))) => {
            return Err(SubscribeError::AlreadySubscribed(url));
        }
        Err(e) => return Err(e),
    };
    let mut added = Vec::new();
    let mut refused = None;
    for (spec, own) in specs {
        let title = spec.title.as_deref();
        match subscribe_on_server(client, &spec.url, title, &spec.tags).await {
            Ok(_) => added.push((spec, own)),
            Err(error) => {
                refused = Some(error);
                break;
            }
        }
    }
    if !added.is_empty() {
        pull_subscriptions(store, client).await?;
    }
    match refused {
        None => Ok(AddOutcome::Added {
            feeds: added,
            config: None,
        }),
        Some(error) if added.is_empty() => Err(error.into()),
        Some(error) => Err(SubscribeError::PartlyAdded {
            added: added.into_iter().map(|(spec, _)| spec.url).collect(),
            error,
        }),
    }
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
