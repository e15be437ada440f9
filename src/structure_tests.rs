//! Guards of the crate's shape, read from the source: each module imports only what its
//! layer may (the boundaries in `../shared/STYLE.md`), and no file grows past what a reader
//! can hold. The interface's own guards (no cycle between its files) are in
//! `ui/structure_tests.rs`.

use std::path::{Path, PathBuf};

/// Lines of a file before its tests, at most.
const MAX_LINES: usize = 800;

/// Files still over [`MAX_LINES`], each with the reason it has not been split yet. The test
/// fails when one of them shrinks under the limit, so the list cannot go stale.
const OVERSIZED: &[(&str, &str)] = &[
    (
        "store/mod.rs",
        "every branch in flight adds to the store; split once they have landed",
    ),
    (
        "store/query.rs",
        "the list queries are being reshaped for the million-article bench",
    ),
];

/// What a module (a top-level file or folder of `src/`) must never name.
const FORBIDDEN: &[(&str, &[&str])] = &[
    ("model.rs", &["crate::"]),
    ("sanitize.rs", &["crate::"]),
    ("fold.rs", &["crate::"]),
    (
        "fetch",
        &[
            "ratatui",
            "crossterm",
            "rusqlite",
            "crate::store",
            "crate::ui",
            "crate::worker",
            "crate::commands",
            "crate::sync",
        ],
    ),
    (
        "sync",
        &[
            "ratatui",
            "crossterm",
            "rusqlite",
            "crate::store",
            "crate::ui",
            "crate::worker",
            "crate::commands",
        ],
    ),
    (
        "extract",
        &[
            "ratatui",
            "crossterm",
            "rusqlite",
            "reqwest",
            "tokio",
            "crate::store",
            "crate::fetch",
            "crate::ui",
            "crate::worker",
            "crate::commands",
            "crate::sync",
        ],
    ),
    (
        "query",
        &[
            "ratatui",
            "crossterm",
            "rusqlite",
            "reqwest",
            "tokio",
            "crate::store",
            "crate::fetch",
            "crate::ui",
            "crate::worker",
            "crate::commands",
            "crate::sync",
        ],
    ),
    (
        "store",
        &[
            "ratatui",
            "crossterm",
            "reqwest",
            "tokio",
            "crate::fetch",
            "crate::ui",
            "crate::worker",
            "crate::commands",
            "crate::sync",
        ],
    ),
    (
        "config",
        &[
            "ratatui",
            "crossterm",
            "reqwest",
            "rusqlite",
            "tokio",
            "crate::store",
            "crate::ui",
            "crate::worker",
            "crate::commands",
            "crate::fetch",
            "crate::sync",
        ],
    ),
    (
        "ui",
        &[
            "reqwest",
            "rusqlite",
            "crate::store",
            "crate::fetch",
            "crate::sync",
            "crate::commands",
            "crate::extract",
        ],
    ),
];

fn src() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
}

/// Every `.rs` file under `path` (or `path` itself), sorted.
fn rust_files(path: &Path, out: &mut Vec<PathBuf>) {
    if path.is_file() {
        out.push(path.to_path_buf());
        return;
    }
    let mut entries: Vec<_> = std::fs::read_dir(path)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    entries.sort();
    for p in entries {
        if p.is_dir() || p.extension().is_some_and(|e| e == "rs") {
            rust_files(&p, out);
        }
    }
}

/// Whether a whole file is tests (by name), so neither rule applies to it.
fn is_test_file(rel: &str) -> bool {
    let name = rel.rsplit('/').next().unwrap_or(rel);
    name == "tests.rs"
        || name.ends_with("_tests.rs")
        || rel.contains("/tests/")
        || name == "fixtures.rs"
}

/// The lines of a file before its `#[cfg(test)]` module, without comment lines.
fn code_lines(text: &str) -> impl Iterator<Item = (usize, &str)> {
    text.lines()
        .enumerate()
        .take_while(|(_, l)| !l.starts_with("#[cfg(test)]"))
        .filter(|(_, l)| !l.trim_start().starts_with("//"))
        .map(|(i, l)| (i + 1, l))
}

/// Whether `line` names `what` as a path (`what::` or `use what`), not as part of a longer
/// identifier or inside a string.
fn names(line: &str, what: &str) -> bool {
    let code = line.split('"').step_by(2).collect::<Vec<_>>().join(" ");
    code.match_indices(what).any(|(at, _)| {
        let before = code[..at].chars().next_back();
        let after = &code[at + what.len()..];
        let starts_path = !before.is_some_and(|c| c.is_alphanumeric() || c == '_' || c == ':');
        starts_path
            && (what.ends_with("::")
                || after.starts_with("::")
                || after.starts_with(';')
                || after.starts_with(" as ")
                || after.starts_with(',')
                || after.starts_with('}'))
    })
}

#[test]
fn each_layer_imports_only_what_it_may() {
    let root = src();
    let mut broken = Vec::new();
    for (module, forbidden) in FORBIDDEN {
        let mut files = Vec::new();
        let path = root.join(module);
        assert!(path.exists(), "{module} is gone: update FORBIDDEN");
        rust_files(&path, &mut files);
        for file in files {
            let rel = file
                .strip_prefix(&root)
                .unwrap()
                .to_string_lossy()
                .into_owned();
            if is_test_file(&rel) {
                continue;
            }
            let text = std::fs::read_to_string(&file).unwrap();
            for (n, line) in code_lines(&text) {
                for what in *forbidden {
                    if names(line, what) {
                        broken.push(format!("src/{rel}:{n} names {what}: {}", line.trim()));
                    }
                }
            }
        }
    }
    assert!(
        broken.is_empty(),
        "layer boundaries crossed:\n{}",
        broken.join("\n")
    );
}

#[test]
fn no_file_passes_the_line_limit_before_its_tests() {
    let root = src();
    let mut files = Vec::new();
    rust_files(&root, &mut files);
    let mut over = Vec::new();
    for file in files {
        let rel = file
            .strip_prefix(&root)
            .unwrap()
            .to_string_lossy()
            .into_owned();
        if is_test_file(&rel) {
            continue;
        }
        let text = std::fs::read_to_string(&file).unwrap();
        let lines = text
            .lines()
            .take_while(|l| !l.starts_with("#[cfg(test)]"))
            .count();
        let excused = OVERSIZED.iter().any(|(name, _)| *name == rel);
        if lines > MAX_LINES && !excused {
            over.push(format!("src/{rel}: {lines} lines"));
        }
        if excused && lines <= MAX_LINES {
            over.push(format!(
                "src/{rel} is {lines} lines now: take it off OVERSIZED"
            ));
        }
    }
    assert!(
        over.is_empty(),
        "files over {MAX_LINES} lines:\n{}",
        over.join("\n")
    );
}

#[test]
fn the_path_matcher_sees_paths_not_words() {
    assert!(names("use rusqlite::Connection;", "rusqlite"));
    assert!(names(
        "    let c = rusqlite::Connection::open(p)?;",
        "rusqlite"
    ));
    assert!(names("use crate::store::Store;", "crate::store"));
    assert!(names("use tokio;", "tokio"));
    assert!(!names("let tokio_handle = 1;", "tokio"));
    assert!(!names("let msg = \"rusqlite::Error\";", "rusqlite"));
    assert!(!names("use crate::storefront::X;", "crate::store"));
    assert!(!names("my_rusqlite::x()", "rusqlite"));
}
