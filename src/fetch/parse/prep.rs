//! Rewrites applied to a feed document *before* feed-rs reads it, for the constructs
//! feed-rs mishandles but that say something we keep: base64 text in Atom, Dublin Core,
//! iTunes and Media RSS stand-ins for core RSS elements, RSS 1.0 items without `<link>`,
//! XHTML bodies in RSS items, Atom links written as element text, and a few well-known kinds
//! of broken XML (DOCTYPE entities are expanded in `doctype`).
//!
//! Each rewrite only ever *adds* the core element a reader expects when the document lacks
//! it (an item's own `<title>` always wins over `dc:title`), or decodes what feed-rs would
//! otherwise reject. Nothing here runs unless a cheap byte scan says it may matter, and the
//! caller keeps the original document when the rewritten one does not parse.

use std::borrow::Cow;

use quick_xml::events::{BytesStart, BytesText, Event};
use quick_xml::name::ResolveResult;
use quick_xml::reader::NsReader;
use quick_xml::writer::Writer;

const RSS10: &str = "http://purl.org/rss/1.0/";
const RSS090: &str = "http://my.netscape.com/rdf/simple/0.9/";
const DC: &str = "http://purl.org/dc/elements/1.1/";
const DCTERMS: &str = "http://purl.org/dc/terms/";
const ITUNES: &str = "http://www.itunes.com/dtds/podcast-1.0.dtd";
const MEDIA: &str = "http://search.yahoo.com/mrss/";
const XHTML: &str = "http://www.w3.org/1999/xhtml";
const ATOM10: &str = "http://www.w3.org/2005/Atom";
const ATOM03: &str = "http://purl.org/atom/ns#";
const CONTENT: &str = "http://purl.org/rss/1.0/modules/content/";

/// Byte strings whose presence means the structural rewrite may change something.
const MARKERS: &[&[u8]] = &[
    b"base64",
    b"octet-stream",
    b"type=\"\"",
    b"purl.org/dc/",
    b"itunes.com/",
    b"search.yahoo.com/mrss",
    b"<body",
    b"fullitem",
    b"xhtml",
    b"purl.org/atom/ns#",
    b"rdf/simple/0.9",
    // RSS 1.0's namespace, closed by the attribute's quote (with or without its slash). Not
    // `purl.org/rss/1.0/` alone: that begins the namespace of `content:encoded`
    // (`purl.org/rss/1.0/modules/content/`), which most RSS 2.0 feeds declare, and made
    // nearly every feed take the rewrite's full pass for nothing (9% of a cold refresh's
    // parsing time in the refresh bench).
    b"purl.org/rss/1.0/\"",
    b"purl.org/rss/1.0/'",
    b"purl.org/rss/1.0\"",
    b"purl.org/rss/1.0'",
    b"<CHANNEL",
];

/// True when [`rewrite`] may have work to do: a cheap scan, so that most documents skip it.
pub(super) fn worth_rewriting(doc: &[u8]) -> bool {
    MARKERS.iter().any(|m| memfind(doc, m).is_some())
}

/// The document with the fallbacks described in the module docs applied, or `None` when
/// nothing changed or the document is not well-formed enough to rewrite safely (it must be
/// UTF-8 text).
pub(super) fn rewrite(doc: &[u8]) -> Option<Vec<u8>> {
    let text = std::str::from_utf8(doc).ok()?;
    let mut root = build_tree(text)?;
    if let Some(channel) = root
        .nodes()
        .find(|n| n.ns.is_none() && n.local.eq_ignore_ascii_case("channel"))
    {
        return cdf_to_atom(channel);
    }
    let mut changed = false;
    transform(&mut root, &mut changed);
    if !changed {
        return None;
    }
    let mut writer = Writer::new(Vec::with_capacity(doc.len() + 256));
    for child in &root.children {
        write_child(&mut writer, child).ok()?;
    }
    Some(writer.into_inner())
}

/// An element with its resolved namespace and its content.
#[derive(Clone, Debug)]
struct Node {
    start: BytesStart<'static>,
    ns: Option<String>,
    local: String,
    children: Vec<Child>,
}

#[derive(Clone, Debug)]
enum Child {
    Node(Node),
    Event(Event<'static>),
}

impl Node {
    fn is(&self, ns: &str, local: &str) -> bool {
        self.local == local && self.ns.as_deref().is_some_and(|n| same_ns(n, ns))
    }

    fn nodes(&self) -> impl Iterator<Item = &Node> {
        self.children.iter().filter_map(|c| match c {
            Child::Node(n) => Some(n),
            Child::Event(_) => None,
        })
    }

    fn nodes_mut(&mut self) -> impl Iterator<Item = &mut Node> {
        self.children.iter_mut().filter_map(|c| match c {
            Child::Node(n) => Some(n),
            Child::Event(_) => None,
        })
    }

    fn has_child(&self, ns: Option<&str>, local: &str) -> bool {
        self.nodes()
            .any(|n| n.local == local && ns_eq(n.ns.as_deref(), ns))
    }

    fn attr(&self, name: &str) -> Option<String> {
        self.start
            .attributes()
            .flatten()
            .find(|a| a.key.as_ref() == name.as_bytes())
            .and_then(|a| a.unescape_value().ok().map(Cow::into_owned))
    }

    /// Concatenated character data of this element and its descendants, unescaped.
    fn text(&self) -> String {
        let mut out = String::new();
        collect_text(&self.children, &mut out);
        out
    }

    /// A new element called `prefix + local` (the prefix of `like`) holding `children`.
    fn sibling_named(like: &Node, local: &str, children: Vec<Child>) -> Node {
        let name = String::from_utf8_lossy(like.start.name().as_ref()).into_owned();
        let qname = match name.split_once(':') {
            Some((prefix, _)) => format!("{prefix}:{local}"),
            None => local.to_string(),
        };
        Node {
            start: BytesStart::new(qname),
            ns: like.ns.clone(),
            local: local.to_string(),
            children,
        }
    }

    /// A new element in namespace `ns`, declared inline with its own prefix.
    fn foreign(prefix: &str, ns: &str, local: &str, children: Vec<Child>) -> Node {
        let mut start = BytesStart::new(format!("{prefix}:{local}"));
        start.push_attribute((format!("xmlns:{prefix}").as_str(), ns));
        Node {
            start,
            ns: Some(ns.to_string()),
            local: local.to_string(),
            children,
        }
    }
}

fn collect_text(children: &[Child], out: &mut String) {
    for child in children {
        match child {
            Child::Node(n) => collect_text(&n.children, out),
            Child::Event(Event::Text(t)) => {
                if let Ok(s) = t.unescape() {
                    out.push_str(&s);
                }
            }
            Child::Event(Event::CData(c)) => out.push_str(&String::from_utf8_lossy(c)),
            Child::Event(_) => {}
        }
    }
}

/// Namespace URIs compared the way feeds need: iTunes is written with any case.
fn same_ns(a: &str, b: &str) -> bool {
    a.eq_ignore_ascii_case(b) || a.trim_end_matches('/') == b.trim_end_matches('/')
}

fn ns_eq(a: Option<&str>, b: Option<&str>) -> bool {
    match (a, b) {
        (Some(a), Some(b)) => same_ns(a, b),
        (None, None) => true,
        _ => false,
    }
}

fn text_child(text: &str) -> Child {
    Child::Event(Event::Text(BytesText::new(text).into_owned()))
}

/// Reads the whole document into a tree; `None` on malformed XML.
fn build_tree(text: &str) -> Option<Node> {
    let mut reader = NsReader::from_reader(text.as_bytes());
    reader.config_mut().expand_empty_elements = false;
    let mut stack = vec![Node {
        start: BytesStart::new(""),
        ns: None,
        local: String::new(),
        children: Vec::new(),
    }];
    let mut buf = Vec::new();
    loop {
        let event = reader.read_event_into(&mut buf).ok()?;
        match event {
            Event::Eof => break,
            Event::Start(ref e) | Event::Empty(ref e) => {
                let (resolved, local) = reader.resolve_element(e.name());
                let ns = match resolved {
                    ResolveResult::Bound(ns) => Some(String::from_utf8_lossy(ns.0).into_owned()),
                    _ => None,
                };
                let node = Node {
                    start: e.clone().into_owned(),
                    ns,
                    local: String::from_utf8_lossy(local.as_ref()).into_owned(),
                    children: Vec::new(),
                };
                if matches!(event, Event::Start(_)) {
                    stack.push(node);
                } else {
                    stack.last_mut()?.children.push(Child::Node(node));
                }
            }
            Event::End(_) => {
                let node = stack.pop()?;
                stack.last_mut()?.children.push(Child::Node(node));
            }
            other => stack
                .last_mut()?
                .children
                .push(Child::Event(other.into_owned())),
        }
        buf.clear();
    }
    if stack.len() != 1 {
        return None;
    }
    stack.pop()
}

fn write_child(writer: &mut Writer<Vec<u8>>, child: &Child) -> std::io::Result<()> {
    match child {
        Child::Event(e) => writer.write_event(e.clone()),
        Child::Node(n) if n.children.is_empty() => {
            writer.write_event(Event::Empty(n.start.clone()))
        }
        Child::Node(n) => {
            writer.write_event(Event::Start(n.start.clone()))?;
            for c in &n.children {
                write_child(writer, c)?;
            }
            writer.write_event(Event::End(n.start.to_end()))
        }
    }
}

/// Applies the rewrites to `node` and everything below it.
fn transform(node: &mut Node, changed: &mut bool) {
    let atom = node
        .ns
        .as_deref()
        .is_some_and(|n| same_ns(n, ATOM10) || same_ns(n, ATOM03));
    if atom {
        if atom_text_construct(node) {
            *changed = true;
        }
        let ty = node.attr("type");
        if matches!(ty.as_deref(), Some("xhtml" | "application/xhtml+xml"))
            && escape_references(&mut node.children)
        {
            *changed = true;
        }
        if node.local == "link" && node.attr("href").is_none() {
            let href = node.text();
            let href = href.trim();
            if !href.is_empty() {
                node.start.push_attribute(("href", href));
                node.children.clear();
                *changed = true;
            }
        }
        if matches!(node.local.as_str(), "entry" | "feed")
            && node.ns.as_deref().is_some_and(|n| same_ns(n, ATOM03))
        {
            for (old, new) in [("issued", "published"), ("modified", "updated")] {
                if node.has_child(node.ns.clone().as_deref(), new) {
                    continue;
                }
                let ns = node.ns.clone();
                if let Some(n) = node
                    .nodes_mut()
                    .find(|n| n.local == old && ns_eq(n.ns.as_deref(), ns.as_deref()))
                {
                    let kids = std::mem::take(&mut n.children);
                    let renamed = Node::sibling_named(n, new, kids);
                    *n = renamed;
                    *changed = true;
                }
            }
        }
    }
    if atom
        && node.local == "entry"
        && !node.has_child(node.ns.clone().as_deref(), "summary")
        && !node.has_child(node.ns.clone().as_deref(), "content")
        && let Some(description) = media_child(node, "description")
    {
        let text = description.text();
        node.children.push(Child::Node(Node::sibling_named(
            node,
            "summary",
            vec![text_child(&text)],
        )));
        *changed = true;
    }
    let rss_core = |n: &Node| {
        n.ns.is_none()
            || n.ns
                .as_deref()
                .is_some_and(|ns| same_ns(ns, RSS10) || same_ns(ns, RSS090))
    };
    if node.local == "item" && rss_core(node) {
        rss_item(node, changed);
    } else if node.local == "channel"
        && rss_core(node)
        && !node.has_child(node.ns.clone().as_deref(), "title")
    {
        let title = node.nodes().find(|n| n.is(DC, "title")).cloned();
        if let Some(title) = title {
            let new = Node::sibling_named(node, "title", title.children);
            node.children.push(Child::Node(new));
            *changed = true;
        }
    }
    for child in node.nodes_mut() {
        transform(child, changed);
    }
}

/// Inline XHTML: feed-rs re-serialises it with its character data unescaped, so that
/// `&lt;blink&gt;` would come back as a `<blink>` tag. Escaping every reference once more
/// makes the re-serialised markup say what the document said. Returns whether any changed.
fn escape_references(children: &mut [Child]) -> bool {
    let mut changed = false;
    for child in children {
        match child {
            Child::Node(n) => changed |= escape_references(&mut n.children),
            Child::Event(Event::Text(t)) if t.contains(&b'&') => {
                let raw = String::from_utf8_lossy(t).replace('&', "&amp;");
                *t = BytesText::from_escaped(raw).into_owned();
                changed = true;
            }
            Child::Event(_) => {}
        }
    }
    changed
}

/// A Channel Definition Format document (Microsoft's pre-RSS push format: `<CHANNEL
/// HREF>` holding `<ITEM HREF LASTMOD>` with `<TITLE>` and `<ABSTRACT>`) as the Atom 1.0
/// document that says the same, which feed-rs reads.
fn cdf_to_atom(channel: &Node) -> Option<Vec<u8>> {
    fn child_text(node: &Node, local: &str) -> Option<String> {
        node.nodes()
            .find(|n| n.local.eq_ignore_ascii_case(local))
            .map(Node::text)
            .filter(|t| !t.trim().is_empty())
    }
    fn attr_ci(node: &Node, name: &str) -> Option<String> {
        node.start
            .attributes()
            .flatten()
            .find(|a| a.key.as_ref().eq_ignore_ascii_case(name.as_bytes()))
            .and_then(|a| a.unescape_value().ok().map(Cow::into_owned))
            .filter(|v| !v.trim().is_empty())
    }
    fn element(w: &mut Writer<Vec<u8>>, name: &str, text: &str) -> std::io::Result<()> {
        w.write_event(Event::Start(BytesStart::new(name)))?;
        w.write_event(Event::Text(BytesText::new(text)))?;
        w.write_event(Event::End(BytesStart::new(name).to_end()))
    }
    fn link(w: &mut Writer<Vec<u8>>, href: &str) -> std::io::Result<()> {
        let mut start = BytesStart::new("link");
        start.push_attribute(("rel", "alternate"));
        start.push_attribute(("href", href));
        w.write_event(Event::Empty(start))
    }
    let mut w = Writer::new(Vec::new());
    let mut feed = BytesStart::new("feed");
    feed.push_attribute(("xmlns", ATOM10));
    w.write_event(Event::Start(feed)).ok()?;
    if let Some(title) = child_text(channel, "title") {
        element(&mut w, "title", &title).ok()?;
    }
    if let Some(abstract_) = child_text(channel, "abstract") {
        element(&mut w, "subtitle", &abstract_).ok()?;
    }
    if let Some(href) = attr_ci(channel, "href") {
        link(&mut w, &href).ok()?;
    }
    for item in channel
        .nodes()
        .filter(|n| n.local.eq_ignore_ascii_case("item"))
    {
        w.write_event(Event::Start(BytesStart::new("entry"))).ok()?;
        if let Some(title) = child_text(item, "title") {
            element(&mut w, "title", &title).ok()?;
        }
        if let Some(abstract_) = child_text(item, "abstract") {
            element(&mut w, "summary", &abstract_).ok()?;
        }
        if let Some(href) = attr_ci(item, "href") {
            link(&mut w, &href).ok()?;
        }
        if let Some(lastmod) = attr_ci(item, "lastmod") {
            element(&mut w, "updated", &lastmod).ok()?;
        }
        w.write_event(Event::End(BytesStart::new("entry").to_end()))
            .ok()?;
    }
    w.write_event(Event::End(BytesStart::new("feed").to_end()))
        .ok()?;
    Some(w.into_inner())
}

/// Base64 text (Atom 0.3 `mode="base64"`, Atom 1.0 non-text media types) decoded, and an
/// empty `type` dropped. Returns whether it changed `node`.
fn atom_text_construct(node: &mut Node) -> bool {
    let ty = node.attr("type");
    let mode = node.attr("mode");
    let is_text_type = |t: &str| {
        let t = t.to_ascii_lowercase();
        !t.contains('/') || t.starts_with("text/") || t.ends_with("xml")
    };
    let base64 =
        mode.as_deref() == Some("base64") || ty.as_deref().is_some_and(|t| !is_text_type(t));
    if base64 {
        let decoded = decode_base64(&node.text()).and_then(|b| String::from_utf8(b).ok());
        let Some(decoded) = decoded else {
            return false;
        };
        let keep_type = ty.filter(|t| is_text_type(t));
        let mut start =
            BytesStart::new(String::from_utf8_lossy(node.start.name().as_ref()).into_owned());
        for a in node.start.attributes().flatten() {
            if a.key.as_ref() != b"mode" && a.key.as_ref() != b"type" {
                start.push_attribute(a);
            }
        }
        // Bytes of a non-text media type are shown as text, never taken for markup.
        start.push_attribute(("type", keep_type.as_deref().unwrap_or("text")));
        node.start = start;
        node.children = vec![text_child(&decoded)];
        return true;
    }
    // Atom 0.3's media types for text constructs, also met in Atom 1.0 documents, become
    // the Atom 1.0 keywords that mean the same; an empty type is no type.
    let keyword = match ty.as_deref() {
        Some("") => None,
        Some("application/xhtml+xml") => Some("xhtml"),
        Some("text/plain") => Some("text"),
        _ => return false,
    };
    let mut start =
        BytesStart::new(String::from_utf8_lossy(node.start.name().as_ref()).into_owned());
    for a in node.start.attributes().flatten() {
        if a.key.as_ref() != b"type" {
            start.push_attribute(a);
        }
    }
    if let Some(keyword) = keyword {
        start.push_attribute(("type", keyword));
    }
    node.start = start;
    true
}

/// Fills an RSS item's missing core elements from their well-known stand-ins.
fn rss_item(item: &mut Node, changed: &mut bool) {
    let core = item.ns.clone();
    let core = core.as_deref();
    let mut added: Vec<Node> = Vec::new();
    let in_group = media_child;
    if !item.has_child(core, "title") {
        let from = item
            .nodes()
            .find(|n| n.is(DC, "title"))
            .cloned()
            .or_else(|| in_group(item, "title"));
        if let Some(from) = from {
            added.push(Node::sibling_named(item, "title", from.children));
        }
    }
    if !item.has_child(core, "description") {
        let from = item
            .nodes()
            .find(|n| n.is(DC, "description") || n.is(ITUNES, "summary"))
            .cloned()
            .or_else(|| in_group(item, "description"));
        if let Some(from) = from {
            let text = from.text();
            added.push(Node::sibling_named(
                item,
                "description",
                vec![text_child(&text)],
            ));
        }
    }
    if !item.has_child(core, "author") && !item.nodes().any(|n| n.is(DC, "creator")) {
        let from = item
            .nodes()
            .find(|n| n.is(DC, "author") || n.is(ITUNES, "author"))
            .map(Node::text);
        if let Some(name) = from.filter(|t| !t.trim().is_empty()) {
            added.push(Node::foreign(
                "dc",
                DC,
                "creator",
                vec![text_child(name.trim())],
            ));
        }
    }
    if !item.has_child(core, "category") {
        let mut terms = Vec::new();
        collect_categories(item, &mut terms);
        for term in terms {
            added.push(Node::sibling_named(
                item,
                "category",
                vec![text_child(&term)],
            ));
        }
    }
    if !item.has_child(core, "pubDate") && !item.nodes().any(|n| n.is(DC, "date")) {
        let from = item
            .nodes()
            .find(|n| n.is(DCTERMS, "issued") || n.is(DCTERMS, "created"))
            .map(Node::text);
        if let Some(date) = from {
            added.push(Node::foreign(
                "dc",
                DC,
                "date",
                vec![text_child(date.trim())],
            ));
        }
    }
    if !item.nodes().any(|n| n.is(CONTENT, "encoded")) {
        let body = item.nodes().find(|n| {
            (n.local == "body" && (n.ns.is_none() || n.is(XHTML, "body")))
                || (n.local == "fullitem" && n.ns.is_none())
        });
        if let Some(body) = body {
            let html = if body.nodes().next().is_some() {
                serialise_children(body)
            } else {
                Some(body.text())
            };
            if let Some(html) = html.filter(|h| !h.trim().is_empty()) {
                added.push(Node::foreign(
                    "content",
                    CONTENT,
                    "encoded",
                    vec![text_child(&html)],
                ));
            }
        }
    }
    let rdf_item = core.is_some_and(|ns| same_ns(ns, RSS10) || same_ns(ns, RSS090));
    if rdf_item && !item.has_child(core, "link") {
        let about = item
            .start
            .attributes()
            .flatten()
            .find(|a| a.key.as_ref().ends_with(b":about") || a.key.as_ref() == b"about")
            .and_then(|a| a.unescape_value().ok().map(Cow::into_owned));
        if let Some(about) = about.filter(|a| !a.trim().is_empty()) {
            added.push(Node::sibling_named(
                item,
                "link",
                vec![text_child(about.trim())],
            ));
        }
    }
    for duration in item.nodes_mut().filter(|n| n.is(ITUNES, "duration")) {
        if let Some(clock) = super::clock::with_hours(&duration.text()) {
            duration.children = vec![text_child(&clock)];
            *changed = true;
        }
    }
    if !added.is_empty() {
        *changed = true;
        item.children.extend(added.into_iter().map(Child::Node));
    }
}

/// The Media RSS element `local` of `item`, directly or inside a `media:group`.
fn media_child(item: &Node, local: &str) -> Option<Node> {
    item.nodes()
        .find(|n| n.is(MEDIA, local))
        .or_else(|| {
            item.nodes()
                .filter(|g| g.is(MEDIA, "group"))
                .find_map(|g| g.nodes().find(|n| n.is(MEDIA, local)))
        })
        .cloned()
}

/// Category terms from `dc:subject`, `itunes:category` (the `text` attribute, nested ones
/// included) and `media:category`, in document order.
fn collect_categories(item: &Node, out: &mut Vec<String>) {
    fn itunes(node: &Node, out: &mut Vec<String>) {
        if let Some(t) = node.attr("text").filter(|t| !t.trim().is_empty()) {
            out.push(t.trim().to_string());
        }
        for child in node.nodes().filter(|n| n.is(ITUNES, "category")) {
            itunes(child, out);
        }
    }
    for n in item.nodes() {
        if n.is(DC, "subject") || n.is(MEDIA, "category") {
            let t = n.text();
            if !t.trim().is_empty() {
                out.push(t.trim().to_string());
            }
        } else if n.is(ITUNES, "category") {
            itunes(n, out);
        }
    }
}

/// The markup inside `node`, serialised back to text.
fn serialise_children(node: &Node) -> Option<String> {
    let mut writer = Writer::new(Vec::new());
    for c in &node.children {
        write_child(&mut writer, c).ok()?;
    }
    String::from_utf8(writer.into_inner()).ok()
}

/// Decodes standard base64, ignoring whitespace; `None` if anything else is in the way.
fn decode_base64(text: &str) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(text.len() * 3 / 4);
    let mut acc: u32 = 0;
    let mut bits = 0;
    for c in text.bytes() {
        let v = match c {
            b'A'..=b'Z' => c - b'A',
            b'a'..=b'z' => c - b'a' + 26,
            b'0'..=b'9' => c - b'0' + 52,
            b'+' => 62,
            b'/' => 63,
            b'=' => break,
            c if c.is_ascii_whitespace() => continue,
            _ => return None,
        };
        acc = (acc << 6) | u32::from(v);
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((acc >> bits) as u8);
            acc &= (1 << bits) - 1;
        }
    }
    Some(out)
}

/// Repairs the breakage feedparser tolerates and an XML reader does not: a bare `&` that
/// starts no reference becomes `&amp;`, `&#X41;` becomes `&#x41;`, and a missing final `>`
/// on the closing root tag is added. `None` when nothing needed repair.
pub(super) fn repair_markup(doc: &[u8]) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(doc.len() + 16);
    let mut i = 0;
    while i < doc.len() {
        let c = doc[i];
        if c == b'&' {
            let tail = &doc[i + 1..];
            let end = tail.iter().take(40).position(|&b| b == b';');
            let valid = end.is_some_and(|end| {
                let name = &tail[..end];
                match name {
                    [b'#', b'x' | b'X', hex @ ..] => {
                        !hex.is_empty() && hex.iter().all(u8::is_ascii_hexdigit)
                    }
                    [b'#', dec @ ..] => !dec.is_empty() && dec.iter().all(u8::is_ascii_digit),
                    _ => {
                        !name.is_empty()
                            && name.iter().all(|b| b.is_ascii_alphanumeric() || *b == b'_')
                    }
                }
            });
            if !valid {
                out.extend_from_slice(b"&amp;");
                i += 1;
                continue;
            }
            if tail.starts_with(b"#X") {
                out.extend_from_slice(b"&#x");
                i += 3;
                continue;
            }
        }
        out.push(c);
        i += 1;
    }
    let trimmed = trim_ascii(&out);
    if let Some(lt) = trimmed.iter().rposition(|&b| b == b'<')
        && trimmed[lt..].starts_with(b"</")
        && !trimmed.ends_with(b">")
        && trimmed[lt + 2..]
            .iter()
            .all(|b| b.is_ascii_alphanumeric() || b":_-.".contains(b))
    {
        let len = trimmed.len();
        let offset = trimmed.as_ptr() as usize - out.as_ptr() as usize;
        out.truncate(offset + len);
        out.push(b'>');
    }
    (out != doc).then_some(out)
}

pub(super) fn trim_ascii(s: &[u8]) -> &[u8] {
    let start = s
        .iter()
        .position(|b| !b.is_ascii_whitespace())
        .unwrap_or(s.len());
    let end = s
        .iter()
        .rposition(|b| !b.is_ascii_whitespace())
        .map_or(start, |e| e + 1);
    &s[start..end]
}

pub(super) fn memfind(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    if needle.is_empty() || haystack.len() < needle.len() {
        return None;
    }
    memchr::memmem::find(haystack, needle)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_content_module_alone_is_not_worth_a_rewrite() {
        let rss2 = br#"<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><item><content:encoded>x</content:encoded></item></channel></rss>"#;
        assert!(!worth_rewriting(rss2));
        for rss1 in [
            &br#"<rdf:RDF xmlns="http://purl.org/rss/1.0/"><item/></rdf:RDF>"#[..],
            br#"<rdf:RDF xmlns='http://purl.org/rss/1.0/'><item/></rdf:RDF>"#,
            br#"<rdf:RDF xmlns:rss="http://purl.org/rss/1.0"><rss:item/></rdf:RDF>"#,
        ] {
            assert!(worth_rewriting(rss1), "{}", String::from_utf8_lossy(rss1));
        }
    }

    fn rewritten(doc: &str) -> String {
        String::from_utf8(rewrite(doc.as_bytes()).expect("something to rewrite")).unwrap()
    }

    #[test]
    fn base64_is_decoded_and_typed() {
        let out = rewritten(
            r#"<feed xmlns="http://www.w3.org/2005/Atom"><title type="application/octet-stream">RXhhbXBsZSA8Yj5BdG9tPC9iPg==</title></feed>"#,
        );
        assert!(
            out.contains(r#"<title type="text">Example &lt;b&gt;Atom&lt;/b&gt;</title>"#),
            "{out}"
        );
        let out = rewritten(
            r#"<feed xmlns="http://purl.org/atom/ns#"><title type="text/html" mode="base64">PGI+eDwvYj4=</title></feed>"#,
        );
        assert!(
            out.contains(r#"<title type="text/html">&lt;b&gt;x&lt;/b&gt;</title>"#),
            "{out}"
        );
        assert_eq!(decode_base64("aGk=\n"), Some(b"hi".to_vec()));
        assert_eq!(decode_base64("a*b"), None);
    }

    #[test]
    fn dublin_core_fills_missing_core_elements_only() {
        let out = rewritten(
            r#"<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/"><channel><item><dc:title>T</dc:title><dc:subject>S1</dc:subject><dc:subject>S2</dc:subject></item><item><title>own</title><dc:title>other</dc:title></item></channel></rss>"#,
        );
        assert!(out.contains("<title>T</title>"), "{out}");
        assert!(
            out.contains("<category>S1</category><category>S2</category>"),
            "{out}"
        );
        assert!(!out.contains("<title>other</title>"), "{out}");
        // Nothing to do: no rewrite at all.
        assert!(
            rewrite(b"<rss version=\"2.0\"><channel><item><title>a</title></item></channel></rss>")
                .is_none()
        );
    }

    #[test]
    fn cdf_becomes_atom() {
        let out = rewritten(
            r#"<CHANNEL HREF="http://e.org/"><TITLE>c</TITLE><ITEM HREF="http://e.org/1" LASTMOD="2004-04-06T23:05:43-05:00"><TITLE>i</TITLE><ABSTRACT>a &amp; b</ABSTRACT></ITEM></CHANNEL>"#,
        );
        assert!(
            out.starts_with(r#"<feed xmlns="http://www.w3.org/2005/Atom"><title>c</title>"#),
            "{out}"
        );
        assert!(out.contains(r#"<entry><title>i</title><summary>a &amp; b</summary><link rel="alternate" href="http://e.org/1"/><updated>2004-04-06T23:05:43-05:00</updated></entry>"#), "{out}");
    }

    #[test]
    fn rdf_item_without_link_gets_its_about() {
        let out = rewritten(
            r#"<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/"><item rdf:about="http://e.org/1"><title>t</title></item></rdf:RDF>"#,
        );
        assert!(out.contains("<link>http://e.org/1</link>"), "{out}");
    }

    #[test]
    fn broken_markup_is_repaired() {
        let out = repair_markup(b"<a href=\"x?a=1&b=2\">&#X41; &amp; &c</a").unwrap();
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "<a href=\"x?a=1&amp;b=2\">&#x41; &amp; &amp;c</a>"
        );
        assert!(repair_markup(b"<a>&amp;</a>").is_none());
    }
}
