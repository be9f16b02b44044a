//! Damaged variants parse to the same facts as the documents they came from.
//!
//! Every kind of damage real inputs carry (bytes, layout, OCR, codes), alone and in the
//! combinations real inputs show, is applied by `common::damage` to the seed cards and to our own
//! fixture cards. A variant parsed in the same run as its source (so that the run's evidence
//! can restore letters) must give every fact of the source; parsed alone it must still give
//! every fact that does not depend on restoring letters.
#![allow(clippy::expect_used, clippy::unwrap_used)]

mod common;

use common::damage::{apply, Damage, ALL, COMBOS};
use common::{assert_fields, json, parse_run, root, seed, CARD_KEYS};

/// Keys that do not depend on restoring Finnish letters.
const LETTER_FREE_KEYS: &[&str] = &[
    "kind",
    "code",
    "start",
    "end",
    "funding_eur",
    "predecessors",
    "successors",
    "related_projects",
    "links",
];

/// Damage that changes characters of the prose (so section texts differ).
fn touches_prose(ds: &[Damage]) -> bool {
    ds.iter().any(|d| {
        matches!(
            d,
            Damage::UmlautsLost
                | Damage::UmlautsMisread
                | Damage::OneForL
                | Damage::DollarForS
                | Damage::MissingSpaces
                | Damage::Cp1252
        )
    })
}

fn sources() -> Vec<(String, String)> {
    let mut out = Vec::new();
    for p in ["000", "001", "002", "004"] {
        let (name, bytes) = seed(p);
        out.push((
            name,
            String::from_utf8(bytes).expect("seed cards are UTF-8"),
        ));
    }
    let dir = root().join("tests/fixtures/cards");
    let mut fixtures: Vec<_> = std::fs::read_dir(&dir)
        .expect("fixtures")
        .filter_map(|e| e.ok())
        .map(|e| e.path())
        .collect();
    fixtures.sort();
    for f in fixtures {
        out.push((
            f.display().to_string(),
            std::fs::read_to_string(&f).expect("fixture"),
        ));
    }
    out
}

fn check(ds: &[Damage]) {
    for (seed_no, (name, clean)) in sources().into_iter().enumerate() {
        let damaged = apply(&clean, ds, 0x5eed + seed_no as u64);
        if let Some(dir) = std::env::var_os("HANKEGRAPH_DUMP_DAMAGE") {
            // for debugging: the damaged variants as files
            let name_part = std::path::Path::new(&name)
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            let _ = std::fs::write(
                std::path::Path::new(&dir).join(format!("{name_part}.{ds:?}.txt")),
                &damaged,
            );
        }
        let label = format!("{name} with {ds:?}");
        let together = parse_run(&[
            (name.clone(), clean.clone().into_bytes()),
            (format!("{name}~damaged"), damaged.clone()),
        ]);
        let (want, got) = (json(&together[0]), json(&together[1]));
        assert_fields(&label, &got, &want, CARD_KEYS);
        if !touches_prose(ds) {
            assert_fields(&label, &got, &want, &["sections"]);
        }
        let alone = parse_run(&[(format!("{name}~alone"), damaged)]);
        let want_alone = json(&parse_run(&[(name.clone(), clean.into_bytes())])[0]);
        assert_fields(
            &format!("{label} (alone)"),
            &json(&alone[0]),
            &want_alone,
            LETTER_FREE_KEYS,
        );
    }
}

#[test]
fn each_damage_alone() {
    for d in ALL {
        check(&[d]);
    }
}

#[test]
fn damages_combined() {
    for combo in COMBOS {
        check(combo);
    }
}

#[test]
fn every_damage_at_once() {
    // everything but the mutually exclusive pairs (a BOM means UTF-8; two-column and lost
    // structure are two different layouts)
    check(&[
        Damage::UmlautsMisread,
        Damage::OneForL,
        Damage::DollarForS,
        Damage::HyphenatedLabels,
        Damage::SplitLabels,
        Damage::PageBreaks,
        Damage::TrailingBlanks,
        Damage::Crlf,
        Damage::Cp1252,
    ]);
}
