//! HTML to plain text by a real HTML parse, not by stripping tags with regexes.
//!
//! Article bodies arrive as HTML written by strangers, often broken. The plain text made here
//! is what the reader shows, what search indexes and what the entity extractor reads, so it
//! keeps the structure a reader needs (paragraphs, headings, list items on their own lines)
//! and drops everything else: link targets, images without alt text, scripts and styles. The
//! output is never hard-wrapped; the interface wraps to the terminal's width.
//!
//! The same pass records what the reader needs to show the text well ([`styled_text`]): the
//! styles of its runs, its links (targets kept, numbered in order) and how its hanging and
//! preformatted lines wrap, all by offsets into that very text. HTML is converted once, here;
//! the interface only wraps and paints, so entity mentions (offsets into the stored text)
//! land on the same characters on screen.
//!
//! A cold refresh converts tens of thousands of bodies, so this is built for speed: html5ever's
//! spec-compliant tokenizer reads the markup (tags, comments, raw-text elements, character
//! references exactly as a browser does) and a one-pass formatter ([`format`]) lays the
//! tokens out as text without building a document tree. The formatter approximates the tree
//! builder's implied end tags only for the elements that shape the layout.

mod format;
mod offsets;
mod tags;

use std::cell::RefCell;

use html5ever::TokenizerResult;
use html5ever::buffer_queue::BufferQueue;
use html5ever::tendril::StrTendril;
use html5ever::tokenizer::{Tokenizer, TokenizerOpts};

use crate::model::StyledText;
use crate::sanitize::is_invisible_control;

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
/// scripts, styles, templates, `noscript`, SVG, media fallbacks, forms and `hidden`
/// elements render as nothing; every HTML character reference is decoded as a browser
/// would. Lines carry no trailing whitespace, there is never more than one blank line in a
/// row and none at the ends. Broken markup never fails: its text comes out.
pub fn html_to_text(html: &str) -> String {
    styled_text(html).text
}

/// Renders `html` as [`StyledText`]: the text of [`html_to_text`] (always exactly it, so the
/// offsets of entity mentions in that text index into this one), with the emphasis, strong,
/// code, heading, quote, preformatted and link styles of its runs, the links numbered in
/// order (only links with text), and how each hanging or preformatted line wraps. List
/// markers, quote marks and indentation are text, styled as markers.
pub fn styled_text(html: &str) -> StyledText {
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
    let styled = tokenizer.sink.0.into_inner().finish();
    // Character references may decode to controls and escape sequences: sanitise the
    // result, and tidy again, when it holds anything sanitising would change.
    if needs_sanitizing(&styled.text) {
        offsets::clean(styled)
    } else {
        styled
    }
}

/// Whether [`crate::sanitize::sanitize_text`] would change `text`: true if it holds a control character, an
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
/// blank lines at both ends: the last step of [`html_to_text`], public so that the HTML bench
/// finishes its baseline's text the same way.
pub fn tidy(text: &str) -> String {
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
mod styled_tests;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sanitize::sanitize_text;

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

    #[test]
    fn the_sanitising_shortcut_agrees_with_sanitize_text_for_every_character() {
        for c in (0..=0x10_ffff).filter_map(char::from_u32) {
            let text = format!("a{c}b");
            assert_eq!(
                needs_sanitizing(&text),
                sanitize_text(&text) != text,
                "U+{:04X}",
                u32::from(c)
            );
        }
    }

    #[test]
    fn invisible_paragraphs_leave_no_double_blank_lines() {
        assert_eq!(
            html_to_text("<p>a</p><p>&nbsp;</p><p> &nbsp; </p><p>b</p>"),
            "a\n\nb"
        );
        assert_eq!(
            html_to_text("<p>a</p><p>&#8203;</p><p>&#x1b;</p><p>b</p>"),
            "a\n\nb"
        );
        // A no-break space between words stays.
        assert_eq!(html_to_text("<p>10&nbsp;km</p>"), "10\u{a0}km");
    }

    #[test]
    fn unclosed_paragraphs_and_items_are_closed_by_what_follows() {
        assert_eq!(
            html_to_text("<p>one<p>two<div>three"),
            "one\n\ntwo\n\nthree"
        );
        assert_eq!(
            html_to_text("<ul><li>a<li>b<ul><li>c<li>d</ul><li>e</ul>"),
            "- a\n- b\n  - c\n  - d\n- e"
        );
        assert_eq!(
            html_to_text("<dl><dt>Term<dd>Definition<dt>Next</dl>"),
            "Term\n  Definition\nNext"
        );
        assert_eq!(html_to_text("<h1>One<h2>Two</h2>"), "One\n\nTwo");
    }

    #[test]
    fn stray_end_tags_are_harmless() {
        assert_eq!(
            html_to_text("</div></li></ul></table>text</p>more</td></tr>end"),
            "text\n\nmoreend"
        );
        // `</br>` is a line break, as in browsers.
        assert_eq!(html_to_text("a</br>b"), "a\nb");
    }

    #[test]
    fn misnested_inline_markup_keeps_the_layout() {
        assert_eq!(
            html_to_text("<p><b>bold <i>both</b> italic</i></p><p>next</p>"),
            "bold both italic\n\nnext"
        );
        assert_eq!(html_to_text("<p><a href=x>link<p>after"), "link\n\nafter");
        assert_eq!(
            html_to_text("<ul><li><span>a<li>b</span></ul>after"),
            "- a\n- b\n\nafter"
        );
    }

    #[test]
    fn ordered_lists_honour_start_and_value() {
        assert_eq!(
            html_to_text(r#"<ol start="3"><li>c<li value="10">j<li>k</ol>"#),
            "3. c\n10. j\n11. k"
        );
        // Continuation lines align under the item's text.
        assert_eq!(
            html_to_text("<ol><li>first<br>second<ol><li>inner</ol></ol>"),
            "1. first\n   second\n   1. inner"
        );
    }

    #[test]
    fn quotes_prefix_every_line_and_blank_line() {
        assert_eq!(
            html_to_text("<p>before</p><blockquote><p>q1</p><p>q2</p></blockquote><p>after</p>"),
            "before\n\n> q1\n>\n> q2\n\nafter"
        );
        assert_eq!(
            html_to_text("<blockquote>outer<blockquote>inner<br>line</blockquote></blockquote>"),
            "> outer\n>\n> > inner\n> > line"
        );
        assert_eq!(
            html_to_text("<ul><li>item<blockquote>quoted</blockquote></ul>"),
            "- item\n\n  > quoted"
        );
    }

    #[test]
    fn table_rows_are_lines_of_cells() {
        assert_eq!(
            html_to_text(
                "<table><caption>Cities</caption><thead><tr><th>City<th>Pop</thead>\
                 <tbody><tr><td>Oslo<td>700k<tr><td>New York</td><td>8.3 million</td></tbody></table>"
            ),
            "Cities\nCity | Pop\nOslo | 700k\nNew York | 8.3 million"
        );
        // Blocks and breaks inside a cell stay on the row's line; nested tables flatten.
        assert_eq!(
            html_to_text(
                "<table><tr><td><p>a</p><p>b</p></td><td>c<br>d</td>\
                 <td><table><tr><td>x</td><td>y</td></tr></table></td></tr></table>"
            ),
            "a b | c d | x y"
        );
    }

    #[test]
    fn pre_blocks_are_verbatim_and_prefixed_inside_containers() {
        assert_eq!(
            html_to_text("<pre>\n  indented\n\ttab</pre>"),
            "  indented\n\ttab"
        );
        assert_eq!(
            html_to_text("<ul><li>code:<pre>a\n  b</pre></li></ul>"),
            "- code:\n\n  a\n    b"
        );
        assert_eq!(html_to_text("<pre>x   \n\n\n\n   y</pre>"), "x\n\n   y");
    }

    #[test]
    fn entities_decode_as_browsers_do() {
        // Missing semicolons, legacy names, HTML5-only names, numeric edge cases.
        assert_eq!(
            html_to_text("&copy2024 &notit; &ampx &bigstar;"),
            "©2024 ¬it; &x ★"
        );
        assert_eq!(
            html_to_text("&#0;|&#x80;|&#xD800;|&#128512;|&#x110000;"),
            "\u{fffd}|€|\u{fffd}|😀|\u{fffd}"
        );
        assert_eq!(html_to_text("&NotNestedGreaterGreater;"), "\u{2aa2}\u{338}");
        // In attributes a name followed by an alphanumeric is not a reference.
        assert_eq!(html_to_text(r#"<img alt="a&ampb &amp; c">"#), "a&ampb & c");
        assert_eq!(html_to_text("&unknown; & &;"), "&unknown; & &;");
    }

    #[test]
    fn junk_elements_are_dropped() {
        let text = html_to_text(
            "<noscript>Enable JS</noscript><template><p>tpl</p></template>\
             <iframe src=x>frame</iframe><video>No video support</video>\
             <button>Share</button><select><option>o</option></select>\
             <div hidden>secret <div>nested</div> still</div><title>t</title>\
             <p>kept</p>",
        );
        assert_eq!(text, "kept");
        // Raw-text content is not markup: the `</p>` in the string ends nothing.
        assert_eq!(
            html_to_text(r#"<p>a<script>var s = "</p><p>no";</script>b</p>"#),
            "ab"
        );
        assert_eq!(
            html_to_text(r#"<script><!-- document.write("<script></script>"); --></script>ok"#),
            "ok"
        );
        assert_eq!(html_to_text("<p>a<!-- <p>hidden</p> -->b</p>"), "ab");
    }

    #[test]
    fn self_closed_elements_from_xhtml_do_not_swallow_the_rest() {
        assert_eq!(
            html_to_text(r#"<p>a</p><iframe src="x"/><p>b</p><script src="y"/><p>c</p>"#),
            "a\n\nb\n\nc"
        );
        assert_eq!(html_to_text("<p>a<br/>b</p><p/><div/>c"), "a\nb\n\nc");
    }

    #[test]
    fn inline_svg_shows_its_title_like_alt_text() {
        assert_eq!(
            html_to_text(
                "<p>Chart:</p><svg role=img><title>Votes by region</title><g><text>42</text></g></svg><p>end</p>"
            ),
            "Chart:\n\nVotes by region\n\nend"
        );
    }

    #[test]
    fn superscript_digits_become_superscripts() {
        assert_eq!(
            html_to_text("<p>E = mc<sup>2</sup>, 2<sup>nd</sup></p>"),
            "E = mc², 2nd"
        );
    }

    #[test]
    fn deeply_nested_lists_keep_one_item_per_line_without_overflow() {
        let depth = 200;
        let mut html = String::new();
        for i in 0..depth {
            html.push_str(&format!("<ul><li>level {i}"));
        }
        let text = html_to_text(&html);
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines.len(), depth, "{text:?}");
        for (i, line) in lines.iter().enumerate() {
            assert_eq!(line.trim_start(), format!("- level {i}"));
        }
        // Indentation grows, then stops growing.
        assert!(lines[1].starts_with("  - "), "{:?}", lines[1]);
        assert!(lines[depth - 1].len() < 100, "{:?}", lines[depth - 1]);
    }

    #[test]
    fn hostile_nesting_costs_linear_time_and_output() {
        // Each is about 1 MB.
        let cases = [
            "<blockquote>x".repeat(80_000),
            "<div>".repeat(600) + &"<li>item".repeat(100_000),
            "<ul><li>".repeat(120_000),
            "<p><b><i><span>".repeat(60_000) + &"</div></p>".repeat(20_000),
            "<table><tr><td>".repeat(60_000) + &"</td><td>".repeat(40_000),
            "<li><ul><div>".repeat(600) + &"<li>".repeat(200_000),
        ];
        // Time relative to a flat page of the same size converted beside it (the faster of
        // two runs each), so a loaded machine slows both: quadratic work at these depths
        // would be thousands of times the flat page, linear work a small multiple.
        let fastest = |html: &str| {
            (0..2)
                .map(|_| {
                    let start = std::time::Instant::now();
                    let text = html_to_text(html);
                    (start.elapsed(), text)
                })
                .min_by_key(|(elapsed, _)| *elapsed)
                .expect("two runs")
        };
        for html in &cases {
            let flat = "<p>item</p>".repeat(html.len() / 11 + 1);
            let (baseline, _) = fastest(&flat);
            let (elapsed, text) = fastest(html);
            assert!(
                elapsed < baseline * 30 + std::time::Duration::from_millis(200),
                "{elapsed:?} against {baseline:?} for a flat page, for {:?}...",
                &html[..40]
            );
            // Linear output: at most a bounded prefix (40 columns) per line, and a 13-byte
            // `<blockquote>x` makes a text line and a blank line.
            assert!(text.len() < 8 * html.len(), "{} bytes out", text.len());
        }
    }

    #[test]
    fn a_megabyte_article_converts_every_paragraph() {
        let paragraph = "<p>The <a href=\"https://example.com/a\">minister</a> said on \
                         <em>Tuesday</em> that the talks would resume &mdash; &ldquo;soon&rdquo;.</p>\
                         <ul><li>First</li><li>Second</li></ul>";
        let html = paragraph.repeat(1_000_000 / paragraph.len() + 1);
        // Its speed is the `html` bench's; here, that nothing of it is lost.
        let text = html_to_text(&html);
        let paragraphs = text.matches("The minister said on Tuesday").count();
        assert_eq!(paragraphs, html.matches("<p>").count());
    }

    #[test]
    fn output_invariants_hold_on_random_tag_soup() {
        const PIECES: &[&str] = &[
            "<p>",
            "</p>",
            "<div>",
            "</div>",
            "<br>",
            "<ul>",
            "</ul>",
            "<ol>",
            "<li>",
            "</li>",
            "<blockquote>",
            "</blockquote>",
            "<pre>",
            "</pre>",
            "<table>",
            "<tr>",
            "<td>",
            "</td>",
            "<h2>",
            "</h2>",
            "<b>",
            "</i>",
            " ",
            "\n",
            "  word ",
            "&nbsp;",
            "&#8203;",
            "&#x1b;[1m",
            "text",
            "<img alt=' alt '>",
            "<hr>",
            "<dd>",
            "<!--c-->",
            "\t",
            "&amp;",
            "<sup>1",
        ];
        let mut rng = crate::test_rng::Rng::new(0x1234_5678_9abc_def1);
        for _ in 0..500 {
            let mut html = String::new();
            for _ in 0..60 {
                html.push_str(rng.pick(PIECES));
            }
            let text = html_to_text(&html);
            assert!(!text.contains("\n\n\n"), "{html:?} -> {text:?}");
            assert!(
                !text.starts_with('\n') && !text.ends_with('\n'),
                "{html:?} -> {text:?}"
            );
            assert!(
                text.lines().all(|l| l == l.trim_end()),
                "{html:?} -> {text:?}"
            );
            assert!(!text.chars().any(dateline_control), "{html:?} -> {text:?}");
            assert!(!text.contains('<'), "{html:?} -> {text:?}");
        }
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
