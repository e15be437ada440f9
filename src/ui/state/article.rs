//! The article pane: nothing, the article being loaded, or the loaded article with its body
//! rendered for the pane's width.

use crate::model::{Article, ArticleId};
use crate::sanitize::sanitize_line;
use crate::ui::body::{RenderedBody, render_body};
use crate::ui::text::wrap;

/// Lines before the body in the article pane besides the title's: feed/author, date, link,
/// blank.
pub const HEADER_LINES: usize = 4;
/// Lines the article's title may wrap onto, so a narrow pane shows it whole.
pub const TITLE_LINES: usize = 4;

/// The article pane.
#[derive(Debug, Clone, PartialEq)]
pub enum ArticlePane {
    Closed,
    Loading(ArticleId),
    Loaded {
        article: Box<Article>,
        body: RenderedBody,
        /// The title wrapped to the body's width (at most [`TITLE_LINES`]).
        title: Vec<String>,
    },
}

impl ArticlePane {
    /// The article arrived; its body is wrapped by [`ArticlePane::wrap`].
    pub fn arrived(article: Box<Article>) -> ArticlePane {
        ArticlePane::Loaded {
            article,
            body: RenderedBody::default(),
            title: Vec::new(),
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

    /// Lines before the body: the title's (at least one), then [`HEADER_LINES`].
    pub fn header_lines(&self) -> usize {
        match self {
            ArticlePane::Loaded { title, .. } => title.len().max(1) + HEADER_LINES,
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

    /// Renders the body again when the text is `width` columns wide now.
    pub fn wrap(&mut self, width: u16) {
        if let ArticlePane::Loaded {
            article,
            body,
            title,
        } = self
            && body.width != width
        {
            *title = wrap(
                &sanitize_line(&article.title),
                usize::from(width),
                TITLE_LINES,
            );
            *body = render_body(
                article
                    .content_html
                    .as_deref()
                    .or(article.summary_html.as_deref()),
                &article.text,
                width,
            );
            body.lines
                .extend(crate::ui::attachments::enclosure_lines(&article.enclosures));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ui::fixtures;

    #[test]
    fn the_body_is_wrapped_once_per_width() {
        let s = &fixtures::summaries()[0];
        let mut pane = ArticlePane::Loaded {
            article: Box::new(fixtures::article(
                s,
                &format!("<p>{}</p>", "word ".repeat(100)),
            )),
            body: RenderedBody::default(),
            title: Vec::new(),
        };
        assert_eq!(pane.id(), Some(s.id));
        pane.wrap(30);
        // "Ceasefire talks resume in Geneva" is 32 columns: its title takes two lines.
        assert_eq!(pane.header_lines(), 2 + HEADER_LINES);
        let narrow = pane.line_count();
        assert!(narrow > HEADER_LINES + 1);
        pane.wrap(60);
        assert_eq!(pane.header_lines(), 1 + HEADER_LINES);
        assert!(pane.line_count() < narrow);
        assert!(pane.loaded(s.id).is_some() && pane.loaded(ArticleId(0)).is_none());
        assert_eq!(ArticlePane::Closed.line_count(), 0);
        assert!(!ArticlePane::Closed.is_open() && ArticlePane::Loading(s.id).is_open());
    }
}
