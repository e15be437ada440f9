//! What the commands print with: standard output that treats a closed pipe
//! (`dateline list | head`) as a normal end, and the CLI's date format.

use std::io::{self, Write};

use anyhow::{Context, Result};
use chrono::{DateTime, Local, Utc};
use serde::Serialize;

/// A time as the CLI prints it: local, to the minute.
pub(super) fn local_date(t: DateTime<Utc>) -> String {
    t.with_timezone(&Local).format("%Y-%m-%d %H:%M").to_string()
}

/// Standard output that ends quietly when the reader closes the pipe.
pub(super) struct Out {
    stdout: io::StdoutLock<'static>,
    closed: bool,
}

impl Out {
    pub(super) fn new() -> Out {
        Out {
            stdout: io::stdout().lock(),
            closed: false,
        }
    }

    pub(super) fn write(&mut self, s: &str) -> Result<()> {
        if self.closed {
            return Ok(());
        }
        match self.stdout.write_all(s.as_bytes()) {
            Err(e) if e.kind() == io::ErrorKind::BrokenPipe => {
                self.closed = true;
                Ok(())
            }
            other => other.context("cannot write to standard output"),
        }
    }

    /// Whether the reader closed the pipe (what follows is dropped).
    pub(super) fn is_closed(&self) -> bool {
        self.closed
    }

    pub(super) fn line(&mut self, s: &str) -> Result<()> {
        self.write(s)?;
        self.write("\n")
    }

    pub(super) fn json<T: Serialize>(&mut self, value: &T) -> Result<()> {
        let text = serde_json::to_string_pretty(value).context("cannot encode JSON")?;
        self.line(&text)
    }
}
