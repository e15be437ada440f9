//! Stories as articles arrive: each article whose entities were just stored joins the story
//! it belongs to (or starts one), on the store thread, right after its mentions are written.
//!
//! Why it exists: the grouper (`crate::extract::stories`) keeps its state in memory, and the
//! extraction queue runs many batches over a session. [`Stories`] keeps one grouper for the
//! life of the process: built on first use from the articles of the recent window (their
//! stories as stored), then fed each batch. A grouper's story ids are its own; this maps
//! them to the cache's.
//!
//! What it must not do: decide anything the grouper does not, or touch the store outside
//! the store thread (every method takes the `&mut Store` a [`StoreActor`] call hands over).
//!
//! [`StoreActor`]: crate::worker::StoreActor

use std::collections::HashMap;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};

use chrono::{DateTime, Duration, Utc};

use crate::extract::resolve::fold_key;
use crate::extract::stories::{Grouper, StoryId, StoryInput};
use crate::model::ArticleId;
use crate::store::{Store, StoreError, StoryArticle, StorySlot};

/// Articles grouped per store call when catching up on a backlog: a few milliseconds of the
/// store thread each.
pub const CATCH_UP: u32 = 256;

/// Stories further than this many windows from the latest article are forgotten by the
/// grouper (they cannot be joined any more), so memory stays bounded over a long run.
const KEEP_WINDOWS: i32 = 3;

/// How many articles are grouped between two clean-ups of far stories.
const FORGET_EVERY: usize = 1_024;

/// The grouper of a process, shared by whoever runs the extraction queue. Cheap to clone.
#[derive(Clone, Default)]
pub struct Stories {
    inner: Arc<Mutex<Option<StoryIndex>>>,
    /// No extracted article was left without a story at the last look: later drains skip
    /// the look (a read of the whole cache), since every batch is grouped as it is stored.
    caught_up: Arc<AtomicBool>,
}

impl Stories {
    /// Groups those of `ids` that have no story yet, oldest first, and stores their stories.
    /// Builds the grouper from the store first if this is its first use. Returns how many
    /// articles were given a story.
    pub fn group(&self, store: &mut Store, ids: &[ArticleId]) -> Result<usize, StoreError> {
        let mut guard = self.inner.lock().unwrap_or_else(|e| e.into_inner());
        let index = match &mut *guard {
            Some(index) => index,
            None => guard.insert(StoryIndex::rebuild(store)?),
        };
        let inputs = store.story_inputs(ids)?;
        index.assign(store, inputs)
    }

    /// Groups up to [`CATCH_UP`] extracted articles that have no story (after the migration
    /// that added stories, a `reindex`, or a run stopped between the two writes), oldest
    /// first. Returns how many; 0 when none is left.
    pub fn catch_up(&self, store: &mut Store) -> Result<usize, StoreError> {
        if self.caught_up.load(Ordering::Relaxed) {
            return Ok(0);
        }
        let ids = store.ungrouped_articles(CATCH_UP)?;
        if ids.is_empty() {
            self.caught_up.store(true, Ordering::Relaxed);
            return Ok(0);
        }
        self.group(store, &ids)
    }

    /// Drops the grouper, so the next use builds it again from the store (after the stored
    /// stories were forgotten).
    pub fn reset(&self) {
        *self.inner.lock().unwrap_or_else(|e| e.into_inner()) = None;
        self.caught_up.store(false, Ordering::Relaxed);
    }
}

/// A story a call starts: the grouper's id and its [`StorySlot::New`] number.
type NewStory = (StoryId, usize);

/// A grouper and the cache's ids of its stories.
#[derive(Default)]
pub struct StoryIndex {
    grouper: Grouper,
    /// Grouper story -> cache story, once stored.
    to_store: Vec<Option<i64>>,
    /// Cache story -> grouper story.
    from_store: HashMap<i64, StoryId>,
    /// Articles grouped since the last clean-up.
    since_forget: usize,
}

impl StoryIndex {
    /// A grouper holding the stored stories of the recent window: the articles with a story
    /// published within two windows of the latest such article, in their stories.
    pub fn rebuild(store: &Store) -> Result<StoryIndex, StoreError> {
        let mut index = StoryIndex::default();
        let Some(latest) = store.latest_grouped()? else {
            return Ok(index);
        };
        let since = latest - index.grouper.window * 2;
        let ids = store.grouped_since(since)?;
        for chunk in ids.chunks(512) {
            for article in store.story_inputs(chunk)? {
                let Some(stored) = article.story else {
                    continue;
                };
                let known = index.from_store.get(&stored).copied();
                let id = index.add(&article, known);
                index.remember(id, stored);
            }
        }
        Ok(index)
    }

    /// Groups the articles of `inputs` that have no story (oldest first) and stores their
    /// stories; returns how many.
    pub fn assign(
        &mut self,
        store: &mut Store,
        mut inputs: Vec<StoryArticle>,
    ) -> Result<usize, StoreError> {
        inputs.retain(|a| a.story.is_none());
        if inputs.is_empty() {
            return Ok(0);
        }
        inputs.sort_by_key(|a| (a.published, a.id.0));
        let (assignments, fresh) = self.decide(&inputs);
        let new_ids = store.set_stories(&assignments, Utc::now())?;
        for (grouper_id, n) in fresh {
            if let Some(stored) = new_ids.get(n) {
                self.remember(grouper_id, *stored);
            }
        }
        Ok(assignments.len())
    }

    /// Each article's story (in memory only): the stored story its grouper story maps to,
    /// or a new one; and which grouper story each new one is.
    pub fn decide(
        &mut self,
        inputs: &[StoryArticle],
    ) -> (Vec<(ArticleId, StorySlot)>, Vec<NewStory>) {
        let mut assignments = Vec::with_capacity(inputs.len());
        let mut fresh: Vec<NewStory> = Vec::new();
        for article in inputs {
            let id = self.add(article, None);
            let slot = match self.to_store.get(id).copied().flatten() {
                Some(stored) => StorySlot::Stored(stored),
                None => match fresh.iter().find(|(g, _)| *g == id) {
                    Some((_, n)) => StorySlot::New(*n),
                    None => {
                        fresh.push((id, fresh.len()));
                        StorySlot::New(fresh.len() - 1)
                    }
                },
            };
            assignments.push((article.id, slot));
        }
        (assignments, fresh)
    }

    fn add(&mut self, article: &StoryArticle, known: Option<StoryId>) -> StoryId {
        let keys: Vec<String> = article
            .entities
            .iter()
            .map(|(kind, name)| fold_key(*kind, name))
            .collect();
        let id = self.grouper.add_to(
            &StoryInput {
                title: &article.title,
                text: &article.lead,
                published: article.published,
                entities: &keys,
            },
            known,
        );
        self.since_forget += 1;
        if self.since_forget >= FORGET_EVERY {
            self.since_forget = 0;
            self.forget_far_from(article.published);
        }
        id
    }

    fn forget_far_from(&mut self, around: DateTime<Utc>) {
        let margin: Duration = self.grouper.window * KEEP_WINDOWS;
        self.grouper.forget_far_from(around, margin);
    }

    fn remember(&mut self, grouper_id: StoryId, stored: i64) {
        if self.to_store.len() <= grouper_id {
            self.to_store.resize(grouper_id + 1, None);
        }
        self.to_store[grouper_id] = Some(stored);
        self.from_store.insert(stored, grouper_id);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{EntityKind, FeedSpec, NewArticle};
    use crate::store::{BulkArticle, NewMention};
    use chrono::TimeZone;

    fn at(hours: i64) -> DateTime<Utc> {
        Utc.timestamp_opt(1_771_286_400 + hours * 3600, 0).unwrap()
    }

    fn store_with_feeds() -> (Store, Vec<crate::model::FeedId>) {
        let mut store = Store::open_in_memory().unwrap();
        let specs: Vec<FeedSpec> = ["a", "b", "c"]
            .iter()
            .map(|n| FeedSpec {
                url: format!("https://{n}.example/feed"),
                title: Some(format!("Feed {n}")),
                tags: Vec::new(),
            })
            .collect();
        store.sync_feeds(&specs).unwrap();
        let ids = store.feeds().unwrap().iter().map(|f| f.id).collect();
        (store, ids)
    }

    /// Stores an article with its mentions (as extraction would); returns its id.
    fn put(
        store: &mut Store,
        feed: crate::model::FeedId,
        title: &str,
        hours: i64,
        people: &[&str],
    ) -> ArticleId {
        let article = NewArticle {
            guid: title.to_string(),
            title: title.to_string(),
            link: None,
            authors: Vec::new(),
            published: Some(at(hours)),
            updated: None,
            summary_html: None,
            content_html: None,
            text: title.to_string(),
            enclosures: Vec::new(),
            categories: Vec::new(),
        };
        let id = store
            .bulk_insert(&[BulkArticle {
                feed,
                article,
                read_at: None,
                starred: false,
                first_seen: at(hours),
            }])
            .unwrap()[0];
        let mentions: Vec<NewMention> = people
            .iter()
            .map(|p| NewMention {
                kind: if p.starts_with("Geneva") || p.starts_with("Lima") {
                    EntityKind::Place
                } else {
                    EntityKind::Person
                },
                canonical: p.to_string(),
                surface: p.to_string(),
                start: 0,
                end: 1,
                coords: None,
                country: None,
            })
            .collect();
        store
            .write_mentions_batch("m", &[(id, mentions)], at(hours))
            .unwrap();
        id
    }

    #[test]
    fn articles_from_two_feeds_about_one_event_share_a_story_that_lists_both() {
        let (mut store, feeds) = store_with_feeds();
        let a = put(
            &mut store,
            feeds[0],
            "Iran and US reach guiding principles in Geneva nuclear talks",
            0,
            &["Abbas Araghchi", "Geneva"],
        );
        let b = put(
            &mut store,
            feeds[1],
            "Geneva nuclear talks: Iran and US agree guiding principles",
            3,
            &["Abbas Araghchi", "Geneva"],
        );
        let c = put(
            &mut store,
            feeds[2],
            "Peru's Congress removes President Jose Jeri",
            4,
            &["Jose Jeri", "Lima"],
        );
        let stories = Stories::default();
        assert_eq!(stories.group(&mut store, &[b, a, c]).unwrap(), 3);
        let (sa, sb, sc) = (
            store.story_of(a).unwrap().unwrap(),
            store.story_of(b).unwrap().unwrap(),
            store.story_of(c).unwrap().unwrap(),
        );
        assert_eq!(sa, sb);
        assert_ne!(sa, sc);
        // Grouping again changes nothing: they have stories.
        assert_eq!(stories.group(&mut store, &[a, b]).unwrap(), 0);

        let all = crate::query::Query::default();
        let listed = store.stories(&all, at(10).fixed_offset(), 1, 10).unwrap();
        assert_eq!(listed.len(), 2);
        assert_eq!(listed[0].id, sc, "newest story first");
        let geneva = &listed[1];
        assert_eq!((geneva.articles, geneva.sources), (2, 2));
        assert_eq!(
            geneva.first_article, a.0,
            "headline from the earliest article"
        );
        assert_eq!(geneva.people, vec!["Abbas Araghchi".to_string()]);
        assert_eq!(geneva.places, vec!["Geneva".to_string()]);
        let two_sources = store.stories(&all, at(10).fixed_offset(), 2, 10).unwrap();
        assert_eq!(two_sources.len(), 1);
        let query = crate::query::parse("congress").unwrap();
        let jeri = store.stories(&query, at(10).fixed_offset(), 1, 10).unwrap();
        assert_eq!(jeri.iter().map(|s| s.id).collect::<Vec<_>>(), vec![sc]);
        let articles: Vec<ArticleId> = store
            .story_articles(sa)
            .unwrap()
            .iter()
            .map(|s| s.id)
            .collect();
        assert_eq!(articles, vec![b, a], "newest first");
    }

    #[test]
    fn a_rebuilt_grouper_joins_new_articles_to_stored_stories() {
        let (mut store, feeds) = store_with_feeds();
        let a = put(
            &mut store,
            feeds[0],
            "Iran and US reach guiding principles in Geneva nuclear talks",
            0,
            &["Abbas Araghchi", "Geneva"],
        );
        Stories::default().group(&mut store, &[a]).unwrap();
        // A new process: the grouper is rebuilt from the cache.
        let b = put(
            &mut store,
            feeds[1],
            "Geneva nuclear talks: Iran and US agree guiding principles",
            3,
            &["Abbas Araghchi", "Geneva"],
        );
        Stories::default().group(&mut store, &[b]).unwrap();
        assert_eq!(store.story_of(a).unwrap(), store.story_of(b).unwrap());
    }

    #[test]
    fn the_catch_up_groups_extracted_articles_without_a_story_oldest_first() {
        let (mut store, feeds) = store_with_feeds();
        let a = put(
            &mut store,
            feeds[0],
            "Iran and US reach guiding principles in Geneva nuclear talks",
            0,
            &["Abbas Araghchi", "Geneva"],
        );
        let b = put(
            &mut store,
            feeds[1],
            "Geneva nuclear talks: Iran and US agree guiding principles",
            3,
            &["Abbas Araghchi", "Geneva"],
        );
        let stories = Stories::default();
        assert_eq!(stories.catch_up(&mut store).unwrap(), 2);
        assert_eq!(stories.catch_up(&mut store).unwrap(), 0);
        let story = store.story_of(a).unwrap();
        assert!(story.is_some());
        assert_eq!(story, store.story_of(b).unwrap());
        // `reindex` forgets them; they are grouped again.
        assert_eq!(store.forget_stories().unwrap(), 2);
        stories.reset();
        assert_eq!(stories.catch_up(&mut store).unwrap(), 2);
        let again = store.story_of(a).unwrap();
        assert!(
            again.is_some() && again != story,
            "story ids are not reused"
        );
    }
}
