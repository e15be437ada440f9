//! An article body as styled text: the plain text that search and the entity extractor read,
//! with what a reader needs to show it well laid over it by byte ranges.
//!
//! `extract::html` builds it from HTML in one pass; the interface only wraps and paints it.
//! Its `text` is exactly the text stored for search and given to the entity extractor, so
//! mention offsets index into it. Plain data: no I/O, nothing of ours imported.

/// A set of text styles (a bit set).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub struct TextStyle(pub u16);

impl TextStyle {
    pub const PLAIN: TextStyle = TextStyle(0);
    /// `em`, `i`, `cite` ...
    pub const EMPHASIS: TextStyle = TextStyle(1);
    /// `strong`, `b`.
    pub const STRONG: TextStyle = TextStyle(1 << 1);
    /// Inline `code`, `kbd`, `samp`.
    pub const CODE: TextStyle = TextStyle(1 << 2);
    /// Text of a heading.
    pub const HEADING: TextStyle = TextStyle(1 << 3);
    /// Text inside a block quote (and its `> ` marks).
    pub const QUOTE: TextStyle = TextStyle(1 << 4);
    /// The text of a link.
    pub const LINK: TextStyle = TextStyle(1 << 5);
    /// Preformatted text.
    pub const PRE: TextStyle = TextStyle(1 << 6);
    /// Layout written into the text: list markers, quote marks, indentation.
    pub const MARKER: TextStyle = TextStyle(1 << 7);
    /// An image's alt text.
    pub const IMAGE: TextStyle = TextStyle(1 << 8);

    /// Whether every style of `other` is in `self`.
    pub fn contains(self, other: TextStyle) -> bool {
        self.0 & other.0 == other.0
    }

    /// The styles in both sets.
    #[must_use]
    pub fn only(self, other: TextStyle) -> TextStyle {
        TextStyle(self.0 & other.0)
    }

    /// Both sets together.
    #[must_use]
    pub fn with(self, other: TextStyle) -> TextStyle {
        TextStyle(self.0 | other.0)
    }
}

/// A run of text in one style: byte offsets into [`StyledText::text`], end exclusive.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct StyleSpan {
    pub start: usize,
    pub end: usize,
    pub style: TextStyle,
}

/// A link: its target and the byte range of its text. Its number, as the reader shows it,
/// is its index in [`StyledText::links`] plus one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Link {
    pub url: String,
    pub start: usize,
    pub end: usize,
}

/// How one line of the text (up to a `\n`) is laid out when it is wrapped.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct LineLayout {
    /// Byte offset of the line's first character.
    pub start: usize,
    /// What begins each wrapped continuation of the line (quote marks, spaces under a list
    /// item's text). Not part of the text.
    pub hang: String,
    /// Preformatted: its spacing is kept; it is cut, not word-wrapped.
    pub pre: bool,
}

/// Styled text; see the module documentation.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct StyledText {
    /// The plain text, sanitised: paragraphs separated by blank lines, list markers, quote
    /// marks and indentation written in, never hard-wrapped.
    pub text: String,
    /// Styled runs in text order, not overlapping; text outside them is plain.
    pub spans: Vec<StyleSpan>,
    /// Links in text order.
    pub links: Vec<Link>,
    /// Layout of the lines that need more than plain wrapping, by increasing `start`; a line
    /// not listed has no hang and is wrapped.
    pub lines: Vec<LineLayout>,
}

impl StyledText {
    /// Plain text with no styles, links or layout: for a body that has no HTML.
    pub fn plain(text: &str) -> StyledText {
        StyledText {
            text: text.to_string(),
            ..StyledText::default()
        }
    }

    /// The style of the byte at `at`.
    pub fn style_at(&self, at: usize) -> TextStyle {
        let i = self.spans.partition_point(|s| s.end <= at);
        match self.spans.get(i) {
            Some(s) if s.start <= at => s.style,
            _ => TextStyle::PLAIN,
        }
    }

    /// The layout of the line that starts at byte `start`.
    pub fn line_at(&self, start: usize) -> Option<&LineLayout> {
        self.lines
            .binary_search_by_key(&start, |l| l.start)
            .ok()
            .map(|i| &self.lines[i])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn styles_are_found_by_offset() {
        let t = StyledText {
            text: "a bold word".into(),
            spans: vec![StyleSpan {
                start: 2,
                end: 6,
                style: TextStyle::STRONG.with(TextStyle::LINK),
            }],
            links: Vec::new(),
            lines: vec![LineLayout {
                start: 0,
                hang: "  ".into(),
                pre: false,
            }],
        };
        assert_eq!(t.style_at(0), TextStyle::PLAIN);
        assert!(t.style_at(2).contains(TextStyle::STRONG));
        assert!(t.style_at(5).contains(TextStyle::LINK));
        assert_eq!(t.style_at(6), TextStyle::PLAIN);
        assert_eq!(t.line_at(0).map(|l| l.hang.as_str()), Some("  "));
        assert!(t.line_at(1).is_none());
        assert_eq!(StyledText::plain("x").text, "x");
    }
}
