//! Where the integration tests and benches find `../shared`, the read-only material (feed
//! corpora, CoNLL data, the seed article) kept beside the repository, not in it.
//!
//! Why it exists: a bare clone has no `../shared`, and its `cargo test` must still pass, with
//! every test that needs the material skipped loudly rather than failing or passing in
//! silence; CI, which has the material, must never pass by skipping. It must not look anywhere
//! else for the material (no absolute paths, no downloads).

#![allow(
    dead_code,
    reason = "included by several crates; not every one uses every helper"
)]

use std::io::Write;
use std::path::{Path, PathBuf};

/// The environment variable that turns a missing `../shared` from a skip into a failure.
pub const REQUIRE_SHARED: &str = "DATELINE_REQUIRE_SHARED";

/// The path of `rel` inside `../shared`, the read-only material beside the repo, or `None` when
/// it is missing (a bare clone).
///
/// A test that needs `../shared` calls this first and returns early on `None`: the reason is
/// printed, straight to the standard error so the test harness does not capture it, and a
/// skip is never silent. With `DATELINE_REQUIRE_SHARED=1` (as `.ci/run` sets) a
/// missing path panics instead, so CI can never pass by skipping.
pub fn shared_path(rel: &str) -> Option<PathBuf> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../shared")
        .join(rel);
    if path.exists() {
        return Some(path);
    }
    if std::env::var_os(REQUIRE_SHARED).is_some_and(|v| v == "1") {
        panic!("../shared/{rel} is missing and {REQUIRE_SHARED}=1: this needs the shared material");
    }
    // Under libtest each test runs on a thread named after it.
    let who = match std::thread::current().name() {
        Some(name) if name != "main" => format!(" {name}"),
        _ => String::new(),
    };
    let _ = writeln!(
        std::io::stderr(),
        "skipped{who}: ../shared/{rel} is missing (a bare clone?); set {REQUIRE_SHARED}=1 to fail instead"
    );
    None
}
