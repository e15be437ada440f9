//! Speed of `html_to_text` against html2text, which it replaced for the plain text of article
//! bodies (what is stored, searched and read by the entity extractor). html2text is now only
//! a dev-dependency, for this baseline: the reader's body pane paints the styled text that
//! `html_to_text` is made from (`extract::html::styled_text`).
//!
//! Run with `cargo bench --bench html`. It converts a deterministic set of generated news
//! articles (300–800 words: paragraphs, headings, lists, links, images, a table, a quote,
//! entities) with both converters and prints µs per article, MB/s and the speed ratio. When
//! the shared real-world feed corpora sit beside the repository (`../shared/corpora/realworld`)
//! it does the same for every article body in them.

use std::hint::black_box;
use std::path::Path;
use std::time::{Duration, Instant};

use dateline::extract::html::html_to_text;

#[path = "../tests/kit/rng.rs"]
mod rng;
#[path = "../tests/kit/shared.rs"]
mod shared;

use rng::Rng;

/// Articles generated for the synthetic set.
const ARTICLES: usize = 200;

/// Least time spent measuring each converter on each set.
const MIN_TIME: Duration = Duration::from_secs(2);

fn main() {
    let articles = generate_articles(ARTICLES);
    compare("generated articles", &articles);

    if let Some(corpus) = shared::shared_path("corpora/realworld") {
        compare("real-world feed bodies", &corpus_bodies(&corpus));
    }
}

/// Times both converters over `docs` and prints the figures.
fn compare(label: &str, docs: &[String]) {
    let bytes: usize = docs.iter().map(String::len).sum();
    println!(
        "\n{label}: {} documents, {:.1} KB on average",
        docs.len(),
        bytes as f64 / docs.len() as f64 / 1e3
    );
    let new = measure(docs, html_to_text);
    let old = measure(docs, old::html_to_text);
    let floor = measure(docs, tokenize_only);
    for (name, per_doc) in [
        ("html_to_text (html5ever tokenizer)", new),
        ("html2text (before)", old),
        ("html5ever tokenizer alone, no output", floor),
    ] {
        // Bytes per µs are MB/s.
        let mb_per_s = bytes as f64 / docs.len() as f64 / per_doc;
        println!("  {name:<36} {per_doc:>9.1} µs/article {mb_per_s:>8.1} MB/s");
    }
    println!(
        "  speed-up: {:.1}x (ceiling with this tokenizer: {:.1}x)",
        old / new,
        old / floor
    );
}

/// Runs html5ever's tokenizer over `html` with a sink that discards every token: the floor
/// under any converter built on it.
fn tokenize_only(html: &str) -> String {
    use html5ever::TokenizerResult;
    use html5ever::buffer_queue::BufferQueue;
    use html5ever::tendril::StrTendril;
    use html5ever::tokenizer::{Token, TokenSink, TokenSinkResult, Tokenizer, TokenizerOpts};

    struct Discard;
    impl TokenSink for Discard {
        type Handle = ();
        fn process_token(&self, token: Token, _line: u64) -> TokenSinkResult<()> {
            black_box(token);
            TokenSinkResult::Continue
        }
    }
    let tokenizer = Tokenizer::new(Discard, TokenizerOpts::default());
    let input = BufferQueue::default();
    input.push_back(StrTendril::from_slice(html));
    while !matches!(tokenizer.feed(&input), TokenizerResult::Done) {}
    tokenizer.end();
    String::new()
}

/// Mean µs per document, over as many passes as fit in [`MIN_TIME`] (at least one).
fn measure(docs: &[String], convert: fn(&str) -> String) -> f64 {
    // One warm-up pass.
    for doc in docs {
        black_box(convert(black_box(doc)));
    }
    let start = Instant::now();
    let mut passes = 0u32;
    while passes == 0 || start.elapsed() < MIN_TIME {
        for doc in docs {
            black_box(convert(black_box(doc)));
        }
        passes += 1;
    }
    start.elapsed().as_secs_f64() * 1e6 / (f64::from(passes) * docs.len() as f64)
}

/// Every entry body of 200 bytes or more in the feeds under `dir`.
fn corpus_bodies(dir: &Path) -> Vec<String> {
    let mut files = Vec::new();
    let mut dirs = vec![dir.to_path_buf()];
    while let Some(d) = dirs.pop() {
        let Ok(entries) = std::fs::read_dir(&d) else {
            continue;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                dirs.push(path);
            } else {
                files.push(path);
            }
        }
    }
    files.sort();
    let mut bodies = Vec::new();
    for file in files {
        let Ok(bytes) = std::fs::read(&file) else {
            continue;
        };
        let Ok(feed) = feed_rs::parser::parse(&bytes[..]) else {
            continue;
        };
        for entry in feed.entries {
            let content = entry.content.and_then(|c| c.body);
            let summary = entry.summary.map(|s| s.content);
            bodies.extend(
                content
                    .into_iter()
                    .chain(summary)
                    .filter(|b| b.len() >= 200),
            );
        }
    }
    bodies
}

const WORDS: &[&str] = &[
    "the",
    "government",
    "said",
    "on",
    "Tuesday",
    "that",
    "talks",
    "would",
    "resume",
    "after",
    "a",
    "long",
    "pause",
    "in",
    "negotiations",
    "over",
    "trade",
    "and",
    "security",
    "officials",
    "expect",
    "progress",
    "by",
    "the",
    "end",
    "of",
    "month",
    "while",
    "critics",
    "warned",
    "agreement",
    "could",
    "collapse",
    "if",
    "parliament",
    "rejects",
    "budget",
    "minister",
    "economy",
    "growth",
    "inflation",
    "rose",
    "percent",
    "last",
    "year",
    "city",
    "council",
    "residents",
    "protest",
    "plans",
    "new",
    "railway",
    "station",
    "near",
    "river",
    "company",
    "shares",
    "fell",
    "sharply",
    "investors",
    "worried",
    "about",
    "energy",
    "prices",
    "winter",
];

const NAMES: &[&str] = &[
    "Angela Merkel",
    "Jacinda Ardern",
    "Geneva",
    "Oslo",
    "São Paulo",
    "Nairobi",
    "the European Union",
    "Emmanuel Macron",
    "Kyiv",
    "Buenos Aires",
    "the United Nations",
    "Olaf Scholz",
];

const ENTITIES: &[&str] = &[
    "&amp;", "&mdash;", "&ndash;", "&ldquo;", "&rdquo;", "&rsquo;", "&nbsp;", "&#8217;",
    "&eacute;", "&hellip;", "&euro;", "&#x20AC;",
];

fn sentence(rng: &mut Rng, out: &mut String, words: &mut usize) {
    let len = 8 + rng.below(14);
    for i in 0..len {
        if i > 0 {
            out.push(' ');
        }
        match rng.below(40) {
            0 | 1 => {
                let name = rng.pick(NAMES);
                out.push_str(&format!(
                    "<a href=\"https://news.example.com/topics/{}\">{name}</a>",
                    name.len()
                ));
            }
            2 => out.push_str(&format!("<em>{}</em>", rng.pick(WORDS))),
            3 => out.push_str(&format!("<strong>{}</strong>", rng.pick(WORDS))),
            4 | 5 => out.push_str(rng.pick(ENTITIES)),
            6 => out.push_str(rng.pick(NAMES)),
            _ => out.push_str(rng.pick(WORDS)),
        }
        *words += 1;
    }
    out.push('.');
}

fn paragraph(rng: &mut Rng, out: &mut String, words: &mut usize) {
    out.push_str("<p>");
    for i in 0..2 + rng.below(4) {
        if i > 0 {
            out.push(' ');
        }
        sentence(rng, out, words);
    }
    out.push_str("</p>\n");
}

/// One article of 300–800 words.
fn article(rng: &mut Rng) -> String {
    let target = 300 + rng.below(501);
    let mut words = 0;
    let mut out = String::from("<article>\n<h1>");
    sentence(rng, &mut out, &mut words);
    out.push_str("</h1>\n<p class=\"byline\">By <a href=\"/authors/jane\">Jane Doe</a> &middot; 12 March</p>\n");
    out.push_str(
        "<figure><img src=\"https://cdn.example.com/img/lead.jpg\" alt=\"Protesters outside the parliament\" \
         width=\"800\" height=\"450\"><figcaption>Protesters gathered on Monday. Photo: Reuters</figcaption></figure>\n",
    );
    let mut block = 0;
    while words < target {
        match block % 7 {
            3 => {
                out.push_str("<h2>");
                sentence(rng, &mut out, &mut words);
                out.push_str("</h2>\n");
            }
            4 => {
                let tag = if rng.below(2) == 0 { "ul" } else { "ol" };
                out.push_str(&format!("<{tag}>\n"));
                for _ in 0..3 + rng.below(3) {
                    out.push_str("<li>");
                    sentence(rng, &mut out, &mut words);
                    out.push_str("</li>\n");
                }
                out.push_str(&format!("</{tag}>\n"));
            }
            5 if block < 7 => {
                out.push_str("<table class=\"data\">\n<thead><tr><th>Region</th><th>Votes</th><th>Share</th></tr></thead>\n<tbody>\n");
                for _ in 0..4 {
                    let name = rng.pick(NAMES);
                    let votes = rng.below(1_000_000);
                    let share = rng.below(1000);
                    out.push_str(&format!(
                        "<tr><td>{name}</td><td>{votes}</td><td>{}.{}&nbsp;%</td></tr>\n",
                        share / 10,
                        share % 10
                    ));
                }
                out.push_str("</tbody>\n</table>\n");
            }
            6 => {
                out.push_str("<blockquote><p>&ldquo;");
                sentence(rng, &mut out, &mut words);
                out.push_str("&rdquo;</p></blockquote>\n");
            }
            _ => paragraph(rng, &mut out, &mut words),
        }
        block += 1;
    }
    out.push_str("<script>window.analytics && analytics.track('read');</script>\n</article>");
    out
}

fn generate_articles(n: usize) -> Vec<String> {
    let mut rng = Rng::new(0x9e37_79b9_7f4a_7c15);
    (0..n).map(|_| article(&mut rng)).collect()
}

/// The converter as it was before, kept here only to be measured against: sanitise,
/// html2text with a text-only decorator, tidy.
mod old {
    use dateline::extract::html::tidy;
    use dateline::sanitize::sanitize_text;
    use html2text::render::TextDecorator;

    pub fn html_to_text(html: &str) -> String {
        let html = sanitize_text(html);
        let rendered = html2text::config::with_decorator(TextOnly)
            .no_table_borders()
            .link_footnotes(false)
            .allow_width_overflow()
            .string_from_read(html.as_bytes(), 1_000_000)
            .unwrap_or_default();
        tidy(&sanitize_text(&rendered))
    }

    #[derive(Clone, Debug)]
    struct TextOnly;

    impl TextDecorator for TextOnly {
        type Annotation = ();

        fn decorate_link_start(&mut self, _url: &str) -> (String, Self::Annotation) {
            (String::new(), ())
        }
        fn decorate_link_end(&mut self) -> String {
            String::new()
        }
        fn decorate_em_start(&self) -> (String, Self::Annotation) {
            (String::new(), ())
        }
        fn decorate_em_end(&self) -> String {
            String::new()
        }
        fn decorate_strong_start(&self) -> (String, Self::Annotation) {
            (String::new(), ())
        }
        fn decorate_strong_end(&self) -> String {
            String::new()
        }
        fn decorate_strikeout_start(&self) -> (String, Self::Annotation) {
            (String::new(), ())
        }
        fn decorate_strikeout_end(&self) -> String {
            String::new()
        }
        fn decorate_code_start(&self) -> (String, Self::Annotation) {
            (String::new(), ())
        }
        fn decorate_code_end(&self) -> String {
            String::new()
        }
        fn decorate_preformat_first(&self) -> Self::Annotation {}
        fn decorate_preformat_cont(&self) -> Self::Annotation {}
        fn decorate_image(&mut self, _src: &str, title: &str) -> (String, Self::Annotation) {
            (title.to_string(), ())
        }
        fn header_prefix(&self, _level: usize) -> String {
            String::new()
        }
        fn quote_prefix(&self) -> String {
            "> ".to_string()
        }
        fn unordered_item_prefix(&self) -> String {
            "- ".to_string()
        }
        fn ordered_item_prefix(&self, i: i64) -> String {
            format!("{i}. ")
        }
        fn make_subblock_decorator(&self) -> Self {
            TextOnly
        }
    }
}
