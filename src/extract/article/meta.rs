//! An article page's metadata: title, byline, publication date, language and lead image.
//!
//! Publishers say these things in several places of varying trust: JSON-LD (`schema.org`
//! Article objects), Open Graph and other `<meta>` tags, the `<title>`, the `<html lang>`
//! attribute and `<time>` elements. This module reads them all from the parsed page, before
//! any cleaning, and picks one value per field. It reads the tree only; it never changes it.

use serde_json::{Map, Value};
use url::Url;

use super::dom::{Dom, NodeId};
use super::{normalize_space, similar};

/// Metadata found in the page's head and markup.
#[derive(Debug, Default, Clone)]
pub struct Meta {
    pub title: Option<String>,
    pub byline: Option<String>,
    pub published: Option<String>,
    pub lang: Option<String>,
    pub image: Option<String>,
}

/// What the JSON-LD Article object says.
#[derive(Debug, Default)]
struct JsonLd {
    headline: Option<String>,
    name: Option<String>,
    author: Option<String>,
    published: Option<String>,
    image: Option<String>,
    lang: Option<String>,
}

/// Reads the metadata of the page (the whole document, `dom` node 0).
pub fn collect(dom: &Dom, base: Option<&Url>) -> Meta {
    let mut metas: Vec<(String, String)> = Vec::new();
    let mut ld = JsonLd::default();
    let mut doc_title = None;
    let mut first_time = None;
    let mut lang = None;
    let mut link_image = None;
    for n in dom.descendants(0) {
        let Some(tag) = dom.tag(n) else { continue };
        match tag {
            "html" if lang.is_none() => {
                lang = dom.attr(n, "lang").map(normalize_space);
            }
            "meta" => {
                let Some(content) = dom.attr(n, "content") else {
                    continue;
                };
                let content = normalize_space(content);
                if content.is_empty() {
                    continue;
                }
                for key in ["property", "name", "itemprop", "http-equiv"] {
                    if let Some(names) = dom.attr(n, key) {
                        for name in names.split_whitespace() {
                            metas.push((name.to_ascii_lowercase(), content.clone()));
                        }
                    }
                }
            }
            "title" if doc_title.is_none() => {
                doc_title = Some(normalize_space(&dom.text(n)));
            }
            "script" => {
                if dom
                    .attr(n, "type")
                    .is_some_and(|t| t.trim().eq_ignore_ascii_case("application/ld+json"))
                    && let Ok(v) = serde_json::from_str::<Value>(json_ld_text(&dom.text(n)))
                {
                    read_json_ld(&v, &mut ld);
                }
            }
            // A `<time>` dates the article only when marked so or inside the article's
            // markup (elsewhere it may date a comment or a teaser).
            "time" if first_time.is_none() && dates_article(dom, n) => {
                first_time = dom.attr(n, "datetime").map(normalize_space);
            }
            "link"
                if link_image.is_none()
                    && dom
                        .attr(n, "rel")
                        .is_some_and(|r| r.eq_ignore_ascii_case("image_src")) =>
            {
                link_image = dom.attr(n, "href").map(str::to_owned);
            }
            _ => {}
        }
    }
    let meta = |keys: &[&str]| -> Option<String> {
        keys.iter().find_map(|k| {
            metas
                .iter()
                .find(|(name, _)| name == k)
                .map(|(_, v)| v.clone())
        })
    };
    // Some pages give a JSON-LD `name` and a different `headline` (Wikipedia's headline is a
    // description): take the one closer to the document title.
    let ld_title = match (ld.headline.clone(), ld.name.clone()) {
        (Some(h), Some(n)) if h != n => {
            let t = doc_title.as_deref().unwrap_or("");
            if similar(&n, t) > similar(&h, t) {
                Some(n)
            } else {
                Some(h)
            }
        }
        (h, n) => h.or(n),
    };
    let title = ld_title
        .or_else(|| {
            meta(&[
                "dc:title",
                "dcterm:title",
                "og:title",
                "weibo:article:title",
                "weibo:webpage:title",
                "title",
                "twitter:title",
                "parsely-title",
            ])
        })
        .or_else(|| doc_title.as_deref().map(|t| clean_title(dom, t)))
        .filter(|t| !t.is_empty());
    let byline = ld
        .author
        .clone()
        .or_else(|| {
            meta(&[
                "dc:creator",
                "dcterm:creator",
                "author",
                "parsely-author",
                "sailthru.author",
            ])
        })
        .or_else(|| meta(&["article:author", "og:article:author"]).filter(|a| !looks_like_url(a)))
        .filter(|b| !b.is_empty());
    let published = ld
        .published
        .clone()
        .or_else(|| {
            meta(&[
                "article:published_time",
                "parsely-pub-date",
                "og:published_time",
                "datepublished",
                "date",
                "dc.date",
                "dc.date.issued",
                "dcterms.date",
                "pubdate",
                "publishdate",
                "sailthru.date",
            ])
        })
        .or(first_time);
    let lang = lang
        .filter(|l| !l.is_empty())
        .or(ld.lang.clone())
        .or_else(|| meta(&["content-language", "dc.language"]));
    let image = meta(&[
        "og:image",
        "og:image:url",
        "twitter:image",
        "twitter:image:src",
    ])
    .or(ld.image.clone())
    .or(link_image)
    .and_then(|i| absolute_url(base, &i));
    Meta {
        title,
        byline,
        published,
        lang,
        image,
    }
}

/// The JSON inside a JSON-LD script, without the CDATA wrapper some pages put around it.
fn json_ld_text(script: &str) -> &str {
    let s = script.trim();
    let s = s.strip_prefix("//").map_or(s, str::trim_start);
    let s = s.strip_prefix("<![CDATA[").unwrap_or(s);
    let s = s.trim_end();
    let s = s.strip_suffix("]]>").unwrap_or(s).trim_end();
    let s = s.strip_suffix("//").unwrap_or(s);
    s.trim()
}

fn dates_article(dom: &Dom, time: NodeId) -> bool {
    if dom.attr(time, "pubdate").is_some()
        || dom
            .attr(time, "itemprop")
            .is_some_and(|p| p.contains("datePublished"))
    {
        return true;
    }
    let mut cur = dom.nodes[time].parent;
    while let Some(p) = cur {
        if matches!(dom.tag(p), Some("article" | "header" | "main")) {
            return true;
        }
        if matches!(dom.tag(p), Some("aside" | "footer" | "nav" | "li")) {
            return false;
        }
        cur = dom.nodes[p].parent;
    }
    false
}

/// Whether a JSON-LD `@type` names an article-like thing.
fn is_article_type(v: &Value) -> bool {
    let one = |s: &str| {
        s.ends_with("Article")
            || matches!(
                s,
                "BlogPosting" | "LiveBlogPosting" | "Report" | "WebPage" | "Review"
            )
    };
    match v {
        Value::String(s) => one(s),
        Value::Array(a) => a.iter().any(|t| t.as_str().is_some_and(one)),
        _ => false,
    }
}

/// Gathers the article-like objects of a JSON-LD value (arrays and `@graph` are searched;
/// nesting is bounded), real articles before mere web pages.
fn article_objects<'a>(v: &'a Value, out: &mut Vec<(&'a Map<String, Value>, bool)>, depth: u32) {
    if depth > 4 {
        return;
    }
    match v {
        Value::Array(items) => {
            for item in items {
                article_objects(item, out, depth + 1);
            }
        }
        Value::Object(o) => {
            if let Some(graph) = o.get("@graph") {
                article_objects(graph, out, depth + 1);
            }
            if let Some(t) = o.get("@type")
                && is_article_type(t)
            {
                out.push((o, t.as_str() == Some("WebPage")));
            }
        }
        _ => {}
    }
}

/// Fills the empty fields of `ld` from one JSON-LD value.
fn read_json_ld(v: &Value, ld: &mut JsonLd) {
    let mut objects = Vec::new();
    article_objects(v, &mut objects, 0);
    objects.sort_by_key(|(_, weak)| *weak);
    for (o, _) in objects {
        let fill = |slot: &mut Option<String>, value: Option<String>| {
            if slot.is_none() {
                *slot = value.filter(|s| !s.is_empty());
            }
        };
        fill(&mut ld.headline, str_field(o.get("headline")));
        fill(&mut ld.name, str_field(o.get("name")));
        fill(&mut ld.author, authors(o.get("author")));
        fill(&mut ld.published, str_field(o.get("datePublished")));
        fill(&mut ld.image, image_field(o.get("image")));
        fill(&mut ld.lang, str_field(o.get("inLanguage")));
    }
}

fn str_field(v: Option<&Value>) -> Option<String> {
    match v? {
        Value::String(s) => Some(normalize_space(&html_unescape_basic(s))),
        Value::Array(a) => a.iter().find_map(|x| str_field(Some(x))),
        _ => None,
    }
}

fn authors(v: Option<&Value>) -> Option<String> {
    let names: Vec<String> = match v? {
        Value::String(s) => vec![normalize_space(s)],
        Value::Object(o) => str_field(o.get("name")).into_iter().collect(),
        Value::Array(a) => a
            .iter()
            .filter_map(|x| match x {
                Value::String(s) => Some(normalize_space(s)),
                Value::Object(o) => str_field(o.get("name")),
                _ => None,
            })
            .collect(),
        _ => Vec::new(),
    };
    let names: Vec<String> = names
        .into_iter()
        .filter(|n| !n.is_empty() && !looks_like_url(n))
        .collect();
    (!names.is_empty()).then(|| names.join(", "))
}

fn image_field(v: Option<&Value>) -> Option<String> {
    match v? {
        Value::String(s) => Some(s.trim().to_owned()),
        Value::Object(o) => str_field(o.get("url")).or_else(|| str_field(o.get("contentUrl"))),
        Value::Array(a) => a.iter().find_map(|x| image_field(Some(x))),
        _ => None,
    }
}

/// JSON-LD strings sometimes carry HTML entities for quotes and ampersands.
fn html_unescape_basic(s: &str) -> String {
    if !s.contains('&') {
        return s.to_owned();
    }
    s.replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&apos;", "'")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
}

fn looks_like_url(s: &str) -> bool {
    s.starts_with("http://") || s.starts_with("https://") || s.starts_with("www.")
}

/// Resolves `href` against the page URL; only http(s) URLs are kept.
pub fn absolute_url(base: Option<&Url>, href: &str) -> Option<String> {
    let href = href.trim();
    if href.is_empty() {
        return None;
    }
    let url = match base {
        Some(b) => b.join(href).ok()?,
        None => Url::parse(href).ok()?,
    };
    matches!(url.scheme(), "http" | "https").then(|| url.to_string())
}

const SEPARATORS: [&str; 8] = [" | ", " - ", " – ", " — ", " \\ ", " / ", " > ", " » "];

fn word_count(s: &str) -> usize {
    s.split_whitespace().count()
}

/// The document `<title>` without the site name publishers append or prepend.
fn clean_title(dom: &Dom, title: &str) -> String {
    let original = title.trim().to_owned();
    let mut best = original.clone();
    let mut had_separator = false;
    let last_sep = SEPARATORS
        .iter()
        .filter_map(|s| original.rfind(s).map(|i| (i, s.len())))
        .max();
    if let Some((i, _)) = last_sep {
        had_separator = true;
        best = original[..i].trim().to_owned();
        if word_count(&best) < 3 {
            let first_sep = SEPARATORS
                .iter()
                .filter_map(|s| original.find(s).map(|i| (i, s.len())))
                .min();
            if let Some((j, len)) = first_sep {
                best = original[j + len..].trim().to_owned();
            }
        }
    } else if let Some(colon) = original.rfind(": ") {
        let headings_match = dom.descendants(0).any(|n| {
            matches!(dom.tag(n), Some("h1" | "h2")) && normalize_space(&dom.text(n)) == original
        });
        if !headings_match {
            best = original[colon + 2..].trim().to_owned();
            if word_count(&best) < 3 {
                if let Some(first) = original.find(": ") {
                    best = original[first + 2..].trim().to_owned();
                }
            } else if let Some(first) = original.find(": ")
                && word_count(&original[..first]) > 5
            {
                best = original.clone();
            }
        }
    }
    let chars = best.chars().count();
    if !(15..=150).contains(&chars) {
        let h1s: Vec<NodeId> = dom
            .descendants(0)
            .filter(|&n| dom.is(n, "h1"))
            .take(2)
            .collect();
        if h1s.len() == 1 {
            best = normalize_space(&dom.text(h1s[0]));
        }
    }
    let words = word_count(&best);
    if words <= 4 && (!had_separator || words + 1 != word_count(&original)) {
        best = original;
    }
    best
}
