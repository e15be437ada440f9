//! Tab in the filter line: the value of a `feed:`, `tag:`, `url:`, `person:`, `place:` or
//! `org:` before the cursor is completed from the cache. Feed titles, addresses and tags
//! come from the feeds the session already sent; names of people, places and
//! organisations are asked of the session ([`Command::CompleteNames`]) and arrive as
//! [`crate::worker::session::WorkerEvent::Names`].

use super::action::Effect;
use super::app::State;
use super::filter::Token;
use crate::model::EntityKind;
use crate::query::{Term, fold};
use crate::ui::keymap::Mode;
use crate::worker::session::Command;

/// Names asked of the session for one Tab.
pub const NAMES: u32 = 30;

/// The term `key:value`, quoted as the query language needs.
fn term(key: &str, value: &str) -> String {
    let value = value.to_string();
    let t = match key {
        "feed" => Term::Feed(value),
        "url" => Term::Url(value),
        "tag" => Term::Tag(value),
        other => match EntityKind::from_name(other) {
            Some(kind) => Term::Entity { kind, name: value },
            None => return format!("{key}:{value}"),
        },
    };
    t.to_string()
}

/// The values of `all` that contain `typed` (case and accents ignored), those that begin
/// with it first, each once, in their order otherwise.
fn matching(all: impl Iterator<Item = String>, typed: &str) -> Vec<String> {
    let typed = fold(typed);
    let mut starts = Vec::new();
    let mut inside = Vec::new();
    for value in all {
        let folded = fold(&value);
        if starts.contains(&value) || inside.contains(&value) {
            continue;
        }
        if folded.starts_with(&typed) {
            starts.push(value);
        } else if folded.contains(&typed) {
            inside.push(value);
        }
    }
    starts.extend(inside);
    starts
}

impl State {
    /// Tab: the next candidate while cycling, else the candidates for the value before the
    /// cursor (at once for feeds and tags, from the session for names).
    pub(super) fn complete(&mut self, out: &mut Vec<Effect>) {
        if let Some(key) = self.filter.completion.as_ref().map(|c| c.key.clone())
            && self.filter.cycle(|v| term(&key, v)).is_some()
        {
            self.filter_changed(out);
            return;
        }
        let Some(token) = self.filter.token() else {
            self.message = Some("Tab completes feed:, tag:, url:, person:, place: and org:".into());
            return;
        };
        let feeds = &self.feeds.feeds;
        let candidates = match token.key.as_str() {
            "feed" => matching(feeds.iter().map(|f| f.title.clone()), &token.value),
            "url" => matching(feeds.iter().map(|f| f.url.clone()), &token.value),
            "tag" => {
                let mut tags: Vec<String> = feeds.iter().flat_map(|f| f.tags.clone()).collect();
                tags.sort();
                matching(tags.into_iter(), &token.value)
            }
            key => {
                let Some(kind) = EntityKind::from_name(key) else {
                    return;
                };
                out.push(Effect::Worker(Command::CompleteNames {
                    kind,
                    prefix: token.value.clone(),
                    limit: NAMES,
                }));
                self.filter.asked = Some(token);
                return;
            }
        };
        self.offer(&token, candidates, out);
    }

    /// Names arrived for a Tab: offered when the line still ends in what was asked.
    pub(super) fn names_arrived(
        &mut self,
        kind: EntityKind,
        prefix: &str,
        names: Vec<String>,
        out: &mut Vec<Effect>,
    ) {
        let Some(token) = self.filter.asked.take() else {
            return;
        };
        if self.mode != Mode::Filter || token.key != kind.as_str() || token.value != prefix {
            return;
        }
        self.offer(&token, names, out);
    }

    fn offer(&mut self, token: &Token, candidates: Vec<String>, out: &mut Vec<Effect>) {
        if candidates.is_empty() {
            self.message = Some(format!("no {} begins with {:?}", token.key, token.value));
            return;
        }
        let key = token.key.clone();
        if self.filter.offer(token, candidates, |v| term(&key, v)) {
            self.message = None;
            self.filter_changed(out);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn terms_are_quoted_as_the_query_language_reads_them() {
        assert_eq!(term("feed", "World Desk"), "feed:\"World Desk\"");
        assert_eq!(term("tag", "world"), "tag:world");
        assert_eq!(
            term("person", "Friedrich Merz"),
            "person:\"Friedrich Merz\""
        );
        assert_eq!(
            term("url", "https://x.example/a"),
            "url:https://x.example/a"
        );
    }

    #[test]
    fn matches_begin_first_then_contain_each_once() {
        let all = [
            "Europe Today",
            "World Desk",
            "Central Europe",
            "Europe Today",
        ];
        assert_eq!(
            matching(all.iter().map(|s| (*s).to_string()), "EUR"),
            ["Europe Today", "Central Europe"]
        );
        assert_eq!(matching(all.iter().map(|s| (*s).to_string()), "").len(), 3);
    }
}
