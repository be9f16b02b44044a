//! Synthetic corpora (`hankegraph gen`) read back against their truth (`hankegraph accuracy`),
//! and their lineage families found again in the store.
#![allow(clippy::expect_used, clippy::unwrap_used)]

use hankegraph::gen::{generate, Options};
use hankegraph::lineage::Lineage;
use hankegraph::parse::{parse_inputs, Input};
use hankegraph::rdf::Provenance;
use hankegraph::store::GraphStore;
use std::collections::{BTreeMap, BTreeSet};
use std::process::Command;

fn hankegraph() -> Command {
    Command::new(env!("CARGO_BIN_EXE_hankegraph"))
}

#[test]
fn a_damaged_generated_corpus_is_read_field_by_field() {
    let dir = std::env::temp_dir().join(format!("hankegraph-gen-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let out = hankegraph()
        .args([
            "gen",
            "--count",
            "250",
            "--seed",
            "5",
            "--damage-rate",
            "0.6",
            "--out",
        ])
        .arg(&dir)
        .output()
        .expect("gen runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let said = String::from_utf8_lossy(&out.stdout);
    assert!(
        said.contains(" cards, ") && said.contains(" decisions"),
        "{said}"
    );
    // a second gen into the same directory is refused, not mixed in
    let again = hankegraph()
        .args(["gen", "--count", "10", "--out"])
        .arg(&dir)
        .output()
        .expect("gen runs");
    assert!(!again.status.success());

    let out = hankegraph()
        .args(["accuracy", "--format", "json"])
        .arg(&dir)
        .output()
        .expect("accuracy runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let rows: Vec<serde_json::Value> = serde_json::from_slice(&out.stdout).expect("json");
    let fields: BTreeSet<&str> = rows.iter().filter_map(|r| r["field"].as_str()).collect();
    for f in [
        "code",
        "name",
        "start",
        "end",
        "funding_eur",
        "implementers",
        "successors",
        "matches_code",
    ] {
        assert!(fields.contains(f), "{f} is scored");
    }
    for r in &rows {
        let (correct, total) = (r["correct"].as_u64().unwrap(), r["total"].as_u64().unwrap());
        let floor = if matches!(r["field"].as_str(), Some("kind" | "code")) {
            1.0
        } else {
            0.97
        };
        #[allow(clippy::cast_precision_loss)]
        let share = correct as f64 / total as f64;
        assert!(share >= floor, "{r} is below {floor}");
    }
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn the_generated_families_are_the_families_in_the_store() {
    let corpus = generate(&Options {
        count: 120,
        seed: 9,
        damage_rate: 0.3,
        decisions_per_100: 5,
    });
    // families from the truth: connected components of predecessor/successor links
    let mut parent: BTreeMap<String, String> = BTreeMap::new();
    fn find(p: &mut BTreeMap<String, String>, x: &str) -> String {
        let up = p.get(x).cloned().unwrap_or_else(|| x.to_owned());
        if up == x {
            return up;
        }
        let root = find(p, &up);
        p.insert(x.to_owned(), root.clone());
        root
    }
    for t in corpus.truth.iter().filter(|t| t["kind"] == "card") {
        let code = t["code"].as_str().unwrap().to_owned();
        parent.entry(code.clone()).or_insert_with(|| code.clone());
        for other in t["successors"]
            .as_array()
            .unwrap()
            .iter()
            .chain(t["predecessors"].as_array().unwrap())
        {
            let other = other.as_str().unwrap().to_owned();
            parent.entry(other.clone()).or_insert_with(|| other.clone());
            let (a, b) = (find(&mut parent, &code), find(&mut parent, &other));
            if a != b {
                parent.insert(a, b);
            }
        }
    }
    let codes: Vec<String> = parent.keys().cloned().collect();
    let mut want: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for c in &codes {
        let r = find(&mut parent, c);
        want.entry(r).or_default().insert(c.clone());
    }
    let want: BTreeSet<BTreeSet<String>> = want.into_values().collect();

    let inputs: Vec<Input> = corpus.inputs();
    let store = GraphStore::in_memory().expect("store");
    for doc in parse_inputs(&inputs) {
        store.ingest(&doc, &Provenance::now()).expect("ingest");
    }
    let lineage = Lineage::load(&store).expect("lineage");
    let got: BTreeSet<BTreeSet<String>> = lineage
        .families()
        .into_iter()
        .map(|f| f.members.into_iter().collect())
        .collect();
    assert!(want.iter().any(|f| f.len() >= 3), "the corpus has families");
    assert_eq!(got, want);
}
