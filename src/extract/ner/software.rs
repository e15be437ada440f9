//! Software in technical text: names of programming languages and formats ("Haskell",
//! "Clojure", "LISP"), and whether a text is technical at all.
//!
//! Why it exists: the tagger learnt from news, where a capitalised word that is not a common
//! word is nearly always a name; in a developer's blog the same word is often a language or a
//! tool, and becomes a false person ("Haskell") or place ("Python"). The lexicon is
//! `assets/gazetteer/software.txt`, generated from Pygments' table of lexers
//! (`scripts/build_software_lexicon.py`; origin and licence in `assets/README.md`).
//!
//! What it must not do: drop a name that is also a word, a person's or a place's name
//! ("Swift", "Julia", "Java", "Go") outside a text that shows itself technical; and nothing
//! here looks at labels.

use std::collections::HashSet;
use std::sync::OnceLock;

use super::super::gazetteer::{GazFlags, Gazetteers};
use super::super::tagger::Model;
use super::super::tokenize::Token;

static SOFTWARE: &str = include_str!("../../../assets/gazetteer/software.txt");

/// The fewest signs of technical text (see [`is_technical`]) that make a text technical.
const MIN_SIGNS: usize = 3;

/// Gazetteer flags that make a software name ambiguous: it may be a person, place or
/// organisation ("Swift", "Java", "Dylan").
const NAMES: GazFlags = GazFlags(
    GazFlags::GIVEN_NAME.0
        | GazFlags::SURNAME.0
        | GazFlags::PLACE.0
        | GazFlags::COUNTRY.0
        | GazFlags::CAPITAL.0
        | GazFlags::CONTINENT.0
        | GazFlags::DEMONYM.0
        | GazFlags::ORG.0
        | GazFlags::PERSON.0,
);

struct Lexicon {
    /// Lower-cased names of languages and formats.
    names: HashSet<String>,
    /// Lower-cased extensions of source files ("swift", "clj").
    exts: HashSet<String>,
}

fn lexicon() -> &'static Lexicon {
    static LEXICON: OnceLock<Lexicon> = OnceLock::new();
    LEXICON.get_or_init(|| {
        let mut lex = Lexicon {
            names: HashSet::new(),
            exts: HashSet::new(),
        };
        for line in SOFTWARE.lines().filter(|l| !l.starts_with('#')) {
            match line.split_once('\t') {
                Some(("name", n)) => lex.names.insert(n.to_lowercase()),
                Some(("ext", e)) => lex.exts.insert(e.to_lowercase()),
                _ => false,
            };
        }
        lex
    })
}

/// How a span's text stands to the software lexicon.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Software {
    /// Not a software name.
    No,
    /// A software name that is nothing else ("Haskell", "Clojure").
    Only,
    /// A software name that is also a word or a name ("Swift", "Go", "Java").
    Ambiguous,
}

/// Whether `name` (a whole span or one token) is a software name, and whether it is only that.
pub(super) fn software(model: &Model, name: &str) -> Software {
    let lower = name.to_lowercase();
    if !lexicon().names.contains(&lower) {
        return Software::No;
    }
    let word = !lower.contains(' ') && model.is_common_lower(&lower);
    if word || Gazetteers::embedded().word_flags(name).intersects(NAMES) {
        Software::Ambiguous
    } else {
        Software::Only
    }
}

/// Whether a text is technical: it has at least [`MIN_SIGNS`] of these signs (each occurrence
/// counts): a capitalised software name that is nothing else, a source file name
/// ("Package.swift"), a user handle ("@kdh8219"), an issue number ("#5365"), a version
/// string ([`version`]), a shell prompt at the start of a line.
pub(super) fn is_technical(model: &Model, text: &str, tokens: &[Token<'_>]) -> bool {
    let lex = lexicon();
    let mut signs = text
        .lines()
        .filter(|l| l.trim_start().starts_with("$ "))
        .count();
    for w in text.split_whitespace() {
        let w = w.trim_matches(|c: char| !c.is_alphanumeric() && c != '@' && c != '#');
        let handle = w
            .strip_prefix('@')
            .is_some_and(|h| h.chars().next().is_some_and(char::is_alphanumeric));
        let issue = w
            .strip_prefix('#')
            .is_some_and(|n| n.len() >= 3 && n.chars().all(|c| c.is_ascii_digit()));
        let file = w.rsplit_once('.').is_some_and(|(stem, ext)| {
            !stem.is_empty()
                && stem.chars().all(|c| c.is_alphanumeric() || c == '_')
                && ext.chars().any(char::is_lowercase)
                && lex.exts.contains(ext)
        });
        signs += usize::from(handle || issue || file || version(w));
    }
    signs += tokens
        .iter()
        .filter(|t| {
            t.text.chars().next().is_some_and(char::is_uppercase)
                && software(model, t.text) == Software::Only
        })
        .count();
    signs >= MIN_SIGNS
}

/// Whether a word is a version string: numbers in three or more dotted parts ("3.13.0",
/// "24.04.2"; not a date, "17.02.2026"), or two with letters glued after them ("13.4-RC1",
/// "3.5.0beta1", "2.06s4"). News writes "6.6%" and "$4.5 billion", not these.
fn version(w: &str) -> bool {
    let w = w.strip_prefix('v').unwrap_or(w);
    let numeric = w
        .bytes()
        .take_while(|b| b.is_ascii_digit() || *b == b'.')
        .count();
    let (number, suffix) = w.split_at(numeric);
    let number = number.trim_end_matches('.');
    let parts: Vec<&str> = number.split('.').collect();
    if parts.len() < 2 || parts.iter().any(|p| p.is_empty() || p.len() > 4) {
        return false;
    }
    let date = parts.len() == 3 && parts[2].len() == 4;
    // A pre-release tag: "-RC1", "-beta", "beta1", "s4"; not a unit ("1.5m", "2.5bn").
    let tag = suffix.trim_start_matches('-');
    let letters = tag.bytes().take_while(u8::is_ascii_alphabetic).count();
    let lettered = letters > 0
        && (suffix.starts_with('-') || tag[letters..].starts_with(|c: char| c.is_ascii_digit()));
    !date && (parts.len() >= 3 || lettered && numeric == number.len())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::ner::embedded_model;
    use crate::extract::tokenize::tokenize;

    #[test]
    fn the_lexicon_knows_languages_and_which_are_also_names() {
        let model = embedded_model().expect("model");
        assert_eq!(software(model, "Clojure"), Software::Only);
        // A surname too.
        assert_eq!(software(model, "Haskell"), Software::Ambiguous);
        assert_eq!(software(model, "ClojureScript"), Software::Only);
        assert_eq!(software(model, "LISP"), Software::Only);
        assert_eq!(software(model, "Go"), Software::Ambiguous);
        assert_eq!(software(model, "Swift"), Software::Ambiguous);
        assert_eq!(software(model, "Paris"), Software::No);
    }

    #[test]
    fn technical_text_is_told_from_news() {
        let model = embedded_model().expect("model");
        let tech = "Clojure and LISP both have minimal syntax; see Package.swift.";
        assert!(is_technical(model, tech, &tokenize(tech)));
        let news = "Taylor Swift played in Paris as Emmanuel Macron met Olaf Scholz in Berlin.";
        assert!(!is_technical(model, news, &tokenize(news)));
        let release = "Best served with PostgreSQL 17 RC1 and GEOS 3.13.0; bug fixes since \
                       3.4.3 and 3.5.0beta1.";
        assert!(is_technical(model, release, &tokenize(release)));
        let figures = "Prices rose 6.6% on 17.02.2026, a $4.5 billion loss at 10.30 GMT, up \
                       from 3.2% in 2.5 years.";
        assert!(!is_technical(model, figures, &tokenize(figures)));
    }

    #[test]
    fn version_strings_are_told_from_figures_and_dates() {
        for v in [
            "3.13.0",
            "24.04.2",
            "13.4-RC1",
            "3.5.0beta1",
            "2.06s4",
            "v1.2.3",
        ] {
            assert!(version(v), "{v}");
        }
        for not in [
            "6.6",
            "4.5",
            "17.02.2026",
            "2026",
            "10.30",
            "1.5m",
            "2.5bn",
            "a.b.c",
        ] {
            assert!(!version(not), "{not}");
        }
    }
}
