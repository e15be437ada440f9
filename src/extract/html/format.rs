//! The block/inline text formatter that consumes html5ever's token stream.
//!
//! html5ever's tokenizer does the hard, security-relevant part of reading HTML the way a
//! browser does (tag and attribute syntax, comments, raw-text elements, every named and
//! numeric character reference, missing semicolons). This formatter then lays the tokens
//! out as text in one pass, without building a tree: it keeps a stack of the open elements
//! that matter for layout (paragraphs, lists, quotes, tables, pre ...) and approximates the
//! tree builder's implied end tags for them. Inline elements are never stacked, so broken
//! inline markup cannot disturb the layout.
//!
//! Every step is bounded: the stack is capped at [`MAX_OPEN`] elements, indentation at
//! [`MAX_INDENT_WIDTH`] columns, and nothing recurses, so hostile nesting costs neither stack nor
//! quadratic time.

use std::cell::RefCell;

use html5ever::tokenizer::{StartTag, Tag, TagKind, Token, TokenSink, TokenSinkResult};
use html5ever::{LocalName, local_name};

pub(super) mod write;

use super::tags::{Class, Inline, KIND_COUNT, Kind, classify, inline};
use crate::model::{LineLayout, Link, StyleSpan, StyledText, TextStyle};

/// Longest link target kept; longer ones are cut (they are shown and opened, never parsed).
const MAX_URL: usize = 4096;

/// Most elements kept open at once; deeper elements still show their text but no longer
/// change the layout.
const MAX_OPEN: usize = 512;

/// Columns of indentation (quote marks, list and definition indents) past which deeper
/// nesting no longer indents a line; deeper list items still show their markers.
const MAX_INDENT_WIDTH: usize = 40;

/// No pending line break.
const NO_BREAK: u8 = 0;
/// The next text starts a new line.
const LINE_BREAK: u8 = 1;
/// The next text starts a new paragraph, after one blank line.
const PARAGRAPH_BREAK: u8 = 2;

/// One open element that matters for layout.
struct Open {
    name: LocalName,
    kind: Kind,
    /// Whether opening it pushed a line-prefix frame (quotes, items and definitions inside
    /// table cells do not).
    framed: bool,
}

/// A piece of the prefix written at the start of every line inside a container.
enum Frame {
    /// `> ` for a quote.
    Quote,
    /// A list item: its marker on its first line, as many spaces on the next ones.
    Item {
        marker: Marker,
        width: usize,
        pending: bool,
    },
    /// Plain indentation, for a definition.
    Indent(usize),
}

/// A list item's marker.
#[derive(Clone, Copy)]
enum Marker {
    Bullet,
    Number(i64),
}

impl Marker {
    fn width(self) -> usize {
        match self {
            Marker::Bullet => 2,
            Marker::Number(n) => decimal_width(n) + 2,
        }
    }
}

/// Characters needed to write `n` in decimal.
fn decimal_width(n: i64) -> usize {
    let sign = usize::from(n < 0);
    let mut magnitude = n.unsigned_abs();
    let mut digits = 1;
    while magnitude >= 10 {
        magnitude /= 10;
        digits += 1;
    }
    sign + digits
}

/// The numbering state of one open list.
struct List {
    ordered: bool,
    next: i64,
}

/// Content being dropped up to the end tag of the element that started it.
struct Skip {
    name: LocalName,
    depth: usize,
    /// For an SVG image: whether its title was already shown.
    titled: bool,
}

/// The formatter's state; see the module documentation.
#[derive(Default)]
pub(super) struct Formatter {
    out: String,
    /// Whether the current line has been started (prefix and some text written).
    line_open: bool,
    /// The strongest break requested since the last text.
    pending_break: u8,
    /// Whitespace seen since the last text, written only if more text follows on the line:
    /// a single collapsible space, non-breaking spaces, or verbatim whitespace inside `pre`.
    pending_ws: String,
    /// A ` | ` cell separator is due before the next text on this line.
    pending_separator: bool,
    stack: Vec<Open>,
    counts: [usize; KIND_COUNT],
    frames: Vec<Frame>,
    /// How many frames have stayed open since the last line of text: those are the ones a
    /// blank line before the next text still belongs to.
    common_frames: usize,
    /// No list-item frame below this index still waits to write its marker.
    pending_markers_from: usize,
    lists: Vec<List>,
    /// Open table cells; inside one, every line break becomes a space.
    cell_depth: usize,
    /// Cells already begun in the current top-level table row.
    row_cells: usize,
    /// Open preformatted elements.
    pre_depth: usize,
    /// A newline right after `<pre>` is not content.
    skip_leading_newline: bool,
    /// Open `sup` elements.
    sup_depth: usize,
    /// Inside a raw-text element whose content is dropped (`script`, `style` ...).
    raw_drop: bool,
    /// Inside the `title` of an inline SVG image: its accessible name, shown like alt text.
    svg_title: bool,
    skip: Option<Skip>,
    /// Styled runs of `out` so far, in order.
    spans: Vec<StyleSpan>,
    /// Links with text so far, in order.
    links: Vec<Link>,
    /// The open link: its target and the range of its text so far (empty until text comes).
    link: Option<Link>,
    /// Layout of the lines that hang or are preformatted.
    lines: Vec<LineLayout>,
    /// Open emphasis, strong and code elements.
    emphasis: u32,
    strong: u32,
    code: u32,
    /// Writing an image's alt text.
    image: bool,
}

/// Adapter that lets html5ever's tokenizer, which hands tokens to a shared reference, drive
/// the formatter.
pub(super) struct Sink(pub(super) RefCell<Formatter>);

impl TokenSink for Sink {
    type Handle = ();

    fn process_token(&self, token: Token, _line_number: u64) -> TokenSinkResult<()> {
        self.0.borrow_mut().token(token)
    }
}

impl Formatter {
    /// The text laid out so far, with its styles, links and line layout.
    pub(super) fn finish(mut self) -> StyledText {
        self.end_link();
        StyledText {
            text: self.out,
            spans: self.spans,
            links: self.links,
            lines: self.lines,
        }
    }

    /// The style of text written now.
    pub(super) fn style(&self) -> TextStyle {
        let mut style = TextStyle::PLAIN;
        let mut add = |on: bool, s: TextStyle| {
            if on {
                style = style.with(s);
            }
        };
        add(self.emphasis > 0, TextStyle::EMPHASIS);
        add(self.strong > 0, TextStyle::STRONG);
        add(self.code > 0, TextStyle::CODE);
        add(self.counts[Kind::Heading.index()] > 0, TextStyle::HEADING);
        add(self.counts[Kind::Quote.index()] > 0, TextStyle::QUOTE);
        add(self.pre_depth > 0, TextStyle::PRE);
        add(self.link.is_some(), TextStyle::LINK);
        add(self.image, TextStyle::IMAGE);
        style
    }

    /// Styles `out[start..end]`, which follows everything styled so far; a run that goes
    /// on in the same style (over the whitespace since `joins`) extends the last one.
    pub(super) fn add_span(&mut self, joins: usize, start: usize, end: usize, style: TextStyle) {
        if style == TextStyle::PLAIN || start >= end {
            return;
        }
        match self.spans.last_mut() {
            Some(last) if last.style == style && last.end == joins => last.end = end,
            _ => self.spans.push(StyleSpan { start, end, style }),
        }
    }

    /// An inline element's start tag: counts its style, opens a link.
    fn inline_start(&mut self, tag: &Tag) {
        match inline(&tag.name) {
            Some(Inline::Emphasis) => self.emphasis = self.emphasis.saturating_add(1),
            Some(Inline::Strong) => self.strong = self.strong.saturating_add(1),
            Some(Inline::Code) => self.code = self.code.saturating_add(1),
            Some(Inline::Anchor) => {
                // Links do not nest: a new one ends the last, as in a browser.
                self.end_link();
                if let Some(href) = attr(tag, &local_name!("href")) {
                    let mut url = crate::sanitize::sanitize_line(href);
                    if url.len() > MAX_URL {
                        let mut cut = MAX_URL;
                        while !url.is_char_boundary(cut) {
                            cut -= 1;
                        }
                        url.truncate(cut);
                    }
                    if !url.is_empty() {
                        self.link = Some(Link {
                            url,
                            start: 0,
                            end: 0,
                        });
                    }
                }
            }
            None => {}
        }
    }

    fn inline_end(&mut self, name: &LocalName) {
        match inline(name) {
            Some(Inline::Emphasis) => self.emphasis = self.emphasis.saturating_sub(1),
            Some(Inline::Strong) => self.strong = self.strong.saturating_sub(1),
            Some(Inline::Code) => self.code = self.code.saturating_sub(1),
            Some(Inline::Anchor) => self.end_link(),
            None => {}
        }
    }

    /// Ends the open link; it is kept when it has text.
    fn end_link(&mut self) {
        if let Some(link) = self.link.take()
            && link.end > link.start
        {
            self.links.push(link);
        }
    }

    /// Text written at `out[start..end]` belongs to the open link, if any.
    pub(super) fn extend_link(&mut self, start: usize, end: usize) {
        if let Some(link) = &mut self.link {
            if link.end == link.start {
                link.start = start;
            }
            link.end = end;
        }
    }

    fn token(&mut self, token: Token) -> TokenSinkResult<()> {
        match token {
            Token::CharacterTokens(text) => {
                if self.svg_title {
                    self.flow_text(&text);
                } else if !self.raw_drop && self.skip.is_none() {
                    self.text(&text);
                }
                self.skip_leading_newline = false;
            }
            Token::TagToken(tag) => {
                self.skip_leading_newline = false;
                match tag.kind {
                    StartTag => return self.start_tag(&tag),
                    TagKind::EndTag => self.end_tag(&tag.name),
                }
            }
            Token::NullCharacterToken
            | Token::CommentToken(_)
            | Token::DoctypeToken(_)
            | Token::ParseError(_)
            | Token::EOFToken => {}
        }
        TokenSinkResult::Continue
    }

    fn start_tag(&mut self, tag: &Tag) -> TokenSinkResult<()> {
        let class = classify(&tag.name);
        // Raw-text elements switch the tokenizer even inside dropped content, as they do in
        // a browser. A self-closed one (`<iframe/>`, common in XHTML feeds) is taken as
        // empty instead of swallowing the rest of the document.
        if let Class::Drop(raw) = class {
            if tag.self_closing {
                return TokenSinkResult::Continue;
            }
            self.raw_drop = true;
            // An inline SVG image's first title child is its text alternative.
            if let Some(skip) = &mut self.skip
                && skip.name == local_name!("svg")
                && skip.depth == 1
                && !skip.titled
                && tag.name == local_name!("title")
            {
                skip.titled = true;
                self.svg_title = true;
            }
            return TokenSinkResult::RawData(raw);
        }
        if let Some(skip) = &mut self.skip {
            if skip.name == tag.name && !tag.self_closing {
                skip.depth += 1;
            }
            return TokenSinkResult::Continue;
        }
        match class {
            Class::Inline => {
                if !tag.self_closing && has_attr(tag, &local_name!("hidden")) {
                    self.start_skip(&tag.name);
                } else if !tag.self_closing {
                    self.inline_start(tag);
                }
            }
            Class::Void | Class::Drop(_) => {}
            Class::Br => self.line_break_element(),
            Class::Hr => {
                self.close_p();
                self.request_break(PARAGRAPH_BREAK);
            }
            Class::Img => {
                if let Some(alt) = attr(tag, &local_name!("alt")) {
                    self.image = true;
                    self.flow_text(alt);
                    self.image = false;
                }
            }
            Class::Sup => {
                if !tag.self_closing {
                    self.sup_depth += 1;
                }
            }
            Class::Skip => {
                if !tag.self_closing {
                    self.start_skip(&tag.name);
                }
            }
            Class::RawPre(raw) => {
                self.open(tag, Kind::Pre, false);
                if !tag.self_closing {
                    return match raw {
                        Some(raw) => TokenSinkResult::RawData(raw),
                        None => TokenSinkResult::Plaintext,
                    };
                }
            }
            Class::Open(kind, ordered) => {
                // Hidden content is dropped, except on elements closed by implication,
                // where finding the end of the hidden part would take the tree builder.
                let auto_closed = matches!(
                    kind,
                    Kind::P | Kind::Item | Kind::Dt | Kind::Dd | Kind::Row | Kind::Cell
                );
                if !auto_closed && !tag.self_closing && has_attr(tag, &local_name!("hidden")) {
                    self.start_skip(&tag.name);
                } else {
                    self.open(tag, kind, ordered);
                }
            }
        }
        TokenSinkResult::Continue
    }

    /// Drops everything up to the end tag matching this start tag.
    fn start_skip(&mut self, name: &LocalName) {
        self.skip = Some(Skip {
            name: name.clone(),
            depth: 1,
            titled: false,
        });
    }

    fn end_tag(&mut self, name: &LocalName) {
        if self.raw_drop {
            // In a raw-text state the tokenizer emits no end tag but the one that ends it.
            self.raw_drop = false;
            self.svg_title = false;
            return;
        }
        if let Some(skip) = &mut self.skip {
            if skip.name == *name {
                skip.depth -= 1;
                if skip.depth == 0 {
                    self.skip = None;
                }
            }
            return;
        }
        match classify(name) {
            Class::Inline => self.inline_end(name),
            Class::Void | Class::Hr | Class::Img | Class::Skip | Class::Drop(_) => {}
            // Browsers read `</br>` as `<br>`.
            Class::Br => self.line_break_element(),
            Class::Sup => self.sup_depth = self.sup_depth.saturating_sub(1),
            Class::RawPre(_) => self.close_named(name, Kind::Pre),
            Class::Open(kind, _) => match kind {
                Kind::P => {
                    if !self.close_p() {
                        // A stray `</p>` makes an empty paragraph in a browser.
                        self.request_break(PARAGRAPH_BREAK);
                    }
                }
                Kind::Item => {
                    if let Some(i) = self.find(Kind::Item, |k| {
                        matches!(k, Kind::List) || k.is_table_boundary()
                    }) {
                        self.pop_to(i);
                    }
                }
                Kind::Dt | Kind::Dd => {
                    if let Some(i) = self.find_where(
                        |o| matches!(o.kind, Kind::Dt | Kind::Dd),
                        Kind::is_table_boundary,
                    ) {
                        self.pop_to(i);
                    }
                }
                Kind::Heading => {
                    if let Some(i) = self.find(Kind::Heading, Kind::is_table_boundary) {
                        self.pop_to(i);
                    }
                }
                Kind::Row | Kind::Cell | Kind::Caption => {
                    if let Some(i) = self.find(kind, |k| k == Kind::Table) {
                        self.pop_to(i);
                    }
                }
                Kind::Table => {
                    if let Some(i) = self.find(Kind::Table, |_| false) {
                        self.pop_to(i);
                    }
                }
                _ => self.close_named(name, kind),
            },
        }
    }

    /// Closes the nearest open element named `name` (of kind `kind`) and everything opened
    /// after it, unless a table boundary comes first.
    fn close_named(&mut self, name: &LocalName, kind: Kind) {
        if let Some(i) = self.find_where(|o| o.name == *name, Kind::is_table_boundary) {
            debug_assert_eq!(self.stack[i].kind, kind);
            self.pop_to(i);
        }
    }

    /// Index of the nearest open element of `kind`, searching down from the top and
    /// giving up at an element for which `stop` holds.
    fn find(&self, kind: Kind, stop: impl Fn(Kind) -> bool) -> Option<usize> {
        if self.counts[kind.index()] == 0 {
            return None;
        }
        self.find_where(|o| o.kind == kind, stop)
    }

    fn find_where(
        &self,
        hit: impl Fn(&Open) -> bool,
        stop: impl Fn(Kind) -> bool,
    ) -> Option<usize> {
        for (i, open) in self.stack.iter().enumerate().rev() {
            if hit(open) {
                return Some(i);
            }
            if stop(open.kind) {
                return None;
            }
        }
        None
    }

    /// Closes the open paragraph, if one is in scope; says whether there was one.
    fn close_p(&mut self) -> bool {
        match self.find(Kind::P, Kind::is_table_boundary) {
            Some(i) => {
                self.pop_to(i);
                true
            }
            None => false,
        }
    }

    /// Opens a layout element: closes what it implicitly ends, breaks the line and pushes
    /// its line-prefix frame.
    fn open(&mut self, tag: &Tag, kind: Kind, ordered: bool) {
        self.sup_depth = 0;
        match kind {
            Kind::Row => {
                if let Some(i) = self.find(Kind::Row, |k| k == Kind::Table) {
                    self.pop_to(i);
                }
            }
            Kind::Cell => {
                if let Some(i) = self.find(Kind::Cell, |k| matches!(k, Kind::Row | Kind::Table)) {
                    self.pop_to(i);
                }
            }
            Kind::Caption => {}
            Kind::Item => {
                self.close_p();
                if let Some(i) = self.find(Kind::Item, |k| !matches!(k, Kind::P | Kind::Div)) {
                    self.pop_to(i);
                }
            }
            Kind::Dt | Kind::Dd => {
                self.close_p();
                if self.counts[Kind::Dt.index()] + self.counts[Kind::Dd.index()] > 0
                    && let Some(i) = self.find_where(
                        |o| matches!(o.kind, Kind::Dt | Kind::Dd),
                        |k| !matches!(k, Kind::P | Kind::Div),
                    )
                {
                    self.pop_to(i);
                }
            }
            Kind::Heading => {
                self.close_p();
                if self.stack.last().is_some_and(|o| o.kind == Kind::Heading) {
                    self.pop_to(self.stack.len() - 1);
                }
            }
            _ => {
                self.close_p();
            }
        }

        self.request_break(opening_break(kind, self.counts[Kind::Item.index()] > 0));
        if self.stack.len() >= MAX_OPEN {
            return;
        }

        let mut framed = false;
        match kind {
            Kind::Quote if self.cell_depth == 0 => {
                self.frames.push(Frame::Quote);
                framed = true;
            }
            Kind::Dd if self.cell_depth == 0 => {
                self.frames.push(Frame::Indent(2));
                framed = true;
            }
            Kind::Item => {
                let marker = match self.lists.last_mut() {
                    Some(list) if list.ordered => {
                        let n = attr(tag, &local_name!("value"))
                            .and_then(|v| v.trim().parse::<i64>().ok())
                            .unwrap_or(list.next);
                        list.next = n.saturating_add(1);
                        Marker::Number(n)
                    }
                    _ => Marker::Bullet,
                };
                if self.cell_depth == 0 {
                    self.pending_markers_from = self.pending_markers_from.min(self.frames.len());
                    self.frames.push(Frame::Item {
                        marker,
                        width: marker.width(),
                        pending: true,
                    });
                    framed = true;
                }
            }
            Kind::List => {
                let start = attr(tag, &local_name!("start"))
                    .and_then(|v| v.trim().parse::<i64>().ok())
                    .unwrap_or(1);
                self.lists.push(List {
                    ordered,
                    next: start,
                });
            }
            Kind::Cell => {
                if self.cell_depth == 0 {
                    if self.row_cells > 0 {
                        self.pending_separator = true;
                    }
                    self.row_cells += 1;
                } else {
                    // A cell of a nested table: its text is set off by a space.
                    self.space();
                }
                self.cell_depth += 1;
            }
            Kind::Row if self.cell_depth == 0 => self.row_cells = 0,
            Kind::Pre => {
                self.pre_depth += 1;
                self.skip_leading_newline = true;
            }
            _ => {}
        }
        self.counts[kind.index()] += 1;
        self.stack.push(Open {
            name: tag.name.clone(),
            kind,
            framed,
        });
        if tag.self_closing {
            // XHTML feeds write empty elements as `<p/>`: take them as opened and closed.
            self.pop_to(self.stack.len() - 1);
        }
    }

    /// Closes every open element from index `i` up.
    fn pop_to(&mut self, i: usize) {
        while self.stack.len() > i {
            self.pop();
        }
    }

    fn pop(&mut self) {
        let Some(open) = self.stack.pop() else {
            return;
        };
        self.counts[open.kind.index()] -= 1;
        self.sup_depth = 0;
        if open.framed {
            self.frames.pop();
            self.common_frames = self.common_frames.min(self.frames.len());
        }
        match open.kind {
            Kind::List => {
                self.lists.pop();
            }
            Kind::Cell => {
                self.cell_depth -= 1;
                if self.cell_depth == 0 {
                    self.space();
                }
            }
            Kind::Row if self.cell_depth == 0 => self.row_cells = 0,
            Kind::Pre => self.pre_depth -= 1,
            _ => {}
        }
        self.request_break(opening_break(
            open.kind,
            self.counts[Kind::Item.index()] > 0,
        ));
    }
}

/// The break a layout element asks for where it opens and where it closes.
fn opening_break(kind: Kind, inside_item: bool) -> u8 {
    match kind {
        Kind::P | Kind::ParaBlock | Kind::Heading | Kind::Pre | Kind::Quote | Kind::Table => {
            PARAGRAPH_BREAK
        }
        Kind::List if !inside_item => PARAGRAPH_BREAK,
        Kind::List
        | Kind::Div
        | Kind::Block
        | Kind::Item
        | Kind::Dt
        | Kind::Dd
        | Kind::Row
        | Kind::Caption => LINE_BREAK,
        Kind::Cell => NO_BREAK,
    }
}

/// HTML's ASCII whitespace.
fn is_html_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\r' | b'\x0c')
}

fn attr<'t>(tag: &'t Tag, name: &LocalName) -> Option<&'t str> {
    tag.attrs
        .iter()
        .find(|a| a.name.local == *name)
        .map(|a| &*a.value)
}

fn has_attr(tag: &Tag, name: &LocalName) -> bool {
    tag.attrs.iter().any(|a| a.name.local == *name)
}
