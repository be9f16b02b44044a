//! `hankegraph export`.

use super::query::{write_answer, Format as QueryFormat};
use super::store_args::StoreArgs;
use anyhow::Context as _;
use clap::{Args as ClapArgs, ValueEnum};
use hankegraph::queries;
use oxigraph::io::{JsonLdProfileSet, RdfFormat};
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

/// Export formats.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// Turtle: the union of all graphs, de-duplicated.
    Turtle,
    /// N-Triples: the union of all graphs, de-duplicated.
    Ntriples,
    /// N-Quads: every named graph (one per document), with provenance.
    Nquads,
    /// TriG: every named graph, with provenance.
    Trig,
    /// JSON-LD: every named graph.
    Jsonld,
    /// CSV: one row per project, for spreadsheets.
    Csv,
}

/// Arguments of `export`.
#[derive(Debug, ClapArgs)]
pub struct Args {
    #[command(flatten)]
    store: StoreArgs,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Trig)]
    format: Format,
    /// Write to this file instead of standard output.
    #[arg(long, short, value_name = "FILE")]
    output: Option<PathBuf>,
}

/// Runs `export`.
pub fn run(args: &Args) -> anyhow::Result<ExitCode> {
    let store = args.store.open()?;
    let mut out: Box<dyn Write> = match &args.output {
        Some(p) => Box::new(std::io::BufWriter::new(
            std::fs::File::create(p).with_context(|| format!("creating {}", p.display()))?,
        )),
        None => Box::new(std::io::BufWriter::new(std::io::stdout().lock())),
    };
    let rdf = match args.format {
        Format::Turtle => Some(RdfFormat::Turtle),
        Format::Ntriples => Some(RdfFormat::NTriples),
        Format::Nquads => Some(RdfFormat::NQuads),
        Format::Trig => Some(RdfFormat::TriG),
        Format::Jsonld => Some(RdfFormat::JsonLd {
            profile: JsonLdProfileSet::empty(),
        }),
        Format::Csv => None,
    };
    match rdf {
        Some(f) => store.dump(f, &mut out)?,
        None => {
            let q = queries::find("projects").context("the projects query is missing")?;
            let answer = store.query(q.text, &[])?;
            write_answer(&mut out, &answer, QueryFormat::Csv)?;
        }
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}
