//! Places in a text where names are not written as prose: user handles, hashtags, paths and
//! addresses, code identifiers and words glued to a file extension, and the titles of a
//! timestamped chapter list ("0:17:40 News 2: New Alan Wake 2 PS5 Pro patch tested!",
//! "- Epilogue (00:48:47)").
//!
//! Why it exists: blogs, podcast show notes, video descriptions and release notes are full of
//! capitalised words in these places, and the tagger, which learnt capitals from news prose,
//! takes them for people, places and organisations ("@Peter", "/Volumes", "Prologue"). A
//! chapter title names a topic, a game or a segment; a handle names an account, not its owner.
//!
//! What it must not do: look at labels or drop anything in running prose. Nothing here
//! touches news text, which has no handles, paths or lists of clock times (race results use
//! decimals, "3:30.61", which are not timestamps here).

use std::ops::Range;

/// The fewest timestamps that make a text a timestamped chapter list.
const MIN_TIMESTAMPS: usize = 3;

/// The most words a chapter title has; a longer segment is prose.
const MAX_TITLE_WORDS: usize = 15;

/// A place where names are not written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Place {
    /// A chapter title of a timestamped list: a name there is rarely one (a game, a topic),
    /// though a known company or person may be.
    Title,
    /// A handle, hashtag, path, address or file name: never a name.
    Address,
}

/// The parts of one text where a span is not a name (see the module docs).
#[derive(Debug, Default)]
pub(super) struct NonProse {
    /// Byte ranges of chapter titles.
    titles: Vec<Range<usize>>,
}

impl NonProse {
    /// Finds the chapter titles of `text`.
    pub(super) fn new(text: &str) -> NonProse {
        let stamps = timestamps(text);
        if stamps.len() < MIN_TIMESTAMPS {
            return NonProse::default();
        }
        let mut titles = Vec::new();
        for (k, ts) in stamps.iter().enumerate() {
            let line_end = text[ts.end..].find('\n').map_or(text.len(), |p| ts.end + p);
            let next = stamps
                .get(k + 1)
                .map_or(line_end, |n| n.start.min(line_end));
            // The title after a timestamp, up to the next one or the end of the line.
            let after = &text[ts.end..next];
            if words(after) <= MAX_TITLE_WORDS && !after.trim_end().ends_with('?') {
                titles.push(ts.end..next);
            }
            // The title before a bracketed timestamp that ends its line ("- Prologue
            // (00:00:00)"); a bare time at the end of a line is a result ("Erik Dekker
            // (Netherlands) Rabobank 1:23").
            let bracketed = text[..ts.start].trim_end().ends_with(['(', '['])
                && text[ts.end..].trim_start().starts_with([')', ']']);
            let line_start = text[..ts.start].rfind('\n').map_or(0, |p| p + 1);
            let from = stamps[..k]
                .last()
                .map_or(line_start, |p| p.end.max(line_start));
            let rest_of_line = &text[ts.end..line_end];
            if bracketed
                && !rest_of_line.chars().any(char::is_alphanumeric)
                && words(&text[from..ts.start]) <= MAX_TITLE_WORDS
            {
                titles.push(from..ts.start);
            }
        }
        NonProse { titles }
    }

    /// Where the span `text[start..end]` (byte offsets) is, when it is in a place where names
    /// are not written.
    pub(super) fn excludes(&self, text: &str, start: usize, end: usize) -> Option<Place> {
        if self.titles.iter().any(|r| r.start <= start && end <= r.end) {
            return Some(Place::Title);
        }
        let word_start = text[..start].rfind(char::is_whitespace).map_or(0, |p| {
            p + text[p..].chars().next().map_or(1, char::len_utf8)
        });
        let word_end = text[end..]
            .find(char::is_whitespace)
            .map_or(text.len(), |p| end + p);
        let word = text[word_start..word_end].trim_start_matches(['(', '[', '"', '\'', '“']);
        let handle_or_address = word.starts_with(['@', '#', '/', '~'])
            || word.contains("://")
            || word.contains('@')
            || word.matches('/').count() >= 2
            // A part of a code identifier ("AWS_SECRET_ACCESS_KEY").
            || text[..start].ends_with('_')
            || text[end..].starts_with('_');
        // "Package.swift": a lower-case word glued to the end of another by a full stop (not
        // "sops.Singapore", a sentence that lost the space after its full stop).
        let glued_after_dot = text[..start].ends_with('.')
            && text[..start - 1]
                .chars()
                .next_back()
                .is_some_and(char::is_alphanumeric)
            && text[start..].chars().next().is_some_and(char::is_lowercase);
        (handle_or_address || glued_after_dot).then_some(Place::Address)
    }
}

/// Whether the span ending at byte `end` is followed by a model or version number ("Borderlands
/// 3", "Swift 6.2", "Garmin Edge 1000"): a space, then 1 to 4 digits (with `.digits` parts)
/// that end a word and are not followed by a comma or colon. Outside news that is a product's
/// name; in news it may be a score ("Leeds 2, Chelsea 1"), so callers ask only of other text.
pub(super) fn followed_by_number(text: &str, end: usize) -> bool {
    let Some(rest) = text[end..].strip_prefix(' ') else {
        return false;
    };
    let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
    if !(1..=4).contains(&digits) {
        return false;
    }
    let mut after = &rest[digits..];
    while let Some(more) = after.strip_prefix('.')
        && more.starts_with(|c: char| c.is_ascii_digit())
    {
        after = more.trim_start_matches(|c: char| c.is_ascii_digit());
    }
    !after.starts_with(|c: char| c.is_alphanumeric() || c == ',' || c == ':' || c == '_')
}

/// Acronyms a text defines for a term rather than a name: "potato virus X (PVX)", "DICER-like
/// (DCL)". An acronym in brackets (2 to 6 capitals or digits, starting with a capital) is
/// matched to the words before it, its letters in order, the first at the start of a word (as
/// Schwartz and Hearst's abbreviation finder does); it is a term's when a word or hyphenated
/// part of that expansion, not a function word, starts in lower case. "Rapid Support Forces
/// (RSF)" and "Bank of England (BOE)" are names'.
pub(super) fn term_acronyms(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    for (open, _) in text.match_indices('(') {
        let inner = &text[open + 1..];
        let Some(close) = inner.find(')') else {
            continue;
        };
        let acronym = &inner[..close];
        let n = acronym.chars().count();
        if !(2..=6).contains(&n)
            || !acronym.starts_with(|c: char| c.is_ascii_uppercase())
            || !acronym
                .chars()
                .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit())
        {
            continue;
        }
        // The last min(n + 5, 2n) words before the bracket.
        let window_start = text[..open]
            .split_whitespace()
            .rev()
            .take((n + 5).min(2 * n))
            .last()
            .map_or(open, |w| w.as_ptr() as usize - text.as_ptr() as usize);
        let window = &text[window_start..open];
        let Some(from) = expansion_start(window, acronym) else {
            continue;
        };
        let term = window[from..]
            .split(|c: char| c.is_whitespace() || c == '-')
            .filter(|w| !super::super::features::is_function_word(w))
            .any(|w| w.starts_with(char::is_lowercase));
        if term && !out.contains(&acronym) {
            out.push(acronym);
        }
    }
    out
}

/// Where in `before` the words that `acronym` abbreviates begin (a byte offset): its letters
/// matched right to left, case-insensitively, the first one at the start of a word.
fn expansion_start(before: &str, acronym: &str) -> Option<usize> {
    let chars: Vec<(usize, char)> = before.char_indices().collect();
    let mut i = chars.len();
    let letters: Vec<char> = acronym.chars().flat_map(char::to_lowercase).collect();
    for (k, &want) in letters.iter().enumerate().rev() {
        loop {
            i = i.checked_sub(1)?;
            let (_, c) = chars[i];
            let word_start = i == 0 || !chars[i - 1].1.is_alphanumeric();
            if c.to_lowercase().eq(std::iter::once(want)) && (k > 0 || word_start) {
                break;
            }
        }
    }
    Some(chars[i].0)
}

/// Whitespace-separated words of `s` that have a letter or digit.
fn words(s: &str) -> usize {
    s.split_whitespace()
        .filter(|w| w.chars().any(char::is_alphanumeric))
        .count()
}

/// Byte ranges of the clock times of `text` written as a video or podcast timestamp:
/// `M:SS`, `MM:SS`, `H:MM:SS` or `HH:MM:SS`, not part of a longer number (`3:30.61` is a race
/// time, `10:1` nothing).
pub(super) fn timestamps(text: &str) -> Vec<Range<usize>> {
    let b = text.as_bytes();
    let digits = |mut i: usize| {
        let from = i;
        while i < b.len() && b[i].is_ascii_digit() {
            i += 1;
        }
        i - from
    };
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        let starts_number = b[i].is_ascii_digit()
            && (i == 0 || !(b[i - 1].is_ascii_digit() || b[i - 1] == b':' || b[i - 1] == b'.'));
        if !starts_number {
            i += 1;
            continue;
        }
        let first = digits(i);
        let mut j = i + first;
        let mut groups = 0;
        while groups < 2 && b.get(j) == Some(&b':') && digits(j + 1) == 2 {
            j += 3;
            groups += 1;
        }
        let continues = b.get(j).is_some_and(|&c| c.is_ascii_digit() || c == b':')
            || b.get(j) == Some(&b'.') && b.get(j + 1).is_some_and(u8::is_ascii_digit);
        if first <= 2 && groups >= 1 && !continues {
            out.push(i..j);
        }
        i = j.max(i + 1);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn timestamps_are_clock_times_not_race_times() {
        let t = "0:00:00 Intro 12:08 #1 (01:26) - Chapter 3:30.61 and 10:1 and 123:45";
        let found: Vec<&str> = timestamps(t).into_iter().map(|r| &t[r]).collect();
        assert_eq!(found, ["0:00:00", "12:08", "01:26"]);
    }

    #[test]
    fn chapter_titles_of_a_timestamped_list_are_excluded() {
        let t = "- Prologue (00:00:00)\n- Chapter 1: Snow and Ice (00:01:26)\n\
                 - Epilogue (00:48:47)\n\nHosts: Kris Brandow and Ian Lopshire talk about Apple.";
        let np = NonProse::new(t);
        let at = |w: &str| {
            let s = t.find(w).unwrap();
            np.excludes(t, s, s + w.len())
        };
        assert!(at("Prologue") == Some(Place::Title) && at("Snow").is_some());
        assert!(at("Epilogue").is_some());
        assert!(at("Kris Brandow").is_none() && at("Apple").is_none());
        // Results with times at the ends of their lines are not chapter titles.
        let t = "1. Rolf Sorensen (Denmark) Rabobank 20:36:54\n2. Erik Dekker (Netherlands) \
                 Rabobank 1:16\n3. Maarten den Bakker (Netherlands) TVM 1:33";
        let np = NonProse::new(t);
        let s = t.find("Erik").unwrap();
        assert!(np.excludes(t, s, s + "Erik Dekker".len()).is_none());
        // Fewer than three timestamps: not a chapter list.
        let t = "At 10:30 Boris Johnson met Angela Merkel; at 11:45 they left.";
        let np = NonProse::new(t);
        let s = t.find("Boris").unwrap();
        assert!(np.excludes(t, s, s + "Boris Johnson".len()).is_none());
    }

    #[test]
    fn acronyms_of_terms_are_told_from_acronyms_of_names() {
        let t = "infection by potato virus X (PVX) of plants, and the DICER-like (DCL) proteins; \
                 the Rapid Support Forces (RSF), the Bank of England (BOE) and the CDC (USA)";
        assert_eq!(term_acronyms(t), ["PVX", "DCL"]);
    }

    #[test]
    fn model_and_version_numbers_follow_products() {
        let t = "Borderlands 3 and Swift 6.2. and Edge 1000 but Paris 5th, Leeds 2, Win 10:30";
        let after = |w: &str| {
            let s = t.find(w).unwrap();
            followed_by_number(t, s + w.len())
        };
        assert!(after("Borderlands") && after("Swift") && after("Edge"));
        assert!(!after("Paris") && !after("Leeds") && !after("Win") && !after("but"));
    }

    #[test]
    fn handles_paths_and_file_names_are_excluded() {
        let t = "Fixed by @Peter and #Kagi in /Volumes/Media, see Package.swift (@Apple). \
                 Israel/Gaza talks, said Peter. AWS_SECRET_ACCESS_KEY: x";
        let np = NonProse::new(t);
        let at = |w: &str, nth: usize| {
            let s = t.match_indices(w).nth(nth).unwrap().0;
            np.excludes(t, s, s + w.len()).is_some()
        };
        assert!(at("Peter", 0) && at("Kagi", 0) && at("Volumes", 0));
        assert!(at("swift", 0) && at("Apple", 0) && at("AWS", 0));
        assert!(!at("Israel", 0) && !at("Peter", 1));
        let t = "tax-free regime.India shall";
        let s = t.find("India").unwrap();
        assert!(NonProse::new(t).excludes(t, s, s + 5).is_none());
    }
}
