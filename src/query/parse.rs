//! Text to [`Query`]: a small hand-written lexer and recursive-descent parser.
//!
//! Grammar (terms side by side are ANDed; `and` binds tighter than `or`):
//!
//! ```text
//! query   := or_expr                      (sort: terms are taken out first)
//! or_expr := and_expr ("or" and_expr)*
//! and_expr:= unary unary*
//! unary   := "-" unary | "(" or_expr ")" | term
//! ```
//!
//! Every failure is a [`ParseError`] with the character position and what was expected;
//! nothing here panics, and nesting is bounded so hostile input cannot exhaust the stack.

use chrono::NaiveDate;

use super::ast::{Expr, Flag, Query, Sort, Term, TimeSpec, TimeUnit};
use crate::model::EntityKind;

/// Deepest nesting of parentheses and `-` accepted.
pub const MAX_DEPTH: usize = 64;

/// Largest number in a relative time (`since:100000d`).
const MAX_AMOUNT: u32 = 100_000;

/// The filter keys, for the "unknown filter" message.
const KEYS: &str = "is, feed, url, tag, author, since, before, person, place, org, sort";

/// A query that could not be parsed: where (a character offset, 0-based) and what was
/// expected there. Displays as `at 7: expected ')'`.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("at {pos}: {message}")]
pub struct ParseError {
    /// Character (not byte) offset into the query; the query's length for "at the end".
    pub pos: usize,
    /// What was wrong, for the user.
    pub message: String,
}

impl ParseError {
    fn new(pos: usize, message: impl Into<String>) -> ParseError {
        ParseError {
            pos,
            message: message.into(),
        }
    }

    /// The message, then the query and a caret under the position, for a terminal:
    ///
    /// ```text
    /// at 7: expected ')'
    ///   (a or b
    ///          ^
    /// ```
    pub fn render(&self, query: &str) -> String {
        let line: String = query
            .chars()
            .map(|c| if c.is_control() { ' ' } else { c })
            .collect();
        format!("{self}\n  {line}\n  {}^", " ".repeat(self.pos))
    }
}

/// How to read a query.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ParseOptions {
    /// Treat the last bare word as a prefix when it ends the input (no space after it): the
    /// word the user is still typing. For the live filter line; off for the CLI.
    pub prefix_last_word: bool,
}

impl ParseOptions {
    /// Options for a query being typed: the last word is a prefix.
    pub fn typing() -> ParseOptions {
        ParseOptions {
            prefix_last_word: true,
        }
    }
}

/// Parses a complete query (no prefix matching on the last word).
pub fn parse(input: &str) -> Result<Query, ParseError> {
    parse_with(input, ParseOptions::default())
}

/// Parses a query with the given options.
pub fn parse_with(input: &str, options: ParseOptions) -> Result<Query, ParseError> {
    let len = input.chars().count();
    let tokens = lex(input)?;
    let (tokens, sort) = take_sort(tokens)?;
    let prefix_at = if options.prefix_last_word {
        match tokens.last() {
            Some(Token {
                kind: Tok::Word(_),
                end,
                ..
            }) if *end == len => Some(tokens.len() - 1),
            _ => None,
        }
    } else {
        None
    };
    let mut parser = Parser {
        tokens,
        at: 0,
        len,
        prefix_at,
    };
    let expr = if parser.tokens.is_empty() {
        None
    } else {
        let expr = parser.or_expr(0)?;
        if let Some(tok) = parser.peek() {
            return Err(ParseError::new(tok.pos, "unexpected ')'"));
        }
        Some(expr)
    };
    Ok(Query { expr, sort })
}

#[derive(Debug, Clone, PartialEq)]
enum Tok {
    LParen,
    RParen,
    Minus,
    Or,
    Today,
    Word(String),
    Phrase(String),
    /// `key:value`; `value_pos` is where the value starts.
    Filter {
        key: String,
        value: String,
        value_pos: usize,
    },
}

#[derive(Debug, Clone)]
struct Token {
    kind: Tok,
    pos: usize,
    end: usize,
}

/// Whether a character ends a bare word.
fn ends_word(c: char) -> bool {
    c.is_whitespace() || matches!(c, '(' | ')' | '"')
}

fn lex(input: &str) -> Result<Vec<Token>, ParseError> {
    let chars: Vec<char> = input.chars().collect();
    let mut tokens = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let start = i;
        let simple = match c {
            c if c.is_whitespace() => {
                i += 1;
                continue;
            }
            '(' => Some(Tok::LParen),
            ')' => Some(Tok::RParen),
            '-' => {
                if chars.get(i + 1).is_none_or(|c| c.is_whitespace()) {
                    return Err(ParseError::new(i + 1, "expected a term after '-'"));
                }
                Some(Tok::Minus)
            }
            _ => None,
        };
        if let Some(kind) = simple {
            i += 1;
            tokens.push(Token {
                kind,
                pos: start,
                end: i,
            });
            continue;
        }
        if c == '"' {
            let (text, next) = quoted(&chars, i)?;
            if text.is_empty() {
                return Err(ParseError::new(start, "empty phrase"));
            }
            i = next;
            tokens.push(Token {
                kind: Tok::Phrase(text),
                pos: start,
                end: i,
            });
            continue;
        }
        while i < chars.len() && !ends_word(chars[i]) {
            i += 1;
        }
        let word: String = chars[start..i].iter().collect();
        let kind = match word.split_once(':') {
            Some((key, rest))
                if !key.is_empty() && key.chars().all(|c| c.is_ascii_alphabetic()) =>
            {
                let value_pos = start + key.chars().count() + 1;
                let value = if rest.is_empty() && chars.get(i) == Some(&'"') {
                    let (text, next) = quoted(&chars, i)?;
                    i = next;
                    text
                } else {
                    rest.to_string()
                };
                Tok::Filter {
                    key: key.to_ascii_lowercase(),
                    value,
                    value_pos,
                }
            }
            _ if word.eq_ignore_ascii_case("or") => Tok::Or,
            _ if word.eq_ignore_ascii_case("today") => Tok::Today,
            _ => Tok::Word(word),
        };
        tokens.push(Token {
            kind,
            pos: start,
            end: i,
        });
    }
    Ok(tokens)
}

/// Reads a quoted string starting at `chars[start] == '"'`; returns its text and the index
/// after the closing quote. A backslash takes the next character literally.
fn quoted(chars: &[char], start: usize) -> Result<(String, usize), ParseError> {
    let mut text = String::new();
    let mut i = start + 1;
    while i < chars.len() {
        match chars[i] {
            '"' => return Ok((text, i + 1)),
            '\\' if i + 1 < chars.len() => {
                text.push(chars[i + 1]);
                i += 2;
            }
            c => {
                text.push(c);
                i += 1;
            }
        }
    }
    Err(ParseError::new(
        chars.len(),
        format!("expected '\"' to close the phrase started at {start}"),
    ))
}

/// Takes the `sort:` terms out of the token stream: allowed once, at the top level, not
/// negated.
fn take_sort(tokens: Vec<Token>) -> Result<(Vec<Token>, Option<Sort>), ParseError> {
    let mut sort = None;
    let mut depth = 0usize;
    let mut kept: Vec<Token> = Vec::with_capacity(tokens.len());
    for tok in tokens {
        match &tok.kind {
            Tok::LParen => depth += 1,
            Tok::RParen => depth = depth.saturating_sub(1),
            Tok::Filter {
                key,
                value,
                value_pos,
            } if key == "sort" => {
                if let Some(Token {
                    kind: Tok::Minus,
                    pos,
                    ..
                }) = kept.last()
                {
                    return Err(ParseError::new(*pos, "sort: cannot be negated"));
                }
                if depth > 0 {
                    return Err(ParseError::new(
                        tok.pos,
                        "sort: applies to the whole query; put it outside the parentheses",
                    ));
                }
                if sort.is_some() {
                    return Err(ParseError::new(tok.pos, "sort: given twice"));
                }
                sort = Some(match value.as_str() {
                    "date" => Sort::Newest,
                    "-date" => Sort::Oldest,
                    "feed" => Sort::Feed,
                    "title" => Sort::Title,
                    _ => {
                        return Err(ParseError::new(
                            *value_pos,
                            "expected date, -date, feed or title after 'sort:'",
                        ));
                    }
                });
                continue;
            }
            _ => {}
        }
        kept.push(tok);
    }
    Ok((kept, sort))
}

struct Parser {
    tokens: Vec<Token>,
    at: usize,
    /// The input's length in characters: the position of "the end".
    len: usize,
    /// The token that gets prefix matching, if any.
    prefix_at: Option<usize>,
}

/// What came before a missing term, for the message.
#[derive(Clone, Copy)]
enum After {
    Nothing,
    Or,
    Minus,
}

impl Parser {
    fn peek(&self) -> Option<&Token> {
        self.tokens.get(self.at)
    }

    /// Position of the next token, or the end.
    fn here(&self) -> usize {
        self.peek().map_or(self.len, |t| t.pos)
    }

    fn starts_term(&self) -> bool {
        matches!(
            self.peek().map(|t| &t.kind),
            Some(
                Tok::LParen
                    | Tok::Minus
                    | Tok::Today
                    | Tok::Word(_)
                    | Tok::Phrase(_)
                    | Tok::Filter { .. }
            )
        )
    }

    fn missing_term(&self, after: After) -> ParseError {
        let pos = self.here();
        let message = match (after, self.peek().map(|t| &t.kind)) {
            (After::Nothing, Some(Tok::Or)) => "expected a term before 'or'",
            (After::Nothing, _) => "expected a term",
            (After::Or, _) => "expected a term after 'or'",
            (After::Minus, _) => "expected a term after '-'",
        };
        ParseError::new(pos, message)
    }

    fn deeper(&self, depth: usize) -> Result<usize, ParseError> {
        if depth >= MAX_DEPTH {
            return Err(ParseError::new(
                self.here(),
                format!("too deeply nested (at most {MAX_DEPTH} levels)"),
            ));
        }
        Ok(depth + 1)
    }

    fn or_expr(&mut self, depth: usize) -> Result<Expr, ParseError> {
        let mut items = vec![self.and_expr(depth, After::Nothing)?];
        while let Some(Token { kind: Tok::Or, .. }) = self.peek() {
            self.at += 1;
            items.push(self.and_expr(depth, After::Or)?);
        }
        Ok(if items.len() == 1 {
            items.remove(0)
        } else {
            Expr::Or(items)
        })
    }

    fn and_expr(&mut self, depth: usize, after: After) -> Result<Expr, ParseError> {
        if !self.starts_term() {
            if let (
                0,
                After::Nothing,
                Some(Token {
                    kind: Tok::RParen,
                    pos,
                    ..
                }),
            ) = (depth, after, self.peek())
            {
                return Err(ParseError::new(*pos, "unexpected ')'"));
            }
            return Err(self.missing_term(after));
        }
        let mut items = Vec::new();
        while self.starts_term() {
            items.push(self.unary(depth)?);
        }
        Ok(if items.len() == 1 {
            items.remove(0)
        } else {
            Expr::And(items)
        })
    }

    fn unary(&mut self, depth: usize) -> Result<Expr, ParseError> {
        let Some(tok) = self.peek().cloned() else {
            return Err(self.missing_term(After::Nothing));
        };
        match tok.kind {
            Tok::Minus => {
                let depth = self.deeper(depth)?;
                self.at += 1;
                if !self.starts_term() {
                    return Err(self.missing_term(After::Minus));
                }
                Ok(Expr::Not(Box::new(self.unary(depth)?)))
            }
            Tok::LParen => {
                let depth = self.deeper(depth)?;
                self.at += 1;
                let inner = self.or_expr(depth)?;
                match self.peek() {
                    Some(Token {
                        kind: Tok::RParen, ..
                    }) => {
                        self.at += 1;
                        Ok(inner)
                    }
                    _ => Err(ParseError::new(self.here(), "expected ')'")),
                }
            }
            _ => {
                let index = self.at;
                self.at += 1;
                let term = self.term(tok, Some(index) == self.prefix_at)?;
                Ok(Expr::Term(term))
            }
        }
    }

    fn term(&self, tok: Token, typing: bool) -> Result<Term, ParseError> {
        match tok.kind {
            Tok::Today => Ok(Term::Today),
            Tok::Phrase(text) => Ok(Term::Phrase(text)),
            Tok::Word(word) => {
                let (text, prefix) = match word.strip_suffix('*') {
                    Some(text) => (text, true),
                    None => (word.as_str(), typing),
                };
                if text.is_empty() {
                    return Err(ParseError::new(tok.pos, "expected a word before '*'"));
                }
                Ok(Term::Word {
                    text: text.to_string(),
                    prefix,
                })
            }
            Tok::Filter {
                key,
                value,
                value_pos,
            } => filter(&key, value, tok.pos, value_pos),
            Tok::LParen | Tok::RParen | Tok::Minus | Tok::Or => {
                Err(ParseError::new(tok.pos, "expected a term"))
            }
        }
    }
}

/// Builds the term for `key:value`.
fn filter(key: &str, value: String, pos: usize, value_pos: usize) -> Result<Term, ParseError> {
    let named = |value: String| -> Result<String, ParseError> {
        if value.trim().is_empty() {
            Err(ParseError::new(
                value_pos,
                format!("expected a name after '{key}:'"),
            ))
        } else {
            Ok(value)
        }
    };
    match key {
        "is" => match value.as_str() {
            "unread" => Ok(Term::Is(Flag::Unread)),
            "read" => Ok(Term::Is(Flag::Read)),
            "starred" => Ok(Term::Is(Flag::Starred)),
            _ => Err(ParseError::new(
                value_pos,
                "expected unread, read or starred after 'is:'",
            )),
        },
        "feed" => Ok(Term::Feed(named(value)?)),
        "url" => Ok(Term::Url(named(value)?)),
        "tag" => Ok(Term::Tag(named(value)?)),
        "author" => Ok(Term::Author(named(value)?)),
        "since" | "before" => {
            let spec = time_spec(&value).ok_or_else(|| {
                ParseError::new(
                    value_pos,
                    format!("expected a time like 2d, 3w or 2026-11-01 after '{key}:'"),
                )
            })?;
            Ok(if key == "since" {
                Term::Since(spec)
            } else {
                Term::Before(spec)
            })
        }
        _ => match EntityKind::from_name(key) {
            Some(kind) => Ok(Term::Entity {
                kind,
                name: named(value)?,
            }),
            None => Err(ParseError::new(
                pos,
                format!("unknown filter '{key}:'; expected one of {KEYS}"),
            )),
        },
    }
}

/// `12h`, `2d`, `3w` or `2026-11-01`.
fn time_spec(value: &str) -> Option<TimeSpec> {
    if let Some(unit) = value.chars().last() {
        let unit = match unit {
            'h' => Some(TimeUnit::Hour),
            'd' => Some(TimeUnit::Day),
            'w' => Some(TimeUnit::Week),
            _ => None,
        };
        if let Some(unit) = unit {
            let digits = &value[..value.len() - 1];
            if !digits.is_empty() && digits.chars().all(|c| c.is_ascii_digit()) {
                let amount: u32 = digits.parse().ok().filter(|n| *n <= MAX_AMOUNT)?;
                return Some(TimeSpec::Ago { amount, unit });
            }
            return None;
        }
    }
    let bytes = value.as_bytes();
    if bytes.len() == 10 && bytes[4] == b'-' && bytes[7] == b'-' {
        return NaiveDate::parse_from_str(value, "%Y-%m-%d")
            .ok()
            .map(TimeSpec::Date);
    }
    None
}
