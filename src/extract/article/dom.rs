//! A small arena document tree built by html5ever's spec-compliant tree builder.
//!
//! Article extraction needs a real tree (scores flow from paragraphs to their ancestors, and
//! whole subtrees are dropped), built exactly as a browser would build it from broken markup.
//! Nodes live in one `Vec` and point at each other by index, so dropping a tree is never
//! recursive and walking it never needs the call stack.
//!
//! Hostile input must neither crash nor hang: the tree builder scans its stack of open
//! elements for many start tags, which is quadratic in the nesting depth, so start tags that
//! would nest deeper than [`MAX_DEPTH`] are dropped before the tree builder sees them (their
//! content still arrives, one level up). Nothing here recurses over the tree.

use std::borrow::Cow;
use std::cell::{Cell, RefCell};
use std::rc::Rc;

use html5ever::buffer_queue::BufferQueue;
use html5ever::interface::{ElementFlags, NodeOrText, QuirksMode, TreeSink};
use html5ever::tendril::StrTendril;
use html5ever::tokenizer::{TagKind, Token, TokenSink, TokenSinkResult, Tokenizer, TokenizerOpts};
use html5ever::tree_builder::{TreeBuilder, TreeBuilderOpts};
use html5ever::{Attribute, LocalName, QualName, TokenizerResult, local_name, ns};

/// Deepest element nesting the tree keeps; deeper start tags are dropped.
pub const MAX_DEPTH: u32 = 400;

/// Largest piece of input handed to the tokenizer at once.
const CHUNK: usize = 1 << 20;

/// Most attributes a start tag keeps: the tokenizer checks every new attribute against all
/// earlier ones of its tag, which is quadratic, so the excess is cut out before it runs.
pub const MAX_ATTRIBUTES: usize = 256;

/// Elements whose content the tokenizer reads as raw text up to their end tag.
const RAW_TEXT: &[&str] = &[
    "script", "style", "textarea", "title", "xmp", "iframe", "noembed", "noframes", "noscript",
];

/// Index of a node in [`Dom::nodes`].
pub type NodeId = usize;

/// What a node is.
#[derive(Debug, Clone)]
pub enum NodeData {
    Document,
    Element {
        name: LocalName,
        html: bool,
        attrs: Vec<Attribute>,
    },
    Text(StrTendril),
    /// Comments, doctypes and processing instructions: kept only so that handles stay valid.
    Other,
}

/// One node of the arena, linked to its relatives by index.
#[derive(Debug, Clone)]
pub struct Node {
    pub parent: Option<NodeId>,
    pub first_child: Option<NodeId>,
    pub last_child: Option<NodeId>,
    pub prev: Option<NodeId>,
    pub next: Option<NodeId>,
    pub data: NodeData,
    depth: u32,
}

/// A parsed document: node 0 is the document node.
#[derive(Debug, Clone)]
pub struct Dom {
    pub nodes: Vec<Node>,
}

impl Dom {
    /// Parses `html` as a whole document the way a browser would.
    pub fn parse(html: &str) -> Dom {
        let sink = Sink {
            nodes: RefCell::new(vec![Node::new(NodeData::Document)]),
            current_depth: Cell::new(0),
            other_name: Rc::new(QualName::new(None, ns!(), LocalName::from(""))),
        };
        let opts = TreeBuilderOpts {
            scripting_enabled: true,
            ..TreeBuilderOpts::default()
        };
        let builder = DepthGuard(TreeBuilder::new(sink, opts));
        let tokenizer = Tokenizer::new(builder, TokenizerOpts::default());
        let input = BufferQueue::default();
        let limited = limit_attributes(html);
        let mut rest: &str = &limited;
        while !rest.is_empty() {
            let mut end = rest.len().min(CHUNK);
            while !rest.is_char_boundary(end) {
                end -= 1;
            }
            input.push_back(StrTendril::from_slice(&rest[..end]));
            rest = &rest[end..];
        }
        // Scripts are never run, so a pause for one simply continues.
        while !matches!(tokenizer.feed(&input), TokenizerResult::Done) {}
        tokenizer.end();
        Dom {
            nodes: tokenizer.sink.0.sink.nodes.into_inner(),
        }
    }

    /// The element's lower-case local name, or None for other nodes.
    pub fn tag(&self, id: NodeId) -> Option<&str> {
        match &self.nodes[id].data {
            NodeData::Element { name, .. } => Some(name),
            _ => None,
        }
    }

    /// Whether the node is an element with this local name.
    pub fn is(&self, id: NodeId, tag: &str) -> bool {
        self.tag(id) == Some(tag)
    }

    /// The value of attribute `name` on an element.
    pub fn attr(&self, id: NodeId, name: &str) -> Option<&str> {
        match &self.nodes[id].data {
            NodeData::Element { attrs, .. } => attrs
                .iter()
                .find(|a| &*a.name.local == name)
                .map(|a| &*a.value),
            _ => None,
        }
    }

    /// The node's children, first to last.
    pub fn children(&self, id: NodeId) -> Children<'_> {
        Children {
            dom: self,
            next: self.nodes[id].first_child,
        }
    }

    /// The node and all its descendants in document order (pre-order), without recursion.
    pub fn descendants(&self, id: NodeId) -> Descendants<'_> {
        Descendants {
            dom: self,
            root: id,
            next: Some(id),
        }
    }

    /// The first element with this tag name, in document order.
    pub fn find(&self, root: NodeId, tag: &str) -> Option<NodeId> {
        self.descendants(root).find(|&n| self.is(n, tag))
    }

    /// The text of the node and its descendants, concatenated as written.
    pub fn text(&self, id: NodeId) -> String {
        let mut out = String::new();
        for n in self.descendants(id) {
            if let NodeData::Text(t) = &self.nodes[n].data {
                out.push_str(t);
            }
        }
        out
    }

    /// Unlinks a node (and its subtree) from its parent.
    pub fn detach(&mut self, id: NodeId) {
        let (parent, prev, next) = {
            let n = &self.nodes[id];
            (n.parent, n.prev, n.next)
        };
        if let Some(p) = prev {
            self.nodes[p].next = next;
        } else if let Some(parent) = parent {
            self.nodes[parent].first_child = next;
        }
        if let Some(n) = next {
            self.nodes[n].prev = prev;
        } else if let Some(parent) = parent {
            self.nodes[parent].last_child = prev;
        }
        let n = &mut self.nodes[id];
        n.parent = None;
        n.prev = None;
        n.next = None;
    }

    /// Links the detached node `child` as the last child of `parent`.
    pub fn append_child(&mut self, parent: NodeId, child: NodeId) {
        let depth = self.nodes[parent].depth + 1;
        link_last(&mut self.nodes, parent, child, depth);
    }

    pub fn insert_before(&mut self, sibling: NodeId, new: NodeId) {
        let parent = self.nodes[sibling].parent;
        let prev = self.nodes[sibling].prev;
        {
            let n = &mut self.nodes[new];
            n.parent = parent;
            n.prev = prev;
            n.next = Some(sibling);
        }
        self.nodes[sibling].prev = Some(new);
        match prev {
            Some(p) => self.nodes[p].next = Some(new),
            None => {
                if let Some(parent) = parent {
                    self.nodes[parent].first_child = Some(new);
                }
            }
        }
    }
}

fn is_space(b: u8) -> bool {
    matches!(b, b'\t' | b'\n' | b'\x0c' | b'\r' | b' ')
}

/// Finds `needle` in `hay` from `from`, ASCII case-insensitively.
fn find_ci(hay: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    let first = needle[0];
    let mut i = from;
    while i + needle.len() <= hay.len() {
        let off = memchr::memchr2(first, first.to_ascii_uppercase(), &hay[i..])?;
        let at = i + off;
        if at + needle.len() <= hay.len() && hay[at..at + needle.len()].eq_ignore_ascii_case(needle)
        {
            return Some(at);
        }
        i = at + 1;
    }
    None
}

/// `html` with every start tag cut down to its first [`MAX_ATTRIBUTES`] attributes. Reads the
/// markup the way the tokenizer does where it matters: comments and raw-text elements
/// (scripts, styles, ...) are skipped whole, and quoted values may hold `>`. Returns the
/// input unchanged (borrowed) when no tag is over the limit, which is every real page.
fn limit_attributes(html: &str) -> Cow<'_, str> {
    let b = html.as_bytes();
    let mut out: Option<String> = None;
    let mut copied = 0;
    let mut i = 0;
    while let Some(off) = memchr::memchr(b'<', &b[i..]) {
        let start = i + off;
        i = start + 1;
        if b[i..].starts_with(b"!--") {
            i = find_ci(b, i + 3, b"-->").map_or(b.len(), |e| e + 3);
            continue;
        }
        if i >= b.len() || !b[i].is_ascii_alphabetic() {
            continue;
        }
        let name_start = i;
        let mut j = i;
        while j < b.len() && !is_space(b[j]) && b[j] != b'/' && b[j] != b'>' {
            j += 1;
        }
        let name = html[name_start..j].to_ascii_lowercase();
        let mut attrs = 0;
        let mut cut_at = None;
        loop {
            while j < b.len() && (is_space(b[j]) || b[j] == b'/') {
                j += 1;
            }
            if j >= b.len() || b[j] == b'>' {
                break;
            }
            attrs += 1;
            if attrs > MAX_ATTRIBUTES && cut_at.is_none() {
                cut_at = Some(j);
            }
            // The name (its first character may be anything but space, `/` and `>`).
            j += 1;
            while j < b.len() && !is_space(b[j]) && !matches!(b[j], b'/' | b'>' | b'=') {
                j += 1;
            }
            while j < b.len() && is_space(b[j]) {
                j += 1;
            }
            if j < b.len() && b[j] == b'=' {
                j += 1;
                while j < b.len() && is_space(b[j]) {
                    j += 1;
                }
                match b.get(j) {
                    Some(&q @ (b'"' | b'\'')) => {
                        j = memchr::memchr(q, &b[j + 1..]).map_or(b.len(), |e| j + 1 + e + 1);
                    }
                    _ => {
                        while j < b.len() && !is_space(b[j]) && b[j] != b'>' {
                            j += 1;
                        }
                    }
                }
            }
        }
        if let Some(cut) = cut_at {
            let out = out.get_or_insert_with(|| String::with_capacity(html.len()));
            out.push_str(&html[copied..cut]);
            copied = j;
        }
        i = j;
        if name == "plaintext" {
            break;
        }
        if RAW_TEXT.contains(&name.as_str()) {
            let end = format!("</{name}");
            i = find_ci(b, i, end.as_bytes()).unwrap_or(b.len());
        }
    }
    match out {
        Some(mut out) => {
            out.push_str(&html[copied..]);
            Cow::Owned(out)
        }
        None => Cow::Borrowed(html),
    }
}

/// Iterator over a node's children.
pub struct Children<'a> {
    dom: &'a Dom,
    next: Option<NodeId>,
}

impl Iterator for Children<'_> {
    type Item = NodeId;
    fn next(&mut self) -> Option<NodeId> {
        let id = self.next?;
        self.next = self.dom.nodes[id].next;
        Some(id)
    }
}

/// Pre-order iterator over a subtree, following sibling and parent links.
pub struct Descendants<'a> {
    dom: &'a Dom,
    root: NodeId,
    next: Option<NodeId>,
}

impl Iterator for Descendants<'_> {
    type Item = NodeId;
    fn next(&mut self) -> Option<NodeId> {
        let id = self.next?;
        let nodes = &self.dom.nodes;
        self.next = if let Some(c) = nodes[id].first_child {
            Some(c)
        } else {
            let mut cur = id;
            loop {
                if cur == self.root {
                    break None;
                }
                if let Some(n) = nodes[cur].next {
                    break Some(n);
                }
                match nodes[cur].parent {
                    Some(p) => cur = p,
                    None => break None,
                }
            }
        };
        Some(id)
    }
}

impl Node {
    /// A detached HTML element without attributes.
    pub fn element(name: LocalName) -> Node {
        Node::new(NodeData::Element {
            name,
            html: true,
            attrs: Vec::new(),
        })
    }

    fn new(data: NodeData) -> Node {
        Node {
            parent: None,
            first_child: None,
            last_child: None,
            prev: None,
            next: None,
            data,
            depth: 0,
        }
    }
}

/// Elements that never have content, so never deepen the tree.
fn is_void(name: &LocalName) -> bool {
    matches!(
        *name,
        local_name!("area")
            | local_name!("base")
            | local_name!("br")
            | local_name!("col")
            | local_name!("embed")
            | local_name!("hr")
            | local_name!("img")
            | local_name!("input")
            | local_name!("link")
            | local_name!("meta")
            | local_name!("source")
            | local_name!("track")
            | local_name!("wbr")
            | local_name!("param")
            | local_name!("keygen")
    )
}

/// Sits between the tokenizer and the tree builder and drops start tags that would nest
/// deeper than [`MAX_DEPTH`].
struct DepthGuard(TreeBuilder<Handle, Sink>);

impl TokenSink for DepthGuard {
    type Handle = Handle;

    fn process_token(&self, token: Token, line_number: u64) -> TokenSinkResult<Handle> {
        if let Token::TagToken(tag) = &token
            && tag.kind == TagKind::StartTag
            && !tag.self_closing
            && !is_void(&tag.name)
            && self.0.sink.current_depth.get() >= MAX_DEPTH
        {
            return TokenSinkResult::Continue;
        }
        self.0.process_token(token, line_number)
    }

    fn end(&self) {
        self.0.end();
    }

    fn adjusted_current_node_present_but_not_in_html_namespace(&self) -> bool {
        self.0
            .adjusted_current_node_present_but_not_in_html_namespace()
    }
}

/// A node handle for the tree builder: the index, and the element's name (so that
/// `elem_name` can lend it without borrowing the arena).
#[derive(Clone)]
struct Handle {
    id: NodeId,
    name: Rc<QualName>,
}

/// The tree builder's view of the arena.
struct Sink {
    nodes: RefCell<Vec<Node>>,
    /// Depth of the tree builder's current node, as far as the sink can tell.
    current_depth: Cell<u32>,
    other_name: Rc<QualName>,
}

impl Sink {
    fn new_node(&self, data: NodeData) -> NodeId {
        let mut nodes = self.nodes.borrow_mut();
        nodes.push(Node::new(data));
        nodes.len() - 1
    }

    fn other(&self, data: NodeData) -> Handle {
        Handle {
            id: self.new_node(data),
            name: Rc::clone(&self.other_name),
        }
    }

    /// Appends `child` as the last child of `parent`, merging adjacent text.
    fn append_to(&self, parent: NodeId, child: NodeOrText<Handle>) {
        let mut nodes = self.nodes.borrow_mut();
        let depth = nodes[parent].depth + 1;
        match child {
            NodeOrText::AppendText(text) => {
                if let Some(last) = nodes[parent].last_child
                    && let NodeData::Text(t) = &mut nodes[last].data
                {
                    t.push_tendril(&text);
                    return;
                }
                drop(nodes);
                let id = self.new_node(NodeData::Text(text));
                let mut nodes = self.nodes.borrow_mut();
                link_last(&mut nodes, parent, id, depth);
                self.current_depth.set(depth - 1);
            }
            NodeOrText::AppendNode(h) => {
                link_last(&mut nodes, parent, h.id, depth);
                self.current_depth.set(depth);
            }
        }
    }
}

fn link_last(nodes: &mut [Node], parent: NodeId, id: NodeId, depth: u32) {
    let last = nodes[parent].last_child;
    {
        let n = &mut nodes[id];
        n.parent = Some(parent);
        n.prev = last;
        n.next = None;
        n.depth = depth;
    }
    match last {
        Some(l) => nodes[l].next = Some(id),
        None => nodes[parent].first_child = Some(id),
    }
    nodes[parent].last_child = Some(id);
}

impl TreeSink for Sink {
    type Handle = Handle;
    type Output = Self;
    type ElemName<'a> = &'a QualName;

    fn finish(self) -> Self {
        self
    }

    fn parse_error(&self, _msg: Cow<'static, str>) {}

    fn get_document(&self) -> Handle {
        Handle {
            id: 0,
            name: Rc::clone(&self.other_name),
        }
    }

    fn elem_name<'a>(&'a self, target: &'a Handle) -> &'a QualName {
        &target.name
    }

    fn create_element(&self, name: QualName, attrs: Vec<Attribute>, _: ElementFlags) -> Handle {
        let html = name.ns == ns!(html);
        let id = self.new_node(NodeData::Element {
            name: name.local.clone(),
            html,
            attrs,
        });
        Handle {
            id,
            name: Rc::new(name),
        }
    }

    fn create_comment(&self, _text: StrTendril) -> Handle {
        self.other(NodeData::Other)
    }

    fn create_pi(&self, _target: StrTendril, _data: StrTendril) -> Handle {
        self.other(NodeData::Other)
    }

    fn append(&self, parent: &Handle, child: NodeOrText<Handle>) {
        self.append_to(parent.id, child);
    }

    fn append_based_on_parent_node(
        &self,
        element: &Handle,
        prev_element: &Handle,
        child: NodeOrText<Handle>,
    ) {
        let has_parent = self.nodes.borrow()[element.id].parent.is_some();
        if has_parent {
            self.append_before_sibling(element, child);
        } else {
            self.append(prev_element, child);
        }
    }

    fn append_doctype_to_document(&self, _: StrTendril, _: StrTendril, _: StrTendril) {}

    fn pop(&self, node: &Handle) {
        let depth = self.nodes.borrow()[node.id].depth;
        self.current_depth.set(depth.saturating_sub(1));
    }

    fn get_template_contents(&self, target: &Handle) -> Handle {
        // Template contents are dropped later with the template; keeping them as its
        // children is enough.
        target.clone()
    }

    fn same_node(&self, x: &Handle, y: &Handle) -> bool {
        x.id == y.id
    }

    fn set_quirks_mode(&self, _mode: QuirksMode) {}

    fn append_before_sibling(&self, sibling: &Handle, new_node: NodeOrText<Handle>) {
        let (parent, prev, depth) = {
            let nodes = self.nodes.borrow();
            let s = &nodes[sibling.id];
            (s.parent, s.prev, s.depth)
        };
        let Some(parent) = parent else { return };
        let id = match new_node {
            NodeOrText::AppendText(text) => {
                let mut nodes = self.nodes.borrow_mut();
                if let Some(p) = prev
                    && let NodeData::Text(t) = &mut nodes[p].data
                {
                    t.push_tendril(&text);
                    return;
                }
                drop(nodes);
                self.new_node(NodeData::Text(text))
            }
            NodeOrText::AppendNode(h) => {
                // The node may still hang elsewhere: unlink it first.
                let mut nodes = self.nodes.borrow_mut();
                unlink(&mut nodes, h.id);
                h.id
            }
        };
        let mut nodes = self.nodes.borrow_mut();
        {
            let n = &mut nodes[id];
            n.parent = Some(parent);
            n.prev = prev;
            n.next = Some(sibling.id);
            n.depth = depth;
        }
        nodes[sibling.id].prev = Some(id);
        match prev {
            Some(p) => nodes[p].next = Some(id),
            None => nodes[parent].first_child = Some(id),
        }
    }

    fn add_attrs_if_missing(&self, target: &Handle, new: Vec<Attribute>) {
        let mut nodes = self.nodes.borrow_mut();
        if let NodeData::Element { attrs, .. } = &mut nodes[target.id].data {
            for a in new {
                if !attrs.iter().any(|b| b.name == a.name) {
                    attrs.push(a);
                }
            }
        }
    }

    fn remove_from_parent(&self, target: &Handle) {
        unlink(&mut self.nodes.borrow_mut(), target.id);
    }

    fn reparent_children(&self, node: &Handle, new_parent: &Handle) {
        let mut nodes = self.nodes.borrow_mut();
        let depth = nodes[new_parent.id].depth + 1;
        while let Some(c) = nodes[node.id].first_child {
            unlink(&mut nodes, c);
            link_last(&mut nodes, new_parent.id, c, depth);
        }
    }
}

fn unlink(nodes: &mut [Node], id: NodeId) {
    let (parent, prev, next) = (nodes[id].parent, nodes[id].prev, nodes[id].next);
    if let Some(p) = prev {
        nodes[p].next = next;
    } else if let Some(parent) = parent {
        nodes[parent].first_child = next;
    }
    if let Some(n) = next {
        nodes[n].prev = prev;
    } else if let Some(parent) = parent {
        nodes[parent].last_child = prev;
    }
    let n = &mut nodes[id];
    n.parent = None;
    n.prev = None;
    n.next = None;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builds_the_tree_a_browser_would() {
        let dom = Dom::parse("<p>one<p>two<b>bold<i>both</b>italic</i>");
        let body = dom.find(0, "body").expect("body");
        let ps: Vec<_> = dom.children(body).collect();
        assert_eq!(ps.len(), 2);
        assert_eq!(dom.text(ps[0]), "one");
        assert_eq!(dom.text(ps[1]), "twoboldbothitalic");
    }

    #[test]
    fn deep_nesting_is_capped_and_keeps_its_text() {
        let n = 100_000;
        let html = format!("{}deep text{}", "<div>".repeat(n), "</div>".repeat(n));
        let dom = Dom::parse(&html);
        let deepest = dom.nodes.iter().map(|n| n.depth).max().unwrap_or(0);
        assert!(deepest <= MAX_DEPTH + 2, "depth {deepest}");
        assert_eq!(dom.text(0), "deep text");
    }

    #[test]
    fn tags_with_absurdly_many_attributes_are_cut_down() {
        let attrs: String = (0..100_000).map(|i| format!(" a{i}=\"v>{i}\"")).collect();
        let html = format!("<p id=first{attrs}>kept text</p><p>after</p>");
        let limited = limit_attributes(&html);
        assert!(limited.len() < 10_000, "{}", limited.len());
        let dom = Dom::parse(&html);
        let p = dom.find(0, "p").expect("p");
        assert_eq!(dom.attr(p, "id"), Some("first"));
        assert_eq!(dom.attr(p, "a254"), Some("v>254"));
        assert_eq!(dom.attr(p, "a255"), None);
        assert_eq!(dom.text(0), "kept textafter");
    }

    #[test]
    fn attribute_limit_leaves_scripts_comments_and_normal_pages_alone() {
        let words: String = (0..1000).map(|i| format!(" w{i}")).collect();
        for html in [
            format!("<script>if (a<b{words}) {{}}</script><p>text</p>"),
            format!("<!-- <b{words} --><p>text</p>"),
            "<p class=x title='a > b'>text</p>".to_owned(),
        ] {
            assert!(
                matches!(limit_attributes(&html), Cow::Borrowed(_)),
                "{html}"
            );
        }
    }

    #[test]
    fn detach_and_insert_keep_links_consistent() {
        let mut dom = Dom::parse("<div id=a><span>x</span><em>y</em><b>z</b></div>");
        let div = dom.find(0, "div").expect("div");
        let em = dom.find(div, "em").expect("em");
        let b = dom.find(div, "b").expect("b");
        dom.detach(b);
        dom.insert_before(em, b);
        assert_eq!(dom.text(div), "xzy");
        let span = dom.find(div, "span").expect("span");
        dom.detach(span);
        assert_eq!(dom.text(div), "zy");
        let back: Vec<_> = dom.children(div).collect();
        assert_eq!(back.len(), 2);
    }
}
