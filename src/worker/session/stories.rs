//! Lists grouped by story for the reader: each story once with its counts, or one story's
//! articles. Read whole (at most [`STORY_ROWS`] rows), not a window at a time, so the
//! answer carries its total.

use super::*;
use crate::model::StoryTag;

/// The answers to a `LoadArticles` whose query groups by story: the rows' [`StoryTag`]s,
/// then the rows with their total (and the total again, as a counted list expects).
pub(super) fn grouped_list(
    s: &mut Store,
    request: RequestId,
    query: &ArticleQuery,
    now: DateTime<FixedOffset>,
) -> Result<Vec<WorkerEvent>, StoreError> {
    let story = match query.grouping {
        Grouping::Story(id) => Some(id),
        Grouping::Stories | Grouping::Articles => None,
    };
    let rows = s.story_rows(&query.combined(), now, story, STORY_ROWS)?;
    let total = rows.len() as u64;
    let (articles, tags): (Vec<ArticleSummary>, Vec<Option<StoryTag>>) = rows.into_iter().unzip();
    Ok(vec![
        WorkerEvent::StoryTags {
            request,
            tags: tags.into_iter().flatten().collect(),
        },
        WorkerEvent::Articles {
            request,
            offset: 0,
            total: Some(total),
            articles,
        },
        WorkerEvent::ArticleTotal { request, total },
    ])
}
