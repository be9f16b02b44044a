//! SHACL validation (`hankegraph::validate`) against the real shapes of ontology/shapes.ttl.
//!
//! * The worked example of docs/mapping.md §16 (read from the document itself), together with
//!   the ontology split into graph/ontology and graph/concepts as §3 says, conforms.
//! * Each case breaks the worked example in one way (a SPARQL update) and lists exactly the
//!   results expected, as `severity component focus`. Together the cases break every
//!   constraint component the engine implements; the components that ontology/shapes.ttl does
//!   not use are exercised with the small shapes graph `EXTRA_SHAPES`.
//! * pySHACL, an independent engine, validates every case too (scripts/pyshacl-check.py, which
//!   installs it with pip when missing) and must agree on `conforms`, on "no Violation" and on
//!   the set of (severity, focus node, component, path) of the results.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use hankegraph::validate::{self, Report, Severity, ValidateError};
use oxigraph::io::{RdfFormat, RdfParser};
use oxigraph::model::{GraphName, NamedNode, NamedOrBlankNode, Quad};
use oxigraph::sparql::SparqlEvaluator;
use oxigraph::store::Store;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Command;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Short names used in updates and expectations, expanded before use.
const NAMES: &[(&str, &str)] = &[
    (
        "CARD",
        "https://w3id.org/hankegraph/document/e7972a54f4fae80dee5777e1b6ee625115a1df249d093683a0271adce9fc54e1",
    ),
    (
        "DEC",
        "https://w3id.org/hankegraph/document/3b0580deb771541722897f371f7e1b81b39f22cdab48d5a0ad319684d6ea1ba0",
    ),
    (
        "DECISION",
        "https://w3id.org/hankegraph/decision/3b0580deb771541722897f371f7e1b81b39f22cdab48d5a0ad319684d6ea1ba0",
    ),
    (
        "FUND_CARD",
        "https://w3id.org/hankegraph/funding/e7972a54f4fae80dee5777e1b6ee625115a1df249d093683a0271adce9fc54e1/realised-public-funding",
    ),
    (
        "FUND_DEC",
        "https://w3id.org/hankegraph/funding/3b0580deb771541722897f371f7e1b81b39f22cdab48d5a0ad319684d6ea1ba0/municipal-share",
    ),
    (
        "REL_SUCC",
        "https://w3id.org/hankegraph/relation/59147bd52f69f3504885ce4d65fb79920126d2e88d627adfc0d0cc32eb431fa7",
    ),
    (
        "REL_MENTION",
        "https://w3id.org/hankegraph/relation/c50e789231a81faf7e27a43f0d1beafe2b8dfbfb6ec38c46e138844981f957cc",
    ),
    (
        "CARD2",
        "https://w3id.org/hankegraph/document/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
    ),
];

const PREFIXES: &[(&str, &str)] = &[
    ("project", "https://w3id.org/hankegraph/project/"),
    ("hgorg", "https://w3id.org/hankegraph/organisation/"),
    ("hgtg", "https://w3id.org/hankegraph/concept/target-group/"),
    ("hgfu", "https://w3id.org/hankegraph/concept/funder/"),
    ("hgout", "https://w3id.org/hankegraph/concept/outcome/"),
    ("hg", "https://w3id.org/hankegraph/ontology#"),
    ("schema", "http://schema.org/"),
    ("skos", "http://www.w3.org/2004/02/skos/core#"),
    ("xsd", "http://www.w3.org/2001/XMLSchema#"),
    ("ex", "http://example.org/"),
];

/// `NAME` → `<iri>` in SPARQL text.
fn expand_names(text: &str) -> String {
    let mut out = text.to_owned();
    // Longest names first, so that CARD does not eat CARD2.
    let mut names = NAMES.to_vec();
    names.sort_by_key(|(n, _)| std::cmp::Reverse(n.len()));
    for (name, iri) in names {
        out = out.replace(name, &format!("<{iri}>"));
    }
    out
}

/// A focus node of an expectation (`project:S20474`, `DECISION`, `"text"`) in N-Triples.
fn expand_focus(focus: &str) -> String {
    if let Some((_, iri)) = NAMES.iter().find(|(n, _)| *n == focus) {
        return format!("<{iri}>");
    }
    for (prefix, ns) in PREFIXES {
        if let Some(local) = focus.strip_prefix(&format!("{prefix}:")) {
            return format!("<{ns}{local}>");
        }
    }
    focus.to_owned()
}

fn sparql_prefixes() -> String {
    PREFIXES
        .iter()
        .map(|(p, ns)| format!("PREFIX {p}: <{ns}>\n"))
        .collect()
}

/// The TriG of docs/mapping.md §16, exactly as documented.
fn worked_example() -> String {
    let doc = std::fs::read_to_string(root().join("docs/mapping.md")).expect("docs/mapping.md");
    let section = doc
        .split("\n## 16. Worked example")
        .nth(1)
        .expect("section 16 in docs/mapping.md");
    let start = section.find("```trig\n").expect("a trig block in §16") + "```trig\n".len();
    let end = section[start..].find("```").expect("end of the trig block");
    section[start..start + end].to_owned()
}

/// ontology/hankegraph.ttl into graph/concepts (subjects under …/concept/) and
/// graph/ontology (everything else), as docs/mapping.md §3 says.
fn load_ontology(store: &Store) {
    let ttl = std::fs::read_to_string(root().join("ontology/hankegraph.ttl")).expect("ontology");
    let concepts = NamedNode::new("https://w3id.org/hankegraph/graph/concepts").unwrap();
    let ontology = NamedNode::new("https://w3id.org/hankegraph/graph/ontology").unwrap();
    for q in RdfParser::from_format(RdfFormat::Turtle).for_slice(&ttl) {
        let q = q.expect("the ontology parses");
        let graph = match &q.subject {
            NamedOrBlankNode::NamedNode(s)
                if s.as_str()
                    .starts_with("https://w3id.org/hankegraph/concept/") =>
            {
                concepts.clone()
            }
            _ => ontology.clone(),
        };
        store
            .insert(&Quad::new(q.subject, q.predicate, q.object, graph))
            .unwrap();
    }
}

/// What a case starts from.
#[derive(Clone, Copy, PartialEq)]
enum Base {
    /// The ontology graphs and the worked example, validated with ontology/shapes.ttl.
    Project,
    /// The worked example alone (no ontology graphs), with ontology/shapes.ttl.
    ProjectWithoutOntology,
    /// `EXTRA_DATA`, validated with `EXTRA_SHAPES`.
    Extra,
}

struct Case {
    name: &'static str,
    base: Base,
    /// A SPARQL update applied to the base (with `NAMES` and `PREFIXES`).
    update: &'static str,
    /// Exactly the results: `severity component focus`, component without
    /// `ConstraintComponent`, one line per distinct triple.
    expected: &'static [&'static str],
}

/// Shapes for the components and targets that ontology/shapes.ttl does not use.
const EXTRA_SHAPES: &str = r#"
@prefix ex: <http://example.org/> .
@prefix sh: <http://www.w3.org/ns/shacl#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .

ex:ThingShape a sh:NodeShape ;
    sh:targetClass ex:Thing ;
    sh:property
        [ sh:path ex:a ; sh:maxInclusive 10 ] ,
        [ sh:path ex:b ; sh:minExclusive 0 ] ,
        [ sh:path ex:c ; sh:maxExclusive 100 ] ,
        [ sh:path ex:code ; sh:maxLength 3 ] ,
        [ sh:path ex:low ; sh:lessThan ex:high ] ,
        [ sh:path ex:label ; sh:pattern "^abc" ; sh:flags "i" ] ,
        [ sh:path ex:part ; sh:node ex:PartShape ] ,
        [ sh:path ex:kind ; sh:xone ( [ sh:in ( ex:A ex:B ) ] [ sh:in ( ex:B ex:C ) ] ) ] ,
        [ sh:path [ sh:oneOrMorePath ex:parent ] ; sh:class ex:Thing ] ,
        [ sh:path [ sh:alternativePath ( ex:a ex:b ) ] ; sh:datatype xsd:integer ] ,
        [ sh:path ex:note ; sh:maxCount 0 ; sh:severity sh:Info ] ;
    sh:and ( [ sh:path ex:a ; sh:minCount 1 ] [ sh:path ex:b ; sh:minCount 1 ] ) ;
    sh:not [ sh:path ex:forbidden ; sh:minCount 1 ] .

ex:PartShape a sh:NodeShape ;
    sh:property [ sh:path ex:id ; sh:minCount 1 ] .

ex:SpecialShape a sh:NodeShape ;
    sh:targetNode ex:special ;
    sh:class ex:Thing .

ex:PointedShape a sh:NodeShape ;
    sh:targetObjectsOf ex:pointsTo ;
    sh:nodeKind sh:IRI .

# Would fail every ex:Thing if it were not deactivated.
ex:OffShape a sh:NodeShape ;
    sh:targetClass ex:Thing ;
    sh:deactivated true ;
    sh:property [ sh:path ex:a ; sh:minCount 99 ] .
"#;

const EXTRA_DATA: &str = r#"
@prefix ex: <http://example.org/> .
ex:t1 a ex:Thing ; ex:a 5 ; ex:b 1 ; ex:c 50 ; ex:code "abc" ; ex:low 1 ; ex:high 2 ;
    ex:label "ABCdef" ; ex:part ex:p1 ; ex:kind ex:A ; ex:parent ex:t0 ; ex:pointsTo ex:t0 .
ex:g {
    ex:t0 a ex:Thing ; ex:a 1 ; ex:b 2 .
    ex:p1 ex:id "p1" .
    ex:special a ex:Thing ; ex:a 1 ; ex:b 1 .
}
"#;

const CASES: &[Case] = &[
    // --- the real shapes on the worked example -------------------------------------------
    Case {
        name: "worked example",
        base: Base::Project,
        update: "",
        expected: &[],
    },
    Case {
        name: "class: implementer that is no organisation",
        base: Base::Project,
        update: "INSERT DATA { GRAPH CARD { project:S20474 hg:implementer hgorg:ghost } }",
        expected: &["Violation Class project:S20474"],
    },
    Case {
        name: "datatype: decided as a string",
        base: Base::Project,
        update: "DELETE WHERE { GRAPH ?g { DECISION hg:decided ?d } } ;
                 INSERT DATA { GRAPH DEC { DECISION hg:decided \"yes\" } }",
        // The consistency shape's sh:hasValue true fails too.
        expected: &["Violation Datatype DECISION", "Warning Or DECISION"],
    },
    Case {
        name: "datatype: ill-formed decimal",
        base: Base::Project,
        update: "DELETE WHERE { GRAPH ?g { FUND_CARD schema:value ?v } } ;
                 INSERT DATA { GRAPH CARD { FUND_CARD schema:value \"12,5\"^^xsd:decimal } }",
        // An ill-formed literal is not comparable with 0 either.
        expected: &["Violation Datatype FUND_CARD", "Violation MinInclusive FUND_CARD"],
    },
    Case {
        name: "datatype: invalid month",
        base: Base::Project,
        update: "DELETE WHERE { GRAPH ?g { CARD <http://purl.org/dc/terms/created> ?v } } ;
                 INSERT DATA { GRAPH CARD { CARD <http://purl.org/dc/terms/created> \"2019-13\"^^xsd:gYearMonth } }",
        expected: &["Violation Datatype CARD"],
    },
    Case {
        name: "nodeKind: link as a literal",
        base: Base::Project,
        update: "INSERT DATA { GRAPH CARD { project:S20474 hg:link \"https://example.org/\" } }",
        expected: &["Violation NodeKind project:S20474"],
    },
    Case {
        name: "minCount: mentioned project without code",
        base: Base::Project,
        update: "DELETE WHERE { GRAPH ?g { project:S20220 hg:projectCode ?c } }",
        expected: &["Violation MinCount project:S20220"],
    },
    Case {
        name: "maxCount: two codes",
        base: Base::Project,
        update: "INSERT DATA { GRAPH CARD { project:S20220 hg:projectCode \"S20221\" } }",
        expected: &["Violation MaxCount project:S20220"],
    },
    Case {
        name: "minInclusive: negative municipal share",
        base: Base::Project,
        update: "DELETE WHERE { GRAPH ?g { FUND_DEC schema:value ?v } } ;
                 INSERT DATA { GRAPH DEC { FUND_DEC schema:value \"-5\"^^xsd:decimal } }",
        // Once on the funding node, once on the decision through ( hg:decisionAmount schema:value ).
        expected: &[
            "Violation MinInclusive FUND_DEC",
            "Violation MinInclusive DECISION",
        ],
    },
    Case {
        name: "minLength: empty name",
        base: Base::Project,
        update: "DELETE WHERE { GRAPH ?g { project:S20474 schema:name ?n } } ;
                 INSERT DATA { GRAPH CARD { project:S20474 schema:name \"\"@fi } }",
        expected: &["Violation MinLength project:S20474"],
    },
    Case {
        name: "pattern: four-digit project code",
        base: Base::Project,
        update: "INSERT DATA { GRAPH CARD { project:S2047 a hg:Project ; hg:projectCode \"S2047\" } }",
        expected: &["Violation Pattern project:S2047"],
    },
    Case {
        name: "pattern (should): ftp link",
        base: Base::Project,
        update: "INSERT DATA { GRAPH CARD { project:S20474 hg:link <ftp://example.org/x> } }",
        expected: &["Warning Pattern project:S20474"],
    },
    Case {
        name: "languageIn: English target-group text",
        base: Base::Project,
        update: "INSERT DATA { GRAPH CARD { project:S20474 hg:targetGroupText \"the unemployed\"@en } }",
        expected: &["Violation LanguageIn project:S20474"],
    },
    Case {
        name: "uniqueLang (should, Warning only): two Finnish labels",
        base: Base::Project,
        update: "INSERT DATA { GRAPH CARD { hgtg:yksin-asuvat-tyoikaiset skos:prefLabel \"yksin asuvat\"@fi } }",
        expected: &["Warning UniqueLang hgtg:yksin-asuvat-tyoikaiset"],
    },
    Case {
        name: "in: currency USD",
        base: Base::Project,
        update: "DELETE WHERE { GRAPH ?g { FUND_CARD schema:currency ?c } } ;
                 INSERT DATA { GRAPH CARD { FUND_CARD schema:currency \"USD\" } }",
        expected: &["Violation In FUND_CARD"],
    },
    Case {
        name: "hasValue: target group in the funder scheme",
        base: Base::Project,
        update: "DELETE WHERE { GRAPH ?g { hgtg:petosen-alueen-tyottomat skos:inScheme ?s } } ;
                 INSERT DATA { GRAPH CARD { hgtg:petosen-alueen-tyottomat skos:inScheme <https://w3id.org/hankegraph/concept/funder> } }",
        expected: &["Violation HasValue hgtg:petosen-alueen-tyottomat"],
    },
    Case {
        name: "equals: a second project points to the relation",
        base: Base::Project,
        update: "INSERT DATA { GRAPH CARD { project:S20220 hg:qualifiedRelation REL_SUCC } }",
        expected: &["Violation Equals REL_SUCC", "Violation MaxCount REL_SUCC"],
    },
    Case {
        name: "disjoint: relation from a project to itself",
        base: Base::Project,
        update: "DELETE WHERE { GRAPH ?g { REL_MENTION hg:relationTarget ?t } } ;
                 INSERT DATA { GRAPH CARD { REL_MENTION hg:relationTarget project:S20474 } }",
        expected: &["Violation Disjoint REL_MENTION"],
    },
    Case {
        name: "disjoint (should): predecessor and successor at once",
        base: Base::Project,
        update: "INSERT DATA { GRAPH CARD { project:S20474 hg:predecessor project:S20877 } }",
        expected: &["Warning Disjoint project:S20474"],
    },
    Case {
        name: "lessThanOrEquals: decision period reversed",
        base: Base::Project,
        update: "DELETE WHERE { GRAPH ?g { DECISION hg:periodStart ?d } } ;
                 INSERT DATA { GRAPH DEC { DECISION hg:periodStart \"2018-01-01\"^^xsd:date } }",
        expected: &["Violation LessThanOrEquals DECISION"],
    },
    Case {
        name: "or: organisation without a name",
        base: Base::Project,
        update: "DELETE WHERE { GRAPH ?g { hgorg:sokra schema:name ?n } }",
        expected: &["Violation Or hgorg:sokra"],
    },
    Case {
        name: "or (should): continuing organisation without the outcome",
        base: Base::Project,
        update: "INSERT DATA { GRAPH CARD { project:S20474 hg:continuedByOrganisation hgorg:sokra } }",
        expected: &["Warning Or project:S20474"],
    },
    Case {
        name: "or of and (should): decided false but approved",
        base: Base::Project,
        update: "DELETE WHERE { GRAPH ?g { DECISION hg:decided ?d } } ;
                 INSERT DATA { GRAPH DEC { DECISION hg:decided false } }",
        expected: &["Warning Or DECISION"],
    },
    Case {
        name: "or of not (should): ended and continued",
        base: Base::Project,
        update: "INSERT DATA { GRAPH CARD { project:S20474 hg:outcome hgout:ended } }",
        expected: &["Warning Or project:S20474"],
    },
    Case {
        name: "targetClass through rdfs:subClassOf: a municipality typed only hg:Municipality",
        base: Base::Project,
        update: "INSERT DATA { GRAPH DEC { hgorg:oulu a hg:Municipality } }",
        // hgsh:OrganisationShape targets it (no name); hgsh:MunicipalityShape's sh:class
        // hg:Organisation holds through the ontology's subclass triple.
        expected: &["Violation Or hgorg:oulu"],
    },
    Case {
        name: "two card versions with different periods (see the report on shapes.ttl)",
        base: Base::Project,
        update: "INSERT DATA { GRAPH CARD2 { project:S20474 schema:startDate \"2017-01-01\"^^xsd:date ;
                                                       schema:endDate \"2017-06-30\"^^xsd:date } }",
        // Each version is consistent, but sh:lessThanOrEquals compares every pair of the
        // union: 2017-01-01 > 2016-12-31 is a Violation, not the Warning docs/mapping.md §17
        // promises for disagreeing versions.
        expected: &[
            "Violation LessThanOrEquals project:S20474",
            "Warning MaxCount project:S20474",
        ],
    },
    Case {
        name: "worked example without the ontology graphs",
        base: Base::ProjectWithoutOntology,
        update: "",
        // Concept schemes and the fixed concepts live in graph/concepts.
        expected: &[
            "Violation Class hgfu:etela-savon-ely-keskus",
            "Violation Class hgfu:kuopio",
            "Violation Class hgtg:petosen-alueen-tyottomat",
            "Violation Class hgtg:yksin-asuvat-tyoikaiset",
            "Violation Class project:S20474",
        ],
    },
    // --- components and targets that ontology/shapes.ttl does not use --------------------
    Case {
        name: "extra shapes: base data",
        base: Base::Extra,
        update: "",
        expected: &[],
    },
    Case {
        name: "maxInclusive",
        base: Base::Extra,
        update: "DELETE DATA { ex:t1 ex:a 5 } ; INSERT DATA { ex:t1 ex:a 11 }",
        expected: &["Violation MaxInclusive ex:t1"],
    },
    Case {
        name: "minExclusive",
        base: Base::Extra,
        update: "DELETE DATA { ex:t1 ex:b 1 } ; INSERT DATA { ex:t1 ex:b 0 }",
        expected: &["Violation MinExclusive ex:t1"],
    },
    Case {
        name: "maxExclusive",
        base: Base::Extra,
        update: "DELETE DATA { ex:t1 ex:c 50 } ; INSERT DATA { ex:t1 ex:c 100 }",
        expected: &["Violation MaxExclusive ex:t1"],
    },
    Case {
        name: "maxLength",
        base: Base::Extra,
        update: "DELETE DATA { ex:t1 ex:code \"abc\" } ; INSERT DATA { ex:t1 ex:code \"abcd\" }",
        expected: &["Violation MaxLength ex:t1"],
    },
    Case {
        name: "lessThan",
        base: Base::Extra,
        update: "DELETE DATA { ex:t1 ex:low 1 } ; INSERT DATA { ex:t1 ex:low 2 }",
        expected: &["Violation LessThan ex:t1"],
    },
    Case {
        name: "pattern with flags",
        base: Base::Extra,
        update: "INSERT DATA { ex:t1 ex:label \"xABC\" }",
        expected: &["Violation Pattern ex:t1"],
    },
    Case {
        name: "node",
        base: Base::Extra,
        update: "DELETE WHERE { GRAPH ?g { ex:p1 ex:id ?id } }",
        expected: &["Violation Node ex:t1"],
    },
    Case {
        name: "xone",
        base: Base::Extra,
        update: "DELETE DATA { ex:t1 ex:kind ex:A } ; INSERT DATA { ex:t1 ex:kind ex:B }",
        expected: &["Violation Xone ex:t1"],
    },
    Case {
        name: "and",
        base: Base::Extra,
        update: "DELETE WHERE { GRAPH ?g { ex:t0 ex:b ?b } }",
        expected: &["Violation And ex:t0"],
    },
    Case {
        name: "not",
        base: Base::Extra,
        update: "INSERT DATA { ex:t1 ex:forbidden 1 }",
        expected: &["Violation Not ex:t1"],
    },
    Case {
        name: "class through a oneOrMorePath",
        base: Base::Extra,
        update: "INSERT DATA { GRAPH ex:g { ex:t0 ex:parent ex:stranger } }",
        expected: &["Violation Class ex:t0", "Violation Class ex:t1"],
    },
    Case {
        name: "datatype through an alternativePath",
        base: Base::Extra,
        update: "DELETE DATA { ex:t1 ex:a 5 } ; INSERT DATA { ex:t1 ex:a 5.5 }",
        expected: &["Violation Datatype ex:t1"],
    },
    Case {
        name: "Info severity",
        base: Base::Extra,
        update: "INSERT DATA { ex:t1 ex:note \"a note\" }",
        expected: &["Info MaxCount ex:t1"],
    },
    Case {
        name: "targetNode",
        base: Base::Extra,
        update: "DELETE WHERE { GRAPH ?g { ex:special a ex:Thing } }",
        expected: &["Violation Class ex:special"],
    },
    Case {
        name: "targetObjectsOf with a literal focus node",
        base: Base::Extra,
        update: "INSERT DATA { ex:t1 ex:pointsTo \"t0\" }",
        expected: &["Violation NodeKind \"t0\""],
    },
];

/// Cases where pySHACL is known to be wrong, with the reason; their verdicts are not compared.
/// Everything else must agree exactly.
const PYSHACL_GAPS: &[(&str, &str)] = &[(
    "datatype: invalid month",
    "rdflib has no parser for xsd:gYearMonth, so pySHACL takes \"2019-13\" as well-typed; \
     XSD (and SHACL's sh:datatype) make it ill-typed",
)];

/// The store of a case.
fn store_of(case: &Case) -> Store {
    let store = Store::new().unwrap();
    match case.base {
        Base::Project | Base::ProjectWithoutOntology => {
            if case.base == Base::Project {
                load_ontology(&store);
            }
            store
                .load_from_slice(RdfFormat::TriG, worked_example().as_bytes())
                .expect("the worked example parses");
        }
        Base::Extra => store
            .load_from_slice(RdfFormat::TriG, EXTRA_DATA.as_bytes())
            .unwrap(),
    }
    if !case.update.is_empty() {
        let update = format!("{}{}", sparql_prefixes(), expand_names(case.update));
        SparqlEvaluator::new()
            .parse_update(&update)
            .unwrap_or_else(|e| panic!("{}: {e}\n{update}", case.name))
            .on_store(&store)
            .execute()
            .unwrap_or_else(|e| panic!("{}: {e}", case.name));
    }
    store
}

fn shapes_of(case: &Case) -> &'static str {
    match case.base {
        Base::Extra => EXTRA_SHAPES,
        _ => validate::SHAPES,
    }
}

/// `severity component focus` of each result, as in `Case::expected`, expanded.
fn summary(report: &Report) -> BTreeSet<String> {
    report
        .results
        .iter()
        .map(|r| {
            let component = r
                .constraint_component
                .as_str()
                .trim_start_matches("http://www.w3.org/ns/shacl#")
                .trim_end_matches("ConstraintComponent");
            format!("{} {component} {}", r.severity, r.focus_node)
        })
        .collect()
}

fn expected_summary(case: &Case) -> BTreeSet<String> {
    case.expected
        .iter()
        .map(|e| {
            let mut parts = e.splitn(3, ' ');
            let (severity, component, focus) = (
                parts.next().unwrap_or(""),
                parts.next().unwrap_or(""),
                parts.next().unwrap_or(""),
            );
            format!("{severity} {component} {}", expand_focus(focus))
        })
        .collect()
}

#[test]
fn the_worked_example_of_the_mapping_conforms() {
    let report = validate::validate(&store_of(&CASES[0]), validate::SHAPES).unwrap();
    assert!(report.conforms, "{report}");
    assert!(report.results.is_empty());
    assert_eq!(
        report.to_string(),
        "conforms: true (0 violations, 0 warnings, 0 infos)\n"
    );
}

#[test]
fn every_case_gives_exactly_the_expected_results() {
    let mut failures = Vec::new();
    for case in CASES {
        let report = validate::validate(&store_of(case), shapes_of(case))
            .unwrap_or_else(|e| panic!("{}: {e}", case.name));
        let (actual, expected) = (summary(&report), expected_summary(case));
        if actual != expected {
            failures.push(format!(
                "case {:?}\n  expected: {expected:#?}\n  actual:   {actual:#?}\n{report}",
                case.name
            ));
        }
        assert_eq!(report.conforms, report.results.is_empty());
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn a_warning_only_graph_does_not_conform_but_has_no_violation() {
    let case = CASES
        .iter()
        .find(|c| c.name.starts_with("uniqueLang"))
        .unwrap();
    let report = validate::validate(&store_of(case), validate::SHAPES).unwrap();
    assert_eq!(report.results.len(), 1, "{report}");
    assert_eq!(report.results[0].severity, Severity::Warning);
    // SHACL §3.6.1: sh:conforms is false as soon as there is any result.
    assert!(!report.conforms);
    // docs/mapping.md §14: acceptable, as there is no Violation.
    assert!(!report.has_violations());
    assert!(report.to_turtle().contains("sh:conforms false"));
}

#[test]
fn every_implemented_component_has_a_broken_case() {
    let broken: BTreeSet<&str> = CASES
        .iter()
        .flat_map(|c| c.expected.iter())
        .filter_map(|e| e.split(' ').nth(1))
        .collect();
    for component in [
        "Class",
        "Datatype",
        "NodeKind",
        "MinCount",
        "MaxCount",
        "MinExclusive",
        "MinInclusive",
        "MaxExclusive",
        "MaxInclusive",
        "MinLength",
        "MaxLength",
        "Pattern",
        "LanguageIn",
        "UniqueLang",
        "In",
        "HasValue",
        "Equals",
        "Disjoint",
        "LessThan",
        "LessThanOrEquals",
        "Not",
        "And",
        "Or",
        "Xone",
        "Node",
    ] {
        assert!(broken.contains(component), "no case breaks sh:{component}");
    }
}

#[test]
fn a_shape_the_engine_cannot_run_is_an_error() {
    let shapes = format!(
        "{}\nhgsh:ClosedProjectShape a sh:NodeShape ; sh:targetClass hg:Project ; sh:closed true .\n",
        validate::SHAPES
    );
    match validate::validate(&store_of(&CASES[0]), &shapes) {
        Err(ValidateError::UnsupportedComponent { shape, parameter }) => {
            assert_eq!(parameter, "sh:closed");
            assert!(shape.contains("ClosedProjectShape"));
        }
        other => panic!("expected an error, got {other:?}"),
    }
}

/// One case as pySHACL sees it.
#[derive(Debug, Default, PartialEq)]
struct Verdict {
    conforms: bool,
    allowing_warnings: bool,
    results: BTreeSet<String>,
}

/// Our report in the script's format.
fn our_verdict(report: &Report) -> Verdict {
    Verdict {
        conforms: report.conforms,
        allowing_warnings: !report.has_violations(),
        results: report
            .results
            .iter()
            .map(|r| {
                let focus = match &r.focus_node {
                    oxigraph::model::Term::BlankNode(_) => "_:".to_owned(),
                    t => t.to_string(),
                };
                let path = r.path.as_ref().map_or("-".to_owned(), ToString::to_string);
                format!(
                    "result\t{}\t{focus}\t{}\t{path}",
                    r.severity.iri().as_str(),
                    r.constraint_component.as_str()
                )
            })
            .collect(),
    }
}

/// Runs scripts/pyshacl-check.py on the files; one verdict per file, in order.
fn pyshacl(shapes: &Path, files: &[PathBuf]) -> Vec<Verdict> {
    let script = root().join("scripts/pyshacl-check.py");
    let output = Command::new("python3")
        .arg(&script)
        .arg("--results")
        .arg("--shapes")
        .arg(shapes)
        .args(files)
        .output()
        .unwrap_or_else(|e| {
            panic!(
                "cannot run python3 ({e}): the pySHACL cross-check needs python3 with pip \
                 (CI has them); install python3 and python3-pip"
            )
        });
    assert!(
        output.status.success(),
        "{} failed ({}):\n{}",
        script.display(),
        output.status,
        String::from_utf8_lossy(&output.stderr)
    );
    let stdout = String::from_utf8_lossy(&output.stdout);
    let mut verdicts: Vec<Verdict> = Vec::new();
    for line in stdout.lines() {
        if line.starts_with("# ") {
            verdicts.push(Verdict::default());
            continue;
        }
        if verdicts.is_empty() {
            verdicts.push(Verdict::default());
        }
        let Some(v) = verdicts.last_mut() else {
            continue;
        };
        if let Some(rest) = line.strip_prefix("conforms: ") {
            v.conforms = rest == "true";
        } else if let Some(rest) = line.strip_prefix("conforms-allowing-warnings: ") {
            v.allowing_warnings = rest == "true";
        } else if line.starts_with("result\t") {
            v.results.insert(line.to_owned());
        }
    }
    assert_eq!(verdicts.len(), files.len(), "pySHACL output:\n{stdout}");
    verdicts
}

#[test]
fn pyshacl_agrees_on_every_case() {
    let dir = std::env::temp_dir().join(format!("hankegraph-shacl-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let extra_shapes = dir.join("extra-shapes.ttl");
    std::fs::write(&extra_shapes, EXTRA_SHAPES).unwrap();

    let mut disagreements = Vec::new();
    for (shapes, extra) in [
        (root().join("ontology/shapes.ttl"), false),
        (extra_shapes, true),
    ] {
        let cases: Vec<&Case> = CASES
            .iter()
            .filter(|c| (c.base == Base::Extra) == extra)
            .collect();
        let mut files = Vec::new();
        let mut ours = Vec::new();
        for (i, case) in cases.iter().enumerate() {
            let store = store_of(case);
            let file = dir.join(format!("case-{}-{i:02}.nq", u8::from(extra)));
            let writer = std::fs::File::create(&file).unwrap();
            store.dump_to_writer(RdfFormat::NQuads, writer).unwrap();
            ours.push(our_verdict(
                &validate::validate(&store, shapes_of(case)).unwrap(),
            ));
            files.push(file);
        }
        let theirs = pyshacl(&shapes, &files);
        for ((case, ours), theirs) in cases.iter().zip(ours).zip(theirs) {
            if let Some((_, why)) = PYSHACL_GAPS.iter().find(|(name, _)| *name == case.name) {
                eprintln!("pySHACL not compared on {:?}: {why}", case.name);
                continue;
            }
            if ours != theirs {
                disagreements.push(format!(
                    "case {:?}:\n  hankegraph: {ours:#?}\n  pySHACL:    {theirs:#?}",
                    case.name
                ));
            }
        }
    }
    let _ = std::fs::remove_dir_all(&dir);
    assert!(disagreements.is_empty(), "{}", disagreements.join("\n"));
}

#[test]
fn the_store_default_graph_is_part_of_the_data_graph() {
    let store = store_of(&CASES[0]);
    // A project typed in the default graph only.
    store
        .insert(&Quad::new(
            NamedNode::new("https://w3id.org/hankegraph/project/X").unwrap(),
            NamedNode::new("http://www.w3.org/1999/02/22-rdf-syntax-ns#type").unwrap(),
            NamedNode::new("https://w3id.org/hankegraph/ontology#Project").unwrap(),
            GraphName::DefaultGraph,
        ))
        .unwrap();
    let report = validate::validate(&store, validate::SHAPES).unwrap();
    assert!(
        report
            .by_focus_node()
            .iter()
            .any(|(focus, _)| focus.to_string() == "<https://w3id.org/hankegraph/project/X>"),
        "{report}"
    );
}
