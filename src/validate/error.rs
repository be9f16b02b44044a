//! What can stop a validation: a shapes graph the engine cannot run, or a store it cannot read.
//!
//! Bad *data* is never an error: it is a [`ValidationResult`](super::ValidationResult) in the
//! report. An error means the shapes graph is unusable, and then no report is given at all, so
//! that a shape is never silently ignored.

use oxigraph::io::RdfSyntaxError;
use oxigraph::sparql::{QueryEvaluationError, SparqlSyntaxError};
use oxigraph::store::StorageError;

/// Why [`validate`](super::validate) could not produce a report.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ValidateError {
    /// The shapes graph is not valid Turtle. The parser's message carries the line and column.
    #[error("the shapes graph is not valid Turtle: {0}")]
    ShapesSyntax(#[from] RdfSyntaxError),

    /// The shapes graph uses a SHACL term this engine does not implement (`sh:closed`,
    /// `sh:qualifiedValueShape`, `sh:sparql`, a misspelt `sh:` term, …).
    #[error(
        "shape {shape} uses {parameter}, which hankegraph's SHACL engine does not implement; \
         extend src/validate before using it"
    )]
    UnsupportedComponent {
        /// The shape, in N-Triples syntax.
        shape: String,
        /// The SHACL terms, e.g. `sh:closed` (several are separated by `, `).
        parameter: String,
    },

    /// A SHACL parameter has a value that SHACL does not allow there (a negative `sh:minCount`,
    /// a path that is not a path, `sh:minCount` on a node shape, …).
    #[error("shape {shape}: {parameter} {reason}")]
    MalformedShape {
        /// The shape, in N-Triples syntax.
        shape: String,
        /// The SHACL term, e.g. `sh:minCount`.
        parameter: String,
        /// What is wrong with its value.
        reason: String,
    },

    /// An `sh:pattern` (with its `sh:flags`) is not a valid SPARQL `REGEX` pattern.
    #[error(
        "shape {shape}: sh:pattern {pattern:?} with flags {flags:?} \
         is not a valid regular expression"
    )]
    InvalidPattern {
        /// The shape, in N-Triples syntax.
        shape: String,
        /// The pattern as written.
        pattern: String,
        /// The flags as written (empty when there are none).
        flags: String,
    },

    /// A shape refers back to itself through `sh:node`, `sh:property`, `sh:not`, `sh:and`,
    /// `sh:or` or `sh:xone`. SHACL leaves the validation of recursive shapes undefined.
    #[error("shape {shape} refers to itself (recursive shapes are undefined in SHACL)")]
    RecursiveShape {
        /// A shape on the cycle, in N-Triples syntax.
        shape: String,
    },

    /// The store could not be read.
    #[error("cannot read the store: {0}")]
    Storage(#[from] StorageError),

    /// A SPARQL expression used for `sh:pattern`, comparisons or literal checks failed.
    #[error("SPARQL evaluation failed: {0}")]
    Sparql(#[from] QueryEvaluationError),

    /// An internal SPARQL expression did not parse (a bug in this module).
    #[error("internal SPARQL expression does not parse: {0}")]
    SparqlSyntax(#[from] SparqlSyntaxError),
}
