//! `hankegraph gen` and `hankegraph accuracy`: synthetic corpora with known truth.

use anyhow::{bail, Context as _};
use clap::{Args as ClapArgs, ValueEnum};
use hankegraph::gen::{self, accuracy, FieldScore, Options, CARD_FIELDS, DECISION_FIELDS};
use hankegraph::parse::{parse_inputs, Input};
use serde_json::Value;
use std::collections::BTreeMap;
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

/// Arguments of `gen`.
#[derive(Debug, ClapArgs)]
pub struct Args {
    /// Number of project cards (at most 89 999: codes are S10000–S99998).
    #[arg(long, default_value_t = 1000)]
    count: usize,
    /// The seed: the same seed and options give the same bytes.
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// Share of cards that carry damage (encodings, layout, OCR), 0–1.
    #[arg(long, default_value_t = 0.3)]
    damage_rate: f64,
    /// Co-funding decisions per 100 cards.
    #[arg(long, default_value_t = 10)]
    decisions_per_100: usize,
    /// The directory to write: cards/, decisions/ and truth.json (created; it must be empty).
    #[arg(long, value_name = "DIR")]
    out: PathBuf,
}

/// Runs `gen`.
pub fn run(args: &Args) -> anyhow::Result<ExitCode> {
    if !(0.0..=1.0).contains(&args.damage_rate) {
        bail!(
            "--damage-rate must be between 0 and 1, not {}",
            args.damage_rate
        );
    }
    if args.count > gen::MAX_COUNT {
        bail!(
            "--count is at most {} (project codes have five digits)",
            gen::MAX_COUNT
        );
    }
    if std::fs::read_dir(&args.out).is_ok_and(|mut d| d.next().is_some()) {
        bail!("{} is not empty; give a new directory", args.out.display());
    }
    let corpus = gen::generate(&Options {
        count: args.count,
        seed: args.seed,
        damage_rate: args.damage_rate,
        decisions_per_100: args.decisions_per_100,
    });
    let mut bytes = 0usize;
    for f in &corpus.files {
        let path = args.out.join(&f.path);
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir).with_context(|| format!("creating {}", dir.display()))?;
        }
        std::fs::write(&path, &f.bytes).with_context(|| format!("writing {}", path.display()))?;
        bytes += f.bytes.len();
    }
    let truth = args.out.join("truth.json");
    std::fs::write(&truth, serde_json::to_vec_pretty(&corpus.truth)?)
        .with_context(|| format!("writing {}", truth.display()))?;
    let cards = corpus.truth.iter().filter(|t| t["kind"] == "card").count();
    println!(
        "{}: {cards} cards, {} decisions, {:.1} MB; truth in {}",
        args.out.display(),
        corpus.files.len() - cards,
        bytes as f64 / 1e6,
        truth.display()
    );
    Ok(ExitCode::SUCCESS)
}

/// Output formats of `accuracy`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// A table.
    Text,
    /// JSON.
    Json,
}

/// Arguments of `accuracy`.
#[derive(Debug, ClapArgs)]
pub struct AccuracyArgs {
    /// A corpus directory with its truth (as `gen` writes it, or `data/`).
    dir: PathBuf,
    /// The truth file (default DIR/truth.json): a list of objects with `file` (relative to
    /// DIR) and the fields of the parse contract.
    #[arg(long, value_name = "FILE")]
    truth: Option<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    format: Format,
}

/// Runs `accuracy`: parses the corpus as one run and compares each field with the truth.
pub fn run_accuracy(args: &AccuracyArgs) -> anyhow::Result<ExitCode> {
    let truth_path = args
        .truth
        .clone()
        .unwrap_or_else(|| args.dir.join("truth.json"));
    let truth: Vec<Value> = serde_json::from_slice(
        &std::fs::read(&truth_path).with_context(|| format!("reading {}", truth_path.display()))?,
    )
    .with_context(|| format!("{} is not a JSON list of documents", truth_path.display()))?;
    let mut inputs = Vec::new();
    for t in &truth {
        let file = t["file"]
            .as_str()
            .context("a truth entry without \"file\"")?;
        let path = args.dir.join(file);
        let bytes = std::fs::read(&path).with_context(|| format!("reading {}", path.display()))?;
        inputs.push(Input {
            file: file.to_owned(),
            bytes,
        });
    }
    let started = std::time::Instant::now();
    let docs = parse_inputs(&inputs);
    let seconds = started.elapsed().as_secs_f64();
    let parsed: BTreeMap<String, Value> = docs
        .iter()
        .map(|d| Ok((d.file.clone(), serde_json::to_value(d)?)))
        .collect::<Result<_, serde_json::Error>>()?;
    let (cards, decisions): (Vec<Value>, Vec<Value>) =
        truth.into_iter().partition(|t| t["kind"] == "card");
    let mut scores: Vec<(&str, FieldScore)> = accuracy(&cards, &parsed, CARD_FIELDS)
        .into_iter()
        .map(|s| ("card", s))
        .collect();
    scores.extend(
        accuracy(&decisions, &parsed, DECISION_FIELDS)
            .into_iter()
            .map(|s| ("decision", s)),
    );
    scores.retain(|(_, s)| s.total > 0);
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    match args.format {
        Format::Json => {
            let rows: Vec<Value> = scores
                .iter()
                .map(|(k, s)| serde_json::json!({"kind": k, "field": s.field, "correct": s.correct, "total": s.total}))
                .collect();
            serde_json::to_writer_pretty(&mut out, &rows)?;
            writeln!(out)?;
        }
        Format::Text => {
            writeln!(
                out,
                "{} documents ({} cards, {} decisions) parsed in {seconds:.2} s\n",
                inputs.len(),
                cards.len(),
                decisions.len()
            )?;
            writeln!(
                out,
                "{:<9} {:<27} {:>8} {:>8} {:>9}",
                "kind", "field", "correct", "total", "accuracy"
            )?;
            for (k, s) in &scores {
                #[allow(clippy::cast_precision_loss)]
                let pct = 100.0 * s.correct as f64 / s.total as f64;
                writeln!(
                    out,
                    "{k:<9} {:<27} {:>8} {:>8} {pct:>8.1}%",
                    s.field, s.correct, s.total
                )?;
            }
        }
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}
