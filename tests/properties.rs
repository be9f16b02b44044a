//! Properties of the reader and parsers, checked on generated inputs (proptest):
//!
//! * parsing never panics, whatever the bytes, and gives one document per input;
//! * parsing is stable under the transformations that do not change a document's content: CRLF
//!   line ends, trailing blanks, blank lines, page breaks with repeated headers and page
//!   numbers, a BOM, and a round trip through Windows-1252 — in any combination, at positions
//!   chosen by the generator's seed;
//! * the normalisers round-trip what the mapping writes (amounts, dates).
//!
//! The fixed damage tables of tests/damage.rs stay: they pin known cases; these explore.
#![allow(clippy::expect_used, clippy::unwrap_used)]

mod common;

use common::damage::{apply, Damage};
use common::{assert_fields, json, parse_run, root, seed, CARD_KEYS};
use hankegraph::parse::{parse_inputs, Input};
use hankegraph::text::amount::Euros;
use hankegraph::text::date::Date;
use proptest::prelude::*;
use std::sync::OnceLock;

/// Clean cards to transform: the seed cards and our fixture cards.
fn sources() -> &'static [(String, String)] {
    static SOURCES: OnceLock<Vec<(String, String)>> = OnceLock::new();
    SOURCES.get_or_init(|| {
        let mut out = Vec::new();
        for p in ["000", "001", "002", "004"] {
            let (name, bytes) = seed(p);
            out.push((
                name,
                String::from_utf8(bytes).expect("seed cards are UTF-8"),
            ));
        }
        for f in ["S29960_kotipesa.txt", "S29970_pajapolku.txt"] {
            let path = root().join("tests/fixtures/cards").join(f);
            out.push((
                f.to_owned(),
                std::fs::read_to_string(&path).expect("fixture card"),
            ));
        }
        out
    })
}

/// The harmless transformations, chosen by the bits of `mask`.
fn harmless(mask: u8) -> Vec<Damage> {
    [
        Damage::Crlf,
        Damage::TrailingBlanks,
        Damage::BlankLines,
        Damage::PageBreaks,
        Damage::Bom,
        Damage::Cp1252,
    ]
    .into_iter()
    .enumerate()
    .filter(|(i, _)| mask & (1 << i) != 0)
    .map(|(_, d)| d)
    .collect()
}

/// A card-shaped document whose values are arbitrary text.
fn card_shaped(values: &[String]) -> String {
    let labels = [
        "Hankkeen nimi, S-numero ja toteutusaika",
        "Rahoittaja ja toteutunut julkinen rahoitus",
        "Toteuttajat",
        "Varsinaiset kohderyhmät",
        "Hankkeen tausta",
        "Tavoitteet",
        "Toimintatapa",
        "Tuotokset",
        "Muut tulokset ja vaikutukset",
        "Levittäminen ja juurrutus",
        "Erityishuomioita, kehittämistyön ongelmia",
    ];
    let mut s = String::from(
        "Hankekortti, Euroopan sosiaalirahaston toimintalinja 5\nKoonnut Sosiaalisen osallisuuden edistämisen koordinaatiohanke – Sokra, marraskuu 2019\n\n",
    );
    for (label, value) in labels.iter().zip(values.iter().cycle()) {
        s.push_str(label);
        s.push('\n');
        s.push_str(value);
        s.push('\n');
    }
    s
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    #[test]
    fn parsing_arbitrary_bytes_never_panics(
        docs in prop::collection::vec(prop::collection::vec(any::<u8>(), 0..3000), 1..4)
    ) {
        let inputs: Vec<Input> = docs
            .into_iter()
            .enumerate()
            .map(|(i, bytes)| Input { file: format!("doc{i}.txt"), bytes })
            .collect();
        let parsed = parse_inputs(&inputs);
        prop_assert_eq!(parsed.len(), inputs.len());
    }

    #[test]
    fn parsing_card_shaped_text_never_panics(
        values in prop::collection::vec("(\\PC|\\n|S2[0-9]{4}|[0-9 .,€–-]{1,12}){0,60}", 1..12)
    ) {
        let card = card_shaped(&values);
        let parsed = parse_inputs(&[Input { file: "card.txt".into(), bytes: card.into_bytes() }]);
        prop_assert_eq!(parsed.len(), 1);
    }

    #[test]
    fn harmless_transformations_keep_every_fact(
        source in 0usize..6,
        mask in 1u8..64,
        generator_seed in any::<u64>(),
    ) {
        let (name, clean) = &sources()[source];
        let damages = harmless(mask);
        let damaged = apply(clean, &damages, generator_seed);
        let label = format!("{name} with {damages:?}, seed {generator_seed}");
        // alone, as a user would parse it, against the clean card parsed alone
        let want = json(&parse_run(&[(name.clone(), clean.clone().into_bytes())])[0]);
        let got = json(&parse_run(&[(format!("{name}~transformed"), damaged)])[0]);
        assert_fields(&label, &got, &want, CARD_KEYS);
        if !damages.contains(&Damage::Cp1252) {
            assert_fields(&label, &got, &want, &["sections"]);
        }
    }

    #[test]
    fn decimal_amounts_round_trip(cents in -(1i64 << 50)..(1i64 << 50)) {
        let e = Euros::from_cents(cents);
        prop_assert_eq!(Euros::parse_decimal(&e.to_decimal_string()), Some(e));
    }

    #[test]
    fn iso_dates_round_trip(y in 1900i32..=2100, m in 1u32..=12, d in 1u32..=31) {
        if let Some(date) = Date::new(y, m, d) {
            prop_assert_eq!(Date::parse_iso(&date.to_string()), Some(date));
            prop_assert_eq!(Date::parse_xsd(&date.to_string(), true), Some(date));
        } else {
            prop_assert!(d > 28, "{y}-{m}-{d} refused");
        }
    }
}
