//! The filter line: the query being typed in the status bar, whether it parses, and the
//! history of queries applied with Enter.
//!
//! Parses as the user types (with the lenient options for a half-typed query) and hands the
//! query back; it never changes the list itself: `State` does that when the query differs.

use super::lineedit::LineEdit;
use crate::query::{ParseError, ParseOptions, Query, parse_with};

/// Queries kept in the filter line's history.
pub const HISTORY: usize = 100;
/// A query longer than this (in bytes) is not kept across runs.
pub const MAX_QUERY: usize = 2_000;

/// The filter line's state.
#[derive(Debug, Clone, Default)]
pub struct FilterLine {
    /// The text being typed.
    pub input: String,
    /// The cursor: a byte offset into `input`, on a character boundary.
    pub cursor: usize,
    /// The text of the active filter (the last text that parsed).
    pub text: String,
    /// Why `input` does not parse (the list keeps the last good query).
    pub error: Option<ParseError>,
    /// Filters applied with Enter, oldest first, at most [`HISTORY`].
    pub history: Vec<String>,
    /// The filters applied during this run, oldest first, at most [`HISTORY`]: what this
    /// run adds to the saved history ([`merge_history`]), whatever other readers saved.
    pub added: Vec<String>,
    /// Position while walking the history.
    pub(super) history_pos: Option<usize>,
    /// The text typed before the walk began.
    pub(super) draft: String,
    /// The values Tab offers for the value before the cursor, while Tab cycles through them.
    pub completion: Option<Completion>,
    /// The value a completion was asked of the worker for (the names come back later).
    pub(super) asked: Option<Token>,
}

/// A `key:value` being typed before the cursor, for Tab to complete.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token {
    /// Byte offset of the key (`feed` in `-feed:"Reu`).
    pub start: usize,
    pub key: String,
    /// What is typed of the value, without its opening quote.
    pub value: String,
}

/// What Tab offers: the candidates, the one in the line, and where it was put.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Completion {
    pub key: String,
    pub candidates: Vec<String>,
    /// The candidate in the line now.
    pub current: usize,
    /// The bytes of `input` the candidate's term takes.
    pub(super) span: (usize, usize),
}

/// The readline keys edit the filter line; an edit ends the history walk and completion,
/// a move ends completion.
impl LineEdit for FilterLine {
    fn parts(&self) -> (&str, usize) {
        (&self.input, self.cursor)
    }

    fn parts_mut(&mut self) -> (&mut String, &mut usize) {
        (&mut self.input, &mut self.cursor)
    }

    fn on_edit(&mut self) {
        self.edited();
    }

    fn on_move(&mut self) {
        self.completion = None;
    }
}

/// The keys whose values Tab completes.
pub const COMPLETED: [&str; 6] = ["feed", "tag", "url", "person", "place", "org"];

impl FilterLine {
    /// `/`: editing starts empty (earlier queries are on Up).
    pub fn begin(&mut self) {
        self.input.clear();
        self.cursor = 0;
        self.error = None;
        self.history_pos = None;
        self.completion = None;
        self.asked = None;
    }

    /// The text changed by an edit: the history walk and any completion end.
    fn edited(&mut self) {
        self.history_pos = None;
        self.completion = None;
        self.asked = None;
    }

    /// `Esc`: the text goes (parse it again to clear the filter).
    pub fn clear(&mut self) {
        self.input.clear();
        self.cursor = 0;
        self.error = None;
        self.edited();
    }

    /// Replaces the text (a filter chosen for the user, such as an entity's).
    pub fn set(&mut self, text: &str) {
        self.input = text.to_string();
        self.cursor = self.input.len();
        self.edited();
    }

    /// The text of a list gone back to: it is the active filter again.
    pub fn restore(&mut self, text: &str) {
        self.set(text);
        self.text = text.to_string();
        self.error = None;
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
                self.cursor = self.input.len();
                return true;
            }
            _ => return false,
        };
        self.history_pos = next;
        self.completion = None;
        match next.and_then(|i| self.history.get(i)) {
            Some(text) => {
                self.input = text.clone();
                self.cursor = self.input.len();
                true
            }
            None => false,
        }
    }

    /// The `key:value` before the cursor when Tab can complete its value: the key is one of
    /// [`COMPLETED`], and the value may have begun with a quote.
    pub fn token(&self) -> Option<Token> {
        let head = &self.input[..self.cursor];
        let mut start = 0;
        let mut quoted = false;
        for (i, c) in head.char_indices() {
            match c {
                '"' => quoted = !quoted,
                c if c.is_whitespace() && !quoted => start = i + c.len_utf8(),
                _ => {}
            }
        }
        while head[start..].starts_with(['-', '(']) {
            start += 1;
        }
        let (key, value) = head[start..].split_once(':')?;
        let key = key.to_lowercase();
        if !COMPLETED.contains(&key.as_str()) {
            return None;
        }
        let value = value.strip_prefix('"').unwrap_or(value);
        Some(Token {
            start,
            key,
            value: value.to_string(),
        })
    }

    /// Puts `term` (the whole `key:value`, quoted as needed) in place of `from..to`, the
    /// cursor after it.
    fn put(&mut self, from: usize, to: usize, term: &str) -> (usize, usize) {
        self.input.replace_range(from..to, term);
        self.cursor = from + term.len();
        self.history_pos = None;
        (from, self.cursor)
    }

    /// The candidates for `token` arrived (or were found): one goes in the line, and Tab
    /// again puts the next. `term` writes a candidate as a query term. Whether the text
    /// changed.
    pub fn offer(
        &mut self,
        token: &Token,
        candidates: Vec<String>,
        term: impl Fn(&str) -> String,
    ) -> bool {
        if self.token().as_ref() != Some(token) {
            // The line moved on while the names were on their way.
            return false;
        }
        let Some(first) = candidates.first() else {
            return false;
        };
        let mut text = term(first);
        if candidates.len() == 1 {
            text.push(' ');
        }
        let span = self.put(token.start, self.cursor, &text);
        self.completion = (candidates.len() > 1).then(|| Completion {
            key: token.key.clone(),
            candidates,
            current: 0,
            span,
        });
        true
    }

    /// Tab again while cycling: the next candidate takes the previous one's place. `None`
    /// when not cycling (the cursor has moved, or the line changed).
    pub fn cycle(&mut self, term: impl Fn(&str) -> String) -> Option<bool> {
        let c = self.completion.take()?;
        if c.span.1 != self.cursor {
            return None;
        }
        let current = (c.current + 1) % c.candidates.len();
        let text = term(&c.candidates[current]);
        let span = self.put(c.span.0, c.span.1, &text);
        self.completion = Some(Completion { current, span, ..c });
        Some(true)
    }

    /// The history of earlier runs (oldest first): lines with control characters, or
    /// longer than [`MAX_QUERY`] bytes, are left out; the newest [`HISTORY`] are kept.
    pub fn load_history(&mut self, lines: Vec<String>) {
        for line in lines {
            let line = line.trim();
            if line.len() <= MAX_QUERY && !line.chars().any(char::is_control) {
                self.keep(line);
            }
        }
    }

    /// Keeps `text` as the newest history entry, and as one this run added (once; empty
    /// text is not kept).
    pub fn remember(&mut self, text: &str) {
        if self.keep(text) {
            self.added.retain(|h| h != text);
            self.added.push(text.to_string());
            if self.added.len() > HISTORY {
                self.added.remove(0);
            }
        }
    }

    /// Keeps `text` as the newest history entry (once); whether it was kept (not empty).
    fn keep(&mut self, text: &str) -> bool {
        if text.is_empty() {
            return false;
        }
        self.history.retain(|h| h != text);
        self.history.push(text.to_string());
        if self.history.len() > HISTORY {
            self.history.remove(0);
        }
        true
    }
}

/// The history to save when a reader ends: what is saved now (`saved`, oldest first: it
/// may be another reader's, written since this one started), then what this run `added`,
/// each query once at its newest place, the newest [`HISTORY`] kept; the lines that
/// [`FilterLine::load_history`] leaves out are left out here too. Two readers open at once
/// keep each other's queries.
pub fn merge_history(saved: Vec<String>, added: &[String]) -> Vec<String> {
    let mut line = FilterLine::default();
    line.load_history(saved);
    line.load_history(added.to_vec());
    line.history
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

    /// Regression: the history file was overwritten by whichever reader ended last, so two
    /// readers open at once lost each other's queries. Saving merges with what is saved.
    #[test]
    fn saving_merges_with_what_another_reader_saved() {
        let start = vec!["tag:world".to_string(), "is:unread".to_string()];
        let mut first = FilterLine::default();
        let mut second = FilterLine::default();
        first.load_history(start.clone());
        second.load_history(start);
        first.remember("feed:bbc");
        second.remember("person:merz");
        second.remember("tag:world");
        assert_eq!(first.added, ["feed:bbc"]);
        assert_eq!(second.added, ["person:merz", "tag:world"]);
        // The first ends, then the second, which read the file before the first wrote it.
        let saved = merge_history(Vec::new(), &first.added);
        assert_eq!(saved, ["feed:bbc"]);
        let saved = merge_history(
            ["tag:world", "is:unread", "feed:bbc"]
                .map(String::from)
                .to_vec(),
            &first.added,
        );
        let saved = merge_history(saved, &second.added);
        assert_eq!(
            saved,
            ["is:unread", "feed:bbc", "person:merz", "tag:world"],
            "both readers' queries, each once, the newest last"
        );
        // Lines no reader would load are dropped; the newest HISTORY are kept.
        let mut many: Vec<String> = (0..HISTORY).map(|i| format!("q{i}")).collect();
        many.push("bad\u{1b}[2J".into());
        let saved = merge_history(many, &["new".to_string()]);
        assert_eq!(saved.len(), HISTORY);
        assert_eq!(saved[0], "q1");
        assert_eq!(saved.last().map(String::as_str), Some("new"));
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
