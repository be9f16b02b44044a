//! `hankegraph ingest`.

use super::store_args::StoreArgs;
use anyhow::Context as _;
use clap::Args as ClapArgs;
use hankegraph::parse::parse_inputs;
use hankegraph::rdf::Provenance;
use hankegraph::store::{Answer, IngestOutcome};
use std::io::IsTerminal as _;
use std::path::PathBuf;
use std::process::ExitCode;

/// Arguments of `ingest`.
#[derive(Debug, ClapArgs)]
pub struct Args {
    #[command(flatten)]
    store: StoreArgs,
    /// From this many documents on, write them with the bulk loader (one atomic load) instead
    /// of one transaction per document.
    #[arg(long, default_value_t = 500, value_name = "N")]
    bulk_from: usize,
    /// Files or directories of cards and decisions.
    #[arg(required = true, value_name = "PATH")]
    paths: Vec<PathBuf>,
}

/// Runs `ingest`: parses the run, writes each document in its own transaction, reports.
pub fn run(args: &Args) -> anyhow::Result<ExitCode> {
    let (inputs, exit_code) = super::read_reporting(&args.paths);
    let store = args.store.open()?;
    let docs = parse_inputs(&inputs);
    let prov = Provenance::now();
    let progress = std::io::stderr().is_terminal() && docs.len() > 1;
    let (mut added, mut replaced, mut unchanged, mut quads) = (0, 0, 0, 0);
    let warnings: usize = docs.iter().map(|d| d.warnings.len()).sum();
    let outcomes = if docs.len() >= args.bulk_from {
        // many documents: one atomic bulk load
        store
            .ingest_bulk(&docs, &prov, move |n| {
                if progress {
                    eprint!("\r\x1b[Kingest: {n} quads loaded");
                }
            })
            .context("bulk ingest")?
    } else {
        let mut v = Vec::with_capacity(docs.len());
        for (n, doc) in docs.iter().enumerate() {
            if progress {
                eprint!("\r\x1b[Kingest [{}/{}] {}", n + 1, docs.len(), doc.file);
            }
            v.push(
                store
                    .ingest(doc, &prov)
                    .with_context(|| format!("ingesting {}", doc.file))?,
            );
        }
        v
    };
    if progress {
        eprintln!();
    }
    for o in outcomes {
        match o {
            IngestOutcome::Unchanged | IngestOutcome::NameAdded => unchanged += 1,
            IngestOutcome::Added { quads: q } => {
                added += 1;
                quads += q;
            }
            IngestOutcome::Replaced { quads: q, .. } => {
                replaced += 1;
                quads += q;
            }
        }
    }
    println!(
        "documents: {} read, {added} added, {replaced} replaced, {unchanged} unchanged; {quads} quads written; {warnings} parser warnings",
        docs.len()
    );
    let summary = hankegraph::queries::find("summary").context("the summary query is missing")?;
    if let Answer::Table { variables, rows } = store.query(summary.text, &[])? {
        let cells: Vec<String> = variables
            .iter()
            .zip(rows.first().into_iter().flatten())
            .map(|(v, c)| {
                format!(
                    "{} {}",
                    hankegraph::store::cell(c.as_ref()),
                    v.replace('_', " ")
                )
            })
            .collect();
        println!("store {}: {}", args.store.store.display(), cells.join(", "));
    }
    Ok(exit_code)
}
