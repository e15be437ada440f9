//! The way back (issue 11, Deliver 4): every change of list (a feed, a folder or a saved
//! view opened, Enter on a person, a filter kept) pushes the list it leaves, its filter and
//! its cursor; `h`/Esc on the list pops them.

use super::action::Effect;
use super::app::State;
use super::place::{DEPTH, Place};

impl State {
    /// Where the list is now, to come back to.
    pub(super) fn place(&self) -> Place {
        Place {
            query: self.list.query.clone(),
            scope_label: self.list.scope_label.clone(),
            filter_text: self.filter.text.clone(),
            sel: self.list.sel,
            offset: self.list.offset,
            total: self.list.total,
            selected: self.list.selected().map(|a| a.id),
            feeds_sel: self.feeds.sel,
        }
    }

    /// Keeps `place` to come back to (not twice in a row, nor the list shown now).
    pub(super) fn push_place(&mut self, place: Place) {
        if place.query == self.list.query
            || self.back.last().map(|p| &p.query) == Some(&place.query)
        {
            return;
        }
        self.back.push(place);
        if self.back.len() > DEPTH {
            self.back.remove(0);
        }
    }

    /// `h`/Esc on the list: the last list left, with its filter and cursor. Whether there
    /// was one.
    pub(super) fn pop_place(&mut self, out: &mut Vec<Effect>) -> bool {
        let Some(place) = self.back.pop() else {
            return false;
        };
        let now = self.local_now();
        self.filter.restore(&place.filter_text);
        out.push(Effect::Worker(self.list.restore(&place, now)));
        // The feeds pane's cursor goes to the row of the list's scope, if one shows it.
        let row = self
            .feeds
            .rows
            .iter()
            .position(|r| self.feeds.scope_for(&r.key) == Some(Ok(place.query.scope.clone())));
        self.select_row(row.unwrap_or(place.feeds_sel));
        let name = place.scope_label.as_deref().unwrap_or("All articles");
        self.message = Some(if place.filter_text.is_empty() {
            format!("back to {name}")
        } else {
            format!("back to {name} /{}", place.filter_text)
        });
        true
    }
}
