//! Speed of full-article extraction: pages per second on one core.
//!
//! Run with `cargo bench --bench fulltext`. It extracts every page of Mozilla Readability's
//! test pages (`../shared/corpora/readability`, 130 real article pages) in a loop on the
//! calling thread for at least a few seconds and prints pages/s and MB/s. Without the shared
//! corpus beside the repository it says so and does nothing.

use std::hint::black_box;
use std::path::Path;
use std::time::{Duration, Instant};

use dateline::extract::article::extract;
use url::Url;

/// Least time spent measuring.
const MIN_TIME: Duration = Duration::from_secs(5);

fn main() {
    let corpus = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpora/readability");
    let mut pages: Vec<String> = match std::fs::read_dir(&corpus) {
        Ok(dir) => dir
            .filter_map(|e| e.ok())
            .filter_map(|e| std::fs::read_to_string(e.path().join("source.html")).ok())
            .collect(),
        Err(_) => Vec::new(),
    };
    if pages.is_empty() {
        println!("readability corpus not found at ../shared/corpora/readability: skipped");
        return;
    }
    pages.sort();
    let base = Url::parse("http://fakehost/test/page.html").ok();
    let bytes: usize = pages.iter().map(String::len).sum();
    // One warm-up pass, then whole passes until MIN_TIME has gone by.
    for page in &pages {
        black_box(extract(page, base.as_ref()));
    }
    let start = Instant::now();
    let mut passes = 0u32;
    while start.elapsed() < MIN_TIME {
        for page in &pages {
            black_box(extract(black_box(page), base.as_ref()));
        }
        passes += 1;
    }
    let secs = start.elapsed().as_secs_f64();
    let done = pages.len() as f64 * f64::from(passes);
    println!(
        "fulltext: {} pages ({:.1} MB), {passes} passes on one thread: {:.1} pages/s, {:.1} MB/s, {:.2} ms/page",
        pages.len(),
        bytes as f64 / 1e6,
        done / secs,
        bytes as f64 * f64::from(passes) / secs / 1e6,
        secs * 1e3 / done,
    );
}
