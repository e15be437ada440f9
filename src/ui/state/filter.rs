//! The filter line: the query being typed in the status bar, whether it parses, and the
//! history of queries applied with Enter.
//!
//! Parses as the user types (with the lenient options for a half-typed query) and hands the
//! query back; it never changes the list itself: `State` does that when the query differs.

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

    /// A typed character, at the cursor; control characters are ignored. Whether the text
    /// changed.
    pub fn push(&mut self, c: char) -> bool {
        if c.is_control() {
            return false;
        }
        self.input.insert(self.cursor, c);
        self.cursor += c.len_utf8();
        self.edited();
        true
    }

    /// The byte offset of the character before the cursor.
    fn before(&self) -> Option<usize> {
        self.input[..self.cursor]
            .char_indices()
            .next_back()
            .map(|(i, _)| i)
    }

    /// The byte offset after the character under the cursor.
    fn after(&self) -> Option<usize> {
        self.input[self.cursor..]
            .chars()
            .next()
            .map(|c| self.cursor + c.len_utf8())
    }

    /// Removes `from..to` (the cursor goes to `from`); whether anything went.
    fn cut(&mut self, from: usize, to: usize) -> bool {
        if from >= to {
            return false;
        }
        self.input.replace_range(from..to, "");
        self.cursor = from;
        self.edited();
        true
    }

    /// Backspace: the character before the cursor goes. Whether the text changed.
    pub fn backspace(&mut self) -> bool {
        match self.before() {
            Some(i) => self.cut(i, self.cursor),
            None => false,
        }
    }

    /// Delete: the character under the cursor goes. Whether the text changed.
    pub fn delete(&mut self) -> bool {
        match self.after() {
            Some(end) => self.cut(self.cursor, end),
            None => false,
        }
    }

    /// C-u: the text before the cursor goes.
    pub fn kill_start(&mut self) -> bool {
        self.cut(0, self.cursor)
    }

    /// C-k: the text after the cursor goes.
    pub fn kill_end(&mut self) -> bool {
        self.cut(self.cursor, self.input.len())
    }

    /// C-w: the word before the cursor goes, up to the space before it (as in a shell).
    pub fn kill_word(&mut self) -> bool {
        let head = &self.input[..self.cursor];
        let trimmed = head.trim_end_matches(char::is_whitespace);
        let start = trimmed
            .char_indices()
            .rev()
            .find(|(_, c)| c.is_whitespace())
            .map_or(0, |(i, c)| i + c.len_utf8());
        self.cut(start, self.cursor)
    }

    /// Left and right: one character.
    pub fn left(&mut self) {
        if let Some(i) = self.before() {
            self.cursor = i;
        }
        self.completion = None;
    }

    pub fn right(&mut self) {
        if let Some(i) = self.after() {
            self.cursor = i;
        }
        self.completion = None;
    }

    /// C-a and C-e: to the start or the end of the line.
    pub fn home(&mut self) {
        self.cursor = 0;
        self.completion = None;
    }

    pub fn end(&mut self) {
        self.cursor = self.input.len();
        self.completion = None;
    }

    /// M-b: to the start of this word or the one before (letters and digits make words).
    pub fn word_left(&mut self) {
        let head = &self.input[..self.cursor];
        let trimmed = head.trim_end_matches(|c: char| !c.is_alphanumeric());
        self.cursor = trimmed
            .char_indices()
            .rev()
            .find(|(_, c)| !c.is_alphanumeric())
            .map_or(0, |(i, c)| i + c.len_utf8());
        self.completion = None;
    }

    /// M-f: to the end of this word or the next.
    pub fn word_right(&mut self) {
        let tail = &self.input[self.cursor..];
        let skip = tail.len()
            - tail
                .trim_start_matches(|c: char| !c.is_alphanumeric())
                .len();
        let rest = &tail[skip..];
        let word = rest
            .find(|c: char| !c.is_alphanumeric())
            .unwrap_or(rest.len());
        self.cursor += skip + word;
        self.completion = None;
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
                self.remember(line);
            }
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
