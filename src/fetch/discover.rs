//! Finding the feeds an HTML page links with `<link rel="alternate">`.
//!
//! Why it exists: users often paste a site's address instead of its feed's. When the fetched
//! document turns out to be an HTML page, the worker uses this module to tell the user which
//! feeds the page advertises. It is a small tolerant tag scanner, not an HTML parser: it only
//! needs the attributes of `<link>` (and `<base>`) tags, in any order, quoting or case, and it
//! never fails: a page it cannot make sense of simply links no feed.

use url::Url;

/// The `type`s of `<link rel="alternate">` that name a feed.
const FEED_TYPES: [&str; 5] = [
    "application/rss+xml",
    "application/atom+xml",
    "application/feed+json",
    "application/json",
    "application/rdf+xml",
];

/// How far into a document [`looks_like_html`] looks for the first element.
const SNIFF_LIMIT: usize = 64 * 1024;

/// Absolute URLs of the RSS/Atom/JSON feeds that `html` links, resolved against `base`.
///
/// Only `<link>` tags whose `rel` contains `alternate` and whose `type` is a feed type count.
/// Hrefs are entity-decoded and resolved against `<base href>` when the page has one, else
/// against `base`; `feed:` URLs become `http(s)`; only http(s) and file URLs are kept. The
/// result is deduplicated and in document order. Links inside comments, scripts and styles
/// are ignored.
pub fn alternate_feeds(html: &[u8], base: &str) -> Vec<String> {
    alternates(html, base).into_iter().map(|a| a.url).collect()
}

/// A feed an HTML page links: its absolute URL and the `title` the page gives it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Alternate {
    pub url: String,
    /// The link's `title` attribute, one line, sanitised; `None` when absent or empty.
    pub title: Option<String>,
}

/// The feeds [`alternate_feeds`] finds, each with the title the page gives it (to offer the
/// user a choice by name).
pub fn alternates(html: &[u8], base: &str) -> Vec<Alternate> {
    let text = String::from_utf8_lossy(html);
    let mut base_url = Url::parse(base).ok();
    let mut found: Vec<Alternate> = Vec::new();
    for tag in Tags::new(&text) {
        match tag.name.as_str() {
            "base" => {
                if let Some(href) = tag.attribute("href") {
                    let resolved = match &base_url {
                        Some(b) => b.join(href.trim()).ok(),
                        None => Url::parse(href.trim()).ok(),
                    };
                    if resolved.is_some() {
                        base_url = resolved;
                    }
                }
            }
            "link" => {
                if let Some(url) = feed_link(&tag, base_url.as_ref())
                    && !found.iter().any(|a| a.url == url)
                {
                    let title = tag
                        .attribute("title")
                        .map(crate::sanitize::sanitize_line)
                        .filter(|t| !t.is_empty());
                    found.push(Alternate { url, title });
                }
            }
            _ => {}
        }
    }
    found
}

/// True when `body` looks like an HTML page rather than a feed.
///
/// The body decides first: after an optional byte-order mark, whitespace, comments, an XML
/// declaration and a doctype, a document starting with `<!doctype html`, `<html`, `<head`,
/// `<body`, `<meta` or `<title` is HTML, and one starting with any other element (`<rss`,
/// `<feed`, `<rdf:RDF` ...) or with JSON is not, whatever the server claims. Only when the
/// body is undecided does a `text/html` content type make it HTML.
pub fn looks_like_html(body: &[u8], content_type: Option<&str>) -> bool {
    match sniff(body) {
        Sniff::Html => true,
        Sniff::NotHtml => false,
        Sniff::Unknown => content_type.is_some_and(|ct| {
            let mime = ct.split(';').next().unwrap_or_default().trim();
            mime.eq_ignore_ascii_case("text/html")
                || mime.eq_ignore_ascii_case("application/xhtml+xml")
        }),
    }
}

#[derive(Debug, PartialEq)]
enum Sniff {
    Html,
    NotHtml,
    Unknown,
}

fn sniff(body: &[u8]) -> Sniff {
    let mut rest = &body[..body.len().min(SNIFF_LIMIT)];
    rest = rest.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(rest);
    loop {
        rest = rest.trim_ascii_start();
        if rest.is_empty() {
            return Sniff::Unknown;
        }
        if rest[0] == b'{' || rest[0] == b'[' {
            return Sniff::NotHtml;
        }
        if rest[0] != b'<' {
            return Sniff::Unknown;
        }
        if rest.starts_with(b"<!--") {
            match find(rest, b"-->") {
                Some(end) => rest = &rest[end + 3..],
                None => return Sniff::Unknown,
            }
            continue;
        }
        if starts_with_ignore_case(rest, b"<?xml") {
            match find(rest, b"?>") {
                Some(end) => rest = &rest[end + 2..],
                None => return Sniff::Unknown,
            }
            continue;
        }
        if starts_with_ignore_case(rest, b"<!doctype") {
            let after = rest[b"<!doctype".len()..].trim_ascii_start();
            if starts_with_ignore_case(after, b"html")
                && after.get(4).is_none_or(|c| !c.is_ascii_alphanumeric())
            {
                return Sniff::Html;
            }
            match find(rest, b">") {
                Some(end) => rest = &rest[end + 1..],
                None => return Sniff::Unknown,
            }
            continue;
        }
        let name_len = rest[1..]
            .iter()
            .take_while(|c| c.is_ascii_alphanumeric() || matches!(c, b':' | b'-' | b'_'))
            .count();
        if name_len == 0 {
            return Sniff::Unknown;
        }
        let name = &rest[1..=name_len];
        let html_start = [&b"html"[..], b"head", b"body", b"meta", b"title"];
        return if html_start.iter().any(|n| name.eq_ignore_ascii_case(n)) {
            Sniff::Html
        } else {
            Sniff::NotHtml
        };
    }
}

fn starts_with_ignore_case(haystack: &[u8], prefix: &[u8]) -> bool {
    haystack.len() >= prefix.len() && haystack[..prefix.len()].eq_ignore_ascii_case(prefix)
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

/// The absolute feed URL a `<link>` tag names, if it names one.
fn feed_link(tag: &Tag, base: Option<&Url>) -> Option<String> {
    let rel = tag.attribute("rel")?;
    if !rel
        .split_ascii_whitespace()
        .any(|r| r.eq_ignore_ascii_case("alternate"))
    {
        return None;
    }
    let kind = tag.attribute("type")?;
    let mime = kind.split(';').next().unwrap_or_default().trim();
    if !FEED_TYPES.iter().any(|t| mime.eq_ignore_ascii_case(t)) {
        return None;
    }
    let href = tag.attribute("href")?.trim();
    if href.is_empty() {
        return None;
    }
    // WordPress advertises its REST API as an `application/json` alternate of every page;
    // that is not a feed.
    if mime.eq_ignore_ascii_case("application/json") && href.contains("/wp-json/") {
        return None;
    }
    let href = strip_feed_scheme(href);
    let url = match base {
        Some(base) => base.join(&href).ok()?,
        None => Url::parse(&href).ok()?,
    };
    matches!(url.scheme(), "http" | "https" | "file").then(|| url.into())
}

/// `feed://host/x` means `http://host/x`; `feed:https://host/x` means `https://host/x`.
fn strip_feed_scheme(href: &str) -> String {
    let Some(prefix) = href.get(..5).filter(|p| p.eq_ignore_ascii_case("feed:")) else {
        return href.to_owned();
    };
    let rest = &href[prefix.len()..];
    if rest.starts_with("//") {
        format!("http:{rest}")
    } else {
        rest.to_owned()
    }
}

/// A start tag: lower-cased name and its attributes (lower-cased names, decoded values).
#[derive(Debug)]
struct Tag {
    name: String,
    attributes: Vec<(String, String)>,
}

impl Tag {
    /// The first value of attribute `name` (as browsers do with duplicates).
    fn attribute(&self, name: &str) -> Option<&str> {
        self.attributes
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }
}

/// Iterates over the start tags of a document, skipping comments, doctypes, end tags and the
/// contents of `<script>` and `<style>`.
struct Tags<'a> {
    text: &'a str,
    pos: usize,
}

impl<'a> Tags<'a> {
    fn new(text: &'a str) -> Tags<'a> {
        Tags { text, pos: 0 }
    }

    fn rest(&self) -> &'a str {
        &self.text[self.pos..]
    }

    /// Moves past the first `needle` (case-insensitive ASCII), or to the end.
    fn skip_past(&mut self, needle: &str) {
        let rest = self.rest().as_bytes();
        match rest
            .windows(needle.len())
            .position(|w| w.eq_ignore_ascii_case(needle.as_bytes()))
        {
            Some(at) => self.pos += at + needle.len(),
            None => self.pos = self.text.len(),
        }
    }

    /// Parses attributes after a tag name until `>` (consumed) or the end of the text.
    fn attributes(&mut self) -> Vec<(String, String)> {
        let mut attributes = Vec::new();
        let bytes = self.text.as_bytes();
        loop {
            while self.pos < bytes.len()
                && (bytes[self.pos].is_ascii_whitespace() || bytes[self.pos] == b'/')
            {
                self.pos += 1;
            }
            if self.pos >= bytes.len() {
                return attributes;
            }
            if bytes[self.pos] == b'>' {
                self.pos += 1;
                return attributes;
            }
            let start = self.pos;
            while self.pos < bytes.len()
                && !matches!(bytes[self.pos], b'=' | b'>' | b'/')
                && !bytes[self.pos].is_ascii_whitespace()
            {
                self.pos += 1;
            }
            let name = self.text[start..self.pos].to_ascii_lowercase();
            while self.pos < bytes.len() && bytes[self.pos].is_ascii_whitespace() {
                self.pos += 1;
            }
            let mut value = String::new();
            if bytes.get(self.pos) == Some(&b'=') {
                self.pos += 1;
                while self.pos < bytes.len() && bytes[self.pos].is_ascii_whitespace() {
                    self.pos += 1;
                }
                match bytes.get(self.pos) {
                    Some(&quote @ (b'"' | b'\'')) => {
                        let from = self.pos + 1;
                        let len = bytes[from..]
                            .iter()
                            .position(|&c| c == quote)
                            .unwrap_or(bytes.len() - from);
                        value = decode_entities(&self.text[from..from + len]);
                        self.pos = (from + len + 1).min(bytes.len());
                    }
                    Some(_) => {
                        let from = self.pos;
                        while self.pos < bytes.len()
                            && bytes[self.pos] != b'>'
                            && !bytes[self.pos].is_ascii_whitespace()
                        {
                            self.pos += 1;
                        }
                        value = decode_entities(&self.text[from..self.pos]);
                    }
                    None => {}
                }
            }
            if !name.is_empty() {
                attributes.push((name, value));
            }
        }
    }
}

impl Iterator for Tags<'_> {
    type Item = Tag;

    fn next(&mut self) -> Option<Tag> {
        loop {
            let at = self.rest().find('<')?;
            self.pos += at;
            let rest = self.rest();
            if rest.starts_with("<!--") {
                self.skip_past("-->");
                continue;
            }
            if rest.starts_with("<!") || rest.starts_with("<?") || rest.starts_with("</") {
                self.skip_past(">");
                continue;
            }
            let name_len = rest[1..]
                .bytes()
                .take_while(|c| c.is_ascii_alphanumeric() || matches!(c, b':' | b'-' | b'_'))
                .count();
            if name_len == 0 {
                self.pos += 1;
                continue;
            }
            let name = rest[1..=name_len].to_ascii_lowercase();
            self.pos += 1 + name_len;
            let attributes = self.attributes();
            if name == "script" || name == "style" {
                let close = format!("</{name}");
                self.skip_past(&close);
            }
            return Some(Tag { name, attributes });
        }
    }
}

/// Decodes the character references that appear in attribute values: numeric ones and the
/// few named ones that matter in URLs. Unknown references are left as written.
fn decode_entities(raw: &str) -> String {
    if !raw.contains('&') {
        return raw.to_owned();
    }
    let mut out = String::with_capacity(raw.len());
    let mut rest = raw;
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..at]);
        rest = &rest[at..];
        let end = rest[1..]
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '#'))
            .map_or(rest.len(), |i| i + 1);
        let entity = &rest[1..end];
        let decoded = if let Some(number) = entity.strip_prefix('#') {
            let code = match number.strip_prefix(['x', 'X']) {
                Some(hex) => u32::from_str_radix(hex, 16).ok(),
                None => number.parse::<u32>().ok(),
            };
            code.and_then(char::from_u32)
        } else {
            match entity.to_ascii_lowercase().as_str() {
                "amp" => Some('&'),
                "lt" => Some('<'),
                "gt" => Some('>'),
                "quot" => Some('"'),
                "apos" => Some('\''),
                "sol" => Some('/'),
                "colon" => Some(':'),
                "quest" => Some('?'),
                "equals" => Some('='),
                "num" => Some('#'),
                "percnt" => Some('%'),
                "nbsp" => Some('\u{a0}'),
                _ => None,
            }
        };
        match decoded {
            Some(c) => {
                out.push(c);
                let consumed = if rest[end..].starts_with(';') {
                    end + 1
                } else {
                    end
                };
                rest = &rest[consumed..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const BLOG: &str = r#"<!DOCTYPE html>
<html lang="en-GB">
<head>
  <meta charset="utf-8">
  <title>Field Notes &amp; Letters</title>
  <!-- <link rel="alternate" type="application/rss+xml" href="/commented-out.xml"> -->
  <link rel="stylesheet" href="/style.css">
  <link rel="alternate" type="application/rss+xml" title="Field Notes &raquo; Feed" href="https://fieldnotes.example/feed/" />
  <link rel="alternate" type="application/rss+xml" title="Field Notes &raquo; Comments Feed" href="https://fieldnotes.example/comments/feed/" />
  <link rel="alternate" type="application/json" href="https://fieldnotes.example/wp-json/wp/v2/pages/12" />
  <link rel="alternate" type="application/json+oembed" href="https://fieldnotes.example/wp-json/oembed/1.0/embed?url=x" />
  <link rel="alternate" hreflang="fr" href="https://fieldnotes.example/fr/" />
  <script>document.write('<link rel="alternate" type="application/atom+xml" href="/from-script.xml">');</script>
</head>
<body><a href="/feed/">RSS</a></body>
</html>"#;

    #[test]
    fn alternates_carry_the_titles_the_page_gives() {
        let found = alternates(BLOG.as_bytes(), "https://fieldnotes.example/");
        assert_eq!(found.len(), 2);
        assert_eq!(found[0].url, "https://fieldnotes.example/feed/");
        let title = found[0].title.as_deref().unwrap_or_default();
        assert!(
            title.starts_with("Field Notes") && title.ends_with("Feed"),
            "{title}"
        );
        let untitled = alternates(
            br#"<link rel="alternate" type="application/atom+xml" href="/a.xml">"#,
            "https://x.example/",
        );
        assert_eq!(untitled[0].title, None);
    }

    #[test]
    fn finds_wordpress_style_feeds_and_ignores_the_rest() {
        assert_eq!(
            alternate_feeds(BLOG.as_bytes(), "https://fieldnotes.example/"),
            vec![
                "https://fieldnotes.example/feed/".to_owned(),
                "https://fieldnotes.example/comments/feed/".to_owned(),
            ]
        );
    }

    #[test]
    fn any_attribute_order_quoting_and_case() {
        let page = r#"<HTML><HEAD>
<LINK HREF=atom.xml TYPE="Application/Atom+XML" REL="Alternate">
<link type='application/feed+json' href='/feed.json' rel='feed alternate'>
<link
   href="rdf.xml?a=1&amp;b=2"
   rel = "alternate"
   type = "application/rdf+xml; charset=utf-8" >
<link rel=alternate type=application/json href=//cdn.example/site.json>
</HEAD></HTML>"#;
        assert_eq!(
            alternate_feeds(page.as_bytes(), "http://site.example/blog/index.html"),
            vec![
                "http://site.example/blog/atom.xml".to_owned(),
                "http://site.example/feed.json".to_owned(),
                "http://site.example/blog/rdf.xml?a=1&b=2".to_owned(),
                "http://cdn.example/site.json".to_owned(),
            ]
        );
    }

    #[test]
    fn deduplicates_after_resolution_and_honours_base_href() {
        let page = r#"<html><head><base href="https://news.example/world/">
<link rel="alternate" type="application/rss+xml" href="rss.xml">
<link rel="alternate" type="application/rss+xml" href="https://news.example/world/rss.xml">
<link rel="alternate" type="application/atom+xml" href="&#x2F;atom&#46;xml">
<link rel="alternate" type="application/atom+xml" href="feed://news.example/legacy">
</head></html>"#;
        assert_eq!(
            alternate_feeds(page.as_bytes(), "https://news.example/"),
            vec![
                "https://news.example/world/rss.xml".to_owned(),
                "https://news.example/atom.xml".to_owned(),
                "http://news.example/legacy".to_owned(),
            ]
        );
    }

    #[test]
    fn broken_pages_do_not_panic() {
        for page in [
            "<link rel=\"alternate\" type=\"application/rss+xml\" href=\"/x",
            "<link",
            "<",
            "<!--",
            "<link rel=alternate type=application/rss+xml href=",
            "<script>",
            "&#xFFFFFFFF; <link rel='alternate' type='application/rss+xml' href='&#99999999;'>",
            "é<link ré='x'>",
        ] {
            let _ = alternate_feeds(page.as_bytes(), "https://x.example/");
        }
        assert!(
            alternate_feeds(
                b"<link rel=alternate type=application/rss+xml href=/ok>",
                "not a url"
            )
            .is_empty()
        );
    }

    #[test]
    fn javascript_links_are_dropped() {
        let page =
            r#"<link rel="alternate" type="application/rss+xml" href="javascript:alert(1)">"#;
        assert!(alternate_feeds(page.as_bytes(), "https://x.example/").is_empty());
    }

    #[test]
    fn entities_decode() {
        assert_eq!(decode_entities("a&amp;b&#38;c&#x26;d&AMP;e"), "a&b&c&d&e");
        assert_eq!(decode_entities("x&unknown;y & z"), "x&unknown;y & z");
        assert_eq!(decode_entities("&#0x;"), "&#0x;");
    }

    #[test]
    fn html_pages_are_recognised() {
        for body in [
            "<!DOCTYPE html><html><body>x</body></html>",
            "\u{feff}  \n<!doctype HTML>",
            "<!-- generated --><html lang=en>",
            "<?xml version=\"1.0\"?>\n<!DOCTYPE html PUBLIC \"-//W3C//DTD XHTML 1.0 Strict//EN\" \"x\">",
            "<head><title>x</title></head>",
            "\r\n\t<HTML>",
        ] {
            assert!(looks_like_html(body.as_bytes(), None), "{body:?}");
        }
    }

    #[test]
    fn feeds_are_not_html_even_when_served_as_html() {
        for body in [
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<rss version=\"2.0\"><channel></channel></rss>",
            "\u{feff}<?xml version=\"1.0\"?><!-- c --><feed xmlns=\"http://www.w3.org/2005/Atom\"></feed>",
            "<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\"></rdf:RDF>",
            "<!DOCTYPE rss PUBLIC \"-//Netscape Communications//DTD RSS 0.91//EN\" \"x\"><rss version=\"0.91\">",
            "{\"version\": \"https://jsonfeed.org/version/1.1\", \"items\": []}",
            "<htmlfeed>",
        ] {
            assert!(
                !looks_like_html(body.as_bytes(), Some("text/html; charset=utf-8")),
                "{body:?}"
            );
        }
    }

    #[test]
    fn content_type_decides_only_when_the_body_does_not() {
        assert!(looks_like_html(
            b"just text",
            Some("Text/HTML; charset=utf-8")
        ));
        assert!(!looks_like_html(b"just text", Some("text/plain")));
        assert!(!looks_like_html(b"", None));
        assert!(looks_like_html(b"", Some("text/html")));
    }
}
