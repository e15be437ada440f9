//! Parsing a feed document (RSS 0.9x/1.0/2.0, Atom 0.3/1.0, JSON Feed 1.0/1.1) with feed-rs
//! and normalising it into [`ParsedFeed`]: stable ids, absolute links, dates, sanitised text
//! and a plain-text rendering of every body.
//!
//! This is the one place where feed-rs's model meets ours, so every rule about what an
//! article looks like once parsed lives here: which link is "the" link, what the stable id is
//! when a feed gives none, how big a body may be. It does no I/O and knows nothing of the
//! store.

use chrono::{DateTime, Utc};
use feed_rs::model::{Content, Entry, Feed, FeedType, Link, Person, Text};
use sha2::{Digest, Sha256};
use url::Url;

use crate::extract::html::html_to_text;
use crate::model::{Enclosure, NewArticle, ParsedFeed};
use crate::sanitize::{sanitize_line, sanitize_text};

mod clock;
mod doctype;
mod mend;
mod prep;

use mend::{
    false_utf16_declaration, json_tags_as_lists, legacy_rewrite, repair_utf8, truncated_document,
};

/// At most this many articles are kept from one document (the first ones, in feed order).
pub const MAX_ARTICLES: usize = 5_000;
/// Titles (feed and article) are cut to this many characters.
pub const MAX_TITLE_CHARS: usize = 1_000;
/// `summary_html` and `content_html` are each cut to this many bytes, on a char boundary.
pub const MAX_BODY_BYTES: usize = 1024 * 1024;
/// An article without a title is labelled with at most this many words of its text.
const DERIVED_TITLE_WORDS: usize = 12;
/// Title of an article that has neither a title nor any text.
const UNTITLED: &str = "(untitled)";

/// The byte cap [`parse_feed`] applies to a document once its DOCTYPE entities are
/// expanded: the default of the `max_feed_mb` setting. The refresh uses the setting itself
/// ([`parse_feed_within`]).
pub const DEFAULT_MAX_EXPANDED_BYTES: usize = 10 * 1024 * 1024;

/// Why a document is not a feed.
#[derive(Debug, thiserror::Error)]
pub enum ParseError {
    #[error("not a feed: {0}")]
    NotAFeed(String),
    /// Its internal DOCTYPE entities would make it larger than the feed size cap (the
    /// "entity expansion" attack), or are used more often than anything legitimate needs.
    #[error("refused: the feed's DOCTYPE entities {0}")]
    EntityExpansion(String),
}

/// Parses `body` fetched from `base_url`; `now` stands in for missing dates only where the
/// model needs one.
///
/// `base_url` resolves relative links (after any `xml:base`); when it is not an absolute URL
/// (a local path) relative links that nothing else resolves are dropped. The model keeps a
/// missing publication date as `None` (the store substitutes first-seen), so `now` is not
/// consulted today.
///
/// Per article: the stable id is the GUID/id when present, else the absolute link, else the
/// hex SHA-256 of title and publication date; the link is the alternate (HTML) one, absolute
/// and `http(s)` only; `published` falls back to `updated`; bodies are sanitised and capped at
/// [`MAX_BODY_BYTES`]; `text` renders the content, else the summary. Plain-text bodies are
/// stored HTML-escaped and never parsed as HTML. At most [`MAX_ARTICLES`] articles are kept.
///
/// A document that declares internal DOCTYPE entities has them expanded only while the
/// result stays within [`DEFAULT_MAX_EXPANDED_BYTES`] (or its own length, when larger);
/// otherwise it is refused with [`ParseError::EntityExpansion`].
pub fn parse_feed(
    body: &[u8],
    base_url: &str,
    now: DateTime<Utc>,
) -> Result<ParsedFeed, ParseError> {
    parse_feed_within(body, base_url, now, DEFAULT_MAX_EXPANDED_BYTES as u64)
}

/// [`parse_feed`] with the feed's byte cap (the fetcher's `max_bytes`): expanding the
/// document's DOCTYPE entities may not take it past `max_bytes`, nor past its own length
/// when that is larger (a local file is read whole).
pub fn parse_feed_within(
    body: &[u8],
    base_url: &str,
    now: DateTime<Utc>,
    max_bytes: u64,
) -> Result<ParsedFeed, ParseError> {
    let _ = now;
    let base = Url::parse(base_url).ok();
    let parser = feed_rs::parser::Builder::new()
        .base_uri(base.as_ref().map(Url::as_str))
        // An empty id tells us afterwards that the feed had none; we then derive our own,
        // which needs the date feed-rs's generator is not given.
        .id_generator(|_links, _title, _uri| String::new())
        .build();
    let body = false_utf16_declaration(body);
    let body = repair_utf8(&body);
    let max_expanded = usize::try_from(max_bytes)
        .unwrap_or(usize::MAX)
        .max(body.len());
    let expanded =
        doctype::expand_doctype_entities(&body, max_expanded).map_err(|refused| match refused {
            doctype::ExpansionRefused::TooLarge(cap) => ParseError::EntityExpansion(format!(
                "would expand it past the feed size cap ({:.1} MiB)",
                cap as f64 / (1024.0 * 1024.0)
            )),
            doctype::ExpansionRefused::TooMany => ParseError::EntityExpansion(format!(
                "are used more than {} times",
                doctype::MAX_ENTITY_EXPANSIONS
            )),
        })?;
    let body = expanded.as_deref().unwrap_or(&body);
    let result = match parse_document(&parser, body) {
        Ok(feed) => Ok(feed),
        // Broken markup feedparser tolerates (a bare `&`, a truncated closing tag) gets one
        // repaired try; well-formed documents never pay for it.
        // So do a JSON Feed with string tags and a document cut off part-way: each repair is
        // tried in turn until one parses.
        Err(e) => {
            let repairs: [Repair; 3] =
                [prep::repair_markup, json_tags_as_lists, truncated_document];
            repairs
                .iter()
                .filter_map(|repair| repair(body))
                .find_map(|fixed| parse_document(&parser, &fixed).ok())
                .ok_or(e)
        }
    };
    let feed = result.map_err(|e| ParseError::NotAFeed(e.to_string()))?;
    Ok(convert(feed, base.as_ref()))
}

/// A mended copy of a document that did not parse, or `None` when the mend does not apply.
type Repair = fn(&[u8]) -> Option<Vec<u8>>;

/// Parses one document: first with the [`prep`] fallbacks applied when a cheap scan says
/// they may matter, then, when feed-rs found nothing, rewritten from a legacy dialect.
fn parse_document(
    parser: &feed_rs::parser::Parser,
    body: &[u8],
) -> Result<Feed, feed_rs::parser::ParseFeedError> {
    let prepared = if prep::worth_rewriting(body) {
        prep::rewrite(body)
    } else {
        None
    };
    let doc = prepared.as_deref().unwrap_or(body);
    let mut first = parser.parse(doc);
    if first.is_err() && prepared.is_some() {
        // The rewrite must never cost a feed that parsed as it was.
        first = parser.parse(body);
    }
    // feed-rs does not know the legacy dialects (RSS without a version or 0.93/0.94, Atom
    // 0.3, RSS 0.90). Those get one more try, rewritten into what it does know; a feed that
    // parsed with content is never retried.
    let needs_retry = match &first {
        Ok(feed) => feed.entries.is_empty() && feed.title.is_none(),
        Err(_) => true,
    };
    if !needs_retry {
        return first;
    }
    match legacy_rewrite(doc) {
        Some(rewritten) => match parser.parse(rewritten.as_slice()) {
            Ok(feed) => Ok(feed),
            Err(_) => first,
        },
        None => first,
    }
}

/// Turns feed-rs's model into ours.
fn convert(mut feed: Feed, base: Option<&Url>) -> ParsedFeed {
    let is_rss = matches!(
        feed.feed_type,
        FeedType::RSS0 | FeedType::RSS1 | FeedType::RSS2
    );
    let title = feed
        .title
        .as_ref()
        .map(text_to_line)
        .filter(|t| !t.is_empty());
    let site_link = pick_link(&feed.links, base);
    feed.entries.truncate(MAX_ARTICLES);
    let articles = feed
        .entries
        .into_iter()
        .map(|entry| convert_entry(entry, base, is_rss))
        .collect();
    ParsedFeed {
        title,
        site_link,
        articles,
    }
}

fn convert_entry(entry: Entry, base: Option<&Url>, is_rss: bool) -> NewArticle {
    let summary = entry.summary.as_ref().and_then(text_body);
    let content = entry.content.as_ref().and_then(content_body);

    let text = content
        .as_ref()
        .or(summary.as_ref())
        .map(|b| b.to_text())
        .unwrap_or_default();

    let feed_title = entry
        .title
        .as_ref()
        .map(text_to_line)
        .filter(|t| !t.is_empty());
    let title = feed_title.clone().unwrap_or_else(|| derive_title(&text));

    let mut link = pick_link(&entry.links, base);
    let raw_id = entry.id.trim();
    // RSS readers traditionally treat a GUID that is a web address as the permalink.
    if link.is_none() && is_rss {
        link = absolute_http(raw_id, base);
    }

    let published = entry.published.or(entry.updated);
    let guid = if !raw_id.is_empty() {
        sanitize_text(raw_id)
    } else if let Some(link) = &link {
        link.clone()
    } else {
        hashed_id(feed_title.as_deref().unwrap_or(""), published, &text)
    };

    NewArticle {
        guid,
        title,
        link,
        authors: authors(&entry.authors),
        published,
        updated: entry.updated,
        summary_html: summary.map(Body::into_html),
        content_html: content.map(Body::into_html),
        text,
        enclosures: enclosures(&entry, base),
        categories: categories(&entry),
    }
}

/// A body as the feed typed it: HTML (or XHTML) to be rendered, or text to be shown as is.
enum Body {
    Html(String),
    Plain(String),
}

impl Body {
    fn new(raw: &str, html: bool) -> Option<Body> {
        if raw.trim().is_empty() {
            return None;
        }
        let clean = cap_bytes(sanitize_text(raw), MAX_BODY_BYTES);
        Some(if html {
            Body::Html(clean)
        } else {
            Body::Plain(clean)
        })
    }

    fn to_text(&self) -> String {
        match self {
            Body::Html(html) => html_to_text(html),
            Body::Plain(text) => text.trim().to_string(),
        }
    }

    /// The body as HTML: plain text is escaped so that nothing in it is taken for markup.
    fn into_html(self) -> String {
        match self {
            Body::Html(html) => html,
            Body::Plain(text) => cap_bytes(escape_html(&text), MAX_BODY_BYTES),
        }
    }
}

fn text_body(text: &Text) -> Option<Body> {
    Body::new(&text.content, is_html_type(text.content_type.as_str()))
}

fn content_body(content: &Content) -> Option<Body> {
    let mime = content.content_type.as_str();
    let html = is_html_type(mime);
    // Other media types (base64 images, binary documents) are not text we can show.
    if !html && !mime.starts_with("text/") {
        return None;
    }
    content.body.as_deref().and_then(|b| Body::new(b, html))
}

/// True for the media types whose bodies are markup: HTML, XHTML and inline XML.
fn is_html_type(mime: &str) -> bool {
    let essence = mime
        .split(';')
        .next()
        .unwrap_or("")
        .trim()
        .to_ascii_lowercase();
    essence == "text/html" || essence.ends_with("/xml") || essence.ends_with("+xml")
}

/// One-line rendering of a title-like text construct, capped at [`MAX_TITLE_CHARS`].
fn text_to_line(text: &Text) -> String {
    let line = if is_html_type(text.content_type.as_str()) {
        sanitize_line(&html_to_text(&text.content))
    } else {
        plain_line(&text.content)
    };
    cap_chars(line, MAX_TITLE_CHARS)
}

/// A one-line plain-text field: sanitised, with leftover HTML named entities decoded.
fn plain_line(raw: &str) -> String {
    sanitize_line(&decode_html_entities(raw))
}

/// XML knows only five named entities; feeds use HTML's (`&eacute;`) anyway and the XML
/// reader leaves those as written. Decodes every HTML named entity except the XML five (a
/// literal `&lt;` still in the text was written as `&amp;lt;` and means those characters).
fn decode_html_entities(raw: &str) -> std::borrow::Cow<'_, str> {
    if !raw.contains('&') {
        return raw.into();
    }
    let mut out = String::with_capacity(raw.len());
    let mut rest = raw;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        let tail = &rest[amp..];
        let name_len = tail[1..]
            .bytes()
            .take_while(u8::is_ascii_alphanumeric)
            .take(32)
            .count();
        let name = &tail[1..1 + name_len];
        let is_xml = matches!(name, "lt" | "gt" | "amp" | "quot" | "apos");
        if name_len > 0 && !is_xml && tail.as_bytes().get(1 + name_len) == Some(&b';') {
            let entity = &tail[..name_len + 2];
            let decoded = html_to_text(entity);
            if decoded != entity {
                // Entities that render as nothing are the spaces (&nbsp; &emsp; ...).
                out.push_str(if decoded.is_empty() { " " } else { &decoded });
                rest = &tail[entity.len()..];
                continue;
            }
        }
        out.push('&');
        rest = &tail[1..];
    }
    out.push_str(rest);
    out.into()
}

/// A title for an article that has none: the first words of its text, else "(untitled)".
fn derive_title(text: &str) -> String {
    let mut words = text.split_whitespace();
    let head: Vec<&str> = words.by_ref().take(DERIVED_TITLE_WORDS).collect();
    if head.is_empty() {
        return UNTITLED.to_string();
    }
    let mut title = sanitize_line(&head.join(" "));
    if words.next().is_some() {
        title.push('…');
    }
    cap_chars(title, MAX_TITLE_CHARS)
}

/// The link a reader should open: the first `alternate` (or untyped) link that resolves to
/// an absolute http(s) URL, preferring HTML over other media types; else any such link that
/// is not the feed's own (`self`), a reply thread or an enclosure.
fn pick_link(links: &[Link], base: Option<&Url>) -> Option<String> {
    let is_alternate = |l: &&Link| {
        l.rel
            .as_deref()
            .is_none_or(|r| r.eq_ignore_ascii_case("alternate"))
    };
    let is_htmlish = |l: &&Link| {
        l.media_type
            .as_deref()
            .is_none_or(|m| is_html_type(m) || m.trim().is_empty())
    };
    let is_other = |l: &&Link| {
        !l.rel.as_deref().is_some_and(|r| {
            [
                "self",
                "replies",
                "enclosure",
                "edit",
                "hub",
                "next",
                "previous",
                "first",
                "last",
            ]
            .iter()
            .any(|x| r.eq_ignore_ascii_case(x))
        })
    };
    links
        .iter()
        .filter(is_alternate)
        .filter(is_htmlish)
        .chain(links.iter().filter(is_alternate))
        .chain(links.iter().filter(is_other))
        .find_map(|l| absolute_http(&l.href, base))
}

/// `href` resolved against `base` when relative; `None` unless the result is http(s).
fn absolute_http(href: &str, base: Option<&Url>) -> Option<String> {
    let href = href.trim();
    if href.is_empty() {
        return None;
    }
    let url = match Url::parse(href) {
        Ok(url) => url,
        Err(url::ParseError::RelativeUrlWithoutBase) => base?.join(href).ok()?,
        Err(_) => return None,
    };
    matches!(url.scheme(), "http" | "https").then(|| sanitize_line(url.as_str()))
}

/// Display names of the authors: the name, else the e-mail address; deduplicated.
fn authors(people: &[Person]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for person in people {
        let name = person_name(person);
        if !name.is_empty() && !out.contains(&name) {
            out.push(cap_chars(name, MAX_TITLE_CHARS));
        }
    }
    out
}

fn person_name(person: &Person) -> String {
    let email = person
        .email
        .as_deref()
        .map(sanitize_line)
        .unwrap_or_default();
    // feed-rs reports an RSS <author> as a person named "author" whose e-mail field holds
    // the element's text, conventionally "address (Name)", and an Atom author without a
    // name as "unknown".
    let placeholder = person.name == "author" || person.name == "unknown";
    let name = if placeholder && !email.is_empty() {
        String::new()
    } else {
        plain_line(&person.name)
    };
    if !name.is_empty() {
        // "Name (address)" as a name (dc:creator) keeps the name.
        return if name.contains('@') {
            name_from_contact(&name)
        } else {
            name
        };
    }
    name_from_contact(&email)
}

/// "me@example.com (Jane Doe)" and "Jane Doe <me@example.com>" give "Jane Doe"; anything
/// else is returned as is.
fn name_from_contact(contact: &str) -> String {
    if let (Some(open), true) = (contact.find('('), contact.ends_with(')')) {
        let inner = contact[open + 1..contact.len() - 1].trim();
        let outer = contact[..open].trim();
        // "Name (address)" names the person outside the parentheses.
        if inner.contains('@') && !outer.is_empty() && !outer.contains('@') {
            return outer.to_string();
        }
        if !inner.is_empty() {
            return inner.to_string();
        }
    }
    if let (Some(open), true) = (contact.find('<'), contact.ends_with('>')) {
        let before = contact[..open].trim().trim_matches('"').trim();
        if !before.is_empty() {
            return before.to_string();
        }
    }
    contact.to_string()
}

/// Enclosures from RSS `<enclosure>`, Media RSS content and Atom `rel="enclosure"` links,
/// deduplicated by URL; only http(s) URLs are kept.
fn enclosures(entry: &Entry, base: Option<&Url>) -> Vec<Enclosure> {
    let mut out: Vec<Enclosure> = Vec::new();
    let mut push = |url: Option<String>,
                    mime: Option<String>,
                    length: Option<u64>,
                    duration: Option<std::time::Duration>| {
        if let Some(url) = url
            && !out.iter().any(|e| e.url == url)
        {
            let mime = mime.map(|m| sanitize_line(&m)).filter(|m| !m.is_empty());
            out.push(Enclosure {
                url,
                mime,
                length,
                duration_secs: duration.map(|d| d.as_secs()).filter(|&s| s > 0),
            });
        }
    };
    for media in &entry.media {
        for content in &media.content {
            let url = content
                .url
                .as_ref()
                .and_then(|u| absolute_http(u.as_str(), base));
            // `itunes:duration` lands on the media object, `media:content duration` on the
            // content.
            push(
                url,
                content.content_type.as_ref().map(|m| m.to_string()),
                content.size,
                content.duration.or(media.duration),
            );
        }
    }
    for link in &entry.links {
        if link
            .rel
            .as_deref()
            .is_some_and(|r| r.eq_ignore_ascii_case("enclosure"))
        {
            push(
                absolute_http(&link.href, base),
                link.media_type.clone(),
                link.length,
                None,
            );
        }
    }
    out
}

/// Category terms (else labels), one-line, deduplicated, empty ones dropped.
fn categories(entry: &Entry) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for category in &entry.categories {
        let term = Some(plain_line(&category.term)).filter(|t| !t.is_empty());
        let name = term.unwrap_or_else(|| {
            category
                .label
                .as_deref()
                .map(sanitize_line)
                .unwrap_or_default()
        });
        if !name.is_empty() && !out.contains(&name) {
            out.push(cap_chars(name, MAX_TITLE_CHARS));
        }
    }
    out
}

/// Hex SHA-256 of the title and the publication date: the identity of an article that has
/// neither id nor link. When both are missing the text joins in, so that distinct untitled,
/// undated items do not all collapse into one.
fn hashed_id(title: &str, published: Option<DateTime<Utc>>, text: &str) -> String {
    let mut hasher = Sha256::new();
    hasher.update(title.as_bytes());
    hasher.update([0u8]);
    if let Some(date) = published {
        hasher.update(date.to_rfc3339().as_bytes());
    }
    if title.is_empty() && published.is_none() {
        hasher.update([0u8]);
        hasher.update(text.as_bytes());
    }
    hasher
        .finalize()
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// Escapes the characters that HTML would read as markup.
fn escape_html(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 8);
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            c => out.push(c),
        }
    }
    out
}

/// `s` cut to at most `max` bytes, on a char boundary.
fn cap_bytes(mut s: String, max: usize) -> String {
    if s.len() > max {
        let mut end = max;
        while !s.is_char_boundary(end) {
            end -= 1;
        }
        s.truncate(end);
    }
    s
}

/// `s` cut to at most `max` characters.
fn cap_chars(s: String, max: usize) -> String {
    match s.char_indices().nth(max) {
        Some((end, _)) => s[..end].to_string(),
        None => s,
    }
}

#[cfg(test)]
mod tests {
    use super::mend::{declare_rss_2, root_start};
    use super::*;

    fn now() -> DateTime<Utc> {
        DateTime::parse_from_rfc3339("2024-05-01T12:00:00Z")
            .map(|d| d.with_timezone(&Utc))
            .unwrap()
    }

    #[test]
    fn a_false_utf16_declaration_is_read_as_utf8() {
        let xml = "<?xml version=\"1.0\" encoding=\"utf-16\"?>
<rss version=\"2.0\"><channel><title>T</title>
<item><title>Caf\u{e9} opens</title><guid>1</guid></item></channel></rss>";
        let feed = parse_feed(xml.as_bytes(), "https://example.org/", now()).unwrap();
        assert_eq!(feed.articles.len(), 1);
        assert_eq!(feed.articles[0].title, "Caf\u{e9} opens");
        // A real UTF-16 document (with its byte-order mark) is left to the XML reader.
        let mut utf16 = vec![0xFF, 0xFE];
        utf16.extend(xml.encode_utf16().flat_map(u16::to_le_bytes));
        assert!(matches!(
            false_utf16_declaration(&utf16),
            std::borrow::Cow::Borrowed(_)
        ));
        let utf8 = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><rss/>".as_bytes();
        assert!(matches!(
            false_utf16_declaration(utf8),
            std::borrow::Cow::Borrowed(_)
        ));
    }

    #[test]
    fn json_feed_tags_given_as_a_string_become_a_list() {
        let json = r#"{"version":"https://jsonfeed.org/version/1","title":"T","items":[
            {"id":"1","title":"A","content_text":"x","tags":"workflow, omnifocus"},
            {"id":"2","title":"B","content_text":"y","tags":""}]}"#;
        let feed = parse_feed(json.as_bytes(), "https://example.org/", now()).unwrap();
        assert_eq!(feed.articles.len(), 2);
        assert_eq!(feed.articles[0].categories, ["workflow", "omnifocus"]);
        assert!(feed.articles[1].categories.is_empty());
        assert_eq!(json_tags_as_lists(b"<rss/>"), None);
    }

    #[test]
    fn a_truncated_document_keeps_its_complete_items() {
        let xml = "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>T</title>
<item><title>One</title><guid>1</guid></item>
<item><title>Two</title><guid>2</guid><description><![CDATA[<p>cut off he";
        let feed = parse_feed(xml.as_bytes(), "https://example.org/", now()).unwrap();
        let titles: Vec<&str> = feed.articles.iter().map(|a| a.title.as_str()).collect();
        assert_eq!(titles, ["One"]);
        // Nothing complete: still an error, not an empty feed.
        let none = "<rss version=\"2.0\"><channel><title>T</title><item><title>On";
        assert!(parse_feed(none.as_bytes(), "https://example.org/", now()).is_err());
        // Markup broken before the cut is not mended by closing it.
        assert_eq!(
            truncated_document(b"<rss><channel><item></chan></item>"),
            None
        );
    }

    fn parse(xml: &str, base: &str) -> ParsedFeed {
        parse_feed(xml.as_bytes(), base, now()).unwrap()
    }

    #[test]
    fn rss2_item_fields() {
        let feed = parse(
            r#"<?xml version="1.0"?>
<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:itunes="http://www.itunes.com/dtds/podcast-1.0.dtd">
<channel><title>  My   blog </title><link>/home</link>
<item>
  <title>Hello &amp; welcome</title>
  <link>posts/1.html</link>
  <guid isPermaLink="false">tag:example,2024:1</guid>
  <author>jane@example.com (Jane Doe)</author>
  <dc:creator>Jane Doe</dc:creator>
  <pubDate>Tue, 30 Apr 2024 08:00:00 +0200</pubDate>
  <description>&lt;p&gt;Short &lt;b&gt;summary&lt;/b&gt;&lt;/p&gt;</description>
  <content:encoded><![CDATA[<p>Full text.</p><p>Second para.</p>]]></content:encoded>
  <enclosure url="/audio/1.mp3" length="1234" type="audio/mpeg"/>
  <itunes:duration>1:02:03</itunes:duration>
  <category>News</category><category>News</category><category>World</category>
</item></channel></rss>"#,
            "https://example.com/feed/rss.xml",
        );
        assert_eq!(feed.title.as_deref(), Some("My blog"));
        assert_eq!(feed.site_link.as_deref(), Some("https://example.com/home"));
        let a = &feed.articles[0];
        assert_eq!(a.guid, "tag:example,2024:1");
        assert_eq!(a.title, "Hello & welcome");
        assert_eq!(
            a.link.as_deref(),
            Some("https://example.com/feed/posts/1.html")
        );
        assert_eq!(a.authors, ["Jane Doe"]);
        assert_eq!(
            a.published.map(|d| d.to_rfc3339()).as_deref(),
            Some("2024-04-30T06:00:00+00:00")
        );
        assert_eq!(
            a.summary_html.as_deref(),
            Some("<p>Short <b>summary</b></p>")
        );
        assert_eq!(a.text, "Full text.\n\nSecond para.");
        assert_eq!(
            a.enclosures,
            [Enclosure {
                url: "https://example.com/audio/1.mp3".into(),
                mime: Some("audio/mpeg".into()),
                length: Some(1234),
                duration_secs: Some(3723),
            }]
        );
        assert_eq!(a.categories, ["News", "World"]);
    }

    #[test]
    fn itunes_durations_in_minutes_and_seconds_are_read_as_such() {
        // feed-rs alone read `28:49` as 28 seconds.
        let feed = parse(
            r#"<rss version="2.0" xmlns:itunes="http://www.itunes.com/dtds/podcast-1.0.dtd">
<channel><title>Pod</title>
<item><title>a</title><guid>a</guid><enclosure url="https://e.org/a.mp3" type="audio/mpeg"/>
  <itunes:duration>28:49</itunes:duration></item>
<item><title>b</title><guid>b</guid><enclosure url="https://e.org/b.mp3" type="audio/mpeg"/>
  <itunes:duration>01:54:09</itunes:duration></item>
<item><title>c</title><guid>c</guid><enclosure url="https://e.org/c.mp3" type="audio/mpeg"/>
  <itunes:duration>3380</itunes:duration></item>
</channel></rss>"#,
            "https://e.org/feed.xml",
        );
        let secs: Vec<_> = feed
            .articles
            .iter()
            .map(|a| a.enclosures[0].duration_secs)
            .collect();
        assert_eq!(secs, [Some(28 * 60 + 49), Some(6849), Some(3380)]);
        assert_eq!(
            feed.articles[0].enclosures[0].describe(),
            "audio/mpeg, 28:49"
        );
    }

    #[test]
    fn atom_xml_base_alternate_link_and_updated_fallback() {
        let feed = parse(
            r#"<feed xmlns="http://www.w3.org/2005/Atom" xml:base="http://example.org/blog/">
<title type="html">&lt;i&gt;Atom&lt;/i&gt; feed</title>
<link rel="self" href="http://example.org/feed.atom"/>
<link rel="alternate" type="text/html" href="./"/>
<entry xml:base="2024/">
  <id>urn:uuid:1</id>
  <title type="text">a &lt;b&gt; is not bold</title>
  <link rel="edit" href="edit/1"/>
  <link rel="alternate" type="text/html" href="one.html"/>
  <link rel="enclosure" type="image/png" length="10" href="pic.png"/>
  <updated>2024-04-01T10:00:00Z</updated>
  <author><name>A</name></author><author><email>b@example.org</email></author><author><name>A</name></author>
  <content type="text">x &lt; y &amp; &lt;script&gt;</content>
</entry></feed>"#,
            "https://ignored.example/feed",
        );
        assert_eq!(feed.title.as_deref(), Some("Atom feed"));
        assert_eq!(feed.site_link.as_deref(), Some("http://example.org/blog/"));
        let a = &feed.articles[0];
        assert_eq!(a.title, "a <b> is not bold");
        assert_eq!(
            a.link.as_deref(),
            Some("http://example.org/blog/2024/one.html")
        );
        assert_eq!(a.published, a.updated);
        assert!(a.published.is_some());
        assert_eq!(a.authors, ["A", "b@example.org"]);
        // Plain text is escaped for the HTML field and kept verbatim as text.
        assert_eq!(
            a.content_html.as_deref(),
            Some("x &lt; y &amp; &lt;script&gt;")
        );
        assert_eq!(a.text, "x < y & <script>");
        assert_eq!(a.enclosures.len(), 1);
        assert_eq!(a.enclosures[0].url, "http://example.org/blog/2024/pic.png");
    }

    #[test]
    fn id_falls_back_to_link_then_to_a_hash_of_title_and_date() {
        let xml = r#"<rss version="2.0"><channel><title>t</title>
<item><title>With link</title><link>https://example.com/a</link></item>
<item><title>No link</title><pubDate>Wed, 01 May 2024 10:00:00 GMT</pubDate></item>
<item><title>No link</title><pubDate>Thu, 02 May 2024 10:00:00 GMT</pubDate></item>
</channel></rss>"#;
        let feed = parse(xml, "https://example.com/rss");
        assert_eq!(feed.articles[0].guid, "https://example.com/a");
        let (b, c) = (&feed.articles[1].guid, &feed.articles[2].guid);
        assert_eq!(b.len(), 64);
        assert!(b.chars().all(|c| c.is_ascii_hexdigit()));
        assert_ne!(b, c);
        // Stable across parses.
        assert_eq!(parse(xml, "https://example.com/rss").articles[1].guid, *b);
        assert!(feed.articles[1].published.is_some());
    }

    #[test]
    fn missing_title_is_derived_from_text_or_untitled() {
        let feed = parse(
            r#"<rss version="2.0"><channel><title>t</title>
<item><description>&lt;p&gt;One two three four five six seven eight nine ten eleven twelve thirteen&lt;/p&gt;</description></item>
<item><guid>x</guid></item>
</channel></rss>"#,
            "",
        );
        assert_eq!(
            feed.articles[0].title,
            "One two three four five six seven eight nine ten eleven twelve…"
        );
        assert_eq!(feed.articles[1].title, UNTITLED);
        assert_eq!(feed.articles[1].published, None);
    }

    #[test]
    fn guid_permalink_becomes_the_link_and_non_http_links_are_dropped() {
        let feed = parse(
            r#"<rss version="2.0"><channel><title>t</title>
<item><title>a</title><guid>http://example.com/p/1</guid></item>
<item><title>b</title><link>javascript:alert(1)</link></item>
<item><title>c</title><link>relative/only</link></item>
</channel></rss>"#,
            "/local/path/feed.xml",
        );
        assert_eq!(
            feed.articles[0].link.as_deref(),
            Some("http://example.com/p/1")
        );
        assert_eq!(feed.articles[1].link, None);
        assert_eq!(feed.articles[2].link, None);
    }

    #[test]
    fn json_feed_items() {
        let json = r#"{"version":"https://jsonfeed.org/version/1.1","title":"J","home_page_url":"https://j.example/",
"items":[{"id":"1","url":"https://j.example/1","title":"One","content_text":"a <b> c","date_published":"2024-01-02T03:04:05Z",
"authors":[{"name":"Ann"}],"tags":["x","y"]},
{"id":"2","content_html":"<p>Hi <em>there</em></p>"}]}"#;
        let feed = parse(json, "https://j.example/feed.json");
        assert_eq!(feed.title.as_deref(), Some("J"));
        assert_eq!(feed.site_link.as_deref(), Some("https://j.example/"));
        let a = &feed.articles[0];
        assert_eq!((a.guid.as_str(), a.title.as_str()), ("1", "One"));
        assert_eq!(a.text, "a <b> c");
        assert_eq!(a.authors, ["Ann"]);
        assert_eq!(a.categories, ["x", "y"]);
        assert_eq!(feed.articles[1].text, "Hi there");
        assert_eq!(feed.articles[1].title, "Hi there");
    }

    #[test]
    fn hostile_text_is_sanitised() {
        let feed = parse(
            "<rss version=\"2.0\"><channel><title>evil\u{1b}]0;pwned\u{7} feed</title>\
             <item><title>bad\u{202e}title\u{1b}[2J</title><description>x\u{9b}31m y</description></item>\
             </channel></rss>",
            "",
        );
        assert_eq!(feed.title.as_deref(), Some("evil feed"));
        assert_eq!(feed.articles[0].title, "badtitle");
        assert!(
            !feed.articles[0]
                .summary_html
                .as_deref()
                .unwrap_or("")
                .contains('\u{9b}')
        );
    }

    #[test]
    fn caps_apply_to_articles_titles_and_bodies() {
        let mut xml = String::from("<rss version=\"2.0\"><channel><title>t</title>");
        for i in 0..MAX_ARTICLES + 5 {
            xml.push_str(&format!("<item><guid>{i}</guid></item>"));
        }
        xml.push_str("</channel></rss>");
        assert_eq!(parse(&xml, "").articles.len(), MAX_ARTICLES);

        let long_title = "é".repeat(MAX_TITLE_CHARS + 10);
        let big_body = "ü".repeat(MAX_BODY_BYTES);
        let xml = format!(
            "<rss version=\"2.0\"><channel><title>t</title><item><title>{long_title}</title>\
             <description>{big_body}</description></item></channel></rss>"
        );
        let a = &parse(&xml, "").articles[0];
        assert_eq!(a.title.chars().count(), MAX_TITLE_CHARS);
        let summary = a.summary_html.as_deref().unwrap_or("");
        assert!(summary.len() <= MAX_BODY_BYTES && summary.len() > MAX_BODY_BYTES - 4);
    }

    #[test]
    fn not_a_feed_is_an_error_with_a_reason() {
        let err = parse_feed(b"<html><body>hello</body></html>", "", now()).unwrap_err();
        assert!(
            matches!(err, ParseError::NotAFeed(ref why) if !why.is_empty()),
            "{err}"
        );
        assert!(parse_feed(b"", "", now()).is_err());
        assert!(parse_feed(b"just text", "", now()).is_err());
    }

    #[test]
    fn legacy_dialects_are_read() {
        // RSS without a version, RSS 0.94, Atom 0.3 and RSS 0.90.
        let unversioned = parse(
            "<?xml version=\"1.0\"?>\n<!-- c -->\n<rss><channel><title>u</title><item><title>i</title></item></channel></rss>",
            "",
        );
        assert_eq!(
            (unversioned.title.as_deref(), unversioned.articles.len()),
            (Some("u"), 1)
        );
        let v094 = parse(
            "<rss version='0.94'><channel><title>v</title><item><title>i</title></item></channel></rss>",
            "",
        );
        assert_eq!(v094.articles.len(), 1);
        let atom03 = parse(
            r#"<feed version="0.3" xmlns="http://purl.org/atom/ns#"><title>a</title>
<entry><title>e</title><id>tag:x</id><link rel="alternate" type="text/html" href="http://x.example/e"/></entry></feed>"#,
            "",
        );
        assert_eq!(atom03.title.as_deref(), Some("a"));
        let typed = parse(
            r#"<feed version="0.3" xmlns="http://purl.org/atom/ns#"><title type="text/plain" mode="escaped">a &lt;b&gt;</title></feed>"#,
            "",
        );
        assert_eq!(typed.title.as_deref(), Some("a <b>"));
        assert_eq!(
            atom03.articles[0].link.as_deref(),
            Some("http://x.example/e")
        );
        let rss090 = parse(
            r#"<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://my.netscape.com/rdf/simple/0.9/">
<channel><title>n</title><link>http://n.example/</link></channel><item><title>i</title><link>http://n.example/i</link></item></rdf:RDF>"#,
            "",
        );
        assert_eq!(rss090.articles.len(), 1);
        let json10 = parse(
            r#"{"version":"http://jsonfeed.org/version/1","title":"j","items":[{"id":"1"}]}"#,
            "",
        );
        assert_eq!(json10.articles.len(), 1);
    }

    #[test]
    fn invalid_utf8_is_replaced_not_fatal() {
        let mut doc = b"<rss version=\"2.0\"><channel><title>caf".to_vec();
        doc.push(0xE9);
        doc.extend_from_slice(b"</title><item><title>i</title></item></channel></rss>");
        let feed = parse_feed(&doc, "", now()).unwrap();
        assert_eq!(feed.title.as_deref(), Some("caf\u{fffd}"));
        // A declared legacy encoding is left to feed-rs's decoder.
        let mut latin1 = b"<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>".to_vec();
        latin1.extend_from_slice(&doc);
        assert_eq!(
            parse_feed(&latin1, "", now()).unwrap().title.as_deref(),
            Some("café")
        );
    }

    #[test]
    fn root_start_skips_prolog() {
        let doc =
            b"\xEF\xBB\xBF<?xml version='1.0'?><!DOCTYPE rss [<!ENTITY a 'b'>]><!-- x --> <rss>";
        assert_eq!(root_start(doc).map(|i| &doc[i..]), Some(&b"<rss>"[..]));
        assert_eq!(declare_rss_2(b"<rss version=\"2.0\">"), None);
        assert_eq!(
            declare_rss_2(b"<rss version=\"0.93\">").as_deref(),
            Some(&b"<rss version=\"2.0\">"[..])
        );
        assert_eq!(declare_rss_2(b"<rssx>"), None);
    }

    #[test]
    fn rss_tag_ending_in_an_empty_version_does_not_panic() {
        // Found by fuzzing parse_feed: `version=` right before the root tag's `>` made
        // declare_rss_2 slice from past the tag's end.
        assert_eq!(declare_rss_2(b"<rss version=>"), None);
        assert_eq!(declare_rss_2(b"<rss version=\"0.93>"), None);
        assert_eq!(declare_rss_2(b"<rss version=0.93>"), None);
        let doc = b"<?xml version=\"1.0\"?>\n<rss version=><channel><title>t</title>\
                    <item><title>i</title></item></channel></rss>";
        assert!(parse_feed(doc, "", now()).is_err());
    }

    #[test]
    fn entity_expansion_past_the_cap_is_refused() {
        // One 50 KB entity used 50,000 times: 300 KB that would expand to 2.5 GB.
        let feed = hostile_entity_feed(50_000, 50_000);
        assert!(feed.len() < 400_000);
        let err = parse_feed(&feed, "", now()).unwrap_err();
        assert!(
            matches!(err, ParseError::EntityExpansion(ref why) if why.contains("10.0 MiB")),
            "{err}"
        );
        // The same construction within the cap parses, entity written out.
        let small = hostile_entity_feed(100, 10);
        let parsed = parse_feed_within(&small, "", now(), 1 << 20).unwrap();
        assert_eq!(parsed.articles[0].title, "x".repeat(1_000));
        assert!(parse_feed_within(&small, "", now(), 900).is_err());
    }

    /// An RSS document declaring one entity of `size` bytes and using it `uses` times in
    /// one item title.
    fn hostile_entity_feed(size: usize, uses: usize) -> Vec<u8> {
        format!(
            "<?xml version=\"1.0\"?><!DOCTYPE rss [<!ENTITY big \"{}\">]>\
             <rss version=\"2.0\"><channel><title>t</title><item><title>{}</title></item>\
             </channel></rss>",
            "x".repeat(size),
            "&big;".repeat(uses)
        )
        .into_bytes()
    }

    #[test]
    fn html_entities_left_by_xml_are_decoded_in_titles() {
        assert_eq!(
            decode_html_entities("caf&eacute; &amp;lt; &nbsp;x &bogus; a&b;"),
            "caf\u{e9} &amp;lt;  x &bogus; a&b;"
        );
        let feed = parse(
            "<rss><channel><title>testing &aacute; entity</title></channel></rss>",
            "",
        );
        assert_eq!(feed.title.as_deref(), Some("testing \u{e1} entity"));
    }

    #[test]
    fn fallbacks_fill_what_feed_rs_leaves_out() {
        // Dublin Core and iTunes stand-ins for an RSS item's missing core elements.
        let feed = parse(
            r#"<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:itunes="http://www.itunes.com/DTDs/Podcast-1.0.dtd">
<channel><dc:title>Chan</dc:title><item><dc:title>T</dc:title><dc:description>D</dc:description>
<itunes:author>Mark</itunes:author><itunes:category text="Tech"><itunes:category text="Gadgets"/></itunes:category>
<dcterms:issued xmlns:dcterms="http://purl.org/dc/terms/">2003-12-31T10:14:55Z</dcterms:issued></item></channel></rss>"#,
            "",
        );
        assert_eq!(feed.title.as_deref(), Some("Chan"));
        let a = &feed.articles[0];
        assert_eq!((a.title.as_str(), a.text.as_str()), ("T", "D"));
        assert_eq!(a.authors, ["Mark"]);
        assert_eq!(a.categories, ["Tech", "Gadgets"]);
        assert_eq!(
            a.published.map(|d| d.to_rfc3339()).as_deref(),
            Some("2003-12-31T10:14:55+00:00")
        );
        // Base64 Atom text, and escaped markup inside inline XHTML staying text.
        let feed = parse(
            r#"<feed xmlns="http://www.w3.org/2005/Atom"><title type="application/octet-stream">RXhhbXBsZSA8Yj5BdG9tPC9iPg==</title>
<entry><id>x</id><title type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml">a &lt;blink&gt; tag</div></title></entry></feed>"#,
            "",
        );
        assert_eq!(feed.title.as_deref(), Some("Example <b>Atom</b>"));
        assert_eq!(feed.articles[0].title, "a <blink> tag");
        // A raw `&` and an unclosed root tag, repaired only because the document failed.
        let feed = parse(
            r#"<rss version="2.0"><channel><title>a & b</title><link>http://e.org/?a=1&b=2</link></channel></rss"#,
            "",
        );
        assert_eq!(feed.title.as_deref(), Some("a & b"));
        assert_eq!(feed.site_link.as_deref(), Some("http://e.org/?a=1&b=2"));
    }

    #[test]
    fn contact_strings_give_names() {
        assert_eq!(name_from_contact("me@example.com (Jane Doe)"), "Jane Doe");
        assert_eq!(
            name_from_contact("\"Jane Doe\" <me@example.com>"),
            "Jane Doe"
        );
        assert_eq!(name_from_contact("me@example.com"), "me@example.com");
        assert_eq!(name_from_contact("Jane Doe (me@example.com)"), "Jane Doe");
    }

    #[test]
    fn caps_cut_on_char_boundaries() {
        assert_eq!(cap_bytes("aé".to_string(), 2), "a");
        assert_eq!(cap_chars("aéb".to_string(), 2), "aé");
        assert_eq!(
            escape_html("<a href=\"x\">&</a>"),
            "&lt;a href=&quot;x&quot;&gt;&amp;&lt;/a&gt;"
        );
    }
}
