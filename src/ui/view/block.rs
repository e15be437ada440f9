//! The look every pane shares: its border and title, and how a selected row stands out.
//! One place, so the panes cannot drift apart; [`crate::ui::layout::inner`] is the inside of
//! the border drawn here.

use ratatui::style::{Color, Modifier, Style};
use ratatui::text::Span;
use ratatui::widgets::{Block, BorderType, Borders};

/// A pane's border with its title: thick and cyan while the pane has the keyboard (seen at
/// a glance, colour or not), else thin and dim.
pub fn pane_block(title: &str, focused: bool) -> Block<'_> {
    let (style, border) = if focused {
        (Style::default().fg(Color::Cyan), BorderType::Thick)
    } else {
        (Style::default().fg(Color::DarkGray), BorderType::Plain)
    };
    Block::default()
        .borders(Borders::ALL)
        .border_type(border)
        .border_style(style)
        .title(Span::styled(
            format!(" {title} "),
            Style::default().add_modifier(Modifier::BOLD),
        ))
}

/// The selected row: reversed while its pane has the keyboard, else on a dim background.
pub fn selected_style(focused: bool) -> Style {
    if focused {
        Style::default().add_modifier(Modifier::REVERSED)
    } else {
        Style::default().bg(Color::DarkGray)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::buffer::Buffer;
    use ratatui::layout::Rect;
    use ratatui::widgets::Widget;

    #[test]
    fn the_border_leaves_the_inside_layout_computes() {
        let area = Rect::new(2, 3, 20, 6);
        assert_eq!(
            pane_block("x", true).inner(area),
            crate::ui::layout::inner(area)
        );
        let mut buf = Buffer::empty(area);
        pane_block("Feeds", false).render(area, &mut buf);
        let top: String = (area.x..area.x + area.width)
            .map(|x| buf[(x, area.y)].symbol().to_string())
            .collect();
        assert!(top.contains(" Feeds "), "{top}");
        assert_eq!(buf[(area.x, area.y)].fg, Color::DarkGray);
        assert_eq!(buf[(area.x, area.y)].symbol(), "┌");
        pane_block("Feeds", true).render(area, &mut buf);
        assert_eq!(
            buf[(area.x, area.y)].symbol(),
            "┏",
            "the focused pane is thick"
        );
    }
}
