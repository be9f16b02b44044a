//! The document model shared by every stage after parsing: a card, a decision, or an unknown
//! document, with the warnings the parser raised about it.

use crate::card::Card;
use crate::decision::Decision;
use serde::Serialize;

/// What a document is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    /// A *Hankekortti* project card.
    Card,
    /// A municipal co-funding decision.
    Decision,
    /// Anything else: empty, binary, or another kind of text.
    Unknown,
}

impl Kind {
    /// The lowercase name used in JSON and RDF.
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Card => "card",
            Kind::Decision => "decision",
            Kind::Unknown => "unknown",
        }
    }
}

/// Something the parser could not read, and why. Recoverable damage is a warning, not an error.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize)]
pub struct Warning {
    /// A stable machine-readable code, e.g. `missing-label`, `windows-1252`.
    pub code: &'static str,
    /// A sentence for people.
    pub message: String,
}

impl Warning {
    /// A warning with its code and message.
    pub fn new(code: &'static str, message: String) -> Self {
        Warning { code, message }
    }
}

/// One parsed document.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Document {
    /// The path as given.
    pub file: String,
    /// What the document is.
    pub kind: Kind,
    /// The encoding the bytes were read as.
    pub encoding: Option<&'static str>,
    /// SHA-256 of the bytes, hex.
    pub sha256: String,
    /// What could not be read, and why.
    pub warnings: Vec<Warning>,
    /// The card's facts, when `kind` is `card`.
    #[serde(flatten, skip_serializing_if = "Option::is_none")]
    pub card: Option<Card>,
    /// The decision's facts, when `kind` is `decision`.
    #[serde(flatten, skip_serializing_if = "Option::is_none")]
    pub decision: Option<Decision>,
}
