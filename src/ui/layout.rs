//! Where each pane goes for a given terminal size: one pure function shared by the drawing
//! code and by `update` (which needs pane heights to page and to map mouse clicks).

use ratatui::layout::Rect;

use super::state::Focus;

/// Below this width the feeds pane is hidden and one pane fills the screen.
pub const NARROW: u16 = 60;

/// The panes' rectangles; `None` when a pane is not shown at this size.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Panes {
    pub feeds: Option<Rect>,
    pub list: Option<Rect>,
    pub article: Option<Rect>,
    /// Reserved for the people-and-places pane of the extraction issue; never shown yet.
    pub people: Option<Rect>,
    pub status: Rect,
}

/// Lays out a `width` × `height` screen. `article_open` says whether an article is shown;
/// `focus` picks the one pane shown on narrow terminals.
pub fn panes(width: u16, height: u16, focus: Focus, article_open: bool) -> Panes {
    let height = height.max(1);
    let status = Rect::new(0, height - 1, width, 1);
    let main_h = height - 1;
    if width < NARROW {
        let whole = Some(Rect::new(0, 0, width, main_h));
        let mut p = Panes {
            status,
            ..Panes::default()
        };
        match focus {
            Focus::Feeds => p.feeds = whole,
            Focus::Articles => p.list = whole,
            Focus::Article if article_open => p.article = whole,
            Focus::Article => p.list = whole,
        }
        return p;
    }
    let feeds_w = (width / 5).clamp(18, 32);
    let feeds = Rect::new(0, 0, feeds_w, main_h);
    let main_x = feeds_w;
    let main_w = width - feeds_w;
    if !article_open {
        return Panes {
            feeds: Some(feeds),
            list: Some(Rect::new(main_x, 0, main_w, main_h)),
            article: None,
            people: None,
            status,
        };
    }
    // The list keeps about a third of the height (at least 5 rows) above the article.
    let list_h = (main_h / 3).max(5).min(main_h.saturating_sub(3));
    Panes {
        feeds: Some(feeds),
        list: Some(Rect::new(main_x, 0, main_w, list_h)),
        article: Some(Rect::new(main_x, list_h, main_w, main_h - list_h)),
        people: None,
        status,
    }
}

/// The inside of a bordered pane.
pub fn inner(r: Rect) -> Rect {
    Rect::new(
        r.x.saturating_add(1),
        r.y.saturating_add(1),
        r.width.saturating_sub(2),
        r.height.saturating_sub(2),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn panes_tile_the_screen() {
        let p = panes(80, 24, Focus::Article, true);
        let (f, l, a) = (p.feeds.unwrap(), p.list.unwrap(), p.article.unwrap());
        assert_eq!(f.width + l.width, 80);
        assert_eq!(l.height + a.height, 23);
        assert_eq!(p.status.y, 23);
        let wide = panes(160, 48, Focus::Articles, false);
        assert!(wide.feeds.unwrap().width > f.width);
        assert!(wide.article.is_none());
    }

    #[test]
    fn narrow_shows_one_pane() {
        let p = panes(50, 20, Focus::Article, true);
        assert!(p.feeds.is_none() && p.list.is_none());
        assert_eq!(p.article.unwrap().width, 50);
        let p = panes(50, 20, Focus::Article, false);
        assert!(p.list.is_some());
    }
}
