//! The writing half of the formatter: breaks between blocks, spaces between words, line
//! prefixes (quote marks, list markers, indentation) and the text itself.

use std::fmt::Write as _;

use crate::model::{LineLayout, TextStyle};

use super::super::tags::superscript;
use super::{
    Formatter, Frame, LINE_BREAK, MAX_INDENT_WIDTH, Marker, NO_BREAK, PARAGRAPH_BREAK,
    is_html_space,
};

#[cfg(test)]
thread_local! {
    /// Tests set it to compare [`Formatter::append_words`] with the word-by-word path.
    pub(in crate::extract::html) static WORD_BY_WORD: std::cell::Cell<bool> =
        const { std::cell::Cell::new(false) };
}

impl Formatter {
    /// `<br>`: ends the line; a second one in a row leaves an empty line.
    pub(super) fn line_break_element(&mut self) {
        if self.line_open && self.pending_break == NO_BREAK {
            self.request_break(LINE_BREAK);
        } else {
            self.request_break(PARAGRAPH_BREAK);
        }
    }

    /// Asks for at least `level` of break before the next text; inside a table cell a
    /// break is only a space, so that each row stays on one line.
    pub(super) fn request_break(&mut self, level: u8) {
        if level == NO_BREAK {
            return;
        }
        if self.cell_depth > 0 {
            self.space();
            return;
        }
        // Whitespace before a break is never shown.
        self.pending_ws.clear();
        if level > self.pending_break {
            self.pending_break = level;
        }
    }

    /// A collapsible space before the next text.
    pub(super) fn space(&mut self) {
        if !self.pending_ws.ends_with(' ') {
            self.pending_ws.push(' ');
        }
    }

    /// Lays out one run of character data.
    pub(super) fn text(&mut self, text: &str) {
        let text = if self.skip_leading_newline {
            self.skip_leading_newline = false;
            text.strip_prefix('\n').unwrap_or(text)
        } else {
            text
        };
        if self.pre_depth > 0 {
            self.pre_text(text);
        } else {
            self.flow_text(text);
        }
    }

    /// Text whose ASCII whitespace collapses into single spaces.
    pub(super) fn flow_text(&mut self, text: &str) {
        let bytes = text.as_bytes();
        let mut i = 0;
        while i < bytes.len() {
            if is_html_space(bytes[i]) {
                self.space();
                i += 1;
                continue;
            }
            let start = i;
            while i < bytes.len() && !is_html_space(bytes[i]) {
                i += 1;
            }
            // Split at ASCII bytes only, so both ends are character boundaries.
            self.word(&text[start..i]);
            if self.appendable() {
                i = self.append_words(text, i);
            }
        }
    }

    /// After a word: whether the words after it can go onto its line in one go
    /// ([`Self::append_words`]): the line is open, nothing but collapsible spaces can come
    /// before the next word, and no word is rewritten (superscripts).
    fn appendable(&self) -> bool {
        #[cfg(test)]
        if WORD_BY_WORD.get() {
            return false;
        }
        self.line_open
            && self.pending_break == NO_BREAK
            && !self.pending_separator
            && self.sup_depth == 0
            && self.pending_ws.is_empty()
    }

    /// Appends the words of `text` from byte `i` on to the open line, exactly as
    /// [`Self::push_text`] would one word at a time (a space between words, one style span
    /// and one link extent grown over them all), without its per-word work: about a tenth
    /// of a cold refresh's parsing time went to that. Stops before a word with non-ASCII
    /// whitespace inside (which [`Self::word`] splits); returns where it stopped.
    fn append_words(&mut self, text: &str, mut i: usize) -> usize {
        let bytes = text.as_bytes();
        let style = self.style();
        let joins = self.out.len();
        let mut first = None;
        let mut space = false;
        while i < bytes.len() {
            if is_html_space(bytes[i]) {
                space = true;
                i += 1;
                continue;
            }
            let start = i;
            while i < bytes.len() && !is_html_space(bytes[i]) {
                i += 1;
            }
            let word = &text[start..i];
            if !word.is_ascii() && word.chars().any(char::is_whitespace) {
                i = start;
                break;
            }
            if space {
                self.out.push(' ');
                space = false;
            }
            first.get_or_insert(self.out.len());
            self.out.push_str(word);
        }
        if let Some(first) = first {
            let end = self.out.len();
            self.add_span(joins, first, end, style);
            self.extend_link(first, end);
        }
        if space {
            self.space();
        }
        i
    }

    /// Preformatted text: whitespace kept, newlines become line breaks.
    pub(super) fn pre_text(&mut self, text: &str) {
        let bytes = text.as_bytes();
        let mut i = 0;
        while i < bytes.len() {
            match bytes[i] {
                b'\n' => {
                    if self.cell_depth > 0 {
                        self.space();
                    } else if self.line_open && self.pending_break == NO_BREAK {
                        self.pending_break = LINE_BREAK;
                    } else {
                        self.pending_break = PARAGRAPH_BREAK;
                    }
                    self.pending_ws.clear();
                    i += 1;
                }
                b' ' | b'\t' | b'\x0c' => {
                    self.pending_ws.push(char::from(bytes[i]));
                    i += 1;
                }
                _ => {
                    let start = i;
                    while i < bytes.len() && !matches!(bytes[i], b'\n' | b' ' | b'\t' | b'\x0c') {
                        i += 1;
                    }
                    self.word(&text[start..i]);
                }
            }
        }
    }

    /// A run without ASCII whitespace. Other whitespace (no-break spaces ...) is kept
    /// between words but never ends a line.
    pub(super) fn word(&mut self, word: &str) {
        if word.is_ascii() {
            self.push_text(word);
            return;
        }
        let mut start = 0;
        for (i, c) in word.char_indices() {
            if c.is_whitespace() {
                if start < i {
                    self.push_text(&word[start..i]);
                }
                self.pending_ws.push(c);
                start = i + c.len_utf8();
            }
        }
        if start < word.len() {
            self.push_text(&word[start..]);
        }
    }

    /// Writes text on the current line, first writing whatever break, prefix, separator or
    /// whitespace is due.
    pub(super) fn push_text(&mut self, text: &str) {
        if self.pending_break != NO_BREAK {
            if !self.out.is_empty() {
                self.out.push('\n');
                if self.pending_break == PARAGRAPH_BREAK {
                    self.write_blank_line();
                }
            }
            self.line_open = false;
            self.pending_break = NO_BREAK;
            self.pending_separator = false;
        }
        let joins;
        let opened_line = !self.line_open;
        if !self.line_open {
            let line_start = self.out.len();
            self.write_prefix();
            let prefix_end = self.out.len();
            self.add_span(
                line_start,
                line_start,
                prefix_end,
                TextStyle::MARKER.with(self.style().only(TextStyle::QUOTE)),
            );
            self.layout_line(line_start);
            self.line_open = true;
            self.pending_separator = false;
            let lead = if self.pre_depth > 0 {
                self.pending_ws.as_str()
            } else {
                self.pending_ws.trim_start_matches(' ')
            };
            joins = prefix_end;
            self.out.push_str(lead);
        } else if self.pending_separator {
            joins = self.out.len();
            self.out.push_str(" | ");
            self.pending_separator = false;
        } else {
            joins = self.out.len();
            self.out.push_str(&self.pending_ws);
        }
        self.pending_ws.clear();
        self.common_frames = self.frames.len();

        let start = self.out.len();
        if self.sup_depth > 0 && text.chars().all(|c| superscript(c).is_some()) {
            self.out.extend(text.chars().filter_map(superscript));
        } else {
            self.out.push_str(text);
        }
        let end = self.out.len();
        // A line's leading whitespace (kept in `pre`) takes its first word's style; a new
        // link's text starts a run of its own.
        let from = if opened_line { joins } else { start };
        let fresh_link = self.link.as_ref().is_some_and(|l| l.end == l.start);
        let joins = if fresh_link { usize::MAX } else { joins };
        self.add_span(joins, from, end, self.style());
        self.extend_link(start, end);
    }

    /// Records how the line starting at `start` wraps: the prefix its continuations carry
    /// (quote marks, and spaces under list items and definitions) and whether it is
    /// preformatted. Plain lines are not recorded.
    fn layout_line(&mut self, start: usize) {
        let mut hang = String::new();
        for frame in &self.frames {
            if hang.len() >= MAX_INDENT_WIDTH {
                break;
            }
            match frame {
                Frame::Quote => hang.push_str("> "),
                Frame::Indent(n) | Frame::Item { width: n, .. } => push_spaces(&mut hang, *n),
            }
        }
        let pre = self.pre_depth > 0;
        if pre || !hang.is_empty() {
            self.lines.push(LineLayout { start, hang, pre });
        }
    }

    /// The prefix of a new line of text: quote marks, indentation, and the markers of list
    /// items whose first line this is. Past [`MAX_INDENT_WIDTH`] columns only markers are
    /// written.
    pub(super) fn write_prefix(&mut self) {
        let mut width = 0;
        let mut shown = 0;
        while shown < self.frames.len() && width < MAX_INDENT_WIDTH {
            width += write_frame(&mut self.out, &mut self.frames[shown], false);
            shown += 1;
        }
        let from = shown.max(self.pending_markers_from).min(self.frames.len());
        for frame in &mut self.frames[from..] {
            if let Frame::Item { pending: true, .. } = frame {
                write_frame(&mut self.out, frame, false);
            }
        }
        self.pending_markers_from = self.frames.len();
    }

    /// The empty line of a paragraph break, carrying the quote marks of the containers that
    /// enclose both paragraphs.
    pub(super) fn write_blank_line(&mut self) {
        let keep = self.common_frames.min(self.frames.len());
        let mut width = 0;
        for frame in &mut self.frames[..keep] {
            if width >= MAX_INDENT_WIDTH {
                break;
            }
            width += write_frame(&mut self.out, frame, true);
        }
        let trimmed = self.out.trim_end_matches(' ').len();
        self.out.truncate(trimmed);
        self.out.push('\n');
    }
}

/// Writes one frame's part of a line prefix and returns its width in columns. A list item
/// writes its marker on its first line and spaces after that; on a blank line, always
/// spaces.
fn write_frame(out: &mut String, frame: &mut Frame, blank_line: bool) -> usize {
    match frame {
        Frame::Quote => {
            out.push_str("> ");
            2
        }
        Frame::Indent(n) => {
            push_spaces(out, *n);
            *n
        }
        Frame::Item {
            marker,
            width,
            pending,
        } => {
            if *pending && !blank_line {
                *pending = false;
                match marker {
                    Marker::Bullet => out.push_str("- "),
                    Marker::Number(n) => {
                        // Writing to a String cannot fail.
                        let _ = write!(out, "{n}. ");
                    }
                }
            } else {
                push_spaces(out, *width);
            }
            *width
        }
    }
}

fn push_spaces(out: &mut String, n: usize) {
    out.extend(std::iter::repeat_n(' ', n));
}
