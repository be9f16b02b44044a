//! Document → quads (pure; no store), as specified in docs/mapping.md.
//!
//! Every fact a document states goes into one named graph, named by the document's IRI
//! `https://w3id.org/hankegraph/document/{sha256 of its bytes}`: the graph name *is* the
//! provenance of each fact. Shared nodes (projects, organisations, concepts) are described again
//! in every graph that mentions them, so each graph stands on its own and can be replaced
//! without touching the others. The ontology and the fixed concept schemes have graphs of their
//! own ([`ontology_quads`]).
//!
//! The mapping emits exactly the triples the spec lists (Oxigraph does no reasoning), mints every
//! node an IRI from the document's digest and the values it states (see [IRIs](#iris)), and never
//! fails on bad data: what cannot be mapped is skipped and reported as an `hg:mappingWarning` on
//! the document. Which organisation, funder or target group a name stands for is decided by
//! [`crate::resolve`].
//!
//! # IRIs
//!
//! [`project_iri`], [`organisation_iri`], [`document_iri`], [`decision_iri`], [`funding_iri`],
//! [`relation_iri`], [`target_group_iri`] and [`funder_iri`] follow §4; the vocabulary is in
//! [`vocab`].

mod iri;
mod literal;
mod map;
mod ontology;
mod register;
pub mod vocab;

pub use iri::{
    decision_iri, document_iri, funder_iri, funding_iri, normalise_code, organisation_iri,
    organisation_node, project_iri, relation_iri, target_group_iri, FundingKind, RelationKey,
};
pub use map::{document_graph, document_quads};
pub use ontology::{
    ontology_quads, ontology_turtle, schemes, schemes_from_quads, shapes_turtle, Schemes,
};
pub use register::{register_graph, register_quads, OrganisationNode, RegisterFetch};

use std::time::{SystemTime, UNIX_EPOCH};

/// Errors of the RDF layer.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum RdfError {
    /// An embedded Turtle file does not parse.
    #[error("syntax error in {file} at line {line} column {column}: {message}")]
    Syntax {
        /// The file, relative to the repository.
        file: &'static str,
        /// 1-based line (0 when unknown).
        line: u64,
        /// 1-based column, in characters (0 when unknown).
        column: u64,
        /// What the parser said.
        message: String,
    },
}

/// How and when a document's graph was produced (§6).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Provenance {
    /// The ingest time as an `xsd:dateTime` lexical form: UTC, RFC 3339, second precision
    /// (`2025-01-31T09:30:00Z`). An invalid value is skipped with a mapping warning.
    pub ingested_at: String,
    /// The hankegraph version (`env!("CARGO_PKG_VERSION")`).
    pub tool_version: String,
    /// Where the document was fetched from, if known; written as `dcterms:source`.
    pub source_url: Option<String>,
}

impl Provenance {
    /// Provenance for an ingest at `time` by this version of hankegraph.
    ///
    /// ```
    /// use hankegraph::rdf::Provenance;
    /// use std::time::{Duration, UNIX_EPOCH};
    /// let p = Provenance::at(UNIX_EPOCH + Duration::from_secs(1_738_315_800));
    /// assert_eq!(p.ingested_at, "2025-01-31T09:30:00Z");
    /// assert_eq!(p.tool_version, env!("CARGO_PKG_VERSION"));
    /// ```
    pub fn at(time: SystemTime) -> Self {
        Provenance {
            ingested_at: rfc3339_utc(time),
            tool_version: env!("CARGO_PKG_VERSION").to_owned(),
            source_url: None,
        }
    }

    /// Provenance for an ingest now.
    pub fn now() -> Self {
        Self::at(SystemTime::now())
    }
}

/// A time as `YYYY-MM-DDThh:mm:ssZ` (UTC, whole seconds; times before 1970 give the epoch).
pub fn rfc3339_utc(time: SystemTime) -> String {
    let secs = time.duration_since(UNIX_EPOCH).map_or(0, |d| d.as_secs());
    let days = i64::try_from(secs / 86_400).unwrap_or(0);
    let rem = secs % 86_400;
    let (y, m, d) = civil_from_days(days);
    format!(
        "{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}Z",
        rem / 3600,
        rem % 3600 / 60,
        rem % 60
    )
}

/// The proleptic Gregorian date of a day count since 1970-01-01 (H. Hinnant's algorithm).
fn civil_from_days(z: i64) -> (i64, i64, i64) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    (y, m, d)
}

#[cfg(test)]
mod tests;
