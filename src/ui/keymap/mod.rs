//! Key bindings as data, one keymap per mode (as helix has): the normal mode, the filter
//! line and the help overlay each have a list of named actions with their default keys.
//! Those lists are the single source of the default keymaps, of the names the user's
//! `[keys]` table may rebind, of the help overlay and of the README's key table.
//!
//! [`Keymap::input`] is where a key press gets its meaning: first the bindings that hold in
//! every mode (control-C quits), then the mode's own keymap, then what the mode does with
//! other keys (a digit is a count in the normal mode, a character is typed in the filter
//! line). This module knows nothing of the state; it maps keys to actions.

mod defs;
mod key;

use std::collections::{BTreeMap, HashMap};
use std::hash::Hash;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

pub use defs::{
    ALWAYS, Act, ActionDef, CONFIRM, ConfirmAct, FILTER, FIXED, FilterAct, HELP, HelpAct, NEWSBOAT,
    NORMAL,
};
pub use key::Key;

use crate::config::{ConfigError, KeyBindings};

/// What keys mean right now: each mode has its own keymap.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    Normal,
    /// Typing a filter in the status bar.
    Filter,
    /// The help overlay is shown.
    Help,
    /// A question on the status line waits for yes or no (marking more than a screenful
    /// read).
    Confirm,
    /// Answering a question on the status bar (a feed's address, yes or no); edited with
    /// the filter line's keys.
    Prompt,
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

impl KeymapError {
    /// The action the problem is in, and the key when it is about one.
    pub fn at(&self) -> (&str, Option<&str>) {
        match self {
            KeymapError::UnknownAction(name) => (name, None),
            KeymapError::BadKey { action, key, .. } => (action, Some(key)),
            KeymapError::Duplicate { key, second, .. } => (second, Some(key)),
        }
    }

    /// What is wrong, without where.
    pub fn reason(&self) -> String {
        match self {
            KeymapError::UnknownAction(name) => format!(
                "no action is called {name:?} (the README's key table and `?` in the reader \
                 list them)"
            ),
            KeymapError::BadKey { key, reason, .. } => format!("{key:?} is not a key ({reason})"),
            KeymapError::Duplicate {
                key, first, second, ..
            } => format!("{key} is bound to both {first} and {second}"),
        }
    }
}

/// What a key press means in the mode it was pressed in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Input {
    /// A normal-mode action (or control-C in any mode).
    Do(Act),
    /// A digit typed in the normal mode: a count for the next action.
    Count(u8),
    Filter(FilterAct),
    /// A character typed into the filter line.
    Type(char),
    Help(HelpAct),
    Confirm(ConfirmAct),
}

/// One line of the help overlay.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HelpEntry {
    pub keys: String,
    pub name: String,
    pub description: String,
    /// A mode's heading rather than a binding.
    pub heading: bool,
}

/// The modes after the normal one, as the help and the README name them.
const MODE_HEADINGS: [&str; 3] = [
    "In the filter line (after /)",
    "When asked yes or no",
    "In this help",
];

/// What the help overlay shows, and the hints that name keys elsewhere on screen, all from
/// the effective keymaps.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Help {
    /// The normal mode's actions, then the fixed bindings and the credits.
    pub entries: Vec<HelpEntry>,
    /// The overlay's title: how to close and scroll it.
    pub title: String,
    /// The filter line's hint: how to keep, clear and walk the history.
    pub filter_hint: String,
    /// The yes/no prompt's hint: how to answer.
    pub confirm_hint: String,
    /// The heading of an article's enclosures, naming the keys that play and download one:
    /// `Enclosures (p plays, d downloads; a number first picks one):`.
    pub enclosure_hint: String,
    /// An entity page's hint: how to open an article, list them all and go back.
    pub entity_hint: String,
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

/// One mode's effective bindings.
#[derive(Debug, Clone)]
struct ModeMap<A: 'static> {
    map: HashMap<Key, A>,
    /// Keys per action, in the mode's list order, for the help.
    keys: Vec<(ActionDef<A>, Vec<Key>)>,
}

impl<A: Copy + Eq + Hash> ModeMap<A> {
    /// The mode's defaults with the user's `[keys]` entries for its actions laid over them:
    /// an action the user names gets exactly the user's keys, and a key the user gives to one
    /// action is taken away from the defaults of the mode's other actions.
    fn build(
        defs: &'static [ActionDef<A>],
        user: &BTreeMap<String, Vec<String>>,
    ) -> Result<ModeMap<A>, KeymapError> {
        let parse = |action: &str, text: &str| {
            Key::parse(text).map_err(|reason| KeymapError::BadKey {
                action: action.to_string(),
                key: text.to_string(),
                reason,
            })
        };
        let mut user_keys: HashMap<Key, &str> = HashMap::new();
        for d in defs {
            for text in user.get(d.name).into_iter().flatten() {
                let key = parse(d.name, text)?;
                if let Some(first) = user_keys.insert(key, d.name) {
                    return Err(KeymapError::Duplicate {
                        key: key.to_string(),
                        first: first.to_string(),
                        second: d.name.to_string(),
                    });
                }
            }
        }
        let mut keys = Vec::new();
        for d in defs {
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
                    let first = defs.iter().find(|x| x.act == other).map_or("", |x| x.name);
                    return Err(KeymapError::Duplicate {
                        key: key.to_string(),
                        first: first.to_string(),
                        second: d.name.to_string(),
                    });
                }
            }
        }
        Ok(ModeMap { map, keys })
    }

    fn get(&self, key: &Key) -> Option<A> {
        self.map.get(key).copied()
    }

    /// The keys bound to `act`, as the user writes them.
    fn keys_of(&self, act: A) -> Vec<String> {
        self.keys
            .iter()
            .filter(|(d, _)| d.act == act)
            .flat_map(|(_, keys)| keys.iter().map(Key::to_string))
            .collect()
    }
}

/// The effective key bindings of every mode.
#[derive(Debug, Clone)]
pub struct Keymap {
    normal: ModeMap<Act>,
    filter: ModeMap<FilterAct>,
    help: ModeMap<HelpAct>,
    confirm: ModeMap<ConfirmAct>,
    always: HashMap<Key, Act>,
}

impl Keymap {
    /// The defaults of [`NORMAL`], [`FILTER`] and [`HELP`].
    pub fn defaults() -> Result<Keymap, KeymapError> {
        Keymap::with_overrides(&BTreeMap::new())
    }

    /// The defaults with the user's `[keys]` table (action name -> keys) laid over them, mode
    /// by mode: an action the user names gets exactly the user's keys, and a key the user
    /// gives to one action is taken away from the defaults of the same mode's other actions.
    /// The names of all modes share the one table.
    pub fn with_overrides(user: &BTreeMap<String, Vec<String>>) -> Result<Keymap, KeymapError> {
        for name in user.keys() {
            if !names().any(|n| n == name) {
                return Err(KeymapError::UnknownAction(name.clone()));
            }
        }
        let mut always = HashMap::new();
        for (text, act) in ALWAYS {
            let key = Key::parse(text).map_err(|reason| KeymapError::BadKey {
                action: "(fixed)".into(),
                key: (*text).to_string(),
                reason,
            })?;
            always.insert(key, *act);
        }
        Ok(Keymap {
            normal: ModeMap::build(NORMAL, user)?,
            filter: ModeMap::build(FILTER, user)?,
            help: ModeMap::build(HELP, user)?,
            confirm: ModeMap::build(CONFIRM, user)?,
            always,
        })
    }

    /// The keymap of a config's `[keys]` table; a problem in it is reported with the config
    /// file and the line, as the config's own errors are.
    pub fn from_config(keys: &KeyBindings) -> Result<Keymap, ConfigError> {
        Keymap::from_config_with_preset(None, keys)
    }

    /// [`Keymap::from_config`] starting from a preset (`"newsboat"`: [`NEWSBOAT`]) laid over
    /// the defaults; the user's table goes on top, and a key the user binds is taken from the
    /// preset's actions.
    pub fn from_config_with_preset(
        preset: Option<&str>,
        keys: &KeyBindings,
    ) -> Result<Keymap, ConfigError> {
        Keymap::with_preset(preset, keys.table()).map_err(|e| {
            let (action, key) = e.at();
            ConfigError::Invalid {
                path: keys.origin.clone(),
                line: keys.line_of(action, key),
                key: format!("keys.{action}"),
                message: e.reason(),
            }
        })
    }

    /// The defaults with a preset's bindings, then `user`'s, laid over them.
    pub fn with_preset(
        preset: Option<&str>,
        user: &BTreeMap<String, Vec<String>>,
    ) -> Result<Keymap, KeymapError> {
        let base: &[(&str, &[&str])] = match preset {
            Some("newsboat") => NEWSBOAT,
            _ => &[],
        };
        let claimed: Vec<Key> = user
            .values()
            .flatten()
            .filter_map(|k| Key::parse(k).ok())
            .collect();
        let mut merged: BTreeMap<String, Vec<String>> = BTreeMap::new();
        for (name, keys) in base {
            let keys: Vec<String> = keys
                .iter()
                .filter(|k| Key::parse(k).is_ok_and(|k| !claimed.contains(&k)))
                .map(|k| (*k).to_string())
                .collect();
            merged.insert((*name).to_string(), keys);
        }
        for (name, keys) in user {
            merged.insert(name.clone(), keys.clone());
        }
        Keymap::with_overrides(&merged)
    }

    /// The normal-mode action bound to a key press, if any.
    pub fn action(&self, event: &KeyEvent) -> Option<Act> {
        self.normal.get(&Key::from_event(event))
    }

    /// What a key press means in `mode`: a binding of every mode, else one of the mode's,
    /// else what the mode does with other keys.
    pub fn input(&self, mode: Mode, event: &KeyEvent) -> Option<Input> {
        let key = Key::from_event(event);
        if let Some(act) = self.always.get(&key) {
            return Some(Input::Do(*act));
        }
        let ctrl = event.modifiers.contains(KeyModifiers::CONTROL);
        let alt = event.modifiers.contains(KeyModifiers::ALT);
        match mode {
            Mode::Normal => self.normal.get(&key).map(Input::Do).or(match event.code {
                KeyCode::Char(c @ '0'..='9') if !ctrl => Some(Input::Count(c as u8 - b'0')),
                _ => None,
            }),
            Mode::Filter | Mode::Prompt => {
                // Terminals differ in the modifiers they send with Enter or an arrow: a key
                // that is not a character means the same with any of them.
                let plain = match event.code {
                    KeyCode::Char(_) => None,
                    code => self.filter.get(&Key {
                        code,
                        mods: KeyModifiers::NONE,
                    }),
                };
                match (self.filter.get(&key).or(plain), event.code) {
                    (Some(act), _) => Some(Input::Filter(act)),
                    (None, KeyCode::Char(c)) if !ctrl && !alt => Some(Input::Type(c)),
                    _ => None,
                }
            }
            Mode::Help => self.help.get(&key).map(Input::Help),
            Mode::Confirm => Some(Input::Confirm(
                self.confirm.get(&key).unwrap_or(ConfirmAct::No),
            )),
        }
    }

    /// The help overlay's lines (the normal mode's actions, then the fixed bindings and the
    /// credits), its title and the filter line's hint.
    pub fn help(&self) -> Help {
        let mut entries = entries_of(&self.normal);
        let modes = [
            entries_of(&self.filter),
            entries_of(&self.confirm),
            entries_of(&self.help),
        ];
        for (heading, list) in MODE_HEADINGS.iter().zip(modes) {
            entries.push(HelpEntry {
                keys: String::new(),
                name: String::new(),
                description: (*heading).to_string(),
                heading: true,
            });
            entries.extend(list);
        }
        entries.push(HelpEntry {
            keys: String::new(),
            name: String::new(),
            description: "Anywhere".to_string(),
            heading: true,
        });
        entries.extend(FIXED.iter().chain(ABOUT).map(|(k, d)| HelpEntry {
            keys: (*k).to_string(),
            name: String::new(),
            description: (*d).to_string(),
            heading: false,
        }));
        let title = format!(
            "Keys: {} closes, {}/{} scroll",
            shown(self.help.keys_of(HelpAct::Close), 2, " or "),
            shown(self.help.keys_of(HelpAct::Down), 1, ""),
            shown(self.help.keys_of(HelpAct::Up), 1, ""),
        );
        let (older, newer) = (
            arrow(shown(self.filter.keys_of(FilterAct::Older), 1, "")),
            arrow(shown(self.filter.keys_of(FilterAct::Newer), 1, "")),
        );
        let history = if older.chars().count() == 1 && newer.chars().count() == 1 {
            format!("{older}{newer}")
        } else {
            format!("{older}/{newer}")
        };
        let filter_hint = format!(
            "{} keep · {} cancel · {history} history · {} complete",
            shown(self.filter.keys_of(FilterAct::Submit), 1, ""),
            shown(self.filter.keys_of(FilterAct::Cancel), 1, ""),
            shown(self.filter.keys_of(FilterAct::Complete), 1, ""),
        );
        let confirm_hint = format!(
            "{} yes · {} no",
            shown(self.confirm.keys_of(ConfirmAct::Yes), 1, ""),
            shown(self.confirm.keys_of(ConfirmAct::No), 1, ""),
        );
        let uses: Vec<String> = [
            (Act::PlayEnclosure, "plays"),
            (Act::DownloadEnclosure, "downloads"),
        ]
        .into_iter()
        .filter_map(|(act, does)| {
            let key = self.normal.keys_of(act).into_iter().next()?;
            Some(format!("{key} {does}"))
        })
        .collect();
        let enclosure_hint = if uses.is_empty() {
            "Enclosures:".to_string()
        } else {
            format!(
                "Enclosures ({}; a number first picks one):",
                uses.join(", ")
            )
        };
        let entity_hint = format!(
            "{} reads an article · {} lists them all · {} back",
            shown(self.normal.keys_of(Act::Open), 1, ""),
            shown(self.normal.keys_of(Act::EntityArticles), 1, ""),
            shown(self.normal.keys_of(Act::Back), 1, ""),
        );
        Help {
            entries,
            title,
            filter_hint,
            confirm_hint,
            enclosure_hint,
            entity_hint,
        }
    }
}

/// One help line per action of a mode, with its effective keys.
fn entries_of<A: Copy + Eq + Hash>(mode: &ModeMap<A>) -> Vec<HelpEntry> {
    mode.keys
        .iter()
        .map(|(d, keys)| HelpEntry {
            keys: keys
                .iter()
                .map(Key::to_string)
                .collect::<Vec<_>>()
                .join(" "),
            name: d.name.to_string(),
            description: d.description.to_string(),
            heading: false,
        })
        .collect()
}

/// The first `n` of an action's keys for a hint, joined by `sep`.
fn shown(keys: Vec<String>, n: usize, sep: &str) -> String {
    let first: Vec<String> = keys.into_iter().take(n).collect();
    if first.is_empty() {
        "(unbound)".to_string()
    } else {
        first.join(sep)
    }
}

/// Arrow keys as arrows, for the short hints.
fn arrow(key: String) -> String {
    match key.as_str() {
        "Up" => "↑".to_string(),
        "Down" => "↓".to_string(),
        _ => key,
    }
}

/// Every action name the `[keys]` table may use, in all modes.
fn names() -> impl Iterator<Item = &'static str> {
    NORMAL
        .iter()
        .map(|d| d.name)
        .chain(FILTER.iter().map(|d| d.name))
        .chain(HELP.iter().map(|d| d.name))
        .chain(CONFIRM.iter().map(|d| d.name))
}

/// The README's key table (Markdown) of every mode, generated from the defaults.
pub fn markdown_table() -> String {
    fn rows<A>(defs: &[ActionDef<A>], out: &mut String) {
        for d in defs {
            // A `|` would end the table cell, even inside backticks.
            let keys: Vec<String> = d
                .keys
                .iter()
                .map(|k| format!("`{}`", k.replace('|', "\\|")))
                .collect();
            out.push_str(&format!(
                "| {} | `{}` | {} |\n",
                keys.join(" "),
                d.name,
                d.description.replace('|', "\\|")
            ));
        }
    }
    let mut out = String::from("| keys | action (`[keys]` name) | what it does |\n|---|---|---|\n");
    rows(NORMAL, &mut out);
    for (k, d) in FIXED {
        out.push_str(&format!("| {k} | | {d} |\n"));
    }
    let [filter, confirm, help] = MODE_HEADINGS;
    out.push_str(&format!("| | | **{filter}** |\n"));
    rows(FILTER, &mut out);
    out.push_str(&format!("| | | **{confirm}** |\n"));
    rows(CONFIRM, &mut out);
    out.push_str(&format!("| | | **{help}** |\n"));
    rows(HELP, &mut out);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crossterm::event::KeyEventKind;

    fn press(code: KeyCode, mods: KeyModifiers) -> KeyEvent {
        KeyEvent::new_with_kind(code, mods, KeyEventKind::Press)
    }

    fn char_key(c: char) -> KeyEvent {
        press(KeyCode::Char(c), KeyModifiers::NONE)
    }

    /// Actions with no default key: a preset binds them (and `[keys]` can).
    const PRESET_ONLY: &[&str] = &["back_or_quit"];

    /// Fails on a key bound twice in one mode's defaults, or an action without a key that
    /// no preset binds.
    fn unique_in_mode<A>(defs: &[ActionDef<A>]) {
        let mut seen: HashMap<Key, &str> = HashMap::new();
        for d in defs {
            assert!(
                !d.keys.is_empty()
                    || (PRESET_ONLY.contains(&d.name)
                        && defs::NEWSBOAT.iter().any(|(name, _)| *name == d.name)),
                "{} has no key",
                d.name
            );
            for k in d.keys {
                let key = Key::parse(k).unwrap();
                if let Some(other) = seen.insert(key, d.name) {
                    panic!("{k} is bound to both {other} and {}", d.name);
                }
            }
        }
    }

    #[test]
    fn default_keys_are_unique_per_mode_and_parse() {
        unique_in_mode(NORMAL);
        unique_in_mode(FILTER);
        unique_in_mode(HELP);
        unique_in_mode(CONFIRM);
        assert!(Keymap::defaults().is_ok());
    }

    #[test]
    fn names_are_unique_across_modes() {
        let all: Vec<&str> = names().collect();
        for (i, a) in all.iter().enumerate() {
            assert!(!all[i + 1..].contains(a), "{a} is named twice");
        }
        for (i, a) in NORMAL.iter().enumerate() {
            assert!(NORMAL[i + 1..].iter().all(|b| b.act != a.act));
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
        assert_eq!(km.action(&char_key(' ')), Some(Act::Page));
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
    fn each_mode_gives_a_key_its_own_meaning() {
        let km = Keymap::defaults().unwrap();
        let j = char_key('j');
        assert_eq!(km.input(Mode::Normal, &j), Some(Input::Do(Act::Down)));
        assert_eq!(km.input(Mode::Help, &j), Some(Input::Help(HelpAct::Down)));
        assert_eq!(km.input(Mode::Filter, &j), Some(Input::Type('j')));
        let esc = press(KeyCode::Esc, KeyModifiers::NONE);
        assert_eq!(km.input(Mode::Normal, &esc), Some(Input::Do(Act::Back)));
        assert_eq!(
            km.input(Mode::Help, &esc),
            Some(Input::Help(HelpAct::Close))
        );
        assert_eq!(
            km.input(Mode::Filter, &esc),
            Some(Input::Filter(FilterAct::Cancel))
        );
        // Digits count in the normal mode only; other keys mean nothing in the help.
        assert_eq!(
            km.input(Mode::Normal, &char_key('3')),
            Some(Input::Count(3))
        );
        assert_eq!(
            km.input(Mode::Filter, &char_key('3')),
            Some(Input::Type('3'))
        );
        assert_eq!(km.input(Mode::Help, &char_key('3')), None);
        assert_eq!(km.input(Mode::Help, &char_key('R')), None);
        // Control-C quits in every mode; other control keys are not typed.
        let ctrl_c = press(KeyCode::Char('c'), KeyModifiers::CONTROL);
        for mode in [Mode::Normal, Mode::Filter, Mode::Help] {
            assert_eq!(km.input(mode, &ctrl_c), Some(Input::Do(Act::Quit)));
        }
        let ctrl_x = press(KeyCode::Char('x'), KeyModifiers::CONTROL);
        assert_eq!(km.input(Mode::Filter, &ctrl_x), None);
        // In the filter line, Enter and the arrows mean the same with modifiers.
        let shift_enter = press(KeyCode::Enter, KeyModifiers::SHIFT);
        assert_eq!(
            km.input(Mode::Filter, &shift_enter),
            Some(Input::Filter(FilterAct::Submit))
        );
        let up = press(KeyCode::Up, KeyModifiers::CONTROL);
        assert_eq!(
            km.input(Mode::Filter, &up),
            Some(Input::Filter(FilterAct::Older))
        );
    }

    #[test]
    fn the_question_takes_y_for_yes_and_anything_else_for_no() {
        let km = Keymap::defaults().unwrap();
        let answer = |e: KeyEvent| km.input(Mode::Confirm, &e);
        assert_eq!(answer(char_key('y')), Some(Input::Confirm(ConfirmAct::Yes)));
        for key in [
            char_key('n'),
            char_key('A'),
            char_key('j'),
            press(KeyCode::Esc, KeyModifiers::NONE),
            press(KeyCode::Enter, KeyModifiers::NONE),
        ] {
            assert_eq!(answer(key), Some(Input::Confirm(ConfirmAct::No)), "{key:?}");
        }
        let ctrl_c = press(KeyCode::Char('c'), KeyModifiers::CONTROL);
        assert_eq!(answer(ctrl_c), Some(Input::Do(Act::Quit)));
        assert_eq!(
            Keymap::defaults().unwrap().help().confirm_hint,
            "y yes · n no"
        );
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
        assert_eq!(km.action(&char_key('j')), Some(Act::Quit));
        // `q` was quit's default; the user replaced quit's keys.
        assert_eq!(km.action(&char_key('q')), None);
        // `Down` was down's default; the user replaced down's keys too.
        assert_eq!(km.action(&press(KeyCode::Down, KeyModifiers::NONE)), None);
        assert_eq!(km.help().entries[0].keys, "C-n");
        // The help overlay's keys are its own: `j` still scrolls it.
        assert_eq!(
            km.input(Mode::Help, &char_key('j')),
            Some(Input::Help(HelpAct::Down))
        );
    }

    #[test]
    fn other_modes_are_rebound_by_name_and_their_hints_follow() {
        let defaults = Keymap::defaults().unwrap().help();
        assert_eq!(defaults.title, "Keys: ? or Esc closes, j/k scroll");
        assert_eq!(
            defaults.filter_hint,
            "Enter keep · Esc cancel · ↑↓ history · Tab complete"
        );
        let mut user = BTreeMap::new();
        user.insert("filter_older".to_string(), vec!["C-p".to_string()]);
        user.insert("help_close".to_string(), vec!["x".to_string()]);
        let km = Keymap::with_overrides(&user).unwrap();
        let ctrl_p = press(KeyCode::Char('p'), KeyModifiers::CONTROL);
        assert_eq!(
            km.input(Mode::Filter, &ctrl_p),
            Some(Input::Filter(FilterAct::Older))
        );
        assert_eq!(
            km.input(Mode::Filter, &press(KeyCode::Up, KeyModifiers::NONE)),
            None
        );
        assert_eq!(
            km.input(Mode::Help, &char_key('x')),
            Some(Input::Help(HelpAct::Close))
        );
        assert_eq!(km.input(Mode::Help, &char_key('?')), None);
        let help = km.help();
        assert_eq!(help.title, "Keys: x closes, j/k scroll");
        assert_eq!(
            help.filter_hint,
            "Enter keep · Esc cancel · C-p/↓ history · Tab complete"
        );
        // The normal mode keeps `?`.
        assert_eq!(km.action(&char_key('?')), Some(Act::Help));
    }

    #[test]
    fn help_ends_with_the_data_credits() {
        let help = Keymap::defaults().unwrap().help().entries;
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
        // The same key in two modes is no conflict; twice in one mode is.
        let mut user = BTreeMap::new();
        user.insert("down".to_string(), vec!["x".to_string()]);
        user.insert("help_down".to_string(), vec!["x".to_string()]);
        assert!(Keymap::with_overrides(&user).is_ok());
        user.insert("help_up".to_string(), vec!["x".to_string()]);
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
    fn config_errors_name_the_file_and_line() {
        // Regression (issue 11): `[keys]` errors named neither the file nor the line.
        let path = std::path::Path::new("config.toml");
        let error = |text: &str| {
            let config = crate::config::Config::from_toml(text, path).unwrap();
            Keymap::from_config(&config.keys).unwrap_err().to_string()
        };
        let text = "[settings]\nconcurrency = 4\n\n[keys]\ndown = \"j\"\nfly = \"x\"\n";
        let message = error(text);
        assert!(
            message.starts_with("config.toml:6: keys.fly: no action is called \"fly\""),
            "{message}"
        );
        // A bad key in a list spread over lines: the line of that key.
        let text = "[keys]\nquit = \"Q\"\ndown = [\n  \"j\",\n  \"Bogus\",\n]\n";
        let message = error(text);
        assert!(
            message.starts_with("config.toml:5: keys.down: \"Bogus\" is not a key"),
            "{message}"
        );
        let text = "[keys]\nquit = \"Q\"\nup = \"x\"\ndown = \"x\"\n";
        let message = error(text);
        assert!(
            message.starts_with("config.toml:3: keys.up: x is bound to both down and up"),
            "{message}"
        );
        let good = crate::config::Config::from_toml("[keys]\nquit = \"Q\"\n", path).unwrap();
        assert!(Keymap::from_config(&good.keys).is_ok());
    }

    #[test]
    fn the_newsboat_preset_rebinds_without_clashes_and_the_user_wins() {
        let km = Keymap::with_preset(Some("newsboat"), &BTreeMap::new()).unwrap();
        assert_eq!(km.action(&char_key('N')), Some(Act::ToggleRead));
        assert_eq!(km.action(&char_key('p')), Some(Act::PrevUnread));
        assert_eq!(km.action(&char_key('P')), Some(Act::PlayEnclosure));
        assert_eq!(km.action(&char_key('e')), Some(Act::DownloadEnclosure));
        assert_eq!(km.action(&char_key('s')), Some(Act::SaveMarkdown));
        assert_eq!(km.action(&char_key('n')), Some(Act::NextUnread));
        // q goes back a level as in newsboat; Q quits.
        assert_eq!(km.action(&char_key('q')), Some(Act::BackOrQuit));
        assert_eq!(km.action(&char_key('Q')), Some(Act::Quit));
        // The user's table goes on top, and takes its keys from the preset.
        let mut user = BTreeMap::new();
        user.insert("refresh_all".to_string(), vec!["p".to_string()]);
        let km = Keymap::with_preset(Some("newsboat"), &user).unwrap();
        assert_eq!(km.action(&char_key('p')), Some(Act::RefreshAll));
        let plain = Keymap::with_preset(None, &BTreeMap::new()).unwrap();
        assert_eq!(plain.action(&char_key('p')), Some(Act::PlayEnclosure));
    }

    #[test]
    fn the_enclosure_hint_names_the_keys_actually_bound() {
        let hint = |preset, user: &[(&str, &str)]| {
            let user: BTreeMap<String, Vec<String>> = user
                .iter()
                .map(|(a, k)| (a.to_string(), vec![k.to_string()]))
                .collect();
            Keymap::with_preset(preset, &user)
                .unwrap()
                .help()
                .enclosure_hint
        };
        assert_eq!(
            hint(None, &[]),
            "Enclosures (p plays, d downloads; a number first picks one):"
        );
        assert_eq!(
            hint(Some("newsboat"), &[]),
            "Enclosures (P plays, e downloads; a number first picks one):"
        );
        assert_eq!(
            hint(
                None,
                &[("play_enclosure", "x"), ("download_enclosure", "C-d")]
            ),
            "Enclosures (x plays, C-d downloads; a number first picks one):"
        );
    }

    #[test]
    fn readme_has_the_generated_key_table() {
        let readme = std::fs::read_to_string(
            std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md"),
        )
        .unwrap();
        let start = readme.find("<!-- keys -->\n").expect("start marker") + 14;
        let end = readme.find("<!-- /keys -->").expect("end marker");
        let table = markdown_table();
        if std::env::var_os("DATELINE_BLESS_README").is_some() {
            let fresh = format!("{}{table}{}", &readme[..start], &readme[end..]);
            std::fs::write(
                std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md"),
                fresh,
            )
            .unwrap();
            return;
        }
        assert_eq!(
            &readme[start..end],
            table,
            "README's key table is stale (DATELINE_BLESS_README=1 rewrites it)"
        );
    }
}
