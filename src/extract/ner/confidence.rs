//! How sure the tagger is of a span, and the repairs that use it on text that is not news.
//!
//! Why it exists: on blogs, show notes and release notes most false entities are products,
//! software and companies' product lines that the tagger, trained on news, takes for names
//! ("Kagi Translate" as a person, "Apple TV 4K" as an organisation, "Amiga" as a person). Two
//! signs separate them from names without any list of products:
//! - the tagger's own evidence for the label: a lone word whose label the tagger's local scores
//!   do not prefer ([`margins`]: the label came from its neighbours' transitions or a repair
//!   pass) and that nothing else supports (no gazetteer entry for that kind of name, never part
//!   of a longer name in the text) is a guess;
//! - a company's name followed by words that are not names ("Garmin Vivomove", "Tesla Model
//!   3") is a product of that company: the company alone is the entity.
//!
//! What it must not do: touch a name the gazetteer knows for its label, or a word that is part
//! of a longer name of the same kind in the text ("Giannis" after "Giannis Antetokounmpo").

use std::collections::{HashMap, HashSet};

use super::super::features::{GazInfo, is_function_word};
use super::super::gazetteer::GazFlags;
use super::super::tagger::{Model, N_TAGS};
use super::{Label, capitalised, spans};
use crate::fold::fold;

/// The score of tagging the span `a..b` of a sentence with `tag_of(i)` for each token `i`,
/// from the sentence's emission scores, transitions inside the span included.
fn path_score(
    model: &Model,
    emit: &[i32],
    a: usize,
    b: usize,
    tag_of: impl Fn(usize) -> usize,
) -> i32 {
    let n = emit.len() / N_TAGS;
    let mut s = 0;
    for i in a..b.min(n) {
        s += emit[i * N_TAGS + tag_of(i)];
        if i > a {
            s += model.transition(Some(tag_of(i - 1)), tag_of(i));
        }
    }
    s
}

/// The score of the span `a..b` as one name labelled `label`.
fn as_label(model: &Model, emit: &[i32], a: usize, b: usize, label: Label) -> i32 {
    let begin = usize::from(label.begin_tag());
    path_score(
        model,
        emit,
        a,
        b,
        |i| if i == a { begin } else { begin + 1 },
    )
}

/// The tagger's confidence in the span `a..b` of a sentence labelled `label`: how much better
/// the span scores as `label` than as the best other label with the same boundaries.
pub(super) fn label_margin(model: &Model, emit: &[i32], a: usize, b: usize, label: Label) -> i32 {
    let own = as_label(model, emit, a, b, label);
    let other = [Label::Per, Label::Loc, Label::Org]
        .into_iter()
        .filter(|&l| l != label)
        .map(|l| as_label(model, emit, a, b, l))
        .max()
        .unwrap_or(own);
    own - other
}

/// How much better the span scores as a name labelled `label` than as no name at all (every
/// token `O`, with the emission scores' bias for `O`): below 0 where the label came from a
/// repair pass against the tagger's own scores.
pub(super) fn name_margin(model: &Model, emit: &[i32], a: usize, b: usize, label: Label) -> i32 {
    as_label(model, emit, a, b, label) - path_score(model, emit, a, b, |_| 0)
}

/// Gazetteer flags that support a label for a lone word.
fn support(label: Label) -> GazFlags {
    match label {
        Label::Per => GazFlags(GazFlags::GIVEN_NAME.0 | GazFlags::SURNAME.0 | GazFlags::PERSON.0),
        Label::Loc => GazFlags(
            GazFlags::PLACE.0 | GazFlags::COUNTRY.0 | GazFlags::CAPITAL.0 | GazFlags::CONTINENT.0,
        ),
        Label::Org => GazFlags::ORG,
    }
}

/// Gazetteer flags of a whole known name (not only a given name or a surname, which are words
/// too: "Sharp", "Handy").
const KNOWN: GazFlags = GazFlags(
    GazFlags::PERSON.0
        | GazFlags::ORG.0
        | GazFlags::PLACE.0
        | GazFlags::COUNTRY.0
        | GazFlags::CAPITAL.0
        | GazFlags::CONTINENT.0,
);

/// Gazetteer flags of a word that is a name or part of one (not a product's model name).
const NAME_WORD: GazFlags = GazFlags(
    GazFlags::GIVEN_NAME.0
        | GazFlags::SURNAME.0
        | GazFlags::PERSON.0
        | GazFlags::PLACE.0
        | GazFlags::COUNTRY.0
        | GazFlags::CAPITAL.0
        | GazFlags::CONTINENT.0
        | GazFlags::ORG.0
        | GazFlags::ORG_CUE.0
        | GazFlags::LOC_CUE.0,
);

/// Products named after their company, in place: a brand (see [`brands`]) alone is an
/// organisation, and a span that opens with a company followed by words that are no names
/// ("Garmin Vivomove", "Tesla Model") is cut to the company. Returns the brands.
pub(super) fn products<S: AsRef<str>>(
    sents: &[Vec<S>],
    gaz: &[Vec<GazInfo>],
    tags: &mut [Vec<u8>],
) -> HashSet<String> {
    let brands = brands(sents, gaz, tags);
    for ((s, g), t) in sents.iter().zip(gaz).zip(tags.iter_mut()) {
        for (a, b, _) in spans(t) {
            if b > g.len() || !capitalised(s[a].as_ref()) {
                continue;
            }
            let word_flags = |i: usize| GazFlags(g[i].word);
            let first = fold(s[a].as_ref());
            let brand = brands.contains(&first);
            if b - a == 1 {
                if brand {
                    t[a] = Label::Org.begin_tag();
                }
                continue;
            }
            // A company's product: the company, then words that are no names.
            // Not a word that is an organisation on its own elsewhere in the text: that is
            // often the short form of the whole name ("Relay" for "Relay FM").
            let company = brand || word_flags(a).contains(GazFlags::ORG);
            let product = (a + 1..b).all(|i| !name_word(&g[i]));
            if company && product && !word_flags(a).contains(GazFlags::GIVEN_NAME) {
                t[a] = Label::Org.begin_tag();
                t[a + 1..b].iter_mut().for_each(|x| *x = 0);
            }
        }
    }
    brands
}

/// Drops the tagger's guesses, in place, in a text that is not news (brands excepted): a
/// name that scores below no name at all ([`name_margin`] below 0) and that the gazetteer
/// does not know; a lone word whose label the tagger's local scores do not prefer
/// ([`label_margin`] below 0), that the gazetteer does not know as that kind of name and that
/// is no part of a longer name of that kind in the text.
pub(super) fn drop_guesses<S: AsRef<str>>(
    model: &Model,
    sents: &[Vec<S>],
    gaz: &[Vec<GazInfo>],
    emits: &[Vec<i32>],
    brands: &HashSet<String>,
    tags: &mut [Vec<u8>],
) {
    let in_longer = names(sents, tags);
    for (((s, g), emit), t) in sents.iter().zip(gaz).zip(emits).zip(tags.iter_mut()) {
        for (a, b, label) in spans(t) {
            if b > g.len() || brands.contains(&fold(s[a].as_ref())) {
                continue;
            }
            // A name the tagger's scores put below no name at all, that the gazetteer does not
            // know: a repair pass spread it there ("Sharp Tech" after "Andrew Sharp").
            let known = if b - a == 1 {
                GazFlags(g[a].word).intersects(KNOWN)
            } else {
                g[a].phrase != 0
            };
            if name_margin(model, emit, a, b, label) < 0 && !known {
                t[a..b].iter_mut().for_each(|x| *x = 0);
                continue;
            }
            if b - a != 1 {
                continue;
            }
            let guess = label_margin(model, emit, a, b, label) < 0
                && !GazFlags(g[a].word).intersects(support(label))
                && !in_longer.contains(&(fold(s[a].as_ref()), label));
            if guess {
                t[a] = 0;
            }
        }
    }
}

/// Whether a token is a name or part of one by the gazetteer (not a product's model name).
fn name_word(g: &GazInfo) -> bool {
    GazFlags(g.word).intersects(NAME_WORD) || g.phrase != 0
}

/// The words (folded) of multi-word names, with their labels.
fn names<S: AsRef<str>>(sents: &[Vec<S>], tags: &[Vec<u8>]) -> HashSet<(String, Label)> {
    let mut in_longer = HashSet::new();
    for (s, t) in sents.iter().zip(tags) {
        for (a, b, label) in spans(t) {
            if b - a >= 2 {
                in_longer.extend(s[a..b].iter().map(|w| (fold(w.as_ref()), label)));
            }
        }
    }
    in_longer
}

/// Brands: capitalised words (folded) that open two or more different capitalised pairs whose
/// second word is no name and no function word ("Kagi Translate", "Kagi Maps"; "Garmin
/// Vivomove", "Garmin Chronos"): a company naming its products. A given name is no brand
/// ("John Smith", "John Doe"), nor the last word of a person's name in the text ("Andrew
/// Sharp", whose show is "Sharp Tech").
fn brands<S: AsRef<str>>(
    sents: &[Vec<S>],
    gaz: &[Vec<GazInfo>],
    tags: &[Vec<u8>],
) -> HashSet<String> {
    let surnames: HashSet<String> = sents
        .iter()
        .zip(tags)
        .flat_map(|(s, t)| {
            spans(t)
                .into_iter()
                .filter(|&(a, b, label)| label == Label::Per && b - a >= 2)
                .map(|(_, b, _)| fold(s[b - 1].as_ref()))
        })
        .collect();
    let mut seconds: HashMap<String, HashSet<String>> = HashMap::new();
    for (s, g) in sents.iter().zip(gaz) {
        for i in 0..s.len().min(g.len()).saturating_sub(1) {
            let (w, next) = (s[i].as_ref(), s[i + 1].as_ref());
            let product_word = (capitalised(next)
                || next.starts_with(|c: char| c.is_ascii_digit()))
                && !name_word(&g[i + 1])
                && !is_function_word(next);
            if capitalised(w)
                && w.chars().all(char::is_alphanumeric)
                && product_word
                && !GazFlags(g[i].word).contains(GazFlags::GIVEN_NAME)
            {
                seconds.entry(fold(w)).or_default().insert(fold(next));
            }
        }
    }
    seconds
        .into_iter()
        .filter(|(w, next)| next.len() >= 2 && !surnames.contains(w))
        .map(|(w, _)| w)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::super::{embedded_model, extract_with};
    use super::*;

    fn found(text: &str) -> Vec<(String, Label)> {
        let model = embedded_model().expect("model");
        extract_with(model, text)
            .into_iter()
            .map(|e| (e.text, e.label))
            .collect()
    }

    #[test]
    fn a_company_naming_its_products_is_a_brand_and_no_person() {
        let sents = vec![
            vec!["We", "launched", "Kagi", "Translate", "today"],
            vec!["Kagi", "Maps", "got", "faster"],
            vec!["John", "Smith", "met", "John", "Doe"],
            vec![
                "Andrew", "Sharp", "hosts", "Sharp", "Tech", "and", "Sharp", "China",
            ],
        ];
        let gaz: Vec<Vec<GazInfo>> = sents
            .iter()
            .map(|s| super::super::super::features::gazetteer_info(s))
            .collect();
        let mut tags: Vec<Vec<u8>> = sents.iter().map(|s| vec![0; s.len()]).collect();
        tags[3][0] = Label::Per.begin_tag();
        tags[3][1] = Label::Per.begin_tag() + 1;
        let brands = brands(&sents, &gaz, &tags);
        assert!(brands.contains("kagi"), "{brands:?}");
        assert!(!brands.contains("john"), "{brands:?}");
        assert!(!brands.contains("sharp"), "{brands:?}");
    }

    #[test]
    fn products_are_cut_to_their_company_in_text_that_is_not_news() {
        let text = "I have been testing the new watches for a month now, and you should know \
                    what I think before you buy one. My favourite is the Garmin Vivomove, \
                    though I wore the Garmin Chronos on my runs too; Garmin makes both. I \
                    also tried the Polar Vantage. You can read my earlier review of the \
                    Garmin Venu if you want more detail on how I test things.";
        let found = found(text);
        assert!(
            !found.iter().any(|(t, _)| t.starts_with("Garmin ")),
            "{found:?}"
        );
        assert!(
            found.iter().all(|(t, l)| t != "Garmin" || *l == Label::Org),
            "{found:?}"
        );
    }
}
