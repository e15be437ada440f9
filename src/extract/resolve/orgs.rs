//! Organisations known under several names. `org-names.tsv` lists, for well-known bodies,
//! the name to show and their other names ("EU", "E.U." and "European Union"). An
//! organisation named by any of them gets the one display name, so articles that say "IMF"
//! and articles that say "International Monetary Fund" store one entity, and one article
//! that uses both without spelling out the link ("the EU ... the European Union") lists it
//! once.

use std::collections::HashMap;

use super::{Group, canonical_form, distinct_forms, fold_key};
use crate::extract::gazetteer::Gazetteers;
use crate::extract::ner::Entity;
use crate::model::EntityKind;

/// `groups` with the organisation groups that name one known organisation merged, each
/// paired with its display name when the gazetteer knows it (`None` for every other group).
/// A group is matched by its own canonical form first, then by its other forms in order.
pub(super) fn name_known(
    gaz: &Gazetteers,
    mentions: &[&Entity],
    groups: Vec<Group>,
) -> Vec<(Group, Option<&'static str>)> {
    let mut out: Vec<(Group, Option<&'static str>)> = Vec::with_capacity(groups.len());
    let mut by_name: HashMap<&'static str, usize> = HashMap::new();
    for group in groups {
        let known = if group.kind == EntityKind::Org {
            known_name(gaz, mentions, &group)
        } else {
            None
        };
        match known.and_then(|name| by_name.get(name).map(|&i| (name, i))) {
            Some((_, i)) => out[i].0.members.extend(group.members),
            None => {
                if let Some(name) = known {
                    by_name.insert(name, out.len());
                }
                out.push((group, known));
            }
        }
    }
    out
}

fn known_name(gaz: &Gazetteers, mentions: &[&Entity], group: &Group) -> Option<&'static str> {
    let mut idx = group.members.clone();
    idx.sort_unstable();
    let forms = distinct_forms(idx.iter().map(|&i| mentions[i].text.as_str()));
    let canonical = canonical_form(&forms);
    std::iter::once(&canonical)
        .chain(forms.iter())
        .find_map(|f| gaz.org_name(&fold_key(EntityKind::Org, f)))
}

#[cfg(test)]
mod tests {
    use super::super::resolve;
    use crate::extract::ner::{Entity, Label};
    use crate::model::EntityKind;

    /// Mentions of `text` at each listed surface (the first occurrence after the previous).
    fn tagged(text: &str, spans: &[(&str, Label)]) -> Vec<Entity> {
        let mut from = 0;
        spans
            .iter()
            .map(|(s, label)| {
                let byte = from + text[from..].find(s).expect("span in text");
                from = byte + s.len();
                let start = text[..byte].chars().count();
                Entity {
                    text: (*s).to_string(),
                    label: *label,
                    start,
                    end: start + s.chars().count(),
                }
            })
            .collect()
    }

    fn orgs(text: &str, spans: &[(&str, Label)]) -> Vec<(String, Vec<String>, usize)> {
        resolve(text, &tagged(text, spans))
            .into_iter()
            .filter(|e| e.kind == EntityKind::Org)
            .map(|e| (e.canonical, e.aliases, e.mentions.len()))
            .collect()
    }

    #[test]
    fn an_acronym_alone_takes_the_display_name() {
        let got = orgs("The IMF said so.", &[("IMF", Label::Org)]);
        assert_eq!(
            got,
            [(
                "International Monetary Fund".to_string(),
                vec!["IMF".to_string()],
                1
            )]
        );
    }

    #[test]
    fn an_acronym_and_its_expansion_in_one_article_are_one_organisation() {
        let text = "The EU met. Later the European Union agreed, and E.U. envoys left.";
        let got = orgs(
            text,
            &[
                ("EU", Label::Org),
                ("European Union", Label::Org),
                ("E.U.", Label::Org),
            ],
        );
        assert_eq!(got.len(), 1, "{got:?}");
        assert_eq!(got[0].0, "European Union");
        assert_eq!(got[0].2, 3);
        assert!(got[0].1.contains(&"EU".to_string()), "{got:?}");
    }

    #[test]
    fn the_display_name_can_be_the_acronym() {
        let text = "The North Atlantic Treaty Organization and NATO allies.";
        let got = orgs(
            text,
            &[
                ("North Atlantic Treaty Organization", Label::Org),
                ("NATO", Label::Org),
            ],
        );
        assert_eq!(got.len(), 1, "{got:?}");
        assert_eq!(got[0].0, "NATO");
    }

    #[test]
    fn unknown_organisations_and_other_kinds_keep_their_own_names() {
        let text = "Acme Widgets hired Ms EU. The Fed said.";
        let all = resolve(
            text,
            &tagged(
                text,
                &[
                    ("Acme Widgets", Label::Org),
                    ("EU", Label::Per),
                    ("Fed", Label::Org),
                ],
            ),
        );
        let names: Vec<(&str, EntityKind)> =
            all.iter().map(|e| (e.canonical.as_str(), e.kind)).collect();
        assert!(
            names.contains(&("Acme Widgets", EntityKind::Org)),
            "{names:?}"
        );
        assert!(names.contains(&("EU", EntityKind::Person)), "{names:?}");
        assert!(
            names.contains(&("Federal Reserve", EntityKind::Org)),
            "{names:?}"
        );
    }

    #[test]
    fn every_name_of_the_table_is_one_organisation() {
        let gaz = crate::extract::gazetteer::Gazetteers::embedded();
        let table = include_str!("../../../assets/gazetteer/org-names.tsv");
        let mut seen = std::collections::HashMap::new();
        for line in table
            .lines()
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
        {
            let names: Vec<&str> = line.split('\t').collect();
            assert!(names.len() >= 2, "a row with one name: {line}");
            for n in &names {
                let key = super::fold_key(EntityKind::Org, n);
                assert_eq!(gaz.org_name(&key), Some(names[0]), "{n} in {line}");
                if let Some(other) = seen.insert(key.clone(), names[0]) {
                    assert_eq!(other, names[0], "{key} names two organisations");
                }
            }
        }
    }
}
