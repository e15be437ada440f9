//! What goes into `update` and what comes out: [`Action`], one input already interpreted
//! (a key through the keymap, a click, a tick, a worker event), and [`Effect`], what the
//! event loop must do afterwards. Plain data.

use chrono::{DateTime, Utc};

use crate::ui::keymap::Act;
use crate::worker::session::{Command, WorkerEvent};

/// One input, already interpreted.
#[derive(Debug, Clone, PartialEq)]
pub enum Action {
    /// A named, remappable action.
    Do(Act),
    /// A digit typed as a count for the next action (`3o` opens link 3).
    Digit(u8),
    FilterChar(char),
    FilterBackspace,
    FilterSubmit,
    /// `Esc` in the filter line: clears the filter.
    FilterCancel,
    /// Up (`true`: older) or Down in the filter line: walks the query history.
    FilterHistory(bool),
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
    Quit,
}
