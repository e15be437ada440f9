//! Neutralising hostile text before it is stored or drawn.
//!
//! Feed content is written by strangers. A title may carry an ANSI escape that recolours the
//! terminal, an OSC sequence that sets the clipboard or window title, a C1 control that a
//! terminal reads as CSI, or a bidi override that makes text read backwards. Everything that
//! reaches the cache passes through [`sanitize_text`]; everything drawn on one line passes
//! through [`sanitize_line`]. This module is pure and imports nothing of ours.

/// Removes control characters, terminal escape sequences, bidi controls and zero-width
/// characters, keeping newlines and tabs. `\r\n` and lone `\r` become `\n`.
pub fn sanitize_text(input: &str) -> String {
    // Almost every text has nothing to remove: copy its plain part in one go and walk
    // character by character only from the first character that needs a decision.
    let plain = plain_len(input);
    let mut out = String::with_capacity(input.len());
    out.push_str(&input[..plain]);
    if plain < input.len() {
        sanitize_into(&input[plain..], &mut out, |_, _, _| {});
    }
    out
}

/// The length in bytes of the longest prefix of `s` that [`sanitize_into`] copies unchanged:
/// no control character other than a newline or a tab, no line or paragraph separator, no
/// invisible control.
fn plain_len(s: &str) -> usize {
    let bytes = s.as_bytes();
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        if b.is_ascii() {
            if (b >= b' ' && b != 0x7f) || b == b'\n' || b == b'\t' {
                i += 1;
                continue;
            }
            return i;
        }
        match s.get(i..).and_then(|rest| rest.chars().next()) {
            Some(c)
                if !c.is_control()
                    && !is_invisible_control(c)
                    && !matches!(c, '\u{2028}' | '\u{2029}') =>
            {
                i += c.len_utf8();
            }
            _ => return i,
        }
    }
    i
}

/// [`sanitize_text`] into `out`, calling `kept(from, to, at)` for each character written:
/// it came from `input[from..to]` and starts at byte `at` of `out` (a `\r` or line separator
/// written as `\n` is shorter there). For callers that must carry offsets through.
pub fn sanitize_into(input: &str, out: &mut String, mut kept: impl FnMut(usize, usize, usize)) {
    let mut i = 0;
    while let Some(c) = char_at(input, i) {
        let next = i + c.len_utf8();
        let mut push = |out: &mut String, c: char| {
            kept(i, next, out.len());
            out.push(c);
        };
        i = match c {
            '\n' | '\t' => {
                push(out, c);
                next
            }
            '\r' => {
                if char_at(input, next) != Some('\n') {
                    push(out, '\n');
                }
                next
            }
            '\u{1b}' => skip_escape(input, next),
            // C1 controls that introduce a string or a control sequence.
            '\u{9b}' => skip_csi(input, next),
            '\u{9d}' | '\u{90}' | '\u{98}' | '\u{9e}' | '\u{9f}' => skip_string(input, next),
            c if is_invisible_control(c) => next,
            // Line and paragraph separators become plain newlines.
            '\u{2028}' | '\u{2029}' => {
                push(out, '\n');
                next
            }
            c => {
                push(out, c);
                next
            }
        };
    }
}

/// The character at byte `i` of `s` (a character boundary), if any.
fn char_at(s: &str, i: usize) -> Option<char> {
    s.get(i..).and_then(|rest| rest.chars().next())
}

/// The character at `i` and the byte after it.
fn take(s: &str, i: usize) -> Option<(char, usize)> {
    char_at(s, i).map(|c| (c, i + c.len_utf8()))
}

/// Like [`sanitize_text`], then folds every run of whitespace (newlines and tabs included)
/// into one space and trims the ends: for titles, authors and other one-line fields.
pub fn sanitize_line(input: &str) -> String {
    let clean = sanitize_text(input);
    let mut out = String::with_capacity(clean.len());
    for word in clean.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

/// True for characters that must never reach a terminal cell: C0 and C1 controls (but the
/// caller's newline and tab), DEL, bidi embeddings/overrides/isolates and marks, zero-width
/// characters, the BOM and interlinear annotation controls.
pub fn is_invisible_control(c: char) -> bool {
    matches!(c,
        '\u{0}'..='\u{8}' | '\u{b}'..='\u{1f}' | '\u{7f}'..='\u{9f}'
        | '\u{200b}'..='\u{200f}'   // zero-width space/joiners, LRM, RLM
        | '\u{202a}'..='\u{202e}'   // bidi embeddings and overrides
        | '\u{2060}'..='\u{2064}'   // word joiner, invisible operators
        | '\u{2066}'..='\u{2069}'   // bidi isolates
        | '\u{206a}'..='\u{206f}'   // deprecated format characters
        | '\u{feff}'                // BOM / zero-width no-break space
        | '\u{fff9}'..='\u{fffb}'   // interlinear annotation
        | '\u{061c}'                // Arabic letter mark
    )
}

/// Skips the rest of an escape sequence whose ESC ended before byte `i`; returns where the
/// text goes on.
fn skip_escape(s: &str, i: usize) -> usize {
    match take(s, i) {
        Some(('[', next)) => skip_csi(s, next),
        Some((']' | 'P' | 'X' | '^' | '_', next)) => skip_string(s, next),
        // Two-character escapes (ESC 7, ESC c, ESC ( B ...): drop the next character, and the
        // one after it for the charset designators.
        Some(('(' | ')' | '*' | '+' | '#' | '%', next)) => take(s, next).map_or(next, |(_, n)| n),
        Some((_, next)) => next,
        None => i,
    }
}

/// Skips a control sequence's parameter and intermediate bytes and its final byte.
fn skip_csi(s: &str, mut i: usize) -> usize {
    // At most a bounded number of characters, so a stray CSI cannot eat a whole article.
    for _ in 0..64 {
        match take(s, i) {
            None => return i,
            Some(('\u{20}'..='\u{3f}', next)) => i = next,
            // The final byte, or anything else (malformed), ends the sequence and goes with it.
            Some((_, next)) => return next,
        }
    }
    i
}

/// Skips an OSC/DCS/APC/PM/SOS string up to its terminator (BEL, ESC \\ or ST), bounded.
fn skip_string(s: &str, mut i: usize) -> usize {
    for _ in 0..4096 {
        match take(s, i) {
            None => return i,
            Some(('\u{7}' | '\u{9c}', next)) => return next,
            Some(('\u{1b}', next)) => {
                return match take(s, next) {
                    Some(('\\', after)) => after,
                    _ => next,
                };
            }
            Some((_, next)) => i = next,
        }
    }
    i
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_plain_prefix_shortcut_changes_nothing() {
        let pieces = [
            "plain words",
            "é ü 日本",
            "\n",
            "\t",
            "\r\n",
            "\r",
            "\u{1b}[31m",
            "\u{1b}]0;t\u{7}",
            "\u{9b}2J",
            "\u{90}dcs\u{9c}",
            "\u{7f}",
            "\u{0}",
            "\u{200b}",
            "\u{202e}",
            "\u{2028}",
            "\u{2029}",
            "\u{feff}",
            "\u{85}",
            "\u{a0}",
        ];
        for a in pieces {
            for b in pieces {
                for c in pieces {
                    let text = format!("{a}{b}x{c}");
                    let mut slow = String::new();
                    sanitize_into(&text, &mut slow, |_, _, _| {});
                    assert_eq!(sanitize_text(&text), slow, "{text:?}");
                }
            }
        }
    }

    #[test]
    fn strips_csi_and_osc() {
        assert_eq!(sanitize_text("a\u{1b}[31;1mred\u{1b}[0m b"), "ared b");
        assert_eq!(
            sanitize_text("x\u{1b}]52;c;aGVsbG8=\u{7}y\u{1b}]0;title\u{1b}\\z"),
            "xyz"
        );
        assert_eq!(sanitize_text("c1\u{9b}2Jcsi"), "c1csi");
        assert_eq!(sanitize_text("osc\u{9d}8;;http://x\u{9c}end"), "oscend");
    }

    #[test]
    fn strips_controls_bidi_and_zero_width_but_keeps_newline_and_tab() {
        assert_eq!(
            sanitize_text("a\u{7}b\u{0}c\u{202e}d\u{2066}e\u{200b}f\u{feff}g\u{85}h\n\ti"),
            "abcdefgh\n\ti"
        );
        assert_eq!(sanitize_text("one\r\ntwo\rthree"), "one\ntwo\nthree");
    }

    #[test]
    fn keeps_ordinary_unicode() {
        let s = "Vučić met Osmani-Sadriu in Priština — «Kosovo» 北京 مرحبا";
        assert_eq!(sanitize_text(s), s);
    }

    #[test]
    fn line_folds_whitespace() {
        assert_eq!(
            sanitize_line("  Breaking:\n\tnews \u{1b}[2J here  "),
            "Breaking: news here"
        );
    }

    #[test]
    fn unterminated_sequences_are_bounded() {
        let long = format!("\u{1b}]{}", "a".repeat(10_000));
        assert_eq!(sanitize_text(&long).len(), 10_000 - 4096);
    }
}
