//! Unit tests of the mapping on documents built in code: the worked example of docs/mapping.md
//! §16 as a golden file, and one test per rule of §§6–13 that can go wrong.

use super::vocab::{hg, hgem, hgfk, hgout, hgrk, prov, rdf, schema, skos};
use super::*;
use crate::card::{Card, Compiled, Evidence, Method, Relation, Sections};
use crate::decision::{Decision, Outcome};
use crate::document::{Document, Kind, Warning};
use crate::text::amount::Euros;
use crate::text::date::{Date, Period};
use oxigraph::io::{RdfFormat, RdfParser};
use oxigraph::model::{GraphName, NamedNodeRef, Quad, Term};
use std::collections::BTreeSet;

const SHA_CARD: &str = "e7972a54f4fae80dee5777e1b6ee625115a1df249d093683a0271adce9fc54e1";
const SHA_DECISION: &str = "3b0580deb771541722897f371f7e1b81b39f22cdab48d5a0ad319684d6ea1ba0";

fn prov() -> Provenance {
    Provenance {
        ingested_at: "2025-01-31T09:30:00Z".to_owned(),
        tool_version: "0.1.0".to_owned(),
        source_url: None,
    }
}

fn date(s: &str) -> Option<Date> {
    Date::parse_iso(s)
}

fn eur(whole: i64) -> Option<Euros> {
    Some(Euros::from_cents(whole * 100))
}

fn strings(v: &[&str]) -> Vec<String> {
    v.iter().map(|s| (*s).to_owned()).collect()
}

/// The card of the worked example (§16).
fn example_card() -> Document {
    Document {
        file: "cards/S20474_petosen-osallisuushanke.txt".to_owned(),
        kind: Kind::Card,
        encoding: Some("utf-8"),
        sha256: SHA_CARD.to_owned(),
        warnings: vec![Warning::new(
            "ocr-letters",
            "restored 14 words with damaged ä/ö".to_owned(),
        )],
        card: Some(Card {
            code: Some("S20474".to_owned()),
            name: Some("Petosen osallisuushanke".to_owned()),
            start: date("2016-03-01"),
            end: date("2016-12-31"),
            funder: Some("Etelä-Savon ELY-keskus".to_owned()),
            funding_eur: eur(58210),
            implementers: strings(&["Pitkälahti-Petosen asukasyhdistys ry"]),
            target_groups: strings(&[
                "Petosen alueen työttömät",
                "pitkäaikaissairaat",
                "yksin asuvat työikäiset",
            ]),
            predecessors: vec![],
            successors: strings(&["S20877"]),
            related_projects: strings(&["S20220"]),
            continued_by_organisations: vec![],
            links: strings(&[
                "https://www.eura2014.fi/rrtiepa/projekti.php?projektikoodi=S20474",
            ]),
            compiled: Some(Compiled {
                by: Some("Sokra".to_owned()),
                month: Some("2019-09".to_owned()),
                text: "Sosiaalisen osallisuuden edistämisen koordinaatiohanke – Sokra, syyskuu 2019"
                    .to_owned(),
            }),
            sections: Sections {
                outputs: Some(
                    "Kuvaus alueellisesta toimintamallista; asiakaspalautteen keruulomake"
                        .to_owned(),
                ),
                ..Sections::default()
            },
            lineage_evidence: vec![
                Evidence {
                    code: "S20877".to_owned(),
                    relation: Relation::Successor,
                    section: "dissemination",
                    method: Method::TextPattern,
                    sentence: "Toimintamallia sovelletaan ja kehitetään edelleen jatkohankkeessa Petosen Pömpeli (S20877).".to_owned(),
                },
                Evidence {
                    code: "S20220".to_owned(),
                    relation: Relation::Mention,
                    section: "remarks",
                    method: Method::TextPattern,
                    sentence: "Sokra-koordinaatiohankkeen (S20220) alueellisissa tapaamisissa saatiin vertaistukea hankehallintoon.".to_owned(),
                },
            ],
        }),
        decision: None,
    }
}

/// The decision of the worked example (§16).
fn example_decision() -> Document {
    Document {
        file: "decisions/kuopio_2017_petosen-pompeli.txt".to_owned(),
        kind: Kind::Decision,
        encoding: Some("utf-8"),
        sha256: SHA_DECISION.to_owned(),
        warnings: vec![],
        card: None,
        decision: Some(Decision {
            municipality: Some("Kuopio".to_owned()),
            decision_body: Some("hyvinvoinnin edistämisen lautakunta".to_owned()),
            applicant: Some("Pitkälahti-Petosen asukasyhdistys ry".to_owned()),
            project_name: Some("Petosen Pömpeli".to_owned()),
            amount_eur: eur(12923),
            period: Some(Period {
                start: Date::new(2017, 1, 2).unwrap_or_else(|| unreachable!()),
                end: Date::new(2017, 12, 31).unwrap_or_else(|| unreachable!()),
            }),
            decided: true,
            outcome: Some(Outcome::Approved),
            matches_code: Some("S20877".to_owned()),
        }),
    }
}

/// The TriG block of docs/mapping.md §16, parsed.
fn worked_example_quads() -> BTreeSet<String> {
    let doc = include_str!("../../docs/mapping.md");
    let start = doc.find("```trig\n").map(|i| i + "```trig\n".len());
    let Some(start) = start else {
        panic!("no TriG block in docs/mapping.md");
    };
    let len = doc[start..].find("```").unwrap_or(0);
    RdfParser::from_format(RdfFormat::TriG)
        .for_slice(&doc[start..start + len])
        .map(|q| match q {
            Ok(q) => q.to_string(),
            Err(e) => panic!("the worked example does not parse: {e}"),
        })
        .collect()
}

fn as_strings(quads: &[Quad]) -> BTreeSet<String> {
    quads.iter().map(ToString::to_string).collect()
}

/// The worked example is exact (§16): the mapping gives its quads, with one deliberate change.
/// The organisation key drops the legal form, so that `Rovaniemen Kiekko` and
/// `Rovaniemen Kiekko ry` are one organisation; the spec's `…-asukasyhdistys-ry` becomes
/// `…-asukasyhdistys`.
#[test]
fn worked_example_is_reproduced() {
    let want: BTreeSet<String> = worked_example_quads()
        .into_iter()
        .map(|q| {
            q.replace(
                "organisation/pitkalahti-petosen-asukasyhdistys-ry>",
                "organisation/pitkalahti-petosen-asukasyhdistys>",
            )
        })
        .collect();
    let mut got = as_strings(&document_quads(&example_card(), &prov()));
    got.extend(as_strings(&document_quads(&example_decision(), &prov())));
    let missing: Vec<&String> = want.difference(&got).collect();
    let extra: Vec<&String> = got.difference(&want).collect();
    assert!(
        missing.is_empty() && extra.is_empty(),
        "missing:\n{}\nextra:\n{}",
        missing
            .iter()
            .map(|s| s.as_str())
            .collect::<Vec<_>>()
            .join("\n"),
        extra
            .iter()
            .map(|s| s.as_str())
            .collect::<Vec<_>>()
            .join("\n")
    );
}

fn objects(quads: &[Quad], s: &str, p: NamedNodeRef<'_>) -> BTreeSet<String> {
    quads
        .iter()
        .filter(|q| q.subject.to_string() == s && q.predicate.as_ref() == p)
        .map(|q| match &q.object {
            Term::Literal(l) => l.value().to_owned(),
            other => other.to_string(),
        })
        .collect()
}

fn doc_iri(sha: &str) -> String {
    format!("<https://w3id.org/hankegraph/document/{sha}>")
}

fn warnings(quads: &[Quad], sha: &str) -> BTreeSet<String> {
    objects(quads, &doc_iri(sha), hg::MAPPING_WARNING)
}

fn project(code: &str) -> String {
    format!("<https://w3id.org/hankegraph/project/{code}>")
}

fn card_doc(card: Card) -> Document {
    let mut d = example_card();
    d.warnings.clear();
    d.card = Some(card);
    d
}

fn bare_card(code: &str) -> Card {
    Card {
        code: Some(code.to_owned()),
        name: Some("Nimi".to_owned()),
        ..Card::default()
    }
}

#[test]
fn every_quad_is_in_the_document_graph_and_nothing_is_blank() {
    for doc in [example_card(), example_decision()] {
        let g = GraphName::NamedNode(document_graph(&doc));
        let quads = document_quads(&doc, &prov());
        assert!(!quads.is_empty());
        for q in &quads {
            assert_eq!(q.graph_name, g, "{q}");
            assert!(!q.to_string().contains("_:"), "blank node in {q}");
        }
        let unique: BTreeSet<String> = as_strings(&quads);
        assert_eq!(unique.len(), quads.len(), "duplicate quads");
    }
}

#[test]
fn mapping_is_deterministic() {
    for doc in [example_card(), example_decision()] {
        assert_eq!(document_quads(&doc, &prov()), document_quads(&doc, &prov()));
    }
}

#[test]
fn unknown_document_gets_metadata_only() {
    let doc = Document {
        file: "C:\\tmp\\kuva.png".to_owned(),
        kind: Kind::Unknown,
        encoding: None,
        sha256: SHA_CARD.to_owned(),
        warnings: vec![Warning::new(
            "binary",
            "binary data, not text; skipped".into(),
        )],
        card: None,
        decision: None,
    };
    let quads = document_quads(&doc, &prov());
    let d = doc_iri(SHA_CARD);
    assert!(
        quads.iter().all(|q| q.subject.to_string() == d),
        "{quads:?}"
    );
    assert_eq!(
        objects(&quads, &d, hg::FILE_NAME),
        BTreeSet::from(["kuva.png".to_owned()])
    );
    assert_eq!(
        objects(&quads, &d, hg::PARSER_WARNING),
        BTreeSet::from(["binary: binary data, not text; skipped".to_owned()])
    );
    assert!(objects(&quads, &d, hg::TEXT_ENCODING).is_empty());
    assert_eq!(
        objects(&quads, &d, prov::GENERATED_AT_TIME),
        BTreeSet::from(["2025-01-31T09:30:00Z".to_owned()])
    );
}

#[test]
fn card_without_code_keeps_only_its_metadata() {
    for code in [None, Some("S123")] {
        let doc = card_doc(Card {
            code: code.map(str::to_owned),
            ..bare_card("S20474")
        });
        let quads = document_quads(&doc, &prov());
        let d = doc_iri(SHA_CARD);
        assert!(quads.iter().all(|q| q.subject.to_string() == d));
        assert_eq!(
            warnings(&quads, SHA_CARD),
            BTreeSet::from([
                "code: card without a valid project code; card facts skipped".to_owned()
            ])
        );
    }
}

#[test]
fn lineage_sets_subsumption_self_reference_and_card_fields() {
    let ev = |code: &str, relation, sentence: &str| Evidence {
        code: code.to_owned(),
        relation,
        sentence: sentence.to_owned(),
        section: "background",
        method: Method::TextPattern,
    };
    let card = Card {
        predecessors: strings(&["S10001", "s10002 ", "X1"]),
        successors: strings(&["S20474"]),
        related_projects: strings(&["S10001", "S10003"]),
        lineage_evidence: vec![
            ev("S10001", Relation::Mention, "Mainitaan S10001."),
            ev("S10004", Relation::Parallel, "Rinnakkaishanke S10004."),
            ev("S10005", Relation::Successor, "  "),
        ],
        ..bare_card("S20474")
    };
    let quads = document_quads(&card_doc(card), &prov());
    let p = project("S20474");
    assert_eq!(
        objects(&quads, &p, hg::PREDECESSOR),
        BTreeSet::from([project("S10001"), project("S10002")])
    );
    // S10001 is a predecessor, so its mention is subsumed; S10003 stays a mention
    assert_eq!(
        objects(&quads, &p, hg::RELATED_PROJECT),
        BTreeSet::from([project("S10003")])
    );
    assert_eq!(
        objects(&quads, &p, hg::PARALLEL_PROJECT),
        BTreeSet::from([project("S10004")])
    );
    // an item with an empty sentence still counts in step 1
    assert_eq!(
        objects(&quads, &p, hg::SUCCESSOR),
        BTreeSet::from([project("S10005")])
    );
    // both directions of every lineage edge
    assert_eq!(
        objects(&quads, &project("S10001"), hg::SUCCESSOR),
        BTreeSet::from([p.clone()])
    );
    assert_eq!(
        objects(&quads, &project("S10005"), hg::PREDECESSOR),
        BTreeSet::from([p.clone()])
    );
    assert_eq!(
        objects(&quads, &project("S10004"), hg::PARALLEL_PROJECT),
        BTreeSet::from([p.clone()])
    );
    assert!(objects(&quads, &project("S10003"), hg::RELATED_PROJECT).is_empty());
    // every project named is a well-formed hg:Project
    for code in ["S10001", "S10002", "S10003", "S10004", "S10005"] {
        assert_eq!(
            objects(&quads, &project(code), hg::PROJECT_CODE),
            BTreeSet::from([code.to_owned()])
        );
    }
    assert!(objects(&quads, &project("S20474"), hg::SUCCESSOR)
        .iter()
        .all(|o| *o != p));
    assert_eq!(
        warnings(&quads, SHA_CARD),
        BTreeSet::from([
            "predecessors: invalid project code 'X1'".to_owned(),
            "lineage: self-reference to S20474".to_owned(),
            "lineage_evidence: empty sentence for S10005; item skipped".to_owned(),
        ])
    );
    // qualified relations: (target, kind, method)
    let rels: BTreeSet<(String, String, String)> = objects(&quads, &p, hg::QUALIFIED_RELATION)
        .into_iter()
        .map(|r| {
            let one = |pred| {
                objects(&quads, &r, pred)
                    .into_iter()
                    .next()
                    .unwrap_or_default()
            };
            (
                one(hg::RELATION_TARGET),
                one(hg::RELATION_KIND),
                one(hg::FOUND_BY),
            )
        })
        .collect();
    let t = |c: &str, k: NamedNodeRef<'_>, m: NamedNodeRef<'_>| {
        (project(c), k.to_string(), m.to_string())
    };
    assert_eq!(
        rels,
        BTreeSet::from([
            t("S10001", hgrk::MENTION, hgem::TEXT_PATTERN),
            t("S10001", hgrk::PREDECESSOR, hgem::CARD_FIELD),
            t("S10002", hgrk::PREDECESSOR, hgem::CARD_FIELD),
            t("S10003", hgrk::MENTION, hgem::CARD_FIELD),
            t("S10004", hgrk::PARALLEL, hgem::TEXT_PATTERN),
            t("S10005", hgrk::SUCCESSOR, hgem::CARD_FIELD),
        ])
    );
    // card-field relations quote nothing; text-pattern ones quote their sentence
    for r in objects(&quads, &p, hg::QUALIFIED_RELATION) {
        let by_card = objects(&quads, &r, hg::FOUND_BY).contains(&hgem::CARD_FIELD.to_string());
        assert_eq!(
            objects(&quads, &r, hg::EVIDENCE_TEXT).is_empty(),
            by_card,
            "{r}"
        );
        assert_eq!(
            objects(&quads, &r, hg::EVIDENCE_SECTION).is_empty(),
            by_card,
            "{r}"
        );
        assert_eq!(
            objects(&quads, &r, prov::HAD_PRIMARY_SOURCE),
            BTreeSet::from([doc_iri(SHA_CARD)])
        );
    }
    assert_eq!(
        objects(&quads, &p, hg::OUTCOME),
        BTreeSet::from([hgout::CONTINUED_BY_PROJECT.to_string()])
    );
}

#[test]
fn outcomes() {
    let cases: [(Card, &[NamedNodeRef<'_>]); 3] = [
        (bare_card("S20474"), &[hgout::ENDED]),
        (
            Card {
                continued_by_organisations: strings(&["Kallaveden seurakunnan diakonia"]),
                ..bare_card("S20474")
            },
            &[hgout::TAKEN_OVER_BY_ORGANISATION],
        ),
        (
            Card {
                successors: strings(&["S20877"]),
                continued_by_organisations: strings(&["Kuopion kaupunki", " – "]),
                ..bare_card("S20474")
            },
            &[
                hgout::CONTINUED_BY_PROJECT,
                hgout::TAKEN_OVER_BY_ORGANISATION,
            ],
        ),
    ];
    for (card, want) in cases {
        let quads = document_quads(&card_doc(card), &prov());
        let want: BTreeSet<String> = want.iter().map(ToString::to_string).collect();
        assert_eq!(objects(&quads, &project("S20474"), hg::OUTCOME), want);
    }
}

#[test]
fn dates_amounts_and_links_that_cannot_be_mapped_are_skipped_with_a_warning() {
    let card = Card {
        start: date("2017-12-31"),
        end: date("2017-01-01"),
        funding_eur: Some(Euros::from_cents(-500)),
        links: strings(&[
            "www.example.fi/hanke",
            "ftp://example.fi",
            "https://a b",
            " ",
        ]),
        ..bare_card("S20474")
    };
    let quads = document_quads(&card_doc(card), &prov());
    let p = project("S20474");
    assert!(objects(&quads, &p, schema::START_DATE).is_empty());
    assert!(objects(&quads, &p, schema::END_DATE).is_empty());
    assert!(objects(&quads, &p, hg::FUNDING_PROP).is_empty());
    assert_eq!(
        objects(&quads, &p, hg::LINK),
        BTreeSet::from(["<http://www.example.fi/hanke>".to_owned()])
    );
    assert_eq!(
        warnings(&quads, SHA_CARD),
        BTreeSet::from([
            "start/end: start 2017-12-31 is after end 2017-01-01".to_owned(),
            "funding_eur: negative amount '-5'; skipped".to_owned(),
            "links: invalid URL 'ftp://example.fi'".to_owned(),
            "links: invalid URL 'https://a b'".to_owned(),
        ])
    );
}

#[test]
fn amounts_are_exact_decimals() {
    let card = Card {
        funding_eur: Some(Euros::from_cents(12_345_678)),
        ..bare_card("S20474")
    };
    let quads = document_quads(&card_doc(card), &prov());
    let f = format!("<https://w3id.org/hankegraph/funding/{SHA_CARD}/realised-public-funding>");
    let values: Vec<String> = quads
        .iter()
        .filter(|q| q.subject.to_string() == f && q.predicate.as_ref() == schema::VALUE)
        .map(|q| q.object.to_string())
        .collect();
    assert_eq!(
        values,
        ["\"123456.78\"^^<http://www.w3.org/2001/XMLSchema#decimal>"]
    );
    assert_eq!(
        objects(&quads, &f, hg::FUNDING_KIND),
        BTreeSet::from([hgfk::REALISED_PUBLIC_FUNDING.to_string()])
    );
}

#[test]
fn organisations_keep_their_surface_form_as_alt_label() {
    let card = Card {
        implementers: strings(&["Tukikohta diakonia r.y.", "Tukikohta ry"]),
        ..bare_card("S20474")
    };
    let quads = document_quads(&card_doc(card), &prov());
    let impl_: BTreeSet<String> = objects(&quads, &project("S20474"), hg::IMPLEMENTER);
    let a = "<https://w3id.org/hankegraph/organisation/tukikohta-diakonia>".to_owned();
    let b = "<https://w3id.org/hankegraph/organisation/tukikohta>".to_owned();
    assert_eq!(impl_, BTreeSet::from([a.clone(), b.clone()]));
    // the lexicon's name, whatever the card wrote
    assert_eq!(
        objects(&quads, &a, schema::NAME),
        BTreeSet::from(["Tukikohta Diakonia ry".to_owned()])
    );
    assert_eq!(
        objects(&quads, &a, skos::ALT_LABEL),
        // as written after §4.4 step 1, which strips one trailing full stop
        BTreeSet::from(["Tukikohta diakonia r.y".to_owned()])
    );
    assert!(objects(&quads, &b, skos::ALT_LABEL).is_empty());
    assert_eq!(
        objects(&quads, &b, rdf::TYPE),
        BTreeSet::from([hg::ORGANISATION.to_string()])
    );
}

fn decision_doc(f: impl FnOnce(&mut Decision)) -> Document {
    let mut d = example_decision();
    if let Some(x) = d.decision.as_mut() {
        f(x);
    }
    d
}

#[test]
fn only_an_approved_decision_adds_to_the_project_funding() {
    let share = format!("<https://w3id.org/hankegraph/funding/{SHA_DECISION}/municipal-share>");
    for (outcome, linked, warning) in [
        (Some(Outcome::Approved), true, None),
        (Some(Outcome::Rejected), false, None),
        (Some(Outcome::Tabled), false, None),
        (Some(Outcome::Proposal), false, None),
        (
            None,
            false,
            Some("outcome: unknown; municipal share not linked"),
        ),
    ] {
        let doc = decision_doc(|x| x.outcome = outcome);
        let quads = document_quads(&doc, &prov());
        let x = format!("<https://w3id.org/hankegraph/decision/{SHA_DECISION}>");
        // the amount is always the decision's
        assert_eq!(
            objects(&quads, &x, hg::DECISION_AMOUNT),
            BTreeSet::from([share.clone()])
        );
        assert_eq!(
            objects(&quads, &project("S20877"), hg::FUNDING_PROP).contains(&share),
            linked,
            "{outcome:?}"
        );
        let want: BTreeSet<String> = warning.into_iter().map(str::to_owned).collect();
        assert_eq!(warnings(&quads, SHA_DECISION), want, "{outcome:?}");
    }
}

#[test]
fn decision_without_municipality_keeps_only_its_metadata() {
    let doc = decision_doc(|x| x.municipality = None);
    let quads = document_quads(&doc, &prov());
    assert!(quads
        .iter()
        .all(|q| q.subject.to_string() == doc_iri(SHA_DECISION)));
    assert_eq!(
        warnings(&quads, SHA_DECISION),
        BTreeSet::from([
            "municipality: decision without municipality; decision facts skipped".to_owned()
        ])
    );
}

#[test]
fn decision_without_code_is_stored_without_project() {
    let doc = decision_doc(|x| x.matches_code = None);
    let quads = document_quads(&doc, &prov());
    assert!(!quads
        .iter()
        .any(|q| q.predicate.as_ref() == hg::DECISION_FOR
            || q.predicate.as_ref() == hg::FUNDING_PROP));
    assert!(quads
        .iter()
        .any(|q| q.predicate.as_ref() == hg::DECISION_AMOUNT));
}

#[test]
fn provenance_is_checked() {
    let p = Provenance {
        ingested_at: "yesterday".to_owned(),
        tool_version: "0.1.0".to_owned(),
        source_url: Some("https://example.fi/poytakirja.pdf".to_owned()),
    };
    let quads = document_quads(&example_decision(), &p);
    let d = doc_iri(SHA_DECISION);
    assert!(objects(&quads, &d, prov::GENERATED_AT_TIME).is_empty());
    assert_eq!(
        objects(&quads, &d, super::vocab::dcterms::SOURCE),
        BTreeSet::from(["<https://example.fi/poytakirja.pdf>".to_owned()])
    );
    assert_eq!(
        warnings(&quads, SHA_DECISION),
        BTreeSet::from(["ingested_at: invalid dateTime 'yesterday'".to_owned()])
    );
}

#[test]
fn ingest_times_are_rfc3339() {
    use std::time::Duration;
    for (secs, want) in [
        (0, "1970-01-01T00:00:00Z"),
        (951_782_400, "2000-02-29T00:00:00Z"),
        (1_738_315_800, "2025-01-31T09:30:00Z"),
        (4_107_542_399, "2100-02-28T23:59:59Z"),
    ] {
        assert_eq!(
            rfc3339_utc(std::time::UNIX_EPOCH + Duration::from_secs(secs)),
            want
        );
    }
}

#[test]
fn funders_are_named_one_way_and_keep_the_card_s_wording() {
    let card = Card {
        funder: Some("Etelä-Savon elinkeino-, liikenne- ja ympäristökeskus".to_owned()),
        funding_eur: eur(100),
        ..bare_card("S20474")
    };
    let quads = document_quads(&card_doc(card), &prov());
    let f = "<https://w3id.org/hankegraph/concept/funder/etela-savon-ely-keskus>".to_owned();
    assert_eq!(
        objects(&quads, &project("S20474"), hg::FUNDER_PROP),
        BTreeSet::from([f.clone()])
    );
    assert_eq!(
        objects(&quads, &f, skos::PREF_LABEL),
        BTreeSet::from(["Etelä-Savon ELY-keskus".to_owned()])
    );
    assert_eq!(
        objects(&quads, &f, skos::ALT_LABEL),
        BTreeSet::from(["Etelä-Savon elinkeino-, liikenne- ja ympäristökeskus".to_owned()])
    );
    assert_eq!(
        objects(&quads, &f, skos::BROADER),
        BTreeSet::from([super::vocab::hgfu::ELY_KESKUKSET.to_string()])
    );
    let funding =
        format!("<https://w3id.org/hankegraph/funding/{SHA_CARD}/realised-public-funding>");
    assert_eq!(
        objects(&quads, &funding, hg::FUNDER_PROP),
        BTreeSet::from([f])
    );
}
