//! The interface's state and `update`: every input becomes an [`Action`], `update` changes
//! the [`State`] and returns the [`Effect`]s for the loop to perform.
//!
//! Pure: no I/O, no clock reads (time arrives in [`Action::Tick`]), no terminal. That is
//! what makes it testable with plain values; the event loop in `ui::mod` does the rest.

use std::collections::BTreeSet;

use chrono::{DateTime, FixedOffset, Utc};
use unicode_width::UnicodeWidthStr;

use super::body::{RenderedBody, render_body};
use super::keymap::{Act, HelpEntry};
use super::layout::{self, inner};
use super::people::{ArticleEntities, Entry, WhoWhere, top_entries};
use crate::config::View;
use crate::model::{Article, ArticleId, ArticleSummary, EntityKind, Feed, FeedId};
use crate::query::{Expr, ParseError, ParseOptions, Query, Term, parse, parse_with};
use crate::worker::session::{ArticleQuery, Command, Near, RequestId, Window, WorkerEvent};
use crate::worker::{FeedOutcome, RefreshEvent};

/// Which pane has the keyboard.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Focus {
    Feeds,
    Articles,
    Article,
    /// The people-and-places pane (or the "who and where" view).
    People,
}

/// What keys mean right now.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    Normal,
    /// Typing a filter in the status bar.
    Filter,
    /// The help overlay is shown.
    Help,
}

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

/// Progress of the current or last refresh.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Progress {
    pub running: bool,
    pub done: usize,
    pub total: usize,
    pub failed: usize,
}

/// The article pane.
#[derive(Debug, Clone, PartialEq)]
pub enum ArticlePane {
    Closed,
    Loading(ArticleId),
    Loaded {
        article: Box<Article>,
        body: RenderedBody,
    },
}

/// One input, already interpreted.
#[derive(Debug, Clone, PartialEq)]
pub enum Action {
    /// A named, remappable action.
    Do(Act),
    /// A digit typed as a count for the next action (`3o` opens link 3).
    Digit(u8),
    FilterChar(char),
    FilterBackspace,
    FilterSubmit,
    /// `Esc` in the filter line: clears the filter.
    FilterCancel,
    /// Up (`true`: older) or Down in the filter line: walks the query history.
    FilterHistory(bool),
    Resize(u16, u16),
    /// Time passes: pending reloads are sent.
    Tick(DateTime<Utc>),
    /// Mouse wheel at a cell.
    Scroll {
        col: u16,
        row: u16,
        down: bool,
    },
    /// Mouse click at a cell.
    Click {
        col: u16,
        row: u16,
    },
    Worker(WorkerEvent),
}

/// What the loop must do after an update.
#[derive(Debug, Clone, PartialEq)]
pub enum Effect {
    Worker(Command),
    OpenUrl(String),
    /// Copy to the clipboard (OSC 52).
    Copy(String),
    Quit,
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

/// Rows loaded per request: the list holds one window of this many around the selection.
pub const PAGE: usize = 500;
/// A new window is asked for when the screen comes this close to the loaded window's edge.
pub const MARGIN: usize = 100;
/// Queries kept in the filter line's history.
pub const HISTORY: usize = 100;
/// Entities asked for by the "who and where" view.
pub const TOP_ENTITIES: u32 = 60;

/// The whole interface state.
#[derive(Debug, Clone)]
pub struct State {
    pub feeds: Vec<Feed>,
    pub feeds_loaded: bool,
    pub rows: Vec<FeedRow>,
    pub collapsed: BTreeSet<String>,
    /// The start every feed's title shares ("Dateline Demo: "), left out of the feeds pane
    /// and the list's feed column; empty when there is none (see [`shared_title_prefix`]).
    pub feed_prefix: String,
    /// Columns the feeds pane's rows want, borders included (see [`layout::feeds_width`]).
    pub feeds_want: u16,
    /// Columns of the widest feed title as the list's feed column shows it (without
    /// `feed_prefix`).
    pub feed_title_width: usize,
    pub feed_sel: usize,
    pub feed_offset: usize,
    /// The loaded window of the list: rows `window_start..window_start + articles.len()`.
    pub articles: Vec<ArticleSummary>,
    /// Index in the whole list of `articles[0]`.
    pub window_start: usize,
    /// Rows in the whole list (as last counted).
    pub total: usize,
    /// `total` was counted for the current list (not only the rows seen so far).
    total_counted: bool,
    /// `G` was pressed on the list before its total was counted: the selection goes on to
    /// the last row when the count arrives (any other key forgets it).
    bottom_when_counted: bool,
    /// The answer to the current request has arrived.
    pub articles_loaded: bool,
    /// Selected row, as an index into the whole list.
    pub list_sel: usize,
    /// First row on screen, as an index into the whole list.
    pub list_offset: usize,
    pub query: ArticleQuery,
    /// The window asked for and not yet answered (start, length, with a count).
    pending: Option<(usize, usize, bool)>,
    /// The next answer is for a new query: select its first row unless the selected article
    /// is in it.
    fresh: bool,
    /// The label of the feeds pane's row that restricts the list (`None`: all articles).
    pub scope_label: Option<String>,
    /// The text of the active filter (the filter line's last good query).
    pub filter_text: String,
    /// Why the filter line's text does not parse (the list keeps the last good query).
    pub filter_error: Option<ParseError>,
    /// Filters applied with Enter, oldest first, at most [`HISTORY`].
    pub history: Vec<String>,
    /// Position while walking the history, and the text typed before the walk.
    history_pos: Option<usize>,
    history_draft: String,
    /// The config's saved views.
    pub views: Vec<SavedView>,
    pub views_collapsed: bool,
    /// The last `LoadArticles` sent; older answers are dropped.
    pub request: RequestId,
    /// The last `LoadArticles` that asked for the list's total: its `ArticleTotal` is the
    /// one to keep, even after page requests have followed it.
    pub count_request: RequestId,
    pub open: ArticlePane,
    pub scroll: usize,
    pub focus: Focus,
    pub mode: Mode,
    pub help: Vec<HelpEntry>,
    pub help_scroll: usize,
    pub filter_input: String,
    pub count: Option<usize>,
    pub message: Option<String>,
    pub progress: Progress,
    pub now: DateTime<Utc>,
    /// Dates are shown in this offset (the local one in the real program, UTC in tests).
    pub tz: FixedOffset,
    pub size: (u16, u16),
    pub mark_read_on_open: bool,
    pub quit: bool,
    /// The open article's entities, once loaded.
    pub entities: Option<ArticleEntities>,
    /// The "who and where" view, when on.
    pub who: Option<WhoWhere>,
    /// Selected row of the people pane (an index into [`State::pane_entries`]).
    pub people_sel: usize,
    reload_feeds: bool,
    reload_articles: bool,
    reload_who: bool,
}

impl State {
    /// A fresh state; call [`State::start`] for the first effects.
    pub fn new(
        help: Vec<HelpEntry>,
        now: DateTime<Utc>,
        tz: FixedOffset,
        size: (u16, u16),
    ) -> State {
        State {
            feeds: Vec::new(),
            feeds_loaded: false,
            rows: Vec::new(),
            collapsed: BTreeSet::new(),
            feed_prefix: String::new(),
            feeds_want: layout::FEEDS_MIN,
            feed_title_width: 0,
            feed_sel: 0,
            feed_offset: 0,
            articles: Vec::new(),
            window_start: 0,
            total: 0,
            total_counted: false,
            bottom_when_counted: false,
            articles_loaded: false,
            list_sel: 0,
            list_offset: 0,
            query: ArticleQuery::default(),
            pending: None,
            fresh: false,
            scope_label: None,
            filter_text: String::new(),
            filter_error: None,
            history: Vec::new(),
            history_pos: None,
            history_draft: String::new(),
            views: Vec::new(),
            views_collapsed: false,
            request: 0,
            count_request: 0,
            open: ArticlePane::Closed,
            scroll: 0,
            focus: Focus::Articles,
            mode: Mode::Normal,
            help,
            help_scroll: 0,
            filter_input: String::new(),
            count: None,
            message: None,
            progress: Progress::default(),
            now,
            tz,
            size,
            mark_read_on_open: true,
            quit: false,
            entities: None,
            who: None,
            people_sel: 0,
            reload_feeds: false,
            reload_articles: false,
            reload_who: false,
        }
    }

    /// Sets the saved views (the config's `[[views]]`); their queries are parsed here, and one
    /// that does not parse is kept with its error.
    pub fn set_views(&mut self, views: &[View]) {
        self.views = views
            .iter()
            .map(|v| SavedView {
                name: v.name.clone(),
                query: parse(&v.query),
                unread: 0,
            })
            .collect();
        self.rebuild_rows();
    }

    /// The first effects: load the cache, and refresh when asked.
    pub fn start(&mut self, refresh: bool) -> Vec<Effect> {
        self.fresh = true;
        let mut out = vec![Effect::Worker(Command::LoadFeeds), self.load_articles(true)];
        if refresh {
            self.progress = Progress {
                running: true,
                ..Progress::default()
            };
            out.push(Effect::Worker(Command::Refresh(None)));
        }
        out
    }

    /// The selected article of the list, when its row is loaded.
    pub fn selected(&self) -> Option<&ArticleSummary> {
        self.row(self.list_sel)
    }

    /// Row `index` of the whole list, when it is in the loaded window.
    pub fn row(&self, index: usize) -> Option<&ArticleSummary> {
        self.articles.get(index.checked_sub(self.window_start)?)
    }

    /// The whole list holds in the loaded window.
    pub fn list_complete(&self) -> bool {
        self.window_start == 0 && self.articles.len() >= self.total
    }

    /// "Now" in the local zone, for the store's relative times.
    fn local_now(&self) -> DateTime<FixedOffset> {
        self.now.with_timezone(&self.tz)
    }

    /// The article an action applies to: the one being read, else the list's selection.
    fn target(&self) -> Option<ArticleId> {
        match (&self.open, self.focus) {
            (ArticlePane::Loaded { article, .. }, Focus::Article) => Some(article.id),
            (ArticlePane::Loading(id), Focus::Article) => Some(*id),
            _ => self.selected().map(|a| a.id),
        }
    }

    fn target_link(&self) -> Option<String> {
        if let (ArticlePane::Loaded { article, .. }, Focus::Article) = (&self.open, self.focus) {
            return article.link.clone();
        }
        self.selected().and_then(|a| a.link.clone())
    }

    fn article_open(&self) -> bool {
        !matches!(self.open, ArticlePane::Closed)
    }

    /// Whether the people-and-places pane is wanted: an article is open or the "who and
    /// where" view is on.
    pub fn side(&self) -> bool {
        self.article_open() || self.who.is_some()
    }

    /// The panes at the current size.
    pub fn panes(&self) -> layout::Panes {
        self.panes_for(self.focus)
    }

    fn panes_for(&self, focus: Focus) -> layout::Panes {
        layout::panes(
            self.size.0,
            self.size.1,
            focus,
            self.article_open(),
            self.side(),
            self.feeds_want,
        )
    }

    /// The people pane's rows: the "who and where" view's when it is on, else the open
    /// article's; `None` while loading.
    pub fn pane_entries(&self) -> Option<&[Entry]> {
        match &self.who {
            Some(w) => w.entries.as_deref(),
            None => self.entities.as_ref().map(|e| e.entries.as_slice()),
        }
    }

    fn list_height(&self) -> usize {
        let p = self.panes_for(Focus::Articles);
        p.list.map_or(1, |r| usize::from(inner(r).height).max(1))
    }

    fn feeds_height(&self) -> usize {
        let p = self.panes_for(Focus::Feeds);
        p.feeds.map_or(1, |r| usize::from(inner(r).height).max(1))
    }

    /// Rows of the article pane and its text width.
    fn article_area(&self) -> (usize, u16) {
        let p = layout::panes(
            self.size.0,
            self.size.1,
            Focus::Article,
            true,
            true,
            self.feeds_want,
        );
        p.article.map_or((1, 10), |r| {
            let i = inner(r);
            (usize::from(i.height).max(1), i.width)
        })
    }

    /// All lines of the open article: header, body and links.
    pub fn article_len(&self) -> usize {
        match &self.open {
            ArticlePane::Loaded { body, .. } => HEADER_LINES + body.lines.len(),
            _ => 0,
        }
    }

    fn max_scroll(&self) -> usize {
        self.article_len().saturating_sub(self.article_area().0)
    }

    /// Asks for the window around the selection (with the total when `count`).
    fn load_articles(&mut self, count: bool) -> Effect {
        let mut start = self.list_sel.saturating_sub(PAGE / 2);
        if !count {
            start = start.min(self.total.saturating_sub(PAGE));
        }
        self.request_window(start, count)
    }

    fn request_window(&mut self, start: usize, count: bool) -> Effect {
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
            let last = self.window_start + self.articles.len().saturating_sub(1);
            Near {
                total: self.total_counted.then_some(self.total as u64),
                rows: [self.window_start, last]
                    .into_iter()
                    .zip(held)
                    .filter_map(|(i, row)| Some((i as u64, row?.clone())))
                    .collect(),
            }
        };
        self.articles_loaded = false;
        self.pending = Some((start, PAGE, count));
        Effect::Worker(Command::LoadArticles {
            request: self.request,
            query: self.query.clone(),
            window: Window {
                offset: u32::try_from(start).unwrap_or(u32::MAX),
                limit: PAGE as u32,
            },
            count,
            now: self.local_now(),
            near,
        })
    }

    /// The query changed: ask for its first rows and its total.
    fn new_list(&mut self) -> Effect {
        self.fresh = true;
        self.request_window(0, true)
    }

    /// Asks for a new window when the rows near the screen are not loaded (nor asked for).
    fn ensure_window(&mut self, out: &mut Vec<Effect>) {
        if self.total == 0 || self.request == 0 {
            return;
        }
        let need_start = self.list_offset.saturating_sub(MARGIN);
        let need_end = (self.list_offset + self.list_height() + MARGIN).min(self.total);
        let covers = |start: usize, len: usize| {
            start <= need_start && (start + len >= need_end || start + len >= self.total)
        };
        if let Some((start, len, count)) = self.pending {
            if covers(start, len) {
                return;
            }
            if count {
                // Keep asking for the total the pending request wanted.
                out.push(self.load_articles(true));
                return;
            }
        } else if covers(self.window_start, self.articles.len()) {
            return;
        }
        out.push(self.load_articles(false));
    }

    fn select_article(&mut self, index: usize) {
        if self.total == 0 {
            self.list_sel = 0;
            self.list_offset = 0;
            return;
        }
        self.list_sel = index.min(self.total - 1);
        let height = self.list_height();
        self.list_offset = keep_visible(self.list_sel, self.list_offset, height)
            // No blank rows at the bottom while rows above are hidden.
            .min(self.total.saturating_sub(height));
    }

    /// Finishes a `G` pressed before the list was counted, once it is.
    fn go_to_bottom_when_counted(&mut self) {
        if self.total_counted && std::mem::take(&mut self.bottom_when_counted) {
            self.select_article(self.total.saturating_sub(1));
        }
    }

    fn select_row(&mut self, index: usize) {
        if self.rows.is_empty() {
            return;
        }
        self.feed_sel = index.min(self.rows.len() - 1);
        self.feed_offset = keep_visible(self.feed_sel, self.feed_offset, self.feeds_height());
    }

    fn move_by(&mut self, delta: isize) {
        match self.focus {
            Focus::Feeds => self.select_row(self.feed_sel.saturating_add_signed(delta)),
            Focus::Articles => self.select_article(self.list_sel.saturating_add_signed(delta)),
            Focus::Article => {
                self.scroll = self
                    .scroll
                    .saturating_add_signed(delta)
                    .min(self.max_scroll());
            }
            Focus::People => {
                let n = self.pane_entries().map_or(0, <[Entry]>::len);
                self.people_sel = self
                    .people_sel
                    .saturating_add_signed(delta)
                    .min(n.saturating_sub(1));
            }
        }
    }

    fn page(&self) -> isize {
        let h = match self.focus {
            Focus::Feeds => self.feeds_height(),
            Focus::Articles => self.list_height(),
            Focus::Article => self.article_area().0,
            Focus::People => 10,
        };
        h.saturating_sub(1).max(1) as isize
    }

    /// Opens the selected article: loads it, and marks it read when configured.
    fn open_selected(&mut self, out: &mut Vec<Effect>) {
        let Some(a) = self.selected() else {
            return;
        };
        let (id, read, feed) = (a.id, a.read, a.feed_id);
        self.open = ArticlePane::Loading(id);
        self.scroll = 0;
        self.focus = Focus::Article;
        if self.entities.as_ref().is_some_and(|e| e.article != id) {
            self.entities = None;
            if self.who.is_none() {
                self.people_sel = 0;
            }
        }
        // Marked read before it is loaded (the worker runs commands in order), so the
        // article pane's copy already says read.
        if self.mark_read_on_open && !read {
            self.set_read_local(id, feed, true);
            out.push(Effect::Worker(Command::SetRead(vec![id], true)));
        }
        out.push(Effect::Worker(Command::LoadArticle(id)));
        // The article being read goes first in the extraction queue; what is already known
        // of its entities shows at once.
        out.push(Effect::Worker(Command::ExtractFirst(id)));
        out.push(Effect::Worker(Command::LoadEntities(id)));
        // The list got shorter when the article pane opened: keep the selection visible.
        self.select_article(self.list_sel);
    }

    /// Changes the read flag on screen at once; the store follows.
    fn set_read_local(&mut self, id: ArticleId, feed: FeedId, read: bool) {
        let mut changed = false;
        for a in self.articles.iter_mut().filter(|a| a.id == id) {
            changed |= a.read != read;
            a.read = read;
        }
        if let ArticlePane::Loaded { article, .. } = &mut self.open
            && article.id == id
        {
            article.read = read;
        }
        if changed && let Some(f) = self.feeds.iter_mut().find(|f| f.id == feed) {
            f.unread = if read {
                f.unread.saturating_sub(1)
            } else {
                f.unread + 1
            };
            self.rebuild_rows();
        }
    }

    /// Rebuilds the feeds pane from `feeds`, keeping the selected row.
    fn rebuild_rows(&mut self) {
        let selected = self.rows.get(self.feed_sel).map(|r| r.key.clone());
        self.feed_prefix = shared_title_prefix(&self.feeds);
        self.rows = build_rows(&self.feeds, &self.collapsed, &self.feed_prefix);
        if !self.views.is_empty() {
            let views = view_rows(&self.views, self.views_collapsed);
            self.rows.splice(1..1, views);
        }
        let widest = self.rows.iter().map(row_width).max().unwrap_or(0);
        self.feeds_want = u16::try_from(widest + 2).unwrap_or(u16::MAX);
        self.feed_title_width = self
            .feeds
            .iter()
            .map(|f| {
                let shown = f.title.strip_prefix(self.feed_prefix.as_str());
                crate::sanitize::sanitize_line(shown.unwrap_or(&f.title)).width()
            })
            .max()
            .unwrap_or(0);
        if let Some(key) = selected {
            let found = self.rows.iter().position(|r| r.key == key).or_else(|| {
                // A feed inside a folder that was just folded: select the folder.
                match &key {
                    RowKey::Feed { tag: Some(t), .. } => self
                        .rows
                        .iter()
                        .position(|r| r.key == RowKey::Tag(t.clone())),
                    RowKey::View(_) => self.rows.iter().position(|r| r.key == RowKey::Views),
                    _ => None,
                }
            });
            self.feed_sel = found.unwrap_or(self.feed_sel);
        }
        self.select_row(self.feed_sel);
    }

    fn render_open_body(&mut self) {
        let width = self.article_area().1;
        if let ArticlePane::Loaded { article, body } = &mut self.open
            && body.width != width
        {
            *body = render_body(
                article
                    .content_html
                    .as_deref()
                    .or(article.summary_html.as_deref()),
                &article.text,
                width,
            );
        }
        self.scroll = self.scroll.min(self.max_scroll());
    }

    /// What a row of the feeds pane restricts the list to; `None` for the views' folder,
    /// which only folds. A view whose query does not parse is an error for the user.
    fn scope_for_row(&self, key: &RowKey) -> Option<Result<Query, String>> {
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
            // A feed by its URL: `feed:` matches titles and URLs, and a URL names one feed.
            RowKey::Feed { id, .. } => {
                let url = self.feeds.iter().find(|f| f.id == *id)?.url.clone();
                Some(Ok(term(Term::Feed(url))))
            }
        }
    }

    fn show_row(&mut self, out: &mut Vec<Effect>) {
        let Some(row) = self.rows.get(self.feed_sel) else {
            return;
        };
        let key = row.key.clone();
        // A feed by its whole title: the pane may leave out a shared start.
        let label = match &key {
            RowKey::All => None,
            RowKey::Feed { id, .. } => self
                .feeds
                .iter()
                .find(|f| f.id == *id)
                .map(|f| f.title.clone()),
            _ => Some(row.label.clone()),
        };
        if let RowKey::Tag(t) = &key
            && self.collapsed.remove(t)
        {
            self.rebuild_rows();
        }
        if key == RowKey::Views {
            self.views_collapsed = !self.views_collapsed;
            self.rebuild_rows();
            return;
        }
        match self.scope_for_row(&key) {
            Some(Ok(scope)) if scope != self.query.scope => {
                self.query.scope = scope;
                self.scope_label = label;
                self.list_sel = 0;
                self.list_offset = 0;
                out.push(self.new_list());
            }
            Some(Err(message)) => self.message = Some(message),
            _ => {}
        }
    }

    /// The filter line's text changed: parse it and, when it parses, follow it.
    fn filter_changed(&mut self, out: &mut Vec<Effect>) {
        match parse_with(&self.filter_input, ParseOptions::typing()) {
            Ok(q) => {
                self.filter_error = None;
                self.filter_text = self.filter_input.trim().to_string();
                if q != self.query.filter {
                    self.query.filter = q;
                    out.push(self.new_list());
                }
            }
            Err(e) => self.filter_error = Some(e),
        }
    }

    /// Up (`older`) or Down in the filter line.
    fn walk_history(&mut self, older: bool, out: &mut Vec<Effect>) {
        let n = self.history.len();
        let next = match (self.history_pos, older) {
            (None, true) if n > 0 => {
                self.history_draft = self.filter_input.clone();
                Some(n - 1)
            }
            (Some(i), true) => Some(i.saturating_sub(1)),
            (Some(i), false) if i + 1 < n => Some(i + 1),
            (Some(_), false) => {
                self.history_pos = None;
                self.filter_input = std::mem::take(&mut self.history_draft);
                self.filter_changed(out);
                return;
            }
            _ => return,
        };
        self.history_pos = next;
        if let Some(text) = next.and_then(|i| self.history.get(i)) {
            self.filter_input = text.clone();
            self.filter_changed(out);
        }
    }

    fn remember(&mut self, text: &str) {
        if text.is_empty() {
            return;
        }
        self.history.retain(|h| h != text);
        self.history.push(text.to_string());
        if self.history.len() > HISTORY {
            self.history.remove(0);
        }
    }

    fn step_article(&mut self, delta: isize, out: &mut Vec<Effect>) {
        let next = self.list_sel.saturating_add_signed(delta);
        if next >= self.total || (delta < 0 && self.list_sel == 0) {
            self.message = Some("no more articles".into());
            return;
        }
        self.select_article(next);
        if self.focus == Focus::Article {
            self.open_selected(out);
        }
    }

    fn step_unread(&mut self, forward: bool, out: &mut Vec<Effect>) {
        // Within the loaded window: the next window follows the selection.
        let unread = |i: &usize| self.row(*i).is_some_and(|a| !a.read);
        let end = self.window_start + self.articles.len();
        let found = if forward {
            (self.list_sel + 1..end).find(unread)
        } else {
            (self.window_start..self.list_sel).rev().find(unread)
        };
        match found {
            Some(i) => {
                self.select_article(i);
                if self.focus == Focus::Article {
                    self.open_selected(out);
                }
            }
            None => self.message = Some("no more unread articles".into()),
        }
    }

    fn refresh(&mut self, ids: Option<Vec<FeedId>>, out: &mut Vec<Effect>) {
        if self.progress.running {
            self.message = Some("a refresh is already running".into());
            return;
        }
        self.progress = Progress {
            running: true,
            ..Progress::default()
        };
        out.push(Effect::Worker(Command::Refresh(ids)));
    }

    /// The id of the article being shown or loaded.
    fn open_id(&self) -> Option<ArticleId> {
        match &self.open {
            ArticlePane::Closed => None,
            ArticlePane::Loading(id) => Some(*id),
            ArticlePane::Loaded { article, .. } => Some(article.id),
        }
    }

    /// Gives the open article's text to its entities, so their mentions can be found in
    /// the body.
    fn link_entities_to_text(&mut self) {
        if let (Some(e), ArticlePane::Loaded { article, .. }) = (&mut self.entities, &self.open)
            && e.article == article.id
        {
            e.set_text(&article.text);
        }
    }

    /// `e`: the people pane takes the keyboard, or gives it back.
    fn toggle_people_focus(&mut self) {
        if self.focus == Focus::People {
            self.focus = self.people_return();
        } else if self.side() {
            self.focus = Focus::People;
            let n = self.pane_entries().map_or(0, <[Entry]>::len);
            self.people_sel = self.people_sel.min(n.saturating_sub(1));
        } else {
            self.message = Some("open an article (or press w) to see people and places".into());
        }
    }

    /// The pane focus returns to from the people pane.
    fn people_return(&self) -> Focus {
        if self.article_open() {
            Focus::Article
        } else {
            Focus::Articles
        }
    }

    /// `w`: turns the "who and where" view on (asking for it) or off.
    fn toggle_who(&mut self, out: &mut Vec<Effect>) {
        if self.who.take().is_some() {
            self.people_sel = 0;
            if self.focus == Focus::People {
                self.focus = self.people_return();
            }
            return;
        }
        self.who = Some(WhoWhere {
            asked: self.query.clone(),
            entries: None,
        });
        self.people_sel = 0;
        self.focus = Focus::People;
        out.push(self.load_who());
    }

    fn load_who(&self) -> Effect {
        Effect::Worker(Command::LoadTopEntities {
            query: self.query.clone(),
            now: self.local_now(),
            limit: TOP_ENTITIES,
        })
    }

    /// The "who and where" view follows the list's query.
    fn ensure_who(&mut self, out: &mut Vec<Effect>) {
        if let Some(w) = &mut self.who
            && w.asked != self.query
        {
            w.asked = self.query.clone();
            out.push(self.load_who());
        }
    }

    /// Enter on an entity: the list shows every article, across all feeds, that mentions it.
    fn filter_by_entity(&mut self, out: &mut Vec<Effect>) {
        let Some(entry) = self
            .pane_entries()
            .and_then(|e| e.get(self.people_sel))
            .cloned()
        else {
            return;
        };
        let text = entity_filter(entry.kind, &entry.name);
        if self.query.scope != Query::default() {
            self.query.scope = Query::default();
            self.scope_label = None;
            self.feed_sel = 0;
            // Force a new list even when the filter text is unchanged.
            self.query.filter = Query::default();
        }
        self.filter_input = text.clone();
        self.list_sel = 0;
        self.list_offset = 0;
        self.filter_changed(out);
        self.remember(&text);
        self.mode = Mode::Normal;
        self.focus = Focus::Articles;
        self.message = Some(format!("articles that mention {}", entry.name));
    }

    /// The feeds `r` refreshes: the selected row's, else the target article's.
    fn feeds_here(&self) -> Option<Vec<FeedId>> {
        if self.focus == Focus::Feeds {
            return match self.rows.get(self.feed_sel).map(|r| &r.key) {
                Some(RowKey::Feed { id, .. }) => Some(vec![*id]),
                Some(RowKey::Tag(t)) => Some(
                    self.feeds
                        .iter()
                        .filter(|f| f.tags.contains(t))
                        .map(|f| f.id)
                        .collect(),
                ),
                _ => None,
            };
        }
        let id = self.target()?;
        let feed = match &self.open {
            ArticlePane::Loaded { article, .. } if article.id == id => article.feed_id,
            _ => self.articles.iter().find(|a| a.id == id)?.feed_id,
        };
        Some(vec![feed])
    }
}

/// Lines before the body in the article pane: title, feed/author, date, link, blank.
pub const HEADER_LINES: usize = 5;

/// `1 feed`, `3 feeds`.
fn counted(n: u32, noun: &str) -> String {
    if n == 1 {
        format!("1 {noun}")
    } else {
        format!("{n} {noun}s")
    }
}

/// The new offset that keeps `sel` inside a window of `height` rows starting at `offset`.
fn keep_visible(sel: usize, offset: usize, height: usize) -> usize {
    if sel < offset {
        sel
    } else if sel >= offset + height {
        sel + 1 - height
    } else {
        offset
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
        + crate::sanitize::sanitize_line(&row.label).width()
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

/// Applies one action; returns what the loop must do.
pub fn update(state: &mut State, action: Action) -> Vec<Effect> {
    let mut out = Vec::new();
    match action {
        Action::Do(act) => {
            state.bottom_when_counted = false;
            let count = state.count.take();
            do_act(state, act, count, &mut out);
        }
        Action::Digit(d) => {
            let n = state
                .count
                .unwrap_or(0)
                .saturating_mul(10)
                .saturating_add(usize::from(d));
            state.count = Some(n);
            state.message = Some(format!("{n}…"));
        }
        Action::FilterChar(c) => {
            if !c.is_control() {
                state.filter_input.push(c);
                state.history_pos = None;
                state.filter_changed(&mut out);
            }
        }
        Action::FilterBackspace => {
            state.filter_input.pop();
            state.history_pos = None;
            state.filter_changed(&mut out);
        }
        Action::FilterSubmit => {
            if let Some(e) = &state.filter_error {
                state.message = Some(format!("the filter does not parse ({e}); Esc clears it"));
            } else {
                state.mode = Mode::Normal;
                let text = state.filter_text.clone();
                state.remember(&text);
                // The status bar shows the active filter.
                state.message = text.is_empty().then(|| "filter cleared".into());
            }
        }
        Action::FilterCancel => {
            state.mode = Mode::Normal;
            state.filter_input.clear();
            state.filter_error = None;
            state.history_pos = None;
            if state.query.filter != Query::default() {
                state.message = Some("filter cleared".into());
            }
            state.filter_changed(&mut out);
        }
        Action::FilterHistory(older) => state.walk_history(older, &mut out),
        Action::Resize(w, h) => {
            state.size = (w, h);
            state.render_open_body();
            state.select_article(state.list_sel);
            state.select_row(state.feed_sel);
        }
        Action::Tick(now) => {
            state.now = now;
            flush_reloads(state, &mut out);
        }
        Action::Scroll { col, row, down } => {
            let delta = if down { 3 } else { -3 };
            if let Some(focus) = pane_at(state, col, row) {
                let saved = state.focus;
                state.focus = focus;
                state.move_by(delta);
                state.focus = saved;
            }
        }
        Action::Click { col, row } => click(state, col, row, &mut out),
        Action::Worker(event) => worker_event(state, event, &mut out),
    }
    state.ensure_window(&mut out);
    state.ensure_who(&mut out);
    out
}

fn flush_reloads(state: &mut State, out: &mut Vec<Effect>) {
    if std::mem::take(&mut state.reload_feeds) {
        out.push(Effect::Worker(Command::LoadFeeds));
    }
    if std::mem::take(&mut state.reload_articles) {
        out.push(state.load_articles(true));
    }
    if std::mem::take(&mut state.reload_who) && state.who.is_some() {
        out.push(state.load_who());
    }
}

/// The filter that lists the articles mentioning an entity (`person:"Jens Stoltenberg"`),
/// written by the query language itself so any name round-trips.
pub fn entity_filter(kind: EntityKind, name: &str) -> String {
    Query {
        expr: Some(Expr::Term(Term::Entity {
            kind,
            name: name.to_string(),
        })),
        sort: None,
    }
    .to_string()
}

fn do_act(state: &mut State, act: Act, count: Option<usize>, out: &mut Vec<Effect>) {
    if state.mode == Mode::Help {
        match act {
            Act::Down => state.help_scroll = (state.help_scroll + 1).min(state.help.len()),
            Act::Up => state.help_scroll = state.help_scroll.saturating_sub(1),
            Act::Help | Act::Back => state.mode = Mode::Normal,
            Act::Quit => {
                state.quit = true;
                out.push(Effect::Quit);
            }
            _ => {}
        }
        return;
    }
    match act {
        Act::Down => state.move_by(1),
        Act::Up => state.move_by(-1),
        Act::Top => state.move_by(isize::MIN / 2),
        Act::Bottom => {
            state.move_by(isize::MAX / 2);
            state.bottom_when_counted = state.focus == Focus::Articles && !state.total_counted;
        }
        Act::PageDown => state.move_by(state.page()),
        Act::PageUp => state.move_by(-state.page()),
        Act::Page => {
            if state.focus == Focus::Article {
                let before = state.scroll;
                state.move_by(state.page());
                if state.scroll == before {
                    state.message = Some("end of article: n for the next unread".into());
                }
            } else {
                state.move_by(state.page());
            }
        }
        Act::Open => match state.focus {
            Focus::Feeds => {
                state.show_row(out);
                state.focus = Focus::Articles;
            }
            Focus::Articles => state.open_selected(out),
            Focus::Article => {}
            Focus::People => state.filter_by_entity(out),
        },
        Act::Back => match state.focus {
            Focus::People => state.focus = state.people_return(),
            Focus::Article => {
                state.open = ArticlePane::Closed;
                state.focus = Focus::Articles;
                state.select_article(state.list_sel);
            }
            Focus::Articles => state.focus = Focus::Feeds,
            Focus::Feeds => {
                if matches!(
                    state.rows.get(state.feed_sel).map(|r| &r.key),
                    Some(RowKey::Views | RowKey::View(_))
                ) {
                    state.views_collapsed = true;
                    state.rebuild_rows();
                    return;
                }
                let tag = match state.rows.get(state.feed_sel).map(|r| &r.key) {
                    Some(RowKey::Tag(t)) | Some(RowKey::Feed { tag: Some(t), .. }) => {
                        Some(t.clone())
                    }
                    _ => None,
                };
                if let Some(t) = tag {
                    state.collapsed.insert(t);
                    state.rebuild_rows();
                }
            }
        },
        Act::NextPane | Act::PrevPane => {
            let mut order = vec![Focus::Feeds, Focus::Articles];
            if state.article_open() {
                order.push(Focus::Article);
            }
            if state.side() {
                order.push(Focus::People);
            }
            let i = order.iter().position(|f| *f == state.focus).unwrap_or(0);
            let n = order.len();
            let j = if act == Act::NextPane {
                (i + 1) % n
            } else {
                (i + n - 1) % n
            };
            state.focus = order[j];
        }
        Act::NextArticle => state.step_article(1, out),
        Act::PrevArticle => state.step_article(-1, out),
        Act::NextUnread => state.step_unread(true, out),
        Act::PrevUnread => state.step_unread(false, out),
        Act::ToggleRead => {
            let Some(id) = state.target() else { return };
            let current = state
                .articles
                .iter()
                .find(|a| a.id == id)
                .map(|a| (a.read, a.feed_id))
                .or(match &state.open {
                    ArticlePane::Loaded { article, .. } if article.id == id => {
                        Some((article.read, article.feed_id))
                    }
                    _ => None,
                });
            if let Some((read, feed)) = current {
                state.set_read_local(id, feed, !read);
                out.push(Effect::Worker(Command::SetRead(vec![id], !read)));
            }
        }
        Act::ToggleStar => {
            let Some(id) = state.target() else { return };
            let mut starred = None;
            for a in state.articles.iter_mut().filter(|a| a.id == id) {
                a.starred = !a.starred;
                starred = Some(a.starred);
            }
            if let ArticlePane::Loaded { article, .. } = &mut state.open
                && article.id == id
            {
                article.starred = starred.unwrap_or(!article.starred);
                starred = Some(article.starred);
            }
            if let Some(s) = starred {
                out.push(Effect::Worker(Command::SetStarred(id, s)));
            }
        }
        Act::MarkAllRead => {
            // The count comes back with `WorkerEvent::MarkedRead`: the loaded rows are only
            // a window of the list.
            for a in &mut state.articles {
                a.read = true;
            }
            if let ArticlePane::Loaded { article, .. } = &mut state.open {
                article.read = true;
            }
            out.push(Effect::Worker(Command::MarkAllRead {
                query: state.query.clone(),
                now: state.local_now(),
            }));
        }
        Act::OpenBrowser => {
            let url = match count {
                Some(n) => match &state.open {
                    ArticlePane::Loaded { body, .. } => {
                        match n.checked_sub(1).and_then(|i| body.links.get(i)) {
                            Some(u) => Some(u.clone()),
                            None => {
                                state.message = Some(format!("this article has no link {n}"));
                                return;
                            }
                        }
                    }
                    _ => {
                        state.message = Some("open an article first".into());
                        return;
                    }
                },
                None => state.target_link(),
            };
            match url {
                Some(u) => {
                    state.message = Some(format!("opening {}", crate::sanitize::sanitize_line(&u)));
                    out.push(Effect::OpenUrl(u));
                }
                None => state.message = Some("no link to open".into()),
            }
        }
        Act::CopyLink => match state.target_link() {
            Some(u) => {
                state.message = Some("link copied".into());
                out.push(Effect::Copy(u));
            }
            None => state.message = Some("no link to copy".into()),
        },
        Act::RefreshFeed => {
            let ids = state.feeds_here();
            state.refresh(ids, out);
        }
        Act::RefreshAll => state.refresh(None, out),
        Act::Filter => {
            state.mode = Mode::Filter;
            state.filter_input = state.filter_text.clone();
            state.filter_error = None;
            state.history_pos = None;
        }
        Act::People => state.toggle_people_focus(),
        Act::WhoWhere => state.toggle_who(out),
        Act::Help => {
            state.mode = Mode::Help;
            state.help_scroll = 0;
        }
        Act::Quit => {
            state.quit = true;
            out.push(Effect::Quit);
        }
    }
}

fn worker_event(state: &mut State, event: WorkerEvent, out: &mut Vec<Effect>) {
    match event {
        WorkerEvent::Feeds(feeds) => {
            state.feeds = feeds;
            state.feeds_loaded = true;
            state.rebuild_rows();
            // Unread counts changed: count the saved views again.
            let queries: Vec<(usize, Query)> = state
                .views
                .iter()
                .enumerate()
                .filter_map(|(i, v)| v.query.as_ref().ok().map(|q| (i, q.clone())))
                .collect();
            if !queries.is_empty() {
                out.push(Effect::Worker(Command::CountUnread {
                    queries,
                    now: state.local_now(),
                }));
            }
        }
        WorkerEvent::ViewCounts(counts) => {
            for (i, n) in counts {
                if let Some(v) = state.views.get_mut(i) {
                    v.unread = u32::try_from(n).unwrap_or(u32::MAX);
                }
            }
            state.rebuild_rows();
        }
        WorkerEvent::Articles {
            request,
            offset,
            total,
            articles,
        } => {
            if request != state.request {
                return;
            }
            state.pending = None;
            let selected = state.selected().map(|a| a.id);
            let screen_row = state.list_sel.saturating_sub(state.list_offset);
            let start = offset as usize;
            state.window_start = start;
            state.articles = articles;
            state.articles_loaded = true;
            let end = start + state.articles.len();
            state.total_counted |= total.is_some();
            state.total = match total {
                Some(n) => usize::try_from(n).unwrap_or(usize::MAX),
                // A short page is the end of the list.
                None if state.articles.len() < PAGE => end,
                // A new list whose total follows (`ArticleTotal`): what is known so far.
                None if request == state.count_request => end,
                None => state.total.max(end),
            };
            let found = selected.and_then(|id| {
                state
                    .articles
                    .iter()
                    .position(|a| a.id == id)
                    .map(|i| start + i)
            });
            let fresh = std::mem::take(&mut state.fresh);
            let index = found.unwrap_or(if fresh { 0 } else { state.list_sel });
            // Keep the selected article on the same screen row when possible.
            state.list_offset = if found.is_some() || !fresh {
                index.saturating_sub(screen_row)
            } else {
                0
            };
            state.select_article(index);
            state.go_to_bottom_when_counted();
        }
        WorkerEvent::ArticleTotal { request, total } => {
            if request == state.count_request {
                state.total = usize::try_from(total).unwrap_or(usize::MAX);
                state.total_counted = true;
                state.go_to_bottom_when_counted();
            }
        }
        WorkerEvent::Article(article) => {
            let wanted = match &state.open {
                ArticlePane::Loading(id) => *id == article.id,
                ArticlePane::Loaded { article: a, .. } => a.id == article.id,
                ArticlePane::Closed => false,
            };
            if wanted {
                state.open = ArticlePane::Loaded {
                    article,
                    body: RenderedBody::default(),
                };
                state.render_open_body();
                state.link_entities_to_text();
            }
        }
        WorkerEvent::Refresh(RefreshEvent::Started { total }) => {
            state.progress = Progress {
                running: true,
                done: 0,
                total,
                failed: 0,
            };
        }
        WorkerEvent::Refresh(RefreshEvent::Feed(report)) => {
            state.progress.done += 1;
            state.reload_feeds = true;
            match &report.outcome {
                FeedOutcome::Failed { error } => {
                    state.progress.failed += 1;
                    state.message = Some(format!("{}: {error}", report.title));
                }
                FeedOutcome::Ok { new, updated } if new + updated > 0 => {
                    state.reload_articles = true;
                }
                _ => {}
            }
        }
        WorkerEvent::Refresh(RefreshEvent::Finished(summary)) => {
            state.progress.running = false;
            state.message = Some(format!(
                "refreshed {}: {}, {} failed",
                counted(summary.feeds, "feed"),
                counted(summary.new_articles, "new article"),
                summary.failed
            ));
            flush_reloads(state, out);
        }
        WorkerEvent::MarkedRead { changed } => {
            let n = changed.len();
            state.message = Some(format!(
                "marked {n} article{} read",
                if n == 1 { "" } else { "s" }
            ));
        }
        WorkerEvent::Error(message) => state.message = Some(message),
        WorkerEvent::EntitiesReady(ids) => {
            if let Some(id) = state.open_id()
                && ids.contains(&id)
            {
                out.push(Effect::Worker(Command::LoadEntities(id)));
            }
            // Counts across the list changed; asked for again at the next tick.
            state.reload_who |= state.who.is_some();
        }
        WorkerEvent::Entities { article, entities } => {
            if state.open_id() == Some(article) {
                state.entities = Some(ArticleEntities::new(article, entities));
                state.link_entities_to_text();
                if state.who.is_none() {
                    let n = state.pane_entries().map_or(0, <[Entry]>::len);
                    state.people_sel = state.people_sel.min(n.saturating_sub(1));
                }
            }
        }
        WorkerEvent::TopEntities { query, entities } => {
            if let Some(w) = &mut state.who
                && w.asked == query
            {
                w.entries = Some(top_entries(&entities));
                let n = entities.len();
                state.people_sel = state.people_sel.min(n.saturating_sub(1));
            }
        }
    }
}

/// The pane under a screen cell.
fn pane_at(state: &State, col: u16, row: u16) -> Option<Focus> {
    let p = state.panes();
    let hit = |r: Option<ratatui::layout::Rect>| {
        r.is_some_and(|r| col >= r.x && col < r.x + r.width && row >= r.y && row < r.y + r.height)
    };
    if hit(p.feeds) {
        Some(Focus::Feeds)
    } else if hit(p.list) {
        Some(Focus::Articles)
    } else if hit(p.article) {
        Some(Focus::Article)
    } else if hit(p.people) {
        Some(Focus::People)
    } else {
        None
    }
}

fn click(state: &mut State, col: u16, row: u16, out: &mut Vec<Effect>) {
    if state.mode != Mode::Normal {
        return;
    }
    let Some(focus) = pane_at(state, col, row) else {
        return;
    };
    let p = state.panes();
    state.focus = focus;
    match focus {
        Focus::Feeds => {
            if let Some(r) = p.feeds.map(inner)
                && row >= r.y
            {
                let i = state.feed_offset + usize::from(row - r.y);
                if i < state.rows.len() {
                    state.select_row(i);
                    state.show_row(out);
                }
            }
        }
        Focus::Articles => {
            if let Some(r) = p.list.map(inner)
                && row >= r.y
            {
                let i = state.list_offset + usize::from(row - r.y);
                if i < state.total {
                    state.select_article(i);
                }
            }
        }
        Focus::Article | Focus::People => {}
    }
}

#[cfg(test)]
mod tests;
