//! Lineage that cannot be right: cycles, self-successors, successors that start long before
//! their predecessor ends. Reported with the documents that claim each edge, never looped on.

use super::{Evidence, Lineage, LinkKind, View};
use petgraph::visit::EdgeRef;
use serde::Serialize;
use std::collections::BTreeSet;
use std::fmt;

/// How long a successor may start before its predecessor ends (overlap is normal: a
/// continuation is often granted before the first project closes; more than a year is not).
pub const OVERLAP_ALLOWED_DAYS: i64 = 365;

/// One claimed edge of a problem, with what claims it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ClaimedEdge {
    /// The predecessor.
    pub from: String,
    /// The successor.
    pub to: String,
    /// The documents and sentences that claim it.
    pub evidence: Vec<Evidence>,
}

/// Lineage that cannot be right.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "problem", rename_all = "kebab-case")]
pub enum Problem {
    /// Projects that continue each other in a circle (A → B → … → A).
    Cycle {
        /// The projects on the cycle, sorted.
        projects: Vec<String>,
        /// The continuation edges among them.
        edges: Vec<ClaimedEdge>,
    },
    /// A project said to continue itself.
    SelfSuccessor {
        /// The project.
        project: String,
        /// The edge.
        edge: ClaimedEdge,
    },
    /// A successor that starts more than [`OVERLAP_ALLOWED_DAYS`] before its predecessor ends.
    StartsBeforePredecessorEnds {
        /// The edge.
        edge: ClaimedEdge,
        /// When the predecessor ends.
        predecessor_end: crate::text::date::Date,
        /// When the successor starts.
        successor_start: crate::text::date::Date,
        /// By how many days the start precedes the end.
        days_early: i64,
    },
}

impl Problem {
    /// Every project the problem concerns.
    pub fn projects(&self) -> Vec<&str> {
        match self {
            Problem::Cycle { projects, .. } => projects.iter().map(String::as_str).collect(),
            Problem::SelfSuccessor { project, .. } => vec![project.as_str()],
            Problem::StartsBeforePredecessorEnds { edge, .. } => {
                vec![edge.from.as_str(), edge.to.as_str()]
            }
        }
    }

    /// The claimed edges.
    pub fn edges(&self) -> Vec<&ClaimedEdge> {
        match self {
            Problem::Cycle { edges, .. } => edges.iter().collect(),
            Problem::SelfSuccessor { edge, .. }
            | Problem::StartsBeforePredecessorEnds { edge, .. } => {
                vec![edge]
            }
        }
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Problem::Cycle { projects, .. } => {
                write!(
                    f,
                    "cycle: {} continue each other in a circle",
                    projects.join(", ")
                )?;
            }
            Problem::SelfSuccessor { project, .. } => {
                write!(f, "self-successor: {project} is said to continue itself")?;
            }
            Problem::StartsBeforePredecessorEnds {
                edge,
                predecessor_end,
                successor_start,
                days_early,
            } => {
                write!(
                    f,
                    "early start: {} starts {successor_start}, {days_early} days before its predecessor {} ends ({predecessor_end})",
                    edge.to, edge.from
                )?;
            }
        }
        for e in self.edges() {
            for ev in &e.evidence {
                write!(f, "\n    {} → {}: ", e.from, e.to)?;
                match (&ev.file, &ev.stated_by) {
                    (Some(file), Some(by)) => write!(f, "{file} (card of {by}, {})", ev.method)?,
                    (Some(file), None) => write!(f, "{file} ({})", ev.method)?,
                    (None, _) => write!(f, "no document ({})", ev.method)?,
                }
                if let Some(s) = &ev.sentence {
                    write!(f, ": \"{s}\"")?;
                }
            }
        }
        Ok(())
    }
}

impl Lineage {
    fn claimed(&self, e: petgraph::graph::EdgeIndex) -> Option<ClaimedEdge> {
        let (a, b) = self.graph.edge_endpoints(e)?;
        Some(ClaimedEdge {
            from: self.graph[a].code.clone(),
            to: self.graph[b].code.clone(),
            evidence: self.graph[e].evidence.clone(),
        })
    }

    /// Every problem in the lineage, in a stable order: cycles, self-successors, early starts.
    pub fn problems(&self) -> Vec<Problem> {
        let mut out = Vec::new();
        let only = self.continuations();
        // kosaraju, not tarjan: petgraph's tarjan_scc recurses once per project of a chain, and
        // a long enough chain overflows the stack (tests: a_very_long_chain_…)
        let mut cycles: Vec<Problem> = petgraph::algo::kosaraju_scc(&only)
            .into_iter()
            .filter(|scc| scc.len() > 1)
            .map(|scc| {
                let members: BTreeSet<_> = scc.iter().copied().collect();
                let mut projects: Vec<String> =
                    scc.iter().map(|&n| self.graph[n].code.clone()).collect();
                projects.sort();
                let edges = only
                    .edge_references()
                    .filter(|e| members.contains(&e.source()) && members.contains(&e.target()))
                    .filter_map(|e| self.claimed(*e.weight()))
                    .collect::<BTreeSet<_>>();
                Problem::Cycle {
                    projects,
                    edges: edges.into_iter().collect(),
                }
            })
            .collect();
        cycles.sort_by(|a, b| a.projects().cmp(&b.projects()));
        out.extend(cycles);

        let mut edges: Vec<_> = self
            .graph
            .edge_references()
            .filter(|e| e.weight().kind == LinkKind::Continuation)
            .collect();
        edges.sort_by(|a, b| {
            (&self.graph[a.source()].code, &self.graph[a.target()].code)
                .cmp(&(&self.graph[b.source()].code, &self.graph[b.target()].code))
        });
        for e in &edges {
            if e.source() == e.target() {
                if let Some(edge) = self.claimed(e.id()) {
                    out.push(Problem::SelfSuccessor {
                        project: edge.from.clone(),
                        edge,
                    });
                }
            }
        }
        for e in &edges {
            let (pred, succ) = (&self.graph[e.source()], &self.graph[e.target()]);
            let (Some(end), Some(start)) = (pred.end, succ.start) else {
                continue;
            };
            let days_early = end.day_number() - start.day_number();
            if e.source() != e.target() && days_early > OVERLAP_ALLOWED_DAYS {
                if let Some(edge) = self.claimed(e.id()) {
                    out.push(Problem::StartsBeforePredecessorEnds {
                        edge,
                        predecessor_end: end,
                        successor_start: start,
                        days_early,
                    });
                }
            }
        }
        out
    }

    /// The problems that concern a project of `view`.
    pub fn problems_in(&self, view: &View) -> Vec<Problem> {
        let codes: BTreeSet<&str> = view
            .nodes
            .iter()
            .map(|&n| self.graph[n].code.as_str())
            .collect();
        self.problems()
            .into_iter()
            .filter(|p| p.projects().iter().any(|c| codes.contains(c)))
            .collect()
    }
}

impl PartialOrd for ClaimedEdge {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for ClaimedEdge {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        (&self.from, &self.to, &self.evidence).cmp(&(&other.from, &other.to, &other.evidence))
    }
}
