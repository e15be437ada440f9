//! Downloading an enclosure (a podcast episode) to a folder: streamed to a partial file,
//! renamed to its final name once complete, with a size cap, a stall timeout and a total
//! timeout, reporting progress as it goes.
//!
//! Why it exists: podboat's job, done by the worker so the reader never waits. It uses the
//! fetcher's one HTTP client (redirects followed here, http(s) only) and never touches the
//! cache. A failed or stopped download leaves no partial file behind.

use std::path::{Path, PathBuf};
use std::time::Duration;

use futures_util::StreamExt;
use reqwest::header;
use tokio::io::AsyncWriteExt;
use url::Url;

use super::http::{FetchError, Fetcher, MAX_REDIRECTS, map_reqwest_error, redirect_target};

/// One download.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DownloadRequest {
    /// An http(s) address.
    pub url: String,
    /// The folder to save into (created when missing).
    pub dir: PathBuf,
    /// Larger files are stopped (and removed).
    pub max_bytes: u64,
    /// No byte for this long stops the download.
    pub stall: Duration,
    /// The whole download may take this long.
    pub total: Duration,
}

impl Fetcher {
    /// Downloads `request.url` into `request.dir`, calling `progress(received, total)` after
    /// every chunk; returns the saved file's path. The file is written as `.NAME.part` and
    /// renamed to NAME (the address's last segment, made safe; ` (2)` and so on when taken)
    /// when complete.
    pub async fn download(
        &self,
        request: &DownloadRequest,
        progress: impl FnMut(u64, Option<u64>),
    ) -> Result<PathBuf, FetchError> {
        tokio::time::timeout(request.total, self.download_inner(request, progress))
            .await
            .unwrap_or(Err(FetchError::Timeout(request.total)))
    }

    async fn download_inner(
        &self,
        request: &DownloadRequest,
        mut progress: impl FnMut(u64, Option<u64>),
    ) -> Result<PathBuf, FetchError> {
        let (client, options) = self.client();
        let mut current = Url::parse(request.url.trim()).map_err(|e| FetchError::InvalidUrl {
            url: request.url.clone(),
            reason: e.to_string(),
        })?;
        if !matches!(current.scheme(), "http" | "https") {
            return Err(FetchError::InvalidUrl {
                url: request.url.clone(),
                reason: "only http and https addresses are downloaded".into(),
            });
        }
        let mut hops = 0;
        let response = loop {
            let response = client
                .get(current.clone())
                .timeout(request.total)
                .send()
                .await
                .map_err(|e| map_reqwest_error(&e, &current, options))?;
            let status = response.status();
            if matches!(status.as_u16(), 301 | 302 | 303 | 307 | 308) {
                hops += 1;
                if hops > MAX_REDIRECTS {
                    return Err(FetchError::TooManyRedirects);
                }
                current = redirect_target(&current, response.headers())?;
                continue;
            }
            if !status.is_success() {
                return Err(FetchError::Status {
                    status: status.as_u16(),
                    retry_after: None,
                });
            }
            break response;
        };
        let limit = request.max_bytes;
        let total = response.content_length();
        if total.is_some_and(|t| t > limit) {
            return Err(FetchError::TooLarge { limit });
        }
        let name = file_name(&current, response.headers().get(header::CONTENT_TYPE));
        let file_error = |e: std::io::Error| FetchError::File {
            path: request.dir.display().to_string(),
            reason: e.to_string(),
        };
        tokio::fs::create_dir_all(&request.dir)
            .await
            .map_err(file_error)?;
        let partial = request.dir.join(format!(".{name}.part"));
        let result = async {
            let mut file = tokio::fs::File::create(&partial)
                .await
                .map_err(file_error)?;
            let mut received: u64 = 0;
            let mut stream = response.bytes_stream();
            loop {
                let next = tokio::time::timeout(request.stall, stream.next())
                    .await
                    .map_err(|_| FetchError::Timeout(request.stall))?;
                let Some(chunk) = next else { break };
                let chunk = chunk.map_err(|e| map_reqwest_error(&e, &current, options))?;
                received = received.saturating_add(chunk.len() as u64);
                if received > limit {
                    return Err(FetchError::TooLarge { limit });
                }
                file.write_all(&chunk).await.map_err(file_error)?;
                progress(received, total);
            }
            file.flush().await.map_err(file_error)?;
            file.sync_all().await.map_err(file_error)?;
            let target = free_name(&request.dir, &name);
            tokio::fs::rename(&partial, &target)
                .await
                .map_err(file_error)?;
            Ok(target)
        }
        .await;
        if result.is_err() {
            let _ = tokio::fs::remove_file(&partial).await;
        }
        result
    }
}

/// A safe file name from the address's last segment: letters, digits, `.`, `-`, `_` and
/// spaces kept, anything else `_`, no leading dot, at most 120 characters; `download` (with
/// an extension from the content type when known) when nothing is left.
fn file_name(url: &Url, content_type: Option<&header::HeaderValue>) -> String {
    let last = url
        .path_segments()
        .and_then(|mut s| s.next_back())
        .unwrap_or_default();
    let decoded = percent_decode(last);
    let mut name: String = decoded
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || matches!(c, '.' | '-' | '_' | ' ') {
                c
            } else {
                '_'
            }
        })
        .collect();
    name = name.trim_start_matches(['.', ' ']).trim_end().to_string();
    if name.chars().count() > 120 {
        name = name
            .chars()
            .rev()
            .take(120)
            .collect::<Vec<_>>()
            .into_iter()
            .rev()
            .collect();
    }
    if name.is_empty() {
        let ext = content_type
            .and_then(|v| v.to_str().ok())
            .and_then(|t| match t.split(';').next().unwrap_or("").trim() {
                "audio/mpeg" => Some(".mp3"),
                "audio/mp4" | "audio/x-m4a" => Some(".m4a"),
                "audio/ogg" => Some(".ogg"),
                "video/mp4" => Some(".mp4"),
                _ => None,
            })
            .unwrap_or("");
        name = format!("download{ext}");
    }
    name
}

/// `%20` and friends decoded; invalid sequences kept as written.
fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%'
            && let Some(hex) = s.get(i + 1..i + 3)
            && let Ok(b) = u8::from_str_radix(hex, 16)
        {
            out.push(b);
            i += 3;
            continue;
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// `dir/name`, or `dir/stem (2).ext` and so on when that is taken.
fn free_name(dir: &Path, name: &str) -> PathBuf {
    let first = dir.join(name);
    if !first.exists() {
        return first;
    }
    let (stem, ext) = match name.rfind('.') {
        Some(i) if i > 0 => (&name[..i], &name[i..]),
        _ => (name, ""),
    };
    for n in 2..10_000 {
        let candidate = dir.join(format!("{stem} ({n}){ext}"));
        if !candidate.exists() {
            return candidate;
        }
    }
    dir.join(format!("{stem} ({}){ext}", std::process::id()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_come_from_the_address_and_are_made_safe() {
        let url = |u: &str| Url::parse(u).unwrap();
        assert_eq!(
            file_name(&url("https://x.example/ep/42.mp3?t=1"), None),
            "42.mp3"
        );
        assert_eq!(
            file_name(&url("https://x.example/My%20Show%20%231.mp3"), None),
            "My Show _1.mp3"
        );
        assert_eq!(
            file_name(&url("https://x.example/..%2F..%2Fetc"), None),
            "_.._etc"
        );
        let mp3 = header::HeaderValue::from_static("audio/mpeg");
        assert_eq!(
            file_name(&url("https://x.example/"), Some(&mp3)),
            "download.mp3"
        );
    }

    #[test]
    fn a_taken_name_gets_a_number() {
        let dir = tempfile::tempdir().unwrap();
        assert_eq!(free_name(dir.path(), "a.mp3"), dir.path().join("a.mp3"));
        std::fs::write(dir.path().join("a.mp3"), "x").unwrap();
        assert_eq!(free_name(dir.path(), "a.mp3"), dir.path().join("a (2).mp3"));
    }
}
