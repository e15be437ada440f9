//! The article list pane: one row per article (marks, date, feed, title), the selected
//! row's title wrapped onto as many as `layout::TITLE_LINES` lines so it shows whole on a narrow
//! screen. The geometry (columns, first row drawn) is `layout`'s, shared with mouse clicks.

use chrono::{DateTime, Datelike, Utc};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span, Text};
use ratatui::widgets::{Paragraph, Widget};

use super::block::{pane_block, selected_style};
use crate::query::{Expr, Term};
use crate::sanitize::sanitize_line;
use crate::ui::layout::{Focus, first_row, inner, list_columns};
use crate::ui::state::State;
use crate::ui::text::{fit, truncate};

/// The title and last error of the first feed `pick` accepts, when its last fetch failed.
pub(super) fn failed_feed(
    state: &State,
    pick: impl Fn(&crate::model::Feed) -> bool,
) -> Option<(&str, &str)> {
    let f = state.feeds.feeds.iter().find(|f| pick(f))?;
    Some((f.title.as_str(), f.last_error.as_deref()?))
}

/// The failed feed the list is restricted to (the feeds pane scopes by the feed's URL).
pub(super) fn scoped_failed_feed(state: &State) -> Option<(&str, &str)> {
    let Some(Expr::Term(Term::Url(url))) = state.list.query.scope.expr.as_ref() else {
        return None;
    };
    failed_feed(state, |f| f.url == *url)
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

/// What the pane says when the list is empty.
fn empty_list(state: &State, r: Rect, buf: &mut Buffer) {
    let width = usize::from(r.width);
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
}

pub(super) fn list_pane(state: &State, area: Rect, buf: &mut Buffer) {
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
    if state.list.total == 0 {
        empty_list(state, r, buf);
        return;
    }
    let width = usize::from(r.width);
    let height = usize::from(r.height);
    let (feed_w, title_at) = list_columns(width, state.feeds.title_width);
    let title_w = width.saturating_sub(title_at);
    let sel_lines = state.list.selected_title_lines(title_w);
    let first = first_row(state.list.offset, state.list.sel, height, sel_lines.len());
    let mut lines = Vec::new();
    let mut i = first;
    while lines.len() < height && i < state.list.total {
        let selected = i == state.list.sel;
        let row_style = if selected {
            selected_style(focused)
        } else {
            Style::default()
        };
        let Some(a) = state.list.row(i) else {
            // Not loaded yet: the window that holds it is on its way.
            lines.push(Line::styled("  …", Style::default().fg(Color::DarkGray)).style(row_style));
            i += 1;
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
        }
        let title_style = if a.read {
            Style::default()
        } else {
            Style::default().add_modifier(Modifier::BOLD)
        };
        // In story mode, how many more feeds tell the row's story, before its title.
        let badge = state.list.badge(a.id, title_w);
        let badge_w = badge.as_ref().map_or(0, |b| b.chars().count());
        let text_w = title_w - badge_w;
        if let Some(badge) = badge {
            spans.push(Span::styled(badge, Style::default().fg(Color::Cyan)));
        }
        if selected && sel_lines.len() > 1 {
            // The whole title, the lines after the first under the title column.
            let mut rest = sel_lines.iter();
            let head = rest.next().map_or("", String::as_str);
            spans.push(Span::styled(fit(head, text_w), title_style));
            lines.push(Line::from(spans).style(row_style));
            for more in rest.take(height.saturating_sub(lines.len())) {
                lines.push(
                    Line::from(vec![
                        Span::raw(" ".repeat((title_at + badge_w).min(width))),
                        Span::styled(fit(more, text_w), title_style),
                    ])
                    .style(row_style),
                );
            }
        } else {
            spans.push(Span::styled(
                fit(&sanitize_line(&a.title), text_w),
                title_style,
            ));
            lines.push(Line::from(spans).style(row_style));
        }
        i += 1;
    }
    Paragraph::new(Text::from(lines)).render(r, buf);
}
