//! `hankegraph parse`.

use anyhow::Context as _;
use clap::{Args as ClapArgs, ValueEnum};
use hankegraph::parse::parse_inputs;
use hankegraph::{Document, Kind};
use std::io::Write as _;
use std::path::PathBuf;
use std::process::ExitCode;

/// Output formats of `parse`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// A JSON array, one object per document, in input order.
    Json,
    /// Readable text, one block per document.
    Text,
}

/// Arguments of `parse`.
#[derive(Debug, ClapArgs)]
pub struct Args {
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Json)]
    format: Format,
    /// Files or directories to parse.
    #[arg(required = true, value_name = "PATH")]
    paths: Vec<PathBuf>,
}

/// Runs `parse`: every readable document is printed; unreadable paths are reported on stderr.
pub fn run(args: &Args) -> anyhow::Result<ExitCode> {
    let (inputs, exit_code) = super::read_reporting(&args.paths);
    let docs = parse_inputs(&inputs);
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    match args.format {
        Format::Json => {
            serde_json::to_writer_pretty(&mut out, &docs).context("writing JSON")?;
            writeln!(out)?;
        }
        Format::Text => {
            for d in &docs {
                write_text(&mut out, d)?;
            }
        }
    }
    out.flush()?;
    Ok(exit_code)
}

fn opt<T: std::fmt::Display>(v: Option<&T>) -> String {
    v.map_or_else(|| "—".to_owned(), ToString::to_string)
}

fn list(v: &[String]) -> String {
    if v.is_empty() {
        "—".to_owned()
    } else {
        v.join("; ")
    }
}

fn write_text(out: &mut impl std::io::Write, d: &Document) -> std::io::Result<()> {
    writeln!(
        out,
        "== {} ({}, {})",
        d.file,
        d.kind.as_str(),
        d.encoding.unwrap_or("binary")
    )?;
    if let (Kind::Card, Some(c)) = (d.kind, &d.card) {
        writeln!(out, "code:          {}", opt(c.code.as_ref()))?;
        writeln!(out, "name:          {}", opt(c.name.as_ref()))?;
        writeln!(
            out,
            "period:        {} – {}",
            opt(c.start.as_ref()),
            opt(c.end.as_ref())
        )?;
        writeln!(out, "funder:        {}", opt(c.funder.as_ref()))?;
        writeln!(out, "funding:       {}", opt(c.funding_eur.as_ref()))?;
        writeln!(out, "implementers:  {}", list(&c.implementers))?;
        writeln!(out, "target groups: {}", list(&c.target_groups))?;
        writeln!(out, "predecessors:  {}", list(&c.predecessors))?;
        writeln!(out, "successors:    {}", list(&c.successors))?;
        writeln!(out, "related:       {}", list(&c.related_projects))?;
        writeln!(
            out,
            "continued by:  {}",
            list(&c.continued_by_organisations)
        )?;
        if let Some(comp) = &c.compiled {
            writeln!(
                out,
                "compiled:      {} ({})",
                opt(comp.by.as_ref()),
                opt(comp.month.as_ref())
            )?;
        }
        for (k, v) in c.sections.iter() {
            writeln!(out, "{k:<14} {v}", k = format!("{k}:"))?;
        }
        for l in &c.links {
            writeln!(out, "link:          {l}")?;
        }
    }
    if let (Kind::Decision, Some(x)) = (d.kind, &d.decision) {
        writeln!(out, "municipality:  {}", opt(x.municipality.as_ref()))?;
        writeln!(out, "body:          {}", opt(x.decision_body.as_ref()))?;
        writeln!(out, "applicant:     {}", opt(x.applicant.as_ref()))?;
        writeln!(out, "project:       {}", opt(x.project_name.as_ref()))?;
        writeln!(out, "amount:        {}", opt(x.amount_eur.as_ref()))?;
        match &x.period {
            Some(p) => writeln!(out, "period:        {} – {}", p.start, p.end)?,
            None => writeln!(out, "period:        —")?,
        }
        writeln!(out, "decided:       {}", x.decided)?;
        writeln!(out, "matches:       {}", opt(x.matches_code.as_ref()))?;
    }
    for w in &d.warnings {
        writeln!(out, "warning:       [{}] {}", w.code, w.message)?;
    }
    writeln!(out)
}
