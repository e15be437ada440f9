//! Plain data of the reader's prompt and outward features: what the status-bar prompt is
//! asking ([`Ask`], [`Prompt`]) and the settings of pipes, players and opening many tabs
//! ([`ReaderOptions`]). Kept apart from the code that acts on them (`feedmgmt`, `external`),
//! which extends [`super::app::State`], so that `app` can hold them without a cycle.

use super::lineedit::LineEdit;
use crate::model::{ArticleId, FeedId};
use crate::worker::session::DownloadProgress;

/// What the prompt is asking for, and what to do with the answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Ask {
    /// A feed's (or a web page's) address, to subscribe.
    AddFeed,
    /// One of the feeds a web page links, to subscribe: the prompt holds the first, and
    /// Tab (or ↑/↓) puts the next (or previous) in its place.
    ChooseFeed { choices: Vec<String> },
    /// Yes or no: unsubscribe from this feed.
    RemoveFeed { url: String },
    /// The feed's title (empty: its own); the tags are asked next.
    EditTitle { url: String, tags: Vec<String> },
    /// The feed's tags, separated by commas.
    EditTags { url: String, title: Option<String> },
    /// Yes or no: open these addresses in the browser, and mark their articles read.
    OpenAll {
        urls: Vec<String>,
        ids: Vec<(ArticleId, FeedId)>,
    },
    /// A command line to pipe the open article to.
    Pipe,
}

/// The prompt on the status bar: a label, the text typed so far, and whether a single `y`
/// answers it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Prompt {
    pub ask: Ask,
    pub label: String,
    pub text: String,
    /// The cursor in `text`: a byte offset on a character boundary.
    pub cursor: usize,
    /// A yes/no question: `y` confirms at once, any other key declines.
    pub yes_no: bool,
}

/// The answer is edited with the filter line's readline keys.
impl LineEdit for Prompt {
    fn parts(&self) -> (&str, usize) {
        (&self.text, self.cursor)
    }

    fn parts_mut(&mut self) -> (&mut String, &mut usize) {
        (&mut self.text, &mut self.cursor)
    }
}

/// The reader settings of the features here (from `[settings]` and `[commands]`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReaderOptions {
    /// `O` opens at most this many articles.
    pub open_all_max: usize,
    /// The player for enclosures: program and arguments; the URL is added at the end.
    pub player: Vec<String>,
    /// Space at the end of an article opens the next unread one.
    pub space_next_unread: bool,
    /// `[theme]` and `NO_COLOR`.
    pub palette: crate::ui::palette::Palette,
}

impl Default for ReaderOptions {
    fn default() -> ReaderOptions {
        ReaderOptions {
            open_all_max: 10,
            player: vec!["mpv".into(), "--no-video".into()],
            space_next_unread: false,
            palette: crate::ui::palette::Palette::default(),
        }
    }
}

/// The downloads started from this reader that have not ended.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Downloads {
    /// The id the next download gets.
    pub next_id: u64,
    /// Running downloads, oldest first.
    pub active: Vec<DownloadProgress>,
}

impl Downloads {
    /// A short line for the status bar: `↓ ep42.mp3 45%` for the oldest, and how many more.
    pub fn status(&self) -> Option<String> {
        let first = self.active.first()?;
        let name = first.url.rsplit('/').next().unwrap_or(&first.url);
        let name: String = name
            .split('?')
            .next()
            .unwrap_or(name)
            .chars()
            .take(24)
            .collect();
        let done = match first.total {
            Some(t) if t > 0 => format!("{}%", first.received.saturating_mul(100) / t),
            _ => crate::model::human_size(first.received),
        };
        let more = match self.active.len() {
            1 => String::new(),
            n => format!(" +{}", n - 1),
        };
        Some(format!("↓ {name} {done}{more}"))
    }
}
