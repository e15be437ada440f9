//! Article bodies: styled text wrapped to the pane's width and painted, links numbered.
//!
//! The worker sends a body as [`StyledText`], made from the HTML once by `extract`; this
//! module only wraps and paints it. Its text is the text the entity extractor read, so
//! mentions are painted by their offsets, exactly, even where one crosses a wrapped line.
//! A link's number follows its text as `[n]` and the links are listed under the body, so
//! link `n` is the same whatever the width. The text arrives sanitised; a tab is painted as
//! a space (a cell holds one character).

use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span};
use unicode_width::UnicodeWidthChar;

use crate::model::{EntityKind, StyledText, TextStyle};
use crate::sanitize::sanitize_line;
use crate::worker::session::ArticleEntity;

/// An article body ready to draw at one width.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct RenderedBody {
    /// The width it was wrapped to.
    pub width: u16,
    pub lines: Vec<Line<'static>>,
    /// The body's links, in order: link `[n]` is `links[n - 1]`.
    pub links: Vec<String>,
    /// Where each mention was painted: `(line, span, entity id)`, so the selected entity's
    /// mentions can be marked when drawing.
    pub mentions: Vec<(usize, usize, i64)>,
}

/// An entity mention: a byte range of the body's text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Mention {
    pub start: usize,
    pub end: usize,
    pub kind: EntityKind,
    pub id: i64,
}

/// The mentions of `entities` (character offsets into `text`) as byte ranges of `text`, in
/// order and not overlapping (the longer wins, then the earlier); mentions outside the
/// text are skipped.
pub fn mentions_in(text: &str, entities: &[ArticleEntity]) -> Vec<Mention> {
    let starts: Vec<usize> = text
        .char_indices()
        .map(|(i, _)| i)
        .chain(std::iter::once(text.len()))
        .collect();
    let mut all: Vec<Mention> = Vec::new();
    for e in entities {
        for &(s, t) in &e.spans {
            let (Some(&start), Some(&end)) = (starts.get(s as usize), starts.get(t as usize))
            else {
                continue;
            };
            if start < end {
                all.push(Mention {
                    start,
                    end,
                    kind: e.kind,
                    id: e.id,
                });
            }
        }
    }
    all.sort_by_key(|m| (m.start, std::cmp::Reverse(m.end)));
    let mut out: Vec<Mention> = Vec::with_capacity(all.len());
    for m in all {
        if out.last().is_none_or(|last| last.end <= m.start) {
            out.push(m);
        }
    }
    out
}

/// The colour of an entity kind, in the people pane and in the article body.
pub fn kind_color(kind: EntityKind) -> Color {
    match kind {
        EntityKind::Person => Color::LightYellow,
        EntityKind::Place => Color::LightGreen,
        EntityKind::Org => Color::LightMagenta,
    }
}

/// The terminal style of a text style.
fn paint(style: TextStyle) -> Style {
    let mut out = Style::default();
    if style.contains(TextStyle::QUOTE) {
        out = out.fg(Color::Gray);
    }
    if style.contains(TextStyle::CODE) || style.contains(TextStyle::PRE) {
        out = out.fg(Color::Yellow);
    }
    if style.contains(TextStyle::HEADING) {
        out = out.fg(Color::Green).add_modifier(Modifier::BOLD);
    }
    if style.contains(TextStyle::IMAGE) {
        out = out.fg(Color::Magenta).add_modifier(Modifier::ITALIC);
    }
    if style.contains(TextStyle::EMPHASIS) {
        out = out.add_modifier(Modifier::ITALIC);
    }
    if style.contains(TextStyle::STRONG) {
        out = out.add_modifier(Modifier::BOLD);
    }
    if style.contains(TextStyle::LINK) {
        out = out.fg(Color::Cyan).add_modifier(Modifier::UNDERLINED);
    }
    if style.contains(TextStyle::MARKER) && !style.contains(TextStyle::QUOTE) {
        out = out.fg(Color::DarkGray);
    }
    out
}

/// Columns a character takes; a tab is painted as one space.
fn columns(c: char) -> usize {
    if c == '\t' { 1 } else { c.width().unwrap_or(0) }
}

/// Wraps `body` to `width` columns and paints it, its `mentions` (from [`mentions_in`])
/// coloured by kind, then the list of its links.
pub fn render_body(body: &StyledText, mentions: &[Mention], width: u16) -> RenderedBody {
    let width = width.max(10);
    let mut painter = Painter {
        body,
        mentions,
        link_ends: body.links.iter().map(|l| l.end).collect(),
        out: RenderedBody {
            width,
            ..RenderedBody::default()
        },
    };
    let mut start = 0;
    for line in body.text.split('\n') {
        painter.line(start, start + line.len(), usize::from(width));
        start += line.len() + 1;
    }
    let mut out = painter.out;
    while out.lines.last().is_some_and(|l| l.width() == 0) {
        out.lines.pop();
    }
    if !body.links.is_empty() {
        out.lines.push(Line::raw(""));
        out.lines.push(Line::styled(
            "Links:",
            Style::default().add_modifier(Modifier::BOLD),
        ));
        for (i, link) in body.links.iter().enumerate() {
            let url = sanitize_line(&link.url);
            let item = format!("[{}] {url}", i + 1);
            for piece in cut(&item, usize::from(width)) {
                out.lines
                    .push(Line::styled(piece, Style::default().fg(Color::Cyan)));
            }
            out.links.push(url);
        }
    }
    out
}

/// `s` cut into pieces of at most `width` columns.
fn cut(s: &str, width: usize) -> Vec<String> {
    let mut out = vec![String::new()];
    let mut used = 0;
    for c in s.chars() {
        let w = columns(c);
        if used + w > width && used > 0 {
            out.push(String::new());
            used = 0;
        }
        if let Some(last) = out.last_mut() {
            last.push(if c == '\t' { ' ' } else { c });
        }
        used += w;
    }
    out
}

struct Painter<'a> {
    body: &'a StyledText,
    mentions: &'a [Mention],
    /// Where each link's text ends, by link (in order: links neither overlap nor nest).
    link_ends: Vec<usize>,
    out: RenderedBody,
}

impl Painter<'_> {
    /// The width of the `[n]` marks of the links whose text ends inside `from..to`.
    fn marks_width(&self, from: usize, to: usize) -> usize {
        let first = self.link_ends.partition_point(|e| *e <= from);
        let last = self.link_ends.partition_point(|e| *e <= to);
        (first..last).map(|i| decimal_width(i + 1) + 2).sum()
    }

    /// Wraps and paints the text line `start..end` (without its `\n`).
    fn line(&mut self, start: usize, end: usize, width: usize) {
        let text = &self.body.text;
        let layout = self.body.line_at(start);
        let pre = layout.is_some_and(|l| l.pre);
        let mut hang = layout.map_or("", |l| l.hang.as_str());
        if hang.chars().count() * 2 > width {
            hang = "";
        }
        let hang_width = hang.chars().count();
        // Each row is one byte range: only the spaces where a line is broken are left out.
        let mut rows: Vec<(usize, usize)> = Vec::new();
        let mut row_start = start;
        let mut row_end = start;
        let mut used = 0;
        let mut avail = width;
        let mut i = start;
        while i < end {
            let rest = &text[i..end];
            let word_len = if pre {
                rest.chars().next().map_or(1, char::len_utf8)
            } else if rest.starts_with(' ') {
                rest.len() - rest.trim_start_matches(' ').len()
            } else {
                rest.find(' ').unwrap_or(rest.len())
            };
            let (a, b) = (i, i + word_len);
            i = b;
            let is_space = !pre && text[a..b].starts_with(' ');
            if is_space {
                // Spaces count only when text follows them on the row.
                if !rows.is_empty() && row_end == row_start {
                    row_start = b;
                    row_end = b;
                }
                continue;
            }
            let gap: usize = text[row_end..a].chars().map(columns).sum();
            let w: usize = text[a..b].chars().map(columns).sum::<usize>() + self.marks_width(a, b);
            if used > 0 && used + gap + w > avail {
                rows.push((row_start, row_end));
                (row_start, used, avail) = (a, 0, width - hang_width);
            } else {
                used += gap;
            }
            if used + w <= avail || pre {
                used += w;
                row_end = b;
                continue;
            }
            // A word wider than the row is cut where the row is full.
            for (k, c) in text[a..b].char_indices() {
                let cw = columns(c) + self.marks_width(a + k, a + k + c.len_utf8());
                if used > 0 && used + cw > avail {
                    rows.push((row_start, a + k));
                    (row_start, used, avail) = (a + k, 0, width - hang_width);
                }
                used += cw;
            }
            row_end = b;
        }
        rows.push((row_start, row_end));
        for (n, (a, b)) in rows.into_iter().enumerate() {
            let mut spans = Vec::new();
            if n > 0 && !hang.is_empty() {
                let style = self.body.style_at(start).only(TextStyle::QUOTE);
                spans.push(Span::styled(
                    hang.to_string(),
                    paint(style.with(TextStyle::MARKER)),
                ));
            }
            self.paint_row(a, b, &mut spans);
            self.out.lines.push(Line::from(spans));
        }
    }

    /// Paints `text[a..b]`, split where its style, a mention or a link changes.
    fn paint_row(&mut self, a: usize, b: usize, spans: &mut Vec<Span<'static>>) {
        let body = self.body;
        let line_index = self.out.lines.len();
        let mut pos = a;
        while pos < b {
            let mut next = b;
            let s = body.spans.partition_point(|s| s.end <= pos);
            if let Some(span) = body.spans.get(s) {
                next = next.min(if span.start > pos {
                    span.start
                } else {
                    span.end
                });
            }
            let m = self.mentions.partition_point(|m| m.end <= pos);
            let mention = self.mentions.get(m).filter(|m| m.start <= pos);
            if let Some(mention) = self.mentions.get(m) {
                next = next.min(if mention.start > pos {
                    mention.start
                } else {
                    mention.end
                });
            }
            let ends_after = self.link_ends.partition_point(|e| *e <= pos);
            if let Some(e) = self.link_ends.get(ends_after) {
                next = next.min(*e);
            }
            let mut style = paint(body.style_at(pos));
            if let Some(mention) = mention {
                style = style.fg(kind_color(mention.kind));
                self.out
                    .mentions
                    .push((line_index, spans.len(), mention.id));
            }
            spans.push(Span::styled(body.text[pos..next].replace('\t', " "), style));
            let ending = ends_after..self.link_ends.partition_point(|e| *e <= next);
            for i in ending.filter(|i| self.link_ends[*i] == next) {
                spans.push(Span::styled(
                    format!("[{}]", i + 1),
                    Style::default().fg(Color::Cyan),
                ));
            }
            pos = next;
        }
    }
}

/// Characters needed to write `n` in decimal.
fn decimal_width(n: usize) -> usize {
    n.checked_ilog10().map_or(1, |d| d as usize + 1)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{LineLayout, Link, StyleSpan};

    fn rows(body: &RenderedBody) -> Vec<String> {
        body.lines.iter().map(ToString::to_string).collect()
    }

    fn text(t: &str) -> StyledText {
        StyledText::plain(t)
    }

    #[test]
    fn wraps_at_words_and_hangs_continuations() {
        let mut t = text("intro words here\n\n- a list item that wraps\n> a quote that wraps");
        t.lines = vec![
            LineLayout {
                start: 18,
                hang: "  ".into(),
                pre: false,
            },
            LineLayout {
                start: 43,
                hang: "> ".into(),
                pre: false,
            },
        ];
        let body = render_body(&t, &[], 12);
        assert_eq!(
            rows(&body),
            [
                "intro words",
                "here",
                "",
                "- a list",
                "  item that",
                "  wraps",
                "> a quote",
                "> that wraps"
            ]
        );
        assert!(body.lines.iter().all(|l| l.width() <= 12));
    }

    #[test]
    fn preformatted_lines_are_cut_and_long_words_split() {
        let mut t = text("  keep   spacing here\nxxxxxxxxxxxxxxxxxxxxxxxxx");
        t.lines = vec![LineLayout {
            start: 0,
            hang: String::new(),
            pre: true,
        }];
        let body = render_body(&t, &[], 10);
        assert_eq!(
            rows(&body),
            [
                "  keep   s",
                "pacing her",
                "e",
                "xxxxxxxxxx",
                "xxxxxxxxxx",
                "xxxxx"
            ]
        );
    }

    #[test]
    fn links_are_numbered_after_their_text_and_listed() {
        let long = format!("https://long.example/{}", "part/".repeat(20));
        let mut t = text("see one, two and three.");
        t.links = [
            (4, 7, long.as_str()),
            (9, 12, "https://b/"),
            (17, 22, "https://c/"),
        ]
        .into_iter()
        .map(|(start, end, url)| Link {
            url: url.into(),
            start,
            end,
        })
        .collect();
        let body = render_body(&t, &[], 40);
        let all = rows(&body);
        assert_eq!(all[0], "see one[1], two[2] and three[3].");
        assert_eq!(all[2], "Links:");
        assert!(all[3].starts_with("[1] https://long.example/"));
        assert_eq!(all.last().map(String::as_str), Some("[3] https://c/"));
        assert_eq!(body.links, [long.as_str(), "https://b/", "https://c/"]);
        // The same numbers at any width.
        assert_eq!(render_body(&t, &[], 10).links, body.links);
    }

    #[test]
    fn a_mention_crossing_a_wrap_is_painted_on_both_rows() {
        let mut t = text("met Jens Stoltenberg today");
        t.spans = vec![StyleSpan {
            start: 4,
            end: 8,
            style: TextStyle::STRONG,
        }];
        let entity = ArticleEntity {
            id: 7,
            kind: EntityKind::Person,
            name: "Jens Stoltenberg".into(),
            coords: None,
            spans: vec![(4, 20), (100, 104)],
        };
        let mentions = mentions_in(&t.text, &[entity]);
        assert_eq!(mentions.len(), 1, "a mention outside the text is skipped");
        let body = render_body(&t, &mentions, 11);
        assert_eq!(rows(&body), ["met Jens", "Stoltenberg", "today"]);
        let person = kind_color(EntityKind::Person);
        let painted: Vec<(usize, &str, bool)> = body
            .mentions
            .iter()
            .map(|&(l, s, id)| {
                assert_eq!(id, 7);
                let span = &body.lines[l].spans[s];
                assert_eq!(span.style.fg, Some(person));
                let bold = span.style.add_modifier.contains(Modifier::BOLD);
                (l, span.content.as_ref(), bold)
            })
            .collect();
        assert_eq!(painted, [(0, "Jens", true), (1, "Stoltenberg", false)]);
    }

    #[test]
    fn overlapping_mentions_keep_the_longer() {
        let e = |id, spans| ArticleEntity {
            id,
            kind: EntityKind::Place,
            name: String::new(),
            coords: None,
            spans,
        };
        let m = mentions_in("é New York x", &[e(1, vec![(6, 10)]), e(2, vec![(2, 10)])]);
        assert_eq!(m.len(), 1);
        assert_eq!((m[0].start, m[0].end, m[0].id), (3, 11, 2));
    }
}
