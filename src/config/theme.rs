//! `[theme]`'s colours.

/// A colour of `[theme]`: a name, a 256-colour index or `#rrggbb`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Colour {
    /// One of [`COLOUR_NAMES`], by its index there.
    Named(u8),
    Indexed(u8),
    Rgb(u8, u8, u8),
}

/// The 16 colour names the reader draws with, and that `[theme]` may remap.
pub const COLOUR_NAMES: [&str; 16] = [
    "black",
    "red",
    "green",
    "yellow",
    "blue",
    "magenta",
    "cyan",
    "gray",
    "darkgray",
    "lightred",
    "lightgreen",
    "lightyellow",
    "lightblue",
    "lightmagenta",
    "lightcyan",
    "white",
];

impl Colour {
    /// `"cyan"`, `"214"` or `"#88c0d0"`.
    pub fn parse(text: &str) -> Result<Colour, String> {
        let t = text.trim().to_ascii_lowercase();
        if let Some(hex) = t.strip_prefix('#') {
            if hex.len() == 6
                && let Ok(n) = u32::from_str_radix(hex, 16)
            {
                return Ok(Colour::Rgb((n >> 16) as u8, (n >> 8) as u8, n as u8));
            }
            return Err(format!("{text:?} is not a colour like #88c0d0"));
        }
        if let Ok(n) = t.parse::<u8>() {
            return Ok(Colour::Indexed(n));
        }
        match COLOUR_NAMES.iter().position(|n| *n == t) {
            Some(i) => Ok(Colour::Named(i as u8)),
            None => Err(format!(
                "{text:?} is not a colour: use a name ({}), a number 0-255 or #rrggbb",
                COLOUR_NAMES.join(", ")
            )),
        }
    }
}
