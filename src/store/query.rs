//! Runs a [`Query`] against the cache: compiles the tree into one SQL statement made of a
//! fixed set of constant fragments, with every piece of user text bound as a parameter.
//!
//! Text terms (words, phrases, `author:`) go to the FTS5 index; adjacent text terms under one
//! `and`/`or` are merged into a single full-text expression so a typed sentence costs one
//! index lookup. `feed:` and `tag:` are resolved in Rust against the (small) feed list, so
//! they can be accent-insensitive, and bound as a JSON list of feed ids. Relative times are
//! resolved against the `now` the caller passes (tests inject it).

use chrono::{DateTime, FixedOffset, NaiveDate};
use rusqlite::types::Value;
use rusqlite::{Connection, params, params_from_iter};
use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

use super::{Store, StoreError, summary_from_row};

#[path = "query_by_id.rs"]
mod by_id;
use crate::model::{ArticleId, ArticleSummary};
use crate::query::{Expr, Flag, Query, Sort, Term, TimeSpec, TimeUnit, fold};
use by_id::ById;

/// The list's columns and joins; the compiled condition is appended after it.
const SELECT_SUMMARIES: &str =
    "SELECT a.id, a.feed_id, COALESCE(f.title_override, f.feed_title, f.url),
        a.title, a.link, a.authors, a.published, a.read, a.starred
    FROM articles a JOIN feeds f ON f.id = a.feed_id WHERE f.active = 1";
/// The list read in date order through its index, articles first (CROSS JOIN keeps the
/// order): for common words, where the first page fills quickly.
const SELECT_SUMMARIES_BY_DATE: &str = "SELECT a.id, a.feed_id,
        COALESCE(f.title_override, f.feed_title, f.url),
        a.title, a.link, a.authors, a.published, a.read, a.starred
    FROM articles a INDEXED BY articles_by_published CROSS JOIN feeds f ON f.id = a.feed_id
    WHERE f.active = 1";
/// The list read feed by feed in the feed sort's order, each feed's articles newest first
/// through its index (CROSS JOIN keeps the feeds outside): the first window of `sort:feed`
/// costs that window, where SQLite left to itself sorted every article. Not for full-text
/// queries, whose few matches are cheaper to sort.
const SELECT_SUMMARIES_BY_FEED: &str = "SELECT a.id, a.feed_id,
        COALESCE(f.title_override, f.feed_title, f.url),
        a.title, a.link, a.authors, a.published, a.read, a.starred
    FROM feeds f INDEXED BY feeds_by_title
        CROSS JOIN articles a INDEXED BY articles_by_feed_published ON a.feed_id = f.id
    WHERE f.active = 1";
/// `SELECT_SUMMARIES_BY_DATE` through the unread articles' index, for a list of unread
/// articles of many feeds (see [`Store::feed_scan`]).
const SELECT_SUMMARIES_UNREAD_BY_DATE: &str = "SELECT a.id, a.feed_id,
        COALESCE(f.title_override, f.feed_title, f.url),
        a.title, a.link, a.authors, a.published, a.read, a.starred
    FROM articles a INDEXED BY articles_unread_by_published CROSS JOIN feeds f
        ON f.id = a.feed_id
    WHERE f.active = 1";
/// The articles, and unread ones, of the configured feeds among a JSON list of feed ids
/// (from the counts kept per feed).
const FEEDS_KEPT_COUNTS: &str = "SELECT COALESCE(sum(c.total), 0), COALESCE(sum(c.unread), 0)
    FROM feed_counts c JOIN feeds f ON f.id = c.feed_id
    WHERE f.active = 1 AND c.feed_id IN (SELECT value FROM json_each(?))";
/// The same over every configured feed.
const ALL_KEPT_COUNTS: &str = "SELECT COALESCE(sum(c.total), 0), COALESCE(sum(c.unread), 0)
    FROM feed_counts c JOIN feeds f ON f.id = c.feed_id WHERE f.active = 1";
/// `SELECT_SUMMARIES_BY_DATE` with the text the full-text index holds after the summary
/// columns (column 9: the article's, and its fetched page's, as `articles_fts_source` gives
/// it), for checking a short prefix row by row in Rust.
const SELECT_CHECKED_BY_DATE: &str = "SELECT a.id, a.feed_id,
        COALESCE(f.title_override, f.feed_title, f.url),
        a.title, a.link, a.authors, a.published, a.read, a.starred,
        CASE WHEN p.text IS NULL OR p.text = '' THEN dl_unpack(a.text, a.content_html)
            ELSE dl_unpack(a.text, a.content_html) || char(10) || char(10)
                || dl_unpack(p.text, p.html) END
    FROM articles a INDEXED BY articles_by_published CROSS JOIN feeds f ON f.id = a.feed_id
        LEFT JOIN pages p ON p.article = a.id
    WHERE f.active = 1";
/// `SELECT_SUMMARIES` with the same text (column 9), for the same check on a sparse rest.
const SELECT_CHECKED: &str =
    "SELECT a.id, a.feed_id, COALESCE(f.title_override, f.feed_title, f.url),
        a.title, a.link, a.authors, a.published, a.read, a.starred,
        CASE WHEN p.text IS NULL OR p.text = '' THEN dl_unpack(a.text, a.content_html)
            ELSE dl_unpack(a.text, a.content_html) || char(10) || char(10)
                || dl_unpack(p.text, p.html) END
    FROM articles a JOIN feeds f ON f.id = a.feed_id LEFT JOIN pages p ON p.article = a.id
    WHERE f.active = 1";
/// How many rows, at most, the short-prefix scan reads before it gives up and lets the
/// index answer (a rare prefix): a bound on its cost, whatever the prefix.
const CHECKED_SCAN_ROWS: i64 = 1_500;
/// Every so many rows the scan checks that it is finding matches fast enough to fill its page
/// within [`CHECKED_SCAN_ROWS`]; when not, it stops early and the index answers.
const CHECKED_PROBE_ROWS: i64 = 250;
const SELECT_COUNT: &str =
    "SELECT count(*) FROM articles a JOIN feeds f ON f.id = a.feed_id WHERE f.active = 1";
/// Selects the ids of the query's articles (for updates and entity counts); close with `)`.
pub(super) const SELECT_IDS: &str =
    "SELECT a.id FROM articles a JOIN feeds f ON f.id = a.feed_id WHERE f.active = 1";
/// Sets the read flag and read time (none when unread) of the rows that change; close with
/// [`RETURNING_ID`].
const MARK_READ_HEAD: &str =
    "UPDATE articles SET read = ?, read_at = ? WHERE read <> ? AND id IN (";
/// Closes [`MARK_READ_HEAD`]'s list and returns the ids of the changed rows.
const RETURNING_ID: &str = ") RETURNING id";

const AND: &str = " AND ";
const OR: &str = " OR ";
const OPEN: &str = "(";
const CLOSE: &str = ")";
const NOT_OPEN: &str = "NOT (";

const FTS_MATCH: &str = "a.id IN (SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?)";
/// Counts full-text matches up to a cap, to choose between the two plans.
const FTS_PROBE: &str = "SELECT count(*) FROM (SELECT rowid FROM articles_fts
    WHERE articles_fts MATCH ?1 LIMIT ?2)";
/// Above this many full-text matches, the list is read in date order and stops at the page
/// (`SELECT_SUMMARIES_BY_DATE`); below, the matches are looked up and sorted. (Testing text
/// row by row with `rowid = a.id` measured far slower: FTS5 re-runs a prefix query per row.)
const DENSE: i64 = 500;
const FTS_NOT_MATCH: &str =
    "a.id NOT IN (SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?)";
const IS_UNREAD: &str = "a.read = 0";
const IS_READ: &str = "a.read = 1";
const IS_STARRED: &str = "a.starred = 1";
const FEED_IN: &str = "a.feed_id IN (SELECT value FROM json_each(?))";
const PUBLISHED_SINCE: &str = "a.published >= ?";
const PUBLISHED_BEFORE: &str = "a.published < ?";
const MENTIONS_ENTITY: &str = "a.id IN (SELECT m.article FROM mentions m WHERE m.entity IN (
        SELECT e.id FROM entities e WHERE e.kind = ? AND e.folded = ?
        UNION SELECT al.entity FROM entity_aliases al JOIN entities e ON e.id = al.entity
            WHERE al.folded = ? AND e.kind = ?))";

const ORDER_NEWEST: &str = " ORDER BY a.published DESC, a.id DESC";
const ORDER_OLDEST: &str = " ORDER BY a.published ASC, a.id ASC";
const ORDER_FEED: &str = " ORDER BY COALESCE(f.title_override, f.feed_title, f.url) COLLATE NOCASE,
    a.published DESC, a.id DESC";
const ORDER_TITLE: &str = " ORDER BY a.title COLLATE NOCASE, a.published DESC, a.id DESC";
/// The orders above read backwards, for a window read from the list's end (or upwards
/// from a row the caller holds); the rows are turned round after reading.
const ORDER_NEWEST_BACKWARDS: &str = ORDER_OLDEST;
const ORDER_OLDEST_BACKWARDS: &str = ORDER_NEWEST;
const ORDER_FEED_BACKWARDS: &str = " ORDER BY COALESCE(f.title_override, f.feed_title, f.url)
    COLLATE NOCASE DESC, a.published ASC, a.id ASC";
const ORDER_TITLE_BACKWARDS: &str =
    " ORDER BY a.title COLLATE NOCASE DESC, a.published ASC, a.id ASC";
const LIMIT_OFFSET: &str = " LIMIT ? OFFSET ?";

// Keyset conditions: the rows after (in the list's order) or before a row the caller holds,
// given that row's sort key. Bound as (published, id), or (text, text, published, id) for the
// sorts whose first key is text. Row values compare in index order, so the date sorts seek
// straight into `articles_by_published`.
const NEWER_THAN: &str = " AND (a.published, a.id) > (?, ?)";
const OLDER_THAN: &str = " AND (a.published, a.id) < (?, ?)";
// The text sorts' conditions say `>=` (`<=`) on the text alone first, so SQLite can seek
// on it (and test a feed's title once per feed, not once per article).
const AFTER_IN_FEED_ORDER: &str =
    " AND COALESCE(f.title_override, f.feed_title, f.url) COLLATE NOCASE >= ?
    AND (COALESCE(f.title_override, f.feed_title, f.url) COLLATE NOCASE > ?
        OR (a.published, a.id) < (?, ?))";
const BEFORE_IN_FEED_ORDER: &str =
    " AND COALESCE(f.title_override, f.feed_title, f.url) COLLATE NOCASE <= ?
    AND (COALESCE(f.title_override, f.feed_title, f.url) COLLATE NOCASE < ?
        OR (a.published, a.id) > (?, ?))";
const AFTER_IN_TITLE_ORDER: &str = " AND a.title COLLATE NOCASE >= ?
    AND (a.title COLLATE NOCASE > ? OR (a.published, a.id) < (?, ?))";
const BEFORE_IN_TITLE_ORDER: &str = " AND a.title COLLATE NOCASE <= ?
    AND (a.title COLLATE NOCASE < ? OR (a.published, a.id) > (?, ?))";

const ACTIVE_FEEDS: &str =
    "SELECT id, COALESCE(title_override, feed_title, url), url FROM feeds WHERE active = 1";
const ACTIVE_TAGS: &str =
    "SELECT t.feed_id, t.tag FROM feed_tags t JOIN feeds f ON f.id = t.feed_id WHERE f.active = 1";

/// SQL text (constant fragments only) and its parameters, in order.
#[derive(Debug, Default)]
pub(super) struct Sql {
    pub(super) text: String,
    pub(super) params: Vec<Value>,
}

impl Sql {
    fn push(&mut self, fragment: &'static str) {
        self.text.push_str(fragment);
    }

    fn bind(&mut self, fragment: &'static str, value: impl Into<Value>) {
        self.text.push_str(fragment);
        self.params.push(value.into());
    }
}

/// The active feeds' folded titles, lower-case URLs and folded tags, read once per query
/// that needs them.
struct Feeds {
    feeds: Vec<(i64, String, String)>,
    tags: Vec<(i64, String)>,
}

impl Feeds {
    fn load(conn: &Connection) -> Result<Feeds, StoreError> {
        let mut stmt = conn.prepare_cached(ACTIVE_FEEDS)?;
        let feeds = stmt
            .query_map([], |row| {
                Ok((
                    row.get::<_, i64>(0)?,
                    fold(&row.get::<_, String>(1)?),
                    row.get::<_, String>(2)?.to_lowercase(),
                ))
            })?
            .collect::<Result<Vec<_>, _>>()?;
        let mut stmt = conn.prepare_cached(ACTIVE_TAGS)?;
        let tags = stmt
            .query_map([], |row| {
                Ok((row.get::<_, i64>(0)?, fold(&row.get::<_, String>(1)?)))
            })?
            .collect::<Result<Vec<_>, _>>()?;
        Ok(Feeds { feeds, tags })
    }

    /// The feeds whose address is `text` whole (lower-cased), if any: that feed only
    /// (`…/feed` must not take in `…/feed2`).
    fn exact_url(&self, text: &str) -> Option<Vec<i64>> {
        let lower = text.trim().to_lowercase();
        let exact: Vec<i64> = self
            .feeds
            .iter()
            .filter(|(_, _, url)| *url == lower)
            .map(|(id, _, _)| *id)
            .collect();
        (!exact.is_empty()).then_some(exact)
    }

    /// `feed:`: feeds whose title (folded) contains `name`; when `name` is a feed's whole
    /// address, that feed only. Addresses are not searched (`feed:time` must not take in
    /// every nytimes.com feed): `url:` does that.
    fn matching(&self, name: &str) -> Vec<i64> {
        if let Some(exact) = self.exact_url(name) {
            return exact;
        }
        let folded = fold(name);
        self.feeds
            .iter()
            .filter(|(_, title, _)| title.contains(&folded))
            .map(|(id, _, _)| *id)
            .collect()
    }

    /// `url:`: feeds whose address (lower-cased) contains `text`; a whole address selects
    /// that feed only.
    fn at_url(&self, text: &str) -> Vec<i64> {
        if let Some(exact) = self.exact_url(text) {
            return exact;
        }
        let lower = text.trim().to_lowercase();
        self.feeds
            .iter()
            .filter(|(_, _, url)| url.contains(&lower))
            .map(|(id, _, _)| *id)
            .collect()
    }

    /// Feeds with this tag (folded comparison).
    fn tagged(&self, tag: &str) -> Vec<i64> {
        let folded = fold(tag);
        self.tags
            .iter()
            .filter(|(_, t)| *t == folded)
            .map(|(id, _)| *id)
            .collect()
    }

    /// The feeds a lone `feed:`, `url:` or `tag:` term selects; `None` for other terms.
    fn of_term(&self, term: &Term) -> Option<Vec<i64>> {
        match term {
            Term::Feed(name) => Some(self.matching(name)),
            Term::Url(text) => Some(self.at_url(text)),
            Term::Tag(tag) => Some(self.tagged(tag)),
            _ => None,
        }
    }
}

/// What a query's articles are, for counts kept per feed: every configured feed's (no
/// condition), or those of some feeds (a lone `feed:`, `url:` or `tag:` term: the feeds
/// pane's rows), or something else (`Filtered`), which only a query can count.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Scope {
    All,
    Feeds(Vec<i64>),
    Filtered,
}

/// The [`Scope`] of a query (its sort does not matter).
pub(super) fn scope_of(conn: &Connection, query: &Query) -> Result<Scope, StoreError> {
    Ok(match &query.expr {
        None => Scope::All,
        Some(Expr::Term(term @ (Term::Feed(_) | Term::Url(_) | Term::Tag(_)))) => {
            match Feeds::load(conn)?.of_term(term) {
                Some(ids) => Scope::Feeds(ids),
                None => Scope::Filtered,
            }
        }
        Some(_) => Scope::Filtered,
    })
}

pub(super) fn json_ids(ids: &[i64]) -> String {
    serde_json::to_string(ids).unwrap_or_else(|_| "[]".to_string())
}

/// A list of some feeds' articles, maybe only the unread ones: a lone `feed:`, `url:` or
/// `tag:` term, or one ANDed with `is:unread` (the feeds pane's scope with a filter of
/// `is:unread`, or the other way round). The term, and whether `is:unread` is there.
fn feeds_and_unread(expr: &Expr) -> Option<(&Term, bool)> {
    let is_feeds = |e: &Expr| matches!(e, Expr::Term(Term::Feed(_) | Term::Url(_) | Term::Tag(_)));
    let is_unread = |e: &Expr| matches!(e, Expr::Term(Term::Is(Flag::Unread)));
    match expr {
        Expr::Term(term) if is_feeds(expr) => Some((term, false)),
        Expr::And(items) => {
            let mut feeds = items.iter().filter(|e| is_feeds(e));
            let Some(Expr::Term(term)) = feeds.next() else {
                return None;
            };
            if feeds.next().is_some() || !items.iter().all(|e| is_feeds(e) || is_unread(e)) {
                return None;
            }
            Some((term, items.iter().any(is_unread)))
        }
        _ => None,
    }
}

/// Whether the tree mentions `feed:` or `tag:` (only then are the feeds read).
fn needs_feeds(expr: &Expr) -> bool {
    match expr {
        Expr::Term(Term::Feed(_) | Term::Url(_) | Term::Tag(_)) => true,
        Expr::Term(_) => false,
        Expr::Not(inner) => needs_feeds(inner),
        Expr::And(items) | Expr::Or(items) => items.iter().any(needs_feeds),
    }
}

/// Compiles one condition; see the module documentation.
struct Compiler<'a> {
    now: DateTime<FixedOffset>,
    feeds: Option<&'a Feeds>,
    sql: &'a mut Sql,
}

impl Compiler<'_> {
    fn expr(&mut self, expr: &Expr) {
        match expr {
            Expr::Term(term) => self.term(term),
            Expr::Not(inner) => {
                if let Some(fts) = fts_expr(inner) {
                    self.sql.bind(FTS_NOT_MATCH, fts);
                } else {
                    self.sql.push(NOT_OPEN);
                    self.expr(inner);
                    self.sql.push(CLOSE);
                }
            }
            Expr::Or(items) => {
                if let Some(fts) = fts_expr(expr) {
                    self.matches(fts);
                    return;
                }
                self.sql.push(OPEN);
                for (i, item) in items.iter().enumerate() {
                    if i > 0 {
                        self.sql.push(OR);
                    }
                    self.expr(item);
                }
                self.sql.push(CLOSE);
            }
            Expr::And(items) => {
                // The text terms (with any negated ones) become one full-text match, if at
                // least one is positive; the rest are ANDed beside it.
                let (text, rest): (Vec<&Expr>, Vec<&Expr>) =
                    items.iter().partition(|item| text_part(item).is_some());
                let merged = merge_and(&text);
                self.sql.push(OPEN);
                let mut first = true;
                if let Some(fts) = merged {
                    self.matches(fts);
                    first = false;
                }
                let others = if first { items.iter().collect() } else { rest };
                for item in others {
                    if !first {
                        self.sql.push(AND);
                    }
                    first = false;
                    self.expr(item);
                }
                self.sql.push(CLOSE);
            }
        }
    }

    fn matches(&mut self, fts: String) {
        self.sql.bind(FTS_MATCH, fts);
    }

    fn term(&mut self, term: &Term) {
        match term {
            Term::Word { .. } | Term::Phrase(_) | Term::Author(_) => {
                self.matches(fts_term(term).unwrap_or_default());
            }
            Term::Is(Flag::Unread) => self.sql.push(IS_UNREAD),
            Term::Is(Flag::Read) => self.sql.push(IS_READ),
            Term::Is(Flag::Starred) => self.sql.push(IS_STARRED),
            Term::Feed(_) | Term::Url(_) | Term::Tag(_) => {
                let ids = self.feeds.and_then(|f| f.of_term(term)).unwrap_or_default();
                self.sql.bind(FEED_IN, json_ids(&ids));
            }
            Term::Since(spec) => {
                let at = resolve(*spec, self.now);
                self.sql.bind(PUBLISHED_SINCE, at);
            }
            Term::Before(spec) => {
                let at = resolve(*spec, self.now);
                self.sql.bind(PUBLISHED_BEFORE, at);
            }
            Term::Today => {
                let at = start_of_day(self.now.date_naive(), self.now);
                self.sql.bind(PUBLISHED_SINCE, at);
            }
            Term::Entity { kind, name } => {
                let folded = fold(name);
                self.sql.text.push_str(MENTIONS_ENTITY);
                self.sql.params.extend([
                    Value::from(kind.as_str().to_string()),
                    Value::from(folded.clone()),
                    Value::from(folded),
                    Value::from(kind.as_str().to_string()),
                ]);
            }
        }
    }
}

/// Unix seconds for a `since:`/`before:` time.
fn resolve(spec: TimeSpec, now: DateTime<FixedOffset>) -> i64 {
    match spec {
        TimeSpec::Ago { amount, unit } => {
            let unit_secs = match unit {
                TimeUnit::Hour => 3_600,
                TimeUnit::Day => 86_400,
                TimeUnit::Week => 7 * 86_400,
            };
            now.timestamp()
                .saturating_sub(i64::from(amount).saturating_mul(unit_secs))
        }
        TimeSpec::Date(day) => start_of_day(day, now),
    }
}

/// Unix seconds at the start of `day` in `now`'s time zone.
fn start_of_day(day: NaiveDate, now: DateTime<FixedOffset>) -> i64 {
    let midnight = day.and_hms_opt(0, 0, 0).unwrap_or_default().and_utc();
    midnight.timestamp() - i64::from(now.offset().local_minus_utc())
}

/// A text term's FTS5 expression: a quoted string (the tokenizer splits it into a phrase),
/// `*` for a prefix, `authors :` for `author:`.
fn fts_term(term: &Term) -> Option<String> {
    match term {
        Term::Word { text, prefix } => {
            let mut s = fts_quote(text);
            if *prefix {
                s.push_str(" *");
            }
            Some(s)
        }
        Term::Phrase(text) => Some(fts_quote(text)),
        Term::Author(name) => Some(format!("authors : {}", fts_quote(name))),
        _ => None,
    }
}

fn fts_quote(text: &str) -> String {
    format!("\"{}\"", text.replace('"', "\"\""))
}

/// A child of an `and` that can join a merged full-text match: a text term (positive) or a
/// negated one.
enum TextPart {
    Positive(String),
    Negative(String),
}

fn text_part(expr: &Expr) -> Option<TextPart> {
    match expr {
        Expr::Not(inner) => fts_expr(inner).map(TextPart::Negative),
        other => fts_expr(other).map(TextPart::Positive),
    }
}

/// `(p1) AND (p2) NOT ((n1) OR (n2))`, when there is at least one positive part.
fn merge_and(parts: &[&Expr]) -> Option<String> {
    let mut positives = Vec::new();
    let mut negatives = Vec::new();
    for part in parts {
        match text_part(part)? {
            TextPart::Positive(p) => positives.push(p),
            TextPart::Negative(n) => negatives.push(n),
        }
    }
    if positives.is_empty() {
        return None;
    }
    let mut s = join_fts(&positives, " AND ");
    if !negatives.is_empty() {
        s = format!("({s}) NOT ({})", join_fts(&negatives, " OR "));
    }
    Some(s)
}

fn join_fts(parts: &[String], op: &str) -> String {
    parts
        .iter()
        .map(|p| format!("({p})"))
        .collect::<Vec<_>>()
        .join(op)
}

/// The whole subtree as one FTS5 expression, when it is made only of text terms (and FTS5
/// can express it: a negation needs a positive beside it).
fn fts_expr(expr: &Expr) -> Option<String> {
    match expr {
        Expr::Term(term) => fts_term(term),
        Expr::Not(_) => None,
        Expr::Or(items) => {
            let parts = items.iter().map(fts_expr).collect::<Option<Vec<_>>>()?;
            Some(join_fts(&parts, " OR "))
        }
        Expr::And(items) => {
            let refs: Vec<&Expr> = items.iter().collect();
            merge_and(&refs)
        }
    }
}

/// The full-text expression that restricts the whole query, if there is one: the query is
/// text, or an `and` with text among its operands. Its number of matches decides the plan.
fn leading_fts(expr: &Expr) -> Option<String> {
    match expr {
        Expr::And(items) => {
            let text: Vec<&Expr> = items.iter().filter(|i| text_part(i).is_some()).collect();
            merge_and(&text)
        }
        other => fts_expr(other),
    }
}

/// The query's full-text expression and the rest of it, when the full-text part restricts
/// the whole query (as [`leading_fts`]): the query is text, or an `and` with text among its
/// operands (the text ones merged into one expression, as the compiler merges them).
fn split_text(query: &Query) -> Option<(String, Query)> {
    let expr = query.expr.as_ref()?;
    let (fts, rest) = match expr {
        Expr::And(items) => {
            let (text, rest): (Vec<&Expr>, Vec<&Expr>) =
                items.iter().partition(|item| text_part(item).is_some());
            let fts = merge_and(&text)?;
            let mut rest: Vec<Expr> = rest.into_iter().cloned().collect();
            let rest = match rest.len() {
                0 => None,
                1 => rest.pop(),
                _ => Some(Expr::And(rest)),
            };
            (fts, rest)
        }
        other => (fts_expr(other)?, None),
    };
    Some((
        fts,
        Query {
            expr: rest,
            sort: query.sort,
        },
    ))
}

/// The longest prefix word, in characters, that is checked row by row rather than asked of
/// the index (see [`Store::list_checked`]). FTS5 answers a prefix by merging the posting lists
/// of every word that starts with it, with no prefix index (it went to halve the file): for
/// one or two letters, most of the vocabulary (`co*`: 120 ms on 25,000 articles for the
/// probe and the first page, four times that on 100,000); for three, still a large part of
/// it on a big cache (`cou*`: 33 words, 116–140 ms for the first 200 matches on a million
/// articles, in id order; `coun*` 41–76 ms, `mark*` after `police` 90–170 ms); from five
/// letters on, a few to tens of ms there, less below.
const SHORT_PREFIX: usize = 4;

/// A prefix word of at most [`SHORT_PREFIX`] characters among the query's top-level `and`
/// (or the query itself), as its folded characters, and the query without it. Only letters
/// and digits: other characters do not make a word for the index either.
fn split_short_prefix(query: &Query) -> Option<(Vec<char>, Query)> {
    let prefix_of = |expr: &Expr| match expr {
        Expr::Term(Term::Word { text, prefix: true })
            if (1..=SHORT_PREFIX).contains(&text.chars().count())
                && text.chars().all(char::is_alphanumeric) =>
        {
            Some(text.chars().map(fold_initial).collect::<Vec<char>>())
        }
        _ => None,
    };
    let expr = query.expr.as_ref()?;
    if let Some(prefix) = prefix_of(expr) {
        return Some((
            prefix,
            Query {
                expr: None,
                sort: query.sort,
            },
        ));
    }
    let Expr::And(items) = expr else {
        return None;
    };
    let at = items.iter().position(|item| prefix_of(item).is_some())?;
    let prefix = prefix_of(&items[at])?;
    let mut rest: Vec<Expr> = items.clone();
    rest.remove(at);
    let expr = if rest.len() == 1 {
        rest.pop()
    } else {
        Some(Expr::And(rest))
    };
    Some((
        prefix,
        Query {
            expr,
            sort: query.sort,
        },
    ))
}

/// A word's first character as the index sees it (tokenizer `unicode61 remove_diacritics
/// 2`): the base letter of its canonical decomposition, lower-cased (`Š` → `s`; `ł`, `ø`,
/// `ß` have none and stay).
fn fold_initial(c: char) -> char {
    let base = std::iter::once(c)
        .nfd()
        .find(|d| !is_combining_mark(*d))
        .unwrap_or(c);
    base.to_lowercase().next().unwrap_or(base)
}

/// Whether `text` has a word (a run of letters and digits, as the index splits it) that
/// starts with `prefix` (folded characters) once folded as the index folds.
fn has_word_starting_with(text: &str, prefix: &[char]) -> bool {
    // How much of `prefix` the current word has matched; `None` once it differs.
    let mut matched = Some(0);
    for c in text.chars() {
        if c.is_alphanumeric() {
            if let Some(i) = matched {
                let want = prefix[i];
                if c == want
                    || (c.is_ascii() && c.to_ascii_lowercase() == want)
                    || (!c.is_ascii() && fold_initial(c) == want)
                {
                    if i + 1 == prefix.len() {
                        return true;
                    }
                    matched = Some(i + 1);
                } else {
                    matched = None;
                }
            }
        } else {
            matched = Some(0);
        }
    }
    false
}

/// How many steps of SQLite's machine [`Store::count_query_unless`] lets run between two
/// questions: a few microseconds.
const GIVE_UP_STEPS: i32 = 1_000;

/// Leaves out the articles an ignore rule hides.
const NOT_HIDDEN: &str = " AND a.hidden = 0";
/// Whether any article is hidden (through the partial index `articles_hidden`).
const ANY_HIDDEN: &str = "SELECT EXISTS (SELECT 1 FROM articles WHERE hidden = 1)";

/// Appends ` AND (condition)` for the query's expression, if any, and leaves out the
/// articles ignore rules hide (only when there are some: a cache without them pays nothing
/// on its lists and counts). Every list, count and mark of a query goes through here.
pub(super) fn compile_where(
    conn: &Connection,
    query: &Query,
    now: DateTime<FixedOffset>,
    sql: &mut Sql,
) -> Result<(), StoreError> {
    let any_hidden: bool = conn
        .prepare_cached(ANY_HIDDEN)?
        .query_row([], |row| row.get(0))?;
    if any_hidden {
        sql.push(NOT_HIDDEN);
    }
    compile_condition(conn, query, now, sql)
}

/// Appends ` AND (condition)` for the query's expression, if any, hidden articles included
/// (for the ignore rules themselves).
pub(super) fn compile_condition(
    conn: &Connection,
    query: &Query,
    now: DateTime<FixedOffset>,
    sql: &mut Sql,
) -> Result<(), StoreError> {
    let Some(expr) = &query.expr else {
        return Ok(());
    };
    let feeds = if needs_feeds(expr) {
        Some(Feeds::load(conn)?)
    } else {
        None
    };
    sql.push(AND);
    sql.push(OPEN);
    Compiler {
        now,
        feeds: feeds.as_ref(),
        sql,
    }
    .expr(expr);
    sql.push(CLOSE);
    Ok(())
}

/// A window of a list, with what the caller already knows of the list, so the store can
/// find the window without reading every row above it.
///
/// SQLite's `OFFSET` reads and drops every skipped row: 100,000 of them take about as long as
/// the whole list. So a window is read from whichever known point is nearest: the top, the
/// bottom (when `total` is known: the list read backwards, then turned round), or a row the
/// caller holds (`anchors`: read on from its sort key, forwards or backwards).
#[derive(Debug, Clone, Copy, Default)]
pub struct Seek<'a> {
    /// Index in the whole list of the window's first row.
    pub offset: u64,
    /// Rows wanted.
    pub limit: u32,
    /// The list's length, when the caller has counted it (and nothing has changed since).
    pub total: Option<u64>,
    /// Rows of this same list the caller holds, with their indices in it.
    pub anchors: &'a [(u64, ArticleSummary)],
}

/// How one window is read: from a starting point, in the list's order or backwards.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) struct Plan<'a> {
    /// In the list's order; `false`: backwards, and the rows are turned round after reading.
    forward: bool,
    /// Start just after (forwards) or just before (backwards) this row, by its sort key;
    /// `None`: at the top (forwards) or the bottom (backwards) of the list.
    from: Option<&'a ArticleSummary>,
    /// Rows passed over from the start.
    skip: u64,
    /// Rows wanted; `None` for all.
    limit: Option<u64>,
}

impl Plan<'_> {
    /// The plain plan: from the top, `OFFSET` rows passed over.
    pub(super) fn top(limit: Option<u32>, offset: u32) -> Plan<'static> {
        Plan {
            forward: true,
            from: None,
            skip: u64::from(offset),
            limit: limit.map(u64::from),
        }
    }
}

impl<'a> Seek<'a> {
    /// The cheapest plan (fewest rows passed over); `None` when the window is past the end
    /// of a list of known length.
    fn plan(&self) -> Option<Plan<'a>> {
        let limit = u64::from(self.limit);
        let end = self.offset.saturating_add(limit);
        let mut best = Plan {
            forward: true,
            from: None,
            skip: self.offset,
            limit: Some(limit),
        };
        if let Some(total) = self.total {
            let end = end.min(total);
            if end <= self.offset {
                return None;
            }
            let back = Plan {
                forward: false,
                from: None,
                skip: total - end,
                limit: Some(end - self.offset),
            };
            if back.skip < best.skip {
                best = back;
            }
        }
        for (index, row) in self.anchors {
            let candidate = if *index < self.offset {
                Plan {
                    forward: true,
                    from: Some(row),
                    skip: self.offset - index - 1,
                    limit: Some(limit),
                }
            } else if *index >= end {
                Plan {
                    forward: false,
                    from: Some(row),
                    skip: index - end,
                    limit: Some(limit),
                }
            } else {
                // Inside the window: the other anchors (or the ends) serve.
                continue;
            };
            if candidate.skip < best.skip {
                best = candidate;
            }
        }
        Some(best)
    }
}

/// The `ORDER BY` of a sort, in the list's order or backwards.
fn order_by(sort: Sort, forward: bool) -> &'static str {
    match (sort, forward) {
        (Sort::Newest, true) => ORDER_NEWEST,
        (Sort::Newest, false) => ORDER_NEWEST_BACKWARDS,
        (Sort::Oldest, true) => ORDER_OLDEST,
        (Sort::Oldest, false) => ORDER_OLDEST_BACKWARDS,
        (Sort::Feed, true) => ORDER_FEED,
        (Sort::Feed, false) => ORDER_FEED_BACKWARDS,
        (Sort::Title, true) => ORDER_TITLE,
        (Sort::Title, false) => ORDER_TITLE_BACKWARDS,
    }
}

/// Appends the plan's start (the rows after or before its row, in the sort's order) and its
/// order, for the condition already in `sql`.
fn push_seek(sql: &mut Sql, sort: Sort, plan: &Plan<'_>) {
    if let Some(row) = plan.from {
        let at = row.published.timestamp();
        let id = row.id.0;
        let (fragment, text) = match (sort, plan.forward) {
            (Sort::Newest, true) | (Sort::Oldest, false) => (OLDER_THAN, None),
            (Sort::Newest, false) | (Sort::Oldest, true) => (NEWER_THAN, None),
            (Sort::Feed, true) => (AFTER_IN_FEED_ORDER, Some(&row.feed_title)),
            (Sort::Feed, false) => (BEFORE_IN_FEED_ORDER, Some(&row.feed_title)),
            (Sort::Title, true) => (AFTER_IN_TITLE_ORDER, Some(&row.title)),
            (Sort::Title, false) => (BEFORE_IN_TITLE_ORDER, Some(&row.title)),
        };
        sql.push(fragment);
        if let Some(text) = text {
            sql.params.push(Value::from(text.clone()));
            sql.params.push(Value::from(text.clone()));
        }
        sql.params.push(Value::from(at));
        sql.params.push(Value::from(id));
    }
    sql.push(order_by(sort, plan.forward));
}

/// An `i64` for SQLite (`-1`: no limit).
fn sql_count(n: Option<u64>) -> Value {
    Value::from(n.map_or(-1, |n| i64::try_from(n).unwrap_or(i64::MAX)))
}

impl Store {
    /// The articles a query selects, in its order (newest first unless it says `sort:`),
    /// without bodies; at most `limit` (all for `None`) after skipping `offset`. Articles of
    /// feeds no longer configured are left out. `now` anchors `since:2d`, `today` and dates
    /// (its offset is the local time zone).
    pub fn query_articles(
        &self,
        query: &Query,
        now: DateTime<FixedOffset>,
        limit: Option<u32>,
        offset: u32,
    ) -> Result<Vec<ArticleSummary>, StoreError> {
        let result = self.list_plan(query, now, Plan::top(limit, offset));
        self.busy(result)
    }

    /// One window of the list [`Store::query_articles`] gives, read from the nearest point
    /// the caller knows (see [`Seek`]): the same rows as `LIMIT limit OFFSET offset`, in a
    /// time that depends on the distance to that point, not on the depth of the window.
    pub fn query_window(
        &self,
        query: &Query,
        now: DateTime<FixedOffset>,
        seek: Seek<'_>,
    ) -> Result<Vec<ArticleSummary>, StoreError> {
        let result = match seek.plan() {
            Some(plan) => self.list_plan(query, now, plan),
            None => Ok(Vec::new()),
        };
        self.busy(result)
    }

    /// The list by `plan`, with the cheaper way of reading it chosen for the query.
    fn list_plan(
        &self,
        query: &Query,
        now: DateTime<FixedOffset>,
        plan: Plan<'_>,
    ) -> Result<Vec<ArticleSummary>, StoreError> {
        let sort = query.sort.unwrap_or(Sort::Newest);
        let in_date_order = matches!(sort, Sort::Newest | Sort::Oldest);
        if let (true, Some(_), Some((prefix, rest))) =
            (in_date_order, plan.limit, split_short_prefix(query))
        {
            let by_id = match split_text(&rest).filter(|_| sort == Sort::Newest) {
                Some((fts, others)) => self.list_by_id(&fts, &others, Some(&prefix), now, plan)?,
                None => ById::Unproven,
            };
            match by_id {
                ById::Rows(rows) => return Ok(rows),
                ById::Rare => {}
                ById::Unproven => {
                    let by_date = self.dense(&rest)?;
                    if let Some(rows) = self.list_checked(&rest, &prefix, now, plan, by_date)? {
                        return Ok(rows);
                    }
                }
            }
        }
        if let Some((fts, others)) = split_text(query).filter(|_| sort == Sort::Newest) {
            // Before the probe of `dense`, which collects every match.
            if let ById::Rows(rows) = self.list_by_id(&fts, &others, None, now, plan)? {
                return Ok(rows);
            }
        }
        let by_date = in_date_order && self.dense(query)?;
        self.list_with(query, now, plan, by_date)
    }

    /// The ids of the query's first `limit` articles, in its order (through the same plans
    /// as the list's first window).
    pub(super) fn first_ids(
        &self,
        query: &Query,
        now: DateTime<FixedOffset>,
        limit: u32,
    ) -> Result<Vec<i64>, StoreError> {
        Ok(self
            .list_plan(query, now, Plan::top(Some(limit), 0))?
            .into_iter()
            .map(|a| a.id.0)
            .collect())
    }

    /// Whether the query's full-text part matches so many articles that reading in date
    /// order fills a page sooner than sorting the matches (counted up to `DENSE` only).
    fn dense(&self, query: &Query) -> Result<bool, StoreError> {
        Ok(match query.expr.as_ref().and_then(leading_fts) {
            Some(fts) => {
                let found: i64 = self
                    .conn
                    .prepare_cached(FTS_PROBE)?
                    .query_row(params![fts, DENSE], |row| row.get(0))?;
                found >= DENSE
            }
            None => false,
        })
    }

    /// The list of `rest` and a word starting with `prefix` (one to four folded characters),
    /// checked in Rust on each row read in the plan's order. A short prefix matches most
    /// articles, and FTS5 answers it by merging the posting lists of every word that starts
    /// with it (tens to hundreds of milliseconds on a large cache), while a page of rows is
    /// found in the first few hundred read. `None` when `CHECKED_SCAN_ROWS` rows did not
    /// fill the page (a rare prefix, or a deep skip): the index answers that instead. Date
    /// sorts only.
    fn list_checked(
        &self,
        rest: &Query,
        prefix: &[char],
        now: DateTime<FixedOffset>,
        plan: Plan<'_>,
        by_date: bool,
    ) -> Result<Option<Vec<ArticleSummary>>, StoreError> {
        let Some(limit) = plan.limit else {
            return Ok(None);
        };
        let mut sql = Sql::default();
        sql.push(if by_date {
            SELECT_CHECKED_BY_DATE
        } else {
            SELECT_CHECKED
        });
        compile_where(&self.conn, rest, now, &mut sql)?;
        let sort = match rest.sort {
            Some(Sort::Oldest) => Sort::Oldest,
            _ => Sort::Newest,
        };
        push_seek(&mut sql, sort, &plan);
        sql.push(LIMIT_OFFSET);
        sql.params.push(Value::from(CHECKED_SCAN_ROWS));
        sql.params.push(Value::from(0_i64));
        let mut stmt = self.conn.prepare_cached(&sql.text)?;
        let mut rows = stmt.query(params_from_iter(sql.params.iter()))?;
        let (mut read, mut skipped) = (0_i64, 0_u64);
        let mut page = Vec::new();
        let wanted = plan.skip.saturating_add(limit);
        while let Some(row) = rows.next()? {
            read += 1;
            // Too few matches so far to fill the page within the bound at this rate (`is`
            // matches a third of the articles): the index answers sooner.
            if read % CHECKED_PROBE_ROWS == 0 {
                let matched = skipped + page.len() as u64;
                let projected = matched * CHECKED_SCAN_ROWS as u64 / read as u64;
                if projected < wanted {
                    return Ok(None);
                }
            }
            let title: String = row.get(3)?;
            let authors: String = row.get(5)?;
            let text: String = row.get(9)?;
            if ![title.as_str(), &text, &authors]
                .iter()
                .any(|field| has_word_starting_with(field, prefix))
            {
                continue;
            }
            if skipped < plan.skip {
                skipped += 1;
                continue;
            }
            page.push(summary_from_row(row)?);
            if page.len() as u64 >= limit {
                break;
            }
        }
        // Every row of `rest` was read (the list is complete), or the page is full.
        if read >= CHECKED_SCAN_ROWS && (page.len() as u64) < limit {
            return Ok(None);
        }
        if !plan.forward {
            page.reverse();
        }
        Ok(Some(page))
    }

    /// The statement for the list by `plan`, read in date order through the index when
    /// `by_date` (dense matches).
    fn list_sql(
        &self,
        query: &Query,
        now: DateTime<FixedOffset>,
        plan: &Plan<'_>,
        by_date: bool,
    ) -> Result<Sql, StoreError> {
        let sort = query.sort.unwrap_or(Sort::Newest);
        let mut sql = Sql::default();
        let by_feed = sort == Sort::Feed && query.expr.as_ref().and_then(leading_fts).is_none();
        let feed_scan = if matches!(sort, Sort::Newest | Sort::Oldest) && !by_date {
            self.feed_scan(query, plan)?
        } else {
            None
        };
        sql.push(if by_date {
            SELECT_SUMMARIES_BY_DATE
        } else if let Some(select) = feed_scan {
            select
        } else if by_feed {
            SELECT_SUMMARIES_BY_FEED
        } else {
            SELECT_SUMMARIES
        });
        compile_where(&self.conn, query, now, &mut sql)?;
        push_seek(&mut sql, sort, plan);
        sql.push(LIMIT_OFFSET);
        sql.params.push(sql_count(plan.limit));
        sql.params.push(sql_count(Some(plan.skip)));
        Ok(sql)
    }

    /// For a list of some feeds' articles (maybe only the unread ones, see
    /// [`feeds_and_unread`]) in date order: the statement that reads every article in date
    /// order and keeps those of the feeds, when that reads fewer rows than SQLite's own
    /// choice. Left to itself, SQLite reads every article of the feeds through their index and
    /// sorts them all: 130 to 190 ms for `tag:world` (half of 100,000 articles), ten
    /// times that at a million, where the date order reads about twice the window. The
    /// counts kept per feed tell which costs less: reading in date order passes over about
    /// `rows wanted × all / the feeds' share` rows, the feeds' index reads the feeds' share.
    pub(super) fn feed_scan(
        &self,
        query: &Query,
        plan: &Plan<'_>,
    ) -> Result<Option<&'static str>, StoreError> {
        let Some((term, unread)) = query.expr.as_ref().and_then(feeds_and_unread) else {
            return Ok(None);
        };
        let ids = Feeds::load(&self.conn)?.of_term(term).unwrap_or_default();
        let counts =
            |sql: &str, params: &[&dyn rusqlite::ToSql]| -> Result<(i64, i64), StoreError> {
                Ok(self
                    .conn
                    .prepare_cached(sql)?
                    .query_row(params, |row| Ok((row.get(0)?, row.get(1)?)))?)
            };
        let (total, unread_rows) = counts(FEEDS_KEPT_COUNTS, &[&json_ids(&ids)])?;
        let (all, all_unread) = counts(ALL_KEPT_COUNTS, &[])?;
        let (share, whole) = if unread {
            (unread_rows, all_unread)
        } else {
            (total, all)
        };
        let wanted = plan
            .skip
            .saturating_add(plan.limit.unwrap_or(u64::MAX))
            .min(i64::MAX as u64) as i64;
        // In date order: `wanted` rows of the feeds, one in `whole / share` read.
        let by_date =
            share > 0 && (wanted as f64) * (whole as f64) < (share as f64) * (share as f64);
        Ok(by_date.then_some(if unread {
            SELECT_SUMMARIES_UNREAD_BY_DATE
        } else {
            SELECT_SUMMARIES_BY_DATE
        }))
    }

    /// The list by `plan`, read in date order through the index when `by_date` (dense
    /// matches).
    fn list_with(
        &self,
        query: &Query,
        now: DateTime<FixedOffset>,
        plan: Plan<'_>,
        by_date: bool,
    ) -> Result<Vec<ArticleSummary>, StoreError> {
        let sql = self.list_sql(query, now, &plan, by_date)?;
        let mut stmt = self.conn.prepare_cached(&sql.text)?;
        let mut rows = stmt
            .query_map(params_from_iter(sql.params.iter()), summary_from_row)?
            .collect::<Result<Vec<_>, _>>()?;
        if !plan.forward {
            rows.reverse();
        }
        Ok(rows)
    }

    /// The rows [`Store::query_articles`] gives (from the top, at most `limit`), handed to
    /// `each` one by one as SQLite finds them, so a caller can print the first before the
    /// last is read (`dateline list` on a million articles). `each` returns `false` to stop.
    pub fn each_article(
        &self,
        query: &Query,
        now: DateTime<FixedOffset>,
        limit: Option<u32>,
        mut each: impl FnMut(ArticleSummary) -> bool,
    ) -> Result<(), StoreError> {
        let result = (|| {
            let plan = Plan::top(limit, 0);
            let sort = query.sort.unwrap_or(Sort::Newest);
            let in_date_order = matches!(sort, Sort::Newest | Sort::Oldest);
            if limit.is_some() && in_date_order && split_short_prefix(query).is_some() {
                // A short prefix is checked row by row for a page: a bounded list.
                for row in self.list_plan(query, now, plan)? {
                    if !each(row) {
                        break;
                    }
                }
                return Ok(());
            }
            let by_date = in_date_order && self.dense(query)?;
            let sql = self.list_sql(query, now, &plan, by_date)?;
            let mut stmt = self.conn.prepare_cached(&sql.text)?;
            let mut rows = stmt.query(params_from_iter(sql.params.iter()))?;
            while let Some(row) = rows.next()? {
                if !each(summary_from_row(row)?) {
                    break;
                }
            }
            Ok(())
        })();
        self.busy(result)
    }

    /// How many articles the query selects (of configured feeds).
    pub fn count_query(
        &self,
        query: &Query,
        now: DateTime<FixedOffset>,
    ) -> Result<u64, StoreError> {
        let result = (|| {
            let mut sql = Sql::default();
            sql.push(SELECT_COUNT);
            compile_where(&self.conn, query, now, &mut sql)?;
            let mut stmt = self.conn.prepare_cached(&sql.text)?;
            let n: i64 = stmt.query_row(params_from_iter(sql.params.iter()), |row| row.get(0))?;
            Ok(u64::try_from(n).unwrap_or(0))
        })();
        self.busy(result)
    }

    /// [`Store::count_query`], given up as soon as `give_up` returns true (asked every
    /// [`GIVE_UP_STEPS`] steps of SQLite's machine, on this thread, while the count runs):
    /// `None` when it gave up. A list's total is counted after its first rows are shown, and
    /// on a large cache takes longer than the next key press; once that key asks for another
    /// list, the count only delays it.
    pub fn count_query_unless(
        &self,
        query: &Query,
        now: DateTime<FixedOffset>,
        give_up: impl FnMut() -> bool + Send + 'static,
    ) -> Result<Option<u64>, StoreError> {
        self.conn.progress_handler(GIVE_UP_STEPS, Some(give_up));
        let counted = self.count_query(query, now);
        self.conn.progress_handler(0, None::<fn() -> bool>);
        match counted {
            Ok(n) => Ok(Some(n)),
            Err(StoreError::Sql(e))
                if e.sqlite_error_code() == Some(rusqlite::ErrorCode::OperationInterrupted) =>
            {
                Ok(None)
            }
            Err(e) => Err(e),
        }
    }

    /// The first unread article after `from` (before it when `!forward`) in the list the
    /// query gives, with its index in that list; `None` when there is none. `from` is a row
    /// of that list (its sort key is what counts). The rows in between are not read: the
    /// search seeks from `from` as a window does (see [`Seek`]), and the index is a count.
    pub fn next_unread(
        &self,
        query: &Query,
        now: DateTime<FixedOffset>,
        from: &ArticleSummary,
        forward: bool,
    ) -> Result<Option<(u64, ArticleSummary)>, StoreError> {
        let result = (|| {
            let flag = Expr::Term(Term::Is(Flag::Unread));
            let unread = Query {
                expr: Some(match &query.expr {
                    Some(e) => Expr::And(vec![e.clone(), flag]),
                    None => flag,
                }),
                sort: query.sort,
            };
            let plan = Plan {
                forward,
                from: Some(from),
                skip: 0,
                limit: Some(1),
            };
            let Some(found) = self.list_plan(&unread, now, plan)?.into_iter().next() else {
                return Ok(None);
            };
            // Its index is the number of rows of the list before it.
            let mut sql = Sql::default();
            sql.push(SELECT_COUNT);
            compile_where(&self.conn, query, now, &mut sql)?;
            let before = Plan {
                forward: false,
                from: Some(&found),
                skip: 0,
                limit: None,
            };
            push_seek(&mut sql, query.sort.unwrap_or(Sort::Newest), &before);
            let mut stmt = self.conn.prepare_cached(&sql.text)?;
            let n: i64 = stmt.query_row(params_from_iter(sql.params.iter()), |row| row.get(0))?;
            Ok(Some((u64::try_from(n).unwrap_or(0), found)))
        })();
        self.busy(result)
    }

    /// Sets the read flag of every article the query selects; returns how many changed
    /// (articles already in that state do not count).
    pub fn mark_query_read(
        &mut self,
        query: &Query,
        now: DateTime<FixedOffset>,
        read: bool,
    ) -> Result<usize, StoreError> {
        self.mark_query_read_ids(query, now, read)
            .map(|ids| ids.len())
    }

    /// [`Store::mark_query_read`], returning the ids of the articles that changed (in no
    /// particular order), so the change can be undone with [`Store::set_read`] on them.
    /// Marking read records `now` as their read time.
    pub fn mark_query_read_ids(
        &mut self,
        query: &Query,
        now: DateTime<FixedOffset>,
        read: bool,
    ) -> Result<Vec<ArticleId>, StoreError> {
        let result = (|| {
            let mut sql = Sql::default();
            sql.push(MARK_READ_HEAD);
            sql.params.push(Value::from(read));
            sql.params.push(if read {
                Value::from(now.timestamp())
            } else {
                Value::Null
            });
            sql.params.push(Value::from(read));
            sql.push(SELECT_IDS);
            compile_where(&self.conn, query, now, &mut sql)?;
            sql.push(RETURNING_ID);
            let mut stmt = self.conn.prepare_cached(&sql.text)?;
            let ids = stmt
                .query_map(params_from_iter(sql.params.iter()), |row| {
                    Ok(ArticleId(row.get(0)?))
                })?
                .collect::<Result<Vec<_>, _>>()?;
            Ok(ids)
        })();
        self.busy(result)
    }
}

#[cfg(test)]
mod tests {
    //! Every operator and some combinations on a small cache; the full-text index kept in
    //! step through updates and pruning; entity filters.

    use chrono::{TimeZone, Utc};

    use super::*;
    use crate::model::{ArticleId, EntityKind, FeedId, FeedSpec, NewArticle, ParsedFeed};
    use crate::query::{ParseOptions, parse, parse_with};
    use crate::store::FetchRecord;
    use crate::store::entities::tests::m as mention;

    /// 2026-11-10 12:00 UTC; the local zone is UTC+1.
    const NOW: i64 = 1_794_312_000;
    const HOUR: i64 = 3_600;
    const DAY: i64 = 86_400;

    fn now() -> DateTime<FixedOffset> {
        let utc = Utc.timestamp_opt(NOW, 0).single().unwrap();
        utc.with_timezone(&FixedOffset::east_opt(3_600).unwrap())
    }

    fn item(guid: &str, title: &str, text: &str, authors: &[&str], age: i64) -> NewArticle {
        NewArticle {
            guid: guid.into(),
            title: title.into(),
            link: Some(format!("https://example.org/{guid}")),
            authors: authors.iter().map(|a| a.to_string()).collect(),
            published: Utc.timestamp_opt(NOW - age, 0).single(),
            updated: None,
            summary_html: None,
            content_html: None,
            text: text.into(),
            enclosures: Vec::new(),
            categories: Vec::new(),
        }
    }

    fn store_doc(store: &mut Store, feed: FeedId, title: &str, items: Vec<NewArticle>) {
        let doc = ParsedFeed {
            title: Some(title.into()),
            site_link: None,
            articles: items,
        };
        let record = FetchRecord::Parsed {
            feed: &doc,
            etag: None,
            last_modified: None,
            moved_to: None,
        };
        store
            .record_fetch(feed, record, Utc.timestamp_opt(NOW, 0).single().unwrap())
            .unwrap();
    }

    fn world_items() -> Vec<NewArticle> {
        vec![
            item(
                "w1",
                "Vučić meets leaders in Belgrade",
                "The Serbian president spoke about trade.",
                &["Ana Marić"],
                HOUR,
            ),
            item(
                "w2",
                "Election results announced",
                "Voters elected a new parliament.",
                &["John Smith"],
                3 * DAY,
            ),
        ]
    }

    fn spec(url: &str, title: Option<&str>, tags: &[&str]) -> FeedSpec {
        FeedSpec {
            url: url.into(),
            title: title.map(Into::into),
            tags: tags.iter().map(|t| t.to_string()).collect(),
        }
    }

    /// The fixture's three feeds, in configuration order.
    fn fixture_feeds() -> Vec<FeedSpec> {
        vec![
            spec("https://news.example/world.xml", None, &["world"]),
            spec(
                "https://europe.example/atom",
                Some("Évropa desk"),
                &["Europe", "politics"],
            ),
            spec("https://other.example/feed", None, &[]),
        ]
    }

    /// Three feeds, six articles; w2 read, o1 read, e2 starred. Returns the store and the
    /// article ids by GUID.
    fn fixture() -> (Store, Vec<(String, ArticleId)>) {
        let mut store = Store::open_in_memory().unwrap();
        store.sync_feeds(&fixture_feeds()).unwrap();
        let feeds = store.feeds().unwrap();
        store_doc(&mut store, feeds[0].id, "World Desk", world_items());
        store_doc(
            &mut store,
            feeds[1].id,
            "Europe",
            vec![
                item(
                    "e1",
                    "Prime minister resigns",
                    "The prime minister of Ruritania resigned today.",
                    &[],
                    10 * DAY,
                ),
                item(
                    "e2",
                    "Minister of trade visits",
                    "A trade minister, prime among equals, visited.",
                    &["John Smithson"],
                    2 * HOUR,
                ),
            ],
        );
        store_doc(
            &mut store,
            feeds[2].id,
            "Other",
            vec![
                item("o1", "Weather report", "Sunny in Paris.", &[], 40 * DAY),
                item(
                    "o2",
                    "Electricity prices rise",
                    "Energy costs up.",
                    &[],
                    DAY,
                ),
            ],
        );
        let ids: Vec<(String, ArticleId)> = store
            .query_articles(&Query::default(), now(), None, 0)
            .unwrap()
            .into_iter()
            .map(|a| {
                let guid = store.article(a.id).unwrap().guid;
                (guid, a.id)
            })
            .collect();
        let id = |g: &str| ids.iter().find(|(x, _)| x == g).unwrap().1;
        store
            .set_read_at(
                &[id("w2"), id("o1")],
                true,
                Utc.timestamp_opt(NOW, 0).single().unwrap(),
            )
            .unwrap();
        store.set_starred(id("e2"), true).unwrap();
        (store, ids)
    }

    #[test]
    fn a_whole_feed_url_names_that_feed_only() {
        let mut store = Store::open_in_memory().unwrap();
        store
            .sync_feeds(&[
                spec("https://x.example/feed", None, &[]),
                spec("https://x.example/feed2", None, &[]),
            ])
            .unwrap();
        let feeds = store.feeds().unwrap();
        for (f, guid) in feeds.iter().zip(["a", "b"]) {
            store_doc(
                &mut store,
                f.id,
                "X",
                vec![item(guid, "T", "text", &[], DAY)],
            );
        }
        let count = |q: &str| store.count_query(&parse(q).unwrap(), now()).unwrap();
        // The whole URL (as the feeds pane scopes the list): one feed.
        assert_eq!(count("feed:https://x.example/feed"), 1);
        assert_eq!(count("feed:https://x.example/FEED2"), 1);
        assert_eq!(count("url:https://x.example/feed"), 1);
        // Part of a URL matches every feed it is part of, with `url:` only.
        assert_eq!(count("url:x.example/feed"), 2);
        assert_eq!(count("url:X.EXAMPLE"), 2);
        assert_eq!(count("feed:x.example/feed"), 0);
    }

    /// Regression (issue 11, Deliver 5): `feed:time` listed New York Times stories because
    /// their feed's URL contains "nytimes". `feed:` matches titles, `url:` addresses.
    #[test]
    fn feed_matches_titles_and_url_matches_addresses() {
        let mut store = Store::open_in_memory().unwrap();
        store
            .sync_feeds(&[
                spec("https://rss.nytimes.com/world.xml", Some("NYT World"), &[]),
                spec("https://example.org/time.xml", Some("Time Out"), &[]),
            ])
            .unwrap();
        let feeds = store.feeds().unwrap();
        for (f, guid) in feeds.iter().zip(["a", "b"]) {
            store_doc(
                &mut store,
                f.id,
                "X",
                vec![item(guid, "T", "text", &[], DAY)],
            );
        }
        let count = |q: &str| store.count_query(&parse(q).unwrap(), now()).unwrap();
        assert_eq!(count("feed:time"), 1, "Time Out only");
        assert_eq!(count("feed:nyt"), 1);
        assert_eq!(count("url:nytimes"), 1);
        assert_eq!(count("url:time"), 2, "both addresses have it");
        assert_eq!(count("url:nytimes OR feed:time"), 2);
    }

    /// A count given up says so, and the connection counts again afterwards.
    #[test]
    fn a_count_is_given_up_when_asked_to() {
        let (mut store, _) = fixture();
        // Enough rows for the count to take more than one round of steps.
        let feed = store.feeds().unwrap()[0].id;
        let items = (0..500)
            .map(|i| item(&format!("n{i}"), "T", "text", &[], DAY))
            .collect();
        store_doc(&mut store, feed, "X", items);
        let q = parse("").unwrap();
        assert_eq!(store.count_query_unless(&q, now(), || true).unwrap(), None);
        assert_eq!(
            store.count_query_unless(&q, now(), || false).unwrap(),
            Some(506)
        );
        assert_eq!(store.count_query(&q, now()).unwrap(), 506);
        assert_eq!(store.query_articles(&q, now(), None, 0).unwrap().len(), 506);
    }

    /// GUIDs of the articles `query` lists, in order.
    fn run(store: &Store, ids: &[(String, ArticleId)], query: &str) -> Vec<String> {
        let q = parse(query).unwrap();
        let list = store.query_articles(&q, now(), None, 0).unwrap();
        let count = store.count_query(&q, now()).unwrap();
        assert_eq!(count, list.len() as u64, "count of {query:?}");
        let mut streamed = Vec::new();
        store
            .each_article(&q, now(), None, |a| {
                streamed.push(a.id);
                true
            })
            .unwrap();
        let listed: Vec<ArticleId> = list.iter().map(|a| a.id).collect();
        assert_eq!(streamed, listed, "streamed rows of {query:?}");
        list.iter()
            .map(|a| ids.iter().find(|(_, id)| *id == a.id).unwrap().0.clone())
            .collect()
    }

    /// SQLite's plan for the list of `query` read by `plan`.
    fn plan_of(store: &Store, query: &str, plan: Plan<'_>) -> String {
        let q = parse(query).unwrap();
        let sql = store.list_sql(&q, now(), &plan, false).unwrap();
        let mut stmt = store
            .conn
            .prepare(&format!("EXPLAIN QUERY PLAN {}", sql.text))
            .unwrap();
        stmt.query_map(params_from_iter(sql.params.iter()), |row| {
            row.get::<_, String>(3)
        })
        .unwrap()
        .collect::<Result<Vec<_>, _>>()
        .unwrap()
        .join("\n")
    }

    #[test]
    fn title_and_feed_sorts_read_an_index_not_a_sort_of_every_article() {
        let (store, _) = fixture();
        let all = store
            .query_articles(&Query::default(), now(), None, 0)
            .unwrap();
        let anchor = &all[1];
        for forward in [true, false] {
            for from in [None, Some(anchor)] {
                let plan = Plan {
                    forward,
                    from,
                    skip: 0,
                    limit: Some(500),
                };
                let title = plan_of(&store, "sort:title", plan);
                assert!(title.contains("articles_by_title"), "{title}");
                assert!(!title.contains("TEMP B-TREE"), "{title}");
                let feed = plan_of(&store, "sort:feed", plan);
                assert!(feed.contains("feeds_by_title"), "{feed}");
                // Only each feed's own articles are put in date order.
                assert!(!feed.contains("TEMP B-TREE FOR ORDER BY"), "{feed}");
            }
        }
    }

    #[test]
    fn streaming_stops_when_asked_and_keeps_the_limit() {
        let (store, _) = fixture();
        let q = Query::default();
        let all = store.query_articles(&q, now(), None, 0).unwrap();
        let mut seen = Vec::new();
        store
            .each_article(&q, now(), None, |a| {
                seen.push(a.id);
                seen.len() < 2
            })
            .unwrap();
        assert_eq!(seen, vec![all[0].id, all[1].id]);
        for query in ["", "e", "is:unread"] {
            let q = parse(query).unwrap();
            let page = store.query_articles(&q, now(), Some(3), 0).unwrap();
            let mut seen = Vec::new();
            store
                .each_article(&q, now(), Some(3), |a| {
                    seen.push(a.id);
                    true
                })
                .unwrap();
            let want: Vec<ArticleId> = page.iter().map(|a| a.id).collect();
            assert_eq!(seen, want, "{query:?}");
        }
    }

    #[test]
    fn every_operator_selects_what_it_says() {
        let (store, ids) = fixture();
        let cases: &[(&str, &[&str])] = &[
            ("", &["w1", "e2", "o2", "w2", "e1", "o1"]),
            ("vucic", &["w1"]),
            ("VUČIĆ", &["w1"]),
            ("marić", &["w1"]),
            ("elec", &[]),
            ("elec*", &["o2", "w2"]),
            ("\"prime minister\"", &["e1"]),
            ("prime minister", &["e2", "e1"]),
            ("weather or vucic", &["w1", "o1"]),
            ("-minister", &["w1", "o2", "w2", "o1"]),
            ("minister -trade", &["e1"]),
            ("minister -(trade or visited)", &["e1"]),
            ("is:unread", &["w1", "e2", "o2", "e1"]),
            ("is:read", &["w2", "o1"]),
            ("is:starred", &["e2"]),
            ("feed:world", &["w1", "w2"]),
            ("feed:EVROPA", &["e2", "e1"]),
            ("url:other.example", &["o2", "o1"]),
            ("feed:nowhere", &[]),
            ("tag:europe", &["e2", "e1"]),
            ("tag:POLITICS", &["e2", "e1"]),
            ("tag:eur", &[]),
            ("author:smith", &["w2"]),
            ("author:\"ana maric\"", &["w1"]),
            ("since:2d", &["w1", "e2", "o2"]),
            ("before:2d", &["w2", "e1", "o1"]),
            ("since:3h", &["w1", "e2"]),
            ("since:2w", &["w1", "e2", "o2", "w2", "e1"]),
            ("since:2026-11-07", &["w1", "e2", "o2", "w2"]),
            ("before:2026-11-07", &["e1", "o1"]),
            ("today", &["w1", "e2"]),
            ("-today", &["o2", "w2", "e1", "o1"]),
            ("sort:-date", &["o1", "e1", "w2", "o2", "e2", "w1"]),
            ("sort:title", &["w2", "o2", "e2", "e1", "w1", "o1"]),
            // NOCASE folds ASCII only: "Évropa desk" sorts after "World Desk".
            ("sort:feed is:unread", &["o2", "w1", "e2", "e1"]),
        ];
        for (query, want) in cases {
            assert_eq!(run(&store, &ids, query), *want, "query {query:?}");
        }
    }

    #[test]
    fn both_plans_give_the_same_list() {
        let (store, _) = fixture();
        for query in [
            "",
            "minister",
            "prime or weather -trade",
            "elec* is:unread",
            "sort:-date minister or sunny",
            "-vucic since:2w",
        ] {
            let q = parse(query).unwrap();
            let by_set = store
                .list_with(&q, now(), Plan::top(None, 0), false)
                .unwrap();
            let by_date = store
                .list_with(&q, now(), Plan::top(None, 0), true)
                .unwrap();
            assert_eq!(by_set, by_date, "query {query:?}");
            let page = store
                .list_with(&q, now(), Plan::top(Some(2), 1), true)
                .unwrap();
            assert_eq!(
                page,
                by_set.iter().skip(1).take(2).cloned().collect::<Vec<_>>()
            );
        }
    }

    /// Regression guard for the short-prefix scan: it must list exactly what the index lists,
    /// for every letter and some pairs (including ones the index does not fold, like `ł`), in both orders,
    /// beside other terms and with an offset.
    #[test]
    fn short_prefixes_scan_to_the_same_list_as_the_index() {
        let (mut store, _) = fixture();
        let feed = store.feeds().unwrap()[2].id;
        store_doc(
            &mut store,
            feed,
            "Other",
            vec![
                item(
                    "o3",
                    "Łódź łakomy",
                    "Šef ørsted ßtraße",
                    &["Æble"],
                    5 * HOUR,
                ),
                item("o4", "Ökonomie", "x-ray_vision 3d", &[], 6 * HOUR),
            ],
        );
        let mut checked_some = 0;
        let letters = "abcdefghijklmnopqrstuvwxyz0123456789łšøæßöŁŠ"
            .chars()
            .map(String::from);
        let pairs = [
            "mi", "pr", "tr", "el", "Pr", "PR", "ør", "łó", "Łó", "ša", "Še", "ök", "Ök", "3d",
            "vi", "ra", "xr", "zz", "ts", "min", "Pri", "ele", "łód", "3dx", "mini", "elec",
        ];
        let prefixes: Vec<String> = letters.chain(pairs.iter().map(|p| p.to_string())).collect();
        for letter in &prefixes {
            for rest in ["", "is:unread ", "minister ", "-trade ", "sort:-date "] {
                let text = format!("{rest}{letter}");
                let q = parse_with(&text, ParseOptions::typing()).unwrap();
                let exact = store
                    .list_with(&q, now(), Plan::top(None, 0), false)
                    .unwrap();
                for (limit, offset) in [(100, 0), (1, 1), (2, 0)] {
                    let (folded, without) = split_short_prefix(&q).unwrap();
                    let dense = store.dense(&without).unwrap();
                    let scanned = store
                        .list_checked(
                            &without,
                            &folded,
                            now(),
                            Plan::top(Some(limit), offset),
                            dense,
                        )
                        .unwrap();
                    let want: Vec<_> = exact
                        .iter()
                        .skip(offset as usize)
                        .take(limit as usize)
                        .cloned()
                        .collect();
                    let scanned = scanned.expect("a small cache is read to the end");
                    checked_some += usize::from(!scanned.is_empty());
                    assert_eq!(
                        scanned, want,
                        "query {text:?} limit {limit} offset {offset}"
                    );
                    let listed = store
                        .query_articles(&q, now(), Some(limit), offset)
                        .unwrap();
                    assert_eq!(listed, want, "query {text:?}");
                }
            }
        }
        assert!(checked_some > 50, "the scan found rows ({checked_some})");
        // A page's text is searched too (the index holds it).
        let o4 = store
            .query_articles(&parse("ökonomie").unwrap(), now(), None, 0)
            .unwrap()[0]
            .id;
        let page = crate::model::ArticlePage {
            url: "https://other.example/o4".into(),
            title: None,
            byline: None,
            published: None,
            lang: None,
            image: None,
            html: "<p>quixotic</p>".into(),
            text: "quixotic".into(),
        };
        store
            .record_page(o4, "https://other.example/o4", Ok(&page), Utc::now())
            .unwrap();
        for text in ["qu", "q"] {
            let q = parse_with(text, ParseOptions::typing()).unwrap();
            let (folded, without) = split_short_prefix(&q).unwrap();
            let scanned = store
                .list_checked(&without, &folded, now(), Plan::top(Some(10), 0), false)
                .unwrap()
                .unwrap();
            assert_eq!(
                scanned.iter().map(|a| a.id).collect::<Vec<_>>(),
                [o4],
                "{text}"
            );
        }
        // Longer prefixes and other shapes: left to the index.
        for text in ["abcde", "e*x", "(e or x)", "-e vucic", "a-"] {
            let q = parse_with(text, ParseOptions::typing()).unwrap();
            assert!(split_short_prefix(&q).is_none(), "{text:?}");
        }
    }

    #[test]
    fn initials_fold_as_the_index_does() {
        assert!(has_word_starting_with("the Šefčovič plan", &['s']));
        assert!(has_word_starting_with("(Évropa)", &['e']));
        assert!(has_word_starting_with("[\"Ana Marić\"]", &['m']));
        assert!(!has_word_starting_with("łódź", &['l']));
        assert!(has_word_starting_with("łódź", &['ł']));
        assert!(has_word_starting_with("x-ray", &['r']));
        assert!(has_word_starting_with("x_vision", &['v']));
        assert!(!has_word_starting_with("ax bx", &['x']));
        assert!(has_word_starting_with("the Šefčovič plan", &['s', 'e']));
        assert!(has_word_starting_with("ÉVROPA", &['e', 'v']));
        assert!(!has_word_starting_with("a v", &['a', 'v']));
        assert!(!has_word_starting_with("ba ab", &['a', 'a']));
        assert!(has_word_starting_with("ba aab", &['a', 'a']));
        assert!(has_word_starting_with("łódź", &['ł', 'o']));
        assert_eq!(fold_initial('Ö'), 'o');
        assert_eq!(fold_initial('Ø'), 'ø');
    }

    #[test]
    fn combinations_mix_text_and_metadata() {
        let (store, ids) = fixture();
        let cases: &[(&str, &[&str])] = &[
            ("is:unread (vucic or weather)", &["w1"]),
            ("(weather or election) -is:read", &[]),
            ("(weather or election) is:read sort:-date", &["o1", "w2"]),
            ("-vucic is:unread feed:world", &[]),
            ("tag:world or is:starred", &["w1", "e2", "w2"]),
            ("minister since:1d or sunny", &["e2", "o1"]),
            ("-(is:read or is:starred) -minister", &["w1", "o2"]),
            ("trade (prime or serbian) -visited", &["w1"]),
            ("\"'); DROP TABLE articles; --\" or x'", &[]),
        ];
        for (query, want) in cases {
            assert_eq!(run(&store, &ids, query), *want, "query {query:?}");
        }
        assert_eq!(run(&store, &ids, "").len(), 6, "the cache is intact");
    }

    /// The fixture, plus a fourth feed whose title equals the first's but for case, and a
    /// crowd of articles sharing publication times and titles that differ only in case: the
    /// ties every keyset condition must break exactly as `ORDER BY` does.
    fn crowded() -> (Store, Vec<(String, ArticleId)>) {
        let (mut store, _) = fixture();
        let mut feeds = fixture_feeds();
        feeds.push(spec(
            "https://lower.example/feed",
            Some("world desk"),
            &["world"],
        ));
        store.sync_feeds(&feeds).unwrap();
        let feeds = store.feeds().unwrap();
        let titles = ["alpha", "Alpha", "ALPHA", "beta", "Beta", "minister gamma"];
        let crowd = |base: usize| -> Vec<NewArticle> {
            (0..12)
                .map(|i| {
                    let n = base + i;
                    let text = if n.is_multiple_of(3) {
                        "The minister spoke in Paris."
                    } else {
                        "Sunny weather."
                    };
                    // Four articles per hour: equal times, told apart by id.
                    item(
                        &format!("c{n}"),
                        titles[n % titles.len()],
                        text,
                        &[],
                        (n as i64 / 4) * HOUR + 1_800,
                    )
                })
                .collect()
        };
        store_doc(&mut store, feeds[2].id, "Other", crowd(0));
        store_doc(&mut store, feeds[3].id, "world desk", crowd(12));
        let ids: Vec<(String, ArticleId)> = store
            .query_articles(&Query::default(), now(), None, 0)
            .unwrap()
            .into_iter()
            .map(|a| (store.article(a.id).unwrap().guid, a.id))
            .collect();
        let some: Vec<ArticleId> = ids
            .iter()
            .filter(|(g, _)| g.starts_with('c') && g.len() % 2 == 0)
            .map(|(_, id)| *id)
            .collect();
        store.set_read(&some, true).unwrap();
        let id = |g: &str| ids.iter().find(|(x, _)| x == g).unwrap().1;
        let t = Utc.timestamp_opt(NOW, 0).single().unwrap();
        for (guid, kind, name) in [
            ("w1", EntityKind::Person, "Aleksandar Vučić"),
            ("c3", EntityKind::Place, "Paris"),
            ("c9", EntityKind::Place, "Paris"),
            ("c15", EntityKind::Place, "Paris"),
            ("c6", EntityKind::Person, "Aleksandar Vučić"),
        ] {
            store
                .write_mentions(id(guid), "m1", &[mention(kind, name, "x", 0)], t)
                .unwrap();
        }
        (store, ids)
    }

    /// The filters the list is read with in the tests of windows: text (one index lookup,
    /// dense, a typed one-letter prefix), flags, feeds, tags, entities, every sort, and
    /// combinations like saved views.
    const WINDOW_QUERIES: &[&str] = &[
        "",
        "sort:-date",
        "sort:title",
        "sort:feed",
        "minister",
        "minister or sunny sort:-date",
        "alpha sort:title",
        "is:unread",
        "is:read sort:feed",
        "feed:world",
        "feed:world sort:title",
        "tag:world is:unread",
        "tag:europe or is:starred",
        "person:vucic",
        "place:paris or person:vucic sort:-date",
        "-minister since:2w",
        "w",
        "s is:unread",
        "m sort:-date",
        "min",
        "min is:unread",
        "sunny m",
        "weather -paris",
        "minister or sunny",
    ];

    /// A cache whose ids follow the dates (one article stored at a time, oldest first): 60
    /// articles an hour apart, every third about the minister, every fifth read.
    fn in_date_order() -> Store {
        let mut store = Store::open_in_memory().unwrap();
        store.sync_feeds(&fixture_feeds()).unwrap();
        let feeds = store.feeds().unwrap();
        for n in (0..60_i64).rev() {
            let text = if n % 3 == 0 {
                "The minister spoke in Paris."
            } else {
                "Sunny weather, mild winds."
            };
            let a = item(&format!("d{n}"), &format!("Day {n}"), text, &[], n * HOUR);
            store_doc(&mut store, feeds[(n % 3) as usize].id, "Feed", vec![a]);
        }
        let ids: Vec<ArticleId> = store
            .query_articles(&Query::default(), now(), None, 0)
            .unwrap()
            .iter()
            .step_by(5)
            .map(|a| a.id)
            .collect();
        store.set_read(&ids, true).unwrap();
        store
    }

    /// The full-text index read in id order: taken when the ids follow the dates (and then
    /// the same window as the date-order plans), refused when an article dated inside the
    /// window came later, and the list stays right either way.
    #[test]
    fn id_order_windows_are_exact_or_refused() {
        let mut store = in_date_order();
        let cases = [
            "minister",
            "sunny is:unread",
            "weather -paris",
            "sunny w",
            "min",
        ];
        let check = |store: &Store, expect_taken: bool| {
            for text in cases {
                let q = parse_with(text, ParseOptions::typing()).unwrap();
                let all = store.list_plan(&q, now(), Plan::top(None, 0)).unwrap();
                let (rest_q, prefix) = match split_short_prefix(&q) {
                    Some((prefix, rest)) => (rest, Some(prefix)),
                    None => (q.clone(), None),
                };
                let Some((fts, rest)) = split_text(&rest_q) else {
                    assert!(prefix.is_some(), "{text:?} is text");
                    continue;
                };
                for (skip, limit) in [(0_u64, 3_u64), (2, 4), (0, 100)] {
                    let want: Vec<_> = all
                        .iter()
                        .skip(skip as usize)
                        .take(limit as usize)
                        .cloned()
                        .collect();
                    let mut plans = vec![Plan {
                        forward: true,
                        from: None,
                        skip,
                        limit: Some(limit),
                    }];
                    if all.len() > 3 {
                        // After the row above the window (the keyset plan's start).
                        let want: Vec<_> = all.iter().skip(3).take(4).cloned().collect();
                        let plan = Plan {
                            forward: true,
                            from: Some(&all[2]),
                            skip: 0,
                            limit: Some(4),
                        };
                        let got = store
                            .list_by_id(&fts, &rest, prefix.as_deref(), now(), plan)
                            .unwrap();
                        match got {
                            ById::Rows(rows) => assert_eq!(rows, want, "{text:?} after a row"),
                            _ => assert!(!expect_taken, "{text:?} after a row: not taken"),
                        }
                        plans.clear();
                    }
                    for plan in plans {
                        let got = store
                            .list_by_id(&fts, &rest, prefix.as_deref(), now(), plan)
                            .unwrap();
                        match got {
                            ById::Rows(rows) => assert_eq!(rows, want, "{text:?} {skip} {limit}"),
                            _ => assert!(!expect_taken, "{text:?} {skip} {limit}: not taken"),
                        }
                    }
                    // And through the chooser, whatever it picks.
                    let plan = Plan::top(Some(limit as u32), skip as u32);
                    assert_eq!(store.list_plan(&q, now(), plan).unwrap(), want, "{text:?}");
                }
            }
        };
        check(&store, true);
        // An article about the minister dated 90 minutes ago, stored last (the largest
        // id): among the newest by date, the last by id.
        let feed = store.feeds().unwrap()[0].id;
        let late = item("late", "Late", "The minister spoke again.", &[], 90 * 60);
        store_doc(&mut store, feed, "Feed", vec![late]);
        check(&store, false);
        let q = parse("minister").unwrap();
        let plan = Plan::top(Some(3), 0);
        let rows = store.list_plan(&q, now(), plan).unwrap();
        assert_eq!(
            rows.iter().map(|a| a.title.as_str()).collect::<Vec<_>>(),
            ["Day 0", "Late", "Day 3"]
        );
        // Reading from the top with the late article's id first: proven (nothing outside
        // the ids read is dated in the window's range).
        let (fts, rest) = split_text(&q).unwrap();
        assert!(matches!(
            store.list_by_id(&fts, &rest, None, now(), plan).unwrap(),
            ById::Rows(ref r) if *r == rows
        ));
        // Older than the late article's date, the first ids read skip past it: the window
        // below `Day 0` must take it in, so reading by id is refused or right.
        let after = Plan {
            forward: true,
            from: Some(&rows[0]),
            skip: 0,
            limit: Some(2),
        };
        match store.list_by_id(&fts, &rest, None, now(), after).unwrap() {
            ById::Rows(r) => assert_eq!(r, rows[1..3].to_vec()),
            ById::Rare | ById::Unproven => {}
        }
    }

    /// Regression guard for keyset and backwards reading: every way of reading a window
    /// (from the top, from the bottom, after or before a row held) gives exactly that slice
    /// of the whole list, for every query, ties included.
    #[test]
    fn every_plan_reads_the_same_window_as_the_whole_list() {
        let (store, _) = crowded();
        let mut checked = 0;
        for text in WINDOW_QUERIES {
            let q = parse_with(text, ParseOptions::typing()).unwrap();
            let all = store.list_plan(&q, now(), Plan::top(None, 0)).unwrap();
            let n = all.len() as u64;
            assert_eq!(
                store.count_query(&q, now()).unwrap(),
                n,
                "count of {text:?}"
            );
            for offset in 0..n {
                for limit in [1_u64, 2, 5, 40] {
                    let end = (offset + limit).min(n);
                    let want = &all[offset as usize..end as usize];
                    let mut plans = vec![
                        Plan {
                            forward: true,
                            from: None,
                            skip: offset,
                            limit: Some(limit),
                        },
                        Plan {
                            forward: false,
                            from: None,
                            skip: n - end,
                            limit: Some(end - offset),
                        },
                    ];
                    for a in [0, offset.saturating_sub(3), offset.saturating_sub(1)] {
                        if a < offset {
                            plans.push(Plan {
                                forward: true,
                                from: Some(&all[a as usize]),
                                skip: offset - a - 1,
                                limit: Some(limit),
                            });
                        }
                    }
                    for a in [end, end + 2, n.saturating_sub(1)] {
                        if a >= end && a < n {
                            plans.push(Plan {
                                forward: false,
                                from: Some(&all[a as usize]),
                                skip: a - end,
                                limit: Some(end - offset),
                            });
                        }
                    }
                    for plan in plans {
                        let got = store.list_plan(&q, now(), plan).unwrap();
                        assert_eq!(
                            got, want,
                            "query {text:?} offset {offset} limit {limit} by {plan:?}"
                        );
                        checked += 1;
                    }
                }
            }
        }
        assert!(checked > 2_000, "{checked} windows checked");
    }

    /// `next_unread` finds, from every row of every list, the unread row the whole list has
    /// next (or last before it), and its index, ties included.
    #[test]
    fn next_unread_is_the_next_unread_row_of_the_whole_list() {
        let (store, _) = crowded();
        let mut found = 0;
        for text in WINDOW_QUERIES {
            let q = parse_with(text, ParseOptions::typing()).unwrap();
            let all = store.list_plan(&q, now(), Plan::top(None, 0)).unwrap();
            for (i, row) in all.iter().enumerate() {
                for forward in [true, false] {
                    let want = if forward {
                        (i + 1..all.len()).find(|j| !all[*j].read)
                    } else {
                        (0..i).rev().find(|j| !all[*j].read)
                    }
                    .map(|j| (j as u64, all[j].clone()));
                    found += usize::from(want.is_some());
                    let got = store.next_unread(&q, now(), row, forward).unwrap();
                    assert_eq!(got, want, "{text:?} from row {i}, forward {forward}");
                }
            }
        }
        assert!(found > 100, "{found} found");
    }

    /// `query_window` picks a plan from the total and the rows held, and whichever it picks,
    /// the window is the slice `LIMIT`/`OFFSET` gives.
    #[test]
    fn query_window_matches_limit_offset() {
        let (store, _) = crowded();
        for text in WINDOW_QUERIES {
            let q = parse_with(text, ParseOptions::typing()).unwrap();
            let all = store.query_articles(&q, now(), None, 0).unwrap();
            let n = all.len() as u64;
            let held: Vec<(u64, ArticleSummary)> = [n / 3, n / 2, n.saturating_sub(2)]
                .into_iter()
                .filter(|i| *i < n)
                .map(|i| (i, all[i as usize].clone()))
                .collect();
            for offset in 0..=n {
                for (total, anchors) in [(None, &held[..0]), (Some(n), &held[..])] {
                    let seek = Seek {
                        offset,
                        limit: 3,
                        total,
                        anchors,
                    };
                    let got = store.query_window(&q, now(), seek).unwrap();
                    let want = store
                        .query_articles(&q, now(), Some(3), offset as u32)
                        .unwrap();
                    assert_eq!(got, want, "query {text:?} offset {offset} {total:?}");
                }
            }
        }
    }

    fn summary(id: i64) -> ArticleSummary {
        ArticleSummary {
            id: ArticleId(id),
            feed_id: FeedId(1),
            feed_title: "F".into(),
            title: "T".into(),
            link: None,
            authors: Vec::new(),
            published: Utc.timestamp_opt(NOW, 0).single().unwrap(),
            read: false,
            starred: false,
        }
    }

    #[test]
    fn the_plan_starts_from_the_nearest_known_row() {
        let held = [(1_000, summary(1)), (1_499, summary(2))];
        let seek = |offset, total, anchors| Seek {
            offset,
            limit: 500,
            total,
            anchors,
        };
        let plan = |forward, from, skip, limit| {
            Some(Plan {
                forward,
                from,
                skip,
                limit: Some(limit),
            })
        };
        // Near the top: OFFSET, whatever else is known.
        assert_eq!(
            seek(10, Some(100_000), &held[..]).plan(),
            plan(true, None, 10, 500)
        );
        // The bottom: backwards from the end, nothing passed over.
        assert_eq!(
            seek(99_500, Some(100_000), &[]).plan(),
            plan(false, None, 0, 500)
        );
        assert_eq!(
            seek(99_800, Some(100_000), &[]).plan(),
            plan(false, None, 0, 200)
        );
        // Just after the rows held: on from the last of them.
        assert_eq!(
            seek(1_600, Some(100_000), &held).plan(),
            plan(true, Some(&held[1].1), 100, 500)
        );
        // Overlapping them from above: backwards from the one below the window's end.
        assert_eq!(
            seek(900, Some(100_000), &held).plan(),
            plan(false, Some(&held[1].1), 99, 500)
        );
        // Unknown total: never from the end.
        assert_eq!(
            seek(99_500, None, &[]).plan(),
            plan(true, None, 99_500, 500)
        );
        // Past the end of a counted list: nothing to read.
        assert_eq!(seek(100_000, Some(100_000), &[]).plan(), None);
    }

    #[test]
    fn limit_offset_and_the_typed_prefix() {
        let (store, _) = fixture();
        let q = parse("").unwrap();
        let page = store.query_articles(&q, now(), Some(2), 1).unwrap();
        let all = store.query_articles(&q, now(), None, 0).unwrap();
        assert_eq!(page, all[1..3].to_vec());
        let typing = parse_with("is:unread elect", ParseOptions::typing()).unwrap();
        let list = store.query_articles(&typing, now(), None, 0).unwrap();
        assert_eq!(list.len(), 1);
        assert_eq!(list[0].title, "Electricity prices rise");
        let done = parse("is:unread elect").unwrap();
        assert!(
            store
                .query_articles(&done, now(), None, 0)
                .unwrap()
                .is_empty()
        );
    }

    #[test]
    fn mark_query_read_marks_only_the_selection() {
        let (mut store, ids) = fixture();
        let changed = store
            .mark_query_read(&parse("minister").unwrap(), now(), true)
            .unwrap();
        assert_eq!(changed, 2);
        assert_eq!(run(&store, &ids, "is:unread"), ["w1", "o2"]);
        let changed = store
            .mark_query_read(&parse("feed:world").unwrap(), now(), false)
            .unwrap();
        assert_eq!(changed, 1);
        assert_eq!(run(&store, &ids, "is:unread"), ["w1", "o2", "w2"]);
    }

    fn fts_integrity(store: &Store) {
        store
            .conn
            .execute(
                "INSERT INTO articles_fts (articles_fts, rank) VALUES ('integrity-check', 1)",
                [],
            )
            .unwrap();
    }

    #[test]
    fn the_index_follows_updates_and_pruning() {
        let (mut store, ids) = fixture();
        fts_integrity(&store);
        // An update replaces the indexed words.
        let feed = store.feeds().unwrap()[0].id;
        let mut items = world_items();
        items[0].title = "Orbán meets leaders in Budapest".into();
        store_doc(&mut store, feed, "World Desk", items);
        assert_eq!(run(&store, &ids, "vucic"), Vec::<String>::new());
        assert_eq!(run(&store, &ids, "orban budapest"), ["w1"]);
        fts_integrity(&store);
        // Pruning (read, first seen and read more than 5 days before: w2 and o1) removes
        // them from the index.
        assert_eq!(run(&store, &ids, "sunny"), ["o1"]);
        let pruned = store
            .prune(5, Utc.timestamp_opt(NOW + 6 * DAY, 0).single().unwrap())
            .unwrap();
        assert_eq!(pruned, 2);
        assert_eq!(run(&store, &ids, "sunny"), Vec::<String>::new());
        let hits: i64 = store
            .conn
            .query_row(
                "SELECT count(*) FROM articles_fts WHERE articles_fts MATCH 'sunny'",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(hits, 0);
        fts_integrity(&store);
        // Reading state changes do not touch the index.
        store.set_read(&[ids[0].1], true).unwrap();
        fts_integrity(&store);
    }

    #[test]
    fn entity_filters_match_names_and_aliases_ignoring_case_and_accents() {
        let (mut store, ids) = fixture();
        let id = |g: &str| ids.iter().find(|(x, _)| x == g).unwrap().1;
        let t = Utc.timestamp_opt(NOW, 0).single().unwrap();
        store
            .write_mentions(
                id("w1"),
                "m1",
                &[
                    mention(EntityKind::Person, "Aleksandar Vučić", "Vučić", 0),
                    mention(EntityKind::Place, "Belgrade", "Belgrade", 23),
                ],
                t,
            )
            .unwrap();
        store
            .write_mentions(
                id("o1"),
                "m1",
                &[mention(EntityKind::Place, "Paris", "Paris", 9)],
                t,
            )
            .unwrap();
        store
            .write_mentions(
                id("e1"),
                "m1",
                &[mention(EntityKind::Person, "ALEKSANDAR VUCIC", "Vucic", 4)],
                t,
            )
            .unwrap();
        let cases: &[(&str, &[&str])] = &[
            ("person:vucic", &["w1", "e1"]),
            ("person:\"aleksandar vučić\"", &["w1", "e1"]),
            ("person:VUČIĆ is:unread -feed:world", &["e1"]),
            ("place:paris", &["o1"]),
            ("place:PARÍS or place:belgrade", &["w1", "o1"]),
            ("org:paris", &[]),
            ("person:paris", &[]),
            ("person:aleksandar", &[]),
        ];
        for (query, want) in cases {
            assert_eq!(run(&store, &ids, query), *want, "query {query:?}");
        }
    }
}
