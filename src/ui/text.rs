//! Text cut to a number of terminal columns: the one place that measures display width for
//! the widgets. Knows nothing of panes or state; never wraps.

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
}
