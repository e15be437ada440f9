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
    let mut out = String::with_capacity(input.len());
    let mut chars = input.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\n' | '\t' => out.push(c),
            '\r' => {
                if chars.peek() != Some(&'\n') {
                    out.push('\n');
                }
            }
            '\u{1b}' => skip_escape(&mut chars),
            // C1 controls that introduce a string or a control sequence.
            '\u{9b}' => skip_csi(&mut chars),
            '\u{9d}' | '\u{90}' | '\u{98}' | '\u{9e}' | '\u{9f}' => skip_string(&mut chars),
            c if is_invisible_control(c) => {}
            // Line and paragraph separators become plain newlines.
            '\u{2028}' | '\u{2029}' => out.push('\n'),
            c => out.push(c),
        }
    }
    out
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

fn skip_escape(chars: &mut std::iter::Peekable<std::str::Chars<'_>>) {
    match chars.peek() {
        Some('[') => {
            chars.next();
            skip_csi(chars);
        }
        Some(']') | Some('P') | Some('X') | Some('^') | Some('_') => {
            chars.next();
            skip_string(chars);
        }
        // Two-character escapes (ESC 7, ESC c, ESC ( B ...): drop the next character, and the
        // one after it for the charset designators.
        Some('(') | Some(')') | Some('*') | Some('+') | Some('#') | Some('%') => {
            chars.next();
            chars.next();
        }
        Some(_) => {
            chars.next();
        }
        None => {}
    }
}

/// Skips a control sequence's parameter and intermediate bytes and its final byte.
fn skip_csi(chars: &mut std::iter::Peekable<std::str::Chars<'_>>) {
    // At most a bounded number of characters, so a stray CSI cannot eat a whole article.
    for _ in 0..64 {
        match chars.next() {
            Some('\u{40}'..='\u{7e}') | None => return,
            Some('\u{20}'..='\u{3f}') => {}
            // Anything else ends the sequence too (malformed); it is dropped with it.
            Some(_) => return,
        }
    }
}

/// Skips an OSC/DCS/APC/PM/SOS string up to its terminator (BEL, ESC \ or ST), bounded.
fn skip_string(chars: &mut std::iter::Peekable<std::str::Chars<'_>>) {
    for _ in 0..4096 {
        match chars.next() {
            None | Some('\u{7}') | Some('\u{9c}') => return,
            Some('\u{1b}') => {
                if chars.peek() == Some(&'\\') {
                    chars.next();
                }
                return;
            }
            Some(_) => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
