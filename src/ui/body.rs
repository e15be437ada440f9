//! Article bodies: HTML rendered into styled ratatui lines, links numbered, never raw HTML.
//!
//! html2text parses the HTML (a real parser, not a regex) and wraps it to the pane's width;
//! a decorator of ours annotates emphasis, links, images and preformatted text, numbers
//! links `[1]` in the text and lists them at the end. Every string it produces passes
//! through [`crate::sanitize`] before it becomes a `Span`, since entities such as `&#27;`
//! only become control characters after parsing.

use html2text::render::{TaggedLine, TaggedLineElement, TextDecorator};
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span};

use crate::sanitize::sanitize_text;

/// An article body ready to draw at one width.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct RenderedBody {
    /// The width it was wrapped to.
    pub width: u16,
    pub lines: Vec<Line<'static>>,
    /// The body's links, in order: link `[n]` is `links[n - 1]`.
    pub links: Vec<String>,
}

/// Renders `html` (else the plain `text`) wrapped to `width` columns.
pub fn render_body(html: Option<&str>, text: &str, width: u16) -> RenderedBody {
    let width = width.max(10);
    // Raw escapes are removed before parsing (so no fragment of them survives as text), and
    // what entities decode to is removed again after.
    let source = match html {
        Some(h) if !h.trim().is_empty() => sanitize_text(h),
        _ => text_to_html(text),
    };
    let config = html2text::config::with_decorator(Decorator)
        .link_footnotes(true)
        .empty_img_mode(html2text::config::ImageRenderMode::ShowAlways);
    match config.lines_from_read(source.as_bytes(), usize::from(width)) {
        Ok(tagged) => convert(tagged, width),
        Err(_) => RenderedBody {
            width,
            lines: text
                .lines()
                .map(|l| Line::raw(clean(l)))
                .collect::<Vec<_>>(),
            links: Vec::new(),
        },
    }
}

/// Plain text as HTML paragraphs, so it wraps the same way as HTML bodies.
fn text_to_html(text: &str) -> String {
    let mut out = String::new();
    for para in text.split("\n\n") {
        out.push_str("<p>");
        for c in para.chars() {
            match c {
                '<' => out.push_str("&lt;"),
                '>' => out.push_str("&gt;"),
                '&' => out.push_str("&amp;"),
                '\n' => out.push_str("<br>"),
                c => out.push(c),
            }
        }
        out.push_str("</p>");
    }
    out
}

/// Sanitises one rendered fragment; tabs become spaces (a cell holds one character).
fn clean(s: &str) -> String {
    sanitize_text(s).replace(['\t', '\n'], " ")
}

fn convert(tagged: Vec<TaggedLine<Vec<Ann>>>, width: u16) -> RenderedBody {
    let mut lines = Vec::with_capacity(tagged.len());
    let mut links = Vec::new();
    for line in tagged {
        let mut spans = Vec::new();
        let mut text_so_far = String::new();
        for element in line.iter() {
            let TaggedLineElement::Str(ts) = element else {
                continue;
            };
            let mut style = Style::default();
            for ann in &ts.tag {
                style = match ann {
                    Ann::Default => style,
                    Ann::Strong => style.add_modifier(Modifier::BOLD),
                    Ann::Emphasis => style.add_modifier(Modifier::ITALIC),
                    Ann::Strikeout => style.add_modifier(Modifier::CROSSED_OUT),
                    Ann::Code | Ann::Preformat => style.fg(Color::Yellow),
                    Ann::Link => style.fg(Color::Cyan).add_modifier(Modifier::UNDERLINED),
                    Ann::Image => style.fg(Color::Magenta),
                    Ann::Footnote(number, url) => {
                        // A URL wider than the pane wraps onto more lines, each with the
                        // same annotation: the link is listed once, under its number.
                        if *number > links.len() {
                            links.push(url.clone());
                        }
                        style.fg(Color::Cyan)
                    }
                };
            }
            let s = clean(&ts.s);
            text_so_far.push_str(&s);
            spans.push(Span::styled(s, style));
        }
        // Headings carry html2text's `#` prefix; show them bold.
        let trimmed = text_so_far.trim_start();
        let hashes = trimmed.chars().take_while(|c| *c == '#').count();
        let mut l = Line::from(spans);
        if (1..=6).contains(&hashes) && trimmed[hashes..].starts_with(' ') {
            l = l.style(
                Style::default()
                    .add_modifier(Modifier::BOLD)
                    .fg(Color::Green),
            );
        } else if trimmed.starts_with("> ") {
            l = l.style(Style::default().fg(Color::Gray));
        }
        lines.push(l);
    }
    while lines.last().is_some_and(|l| l.width() == 0) {
        lines.pop();
    }
    RenderedBody {
        width,
        lines,
        links,
    }
}

/// Our annotations: what a piece of rendered text is.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
enum Ann {
    #[default]
    Default,
    Strong,
    Emphasis,
    Strikeout,
    Code,
    Preformat,
    Link,
    Image,
    /// A line of the link list at the end: the link's number (from 1) and its URL.
    Footnote(usize, String),
}

#[derive(Debug, Clone, Default)]
struct Decorator;

impl TextDecorator for Decorator {
    type Annotation = Ann;

    fn decorate_link_start(&mut self, _url: &str) -> (String, Ann) {
        (String::new(), Ann::Link)
    }
    fn decorate_link_end(&mut self) -> String {
        String::new()
    }
    fn decorate_em_start(&self) -> (String, Ann) {
        (String::new(), Ann::Emphasis)
    }
    fn decorate_em_end(&self) -> String {
        String::new()
    }
    fn decorate_strong_start(&self) -> (String, Ann) {
        (String::new(), Ann::Strong)
    }
    fn decorate_strong_end(&self) -> String {
        String::new()
    }
    fn decorate_strikeout_start(&self) -> (String, Ann) {
        (String::new(), Ann::Strikeout)
    }
    fn decorate_strikeout_end(&self) -> String {
        String::new()
    }
    fn decorate_code_start(&self) -> (String, Ann) {
        (String::new(), Ann::Code)
    }
    fn decorate_code_end(&self) -> String {
        String::new()
    }
    fn decorate_preformat_first(&self) -> Ann {
        Ann::Preformat
    }
    fn decorate_preformat_cont(&self) -> Ann {
        Ann::Preformat
    }
    fn decorate_image(&mut self, _src: &str, title: &str) -> (String, Ann) {
        let alt = crate::sanitize::sanitize_line(title);
        if alt.is_empty() {
            ("[image]".into(), Ann::Image)
        } else {
            (format!("[image: {alt}]"), Ann::Image)
        }
    }
    fn header_prefix(&self, level: usize) -> String {
        "#".repeat(level) + " "
    }
    fn quote_prefix(&self) -> String {
        "> ".into()
    }
    fn unordered_item_prefix(&self) -> String {
        "• ".into()
    }
    fn ordered_item_prefix(&self, i: i64) -> String {
        format!("{i}. ")
    }
    fn make_subblock_decorator(&self) -> Self {
        Decorator
    }
    fn finalise(&mut self, urls: Vec<String>) -> Vec<TaggedLine<Ann>> {
        let mut out = Vec::with_capacity(urls.len() + 1);
        if !urls.is_empty() {
            out.push(TaggedLine::from_string("Links:".into(), &Ann::Strong));
        }
        for (i, url) in urls.into_iter().enumerate() {
            let text = format!("[{}] {}", i + 1, crate::sanitize::sanitize_line(&url));
            out.push(TaggedLine::from_string(text, &Ann::Footnote(i + 1, url)));
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn plain(body: &RenderedBody) -> Vec<String> {
        body.lines
            .iter()
            .map(|l| l.spans.iter().map(|s| s.content.as_ref()).collect())
            .collect()
    }

    #[test]
    fn renders_structure_links_and_images() {
        let html = r#"<h2>Talks resume</h2><p>Leaders met in <b>Geneva</b> and <i>agreed</i>
            <a href="https://example.org/a">a plan</a>.</p>
            <ul><li>first</li><li>second <a href="https://example.org/b">more</a></li></ul>
            <blockquote>quoted words</blockquote><pre>code  block</pre>
            <img src="x.png" alt="a map"><img src="y.png">"#;
        let body = render_body(Some(html), "", 60);
        let text = plain(&body).join("\n");
        assert!(text.contains("## Talks resume"), "{text}");
        assert!(text.contains("a plan[1]"), "{text}");
        assert!(text.contains("• second more[2]"), "{text}");
        assert!(text.contains("> quoted words"), "{text}");
        assert!(text.contains("code  block"), "{text}");
        assert!(text.contains("[image: a map]"), "{text}");
        assert!(text.contains("[image]"), "{text}");
        assert!(text.contains("[1] https://example.org/a"), "{text}");
        assert!(!text.contains('<'), "raw HTML leaked: {text}");
        assert_eq!(
            body.links,
            vec!["https://example.org/a", "https://example.org/b"]
        );
        let bold = body
            .lines
            .iter()
            .flat_map(|l| &l.spans)
            .find(|s| s.content == "Geneva")
            .unwrap();
        assert!(bold.style.add_modifier.contains(Modifier::BOLD));
    }

    #[test]
    fn a_wrapped_url_is_listed_once() {
        let long = format!("https://long.example/{}", "part/".repeat(30));
        let html = format!(
            r#"<p><a href="{long}">a</a> <a href="https://b.example/">b</a>
            <a href="https://c.example/">c</a></p>"#
        );
        let body = render_body(Some(&html), "", 40);
        let text = plain(&body).join("\n");
        assert!(text.contains("[3] https://c.example/"), "{text}");
        assert_eq!(
            body.links,
            vec![long.as_str(), "https://b.example/", "https://c.example/"]
        );
    }

    #[test]
    fn entities_cannot_smuggle_escapes() {
        let html = "<p>a&#27;[31mred&#x9b;2J &#x202e;evil&#8203;</p>";
        let text = plain(&render_body(Some(html), "", 40)).join("");
        assert!(
            !text.chars().any(crate::sanitize::is_invisible_control),
            "{text:?}"
        );
        assert!(!text.contains('\u{1b}'));
    }

    #[test]
    fn wraps_to_width_and_falls_back_to_text() {
        let long = "word ".repeat(100);
        let body = render_body(None, &long, 30);
        assert!(body.lines.len() > 10);
        assert!(body.lines.iter().all(|l| l.width() <= 30));
        let unbroken = "x".repeat(5000);
        let body = render_body(Some(&format!("<p>{unbroken}</p>")), "", 40);
        assert!(body.lines.iter().all(|l| l.width() <= 40));
    }
}
