//! The one HTTP test server of dateline's integration tests and benches: a real HTTP/1.1
//! server on 127.0.0.1.
//!
//! Why it exists: the fetcher's promises (conditional GET, redirects, byte caps, timeouts,
//! per-host limits) are only believable when tested against real sockets, the refresh bench
//! must serve hundreds of feeds the same way, and both must stay offline. [`TestServer`] binds
//! a random port on 127.0.0.1, serves routes the caller declares, and records what it saw
//! (requests, concurrency, bytes written, answers by kind) so callers can assert on the server
//! side too. By default it serves one request per connection (`Connection: close`);
//! [`TestServer::try_start`] with an idle limit keeps connections alive, as the bench needs. It
//! runs on plain std threads (no runtime needed), every loop in it is bounded, and it shuts
//! down when dropped. It must never listen beyond 127.0.0.1, and it is never compiled into the
//! reader: `tests/it/support.rs` and the benches include it with `#[path = ...]`.
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
    reason = "included by several crates; not every one uses every helper"
)]

use std::collections::HashMap;
use std::io::{self, Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::ops::{Add, Sub};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use chrono::DateTime;
use flate2::Compression;
use flate2::write::GzEncoder;

/// Longest a silent or endless route's connection lives.
const HANDLER_LIMIT: Duration = Duration::from_secs(30);
/// Longest the server waits for the first request on a connection.
const FIRST_REQUEST_LIMIT: Duration = Duration::from_secs(5);
/// Most requests served on one kept-alive connection.
const MAX_REQUESTS_PER_CONNECTION: usize = 100_000;
/// Most bytes an endless route ever writes.
const ENDLESS_LIMIT: u64 = 1 << 30;
/// Bytes an endless route writes per tick, and the tick (about 8 MB/s).
const ENDLESS_CHUNK: usize = 16 * 1024;
const ENDLESS_TICK: Duration = Duration::from_millis(2);
/// Largest request head the server reads.
const MAX_HEAD: usize = 64 * 1024;
/// Largest request body the server reads (and ignores).
const MAX_BODY: u64 = 1 << 20;
/// How often delayed and silent handlers look at the shutdown flag.
const POLL: Duration = Duration::from_millis(10);
/// How often a connection waiting for a request looks at the shutdown flag (coarser: the
/// refresh bench keeps a hundred idle connections open, and their wake-ups must not cost CPU).
const IDLE_POLL: Duration = Duration::from_millis(200);

/// A fixed answer: status, headers and body, optionally after a delay.
///
/// When the headers include `ETag` or `Last-Modified`, a `200` reply honours conditional
/// requests and answers `304 Not Modified` without a body: when the request has
/// `If-None-Match`, on a matching tag (weak comparison, so an exact match or `*` too) and on
/// nothing else; without it, on an `If-Modified-Since` equal to `Last-Modified` or, both
/// being HTTP dates, not older. `Content-Length` is added unless given. A `HEAD` request gets
/// the head without the body.
#[derive(Debug, Clone)]
pub struct Reply {
    status: u16,
    headers: Vec<(String, String)>,
    /// Shared, so that answering a large reply many times does not copy it.
    body: Arc<[u8]>,
    delay: Duration,
}

impl Reply {
    /// An empty answer with this status.
    pub fn new(status: u16) -> Reply {
        Reply {
            status,
            headers: Vec::new(),
            body: Arc::from(Vec::new()),
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
        self.body = Arc::from(body.into());
        self
    }

    /// Gzips the body set so far and adds `Content-Encoding: gzip`.
    pub fn gzip(mut self) -> Reply {
        self.body = Arc::from(gzip(&self.body));
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

/// What the whole server did, on every path: see [`TestServer::totals`]. Totals add up (over
/// several servers) and subtract (the difference between two moments).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Totals {
    /// Connections accepted.
    pub connections: u64,
    /// Requests received.
    pub requests: u64,
    /// Requests answered `200` (an endless body included).
    pub ok: u64,
    /// Requests answered `304 Not Modified`.
    pub not_modified: u64,
    /// Requests answered with any other status (redirects, 404, errors), and heads that were
    /// not HTTP (answered 400).
    pub other: u64,
}

impl Add for Totals {
    type Output = Totals;

    fn add(self, rhs: Totals) -> Totals {
        Totals {
            connections: self.connections + rhs.connections,
            requests: self.requests + rhs.requests,
            ok: self.ok + rhs.ok,
            not_modified: self.not_modified + rhs.not_modified,
            other: self.other + rhs.other,
        }
    }
}

impl Sub for Totals {
    type Output = Totals;

    /// What happened after `rhs` was taken (counts only grow, so nothing goes below zero).
    fn sub(self, rhs: Totals) -> Totals {
        Totals {
            connections: self.connections.saturating_sub(rhs.connections),
            requests: self.requests.saturating_sub(rhs.requests),
            ok: self.ok.saturating_sub(rhs.ok),
            not_modified: self.not_modified.saturating_sub(rhs.not_modified),
            other: self.other.saturating_sub(rhs.other),
        }
    }
}

impl std::iter::Sum for Totals {
    fn sum<I: Iterator<Item = Totals>>(iter: I) -> Totals {
        iter.fold(Totals::default(), Add::add)
    }
}

/// One request as received.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RecordedRequest {
    pub method: String,
    /// The request target as sent (path and query).
    pub target: String,
    /// The protocol version as sent (`HTTP/1.1`).
    pub version: String,
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

    /// Whether the client lets the connection stay open after this request.
    fn keeps_alive(&self) -> bool {
        let connection = self.header("connection").unwrap_or_default();
        let has = |token: &str| {
            connection
                .split(',')
                .any(|t| t.trim().eq_ignore_ascii_case(token))
        };
        if self.version == "HTTP/1.0" {
            has("keep-alive")
        } else {
            !has("close")
        }
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
    totals: Mutex<Totals>,
    shutdown: AtomicBool,
    /// `Some(idle limit)` when connections are kept alive.
    keep_alive: Option<Duration>,
}

impl Shared {
    fn routes(&self) -> MutexGuard<'_, HashMap<String, RouteState>> {
        self.routes
            .lock()
            .unwrap_or_else(|poison| poison.into_inner())
    }

    fn totals(&self) -> MutexGuard<'_, Totals> {
        self.totals
            .lock()
            .unwrap_or_else(|poison| poison.into_inner())
    }

    fn stopping(&self) -> bool {
        self.shutdown.load(Ordering::SeqCst)
    }
}

/// A real HTTP/1.1 server on 127.0.0.1 and a random port.
///
/// Unknown paths answer 404. Dropping the server stops it and waits for its threads.
#[derive(Debug)]
pub struct TestServer {
    addr: SocketAddr,
    shared: Arc<Shared>,
    acceptor: Option<JoinHandle<()>>,
}

impl TestServer {
    /// Binds 127.0.0.1 on a free port and starts serving, one request per connection, in a
    /// background thread. Panics when it cannot bind (for tests).
    pub fn start() -> TestServer {
        TestServer::try_start(None).expect("bind 127.0.0.1")
    }

    /// Binds 127.0.0.1 on a free port and starts serving in a background thread. With
    /// `keep_alive: Some(idle)`, connections stay open for more requests (HTTP/1.1 persistent
    /// connections; HTTP/1.0 ones when the client asks) and close after `idle` without one;
    /// with `None`, every answer closes its connection.
    pub fn try_start(keep_alive: Option<Duration>) -> io::Result<TestServer> {
        let listener = TcpListener::bind("127.0.0.1:0")?;
        let addr = listener.local_addr()?;
        let shared = Arc::new(Shared {
            keep_alive,
            ..Shared::default()
        });
        let acceptor = {
            let shared = Arc::clone(&shared);
            std::thread::spawn(move || accept_loop(&listener, &shared))
        };
        Ok(TestServer {
            addr,
            shared,
            acceptor: Some(acceptor),
        })
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

    /// What the server did on every path so far.
    pub fn totals(&self) -> Totals {
        *self.shared.totals()
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
        let Ok(stream) = stream else {
            // Out of file descriptors, say: wait a little rather than spin.
            std::thread::sleep(POLL);
            continue;
        };
        shared.totals().connections += 1;
        let shared = Arc::clone(shared);
        handlers.push(std::thread::spawn(move || {
            let _ = serve_connection(stream, &shared);
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

/// One connection: its socket and the bytes read past the last request.
struct Connection {
    stream: TcpStream,
    pending: Vec<u8>,
}

/// Serves requests on one connection until an answer closes it, the client leaves, it stays
/// idle too long, or the server stops.
fn serve_connection(stream: TcpStream, shared: &Shared) -> io::Result<()> {
    stream.set_nodelay(true)?;
    stream.set_write_timeout(Some(Duration::from_secs(5)))?;
    let mut conn = Connection {
        stream,
        pending: Vec::new(),
    };
    let mut wait = FIRST_REQUEST_LIMIT;
    for _ in 0..MAX_REQUESTS_PER_CONNECTION {
        let request = match read_request(&mut conn, shared, wait)? {
            Head::Request(request) => request,
            Head::Garbage => {
                // Like a real server faced with a TLS handshake or junk: a plain 400, then
                // close.
                shared.totals().other += 1;
                let head = response_head(400, &[("Content-Length".to_owned(), "0".to_owned())]);
                conn.stream.write_all(head.as_bytes())?;
                return Ok(());
            }
            Head::Closed => return Ok(()),
        };
        let keep_alive = match shared.keep_alive {
            Some(idle) if request.keeps_alive() => {
                wait = idle;
                true
            }
            _ => false,
        };
        let open = answer(&mut conn.stream, shared, request, keep_alive)?;
        conn.stream.flush()?;
        if !open || shared.stopping() {
            return Ok(());
        }
    }
    Ok(())
}

/// Answers one request; returns whether the connection may serve another.
fn answer(
    stream: &mut TcpStream,
    shared: &Shared,
    request: RecordedRequest,
    keep_alive: bool,
) -> io::Result<bool> {
    let started = Instant::now();
    let path = request
        .target
        .split('?')
        .next()
        .unwrap_or_default()
        .to_owned();
    let head_only = request.method == "HEAD";
    let connection = if keep_alive { "keep-alive" } else { "close" };

    shared.totals().requests += 1;
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
    let tally = |status: u16| {
        let mut totals = shared.totals();
        match status {
            200 => totals.ok += 1,
            304 => totals.not_modified += 1,
            _ => totals.other += 1,
        }
    };

    match route {
        None => {
            in_flight.end();
            tally(404);
            let head = response_head(
                404,
                &[
                    ("Content-Length".to_owned(), "9".to_owned()),
                    ("Connection".to_owned(), connection.to_owned()),
                ],
            );
            let body: &[u8] = if head_only { b"" } else { b"not found" };
            write_counted(stream, &[head.as_bytes(), body].concat(), &count)?;
            Ok(keep_alive)
        }
        Some(Route::Reply(reply)) => {
            while started.elapsed() < reply.delay && !shared.stopping() {
                std::thread::sleep(POLL.min(reply.delay));
            }
            in_flight.end();
            if not_modified(&reply, &request) {
                tally(304);
                let mut headers: Vec<(String, String)> = reply
                    .headers
                    .iter()
                    .filter(|(n, _)| {
                        n.eq_ignore_ascii_case("etag") || n.eq_ignore_ascii_case("last-modified")
                    })
                    .cloned()
                    .collect();
                headers.push(("Connection".to_owned(), connection.to_owned()));
                write_counted(stream, response_head(304, &headers).as_bytes(), &count)?;
            } else {
                tally(reply.status);
                let mut headers = reply.headers.clone();
                if reply.header_value("content-length").is_none() {
                    headers.push(("Content-Length".to_owned(), reply.body.len().to_string()));
                }
                headers.push(("Connection".to_owned(), connection.to_owned()));
                let head = response_head(reply.status, &headers);
                write_counted(stream, head.as_bytes(), &count)?;
                if !head_only {
                    write_counted(stream, &reply.body, &count)?;
                }
            }
            Ok(keep_alive)
        }
        Some(Route::Redirect { status, location }) => {
            in_flight.end();
            tally(status);
            let headers = [
                ("Location".to_owned(), location),
                ("Content-Length".to_owned(), "0".to_owned()),
                ("Connection".to_owned(), connection.to_owned()),
            ];
            write_counted(stream, response_head(status, &headers).as_bytes(), &count)?;
            Ok(keep_alive)
        }
        Some(Route::Silent) => {
            stream.set_read_timeout(Some(POLL))?;
            let mut buf = [0u8; 1024];
            while !shared.stopping() && started.elapsed() < HANDLER_LIMIT {
                match stream.read(&mut buf) {
                    Ok(0) => break,
                    Ok(_) => {}
                    Err(e) if is_timeout(&e) => {}
                    Err(_) => break,
                }
            }
            Ok(false)
        }
        Some(Route::Endless) => {
            tally(200);
            stream.set_write_timeout(Some(Duration::from_millis(100)))?;
            let head = response_head(
                200,
                &[
                    ("Content-Type".to_owned(), "application/rss+xml".to_owned()),
                    ("Connection".to_owned(), "close".to_owned()),
                ],
            );
            write_counted(stream, head.as_bytes(), &count)?;
            write_counted(
                stream,
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
                    Err(e) if is_timeout(&e) => {}
                    Err(_) => break,
                }
            }
            Ok(false)
        }
    }
}

fn is_timeout(error: &io::Error) -> bool {
    matches!(
        error.kind(),
        io::ErrorKind::WouldBlock | io::ErrorKind::TimedOut
    )
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

/// Whether a conditional request gets `304 Not Modified` (see [`Reply`]).
fn not_modified(reply: &Reply, request: &RecordedRequest) -> bool {
    if reply.status != 200 {
        return false;
    }
    if let Some(sent) = request.header("if-none-match") {
        let bare = |tag: &str| tag.trim().trim_start_matches("W/").to_owned();
        return reply.header_value("etag").is_some_and(|etag| {
            sent.split(',')
                .any(|t| t.trim() == "*" || bare(t) == bare(etag))
        });
    }
    match (
        reply.header_value("last-modified"),
        request.header("if-modified-since"),
    ) {
        (Some(modified), Some(sent)) => {
            let date = |text: &str| DateTime::parse_from_rfc2822(text.trim()).ok();
            sent.trim() == modified
                || date(sent)
                    .zip(date(modified))
                    .is_some_and(|(sent, modified)| sent >= modified)
        }
        _ => false,
    }
}

/// What arrived on a connection.
enum Head {
    Request(RecordedRequest),
    /// Not HTTP (for instance a TLS handshake), a head too large or a body too large.
    Garbage,
    /// The client left, or sent nothing for too long, or the server is stopping.
    Closed,
}

/// Reads the next request head on `conn` (and skips its body), waiting at most `wait` for it
/// to start arriving.
fn read_request(conn: &mut Connection, shared: &Shared, wait: Duration) -> io::Result<Head> {
    let waiting = Instant::now();
    conn.stream.set_read_timeout(Some(IDLE_POLL))?;
    let mut buf = [0u8; 4096];
    let end = loop {
        if let Some(at) = conn.pending.windows(4).position(|w| w == b"\r\n\r\n") {
            break at + 4;
        }
        if conn.pending.len() > MAX_HEAD
            || conn
                .pending
                .first()
                .is_some_and(|c| !c.is_ascii_uppercase())
        {
            return Ok(Head::Garbage);
        }
        match conn.stream.read(&mut buf) {
            Ok(0) => return Ok(Head::Closed),
            Ok(n) => conn.pending.extend_from_slice(&buf[..n]),
            Err(e) if is_timeout(&e) => {
                if shared.stopping() || waiting.elapsed() > wait {
                    return Ok(Head::Closed);
                }
            }
            Err(e) => return Err(e),
        }
    };
    let head: Vec<u8> = conn.pending.drain(..end).collect();
    let text = String::from_utf8_lossy(&head);
    let mut lines = text.split("\r\n");
    let mut first = lines.next().unwrap_or_default().split(' ');
    let method = first.next().unwrap_or_default().to_owned();
    let target = first.next().unwrap_or_default().to_owned();
    let version = first.next().unwrap_or_default().to_owned();
    let headers: Vec<(String, String)> = lines
        .take_while(|l| !l.is_empty())
        .filter_map(|l| l.split_once(':'))
        .map(|(n, v)| (n.trim().to_owned(), v.trim().to_owned()))
        .collect();
    let request = RecordedRequest {
        method,
        target,
        version,
        headers,
    };

    // Skip the body, if any, so that the next request starts where it should.
    let length: u64 = request
        .header("content-length")
        .and_then(|v| v.parse().ok())
        .unwrap_or(0);
    if length > MAX_BODY {
        return Ok(Head::Garbage);
    }
    let mut left = length as usize;
    let taken = left.min(conn.pending.len());
    conn.pending.drain(..taken);
    left -= taken;
    let reading = Instant::now();
    while left > 0 {
        match conn.stream.read(&mut buf[..left.min(4096)]) {
            Ok(0) => return Ok(Head::Closed),
            Ok(n) => left -= n,
            Err(e) if is_timeout(&e) => {
                if shared.stopping() || reading.elapsed() > FIRST_REQUEST_LIMIT {
                    return Ok(Head::Closed);
                }
            }
            Err(e) => return Err(e),
        }
    }
    Ok(Head::Request(request))
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
    let mut has_connection = false;
    for (name, value) in headers {
        has_connection |= name.eq_ignore_ascii_case("connection");
        head.push_str(&format!("{name}: {value}\r\n"));
    }
    if !has_connection {
        head.push_str("Connection: close\r\n");
    }
    head.push_str("\r\n");
    head
}
