//! hankegraph turns the documents of Finland's ESF social-inclusion projects — *Hankekortti*
//! project cards and municipal co-funding decisions — into facts, and those facts into a
//! knowledge graph.
//!
//! The data flows one way: bytes → text ([`read`]) → document ([`card`], [`decision`], with the
//! pure helpers of [`text`]) → a run of [`Document`]s ([`parse`]).

pub mod card;
pub mod decision;
pub mod document;
pub mod fetch;
pub mod parse;
pub mod queries;
pub mod rdf;
pub mod read;
pub mod register;
pub mod resolve;
pub mod store;
pub mod text;
pub mod validate;

pub use document::{Document, Kind, Warning};
