//! The real seed documents (`../shared/seeds/`): every field of every seed, with expected values
//! written by reading the seeds. The free-text sections are checked at their edges (first and
//! last words, word count) — that is where a misread label shows — so that the seeds' prose is not
//! copied into this repository.
#![allow(clippy::expect_used, clippy::unwrap_used)]

mod common;

use common::{assert_fields, json, parse_run, seed, CARD_KEYS, DECISION_KEYS};
use serde_json::{json, Value};

fn run() -> Vec<Value> {
    let inputs: Vec<(String, Vec<u8>)> = ["000", "001", "002", "003", "004"]
        .iter()
        .map(|p| seed(p))
        .collect();
    parse_run(&inputs).iter().map(json).collect()
}

/// (section, first words, last words, word count); `None` for an absent or empty section.
type SectionEdge = (&'static str, Option<(&'static str, &'static str, usize)>);

fn assert_sections(file: &str, got: &Value, want: &[SectionEdge]) {
    for (key, edge) in want {
        let text = got["sections"][key].as_str();
        match (edge, text) {
            (None, None) => {}
            (Some((first, last, words)), Some(t)) => {
                assert!(t.starts_with(first), "{file} {key} starts {t:?}");
                assert!(t.ends_with(last), "{file} {key} ends {t:?}");
                assert_eq!(
                    t.split_whitespace().count(),
                    *words,
                    "{file} {key} word count: {t:?}"
                );
            }
            _ => panic!("{file} {key}: got {text:?}, want {edge:?}"),
        }
    }
}

fn eura(code: &str) -> String {
    format!("https://www.eura2014.fi/rrtiepa/projekti.php?projektikoodi={code}")
}

const THL_MODEL: &str = "thl.fi/documents/966696/3775955/Kuopion+kansalaistoimijal%C3%A4ht%C3%B6isen+kehitt%C3%A4misen+mallin+kuvaus+ja+alustava+arviointi.pdf/87c197b8-6de7-4c1b-b70f-70da97f07740";

#[test]
fn seed_000_petosen_pompeli() {
    let d = &run()[0];
    let want = json!({
        "kind": "card", "code": "S20877", "name": "Petosen Pömpeli",
        "start": "2017-01-02", "end": "2017-12-31",
        "funder": "Etelä-Savon ELY-keskus", "funding_eur": 61386,
        "implementers": ["Pitkälahti-Petosen asukasyhdistys ry"],
        "target_groups": ["Työelämän ulkopuolella tai muuten heikossa asemassa olevat työikäiset, jotka eivät yllä julkisiin palveluihin tai eivät hyödy saamistaan palveluista"],
        "predecessors": ["S20474"], "successors": [], "related_projects": [],
        "continued_by_organisations": ["Kallaveden seurakunnan diakonia"],
        "links": [eura("S20877"), eura("S20474"), format!("https://www.{THL_MODEL}")],
        "compiled": {"by": "Sokra", "month": "2019-09"},
    });
    assert_fields("000", d, &want, CARD_KEYS);
    assert_eq!(d["compiled"]["by"], want["compiled"]["by"]);
    assert_eq!(d["compiled"]["month"], want["compiled"]["month"]);
    assert_sections(
        "000",
        d,
        &[
            (
                "background",
                Some((
                    "Hanketta on edeltänyt Petosen osallisuushanke S20474.",
                    "(pdf 489 kt)",
                    22,
                )),
            ),
            (
                "goals",
                Some((
                    "Soveltaa Petosen osallisuushankkeessa (S20474)",
                    "kehittää asiakaslähtöisyyttä",
                    19,
                )),
            ),
            (
                "methods",
                Some((
                    "Hankkeen toimitilassa tapahtuva avoin oleskelutila;",
                    "tapahtuva toiminta",
                    31,
                )),
            ),
            ("outputs", None),
            ("practices", None),
            (
                "results",
                Some((
                    "Asiakkaiden parantuneet elämäntilanteet",
                    "alueen toimijoista ja tukimuodoista",
                    16,
                )),
            ),
            (
                "dissemination",
                Some((
                    "Hankkeen jälkeen vastaavaa toimintaa",
                    "Kallaveden seurakunnan diakonia",
                    8,
                )),
            ),
            ("remarks", None),
        ],
    );
    let ev = d["lineage_evidence"].as_array().expect("evidence");
    assert_eq!(ev[0]["code"], "S20474");
    assert_eq!(ev[0]["relation"], "predecessor");
    assert_eq!(
        ev[0]["sentence"],
        "Hanketta on edeltänyt Petosen osallisuushanke S20474."
    );
}

#[test]
fn seed_001_mennaan_yhdessa_eteenpain() {
    let d = &run()[1];
    let want = json!({
        "kind": "card", "code": "S20731", "name": "Mennään yhdessä eteenpäin",
        "start": "2016-09-01", "end": "2017-09-30",
        "funder": "Etelä-Savon ELY-keskus", "funding_eur": 47126,
        "implementers": ["Tukikohta diakonia ry"],
        "target_groups": ["Tukikohta Diakonia ry:n ruokajonon, Pitkälahti-Petosen asukasyhdistyksen ja Petosen Pömpeli -hankkeen asiakkaat"],
        "predecessors": [], "successors": [], "related_projects": [],
        "continued_by_organisations": [],
        "links": [eura("S20731"), format!("https://{THL_MODEL}")],
    });
    assert_fields("001", d, &want, CARD_KEYS);
    assert_eq!(d["compiled"]["month"], "2019-09");
    assert_sections(
        "001",
        d,
        &[
            (
                "background",
                Some(("Kuopion kumppanuusrahoitusmalli", "(pdf 489 kt)", 16)),
            ),
            (
                "goals",
                Some(("Tukea nuorten Petosen", "tyéelamavalmiuksia", 9)),
            ),
            (
                "methods",
                Some((
                    "Ryhmatoiminnat: toiminnallisten menetelmien",
                    "asioiden selkeyttdminen",
                    29,
                )),
            ),
            ("outputs", None),
            ("practices", None),
            (
                "results",
                Some((
                    "Ryhmatoimintamalli syrjaytymisen ehkaisemiseksi;",
                    "itsetuntemuksen lisdantyminen",
                    12,
                )),
            ),
            (
                "dissemination",
                Some((
                    "Kaksi syrjaytyneiden parissa",
                    "toimintamallin kayttéonotosta",
                    10,
                )),
            ),
            ("remarks", None),
        ],
    );
}

#[test]
fn seed_002_yhteista_ymmarrysta() {
    let d = &run()[2];
    let want = json!({
        "kind": "card", "code": "S20540",
        "name": "Yhteistä ymmärrystä – lähityön malli aikuissosiaalityön areenoille",
        "start": "2016-02-01", "end": "2017-01-31",
        "funder": "Etelä-Savon ELY-keskus", "funding_eur": 67704,
        "implementers": ["Puumalan kunta"],
        "target_groups": ["Pitkäaikaistyöttömät", "osatyökykyiset", "muut aikuissosiaalityön asiakkaat", "Puumalan Klupin vapaaehtoiset", "paikalliset sote-toimijat", "yhteistyökumppanit"],
        "predecessors": [], "successors": [], "related_projects": [],
        "continued_by_organisations": ["Puumala Klupi"],
        "links": [
            eura("S20540"),
            "http://puumala.cloudnc.fi/fi-FI/Toimielimet/Kunnanhallitus/Kokous_1842017/Yhteista_ymmarrysta__Lahityon_malli_aiku(807)",
            "https://www.innokyla.fi/web/malli6242643",
        ],
    });
    assert_fields("002", d, &want, CARD_KEYS);
    assert_eq!(d["compiled"]["month"], "2019-12");
    assert_sections(
        "002",
        d,
        &[
            (
                "background",
                Some((
                    "Haja-asutusalueilla erityispalveluiden",
                    "palveluverkoston tasoilla.",
                    16,
                )),
            ),
            (
                "goals",
                Some(("Luoda haja-asutusalueelle", "etapalveluiden valille", 14)),
            ),
            (
                "methods",
                Some(("Yksilotyd (uudenlaisen", "paasta tavoitteisiin)", 34)),
            ),
            (
                "outputs",
                Some((
                    "Raportti (puumala.cloudnc.fi)",
                    "Raportti (puumala.cloudnc.fi)",
                    2,
                )),
            ),
            (
                "practices",
                Some(("Lahityo (innokyla.fi)", "Lahityo (innokyla.fi)", 2)),
            ),
            (
                "results",
                Some(("Tyodllistymiset, siitymé", "Essoten organisaatiossa", 24)),
            ),
            (
                "dissemination",
                Some((
                    "Puumala Klupi toimii jatkossakin",
                    "kehittavissa tydryhmissa",
                    20,
                )),
            ),
            (
                "remarks",
                Some((
                    "Selkeaa mallia ei pystytty luomaan.",
                    "hyvin epaselvia.",
                    12,
                )),
            ),
        ],
    );
}

#[test]
fn seed_003_kuopio_decision() {
    let d = &run()[3];
    let want = json!({
        "kind": "decision", "municipality": "Kuopio",
        "decision_body": "hyvinvoinnin edistämisen lautakunta",
        "applicant": "Pitkälahti-Petosen asukasyhdistys ry",
        "project_name": "Petosen Pömpeli", "amount_eur": 12923,
        "period": {"start": "2017-01-02", "end": "2017-12-31"},
        "decided": true, "matches_code": "S20877",
    });
    assert_fields("003", d, &want, DECISION_KEYS);
    // personal data never reaches the output
    let text = d.to_string();
    for pii in ["Norja", "044", "Vähäkangas", "Hentunen", "(at)"] {
        assert!(!text.contains(pii), "personal data {pii:?} in {text}");
    }
}

#[test]
fn seed_004_soppi() {
    let d = &run()[4];
    let want = json!({
        "kind": "card", "code": "S20129",
        "name": "Sosiaalista osallisuutta parantavat palveluinnovaatiot seuratyössä",
        "start": "2015-03-01", "end": "2018-02-28",
        "funder": "Pohjois-Pohjanmaan ELY-keskus", "funding_eur": 501920,
        "implementers": ["Kemin Lämärit ry", "Oulun Kärpät 46 ry", "Rovaniemen Kiekko"],
        "target_groups": ["Työttömät", "työmarkkinoiden ulkopuolella olevat", "nuoret", "maahanmuuttajat"],
        "predecessors": [], "successors": ["S21315", "S21336"], "related_projects": ["S20220"],
        "continued_by_organisations": [],
        "links": [
            eura("S20129"), "https://www.innokyla.fi/web/hanke2174196", "https://www.youtube.com/watch?v=WxTwlkbyfTA",
            "https://youtu.be/rsxIuj43Pyo", eura("S21315"), eura("S21336"), eura("S20220"),
        ],
    });
    assert_fields("004", d, &want, CARD_KEYS);
    assert_sections(
        "004",
        d,
        &[
            (
                "background",
                Some(("Kevyilla palvelupoluilla", "lakisaateisiin palveluihin.", 7)),
            ),
            (
                "goals",
                Some(("Suunnata seurojen", "parantavia palveluinnovaatioita", 19)),
            ),
            (
                "methods",
                Some(("Oulu: matalan kynnyksen toiminta:", "taidemenetelmat", 45)),
            ),
            ("outputs", Some(("Videot (Youtube):", "(20.2.2018)", 8))),
            ("practices", None),
            (
                "results",
                Some(("Siirtymat tyéelamaan,", "SOPPI-toimintamallit", 14)),
            ),
            (
                "dissemination",
                Some((
                    "Oulussa viriketoiminta vanhuksille jatkuu.",
                    "S21336 Rovaniemella.",
                    16,
                )),
            ),
            (
                "remarks",
                Some((
                    "Kykyviisari todettiin erinomaiseksi",
                    "palvelumallin visualisoinnista.",
                    26,
                )),
            ),
        ],
    );
    let ev = d["lineage_evidence"].as_array().expect("evidence");
    let succ: Vec<&Value> = ev.iter().filter(|e| e["relation"] == "successor").collect();
    assert_eq!(succ.len(), 2);
    assert!(succ.iter().all(|e| e["sentence"]
        .as_str()
        .is_some_and(|s| s.starts_with("Jatkohankkeet:"))));
}

#[test]
fn no_warnings_about_seed_structure() {
    // every label of the three complete cards is found; 000 ends at its dissemination section
    for (i, d) in run().iter().enumerate() {
        let codes: Vec<&str> = d["warnings"]
            .as_array()
            .expect("warnings")
            .iter()
            .filter_map(|w| w["code"].as_str())
            .collect();
        assert!(!codes.contains(&"missing-label"), "seed {i}: {codes:?}");
    }
}
