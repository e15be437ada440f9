//! Photo credits in article text: lines such as "JIM WATSON/AFP/Getty Images" or "Photo:
//! Jane Doe". They are part of what a page shows (and of what Readability keeps), so
//! extraction leaves them in the text; but they are not prose, and the names in them are
//! not the article's people (in capitals, a photographer reads as a person to the tagger).
//! [`credit_spans`] finds them so the entity extractor skips them.

use std::ops::Range;

/// News agencies and picture libraries as credits name them after a slash.
const AGENCIES: &[&str] = &[
    "afp",
    "alamy",
    "anadolu",
    "ap",
    "ap photo",
    "associated press",
    "bloomberg",
    "dpa",
    "epa",
    "getty",
    "getty images",
    "pa",
    "pa images",
    "pa wire",
    "reuters",
    "shutterstock",
    "xinhua",
];

/// Words that open a credit.
const OPENERS: &[&str] = &[
    "photo:",
    "photos:",
    "photograph:",
    "image:",
    "picture:",
    "credit:",
    "photo credit",
    "image credit",
];

/// The longest credit, in characters.
const MAX_CHARS: usize = 120;

/// Whether `text` (a line, a sentence or a parenthesis) reads like a credit: opened by
/// "Photo:", "Photo credit" and the like, or names and an agency or picture library joined
/// by slashes ("JIM WATSON/AFP/Getty Images", "/ AFP / JIM WATSON"), each part a name
/// (initials allowed), not a sentence. "A Reuters/Ipsos poll found ..." is not one.
pub fn reads_like_credit(text: &str) -> bool {
    let text = text.trim_matches(|c: char| c == '(' || c == ')' || c.is_whitespace());
    if text.is_empty() || text.chars().count() > MAX_CHARS {
        return false;
    }
    let lower = text.to_lowercase();
    if OPENERS.iter().any(|o| lower.starts_with(o)) {
        return true;
    }
    // Each part as written (names are capitalised), and lower-cased to match agencies.
    let parts: Vec<&str> = text
        .split('/')
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .collect();
    let agency = |part: &&str| {
        let p = part.to_lowercase();
        AGENCIES.contains(&p.as_str())
            || p.ends_with(" via getty images")
            || p.ends_with(" getty images")
    };
    parts.len() >= 2
        && text.contains('/')
        && !text.ends_with('.')
        && parts.iter().all(|p| agency(p) || name_like(p))
        && parts.iter().any(agency)
}

/// Small words that sit inside names and credits without a capital.
const PARTICLES: &[&str] = &[
    "da", "de", "der", "di", "for", "la", "le", "of", "van", "via", "von",
];

/// A name as credits write it: at most five words, each capitalised (or a particle), none
/// ending a sentence or clause (initials such as "J." are fine).
fn name_like(part: &str) -> bool {
    let words: Vec<&str> = part.split_whitespace().collect();
    !words.is_empty()
        && words.len() <= 5
        && words.iter().all(|w| {
            let capital = w
                .chars()
                .next()
                .is_some_and(|c| c.is_uppercase() || c.is_numeric());
            (capital || PARTICLES.contains(w))
                && (!w.ends_with(['.', ',', ':', ';']) || w.chars().count() <= 2)
        })
}

/// The credits in `text`, as ranges of char offsets (the offsets entity mentions use): each
/// line, sentence or parenthesis that reads like one ("The hall on Tuesday. Jane
/// Doe/Reuters"; "... on November 9, 2016. / AFP / JIM WATSON (Photo credit should read JIM
/// WATSON/AFP/Getty Images)").
pub fn credit_spans(text: &str) -> Vec<Range<usize>> {
    let mut spans = Vec::new();
    let mut start = 0;
    for line in text.split('\n') {
        let chars: Vec<char> = line.chars().collect();
        if reads_like_credit(line) {
            spans.push(start..start + chars.len());
        } else {
            for piece in pieces(&chars) {
                let piece_text: String = chars[piece.clone()].iter().collect();
                if reads_like_credit(&piece_text) {
                    spans.push(start + piece.start..start + piece.end);
                }
            }
        }
        start += chars.len() + 1;
    }
    spans
}

/// A line cut into sentences and parentheses, as char ranges.
fn pieces(chars: &[char]) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut from = 0;
    for (i, &c) in chars.iter().enumerate() {
        let end_of_sentence =
            matches!(c, '.' | '?' | '!') && chars.get(i + 1).is_some_and(|n| n.is_whitespace());
        if c == '(' {
            out.push(from..i);
            from = i;
        } else if c == ')' || end_of_sentence {
            out.push(from..i + 1);
            from = i + 1;
        }
    }
    out.push(from..chars.len());
    out.retain(|r| !r.is_empty());
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn credits_read_as_credits_and_prose_does_not() {
        for credit in [
            "JIM WATSON/AFP/Getty Images",
            "Jane Doe / Reuters",
            "(J. Scott Applewhite/AP)",
            "Photo: Jane Doe",
            "Credit: Doug Mills/The New York Times",
            "Chip Somodevilla/Getty Images",
            "Win McNamee via Getty Images/Getty",
        ] {
            assert!(reads_like_credit(credit), "{credit}");
        }
        for prose in [
            "A poll by Reuters/Ipsos found that most residents back the plan.",
            "Reuters/Ipsos polls are weekly",
            "The minister said on Tuesday that the talks had failed, AFP reported.",
            "and/or",
            "Supporters cheer in New York on November 9, 2016. / AFP / JIM WATSON",
            "",
        ] {
            assert!(!reads_like_credit(prose), "{prose}");
        }
    }

    #[test]
    fn spans_are_char_offsets_of_credit_lines_and_trailing_credits() {
        let text = "Café owners met.\nJIM WATSON/AFP/Getty Images\nThe hall on Tuesday. Jane \
                    Doe/Reuters\nCrowds in New York on November 9, 2016. / AFP / JIM WATSON (Photo \
                    credit should read JIM WATSON/AFP/Getty Images)";
        let spans = credit_spans(text);
        let chars: Vec<char> = text.chars().collect();
        let got: Vec<String> = spans
            .iter()
            .map(|r| chars[r.clone()].iter().collect())
            .collect();
        assert_eq!(
            got,
            [
                "JIM WATSON/AFP/Getty Images",
                " Jane Doe/Reuters",
                " / AFP / JIM WATSON ",
                "(Photo credit should read JIM WATSON/AFP/Getty Images)"
            ]
        );
    }
}
