//! The filter line: the query being typed in the status bar, whether it parses, and the
//! history of queries applied with Enter.
//!
//! Parses as the user types (with the lenient options for a half-typed query) and hands the
//! query back; it never changes the list itself: `State` does that when the query differs.

use crate::query::{ParseError, ParseOptions, Query, parse_with};

/// Queries kept in the filter line's history.
pub const HISTORY: usize = 100;

/// The filter line's state.
#[derive(Debug, Clone, Default)]
pub struct FilterLine {
    /// The text being typed.
    pub input: String,
    /// The text of the active filter (the last text that parsed).
    pub text: String,
    /// Why `input` does not parse (the list keeps the last good query).
    pub error: Option<ParseError>,
    /// Filters applied with Enter, oldest first, at most [`HISTORY`].
    pub history: Vec<String>,
    /// Position while walking the history.
    pub(super) history_pos: Option<usize>,
    /// The text typed before the walk began.
    pub(super) draft: String,
}

impl FilterLine {
    /// `/`: editing starts from the active filter.
    pub fn begin(&mut self) {
        self.input = self.text.clone();
        self.error = None;
        self.history_pos = None;
    }

    /// A typed character; control characters are ignored. Whether the text changed.
    pub fn push(&mut self, c: char) -> bool {
        if c.is_control() {
            return false;
        }
        self.input.push(c);
        self.history_pos = None;
        true
    }

    /// Backspace.
    pub fn backspace(&mut self) {
        self.input.pop();
        self.history_pos = None;
    }

    /// `Esc`: the text goes (parse it again to clear the filter).
    pub fn clear(&mut self) {
        self.input.clear();
        self.error = None;
        self.history_pos = None;
    }

    /// Replaces the text (a filter chosen for the user, such as an entity's).
    pub fn set(&mut self, text: &str) {
        self.input = text.to_string();
        self.history_pos = None;
    }

    /// Parses the text: its query when it parses (and it becomes the active filter), else
    /// `None` with the error kept for the status bar.
    pub fn parse(&mut self) -> Option<Query> {
        match parse_with(&self.input, ParseOptions::typing()) {
            Ok(q) => {
                self.error = None;
                self.text = self.input.trim().to_string();
                Some(q)
            }
            Err(e) => {
                self.error = Some(e);
                None
            }
        }
    }

    /// Up (`older`) or Down: walks the history, back to the draft past its newest entry.
    /// Whether the text changed (parse it then).
    pub fn walk(&mut self, older: bool) -> bool {
        let n = self.history.len();
        let next = match (self.history_pos, older) {
            (None, true) if n > 0 => {
                self.draft = self.input.clone();
                Some(n - 1)
            }
            (Some(i), true) => Some(i.saturating_sub(1)),
            (Some(i), false) if i + 1 < n => Some(i + 1),
            (Some(_), false) => {
                self.history_pos = None;
                self.input = std::mem::take(&mut self.draft);
                return true;
            }
            _ => return false,
        };
        self.history_pos = next;
        match next.and_then(|i| self.history.get(i)) {
            Some(text) => {
                self.input = text.clone();
                true
            }
            None => false,
        }
    }

    /// Keeps `text` as the newest history entry (once; empty text is not kept).
    pub fn remember(&mut self, text: &str) {
        if text.is_empty() {
            return;
        }
        self.history.retain(|h| h != text);
        self.history.push(text.to_string());
        if self.history.len() > HISTORY {
            self.history.remove(0);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn typed(f: &mut FilterLine, text: &str) {
        for c in text.chars() {
            f.push(c);
        }
    }

    #[test]
    fn a_query_that_parses_becomes_the_active_filter() {
        let mut f = FilterLine::default();
        typed(&mut f, "tag:world ");
        assert!(f.parse().is_some());
        assert_eq!(f.text, "tag:world");
        typed(&mut f, "(");
        assert!(f.parse().is_none());
        assert!(f.error.is_some());
        assert_eq!(f.text, "tag:world", "the last good text stays");
        f.backspace();
        assert!(f.parse().is_some() && f.error.is_none());
        assert!(!f.push('\u{1b}'));
        f.clear();
        assert_eq!(f.input, "");
    }

    #[test]
    fn the_history_walks_back_and_returns_to_the_draft() {
        let mut f = FilterLine::default();
        assert!(!f.walk(true), "nothing to walk");
        f.remember("a");
        f.remember("b");
        f.remember("a");
        f.remember("");
        assert_eq!(f.history, ["b", "a"]);
        typed(&mut f, "dra");
        assert!(f.walk(true));
        assert_eq!(f.input, "a");
        assert!(f.walk(true));
        assert_eq!(f.input, "b");
        assert!(f.walk(true), "stays at the oldest");
        assert_eq!(f.input, "b");
        assert!(f.walk(false));
        assert_eq!(f.input, "a");
        assert!(f.walk(false));
        assert_eq!(f.input, "dra");
        assert!(!f.walk(false));
    }

    #[test]
    fn the_history_keeps_the_newest() {
        let mut f = FilterLine::default();
        for i in 0..HISTORY + 5 {
            f.remember(&i.to_string());
        }
        assert_eq!(f.history.len(), HISTORY);
        assert_eq!(f.history[0], "5");
    }
}
