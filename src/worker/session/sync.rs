//! The session's syncs: one at a time on a task of its own, progress and outcome reported as
//! [`WorkerEvent::Sync`].

use super::*;

impl Session {
    /// Starts one sync on a task of its own (reading carries on meanwhile), unless one is
    /// running; its progress and outcome go to the interface as [`WorkerEvent::Sync`].
    pub(super) fn start_sync(&self, setup: Arc<SyncSetup>) {
        if self.syncing.swap(true, Ordering::SeqCst) {
            let _ = self
                .events
                .send(WorkerEvent::Error("a sync is already running".to_owned()));
            return;
        }
        let (store, events) = (self.store.clone(), self.events.clone());
        let (extraction, syncing) = (self.extraction.clone(), Arc::clone(&self.syncing));
        tokio::spawn(async move {
            run_sync_task(&store, &setup, &events).await;
            syncing.store(false, Ordering::SeqCst);
            let _ = extraction.send(());
        });
    }
}

/// One sync, its steps and its outcome forwarded to the interface. A failure is an event
/// with the number of local marks still queued, never an end of the session.
async fn run_sync_task(
    store: &StoreActor,
    setup: &SyncSetup,
    events: &mpsc::UnboundedSender<WorkerEvent>,
) {
    let _ = events.send(WorkerEvent::Sync(SyncEvent::Started));
    let progress = {
        let events = events.clone();
        move |step| {
            let _ = events.send(WorkerEvent::Sync(SyncEvent::Step(step)));
        }
    };
    let event = match setup.sync(store, &progress).await {
        Ok(summary) => SyncEvent::Finished(summary),
        Err(e) => {
            tracing::warn!("sync failed: {e}");
            let queued = match store.call(|s| s.sync_queue_len()).await {
                Ok(Ok(n)) => n,
                _ => 0,
            };
            SyncEvent::Failed {
                message: e.to_string(),
                queued,
            }
        }
    };
    let _ = events.send(WorkerEvent::Sync(event));
}
