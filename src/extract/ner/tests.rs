//! Unit tests of named-entity extraction (`super`), kept apart so that the module reads on its own.

use super::*;
use crate::extract::features::gazetteer_info;

#[test]
fn labels_and_entity_kinds_correspond() {
    for label in [Label::Per, Label::Loc, Label::Org] {
        assert_eq!(Label::from(EntityKind::from(label)), label);
    }
    assert_eq!(EntityKind::from(Label::Per), EntityKind::Person);
    assert_eq!(EntityKind::from(Label::Loc), EntityKind::Place);
    assert_eq!(Label::from(EntityKind::Org), Label::Org);
}

#[test]
fn common_acronyms_and_diseases_are_not_names() {
    let text = "Microsoft said its AI work in Paris would grow, the CEO told reporters. \
                    A.I. tools tracked Ebola and COVID-19 cases in Kinshasa.";
    let found: Vec<String> = extract(text).into_iter().map(|e| e.text).collect();
    for not in ["AI", "A.I.", "CEO", "Ebola", "COVID-19"] {
        assert!(!found.iter().any(|f| f == not), "{not} in {found:?}");
    }
    for name in ["Microsoft", "Paris", "Kinshasa"] {
        assert!(found.iter().any(|f| f == name), "{name} not in {found:?}");
    }
}

#[test]
fn arabic_name_particles_stay_inside_the_person() {
    let sents = vec![vec![
        "Mohammed", "bin", "Salman", "met", "Ben", "in", "Riyadh",
    ]];
    let mut tags = vec![vec![1, 0, 1, 0, 1, 0, 3]];
    join_name_particles(&sents, &mut tags);
    assert_eq!(tags[0], vec![1, 2, 2, 0, 1, 0, 3]);
    // Not between a person and a place.
    let sents = vec![vec!["Ahmed", "bin", "Dubai"]];
    let mut tags = vec![vec![1, 0, 3]];
    join_name_particles(&sents, &mut tags);
    assert_eq!(tags[0], vec![1, 0, 3]);
}

#[test]
fn known_people_and_organisations_are_labelled() {
    let sents = vec![
        vec!["Putin", "later", "called", "him", "."],
        vec!["Al", "Jazeera", "reported", "it", "."],
        // Inside a longer entity the tagger found: left alone.
        vec!["The", "Putin", "Foundation", "said", "."],
    ];
    let mut tags = vec![
        vec![0, 0, 0, 0, 0],
        vec![1, 2, 0, 0, 0],
        vec![0, 5, 6, 0, 0],
    ];
    known_names(&sents, &mut tags);
    assert_eq!(tags[0], vec![1, 0, 0, 0, 0]);
    assert_eq!(tags[1], vec![5, 6, 0, 0, 0]);
    assert_eq!(tags[2], vec![0, 5, 6, 0, 0]);
}

#[test]
fn lone_known_organisations_are_labelled_but_not_places_or_names() {
    let sents = vec![
        vec!["Shares", "of", "Airbus", "rose", "."],
        vec!["RBI", "kept", "rates", "."],
        // "Paris" is a place, "Jordan" a place and a name: never a lone organisation.
        vec!["He", "met", "Paris", "and", "Jordan", "."],
    ];
    let mut tags = vec![vec![0; 5], vec![0; 4], vec![0; 6]];
    known_names(&sents, &mut tags);
    assert_eq!(tags[0], vec![0, 0, 5, 0, 0]);
    assert_eq!(tags[1], vec![5, 0, 0, 0]);
    assert_eq!(tags[2], vec![0; 6]);
}

fn model() -> &'static Model {
    embedded_model().expect("the embedded model loads")
}

fn gazetteer_lookups(sents: &[Vec<&str>]) -> Vec<Vec<GazInfo>> {
    sents.iter().map(|s| gazetteer_info(s)).collect()
}

fn known_names(sents: &[Vec<&str>], tags: &mut [Vec<u8>]) {
    known_names_with(sents, &gazetteer_lookups(sents), tags);
}

fn after_tagger(model: &Model, sents: &[Vec<&str>], tags: &mut [Vec<u8>]) {
    after_tagger_with(model, sents, &gazetteer_lookups(sents), tags);
}

#[test]
fn demonyms_faiths_and_common_openers_are_not_names() {
    let sents = vec![
        vec!["Canadian", "troops", "and", "Shiite", "parties", "."],
        vec!["However", ",", "he", "left", "."],
        // "Amnesty" is a name inside a sentence elsewhere, so at the start too.
        vec!["Amnesty", "said", "so", "."],
        vec!["He", "called", "Amnesty", "International", "."],
    ];
    let mut tags = vec![
        vec![5, 0, 0, 5, 0, 0],
        vec![1, 0, 0, 0, 0],
        vec![5, 0, 0, 0],
        vec![0, 0, 5, 6, 0],
    ];
    after_tagger(model(), &sents, &mut tags);
    assert_eq!(tags[0], vec![0; 6]);
    assert_eq!(tags[1], vec![0; 5]);
    assert_eq!(tags[2], vec![5, 0, 0, 0]);
}

#[test]
fn titles_are_outside_people_but_name_titles_stay() {
    let sents = vec![
        vec!["King", "Charles", "III", "spoke", "."],
        vec![
            "Ayatollah",
            "Ali",
            "Khamenei",
            "and",
            "Sheikh",
            "Hasina",
            ".",
        ],
        vec!["the", "George", "W.", "Bush", "Administration", "."],
    ];
    let mut tags = vec![
        vec![1, 2, 2, 0, 0],
        vec![1, 2, 2, 0, 1, 2, 0],
        vec![0, 1, 2, 2, 2, 0],
    ];
    after_tagger(model(), &sents, &mut tags);
    assert_eq!(tags[0], vec![0, 1, 2, 0, 0]);
    assert_eq!(tags[1], vec![0, 1, 2, 0, 1, 2, 0]);
    assert_eq!(tags[2], vec![0, 1, 2, 2, 0, 0]);
}

#[test]
fn consistency_knows_names_behind_an_arabic_article() {
    let sents = vec![
        vec!["Nouri", "al-Maliki", "returned", "."],
        vec!["Al-Maliki", "said", "."],
        vec!["Later", ",", "Maliki", "left", "."],
    ];
    let mut tags = vec![vec![1, 2, 0, 0], vec![3, 0, 0], vec![0, 0, 0, 0, 0]];
    consistency_pass(&sents, &mut tags);
    assert_eq!(tags[1], vec![1, 0, 0]);
    assert_eq!(tags[2], vec![0, 0, 1, 0, 0]);
}

#[test]
fn hyphenated_modifiers_are_outside_names() {
    let sents = vec![vec![
        "the",
        "Washington-based",
        "Council",
        "on",
        "American-Islamic",
        "Relations",
    ]];
    let mut tags = vec![vec![0, 5, 6, 6, 6, 6]];
    after_tagger(model(), &sents, &mut tags);
    assert_eq!(tags[0], vec![0, 0, 5, 6, 6, 6]);
}

#[test]
fn spans_follow_bio() {
    assert_eq!(
        spans(&[0, 1, 2, 0, 3, 5, 6]),
        vec![(1, 3, Label::Per), (4, 5, Label::Loc), (5, 7, Label::Org)]
    );
}

#[test]
fn consistency_labels_later_surname_as_person() {
    let sents = vec![
        vec!["Jens", "Stoltenberg", "spoke", "."],
        vec!["Later", ",", "Stoltenberg", "left", "."],
        vec!["Vucic", "and", "Vučić", "met", "."],
    ];
    let mut tags = vec![vec![1, 2, 0, 0], vec![0, 0, 0, 0, 0], vec![0, 0, 0, 0, 0]];
    // Give the diacritic form an earlier full mention too.
    let mut sents2 = sents.clone();
    sents2.insert(0, vec!["Aleksandar", "Vučić", "arrived"]);
    tags.insert(0, vec![1, 2, 0]);
    consistency_pass(&sents2, &mut tags);
    assert_eq!(tags[2], vec![0, 0, 1, 0, 0]);
    assert_eq!(tags[3], vec![1, 0, 1, 0, 0]);
}

#[test]
fn consistency_keeps_labels_the_tagger_gave() {
    let sents = vec![
        vec!["Kosovo", "Force", "left", "."],
        vec!["In", "Kosovo", "."],
    ];
    let mut tags = vec![vec![1, 2, 0, 0], vec![0, 3, 0]];
    consistency_pass(&sents, &mut tags);
    assert_eq!(tags[1], vec![0, 3, 0]);
}

#[test]
fn consistency_relabels_a_mistagged_surname_but_not_a_country() {
    let sents = vec![
        vec!["Vjosa", "Osmani-Sadriu", "and", "Kosovo", "Force"],
        vec!["Osmani-Sadriu", "visited", "Kosovo", "."],
    ];
    let mut tags = vec![vec![1, 2, 0, 1, 2], vec![3, 0, 5, 0]];
    consistency_pass(&sents, &mut tags);
    assert_eq!(tags[1], vec![1, 0, 5, 0]);
}

#[test]
fn consistency_fills_parts_of_earlier_organisations_only_later() {
    let sents = vec![
        vec!["The", "Commission", "met", "."],
        vec!["The", "European", "Commission", "said", "."],
        vec!["A", "Commission", "spokesman", "."],
    ];
    let mut tags = vec![vec![0, 0, 0, 0], vec![0, 5, 6, 0, 0], vec![0, 0, 0, 0]];
    consistency_pass(&sents, &mut tags);
    assert_eq!(tags[0], vec![0, 0, 0, 0]);
    assert_eq!(tags[2], vec![0, 5, 0, 0]);
}

#[test]
fn a_surname_that_is_a_word_stays_a_name_in_a_title_case_line() {
    let found: Vec<String> = extract("Sharp Tech with Andrew Sharp and Ben Thompson")
        .into_iter()
        .map(|e| e.text)
        .collect();
    assert!(found.iter().any(|f| f == "Andrew Sharp"), "{found:?}");
}
