//! Integration tests: config import from real OPML and newsboat files, comment-preserving
//! edits, idempotent imports and the OPML export -> import round trip.

use std::collections::HashMap;
use std::path::Path;

use dateline::config::import::{
    ImportError, add_feeds_to_config, default_settings, export_opml, import_into_file,
    parse_feed_list,
};
use dateline::config::{Config, DEFAULT_CONFIG};
use dateline::model::FeedSpec;

use crate::support::{Rng, dateline, ok, shared_path};

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn fixture(name: &str) -> String {
    read(
        &Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures")
            .join(name),
    )
}

fn spec(url: &str, title: Option<&str>, tags: &[&str]) -> FeedSpec {
    FeedSpec {
        url: url.into(),
        title: title.map(Into::into),
        tags: tags.iter().map(|t| t.to_string()).collect(),
    }
}

/// newsboat's OPML test files (`../shared/corpora/newsboat`), or `None` on a bare clone.
fn newsboat() -> Option<std::path::PathBuf> {
    shared_path("corpora/newsboat")
}

fn opml(dir: &Path, name: &str) -> Result<(Vec<FeedSpec>, Vec<String>), ImportError> {
    parse_feed_list(&read(&dir.join(name)))
}

#[test]
fn newsboat_example_opml_nests_folders_into_tags() {
    let Some(dir) = newsboat() else { return };
    let (feeds, warnings) = opml(&dir, "example.opml").unwrap();
    assert!(warnings.is_empty(), "{warnings:?}");
    assert_eq!(
        feeds,
        [
            spec(
                "https://example.com/feed.xml",
                Some("example.com website"),
                &[]
            ),
            spec(
                "https://example.com/mirrors/distrowatch.rss",
                Some("Distrowatch mirror"),
                &[]
            ),
            spec(
                "https://example.com/feed.atom",
                Some("example.com website (Atom feed)"),
                &[]
            ),
            spec(
                "https://example.com/feed.rss09",
                Some("example.com website (RSS 0.9 feed)"),
                &[]
            ),
            spec(
                "https://blogs.example.com/~john/posts.rss",
                Some("John's musings"),
                &["Blogs"]
            ),
            spec(
                "https://blogs.example.com/~mike/.rss",
                Some("Notes by Mike"),
                &["Blogs", "friends"]
            ),
            spec(
                "https://fred.example.com/writing/index.php?type=rss",
                Some("Fred on everything"),
                &["eloquent"]
            ),
        ]
    );
}

#[test]
fn newsboat_example2_and_repeated_folders() {
    let Some(dir) = newsboat() else { return };
    let (feeds, _) = opml(&dir, "example2.opml").unwrap();
    assert_eq!(feeds.len(), 7);
    assert_eq!(
        feeds[2],
        spec(
            "https://third.example.com/~of/internet.rss",
            Some("Really?"),
            &["Rant boards", "humans"]
        )
    );
    assert_eq!(feeds[3].tags, ["Rant boards"]);
    assert_eq!(
        feeds[4],
        spec("https://example.com/five.atom", Some("another title"), &[])
    );

    let (feeds, _) = opml(&dir, "test-urls+.opml").unwrap();
    let tags: Vec<_> = feeds.iter().map(|f| f.tags.join("/")).collect();
    assert_eq!(tags, ["tag1/tag2", "", "tag1/tag3", ""]);
}

#[test]
fn newsboat_category_pipes_filters_and_broken_files() {
    let Some(dir) = newsboat() else { return };
    let (feeds, _) = opml(&dir, "category.opml").unwrap();
    assert_eq!(
        feeds,
        [spec(
            "http://feeds.bbci.co.uk/news/business/rss.xml?edition=int",
            None,
            &["tag one", "tag_two", "tag", "three"]
        )]
    );
    let (feeds, warnings) = opml(&dir, "piped.opml").unwrap();
    assert_eq!(feeds.len(), 1);
    assert_eq!(warnings.len(), 1);
    assert!(
        warnings[0].starts_with("line 8:") && warnings[0].contains("Birdsite"),
        "{warnings:?}"
    );
    let (feeds, warnings) = opml(&dir, "filtered.opml").unwrap();
    assert_eq!(feeds.len(), 2);
    assert!(warnings[0].contains("filter"), "{warnings:?}");
    assert_eq!(opml(&dir, "body-element-missing.opml").unwrap().0, []);
    assert!(matches!(
        opml(&dir, "opml-element-missing.opml"),
        Err(ImportError::Format(_))
    ));
}

#[test]
fn real_world_subscription_lists_import_with_and_without_title_attributes() {
    let Some(dir) = shared_path("corpora/realworld/rsparser") else {
        return;
    };
    let (with_titles, w1) = parse_feed_list(&read(&dir.join("Subs.opml"))).unwrap();
    let (without, w2) = parse_feed_list(&read(&dir.join("SubsNoTitleAttributes.opml"))).unwrap();
    assert!(w1.is_empty() && w2.is_empty(), "{w1:?} {w2:?}");
    assert_eq!(with_titles.len(), 207);
    assert_eq!(with_titles, without, "title falls back to text");
    assert!(
        with_titles
            .iter()
            .all(|f| f.title.is_some() && f.tags.len() <= 1)
    );
    let tagged = |tag: &str| with_titles.iter().filter(|f| f.tags == [tag]).count();
    // Feeds inside each of the four folders (counted with awk from the file; 69 are at the top).
    assert_eq!(
        [
            tagged("Programming"),
            tagged("Macintosh"),
            tagged("Weblogs"),
            tagged("Writers")
        ],
        [33, 5, 97, 3]
    );
    assert_eq!(with_titles[4].title.as_deref(), Some("chat & code"));

    let (text, report) = add_feeds_to_config(DEFAULT_CONFIG, with_titles).unwrap();
    assert_eq!(report.added.len(), 207);
    let config = Config::from_toml(&text, Path::new("config.toml")).unwrap();
    let default_count = Config::from_toml(DEFAULT_CONFIG, Path::new("d"))
        .unwrap()
        .feeds
        .len();
    assert_eq!(config.feeds.len(), default_count + 207);
}

#[test]
fn newsboat_urls_fixture_imports_tags_titles_and_warns_per_skipped_line() {
    let (feeds, warnings) = parse_feed_list(&fixture("newsboat-urls")).unwrap();
    assert_eq!(
        feeds,
        [
            spec(
                "https://feeds.bbci.co.uk/news/world/rss.xml",
                Some("BBC World"),
                &["world", "news"]
            ),
            spec(
                "https://www.theguardian.com/world/rss",
                Some("The Guardian: World"),
                &["world"]
            ),
            spec(
                "https://lwn.net/headlines/rss",
                None,
                &["linux", "free software", "duplicate-line"]
            ),
            spec(
                "https://blog.rust-lang.org/feed.xml",
                Some("Rust Blog"),
                &["rust", "programming"]
            ),
            spec(
                "https://feeds.example.org/podcast.xml",
                Some("A \"quoted\" podcast"),
                &["podcasts"]
            ),
            spec(
                "https://www.aljazeera.com/xml/rss/all.xml",
                None,
                &["world", "middle-east"]
            ),
            spec("file:///home/user/feeds/local.xml", None, &["local"]),
        ]
    );
    let lines: Vec<&str> = warnings
        .iter()
        .map(|w| w.split(':').next().unwrap_or(""))
        .collect();
    assert_eq!(
        lines,
        ["line 13", "line 14", "line 15", "line 16"],
        "{warnings:?}"
    );
}

#[test]
fn import_keeps_every_comment_and_byte_of_the_existing_file_and_is_idempotent() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("config.toml");
    let original = format!(
        "{DEFAULT_CONFIG}\n# my own notes\n[[feeds]]   # odd spacing kept\nurl   =   \"https://lwn.net/headlines/rss\"\n"
    );
    std::fs::write(&path, &original).unwrap();

    let urls = fixture("newsboat-urls");
    let report = import_into_file(&path, &urls).unwrap();
    // The default already has BBC World, the Guardian and Al Jazeera; lwn.net was added above.
    assert_eq!(report.added.len(), 3, "{report:?}");
    assert_eq!(report.already_present, 4);
    assert_eq!(report.warnings.len(), 4);
    let after = read(&path);
    assert!(
        after.starts_with(&original),
        "the old text is a byte-for-byte prefix"
    );
    assert_eq!(
        original.lines().filter(|l| l.contains('#')).count(),
        after.lines().filter(|l| l.contains('#')).count(),
        "no comment added or lost"
    );
    let config = Config::from_toml(&after, &path).unwrap();
    assert_eq!(
        config.feeds.last().map(|f| f.url.as_str()),
        Some("file:///home/user/feeds/local.xml")
    );

    let report = import_into_file(&path, &urls).unwrap();
    assert!(report.added.is_empty());
    assert_eq!(report.already_present, 7);
    assert_eq!(read(&path), after, "a second import changes nothing");
    let leftovers: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
    assert_eq!(leftovers.len(), 1, "no temporary file left behind");
}

/// Regression (issue 11, bug 6): importing into a missing config added the 15 default feeds
/// to the imported ones. The new file has the default settings and only the imported feeds.
#[test]
fn import_into_a_missing_file_gets_the_default_settings_and_only_the_imported_feeds() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("sub/config.toml");
    let (expected, _) = parse_feed_list(&fixture("newsboat-urls")).unwrap();
    let report = import_into_file(&path, &fixture("newsboat-urls")).unwrap();
    assert!(report.created);
    assert_eq!(report.added, expected);
    let text = read(&path);
    assert!(text.starts_with(&default_settings()));
    let config = Config::from_toml(&text, &path).unwrap();
    let default = Config::from_toml(DEFAULT_CONFIG, &path).unwrap();
    assert_eq!(config.feeds, expected, "the imported feeds and no others");
    assert_eq!(config.settings, default.settings);
    // A second import finds them all present and leaves the file alone.
    let again = import_into_file(&path, &fixture("newsboat-urls")).unwrap();
    assert!(!again.created && again.added.is_empty());
    assert_eq!(read(&path), text);
}

/// The same through the binary, where loading the config used to write the default one
/// first: `dateline import urls` with no config gave the imported feeds plus the defaults.
#[test]
fn the_import_command_on_a_first_run_writes_only_the_imported_feeds() {
    let dir = tempfile::tempdir().unwrap();
    let urls = dir.path().join("urls");
    std::fs::write(&urls, fixture("newsboat-urls")).unwrap();
    let out = dateline(dir.path(), &["import", &urls.to_string_lossy()]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    assert!(stderr.contains("only the imported feeds"), "{stderr}");
    let (expected, _) = parse_feed_list(&fixture("newsboat-urls")).unwrap();
    let path = dir.path().join("config.toml");
    let config = Config::from_toml(&read(&path), &path).unwrap();
    assert_eq!(config.feeds, expected);
}

/// `export` names a feed the config gives no title by the title its feed gave it (from the
/// cache), and keeps the config's title where there is one.
#[test]
fn export_writes_the_feeds_own_title_when_the_config_sets_none() {
    let dir = tempfile::tempdir().unwrap();
    let feed = |title: &str| {
        format!(
            "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>{title}</title>\
             <link>https://example.org/</link><item><title>t</title><guid>g</guid></item>\
             </channel></rss>"
        )
    };
    let own = dir.path().join("own.xml");
    let named = dir.path().join("named.xml");
    std::fs::write(&own, feed("The Feed's Own Name")).unwrap();
    std::fs::write(&named, feed("Ignored Name")).unwrap();
    let own_url = url::Url::from_file_path(&own).unwrap().to_string();
    let named_url = url::Url::from_file_path(&named).unwrap().to_string();
    std::fs::write(
        dir.path().join("config.toml"),
        format!(
            "[[feeds]]\nurl = \"{own_url}\"\n\n[[feeds]]\nurl = \"{named_url}\"\ntitle = \"Mine\"\n"
        ),
    )
    .unwrap();
    // Before any refresh the cache knows no title: the URL stands in.
    let (before, _) = parse_feed_list(&ok(&dateline(dir.path(), &["export"]))).unwrap();
    assert_eq!(before[0].title, None);
    ok(&dateline(dir.path(), &["refresh"]));
    let opml = ok(&dateline(dir.path(), &["export"]));
    let (after, _) = parse_feed_list(&opml).unwrap();
    assert_eq!(after[0].url, own_url);
    assert_eq!(
        after[0].title.as_deref(),
        Some("The Feed's Own Name"),
        "{opml}"
    );
    assert_eq!(after[1].title.as_deref(), Some("Mine"), "{opml}");
}

#[test]
fn import_refuses_to_edit_an_invalid_config() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("config.toml");
    std::fs::write(&path, "[settings]\nconcurrency = 0\n").unwrap();
    let err = import_into_file(&path, "https://a.example/\n").unwrap_err();
    assert!(err.to_string().contains("config.toml:2"), "{err}");
    assert_eq!(read(&path), "[settings]\nconcurrency = 0\n");
}

/// Export, then import into an empty config: the feed list must come back unchanged.
fn assert_round_trip(feeds: &[FeedSpec]) {
    let document = export_opml(feeds, &HashMap::new());
    let (parsed, warnings) = parse_feed_list(&document).unwrap();
    assert!(warnings.is_empty(), "{warnings:?}");
    let (text, report) = add_feeds_to_config("", parsed).unwrap();
    assert_eq!(report.already_present, 0);
    let config = Config::from_toml(&text, Path::new("roundtrip.toml")).unwrap();
    assert_eq!(config.feeds, feeds, "\nOPML:\n{document}\nTOML:\n{text}");
}

#[test]
fn the_default_feed_list_survives_export_and_import() {
    let config = Config::from_toml(DEFAULT_CONFIG, Path::new("default")).unwrap();
    assert_round_trip(&config.feeds);
}

#[test]
fn generated_feed_lists_survive_export_and_import() {
    const WORDS: &[&str] = &[
        "news",
        "Le Monde",
        "R&D",
        "<b>bold</b>",
        "\"quoted\"",
        "it's",
        "Ünïcødé",
        "日本",
        "🦀",
        "a  b",
        "tab\there",
        "x;y",
        "&amp;",
        "100%",
        "#1",
        "!",
        "~tilde",
        "line\nbreak",
    ];
    const TAGS: &[&str] = &[
        "world",
        "europe",
        "tag one",
        "Ελλάδα",
        "a&b",
        "<x>",
        "q\"t",
        "dash-ed",
        "under_s",
        "~t",
    ];
    const URLS: &[&str] = &[
        "https://example.com/feed",
        "http://127.0.0.1:8080/rss?a=1&b=2",
        "https://ex.org/p/%20x.xml",
        "file:///tmp/feed.xml",
        "feeds/local.xml",
        "https://user@host.example/feed#frag",
    ];
    let mut rng = Rng::new(0x2545_f491_4f6c_dd1d);
    for case in 0..300 {
        let count = rng.below(12);
        let mut feeds = Vec::new();
        for i in 0..count {
            let url = format!("{}/{case}-{i}", rng.pick(URLS));
            let title = match rng.below(3) {
                0 => None,
                _ => Some(
                    (0..1 + rng.below(3))
                        .map(|_| rng.pick(WORDS))
                        .collect::<Vec<_>>()
                        .join(" "),
                ),
            };
            let mut tags: Vec<String> = Vec::new();
            for _ in 0..rng.below(4) {
                let tag = rng.pick(TAGS).to_string();
                if !tags.contains(&tag) {
                    tags.push(tag);
                }
            }
            feeds.push(FeedSpec { url, title, tags });
        }
        assert_round_trip(&feeds);
    }
}
