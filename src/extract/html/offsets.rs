//! Carrying the styled text's byte offsets through the last clean-up of its text.
//!
//! Character references can decode to controls, escape sequences and invisible characters,
//! so the formatter's text is sanitised and tidied once more when it holds any. Both steps
//! only drop characters (or write `\n` for a line separator), so an [`OffsetMap`] of the
//! characters they kept takes every span, link and line start to the same text afterwards.

use crate::model::{LineLayout, StyledText};
use crate::sanitize::sanitize_into;

/// Runs of the old text kept in the new: `(old_start, old_end, new_start, new_end)`, in
/// order. A run is a copy when both lengths agree, else one replaced character.
#[derive(Default)]
pub(super) struct OffsetMap(Vec<(usize, usize, usize, usize)>);

impl OffsetMap {
    /// Records that `old[from..to]` became `new[at..at_end]`, after everything recorded.
    fn keep(&mut self, from: usize, to: usize, at: usize, at_end: usize) {
        if let Some(last) = self.0.last_mut()
            && last.1 == from
            && last.3 == at
            && last.1 - last.0 == last.3 - last.2
            && to - from == at_end - at
        {
            last.1 = to;
            last.3 = at_end;
            return;
        }
        self.0.push((from, to, at, at_end));
    }

    /// Where `pos` falls inside a kept run, if it does.
    fn inside(&self, pos: usize) -> (usize, Option<usize>) {
        let i = self.0.partition_point(|r| r.0 <= pos);
        if i > 0 {
            let (os, oe, ns, ne) = self.0[i - 1];
            if pos < oe {
                return (
                    i,
                    Some(if oe - os == ne - ns {
                        ns + pos - os
                    } else {
                        ns
                    }),
                );
            }
        }
        (i, None)
    }

    /// The new offset of a start: a dropped position moves to the next kept character.
    fn start(&self, pos: usize, new_len: usize) -> usize {
        match self.inside(pos) {
            (_, Some(p)) => p,
            (i, None) => self.0.get(i).map_or(new_len, |r| r.2),
        }
    }

    /// The new offset of an end: a dropped position moves back to the last kept one.
    fn end(&self, pos: usize) -> usize {
        match self.inside(pos) {
            (_, Some(p)) => p,
            (0, None) => 0,
            (i, None) => self.0[i - 1].3,
        }
    }
}

/// [`crate::sanitize::sanitize_text`] with the map of what it kept.
pub(super) fn sanitize_mapped(text: &str) -> (String, OffsetMap) {
    let mut out = String::with_capacity(text.len());
    let mut map = OffsetMap::default();
    sanitize_into(text, &mut out, |from, to, at| {
        // `\n` is the only character written in place of another, and it is one byte.
        let len = if text[from..to].starts_with(['\r', '\u{2028}', '\u{2029}']) {
            1
        } else {
            to - from
        };
        map.keep(from, to, at, at + len);
    });
    (out, map)
}

/// [`super::tidy`] with the map of what it kept.
pub(super) fn tidy_mapped(text: &str) -> (String, OffsetMap) {
    let mut out = String::with_capacity(text.len());
    let mut map = OffsetMap::default();
    let mut pending_blank = false;
    let mut line_start = 0;
    for line in text.split('\n') {
        let start = line_start;
        line_start += line.len() + 1;
        let line = line.trim_end();
        if line.is_empty() {
            pending_blank = !out.is_empty();
            continue;
        }
        if !out.is_empty() {
            out.push('\n');
            if pending_blank {
                out.push('\n');
            }
        }
        pending_blank = false;
        map.keep(start, start + line.len(), out.len(), out.len() + line.len());
        out.push_str(line);
    }
    (out, map)
}

/// Sanitises and tidies the styled text's text, moving its offsets along.
pub(super) fn clean(styled: StyledText) -> StyledText {
    let (clean, first) = sanitize_mapped(&styled.text);
    let (text, second) = tidy_mapped(&clean);
    let (len1, len2) = (clean.len(), text.len());
    let start = |p: usize| second.start(first.start(p, len1), len2);
    let end = |p: usize| second.end(first.end(p));
    let mut spans = styled.spans;
    for s in &mut spans {
        (s.start, s.end) = (start(s.start), end(s.end));
    }
    spans.retain(|s| s.start < s.end);
    let mut links = styled.links;
    for l in &mut links {
        (l.start, l.end) = (start(l.start), end(l.end));
    }
    links.retain(|l| l.start < l.end);
    let mut lines: Vec<LineLayout> = Vec::with_capacity(styled.lines.len());
    for mut l in styled.lines {
        l.start = start(l.start);
        let at_line_start = l.start < text.len()
            && (l.start == 0 || text.as_bytes().get(l.start - 1) == Some(&b'\n'));
        if !at_line_start {
            continue;
        }
        // A line emptied by the clean-up moved onto the next: the later one is that line.
        if lines.last().is_some_and(|last| last.start == l.start) {
            lines.pop();
        }
        lines.push(l);
    }
    StyledText {
        text,
        spans,
        links,
        lines,
    }
}
