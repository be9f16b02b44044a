//! `hankegraph validate`.

use super::store_args::StoreArgs;
use clap::{Args as ClapArgs, ValueEnum};
use hankegraph::validate::{validate, SHAPES};
use std::io::Write as _;
use std::process::ExitCode;

/// Report formats.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// Results grouped per focus node.
    Text,
    /// A SHACL validation report (`sh:ValidationReport`) in Turtle.
    Turtle,
}

/// Arguments of `validate`.
#[derive(Debug, ClapArgs)]
pub struct Args {
    #[command(flatten)]
    store: StoreArgs,
    /// Report format.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    format: Format,
}

/// Runs `validate`: exit code 1 when a shape is violated (warnings alone exit 0).
pub fn run(args: &Args) -> anyhow::Result<ExitCode> {
    let store = args.store.open()?;
    let report = validate(store.inner(), SHAPES)?;
    // written, not printed: a closed pipe (`validate | head`) is an error main() handles,
    // not a panic
    let mut out = std::io::stdout().lock();
    match args.format {
        Format::Text => write!(out, "{report}")?,
        Format::Turtle => write!(out, "{}", report.to_turtle())?,
    }
    out.flush()?;
    Ok(if report.has_violations() {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}
