//! `hankegraph export`.

use super::lineage::DrawArgs;
use super::query::{write_answer, Format as QueryFormat};
use super::store_args::StoreArgs;
use anyhow::Context as _;
use clap::{Args as ClapArgs, ValueEnum};
use hankegraph::lineage::Lineage;
use hankegraph::queries;
use oxigraph::io::{JsonLdProfileSet, RdfFormat};
use std::io::Write;
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
    /// Graphviz DOT: the lineage of every project, families as clusters on a timeline.
    Dot,
    /// SVG: the same diagram drawn (by Graphviz `dot` when installed, else built in).
    Svg,
}

/// Arguments of `export`.
#[derive(Debug, ClapArgs)]
pub struct Args {
    #[command(flatten)]
    store: StoreArgs,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Trig)]
    format: Format,
    #[command(flatten)]
    draw: DrawArgs,
}

/// Runs `export`.
pub fn run(args: &Args) -> anyhow::Result<ExitCode> {
    let store = args.store.open()?;
    if matches!(args.format, Format::Dot | Format::Svg) {
        let lineage = Lineage::load(&store).context("loading the lineage from the store")?;
        for p in lineage.problems() {
            eprintln!("hankegraph: warning: {p}");
        }
        let title = format!("Project lineage: {} projects", lineage.len());
        args.draw.draw(
            &lineage,
            &lineage.view_all(),
            args.format == Format::Svg,
            Some(title),
        )?;
        return Ok(ExitCode::SUCCESS);
    }
    let mut out = args.draw.writer()?;
    let rdf = match args.format {
        Format::Turtle => Some(RdfFormat::Turtle),
        Format::Ntriples => Some(RdfFormat::NTriples),
        Format::Nquads => Some(RdfFormat::NQuads),
        Format::Trig => Some(RdfFormat::TriG),
        Format::Jsonld => Some(RdfFormat::JsonLd {
            profile: JsonLdProfileSet::empty(),
        }),
        Format::Csv | Format::Dot | Format::Svg => None,
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
