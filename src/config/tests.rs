//! Unit tests for config parsing and validation: defaults, the shipped file, and one test per
//! kind of error with the exact line and key it must report.

use super::*;

fn parse(text: &str) -> Result<Config, ConfigError> {
    Config::from_toml(text, Path::new("/cfg/config.toml"))
}

/// The (line, key, message) of an `Invalid` error; panics on success or another error.
fn invalid(text: &str) -> (usize, String, String) {
    match parse(text) {
        Err(ConfigError::Invalid {
            path,
            line,
            key,
            message,
        }) => {
            assert_eq!(path, Path::new("/cfg/config.toml"));
            (line, key, message)
        }
        other => panic!("expected an Invalid error for {text:?}, got {other:?}"),
    }
}

#[test]
fn the_shipped_default_parses_with_tagged_feeds_and_default_settings() {
    let config = parse(DEFAULT_CONFIG).unwrap();
    assert!(config.feeds.len() >= 12, "{} feeds", config.feeds.len());
    for feed in &config.feeds {
        assert!(!feed.tags.is_empty(), "{} has no tags", feed.url);
        assert!(feed.url.starts_with("https://"), "{}", feed.url);
        assert!(feed.title.is_some(), "{} has no title", feed.url);
    }
    assert_eq!(config.settings, Settings::default());
    assert!(config.keys.is_empty());
    assert!(config.views.is_empty());
}

#[test]
fn an_empty_file_gives_every_default() {
    let config = parse("").unwrap();
    let s = &config.settings;
    assert_eq!(s.concurrency, 16);
    assert_eq!(s.per_host, 2);
    assert_eq!(s.connect_timeout, Duration::from_secs(10));
    assert_eq!(s.timeout, Duration::from_secs(30));
    assert_eq!(s.max_feed_bytes, 10 * 1024 * 1024);
    assert_eq!(s.keep_days, Some(90));
    assert_eq!(s.user_agent, DEFAULT_USER_AGENT);
    assert!(s.refresh_on_start);
    assert!(s.mark_read_on_open);
    assert_eq!(s.feeds_pane_min_width, 100);
    assert!(config.feeds.is_empty());
}

#[test]
fn settings_are_read_and_keep_days_zero_keeps_forever() {
    let config = parse(
        "[settings]\nconcurrency = 4\nper_host = 1\nconnect_timeout_secs = 3\ntimeout_secs = 7\n\
         max_feed_mb = 2\nkeep_days = 0\nuser_agent = \"me/1\"\nrefresh_on_start = false\n\
         mark_read_on_open = false\nfeeds_pane_min_width = 0\n",
    )
    .unwrap();
    let s = config.settings;
    assert_eq!(
        (s.concurrency, s.per_host, s.connect_timeout, s.timeout),
        (4, 1, Duration::from_secs(3), Duration::from_secs(7))
    );
    assert_eq!(s.max_feed_bytes, 2 * 1024 * 1024);
    assert_eq!(s.keep_days, None);
    assert_eq!(s.user_agent, "me/1");
    assert!(!s.refresh_on_start && !s.mark_read_on_open);
    assert_eq!(s.feeds_pane_min_width, 0);
    assert_eq!(
        parse("[settings]\nkeep_days = 7")
            .unwrap()
            .settings
            .keep_days,
        Some(7)
    );
}

#[test]
fn feeds_keys_and_views_are_kept() {
    let config = parse(
        r#"
[[feeds]]
url = "https://a.example/feed"
title = "A"
tags = ["x", "y", "x"]

[[feeds]]
url = "file:///tmp/feed.xml"

[[feeds]]
url = "feeds/local.xml"

[keys]
quit = "q"
down = ["j", "Down"]

[[views]]
name = "Unread"
query = "unread"
"#,
    )
    .unwrap();
    assert_eq!(config.feeds.len(), 3);
    assert_eq!(config.feeds[0].title.as_deref(), Some("A"));
    assert_eq!(
        config.feeds[0].tags,
        ["x", "y"],
        "duplicate tags are dropped"
    );
    assert_eq!(config.feeds[1].title, None);
    assert!(config.feeds[1].tags.is_empty());
    assert_eq!(config.feeds[2].url, "feeds/local.xml");
    assert_eq!(config.keys["quit"], ["q"]);
    assert_eq!(config.keys["down"], ["j", "Down"]);
    assert_eq!(
        config.views,
        [View {
            name: "Unread".into(),
            query: "unread".into()
        }]
    );
}

#[test]
fn syntax_errors_name_the_line() {
    let (line, key, message) = invalid("[settings]\nconcurrency = 4\nper_host = = 2\n");
    assert_eq!(line, 3);
    assert_eq!(key, "settings.per_host");
    assert!(!message.is_empty());
    let (line, _, _) = invalid("# c\n\n[[feeds]]\nurl = \"https://a\ntitle = \"x\"\n");
    assert_eq!(
        line, 4,
        "an unterminated string is reported where it starts"
    );
}

#[test]
fn unknown_keys_are_errors_at_their_line() {
    let (line, key, message) = invalid("[settings]\nconcurrency = 4\nconcurency = 3\n");
    assert_eq!((line, key.as_str()), (3, "settings.concurency"));
    assert!(message.contains("unknown key `concurency`"), "{message}");
    assert!(
        message.contains("`concurrency`"),
        "suggests the real keys: {message}"
    );

    let (line, key, _) = invalid("\n\n[setings]\nconcurrency = 3\n");
    assert_eq!((line, key.as_str()), (3, "setings"));

    let text = "[[feeds]]\nurl = \"https://a/\"\n\n[[feeds]]\nurl = \"https://b/\"\nurl2 = \"x\"\n";
    let (line, key, _) = invalid(text);
    assert_eq!((line, key.as_str()), (6, "feeds[2].url2"));

    let (line, key, _) = invalid("[[views]]\nname = \"a\"\nquery = \"b\"\nsort = \"c\"\n");
    assert_eq!((line, key.as_str()), (4, "views[1].sort"));
}

#[test]
fn wrong_types_are_errors_at_their_line() {
    let (line, key, message) = invalid("[settings]\n\nconcurrency = \"8\"\n");
    assert_eq!((line, key.as_str()), (3, "settings.concurrency"));
    assert!(message.contains("expected a whole number"), "{message}");

    let (line, key, message) = invalid("[settings]\nrefresh_on_start = \"yes\"\n");
    assert_eq!((line, key.as_str()), (2, "settings.refresh_on_start"));
    assert!(message.contains("boolean"), "{message}");

    let text =
        "[[feeds]]\nurl = \"https://a/\"\n\n[[feeds]]\nurl = \"https://b/\"\ntags = [\"a\", 3]\n";
    let (line, key, _) = invalid(text);
    assert_eq!((line, key.as_str()), (6, "feeds[2].tags[2]"));

    let (line, key, message) = invalid("[keys]\nquit = \"q\"\nhelp = 1\n");
    assert_eq!((line, key.as_str()), (3, "keys.help"));
    assert!(message.contains("list of keys"), "{message}");
}

#[test]
fn missing_required_keys_name_the_table() {
    let (line, key, message) =
        invalid("[[feeds]]\nurl = \"https://a/\"\n\n[[feeds]]\ntitle = \"x\"\n");
    assert_eq!((line, key.as_str()), (4, "feeds[2]"));
    assert!(message.contains("missing key `url`"), "{message}");
}

#[test]
fn out_of_range_settings_are_errors() {
    for (text, key) in [
        ("[settings]\nconcurrency = 0", "settings.concurrency"),
        ("[settings]\nconcurrency = 257", "settings.concurrency"),
        ("[settings]\nper_host = 0", "settings.per_host"),
        (
            "[settings]\nconnect_timeout_secs = -1",
            "settings.connect_timeout_secs",
        ),
        ("[settings]\ntimeout_secs = 0", "settings.timeout_secs"),
        ("[settings]\nmax_feed_mb = 0", "settings.max_feed_mb"),
        ("[settings]\nkeep_days = -3", "settings.keep_days"),
        ("[settings]\nuser_agent = \"\"", "settings.user_agent"),
        ("[settings]\nuser_agent = \"a\\nb\"", "settings.user_agent"),
    ] {
        let (line, got, message) = invalid(text);
        assert_eq!((line, got.as_str()), (2, key), "{text}: {message}");
    }
    let (_, _, message) = invalid("[settings]\nconcurrency = 1000");
    assert!(message.contains("1 to 256"), "{message}");
    assert!(parse("[settings]\nconcurrency = 256").is_ok());
    assert!(parse("[settings]\nconcurrency = 1").is_ok());
}

#[test]
fn bad_feed_values_are_errors() {
    let feed = |body: &str| format!("[settings]\n\n[[feeds]]\n{body}\n");
    for (body, key, hint) in [
        ("url = \"\"", "feeds[1].url", "empty"),
        ("url = \"   \"", "feeds[1].url", "empty"),
        ("url = \"ftp://example.com/feed\"", "feeds[1].url", "`ftp:`"),
        ("url = \"gopher://x\"", "feeds[1].url", "not supported"),
        ("url = \"http://\"", "feeds[1].url", "not a valid URL"),
        ("url = \" https://a/\"", "feeds[1].url", "spaces"),
    ] {
        let (line, got, message) = invalid(&feed(body));
        assert_eq!((line, got.as_str()), (4, key), "{body}");
        assert!(message.contains(hint), "{body}: {message}");
    }
    let (line, key, _) = invalid(&feed("url = \"https://a/\"\ntitle = \" \""));
    assert_eq!((line, key.as_str()), (5, "feeds[1].title"));
    let (line, key, _) = invalid(&feed("url = \"https://a/\"\ntags = [\"ok\",\n  \"\"]"));
    assert_eq!((line, key.as_str()), (6, "feeds[1].tags[2]"));
}

#[test]
fn duplicate_urls_are_an_error_at_the_second() {
    let text = "[[feeds]]\nurl = \"https://a/\"\n\n[[feeds]]\nurl = \"https://b/\"\n\n[[feeds]]\n\
                url = \"https://a/\"\n";
    let (line, key, message) = invalid(text);
    assert_eq!((line, key.as_str()), (8, "feeds[3].url"));
    assert!(message.contains("feeds[1]"), "{message}");
}

#[test]
fn errors_display_file_line_key_and_message() {
    let err = parse("[settings]\nper_host = 0\n").unwrap_err().to_string();
    assert!(
        err.starts_with("/cfg/config.toml:2: settings.per_host: 0 is out of range"),
        "{err}"
    );
}

#[test]
fn load_or_init_writes_the_default_once_then_reads_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("nested/dir/config.toml");
    let (config, created) = Config::load_or_init(&path).unwrap();
    assert!(created);
    assert_eq!(std::fs::read_to_string(&path).unwrap(), DEFAULT_CONFIG);
    assert_eq!(config, parse(DEFAULT_CONFIG).unwrap());

    std::fs::write(&path, "[settings]\nconcurrency = 3\n").unwrap();
    let (config, created) = Config::load_or_init(&path).unwrap();
    assert!(!created);
    assert_eq!(config.settings.concurrency, 3);

    std::fs::write(&path, "[settings]\nconcurrency = 0\n").unwrap();
    match Config::load_or_init(&path) {
        Err(ConfigError::Invalid { path: p, line, .. }) => {
            assert_eq!(p, path);
            assert_eq!(line, 2);
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn check_feed_url_accepts_what_the_fetcher_can_read() {
    for ok in [
        "https://example.com/feed",
        "http://127.0.0.1:8080/x.xml",
        "file:///tmp/x.xml",
        "/home/u/feed.xml",
        "feeds/x.xml",
        "C:\\feeds\\x.xml",
    ] {
        assert!(check_feed_url(ok).is_ok(), "{ok}");
    }
    for bad in [
        "",
        "mailto:a@b.c",
        "query:x:unread",
        "https://",
        "javascript:alert(1)",
    ] {
        assert!(check_feed_url(bad).is_err(), "{bad}");
    }
}

#[test]
fn full_text_has_a_default_and_a_per_feed_override() {
    let config = parse("").unwrap();
    assert_eq!(config.settings.full_text, FullText::Auto);
    assert_eq!(
        config.full_text_of("https://a.example/feed"),
        FullText::Auto
    );
    let config = parse(
        "[settings]\nfull_text = false\n\
         [[feeds]]\nurl = \"https://a.example/feed\"\nfull_text = true\n\
         [[feeds]]\nurl = \"https://b.example/feed\"\nfull_text = \"auto\"\n\
         [[feeds]]\nurl = \"https://c.example/feed\"\n",
    )
    .unwrap();
    assert_eq!(config.settings.full_text, FullText::Off);
    assert_eq!(config.full_text_of("https://a.example/feed"), FullText::On);
    assert_eq!(
        config.full_text_of("https://b.example/feed"),
        FullText::Auto
    );
    assert_eq!(config.full_text_of("https://c.example/feed"), FullText::Off);
    let (line, key, message) =
        invalid("[[feeds]]\nurl = \"https://a.example/feed\"\nfull_text = \"always\"\n");
    assert_eq!((line, key.as_str()), (3, "feeds[1].full_text"));
    assert!(message.contains("true, false or \"auto\""), "{message}");
}

#[test]
fn sync_is_off_by_default_and_read_when_set() {
    assert_eq!(parse(DEFAULT_CONFIG).unwrap().sync, None);
    let config = parse(
        "[sync]\nserver = \"greader\"\nurl = \"https://rss.example/api/greader.php\"\n\
         user = \"alice\"\npassword_command = [\"pass\", \"show\", \"freshrss\"]\n",
    )
    .unwrap();
    let sync = config.sync.unwrap();
    assert_eq!(sync.url, "https://rss.example/api/greader.php");
    assert_eq!(sync.user, "alice");
    assert_eq!(
        sync.password_command,
        Some(vec![
            "pass".to_owned(),
            "show".to_owned(),
            "freshrss".to_owned()
        ])
    );
    assert_eq!(sync.password, None);
    let plain = parse(
        "[sync]\nserver = \"greader\"\nurl = \"http://127.0.0.1:8765/api/greader.php\"\n\
         user = \"bob\"\npassword = \"hunter2\"\n",
    )
    .unwrap()
    .sync
    .unwrap();
    assert_eq!(plain.password.as_deref(), Some("hunter2"));
    assert!(!format!("{plain:?}").contains("hunter2"));
}

#[test]
fn the_shipped_sync_example_parses_once_uncommented() {
    let start = DEFAULT_CONFIG.find("# [sync]").expect("a [sync] example");
    let example: String = DEFAULT_CONFIG[start..]
        .lines()
        .take_while(|l| l.starts_with('#'))
        .map(|l| l.trim_start_matches('#').trim_start())
        .collect::<Vec<_>>()
        .join("\n");
    let sync = parse(&example).unwrap().sync.unwrap();
    assert_eq!(sync.user, "alice");
    assert!(sync.password_command.is_some());
}

#[test]
fn bad_sync_values_are_errors_at_their_line() {
    let base = "[sync]\nserver = \"greader\"\nurl = \"https://h/api/greader.php\"\nuser = \"a\"\n";
    let (line, key, message) =
        invalid("[sync]\nserver = \"fever\"\nurl = \"https://h\"\nuser = \"a\"\n");
    assert_eq!((line, key.as_str()), (2, "sync.server"));
    assert!(message.contains("greader"), "{message}");
    let (line, key, _) = invalid("[sync]\nserver = \"greader\"\nurl = \"ftp://h\"\nuser = \"a\"\n");
    assert_eq!((line, key.as_str()), (3, "sync.url"));
    let (line, key, _) =
        invalid("[sync]\nserver = \"greader\"\nurl = \"https://h\"\nuser = \" \"\n");
    assert_eq!((line, key.as_str()), (4, "sync.user"));
    let (line, key, _) = invalid(&format!("{base}password_command = []\n"));
    assert_eq!((line, key.as_str()), (5, "sync.password_command"));
    let (line, key, message) = invalid(&format!(
        "{base}password_command = [\"pass\"]\npassword = \"x\"\n"
    ));
    assert_eq!((line, key.as_str()), (6, "sync.password"));
    assert!(message.contains("not both"), "{message}");
    let (_, key, message) = invalid(&format!("{base}pasword = \"x\"\n"));
    assert!(key.contains("sync"), "{key}");
    assert!(message.contains("unknown key"), "{message}");
    let (_, _, message) = invalid("[sync]\nserver = \"greader\"\nurl = \"https://h\"\n");
    assert!(message.contains("missing key"), "{message}");
}

#[test]
fn commands_downloads_ignore_rules_and_theme_are_read_and_checked() {
    let config = parse(
        "[settings]\nopen_all_max = 3\nspace_next_unread = true\nrefresh_minutes = 15\n\
         keys_preset = \"newsboat\"\n\
         [commands]\nplayer = [\"vlc\", \"--intf\", \"dummy\"]\nnotify = [\"notify-send\", \"dateline\"]\n\
         notify_per_view = true\n\
         [downloads]\ndir = \"~/Podcasts\"\nmax_mb = 5\n\
         [theme]\ncyan = \"#88c0d0\"\nyellow = \"214\"\nred = \"magenta\"\n\
         [[ignore]]\nquery = \"sponsored\"\n[[ignore]]\nquery = \"feed:deals\"\naction = \"drop\"\n",
    )
    .unwrap();
    let s = &config.settings;
    assert_eq!(s.open_all_max, 3);
    assert!(s.space_next_unread);
    assert_eq!(s.refresh_every, Some(Duration::from_secs(900)));
    assert_eq!(s.keys_preset.as_deref(), Some("newsboat"));
    assert_eq!(config.commands.player, ["vlc", "--intf", "dummy"]);
    assert_eq!(config.commands.notify, ["notify-send", "dateline"]);
    assert!(config.commands.notify_per_view);
    assert_eq!(config.downloads.dir.as_deref(), Some("~/Podcasts"));
    assert_eq!(config.downloads.max_bytes, 5 * 1024 * 1024);
    assert_eq!(
        config.theme,
        [
            (6, Colour::Rgb(0x88, 0xc0, 0xd0)),
            (1, Colour::Named(5)),
            (3, Colour::Indexed(214)),
        ]
    );
    assert_eq!(config.ignore.len(), 2);
    assert_eq!(config.ignore[0].action, IgnoreAction::Hide);
    assert_eq!(config.ignore[1].action, IgnoreAction::Drop);

    let defaults = parse("").unwrap();
    assert_eq!(defaults.commands, Commands::default());
    assert_eq!(defaults.downloads, Downloads::default());
    assert_eq!(defaults.settings.refresh_every, None);

    let (line, key, message) = invalid("[theme]\n\ncyan = \"#zz\"\n");
    assert_eq!((line, key.as_str()), (3, "theme.cyan"));
    assert!(message.contains("#88c0d0"), "{message}");
    let (line, key, _) = invalid("[theme]\npurple = \"red\"\n");
    assert_eq!((line, key.as_str()), (2, "theme.purple"));
    let (_, key, _) = invalid("[commands]\nplayer = []\n");
    assert_eq!(key, "commands.player");
    let (_, key, _) = invalid("[settings]\nkeys_preset = \"vim\"\n");
    assert_eq!(key, "settings.keys_preset");
    let (_, key, _) = invalid("[downloads]\nmax_mb = 0\n");
    assert_eq!(key, "downloads.max_mb");
    let (_, key, _) = invalid("[[ignore]]\nquery = \"x\"\naction = \"burn\"\n");
    assert!(key.starts_with("ignore"), "{key}");
}

#[test]
fn a_document_that_made_toml_edit_panic_is_an_error() {
    // Found by the config fuzz target: a repeated key in an invalid document made the key
    // lookup for the error message panic inside toml_edit.
    let text = include_str!("../../tests/fixtures/fuzz-config-toml-edit-panic.toml");
    assert!(parse(text).is_err());
}
