//! The lineage as a Graphviz DOT diagram, written by hand so that the output is sorted and
//! stable (the same store gives the same bytes).
//!
//! * one box per project, labelled with code, name, years and funding; projects without a card
//!   of their own are dashed; the project asked about is drawn thicker;
//! * an edge from predecessor to successor, labelled with where the evidence came from
//!   (`text`, `link list`, `card field`, and how many documents); parallel projects joined by
//!   an undirected dashed line; edges that are part of a [`Problem`](super::Problem) in red;
//! * a year axis across the top, every project ranked in the column of its start year, so
//!   the diagram reads left to right as a timeline;
//! * each family of two or more projects in a cluster, labelled with its span and funding;
//! * organisations that carry the work on after a project as ellipses after it; with
//!   [`DotOptions::implementers`], implementing organisations as ellipses too, so that an
//!   organisation shared by two families links them.

use super::text::evidence_summary;
use super::{euros_fi, Lineage, Link, LinkKind, Problem, View};
use petgraph::graph::NodeIndex;
use std::collections::BTreeMap;
use std::fmt::Write as _;

/// What to draw besides the projects.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct DotOptions {
    /// Draw implementing organisations as nodes linked to their projects.
    pub implementers: bool,
    /// A title over the diagram.
    pub title: Option<String>,
}

/// Escapes a string for a double-quoted DOT string: backslash, quote and line breaks (a
/// `\n` in the result is Graphviz's centred line break).
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for ch in s.chars() {
        match ch {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            '\n' => out.push_str("\\n"),
            '\r' | '\u{0}' => {}
            c if c.is_control() => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

/// Breaks `text` into lines of at most about `width` characters, at spaces.
pub fn wrap(text: &str, width: usize) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        if !line.is_empty() && line.chars().count() + 1 + word.chars().count() > width {
            lines.push(std::mem::take(&mut line));
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}

/// The lines of a project's label: code, name (wrapped), years and funding.
pub fn label_lines(lineage: &Lineage, n: NodeIndex) -> Vec<String> {
    let p = lineage.project(n);
    let mut lines = vec![p.code.clone()];
    match &p.name {
        Some(name) => lines.extend(wrap(name, 28).into_iter().take(3)),
        None => lines.push("(no card)".to_owned()),
    }
    let mut facts = Vec::new();
    let years = p.years();
    if !years.is_empty() {
        facts.push(years);
    }
    if let Some(e) = p.funding {
        facts.push(euros_fi(e));
    }
    if !facts.is_empty() {
        lines.push(facts.join(" · "));
    }
    lines
}

/// A short label for an edge: `text · 3 docs`.
pub fn edge_label(link: &Link) -> String {
    let methods: Vec<&str> = link
        .methods()
        .into_iter()
        .map(|m| match m {
            "text-pattern" => "text",
            "link-list" => "link list",
            "card-field" => "card field",
            "unqualified" => "no document",
            other => other,
        })
        .collect();
    let docs = link.files().len();
    match docs {
        0 => methods.join(" + "),
        1 => format!("{} · 1 doc", methods.join(" + ")),
        n => format!("{} · {n} docs", methods.join(" + ")),
    }
}

fn quoted(s: &str) -> String {
    format!("\"{}\"", escape(s))
}

fn org_id(name: &str) -> String {
    quoted(&format!("org: {name}"))
}

/// Writes the DOT text of a view.
pub fn write(lineage: &Lineage, view: &View, options: &DotOptions) -> String {
    let mut out = String::new();
    let nodes = &view.nodes;
    let problems = lineage.problems_in(view);
    let problem_edges: BTreeMap<(String, String), String> = problems
        .iter()
        .flat_map(|p| {
            let what = match p {
                Problem::Cycle { .. } => "cycle".to_owned(),
                Problem::SelfSuccessor { .. } => "continues itself".to_owned(),
                Problem::StartsBeforePredecessorEnds { days_early, .. } => {
                    format!("starts {days_early} days early")
                }
            };
            p.edges()
                .into_iter()
                .map(move |e| ((e.from.clone(), e.to.clone()), what.clone()))
        })
        .collect();

    let _ = writeln!(out, "digraph lineage {{");
    let _ = writeln!(
        out,
        "  graph [rankdir=LR, newrank=true, fontname=\"Helvetica\", fontsize=11, nodesep=0.3, ranksep=0.5, pad=0.3{}];",
        options
            .title
            .as_ref()
            .map(|t| format!(", label={}, labelloc=t, fontsize=14", quoted(t)))
            .unwrap_or_default()
    );
    let _ = writeln!(
        out,
        "  node [shape=box, style=\"rounded,filled\", fillcolor=\"#eaf1fb\", color=\"#3b6ea5\", fontname=\"Helvetica\", fontsize=10];"
    );
    let _ = writeln!(
        out,
        "  edge [color=\"#3b6ea5\", fontname=\"Helvetica\", fontsize=8, fontcolor=\"#555555\"];"
    );

    // the year axis: every year from the first start to the last year anything is ranked in
    let mut ranks: BTreeMap<i32, Vec<String>> = BTreeMap::new();
    for &n in nodes {
        if let Some(y) = lineage.project(n).start_year() {
            ranks
                .entry(y)
                .or_default()
                .push(quoted(&lineage.project(n).code));
        }
    }
    let mut continuers: BTreeMap<String, (Vec<NodeIndex>, Option<i32>)> = BTreeMap::new();
    for &n in nodes {
        let p = lineage.project(n);
        for o in &p.continued_by {
            let entry = continuers.entry(o.clone()).or_default();
            entry.0.push(n);
            let after = p.end.map(|d| d.year() + 1);
            entry.1 = entry.1.max(after);
        }
    }
    for (name, (_, year)) in &continuers {
        if let Some(y) = year {
            ranks.entry(*y).or_default().push(org_id(name));
        }
    }
    // Graphviz stacks what is written later higher up: single projects first (at the bottom),
    // then the families from the smallest to the largest (at the top, under the year axis)
    let families = lineage.families_in(view);
    for (_, members) in families.iter().rev().filter(|(_, m)| m.len() == 1) {
        write_project(&mut out, lineage, view, members[0], "  ");
    }
    for (family, members) in families.iter().rev().filter(|(_, m)| m.len() > 1) {
        let _ = writeln!(
            out,
            "  subgraph {} {{",
            quoted(&format!("cluster_{}", family.id))
        );
        let _ = writeln!(
            out,
            "    graph [label={}, labeljust=l, style=\"rounded\", color=\"#b0b0b0\", fontcolor=\"#444444\", fontsize=10];",
            quoted(&family.caption())
        );
        for &n in members {
            write_project(&mut out, lineage, view, n, "    ");
        }
        let _ = writeln!(out, "  }}");
    }

    // organisations
    let mut implementers: BTreeMap<String, Vec<NodeIndex>> = BTreeMap::new();
    if options.implementers {
        for &n in nodes {
            for o in &lineage.project(n).implementers {
                implementers.entry(o.clone()).or_default().push(n);
            }
        }
    }
    for name in continuers.keys() {
        let _ = writeln!(
            out,
            "  {} [label={}, shape=ellipse, style=filled, fillcolor=\"#fff4d6\", color=\"#b8860b\"];",
            org_id(name),
            quoted(&wrap(name, 24).join("\n"))
        );
    }
    for name in implementers.keys().filter(|n| !continuers.contains_key(*n)) {
        let _ = writeln!(
            out,
            "  {} [label={}, shape=ellipse, style=filled, fillcolor=\"#f0f0f0\", color=\"#888888\"];",
            org_id(name),
            quoted(&wrap(name, 24).join("\n"))
        );
    }

    // lineage edges
    for (e, a, b) in lineage.edges_within(nodes) {
        let link = lineage.link(e);
        let (pa, pb) = (&lineage.project(a).code, &lineage.project(b).code);
        let mut attrs = vec![format!("label={}", quoted(&edge_label(link)))];
        attrs.push(format!("tooltip={}", quoted(&evidence_summary(link))));
        if link.kind == LinkKind::Parallel {
            attrs.push("dir=none, style=dashed, constraint=false".to_owned());
            attrs[0] = format!(
                "label={}",
                quoted(&format!("parallel · {}", edge_label(link)))
            );
        }
        if let Some(what) = problem_edges.get(&(pa.clone(), pb.clone())) {
            attrs.push("color=\"#c0392b\", fontcolor=\"#c0392b\", penwidth=2".to_owned());
            attrs[0] = format!(
                "label={}",
                quoted(&format!("{what} · {}", edge_label(link)))
            );
        }
        let _ = writeln!(
            out,
            "  {} -> {} [{}];",
            quoted(pa),
            quoted(pb),
            attrs.join(", ")
        );
    }
    for (name, (projects, _)) in &continuers {
        for &n in projects {
            let _ = writeln!(
                out,
                "  {} -> {} [label=\"carried on by\", style=dotted, color=\"#b8860b\"];",
                quoted(&lineage.project(n).code),
                org_id(name)
            );
        }
    }
    for (name, projects) in &implementers {
        for &n in projects {
            let _ = writeln!(
                out,
                "  {} -> {} [style=dashed, color=\"#999999\", arrowhead=none, constraint=false];",
                org_id(name),
                quoted(&lineage.project(n).code)
            );
        }
    }
    // the year axis last, so that it is drawn on top
    if let (Some(&first), Some(&last)) = (ranks.keys().next(), ranks.keys().next_back()) {
        let _ = writeln!(out, "  subgraph timeline {{");
        let _ = writeln!(
            out,
            "    node [shape=plaintext, style=\"\", fontsize=13, fontcolor=\"#777777\"];"
        );
        let years: Vec<String> = (first..=last).map(|y| format!("\"year {y}\"")).collect();
        for y in first..=last {
            let _ = writeln!(out, "    \"year {y}\" [label=\"{y}\"];");
        }
        if years.len() > 1 {
            let _ = writeln!(out, "    {} [style=invis];", years.join(" -> "));
        }
        let _ = writeln!(out, "  }}");
    }

    for (year, ids) in &ranks {
        let _ = writeln!(
            out,
            "  {{ rank=same; \"year {year}\"; {}; }}",
            ids.join("; ")
        );
    }
    let _ = writeln!(out, "}}");
    out
}

fn write_project(out: &mut String, lineage: &Lineage, view: &View, n: NodeIndex, indent: &str) {
    let p = lineage.project(n);
    let mut attrs = vec![format!(
        "label={}",
        quoted(&label_lines(lineage, n).join("\n"))
    )];
    if let Some(name) = &p.name {
        attrs.push(format!("tooltip={}", quoted(&format!("{} {name}", p.code))));
    }
    if !p.has_card {
        attrs.push("style=\"rounded,dashed\", fillcolor=\"#ffffff\"".to_owned());
    }
    if view.focus == Some(n) {
        attrs.push("penwidth=2.5, fillcolor=\"#cfe0f6\"".to_owned());
    }
    let _ = writeln!(out, "{indent}{} [{}];", quoted(&p.code), attrs.join(", "));
}
