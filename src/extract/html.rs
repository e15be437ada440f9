//! HTML to plain text by a real HTML parse (html2text), not by stripping tags with regexes.
//!
//! Article bodies arrive as HTML written by strangers, often broken. The plain text made here
//! is what the reader shows, what search indexes and what the entity extractor reads, so it
//! keeps the structure a reader needs (paragraphs, headings, list items on their own lines)
//! and drops everything else: link targets, images without alt text, scripts and styles. The
//! output is never hard-wrapped; the interface wraps to the terminal's width.

use html2text::render::TextDecorator;

use crate::sanitize::sanitize_text;

/// Wrap width handed to html2text: wide enough that no real paragraph is ever wrapped.
const NO_WRAP_WIDTH: usize = 1_000_000;

/// Renders `html` as plain text wrapped at no fixed width: paragraphs separated by blank lines,
/// list items on their own lines, no link footnotes. The result is sanitised.
///
/// Headings become their own line without markup, unordered list items start with `- `,
/// ordered ones with `1. ` (their number), quotes with `> `; images render as their alt text
/// or not at all; entities are decoded. Lines carry no trailing whitespace, there is never
/// more than one blank line in a row and none at the ends. Should html2text ever fail (its
/// errors come from reading and rendering, not from bad markup) the result is empty rather
/// than raw markup.
pub fn html_to_text(html: &str) -> String {
    // Sanitising before the parse removes raw escape sequences whole (the HTML parser would
    // drop only their ESC byte and leave the rest as text); after it, whatever entities
    // decoded to.
    let html = sanitize_text(html);
    let rendered = html2text::config::with_decorator(TextOnly)
        .no_table_borders()
        .link_footnotes(false)
        .allow_width_overflow()
        .string_from_read(html.as_bytes(), NO_WRAP_WIDTH)
        .unwrap_or_default();
    tidy(&sanitize_text(&rendered))
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

/// html2text decorator that emits text only: no link or emphasis markup, list and quote
/// prefixes that read naturally in a terminal.
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
        // With the default image mode html2text only calls this for images with alt text,
        // and passes that text.
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
