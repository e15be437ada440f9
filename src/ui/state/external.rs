//! What leaves the reader: the article piped to a command (`|`), the view's unread articles
//! opened in the browser (`O`), an enclosure played or downloaded (`p`, `d`), the article
//! saved as Markdown (`S`). Each becomes an [`Effect`] (or a worker command) for the loop;
//! nothing here runs a process or touches a file. [`ReaderOptions`] holds the settings
//! these need.

use super::action::Effect;
use super::app::State;
use super::article::ArticlePane;
use super::prompt::Ask;
use crate::model::Article;
use crate::worker::session::Command;

impl State {
    /// `|`: asks for the command to pipe the open (or selected) article to.
    pub(super) fn pipe_prompt(&mut self) {
        if self.open_article().is_none() {
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
        let Some(article) = self.open_article() else {
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

    /// `O`: asks before opening the view's unread articles (the loaded ones, at most
    /// `open_all_max`) in the browser; they are marked read.
    pub(super) fn open_all_unread(&mut self, _out: &mut [Effect]) {
        let unread: Vec<_> = self
            .list
            .articles
            .iter()
            .filter(|a| !a.read)
            .filter_map(|a| Some((a.id, a.feed_id, a.link.clone()?)))
            .collect();
        if unread.is_empty() {
            self.message = Some("no unread article with a link in view".into());
            return;
        }
        let cap = self.opts.open_all_max.max(1);
        let n = unread.len().min(cap);
        let more = if unread.len() > cap {
            format!(" (the first {cap} of {})", unread.len())
        } else {
            String::new()
        };
        let chosen = &unread[..n];
        self.message = None;
        self.ask(
            Ask::OpenAll {
                urls: chosen.iter().map(|(_, _, u)| u.clone()).collect(),
                ids: chosen.iter().map(|(id, feed, _)| (*id, *feed)).collect(),
            },
            format!("open {n} unread articles{more} in the browser and mark them read? (y/n)"),
            String::new(),
            true,
        );
    }

    /// The article being read, when it is loaded.
    pub(super) fn open_article(&self) -> Option<&Article> {
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
