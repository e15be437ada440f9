//! The people-and-places pane as a widget: the rows of [`Entry`] with their counts, and a
//! world map of the places that have coordinates. (The body paints their mentions.)
//!
//! Draws only: what the pane lists comes ready (and sanitised) from `ui::state::people`.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Color, Modifier, Style};
use ratatui::symbols::Marker;
use ratatui::text::{Line, Span, Text};
use ratatui::widgets::canvas::{Canvas, Map, MapResolution};
use ratatui::widgets::{Paragraph, Widget};
use unicode_width::UnicodeWidthStr;

use super::block::{pane_block, selected_style};
use crate::model::EntityKind;
use crate::ui::body::kind_color;
use crate::ui::layout::inner;
use crate::ui::state::people::{Entry, SECTIONS};
use crate::ui::text::truncate;

/// What the pane shows.
pub struct PaneView<'a> {
    pub title: &'a str,
    /// `None`: still loading.
    pub entries: Option<&'a [Entry]>,
    /// Index into `entries`.
    pub selected: usize,
    pub focused: bool,
    /// Shown when there are no entries.
    pub empty: &'a str,
}

/// Draws the pane: the sections with their counts, and the world map when there is room.
pub fn render_pane(view: &PaneView<'_>, area: Rect, buf: &mut Buffer) {
    pane_block(view.title, view.focused).render(area, buf);
    let inner = inner(area);
    if inner.width < 8 || inner.height < 2 {
        return;
    }
    let dim = Style::default().fg(Color::DarkGray);
    let Some(entries) = view.entries else {
        Paragraph::new(Line::styled("Finding people and places…", dim)).render(inner, buf);
        return;
    };
    let want = list_width(entries);
    let (mut list, map) = split(inner, entries.iter().any(|e| e.coords.is_some()), want);
    let selected = entries.get(view.selected);
    if let Some(m) = map {
        world_map(entries, selected, m, [-180.0, 180.0], [-90.0, 90.0], buf);
        // Rows the list does not need, between it and the world map, show the region
        // around the places close up.
        let needed = u16::try_from(entry_count(entries)).unwrap_or(u16::MAX);
        let spare = list.height.saturating_sub(needed.saturating_add(1));
        if m.y > list.y && spare >= REGION_MIN {
            let h = spare.min(m.width / 2);
            let r = Rect::new(m.x, m.y - h - 1, m.width, h);
            if let Some((x, y)) = region(entries, r) {
                world_map(entries, selected, r, x, y, buf);
                list.height = r.y.saturating_sub(list.y);
            }
        }
    }
    let lines = if entries.is_empty() {
        vec![Line::styled(
            truncate(view.empty, usize::from(list.width)),
            dim,
        )]
    } else {
        entry_lines(entries, view.selected, view.focused, list)
    };
    Paragraph::new(Text::from(lines)).render(list, buf);
}

/// Rows below which no close-up map of the region is drawn.
const REGION_MIN: u16 = 8;

/// The narrowest close-up, in degrees of longitude: the map's coastline is a series of
/// points about a degree apart, which closer in no longer join up.
pub(super) const REGION_SPAN: f64 = 50.0;

/// Lines of the list: a header per shown section and a row per entry.
fn entry_count(entries: &[Entry]) -> usize {
    let sections = SECTIONS
        .iter()
        .filter(|(k, _)| entries.iter().any(|e| e.kind == *k))
        .count();
    sections + entries.len()
}

/// Longitude and latitude bounds of a close-up of the entries' places for `area`: the
/// places with a margin, at least [`REGION_SPAN`] wide, cells kept square on the ground; `None` when
/// the places span most of the world (the world map says it already).
fn region(entries: &[Entry], area: Rect) -> Option<([f64; 2], [f64; 2])> {
    let points: Vec<(f64, f64)> = entries.iter().filter_map(|e| e.coords).collect();
    let (mut lat0, mut lat1, mut lon0, mut lon1) = (90.0f64, -90.0f64, 180.0f64, -180.0f64);
    for (lat, lon) in &points {
        lat0 = lat0.min(*lat);
        lat1 = lat1.max(*lat);
        lon0 = lon0.min(*lon);
        lon1 = lon1.max(*lon);
    }
    if points.is_empty() || lon1 - lon0 > 150.0 || lat1 - lat0 > 75.0 {
        return None;
    }
    let (cols, rows) = (f64::from(area.width), f64::from(area.height));
    // A cell is about twice as high as wide: degrees per column = degrees per half-row.
    let mut x_span = ((lon1 - lon0) * 1.4).max(REGION_SPAN);
    let mut y_span = x_span * 2.0 * rows / cols;
    let lat_needed = (lat1 - lat0) * 1.4;
    if y_span < lat_needed {
        y_span = lat_needed;
        x_span = y_span * cols / (2.0 * rows);
    }
    let (cx, cy) = ((lon0 + lon1) / 2.0, (lat0 + lat1) / 2.0);
    Some((
        [cx - x_span / 2.0, cx + x_span / 2.0],
        [cy - y_span / 2.0, cy + y_span / 2.0],
    ))
}

/// The width the list needs to show every row whole: pin, name (with its country when two
/// rows share a name), count column.
fn list_width(entries: &[Entry]) -> u16 {
    let count_w = entries
        .iter()
        .map(|e| count_text(e).width())
        .max()
        .unwrap_or(0);
    let name_w = entries
        .iter()
        .map(|e| label(e, entries).width())
        .max()
        .unwrap_or(0);
    // A space, the pin and its space, the name, the counts.
    u16::try_from(3 + name_w + count_w).unwrap_or(u16::MAX)
}

/// Splits the pane's inside into the list and (when it fits) the map: beside the list when
/// the pane is wide, else below it. `want` is the list's natural width: beside the map it
/// gets that much when the map keeps at least a third of the pane.
fn split(inner: Rect, has_places: bool, want: u16) -> (Rect, Option<Rect>) {
    if !has_places {
        return (inner, None);
    }
    // The world is twice as wide as high, and a cell about twice as high as wide: a map
    // `w` cells wide wants about `w / 4` rows.
    if inner.width >= 56 && inner.height <= 24 {
        // A wide, low pane: the map beside the list, centred in its height.
        // The map keeps at least 24 columns: narrower, it no longer reads as a map.
        let most = (inner.width * 2 / 3)
            .min(inner.width.saturating_sub(25))
            .max(22);
        let list_w = want.clamp(22, most);
        let map_w = inner.width - list_w - 1;
        let map_h = (map_w / 3).clamp(5, inner.height.max(5)).min(inner.height);
        let map = Rect::new(
            inner.x + list_w + 1,
            inner.y + (inner.height - map_h) / 2,
            map_w,
            map_h,
        );
        return (Rect::new(inner.x, inner.y, list_w, inner.height), Some(map));
    }
    let map_h = (inner.width / 4).min(inner.height / 2);
    if map_h < 5 {
        return (inner, None);
    }
    let list = Rect::new(inner.x, inner.y, inner.width, inner.height - map_h);
    let map = Rect::new(inner.x, inner.y + inner.height - map_h, inner.width, map_h);
    (list, Some(map))
}

/// A row's count column: mentions, and in the "who and where" view the articles too.
fn count_text(e: &Entry) -> String {
    match e.articles {
        Some(a) => format!(" {} in {a}", e.count),
        None => format!(" {}", e.count),
    }
}

/// A row's name, with its country when another row of its kind has the same name.
fn label(e: &Entry, entries: &[Entry]) -> String {
    let twin = entries
        .iter()
        .filter(|o| o.kind == e.kind && o.name == e.name)
        .count()
        > 1;
    match (&e.country, twin) {
        (Some(c), true) => format!("{} ({c})", e.name),
        _ => e.name.clone(),
    }
}

/// The section headers and rows, scrolled so the selection shows.
fn entry_lines(
    entries: &[Entry],
    selected: usize,
    focused: bool,
    area: Rect,
) -> Vec<Line<'static>> {
    let width = usize::from(area.width);
    // One column for the counts, right-aligned.
    let count_w = entries
        .iter()
        .map(|e| count_text(e).width())
        .max()
        .unwrap_or(0);
    let mut lines: Vec<(Line<'static>, bool)> = Vec::new();
    for (kind, title) in SECTIONS {
        let n = entries.iter().filter(|e| e.kind == kind).count();
        if n == 0 {
            continue;
        }
        lines.push((
            Line::styled(
                truncate(&format!("{title} ({n})"), width),
                Style::default()
                    .fg(kind_color(kind))
                    .add_modifier(Modifier::BOLD),
            ),
            false,
        ));
        for (i, e) in entries.iter().enumerate().filter(|(_, e)| e.kind == kind) {
            let count = format!("{:>count_w$}", count_text(e));
            let pin = if e.coords.is_some() { "◆ " } else { "  " };
            let name_w = width.saturating_sub(count_w + pin.width() + 1);
            let name = truncate(&label(e, entries), name_w);
            let pad = " ".repeat(name_w.saturating_sub(name.width()));
            let mut line = Line::from(vec![
                Span::raw(" "),
                Span::styled(pin, Style::default().fg(kind_color(e.kind))),
                Span::raw(format!("{name}{pad}")),
                Span::styled(count, Style::default().fg(Color::DarkGray)),
            ]);
            if i == selected {
                line = line.style(selected_style(focused));
            }
            lines.push((line, i == selected));
        }
    }
    let height = usize::from(area.height);
    let at = lines.iter().position(|(_, s)| *s).unwrap_or(0);
    let skip = (at + 1).saturating_sub(height);
    lines.into_iter().skip(skip).map(|(l, _)| l).collect()
}

/// The world (or the part within `x`/`y` bounds, in degrees) with the entries' places
/// marked; the selected one bright and named.
pub(super) fn world_map(
    entries: &[Entry],
    selected: Option<&Entry>,
    area: Rect,
    x: [f64; 2],
    y: [f64; 2],
    buf: &mut Buffer,
) {
    let resolution = if area.width >= 30 {
        MapResolution::High
    } else {
        MapResolution::Low
    };
    let places: Vec<(f64, f64)> = entries
        .iter()
        .filter_map(|e| e.coords)
        .map(|(lat, lon)| (lon, lat))
        .collect();
    let chosen = selected.and_then(|e| e.coords.map(|(lat, lon)| (lon, lat, e.name.clone())));
    Canvas::default()
        // Close up, braille dots are finer than the map's points are dense: half blocks
        // keep the coastline joined.
        .marker(if x[1] - x[0] < 300.0 {
            Marker::HalfBlock
        } else {
            Marker::Braille
        })
        .x_bounds(x)
        .y_bounds(y)
        .paint(|ctx| {
            ctx.draw(&Map {
                color: Color::DarkGray,
                resolution,
            });
            ctx.layer();
            // A whole cell per place, the list's pin: a braille dot alone is easy to miss.
            for &(lon, lat) in &places {
                ctx.print(
                    lon,
                    lat,
                    Span::styled("◆", Style::default().fg(kind_color(EntityKind::Place))),
                );
            }
            if let Some((x, y, name)) = &chosen {
                ctx.layer();
                ctx.print(
                    *x,
                    *y,
                    Span::styled(
                        format!("● {name}"),
                        Style::default()
                            .fg(Color::LightRed)
                            .add_modifier(Modifier::BOLD),
                    ),
                );
            }
        })
        .render(area, buf);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn region_frames_nearby_places_and_declines_the_whole_world() {
        let place = |lat, lon| Entry {
            kind: EntityKind::Place,
            name: "x".into(),
            count: 1,
            articles: None,
            coords: Some((lat, lon)),
            id: None,
            country: None,
        };
        let area = Rect::new(0, 0, 50, 12);
        // Belgrade, Pristina, Brussels.
        let near = [place(44.8, 20.5), place(42.7, 21.2), place(50.8, 4.4)];
        let (x, y) = region(&near, area).unwrap();
        for p in &near {
            let (lat, lon) = p.coords.unwrap();
            assert!(
                x[0] < lon && lon < x[1] && y[0] < lat && lat < y[1],
                "{x:?} {y:?}"
            );
        }
        assert!(x[1] - x[0] < 60.0);
        // Square on the ground: degrees per column equal degrees per half-row.
        let per_col = (x[1] - x[0]) / 50.0;
        let per_half_row = (y[1] - y[0]) / 24.0;
        assert!((per_col - per_half_row).abs() < 1e-9);
        let far = [place(51.5, -0.1), place(-33.9, 151.2)];
        assert_eq!(region(&far, area), None);
        assert_eq!(region(&[], area), None);
    }
}
