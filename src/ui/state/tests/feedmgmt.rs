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
    assert_eq!((s.mode, s.prompt.is_none()), (Mode::Normal, true));
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
        s.prompt.as_ref().unwrap().text,
        "https://site.example/a.xml"
    );
    let m = s.message.clone().unwrap();
    assert!(
        m.contains("2 feeds") && m.contains("(Posts)") && m.contains("b.xml"),
        "{m}"
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
    assert!(s.prompt.as_ref().unwrap().label.contains("World Desk"));
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
    assert_eq!(s.prompt.as_ref().unwrap().text, feed.title);
    for _ in 0..feed.title.chars().count() {
        update(&mut s, Action::Filter(FilterAct::Backspace));
    }
    typed(&mut s, "Mine");
    update(&mut s, Action::Filter(FilterAct::Submit));
    assert_eq!(s.prompt.as_ref().unwrap().text, feed.tags.join(", "));
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
        Action::Worker(WorkerEvent::Article(Box::new(article(
            &summary,
            "<p>Body</p>",
        )))),
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
fn capital_o_asks_then_opens_the_unread_articles_up_to_the_cap() {
    let mut s = loaded();
    s.opts.open_all_max = 2;
    let unread: Vec<_> = s
        .list
        .articles
        .iter()
        .filter(|a| !a.read && a.link.is_some())
        .cloned()
        .collect();
    assert!(
        unread.len() > 2,
        "the fixtures have more unread articles than the cap"
    );
    act(&mut s, Act::OpenAllUnread);
    let label = s.prompt.as_ref().unwrap().label.clone();
    assert!(
        label.contains(&format!("the first 2 of {}", unread.len())),
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
    assert_eq!(
        opened,
        [
            unread[0].link.as_ref().unwrap(),
            unread[1].link.as_ref().unwrap()
        ]
    );
    assert!(s.list.find(unread[0].id).unwrap().read);
    assert!(!s.list.find(unread[2].id).unwrap().read);
}
