//! Unit tests of the engine on small shapes and data graphs. The components against the real
//! shapes, and the agreement with pySHACL, are in tests/shacl.rs.

use super::*;
use oxigraph::io::RdfFormat;
use oxigraph::model::{NamedNode, Term};

const PREFIXES: &str = "@prefix ex: <http://example.org/> .\n\
                        @prefix sh: <http://www.w3.org/ns/shacl#> .\n\
                        @prefix xsd: <http://www.w3.org/2001/XMLSchema#> .\n\
                        @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .\n";

fn ex(local: &str) -> Term {
    NamedNode::new(format!("http://example.org/{local}"))
        .unwrap()
        .into()
}

fn store(trig: &str) -> Store {
    let store = Store::new().unwrap();
    store
        .load_from_slice(RdfFormat::TriG, format!("{PREFIXES}{trig}").as_bytes())
        .unwrap();
    store
}

fn run(shapes: &str, trig: &str) -> Report {
    validate(&store(trig), &format!("{PREFIXES}{shapes}")).unwrap()
}

fn components(report: &Report) -> Vec<String> {
    report
        .results
        .iter()
        .map(|r| {
            format!(
                "{} {} {}",
                r.severity,
                vocab::short(r.constraint_component.as_ref()),
                r.focus_node
            )
            .replace("http://example.org/", "")
        })
        .collect()
}

fn error(shapes: &str) -> ValidateError {
    match Validator::new(&format!("{PREFIXES}{shapes}")) {
        Ok(_) => panic!("shapes accepted:\n{shapes}"),
        Err(e) => e,
    }
}

#[test]
fn the_project_shapes_compile() {
    let v = Validator::new(SHAPES).unwrap();
    let named: Vec<String> = v
        .shapes
        .all
        .iter()
        .filter(|s| s.node.is_named_node())
        .map(|s| s.node.to_string())
        .collect();
    assert_eq!(named.len(), 16, "{named:?}");
    assert!(v.shapes.all.iter().all(|s| !s.deactivated));
    // Every blank property shape belongs to a named shape.
    assert!(v.shapes.all.iter().all(|s| s.owner.is_some()));
}

#[test]
fn unimplemented_shacl_terms_are_refused_by_name() {
    for (term, shapes) in [
        ("sh:closed", "ex:S sh:targetClass ex:C ; sh:closed true ."),
        (
            "sh:qualifiedMinCount, sh:qualifiedValueShape",
            "ex:S sh:targetClass ex:C ; sh:property [ sh:path ex:p ; \
             sh:qualifiedValueShape [ sh:class ex:D ] ; sh:qualifiedMinCount 1 ] .",
        ),
        (
            "sh:sparql",
            "ex:S sh:targetClass ex:C ; sh:sparql [ sh:select \"SELECT $this WHERE {}\" ] .",
        ),
        (
            "sh:minCont",
            "ex:S sh:targetClass ex:C ; sh:property [ sh:path ex:p ; sh:minCont 1 ] .",
        ),
        (
            "sh:target",
            "ex:S sh:target [ a ex:Target ] ; sh:class ex:C .",
        ),
    ] {
        match error(shapes) {
            ValidateError::UnsupportedComponent { parameter, .. } => {
                assert_eq!(parameter, term, "{shapes}")
            }
            other => panic!("{shapes}: {other}"),
        }
        assert!(error(shapes).to_string().contains(term));
    }
}

#[test]
fn malformed_parameters_are_refused() {
    for (term, shapes) in [
        (
            "sh:minCount",
            "ex:S sh:property [ sh:path ex:p ; sh:minCount \"one\" ] .",
        ),
        (
            "sh:minCount",
            "ex:S sh:property [ sh:path ex:p ; sh:minCount -1 ] .",
        ),
        ("sh:minCount", "ex:S sh:targetClass ex:C ; sh:minCount 1 ."),
        (
            "sh:maxCount",
            "ex:S sh:property [ sh:path ex:p ; sh:maxCount 1 , 2 ] .",
        ),
        ("sh:property", "ex:S sh:property [ sh:minCount 1 ] ."),
        ("sh:nodeKind", "ex:S sh:nodeKind sh:Iri ."),
        ("sh:in", "ex:S sh:in ex:notAList ."),
        ("sh:path", "ex:S sh:property [ sh:path \"p\" ] ."),
        ("sh:or", "ex:S sh:or ( \"x\" ) ."),
        ("sh:flags", "ex:S sh:flags \"i\" ."),
        ("sh:severity", "ex:S sh:severity \"Warning\" ."),
    ] {
        match error(shapes) {
            ValidateError::MalformedShape { parameter, .. } => {
                assert_eq!(parameter, term, "{shapes}")
            }
            other => panic!("{shapes}: {other}"),
        }
    }
}

#[test]
fn an_invalid_pattern_is_an_error_not_a_mismatch() {
    assert!(matches!(
        error("ex:S sh:targetClass ex:C ; sh:pattern \"(\" ."),
        ValidateError::InvalidPattern { .. }
    ));
    assert!(matches!(
        error("ex:S sh:targetClass ex:C ; sh:pattern \"a\" ; sh:flags \"z\" ."),
        ValidateError::InvalidPattern { .. }
    ));
}

#[test]
fn recursive_shapes_are_refused() {
    let e = error("ex:A sh:targetClass ex:C ; sh:node ex:B . ex:B sh:or ( ex:A ) .");
    assert!(matches!(e, ValidateError::RecursiveShape { .. }), "{e}");
}

#[test]
fn a_syntax_error_names_its_line() {
    let e = error("ex:S sh:targetClass ex:C ;\n sh:minCount 1 1 .");
    assert!(matches!(e, ValidateError::ShapesSyntax(_)));
    assert!(e.to_string().contains("line 6"), "{e}");
}

#[test]
fn the_data_graph_is_the_union_of_all_graphs_without_duplicates() {
    let shapes = "ex:S sh:targetClass ex:C ; \
                  sh:property [ sh:path ex:p ; sh:maxCount 1 ; sh:class ex:D ] .";
    // The type of ex:x is in the default graph, ex:a's value and the value's type in two named
    // graphs, and the same triple twice: one value, an instance of ex:D.
    let trig = "ex:a a ex:C . \
                ex:g1 { ex:a ex:p ex:x . } \
                ex:g2 { ex:a ex:p ex:x . ex:x a ex:D . }";
    let report = run(shapes, trig);
    assert!(report.conforms, "{report}");
    let report = run(shapes, "ex:g1 { ex:a a ex:C ; ex:p ex:x , ex:y . }");
    assert_eq!(
        components(&report),
        [
            "Violation sh:ClassConstraintComponent <a>",
            "Violation sh:ClassConstraintComponent <a>",
            "Violation sh:MaxCountConstraintComponent <a>",
        ]
    );
}

#[test]
fn target_class_and_sh_class_follow_subclasses_of_the_data_graph() {
    let shapes = "ex:S sh:targetClass ex:Organisation ; \
                  sh:property [ sh:path ex:name ; sh:minCount 1 ] . \
                  ex:T sh:targetSubjectsOf ex:municipality ; \
                  sh:property [ sh:path ex:municipality ; sh:class ex:Organisation ] .";
    let trig = "ex:Municipality rdfs:subClassOf ex:PublicBody . \
                ex:PublicBody rdfs:subClassOf ex:Organisation . \
                ex:kuopio a ex:Municipality . \
                ex:decision ex:municipality ex:kuopio .";
    // ex:kuopio is targeted through two subclass steps, and is an instance for sh:class.
    assert_eq!(
        components(&run(shapes, trig)),
        ["Violation sh:MinCountConstraintComponent <kuopio>"]
    );
}

#[test]
fn results_carry_what_shacl_says_they_carry() {
    let shapes = "ex:S sh:targetNode ex:a ; sh:property \
                  [ sh:path ex:p ; sh:minCount 2 ; sh:datatype xsd:integer ; \
                    sh:message \"viesti\"@fi , \"message\" , \"message\"@en ] , \
                  [ sh:path [ sh:inversePath ex:q ] ; sh:hasValue ex:b ] .";
    let report = run(shapes, "ex:a ex:p \"x\" .");
    assert!(!report.conforms);
    let [datatype, count, has_value] = report.results.as_slice() else {
        panic!("{report}");
    };
    assert_eq!(
        count.constraint_component.as_str(),
        vocab::MIN_COUNT_COMPONENT.as_str()
    );
    assert_eq!(count.value, None);
    assert_eq!(count.message, "message");
    assert_eq!(
        count.named_shape,
        Some(NamedNode::new("http://example.org/S").unwrap())
    );
    assert_eq!(
        count.path.as_ref().map(ToString::to_string).as_deref(),
        Some("<http://example.org/p>")
    );
    assert_eq!(
        datatype.value,
        Some(Term::from(oxigraph::model::Literal::new_simple_literal(
            "x"
        )))
    );
    assert_eq!(datatype.severity, Severity::Violation);
    assert_eq!(
        has_value.path.as_ref().map(ToString::to_string).as_deref(),
        Some("^<http://example.org/q>")
    );
    assert_eq!(
        has_value.message,
        "Missing the value <http://example.org/b>"
    );
}

#[test]
fn warnings_alone_make_a_graph_non_conforming_but_not_violating() {
    let shapes = "ex:S sh:targetClass ex:C ; sh:severity sh:Warning ; \
                  sh:property [ sh:path ex:p ; sh:minCount 1 ; sh:severity sh:Info ] ; \
                  sh:nodeKind sh:BlankNode .";
    let report = run(shapes, "ex:a a ex:C .");
    assert_eq!(
        components(&report),
        [
            "Warning sh:NodeKindConstraintComponent <a>",
            "Info sh:MinCountConstraintComponent <a>",
        ]
    );
    assert!(!report.conforms);
    assert!(!report.has_violations());
    assert_eq!(report.count(&Severity::Warning), 1);
    assert_eq!(report.count(&Severity::Info), 1);
}

#[test]
fn deactivated_shapes_are_skipped_and_conform_when_referenced() {
    let shapes = "ex:Off sh:targetClass ex:C ; sh:deactivated true ; sh:nodeKind sh:Literal . \
                  ex:S sh:targetClass ex:C ; sh:node ex:Off ; sh:not ex:Off .";
    // sh:node ex:Off conforms (deactivated); sh:not ex:Off therefore fails.
    assert_eq!(
        components(&run(shapes, "ex:a a ex:C .")),
        ["Violation sh:NotConstraintComponent <a>"]
    );
}

#[test]
fn the_report_groups_by_focus_node_and_renders_as_turtle() {
    let shapes = "ex:S sh:targetClass ex:C ; sh:property \
                  [ sh:path ( ex:p ex:q ) ; sh:minCount 1 ] , \
                  [ sh:path ex:r ; sh:in ( \"a\" ) ; sh:severity sh:Warning ; \
                    sh:message \"say \\\"a\\\"\\n\" ] .";
    let report = run(shapes, "ex:a a ex:C ; ex:r \"b\" . ex:b a ex:C .");
    let groups = report.by_focus_node();
    assert_eq!(groups.len(), 2);
    assert_eq!(groups[0].0, &ex("a"));
    assert_eq!(groups[0].1.len(), 2);
    let text = report.to_string();
    let expected_start = "conforms: false (2 violations, 1 warnings, 0 infos)\n\
                          <http://example.org/a>\n  \
                          Violation sh:MinCountConstraintComponent \
                          path <http://example.org/p>/<http://example.org/q>";
    assert!(text.starts_with(expected_start), "{text}");

    let ttl = report.to_turtle();
    let parsed = Store::new().unwrap();
    parsed
        .load_from_slice(RdfFormat::Turtle, ttl.as_bytes())
        .unwrap();
    let count = |q: &str| {
        let query = format!(
            "PREFIX sh: <http://www.w3.org/ns/shacl#> \
             PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> \
             SELECT * WHERE {{ {q} }}"
        );
        let oxigraph::sparql::QueryResults::Solutions(s) = oxigraph::sparql::SparqlEvaluator::new()
            .parse_query(&query)
            .unwrap()
            .on_store(&parsed)
            .execute()
            .unwrap()
        else {
            panic!()
        };
        s.count()
    };
    assert_eq!(
        count("?r a sh:ValidationReport ; sh:conforms false"),
        1,
        "{ttl}"
    );
    assert_eq!(
        count("?r sh:result ?x . ?x a sh:ValidationResult"),
        3,
        "{ttl}"
    );
    assert_eq!(
        count("?x sh:resultPath/rdf:first <http://example.org/p> ; sh:resultSeverity sh:Violation"),
        2,
        "{ttl}"
    );
    assert_eq!(
        count("?x sh:value \"b\" ; sh:resultMessage \"say \\\"a\\\"\\n\""),
        1,
        "{ttl}"
    );

    let empty = run(shapes, "");
    assert!(empty.conforms);
    assert!(empty.to_turtle().contains("sh:conforms true .\n"));
}
