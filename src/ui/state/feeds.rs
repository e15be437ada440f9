//! The feeds pane: the tree of "All articles", saved views, tag folders and feeds, with its
//! selection, folding and unread counts.
//!
//! Knows what a row restricts the list to ([`FeedsPane::scope_for`]) but never changes the
//! list itself, and never asks the worker for anything: `State` does both.

use std::collections::BTreeSet;

use unicode_width::UnicodeWidthStr;

use crate::config::View;
use crate::model::{Feed, FeedId};
use crate::query::{Expr, ParseError, Query, Term, parse};
use crate::sanitize::sanitize_line;
use crate::ui::layout::{self, keep_visible};

/// Identifies a row of the feeds pane (stable across reloads).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RowKey {
    All,
    /// The folder of saved views.
    Views,
    /// A saved view, by its index in the config's `[[views]]`.
    View(usize),
    Tag(String),
    Feed {
        tag: Option<String>,
        id: FeedId,
    },
}

/// One row of the feeds pane.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FeedRow {
    pub key: RowKey,
    pub label: String,
    pub unread: u32,
    /// The feed's last fetch failed (for a folder: one of its feeds; for a saved view: its
    /// query does not parse).
    pub error: bool,
    pub depth: u8,
    /// For folders.
    pub collapsed: bool,
}

/// A saved view from the config, ready for the feeds pane.
#[derive(Debug, Clone, PartialEq)]
pub struct SavedView {
    pub name: String,
    /// The parsed query, or why it does not parse (shown as an error marker).
    pub query: Result<Query, ParseError>,
    /// Unread articles, once counted.
    pub unread: u32,
}

/// The feeds pane's state.
#[derive(Debug, Clone)]
pub struct FeedsPane {
    /// Every feed, as the worker last listed them.
    pub feeds: Vec<Feed>,
    /// The worker has listed the feeds at least once.
    pub loaded: bool,
    pub rows: Vec<FeedRow>,
    /// Folded tag folders.
    pub collapsed: BTreeSet<String>,
    /// The start every feed's title shares ("Dateline Demo: "), left out of the feeds pane
    /// and the list's feed column; empty when there is none (see [`shared_title_prefix`]).
    pub prefix: String,
    /// Columns the rows want, borders included (see [`layout::feeds_width`]).
    pub want: u16,
    /// Columns of the widest feed title as the list's feed column shows it (without
    /// `prefix`).
    pub title_width: usize,
    /// Selected row.
    pub sel: usize,
    /// First row on screen.
    pub offset: usize,
    /// The config's saved views.
    pub views: Vec<SavedView>,
    pub views_collapsed: bool,
}

impl Default for FeedsPane {
    fn default() -> FeedsPane {
        FeedsPane {
            feeds: Vec::new(),
            loaded: false,
            rows: Vec::new(),
            collapsed: BTreeSet::new(),
            prefix: String::new(),
            want: layout::FEEDS_MIN,
            title_width: 0,
            sel: 0,
            offset: 0,
            views: Vec::new(),
            views_collapsed: false,
        }
    }
}

impl FeedsPane {
    /// Sets the saved views (the config's `[[views]]`); their queries are parsed here, and one
    /// that does not parse is kept with its error. Call [`FeedsPane::rebuild`] after.
    pub fn set_views(&mut self, views: &[View]) {
        self.views = views
            .iter()
            .map(|v| SavedView {
                name: v.name.clone(),
                query: parse(&v.query),
                unread: 0,
            })
            .collect();
    }

    /// The saved views whose queries parse, by index, to count their unread articles.
    pub fn view_queries(&self) -> Vec<(usize, Query)> {
        self.views
            .iter()
            .enumerate()
            .filter_map(|(i, v)| v.query.as_ref().ok().map(|q| (i, q.clone())))
            .collect()
    }

    /// The saved views' unread counts arrived (by index). Call [`FeedsPane::rebuild`] after.
    pub fn set_view_counts(&mut self, counts: Vec<(usize, u64)>) {
        for (i, n) in counts {
            if let Some(v) = self.views.get_mut(i) {
                v.unread = u32::try_from(n).unwrap_or(u32::MAX);
            }
        }
    }

    /// The feed with this id.
    pub fn feed(&self, id: FeedId) -> Option<&Feed> {
        self.feeds.iter().find(|f| f.id == id)
    }

    /// The selected row's key.
    pub fn selected_key(&self) -> Option<&RowKey> {
        self.rows.get(self.sel).map(|r| &r.key)
    }

    /// An article of `feed` was marked read (or unread): its unread count follows. Call
    /// [`FeedsPane::rebuild`] after.
    pub fn count_read(&mut self, feed: FeedId, read: bool) {
        if let Some(f) = self.feeds.iter_mut().find(|f| f.id == feed) {
            f.unread = if read {
                f.unread.saturating_sub(1)
            } else {
                f.unread + 1
            };
        }
    }

    /// Rebuilds the rows from `feeds` and `views`, keeping the selected row (or, when it
    /// was folded away, selecting its folder). The selection is brought into view by
    /// [`FeedsPane::select`].
    pub fn rebuild(&mut self) {
        let selected = self.selected_key().cloned();
        self.prefix = shared_title_prefix(&self.feeds);
        self.rows = build_rows(&self.feeds, &self.collapsed, &self.prefix);
        if !self.views.is_empty() {
            let views = view_rows(&self.views, self.views_collapsed);
            self.rows.splice(1..1, views);
        }
        let widest = self.rows.iter().map(row_width).max().unwrap_or(0);
        self.want = u16::try_from(widest + 2).unwrap_or(u16::MAX);
        self.title_width = self
            .feeds
            .iter()
            .map(|f| {
                let shown = f.title.strip_prefix(self.prefix.as_str());
                sanitize_line(shown.unwrap_or(&f.title)).width()
            })
            .max()
            .unwrap_or(0);
        if let Some(key) = selected {
            let found = self.rows.iter().position(|r| r.key == key).or_else(|| {
                // A feed whose tags changed (`E`): the same feed in its new place.
                // A feed inside a folder that was just folded: select the folder.
                if let RowKey::Feed { id, .. } = &key
                    && let Some(i) = self.rows.iter().position(
                        |r| matches!(&r.key, RowKey::Feed { id: other, .. } if other == id),
                    )
                {
                    return Some(i);
                }
                match &key {
                    RowKey::Feed { tag: Some(t), .. } => self
                        .rows
                        .iter()
                        .position(|r| r.key == RowKey::Tag(t.clone())),
                    RowKey::View(_) => self.rows.iter().position(|r| r.key == RowKey::Views),
                    _ => None,
                }
            });
            self.sel = found.unwrap_or(self.sel);
        }
    }

    /// Selects row `index` (clamped), scrolling a pane of `height` rows to show it.
    pub fn select(&mut self, index: usize, height: usize) {
        if self.rows.is_empty() {
            return;
        }
        self.sel = index.min(self.rows.len() - 1);
        self.offset = keep_visible(self.sel, self.offset, height);
    }

    /// `h` on the pane: folds the folder of the selected row (the views' folder for a view).
    /// Returns whether anything was folded; call [`FeedsPane::rebuild`] then.
    pub fn fold_here(&mut self) -> bool {
        match self.selected_key() {
            Some(RowKey::Views | RowKey::View(_)) => {
                self.views_collapsed = true;
                true
            }
            Some(RowKey::Tag(t) | RowKey::Feed { tag: Some(t), .. }) => {
                let t = t.clone();
                self.collapsed.insert(t);
                true
            }
            _ => false,
        }
    }

    /// What a row restricts the list to; `None` for the views' folder, which only folds. A
    /// view whose query does not parse is an error for the user.
    pub fn scope_for(&self, key: &RowKey) -> Option<Result<Query, String>> {
        let term = |t: Term| Query {
            expr: Some(Expr::Term(t)),
            sort: None,
        };
        match key {
            RowKey::All => Some(Ok(Query::default())),
            RowKey::Views => None,
            RowKey::View(i) => {
                let v = self.views.get(*i)?;
                Some(v.query.clone().map_err(|e| format!("view {}: {e}", v.name)))
            }
            RowKey::Tag(t) => Some(Ok(term(Term::Tag(t.clone())))),
            // A feed by its address: a whole one names that feed only.
            RowKey::Feed { id, .. } => {
                let url = self.feed(*id)?.url.clone();
                Some(Ok(term(Term::Url(url))))
            }
        }
    }

    /// The name the list's title gives a row's scope: a feed by its whole title (the pane
    /// may leave out a shared start); `None` for "All articles".
    pub fn scope_label(&self, row: &FeedRow) -> Option<String> {
        match &row.key {
            RowKey::All => None,
            RowKey::Feed { id, .. } => self.feed(*id).map(|f| f.title.clone()),
            _ => Some(row.label.clone()),
        }
    }

    /// The feeds of the selected row (a feed, or a folder's); `None` for the other rows.
    pub fn feeds_here(&self) -> Option<Vec<FeedId>> {
        match self.selected_key() {
            Some(RowKey::Feed { id, .. }) => Some(vec![*id]),
            Some(RowKey::Tag(t)) => Some(
                self.feeds
                    .iter()
                    .filter(|f| f.tags.contains(t))
                    .map(|f| f.id)
                    .collect(),
            ),
            _ => None,
        }
    }
}

/// The saved views' folder and, unless folded, one row per view.
fn view_rows(views: &[SavedView], collapsed: bool) -> Vec<FeedRow> {
    let mut rows = vec![FeedRow {
        key: RowKey::Views,
        label: "Views".into(),
        unread: 0,
        error: views.iter().any(|v| v.query.is_err()),
        depth: 0,
        collapsed,
    }];
    if !collapsed {
        rows.extend(views.iter().enumerate().map(|(i, v)| FeedRow {
            key: RowKey::View(i),
            label: v.name.clone(),
            unread: v.unread,
            error: v.query.is_err(),
            depth: 1,
            collapsed: false,
        }));
    }
    rows
}

/// Where a title may be cut after a start that every feed's title shares.
const TITLE_SEPARATORS: [&str; 6] = [": ", " - ", " – ", " — ", " | ", " · "];

/// The start every feed's title shares, up to and including a separator (`: `, ` - `, ` | `
/// ...), as in "Dateline Demo: World Desk" and "Dateline Demo: Europe"; empty unless there
/// are two feeds or more and each keeps some text after it. Whole words only: "News" and
/// "Newsroom" share nothing.
pub fn shared_title_prefix(feeds: &[Feed]) -> String {
    let Some((first, rest)) = feeds.split_first() else {
        return String::new();
    };
    if rest.is_empty() {
        return String::new();
    }
    let mut common = first.title.as_str();
    for f in rest {
        let same = common
            .char_indices()
            .zip(f.title.chars())
            .find(|((_, a), b)| a != b)
            .map_or(common.len().min(f.title.len()), |((i, _), _)| i);
        common = &common[..same];
    }
    let end = TITLE_SEPARATORS
        .iter()
        .filter_map(|sep| common.rfind(sep).map(|i| i + sep.len()))
        .max()
        .unwrap_or(0);
    let prefix = &common[..end];
    if end == 0
        || prefix.trim().is_empty()
        || feeds.iter().any(|f| f.title[end..].trim().is_empty())
    {
        return String::new();
    }
    prefix.to_string()
}

/// Columns a row of the feeds pane needs to show whole: indent, folder marker, label,
/// error mark and unread count, as the view draws them.
pub fn row_width(row: &FeedRow) -> usize {
    let marker = if matches!(row.key, RowKey::Tag(_) | RowKey::Views) {
        2
    } else {
        0
    };
    let count = if row.unread > 0 {
        1 + row.unread.to_string().len()
    } else {
        0
    };
    2 * usize::from(row.depth)
        + marker
        + sanitize_line(&row.label).width()
        + usize::from(row.error)
        + count
}

/// The feeds pane: "All", then tag folders with their feeds, then untagged feeds. Feed
/// titles are shown without `prefix` (the start they all share).
pub fn build_rows(feeds: &[Feed], collapsed: &BTreeSet<String>, prefix: &str) -> Vec<FeedRow> {
    let mut rows = vec![FeedRow {
        key: RowKey::All,
        label: "All articles".into(),
        unread: feeds.iter().map(|f| f.unread).sum(),
        error: false,
        depth: 0,
        collapsed: false,
    }];
    let mut tags: Vec<&String> = Vec::new();
    for f in feeds {
        for t in &f.tags {
            if !tags.contains(&t) {
                tags.push(t);
            }
        }
    }
    let feed_row = |f: &Feed, tag: Option<&String>| FeedRow {
        key: RowKey::Feed {
            tag: tag.cloned(),
            id: f.id,
        },
        label: f.title.strip_prefix(prefix).unwrap_or(&f.title).to_string(),
        unread: f.unread,
        error: f.last_error.is_some(),
        depth: u8::from(tag.is_some()),
        collapsed: false,
    };
    for t in tags {
        let members: Vec<&Feed> = feeds.iter().filter(|f| f.tags.contains(t)).collect();
        let is_collapsed = collapsed.contains(t);
        rows.push(FeedRow {
            key: RowKey::Tag(t.clone()),
            label: t.clone(),
            unread: members.iter().map(|f| f.unread).sum(),
            error: members.iter().any(|f| f.last_error.is_some()),
            depth: 0,
            collapsed: is_collapsed,
        });
        if !is_collapsed {
            rows.extend(members.iter().map(|f| feed_row(f, Some(t))));
        }
    }
    rows.extend(
        feeds
            .iter()
            .filter(|f| f.tags.is_empty())
            .map(|f| feed_row(f, None)),
    );
    rows
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ui::fixtures;

    fn pane() -> FeedsPane {
        let mut p = FeedsPane {
            feeds: fixtures::feeds(),
            loaded: true,
            ..FeedsPane::default()
        };
        p.rebuild();
        p
    }

    fn labels(p: &FeedsPane) -> Vec<&str> {
        p.rows.iter().map(|r| r.label.as_str()).collect()
    }

    #[test]
    fn folding_keeps_the_selection_on_the_folder() {
        let mut p = pane();
        let world_desk = p.rows.iter().position(|r| r.label == "World Desk").unwrap();
        p.select(world_desk, 10);
        assert!(p.fold_here());
        p.rebuild();
        assert_eq!(p.selected_key(), Some(&RowKey::Tag("world".into())));
        assert!(!labels(&p).contains(&"World Desk"));
        // "All articles" has no folder to fold.
        p.select(0, 10);
        assert!(!p.fold_here());
    }

    #[test]
    fn a_feed_given_tags_stays_selected_in_its_new_folder() {
        let mut p = pane();
        let i = p
            .rows
            .iter()
            .position(|r| matches!(r.key, RowKey::Feed { tag: None, .. }));
        let i = i.expect("the fixtures have a feed without tags");
        p.select(i, 10);
        let Some(RowKey::Feed { id, .. }) = p.selected_key().cloned() else {
            unreachable!()
        };
        let feed = p.feeds.iter_mut().find(|f| f.id == id).unwrap();
        feed.tags = vec!["aaa-new".into()];
        p.rebuild();
        assert_eq!(
            p.selected_key(),
            Some(&RowKey::Feed {
                tag: Some("aaa-new".into()),
                id
            })
        );
    }

    #[test]
    fn selection_is_clamped_and_scrolled_into_view() {
        let mut p = pane();
        let last = p.rows.len() - 1;
        p.select(usize::MAX, 3);
        assert_eq!(p.sel, last);
        assert_eq!(p.offset, last + 1 - 3);
        p.select(0, 3);
        assert_eq!((p.sel, p.offset), (0, 0));
    }

    #[test]
    fn rows_scope_the_list_and_name_it() {
        let p = pane();
        let tag = RowKey::Tag("world".into());
        assert_eq!(p.scope_for(&tag), Some(Ok(parse("tag:world").unwrap())));
        assert_eq!(p.scope_for(&RowKey::All), Some(Ok(Query::default())));
        assert_eq!(p.scope_for(&RowKey::Views), None);
        let feed = p
            .rows
            .iter()
            .find(|r| matches!(r.key, RowKey::Feed { .. }))
            .unwrap();
        let RowKey::Feed { id, .. } = feed.key else {
            unreachable!()
        };
        assert_eq!(p.scope_label(feed), Some(p.feed(id).unwrap().title.clone()));
    }

    #[test]
    fn saved_views_go_after_all_articles_and_count_unread() {
        let mut p = pane();
        p.set_views(&[
            View {
                name: "Good".into(),
                query: "is:unread".into(),
            },
            View {
                name: "Bad".into(),
                query: "(unclosed".into(),
            },
        ]);
        p.rebuild();
        assert_eq!(&labels(&p)[..4], ["All articles", "Views", "Good", "Bad"]);
        assert!(p.rows[1].error && p.rows[3].error && !p.rows[2].error);
        assert_eq!(p.view_queries().len(), 1);
        p.set_view_counts(vec![(0, 7)]);
        p.rebuild();
        assert_eq!(p.rows[2].unread, 7);
        assert!(p.scope_for(&RowKey::View(1)).unwrap().is_err());
    }

    #[test]
    fn a_read_article_lowers_its_feeds_counts() {
        let mut p = pane();
        let id = p.feeds[0].id;
        let before = p.rows[0].unread;
        p.count_read(id, true);
        p.rebuild();
        assert_eq!(p.rows[0].unread, before - 1);
        p.count_read(id, false);
        p.rebuild();
        assert_eq!(p.rows[0].unread, before);
    }

    #[test]
    fn a_title_start_every_feed_shares_is_found_at_a_separator() {
        let named = |titles: &[&str]| -> Vec<Feed> {
            titles
                .iter()
                .enumerate()
                .map(|(i, t)| fixtures::feed(i as i64 + 1, t, &[], 0, None))
                .collect()
        };
        let prefix = |titles: &[&str]| shared_title_prefix(&named(titles));
        assert_eq!(
            prefix(&["Dateline Demo: World Desk", "Dateline Demo: Europe"]),
            "Dateline Demo: "
        );
        assert_eq!(
            prefix(&["BBC News - World", "BBC News - UK"]),
            "BBC News - "
        );
        assert_eq!(
            prefix(&["Le Monde | Europe", "Le Monde | Afrique"]),
            "Le Monde | "
        );
        // The last separator both share: "A: B: c" and "A: B: d" give "A: B: ".
        assert_eq!(prefix(&["A: B: c", "A: B: d"]), "A: B: ");
        // Not a whole word, one feed alone, a title left empty, nothing shared.
        assert_eq!(prefix(&["Newsroom: a", "News: b"]), "");
        assert_eq!(prefix(&["Dateline Demo: World Desk"]), "");
        assert_eq!(prefix(&["Dateline Demo: World", "Dateline Demo: "]), "");
        assert_eq!(prefix(&["World: a", "Europe: b"]), "");
        assert_eq!(prefix(&[]), "");
        // Multi-byte characters before the difference.
        assert_eq!(prefix(&["Évropa — Sud", "Évropa — Nord"]), "Évropa — ");
    }
}
