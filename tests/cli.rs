//! The `hankegraph` binary as a user meets it: output contract, exit codes, bad input.
#![allow(clippy::expect_used, clippy::unwrap_used)]

mod common;

use std::process::Command;

fn hankegraph() -> Command {
    Command::new(env!("CARGO_BIN_EXE_hankegraph"))
}

fn tmpdir(name: &str) -> std::path::PathBuf {
    let d = std::env::temp_dir().join(format!("hankegraph-cli-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).expect("tmp dir");
    d
}

#[test]
fn parse_json_contract_on_the_seeds() {
    let out = hankegraph()
        .args(["parse", "--format", "json"])
        .arg(common::seeds_dir())
        .output()
        .expect("runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let docs: Vec<serde_json::Value> = serde_json::from_slice(&out.stdout).expect("a JSON array");
    assert_eq!(docs.len(), 5);
    let kinds: Vec<&str> = docs
        .iter()
        .map(|d| d["kind"].as_str().unwrap_or(""))
        .collect();
    assert_eq!(kinds, ["card", "card", "card", "decision", "card"]);
    for d in &docs {
        for k in ["file", "kind", "warnings"] {
            assert!(d.get(k).is_some(), "{k} missing in {d}");
        }
    }
    for k in common::CARD_KEYS.iter().chain(&["compiled", "sections"]) {
        assert!(docs[0].get(k).is_some(), "card key {k} missing");
    }
    for k in [
        "background",
        "goals",
        "methods",
        "outputs",
        "practices",
        "results",
        "dissemination",
        "remarks",
    ] {
        assert!(docs[0]["sections"].get(k).is_some(), "section {k} missing");
    }
    for k in [
        "municipality",
        "decision_body",
        "applicant",
        "project_name",
        "amount_eur",
        "period",
        "decided",
        "matches_code",
    ] {
        assert!(docs[3].get(k).is_some(), "decision key {k} missing");
    }
    // files of a directory come sorted, with the path as given
    assert!(docs[0]["file"]
        .as_str()
        .unwrap_or("")
        .ends_with("000_ec0e99b4356f3118.txt"));
}

#[test]
fn bad_inputs_are_reported_and_the_run_goes_on() {
    let d = tmpdir("bad");
    std::fs::write(d.join("a_empty.txt"), b"").expect("write");
    std::fs::write(
        d.join("b_binary.bin"),
        [0x7f, b'E', b'L', b'F', 0, 0, 0, 1, 2, 3],
    )
    .expect("write");
    std::fs::write(
        d.join("c_other.txt"),
        "Kauppalista: maitoa, leipää ja kahvia.\n",
    )
    .expect("write");
    let (name, bytes) = common::seed("000");
    let _ = name;
    std::fs::write(d.join("d_card.txt"), bytes).expect("write");
    let missing = d.join("no-such-file.txt");
    let out = hankegraph()
        .args(["parse"])
        .arg(&d)
        .arg(&missing)
        .output()
        .expect("runs");
    assert_eq!(
        out.status.code(),
        Some(1),
        "an unreadable path makes the exit code 1"
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("no-such-file.txt"),
        "stderr names the file: {stderr}"
    );
    let docs: Vec<serde_json::Value> = serde_json::from_slice(&out.stdout).expect("JSON");
    let kinds: Vec<(&str, &str)> = docs
        .iter()
        .map(|d| {
            (
                d["kind"].as_str().unwrap_or(""),
                d["warnings"][0]["code"].as_str().unwrap_or(""),
            )
        })
        .collect();
    assert_eq!(
        kinds[..3],
        [
            ("unknown", "empty"),
            ("unknown", "binary"),
            ("unknown", "unknown-kind")
        ]
    );
    assert_eq!(kinds[3].0, "card");
}

#[test]
fn readable_inputs_exit_zero_and_text_format_works() {
    let out = hankegraph()
        .args(["parse", "--format", "text"])
        .arg(common::seeds_dir())
        .output()
        .expect("runs");
    assert!(out.status.success());
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("code:          S20877"), "{text}");
    assert!(text.contains("matches:       S20877"), "{text}");
}

#[test]
fn help_explains() {
    let out = hankegraph()
        .args(["parse", "--help"])
        .output()
        .expect("runs");
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success());
    assert!(
        text.contains("--format") && text.contains("directory"),
        "{text}"
    );
    let out = hankegraph().output().expect("runs");
    assert!(!out.status.success(), "no subcommand is a usage error");
}

#[test]
fn ingest_query_export_validate_on_a_store() {
    let d = tmpdir("graph");
    let store = d.join("store");
    let run = |args: &[&str]| {
        let out = hankegraph()
            .args(args)
            .arg("--store")
            .arg(&store)
            .output()
            .expect("runs");
        assert!(
            out.status.success(),
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        out.stdout
    };
    let mut ingest = hankegraph();
    ingest
        .arg("ingest")
        .arg("--store")
        .arg(&store)
        .arg(common::seeds_dir());
    let out = ingest.output().expect("runs");
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("5 read, 5 added"), "{text}");
    let again = hankegraph()
        .arg("ingest")
        .arg("--store")
        .arg(&store)
        .arg(common::seeds_dir())
        .output()
        .expect("runs");
    assert!(String::from_utf8_lossy(&again.stdout)
        .contains("0 added, 0 replaced, 5 unchanged; 0 quads written"));

    let json: serde_json::Value = serde_json::from_slice(&run(&[
        "query",
        "successors",
        "--param",
        "code=S20129",
        "--format",
        "json",
    ]))
    .expect("SPARQL JSON");
    let successors: Vec<&str> = json["results"]["bindings"]
        .as_array()
        .expect("bindings")
        .iter()
        .filter_map(|b| b["successor"]["value"].as_str())
        .collect();
    assert_eq!(successors, ["S21315", "S21336"]);

    let mut dataset_counts = Vec::new();
    for (format, rdf) in [
        ("turtle", Some(oxigraph::io::RdfFormat::Turtle)),
        ("ntriples", Some(oxigraph::io::RdfFormat::NTriples)),
        ("nquads", Some(oxigraph::io::RdfFormat::NQuads)),
        ("trig", Some(oxigraph::io::RdfFormat::TriG)),
        (
            "jsonld",
            Some(oxigraph::io::RdfFormat::JsonLd {
                profile: oxigraph::io::JsonLdProfileSet::empty(),
            }),
        ),
        ("csv", None),
    ] {
        let bytes = run(&["export", "--format", format]);
        match rdf {
            Some(f) => {
                let quads: Vec<_> = oxigraph::io::RdfParser::from_format(f)
                    .for_slice(&bytes)
                    .collect::<Result<_, _>>()
                    .unwrap_or_else(|e| panic!("{format} does not parse: {e}"));
                assert!(quads.len() > 500, "{format}: {} quads", quads.len());
                if f.supports_datasets() {
                    let graphs: std::collections::BTreeSet<String> =
                        quads.iter().map(|q| q.graph_name.to_string()).collect();
                    dataset_counts.push((format, quads.len(), graphs.len()));
                }
            }
            None => {
                let text = String::from_utf8(bytes).expect("utf-8");
                assert!(text.starts_with("code,name,start,end"), "{text}");
                assert!(
                    text.lines()
                        .any(|l| l.starts_with("S20877,Petosen Pömpeli,2017-01-02,2017-12-31")),
                    "{text}"
                );
            }
        }
    }
    // N-Quads, TriG and JSON-LD carry the same quads in the same named graphs
    assert_eq!(dataset_counts.len(), 3, "{dataset_counts:?}");
    assert!(
        dataset_counts
            .iter()
            .all(|&(_, q, g)| (q, g) == (dataset_counts[0].1, dataset_counts[0].2)),
        "{dataset_counts:?}"
    );
    assert!(
        dataset_counts[0].2 > 5,
        "one graph per document and more: {dataset_counts:?}"
    );
    let report = String::from_utf8(run(&["validate"])).expect("utf-8");
    assert!(report.contains("0 violations"), "{report}");
}

/// Regression: `hankegraph ingest .` where the store lives (the default `./hankegraph.db`) read
/// the store's own files as documents; in a run read in passes, the files RocksDB writes during
/// the ingest then changed between the passes and stopped it.
#[test]
fn ingest_of_the_directory_that_holds_the_store_leaves_the_store_out() {
    let dir = tmpdir("store-inside");
    for entry in std::fs::read_dir(common::root().join("data/cards")).expect("cards") {
        let path = entry.expect("entry").path();
        std::fs::copy(&path, dir.join(path.file_name().expect("name"))).expect("copy");
    }
    let cards = std::fs::read_dir(&dir).expect("dir").count();
    for run in 0..2 {
        let out = hankegraph()
            .current_dir(&dir)
            .args(["ingest", "--bulk-from", "1", "."])
            .env_remove("HANKEGRAPH_STORE")
            .output()
            .expect("runs");
        let stdout = String::from_utf8_lossy(&out.stdout);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(out.status.success(), "run {run}: {stderr}");
        assert!(
            stdout.starts_with(&format!("documents: {cards} read")),
            "run {run}: {stdout}"
        );
        assert_eq!(
            stderr.contains("files of the store"),
            run == 1,
            "run {run}: {stderr}"
        );
    }
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn bench_skips_the_in_memory_comparisons_above_compare_up_to() {
    let work = tmpdir("bench");
    let out = hankegraph()
        .args([
            "bench", "--sizes", "40,80", "--stages", "ingest", "--repeat", "1",
        ])
        .args(["--compare-up-to", "50", "--work-dir"])
        .arg(&work)
        .output()
        .expect("runs");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        !stdout.contains("### Parsing"),
        "only the asked stages: {stdout}"
    );
    let rows: Vec<Vec<&str>> = stdout
        .lines()
        .filter(|l| {
            l.starts_with("| ")
                && l[2..]
                    .trim_start()
                    .starts_with(|c: char| c.is_ascii_digit())
        })
        .map(|l| l.trim_matches('|').split('|').map(str::trim).collect())
        .collect();
    assert_eq!(rows.len(), 2, "{stdout}");
    // cards, quads, disk s, docs/s, quads/s, peak, memory s, memory quads/s, memory peak, bulk s, ratio
    assert!(
        rows[0][6].parse::<f64>().is_ok() && rows[0][9].parse::<f64>().is_ok(),
        "{stdout}"
    );
    assert!(
        rows[1][2].parse::<f64>().is_ok(),
        "the store is still measured: {stdout}"
    );
    assert_eq!(rows[1][6..], ["—"; 5], "{stdout}");
    let left: Vec<_> = std::fs::read_dir(&work).expect("work dir").collect();
    assert!(
        left.is_empty(),
        "the bench cleans up after itself: {left:?}"
    );
    let _ = std::fs::remove_dir_all(&work);
}
