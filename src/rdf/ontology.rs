//! The embedded ontology and shapes: loading them into their graphs (docs/mapping.md §3), and
//! reading the fixed concepts and their keywords that the mapping classifies against (§10, §11).

use super::vocab::{base, graph, hg, hgfu, hgtg, rdf, skos};
use super::RdfError;
use crate::resolve::ConceptScheme;
use oxigraph::io::{RdfFormat, RdfParser, RdfSyntaxError};
use oxigraph::model::{GraphName, NamedOrBlankNode, Quad, Term};
use std::sync::OnceLock;

/// `ontology/hankegraph.ttl`: PART A (the ontology) and PART B (the fixed concepts).
const ONTOLOGY_TTL: &str = include_str!("../../ontology/hankegraph.ttl");
/// `ontology/shapes.ttl`: the SHACL shapes.
const SHAPES_TTL: &str = include_str!("../../ontology/shapes.ttl");
const ONTOLOGY_FILE: &str = "ontology/hankegraph.ttl";

/// The text of `ontology/shapes.ttl`.
pub fn shapes_turtle() -> &'static str {
    SHAPES_TTL
}

/// The text of `ontology/hankegraph.ttl`.
pub fn ontology_turtle() -> &'static str {
    ONTOLOGY_TTL
}

fn parse_error(file: &'static str, e: &RdfSyntaxError) -> RdfError {
    let (line, column) = e
        .location()
        .map_or((0, 0), |r| (r.start.line + 1, r.start.column + 1));
    RdfError::Syntax {
        file,
        line,
        column,
        message: e.to_string(),
    }
}

/// Parses the embedded ontology and places each triple in its graph: a triple whose subject
/// is an IRI under `https://w3id.org/hankegraph/concept/` in `graph/concepts`, every other
/// triple (blank-node subjects included) in `graph/ontology`.
///
/// # Errors
///
/// [`RdfError::Syntax`] with the line and column if the embedded Turtle does not parse.
pub fn ontology_quads() -> Result<Vec<Quad>, RdfError> {
    let concepts = GraphName::NamedNode(graph::CONCEPTS.into_owned());
    let ontology = GraphName::NamedNode(graph::ONTOLOGY.into_owned());
    let mut out = Vec::new();
    for q in RdfParser::from_format(RdfFormat::Turtle).for_slice(ONTOLOGY_TTL) {
        let q = q.map_err(|e| parse_error(ONTOLOGY_FILE, &e))?;
        let g = match &q.subject {
            NamedOrBlankNode::NamedNode(n) if n.as_str().starts_with(base::CONCEPT) => {
                concepts.clone()
            }
            _ => ontology.clone(),
        };
        out.push(Quad::new(q.subject, q.predicate, q.object, g));
    }
    Ok(out)
}

/// The fixed concepts of the two schemes the mapping classifies against.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Schemes {
    /// `https://w3id.org/hankegraph/concept/target-group`.
    pub target_groups: ConceptScheme,
    /// `https://w3id.org/hankegraph/concept/funder`.
    pub funders: ConceptScheme,
}

/// Reads the fixed concepts (`skos:Concept`s), their `hg:matchKeyword`s and the `skos:broader`
/// links between them from ontology quads.
pub fn schemes_from_quads(quads: &[Quad]) -> Schemes {
    let mut s = Schemes::default();
    let slug_in = |t: &Term, ns: &str| -> Option<String> {
        match t {
            Term::NamedNode(n) => n.as_str().strip_prefix(ns).map(str::to_owned),
            _ => None,
        }
    };
    for q in quads {
        let subject = Term::from(q.subject.clone());
        for (ns, scheme) in [(hgtg::NS, &mut s.target_groups), (hgfu::NS, &mut s.funders)] {
            let Some(slug) = slug_in(&subject, ns) else {
                continue;
            };
            let p = q.predicate.as_ref();
            if p == rdf::TYPE && q.object == Term::from(skos::CONCEPT.into_owned()) {
                scheme.add_concept(&slug);
            } else if p == hg::MATCH_KEYWORD {
                if let Term::Literal(l) = &q.object {
                    scheme.add_keyword(&slug, l.value());
                }
            } else if p == skos::BROADER {
                if let Some(b) = slug_in(&q.object, ns) {
                    scheme.add_broader(&slug, &b);
                }
            }
        }
    }
    s
}

/// The schemes of the embedded ontology, read once.
///
/// # Errors
///
/// The ontology's parse error, if it does not parse.
pub fn schemes() -> Result<&'static Schemes, RdfError> {
    static CELL: OnceLock<Result<Schemes, (u64, u64, String)>> = OnceLock::new();
    let cached = CELL.get_or_init(|| match ontology_quads() {
        Ok(q) => Ok(schemes_from_quads(&q)),
        Err(RdfError::Syntax {
            line,
            column,
            message,
            ..
        }) => Err((line, column, message)),
    });
    cached
        .as_ref()
        .map_err(|(line, column, message)| RdfError::Syntax {
            file: ONTOLOGY_FILE,
            line: *line,
            column: *column,
            message: message.clone(),
        })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::resolve::classify_target_group;

    #[test]
    fn ontology_splits_into_two_graphs() -> Result<(), RdfError> {
        let quads = ontology_quads()?;
        assert!(quads.len() > 500, "{} quads", quads.len());
        let concepts = GraphName::NamedNode(graph::CONCEPTS.into_owned());
        let ontology = GraphName::NamedNode(graph::ONTOLOGY.into_owned());
        for q in &quads {
            let in_concepts = matches!(&q.subject, NamedOrBlankNode::NamedNode(n) if n.as_str().starts_with(base::CONCEPT));
            let want = if in_concepts { &concepts } else { &ontology };
            assert_eq!(&q.graph_name, want, "{q}");
        }
        assert!(quads.iter().any(|q| q.graph_name == concepts));
        assert!(quads.iter().any(|q| q.graph_name == ontology));
        // the schemes themselves are concepts-graph subjects too
        assert!(quads.iter().any(|q| q.graph_name == concepts
            && q.subject.to_string() == "<https://w3id.org/hankegraph/concept/target-group>"));
        Ok(())
    }

    #[test]
    fn fixed_concepts_and_keywords_come_from_the_ontology() -> Result<(), RdfError> {
        let s = schemes()?;
        assert!(s.target_groups.is_fixed("tyottomat"));
        assert!(s.target_groups.is_fixed("yksinaiset"));
        assert!(s.funders.is_fixed("ely-keskukset"));
        assert!(!s.target_groups.is_fixed("petosen-alueen-tyottomat"));
        let t = classify_target_group("pitkäaikaistyöttömät nuoret", &s.target_groups);
        assert_eq!(
            t.map(|t| t.broader),
            Some(vec!["nuoret".to_owned(), "pitkaaikaistyottomat".to_owned()])
        );
        let t = classify_target_group("yksin asuvat työikäiset", &s.target_groups);
        assert_eq!(t.map(|t| t.broader), Some(vec!["yksinaiset".to_owned()]));
        Ok(())
    }

    #[test]
    fn shapes_parse() {
        let n = RdfParser::from_format(RdfFormat::Turtle)
            .for_slice(shapes_turtle())
            .filter(Result::is_ok)
            .count();
        assert!(n > 100);
        assert!(RdfParser::from_format(RdfFormat::Turtle)
            .for_slice(shapes_turtle())
            .all(|q| q.is_ok()));
    }
}
