//! Entity pages in the state (issue 13, Deliver 5): Enter on a person, place or organisation
//! (in an article's people pane or the "who and where" view) opens its page over the panes;
//! `L` lists its articles instead, as Enter used to; on the page, Enter reads one of its
//! articles (`h` there comes back to the page) and `h`/Esc goes back to exactly where Enter
//! was pressed: the pane, its row, the article that was open and its scroll.

use super::action::Effect;
use super::app::State;
use super::article::ArticlePane;
use super::entity_page::{EntityView, Return};
use crate::model::ArticleId;
use crate::ui::keymap::Act;
use crate::ui::layout::Focus;
use crate::worker::session::{Command, EntityPage};

impl State {
    /// Enter on the people pane: the selected entity's page (its articles filtered in the
    /// list when the row has no id to ask a page for).
    pub(super) fn open_entity(&mut self, out: &mut Vec<Effect>) {
        let Some(entry) = self.people.selected().cloned() else {
            return;
        };
        let Some(id) = entry.id else {
            self.filter_by_entity(out);
            return;
        };
        let from = Return {
            focus: self.focus,
            people_sel: self.people.sel,
            article: self.open.id(),
            scroll: self.scroll,
        };
        self.entity = Some(EntityView::new(id, &entry, from));
        // The page's hint shows instead of an older message.
        self.message = None;
        out.push(Effect::Worker(Command::LoadEntityPage {
            entity: id,
            now: self.local_now(),
        }));
    }

    /// The worker's answer to [`Command::LoadEntityPage`]; dropped unless that page is open.
    pub(super) fn entity_arrived(&mut self, id: i64, page: Option<Box<EntityPage>>) {
        if let Some(v) = &mut self.entity
            && v.id == id
        {
            v.receive(page);
        }
    }

    /// A key while an entity page is open; `false` when it is not the page's (the normal
    /// mode handles it). Reading an article opened from the page, `h` shows the page again.
    pub(super) fn entity_act(&mut self, act: Act, out: &mut Vec<Effect>) -> bool {
        let Some(v) = &mut self.entity else {
            return false;
        };
        if !v.shown {
            // Reading an article opened from the page: `h` comes back to it. Once another
            // article is read, the page is left behind.
            if v.reading.is_none() || v.reading != self.open.id() {
                self.entity = None;
                return false;
            }
            if matches!(act, Act::Back | Act::BackOrQuit) && self.focus == Focus::Article {
                v.shown = true;
                return true;
            }
            return false;
        }
        let page = isize::try_from(self.size.1 / 2).unwrap_or(1).max(1);
        match act {
            Act::Down => v.move_by(1),
            Act::Up => v.move_by(-1),
            Act::Top => v.move_by(isize::MIN / 2),
            Act::Bottom => v.move_by(isize::MAX / 2),
            Act::PageDown | Act::Page => v.move_by(page),
            Act::PageUp => v.move_by(-page),
            Act::Open => self.read_from_entity(out),
            Act::Back | Act::BackOrQuit => self.close_entity(out),
            Act::EntityArticles => {
                let (kind, name) = (v.kind, v.name.clone());
                self.close_entity(out);
                self.filter_by(kind, &name, out);
            }
            Act::OpenBrowser | Act::CopyLink => {
                let link = v.selected().and_then(|a| a.link.clone());
                self.message = Some(match (&link, act) {
                    (None, _) => "this article has no link".into(),
                    (Some(u), Act::OpenBrowser) => {
                        format!("opening {}", crate::sanitize::sanitize_line(u))
                    }
                    (Some(_), _) => "link copied".into(),
                });
                if let Some(u) = link {
                    out.push(if act == Act::OpenBrowser {
                        Effect::OpenUrl(u)
                    } else {
                        Effect::Copy(u)
                    });
                }
            }
            // These work anywhere.
            Act::Help | Act::Quit | Act::Messages | Act::RefreshAll | Act::FeedsPane => {
                return false;
            }
            _ => self.message = Some(format!("on this page: {}", self.help.entity_hint)),
        }
        true
    }

    /// Enter on the page: its selected article opens; the page waits underneath.
    fn read_from_entity(&mut self, out: &mut Vec<Effect>) {
        let Some(v) = &mut self.entity else {
            return;
        };
        let Some(a) = v.selected().cloned() else {
            return;
        };
        v.shown = false;
        v.reading = Some(a.id);
        if self.mark_read_on_open {
            v.set_read(a.id);
        }
        self.open_article(a.id, a.read, a.feed_id, out);
    }

    /// `h`/Esc on the page: back to where Enter was pressed, with the article that was open
    /// then (opened again when one was read from the page) and its scroll.
    fn close_entity(&mut self, out: &mut Vec<Effect>) {
        let Some(v) = self.entity.take() else {
            return;
        };
        let back = v.from;
        if self.open.id() != back.article {
            match back.article {
                Some(id) => self.reopen(id, out),
                None => self.open = ArticlePane::Closed,
            }
        }
        self.people.sel = back.people_sel;
        self.people.clamp_when_loaded();
        self.scroll = back.scroll;
        self.focus = back.focus;
    }

    /// Shows article `id` again as it was (read already: nothing is marked).
    fn reopen(&mut self, id: ArticleId, out: &mut Vec<Effect>) {
        self.open = ArticlePane::Loading(id);
        self.people.opening(id);
        out.push(Effect::Worker(Command::LoadArticle(id)));
        out.push(Effect::Worker(Command::LoadEntities(id)));
    }

    /// The mouse wheel over an open page moves its selection; whether it was open.
    pub(super) fn entity_scroll(&mut self, delta: isize) -> bool {
        match &mut self.entity {
            Some(v) if v.shown => {
                v.move_by(delta);
                true
            }
            _ => false,
        }
    }

    /// Whether an entity page is on screen.
    pub fn entity_shown(&self) -> bool {
        self.entity.as_ref().is_some_and(|v| v.shown)
    }
}
