//! `hankegraph query`.

use super::store_args::StoreArgs;
use anyhow::{bail, Context as _};
use clap::{Args as ClapArgs, ValueEnum};
use hankegraph::queries;
use hankegraph::store::{cell, parse_param_value, Answer};
use oxigraph::io::{RdfFormat, RdfSerializer};
use oxigraph::model::{Term, Variable};
use oxigraph::sparql::results::{QueryResultsFormat, QueryResultsSerializer};
use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

/// Output formats of `query`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// An aligned table for the terminal.
    Table,
    /// SPARQL results CSV.
    Csv,
    /// SPARQL results TSV (RDF terms in Turtle syntax).
    Tsv,
    /// SPARQL results JSON.
    Json,
}

/// Arguments of `query`.
#[derive(Debug, ClapArgs)]
pub struct Args {
    #[command(flatten)]
    store: StoreArgs,
    /// A named query (see --list) or a .rq file.
    #[arg(value_name = "NAME|FILE.rq", conflicts_with_all = ["sparql", "list"])]
    query: Option<String>,
    /// The query text itself.
    #[arg(long, value_name = "TEXT")]
    sparql: Option<String>,
    /// Binds a variable: --param code=S20474. The value is an RDF term in N-Triples syntax
    /// (<iri>, "text"@fi, "5"^^<…#integer>) or else a plain string.
    #[arg(long = "param", value_name = "NAME=VALUE")]
    params: Vec<String>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Table)]
    format: Format,
    /// Lists the named queries with what they answer and their parameters.
    #[arg(long)]
    list: bool,
    /// Runs the query on this remote SPARQL endpoint instead of the store (e.g. a store the
    /// graph was pushed to). Parameters are bound by a VALUES block in the parsed query.
    #[arg(long, value_name = "URL")]
    endpoint: Option<String>,
    #[command(flatten)]
    auth: super::push::RemoteAuth,
    /// Time limit of a remote query, in seconds.
    #[arg(
        long,
        default_value_t = 300,
        value_name = "SECONDS",
        requires = "endpoint"
    )]
    timeout: u64,
}

/// Runs `query`.
pub fn run(args: &Args) -> anyhow::Result<ExitCode> {
    if args.list {
        for q in queries::all() {
            println!("{:<26} {}", q.name, q.description);
            for (p, d) in &q.params {
                println!("{:<26}   --param {p}=…  {d}", "");
            }
        }
        return Ok(ExitCode::SUCCESS);
    }
    let text: String = match (&args.query, &args.sparql) {
        (_, Some(t)) => t.clone(),
        (Some(q), None) if q.ends_with(".rq") || Path::new(q).is_file() => {
            std::fs::read_to_string(q).with_context(|| format!("reading {q}"))?
        }
        (Some(q), None) => match queries::find(q) {
            Some(named) => named.text.to_owned(),
            None => bail!("no named query {q:?}; `hankegraph query --list` shows them"),
        },
        (None, None) => bail!("give a named query, a .rq file, --sparql TEXT or --list"),
    };
    let mut params: Vec<(String, Term)> = Vec::new();
    for p in &args.params {
        let Some((name, value)) = p.split_once('=') else {
            bail!("--param takes NAME=VALUE, got {p:?}");
        };
        params.push((
            name.trim_start_matches('?').to_owned(),
            parse_param_value(value),
        ));
    }
    let answer = match &args.endpoint {
        Some(endpoint) => {
            let client = super::push::client(std::time::Duration::from_secs(args.timeout.max(1)))?;
            let auth = args.auth.auth()?;
            hankegraph::remote::remote_query(&client, endpoint, &text, &params, auth.as_ref())?
        }
        None => args.store.open()?.query(&text, &params)?,
    };
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    write_answer(&mut out, &answer, args.format)?;
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

/// Writes an answer in the chosen format.
pub fn write_answer(out: &mut impl Write, answer: &Answer, format: Format) -> anyhow::Result<()> {
    match answer {
        Answer::Boolean(b) => match format {
            Format::Json => writeln!(out, "{{\"head\":{{}},\"boolean\":{b}}}")?,
            _ => writeln!(out, "{b}")?,
        },
        Answer::Graph(triples) => {
            let mut w = RdfSerializer::from_format(RdfFormat::Turtle).for_writer(&mut *out);
            for t in triples {
                w.serialize_triple(t)?;
            }
            w.finish()?;
        }
        Answer::Table { variables, rows } => match format {
            Format::Table => write_table(out, variables, rows)?,
            Format::Csv | Format::Tsv | Format::Json => {
                let f = match format {
                    Format::Csv => QueryResultsFormat::Csv,
                    Format::Tsv => QueryResultsFormat::Tsv,
                    _ => QueryResultsFormat::Json,
                };
                let vars: Vec<Variable> = variables
                    .iter()
                    .map(|v| Variable::new_unchecked(v.clone()))
                    .collect();
                let mut w = QueryResultsSerializer::from_format(f)
                    .serialize_solutions_to_writer(&mut *out, vars.clone())?;
                for row in rows {
                    w.serialize(
                        vars.iter()
                            .zip(row)
                            .filter_map(|(v, t)| t.as_ref().map(|t| (v.as_ref(), t.as_ref()))),
                    )?;
                }
                w.finish()?;
            }
        },
    }
    Ok(())
}

fn write_table(
    out: &mut impl Write,
    variables: &[String],
    rows: &[Vec<Option<Term>>],
) -> std::io::Result<()> {
    let cells: Vec<Vec<String>> = rows
        .iter()
        .map(|r| r.iter().map(|t| cell(t.as_ref())).collect())
        .collect();
    let widths: Vec<usize> = variables
        .iter()
        .enumerate()
        .map(|(i, v)| {
            cells
                .iter()
                .map(|r| r[i].chars().count())
                .chain(std::iter::once(v.chars().count()))
                .max()
                .unwrap_or(0)
                .min(60)
        })
        .collect();
    let line = |out: &mut dyn Write, vals: &[String]| -> std::io::Result<()> {
        let parts: Vec<String> = vals
            .iter()
            .zip(&widths)
            .map(|(v, w)| {
                let shown: String = if v.chars().count() > *w {
                    v.chars().take(w.saturating_sub(1)).chain(['…']).collect()
                } else {
                    v.clone()
                };
                format!("{shown:<w$}")
            })
            .collect();
        writeln!(out, "{}", parts.join("  ").trim_end())
    };
    line(out, variables)?;
    line(
        out,
        &widths.iter().map(|w| "-".repeat(*w)).collect::<Vec<_>>(),
    )?;
    for r in &cells {
        line(out, r)?;
    }
    writeln!(out, "({} rows)", rows.len())
}
