//! The readline editing shared by the two lines typed in the status bar: the filter line
//! and the prompt (a feed's address, its title and tags, a command to pipe to). One
//! implementation, so that C-a, C-w, M-b, the arrows and the rest do the same in both.
//!
//! Plain text and a cursor only: what the text means (a query to parse, an answer) is the
//! implementor's concern, told of changes through [`LineEdit::on_edit`].

use crate::ui::keymap::FilterAct;

/// A line of text with a cursor (a byte offset on a character boundary) that the readline
/// keys edit. The default methods do the editing; implementors give their text and cursor,
/// and may hear of edits and moves.
pub trait LineEdit {
    /// The text and the cursor.
    fn parts(&self) -> (&str, usize);
    /// The text and the cursor, to change.
    fn parts_mut(&mut self) -> (&mut String, &mut usize);
    /// The text changed.
    fn on_edit(&mut self) {}
    /// The cursor moved; the text did not change.
    fn on_move(&mut self) {}

    /// A typed character, at the cursor; control characters are ignored. Whether the text
    /// changed.
    fn push(&mut self, c: char) -> bool {
        if c.is_control() {
            return false;
        }
        let (text, cursor) = self.parts_mut();
        text.insert(*cursor, c);
        *cursor += c.len_utf8();
        self.on_edit();
        true
    }

    /// The byte offset of the character before the cursor.
    fn before(&self) -> Option<usize> {
        let (text, cursor) = self.parts();
        text[..cursor].char_indices().next_back().map(|(i, _)| i)
    }

    /// The byte offset after the character under the cursor.
    fn after(&self) -> Option<usize> {
        let (text, cursor) = self.parts();
        text[cursor..].chars().next().map(|c| cursor + c.len_utf8())
    }

    /// Removes `from..to` (the cursor goes to `from`); whether anything went.
    fn cut(&mut self, from: usize, to: usize) -> bool {
        if from >= to {
            return false;
        }
        let (text, cursor) = self.parts_mut();
        text.replace_range(from..to, "");
        *cursor = from;
        self.on_edit();
        true
    }

    /// Puts the cursor at `at`.
    fn move_to(&mut self, at: usize) {
        *self.parts_mut().1 = at;
        self.on_move();
    }

    /// Backspace: the character before the cursor goes. Whether the text changed.
    fn backspace(&mut self) -> bool {
        match self.before() {
            Some(i) => self.cut(i, self.parts().1),
            None => false,
        }
    }

    /// Delete: the character under the cursor goes. Whether the text changed.
    fn delete(&mut self) -> bool {
        match self.after() {
            Some(end) => self.cut(self.parts().1, end),
            None => false,
        }
    }

    /// C-u: the text before the cursor goes.
    fn kill_start(&mut self) -> bool {
        self.cut(0, self.parts().1)
    }

    /// C-k: the text after the cursor goes.
    fn kill_end(&mut self) -> bool {
        let (text, cursor) = self.parts();
        let len = text.len();
        self.cut(cursor, len)
    }

    /// C-w: the word before the cursor goes, up to the space before it (as in a shell).
    fn kill_word(&mut self) -> bool {
        let (text, cursor) = self.parts();
        let trimmed = text[..cursor].trim_end_matches(char::is_whitespace);
        let start = trimmed
            .char_indices()
            .rev()
            .find(|(_, c)| c.is_whitespace())
            .map_or(0, |(i, c)| i + c.len_utf8());
        self.cut(start, cursor)
    }

    /// Left and right: one character.
    fn left(&mut self) {
        let at = self.before().unwrap_or(self.parts().1);
        self.move_to(at);
    }

    fn right(&mut self) {
        let at = self.after().unwrap_or(self.parts().1);
        self.move_to(at);
    }

    /// C-a and C-e: to the start or the end of the line.
    fn home(&mut self) {
        self.move_to(0);
    }

    fn end(&mut self) {
        let at = self.parts().0.len();
        self.move_to(at);
    }

    /// M-b: to the start of this word or the one before (letters and digits make words).
    fn word_left(&mut self) {
        let (text, cursor) = self.parts();
        let trimmed = text[..cursor].trim_end_matches(|c: char| !c.is_alphanumeric());
        let at = trimmed
            .char_indices()
            .rev()
            .find(|(_, c)| !c.is_alphanumeric())
            .map_or(0, |(i, c)| i + c.len_utf8());
        self.move_to(at);
    }

    /// M-f: to the end of this word or the next.
    fn word_right(&mut self) {
        let (text, cursor) = self.parts();
        let tail = &text[cursor..];
        let skip = tail.len()
            - tail
                .trim_start_matches(|c: char| !c.is_alphanumeric())
                .len();
        let rest = &tail[skip..];
        let word = rest
            .find(|c: char| !c.is_alphanumeric())
            .unwrap_or(rest.len());
        self.move_to(cursor + skip + word);
    }

    /// Applies an editing key: `Some(whether the text changed)`, or `None` for the keys
    /// that are not editing (Enter, Esc, Tab, Up and Down), which the line's owner handles.
    fn apply(&mut self, act: FilterAct) -> Option<bool> {
        Some(match act {
            FilterAct::Backspace => self.backspace(),
            FilterAct::Delete => self.delete(),
            FilterAct::KillStart => self.kill_start(),
            FilterAct::KillEnd => self.kill_end(),
            FilterAct::KillWord => self.kill_word(),
            FilterAct::Left => {
                self.left();
                false
            }
            FilterAct::Right => {
                self.right();
                false
            }
            FilterAct::Home => {
                self.home();
                false
            }
            FilterAct::End => {
                self.end();
                false
            }
            FilterAct::WordLeft => {
                self.word_left();
                false
            }
            FilterAct::WordRight => {
                self.word_right();
                false
            }
            FilterAct::Submit
            | FilterAct::Cancel
            | FilterAct::Complete
            | FilterAct::Older
            | FilterAct::Newer => return None,
        })
    }
}
