//! The reader's downloads and saved files: an enclosure fetched into the download folder
//! with progress (podboat's job), and an article saved there as Markdown. Each runs as a
//! task of its own, so the reader never waits; progress and results come back as
//! [`WorkerEvent::Download`] and [`WorkerEvent::Saved`].

use std::path::PathBuf;
use std::time::{Duration, Instant};

use tokio::sync::mpsc;

use crate::config::Downloads;
use crate::fetch::{DownloadRequest, Fetcher};
use crate::worker::session::{DownloadProgress, WorkerEvent};

/// No byte for this long stops a download.
const STALL: Duration = Duration::from_secs(60);
/// A whole download may take this long.
const TOTAL: Duration = Duration::from_secs(4 * 3600);
/// Progress is reported at most this often.
const REPORT_EVERY: Duration = Duration::from_millis(250);

/// The download folder: the configured one (`~/` is the home directory), else the
/// platform's download folder's `dateline`, else `~/Downloads/dateline`.
pub fn download_dir(downloads: &Downloads) -> PathBuf {
    let home = directories::BaseDirs::new().map(|b| b.home_dir().to_path_buf());
    if let Some(dir) = &downloads.dir {
        if let (Some(rest), Some(home)) = (dir.strip_prefix("~/"), &home) {
            return home.join(rest);
        }
        return PathBuf::from(dir);
    }
    if let Some(dir) =
        directories::UserDirs::new().and_then(|u| u.download_dir().map(|d| d.to_path_buf()))
    {
        return dir.join("dateline");
    }
    home.unwrap_or_else(|| PathBuf::from("."))
        .join("Downloads")
        .join("dateline")
}

/// Starts downloading `url` as download `id`; reports progress (at most four times a
/// second) and the outcome.
pub fn spawn_download(
    fetcher: Fetcher,
    downloads: &Downloads,
    id: u64,
    url: String,
    events: mpsc::UnboundedSender<WorkerEvent>,
) {
    let request = DownloadRequest {
        url: url.clone(),
        dir: download_dir(downloads),
        max_bytes: downloads.max_bytes,
        stall: STALL,
        total: TOTAL,
    };
    tokio::spawn(async move {
        let mut last = Instant::now() - REPORT_EVERY;
        let report = |received, total, done| DownloadProgress {
            id,
            url: url.clone(),
            received,
            total,
            done,
        };
        let _ = events.send(WorkerEvent::Download(report(0, None, None)));
        let mut seen = (0, None);
        let result = fetcher
            .download(&request, |received, total| {
                seen = (received, total);
                if last.elapsed() >= REPORT_EVERY {
                    last = Instant::now();
                    let _ = events.send(WorkerEvent::Download(DownloadProgress {
                        id,
                        url: url.clone(),
                        received,
                        total,
                        done: None,
                    }));
                }
            })
            .await
            .map_err(|e| e.to_string());
        let _ = events.send(WorkerEvent::Download(report(seen.0, seen.1, Some(result))));
    });
}

/// Saves `text` as `name` in the download folder (a free name: ` (2)` added when taken).
pub fn spawn_save(
    downloads: &Downloads,
    name: String,
    text: String,
    events: mpsc::UnboundedSender<WorkerEvent>,
) {
    let dir = download_dir(downloads);
    tokio::spawn(async move {
        let result = async {
            tokio::fs::create_dir_all(&dir).await?;
            let (stem, ext) = match name.rfind('.') {
                Some(i) if i > 0 => (&name[..i], &name[i..]),
                _ => (name.as_str(), ""),
            };
            let mut path = dir.join(&name);
            let mut n = 2;
            while tokio::fs::try_exists(&path).await.unwrap_or(false) {
                path = dir.join(format!("{stem} ({n}){ext}"));
                n += 1;
            }
            tokio::fs::write(&path, text).await?;
            Ok::<_, std::io::Error>(path)
        }
        .await
        .map_err(|e| format!("cannot save in {}: {e}", dir.display()));
        let _ = events.send(WorkerEvent::Saved(result));
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_folder_is_the_configured_one_with_the_home_expanded() {
        let d = |dir: &str| Downloads {
            dir: Some(dir.into()),
            max_bytes: 1,
        };
        assert_eq!(download_dir(&d("/srv/pods")), PathBuf::from("/srv/pods"));
        let home = directories::BaseDirs::new()
            .unwrap()
            .home_dir()
            .to_path_buf();
        assert_eq!(download_dir(&d("~/Podcasts")), home.join("Podcasts"));
        assert!(download_dir(&Downloads::default()).ends_with("dateline"));
    }
}
