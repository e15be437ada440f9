//! The session's syncs: one at a time on a task of its own, progress and outcome reported as
//! [`WorkerEvent::Sync`].

use super::*;

impl Session {
    /// Starts one sync on a task of its own (reading carries on meanwhile), unless one is
    /// running; its progress and outcome go to the interface as [`WorkerEvent::Sync`].
    pub(super) fn start_sync(&self, setup: Arc<SyncSetup>) {
        let runner = self.sync_runner(setup);
        tokio::spawn(async move {
            if !runner.run().await {
                let _ = runner
                    .events
                    .send(WorkerEvent::Error("a sync is already running".to_owned()));
            }
        });
    }

    /// What a task needs to run a sync of its own later (after adding a feed).
    pub(super) fn sync_runner(&self, setup: Arc<SyncSetup>) -> SyncRunner {
        SyncRunner {
            store: self.store.clone(),
            events: self.events.clone(),
            extraction: self.extraction.clone(),
            syncing: Arc::clone(&self.syncing),
            setup,
        }
    }
}

/// One sync at a time for the session, from whichever task starts it.
pub(super) struct SyncRunner {
    store: StoreActor,
    events: mpsc::UnboundedSender<WorkerEvent>,
    extraction: mpsc::UnboundedSender<()>,
    syncing: Arc<AtomicBool>,
    setup: Arc<SyncSetup>,
}

impl SyncRunner {
    /// Runs one sync to its end (progress and outcome sent as [`WorkerEvent::Sync`]), then
    /// wakes the extraction queue; false, doing nothing, when another sync is running.
    pub(super) async fn run(&self) -> bool {
        if self.syncing.swap(true, Ordering::SeqCst) {
            return false;
        }
        run_sync_task(&self.store, &self.setup, &self.events).await;
        self.syncing.store(false, Ordering::SeqCst);
        let _ = self.extraction.send(());
        true
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
