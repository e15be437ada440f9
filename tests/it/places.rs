//! Where places are put: the country the resolver gives each place mention, scored against
//! `scripts/devset/places-dev.jsonl` (every LOC mention of the three modern-news dev files,
//! each with the country its writer means, annotated by hand without any model output).
//!
//! Two figures: resolution alone (the gold spans given to the resolver, so tagging errors do
//! not count) and end to end through `dateline extract --jsonl` (on the gold place mentions
//! the tagger also found as places, with how many it found).

use std::collections::HashMap;
use std::path::Path;

use dateline::extract::train::eval::{GoldText, parse_gold_jsonl};
use dateline::extract::{Entity, Label};
use serde::Deserialize;
use serde_json::Value;

use crate::extract_cli::modern_gold;

/// One line of `places-dev.jsonl`.
#[derive(Deserialize)]
struct PlacesItem {
    id: String,
    sha256: String,
    /// `[start, end, text, country, kind, note, optional]`.
    places: Vec<(usize, usize, String, String, String, String, bool)>,
}

/// The gold texts of the three dev files, by id, or `None` when `../shared` is missing.
fn gold_texts() -> Option<HashMap<String, GoldText>> {
    let mut all = HashMap::new();
    for ann in [
        "modern-dev.ann.jsonl",
        "modern-full-dev.ann.jsonl",
        "modern-full-dev2.ann.jsonl",
    ] {
        for doc in parse_gold_jsonl(&modern_gold(ann)?).expect("gold parses") {
            all.insert(doc.id.clone(), doc);
        }
    }
    Some(all)
}

fn places_dev() -> Vec<PlacesItem> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("scripts/devset/places-dev.jsonl");
    std::fs::read_to_string(path)
        .expect("places-dev.jsonl")
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| serde_json::from_str(l).expect("places-dev line"))
        .collect()
}

fn sha256_hex(text: &str) -> String {
    dateline::extract::train::devset::sha256_hex(text)
}

/// Right and wrong answers, with the wrong ones listed for the report.
#[derive(Default)]
struct Tally {
    right: usize,
    wrong: Vec<String>,
}

impl Tally {
    fn add(&mut self, id: &str, text: &str, want: &str, got: Option<&str>) {
        let got = got.unwrap_or("");
        if got == want {
            self.right += 1;
        } else {
            let item = id.rsplit('#').nth(2).unwrap_or(id);
            self.wrong
                .push(format!("  {text:?}: want {want:?}, got {got:?} ({item})"));
        }
    }

    fn total(&self) -> usize {
        self.right + self.wrong.len()
    }

    fn percent(&self) -> f64 {
        100.0 * self.right as f64 / self.total().max(1) as f64
    }
}

/// Gold spans of every label, as the tagger would have given them.
fn gold_mentions(doc: &GoldText) -> Vec<Entity> {
    let chars: Vec<char> = doc.text.chars().collect();
    doc.entities
        .iter()
        .map(|e| Entity {
            start: e.start,
            end: e.end,
            label: Label::parse(&e.label).expect("PER/LOC/ORG"),
            text: chars[e.start..e.end].iter().collect(),
        })
        .collect()
}

/// `(start, end) -> country` for every mention the resolver placed in one country.
fn countries_of(text: &str, mentions: &[Entity]) -> HashMap<(usize, usize), String> {
    let mut out = HashMap::new();
    for e in dateline::extract::resolve::resolve(text, mentions) {
        let Some(place) = &e.place else { continue };
        if place.country_code.is_empty() {
            continue;
        }
        for m in &e.mentions {
            out.insert((m.start, m.end), place.country_code.clone());
        }
    }
    out
}

/// Resolution on the gold spans: the share of place mentions in news that get the country
/// their writer meant.
#[test]
fn places_resolve_to_the_right_country_on_gold_spans() {
    let Some(gold) = gold_texts() else { return };
    let items = places_dev();
    assert!(items.len() >= 180, "places-dev has 182 items");
    let mut tally = Tally::default();
    for item in &items {
        let doc = gold.get(&item.id).expect("a places-dev id is a gold id");
        assert_eq!(
            sha256_hex(&doc.text),
            item.sha256,
            "{}: text changed",
            item.id
        );
        let countries = countries_of(&doc.text, &gold_mentions(doc));
        let chars: Vec<char> = doc.text.chars().collect();
        for (start, end, text, want, _, _, _) in &item.places {
            let read: String = chars[*start..*end].iter().collect();
            assert_eq!(&read, text, "{}: span {start}..{end}", item.id);
            tally.add(
                &item.id,
                text,
                want,
                countries.get(&(*start, *end)).map(String::as_str),
            );
        }
    }
    eprintln!(
        "places on gold spans: {} of {} mentions in the right country ({:.1}%)",
        tally.right,
        tally.total(),
        tally.percent()
    );
    if std::env::var_os("DATELINE_PLACES_MISSES").is_some() {
        eprintln!("{}", tally.wrong.join("\n"));
    }
    assert!(tally.total() >= 1_100);
    // Measured 94.4% (1,039 of 1,101); 89.7% with landmarks alone, before the population
    // prior, the towns of 5,000+, the areas and places named after known ones. The issue's
    // goal is 97%: much of what is left are small places no gazetteer here knows (Tumbler
    // Ridge, Great Nicobar) and "Palestine" as a historical region.
    assert!(tally.percent() >= 93.5, "place resolution below 93.5%");
}

/// End to end through `dateline extract --jsonl`: the `country` of each gold place mention the
/// tagger also found as a place.
#[test]
fn places_through_extract_jsonl_carry_the_right_country() {
    let Some(gold) = gold_texts() else { return };
    let items = places_dev();
    let mut input = String::new();
    for item in &items {
        let doc = &gold[&item.id];
        input.push_str(&serde_json::json!({"id": doc.id, "text": doc.text}).to_string());
        input.push('\n');
    }
    let stdout =
        crate::extract_cli::stdout(&crate::extract_cli::extract(&["--jsonl"], input.as_bytes()));
    let mut tally = Tally::default();
    let mut missed = 0;
    for (line, item) in stdout.lines().zip(&items) {
        let v: Value = serde_json::from_str(line).expect("JSON line");
        assert_eq!(v["id"], item.id.as_str());
        let found: HashMap<(u64, u64), Option<&str>> = v["entities"]
            .as_array()
            .expect("entities")
            .iter()
            .filter(|e| e["label"] == "LOC")
            .map(|e| {
                let span = (e["start"].as_u64().unwrap(), e["end"].as_u64().unwrap());
                (span, e["country"].as_str())
            })
            .collect();
        for (start, end, text, want, _, _, _) in &item.places {
            match found.get(&(*start as u64, *end as u64)) {
                Some(got) => tally.add(&item.id, text, want, *got),
                None => missed += 1,
            }
        }
    }
    eprintln!(
        "places through extract --jsonl: {} of {} found mentions in the right country ({:.1}%); \
         {missed} gold place mentions not found as places by the tagger",
        tally.right,
        tally.total(),
        tally.percent()
    );
    assert!(tally.total() >= 900, "the tagger finds most gold places");
    // Measured 96.8% (983 of 1,016 found; 85 gold place mentions not found as places).
    assert!(
        tally.percent() >= 95.5,
        "places through the CLI below 95.5%"
    );
}
