//! The RDF mapping (docs/mapping.md) on real parser output: the seed documents
//! (`../shared/seeds/`) and the sample corpus (`data/`), each parsed as one run and every
//! document mapped. Each test names the facts of the corpus it checks.
#![allow(clippy::expect_used, clippy::unwrap_used)]

mod common;

use common::{parse_run, root, seed};
use hankegraph::rdf::vocab::{hg, hgdo, hgem, hgfk, hgfu, hgrk, rdf, schema, skos, xsd};
use hankegraph::rdf::{document_graph, document_quads, organisation_node, Provenance};
use hankegraph::resolve::canonical_organisation;
use hankegraph::Document;
use oxigraph::model::{GraphName, Literal, NamedNode, NamedNodeRef, Quad, Term};
use std::collections::HashSet;
use std::sync::OnceLock;

fn prov() -> Provenance {
    Provenance {
        ingested_at: "2025-01-31T09:30:00Z".to_owned(),
        tool_version: env!("CARGO_PKG_VERSION").to_owned(),
        source_url: None,
    }
}

/// The five seeds, parsed as one run.
fn seeds() -> Vec<Document> {
    let inputs: Vec<(String, Vec<u8>)> = ["000", "001", "002", "003", "004"]
        .iter()
        .map(|p| seed(p))
        .collect();
    parse_run(&inputs)
}

/// The cards and decisions of `data/`, parsed as one run (named as `truth.json` names them).
fn sample() -> Vec<Document> {
    let mut inputs = Vec::new();
    for dir in ["cards", "decisions"] {
        let mut files: Vec<_> = std::fs::read_dir(root().join("data").join(dir))
            .unwrap_or_else(|e| panic!("data/{dir}: {e}"))
            .filter_map(|e| e.ok().map(|e| e.path()))
            .collect();
        files.sort();
        for f in files {
            let name = format!(
                "{dir}/{}",
                f.file_name()
                    .map(|n| n.to_string_lossy())
                    .unwrap_or_default()
            );
            let bytes = std::fs::read(&f).unwrap_or_else(|e| panic!("{name}: {e}"));
            inputs.push((name, bytes));
        }
    }
    parse_run(&inputs)
}

/// Mapped documents: each with its quads.
struct Mapped {
    docs: Vec<(Document, Vec<Quad>)>,
}

impl Mapped {
    fn of(docs: Vec<Document>) -> Self {
        Mapped {
            docs: docs
                .into_iter()
                .map(|d| {
                    let q = document_quads(&d, &prov());
                    (d, q)
                })
                .collect(),
        }
    }

    /// Seeds and sample, parsed and mapped afresh.
    fn parse_and_map() -> Self {
        let mut docs = seeds();
        docs.extend(sample());
        Self::of(docs)
    }

    /// Seeds and sample, parsed and mapped once for all tests (parsing takes seconds).
    fn all() -> &'static Self {
        static CELL: OnceLock<Mapped> = OnceLock::new();
        CELL.get_or_init(Self::parse_and_map)
    }

    /// The quads of the one document whose file name contains `part`.
    fn file(&self, part: &str) -> &[Quad] {
        let found: Vec<&[Quad]> = self
            .docs
            .iter()
            .filter(|(d, _)| d.file.contains(part))
            .map(|(_, q)| q.as_slice())
            .collect();
        assert_eq!(found.len(), 1, "documents named {part}");
        found[0]
    }

    fn quads(&self) -> impl Iterator<Item = &Quad> {
        self.docs.iter().flat_map(|(_, q)| q)
    }

    /// The quads of the card of `code`, one list per card document.
    fn cards_of(&self, code: &str) -> Vec<&[Quad]> {
        let cards: Vec<&[Quad]> = self
            .docs
            .iter()
            .filter(|(d, _)| d.card.as_ref().and_then(|c| c.code.as_deref()) == Some(code))
            .map(|(_, q)| q.as_slice())
            .collect();
        assert!(!cards.is_empty(), "no card of {code} in the corpus");
        cards
    }

    /// The quads of the decision documents whose file name contains `part`.
    fn decisions_named(&self, part: &str) -> Vec<&[Quad]> {
        let found: Vec<&[Quad]> = self
            .docs
            .iter()
            .filter(|(d, _)| d.decision.is_some() && d.file.contains(part))
            .map(|(_, q)| q.as_slice())
            .collect();
        assert!(!found.is_empty(), "no decision named {part}");
        found
    }
}

fn project(code: &str) -> NamedNode {
    NamedNode::new_unchecked(format!("https://w3id.org/hankegraph/project/{code}"))
}

fn objects<'a>(
    quads: impl IntoIterator<Item = &'a Quad>,
    s: &NamedNode,
    p: NamedNodeRef<'_>,
) -> HashSet<Term> {
    quads
        .into_iter()
        .filter(|q| q.subject.to_string() == s.to_string() && q.predicate.as_ref() == p)
        .map(|q| q.object.clone())
        .collect()
}

fn subjects<'a>(
    quads: impl IntoIterator<Item = &'a Quad>,
    p: NamedNodeRef<'_>,
    o: &Term,
) -> HashSet<NamedNode> {
    quads
        .into_iter()
        .filter(|q| q.predicate.as_ref() == p && &q.object == o)
        .filter_map(|q| NamedNode::new(q.subject.to_string().trim_matches(['<', '>'])).ok())
        .collect()
}

fn node(t: &Term) -> NamedNode {
    match t {
        Term::NamedNode(n) => n.clone(),
        other => panic!("not an IRI: {other}"),
    }
}

fn one(set: HashSet<Term>, what: &str) -> Term {
    assert_eq!(set.len(), 1, "{what}: {set:?}");
    set.into_iter().next().unwrap_or_else(|| unreachable!())
}

fn fi(s: &str) -> Term {
    Literal::new_language_tagged_literal_unchecked(s, "fi").into()
}

#[test]
fn every_quad_lies_in_its_document_graph() {
    let m = Mapped::all();
    assert!(m.docs.len() >= 30, "{} documents", m.docs.len());
    for (doc, quads) in &m.docs {
        let g = GraphName::NamedNode(document_graph(doc));
        assert!(quads.len() > 5, "{}: only {} quads", doc.file, quads.len());
        for q in quads {
            assert_eq!(q.graph_name, g, "{}: {q}", doc.file);
            assert!(
                !matches!(q.subject, oxigraph::model::NamedOrBlankNode::BlankNode(_))
                    && !matches!(q.object, Term::BlankNode(_)),
                "{}: blank node in {q}",
                doc.file
            );
        }
        // the graph describes its own document
        let d = document_graph(doc);
        assert_eq!(
            objects(quads, &d, hg::SHA256),
            HashSet::from([Term::from(Literal::new_simple_literal(&doc.sha256))]),
            "{}",
            doc.file
        );
    }
}

/// S20877's predecessor is S20474, with a qualified relation that quotes the sentence
/// saying so, in the graph of each card of S20877.
fn assert_continues_s20474(quads: &[Quad], sentence: &str) {
    let (p, b) = (project("S20877"), project("S20474"));
    let sentence = fi(sentence);
    assert!(objects(quads, &p, hg::PREDECESSOR).contains(&b.clone().into()));
    // the inverse is materialised in the same graph
    assert!(objects(quads, &b, hg::SUCCESSOR).contains(&p.clone().into()));
    let quoting: Vec<NamedNode> = objects(quads, &p, hg::QUALIFIED_RELATION)
        .iter()
        .map(node)
        .filter(|r| objects(quads, r, hg::EVIDENCE_TEXT).contains(&sentence))
        .collect();
    let r = match quoting.as_slice() {
        [r] => r,
        other => panic!("relations quoting {sentence}: {other:?}"),
    };
    for (pred, want) in [
        (hg::RELATION_SOURCE, Term::from(p.clone())),
        (hg::RELATION_TARGET, Term::from(b.clone())),
        (
            hg::RELATION_KIND,
            Term::from(hgrk::PREDECESSOR.into_owned()),
        ),
        (hg::FOUND_BY, Term::from(hgem::TEXT_PATTERN.into_owned())),
        (rdf::TYPE, Term::from(hg::PROJECT_RELATION.into_owned())),
    ] {
        assert_eq!(objects(quads, r, pred), HashSet::from([want]), "{pred}");
    }
}

#[test]
fn s20877_continues_s20474_and_says_so() {
    let m = Mapped::all();
    // seed 000 is S20877's card
    assert_continues_s20474(
        m.file("000_"),
        "Hanketta on edeltänyt Petosen osallisuushanke S20474.",
    );
    // the sample corpus words it otherwise
    assert_continues_s20474(
        m.file("S20877_pompeli"),
        "Hanke on jatkoa Pitkälahti-Petosen asukasyhdistyksen Petosen osallisuushankkeelle (S20474).",
    );
}

#[test]
fn s20129_successors_are_projects_without_cards() {
    let m = Mapped::all();
    let p = project("S20129");
    for quads in m.cards_of("S20129") {
        let succ = objects(quads, &p, hg::SUCCESSOR);
        for code in ["S21315", "S21336"] {
            let b = project(code);
            assert!(succ.contains(&b.clone().into()), "{code} not a successor");
            assert!(objects(quads, &b, rdf::TYPE).contains(&hg::PROJECT.into_owned().into()));
            assert_eq!(
                objects(quads, &b, hg::PROJECT_CODE),
                HashSet::from([Term::from(Literal::new_simple_literal(code))])
            );
            assert!(objects(quads, &b, hg::PREDECESSOR).contains(&p.clone().into()));
        }
    }
    // no document of the corpus is their card
    for code in ["S21315", "S21336"] {
        assert!(
            objects(m.quads(), &project(code), hg::PROJECT_CARD).is_empty(),
            "{code} has a card"
        );
    }
    assert!(!objects(m.quads(), &p, hg::PROJECT_CARD).is_empty());
}

/// Pitkälahti-Petosen asukasyhdistys ry implements S20877 (seed 000, data) and S20474 (data),
/// applies in the Kuopio decision (seed 003, data), is named in seed 001 as
/// `Pitkälahti-Petosen asukasyhdistyksen` inside a target group, and the seed's raw text writes
/// it `Pitkalahti-…` and `Pitkälähti-…`: one organisation, one IRI, one name.
#[test]
fn pitkalahti_petosen_asukasyhdistys_is_one_organisation() {
    let m = Mapped::all();
    let mut iris: HashSet<Term> = HashSet::new();
    for code in ["S20877", "S20474"] {
        for quads in m.cards_of(code) {
            iris.extend(objects(quads, &project(code), hg::IMPLEMENTER));
        }
    }
    for quads in m
        .decisions_named("kuopio_2017_petosen-pompeli")
        .into_iter()
        .chain(m.decisions_named("003_"))
    {
        let decision = subjects(quads, rdf::TYPE, &hg::DECISION.into_owned().into());
        for x in decision {
            iris.extend(objects(quads, &x, hg::APPLICANT));
        }
    }
    let x = node(&one(iris, "implementer and applicant IRIs"));
    assert_eq!(
        x.as_str(),
        "https://w3id.org/hankegraph/organisation/pitkalahti-petosen-asukasyhdistys"
    );
    // the surface forms met in the seeds resolve to the same IRI
    let seed_001 = m
        .docs
        .iter()
        .find(|(d, _)| d.file.contains("001_"))
        .and_then(|(d, _)| d.card.as_ref())
        .map(|c| c.target_groups.join(" "))
        .unwrap_or_default();
    let start = seed_001
        .find("Pitk")
        .unwrap_or_else(|| panic!("seed 001: {seed_001}"));
    let end = seed_001[start..]
        .find("asukasyhdistyksen")
        .map(|i| start + i + "asukasyhdistyksen".len())
        .unwrap_or_else(|| panic!("seed 001: {seed_001}"));
    for surface in [
        &seed_001[start..end],
        "Pitkalahti-Petosen asukasyhdistyksen",
        "Pitka1ahti-Petosen asukasyhdistys ry",
        "Pitkälähti-Petosen asukasyhdistys ry",
    ] {
        assert_eq!(
            organisation_node(&canonical_organisation(surface)).as_ref(),
            Some(&x),
            "{surface}"
        );
    }
    // one name in the union of all graphs (hgsh:OrganisationShape)
    assert_eq!(
        objects(m.quads(), &x, schema::NAME),
        HashSet::from([fi("Pitkälahti-Petosen asukasyhdistys ry")])
    );
}

#[test]
fn etela_savon_ely_keskus_is_one_funder() {
    let m = Mapped::all();
    let f = NamedNode::new_unchecked(
        "https://w3id.org/hankegraph/concept/funder/etela-savon-ely-keskus",
    );
    for code in ["S20877", "S20731", "S20540"] {
        for quads in m.cards_of(code) {
            assert_eq!(
                objects(quads, &project(code), hg::FUNDER_PROP),
                HashSet::from([Term::from(f.clone())]),
                "{code}"
            );
            // the funding the card reports is paid by the same funder
            let funding = one(objects(quads, &project(code), hg::FUNDING_PROP), code);
            assert_eq!(
                objects(quads, &node(&funding), hg::FUNDER_PROP),
                HashSet::from([Term::from(f.clone())])
            );
        }
    }
    assert_eq!(
        objects(m.quads(), &f, skos::PREF_LABEL),
        HashSet::from([fi("Etelä-Savon ELY-keskus")])
    );
    assert_eq!(
        objects(m.quads(), &f, skos::BROADER),
        HashSet::from([Term::from(hgfu::ELY_KESKUKSET.into_owned())])
    );
}

#[test]
fn tukikohta_and_tukikohta_diakonia_are_two_organisations() {
    let m = Mapped::all();
    let implementers = |code: &str| -> HashSet<Term> {
        m.cards_of(code)
            .into_iter()
            .flat_map(|q| objects(q, &project(code), hg::IMPLEMENTER))
            .collect()
    };
    // S29930 lists both; S29935 only Tukikohta ry; S20731 only Tukikohta Diakonia ry (seed 001
    // writes it "Tukikohta diakonia ry")
    let both = implementers("S29930");
    let tukikohta = node(&one(implementers("S29935"), "S29935 implementers"));
    let diakonia = node(&one(implementers("S20731"), "S20731 implementers"));
    assert_ne!(tukikohta, diakonia);
    assert!(both.contains(&tukikohta.clone().into()));
    assert!(both.contains(&diakonia.clone().into()));
    assert_eq!(
        objects(m.quads(), &tukikohta, schema::NAME),
        HashSet::from([fi("Tukikohta ry")])
    );
    assert_eq!(
        objects(m.quads(), &diakonia, schema::NAME),
        HashSet::from([fi("Tukikohta Diakonia ry")])
    );
}

#[test]
fn every_organisation_has_one_name_in_the_union() {
    let m = Mapped::all();
    let orgs = subjects(m.quads(), rdf::TYPE, &hg::ORGANISATION.into_owned().into());
    assert!(orgs.len() > 20, "{} organisations", orgs.len());
    let several: Vec<(String, HashSet<Term>)> = orgs
        .iter()
        .map(|o| (o.as_str().to_owned(), objects(m.quads(), o, schema::NAME)))
        .filter(|(_, names)| names.len() != 1)
        .collect();
    assert!(
        several.is_empty(),
        "organisations with several names: {several:#?}"
    );
}

#[test]
fn mapping_twice_gives_identical_quads() {
    let first = Mapped::all();
    let second = Mapped::parse_and_map();
    assert_eq!(first.docs.len(), second.docs.len());
    for ((d1, q1), (d2, q2)) in first.docs.iter().zip(&second.docs) {
        assert_eq!(d1.file, d2.file);
        assert_eq!(q1, q2, "{}", d1.file);
        assert_eq!(q1, &document_quads(d1, &prov()), "{}", d1.file);
    }
}

#[test]
fn kuopio_municipal_share_links_to_s20877() {
    let m = Mapped::all();
    let p = project("S20877");
    let amount = Term::from(Literal::new_typed_literal("12923", xsd::DECIMAL));
    for quads in m
        .decisions_named("kuopio_2017_petosen-pompeli")
        .into_iter()
        .chain(m.decisions_named("003_"))
    {
        let x = subjects(quads, rdf::TYPE, &hg::DECISION.into_owned().into());
        assert_eq!(x.len(), 1, "decision facts missing: {quads:#?}");
        let x = x.into_iter().next().unwrap_or_else(|| unreachable!());
        assert!(
            objects(quads, &x, hg::DECISION_OUTCOME).contains(&hgdo::APPROVED.into_owned().into())
        );
        assert!(objects(quads, &x, hg::DECISION_FOR).contains(&p.clone().into()));
        let share = node(&one(
            objects(quads, &x, hg::DECISION_AMOUNT),
            "decision amount",
        ));
        assert_eq!(
            objects(quads, &share, schema::VALUE),
            HashSet::from([amount.clone()])
        );
        assert_eq!(
            objects(quads, &share, hg::FUNDING_KIND),
            HashSet::from([Term::from(hgfk::MUNICIPAL_SHARE.into_owned())])
        );
        assert!(
            objects(quads, &p, hg::FUNDING_PROP).contains(&share.clone().into()),
            "S20877 hg:funding {share} missing"
        );
        let funder = node(&one(
            objects(quads, &share, hg::FUNDER_PROP),
            "share funder",
        ));
        assert_eq!(
            funder.as_str(),
            "https://w3id.org/hankegraph/concept/funder/kuopio"
        );
    }
    // a tabled item keeps its amount on the decision but adds nothing to the project
    for quads in m.decisions_named("kuopio_2017_tukikohta_poydalle") {
        let x = subjects(quads, rdf::TYPE, &hg::DECISION.into_owned().into());
        assert_eq!(x.len(), 1);
        for x in x {
            assert!(objects(quads, &x, hg::DECISION_OUTCOME)
                .contains(&hgdo::TABLED.into_owned().into()));
            for share in objects(quads, &x, hg::DECISION_AMOUNT) {
                assert!(subjects(quads, hg::FUNDING_PROP, &share).is_empty());
            }
        }
    }
}
