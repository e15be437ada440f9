//! Shared helpers for the integration tests: the test kit (`tests/kit/`: the HTTP server on
//! 127.0.0.1, the random generator, the way to `../shared`), and running the `dateline`
//! binary in isolation.
//!
//! Why it exists: one place for what every test module needs, so that no module grows its own
//! server, generator or skip logic. The kit's files are shared with the benches, which include
//! them with `#[path = ...]`; see each for what it promises.

#![allow(
    dead_code,
    reason = "shared helpers: not every test module uses every one"
)]

use std::path::Path;

#[path = "../kit/http.rs"]
mod http;
#[path = "../kit/rng.rs"]
mod rng;
#[path = "../kit/shared.rs"]
mod shared;

#[allow(
    unused_imports,
    reason = "the kit's whole API, for modules that need more of it"
)]
pub use http::{RecordedRequest, Reply, Route, RouteStats, TestServer, Totals, gzip, unused_port};
pub use rng::Rng;
pub use shared::shared_path;

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

/// The kit's own promises that the tests above do not exercise: kept-alive connections (the
/// refresh bench's mode), `HEAD`, the conditional rules and the totals.
mod kit_tests {
    use std::io::{BufRead, BufReader, Read, Write};
    use std::net::TcpStream;
    use std::time::Duration;

    use super::{Reply, TestServer, Totals};

    /// Sends `request` on `stream` and reads one answer: status, headers (lower-cased names)
    /// and body (by `Content-Length`).
    fn exchange(
        stream: &mut BufReader<TcpStream>,
        request: &str,
    ) -> (u16, Vec<(String, String)>, Vec<u8>) {
        stream.get_mut().write_all(request.as_bytes()).unwrap();
        let mut line = String::new();
        stream.read_line(&mut line).unwrap();
        let status = line.split(' ').nth(1).unwrap().parse().unwrap();
        let mut headers = Vec::new();
        loop {
            let mut line = String::new();
            stream.read_line(&mut line).unwrap();
            let Some((name, value)) = line.trim_end().split_once(':') else {
                break;
            };
            headers.push((name.to_ascii_lowercase(), value.trim().to_owned()));
        }
        let length: usize = headers
            .iter()
            .find(|(n, _)| n == "content-length")
            .map_or(0, |(_, v)| v.parse().unwrap());
        let mut body = vec![
            0;
            if request.starts_with("HEAD") {
                0
            } else {
                length
            }
        ];
        stream.read_exact(&mut body).unwrap();
        (status, headers, body)
    }

    fn connect(server: &TestServer) -> BufReader<TcpStream> {
        let stream = TcpStream::connect(server.addr()).unwrap();
        stream
            .set_read_timeout(Some(Duration::from_secs(10)))
            .unwrap();
        BufReader::new(stream)
    }

    fn header<'a>(headers: &'a [(String, String)], name: &str) -> Option<&'a str> {
        headers
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }

    #[test]
    fn kept_alive_connections_serve_many_requests_and_count_them() {
        let server = TestServer::try_start(Some(Duration::from_secs(5))).unwrap();
        let date = "Wed, 01 May 2024 10:00:00 GMT";
        server.route(
            "/feed",
            Reply::new(200)
                .header("ETag", "\"v1\"")
                .header("Last-Modified", date)
                .body("<rss/>"),
        );
        let mut conn = connect(&server);
        let get = |extra: &str| format!("GET /feed HTTP/1.1\r\nHost: x\r\n{extra}\r\n");

        let (status, headers, body) = exchange(&mut conn, &get(""));
        assert_eq!((status, body.as_slice()), (200, &b"<rss/>"[..]));
        assert_eq!(header(&headers, "connection"), Some("keep-alive"));
        // HEAD: the same head, no body (the next answer would be garbled otherwise).
        let (status, headers, _) = exchange(&mut conn, "HEAD /feed HTTP/1.1\r\nHost: x\r\n\r\n");
        assert_eq!(status, 200);
        assert_eq!(header(&headers, "content-length"), Some("6"));
        // Weak comparison; a later If-Modified-Since; a mismatched tag wins over a matching
        // date.
        assert_eq!(
            exchange(&mut conn, &get("If-None-Match: W/\"v1\"\r\n")).0,
            304
        );
        let later = "If-Modified-Since: Thu, 02 May 2024 00:00:00 GMT\r\n";
        assert_eq!(exchange(&mut conn, &get(later)).0, 304);
        let earlier = "If-Modified-Since: Tue, 30 Apr 2024 00:00:00 GMT\r\n";
        assert_eq!(exchange(&mut conn, &get(earlier)).0, 200);
        let both = format!("If-None-Match: \"v2\"\r\nIf-Modified-Since: {date}\r\n");
        assert_eq!(exchange(&mut conn, &get(&both)).0, 200);
        // Asked to close: answered, then closed.
        let (status, headers, _) = exchange(
            &mut conn,
            "GET /nothing HTTP/1.1\r\nConnection: close\r\n\r\n",
        );
        assert_eq!(status, 404);
        assert_eq!(header(&headers, "connection"), Some("close"));
        let mut rest = Vec::new();
        assert_eq!(conn.read_to_end(&mut rest).unwrap(), 0);

        assert_eq!(
            server.totals(),
            Totals {
                connections: 1,
                requests: 7,
                ok: 4,
                not_modified: 2,
                other: 1,
            }
        );
        assert_eq!(server.stats("/feed").requests, 6);
    }

    #[test]
    fn without_keep_alive_every_answer_closes_its_connection() {
        let server = TestServer::start();
        server.route("/a", Reply::new(200).body("a"));
        let mut conn = connect(&server);
        let (status, headers, body) = exchange(&mut conn, "GET /a HTTP/1.1\r\nHost: x\r\n\r\n");
        assert_eq!((status, body.as_slice()), (200, &b"a"[..]));
        assert_eq!(header(&headers, "connection"), Some("close"));
        let mut rest = Vec::new();
        assert_eq!(conn.read_to_end(&mut rest).unwrap(), 0);
        let before = server.totals();
        let mut conn = connect(&server);
        exchange(&mut conn, "GET /a HTTP/1.1\r\nHost: x\r\n\r\n");
        let after = server.totals();
        assert_eq!(
            after - before,
            Totals {
                connections: 1,
                requests: 1,
                ok: 1,
                ..Totals::default()
            }
        );
    }
}
