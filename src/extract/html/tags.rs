//! What each HTML element means to the text formatter.
//!
//! The formatter only cares about a handful of behaviours (does the element start a
//! paragraph, a line, a list item, a table cell; is its content dropped), so every tag name is
//! mapped once to a [`Class`] here and the formatter never looks at names again, except to
//! match end tags against open elements.

use html5ever::tokenizer::states::RawKind;

/// Elements kept on the formatter's stack of open elements: the ones whose end changes the
/// layout. Inline elements (`a`, `b`, `span`, unknown tags ...) are never on the stack.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Kind {
    /// `p`: a paragraph, implicitly closed by the next block.
    P,
    /// `div`, `address`: a line block that list-item lookups look through.
    Div,
    /// Other line blocks: `section`, `article`, `figcaption`, `summary` ...
    Block,
    /// Blocks set off by blank lines: `figure`, `dl`, `details` ...
    ParaBlock,
    /// `h1` to `h6`.
    Heading,
    /// `pre`, `listing`, `xmp`, `plaintext`: whitespace kept verbatim.
    Pre,
    /// `blockquote`: lines prefixed with `> `.
    Quote,
    /// `ul`, `ol`, `menu`, `dir`.
    List,
    /// `li`.
    Item,
    /// `dt`.
    Dt,
    /// `dd`: indented under its term.
    Dd,
    /// `table`.
    Table,
    /// `tr`: one line of output.
    Row,
    /// `td`, `th`: cells of a row, separated by ` | `.
    Cell,
    /// `caption`: its own line above the rows.
    Caption,
}

/// Number of [`Kind`] variants, for per-kind counters.
pub(super) const KIND_COUNT: usize = 15;

impl Kind {
    /// Index into per-kind counters.
    pub(super) fn index(self) -> usize {
        self as usize
    }

    /// True for the elements that bound the scope of most end tags and implied closes:
    /// markup inside a table cell never closes a paragraph or list outside the table.
    pub(super) fn is_table_boundary(self) -> bool {
        matches!(self, Kind::Table | Kind::Cell | Kind::Caption)
    }
}

/// How the formatter treats one element.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Class {
    /// No effect on layout; its text flows into the current line.
    Inline,
    /// A void element with no text: `input`, `meta`, `wbr` ...
    Void,
    /// `br`.
    Br,
    /// `hr`: a paragraph break.
    Hr,
    /// `img`: its alt text, or nothing.
    Img,
    /// `sup`: digits inside become superscript digits.
    Sup,
    /// An element on the stack of open elements.
    Open(Kind, bool),
    /// Content dropped, and read by the tokenizer as raw text of this kind: `script`,
    /// `style`, `noscript`, `iframe`, `title`, `textarea` ...
    Drop(RawKind),
    /// Preformatted text whose content the tokenizer reads raw (`xmp`), or everything up to
    /// the end of input (`plaintext`, `None`).
    RawPre(Option<RawKind>),
    /// Content dropped up to the matching end tag, parsed as markup: `svg`, `template`,
    /// `video`, `select`, `button` ...
    Skip,
}

/// Classifies a lower-case tag name (the tokenizer lower-cases HTML tag names). The boolean
/// of [`Class::Open`] says whether the element is ordered (only meaningful for lists).
pub(super) fn classify(name: &str) -> Class {
    use Kind::*;
    match name {
        "p" => Class::Open(P, false),
        "div" | "address" => Class::Open(Div, false),
        "article" | "aside" | "center" | "dialog" | "fieldset" | "figcaption" | "footer"
        | "header" | "hgroup" | "legend" | "main" | "nav" | "search" | "section" | "summary" => {
            Class::Open(Block, false)
        }
        "figure" | "dl" | "details" => Class::Open(ParaBlock, false),
        "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => Class::Open(Heading, false),
        "pre" | "listing" => Class::Open(Pre, false),
        "blockquote" => Class::Open(Quote, false),
        "ul" | "menu" | "dir" => Class::Open(List, false),
        "ol" => Class::Open(List, true),
        "li" => Class::Open(Item, false),
        "dt" => Class::Open(Dt, false),
        "dd" => Class::Open(Dd, false),
        "table" => Class::Open(Table, false),
        "tr" => Class::Open(Row, false),
        "td" | "th" => Class::Open(Cell, false),
        "caption" => Class::Open(Caption, false),
        "br" => Class::Br,
        "hr" => Class::Hr,
        "img" => Class::Img,
        "sup" => Class::Sup,
        "script" => Class::Drop(RawKind::ScriptData),
        "style" | "noscript" | "iframe" | "noembed" | "noframes" => Class::Drop(RawKind::Rawtext),
        "title" | "textarea" => Class::Drop(RawKind::Rcdata),
        "xmp" => Class::RawPre(Some(RawKind::Rawtext)),
        "plaintext" => Class::RawPre(None),
        "template" | "svg" | "video" | "audio" | "canvas" | "select" | "datalist" | "button"
        | "object" | "applet" | "frameset" | "form" => Class::Skip,
        "area" | "base" | "basefont" | "bgsound" | "col" | "embed" | "frame" | "input"
        | "keygen" | "link" | "meta" | "param" | "source" | "track" | "wbr" => Class::Void,
        _ => Class::Inline,
    }
}

/// Inline elements that style their text (they stay [`Class::Inline`] for the layout).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Inline {
    Emphasis,
    Strong,
    Code,
    /// `a`: a link when it has an `href`.
    Anchor,
}

/// The text style an inline element gives, if any.
pub(super) fn inline(name: &str) -> Option<Inline> {
    Some(match name {
        "em" | "i" | "cite" | "dfn" | "var" => Inline::Emphasis,
        "strong" | "b" => Inline::Strong,
        "code" | "kbd" | "samp" | "tt" => Inline::Code,
        "a" => Inline::Anchor,
        _ => return None,
    })
}

/// The superscript form of a character that has one (digits, signs, parentheses, `n`, `i`).
pub(super) fn superscript(c: char) -> Option<char> {
    Some(match c {
        '0' => '⁰',
        '1' => '¹',
        '2' => '²',
        '3' => '³',
        '4' => '⁴',
        '5' => '⁵',
        '6' => '⁶',
        '7' => '⁷',
        '8' => '⁸',
        '9' => '⁹',
        '+' => '⁺',
        '-' => '⁻',
        '=' => '⁼',
        '(' => '⁽',
        ')' => '⁾',
        'n' => 'ⁿ',
        'i' => 'ⁱ',
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn block_inline_and_dropped_elements_are_told_apart() {
        assert_eq!(classify("p"), Class::Open(Kind::P, false));
        assert_eq!(classify("ol"), Class::Open(Kind::List, true));
        assert_eq!(classify("ul"), Class::Open(Kind::List, false));
        assert_eq!(classify("span"), Class::Inline);
        assert_eq!(classify("my-widget"), Class::Inline);
        assert_eq!(classify("script"), Class::Drop(RawKind::ScriptData));
        assert_eq!(classify("svg"), Class::Skip);
    }

    #[test]
    fn kind_indices_fit_the_counter_array() {
        for kind in [Kind::P, Kind::Caption, Kind::Cell, Kind::Table] {
            assert!(kind.index() < KIND_COUNT);
        }
        assert_eq!(Kind::Caption.index(), KIND_COUNT - 1);
    }
}
