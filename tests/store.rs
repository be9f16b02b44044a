//! The store's promises: re-ingesting the same bytes changes nothing, a new version of a file
//! replaces its graph, and every fact sits in the graph of the document it came from.

#![allow(clippy::expect_used, clippy::unwrap_used)]

mod common;

use hankegraph::parse::{parse_inputs, Input};
use hankegraph::rdf::Provenance;
use hankegraph::store::{GraphStore, IngestOutcome};

fn input(file: &str, bytes: Vec<u8>) -> Input {
    Input {
        file: file.into(),
        bytes,
    }
}

#[test]
fn same_bytes_twice_change_nothing() {
    let store = GraphStore::in_memory().expect("store");
    let (name, bytes) = common::seed("000");
    let docs = parse_inputs(&[input(&name, bytes)]);
    let first = store.ingest(&docs[0], &Provenance::now()).expect("ingest");
    assert!(matches!(first, IngestOutcome::Added { .. }), "{first:?}");
    let before = store.len().expect("len");
    let again = store.ingest(&docs[0], &Provenance::now()).expect("ingest");
    assert_eq!(again, IngestOutcome::Unchanged);
    assert_eq!(
        store.len().expect("len"),
        before,
        "no triple added or removed"
    );
}

#[test]
fn a_new_version_replaces_the_old_graph() {
    let store = GraphStore::in_memory().expect("store");
    let (name, bytes) = common::seed("000");
    let v1 = parse_inputs(&[input(&name, bytes.clone())]);
    store.ingest(&v1[0], &Provenance::now()).expect("ingest v1");
    let after_v1 = store.len().expect("len");
    // the same file, re-issued with another amount
    let text = String::from_utf8(bytes)
        .expect("utf-8")
        .replace("61 386", "61 836");
    let v2 = parse_inputs(&[input(&name, text.into_bytes())]);
    let outcome = store.ingest(&v2[0], &Provenance::now()).expect("ingest v2");
    assert!(
        matches!(outcome, IngestOutcome::Replaced { removed: 1, .. }),
        "{outcome:?}"
    );
    assert_eq!(
        store.document_graphs().expect("graphs").len(),
        1,
        "one graph per file"
    );
    assert_eq!(
        store.len().expect("len"),
        after_v1,
        "same facts but one, replaced"
    );
    let ask = "ASK { ?f <http://schema.org/value> ?v FILTER(?v = 61836) }";
    assert_eq!(
        store.query(ask, &[]).expect("query"),
        hankegraph::store::Answer::Boolean(true)
    );
}

#[test]
fn two_documents_about_one_project_keep_their_own_graphs() {
    let store = GraphStore::in_memory().expect("store");
    let (name, bytes) = common::seed("000");
    let card = common::root().join("data/cards/S20877_pompeli.txt");
    let docs = parse_inputs(&[
        input(&name, bytes),
        input(
            &card.display().to_string(),
            std::fs::read(&card).expect("card"),
        ),
    ]);
    for d in &docs {
        store.ingest(d, &Provenance::now()).expect("ingest");
    }
    let graphs = store.document_graphs().expect("graphs");
    assert_eq!(graphs.len(), 2);
    let q = "SELECT (COUNT(DISTINCT ?g) AS ?n) WHERE { GRAPH ?g { <https://w3id.org/hankegraph/project/S20877> ?p ?o } }";
    let hankegraph::store::Answer::Table { rows, .. } = store.query(q, &[]).expect("query") else {
        panic!("a table")
    };
    assert_eq!(hankegraph::store::cell(rows[0][0].as_ref()), "2");
}

#[test]
fn bulk_ingest_writes_what_one_by_one_ingest_writes() {
    let (inputs, errors) =
        hankegraph::parse::read_paths(&[common::root().join("data/cards"), common::seeds_dir()]);
    assert!(errors.is_empty());
    let docs = parse_inputs(&inputs);
    let one_by_one = GraphStore::in_memory().expect("store");
    let prov = Provenance::now();
    for d in &docs {
        one_by_one.ingest(d, &prov).expect("ingest");
    }
    let bulk = GraphStore::in_memory().expect("store");
    let outcomes = bulk.ingest_bulk(&docs, &prov, |_| {}).expect("bulk");
    assert!(outcomes
        .iter()
        .all(|o| matches!(o, IngestOutcome::Added { .. })));
    assert_eq!(bulk.len().expect("len"), one_by_one.len().expect("len"));
    // and again: nothing changes
    let again = bulk.ingest_bulk(&docs, &prov, |_| {}).expect("bulk");
    assert!(again.iter().all(|o| *o == IngestOutcome::Unchanged));
    assert_eq!(bulk.len().expect("len"), one_by_one.len().expect("len"));
}

/// Regression: the bulk path removed an old graph whole even when another file still had those
/// bytes; both paths must only move the file name then.
#[test]
fn a_new_version_keeps_the_old_bytes_of_another_file() {
    let (_, bytes) = common::seed("000");
    let v2 = String::from_utf8(bytes.clone())
        .expect("utf-8")
        .replace("61 386", "61 836")
        .into_bytes();
    for bulk in [false, true] {
        let store = GraphStore::in_memory().expect("store");
        let prov = Provenance::now();
        let first = parse_inputs(&[
            input("a/card.txt", bytes.clone()),
            input("b/copy.txt", bytes.clone()),
        ]);
        for d in &first {
            store.ingest(d, &prov).expect("ingest");
        }
        assert_eq!(
            store.document_graphs().expect("graphs").len(),
            1,
            "same bytes, one graph"
        );
        let newer = parse_inputs(&[input("a/card.txt", v2.clone())]);
        let outcome = if bulk {
            store
                .ingest_bulk(&newer, &prov, |_| {})
                .expect("bulk")
                .remove(0)
        } else {
            store.ingest(&newer[0], &prov).expect("ingest")
        };
        assert!(
            matches!(outcome, IngestOutcome::Replaced { removed: 0, .. }),
            "bulk={bulk}: {outcome:?}"
        );
        assert_eq!(
            store.document_graphs().expect("graphs").len(),
            2,
            "bulk={bulk}: copy.txt keeps its graph"
        );
    }
}

/// A streamed bulk ingest whose documents fail to come (a file that changed between the
/// passes) loads nothing, and one cut short loads nothing either.
#[test]
fn a_bulk_load_whose_run_fails_loads_nothing() {
    let (inputs, errors) = hankegraph::parse::read_paths(&[common::root().join("data/cards")]);
    assert!(errors.is_empty() && inputs.len() > 3);
    let docs = parse_inputs(&inputs);
    let dir = std::env::temp_dir().join(format!("hankegraph-bulk-fails-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let store = GraphStore::open(&dir).expect("store");
    let before = store.len().expect("len");
    let prov = Provenance::now();
    let keys = || docs.iter().map(|d| (d.sha256.as_str(), d.file.as_str()));
    let plan = store.plan_bulk(keys()).expect("plan");
    assert_eq!(plan.new_documents().len(), docs.len());
    let failing = docs.iter().enumerate().map(|(i, d)| {
        if i == 2 {
            Err(hankegraph::parse::Error::Changed {
                path: d.file.clone().into(),
            })
        } else {
            Ok(d)
        }
    });
    let err = store
        .load_bulk(plan, failing, &prov, 10, |_| {})
        .expect_err("the run failed");
    assert!(err.to_string().contains("changed while"), "{err}");
    assert_eq!(store.len().expect("len"), before, "nothing loaded");
    let plan = store.plan_bulk(keys()).expect("plan");
    let short = docs.iter().take(2).map(Ok::<_, hankegraph::parse::Error>);
    let err = store
        .load_bulk(plan, short, &prov, 10, |_| {})
        .expect_err("two documents of more");
    assert!(err.to_string().contains("none of them was loaded"), "{err}");
    assert_eq!(store.len().expect("len"), before, "nothing loaded");
    // the whole run loads
    let plan = store.plan_bulk(keys()).expect("plan");
    let outcomes = store
        .load_bulk(plan, docs.iter().map(Ok), &prov, 10, |_| {})
        .expect("the run");
    assert!(outcomes
        .iter()
        .all(|o| matches!(o, IngestOutcome::Added { .. })));
    assert!(store.len().expect("len") > before);
    drop(store);
    let _ = std::fs::remove_dir_all(dir);
}
