//! `hankegraph ingest`.

use super::store_args::StoreArgs;
use anyhow::Context as _;
use clap::Args as ClapArgs;
use hankegraph::parse::Input;
use hankegraph::parse::{available_threads, parse_owned_inputs};
use hankegraph::rdf::Provenance;
use hankegraph::remote::{fetch, fetch_client, FetchOptions};
use hankegraph::store::{Answer, IngestOutcome};
use std::io::IsTerminal as _;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Duration;

/// Arguments of `ingest`.
#[derive(Debug, ClapArgs)]
pub struct Args {
    #[command(flatten)]
    store: StoreArgs,
    /// From this many documents on, write them with the bulk loader (one atomic load) instead
    /// of one transaction per document.
    #[arg(long, default_value_t = 500, value_name = "N")]
    bulk_from: usize,
    /// Time limit of fetching one URL, in seconds.
    #[arg(long, default_value_t = 30, value_name = "SECONDS")]
    fetch_timeout: u64,
    /// The largest document fetched from a URL, in bytes.
    #[arg(long, default_value_t = 20 << 20, value_name = "BYTES")]
    max_bytes: u64,
    /// Redirects followed at most when fetching a URL (only to http and https URLs).
    #[arg(long, default_value_t = 5, value_name = "N")]
    max_redirects: usize,
    /// Files or directories of cards and decisions, or http(s) URLs of documents. A URL that
    /// cannot be fetched is reported and the others are still ingested (exit code 1).
    #[arg(required = true, value_name = "PATH|URL")]
    paths: Vec<String>,
}

/// Whether an argument is a URL rather than a path: it has a scheme (`https://…`).
fn is_url(arg: &str) -> bool {
    arg.split_once("://").is_some_and(|(scheme, _)| {
        !scheme.is_empty()
            && scheme
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
    })
}

/// Fetches the URLs, reporting those that fail. Returns the inputs and whether all succeeded.
fn fetch_reporting(urls: &[&str], args: &Args) -> (Vec<Input>, bool) {
    let options = FetchOptions {
        timeout: Duration::from_secs(args.fetch_timeout.max(1)),
        max_bytes: args.max_bytes,
        max_redirects: args.max_redirects,
    };
    let client = match fetch_client(&options) {
        Ok(c) => c,
        Err(e) => {
            eprintln!("hankegraph: {e}");
            return (Vec::new(), false);
        }
    };
    let mut inputs = Vec::new();
    let mut ok = true;
    for url in urls {
        match fetch(&client, url, &options) {
            Ok(input) => inputs.push(input),
            Err(e) => {
                eprintln!("hankegraph: cannot fetch {e}");
                ok = false;
            }
        }
    }
    (inputs, ok)
}

/// Runs `ingest`: parses the run, writes each document in its own transaction, reports.
pub fn run(args: &Args) -> anyhow::Result<ExitCode> {
    let (urls, paths): (Vec<&str>, Vec<&str>) = args
        .paths
        .iter()
        .map(String::as_str)
        .partition(|a| is_url(a));
    let paths: Vec<PathBuf> = paths.into_iter().map(PathBuf::from).collect();
    let (mut inputs, mut exit_code) = if paths.is_empty() {
        (Vec::new(), ExitCode::SUCCESS)
    } else {
        super::read_reporting(&paths)
    };
    let fetched_from = inputs.len();
    let (fetched, all_fetched) = fetch_reporting(&urls, args);
    if !all_fetched {
        exit_code = ExitCode::from(1);
    }
    inputs.extend(fetched);
    let store = args.store.open()?;
    // each input's bytes are freed as it is read into lines: a large run keeps only its documents
    let docs = parse_owned_inputs(inputs, available_threads());
    let prov = Provenance::now();
    // documents fetched from a URL keep it in their provenance
    let provs: Vec<Provenance> = docs
        .iter()
        .enumerate()
        .map(|(i, d)| Provenance {
            source_url: (i >= fetched_from).then(|| d.file.clone()),
            ..prov.clone()
        })
        .collect();
    let progress = std::io::stderr().is_terminal() && docs.len() > 1;
    let (mut added, mut replaced, mut unchanged, mut quads) = (0, 0, 0, 0);
    let warnings: usize = docs.iter().map(|d| d.warnings.len()).sum();
    let outcomes = if docs.len() >= args.bulk_from && urls.is_empty() {
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
                    .ingest(doc, &provs[n])
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
