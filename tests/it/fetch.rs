//! Integration tests: fetch.
//!
//! The fetcher against a real HTTP server on 127.0.0.1 (see `support`): validators, redirects,
//! status codes, timeouts, byte caps, compression, discovery, concurrency limits, local files.

use std::time::{Duration, Instant};

use chrono::{TimeZone, Utc};
use dateline::fetch::discover::{alternate_feeds, looks_like_html};
use dateline::fetch::{FetchError, FetchRequest, FetchResponse, Fetcher, FetcherOptions};

use crate::support::{Reply, Route, TestServer, unused_port};

const RSS: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Test</title><link>http://example.org/</link>
<item><title>One</title><guid>1</guid></item></channel></rss>"#;

const CAP: u64 = 1 << 20;

fn options(timeout: Duration) -> FetcherOptions {
    FetcherOptions {
        concurrency: 8,
        per_host: 4,
        connect_timeout: Duration::from_secs(2),
        timeout,
        max_bytes: CAP,
        user_agent: "dateline-test/0.1".to_owned(),
    }
}

fn fetcher() -> Fetcher {
    Fetcher::new(options(Duration::from_secs(10))).expect("fetcher")
}

fn get(url: &str) -> FetchRequest {
    FetchRequest {
        url: url.to_owned(),
        etag: None,
        last_modified: None,
    }
}

fn modified(
    response: FetchResponse,
) -> (
    Vec<u8>,
    String,
    Option<String>,
    Option<String>,
    Option<String>,
) {
    match response {
        FetchResponse::Modified {
            body,
            final_url,
            etag,
            last_modified,
            moved_to,
            ..
        } => (body, final_url, etag, last_modified, moved_to),
        other => panic!("expected a body, got {other:?}"),
    }
}

#[tokio::test]
async fn etag_round_trip_gives_200_then_304() {
    let server = TestServer::start();
    server.route("/feed", Reply::new(200).header("ETag", "\"v1\"").body(RSS));
    let fetcher = fetcher();

    let first = fetcher
        .fetch(&get(&server.url("/feed")))
        .await
        .expect("first fetch");
    let (body, final_url, etag, _, moved_to) = modified(first);
    assert_eq!(body, RSS.as_bytes());
    assert_eq!(final_url, server.url("/feed"));
    assert_eq!(etag.as_deref(), Some("\"v1\""));
    assert_eq!(moved_to, None);

    let second = fetcher
        .fetch(&FetchRequest {
            etag,
            ..get(&server.url("/feed"))
        })
        .await
        .expect("second fetch");
    assert_eq!(second, FetchResponse::NotModified { moved_to: None });

    let requests = server.requests("/feed");
    assert_eq!(requests.len(), 2);
    assert_eq!(requests[0].header("if-none-match"), None);
    assert_eq!(requests[1].header("if-none-match"), Some("\"v1\""));
    assert_eq!(requests[0].header("user-agent"), Some("dateline-test/0.1"));
    assert!(
        requests[0]
            .header("accept-encoding")
            .is_some_and(|v| v.contains("gzip"))
    );
}

#[tokio::test]
async fn last_modified_round_trip_gives_304() {
    let server = TestServer::start();
    let date = "Wed, 01 May 2024 10:00:00 GMT";
    server.route(
        "/feed",
        Reply::new(200).header("Last-Modified", date).body(RSS),
    );
    let fetcher = fetcher();

    let (_, _, etag, last_modified, _) = modified(
        fetcher
            .fetch(&get(&server.url("/feed")))
            .await
            .expect("first"),
    );
    assert_eq!(etag, None);
    assert_eq!(last_modified.as_deref(), Some(date));

    let second = fetcher
        .fetch(&FetchRequest {
            last_modified,
            ..get(&server.url("/feed"))
        })
        .await
        .expect("second");
    assert_eq!(second, FetchResponse::NotModified { moved_to: None });
    assert_eq!(
        server.requests("/feed")[1].header("if-modified-since"),
        Some(date)
    );
}

#[tokio::test]
async fn permanent_redirects_are_recorded_and_temporary_ones_are_not() {
    let server = TestServer::start();
    server.route("/feed", Reply::new(200).header("ETag", "\"x\"").body(RSS));
    server.route("/moved-301", Route::redirect(301, "/feed"));
    server.route("/moved-308", Route::redirect(308, &server.url("/feed")));
    server.route("/temp-302", Route::redirect(302, "feed"));
    // A permanent move to a URL that itself redirects temporarily: the feed lives at the
    // permanent target, not at the temporary one.
    server.route("/chain", Route::redirect(301, "/temp-302"));
    let fetcher = fetcher();
    let target = server.url("/feed");

    for (path, expected) in [
        ("/moved-301", Some(target.clone())),
        ("/moved-308", Some(target.clone())),
        ("/temp-302", None),
        ("/chain", Some(server.url("/temp-302"))),
    ] {
        let (body, final_url, _, _, moved_to) =
            modified(fetcher.fetch(&get(&server.url(path))).await.expect(path));
        assert_eq!(body, RSS.as_bytes(), "{path}");
        assert_eq!(final_url, target, "{path}");
        assert_eq!(moved_to, expected, "{path}");
    }

    // The validators travel with the redirect, and a 304 still reports the move.
    let response = fetcher
        .fetch(&FetchRequest {
            etag: Some("\"x\"".to_owned()),
            ..get(&server.url("/moved-301"))
        })
        .await
        .expect("conditional through a redirect");
    assert_eq!(
        response,
        FetchResponse::NotModified {
            moved_to: Some(target)
        }
    );
    let last = server
        .requests("/feed")
        .pop()
        .expect("a request reached /feed");
    assert_eq!(last.header("if-none-match"), Some("\"x\""));
}

#[tokio::test]
async fn redirect_loops_and_long_chains_stop() {
    let server = TestServer::start();
    server.route("/a", Route::redirect(302, "/b"));
    server.route("/b", Route::redirect(301, "/a"));
    for i in 0..7 {
        server.route(
            &format!("/hop{i}"),
            Route::redirect(307, &format!("/hop{}", i + 1)),
        );
    }
    server.route("/hop7", Reply::new(200).body(RSS));
    let fetcher = fetcher();

    let looped = fetcher.fetch(&get(&server.url("/a"))).await;
    assert!(
        matches!(looped, Err(FetchError::TooManyRedirects)),
        "{looped:?}"
    );
    assert!(server.stats("/a").requests <= 6);

    let long = fetcher.fetch(&get(&server.url("/hop0"))).await;
    assert!(
        matches!(long, Err(FetchError::TooManyRedirects)),
        "{long:?}"
    );
    assert_eq!(server.stats("/hop7").requests, 0);

    // Five hops are fine.
    let five = fetcher.fetch(&get(&server.url("/hop2"))).await;
    assert!(
        matches!(five, Ok(FetchResponse::Modified { .. })),
        "{five:?}"
    );
}

#[tokio::test]
async fn error_statuses_carry_retry_after_only_on_429_and_503() {
    let server = TestServer::start();
    server.route("/404", Reply::new(404).body("gone"));
    server.route("/500", Reply::new(500).header("Retry-After", "60"));
    server.route("/429", Reply::new(429).header("Retry-After", "120"));
    server.route(
        "/503",
        Reply::new(503).header("Retry-After", "Fri, 31 Dec 2060 23:59:59 GMT"),
    );
    let fetcher = fetcher();

    let status = |r: Result<FetchResponse, FetchError>| match r {
        Err(FetchError::Status {
            status,
            retry_after,
        }) => (status, retry_after),
        other => panic!("expected a status error, got {other:?}"),
    };
    assert_eq!(
        status(fetcher.fetch(&get(&server.url("/404"))).await),
        (404, None)
    );
    assert_eq!(
        status(fetcher.fetch(&get(&server.url("/500"))).await),
        (500, None)
    );

    let before = Utc::now();
    let (code, at) = status(fetcher.fetch(&get(&server.url("/429"))).await);
    assert_eq!(code, 429);
    let at = at.expect("retry-after parsed");
    let ahead = (at - before).num_seconds();
    assert!((118..=125).contains(&ahead), "retry after {ahead}s");

    let (code, at) = status(fetcher.fetch(&get(&server.url("/503"))).await);
    assert_eq!(code, 503);
    assert_eq!(at, Utc.with_ymd_and_hms(2060, 12, 31, 23, 59, 59).single());
    let message = fetcher
        .fetch(&get(&server.url("/503")))
        .await
        .err()
        .map(|e| e.to_string());
    assert_eq!(
        message.as_deref(),
        Some("HTTP 503, retry after 2060-12-31 23:59 UTC")
    );
}

#[tokio::test]
async fn a_silent_server_times_out_quickly() {
    let server = TestServer::start();
    server.route("/silent", Route::Silent);
    let fetcher = Fetcher::new(options(Duration::from_millis(1500))).expect("fetcher");

    let started = Instant::now();
    let result = fetcher.fetch(&get(&server.url("/silent"))).await;
    let took = started.elapsed();
    assert!(matches!(result, Err(FetchError::Timeout(_))), "{result:?}");
    assert!(
        took >= Duration::from_millis(1400),
        "gave up too early: {took:?}"
    );
    assert!(took < Duration::from_secs(5), "took {took:?}");
    assert_eq!(server.stats("/silent").requests, 1);
}

#[tokio::test]
async fn an_endless_body_is_cut_off_at_the_cap() {
    let server = TestServer::start();
    server.route("/endless", Route::Endless);
    let fetcher = fetcher();

    let started = Instant::now();
    let result = fetcher.fetch(&get(&server.url("/endless"))).await;
    assert!(
        matches!(result, Err(FetchError::TooLarge { limit: CAP })),
        "{result:?}"
    );
    assert!(started.elapsed() < Duration::from_secs(5));

    // Once the client hangs up, the server's writes fail; give it a moment to notice.
    tokio::time::sleep(Duration::from_millis(300)).await;
    let sent = server.stats("/endless").bytes_sent;
    tokio::time::sleep(Duration::from_millis(300)).await;
    let later = server.stats("/endless").bytes_sent;
    assert!(sent > CAP, "the server sent only {sent} bytes");
    assert_eq!(sent, later, "the server is still sending");
    // The server paces itself so that socket buffers stay nearly empty: what it wrote is
    // close to what the client read (measured: cap + 16 KiB).
    assert!(
        sent < CAP + (768 << 10),
        "the client read on: the server sent {sent} bytes"
    );
}

#[tokio::test]
async fn an_announced_oversized_body_is_refused_before_reading() {
    let server = TestServer::start();
    let body = vec![b'x'; usize::try_from(CAP).expect("small cap") + 10];
    server.route("/big", Reply::new(200).body(body));
    let result = fetcher().fetch(&get(&server.url("/big"))).await;
    assert!(
        matches!(result, Err(FetchError::TooLarge { limit: CAP })),
        "{result:?}"
    );
}

#[tokio::test]
async fn gzip_bodies_are_decompressed() {
    let server = TestServer::start();
    server.route(
        "/gz",
        Reply::new(200)
            .header("Content-Type", "application/rss+xml")
            .body(RSS)
            .gzip(),
    );
    let (body, ..) = modified(
        fetcher()
            .fetch(&get(&server.url("/gz")))
            .await
            .expect("gzip fetch"),
    );
    assert_eq!(body, RSS.as_bytes());
}

#[tokio::test]
async fn a_gzip_bomb_is_cut_off_after_decompression() {
    let server = TestServer::start();
    let huge = vec![b' '; 64 << 20];
    let reply = Reply::new(200).body(huge).gzip();
    server.route("/bomb", reply);
    let started = Instant::now();
    let result = fetcher().fetch(&get(&server.url("/bomb"))).await;
    assert!(
        matches!(result, Err(FetchError::TooLarge { limit: CAP })),
        "{result:?}"
    );
    assert!(started.elapsed() < Duration::from_secs(5));
    // The whole bomb is small: the cap must have applied to what it expands to.
    assert!(server.stats("/bomb").bytes_sent < CAP);
}

#[tokio::test]
async fn an_html_page_yields_its_feed_links() {
    let server = TestServer::start();
    let page = r#"<!DOCTYPE html><html><head><title>Blog</title>
<link rel="alternate" type="application/rss+xml" href="/feed.xml">
<link rel="alternate" type="application/atom+xml" href="atom.xml">
</head><body>hi</body></html>"#;
    server.route(
        "/blog/",
        Reply::new(200)
            .header("Content-Type", "text/html; charset=utf-8")
            .body(page),
    );
    let response = fetcher()
        .fetch(&get(&server.url("/blog/")))
        .await
        .expect("page");
    let FetchResponse::Modified {
        body,
        final_url,
        content_type,
        ..
    } = response
    else {
        panic!("expected a body");
    };
    assert!(looks_like_html(&body, content_type.as_deref()));
    assert_eq!(
        alternate_feeds(&body, &final_url),
        vec![server.url("/feed.xml"), server.url("/blog/atom.xml")]
    );
}

#[tokio::test]
async fn connection_refused_is_a_connect_error() {
    let url = format!("http://127.0.0.1:{}/feed", unused_port());
    let result = fetcher().fetch(&get(&url)).await;
    match result {
        Err(FetchError::Connect(message)) => assert!(message.contains("refused"), "{message}"),
        other => panic!("expected a connect error, got {other:?}"),
    }
}

#[tokio::test]
async fn an_unresolvable_host_is_a_dns_error() {
    let result = fetcher().fetch(&get("http://nonexistent.invalid/")).await;
    match result {
        Err(err @ FetchError::Dns { .. }) => {
            assert_eq!(err.to_string(), "cannot resolve host nonexistent.invalid");
        }
        other => panic!("expected a DNS error, got {other:?}"),
    }
}

#[tokio::test]
async fn tls_to_a_plain_http_server_is_a_tls_error() {
    let server = TestServer::start();
    server.route("/feed", Reply::new(200).body(RSS));
    let url = server.url("/feed").replacen("http://", "https://", 1);
    let result = fetcher().fetch(&get(&url)).await;
    match result {
        Err(err @ FetchError::Tls(_)) => {
            assert!(err.to_string().starts_with("TLS error: "), "{err}")
        }
        other => panic!("expected a TLS error, got {other:?}"),
    }
}

#[tokio::test]
async fn per_host_limit_holds() {
    let server = TestServer::start();
    server.route(
        "/slow",
        Reply::new(200).body(RSS).delay(Duration::from_millis(300)),
    );
    let fetcher = Fetcher::new(FetcherOptions {
        per_host: 2,
        ..options(Duration::from_secs(10))
    })
    .expect("fetcher");

    let started = Instant::now();
    let tasks: Vec<_> = (0..6)
        .map(|i| {
            let fetcher = fetcher.clone();
            let request = get(&server.url(&format!("/slow?n={i}")));
            tokio::spawn(async move { fetcher.fetch(&request).await })
        })
        .collect();
    for task in tasks {
        let result = task.await.expect("task");
        assert!(
            matches!(result, Ok(FetchResponse::Modified { .. })),
            "{result:?}"
        );
    }
    let stats = server.stats("/slow");
    assert_eq!(stats.requests, 6);
    assert_eq!(
        stats.max_concurrent, 2,
        "the host saw {} at once",
        stats.max_concurrent
    );
    assert!(
        started.elapsed() >= Duration::from_millis(850),
        "{:?}",
        started.elapsed()
    );
}

#[tokio::test]
async fn a_busy_host_does_not_hold_global_slots() {
    let busy = TestServer::start();
    busy.route(
        "/slow",
        Reply::new(200).body(RSS).delay(Duration::from_millis(700)),
    );
    let other = TestServer::start();
    other.route("/feed", Reply::new(200).body(RSS));
    // Two global slots, one per host: three feeds of the busy host queue for their host,
    // and must not take the slot the other host needs.
    let fetcher = Fetcher::new(FetcherOptions {
        concurrency: 2,
        per_host: 1,
        ..options(Duration::from_secs(10))
    })
    .expect("fetcher");

    let started = Instant::now();
    let busy_tasks: Vec<_> = (0..3)
        .map(|_| {
            let fetcher = fetcher.clone();
            let request = get(&busy.url("/slow"));
            tokio::spawn(async move { fetcher.fetch(&request).await })
        })
        .collect();
    tokio::time::sleep(Duration::from_millis(100)).await;
    let quick = fetcher.fetch(&get(&other.url("/feed"))).await;
    let quick_took = started.elapsed();
    assert!(
        matches!(quick, Ok(FetchResponse::Modified { .. })),
        "{quick:?}"
    );
    assert!(
        quick_took < Duration::from_millis(650),
        "the other host waited {quick_took:?}"
    );
    for task in busy_tasks {
        assert!(task.await.expect("task").is_ok());
    }
    assert_eq!(busy.stats("/slow").max_concurrent, 1);
}

#[tokio::test]
async fn one_silent_feed_does_not_delay_the_others() {
    let server = TestServer::start();
    server.route("/silent", Route::Silent);
    server.route(
        "/good",
        Reply::new(200).body(RSS).delay(Duration::from_millis(50)),
    );
    let timeout = Duration::from_secs(2);
    let fetcher = Fetcher::new(FetcherOptions {
        concurrency: 4,
        per_host: 4,
        ..options(timeout)
    })
    .expect("fetcher");

    let started = Instant::now();
    let silent = {
        let fetcher = fetcher.clone();
        let request = get(&server.url("/silent"));
        tokio::spawn(async move { fetcher.fetch(&request).await })
    };
    let good: Vec<_> = (0..10)
        .map(|i| {
            let fetcher = fetcher.clone();
            let request = get(&server.url(&format!("/good?n={i}")));
            tokio::spawn(async move {
                let result = fetcher.fetch(&request).await;
                (result, started.elapsed())
            })
        })
        .collect();
    for task in good {
        let (result, finished) = task.await.expect("task");
        assert!(
            matches!(result, Ok(FetchResponse::Modified { .. })),
            "{result:?}"
        );
        assert!(
            finished < timeout / 2,
            "a good feed finished after {finished:?}"
        );
    }
    let silent = silent.await.expect("task");
    assert!(matches!(silent, Err(FetchError::Timeout(_))), "{silent:?}");
    assert!(started.elapsed() >= timeout - Duration::from_millis(100));
    assert_eq!(server.stats("/good").requests, 10);
}

#[tokio::test]
async fn local_files_are_read_and_unchanged_ones_are_not_modified() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("local feed.xml");
    std::fs::write(&path, RSS).expect("write feed");
    let url = url::Url::from_file_path(&path)
        .expect("file url")
        .to_string();
    assert!(url.contains("%20"));
    let fetcher = fetcher();

    let (body, final_url, etag, last_modified, _) =
        modified(fetcher.fetch(&get(&url)).await.expect("file"));
    assert_eq!(body, RSS.as_bytes());
    assert_eq!(final_url, url);
    assert_eq!(etag, None);
    let last_modified = last_modified.expect("mtime");

    let again = fetcher
        .fetch(&FetchRequest {
            last_modified: Some(last_modified.clone()),
            ..get(&url)
        })
        .await
        .expect("again");
    assert_eq!(again, FetchResponse::NotModified { moved_to: None });

    // A plain path works too, and a stale validator gets the body.
    let plain = fetcher
        .fetch(&FetchRequest {
            url: path.display().to_string(),
            etag: None,
            last_modified: Some("Mon, 01 Jan 2001 00:00:00 +0000".to_owned()),
        })
        .await
        .expect("plain path");
    assert!(matches!(plain, FetchResponse::Modified { .. }));

    let missing = fetcher
        .fetch(&get(&dir.path().join("nope.xml").display().to_string()))
        .await;
    assert!(
        matches!(missing, Err(FetchError::File { .. })),
        "{missing:?}"
    );
}

#[tokio::test]
async fn an_oversized_local_file_is_refused() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("big.xml");
    std::fs::write(
        &path,
        vec![b'x'; usize::try_from(CAP).expect("small cap") + 1],
    )
    .expect("write");
    let result = fetcher().fetch(&get(&path.display().to_string())).await;
    assert!(
        matches!(result, Err(FetchError::TooLarge { limit: CAP })),
        "{result:?}"
    );
}
