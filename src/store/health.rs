//! Checking and repairing a cache for `dateline doctor`: SQLite's integrity check, the
//! full-text index's own check (and that it indexes exactly the articles there are), and
//! rebuilding that index from the articles.
//!
//! It opens an existing file without creating, migrating or otherwise writing it, so that a
//! damaged cache can be examined as it is; it never deletes or replaces a file.

use std::path::Path;

use rusqlite::{Connection, OpenFlags};

use super::{Store, StoreError, classify, wait_for_lock};

/// Runs SQLite's check of the whole file.
const INTEGRITY_CHECK: &str = "PRAGMA integrity_check";
/// The full-text index checks itself (its structure: it is contentless, so it cannot compare
/// its terms with the articles).
const FTS_CHECK: &str =
    "INSERT INTO articles_fts (articles_fts, rank) VALUES ('integrity-check', 1)";
/// Whether the index and the articles hold the same set of ids: how many articles are not
/// indexed, and how many indexed rows have no article (one row per indexed document in
/// `articles_fts_docsize`).
const FTS_ROWS_CHECK: &str = "SELECT
    (SELECT count(*) FROM articles WHERE id NOT IN (SELECT id FROM articles_fts_docsize)),
    (SELECT count(*) FROM articles_fts_docsize WHERE id NOT IN (SELECT id FROM articles))";
/// A second index of the articles as they are now, in the connection's temporary schema,
/// and a term-count view of it and of the stored index: how the check compares the stored
/// index's terms with the articles (a contentless index cannot read them back).
const FTS_SHADOW_CREATE: &str = "CREATE VIRTUAL TABLE temp.fts_shadow USING fts5(
        title, text, authors, content = '', tokenize = 'unicode61 remove_diacritics 2');
    INSERT INTO temp.fts_shadow (rowid, title, text, authors)
        SELECT id, title, text, authors FROM articles_fts_source;
    CREATE VIRTUAL TABLE temp.fts_shadow_terms USING fts5vocab(temp, fts_shadow, 'col');
    CREATE VIRTUAL TABLE temp.fts_stored_terms USING fts5vocab(main, articles_fts, 'col');";
/// Terms (per column, with their document and occurrence counts) found in one index and
/// not the other.
const FTS_SHADOW_DIFF: &str = "SELECT (SELECT count(*) FROM (
        SELECT term, col, doc, cnt FROM temp.fts_stored_terms
        EXCEPT SELECT term, col, doc, cnt FROM temp.fts_shadow_terms))
    + (SELECT count(*) FROM (
        SELECT term, col, doc, cnt FROM temp.fts_shadow_terms
        EXCEPT SELECT term, col, doc, cnt FROM temp.fts_stored_terms))";
const FTS_SHADOW_DROP: &str = "DROP TABLE IF EXISTS temp.fts_stored_terms;
    DROP TABLE IF EXISTS temp.fts_shadow_terms;
    DROP TABLE IF EXISTS temp.fts_shadow;";
/// Empties the full-text index, before [`FTS_REBUILD`].
const FTS_CLEAR: &str = "INSERT INTO articles_fts (articles_fts) VALUES ('delete-all')";
/// Indexes every article again.
const FTS_REBUILD: &str = "INSERT INTO articles_fts (rowid, title, text, authors)
    SELECT id, title, text, authors FROM articles_fts_source";
const FTS_EXISTS: &str =
    "SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name = 'articles_fts'";
const ARTICLE_COUNT: &str = "SELECT count(*) FROM articles";
const USER_VERSION: &str = "PRAGMA user_version";

/// What a check of the full-text index found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum IndexCheck {
    /// The index matches the articles.
    Ok,
    /// The index is damaged or out of step with the articles: the reason.
    Damaged(String),
    /// This cache has no full-text index (written before it existed).
    Missing,
}

impl Store {
    /// Opens the existing cache at `path` as it is: no file is created, nothing is migrated
    /// or changed, no background checkpoint runs. For `dateline doctor`.
    pub fn open_existing(path: &Path) -> Result<Store, StoreError> {
        let label = path.display().to_string();
        if !path.exists() {
            return Err(StoreError::NoAccess {
                path: label,
                detail: "there is no such file".into(),
            });
        }
        let open = || -> Result<Connection, rusqlite::Error> {
            let conn = Connection::open_with_flags(
                path,
                OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
            )?;
            conn.busy_handler(Some(wait_for_lock))?;
            super::codec::register(&conn)?;
            Ok(conn)
        };
        match open() {
            Ok(conn) => Ok(Store {
                checkpointer: None,
                conn,
                path: label,
            }),
            Err(e) => Err(classify(&label, e)),
        }
    }

    /// Opens the file at `path` read-only and as immutable: SQLite neither locks it nor
    /// creates the `-wal` and `-shm` files, so a cache in a folder that may not be written can
    /// still be read. It reads the file alone: changes still in the write-ahead log (after a
    /// crash) are not seen, and nothing may be writing it meanwhile. For `export-state` when
    /// nothing else can read the cache.
    pub fn open_immutable(path: &Path) -> Result<Store, StoreError> {
        let label = path.display().to_string();
        // An SQLite URI filename: `%`, `?` and `#` are the characters it would misread.
        let mut uri = String::from("file:");
        for c in path.to_string_lossy().chars() {
            match c {
                '%' => uri.push_str("%25"),
                '?' => uri.push_str("%3f"),
                '#' => uri.push_str("%23"),
                c => uri.push(c),
            }
        }
        uri.push_str("?immutable=1");
        let flags = OpenFlags::SQLITE_OPEN_READ_ONLY
            | OpenFlags::SQLITE_OPEN_URI
            | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        match Connection::open_with_flags(&uri, flags)
            .and_then(|conn| super::codec::register(&conn).map(|()| conn))
        {
            Ok(conn) => Ok(Store {
                checkpointer: None,
                conn,
                path: label,
            }),
            Err(e) => Err(classify(&label, e)),
        }
    }

    /// The newest schema version this build knows.
    pub fn known_schema_version() -> i64 {
        super::migrations::latest()
    }

    /// The schema version written in the file (`PRAGMA user_version`).
    pub fn schema_version(&self) -> Result<i64, StoreError> {
        let result = self
            .conn
            .query_row(USER_VERSION, [], |row| row.get(0))
            .map_err(StoreError::from);
        self.busy(result)
    }

    /// SQLite's own check of the file: `Ok(vec![])` when sound, otherwise the problems it
    /// lists. A file too damaged to be checked at all is an error ([`StoreError::Corrupt`]).
    pub fn check_file(&self) -> Result<Vec<String>, StoreError> {
        let result = (|| {
            let mut stmt = self.conn.prepare(INTEGRITY_CHECK)?;
            let lines = stmt
                .query_map([], |row| row.get::<_, String>(0))?
                .collect::<Result<Vec<_>, _>>()?;
            Ok(lines)
        })();
        let lines = self.busy(result)?;
        Ok(if lines == ["ok"] { Vec::new() } else { lines })
    }

    /// The full-text index's check of itself against the articles.
    pub fn check_search_index(&self) -> Result<IndexCheck, StoreError> {
        if !self.has_search_index()? {
            return Ok(IndexCheck::Missing);
        }
        let rows = self.conn.execute(FTS_CHECK, []).and_then(|_| {
            self.conn.query_row(FTS_ROWS_CHECK, [], |row| {
                Ok((row.get::<_, i64>(0)?, row.get::<_, i64>(1)?))
            })
        });
        match rows {
            Ok((0, 0)) => match self.compare_terms() {
                Ok(0) => Ok(IndexCheck::Ok),
                Ok(terms) => Ok(IndexCheck::Damaged(format!(
                    "{terms} terms of the full-text index differ from the articles' words"
                ))),
                Err(e) => self.busy(Err(StoreError::from(e))),
            },
            Ok((missing, extra)) => Ok(IndexCheck::Damaged(format!(
                "{missing} articles are missing from the full-text index and it has {extra} \
                 entries for articles that are gone"
            ))),
            Err(e) => match self.busy(Err::<(), _>(StoreError::from(e))) {
                Err(StoreError::Corrupt { detail, .. }) => Ok(IndexCheck::Damaged(detail)),
                Err(StoreError::Sql(e)) => Ok(IndexCheck::Damaged(e.to_string())),
                Err(other) => Err(other),
                Ok(()) => Ok(IndexCheck::Ok),
            },
        }
    }

    /// Rebuilds the full-text index from the articles, in one transaction; returns how many
    /// articles it indexed.
    pub fn rebuild_search_index(&mut self) -> Result<u64, StoreError> {
        let result = (|| {
            let tx = self
                .conn
                .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
            tx.execute(FTS_CLEAR, [])?;
            tx.execute(FTS_REBUILD, [])?;
            let count: i64 = tx.query_row(ARTICLE_COUNT, [], |row| row.get(0))?;
            tx.commit()?;
            Ok(u64::try_from(count).unwrap_or(0))
        })();
        self.busy(result)
    }

    /// How many (term, column) counts differ between the stored index and one built now from
    /// the articles: a whole second index, so this costs about a rebuild (doctor only).
    fn compare_terms(&self) -> Result<i64, rusqlite::Error> {
        self.conn.execute_batch(FTS_SHADOW_DROP)?;
        let diff = self
            .conn
            .execute_batch(FTS_SHADOW_CREATE)
            .and_then(|()| self.conn.query_row(FTS_SHADOW_DIFF, [], |row| row.get(0)));
        let dropped = self.conn.execute_batch(FTS_SHADOW_DROP);
        let diff = diff?;
        dropped?;
        Ok(diff)
    }

    fn has_search_index(&self) -> Result<bool, StoreError> {
        let result = self
            .conn
            .query_row(FTS_EXISTS, [], |row| row.get::<_, i64>(0))
            .map_err(StoreError::from);
        Ok(self.busy(result)? > 0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::FeedSpec;

    #[test]
    fn a_sound_cache_checks_clean_and_an_index_out_of_step_is_found_and_rebuilt() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("cache.db");
        {
            let mut store = Store::open(&path).unwrap();
            store
                .sync_feeds(&[FeedSpec {
                    url: "https://a.example/".into(),
                    title: None,
                    tags: vec![],
                }])
                .unwrap();
            let feed = store.feeds().unwrap()[0].id;
            store
                .conn
                .execute(
                    "INSERT INTO articles (feed_id, guid, title, authors, published, text,
                        enclosures, categories, read, starred, first_seen, content_hash)
                    VALUES (?1, 'g', 'Belgrade talks', '[]', 0, 'words here', '[]', '[]',
                        0, 0, 0, x'')",
                    [feed.0],
                )
                .unwrap();
        }
        let mut store = Store::open_existing(&path).unwrap();
        assert_eq!(store.check_file().unwrap(), Vec::<String>::new());
        // The article was written behind the index's back.
        assert!(matches!(
            store.check_search_index().unwrap(),
            IndexCheck::Damaged(_)
        ));
        assert_eq!(store.rebuild_search_index().unwrap(), 1);
        assert_eq!(store.check_search_index().unwrap(), IndexCheck::Ok);
    }

    #[test]
    fn a_missing_file_is_not_created() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("none.db");
        assert!(matches!(
            Store::open_existing(&path),
            Err(StoreError::NoAccess { .. })
        ));
        assert!(!path.exists());
    }

    #[test]
    fn sqlite_failures_become_errors_that_say_what_to_do() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("cache.db");
        drop(Store::open(&path).unwrap());
        // A read-only file (what chmod 0444 gives a user who is not root).
        let conn = Connection::open_with_flags(&path, OpenFlags::SQLITE_OPEN_READ_ONLY).unwrap();
        let e = conn
            .execute("INSERT INTO feeds (url) VALUES ('x')", [])
            .unwrap_err();
        let e = classify("c.db", e);
        assert!(matches!(e, StoreError::ReadOnly { .. }), "{e:?}");
        assert!(e.to_string().contains("--db"), "{e}");
        // A folder that cannot be opened (missing here; unreadable for a user is the same
        // SQLite error).
        let e = Store::open(&dir.path().join("no/such/dir/cache.db"))
            .err()
            .unwrap();
        assert!(matches!(e, StoreError::NoAccess { .. }), "{e:?}");
        assert!(e.to_string().contains("folder"), "{e}");
        // A full disk, with the page limit the tests use.
        let store = Store::open(&path).unwrap();
        store.conn.pragma_update(None, "max_page_count", 1).unwrap();
        let e = store
            .busy(
                store
                    .conn
                    .execute_batch(
                        "CREATE TABLE filler (x); INSERT INTO filler VALUES (zeroblob(100000));",
                    )
                    .map_err(StoreError::from),
            )
            .unwrap_err();
        assert!(matches!(e, StoreError::Full { .. }), "{e:?}");
        assert!(e.is_fatal());
        assert!(e.to_string().contains("free some space"), "{e}");
    }
}
