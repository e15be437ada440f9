//! Unit tests for the OPML and newsboat readers, the config editor and the OPML writer.

use super::*;

fn spec(url: &str, title: Option<&str>, tags: &[&str]) -> FeedSpec {
    FeedSpec {
        url: url.into(),
        title: title.map(Into::into),
        tags: tags.iter().map(|t| t.to_string()).collect(),
    }
}

#[test]
fn newsboat_lines_give_tags_titles_and_skip_commands() {
    let urls = "# my feeds\n\
        https://a.example/rss tech \"long tag\" \"~A \\\"quoted\\\" title\"\n\
        \n\
        \"query:Unread:unread = \\\"yes\\\"\"\n\
        https://b.example/atom ! news # trailing comment\n\
        exec:~/bin/feed.sh\n\
        \"filter:~/f.sh:https://c.example/\" x\n\
        https://d.example/ ~ ~Dee\n";
    let (feeds, warnings) = parse_feed_list(urls).unwrap();
    assert_eq!(
        feeds,
        [
            spec(
                "https://a.example/rss",
                Some("A \"quoted\" title"),
                &["tech", "long tag"]
            ),
            spec("https://b.example/atom", None, &["news"]),
            spec("https://d.example/", Some("Dee"), &[]),
        ]
    );
    assert_eq!(warnings.len(), 3, "{warnings:?}");
    assert!(warnings[0].starts_with("line 4:") && warnings[0].contains("query:"));
    assert!(warnings[1].starts_with("line 6:") && warnings[1].contains("exec:"));
    assert!(warnings[2].starts_with("line 7:") && warnings[2].contains("filter:"));
}

#[test]
fn newsboat_bad_urls_are_warnings_and_garbage_is_an_error() {
    let (feeds, warnings) = parse_feed_list("https://ok.example/\nnot-a-url tag\n").unwrap();
    assert_eq!(feeds.len(), 1);
    assert!(warnings[0].starts_with("line 2:"), "{warnings:?}");
    assert!(matches!(
        parse_feed_list("{\"feeds\": []}\nhello world\n"),
        Err(ImportError::Format(_))
    ));
    assert_eq!(parse_feed_list("# nothing\n\n").unwrap().0, []);
}

#[test]
fn opml_folders_become_tags_and_category_adds_more() {
    let opml = r#"<?xml version="1.0"?>
<OPML version="1.0"><BODY>
  <outline text="News" title="ignored for folders">
    <outline text="World">
      <outline TYPE="rss" XMLURL="https://w.example/rss" text="World &amp; more" category="/a/b, c"/>
    </outline>
    <outline type="rss" xmlURL="https://n.example/rss" title="" text="https://n.example/rss"/>
  </outline>
  <outline type="rss" xmlurl="https://top.example/" title="Caf&eacute;&nbsp;Top &#233; &#x41;"/>
  <outline text="empty folder"></outline>
</BODY></OPML>"#;
    let (feeds, warnings) = parse_feed_list(opml).unwrap();
    assert!(warnings.is_empty(), "{warnings:?}");
    assert_eq!(
        feeds,
        [
            spec(
                "https://w.example/rss",
                Some("World & more"),
                &["News", "World", "a", "b", "c"]
            ),
            spec("https://n.example/rss", None, &["News"]),
            spec("https://top.example/", Some("Café\u{a0}Top é A"), &[]),
        ]
    );
}

#[test]
fn opml_without_head_or_body_is_fine_and_other_xml_is_not() {
    let (feeds, _) =
        parse_feed_list("<opml><outline xmlUrl=\"https://x.example/\" text=\"X\"/></opml>")
            .unwrap();
    assert_eq!(feeds, [spec("https://x.example/", Some("X"), &[])]);
    let err = parse_feed_list("<rss><channel></channel></rss>").unwrap_err();
    assert!(err.to_string().contains("<rss>"), "{err}");
}

#[test]
fn opml_commands_and_bad_urls_are_skipped_with_their_line() {
    let opml = "<opml>\n<body>\n<outline text=\"Cmd\" xmlUrl=\"|~/x.py\"/>\n\
                <outline text=\"Ftp\" xmlUrl=\"ftp://x/\"/>\n\
                <outline text=\"F\" xmlUrl=\"https://f.example/\" filtercmd=\"f.pl\"/>\n</body></opml>";
    let (feeds, warnings) = parse_feed_list(opml).unwrap();
    assert_eq!(feeds.len(), 1);
    assert_eq!(warnings.len(), 3, "{warnings:?}");
    assert!(warnings[0].starts_with("line 3:") && warnings[0].contains("command"));
    assert!(warnings[1].starts_with("line 4:") && warnings[1].contains("ftp"));
    assert!(warnings[2].starts_with("line 5:") && warnings[2].contains("filter"));
}

#[test]
fn duplicate_urls_in_one_document_merge_their_tags() {
    let opml = "<opml><body><outline text=\"a\"><outline xmlUrl=\"https://x/\"/></outline>\
                <outline text=\"b\"><outline xmlUrl=\"https://x/\" text=\"X\"/></outline></body></opml>";
    let (feeds, _) = parse_feed_list(opml).unwrap();
    assert_eq!(feeds, [spec("https://x/", Some("X"), &["a", "b"])]);
}

#[test]
fn adding_keeps_the_text_as_a_prefix_and_is_idempotent() {
    let original = "# top comment\n[settings]\nconcurrency = 4 # inline comment\n\n[[feeds]]\n\
                    url = \"https://old.example/\"   # old\n";
    let feeds = vec![
        spec("https://old.example/", Some("Old"), &["x"]),
        spec("https://new.example/", Some("New \"one\""), &["a", "b"]),
        spec("https://bare.example/", None, &[]),
    ];
    let (text, report) = add_feeds_to_config(original, feeds.clone()).unwrap();
    assert!(text.starts_with(original), "{text}");
    assert_eq!(report.already_present, 1);
    assert_eq!(report.added, feeds[1..]);
    let config = Config::from_toml(&text, Path::new("t")).unwrap();
    assert_eq!(config.feeds.len(), 3);
    assert_eq!(config.feeds[1], feeds[1]);
    assert_eq!(config.feeds[2], feeds[2]);
    assert_eq!(config.settings.concurrency, 4);

    let (again, report) = add_feeds_to_config(&text, feeds).unwrap();
    assert_eq!(again, text);
    assert!(report.added.is_empty());
    assert_eq!(report.already_present, 3);
}

#[test]
fn adding_to_a_file_without_final_newline_or_with_crlf() {
    let (text, _) =
        add_feeds_to_config("# no newline", vec![spec("https://a/", None, &[])]).unwrap();
    assert_eq!(text, "# no newline\n\n[[feeds]]\nurl = \"https://a/\"\n");
    let crlf = "[settings]\r\nper_host = 1\r\n";
    let (text, _) = add_feeds_to_config(crlf, vec![spec("https://a/", None, &["t"])]).unwrap();
    assert!(text.starts_with(crlf));
    assert!(!text.replace("\r\n", "").contains('\n'), "{text:?}");
    let (text, _) = add_feeds_to_config("", vec![spec("https://a/", None, &[])]).unwrap();
    assert_eq!(text, "[[feeds]]\nurl = \"https://a/\"\n");
}

#[test]
fn adding_to_an_inline_feed_array_pushes_into_it() {
    let original = "# c\nfeeds = [{ url = \"https://a/\" }]\n";
    let (text, report) =
        add_feeds_to_config(original, vec![spec("https://b/", Some("B"), &["t"])]).unwrap();
    assert_eq!(report.added.len(), 1);
    assert!(
        text.starts_with("# c\nfeeds = [{ url = \"https://a/\" }"),
        "{text}"
    );
    let config = Config::from_toml(&text, Path::new("t")).unwrap();
    assert_eq!(config.feeds[1], spec("https://b/", Some("B"), &["t"]));
}

#[test]
fn an_invalid_config_is_not_edited_and_bad_feeds_are_skipped() {
    let err = add_feeds_to_config("[settings]\nbogus = 1\n", vec![]).unwrap_err();
    assert!(
        matches!(err, ImportError::Config(ref m) if m.contains("bogus")),
        "{err}"
    );
    let (text, report) = add_feeds_to_config(
        "",
        vec![
            spec("gopher://x/", None, &[]),
            spec("https://y/", Some(" "), &[" ", "k"]),
        ],
    )
    .unwrap();
    assert_eq!(report.warnings.len(), 1);
    assert_eq!(report.added, [spec("https://y/", None, &["k"])]);
    assert!(Config::from_toml(&text, Path::new("t")).is_ok());
}

#[test]
fn export_escapes_and_groups_consecutive_first_tags() {
    let feeds = vec![
        spec(
            "https://a/?x=1&y=2",
            Some("A <b> \"c\" 'd'"),
            &["world", "europe"],
        ),
        spec("https://b/", None, &["world"]),
        spec("https://c/", Some("C"), &[]),
        spec("https://d/", Some("D"), &["world"]),
    ];
    let opml = export_opml(&feeds, &HashMap::new());
    assert!(opml.starts_with("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<opml version=\"2.0\">"));
    assert!(opml.contains("xmlUrl=\"https://a/?x=1&amp;y=2\""), "{opml}");
    assert!(
        opml.contains("text=\"A &lt;b&gt; &quot;c&quot; &apos;d&apos;\""),
        "{opml}"
    );
    assert!(opml.contains("category=\"world,europe\""), "{opml}");
    assert!(opml.contains(
        "<outline type=\"rss\" text=\"https://b/\" xmlUrl=\"https://b/\" category=\"world\"/>"
    ));
    assert_eq!(opml.matches("<outline text=\"world\"").count(), 2, "{opml}");
    let (back, warnings) = parse_feed_list(&opml).unwrap();
    assert!(warnings.is_empty());
    assert_eq!(back, feeds);
}

/// `export` writes the feed's own title (as the cache knows it) when the config sets none;
/// the config's title wins; with neither, the URL alone is the outline's text.
#[test]
fn export_uses_the_feeds_own_title_when_the_config_sets_none() {
    let feeds = vec![
        spec("https://a.example/rss", None, &[]),
        spec("https://b.example/rss", Some("Mine"), &[]),
        spec("https://c.example/rss", None, &[]),
    ];
    let own: HashMap<String, String> = [
        ("https://a.example/rss", "A's \u{1b}[31mown\u{202e} name\n"),
        ("https://b.example/rss", "B's own name"),
    ]
    .into_iter()
    .map(|(u, t)| (u.to_string(), t.to_string()))
    .collect();
    let opml = export_opml(&feeds, &own);
    assert!(
        opml.contains(
            "<outline type=\"rss\" text=\"A&apos;s own name\" title=\"A&apos;s own name\" \
             xmlUrl=\"https://a.example/rss\"/>"
        ),
        "{opml}"
    );
    assert!(opml.contains("text=\"Mine\" title=\"Mine\""), "{opml}");
    assert!(!opml.contains("B&apos;s own name"), "{opml}");
    assert!(
        opml.contains("<outline type=\"rss\" text=\"https://c.example/rss\" xmlUrl="),
        "{opml}"
    );
    let (back, _) = parse_feed_list(&opml).unwrap();
    assert_eq!(back[0].title.as_deref(), Some("A's own name"));
    assert_eq!(back[2].title, None);
}

/// Regression (issue 11, bug 6): `dateline import urls` with no config gave 64 feeds, the 49
/// imported and the 15 defaults. The new config has the default settings and comments, and
/// no feed but the imported ones.
#[test]
fn the_default_settings_have_no_feeds_but_all_the_settings() {
    let text = default_settings();
    let settings = Config::from_toml(&text, Path::new("settings")).unwrap();
    let default = Config::from_toml(DEFAULT_CONFIG, Path::new("default")).unwrap();
    assert!(settings.feeds.is_empty(), "{text}");
    assert!(!default.feeds.is_empty());
    assert_eq!(settings.settings, default.settings);
    assert!(DEFAULT_CONFIG.starts_with(&text[..text.len() - 1]));
    assert!(text.contains("# The feed list."), "{text}");
    let (with_two, report) = add_feeds_to_config(
        &text,
        vec![
            spec("https://a.example/rss", None, &["x"]),
            spec("https://b.example/rss", Some("B"), &[]),
        ],
    )
    .unwrap();
    assert_eq!(report.added.len(), 2);
    let config = Config::from_toml(&with_two, Path::new("new")).unwrap();
    let urls: Vec<&str> = config.feeds.iter().map(|f| f.url.as_str()).collect();
    assert_eq!(urls, ["https://a.example/rss", "https://b.example/rss"]);
}
