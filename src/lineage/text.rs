//! The lineage as an indented tree a person reads in a terminal.
//!
//! ```text
//! S20474  Petosen osallisuushanke
//! │       2016-03-01 – 2016-12-31 · Etelä-Savon ELY-keskus · 58 210 € · Pitkälahti-Petosen asukasyhdistys ry
//! └─▶ S20877  Petosen Pömpeli  (text-pattern, 3 documents)
//!             2017-01-02 – 2017-12-31 · Etelä-Savon ELY-keskus · 61 386 € · Pitkälahti-Petosen asukasyhdistys ry
//!             carried on by Kallaveden seurakunta
//! ```
//!
//! A project reached twice (two predecessors merging into one successor) is written in full
//! once and then as `S… (shown above)`, so a cycle in the data cannot make the tree endless.

use super::{euros_fi, Direction, Lineage, Link, LinkKind, Project, Reach};
use petgraph::graph::NodeIndex;
use petgraph::visit::EdgeRef;
use petgraph::Direction as Dir;
use std::collections::BTreeSet;
use std::fmt::Write as _;

/// The facts line of a project: period, funder, funding, implementers.
pub fn facts(p: &Project) -> String {
    let mut parts = Vec::new();
    match (p.start, p.end) {
        (Some(a), Some(b)) => parts.push(format!("{a} – {b}")),
        (Some(a), None) => parts.push(format!("from {a}")),
        (None, Some(b)) => parts.push(format!("until {b}")),
        (None, None) => {}
    }
    if let Some(f) = &p.funder {
        parts.push(f.clone());
    }
    if let Some(e) = p.funding {
        parts.push(euros_fi(e));
    }
    if !p.implementers.is_empty() {
        parts.push(p.implementers.join("; "));
    }
    if !p.has_card {
        parts.push("no card: known only from other documents".to_owned());
    }
    parts.join(" · ")
}

/// A short account of an edge's evidence: `text-pattern, 3 documents`.
pub fn evidence_summary(link: &Link) -> String {
    let files = link.files().len();
    let methods = link.methods().join(" + ");
    match files {
        0 => methods,
        1 => format!("{methods}, 1 document"),
        n => format!("{methods}, {n} documents"),
    }
}

struct TreeWriter<'a> {
    lineage: &'a Lineage,
    allowed: BTreeSet<NodeIndex>,
    dir: Dir,
    printed: BTreeSet<NodeIndex>,
    out: String,
}

impl<'a> TreeWriter<'a> {
    fn children(&self, n: NodeIndex) -> Vec<(NodeIndex, &'a Link)> {
        let lineage: &'a Lineage = self.lineage;
        let mut v: Vec<(NodeIndex, &'a Link)> = lineage
            .graph
            .edges_directed(n, self.dir)
            .filter(|e| e.weight().kind == LinkKind::Continuation)
            .map(|e| {
                let m = if self.dir == Dir::Outgoing {
                    e.target()
                } else {
                    e.source()
                };
                (m, e.weight())
            })
            .filter(|(m, _)| self.allowed.contains(m) && *m != n)
            .collect();
        v.sort_by(|a, b| lineage.graph[a.0].code.cmp(&lineage.graph[b.0].code));
        v
    }

    /// Writes `n` and its subtree, depth first with an explicit stack (a chain of any length
    /// cannot overflow the call stack). `lead` prefixes a node's first line, `indent` the
    /// lines below it; past [`MAX_INDENT`] columns the tree stops indenting, so that a very
    /// long chain gives lines of bounded width.
    fn node(&mut self, root: NodeIndex) {
        let lineage: &'a Lineage = self.lineage;
        let mut stack: Vec<(NodeIndex, Option<&'a Link>, String, String)> =
            vec![(root, None, String::new(), String::new())];
        while let Some((n, via, lead, indent)) = stack.pop() {
            let p = lineage.project(n);
            let arrow = if via.is_none() {
                ""
            } else if self.dir == Dir::Outgoing {
                "─▶ "
            } else {
                "─◀ "
            };
            let evidence = via
                .map(|l| format!("  ({})", evidence_summary(l)))
                .unwrap_or_default();
            if !self.printed.insert(n) {
                let _ = writeln!(self.out, "{lead}{arrow}{} (shown above){evidence}", p.code);
                continue;
            }
            let name = p.name.as_deref().unwrap_or("");
            let first = format!("{lead}{arrow}{}  {name}{evidence}", p.code);
            let _ = writeln!(self.out, "{}", first.trim_end());
            let children = self.children(n);
            // the lines below start under the name; a bar leads down to the children
            let bar = if children.is_empty() { " " } else { "│" };
            let body = format!("{indent}{bar}{}", " ".repeat(p.code.chars().count() + 1));
            let _ = writeln!(self.out, "{body}{}", facts(p));
            if !p.continued_by.is_empty() {
                let _ = writeln!(
                    self.out,
                    "{body}carried on by {}",
                    p.continued_by.join("; ")
                );
            }
            let deep = indent.chars().count() >= MAX_INDENT;
            let count = children.len();
            // pushed last child first, so that they are written in order
            for (i, (m, link)) in children.into_iter().enumerate().rev() {
                let last = i + 1 == count;
                let (child_lead, more) = if last {
                    ("└", "    ")
                } else {
                    ("├", "│   ")
                };
                let child_indent = if deep {
                    indent.clone()
                } else {
                    format!("{indent}{more}")
                };
                stack.push((m, Some(link), format!("{indent}{child_lead}"), child_indent));
            }
        }
    }
}

/// Indentation beyond which a tree stops indenting.
const MAX_INDENT: usize = 80;

/// Writes the tree of a reach: descendants (`Down`), ancestors (`Up`), or the whole family
/// (`Both`, drawn downwards from its first projects, parallel pairs listed after).
pub fn tree(lineage: &Lineage, reach: &Reach) -> String {
    let allowed: BTreeSet<NodeIndex> = reach.steps.iter().map(|&(n, _)| n).collect();
    let dir = if reach.direction == Direction::Up {
        Dir::Incoming
    } else {
        Dir::Outgoing
    };
    let mut w = TreeWriter {
        lineage,
        allowed: allowed.clone(),
        dir,
        printed: BTreeSet::new(),
        out: String::new(),
    };
    let roots: Vec<NodeIndex> = match reach.direction {
        Direction::Up | Direction::Down => vec![reach.root],
        Direction::Both => {
            // projects with no predecessor inside the family, then whatever a cycle left over
            let mut roots: Vec<NodeIndex> = allowed
                .iter()
                .copied()
                .filter(|&n| {
                    !lineage.graph.edges_directed(n, Dir::Incoming).any(|e| {
                        e.weight().kind == LinkKind::Continuation
                            && allowed.contains(&e.source())
                            && e.source() != n
                    })
                })
                .collect();
            roots.sort_by(|a, b| {
                let (pa, pb) = (lineage.project(*a), lineage.project(*b));
                (pa.start, &pa.code).cmp(&(pb.start, &pb.code))
            });
            roots
        }
    };
    for r in roots {
        if !w.printed.contains(&r) {
            w.node(r);
        }
    }
    let mut rest: Vec<NodeIndex> = allowed.difference(&w.printed).copied().collect();
    rest.sort_by(|a, b| lineage.project(*a).code.cmp(&lineage.project(*b).code));
    for r in rest {
        if !w.printed.contains(&r) {
            w.node(r);
        }
    }
    let mut out = w.out;
    if reach.direction == Direction::Both {
        for (e, a, b) in lineage.edges_within(&allowed) {
            let link = lineage.link(e);
            if link.kind == LinkKind::Parallel {
                let _ = writeln!(
                    out,
                    "{} ∥ {}  parallel projects ({})",
                    lineage.project(a).code,
                    lineage.project(b).code,
                    evidence_summary(link)
                );
            }
        }
    }
    out
}
