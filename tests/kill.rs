//! Crash safety: an ingest killed with SIGKILL at any point leaves a store that opens, passes
//! validation, and that a re-run completes to the same quad count as an uninterrupted ingest.

#![allow(clippy::expect_used, clippy::unwrap_used)]

mod common;

use hankegraph::store::GraphStore;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

fn hankegraph() -> Command {
    Command::new(env!("CARGO_BIN_EXE_hankegraph"))
}

/// A corpus of distinct documents: the sample cards, each copied with a different trailing line.
fn corpus(dir: &Path, copies: usize) {
    std::fs::create_dir_all(dir).expect("dir");
    let cards = common::root().join("data/cards");
    let mut names: Vec<PathBuf> = std::fs::read_dir(&cards)
        .expect("cards")
        .map(|e| e.expect("entry").path())
        .collect();
    names.sort();
    for i in 0..copies {
        for n in &names {
            let mut bytes = std::fs::read(n).expect("card");
            bytes.extend_from_slice(format!("\nhttps://example.org/copy/{i}\n").as_bytes());
            let file = format!("{i:03}_{}", n.file_name().expect("name").to_string_lossy());
            std::fs::write(dir.join(file), bytes).expect("write");
        }
    }
}

fn ingest_with(store: &Path, input: &Path, bulk_from: &str) -> std::process::Child {
    hankegraph()
        .args(["ingest", "--bulk-from", bulk_from, "--store"])
        .arg(store)
        .arg(input)
        .stdout(std::process::Stdio::null())
        .spawn()
        .expect("spawn")
}

#[test]
fn killed_ingest_leaves_a_consistent_store() {
    // one transaction per document
    killed_ingest("per-document", "1000000");
}

#[test]
fn killed_bulk_ingest_leaves_a_consistent_store() {
    // the bulk loader: atomic, so a kill leaves the store as it was
    killed_ingest("bulk", "1");
}

fn killed_ingest(mode: &str, bulk_from: &str) {
    let ingest = |store: &Path, input: &Path| ingest_with(store, input, bulk_from);
    let base = std::env::temp_dir().join(format!("hankegraph-kill-{mode}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&base);
    let input = base.join("corpus");
    corpus(&input, 8);

    // the reference: one uninterrupted ingest
    let reference = base.join("reference");
    assert!(ingest(&reference, &input).wait().expect("wait").success());
    let want = GraphStore::open(&reference)
        .expect("open")
        .len()
        .expect("len");

    let store = base.join("killed");
    for delay_ms in [150u64, 400, 900, 1500] {
        let mut child = ingest(&store, &input);
        std::thread::sleep(Duration::from_millis(delay_ms));
        let _ = child.kill(); // SIGKILL
        let _ = child.wait();
        let opened = GraphStore::open(&store).expect("a killed ingest leaves a store that opens");
        let report = hankegraph::validate::validate(opened.inner(), hankegraph::validate::SHAPES)
            .expect("validates");
        assert!(
            !report.has_violations(),
            "after a kill at {delay_ms} ms:\n{report}"
        );
    }
    assert!(ingest(&store, &input).wait().expect("wait").success());
    let got = GraphStore::open(&store).expect("open").len().expect("len");
    assert_eq!(got, want, "re-running the ingest completes the store");
    let _ = std::fs::remove_dir_all(&base);
}
