//! Managing feeds and what the output leaves out, as a newsboat user drives the binary:
//! `show` with its links and enclosures, plain `dateline` on a pipe saying how many unread
//! articles it did not print, `add` (with feed discovery on an HTML page) and `remove`. Feeds
//! come from the test HTTP server on 127.0.0.1.

use std::path::Path;

use crate::support::{Reply, TestServer, dateline, json, ok};

/// A podcast-like RSS feed with `n` items: each links two pages and carries an MP3 enclosure
/// with a size and an `itunes:duration`.
fn podcast(title: &str, n: usize) -> String {
    let mut items = String::new();
    for i in 0..n {
        items.push_str(&format!(
            "<item><title>Episode {i}</title><link>https://example.org/ep/{i}</link>\
             <guid>ep-{i}</guid><pubDate>Mon, 23 Nov 2026 10:{:02}:00 GMT</pubDate>\
             <description>&lt;p&gt;Notes: &lt;a href=\"https://example.org/notes/{i}\"&gt;notes&lt;/a&gt; \
             and &lt;a href=\"https://example.org/guest/{i}\"&gt;guest&lt;/a&gt;.&lt;/p&gt;</description>\
             <enclosure url=\"https://example.org/audio/{i}.mp3\" length=\"12345678\" type=\"audio/mpeg\"/>\
             <itunes:duration>1:02:03</itunes:duration></item>",
            i % 60
        ));
    }
    format!(
        "<?xml version=\"1.0\"?><rss version=\"2.0\" \
         xmlns:itunes=\"http://www.itunes.com/dtds/podcast-1.0.dtd\"><channel><title>{title}</title>\
         <link>https://example.org/</link>{items}</channel></rss>"
    )
}

fn write_config(dir: &Path, urls: &[String]) {
    let mut text = "# my settings\n[settings]\nkeep_days = 0\n".to_string();
    for url in urls {
        text.push_str(&format!("\n[[feeds]]\nurl = \"{url}\"\n"));
    }
    std::fs::write(dir.join("config.toml"), text).unwrap();
}

fn rss_reply(body: String) -> Reply {
    Reply::new(200)
        .header("Content-Type", "application/rss+xml")
        .body(body)
}

#[test]
fn show_numbers_the_links_and_lists_the_enclosures() {
    let server = TestServer::start();
    server.route("/pod.xml", rss_reply(podcast("Pod", 1)));
    let dir = tempfile::tempdir().unwrap();
    write_config(dir.path(), &[server.url("/pod.xml")]);
    ok(&dateline(dir.path(), &["refresh"]));
    let list = json(&dateline(dir.path(), &["list", "--json"]));
    let id = list[0]["id"].as_i64().unwrap().to_string();

    let text = ok(&dateline(dir.path(), &["show", &id]));
    assert!(
        text.contains("Links:\n[1] https://example.org/notes/0\n[2] https://example.org/guest/0\n"),
        "{text}"
    );
    assert!(
        text.contains(
            "Enclosures:\n[1] https://example.org/audio/0.mp3 (audio/mpeg, 12.3 MB, 1:02:03)"
        ),
        "{text}"
    );
    let shown = json(&dateline(dir.path(), &["show", &id, "--json"]));
    assert_eq!(shown["links"][1], "https://example.org/guest/0");
    assert_eq!(shown["enclosures"][0]["duration_secs"], 3723);
    assert_eq!(shown["enclosures"][0]["length"], 12_345_678);
}

#[test]
fn plain_dateline_on_a_pipe_says_what_it_left_out_and_all_prints_everything() {
    let server = TestServer::start();
    server.route("/pod.xml", rss_reply(podcast("Pod", 45)));
    let dir = tempfile::tempdir().unwrap();
    write_config(dir.path(), &[server.url("/pod.xml")]);

    // The test's standard output is a pipe: the unread list, not the reader.
    let out = ok(&dateline(dir.path(), &[]));
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 41, "{out}");
    assert!(
        lines[40].contains("5 more unread articles not shown") && lines[40].contains("--all"),
        "{out}"
    );

    let all = ok(&dateline(dir.path(), &["--all"]));
    assert_eq!(all.lines().count(), 45, "{all}");
    assert!(!all.contains("not shown"), "{all}");
}

fn page(links: &[(&str, &str)]) -> Reply {
    let mut head = String::new();
    for (href, title) in links {
        head.push_str(&format!(
            "<link rel=\"alternate\" type=\"application/rss+xml\" title=\"{title}\" href=\"{href}\">"
        ));
    }
    Reply::new(200)
        .header("Content-Type", "text/html; charset=utf-8")
        .body(format!(
            "<!DOCTYPE html><html><head><title>Site</title>{head}</head><body>hi</body></html>"
        ))
}

#[test]
fn add_and_remove_keep_the_users_comments() {
    let server = TestServer::start();
    server.route("/pod.xml", rss_reply(podcast("The Pod", 2)));
    server.route("/other.xml", rss_reply(podcast("Other", 1)));
    let dir = tempfile::tempdir().unwrap();
    write_config(dir.path(), &[server.url("/other.xml")]);
    let url = server.url("/pod.xml");

    let out = ok(&dateline(
        dir.path(),
        &[
            "add", &url, "--title", "My pod", "--tag", "audio", "--tag", "fun",
        ],
    ));
    assert_eq!(out.trim(), format!("added {url} (My pod)"));
    let text = std::fs::read_to_string(dir.path().join("config.toml")).unwrap();
    assert!(text.starts_with("# my settings\n"), "{text}");
    assert!(
        text.ends_with(&format!(
            "[[feeds]]\nurl = \"{url}\"\ntitle = \"My pod\"\ntags = [\"audio\", \"fun\"]\n"
        )),
        "{text}"
    );
    let feeds = json(&dateline(dir.path(), &["feeds", "--json"]));
    assert_eq!(feeds[1]["title"], "My pod");
    assert_eq!(feeds[1]["tags"], serde_json::json!(["audio", "fun"]));

    // Twice is an error that says so.
    let again = dateline(dir.path(), &["add", &url]);
    assert!(!again.status.success());
    assert!(String::from_utf8_lossy(&again.stderr).contains("already configured"));

    let out = ok(&dateline(dir.path(), &["remove", "my pod"]));
    assert_eq!(out.trim(), format!("removed {url} (My pod)"));
    let text = std::fs::read_to_string(dir.path().join("config.toml")).unwrap();
    assert!(
        !text.contains("/pod.xml") && text.starts_with("# my settings\n"),
        "{text}"
    );
    let feeds = json(&dateline(dir.path(), &["feeds", "--json"]));
    assert_eq!(feeds.as_array().unwrap().len(), 1);

    let missing = dateline(dir.path(), &["remove", "nothing like it"]);
    assert!(!missing.status.success());
}

#[test]
fn add_finds_the_feeds_a_web_page_links() {
    let server = TestServer::start();
    server.route("/a.xml", rss_reply(podcast("Feed A", 1)));
    server.route("/b.xml", rss_reply(podcast("Feed B", 1)));
    server.route("/one", page(&[("/a.xml", "Posts")]));
    server.route("/two", page(&[("/a.xml", "Posts"), ("b.xml", "Comments")]));
    server.route("/none", page(&[]));
    let dir = tempfile::tempdir().unwrap();
    write_config(dir.path(), &[]);

    // One feed linked: it is added, under its own address.
    let out = ok(&dateline(dir.path(), &["add", &server.url("/one")]));
    assert_eq!(
        out.trim(),
        format!("added {} (Feed A)", server.url("/a.xml"))
    );

    // Two linked (one already configured): listed, nothing added, exit 1.
    std::fs::write(
        dir.path().join("config.toml"),
        "[settings]\nkeep_days = 0\n",
    )
    .unwrap();
    let listed = dateline(dir.path(), &["add", &server.url("/two")]);
    assert_eq!(listed.status.code(), Some(1));
    let stdout = String::from_utf8_lossy(&listed.stdout);
    assert_eq!(
        stdout,
        format!(
            "{}  Posts\n{}  Comments\n",
            server.url("/a.xml"),
            server.url("/b.xml")
        )
    );
    assert!(String::from_utf8_lossy(&listed.stderr).contains("--all"));
    let text = std::fs::read_to_string(dir.path().join("config.toml")).unwrap();
    assert!(!text.contains("[[feeds]]"), "{text}");

    let out = ok(&dateline(
        dir.path(),
        &["add", "--all", &server.url("/two"), "--tag", "t"],
    ));
    assert_eq!(out.lines().count(), 2, "{out}");
    let feeds = json(&dateline(dir.path(), &["feeds", "--json"]));
    assert_eq!(feeds.as_array().unwrap().len(), 2);

    let none = dateline(dir.path(), &["add", &server.url("/none")]);
    assert!(!none.status.success());
    assert!(String::from_utf8_lossy(&none.stderr).contains("links no feed"));
    let dead = dateline(dir.path(), &["add", &server.url("/missing")]);
    assert!(String::from_utf8_lossy(&dead.stderr).contains("404"));
}

mod downloads {
    use std::time::Duration;

    use dateline::fetch::{DownloadRequest, FetchError, Fetcher, FetcherOptions};

    use crate::support::{Reply, Route, TestServer};

    fn fetcher() -> Fetcher {
        Fetcher::new(FetcherOptions {
            concurrency: 4,
            per_host: 2,
            connect_timeout: Duration::from_secs(5),
            // The feed timeout: a download is not bound by it.
            timeout: Duration::from_millis(50),
            max_bytes: 1024,
            user_agent: "dateline-test".into(),
        })
        .unwrap()
    }

    fn request(url: String, dir: &std::path::Path, max_bytes: u64) -> DownloadRequest {
        DownloadRequest {
            url,
            dir: dir.to_path_buf(),
            max_bytes,
            stall: Duration::from_secs(2),
            total: Duration::from_secs(3),
        }
    }

    /// Files in `dir`, hidden ones (partials) included.
    fn files(dir: &std::path::Path) -> Vec<String> {
        let mut names: Vec<String> = std::fs::read_dir(dir)
            .map(|d| {
                d.map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
                    .collect()
            })
            .unwrap_or_default();
        names.sort();
        names
    }

    #[tokio::test]
    async fn an_enclosure_is_saved_whole_through_redirects_with_progress() {
        let server = TestServer::start();
        let body: Vec<u8> = (0..300_000u32).map(|i| (i % 251) as u8).collect();
        server.route(
            "/media/ep%201.mp3",
            Reply::new(200)
                .header("Content-Type", "audio/mpeg")
                .body(body.clone()),
        );
        server.route("/track", Route::redirect(302, "/media/ep%201.mp3"));
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("pods");
        let mut calls = Vec::new();
        let path = fetcher()
            .download(
                &request(server.url("/track"), &target, 1 << 20),
                |got, total| calls.push((got, total)),
            )
            .await
            .unwrap();
        assert_eq!(path, target.join("ep 1.mp3"));
        assert_eq!(std::fs::read(&path).unwrap(), body);
        assert_eq!(calls.last(), Some(&(300_000, Some(300_000))));
        assert_eq!(files(&target), ["ep 1.mp3"]);
        // Again: a second name, the first file untouched.
        let again = fetcher()
            .download(&request(server.url("/track"), &target, 1 << 20), |_, _| {})
            .await
            .unwrap();
        assert_eq!(again, target.join("ep 1 (2).mp3"));
    }

    #[tokio::test]
    async fn too_large_silent_and_failing_downloads_leave_no_file() {
        let server = TestServer::start();
        server.route("/big.mp3", Reply::new(200).body(vec![7u8; 50_000]));
        server.route("/silent.mp3", Route::Silent);
        server.route("/gone.mp3", Reply::new(404));
        let dir = tempfile::tempdir().unwrap();
        let err = fetcher()
            .download(
                &request(server.url("/big.mp3"), dir.path(), 10_000),
                |_, _| {},
            )
            .await
            .unwrap_err();
        assert!(
            matches!(err, FetchError::TooLarge { limit: 10_000 }),
            "{err}"
        );
        let err = fetcher()
            .download(
                &request(server.url("/silent.mp3"), dir.path(), 10_000),
                |_, _| {},
            )
            .await
            .unwrap_err();
        assert!(matches!(err, FetchError::Timeout(_)), "{err}");
        let err = fetcher()
            .download(
                &request(server.url("/gone.mp3"), dir.path(), 10_000),
                |_, _| {},
            )
            .await
            .unwrap_err();
        assert!(
            matches!(err, FetchError::Status { status: 404, .. }),
            "{err}"
        );
        assert_eq!(files(dir.path()), Vec::<String>::new());
    }
}

#[test]
fn ignore_rules_hide_and_drop_at_refresh_and_notify_counts_the_new_articles() {
    let server = TestServer::start();
    server.route("/pod.xml", rss_reply(podcast("Pod", 5)));
    let dir = tempfile::tempdir().unwrap();
    let note = dir.path().join("note.txt");
    let config = format!(
        "[settings]\nkeep_days = 0\n\n[commands]\nnotify = [\"sh\", \"-c\", \"printf '%s' \\\"$1\\\" > '{}'\", \"sh\"]\n\
         notify_per_view = true\n\n[[views]]\nname = \"Early\"\nquery = '\"Episode 0\" or \"Episode 1\"'\n\n\
         [[ignore]]\nquery = '\"Episode 3\"'\naction = \"drop\"\n\n[[ignore]]\nquery = '\"Episode 4\"'\n\n\
         [[feeds]]\nurl = \"{}\"\n",
        note.display(),
        server.url("/pod.xml")
    );
    std::fs::write(dir.path().join("config.toml"), config).unwrap();
    let out = dateline(dir.path(), &["refresh"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    assert!(
        stderr.contains("ignore rules: 1 articles hidden, 1 dropped"),
        "{stderr}"
    );
    let titles = |dir: &std::path::Path| -> Vec<String> {
        let list = json(&dateline(dir, &["list", "--json"]));
        list.as_array()
            .unwrap()
            .iter()
            .map(|a| a["title"].as_str().unwrap().to_string())
            .collect()
    };
    // Dropped and hidden: in no list, and in no count.
    let mut listed = titles(dir.path());
    listed.sort();
    assert_eq!(
        listed,
        ["Episode 0", "Episode 1", "Episode 2"],
        "{listed:?}"
    );
    let feeds = json(&dateline(dir.path(), &["feeds", "--json"]));
    assert_eq!(feeds[0]["unread"], 3, "{feeds}");
    assert_eq!(feeds[0]["total"], 3, "{feeds}");
    let unread = json(&dateline(dir.path(), &["list", "--json", "is:unread"]));
    assert_eq!(unread.as_array().unwrap().len(), 3);

    // The notifier runs detached: wait for its file.
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    while !note.exists() && std::time::Instant::now() < deadline {
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    std::thread::sleep(std::time::Duration::from_millis(200));
    assert_eq!(
        std::fs::read_to_string(&note).unwrap(),
        "4 new articles (Early: 2)"
    );

    // The dropped article does not come back, and nothing new means no notification.
    std::fs::remove_file(&note).unwrap();
    ok(&dateline(dir.path(), &["refresh"]));
    assert_eq!(titles(dir.path()).len(), 3);
    std::thread::sleep(std::time::Duration::from_millis(500));
    assert!(!note.exists());

    // A hidden article is kept: without its rule it comes back, unread; the dropped one
    // does not.
    let config = std::fs::read_to_string(dir.path().join("config.toml")).unwrap();
    let config = config.replace("[[ignore]]\nquery = '\"Episode 4\"'\n", "");
    assert!(!config.contains("Episode 4"), "{config}");
    std::fs::write(dir.path().join("config.toml"), config).unwrap();
    ok(&dateline(dir.path(), &["refresh"]));
    let listed = titles(dir.path());
    assert!(listed.contains(&"Episode 4".to_string()), "{listed:?}");
    assert!(!listed.contains(&"Episode 3".to_string()), "{listed:?}");
    let feeds = json(&dateline(dir.path(), &["feeds", "--json"]));
    assert_eq!(feeds[0]["unread"], 4, "{feeds}");
}

#[test]
fn add_on_a_first_run_writes_the_settings_and_only_that_feed() {
    let server = TestServer::start();
    server.route("/pod.xml", rss_reply(podcast("Pod", 1)));
    let dir = tempfile::tempdir().unwrap();
    let url = server.url("/pod.xml");
    ok(&dateline(dir.path(), &["add", &url]));
    let text = std::fs::read_to_string(dir.path().join("config.toml")).unwrap();
    assert!(text.contains("[settings]"), "{text}");
    let feeds = json(&dateline(dir.path(), &["feeds", "--json"]));
    let feeds = feeds.as_array().unwrap();
    assert_eq!(feeds.len(), 1, "no default feeds: {feeds:?}");
    assert_eq!(feeds[0]["url"], url.as_str());
}
