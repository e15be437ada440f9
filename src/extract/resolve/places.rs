//! Places: each distinct place name of an article gets one gazetteer place, chosen with the
//! article's other places as evidence, a population prior between towns of one name, and
//! appositions ("Paris, Texas"); buildings named for their institution are placed at the
//! building, an unknown place named after a known one takes its country, and any other
//! unknown place, in an article clearly about one country, takes that country.

use std::collections::{HashMap, HashSet};

use super::super::gazetteer::{GazFlags, Gazetteers, Place, PlaceKind};
use super::super::ner::Entity;
use super::{Gaps, Group, fold_key, normalise};
use crate::fold::fold;
use crate::model::EntityKind;

/// How strongly one other name in the article points at a country.
#[derive(Clone, Copy, PartialEq)]
enum Anchor {
    /// A city or first-level division in one country only ("Atlanta", "Texas").
    Local,
    /// A country, or a demonym ("Serbian").
    National,
}

/// Weight of evidence for a candidate of `kind` from an anchor of level `a`: countries are
/// named in most articles, so they weigh little for choosing a town or a state.
fn weight(kind: PlaceKind, a: Anchor) -> f32 {
    match (kind, a) {
        (PlaceKind::Country, _) | (_, Anchor::Local) => 1.0,
        (_, Anchor::National) => 0.25,
    }
}

/// Groups place mentions by the place chosen for their name (so "Beograd" and "Belgrade"
/// are one) or, when the gazetteer does not know the name, by the folded name.
pub(super) fn group_places(
    gaz: &Gazetteers,
    text: &str,
    mentions: &[&Entity],
    members: &[usize],
    people: &[usize],
    gaps: &Gaps,
) -> Vec<Group> {
    // Distinct names, their candidates and their mentions.
    let mut names: Vec<(String, Vec<Place>, Vec<usize>)> = Vec::new();
    let mut by_key: HashMap<String, usize> = HashMap::new();
    for &i in members {
        let key = fold_key(EntityKind::Place, &mentions[i].text);
        let n = *by_key.entry(key).or_insert_with(|| {
            let form = normalise(&mentions[i].text);
            // A building that names its institution ("the White House said") is that
            // building, never a town sharing its words (Casablanca's alternate names include
            // "White House").
            if let Some(landmark) = gaz.landmark(&form) {
                names.push((fold(&form), vec![landmark], Vec::new()));
                return names.len() - 1;
            }
            let mut cands = gaz.places(&form);
            if cands.is_empty()
                && let Some(rest) = form
                    .strip_prefix("the ")
                    .or_else(|| form.strip_prefix("The "))
            {
                cands = gaz.places(rest);
            }
            // "El-Obeid", "Al-Fashir": transliterations hyphenate an article the gazetteer
            // spells with a space ("El Obeid").
            if cands.is_empty() && form.contains('-') {
                cands = gaz.places(&form.replace('-', " "));
            }
            // "US" in capitals: the gazetteer leaves the key "us" out (the pronoun).
            if cands.is_empty() && form == "US" {
                cands = gaz.places("United States");
            }
            // A US state as news abbreviates it after a town ("Greenville, S.C.", "Petrolia,
            // CA"): the state, never a town whose alternate names include the letters.
            if cands.is_empty()
                && let Some(state) = us_state_abbreviation(&form)
            {
                cands = gaz
                    .places(state)
                    .into_iter()
                    .filter(|c| c.country_code == "US" && c.kind == PlaceKind::Admin)
                    .collect();
            }
            // An unknown place named after a known one ("Northern Italy") is in its country.
            if cands.is_empty()
                && let Some(inside) = inside_known_place(gaz, &form)
            {
                cands.push(inside);
            }
            // A country named exactly is not a province of another country that only carries
            // that country's centre ("Kosovo" listed among Serbia's provinces): choosing the
            // province would move the country's pin to its neighbour's.
            let key = fold(&form);
            if cands
                .iter()
                .any(|c| c.kind == PlaceKind::Country && fold(&c.name) == key)
            {
                cands.retain(|c| c.kind != PlaceKind::Admin || !at_country_centre(gaz, c));
            }
            names.push((key, cands, Vec::new()));
            names.len() - 1
        });
        names[n].2.push(i);
    }

    // Evidence: each name that points at one country, once per name.
    let mut evidence = Evidence::default();
    for (n, (_, cands, _)) in names.iter().enumerate() {
        let Some(first) = cands.first() else { continue };
        if first.country_code.is_empty() {
            continue;
        }
        let one_country = cands.iter().all(|c| c.country_code == first.country_code);
        // A building or a region says which country the story is about, not where its towns
        // are: "the White House said" must not pull Vienna to Virginia.
        let level = match first.kind {
            PlaceKind::Country | PlaceKind::Landmark | PlaceKind::Area | PlaceKind::Inside => {
                Anchor::National
            }
            _ => Anchor::Local,
        };
        if one_country || first.kind == PlaceKind::Country {
            evidence.add(Some(n), &first.country_code, level);
        }
    }
    // People the gazetteer knows point at their country, once each, as a country name does
    // ("Paris" beside "Emmanuel Macron").
    let mut people_seen = HashSet::new();
    for &i in people {
        let name = normalise(&mentions[i].text);
        if let Some(cc) = gaz.person_country(&name)
            && people_seen.insert(fold(&name))
        {
            evidence.add(None, cc, Anchor::National);
        }
    }
    let mut demonyms_seen = HashSet::new();
    for word in text
        .split(|c: char| !c.is_alphanumeric() && c != '-')
        .filter(|w| w.chars().next().is_some_and(char::is_uppercase))
    {
        if let Some(cc) = gaz.demonym_country(word)
            && gaz.places(word).is_empty()
            && demonyms_seen.insert(fold(word))
        {
            evidence.add(None, cc, Anchor::National);
        }
    }

    // Appositions: "Paris, Texas" points Paris at the US, strongly.
    let mut apposition: HashMap<usize, Vec<(usize, Place)>> = HashMap::new();
    let name_of: HashMap<usize, usize> = names
        .iter()
        .enumerate()
        .flat_map(|(n, (_, _, ms))| ms.iter().map(move |&m| (m, n)))
        .collect();
    for (&m, &n) in &name_of {
        let next = m + 1;
        if let Some(&nn) = name_of.get(&next)
            && nn != n
            && gaps.between(m).trim() == ","
            && let Some(first) = names[nn].1.first()
            && !first.country_code.is_empty()
            && matches!(first.kind, PlaceKind::Country | PlaceKind::Admin)
        {
            apposition.entry(n).or_default().push((m, first.clone()));
        }
    }
    // In text order, so that the first apposition is the same on every run.
    let apposition: HashMap<usize, Vec<Place>> = apposition
        .into_iter()
        .map(|(n, mut v)| {
            v.sort_by_key(|(m, _)| *m);
            (n, v.into_iter().map(|(_, p)| p).collect())
        })
        .collect();

    // A place no gazetteer here knows (a small town, a mosque, a ministry's compound) is, in
    // an article that is clearly about one country, in that country.
    let context = evidence.dominant().and_then(|cc| country_place(gaz, cc));

    let mut groups: Vec<Group> = Vec::new();
    let mut place_group: HashMap<(String, String, i64, i64), usize> = HashMap::new();
    for (n, (key, cands, ms)) in names.into_iter().enumerate() {
        let apposed = apposition.get(&n).map(Vec::as_slice).unwrap_or(&[]);
        let appos: Vec<String> = apposed.iter().map(|p| p.country_code.clone()).collect();
        let mut chosen = choose(&key, &cands, n, &evidence, &appos);
        // "Cook County, Illinois": a town or area the apposition puts in a state or country
        // where the gazetteer knows no place of its name is there all the same, not in a
        // far-away namesake ("Cook" in the Cook Islands).
        if let Some(there) = apposed.first()
            && cands
                .iter()
                .all(|c| matches!(c.kind, PlaceKind::City | PlaceKind::Inside))
            && chosen
                .as_ref()
                .is_none_or(|p| p.country_code != there.country_code)
            && let Some(&first) = ms.first()
        {
            let form = normalise(&mentions[first].text);
            if in_one_country(&form) {
                chosen = Some(Place {
                    name: form,
                    kind: PlaceKind::Inside,
                    population: 0,
                    ..there.clone()
                });
            }
        }
        // A guess from a name's words, or a small town that merely lists the name among its
        // alternate names, in a country the article never points at, while the article is
        // clearly about another: an unknown place of that other country ("Ninety Mile Beach"
        // in a story about New Zealand is not in Mile, Yunnan).
        if apposed.is_empty()
            && let (Some(country), Some(p)) = (&context, &chosen)
            && !p.country_code.is_empty()
            && p.country_code != country.country_code
            && (p.kind == PlaceKind::Inside
                || (p.kind == PlaceKind::City
                    && fold(&p.name) != key
                    && p.population < WEAK_TOWN_POPULATION))
            && evidence.support(n, p) == 0.0
            && let Some(&first) = ms.first()
        {
            let form = normalise(&mentions[first].text);
            if in_one_country(&form) {
                chosen = Some(Place {
                    name: form,
                    kind: PlaceKind::Inside,
                    population: 0,
                    ..country.clone()
                });
            }
        }
        if chosen.is_none()
            && cands.is_empty()
            && let Some(country) = &context
            && let Some(&first) = ms.first()
        {
            let form = normalise(&mentions[first].text);
            if in_one_country(&form) {
                chosen = Some(Place {
                    name: form,
                    kind: PlaceKind::Inside,
                    population: 0,
                    ..country.clone()
                });
            }
        }
        match chosen {
            Some(p) => {
                let id = (
                    p.name.clone(),
                    p.country_code.clone(),
                    (p.lat * 1000.0) as i64,
                    (p.lon * 1000.0) as i64,
                );
                match place_group.get(&id) {
                    Some(&g) => groups[g].members.extend(ms),
                    None => {
                        place_group.insert(id, groups.len());
                        groups.push(Group {
                            kind: EntityKind::Place,
                            members: ms,
                            place: Some(p),
                        });
                    }
                }
            }
            None => groups.push(Group {
                kind: EntityKind::Place,
                members: ms,
                place: None,
            }),
        }
    }
    groups
}

/// Whether an unknown place name can be put in one country: not a body of water (in no one
/// country), nor a name of a historical or cross-border region ("ancient Palestine",
/// "Greater Kurdistan" are not placed by the article's country).
fn in_one_country(form: &str) -> bool {
    // "the West", "the South": a direction, not a place in the article's country.
    if PART_WORDS.contains(&fold(form).as_str()) {
        return false;
    }
    !form
        .split(|c: char| c.is_whitespace() || c == '-')
        .any(|w| {
            let w = fold(w);
            WATER_WORDS.contains(&w.as_str()) || ACROSS_WORDS.contains(&w.as_str())
        })
}

/// Words of names that cross borders or are no longer any country's: historical regions
/// ("ancient Palestine", "Greater Kurdistan"), polar lines ("Arctic Circle") and blocs of the
/// world ("Global South").
const ACROSS_WORDS: [&str; 9] = [
    "global",
    "ancient",
    "greater",
    "pan",
    "arctic",
    "antarctic",
    "polar",
    "equator",
    "tropic",
];

/// The country `code` as a gazetteer place.
fn country_place(gaz: &Gazetteers, code: &str) -> Option<Place> {
    gaz.places(gaz.country_name(code)?)
        .into_iter()
        .find(|c| c.kind == PlaceKind::Country && c.country_code == code)
}

/// The US state a news abbreviation names: AP style ("Calif.", "S.C.") or the postal code
/// in capitals ("CA", "NY"). The tagger has already called the word a place, so "IN" or
/// "ME" here are Indiana and Maine, not words.
fn us_state_abbreviation(form: &str) -> Option<&'static str> {
    const STATES: [(&str, &str, &str); 51] = [
        ("AL", "Ala.", "Alabama"),
        ("AK", "", "Alaska"),
        ("AZ", "Ariz.", "Arizona"),
        ("AR", "Ark.", "Arkansas"),
        ("CA", "Calif.", "California"),
        ("CO", "Colo.", "Colorado"),
        ("CT", "Conn.", "Connecticut"),
        ("DE", "Del.", "Delaware"),
        ("DC", "D.C.", "District of Columbia"),
        ("FL", "Fla.", "Florida"),
        ("GA", "Ga.", "Georgia"),
        ("HI", "", "Hawaii"),
        ("ID", "", "Idaho"),
        ("IL", "Ill.", "Illinois"),
        ("IN", "Ind.", "Indiana"),
        ("IA", "", "Iowa"),
        ("KS", "Kan.", "Kansas"),
        ("KY", "Ky.", "Kentucky"),
        ("LA", "La.", "Louisiana"),
        ("ME", "", "Maine"),
        ("MD", "Md.", "Maryland"),
        ("MA", "Mass.", "Massachusetts"),
        ("MI", "Mich.", "Michigan"),
        ("MN", "Minn.", "Minnesota"),
        ("MS", "Miss.", "Mississippi"),
        ("MO", "Mo.", "Missouri"),
        ("MT", "Mont.", "Montana"),
        ("NE", "Neb.", "Nebraska"),
        ("NV", "Nev.", "Nevada"),
        ("NH", "N.H.", "New Hampshire"),
        ("NJ", "N.J.", "New Jersey"),
        ("NM", "N.M.", "New Mexico"),
        ("NY", "N.Y.", "New York"),
        ("NC", "N.C.", "North Carolina"),
        ("ND", "N.D.", "North Dakota"),
        ("OH", "", "Ohio"),
        ("OK", "Okla.", "Oklahoma"),
        ("OR", "Ore.", "Oregon"),
        ("PA", "Pa.", "Pennsylvania"),
        ("RI", "R.I.", "Rhode Island"),
        ("SC", "S.C.", "South Carolina"),
        ("SD", "S.D.", "South Dakota"),
        ("TN", "Tenn.", "Tennessee"),
        ("TX", "", "Texas"),
        ("UT", "", "Utah"),
        ("VT", "Vt.", "Vermont"),
        ("VA", "Va.", "Virginia"),
        ("WA", "Wash.", "Washington"),
        ("WV", "W.Va.", "West Virginia"),
        ("WI", "Wis.", "Wisconsin"),
        ("WY", "Wyo.", "Wyoming"),
    ];
    STATES
        .iter()
        .find(|(postal, ap, _)| form == *postal || (!ap.is_empty() && form == *ap))
        .map(|(_, _, name)| *name)
}

/// Words that make a name a body of water, which is in no one country ("Gulf of Mexico").
const WATER_WORDS: [&str; 12] = [
    "sea",
    "ocean",
    "strait",
    "straits",
    "gulf",
    "channel",
    "passage",
    "atlantic",
    "pacific",
    "mediterranean",
    "caribbean",
    "baltic",
];

/// Words that only say which part of a place is meant ("Northern Kosovo"); some are also
/// names of far-away areas (Fiji's Northern Division), so they never stand for a place here.
const PART_WORDS: [&str; 14] = [
    "north", "south", "east", "west", "northern", "southern", "eastern", "western", "central",
    "upper", "lower", "greater", "inner", "outer",
];

/// Words that say what kind of place a name is ("Elcho Island", "HUDA City Centre"); some are
/// also names or alternate names of places elsewhere (Iceland is "Island" in its own language,
/// Cameroon has a Centre region), so on their own they never stand for a place here.
const GENERIC_WORDS: [&str; 40] = [
    "island",
    "islands",
    "isle",
    "city",
    "centre",
    "center",
    "town",
    "village",
    "beach",
    "bay",
    "port",
    "harbour",
    "harbor",
    "river",
    "lake",
    "mount",
    "mountain",
    "valley",
    "hill",
    "ridge",
    "park",
    "square",
    "street",
    "road",
    "station",
    "airport",
    "house",
    "palace",
    "hall",
    "tower",
    "bridge",
    "hospital",
    "market",
    "mosque",
    "temple",
    "church",
    "museum",
    "camp",
    "fort",
    "government",
];

/// For a place the gazetteer does not know, the known place its name contains (the longest
/// run of words that is a city, region or country of the main gazetteer, or else a demonym),
/// as a [`PlaceKind::Inside`] place under the name as written. `None` for a body of water.
fn inside_known_place(gaz: &Gazetteers, form: &str) -> Option<Place> {
    let words: Vec<&str> = form
        .split(|c: char| c.is_whitespace() || c == '-' || c == '\u{2013}')
        .filter(|w| !w.is_empty())
        .collect();
    if words.len() < 2
        || words
            .iter()
            .any(|w| WATER_WORDS.contains(&fold(w).as_str()))
    {
        return None;
    }
    let inside = |known: &Place| Place {
        name: form.to_string(),
        kind: PlaceKind::Inside,
        population: 0,
        ..known.clone()
    };
    for len in (1..words.len()).rev() {
        // The runs of this length that are known places; a country among them wins.
        let mut found: Vec<Place> = Vec::new();
        for run in words.windows(len) {
            // Only capitalised runs, and only places with the tagger's PLACE flag: the towns
            // indexed for geocoding alone include words such as "Royal" or "Great".
            if !run
                .iter()
                .all(|w| w.chars().next().is_some_and(char::is_uppercase))
                || (len == 1
                    && (PART_WORDS.contains(&fold(run[0]).as_str())
                        || GENERIC_WORDS.contains(&fold(run[0]).as_str())))
            {
                continue;
            }
            let phrase = run.join(" ");
            if !gaz.word_flags(&phrase).intersects(GazFlags::PLACE) {
                continue;
            }
            let cands = gaz.places(&phrase);
            let key = fold(&phrase);
            let best = cands
                .iter()
                .find(|c| c.kind == PlaceKind::Country && fold(&c.name) == key)
                .or_else(|| cands.iter().find(|c| !c.country_code.is_empty()));
            found.extend(best.cloned());
        }
        let best = found
            .iter()
            .find(|p| p.kind == PlaceKind::Country)
            .or(found.first());
        if let Some(known) = best {
            return Some(inside(known));
        }
    }
    words.iter().find_map(|w| {
        let code = gaz.demonym_country(w)?;
        let country = gaz
            .places(gaz.country_name(code)?)
            .into_iter()
            .find(|c| c.kind == PlaceKind::Country && c.country_code == code)?;
        Some(inside(&country))
    })
}

/// Whether `p` sits exactly on its country's centre (an area the sources give no coordinates of).
fn at_country_centre(gaz: &Gazetteers, p: &Place) -> bool {
    let Some(name) = gaz.country_name(&p.country_code) else {
        return false;
    };
    gaz.places(name).iter().any(|c| {
        c.kind == PlaceKind::Country
            && c.country_code == p.country_code
            && c.lat == p.lat
            && c.lon == p.lon
    })
}

/// Names pointing at each country, per level, for [`choose`].
#[derive(Default)]
struct Evidence {
    /// Country code -> (local names, national names).
    per_country: HashMap<String, (f32, f32)>,
    /// What each place name itself contributed (so it is not its own evidence).
    own: HashMap<usize, (String, Anchor)>,
}

impl Evidence {
    fn add(&mut self, name: Option<usize>, cc: &str, level: Anchor) {
        let entry = self.per_country.entry(cc.to_string()).or_default();
        match level {
            Anchor::Local => entry.0 += 1.0,
            Anchor::National => entry.1 += 1.0,
        }
        if let Some(n) = name {
            self.own.insert(n, (cc.to_string(), level));
        }
    }

    /// The country the article is clearly about: the one the most names point at (places,
    /// people and demonyms alike), at least twice as many as at any other country. (Counting
    /// mentions instead lets one repeated name decide: an article about the word "Palestine"
    /// put Canaan and Medinet Habu in Palestine.)
    fn dominant(&self) -> Option<&str> {
        let mut counts: Vec<(&str, f32)> = self
            .per_country
            .iter()
            .map(|(cc, (local, national))| (cc.as_str(), local + national))
            .collect();
        counts.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(b.0)));
        let &(cc, top) = counts.first()?;
        let second = counts.get(1).map_or(0.0, |c| c.1);
        (top >= 1.0 && top >= 2.0 * second).then_some(cc)
    }

    /// Weighted support for a candidate from every name but `this`.
    fn support(&self, this: usize, c: &Place) -> f32 {
        let (mut local, mut national) = self
            .per_country
            .get(&c.country_code)
            .copied()
            .unwrap_or_default();
        if let Some((cc, level)) = self.own.get(&this)
            && *cc == c.country_code
        {
            match level {
                Anchor::Local => local -= 1.0,
                Anchor::National => national -= 1.0,
            }
        }
        local * weight(c.kind, Anchor::Local) + national * weight(c.kind, Anchor::National)
    }
}

/// Towns below this many people are weak guesses for a name they only list among their
/// alternate names.
const WEAK_TOWN_POPULATION: u64 = 50_000;

/// Head start of a candidate whose own name is the name written, over one that only lists it
/// among its alternate names.
const EXACT_NAME: f32 = 0.5;

/// Weight of the population prior: a town ten times smaller than the biggest of its name
/// starts `POPULATION_PRIOR * ln 10` behind it.
const POPULATION_PRIOR: f32 = 0.2;
/// The prior's handicap stops growing past this many factors of e (about 400 times smaller).
const MAX_PRIOR_LOG: f32 = 6.0;

/// Picks the candidate with the most evidence: appositions, then other names in the same
/// country (excluding this name's own), a small prior for a country named exactly, a
/// smaller one for an exact name over an alternate name, then population.
fn choose(
    key: &str,
    cands: &[Place],
    this: usize,
    evidence: &Evidence,
    appos: &[String],
) -> Option<Place> {
    let biggest_city = cands
        .iter()
        .filter(|c| c.kind == PlaceKind::City)
        .map(|c| c.population)
        .max()
        .unwrap_or(0);
    let score = |c: &Place| -> f32 {
        if c.country_code.is_empty() {
            return 0.0;
        }
        let mut s = 0.0;
        // Population as a prior between towns of one name: Geneva, Illinois needs more than a
        // mention of the United States to beat Geneva, Switzerland.
        if c.kind == PlaceKind::City && biggest_city > 0 {
            let ratio = c.population.max(1_000) as f32 / biggest_city as f32;
            s += POPULATION_PRIOR * ratio.ln().max(-MAX_PRIOR_LOG);
        }
        // A state or province named exactly is what news means, not a town abroad that shares
        // its name ("Virginia" is not Virginia, Free State; "Cornwall" not Cornwall, Ontario).
        if c.kind == PlaceKind::City
            && c.population < WEAK_TOWN_POPULATION * 5
            && cands.iter().any(|a| {
                a.kind == PlaceKind::Admin
                    && a.country_code != c.country_code
                    && fold(&a.name) == key
            })
        {
            s -= 0.5;
        }
        s += 3.0 * appos.iter().filter(|a| **a == c.country_code).count() as f32;
        s += evidence.support(this, c);
        let exact = fold(&c.name) == key;
        if exact && c.kind == PlaceKind::Country {
            s += 0.75;
        }
        // Writers use a place's own name: a town that merely lists the name among its
        // alternate names ("Islamabad" for Chattogram) starts behind one called so.
        if exact {
            s += EXACT_NAME;
        }
        s
    };
    // A country named exactly is never displaced by a town that merely lists the same
    // word among its alternate names ("Laos" is not Lào Cai, "Benin" is not Benin City),
    // however much the rest of the article points at the town's country.
    let country_named = cands
        .iter()
        .any(|c| c.kind == PlaceKind::Country && fold(&c.name) == key);
    // Likewise a continent or region named exactly ("Asia") is not a town of that name
    // (Asia in Batangas) unless an apposition says so.
    if appos.is_empty()
        && let Some(area) = cands.iter().find(|c| {
            matches!(c.kind, PlaceKind::Continent | PlaceKind::Region) && fold(&c.name) == key
        })
    {
        return Some(area.clone());
    }
    let mut best: Option<(f32, &Place)> = None;
    // Candidates come most populous first, so a strict `>` keeps population as the tiebreak.
    for c in cands {
        // ... nor by a town of exactly its name (China in Kagoshima) without an apposition.
        if country_named
            && c.kind == PlaceKind::City
            && (fold(&c.name) != key || !appos.contains(&c.country_code))
        {
            continue;
        }
        let s = score(c);
        if best.is_none_or(|(b, _)| s > b) {
            best = Some((s, c));
        }
    }
    best.map(|(_, p)| p.clone())
}
