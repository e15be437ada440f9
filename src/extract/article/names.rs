//! The tag, class and id names the scoring reads: what is never content, what is likely or
//! unlikely to be, and which elements are blocks or phrasing; and what an element's names
//! and attributes say of it.

use super::dom::{Dom, NodeId};
use super::score::Flags;

/// Elements that are never content and go before anything else.
pub(super) const NEVER_CONTENT: &[&str] = &[
    "script", "style", "noscript", "template", "iframe", "frame", "frameset", "object", "embed",
    "applet", "canvas", "svg", "link", "meta", "base", "title", "head", "input", "button",
    "select", "textarea", "option", "optgroup", "datalist", "output", "dialog", "audio", "video",
    "source", "track", "nav", "aside", "menu", "label", "fieldset", "progress", "meter",
];

/// Class or id fragments of boilerplate containers.
pub(super) const UNLIKELY: &[&str] = &[
    "-ad-",
    "ad-break",
    "adbox",
    "advert",
    "agegate",
    "ai2html",
    "banner",
    "breadcrumb",
    "combx",
    "comment",
    "community",
    "consent",
    "cookie",
    "cover-wrap",
    "disqus",
    "extra",
    "footer",
    "gdpr",
    "header",
    "legends",
    "menu",
    "newsletter",
    "pager",
    "pagination",
    "popup",
    "related",
    "remark",
    "replies",
    "rss",
    "shoutbox",
    "sidebar",
    "skyscraper",
    "social",
    "sponsor",
    "subscribe",
    "supplemental",
    "yom-remote",
];

/// Class or id fragments that rescue an element from [`UNLIKELY`].
pub(super) const MAYBE: &[&str] = &[
    "and", "article", "body", "column", "content", "main", "mathjax", "shadow",
];

/// Class or id fragments that lower a container's score.
pub(super) const NEGATIVE: &[&str] = &[
    "-ad-",
    "banner",
    "combx",
    "comment",
    "com-",
    "contact",
    "cookie",
    "footer",
    "gdpr",
    "masthead",
    "media",
    "meta",
    "newsletter",
    "outbrain",
    "promo",
    "related",
    "scroll",
    "share",
    "shoutbox",
    "sidebar",
    "skyscraper",
    "sponsor",
    "shopping",
    "subscribe",
    "tags",
    "widget",
];

/// Class or id fragments that raise a container's score.
pub(super) const POSITIVE: &[&str] = &[
    "article",
    "body",
    "content",
    "entry",
    "hentry",
    "h-entry",
    "main",
    "page",
    "pagination",
    "post",
    "text",
    "blog",
    "story",
];

/// ARIA roles of boilerplate.
pub(super) const UNLIKELY_ROLES: &[&str] = &[
    "menu",
    "menubar",
    "complementary",
    "navigation",
    "alert",
    "alertdialog",
    "dialog",
];

/// Elements whose presence makes a `div` more than a paragraph.
pub(super) const BLOCKS: &[&str] = &[
    "blockquote",
    "dl",
    "div",
    "img",
    "ol",
    "p",
    "pre",
    "table",
    "ul",
    "section",
    "article",
    "header",
    "footer",
    "figure",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "hr",
];

/// Elements that are phrasing content (may sit inside a paragraph).
pub(super) const PHRASING: &[&str] = &[
    "abbr", "b", "bdi", "bdo", "br", "cite", "code", "data", "dfn", "em", "i", "img", "kbd",
    "mark", "q", "s", "samp", "small", "span", "strong", "sub", "sup", "time", "u", "var", "wbr",
    "a", "del", "ins", "font", "picture", "strike", "tt", "big",
];

pub(super) fn class_id(dom: &Dom, n: NodeId) -> String {
    let mut s = String::new();
    if let Some(c) = dom.attr(n, "class") {
        s.push_str(c);
    }
    s.push(' ');
    if let Some(i) = dom.attr(n, "id") {
        s.push_str(i);
    }
    s.to_lowercase()
}

pub(super) fn contains_any(hay: &str, needles: &[&str]) -> bool {
    needles.iter().any(|n| hay.contains(n))
}

/// Whether a class or id holds an advertising token (`ad`, `ads`, `advert...`).
pub(super) fn has_ad_token(hay: &str) -> bool {
    hay.split(|c: char| !c.is_ascii_alphanumeric())
        .any(|t| matches!(t, "ad" | "ads" | "advertisement" | "adsense" | "dfp"))
}

/// The class/id weight of an element: -25 or +25 for its class, the same for its id.
pub(super) fn class_weight(dom: &Dom, n: NodeId, flags: Flags) -> f64 {
    if !flags.weigh_classes {
        return 0.0;
    }
    let mut w = 0.0;
    for key in ["class", "id"] {
        if let Some(v) = dom.attr(n, key) {
            let v = v.to_lowercase();
            if contains_any(&v, NEGATIVE) || has_ad_token(&v) {
                w -= 25.0;
            }
            if contains_any(&v, POSITIVE) {
                w += 25.0;
            }
        }
    }
    w
}

/// Whether an element is hidden from readers by attribute or inline style.
pub(super) fn is_hidden(dom: &Dom, n: NodeId) -> bool {
    if dom.attr(n, "hidden").is_some() {
        return true;
    }
    if dom
        .attr(n, "aria-hidden")
        .is_some_and(|v| v.trim() == "true")
        && !dom
            .attr(n, "class")
            .is_some_and(|c| c.contains("fallback-image"))
    {
        return true;
    }
    if let Some(style) = dom.attr(n, "style") {
        let style: String = style
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect::<String>()
            .to_lowercase();
        if style.contains("display:none") || style.contains("visibility:hidden") {
            return true;
        }
    }
    false
}

pub(super) fn has_ancestor(dom: &Dom, n: NodeId, tags: &[&str], max: usize) -> bool {
    let mut cur = dom.nodes[n].parent;
    let mut steps = 0;
    while let Some(p) = cur {
        if max > 0 && steps >= max {
            return false;
        }
        if dom.tag(p).is_some_and(|t| tags.contains(&t)) {
            return true;
        }
        cur = dom.nodes[p].parent;
        steps += 1;
    }
    false
}
