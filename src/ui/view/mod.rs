//! Drawing: the screen as a pure function of [`State`].
//!
//! No I/O, no mutation: [`draw`] reads the state and fills the frame. Every string that came
//! from a feed passes through [`sanitize_line`] (or was sanitised by `body`) before it
//! becomes a `Span`, and every line is cut to its pane, never wrapped past it.

use ratatui::Frame;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span, Text};
use ratatui::widgets::{Clear, Paragraph, Widget};
use unicode_width::UnicodeWidthStr;

mod block;
mod entity;
mod list;
pub mod people;

use super::keymap::Mode;
use super::layout::{self, Focus, inner};
use super::state::{ArticlePane, RowKey, State};
use super::text::{fit, truncate};
use crate::sanitize::sanitize_line;
use block::{pane_block, selected_style};
use list::{failed_feed, list_pane, scoped_failed_feed};
use people::{PaneView, render_pane};

/// The failed feed under the feeds pane's cursor, while that pane has the focus.
fn selected_failed_feed(state: &State) -> Option<(&str, &str)> {
    if state.focus != Focus::Feeds {
        return None;
    }
    match state.feeds.rows.get(state.feeds.sel).map(|r| &r.key) {
        Some(RowKey::Feed { id, .. }) => failed_feed(state, |f| f.id == *id),
        _ => None,
    }
}

/// Draws the whole screen.
pub fn draw(frame: &mut Frame, state: &State) {
    let area = frame.area();
    render(state, area, frame.buffer_mut());
    state.opts.palette.apply(frame.buffer_mut());
}

/// Renders into any buffer (the loop's frame, or a test's).
pub fn render(state: &State, area: Rect, buf: &mut Buffer) {
    let p = layout::layout(area.width, area.height, &state.shape(state.focus));
    if let Some(r) = p.feeds {
        feeds_pane(state, r, buf);
    }
    if let Some(r) = p.list {
        list_pane(state, r, buf);
    }
    if let Some(r) = p.article {
        article_pane(state, r, buf);
    }
    if let Some(r) = p.people {
        people_pane(state, r, buf);
    }
    if let Some(v) = state.entity.as_ref().filter(|v| v.shown) {
        let above = Rect::new(
            area.x,
            area.y,
            area.width,
            p.status.y.saturating_sub(area.y),
        );
        entity::render_page(v, state.tz, above, buf);
    }
    let cut = status_bar(state, p.status, buf);
    if state.mode == Mode::Normal && state.show_messages {
        message_log(state, p.status, buf);
    } else if cut && matches!(state.mode, Mode::Normal | Mode::Prompt) && state.message_fresh {
        long_message(state, p.status, buf);
    }
    if state.mode == Mode::Help {
        help_overlay(state, area, buf);
    }
}

fn feeds_pane(state: &State, area: Rect, buf: &mut Buffer) {
    let focused = state.focus == Focus::Feeds;
    // The start all titles share, left out of the rows, names the pane instead.
    let shared = sanitize_line(
        state
            .feeds
            .prefix
            .trim_end_matches(|c: char| c.is_whitespace() || ":-–—|·".contains(c)),
    );
    let room = usize::from(area.width.saturating_sub(4));
    let long = format!("Feeds · {shared}");
    let title = if shared.is_empty() {
        "Feeds".to_string()
    } else if long.width() <= room {
        long
    } else if shared.width() <= room {
        shared
    } else {
        "Feeds".to_string()
    };
    pane_block(&title, focused).render(area, buf);
    let r = inner(area);
    let width = usize::from(r.width);
    let mut lines = Vec::new();
    if state.feeds.rows.len() <= 1 && !state.feeds.loaded {
        lines.push(Line::styled(
            "Loading…",
            Style::default().fg(Color::DarkGray),
        ));
    } else if state.feeds.feeds.is_empty() {
        lines.push(Line::raw(truncate("No feeds configured", width)));
    }
    for (i, row) in state
        .feeds
        .rows
        .iter()
        .enumerate()
        .skip(state.feeds.offset)
        .take(usize::from(r.height))
    {
        if state.feeds.feeds.is_empty() {
            break;
        }
        let marker = match row.key {
            RowKey::Tag(_) | RowKey::Views if row.collapsed => "▸ ",
            RowKey::Tag(_) | RowKey::Views => "▾ ",
            _ => "",
        };
        let indent = "  ".repeat(usize::from(row.depth));
        let count = if row.unread > 0 {
            format!(" {}", row.unread)
        } else {
            String::new()
        };
        let err = if row.error { "!" } else { "" };
        let label_w =
            width.saturating_sub(indent.width() + marker.width() + count.width() + err.len());
        let label = fit(&sanitize_line(&row.label), label_w);
        let mut style = Style::default();
        if row.unread > 0 {
            style = style.add_modifier(Modifier::BOLD);
        }
        match row.key {
            RowKey::Tag(_) => style = style.fg(Color::Yellow),
            RowKey::Views => style = style.fg(Color::Cyan),
            _ => {}
        }
        let mut spans = vec![
            Span::raw(indent),
            Span::raw(marker),
            Span::styled(label, style),
            Span::styled(
                err,
                Style::default().fg(Color::Red).add_modifier(Modifier::BOLD),
            ),
            Span::styled(count, Style::default().fg(Color::Green)),
        ];
        if width == 0 {
            spans.clear();
        }
        let mut line = Line::from(spans);
        if i == state.feeds.sel {
            line = line.style(selected_style(focused));
        }
        lines.push(line);
    }
    Paragraph::new(Text::from(lines)).render(r, buf);
}

fn article_pane(state: &State, area: Rect, buf: &mut Buffer) {
    let focused = state.focus == Focus::Article;
    let r = inner(area);
    let width = usize::from(r.width);
    match &state.open {
        ArticlePane::Closed => pane_block("Article", focused).render(area, buf),
        ArticlePane::Loading(_) => {
            pane_block("Article", focused).render(area, buf);
            Paragraph::new(Line::styled(
                "Loading…",
                Style::default().fg(Color::DarkGray),
            ))
            .render(r, buf);
        }
        ArticlePane::Loaded {
            article,
            body,
            title,
            link,
            ..
        } => {
            let head = state.open.header_lines();
            let total = head + body.lines.len();
            let pos = if total <= usize::from(r.height) {
                "all".to_string()
            } else {
                format!(
                    "{}%",
                    (state.scroll + usize::from(r.height)).min(total) * 100 / total
                )
            };
            pane_block(&format!("Article {pos}"), focused).render(area, buf);
            let mut byline = sanitize_line(&article.feed_title);
            if !article.authors.is_empty() {
                byline.push_str(" · ");
                byline.push_str(&sanitize_line(&article.authors.join(", ")));
            }
            let mut flags = String::new();
            if !article.read {
                flags.push_str("  [unread]");
            }
            if article.starred {
                flags.push_str("  [starred]");
            }
            match state.open.showing_page() {
                Some(true) => flags.push_str("  [full text]"),
                Some(false) => flags.push_str("  [feed text]"),
                None if state.fetching_page == Some(article.id) => {
                    flags.push_str("  [fetching full text…]");
                }
                None => {}
            }
            let date = article
                .published
                .with_timezone(&state.tz)
                .format("%Y-%m-%d %H:%M")
                .to_string();
            // The title whole (wrapped when the body was), then the rest of the header.
            let bold = Style::default().add_modifier(Modifier::BOLD);
            let mut header: Vec<Line> = if title.is_empty() {
                vec![Line::styled(
                    truncate(&sanitize_line(&article.title), width),
                    bold,
                )]
            } else {
                title
                    .iter()
                    .map(|t| Line::styled(truncate(t, width), bold))
                    .collect()
            };
            header.extend([
                Line::styled(
                    truncate(&byline, width),
                    Style::default().fg(Color::Magenta),
                ),
                Line::styled(
                    truncate(&format!("{date}{flags}"), width),
                    Style::default().fg(Color::Blue),
                ),
            ]);
            // The link whole, wrapped as the title is (one line, blank, when there is none).
            let link_style = Style::default().fg(Color::Cyan);
            header.extend(
                link.iter()
                    .map(|l| Line::styled(truncate(l, width), link_style)),
            );
            if link.is_empty() {
                header.push(Line::raw(""));
            }
            header.push(Line::raw(""));
            // The selected entity's mentions stand out while the pane has the keyboard.
            let selected = (state.focus == Focus::People && state.people.who.is_none())
                .then(|| state.people.entries())
                .flatten()
                .and_then(|e| e.get(state.people.sel))
                .and_then(|e| e.id);
            let visible = usize::from(r.height);
            let first = state.scroll.saturating_sub(head);
            let mut shown: Vec<Line> = body
                .lines
                .iter()
                .skip(first)
                .take(visible)
                .cloned()
                .collect();
            if let Some(id) = selected {
                for &(line, span, _) in body.mentions.iter().filter(|m| m.2 == id) {
                    if let Some(s) = line
                        .checked_sub(first)
                        .and_then(|l| shown.get_mut(l))
                        .and_then(|l| l.spans.get_mut(span))
                    {
                        s.style = s.style.add_modifier(Modifier::REVERSED);
                    }
                }
            }
            let lines: Vec<Line> = header
                .into_iter()
                .chain(shown)
                .skip(state.scroll.min(head))
                .take(visible)
                .collect();
            Paragraph::new(Text::from(lines)).render(r, buf);
        }
    }
}

fn people_pane(state: &State, area: Rect, buf: &mut Buffer) {
    let title = match &state.people.who {
        Some(w) => match w.newest {
            Some(n) => format!("Who and where: the newest {n} of this list"),
            None => "Who and where: this list".to_string(),
        },
        None => "People and places".to_string(),
    };
    let entries = match (&state.people.who, &state.open) {
        (Some(_), _) => state.people.entries(),
        (None, ArticlePane::Loaded { article, .. }) => state
            .people
            .entities
            .as_ref()
            .filter(|e| e.article == article.id)
            .map(|e| e.entries.as_slice()),
        (None, _) => None,
    };
    let empty = if state.people.who.is_some() {
        "No people or places in these articles yet."
    } else {
        "No people or places found (yet)."
    };
    render_pane(
        &PaneView {
            title: &title,
            entries,
            selected: state.people.sel,
            focused: state.focus == Focus::People,
            empty,
        },
        area,
        buf,
    );
}

/// A message too long for the status bar (beside the normal mode's counts, or beside the
/// prompt, such as the feeds a page links), whole, on up to [`MESSAGE_LINES`] lines just
/// above it (drawn over the panes, which keep their size: the layout does not move), until
/// the next key.
fn long_message(state: &State, status: Rect, buf: &mut Buffer) {
    let Some(m) = &state.message else {
        return;
    };
    let width = usize::from(status.width.saturating_sub(2));
    let lines = super::text::wrap(&sanitize_line(m), width, MESSAGE_LINES);
    above_status(lines, status, buf);
}

/// `M`: the last messages, newest at the bottom, each whole (up to twice [`MESSAGE_LINES`]),
/// as many as fit in [`LOG_LINES`] lines above the status bar, under a rule.
fn message_log(state: &State, status: Rect, buf: &mut Buffer) {
    let width = usize::from(status.width.saturating_sub(2));
    let room = LOG_LINES.min(usize::from(status.y).saturating_sub(1));
    let mut lines: Vec<String> = Vec::new();
    let mut shown = 0;
    for m in state.messages.iter().rev() {
        let wrapped = super::text::wrap(&sanitize_line(m), width, 2 * MESSAGE_LINES);
        if lines.len() + wrapped.len() > room {
            break;
        }
        lines.splice(0..0, wrapped);
        shown += 1;
    }
    let n = state.messages.len();
    let title = format!("─ the last {shown} of {n} messages (any key closes) ");
    let rule = format!(
        "{title}{}",
        "─".repeat(width.saturating_sub(title.chars().count()))
    );
    lines.insert(0, rule);
    above_status(lines, status, buf);
}

/// Lines the message log may take above the status bar, its rule included.
const LOG_LINES: usize = 12;

/// Draws `lines` (one space in) just above the status bar, over whatever is there.
fn above_status(lines: Vec<String>, status: Rect, buf: &mut Buffer) {
    let height = u16::try_from(lines.len()).unwrap_or(u16::MAX).min(status.y);
    if height == 0 {
        return;
    }
    let area = Rect {
        x: status.x,
        y: status.y - height,
        width: status.width,
        height,
    };
    Clear.render(area, buf);
    let style = Style::default().fg(Color::Yellow);
    let text: Vec<Line> = lines
        .into_iter()
        .map(|l| Line::from(Span::styled(format!(" {l}"), style)))
        .collect();
    Paragraph::new(text).render(area, buf);
}

/// Lines a long message may take above the status bar.
const MESSAGE_LINES: usize = 3;

/// Draws the status bar; whether its text was cut at the width.
fn status_bar(state: &State, area: Rect, buf: &mut Buffer) -> bool {
    let width = usize::from(area.width);
    let (mode, mode_style) = match state.mode {
        Mode::Normal => ("NORMAL", Style::default().bg(Color::Blue).fg(Color::White)),
        Mode::Filter => (
            "FILTER",
            Style::default().bg(Color::Yellow).fg(Color::Black),
        ),
        Mode::Help => ("HELP", Style::default().bg(Color::Green).fg(Color::Black)),
        Mode::Confirm => ("ASK", Style::default().bg(Color::Red).fg(Color::White)),
        Mode::Prompt => ("ASK", Style::default().bg(Color::Magenta).fg(Color::White)),
    };
    let mut spans = vec![
        Span::styled(format!(" {mode} "), mode_style),
        Span::raw(" "),
    ];
    if state.mode == Mode::Filter {
        filter_line(state, width.saturating_sub(mode.len() + 3), &mut spans);
    } else if let (Mode::Confirm, Some(q)) = (state.mode, &state.prompt) {
        spans.push(Span::styled(
            sanitize_line(q),
            Style::default().fg(Color::Yellow),
        ));
        spans.push(Span::styled(
            format!("  {}", state.help.confirm_hint),
            Style::default().fg(Color::DarkGray),
        ));
    } else if let (Mode::Prompt, Some(p)) = (state.mode, &state.question) {
        spans.push(Span::styled(
            sanitize_line(&p.label),
            Style::default().add_modifier(Modifier::BOLD),
        ));
        spans.push(Span::raw(" "));
        let room = width.saturating_sub(p.label.width() + 10);
        edited_line(&p.text, p.cursor, None, room, "", &mut spans);
        if let Some(m) = &state.message {
            spans.push(Span::styled(
                format!("  {}", sanitize_line(m)),
                Style::default().fg(Color::Yellow),
            ));
        }
    } else {
        if state.list.complete() {
            let unread = state.list.articles.iter().filter(|a| !a.read).count();
            let n = state.list.total;
            let noun = if n == 1 { "article" } else { "articles" };
            spans.push(Span::raw(format!("{n} {noun}, {unread} unread")));
        } else {
            spans.push(Span::raw(format!(
                "{}/{} articles",
                state.list.sel + 1,
                state.list.total
            )));
        }
        if !state.filter.text.is_empty() {
            spans.push(Span::raw("  "));
            spans.push(Span::styled(
                format!("/{}", sanitize_line(&state.filter.text)),
                Style::default().fg(Color::Cyan),
            ));
        }
        if let Some(d) = state.downloads.status() {
            spans.push(Span::styled(
                format!("  {d}"),
                Style::default().fg(Color::Green),
            ));
        }
        let p = state.progress;
        if p.running {
            let total = p.total.max(1);
            let cells = 10;
            let filled = p.done.min(total) * cells / total;
            spans.push(Span::raw(if p.sync { "  sync " } else { "  refresh " }));
            spans.push(Span::styled(
                "█".repeat(filled),
                Style::default().fg(Color::Green),
            ));
            spans.push(Span::styled(
                "░".repeat(cells - filled),
                Style::default().fg(Color::DarkGray),
            ));
            spans.push(Span::raw(format!(" {}/{}", p.done, p.total)));
        }
        if p.failed > 0 {
            spans.push(Span::styled(
                format!(" {} failed", p.failed),
                Style::default().fg(Color::Red),
            ));
        }
        if state.message.is_none() && state.entity_shown() {
            spans.push(Span::styled(
                format!("  {}", state.help.entity_hint),
                Style::default().fg(Color::DarkGray),
            ));
        } else if state.message.is_none()
            && state.focus == Focus::People
            && let Some(e) = state.people.entries().and_then(|e| e.get(state.people.sel))
        {
            spans.push(Span::styled(
                format!("  Enter: {}'s page · L: its articles", e.name),
                Style::default().fg(Color::DarkGray),
            ));
        }
        let failed = selected_failed_feed(state)
            .or_else(|| scoped_failed_feed(state).filter(|_| state.message.is_none()));
        if let Some((title, error)) = failed {
            spans.push(Span::styled(
                format!("  {}: {}", sanitize_line(title), sanitize_line(error)),
                Style::default().fg(Color::Red),
            ));
        } else if let Some(m) = &state.message {
            spans.push(Span::raw("  "));
            spans.push(Span::styled(
                sanitize_line(m),
                Style::default().fg(Color::Yellow),
            ));
        } else {
            spans.push(Span::styled(
                "  ? help",
                Style::default().fg(Color::DarkGray),
            ));
        }
    }
    // Cut to the width, span by span.
    let wanted: usize = spans.iter().map(|s| s.content.width()).sum();
    let mut used = 0;
    let mut cut = Vec::new();
    for s in spans {
        let left = width.saturating_sub(used);
        if left == 0 {
            break;
        }
        let text = truncate(&s.content, left);
        used += text.width();
        cut.push(Span::styled(text, s.style));
    }
    Paragraph::new(Line::from(cut)).render(area, buf);
    wanted > width
}

/// The filter line: the text with its cursor (the text scrolled so the cursor shows), the
/// parse error beside it (the character at its position underlined in red), else Tab's
/// candidates while it cycles, else the hints. `room` is the status bar's width left.
fn filter_line(state: &State, room: usize, spans: &mut Vec<Span<'static>>) {
    let f = &state.filter;
    let bad_at = f.error.as_ref().map(|e| e.pos);
    edited_line(&f.input, f.cursor, bad_at, room, "/", spans);
    let dim = Style::default().fg(Color::DarkGray);
    match (&f.error, &f.completion) {
        (Some(e), _) => spans.push(Span::styled(
            format!("  {}", sanitize_line(&e.to_string())),
            Style::default().fg(Color::Red),
        )),
        (None, Some(c)) => {
            spans.push(Span::styled("  Tab:", dim));
            for (i, name) in c.candidates.iter().enumerate().skip(c.current) {
                let style = if i == c.current {
                    Style::default()
                        .fg(Color::Cyan)
                        .add_modifier(Modifier::BOLD)
                } else {
                    dim
                };
                spans.push(Span::styled(format!(" {}", sanitize_line(name)), style));
            }
        }
        (None, None) => spans.push(Span::styled(format!("  {}", state.help.filter_hint), dim)),
    }
}

fn help_overlay(state: &State, area: Rect, buf: &mut Buffer) {
    let w = area.width.saturating_sub(4).min(72);
    let h = area
        .height
        .saturating_sub(2)
        .min(state.help.entries.len() as u16 + 2);
    let r = Rect::new(
        area.x + (area.width - w) / 2,
        area.y + (area.height.saturating_sub(h)) / 2,
        w,
        h,
    );
    Clear.render(r, buf);
    pane_block(&state.help.title, true).render(r, buf);
    let i = inner(r);
    let width = usize::from(i.width);
    let key_w = 16.min(width / 3);
    let lines: Vec<Line> = state
        .help
        .entries
        .iter()
        .skip(state.help_scroll)
        .take(usize::from(i.height))
        .map(|e| {
            if e.heading {
                return Line::styled(
                    truncate(&e.description, width),
                    Style::default().add_modifier(Modifier::BOLD | Modifier::UNDERLINED),
                );
            }
            Line::from(vec![
                Span::styled(fit(&e.keys, key_w), Style::default().fg(Color::Cyan)),
                Span::raw(" "),
                Span::raw(truncate(&e.description, width.saturating_sub(key_w + 1))),
            ])
        })
        .collect();
    Paragraph::new(Text::from(lines)).render(i, buf);
}

/// A line being typed (the filter line, the prompt's answer) after `lead`: the cursor (a
/// byte offset into `text`) shown reversed and kept inside `room` columns (the text's start
/// gives way to `…`), the character at `bad_at` (a character index) underlined in red.
fn edited_line(
    text: &str,
    cursor: usize,
    bad_at: Option<usize>,
    room: usize,
    lead: &str,
    spans: &mut Vec<Span<'static>>,
) {
    // Character positions: the cursor's and the error's.
    let chars: Vec<char> = text.chars().collect();
    let cursor = text
        .get(..cursor)
        .map_or(chars.len(), |t| t.chars().count());
    let room = room.saturating_sub(2).max(8);
    // The text from `skip` on, so that the cursor is inside the room (with a margin).
    let skip = (cursor + 1).saturating_sub(room * 3 / 4).min(cursor);
    spans.push(Span::raw(if skip > 0 {
        format!("{lead}…")
    } else {
        lead.to_string()
    }));
    let bad = Style::default()
        .fg(Color::Red)
        .add_modifier(Modifier::UNDERLINED);
    let at_cursor = Style::default().add_modifier(Modifier::REVERSED);
    let mut run = String::new();
    for (i, c) in chars.iter().enumerate().skip(skip) {
        let style = if i == cursor {
            Some(at_cursor)
        } else if Some(i) == bad_at {
            Some(bad)
        } else {
            None
        };
        // One character at a time: a space is kept as it is (the line is sanitised whole
        // elsewhere, which trims).
        let shown = if *c == ' ' {
            " ".to_string()
        } else {
            sanitize_line(&c.to_string())
        };
        match style {
            None => run.push_str(&shown),
            Some(st) => {
                spans.push(Span::raw(std::mem::take(&mut run)));
                spans.push(Span::styled(shown, st));
            }
        }
    }
    spans.push(Span::raw(run));
    if cursor >= chars.len() {
        spans.push(Span::styled(" ", at_cursor));
    }
}
