//! Shared helpers of the integration tests.
#![allow(dead_code)]

#[allow(unused_imports)]
pub use hankegraph::gen::damage;
pub mod server;

use hankegraph::parse::{parse_inputs, Input};
use hankegraph::Document;
use std::path::PathBuf;

/// The repository root.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// `../shared/seeds`, beside the repository (CI puts `shared/` there).
pub fn seeds_dir() -> PathBuf {
    let dir = root().join("../shared/seeds");
    assert!(
        dir.is_dir(),
        "the seed documents are expected in {}",
        dir.display()
    );
    dir
}

/// The bytes of one seed, by its number prefix (`000` … `004`).
pub fn seed(prefix: &str) -> (String, Vec<u8>) {
    let dir = seeds_dir();
    let mut names: Vec<_> = std::fs::read_dir(&dir)
        .expect("seeds readable")
        .filter_map(|e| e.ok())
        .map(|e| e.path())
        .filter(|p| {
            p.file_name()
                .is_some_and(|n| n.to_string_lossy().starts_with(prefix))
        })
        .collect();
    names.sort();
    let p = names.first().unwrap_or_else(|| panic!("no seed {prefix}"));
    (
        p.display().to_string(),
        std::fs::read(p).expect("seed readable"),
    )
}

/// Parses named byte strings as one run.
pub fn parse_run(docs: &[(String, Vec<u8>)]) -> Vec<Document> {
    let inputs: Vec<Input> = docs
        .iter()
        .map(|(f, b)| Input {
            file: f.clone(),
            bytes: b.clone(),
        })
        .collect();
    parse_inputs(&inputs)
}

/// A document as JSON, for field-by-field comparison.
pub fn json(doc: &Document) -> serde_json::Value {
    serde_json::to_value(doc).expect("documents serialise")
}

/// Compares the listed keys of two JSON objects and panics with every difference side by side.
pub fn assert_fields(
    context: &str,
    got: &serde_json::Value,
    want: &serde_json::Value,
    keys: &[&str],
) {
    let mut diffs = Vec::new();
    for k in keys {
        let (g, w) = (&got[*k], &want[*k]);
        if g != w {
            diffs.push(format!("  {k}:\n    got:  {g}\n    want: {w}"));
        }
    }
    assert!(
        diffs.is_empty(),
        "{context}: {} field(s) differ\n{}",
        diffs.len(),
        diffs.join("\n")
    );
}

/// The card and decision keys of the parse contract.
#[allow(unused_imports)]
pub use hankegraph::gen::{CARD_FIELDS as CARD_KEYS, DECISION_FIELDS as DECISION_KEYS};
