//! Key bindings as data: one list of named actions is the single source of the default
//! keymap, the user's `[keys]` overrides, the help overlay and the README's key table.
//!
//! A key is written as an optional chain of modifiers (`C-` control, `A-`/`M-` alt, `S-`
//! shift) and a key name: one character (`j`, `?`, `G`), or `space`, `Enter`, `Esc`, `Tab`,
//! `Backspace`, `Delete`, `Insert`, `Up`, `Down`, `Left`, `Right`, `Home`, `End`, `PageUp`,
//! `PageDown`, `F1`..`F12`. This module knows nothing of the state; it maps keys to [`Act`].

use std::collections::{BTreeMap, HashMap};
use std::fmt;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

/// What keys mean right now: each mode has its own keymap.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    Normal,
    /// Typing a filter in the status bar.
    Filter,
    /// The help overlay is shown.
    Help,
}

/// A remappable, named action.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Act {
    Down,
    Up,
    Top,
    Bottom,
    PageUp,
    PageDown,
    Open,
    Back,
    NextPane,
    PrevPane,
    NextArticle,
    PrevArticle,
    NextUnread,
    PrevUnread,
    Page,
    ToggleRead,
    ToggleStar,
    MarkAllRead,
    OpenBrowser,
    CopyLink,
    RefreshFeed,
    RefreshAll,
    Filter,
    People,
    WhoWhere,
    Help,
    Quit,
}

/// One named action: its config name, what it does, and its default keys.
#[derive(Debug, Clone, Copy)]
pub struct ActionDef {
    pub act: Act,
    pub name: &'static str,
    pub description: &'static str,
    pub keys: &'static [&'static str],
}

/// Every remappable action, in the order the help shows them.
pub const ACTIONS: &[ActionDef] = &[
    def(Act::Down, "down", "move down", &["j", "Down"]),
    def(Act::Up, "up", "move up", &["k", "Up"]),
    def(Act::Top, "top", "go to the first line", &["g", "Home"]),
    def(Act::Bottom, "bottom", "go to the last line", &["G", "End"]),
    def(Act::PageUp, "page_up", "one screen up", &["PageUp"]),
    def(Act::PageDown, "page_down", "one screen down", &["PageDown"]),
    def(
        Act::Open,
        "open",
        "open the feed, folder or article",
        &["Enter", "l"],
    ),
    def(
        Act::Back,
        "back",
        "go back a pane; on a folder, fold it",
        &["h", "Esc"],
    ),
    def(Act::NextPane, "next_pane", "next pane", &["Tab"]),
    def(Act::PrevPane, "prev_pane", "previous pane", &["S-Tab"]),
    def(
        Act::NextArticle,
        "next_article",
        "next article (while reading)",
        &["J"],
    ),
    def(
        Act::PrevArticle,
        "prev_article",
        "previous article (while reading)",
        &["K"],
    ),
    def(
        Act::NextUnread,
        "next_unread",
        "next unread article",
        &["n"],
    ),
    def(
        Act::PrevUnread,
        "prev_unread",
        "previous unread article",
        &["N"],
    ),
    def(Act::Page, "page", "page the article down", &["space"]),
    def(Act::ToggleRead, "toggle_read", "toggle read", &["m"]),
    def(Act::ToggleStar, "toggle_star", "toggle starred", &["s"]),
    def(
        Act::MarkAllRead,
        "mark_all_read",
        "mark everything in view read",
        &["A"],
    ),
    def(
        Act::OpenBrowser,
        "open_browser",
        "open in the browser (a number first: link N)",
        &["o"],
    ),
    def(Act::CopyLink, "copy_link", "copy the link (OSC 52)", &["y"]),
    def(
        Act::RefreshFeed,
        "refresh_feed",
        "refresh this feed",
        &["r"],
    ),
    def(Act::RefreshAll, "refresh_all", "refresh all feeds", &["R"]),
    def(
        Act::Filter,
        "filter",
        "filter with a query (Esc clears, ↑↓ history)",
        &["/"],
    ),
    def(
        Act::People,
        "people",
        "people and places: move through them (Enter lists their articles)",
        &["e"],
    ),
    def(
        Act::WhoWhere,
        "who_where",
        "who and where: top people and places of the list",
        &["w"],
    ),
    def(Act::Help, "help", "show or hide this help", &["?"]),
    def(Act::Quit, "quit", "quit", &["q"]),
];

/// Bindings that are not remappable, shown in the help after the actions.
pub const FIXED: &[(&str, &str)] = &[
    ("0-9", "a number for the next `o` (open link N)"),
    ("mouse wheel", "scroll"),
    ("click", "select"),
];

const fn def(
    act: Act,
    name: &'static str,
    description: &'static str,
    keys: &'static [&'static str],
) -> ActionDef {
    ActionDef {
        act,
        name,
        description,
        keys,
    }
}

/// A problem in the `[keys]` table, written for the user.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum KeymapError {
    #[error("[keys]: no action is called {0:?}")]
    UnknownAction(String),
    #[error("[keys] {action}: {key:?} is not a key ({reason})")]
    BadKey {
        action: String,
        key: String,
        reason: String,
    },
    #[error("[keys]: {key} is bound to both {first} and {second}")]
    Duplicate {
        key: String,
        first: String,
        second: String,
    },
}

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

/// One line of the help overlay.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HelpEntry {
    pub keys: String,
    pub name: String,
    pub description: String,
}

/// The end of the help overlay: what dateline is and whose data it shows. GeoNames' licence
/// (CC BY 4.0) asks for this credit wherever its places are shown.
const ABOUT: &[(&str, &str)] = &[
    ("", ""),
    (
        "about",
        concat!(
            "dateline ",
            env!("CARGO_PKG_VERSION"),
            ": who and where the news is about"
        ),
    ),
    ("places", "GeoNames (geonames.org), CC BY 4.0"),
    ("names", "US Census 1990 (public domain) and faker (MIT)"),
    ("data", "every file's origin and licence: assets/README.md"),
];

/// The effective key bindings.
#[derive(Debug, Clone)]
pub struct Keymap {
    map: HashMap<Key, Act>,
    /// Keys per action, in [`ACTIONS`] order, for the help.
    keys: Vec<(ActionDef, Vec<Key>)>,
}

impl Keymap {
    /// The defaults of [`ACTIONS`].
    pub fn defaults() -> Result<Keymap, KeymapError> {
        Keymap::with_overrides(&BTreeMap::new())
    }

    /// The defaults with the user's `[keys]` table (action name -> keys) laid over them: an
    /// action the user names gets exactly the user's keys, and a key the user gives to one
    /// action is taken away from any other action's defaults.
    pub fn with_overrides(user: &BTreeMap<String, Vec<String>>) -> Result<Keymap, KeymapError> {
        for name in user.keys() {
            if !ACTIONS.iter().any(|d| d.name == name) {
                return Err(KeymapError::UnknownAction(name.clone()));
            }
        }
        let parse = |action: &str, text: &str| {
            Key::parse(text).map_err(|reason| KeymapError::BadKey {
                action: action.to_string(),
                key: text.to_string(),
                reason,
            })
        };
        let mut user_keys: HashMap<Key, &str> = HashMap::new();
        for (name, keys) in user {
            for text in keys {
                let key = parse(name, text)?;
                if let Some(first) = user_keys.insert(key, name) {
                    return Err(KeymapError::Duplicate {
                        key: key.to_string(),
                        first: first.to_string(),
                        second: name.clone(),
                    });
                }
            }
        }
        let mut keys = Vec::new();
        for d in ACTIONS {
            let list = match user.get(d.name) {
                Some(texts) => texts
                    .iter()
                    .map(|t| parse(d.name, t))
                    .collect::<Result<Vec<_>, _>>()?,
                None => d
                    .keys
                    .iter()
                    .map(|t| parse(d.name, t))
                    .collect::<Result<Vec<_>, _>>()?
                    .into_iter()
                    .filter(|k| !user_keys.contains_key(k))
                    .collect(),
            };
            keys.push((*d, list));
        }
        let mut map = HashMap::new();
        for (d, list) in &keys {
            for key in list {
                if let Some(other) = map.insert(*key, d.act) {
                    let first = ACTIONS
                        .iter()
                        .find(|x| x.act == other)
                        .map_or("", |x| x.name);
                    return Err(KeymapError::Duplicate {
                        key: key.to_string(),
                        first: first.to_string(),
                        second: d.name.to_string(),
                    });
                }
            }
        }
        Ok(Keymap { map, keys })
    }

    /// The action bound to a key press, if any.
    pub fn action(&self, event: &KeyEvent) -> Option<Act> {
        self.map.get(&Key::from_event(event)).copied()
    }

    /// The help overlay's lines: every action, then the fixed bindings.
    pub fn help(&self) -> Vec<HelpEntry> {
        let mut out: Vec<HelpEntry> = self
            .keys
            .iter()
            .map(|(d, keys)| HelpEntry {
                keys: keys
                    .iter()
                    .map(Key::to_string)
                    .collect::<Vec<_>>()
                    .join(" "),
                name: d.name.to_string(),
                description: d.description.to_string(),
            })
            .collect();
        out.extend(FIXED.iter().map(|(k, d)| HelpEntry {
            keys: (*k).to_string(),
            name: String::new(),
            description: (*d).to_string(),
        }));
        out.extend(ABOUT.iter().map(|(k, d)| HelpEntry {
            keys: (*k).to_string(),
            name: String::new(),
            description: (*d).to_string(),
        }));
        out
    }
}

/// The README's key table (Markdown), generated from the defaults.
pub fn markdown_table() -> String {
    let mut out = String::from("| keys | action (`[keys]` name) | what it does |\n|---|---|---|\n");
    for d in ACTIONS {
        let keys: Vec<String> = d.keys.iter().map(|k| format!("`{k}`")).collect();
        out.push_str(&format!(
            "| {} | `{}` | {} |\n",
            keys.join(" "),
            d.name,
            d.description.replace('|', "\\|")
        ));
    }
    for (k, d) in FIXED {
        out.push_str(&format!("| {k} | | {d} |\n"));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crossterm::event::KeyEventKind;

    fn press(code: KeyCode, mods: KeyModifiers) -> KeyEvent {
        KeyEvent::new_with_kind(code, mods, KeyEventKind::Press)
    }

    #[test]
    fn default_keys_are_unique_and_parse() {
        let mut seen: HashMap<Key, &str> = HashMap::new();
        for d in ACTIONS {
            assert!(!d.keys.is_empty(), "{} has no key", d.name);
            for k in d.keys {
                let key = Key::parse(k).unwrap();
                if let Some(other) = seen.insert(key, d.name) {
                    panic!("{k} is bound to both {other} and {}", d.name);
                }
            }
        }
        assert!(Keymap::defaults().is_ok());
    }

    #[test]
    fn names_are_unique() {
        for (i, a) in ACTIONS.iter().enumerate() {
            assert!(
                ACTIONS[i + 1..]
                    .iter()
                    .all(|b| b.name != a.name && b.act != a.act)
            );
        }
    }

    #[test]
    fn terminal_events_match_parsed_keys() {
        let km = Keymap::defaults().unwrap();
        assert_eq!(
            km.action(&press(KeyCode::Char('J'), KeyModifiers::SHIFT)),
            Some(Act::NextArticle)
        );
        assert_eq!(
            km.action(&press(KeyCode::BackTab, KeyModifiers::SHIFT)),
            Some(Act::PrevPane)
        );
        assert_eq!(
            km.action(&press(KeyCode::Char(' '), KeyModifiers::NONE)),
            Some(Act::Page)
        );
        assert_eq!(
            km.action(&press(KeyCode::Char('?'), KeyModifiers::SHIFT)),
            Some(Act::Help)
        );
        assert_eq!(
            km.action(&press(KeyCode::Char('j'), KeyModifiers::CONTROL)),
            None
        );
    }

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
    fn user_overrides_replace_and_steal_keys() {
        let mut user = BTreeMap::new();
        user.insert("down".to_string(), vec!["C-n".to_string()]);
        user.insert("quit".to_string(), vec!["j".to_string()]);
        let km = Keymap::with_overrides(&user).unwrap();
        assert_eq!(
            km.action(&press(KeyCode::Char('n'), KeyModifiers::CONTROL)),
            Some(Act::Down)
        );
        assert_eq!(
            km.action(&press(KeyCode::Char('j'), KeyModifiers::NONE)),
            Some(Act::Quit)
        );
        // `q` was quit's default; the user replaced quit's keys.
        assert_eq!(
            km.action(&press(KeyCode::Char('q'), KeyModifiers::NONE)),
            None
        );
        // `Down` was down's default; the user replaced down's keys too.
        assert_eq!(km.action(&press(KeyCode::Down, KeyModifiers::NONE)), None);
        let help = km.help();
        assert_eq!(help[0].keys, "C-n");
    }

    #[test]
    fn help_ends_with_the_data_credits() {
        let help = Keymap::with_overrides(&BTreeMap::new()).unwrap().help();
        let places = help.iter().position(|e| e.keys == "places").unwrap();
        assert!(help[places].description.contains("GeoNames"));
        assert!(help[places].description.contains("CC BY 4.0"));
        // After every binding, so the keys come first.
        let quit = help.iter().position(|e| e.name == "quit").unwrap();
        assert!(quit < places);
    }

    #[test]
    fn user_errors_are_reported() {
        let mut user = BTreeMap::new();
        user.insert("fly".to_string(), vec!["x".to_string()]);
        assert_eq!(
            Keymap::with_overrides(&user).unwrap_err(),
            KeymapError::UnknownAction("fly".into())
        );
        let mut user = BTreeMap::new();
        user.insert("down".to_string(), vec!["x".to_string()]);
        user.insert("up".to_string(), vec!["x".to_string()]);
        assert!(matches!(
            Keymap::with_overrides(&user),
            Err(KeymapError::Duplicate { .. })
        ));
        let mut user = BTreeMap::new();
        user.insert("down".to_string(), vec!["Bogus".to_string()]);
        assert!(matches!(
            Keymap::with_overrides(&user),
            Err(KeymapError::BadKey { .. })
        ));
    }

    #[test]
    fn readme_has_the_generated_key_table() {
        let readme = std::fs::read_to_string(
            std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md"),
        )
        .unwrap();
        let start = readme.find("<!-- keys -->\n").expect("start marker") + 14;
        let end = readme.find("<!-- /keys -->").expect("end marker");
        assert_eq!(
            &readme[start..end],
            markdown_table(),
            "README's key table is stale"
        );
    }
}
