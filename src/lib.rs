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
pub mod lineage;
pub mod parse;
pub mod queries;
pub mod rdf;
pub mod read;
pub mod remote;
pub mod resolve;
pub mod server;
pub mod store;
pub mod text;
pub mod validate;

pub use document::{Document, Kind, Warning};
