//! Where each pane goes for a given terminal size: one pure function shared by the drawing
//! code and by `update` (which needs pane heights to page and to map mouse clicks), and
//! [`Focus`], the pane that has the keyboard, which decides the layout on narrow screens.
//! Geometry only: it draws nothing and imports nothing else of the interface.

use ratatui::layout::Rect;

/// Which pane has the keyboard.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Focus {
    Feeds,
    Articles,
    Article,
    /// The people-and-places pane (or the "who and where" view).
    People,
}

/// Below this width the feeds pane is hidden and one pane fills the screen.
pub const NARROW: u16 = 60;

/// The panes' rectangles; `None` when a pane is not shown at this size.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Panes {
    pub feeds: Option<Rect>,
    pub list: Option<Rect>,
    pub article: Option<Rect>,
    /// The people-and-places pane (or the "who and where" view): beside the article when
    /// there is room, else in the article's place while it has the keyboard.
    pub people: Option<Rect>,
    pub status: Rect,
}

impl Panes {
    /// The pane under a screen cell (the status bar is none).
    pub fn at(&self, col: u16, row: u16) -> Option<Focus> {
        let hit = |r: Option<Rect>| {
            r.is_some_and(|r| {
                col >= r.x && col < r.x + r.width && row >= r.y && row < r.y + r.height
            })
        };
        if hit(self.feeds) {
            Some(Focus::Feeds)
        } else if hit(self.list) {
            Some(Focus::Articles)
        } else if hit(self.article) {
            Some(Focus::Article)
        } else if hit(self.people) {
            Some(Focus::People)
        } else {
            None
        }
    }
}

/// The feeds pane is never narrower than this, however short its rows.
pub const FEEDS_MIN: u16 = 18;
/// Nor wider than this, however wide the screen.
pub const FEEDS_MAX: u16 = 40;

/// Width of the feeds pane on a `width`-column screen when its rows want `want` columns
/// (borders included): as wide as they want, within [`FEEDS_MIN`] and a quarter of the
/// screen (at most [`FEEDS_MAX`]), so the list keeps most of the screen.
pub fn feeds_width(width: u16, want: u16) -> u16 {
    let most = (width / 4).clamp(FEEDS_MIN, FEEDS_MAX);
    want.clamp(FEEDS_MIN, most)
}

/// The people pane goes beside the article only when the article keeps this many columns.
pub const ARTICLE_MIN: u16 = 60;

/// Width of the people pane beside the article for `main_w` columns right of the feeds.
fn side_width(main_w: u16) -> u16 {
    (main_w / 3).clamp(30, 64)
}

/// What decides the layout besides the screen's size.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Shape {
    /// The pane with the keyboard.
    pub focus: Focus,
    /// An article is shown.
    pub article_open: bool,
    /// The people-and-places pane is wanted (an article is open or "who and where" is on).
    pub side: bool,
    /// The width the feeds pane's rows want (see [`feeds_width`]).
    pub feeds_want: u16,
    /// The feeds pane is shown (it is anyway while it has the keyboard).
    pub feeds: bool,
    /// The article fills the screen while it (or the people pane) has the keyboard.
    pub zoom: bool,
}

/// Lays out a `width` × `height` screen as `shape` asks: [`panes`] with the feeds pane
/// hidden unless wanted (or focused), and the article on the whole screen when zoomed.
pub fn layout(width: u16, height: u16, shape: &Shape) -> Panes {
    let reading = matches!(shape.focus, Focus::Article | Focus::People);
    if shape.zoom && shape.article_open && reading && width >= NARROW {
        // As on a narrow screen: the pane with the keyboard fills it.
        let p = panes(
            width,
            height,
            shape.focus,
            true,
            shape.side,
            shape.feeds_want,
        );
        let whole = Rect::new(0, 0, width, height.max(1) - 1);
        let people = shape.focus == Focus::People && shape.side;
        return Panes {
            article: (!people).then_some(whole),
            people: people.then_some(whole),
            status: p.status,
            ..Panes::default()
        };
    }
    let mut p = panes(
        width,
        height,
        shape.focus,
        shape.article_open,
        shape.side,
        shape.feeds_want,
    );
    if shape.feeds || shape.focus == Focus::Feeds || width < NARROW {
        return p;
    }
    // The feeds pane's columns go to the panes right of it.
    let Some(f) = p.feeds.take() else {
        return p;
    };
    let (cut, full) = (f.width, width);
    let widen = |r: Option<Rect>| {
        r.map(|r| {
            if r.x == cut && r.x + r.width == full {
                Rect::new(0, r.y, full, r.height)
            } else if r.x == cut {
                // Left of a pane beside it: it keeps its right edge where the other starts.
                Rect::new(0, r.y, r.width + cut, r.height)
            } else {
                r
            }
        })
    };
    p.list = widen(p.list);
    p.article = widen(p.article);
    p.people = widen(p.people);
    p
}

/// Lays out a `width` × `height` screen. `article_open` says whether an article is shown,
/// `side` whether the people-and-places pane is wanted (an article is open or the "who and
/// where" view is on); `focus` picks the one pane shown on narrow terminals, and where there
/// is no room beside the article, whether the people pane takes the article's place.
/// `feeds_want` is the width the feeds pane's rows want (see [`feeds_width`]).
pub fn panes(
    width: u16,
    height: u16,
    focus: Focus,
    article_open: bool,
    side: bool,
    feeds_want: u16,
) -> Panes {
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
            Focus::People if side => p.people = whole,
            Focus::People if article_open => p.article = whole,
            Focus::People => p.list = whole,
        }
        return p;
    }
    let feeds_w = feeds_width(width, feeds_want);
    let feeds = Rect::new(0, 0, feeds_w, main_h);
    let main_x = feeds_w;
    let main_w = width - feeds_w;
    let side_w = side_width(main_w);
    let beside = side && main_w >= side_w + ARTICLE_MIN;
    if !article_open {
        let mut p = Panes {
            feeds: Some(feeds),
            list: Some(Rect::new(main_x, 0, main_w, main_h)),
            article: None,
            people: None,
            status,
        };
        if beside {
            p.list = Some(Rect::new(main_x, 0, main_w - side_w, main_h));
            p.people = Some(Rect::new(main_x + main_w - side_w, 0, side_w, main_h));
        } else if side && focus == Focus::People {
            p.list = None;
            p.people = Some(Rect::new(main_x, 0, main_w, main_h));
        }
        return p;
    }
    // The list keeps about a third of the height (at least 5 rows) above the article.
    let list_h = (main_h / 3).max(5).min(main_h.saturating_sub(3));
    let below = Rect::new(main_x, list_h, main_w, main_h - list_h);
    let mut p = Panes {
        feeds: Some(feeds),
        list: Some(Rect::new(main_x, 0, main_w, list_h)),
        article: Some(below),
        people: None,
        status,
    };
    if beside {
        p.article = Some(Rect::new(below.x, below.y, main_w - side_w, below.height));
        p.people = Some(Rect::new(
            below.x + main_w - side_w,
            below.y,
            side_w,
            below.height,
        ));
    } else if side && focus == Focus::People {
        // No room beside the article: the pane takes its place while it has the keyboard.
        p.article = None;
        p.people = Some(below);
    }
    p
}

/// Whether the people pane shows beside the article (rather than in its place) at this
/// width, with a feeds pane that wants `feeds_want` columns.
pub fn side_by_side(width: u16, feeds_want: u16) -> bool {
    let feeds_w = feeds_width(width, feeds_want);
    width >= NARROW && {
        let main_w = width - feeds_w;
        main_w >= side_width(main_w) + ARTICLE_MIN
    }
}

/// Lines at most the selected row of the list takes: its title wraps to show it whole.
pub const TITLE_LINES: usize = 3;

/// A list row's columns on a pane `width` columns wide, when the widest feed title wants
/// `feed_title_width`: the feed column's width (none on a narrow list) and the column where
/// the title starts (after the marks, the date and the feed).
pub fn list_columns(width: usize, feed_title_width: usize) -> (usize, usize) {
    // A fifth of the list (at most 32 columns), no wider than the widest feed title needs.
    let feed_w = if width >= 70 {
        (width / 5).min(32).min(feed_title_width.max(8))
    } else {
        0
    };
    let start = 15 + if feed_w > 0 { feed_w + 1 } else { 0 };
    (feed_w, start)
}

/// The first row drawn in a list pane of `height` rows scrolled to `offset`, when the
/// selected row `sel` takes `lines` lines: later than `offset` when the selected row's last
/// line would fall below the pane.
pub fn first_row(offset: usize, sel: usize, height: usize, lines: usize) -> usize {
    if sel < offset {
        return offset;
    }
    let needed = sel - offset + lines.max(1);
    (offset + needed.saturating_sub(height)).min(sel)
}

/// The row drawn on line `y` of the list pane (see [`first_row`]).
pub fn row_at(first: usize, sel: usize, lines: usize, y: usize) -> usize {
    let row = first + y;
    if row <= sel {
        row
    } else if row < sel + lines.max(1) {
        sel
    } else {
        row + 1 - lines.max(1)
    }
}

/// The new offset that keeps `sel` inside a window of `height` rows starting at `offset`.
pub fn keep_visible(sel: usize, offset: usize, height: usize) -> usize {
    if sel < offset {
        sel
    } else if sel >= offset + height {
        sel + 1 - height
    } else {
        offset
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

    /// What the feeds pane's rows want in these tests.
    const W: u16 = 30;

    #[test]
    fn the_feeds_pane_fits_its_rows_within_limits() {
        assert_eq!(feeds_width(80, 10), FEEDS_MIN);
        assert_eq!(feeds_width(80, 30), 20, "a quarter of 80 columns");
        assert_eq!(feeds_width(200, 30), 30, "as wide as the rows want");
        assert_eq!(feeds_width(200, 90), FEEDS_MAX);
        let p = panes(200, 60, Focus::Articles, false, false, 35);
        assert_eq!(p.feeds.unwrap().width, 35);
        assert_eq!(p.list.unwrap().x, 35);
        assert_eq!(p.list.unwrap().width, 165);
    }

    #[test]
    fn panes_tile_the_screen() {
        let p = panes(80, 24, Focus::Article, true, true, W);
        let (f, l, a) = (p.feeds.unwrap(), p.list.unwrap(), p.article.unwrap());
        assert_eq!(f.width + l.width, 80);
        assert_eq!(l.height + a.height, 23);
        assert_eq!(p.status.y, 23);
        let wide = panes(160, 48, Focus::Articles, false, false, W);
        assert!(wide.feeds.unwrap().width > f.width);
        assert!(wide.article.is_none());
    }

    #[test]
    fn a_cell_belongs_to_the_pane_drawn_over_it() {
        let p = panes(200, 60, Focus::Article, true, true, W);
        let (f, l, a, pp) = (
            p.feeds.unwrap(),
            p.list.unwrap(),
            p.article.unwrap(),
            p.people.unwrap(),
        );
        assert_eq!(p.at(f.x, f.y), Some(Focus::Feeds));
        assert_eq!(
            p.at(l.x + l.width - 1, l.y + l.height - 1),
            Some(Focus::Articles)
        );
        assert_eq!(p.at(a.x, a.y), Some(Focus::Article));
        assert_eq!(p.at(pp.x + 1, pp.y + 1), Some(Focus::People));
        assert_eq!(p.at(0, p.status.y), None, "the status bar");
        assert_eq!(p.at(200, 0), None, "off the screen");
    }

    #[test]
    fn keep_visible_scrolls_as_little_as_it_can() {
        assert_eq!(keep_visible(5, 0, 10), 0);
        assert_eq!(keep_visible(12, 0, 10), 3);
        assert_eq!(keep_visible(2, 5, 10), 2);
    }

    #[test]
    fn narrow_shows_one_pane() {
        let p = panes(50, 20, Focus::Article, true, true, W);
        assert!(p.feeds.is_none() && p.list.is_none() && p.people.is_none());
        assert_eq!(p.article.unwrap().width, 50);
        let p = panes(50, 20, Focus::Article, false, false, W);
        assert!(p.list.is_some());
        let p = panes(50, 20, Focus::People, true, true, W);
        assert!(p.article.is_none());
        assert_eq!(p.people.unwrap().width, 50);
    }

    #[test]
    fn people_pane_beside_the_article_when_wide_else_in_its_place() {
        let p = panes(200, 60, Focus::Article, true, true, W);
        let (a, pp, l) = (p.article.unwrap(), p.people.unwrap(), p.list.unwrap());
        assert_eq!(a.y, pp.y);
        assert_eq!(a.x + a.width, pp.x);
        assert_eq!(a.width + pp.width, l.width);
        assert!(a.width >= ARTICLE_MIN);
        assert!(side_by_side(200, W) && !side_by_side(80, W));
        // 80 columns: no room, the article keeps its place until the pane takes the keys.
        let p = panes(80, 24, Focus::Article, true, true, W);
        assert!(p.people.is_none() && p.article.is_some());
        let p = panes(80, 24, Focus::People, true, true, W);
        assert!(p.article.is_none());
        assert_eq!(p.people.unwrap().width, 80 - p.feeds.unwrap().width);
        // The who-and-where view without an article: beside the list.
        let p = panes(200, 60, Focus::Articles, false, true, W);
        let (l, pp) = (p.list.unwrap(), p.people.unwrap());
        assert_eq!(l.x + l.width, pp.x);
        assert_eq!(pp.height, 59);
    }

    #[test]
    fn a_wrapped_selected_row_stays_on_screen_and_clicks_find_their_rows() {
        // Rows 0..10 on a 5-line pane, row 4 selected and taking 3 lines.
        assert_eq!(first_row(0, 4, 5, 3), 2);
        assert_eq!(first_row(0, 1, 5, 3), 0);
        assert_eq!(first_row(6, 4, 5, 3), 6, "above the window: as it is");
        // Lines: 0 -> row 0, 1 -> row 1 (selected, 3 lines), 2 and 3 -> row 1, 4 -> row 2.
        let rows: Vec<usize> = (0..5).map(|y| row_at(0, 1, 3, y)).collect();
        assert_eq!(rows, [0, 1, 1, 1, 2]);
        assert_eq!(row_at(0, 1, 1, 4), 4);
        assert_eq!(list_columns(60, 20), (0, 15));
        assert_eq!(list_columns(100, 20), (20, 36));
        assert_eq!(list_columns(100, 4), (8, 24));
    }

    #[test]
    fn hidden_feeds_and_zoom_give_their_columns_away() {
        let shape = Shape {
            focus: Focus::Articles,
            article_open: true,
            side: true,
            feeds_want: W,
            feeds: false,
            zoom: false,
        };
        let p = layout(80, 24, &shape);
        assert!(p.feeds.is_none());
        assert_eq!(p.list.unwrap().width, 80);
        assert_eq!(p.article.unwrap().width, 80);
        // Focused, the feeds pane shows anyway.
        let p = layout(
            80,
            24,
            &Shape {
                focus: Focus::Feeds,
                ..shape
            },
        );
        assert!(p.feeds.is_some());
        // Zoomed while reading: the article is the whole screen but the status bar.
        let zoomed = Shape {
            focus: Focus::Article,
            zoom: true,
            feeds: true,
            ..shape
        };
        let p = layout(80, 24, &zoomed);
        assert!(p.feeds.is_none() && p.list.is_none() && p.people.is_none());
        assert_eq!(p.article, Some(Rect::new(0, 0, 80, 23)));
        let p = layout(
            80,
            24,
            &Shape {
                focus: Focus::People,
                ..zoomed
            },
        );
        assert_eq!(p.people, Some(Rect::new(0, 0, 80, 23)));
        // Zoom waits for the article: on the list, the usual panes.
        let p = layout(
            80,
            24,
            &Shape {
                focus: Focus::Articles,
                ..zoomed
            },
        );
        assert!(p.feeds.is_some() && p.list.is_some());
        // With the people pane beside the article, both widen by the feeds pane's width.
        let wide = Shape {
            focus: Focus::Article,
            ..shape
        };
        let with = panes(200, 60, Focus::Article, true, true, W);
        let p = layout(200, 60, &wide);
        assert_eq!(p.article.unwrap().x, 0);
        assert_eq!(p.article.unwrap().width, with.article.unwrap().width + W);
        assert_eq!(p.people, with.people);
    }
}
