//! Text cut to a number of terminal columns: the one place that measures display width for
//! the widgets. Knows nothing of panes or state. Only [`wrap`] wraps (the selected row's
//! title); the rest cuts.

use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// Cuts `s` to at most `width` columns, with `…` when something was cut.
pub fn truncate(s: &str, width: usize) -> String {
    if s.width() <= width {
        return s.to_string();
    }
    let mut out = String::new();
    let mut used = 0;
    for c in s.chars() {
        let w = c.width().unwrap_or(0);
        if used + w + 1 > width {
            break;
        }
        used += w;
        out.push(c);
    }
    if width > 0 {
        out.push('…');
    }
    out
}

/// `s` cut or padded to exactly `width` columns.
pub fn fit(s: &str, width: usize) -> String {
    let mut t = truncate(s, width);
    let w = t.width();
    t.extend(std::iter::repeat_n(' ', width.saturating_sub(w)));
    t
}

/// `s` wrapped at spaces into lines of at most `width` columns, at most `max` of them (the
/// last ends in `…` when text is left over). A word wider than a line is cut across lines.
pub fn wrap(s: &str, width: usize, max: usize) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    if width == 0 || max == 0 {
        return lines;
    }
    let mut line = String::new();
    let mut used = 0;
    for word in s.split(' ').filter(|w| !w.is_empty()) {
        let w = word.width();
        if used > 0 && used + 1 + w <= width {
            line.push(' ');
            line.push_str(word);
            used += 1 + w;
            continue;
        }
        if used > 0 {
            lines.push(std::mem::take(&mut line));
            used = 0;
        }
        // A word alone on its line, cut across lines when wider than one.
        for c in word.chars() {
            let cw = c.width().unwrap_or(0);
            if used + cw > width {
                lines.push(std::mem::take(&mut line));
                used = 0;
            }
            line.push(c);
            used += cw;
        }
    }
    if !line.is_empty() {
        lines.push(line);
    }
    if lines.len() > max {
        let rest = lines[max - 1..].join(" ");
        lines.truncate(max - 1);
        lines.push(truncate(&rest, width));
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn truncate_counts_columns() {
        assert_eq!(truncate("hello", 10), "hello");
        assert_eq!(truncate("hello world", 6), "hello…");
        assert_eq!(truncate("北京北京", 5), "北京…");
        assert_eq!(fit("ab", 4), "ab  ");
        assert_eq!(truncate("abc", 0), "");
    }

    #[test]
    fn wrap_breaks_at_spaces_and_stops_at_max() {
        assert_eq!(wrap("one two three", 7, 3), ["one two", "three"]);
        assert_eq!(wrap("one two three", 20, 3), ["one two three"]);
        assert_eq!(wrap("abcdefghij", 4, 3), ["abcd", "efgh", "ij"]);
        assert_eq!(wrap("aa bb cc dd ee", 5, 2), ["aa bb", "cc d…"]);
        assert_eq!(wrap("北京 北京", 4, 3), ["北京", "北京"]);
        assert!(wrap("x", 0, 3).is_empty());
        for line in wrap("a long title about the news of the day", 9, 3) {
            assert!(line.width() <= 9, "{line}");
        }
    }
}
