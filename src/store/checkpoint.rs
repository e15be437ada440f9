//! Copies the write-ahead log back into the database file on a thread of its own.
//!
//! Why: with SQLite's automatic checkpoint, the connection that commits copies the log into
//! the database file and syncs it, inside the commit. During a cold refresh that was about a
//! fifth of the store thread's time, and the store thread is the slowest stage of a refresh.
//! Here a second connection on its own thread runs a passive checkpoint whenever the store
//! says it wrote, so the copying and the sync overlap the next feed's transaction. A passive
//! checkpoint never blocks or waits for the writer, and checkpointing is crash-safe by
//! SQLite's design: a refresh killed at any point leaves a consistent database.
//!
//! What it must not do: write anything but the checkpoint, or hold up the store. If it cannot
//! start, the store keeps SQLite's automatic checkpoint instead.

use std::path::Path;
use std::sync::mpsc::{self, SyncSender, TrySendError};
use std::thread::{self, JoinHandle};

use rusqlite::Connection;

/// A passive checkpoint of the store's database file, run on a background thread.
pub(super) struct Checkpointer {
    /// Wakes the thread; `None` once stopping. At most one wake-up waits, so many commits in
    /// a row ask for one more checkpoint, not one each.
    nudge: Option<SyncSender<()>>,
    thread: Option<JoinHandle<()>>,
}

impl Checkpointer {
    /// Opens a second connection to `path` and starts the thread; `None` when either fails
    /// (the caller then keeps SQLite's automatic checkpoint).
    pub(super) fn start(path: &Path) -> Option<Checkpointer> {
        let conn = match Connection::open(path) {
            Ok(conn) => conn,
            Err(e) => {
                tracing::debug!("no background checkpoint for {}: {e}", path.display());
                return None;
            }
        };
        let (nudge, wake) = mpsc::sync_channel::<()>(1);
        let thread = thread::Builder::new()
            .name("dateline-checkpoint".into())
            .spawn(move || {
                while wake.recv().is_ok() {
                    // Frames another connection holds back stay for the next checkpoint; a
                    // busy or failed checkpoint is retried at the next nudge.
                    if let Err(e) = conn.query_row("PRAGMA wal_checkpoint(PASSIVE)", [], |_| Ok(()))
                    {
                        tracing::debug!("background checkpoint: {e}");
                    }
                }
            });
        match thread {
            Ok(thread) => Some(Checkpointer {
                nudge: Some(nudge),
                thread: Some(thread),
            }),
            Err(e) => {
                tracing::debug!("no background checkpoint thread: {e}");
                None
            }
        }
    }

    /// Asks for a checkpoint soon; never blocks.
    pub(super) fn nudge(&self) {
        if let Some(nudge) = &self.nudge {
            match nudge.try_send(()) {
                Ok(()) | Err(TrySendError::Full(())) | Err(TrySendError::Disconnected(())) => {}
            }
        }
    }
}

impl Drop for Checkpointer {
    /// Stops the thread after the checkpoint it is running, and closes its connection before
    /// the store closes its own (the last connection to close checkpoints the rest).
    fn drop(&mut self) {
        self.nudge = None;
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Frames in the log and frames already copied, as a passive checkpoint reports them.
    fn wal_state(conn: &Connection) -> (i64, i64) {
        conn.query_row("PRAGMA wal_checkpoint(PASSIVE)", [], |row| {
            Ok((row.get(1)?, row.get(2)?))
        })
        .unwrap()
    }

    #[test]
    fn a_nudge_copies_the_log_into_the_database_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("c.db");
        let conn = Connection::open(&path).unwrap();
        conn.pragma_update(None, "journal_mode", "WAL").unwrap();
        conn.pragma_update(None, "wal_autocheckpoint", 0).unwrap();
        conn.execute_batch("CREATE TABLE t (x); INSERT INTO t VALUES (randomblob(100000));")
            .unwrap();
        // A reader on the file alone (not the log) sees nothing yet: the rows are in the log.
        let size_before = std::fs::metadata(&path).unwrap().len();
        let checkpointer = Checkpointer::start(&path).unwrap();
        checkpointer.nudge();
        drop(checkpointer); // Joins after the checkpoint it was asked for.
        let size_after = std::fs::metadata(&path).unwrap().len();
        assert!(
            size_after > size_before + 90_000,
            "the database file should hold the row now ({size_before} -> {size_after})"
        );
        let (log, copied) = wal_state(&conn);
        assert_eq!(log, copied, "every frame should be copied");
    }

    #[test]
    fn it_does_not_start_on_a_path_it_cannot_open() {
        let dir = tempfile::tempdir().unwrap();
        assert!(Checkpointer::start(&dir.path().join("missing/dir/c.db")).is_none());
    }
}
