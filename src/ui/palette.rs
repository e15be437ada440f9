//! Colour themes and `NO_COLOR`, applied to a drawn frame: the widgets draw with 16 named
//! colours, and `[theme]` draws any of them as another (a name, one of 256, or true colour);
//! with `NO_COLOR` set, no colour at all is drawn, and what a background colour marked (the
//! selected row) is shown reversed instead.
//!
//! Why it works on the frame: every widget stays as it is, and one pass over the buffer
//! (cheap next to drawing it) gives the whole screen the theme. Pure: no I/O.

use ratatui::buffer::Buffer;
use ratatui::style::{Color, Modifier};

use crate::config::Colour;

/// The colours to draw instead, and whether to draw any.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Palette {
    /// Index into [`crate::config::COLOUR_NAMES`] -> the colour drawn instead.
    pub map: Vec<(u8, Colour)>,
    /// `NO_COLOR` is set: no colour at all.
    pub no_color: bool,
}

/// The 16 named colours, in [`crate::config::COLOUR_NAMES`] order.
const NAMED: [Color; 16] = [
    Color::Black,
    Color::Red,
    Color::Green,
    Color::Yellow,
    Color::Blue,
    Color::Magenta,
    Color::Cyan,
    Color::Gray,
    Color::DarkGray,
    Color::LightRed,
    Color::LightGreen,
    Color::LightYellow,
    Color::LightBlue,
    Color::LightMagenta,
    Color::LightCyan,
    Color::White,
];

impl Palette {
    /// Whether applying it changes anything.
    pub fn is_plain(&self) -> bool {
        self.map.is_empty() && !self.no_color
    }

    /// Recolours every cell of `buf`.
    pub fn apply(&self, buf: &mut Buffer) {
        if self.is_plain() {
            return;
        }
        for cell in &mut buf.content {
            if self.no_color {
                if cell.bg != Color::Reset {
                    cell.modifier.insert(Modifier::REVERSED);
                }
                cell.fg = Color::Reset;
                cell.bg = Color::Reset;
            } else {
                cell.fg = self.colour(cell.fg);
                cell.bg = self.colour(cell.bg);
            }
        }
    }

    fn colour(&self, c: Color) -> Color {
        let Some(i) = NAMED.iter().position(|n| *n == c) else {
            return c;
        };
        match self.map.iter().find(|(n, _)| usize::from(*n) == i) {
            Some((_, Colour::Named(j))) => NAMED[usize::from(*j) % 16],
            Some((_, Colour::Indexed(k))) => Color::Indexed(*k),
            Some((_, Colour::Rgb(r, g, b))) => Color::Rgb(*r, *g, *b),
            None => c,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::layout::Rect;
    use ratatui::style::Style;

    fn buffer() -> Buffer {
        let mut buf = Buffer::empty(Rect::new(0, 0, 3, 1));
        buf.set_string(0, 0, "a", Style::default().fg(Color::Cyan));
        buf.set_string(1, 0, "b", Style::default().fg(Color::White).bg(Color::Blue));
        buf.set_string(2, 0, "c", Style::default().fg(Color::Rgb(1, 2, 3)));
        buf
    }

    #[test]
    fn a_theme_redraws_the_named_colours_it_names() {
        let mut buf = buffer();
        Palette {
            map: vec![(6, Colour::Rgb(0x88, 0xc0, 0xd0)), (4, Colour::Indexed(17))],
            no_color: false,
        }
        .apply(&mut buf);
        assert_eq!(buf.content[0].fg, Color::Rgb(0x88, 0xc0, 0xd0));
        assert_eq!(buf.content[1].bg, Color::Indexed(17));
        assert_eq!(buf.content[1].fg, Color::White);
        assert_eq!(buf.content[2].fg, Color::Rgb(1, 2, 3));
    }

    #[test]
    fn no_color_draws_no_colour_and_reverses_what_had_a_background() {
        let mut buf = buffer();
        Palette {
            map: Vec::new(),
            no_color: true,
        }
        .apply(&mut buf);
        assert!(
            buf.content
                .iter()
                .all(|c| c.fg == Color::Reset && c.bg == Color::Reset)
        );
        assert!(buf.content[1].modifier.contains(Modifier::REVERSED));
        assert!(!buf.content[0].modifier.contains(Modifier::REVERSED));
    }
}
