//! Managing feeds and what leaves the reader, through `update`: the prompt, adding,
//! removing and editing a feed, piping an article, opening the unread articles.

use super::*;
use crate::ui::keymap::Mode;

fn worker_commands(effects: &[Effect]) -> Vec<Command> {
    effects
        .iter()
        .filter_map(|e| match e {
            Effect::Worker(c) => Some(c.clone()),
            _ => None,
        })
        .collect()
}

#[test]
fn a_adds_the_typed_address_and_esc_cancels() {
    let mut s = loaded();
    act(&mut s, Act::AddFeed);
    assert_eq!(s.mode, Mode::Prompt);
    // Keys are typed into the prompt, not acted on.
    let effects = typed(&mut s, "example.org/feedq");
    assert!(effects.is_empty() && s.mode == Mode::Prompt);
    update(&mut s, Action::Filter(FilterAct::Backspace));
    let effects = update(&mut s, Action::Filter(FilterAct::Submit));
    assert_eq!(
        worker_commands(&effects),
        [Command::AddFeed {
            url: "example.org/feed".into()
        }]
    );
    assert_eq!(s.mode, Mode::Normal);

    act(&mut s, Act::AddFeed);
    typed(&mut s, "x");
    let effects = update(&mut s, Action::Filter(FilterAct::Cancel));
    assert!(effects.is_empty());
    assert_eq!((s.mode, s.question.is_none()), (Mode::Normal, true));
}

/// Regression: the add-feed and edit-feed prompts edited only at the end of the line; they
/// take the filter line's readline keys (the same editor).
#[test]
fn the_prompt_edits_like_the_filter_line() {
    let mut s = loaded();
    let key = |s: &mut State, a: FilterAct| {
        update(s, Action::Filter(a));
    };
    let text = |s: &State| {
        let p = s.question.as_ref().unwrap();
        (p.text.clone(), p.cursor)
    };
    act(&mut s, Act::AddFeed);
    typed(&mut s, "https://exmple.org/feed.xml");
    // C-a, then M-f past "https", ":", "exmple"; M-b back to its start; arrows and a typo
    // fixed in the middle.
    key(&mut s, FilterAct::Home);
    assert_eq!(text(&s).1, 0);
    key(&mut s, FilterAct::WordRight);
    key(&mut s, FilterAct::WordRight);
    key(&mut s, FilterAct::WordLeft);
    key(&mut s, FilterAct::Right);
    key(&mut s, FilterAct::Right);
    typed(&mut s, "a");
    assert_eq!(text(&s), ("https://example.org/feed.xml".into(), 11));
    // Delete under the cursor, Backspace before it.
    key(&mut s, FilterAct::Delete);
    key(&mut s, FilterAct::Backspace);
    assert_eq!(text(&s), ("https://exple.org/feed.xml".into(), 10));
    typed(&mut s, "am");
    key(&mut s, FilterAct::Left);
    key(&mut s, FilterAct::Delete);
    typed(&mut s, "m");
    assert_eq!(text(&s), ("https://example.org/feed.xml".into(), 12));
    // C-e then C-w takes the last word; C-u what is before the cursor.
    key(&mut s, FilterAct::End);
    typed(&mut s, " junk");
    key(&mut s, FilterAct::KillWord);
    assert_eq!(text(&s).0, "https://example.org/feed.xml ");
    key(&mut s, FilterAct::Backspace);
    key(&mut s, FilterAct::WordLeft);
    key(&mut s, FilterAct::KillStart);
    assert_eq!(text(&s), ("xml".into(), 0));
    typed(&mut s, "https://b.example/feed.");
    let effects = update(&mut s, Action::Filter(FilterAct::Submit));
    assert_eq!(
        worker_commands(&effects),
        [Command::AddFeed {
            url: "https://b.example/feed.xml".into()
        }]
    );

    // E: the title's start is edited, the cursor beginning at its end.
    act(&mut s, Act::EditFeed);
    let (title, cursor) = text(&s);
    assert_eq!(cursor, title.len());
    key(&mut s, FilterAct::Home);
    typed(&mut s, "My ");
    assert_eq!(text(&s), (format!("My {title}"), 3));
}

#[test]
fn a_page_with_several_feeds_brings_the_prompt_back_with_the_first() {
    let mut s = loaded();
    update(
        &mut s,
        Action::Worker(WorkerEvent::FeedChoices {
            page: "https://site.example/".into(),
            feeds: vec![
                ("https://site.example/a.xml".into(), Some("Posts".into())),
                ("https://site.example/b.xml".into(), None),
            ],
        }),
    );
    assert_eq!(s.mode, Mode::Prompt);
    assert_eq!(
        s.question.as_ref().unwrap().text,
        "https://site.example/a.xml"
    );
    let m = s.message.clone().unwrap();
    assert!(
        m.contains("2 feeds") && m.contains("(Posts)") && m.contains("b.xml"),
        "{m}"
    );
    // On a narrow screen the message is cut: Tab and ↑ walk through the choices in the
    // prompt itself, and Enter adds the one shown.
    update(&mut s, Action::Filter(FilterAct::Complete));
    assert_eq!(
        s.question.as_ref().unwrap().text,
        "https://site.example/b.xml"
    );
    update(&mut s, Action::Filter(FilterAct::Complete));
    assert_eq!(
        s.question.as_ref().unwrap().text,
        "https://site.example/a.xml"
    );
    update(&mut s, Action::Filter(FilterAct::Older));
    let effects = update(&mut s, Action::Filter(FilterAct::Submit));
    assert_eq!(
        worker_commands(&effects),
        [Command::AddFeed {
            url: "https://site.example/b.xml".into()
        }]
    );
}

#[test]
fn capital_d_asks_before_removing_the_selected_feed() {
    let mut s = loaded();
    act(&mut s, Act::Back); // the feeds pane
    act(&mut s, Act::Down);
    act(&mut s, Act::Down); // World Desk
    let url = s.feeds.feeds[0].url.clone();
    act(&mut s, Act::RemoveFeed);
    assert!(s.question.as_ref().unwrap().label.contains("World Desk"));
    // Anything but y declines.
    let effects = typed(&mut s, "n");
    assert!(effects.is_empty() && s.mode == Mode::Normal);
    act(&mut s, Act::RemoveFeed);
    let effects = update(&mut s, Action::Filter(FilterAct::Submit));
    assert!(effects.is_empty(), "Enter means no");
    act(&mut s, Act::RemoveFeed);
    let effects = typed(&mut s, "y");
    assert_eq!(worker_commands(&effects), [Command::RemoveFeed { url }]);

    // On a folder there is no feed to remove.
    act(&mut s, Act::Top);
    act(&mut s, Act::Down);
    act(&mut s, Act::RemoveFeed);
    assert_eq!(s.mode, Mode::Normal);
}

#[test]
fn capital_e_edits_the_title_then_the_tags() {
    let mut s = loaded();
    // From the article list: the selected article's feed.
    let feed_id = s.list.selected().unwrap().feed_id;
    let feed = s
        .feeds
        .feeds
        .iter()
        .find(|f| f.id == feed_id)
        .unwrap()
        .clone();
    act(&mut s, Act::EditFeed);
    assert_eq!(s.question.as_ref().unwrap().text, feed.title);
    for _ in 0..feed.title.chars().count() {
        update(&mut s, Action::Filter(FilterAct::Backspace));
    }
    typed(&mut s, "Mine");
    update(&mut s, Action::Filter(FilterAct::Submit));
    assert_eq!(s.question.as_ref().unwrap().text, feed.tags.join(", "));
    typed(&mut s, ", extra , ");
    let effects = update(&mut s, Action::Filter(FilterAct::Submit));
    let mut tags = feed.tags.clone();
    tags.push("extra".into());
    assert_eq!(
        worker_commands(&effects),
        [Command::EditFeed {
            url: feed.url.clone(),
            title: Some("Mine".into()),
            tags,
        }]
    );
}

#[test]
fn the_article_is_piped_as_markdown_to_the_split_command() {
    let mut s = loaded();
    act(&mut s, Act::PipeTo);
    assert_eq!(s.mode, Mode::Normal, "no article open");
    act(&mut s, Act::Open);
    let id = s.open.id().unwrap();
    let summary = s.list.find(id).unwrap().clone();
    update(
        &mut s,
        Action::Worker(WorkerEvent::article(article(&summary, "<p>Body</p>"))),
    );
    act(&mut s, Act::PipeTo);
    typed(&mut s, "grep -i 'new york'");
    let effects = update(&mut s, Action::Filter(FilterAct::Submit));
    let Some(Effect::Pipe { argv, input }) = effects.last() else {
        panic!("no pipe: {effects:?}");
    };
    assert_eq!(argv, &["grep", "-i", "new york"]);
    assert!(
        input.starts_with(&format!("# {}\n", summary.title)),
        "{input}"
    );
}

#[test]
fn capital_o_asks_the_store_for_the_whole_lists_unread_then_asks_then_opens() {
    let mut s = loaded();
    s.opts.open_all_max = 2;
    let effects = act(&mut s, Act::OpenAllUnread);
    // The loaded rows are not the list: the store is asked, with the cap.
    let query = s.list.query.clone();
    match worker_commands(&effects).as_slice() {
        [
            Command::FindUnreadLinks {
                query: q, limit, ..
            },
        ] => {
            assert_eq!((q, *limit), (&query, 2));
        }
        other => panic!("expected FindUnreadLinks, got {other:?}"),
    }
    assert!(s.question.is_none(), "nothing is asked before the answer");
    // Articles far past the loaded rows, as the store finds them.
    let found = vec![
        (
            ArticleId(9001),
            FeedId(1),
            "https://example.org/9001".to_string(),
        ),
        (
            ArticleId(9002),
            FeedId(1),
            "https://example.org/9002".to_string(),
        ),
    ];
    let answer = |q: ArticleQuery| {
        Action::Worker(WorkerEvent::UnreadLinks {
            query: q,
            total: 1149,
            found: found.clone(),
        })
    };
    // An answer for another list is dropped.
    let other = ArticleQuery {
        scope: q("tag:elsewhere"),
        ..ArticleQuery::default()
    };
    assert_ne!(other, query);
    update(&mut s, answer(other));
    assert!(s.question.is_none());
    update(&mut s, answer(query));
    let label = s.question.as_ref().unwrap().label.clone();
    assert!(
        label.contains("open 2 unread articles (the first 2 of 1149)"),
        "{label}"
    );
    let effects = typed(&mut s, "y");
    let opened: Vec<&String> = effects
        .iter()
        .filter_map(|e| match e {
            Effect::OpenUrl(u) => Some(u),
            _ => None,
        })
        .collect();
    assert_eq!(opened, [&found[0].2, &found[1].2]);
    assert!(worker_commands(&effects).contains(&Command::SetRead(
        vec![ArticleId(9001), ArticleId(9002)],
        true
    )));
}

#[test]
fn capital_o_on_a_list_without_unread_says_so() {
    let mut s = loaded();
    act(&mut s, Act::OpenAllUnread);
    let query = s.list.query.clone();
    update(
        &mut s,
        Action::Worker(WorkerEvent::UnreadLinks {
            query,
            total: 0,
            found: Vec::new(),
        }),
    );
    assert!(s.question.is_none());
    assert_eq!(
        s.message.as_deref(),
        Some("no unread article with a link in view")
    );
}

#[test]
fn refresh_minutes_refreshes_every_feed_when_due_and_not_twice_at_once() {
    let mut s = loaded();
    s.refresh_every = Some(std::time::Duration::from_secs(600));
    let t0 = s.now;
    let tick =
        |s: &mut State, secs: i64| update(s, Action::Tick(t0 + chrono::TimeDelta::seconds(secs)));
    let refreshes = |e: &[Effect]| {
        e.iter()
            .filter(|e| matches!(e, Effect::Worker(Command::Refresh(None))))
            .count()
    };
    assert_eq!(refreshes(&tick(&mut s, 1)), 0);
    assert_eq!(refreshes(&tick(&mut s, 599)), 0);
    assert_eq!(refreshes(&tick(&mut s, 601)), 1);
    // Still running: not again.
    assert_eq!(refreshes(&tick(&mut s, 1300)), 0);
    s.progress.running = false;
    assert_eq!(refreshes(&tick(&mut s, 1300)), 1);
}

#[test]
fn enclosures_are_played_and_downloaded_by_number() {
    let mut s = loaded();
    act(&mut s, Act::Open);
    let id = s.open.id().unwrap();
    let summary = s.list.find(id).unwrap().clone();
    let mut a = article(&summary, "<p>Body</p>");
    a.enclosures = vec![
        crate::model::Enclosure {
            url: "https://example.org/1.mp3".into(),
            mime: Some("audio/mpeg".into()),
            length: Some(1000),
            duration_secs: None,
        },
        crate::model::Enclosure {
            url: "https://example.org/2.mp3".into(),
            mime: None,
            length: None,
            duration_secs: Some(90),
        },
    ];
    update(&mut s, Action::Worker(WorkerEvent::article(a)));
    // The body lists them.
    let ArticlePane::Loaded { body, .. } = &s.open else {
        panic!("not loaded");
    };
    let text: Vec<String> = body.lines.iter().map(|l| l.to_string()).collect();
    assert!(
        text.windows(2)
            .any(|w| w[0] == "[2] 1:30" && w[1] == "https://example.org/2.mp3"),
        "{text:?}"
    );

    let effects = act(&mut s, Act::PlayEnclosure);
    assert_eq!(
        effects,
        [Effect::Spawn(vec![
            "mpv".into(),
            "--no-video".into(),
            "https://example.org/1.mp3".into()
        ])]
    );
    update(&mut s, Action::Digit(2));
    let effects = act(&mut s, Act::DownloadEnclosure);
    assert_eq!(
        worker_commands(&effects),
        [Command::Download {
            id: 0,
            url: "https://example.org/2.mp3".into()
        }]
    );
    update(
        &mut s,
        Action::Worker(WorkerEvent::Download(
            crate::worker::session::DownloadProgress {
                id: 0,
                url: "https://example.org/2.mp3".into(),
                received: 500,
                total: Some(1000),
                done: None,
            },
        )),
    );
    assert_eq!(s.downloads.status().as_deref(), Some("↓ 2.mp3 50%"));
    update(
        &mut s,
        Action::Worker(WorkerEvent::Download(
            crate::worker::session::DownloadProgress {
                id: 0,
                url: "https://example.org/2.mp3".into(),
                received: 1000,
                total: Some(1000),
                done: Some(Ok("/tmp/x/2.mp3".into())),
            },
        )),
    );
    assert!(s.downloads.active.is_empty());
    assert_eq!(s.message.as_deref(), Some("downloaded /tmp/x/2.mp3"));
    update(&mut s, Action::Digit(3));
    act(&mut s, Act::PlayEnclosure);
    assert_eq!(
        s.message.as_deref(),
        Some("this article has no enclosure 3")
    );

    let effects = act(&mut s, Act::SaveMarkdown);
    let Some(Command::SaveText { name, text }) = worker_commands(&effects).pop() else {
        panic!("no save: {effects:?}");
    };
    assert!(name.ends_with(".md") && !name.contains('/'), "{name}");
    assert!(text.contains("## Enclosures") && text.contains("<https://example.org/2.mp3> (1:30)"));
}

#[test]
fn space_at_the_end_opens_the_next_unread_when_set() {
    let mut s = loaded();
    s.opts.space_next_unread = true;
    act(&mut s, Act::Open);
    let first = s.open.id().unwrap();
    let summary = s.list.find(first).unwrap().clone();
    update(
        &mut s,
        Action::Worker(WorkerEvent::article(article(&summary, "<p>Short.</p>"))),
    );
    let effects = act(&mut s, Act::Page);
    assert!(
        worker_commands(&effects)
            .iter()
            .any(|c| matches!(c, Command::LoadArticle(id) if *id != first)),
        "{effects:?}"
    );
}
