//! Shared helpers for the integration tests: the test kit (`tests/kit/`: the HTTP server on
//! 127.0.0.1, the random generator, the way to `../shared`), and running the `dateline`
//! binary in isolation.
//!
//! Why it exists: one place for what every test module needs, so that no module grows its own
//! server, generator or skip logic. The kit's files are shared with the benches, which include
//! them with `#[path = ...]`; see each for what it promises.

#![allow(
    dead_code,
    reason = "shared helpers: not every test module uses every one"
)]

use std::path::Path;

#[path = "../kit/http.rs"]
mod http;
#[path = "../kit/rng.rs"]
mod rng;
#[path = "../kit/shared.rs"]
mod shared;

#[allow(
    unused_imports,
    reason = "the kit's whole API, for modules that need more of it"
)]
pub use http::{RecordedRequest, Reply, Route, RouteStats, TestServer, Totals, gzip, unused_port};
pub use rng::Rng;
pub use shared::shared_path;

/// The `dateline` binary, isolated in `dir`: its config and cache there, and `HOME` and the
/// XDG directories pointed there, so no test reads or writes the user's files.
pub fn dateline_command(dir: &Path, args: &[&str]) -> std::process::Command {
    let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_dateline"));
    cmd.args(["--config", &dir.join("config.toml").to_string_lossy()])
        .args(["--db", &dir.join("cache.db").to_string_lossy()])
        .args(args)
        .env("HOME", dir)
        .env("XDG_DATA_HOME", dir.join("data"))
        .env("XDG_CONFIG_HOME", dir.join("config"))
        .env_remove("DATELINE_CONFIG")
        .env_remove("DATELINE_DB");
    cmd
}

/// Runs [`dateline_command`] to the end.
pub fn dateline(dir: &Path, args: &[&str]) -> std::process::Output {
    dateline_command(dir, args).output().expect("run dateline")
}

/// The standard output of a run that must have succeeded.
pub fn ok(output: &std::process::Output) -> String {
    assert!(
        output.status.success(),
        "dateline failed ({:?}): {}",
        output.status.code(),
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout.clone()).expect("utf-8 output")
}

/// The standard output of a run that must have succeeded, as JSON.
pub fn json(output: &std::process::Output) -> serde_json::Value {
    serde_json::from_str(&ok(output)).expect("valid JSON")
}

/// A bundled demo feed (`assets/demo/NAME`).
pub fn demo_feed(name: &str) -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("assets/demo")
        .join(name)
}
