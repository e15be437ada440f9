//! `update` with hand-built values, one file per concern; the helpers they share.

use super::filter::HISTORY;
use super::people::{TOP_ENTITIES, entity_filter};
use super::*;
use crate::config::View;
use crate::model::{ArticleId, ArticleSummary, EntityKind, FeedId};
use crate::query::{ParseOptions, Query, parse, parse_with};
use crate::ui::fixtures::{self, article, feeds, summaries};
use crate::ui::keymap::{FilterAct, HelpAct};
use crate::worker::session::{ArticleQuery, Near, RequestId, Window};
use crate::worker::{FeedReport, RefreshSummary};

mod article;
mod back;
mod entity;
mod feedmgmt;
mod feeds;
mod filter;
mod input;
mod list;
mod mark;
mod people;

/// A state with feeds and the first list loaded.
fn loaded() -> State {
    let mut s = fixtures::state(80, 24);
    let effects = s.start(false);
    assert!(effects.contains(&Effect::Worker(Command::LoadFeeds)));
    update(&mut s, Action::Worker(WorkerEvent::Feeds(feeds())));
    let request = s.list.request;
    update(
        &mut s,
        Action::Worker(WorkerEvent::whole_list(request, summaries())),
    );
    s
}

fn act(s: &mut State, a: Act) -> Vec<Effect> {
    update(s, Action::Do(a))
}

fn last_request(effects: &[Effect]) -> Option<(RequestId, ArticleQuery)> {
    last_load(effects).map(|(r, q, _, _)| (r, q))
}

/// The last `LoadArticles`: request, query, window and whether it asks for the total.
fn last_load(effects: &[Effect]) -> Option<(RequestId, ArticleQuery, Window, bool)> {
    effects.iter().rev().find_map(|e| match e {
        Effect::Worker(Command::LoadArticles {
            request,
            query,
            window,
            count,
            ..
        }) => Some((*request, query.clone(), *window, *count)),
        _ => None,
    })
}

fn typed(s: &mut State, text: &str) -> Vec<Effect> {
    let mut out = Vec::new();
    for c in text.chars() {
        out.extend(update(s, Action::FilterChar(c)));
    }
    out
}

fn q(text: &str) -> Query {
    parse_with(text, ParseOptions::typing()).unwrap()
}

/// The `near` of the last `LoadArticles`.
/// The worker's answer to a window request: `articles` from `offset`, with the total if counted.
fn window_arrives(
    s: &mut State,
    request: RequestId,
    offset: u32,
    total: Option<u64>,
    articles: Vec<ArticleSummary>,
) -> Vec<Effect> {
    update(
        s,
        Action::Worker(WorkerEvent::Articles {
            request,
            offset,
            total,
            articles,
        }),
    )
}

/// The worker's count of a list's articles, sent after its first window.
fn total_arrives(s: &mut State, request: RequestId, total: u64) -> Vec<Effect> {
    update(
        s,
        Action::Worker(WorkerEvent::ArticleTotal { request, total }),
    )
}

fn last_near(effects: &[Effect]) -> Option<Near> {
    effects.iter().rev().find_map(|e| match e {
        Effect::Worker(Command::LoadArticles { near, .. }) => Some(near.clone()),
        _ => None,
    })
}
