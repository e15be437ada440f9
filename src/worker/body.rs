//! The bodies the reader shows, built by `extract` from the stored HTML.
//!
//! The interface never parses HTML: the worker turns an article's (or its page's) HTML into
//! [`StyledText`] here and sends it with the article. The model is derived, not stored: the
//! HTML that made the stored text makes the same text again, so the mentions' offsets (into
//! the stored text) index into the model. Should they ever differ (a text made by an older
//! formatter, or a plain-text body), the body is the stored text unstyled, never a text the
//! offsets do not fit.

use crate::extract::html::styled_text;
use crate::model::{Article, ArticleId, ArticlePage, StyledText};
use crate::worker::session::WorkerEvent;

impl WorkerEvent {
    /// The answer to `Command::LoadArticle`: the article with its body.
    pub fn article(article: Article) -> WorkerEvent {
        let body = Box::new(article_body(&article));
        WorkerEvent::Article(Box::new(article), body)
    }

    /// A [`WorkerEvent::Page`] with the page's body.
    pub fn page(
        article: ArticleId,
        page: Option<Box<ArticlePage>>,
        error: Option<String>,
        fetched: bool,
    ) -> WorkerEvent {
        let body = page.as_deref().map(|p| Box::new(page_body(p)));
        WorkerEvent::Page {
            article,
            page,
            body,
            error,
            fetched,
        }
    }
}

/// The body of an article's feed text: its content, else its summary, styled; its stored
/// text unstyled when neither makes exactly that text.
pub fn article_body(article: &Article) -> StyledText {
    let html = [&article.content_html, &article.summary_html]
        .into_iter()
        .flatten()
        .find(|h| !h.trim().is_empty());
    from_html(html.map(String::as_str), &article.text)
}

/// The body of an article's fetched page.
pub fn page_body(page: &ArticlePage) -> StyledText {
    from_html(Some(&page.html), &page.text)
}

fn from_html(html: Option<&str>, text: &str) -> StyledText {
    if let Some(html) = html {
        let styled = styled_text(html);
        if styled.text == text {
            return styled;
        }
    }
    StyledText::plain(text)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::TextStyle;

    #[test]
    fn the_body_is_styled_when_its_html_makes_the_stored_text() {
        let page = ArticlePage {
            html: "<p>A <b>bold</b> move.</p>".into(),
            text: "A bold move.".into(),
            ..ArticlePage::default()
        };
        let body = page_body(&page);
        assert_eq!(body.text, page.text);
        assert!(body.style_at(2).contains(TextStyle::STRONG));
        // A stored text the HTML does not make is shown as it is, unstyled.
        let stale = ArticlePage {
            text: "A bold move, said an older formatter.".into(),
            ..page
        };
        assert_eq!(page_body(&stale), StyledText::plain(&stale.text));
    }
}
