//! Where the sync password comes from: the `DATELINE_SYNC_PASSWORD` environment variable, a
//! `password_command` (an argument list run without a shell, e.g. `["pass", "show",
//! "freshrss"]`), or a plain `password` in the config, which works but earns a warning.
//!
//! What it must not do: run anything through a shell, wait forever for a command that hangs,
//! or put the secret into an error message or a log line.

use std::io::Read;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use super::SyncError;
use crate::config::SyncConfig;
use crate::sanitize::sanitize_line;

/// The environment variable that overrides the configured password.
pub const PASSWORD_ENV: &str = "DATELINE_SYNC_PASSWORD";

/// How long a password command may run (a pinentry prompt included).
const COMMAND_TIMEOUT: Duration = Duration::from_secs(120);

/// The most of a command's output read: a password is short.
const MAX_OUTPUT: u64 = 64 * 1024;

/// A password and where it came from.
#[derive(Clone, PartialEq, Eq)]
pub struct Password {
    secret: String,
    /// Set when the password sits in clear in the config: for the user, not an error.
    pub warning: Option<String>,
}

impl Password {
    /// The secret itself, to send to the server.
    pub fn secret(&self) -> &str {
        &self.secret
    }
}

impl std::fmt::Debug for Password {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Password")
            .field("secret", &"(hidden)")
            .field("warning", &self.warning)
            .finish()
    }
}

/// The password for `config`: `env` (the value of [`PASSWORD_ENV`], passed in so tests do
/// not touch the process environment) when set and non-empty, else the first line of
/// `password_command`'s output, else `password` with a warning.
pub fn resolve_password(config: &SyncConfig, env: Option<String>) -> Result<Password, SyncError> {
    if let Some(secret) = env.filter(|s| !s.is_empty()) {
        return Ok(Password {
            secret,
            warning: None,
        });
    }
    if let Some(argv) = &config.password_command {
        return run_command(argv).map(|secret| Password {
            secret,
            warning: None,
        });
    }
    if let Some(secret) = &config.password {
        return Ok(Password {
            secret: secret.clone(),
            warning: Some(
                "the sync password is stored in clear in the config: prefer password_command \
                 (e.g. [\"pass\", \"show\", \"freshrss\"]) or DATELINE_SYNC_PASSWORD"
                    .to_owned(),
            ),
        });
    }
    Err(SyncError::Config(format!(
        "no password: set [sync] password_command, or {PASSWORD_ENV}"
    )))
}

/// Runs `argv` directly (no shell), stdin closed, and returns the first line of its output.
fn run_command(argv: &[String]) -> Result<String, SyncError> {
    let shown = sanitize_line(&format!("{argv:?}"));
    let fail = |reason: String| SyncError::PasswordCommand {
        command: shown.clone(),
        reason,
    };
    let (program, args) = argv
        .split_first()
        .ok_or_else(|| fail("the argument list is empty".to_owned()))?;
    let mut child = Command::new(program)
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| fail(format!("cannot start it: {e}")))?;
    // Read both pipes on threads so a chatty command cannot fill one and block.
    let mut stdout = child.stdout.take();
    let mut stderr = child.stderr.take();
    let out = std::thread::spawn(move || {
        let mut buf = Vec::new();
        if let Some(pipe) = stdout.as_mut() {
            let _ = pipe.take(MAX_OUTPUT).read_to_end(&mut buf);
        }
        buf
    });
    let err = std::thread::spawn(move || {
        let mut buf = Vec::new();
        if let Some(pipe) = stderr.as_mut() {
            let _ = pipe.take(MAX_OUTPUT).read_to_end(&mut buf);
        }
        buf
    });
    let started = Instant::now();
    let status = loop {
        match child.try_wait() {
            Ok(Some(status)) => break status,
            Ok(None) if started.elapsed() > COMMAND_TIMEOUT => {
                let _ = child.kill();
                let _ = child.wait();
                return Err(fail(format!(
                    "it did not finish within {COMMAND_TIMEOUT:?}"
                )));
            }
            Ok(None) => std::thread::sleep(Duration::from_millis(20)),
            Err(e) => return Err(fail(format!("cannot wait for it: {e}"))),
        }
    };
    let stdout = out.join().unwrap_or_default();
    let stderr = err.join().unwrap_or_default();
    if !status.success() {
        let said = sanitize_line(&String::from_utf8_lossy(&stderr));
        let said: String = said.chars().take(300).collect();
        return Err(fail(if said.is_empty() {
            format!("it exited with {status}")
        } else {
            format!("it exited with {status}: {said}")
        }));
    }
    let text = String::from_utf8(stdout).map_err(|_| fail("its output is not UTF-8".into()))?;
    let line = text.lines().next().unwrap_or("").trim_end_matches('\r');
    if line.is_empty() {
        return Err(fail("it printed nothing".to_owned()));
    }
    Ok(line.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn config(command: Option<&[&str]>, password: Option<&str>) -> SyncConfig {
        SyncConfig {
            url: "http://127.0.0.1:1/api/greader.php".into(),
            user: "alice".into(),
            password_command: command.map(|c| c.iter().map(|s| s.to_string()).collect()),
            password: password.map(str::to_owned),
        }
    }

    #[test]
    fn the_environment_wins() {
        let p = resolve_password(&config(None, Some("plain")), Some("env".into())).unwrap();
        assert_eq!(p.secret(), "env");
        assert!(p.warning.is_none());
    }

    #[test]
    fn a_plain_password_warns() {
        let p = resolve_password(&config(None, Some("plain")), None).unwrap();
        assert_eq!(p.secret(), "plain");
        assert!(p.warning.as_deref().unwrap().contains("in clear"));
        assert!(!format!("{p:?}").contains("plain"));
    }

    #[test]
    fn no_source_is_an_error() {
        let err = resolve_password(&config(None, None), Some(String::new())).unwrap_err();
        assert!(err.to_string().contains(PASSWORD_ENV), "{err}");
    }

    #[cfg(unix)]
    #[test]
    fn the_command_runs_without_a_shell_and_gives_its_first_line() {
        // Were this run by a shell, `$HOME` would be expanded and `;` would end the command.
        let argv = ["printf", "s3cret $HOME; x\\nsecond line\\n"];
        let p = resolve_password(&config(Some(&argv), Some("plain")), None).unwrap();
        assert_eq!(p.secret(), "s3cret $HOME; x");
        assert!(p.warning.is_none());
    }

    #[cfg(unix)]
    #[test]
    fn a_failing_command_says_why_without_the_output() {
        let argv = [
            "sh",
            "-c",
            "printf 'hunter%s' 2; echo 'no such entry' >&2; exit 3",
        ];
        let err = resolve_password(&config(Some(&argv), None), None).unwrap_err();
        let text = err.to_string();
        assert!(text.contains("no such entry"), "{text}");
        assert!(!text.contains("hunter2"), "{text}");
        let missing = ["/nonexistent/dateline-pass"];
        let err = resolve_password(&config(Some(&missing), None), None).unwrap_err();
        assert!(err.to_string().contains("cannot start it"), "{err}");
    }
}
