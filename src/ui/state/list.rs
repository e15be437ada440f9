//! The list window: the article list as the screen sees it, one loaded window of rows
//! around the selection out of a list that may hold hundreds of thousands.
//!
//! Decides which window to ask for and keeps the selection steady as answers arrive; it
//! returns the [`Command`] to send and never sends it, and it knows nothing of panes (the
//! pane's height is passed in).

use std::collections::HashMap;

use chrono::{DateTime, FixedOffset};

use crate::model::{ArticleId, ArticleSummary, StoryTag};
use crate::sanitize::sanitize_line;
use crate::ui::layout::{TITLE_LINES, keep_visible};
use crate::ui::text::wrap;
use crate::worker::session::{ArticleQuery, Command, Grouping, Near, RequestId, Window};

/// Rows loaded per request: the list holds one window of this many around the selection.
pub const PAGE: usize = 500;
/// A new window is asked for when the screen comes this close to the loaded window's edge.
pub const MARGIN: usize = 100;

/// Rows asked for first when a list starts at its top (a new query, each filter keystroke):
/// the screen, the margin below it and a screen more, so no window follows until the
/// selection moves a screen down. A filtered list is read until this many rows match, and a
/// full window of [`PAGE`] cost several times as much on a large cache for rows nobody sees
/// yet.
pub fn first_window(height: usize) -> usize {
    (2 * height + MARGIN).min(PAGE)
}

/// The list window's state.
#[derive(Debug, Clone, Default)]
pub struct ListWindow {
    /// The loaded window of the list: rows `start..start + articles.len()`.
    pub articles: Vec<ArticleSummary>,
    /// Index in the whole list of `articles[0]`.
    pub start: usize,
    /// Rows in the whole list (as last counted).
    pub total: usize,
    /// `total` was counted for the current list (not only the rows seen so far).
    pub(super) total_counted: bool,
    /// `G` was pressed on the list before its total was counted: the selection goes on to
    /// the last row when the count arrives (any other key forgets it).
    pub(super) bottom_when_counted: bool,
    /// The answer to the current request has arrived.
    pub loaded: bool,
    /// Selected row, as an index into the whole list.
    pub sel: usize,
    /// First row on screen, as an index into the whole list.
    pub offset: usize,
    /// What the list shows: the feeds pane's scope ANDed with the filter line's query.
    pub query: ArticleQuery,
    /// The window asked for and not yet answered (start, length, with a count).
    pub(super) pending: Option<(usize, usize, bool)>,
    /// The next answer is for a new query: select its first row unless the selected article
    /// is in it.
    pub(super) fresh: bool,
    /// The label of the feeds pane's row that restricts the list (`None`: all articles).
    pub scope_label: Option<String>,
    /// The last `LoadArticles` sent; older answers are dropped.
    pub request: RequestId,
    /// The last `LoadArticles` that asked for the list's total: its `ArticleTotal` is the
    /// one to keep, even after page requests have followed it.
    pub count_request: RequestId,
    /// The article to select when the next answer holds it (a list gone back to).
    pub(super) want: Option<ArticleId>,
    /// The stories of the rows, by article, when the list shows each story once.
    pub stories: HashMap<ArticleId, StoryTag>,
}

impl ListWindow {
    /// The selected article, when its row is loaded.
    pub fn selected(&self) -> Option<&ArticleSummary> {
        self.row(self.sel)
    }

    /// Row `index` of the whole list, when it is in the loaded window.
    pub fn row(&self, index: usize) -> Option<&ArticleSummary> {
        self.articles.get(index.checked_sub(self.start)?)
    }

    /// The loaded row of article `id`.
    pub fn find(&self, id: ArticleId) -> Option<&ArticleSummary> {
        self.articles.iter().find(|a| a.id == id)
    }

    /// The selected row's title in lines of `width` columns (one when it fits, at most
    /// [`TITLE_LINES`]); none when its row is not loaded.
    pub fn selected_title_lines(&self, width: usize) -> Vec<String> {
        self.selected()
            .map(|a| {
                let badge = self.badge(a.id, width).map_or(0, |b| b.chars().count());
                wrap(&sanitize_line(&a.title), width - badge, TITLE_LINES)
            })
            .unwrap_or_default()
    }

    /// What goes before the title of article `id`'s row in a title column of `width`: in
    /// story mode, how many more feeds (or articles) tell its story ("+2 sources "); none
    /// when there are none or the column is too narrow for it and some title.
    pub fn badge(&self, id: ArticleId, width: usize) -> Option<String> {
        let t = self.story(id)?;
        let badge = if t.sources > 2 {
            format!("+{} sources ", t.sources - 1)
        } else if t.sources == 2 {
            "+1 source ".to_string()
        } else if t.articles > 1 {
            format!("+{} more ", t.articles - 1)
        } else {
            return None;
        };
        (badge.chars().count() + 8 <= width).then_some(badge)
    }

    /// The story of article `id`'s row, when the list shows each story once and it has one.
    pub fn story(&self, id: ArticleId) -> Option<&StoryTag> {
        self.stories.get(&id)
    }

    /// The stories of the rows of request `request` (kept only for the last request).
    pub fn receive_story_tags(&mut self, request: RequestId, tags: Vec<StoryTag>) {
        if request == self.request {
            self.stories = tags.into_iter().map(|t| (t.article, t)).collect();
        }
    }

    /// The whole list holds in the loaded window.
    pub fn complete(&self) -> bool {
        self.start == 0 && self.articles.len() >= self.total
    }

    /// Asks for the window around the selection (with the total when `count`).
    pub fn load(&mut self, count: bool, now: DateTime<FixedOffset>) -> Command {
        let mut start = self.sel.saturating_sub(PAGE / 2);
        if !count {
            start = start.min(self.total.saturating_sub(PAGE));
        }
        self.request_window(start, PAGE, count, now)
    }

    /// The query changed: asks for its first rows (those a screen of `height` rows needs,
    /// see [`first_window`]) and its total.
    pub fn new_list(&mut self, now: DateTime<FixedOffset>, height: usize) -> Command {
        self.fresh = true;
        self.request_window(0, first_window(height), true, now)
    }

    /// The list starts afresh (at start-up): the first answer selects its first row.
    pub fn start(&mut self, now: DateTime<FixedOffset>, height: usize) -> Command {
        self.fresh = true;
        if self.sel == 0 {
            self.request_window(0, first_window(height), true, now)
        } else {
            self.load(true, now)
        }
    }

    fn request_window(
        &mut self,
        start: usize,
        limit: usize,
        count: bool,
        now: DateTime<FixedOffset>,
    ) -> Command {
        self.request += 1;
        // A page of the same list: what is held of it lets the store start near the window
        // (a jump to the end reads backwards from it). A new count may be a changed list.
        let near = if count {
            self.count_request = self.request;
            self.total_counted = false;
            self.bottom_when_counted = false;
            Near::default()
        } else {
            let held = [self.articles.first(), self.articles.last()];
            let last = self.start + self.articles.len().saturating_sub(1);
            Near {
                total: self.total_counted.then_some(self.total as u64),
                rows: [self.start, last]
                    .into_iter()
                    .zip(held)
                    .filter_map(|(i, row)| Some((i as u64, row?.clone())))
                    .collect(),
            }
        };
        self.loaded = false;
        self.pending = Some((start, limit, count));
        Command::LoadArticles {
            request: self.request,
            query: self.query.clone(),
            window: Window {
                offset: u32::try_from(start).unwrap_or(u32::MAX),
                limit: u32::try_from(limit).unwrap_or(u32::MAX),
            },
            count,
            now,
            near,
        }
    }

    /// Asks for a new window when the rows near a screen of `height` rows are not loaded
    /// (nor asked for).
    pub fn ensure_window(&mut self, height: usize, now: DateTime<FixedOffset>) -> Option<Command> {
        if self.total == 0 || self.request == 0 {
            return None;
        }
        let need_start = self.offset.saturating_sub(MARGIN);
        let need_end = (self.offset + height + MARGIN).min(self.total);
        let covers = |start: usize, len: usize| {
            start <= need_start && (start + len >= need_end || start + len >= self.total)
        };
        if let Some((start, len, count)) = self.pending {
            if covers(start, len) {
                return None;
            }
            if count {
                // Keep asking for the total the pending request wanted.
                return Some(self.load(true, now));
            }
        } else if covers(self.start, self.articles.len()) {
            return None;
        }
        Some(self.load(false, now))
    }

    /// Selects row `index` (clamped), scrolling a pane of `height` rows to show it.
    pub fn select(&mut self, index: usize, height: usize) {
        if self.total == 0 {
            self.sel = 0;
            self.offset = 0;
            return;
        }
        self.sel = index.min(self.total - 1);
        self.offset = keep_visible(self.sel, self.offset, height)
            // No blank rows at the bottom while rows above are hidden.
            .min(self.total.saturating_sub(height));
    }

    /// `G`: to the last row, and on to the real last row once the list is counted.
    pub fn bottom(&mut self, height: usize) {
        self.select(usize::MAX / 2, height);
        self.bottom_when_counted = !self.total_counted;
    }

    /// Finishes a `G` pressed before the list was counted, once it is.
    fn go_to_bottom_when_counted(&mut self, height: usize) {
        if self.total_counted && std::mem::take(&mut self.bottom_when_counted) {
            self.select(self.total.saturating_sub(1), height);
        }
    }

    /// A window arrived (dropped unless it answers the last request): the selected article
    /// keeps its row on screen when it is in it.
    pub fn receive(
        &mut self,
        request: RequestId,
        offset: u32,
        total: Option<u64>,
        articles: Vec<ArticleSummary>,
        height: usize,
    ) {
        if request != self.request {
            return;
        }
        // Fewer rows than asked for: the list ends there.
        let asked = self.pending.take().map_or(PAGE, |(_, limit, _)| limit);
        if self.query.grouping == Grouping::Articles {
            self.stories.clear();
        }
        let selected = self.want.take().or_else(|| self.selected().map(|a| a.id));
        let screen_row = self.sel.saturating_sub(self.offset);
        let start = offset as usize;
        self.start = start;
        self.articles = articles;
        self.loaded = true;
        let end = start + self.articles.len();
        self.total_counted |= total.is_some();
        self.total = match total {
            Some(n) => usize::try_from(n).unwrap_or(usize::MAX),
            // A short page is the end of the list.
            None if self.articles.len() < asked => end,
            // A new list whose total follows (`ArticleTotal`): what is known so far.
            None if request == self.count_request => end,
            None => self.total.max(end),
        };
        let found = selected.and_then(|id| {
            self.articles
                .iter()
                .position(|a| a.id == id)
                .map(|i| start + i)
        });
        let fresh = std::mem::take(&mut self.fresh);
        let index = found.unwrap_or(if fresh { 0 } else { self.sel });
        // Keep the selected article on the same screen row when possible.
        self.offset = if found.is_some() || !fresh {
            index.saturating_sub(screen_row)
        } else {
            0
        };
        self.select(index, height);
        self.go_to_bottom_when_counted(height);
    }

    /// The list's total arrived (kept only for the last request that asked for it).
    pub fn receive_total(&mut self, request: RequestId, total: u64, height: usize) {
        if request == self.count_request {
            self.total = usize::try_from(total).unwrap_or(usize::MAX);
            self.total_counted = true;
            self.go_to_bottom_when_counted(height);
        }
    }

    /// Sets the read flag of article `id`'s loaded rows; whether any changed.
    pub fn set_read(&mut self, id: ArticleId, read: bool) -> bool {
        let mut changed = false;
        for a in self.articles.iter_mut().filter(|a| a.id == id) {
            changed |= a.read != read;
            a.read = read;
        }
        changed
    }

    /// Flips the starred flag of article `id`'s loaded rows; the new flag, when loaded.
    pub fn toggle_star(&mut self, id: ArticleId) -> Option<bool> {
        let mut starred = None;
        for a in self.articles.iter_mut().filter(|a| a.id == id) {
            a.starred = !a.starred;
            starred = Some(a.starred);
        }
        starred
    }

    /// Marks every loaded row read; how many were unread.
    pub fn mark_all_read(&mut self) -> usize {
        let n = self.articles.iter().filter(|a| !a.read).count();
        for a in &mut self.articles {
            a.read = true;
        }
        n
    }

    /// Whether the list goes on past the loaded window after (`forward`) or before it.
    pub fn goes_on(&self, forward: bool) -> bool {
        if forward {
            !self.total_counted || self.start + self.articles.len() < self.total
        } else {
            self.start > 0
        }
    }

    /// The next (or previous) unread row from the selection, within the loaded window (the
    /// next window follows the selection).
    pub fn next_unread(&self, forward: bool) -> Option<usize> {
        let unread = |i: &usize| self.row(*i).is_some_and(|a| !a.read);
        let end = self.start + self.articles.len();
        if forward {
            (self.sel + 1..end).find(unread)
        } else {
            (self.start..self.sel).rev().find(unread)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ui::fixtures;

    fn now() -> DateTime<FixedOffset> {
        fixtures::now().fixed_offset()
    }

    /// `n` summaries starting at row `from` (ids 1000 + row).
    fn rows(from: usize, n: usize) -> Vec<ArticleSummary> {
        (from..from + n)
            .map(|i| fixtures::summary(1000 + i as i64, 1, &format!("row {i}"), 1, i % 2 == 0))
            .collect()
    }

    fn window(c: &Command) -> (RequestId, usize, bool) {
        match c {
            Command::LoadArticles {
                request,
                window,
                count,
                ..
            } => (*request, window.offset as usize, *count),
            other => panic!("not a window: {other:?}"),
        }
    }

    #[test]
    fn only_the_last_request_is_answered() {
        let mut l = ListWindow::default();
        let (first, ..) = window(&l.start(now(), 20));
        let (second, ..) = window(&l.new_list(now(), 20));
        l.receive(first, 0, Some(3), rows(0, 3), 10);
        assert!(!l.loaded && l.articles.is_empty());
        l.receive(second, 0, Some(2), rows(0, 2), 10);
        assert!(l.loaded && l.complete());
        assert_eq!(l.total, 2);
    }

    #[test]
    fn a_window_is_asked_for_as_the_screen_nears_its_edge() {
        let mut l = ListWindow::default();
        let (r, ..) = window(&l.start(now(), 20));
        l.receive(r, 0, Some(10_000), rows(0, PAGE), 20);
        assert_eq!(l.ensure_window(20, now()), None);
        l.select(PAGE - MARGIN, 20);
        let (_, offset, count) = window(&l.ensure_window(20, now()).expect("the next window"));
        assert_eq!((offset, count), (l.sel - PAGE / 2, false));
        // Asked for and not answered: not asked again.
        assert_eq!(l.ensure_window(20, now()), None);
    }

    #[test]
    fn the_selected_article_keeps_its_screen_row_across_reloads() {
        let mut l = ListWindow::default();
        let (r, ..) = window(&l.start(now(), 20));
        l.receive(r, 0, Some(50), rows(0, 50), 10);
        l.select(20, 10);
        let id = l.selected().unwrap().id;
        let screen_row = l.sel - l.offset;
        // The same list with two new rows on top.
        let (r, ..) = window(&l.load(true, now()));
        let mut grown = rows(100, 2);
        grown.extend(rows(0, 50));
        l.receive(r, 0, Some(52), grown, 10);
        assert_eq!(l.selected().unwrap().id, id);
        assert_eq!(l.sel, 22);
        assert_eq!(l.sel - l.offset, screen_row);
    }

    #[test]
    fn bottom_waits_for_the_count() {
        let mut l = ListWindow::default();
        let (r, ..) = window(&l.start(now(), 20));
        l.receive(r, 0, None, rows(0, PAGE), 10);
        l.bottom(10);
        assert_eq!(l.sel, PAGE - 1);
        l.receive_total(r, 5_000, 10);
        assert_eq!(l.sel, 4_999);
        // Counted already: G goes straight to the end and waits for nothing.
        l.select(0, 10);
        l.bottom(10);
        assert_eq!(l.sel, 4_999);
        assert!(!l.bottom_when_counted);
    }

    #[test]
    fn flags_change_on_the_loaded_rows() {
        let mut l = ListWindow::default();
        let (r, ..) = window(&l.start(now(), 20));
        l.receive(r, 0, Some(4), rows(0, 4), 10);
        assert_eq!(l.next_unread(true), Some(1));
        let id = l.articles[1].id;
        assert!(l.set_read(id, true));
        assert!(!l.set_read(id, true), "already read");
        assert_eq!(l.next_unread(true), Some(3));
        assert_eq!(l.toggle_star(id), Some(true));
        assert_eq!(l.toggle_star(ArticleId(1)), None);
        assert_eq!(l.mark_all_read(), 1);
        assert_eq!(l.next_unread(true), None);
    }
}
