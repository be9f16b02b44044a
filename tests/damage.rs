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

/// Label shapes that flattened two-column tables and hyphenation leave, one fixture each
/// (`tests/fixtures/shapes/`, our own text): every fact must still be read.
///
/// - `S29990`: labels whose tail is displaced after (part of) the value, across a line break of
///   flattened text (`Rahoittaja ja toteutunut Pohjois-Karjalan` / `ELY-keskus, 143 210 €
///   julkinen rahoitus`), and a tail that starts in uppercase (`S-numero ja toteutusaika`).
/// - `S29992`: labels hyphenated inside flattened text, their tails displaced
///   (`Hank- keen <value> tausta`, `Rahoittaja ja toteutu- nut <value> julkinen rahoitus`).
/// - `S29994`: a two-column table whose label cells are hyphenated, the value's first letters
///   fitting the label's rest (`Hank-` / `Keskustan…` beside it, `keen tausta` below;
///   `kohderyh-` / `maahanmuuttajanaiset`, `mät`): no value may start with the hyphen.
#[test]
fn label_shapes_of_flattened_and_hyphenated_tables() {
    use serde_json::json;
    let cases = [
        (
            "S29990_tail-after-value.txt",
            json!({
                "code": "S29990",
                "name": "Rantakylän olohuone",
                "start": "2016-03-01",
                "end": "2018-02-28",
                "funder": "Pohjois-Karjalan ELY-keskus",
                "funding_eur": 143_210,
                "implementers": ["Rantakylän kyläyhdistys ry"],
                "target_groups": ["ikääntyneet kyläläiset", "omaishoitajat"],
                "predecessors": ["S29991"],
                "related_projects": [],
                "sections": {
                    "background": "Kylän palvelut olivat vähentyneet ja kylätalo seisoi tyhjillään. Hanke on jatkoa Kylätalo elää -hankkeelle (S29991).",
                    "goals": "Saada kylätalo jälleen kyläläisten yhteiseksi olohuoneeksi",
                    "methods": "Avoimet ovet kahdesti viikossa; kuljetukset; vapaaehtoisten vertaisohjaajien koulutus",
                    "outputs": "Kylätalon käyttöopas",
                    "practices": "Kimppakyydit kylätalolle",
                    "results": "Kävijöitä oli keskimäärin kaksikymmentä viikossa",
                    "dissemination": "Kyläyhdistys jatkaa avoimia ovia omin voimin.",
                    "remarks": "Vapaaehtoisten jaksaminen vaati tukea."
                },
                "warnings": []
            }),
        ),
        (
            "S29992_hyphenated-flattened.txt",
            json!({
                "code": "S29992",
                "name": "Harjun kohtaamo",
                "start": "2017-09-01",
                "end": "2019-08-31",
                "funder": "Lapin ELY-keskus",
                "funding_eur": 96_480,
                "implementers": ["Harjun setlementti ry"],
                "target_groups": ["työttömät nuoret aikuiset", "maahanmuuttajat"],
                "predecessors": ["S29993"],
                "related_projects": [],
                "sections": {
                    "background": "Harjun asuinalueella ei ollut paikkaa, jonne nuoret voisivat tulla ilman ajanvarausta. Hanke on jatkoa Harjun nuorisotila -hankkeelle (S29993).",
                    "goals": "Tarjota nuorille matalan kynnyksen kohtaamispaikka",
                    "methods": "Avoin kohtaamo; ohjaus opiskeluun; yhteiset ruokailut",
                    "outputs": "Kohtaamon toimintamalli",
                    "practices": "Nuorten oma raati",
                    "results": "Nuoret kertoivat saaneensa uusia ystäviä",
                    "dissemination": "Setlementti jatkaa kohtaamoa kaupungin tuella.",
                    "remarks": "Tilojen vaihtuminen kesken hankkeen hidasti työtä."
                },
                "warnings": []
            }),
        ),
        (
            "S29994_two-column-hyphenated.txt",
            json!({
                "code": "S29994",
                "name": "Kenttäpolku",
                "start": "2018-02-01",
                "end": "2020-01-31",
                "funder": "Keski-Pohjanmaan ELY-keskus",
                "funding_eur": 158_900,
                "implementers": ["Kentän nuorisoseura ry"],
                "target_groups": ["maahanmuuttajanaiset", "heidän lapsensa"],
                "predecessors": ["S29995"],
                "related_projects": [],
                "sections": {
                    "background": "Keskustan kerhotilat olivat liian kaukana asuinalueelta. Hanke on jatkoa Kenttäkerho-hankkeelle (S29995).",
                    "goals": "Tuoda kerhotoiminta asuinalueelle",
                    "methods": "Kerhot; retket; vanhempien illat",
                    "outputs": "Kerho-ohjaajan opas",
                    "practices": "Vanhempien vertaisillat",
                    "results": "Äidit löysivät toisensa",
                    "dissemination": "Nuorisoseura jatkaa kerhoja.",
                    "remarks": "Kerho-ohjaajien vaihtuvuus."
                },
                "warnings": []
            }),
        ),
    ];
    for (file, want) in cases {
        let path = root().join("tests/fixtures/shapes").join(file);
        let bytes = std::fs::read(&path).expect("shape fixture");
        let docs = parse_run(&[(file.to_owned(), bytes)]);
        assert_eq!(docs.len(), 1, "{file}");
        let keys: Vec<&str> = want
            .as_object()
            .expect("an object")
            .keys()
            .map(String::as_str)
            .collect();
        assert_fields(file, &json(&docs[0]), &want, &keys);
    }
}
