//! Managing feeds from the reader, and the one-line prompt that asks for what it needs: a
//! feed's address (`a`), a yes or no before removing one (`D`), a new title and tags (`E`).
//!
//! Why it exists: a newsboat user should not need an editor to subscribe. The prompt is a
//! small text line in the status bar ([`Mode::Prompt`]); what it asks is an [`Ask`], and
//! answering it turns into worker commands (the worker edits the config file; see
//! `worker::subscribe`). Other features that need a line of text or a yes/no (a command to
//! pipe to, opening many tabs) ask through the same prompt. Pure, like all of `state`.

use super::action::Effect;
use super::app::State;
use super::lineedit::LineEdit;
use super::prompt::{Ask, Prompt};
use crate::model::Feed;
use crate::ui::keymap::{FilterAct, Mode};
use crate::ui::layout::Focus;
use crate::ui::state::feeds::RowKey;
use crate::worker::session::Command;

impl State {
    /// Opens the prompt.
    pub(super) fn ask(&mut self, ask: Ask, label: String, text: String, yes_no: bool) {
        self.question = Some(Prompt {
            ask,
            label,
            cursor: text.len(),
            text,
            yes_no,
        });
        self.mode = Mode::Prompt;
    }

    /// A character typed at the prompt.
    pub(super) fn prompt_char(&mut self, c: char, out: &mut Vec<Effect>) {
        let Some(p) = &mut self.question else {
            self.mode = Mode::Normal;
            return;
        };
        if p.yes_no {
            if c == 'y' || c == 'Y' {
                self.answer(out);
            } else {
                self.cancel_prompt();
            }
        } else {
            p.push(c);
        }
    }

    /// An editing key at the prompt.
    pub(super) fn prompt_act(&mut self, act: FilterAct, out: &mut Vec<Effect>) {
        let Some(p) = &mut self.question else {
            self.mode = Mode::Normal;
            return;
        };
        match act {
            FilterAct::Submit if p.yes_no => self.cancel_prompt(),
            FilterAct::Submit => self.answer(out),
            FilterAct::Cancel => self.cancel_prompt(),
            FilterAct::Complete | FilterAct::Older | FilterAct::Newer if matches!(&p.ask, Ask::ChooseFeed { choices } if !choices.is_empty()) => {
                if let Ask::ChooseFeed { choices } = &p.ask {
                    let n = choices.len();
                    let at = choices.iter().position(|c| *c == p.text.trim());
                    let next = match (act, at) {
                        (FilterAct::Older, Some(i)) => (i + n - 1) % n,
                        (_, Some(i)) => (i + 1) % n,
                        (_, None) => 0,
                    };
                    p.text = choices[next].clone();
                    p.cursor = p.text.len();
                }
            }
            // The readline keys edit the answer as they edit the filter line; Tab and the
            // history keys do nothing here.
            act => {
                if !p.yes_no {
                    p.apply(act);
                }
            }
        }
    }

    fn cancel_prompt(&mut self) {
        self.question = None;
        self.mode = Mode::Normal;
        self.message = Some("cancelled".into());
    }

    /// The prompt was answered: act on it.
    fn answer(&mut self, out: &mut Vec<Effect>) {
        let Some(p) = self.question.take() else {
            return;
        };
        self.mode = Mode::Normal;
        let text = p.text.trim().to_string();
        match p.ask {
            Ask::AddFeed | Ask::ChooseFeed { .. } => {
                if text.is_empty() {
                    self.message = Some("no address given".into());
                    return;
                }
                self.message = Some(format!("adding {text}…"));
                out.push(Effect::Worker(Command::AddFeed { url: text }));
            }
            Ask::RemoveFeed { url } => {
                self.message = Some(format!("removing {url}…"));
                out.push(Effect::Worker(Command::RemoveFeed { url }));
            }
            Ask::EditTitle { url, tags } => {
                let own = self
                    .feeds
                    .feeds
                    .iter()
                    .find(|f| f.url == url)
                    .and_then(|f| f.feed_title.clone());
                // The feed's own title, typed back, is not a title of the user's.
                let title = Some(text).filter(|t| !t.is_empty() && Some(t) != own.as_ref());
                self.ask(
                    Ask::EditTags { url, title },
                    "tags (comma-separated):".into(),
                    tags.join(", "),
                    false,
                );
            }
            Ask::EditTags { url, title } => {
                let tags = text
                    .split(',')
                    .map(|t| t.trim().to_string())
                    .filter(|t| !t.is_empty())
                    .collect();
                out.push(Effect::Worker(Command::EditFeed { url, title, tags }));
            }
            Ask::OpenAll { urls, ids } => {
                let n = urls.len();
                out.extend(urls.into_iter().map(Effect::OpenUrl));
                self.mark_read_ids(&ids, out);
                self.message = Some(format!("opened {n} articles"));
            }
            Ask::Pipe => {
                if text.is_empty() {
                    self.message = Some("no command given".into());
                    return;
                }
                self.pipe_article(&text, out);
            }
        }
    }

    /// `a`: asks for the address of a feed to subscribe to.
    pub(super) fn add_feed_prompt(&mut self) {
        self.message = None;
        self.ask(
            Ask::AddFeed,
            "add feed (address of a feed or a web page):".into(),
            String::new(),
            false,
        );
    }

    /// `D`: asks before unsubscribing from the selected feed.
    pub(super) fn remove_feed_prompt(&mut self) {
        self.message = None;
        let Some(feed) = self.feed_here() else {
            self.message = Some("select a feed first".into());
            return;
        };
        let (url, title) = (feed.url.clone(), feed.title.clone());
        self.ask(
            Ask::RemoveFeed { url },
            format!("remove the feed {title}? (y/n)"),
            String::new(),
            true,
        );
    }

    /// `E`: asks for the selected feed's title, then its tags.
    pub(super) fn edit_feed_prompt(&mut self) {
        self.message = None;
        let Some(feed) = self.feed_here() else {
            self.message = Some("select a feed first".into());
            return;
        };
        let (url, title, tags) = (feed.url.clone(), feed.title.clone(), feed.tags.clone());
        self.ask(
            Ask::EditTitle { url, tags },
            "title (empty: the feed's own):".into(),
            title,
            false,
        );
    }

    /// The page given to `a` links several feeds: the prompt comes back with the first
    /// (Tab puts the next in its place), and the message lists them all.
    pub(super) fn choose_feed(&mut self, page: &str, feeds: &[(String, Option<String>)]) {
        let list: Vec<String> = feeds
            .iter()
            .map(|(url, title)| match title {
                Some(t) => format!("{url} ({t})"),
                None => url.clone(),
            })
            .collect();
        self.message = Some(format!(
            "{page} links {} feeds: {}",
            feeds.len(),
            list.join(" · ")
        ));
        let first = feeds.first().map(|(u, _)| u.clone()).unwrap_or_default();
        self.ask(
            Ask::ChooseFeed {
                choices: feeds.iter().map(|(u, _)| u.clone()).collect(),
            },
            format!("add which of {} feeds? (Tab: the next)", feeds.len()),
            first,
            false,
        );
    }

    /// The feed an action on "this feed" means: the feeds pane's selected feed when it has
    /// the focus, else the feed of the article being read or selected.
    fn feed_here(&self) -> Option<&Feed> {
        let id = if self.focus == Focus::Feeds {
            match self.feeds.selected_key()? {
                RowKey::Feed { id, .. } => *id,
                _ => return None,
            }
        } else {
            let article = self.target()?;
            match self.open.loaded(article) {
                Some(a) => a.feed_id,
                None => self.list.find(article)?.feed_id,
            }
        };
        self.feeds.feeds.iter().find(|f| f.id == id)
    }
}
