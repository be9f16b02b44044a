//! Loading the lineage from the store, through the named queries `lineage-projects` and
//! `lineage-edges` (queries/*.rq), once per command.

use super::{EdgeClaim, Evidence, Lineage, LinkKind, Project};
use crate::queries;
use crate::store::{Answer, GraphStore, StoreError};
use crate::text::amount::Euros;
use crate::text::date::Date;
use oxigraph::model::{Term, TermRef};

/// Why the lineage could not be loaded or asked.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum LineageError {
    /// The store failed.
    #[error(transparent)]
    Store(#[from] StoreError),
    /// A named query the lineage needs is not in the binary.
    #[error("the named query {0:?} is missing from this build")]
    MissingQuery(&'static str),
    /// A query returned something else than a table with the expected columns.
    #[error("the named query {query:?} did not return the column {column:?}")]
    UnexpectedAnswer {
        /// The query.
        query: &'static str,
        /// The column it lacked.
        column: &'static str,
    },
    /// A project code that is not in the store.
    #[error("no project {0} in the store (`hankegraph query projects` lists them)")]
    UnknownProject(String),
}

/// The rows of a named SELECT query, with a column lookup.
struct Rows {
    query: &'static str,
    variables: Vec<String>,
    rows: Vec<Vec<Option<Term>>>,
}

impl Rows {
    fn run(store: &GraphStore, query: &'static str) -> Result<Self, LineageError> {
        let q = queries::find(query).ok_or(LineageError::MissingQuery(query))?;
        match store.query(q.text, &[])? {
            Answer::Table { variables, rows } => Ok(Rows {
                query,
                variables,
                rows,
            }),
            _ => Err(LineageError::UnexpectedAnswer {
                query,
                column: "(a table)",
            }),
        }
    }

    fn column(&self, name: &'static str) -> Result<usize, LineageError> {
        self.variables
            .iter()
            .position(|v| v == name)
            .ok_or(LineageError::UnexpectedAnswer {
                query: self.query,
                column: name,
            })
    }
}

/// The lexical value of a literal cell (or an IRI's text), `None` when unbound or empty.
fn text(row: &[Option<Term>], i: usize) -> Option<String> {
    let value = match row.get(i)?.as_ref()?.as_ref() {
        TermRef::Literal(l) => l.value().to_owned(),
        TermRef::NamedNode(n) => n.as_str().to_owned(),
        _ => return None,
    };
    (!value.trim().is_empty()).then_some(value)
}

/// A "; "-joined list cell, split, trimmed, sorted and de-duplicated.
fn list(row: &[Option<Term>], i: usize) -> Vec<String> {
    let mut v: Vec<String> = text(row, i)
        .map(|s| {
            s.split("; ")
                .map(str::trim)
                .filter(|x| !x.is_empty())
                .map(str::to_owned)
                .collect()
        })
        .unwrap_or_default();
    v.sort();
    v.dedup();
    v
}

impl Lineage {
    /// Loads the lineage of every project in the store.
    pub fn load(store: &GraphStore) -> Result<Self, LineageError> {
        let p = Rows::run(store, "lineage-projects")?;
        let (code, name, start, end, funder, funding, implementers, has_card, continued_by) = (
            p.column("code")?,
            p.column("name")?,
            p.column("start")?,
            p.column("end")?,
            p.column("funder")?,
            p.column("funding")?,
            p.column("implementers")?,
            p.column("hasCard")?,
            p.column("continuedBy")?,
        );
        let projects: Vec<Project> = p
            .rows
            .iter()
            .filter_map(|row| {
                Some(Project {
                    code: text(row, code)?,
                    name: text(row, name),
                    start: text(row, start).and_then(|s| Date::parse_xsd(&s, false)),
                    end: text(row, end).and_then(|s| Date::parse_xsd(&s, true)),
                    funder: text(row, funder),
                    funding: text(row, funding).and_then(|s| Euros::parse_decimal(&s)),
                    implementers: list(row, implementers),
                    has_card: text(row, has_card).is_some_and(|s| s == "true"),
                    continued_by: list(row, continued_by),
                })
            })
            .collect();

        let e = Rows::run(store, "lineage-edges")?;
        let (from, to, kind, method, stated_by, file, document, sentence) = (
            e.column("predecessor")?,
            e.column("successor")?,
            e.column("kind")?,
            e.column("method")?,
            e.column("statedBy")?,
            e.column("file")?,
            e.column("document")?,
            e.column("sentence")?,
        );
        let claims: Vec<EdgeClaim> = e
            .rows
            .iter()
            .filter_map(|row| {
                Some(EdgeClaim {
                    from: text(row, from)?,
                    to: text(row, to)?,
                    kind: match text(row, kind)?.as_str() {
                        "parallel" => LinkKind::Parallel,
                        _ => LinkKind::Continuation,
                    },
                    evidence: Evidence {
                        method: text(row, method).unwrap_or_else(|| "unqualified".to_owned()),
                        stated_by: text(row, stated_by),
                        file: text(row, file),
                        document: text(row, document),
                        sentence: text(row, sentence),
                    },
                })
            })
            .collect();
        Ok(Lineage::from_parts(projects, claims))
    }

    /// The node of a project code, or [`LineageError::UnknownProject`]. Codes are compared
    /// after trimming and upper-casing, so `s20474` finds S20474.
    pub fn require(&self, code: &str) -> Result<petgraph::graph::NodeIndex, LineageError> {
        let wanted = code.trim().to_uppercase();
        self.node(&wanted)
            .ok_or(LineageError::UnknownProject(wanted))
    }
}
