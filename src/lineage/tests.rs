//! Unit tests of the lineage graph on hand-built graphs (the store-backed tests are in
//! tests/lineage.rs).

#![allow(clippy::unwrap_used, clippy::expect_used)]

use super::dot::{escape, DotOptions};
use super::svg::xml_escape;
use super::*;

fn project(code: &str, start: Option<(i32, u32, u32)>, end: Option<(i32, u32, u32)>) -> Project {
    Project {
        code: code.to_owned(),
        name: Some(format!("Hanke {code}")),
        start: start.and_then(|(y, m, d)| Date::new(y, m, d)),
        end: end.and_then(|(y, m, d)| Date::new(y, m, d)),
        funding: Some(Euros::from_cents(100_000)),
        has_card: true,
        ..Project::default()
    }
}

fn claim(from: &str, to: &str, kind: LinkKind, file: &str) -> EdgeClaim {
    EdgeClaim {
        from: from.to_owned(),
        to: to.to_owned(),
        kind,
        evidence: Evidence {
            method: "text-pattern".to_owned(),
            stated_by: Some(from.to_owned()),
            file: Some(file.to_owned()),
            document: None,
            sentence: Some(format!("{to} jatkaa hanketta {from}.")),
        },
    }
}

fn codes(l: &Lineage, nodes: impl IntoIterator<Item = petgraph::graph::NodeIndex>) -> Vec<String> {
    let mut v: Vec<String> = nodes
        .into_iter()
        .map(|n| l.project(n).code.clone())
        .collect();
    v.sort();
    v
}

/// A → B → C, A → D, E ∥ D, F alone, and G only mentioned (B → G).
fn sample() -> Lineage {
    Lineage::from_parts(
        [
            project("A", Some((2015, 1, 1)), Some((2016, 12, 31))),
            project("B", Some((2017, 1, 1)), Some((2018, 12, 31))),
            project("C", Some((2019, 1, 1)), Some((2020, 6, 30))),
            project("D", Some((2017, 3, 1)), Some((2018, 2, 28))),
            project("E", Some((2017, 3, 1)), Some((2018, 2, 28))),
            project("F", Some((2016, 1, 1)), None),
        ],
        [
            claim("A", "B", LinkKind::Continuation, "a.txt"),
            claim("A", "B", LinkKind::Continuation, "b.txt"),
            claim("B", "C", LinkKind::Continuation, "b.txt"),
            claim("A", "D", LinkKind::Continuation, "a.txt"),
            claim("E", "D", LinkKind::Parallel, "e.txt"),
            claim("D", "E", LinkKind::Parallel, "d.txt"),
            claim("B", "G", LinkKind::Continuation, "b.txt"),
        ],
    )
}

#[test]
fn claims_of_one_edge_merge_and_mentioned_projects_become_nodes() {
    let l = sample();
    assert_eq!(l.len(), 7);
    let (a, b) = (l.node("A").unwrap(), l.node("B").unwrap());
    let e = l.graph().find_edge(a, b).unwrap();
    assert_eq!(l.link(e).evidence.len(), 2);
    assert_eq!(l.link(e).files(), vec!["a.txt", "b.txt"]);
    // the two claims of the parallel pair are one edge, from the smaller code
    let (d, ee) = (l.node("D").unwrap(), l.node("E").unwrap());
    assert!(l.graph().find_edge(d, ee).is_some());
    assert!(l.graph().find_edge(ee, d).is_none());
    let g = l.project(l.node("G").unwrap());
    assert!(!g.has_card);
    assert_eq!(g.name, None);
}

#[test]
fn reach_follows_the_direction_and_the_depth() {
    let l = sample();
    let a = l.node("A").unwrap();
    let down = l.reach(a, Direction::Down, None);
    assert_eq!(
        codes(&l, down.steps.iter().map(|s| s.0)),
        ["A", "B", "C", "D", "G"]
    );
    let steps: BTreeMap<String, usize> = down
        .steps
        .iter()
        .map(|&(n, s)| (l.project(n).code.clone(), s))
        .collect();
    assert_eq!(steps["C"], 2);
    assert_eq!(steps["B"], 1);
    let one = l.reach(a, Direction::Down, Some(1));
    assert_eq!(codes(&l, one.steps.iter().map(|s| s.0)), ["A", "B", "D"]);
    let c = l.node("C").unwrap();
    let up = l.reach(c, Direction::Up, None);
    assert_eq!(codes(&l, up.steps.iter().map(|s| s.0)), ["A", "B", "C"]);
    // a parallel pair is not a continuation, but it is family
    let e = l.node("E").unwrap();
    assert_eq!(l.reach(e, Direction::Up, None).steps.len(), 1);
    assert_eq!(
        codes(
            &l,
            l.reach(e, Direction::Both, None).steps.iter().map(|s| s.0)
        ),
        ["A", "B", "C", "D", "E", "G"]
    );
}

#[test]
fn path_is_the_shortest_chain_forward_only() {
    let l = sample();
    let (a, c, d) = (
        l.node("A").unwrap(),
        l.node("C").unwrap(),
        l.node("D").unwrap(),
    );
    assert_eq!(codes(&l, l.path(a, c).unwrap()), ["A", "B", "C"]);
    assert_eq!(l.path(c, a), None, "no path against the direction of time");
    assert_eq!(l.path(c, d), None, "siblings are not a path");
}

#[test]
fn families_are_sorted_largest_first_with_span_and_funding() {
    let l = sample();
    let f = l.families();
    assert_eq!(f.len(), 2);
    assert_eq!(f[0].members, ["A", "B", "C", "D", "E", "G"]);
    assert_eq!(f[0].id, "A");
    assert_eq!(f[0].years(), "2015–2020");
    assert_eq!(f[0].funding, Euros::from_cents(500_000));
    assert_eq!(f[0].funding_unknown, 1, "G has no card");
    assert_eq!(f[0].caption(), "A family · 2015–2020 · 5 000 € +");
    assert_eq!(f[1].members, ["F"]);
    assert_eq!(f[1].years(), "2016–");
}

#[test]
fn a_cycle_is_reported_and_walks_end() {
    let l = Lineage::from_parts(
        [
            project("X", Some((2017, 1, 1)), Some((2018, 12, 31))),
            project("Y", Some((2018, 1, 1)), Some((2019, 12, 31))),
            project("Z", Some((2019, 1, 1)), Some((2020, 12, 31))),
        ],
        [
            claim("X", "Y", LinkKind::Continuation, "x.txt"),
            claim("Y", "Z", LinkKind::Continuation, "y.txt"),
            claim("Z", "X", LinkKind::Continuation, "z.txt"),
        ],
    );
    let x = l.node("X").unwrap();
    for dir in [Direction::Up, Direction::Down, Direction::Both] {
        assert_eq!(l.reach(x, dir, None).steps.len(), 3, "{dir:?}");
    }
    let problems = l.problems();
    let cycles: Vec<_> = problems
        .iter()
        .filter(|p| matches!(p, Problem::Cycle { .. }))
        .collect();
    assert_eq!(cycles.len(), 1);
    assert_eq!(cycles[0].projects(), ["X", "Y", "Z"]);
    assert_eq!(cycles[0].edges().len(), 3);
    let shown = cycles[0].to_string();
    assert!(shown.contains("z.txt"), "{shown}");
    // the text tree ends, writing a project seen before as "shown above"
    let tree = text::tree(&l, &l.reach(x, Direction::Down, None));
    assert!(tree.lines().count() < 20, "{tree}");
    assert!(["X", "Y", "Z"].iter().all(|c| tree.contains(c)), "{tree}");
    let tree = text::tree(&l, &l.reach(x, Direction::Both, None));
    assert!(tree.contains("X") && tree.contains("Z"), "{tree}");
}

#[test]
fn a_self_successor_and_an_early_start_are_reported() {
    let l = Lineage::from_parts(
        [
            project("P", Some((2015, 1, 1)), Some((2018, 12, 31))),
            project("Q", Some((2017, 6, 1)), Some((2019, 12, 31))),
            project("R", Some((2018, 1, 1)), Some((2019, 12, 31))),
        ],
        [
            claim("P", "P", LinkKind::Continuation, "p.txt"),
            claim("P", "Q", LinkKind::Continuation, "p.txt"),
            claim("P", "R", LinkKind::Continuation, "p.txt"),
        ],
    );
    let problems = l.problems();
    assert!(problems
        .iter()
        .any(|p| matches!(p, Problem::SelfSuccessor { project, .. } if project == "P")));
    let early: Vec<_> = problems
        .iter()
        .filter_map(|p| match p {
            Problem::StartsBeforePredecessorEnds {
                edge, days_early, ..
            } => Some((edge.to.as_str(), *days_early)),
            _ => None,
        })
        .collect();
    // Q starts 578 days before P ends; R 364 days before, which is allowed
    assert_eq!(early, [("Q", 578)]);
    let p = l.node("P").unwrap();
    assert_eq!(l.reach(p, Direction::Down, None).steps.len(), 3);
    assert_eq!(codes(&l, l.path(p, p).unwrap()), ["P"]);
}

#[test]
fn dot_is_sorted_escaped_and_marks_what_it_should() {
    let mut named = project("S1", Some((2016, 1, 1)), Some((2017, 1, 1)));
    named.name = Some("Sano \"hei\" \\ <script>alert(1)</script>".to_owned());
    named.continued_by = vec!["Kylä ry".to_owned()];
    let l = Lineage::from_parts(
        [named, project("S2", Some((2018, 1, 1)), None)],
        [
            claim("S1", "S2", LinkKind::Continuation, "s1.txt"),
            claim("S2", "S3", LinkKind::Continuation, "s2.txt"),
        ],
    );
    let dot = dot::write(&l, &l.view_all(), &DotOptions::default());
    assert_eq!(
        dot,
        dot::write(&l, &l.view_all(), &DotOptions::default()),
        "stable"
    );
    assert!(dot.contains("Sano \\\"hei\\\" \\\\"), "{dot}");
    assert!(
        dot.contains("\"S3\" [label=\"S3\\n(no card)\", style=\"rounded,dashed\""),
        "{dot}"
    );
    assert!(
        dot.contains("\"S1\" -> \"S2\" [label=\"text · 1 doc\""),
        "{dot}"
    );
    assert!(
        dot.contains("\"org: Kylä ry\" [label=\"Kylä ry\", shape=ellipse"),
        "{dot}"
    );
    assert!(
        dot.contains("{ rank=same; \"year 2016\"; \"S1\"; }"),
        "{dot}"
    );
    assert!(dot.contains("subgraph \"cluster_S1\""), "{dot}");
    assert_eq!(escape("a\"b\\c\nd"), "a\\\"b\\\\c\\nd");
}

#[test]
fn builtin_svg_has_one_group_per_project_and_escapes_text() {
    let mut named = project("S1", Some((2016, 1, 1)), Some((2017, 1, 1)));
    named.name = Some("<script>alert('x')</script> & co".to_owned());
    let l = Lineage::from_parts(
        [
            named,
            project("S2", Some((2018, 1, 1)), None),
            project("S9", None, None),
        ],
        [claim("S1", "S2", LinkKind::Continuation, "s1.txt")],
    );
    let svg = svg::builtin(&l, &l.view_all(), &DotOptions::default());
    assert_eq!(svg.matches("<g class=\"node project\"").count(), 3);
    assert!(!svg.contains("<script>"));
    assert!(svg.contains("&lt;script&gt;"));
    assert_eq!(xml_escape("a<b>&\"'\u{1}"), "a&lt;b&gt;&amp;&quot;&#39; ");
}

#[test]
fn euros_read_the_finnish_way() {
    assert_eq!(euros_fi(Euros::from_cents(50_192_000)), "501 920 €");
    assert_eq!(euros_fi(Euros::from_cents(12_345_678)), "123 456,78 €");
    assert_eq!(euros_fi(Euros::from_cents(99_900)), "999 €");
    assert_eq!(euros_fi(Euros::from_cents(-100_000)), "-1 000 €");
}

#[test]
fn a_very_long_chain_neither_overflows_nor_goes_quadratic() {
    // 50 000 projects, each continuing the one before: deeper than any call stack would take
    const N: usize = 50_000;
    let codes: Vec<String> = (0..N).map(|i| format!("C{i:06}")).collect();
    let l = Lineage::from_parts(
        codes.iter().map(|c| Project::mentioned(c)),
        codes
            .windows(2)
            .map(|w| claim(&w[0], &w[1], LinkKind::Continuation, "chain.txt")),
    );
    let head = l.node(&codes[0]).unwrap();
    let tail = l.node(&codes[N - 1]).unwrap();
    let down = l.reach(head, Direction::Down, None);
    assert_eq!(down.steps.len(), N);
    assert_eq!(down.steps.last().map(|s| s.1), Some(N - 1));
    assert_eq!(l.path(head, tail).map(|p| p.len()), Some(N));
    assert_eq!(l.families().len(), 1);
    assert!(l.problems().is_empty());
    let tree = text::tree(&l, &down);
    assert_eq!(tree.lines().count(), 2 * N);
    let widest = tree.lines().map(|x| x.chars().count()).max().unwrap_or(0);
    assert!(widest < 200, "lines stay bounded: {widest}");
    let dot = dot::write(&l, &l.view_all(), &DotOptions::default());
    assert_eq!(dot.matches(" -> ").count(), N - 1);
    let svg = svg::builtin(&l, &l.view_all(), &DotOptions::default());
    assert_eq!(svg.matches("<g class=\"node project\"").count(), N);
}
