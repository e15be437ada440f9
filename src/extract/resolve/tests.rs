//! Unit tests of resolution (`super`), kept apart so that the module reads on its own.

use super::*;
use crate::extract::gazetteer::PlaceKind;
use crate::extract::ner::extract;

fn ent(text: &str, needle: &str, nth: usize, label: Label) -> Entity {
    let byte = text
        .match_indices(needle)
        .nth(nth)
        .map(|(b, _)| b)
        .unwrap_or_else(|| panic!("{needle} #{nth} not in text"));
    let start = text[..byte].chars().count();
    Entity {
        start,
        end: start + needle.chars().count(),
        label,
        text: needle.to_string(),
    }
}

fn find<'a>(es: &'a [ResolvedEntity], canonical: &str) -> &'a ResolvedEntity {
    es.iter()
        .find(|e| e.canonical == canonical)
        .unwrap_or_else(|| panic!("no {canonical} in {es:#?}"))
}

fn place_of<'a>(es: &'a [ResolvedEntity], mention: &str) -> &'a ResolvedEntity {
    es.iter()
        .find(|e| e.kind == EntityKind::Place && e.mentions.iter().any(|m| m.text == mention))
        .unwrap_or_else(|| panic!("no place mentioned as {mention} in {es:#?}"))
}

fn country(e: &ResolvedEntity) -> &str {
    e.place.as_ref().map_or("", |p| p.country_code.as_str())
}

#[test]
fn later_surname_joins_the_full_name_and_possessive_is_stripped() {
    let text = "Stoltenberg's warning came first. Jens Stoltenberg spoke. Later Stoltenberg left.";
    let ms = vec![
        ent(text, "Stoltenberg's", 0, Label::Per),
        ent(text, "Jens Stoltenberg", 0, Label::Per),
        ent(text, "Stoltenberg", 2, Label::Per),
    ];
    let es = resolve(text, &ms);
    assert_eq!(es.len(), 1, "{es:#?}");
    assert_eq!(es[0].canonical, "Jens Stoltenberg");
    assert_eq!(es[0].kind, EntityKind::Person);
    assert_eq!(es[0].aliases, vec!["Stoltenberg".to_string()]);
    assert_eq!(es[0].mentions.len(), 3);
    assert_eq!(es[0].mentions[0].text, "Stoltenberg's");
}

#[test]
fn diacritic_and_plain_spellings_are_one_person_keeping_diacritics() {
    let text = "Aleksandar Vucic met the press. VUCIC said so. Vučić left.";
    let ms = vec![
        ent(text, "Aleksandar Vucic", 0, Label::Per),
        ent(text, "VUCIC", 0, Label::Per),
        ent(text, "Vučić", 0, Label::Per),
    ];
    let es = resolve(text, &ms);
    assert_eq!(es.len(), 1, "{es:#?}");
    assert_eq!(es[0].canonical, "Aleksandar Vučić");
    assert_eq!(
        fold_key(EntityKind::Person, &es[0].canonical),
        fold_key(EntityKind::Person, "ALEKSANDAR VUCIC")
    );
}

#[test]
fn two_people_sharing_a_surname_stay_apart_and_the_nearest_wins() {
    let text = "Joe Biden spoke. Jill Biden spoke. Then Biden left.";
    let ms = vec![
        ent(text, "Joe Biden", 0, Label::Per),
        ent(text, "Jill Biden", 0, Label::Per),
        ent(text, "Biden", 2, Label::Per),
    ];
    let es = resolve(text, &ms);
    assert_eq!(es.len(), 2, "{es:#?}");
    assert_eq!(find(&es, "Jill Biden").mentions.len(), 2);
    assert_eq!(find(&es, "Joe Biden").mentions.len(), 1);
}

#[test]
fn whitespace_is_normalised() {
    let text = "Jens\n  Stoltenberg spoke.";
    let ms = vec![ent(text, "Jens\n  Stoltenberg", 0, Label::Per)];
    assert_eq!(resolve(text, &ms)[0].canonical, "Jens Stoltenberg");
}

#[test]
fn acronym_joins_its_expansion() {
    let text = "The Kosovo Protection Corps (KPC) met. KPC's chief spoke. The UNMIK did not.";
    let ms = vec![
        ent(text, "Kosovo Protection Corps", 0, Label::Org),
        ent(text, "KPC", 0, Label::Org),
        ent(text, "KPC's", 0, Label::Org),
        ent(text, "UNMIK", 0, Label::Org),
    ];
    let es = resolve(text, &ms);
    assert_eq!(es.len(), 2, "{es:#?}");
    let kpc = find(&es, "Kosovo Protection Corps");
    assert_eq!(kpc.aliases, vec!["KPC".to_string()]);
    assert_eq!(kpc.mentions.len(), 3);
    assert_eq!(find(&es, "UNMIK").mentions.len(), 1);
}

#[test]
fn unrelated_parenthesis_is_not_an_acronym() {
    let text = "Kosovo Force (NATO) patrols.";
    let ms = vec![
        ent(text, "Kosovo Force", 0, Label::Org),
        ent(text, "NATO", 0, Label::Org),
    ];
    assert_eq!(resolve(text, &ms).len(), 2);
}

#[test]
fn shorter_organisation_form_joins_the_longer() {
    let text = "The European Commission said so. A Commission spokesman agreed.";
    let ms = vec![
        ent(text, "European Commission", 0, Label::Org),
        ent(text, "Commission", 1, Label::Org),
    ];
    let es = resolve(text, &ms);
    assert_eq!(es.len(), 1);
    assert_eq!(es[0].canonical, "European Commission");
}

#[test]
fn local_and_english_place_names_are_one_place() {
    let text = "In Beograd, officials met. Belgrade said no.";
    let ms = vec![
        ent(text, "Beograd", 0, Label::Loc),
        ent(text, "Belgrade", 0, Label::Loc),
    ];
    let es = resolve(text, &ms);
    assert_eq!(es.len(), 1, "{es:#?}");
    assert_eq!(es[0].canonical, "Belgrade");
    assert_eq!(es[0].aliases, vec!["Beograd".to_string()]);
    assert_eq!(country(&es[0]), "RS");
}

#[test]
fn paris_is_in_france_unless_texas_says_otherwise() {
    let text = "She lives in Paris.";
    let es = resolve(text, &[ent(text, "Paris", 0, Label::Loc)]);
    assert_eq!(country(&es[0]), "FR");

    let text = "Paris, Texas, is a small town.";
    let ms = vec![
        ent(text, "Paris", 0, Label::Loc),
        ent(text, "Texas", 0, Label::Loc),
    ];
    let es = resolve(text, &ms);
    assert_eq!(country(place_of(&es, "Paris")), "US", "{es:#?}");

    let text = "Farmers near Paris sell cattle in Texas.";
    let ms = vec![
        ent(text, "Paris", 0, Label::Loc),
        ent(text, "Texas", 0, Label::Loc),
    ];
    let es = resolve(text, &ms);
    assert_eq!(country(place_of(&es, "Paris")), "US", "{es:#?}");
}

#[test]
fn georgia_follows_its_neighbours() {
    let text = "Georgia voted; Atlanta counted.";
    let ms = vec![
        ent(text, "Georgia", 0, Label::Loc),
        ent(text, "Atlanta", 0, Label::Loc),
    ];
    let es = resolve(text, &ms);
    let g = place_of(&es, "Georgia");
    assert_eq!(country(g), "US");
    assert_eq!(g.place.as_ref().map(|p| p.kind), Some(PlaceKind::Admin));

    let text = "Georgia voted; Tbilisi counted.";
    let ms = vec![
        ent(text, "Georgia", 0, Label::Loc),
        ent(text, "Tbilisi", 0, Label::Loc),
    ];
    let es = resolve(text, &ms);
    let g = place_of(&es, "Georgia");
    assert_eq!(country(g), "GE");
    assert_eq!(g.place.as_ref().map(|p| p.kind), Some(PlaceKind::Country));
}

#[test]
fn us_in_capitals_is_the_united_states() {
    let text = "The US and the United States are one place.";
    let ms = vec![
        ent(text, "US", 0, Label::Loc),
        ent(text, "United States", 0, Label::Loc),
    ];
    let es = resolve(text, &ms);
    assert_eq!(es.len(), 1, "{es:#?}");
    assert_eq!(country(&es[0]), "US");
}

#[test]
fn a_country_is_not_a_town_that_borrows_its_name() {
    let text = "Vietnam and Laos signed; Hanoi and Quang Ngai hosted. Benin and Nigeria \
                    met in Lagos.";
    let ms: Vec<Entity> = [
        "Vietnam",
        "Laos",
        "Hanoi",
        "Quang Ngai",
        "Benin",
        "Nigeria",
        "Lagos",
    ]
    .iter()
    .map(|n| ent(text, n, 0, Label::Loc))
    .collect();
    let es = resolve(text, &ms);
    for (name, cc) in [("Laos", "LA"), ("Benin", "BJ")] {
        let p = place_of(&es, name);
        assert_eq!(country(p), cc, "{name}: {es:#?}");
        assert_eq!(p.place.as_ref().map(|p| p.kind), Some(PlaceKind::Country));
    }
}

#[test]
fn kosovo_stays_a_country_beside_serbia_and_belgrade() {
    let text = "Kosovo and Serbia argued; Belgrade and Pristina disagreed, Serbian officials said.";
    let ms = vec![
        ent(text, "Kosovo", 0, Label::Loc),
        ent(text, "Serbia", 0, Label::Loc),
        ent(text, "Belgrade", 0, Label::Loc),
        ent(text, "Pristina", 0, Label::Loc),
    ];
    let es = resolve(text, &ms);
    let k = place_of(&es, "Kosovo");
    assert_eq!(country(k), "XK", "{es:#?}");
    assert_eq!(k.place.as_ref().map(|p| p.kind), Some(PlaceKind::Country));
}

#[test]
fn kosovo_stays_a_country_in_a_story_about_serbia() {
    let text = "BELGRADE: Serbia's president spoke in Belgrade about Kosovo, as Serbian \
                    officials in Novi Sad and Nis said Serbia would not recognise Kosovo.";
    let ms: Vec<Entity> = [
        ("BELGRADE", 0),
        ("Serbia", 0),
        ("Belgrade", 0),
        ("Kosovo", 0),
        ("Novi Sad", 0),
        ("Nis", 0),
        ("Serbia", 1),
        ("Kosovo", 1),
    ]
    .iter()
    .map(|&(w, n)| ent(text, w, n, Label::Loc))
    .collect();
    let es = resolve(text, &ms);
    let k = place_of(&es, "Kosovo");
    assert_eq!(country(k), "XK", "{es:#?}");
    assert_eq!(k.place.as_ref().map(|p| p.kind), Some(PlaceKind::Country));
}

#[test]
fn invisible_characters_inside_names_do_not_hide_them() {
    let text = "Mos\u{200b}cow and the Palest\u{ad}inian Authority.";
    let ms = vec![
        ent(text, "Mos\u{200b}cow", 0, Label::Loc),
        ent(text, "Palest\u{ad}inian Authority", 0, Label::Org),
    ];
    let es = resolve(text, &ms);
    assert_eq!(country(place_of(&es, "Mos\u{200b}cow")), "RU", "{es:#?}");
    assert!(
        es.iter().any(|e| e.canonical == "Palestinian Authority"),
        "{es:#?}"
    );
}

#[test]
fn unknown_place_is_kept_without_coordinates() {
    let text = "They met in Zorgovan Flats.";
    let es = resolve(text, &[ent(text, "Zorgovan Flats", 0, Label::Loc)]);
    assert_eq!(es.len(), 1);
    assert_eq!(es[0].canonical, "Zorgovan Flats");
    assert!(es[0].place.is_none());
}

#[test]
fn unknown_place_named_after_a_known_one_is_in_its_country() {
    for (text, name, cc) in [
        ("They met in Northern Kosovo.", "Northern Kosovo", "XK"),
        ("A hike in the Canadian Rockies.", "Canadian Rockies", "CA"),
        (
            "Taken to Vancouver Children's Hospital.",
            "Vancouver Children's Hospital",
            "CA",
        ),
    ] {
        let es = resolve(text, &[ent(text, name, 0, Label::Loc)]);
        assert_eq!(es[0].canonical, name, "keeps its own name");
        assert_eq!(country(&es[0]), cc, "{name}");
    }
    // Water is in no one country, whatever coast it touches.
    let text = "Storms in the Gulf of Mexico.";
    let es = resolve(text, &[ent(text, "Gulf of Mexico", 0, Label::Loc)]);
    assert!(es[0].place.is_none());
}

#[test]
fn unknown_place_in_an_article_about_one_country_is_in_that_country() {
    let text = "Police in Canada said the gunman in Zorgovan Flats acted alone. \
                Ottawa sent help; Ontario mourned. The Arctic Circle lies far north.";
    let ms = vec![
        ent(text, "Canada", 0, Label::Loc),
        ent(text, "Zorgovan Flats", 0, Label::Loc),
        ent(text, "Ottawa", 0, Label::Loc),
        ent(text, "Ontario", 0, Label::Loc),
        ent(text, "Arctic Circle", 0, Label::Loc),
    ];
    let es = resolve(text, &ms);
    let flats = place_of(&es, "Zorgovan Flats");
    assert_eq!(flats.canonical, "Zorgovan Flats", "keeps its own name");
    assert_eq!(country(flats), "CA");
    // A line of latitude crosses borders: no country however Canadian the article.
    assert!(place_of(&es, "Arctic Circle").place.is_none());

    // Two countries named as often: no guess.
    let text = "Talks between Canada and Mexico on Zorgovan Flats.";
    let ms = vec![
        ent(text, "Canada", 0, Label::Loc),
        ent(text, "Mexico", 0, Label::Loc),
        ent(text, "Zorgovan Flats", 0, Label::Loc),
    ];
    assert!(
        place_of(&resolve(text, &ms), "Zorgovan Flats")
            .place
            .is_none()
    );
}

#[test]
fn generic_words_alone_do_not_name_a_place_elsewhere() {
    // "Island" is Iceland in Icelandic, and Cameroon has a Centre region.
    let text = "Flights to Elcho Island and HUDA City Centre resumed in Australia and India.";
    let ms = vec![
        ent(text, "Elcho Island", 0, Label::Loc),
        ent(text, "HUDA City Centre", 0, Label::Loc),
    ];
    let es = resolve(text, &ms);
    assert_ne!(country(place_of(&es, "Elcho Island")), "IS");
    assert_ne!(country(place_of(&es, "HUDA City Centre")), "CM");
}

#[test]
fn us_state_abbreviations_are_states() {
    for (text, name, state) in [
        (
            "A shooting in Greenville, S.C., left two dead.",
            "S.C.",
            "South Carolina",
        ),
        ("M 3.6 - 15km W of Petrolia, CA", "CA", "California"),
        (
            "Rep. Smith of Lansing, Mich., said no.",
            "Mich.",
            "Michigan",
        ),
    ] {
        let es = resolve(text, &[ent(text, name, 0, Label::Loc)]);
        let place = es[0].place.as_ref().expect("a state");
        assert_eq!(place.country_code, "US", "{name}");
        assert_eq!(place.name, state, "{name}");
    }
}

#[test]
fn buildings_and_areas_named_exactly_beat_towns_of_that_name() {
    let text = "The White House said Tehran must choose.";
    let ms = vec![
        ent(text, "White House", 0, Label::Loc),
        ent(text, "Tehran", 0, Label::Loc),
    ];
    let es = resolve(text, &ms);
    assert_eq!(country(place_of(&es, "White House")), "US");
    // "Asia" is the continent, not Asia in the Philippines, even beside Manila.
    let text = "Markets in Asia fell; Manila led.";
    let ms = vec![
        ent(text, "Asia", 0, Label::Loc),
        ent(text, "Manila", 0, Label::Loc),
    ];
    let es = resolve(text, &ms);
    assert_eq!(country(place_of(&es, "Asia")), "");
    // "China" beside Japan is still the country, not the town of China in Kagoshima.
    let text = "Japan and China met.";
    let ms = vec![
        ent(text, "Japan", 0, Label::Loc),
        ent(text, "China", 0, Label::Loc),
    ];
    let es = resolve(text, &ms);
    assert_eq!(country(place_of(&es, "China")), "CN");
}

#[test]
fn paris_and_vienna_stay_in_europe_beside_macron_and_the_white_house() {
    let text = "The White House said Donald Trump spoke to Emmanuel Macron, who flew from \
                Paris to Vienna.";
    let ms = vec![
        ent(text, "White House", 0, Label::Loc),
        ent(text, "Donald Trump", 0, Label::Per),
        ent(text, "Emmanuel Macron", 0, Label::Per),
        ent(text, "Paris", 0, Label::Loc),
        ent(text, "Vienna", 0, Label::Loc),
    ];
    let es = resolve(text, &ms);
    assert_eq!(country(place_of(&es, "Paris")), "FR");
    assert_eq!(country(place_of(&es, "Vienna")), "AT");
}

#[test]
fn a_famous_city_needs_more_than_a_country_mention_to_lose_to_a_small_namesake() {
    let text = "The US and Iran held talks in Geneva.";
    let ms = vec![
        ent(text, "US", 0, Label::Loc),
        ent(text, "Iran", 0, Label::Loc),
        ent(text, "Geneva", 0, Label::Loc),
    ];
    let es = resolve(text, &ms);
    assert_eq!(country(place_of(&es, "Geneva")), "CH");
}

#[test]
fn every_mention_ends_up_in_exactly_one_entity() {
    let text = "Jens Stoltenberg met Vjosa Osmani-Sadriu at NATO in Brussels. Osmani-Sadriu and Stoltenberg spoke of Kosovo and the EU.";
    let found = extract(text);
    assert!(found.len() >= 5, "{found:?}");
    let es = resolve(text, &found);
    let mut all: Vec<(usize, usize)> = es
        .iter()
        .flat_map(|e| e.mentions.iter().map(|m| (m.start, m.end)))
        .collect();
    all.sort_unstable();
    let mut want: Vec<(usize, usize)> = found.iter().map(|e| (e.start, e.end)).collect();
    want.sort_unstable();
    assert_eq!(all, want);
    assert_eq!(
        find(&es, "Vjosa Osmani-Sadriu").mentions.len(),
        2,
        "{es:#?}"
    );
    assert_eq!(find(&es, "Jens Stoltenberg").mentions.len(), 2, "{es:#?}");
}

#[test]
fn fold_key_merges_spellings_across_articles() {
    assert_eq!(
        fold_key(EntityKind::Person, "Recep Tayyip Erdoğan"),
        fold_key(EntityKind::Person, "Recep  Tayyip ERDOGAN")
    );
    assert_eq!(
        fold_key(EntityKind::Org, "The Hague Tribunal"),
        "hague tribunal"
    );
    assert_eq!(fold_key(EntityKind::Place, "Kosovo’s"), "kosovo");
    assert_ne!(
        fold_key(EntityKind::Person, "Vučić"),
        fold_key(EntityKind::Person, "Vuk")
    );
}

/// The bodies of the demo feeds (HTML-escaped in the XML/JSON; entity-level detail is not
/// needed to find the story's text).
fn demo_story(file: &str, marker: &str) -> String {
    let raw = match file {
        "regions.json" => include_str!("../../../assets/demo/regions.json"),
        "europe.atom" => include_str!("../../../assets/demo/europe.atom"),
        _ => include_str!("../../../assets/demo/world.xml"),
    };
    let at = raw.find(marker).unwrap_or_else(|| panic!("{marker}"));
    let end = raw[at..].find('\n').map_or(raw.len(), |e| at + e);
    let html = raw[at..end]
        .replace("\\n", "\n")
        .replace("\\\"", "\"")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&");
    crate::extract::html::html_to_text(&html)
}

#[test]
fn demo_paris_texas_story_resolves_paris_to_the_us() {
    let text = demo_story("regions.json", "<p>Paris, Texas, a town");
    let es = extract_entities(&text);
    let paris = place_of(&es, "Paris");
    assert_eq!(country(paris), "US", "{es:#?}");
    assert!(paris.mentions.len() >= 2);
}

#[test]
fn demo_macron_story_resolves_paris_to_france() {
    let text = demo_story("europe.atom", "&lt;p&gt;President Emmanuel Macron");
    let es = extract_entities(&text);
    assert_eq!(country(place_of(&es, "Paris")), "FR", "{es:#?}");
    assert!(
        es.iter()
            .any(|e| e.kind == EntityKind::Person && e.canonical == "Emmanuel Macron"),
        "{es:#?}"
    );
}

#[test]
fn many_distinct_names_resolve_in_near_linear_work() {
    // 20,000 people, each mentioned in full and then by surname, plus 2,000 places: a
    // quadratic grouping would compare each mention with most of 20,000 groups.
    let n = 20_000;
    let mut text = String::new();
    let mut ms = Vec::new();
    let mut chars = 0;
    let mut push = |text: &mut String, s: &str, label: Label| {
        let start = chars;
        chars += s.chars().count() + " said. ".len();
        text.push_str(s);
        ms.push(Entity {
            start,
            end: start + s.chars().count(),
            label,
            text: s.to_string(),
        });
        text.push_str(" said. ");
    };
    let name = |i: usize| format!("Q{}", i * 7919 % 1_000_003);
    for i in 0..n {
        push(&mut text, &format!("Given {}", name(i)), Label::Per);
    }
    for i in 0..n {
        push(&mut text, &name(i), Label::Per);
    }
    for i in 0..2_000 {
        push(&mut text, &format!("Zq{i}"), Label::Loc);
    }
    super::CANDIDATES_CHECKED.with(|c| c.set(0));
    let es = resolve(&text, &ms);
    let checked = super::CANDIDATES_CHECKED.with(std::cell::Cell::get);
    assert_eq!(es.len(), n + 2_000);
    assert!(es.iter().take(n).all(|e| e.mentions.len() == 2));
    // Work, not time: a mention looks only at the groups sharing its rarest word. Comparing
    // every mention with every group would be about 40,000 x 20,000 candidates here.
    assert!(
        checked <= 2 * ms.len(),
        "{checked} candidate groups for {} mentions",
        ms.len()
    );
}

#[test]
fn hyphenated_transliterations_and_short_forms_find_their_place() {
    let text = "Fighters left El-Obeid. America and the Islamic Republic talked; flights \
                left Stansted Airport.";
    let ms = vec![
        ent(text, "El-Obeid", 0, Label::Loc),
        ent(text, "America", 0, Label::Loc),
        ent(text, "Islamic Republic", 0, Label::Loc),
        ent(text, "Stansted Airport", 0, Label::Loc),
    ];
    let es = resolve(text, &ms);
    assert_eq!(country(place_of(&es, "El-Obeid")), "SD");
    let america = place_of(&es, "America");
    assert_eq!(country(america), "US");
    assert_eq!(america.canonical, "United States");
    assert_eq!(country(place_of(&es, "Islamic Republic")), "IR");
    assert_eq!(country(place_of(&es, "Stansted Airport")), "GB");
}

#[test]
fn photo_credits_are_not_the_articles_people() {
    // Breitbart's page, as extracted: the photographer's credit in capitals, then the story.
    let text = "Supporters of Republican presidential nominee Donald Trump cheer during \
                election night at the New York Hilton Midtown in New York on November 9, 2016. / \
                AFP / JIM WATSON (Photo credit should read JIM WATSON/AFP/Getty Images)\n\n\
                JIM WATSON/AFP/Getty Images\n\nSnopes fact checker David Emery posted to \
                Twitter on Thursday. Emery, a writer in Chicago, retweeted an article.";
    let tagged = extract(text);
    assert!(
        tagged.iter().any(|m| m.text.contains("WATSON")),
        "the tagger no longer sees a name in the credit, so this test shows nothing: {tagged:?}"
    );
    let es = extract_entities(text);
    assert!(
        es.iter()
            .all(|e| e.mentions.iter().all(|m| !m.text.contains("WATSON"))),
        "{es:#?}"
    );
    find(&es, "David Emery");
    find(&es, "Donald Trump");
}

#[test]
fn a_place_the_apposition_puts_in_a_state_is_there() {
    let text = "The fire in Cook County, Illinois, spread.";
    let ms = vec![
        ent(text, "Cook County", 0, Label::Loc),
        ent(text, "Illinois", 0, Label::Loc),
    ];
    let es = resolve(text, &ms);
    let county = place_of(&es, "Cook County");
    assert_eq!(county.canonical, "Cook County");
    assert_eq!(country(county), "US", "{es:#?}");
    // A list of countries is no apposition: the first stays itself.
    let text = "Measles in the US, Canada and Mexico.";
    let ms = vec![
        ent(text, "US", 0, Label::Loc),
        ent(text, "Canada", 0, Label::Loc),
        ent(text, "Mexico", 0, Label::Loc),
    ];
    assert_eq!(country(place_of(&resolve(text, &ms), "US")), "US");
}

#[test]
fn a_city_called_by_its_own_name_beats_one_that_lists_it_as_an_alternate() {
    // GeoNames lists "Islamabad" among Chattogram's alternate names.
    let text = "Officials in Islamabad said so.";
    let es = resolve(text, &[ent(text, "Islamabad", 0, Label::Loc)]);
    assert_eq!(country(&es[0]), "PK");
}

#[test]
fn regions_the_city_tables_lack_are_in_their_country() {
    for (name, cc) in [
        ("Sicily", "IT"),
        ("Tuscany", "IT"),
        ("Mecca", "SA"),
        ("Chechnya", "RU"),
    ] {
        let text = format!("Floods hit {name} on Monday.");
        let es = resolve(&text, &[ent(&text, name, 0, Label::Loc)]);
        assert_eq!(country(&es[0]), cc, "{name}");
    }
}

#[test]
fn royal_residences_and_sights_are_not_namesake_suburbs() {
    // GeoNames' only Balmoral of 5,000+ people is a suburb of Auckland.
    for (name, cc) in [("Balmoral", "GB"), ("JFK", "US"), ("Taj Mahal", "IN")] {
        let text = format!("They flew to {name} on Monday.");
        let es = resolve(&text, &[ent(&text, name, 0, Label::Loc)]);
        assert_eq!(country(&es[0]), cc, "{name}");
    }
}

#[test]
fn a_state_named_exactly_beats_a_small_town_abroad() {
    for (name, cc) in [("Virginia", "US"), ("Cornwall", "GB")] {
        let text = format!("A train hit a truck in {name} on Wednesday.");
        let es = resolve(&text, &[ent(&text, name, 0, Label::Loc)]);
        assert_eq!(country(&es[0]), cc, "{name}");
    }
}

#[test]
fn oceans_and_directions_are_not_put_in_the_articles_country() {
    let text = "Seattle boats fish Alaska, Kodiak and the Northern Pacific; the South Atlantic \
                and the Inside Passage too, and the West watches.";
    let mut ms = vec![
        ent(text, "Seattle", 0, Label::Loc),
        ent(text, "Alaska", 0, Label::Loc),
        ent(text, "Kodiak", 0, Label::Loc),
    ];
    for name in [
        "Northern Pacific",
        "South Atlantic",
        "Inside Passage",
        "West",
    ] {
        ms.push(ent(text, name, 0, Label::Loc));
    }
    let es = resolve(text, &ms);
    assert_eq!(country(place_of(&es, "Kodiak")), "US");
    for name in [
        "Northern Pacific",
        "South Atlantic",
        "Inside Passage",
        "West",
    ] {
        assert_eq!(country(place_of(&es, name)), "", "{name}");
    }
}
