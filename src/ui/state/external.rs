//! What leaves the reader: the article piped to a command (`|`), the view's unread articles
//! opened in the browser (`O`), an enclosure played or downloaded (`p`, `d`), the article
//! saved as Markdown (`S`). Each becomes an [`Effect`] (or a worker command) for the loop;
//! nothing here runs a process or touches a file. [`ReaderOptions`] holds the settings
//! these need.

use super::action::Effect;
use super::app::State;
use super::article::ArticlePane;
use super::prompt::Ask;
use crate::model::{Article, ArticleId, FeedId};
use crate::sanitize::sanitize_line;
use crate::ui::keymap::Mode;
use crate::worker::session::DownloadProgress;
use crate::worker::session::{ArticleQuery, Command};

impl State {
    /// `|`: asks for the command to pipe the open (or selected) article to.
    pub(super) fn pipe_prompt(&mut self) {
        if self.loaded_article().is_none() {
            self.message = Some("open an article first".into());
            return;
        }
        self.message = None;
        self.ask(
            Ask::Pipe,
            "pipe the article to:".into(),
            String::new(),
            false,
        );
    }

    /// Pipes the open article, as Markdown, to `command` (split into words like a shell
    /// would, without running one).
    pub(super) fn pipe_article(&mut self, command: &str, out: &mut Vec<Effect>) {
        let Some(article) = self.loaded_article() else {
            self.message = Some("open an article first".into());
            return;
        };
        let argv = split_command(command);
        if argv.is_empty() {
            self.message = Some("no command given".into());
            return;
        }
        let input = markdown(article);
        self.message = Some(format!("piped to {}", argv[0]));
        out.push(Effect::Pipe { argv, input });
    }

    /// `O`: asks the store for the view's first unread articles (all of the list, not only
    /// the rows loaded; at most `open_all_max`); [`State::unread_links_found`] asks before
    /// opening them.
    pub(super) fn open_all_unread(&mut self, out: &mut Vec<Effect>) {
        let cap = self.opts.open_all_max.max(1);
        self.message = Some("looking for the unread articles of this list…".into());
        out.push(Effect::Worker(Command::FindUnreadLinks {
            query: self.list.query.clone(),
            now: self.local_now(),
            limit: u32::try_from(cap).unwrap_or(u32::MAX),
        }));
    }

    /// The store's answer to `O`: asks before opening `found` (the first unread articles of
    /// the list, of `total`) in the browser; they are marked read. Dropped when the list
    /// changed since, or something else is being asked.
    pub(super) fn unread_links_found(
        &mut self,
        query: &ArticleQuery,
        total: u64,
        found: Vec<(ArticleId, FeedId, String)>,
    ) {
        if *query != self.list.query || self.mode != Mode::Normal {
            return;
        }
        if found.is_empty() {
            self.message = Some("no unread article with a link in view".into());
            return;
        }
        let n = found.len();
        let more = if total > n as u64 {
            format!(" (the first {n} of {total})")
        } else {
            String::new()
        };
        self.message = None;
        self.ask(
            Ask::OpenAll {
                urls: found.iter().map(|(_, _, u)| u.clone()).collect(),
                ids: found.iter().map(|(id, feed, _)| (*id, *feed)).collect(),
            },
            format!("open {n} unread articles{more} in the browser and mark them read? (y/n)"),
            String::new(),
            true,
        );
    }

    /// `p` (`2p`: the second): plays an enclosure of the open article with the player.
    pub(super) fn play_enclosure(&mut self, count: Option<usize>, out: &mut Vec<Effect>) {
        let Some(url) = self.enclosure(count) else {
            return;
        };
        if self.opts.player.is_empty() {
            self.message = Some("no player configured ([commands] player)".into());
            return;
        }
        let mut argv = self.opts.player.clone();
        argv.push(url.clone());
        self.message = Some(format!("playing {} with {}", sanitize_line(&url), argv[0]));
        out.push(Effect::Spawn(argv));
    }

    /// `d` (`2d`: the second): downloads an enclosure of the open article in the background.
    pub(super) fn download_enclosure(&mut self, count: Option<usize>, out: &mut Vec<Effect>) {
        let Some(url) = self.enclosure(count) else {
            return;
        };
        let id = self.downloads.next_id;
        self.downloads.next_id += 1;
        self.downloads.active.push(DownloadProgress {
            id,
            url: url.clone(),
            received: 0,
            total: None,
            done: None,
        });
        self.message = Some(format!("downloading {}", sanitize_line(&url)));
        out.push(Effect::Worker(Command::Download { id, url }));
    }

    /// A download moved on, or ended.
    pub(super) fn download_progress(&mut self, p: DownloadProgress) {
        let Some(i) = self.downloads.active.iter().position(|d| d.id == p.id) else {
            return;
        };
        match &p.done {
            None => self.downloads.active[i] = p,
            Some(Ok(path)) => {
                self.downloads.active.remove(i);
                self.message = Some(format!("downloaded {}", path.display()));
            }
            Some(Err(e)) => {
                self.downloads.active.remove(i);
                self.message = Some(format!("download of {} failed: {e}", p.url));
            }
        }
    }

    /// `S`: saves the open article as Markdown in the download folder.
    pub(super) fn save_markdown(&mut self, out: &mut Vec<Effect>) {
        let Some(article) = self.loaded_article() else {
            self.message = Some("open an article first".into());
            return;
        };
        let name = format!("{}.md", file_stem(&article.title));
        let text = markdown(article);
        self.message = Some(format!("saving {name}…"));
        out.push(Effect::Worker(Command::SaveText { name, text }));
    }

    /// The address of enclosure `count` (1 when none was typed) of the open article, or a
    /// message saying why there is none.
    fn enclosure(&mut self, count: Option<usize>) -> Option<String> {
        let Some(article) = self.loaded_article() else {
            self.message = Some("open an article first".into());
            return None;
        };
        let n = count.unwrap_or(1);
        match n.checked_sub(1).and_then(|i| article.enclosures.get(i)) {
            Some(e) => Some(e.url.clone()),
            None if article.enclosures.is_empty() => {
                self.message = Some("this article has no enclosure".into());
                None
            }
            None => {
                self.message = Some(format!("this article has no enclosure {n}"));
                None
            }
        }
    }

    /// Refreshes every feed when `refresh_every` has passed since the last refresh of all
    /// (or since the reader started), unless one is running.
    pub(super) fn refresh_when_due(&mut self, out: &mut Vec<Effect>) {
        let Some(every) = self.refresh_every else {
            return;
        };
        let now = self.now;
        let last = *self.last_refresh.get_or_insert(now);
        let due = chrono::TimeDelta::from_std(every).is_ok_and(|d| now - last >= d);
        if due && !self.progress.running {
            self.refresh(None, out);
        }
    }

    /// The article being read, when it is loaded.
    pub(super) fn loaded_article(&self) -> Option<&Article> {
        match &self.open {
            ArticlePane::Loaded { article, .. } => Some(article),
            _ => None,
        }
    }

    /// Marks `ids` read here and in the store.
    pub(super) fn mark_read_ids(
        &mut self,
        ids: &[(crate::model::ArticleId, crate::model::FeedId)],
        out: &mut Vec<Effect>,
    ) {
        for (id, feed) in ids {
            self.set_read_local(*id, *feed, true);
        }
        out.push(Effect::Worker(Command::SetRead(
            ids.iter().map(|(id, _)| *id).collect(),
            true,
        )));
    }
}

/// An article as Markdown: a title heading, where it is from, the link, the body as text,
/// and the enclosures.
pub fn markdown(article: &Article) -> String {
    let mut out = format!("# {}\n\n", article.title.trim());
    out.push_str(&format!("*{}*", article.feed_title));
    if !article.authors.is_empty() {
        out.push_str(&format!(", {}", article.authors.join(", ")));
    }
    out.push_str(&format!(
        ", {}\n",
        article.published.format("%Y-%m-%d %H:%M UTC")
    ));
    if let Some(link) = &article.link {
        out.push_str(&format!("\n<{link}>\n"));
    }
    out.push('\n');
    out.push_str(article.text.trim());
    out.push('\n');
    if !article.enclosures.is_empty() {
        out.push_str("\n## Enclosures\n\n");
        for e in &article.enclosures {
            let about = e.describe();
            if about.is_empty() {
                out.push_str(&format!("- <{}>\n", e.url));
            } else {
                out.push_str(&format!("- <{}> ({about})\n", e.url));
            }
        }
    }
    out
}

/// A file name from an article title: letters, digits, spaces, `-` and `_`, at most 80.
pub fn file_stem(title: &str) -> String {
    let cleaned: String = title
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || matches!(c, ' ' | '-' | '_') {
                c
            } else {
                ' '
            }
        })
        .collect();
    let words: Vec<&str> = cleaned.split_whitespace().collect();
    let stem: String = words.join(" ").chars().take(80).collect();
    if stem.is_empty() {
        "article".into()
    } else {
        stem
    }
}

/// A command line split into words as a shell would, with `'…'`, `"…"` and `\` quoting,
/// but nothing else of a shell: no variables, globs or pipes.
pub fn split_command(line: &str) -> Vec<String> {
    let mut words = Vec::new();
    let mut word = String::new();
    let mut in_word = false;
    let mut chars = line.chars();
    while let Some(c) = chars.next() {
        match c {
            '\'' => {
                in_word = true;
                for q in chars.by_ref() {
                    if q == '\'' {
                        break;
                    }
                    word.push(q);
                }
            }
            '"' => {
                in_word = true;
                while let Some(q) = chars.next() {
                    match q {
                        '"' => break,
                        '\\' => {
                            if let Some(e) = chars.next() {
                                word.push(e);
                            }
                        }
                        q => word.push(q),
                    }
                }
            }
            '\\' => {
                in_word = true;
                if let Some(e) = chars.next() {
                    word.push(e);
                }
            }
            c if c.is_whitespace() => {
                if in_word {
                    words.push(std::mem::take(&mut word));
                    in_word = false;
                }
            }
            c => {
                in_word = true;
                word.push(c);
            }
        }
    }
    if in_word {
        words.push(word);
    }
    words
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn commands_split_like_a_shell_without_one() {
        assert_eq!(split_command("less -R"), ["less", "-R"]);
        assert_eq!(
            split_command(r#"grep -i "New York" 'a b'\ c"#),
            ["grep", "-i", "New York", "a b c"]
        );
        assert_eq!(split_command("  "), Vec::<String>::new());
        assert_eq!(split_command("echo ''"), ["echo", ""]);
        // Nothing a shell would expand is expanded.
        assert_eq!(split_command("rm $HOME;ls"), ["rm", "$HOME;ls"]);
    }
}
