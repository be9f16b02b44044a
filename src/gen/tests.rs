//! The generator: deterministic, realistic shapes, and its truth is what a clean card says.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use super::*;
use crate::parse::{parse_inputs, Input};

fn small() -> Corpus {
    generate(&Options {
        count: 120,
        seed: 7,
        damage_rate: 0.0,
        decisions_per_100: 10,
    })
}

#[test]
fn the_same_seed_gives_the_same_bytes_and_another_seed_others() {
    let a = small();
    assert_eq!(a, small());
    let b = generate(&Options {
        seed: 8,
        ..Options {
            count: 120,
            seed: 7,
            damage_rate: 0.0,
            decisions_per_100: 10,
        }
    });
    assert_ne!(a.files, b.files);
}

#[test]
fn the_world_has_families_shared_organisations_and_projects_without_card() {
    let c = small();
    let cards: Vec<&Value> = c.truth.iter().filter(|t| t["kind"] == "card").collect();
    let decisions = c.truth.len() - cards.len();
    assert!(cards.len() <= 120 && cards.len() > 100, "{}", cards.len());
    assert!(decisions > 3, "{decisions}");
    let with_successors = cards
        .iter()
        .filter(|t| !t["successors"].as_array().unwrap().is_empty())
        .count();
    let branching = cards
        .iter()
        .filter(|t| t["successors"].as_array().unwrap().len() > 1)
        .count();
    assert!(
        with_successors > 10 && branching > 2,
        "{with_successors} {branching}"
    );
    let mut orgs: BTreeMap<String, usize> = BTreeMap::new();
    for t in &cards {
        for o in t["implementers"].as_array().unwrap() {
            *orgs.entry(o.as_str().unwrap().to_owned()).or_default() += 1;
        }
    }
    assert!(
        orgs.values().any(|&n| n >= 3),
        "organisations recur: {orgs:?}"
    );
    // a successor named by a card but without a card of its own
    let with_card: std::collections::BTreeSet<&str> =
        cards.iter().map(|t| t["code"].as_str().unwrap()).collect();
    let named_only = cards
        .iter()
        .flat_map(|t| t["successors"].as_array().unwrap())
        .filter(|s| !with_card.contains(s.as_str().unwrap()))
        .count();
    assert!(named_only > 0);
}

#[test]
fn clean_generated_cards_parse_to_their_truth() {
    let c = small();
    let inputs: Vec<Input> = c.inputs();
    let parsed: BTreeMap<String, Value> = parse_inputs(&inputs)
        .iter()
        .map(|d| (d.file.clone(), serde_json::to_value(d).unwrap()))
        .collect();
    let (cards, decisions): (Vec<Value>, Vec<Value>) =
        c.truth.iter().cloned().partition(|t| t["kind"] == "card");
    let scores = accuracy(&cards, &parsed, CARD_FIELDS)
        .into_iter()
        .chain(accuracy(&decisions, &parsed, DECISION_FIELDS));
    for s in scores {
        assert_eq!(s.correct, s.total, "{s:?}");
    }
}

#[test]
fn accuracy_counts_what_differs() {
    let truth = vec![
        json!({"file": "a", "code": "S1", "implementers": ["x", "y"]}),
        json!({"file": "b", "code": "S2", "implementers": ["z"]}),
        json!({"file": "c", "code": "S3"}),
    ];
    let parsed: BTreeMap<String, Value> = [
        (
            "a".to_owned(),
            json!({"code": "S1", "implementers": ["y", "x"]}),
        ),
        ("b".to_owned(), json!({"code": "S9", "implementers": ["z"]})),
    ]
    .into_iter()
    .collect();
    let s = accuracy(&truth, &parsed, &["code", "implementers"]);
    assert_eq!((s[0].correct, s[0].total), (1, 3));
    assert_eq!((s[1].correct, s[1].total), (2, 2));
}
