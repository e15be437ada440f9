//! Whether a text is written in a personal voice (a blog post, show notes, a newsletter)
//! rather than as news: it speaks as "I" or "we" to "you", and hardly reports what someone
//! "said".
//!
//! Why it exists: the tagger learnt from news, and in news a capitalised word outside a
//! sentence's start is nearly always a name. In a personal text capitals also mark products,
//! games, show titles and headings, so the extractor asks for more evidence there (see
//! [`super::extract_with`]). A document-level signal, so one odd sentence decides nothing.
//!
//! What it must not do: call a news report personal. Quotes in news do have "I" and "we", but
//! news also reports them ("said", "told", "according to"), which keeps it news; short texts
//! (headlines, summaries) are never called personal.

/// The fewest words a personal text has; shorter texts stay news.
const MIN_WORDS: usize = 60;

/// Words that address a reader or speak as the writer.
const PERSONAL: &[&str] = &[
    "i", "i'm", "i've", "i'd", "i'll", "my", "me", "we", "we're", "we've", "our", "us", "you",
    "you're", "your",
];

/// Words of reported speech and of the people news reports on.
const NEWS: &[&str] = &[
    "said",
    "says",
    "told",
    "according",
    "reported",
    "officials",
    "minister",
    "president",
    "government",
    "police",
];

/// Whether `text` reads as personal writing: at least [`MIN_WORDS`] words, at least 1 in
/// 100 a word of [`PERSONAL`], fewer than 4 in 1,000 a word of [`NEWS`].
///
/// Words inside double quotes do not count as personal (news quotes people speaking as "I"),
/// nor does a capital "I" not followed by a lower-case word ("World Group I", "Charles I").
pub(super) fn is_personal(text: &str) -> bool {
    let (mut words, mut personal, mut news) = (0usize, 0usize, 0usize);
    let mut quoted = false;
    let mut rest = text;
    while !rest.is_empty() {
        let end = rest
            .find(|c: char| !(c.is_alphabetic() || c == '\'' || c == '’'))
            .unwrap_or(rest.len());
        let (w, after) = rest.split_at(end);
        if !w.is_empty() {
            words += 1;
            let lower = w.to_lowercase().replace('’', "'");
            let bare_i = w == "I"
                && !after
                    .strip_prefix(' ')
                    .is_some_and(|a| a.starts_with(char::is_lowercase));
            personal += usize::from(!quoted && !bare_i && PERSONAL.contains(&lower.as_str()));
            news += usize::from(NEWS.contains(&lower.as_str()));
        }
        let mut chars = after.chars();
        match chars.next() {
            Some('"') => quoted = !quoted,
            Some('“') => quoted = true,
            Some('”') => quoted = false,
            _ => {}
        }
        rest = chars.as_str();
    }
    words >= MIN_WORDS && personal * 100 >= words && news * 1000 < 4 * words
}

/// The fewest non-empty lines of a text made of notes (see [`is_notes`]).
const MIN_NOTE_LINES: usize = 8;

/// Whether `text` is a list of notes rather than prose (show notes, link lists, release
/// notes): at least [`MIN_NOTE_LINES`] non-empty lines, three in four of them list items
/// ("- ", "* ", "• "). News is written in paragraphs; a list inside an article stays a minority
/// of its lines.
pub(super) fn is_notes(text: &str) -> bool {
    let (mut lines, mut items) = (0usize, 0usize);
    for line in text.lines().map(str::trim_start).filter(|l| !l.is_empty()) {
        lines += 1;
        items += usize::from(["- ", "* ", "• "].iter().any(|p| line.starts_with(p)));
    }
    lines >= MIN_NOTE_LINES && items * 4 >= lines * 3
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_blog_post_is_personal_and_a_report_is_not() {
        let blog = "I like to do this thing where I search for companies and then try giving \
                    them a quick test. I've done a lot of my work this way and it's more \
                    effective than you think it is. On this search, I use the tab more often \
                    than you think, and this is how I got to the firm. While looking into it, I \
                    did a usual scan and used tooling from a friend which does common checks.";
        assert!(is_personal(blog));
        let news = "The minister said on Tuesday that the government would not resign. \"We \
                    will stay and we will fight,\" he told reporters in the capital, according \
                    to a statement. Police said that protests continued overnight in three \
                    cities, and officials reported dozens of arrests after clashes near the \
                    parliament building, where the president was due to speak on Wednesday.";
        assert!(!is_personal(news));
        assert!(!is_personal("What I learnt from you"));
        // Quoted speech is not the writer's voice.
        let quotes = "\"I think we played well and I am happy for my team, you know. We did \
                      what we had to do and I think our fans saw it, I really do. You have to \
                      give it to our guys, we kept going,\" the coach told us after the game. \
                      \"I told my players that we can win this, and we did; you saw it. I am \
                      proud of them all, and I hope we keep this form for the rest of our year.\"";
        assert!(!is_personal(quotes));
    }

    #[test]
    fn show_notes_are_notes_and_an_article_with_a_list_is_not() {
        let notes = "- Follow-up\n- John reviews a car\n  - A sticker\n- Marco reviews Linea\n\
                     - Screen protectors\n- Post show\n  - More on Beats\n- HomeKit\n\nSponsored by\n\n\
                     - Hover: domains\n- Eero: Wi-Fi that works\n";
        assert!(is_notes(notes));
        let article = "The council met on Monday.\n\nIt agreed to:\n\n- raise taxes\n- close a \
                       school\n\nThe mayor said the vote was close.\n\nResidents protested.\n\n\
                       Another meeting is due in March.\n\nThe budget passes next week.\n";
        assert!(!is_notes(article));
        assert!(!is_notes("- one\n- two\n- three"));
    }
}
