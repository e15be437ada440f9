//! Screen snapshots (insta) with ratatui's TestBackend at 80×24 and 160×48, from
//! hand-built state: no store, no network, a fixed clock and UTC dates.

use ratatui::Terminal;
use ratatui::backend::TestBackend;

use super::fixtures::{self, article, feeds, summaries};
use super::keymap::Act;
use super::layout::Focus;
use super::state::{Action, State, update};
use super::view;
use crate::worker::RefreshEvent;
use crate::worker::session::WorkerEvent;

fn screen(state: &State) -> String {
    let (w, h) = state.size;
    let mut terminal = Terminal::new(TestBackend::new(w, h)).unwrap();
    terminal.draw(|f| view::draw(f, state)).unwrap();
    format!("{}", terminal.backend())
}

fn loaded(w: u16, h: u16) -> State {
    let mut s = fixtures::state(w, h);
    s.start(false);
    update(&mut s, Action::Worker(WorkerEvent::Feeds(feeds())));
    let request = s.list.request;
    update(
        &mut s,
        Action::Worker(WorkerEvent::whole_list(request, summaries())),
    );
    s
}

const BODY: &str = r#"<h2>Talks resume</h2>
<p>Delegations met in <b>Geneva</b> on Friday and <i>agreed</i> to continue, said
<a href="https://example.org/statement">the statement</a>.</p>
<ul><li>A ceasefire along the line</li><li>Prisoner exchanges</li></ul>
<blockquote>We are closer than ever.</blockquote>
<pre>  day 1: talks
  day 2: more talks</pre>
<img src="map.png" alt="a map of the region">
<p>More at <a href="https://example.org/live">the live page</a>.</p>"#;

fn with_article(w: u16, h: u16) -> State {
    let mut s = loaded(w, h);
    update(&mut s, Action::Do(Act::Open));
    let a = article(&s.list.articles[0], BODY);
    update(&mut s, Action::Worker(WorkerEvent::article(a)));
    s
}

#[test]
fn empty_cache() {
    for (w, h) in [(80, 24), (160, 48)] {
        let mut s = fixtures::state(w, h);
        s.start(false);
        update(&mut s, Action::Worker(WorkerEvent::Feeds(Vec::new())));
        let request = s.list.request;
        update(
            &mut s,
            Action::Worker(WorkerEvent::whole_list(request, Vec::new())),
        );
        insta::assert_snapshot!(format!("empty_cache_{w}x{h}"), screen(&s));
    }
}

#[test]
fn loading() {
    for (w, h) in [(80, 24), (160, 48)] {
        let mut s = fixtures::state(w, h);
        s.start(true);
        update(
            &mut s,
            Action::Worker(WorkerEvent::Refresh(RefreshEvent::Started { total: 12 })),
        );
        insta::assert_snapshot!(format!("loading_{w}x{h}"), screen(&s));
    }
}

#[test]
fn list_with_article_open() {
    for (w, h) in [(80, 24), (160, 48)] {
        let s = with_article(w, h);
        insta::assert_snapshot!(format!("article_{w}x{h}"), screen(&s));
    }
}

#[test]
fn help_overlay() {
    for (w, h) in [(80, 24), (160, 48)] {
        let mut s = loaded(w, h);
        update(&mut s, Action::Do(Act::Help));
        insta::assert_snapshot!(format!("help_{w}x{h}"), screen(&s));
    }
}

#[test]
fn feed_in_error_during_refresh() {
    for (w, h) in [(80, 24), (160, 48)] {
        let mut s = loaded(w, h);
        update(&mut s, Action::Do(Act::RefreshAll));
        update(
            &mut s,
            Action::Worker(WorkerEvent::Refresh(RefreshEvent::Started { total: 4 })),
        );
        let report = crate::worker::FeedReport {
            feed_id: crate::model::FeedId(3),
            url: "https://example.org/3.xml".into(),
            title: "Broken Wire".into(),
            outcome: crate::worker::FeedOutcome::Failed {
                error: "HTTP 500 from the server".into(),
            },
            moved_to: None,
        };
        update(
            &mut s,
            Action::Worker(WorkerEvent::Refresh(RefreshEvent::Feed(report))),
        );
        update(&mut s, Action::Do(Act::Back));
        insta::assert_snapshot!(format!("feed_error_{w}x{h}"), screen(&s));
    }
}

#[test]
fn a_failed_feed_says_why() {
    let mut s = loaded(80, 24);
    s.focus = Focus::Feeds;
    s.feeds.sel = s
        .feeds
        .rows
        .iter()
        .position(|r| r.label == "Broken Wire")
        .unwrap();
    // The error is on the status bar while the cursor is on the feed…
    let on_row = screen(&s);
    let status = on_row.lines().last().unwrap();
    assert!(status.contains("Broken Wire: "), "{status}");
    assert!(status.contains("HTTP 500 from the server"), "{status}");
    // …and in the list once it is open and has nothing to show.
    update(&mut s, Action::Do(Act::Open));
    let request = s.list.request;
    update(
        &mut s,
        Action::Worker(WorkerEvent::whole_list(request, Vec::new())),
    );
    let opened = screen(&s);
    assert!(
        opened.contains("The last fetch of this feed failed:"),
        "{opened}"
    );
    insta::assert_snapshot!("feed_error_opened_80x24", opened);
}

#[test]
fn narrow_terminal() {
    let mut s = loaded(50, 20);
    insta::assert_snapshot!("narrow_list_50x20", screen(&s));
    update(&mut s, Action::Do(Act::Open));
    let a = article(&s.list.articles[0], BODY);
    update(&mut s, Action::Worker(WorkerEvent::article(a)));
    insta::assert_snapshot!("narrow_article_50x20", screen(&s));
}

/// Everything a hostile feed might put in a title or body.
fn hostile() -> String {
    format!(
        "Red\u{1b}[31mALERT\u{1b}[0m \u{1b}]52;c;aGk=\u{7}clip \u{1b}]0;owned\u{1b}\\title \
         c1\u{9b}2Jcsi \u{202e}evil\u{202c} zero\u{200b}width\u{feff} bell\u{7} {}",
        "x".repeat(5000)
    )
}

#[test]
fn hostile_feed_is_neutralised() {
    for (w, h) in [(80, 24), (160, 48)] {
        let mut s = fixtures::state(w, h);
        s.start(false);
        let mut f = fixtures::feed(1, &hostile(), &["\u{1b}[2Jtag"], 3, Some(&hostile()));
        f.unread = 1;
        update(&mut s, Action::Worker(WorkerEvent::Feeds(vec![f])));
        let mut a = fixtures::summary(10, 1, &hostile(), 1, false);
        a.feed_title = hostile();
        a.authors = vec![hostile()];
        a.link = Some(format!(
            "https://example.org/\u{1b}[31m{}",
            "y".repeat(5000)
        ));
        let request = s.list.request;
        update(
            &mut s,
            Action::Worker(WorkerEvent::whole_list(request, vec![a.clone()])),
        );
        update(&mut s, Action::Do(Act::Open));
        let body = format!(
            "<p>{}</p><p>entities: &#27;[31mred&#x9b;2J &#x202e;rtl&#8203;zw &#x1b;]52;c;aGk=&#7;</p><pre>{}</pre>",
            hostile(),
            "z".repeat(5000)
        );
        let art = article(&a, &body);
        update(&mut s, Action::Worker(WorkerEvent::article(art)));
        update(&mut s, Action::Worker(WorkerEvent::Error(hostile())));
        let text = screen(&s);
        for bad in [
            '\u{1b}', '\u{9b}', '\u{7}', '\u{202e}', '\u{200b}', '\u{feff}',
        ] {
            assert!(!text.contains(bad), "{bad:?} reached the screen");
        }
        // No line of the screen is longer than the terminal.
        let (_, h2) = (w, h);
        assert_eq!(text.lines().count(), usize::from(h2));
        insta::assert_snapshot!(format!("hostile_{w}x{h}"), text);
    }
}

/// The filter line with a query that does not parse: the list keeps the last good result
/// (here `is:unread`), the error and its position show beside the input, and the saved
/// views sit in the feeds pane with their counts and an error marker.
#[test]
fn filter_line_with_an_error() {
    let mut s = fixtures::state(80, 24);
    s.set_views(&[
        crate::config::View {
            name: "Balkans".into(),
            query: "vucic or place:belgrade".into(),
        },
        crate::config::View {
            name: "Broken".into(),
            query: "(unclosed".into(),
        },
    ]);
    s.start(false);
    update(&mut s, Action::Worker(WorkerEvent::Feeds(feeds())));
    update(
        &mut s,
        Action::Worker(WorkerEvent::ViewCounts(vec![(0, 4)])),
    );
    update(&mut s, Action::Do(Act::Filter));
    for c in "is:unread".chars() {
        update(&mut s, Action::FilterChar(c));
    }
    let request = s.list.request;
    let unread = summaries().into_iter().filter(|a| !a.read).collect();
    update(
        &mut s,
        Action::Worker(WorkerEvent::whole_list(request, unread)),
    );
    for c in " (gen".chars() {
        update(&mut s, Action::FilterChar(c));
    }
    assert!(s.filter.error.is_some());
    insta::assert_snapshot!("filter_error_80x24", screen(&s));
}

/// An article about people and places, its entities loaded, the pane focused and the
/// selection on Belgrade.
fn with_people(w: u16, h: u16) -> State {
    let mut s = loaded(w, h);
    update(&mut s, Action::Do(Act::Open));
    let a = fixtures::people_article(&s.list.articles[0]);
    let id = a.id;
    update(&mut s, Action::Worker(WorkerEvent::article(a)));
    update(
        &mut s,
        Action::Worker(WorkerEvent::Entities {
            article: id,
            entities: fixtures::people_entities(),
        }),
    );
    update(&mut s, Action::Do(Act::People));
    // People (2), then Places: Belgrade is the third row.
    update(&mut s, Action::Do(Act::Down));
    update(&mut s, Action::Do(Act::Down));
    s
}

#[test]
fn people_pane_with_map() {
    for (w, h) in [(80, 24), (200, 60)] {
        let s = with_people(w, h);
        insta::assert_snapshot!(format!("people_{w}x{h}"), screen(&s));
    }
}

#[test]
fn who_and_where_view() {
    for (w, h) in [(80, 24), (200, 60)] {
        let mut s = loaded(w, h);
        update(&mut s, Action::Do(Act::WhoWhere));
        let query = s.list.query.clone();
        update(
            &mut s,
            Action::Worker(WorkerEvent::TopEntities {
                query,
                entities: fixtures::top_entities(),
                newest: None,
            }),
        );
        insta::assert_snapshot!(format!("who_where_{w}x{h}"), screen(&s));
    }
}

/// Enter on a row of the people pane, and the page of that entity arrived.
fn with_page(w: u16, h: u16, downs: usize) -> State {
    let mut s = with_people(w, h);
    update(&mut s, Action::Do(Act::Top));
    for _ in 0..downs {
        update(&mut s, Action::Do(Act::Down));
    }
    update(&mut s, Action::Do(Act::Open));
    let id = s.entity.as_ref().map_or(0, |v| v.id);
    update(
        &mut s,
        Action::Worker(WorkerEvent::EntityPage {
            entity: id,
            page: Some(Box::new(fixtures::entity_page(id))),
        }),
    );
    update(&mut s, Action::Do(Act::Down));
    s
}

#[test]
fn entity_page_of_a_place_with_its_map() {
    for (w, h) in [(80, 24), (120, 40)] {
        // Belgrade: the third row.
        let s = with_page(w, h, 2);
        insta::assert_snapshot!(format!("entity_place_{w}x{h}"), screen(&s));
    }
}

#[test]
fn entity_page_of_a_person() {
    for (w, h) in [(80, 24), (120, 40)] {
        let s = with_page(w, h, 0);
        insta::assert_snapshot!(format!("entity_person_{w}x{h}"), screen(&s));
    }
}

#[test]
fn who_and_where_says_when_it_counted_the_newest_articles_only() {
    let mut s = loaded(200, 60);
    update(&mut s, Action::Do(Act::WhoWhere));
    let query = s.list.query.clone();
    update(
        &mut s,
        Action::Worker(WorkerEvent::TopEntities {
            query,
            entities: fixtures::top_entities(),
            newest: Some(5_000),
        }),
    );
    let shown = screen(&s);
    assert!(
        shown.contains("Who and where: the newest 5000 of this list"),
        "{shown}"
    );
}

#[test]
fn mentions_are_coloured_by_kind_in_the_body() {
    let mut s = with_people(200, 60);
    // The article has the keys again: nothing is selected in the body.
    update(&mut s, Action::Do(Act::People));
    let mut terminal = Terminal::new(TestBackend::new(200, 60)).unwrap();
    terminal.draw(|f| view::draw(f, &s)).unwrap();
    let buf = terminal.backend().buffer().clone();
    let area = s.panes().article.unwrap();
    // Finds `word` inside the article pane and returns the colour of its first cell.
    let colour_of = |word: &str| {
        for y in area.y..area.y + area.height {
            let row: String = (area.x..area.x + area.width)
                .map(|x| buf[(x, y)].symbol().to_string())
                .collect();
            if let Some(byte) = row.find(word) {
                let col = row[..byte].chars().count() as u16;
                return Some(buf[(area.x + col, y)].fg);
            }
        }
        None
    };
    use crate::model::EntityKind;
    use ratatui::style::Color;
    let kind = super::body::kind_color;
    assert_eq!(colour_of("Belgrade on"), Some(kind(EntityKind::Place)));
    assert_eq!(colour_of("NATO said"), Some(kind(EntityKind::Org)));
    assert_eq!(
        colour_of("Jens Stoltenberg met"),
        Some(kind(EntityKind::Person))
    );
    assert_eq!(colour_of("Later"), Some(Color::Reset));
    // The title is not the body: it stays as it was.
    assert_ne!(colour_of("Ceasefire"), Some(kind(EntityKind::Place)));
}

/// Feeds named like the demo's: one outlet's desks, each title starting "Dateline Demo: ".
/// Regression guard for the feeds pane at 80 columns, which showed "Dateline De…" for all
/// of them: the shared start names the pane instead, and the pane fits its rows within
/// limits (a quarter of the screen).
#[test]
fn feeds_sharing_a_title_start() {
    for (w, h) in [(80, 24), (200, 60)] {
        let mut s = fixtures::state(w, h);
        s.start(false);
        let desks = vec![
            fixtures::feed(1, "Dateline Demo: World Desk", &["world"], 8, None),
            fixtures::feed(2, "Dateline Demo: Europe", &["europe"], 6, None),
            fixtures::feed(
                3,
                "Dateline Demo: Africa, Asia and the Americas",
                &["africa", "asia"],
                12,
                None,
            ),
        ];
        update(&mut s, Action::Worker(WorkerEvent::Feeds(desks.clone())));
        let mut rows = summaries();
        for (a, f) in rows.iter_mut().zip(desks.iter().cycle()) {
            a.feed_id = f.id;
            a.feed_title = f.title.clone();
        }
        let request = s.list.request;
        update(
            &mut s,
            Action::Worker(WorkerEvent::whole_list(request, rows)),
        );
        let text = screen(&s);
        assert!(!text.contains("Dateline De…"), "{text}");
        assert!(text.contains("World Desk"));
        insta::assert_snapshot!(format!("shared_title_start_{w}x{h}"), text);
    }
}

/// Issue 11, Deliver 3: at 80×24 the feeds pane hides itself (below
/// `feeds_pane_min_width`), the selected row shows its whole title, and `z` gives the
/// article the whole screen.
#[test]
fn small_terminal_reading() {
    for (w, h) in [(80, 24), (120, 40)] {
        let mut s = fixtures::state(w, h);
        s.feeds_min_width = 100;
        s.start(false);
        update(&mut s, Action::Worker(WorkerEvent::Feeds(feeds())));
        let mut rows = summaries();
        rows[1].title = "Parliament votes on the budget after a night of talks that ran \
                         past the deadline the speaker had set"
            .into();
        let request = s.list.request;
        update(
            &mut s,
            Action::Worker(WorkerEvent::whole_list(request, rows)),
        );
        update(&mut s, Action::Do(Act::Down));
        insta::assert_snapshot!(format!("small_list_{w}x{h}"), screen(&s));
        update(&mut s, Action::Do(Act::Open));
        let a = article(&s.list.articles[1], BODY);
        update(&mut s, Action::Worker(WorkerEvent::article(a)));
        insta::assert_snapshot!(format!("small_article_{w}x{h}"), screen(&s));
        update(&mut s, Action::Do(Act::Zoom));
        insta::assert_snapshot!(format!("small_zoomed_{w}x{h}"), screen(&s));
    }
}

/// Issue 11, bug 4: `A` on more than a screenful asks first, on the status line.
#[test]
fn marking_more_than_a_screenful_asks() {
    let mut s = fixtures::state(80, 24);
    s.start(false);
    update(&mut s, Action::Worker(WorkerEvent::Feeds(feeds())));
    let rows = (0..40)
        .map(|i| fixtures::summary(100 + i, 1, &format!("Story number {i}"), i, false))
        .collect();
    let request = s.list.request;
    update(
        &mut s,
        Action::Worker(WorkerEvent::Articles {
            request,
            offset: 0,
            total: Some(1_149),
            articles: rows,
        }),
    );
    update(&mut s, Action::Do(Act::MarkAllRead));
    // The store's count of the list's unread articles (the rows loaded are a window).
    let query = s.list.query.clone();
    update(
        &mut s,
        Action::Worker(WorkerEvent::ListUnread {
            query,
            unread: 1_149,
        }),
    );
    insta::assert_snapshot!("confirm_mark_all_80x24", screen(&s));
}

/// Issue 11, Deliver 5: the cursor inside the filter line, and Tab's candidates.
#[test]
fn filter_line_cursor_and_completion() {
    use super::keymap::FilterAct;
    let mut s = loaded(80, 24);
    update(&mut s, Action::Do(Act::Filter));
    for c in "is:unread tag:".chars() {
        update(&mut s, Action::FilterChar(c));
    }
    update(&mut s, Action::Filter(FilterAct::Complete));
    insta::assert_snapshot!("filter_completion_80x24", screen(&s));
    for _ in 0..4 {
        update(&mut s, Action::Filter(FilterAct::WordLeft));
    }
    insta::assert_snapshot!("filter_cursor_80x24", screen(&s));
}

/// The help lists every mode's keys, under a heading per mode.
#[test]
fn help_lists_every_mode() {
    let mut s = loaded(120, 40);
    update(&mut s, Action::Do(Act::Help));
    for _ in 0..28 {
        update(&mut s, Action::Help(super::keymap::HelpAct::Down));
    }
    insta::assert_snapshot!("help_modes_120x40", screen(&s));
}

/// The article pane's rows, each followed by a row that marks the cells painted in an
/// entity's colour: `p` person, `l` place, `o` organisation, upper case when reversed (the
/// selected entity's mentions).
fn mention_map(state: &State) -> String {
    use crate::model::EntityKind;
    use ratatui::style::Modifier;
    let (w, h) = state.size;
    let mut terminal = Terminal::new(TestBackend::new(w, h)).unwrap();
    terminal.draw(|f| view::draw(f, state)).unwrap();
    let buf = terminal.backend().buffer().clone();
    let area = state.panes().article.unwrap();
    let kind = super::body::kind_color;
    let mut out = String::new();
    for y in area.y + 1..area.y + area.height - 1 {
        let (mut text, mut marks) = (String::new(), String::new());
        for x in area.x + 1..area.x + area.width - 1 {
            let cell = &buf[(x, y)];
            text.push_str(cell.symbol());
            let mark = match cell.fg {
                c if c == kind(EntityKind::Person) => 'p',
                c if c == kind(EntityKind::Place) => 'l',
                c if c == kind(EntityKind::Org) => 'o',
                _ => ' ',
            };
            let reversed = cell.modifier.contains(Modifier::REVERSED);
            marks.push(if reversed {
                mark.to_ascii_uppercase()
            } else {
                mark
            });
        }
        out.push_str(&format!("|{text}|\n|{marks}|\n"));
    }
    // Up to the last row with text.
    while out.ends_with(&format!("|{}|\n", " ".repeat(usize::from(area.width - 2)))) {
        out.truncate(out.len() - usize::from(area.width) - 1);
    }
    out
}

/// An article whose mentions cross wrapped lines in a 120-column terminal.
const WRAPPED_HTML: &str = "<p>After a long night of talks in the capital, an aide to <b>Jens \
Stoltenberg</b> said he met Aleksandar Vučić in Belgrade, before NATO ministers flew from \
Belgrade to Brussels.</p><p>Stoltenberg spoke later.</p>";

/// Mentions are painted by their offsets in the text, whole even where one crosses a
/// wrapped line (`Jens` ends one row, `Stoltenberg` begins the next), and only there:
/// `Belgrade` is selected in the people pane (reversed), `Brussels` is not a mention here.
#[test]
fn mentions_crossing_a_wrapped_line_are_highlighted_whole() {
    use crate::model::EntityKind;
    use crate::worker::session::ArticleEntity;
    let mut s = loaded(120, 40);
    update(&mut s, Action::Do(Act::Open));
    let a = article(&s.list.articles[0], WRAPPED_HTML);
    let text = a.text.clone();
    let id = a.id;
    // Char offsets of every `needle` in the text, as the extractor stores them.
    let spans = |needle: &str| -> Vec<(u32, u32)> {
        text.match_indices(needle)
            .map(|(b, _)| {
                let start = text[..b].chars().count() as u32;
                (start, start + needle.chars().count() as u32)
            })
            .collect()
    };
    let entity = |id, kind, name: &str, spans| ArticleEntity {
        id,
        kind,
        name: name.into(),
        coords: None,
        spans,
    };
    let mut stoltenberg = spans("Jens Stoltenberg");
    stoltenberg.push(spans("Stoltenberg spoke")[0]);
    stoltenberg.last_mut().unwrap().1 -= " spoke".len() as u32;
    let entities = vec![
        entity(1, EntityKind::Person, "Jens Stoltenberg", stoltenberg),
        entity(
            2,
            EntityKind::Person,
            "Aleksandar Vučić",
            spans("Aleksandar Vučić"),
        ),
        entity(3, EntityKind::Place, "Belgrade", spans("Belgrade")),
        entity(4, EntityKind::Org, "NATO", spans("NATO")),
    ];
    update(&mut s, Action::Worker(WorkerEvent::article(a)));
    update(
        &mut s,
        Action::Worker(WorkerEvent::Entities {
            article: id,
            entities,
        }),
    );
    update(&mut s, Action::Do(Act::People));
    // People (2), then Places: Belgrade is the third row.
    update(&mut s, Action::Do(Act::Down));
    update(&mut s, Action::Do(Act::Down));
    let map = mention_map(&s);
    let rows: Vec<&str> = map.lines().collect();
    let crossing = rows
        .iter()
        .position(|r| r.trim_end_matches('|').trim_end().ends_with("Jens"))
        .unwrap_or_else(|| panic!("Jens must end a row:\n{map}"));
    assert!(rows[crossing + 2].starts_with("|Stoltenberg"), "{map}");
    assert!(rows[crossing + 3].starts_with("|ppppppppppp "), "{map}");
    insta::assert_snapshot!("mentions_wrapped_120x40", map);
}

/// The `LoadArticles` among `effects`: its request and grouping.
fn list_request(
    effects: &[super::state::Effect],
) -> Option<(u64, crate::worker::session::Grouping)> {
    effects.iter().find_map(|e| match e {
        super::state::Effect::Worker(crate::worker::session::Command::LoadArticles {
            request,
            query,
            ..
        }) => Some((*request, query.grouping)),
        _ => None,
    })
}

#[test]
fn story_mode_shows_each_story_once_and_opens_one() {
    use crate::model::{ArticleId, StoryTag};
    use crate::worker::session::Grouping;
    for (w, h) in [(80, 24), (160, 48)] {
        let mut s = loaded(w, h);
        s.focus = Focus::Articles;
        let effects = update(&mut s, Action::Do(Act::Stories));
        let (request, grouping) = list_request(&effects).expect("the list is asked again");
        assert_eq!(grouping, Grouping::Stories);
        // The worker's answer: the Geneva story told by three feeds in four articles, the
        // budget vote by two feeds, the rest alone.
        let tag = |article: i64, story: i64, sources: u32, articles: u32| StoryTag {
            article: ArticleId(article),
            story,
            sources,
            articles,
        };
        update(
            &mut s,
            Action::Worker(WorkerEvent::StoryTags {
                request,
                tags: vec![tag(10, 7, 3, 4), tag(11, 8, 2, 2), tag(13, 9, 1, 1)],
            }),
        );
        let rows: Vec<_> = summaries().into_iter().filter(|a| a.id.0 != 12).collect();
        update(
            &mut s,
            Action::Worker(WorkerEvent::whole_list(request, rows)),
        );
        insta::assert_snapshot!(format!("story_mode_{w}x{h}"), screen(&s));

        // Enter on the Geneva story lists its articles, as a list of its own.
        s.list.select(0, 10);
        let effects = update(&mut s, Action::Do(Act::Open));
        let (request, grouping) = list_request(&effects).expect("the story's articles");
        assert_eq!(grouping, Grouping::Story(7));
        assert!(!s.open.is_open(), "no article opens");
        let geneva: Vec<_> = (0..4)
            .map(|i| {
                fixtures::summary(
                    20 + i,
                    1 + (i % 3),
                    &format!("Geneva talks, report {i}"),
                    1 + i,
                    false,
                )
            })
            .collect();
        update(
            &mut s,
            Action::Worker(WorkerEvent::whole_list(request, geneva)),
        );
        insta::assert_snapshot!(format!("story_articles_{w}x{h}"), screen(&s));

        // h goes back to the stories, on the story it left.
        let effects = update(&mut s, Action::Do(Act::Back));
        let (_, grouping) = list_request(&effects).expect("the stories again");
        assert_eq!(grouping, Grouping::Stories);
        assert_eq!(s.focus, Focus::Articles);
        // c again: every article.
        let effects = update(&mut s, Action::Do(Act::Stories));
        assert_eq!(
            list_request(&effects).map(|r| r.1),
            Some(Grouping::Articles)
        );
    }
}

/// Regression: a long status message (why a download failed) was cut at 80 columns. It
/// is shown whole, wrapped above the status bar over the panes (which keep their size),
/// until the next key.
#[test]
fn a_long_message_is_shown_whole_until_a_key() {
    let mut s = loaded(80, 24);
    let before = screen(&s);
    let reason = "download of https://media.example.org/podcasts/2026/episode-142.mp3 \
                  failed: the server answered 403 Forbidden (the folder ~/Downloads/podcasts \
                  is fine; try again later)";
    update(&mut s, Action::Worker(WorkerEvent::Error(reason.into())));
    let shown = screen(&s);
    insta::assert_snapshot!("long_message_80x24", shown);
    assert!(shown.contains("try again later)"), "{shown}");
    // The panes did not move: the lines above the message are as they were.
    let top = |screen: &str| screen.lines().take(18).collect::<Vec<_>>().join("\n");
    assert_eq!(top(&shown), top(&before));
    // A key puts it away; the status bar keeps its start.
    update(&mut s, Action::Do(Act::Down));
    let after = screen(&s);
    assert!(!after.contains("try again later)"), "{after}");
    assert!(after.contains("download of https://media"), "{after}");
    // A short message stays on the status bar alone.
    update(&mut s, Action::Worker(WorkerEvent::Error("no link".into())));
    let lines: Vec<String> = screen(&s).lines().map(str::to_string).collect();
    assert!(!lines[lines.len() - 2].contains("no link"));
}

/// `M` shows the last status messages whole, newest at the bottom, until the next key.
#[test]
fn capital_m_shows_the_last_messages() {
    let mut s = loaded(80, 24);
    update(&mut s, Action::Do(Act::Messages));
    assert_eq!(s.message.as_deref(), Some("no messages yet"));
    assert!(!s.show_messages);
    for m in [
        "feed one: timed out after 30 s",
        "download of https://media.example.org/podcasts/2026/episode-142-the-long-title.mp3 \
         failed: the server answered 403 Forbidden (try again later)",
        "refreshed 12 feeds: 40 new articles, 1 failed",
    ] {
        update(&mut s, Action::Worker(WorkerEvent::Error(m.into())));
    }
    update(&mut s, Action::Do(Act::Down));
    update(&mut s, Action::Do(Act::Messages));
    let shown = screen(&s);
    insta::assert_snapshot!("messages_80x24", shown);
    assert!(shown.contains("(try again later)") && shown.contains("timed out"));
    assert!(!shown.contains("no messages yet"), "{shown}");
    update(&mut s, Action::Do(Act::Down));
    assert!(!screen(&s).contains("timed out"));
}

/// A page linking several feeds lists them in a message beside the prompt, cut at 80
/// columns: the message is shown whole above it until the first key.
#[test]
fn the_feeds_a_page_links_are_listed_whole_beside_the_prompt() {
    let mut s = loaded(80, 24);
    update(
        &mut s,
        Action::Worker(WorkerEvent::FeedChoices {
            page: "https://site.example/blog/".into(),
            feeds: vec![
                (
                    "https://site.example/blog/posts.xml".into(),
                    Some("Posts".into()),
                ),
                (
                    "https://site.example/blog/comments.xml".into(),
                    Some("Comments".into()),
                ),
            ],
        }),
    );
    let shown = screen(&s);
    assert!(shown.contains("comments.xml (Comments)"), "{shown}");
    update(&mut s, Action::Filter(super::keymap::FilterAct::Complete));
    assert!(!screen(&s).contains("(Comments)"));
}
