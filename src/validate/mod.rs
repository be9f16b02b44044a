//! SHACL Core validation of the store against ontology/shapes.ttl.
//!
//! # Why an engine of our own
//!
//! The maintained Rust SHACL engine on crates.io (`shacl_validation`, part of rudof) builds on
//! `rudof_rdf`, which turns on oxigraph's `rdf-12` and HTTP-client features. Feature
//! unification would change the `oxigraph` this crate builds (RDF 1.2 term types in every
//! `match`, an HTTP/TLS stack) and pull in reqwest and tokio. So this module implements the
//! part of SHACL Core that `ontology/shapes.ttl` uses, plus the close relatives that cost a few
//! lines each, and **refuses** everything else: a shapes graph that uses an unimplemented term
//! of the SHACL namespace (`sh:closed`, `sh:qualifiedValueShape`, `sh:sparql`, a misspelling…)
//! is an error ([`ValidateError::UnsupportedComponent`]), never a silently skipped shape.
//!
//! Implemented:
//!
//! * targets: `sh:targetClass` (following `rdfs:subClassOf*` in the data graph, as SHACL
//!   instances do), implicit class targets, `sh:targetNode`, `sh:targetSubjectsOf`,
//!   `sh:targetObjectsOf`;
//! * paths: predicates, `sh:inversePath`, sequences, `sh:alternativePath`,
//!   `sh:zeroOrMorePath`, `sh:oneOrMorePath`, `sh:zeroOrOnePath`;
//! * components: `sh:class`, `sh:datatype` (with the lexical form checked for the XSD types
//!   Oxigraph can cast to), `sh:nodeKind`, `sh:minCount`, `sh:maxCount`, `sh:minExclusive`,
//!   `sh:minInclusive`, `sh:maxExclusive`, `sh:maxInclusive`, `sh:minLength`, `sh:maxLength`,
//!   `sh:pattern` with `sh:flags`, `sh:languageIn`, `sh:uniqueLang`, `sh:in`, `sh:hasValue`,
//!   `sh:equals`, `sh:disjoint`, `sh:lessThan`, `sh:lessThanOrEquals`, `sh:not`, `sh:and`,
//!   `sh:or`, `sh:xone`, `sh:node`, `sh:property`;
//! * `sh:severity`, `sh:message`, `sh:deactivated`; `sh:name`, `sh:description`, `sh:order`,
//!   `sh:group`, `sh:defaultValue` are accepted and ignored, as SHACL says.
//!
//! # How it works
//!
//! The data graph is the union of every graph of the store, named graphs and the default graph,
//! as one RDF graph (docs/mapping.md §14): it is read from one snapshot of the store
//! ([`Store::iter`]) into an in-memory [`Graph`], which also removes the duplicates that a
//! union of document graphs has (Oxigraph's union default graph does not, and `sh:maxCount`
//! counts distinct values). Memory is proportional to the store; the whole corpus is small.
//!
//! `sh:pattern`, the comparisons of the range and `sh:lessThan…` components and the lexical
//! check of `sh:datatype` are SPARQL expressions (`REGEX`, `<=`, `<`, XSD casts) evaluated by
//! Oxigraph with bound variables: one regex engine, and SPARQL's semantics as SHACL specifies.
//!
//! # Conformance
//!
//! [`Report::conforms`] follows SHACL §3.6.1 exactly: it is `true` only if there is no result
//! at all, whatever its severity, so a Warning-only graph does **not** conform (pySHACL agrees
//! unless called with `allow_warnings=True`). The project accepts a graph with Warnings:
//! "no Violation" is [`Report::has_violations`] being `false`.
//!
//! ```
//! use hankegraph::validate;
//! use oxigraph::io::RdfFormat;
//! use oxigraph::store::Store;
//!
//! let store = Store::new()?;
//! store.load_from_slice(
//!     RdfFormat::TriG,
//!     r#"@prefix hg: <https://w3id.org/hankegraph/ontology#> .
//!     <https://w3id.org/hankegraph/document/1> {
//!         <https://w3id.org/hankegraph/project/S2047> a hg:Project ; hg:projectCode "S2047" .
//!     }"#,
//! )?;
//! let report = validate::validate(&store, validate::SHAPES)?;
//! assert!(!report.conforms && report.has_violations());
//! // Both the IRI and the code of the project miss a digit.
//! assert_eq!(report.count(&validate::Severity::Violation), 2);
//! println!("{report}");
//! # Ok::<_, Box<dyn std::error::Error>>(())
//! ```

mod engine;
mod error;
mod graph;
mod path;
mod report;
mod shapes;
mod sparql;
mod vocab;

pub use error::ValidateError;
pub use path::Path;
pub use report::{Report, Severity, ValidationResult};

use engine::Engine;
use oxigraph::io::{RdfFormat, RdfParser};
use oxigraph::model::{Graph, Triple};
use oxigraph::store::Store;
use shapes::Shapes;
use sparql::Sparql;

/// The project's shapes, `ontology/shapes.ttl`.
pub const SHAPES: &str = include_str!("../../ontology/shapes.ttl");

/// Validates the union of all graphs of `store` against the shapes in `shapes_ttl` (Turtle).
///
/// # Arguments
///
/// * `store`: the data; every named graph and the default graph form one data graph.
/// * `shapes_ttl`: the shapes graph, e.g. [`SHAPES`].
///
/// # Returns
///
/// The report, or an error when the shapes cannot be parsed or use something this engine does
/// not implement, or the store cannot be read. Invalid data is never an error.
///
/// # Complexity
///
/// One pass over the store to copy it into memory, then for each focus node and constraint a
/// few indexed look-ups; `sh:pattern`, comparisons and literal checks run one small SPARQL
/// evaluation per value.
pub fn validate(store: &Store, shapes_ttl: &str) -> Result<Report, ValidateError> {
    Validator::new(shapes_ttl)?.validate(store)
}

/// A compiled shapes graph, to validate several stores or graphs with the same shapes.
pub struct Validator {
    shapes: Shapes,
    sparql: Sparql,
}

impl Validator {
    /// Parses and compiles a shapes graph written in Turtle.
    pub fn new(shapes_ttl: &str) -> Result<Self, ValidateError> {
        let mut graph = Graph::new();
        for quad in RdfParser::from_format(RdfFormat::Turtle).for_slice(shapes_ttl) {
            graph.insert(&Triple::from(quad?));
        }
        let sparql = Sparql::new()?;
        let shapes = Shapes::compile(&graph, &sparql)?;
        Ok(Validator { shapes, sparql })
    }

    /// Validates the union of all graphs of `store` (named graphs and the default graph).
    pub fn validate(&self, store: &Store) -> Result<Report, ValidateError> {
        let mut data = Graph::new();
        for quad in store.iter() {
            data.insert(&Triple::from(quad?));
        }
        self.validate_graph(&data)
    }

    /// Validates one in-memory data graph.
    pub fn validate_graph(&self, data: &Graph) -> Result<Report, ValidateError> {
        let results = Engine {
            shapes: &self.shapes,
            data,
            sparql: &self.sparql,
        }
        .run()?;
        Ok(Report::new(results))
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests;
