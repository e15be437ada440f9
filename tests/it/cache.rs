//! Broken caches and the commands that deal with them (issue 16): a truncated or overwritten
//! file, one written by a newer dateline, a read-only file, an unreadable folder, a full
//! disk; `doctor`, `export-state` and `import-state`. Every broken cache must give a message
//! that says what happened and what to do, and must be left as it was.

use std::path::Path;

use crate::support::{dateline, dateline_command, demo_feed, json, ok};

/// A config with two demo feeds (file:// URLs) and a refreshed cache; returns its bytes,
/// with the write-ahead log folded in.
fn refreshed_cache(dir: &Path) -> Vec<u8> {
    let world = url::Url::from_file_path(demo_feed("world.xml")).unwrap();
    let europe = url::Url::from_file_path(demo_feed("europe.atom")).unwrap();
    let config = format!(
        "[[feeds]]\nurl = \"{world}\"\ntags = [\"world\"]\n\n\
         [[feeds]]\nurl = \"{europe}\"\ntitle = \"Europe desk\"\n"
    );
    std::fs::write(dir.join("config.toml"), config).unwrap();
    ok(&dateline(dir, &["refresh"]));
    let conn = rusqlite::Connection::open(dir.join("cache.db")).unwrap();
    conn.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))
        .unwrap();
    drop(conn);
    std::fs::read(dir.join("cache.db")).unwrap()
}

/// Runs `args`, which must fail, and returns its standard error.
fn fails(dir: &Path, args: &[&str]) -> String {
    let out = dateline(dir, args);
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(!out.status.success(), "{args:?} should fail: {stderr}");
    stderr
}

/// The message for a damaged cache names it, says it is damaged and what to do.
fn assert_damaged_message(stderr: &str) {
    assert!(stderr.contains("cache.db is damaged"), "{stderr}");
    assert!(stderr.contains("left as it is"), "{stderr}");
    assert!(stderr.contains("dateline doctor"), "{stderr}");
    assert!(stderr.contains("export-state"), "{stderr}");
}

#[test]
fn a_truncated_cache_is_reported_and_left_as_it_is() {
    let dir = tempfile::tempdir().unwrap();
    let good = refreshed_cache(dir.path());
    let path = dir.path().join("cache.db");
    let truncated = &good[..good.len() / 2];
    std::fs::write(&path, truncated).unwrap();
    for args in [&["list"][..], &["refresh"], &["feeds", "--json"]] {
        assert_damaged_message(&fails(dir.path(), args));
        assert_eq!(std::fs::read(&path).unwrap(), truncated, "after {args:?}");
    }
    let out = dateline(dir.path(), &["doctor"]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(!out.status.success(), "{stdout}");
    assert!(stdout.contains("DAMAGED"), "{stdout}");
    assert!(stdout.contains("import-state"), "{stdout}");
    // Too damaged to save: export-state says what is left to do, not "run export-state".
    let stderr = fails(dir.path(), &["export-state"]);
    assert!(stderr.contains("too damaged to save"), "{stderr}");
    assert!(
        stderr.contains("Move it (with its -wal and -shm files) aside"),
        "{stderr}"
    );
    assert!(!stderr.contains("export-state >"), "{stderr}");
    assert_eq!(std::fs::read(&path).unwrap(), truncated);
}

#[test]
fn a_cache_overwritten_in_the_middle_is_reported_and_left_as_it_is() {
    let dir = tempfile::tempdir().unwrap();
    let mut bytes = refreshed_cache(dir.path());
    let path = dir.path().join("cache.db");
    // Most of the file, but not its first page (the schema): with 16 KiB pages the demo
    // cache has few, and the middle half could miss every page `list` reads.
    let n = bytes.len();
    bytes[n / 8..n * 7 / 8].fill(0x55);
    std::fs::write(&path, &bytes).unwrap();
    assert_damaged_message(&fails(dir.path(), &["list"]));
    assert_eq!(std::fs::read(&path).unwrap(), bytes);
    let out = dateline(dir.path(), &["doctor", "--json"]);
    assert!(!out.status.success());
    let doctor: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(doctor["ok"], false, "{doctor}");
    assert!(
        !doctor["file_problems"].as_array().unwrap().is_empty(),
        "{doctor}"
    );
    // Even asked to, doctor does not rebuild inside a damaged file.
    let out = dateline(dir.path(), &["doctor", "--rebuild-index"]);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stdout).contains("did not rebuild"));
    assert_eq!(std::fs::read(&path).unwrap(), bytes);
}

#[test]
fn a_file_that_is_not_a_database_is_not_replaced() {
    let dir = tempfile::tempdir().unwrap();
    refreshed_cache(dir.path());
    let path = dir.path().join("cache.db");
    let text = "these are my notes, not a cache; nothing may overwrite them.\n".repeat(20);
    std::fs::write(&path, &text).unwrap();
    assert_damaged_message(&fails(dir.path(), &["list"]));
    assert!(fails(dir.path(), &["list"]).contains("not a database"));
    assert_eq!(std::fs::read_to_string(&path).unwrap(), text);
}

#[test]
fn a_cache_from_a_newer_dateline_is_refused_untouched() {
    let dir = tempfile::tempdir().unwrap();
    refreshed_cache(dir.path());
    let path = dir.path().join("cache.db");
    let conn = rusqlite::Connection::open(&path).unwrap();
    let known: i64 = conn
        .query_row("PRAGMA user_version", [], |row| row.get(0))
        .unwrap();
    conn.pragma_update(None, "user_version", known + 5).unwrap();
    drop(conn);
    let before = std::fs::read(&path).unwrap();
    let stderr = fails(dir.path(), &["list"]);
    assert!(stderr.contains("newer dateline"), "{stderr}");
    assert!(stderr.contains("upgrade dateline"), "{stderr}");
    assert!(
        stderr.contains(&format!("schema {}", known + 5)),
        "{stderr}"
    );
    assert_eq!(std::fs::read(&path).unwrap(), before);
    let out = dateline(dir.path(), &["doctor"]);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stdout).contains("newer dateline"));
}

/// The user and group `nobody`, which the tests below run dateline as when they run as root
/// (root ignores file modes, so a read-only file would not be read-only to it).
const NOBODY: u32 = 65_534;

/// Whether this test process runs as root.
fn running_as_root() -> bool {
    use std::os::unix::fs::MetadataExt;
    std::fs::metadata("/proc/self").is_ok_and(|m| m.uid() == 0)
}

/// Hands `dir` and everything in it to `nobody`.
fn give_to_nobody(dir: &Path) {
    std::os::unix::fs::chown(dir, Some(NOBODY), Some(NOBODY)).unwrap();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            give_to_nobody(&path);
        } else {
            std::os::unix::fs::chown(&path, Some(NOBODY), Some(NOBODY)).unwrap();
        }
    }
}

/// Runs dateline in `dir` as an ordinary user: itself, or `nobody` (owning `dir`) when the
/// tests run as root.
fn as_ordinary_user(dir: &Path, args: &[&str]) -> std::process::Output {
    run_as_ordinary_user(dateline_command(dir, args))
}

/// Runs `cmd` as an ordinary user (see [`as_ordinary_user`]).
fn run_as_ordinary_user(mut cmd: std::process::Command) -> std::process::Output {
    use std::os::unix::process::CommandExt;
    if running_as_root() {
        cmd.uid(NOBODY).gid(NOBODY);
    }
    cmd.output().expect("run dateline")
}

#[test]
fn a_read_only_cache_says_so_and_can_still_be_exported() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    refreshed_cache(dir.path());
    let path = dir.path().join("cache.db");
    if running_as_root() {
        give_to_nobody(dir.path());
    }
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o444)).unwrap();
    let before = std::fs::read(&path).unwrap();
    for args in [&["refresh"][..], &["mark-read", "1"]] {
        let out = as_ordinary_user(dir.path(), args);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(!out.status.success(), "{args:?}: {stderr}");
        assert!(stderr.contains("is read-only"), "{stderr}");
        assert!(stderr.contains("fix the permissions"), "{stderr}");
        assert!(stderr.contains("--db"), "{stderr}");
    }
    // What the user wants to keep can still be saved.
    let out = as_ordinary_user(dir.path(), &["export-state"]);
    let state: serde_json::Value = serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|_| panic!("{}", String::from_utf8_lossy(&out.stderr)));
    assert_eq!(state["feeds"].as_array().unwrap().len(), 2, "{state}");
    assert_eq!(std::fs::read(&path).unwrap(), before);
}

#[test]
fn a_cache_in_a_read_only_folder_says_so_and_can_still_be_exported() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    refreshed_cache(dir.path());
    if running_as_root() {
        give_to_nobody(dir.path());
    }
    // The cache may be written, its folder not: no -wal or -shm file can be made.
    let before = std::fs::read(dir.path().join("cache.db")).unwrap();
    for f in ["cache.db-wal", "cache.db-shm"] {
        let _ = std::fs::remove_file(dir.path().join(f));
    }
    std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o555)).unwrap();
    let outs: Vec<_> = [&["list"][..], &["mark-read", "1"], &["export-state"]]
        .iter()
        .map(|args| as_ordinary_user(dir.path(), args))
        .collect();
    std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o755)).unwrap();
    for out in &outs[..2] {
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(!out.status.success(), "{stderr}");
        assert!(stderr.contains("is read-only"), "{stderr}");
        assert!(stderr.contains("its folder"), "{stderr}");
    }
    let state: serde_json::Value = serde_json::from_slice(&outs[2].stdout)
        .unwrap_or_else(|_| panic!("{}", String::from_utf8_lossy(&outs[2].stderr)));
    assert_eq!(state["feeds"].as_array().unwrap().len(), 2, "{state}");
    assert_eq!(std::fs::read(dir.path().join("cache.db")).unwrap(), before);
}

#[test]
fn a_cache_in_a_folder_without_permission_says_so() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    refreshed_cache(dir.path());
    if running_as_root() {
        give_to_nobody(dir.path());
    }
    // Root's folder, closed to everyone else.
    let folder = dir.path().join("locked");
    std::fs::create_dir(&folder).unwrap();
    let db = folder.join("cache.db");
    std::fs::rename(dir.path().join("cache.db"), &db).unwrap();
    std::fs::set_permissions(&folder, std::fs::Permissions::from_mode(0o000)).unwrap();
    let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_dateline"));
    cmd.arg("--config")
        .arg(dir.path().join("config.toml"))
        .arg("--db")
        .arg(&db)
        .arg("list")
        .env("HOME", dir.path())
        .env("XDG_DATA_HOME", dir.path().join("data"))
        .env("XDG_CONFIG_HOME", dir.path().join("config"));
    let out = run_as_ordinary_user(cmd);
    std::fs::set_permissions(&folder, std::fs::Permissions::from_mode(0o755)).unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success(), "{stderr}");
    assert!(stderr.contains("cannot open the cache"), "{stderr}");
    assert!(stderr.contains("its folder"), "{stderr}");
    assert!(stderr.contains("--db"), "{stderr}");
}

#[test]
fn doctor_finds_a_search_index_out_of_step_and_rebuilds_it() {
    let dir = tempfile::tempdir().unwrap();
    refreshed_cache(dir.path());
    let out = dateline(dir.path(), &["doctor"]);
    assert!(
        ok(&out).contains("search index: ok"),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
    // A title changed behind the index's back: the index no longer matches the articles.
    let conn = rusqlite::Connection::open(dir.path().join("cache.db")).unwrap();
    conn.execute(
        "UPDATE articles SET title = 'Zanzibar Quorum' WHERE id = (SELECT min(id) FROM articles)",
        [],
    )
    .unwrap();
    drop(conn);
    let out = dateline(dir.path(), &["doctor"]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(!out.status.success(), "{stdout}");
    assert!(stdout.contains("search index: DAMAGED"), "{stdout}");
    assert!(stdout.contains("--rebuild-index"), "{stdout}");

    let done = json(&dateline(
        dir.path(),
        &["doctor", "--rebuild-index", "--reextract", "--json"],
    ));
    assert_eq!(done["ok"], true, "{done}");
    assert_eq!(done["search_index"], "ok", "{done}");
    let actions = done["actions"].to_string();
    assert!(actions.contains("rebuilt the search index"), "{done}");
    assert!(actions.contains("people, places"), "{done}");
    let found = json(&dateline(dir.path(), &["list", "--json", "zanzibar"]));
    assert_eq!(found.as_array().unwrap().len(), 1, "{found}");
    ok(&dateline(dir.path(), &["doctor"]));
}

#[test]
fn state_round_trips_into_a_new_cache() {
    let dir = tempfile::tempdir().unwrap();
    refreshed_cache(dir.path());
    let list = json(&dateline(dir.path(), &["list", "--json"]));
    let ids: Vec<String> = list.as_array().unwrap()[..5]
        .iter()
        .map(|a| a["id"].to_string())
        .collect();
    let mut args = vec!["mark-read"];
    args.extend(ids.iter().map(String::as_str));
    ok(&dateline(dir.path(), &args));
    let conn = rusqlite::Connection::open(dir.path().join("cache.db")).unwrap();
    conn.execute(
        "UPDATE articles SET starred = 1 WHERE id IN (?1, ?2)",
        [&ids[0], &ids[4]],
    )
    .unwrap();
    drop(conn);
    let exported = ok(&dateline(dir.path(), &["export-state"]));
    let state: serde_json::Value = serde_json::from_str(&exported).unwrap();
    assert_eq!(state["version"], 1);
    assert_eq!(state["read"].as_array().unwrap().len(), 3, "{state}");
    assert_eq!(state["starred"].as_array().unwrap().len(), 2, "{state}");
    let file = dir.path().join("state.json");
    std::fs::write(&file, &exported).unwrap();
    let file_arg = file.to_string_lossy().into_owned();

    // Into the cache in use: refused unless asked.
    let stderr = fails(dir.path(), &["import-state", &file_arg]);
    assert!(stderr.contains("already holds"), "{stderr}");
    assert!(stderr.contains("--force"), "{stderr}");

    // A new machine: no config, no cache. The feeds go into a new config.
    let new = tempfile::tempdir().unwrap();
    ok(&dateline(new.path(), &["import-state", &file_arg]));
    let config = std::fs::read_to_string(new.path().join("config.toml")).unwrap();
    assert!(config.contains("europe.atom"), "{config}");
    assert!(config.contains("Europe desk"), "{config}");
    let again = ok(&dateline(new.path(), &["export-state"]));
    let again: serde_json::Value = serde_json::from_str(&again).unwrap();
    for key in ["feeds", "read", "starred"] {
        assert_eq!(again[key], state[key], "{key}");
    }
    // A refresh brings the rest back and keeps the marks.
    ok(&dateline(new.path(), &["refresh", "--no-extract"]));
    let unread = json(&dateline(new.path(), &["list", "--json", "--unread"]));
    let all = json(&dateline(new.path(), &["list", "--json"]));
    assert_eq!(
        all.as_array().unwrap().len() - unread.as_array().unwrap().len(),
        5
    );
    let starred = json(&dateline(new.path(), &["list", "--json", "is:starred"]));
    assert_eq!(starred.as_array().unwrap().len(), 2, "{starred}");
}
