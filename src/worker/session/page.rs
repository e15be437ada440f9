//! The session's article pages (full text) fetched on demand: one at a time per request, on
//! a task of its own, answered as [`WorkerEvent::Page`].

use super::*;

impl Session {
    /// Fetches the article's page now, whatever the configuration says, on a task of its own
    /// (reading carries on while the page downloads); answers with [`WorkerEvent::Page`],
    /// `fetched`, then finds its people and places again from the whole text.
    pub(super) fn fetch_page(&self, id: ArticleId) {
        let (store, fetcher, events) = (
            self.store.clone(),
            self.fetcher.clone(),
            self.events.clone(),
        );
        let (priority, extraction) = (self.priority.clone(), self.extraction.clone());
        tokio::spawn(async move {
            let answer = match pages::fetch_article(&store, &fetcher, id).await {
                Ok(done) => {
                    store
                        .read(move |s| {
                            let mut event = page_event(s, id, true)?;
                            if let WorkerEvent::Page { error, .. } = &mut event {
                                *error = done.error;
                            }
                            Ok(vec![event])
                        })
                        .await
                }
                Err(e) => Err(e),
            };
            send_all(&events, flat(answer));
            // Its people and places, from the whole text now, before the backlog.
            priority.push(id);
            let _ = extraction.send(());
        });
    }
}

/// The [`WorkerEvent::Page`] of an article as stored.
pub(super) fn page_event(
    s: &Store,
    id: ArticleId,
    fetched: bool,
) -> Result<WorkerEvent, StoreError> {
    Ok(WorkerEvent::page(
        id,
        s.article_page(id)?.map(Box::new),
        s.page_error(id)?,
        fetched,
    ))
}
