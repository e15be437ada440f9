//! The article pane: nothing, the article being loaded, or the loaded article with its body
//! rendered for the pane's width.

use crate::model::{Article, ArticleId};
use crate::ui::body::{RenderedBody, render_body};

/// Lines before the body in the article pane: title, feed/author, date, link, blank.
pub const HEADER_LINES: usize = 5;

/// The article pane.
#[derive(Debug, Clone, PartialEq)]
pub enum ArticlePane {
    Closed,
    Loading(ArticleId),
    Loaded {
        article: Box<Article>,
        body: RenderedBody,
    },
}

impl ArticlePane {
    /// The article arrived; its body is wrapped by [`ArticlePane::wrap`].
    pub fn arrived(article: Box<Article>) -> ArticlePane {
        ArticlePane::Loaded {
            article,
            body: RenderedBody::default(),
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

    /// All lines of the open article: header, body and links.
    pub fn line_count(&self) -> usize {
        match self {
            ArticlePane::Loaded { body, .. } => HEADER_LINES + body.lines.len(),
            _ => 0,
        }
    }

    /// Renders the body again when the text is `width` columns wide now.
    pub fn wrap(&mut self, width: u16) {
        if let ArticlePane::Loaded { article, body } = self
            && body.width != width
        {
            *body = render_body(
                article
                    .content_html
                    .as_deref()
                    .or(article.summary_html.as_deref()),
                &article.text,
                width,
            );
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
        };
        assert_eq!(pane.id(), Some(s.id));
        pane.wrap(30);
        let narrow = pane.line_count();
        assert!(narrow > HEADER_LINES);
        pane.wrap(60);
        assert!(pane.line_count() < narrow);
        assert!(pane.loaded(s.id).is_some() && pane.loaded(ArticleId(0)).is_none());
        assert_eq!(ArticlePane::Closed.line_count(), 0);
        assert!(!ArticlePane::Closed.is_open() && ArticlePane::Loading(s.id).is_open());
    }
}
