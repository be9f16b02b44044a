//! `hankegraph ingest`.

use super::store_args::StoreArgs;
use anyhow::Context as _;
use clap::Args as ClapArgs;
use hankegraph::parse::{
    available_threads, expand_paths, parse_owned_inputs, FileRun, Input, Pass,
};
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
    /// From this many files on (and with no URL among the inputs), write the run with the bulk
    /// loader (one atomic load) instead of one transaction per document, and read it in passes
    /// (evidence, names, documents) so that memory does not grow with the size of the files.
    #[arg(long, default_value_t = 500, value_name = "N")]
    bulk_from: usize,
    /// The memory the bulk loader's batches may take at once, in megabytes. More is not faster:
    /// the default loads 100 000 cards faster than batches ten times its size.
    #[arg(long, default_value_t = hankegraph::store::DEFAULT_LOAD_MEMORY_MB, value_name = "MB")]
    load_memory: usize,
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

/// Runs `ingest`: parses the run, writes it, reports. A large run of files is read in passes
/// and bulk-loaded ([`ingest_streamed`]); a small one, or one with URLs, is parsed in memory
/// and written one transaction per document.
pub fn run(args: &Args) -> anyhow::Result<ExitCode> {
    let (urls, paths): (Vec<&str>, Vec<&str>) = args
        .paths
        .iter()
        .map(String::as_str)
        .partition(|a| is_url(a));
    let paths: Vec<PathBuf> = paths.into_iter().map(PathBuf::from).collect();
    let (files, list_errors) = expand_paths(&paths);
    for e in &list_errors {
        eprintln!("hankegraph: {e}");
    }
    let store = args.store.open()?;
    let files = without_the_store(files, &args.store.store);
    let mut exit_code = if list_errors.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    };
    let progress = std::io::stderr().is_terminal();
    let counts = if urls.is_empty() && files.len() >= args.bulk_from {
        ingest_streamed(&store, &files, args.load_memory, progress, &mut exit_code)?
    } else {
        ingest_in_memory(&store, &files, &urls, args, progress, &mut exit_code)?
    };
    println!(
        "documents: {} read, {} added, {} replaced, {} unchanged; {} quads written; {} parser warnings{}",
        counts.read,
        counts.added,
        counts.replaced,
        counts.unchanged,
        counts.quads,
        counts.warnings,
        if counts.warnings_of_written_only { " (in the documents written)" } else { "" },
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

/// The files that are not part of the store itself: `hankegraph ingest .` in the directory that
/// holds the default store would otherwise read the store's own files, which the ingest
/// changes as it runs. Those skipped are reported on stderr.
fn without_the_store(files: Vec<PathBuf>, store: &std::path::Path) -> Vec<PathBuf> {
    let Ok(store) = std::fs::canonicalize(store) else {
        return files;
    };
    // files come grouped by directory: each directory is resolved once
    let mut dirs: std::collections::HashMap<PathBuf, bool> = std::collections::HashMap::new();
    let mut inside = |f: &PathBuf| {
        let dir = f.parent().unwrap_or(std::path::Path::new("."));
        let dir = if dir.as_os_str().is_empty() {
            std::path::Path::new(".")
        } else {
            dir
        };
        *dirs
            .entry(dir.to_path_buf())
            .or_insert_with(|| std::fs::canonicalize(dir).is_ok_and(|d| d.starts_with(&store)))
    };
    let (skipped, kept): (Vec<PathBuf>, Vec<PathBuf>) = files.into_iter().partition(|f| inside(f));
    if !skipped.is_empty() {
        eprintln!(
            "hankegraph: skipping {} files of the store {} itself",
            skipped.len(),
            store.display()
        );
    }
    kept
}

/// What an ingest did.
#[derive(Debug, Default)]
pub(super) struct Counts {
    pub(super) read: usize,
    added: usize,
    replaced: usize,
    unchanged: usize,
    quads: usize,
    warnings: usize,
    /// The warnings were counted in the documents written only (the others were not parsed to
    /// the end).
    warnings_of_written_only: bool,
}

impl Counts {
    fn add(&mut self, outcomes: impl IntoIterator<Item = IngestOutcome>) {
        for o in outcomes {
            match o {
                IngestOutcome::Unchanged | IngestOutcome::NameAdded => self.unchanged += 1,
                IngestOutcome::Added { quads } => {
                    self.added += 1;
                    self.quads += quads;
                }
                IngestOutcome::Replaced { quads, .. } => {
                    self.replaced += 1;
                    self.quads += quads;
                }
            }
        }
    }
}

/// A progress line on stderr, redrawn in place.
fn show(progress: bool, line: std::fmt::Arguments<'_>) {
    if progress {
        eprint!("\r\x1b[K{line}");
    }
}

/// A large run of files: read in passes ([`FileRun`]), so that memory does not grow with the
/// text, and written with one atomic bulk load. Documents whose bytes are stored already are
/// not parsed a second time.
pub(super) fn ingest_streamed(
    store: &hankegraph::store::GraphStore,
    files: &[PathBuf],
    load_memory_mb: usize,
    progress: bool,
    exit_code: &mut ExitCode,
) -> anyhow::Result<Counts> {
    let mut report = |pass: Pass, done: usize, all: usize| {
        show(
            progress,
            format_args!("ingest: {} {done}/{all} files", pass.as_str()),
        );
    };
    let (run, errors) = FileRun::read(files, available_threads(), &mut report)?;
    if progress {
        eprintln!();
    }
    for e in &errors {
        eprintln!("hankegraph: {e}");
    }
    if !errors.is_empty() {
        *exit_code = ExitCode::from(1);
    }
    let keys = run.keys();
    let plan = store
        .plan_bulk(keys.iter().map(|(sha, file)| (sha.as_str(), file.as_str())))
        .context("finding the documents stored already")?;
    let mut warnings = 0;
    let mut report = |pass: Pass, done: usize, all: usize| {
        show(
            progress,
            format_args!(
                "ingest: {} and loading {done}/{all} new documents",
                pass.as_str()
            ),
        );
    };
    let docs = run
        .documents(plan.new_documents(), &mut report)
        .inspect(|d| warnings += d.as_ref().map_or(0, |d| d.warnings.len()));
    let outcomes = store
        .load_bulk(plan, docs, &Provenance::now(), load_memory_mb, |_| {})
        .context("bulk ingest")?;
    if progress {
        eprintln!();
    }
    let mut counts = Counts {
        read: run.len(),
        warnings,
        warnings_of_written_only: true,
        ..Counts::default()
    };
    counts.add(outcomes);
    Ok(counts)
}

/// A small run, or one with URLs: every document parsed in memory, then written one
/// transaction per document.
fn ingest_in_memory(
    store: &hankegraph::store::GraphStore,
    files: &[PathBuf],
    urls: &[&str],
    args: &Args,
    progress: bool,
    exit_code: &mut ExitCode,
) -> anyhow::Result<Counts> {
    let (mut inputs, read_errors) = hankegraph::parse::read_inputs(files);
    for e in &read_errors {
        eprintln!("hankegraph: {e}");
    }
    if !read_errors.is_empty() {
        *exit_code = ExitCode::from(1);
    }
    let fetched_from = inputs.len();
    let (fetched, all_fetched) = fetch_reporting(urls, args);
    if !all_fetched {
        *exit_code = ExitCode::from(1);
    }
    inputs.extend(fetched);
    // each input's bytes are freed as it is read into lines
    let docs = parse_owned_inputs(inputs, available_threads());
    let prov = Provenance::now();
    let progress = progress && docs.len() > 1;
    let mut counts = Counts {
        read: docs.len(),
        warnings: docs.iter().map(|d| d.warnings.len()).sum(),
        ..Counts::default()
    };
    let mut outcomes = Vec::with_capacity(docs.len());
    for (n, doc) in docs.iter().enumerate() {
        show(
            progress,
            format_args!("ingest [{}/{}] {}", n + 1, docs.len(), doc.file),
        );
        // documents fetched from a URL keep it in their provenance
        let prov = Provenance {
            source_url: (n >= fetched_from).then(|| doc.file.clone()),
            ..prov.clone()
        };
        outcomes.push(
            store
                .ingest(doc, &prov)
                .with_context(|| format!("ingesting {}", doc.file))?,
        );
    }
    if progress {
        eprintln!();
    }
    counts.add(outcomes);
    Ok(counts)
}
