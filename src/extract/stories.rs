//! Stories: articles from different feeds about the same event, grouped as they arrive.
//!
//! Why it exists: one event told by ten feeds should read as one story with ten sources.
//! Each article is described by the words of its title and lead and by the people, places and
//! organisations found in it; it joins the recent story whose description it shares the most
//! of (weighted by how rare each feature is), or starts a new one.
//!
//! How: an article's features are folded content words (title words count double) and entity
//! keys (counted three times: a shared name says more than a shared word). Rarity is an
//! inverse document frequency learnt online from the articles seen so far. Only stories
//! whose newest article is within [`Grouper::window`] are candidates, found through an
//! inverted index from feature to story, so adding an article costs the few stories that
//! share a feature with it, not the whole history.
//!
//! What it must not do: no I/O. It never splits or merges stories once formed; an article's
//! story is decided when it is added.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

use chrono::{DateTime, Duration, Utc};

use crate::fold::fold;

/// Words too common in news to say anything about which event an article reports (words
/// under three letters are never features).
const STOPWORDS: &[&str] = &[
    "the", "and", "for", "with", "that", "this", "from", "are", "was", "were", "has", "have",
    "had", "been", "will", "would", "could", "should", "its", "his", "her", "their", "they",
    "them", "who", "what", "when", "where", "why", "how", "but", "not", "after", "over", "into",
    "about", "than", "then", "more", "most", "new", "says", "said", "say", "year", "years", "one",
    "two", "also", "out", "off", "all", "can", "may", "our", "you", "your", "just", "amid", "news",
    "first", "last", "week", "day", "days", "time", "people", "other", "being", "some", "which",
    "while", "during", "before", "against", "under", "between", "him", "she", "any", "now",
    "still", "back", "get", "gets", "make", "made", "set", "take", "takes", "amp", "quot",
];

/// Words of an article's text (after its title) that describe it; the lead says what the
/// article is about, the rest mostly adds noise.
const LEAD_WORDS: usize = 60;

/// Weights of the three kinds of feature.
const TITLE_WEIGHT: f32 = 2.0;
const LEAD_WEIGHT: f32 = 1.0;
const ENTITY_WEIGHT: f32 = 3.0;

/// A story's description keeps at most this many features (its most frequent ones).
const MAX_STORY_FEATURES: usize = 400;

/// Hashes a feature, which is already a 64-bit hash (FNV-1a, [`hash`]): one multiply to
/// spread its bits, where the standard hasher runs SipHash over it for every look-up in the
/// index and the frequencies, most of the grouper's time.
#[derive(Default)]
struct FeatureHasher(u64);

impl Hasher for FeatureHasher {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for b in bytes {
            self.0 = (self.0 ^ u64::from(*b)).wrapping_mul(0x0100_0000_01b3);
        }
    }

    fn write_u64(&mut self, n: u64) {
        self.0 = (n ^ (n >> 29)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    }
}

/// A map keyed by feature.
type FeatureMap<V> = HashMap<u64, V, BuildHasherDefault<FeatureHasher>>;

/// What the grouper needs of one article.
#[derive(Debug, Clone)]
pub struct StoryInput<'a> {
    pub title: &'a str,
    /// The article's plain text (only its lead is read).
    pub text: &'a str,
    pub published: DateTime<Utc>,
    /// Keys of the entities found in it (`resolve::fold_key`), any order.
    pub entities: &'a [String],
}

/// The index of a story in the order stories were started.
pub type StoryId = usize;

struct Story {
    /// Feature -> summed weight over the story's articles.
    features: FeatureMap<f32>,
    oldest: DateTime<Utc>,
    newest: DateTime<Utc>,
    size: usize,
}

/// Groups articles into stories, one at a time, in any order of arrival.
pub struct Grouper {
    /// Only stories with an article this close in time to the new one are candidates.
    pub window: Duration,
    /// The least share of an article's feature weight a story must cover for it to join.
    pub threshold: f32,
    stories: Vec<Story>,
    /// Feature -> stories that have it.
    index: FeatureMap<Vec<StoryId>>,
    /// Feature -> number of articles that had it.
    df: FeatureMap<u32>,
    articles: u32,
    /// Scratch space of [`Grouper::best_story`], one entry per story: the weight shared with
    /// the article being added (`None`: not looked at yet, or out of the window), and the
    /// stories touched, so a call costs the stories it meets rather than all of them.
    shared: Vec<Option<f32>>,
    seen: Vec<bool>,
    touched: Vec<StoryId>,
}

impl Default for Grouper {
    fn default() -> Self {
        Grouper::new(Duration::hours(36), 0.35)
    }
}

impl Grouper {
    pub fn new(window: Duration, threshold: f32) -> Grouper {
        Grouper {
            window,
            threshold,
            stories: Vec::new(),
            index: FeatureMap::default(),
            df: FeatureMap::default(),
            articles: 0,
            shared: Vec::new(),
            seen: Vec::new(),
            touched: Vec::new(),
        }
    }

    /// Number of stories so far.
    pub fn len(&self) -> usize {
        self.stories.len()
    }

    pub fn is_empty(&self) -> bool {
        self.stories.is_empty()
    }

    /// Adds one article and returns its story (an existing one, or a new one).
    pub fn add(&mut self, article: &StoryInput<'_>) -> StoryId {
        self.add_to(article, None)
    }

    /// Adds one article to a story decided earlier (`Some`: an id this grouper returned), or
    /// decides it as [`Grouper::add`] does (`None`). How a grouper is rebuilt from stored
    /// stories: their articles are added to the stories they already have.
    pub fn add_to(&mut self, article: &StoryInput<'_>, known: Option<StoryId>) -> StoryId {
        let features = features(article);
        self.articles += 1;
        for f in features.keys() {
            *self.df.entry(*f).or_default() += 1;
        }
        let idf = |df: u32| {
            ((self.articles as f32 + 10.0) / (df as f32 + 1.0))
                .ln()
                .max(0.0)
        };
        let weighted: Vec<(u64, f32)> = features
            .iter()
            .map(|(f, w)| (*f, w * idf(self.df.get(f).copied().unwrap_or(1))))
            .collect();
        let total: f32 = weighted.iter().map(|(_, w)| w).sum();

        let best = match known {
            Some(s) if s < self.stories.len() => Some(s),
            _ => self.best_story(article.published, &weighted, total),
        };
        let id = match best {
            Some(s) => s,
            None => {
                self.stories.push(Story {
                    features: FeatureMap::default(),
                    oldest: article.published,
                    newest: article.published,
                    size: 0,
                });
                self.stories.len() - 1
            }
        };
        let story = &mut self.stories[id];
        story.size += 1;
        story.oldest = story.oldest.min(article.published);
        story.newest = story.newest.max(article.published);
        for (f, w) in features {
            let entry = story.features.entry(f).or_default();
            if *entry == 0.0 {
                self.index.entry(f).or_default().push(id);
            }
            *entry += w;
        }
        if story.features.len() > MAX_STORY_FEATURES {
            trim(story, &mut self.index, id);
        }
        id
    }
}

impl Grouper {
    /// The story sharing the most of `weighted` (at least [`Grouper::threshold`] of `total`)
    /// among those within the window of `published`.
    fn best_story(
        &mut self,
        published: DateTime<Utc>,
        weighted: &[(u64, f32)],
        total: f32,
    ) -> Option<StoryId> {
        // Candidate stories: those sharing a feature, within the window. Each story's window
        // is checked once per call; the sums are added in the same order as ever.
        let n = self.stories.len();
        self.shared.resize(n, None);
        self.seen.resize(n, false);
        for (f, w) in weighted {
            for &s in self.index.get(f).map(Vec::as_slice).unwrap_or(&[]) {
                if !self.seen[s] {
                    self.seen[s] = true;
                    self.touched.push(s);
                    let story = &self.stories[s];
                    if published >= story.oldest - self.window
                        && published <= story.newest + self.window
                    {
                        self.shared[s] = Some(0.0);
                    }
                }
                if let Some(sum) = &mut self.shared[s] {
                    *sum += w;
                }
            }
        }
        let mut best: Option<(StoryId, f32)> = None;
        for s in self.touched.drain(..) {
            self.seen[s] = false;
            let Some(w) = self.shared[s].take() else {
                continue;
            };
            if !(total > 0.0 && w / total >= self.threshold) {
                continue;
            }
            // The most shared weight; on a tie, the earlier story.
            let better = match best {
                None => true,
                Some((b, bw)) => w.total_cmp(&bw).then(b.cmp(&s)).is_gt(),
            };
            if better {
                best = Some((s, w));
            }
        }
        best.map(|(s, _)| s)
    }

    /// Forgets the features of every story with no article within `margin` of `around`, so
    /// a long run (a whole cache grouped at once) keeps only the stories still in reach.
    /// Such a story can no longer be joined; its id stays valid. Returns how many were
    /// forgotten.
    pub fn forget_far_from(&mut self, around: DateTime<Utc>, margin: Duration) -> usize {
        let mut forgotten = 0;
        for (id, story) in self.stories.iter_mut().enumerate() {
            if story.features.is_empty()
                || (around >= story.oldest - margin && around <= story.newest + margin)
            {
                continue;
            }
            for f in story.features.keys() {
                if let Some(list) = self.index.get_mut(f) {
                    list.retain(|&s| s != id);
                    if list.is_empty() {
                        self.index.remove(f);
                    }
                }
            }
            story.features = FeatureMap::default();
            forgotten += 1;
        }
        forgotten
    }
}

/// Keeps a story's most weighty features, and unlists it from the others.
fn trim(story: &mut Story, index: &mut FeatureMap<Vec<StoryId>>, id: StoryId) {
    let mut all: Vec<(u64, f32)> = story.features.drain().collect();
    all.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
    for (f, _) in all.iter().skip(MAX_STORY_FEATURES) {
        if let Some(list) = index.get_mut(f) {
            list.retain(|&s| s != id);
        }
    }
    all.truncate(MAX_STORY_FEATURES);
    story.features = all.into_iter().collect();
}

/// Feature -> weight of one article.
fn features(article: &StoryInput<'_>) -> FeatureMap<f32> {
    let mut out: FeatureMap<f32> = FeatureMap::default();
    for w in words(article.title) {
        let e = out.entry(hash(b'w', &w)).or_default();
        *e = e.max(TITLE_WEIGHT);
    }
    for w in words(article.text).take(LEAD_WORDS) {
        let e = out.entry(hash(b'w', &w)).or_default();
        *e = e.max(LEAD_WEIGHT);
    }
    for key in article.entities {
        out.insert(hash(b'e', key), ENTITY_WEIGHT);
    }
    out
}

/// Folded content words of a text.
fn words(text: &str) -> impl Iterator<Item = String> + '_ {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| w.chars().count() >= 3)
        .map(fold)
        .filter(|w| !STOPWORDS.contains(&w.as_str()) && !w.chars().all(|c| c.is_ascii_digit()))
}

/// A stable 64-bit hash (FNV-1a) of a feature, tagged by its kind.
fn hash(kind: u8, s: &str) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in std::iter::once(kind).chain(s.bytes()) {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(hours: i64) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339("2026-02-17T00:00:00Z")
            .unwrap()
            .with_timezone(&Utc)
            + Duration::hours(hours)
    }

    fn input<'a>(title: &'a str, hours: i64, entities: &'a [String]) -> StoryInput<'a> {
        StoryInput {
            title,
            text: "",
            published: at(hours),
            entities,
        }
    }

    #[test]
    fn the_same_event_from_two_feeds_is_one_story_and_another_event_is_not() {
        let geneva = vec!["geneva".to_string(), "iran".to_string(), "us".to_string()];
        let peru = vec!["peru".to_string(), "jose jeri".to_string()];
        let mut g = Grouper::default();
        let a = g.add(&input(
            "US and Iran reach guiding principles in Geneva talks",
            0,
            &geneva,
        ));
        let b = g.add(&input(
            "Iran, US make progress in Geneva nuclear talks",
            2,
            &geneva,
        ));
        let c = g.add(&input("Peru's Congress removes President Jeri", 3, &peru));
        assert_eq!(a, b);
        assert_ne!(a, c);
        assert_eq!(g.len(), 2);
    }

    #[test]
    fn a_story_outside_the_window_is_not_joined() {
        let geneva = vec!["geneva".to_string(), "iran".to_string()];
        let mut g = Grouper::default();
        let a = g.add(&input("Iran talks open in Geneva", 0, &geneva));
        let b = g.add(&input("Iran talks open in Geneva", 24 * 10, &geneva));
        assert_ne!(a, b);
    }

    #[test]
    fn an_older_article_joins_a_story_whose_first_article_came_later() {
        let geneva = vec!["geneva".to_string(), "iran".to_string()];
        let mut g = Grouper::default();
        let a = g.add(&input("Iran talks open in Geneva", 48, &geneva));
        let b = g.add(&input("Iran talks to open in Geneva", 30, &geneva));
        assert_eq!(
            a, b,
            "18 hours before the story's first article is in the window"
        );
    }

    #[test]
    fn a_known_story_is_kept_and_a_forgotten_story_is_not_joined() {
        let geneva = vec!["geneva".to_string(), "iran".to_string()];
        let mut g = Grouper::default();
        let a = g.add(&input("Iran talks open in Geneva", 0, &geneva));
        let b = g.add_to(&input("Samba schools parade in Rio", 1, &[]), Some(a));
        assert_eq!(a, b);
        assert_eq!(g.forget_far_from(at(24 * 30), Duration::hours(72)), 1);
        let c = g.add(&input("Iran talks open in Geneva", 2, &geneva));
        assert_ne!(a, c);
    }

    #[test]
    fn an_article_with_nothing_in_common_starts_its_own_story() {
        let mut g = Grouper::default();
        let a = g.add(&input("Cyclone hits Madagascar", 0, &[]));
        let b = g.add(&input("Samba schools parade in Rio", 1, &[]));
        assert_ne!(a, b);
    }
}
