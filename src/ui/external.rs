//! Running other programs from the reader: a command the article is piped to (it gets the
//! terminal while the reader steps aside) and a detached program such as a media player.
//!
//! Why it exists: the event loop performs effects, but handing the terminal to another
//! program and taking it back (raw mode, alternate screen, mouse capture, and the input
//! thread kept from stealing the program's keys) is a job of its own. Never through a shell:
//! the program and its arguments are given as a list.

use std::io::{self, BufRead, Write};
use std::process::{Command, Stdio};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use crossterm::event::{DisableMouseCapture, EnableMouseCapture};
use crossterm::execute;
use crossterm::terminal::{
    EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode,
};

/// Runs `argv` on the terminal with `input` on its standard input, the reader suspended:
/// the screen is given back, `paused` keeps the input thread from reading the keys meant for
/// the program, and after it ends the user presses Enter to come back. Returns a message for
/// the status bar.
pub fn pipe_suspended(
    argv: &[String],
    input: &str,
    paused: &Arc<AtomicBool>,
) -> Result<String, String> {
    let (program, args) = argv.split_first().ok_or("no command given")?;
    paused.store(true, Ordering::SeqCst);
    // The input thread polls in steps of 100 ms: let it see the pause before the program
    // starts reading the keyboard.
    std::thread::sleep(Duration::from_millis(150));
    let _ = execute!(io::stdout(), DisableMouseCapture, LeaveAlternateScreen);
    let _ = disable_raw_mode();
    let result = run_with_input(program, args, input);
    match &result {
        Ok(status) => println!("\n[{program} {status}; press Enter to return to dateline]"),
        Err(e) => println!("\n[{e}; press Enter to return to dateline]"),
    }
    let _ = io::stdout().flush();
    let mut line = String::new();
    let _ = io::stdin().lock().read_line(&mut line);
    let _ = enable_raw_mode();
    let _ = execute!(io::stdout(), EnterAlternateScreen, EnableMouseCapture);
    paused.store(false, Ordering::SeqCst);
    result.map(|status| format!("{program} {status}"))
}

fn run_with_input(program: &str, args: &[String], input: &str) -> Result<String, String> {
    let mut child = Command::new(program)
        .args(args)
        .stdin(Stdio::piped())
        .spawn()
        .map_err(|e| format!("cannot start {program}: {e}"))?;
    if let Some(mut stdin) = child.stdin.take() {
        let input = input.to_string();
        // On a thread: a program that reads slowly (a pager) must not block the write.
        std::thread::spawn(move || {
            let _ = stdin.write_all(input.as_bytes());
        });
    }
    let status = child
        .wait()
        .map_err(|e| format!("{program} did not finish: {e}"))?;
    Ok(match status.code() {
        Some(0) => "finished".to_string(),
        Some(code) => format!("exited with {code}"),
        None => "was stopped by a signal".to_string(),
    })
}

/// Starts `argv` detached from the screen (no inherited stdin/stdout/stderr) and reaps it
/// on a background thread: a player plays while the reader carries on.
pub fn spawn_detached(argv: &[String]) -> Result<(), String> {
    let (program, args) = argv.split_first().ok_or("no command configured")?;
    let mut child = Command::new(program)
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .map_err(|e| format!("cannot start {program}: {e}"))?;
    let _ = std::thread::Builder::new()
        .name("dateline-child".into())
        .spawn(move || {
            let _ = child.wait();
        });
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_input_reaches_the_program_and_its_status_comes_back() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("out.txt");
        let script = format!("cat > '{}'", out.display());
        let status = run_with_input("sh", &["-c".into(), script], "# Title\n\nbody\n").unwrap();
        assert_eq!(status, "finished");
        assert_eq!(std::fs::read_to_string(&out).unwrap(), "# Title\n\nbody\n");
        let failed = run_with_input("sh", &["-c".into(), "exit 3".into()], "").unwrap();
        assert_eq!(failed, "exited with 3");
        assert!(run_with_input("/nonexistent/program", &[], "").is_err());
        assert!(spawn_detached(&[]).is_err());
    }
}
