//! Command-line definitions (clap). Parsing only: the commands run in [`crate::commands`].

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

/// A terminal newsreader that tells you who and where each story is about.
#[derive(Debug, Parser)]
#[command(name = "dateline", version, about, long_about = None)]
pub struct Cli {
    /// Configuration file [default: the platform's config dir, dateline/config.toml].
    #[arg(long, global = true, env = "DATELINE_CONFIG", value_name = "FILE")]
    pub config: Option<PathBuf>,

    /// Cache database [default: the platform's data dir, dateline/cache.db].
    #[arg(long, global = true, env = "DATELINE_DB", value_name = "FILE")]
    pub db: Option<PathBuf>,

    /// Use the feeds bundled with dateline and a throwaway cache: works offline.
    #[arg(long, global = true)]
    pub demo: bool,

    /// Without a subcommand, on a pipe: print every unread article, not only the newest 40.
    #[arg(long)]
    pub all: bool,

    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Fetch feeds and store new articles in the cache (with `[sync]` set: one sync).
    Refresh(RefreshArgs),
    /// List the feeds with unread counts and their last error.
    Feeds(JsonFlag),
    /// List articles, newest first.
    List(ListArgs),
    /// Print one article.
    Show(ShowArgs),
    /// Mark articles as read.
    MarkRead(MarkReadArgs),
    /// Subscribe to a feed (given a web page, find the feeds it links).
    ///
    /// Adds the feed to the config file's [[feeds]]; with [sync] set, subscribes on the sync
    /// server instead (the title and tags become its title and labels) and leaves the config
    /// file alone: the next sync brings the articles.
    Add(AddArgs),
    /// Unsubscribe from a feed, by its URL or its title.
    ///
    /// Takes the feed out of the config file's [[feeds]]; with [sync] set, unsubscribes on the
    /// sync server instead (a title is looked up among the server's feeds). The cache keeps
    /// the feed's articles hidden.
    Remove(RemoveArgs),
    /// Add feeds from an OPML file or a newsboat `urls` file to the configuration.
    Import(ImportArgs),
    /// Write the feed list as OPML 2.0 to standard output.
    Export,
    /// Print the people, places and organisations in a text or HTML file (or standard input).
    Extract(ExtractArgs),
    /// List the most-mentioned people, places and organisations in the cache, or in the
    /// articles a query selects.
    Entities(EntitiesArgs),
    /// One person, place or organisation: mentions per day, who and what is mentioned with
    /// it, its other names and its articles, newest first (what Enter on it shows in the
    /// reader). A name that means several entities lists them and exits with 2; a name the
    /// cache does not know exits with 1.
    Entity(EntityArgs),
    /// List stories across feeds (articles about one event, grouped as they are stored),
    /// newest first: headline, sources, articles, time span, top people and places.
    Stories(StoriesArgs),
    /// Find the people, places and organisations of every cached article again (after a
    /// model change), and group the articles into stories again.
    Reindex,
    /// Print the article of a web page (a saved file or a URL): its title, byline, date and
    /// main text, without navigation, ads and other boilerplate.
    Fulltext(FulltextArgs),
    /// Check the cache (SQLite's integrity check and the search index's own), and repair
    /// what can be rebuilt when asked.
    Doctor(DoctorArgs),
    /// Write your feeds, read marks and starred articles (with their content) as JSON to
    /// standard output.
    ExportState,
    /// Restore what `export-state` wrote into a new cache (adding its feeds to the
    /// configuration).
    ImportState(ImportStateArgs),
    /// Sync with the `[sync]` server: send local marks, pull feeds, items and read/starred
    /// state.
    Sync(SyncArgs),
    /// Rewrite the cache compactly, with 16 KiB pages and incremental auto-vacuum (caches made
    /// before those existed never shrink otherwise). Needs every other dateline closed, and
    /// free disk space of about twice the cache.
    Vacuum,
}

#[derive(Debug, Args)]
pub struct DoctorArgs {
    /// Rebuild the full-text search index from the articles.
    #[arg(long)]
    pub rebuild_index: bool,
    /// Find the people, places and organisations of every article again.
    #[arg(long)]
    pub reextract: bool,
    /// Print JSON instead of text.
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct ImportStateArgs {
    /// The JSON file `export-state` wrote; `-` reads standard input.
    #[arg(value_name = "FILE|-")]
    pub file: PathBuf,
    /// Merge into a cache that already has articles (marks are only added, never removed).
    #[arg(long)]
    pub force: bool,
}

#[derive(Debug, Args)]
pub struct SyncArgs {
    /// Only log in and say what is wrong (password, URL, TLS, timeout); change nothing.
    #[arg(long)]
    pub check: bool,
    /// Print JSON instead of text.
    #[arg(long)]
    pub json: bool,
    /// Do not look for people, places and organisations in the new articles afterwards.
    #[arg(long, conflicts_with = "check")]
    pub no_extract: bool,
}

#[derive(Debug, Args)]
pub struct JsonFlag {
    /// Print JSON instead of text.
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct RefreshArgs {
    /// Refresh only this feed (its configured URL); repeatable.
    #[arg(long, value_name = "URL")]
    pub feed: Vec<String>,
    /// Print one JSON object per feed and a summary, instead of text.
    #[arg(long)]
    pub json: bool,
    /// Do not look for people, places and organisations in the new articles afterwards
    /// (the reader or the next refresh will).
    #[arg(long)]
    pub no_extract: bool,
    /// Do not fetch the article pages of summary-only feeds afterwards (see `full_text` in
    /// the configuration).
    #[arg(long)]
    pub no_full_text: bool,
}

#[derive(Debug, Args)]
pub struct ListArgs {
    /// Only unread articles.
    #[arg(long)]
    pub unread: bool,
    /// Only articles of this feed (its configured URL).
    #[arg(long, value_name = "URL")]
    pub feed: Option<String>,
    /// At most this many articles.
    #[arg(long, short = 'n', value_name = "N")]
    pub limit: Option<u32>,
    /// Print JSON instead of text.
    #[arg(long)]
    pub json: bool,
    /// A filter query, e.g. `vucic is:unread since:2d` (the words are joined by spaces);
    /// combined with the flags above.
    #[arg(
        value_name = "QUERY",
        allow_hyphen_values = true,
        trailing_var_arg = true
    )]
    pub query: Vec<String>,
}

#[derive(Debug, Args)]
pub struct ShowArgs {
    /// The article's id, as `list` prints it.
    pub id: i64,
    /// Print JSON instead of text.
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct MarkReadArgs {
    /// Article ids, as `list` prints them.
    #[arg(required_unless_present_any = ["all", "query"], conflicts_with_all = ["all", "query"])]
    pub ids: Vec<i64>,
    /// Mark every article read.
    #[arg(long, conflicts_with = "query")]
    pub all: bool,
    /// Mark the articles this filter query selects, e.g. `feed:europe before:3d`.
    #[arg(long, value_name = "QUERY", allow_hyphen_values = true)]
    pub query: Option<String>,
    /// Mark them unread instead.
    #[arg(long)]
    pub unread: bool,
}

#[derive(Debug, Args)]
pub struct AddArgs {
    /// The feed's address, or a web page that links feeds (`<link rel="alternate">`).
    pub url: String,
    /// The title to show instead of the feed's own.
    #[arg(long, value_name = "TITLE")]
    pub title: Option<String>,
    /// A tag (a folder in the reader); repeatable.
    #[arg(long = "tag", value_name = "TAG")]
    pub tags: Vec<String>,
    /// When the page links several feeds, add them all (without it, they are listed).
    #[arg(long)]
    pub all: bool,
}

#[derive(Debug, Args)]
pub struct RemoveArgs {
    /// The feed's URL, or its title as configured (with [sync]: as on the server).
    #[arg(value_name = "URL|TITLE")]
    pub feed: String,
}

#[derive(Debug, Args)]
pub struct ImportArgs {
    /// An OPML 1.0/2.0 file or a newsboat `urls` file.
    pub file: PathBuf,
}

#[derive(Debug, Args)]
pub struct ExtractArgs {
    /// A text or HTML file; `-` or nothing reads standard input.
    #[arg(value_name = "FILE|-")]
    pub file: Option<PathBuf>,
    /// Print `{"entities": [{start, end, label, text, canonical, lat, lon, country}]}`;
    /// offsets count chars of the text (after HTML conversion), end exclusive; `country` is
    /// a geocoded place's ISO 3166-1 alpha-2 code.
    #[arg(long, conflicts_with = "jsonl")]
    pub json: bool,
    /// Read lines `{"id", "text"}` and write lines `{"id", "entities": [{start, end, label}]}`
    /// (with `country` on a geocoded place), taking each text exactly as given (no HTML
    /// conversion, no trimming).
    #[arg(long)]
    pub jsonl: bool,
}

#[derive(Debug, Args)]
pub struct FulltextArgs {
    /// A saved HTML page, or an http(s) URL to fetch (with the configured timeouts and caps).
    #[arg(value_name = "FILE|URL")]
    pub source: String,
    /// The page's address, the base for its relative links and images [default: the URL
    /// fetched; none for a file].
    #[arg(long, value_name = "PAGE_URL")]
    pub url: Option<String>,
    /// Print `{"title", "byline", "published", "lang", "image", "text", "html"}`.
    #[arg(long)]
    pub json: bool,
}

/// What kind of entity to list.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum KindArg {
    Person,
    Place,
    Org,
}

#[derive(Debug, Args)]
pub struct StoriesArgs {
    /// Only stories told by at least this many feeds (1 lists every story, single articles
    /// too).
    #[arg(long, value_name = "N", default_value_t = 2)]
    pub sources: u32,
    /// At most this many stories.
    #[arg(long, short = 'n', value_name = "N", default_value_t = 30)]
    pub limit: u32,
    /// Print `[{id, headline, headline_article, sources, articles, first, last, people,
    /// places, organisations}]`.
    #[arg(long)]
    pub json: bool,
    /// Only the stories of the articles this filter query selects (the query language of
    /// `list`), e.g. `iran since:2d`; counts are over each story's articles.
    #[arg(
        value_name = "QUERY",
        allow_hyphen_values = true,
        trailing_var_arg = true
    )]
    pub query: Vec<String>,
}

#[derive(Debug, Args)]
pub struct EntityArgs {
    /// The name, e.g. `Jens Stoltenberg` or `stoltenberg` (case and accents ignored; another
    /// name it went by, such as a surname alone, works too).
    #[arg(value_name = "NAME", required_unless_present = "id", num_args = 1..)]
    pub name: Vec<String>,
    /// Only an entity of this kind.
    #[arg(long, value_enum)]
    pub kind: Option<KindArg>,
    /// The entity with this id (as an ambiguous name lists them), instead of a name.
    #[arg(long, value_name = "ID", conflicts_with_all = ["name", "kind"])]
    pub id: Option<i64>,
    /// Days of mentions per day, ending today.
    #[arg(long, value_name = "N", default_value_t = 30, value_parser = clap::value_parser!(u32).range(1..=3650))]
    pub days: u32,
    /// At most this many articles (newest first).
    #[arg(long, short = 'n', value_name = "N", default_value_t = 20)]
    pub limit: u32,
    /// Print `{entity, aliases, first_seen, last_seen, days, related, related_scanned,
    /// articles}` (see the README).
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct EntitiesArgs {
    /// Only entities of this kind.
    #[arg(long, value_enum)]
    pub kind: Option<KindArg>,
    /// At most this many entities.
    #[arg(long, short = 'n', value_name = "N", default_value_t = 30)]
    pub limit: u32,
    /// Print `[{kind, name, aliases, mentions, articles, lat, lon, country}]`.
    #[arg(long)]
    pub json: bool,
    /// Count only in the articles this filter query selects, e.g. `feed:europe since:2d`.
    #[arg(
        value_name = "QUERY",
        allow_hyphen_values = true,
        trailing_var_arg = true
    )]
    pub query: Vec<String>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn cli_definition_is_consistent() {
        Cli::command().debug_assert();
    }

    #[test]
    fn mark_read_needs_ids_or_all() {
        assert!(Cli::try_parse_from(["dateline", "mark-read"]).is_err());
        assert!(Cli::try_parse_from(["dateline", "mark-read", "--all"]).is_ok());
        assert!(Cli::try_parse_from(["dateline", "mark-read", "3", "4"]).is_ok());
        assert!(Cli::try_parse_from(["dateline", "mark-read", "3", "--all"]).is_err());
        assert!(Cli::try_parse_from(["dateline", "mark-read", "--query", "-is:read"]).is_ok());
        assert!(Cli::try_parse_from(["dateline", "mark-read", "3", "--query", "x"]).is_err());
        assert!(Cli::try_parse_from(["dateline", "mark-read", "--all", "--query", "x"]).is_err());
    }

    #[test]
    fn list_takes_query_words_after_its_flags() {
        let cli =
            Cli::try_parse_from(["dateline", "list", "--unread", "vucic", "-is:starred"]).unwrap();
        let Some(Command::List(args)) = cli.command else {
            panic!("not list");
        };
        assert!(args.unread);
        assert_eq!(args.query, ["vucic", "-is:starred"]);
    }
}
