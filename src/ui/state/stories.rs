//! Story mode: the list shows each story once (its newest article, with "+N sources"), and
//! Enter on a story lists its articles, a list of its own that `h`/Esc leaves.
//!
//! Only the list's query changes (its [`Grouping`]); the worker reads the grouped list and
//! the way back keeps it like any other list.

use super::action::Effect;
use super::app::State;
use crate::worker::session::Grouping;

impl State {
    /// `c`: each story once, or every article again (from a story's articles too).
    pub(super) fn toggle_stories(&mut self, out: &mut Vec<Effect>) {
        let (grouping, message) = match self.list.query.grouping {
            Grouping::Articles => (
                Grouping::Stories,
                "stories: each story once (Enter lists its articles; c: every article)",
            ),
            Grouping::Stories | Grouping::Story(_) => (Grouping::Articles, "every article"),
        };
        self.list.want = self.list.selected().map(|a| a.id);
        self.list.query.grouping = grouping;
        self.message = Some(message.into());
        out.push(self.new_list());
    }

    /// Enter on a story of more than one article in story mode: lists its articles (the
    /// list left is kept to come back to). Whether it did.
    pub(super) fn open_story(&mut self, out: &mut Vec<Effect>) -> bool {
        if self.list.query.grouping != Grouping::Stories {
            return false;
        }
        let Some(row) = self.list.selected() else {
            return false;
        };
        let Some(tag) = self.list.story(row.id).copied() else {
            return false;
        };
        if tag.articles < 2 {
            return false;
        }
        let headline = crate::sanitize::sanitize_line(&row.title);
        let left = self.place();
        self.list.query.grouping = Grouping::Story(tag.story);
        self.list.scope_label = Some(format!("Story: {headline}"));
        self.list.sel = 0;
        self.list.offset = 0;
        out.push(self.new_list());
        self.push_place(left);
        self.message = Some(format!(
            "{} articles from {} sources (h: back to the stories)",
            tag.articles, tag.sources
        ));
        true
    }
}
