//! What a list shows, as the interface asks the session for it: the feeds pane's scope,
//! the filter line's query, and whether it groups articles into stories.

use crate::query::{Expr, Query};

/// Which articles a list shows: the feeds pane's selection and the filter line, ANDed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ArticleQuery {
    /// The selected feed, tag or saved view, as a query (`feed:`, `tag:`, the view's text);
    /// empty for "All articles".
    pub scope: Query,
    /// The filter line's query; empty when no filter is active.
    pub filter: Query,
    /// Every article, each story once, or one story's articles.
    pub grouping: Grouping,
}

impl ArticleQuery {
    /// One query for the store: both conditions ANDed; the filter's `sort:` wins over the
    /// scope's.
    pub fn combined(&self) -> Query {
        let expr = match (&self.scope.expr, &self.filter.expr) {
            (Some(a), Some(b)) => Some(Expr::And(vec![a.clone(), b.clone()])),
            (a, b) => a.clone().or_else(|| b.clone()),
        };
        Query {
            expr,
            sort: self.filter.sort.or(self.scope.sort),
        }
    }
}

/// How a list groups its articles into stories.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Grouping {
    /// Every article on its own row.
    #[default]
    Articles,
    /// Each story once (its newest article of the list), with its counts
    /// ([`WorkerEvent::StoryTags`](super::WorkerEvent::StoryTags)); at most [`STORY_ROWS`] rows, the whole list at once.
    Stories,
    /// The articles of one story (that the scope and filter select).
    Story(i64),
}

/// Rows of a list that shows each story once: it is read whole, not a window at a time.
pub const STORY_ROWS: u32 = 2_000;
