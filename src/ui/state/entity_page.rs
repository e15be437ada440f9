//! What an entity page shows (Enter on a person, place or organisation): the page as the
//! worker sent it, sanitised, the selected article, and where Enter was pressed, so `h`/Esc
//! goes back exactly there. Data only: `entity` does what touches the rest of the state,
//! `ui::view::entity` draws it.

use super::people::Entry;
use crate::model::{ArticleId, ArticleSummary, EntityKind};
use crate::sanitize::sanitize_line;
use crate::ui::layout::Focus;
use crate::worker::session::{EntityPage, TopEntity};

/// Where the page was opened from: what `h`/Esc on it restores.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Return {
    pub focus: Focus,
    /// The people pane's selected row.
    pub people_sel: usize,
    /// The article that was open, and how far it was scrolled.
    pub article: Option<ArticleId>,
    pub scroll: usize,
}

/// How far the page is.
#[derive(Debug, Clone, PartialEq)]
pub enum PageLoad {
    Loading,
    /// Sanitised: every name and title is ready to draw.
    Loaded(Box<EntityPage>),
    /// The entity is no longer in the cache (re-extracted or pruned since).
    Gone,
}

/// An entity page.
#[derive(Debug, Clone, PartialEq)]
pub struct EntityView {
    pub id: i64,
    pub kind: EntityKind,
    /// Sanitised, shown while the page loads.
    pub name: String,
    pub load: PageLoad,
    /// The selected article (an index into the page's articles).
    pub sel: usize,
    /// Whether the page is on screen; it hides while an article opened from it is read.
    pub shown: bool,
    /// The article opened from the page, while it is read: `h` on it shows the page again.
    pub reading: Option<ArticleId>,
    pub from: Return,
}

impl EntityView {
    /// The page of `entry` (which has an id), opened from `from`; loading.
    pub fn new(id: i64, entry: &Entry, from: Return) -> EntityView {
        EntityView {
            id,
            kind: entry.kind,
            name: entry.name.clone(),
            load: PageLoad::Loading,
            sel: 0,
            shown: true,
            reading: None,
            from,
        }
    }

    /// The worker's answer: the page (sanitised here), or `None` when the entity is gone.
    pub fn receive(&mut self, page: Option<Box<EntityPage>>) {
        self.load = match page {
            Some(mut page) => {
                sanitize_page(&mut page);
                self.name.clone_from(&page.entity.name);
                PageLoad::Loaded(page)
            }
            None => PageLoad::Gone,
        };
        self.sel = self.sel.min(self.articles().len().saturating_sub(1));
    }

    /// The page, once loaded.
    pub fn page(&self) -> Option<&EntityPage> {
        match &self.load {
            PageLoad::Loaded(p) => Some(p),
            PageLoad::Loading | PageLoad::Gone => None,
        }
    }

    /// The page's articles (none while loading).
    pub fn articles(&self) -> &[ArticleSummary] {
        self.page().map_or(&[], |p| p.articles.as_slice())
    }

    /// The selected article.
    pub fn selected(&self) -> Option<&ArticleSummary> {
        self.articles().get(self.sel)
    }

    /// Moves the article selection by `delta` rows, within the list.
    pub fn move_by(&mut self, delta: isize) {
        let last = self.articles().len().saturating_sub(1);
        self.sel = self.sel.saturating_add_signed(delta).min(last);
    }

    /// Marks the page's copy of article `id` read (it was opened from the page).
    pub fn set_read(&mut self, id: ArticleId) {
        if let PageLoad::Loaded(p) = &mut self.load
            && let Some(a) = p.articles.iter_mut().find(|a| a.id == id)
        {
            a.read = true;
        }
    }
}

/// Every string of the page that came from a feed or the extractor, made safe to draw.
fn sanitize_page(page: &mut EntityPage) {
    let entity = |e: &mut TopEntity| {
        e.name = sanitize_line(&e.name);
        e.country = e.country.as_deref().map(sanitize_line);
    };
    entity(&mut page.entity);
    page.related.iter_mut().for_each(entity);
    for alias in &mut page.aliases {
        *alias = sanitize_line(alias);
    }
    for a in &mut page.articles {
        a.title = sanitize_line(&a.title);
        a.feed_title = sanitize_line(&a.feed_title);
    }
}

#[cfg(test)]
mod tests {
    use chrono::{NaiveDate, TimeZone, Utc};

    use super::*;
    use crate::model::FeedId;

    fn top(id: i64, kind: EntityKind, name: &str) -> TopEntity {
        TopEntity {
            id,
            kind,
            name: name.into(),
            coords: None,
            country: Some("X\u{1b}[2JY".into()),
            mentions: 1,
            articles: 1,
        }
    }

    fn article(id: i64, title: &str) -> ArticleSummary {
        ArticleSummary {
            id: ArticleId(id),
            feed_id: FeedId(1),
            feed_title: "Feed\u{7}".into(),
            title: title.into(),
            link: None,
            authors: Vec::new(),
            published: Utc.timestamp_opt(1_794_312_000, 0).single().unwrap(),
            read: false,
            starred: false,
        }
    }

    #[test]
    fn the_page_arrives_sanitised_and_the_selection_stays_on_its_articles() {
        let entry = Entry {
            kind: EntityKind::Person,
            name: "Ana".into(),
            count: 1,
            articles: None,
            coords: None,
            id: Some(7),
            country: None,
        };
        let from = Return {
            focus: Focus::People,
            people_sel: 2,
            article: None,
            scroll: 0,
        };
        let mut v = EntityView::new(7, &entry, from);
        assert_eq!(v.selected(), None);
        v.move_by(3);
        assert_eq!(v.sel, 0, "nothing to select while loading");
        let page = EntityPage {
            entity: top(7, EntityKind::Person, "Ana \u{1b}]0;x\u{7}Brnabić"),
            aliases: vec!["Bad\u{1b}[31m".into()],
            first_seen: None,
            last_seen: None,
            first_day: NaiveDate::default(),
            per_day: vec![0, 1],
            related: vec![top(8, EntityKind::Org, "NA\u{9b}31mTO")],
            related_scanned: 1,
            articles: vec![article(1, "One\u{1b}[2J"), article(2, "Two")],
        };
        v.receive(Some(Box::new(page)));
        let p = v.page().unwrap();
        let all = format!(
            "{} {:?} {:?} {:?}",
            v.name, p.aliases, p.related, p.articles
        );
        assert!(
            !all.contains(['\u{1b}', '\u{7}', '\u{9b}']),
            "controls left: {all:?}"
        );
        v.move_by(5);
        assert_eq!(v.selected().unwrap().title, "Two");
        v.set_read(ArticleId(2));
        assert!(v.selected().unwrap().read);
        v.move_by(-9);
        assert_eq!(v.sel, 0);
        v.receive(None);
        assert_eq!(v.load, PageLoad::Gone);
        assert_eq!(v.sel, 0);
    }
}
