//! Modes and the mouse through `update`: the help overlay, clicks and the wheel.

use super::*;

#[test]
fn help_mode_swallows_keys_and_quit_works_everywhere() {
    let mut s = loaded();
    act(&mut s, Act::Help);
    assert_eq!(s.mode, Mode::Help);
    assert!(act(&mut s, Act::RefreshAll).is_empty());
    update(&mut s, Action::Help(HelpAct::Down));
    assert_eq!(s.help_scroll, 1);
    update(&mut s, Action::Help(HelpAct::Close));
    assert_eq!(s.mode, Mode::Normal);
    // Quitting gets through the help (control-C, a termination signal).
    act(&mut s, Act::Help);
    assert_eq!(act(&mut s, Act::Quit), vec![Effect::Quit]);
    for focus in [Focus::Feeds, Focus::Articles, Focus::Article] {
        let mut s = loaded();
        s.focus = focus;
        assert_eq!(act(&mut s, Act::Quit), vec![Effect::Quit]);
        assert!(s.quit);
    }
}

#[test]
fn mouse_click_selects_and_wheel_scrolls() {
    let mut s = loaded();
    // The list's first row is at y=1 (inside the border), x past the feeds pane.
    update(&mut s, Action::Click { col: 40, row: 3 });
    assert_eq!(s.list.sel, 2);
    assert_eq!(s.focus, Focus::Articles);
    update(
        &mut s,
        Action::Scroll {
            col: 40,
            row: 3,
            down: true,
        },
    );
    assert_eq!(s.list.sel, 4);
    update(&mut s, Action::Click { col: 2, row: 2 });
    assert_eq!(s.focus, Focus::Feeds);
    assert_eq!(s.feeds.sel, 1);
}
