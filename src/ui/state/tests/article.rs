//! The article pane through `update`: opening, marking read and starred, links, paging.

use super::*;

#[test]
fn opening_marks_read_and_loads_the_article() {
    let mut s = loaded();
    let effects = act(&mut s, Act::Open);
    assert_eq!(s.focus, Focus::Article);
    assert!(effects.contains(&Effect::Worker(Command::LoadArticle(ArticleId(10)))));
    assert!(effects.contains(&Effect::Worker(Command::SetRead(vec![ArticleId(10)], true))));
    assert!(s.list.articles[0].read);
    // The feed's unread count follows at once.
    assert_eq!(s.feeds.feeds[0].unread, 1);
    let a = article(
        &s.list.articles[0],
        "<p>Body <a href=\"https://example.org/x\">x</a></p>",
    );
    update(&mut s, Action::Worker(WorkerEvent::article(a)));
    let ArticlePane::Loaded { body, .. } = &s.open else {
        panic!("not loaded: {:?}", s.open)
    };
    assert_eq!(body.links, vec!["https://example.org/x".to_string()]);
}

#[test]
fn opening_does_not_mark_read_when_configured_off() {
    let mut s = loaded();
    s.mark_read_on_open = false;
    let effects = act(&mut s, Act::Open);
    assert!(
        !effects
            .iter()
            .any(|e| matches!(e, Effect::Worker(Command::SetRead(..))))
    );
    assert!(!s.list.articles[0].read);
}

#[test]
fn a_late_article_for_another_id_is_ignored() {
    let mut s = loaded();
    act(&mut s, Act::Open);
    let other = article(&s.list.articles[1], "<p>other</p>");
    update(&mut s, Action::Worker(WorkerEvent::article(other)));
    assert_eq!(s.open, ArticlePane::Loading(ArticleId(10)));
}

#[test]
fn next_article_and_unread_while_reading() {
    let mut s = loaded();
    act(&mut s, Act::Open);
    let effects = act(&mut s, Act::NextArticle);
    assert_eq!(s.list.selected().unwrap().id, ArticleId(11));
    assert!(effects.contains(&Effect::Worker(Command::LoadArticle(ArticleId(11)))));
    // 12 is read: n skips to 13.
    let effects = act(&mut s, Act::NextUnread);
    assert_eq!(s.list.selected().unwrap().id, ArticleId(13));
    assert!(effects.contains(&Effect::Worker(Command::LoadArticle(ArticleId(13)))));
    act(&mut s, Act::NextUnread);
    assert_eq!(s.message.as_deref(), Some("no more unread articles"));
    act(&mut s, Act::PrevArticle);
    assert_eq!(s.list.selected().unwrap().id, ArticleId(12));
}

#[test]
fn toggle_read_star_and_mark_all() {
    let mut s = loaded();
    act(&mut s, Act::Down);
    act(&mut s, Act::Down);
    let effects = act(&mut s, Act::ToggleRead);
    assert_eq!(
        effects,
        vec![Effect::Worker(Command::SetRead(vec![ArticleId(12)], false))]
    );
    assert!(!s.list.articles[2].read);
    assert_eq!(s.feeds.feeds[0].unread, 3);
    let effects = act(&mut s, Act::ToggleStar);
    assert_eq!(
        effects,
        vec![Effect::Worker(Command::SetStarred(ArticleId(12), true))]
    );
    assert!(s.list.articles[2].starred);
    let effects = act(&mut s, Act::MarkAllRead);
    assert!(s.list.articles.iter().all(|a| a.read));
    assert!(matches!(
        &effects[..],
        [Effect::Worker(Command::MarkAllRead { .. })]
    ));
}

#[test]
fn open_browser_copy_and_numbered_links() {
    let mut s = loaded();
    assert_eq!(
        act(&mut s, Act::OpenBrowser),
        vec![Effect::OpenUrl("https://example.org/a/10".into())]
    );
    assert_eq!(
        act(&mut s, Act::CopyLink),
        vec![Effect::Copy("https://example.org/a/10".into())]
    );
    act(&mut s, Act::Open);
    let html =
        r#"<p><a href="https://one.example/">1</a> <a href="https://two.example/">2</a></p>"#;
    let a = article(&s.list.articles[0], html);
    update(&mut s, Action::Worker(WorkerEvent::article(a)));
    update(&mut s, Action::Digit(2));
    assert_eq!(
        act(&mut s, Act::OpenBrowser),
        vec![Effect::OpenUrl("https://two.example/".into())]
    );
    assert_eq!(s.count, None);
    update(&mut s, Action::Digit(9));
    assert!(act(&mut s, Act::OpenBrowser).is_empty());
    assert_eq!(s.message.as_deref(), Some("this article has no link 9"));
}

#[test]
fn article_scrolls_pages_and_stops_at_the_end() {
    let mut s = loaded();
    act(&mut s, Act::Open);
    let html = (0..100)
        .map(|i| format!("<p>para {i}</p>"))
        .collect::<String>();
    let a = article(&s.list.articles[0], &html);
    update(&mut s, Action::Worker(WorkerEvent::article(a)));
    act(&mut s, Act::Page);
    let first = s.scroll;
    assert!(first > 5);
    act(&mut s, Act::Bottom);
    let end = s.scroll;
    assert_eq!(end + s.article_area().0, s.article_len());
    act(&mut s, Act::Page);
    assert_eq!(s.scroll, end);
    // Back closes the article and returns to the list.
    act(&mut s, Act::Back);
    assert_eq!(s.focus, Focus::Articles);
    assert_eq!(s.open, ArticlePane::Closed);
}

#[test]
fn resize_rewraps_the_open_article() {
    let mut s = loaded();
    act(&mut s, Act::Open);
    let a = article(
        &s.list.articles[0],
        &format!("<p>{}</p>", "word ".repeat(300)),
    );
    update(&mut s, Action::Worker(WorkerEvent::article(a)));
    let before = s.article_len();
    update(&mut s, Action::Resize(160, 48));
    assert!(s.article_len() < before);
    let ArticlePane::Loaded { body, .. } = &s.open else {
        panic!()
    };
    // The people pane takes a third of the width beside the article.
    assert!(body.width > 80, "{}", body.width);
}

#[test]
fn opening_marks_read_before_loading_so_the_pane_says_read() {
    // Regression: the pane showed "[unread]" for an article that opening had just marked
    // read, because the worker loaded it before storing the mark.
    let mut s = loaded();
    let effects = act(&mut s, Act::Open);
    let position = |wanted: &Command| {
        effects
            .iter()
            .position(|e| e == &Effect::Worker(wanted.clone()))
            .unwrap()
    };
    assert!(
        position(&Command::SetRead(vec![ArticleId(10)], true))
            < position(&Command::LoadArticle(ArticleId(10)))
    );
}

#[test]
fn f_fetches_the_full_text_which_replaces_the_body_and_t_switches_back() {
    let mut s = loaded();
    act(&mut s, Act::Open);
    let a = article(&s.list.articles[0], "<p>Only a teaser.</p>");
    update(&mut s, Action::Worker(WorkerEvent::article(a)));
    let body_text = |s: &State| match &s.open {
        ArticlePane::Loaded { body, .. } => body
            .lines
            .iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>()
            .join("\n"),
        _ => String::new(),
    };
    assert!(body_text(&s).contains("Only a teaser."));
    // No page yet: t says how to get one.
    act(&mut s, Act::ToggleFullText);
    assert!(s.message.as_deref().unwrap_or("").contains("f fetches"));

    let effects = act(&mut s, Act::FetchFullText);
    assert!(effects.contains(&Effect::Worker(Command::FetchPage(ArticleId(10)))));
    assert_eq!(s.fetching_page, Some(ArticleId(10)));
    assert!(s.message.as_deref().unwrap_or("").contains("fetching"));

    let page = crate::model::ArticlePage {
        html: "<p>The whole article, <a href=\"https://example.org/more\">more</a>.</p>".into(),
        text: "The whole article, more.".into(),
        ..Default::default()
    };
    update(
        &mut s,
        Action::Worker(WorkerEvent::page(
            ArticleId(10),
            Some(Box::new(page)),
            None,
            true,
        )),
    );
    assert_eq!(s.fetching_page, None);
    assert!(
        body_text(&s).contains("The whole article"),
        "{}",
        body_text(&s)
    );
    assert!(
        s.message
            .as_deref()
            .unwrap_or("")
            .contains("full text fetched")
    );
    let ArticlePane::Loaded { body, .. } = &s.open else {
        panic!("not loaded")
    };
    assert_eq!(body.links, vec!["https://example.org/more".to_string()]);

    act(&mut s, Act::ToggleFullText);
    assert!(body_text(&s).contains("Only a teaser."));
    act(&mut s, Act::ToggleFullText);
    assert!(body_text(&s).contains("The whole article"));

    // A failed fetch says why, sanitised.
    act(&mut s, Act::FetchFullText);
    update(
        &mut s,
        Action::Worker(WorkerEvent::page(
            ArticleId(10),
            None,
            Some("HTTP 404\u{1b}[2J".into()),
            true,
        )),
    );
    let message = s.message.clone().unwrap_or_default();
    assert!(
        message.contains("HTTP 404") && !message.contains('\u{1b}'),
        "{message}"
    );
}

#[test]
fn a_count_opens_the_link_of_that_number_when_an_earlier_url_wraps() {
    // Regression (issue 11): at 120×40 a link list whose first URL wraps over several lines
    // made `1o`, `2o` and `3o` all open link [1].
    let mut s = fixtures::state(120, 40);
    s.start(false);
    update(&mut s, Action::Worker(WorkerEvent::Feeds(feeds())));
    let request = s.list.request;
    update(
        &mut s,
        Action::Worker(WorkerEvent::whole_list(request, summaries())),
    );
    act(&mut s, Act::Open);
    let long = format!("https://long.example/{}", "segment/".repeat(40));
    let html = format!(
        r#"<p><a href="{long}">one</a> <a href="https://two.example/">two</a>
        <a href="https://three.example/">three</a></p>"#
    );
    let a = article(&s.list.articles[0], &html);
    update(&mut s, Action::Worker(WorkerEvent::article(a)));
    let ArticlePane::Loaded { body, .. } = &s.open else {
        panic!("not loaded: {:?}", s.open)
    };
    assert!(
        usize::from(body.width) < long.len(),
        "the first URL must wrap at this width"
    );
    for (n, url) in [
        (1, long.as_str()),
        (2, "https://two.example/"),
        (3, "https://three.example/"),
    ] {
        update(&mut s, Action::Digit(n));
        assert_eq!(
            act(&mut s, Act::OpenBrowser),
            vec![Effect::OpenUrl(url.to_string())],
            "{n}o"
        );
    }
    update(&mut s, Action::Digit(4));
    assert!(act(&mut s, Act::OpenBrowser).is_empty());
    assert_eq!(s.message.as_deref(), Some("this article has no link 4"));
}
