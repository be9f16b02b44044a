//! Command-line interface: one function per subcommand.

mod bench;
mod enrich;
mod export;
mod gen;
mod ingest;
mod lineage;
mod parse;
mod push;
mod query;
mod serve;
mod store_args;
mod validate;

use clap::{Parser, Subcommand};
use std::process::ExitCode;

/// hankegraph — a knowledge graph of Finland's ESF social-inclusion projects (2014–2020),
/// built from their *Hankekortti* project cards and municipal co-funding decisions.
///
/// Documents are read as they really arrive: pdftotext or OCR output with broken umlauts,
/// `$` for `S`, Windows-1252 bytes, CRLF, page breaks and labels split from their values.
#[derive(Debug, Parser)]
#[command(name = "hankegraph", version, about, long_about)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Extract every fact from cards and decisions, as JSON or readable text.
    ///
    /// Each PATH is a file or a directory (walked recursively, files sorted by path). Damaged
    /// documents are parsed as far as they go and carry warnings; a document that is neither a
    /// card nor a decision is reported with kind "unknown". The exit code is 1 when a path could
    /// not be read (the other paths are still parsed), 0 otherwise.
    Parse(parse::Args),
    /// Parse documents and store their facts in the knowledge graph, one named graph per
    /// document with its provenance. Re-ingesting the same bytes changes nothing; a new version
    /// of a file replaces its old graph.
    Ingest(ingest::Args),
    /// Ask the knowledge graph: a named query (--list shows them), a .rq file, or --sparql TEXT,
    /// with parameters bound as RDF terms (--param code=S20474).
    Query(query::Args),
    /// Write the whole graph as RDF (Turtle, N-Triples, N-Quads, TriG, JSON-LD), one CSV row
    /// per project, or the lineage of the whole corpus as a diagram (DOT, SVG).
    Export(export::Args),
    /// What came before a project and what became of it: its predecessors (--up), successors
    /// (--down) or whole family (the default), as an indented tree, JSON, or a Graphviz
    /// diagram (--format dot|svg). Cycles and other impossible lineage are reported with the
    /// documents that claim them.
    Lineage(lineage::Args),
    /// The chain of continuations from one project to another (S20129 → S21315), or "no
    /// lineage path". Exit code 1 when there is none either way.
    Path(lineage::PathArgs),
    /// Every family of projects linked by continuations or parallel projects, largest first,
    /// with its span of years and total funding, and the lineage problems found.
    Families(lineage::FamiliesArgs),
    /// Write a synthetic corpus with known truth: cards in the real style with lineage families,
    /// shared organisations and damage at a chosen rate, some co-funding decisions, and
    /// truth.json in the parse contract. Deterministic for a seed.
    Gen(gen::Args),
    /// Parse a corpus and compare every field with its truth (from `gen`, or data/truth.json):
    /// a table of correct/total per field.
    Accuracy(gen::AccuracyArgs),
    /// Check the graph against the SHACL shapes (ontology/shapes.ttl); a report per focus node.
    /// Exit code 1 when a shape is violated.
    Validate(validate::Args),
    /// Fetch each project's page in the EURA 2014 register and store its official facts
    /// (official names, Y-tunnus, status, planned period, priority axis, co-implementers, …) in a
    /// named graph per project, beside the card facts. Pages are cached on disk (a second run
    /// fetches nothing), fetched politely (--rate) with timeouts and retries; one failing page
    /// does not stop the others. Exit code 1 when a page failed.
    Enrich(enrich::Args),
    /// Serve the store: a read-only SPARQL 1.1 endpoint at /sparql (GET and POST, results
    /// negotiated by Accept, CORS) and browsable pages: search, a page per project with its
    /// lineage diagram, a page per organisation, the named queries.
    Serve(serve::Args),
    /// Send the store's named graphs to an external triple store: by the SPARQL 1.1 Graph
    /// Store Protocol (--graph-store URL, PUT per graph, so a re-push replaces) or by SPARQL
    /// Update (--endpoint URL), in batches, retrying transient failures.
    Push(push::Args),
    /// Measure parsing, ingest, lineage and queries on synthetic corpora of growing size
    /// (1 000, 10 000 and 100 000 cards by default) and print the figures as Markdown tables,
    /// beside Oxigraph's own bulk load of the same quads. Build with --release for real figures.
    Bench(bench::Args),
}

/// Reads every file of `paths`, reporting the unreadable ones on stderr. Returns the inputs and
/// the exit code the command ends with when nothing else fails (1 when a path was unreadable).
fn read_reporting(paths: &[std::path::PathBuf]) -> (Vec<hankegraph::parse::Input>, ExitCode) {
    let (inputs, errors) = hankegraph::parse::read_paths(paths);
    for e in &errors {
        eprintln!("hankegraph: {e}");
    }
    let code = if errors.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    };
    (inputs, code)
}

/// Runs the command line; the exit code says whether every input could be read.
pub fn run() -> anyhow::Result<ExitCode> {
    let cli = Cli::parse();
    match cli.command {
        Command::Parse(args) => parse::run(&args),
        Command::Ingest(args) => ingest::run(&args),
        Command::Query(args) => query::run(&args),
        Command::Export(args) => export::run(&args),
        Command::Lineage(args) => lineage::run(&args),
        Command::Path(args) => lineage::run_path(&args),
        Command::Families(args) => lineage::run_families(&args),
        Command::Gen(args) => gen::run(&args),
        Command::Accuracy(args) => gen::run_accuracy(&args),
        Command::Validate(args) => validate::run(&args),
        Command::Enrich(args) => enrich::run(&args),
        Command::Serve(args) => serve::run(&args),
        Command::Push(args) => push::run(&args),
        Command::Bench(args) => bench::run(&args),
    }
}
