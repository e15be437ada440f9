//! Guards of the interface's shape: its files form no cycle, and none grows past what a
//! reader can hold. Read from the source, so a new `use` that closes a cycle fails here.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// Lines of a file before its tests, at most.
const MAX_LINES: usize = 800;

/// Module path -> the modules it uses.
type Edges = BTreeMap<Vec<String>, BTreeSet<Vec<String>>>;

/// Files and folders that are tests (or test data) as a whole.
const TEST_FILES: [&str; 4] = [
    "fixtures.rs",
    "snapshot_tests.rs",
    "state/tests",
    "structure_tests.rs",
];

/// Every `.rs` file under `dir`, by its path relative to `root`.
fn files(root: &Path, dir: &Path, out: &mut Vec<PathBuf>) {
    let mut entries: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    entries.sort();
    for p in entries {
        if p.is_dir() {
            files(root, &p, out);
        } else if p.extension().is_some_and(|e| e == "rs") {
            out.push(p.strip_prefix(root).unwrap().to_path_buf());
        }
    }
}

/// The module path of a file (`state/mod.rs` is `["state"]`, `mod.rs` is `[]`).
fn module_of(rel: &Path) -> Vec<String> {
    let mut parts: Vec<String> = rel
        .with_extension("")
        .iter()
        .map(|s| s.to_string_lossy().into_owned())
        .collect();
    if parts.last().is_some_and(|p| p == "mod") {
        parts.pop();
    }
    parts
}

/// The file's code before its first `#[cfg(test)]`, without `//` comments.
fn code(text: &str) -> Vec<String> {
    text.lines()
        .take_while(|l| l.trim() != "#[cfg(test)]")
        .map(|l| l.split("//").next().unwrap_or("").to_string())
        .collect()
}

/// The modules a line of `module` refers to: `crate::ui::a::b`, `super::a` and child
/// paths (`a::b` where `a` is a module below `module`), resolved to the deepest file.
fn references(module: &[String], line: &str, known: &BTreeSet<Vec<String>>) -> Vec<Vec<String>> {
    let mut out = Vec::new();
    let bytes = line.as_bytes();
    let is_ident = |b: u8| b.is_ascii_alphanumeric() || b == b'_';
    let mut i = 0;
    while i < bytes.len() {
        let starts_path =
            is_ident(bytes[i]) && (i == 0 || !(is_ident(bytes[i - 1]) || bytes[i - 1] == b':'));
        if !starts_path {
            i += 1;
            continue;
        }
        let mut j = i;
        while j < bytes.len() && (is_ident(bytes[j]) || bytes[j] == b':') {
            j += 1;
        }
        let segs: Vec<&str> = line[i..j].split("::").filter(|s| !s.is_empty()).collect();
        i = j;
        if segs.len() < 2 && !line[..j].ends_with("::") {
            continue;
        }
        let (mut target, rest): (Vec<String>, &[&str]) = match segs.as_slice() {
            ["crate", "ui", rest @ ..] => (Vec::new(), rest),
            ["crate", ..] | ["std" | "core" | "alloc", ..] => continue,
            ["super", ..] => {
                let ups = segs.iter().take_while(|s| **s == "super").count();
                (
                    module[..module.len().saturating_sub(ups)].to_vec(),
                    &segs[ups..],
                )
            }
            ["self", rest @ ..] => (module.to_vec(), rest),
            _ => (module.to_vec(), &segs[..]),
        };
        let relative = !matches!(segs[0], "crate" | "super" | "self");
        let base = target.clone();
        for s in rest {
            let mut next = target.clone();
            next.push((*s).to_string());
            if known.contains(&next) {
                target = next;
            } else {
                break;
            }
        }
        if target != module && (!relative || target != base) {
            out.push(target);
        }
    }
    out
}

/// The dependency edges between the interface's files (tests left out).
fn graph() -> (Edges, Vec<(PathBuf, usize)>) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/ui");
    let mut all = Vec::new();
    files(&root, &root, &mut all);
    let sources: Vec<(PathBuf, Vec<String>)> = all
        .into_iter()
        .filter(|p| !TEST_FILES.iter().any(|t| p.starts_with(t)))
        .map(|p| {
            let text = std::fs::read_to_string(root.join(&p)).unwrap();
            (p, code(&text))
        })
        .collect();
    let known: BTreeSet<Vec<String>> = sources.iter().map(|(p, _)| module_of(p)).collect();
    let mut edges = Edges::new();
    let mut sizes = Vec::new();
    for (p, lines) in &sources {
        let module = module_of(p);
        let entry = edges.entry(module.clone()).or_default();
        for line in lines {
            // A child declared here is owned, not used.
            if line.trim_start().starts_with("mod ") || line.trim_start().starts_with("pub mod ") {
                continue;
            }
            entry.extend(references(&module, line, &known));
        }
        sizes.push((p.clone(), lines.len()));
    }
    (edges, sizes)
}

/// A cycle through `node`, if any, as the path that closes it.
fn find_cycle(
    node: &Vec<String>,
    edges: &Edges,
    path: &mut Vec<Vec<String>>,
    done: &mut BTreeSet<Vec<String>>,
) -> Option<Vec<Vec<String>>> {
    if let Some(at) = path.iter().position(|n| n == node) {
        let mut cycle = path[at..].to_vec();
        cycle.push(node.clone());
        return Some(cycle);
    }
    if done.contains(node) {
        return None;
    }
    path.push(node.clone());
    for next in edges.get(node).into_iter().flatten() {
        if let Some(c) = find_cycle(next, edges, path, done) {
            return Some(c);
        }
    }
    path.pop();
    done.insert(node.clone());
    None
}

fn name(module: &[String]) -> String {
    std::iter::once("ui".to_string())
        .chain(module.iter().cloned())
        .collect::<Vec<_>>()
        .join("::")
}

#[test]
fn the_interface_files_form_no_cycle() {
    let (edges, _) = graph();
    // The reader sees what depends on what when this fails.
    let drawing: Vec<String> = edges
        .iter()
        .map(|(from, to)| {
            let to: Vec<String> = to.iter().map(|t| name(t)).collect();
            format!("{} -> {}", name(from), to.join(", "))
        })
        .collect();
    assert!(
        edges[&vec!["view".to_string()]].contains(&vec!["state".to_string()]),
        "the reader must see view's use of state:\n{}",
        drawing.join("\n")
    );
    let mut done = BTreeSet::new();
    for node in edges.keys() {
        if let Some(cycle) = find_cycle(node, &edges, &mut Vec::new(), &mut done) {
            let names: Vec<String> = cycle.iter().map(|m| name(m)).collect();
            panic!(
                "the ui files form a cycle: {}\n{}",
                names.join(" -> "),
                drawing.join("\n")
            );
        }
    }
}

#[test]
fn a_cycle_would_be_found() {
    let known: BTreeSet<Vec<String>> = [vec![], vec!["a".into()], vec!["b".into()]]
        .into_iter()
        .collect();
    let a = vec!["a".to_string()];
    let b = vec!["b".to_string()];
    assert_eq!(
        references(&a, "use super::b::Thing;", &known),
        vec![b.clone()]
    );
    assert_eq!(
        references(&b, "let x = crate::ui::a::f();", &known),
        vec![a.clone()]
    );
    assert!(references(&a, "use crate::model::Feed;", &known).is_empty());
    let edges: BTreeMap<_, _> = [
        (a.clone(), [b.clone()].into_iter().collect()),
        (b.clone(), [a.clone()].into_iter().collect()),
    ]
    .into_iter()
    .collect();
    assert!(find_cycle(&a, &edges, &mut Vec::new(), &mut BTreeSet::new()).is_some());
}

#[test]
fn no_interface_file_is_too_long() {
    let (_, sizes) = graph();
    let long: Vec<String> = sizes
        .iter()
        .filter(|(_, n)| *n > MAX_LINES)
        .map(|(p, n)| format!("{}: {n} lines", p.display()))
        .collect();
    assert!(
        long.is_empty(),
        "over {MAX_LINES} lines before the tests: {long:?}"
    );
}

/// `[theme]` maps colours, not roles, so the default config says what each colour draws.
/// That list must follow the code: a colour it calls unused is drawn nowhere, and every
/// other colour the reader draws is listed.
#[test]
fn the_default_config_says_what_each_theme_colour_draws() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/ui");
    let mut rel = Vec::new();
    files(&root, &root, &mut rel);
    let mut drawn = BTreeSet::new();
    for r in &rel {
        if TEST_FILES.iter().any(|t| r.starts_with(t)) || r.ends_with("palette.rs") {
            continue;
        }
        let text = std::fs::read_to_string(root.join(r)).unwrap();
        for line in code(&text) {
            for (i, _) in line.match_indices("Color::") {
                let name: String = line[i + 7..]
                    .chars()
                    .take_while(|c| c.is_ascii_alphanumeric())
                    .collect();
                drawn.insert(name.to_lowercase());
            }
        }
    }
    let config = crate::config::DEFAULT_CONFIG;
    let start = config.find("# Colours.").expect("the [theme] comment");
    let end = config[start..].find("[theme]").unwrap() + start;
    let comment = &config[start..end];
    let unused_line = comment
        .lines()
        .find(|l| l.contains("are unused"))
        .unwrap_or("");
    for name in crate::config::COLOUR_NAMES {
        let said_unused = unused_line
            .split(|c: char| !c.is_ascii_alphanumeric())
            .any(|w| w == name);
        let listed = comment
            .lines()
            .filter(|l| !l.contains("are unused"))
            .any(|l| {
                l.split(|c: char| !c.is_ascii_alphanumeric())
                    .any(|w| w == name)
            });
        if drawn.contains(name) {
            assert!(listed && !said_unused, "{name} is drawn: say what it draws");
        } else {
            assert!(said_unused, "{name} is drawn nowhere: say it is unused");
        }
    }
}
