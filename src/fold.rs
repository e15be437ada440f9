//! The one folding of names and search text: what makes "Vučić", "VUCIC" and "vucic" equal.
//!
//! Why it exists: the gazetteer keys (built by `scripts/build_gazetteers.py` with the same
//! rules), the entity tagger's consistency pass, the resolver's entity keys, the names the
//! store keeps and the query language's `person:`/`feed:`/`tag:` terms must all fold alike,
//! or a name found in one place is missed in another (a stored "O’Brien" against a typed
//! "O'Brien").
//!
//! What it must not do: import anything of ours (query and extract both use it), allocate
//! more than the one output string, or fold differently from the build script.

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

/// Folds a name for case- and accent-insensitive comparison: NFKD, combining marks dropped,
/// lower-cased, letters that keep no base letter under NFKD mapped to their usual Latin
/// spelling (đ, ð → d; ł, ŀ → l; ø → o; ß → ss; æ → ae; œ → oe; ı → i; þ → th; ħ → h;
/// ŧ → t; ĸ → k), curly and modifier apostrophes and the backtick made `'`, the Unicode
/// hyphens U+2010 to U+2013 made `-`, and runs of white space made one space, trimmed.
///
/// `fold("  Aleksandar VUČIĆ ") == "aleksandar vucic"`, `fold("O’Brien") == "o'brien"`.
pub fn fold(text: &str) -> String {
    if text.is_ascii() {
        fold_ascii(text)
    } else {
        fold_unicode(text)
    }
}

/// [`fold`] of any text, through NFKD.
fn fold_unicode(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut space = false;
    for c in text.nfkd() {
        if is_combining_mark(c) {
            continue;
        }
        if c.is_whitespace() {
            space = !out.is_empty();
            continue;
        }
        if space {
            out.push(' ');
            space = false;
        }
        for low in c.to_lowercase() {
            match special_letter(low) {
                Some(rep) => out.push_str(rep),
                None => out.push(low),
            }
        }
    }
    out
}

/// [`fold`] of an ASCII text, byte by byte: NFKD leaves ASCII as it is and it has no
/// combining marks, so what remains is lower case, the backtick and the white space (most
/// names and words are ASCII; the Unicode path costs several times more per char).
fn fold_ascii(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut space = false;
    for c in text.chars() {
        if c.is_whitespace() {
            space = !out.is_empty();
            continue;
        }
        if space {
            out.push(' ');
            space = false;
        }
        out.push(match c {
            '`' => '\'',
            c => c.to_ascii_lowercase(),
        });
    }
    out
}

/// Letters that keep no base letter under NFKD, and punctuation with a plain ASCII twin,
/// mapped to their usual spelling (lower-case input).
fn special_letter(c: char) -> Option<&'static str> {
    Some(match c {
        'đ' | 'ð' => "d",
        'ł' | 'ŀ' => "l",
        'ø' => "o",
        'ß' => "ss",
        'æ' => "ae",
        'œ' => "oe",
        'ı' => "i",
        'þ' => "th",
        'ħ' => "h",
        'ŧ' => "t",
        'ĸ' => "k",
        '\u{2018}' | '\u{2019}' | '\u{02bc}' | '\u{02bb}' | '`' => "'",
        '\u{2010}'..='\u{2013}' => "-",
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strips_case_diacritics_and_special_letters() {
        assert_eq!(fold("Vučić"), "vucic");
        assert_eq!(fold("Đoković"), "dokovic");
        assert_eq!(fold("Łódź"), "lodz");
        assert_eq!(fold("São Paulo"), "sao paulo");
        assert_eq!(fold("Søren Æbeløe"), "soren aebeloe");
        assert_eq!(fold("Straße"), "strasse");
        assert_eq!(fold("ẞ"), "ss");
        assert_eq!(fold("Œuvre"), "oeuvre");
        assert_eq!(fold("Diyarbakır"), "diyarbakir");
        assert_eq!(fold("İstanbul"), "istanbul");
        assert_eq!(fold("Þórður"), "thordur");
        assert_eq!(fold("Ελλάδα"), "ελλαδα");
        assert_eq!(fold("Zürich"), fold("ZURICH"));
        assert_ne!(fold("Paris"), fold("Parma"));
    }

    #[test]
    fn white_space_is_collapsed_and_trimmed() {
        assert_eq!(fold("  New \t York "), "new york");
        assert_eq!(fold("  Aleksandar   VUČIĆ "), "aleksandar vucic");
        assert_eq!(fold("New\u{a0}York"), "new york");
        assert_eq!(fold(" \n "), "");
    }

    #[test]
    fn apostrophes_hyphens_and_compatibility_forms_have_one_spelling() {
        assert_eq!(fold("O’Brien"), "o'brien");
        assert_eq!(fold("O'Brien"), "o'brien");
        assert_eq!(fold("Hawai\u{02bb}i"), "hawai'i");
        assert_eq!(fold("Kosiniak\u{2010}Kamysz"), "kosiniak-kamysz");
        assert_eq!(fold("ﬁnance"), "finance");
    }

    #[test]
    fn the_ascii_path_folds_like_the_unicode_path() {
        // Every ASCII char, alone and between letters and spaces, through both paths.
        for b in 0u8..=127 {
            let c = char::from(b);
            for s in [
                c.to_string(),
                format!(" A{c}b{c}{c}C "),
                format!("{c} x\t{c}"),
            ] {
                assert_eq!(fold_ascii(&s), fold_unicode(&s), "{b}");
            }
        }
        assert_eq!(
            fold("  Jens `Stoltenberg`\t\x0b NATO "),
            "jens 'stoltenberg' nato"
        );
    }

    #[test]
    fn folding_is_idempotent() {
        for s in [
            "Vučić",
            "O’Brien",
            "  Łódź  Œuvre ",
            "Þórður\u{2011}x",
            "ﬁ ǅ ½",
        ] {
            let once = fold(s);
            assert_eq!(fold(&once), once, "{s}");
        }
    }
}
