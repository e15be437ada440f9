//! [`State`]: the whole interface state, made of one struct per concern (the feeds pane,
//! the list window, the filter line, the people pane, the article pane), and the steps that
//! touch more than one of them (opening an article, scoping the list, marking read).
//!
//! Pure, as `update` is: no I/O, no clock reads; commands for the worker are pushed as
//! [`Effect`]s. The pane sizes come from `layout`, the only place that knows them.

use chrono::{DateTime, FixedOffset, Utc};

use super::action::Effect;
use super::article::ArticlePane;
use super::entity_page::EntityView;
use super::feeds::{FeedsPane, RowKey};
use super::filter::FilterLine;
use super::list::ListWindow;
use super::people::{PeoplePane, TOP_ENTITIES, entity_filter};
use super::place::Place;
use crate::config::View;
use crate::model::{ArticleId, ArticleSummary, EntityKind, FeedId};
use crate::query::Query;
use crate::ui::keymap::{Help, Mode};
use crate::ui::layout::{self, Focus, inner};
use crate::worker::session::{ArticleQuery, Command};

/// Status messages kept for `M`.
pub const MESSAGE_LOG: usize = 50;

/// Progress of the current or last refresh.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Progress {
    pub running: bool,
    pub done: usize,
    pub total: usize,
    pub failed: usize,
    /// A sync with the server (its steps are `done` of `total`), not a refresh of feeds.
    pub sync: bool,
}

/// The whole interface state.
#[derive(Debug, Clone)]
pub struct State {
    pub feeds: FeedsPane,
    pub list: ListWindow,
    pub filter: FilterLine,
    pub people: PeoplePane,
    /// The entity page opened by Enter on a person, place or organisation.
    pub entity: Option<EntityView>,
    pub open: ArticlePane,
    /// First line of the open article on screen.
    pub scroll: usize,
    pub focus: Focus,
    pub mode: Mode,
    /// The help overlay and the key hints, from the keymap.
    pub help: Help,
    pub help_scroll: usize,
    /// A number typed for the next action.
    pub count: Option<usize>,
    pub message: Option<String>,
    /// The message came since the last key: one too long for the status bar is shown whole
    /// just above it (over the panes, which keep their size) until a key is pressed.
    pub message_fresh: bool,
    /// The last [`MESSAGE_LOG`] messages, oldest first, for `M`.
    pub messages: Vec<String>,
    /// `M` was pressed: the last messages are shown above the status bar until a key.
    pub show_messages: bool,
    /// The question [`Mode::Confirm`] asks on the status line (marking more than a
    /// screenful read: the only thing asked).
    pub prompt: Option<String>,
    /// What the last mark-all changed, for `u` to undo (empty: nothing to undo).
    pub last_marked: Vec<ArticleId>,
    /// The lists left, newest last, for `h`/Esc to go back to.
    pub back: Vec<Place>,
    /// The list as it was when `/` began, kept when the filter changes it, restored by Esc.
    pub(super) filter_origin: Option<Place>,
    /// The question the prompt asks on the status bar, in [`Mode::Prompt`].
    pub question: Option<super::prompt::Prompt>,
    pub progress: Progress,
    pub now: DateTime<Utc>,
    /// Dates are shown in this offset (the local one in the real program, UTC in tests).
    pub tz: FixedOffset,
    pub size: (u16, u16),
    /// The article fills the screen while it has the keyboard (`z`).
    pub zoom: bool,
    /// The feeds pane shown or hidden by `F`; `None`: shown on wide enough screens.
    pub feeds_pane: Option<bool>,
    /// The feeds pane hides itself on screens narrower than this (the setting
    /// `feeds_pane_min_width`).
    pub feeds_min_width: u16,
    pub mark_read_on_open: bool,
    /// The article whose page is being fetched on demand, if any.
    pub fetching_page: Option<ArticleId>,
    /// Settings of the reader's outward features (players, pipes, opening many tabs).
    pub opts: super::prompt::ReaderOptions,
    /// Enclosure downloads under way.
    pub downloads: super::prompt::Downloads,
    /// Refresh every feed this often (`refresh_minutes`); `None`: only when asked.
    pub refresh_every: Option<std::time::Duration>,
    /// When the last refresh of every feed started, for `refresh_every`.
    pub last_refresh: Option<DateTime<Utc>>,
    pub quit: bool,
    /// Reloads a refresh made due, sent at the next tick.
    pub(super) reload_feeds: bool,
    pub(super) reload_articles: bool,
    pub(super) reload_who: bool,
}

impl State {
    /// A fresh state; call [`State::start`] for the first effects.
    pub fn new(help: Help, now: DateTime<Utc>, tz: FixedOffset, size: (u16, u16)) -> State {
        State {
            feeds: FeedsPane::default(),
            list: ListWindow::default(),
            filter: FilterLine::default(),
            people: PeoplePane::default(),
            entity: None,
            open: ArticlePane::Closed,
            scroll: 0,
            focus: Focus::Articles,
            mode: Mode::Normal,
            help,
            help_scroll: 0,
            count: None,
            message: None,
            prompt: None,
            question: None,
            last_marked: Vec::new(),
            message_fresh: false,
            messages: Vec::new(),
            show_messages: false,
            back: Vec::new(),
            filter_origin: None,
            progress: Progress::default(),
            now,
            tz,
            size,
            zoom: false,
            feeds_pane: None,
            feeds_min_width: 0,
            mark_read_on_open: true,
            fetching_page: None,
            opts: super::prompt::ReaderOptions::default(),
            downloads: super::prompt::Downloads::default(),
            refresh_every: None,
            last_refresh: None,
            quit: false,
            reload_feeds: false,
            reload_articles: false,
            reload_who: false,
        }
    }

    /// Sets the saved views (the config's `[[views]]`); their queries are parsed here, and one
    /// that does not parse is kept with its error.
    pub fn set_views(&mut self, views: &[View]) {
        self.feeds.set_views(views);
        self.rebuild_rows();
    }

    /// The first effects: load the cache, and refresh when asked.
    pub fn start(&mut self, refresh: bool) -> Vec<Effect> {
        let now = self.local_now();
        let mut out = vec![
            Effect::Worker(Command::LoadFeeds),
            Effect::Worker(self.list.start(now, self.list_height())),
        ];
        if refresh {
            self.progress = Progress {
                running: true,
                ..Progress::default()
            };
            out.push(Effect::Worker(Command::Refresh(None)));
        }
        out
    }

    /// "Now" in the local zone, for the store's relative times.
    pub(super) fn local_now(&self) -> DateTime<FixedOffset> {
        self.now.with_timezone(&self.tz)
    }

    /// The article an action applies to: the one being read, else the list's selection.
    pub(super) fn target(&self) -> Option<ArticleId> {
        match (&self.open, self.focus) {
            (ArticlePane::Loaded { article, .. }, Focus::Article) => Some(article.id),
            (ArticlePane::Loading(id), Focus::Article) => Some(*id),
            _ => self.list.selected().map(|a| a.id),
        }
    }

    pub(super) fn target_link(&self) -> Option<String> {
        if let (ArticlePane::Loaded { article, .. }, Focus::Article) = (&self.open, self.focus) {
            return article.link.clone();
        }
        self.list.selected().and_then(|a| a.link.clone())
    }

    /// Whether the people-and-places pane is wanted: an article is open or the "who and
    /// where" view is on.
    pub fn side(&self) -> bool {
        self.open.is_open() || self.people.who.is_some()
    }

    /// The panes at the current size.
    pub fn panes(&self) -> layout::Panes {
        self.panes_for(self.focus)
    }

    fn panes_for(&self, focus: Focus) -> layout::Panes {
        layout::layout(self.size.0, self.size.1, &self.shape(focus))
    }

    /// What decides the layout, with `focus` as the pane that has the keyboard.
    pub fn shape(&self, focus: Focus) -> layout::Shape {
        layout::Shape {
            focus,
            article_open: self.open.is_open(),
            side: self.side(),
            feeds_want: self.feeds.want,
            feeds: self.feeds_shown(),
            zoom: self.zoom,
        }
    }

    /// Whether the feeds pane is shown: as `F` last said, else when the screen is at least
    /// [`State::feeds_min_width`] wide.
    pub fn feeds_shown(&self) -> bool {
        self.feeds_pane
            .unwrap_or(self.size.0 >= self.feeds_min_width)
    }

    /// Rows of the list pane.
    pub(super) fn list_height(&self) -> usize {
        let p = self.panes_for(Focus::Articles);
        p.list.map_or(1, |r| usize::from(inner(r).height).max(1))
    }

    /// Rows of the feeds pane.
    pub(super) fn feeds_height(&self) -> usize {
        let p = self.panes_for(Focus::Feeds);
        p.feeds.map_or(1, |r| usize::from(inner(r).height).max(1))
    }

    /// Rows of the article pane and its text width.
    pub(super) fn article_area(&self) -> (usize, u16) {
        let shape = layout::Shape {
            article_open: true,
            side: true,
            ..self.shape(Focus::Article)
        };
        let p = layout::layout(self.size.0, self.size.1, &shape);
        p.article.map_or((1, 10), |r| {
            let i = inner(r);
            (usize::from(i.height).max(1), i.width)
        })
    }

    /// All lines of the open article: header, body and links.
    pub fn article_len(&self) -> usize {
        self.open.line_count()
    }

    fn max_scroll(&self) -> usize {
        self.article_len().saturating_sub(self.article_area().0)
    }

    /// Asks for the list's window around the selection (with the total when `count`).
    pub(super) fn load_articles(&mut self, count: bool) -> Effect {
        let now = self.local_now();
        Effect::Worker(self.list.load(count, now))
    }

    /// The list's query changed: asks for its first rows and its total.
    pub(super) fn new_list(&mut self) -> Effect {
        let now = self.local_now();
        Effect::Worker(self.list.new_list(now, self.list_height()))
    }

    /// Asks for the list's rows near the screen when they are not loaded (nor asked for).
    pub(super) fn ensure_window(&mut self, out: &mut Vec<Effect>) {
        let (height, now) = (self.list_height(), self.local_now());
        if let Some(c) = self.list.ensure_window(height, now) {
            out.push(Effect::Worker(c));
        }
    }

    pub(super) fn select_article(&mut self, index: usize) {
        let height = self.list_height();
        self.list.select(index, height);
    }

    pub(super) fn select_row(&mut self, index: usize) {
        let height = self.feeds_height();
        self.feeds.select(index, height);
    }

    /// Rebuilds the feeds pane's rows, keeping its selection in view.
    pub(super) fn rebuild_rows(&mut self) {
        self.feeds.rebuild();
        self.select_row(self.feeds.sel);
    }

    /// Moves the focused pane's selection (or the article) by `delta` lines.
    pub(super) fn move_by(&mut self, delta: isize) {
        match self.focus {
            Focus::Feeds => self.select_row(self.feeds.sel.saturating_add_signed(delta)),
            Focus::Articles => self.select_article(self.list.sel.saturating_add_signed(delta)),
            Focus::Article => {
                self.scroll = self
                    .scroll
                    .saturating_add_signed(delta)
                    .min(self.max_scroll());
            }
            Focus::People => self.people.move_by(delta),
        }
    }

    /// One screen of the focused pane, less a line.
    pub(super) fn page(&self) -> isize {
        let h = match self.focus {
            Focus::Feeds => self.feeds_height(),
            Focus::Articles => self.list_height(),
            Focus::Article => self.article_area().0,
            Focus::People => 10,
        };
        h.saturating_sub(1).max(1) as isize
    }

    /// Opens the selected article: loads it, and marks it read when configured.
    pub(super) fn open_selected(&mut self, out: &mut Vec<Effect>) {
        let Some(a) = self.list.selected() else {
            return;
        };
        let (id, read, feed) = (a.id, a.read, a.feed_id);
        self.open_article(id, read, feed, out);
    }

    /// Opens article `id` (of feed `feed`, `read` or not), selected in the list whether or
    /// not its row is loaded yet.
    pub(super) fn open_article(
        &mut self,
        id: ArticleId,
        read: bool,
        feed: FeedId,
        out: &mut Vec<Effect>,
    ) {
        self.open = ArticlePane::Loading(id);
        self.scroll = 0;
        self.focus = Focus::Article;
        self.people.opening(id);
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
        self.select_article(self.list.sel);
    }

    /// Changes the read flag on screen at once; the store follows.
    pub(super) fn set_read_local(&mut self, id: ArticleId, feed: FeedId, read: bool) {
        let changed = self.list.set_read(id, read);
        if let Some(article) = self.open.loaded_mut()
            && article.id == id
        {
            article.read = read;
        }
        if changed {
            self.feeds.count_read(feed, read);
            self.rebuild_rows();
        }
    }

    /// Wraps the open article's body for the pane's width.
    pub(super) fn render_open_body(&mut self) {
        let width = self.article_area().1;
        self.open.wrap(width, &self.help.enclosure_hint);
        self.scroll = self.scroll.min(self.max_scroll());
    }

    /// Enter on the feeds pane: a folder unfolds (the views' folder folds or unfolds), and
    /// the list shows the row's articles.
    pub(super) fn show_row(&mut self, out: &mut Vec<Effect>) {
        let Some(row) = self.feeds.rows.get(self.feeds.sel) else {
            return;
        };
        let key = row.key.clone();
        let label = self.feeds.scope_label(row);
        if let RowKey::Tag(t) = &key
            && self.feeds.collapsed.remove(t)
        {
            self.rebuild_rows();
        }
        if key == RowKey::Views {
            self.feeds.views_collapsed = !self.feeds.views_collapsed;
            self.rebuild_rows();
            return;
        }
        match self.feeds.scope_for(&key) {
            Some(Ok(scope)) if scope != self.list.query.scope => {
                let left = self.place();
                self.list.query.scope = scope;
                self.list.scope_label = label;
                self.list.sel = 0;
                self.list.offset = 0;
                out.push(self.new_list());
                self.push_place(left);
            }
            Some(Err(message)) => self.message = Some(message),
            _ => {}
        }
    }

    /// The filter line's text changed: parse it and, when it parses, the list follows it.
    pub(super) fn filter_changed(&mut self, out: &mut Vec<Effect>) {
        if let Some(q) = self.filter.parse()
            && q != self.list.query.filter
        {
            self.list.query.filter = q;
            out.push(self.new_list());
        }
    }

    /// `J`/`K`: the next or previous article (opened when one is being read).
    pub(super) fn step_article(&mut self, delta: isize, out: &mut Vec<Effect>) {
        let next = self.list.sel.saturating_add_signed(delta);
        if next >= self.list.total || (delta < 0 && self.list.sel == 0) {
            self.message = Some("no more articles".into());
            return;
        }
        self.select_article(next);
        if self.focus == Focus::Article {
            self.open_selected(out);
        }
    }

    /// `n`/`N`: the next or previous unread article (opened when one is being read). When
    /// the loaded window has none that way and the list goes on past it, the store is asked
    /// ([`Command::FindUnread`]); [`State::unread_found`] takes its answer.
    pub(super) fn step_unread(&mut self, forward: bool, out: &mut Vec<Effect>) {
        if let Some(i) = self.list.next_unread(forward) {
            self.select_article(i);
            if self.focus == Focus::Article {
                self.open_selected(out);
            }
            return;
        }
        match self.list.selected() {
            Some(from) if self.list.goes_on(forward) => {
                out.push(Effect::Worker(Command::FindUnread {
                    query: self.list.query.clone(),
                    now: self.local_now(),
                    from: Box::new(from.clone()),
                    forward,
                }));
            }
            _ => self.message = Some("no more unread articles".into()),
        }
    }

    /// The store's answer to `n`/`N` from article `from`: the unread article found and its
    /// index in the list. Dropped when the selection has moved on since.
    pub(super) fn unread_found(
        &mut self,
        from: ArticleId,
        found: Option<(u64, ArticleSummary)>,
        out: &mut Vec<Effect>,
    ) {
        if self.list.selected().map(|a| a.id) != Some(from) {
            return;
        }
        let Some((index, article)) = found else {
            self.message = Some("no more unread articles".into());
            return;
        };
        let index = usize::try_from(index).unwrap_or(usize::MAX);
        // The row is further than the rows seen so far: the list is at least that long.
        self.list.total = self.list.total.max(index.saturating_add(1));
        self.select_article(index);
        if self.focus == Focus::Article {
            self.open_article(article.id, article.read, article.feed_id, out);
        }
    }

    /// `A`: marks everything in view read, after asking when that is more than a screenful
    /// of unread articles. The question gives the number of unread articles that will
    /// change: counted in the rows when the whole list is loaded, else asked of the store
    /// ([`Command::CountListUnread`]; [`State::list_unread_counted`] takes the answer).
    pub(super) fn mark_all_read(&mut self, out: &mut Vec<Effect>) {
        let unread_loaded = self.list.articles.iter().filter(|a| !a.read).count();
        if self.list.total > self.list.articles.len() {
            self.message = Some("counting the unread articles of this list…".into());
            out.push(Effect::Worker(Command::CountListUnread {
                query: self.list.query.clone(),
                now: self.local_now(),
            }));
            return;
        }
        self.ask_mark_all(unread_loaded as u64, out);
    }

    /// The store's count of the list's unread articles, for `A`'s question. Dropped when the
    /// list changed since, or something else is being asked.
    pub(super) fn list_unread_counted(
        &mut self,
        query: &ArticleQuery,
        unread: u64,
        out: &mut Vec<Effect>,
    ) {
        if *query != self.list.query || self.mode != Mode::Normal {
            return;
        }
        self.message = None;
        self.ask_mark_all(unread, out);
    }

    /// Marks at once `unread` articles or fewer when they fit on a screen; asks first when
    /// there are more.
    fn ask_mark_all(&mut self, unread: u64, out: &mut Vec<Effect>) {
        if unread <= self.list_height() as u64 {
            self.mark_all_now(out);
            return;
        }
        self.prompt = Some(format!("mark {unread} unread articles read?"));
        self.mode = Mode::Confirm;
    }

    /// Marks everything in view read: the loaded rows at once, the store's count follows
    /// (`WorkerEvent::MarkedRead`).
    pub(super) fn mark_all_now(&mut self, out: &mut Vec<Effect>) {
        self.list.mark_all_read();
        if let Some(article) = self.open.loaded_mut() {
            article.read = true;
        }
        out.push(Effect::Worker(Command::MarkAllRead {
            query: self.list.query.clone(),
            now: self.local_now(),
        }));
    }

    /// `u`: marks unread again what the last mark-all marked read, on screen at once, and
    /// reloads the list.
    pub(super) fn undo_mark_all(&mut self, out: &mut Vec<Effect>) {
        let ids = std::mem::take(&mut self.last_marked);
        if ids.is_empty() {
            self.message = Some("no mark-all to undo".into());
            return;
        }
        for id in &ids {
            self.list.set_read(*id, false);
            if let Some(article) = self.open.loaded_mut()
                && article.id == *id
            {
                article.read = false;
            }
        }
        let n = ids.len();
        self.message = Some(format!(
            "marked {n} article{} unread again",
            if n == 1 { "" } else { "s" }
        ));
        // The store answers with fresh feeds (their unread counts); the list is read again
        // after the change (commands run in order).
        out.push(Effect::Worker(Command::SetRead(ids, false)));
        out.push(self.load_articles(true));
    }

    /// Refreshes the feeds `ids` (all when `None`), unless a refresh is running.
    pub(super) fn refresh(&mut self, ids: Option<Vec<FeedId>>, out: &mut Vec<Effect>) {
        if self.progress.running {
            self.message = Some("a refresh is already running".into());
            return;
        }
        self.progress = Progress {
            running: true,
            ..Progress::default()
        };
        if ids.is_none() {
            self.last_refresh = Some(self.now);
        }
        out.push(Effect::Worker(Command::Refresh(ids)));
    }

    /// Gives the open article's entities to its body, so their mentions are painted.
    pub(super) fn link_entities_to_text(&mut self) {
        if let Some(e) = &self.people.entities {
            self.open.set_entities(e.article, &e.raw);
            self.render_open_body();
        }
    }

    /// `e`: the people pane takes the keyboard, or gives it back.
    pub(super) fn toggle_people_focus(&mut self) {
        if self.focus == Focus::People {
            self.focus = self.people_return();
        } else if self.side() {
            self.focus = Focus::People;
            self.people.clamp();
        } else {
            self.message = Some("open an article (or press w) to see people and places".into());
        }
    }

    /// The pane focus returns to from the people pane.
    pub(super) fn people_return(&self) -> Focus {
        if self.open.is_open() {
            Focus::Article
        } else {
            Focus::Articles
        }
    }

    /// `w`: turns the "who and where" view on (asking for it) or off.
    pub(super) fn toggle_who(&mut self, out: &mut Vec<Effect>) {
        if self.people.who_off() {
            if self.focus == Focus::People {
                self.focus = self.people_return();
            }
            return;
        }
        self.people.who_on(&self.list.query);
        // Beside the list, the list keeps the keyboard (Enter opens its article; `e` or
        // Tab goes to the pane); where there is no room, the pane takes the list's place.
        if self.panes_for(Focus::Articles).people.is_none() {
            self.focus = Focus::People;
        }
        out.push(self.load_who());
    }

    pub(super) fn load_who(&self) -> Effect {
        Effect::Worker(Command::LoadTopEntities {
            query: self.list.query.clone(),
            now: self.local_now(),
            limit: TOP_ENTITIES,
        })
    }

    /// The "who and where" view follows the list's query.
    pub(super) fn ensure_who(&mut self, out: &mut Vec<Effect>) {
        if self.people.follow(&self.list.query).is_some() {
            out.push(self.load_who());
        }
    }

    /// `L` on an entity of the people pane: the list shows every article, across all feeds,
    /// that mentions it.
    pub(super) fn filter_by_entity(&mut self, out: &mut Vec<Effect>) {
        let Some(entry) = self.people.selected().cloned() else {
            self.message = Some("select a person, place or organisation first (e, or w)".into());
            return;
        };
        self.filter_by(entry.kind, &entry.name, out);
    }

    /// The list shows every article, across all feeds, that mentions `name` (of `kind`).
    pub(super) fn filter_by(&mut self, kind: EntityKind, name: &str, out: &mut Vec<Effect>) {
        let text = entity_filter(kind, name);
        let left = self.place();
        if self.list.query.scope != Query::default() {
            self.list.query.scope = Query::default();
            self.list.scope_label = None;
            self.feeds.sel = 0;
            // Force a new list even when the filter text is unchanged.
            self.list.query.filter = Query::default();
        }
        self.filter.set(&text);
        self.list.sel = 0;
        self.list.offset = 0;
        self.filter_changed(out);
        self.push_place(left);
        self.filter.remember(&text);
        self.mode = Mode::Normal;
        self.focus = Focus::Articles;
        self.message = Some(format!("articles that mention {name}"));
    }

    /// The feeds `r` refreshes: the selected row's, else the target article's.
    pub(super) fn feeds_here(&self) -> Option<Vec<FeedId>> {
        if self.focus == Focus::Feeds {
            return self.feeds.feeds_here();
        }
        let id = self.target()?;
        let feed = match self.open.loaded(id) {
            Some(article) => article.feed_id,
            None => self.list.find(id)?.feed_id,
        };
        Some(vec![feed])
    }
}
