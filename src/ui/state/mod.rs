//! The interface's state and `update`: every input becomes an [`Action`], [`update`] changes
//! the [`State`] and returns the [`Effect`]s for the loop to perform.
//!
//! One struct per concern, each in its own file with its own unit tests: the feeds pane
//! ([`feeds`]), the list window ([`list`]), the filter line ([`filter`]), the people pane
//! ([`people`]) and the article pane ([`article`]); [`State`] ([`app`]) holds them and does
//! what touches several. This file is the one dispatcher: it routes each action to them.
//!
//! Pure: no I/O, no clock reads (time arrives in [`Action::Tick`]), no terminal. That is
//! what makes it testable with plain values; the event loop in `ui::mod` does the rest.
//! Nothing here draws: the widgets in `ui::view` read the state.

pub mod action;
pub mod app;
pub mod article;
pub mod back;
pub mod complete;
pub mod entity;
pub mod entity_page;
pub mod external;
pub mod feedmgmt;
pub mod feeds;
pub mod filter;
pub mod lineedit;
pub mod list;
pub mod panes;
pub mod people;
pub mod place;
pub mod prompt;
pub mod stories;

pub use action::{Action, Effect};
pub use app::{Progress, State};
pub use article::{ArticlePane, HEADER_LINES};
pub use feeds::{FeedRow, RowKey, SavedView};
pub use list::{MARGIN, PAGE, first_window};

use crate::ui::keymap::{Act, ConfirmAct, FilterAct, HelpAct, Mode};
use crate::ui::layout::{Focus, first_row, inner, list_columns, row_at};
use crate::worker::session::{Command, WorkerEvent};
use crate::worker::sync::{SyncEvent, SyncStep};
use crate::worker::{FeedOutcome, RefreshEvent};
use lineedit::LineEdit;

/// Applies one action; returns what the loop must do.
pub fn update(state: &mut State, action: Action) -> Vec<Effect> {
    let mut out = Vec::new();
    let before = state.message.clone();
    // A key (or the mouse) puts away a long message shown whole.
    if !matches!(
        action,
        Action::Resize(..) | Action::Tick(_) | Action::Worker(_)
    ) {
        state.message_fresh = false;
        state.show_messages = false;
    }
    // A count being typed, or `M` finding none, is no message to keep.
    let counting = matches!(action, Action::Digit(_) | Action::Do(Act::Messages));
    match action {
        Action::Do(act) => {
            state.list.bottom_when_counted = false;
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
        Action::FilterChar(c) if state.mode == Mode::Prompt => state.prompt_char(c, &mut out),
        Action::Filter(act) if state.mode == Mode::Prompt => state.prompt_act(act, &mut out),
        Action::FilterChar(c) => {
            if state.filter.push(c) {
                state.filter_changed(&mut out);
            }
        }
        Action::Filter(act) => filter_act(state, act, &mut out),
        Action::Help(act) => help_act(state, act, &mut out),
        Action::Confirm(answer) => {
            state.mode = Mode::Normal;
            state.prompt = None;
            if answer == ConfirmAct::Yes {
                state.mark_all_now(&mut out);
            } else {
                state.message = Some("nothing marked".into());
            }
        }
        Action::Resize(w, h) => {
            state.size = (w, h);
            state.relayout();
        }
        Action::Tick(now) => {
            state.now = now;
            flush_reloads(state, &mut out);
            state.refresh_when_due(&mut out);
        }
        Action::Scroll { col, row, down } => {
            let delta = if down { 3 } else { -3 };
            if !state.entity_scroll(delta)
                && let Some(focus) = state.panes().at(col, row)
            {
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
    if let Some(m) = &state.message
        && state.message != before
    {
        state.message_fresh = true;
        if !counting {
            state.messages.push(m.clone());
            if state.messages.len() > app::MESSAGE_LOG {
                state.messages.remove(0);
            }
        }
    }
    out
}

/// Sends the reloads a refresh made due.
fn flush_reloads(state: &mut State, out: &mut Vec<Effect>) {
    if std::mem::take(&mut state.reload_feeds) {
        out.push(Effect::Worker(Command::LoadFeeds));
    }
    if std::mem::take(&mut state.reload_articles) {
        out.push(state.load_articles(true));
    }
    if std::mem::take(&mut state.reload_who) && state.people.who.is_some() {
        out.push(state.load_who());
    }
}

/// A named action of the filter line.
fn filter_act(state: &mut State, act: FilterAct, out: &mut Vec<Effect>) {
    if let Some(changed) = state.filter.apply(act) {
        if changed {
            state.filter_changed(out);
        }
        return;
    }
    match act {
        FilterAct::Complete => state.complete(out),
        FilterAct::Submit => {
            if let Some(e) = &state.filter.error {
                state.message = Some(format!(
                    "the filter does not parse ({e}); Esc leaves it as it was"
                ));
            } else {
                state.mode = Mode::Normal;
                let text = state.filter.text.clone();
                state.filter.remember(&text);
                // The status bar shows the active filter.
                state.message = text.is_empty().then(|| "filter cleared".into());
                if let Some(left) = state.filter_origin.take() {
                    state.push_place(left);
                }
            }
        }
        FilterAct::Cancel => {
            // The list goes back to what it was before `/`.
            state.mode = Mode::Normal;
            state.filter.clear();
            match state.filter_origin.take() {
                Some(origin) if origin.query != state.list.query => {
                    let now = state.local_now();
                    state.filter.restore(&origin.filter_text);
                    out.push(Effect::Worker(state.list.restore(&origin, now)));
                }
                Some(origin) => state.filter.restore(&origin.filter_text),
                None => state.filter_changed(out),
            }
        }
        FilterAct::Older | FilterAct::Newer => {
            if state.filter.walk(act == FilterAct::Older) {
                state.filter_changed(out);
            }
        }
        // Applied above.
        FilterAct::Backspace
        | FilterAct::Delete
        | FilterAct::KillStart
        | FilterAct::KillEnd
        | FilterAct::KillWord
        | FilterAct::Left
        | FilterAct::Right
        | FilterAct::Home
        | FilterAct::End
        | FilterAct::WordLeft
        | FilterAct::WordRight => {}
    }
}

/// A named action of the help overlay.
fn help_act(state: &mut State, act: HelpAct, out: &mut Vec<Effect>) {
    match act {
        HelpAct::Down => {
            state.help_scroll = (state.help_scroll + 1).min(state.help.entries.len());
        }
        HelpAct::Up => state.help_scroll = state.help_scroll.saturating_sub(1),
        HelpAct::Close => state.mode = Mode::Normal,
        HelpAct::Quit => {
            state.quit = true;
            out.push(Effect::Quit);
        }
    }
}

/// A named action of the normal mode. While the help overlay or a prompt is shown, only
/// quitting (by control-C or a termination signal) gets through.
fn do_act(state: &mut State, act: Act, count: Option<usize>, out: &mut Vec<Effect>) {
    if matches!(state.mode, Mode::Help | Mode::Confirm) && act != Act::Quit {
        return;
    }
    if state.entity_act(act, out) {
        return;
    }
    match act {
        Act::Down => state.move_by(1),
        Act::Up => state.move_by(-1),
        Act::Top => state.move_by(isize::MIN / 2),
        Act::Bottom if state.focus == Focus::Articles => {
            let height = state.list_height();
            state.list.bottom(height);
        }
        Act::Bottom => state.move_by(isize::MAX / 2),
        Act::PageDown => state.move_by(state.page()),
        Act::PageUp => state.move_by(-state.page()),
        Act::Page => {
            if state.focus == Focus::Article {
                let before = state.scroll;
                state.move_by(state.page());
                if state.scroll == before {
                    if state.opts.space_next_unread {
                        state.step_unread(true, out);
                    } else {
                        state.message = Some("end of article: n for the next unread".into());
                    }
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
            Focus::Articles => {
                if !state.open_story(out) {
                    state.open_selected(out);
                }
            }
            Focus::Article => {}
            Focus::People => state.open_entity(out),
        },
        Act::EntityArticles if state.focus == Focus::People => state.filter_by_entity(out),
        Act::EntityArticles => {
            state.message = Some("select a person, place or organisation first (e, or w)".into());
        }
        Act::Stories => state.toggle_stories(out),
        Act::BackOrQuit if state.focus == Focus::Feeds => {
            state.quit = true;
            out.push(Effect::Quit);
        }
        Act::Back | Act::BackOrQuit => match state.focus {
            Focus::People => state.focus = state.people_return(),
            Focus::Article => {
                state.open = ArticlePane::Closed;
                state.focus = Focus::Articles;
                state.select_article(state.list.sel);
            }
            Focus::Articles => {
                if !state.pop_place(out) {
                    state.focus = Focus::Feeds;
                }
            }
            Focus::Feeds => {
                if state.feeds.fold_here() {
                    state.rebuild_rows();
                }
            }
        },
        Act::NextPane | Act::PrevPane => {
            let mut order = vec![Focus::Feeds, Focus::Articles];
            if state.open.is_open() {
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
                .list
                .find(id)
                .map(|a| (a.read, a.feed_id))
                .or(state.open.loaded(id).map(|a| (a.read, a.feed_id)));
            if let Some((read, feed)) = current {
                state.set_read_local(id, feed, !read);
                out.push(Effect::Worker(Command::SetRead(vec![id], !read)));
            }
        }
        Act::ToggleStar => {
            let Some(id) = state.target() else { return };
            let mut starred = state.list.toggle_star(id);
            if let Some(article) = state.open.loaded_mut()
                && article.id == id
            {
                article.starred = starred.unwrap_or(!article.starred);
                starred = Some(article.starred);
            }
            if let Some(s) = starred {
                out.push(Effect::Worker(Command::SetStarred(id, s)));
            }
        }
        Act::MarkAllRead => state.mark_all_read(out),
        Act::UndoMarkAll => state.undo_mark_all(out),
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
        Act::FetchFullText => {
            let Some(id) = state.target() else {
                state.message = Some("select an article first".into());
                return;
            };
            state.fetching_page = Some(id);
            state.message = Some("fetching the full text…".into());
            out.push(Effect::Worker(Command::FetchPage(id)));
        }
        Act::ToggleFullText => {
            state.message = Some(
                match state.open.toggle_source() {
                    Some(true) => "showing the full text from the web page",
                    Some(false) => "showing the feed's text",
                    None => "no full text for this article: f fetches it",
                }
                .into(),
            );
            state.render_open_body();
        }
        Act::RefreshFeed => {
            let ids = state.feeds_here();
            state.refresh(ids, out);
        }
        Act::RefreshAll => state.refresh(None, out),
        Act::Filter => {
            state.mode = Mode::Filter;
            state.filter_origin = Some(state.place());
            state.filter.begin();
        }
        Act::People => state.toggle_people_focus(),
        Act::WhoWhere => state.toggle_who(out),
        Act::Zoom => state.toggle_zoom(),
        Act::FeedsPane => state.toggle_feeds_pane(),
        Act::AddFeed => state.add_feed_prompt(),
        Act::RemoveFeed => state.remove_feed_prompt(),
        Act::EditFeed => state.edit_feed_prompt(),
        Act::PipeTo => state.pipe_prompt(),
        Act::OpenAllUnread => state.open_all_unread(out),
        Act::PlayEnclosure => state.play_enclosure(count, out),
        Act::DownloadEnclosure => state.download_enclosure(count, out),
        Act::SaveMarkdown => state.save_markdown(out),
        Act::Messages if state.messages.is_empty() => {
            state.message = Some("no messages yet".into());
        }
        Act::Messages => state.show_messages = true,
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

/// What the worker says: each answer goes to the concern that asked.
fn worker_event(state: &mut State, event: WorkerEvent, out: &mut Vec<Effect>) {
    match event {
        WorkerEvent::Feeds(feeds) => {
            state.feeds.feeds = feeds;
            state.feeds.loaded = true;
            state.rebuild_rows();
            // Unread counts changed: count the saved views again.
            let queries = state.feeds.view_queries();
            if !queries.is_empty() {
                out.push(Effect::Worker(Command::CountUnread {
                    queries,
                    now: state.local_now(),
                }));
            }
        }
        WorkerEvent::ViewCounts(counts) => {
            state.feeds.set_view_counts(counts);
            state.rebuild_rows();
        }
        WorkerEvent::Articles {
            request,
            offset,
            total,
            articles,
        } => {
            let height = state.list_height();
            state.list.receive(request, offset, total, articles, height);
        }
        WorkerEvent::StoryTags { request, tags } => state.list.receive_story_tags(request, tags),
        WorkerEvent::ArticleTotal { request, total } => {
            let height = state.list_height();
            state.list.receive_total(request, total, height);
        }
        WorkerEvent::Article(article, source) => {
            if state.open.id() == Some(article.id) {
                state.open = ArticlePane::arrived(article, source);
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
                sync: false,
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
        WorkerEvent::Sync(event) => sync_event(state, event, out),
        WorkerEvent::MarkedRead { changed } => {
            let n = changed.len();
            state.message = Some(format!(
                "marked {n} article{} read",
                if n == 1 { "" } else { "s" }
            ));
            // A mark-all that changed nothing leaves the last one to undo.
            if !changed.is_empty() {
                state.last_marked = changed;
            }
        }
        WorkerEvent::NextUnread { from, found, .. } => state.unread_found(from, found, out),
        WorkerEvent::UnreadLinks {
            query,
            total,
            found,
        } => state.unread_links_found(&query, total, found),
        WorkerEvent::ListUnread { query, unread } => {
            state.list_unread_counted(&query, unread, out);
        }
        WorkerEvent::Error(message) => state.message = Some(message),
        WorkerEvent::Page {
            article,
            page,
            body,
            error,
            fetched,
        } => {
            let stored = page.is_some();
            state.open.set_page(article, page, body);
            state.render_open_body();
            state.link_entities_to_text();
            if fetched && state.fetching_page == Some(article) {
                state.fetching_page = None;
                state.message = Some(match error {
                    Some(e) => format!("no full text: {}", crate::sanitize::sanitize_line(&e)),
                    None if stored => "full text fetched (t switches to the feed's text)".into(),
                    None => "no full text".into(),
                });
            }
        }
        WorkerEvent::PageStored(article) => {
            if state.open.id() == Some(article) && state.open.showing_page().is_none() {
                out.push(Effect::Worker(Command::LoadPage(article)));
            }
        }
        WorkerEvent::PagesDone(summary) => {
            if summary.stored + summary.failed > 0 {
                state.message = Some(format!(
                    "full text: {}, {} failed",
                    counted(summary.stored, "page"),
                    summary.failed
                ));
            }
        }
        WorkerEvent::FeedsChanged { message } => {
            state.message = Some(message);
            // Titles changed, or a feed's articles left or joined the list.
            out.push(state.load_articles(true));
        }
        WorkerEvent::FeedChoices { page, feeds } => state.choose_feed(&page, &feeds),
        WorkerEvent::Download(progress) => state.download_progress(progress),
        WorkerEvent::Saved(result) => {
            state.message = Some(match result {
                Ok(path) => format!("saved {}", path.display()),
                Err(e) => e,
            });
        }
        WorkerEvent::ViewsChanged(views) => {
            state.set_views(&views);
            let queries = state.feeds.view_queries();
            if !queries.is_empty() {
                out.push(Effect::Worker(Command::CountUnread {
                    queries,
                    now: state.local_now(),
                }));
            }
        }
        WorkerEvent::EntitiesReady(ids) => {
            if let Some(id) = state.open.id()
                && ids.contains(&id)
            {
                out.push(Effect::Worker(Command::LoadEntities(id)));
            }
            // Counts across the list changed; asked for again at the next tick.
            state.reload_who |= state.people.who.is_some();
        }
        WorkerEvent::Entities { article, entities } => {
            if state.open.id() == Some(article) {
                state.people.receive_entities(article, entities);
                state.link_entities_to_text();
            }
        }
        WorkerEvent::EntityPage { entity, page } => state.entity_arrived(entity, page),
        WorkerEvent::TopEntities {
            query,
            entities,
            newest,
        } => {
            state.people.receive_top(&query, &entities, newest);
        }
        WorkerEvent::Names {
            kind,
            prefix,
            names,
        } => state.names_arrived(kind, &prefix, names, out),
    }
}

/// A sync's progress: its steps fill the progress bar and name themselves on the status
/// line; its outcome (or why it failed: the reader keeps working on the cache) stays there.
fn sync_event(state: &mut State, event: SyncEvent, out: &mut Vec<Effect>) {
    match event {
        SyncEvent::Started => {
            state.progress = Progress {
                running: true,
                done: 0,
                total: SyncStep::COUNT,
                failed: 0,
                sync: true,
            };
            state.message = Some("syncing with the server…".into());
        }
        SyncEvent::Step(step) => {
            state.progress.done = step.number() - 1;
            state.message = Some(format!("sync: {step}"));
            if matches!(step, SyncStep::Items { pulled } if pulled > 0) {
                state.reload_feeds = true;
                state.reload_articles = true;
            }
        }
        SyncEvent::Finished(s) => {
            state.progress.running = false;
            state.progress.done = state.progress.total;
            let changed = s.marked_read + s.marked_unread + s.starred + s.unstarred;
            state.message = Some(format!(
                "synced: {}, {} sent, {} from the server; {} unread",
                counted(s.new_articles, "new article"),
                counted(s.pushed, "mark"),
                counted(changed, "change"),
                s.local_unread
            ));
            state.reload_feeds = true;
            state.reload_articles = true;
            flush_reloads(state, out);
        }
        SyncEvent::Failed { message, queued } => {
            state.progress.running = false;
            // What stays here first: the cause can be long, and the line is cut at the edge.
            let kept = if queued > 0 {
                format!(" ({} kept for the next sync)", counted_u64(queued, "mark"))
            } else {
                String::new()
            };
            state.message = Some(format!("sync failed{kept}: {message}"));
            state.reload_feeds = true;
            state.reload_articles = true;
            flush_reloads(state, out);
        }
    }
}

fn counted_u64(n: u64, noun: &str) -> String {
    if n == 1 {
        format!("1 {noun}")
    } else {
        format!("{n} {noun}s")
    }
}

/// `1 feed`, `3 feeds`.
fn counted(n: u32, noun: &str) -> String {
    if n == 1 {
        format!("1 {noun}")
    } else {
        format!("{n} {noun}s")
    }
}

/// A click: the pane under it takes the keyboard, and the row under it is selected.
fn click(state: &mut State, col: u16, row: u16, out: &mut Vec<Effect>) {
    // An entity page covers the panes: a click there changes nothing behind it.
    if state.mode != Mode::Normal || state.entity_shown() {
        return;
    }
    let p = state.panes();
    let Some(focus) = p.at(col, row) else {
        return;
    };
    state.focus = focus;
    match focus {
        Focus::Feeds => {
            if let Some(r) = p.feeds.map(inner)
                && row >= r.y
            {
                let i = state.feeds.offset + usize::from(row - r.y);
                if i < state.feeds.rows.len() {
                    state.select_row(i);
                    state.show_row(out);
                }
            }
        }
        Focus::Articles => {
            if let Some(r) = p.list.map(inner)
                && row >= r.y
            {
                // The selected row may take several lines (its title wrapped).
                let (_, title_at) = list_columns(usize::from(r.width), state.feeds.title_width);
                let lines = state
                    .list
                    .selected_title_lines(usize::from(r.width).saturating_sub(title_at))
                    .len();
                let (sel, height) = (state.list.sel, usize::from(r.height));
                let first = first_row(state.list.offset, sel, height, lines);
                let i = row_at(first, sel, lines, usize::from(row - r.y));
                if i < state.list.total {
                    state.select_article(i);
                }
            }
        }
        Focus::Article | Focus::People => {}
    }
}

#[cfg(test)]
mod tests;
