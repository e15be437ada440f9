//! Full-article extraction against Mozilla Readability's test pages (`../shared/corpora/readability`).
//!
//! Each page comes with the article body Readability.js extracts (`expected.html`) and its
//! metadata (`expected-metadata.json`). The score is word-level F1: both texts (ours, and
//! `expected.html` rendered by the same `html_to_text`) are split into lower-case words (maximal
//! runs of alphanumeric characters), precision and recall are computed over the multisets of
//! words, and F1 is averaged over pages. The test prints the figures and fails under an honest
//! floor a little below what the engine measured, or when a page Readability calls an article
//! loses its text.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use dateline::extract::article::{ExtractedArticle, extract};
use dateline::extract::html::html_to_text;
use url::Url;

use crate::support::shared_path;

/// Mean word-level F1 the engine must keep (it measured 0.988 when this was written).
const MEAN_F1_FLOOR: f64 = 0.97;
/// No page Readability judges to be an article may score under this.
const LOST_F1: f64 = 0.5;
/// Least share of titles that must agree with Readability's (measured 125/127).
const TITLE_FLOOR: f64 = 0.9;

/// The URL the Readability test suite gives every page.
const PAGE_URL: &str = "http://fakehost/test/page.html";

fn words(text: &str) -> HashMap<String, usize> {
    let mut counts = HashMap::new();
    for w in text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
    {
        *counts.entry(w.to_lowercase()).or_insert(0) += 1;
    }
    counts
}

/// Word-level F1 of `got` against `want` (1 when both are empty).
fn f1(got: &str, want: &str) -> f64 {
    let (g, w) = (words(got), words(want));
    let (gn, wn): (usize, usize) = (g.values().sum(), w.values().sum());
    if gn == 0 && wn == 0 {
        return 1.0;
    }
    let common: usize = g
        .iter()
        .map(|(k, c)| (*c).min(w.get(k).copied().unwrap_or(0)))
        .sum();
    if common == 0 {
        return 0.0;
    }
    let (p, r) = (common as f64 / gn as f64, common as f64 / wn as f64);
    2.0 * p * r / (p + r)
}

fn pages(dir: &Path) -> Vec<PathBuf> {
    let mut pages: Vec<PathBuf> = std::fs::read_dir(dir)
        .expect("read corpus dir")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.join("source.html").is_file())
        .collect();
    pages.sort();
    pages
}

fn norm(s: Option<&str>) -> Option<String> {
    let n = s?.split_whitespace().collect::<Vec<_>>().join(" ");
    (!n.is_empty()).then(|| n.to_lowercase())
}

#[test]
fn f1_unit_is_sound() {
    assert_eq!(f1("a b c", "a b c"), 1.0);
    assert_eq!(f1("", ""), 1.0);
    assert_eq!(f1("x", "a"), 0.0);
    // Precision 1, recall 1/2.
    assert!((f1("The cat", "the cat sat down") - 2.0 / 3.0).abs() < 1e-9);
}

#[test]
fn readability_corpus_word_f1_and_metadata() {
    let Some(dir) = shared_path("corpora/readability") else {
        return;
    };
    let base = Url::parse(PAGE_URL).expect("url");
    let pages = pages(&dir);
    assert!(
        pages.len() >= 100,
        "only {} pages in the corpus",
        pages.len()
    );
    let mut scores = Vec::new();
    let mut lost = Vec::new();
    let (mut titles, mut titles_set) = (0usize, 0usize);
    let (mut langs, mut langs_set) = (0usize, 0usize);
    let (mut bylines, mut bylines_set) = (0usize, 0usize);
    for page in &pages {
        let name = page
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let read = |f: &str| std::fs::read_to_string(page.join(f)).expect("read page file");
        let meta: serde_json::Value =
            serde_json::from_str(&read("expected-metadata.json")).expect("metadata json");
        let want = html_to_text(&read("expected.html"));
        let got: Option<ExtractedArticle> = extract(&read("source.html"), Some(&base));
        let text = got.as_ref().map(|a| a.text.as_str()).unwrap_or("");
        let score = f1(text, &want);
        if score < LOST_F1 && meta["readerable"].as_bool() == Some(true) {
            lost.push(format!("{name} ({score:.2})"));
        }
        scores.push(score);
        let expected = |k: &str| norm(meta[k].as_str());
        let ours = |f: fn(&ExtractedArticle) -> Option<&str>| norm(got.as_ref().and_then(f));
        if let Some(t) = expected("title") {
            titles_set += 1;
            titles += usize::from(ours(|a| a.title.as_deref()) == Some(t));
        }
        if let Some(l) = expected("lang") {
            langs_set += 1;
            langs += usize::from(ours(|a| a.lang.as_deref()) == Some(l));
        }
        if let Some(b) = expected("byline") {
            bylines_set += 1;
            let strip = |s: String| s.strip_prefix("by ").map(str::to_owned).unwrap_or(s);
            bylines += usize::from(ours(|a| a.byline.as_deref()).map(strip) == Some(strip(b)));
        }
    }
    let n = scores.len() as f64;
    let mean = scores.iter().sum::<f64>() / n;
    let mut sorted = scores.clone();
    sorted.sort_by(f64::total_cmp);
    println!(
        "readability corpus: {} pages, word F1 mean {mean:.3}, median {:.3}, min {:.3}; \
         titles {titles}/{titles_set}, bylines {bylines}/{bylines_set}, languages {langs}/{langs_set}",
        sorted.len(),
        sorted[sorted.len() / 2],
        sorted[0],
    );
    assert!(lost.is_empty(), "article text lost on: {}", lost.join(", "));
    assert!(
        mean >= MEAN_F1_FLOOR,
        "mean word F1 {mean:.3} fell under {MEAN_F1_FLOOR}"
    );
    assert!(
        titles as f64 >= TITLE_FLOOR * titles_set as f64,
        "only {titles}/{titles_set} titles agree"
    );
}

/// A page with navigation, a share bar and comments around an article of `paragraphs`
/// paragraphs, in windows-1252 when asked (declared in `<meta>`).
fn article_page(title: &str, paragraphs: usize) -> String {
    let body: String = (0..paragraphs)
        .map(|i| {
            format!(
                "<p>Paragraph {i} of the report from Nairobi, where the council met on Monday, \
                 with enough words, commas and clauses to read like the prose of an article.</p>"
            )
        })
        .collect();
    format!(
        "<html lang=en><head><meta charset=windows-1252><title>{title} | Daily Times</title>\
         <meta name=author content='Jane Roe'>\
         <meta property=article:published_time content=2026-11-23T10:00:00Z></head>\
         <body><nav><a href=/>Home</a> <a href=/world>World</a></nav>\
         <div class=share><a href=/share>Share this</a></div>\
         <article><h1>{title}</h1>{body}<p>See <a href=related/1.html>the earlier story</a> \
         about the caf\u{e9} on the square, which closed after many years of trade.</p></article>\
         <div id=comments><p>First comment, which no one should read as the article.</p></div>\
         </body></html>"
    )
}

#[test]
fn fulltext_cli_reads_a_saved_page_offline_with_a_base_url() {
    let dir = tempfile::tempdir().expect("tempdir");
    let page = article_page("Council backs the new budget", 6);
    let (bytes, _, _) = encoding_rs::WINDOWS_1252.encode(&page);
    let file = dir.path().join("page.html");
    std::fs::write(&file, &bytes).expect("write page");
    let file = file.to_string_lossy().into_owned();

    let text = crate::support::ok(&crate::support::dateline(dir.path(), &["fulltext", &file]));
    assert!(
        text.starts_with(
            "Council backs the new budget\nJane Roe · 2026-11-23T10:00:00Z\n\nParagraph 0 of"
        ),
        "{text}"
    );
    assert!(text.contains("caf\u{e9} on the square"), "{text}");
    for junk in ["Home", "Share this", "First comment"] {
        assert!(!text.contains(junk), "{junk} in {text}");
    }

    let json = crate::support::json(&crate::support::dateline(
        dir.path(),
        &[
            "fulltext",
            &file,
            "--json",
            "--url",
            "https://news.example/a/story.html",
        ],
    ));
    let mut keys: Vec<&str> = json
        .as_object()
        .expect("object")
        .keys()
        .map(String::as_str)
        .collect();
    keys.sort_unstable();
    assert_eq!(
        keys,
        [
            "byline",
            "html",
            "image",
            "lang",
            "published",
            "text",
            "title"
        ]
    );
    assert_eq!(json["title"], "Council backs the new budget");
    assert_eq!(json["byline"], "Jane Roe");
    assert_eq!(json["lang"], "en");
    let html = json["html"].as_str().expect("html");
    assert!(
        html.contains("href=\"https://news.example/a/related/1.html\""),
        "{html}"
    );
    assert!(
        json["text"]
            .as_str()
            .expect("text")
            .contains("Paragraph 5 of")
    );
    // Nothing was written: a saved page needs neither configuration nor cache.
    assert!(!dir.path().join("cache.db").exists());

    let bad = crate::support::dateline(dir.path(), &["fulltext", &file, "--url", "not a url"]);
    assert_eq!(bad.status.code(), Some(2));
}

#[test]
fn fulltext_cli_fetches_a_url_with_its_charset_and_base() {
    let server = crate::support::TestServer::start();
    let page = article_page("Heavy rains flood the low valley", 5);
    let (bytes, _, _) = encoding_rs::WINDOWS_1252.encode(&page);
    server.route(
        "/news/story.html",
        crate::support::Reply::new(200)
            .header("Content-Type", "text/html; charset=windows-1252")
            .body(bytes.into_owned()),
    );
    server.route(
        "/short",
        crate::support::Route::redirect(302, "/news/story.html"),
    );
    server.route("/gone", crate::support::Reply::new(404).body("no"));
    let dir = tempfile::tempdir().expect("tempdir");
    let json = crate::support::json(&crate::support::dateline(
        dir.path(),
        &["fulltext", &server.url("/short"), "--json"],
    ));
    assert_eq!(json["title"], "Heavy rains flood the low valley");
    let text = json["text"].as_str().expect("text");
    assert!(text.contains("caf\u{e9} on the square"), "{text}");
    // Links resolve against the page's final URL, after the redirect.
    assert!(
        json["html"]
            .as_str()
            .expect("html")
            .contains(&format!("href=\"{}\"", server.url("/news/related/1.html"))),
        "{}",
        json["html"]
    );
    let gone = crate::support::dateline(dir.path(), &["fulltext", &server.url("/gone")]);
    assert!(!gone.status.success());
    let err = String::from_utf8_lossy(&gone.stderr);
    assert!(err.contains("HTTP 404"), "{err}");
}
