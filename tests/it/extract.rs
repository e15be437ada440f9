//! The embedded entity model on the hand-annotated seed article (`../shared/seed`).

use dateline::extract::{Label, extract};

#[derive(serde::Deserialize)]
struct GoldEntity {
    start: usize,
    end: usize,
    label: String,
    #[serde(default)]
    optional: bool,
}

#[derive(serde::Deserialize)]
struct GoldDoc {
    text: String,
    entities: Vec<GoldEntity>,
}

/// The seed article, or `None` (the reason printed) when `../shared` is missing.
fn seed() -> Option<GoldDoc> {
    let path = crate::support::shared_path("seed/aa-nato-kosovo-2023-09-07.gold.jsonl")?;
    let text = std::fs::read_to_string(path).expect("read the seed article");
    Some(serde_json::from_str(text.lines().next().expect("a first line")).expect("seed JSON"))
}

#[test]
fn entity_offsets_point_at_their_text() {
    let text = "NATO Secretary General Jens Stoltenberg met Kosovo’s President Vjosa Osmani-Sadriu in Brussels.";
    let found = extract(text);
    assert!(!found.is_empty());
    let chars: Vec<char> = text.chars().collect();
    for e in &found {
        let slice: String = chars[e.start..e.end].iter().collect();
        assert_eq!(slice, e.text);
    }
    assert!(
        found
            .iter()
            .any(|e| e.text == "Jens Stoltenberg" && e.label == Label::Per),
        "{found:?}"
    );
    assert!(
        found
            .iter()
            .any(|e| e.text == "Brussels" && e.label == Label::Loc),
        "{found:?}"
    );
}

#[test]
fn seed_article_f1_is_high() {
    let Some(doc) = seed() else { return };
    let required: Vec<(usize, usize, Label)> = doc
        .entities
        .iter()
        .filter(|e| !e.optional)
        .filter_map(|e| Label::parse(&e.label).map(|l| (e.start, e.end, l)))
        .collect();
    let optional: Vec<(usize, usize)> = doc
        .entities
        .iter()
        .filter(|e| e.optional)
        .map(|e| (e.start, e.end))
        .collect();
    let pred: Vec<(usize, usize, Label)> = extract(&doc.text)
        .into_iter()
        .map(|e| (e.start, e.end, e.label))
        .filter(|p| required.contains(p) || !optional.contains(&(p.0, p.1)))
        .collect();
    let tp = pred.iter().filter(|p| required.contains(p)).count() as f64;
    let f1 = 2.0 * tp / (pred.len() + required.len()) as f64;
    // Measured 0.990 with the issue #4 model.
    assert!(f1 >= 0.95, "seed micro F1 {f1:.3} below 0.95");
}

/// Regression for issue #4's reported errors on modern news: a Ukrainian full name tagged
/// ORG, a lone "Lula" tagged LOC (a city's alternate name), a Title Case headline swallowing
/// ordinary words, and a US state geocoded to the country's centre.
#[test]
fn modern_news_errors_of_issue_4_stay_fixed() {
    use dateline::extract::resolve::extract_entities;
    use dateline::model::EntityKind;
    let text = "Volodymyr Zelensky met Lula in Brasília. Later Zelensky flew to Texas.";
    let found = extract(text);
    let label = |t: &str| found.iter().find(|e| e.text == t).map(|e| e.label);
    assert_eq!(label("Volodymyr Zelensky"), Some(Label::Per), "{found:?}");
    assert_eq!(label("Lula"), Some(Label::Per), "{found:?}");
    assert_eq!(label("Texas"), Some(Label::Loc), "{found:?}");

    let headline = extract("Trump Says Colombia Will Accept Deportees, Ending Tariff Standoff");
    let spans: Vec<(&str, Label)> = headline
        .iter()
        .map(|e| (e.text.as_str(), e.label))
        .collect();
    assert_eq!(spans, [("Trump", Label::Per), ("Colombia", Label::Loc)]);

    let texas = extract_entities(text)
        .into_iter()
        .find(|e| e.kind == EntityKind::Place && e.canonical == "Texas")
        .and_then(|e| e.place)
        .expect("Texas is geocoded");
    // Inside Texas (roughly 26-36 N, 94-107 W), not the US centroid (about 38 N, 97 W).
    assert!((26.0..36.0).contains(&texas.lat), "{texas:?}");
    assert!((-107.0..-94.0).contains(&texas.lon), "{texas:?}");
}

/// Every entity `extract` finds in the hand-annotated modern texts (headlines, summaries,
/// whole articles, blogs: every `scripts/devset/*.ann.jsonl`), one line each: what a change
/// meant to make the tagger faster must leave exactly as it was. The file was written by the
/// code before that work (`DATELINE_BLESS_GOLDEN=1` rewrites it, for a change that means to
/// move the output).
#[test]
fn the_tagger_finds_exactly_the_spans_it_found_before() {
    use dateline::extract::train::eval::parse_gold_jsonl;
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut anns: Vec<String> = std::fs::read_dir(root.join("scripts/devset"))
        .expect("scripts/devset")
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .filter(|n| n.ends_with(".ann.jsonl"))
        .collect();
    anns.sort();
    let mut out = String::new();
    let mut docs = 0;
    for ann in &anns {
        let Some(gold_text) = crate::extract_cli::modern_gold(ann) else {
            return;
        };
        let stem = ann.trim_end_matches(".ann.jsonl");
        for (n, doc) in parse_gold_jsonl(&gold_text)
            .expect("gold parses")
            .iter()
            .enumerate()
        {
            docs += 1;
            for e in extract(&doc.text) {
                out.push_str(&format!(
                    "{stem}:{n}\t{}\t{}\t{}\t{}\n",
                    e.start,
                    e.end,
                    e.label.as_str(),
                    e.text.replace(['\n', '\t'], " ")
                ));
            }
        }
    }
    assert!(docs > 1000, "{docs} texts");
    let golden = root.join("tests/fixtures/extract-golden.tsv");
    if std::env::var_os("DATELINE_BLESS_GOLDEN").is_some() {
        std::fs::write(&golden, &out).expect("write the golden spans");
    }
    let want = std::fs::read_to_string(&golden).expect("tests/fixtures/extract-golden.tsv");
    let (got, want): (Vec<&str>, Vec<&str>) = (out.lines().collect(), want.lines().collect());
    if let Some(i) = (0..got.len().max(want.len())).find(|&i| got.get(i) != want.get(i)) {
        panic!(
            "first difference at line {}: found {:?}, before {:?} ({} spans now, {} before)",
            i + 1,
            got.get(i),
            want.get(i),
            got.len(),
            want.len()
        );
    }
}
