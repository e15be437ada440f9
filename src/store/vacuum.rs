//! `dateline vacuum`: rewrites a cache compactly, with 16 KiB pages and incremental
//! auto-vacuum, so that a cache made before those settings existed shrinks once and can then
//! give pages back after each prune (see `Store::release_free_pages`).
//!
//! How, and why this way. The page size and auto-vacuum mode change only by rewriting the whole
//! file, and SQLite cannot change the page size of a database in WAL mode in place. So:
//! 1. The cache leaves WAL mode (`journal_mode = DELETE`). SQLite allows that only when no other
//!    connection has the file open: that is how another running dateline is detected, and the
//!    user is told to close it. The connection then holds an exclusive lock until the end
//!    (`locking_mode = EXCLUSIVE`), so nothing can write (or read) between the steps.
//! 2. `VACUUM INTO` a temporary file beside the cache, with the new settings; its growing size
//!    is the progress.
//! 3. The copy is checked: SQLite's integrity check, the full-text index's own check, and the
//!    same number of feeds, articles, mentions and tombstones, read and starred marks.
//! 4. The copy is written back over the cache's pages with SQLite's backup API, in one
//!    transaction through the rollback journal: a crash at any point leaves either the old
//!    cache (the journal rolls it back at the next open) or the new one, never a mix. The file
//!    is never renamed or replaced: a process that opened the old file would otherwise keep
//!    writing to a file no longer there, and a stale `-wal` beside the new file would be
//!    applied to the wrong pages.
//! 5. Back to WAL mode, and the temporary file is deleted (a crash leaves it; the next run
//!    deletes it first).
//!
//! It needs free disk space for the copy and for the journal of the write-back (about the size
//! of the old cache each).

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use rusqlite::backup::{Backup, StepResult};
use rusqlite::{Connection, OpenFlags};

use super::{PAGE_SIZE, Store, StoreError, classify, codec, migrations};

/// How long the vacuum waits for another process's lock before saying the cache is in use.
const LOCK_WAIT: Duration = Duration::from_secs(2);
/// Pages written back per backup step (between progress reports).
const BACKUP_STEP_PAGES: i32 = 1_024;
/// Totals that must be the same in the copy as in the cache.
const TOTALS: &str = "SELECT (SELECT count(*) FROM feeds), (SELECT count(*) FROM articles),
    (SELECT count(*) FROM articles WHERE read = 1), (SELECT count(*) FROM articles WHERE starred = 1),
    (SELECT count(*) FROM mentions), (SELECT count(*) FROM tombstones),
    (SELECT count(*) FROM articles_fts_docsize)";
const FTS_CHECK: &str =
    "INSERT INTO articles_fts (articles_fts, rank) VALUES ('integrity-check', 1)";

/// Where a vacuum is, for a progress line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum VacuumProgress {
    /// Writing the compact copy: bytes written so far, and about how many it will have.
    Copying { done: u64, expected: u64 },
    /// Checking the copy.
    Checking,
    /// Writing the copy back into the cache: pages done of all.
    WritingBack { done: u64, total: u64 },
}

/// What a vacuum did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct VacuumReport {
    /// The cache's size before (file plus write-ahead log) and after, in bytes.
    pub bytes_before: u64,
    pub bytes_after: u64,
    pub page_size_before: i64,
    pub page_size_after: i64,
    /// `PRAGMA auto_vacuum` before and after (0 none, 1 full, 2 incremental).
    pub auto_vacuum_before: i64,
    pub auto_vacuum_after: i64,
}

/// The temporary copy's path: beside the cache, so the same file system holds both.
fn copy_path(path: &Path) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(".vacuum-copy");
    PathBuf::from(name)
}

/// The cache's bytes on disk: the file and its write-ahead log.
fn bytes_on_disk(path: &Path) -> u64 {
    let len = |p: &Path| std::fs::metadata(p).map(|m| m.len()).unwrap_or(0);
    let mut wal = path.as_os_str().to_owned();
    wal.push("-wal");
    len(path) + len(Path::new(&wal))
}

type Totals = [i64; 7];

fn totals(conn: &Connection) -> rusqlite::Result<Totals> {
    conn.query_row(TOTALS, [], |r| {
        Ok([
            r.get(0)?,
            r.get(1)?,
            r.get(2)?,
            r.get(3)?,
            r.get(4)?,
            r.get(5)?,
            r.get(6)?,
        ])
    })
}

fn pragma(conn: &Connection, name: &str) -> rusqlite::Result<i64> {
    conn.query_row(&format!("PRAGMA {name}"), [], |r| r.get(0))
}

impl Store {
    /// Rewrites the cache at `path` compactly with 16 KiB pages and incremental auto-vacuum
    /// (see the module's documentation for how it stays safe), reporting progress to
    /// `progress` (called from another thread too). Fails with [`StoreError::InUse`] when
    /// another process has the cache open, leaving it as it was.
    pub fn vacuum(
        path: &Path,
        progress: &(dyn Fn(VacuumProgress) + Sync),
    ) -> Result<VacuumReport, StoreError> {
        let label = path.display().to_string();
        if !path.exists() {
            return Err(StoreError::NoAccess {
                path: label,
                detail: "there is no such file".into(),
            });
        }
        let bytes_before = bytes_on_disk(path);
        let copy = copy_path(path);
        let result = vacuum(path, &copy, progress);
        let _ = std::fs::remove_file(&copy);
        let mut report = result.map_err(|e| match e {
            StoreError::Sql(e) => classify(&label, e),
            other => other,
        })?;
        report.bytes_before = bytes_before;
        report.bytes_after = bytes_on_disk(path);
        Ok(report)
    }
}

fn vacuum(
    path: &Path,
    copy: &Path,
    progress: &(dyn Fn(VacuumProgress) + Sync),
) -> Result<VacuumReport, StoreError> {
    let mut conn = Connection::open_with_flags(
        path,
        OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )?;
    conn.busy_timeout(LOCK_WAIT)?;
    codec::register(&conn)?;
    conn.pragma_update(None, "foreign_keys", "ON")?;
    // An older schema is brought up to date first (the copy must hold what this build reads).
    migrations::migrate_to(&mut conn, migrations::MIGRATIONS.len())?;
    let in_use = || StoreError::InUse {
        path: path.display().to_string(),
    };
    // Leaving WAL mode needs every other connection closed: SQLite says "locked", or keeps
    // the mode, when one is open.
    let mode: String = match conn.query_row("PRAGMA journal_mode = DELETE", [], |r| r.get(0)) {
        Ok(mode) => mode,
        Err(e) if is_lock(&e) => return Err(in_use()),
        Err(e) => return Err(e.into()),
    };
    if !mode.eq_ignore_ascii_case("delete") {
        return Err(in_use());
    }
    let result = exclusive_vacuum(&mut conn, copy, progress);
    // Back to WAL whatever happened (a later open sets it again anyway).
    let back = conn
        .pragma_update(None, "locking_mode", "NORMAL")
        .and_then(|()| conn.query_row("PRAGMA journal_mode = WAL", [], |_| Ok(())));
    let report = result?;
    back?;
    Ok(report)
}

fn is_lock(e: &rusqlite::Error) -> bool {
    matches!(
        e.sqlite_error_code(),
        Some(rusqlite::ErrorCode::DatabaseBusy | rusqlite::ErrorCode::DatabaseLocked)
    )
}

fn exclusive_vacuum(
    conn: &mut Connection,
    copy: &Path,
    progress: &(dyn Fn(VacuumProgress) + Sync),
) -> Result<VacuumReport, StoreError> {
    // Held until the connection leaves exclusive mode: nothing else reads or writes the file
    // between the copy and the write-back.
    conn.pragma_update(None, "locking_mode", "EXCLUSIVE")?;
    conn.execute_batch("BEGIN EXCLUSIVE; COMMIT;")?;
    let page_size_before = pragma(conn, "page_size")?;
    let auto_vacuum_before = pragma(conn, "auto_vacuum")?;
    let expected = u64::try_from(
        (pragma(conn, "page_count")? - pragma(conn, "freelist_count")?) * page_size_before,
    )
    .unwrap_or(0);
    let before = totals(conn)?;
    // A copy a crash left behind.
    let _ = std::fs::remove_file(copy);
    // Read by the next VACUUM (a pragma takes no bound parameter).
    conn.pragma_update(None, "page_size", PAGE_SIZE)?;
    conn.pragma_update(None, "auto_vacuum", "INCREMENTAL")?;
    let copy_name = copy.to_string_lossy().into_owned();
    let done = AtomicBool::new(false);
    let copied = std::thread::scope(|scope| {
        scope.spawn(|| {
            while !done.load(Ordering::Relaxed) {
                let size = std::fs::metadata(copy).map(|m| m.len()).unwrap_or(0);
                progress(VacuumProgress::Copying {
                    done: size,
                    expected,
                });
                std::thread::sleep(Duration::from_millis(250));
            }
        });
        let r = conn.execute("VACUUM INTO ?1", [&copy_name]);
        done.store(true, Ordering::Relaxed);
        r
    });
    copied?;

    progress(VacuumProgress::Checking);
    let source = Connection::open_with_flags(
        copy,
        OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )?;
    codec::register(&source)?;
    let check: String = source.query_row("PRAGMA integrity_check", [], |r| r.get(0))?;
    if check != "ok" {
        return Err(StoreError::Corrupt {
            path: copy.display().to_string(),
            detail: format!("the compact copy failed its check ({check}); the cache is unchanged"),
        });
    }
    source.execute(FTS_CHECK, [])?;
    let after = totals(&source)?;
    if after != before {
        return Err(StoreError::Corrupt {
            path: copy.display().to_string(),
            detail: format!(
                "the compact copy differs from the cache ({after:?} against {before:?}); the \
                 cache is unchanged"
            ),
        });
    }
    let page_size_after = pragma(&source, "page_size")?;
    let auto_vacuum_after = pragma(&source, "auto_vacuum")?;

    {
        let backup = Backup::new(&source, conn)?;
        loop {
            let step = backup.step(BACKUP_STEP_PAGES)?;
            let p = backup.progress();
            let total = u64::try_from(p.pagecount).unwrap_or(0);
            let left = u64::try_from(p.remaining).unwrap_or(0);
            progress(VacuumProgress::WritingBack {
                done: total.saturating_sub(left),
                total,
            });
            match step {
                StepResult::Done => break,
                StepResult::More => {}
                // Only this connection may lock the file now; anything else is a bug in
                // SQLite's promise, reported rather than waited on.
                _ => {
                    return Err(StoreError::Busy {
                        path: copy.display().to_string(),
                    });
                }
            }
        }
    }
    Ok(VacuumReport {
        bytes_before: 0,
        bytes_after: 0,
        page_size_before,
        page_size_after,
        auto_vacuum_before,
        auto_vacuum_after,
    })
}
