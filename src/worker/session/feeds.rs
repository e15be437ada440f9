//! The session's side of managing feeds: subscribing and unsubscribing through
//! [`crate::worker::subscribe`], re-reading the config file before a refresh of every feed,
//! and the refreshes these start. With a sync server the feed keys act on the server instead
//! (see [`crate::worker::sync::subscriptions`]), each on a task of its own, and a new feed's
//! articles come with a sync. Split from `session` to keep each file small; it reaches into
//! [`Session`]'s fields as a child module.

use super::*;
use crate::sync::Client;
use crate::worker::sync::SyncRunError;
use crate::worker::sync::subscriptions;

impl Session {
    /// [`Command::AddFeed`]: subscribes on a task of its own (fetching the address may take
    /// the whole timeout, and the list must not wait for it), then refreshes the new feeds.
    pub(super) fn add_feed(&self, url: String) -> bool {
        if let Some(setup) = &self.sync {
            self.add_feed_on_server(Arc::clone(setup), url);
            return true;
        }
        let Some((path, _)) = &self.config else {
            return send_all(&self.events, Err(no_config().to_string()));
        };
        let path = path.clone();
        let (store, fetcher, events) = (
            self.store.clone(),
            self.fetcher.clone(),
            self.events.clone(),
        );
        let (extraction, keep_days) = (self.extraction.clone(), self.keep_days);
        let after = self.after_refresh();
        tokio::spawn(async move {
            let request = AddRequest {
                url,
                title: None,
                tags: Vec::new(),
                all: false,
            };
            let (config, message, urls) = match subscribe::add(&fetcher, &path, &request).await {
                Ok(AddOutcome::Choose { page, feeds }) => {
                    let feeds = feeds.into_iter().map(|a| (a.url, a.title)).collect();
                    let _ = events.send(WorkerEvent::FeedChoices { page, feeds });
                    return;
                }
                Ok(AddOutcome::Added {
                    feeds,
                    config: Some(config),
                }) => {
                    let message = added_message(&feeds);
                    let urls: Vec<String> = feeds.into_iter().map(|(spec, _)| spec.url).collect();
                    (*config, message, urls)
                }
                Ok(AddOutcome::Added { config: None, .. }) => return,
                Err(e) => {
                    let _ = events.send(WorkerEvent::Error(e.to_string()));
                    return;
                }
            };
            if !announce(&store, &events, Ok((config, message))).await {
                return;
            }
            // Fetch the new feeds at once, as a refresh of those feeds.
            let ids = store
                .read(move |s| {
                    let mut ids = Vec::new();
                    for url in &urls {
                        if let Some(feed) = s.feed_by_url(url)? {
                            ids.push(feed.id);
                        }
                    }
                    Ok::<_, StoreError>(ids)
                })
                .await;
            if let Ok(Ok(ids)) = ids {
                run_refresh(&store, &fetcher, Some(ids), keep_days, after, &events).await;
                let _ = extraction.send(());
            }
        });
        true
    }

    /// [`Command::AddFeed`] with a sync server: the same discovery, then the feeds are
    /// subscribed to on the server, the cache's feed list follows, and a sync brings their
    /// articles (unless one is running: then the next one does).
    fn add_feed_on_server(&self, setup: Arc<SyncSetup>, url: String) {
        let (store, fetcher, events) = (
            self.store.clone(),
            self.fetcher.clone(),
            self.events.clone(),
        );
        let runner = self.sync_runner(Arc::clone(&setup));
        tokio::spawn(async move {
            let request = AddRequest {
                url,
                title: None,
                tags: Vec::new(),
                all: false,
            };
            let result = async {
                let client = login(&setup).await?;
                subscribe::add_on_server(&fetcher, &store, &client, &request).await
            }
            .await;
            match result {
                Ok(AddOutcome::Choose { page, feeds }) => {
                    let feeds = feeds.into_iter().map(|a| (a.url, a.title)).collect();
                    let _ = events.send(WorkerEvent::FeedChoices { page, feeds });
                }
                Ok(AddOutcome::Added { feeds, .. }) => {
                    let message = added_message(&feeds);
                    if announce_server(&store, &events, Ok(Some(message))).await
                        && !runner.run().await
                    {
                        let _ = events.send(WorkerEvent::Error(
                            "a sync is running: the new feed's articles come with the next one"
                                .to_owned(),
                        ));
                    }
                }
                Err(e @ SubscribeError::PartlyAdded { .. }) => {
                    // Some feeds were added: the list shows them, the message says the rest.
                    let _ = events.send(WorkerEvent::Error(e.to_string()));
                    announce_server(&store, &events, Ok(None)).await;
                }
                Err(e) => {
                    let _ = events.send(WorkerEvent::Error(e.to_string()));
                }
            }
        });
    }

    /// [`Command::RemoveFeed`]: out of the config file, or with a sync server, unsubscribed
    /// on the server. False once the interface is gone.
    pub(super) async fn remove_feed(&mut self, url: String) -> bool {
        if let Some(setup) = &self.sync {
            let (setup, store, events) =
                (Arc::clone(setup), self.store.clone(), self.events.clone());
            tokio::spawn(async move {
                let result = async {
                    let client = login(&setup).await?;
                    subscriptions::unsubscribe_named(&store, &client, &url).await
                }
                .await;
                let message = result
                    .map(|feed| Some(format!("removed {}", feed.title.unwrap_or(feed.url))))
                    .map_err(|e| e.to_string());
                announce_server(&store, &events, message).await;
            });
            return true;
        }
        let result = match &self.config {
            Some((path, _)) => subscribe::remove(path, &url).map(|(removed, config)| {
                let name = removed.title.unwrap_or(removed.url);
                (config, format!("removed {name}"))
            }),
            None => Err(no_config()),
        };
        self.feeds_changed(result).await
    }

    /// [`Command::EditFeed`]: in the config file, or with a sync server, the subscription's
    /// title and labels on the server. False once the interface is gone.
    pub(super) async fn edit_feed(
        &mut self,
        url: String,
        title: Option<String>,
        tags: Vec<String>,
    ) -> bool {
        if let Some(setup) = &self.sync {
            let (setup, store, events) =
                (Arc::clone(setup), self.store.clone(), self.events.clone());
            tokio::spawn(async move {
                let result = async {
                    let client = login(&setup).await?;
                    subscriptions::edit(&store, &client, &url, title.as_deref(), &tags).await
                }
                .await;
                let message = result
                    .map(|feed| {
                        let name = title.or(feed.title).unwrap_or(feed.url);
                        Some(format!(
                            "saved the title and tags of {name} on the sync server"
                        ))
                    })
                    .map_err(|e| e.to_string());
                announce_server(&store, &events, message).await;
            });
            return true;
        }
        let result = match &self.config {
            Some((path, _)) => {
                subscribe::retitle(path, &url, title.as_deref(), &tags).map(|config| {
                    let name = title.unwrap_or(url);
                    (config, format!("saved the title and tags of {name}"))
                })
            }
            None => Err(no_config()),
        };
        self.feeds_changed(result).await
    }

    /// The `[downloads]` settings of the configuration as last read.
    pub(super) fn downloads(&self) -> crate::config::Downloads {
        self.config
            .as_ref()
            .map(|(_, c)| c.downloads.clone())
            .unwrap_or_default()
    }

    /// Refreshes `ids` (all when `None`) on a task of its own: reading carries on while feeds
    /// download.
    pub(super) fn spawn_refresh(&mut self, ids: Option<Vec<FeedId>>) {
        let (store, fetcher, events) = (
            self.store.clone(),
            self.fetcher.clone(),
            self.events.clone(),
        );
        let (extraction, keep_days) = (self.extraction.clone(), self.keep_days);
        let after = self.after_refresh();
        let problem = self.config_problem.take();
        // Which feeds' pages are fetched afterwards: the configuration as last read.
        let full_text: FullTextOf = match &self.config {
            Some((_, c)) => {
                let c = c.clone();
                Arc::new(move |url| c.full_text_of(url))
            }
            None => Arc::clone(&self.full_text),
        };
        tokio::spawn(async move {
            let refreshed =
                run_refresh(&store, &fetcher, ids.clone(), keep_days, after, &events).await;
            if let Some(problem) = problem {
                let _ = events.send(WorkerEvent::Error(problem));
            }
            let _ = extraction.send(());
            // Then the pages of summary-only feeds, whose people and places are found again
            // from the whole text.
            let ids = ids.as_deref();
            fetch_pages(
                &store,
                &fetcher,
                refreshed,
                ids,
                &full_text,
                &extraction,
                &events,
            )
            .await;
        });
    }

    /// What follows a refresh, from the configuration as last read.
    pub(super) fn after_refresh(&self) -> Option<AfterRefresh> {
        self.config
            .as_ref()
            .map(|(_, c)| AfterRefresh::from_config(c))
    }

    /// After an edit of the feed list made here: remembers the new configuration, and the
    /// cache and the interface follow it.
    pub(super) async fn feeds_changed(
        &mut self,
        result: Result<(Config, String), SubscribeError>,
    ) -> bool {
        if let (Ok((config, _)), Some((_, current))) = (&result, &mut self.config) {
            *current = config.clone();
        }
        announce(&self.store, &self.events, result).await
    }

    /// Reads the config file again; when its feeds or views changed, the cache and the
    /// interface follow. A file that no longer loads is reported and the old one kept. False
    /// once the interface is gone.
    pub(super) async fn reload_config(&mut self) -> bool {
        let Some((path, current)) = &self.config else {
            return true;
        };
        let loaded = match std::fs::read_to_string(path) {
            Ok(text) => Config::from_toml(&text, path).map_err(|e| e.to_string()),
            Err(e) => Err(format!("cannot read {}: {e}", path.display())),
        };
        let config = match loaded {
            Ok(config) => config,
            Err(e) => {
                // Sent after the refresh's end, so the status bar keeps the problem in view.
                self.config_problem = Some(format!("{e}; the configuration is unchanged"));
                return true;
            }
        };
        let feeds_changed = config.feeds != current.feeds;
        let views_changed = config.views != current.views;
        if views_changed
            && self
                .events
                .send(WorkerEvent::ViewsChanged(config.views.clone()))
                .is_err()
        {
            return false;
        }
        let message = "the configuration file changed: feeds reloaded".to_string();
        if feeds_changed {
            return self.feeds_changed(Ok((config, message))).await;
        }
        if let Some((_, current)) = &mut self.config {
            *current = config;
        }
        true
    }
}

/// The cache follows `config`'s feed list, and the interface hears what changed (or why
/// nothing did). False once the interface is gone.
async fn announce(
    store: &StoreActor,
    events: &mpsc::UnboundedSender<WorkerEvent>,
    result: Result<(Config, String), SubscribeError>,
) -> bool {
    let (config, message) = match result {
        Ok(done) => done,
        Err(e) => return send_all(events, Err(e.to_string())),
    };
    let specs = config.feeds;
    let answer = flat(
        store
            .call(move |s| {
                s.sync_feeds(&specs)?;
                Ok(vec![
                    WorkerEvent::FeedsChanged { message },
                    WorkerEvent::Feeds(s.feeds()?),
                ])
            })
            .await,
    );
    send_all(events, answer)
}

/// After a change on the sync server (which has already brought the cache's feed list in
/// line): the interface hears what changed (`message`, when given) and gets the fresh list;
/// or, on `Err`, why nothing changed. False once the interface is gone.
async fn announce_server(
    store: &StoreActor,
    events: &mpsc::UnboundedSender<WorkerEvent>,
    result: Result<Option<String>, String>,
) -> bool {
    let message = match result {
        Ok(message) => message,
        Err(e) => return send_all(events, Err(e)),
    };
    let answer = flat(
        store
            .read(move |s| {
                let mut answer: Vec<WorkerEvent> = message
                    .map(|message| WorkerEvent::FeedsChanged { message })
                    .into_iter()
                    .collect();
                answer.push(WorkerEvent::Feeds(s.feeds()?));
                Ok::<_, StoreError>(answer)
            })
            .await,
    );
    send_all(events, answer)
}

/// Logs in to the sync server for one subscription change.
async fn login(setup: &SyncSetup) -> Result<Client, SyncRunError> {
    Ok(setup.connect().await?.0)
}

/// "added A, B": the feeds by their own titles, else their addresses.
fn added_message(feeds: &[(crate::model::FeedSpec, Option<String>)]) -> String {
    let names: Vec<String> = feeds
        .iter()
        .map(|(spec, own)| {
            spec.title
                .clone()
                .or_else(|| own.clone())
                .unwrap_or_else(|| spec.url.clone())
        })
        .collect();
    format!("added {}", names.join(", "))
}

/// The error of a feed edit in a session without a config file.
pub(super) fn no_config() -> SubscribeError {
    SubscribeError::Edit(crate::config::edit::EditError::Config(
        "this reader has no configuration file to edit".into(),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fetch::FetcherOptions;
    use crate::store::Store;

    /// Events until one `pick` accepts, or none within five seconds.
    async fn until<T>(
        events: &mut mpsc::UnboundedReceiver<WorkerEvent>,
        mut pick: impl FnMut(&WorkerEvent) -> Option<T>,
    ) -> Option<T> {
        let deadline = tokio::time::Instant::now() + std::time::Duration::from_secs(5);
        loop {
            let event = tokio::time::timeout_at(deadline, events.recv())
                .await
                .ok()??;
            if let Some(t) = pick(&event) {
                return Some(t);
            }
        }
    }

    #[tokio::test]
    async fn refresh_all_reads_the_config_again_and_remove_edits_it() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("config.toml");
        let a = dir.path().join("a.xml").to_string_lossy().into_owned();
        let b = dir.path().join("b.xml").to_string_lossy().into_owned();
        let first = format!("# mine\n[[feeds]]\nurl = \"{a}\"\n");
        std::fs::write(&path, &first).unwrap();
        let config = Config::from_toml(&first, &path).unwrap();
        let mut store = Store::open_in_memory().unwrap();
        store.sync_feeds(&config.feeds).unwrap();
        let (actor, _thread) = StoreActor::spawn(store).unwrap();
        let fetcher = Fetcher::new(FetcherOptions {
            concurrency: 1,
            per_host: 1,
            connect_timeout: std::time::Duration::from_secs(1),
            timeout: std::time::Duration::from_secs(1),
            max_bytes: 1 << 20,
            user_agent: "dateline-test/0.1".into(),
        })
        .unwrap();
        let (tx, mut events) = mpsc::unbounded_channel();
        let commands =
            spawn_session_with_config(actor, fetcher, None, Some((path.clone(), config)), tx);

        // Edited in an editor: a feed and a view more.
        let second = format!(
            "{first}\n[[feeds]]\nurl = \"{b}\"\ntitle = \"Bee\"\n\n[[views]]\nname = \"V\"\nquery = \"x\"\n"
        );
        std::fs::write(&path, &second).unwrap();
        commands.send(Command::Refresh(None)).unwrap();
        let views = until(&mut events, |e| match e {
            WorkerEvent::ViewsChanged(v) => Some(v.len()),
            _ => None,
        })
        .await;
        assert_eq!(views, Some(1));
        let feeds = until(&mut events, |e| match e {
            WorkerEvent::Feeds(f) => Some(f.iter().map(|f| f.title.clone()).collect::<Vec<_>>()),
            _ => None,
        })
        .await
        .unwrap();
        assert!(feeds.contains(&"Bee".to_string()), "{feeds:?}");

        // A broken file is reported after the refresh, and the old configuration kept.
        std::fs::write(&path, format!("{second}\nbroken = = 1\n")).unwrap();
        commands.send(Command::Refresh(None)).unwrap();
        let problem = until(&mut events, |e| match e {
            WorkerEvent::Error(m) if m.contains("unchanged") => Some(m.clone()),
            _ => None,
        })
        .await;
        assert!(problem.is_some());

        // Removing edits the file and keeps the comment.
        std::fs::write(&path, &second).unwrap();
        commands
            .send(Command::RemoveFeed { url: b.clone() })
            .unwrap();
        let message = until(&mut events, |e| match e {
            WorkerEvent::FeedsChanged { message } => Some(message.clone()),
            _ => None,
        })
        .await;
        assert_eq!(message.as_deref(), Some("removed Bee"));
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(
            text.starts_with("# mine\n") && !text.contains("b.xml"),
            "{text}"
        );
    }
}
