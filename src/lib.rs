//! hankegraph turns the documents of Finland's ESF social-inclusion projects — *Hankekortti*
//! project cards and municipal co-funding decisions — into facts, and those facts into a
//! knowledge graph.
//!
//! The data flows one way: bytes → text ([`read`]) → document ([`card`], [`decision`], with the
//! pure helpers of [`text`]) → a run of [`Document`]s ([`parse`]) → RDF ([`rdf`]) → the store
//! ([`store`]) → named queries ([`queries`]), lineage ([`lineage`]) and validation ([`validate`]).

pub mod card;
pub mod decision;
pub mod document;
#[cfg(feature = "graph")]
pub mod fetch;
pub mod gen;
#[cfg(feature = "graph")]
pub mod lineage;
pub mod parse;
pub mod queries;
#[cfg(feature = "graph")]
pub mod rdf;
pub mod read;
#[cfg(feature = "graph")]
pub mod register;
#[cfg(feature = "graph")]
pub mod remote;
pub mod resolve;
#[cfg(feature = "graph")]
pub mod server;
#[cfg(feature = "graph")]
pub mod store;
pub mod text;
#[cfg(feature = "graph")]
pub mod validate;

pub use document::{Document, Kind, Warning};
