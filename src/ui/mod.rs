//! The interactive reader: terminal setup, the event loop, and the effects `update` asks for.
//!
//! One channel feeds the loop: terminal input (from a reader thread), ticks and worker
//! events all arrive as [`Msg`]. The loop turns each into an [`Action`], lets
//! [`state::update`] change the state, performs the returned effects (commands to the worker,
//! opening a URL, copying), then draws once for everything that arrived (redraws are
//! coalesced). It never waits on the network or the disk: the worker session does. The
//! terminal is restored on every way out, panics included. It speaks to the rest of the
//! program only through the worker session's `Command` and `WorkerEvent`, on the two channels
//! [`run`] is handed: no HTTP, no SQL.
//!
//! A key press, from end to end:
//!
//! - [`keymap`]: what the key means in the current mode (one keymap per mode) -> an action;
//! - [`state`]: [`state::update`] routes the action to the concern it is about (feeds pane,
//!   list window, filter line, people pane, article pane) and returns effects; no I/O;
//! - [`view`]: the widgets draw the new state; [`layout`] says where each pane goes;
//! - [`body`] renders article HTML into lines and [`text`] cuts text to a width, for both.
//!
//! The dependencies go one way: `view` reads `state`; `state` uses `keymap`, `layout` and
//! `body`; those use nothing of the interface (a test in `structure_tests` keeps it so).

pub mod attachments;
pub mod body;
pub mod external;
pub mod keymap;
pub mod layout;
pub mod palette;
pub mod state;
pub mod text;
pub mod view;

use std::io::{self, Write};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use anyhow::Context;
use chrono::{DateTime, Local, Utc};
use crossterm::event::{
    self, DisableMouseCapture, EnableMouseCapture, Event, KeyEventKind, MouseButton, MouseEventKind,
};
use crossterm::execute;
use crossterm::terminal::{
    EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode,
};
use ratatui::Terminal;
use ratatui::backend::{Backend, CrosstermBackend};
use tokio::sync::mpsc;

use crate::worker::session::{Command, WorkerEvent};
use keymap::Keymap;
use state::{Action, Effect, State, update};

/// What the reader needs from the rest of the program: the two channels of a running worker
/// session (see [`crate::worker::session`]) and the settings that are the interface's own.
pub struct UiContext {
    /// Where the interface's requests go; dropping it ends the session.
    pub commands: mpsc::UnboundedSender<Command>,
    /// The session's answers and progress.
    pub events: mpsc::UnboundedReceiver<WorkerEvent>,
    pub refresh_on_start: bool,
    pub mark_read_on_open: bool,
    /// The feeds pane hides itself on screens narrower than this.
    pub feeds_pane_min_width: u16,
    /// The filter line's history from earlier runs, oldest first.
    pub filter_history: Vec<String>,
    /// The config's `[keys]` table: action name -> keys, with where they were written.
    pub keys: crate::config::KeyBindings,
    /// The config's `[[views]]`: saved queries shown in the feeds pane.
    pub views: Vec<crate::config::View>,
    /// Settings of pipes, players, opening many tabs, paging on.
    pub opts: state::prompt::ReaderOptions,
    /// `keys_preset`: the key bindings to start from (`Some("newsboat")`).
    pub keys_preset: Option<String>,
    /// Refresh every feed this often.
    pub refresh_every: Option<Duration>,
}

/// One message into the loop.
#[derive(Debug, Clone, PartialEq)]
pub enum Msg {
    Input(Event),
    Tick,
    Worker(WorkerEvent),
    /// SIGTERM or SIGHUP: quit as `q` does, so the terminal is restored and the cache closed.
    Terminate,
}

/// The outside world as the loop sees it: a clock, a browser and a clipboard. Tests
/// substitute their own.
pub trait Platform {
    fn now(&self) -> DateTime<Utc>;
    /// Opens `url` without blocking; the message is for the status bar.
    fn open_url(&mut self, url: &str) -> Result<(), String>;
    /// Puts `text` on the clipboard.
    fn copy(&mut self, text: &str) -> Result<(), String>;
    /// Runs `argv` on the terminal with `input` on its standard input, the reader suspended
    /// meanwhile; the message is for the status bar. A platform without a terminal to lend
    /// refuses.
    fn pipe(&mut self, argv: &[String], input: &str) -> Result<String, String> {
        let _ = (argv, input);
        Err("piping needs a terminal".into())
    }
    /// Starts `argv` in the background, detached from the screen (a media player).
    fn spawn(&mut self, argv: &[String]) -> Result<(), String> {
        let _ = argv;
        Err("starting programs needs a terminal".into())
    }
}

/// Time between ticks (pending reloads during a refresh are sent at most this often).
const TICK: Duration = Duration::from_millis(250);
/// At most this many messages are handled before a frame is drawn.
const MAX_BATCH: usize = 512;

/// Runs the reader until the user quits; returns the filters applied during this run, to
/// add to the saved history (see [`state::filter::merge_history`]). Needs a terminal on stdin/stdout, and a tokio
/// runtime with worker threads (the ticker and the channels' forwarding run on them). Tasks
/// still running when it returns (a refresh in flight) are the caller's to stop.
pub async fn run(ctx: UiContext) -> anyhow::Result<Vec<String>> {
    // Config problems are reported before the screen changes.
    let keymap = Keymap::from_config_with_preset(ctx.keys_preset.as_deref(), &ctx.keys)?;
    let _panics = install_panic_hook();
    let _guard = TerminalGuard::enter()?;
    let mut terminal =
        Terminal::new(CrosstermBackend::new(io::stdout())).context("cannot use the terminal")?;
    let size = terminal.size().context("cannot read the terminal size")?;
    let mut state = State::new(
        keymap.help(),
        Utc::now(),
        *Local::now().offset(),
        (size.width, size.height),
    );
    state.mark_read_on_open = ctx.mark_read_on_open;
    state.feeds_min_width = ctx.feeds_pane_min_width;
    state.filter.load_history(ctx.filter_history);
    state.opts = ctx.opts;
    state.refresh_every = ctx.refresh_every;
    state.set_views(&ctx.views);

    let (tx, mut rx) = mpsc::unbounded_channel::<Msg>();
    let stop = Arc::new(AtomicBool::new(false));
    let paused = Arc::new(AtomicBool::new(false));
    spawn_input_thread(tx.clone(), stop.clone(), paused.clone());
    let ticker = {
        let tx = tx.clone();
        tokio::spawn(async move {
            let mut interval = tokio::time::interval(TICK);
            loop {
                interval.tick().await;
                if tx.send(Msg::Tick).is_err() {
                    break;
                }
            }
        })
    };
    let (commands, mut events_rx) = (ctx.commands, ctx.events);
    let forward = {
        let tx = tx.clone();
        tokio::spawn(async move {
            while let Some(e) = events_rx.recv().await {
                if tx.send(Msg::Worker(e)).is_err() {
                    break;
                }
            }
        })
    };
    let signals = tokio::spawn(forward_signals(tx.clone()));
    drop(tx);
    for effect in state.start(ctx.refresh_on_start) {
        if let Effect::Worker(c) = effect {
            let _ = commands.send(c);
        }
    }
    let mut platform = RealPlatform { paused };
    let result = event_loop(
        &mut terminal,
        &mut state,
        &keymap,
        &mut rx,
        &commands,
        &mut platform,
    )
    .await;
    stop.store(true, Ordering::Relaxed);
    ticker.abort();
    forward.abort();
    signals.abort();
    result.map(|()| state.filter.added.clone())
}

/// Sends [`Msg::Terminate`] on SIGTERM (`kill`) or SIGHUP (the terminal closed), so that a
/// reader stopped from outside leaves the terminal as it found it and finishes its writes.
#[cfg(unix)]
async fn forward_signals(tx: mpsc::UnboundedSender<Msg>) {
    use tokio::signal::unix::{SignalKind, signal};
    let (Ok(mut term), Ok(mut hup)) = (
        signal(SignalKind::terminate()),
        signal(SignalKind::hangup()),
    ) else {
        tracing::warn!("cannot listen for SIGTERM/SIGHUP; they will end the reader abruptly");
        return;
    };
    loop {
        tokio::select! {
            _ = term.recv() => {}
            _ = hup.recv() => {}
        }
        if tx.send(Msg::Terminate).is_err() {
            return;
        }
    }
}

/// Elsewhere the process ends as the platform decides.
#[cfg(not(unix))]
async fn forward_signals(_tx: mpsc::UnboundedSender<Msg>) {}

/// The loop: handles every message that has arrived, then draws once. Ends when the state
/// says quit or the channel closes. Drives a real terminal or a `TestBackend` alike.
pub async fn event_loop<B>(
    terminal: &mut Terminal<B>,
    state: &mut State,
    keymap: &Keymap,
    rx: &mut mpsc::UnboundedReceiver<Msg>,
    commands: &mpsc::UnboundedSender<Command>,
    platform: &mut dyn Platform,
) -> anyhow::Result<()>
where
    B: Backend,
    B::Error: Send + Sync + 'static,
{
    terminal.draw(|f| view::draw(f, state))?;
    while let Some(first) = rx.recv().await {
        let mut next = Some(first);
        let mut handled = 0;
        while let Some(msg) = next.take() {
            if handle(state, keymap, msg, commands, platform) {
                // Another program had the terminal: draw every cell again.
                terminal.clear()?;
            }
            handled += 1;
            if state.quit {
                return Ok(());
            }
            if handled < MAX_BATCH {
                next = rx.try_recv().ok();
            }
        }
        if let Some((w, h)) = terminal.size().ok().map(|s| (s.width, s.height))
            && (w, h) != state.size
        {
            // A resize we were not told about (or told about late): follow the terminal.
            update(state, Action::Resize(w, h));
        }
        terminal.draw(|f| view::draw(f, state))?;
    }
    Ok(())
}

/// Handles one message; true when another program had the terminal meanwhile (the screen
/// must be drawn whole).
fn handle(
    state: &mut State,
    keymap: &Keymap,
    msg: Msg,
    commands: &mpsc::UnboundedSender<Command>,
    platform: &mut dyn Platform,
) -> bool {
    let action = match msg {
        Msg::Input(event) => translate(state, keymap, &event),
        Msg::Tick => Some(Action::Tick(platform.now())),
        Msg::Worker(e) => Some(Action::Worker(e)),
        Msg::Terminate => Some(Action::Do(keymap::Act::Quit)),
    };
    let Some(action) = action else {
        return false;
    };
    let mut redraw_all = false;
    for effect in update(state, action) {
        match effect {
            Effect::Worker(c) => {
                if commands.send(c).is_err() {
                    state.message = Some("the background worker stopped".into());
                }
            }
            Effect::OpenUrl(url) => {
                if let Err(e) = platform.open_url(&url) {
                    state.message = Some(e);
                }
            }
            Effect::Copy(text) => {
                if let Err(e) = platform.copy(&text) {
                    state.message = Some(e);
                }
            }
            Effect::Pipe { argv, input } => {
                state.message = Some(match platform.pipe(&argv, &input) {
                    Ok(m) | Err(m) => m,
                });
                redraw_all = true;
            }
            Effect::Spawn(argv) => {
                if let Err(e) = platform.spawn(&argv) {
                    state.message = Some(e);
                }
            }
            Effect::Quit => state.quit = true,
        }
    }
    redraw_all
}

/// Turns a terminal event into an action, given the mode and the keymap.
pub fn translate(state: &State, keymap: &Keymap, event: &Event) -> Option<Action> {
    match event {
        Event::Key(key) => {
            if key.kind == KeyEventKind::Release {
                return None;
            }
            keymap.input(state.mode, key).map(Action::from)
        }
        Event::Mouse(m) => match m.kind {
            MouseEventKind::ScrollDown => Some(Action::Scroll {
                col: m.column,
                row: m.row,
                down: true,
            }),
            MouseEventKind::ScrollUp => Some(Action::Scroll {
                col: m.column,
                row: m.row,
                down: false,
            }),
            MouseEventKind::Down(MouseButton::Left) => Some(Action::Click {
                col: m.column,
                row: m.row,
            }),
            _ => None,
        },
        Event::Resize(w, h) => Some(Action::Resize(*w, *h)),
        _ => None,
    }
}

/// Reads terminal input on its own thread (crossterm's reader blocks) into the channel.
fn spawn_input_thread(
    tx: mpsc::UnboundedSender<Msg>,
    stop: Arc<AtomicBool>,
    paused: Arc<AtomicBool>,
) {
    let spawned = std::thread::Builder::new()
        .name("dateline-input".into())
        .spawn(move || {
            while !stop.load(Ordering::Relaxed) {
                // Another program has the terminal: its keys are its own.
                if paused.load(Ordering::SeqCst) {
                    std::thread::sleep(Duration::from_millis(50));
                    continue;
                }
                match event::poll(Duration::from_millis(100)) {
                    Ok(true) => match event::read() {
                        Ok(e) => {
                            if tx.send(Msg::Input(e)).is_err() {
                                break;
                            }
                        }
                        Err(_) => break,
                    },
                    Ok(false) => {}
                    Err(_) => break,
                }
            }
        });
    if let Err(e) = spawned {
        tracing::error!("cannot start the input thread: {e}");
    }
}

/// Raw mode, alternate screen and mouse capture for as long as it lives.
struct TerminalGuard;

impl TerminalGuard {
    fn enter() -> anyhow::Result<TerminalGuard> {
        enable_raw_mode().context("cannot switch the terminal to raw mode")?;
        // From here on, dropping the guard restores the terminal, whatever fails next.
        let guard = TerminalGuard;
        execute!(io::stdout(), EnterAlternateScreen, EnableMouseCapture)
            .context("cannot set up the terminal")?;
        Ok(guard)
    }
}

impl Drop for TerminalGuard {
    fn drop(&mut self) {
        restore_terminal();
    }
}

/// Gives the terminal back: leaves the alternate screen, stops mouse capture, cooks input.
pub fn restore_terminal() {
    let _ = execute!(
        io::stdout(),
        DisableMouseCapture,
        LeaveAlternateScreen,
        crossterm::cursor::Show
    );
    let _ = disable_raw_mode();
}

/// True while the reader owns the terminal (between [`install_panic_hook`] and the drop of
/// what it returns).
static READER_OWNS_TERMINAL: AtomicBool = AtomicBool::new(false);

/// Routes panics while the reader owns the terminal; see [`panic_route`]. Dropping the
/// returned guard (after the terminal is restored) hands panics back to the previous hook.
fn install_panic_hook() -> ReaderPanics {
    let reader_thread = std::thread::current().id();
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let on_reader_thread = std::thread::current().id() == reader_thread;
        match panic_route(
            READER_OWNS_TERMINAL.load(Ordering::SeqCst),
            on_reader_thread,
        ) {
            PanicRoute::Log => {
                let thread = std::thread::current();
                let location = info
                    .location()
                    .map_or_else(String::new, |l| format!(" at {l}"));
                tracing::error!(
                    "panic on thread {}{location}: {}",
                    thread.name().unwrap_or("unnamed"),
                    panic_text(info.payload())
                );
            }
            PanicRoute::RestoreThenPrint => {
                restore_terminal();
                previous(info);
            }
            PanicRoute::Print => previous(info),
        }
    }));
    READER_OWNS_TERMINAL.store(true, Ordering::SeqCst);
    ReaderPanics
}

/// Clears [`READER_OWNS_TERMINAL`] when dropped.
struct ReaderPanics;

impl Drop for ReaderPanics {
    fn drop(&mut self) {
        READER_OWNS_TERMINAL.store(false, Ordering::SeqCst);
    }
}

/// Where a panic's message goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum PanicRoute {
    /// To the log file only: the frame on screen stays intact.
    Log,
    /// The terminal is given back first, then the message is printed where it can be read.
    RestoreThenPrint,
    /// Printed as usual (the reader does not own the terminal).
    Print,
}

/// While the reader owns the terminal, a panic on any other thread is one the program
/// contains (a feed's task, a blocking parse, the extractor: the worker catches them and
/// carries on), so it is logged and never written over the frame; a panic on the reader's
/// own thread ends the program, so the terminal is restored before it is printed.
fn panic_route(reader_owns_terminal: bool, on_reader_thread: bool) -> PanicRoute {
    match (reader_owns_terminal, on_reader_thread) {
        (false, _) => PanicRoute::Print,
        (true, true) => PanicRoute::RestoreThenPrint,
        (true, false) => PanicRoute::Log,
    }
}

/// The message a panic was raised with (`panic!` gives a `&str` or a `String`).
fn panic_text(payload: &(dyn std::any::Any + Send)) -> &str {
    payload
        .downcast_ref::<&str>()
        .copied()
        .or_else(|| payload.downcast_ref::<String>().map(String::as_str))
        .unwrap_or("(no message)")
}

#[cfg(test)]
mod panic_hook_tests {
    use super::*;

    #[test]
    fn contained_panics_go_to_the_log_while_the_reader_owns_the_terminal() {
        assert_eq!(panic_route(true, false), PanicRoute::Log);
        assert_eq!(panic_route(true, true), PanicRoute::RestoreThenPrint);
        assert_eq!(panic_route(false, false), PanicRoute::Print);
        assert_eq!(panic_route(false, true), PanicRoute::Print);
    }

    #[test]
    fn the_panic_message_is_read_from_either_payload() {
        let caught = std::panic::catch_unwind(|| panic!("slice index {} past {}", 125, 124));
        let payload = caught.unwrap_err();
        assert_eq!(panic_text(payload.as_ref()), "slice index 125 past 124");
        let boxed: Box<dyn std::any::Any + Send> = Box::new("static");
        assert_eq!(panic_text(boxed.as_ref()), "static");
        let other: Box<dyn std::any::Any + Send> = Box::new(7u8);
        assert_eq!(panic_text(other.as_ref()), "(no message)");
    }
}

/// The real clock, `$BROWSER` and OSC 52.
struct RealPlatform {
    /// Set while another program has the terminal (see [`external::pipe_suspended`]).
    paused: Arc<AtomicBool>,
}

impl Platform for RealPlatform {
    fn pipe(&mut self, argv: &[String], input: &str) -> Result<String, String> {
        external::pipe_suspended(argv, input, &self.paused)
    }

    fn spawn(&mut self, argv: &[String]) -> Result<(), String> {
        external::spawn_detached(argv)
    }

    fn now(&self) -> DateTime<Utc> {
        Utc::now()
    }

    fn open_url(&mut self, url: &str) -> Result<(), String> {
        open_in_browser(url, std::env::var("BROWSER").ok().as_deref())
    }

    fn copy(&mut self, text: &str) -> Result<(), String> {
        let mut out = io::stdout();
        out.write_all(osc52(text).as_bytes())
            .and_then(|()| out.flush())
            .map_err(|e| format!("cannot copy: {e}"))
    }
}

/// The program and arguments that open `url`: `$BROWSER` (its first `:`-separated entry,
/// split on whitespace) else the platform opener, with the URL as one final argument.
pub fn browser_command(url: &str, browser: Option<&str>) -> (String, Vec<String>) {
    let configured = browser
        .and_then(|b| b.split(':').map(str::trim).find(|s| !s.is_empty()))
        .map(|b| b.split_whitespace().map(str::to_string).collect::<Vec<_>>())
        .filter(|parts| !parts.is_empty());
    let mut parts = configured.unwrap_or_else(|| {
        vec![
            if cfg!(target_os = "macos") {
                "open"
            } else {
                "xdg-open"
            }
            .to_string(),
        ]
    });
    let program = parts.remove(0);
    parts.push(url.to_string());
    (program, parts)
}

/// Starts the browser detached from the screen (no inherited stdin/stdout/stderr, never
/// through a shell) and reaps it on a background thread.
pub fn open_in_browser(url: &str, browser: Option<&str>) -> Result<(), String> {
    if !(url.starts_with("http://") || url.starts_with("https://")) {
        return Err(format!(
            "not opening {}: only http and https links",
            crate::sanitize::sanitize_line(url)
        ));
    }
    let (program, args) = browser_command(url, browser);
    let mut child = std::process::Command::new(&program)
        .args(&args)
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .map_err(|e| format!("cannot start {program}: {e}"))?;
    let _ = std::thread::Builder::new()
        .name("dateline-browser".into())
        .spawn(move || {
            let _ = child.wait();
        });
    Ok(())
}

/// The OSC 52 sequence that asks the terminal to put `text` on the clipboard.
pub fn osc52(text: &str) -> String {
    format!("\u{1b}]52;c;{}\u{7}", base64(text.as_bytes()))
}

fn base64(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = [
            chunk[0],
            chunk.get(1).copied().unwrap_or(0),
            chunk.get(2).copied().unwrap_or(0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(char::from(ALPHABET[(n >> (18 - 6 * i)) as usize & 63]));
            } else {
                out.push('=');
            }
        }
    }
    out
}

#[cfg(test)]
pub(crate) mod fixtures;
#[cfg(test)]
mod snapshot_tests;
#[cfg(test)]
mod structure_tests;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn osc52_encodes_base64() {
        assert_eq!(base64(b""), "");
        assert_eq!(base64(b"f"), "Zg==");
        assert_eq!(base64(b"fo"), "Zm8=");
        assert_eq!(base64(b"foo"), "Zm9v");
        assert_eq!(base64(b"https://x.org/?a=1"), "aHR0cHM6Ly94Lm9yZy8/YT0x");
        assert_eq!(osc52("foo"), "\u{1b}]52;c;Zm9v\u{7}");
    }

    #[test]
    fn browser_gets_the_url_as_one_argument() {
        let url = "https://example.org/a b;rm -rf ~";
        let (p, args) = browser_command(url, Some("firefox --new-tab:chromium"));
        assert_eq!(p, "firefox");
        assert_eq!(args, vec!["--new-tab".to_string(), url.to_string()]);
        let (p, args) = browser_command(url, None);
        assert!(p == "xdg-open" || p == "open");
        assert_eq!(args, vec![url.to_string()]);
        let (p, _) = browser_command(url, Some("  "));
        assert!(p == "xdg-open" || p == "open");
    }

    #[test]
    fn only_web_links_are_opened() {
        assert!(open_in_browser("file:///etc/passwd", Some("true")).is_err());
        assert!(open_in_browser("javascript:alert(1)", Some("true")).is_err());
    }
}
