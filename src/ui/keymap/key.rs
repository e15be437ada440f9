//! One key press as the keymap sees it: a key code and its modifiers, normalised so that
//! what the terminal sends and what the user writes in `[keys]` compare equal, with the
//! config syntax to parse and print it.
//!
//! A key is written as an optional chain of modifiers (`C-` control, `A-`/`M-` alt, `S-`
//! shift) and a key name: one character (`j`, `?`, `G`), or `space`, `Enter`, `Esc`, `Tab`,
//! `Backspace`, `Delete`, `Insert`, `Up`, `Down`, `Left`, `Right`, `Home`, `End`, `PageUp`,
//! `PageDown`, `F1`..`F12`.

use std::fmt;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

/// A key with its modifiers, normalised so that what the terminal sends and what the user
/// writes compare equal (a shifted letter is its upper-case letter; `S-Tab` is BackTab).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Key {
    pub code: KeyCode,
    pub mods: KeyModifiers,
}

impl Key {
    fn normalised(code: KeyCode, mods: KeyModifiers) -> Key {
        let mut mods = mods & (KeyModifiers::CONTROL | KeyModifiers::ALT | KeyModifiers::SHIFT);
        let code = match code {
            KeyCode::Char(c) => {
                mods.remove(KeyModifiers::SHIFT);
                KeyCode::Char(c)
            }
            KeyCode::Tab if mods.contains(KeyModifiers::SHIFT) => {
                mods.remove(KeyModifiers::SHIFT);
                KeyCode::BackTab
            }
            KeyCode::BackTab => {
                mods.remove(KeyModifiers::SHIFT);
                KeyCode::BackTab
            }
            other => other,
        };
        Key { code, mods }
    }

    /// The key a terminal event stands for.
    pub fn from_event(event: &KeyEvent) -> Key {
        Key::normalised(event.code, event.modifiers)
    }

    /// Parses the config syntax (`j`, `C-d`, `S-Tab`, `PageDown`, `space`).
    pub fn parse(text: &str) -> Result<Key, String> {
        let mut mods = KeyModifiers::NONE;
        let mut rest = text;
        while let Some((prefix, tail)) = rest.split_at_checked(2) {
            let m = match prefix {
                "C-" | "c-" => KeyModifiers::CONTROL,
                "A-" | "a-" | "M-" | "m-" => KeyModifiers::ALT,
                "S-" | "s-" => KeyModifiers::SHIFT,
                _ => break,
            };
            if tail.is_empty() {
                break;
            }
            mods |= m;
            rest = tail;
        }
        let mut chars = rest.chars();
        let code = match (chars.next(), chars.next()) {
            (None, _) => return Err("empty".into()),
            (Some(c), None) => KeyCode::Char(c),
            _ => match rest.to_ascii_lowercase().as_str() {
                "space" => KeyCode::Char(' '),
                "enter" | "return" => KeyCode::Enter,
                "esc" | "escape" => KeyCode::Esc,
                "tab" => KeyCode::Tab,
                "backtab" => KeyCode::BackTab,
                "backspace" => KeyCode::Backspace,
                "delete" | "del" => KeyCode::Delete,
                "insert" => KeyCode::Insert,
                "up" => KeyCode::Up,
                "down" => KeyCode::Down,
                "left" => KeyCode::Left,
                "right" => KeyCode::Right,
                "home" => KeyCode::Home,
                "end" => KeyCode::End,
                "pageup" | "pgup" => KeyCode::PageUp,
                "pagedown" | "pgdn" => KeyCode::PageDown,
                f if f.starts_with('f') => match f[1..].parse::<u8>() {
                    Ok(n @ 1..=12) => KeyCode::F(n),
                    _ => return Err("unknown key name".into()),
                },
                _ => return Err("unknown key name".into()),
            },
        };
        if let KeyCode::Char(c) = code
            && mods.contains(KeyModifiers::SHIFT)
            && c.is_ascii_lowercase()
        {
            return Ok(Key::normalised(KeyCode::Char(c.to_ascii_uppercase()), mods));
        }
        Ok(Key::normalised(code, mods))
    }
}

impl fmt::Display for Key {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.mods.contains(KeyModifiers::CONTROL) {
            f.write_str("C-")?;
        }
        if self.mods.contains(KeyModifiers::ALT) {
            f.write_str("A-")?;
        }
        if self.mods.contains(KeyModifiers::SHIFT) {
            f.write_str("S-")?;
        }
        match self.code {
            KeyCode::Char(' ') => f.write_str("space"),
            KeyCode::Char(c) => write!(f, "{c}"),
            KeyCode::BackTab => f.write_str("S-Tab"),
            KeyCode::PageUp => f.write_str("PageUp"),
            KeyCode::PageDown => f.write_str("PageDown"),
            KeyCode::F(n) => write!(f, "F{n}"),
            other => write!(f, "{other:?}"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parse_syntax() {
        assert_eq!(
            Key::parse("C-d").unwrap(),
            Key {
                code: KeyCode::Char('d'),
                mods: KeyModifiers::CONTROL
            }
        );
        assert_eq!(Key::parse("S-Tab").unwrap().code, KeyCode::BackTab);
        assert_eq!(Key::parse("S-j").unwrap(), Key::parse("J").unwrap());
        assert_eq!(Key::parse("pagedown").unwrap().code, KeyCode::PageDown);
        assert_eq!(Key::parse("F5").unwrap().code, KeyCode::F(5));
        assert_eq!(Key::parse("-").unwrap().code, KeyCode::Char('-'));
        assert!(Key::parse("Banana").is_err());
        assert!(Key::parse("").is_err());
        assert!(Key::parse("F13").is_err());
    }

    #[test]
    fn keys_print_as_they_are_written() {
        for text in [
            "j", "C-d", "S-Tab", "space", "PageDown", "F5", "Enter", "A-x",
        ] {
            assert_eq!(Key::parse(text).unwrap().to_string(), text);
        }
    }
}
