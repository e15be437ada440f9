//! Writes the chosen article nodes out as clean, safe HTML.
//!
//! The output keeps the structure a reader needs (paragraphs, headings, lists, quotes, tables,
//! code, figures with captions, links, images) and nothing that could act: only elements and
//! attributes on an allowlist are written, links and images must resolve to `http(s)` (links
//! also `mailto`), and every text and attribute value is escaped and loses its control
//! characters (terminal escapes, bidi overrides). Scripts, styles, iframes,
//! forms and event handlers therefore cannot appear, whatever the page held. Unknown inline
//! elements are replaced by their content; unknown containers become `div`s.

use url::Url;

use super::dom::{Dom, NodeData, NodeId};
use crate::sanitize::is_invisible_control;

/// Elements written as they are, without attributes.
const KEEP: &[&str] = &[
    "p",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "ul",
    "ol",
    "li",
    "dl",
    "dt",
    "dd",
    "blockquote",
    "q",
    "pre",
    "code",
    "kbd",
    "samp",
    "var",
    "em",
    "i",
    "strong",
    "b",
    "u",
    "s",
    "del",
    "ins",
    "mark",
    "small",
    "sub",
    "sup",
    "abbr",
    "cite",
    "br",
    "hr",
    "figure",
    "figcaption",
    "table",
    "caption",
    "thead",
    "tbody",
    "tfoot",
    "tr",
    "div",
];

/// Containers written as a `div`.
const AS_DIV: &[&str] = &[
    "section", "article", "main", "header", "footer", "address", "center", "details", "summary",
    "hgroup", "body",
];

/// Elements written with nothing inside.
const VOID: &[&str] = &["br", "hr", "img"];

/// Elements dropped with their content even if cleaning missed them.
const DROP: &[&str] = &[
    "script", "style", "noscript", "template", "iframe", "frame", "frameset", "object", "embed",
    "applet", "canvas", "svg", "link", "meta", "base", "title", "head", "form", "input", "button",
    "select", "textarea", "option", "optgroup", "datalist", "output", "dialog", "audio", "video",
    "source", "track", "param", "label", "fieldset",
];

/// Serialises `nodes` (and their subtrees) as sanitised HTML.
pub fn write_html(dom: &Dom, nodes: &[NodeId], base: Option<&Url>) -> String {
    let mut out = String::new();
    for &n in nodes {
        write_node(dom, n, base, &mut out);
    }
    out
}

/// One step of the iterative walk: enter a node, or close an element.
enum Step {
    Enter(NodeId),
    Close(&'static str),
}

fn write_node(dom: &Dom, root: NodeId, base: Option<&Url>, out: &mut String) {
    let mut stack = vec![Step::Enter(root)];
    while let Some(step) = stack.pop() {
        let n = match step {
            Step::Close(tag) => {
                out.push_str("</");
                out.push_str(tag);
                out.push('>');
                continue;
            }
            Step::Enter(n) => n,
        };
        let tag = match &dom.nodes[n].data {
            NodeData::Text(t) => {
                escape_text(t, out);
                continue;
            }
            NodeData::Element { name, html, .. } => {
                if !*html {
                    // SVG went with the other never-content elements; what is left in a
                    // foreign namespace is MathML, written as its text.
                    push_children(dom, n, &mut stack);
                    continue;
                }
                &**name
            }
            _ => continue,
        };
        if DROP.contains(&tag) {
            continue;
        }
        let written: Option<&'static str> = match tag {
            "h1" => Some("h2"),
            "a" => {
                match dom.attr(n, "href").and_then(|h| link_url(base, h)) {
                    Some(href) => {
                        out.push_str("<a href=\"");
                        escape_attr(&href, out);
                        out.push_str("\">");
                        stack.push(Step::Close("a"));
                        push_children(dom, n, &mut stack);
                    }
                    None => push_children(dom, n, &mut stack),
                }
                continue;
            }
            "img" => {
                write_img(dom, n, base, out);
                continue;
            }
            "td" | "th" => {
                let t: &'static str = if tag == "td" { "td" } else { "th" };
                out.push('<');
                out.push_str(t);
                for key in ["colspan", "rowspan"] {
                    if let Some(v) = dom.attr(n, key)
                        && let Ok(v) = v.trim().parse::<u16>()
                    {
                        out.push_str(&format!(" {key}=\"{v}\""));
                    }
                }
                out.push('>');
                stack.push(Step::Close(t));
                push_children(dom, n, &mut stack);
                continue;
            }
            t => KEEP
                .iter()
                .find(|k| **k == t)
                .copied()
                .or_else(|| AS_DIV.contains(&t).then_some("div")),
        };
        match written {
            Some(t) => {
                out.push('<');
                out.push_str(t);
                out.push('>');
                if !VOID.contains(&t) {
                    stack.push(Step::Close(t));
                    push_children(dom, n, &mut stack);
                }
            }
            None => push_children(dom, n, &mut stack),
        }
    }
}

fn push_children(dom: &Dom, n: NodeId, stack: &mut Vec<Step>) {
    let children: Vec<NodeId> = dom.children(n).collect();
    for c in children.into_iter().rev() {
        stack.push(Step::Enter(c));
    }
}

fn write_img(dom: &Dom, n: NodeId, base: Option<&Url>, out: &mut String) {
    let src = ["src", "data-src", "data-original", "data-lazy-src"]
        .iter()
        .filter_map(|k| dom.attr(n, k))
        .find(|s| !s.trim().is_empty() && !s.trim_start().starts_with("data:"))
        .or_else(|| {
            ["srcset", "data-srcset"]
                .iter()
                .filter_map(|k| dom.attr(n, k))
                .filter_map(|s| s.split(',').next())
                .find_map(|s| s.split_whitespace().next())
        });
    let Some(src) = src.and_then(|s| super::meta::absolute_url(base, s)) else {
        return;
    };
    out.push_str("<img src=\"");
    escape_attr(&src, out);
    out.push('"');
    if let Some(alt) = dom.attr(n, "alt") {
        out.push_str(" alt=\"");
        escape_attr(alt, out);
        out.push('"');
    }
    out.push('>');
}

/// A link target that is safe to keep: absolute `http(s)` or `mailto`.
fn link_url(base: Option<&Url>, href: &str) -> Option<String> {
    let href = href.trim();
    if href.is_empty() || href.starts_with('#') {
        return None;
    }
    let url = match base {
        Some(b) => b.join(href).ok()?,
        None => Url::parse(href).ok()?,
    };
    matches!(url.scheme(), "http" | "https" | "mailto").then(|| url.to_string())
}

fn escape_text(s: &str, out: &mut String) {
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '\u{a0}' => out.push_str("&nbsp;"),
            '\n' | '\t' => out.push(c),
            c if is_invisible_control(c) => {}
            c => out.push(c),
        }
    }
}

fn escape_attr(s: &str, out: &mut String) {
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '"' => out.push_str("&quot;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            c if is_invisible_control(c) => {}
            c => out.push(c),
        }
    }
}
