//! Project lineage — which project continued which — as a [petgraph] graph.
//!
//! The lineage is loaded once per command from the store ([`Lineage::load`], through the named
//! queries `lineage-projects` and `lineage-edges`): one node per project, those known only
//! because a document mentions them included, and one edge per predecessor → successor pair
//! (or per parallel pair) carrying every piece of evidence for it. On that graph:
//!
//! * [`Lineage::reach`] — ancestors, descendants or the whole family of a project;
//! * [`Lineage::path`] — the chain of continuations between two projects;
//! * [`Lineage::families`] — the connected families, largest first;
//! * [`Lineage::problems`] — cycles, self-successors and successors that start long before
//!   their predecessor ends, each with the documents that claim it;
//!
//! and the renderings of a [`View`] (a set of projects): an indented tree ([`text`]), JSON
//! (serde), Graphviz DOT ([`dot`]) and SVG ([`svg`], by Graphviz `dot` or a built-in layout).
//!
//! Traversals never loop: every walk keeps a visited set, so a cycle in the data is a
//! [`Problem`] to report, not a hang.

mod check;
pub mod dot;
mod load;
pub mod svg;
pub mod text;
mod traverse;

pub use check::Problem;
pub use load::LineageError;
pub use traverse::{Direction, Family, Reach};

use crate::text::amount::Euros;
use crate::text::date::Date;
use petgraph::graph::{DiGraph, EdgeIndex, NodeIndex};
use petgraph::visit::EdgeRef;
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};

/// What the lineage shows of one project.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Project {
    /// The project code, e.g. `S20474`.
    pub code: String,
    /// The name on its card.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Start of the implementation period.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub start: Option<Date>,
    /// End of the implementation period.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub end: Option<Date>,
    /// The funding authority (e.g. an ELY centre).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub funder: Option<String>,
    /// Realised public funding.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub funding: Option<Euros>,
    /// Implementing organisations, sorted.
    pub implementers: Vec<String>,
    /// False for a project known only because a document mentions it.
    pub has_card: bool,
    /// Organisations said to carry the work on after the project, sorted.
    pub continued_by: Vec<String>,
}

impl Project {
    /// A project known only by its code.
    pub fn mentioned(code: &str) -> Self {
        Project {
            code: code.to_owned(),
            ..Project::default()
        }
    }

    /// The start year, when known.
    pub fn start_year(&self) -> Option<i32> {
        self.start.map(Date::year)
    }

    /// The span of years, `2015–2018`, `2017`, or empty when unknown.
    pub fn years(&self) -> String {
        match (self.start.map(Date::year), self.end.map(Date::year)) {
            (Some(a), Some(b)) if a == b => a.to_string(),
            (Some(a), Some(b)) => format!("{a}–{b}"),
            (Some(a), None) => format!("{a}–"),
            (None, Some(b)) => format!("–{b}"),
            (None, None) => String::new(),
        }
    }
}

/// The kind of a lineage edge.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum LinkKind {
    /// The target continues the source (the source is its predecessor).
    Continuation,
    /// The two ran side by side (rinnakkaishanke); stored once, from the smaller code.
    Parallel,
}

/// One document's claim of a lineage edge.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct Evidence {
    /// How it was found: `text-pattern`, `link-list`, `card-field`, or `unqualified` for a
    /// bare triple that no document explains.
    pub method: String,
    /// The project whose document states it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub stated_by: Option<String>,
    /// The document's file name.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub file: Option<String>,
    /// The document's graph IRI.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub document: Option<String>,
    /// The sentence that states it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sentence: Option<String>,
}

/// A lineage edge with everything that claims it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Link {
    /// Continuation or parallel.
    pub kind: LinkKind,
    /// The claims, sorted and de-duplicated.
    pub evidence: Vec<Evidence>,
}

impl Link {
    /// The distinct methods, e.g. `["link-list", "text-pattern"]`.
    pub fn methods(&self) -> Vec<&str> {
        let set: BTreeSet<&str> = self.evidence.iter().map(|e| e.method.as_str()).collect();
        set.into_iter().collect()
    }

    /// The distinct file names of the documents that claim it.
    pub fn files(&self) -> Vec<&str> {
        let set: BTreeSet<&str> = self
            .evidence
            .iter()
            .filter_map(|e| e.file.as_deref())
            .collect();
        set.into_iter().collect()
    }
}

/// One row of the `lineage-edges` query: an edge and one piece of its evidence.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EdgeClaim {
    /// The predecessor (for a parallel pair, the first end).
    pub from: String,
    /// The successor (for a parallel pair, the other end).
    pub to: String,
    /// Continuation or parallel.
    pub kind: LinkKind,
    /// The evidence.
    pub evidence: Evidence,
}

/// The lineage graph: projects as nodes, continuations and parallel pairs as edges.
#[derive(Clone, Debug, Default)]
pub struct Lineage {
    graph: DiGraph<Project, Link>,
    index: BTreeMap<String, NodeIndex>,
}

impl Lineage {
    /// Builds the graph from projects and edge claims. A claim naming a project that is not
    /// among `projects` adds it as mentioned-only; claims of one edge are merged.
    pub fn from_parts(
        projects: impl IntoIterator<Item = Project>,
        claims: impl IntoIterator<Item = EdgeClaim>,
    ) -> Self {
        let mut lineage = Lineage::default();
        let mut projects: Vec<Project> = projects.into_iter().collect();
        projects.sort_by(|a, b| a.code.cmp(&b.code));
        for p in projects {
            if !lineage.index.contains_key(&p.code) {
                let code = p.code.clone();
                let n = lineage.graph.add_node(p);
                lineage.index.insert(code, n);
            }
        }
        let mut edges: BTreeMap<(String, String, LinkKind), BTreeSet<Evidence>> = BTreeMap::new();
        for c in claims {
            let (from, to) = match c.kind {
                LinkKind::Parallel if c.to < c.from => (c.to, c.from),
                _ => (c.from, c.to),
            };
            edges
                .entry((from, to, c.kind))
                .or_default()
                .insert(c.evidence);
        }
        for ((from, to, kind), evidence) in edges {
            let a = lineage.node_or_add(&from);
            let b = lineage.node_or_add(&to);
            lineage.graph.add_edge(
                a,
                b,
                Link {
                    kind,
                    evidence: evidence.into_iter().collect(),
                },
            );
        }
        lineage
    }

    fn node_or_add(&mut self, code: &str) -> NodeIndex {
        if let Some(&n) = self.index.get(code) {
            return n;
        }
        let n = self.graph.add_node(Project::mentioned(code));
        self.index.insert(code.to_owned(), n);
        n
    }

    /// The underlying petgraph graph.
    pub fn graph(&self) -> &DiGraph<Project, Link> {
        &self.graph
    }

    /// The node of a project code.
    pub fn node(&self, code: &str) -> Option<NodeIndex> {
        self.index.get(code).copied()
    }

    /// The project of a node.
    pub fn project(&self, n: NodeIndex) -> &Project {
        &self.graph[n]
    }

    /// Every project, in code order.
    pub fn projects(&self) -> impl Iterator<Item = (NodeIndex, &Project)> + '_ {
        self.index.values().map(|&n| (n, &self.graph[n]))
    }

    /// Number of projects.
    pub fn len(&self) -> usize {
        self.graph.node_count()
    }

    /// True when there is no project.
    pub fn is_empty(&self) -> bool {
        self.graph.node_count() == 0
    }

    /// Every edge between two projects of `nodes`: (edge, source, target), sorted by the codes.
    pub fn edges_within(
        &self,
        nodes: &BTreeSet<NodeIndex>,
    ) -> Vec<(EdgeIndex, NodeIndex, NodeIndex)> {
        let mut out: Vec<_> = self
            .graph
            .edge_references()
            .filter(|e| nodes.contains(&e.source()) && nodes.contains(&e.target()))
            .map(|e| (e.id(), e.source(), e.target()))
            .collect();
        out.sort_by(|a, b| {
            (
                &self.graph[a.1].code,
                &self.graph[a.2].code,
                self.graph[a.0].kind,
            )
                .cmp(&(
                    &self.graph[b.1].code,
                    &self.graph[b.2].code,
                    self.graph[b.0].kind,
                ))
        });
        out
    }

    /// The link of an edge.
    pub fn link(&self, e: EdgeIndex) -> &Link {
        &self.graph[e]
    }

    /// A view of the whole graph.
    pub fn view_all(&self) -> View {
        View {
            nodes: self.index.values().copied().collect(),
            focus: None,
        }
    }
}

/// A set of projects to render, with the project the view was asked about.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct View {
    /// The projects shown.
    pub nodes: BTreeSet<NodeIndex>,
    /// The project asked about, drawn highlighted.
    pub focus: Option<NodeIndex>,
}

/// Formats euros the Finnish way for people: `1 234 567 €` (narrow no-break spaces are avoided
/// so that terminals and Graphviz fonts agree), cents only when there are some.
pub fn euros_fi(e: Euros) -> String {
    let cents = e.cents();
    let sign = if cents < 0 { "-" } else { "" };
    let abs = cents.unsigned_abs();
    let whole = (abs / 100).to_string();
    let mut grouped = String::new();
    for (i, ch) in whole.chars().enumerate() {
        if i > 0 && (whole.len() - i).is_multiple_of(3) {
            grouped.push(' ');
        }
        grouped.push(ch);
    }
    if abs.is_multiple_of(100) {
        format!("{sign}{grouped} €")
    } else {
        format!("{sign}{grouped},{:02} €", abs % 100)
    }
}

#[cfg(test)]
mod tests;
