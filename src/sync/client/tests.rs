//! The client against canned answers recorded from FreshRSS (`tests/fixtures/greader/`) and
//! against the faults real servers produce, served by a small HTTP server on 127.0.0.1.
//! The integration tests (`tests/it/sync.rs`) run it against a real FreshRSS.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpListener;

use super::*;
use crate::config::SyncConfig;
use crate::sync::resolve_password;

fn fixture(name: &str) -> Vec<u8> {
    let path = format!(
        "{}/tests/fixtures/greader/{name}",
        env!("CARGO_MANIFEST_DIR")
    );
    std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// A canned answer.
#[derive(Clone)]
struct Canned {
    status: u16,
    content_type: &'static str,
    body: Vec<u8>,
    delay: Duration,
    headers: Vec<(&'static str, String)>,
}

fn ok(body: Vec<u8>) -> Canned {
    Canned {
        status: 200,
        content_type: "application/json",
        body,
        delay: Duration::ZERO,
        headers: Vec::new(),
    }
}

fn status(code: u16, body: &str) -> Canned {
    Canned {
        status: code,
        content_type: "text/plain",
        body: body.as_bytes().to_vec(),
        delay: Duration::ZERO,
        headers: Vec::new(),
    }
}

/// One request as the server saw it.
#[derive(Debug, Clone)]
struct Seen {
    path: String,
    query: String,
    body: String,
    authorization: Option<String>,
}

/// Answers by path (without the query); an answer list is used in turn, its last entry
/// repeated. Unknown paths get 404.
#[derive(Clone, Default)]
struct Canner {
    routes: Arc<Mutex<HashMap<String, Vec<Canned>>>>,
    seen: Arc<Mutex<Vec<Seen>>>,
}

impl Canner {
    fn route(&self, path: &str, answers: Vec<Canned>) {
        self.routes.lock().unwrap().insert(path.to_owned(), answers);
    }

    fn seen(&self, path: &str) -> Vec<Seen> {
        self.seen
            .lock()
            .unwrap()
            .iter()
            .filter(|s| s.path == path)
            .cloned()
            .collect()
    }

    async fn start(&self) -> String {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        let me = self.clone();
        tokio::spawn(async move {
            loop {
                let Ok((mut socket, _)) = listener.accept().await else {
                    return;
                };
                let me = me.clone();
                tokio::spawn(async move {
                    let mut buf = Vec::new();
                    let mut chunk = [0u8; 8192];
                    let head_end = loop {
                        let n = socket.read(&mut chunk).await.unwrap_or(0);
                        if n == 0 {
                            return;
                        }
                        buf.extend_from_slice(&chunk[..n]);
                        if buf[0] == 0x16 {
                            // A TLS handshake: answer in plain HTTP, as a plain server would.
                            let _ = socket.write_all(b"HTTP/1.1 400 Bad Request\r\n\r\n").await;
                            return;
                        }
                        if let Some(i) = buf.windows(4).position(|w| w == b"\r\n\r\n") {
                            break i + 4;
                        }
                    };
                    let head = String::from_utf8_lossy(&buf[..head_end]).to_string();
                    let length: usize = head
                        .lines()
                        .find_map(|l| {
                            let (k, v) = l.split_once(':')?;
                            k.eq_ignore_ascii_case("content-length")
                                .then(|| v.trim().parse().ok())?
                        })
                        .unwrap_or(0);
                    while buf.len() < head_end + length {
                        let n = socket.read(&mut chunk).await.unwrap_or(0);
                        if n == 0 {
                            break;
                        }
                        buf.extend_from_slice(&chunk[..n]);
                    }
                    let target = head.split_whitespace().nth(1).unwrap_or("/").to_owned();
                    let (path, query) = target.split_once('?').unwrap_or((&target, ""));
                    let authorization = head.lines().find_map(|l| {
                        let (k, v) = l.split_once(':')?;
                        k.eq_ignore_ascii_case("authorization")
                            .then(|| v.trim().to_owned())
                    });
                    me.seen.lock().unwrap().push(Seen {
                        path: path.to_owned(),
                        query: query.to_owned(),
                        body: String::from_utf8_lossy(&buf[head_end..]).to_string(),
                        authorization,
                    });
                    let answer = {
                        let mut routes = me.routes.lock().unwrap();
                        match routes.get_mut(path) {
                            Some(list) if list.len() > 1 => list.remove(0),
                            Some(list) => list[0].clone(),
                            None => status(404, "not found"),
                        }
                    };
                    tokio::time::sleep(answer.delay).await;
                    let mut out = format!(
                        "HTTP/1.1 {} X\r\nContent-Type: {}\r\nContent-Length: {}\r\nConnection: close\r\n",
                        answer.status,
                        answer.content_type,
                        answer.body.len()
                    );
                    for (k, v) in &answer.headers {
                        out.push_str(&format!("{k}: {v}\r\n"));
                    }
                    out.push_str("\r\n");
                    let _ = socket.write_all(out.as_bytes()).await;
                    let _ = socket.write_all(&answer.body).await;
                    let _ = socket.shutdown().await;
                });
            }
        });
        format!("http://{addr}/api/greader.php")
    }
}

const API: &str = "/api/greader.php";

fn path(rest: &str) -> String {
    format!("{API}{rest}")
}

fn password(secret: &str) -> Password {
    let config = SyncConfig {
        url: String::new(),
        user: "alice".into(),
        password_command: None,
        password: None,
    };
    resolve_password(&config, Some(secret.to_owned())).unwrap()
}

fn options() -> ClientOptions {
    ClientOptions {
        connect_timeout: Duration::from_secs(5),
        timeout: Duration::from_secs(5),
        max_bytes: 1 << 20,
        user_agent: "dateline-test".into(),
    }
}

/// A server that logs in and hands out the recorded token.
async fn logged_in(canner: &Canner) -> Client {
    canner.route(
        &path("/accounts/ClientLogin"),
        vec![ok(fixture("client_login_ok.txt"))],
    );
    canner.route(&path("/reader/api/0/token"), vec![ok(fixture("token.txt"))]);
    let base = canner.start().await;
    let client = Client::new(&base, options()).unwrap();
    client.login("alice", &password("pw")).await.unwrap();
    client
}

#[tokio::test]
async fn login_sends_the_session_on_every_request() {
    let canner = Canner::default();
    canner.route(
        &path("/reader/api/0/subscription/list"),
        vec![ok(fixture("subscription_list.json"))],
    );
    let client = logged_in(&canner).await;
    let shown = format!("{client:?}");
    assert!(
        !shown.contains("0ec3a80dcc8dbce2bc4a981cfd0a075e4715921f"),
        "{shown}"
    );
    let subs = client.subscriptions().await.unwrap();
    let ids: Vec<&str> = subs.iter().map(|s| s.id.as_str()).collect();
    assert_eq!(ids, vec!["feed/2", "feed/1", "feed/3"]);
    assert_eq!(subs[0].categories[0].label.as_deref(), Some("News"));
    let seen = canner.seen(&path("/reader/api/0/subscription/list"));
    assert_eq!(
        seen[0].authorization.as_deref(),
        Some("GoogleLogin auth=alice/0ec3a80dcc8dbce2bc4a981cfd0a075e4715921f")
    );
    assert!(seen[0].query.contains("output=json"), "{}", seen[0].query);
    let login = canner.seen(&path("/accounts/ClientLogin"));
    assert!(login[0].body.contains("Email=alice"), "{}", login[0].body);
}

#[tokio::test]
async fn a_wrong_password_is_bad_credentials() {
    let canner = Canner::default();
    canner.route(
        &path("/accounts/ClientLogin"),
        vec![Canned {
            headers: vec![("Google-Bad-Token", "true".into())],
            ..status(
                401,
                &String::from_utf8(fixture("client_login_401.txt")).unwrap(),
            )
        }],
    );
    let base = canner.start().await;
    let client = Client::new(&base, options()).unwrap();
    let err = client.login("alice", &password("nope")).await.unwrap_err();
    assert!(
        matches!(err, SyncError::BadCredentials { status: 401 }),
        "{err:?}"
    );
}

#[tokio::test]
async fn a_web_page_or_404_is_not_a_greader_server() {
    let canner = Canner::default();
    canner.route(
        &path("/accounts/ClientLogin"),
        vec![Canned {
            content_type: "text/html",
            ..ok(fixture("wrong_url_html.txt"))
        }],
    );
    let base = canner.start().await;
    let err = Client::new(&base, options())
        .unwrap()
        .login("alice", &password("pw"))
        .await
        .unwrap_err();
    assert!(matches!(err, SyncError::NotGReader { .. }), "{err:?}");
    assert!(err.to_string().contains("web page"), "{err}");

    // The right host, the wrong path: nothing is routed there.
    let wrong = base.replace("/api/greader.php", "/freshrss");
    let err = Client::new(&wrong, options())
        .unwrap()
        .login("alice", &password("pw"))
        .await
        .unwrap_err();
    assert!(matches!(err, SyncError::NotGReader { .. }), "{err:?}");
    assert!(err.to_string().contains("404"), "{err}");
}

#[tokio::test]
async fn nothing_listening_is_a_connection_error() {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    drop(listener);
    let client = Client::new(
        &format!("http://127.0.0.1:{port}/api/greader.php"),
        options(),
    )
    .unwrap();
    let err = client.login("alice", &password("pw")).await.unwrap_err();
    assert!(matches!(err, SyncError::Connect(_)), "{err:?}");
    assert!(err.is_transient());
}

#[tokio::test]
async fn a_slow_server_times_out() {
    let canner = Canner::default();
    canner.route(
        &path("/accounts/ClientLogin"),
        vec![Canned {
            delay: Duration::from_secs(5),
            ..ok(fixture("client_login_ok.txt"))
        }],
    );
    let base = canner.start().await;
    let client = Client::new(
        &base,
        ClientOptions {
            timeout: Duration::from_millis(300),
            ..options()
        },
    )
    .unwrap();
    let err = client.login("alice", &password("pw")).await.unwrap_err();
    assert!(matches!(err, SyncError::Timeout { .. }), "{err:?}");
}

#[tokio::test]
async fn https_to_a_plain_server_is_a_tls_error() {
    let canner = Canner::default();
    let base = canner.start().await.replace("http://", "https://");
    let client = Client::new(&base, options()).unwrap();
    let err = client.login("alice", &password("pw")).await.unwrap_err();
    assert!(matches!(err, SyncError::Tls(_)), "{err:?}");
}

#[tokio::test]
async fn rate_limits_and_server_errors_are_told_apart() {
    let canner = Canner::default();
    canner.route(
        &path("/reader/api/0/unread-count"),
        vec![
            Canned {
                headers: vec![("Retry-After", "120".into())],
                ..status(429, "slow down")
            },
            status(503, "maintenance"),
        ],
    );
    let client = logged_in(&canner).await;
    let err = client.unread_counts().await.unwrap_err();
    match &err {
        SyncError::RateLimited { retry_after } => assert!(retry_after.is_some()),
        other => panic!("{other:?}"),
    }
    let err = client.unread_counts().await.unwrap_err();
    assert!(
        matches!(err, SyncError::Server { status: 503, .. }),
        "{err:?}"
    );
}

#[tokio::test]
async fn truncated_garbled_and_html_json_are_malformed() {
    let canner = Canner::default();
    let whole = fixture("stream_contents_page1.json");
    let cases = [
        (whole[..whole.len() / 2].to_vec(), "ends early"),
        (b"{\"items\": [}".to_vec(), "invalid JSON"),
        (fixture("wrong_url_html.txt"), "web page"),
        (Vec::new(), "empty"),
    ];
    canner.route(
        &path("/reader/api/0/stream/contents/user/-/state/com.google/reading-list"),
        cases.iter().map(|(body, _)| ok(body.clone())).collect(),
    );
    let client = logged_in(&canner).await;
    for (_, expected) in cases {
        let err = client
            .stream_contents(streams::READING_LIST, &StreamQuery::default())
            .await
            .unwrap_err();
        assert!(matches!(err, SyncError::Malformed { .. }), "{err:?}");
        assert!(err.to_string().contains(expected), "{err} / {expected}");
    }
}

#[tokio::test]
async fn an_oversized_answer_is_cut_off() {
    let canner = Canner::default();
    let mut big = b"{\"itemRefs\":[".to_vec();
    while big.len() < 2 << 20 {
        big.extend_from_slice(b"{\"id\":\"1796635794416575\"},");
    }
    big.extend_from_slice(b"{\"id\":\"1\"}]}");
    canner.route(&path("/reader/api/0/stream/items/ids"), vec![ok(big)]);
    let client = logged_in(&canner).await;
    let err = client.item_ids(streams::STARRED, None).await.unwrap_err();
    assert!(err.is_too_large(), "{err:?}");
}

/// 100,000 ids arrive in pages that each stay under the size cap.
#[tokio::test]
async fn a_hundred_thousand_ids_are_read_page_by_page() {
    let canner = Canner::default();
    let total = 100_000u64;
    let page = 10_000u64;
    let pages: Vec<Canned> = (0..total / page)
        .map(|p| {
            let refs: Vec<String> = (p * page..(p + 1) * page)
                .map(|i| format!("{{\"id\":\"{}\"}}", 1_000_000_000 + i))
                .collect();
            let continuation = if (p + 1) * page < total {
                format!(
                    ",\"continuation\":\"{}\"",
                    1_000_000_000 + (p + 1) * page - 1
                )
            } else {
                String::new()
            };
            ok(format!("{{\"itemRefs\":[{}]{continuation}}}", refs.join(",")).into_bytes())
        })
        .collect();
    canner.route(&path("/reader/api/0/stream/items/ids"), pages);
    let client = logged_in(&canner).await;
    let ids = client
        .item_ids(streams::READING_LIST, Some(streams::READ))
        .await
        .unwrap();
    assert_eq!(ids.len(), total as usize);
    assert_eq!(ids[0], ItemId(1_000_000_000));
    let seen = canner.seen(&path("/reader/api/0/stream/items/ids"));
    assert_eq!(seen.len(), 10);
    assert!(seen[0].query.contains("n=10000"), "{}", seen[0].query);
    assert!(
        seen[0]
            .query
            .contains("xt=user%2F-%2Fstate%2Fcom.google%2Fread"),
        "{}",
        seen[0].query
    );
    assert!(seen[1].query.contains("c=1000009999"), "{}", seen[1].query);
}

/// A server that hands back the same continuation forever ends the list instead of
/// looping.
#[tokio::test]
async fn a_looping_continuation_ends_the_list() {
    let canner = Canner::default();
    canner.route(
        &path("/reader/api/0/stream/items/ids"),
        vec![ok(
            br#"{"itemRefs":[{"id":"5"},{"id":"6"}],"continuation":"6"}"#.to_vec(),
        )],
    );
    let client = logged_in(&canner).await;
    let ids = client.item_ids(streams::STARRED, None).await.unwrap();
    assert_eq!(ids, vec![ItemId(5), ItemId(6)]);
    assert_eq!(
        canner.seen(&path("/reader/api/0/stream/items/ids")).len(),
        2
    );
}

#[tokio::test]
async fn recorded_pages_convert_and_continue() {
    let canner = Canner::default();
    canner.route(
        &path("/reader/api/0/stream/contents/user/-/state/com.google/reading-list"),
        vec![
            ok(fixture("stream_contents_page1.json")),
            ok(fixture("stream_contents_page2.json")),
        ],
    );
    let client = logged_in(&canner).await;
    let query = StreamQuery {
        count: 3,
        newer_than: Some(1_700_000_000),
        ..StreamQuery::default()
    };
    let first = client
        .stream_contents(streams::READING_LIST, &query)
        .await
        .unwrap();
    assert_eq!(first.items.len(), 3);
    assert_eq!(first.skipped, 0);
    let c = first.continuation.clone().unwrap();
    let second = client
        .stream_contents(
            streams::READING_LIST,
            &StreamQuery {
                continuation: Some(c.clone()),
                ..query
            },
        )
        .await
        .unwrap();
    assert_eq!(second.items.len(), 3);
    let mut ids: Vec<ItemId> = first
        .items
        .iter()
        .chain(&second.items)
        .map(|i| i.id)
        .collect();
    ids.sort();
    ids.dedup();
    assert_eq!(ids.len(), 6, "pages overlap");
    let seen = canner.seen(&path(
        "/reader/api/0/stream/contents/user/-/state/com.google/reading-list",
    ));
    assert!(seen[0].query.contains("ot=1700000000"), "{}", seen[0].query);
    assert!(
        seen[1].query.contains(&format!("c={c}")),
        "{}",
        seen[1].query
    );
}

#[tokio::test]
async fn marks_go_in_batches_with_the_token_and_long_ids() {
    let canner = Canner::default();
    canner.route(&path("/reader/api/0/edit-tag"), vec![status(200, "OK")]);
    let client = logged_in(&canner).await;
    let ids: Vec<ItemId> = (1..=2_500).map(ItemId).collect();
    client
        .edit_tag(&ids, Some(streams::READ), None)
        .await
        .unwrap();
    let seen = canner.seen(&path("/reader/api/0/edit-tag"));
    assert_eq!(seen.len(), 3);
    let token = String::from_utf8(fixture("token.txt")).unwrap();
    for request in &seen {
        assert!(
            request.body.contains(&format!("T={}", token.trim())),
            "{}",
            request.body
        );
        assert!(
            request
                .body
                .contains("a=user%2F-%2Fstate%2Fcom.google%2Fread")
        );
    }
    assert_eq!(seen[0].body.matches("i=").count(), EDIT_BATCH);
    assert!(
        seen[0]
            .body
            .contains("i=tag%3Agoogle.com%2C2005%3Areader%2Fitem%2F0000000000000001"),
        "{}",
        &seen[0].body[..200]
    );
}

#[tokio::test]
async fn a_write_that_is_not_ok_is_rejected() {
    let canner = Canner::default();
    canner.route(
        &path("/reader/api/0/subscription/edit"),
        vec![status(200, "Bad Request!")],
    );
    canner.route(
        &path("/reader/api/0/subscription/quickadd"),
        vec![ok(fixture("quickadd_error.json"))],
    );
    let client = logged_in(&canner).await;
    let err = client
        .edit_subscription(&SubscriptionEdit::Unsubscribe {
            stream: "feed/9".into(),
        })
        .await
        .unwrap_err();
    assert!(matches!(err, SyncError::Rejected { .. }), "{err:?}");
    let err = client
        .quickadd("http://127.0.0.1:8790/missing.xml")
        .await
        .unwrap_err();
    assert!(err.to_string().contains("404"), "{err}");
}

/// A session the server stops accepting is renewed once, and the request repeated.
#[tokio::test]
async fn an_expired_session_logs_in_again() {
    let canner = Canner::default();
    canner.route(
        &path("/reader/api/0/tag/list"),
        vec![status(401, "Unauthorized!"), ok(fixture("tag_list.json"))],
    );
    let client = logged_in(&canner).await;
    let tags = client.tags().await.unwrap();
    assert!(tags.iter().any(|t| t.id == "user/-/label/News"));
    assert_eq!(canner.seen(&path("/accounts/ClientLogin")).len(), 2);
}

/// A stale token (FreshRSS: 401 on a POST) is fetched again and the write repeated.
#[tokio::test]
async fn a_stale_token_is_fetched_again() {
    let canner = Canner::default();
    canner.route(
        &path("/reader/api/0/edit-tag"),
        vec![status(401, "Unauthorized!"), status(200, "OK")],
    );
    let client = logged_in(&canner).await;
    client
        .edit_tag(&[ItemId(7)], None, Some(streams::STARRED))
        .await
        .unwrap();
    assert_eq!(canner.seen(&path("/reader/api/0/token")).len(), 2);
    assert_eq!(canner.seen(&path("/reader/api/0/edit-tag")).len(), 2);
}

#[tokio::test]
async fn check_reports_subscriptions_and_unread() {
    let canner = Canner::default();
    canner.route(
        &path("/reader/api/0/subscription/list"),
        vec![ok(fixture("subscription_list.json"))],
    );
    canner.route(
        &path("/reader/api/0/unread-count"),
        vec![ok(fixture("unread_count.json"))],
    );
    let client = logged_in(&canner).await;
    let report = client.check("alice", &password("pw")).await.unwrap();
    assert_eq!(report.subscriptions, 3);
    let recorded: serde_json::Value =
        serde_json::from_slice(&fixture("unread_count.json")).unwrap();
    let expected = recorded["unreadcounts"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["id"] == streams::READING_LIST)
        .and_then(|c| c["count"].as_i64());
    assert_eq!(report.unread, expected);
}

#[test]
fn urls_are_checked_and_endpoints_append() {
    assert!(matches!(
        Client::new("ftp://x/y", options()),
        Err(SyncError::Config(_))
    ));
    assert!(matches!(
        Client::new("not a url", options()),
        Err(SyncError::Config(_))
    ));
    let client = Client::new("http://h:1/api/greader.php?x=1", options()).unwrap();
    let url = client
        .endpoint(&["reader", "api", "0", "tag", "list"])
        .unwrap();
    assert_eq!(
        url.as_str(),
        "http://h:1/api/greader.php/reader/api/0/tag/list"
    );
    let label = client
        .endpoint(&["stream", "contents", "user", "-", "label", "My News"])
        .unwrap();
    assert_eq!(
        label.as_str(),
        "http://h:1/api/greader.php/stream/contents/user/-/label/My%20News"
    );
}

/// serde_json quotes the offending value in its message: a server's escape sequence there
/// must not reach the terminal through the error.
#[test]
fn a_json_error_quoting_the_servers_text_is_sanitised() {
    let err = decode_stream_page(b"{\"items\": \"\\u001b[2J\\u202eevil\"}", "a page of items")
        .unwrap_err()
        .to_string();
    assert!(err.contains("invalid JSON"), "{err}");
    assert!(
        !err.chars().any(crate::sanitize::is_invisible_control),
        "{err:?}"
    );
}
