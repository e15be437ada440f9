//! Import and export of feed lists: OPML 1.0/2.0 and newsboat `urls` files in, OPML 2.0 out.
//!
//! Import edits the user's TOML with `toml_edit`, so their comments and layout survive, and is
//! idempotent: a feed whose URL is already configured is not added again. New feeds are
//! appended as `[[feeds]]` blocks after the existing text, which is kept byte for byte.
//!
//! Export and import are inverses for feed lists whose titles and tags have no leading or
//! trailing spaces, whose tags contain no `,` or `/` (OPML's `category` separators) and whose
//! titles differ from their URLs: the order, URLs, titles and tags come back unchanged. A feed
//! the config gives no title is exported under its own title when the cache knows it (other
//! readers show `text` as the feed's name), so it comes back with that title set.

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};
use std::io::Write;
use std::path::{Path, PathBuf};

use quick_xml::Reader;
use quick_xml::events::{BytesStart, Event};
use toml_edit::{Array, ArrayOfTables, DocumentMut, InlineTable, Item, Table, value};

use super::{Config, DEFAULT_CONFIG, check_feed_url, locate};
use crate::model::FeedSpec;
use crate::sanitize::sanitize_line;

/// What an import did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ImportReport {
    /// Feeds appended to the config, in order.
    pub added: Vec<FeedSpec>,
    /// URLs already in the config.
    pub already_present: usize,
    /// Lines or outlines skipped, with the reason, for the user.
    pub warnings: Vec<String>,
    /// The config did not exist: it was written from [`default_settings`] and the imported
    /// feeds only.
    pub created: bool,
}

/// An import problem.
#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    /// The content is neither OPML nor a newsboat `urls` file.
    #[error("not an OPML file or a newsboat urls file: {0}")]
    Format(String),
    /// The existing config is invalid, so it cannot be safely edited.
    #[error("the config cannot be edited: {0}")]
    Config(String),
    /// Reading or writing the config file failed.
    #[error("cannot update {path}: {source}")]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
}

/// Parses an OPML or newsboat `urls` document (detected from its content) into feeds.
///
/// Returns the feeds in document order (a URL seen twice is kept once, with the tags of both)
/// and warnings for what was skipped. A document starting with `<` must be OPML.
pub fn parse_feed_list(content: &str) -> Result<(Vec<FeedSpec>, Vec<String>), ImportError> {
    let body = content.trim_start_matches('\u{feff}').trim_start();
    if body.contains('\0') {
        return Err(ImportError::Format("the file is binary".into()));
    }
    let (feeds, warnings) = if body.starts_with('<') {
        parse_opml(content)?
    } else {
        parse_newsboat(content)?
    };
    Ok((merge_duplicates(feeds), warnings))
}

/// Keeps the first feed of each URL, adding the tags (and a missing title) of later ones.
fn merge_duplicates(feeds: Vec<FeedSpec>) -> Vec<FeedSpec> {
    let mut out: Vec<FeedSpec> = Vec::with_capacity(feeds.len());
    for feed in feeds {
        match out.iter_mut().find(|f| f.url == feed.url) {
            Some(first) => {
                if first.title.is_none() {
                    first.title = feed.title;
                }
                for tag in feed.tags {
                    push_tag(&mut first.tags, &tag);
                }
            }
            None => out.push(feed),
        }
    }
    out
}

fn push_tag(tags: &mut Vec<String>, tag: &str) {
    let tag = tag.trim();
    if !tag.is_empty() && !tags.iter().any(|t| t == tag) {
        tags.push(tag.to_string());
    }
}

// ---------------------------------------------------------------------------------------------
// OPML

/// One open `<outline>`: the folder name it contributes, if it is a folder.
type Folder = Option<String>;

fn parse_opml(content: &str) -> Result<(Vec<FeedSpec>, Vec<String>), ImportError> {
    let mut reader = Reader::from_str(content);
    reader.config_mut().trim_text(true);
    reader.config_mut().check_end_names = false;
    let mut feeds = Vec::new();
    let mut warnings = Vec::new();
    let mut folders: Vec<Folder> = Vec::new();
    let mut saw_root = false;
    loop {
        let at = usize::try_from(reader.buffer_position()).unwrap_or(0);
        let event = match reader.read_event() {
            Ok(event) => event,
            Err(e) if !saw_root => {
                return Err(ImportError::Format(format!(
                    "broken XML on line {}: {e}",
                    locate::line_of(content, at)
                )));
            }
            Err(e) => {
                warnings.push(format!(
                    "line {}: the OPML is broken here ({e}); feeds after this point were not read",
                    locate::line_of(content, at)
                ));
                break;
            }
        };
        let (element, has_children) = match &event {
            Event::Start(e) => (e, true),
            Event::Empty(e) => (e, false),
            Event::End(e) => {
                if e.local_name().as_ref().eq_ignore_ascii_case(b"outline") {
                    folders.pop();
                }
                continue;
            }
            Event::Eof => break,
            _ => continue,
        };
        let name = element.local_name();
        if !saw_root {
            if !name.as_ref().eq_ignore_ascii_case(b"opml") {
                return Err(ImportError::Format(format!(
                    "an XML document whose root is <{}>, not <opml>",
                    String::from_utf8_lossy(name.as_ref())
                )));
            }
            saw_root = true;
            continue;
        }
        if !name.as_ref().eq_ignore_ascii_case(b"outline") {
            continue;
        }
        let outline = Outline::read(element);
        // `at` is where the previous event ended: skip the whitespace before this element.
        let rest = content.get(at..).unwrap_or("");
        let line = locate::line_of(content, at + rest.len() - rest.trim_start().len());
        let folder = match &outline.xml_url {
            None => outline.text.clone().or_else(|| outline.title.clone()),
            Some(url) => {
                if let Some(feed) = outline_feed(&outline, url, &folders, line, &mut warnings) {
                    feeds.push(feed);
                }
                None
            }
        };
        if has_children {
            folders.push(folder);
        }
    }
    if !saw_root {
        return Err(ImportError::Format("an XML document without <opml>".into()));
    }
    Ok((feeds, warnings))
}

/// The attributes of an `<outline>` that matter, decoded, trimmed, empty ones dropped.
#[derive(Debug, Default)]
struct Outline {
    xml_url: Option<String>,
    title: Option<String>,
    text: Option<String>,
    category: Option<String>,
    filter: bool,
}

impl Outline {
    fn read(element: &BytesStart) -> Outline {
        let mut outline = Outline::default();
        let mut attributes = element.html_attributes();
        attributes.with_checks(false);
        for attribute in attributes.flatten() {
            let key = String::from_utf8_lossy(attribute.key.local_name().as_ref()).to_lowercase();
            let raw = String::from_utf8_lossy(&attribute.value);
            let decoded = decode_entities(&raw);
            let decoded = decoded.trim();
            let slot = match key.as_str() {
                "xmlurl" => &mut outline.xml_url,
                "title" => &mut outline.title,
                "text" => &mut outline.text,
                "category" => &mut outline.category,
                "filtercmd" => {
                    outline.filter = true;
                    continue;
                }
                _ => continue,
            };
            if !decoded.is_empty() && slot.is_none() {
                *slot = Some(decoded.to_string());
            }
        }
        outline
    }
}

fn outline_feed(
    outline: &Outline,
    url: &str,
    folders: &[Folder],
    line: usize,
    warnings: &mut Vec<String>,
) -> Option<FeedSpec> {
    let label = outline
        .title
        .as_deref()
        .or(outline.text.as_deref())
        .unwrap_or(url);
    if url.starts_with('|') {
        warnings.push(format!(
            "line {line}: skipped \"{label}\": `{url}` runs a command, it is not a feed address"
        ));
        return None;
    }
    if let Err(problem) = check_feed_url(url) {
        warnings.push(format!("line {line}: skipped \"{label}\": {problem}"));
        return None;
    }
    if outline.filter {
        warnings.push(format!(
            "line {line}: \"{label}\" has a newsboat filter command, which dateline ignores"
        ));
    }
    let mut tags = Vec::new();
    for folder in folders.iter().flatten() {
        push_tag(&mut tags, folder);
    }
    if let Some(category) = &outline.category {
        for tag in split_category(category) {
            push_tag(&mut tags, tag);
        }
    }
    let title = outline
        .title
        .clone()
        .or_else(|| outline.text.clone())
        .filter(|t| t != url);
    Some(FeedSpec {
        url: url.to_string(),
        title,
        tags,
    })
}

/// `"/Tech/Rust, news"` -> `Tech`, `Rust`, `news`.
fn split_category(category: &str) -> impl Iterator<Item = &str> {
    category
        .split(',')
        .flat_map(|part| part.trim().trim_start_matches('/').split('/'))
        .map(str::trim)
        .filter(|t| !t.is_empty())
}

/// Decodes XML character references and the common HTML named entities; anything unknown is
/// kept as written (OPML in the wild is often HTML-escaped by hand).
fn decode_entities(raw: &str) -> Cow<'_, str> {
    if !raw.contains('&') {
        return Cow::Borrowed(raw);
    }
    let mut out = String::with_capacity(raw.len());
    let mut rest = raw;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        let after = &rest[amp + 1..];
        let decoded = after
            .find(';')
            .filter(|&end| end <= 32)
            .and_then(|end| entity(&after[..end]).map(|c| (c, end)));
        match decoded {
            Some((c, end)) => {
                out.push(c);
                rest = &after[end + 1..];
            }
            None => {
                out.push('&');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    Cow::Owned(out)
}

fn entity(name: &str) -> Option<char> {
    if let Some(num) = name.strip_prefix('#') {
        let code = match num.strip_prefix(['x', 'X']) {
            Some(hex) => u32::from_str_radix(hex, 16).ok()?,
            None => num.parse().ok()?,
        };
        return char::from_u32(code);
    }
    let c = match name {
        "amp" | "AMP" => '&',
        "lt" | "LT" => '<',
        "gt" | "GT" => '>',
        "quot" | "QUOT" => '"',
        "apos" => '\'',
        "nbsp" => '\u{a0}',
        "ndash" => '–',
        "mdash" => '—',
        "hellip" => '…',
        "lsquo" => '‘',
        "rsquo" => '’',
        "ldquo" => '“',
        "rdquo" => '”',
        "laquo" => '«',
        "raquo" => '»',
        "copy" => '©',
        "reg" => '®',
        "trade" => '™',
        "euro" => '€',
        "pound" => '£',
        "middot" => '·',
        "bull" => '•',
        "eacute" => 'é',
        "egrave" => 'è',
        "ecirc" => 'ê',
        "aacute" => 'á',
        "agrave" => 'à',
        "acirc" => 'â',
        "iacute" => 'í',
        "oacute" => 'ó',
        "ocirc" => 'ô',
        "uacute" => 'ú',
        "ccedil" => 'ç',
        "ntilde" => 'ñ',
        "auml" => 'ä',
        "ouml" => 'ö',
        "uuml" => 'ü',
        "Auml" => 'Ä',
        "Ouml" => 'Ö',
        "Uuml" => 'Ü',
        "Eacute" => 'É',
        "szlig" => 'ß',
        _ => return None,
    };
    Some(c)
}

// ---------------------------------------------------------------------------------------------
// newsboat urls

fn parse_newsboat(content: &str) -> Result<(Vec<FeedSpec>, Vec<String>), ImportError> {
    let mut feeds = Vec::new();
    let mut warnings = Vec::new();
    let mut entries = 0usize;
    for (i, line) in content.lines().enumerate() {
        let n = i + 1;
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        entries += 1;
        let tokens = tokenize(line);
        let Some((url, rest)) = tokens.split_first() else {
            continue;
        };
        if let Some(kind) = ["query:", "exec:", "filter:"]
            .into_iter()
            .find(|p| url.starts_with(p))
        {
            warnings.push(format!(
                "line {n}: skipped a newsboat `{kind}` entry (dateline fetches only feed URLs)"
            ));
            continue;
        }
        let scheme_ok = url::Url::parse(url)
            .map(|u| matches!(u.scheme(), "http" | "https" | "file"))
            .unwrap_or(false);
        if !scheme_ok {
            warnings.push(format!(
                "line {n}: skipped `{url}`: not an http, https or file URL"
            ));
            continue;
        }
        let mut title = None;
        let mut tags = Vec::new();
        for token in rest {
            if token == "!" {
                continue;
            }
            match token.strip_prefix('~') {
                Some(t) if !t.trim().is_empty() => title = Some(t.trim().to_string()),
                Some(_) => {}
                None => push_tag(&mut tags, token),
            }
        }
        feeds.push(FeedSpec {
            url: url.clone(),
            title: title.filter(|t| t != url),
            tags,
        });
    }
    if feeds.is_empty() && entries > 0 && warnings.len() == entries {
        let all_bad = warnings.iter().all(|w| w.contains("not an http"));
        if all_bad {
            return Err(ImportError::Format(
                "no line starts with a feed URL".to_string(),
            ));
        }
    }
    Ok((feeds, warnings))
}

/// Splits a newsboat line into words; `"..."` groups words, `\"` and `\\` escape inside
/// quotes, and an unquoted `#` starts a comment.
fn tokenize(line: &str) -> Vec<String> {
    let mut tokens = Vec::new();
    let mut chars = line.chars().peekable();
    loop {
        while chars.next_if(|c| c.is_whitespace()).is_some() {}
        let Some(&first) = chars.peek() else { break };
        if first == '#' {
            break;
        }
        let mut token = String::new();
        if first == '"' {
            chars.next();
            while let Some(c) = chars.next() {
                match c {
                    '"' => break,
                    '\\' => {
                        if let Some(escaped) = chars.next() {
                            token.push(escaped);
                        }
                    }
                    c => token.push(c),
                }
            }
        } else {
            while let Some(c) = chars.next_if(|c| !c.is_whitespace()) {
                token.push(c);
            }
        }
        tokens.push(token);
    }
    tokens
}

// ---------------------------------------------------------------------------------------------
// Editing the config

/// Adds `feeds` to the TOML config text `config_text`, keeping its comments and layout;
/// returns the new text and the report.
///
/// The existing text must be a valid config (otherwise [`ImportError::Config`]). Feeds whose
/// URL is already configured are counted in `already_present`; feeds with an unusable URL are
/// skipped with a warning. The existing text is kept byte for byte: new `[[feeds]]` blocks are
/// appended after it (or, when the file uses an inline `feeds = [...]` array, pushed into it).
pub fn add_feeds_to_config(
    config_text: &str,
    feeds: Vec<FeedSpec>,
) -> Result<(String, ImportReport), ImportError> {
    let origin = Path::new("config");
    let config =
        Config::from_toml(config_text, origin).map_err(|e| ImportError::Config(e.to_string()))?;
    let mut known: HashSet<String> = config.feeds.into_iter().map(|f| f.url).collect();
    let mut report = ImportReport::default();
    for feed in feeds {
        if known.contains(&feed.url) {
            report.already_present += 1;
            continue;
        }
        if let Err(problem) = check_feed_url(&feed.url) {
            report.warnings.push(format!("skipped a feed: {problem}"));
            continue;
        }
        let mut tags = Vec::new();
        for tag in &feed.tags {
            push_tag(&mut tags, tag);
        }
        let title = feed.title.filter(|t| !t.trim().is_empty());
        known.insert(feed.url.clone());
        report.added.push(FeedSpec {
            url: feed.url,
            title,
            tags,
        });
    }
    if report.added.is_empty() {
        return Ok((config_text.to_string(), report));
    }

    let mut doc: DocumentMut = config_text
        .parse()
        .map_err(|e| ImportError::Config(format!("{e}")))?;
    let text = match doc.get_mut("feeds").and_then(Item::as_array_mut) {
        Some(inline) => {
            for feed in &report.added {
                inline.push(feed_inline_table(feed));
            }
            doc.to_string()
        }
        None => append_tables(config_text, &report.added),
    };
    Config::from_toml(&text, origin).map_err(|e| {
        ImportError::Config(format!(
            "the edited config would not load ({e}); nothing was changed"
        ))
    })?;
    Ok((text, report))
}

fn feed_table(feed: &FeedSpec) -> Table {
    let mut table = Table::new();
    table.insert("url", value(feed.url.as_str()));
    if let Some(title) = &feed.title {
        table.insert("title", value(title.as_str()));
    }
    if !feed.tags.is_empty() {
        let tags: Array = feed.tags.iter().map(String::as_str).collect();
        table.insert("tags", value(tags));
    }
    table
}

fn feed_inline_table(feed: &FeedSpec) -> InlineTable {
    feed_table(feed).into_inline_table()
}

/// The original text, untouched, followed by one `[[feeds]]` block per feed, each after a
/// blank line, in the file's own line ending.
fn append_tables(config_text: &str, feeds: &[FeedSpec]) -> String {
    let newline = if config_text.contains("\r\n") {
        "\r\n"
    } else {
        "\n"
    };
    let mut out = config_text.to_string();
    if !out.is_empty() && !out.ends_with('\n') {
        out.push_str(newline);
    }
    for feed in feeds {
        let mut tables = ArrayOfTables::new();
        tables.push(feed_table(feed));
        let mut snippet = DocumentMut::new();
        snippet.insert("feeds", Item::ArrayOfTables(tables));
        if !out.is_empty() {
            out.push_str(newline);
        }
        out.push_str(&snippet.to_string().replace('\n', newline));
    }
    out
}

/// The shipped default config without its feed list: the commented settings and the comment
/// that explains `[[feeds]]`, but none of the default feeds. An import into a missing config
/// starts from it, so the user gets the feeds they imported and no others.
pub fn default_settings() -> String {
    let mut end = 0;
    for line in DEFAULT_CONFIG.split_inclusive('\n') {
        if line.trim() == "[[feeds]]" {
            break;
        }
        end += line.len();
    }
    let mut text = DEFAULT_CONFIG[..end].trim_end().to_string();
    text.push('\n');
    text
}

/// Imports `content` (OPML or newsboat `urls`) into the config file at `config_path`: reads
/// it (starting from [`default_settings`], the default config without its feeds, when it does
/// not exist), adds the new feeds and writes it back atomically (a temporary file in the same
/// directory, then a rename), keeping the file's permissions. Nothing is written when nothing
/// is added to an existing file.
pub fn import_into_file(config_path: &Path, content: &str) -> Result<ImportReport, ImportError> {
    let io_err = |source| ImportError::Io {
        path: config_path.to_path_buf(),
        source,
    };
    let (text, existed) = match std::fs::read_to_string(config_path) {
        Ok(text) => (text, true),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => (default_settings(), false),
        Err(e) => return Err(io_err(e)),
    };
    Config::from_toml(&text, config_path).map_err(|e| ImportError::Config(e.to_string()))?;
    let (feeds, mut warnings) = parse_feed_list(content)?;
    let (new_text, mut report) = add_feeds_to_config(&text, feeds)?;
    warnings.append(&mut report.warnings);
    report.warnings = warnings;
    report.created = !existed;
    if existed && report.added.is_empty() {
        return Ok(report);
    }
    write_atomically(config_path, &new_text).map_err(io_err)?;
    Ok(report)
}

pub(crate) fn write_atomically(path: &Path, text: &str) -> std::io::Result<()> {
    let dir = path
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir)?;
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "config.toml".into());
    let temp = dir.join(format!(".{name}.import-{}.tmp", std::process::id()));
    let result = (|| {
        let mut file = std::fs::File::create(&temp)?;
        file.write_all(text.as_bytes())?;
        file.sync_all()?;
        if let Ok(meta) = std::fs::metadata(path) {
            std::fs::set_permissions(&temp, meta.permissions())?;
        }
        std::fs::rename(&temp, path)
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&temp);
    }
    result
}

// ---------------------------------------------------------------------------------------------
// Export

/// Writes the feeds as an OPML 2.0 document; tags become nested outlines (a feed with several
/// tags appears under its first and carries all of them in a `category` attribute).
///
/// Consecutive feeds sharing a first tag share one folder outline; a folder name can appear
/// more than once so that the feed order survives a round trip. Untagged feeds sit at the top
/// level. A feed's `text` and `title` are the title the config gives it, else its own title
/// (`own_titles`, by URL: what the cache last read from the feed), else the URL alone, in
/// `text`.
pub fn export_opml(feeds: &[FeedSpec], own_titles: &HashMap<String, String>) -> String {
    let mut out = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<opml version=\"2.0\">\n  <head>\n    \
         <title>dateline feeds</title>\n  </head>\n  <body>\n",
    );
    let mut folder: Option<&str> = None;
    for feed in feeds {
        let first = feed.tags.first().map(String::as_str);
        if first != folder {
            if folder.is_some() {
                out.push_str("    </outline>\n");
            }
            if let Some(tag) = first {
                let tag = escape(tag);
                out.push_str(&format!("    <outline text=\"{tag}\" title=\"{tag}\">\n"));
            }
            folder = first;
        }
        let indent = if folder.is_some() { "      " } else { "    " };
        out.push_str(indent);
        let own = own_titles
            .get(&feed.url)
            .map(|t| sanitize_line(t))
            .filter(|t| !t.is_empty() && *t != feed.url);
        let title = feed.title.as_deref().or(own.as_deref());
        out.push_str("<outline type=\"rss\" text=\"");
        out.push_str(&escape(title.unwrap_or(&feed.url)));
        out.push('"');
        if let Some(title) = title {
            out.push_str(&format!(" title=\"{}\"", escape(title)));
        }
        out.push_str(&format!(" xmlUrl=\"{}\"", escape(&feed.url)));
        if !feed.tags.is_empty() {
            out.push_str(&format!(" category=\"{}\"", escape(&feed.tags.join(","))));
        }
        out.push_str("/>\n");
    }
    if folder.is_some() {
        out.push_str("    </outline>\n");
    }
    out.push_str("  </body>\n</opml>\n");
    out
}

/// Escapes text for a double-quoted XML attribute; characters XML 1.0 forbids are dropped.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' | '\n' | '\r' => out.push_str(&format!("&#{};", u32::from(c))),
            c if c.is_control() && (c as u32) < 0x20 => {}
            '\u{fffe}' | '\u{ffff}' => {}
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests;
