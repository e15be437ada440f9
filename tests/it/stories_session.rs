//! Stories through the real session: articles stored from three feeds are extracted by the
//! session's own extraction queue, which groups them as their entities are stored; the
//! reader's story list (`Grouping::Stories`) then shows the event told by two feeds once,
//! with its counts, and `Grouping::Story` lists that story's articles.

use chrono::{TimeZone, Utc};
use dateline::fetch::{Fetcher, FetcherOptions};
use dateline::model::{FeedSpec, NewArticle, ParsedFeed};
use dateline::store::{FetchRecord, Store};
use dateline::worker::StoreActor;
use dateline::worker::session::{
    ArticleQuery, Command, Grouping, Near, Window, WorkerEvent, spawn_session,
};
use tokio::sync::mpsc;

async fn next(events: &mut mpsc::UnboundedReceiver<WorkerEvent>) -> WorkerEvent {
    tokio::time::timeout(std::time::Duration::from_secs(60), events.recv())
        .await
        .expect("an event within 60 s")
        .expect("the session is running")
}

fn article(guid: &str, title: &str, text: &str, hours: i64) -> NewArticle {
    NewArticle {
        guid: guid.into(),
        title: title.into(),
        link: None,
        authors: Vec::new(),
        published: Some(
            Utc.with_ymd_and_hms(2026, 2, 17, 0, 0, 0).unwrap() + chrono::Duration::hours(hours),
        ),
        updated: None,
        summary_html: None,
        content_html: None,
        text: text.into(),
        enclosures: Vec::new(),
        categories: Vec::new(),
    }
}

#[tokio::test]
async fn the_extraction_queue_groups_stories_and_the_story_list_shows_each_once() {
    let mut store = Store::open_in_memory().unwrap();
    let specs: Vec<FeedSpec> = ["a", "b", "c"]
        .iter()
        .map(|n| FeedSpec {
            url: format!("https://{n}.example/rss"),
            title: Some(format!("Feed {n}")),
            tags: Vec::new(),
        })
        .collect();
    store.sync_feeds(&specs).unwrap();
    let feeds = store.feeds().unwrap();
    let docs = [
        vec![article(
            "a1",
            "Iran and US reach guiding principles in Geneva nuclear talks",
            "Iranian Foreign Minister Abbas Araghchi said in Geneva on Tuesday that Iran and the \
             United States had agreed on guiding principles in their nuclear talks.",
            0,
        )],
        vec![article(
            "b1",
            "Geneva nuclear talks: Iran and US agree guiding principles",
            "Abbas Araghchi told reporters in Geneva that Iran and the United States agreed \
             guiding principles at the nuclear talks mediated by Oman.",
            3,
        )],
        vec![article(
            "c1",
            "Peru's Congress removes President Jose Jeri",
            "Peru's Congress voted in Lima on Tuesday to remove President Jose Jeri from \
             office after four months.",
            4,
        )],
    ];
    let now = Utc.with_ymd_and_hms(2026, 2, 18, 0, 0, 0).unwrap();
    for (feed, articles) in feeds.iter().zip(docs) {
        let doc = ParsedFeed {
            title: None,
            site_link: None,
            articles,
        };
        store
            .record_fetch(
                feed.id,
                FetchRecord::Parsed {
                    feed: &doc,
                    etag: None,
                    last_modified: None,
                    moved_to: None,
                },
                now,
            )
            .unwrap();
    }

    let (actor, _thread) = StoreActor::spawn(store).expect("store thread");
    let fetcher = Fetcher::new(FetcherOptions {
        concurrency: 1,
        per_host: 1,
        connect_timeout: std::time::Duration::from_secs(1),
        timeout: std::time::Duration::from_secs(1),
        max_bytes: 1 << 20,
        user_agent: "dateline-test/0.1".into(),
    })
    .expect("fetcher");
    let (events_tx, mut events) = mpsc::unbounded_channel();
    let commands = spawn_session(actor, fetcher, None, events_tx);
    let load = |request, grouping| Command::LoadArticles {
        request,
        query: ArticleQuery {
            grouping,
            ..ArticleQuery::default()
        },
        window: Window {
            offset: 0,
            limit: 500,
        },
        count: true,
        now: now.fixed_offset(),
        near: Near::default(),
    };
    // The first list lets the extraction queue start; wait until it has stored all three.
    commands.send(load(1, Grouping::Articles)).unwrap();
    let mut extracted = 0;
    while extracted < 3 {
        if let WorkerEvent::EntitiesReady(ids) = next(&mut events).await {
            extracted += ids.len();
        }
    }

    commands.send(load(2, Grouping::Stories)).unwrap();
    let mut tags = None;
    let mut rows = None;
    while rows.is_none() {
        match next(&mut events).await {
            WorkerEvent::StoryTags {
                request: 2,
                tags: t,
            } => tags = Some(t),
            WorkerEvent::Articles {
                request: 2,
                total,
                articles,
                ..
            } => {
                assert_eq!(total, Some(2), "two stories");
                rows = Some(articles);
            }
            _ => {}
        }
    }
    let (tags, rows) = (tags.expect("tags before the rows"), rows.unwrap());
    let titles: Vec<&str> = rows.iter().map(|a| a.title.as_str()).collect();
    assert_eq!(
        titles,
        [
            "Peru's Congress removes President Jose Jeri",
            "Geneva nuclear talks: Iran and US agree guiding principles",
        ],
        "each story once, by its newest article, newest first"
    );
    let geneva = tags
        .iter()
        .find(|t| t.article == rows[1].id)
        .expect("the Geneva row has its story");
    assert_eq!((geneva.sources, geneva.articles), (2, 2));

    commands
        .send(load(3, Grouping::Story(geneva.story)))
        .unwrap();
    loop {
        if let WorkerEvent::Articles {
            request: 3,
            articles,
            ..
        } = next(&mut events).await
        {
            let feeds: Vec<&str> = articles.iter().map(|a| a.feed_title.as_str()).collect();
            assert_eq!(
                feeds,
                ["Feed b", "Feed a"],
                "the story's articles, newest first"
            );
            break;
        }
    }

    // `A` on the story's list marks its two articles read, not the rest of the scope.
    commands
        .send(Command::MarkAllRead {
            query: ArticleQuery {
                grouping: Grouping::Story(geneva.story),
                ..ArticleQuery::default()
            },
            now: now.fixed_offset(),
        })
        .unwrap();
    loop {
        if let WorkerEvent::MarkedRead { changed } = next(&mut events).await {
            assert_eq!(changed.len(), 2, "only the story's articles: {changed:?}");
            break;
        }
    }
}
