//! What can go wrong talking to a sync server, each case phrased so that `dateline sync
//! --check` can say exactly what to fix.
//!
//! The classification of transport failures (DNS, refused, TLS, timeout) walks reqwest's
//! error chain, because the telling part sits several layers down.

use std::io;
use std::time::Duration;

use chrono::{DateTime, Utc};

/// A failure of one exchange with the server, written for the user.
#[derive(Debug, thiserror::Error)]
pub enum SyncError {
    /// `[sync]` is incomplete or a value cannot be used (bad URL, no password).
    #[error("sync is not set up: {0}")]
    Config(String),
    /// The password command could not be run or failed.
    #[error("the password command {command} failed: {reason}")]
    PasswordCommand { command: String, reason: String },
    /// ClientLogin refused the user name or password.
    #[error(
        "the server refused the user name or password (HTTP {status}): check [sync] user and \
         the API password (FreshRSS: Profile > API password, not the web password)"
    )]
    BadCredentials { status: u16 },
    /// The URL answers, but not as a Google Reader API: wrong path, a web page, 404.
    #[error(
        "{url} is not a Google Reader API endpoint ({reason}); [sync] url must be the API \
         base, e.g. https://example.org/api/greader.php for FreshRSS or \
         https://example.org for Miniflux"
    )]
    NotGReader { url: String, reason: String },
    /// A request after login was refused: the session expired or the account lost access.
    #[error("the server refused the session (HTTP {status}) for {what}; log in again")]
    Unauthorized { status: u16, what: &'static str },
    /// The host name does not resolve.
    #[error("cannot resolve the sync server's host {0}")]
    Dns(String),
    /// No connection: refused, reset, unreachable (the server is down or the port wrong).
    #[error("cannot connect to the sync server: {0}")]
    Connect(String),
    /// The TLS handshake failed (certificate, protocol).
    #[error("TLS error with the sync server: {0}")]
    Tls(String),
    /// No complete answer within the time limit.
    #[error("the sync server did not answer {what} within {limit:?}")]
    Timeout { what: &'static str, limit: Duration },
    /// 429: the server asks us to slow down.
    #[error("the sync server is limiting requests (HTTP 429){}", retry_note(*retry_after))]
    RateLimited { retry_after: Option<DateTime<Utc>> },
    /// 5xx: the server failed.
    #[error("the sync server failed on {what} (HTTP {status}){}", retry_note(*retry_after))]
    Server {
        status: u16,
        what: &'static str,
        retry_after: Option<DateTime<Utc>>,
    },
    /// Another unexpected status.
    #[error(
        "the sync server answered {what} with HTTP {status}{}",
        detail_note(detail)
    )]
    Status {
        status: u16,
        what: &'static str,
        detail: String,
    },
    /// The body is not the JSON (or text) the API defines: truncated, garbled, HTML.
    #[error("the sync server's answer to {what} is malformed: {detail}")]
    Malformed { what: &'static str, detail: String },
    /// The body exceeded the cap; reading stopped there.
    #[error("the sync server's answer to {what} is larger than {limit} bytes, cut off")]
    TooLarge { what: &'static str, limit: u64 },
    /// The server understood but refused an action (quickadd of a broken feed, ...).
    #[error("the sync server refused {what}: {reason}")]
    Rejected { what: &'static str, reason: String },
    /// Anything else, already phrased for the user.
    #[error("{0}")]
    Other(String),
}

impl SyncError {
    /// True for failures that may go away by themselves (server down, overloaded, slow
    /// network): the caller keeps its queue and tries at the next sync.
    pub fn is_transient(&self) -> bool {
        matches!(
            self,
            SyncError::Dns(_)
                | SyncError::Connect(_)
                | SyncError::Timeout { .. }
                | SyncError::RateLimited { .. }
                | SyncError::Server { .. }
        )
    }

    /// True when the response was too large: the caller may retry with a smaller page.
    pub fn is_too_large(&self) -> bool {
        matches!(self, SyncError::TooLarge { .. })
    }
}

fn retry_note(at: Option<DateTime<Utc>>) -> String {
    at.map(|t| format!(", retry after {}", t.format("%Y-%m-%d %H:%M:%S UTC")))
        .unwrap_or_default()
}

fn detail_note(detail: &str) -> String {
    if detail.is_empty() {
        String::new()
    } else {
        format!(": {detail}")
    }
}

/// Turns a reqwest error into what the user needs to know.
pub(crate) fn from_reqwest(
    err: &reqwest::Error,
    authority: &str,
    what: &'static str,
    timeout: Duration,
    connect_timeout: Duration,
) -> SyncError {
    if err.is_timeout() {
        let limit = if err.is_connect() {
            connect_timeout
        } else {
            timeout
        };
        return SyncError::Timeout { what, limit };
    }
    let host = authority
        .rsplit_once(':')
        .map_or(authority, |(host, _)| host)
        .to_owned();
    let mut source: Option<&(dyn std::error::Error + 'static)> = Some(err);
    while let Some(cause) = source {
        let text = cause.to_string();
        let lower = text.to_ascii_lowercase();
        if lower == "dns error" || lower.starts_with("failed to lookup address") {
            return SyncError::Dns(host);
        }
        if let Some(io) = cause.downcast_ref::<io::Error>() {
            match io.kind() {
                io::ErrorKind::ConnectionRefused => {
                    return SyncError::Connect(format!(
                        "connection refused by {authority} (is the server running?)"
                    ));
                }
                io::ErrorKind::ConnectionReset => {
                    return SyncError::Connect(format!("connection reset by {authority}"));
                }
                io::ErrorKind::ConnectionAborted => {
                    return SyncError::Connect(format!("connection to {authority} aborted"));
                }
                io::ErrorKind::TimedOut => {
                    return SyncError::Timeout {
                        what,
                        limit: connect_timeout,
                    };
                }
                io::ErrorKind::HostUnreachable | io::ErrorKind::NetworkUnreachable => {
                    return SyncError::Connect(format!("{authority} is unreachable"));
                }
                io::ErrorKind::InvalidData if err.is_connect() || looks_like_tls(&lower) => {
                    let inner = io
                        .get_ref()
                        .map(ToString::to_string)
                        .unwrap_or_else(|| io.to_string());
                    return SyncError::Tls(inner);
                }
                _ => {}
            }
        }
        if looks_like_tls(&lower) && (err.is_connect() || lower.contains("certificate")) {
            return SyncError::Tls(text);
        }
        source = cause.source();
    }
    let detail = innermost(err);
    if err.is_connect() {
        SyncError::Connect(format!("{authority}: {detail}"))
    } else if err.is_body() || err.is_decode() {
        SyncError::Malformed {
            what,
            detail: format!("the answer broke off: {detail}"),
        }
    } else {
        SyncError::Other(format!("request to {authority} failed: {detail}"))
    }
}

fn looks_like_tls(lower: &str) -> bool {
    [
        "certificate",
        "tls",
        "handshake",
        "peer sent",
        "corrupt message",
        "alert",
    ]
    .iter()
    .any(|needle| lower.contains(needle))
}

fn innermost(err: &(dyn std::error::Error + 'static)) -> String {
    let mut last = err;
    while let Some(next) = last.source() {
        last = next;
    }
    last.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_name_what_to_fix() {
        let bad = SyncError::BadCredentials { status: 401 };
        assert!(bad.to_string().contains("HTTP 401"), "{bad}");
        assert!(bad.to_string().contains("[sync] user"), "{bad}");
        let wrong = SyncError::NotGReader {
            url: "http://h/x".into(),
            reason: "HTTP 404".into(),
        };
        assert!(wrong.to_string().contains("api/greader.php"), "{wrong}");
        let slow = SyncError::Timeout {
            what: "the login",
            limit: Duration::from_secs(3),
        };
        assert_eq!(
            slow.to_string(),
            "the sync server did not answer the login within 3s"
        );
    }

    #[test]
    fn transient_errors_are_the_ones_that_can_pass() {
        assert!(SyncError::Connect("x".into()).is_transient());
        assert!(SyncError::RateLimited { retry_after: None }.is_transient());
        assert!(!SyncError::BadCredentials { status: 401 }.is_transient());
        assert!(
            !SyncError::Malformed {
                what: "x",
                detail: "y".into()
            }
            .is_transient()
        );
    }
}
