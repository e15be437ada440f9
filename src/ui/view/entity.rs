//! An entity page as a widget, over the panes: the entity and its other names, its mentions
//! per day (a sparkline over as many of the last days as fit, its dates labelled), the
//! people, places and organisations mentioned with it, for a place the map around it, and
//! its articles, newest first, with the selected one marked.
//!
//! Draws only: the page comes ready (and sanitised) from `ui::state::entity_page`.

use chrono::{Duration, FixedOffset};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span, Text};
use ratatui::widgets::{Clear, Paragraph, Sparkline, Widget};
use unicode_width::UnicodeWidthStr;

use super::block::{pane_block, selected_style};
use super::people::{REGION_SPAN, world_map};
use crate::model::EntityKind;
use crate::ui::body::kind_color;
use crate::ui::layout::inner;
use crate::ui::state::entity_page::{EntityView, PageLoad};
use crate::ui::state::people::{Entry, SECTIONS};
use crate::ui::text::{fit, truncate};
use crate::worker::session::{EntityPage, TopEntity};

/// Draws the page `v` over `area` (the screen above the status bar), dates in `tz`.
pub fn render_page(v: &EntityView, tz: FixedOffset, area: Rect, buf: &mut Buffer) {
    Clear.render(area, buf);
    let title = format!("{} · {}", kind_title(v.kind), v.name);
    pane_block(&title, true).render(area, buf);
    let r = inner(area);
    if r.width < 10 || r.height < 3 {
        return;
    }
    let dim = Style::default().fg(Color::DarkGray);
    let page = match &v.load {
        PageLoad::Loaded(p) => p,
        PageLoad::Loading => {
            let text = format!("Reading what the cache knows of {}…", v.name);
            Paragraph::new(Line::styled(truncate(&text, usize::from(r.width)), dim)).render(r, buf);
            return;
        }
        PageLoad::Gone => {
            let text = format!(
                "{} is no longer in the cache (its articles were extracted again or pruned).",
                v.name
            );
            Paragraph::new(Line::styled(truncate(&text, usize::from(r.width)), dim)).render(r, buf);
            return;
        }
    };
    let width = usize::from(r.width);
    let mut y = r.y;
    let bottom = r.y + r.height;
    let line = |l: Line<'_>, y: &mut u16, buf: &mut Buffer| {
        if *y < bottom {
            Paragraph::new(l).render(Rect::new(r.x, *y, r.width, 1), buf);
            *y += 1;
        }
    };
    for l in header(page, tz, width) {
        line(l, &mut y, buf);
    }
    // The days: as many of the last as fit, one column each.
    let days = page.per_day.len().min(width);
    let shown = &page.per_day[page.per_day.len() - days..];
    let first = page.first_day + Duration::days((page.per_day.len() - days) as i64);
    let last = page.first_day + Duration::days(page.per_day.len() as i64 - 1);
    let peak = shown.iter().max().copied().unwrap_or(0);
    let in_days: u32 = shown.iter().sum();
    line(Line::raw(""), &mut y, buf);
    line(
        Line::from(vec![
            Span::styled(
                "Mentions per day",
                Style::default().add_modifier(Modifier::BOLD),
            ),
            Span::styled(
                truncate(
                    &format!("  last {days} days: {in_days}, most in a day {peak}"),
                    width.saturating_sub(16),
                ),
                dim,
            ),
        ]),
        &mut y,
        buf,
    );
    let spark_h: u16 = if r.height >= 30 { 4 } else { 2 };
    let spark_h = spark_h.min(bottom.saturating_sub(y));
    let spark = Rect::new(r.x, y, u16::try_from(days).unwrap_or(r.width), spark_h);
    Sparkline::default()
        .data(shown.iter().map(|&n| u64::from(n)))
        .max(u64::from(peak.max(1)))
        .style(Style::default().fg(kind_color(v.kind)))
        .render(spark, buf);
    y += spark_h;
    let (from, to) = (
        first.format("%Y-%m-%d").to_string(),
        last.format("%Y-%m-%d").to_string(),
    );
    let gap = days.saturating_sub(from.width() + to.width()).max(1);
    line(
        Line::styled(
            truncate(&format!("{from}{}{to}", "─".repeat(gap)), width),
            dim,
        ),
        &mut y,
        buf,
    );
    line(Line::raw(""), &mut y, buf);
    if y >= bottom {
        return;
    }
    // Below: who and what is mentioned with it (and a place's map), and its articles.
    let rest = Rect::new(r.x, y, r.width, bottom - y);
    let left_w = (rest.width * 2 / 5).clamp(24.min(rest.width), 44);
    let left = Rect::new(rest.x, rest.y, left_w, rest.height);
    let right = Rect::new(
        rest.x + left_w + 1,
        rest.y,
        rest.width.saturating_sub(left_w + 1),
        rest.height,
    );
    // A place's map: under the co-mentions when they leave room, else under the articles.
    let lines = related_lines(page, left.width, left.height);
    let map = page.entity.coords.filter(|_| v.kind == EntityKind::Place);
    let spare = left
        .height
        .saturating_sub(u16::try_from(lines.len()).unwrap_or(u16::MAX) + 1);
    let (list, right, map_area) = match map {
        Some(_) if spare >= 6 => (
            Rect::new(left.x, left.y, left.width, left.height - spare),
            right,
            Some(Rect::new(
                left.x,
                left.y + left.height - spare,
                left.width,
                spare,
            )),
        ),
        Some(_) if right.height >= 12 => {
            let h = (right.height / 2).clamp(6, right.width / 3 + 1);
            (
                left,
                Rect::new(right.x, right.y, right.width, right.height - h),
                Some(Rect::new(
                    right.x,
                    right.y + right.height - h,
                    right.width,
                    h,
                )),
            )
        }
        _ => (left, right, None),
    };
    Paragraph::new(Text::from(cut(lines, list))).render(list, buf);
    if let (Some((lat, lon)), Some(m)) = (map, map_area) {
        place_map(page, (lat, lon), m, buf);
    }
    Paragraph::new(Text::from(article_lines(v, page, tz, right))).render(right, buf);
}

fn kind_title(kind: EntityKind) -> &'static str {
    match kind {
        EntityKind::Person => "Person",
        EntityKind::Place => "Place",
        EntityKind::Org => "Organisation",
    }
}

/// The name, what is known of it, its other names.
fn header(page: &EntityPage, tz: FixedOffset, width: usize) -> Vec<Line<'static>> {
    let e = &page.entity;
    let dim = Style::default().fg(Color::DarkGray);
    let mut facts = vec![format!(
        "{} mention{} in {} article{}",
        e.mentions,
        if e.mentions == 1 { "" } else { "s" },
        e.articles,
        if e.articles == 1 { "" } else { "s" }
    )];
    if let (Some(a), Some(b)) = (page.first_seen, page.last_seen) {
        let day = |t: chrono::DateTime<chrono::Utc>| t.with_timezone(&tz).format("%Y-%m-%d");
        facts.push(format!("{} to {}", day(a), day(b)));
    }
    if let Some(c) = &e.country {
        facts.push(c.clone());
    }
    if let Some((lat, lon)) = e.coords {
        facts.push(format!("{lat:.2}, {lon:.2}"));
    }
    let name_w = e.name.width().min(width);
    let mut lines = vec![Line::from(vec![
        Span::styled(
            truncate(&e.name, width),
            Style::default()
                .fg(kind_color(e.kind))
                .add_modifier(Modifier::BOLD),
        ),
        Span::styled(
            truncate(
                &format!("  {}", facts.join(" · ")),
                width.saturating_sub(name_w),
            ),
            dim,
        ),
    ])];
    let aka = if page.aliases.is_empty() {
        "No other names seen.".to_string()
    } else {
        format!("Also called: {}", page.aliases.join(", "))
    };
    lines.push(Line::styled(truncate(&aka, width), dim));
    lines
}

/// `lines` cut to `area`'s height, the last shown as `…` when some are left out.
fn cut(mut lines: Vec<Line<'static>>, area: Rect) -> Vec<Line<'static>> {
    let height = usize::from(area.height);
    if lines.len() > height && height > 0 {
        lines.truncate(height - 1);
        lines.push(Line::styled("…", Style::default().fg(Color::DarkGray)));
    }
    lines
}

/// The entities mentioned with it, by kind, with their shared articles, `width` wide: as
/// many of each kind as let every kind show in `height` lines.
fn related_lines(page: &EntityPage, width: u16, height: u16) -> Vec<Line<'static>> {
    let width = usize::from(width);
    let count = |k: EntityKind| page.related.iter().filter(|e| e.kind == k).count();
    let lines_with = |cap: usize| {
        1 + SECTIONS
            .iter()
            .map(|(k, _)| match count(*k) {
                0 => 0,
                n => 1 + n.min(cap),
            })
            .sum::<usize>()
    };
    let most = SECTIONS.iter().map(|(k, _)| count(*k)).max().unwrap_or(0);
    let cap = (1..=most)
        .rev()
        .find(|&cap| lines_with(cap) <= usize::from(height))
        .unwrap_or(1);
    let bold = Style::default().add_modifier(Modifier::BOLD);
    let dim = Style::default().fg(Color::DarkGray);
    let mut lines = vec![Line::styled(truncate("In the same articles", width), bold)];
    if page.related.is_empty() {
        lines.push(Line::styled(
            truncate("No one and nothing yet.", width),
            dim,
        ));
    }
    let count_w = page
        .related
        .iter()
        .map(|e| e.articles.to_string().len())
        .max()
        .unwrap_or(1);
    for (kind, title) in SECTIONS {
        let of_kind: Vec<&TopEntity> = page.related.iter().filter(|e| e.kind == kind).collect();
        if of_kind.is_empty() {
            continue;
        }
        lines.push(Line::styled(
            truncate(title, width),
            Style::default()
                .fg(kind_color(kind))
                .add_modifier(Modifier::BOLD),
        ));
        for e in of_kind.into_iter().take(cap) {
            let name = match &e.country {
                Some(c) => format!("{} ({c})", e.name),
                None => e.name.clone(),
            };
            let name_w = width.saturating_sub(count_w + 2);
            lines.push(Line::from(vec![
                Span::raw(" "),
                Span::raw(fit(&name, name_w)),
                Span::styled(format!(" {:>count_w$}", e.articles), dim),
            ]));
        }
    }
    lines
}

/// The region around a place: the place named and bright, the places mentioned with it
/// pinned.
fn place_map(page: &EntityPage, (lat, lon): (f64, f64), area: Rect, buf: &mut Buffer) {
    let entry = |e: &TopEntity| Entry {
        kind: e.kind,
        name: e.name.clone(),
        count: e.mentions,
        articles: Some(e.articles),
        coords: e.coords,
        id: Some(e.id),
        country: e.country.clone(),
    };
    let mut entries: Vec<Entry> = page
        .related
        .iter()
        .filter(|e| e.coords.is_some())
        .map(entry)
        .collect();
    let me = entry(&page.entity);
    entries.push(me.clone());
    // A cell is about twice as high as wide: degrees per column = degrees per half-row.
    let x_span = REGION_SPAN;
    let y_span = (x_span * 2.0 * f64::from(area.height) / f64::from(area.width.max(1))).min(170.0);
    let x = [lon - x_span / 2.0, lon + x_span / 2.0];
    let y = [lat - y_span / 2.0, lat + y_span / 2.0];
    world_map(&entries, Some(&me), area, x, y, buf);
}

/// The articles, newest first, scrolled so the selected one shows.
fn article_lines(
    v: &EntityView,
    page: &EntityPage,
    tz: FixedOffset,
    area: Rect,
) -> Vec<Line<'static>> {
    let width = usize::from(area.width);
    let bold = Style::default().add_modifier(Modifier::BOLD);
    let dim = Style::default().fg(Color::DarkGray);
    let n = page.articles.len();
    let heading = if (n as u64) < u64::from(page.entity.articles) {
        format!("Articles, newest first ({n} of {})", page.entity.articles)
    } else {
        format!("Articles, newest first ({n})")
    };
    let mut lines = vec![Line::styled(truncate(&heading, width), bold)];
    let height = usize::from(area.height).saturating_sub(1);
    let skip = (v.sel + 1).saturating_sub(height);
    let feed_w = if width >= 60 { 16 } else { 0 };
    for (i, a) in page.articles.iter().enumerate().skip(skip).take(height) {
        let format = if width >= 70 { "%Y-%m-%d" } else { "%m-%d" };
        let date = a.published.with_timezone(&tz).format(format).to_string();
        let feed = if feed_w > 0 {
            format!("{} ", fit(&a.feed_title, feed_w))
        } else {
            String::new()
        };
        let title_w = width.saturating_sub(date.len() + 2 + feed.width());
        let mark = if a.read { " " } else { "•" };
        let mut title_style = Style::default();
        if !a.read {
            title_style = title_style.add_modifier(Modifier::BOLD);
        }
        let mut line = Line::from(vec![
            Span::styled(mark, Style::default().fg(Color::Cyan)),
            Span::styled(format!("{date} "), Style::default().fg(Color::Blue)),
            Span::styled(feed, Style::default().fg(Color::Magenta)),
            Span::styled(fit(&a.title, title_w), title_style),
        ]);
        if i == v.sel {
            line = line.style(selected_style(true));
        }
        lines.push(line);
    }
    if n == 0 {
        lines.push(Line::styled(truncate("None listed.", width), dim));
    }
    lines
}
