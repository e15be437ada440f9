//! What a failed request means for the user: reqwest's error chain, walked down to the
//! part that explains it (DNS, refused, TLS, a timeout and which limit it hit).

use std::io;

use url::Url;

use super::{FetchError, FetcherOptions};

/// Turns a reqwest error into what the user needs to know, by walking its `source()` chain:
/// the interesting part (DNS, refused, TLS) sits several layers down.
pub(in crate::fetch) fn map_reqwest_error(
    err: &reqwest::Error,
    url: &Url,
    options: &FetcherOptions,
) -> FetchError {
    let host = url.host_str().unwrap_or_default().to_owned();
    let authority = match url.port_or_known_default() {
        Some(port) => format!("{host}:{port}"),
        None => host.clone(),
    };
    if err.is_timeout() {
        let limit = if err.is_connect() {
            options.connect_timeout
        } else {
            options.timeout
        };
        return FetchError::Timeout(limit);
    }

    let mut source: Option<&(dyn std::error::Error + 'static)> = Some(err);
    while let Some(cause) = source {
        let text = cause.to_string();
        let lower = text.to_ascii_lowercase();
        // hyper-util's connector labels resolver failures "dns error"; getaddrinfo's own
        // message surfaces as "failed to lookup address information".
        if lower == "dns error" || lower.starts_with("failed to lookup address") {
            return FetchError::Dns { host };
        }
        if let Some(io) = cause.downcast_ref::<io::Error>() {
            match io.kind() {
                io::ErrorKind::ConnectionRefused => {
                    return FetchError::Connect(format!("connection refused by {authority}"));
                }
                io::ErrorKind::ConnectionReset => {
                    return FetchError::Connect(format!("connection reset by {authority}"));
                }
                io::ErrorKind::ConnectionAborted => {
                    return FetchError::Connect(format!("connection to {authority} aborted"));
                }
                io::ErrorKind::TimedOut => return FetchError::Timeout(options.connect_timeout),
                // Some resolvers report "no such host" as NotFound.
                io::ErrorKind::NotFound if err.is_connect() => return FetchError::Dns { host },
                io::ErrorKind::HostUnreachable | io::ErrorKind::NetworkUnreachable => {
                    return FetchError::Connect(format!("{authority} is unreachable"));
                }
                // rustls reports handshake and certificate failures as InvalidData io errors
                // wrapping its own error.
                io::ErrorKind::InvalidData if err.is_connect() || looks_like_tls(&lower) => {
                    return FetchError::Tls(tls_message(io));
                }
                _ => {}
            }
        }
        if looks_like_tls(&lower) && (err.is_connect() || lower.contains("certificate")) {
            return FetchError::Tls(text);
        }
        source = cause.source();
    }

    let detail = innermost(err);
    if err.is_connect() {
        FetchError::Connect(format!("{authority}: {detail}"))
    } else if err.is_body() || err.is_decode() {
        FetchError::Other(format!(
            "error reading the response from {authority}: {detail}"
        ))
    } else {
        FetchError::Other(format!("request to {authority} failed: {detail}"))
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

/// The message of the error inside an io error (rustls's own), or the io error's.
fn tls_message(io: &io::Error) -> String {
    io.get_ref()
        .map(ToString::to_string)
        .unwrap_or_else(|| io.to_string())
}

/// The last error of a chain: usually the most specific one.
pub(super) fn innermost(err: &(dyn std::error::Error + 'static)) -> String {
    let mut last = err;
    while let Some(next) = last.source() {
        last = next;
    }
    last.to_string()
}

pub(super) fn describe_io(err: &io::Error) -> String {
    match err.kind() {
        io::ErrorKind::NotFound => "no such file".to_owned(),
        io::ErrorKind::PermissionDenied => "permission denied".to_owned(),
        io::ErrorKind::IsADirectory => "it is a directory".to_owned(),
        _ => err.to_string(),
    }
}
