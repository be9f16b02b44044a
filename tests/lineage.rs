//! Lineage with petgraph (`lineage`, `path`, `families`, diagrams) on stores built from the
//! seeds (`../shared/seeds/`), the sample corpus (`data/`) and the lineage fixtures
//! (`tests/fixtures/lineage/`: a cycle and a successor that starts years before its
//! predecessor ends).
//!
//! What the tests expect comes from the documents themselves (which card says it continues
//! which), not from the program's output. The petgraph answers are compared with the SPARQL
//! property paths of `queries/successors.rq`, `predecessors.rq` and `families.rq` on every
//! project: the two read different triples (the qualified relations with their evidence, and
//! the direct hg:successor / hg:predecessor triples), so they agree only if both are right.

// A test panics to fail: `expect` with a message is the clearest way to say what broke.
#![allow(clippy::expect_used, clippy::unwrap_used)]

use hankegraph::lineage::dot::DotOptions;
use hankegraph::lineage::svg::{self, Renderer};
use hankegraph::lineage::{Direction, Lineage, Problem};
use hankegraph::parse::{expand_paths, parse_inputs, read_inputs};
use hankegraph::queries;
use hankegraph::rdf::Provenance;
use hankegraph::store::{cell, Answer, GraphStore};
use oxigraph::model::{Literal, Term};
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn seeds() -> PathBuf {
    root().join("../shared/seeds")
}

fn fixtures() -> PathBuf {
    root().join("tests/fixtures/lineage")
}

fn store_of(dirs: &[PathBuf]) -> GraphStore {
    for d in dirs {
        assert!(d.is_dir(), "{} is missing", d.display());
    }
    let (files, errors) = expand_paths(dirs);
    assert!(errors.is_empty(), "{errors:?}");
    let (inputs, errors) = read_inputs(&files);
    assert!(errors.is_empty(), "{errors:?}");
    let store = GraphStore::in_memory().expect("store");
    let prov = Provenance {
        ingested_at: "2026-01-01T00:00:00Z".into(),
        tool_version: "test".into(),
        source_url: None,
    };
    for doc in parse_inputs(&inputs) {
        store.ingest(&doc, &prov).expect("ingest");
    }
    store
}

/// Seeds, sample corpus and lineage fixtures.
fn everything() -> &'static GraphStore {
    static STORE: OnceLock<GraphStore> = OnceLock::new();
    STORE.get_or_init(|| {
        store_of(&[
            seeds(),
            root().join("data/cards"),
            root().join("data/decisions"),
            fixtures(),
        ])
    })
}

fn codes_of(
    l: &Lineage,
    nodes: impl IntoIterator<Item = petgraph::graph::NodeIndex>,
) -> BTreeSet<String> {
    nodes
        .into_iter()
        .map(|n| l.project(n).code.clone())
        .collect()
}

fn reached(l: &Lineage, code: &str, dir: Direction) -> BTreeSet<String> {
    let n = l.require(code).expect("project");
    let r = l.reach(n, dir, None);
    codes_of(l, r.steps.iter().map(|s| s.0).filter(|&m| m != n))
}

fn set(codes: &[&str]) -> BTreeSet<String> {
    codes.iter().map(|c| (*c).to_owned()).collect()
}

// ---------------------------------------------------------------------------------------------
// The seeds alone: the continuations the mission names
// ---------------------------------------------------------------------------------------------

#[test]
fn seeds_give_the_known_continuations() {
    let store = store_of(&[seeds()]);
    let l = Lineage::load(&store).expect("lineage");
    assert_eq!(reached(&l, "S20474", Direction::Down), set(&["S20877"]));
    assert_eq!(reached(&l, "S20877", Direction::Up), set(&["S20474"]));
    assert_eq!(reached(&l, "S21315", Direction::Up), set(&["S20129"]));
    assert_eq!(
        reached(&l, "S20129", Direction::Down),
        set(&["S21315", "S21336"])
    );
    let families = l.families();
    let soppi = families
        .iter()
        .find(|f| f.members.contains(&"S20129".to_owned()))
        .expect("a family with S20129");
    assert_eq!(soppi.members, ["S20129", "S21315", "S21336"]);
    assert_eq!(soppi.with_card, 1, "S21315 and S21336 have no card");
    assert_eq!(soppi.first_year, Some(2015));
    // the mentioned-only projects are nodes, known to have no card
    let s21336 = l.project(l.require("S21336").unwrap());
    assert!(!s21336.has_card && s21336.name.is_none());
    // S20474 has no seed card: the edge comes from S20877's card (seed 000) alone, and S20474
    // is a node without a card
    let (a, b) = (l.require("S20474").unwrap(), l.require("S20877").unwrap());
    let e = l.graph().find_edge(a, b).expect("edge S20474 → S20877");
    let stated: BTreeSet<_> = l
        .link(e)
        .evidence
        .iter()
        .filter_map(|e| e.stated_by.clone())
        .collect();
    assert_eq!(stated, set(&["S20877"]));
    assert!(!l.project(a).has_card);
    assert!(l.problems().is_empty(), "{:?}", l.problems());
    assert_eq!(
        codes_of(
            &l,
            l.path(l.require("S20129").unwrap(), l.require("S21315").unwrap())
                .unwrap()
        ),
        set(&["S20129", "S21315"])
    );
}

// ---------------------------------------------------------------------------------------------
// Bad lineage: reported with its documents, never looped on
// ---------------------------------------------------------------------------------------------

#[test]
fn the_cycle_fixture_is_reported_with_its_documents() {
    let l = Lineage::load(everything()).expect("lineage");
    let problems = l.problems();
    let cycle = problems
        .iter()
        .find(|p| matches!(p, Problem::Cycle { .. }))
        .expect("the cycle S29980 ↔ S29981");
    assert_eq!(cycle.projects(), ["S29980", "S29981"]);
    let files: BTreeSet<String> = cycle
        .edges()
        .iter()
        .flat_map(|e| e.evidence.iter().filter_map(|v| v.file.clone()))
        .collect();
    assert_eq!(files, set(&["S29980_ympyra.txt", "S29981_keha.txt"]));
    let early: Vec<_> = problems
        .iter()
        .filter_map(|p| match p {
            Problem::StartsBeforePredecessorEnds {
                edge, days_early, ..
            } => Some((edge.from.as_str(), edge.to.as_str(), *days_early)),
            _ => None,
        })
        .collect();
    // S29982 starts 1.3.2015, S29983 ends 31.12.2018: 1401 days; and the cycle's edge back
    // is early too: S29980 starts 1.1.2017, S29981 ends 31.12.2019: 1094 days
    assert_eq!(
        early,
        [("S29981", "S29980", 1094), ("S29983", "S29982", 1401)]
    );
    // in the whole corpus, both cards of the pair state S20474 → S20877
    let (a, b) = (l.require("S20474").unwrap(), l.require("S20877").unwrap());
    let e = l.graph().find_edge(a, b).expect("edge S20474 → S20877");
    let stated: BTreeSet<_> = l
        .link(e)
        .evidence
        .iter()
        .filter_map(|e| e.stated_by.clone())
        .collect();
    assert_eq!(stated, set(&["S20474", "S20877"]));
    // walks through the cycle end
    for dir in [Direction::Up, Direction::Down, Direction::Both] {
        assert_eq!(reached(&l, "S29980", dir), set(&["S29981"]), "{dir:?}");
    }
    // no sample project has a problem: only the fixtures do
    let concerned: BTreeSet<&str> = problems.iter().flat_map(Problem::projects).collect();
    assert_eq!(
        concerned,
        ["S29980", "S29981", "S29982", "S29983"]
            .into_iter()
            .collect()
    );
}

// ---------------------------------------------------------------------------------------------
// petgraph and SPARQL agree on every project
// ---------------------------------------------------------------------------------------------

fn table(store: &GraphStore, name: &str, code: Option<&str>) -> (Vec<String>, Vec<Vec<String>>) {
    let q = queries::find(name).expect("query");
    let params: Vec<(String, Term)> = code
        .map(|c| {
            vec![(
                "code".to_owned(),
                Term::from(Literal::new_simple_literal(c)),
            )]
        })
        .unwrap_or_default();
    match store.query(q.text, &params).expect("query runs") {
        Answer::Table { variables, rows } => (
            variables,
            rows.iter()
                .map(|r| r.iter().map(|t| cell(t.as_ref())).collect())
                .collect(),
        ),
        other => panic!("{name} is not a SELECT: {other:?}"),
    }
}

fn column(vars: &[String], name: &str) -> usize {
    vars.iter().position(|v| v == name).expect(name)
}

#[test]
fn petgraph_and_the_sparql_property_paths_agree_on_every_project() {
    let store = everything();
    let l = Lineage::load(store).expect("lineage");
    assert!(l.len() > 30, "the test corpus has {} projects", l.len());
    let mut compared = 0;
    for (n, p) in l.projects() {
        for (query, dir, col) in [
            ("successors", Direction::Down, "successor"),
            ("predecessors", Direction::Up, "predecessor"),
        ] {
            let (vars, rows) = table(store, query, Some(&p.code));
            let (c, s) = (column(&vars, col), column(&vars, "steps"));
            let sparql: BTreeMap<String, String> =
                rows.iter().map(|r| (r[c].clone(), r[s].clone())).collect();
            let reach = l.reach(n, dir, None);
            let graph: BTreeMap<String, String> = reach
                .steps
                .iter()
                .filter(|&&(m, _)| m != n)
                .map(|&(m, k)| {
                    (
                        l.project(m).code.clone(),
                        if k <= 6 { k.to_string() } else { String::new() },
                    )
                })
                .collect();
            assert_eq!(graph, sparql, "{query} of {}", p.code);
            compared += 1;
        }
    }
    // families: the same partition, named by the same smallest code
    let (vars, rows) = table(store, "families", None);
    let (f, c, s) = (
        column(&vars, "family"),
        column(&vars, "code"),
        column(&vars, "size"),
    );
    let sparql: BTreeMap<String, (String, String)> = rows
        .iter()
        .map(|r| (r[c].clone(), (r[f].clone(), r[s].clone())))
        .collect();
    let mut graph = BTreeMap::new();
    for family in l.families() {
        for m in &family.members {
            graph.insert(
                m.clone(),
                (family.id.clone(), family.members.len().to_string()),
            );
        }
    }
    assert_eq!(graph, sparql);
    assert!(compared >= 60, "compared {compared}");
}

// ---------------------------------------------------------------------------------------------
// Diagrams
// ---------------------------------------------------------------------------------------------

/// Graphviz `dot`, which scripts/setup.sh installs: required in CI, skipped with a note
/// elsewhere.
fn graphviz() -> Option<String> {
    let program = svg::graphviz_program();
    let found = Command::new(&program)
        .arg("-V")
        .output()
        .is_ok_and(|o| o.status.success());
    if found {
        return Some(program);
    }
    assert!(
        std::env::var_os("CI").is_none(),
        "Graphviz `{program}` is missing in CI: scripts/setup.sh installs it"
    );
    eprintln!("Graphviz `{program}` not found: skipping what needs it");
    None
}

/// The titles of `<g class="node…">` groups in an SVG, which must be valid XML.
fn svg_node_titles(svg: &str) -> Vec<String> {
    // Graphviz writes a DOCTYPE; it is allowed, nothing else is relaxed
    let options = roxmltree::ParsingOptions {
        allow_dtd: true,
        ..roxmltree::ParsingOptions::default()
    };
    let doc =
        roxmltree::Document::parse_with_options(svg, options).expect("the SVG is well-formed XML");
    assert_eq!(doc.root_element().tag_name().name(), "svg");
    doc.descendants()
        .filter(|n| n.has_tag_name("g"))
        .filter(|n| {
            n.attribute("class")
                .is_some_and(|c| c.split(' ').any(|w| w == "node"))
        })
        .filter_map(|g| {
            g.children()
                .find(|c| c.has_tag_name("title"))
                .and_then(|t| t.text())
                .map(str::to_owned)
        })
        .collect()
}

fn assert_one_node_per_project(l: &Lineage, svg: &str, who: &str) {
    let codes: BTreeSet<String> = l.projects().map(|(_, p)| p.code.clone()).collect();
    let mut seen: BTreeMap<String, usize> = BTreeMap::new();
    for t in svg_node_titles(svg) {
        if codes.contains(&t) {
            *seen.entry(t).or_default() += 1;
        }
    }
    assert_eq!(
        seen.keys().cloned().collect::<BTreeSet<_>>(),
        codes,
        "{who}: every project drawn"
    );
    assert!(
        seen.values().all(|&k| k == 1),
        "{who}: one node per project: {seen:?}"
    );
}

#[test]
fn the_dot_diagram_parses_with_graphviz() {
    let l = Lineage::load(everything()).expect("lineage");
    for implementers in [false, true] {
        let options = DotOptions {
            implementers,
            title: Some("Lineage \"test\"".into()),
        };
        let text = hankegraph::lineage::dot::write(&l, &l.view_all(), &options);
        assert!(text.starts_with("digraph lineage {"));
        // cluster per family of two or more, dashed boxes for projects without a card
        let multi = l.families().iter().filter(|f| f.members.len() > 1).count();
        assert_eq!(text.matches("subgraph \"cluster_").count(), multi);
        let without_card = l.projects().filter(|(_, p)| !p.has_card).count();
        assert_eq!(
            text.matches("style=\"rounded,dashed\"").count(),
            without_card
        );
        let Some(_) = graphviz() else { continue };
        let svg = svg::run_graphviz(&text, "svg").expect("dot accepts the DOT text");
        assert_one_node_per_project(&l, &String::from_utf8_lossy(&svg), "graphviz");
    }
}

#[test]
fn svg_is_valid_xml_with_one_node_per_project_from_either_renderer() {
    let l = Lineage::load(everything()).expect("lineage");
    let options = DotOptions::default();
    let builtin = svg::render(&l, &l.view_all(), &options, Renderer::Builtin).expect("builtin");
    assert_eq!(builtin.renderer, "builtin");
    assert_one_node_per_project(&l, &builtin.text, "builtin");
    if graphviz().is_some() {
        let drawn = svg::render(&l, &l.view_all(), &options, Renderer::Graphviz).expect("graphviz");
        assert_eq!(drawn.renderer, "graphviz");
        assert_one_node_per_project(&l, &drawn.text, "graphviz");
    }
    // a lineage view: only its projects
    let root = l.require("S29910").unwrap();
    let view = l.reach(root, Direction::Both, None).view();
    let one = svg::render(&l, &view, &options, Renderer::Builtin).expect("builtin");
    let titles: BTreeSet<String> = svg_node_titles(&one.text)
        .into_iter()
        .filter(|t| t.starts_with('S'))
        .collect();
    assert_eq!(titles, set(&["S29910", "S29911", "S29912"]));
}

// ---------------------------------------------------------------------------------------------
// The commands, as a user runs them
// ---------------------------------------------------------------------------------------------

fn hankegraph(store: &Path, args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_hankegraph"))
        .args(args)
        .arg("--store")
        .arg(store)
        .output()
        .expect("run hankegraph");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn the_commands_answer_on_a_store() {
    let dir = std::env::temp_dir().join(format!("hankegraph-lineage-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let store = dir.join("store");
    let seeds = seeds();
    let fixtures = fixtures();
    let (code, _, err) = hankegraph(
        &store,
        &[
            "ingest",
            &seeds.to_string_lossy(),
            &fixtures.to_string_lossy(),
        ],
    );
    assert_eq!(code, 0, "{err}");

    let (code, out, err) = hankegraph(&store, &["lineage", "S20474", "--down"]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("└─▶ S20877  Petosen Pömpeli"), "{out}");
    let (code, out, _) = hankegraph(&store, &["lineage", "s21315", "--up"]);
    assert_eq!(code, 0);
    assert!(out.contains("─◀ S20129"), "{out}");
    assert!(
        out.lines()
            .next()
            .unwrap_or("")
            .starts_with("S21315: what came before — 1 other project"),
        "{out}"
    );

    let (code, out, _) = hankegraph(&store, &["lineage", "S20474", "--format", "json"]);
    assert_eq!(code, 0);
    let v: serde_json::Value = serde_json::from_str(&out).expect("json");
    let codes: BTreeSet<&str> = v["projects"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|p| p["code"].as_str())
        .collect();
    assert_eq!(codes, ["S20474", "S20877"].into_iter().collect());
    assert_eq!(v["links"][0]["kind"], "continuation");

    let (code, out, _) = hankegraph(&store, &["families"]);
    assert_eq!(code, 0);
    assert!(out.contains("S20129, S21315, S21336"), "{out}");
    assert!(out.contains("cycle: S29980, S29981"), "{out}");
    assert!(out.contains("S29981_keha.txt"), "{out}");

    let (code, out, _) = hankegraph(&store, &["lineage", "S29980"]);
    assert_eq!(code, 0);
    assert!(
        out.contains("problems in this lineage (2)") && out.contains("cycle: S29980, S29981"),
        "{out}"
    );

    let (code, out, _) = hankegraph(&store, &["path", "S20129", "S21336"]);
    assert_eq!(code, 0);
    assert!(out.starts_with("S20129 → S21336  (1 step)"), "{out}");
    let (code, out, _) = hankegraph(&store, &["path", "S21315", "S21336"]);
    assert_eq!(code, 1, "siblings have no path");
    assert!(
        out.starts_with("no lineage path between S21315 and S21336"),
        "{out}"
    );
    let (code, _, err) = hankegraph(&store, &["lineage", "S99999"]);
    assert_eq!(code, 2);
    assert!(err.contains("no project S99999"), "{err}");

    let (code, out, _) = hankegraph(&store, &["export", "--format", "dot"]);
    assert_eq!(code, 0);
    assert!(out.starts_with("digraph lineage {"));
    let (code, out, _) = hankegraph(
        &store,
        &[
            "lineage",
            "S20129",
            "--format",
            "svg",
            "--renderer",
            "builtin",
        ],
    );
    assert_eq!(code, 0);
    let titles: BTreeSet<String> = svg_node_titles(&out)
        .into_iter()
        .filter(|t| t.starts_with('S'))
        .collect();
    assert_eq!(titles, set(&["S20129", "S21315", "S21336"]));
    let _ = std::fs::remove_dir_all(&dir);
}
