//! Entity resolution: which real thing a name stands for (pure functions, no RDF).
//!
//! * [`slug`]: the path segment of an IRI minted from a name (docs/mapping.md §4.2).
//! * [`canonical_organisation`]: one organisation, one canonical name and one key, whatever the
//!   surface form (inflected, OCR-damaged, abbreviated, with or without its legal form).
//! * [`classify_target_group`], [`card_funder`], [`municipal_funder`]: target-group phrases and
//!   funders as concepts of their SKOS schemes, classified under the fixed concepts of the
//!   ontology (§10, §11).
//!
//! The RDF layer ([`crate::rdf`]) turns the results into IRIs and triples.

mod concept;
mod organisation;
mod slug;

pub use concept::{
    card_funder, card_funder_in, classify_target_group, municipal_funder, ConceptScheme, Funder,
    TargetGroup, MUNICIPALITIES_CONCEPT,
};
pub use organisation::{
    canonical_organisation, organisation_key, tidy_name, Organisation, OrganisationIndex,
    OrganisationKind,
};
pub use slug::slug;
