//! `[sync]`: the reading-state server's settings, as written and as checked.

use std::fmt;

use serde::Deserialize;
use toml::Spanned;

use super::{Bad, bad};

/// `[sync]`: a Google Reader API server that owns the subscriptions and reading state.
/// Only `server = "greader"` exists; the password is resolved when it is needed (see
/// [`crate::sync::resolve_password`]), never at load time.
#[derive(Clone, PartialEq, Eq)]
pub struct SyncConfig {
    /// The API base, `http(s)://…` (FreshRSS: `https://host/api/greader.php`).
    pub url: String,
    pub user: String,
    /// An argument list run without a shell whose first output line is the password.
    pub password_command: Option<Vec<String>>,
    /// A password in clear (works, with a warning).
    pub password: Option<String>,
}

impl fmt::Debug for SyncConfig {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SyncConfig")
            .field("url", &self.url)
            .field("user", &self.user)
            .field("password_command", &self.password_command)
            .field("password", &self.password.as_ref().map(|_| "(hidden)"))
            .finish()
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawSync {
    server: Spanned<String>,
    url: Spanned<String>,
    user: Spanned<String>,
    password_command: Option<Spanned<Vec<String>>>,
    password: Option<Spanned<String>>,
}

/// Checks `[sync]`: a known server kind, an http(s) URL, a user, at most one password source.
pub(super) fn validate_sync(raw: RawSync) -> Result<SyncConfig, Bad> {
    if raw.server.get_ref() != "greader" {
        return Err(bad(
            raw.server.span().start,
            "sync.server",
            format!(
                "{:?} is not a known server kind: use \"greader\" (FreshRSS, Miniflux, \
                 Inoreader, The Old Reader, BazQux)",
                raw.server.get_ref()
            ),
        ));
    }
    let url_at = raw.url.span().start;
    let url = raw.url.into_inner();
    match url::Url::parse(url.trim()) {
        Ok(u) if matches!(u.scheme(), "http" | "https") && u.host_str().is_some() => {}
        _ => {
            return Err(bad(
                url_at,
                "sync.url",
                format!(
                    "{url:?} is not an http:// or https:// address: give the API base, e.g. \
                     https://example.org/api/greader.php"
                ),
            ));
        }
    }
    if raw.user.get_ref().trim().is_empty() {
        return Err(bad(raw.user.span().start, "sync.user", "is empty"));
    }
    let password_command = match raw.password_command {
        None => None,
        Some(argv) => {
            let at = argv.span().start;
            let argv = argv.into_inner();
            if argv.first().is_none_or(|p| p.trim().is_empty()) {
                return Err(bad(
                    at,
                    "sync.password_command",
                    "needs a program and its arguments, e.g. [\"pass\", \"show\", \"freshrss\"]",
                ));
            }
            Some(argv)
        }
    };
    if let (Some(_), Some(p)) = (&password_command, &raw.password) {
        return Err(bad(
            p.span().start,
            "sync.password",
            "set either password_command or password, not both",
        ));
    }
    Ok(SyncConfig {
        url: url.trim().to_owned(),
        user: raw.user.into_inner(),
        password_command,
        password: raw.password.map(Spanned::into_inner),
    })
}
