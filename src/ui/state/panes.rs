//! Small screens (issue 11, Deliver 3): the article on the whole screen (`z`) and the
//! feeds pane shown or hidden (`F`; hidden by itself below `feeds_pane_min_width`).
//! Both change pane sizes, so the open article is wrapped again and the selections are
//! kept in view.

use super::app::State;
use crate::ui::layout::Focus;

impl State {
    /// `z`: the article fills the screen while it is read, or gives the room back.
    pub(super) fn toggle_zoom(&mut self) {
        self.zoom = !self.zoom;
        if self.zoom && self.open.is_open() {
            self.focus = Focus::Article;
        }
        self.message = Some(
            if self.zoom {
                "full-screen articles (z: beside the list again)"
            } else {
                "articles beside the list"
            }
            .into(),
        );
        self.relayout();
    }

    /// `F`: shows the feeds pane, or hides it (the list and the article get its columns).
    pub(super) fn toggle_feeds_pane(&mut self) {
        let shown = !self.feeds_shown();
        self.feeds_pane = Some(shown);
        if !shown && self.focus == Focus::Feeds {
            self.focus = Focus::Articles;
        }
        self.relayout();
    }

    /// The panes changed size: the article is wrapped again, the selections stay in view.
    pub(super) fn relayout(&mut self) {
        self.render_open_body();
        self.select_article(self.list.sel);
        self.select_row(self.feeds.sel);
    }
}
