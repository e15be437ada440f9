//! A list to go back to ([`Place`]), and how the list window shows one again. Kept apart
//! from `back` (which pushes and pops them) so the state struct can hold them without a
//! cycle between the two files.

use chrono::{DateTime, FixedOffset};

use super::list::ListWindow;
use crate::model::ArticleId;
use crate::worker::session::{ArticleQuery, Command};

/// Lists kept to go back to; the oldest goes first past this.
pub const DEPTH: usize = 50;

/// A list to go back to: what it showed and where the cursor was.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Place {
    pub query: ArticleQuery,
    pub scope_label: Option<String>,
    /// The filter line's text for `query.filter`.
    pub filter_text: String,
    /// The selected row, the first row on screen, the list's length as last known.
    pub sel: usize,
    pub offset: usize,
    pub total: usize,
    /// The selected article, found again by id when the list has moved.
    pub selected: Option<ArticleId>,
    /// The feeds pane's cursor.
    pub feeds_sel: usize,
}

impl ListWindow {
    /// Shows `place`'s list again, its cursor on the article it was on (else the same row):
    /// the rows held now belong to another list and go.
    pub fn restore(&mut self, place: &Place, now: DateTime<FixedOffset>) -> Command {
        self.query = place.query.clone();
        self.scope_label = place.scope_label.clone();
        self.articles.clear();
        self.start = 0;
        self.total = place.total;
        self.sel = place.sel;
        self.offset = place.offset;
        self.want = place.selected;
        self.fresh = false;
        self.load(true, now)
    }
}
