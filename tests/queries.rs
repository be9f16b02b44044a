//! The named queries of `queries/*.rq` against a store holding the five seed documents
//! (`../shared/seeds/`) and the sample corpus (`data/cards/`, `data/decisions/`), parsed as one
//! run and ingested as `hankegraph ingest` would.
//!
//! Expected rows are written from the documents and `data/README.md` (lineage chains, families,
//! dead ends) and `data/truth.json` (periods, funders, amounts), never copied from query output.
//! Two things about the corpus shape the expectations:
//!
//! * four projects have two cards, a seed and a corpus version (S20877, S20731, S20540,
//!   S20129), and the Kuopio decision on S20877 exists twice (seed 003 and
//!   `kuopio_2017_petosen-pompeli.txt`). Queries that sum or count must count each once, so
//!   several assertions below would fail on a query that forgot to de-duplicate.
//! * the two versions agree on every single-valued field (same period 2.1.–31.12.2017 and
//!   61 386 € for S20877), so `conflicts` is checked both on the corpus (no rows) and on a store
//!   with an extra, altered version of the S20877 card and of its decision.
//!
//! `data/README.md` and `data/truth.json` are not ingested: they are not documents of the corpus
//! (the parser would read both as decisions).
//!
//! The Kuopio decision must be tied to S20877 (`matches_code`) for the decision, funding and
//! conflict tests to pass. While `parse::match_decisions` counts the two cards of S20877 as two
//! equally good candidates, it reports `ambiguous-match` and ties the decision to nothing, and
//! those tests fail: that is a parser bug, not an expectation to relax.

// A test panics to fail: `expect` with a message is the clearest way to say what broke.
#![allow(clippy::expect_used, clippy::unwrap_used)]

use hankegraph::parse::{expand_paths, parse_inputs, read_inputs, Input};
use hankegraph::queries;
use hankegraph::rdf::Provenance;
use hankegraph::store::{parse_param_value, Answer, GraphStore};
use hankegraph::Document;
use oxigraph::io::{RdfFormat, RdfParser};
use oxigraph::model::Term;
use oxigraph::sparql::SparqlEvaluator;
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

// ---------------------------------------------------------------------------------------------
// Building the store
// ---------------------------------------------------------------------------------------------

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn provenance() -> Provenance {
    Provenance {
        ingested_at: "2026-01-01T00:00:00Z".into(),
        tool_version: "test".into(),
        source_url: None,
    }
}

/// The seeds and the sample corpus, read in the order `hankegraph parse` would read them.
fn corpus_inputs() -> Vec<Input> {
    let dirs = [
        root().join("../shared/seeds"),
        root().join("data/cards"),
        root().join("data/decisions"),
    ];
    for d in &dirs {
        assert!(d.is_dir(), "{} is missing", d.display());
    }
    let (files, errors) = expand_paths(&dirs);
    assert!(errors.is_empty(), "cannot list the corpus: {errors:?}");
    assert_eq!(files.len(), 5 + 23 + 5, "5 seeds, 23 cards, 5 decisions");
    let (inputs, errors) = read_inputs(&files);
    assert!(errors.is_empty(), "cannot read the corpus: {errors:?}");
    inputs
}

fn build(inputs: &[Input]) -> GraphStore {
    let docs: Vec<Document> = parse_inputs(inputs);
    let store = GraphStore::in_memory().expect("in-memory store");
    for doc in &docs {
        store
            .ingest(doc, &provenance())
            .unwrap_or_else(|e| panic!("ingesting {}: {e}", doc.file));
    }
    store
}

/// The corpus store, built once for every test of this file.
fn corpus() -> &'static GraphStore {
    static STORE: OnceLock<GraphStore> = OnceLock::new();
    STORE.get_or_init(|| build(&corpus_inputs()))
}

/// The corpus plus a re-issued S20877 card that gives another end date and amount, and a copy of
/// the Kuopio decision with another amount: what `conflicts` exists to find.
fn corpus_with_altered_versions() -> GraphStore {
    let mut inputs = corpus_inputs();
    let card = std::fs::read_to_string(root().join("data/cards/S20877_pompeli.txt")).expect("card");
    let altered = card
        .replace("31.12.2017 (hanke", "30.11.2017 (hanke")
        .replace("61 386 €", "61 836 €");
    assert_ne!(
        altered, card,
        "the S20877 card no longer has the text this test alters"
    );
    inputs.push(Input {
        file: "extra/S20877_pompeli_v2.txt".into(),
        bytes: altered.into_bytes(),
    });
    let decision =
        std::fs::read_to_string(root().join("data/decisions/kuopio_2017_petosen-pompeli.txt"))
            .expect("decision");
    let altered = decision
        .replace("12.923", "12.932")
        .replace("12 923", "12 932");
    assert_ne!(
        altered, decision,
        "the Kuopio decision no longer has the text this test alters"
    );
    inputs.push(Input {
        file: "extra/kuopio_2017_petosen-pompeli_v2.txt".into(),
        bytes: altered.into_bytes(),
    });
    build(&inputs)
}

// ---------------------------------------------------------------------------------------------
// Running queries and reading their results
// ---------------------------------------------------------------------------------------------

/// A query result with cells as plain strings: a literal's lexical form, an IRI's text.
struct Table {
    query: String,
    variables: Vec<String>,
    rows: Vec<Vec<Option<String>>>,
}

fn text_of(term: &Term) -> String {
    match term {
        Term::NamedNode(n) => n.as_str().to_owned(),
        Term::Literal(l) => l.value().to_owned(),
        other => other.to_string(),
    }
}

impl Table {
    fn col(&self, name: &str) -> usize {
        self.variables
            .iter()
            .position(|v| v == name)
            .unwrap_or_else(|| {
                panic!(
                    "{}: no column {name}; columns: {:?}",
                    self.query, self.variables
                )
            })
    }

    /// The cell of `row` in column `name`, "" when unbound.
    fn cell(&self, row: usize, name: &str) -> &str {
        self.rows[row][self.col(name)].as_deref().unwrap_or("")
    }

    /// The rows whose column `name` equals `value`.
    fn rows_where(&self, name: &str, value: &str) -> Vec<usize> {
        (0..self.rows.len())
            .filter(|&r| self.cell(r, name) == value)
            .collect()
    }

    /// The one row whose column `name` equals `value`.
    fn row_where(&self, name: &str, value: &str) -> usize {
        match self.rows_where(name, value).as_slice() {
            [one] => *one,
            other => panic!(
                "{}: expected one row with {name} = {value:?}, found {}\n{}",
                self.query,
                other.len(),
                self.render()
            ),
        }
    }

    /// Every value of column `name`, in row order.
    fn column(&self, name: &str) -> Vec<String> {
        (0..self.rows.len())
            .map(|r| self.cell(r, name).to_owned())
            .collect()
    }

    /// The result as text, for assertion messages.
    fn render(&self) -> String {
        let mut s = format!(
            "-- {} ({} rows)\n{}\n",
            self.query,
            self.rows.len(),
            self.variables.join(" | ")
        );
        for r in &self.rows {
            let cells: Vec<&str> = r.iter().map(|c| c.as_deref().unwrap_or("")).collect();
            s.push_str(&cells.join(" | "));
            s.push('\n');
        }
        s
    }
}

/// Runs the named query `name` with `params` bound as plain string literals, as
/// `hankegraph query NAME --param k=v` does.
fn run_on(store: &GraphStore, name: &str, params: &[(&str, &str)]) -> Table {
    let q = queries::find(name).unwrap_or_else(|| panic!("no named query {name}"));
    let bound: Vec<(String, Term)> = params
        .iter()
        .map(|(k, v)| ((*k).to_owned(), parse_param_value(v)))
        .collect();
    let answer = store
        .query(q.text, &bound)
        .unwrap_or_else(|e| panic!("{name} {params:?} failed: {e}"));
    let Answer::Table { variables, rows } = answer else {
        panic!("{name} is not a SELECT query")
    };
    Table {
        query: format!("{name} {params:?}"),
        variables,
        rows: rows
            .into_iter()
            .map(|r| r.iter().map(|c| c.as_ref().map(text_of)).collect())
            .collect(),
    }
}

fn run(name: &str, params: &[(&str, &str)]) -> Table {
    run_on(corpus(), name, params)
}

/// A "; "-joined list cell as a set.
fn set(cell: &str) -> BTreeSet<String> {
    cell.split("; ")
        .filter(|s| !s.is_empty())
        .map(str::to_owned)
        .collect()
}

fn strs(items: &[&str]) -> BTreeSet<String> {
    items.iter().map(|s| (*s).to_owned()).collect()
}

/// A numeric cell (decimal, integer) as f64.
fn num(table: &Table, row: usize, name: &str) -> f64 {
    let c = table.cell(row, name);
    c.parse().unwrap_or_else(|_| {
        panic!(
            "{}: {name} = {c:?} is not a number\n{}",
            table.query,
            table.render()
        )
    })
}

/// Asserts two amounts are equal to the cent.
#[track_caller]
fn assert_amount(table: &Table, row: usize, name: &str, want: f64) {
    let got = num(table, row, name);
    assert!(
        (got - want).abs() < 0.005,
        "{}: {name} of row {row} is {got}, want {want}\n{}",
        table.query,
        table.render()
    );
}

/// Asserts a set-valued result, printing both sides.
#[track_caller]
fn assert_set(table: &Table, what: &str, got: BTreeSet<String>, want: BTreeSet<String>) {
    assert!(
        got == want,
        "{}: {what}\n  got:  {got:?}\n  want: {want:?}\n  missing: {:?}\n  extra:   {:?}\n{}",
        table.query,
        want.difference(&got).collect::<Vec<_>>(),
        got.difference(&want).collect::<Vec<_>>(),
        table.render()
    );
}

// ---------------------------------------------------------------------------------------------
// The query files themselves
// ---------------------------------------------------------------------------------------------

fn query_files() -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(root().join("queries"))
        .expect("queries/ readable")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "rq"))
        .collect();
    files.sort();
    files
}

fn stem(p: &Path) -> String {
    p.file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default()
}

#[test]
fn every_query_file_parses_as_sparql() {
    let files = query_files();
    assert!(
        files.len() >= 16,
        "expected the named queries, found {files:?}"
    );
    for f in &files {
        let text = std::fs::read_to_string(f).expect("query readable");
        if let Err(e) = SparqlEvaluator::new().parse_query(&text) {
            panic!("{} is not valid SPARQL: {e}", f.display());
        }
    }
}

#[test]
fn every_query_file_is_embedded_with_its_header() {
    let names: BTreeSet<String> = query_files().iter().map(|p| stem(p)).collect();
    let embedded: BTreeSet<String> = queries::all().iter().map(|q| q.name.to_owned()).collect();
    assert_eq!(
        embedded, names,
        "build.rs embeds exactly the files of queries/"
    );
    for f in query_files() {
        let name = stem(&f);
        let text = std::fs::read_to_string(&f).expect("query readable");
        let first = text.lines().next().unwrap_or("");
        assert!(
            first.starts_with(&format!("# {name} — ")) && first.len() > name.len() + 10,
            "{}: the first line must be `# {name} — what it answers`, is {first:?}",
            f.display()
        );
        let q = queries::find(&name).expect("embedded");
        for (param, description) in &q.params {
            assert!(
                !description.is_empty(),
                "{name}: parameter {param} is not described"
            );
            let var = format!("?{param}");
            let select = text.find("SELECT").map_or("", |i| &text[i..]);
            assert!(
                select.contains(&var),
                "{name}: parameter {param} is described but {var} is not in the query"
            );
        }
    }
}

/// Namespaces of the data (docs/mapping.md §1) whose terms a query may name.
const HG: &str = "https://w3id.org/hankegraph/ontology#";
const CONCEPT: &str = "https://w3id.org/hankegraph/concept/";

/// The terms of other vocabularies the mapping emits (docs/mapping.md §2, §6–§12) or that
/// PART B of the ontology uses, and nothing else: a query naming another term finds nothing.
const STANDARD_TERMS: &[&str] = &[
    "http://schema.org/name",
    "http://schema.org/startDate",
    "http://schema.org/endDate",
    "http://schema.org/value",
    "http://schema.org/currency",
    "http://www.w3.org/2004/02/skos/core#prefLabel",
    "http://www.w3.org/2004/02/skos/core#altLabel",
    "http://www.w3.org/2004/02/skos/core#broader",
    "http://www.w3.org/2004/02/skos/core#inScheme",
    "http://www.w3.org/2004/02/skos/core#topConceptOf",
    "http://www.w3.org/2004/02/skos/core#Concept",
    "http://www.w3.org/ns/prov#hadPrimarySource",
    "http://www.w3.org/ns/prov#generatedAtTime",
    "http://purl.org/dc/terms/created",
    "http://www.w3.org/1999/02/22-rdf-syntax-ns#type",
    // written by `enrich` (src/rdf/register.rs)
    "http://purl.org/dc/terms/source",
    "http://schema.org/legalName",
];

/// The IRIs a query names: `<…>` and prefixed names expanded with its PREFIX lines. Comment
/// lines are skipped.
fn iris_of(text: &str) -> BTreeSet<String> {
    let body: Vec<&str> = text
        .lines()
        .filter(|l| !l.trim_start().starts_with('#'))
        .collect();
    let mut prefixes: BTreeMap<String, String> = BTreeMap::new();
    let mut out = BTreeSet::new();
    for line in &body {
        let t = line.trim();
        if let Some(rest) = t.strip_prefix("PREFIX ") {
            if let Some((p, iri)) = rest.split_once(':') {
                let iri = iri.trim().trim_start_matches('<').trim_end_matches('>');
                prefixes.insert(p.trim().to_owned(), iri.to_owned());
            }
            continue;
        }
        let mut rest = t;
        while let Some(i) = rest.find('<') {
            let after = &rest[i + 1..];
            match after.find('>') {
                Some(j) if after[..j].contains("://") => {
                    out.insert(after[..j].to_owned());
                    rest = &after[j + 1..];
                }
                _ => rest = after,
            }
        }
        let mut token = String::new();
        for ch in t.chars().chain(std::iter::once(' ')) {
            if ch.is_alphanumeric() || matches!(ch, ':' | '_' | '-') {
                token.push(ch);
                continue;
            }
            if let Some((p, local)) = token.split_once(':') {
                if let Some(ns) = prefixes.get(p) {
                    if !local.is_empty() {
                        out.insert(format!("{ns}{local}"));
                    }
                }
            }
            token.clear();
        }
    }
    out
}

#[test]
fn queries_name_only_terms_of_the_ontology_and_the_mapping() {
    let ttl = std::fs::read(root().join("ontology/hankegraph.ttl")).expect("ontology");
    let mut defined: BTreeSet<String> = BTreeSet::new();
    for t in RdfParser::from_format(RdfFormat::Turtle).for_slice(&ttl) {
        let t = t.expect("the ontology parses");
        defined.insert(t.subject.to_string().trim_matches(['<', '>']).to_owned());
    }
    // Namespaces are used as such (STRAFTER(STR(?kind), STR(hgrk:))).
    let namespaces = [
        HG.to_owned(),
        format!("{CONCEPT}relation-kind/"),
        format!("{CONCEPT}funding-kind/"),
        format!("{CONCEPT}decision-outcome/"),
        format!("{CONCEPT}outcome/"),
        format!("{CONCEPT}evidence-method/"),
        format!("{CONCEPT}target-group/"),
        format!("{CONCEPT}funder/"),
        format!("{CONCEPT}document-kind/"),
    ];
    let mut bad = Vec::new();
    for f in query_files() {
        let text = std::fs::read_to_string(&f).expect("query readable");
        for iri in iris_of(&text) {
            let ok = if iri.starts_with(HG) || iri.starts_with(CONCEPT) {
                defined.contains(&iri) || namespaces.contains(&iri)
            } else {
                STANDARD_TERMS.contains(&iri.as_str())
            };
            if !ok {
                bad.push(format!("{}: {iri}", stem(&f)));
            }
        }
    }
    assert!(
        bad.is_empty(),
        "terms that the ontology does not define or the mapping never emits:\n{}",
        bad.join("\n")
    );
}

#[test]
fn every_named_query_runs_on_the_corpus() {
    for q in queries::all() {
        let params: Vec<(&str, &str)> = q
            .params
            .iter()
            .map(|(p, _)| match (q.name, p.as_str()) {
                ("successors" | "descendants", "code") => (p.as_str(), "S20474"),
                ("search-organisations", "q") => (p.as_str(), "ASUKASYHDISTYS"),
                (_, "q") => (p.as_str(), "pömpeli"),
                (_, "organisation") => (
                    p.as_str(),
                    "<https://w3id.org/hankegraph/organisation/pitkalahti-petosen-asukasyhdistys>",
                ),
                (_, "code" | "from") => (p.as_str(), "S20877"),
                (_, "to") => (p.as_str(), "S20474"),
                (_, "group") => (p.as_str(), "nuoret"),
                (_, other) => panic!("{}: no test value for parameter {other}", q.name),
            })
            .collect();
        let t = run(q.name, &params);
        // the corpus has no disagreeing card versions (see conflicts_none_where_card_versions_agree),
        // and no register pages until `enrich` (see tests/enrich.rs)
        if !matches!(q.name, "conflicts" | "register-conflicts") {
            assert!(
                !t.rows.is_empty(),
                "{} returns nothing on the corpus\n{}",
                q.name,
                t.render()
            );
        }
    }
}

#[test]
fn lineage_edges_lists_a_bare_successor_triple_once_as_unqualified() {
    let store = build(&corpus_inputs());
    let before = run_on(&store, "lineage-edges", &[]);
    assert!(!before.column("method").contains(&"unqualified".to_owned()));
    // a successor triple no document explains, and one that S20474's relation already explains
    store
        .update(
            "PREFIX hg: <https://w3id.org/hankegraph/ontology#>
             PREFIX p: <https://w3id.org/hankegraph/project/>
             INSERT DATA { GRAPH <urn:x-test:elsewhere> {
               p:S20731 hg:successor p:S20220 . p:S20474 hg:successor p:S20877 .
               p:S20540 hg:parallelProject p:S20731 .
             } }",
        )
        .expect("update");
    let after = run_on(&store, "lineage-edges", &[]);
    let unqualified: Vec<(String, String, String)> = (0..after.rows.len())
        .filter(|&r| after.cell(r, "method") == "unqualified")
        .map(|r| {
            (
                after.cell(r, "predecessor").to_owned(),
                after.cell(r, "successor").to_owned(),
                after.cell(r, "kind").to_owned(),
            )
        })
        .collect();
    assert_eq!(
        unqualified,
        [
            (
                "S20540".to_owned(),
                "S20731".to_owned(),
                "parallel".to_owned()
            ),
            (
                "S20731".to_owned(),
                "S20220".to_owned(),
                "continuation".to_owned()
            ),
        ]
    );
    assert_eq!(after.rows.len(), before.rows.len() + 2);
}

#[test]
fn descendants_are_the_codes_that_successors_lists() {
    for code in ["S20474", "S20129", "S20877"] {
        let d = run("descendants", &[("code", code)]);
        let s = run("successors", &[("code", code)]);
        let codes: BTreeSet<String> = d.column("descendant").into_iter().collect();
        assert_eq!(codes.len(), d.rows.len(), "{code}: one row per descendant");
        assert_eq!(
            codes,
            s.column("successor").into_iter().collect::<BTreeSet<_>>(),
            "{code}"
        );
    }
    let d = run("descendants", &[("code", "S20474")]);
    assert!(d.column("descendant").contains(&"S20877".to_owned()));
}

#[test]
fn search_matches_code_name_and_implementer_ignoring_case() {
    let by_name = run("search", &[("q", "PÖMPELI")]);
    assert!(by_name.column("code").contains(&"S20877".to_owned()));
    let by_code = run("search", &[("q", "s20877")]);
    assert_eq!(by_code.column("code"), ["S20877"]);
    let none = run("search", &[("q", "no project is called this")]);
    assert!(none.rows.is_empty());
    let all = run("search", &[]);
    assert!(all.rows.len() > by_name.rows.len());
}

#[test]
fn summary_counts_each_node_once() {
    let t = run("summary", &[]);
    assert_eq!(t.rows.len(), 1);
    // 5 seeds, 23 cards, 5 decisions; 23 projects with cards and 6 only mentioned; the 11
    // successor edges of data/README.md's lineage list
    assert_eq!(
        (
            t.cell(0, "documents"),
            t.cell(0, "projects"),
            t.cell(0, "lineage_edges")
        ),
        ("33", "29", "11"),
        "\n{}",
        t.render()
    );
    assert!(num(&t, 0, "organisations") >= 30.0, "\n{}", t.render());
}

// ---------------------------------------------------------------------------------------------
// Lineage
// ---------------------------------------------------------------------------------------------

/// (related code → steps) of a successors / predecessors result.
fn steps(t: &Table, column: &str) -> BTreeMap<String, String> {
    (0..t.rows.len())
        .map(|r| (t.cell(r, column).to_owned(), t.cell(r, "steps").to_owned()))
        .collect()
}

fn pairs(items: &[(&str, &str)]) -> BTreeMap<String, String> {
    items
        .iter()
        .map(|(a, b)| ((*a).to_owned(), (*b).to_owned()))
        .collect()
}

#[test]
fn successors_of_s20474_is_s20877() {
    let t = run("successors", &[("code", "S20474")]);
    assert_eq!(
        steps(&t, "successor"),
        pairs(&[("S20877", "1")]),
        "\n{}",
        t.render()
    );
    let r = t.row_where("successor", "S20877");
    assert_eq!(t.cell(r, "code"), "S20474");
    assert_eq!(t.cell(r, "name"), "Petosen Pömpeli");
    assert_eq!(t.cell(r, "hasCard"), "true");
}

#[test]
fn successors_of_s20129_are_its_two_axis_3_projects_without_cards() {
    let t = run("successors", &[("code", "S20129")]);
    assert_eq!(
        steps(&t, "successor"),
        pairs(&[("S21315", "1"), ("S21336", "1")]),
        "\n{}",
        t.render()
    );
    for r in 0..t.rows.len() {
        assert_eq!(
            t.cell(r, "hasCard"),
            "false",
            "S21315 and S21336 are only mentioned\n{}",
            t.render()
        );
        assert_eq!(t.cell(r, "via"), "S20129");
    }
}

#[test]
fn successors_follow_a_chain_of_three_with_steps() {
    let t = run("successors", &[("code", "S29901")]);
    assert_eq!(
        steps(&t, "successor"),
        pairs(&[("S29902", "1"), ("S29903", "2")]),
        "\n{}",
        t.render()
    );
    assert_eq!(t.cell(t.row_where("successor", "S29903"), "via"), "S29902");
    assert_eq!(t.cell(t.row_where("successor", "S29902"), "via"), "S29901");
}

#[test]
fn successors_branch_and_end() {
    let t = run("successors", &[("code", "S29910")]);
    assert_eq!(
        steps(&t, "successor"),
        pairs(&[("S29911", "1"), ("S29912", "1")]),
        "\n{}",
        t.render()
    );
    // S29940's work simply ended; S29911 and S29912 are related, not a chain
    for dead_end in ["S29940", "S29912", "S29945", "S20731"] {
        let t = run("successors", &[("code", dead_end)]);
        assert!(
            t.rows.is_empty(),
            "{dead_end} has no successor\n{}",
            t.render()
        );
    }
}

#[test]
fn predecessors_of_s21315_is_s20129() {
    let t = run("predecessors", &[("code", "S21315")]);
    assert_eq!(
        steps(&t, "predecessor"),
        pairs(&[("S20129", "1")]),
        "\n{}",
        t.render()
    );
    assert_eq!(t.cell(0, "hasCard"), "true");
}

#[test]
fn predecessors_go_back_along_the_chain() {
    let t = run("predecessors", &[("code", "S29903")]);
    assert_eq!(
        steps(&t, "predecessor"),
        pairs(&[("S29902", "1"), ("S29901", "2")]),
        "\n{}",
        t.render()
    );
    let t = run("predecessors", &[("code", "S20877")]);
    assert_eq!(
        steps(&t, "predecessor"),
        pairs(&[("S20474", "1")]),
        "\n{}",
        t.render()
    );
    // a predecessor known only from S29940's card
    let t = run("predecessors", &[("code", "S29940")]);
    assert_eq!(
        steps(&t, "predecessor"),
        pairs(&[("S29951", "1")]),
        "\n{}",
        t.render()
    );
    assert_eq!(t.cell(0, "hasCard"), "false");
    // the parallel project is not a predecessor
    let t = run("predecessors", &[("code", "S29922")]);
    assert_eq!(
        steps(&t, "predecessor"),
        pairs(&[("S29921", "1")]),
        "\n{}",
        t.render()
    );
}

#[test]
fn successors_and_predecessors_are_each_others_inverse() {
    let s = run("successors", &[]);
    let p = run("predecessors", &[]);
    let forward: BTreeSet<(String, String, String)> = (0..s.rows.len())
        .map(|r| {
            (
                s.cell(r, "code").into(),
                s.cell(r, "successor").into(),
                s.cell(r, "steps").into(),
            )
        })
        .collect();
    let backward: BTreeSet<(String, String, String)> = (0..p.rows.len())
        .map(|r| {
            (
                p.cell(r, "predecessor").into(),
                p.cell(r, "code").into(),
                p.cell(r, "steps").into(),
            )
        })
        .collect();
    assert_eq!(forward, backward, "\n{}\n{}", s.render(), p.render());
    // every edge of data/README.md's lineage list, and the one two-step pair
    let want: BTreeSet<(String, String, String)> = [
        ("S20474", "S20877", "1"),
        ("S29901", "S29902", "1"),
        ("S29902", "S29903", "1"),
        ("S29901", "S29903", "2"),
        ("S20129", "S21315", "1"),
        ("S20129", "S21336", "1"),
        ("S29910", "S29911", "1"),
        ("S29910", "S29912", "1"),
        ("S29921", "S29922", "1"),
        ("S29930", "S29931", "1"),
        ("S29943", "S29944", "1"),
        ("S29951", "S29940", "1"),
    ]
    .iter()
    .map(|(a, b, c)| ((*a).to_owned(), (*b).to_owned(), (*c).to_owned()))
    .collect();
    assert_eq!(forward, want, "\n{}", s.render());
}

#[test]
fn families_join_lineage_and_parallel_projects_but_not_mentions() {
    let t = run("families", &[]);
    let mut families: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for r in 0..t.rows.len() {
        families
            .entry(t.cell(r, "family").to_owned())
            .or_default()
            .insert(t.cell(r, "code").to_owned());
    }
    let codes = t.column("code");
    let unique: BTreeSet<&String> = codes.iter().collect();
    assert_eq!(
        unique.len(),
        codes.len(),
        "one row per project\n{}",
        t.render()
    );
    let multi: BTreeMap<String, BTreeSet<String>> =
        families.into_iter().filter(|(_, m)| m.len() > 1).collect();
    let want: BTreeMap<String, BTreeSet<String>> = [
        ("S20129", &["S20129", "S21315", "S21336"][..]),
        ("S20474", &["S20474", "S20877"][..]),
        ("S29901", &["S29901", "S29902", "S29903"][..]),
        ("S29910", &["S29910", "S29911", "S29912"][..]),
        ("S29920", &["S29920", "S29921", "S29922"][..]), // S29920 ∥ S29921 → S29922
        ("S29930", &["S29930", "S29931"][..]),
        ("S29940", &["S29940", "S29951"][..]),
        ("S29943", &["S29943", "S29944"][..]),
    ]
    .into_iter()
    .map(|(f, m)| (f.to_owned(), strs(m)))
    .collect();
    assert_eq!(multi, want, "\n{}", t.render());
    // mentions (S20731 ↔ S20877, S29922 → S20220, S29935 → S20731) join nothing
    for single in ["S20731", "S20220", "S29935", "S20540", "S29945", "S29950"] {
        let r = t.row_where("code", single);
        assert_eq!(t.cell(r, "family"), single, "\n{}", t.render());
        assert_eq!(t.cell(r, "size"), "1");
    }
    let r = t.row_where("code", "S21336");
    assert_eq!(t.cell(r, "size"), "3");
}

#[test]
fn why_s20877_continues_s20474_quotes_the_seed_card() {
    let t = run("why-lineage", &[("from", "S20877"), ("to", "S20474")]);
    let seed = t
        .rows_where(
            "sentence",
            "Hanketta on edeltänyt Petosen osallisuushanke S20474.",
        )
        .into_iter()
        .find(|&r| t.cell(r, "file") == "000_ec0e99b4356f3118.txt")
        .unwrap_or_else(|| panic!("the seed card's sentence is missing\n{}", t.render()));
    assert_eq!(t.cell(seed, "reading"), "predecessor");
    assert_eq!(
        t.cell(seed, "kind"),
        format!("{CONCEPT}relation-kind/predecessor")
    );
    assert_eq!(
        t.cell(seed, "method"),
        format!("{CONCEPT}evidence-method/text-pattern")
    );
    assert_eq!(t.cell(seed, "section"), "background");
    assert_eq!(t.cell(seed, "statedBy"), "S20877");
    assert!(t
        .cell(seed, "document")
        .starts_with("https://w3id.org/hankegraph/document/"));
    // the corpus card says it too, in its own words
    let corpus_card = t.rows_where("file", "S20877_pompeli.txt");
    assert!(
        corpus_card
            .iter()
            .any(|&r| t.cell(r, "reading") == "predecessor"
                && t.cell(r, "sentence").starts_with("Hanke on jatkoa")
                && t.cell(r, "sentence").contains("(S20474)")),
        "S20877_pompeli.txt: 'Hanke on jatkoa … (S20474).'\n{}",
        t.render()
    );
    // and S20474's card states the same edge from the other end, as a successor
    let other_end = t.rows_where("statedBy", "S20474");
    assert!(
        other_end.iter().any(
            |&r| t.cell(r, "file") == "S20474_petosen-osallisuushanke.txt"
                && t.cell(r, "kind") == format!("{CONCEPT}relation-kind/successor")
                && t.cell(r, "reading") == "predecessor"
        ),
        "S20474's card names S20877 as its successor\n{}",
        t.render()
    );
    for r in 0..t.rows.len() {
        assert_eq!(
            (t.cell(r, "from"), t.cell(r, "to")),
            ("S20877", "S20474"),
            "\n{}",
            t.render()
        );
    }
    let unrelated = run("why-lineage", &[("from", "S20877"), ("to", "S29901")]);
    assert!(
        unrelated.rows.is_empty(),
        "no document relates them\n{}",
        unrelated.render()
    );
}

#[test]
fn why_lineage_reads_a_successor_from_the_predecessors_side() {
    let t = run("why-lineage", &[("from", "S20129"), ("to", "S21315")]);
    assert!(
        !t.rows.is_empty(),
        "S20129's cards name S21315 as a successor"
    );
    for r in 0..t.rows.len() {
        assert_eq!(t.cell(r, "reading"), "successor", "\n{}", t.render());
        assert_eq!(t.cell(r, "statedBy"), "S20129");
        assert!(t.cell(r, "sentence").contains("S21315"), "\n{}", t.render());
    }
    let files: BTreeSet<String> = t.column("file").into_iter().collect();
    assert_set(
        &t,
        "both cards of S20129 state it",
        files,
        strs(&["004_51035a159e185195.txt", "S20129_soppi.txt"]),
    );
}

// ---------------------------------------------------------------------------------------------
// Organisations, target groups, similarity
// ---------------------------------------------------------------------------------------------

#[test]
fn shared_organisations_name_their_projects() {
    let t = run("shared-organisations", &[]);
    let by_name = |name: &str| -> BTreeSet<String> {
        let r = t.row_where("name", name);
        set(t.cell(r, "projects"))
    };
    let petonen = by_name("Pitkälahti-Petosen asukasyhdistys ry");
    assert!(
        petonen.is_superset(&strs(&["S20474", "S20877"])),
        "implementer of both Petonen projects: {petonen:?}\n{}",
        t.render()
    );
    assert_eq!(
        by_name("Mikkelin Seudun Kylätuvat ry"),
        strs(&["S29901", "S29902", "S29903"])
    );
    assert_eq!(
        by_name("Jyväskylän Askeltupa ry"),
        strs(&["S29910", "S29911", "S29912"])
    );
    // Tukikohta ry and Tukikohta Diakonia ry are two organisations (data/README.md)
    assert!(by_name("Tukikohta Diakonia ry").is_superset(&strs(&["S20731", "S29930"])));
    assert!(by_name("Tukikohta ry").is_superset(&strs(&["S29930", "S29935"])));
    assert!(
        !by_name("Tukikohta ry").contains("S20731"),
        "\n{}",
        t.render()
    );
    for r in 0..t.rows.len() {
        let projects = set(t.cell(r, "projects"));
        assert!(
            projects.len() > 1,
            "only organisations with more than one project\n{}",
            t.render()
        );
        assert_eq!(
            num(&t, r, "projectCount") as usize,
            projects.len(),
            "\n{}",
            t.render()
        );
        assert!(set(t.cell(r, "names").replace(" | ", "; ").as_str()).contains(t.cell(r, "name")));
    }
    // Puumalan kunta (the organisation "Puumala") implements only S20540, though two cards say so
    assert!(
        t.rows_where("name", "Puumala").is_empty(),
        "\n{}",
        t.render()
    );
    // Vantaan kaupunki implements S29943 and takes over S29944; src/resolve names it by the
    // municipality, and the written form is a surface form of it
    let r = t.row_where("name", "Vantaa");
    assert_eq!(set(t.cell(r, "projects")), strs(&["S29943", "S29944"]));
    assert_eq!(
        set(t.cell(r, "roles")),
        strs(&["S29943 implementer", "S29944 continuer"])
    );
    let names: BTreeSet<String> = t.cell(r, "names").split(" | ").map(str::to_owned).collect();
    assert!(
        names.contains("Vantaan kaupunki"),
        "surface forms: {names:?}"
    );
    let roles = set(t.cell(t.row_where("name", "Mikkelin Seudun Kylätuvat ry"), "roles"));
    assert!(roles.contains("S29902 implementer"), "{roles:?}");
}

#[test]
fn projects_for_young_people_include_narrower_groups() {
    // every card whose target groups contain "nuor" (data/truth.json)
    let want = strs(&[
        "S20129", "S29901", "S29910", "S29911", "S29921", "S29940", "S29946",
    ]);
    for group in [
        "nuoret",
        "Nuoret",
        "https://w3id.org/hankegraph/concept/target-group/nuoret",
    ] {
        let t = run("projects-by-target-group", &[("group", group)]);
        let got: BTreeSet<String> = t.column("code").into_iter().collect();
        assert_set(&t, &format!("projects for {group}"), got, want.clone());
    }
    let t = run("projects-by-target-group", &[("group", "nuoret")]);
    assert!(
        set(t.cell(t.row_where("code", "S29901"), "phrases")).contains("syrjäkylien nuoret"),
        "\n{}",
        t.render()
    );
    // a narrower concept matches only its own projects
    let t = run("projects-by-target-group", &[("group", "nuoret aikuiset")]);
    let got: BTreeSet<String> = t.column("code").into_iter().collect();
    assert_set(
        &t,
        "nuoret aikuiset",
        got,
        strs(&["S29910", "S29911", "S29940", "S29946"]),
    );
    let t = run("projects-by-target-group", &[("group", "no such group")]);
    assert!(t.rows.is_empty(), "\n{}", t.render());
}

#[test]
fn similar_projects_rank_shared_implementers_first() {
    let t = run("similar-projects", &[("code", "S20877")]);
    assert_eq!(
        t.cell(0, "other"),
        "S20474",
        "same implementer, funder and target groups\n{}",
        t.render()
    );
    assert_eq!(t.cell(0, "sharedImplementers"), "1");
    assert_eq!(t.cell(0, "sameFunder"), "1");
    assert!(
        set(t.cell(0, "relation")).contains("predecessor"),
        "\n{}",
        t.render()
    );
    assert!(
        t.rows_where("other", "S20877").is_empty(),
        "a project is not similar to itself"
    );
    let scores: Vec<f64> = (0..t.rows.len()).map(|r| num(&t, r, "score")).collect();
    assert!(
        scores.windows(2).all(|w| w[0] >= w[1]),
        "ranked by score: {scores:?}"
    );
    assert!(scores.iter().all(|s| *s > 0.0));
    // the two projects of Jyväskylän Askeltupa ry that share most with S29911: its predecessor
    // (implementer, funder, "nuoret aikuiset") and its sibling (implementer, funder, maahanmuuttajat)
    let t = run("similar-projects", &[("code", "S29911")]);
    assert_eq!(
        &t.column("other")[..2],
        ["S29910", "S29912"],
        "\n{}",
        t.render()
    );
}

// ---------------------------------------------------------------------------------------------
// Funding and decisions
// ---------------------------------------------------------------------------------------------

const ETELA_SAVO: &str = "Etelä-Savon ELY-keskus";

#[test]
fn funding_by_funder_and_year_counts_a_card_without_a_funder_once_with_no_funder() {
    let store = build(&corpus_inputs());
    // S29901's card (Etelä-Savo, 2015, 88 540 €) loses its funder
    store
        .update(
            "PREFIX hg: <https://w3id.org/hankegraph/ontology#>
             PREFIX p: <https://w3id.org/hankegraph/project/>
             DELETE WHERE { GRAPH ?g { p:S29901 hg:funder ?f } }",
        )
        .expect("update");
    let t = run_on(&store, "funding-by-funder-year", &[]);
    let rows: Vec<usize> = (0..t.rows.len())
        .filter(|&r| set(t.cell(r, "codes")).contains("S29901"))
        .collect();
    // one row, with neither funder nor funder name: not one under every funder
    assert_eq!(rows.len(), 1, "{}", t.render());
    let r = rows[0];
    assert_eq!(
        (
            t.cell(r, "funder"),
            t.cell(r, "funderName"),
            t.cell(r, "year")
        ),
        ("", "", "2015"),
        "{}",
        t.render()
    );
    assert_amount(&t, r, "total", 88_540.0);
    assert!(!t.column("funderName").is_empty());
    let etela_savo: BTreeSet<String> = t
        .rows_where("funderName", ETELA_SAVO)
        .into_iter()
        .map(|r| t.cell(r, "year").to_owned())
        .collect();
    assert!(!etela_savo.contains("2015"), "{}", t.render());
}

#[test]
fn funding_by_funder_and_year_counts_each_project_once() {
    let t = run("funding-by-funder-year", &[]);
    // Etelä-Savon ELY-keskus funds S20474, S20877, S20731, S20540 and S29901–S29903
    let want: BTreeMap<&str, (f64, &[&str])> = [
        ("2015", (88_540.0, &["S29901"][..])),
        (
            "2016",
            (
                58_210.0 + 47_126.0 + 67_704.0 + 142_300.0,
                &["S20474", "S20731", "S20540", "S29902"][..],
            ),
        ),
        ("2017", (61_386.0, &["S20877"][..])), // two cards, one project
        ("2018", (196_875.0, &["S29903"][..])),
    ]
    .into_iter()
    .collect();
    let rows = t.rows_where("funderName", ETELA_SAVO);
    let years: BTreeSet<String> = rows.iter().map(|&r| t.cell(r, "year").to_owned()).collect();
    assert_set(
        &t,
        "years of Etelä-Savo",
        years,
        want.keys().map(|y| (*y).to_owned()).collect(),
    );
    for r in rows {
        let (total, codes) = want[t.cell(r, "year")];
        assert_amount(&t, r, "total", total);
        assert_set(&t, "projects", set(t.cell(r, "codes")), strs(codes));
        assert_eq!(num(&t, r, "projects") as usize, codes.len());
    }
    // the grand total is the sum of the 22 amounts in data/truth.json (S29935 gives none)
    let grand: f64 = (0..t.rows.len()).map(|r| num(&t, r, "total")).sum();
    let truth = 58_210.0
        + 61_386.0
        + 47_126.0
        + 67_704.0
        + 501_920.0
        + 88_540.0
        + 142_300.0
        + 196_875.0
        + 231_048.0
        + 164_220.0
        + 98_765.0
        + 120_000.0
        + 74_410.0
        + 133_090.0
        + 412_600.0
        + 123_456.78
        + 38_450.0
        + 56_002.0
        + 203_118.0
        + 44_900.0
        + 89_990.0
        + 77_250.0;
    assert!(
        (grand - truth).abs() < 0.005,
        "grand total {grand}, want {truth}\n{}",
        t.render()
    );
    let r = t.row_where("funderName", "Pohjois-Savon ELY-keskus");
    assert_eq!(
        (t.cell(r, "projects"), t.cell(r, "withAmount")),
        ("1", "0"),
        "S29935 has no amount"
    );
    let r = t.row_where("funderName", "Sosiaali- ja terveysministeriö");
    assert_eq!(t.cell(r, "codes"), "S29930");
}

#[test]
fn lineage_chain_funding_sums_each_family_once() {
    let t = run("lineage-chain-funding", &[]);
    let families: BTreeSet<String> = t.column("family").into_iter().collect();
    assert_set(
        &t,
        "families of two or more",
        families,
        strs(&[
            "S20129", "S20474", "S29901", "S29910", "S29920", "S29930", "S29940", "S29943",
        ]),
    );
    // S20474 → S20877, plus Kuopio's approved 12 923 € (recorded in two documents, counted once)
    let r = t.row_where("family", "S20474");
    assert_amount(&t, r, "realisedPublic", 58_210.0 + 61_386.0);
    assert_amount(&t, r, "municipalShares", 12_923.0);
    assert_amount(&t, r, "total", 58_210.0 + 61_386.0 + 12_923.0);
    assert_eq!(t.cell(r, "members"), "2");
    // Mikkeli's share for S29902 is only a proposal, Oulu's for S29920 was tabled: not counted
    let r = t.row_where("family", "S29901");
    assert_amount(&t, r, "total", 88_540.0 + 142_300.0 + 196_875.0);
    assert_amount(&t, r, "municipalShares", 0.0);
    let r = t.row_where("family", "S29920");
    assert_amount(&t, r, "total", 120_000.0 + 74_410.0 + 133_090.0);
    let r = t.row_where("family", "S29930");
    assert_amount(&t, r, "total", 412_600.0 + 123_456.78);
    // S21315 and S21336 have no cards: the family's total is S20129's own
    let r = t.row_where("family", "S20129");
    assert_eq!((t.cell(r, "members"), t.cell(r, "withCard")), ("3", "1"));
    assert_amount(&t, r, "total", 501_920.0);
}

#[test]
fn decisions_set_the_kuopio_share_against_s20877s_funding() {
    let t = run("decisions", &[]);
    let kuopio: Vec<usize> = t
        .rows_where("code", "S20877")
        .into_iter()
        .filter(|&r| t.cell(r, "municipality") == "Kuopio")
        .collect();
    let files: BTreeSet<String> = kuopio
        .iter()
        .map(|&r| t.cell(r, "file").to_owned())
        .collect();
    assert_set(
        &t,
        "the Kuopio decision on S20877, in both documents",
        files,
        strs(&[
            "003_3a5ae05dc8ad025e.txt",
            "kuopio_2017_petosen-pompeli.txt",
        ]),
    );
    for r in kuopio {
        assert_amount(&t, r, "amount", 12_923.0);
        assert_amount(&t, r, "realisedPublic", 61_386.0);
        assert_amount(&t, r, "sharePercent", 21.05);
        assert_eq!(t.cell(r, "outcome"), "approved");
        assert_eq!(t.cell(r, "decided"), "true");
        assert_eq!(
            t.cell(r, "counted"),
            "true",
            "an approved share is the project's funding"
        );
        assert_eq!(t.cell(r, "body"), "hyvinvoinnin edistämisen lautakunta");
        assert_eq!(t.cell(r, "periodStart"), "2017-01-02");
        assert_eq!(t.cell(r, "periodEnd"), "2017-12-31");
        assert_eq!(t.cell(r, "projectName"), "Petosen Pömpeli");
    }
    // not approved: the amount stays on the decision
    for (file, code, outcome, amount) in [
        (
            "kuopio_2017_tukikohta_poydalle.txt",
            "S29935",
            "tabled",
            6_450.0,
        ),
        (
            "mikkeli_2016_kylapolku-2_ehdotus.txt",
            "S29902",
            "proposal",
            14_230.0,
        ),
        (
            "oulu_2016_olohuone-kaakkuri_poydalle.txt",
            "S29920",
            "tabled",
            12_000.0,
        ),
    ] {
        let r = t.row_where("file", file);
        assert_eq!(
            (t.cell(r, "code"), t.cell(r, "outcome")),
            (code, outcome),
            "\n{}",
            t.render()
        );
        assert_eq!(
            (t.cell(r, "decided"), t.cell(r, "counted")),
            ("false", "false"),
            "\n{}",
            t.render()
        );
        assert_amount(&t, r, "amount", amount);
    }
    let r = t.row_where("file", "mikkeli_2016_kylapolku-2_ehdotus.txt");
    assert_amount(&t, r, "sharePercent", 10.0); // 14 230 of 142 300
                                                // approved, but no card to tie it to
    let r = t.row_where("file", "jyvaskyla_2018_askelpaja-kuokkala.txt");
    assert_eq!(
        (t.cell(r, "code"), t.cell(r, "counted")),
        ("", "false"),
        "\n{}",
        t.render()
    );
    assert_eq!(t.cell(r, "municipality"), "Jyväskylä");
    assert_eq!(
        t.rows.len(),
        6,
        "five decisions, one of them twice\n{}",
        t.render()
    );
}

// ---------------------------------------------------------------------------------------------
// Outcomes
// ---------------------------------------------------------------------------------------------

#[test]
fn outcomes_find_the_dead_ends() {
    let t = run("outcomes", &[]);
    assert_eq!(
        t.rows.len(),
        23,
        "one row per project with a card\n{}",
        t.render()
    );
    let dead: BTreeSet<String> = (0..t.rows.len())
        .filter(|&r| t.cell(r, "deadEnd") == "true")
        .map(|r| t.cell(r, "code").to_owned())
        .collect();
    // data/README.md: S29940, S29912 and S29945 simply ended; S20731's model only drew interest
    assert_set(
        &t,
        "dead ends",
        dead,
        strs(&["S20731", "S29912", "S29940", "S29945"]),
    );
    let r = t.row_where("code", "S20474");
    assert_eq!(
        (t.cell(r, "outcome"), t.cell(r, "successors")),
        ("continued-by-project", "S20877")
    );
    let r = t.row_where("code", "S20877");
    assert_eq!(t.cell(r, "outcome"), "taken-over-by-organisation");
    assert!(
        set(t.cell(r, "organisations")).contains("Kallaveden seurakunta"),
        "\n{}",
        t.render()
    );
    // src/resolve names a municipality's own organisation by the municipality: "Pertunmaan kunta"
    // is the organisation "Pertunmaa" (the written form is its skos:altLabel)
    let r = t.row_where("code", "S29903");
    assert_eq!(t.cell(r, "organisations"), "Pertunmaa");
    let r = t.row_where("code", "S20129");
    assert_eq!(set(t.cell(r, "successors")), strs(&["S21315", "S21336"]));
    // a parallel project is not a continuation
    let r = t.row_where("code", "S29920");
    assert_eq!(t.cell(r, "continued"), "false");
}

#[test]
fn survival_by_target_group_counts_dead_ends_per_group() {
    let t = run("survival-by-target-group", &[]);
    let r = t.row_where("label", "nuoret");
    assert_eq!(t.cell(r, "projects"), "7", "\n{}", t.render());
    assert_eq!((t.cell(r, "ended"), t.cell(r, "survived")), ("1", "6"));
    assert_eq!(t.cell(r, "endedProjects"), "S29940");
    assert_amount(&t, r, "survivalPercent", 85.7);
    for r in 0..t.rows.len() {
        let ended = set(t.cell(r, "endedProjects")).len();
        assert_eq!(num(&t, r, "ended") as usize, ended, "\n{}", t.render());
    }
}

// ---------------------------------------------------------------------------------------------
// Data quality
// ---------------------------------------------------------------------------------------------

#[test]
fn data_quality_lists_projects_known_only_by_mention() {
    let t = run("data-quality", &[]);
    let mention_only: BTreeSet<String> = t
        .rows_where("problem", "mention-only")
        .into_iter()
        .map(|r| t.cell(r, "subject").to_owned())
        .collect();
    // data/README.md: only mentioned
    assert_set(
        &t,
        "projects without a card",
        mention_only,
        strs(&["S20220", "S21315", "S21336", "S29950", "S29951", "S29952"]),
    );
    let by: BTreeSet<String> = t
        .rows_where("subject", "S29951")
        .into_iter()
        .map(|r| format!("{} {}", t.cell(r, "value"), t.cell(r, "file")))
        .collect();
    assert_set(
        &t,
        "who mentions S29951",
        by,
        strs(&["S29940 S29940_taidetta-arkeen.txt"]),
    );
}

#[test]
fn data_quality_reports_missing_fields_warnings_and_unmatched_decisions() {
    let t = run("data-quality", &[]);
    let missing: BTreeSet<String> = t
        .rows_where("problem", "missing-field")
        .into_iter()
        .map(|r| format!("{} {}", t.cell(r, "subject"), t.cell(r, "field")))
        .collect();
    assert!(
        missing.contains("S29935 funding"),
        "S29935's card gives no amount\n{}",
        t.render()
    );
    assert!(
        !missing.iter().any(|m| m.starts_with("S20877 ")),
        "both S20877 cards are complete\n{}",
        t.render()
    );
    let warned = t
        .rows_where("problem", "parser-warning")
        .into_iter()
        .any(|r| {
            t.cell(r, "field") == "windows-1252"
                && t.cell(r, "file") == "S20731_mennaan-yhdessa.txt"
        });
    assert!(warned, "S20731's card is Windows-1252\n{}", t.render());
    let unmatched: Vec<usize> = t.rows_where("problem", "unmatched-decision");
    let files: BTreeSet<String> = unmatched
        .iter()
        .map(|&r| t.cell(r, "file").to_owned())
        .collect();
    assert_set(
        &t,
        "decisions without a card",
        files,
        strs(&["jyvaskyla_2018_askelpaja-kuokkala.txt"]),
    );
    assert_eq!(t.cell(unmatched[0], "value"), "Askelpaja Kuokkala");
    assert!(
        t.rows_where("problem", "lineage-cycle").is_empty(),
        "\n{}",
        t.render()
    );
    assert!(
        t.rows_where("problem", "conflict").is_empty(),
        "\n{}",
        t.render()
    );
}

#[test]
fn conflicts_none_where_card_versions_agree() {
    // The seed card of S20877 and data/cards/S20877_pompeli.txt both give 2.1.–31.12.2017 and
    // 61 386 €; the seed and corpus cards of S20731, S20540 and S20129 agree as well.
    let t = run("conflicts", &[]);
    assert!(t.rows.is_empty(), "\n{}", t.render());
}

#[test]
fn conflicts_show_every_value_of_a_disagreement_with_its_document() {
    let store = corpus_with_altered_versions();
    let t = run_on(&store, "conflicts", &[]);
    let values = |field: &str| -> BTreeSet<String> {
        t.rows_where("field", field)
            .into_iter()
            .filter(|&r| t.cell(r, "code") == "S20877")
            .map(|r| format!("{} {}", t.cell(r, "value"), t.cell(r, "file")))
            .collect()
    };
    assert_set(
        &t,
        "S20877 end dates",
        values("end"),
        strs(&[
            "2017-12-31 000_ec0e99b4356f3118.txt",
            "2017-12-31 S20877_pompeli.txt",
            "2017-11-30 S20877_pompeli_v2.txt",
        ]),
    );
    assert_set(
        &t,
        "S20877 amounts",
        values("funding"),
        strs(&[
            "61386 000_ec0e99b4356f3118.txt",
            "61386 S20877_pompeli.txt",
            "61836 S20877_pompeli_v2.txt",
        ]),
    );
    assert_set(
        &t,
        "Kuopio's share for S20877",
        values("municipal-share"),
        strs(&[
            "12923 003_3a5ae05dc8ad025e.txt",
            "12923 kuopio_2017_petosen-pompeli.txt",
            "12932 kuopio_2017_petosen-pompeli_v2.txt",
        ]),
    );
    assert!(
        values("start").is_empty(),
        "all versions start on 2017-01-02\n{}",
        t.render()
    );
    assert!(values("name").is_empty(), "\n{}", t.render());
    let fields: BTreeSet<String> = t.column("field").into_iter().collect();
    assert_set(
        &t,
        "fields in conflict",
        fields,
        strs(&["end", "funding", "municipal-share"]),
    );

    let q = run_on(&store, "data-quality", &[]);
    let conflicts: BTreeSet<String> = q
        .rows_where("problem", "conflict")
        .into_iter()
        .map(|r| {
            format!(
                "{} {} {}",
                q.cell(r, "subject"),
                q.cell(r, "field"),
                q.cell(r, "value")
            )
        })
        .collect();
    assert!(
        conflicts.contains("S20877 end 2017-11-30"),
        "\n{}",
        q.render()
    );
    assert!(
        conflicts.contains("S20877 funding 61836"),
        "\n{}",
        q.render()
    );
}

// ---------------------------------------------------------------------------------------------
// The CSV export's query
// ---------------------------------------------------------------------------------------------

#[test]
fn projects_has_one_row_per_project_with_its_card_facts() {
    let t = run("projects", &[]);
    let codes = t.column("code");
    let unique: BTreeSet<&String> = codes.iter().collect();
    assert_eq!(
        unique.len(),
        codes.len(),
        "one row per project\n{}",
        t.render()
    );
    assert_eq!(
        codes.len(),
        23 + 6,
        "23 cards and 6 projects known only by mention\n{}",
        t.render()
    );
    assert_eq!(
        t.variables[..11],
        [
            "code",
            "name",
            "start",
            "end",
            "funder",
            "funding",
            "implementers",
            "targetGroups",
            "predecessors",
            "successors",
            "documents"
        ],
        "the CSV columns"
    );

    let r = t.row_where("code", "S20877");
    assert_eq!(t.cell(r, "name"), "Petosen Pömpeli");
    assert_eq!(
        (t.cell(r, "start"), t.cell(r, "end")),
        ("2017-01-02", "2017-12-31")
    );
    assert_eq!(t.cell(r, "funder"), ETELA_SAVO);
    assert_amount(&t, r, "funding", 61_386.0); // two cards, not summed
    assert_eq!(
        t.cell(r, "implementers"),
        "Pitkälahti-Petosen asukasyhdistys ry"
    );
    assert_eq!(t.cell(r, "predecessors"), "S20474");
    assert_eq!(t.cell(r, "successors"), "");
    let docs = set(t.cell(r, "documents"));
    for f in [
        "000_ec0e99b4356f3118.txt",
        "S20877_pompeli.txt",
        "S20474_petosen-osallisuushanke.txt",
    ] {
        assert!(docs.contains(f), "{f} is about S20877: {docs:?}");
    }
    // The two cards tie on compilation month (2019-09) and ingest time, so the one with the
    // greater SHA-256 gives the card facts: data/cards/S20877_pompeli.txt (8ac383…) over the
    // seed (64958d…). Their target groups differ; the row must not mix them.
    assert_eq!(
        set(t.cell(r, "targetGroups")),
        strs(&[
            "Heikossa asemassa olevat työikäiset Petosen asukkaat",
            "palveluiden ulkopuolelle jääneet",
            "pitkäaikaissairaat"
        ]),
        "\n{}",
        t.render()
    );
    assert_amount(&t, r, "municipalShare", 12_923.0);

    let r = t.row_where("code", "S29902");
    // "Mikkelin kaupunki" is the municipality Mikkeli (src/resolve)
    assert_eq!(
        set(t.cell(r, "implementers")),
        strs(&["Mikkelin Seudun Kylätuvat ry", "Mikkeli"])
    );
    assert_eq!(
        (t.cell(r, "predecessors"), t.cell(r, "successors")),
        ("S29901", "S29903")
    );
    assert_eq!(
        t.cell(r, "municipalShare"),
        "",
        "Mikkeli's share is only proposed"
    );
    let r = t.row_where("code", "S29931");
    assert_amount(&t, r, "funding", 123_456.78);
    let r = t.row_where("code", "S29935");
    assert_eq!(t.cell(r, "funding"), "", "no amount on the card");
    let r = t.row_where("code", "S21315");
    assert_eq!(
        (t.cell(r, "name"), t.cell(r, "predecessors")),
        ("", "S20129")
    );
    assert_eq!(t.cell(r, "outcome"), "");
}
