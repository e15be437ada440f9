//! The extraction queue: finds the people, places and organisations of stored articles in
//! the background and stores them, so articles are listed at once and their entities fill in
//! behind.
//!
//! Why it exists: tagging is CPU work that must never run on the interface's thread nor hold
//! up a refresh. The queue takes the articles whose mentions were not produced by the current
//! model ([`model_version`]), newest first, with any article the reader has open ahead of
//! them; tags and resolves them ([`extract_article`]) on the blocking pool, at most one batch
//! per core at a time; and writes the tagged batches in the order they were planned, those
//! ready together in one transaction on the store thread. A model that changes (new weights)
//! has a new version, so every article is extracted again.
//!
//! What it must not do: touch the store outside the [`StoreActor`], or stop on one bad
//! article (an extractor panic stores the article with no mentions and carries on).

use std::collections::{BTreeMap, HashSet, VecDeque};
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::{Arc, Mutex};
use std::time::Instant;

use chrono::Utc;
use sha2::{Digest, Sha256};
use tokio::sync::Semaphore;
use tokio::task::JoinSet;

use crate::extract::ner;
use crate::extract::resolve::{ResolvedEntity, resolve};
use crate::model::ArticleId;
use crate::store::{BacklogKey, NewMention};
use crate::worker::stories::Stories;
use crate::worker::{StoreActor, WorkerError};

/// Bump when resolution or geocoding changes what is stored for the same model weights
/// (the gazetteers are not part of the hash). `resolve-2`: names are stored folded by the one
/// `crate::fold` (curly apostrophes and dashes now fold as in the gazetteer), so every article
/// is extracted again once and the entities keyed by the old folding are left orphaned and
/// removed. `resolve-3`: organisations that `org-names.tsv` knows under several names are
/// stored under one display name ("IMF" and "International Monetary Fund" are one entity),
/// and places the new short forms and landmarks name ("America") resolve differently.
const RESOLVER_REVISION: &str = "resolve-3";

/// Articles per batch: large enough that one store transaction carries many articles,
/// small enough that the article being read waits little behind a batch in flight.
pub const BATCH: usize = 16;

/// Batches under way per core (read, tagged, or waiting to be written): one being tagged,
/// one read or written around it, so a core does not wait for the store thread, and
/// consecutive batches that finish together are written in one transaction.
const IN_FLIGHT_PER_CORE: usize = 2;

/// Articles written per store call, at least, while batches are still being tagged: every
/// transaction writes each page it changed to the log once, and a batch's mentions change a
/// page of the index by entity for most of the entities they name, so writing four batches
/// at a time writes far fewer pages per article than one (see benches/README.md, "Entities
/// at full speed, fourth pass").
const WRITE_AT_LEAST: usize = 4 * BATCH;

/// How long a tagged batch waits for others to be written with, at most (an article the
/// reader opened is in one of them).
const HOLD_AT_MOST: std::time::Duration = std::time::Duration::from_millis(200);

/// Articles of the cache read per look at the queue ([`Store::extraction_backlog`]): a few
/// milliseconds of the store thread, however far the queue reaches.
///
/// [`Store::extraction_backlog`]: crate::store::Store::extraction_backlog
const STRETCH: u32 = 2_048;

/// The version stamped on every extraction: the first 8 hex digits of a SHA-256 over the
/// embedded model's weights and the resolver revision ([`computed_version`]), written out
/// here so that knowing it reads neither the model nor its 3.7 MB of bytes: a reader with
/// nothing left to extract never pages them in. A test fails, naming the new value, when
/// the model or the revision changes and this does not.
pub fn model_version() -> &'static str {
    MODEL_VERSION
}

const MODEL_VERSION: &str = "e8f57d56";

/// [`model_version`] computed: over the embedded file as it is, which is what the parsed
/// model writes back (a test checks that too).
pub fn computed_version() -> String {
    let mut hash = Sha256::new();
    hash.update(ner::embedded_bytes());
    hash.update(RESOLVER_REVISION.as_bytes());
    hash.finalize()
        .iter()
        .take(4)
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// Articles to take ahead of the backlog (the one being read). Cheap to clone; shared
/// between whoever gives hints and the queue.
#[derive(Debug, Clone, Default)]
pub struct Priority {
    ids: Arc<Mutex<VecDeque<ArticleId>>>,
}

impl Priority {
    /// Asks for `id` to be extracted next (if it needs extraction). The latest hint wins.
    pub fn push(&self, id: ArticleId) {
        if let Ok(mut ids) = self.ids.lock() {
            ids.retain(|x| *x != id);
            ids.push_front(id);
            // Only the last few hints matter: the reader moved on from the others.
            ids.truncate(8);
        }
    }

    fn take_all(&self) -> VecDeque<ArticleId> {
        self.ids
            .lock()
            .map(|mut ids| std::mem::take(&mut *ids))
            .unwrap_or_default()
    }
}

/// What one batch did.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct BatchReport {
    /// Articles whose mentions were stored, in batch order.
    pub articles: Vec<ArticleId>,
    pub mentions: u64,
    /// Words (white-space separated) of the texts extracted.
    pub words: u64,
}

/// The mentions of a batch's articles, in batch order.
type Extracted = Vec<(ArticleId, Vec<NewMention>)>;

/// Runs `f` on the store thread; returns its result and the seconds it took there.
async fn timed<R, F>(store: &StoreActor, f: F) -> Result<(R, f64), WorkerError>
where
    R: Send + 'static,
    F: FnOnce(&mut crate::store::Store) -> R + Send + 'static,
{
    store
        .call(move |s| {
            let t = Instant::now();
            let r = f(s);
            (r, t.elapsed().as_secs_f64())
        })
        .await
}

/// Where a drain's time went, stage by stage (seconds, summed over threads: the tagging
/// stages run on several cores at once, the store stages one at a time on the store thread).
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Stages {
    /// The tagger (`ner::extract`): tokens, features, model, consistency pass.
    pub tag: f64,
    /// Resolution and geocoding (`resolve::resolve`) and turning entities into mentions.
    pub resolve: f64,
    /// Store: finding work (the queue's counts and stretches, the stories' catch-up).
    pub queue: f64,
    /// Store: reading the texts of a batch.
    pub texts: f64,
    /// Store: writing mentions, entities, aliases and extraction marks.
    pub write: f64,
    /// Store: stories (reading what the grouper needs, grouping, writing the stories).
    pub stories: f64,
}

impl Stages {
    fn add(&mut self, other: &Stages) {
        self.tag += other.tag;
        self.resolve += other.resolve;
        self.queue += other.queue;
        self.texts += other.texts;
        self.write += other.write;
        self.stories += other.stories;
    }
}

/// Totals of a drain of the queue.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct ExtractSummary {
    pub articles: u64,
    pub mentions: u64,
    pub words: u64,
    /// Wall-clock seconds.
    pub seconds: f64,
    /// Seconds spent in the extractor, summed over batches (CPU time, not wall time).
    pub extract_seconds: f64,
    /// Seconds the store thread spent on the queue: finding work, reading texts, writing
    /// mentions, grouping stories (summed; the store thread does one thing at a time).
    pub store_seconds: f64,
    /// Articles grouped into stories by the catch-up before extraction (those extracted
    /// before stories existed, or before a `reindex`).
    pub grouped: u64,
    /// The same time, stage by stage.
    pub stages: Stages,
}

/// The next batch: hinted articles first (latest hint first), then the backlog in its order
/// (newest first), never an article already in flight nor one twice, at most `size`.
pub fn plan_batch(
    priority: &mut VecDeque<ArticleId>,
    backlog: &[ArticleId],
    in_flight: &HashSet<ArticleId>,
    size: usize,
) -> Vec<ArticleId> {
    let mut batch: Vec<ArticleId> = Vec::with_capacity(size);
    while batch.len() < size {
        let Some(id) = priority.pop_front() else {
            break;
        };
        if !in_flight.contains(&id) && !batch.contains(&id) {
            batch.push(id);
        }
    }
    for id in backlog {
        if batch.len() >= size {
            break;
        }
        if !in_flight.contains(id) && !batch.contains(id) {
            batch.push(*id);
        }
    }
    batch
}

/// Extracts every article that needs it, until none is left, calling `on_batch` after each
/// write. Hints in `priority` are honoured at every batch boundary. Only a dead store thread
/// or a store error is an error; a store error stops the drain (the articles stay queued for
/// next time).
///
/// How the work is shared: each batch's texts are read on the store thread and tagged and
/// resolved on the blocking pool, at most one batch per core at a time, while up to
/// [`IN_FLIGHT_PER_CORE`] batches per core are under way. Tagged batches are written in the
/// order they were planned (so what is stored does not depend on which core finished
/// first: the same as extracting one article after another), and the consecutive ones that
/// are ready are written together, their mentions and stories in one store call.
pub async fn drain(
    store: &StoreActor,
    priority: &Priority,
    stories: &Stories,
    mut on_batch: impl FnMut(&BatchReport),
) -> Result<ExtractSummary, WorkerError> {
    let started = Instant::now();
    let version = model_version();
    let cores = std::thread::available_parallelism().map_or(2, |n| n.get());
    let slots = Arc::new(Semaphore::new(cores));
    let mut in_flight: HashSet<ArticleId> = HashSet::new();
    let mut tasks: JoinSet<Result<Tagged, WorkerError>> = JoinSet::new();
    // Tagged batches waiting for an earlier one, by their place in the plan.
    let mut pending: BTreeMap<u64, Tagged> = BTreeMap::new();
    // The next batches in the plan, tagged, waiting to be written together.
    let mut held: Vec<Tagged> = Vec::new();
    let mut held_since: Option<Instant> = None;
    let (mut planned, mut next_write) = (0_u64, 0_u64);
    let mut summary = ExtractSummary::default();
    let mut failed: Option<WorkerError> = None;
    // Articles extracted before stories existed (or before a `reindex`) are grouped first,
    // oldest first, a stretch per store call so the reader is not held up; once none is
    // left, later drains of the same grouper skip the look.
    loop {
        let grouper = stories.clone();
        let (grouped, secs) = timed(store, move |s| grouper.catch_up(s)).await?;
        summary.stages.queue += secs;
        match grouped {
            Ok(0) => break,
            Ok(n) => summary.grouped += n as u64,
            Err(e) => {
                tracing::error!("grouping articles into stories stopped: {e}");
                break;
            }
        }
    }
    let mut exhausted = false;
    // The queue is read in passes, each from the top and a stretch at a time, until it has
    // found the articles counted as left when it began (so it does not read the rest of the
    // cache). A pass that found work is followed by another, for what was stored meanwhile.
    let mut backlog: VecDeque<ArticleId> = VecDeque::new();
    let mut new_pass = true;
    let mut reading = false;
    let mut cursor: Option<BacklogKey> = None;
    let mut to_find = 0_u64;
    let mut found = 0_u64;
    let most = cores * IN_FLIGHT_PER_CORE;
    loop {
        // Start batches while there is room and work.
        while failed.is_none() && !exhausted && tasks.len() + pending.len() < most {
            let mut hinted = priority.take_all();
            if new_pass && tasks.is_empty() && pending.is_empty() && backlog.is_empty() {
                new_pass = false;
                let (left, secs) = timed(store, move |s| s.extractions_left(version)).await?;
                summary.stages.queue += secs;
                (to_find, found, cursor) = (left?, 0, None);
                reading = to_find > 0;
            }
            while reading && backlog.len() < BATCH {
                let from = cursor;
                let (stretch, secs) =
                    timed(store, move |s| s.extraction_backlog(version, from, STRETCH)).await?;
                summary.stages.queue += secs;
                let (ids, next) = stretch?;
                found += ids.len() as u64;
                to_find = to_find.saturating_sub(ids.len() as u64);
                backlog.extend(ids.into_iter().filter(|id| !in_flight.contains(id)));
                cursor = next;
                reading = next.is_some() && to_find > 0;
            }
            let batch = plan_batch(&mut hinted, backlog.make_contiguous(), &in_flight, BATCH);
            backlog.retain(|id| !batch.contains(id));
            if batch.is_empty() {
                exhausted = true;
                break;
            }
            in_flight.extend(batch.iter().copied());
            let (store, slots) = (store.clone(), Arc::clone(&slots));
            let seq = planned;
            planned += 1;
            tasks.spawn(async move { tag_batch(&store, &slots, seq, batch).await });
        }
        if tasks.is_empty() && pending.is_empty() && failed.is_none() && found > 0 && !reading {
            // The pass is done and found work: look again for what came meanwhile.
            found = 0;
            new_pass = true;
            exhausted = false;
            continue;
        }
        let Some(joined) = tasks.join_next().await else {
            break;
        };
        match joined {
            Ok(Ok(tagged)) => {
                pending.insert(tagged.seq, tagged);
            }
            Ok(Err(e)) => {
                tracing::error!("entity extraction stopped: {e}");
                failed.get_or_insert(e);
            }
            Err(e) => {
                tracing::error!("an extraction task failed: {e}");
                failed.get_or_insert(WorkerError::StoreGone);
            }
        }
        if failed.is_some() {
            continue;
        }
        // The batches that are next in the plan wait to be written together, until there
        // are enough of them, the oldest has waited long enough, or nothing else is being
        // tagged.
        while let Some(entry) = pending.first_entry() {
            if *entry.key() != next_write {
                break;
            }
            held.push(entry.remove());
            held_since.get_or_insert_with(Instant::now);
            next_write += 1;
        }
        let held_articles: usize = held.iter().map(|t| t.ids.len()).sum();
        let wait = !tasks.is_empty()
            && held_articles < WRITE_AT_LEAST
            && held_since.is_some_and(|t| t.elapsed() < HOLD_AT_MOST);
        if held.is_empty() || wait {
            continue;
        }
        let ready = std::mem::take(&mut held);
        held_since = None;
        let mut ids: Vec<ArticleId> = Vec::new();
        let mut extracted: Extracted = Vec::new();
        let mut report = BatchReport::default();
        for tagged in ready {
            ids.extend(tagged.ids);
            summary.stages.add(&tagged.stages);
            report.words += tagged.words;
            report.mentions += tagged
                .extracted
                .iter()
                .map(|(_, m)| m.len() as u64)
                .sum::<u64>();
            extracted.extend(tagged.extracted);
        }
        match write_batches(store, stories, extracted).await {
            Ok((articles, stages)) => {
                summary.stages.add(&stages);
                report.articles = articles;
            }
            Err(e) => {
                tracing::error!("entity extraction stopped: {e}");
                failed.get_or_insert(e);
                continue;
            }
        }
        for id in &ids {
            in_flight.remove(id);
        }
        summary.articles += report.articles.len() as u64;
        summary.mentions += report.mentions;
        summary.words += report.words;
        if !report.articles.is_empty() {
            on_batch(&report);
        }
        // Batches that stored nothing (all pruned meanwhile, or hinted articles that were
        // already done) must not stop the drain; more work is looked for above.
        exhausted = false;
    }
    if summary.articles > 0 {
        // The pages written stay with the file; the connection goes back to a small cache.
        if let Ok(Err(e)) = store.call(|s| s.set_write_cache(false)).await {
            tracing::warn!("cannot shrink the page cache after extraction: {e}");
        }
    }
    summary.seconds = started.elapsed().as_secs_f64();
    let st = &summary.stages;
    summary.extract_seconds = st.tag + st.resolve;
    summary.store_seconds = st.queue + st.texts + st.write + st.stories;
    match failed {
        Some(e) => Err(e),
        None => Ok(summary),
    }
}

/// A batch read and tagged, not yet written.
struct Tagged {
    /// Its place in the order batches were planned.
    seq: u64,
    /// The articles it took (some may have had no text to extract).
    ids: Vec<ArticleId>,
    extracted: Extracted,
    words: u64,
    stages: Stages,
}

/// Reads one batch's texts and tags them on the blocking pool (one batch per core at a
/// time).
async fn tag_batch(
    store: &StoreActor,
    slots: &Semaphore,
    seq: u64,
    batch: Vec<ArticleId>,
) -> Result<Tagged, WorkerError> {
    let version = model_version();
    let mut stages = Stages::default();
    let ids = batch.clone();
    let (texts, secs) = timed(store, move |s| s.texts_to_extract(&batch, version)).await?;
    stages.texts = secs;
    let texts = texts?;
    let mut tagged = Tagged {
        seq,
        ids,
        extracted: Vec::new(),
        words: 0,
        stages,
    };
    if texts.is_empty() {
        return Ok(tagged);
    }
    // `None` only if the semaphore were closed, which it never is.
    let permit = slots.acquire().await.ok();
    let (extracted, words, (tag, resolved)) =
        tokio::task::spawn_blocking(move || extract_batch(texts))
            .await
            .map_err(|e| {
                tracing::error!("the extractor crashed: {e}");
                WorkerError::StoreGone
            })?;
    drop(permit);
    (tagged.stages.tag, tagged.stages.resolve) = (tag, resolved);
    (tagged.extracted, tagged.words) = (extracted, words);
    Ok(tagged)
}

/// Writes tagged articles' mentions in one transaction, then groups them into stories, in
/// one call on the store thread; returns the articles written (in the order given) and the
/// time the two took. A failure to group is logged and leaves them for the next catch-up.
async fn write_batches(
    store: &StoreActor,
    stories: &Stories,
    extracted: Extracted,
) -> Result<(Vec<ArticleId>, Stages), WorkerError> {
    let version = model_version();
    let stories = stories.clone();
    let ((written, write_secs), secs) = timed(store, move |s| {
        // Until the drain ends (see `Store::set_write_cache`); a failure only costs speed.
        if let Err(e) = s.set_write_cache(true) {
            tracing::warn!("cannot enlarge the page cache for extraction: {e}");
        }
        let t = Instant::now();
        let written = s.write_mentions_batch(version, &extracted, Utc::now());
        let write_secs = t.elapsed().as_secs_f64();
        if let Ok(written) = &written
            && let Err(e) = stories.group(s, written)
        {
            tracing::error!("grouping articles into stories failed: {e}");
        }
        (written, write_secs)
    })
    .await?;
    let stages = Stages {
        write: write_secs,
        stories: secs - write_secs,
        ..Stages::default()
    };
    Ok((written?, stages))
}

/// The mentions of one article's text: tagged, resolved and turned into the store's
/// mentions; the seconds spent tagging and resolving. A panic of the extractor gives no
/// mentions (logged).
pub fn extract_article(id: ArticleId, text: &str) -> (Vec<NewMention>, f64, f64) {
    let started = Instant::now();
    let tagged = catch_unwind(AssertUnwindSafe(|| ner::extract(text)));
    let tag = started.elapsed().as_secs_f64();
    let resolved = tagged
        .and_then(|found| catch_unwind(AssertUnwindSafe(|| to_mentions(&resolve(text, &found)))));
    let resolve_secs = started.elapsed().as_secs_f64() - tag;
    match resolved {
        Ok(mentions) => (mentions, tag, resolve_secs),
        Err(_) => {
            tracing::error!(
                "the extractor panicked on article {}; stored without entities",
                id.0
            );
            (Vec::new(), tag, resolve_secs)
        }
    }
}

/// Extracts every text of a batch (on a blocking thread). Returns the mentions per article,
/// the words seen and the seconds spent tagging and resolving.
fn extract_batch(texts: Vec<(ArticleId, String)>) -> (Extracted, u64, (f64, f64)) {
    let (mut words, mut tag, mut resolved) = (0u64, 0.0, 0.0);
    let mut out = Vec::with_capacity(texts.len());
    for (id, text) in texts {
        words += text.split_whitespace().count() as u64;
        let (mentions, t, r) = extract_article(id, &text);
        (tag, resolved) = (tag + t, resolved + r);
        out.push((id, mentions));
    }
    (out, words, (tag, resolved))
}

/// The store's mentions of an article's resolved entities: one per mention, each carrying
/// its entity's canonical name, and for a geocoded place its coordinates and country.
pub fn to_mentions(entities: &[ResolvedEntity]) -> Vec<NewMention> {
    let mut out = Vec::new();
    for e in entities {
        // The gazetteer stores f32; rounding to 5 decimals (about a metre) keeps the f32
        // noise (33.66093826293945) out of the cache and the JSON.
        let round = |x: f32| (f64::from(x) * 1e5).round() / 1e5;
        let coords = e.place.as_ref().map(|p| (round(p.lat), round(p.lon)));
        let country = e
            .place
            .as_ref()
            .map(|p| p.country_code.clone())
            .filter(|c| !c.is_empty());
        for m in &e.mentions {
            out.push(NewMention {
                kind: e.kind,
                canonical: e.canonical.clone(),
                surface: m.text.clone(),
                start: u32::try_from(m.start).unwrap_or(u32::MAX),
                end: u32::try_from(m.end).unwrap_or(u32::MAX),
                coords,
                country: country.clone(),
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::resolve::extract_entities;
    use crate::model::EntityKind;

    fn ids(xs: &[i64]) -> Vec<ArticleId> {
        xs.iter().map(|x| ArticleId(*x)).collect()
    }

    #[test]
    fn hinted_articles_come_first_then_the_backlog_in_order() {
        let mut hinted: VecDeque<ArticleId> = ids(&[7, 3]).into();
        let backlog = ids(&[9, 8, 7, 6, 5]);
        let batch = plan_batch(&mut hinted, &backlog, &HashSet::new(), 4);
        assert_eq!(
            batch,
            ids(&[7, 3, 9, 8]),
            "no duplicate of 7 from the backlog"
        );
        assert!(hinted.is_empty());
    }

    #[test]
    fn articles_in_flight_are_skipped_and_the_size_is_kept() {
        let mut hinted: VecDeque<ArticleId> = ids(&[9]).into();
        let in_flight: HashSet<ArticleId> = ids(&[9, 8]).into_iter().collect();
        let batch = plan_batch(&mut hinted, &ids(&[9, 8, 7, 6, 5]), &in_flight, 2);
        assert_eq!(batch, ids(&[7, 6]));
        let mut none = VecDeque::new();
        assert!(plan_batch(&mut none, &ids(&[9, 8]), &in_flight, 2).is_empty());
    }

    #[test]
    fn latest_hint_wins_and_hints_are_bounded() {
        let p = Priority::default();
        for i in 0..20 {
            p.push(ArticleId(i));
        }
        p.push(ArticleId(15));
        let taken: Vec<ArticleId> = p.take_all().into();
        assert_eq!(taken.len(), 8);
        assert_eq!(taken[0], ArticleId(15));
        assert_eq!(taken[1], ArticleId(19));
        assert_eq!(taken.iter().filter(|x| x.0 == 15).count(), 1);
        assert!(p.take_all().is_empty());
    }

    #[test]
    fn the_model_version_is_a_stable_short_hash() {
        let v = model_version();
        assert_eq!(v.len(), 8, "{v}");
        assert!(v.chars().all(|c| c.is_ascii_hexdigit()), "{v}");
        assert_eq!(v, model_version());
    }

    /// The version is hashed from the embedded bytes without parsing them: the same as
    /// hashing what the parsed model writes (as it was before), so caches keep their
    /// extractions.
    #[test]
    fn the_embedded_model_writes_back_its_own_bytes() {
        let model = ner::embedded_model().expect("the embedded model parses");
        assert!(model.to_bytes() == ner::embedded_bytes());
    }

    #[test]
    fn the_written_version_is_the_computed_one() {
        assert_eq!(
            model_version(),
            computed_version(),
            "the model or RESOLVER_REVISION changed: set MODEL_VERSION to the new value"
        );
    }

    /// A cache holding the demo feeds' 20 articles under each of three feeds (60 articles:
    /// several batches, the same names across articles).
    fn demo_cache() -> crate::store::Store {
        use crate::model::FeedSpec;
        use crate::store::{FetchRecord, Store};
        let now = chrono::TimeZone::timestamp_opt(&Utc, 1_794_312_000, 0).unwrap();
        let docs: [&[u8]; 3] = [
            include_bytes!("../../assets/demo/world.xml"),
            include_bytes!("../../assets/demo/europe.atom"),
            include_bytes!("../../assets/demo/regions.json"),
        ];
        let mut store = Store::open_in_memory().unwrap();
        let specs: Vec<FeedSpec> = (0..3)
            .map(|i| FeedSpec {
                url: format!("https://f{i}.example/feed"),
                title: None,
                tags: Vec::new(),
            })
            .collect();
        store.sync_feeds(&specs).unwrap();
        for feed in store.feeds().unwrap() {
            for doc in docs {
                let parsed = crate::fetch::parse_feed(doc, &feed.url, now).unwrap();
                let record = FetchRecord::Parsed {
                    feed: &parsed,
                    etag: None,
                    last_modified: None,
                    moved_to: None,
                };
                store.record_fetch(feed.id, record, now).unwrap();
            }
        }
        store
    }

    /// A stored mention: article, kind, entity name, offsets, coordinates.
    type Row = (i64, String, String, u32, u32, Option<f64>, Option<f64>);

    /// Every stored mention of every article.
    fn all_mentions(store: &crate::store::Store, ids: &[ArticleId]) -> Vec<Row> {
        let mut out = Vec::new();
        for id in ids {
            for m in store.mentions(*id).unwrap() {
                let kind = m.kind.as_str().to_string();
                out.push((id.0, kind, m.name, m.start, m.end, m.lat, m.lon));
            }
        }
        out
    }

    #[test]
    fn the_queue_on_every_core_stores_what_one_article_at_a_time_stores() {
        let version = model_version();
        // One article after another, in the queue's order, each in its own transaction.
        let mut one = demo_cache();
        let (order, _) = one.extraction_backlog(version, None, 1_000).unwrap();
        assert_eq!(order.len(), 60);
        for id in &order {
            let texts = one.texts_to_extract(&[*id], version).unwrap();
            let (_, text) = &texts[0];
            let mentions = to_mentions(&extract_entities(text));
            one.write_mentions(*id, version, &mentions, Utc::now())
                .unwrap();
        }
        // The queue: batches tagged on two worker threads, written in order, together.
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .build()
            .unwrap();
        let (actor, thread) = StoreActor::spawn(demo_cache()).unwrap();
        let mut writes = 0;
        let summary = runtime
            .block_on(drain(
                &actor,
                &Priority::default(),
                &Stories::default(),
                |_| writes += 1,
            ))
            .unwrap();
        drop(actor);
        let queued = thread.join().unwrap();
        assert_eq!(summary.articles, 60);
        assert!(writes >= 1);
        let expected = all_mentions(&one, &order);
        assert!(expected.len() > 100, "{}", expected.len());
        assert_eq!(all_mentions(&queued, &order), expected);
        assert_eq!(
            queued.entity_totals().unwrap(),
            one.entity_totals().unwrap()
        );
        assert_eq!(queued.extractions_left(version).unwrap(), 0);
    }

    #[test]
    fn places_carry_country_and_coordinates_into_mentions() {
        let text =
            "Paris, Texas, lies near the Red River. Mayor Jane Doe spoke in Paris on Monday.";
        let mentions = to_mentions(&extract_entities(text));
        let paris: Vec<&NewMention> = mentions
            .iter()
            .filter(|m| m.kind == EntityKind::Place && m.canonical == "Paris")
            .collect();
        assert!(!paris.is_empty(), "{mentions:?}");
        for m in &paris {
            assert_eq!(m.country.as_deref(), Some("US"), "{m:?}");
            let (lat, lon) = m.coords.unwrap();
            assert!(
                (lat - 33.66).abs() < 0.5 && (lon + 95.55).abs() < 0.5,
                "{m:?}"
            );
            let surface: String = text
                .chars()
                .skip(m.start as usize)
                .take((m.end - m.start) as usize)
                .collect();
            assert_eq!(surface, m.surface);
        }
    }
}
