//! The default bindings of every mode: the named actions, what they do and their keys.
//! The one list the keymaps, the `[keys]` names, the help overlay and the README's key
//! table come from.

/// A named action of the normal mode.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Act {
    Down,
    Up,
    Top,
    Bottom,
    PageUp,
    PageDown,
    Open,
    Back,
    /// `back`, but quit from the feeds pane: newsboat's `q` (unbound unless the preset or
    /// the user binds it).
    BackOrQuit,
    NextPane,
    PrevPane,
    NextArticle,
    PrevArticle,
    NextUnread,
    PrevUnread,
    Page,
    ToggleRead,
    ToggleStar,
    MarkAllRead,
    UndoMarkAll,
    OpenBrowser,
    CopyLink,
    FetchFullText,
    ToggleFullText,
    RefreshFeed,
    RefreshAll,
    Filter,
    People,
    WhoWhere,
    /// On a person, place or organisation (its page, or a row of the people pane): list
    /// the articles that mention it.
    EntityArticles,
    /// Each story once with its sources, or every article again.
    Stories,
    /// The article on the whole screen while it is read.
    Zoom,
    /// Show or hide the feeds pane.
    FeedsPane,
    AddFeed,
    RemoveFeed,
    EditFeed,
    PipeTo,
    OpenAllUnread,
    PlayEnclosure,
    DownloadEnclosure,
    SaveMarkdown,
    Messages,
    Help,
    Quit,
}

/// A named action of the filter line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum FilterAct {
    /// Keep the filter and leave the line.
    Submit,
    /// Clear the filter and leave the line.
    Cancel,
    Backspace,
    /// Delete the character under the cursor.
    Delete,
    Left,
    Right,
    /// To the start of the line.
    Home,
    /// To the end of the line.
    End,
    /// Delete from the start of the line to the cursor.
    KillStart,
    /// Delete from the cursor to the end of the line.
    KillEnd,
    /// Delete the word before the cursor.
    KillWord,
    /// Back a word.
    WordLeft,
    /// On a word.
    WordRight,
    /// Complete a `feed:`, `tag:`, `url:`, `person:`, `place:` or `org:` value.
    Complete,
    /// An older query from the history.
    Older,
    /// A newer query from the history (past the newest: what was being typed).
    Newer,
}

/// A named action of the yes/no prompt.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ConfirmAct {
    Yes,
    /// No; any key that is not bound in the prompt means no as well.
    No,
}

/// A named action of the help overlay.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum HelpAct {
    Down,
    Up,
    Close,
    Quit,
}

/// One named action: its config name, what it does, and its default keys.
#[derive(Debug, Clone, Copy)]
pub struct ActionDef<A: 'static> {
    pub act: A,
    pub name: &'static str,
    pub description: &'static str,
    pub keys: &'static [&'static str],
}

/// The normal mode's actions, in the order the help shows them.
pub const NORMAL: &[ActionDef<Act>] = &[
    def(Act::Down, "down", "move down", &["j", "Down"]),
    def(Act::Up, "up", "move up", &["k", "Up"]),
    def(Act::Top, "top", "go to the first line", &["g", "Home"]),
    def(Act::Bottom, "bottom", "go to the last line", &["G", "End"]),
    def(Act::PageUp, "page_up", "one screen up", &["PageUp"]),
    def(Act::PageDown, "page_down", "one screen down", &["PageDown"]),
    def(
        Act::Open,
        "open",
        "open the feed, folder, article, or entity page",
        &["Enter", "l"],
    ),
    def(
        Act::Back,
        "back",
        "back: to the list before (feed, view, filter), else a pane; on a folder, fold it",
        &["h", "Esc"],
    ),
    def(
        Act::BackOrQuit,
        "back_or_quit",
        "back as h does, but quit from the feeds pane (no key; q in the newsboat preset)",
        &[],
    ),
    def(Act::NextPane, "next_pane", "next pane", &["Tab"]),
    def(Act::PrevPane, "prev_pane", "previous pane", &["S-Tab"]),
    def(
        Act::NextArticle,
        "next_article",
        "next article (while reading)",
        &["J"],
    ),
    def(
        Act::PrevArticle,
        "prev_article",
        "previous article (while reading)",
        &["K"],
    ),
    def(
        Act::NextUnread,
        "next_unread",
        "next unread article",
        &["n"],
    ),
    def(
        Act::PrevUnread,
        "prev_unread",
        "previous unread article",
        &["N"],
    ),
    def(Act::Page, "page", "page the article down", &["space"]),
    def(Act::ToggleRead, "toggle_read", "toggle read", &["m"]),
    def(Act::ToggleStar, "toggle_star", "toggle starred", &["s"]),
    def(
        Act::MarkAllRead,
        "mark_all_read",
        "mark everything in view read (asks first when that is more than a screenful)",
        &["A"],
    ),
    def(
        Act::UndoMarkAll,
        "undo_mark_all",
        "mark unread again what the last mark_all_read marked",
        &["u"],
    ),
    def(
        Act::OpenBrowser,
        "open_browser",
        "open in the browser (a number first: link N)",
        &["o"],
    ),
    def(Act::CopyLink, "copy_link", "copy the link (OSC 52)", &["y"]),
    def(
        Act::FetchFullText,
        "fetch_full_text",
        "fetch the whole article from its web page",
        &["f"],
    ),
    def(
        Act::ToggleFullText,
        "toggle_full_text",
        "switch between the full text and the feed's text",
        &["t"],
    ),
    def(
        Act::RefreshFeed,
        "refresh_feed",
        "refresh this feed",
        &["r"],
    ),
    def(Act::RefreshAll, "refresh_all", "refresh all feeds", &["R"]),
    def(
        Act::Filter,
        "filter",
        "filter with a query (starts empty: ↑ for earlier ones)",
        &["/"],
    ),
    def(
        Act::People,
        "people",
        "people and places (Enter: its page, L: its articles)",
        &["e"],
    ),
    def(
        Act::WhoWhere,
        "who_where",
        "who and where: top people and places of the list",
        &["w"],
    ),
    def(
        Act::EntityArticles,
        "entity_articles",
        "list the articles that mention the person or place",
        &["L"],
    ),
    def(
        Act::Stories,
        "stories",
        "group the list by story (+N sources), or ungroup it",
        &["c"],
    ),
    def(
        Act::Zoom,
        "zoom",
        "the article on the whole screen, or back (while reading)",
        &["z"],
    ),
    def(
        Act::FeedsPane,
        "feeds_pane",
        "show or hide the feeds pane",
        &["F"],
    ),
    def(
        Act::AddFeed,
        "add_feed",
        "add a feed by its address (or a web page's)",
        &["a"],
    ),
    def(
        Act::RemoveFeed,
        "remove_feed",
        "remove this feed (asks first)",
        &["D"],
    ),
    def(
        Act::EditFeed,
        "edit_feed",
        "edit this feed's title and tags",
        &["E"],
    ),
    def(
        Act::PipeTo,
        "pipe_to",
        "pipe the article to a command",
        &["|"],
    ),
    def(
        Act::OpenAllUnread,
        "open_all_unread",
        "open the view's unread articles in the browser (asks first)",
        &["O"],
    ),
    def(
        Act::PlayEnclosure,
        "play_enclosure",
        "play the article's enclosure with the player (a number first: enclosure N)",
        &["p"],
    ),
    def(
        Act::DownloadEnclosure,
        "download_enclosure",
        "download the article's enclosure in the background (a number first: N)",
        &["d"],
    ),
    def(
        Act::SaveMarkdown,
        "save_markdown",
        "save the article as Markdown in the download folder",
        &["S"],
    ),
    def(
        Act::Messages,
        "messages",
        "show the last status messages whole (until the next key)",
        &["M"],
    ),
    def(Act::Help, "help", "show or hide this help", &["?"]),
    def(Act::Quit, "quit", "quit", &["q"]),
];

/// The filter line's actions. Any other character is typed into the line.
pub const FILTER: &[ActionDef<FilterAct>] = &[
    def(
        FilterAct::Submit,
        "filter_submit",
        "keep the filter",
        &["Enter"],
    ),
    def(
        FilterAct::Cancel,
        "filter_cancel",
        "leave the filter as it was before /",
        &["Esc"],
    ),
    def(
        FilterAct::Backspace,
        "filter_backspace",
        "delete the character before the cursor",
        &["Backspace", "C-h"],
    ),
    def(
        FilterAct::Delete,
        "filter_delete",
        "delete the character under the cursor",
        &["Delete", "C-d"],
    ),
    def(
        FilterAct::Left,
        "filter_left",
        "cursor left",
        &["Left", "C-b"],
    ),
    def(
        FilterAct::Right,
        "filter_right",
        "cursor right",
        &["Right", "C-f"],
    ),
    def(
        FilterAct::Home,
        "filter_home",
        "to the start of the line",
        &["C-a", "Home"],
    ),
    def(
        FilterAct::End,
        "filter_end",
        "to the end of the line",
        &["C-e", "End"],
    ),
    def(
        FilterAct::KillStart,
        "filter_kill_start",
        "delete to the start of the line",
        &["C-u"],
    ),
    def(
        FilterAct::KillEnd,
        "filter_kill_end",
        "delete to the end of the line",
        &["C-k"],
    ),
    def(
        FilterAct::KillWord,
        "filter_kill_word",
        "delete the word before the cursor",
        &["C-w"],
    ),
    def(
        FilterAct::WordLeft,
        "filter_word_left",
        "back a word",
        &["M-b", "C-Left"],
    ),
    def(
        FilterAct::WordRight,
        "filter_word_right",
        "forward a word",
        &["M-f", "C-Right"],
    ),
    def(
        FilterAct::Complete,
        "filter_complete",
        "complete feed:, tag:, url:, person:, place:, org: (again: the next); adding: the page's next feed",
        &["Tab"],
    ),
    def(
        FilterAct::Older,
        "filter_older",
        "an older filter from the history",
        &["Up", "C-p"],
    ),
    def(
        FilterAct::Newer,
        "filter_newer",
        "a newer filter from the history",
        &["Down", "C-n"],
    ),
];

/// The help overlay's actions.
pub const HELP: &[ActionDef<HelpAct>] = &[
    def(
        HelpAct::Down,
        "help_down",
        "scroll the help down",
        &["j", "Down"],
    ),
    def(HelpAct::Up, "help_up", "scroll the help up", &["k", "Up"]),
    def(
        HelpAct::Close,
        "help_close",
        "close the help",
        &["?", "Esc", "h"],
    ),
    def(HelpAct::Quit, "help_quit", "quit", &["q"]),
];

/// The yes/no prompt's actions. Any other key means no.
pub const CONFIRM: &[ActionDef<ConfirmAct>] = &[
    def(ConfirmAct::Yes, "confirm_yes", "yes: do it", &["y"]),
    def(
        ConfirmAct::No,
        "confirm_no",
        "no: leave it (so does any other key)",
        &["n", "Esc"],
    ),
];

/// `keys_preset = "newsboat"`: the bindings that differ from the defaults, for fingers that
/// know newsboat (`N` toggles read, `p` is the previous unread, `e` downloads an enclosure,
/// `s` saves the article, `q` goes back a level and quits only from the feeds pane, `Q`
/// quits). Laid over the defaults like a `[keys]` table, and under the user's own.
pub const NEWSBOAT: &[(&str, &[&str])] = &[
    ("toggle_read", &["N"]),
    ("prev_unread", &["p"]),
    ("play_enclosure", &["P"]),
    ("download_enclosure", &["e"]),
    ("people", &["i"]),
    ("save_markdown", &["s"]),
    ("toggle_star", &["*"]),
    ("back_or_quit", &["q"]),
    ("quit", &["Q"]),
];

/// Bindings that hold in every mode and cannot be rebound: control-C always quits.
pub const ALWAYS: &[(&str, Act)] = &[("C-c", Act::Quit)];

/// Bindings that are not remappable, shown in the help after the actions.
pub const FIXED: &[(&str, &str)] = &[
    (
        "0-9",
        "a number for the next `o`, `p` or `d` (link or enclosure N)",
    ),
    ("mouse wheel", "scroll"),
    ("click", "select"),
];

pub(super) const fn def<A>(
    act: A,
    name: &'static str,
    description: &'static str,
    keys: &'static [&'static str],
) -> ActionDef<A> {
    ActionDef {
        act,
        name,
        description,
        keys,
    }
}
