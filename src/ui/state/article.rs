//! The article pane: nothing, the article being loaded, or the loaded article with its body
//! rendered for the pane's width.

use crate::model::{Article, ArticleId, ArticlePage, StyledText};
use crate::sanitize::sanitize_line;
use crate::ui::body::{RenderedBody, mentions_in, render_body};
use crate::ui::text::wrap;
use crate::worker::session::ArticleEntity;

/// Lines before the body in the article pane besides the title's: feed/author, date, link,
/// blank.
pub const HEADER_LINES: usize = 4;
/// Lines the article's title may wrap onto, so a narrow pane shows it whole.
pub const TITLE_LINES: usize = 4;
/// Lines the article's link may wrap onto (cut across lines: a URL has no spaces), so a
/// narrow pane shows it whole as newsboat does; a longer one ends in `…`.
pub const LINK_LINES: usize = 3;

/// The article pane.
#[derive(Debug, Clone, PartialEq)]
pub enum ArticlePane {
    Closed,
    Loading(ArticleId),
    Loaded {
        article: Box<Article>,
        /// The feed's text as styled text.
        source: Box<StyledText>,
        /// The article's entities: their mentions are painted in the text they were found in.
        entities: Vec<ArticleEntity>,
        body: RenderedBody,
        /// The article's fetched page (full text), and which text the body shows.
        full: FullText,
        /// The title wrapped to the body's width (at most [`TITLE_LINES`]).
        title: Vec<String>,
        /// The link wrapped to the body's width (at most [`LINK_LINES`]; none without one).
        link: Vec<String>,
    },
}

/// The full text of the open article: its fetched page, if any, and whether the body shows
/// the feed's own text instead (the page's is shown when there is one).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct FullText {
    pub page: Option<Box<ArticlePage>>,
    /// The page's text as styled text.
    pub body: Option<Box<StyledText>>,
    pub show_feed: bool,
}

impl ArticlePane {
    /// The article arrived; its body is wrapped by [`ArticlePane::wrap`].
    pub fn arrived(article: Box<Article>, source: Box<StyledText>) -> ArticlePane {
        ArticlePane::Loaded {
            article,
            source,
            entities: Vec::new(),
            body: RenderedBody::default(),
            full: FullText::default(),
            title: Vec::new(),
            link: Vec::new(),
        }
    }

    /// The page of the open article arrived (or it has none): the body shows it, from the
    /// top of the page text, at the next wrap.
    pub fn set_page(
        &mut self,
        id: ArticleId,
        page: Option<Box<ArticlePage>>,
        page_body: Option<Box<StyledText>>,
    ) {
        if let ArticlePane::Loaded {
            article,
            body,
            full,
            ..
        } = self
            && article.id == id
        {
            let changed = full.page != page;
            full.page = page;
            full.body = page_body;
            if changed {
                full.show_feed = false;
                *body = RenderedBody::default();
            }
        }
    }

    /// The open article's entities arrived: their mentions are painted at the next wrap.
    pub fn set_entities(&mut self, id: ArticleId, found: &[ArticleEntity]) {
        if let ArticlePane::Loaded {
            article,
            entities,
            body,
            ..
        } = self
            && article.id == id
            && entities.as_slice() != found
        {
            *entities = found.to_vec();
            *body = RenderedBody::default();
        }
    }

    /// Switches the body between the page's text and the feed's; returns whether it now
    /// shows the page, or None when there is no page to switch to.
    pub fn toggle_source(&mut self) -> Option<bool> {
        match self {
            ArticlePane::Loaded { body, full, .. } if full.page.is_some() => {
                full.show_feed = !full.show_feed;
                *body = RenderedBody::default();
                Some(!full.show_feed)
            }
            _ => None,
        }
    }

    /// Whether the body shows a fetched page: Some(true) the page, Some(false) the feed's
    /// text although there is a page, None when there is no page.
    pub fn showing_page(&self) -> Option<bool> {
        match self {
            ArticlePane::Loaded { full, .. } if full.page.is_some() => Some(!full.show_feed),
            _ => None,
        }
    }

    /// The id of the article being shown or loaded.
    pub fn id(&self) -> Option<ArticleId> {
        match self {
            ArticlePane::Closed => None,
            ArticlePane::Loading(id) => Some(*id),
            ArticlePane::Loaded { article, .. } => Some(article.id),
        }
    }

    pub fn is_open(&self) -> bool {
        !matches!(self, ArticlePane::Closed)
    }

    /// The loaded article, when it is `id`.
    pub fn loaded(&self, id: ArticleId) -> Option<&Article> {
        match self {
            ArticlePane::Loaded { article, .. } if article.id == id => Some(article),
            _ => None,
        }
    }

    /// The loaded article, to change its flags.
    pub fn loaded_mut(&mut self) -> Option<&mut Article> {
        match self {
            ArticlePane::Loaded { article, .. } => Some(article),
            _ => None,
        }
    }

    /// Lines before the body: the title's (at least one), then [`HEADER_LINES`], of which
    /// the link takes as many as it was wrapped onto (at least one).
    pub fn header_lines(&self) -> usize {
        match self {
            ArticlePane::Loaded { title, link, .. } => {
                title.len().max(1) + HEADER_LINES - 1 + link.len().max(1)
            }
            _ => 0,
        }
    }

    /// All lines of the open article: header, body and links.
    pub fn line_count(&self) -> usize {
        match self {
            ArticlePane::Loaded { body, .. } => self.header_lines() + body.lines.len(),
            _ => 0,
        }
    }

    /// Renders the body again when the text is `width` columns wide now; `enclosure_hint`
    /// heads the enclosures (it names the keys that play and download one).
    pub fn wrap(&mut self, width: u16, enclosure_hint: &str) {
        if let ArticlePane::Loaded {
            article,
            source,
            entities,
            body,
            full,
            title,
            link,
        } = self
            && (body.width != width || body.lines.is_empty())
        {
            *title = wrap(
                &sanitize_line(&article.title),
                usize::from(width),
                TITLE_LINES,
            );
            *link = wrap(
                &sanitize_line(article.link.as_deref().unwrap_or("")),
                usize::from(width),
                LINK_LINES,
            );
            // Entities are found in the page's text when the article has one, else in the
            // feed's: their mentions are painted only on that text.
            let page = full
                .page
                .as_deref()
                .zip(full.body.as_deref())
                .filter(|(p, _)| !p.text.is_empty());
            let (shown, extracted) = match page {
                Some((_, page_body)) if !full.show_feed => (page_body, true),
                Some(_) => (&**source, false),
                None => (&**source, true),
            };
            let mentions = if extracted {
                mentions_in(&shown.text, entities)
            } else {
                Vec::new()
            };
            *body = render_body(shown, &mentions, width);
            body.lines.extend(crate::ui::attachments::enclosure_lines(
                &article.enclosures,
                enclosure_hint,
                width,
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ui::fixtures;
    use crate::worker::body::{article_body, page_body};

    fn arrived(a: Article) -> ArticlePane {
        let body = Box::new(article_body(&a));
        ArticlePane::arrived(Box::new(a), body)
    }

    #[test]
    fn the_body_is_wrapped_once_per_width() {
        let s = &fixtures::summaries()[0];
        let mut pane = arrived(fixtures::article(
            s,
            &format!("<p>{}</p>", "word ".repeat(100)),
        ));
        assert_eq!(pane.id(), Some(s.id));
        pane.wrap(30, "Enclosures:");
        // "Ceasefire talks resume in Geneva" is 32 columns: its title takes two lines.
        assert_eq!(pane.header_lines(), 2 + HEADER_LINES);
        let narrow = pane.line_count();
        assert!(narrow > HEADER_LINES + 1);
        pane.wrap(60, "Enclosures:");
        assert_eq!(pane.header_lines(), 1 + HEADER_LINES);
        assert!(pane.line_count() < narrow);
        assert!(pane.loaded(s.id).is_some() && pane.loaded(ArticleId(0)).is_none());
        assert_eq!(ArticlePane::Closed.line_count(), 0);
        assert!(!ArticlePane::Closed.is_open() && ArticlePane::Loading(s.id).is_open());

        // A link wider than the pane wraps onto more header lines instead of being cut.
        let url = "https://example.org/2026/02/18/a-rather-long-address-of-an-article";
        let mut article = fixtures::article(s, "<p>Body.</p>");
        article.link = Some(url.into());
        let mut pane = arrived(article);
        pane.wrap(30, "Enclosures:");
        let ArticlePane::Loaded { link, .. } = &pane else {
            unreachable!()
        };
        assert_eq!(link.len(), 3);
        assert_eq!(link.concat(), url);
        assert_eq!(pane.header_lines(), 2 + HEADER_LINES - 1 + 3);
    }

    #[test]
    fn the_page_replaces_the_feed_text_and_the_toggle_switches_back() {
        let s = &fixtures::summaries()[0];
        let mut pane = arrived(fixtures::article(s, "<p>Teaser only.</p>"));
        pane.wrap(40, "Enclosures:");
        let text = |pane: &ArticlePane| match pane {
            ArticlePane::Loaded { body, .. } => body
                .lines
                .iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
                .join("\n"),
            _ => String::new(),
        };
        assert!(text(&pane).contains("Teaser only."));
        assert_eq!(pane.showing_page(), None);
        assert_eq!(pane.toggle_source(), None);
        let page = ArticlePage {
            html: "<p>The whole story, at length.</p>".into(),
            text: "The whole story, at length.".into(),
            ..ArticlePage::default()
        };
        let page = Box::new(page);
        let page_body = Some(Box::new(page_body(&page)));
        pane.set_page(ArticleId(-1), Some(page.clone()), page_body.clone());
        assert_eq!(
            pane.showing_page(),
            None,
            "another article's page is ignored"
        );
        pane.set_page(s.id, Some(page), page_body);
        pane.wrap(40, "Enclosures:");
        assert!(text(&pane).contains("The whole story"), "{}", text(&pane));
        assert_eq!(pane.showing_page(), Some(true));
        assert_eq!(pane.toggle_source(), Some(false));
        pane.wrap(40, "Enclosures:");
        assert!(text(&pane).contains("Teaser only."));
        assert_eq!(pane.toggle_source(), Some(true));
        pane.wrap(40, "Enclosures:");
        assert!(text(&pane).contains("The whole story"));
    }
}
