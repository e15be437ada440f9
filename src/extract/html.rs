//! HTML to plain text by a real HTML parse, not by stripping tags with regexes.
//!
//! Article bodies arrive as HTML written by strangers, often broken. The plain text made here
//! is what the reader shows, what search indexes and what the entity extractor reads, so it
//! keeps the structure a reader needs (paragraphs, headings, list items on their own lines)
//! and drops everything else: link targets, images without alt text, scripts and styles. The
//! output is never hard-wrapped; the interface wraps to the terminal's width.
//!
//! A cold refresh converts tens of thousands of bodies, so this is built for speed: html5ever's
//! spec-compliant tokenizer reads the markup (tags, comments, raw-text elements, character
//! references exactly as a browser does) and a one-pass formatter ([`format`]) lays the
//! tokens out as text without building a document tree. The formatter approximates the tree
//! builder's implied end tags only for the elements that shape the layout.

mod format;
mod tags;

use std::cell::RefCell;

use html5ever::TokenizerResult;
use html5ever::buffer_queue::BufferQueue;
use html5ever::tendril::StrTendril;
use html5ever::tokenizer::{Tokenizer, TokenizerOpts};

use crate::sanitize::{is_invisible_control, sanitize_text};

use format::{Formatter, Sink};

/// Largest piece of input handed to the tokenizer at once (its buffers hold at most 4 GiB).
const CHUNK: usize = 1 << 20;

/// Renders `html` as plain text wrapped at no fixed width: paragraphs separated by blank lines,
/// list items on their own lines, no link markup. The result is sanitised.
///
/// Headings, table captions and rows, and list items get their own lines; headings carry no
/// markup. Unordered list items start with `- `, ordered ones with `1. ` (their number,
/// honouring `start` and `value`), and nested lists are indented under their item; quotes
/// start with `> `; `pre` blocks keep their spacing and line breaks; table rows become one
/// line each with cells separated by ` | `. Images render as their alt text or not at all;
/// scripts, styles, templates, `noscript`, SVG, media fallbacks, form controls and `hidden`
/// elements render as nothing; every HTML character reference is decoded as a browser
/// would. Lines carry no trailing whitespace, there is never more than one blank line in a
/// row and none at the ends. Broken markup never fails: its text comes out.
pub fn html_to_text(html: &str) -> String {
    let tokenizer = Tokenizer::new(
        Sink(RefCell::new(Formatter::default())),
        TokenizerOpts::default(),
    );
    let input = BufferQueue::default();
    let mut rest = html;
    while !rest.is_empty() {
        let mut end = rest.len().min(CHUNK);
        while !rest.is_char_boundary(end) {
            end -= 1;
        }
        input.push_back(StrTendril::from_slice(&rest[..end]));
        rest = &rest[end..];
    }
    // The sink never blocks the tokenizer (no scripts run, no encoding switches), so one
    // call consumes the whole queue; looping keeps that true even if it ever pauses.
    while !matches!(tokenizer.feed(&input), TokenizerResult::Done) {}
    tokenizer.end();
    let text = tokenizer.sink.0.into_inner().finish();
    // Character references may decode to controls and escape sequences: sanitise the
    // result, and tidy again, when it holds anything sanitising would change.
    if needs_sanitizing(&text) {
        tidy(&sanitize_text(&text))
    } else {
        text
    }
}

/// Whether [`sanitize_text`] would change `text`: true if it holds a control character, an
/// invisible formatting character or a line separator. A test checks this against
/// `sanitize_text` for every character.
fn needs_sanitizing(text: &str) -> bool {
    let plain_ascii = |b: &u8| (0x20..0x7f).contains(b) || *b == b'\n' || *b == b'\t';
    if text.as_bytes().iter().all(plain_ascii) {
        return false;
    }
    text.chars()
        .any(|c| is_invisible_control(c) || matches!(c, '\u{2028}' | '\u{2029}'))
}

/// Trims every line's trailing whitespace, collapses runs of blank lines into one and drops
/// blank lines at both ends.
fn tidy(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut pending_blank = false;
    for line in text.lines() {
        let line = line.trim_end();
        if line.is_empty() {
            pending_blank = !out.is_empty();
            continue;
        }
        if !out.is_empty() {
            out.push('\n');
            if pending_blank {
                out.push('\n');
            }
        }
        pending_blank = false;
        out.push_str(line);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paragraphs_are_separated_by_one_blank_line() {
        let text =
            html_to_text("<p>First one.</p>\n\n<p>Second one.</p><p></p><p></p><p>Third.</p>");
        assert_eq!(text, "First one.\n\nSecond one.\n\nThird.");
    }

    #[test]
    fn headings_and_list_items_get_their_own_lines() {
        let text = html_to_text(
            "<h2>Title here</h2><p>Intro</p><ul><li>apple</li><li>pear</li></ul>\
             <ol><li>one</li><li>two</li></ol>",
        );
        let lines: Vec<&str> = text.lines().collect();
        assert!(lines.contains(&"Title here"), "{text:?}");
        assert!(lines.contains(&"- apple"), "{text:?}");
        assert!(lines.contains(&"- pear"), "{text:?}");
        assert!(lines.contains(&"1. one"), "{text:?}");
        assert!(lines.contains(&"2. two"), "{text:?}");
        assert!(!text.contains('#'), "{text:?}");
    }

    #[test]
    fn nested_lists_keep_every_item_on_its_own_line() {
        let text = html_to_text(
            "<ul><li>outer<ul><li>inner a</li><li>inner b</li></ul></li><li>last</li></ul>",
        );
        let lines: Vec<&str> = text.lines().map(str::trim).collect();
        assert_eq!(
            lines,
            ["- outer", "- inner a", "- inner b", "- last"],
            "{text:?}"
        );
        // The nested items are indented under their parent.
        assert!(
            text.lines()
                .any(|l| l.starts_with(' ') && l.trim() == "- inner a"),
            "{text:?}"
        );
    }

    #[test]
    fn links_leave_only_their_text() {
        let text =
            html_to_text(r#"<p>Read <a href="https://example.com/x">the report</a> now.</p>"#);
        assert_eq!(text, "Read the report now.");
    }

    #[test]
    fn images_become_alt_text_or_nothing() {
        assert_eq!(html_to_text(r#"<p>a <img src="x.png"> b</p>"#), "a b");
        assert_eq!(
            html_to_text(r#"<p><img src="x.png" alt="A cat"></p>"#),
            "A cat"
        );
    }

    #[test]
    fn scripts_and_styles_are_dropped() {
        let text =
            html_to_text("<style>p{color:red}</style><p>Body</p><script>alert('x')</script>");
        assert_eq!(text, "Body");
    }

    #[test]
    fn entities_are_decoded() {
        assert_eq!(
            html_to_text("<p>Fish &amp; chips &lt;3 &eacute;t&eacute; &#8212; &#x263A;</p>"),
            "Fish & chips <3 été — ☺"
        );
    }

    #[test]
    fn br_breaks_the_line() {
        assert_eq!(
            html_to_text("<p>line one<br>line two<br/>line three</p>"),
            "line one\nline two\nline three"
        );
    }

    #[test]
    fn pre_keeps_its_line_breaks() {
        let text = html_to_text("<pre>fn main() {\n    println!();\n}</pre>");
        assert_eq!(text, "fn main() {\n    println!();\n}");
    }

    #[test]
    fn tables_render_cells_as_text_without_borders() {
        let text = html_to_text(
            "<table><tr><th>City</th><th>Pop</th></tr><tr><td>Oslo</td><td>700k</td></tr></table>",
        );
        assert!(
            text.contains("City") && text.contains("Oslo") && text.contains("700k"),
            "{text:?}"
        );
        assert!(!text.contains('─') && !text.contains('│'), "{text:?}");
    }

    #[test]
    fn broken_markup_still_yields_its_text() {
        let text = html_to_text("<p>unclosed <b>bold <i>both</p><div>after</span></div><p");
        assert!(text.contains("unclosed bold both"), "{text:?}");
        assert!(text.contains("after"), "{text:?}");
        assert!(!text.contains('<'), "{text:?}");
    }

    #[test]
    fn terminal_escapes_in_text_are_neutralised() {
        // A raw escape sequence disappears whole.
        assert_eq!(
            html_to_text("<p>red\u{1b}[31mALERT\u{1b}[0m done</p>"),
            "redALERT done"
        );
        // Entity-encoded controls (ESC, BEL, a C1 CSI) never reach the output as controls.
        let text = html_to_text("<p>a&#27;]0;title&#7;b&#x9b;c &#x202e;d</p>");
        assert!(!text.chars().any(dateline_control), "{text:?}");
        assert!(text.starts_with('a') && text.ends_with('d'), "{text:?}");
    }

    fn dateline_control(c: char) -> bool {
        c != '\n' && crate::sanitize::is_invisible_control(c)
    }

    #[test]
    fn long_paragraphs_are_not_wrapped_and_lines_have_no_trailing_space() {
        let words = "word ".repeat(400);
        let text = html_to_text(&format!("<p>{words}</p><p>x   </p>"));
        assert_eq!(text.lines().next().map(|l| l.split(' ').count()), Some(400));
        assert!(text.lines().all(|l| l == l.trim_end()), "{text:?}");
    }

    #[test]
    fn plain_text_and_empty_input() {
        assert_eq!(html_to_text(""), "");
        assert_eq!(html_to_text("just words"), "just words");
    }

    #[test]
    fn tidy_collapses_blank_runs_and_trims() {
        assert_eq!(tidy("\n\n a  \n\n\n\nb\t\n\n"), " a\n\nb");
    }

    /// Speed on a realistic ~5 KB article:
    /// `cargo test --release --lib extract::html -- --ignored --nocapture`.
    #[test]
    #[ignore]
    fn bench_five_kb_article() {
        let mut html = String::from("<article><h1>Headline of the day</h1>");
        while html.len() < 5_000 {
            html.push_str(
                "<p>The <a href=\"https://example.com/a\">minister</a> said on <em>Tuesday</em> that \
                 the talks in Geneva would resume &mdash; &ldquo;soon&rdquo;.</p>\
                 <ul><li>First point</li><li>Second <strong>point</strong></li></ul>\
                 <p><img src=\"p.jpg\" alt=\"Photo\"> Caption &amp; credit.</p>",
            );
        }
        html.push_str("</article>");
        let runs = 2_000;
        let start = std::time::Instant::now();
        let mut total = 0;
        for _ in 0..runs {
            total += html_to_text(std::hint::black_box(&html)).len();
        }
        let per_call = start.elapsed().as_secs_f64() * 1e6 / f64::from(runs);
        println!(
            "html_to_text: {} bytes in, {per_call:.1} µs per call ({total} chars out)",
            html.len()
        );
        assert!(total > 0);
    }
}
