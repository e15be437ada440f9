//! Resolution: from an article's entity mentions to the people, places and organisations
//! it is about, each with one canonical name, its aliases, its mentions and, for a place,
//! where it is.
//!
//! Why it exists: the tagger finds mentions ("Stoltenberg", "NATO's", "Beograd"); the store,
//! the pane and the map need entities ("Jens Stoltenberg", "North Atlantic Treaty
//! Organization" alias "NATO", Belgrade at 44.8 N 20.5 E). Within one article, a later short
//! form joins the full name it belongs to, spellings with and without diacritics are one, an
//! acronym joins the expansion the article spells out, and a place is geocoded by choosing
//! among the gazetteer's candidates with the article's other places as evidence ("Paris" next
//! to "Texas" is Paris, Texas). Across articles, [`fold_key`] gives the key under which the
//! store merges entities.
//!
//! What it must not do: no I/O and no tagging (it never adds or drops a mention; every
//! mention given ends up in exactly one entity).

use std::collections::{BTreeSet, HashMap, HashSet};

use super::gazetteer::{Gazetteers, Place};
use super::ner::{Entity, Label};
use super::tokenize::is_invisible;

mod orgs;
mod places;
use crate::fold::fold;
use crate::model::EntityKind;
use places::group_places;

/// One mention of an entity: char offsets into the article text (end exclusive) and the
/// text exactly as written there.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mention {
    pub start: usize,
    pub end: usize,
    pub text: String,
}

/// An entity of one article.
#[derive(Debug, Clone, PartialEq)]
pub struct ResolvedEntity {
    pub kind: EntityKind,
    /// The name to show and to store: for a person the longest full name seen (diacritics
    /// kept when any mention had them), for a geocoded place the gazetteer's name, for an
    /// organisation the display name of `org-names.tsv` when it lists one of its forms ("IMF"
    /// -> "International Monetary Fund"), else its longest form (the expansion of an acronym
    /// when the article gives it).
    pub canonical: String,
    /// Other forms seen in the article (possessive stripped, white space normalised), without
    /// the canonical name, in order of first appearance.
    pub aliases: Vec<String>,
    /// Every mention, in text order.
    pub mentions: Vec<Mention>,
    /// The chosen gazetteer place, for a place the gazetteer knows; `None` otherwise.
    pub place: Option<Place>,
}

impl ResolvedEntity {
    /// [`fold_key`] of this entity.
    pub fn key(&self) -> String {
        fold_key(self.kind, &self.canonical)
    }
}

/// The key under which entities of different articles are the same entity, together with
/// the kind: the gazetteer's [`fold`] (case, diacritics, curly apostrophes, white space) of
/// the canonical name, with a possessive and, for places and organisations, a leading "the"
/// dropped. `fold_key(Person, "Aleksandar Vučić") == fold_key(Person, "ALEKSANDAR VUCIC")`.
pub fn fold_key(kind: EntityKind, canonical: &str) -> String {
    let key = fold(&normalise(canonical));
    match kind {
        EntityKind::Place | EntityKind::Org => {
            key.strip_prefix("the ").map(str::to_string).unwrap_or(key)
        }
        EntityKind::Person => key,
    }
}

/// Extracts and resolves the entities of `text` with the embedded model and gazetteers.
pub fn extract_entities(text: &str) -> Vec<ResolvedEntity> {
    let mut mentions = super::ner::extract(text);
    // Photo credits are not prose: the photographer is not one of the article's people.
    let credits = super::credits::credit_spans(text);
    if !credits.is_empty() {
        mentions.retain(|m| !credits.iter().any(|c| m.start < c.end && c.start < m.end));
    }
    resolve(text, &mentions)
}

/// Resolves the mentions `extract` found in `text` with the embedded gazetteers.
pub fn resolve(text: &str, mentions: &[Entity]) -> Vec<ResolvedEntity> {
    resolve_with(Gazetteers::embedded(), text, mentions)
}

/// [`resolve`] with explicit gazetteers. `mentions` carry char offsets into `text` (as
/// [`super::ner::extract`] returns them); the result is ordered by first mention.
pub fn resolve_with(gaz: &Gazetteers, text: &str, mentions: &[Entity]) -> Vec<ResolvedEntity> {
    let mut order: Vec<usize> = (0..mentions.len()).collect();
    order.sort_by_key(|&i| (mentions[i].start, mentions[i].end));
    let mentions: Vec<&Entity> = order.iter().map(|&i| &mentions[i]).collect();
    let gaps = Gaps::new(text, &mentions);

    let mut groups: Vec<Group> = Vec::new();
    let of = |label: Label| -> Vec<usize> {
        (0..mentions.len())
            .filter(|&i| mentions[i].label == label)
            .collect()
    };
    let orgs = of(Label::Org);
    let acronyms = acronym_links(&mentions, &orgs, &gaps);
    groups.extend(group_by_containment(
        &mentions,
        &of(Label::Per),
        EntityKind::Person,
        &HashMap::new(),
    ));
    groups.extend(group_by_containment(
        &mentions,
        &orgs,
        EntityKind::Org,
        &acronyms,
    ));
    let people = of(Label::Per);
    groups.extend(group_places(
        gaz,
        text,
        &mentions,
        &of(Label::Loc),
        &people,
        &gaps,
    ));

    let mut out: Vec<ResolvedEntity> = orgs::name_known(gaz, &mentions, groups)
        .into_iter()
        .map(|(g, known)| {
            let mut idx = g.members;
            idx.sort_unstable();
            let forms = distinct_forms(idx.iter().map(|&i| mentions[i].text.as_str()));
            let canonical = match (&g.place, known) {
                (Some(p), _) => p.name.clone(),
                (None, Some(name)) => name.to_string(),
                (None, None) => canonical_form(&forms),
            };
            ResolvedEntity {
                kind: g.kind,
                aliases: forms.into_iter().filter(|f| *f != canonical).collect(),
                canonical,
                mentions: idx
                    .iter()
                    .map(|&i| Mention {
                        start: mentions[i].start,
                        end: mentions[i].end,
                        text: mentions[i].text.clone(),
                    })
                    .collect(),
                place: g.place,
            }
        })
        .collect();
    out.sort_by_key(|e| e.mentions.first().map(|m| m.start));
    out
}

/// Mention indices that make one entity, before naming.
struct Group {
    kind: EntityKind,
    members: Vec<usize>,
    place: Option<Place>,
}

/// Drops the invisible characters the tokenizer keeps inside words (a soft hyphen in
/// "Palest\u{ad}inian"), collapses white space and drops a possessive `'s`/`’s` (or a bare
/// trailing apostrophe).
fn normalise(s: &str) -> String {
    let visible: String = s.chars().filter(|&c| !is_invisible(c)).collect();
    let joined = visible.split_whitespace().collect::<Vec<_>>().join(" ");
    for suffix in ["'s", "’s", "'S", "’S", "'", "’"] {
        if let Some(stem) = joined.strip_suffix(suffix)
            && !stem.is_empty()
        {
            return stem.trim_end().to_string();
        }
    }
    joined
}

/// Normalised forms in first-seen order, one per exact spelling.
fn distinct_forms<'a>(texts: impl Iterator<Item = &'a str>) -> Vec<String> {
    let mut seen = HashSet::new();
    let mut out = Vec::new();
    for t in texts {
        let n = normalise(t);
        if !n.is_empty() && seen.insert(n.clone()) {
            out.push(n);
        }
    }
    out
}

fn has_lowercase(s: &str) -> bool {
    s.chars().any(char::is_lowercase)
}

fn non_ascii(s: &str) -> usize {
    s.chars().filter(|c| !c.is_ascii()).count()
}

/// The longest form (most words, then most chars; mixed case over ALL CAPS), each word then
/// spelled as its best variant among all forms: mixed case over capitals, then the one with
/// the most diacritics ("VUCIC" / "Vucic" / "Vučić" -> "Vučić").
fn canonical_form(forms: &[String]) -> String {
    let Some(longest) = forms.iter().max_by_key(|f| {
        (
            f.split_whitespace().count(),
            has_lowercase(f),
            f.chars().count(),
            non_ascii(f),
        )
    }) else {
        return String::new();
    };
    let variants: Vec<&str> = forms.iter().flat_map(|f| f.split_whitespace()).collect();
    longest
        .split_whitespace()
        .map(|w| {
            let key = fold(w);
            variants
                .iter()
                .filter(|v| fold(v) == key)
                .max_by_key(|v| (has_lowercase(v), non_ascii(v)))
                .copied()
                .unwrap_or(w)
        })
        .collect::<Vec<_>>()
        .join(" ")
}

const CONNECTORS: &[&str] = &[
    "of", "the", "and", "for", "de", "&", "la", "le", "du", "des",
];

/// Folded words of a normalised form, hyphenated words also split ("Osmani-Sadriu" gives
/// "osmani-sadriu", "osmani", "sadriu"), without connectors.
fn word_keys(form: &str) -> Vec<String> {
    let mut out = Vec::new();
    for w in form.split_whitespace() {
        let k = fold(w);
        if CONNECTORS.contains(&k.as_str()) {
            continue;
        }
        if k.contains('-') {
            out.extend(k.split('-').filter(|p| !p.is_empty()).map(str::to_string));
        }
        out.push(k);
    }
    out
}

#[cfg(test)]
thread_local! {
    /// Groups looked at as candidates by [`group_by_containment`] on this thread: the work a
    /// test can bound without timing it.
    pub(super) static CANDIDATES_CHECKED: std::cell::Cell<usize> =
        const { std::cell::Cell::new(0) };
}

/// Groups person or organisation mentions: longest first, a mention whose words all occur
/// in an existing entity's words joins it ("Stoltenberg" -> "Jens Stoltenberg"); when several
/// entities qualify, the one mentioned last before it wins. `linked` sends a mention straight
/// to the mention it is an acronym of. Indexed by word, so a huge text stays near-linear.
fn group_by_containment(
    mentions: &[&Entity],
    members: &[usize],
    kind: EntityKind,
    linked: &HashMap<usize, usize>,
) -> Vec<Group> {
    let keyed: HashMap<usize, (String, Vec<String>)> = members
        .iter()
        .map(|&i| {
            let form = normalise(&mentions[i].text);
            (i, (fold(&form), word_keys(&form)))
        })
        .collect();
    let mut order: Vec<usize> = members
        .iter()
        .copied()
        .filter(|i| !linked.contains_key(i))
        .collect();
    order.sort_by_key(|&i| {
        let n = keyed.get(&i).map_or(0, |k| k.1.len());
        (std::cmp::Reverse(n), mentions[i].start)
    });
    // Per group: its words, and the starts of its mentions (for "nearest before").
    let mut words: Vec<HashSet<String>> = Vec::new();
    let mut starts: Vec<BTreeSet<usize>> = Vec::new();
    let mut groups: Vec<Group> = Vec::new();
    let mut by_word: HashMap<String, Vec<usize>> = HashMap::new();
    let mut by_form: HashMap<String, usize> = HashMap::new();
    let mut group_of: HashMap<usize, usize> = HashMap::new();
    for i in order {
        let Some((form_key, w)) = keyed.get(&i) else {
            continue;
        };
        let acronym = kind == EntityKind::Org && is_acronym(&normalise(&mentions[i].text));
        let fits: Vec<usize> = if let Some(&g) = by_form.get(form_key) {
            vec![g]
        } else if w.is_empty() || acronym {
            // Acronyms join only an identical spelling (or their expansion via `linked`).
            Vec::new()
        } else {
            let rarest = w
                .iter()
                .map(|k| by_word.get(k).map_or(&[][..], Vec::as_slice))
                .min_by_key(|l| l.len())
                .unwrap_or(&[]);
            #[cfg(test)]
            CANDIDATES_CHECKED.with(|c| c.set(c.get() + rarest.len()));
            rarest
                .iter()
                .copied()
                .filter(|&g| w.iter().all(|k| words[g].contains(k)))
                .collect()
        };
        let start = mentions[i].start;
        let chosen = fits.iter().copied().max_by_key(|&g| {
            // The group mentioned last before this mention; else the first group.
            starts[g]
                .range(..start)
                .next_back()
                .map_or((0, usize::MAX - g), |&s| (1, s))
        });
        let g = match chosen {
            Some(g) => {
                groups[g].members.push(i);
                g
            }
            None => {
                let g = groups.len();
                for k in w {
                    by_word.entry(k.clone()).or_default().push(g);
                }
                words.push(w.iter().cloned().collect());
                starts.push(BTreeSet::new());
                groups.push(Group {
                    kind,
                    members: vec![i],
                    place: None,
                });
                g
            }
        };
        starts[g].insert(start);
        by_form.entry(form_key.clone()).or_insert(g);
        group_of.insert(i, g);
    }
    // Acronyms: the linked mention and every mention spelled like it join the expansion.
    let mut target_of_form: HashMap<String, usize> = HashMap::new();
    for (&acr, &long) in linked {
        if let Some(&g) = group_of.get(&long) {
            target_of_form.insert(fold(&normalise(&mentions[acr].text)), g);
            groups[g].members.push(acr);
        }
    }
    if !target_of_form.is_empty() {
        let mut moved: Vec<(usize, usize)> = Vec::new();
        for group in &mut groups {
            group.members.retain(|&m| {
                let key = keyed.get(&m).map(|k| k.0.as_str()).unwrap_or("");
                match target_of_form.get(key) {
                    Some(&target)
                        if group_of.get(&m) != Some(&target) && !linked.contains_key(&m) =>
                    {
                        moved.push((m, target));
                        false
                    }
                    _ => true,
                }
            });
        }
        for (m, target) in moved {
            groups[target].members.push(m);
        }
    }
    groups.retain(|g| !g.members.is_empty());
    groups
}

/// Two to eight capitals or digits, at least two of them letters ("NATO", "KFOR", "G7").
fn is_acronym(s: &str) -> bool {
    let n = s.chars().count();
    (2..=8).contains(&n)
        && s.chars()
            .all(|c| c.is_uppercase() || c.is_ascii_digit() || c == '&')
        && s.chars().filter(|c| c.is_alphabetic()).count() >= 2
}

/// True when the letters of `acronym` appear in order in `long`, the first being the first
/// letter of `long` ("KFOR" in "Kosovo Force", "NATO" in "North Atlantic Treaty Organization").
fn abbreviates(acronym: &str, long: &str) -> bool {
    let long = fold(long);
    let mut letters = long.chars().filter(|c| c.is_alphanumeric());
    let mut acr = fold(acronym)
        .chars()
        .filter(|c| c.is_alphanumeric())
        .collect::<Vec<_>>()
        .into_iter();
    let Some(first) = acr.next() else {
        return false;
    };
    if letters.next() != Some(first) {
        return false;
    }
    acr.all(|a| letters.any(|l| l == a))
}

/// Acronym mention -> the organisation mention it abbreviates, for the pattern
/// "North Atlantic Treaty Organization (NATO)".
fn acronym_links(mentions: &[&Entity], orgs: &[usize], gaps: &Gaps) -> HashMap<usize, usize> {
    let mut out = HashMap::new();
    for pair in orgs.windows(2) {
        let (long, acr) = (pair[0], pair[1]);
        let acr_text = normalise(&mentions[acr].text);
        let long_text = normalise(&mentions[long].text);
        if acr == long + 1
            && gaps.between(long).trim() == "("
            && gaps.after(acr).starts_with(')')
            && is_acronym(&acr_text)
            && long_text.split_whitespace().count() >= 2
            && abbreviates(&acr_text, &long_text)
        {
            out.insert(acr, long);
        }
    }
    out
}

/// The text between consecutive mentions (and after the last), for apposition and
/// parenthesis patterns, found in one pass over the text.
struct Gaps {
    /// `between[i]`: text from the end of mention `i` to the start of mention `i + 1` (or at
    /// most a few chars after the last mention), capped at 16 chars.
    between: Vec<String>,
}

impl Gaps {
    const CAP: usize = 16;

    fn new(text: &str, mentions: &[&Entity]) -> Gaps {
        let mut between = vec![String::new(); mentions.len()];
        let mut ranges: Vec<(usize, usize, usize)> = (0..mentions.len())
            .map(|i| {
                let from = mentions[i].end;
                let to = mentions
                    .get(i + 1)
                    .map_or(from + Self::CAP, |n| n.start.max(from));
                (from, to.min(from + Self::CAP), i)
            })
            .collect();
        ranges.sort_unstable();
        let mut r = 0;
        for (pos, c) in text.chars().enumerate() {
            while r < ranges.len() && ranges[r].1 <= pos {
                r += 1;
            }
            if r >= ranges.len() {
                break;
            }
            // Ranges are short and ordered by start; few overlap (none for sorted mentions).
            for &(from, to, i) in ranges[r..].iter().take_while(|x| x.0 <= pos) {
                if (from..to).contains(&pos) {
                    between[i].push(c);
                }
            }
        }
        Gaps { between }
    }

    /// Text between mention `i` and mention `i + 1`.
    fn between(&self, i: usize) -> &str {
        self.between.get(i).map_or("", String::as_str)
    }

    /// Text right after mention `i` (up to the next mention).
    fn after(&self, i: usize) -> &str {
        self.between(i)
    }
}

#[cfg(test)]
mod tests;
