//! The shipped sample corpus (`data/`) against its truth (`data/truth.json`), written by hand
//! independently of the parser: every field of every document.
#![allow(clippy::expect_used, clippy::unwrap_used)]

mod common;

use common::{assert_fields, json, parse_run, root, CARD_KEYS, DECISION_KEYS};

#[test]
fn sample_corpus_matches_its_truth() {
    let truth: Vec<serde_json::Value> =
        serde_json::from_slice(&std::fs::read(root().join("data/truth.json")).expect("truth.json"))
            .expect("valid JSON");
    let inputs: Vec<(String, Vec<u8>)> = truth
        .iter()
        .map(|t| {
            let rel = t["file"].as_str().expect("file");
            (
                rel.to_owned(),
                std::fs::read(root().join("data").join(rel)).expect("corpus file"),
            )
        })
        .collect();
    let docs = parse_run(&inputs);
    let mut failures = Vec::new();
    for (doc, want) in docs.iter().zip(&truth) {
        let got = json(doc);
        let keys = if want["kind"] == "card" {
            CARD_KEYS
        } else {
            DECISION_KEYS
        };
        if let Err(e) = std::panic::catch_unwind(|| assert_fields(&doc.file, &got, want, keys)) {
            failures.push(e.downcast_ref::<String>().cloned().unwrap_or_default());
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} documents differ from the truth:\n{}",
        failures.len(),
        truth.len(),
        failures.join("\n")
    );
}
