//! Word and sentence splitting for the entity tagger.
//!
//! The tagger was trained on CoNLL-style tokens, so this tokenizer aims at the same
//! conventions: hyphenated names (`Osmani-Sadriu`), dotted acronyms (`U.S.`), names with an
//! apostrophe (`O'Brien`) and numbers (`1,200.50`) stay whole, while the possessive `'s` and
//! punctuation become tokens of their own. Offsets count Unicode scalar values (Rust
//! `char`s), end exclusive, so they can be reported against the original text. Curly quotes
//! are folded to straight ones in [`Token::norm`] only; the offsets always refer to the input.
//!
//! Pure functions, no I/O, no global state.

use std::borrow::Cow;
use std::ops::Range;

/// One token of the input.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token<'a> {
    /// The token exactly as it appears in the input.
    pub text: &'a str,
    /// The token with curly quotes folded to straight ones; what features are computed from.
    pub norm: Cow<'a, str>,
    /// Offset of the first char, in chars from the start of the input.
    pub start: usize,
    /// Offset one past the last char, in chars.
    pub end: usize,
    /// True when a line break separates this token from the previous one.
    pub line_break_before: bool,
}

/// Abbreviations that keep their trailing full stop and never end a sentence (titles, months ...).
const TITLE_ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "prof", "gen", "col", "lt", "sgt", "capt", "maj", "cmdr", "adm",
    "gov", "sen", "rep", "rev", "st", "mt", "ft", "no", "nos", "vs", "fig", "jan", "feb", "mar",
    "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "pres", "supt", "insp", "cpl",
    "pvt", "hon", "messrs", "mme", "mlle", "brig", "approx", "dept", "est", "op", "ca",
];

/// Abbreviations that keep their trailing full stop but may end a sentence.
const FINAL_ABBREVIATIONS: &[&str] =
    &["inc", "ltd", "co", "corp", "jr", "sr", "etc", "bros", "plc"];

/// Words that, capitalised after an abbreviation such as `U.S.`, show that a new sentence began.
const SENTENCE_STARTERS: &[&str] = &[
    "the",
    "a",
    "an",
    "he",
    "she",
    "it",
    "they",
    "we",
    "i",
    "you",
    "this",
    "that",
    "these",
    "those",
    "but",
    "and",
    "in",
    "on",
    "at",
    "there",
    "his",
    "her",
    "its",
    "their",
    "our",
    "if",
    "when",
    "while",
    "after",
    "before",
    "as",
    "for",
    "however",
    "meanwhile",
    "yet",
    "so",
];

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || is_combining(c)
}

fn is_combining(c: char) -> bool {
    matches!(c, '\u{0300}'..='\u{036F}' | '\u{1AB0}'..='\u{1AFF}' | '\u{20D0}'..='\u{20FF}')
}

/// Invisible format characters that publishers put inside words: the soft hyphen (a
/// hyphenation hint, "Palest\u{ad}inian"), zero-width space, non-joiner and joiner, word joiner
/// and a stray byte-order mark. Inside a word they are kept in the token and dropped from
/// [`Token::norm`].
pub fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{00AD}' | '\u{200B}'..='\u{200D}' | '\u{2060}' | '\u{FEFF}'
    )
}

fn is_apostrophe(c: char) -> bool {
    c == '\'' || c == '\u{2019}'
}

/// Folds curly quotes and apostrophes to their ASCII forms and drops invisible format
/// characters, borrowing when there is nothing to change.
pub fn fold_quotes(s: &str) -> Cow<'_, str> {
    if !s.chars().any(|c| {
        is_invisible(c)
            || matches!(
                c,
                '\u{2018}'
                    | '\u{2019}'
                    | '\u{201A}'
                    | '\u{201B}'
                    | '\u{201C}'
                    | '\u{201D}'
                    | '\u{201E}'
                    | '\u{201F}'
                    | '\u{00AB}'
                    | '\u{00BB}'
            )
    }) {
        return Cow::Borrowed(s);
    }
    Cow::Owned(
        s.chars()
            .filter(|&c| !is_invisible(c))
            .map(|c| match c {
                '\u{2018}' | '\u{2019}' | '\u{201A}' | '\u{201B}' => '\'',
                '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{201F}' | '\u{00AB}' | '\u{00BB}' => '"',
                other => other,
            })
            .collect(),
    )
}

fn in_list(list: &[&str], word: &str) -> bool {
    list.iter().any(|a| a.eq_ignore_ascii_case(word))
}

/// Splits `text` into tokens with char offsets.
pub fn tokenize(text: &str) -> Vec<Token<'_>> {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let n = chars.len();
    let at = |i: usize| -> Option<char> { chars.get(i).map(|&(_, c)| c) };
    let byte = |i: usize| -> usize { chars.get(i).map_or(text.len(), |&(b, _)| b) };
    let mut tokens = Vec::with_capacity(n / 5 + 1);
    let mut line_break = false;
    let mut i = 0;
    while i < n {
        let c = chars[i].1;
        if c.is_whitespace() || is_invisible(c) {
            if c == '\n' || c == '\r' || c == '\u{2028}' || c == '\u{2029}' {
                line_break = true;
            }
            i += 1;
            continue;
        }
        let end = if c.is_alphanumeric() {
            word_end(&chars, i)
        } else if is_apostrophe(c)
            && matches!(at(i + 1), Some('s' | 'S'))
            && !at(i + 2).is_some_and(is_word_char)
        {
            i + 2
        } else if c == '.' || c == '-' || c == '!' || c == '?' {
            // Runs like "...", "--", "?!" stay together.
            let mut j = i + 1;
            while j < n && (chars[j].1 == c || (c == '?' && chars[j].1 == '!')) {
                j += 1;
            }
            j
        } else {
            i + 1
        };
        let slice = &text[byte(i)..byte(end)];
        tokens.push(Token {
            text: slice,
            norm: fold_quotes(slice),
            start: i,
            end,
            line_break_before: line_break,
        });
        line_break = false;
        i = end;
    }
    tokens
}

/// End (exclusive, in chars) of the word that starts at `i`, which is alphanumeric.
fn word_end(chars: &[(usize, char)], i: usize) -> usize {
    let n = chars.len();
    let at = |k: usize| chars.get(k).map(|&(_, c)| c);
    let letter = |k: usize| at(k).is_some_and(char::is_alphabetic);
    // Dotted acronym: two or more "L." pairs (U.S., e.g.).
    let mut j = i;
    let mut pairs = 0;
    while letter(j) && at(j + 1) == Some('.') {
        pairs += 1;
        j += 2;
    }
    if pairs >= 2 {
        // Allow a hyphenated continuation ("U.S.-led").
        if at(j) == Some('-') && at(j + 1).is_some_and(is_word_char) {
            return scan_word(chars, j + 1);
        }
        return j;
    }
    let end = scan_word(chars, i);
    // A title abbreviation, a final abbreviation or a single-letter initial keeps its full stop.
    if at(end) == Some('.') && end < n {
        let word: String = chars[i..end].iter().map(|&(_, c)| c).collect();
        let initial = end - i == 1 && chars[i].1.is_uppercase();
        if initial || in_list(TITLE_ABBREVIATIONS, &word) || in_list(FINAL_ABBREVIATIONS, &word) {
            return end + 1;
        }
    }
    end
}

/// Scans letters and digits with inner hyphens, apostrophes and number separators.
fn scan_word(chars: &[(usize, char)], i: usize) -> usize {
    let n = chars.len();
    let at = |k: usize| chars.get(k).map(|&(_, c)| c);
    let mut j = i;
    while j < n {
        let c = chars[j].1;
        if is_word_char(c) {
            j += 1;
            continue;
        }
        let next_word = at(j + 1).is_some_and(is_word_char);
        if !next_word || j == i {
            break;
        }
        if c == '-' || c == '\u{2011}' || is_invisible(c) {
            j += 1;
        } else if is_apostrophe(c) {
            // The possessive 's is split off; O'Brien stays whole.
            let possessive =
                matches!(at(j + 1), Some('s' | 'S')) && !at(j + 2).is_some_and(is_word_char);
            if possessive {
                break;
            }
            j += 1;
        } else if c == '.'
            && let Some(len) = domain_suffix(chars, j + 1)
        {
            // "Booking.com", "KSL.com": a web address names its site.
            j += 1 + len;
        } else if matches!(c, '.' | ',' | ':' | '/')
            && chars[j - 1].1.is_ascii_digit()
            && at(j + 1).is_some_and(|d| d.is_ascii_digit())
        {
            j += 1;
        } else {
            break;
        }
    }
    j
}

/// Top-level domains that make `Name.com` one token.
const DOMAINS: &[&str] = &[
    "com", "org", "net", "io", "ai", "co", "gov", "edu", "uk", "news", "tv", "app", "info",
];

/// Length in chars of a known top-level domain starting at `i`, if a word does not go on after it.
fn domain_suffix(chars: &[(usize, char)], i: usize) -> Option<usize> {
    let word: String = chars[i.min(chars.len())..]
        .iter()
        .map(|&(_, c)| c)
        .take_while(|c| c.is_ascii_lowercase())
        .take(5)
        .collect();
    let n = word.chars().count();
    let next = chars.get(i + n).map(|&(_, c)| c);
    (DOMAINS.contains(&word.as_str()) && !next.is_some_and(is_word_char)).then_some(n)
}

fn is_sentence_final(norm: &str) -> bool {
    !norm.is_empty() && norm.chars().all(|c| matches!(c, '.' | '!' | '?')) && norm != "-"
}

fn is_closing(norm: &str) -> bool {
    matches!(norm, "\"" | "'" | ")" | "]" | "}")
}

/// Token index ranges of the sentences of `tokens`.
///
/// A sentence ends at `.`, `!` or `?` (with any closing quotes or brackets after it), and a
/// line break always starts a new one. Abbreviations such as `Mr.`, `Gen.` or `Jan.` and
/// initials (`J.`) never end a sentence; `U.S.`, `Inc.` or `etc.` end one only when a typical
/// sentence opener (`The`, `He` ...) follows.
pub fn sentences(tokens: &[Token<'_>]) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut i = 0;
    while i < tokens.len() {
        if i > start && tokens[i].line_break_before {
            out.push(start..i);
            start = i;
        }
        let norm: &str = &tokens[i].norm;
        let mut end_here = is_sentence_final(norm);
        if !end_here && norm.len() > 1 && norm.ends_with('.') {
            let stem = &norm[..norm.len() - 1];
            let acronym = stem.contains('.');
            if acronym || in_list(FINAL_ABBREVIATIONS, stem) {
                end_here = tokens.get(i + 1).is_some_and(|t| {
                    t.norm.chars().next().is_some_and(char::is_uppercase)
                        && in_list(SENTENCE_STARTERS, &t.norm)
                });
            }
        }
        i += 1;
        if end_here {
            while i < tokens.len() && is_closing(&tokens[i].norm) && !tokens[i].line_break_before {
                i += 1;
            }
            out.push(start..i);
            start = i;
        }
    }
    if start < tokens.len() {
        out.push(start..tokens.len());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<String> {
        tokenize(text).iter().map(|t| t.text.to_string()).collect()
    }

    #[test]
    fn keeps_hyphenated_names_and_compounds_whole() {
        assert_eq!(
            words("Vjosa Osmani-Sadriu sent an e-mail."),
            ["Vjosa", "Osmani-Sadriu", "sent", "an", "e-mail", "."]
        );
    }

    #[test]
    fn keeps_dotted_acronyms_and_splits_the_final_stop() {
        assert_eq!(
            words("the U.S. and U.K. said"),
            ["the", "U.S.", "and", "U.K.", "said"]
        );
        assert_eq!(words("U.S.-led troops"), ["U.S.-led", "troops"]);
        assert_eq!(words("He left."), ["He", "left", "."]);
    }

    #[test]
    fn keeps_apostrophe_names_and_splits_possessives() {
        assert_eq!(
            words("O'Brien met NATO's chief"),
            ["O'Brien", "met", "NATO", "'s", "chief"]
        );
        assert_eq!(
            words("Kosovo\u{2019}s President"),
            ["Kosovo", "\u{2019}s", "President"]
        );
    }

    #[test]
    fn folds_curly_quotes_for_features_only() {
        let toks = tokenize("Kosovo\u{2019}s \u{201C}clear\u{201D}");
        let norms: Vec<&str> = toks.iter().map(|t| t.norm.as_ref()).collect();
        assert_eq!(norms, ["Kosovo", "'s", "\"", "clear", "\""]);
        assert_eq!(toks[1].text, "\u{2019}s");
    }

    #[test]
    fn soft_hyphens_and_zero_width_characters_stay_inside_words() {
        let text = "the Palest\u{ad}inian Authority and\u{200b} Hamas";
        let toks = tokenize(text);
        assert_eq!(
            words(text),
            ["the", "Palest\u{ad}inian", "Authority", "and", "Hamas"]
        );
        assert_eq!(toks[1].norm, "Palestinian");
        assert_eq!((toks[1].start, toks[1].end), (4, 16));
        assert_eq!((toks[4].start, toks[4].end), (32, 37));
    }

    #[test]
    fn keeps_web_addresses_whole() {
        assert_eq!(
            words("Booking.com and KSL.com said.Then"),
            ["Booking.com", "and", "KSL.com", "said", ".", "Then"]
        );
        assert_eq!(words("on Time.com."), ["on", "Time.com", "."]);
    }

    #[test]
    fn keeps_diacritics_and_counts_chars_not_bytes() {
        let text = "Vučić, Kurti";
        let toks = tokenize(text);
        assert_eq!(toks[0].text, "Vučić");
        assert_eq!((toks[0].start, toks[0].end), (0, 5));
        assert_eq!((toks[1].start, toks[1].end), (5, 6));
        assert_eq!((toks[2].start, toks[2].end), (7, 12));
        let chars: Vec<char> = text.chars().collect();
        let back: String = chars[toks[2].start..toks[2].end].iter().collect();
        assert_eq!(back, "Kurti");
    }

    #[test]
    fn keeps_numbers_whole() {
        assert_eq!(
            words("paid $1,200.50 on 07.09.2023 at 10:30, then 5."),
            [
                "paid",
                "$",
                "1,200.50",
                "on",
                "07.09.2023",
                "at",
                "10:30",
                ",",
                "then",
                "5",
                "."
            ]
        );
    }

    #[test]
    fn splits_punctuation() {
        assert_eq!(
            words("(KFOR) is \"bad\"; no?!"),
            ["(", "KFOR", ")", "is", "\"", "bad", "\"", ";", "no", "?!"]
        );
    }

    fn sentence_texts(text: &str) -> Vec<String> {
        let toks = tokenize(text);
        sentences(&toks)
            .into_iter()
            .map(|r| toks[r].iter().map(|t| t.text).collect::<Vec<_>>().join(" "))
            .collect()
    }

    #[test]
    fn sentence_split_knows_abbreviations_and_initials() {
        let s = sentence_texts(
            "Mr. Smith met Gen. J. R. Allen on Jan. 5. Dr. Who left. He said \"yes.\" Then more.",
        );
        assert_eq!(
            s,
            [
                "Mr. Smith met Gen. J. R. Allen on Jan. 5 .",
                "Dr. Who left .",
                "He said \" yes . \"",
                "Then more ."
            ]
        );
    }

    #[test]
    fn sentence_split_after_acronym_only_before_an_opener() {
        let s = sentence_texts("He lives in the U.S. The weather is fine. The U.S. Army came.");
        assert_eq!(
            s,
            [
                "He lives in the U.S.",
                "The weather is fine .",
                "The U.S. Army came ."
            ]
        );
    }

    #[test]
    fn line_breaks_end_sentences() {
        let s = sentence_texts("Headline here\n\nBody text starts");
        assert_eq!(s, ["Headline here", "Body text starts"]);
        let toks = tokenize("a\nb");
        assert!(toks[1].line_break_before && !toks[0].line_break_before);
    }
}
