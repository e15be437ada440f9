//! Subscriptions on the sync server: subscribe, unsubscribe, rename and label a feed there,
//! then bring the cache's feed list in line with the server's.
//!
//! Why it exists: with `[sync]` set, the server owns the subscription list, so `dateline
//! import`, `export`, adding, removing, renaming and tagging a feed act on the server, not on
//! the configuration's `[[feeds]]`. Each function here is one such change; callers (the
//! commands, the reader's session) log in with [`super::SyncSetup::connect`] and pass the
//! client. A feed is named by its address, as the cache and the configuration name it; the
//! server's stream id is looked up in the server's own list, so no earlier sync is needed.
//! Labels are the reader's tags; some servers (FreshRSS) keep one label (folder) per feed,
//! where adding a second one moves the feed, so the last label given wins there.
//!
//! What it must not do: change the cache's feeds before the server said OK (a refused change
//! leaves both sides as they were), or run SQL itself.

use crate::model::FeedSpec;
use crate::sync::{Client, SubscriptionEdit, SyncError};
use crate::worker::StoreActor;

use super::{SyncRunError, server_feeds};
use crate::store::sync::ServerFeed;

/// The server's subscriptions as feeds (address, title, labels as tags), in its order: what
/// `dateline export` writes with sync on.
pub async fn server_feed_list(client: &Client) -> Result<Vec<FeedSpec>, SyncError> {
    let feeds = server_feeds(&client.subscriptions().await?);
    Ok(feeds
        .into_iter()
        .map(|f| FeedSpec {
            url: f.url,
            title: f.title,
            tags: f.labels,
        })
        .collect())
}

/// Reads the server's subscriptions and labels into the cache's feed list (what a sync does
/// first); returns how many feeds the server lists.
pub async fn pull_subscriptions(store: &StoreActor, client: &Client) -> Result<u32, SyncRunError> {
    let feeds = server_feeds(&client.subscriptions().await?);
    let count = feeds.len() as u32;
    store
        .call(move |s| s.sync_apply_subscriptions(&feeds))
        .await??;
    Ok(count)
}

/// Subscribes to the feed at `url` on the server (`subscription/quickadd`, which refuses an
/// address with no feed), titles it `title` and puts it in `labels`, then updates the cache's
/// feed list. Returns the server's stream id (`feed/12`). Its articles arrive with the next
/// sync.
pub async fn subscribe(
    store: &StoreActor,
    client: &Client,
    url: &str,
    title: Option<&str>,
    labels: &[String],
) -> Result<String, SyncRunError> {
    let stream = subscribe_on_server(client, url, title, labels).await?;
    pull_subscriptions(store, client).await?;
    Ok(stream)
}

/// [`subscribe`] without updating the cache: for many feeds at once (an import), followed
/// by one [`pull_subscriptions`].
pub async fn subscribe_on_server(
    client: &Client,
    url: &str,
    title: Option<&str>,
    labels: &[String],
) -> Result<String, SyncError> {
    let stream = client.quickadd(url).await?;
    if let Some(title) = title.filter(|t| !t.trim().is_empty()) {
        client
            .edit_subscription(&SubscriptionEdit::Rename {
                stream: stream.clone(),
                title: title.trim().to_owned(),
            })
            .await?;
    }
    for label in labels {
        client
            .edit_subscription(&SubscriptionEdit::AddLabel {
                stream: stream.clone(),
                label: label.clone(),
            })
            .await?;
    }
    Ok(stream)
}

/// Unsubscribes from the feed with address `url` on the server, then updates the cache's feed
/// list (the feed is hidden there, its articles kept, as for a feed taken out of the
/// configuration).
pub async fn unsubscribe(
    store: &StoreActor,
    client: &Client,
    url: &str,
) -> Result<(), SyncRunError> {
    let feed = find(client, url).await?;
    client
        .edit_subscription(&SubscriptionEdit::Unsubscribe {
            stream: feed.stream,
        })
        .await?;
    pull_subscriptions(store, client).await?;
    Ok(())
}

/// Renames the feed with address `url` on the server, then updates the cache's feed list.
pub async fn rename(
    store: &StoreActor,
    client: &Client,
    url: &str,
    title: &str,
) -> Result<(), SyncRunError> {
    let title = title.trim();
    if title.is_empty() {
        return Err(SyncError::Config("a feed's new title cannot be empty".into()).into());
    }
    let feed = find(client, url).await?;
    client
        .edit_subscription(&SubscriptionEdit::Rename {
            stream: feed.stream,
            title: title.to_owned(),
        })
        .await?;
    pull_subscriptions(store, client).await?;
    Ok(())
}

/// Makes the labels (the reader's tags) of the feed with address `url` exactly `labels` on
/// the server: the missing ones added, the others removed; then updates the cache's feed list.
pub async fn set_labels(
    store: &StoreActor,
    client: &Client,
    url: &str,
    labels: &[String],
) -> Result<(), SyncRunError> {
    let feed = find(client, url).await?;
    relabel(client, &feed, labels).await?;
    pull_subscriptions(store, client).await?;
    Ok(())
}

/// What the reader's feed editor does with sync on: gives the feed with address `url` the
/// title `title` (`None` or blank: left as the server has it, since the API cannot restore
/// a feed's own title) and exactly the labels `labels`, then updates the cache's feed list.
/// Returns the feed as the server listed it before the change.
pub async fn edit(
    store: &StoreActor,
    client: &Client,
    url: &str,
    title: Option<&str>,
    labels: &[String],
) -> Result<ServerFeed, SyncRunError> {
    let feed = find(client, url).await?;
    if let Some(title) = title.map(str::trim).filter(|t| !t.is_empty())
        && feed.title.as_deref() != Some(title)
    {
        client
            .edit_subscription(&SubscriptionEdit::Rename {
                stream: feed.stream.clone(),
                title: title.to_owned(),
            })
            .await?;
    }
    relabel(client, &feed, labels).await?;
    pull_subscriptions(store, client).await?;
    Ok(feed)
}

/// Unsubscribes from the feed `key` names on the server: its address (or stream id), else
/// its title there, ignoring case (a title several feeds share is refused, naming their
/// addresses). Then updates the cache's feed list; returns the feed as the server listed it.
pub async fn unsubscribe_named(
    store: &StoreActor,
    client: &Client,
    key: &str,
) -> Result<ServerFeed, SyncRunError> {
    let feeds = server_feeds(&client.subscriptions().await?);
    let feed = named(feeds, key)?;
    client
        .edit_subscription(&SubscriptionEdit::Unsubscribe {
            stream: feed.stream.clone(),
        })
        .await?;
    pull_subscriptions(store, client).await?;
    Ok(feed)
}

/// The feed of `feeds` that `key` names: see [`unsubscribe_named`].
fn named(feeds: Vec<ServerFeed>, key: &str) -> Result<ServerFeed, SyncError> {
    let refused = |reason: String| SyncError::Rejected {
        what: "the unsubscription",
        reason,
    };
    let key = key.trim();
    if let Some(i) = feeds.iter().position(|f| f.url == key || f.stream == key) {
        return Ok(feeds.into_iter().nth(i).expect("position is in range"));
    }
    let folded = key.to_lowercase();
    let mut by_title: Vec<ServerFeed> = feeds
        .into_iter()
        .filter(|f| {
            f.title
                .as_deref()
                .is_some_and(|t| t.trim().to_lowercase() == folded)
        })
        .collect();
    match by_title.len() {
        1 => Ok(by_title.remove(0)),
        0 => Err(refused(format!(
            "the server has no subscription with the address or title {key:?}"
        ))),
        n => Err(refused(format!(
            "{key:?} is the title of {n} subscriptions: give the address instead ({})",
            by_title
                .iter()
                .map(|f| f.url.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        ))),
    }
}

/// Makes `feed`'s labels exactly `labels` on the server.
async fn relabel(client: &Client, feed: &ServerFeed, labels: &[String]) -> Result<(), SyncError> {
    let wanted: Vec<String> = labels
        .iter()
        .map(|l| l.trim().to_owned())
        .filter(|l| !l.is_empty())
        .collect();
    // Removals first: on a server with one folder per feed, removing the old one after
    // adding the new would move the feed out of the new one.
    for label in feed.labels.iter().filter(|l| !wanted.contains(l)) {
        client
            .edit_subscription(&SubscriptionEdit::RemoveLabel {
                stream: feed.stream.clone(),
                label: label.clone(),
            })
            .await?;
    }
    for label in wanted.iter().filter(|l| !feed.labels.contains(l)) {
        client
            .edit_subscription(&SubscriptionEdit::AddLabel {
                stream: feed.stream.clone(),
                label: label.clone(),
            })
            .await?;
    }
    Ok(())
}

/// The server's subscription with address `url` (or stream id `url`).
async fn find(client: &Client, url: &str) -> Result<ServerFeed, SyncError> {
    server_feeds(&client.subscriptions().await?)
        .into_iter()
        .find(|f| f.url == url || f.stream == url)
        .ok_or_else(|| SyncError::Rejected {
            what: "the subscription change",
            reason: format!("the server has no subscription with the address {url}"),
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn feed(n: u32, title: &str) -> ServerFeed {
        ServerFeed {
            stream: format!("feed/{n}"),
            url: format!("http://127.0.0.1/{n}.xml"),
            title: Some(title.to_owned()),
            site_link: None,
            labels: Vec::new(),
        }
    }

    #[test]
    fn a_feed_is_named_by_address_stream_or_one_title() {
        let feeds = vec![feed(1, "Alpha"), feed(2, "Beta"), feed(3, "beta ")];
        let by = |key: &str| named(feeds.clone(), key).map(|f| f.stream);
        assert_eq!(by("http://127.0.0.1/2.xml").unwrap(), "feed/2");
        assert_eq!(by("feed/3").unwrap(), "feed/3");
        assert_eq!(by(" ALPHA").unwrap(), "feed/1");
        let many = by("Beta").unwrap_err().to_string();
        assert!(
            many.contains("title of 2 subscriptions") && many.contains("/3.xml"),
            "{many}"
        );
        let none = by("Gamma").unwrap_err().to_string();
        assert!(none.contains("no subscription"), "{none}");
    }
}
