//! Drawing: the screen as a pure function of [`State`].
//!
//! No I/O, no mutation: [`draw`] reads the state and fills the frame. Every string that came
//! from a feed passes through [`sanitize_line`] (or was sanitised by `body`) before it
//! becomes a `Span`, and every line is cut to its pane, never wrapped past it.

use chrono::{DateTime, Datelike, Utc};
use ratatui::Frame;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span, Text};
use ratatui::widgets::{Clear, Paragraph, Widget};
use unicode_width::UnicodeWidthStr;

mod block;
pub mod people;

use super::keymap::Mode;
use super::layout::{self, Focus, inner};
use super::state::{ArticlePane, HEADER_LINES, RowKey, State};
use super::text::{fit, truncate};
use crate::query::{Expr, Term};
use crate::sanitize::sanitize_line;
use block::{pane_block, selected_style};
use people::{PaneView, highlight_line, render_pane};

/// The title and last error of the first feed `pick` accepts, when its last fetch failed.
fn failed_feed(state: &State, pick: impl Fn(&crate::model::Feed) -> bool) -> Option<(&str, &str)> {
    let f = state.feeds.feeds.iter().find(|f| pick(f))?;
    Some((f.title.as_str(), f.last_error.as_deref()?))
}

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

/// The failed feed the list is restricted to (the feeds pane scopes by the feed's URL).
fn scoped_failed_feed(state: &State) -> Option<(&str, &str)> {
    let Some(Expr::Term(Term::Feed(url))) = state.list.query.scope.expr.as_ref() else {
        return None;
    };
    failed_feed(state, |f| f.url == *url)
}

/// Draws the whole screen.
pub fn draw(frame: &mut Frame, state: &State) {
    let area = frame.area();
    render(state, area, frame.buffer_mut());
}

/// Renders into any buffer (the loop's frame, or a test's).
pub fn render(state: &State, area: Rect, buf: &mut Buffer) {
    let open = !matches!(state.open, ArticlePane::Closed);
    let p = layout::panes(
        area.width,
        area.height,
        state.focus,
        open,
        state.side(),
        state.feeds.want,
    );
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
    status_bar(state, p.status, buf);
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

/// A date for the list: month-day and time, with the year when it is not this year.
fn short_date(state: &State, t: DateTime<Utc>) -> String {
    let local = t.with_timezone(&state.tz);
    if local.year() == state.now.with_timezone(&state.tz).year() {
        local.format("%m-%d %H:%M").to_string()
    } else {
        local.format("%Y-%m-%d").to_string()
    }
}

fn list_pane(state: &State, area: Rect, buf: &mut Buffer) {
    let focused = state.focus == Focus::Articles;
    let mut title = state
        .list
        .scope_label
        .as_deref()
        .map_or_else(|| "Articles".to_string(), sanitize_line);
    if !state.filter.text.is_empty() {
        title = format!("{title} /{}", sanitize_line(&state.filter.text));
    }
    let title = truncate(&title, usize::from(area.width.saturating_sub(4)));
    pane_block(&title, focused).render(area, buf);
    let r = inner(area);
    let width = usize::from(r.width);
    if state.list.total == 0 {
        if let Some((_, error)) = scoped_failed_feed(state)
            && state.list.loaded
        {
            let lines = vec![
                Line::styled(
                    truncate("The last fetch of this feed failed:", width),
                    Style::default().fg(Color::Red),
                ),
                Line::styled(
                    truncate(&sanitize_line(error), width),
                    Style::default().fg(Color::Red),
                ),
                Line::styled(
                    truncate("Press r to try again.", width),
                    Style::default().fg(Color::DarkGray),
                ),
            ];
            Paragraph::new(Text::from(lines)).render(r, buf);
            return;
        }
        let text = if !state.list.loaded {
            "Loading…"
        } else if !state.filter.text.is_empty() {
            "No article matches the filter."
        } else if state.progress.running {
            "No articles yet: refreshing…"
        } else {
            "No articles. Press R to refresh."
        };
        Paragraph::new(Line::styled(
            truncate(text, width),
            Style::default().fg(Color::DarkGray),
        ))
        .render(r, buf);
        return;
    }
    // The feed column: a fifth of the list (at most 32 columns), no wider than the widest
    // feed title needs; none on a narrow list.
    let feed_w = if width >= 70 {
        (width / 5).min(32).min(state.feeds.title_width.max(8))
    } else {
        0
    };
    let mut lines = Vec::new();
    let end = state
        .list
        .total
        .min(state.list.offset + usize::from(r.height));
    for i in state.list.offset..end {
        let Some(a) = state.list.row(i) else {
            // Not loaded yet: the window that holds it is on its way.
            let mut line = Line::styled("  …", Style::default().fg(Color::DarkGray));
            if i == state.list.sel {
                line = line.style(selected_style(focused));
            }
            lines.push(line);
            continue;
        };
        let marks = format!(
            "{}{}",
            if a.read { ' ' } else { 'N' },
            if a.starred { '*' } else { ' ' }
        );
        let date = fit(&short_date(state, a.published), 11);
        let mut spans = vec![
            Span::styled(marks, Style::default().fg(Color::Yellow)),
            Span::raw(" "),
            Span::styled(date, Style::default().fg(Color::Blue)),
            Span::raw(" "),
        ];
        let mut used = 15;
        if feed_w > 0 {
            let feed = a
                .feed_title
                .strip_prefix(state.feeds.prefix.as_str())
                .filter(|rest| !state.feeds.prefix.is_empty() && !rest.is_empty())
                .unwrap_or(&a.feed_title);
            spans.push(Span::styled(
                fit(&sanitize_line(feed), feed_w),
                Style::default().fg(Color::Magenta),
            ));
            spans.push(Span::raw(" "));
            used += feed_w + 1;
        }
        let title_style = if a.read {
            Style::default()
        } else {
            Style::default().add_modifier(Modifier::BOLD)
        };
        spans.push(Span::styled(
            fit(&sanitize_line(&a.title), width.saturating_sub(used)),
            title_style,
        ));
        let mut line = Line::from(spans);
        if i == state.list.sel {
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
        ArticlePane::Loaded { article, body, .. } => {
            let total = HEADER_LINES + body.lines.len();
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
            let header = [
                Line::styled(
                    truncate(&sanitize_line(&article.title), width),
                    Style::default().add_modifier(Modifier::BOLD),
                ),
                Line::styled(
                    truncate(&byline, width),
                    Style::default().fg(Color::Magenta),
                ),
                Line::styled(
                    truncate(&format!("{date}{flags}"), width),
                    Style::default().fg(Color::Blue),
                ),
                Line::styled(
                    truncate(&sanitize_line(article.link.as_deref().unwrap_or("")), width),
                    Style::default().fg(Color::Cyan),
                ),
                Line::raw(""),
            ];
            let surfaces = state
                .people
                .entities
                .as_ref()
                .filter(|e| e.article == article.id)
                .map_or(&[][..], |e| e.surfaces.as_slice());
            // The selected entity's mentions stand out while the pane has the keyboard.
            let selected = (state.focus == Focus::People && state.people.who.is_none())
                .then(|| state.people.entries())
                .flatten()
                .and_then(|e| e.get(state.people.sel))
                .and_then(|e| e.id);
            let visible = usize::from(r.height);
            let lines: Vec<Line> = header
                .into_iter()
                .chain(
                    body.lines
                        .iter()
                        .skip(state.scroll.saturating_sub(HEADER_LINES))
                        .take(visible)
                        .map(|l| highlight_line(l, surfaces, selected)),
                )
                .skip(state.scroll.min(HEADER_LINES))
                .take(visible)
                .collect();
            Paragraph::new(Text::from(lines)).render(r, buf);
        }
    }
}

fn people_pane(state: &State, area: Rect, buf: &mut Buffer) {
    let title = if state.people.who.is_some() {
        "Who and where: this list"
    } else {
        "People and places"
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
            title,
            entries,
            selected: state.people.sel,
            focused: state.focus == Focus::People,
            empty,
        },
        area,
        buf,
    );
}

fn status_bar(state: &State, area: Rect, buf: &mut Buffer) {
    let width = usize::from(area.width);
    let (mode, mode_style) = match state.mode {
        Mode::Normal => ("NORMAL", Style::default().bg(Color::Blue).fg(Color::White)),
        Mode::Filter => (
            "FILTER",
            Style::default().bg(Color::Yellow).fg(Color::Black),
        ),
        Mode::Help => ("HELP", Style::default().bg(Color::Green).fg(Color::Black)),
    };
    let mut spans = vec![
        Span::styled(format!(" {mode} "), mode_style),
        Span::raw(" "),
    ];
    if state.mode == Mode::Filter {
        filter_line(state, &mut spans);
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
        let p = state.progress;
        if p.running {
            let total = p.total.max(1);
            let cells = 10;
            let filled = p.done.min(total) * cells / total;
            spans.push(Span::raw("  refresh "));
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
        if state.message.is_none()
            && state.focus == Focus::People
            && let Some(e) = state.people.entries().and_then(|e| e.get(state.people.sel))
        {
            spans.push(Span::styled(
                format!("  Enter: articles that mention {}", e.name),
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
}

/// The filter line: the text with a cursor, then the parse error beside it (the character
/// at its position underlined in red), else the hints.
fn filter_line(state: &State, spans: &mut Vec<Span<'static>>) {
    let text = sanitize_line(&state.filter.input);
    spans.push(Span::raw("/"));
    let bad = Style::default()
        .fg(Color::Red)
        .add_modifier(Modifier::UNDERLINED);
    match &state.filter.error {
        Some(e) if e.pos < text.chars().count() => {
            let before: String = text.chars().take(e.pos).collect();
            let at: String = text.chars().skip(e.pos).take(1).collect();
            let after: String = text.chars().skip(e.pos + 1).collect();
            spans.push(Span::raw(before));
            spans.push(Span::styled(at, bad));
            spans.push(Span::raw(after));
        }
        _ => spans.push(Span::raw(text)),
    }
    spans.push(Span::styled(
        " ",
        Style::default().add_modifier(Modifier::REVERSED),
    ));
    match &state.filter.error {
        Some(e) => spans.push(Span::styled(
            format!("  {}", sanitize_line(&e.to_string())),
            Style::default().fg(Color::Red),
        )),
        None => spans.push(Span::styled(
            format!("  {}", state.help.filter_hint),
            Style::default().fg(Color::DarkGray),
        )),
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
            Line::from(vec![
                Span::styled(fit(&e.keys, key_w), Style::default().fg(Color::Cyan)),
                Span::raw(" "),
                Span::raw(truncate(&e.description, width.saturating_sub(key_w + 1))),
            ])
        })
        .collect();
    Paragraph::new(Text::from(lines)).render(i, buf);
}
