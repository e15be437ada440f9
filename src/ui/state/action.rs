//! What goes into `update` and what comes out: [`Action`], one input already interpreted
//! (a key through the keymap, a click, a tick, a worker event), and [`Effect`], what the
//! event loop must do afterwards. Plain data.

use chrono::{DateTime, Utc};

use crate::ui::keymap::{Act, ConfirmAct, FilterAct, HelpAct, Input};
use crate::worker::session::{Command, WorkerEvent};

/// One input, already interpreted.
#[derive(Debug, Clone, PartialEq)]
pub enum Action {
    /// A named, remappable action.
    Do(Act),
    /// A digit typed as a count for the next action (`3o` opens link 3).
    Digit(u8),
    /// A character typed into the filter line.
    FilterChar(char),
    /// A named action of the filter line (keep, clear, history).
    Filter(FilterAct),
    /// A named action of the help overlay.
    Help(HelpAct),
    /// The answer to the yes/no prompt.
    Confirm(ConfirmAct),
    Resize(u16, u16),
    /// Time passes: pending reloads are sent.
    Tick(DateTime<Utc>),
    /// Mouse wheel at a cell.
    Scroll {
        col: u16,
        row: u16,
        down: bool,
    },
    /// Mouse click at a cell.
    Click {
        col: u16,
        row: u16,
    },
    Worker(WorkerEvent),
}

/// What the loop must do after an update.
#[derive(Debug, Clone, PartialEq)]
pub enum Effect {
    Worker(Command),
    OpenUrl(String),
    /// Copy to the clipboard (OSC 52).
    Copy(String),
    /// Run `argv` (no shell) on the terminal with `input` on its standard input, the reader
    /// suspended until it ends.
    Pipe {
        argv: Vec<String>,
        input: String,
    },
    /// Start `argv` (no shell) in the background, detached from the screen.
    Spawn(Vec<String>),
    Quit,
}

impl From<Input> for Action {
    fn from(input: Input) -> Action {
        match input {
            Input::Do(act) => Action::Do(act),
            Input::Count(d) => Action::Digit(d),
            Input::Filter(f) => Action::Filter(f),
            Input::Type(c) => Action::FilterChar(c),
            Input::Help(h) => Action::Help(h),
            Input::Confirm(c) => Action::Confirm(c),
        }
    }
}
