//! Finding the article body in a page: drop what is never content, score the blocks, keep the
//! best container and its worthy siblings, then clean boilerplate out of what was kept.
//!
//! The idea is the one readability-style extractors share: paragraphs of prose (long, with
//! commas, few links) vote for their parent and, less, for their ancestors; class and id names
//! like `article` or `sidebar` nudge the vote; the container with most votes is the article.
//! What was kept is then pruned of lists of links, share bars and other boilerplate, judged by
//! their own text. Every walk over the tree is iterative; this module only edits the arena.

use html5ever::LocalName;

use super::dom::{Dom, Node, NodeData, NodeId};
use super::names::{
    BLOCKS, MAYBE, NEVER_CONTENT, PHRASING, UNLIKELY, UNLIKELY_ROLES, class_id, class_weight,
    contains_any, has_ad_token, has_ancestor, is_hidden,
};
use super::signup::{is_signup_form, signup_box};
use super::{normalize_space, similar};

/// Switches for one extraction attempt; later attempts relax them when the first found too
/// little text.
#[derive(Debug, Clone, Copy)]
pub struct Flags {
    /// Drop elements whose class or id says they are not content before scoring.
    pub strip_unlikely: bool,
    /// Let class and id names weigh on scores.
    pub weigh_classes: bool,
    /// Prune boilerplate from the chosen content by its text, links and images.
    pub clean_conditionally: bool,
}

impl Flags {
    /// The attempts in order, strictest first.
    pub const ATTEMPTS: [Flags; 4] = [
        Flags {
            strip_unlikely: true,
            weigh_classes: true,
            clean_conditionally: true,
        },
        Flags {
            strip_unlikely: false,
            weigh_classes: true,
            clean_conditionally: true,
        },
        Flags {
            strip_unlikely: false,
            weigh_classes: false,
            clean_conditionally: true,
        },
        Flags {
            strip_unlikely: false,
            weigh_classes: false,
            clean_conditionally: false,
        },
    ];
}

/// The article content as chosen by [`grab`]: its top-level nodes in order, and the byline
/// found in the markup if the metadata had none.
pub struct Grabbed {
    pub nodes: Vec<NodeId>,
    pub byline: Option<String>,
}

/// Text and element counts of a subtree, computed for every node in one bottom-up pass so
/// that judging nested containers never re-reads their text (which would be quadratic in the
/// nesting depth).
#[derive(Debug, Default, Clone, Copy)]
struct Stats {
    /// Characters of text, whitespace runs counting as one.
    chars: f64,
    /// Characters inside links (links to `#` weigh 0.3).
    link_chars: f64,
    commas: f64,
    p: f64,
    img: f64,
    li: f64,
    li_chars: f64,
    inputs: f64,
    embeds: f64,
    heading_chars: f64,
    /// Block-level descendants other than images (not counting the node itself).
    blocks: f64,
}

impl Stats {
    fn add(&mut self, o: &Stats) {
        self.chars += o.chars;
        self.link_chars += o.link_chars;
        self.commas += o.commas;
        self.p += o.p;
        self.img += o.img;
        self.li += o.li;
        self.li_chars += o.li_chars;
        self.inputs += o.inputs;
        self.embeds += o.embeds;
        self.heading_chars += o.heading_chars;
        self.blocks += o.blocks;
    }

    fn sub(&mut self, o: &Stats) {
        self.chars -= o.chars;
        self.link_chars -= o.link_chars;
        self.commas -= o.commas;
        self.p -= o.p;
        self.img -= o.img;
        self.li -= o.li;
        self.li_chars -= o.li_chars;
        self.inputs -= o.inputs;
        self.embeds -= o.embeds;
        self.heading_chars -= o.heading_chars;
        self.blocks -= o.blocks;
    }

    fn link_density(&self) -> f64 {
        if self.chars <= 0.0 {
            0.0
        } else {
            (self.link_chars / self.chars).clamp(0.0, 1.0)
        }
    }
}

/// Subtree statistics for every node under `root` (other nodes stay zero). A node's own tag
/// counts in its ancestors' figures, not in its own.
fn subtree_stats(dom: &Dom, root: NodeId) -> Vec<Stats> {
    let mut stats = vec![Stats::default(); dom.nodes.len()];
    let order: Vec<NodeId> = dom.descendants(root).collect();
    for &n in order.iter().rev() {
        let mut own = stats[n];
        match &dom.nodes[n].data {
            NodeData::Text(t) => {
                own.chars = text_chars(t) as f64;
                own.commas = comma_count(t) as f64;
            }
            NodeData::Element { name, .. } if &**name == "a" => {
                let weight = if dom.attr(n, "href").is_some_and(|h| h.starts_with('#')) {
                    0.3
                } else {
                    1.0
                };
                own.link_chars = own.chars * weight;
            }
            _ => {}
        }
        stats[n] = own;
        if n == root {
            break;
        }
        let Some(parent) = dom.nodes[n].parent else {
            continue;
        };
        let up = contribution(dom, &stats, n);
        stats[parent].add(&up);
    }
    stats
}

/// What a node contributes to its ancestors' statistics (its subtree and its own tag).
fn contribution(dom: &Dom, stats: &[Stats], n: NodeId) -> Stats {
    let mut up = stats[n];
    match dom.tag(n) {
        Some("p") => up.p += 1.0,
        Some("img") => up.img += 1.0,
        Some("li") => {
            up.li += 1.0;
            up.li_chars += stats[n].chars;
        }
        Some("input") => up.inputs += 1.0,
        Some("object" | "embed" | "iframe") => up.embeds += 1.0,
        Some("h1" | "h2" | "h3" | "h4" | "h5" | "h6") => up.heading_chars += stats[n].chars,
        _ => {}
    }
    if dom
        .tag(n)
        .is_some_and(|t| t != "img" && BLOCKS.contains(&t))
    {
        up.blocks += 1.0;
    }
    up
}

/// Detaches `n` and takes its figures out of its ancestors' (up to and including `root`).
fn detach_counted(dom: &mut Dom, stats: &mut [Stats], n: NodeId, root: NodeId) {
    let up = contribution(dom, stats, n);
    let mut cur = dom.nodes[n].parent;
    while let Some(a) = cur {
        stats[a].sub(&up);
        if a == root {
            break;
        }
        cur = dom.nodes[a].parent;
    }
    dom.detach(n);
}

/// Characters of a text, each whitespace run but a trailing one counting as one.
fn text_chars(t: &str) -> usize {
    let mut count = 0;
    let mut in_space = false;
    for c in t.chars() {
        if c.is_whitespace() {
            in_space = true;
        } else {
            if in_space {
                count += 1;
            }
            in_space = false;
            count += 1;
        }
    }
    if in_space && count == 0 { 0 } else { count }
}

/// Normalised text length of a subtree, counting no further than `limit` characters.
pub(super) fn text_len_at_most(dom: &Dom, n: NodeId, limit: usize) -> usize {
    let mut len = 0;
    for d in dom.descendants(n) {
        if let NodeData::Text(t) = &dom.nodes[d].data {
            len += text_chars(t);
            if len > limit {
                break;
            }
        }
    }
    len
}

fn comma_count(text: &str) -> usize {
    text.chars()
        .filter(|c| {
            matches!(
                c,
                ',' | '،' | '﹐' | '︐' | '︑' | '⹁' | '⸴' | '⸲' | '，' | '、'
            )
        })
        .count()
}

fn is_element(dom: &Dom, n: NodeId) -> bool {
    matches!(dom.nodes[n].data, NodeData::Element { .. })
}

fn is_blank_text(dom: &Dom, n: NodeId) -> bool {
    match &dom.nodes[n].data {
        NodeData::Text(t) => t.trim().is_empty(),
        NodeData::Other => true,
        _ => false,
    }
}

fn is_phrasing(dom: &Dom, pre: &[Stats], n: NodeId) -> bool {
    match &dom.nodes[n].data {
        NodeData::Text(_) => true,
        NodeData::Element { name, .. } => {
            PHRASING.contains(&&**name) && pre.get(n).is_none_or(|s| s.blocks == 0.0)
        }
        _ => false,
    }
}

fn rename(dom: &mut Dom, n: NodeId, tag: &str) {
    if let NodeData::Element { name, .. } = &mut dom.nodes[n].data {
        *name = LocalName::from(tag);
    }
}

/// Adds a new `p` element to the arena, detached.
fn new_p(dom: &mut Dom) -> NodeId {
    dom.nodes.push(Node::element(LocalName::from("p")));
    dom.nodes.len() - 1
}

/// Looks like a byline: marked as author by `rel` or `itemprop`, or by class/id.
fn is_byline(dom: &Dom, n: NodeId, class_id: &str) -> bool {
    let marked = dom.attr(n, "rel").is_some_and(|r| r == "author")
        || dom
            .attr(n, "itemprop")
            .is_some_and(|r| r.contains("author"))
        || contains_any(
            class_id,
            &["byline", "author", "dateline", "writtenby", "p-author"],
        );
    if !marked {
        return false;
    }
    let len = text_len_at_most(dom, n, 100);
    len > 0 && len < 100
}

/// Removes what is never content, and turns text-only `div`s into paragraphs. Returns the
/// byline found in the markup, if `want_byline`.
fn prepare(
    dom: &mut Dom,
    root: NodeId,
    flags: Flags,
    title: Option<&str>,
    want_byline: bool,
) -> Option<String> {
    let mut byline = None;
    let mut title_heading_removed = false;
    let pre = subtree_stats(dom, root);
    let mut cur = Some(root);
    while let Some(n) = cur {
        let mut remove = false;
        // What goes when `remove`: the node, or for a sign-up form the box around it.
        let mut target = n;
        if let Some(tag) = dom.tag(n).map(str::to_owned) {
            let ci = class_id(dom, n);
            let tag = tag.as_str();
            let unlikely_role = flags.strip_unlikely
                && dom
                    .attr(n, "role")
                    .is_some_and(|r| UNLIKELY_ROLES.contains(&r.trim()));
            if NEVER_CONTENT.contains(&tag)
                || is_hidden(dom, n)
                || unlikely_role
                || (tag == "form" && text_len_at_most(dom, n, 500) < 500)
            {
                remove = true;
                if tag == "form" && is_signup_form(dom, n) {
                    target = signup_box(dom, n, root);
                }
            } else if want_byline && byline.is_none() && is_byline(dom, n, &ci) {
                // A name marked up inside the byline is better than the whole line.
                let name = dom
                    .descendants(n)
                    .find(|&d| dom.attr(d, "itemprop").is_some_and(|p| p.contains("name")))
                    .map(|d| normalize_space(&dom.text(d)))
                    .filter(|t| !t.is_empty());
                byline = name.or_else(|| Some(normalize_space(&dom.text(n))));
                remove = true;
            } else if !title_heading_removed
                && matches!(tag, "h1" | "h2")
                && title.is_some_and(|t| similar(t, &dom.text(n)) > 0.75)
            {
                title_heading_removed = true;
                remove = true;
            } else if flags.strip_unlikely
                && n != root
                && (contains_any(&ci, UNLIKELY) || has_ad_token(&ci))
                && !contains_any(&ci, MAYBE)
                && !matches!(
                    tag,
                    "body" | "a" | "table" | "tbody" | "tr" | "td" | "th" | "article" | "main"
                )
                && !has_ancestor(dom, n, &["table", "code"], 0)
            {
                remove = true;
            } else if matches!(
                tag,
                "div" | "section" | "header" | "h1" | "h2" | "h3" | "h4" | "h5" | "h6"
            ) && dom.children(n).all(|c| is_blank_text(dom, c))
                && !dom.children(n).any(|c| dom.is(c, "img"))
            {
                // Empty containers carry nothing.
                remove = true;
            } else if tag == "div" {
                div_to_paragraphs(dom, &pre, n);
            }
        }
        // Next node in document order, skipping a removed subtree.
        let next = if !remove && let Some(c) = dom.nodes[n].first_child {
            Some(c)
        } else {
            next_after(dom, target, root)
        };
        if remove {
            dom.detach(target);
        }
        cur = next;
    }
    byline
}

/// The next node in document order after `n`'s subtree, within `root`.
fn next_after(dom: &Dom, n: NodeId, root: NodeId) -> Option<NodeId> {
    let mut cur = n;
    loop {
        if cur == root {
            return None;
        }
        if let Some(s) = dom.nodes[cur].next {
            return Some(s);
        }
        cur = dom.nodes[cur].parent?;
    }
}

/// A `div` holding only phrasing content becomes a `p`; one mixing blocks and loose text has
/// each run of loose text wrapped in a new `p`.
fn div_to_paragraphs(dom: &mut Dom, pre: &[Stats], div: NodeId) {
    let Some(own) = pre.get(div) else { return };
    if own.blocks == 0.0 && own.img == 0.0 {
        if own.chars == 0.0 {
            return;
        }
        rename(dom, div, "p");
        return;
    }
    let children: Vec<NodeId> = dom.children(div).collect();
    let mut run: Vec<NodeId> = Vec::new();
    let flush = |dom: &mut Dom, run: &mut Vec<NodeId>| {
        let meaningful = run
            .iter()
            .any(|&c| !is_blank_text(dom, c) && !dom.is(c, "br"));
        if meaningful {
            let p = new_p(dom);
            let first = run[0];
            dom.insert_before(first, p);
            for &c in run.iter() {
                dom.detach(c);
                dom.append_child(p, c);
            }
        }
        run.clear();
    };
    for c in children {
        if is_phrasing(dom, pre, c) {
            run.push(c);
        } else {
            flush(dom, &mut run);
        }
    }
    flush(dom, &mut run);
}

/// Per-node content scores (NaN: not a candidate).
struct Scores(Vec<f64>);

impl Scores {
    fn get(&self, n: NodeId) -> Option<f64> {
        self.0.get(n).copied().filter(|s| !s.is_nan())
    }
}

fn initial_score(dom: &Dom, n: NodeId, flags: Flags) -> f64 {
    let base = match dom.tag(n) {
        Some("div") => 5.0,
        Some("pre" | "td" | "blockquote") => 3.0,
        Some("address" | "ol" | "ul" | "dl" | "dd" | "dt" | "li" | "form") => -3.0,
        Some("h1" | "h2" | "h3" | "h4" | "h5" | "h6" | "th") => -5.0,
        _ => 0.0,
    };
    base + class_weight(dom, n, flags)
}

/// Finds the article content under `body`.
pub fn grab(
    dom: &mut Dom,
    body: NodeId,
    flags: Flags,
    title: Option<&str>,
    want_byline: bool,
) -> Grabbed {
    let byline = prepare(dom, body, flags, title, want_byline);
    let stats = subtree_stats(dom, body);
    let mut scores = Scores(vec![f64::NAN; dom.nodes.len()]);
    let mut candidates: Vec<NodeId> = Vec::new();
    let to_score: Vec<NodeId> = dom
        .descendants(body)
        .filter(|&n| {
            matches!(
                dom.tag(n),
                Some("p" | "td" | "pre" | "section" | "h2" | "h3" | "h4" | "h5" | "h6")
            )
        })
        .collect();
    for n in to_score {
        if dom.nodes[n].parent.is_none() {
            continue;
        }
        let len = stats[n].chars;
        if len < 25.0 {
            continue;
        }
        let score = 1.0 + stats[n].commas + (len / 100.0).floor().min(3.0);
        let mut level = 0usize;
        let mut cur = dom.nodes[n].parent;
        while let Some(a) = cur {
            if level >= 5 || !is_element(dom, a) {
                break;
            }
            // The element must itself have a parent element to be a candidate.
            if dom.nodes[a].parent.is_none() {
                break;
            }
            if scores.get(a).is_none() {
                scores.0[a] = initial_score(dom, a, flags);
                candidates.push(a);
            }
            let divider = match level {
                0 => 1.0,
                1 => 2.0,
                l => l as f64 * 3.0,
            };
            scores.0[a] += score / divider;
            level += 1;
            cur = dom.nodes[a].parent;
        }
    }
    for &c in &candidates {
        scores.0[c] *= 1.0 - stats[c].link_density();
    }
    candidates.sort_by(|a, b| {
        scores.0[*b]
            .partial_cmp(&scores.0[*a])
            .unwrap_or(std::cmp::Ordering::Equal)
    });
    let Some(&first) = candidates.first() else {
        return Grabbed {
            nodes: vec![body],
            byline,
        };
    };
    let mut top = first;
    if dom.is(top, "body") {
        return finish(dom, vec![body], flags, byline);
    }
    // Several strong candidates under one ancestor: the ancestor is the article.
    let top_score = scores.0[top];
    let alternatives: Vec<NodeId> = candidates
        .iter()
        .skip(1)
        .take(4)
        .copied()
        .filter(|&c| scores.0[c] / top_score >= 0.75)
        .collect();
    if alternatives.len() >= 3 {
        let mut parent = dom.nodes[top].parent;
        while let Some(p) = parent {
            if dom.is(p, "body") || !is_element(dom, p) {
                break;
            }
            let containing = alternatives
                .iter()
                .filter(|&&alt| is_ancestor(dom, p, alt))
                .count();
            if containing >= 3 {
                top = p;
                break;
            }
            parent = dom.nodes[p].parent;
        }
    }
    if scores.get(top).is_none() {
        scores.0[top] = initial_score(dom, top, flags);
    }
    // Climb while the parent scores better (a container split into several parts).
    let mut last = scores.0[top];
    let threshold = last / 3.0;
    let mut parent = dom.nodes[top].parent;
    while let Some(p) = parent {
        if dom.is(p, "body") || !is_element(dom, p) {
            break;
        }
        let Some(ps) = scores.get(p) else {
            parent = dom.nodes[p].parent;
            continue;
        };
        if ps < threshold {
            break;
        }
        if ps > last {
            top = p;
            break;
        }
        last = ps;
        parent = dom.nodes[p].parent;
    }
    // An only child stands for its parent.
    while let Some(p) = dom.nodes[top].parent {
        if dom.is(p, "body") || !is_element(dom, p) {
            break;
        }
        if dom.children(p).filter(|&c| is_element(dom, c)).count() != 1 {
            break;
        }
        top = p;
    }
    if scores.get(top).is_none() {
        scores.0[top] = initial_score(dom, top, flags);
    }
    // Siblings of the top candidate that look like more of the article.
    let top_score = scores.0[top];
    let threshold = (top_score * 0.2).max(10.0);
    let top_class = dom.attr(top, "class").unwrap_or("").to_owned();
    let mut nodes = Vec::new();
    match dom.nodes[top].parent {
        Some(parent) => {
            let siblings: Vec<NodeId> = dom.children(parent).collect();
            for s in siblings {
                if s == top {
                    nodes.push(s);
                    continue;
                }
                if !is_element(dom, s) {
                    continue;
                }
                let bonus = if !top_class.is_empty() && dom.attr(s, "class") == Some(&top_class) {
                    top_score * 0.2
                } else {
                    0.0
                };
                let keep = if let Some(sc) = scores.get(s)
                    && sc + bonus >= threshold
                {
                    true
                } else if dom.is(s, "p") {
                    let ld = stats[s].link_density();
                    let text = normalize_space(&dom.text(s));
                    let len = text.chars().count();
                    (len > 80 && ld < 0.25)
                        || (len < 80
                            && len > 0
                            && ld == 0.0
                            && (text.contains(". ") || text.ends_with('.')))
                } else {
                    false
                };
                if keep {
                    nodes.push(s);
                }
            }
        }
        None => nodes.push(top),
    }
    finish(dom, nodes, flags, byline)
}

fn is_ancestor(dom: &Dom, ancestor: NodeId, n: NodeId) -> bool {
    let mut cur = dom.nodes[n].parent;
    while let Some(p) = cur {
        if p == ancestor {
            return true;
        }
        cur = dom.nodes[p].parent;
    }
    false
}

fn finish(dom: &mut Dom, nodes: Vec<NodeId>, flags: Flags, byline: Option<String>) -> Grabbed {
    for &n in &nodes {
        clean(dom, n, flags);
    }
    Grabbed { nodes, byline }
}

/// Whether a table holds data (rather than laying out a page).
fn is_data_table(dom: &Dom, table: NodeId) -> bool {
    if dom.attr(table, "role") == Some("presentation") {
        return false;
    }
    if dom.attr(table, "datatable") == Some("0") {
        return false;
    }
    if dom.attr(table, "summary").is_some() {
        return true;
    }
    let mut rows = 0;
    let mut max_cols = 0;
    for d in dom.descendants(table) {
        match dom.tag(d) {
            Some("caption" | "thead" | "tfoot" | "colgroup" | "col" | "th") => return true,
            Some("table") if d != table => return false,
            Some("tr") => {
                rows += 1;
                max_cols = max_cols.max(dom.children(d).filter(|&c| is_element(dom, c)).count());
            }
            _ => {}
        }
    }
    if rows == 1 || max_cols == 1 {
        return false;
    }
    rows >= 10 || max_cols > 4 || rows * max_cols > 10
}

/// Prunes boilerplate inside one kept node.
fn clean(dom: &mut Dom, root: NodeId, flags: Flags) {
    // Share bars and similar small widgets.
    let all: Vec<NodeId> = dom.descendants(root).collect();
    for &n in &all {
        if n == root || dom.nodes[n].parent.is_none() || !is_element(dom, n) {
            continue;
        }
        let ci = class_id(dom, n);
        let share = ci
            .split(|c: char| !c.is_alphanumeric())
            .any(|t| t == "share" || t == "sharedaddy");
        if share && text_len_at_most(dom, n, 500) < 500 {
            dom.detach(n);
            continue;
        }
        if matches!(dom.tag(n), Some("footer" | "aside" | "form")) {
            dom.detach(n);
            continue;
        }
        if matches!(dom.tag(n), Some("h1" | "h2")) && class_weight(dom, n, flags) < 0.0 {
            dom.detach(n);
        }
    }
    if flags.clean_conditionally {
        let mut stats = subtree_stats(dom, root);
        // Deepest first, so a container is judged after its boilerplate children went.
        let targets: Vec<NodeId> = dom
            .descendants(root)
            .filter(|&n| {
                matches!(
                    dom.tag(n),
                    Some("table" | "ul" | "ol" | "div" | "section" | "header")
                )
            })
            .collect();
        for &n in targets.iter().rev() {
            if n == root || dom.nodes[n].parent.is_none() || !attached_under(dom, n, root) {
                continue;
            }
            if should_remove(dom, &stats[n], n, flags) {
                detach_counted(dom, &mut stats, n, root);
            }
        }
    }
    // Paragraphs left empty.
    let ps: Vec<NodeId> = dom.descendants(root).filter(|&n| dom.is(n, "p")).collect();
    for p in ps {
        let has_media = dom
            .descendants(p)
            .any(|d| matches!(dom.tag(d), Some("img" | "picture" | "figure")));
        if !has_media && dom.text(p).trim().is_empty() {
            dom.detach(p);
        }
    }
}

fn attached_under(dom: &Dom, n: NodeId, root: NodeId) -> bool {
    n == root || is_ancestor(dom, root, n)
}

/// The conditional clean-up test for one container.
fn should_remove(dom: &Dom, st: &Stats, n: NodeId, flags: Flags) -> bool {
    let tag = dom.tag(n).unwrap_or("");
    if tag == "table" && is_data_table(dom, n) {
        return false;
    }
    if has_ancestor(dom, n, &["code", "pre"], 0) {
        return false;
    }
    let mut anc = dom.nodes[n].parent;
    while let Some(a) = anc {
        if dom.is(a, "table") && is_data_table(dom, a) {
            return false;
        }
        anc = dom.nodes[a].parent;
    }
    let weight = class_weight(dom, n, flags);
    if weight < 0.0 {
        return true;
    }
    if st.commas >= 10.0 {
        return false;
    }
    let p = st.p as usize;
    let img = st.img as usize;
    let li = st.li as usize;
    let inputs = st.inputs as usize;
    let embeds = st.embeds as usize;
    let content_len = st.chars.max(0.0) as usize;
    let is_list = matches!(tag, "ul" | "ol") || (st.chars > 0.0 && st.li_chars / st.chars > 0.9);
    let heading_density = if st.chars > 0.0 {
        st.heading_chars / st.chars
    } else {
        0.0
    };
    let ld = st.link_density();
    let in_figure = has_ancestor(dom, n, &["figure"], 0);
    let li_excess = li.saturating_sub(100);
    (img > 1 && (p as f64) / (img as f64) < 0.5 && !in_figure)
        || (!is_list && li_excess > p)
        || (inputs > p / 3)
        || (!is_list
            && heading_density < 0.9
            && content_len < 25
            && (img == 0 || img > 2)
            && !in_figure)
        || (!is_list && weight < 25.0 && ld > 0.2)
        || (weight >= 25.0 && ld > 0.5)
        || ((embeds == 1 && content_len < 75) || embeds > 1)
}
