//! Shared helpers for the integration tests: a real HTTP/1.1 server on 127.0.0.1.
//!
//! Why it exists: the fetcher's promises (conditional GET, redirects, byte caps, timeouts,
//! per-host limits) are only believable when tested against real sockets, and the tests must
//! stay offline. [`TestServer`] binds a random port on 127.0.0.1, serves routes the test
//! declares, and records what it saw (requests, concurrency, bytes written) so tests can assert
//! on the server side too. It serves one request per connection (`Connection: close`), runs on
//! plain std threads (no runtime needed), every loop in it is bounded, and it shuts down when
//! dropped.
//!
//! ```ignore
//! let server = TestServer::start();
//! server.route("/feed.xml", Reply::new(200).header("ETag", "\"v1\"").body("<rss/>"));
//! server.route("/old", Route::redirect(301, "/feed.xml"));
//! let url = server.url("/old");
//! // ... fetch ...
//! assert_eq!(server.stats("/feed.xml").requests, 1);
//! ```

#![allow(
    dead_code,
    reason = "shared helpers: not every test module uses every one"
)]

use std::collections::HashMap;
use std::io::{self, Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use flate2::Compression;
use flate2::write::GzEncoder;

/// Longest a connection handler ever lives (silent and endless routes stop here at the latest).
const HANDLER_LIMIT: Duration = Duration::from_secs(30);
/// Most bytes an endless route ever writes.
const ENDLESS_LIMIT: u64 = 1 << 30;
/// Bytes an endless route writes per tick, and the tick (about 8 MB/s).
const ENDLESS_CHUNK: usize = 16 * 1024;
const ENDLESS_TICK: Duration = Duration::from_millis(2);
/// Largest request head the server reads.
const MAX_HEAD: usize = 64 * 1024;
/// How often waiting handlers look at the shutdown flag.
const POLL: Duration = Duration::from_millis(10);

/// A fixed answer: status, headers and body, optionally after a delay.
///
/// When the headers include `ETag` or `Last-Modified`, the server honours `If-None-Match` /
/// `If-Modified-Since` (exact match, or `*`) and answers `304 Not Modified` without a body.
/// `Content-Length` is added unless given.
#[derive(Debug, Clone)]
pub struct Reply {
    status: u16,
    headers: Vec<(String, String)>,
    body: Vec<u8>,
    delay: Duration,
}

impl Reply {
    /// An empty answer with this status.
    pub fn new(status: u16) -> Reply {
        Reply {
            status,
            headers: Vec::new(),
            body: Vec::new(),
            delay: Duration::ZERO,
        }
    }

    /// Adds a response header.
    pub fn header(mut self, name: &str, value: &str) -> Reply {
        self.headers.push((name.to_owned(), value.to_owned()));
        self
    }

    /// Sets the body.
    pub fn body(mut self, body: impl Into<Vec<u8>>) -> Reply {
        self.body = body.into();
        self
    }

    /// Gzips the body set so far and adds `Content-Encoding: gzip`.
    pub fn gzip(mut self) -> Reply {
        self.body = gzip(&self.body);
        self.header("Content-Encoding", "gzip")
    }

    /// Waits this long after reading the request before answering.
    pub fn delay(mut self, delay: Duration) -> Reply {
        self.delay = delay;
        self
    }

    fn header_value(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

/// What the server does on one path.
#[derive(Debug, Clone)]
pub enum Route {
    /// Answer with a [`Reply`].
    Reply(Reply),
    /// Answer `status` (301, 302, 303, 307 or 308) with this `Location`, as written (relative
    /// locations stay relative). Two routes redirecting to each other make a loop.
    Redirect { status: u16, location: String },
    /// Accept the connection, read the request, never answer (until the client leaves or the
    /// server is dropped).
    Silent,
    /// Answer 200 with no `Content-Length` and write a body forever (bounded by the server's
    /// limits) at about 8 MB/s, counting the bytes actually accepted by the socket in
    /// [`RouteStats::bytes_sent`].
    Endless,
}

impl Route {
    /// A redirect with `status` to `location`.
    pub fn redirect(status: u16, location: &str) -> Route {
        Route::Redirect {
            status,
            location: location.to_owned(),
        }
    }
}

impl From<Reply> for Route {
    fn from(reply: Reply) -> Route {
        Route::Reply(reply)
    }
}

/// What the server saw on one path.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct RouteStats {
    /// Requests received.
    pub requests: usize,
    /// Most requests being handled at the same time (from the request being read to the
    /// answer starting; for silent and endless routes, until the connection ends).
    pub max_concurrent: usize,
    /// Response bytes (head and body) the socket accepted.
    pub bytes_sent: u64,
}

/// One request as received.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RecordedRequest {
    pub method: String,
    /// The request target as sent (path and query).
    pub target: String,
    pub headers: Vec<(String, String)>,
}

impl RecordedRequest {
    /// The first value of header `name` (case-insensitive).
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

#[derive(Debug, Default)]
struct RouteState {
    route: Option<Route>,
    requests: Vec<RecordedRequest>,
    in_flight: usize,
    stats: RouteStats,
}

#[derive(Debug, Default)]
struct Shared {
    routes: Mutex<HashMap<String, RouteState>>,
    shutdown: AtomicBool,
}

impl Shared {
    fn routes(&self) -> MutexGuard<'_, HashMap<String, RouteState>> {
        self.routes
            .lock()
            .unwrap_or_else(|poison| poison.into_inner())
    }

    fn stopping(&self) -> bool {
        self.shutdown.load(Ordering::SeqCst)
    }
}

/// A real HTTP/1.1 server on 127.0.0.1 and a random port, for one test.
///
/// Unknown paths answer 404. Dropping the server stops it and waits for its threads.
#[derive(Debug)]
pub struct TestServer {
    addr: SocketAddr,
    shared: Arc<Shared>,
    acceptor: Option<JoinHandle<()>>,
}

impl TestServer {
    /// Binds 127.0.0.1 on a free port and starts serving in a background thread.
    pub fn start() -> TestServer {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind 127.0.0.1");
        let addr = listener.local_addr().expect("local address");
        let shared = Arc::new(Shared::default());
        let acceptor = {
            let shared = Arc::clone(&shared);
            std::thread::spawn(move || accept_loop(&listener, &shared))
        };
        TestServer {
            addr,
            shared,
            acceptor: Some(acceptor),
        }
    }

    /// `http://127.0.0.1:<port><path>`.
    pub fn url(&self, path: &str) -> String {
        format!("http://{}{path}", self.addr)
    }

    /// The server's address.
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// Serves `route` on `path` (matched exactly, query string ignored), replacing any
    /// previous route there; counters are kept.
    pub fn route(&self, path: &str, route: impl Into<Route>) -> &TestServer {
        self.shared
            .routes()
            .entry(path.to_owned())
            .or_default()
            .route = Some(route.into());
        self
    }

    /// What the server saw on `path` so far.
    pub fn stats(&self, path: &str) -> RouteStats {
        self.shared
            .routes()
            .get(path)
            .map(|r| r.stats)
            .unwrap_or_default()
    }

    /// The requests received on `path`, oldest first.
    pub fn requests(&self, path: &str) -> Vec<RecordedRequest> {
        self.shared
            .routes()
            .get(path)
            .map(|r| r.requests.clone())
            .unwrap_or_default()
    }
}

impl Drop for TestServer {
    fn drop(&mut self) {
        self.shared.shutdown.store(true, Ordering::SeqCst);
        // Wake the blocking accept so the loop sees the flag.
        let _ = TcpStream::connect_timeout(&self.addr, Duration::from_secs(1));
        if let Some(acceptor) = self.acceptor.take() {
            let _ = acceptor.join();
        }
    }
}

/// A port on 127.0.0.1 with nothing listening (bound, then released).
pub fn unused_port() -> u16 {
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind 127.0.0.1");
    listener.local_addr().expect("local address").port()
}

/// Gzips `data`.
pub fn gzip(data: &[u8]) -> Vec<u8> {
    let mut encoder = GzEncoder::new(Vec::new(), Compression::default());
    encoder.write_all(data).expect("gzip into memory");
    encoder.finish().expect("gzip into memory")
}

fn accept_loop(listener: &TcpListener, shared: &Arc<Shared>) {
    let mut handlers = Vec::new();
    for stream in listener.incoming() {
        if shared.stopping() {
            break;
        }
        let Ok(stream) = stream else { continue };
        let shared = Arc::clone(shared);
        handlers.push(std::thread::spawn(move || {
            let _ = handle(stream, &shared);
        }));
        handlers.retain(|h: &JoinHandle<()>| !h.is_finished());
    }
    for handler in handlers {
        let _ = handler.join();
    }
}

/// Counts a request as in flight on its route until ended or dropped.
struct InFlight<'a> {
    shared: &'a Shared,
    path: String,
    ended: bool,
}

impl InFlight<'_> {
    fn end(&mut self) {
        if !self.ended {
            self.ended = true;
            if let Some(state) = self.shared.routes().get_mut(&self.path) {
                state.in_flight -= 1;
            }
        }
    }
}

impl Drop for InFlight<'_> {
    fn drop(&mut self) {
        self.end();
    }
}

fn handle(mut stream: TcpStream, shared: &Shared) -> io::Result<()> {
    let started = Instant::now();
    stream.set_read_timeout(Some(Duration::from_secs(5)))?;
    stream.set_write_timeout(Some(Duration::from_secs(5)))?;
    let request = match read_request(&mut stream)? {
        Head::Request(request) => request,
        Head::Garbage => {
            // Like a real server faced with a TLS handshake or junk: a plain 400, then close.
            let head = response_head(400, &[("Content-Length".to_owned(), "0".to_owned())]);
            stream.write_all(head.as_bytes())?;
            return Ok(());
        }
        Head::Closed => return Ok(()),
    };
    let path = request
        .target
        .split('?')
        .next()
        .unwrap_or_default()
        .to_owned();

    let route = {
        let mut routes = shared.routes();
        let state = routes.entry(path.clone()).or_default();
        state.requests.push(request.clone());
        state.stats.requests += 1;
        state.in_flight += 1;
        state.stats.max_concurrent = state.stats.max_concurrent.max(state.in_flight);
        state.route.clone()
    };
    let mut in_flight = InFlight {
        shared,
        path: path.clone(),
        ended: false,
    };
    let count = |n: usize| {
        if let Some(state) = shared.routes().get_mut(&path) {
            state.stats.bytes_sent += n as u64;
        }
    };

    match route {
        None => {
            in_flight.end();
            let head = response_head(404, &[("Content-Length".to_owned(), "9".to_owned())]);
            write_counted(
                &mut stream,
                &[head.as_bytes(), b"not found"].concat(),
                &count,
            )?;
        }
        Some(Route::Reply(reply)) => {
            while started.elapsed() < reply.delay && !shared.stopping() {
                std::thread::sleep(POLL.min(reply.delay));
            }
            in_flight.end();
            if not_modified(&reply, &request) {
                let validators: Vec<(String, String)> = reply
                    .headers
                    .iter()
                    .filter(|(n, _)| {
                        n.eq_ignore_ascii_case("etag") || n.eq_ignore_ascii_case("last-modified")
                    })
                    .cloned()
                    .collect();
                write_counted(
                    &mut stream,
                    response_head(304, &validators).as_bytes(),
                    &count,
                )?;
            } else {
                let mut headers = reply.headers.clone();
                if reply.header_value("content-length").is_none() {
                    headers.push(("Content-Length".to_owned(), reply.body.len().to_string()));
                }
                let head = response_head(reply.status, &headers);
                write_counted(&mut stream, head.as_bytes(), &count)?;
                write_counted(&mut stream, &reply.body, &count)?;
            }
        }
        Some(Route::Redirect { status, location }) => {
            in_flight.end();
            let headers = [
                ("Location".to_owned(), location),
                ("Content-Length".to_owned(), "0".to_owned()),
            ];
            write_counted(
                &mut stream,
                response_head(status, &headers).as_bytes(),
                &count,
            )?;
        }
        Some(Route::Silent) => {
            stream.set_read_timeout(Some(POLL))?;
            let mut buf = [0u8; 1024];
            while !shared.stopping() && started.elapsed() < HANDLER_LIMIT {
                match stream.read(&mut buf) {
                    Ok(0) => break,
                    Ok(_) => {}
                    Err(e)
                        if matches!(
                            e.kind(),
                            io::ErrorKind::WouldBlock | io::ErrorKind::TimedOut
                        ) => {}
                    Err(_) => break,
                }
            }
        }
        Some(Route::Endless) => {
            stream.set_write_timeout(Some(Duration::from_millis(100)))?;
            let head = response_head(
                200,
                &[("Content-Type".to_owned(), "application/rss+xml".to_owned())],
            );
            write_counted(&mut stream, head.as_bytes(), &count)?;
            write_counted(
                &mut stream,
                b"<?xml version=\"1.0\"?><rss version=\"2.0\"><channel>",
                &count,
            )?;
            // 16 KiB per tick at most, paced to about 8 MB/s: a reading client keeps up, so
            // the kernel's socket buffers stay nearly empty and `bytes_sent` tracks what the
            // client actually consumed rather than what the buffers could hold.
            let filler = b"<!-- padding padding padding padding padding padding -->\n".repeat(300);
            let filler = &filler[..ENDLESS_CHUNK];
            let mut sent = 0u64;
            while !shared.stopping() && started.elapsed() < HANDLER_LIMIT && sent < ENDLESS_LIMIT {
                match stream.write(filler) {
                    Ok(0) => break,
                    Ok(n) => {
                        sent += n as u64;
                        count(n);
                        std::thread::sleep(ENDLESS_TICK);
                    }
                    Err(e)
                        if matches!(
                            e.kind(),
                            io::ErrorKind::WouldBlock | io::ErrorKind::TimedOut
                        ) => {}
                    Err(_) => break,
                }
            }
        }
    }
    stream.flush()?;
    Ok(())
}

/// Writes all of `data`, counting what the socket accepted even when a write fails midway.
fn write_counted(stream: &mut TcpStream, data: &[u8], count: &dyn Fn(usize)) -> io::Result<()> {
    let mut rest = data;
    while !rest.is_empty() {
        let n = stream.write(rest)?;
        if n == 0 {
            return Err(io::ErrorKind::WriteZero.into());
        }
        count(n);
        rest = &rest[n..];
    }
    Ok(())
}

fn not_modified(reply: &Reply, request: &RecordedRequest) -> bool {
    let etag_match = match (reply.header_value("etag"), request.header("if-none-match")) {
        (Some(etag), Some(sent)) => sent.split(',').any(|t| t.trim() == etag || t.trim() == "*"),
        _ => false,
    };
    let date_match = match (
        reply.header_value("last-modified"),
        request.header("if-modified-since"),
    ) {
        (Some(modified), Some(sent)) => sent.trim() == modified,
        _ => false,
    };
    reply.status == 200 && (etag_match || date_match)
}

/// What arrived on a connection.
enum Head {
    Request(RecordedRequest),
    /// Not HTTP (for instance a TLS handshake), or a head too large.
    Garbage,
    /// The client left before sending a full head.
    Closed,
}

fn read_request(stream: &mut TcpStream) -> io::Result<Head> {
    let mut head: Vec<u8> = Vec::new();
    let mut buf = [0u8; 4096];
    while !head.windows(4).any(|w| w == b"\r\n\r\n") {
        if head.len() > MAX_HEAD || head.first().is_some_and(|c| !c.is_ascii_uppercase()) {
            return Ok(Head::Garbage);
        }
        match stream.read(&mut buf)? {
            0 => return Ok(Head::Closed),
            n => head.extend_from_slice(&buf[..n]),
        }
    }
    let text = String::from_utf8_lossy(&head);
    let mut lines = text.split("\r\n");
    let mut first = lines.next().unwrap_or_default().split(' ');
    let method = first.next().unwrap_or_default().to_owned();
    let target = first.next().unwrap_or_default().to_owned();
    let headers = lines
        .take_while(|l| !l.is_empty())
        .filter_map(|l| l.split_once(':'))
        .map(|(n, v)| (n.trim().to_owned(), v.trim().to_owned()))
        .collect();
    Ok(Head::Request(RecordedRequest {
        method,
        target,
        headers,
    }))
}

fn response_head(status: u16, headers: &[(String, String)]) -> String {
    let reason = match status {
        200 => "OK",
        301 => "Moved Permanently",
        302 => "Found",
        303 => "See Other",
        304 => "Not Modified",
        307 => "Temporary Redirect",
        308 => "Permanent Redirect",
        400 => "Bad Request",
        404 => "Not Found",
        429 => "Too Many Requests",
        500 => "Internal Server Error",
        503 => "Service Unavailable",
        _ => "Status",
    };
    let mut head = format!("HTTP/1.1 {status} {reason}\r\n");
    for (name, value) in headers {
        head.push_str(&format!("{name}: {value}\r\n"));
    }
    head.push_str("Connection: close\r\n\r\n");
    head
}

/// The `dateline` binary, isolated in `dir`: its config and cache there, and `HOME` and the
/// XDG directories pointed there, so no test reads or writes the user's files.
pub fn dateline_command(dir: &Path, args: &[&str]) -> std::process::Command {
    let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_dateline"));
    cmd.args(["--config", &dir.join("config.toml").to_string_lossy()])
        .args(["--db", &dir.join("cache.db").to_string_lossy()])
        .args(args)
        .env("HOME", dir)
        .env("XDG_DATA_HOME", dir.join("data"))
        .env("XDG_CONFIG_HOME", dir.join("config"))
        .env_remove("DATELINE_CONFIG")
        .env_remove("DATELINE_DB");
    cmd
}

/// Runs [`dateline_command`] to the end.
pub fn dateline(dir: &Path, args: &[&str]) -> std::process::Output {
    dateline_command(dir, args).output().expect("run dateline")
}

/// The standard output of a run that must have succeeded.
pub fn ok(output: &std::process::Output) -> String {
    assert!(
        output.status.success(),
        "dateline failed ({:?}): {}",
        output.status.code(),
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout.clone()).expect("utf-8 output")
}

/// The standard output of a run that must have succeeded, as JSON.
pub fn json(output: &std::process::Output) -> serde_json::Value {
    serde_json::from_str(&ok(output)).expect("valid JSON")
}

/// A bundled demo feed (`assets/demo/NAME`).
pub fn demo_feed(name: &str) -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("assets/demo")
        .join(name)
}

/// The path of `rel` inside `../shared`, the read-only material beside the repo, or `None` when
/// it is missing (a bare clone).
///
/// A test that needs `../shared` calls this first and returns early on `None`: the reason is
/// printed, so a skip is never silent. With `DATELINE_REQUIRE_SHARED=1` (as `.ci/run` sets) a
/// missing path panics instead, so CI can never pass by skipping.
pub fn shared_path(rel: &str) -> Option<std::path::PathBuf> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../shared")
        .join(rel);
    if path.exists() {
        return Some(path);
    }
    if std::env::var_os("DATELINE_REQUIRE_SHARED").is_some_and(|v| v == "1") {
        panic!(
            "../shared/{rel} is missing and DATELINE_REQUIRE_SHARED=1: this test needs the shared corpora"
        );
    }
    eprintln!("skipped: ../shared/{rel} is missing (a bare clone); this test needs it");
    None
}
