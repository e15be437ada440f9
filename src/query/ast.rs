//! The query's syntax tree, and its `Display`, which writes a query that parses back to the
//! same tree (so saved views and history can store the canonical text).

use std::fmt;

use chrono::NaiveDate;

use crate::model::EntityKind;

/// A parsed query: an optional filter expression and an optional sort order.
///
/// `expr == None` selects every article (the empty query, or one with only `sort:`).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Query {
    pub expr: Option<Expr>,
    pub sort: Option<Sort>,
}

/// A boolean combination of terms.
///
/// `And` and `Or` always hold at least two operands when the parser makes them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Expr {
    Term(Term),
    Not(Box<Expr>),
    And(Vec<Expr>),
    Or(Vec<Expr>),
}

/// One condition on an article.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Term {
    /// A bare word, searched in title, text and authors. `prefix` matches any word starting
    /// with `text` (written `text*`, or set on the word being typed).
    Word { text: String, prefix: bool },
    /// A `"quoted phrase"`: its words in this order.
    Phrase(String),
    /// `is:unread`, `is:read`, `is:starred`.
    Is(Flag),
    /// `feed:NAME`: the feed's title contains NAME (case- and accent-insensitive), or NAME
    /// is the feed's whole address.
    Feed(String),
    /// `url:TEXT`: the feed's address contains TEXT (case-insensitive); a whole address
    /// selects that feed only.
    Url(String),
    /// `tag:NAME`: the feed has this tag (case- and accent-insensitive).
    Tag(String),
    /// `author:NAME`: NAME's words appear, in order, among the article's authors.
    Author(String),
    /// `since:…`: published at or after this time.
    Since(TimeSpec),
    /// `before:…`: published before this time.
    Before(TimeSpec),
    /// `today`: published since the start of today (local time).
    Today,
    /// `person:NAME`, `place:NAME`, `org:NAME`: mentions an entity of this kind whose
    /// canonical name or an alias is NAME (case- and accent-insensitive).
    Entity { kind: EntityKind, name: String },
}

/// A reading-state flag for `is:`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Flag {
    Unread,
    Read,
    Starred,
}

/// A point in time for `since:` and `before:`: relative to now, or the start of a local day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TimeSpec {
    /// `2d`: this many units before now.
    Ago { amount: u32, unit: TimeUnit },
    /// `2026-11-01`: the start of that day, local time.
    Date(NaiveDate),
}

/// The unit of a relative time.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TimeUnit {
    /// `h`
    Hour,
    /// `d`
    Day,
    /// `w`
    Week,
}

/// The order of the list: `sort:date` (newest first, the default), `sort:-date` (oldest
/// first), `sort:feed` (by feed title, then newest first), `sort:title` (A to Z).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sort {
    Newest,
    Oldest,
    Feed,
    Title,
}

impl Flag {
    /// The name after `is:`.
    pub fn as_str(self) -> &'static str {
        match self {
            Flag::Unread => "unread",
            Flag::Read => "read",
            Flag::Starred => "starred",
        }
    }
}

impl Sort {
    /// The name after `sort:`.
    pub fn as_str(self) -> &'static str {
        match self {
            Sort::Newest => "date",
            Sort::Oldest => "-date",
            Sort::Feed => "feed",
            Sort::Title => "title",
        }
    }
}

impl TimeUnit {
    /// The unit's letter.
    pub fn letter(self) -> char {
        match self {
            TimeUnit::Hour => 'h',
            TimeUnit::Day => 'd',
            TimeUnit::Week => 'w',
        }
    }
}

impl Query {
    /// Whether a word of the query is a prefix (`word*`, or the word still being typed on
    /// the filter line).
    pub fn has_prefix(&self) -> bool {
        self.expr.as_ref().is_some_and(Expr::has_prefix)
    }
}

impl Expr {
    fn has_prefix(&self) -> bool {
        match self {
            Expr::Term(Term::Word { prefix, .. }) => *prefix,
            Expr::Term(_) => false,
            Expr::Not(inner) => inner.has_prefix(),
            Expr::And(items) | Expr::Or(items) => items.iter().any(Expr::has_prefix),
        }
    }
}

impl fmt::Display for Query {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(expr) = &self.expr {
            write!(f, "{expr}")?;
        }
        if let Some(sort) = self.sort {
            if self.expr.is_some() {
                f.write_str(" ")?;
            }
            write!(f, "sort:{}", sort.as_str())?;
        }
        Ok(())
    }
}

impl fmt::Display for Expr {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Expr::Term(term) => write!(f, "{term}"),
            Expr::Not(inner) => match inner.as_ref() {
                Expr::And(_) | Expr::Or(_) => write!(f, "-({inner})"),
                other => write!(f, "-{other}"),
            },
            Expr::And(items) => {
                for (i, item) in items.iter().enumerate() {
                    if i > 0 {
                        f.write_str(" ")?;
                    }
                    match item {
                        Expr::And(_) | Expr::Or(_) => write!(f, "({item})")?,
                        other => write!(f, "{other}")?,
                    }
                }
                Ok(())
            }
            Expr::Or(items) => {
                for (i, item) in items.iter().enumerate() {
                    if i > 0 {
                        f.write_str(" or ")?;
                    }
                    match item {
                        Expr::Or(_) => write!(f, "({item})")?,
                        other => write!(f, "{other}")?,
                    }
                }
                Ok(())
            }
        }
    }
}

impl fmt::Display for Term {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Term::Word { text, prefix } => {
                f.write_str(text)?;
                if *prefix {
                    f.write_str("*")?;
                }
                Ok(())
            }
            Term::Phrase(text) => write_quoted(f, text),
            Term::Is(flag) => write!(f, "is:{}", flag.as_str()),
            Term::Feed(v) => write_filter(f, "feed", v),
            Term::Url(v) => write_filter(f, "url", v),
            Term::Tag(v) => write_filter(f, "tag", v),
            Term::Author(v) => write_filter(f, "author", v),
            Term::Since(t) => write!(f, "since:{t}"),
            Term::Before(t) => write!(f, "before:{t}"),
            Term::Today => f.write_str("today"),
            Term::Entity { kind, name } => write_filter(f, kind.as_str(), name),
        }
    }
}

impl fmt::Display for TimeSpec {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            TimeSpec::Ago { amount, unit } => write!(f, "{amount}{}", unit.letter()),
            TimeSpec::Date(d) => write!(f, "{}", d.format("%Y-%m-%d")),
        }
    }
}

/// Writes `key:value`, quoting the value when a bare one would not read back the same.
fn write_filter(f: &mut fmt::Formatter<'_>, key: &str, value: &str) -> fmt::Result {
    write!(f, "{key}:")?;
    let needs_quotes = value.is_empty()
        || value
            .chars()
            .any(|c| c.is_whitespace() || matches!(c, '(' | ')' | '"' | '\\'));
    if needs_quotes {
        write_quoted(f, value)
    } else {
        f.write_str(value)
    }
}

/// Writes `"text"` with `"` and `\` escaped by a backslash.
fn write_quoted(f: &mut fmt::Formatter<'_>, text: &str) -> fmt::Result {
    f.write_str("\"")?;
    for c in text.chars() {
        if matches!(c, '"' | '\\') {
            f.write_str("\\")?;
        }
        write!(f, "{c}")?;
    }
    f.write_str("\"")
}
