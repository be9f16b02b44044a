//! Walking the lineage: ancestors, descendants, families and paths.

use super::{Lineage, LinkKind, View};
use crate::text::amount::Euros;
use petgraph::graph::{DiGraph, EdgeIndex, NodeIndex};
use petgraph::unionfind::UnionFind;
use petgraph::visit::EdgeRef;
use petgraph::Direction as Dir;
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet, VecDeque};

/// Which way to walk from a project.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Direction {
    /// Predecessors, their predecessors, … (what came before).
    Up,
    /// Successors, their successors, … (what became of it).
    Down,
    /// The whole family: every project linked to it by continuations or parallel pairs, in
    /// either direction.
    Both,
}

/// The projects reached from one project, with the fewest steps to each.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Reach {
    /// The project walked from.
    pub root: NodeIndex,
    /// The direction walked.
    pub direction: Direction,
    /// Every project reached, the root included (0 steps), in breadth-first order.
    pub steps: Vec<(NodeIndex, usize)>,
}

impl Reach {
    /// The reached projects as a view focused on the root.
    pub fn view(&self) -> View {
        View {
            nodes: self.steps.iter().map(|&(n, _)| n).collect(),
            focus: Some(self.root),
        }
    }
}

/// A connected family of projects.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Family {
    /// The smallest code in the family (its name, as in the `families` query).
    pub id: String,
    /// The members' codes, sorted.
    pub members: Vec<String>,
    /// Members with a card of their own.
    pub with_card: usize,
    /// First start year among the members.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub first_year: Option<i32>,
    /// Last end year among the members.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub last_year: Option<i32>,
    /// Realised public funding of the members whose card gives it.
    pub funding: Euros,
    /// Members whose funding is unknown (no card, or no amount on it): the total is a lower
    /// bound when this is not zero.
    pub funding_unknown: usize,
    /// The node indices, in member order (not serialised).
    #[serde(skip)]
    pub nodes: Vec<NodeIndex>,
}

impl Family {
    /// The span of years, `2015–2020`, or empty when unknown.
    pub fn years(&self) -> String {
        match (self.first_year, self.last_year) {
            (Some(a), Some(b)) if a == b => a.to_string(),
            (Some(a), Some(b)) => format!("{a}–{b}"),
            (Some(a), None) => format!("{a}–"),
            (None, Some(b)) => format!("–{b}"),
            (None, None) => String::new(),
        }
    }

    /// A caption: `S20129 family · 2015–2018 · 501 920 € +` (the `+` says that some members'
    /// funding is unknown, so the sum is a lower bound).
    pub fn caption(&self) -> String {
        let mut label = format!("{} family", self.id);
        let years = self.years();
        if !years.is_empty() {
            label.push_str(" · ");
            label.push_str(&years);
        }
        if self.funding.cents() > 0 {
            label.push_str(" · ");
            label.push_str(&super::euros_fi(self.funding));
            if self.funding_unknown > 0 {
                label.push_str(" +");
            }
        }
        label
    }

    /// The family as a view.
    pub fn view(&self) -> View {
        View {
            nodes: self.nodes.iter().copied().collect(),
            focus: None,
        }
    }
}

impl Lineage {
    /// The continuation edges alone, on the same node indices; each edge weighs the index of
    /// the edge it stands for.
    pub(super) fn continuations(&self) -> DiGraph<(), EdgeIndex> {
        self.graph.filter_map(
            |_, _| Some(()),
            |e, link| (link.kind == LinkKind::Continuation).then_some(e),
        )
    }

    /// Walks from `root` in `direction`, at most `depth` steps (all of them when `None`).
    /// Each project is visited once, so cycles in the data end the walk instead of looping.
    pub fn reach(&self, root: NodeIndex, direction: Direction, depth: Option<usize>) -> Reach {
        let mut seen: BTreeMap<NodeIndex, usize> = BTreeMap::new();
        let mut order = vec![(root, 0)];
        seen.insert(root, 0);
        let mut queue = VecDeque::from([(root, 0usize)]);
        while let Some((n, d)) = queue.pop_front() {
            if depth.is_some_and(|max| d >= max) {
                continue;
            }
            let mut next: Vec<NodeIndex> = match direction {
                Direction::Down => self.neighbours(n, Dir::Outgoing, true),
                Direction::Up => self.neighbours(n, Dir::Incoming, true),
                Direction::Both => {
                    let mut v = self.neighbours(n, Dir::Outgoing, false);
                    v.extend(self.neighbours(n, Dir::Incoming, false));
                    v
                }
            };
            next.sort_by(|a, b| self.graph[*a].code.cmp(&self.graph[*b].code));
            for m in next {
                if let std::collections::btree_map::Entry::Vacant(slot) = seen.entry(m) {
                    slot.insert(d + 1);
                    order.push((m, d + 1));
                    queue.push_back((m, d + 1));
                }
            }
        }
        Reach {
            root,
            direction,
            steps: order,
        }
    }

    /// The neighbours of `n` one way; continuations only, or parallel pairs too.
    fn neighbours(&self, n: NodeIndex, dir: Dir, continuations_only: bool) -> Vec<NodeIndex> {
        self.graph
            .edges_directed(n, dir)
            .filter(|e| !continuations_only || e.weight().kind == LinkKind::Continuation)
            .map(|e| {
                if dir == Dir::Outgoing {
                    e.target()
                } else {
                    e.source()
                }
            })
            .collect()
    }

    /// The shortest chain of continuations from `from` to `to` (successor direction), both
    /// ends included; `None` when `to` does not continue `from`, directly or through others.
    pub fn path(&self, from: NodeIndex, to: NodeIndex) -> Option<Vec<NodeIndex>> {
        let only = self.continuations();
        petgraph::algo::astar(&only, from, |n| n == to, |_| 1usize, |_| 0).map(|(_, p)| p)
    }

    /// Every connected family (continuations and parallel pairs, either direction), largest
    /// first, then by id; single projects with no lineage are families of one.
    pub fn families(&self) -> Vec<Family> {
        let mut uf = UnionFind::<usize>::new(self.graph.node_count());
        for e in self.graph.edge_references() {
            uf.union(e.source().index(), e.target().index());
        }
        let mut groups: BTreeMap<usize, Vec<NodeIndex>> = BTreeMap::new();
        for (n, _) in self.projects() {
            groups.entry(uf.find(n.index())).or_default().push(n);
        }
        let mut families: Vec<Family> = groups
            .into_values()
            .map(|mut nodes| {
                nodes.sort_by(|a, b| self.graph[*a].code.cmp(&self.graph[*b].code));
                let projects: Vec<_> = nodes.iter().map(|&n| &self.graph[n]).collect();
                let known: Vec<Euros> = projects.iter().filter_map(|p| p.funding).collect();
                Family {
                    id: projects.first().map(|p| p.code.clone()).unwrap_or_default(),
                    members: projects.iter().map(|p| p.code.clone()).collect(),
                    with_card: projects.iter().filter(|p| p.has_card).count(),
                    first_year: projects.iter().filter_map(|p| p.start_year()).min(),
                    last_year: projects
                        .iter()
                        .filter_map(|p| p.end.map(crate::text::date::Date::year))
                        .max(),
                    funding: Euros::from_cents(
                        known.iter().fold(0i64, |a, e| a.saturating_add(e.cents())),
                    ),
                    funding_unknown: projects.len() - known.len(),
                    nodes,
                }
            })
            .collect();
        families.sort_by(|a, b| {
            b.members
                .len()
                .cmp(&a.members.len())
                .then_with(|| a.id.cmp(&b.id))
        });
        families
    }

    /// The families that have members in `view`, in [`Lineage::families`] order, each with
    /// those members.
    pub fn families_in(&self, view: &View) -> Vec<(Family, Vec<NodeIndex>)> {
        self.families()
            .into_iter()
            .map(|f| {
                let members: Vec<NodeIndex> = f
                    .nodes
                    .iter()
                    .copied()
                    .filter(|n| view.nodes.contains(n))
                    .collect();
                (f, members)
            })
            .filter(|(_, m)| !m.is_empty())
            .collect()
    }

    /// The family `n` belongs to.
    pub fn family_of(&self, n: NodeIndex) -> BTreeSet<NodeIndex> {
        self.reach(n, Direction::Both, None)
            .steps
            .into_iter()
            .map(|(m, _)| m)
            .collect()
    }
}
