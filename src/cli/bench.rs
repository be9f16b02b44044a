//! `hankegraph bench`: how fast and how big, from a thousand cards up, on a synthetic corpus.
//!
//! For each size it generates a corpus (`hankegraph gen`), then measures parsing on one core
//! and on all cores, ingest end to end (files on disk → the on-disk store, and → a store in
//! memory), Oxigraph's own bulk load of the same quads as N-Quads (the store's limit, so that
//! our overhead shows as a ratio), the lineage graph (petgraph) against the SPARQL property
//! path, and a named query of each kind. It prints Markdown tables; `--out` keeps them.

use anyhow::{bail, Context as _};
use clap::Args as ClapArgs;
use hankegraph::gen::{self, Options};
use hankegraph::lineage::{Direction, Lineage};
use hankegraph::parse::{available_threads, expand_paths, parse_inputs_with, Input};
use hankegraph::rdf::rfc3339_utc;
use hankegraph::store::{Answer, GraphStore};
use oxigraph::io::RdfFormat;
use oxigraph::model::{Literal, Term};
use oxigraph::store::Store;
use std::fmt::Write as _;
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::{Duration, Instant, SystemTime};

/// Arguments of `bench`.
#[derive(Debug, ClapArgs)]
pub struct Args {
    /// Corpus sizes in cards, comma-separated. Above 89 999 (the code space S10000–S99998) the
    /// corpus is made of several generated corpora whose project codes repeat, so a code then
    /// has several cards.
    #[arg(long, value_delimiter = ',', default_value = "1000,10000,100000")]
    sizes: Vec<usize>,
    /// The generator's seed.
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// Where the corpus files and stores are written while measuring (a new directory below
    /// it, removed at the end).
    #[arg(long, value_name = "DIR", default_value_os_t = std::env::temp_dir())]
    work_dir: PathBuf,
    /// Also write the report (Markdown) to this file.
    #[arg(long, short, value_name = "FILE")]
    out: Option<PathBuf>,
    /// Timings of lineage walks and queries are the median of this many runs.
    #[arg(long, default_value_t = 5, value_name = "N")]
    repeat: usize,
    /// Sizes above this many cards skip the two comparisons of the ingest stage, the ingest
    /// into an in-memory store and Oxigraph's bulk load of the same quads: both hold the whole
    /// store in memory (the in-memory store, the N-Quads dump it loads), which at a million
    /// cards does not fit in 24 GiB. Their columns then read "—".
    #[arg(long, default_value_t = 200_000, value_name = "CARDS")]
    compare_up_to: usize,
    /// The stages to measure, comma-separated (ingest is always run when lineage or queries
    /// are asked for, since they need its store).
    #[arg(
        long,
        value_enum,
        value_delimiter = ',',
        default_value = "parse,ingest,lineage,queries"
    )]
    stages: Vec<Stage>,
}

/// A stage of the benchmark.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
enum Stage {
    /// Parsing on one core and on all cores.
    Parse,
    /// Ingest into the on-disk store and into memory, and Oxigraph's bulk load.
    Ingest,
    /// The lineage graph and a descendants walk.
    Lineage,
    /// Named queries of each kind.
    Queries,
}

/// The cards of one generated corpus at most.
const ROUND: usize = gen::MAX_COUNT;

/// A synthetic corpus of `count` cards (plus decisions), as inputs named by path.
fn corpus(count: usize, seed: u64) -> Vec<Input> {
    let mut inputs = Vec::new();
    let rounds = count.div_ceil(ROUND).max(1);
    for round in 0..rounds {
        let n = (count - round * ROUND).min(ROUND);
        let c = gen::generate(&Options {
            count: n,
            seed: seed.wrapping_add(round as u64),
            ..Options::default()
        });
        let prefix = if rounds == 1 {
            String::new()
        } else {
            format!("round{round}/")
        };
        inputs.extend(c.files.into_iter().map(|f| Input {
            file: format!("{prefix}{}", f.path),
            bytes: f.bytes,
        }));
    }
    inputs
}

/// Peak resident memory since the last [`reset_peak`], in MB (Linux; `None` elsewhere).
fn peak_mb() -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb / 1024.0)
}

/// Resident memory now, in MB.
fn resident_mb() -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmRSS:"))?;
    let kb: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb / 1024.0)
}

/// Starts a new peak: the kernel sets the high-water mark to the resident size now.
fn reset_peak() {
    let _ = std::fs::write("/proc/self/clear_refs", "5");
}

/// `f`'s result, its wall time and the growth of resident memory at its peak above the start.
fn measured<T>(
    f: impl FnOnce() -> anyhow::Result<T>,
) -> anyhow::Result<(T, Duration, Option<f64>)> {
    reset_peak();
    let before = resident_mb();
    let t = Instant::now();
    let out = f()?;
    let elapsed = t.elapsed();
    let growth = peak_mb().zip(before).map(|(p, b)| (p - b).max(0.0));
    Ok((out, elapsed, growth))
}

/// The median wall time of `runs` calls of `f` (at least one), and the last result.
fn median<T>(
    runs: usize,
    mut f: impl FnMut() -> anyhow::Result<T>,
) -> anyhow::Result<(T, Duration)> {
    let mut times = Vec::new();
    let mut last = None;
    for _ in 0..runs.max(1) {
        let t = Instant::now();
        last = Some(f()?);
        times.push(t.elapsed());
    }
    times.sort();
    let out = last.context("no run")?;
    Ok((out, times[times.len() / 2]))
}

/// The quads in the store.
fn quads(store: &GraphStore) -> anyhow::Result<usize> {
    store.len().context("counting the quads")
}

/// The rows a query gives.
fn row_count(answer: Answer) -> usize {
    match answer {
        Answer::Table { rows, .. } => rows.len(),
        Answer::Boolean(_) => 1,
        Answer::Graph(g) => g.len(),
    }
}

/// A Markdown table.
struct Table {
    title: String,
    header: Vec<&'static str>,
    rows: Vec<Vec<String>>,
}

impl Table {
    fn new(title: &str, header: &[&'static str]) -> Self {
        Table {
            title: title.to_owned(),
            header: header.to_vec(),
            rows: Vec::new(),
        }
    }

    fn render(&self) -> String {
        let widths: Vec<usize> = (0..self.header.len())
            .map(|i| {
                self.rows
                    .iter()
                    .filter_map(|r| r.get(i))
                    .map(|c| c.chars().count())
                    .chain([self.header[i].chars().count(), 3])
                    .max()
                    .unwrap_or(3)
            })
            .collect();
        let line = |cells: Vec<&str>| {
            let mut s = String::from("|");
            for (c, w) in cells.iter().zip(&widths) {
                let _ = write!(s, " {c:>w$} |");
            }
            s.push('\n');
            s
        };
        let mut s = format!("### {}\n\n", self.title);
        s.push_str(&line(self.header.clone()));
        s.push('|');
        for w in &widths {
            let _ = write!(s, "{}:|", "-".repeat(w + 1));
        }
        s.push('\n');
        for r in &self.rows {
            s.push_str(&line(r.iter().map(String::as_str).collect()));
        }
        s
    }
}

fn secs(d: Duration) -> String {
    format!("{:.2}", d.as_secs_f64())
}

fn per_s(n: f64, d: Duration) -> String {
    let r = n / d.as_secs_f64().max(1e-9);
    if r >= 100.0 {
        format!("{}", r.round() as u64)
    } else {
        format!("{r:.1}")
    }
}

fn mb(m: Option<f64>) -> String {
    m.map_or_else(|| "n/a".to_owned(), |m| format!("{m:.0}"))
}

fn ms(d: Duration) -> String {
    let m = d.as_secs_f64() * 1e3;
    if m < 0.01 {
        format!("{m:.5}")
    } else if m < 1.0 {
        format!("{m:.3}")
    } else {
        format!("{m:.1}")
    }
}

/// The tables, filled in size by size.
struct Report {
    parse: Table,
    ingest: Table,
    lineage: Table,
    queries: Table,
}

/// Runs `bench`.
pub fn run(args: &Args) -> anyhow::Result<ExitCode> {
    if args.sizes.is_empty() || args.sizes.contains(&0) {
        bail!("--sizes needs one or more sizes above 0");
    }
    let work = args
        .work_dir
        .join(format!("hankegraph-bench-{}", std::process::id()));
    std::fs::create_dir_all(&work).with_context(|| format!("creating {}", work.display()))?;
    let result = measure_all(args, &work, |report| {
        // the report so far, so that a long run that is stopped keeps its figures
        if let Some(out) = &args.out {
            let _ = std::fs::write(out, render(args, report));
        }
    });
    let _ = std::fs::remove_dir_all(&work);
    let report = result?;
    let text = render(args, &report);
    let mut stdout = std::io::stdout().lock();
    stdout.write_all(text.as_bytes())?;
    if let Some(out) = &args.out {
        std::fs::write(out, &text).with_context(|| format!("writing {}", out.display()))?;
        eprintln!("bench: report written to {}", out.display());
    }
    Ok(ExitCode::SUCCESS)
}

fn render(args: &Args, r: &Report) -> String {
    let cpu = std::fs::read_to_string("/proc/cpuinfo")
        .ok()
        .and_then(|c| {
            c.lines()
                .find(|l| l.starts_with("model name"))
                .and_then(|l| l.split_once(':'))
                .map(|(_, m)| m.trim().to_owned())
        })
        .unwrap_or_else(|| "unknown CPU".to_owned());
    let mut s = format!(
        "## hankegraph bench, {}\n\n{} cores ({cpu}), {} build, hankegraph {}, seed {}, sizes {}.\n\n",
        rfc3339_utc(SystemTime::now()),
        available_threads(),
        if cfg!(debug_assertions) { "debug (not optimised: use --release)" } else { "release" },
        env!("CARGO_PKG_VERSION"),
        args.seed,
        args.sizes
            .iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>()
            .join(", "),
    );
    for t in [&r.parse, &r.ingest, &r.lineage, &r.queries] {
        if t.rows.is_empty() {
            continue;
        }
        s.push_str(&t.render());
        s.push('\n');
    }
    s
}

fn measure_all(args: &Args, work: &Path, on_size_done: impl Fn(&Report)) -> anyhow::Result<Report> {
    let threads = available_threads();
    let mut report = Report {
        parse: Table::new(
            "Parsing (bytes in memory → documents)",
            &["cards", "documents", "MB", "1 core s", "1 core MB/s", "1 core docs/s", "cores", "all cores s", "all cores MB/s", "all cores docs/s"],
        ),
        ingest: Table::new(
            "Ingest end to end (files → parsed → RDF → store), against Oxigraph's bulk load of the same quads",
            &["cards", "quads", "disk s", "disk docs/s", "disk quads/s", "disk peak +MB", "memory s", "memory quads/s", "memory peak +MB", "Oxigraph bulk load s", "disk / bulk load"],
        ),
        lineage: Table::new(
            "Lineage: the petgraph graph against the SPARQL property path (on-disk store)",
            &["cards", "projects", "edges", "load s", "root", "descendants", "petgraph ms", "SPARQL ms"],
        ),
        queries: Table::new(
            "Named queries (on-disk store; median of the runs)",
            &["cards", "join: projects ms", "rows", "aggregate: funding-by-funder-year ms", "rows", "text filter: search q=kylä ms", "rows"],
        ),
    };
    for &n in &args.sizes {
        eprintln!("bench: {n} cards: generating");
        let inputs = corpus(n, args.seed);
        let bytes: usize = inputs.iter().map(|i| i.bytes.len()).sum();
        let megabytes = bytes as f64 / 1e6;
        let cards = inputs.iter().filter(|i| i.file.contains("cards/")).count();
        let docs = inputs.len();

        let wants = |stage| args.stages.contains(&stage);
        if wants(Stage::Parse) {
            eprintln!("bench: {n} cards: parsing on 1 and {threads} threads");
            let (_, one, _) = measured(|| Ok(parse_inputs_with(&inputs, 1).len()))?;
            let (_, all, _) = measured(|| Ok(parse_inputs_with(&inputs, threads).len()))?;
            report.parse.rows.push(vec![
                cards.to_string(),
                docs.to_string(),
                format!("{megabytes:.1}"),
                secs(one),
                per_s(megabytes, one),
                per_s(docs as f64, one),
                threads.to_string(),
                secs(all),
                per_s(megabytes, all),
                per_s(docs as f64, all),
            ]);
        }
        if !(wants(Stage::Ingest) || wants(Stage::Lineage) || wants(Stage::Queries)) {
            on_size_done(&report);
            continue;
        }

        let dir = work.join(format!("corpus-{n}"));
        for i in &inputs {
            let path = dir.join(&i.file);
            if let Some(parent) = path.parent() {
                std::fs::create_dir_all(parent)?;
            }
            std::fs::write(&path, &i.bytes)
                .with_context(|| format!("writing {}", path.display()))?;
        }
        drop(inputs);

        eprintln!("bench: {n} cards: ingest into the on-disk store");
        let disk_path = work.join(format!("store-{n}"));
        let (disk, disk_time, disk_peak) = measured(|| {
            let store = GraphStore::open(&disk_path)?;
            ingest(&store, &dir)?;
            Ok(store)
        })?;
        let quad_count = quads(&disk)?;
        let mut row = vec![
            cards.to_string(),
            quad_count.to_string(),
            secs(disk_time),
            per_s(docs as f64, disk_time),
            per_s(quad_count as f64, disk_time),
            mb(disk_peak),
        ];
        if n <= args.compare_up_to {
            eprintln!("bench: {n} cards: ingest into memory");
            let (memory_quads, memory_time, memory_peak) = measured(|| {
                let store = GraphStore::in_memory()?;
                ingest(&store, &dir)?;
                quads(&store)
            })?;
            if memory_quads != quad_count {
                eprintln!(
                    "bench: warning: {memory_quads} quads in memory but {quad_count} on disk"
                );
            }
            eprintln!("bench: {n} cards: Oxigraph's bulk load of the same quads");
            let mut nquads = Vec::new();
            disk.dump(RdfFormat::NQuads, &mut nquads)?;
            let bulk_path = work.join(format!("bulk-{n}"));
            let (_, bulk_time, _) = measured(|| {
                let store = Store::open(&bulk_path)?;
                let mut loader = store.bulk_loader();
                loader.load_from_slice(RdfFormat::NQuads, &nquads)?;
                loader.commit()?;
                Ok(())
            })?;
            drop(nquads);
            let _ = std::fs::remove_dir_all(&bulk_path);
            row.extend([
                secs(memory_time),
                per_s(quad_count as f64, memory_time),
                mb(memory_peak),
                secs(bulk_time),
                format!(
                    "{:.2}",
                    disk_time.as_secs_f64() / bulk_time.as_secs_f64().max(1e-9)
                ),
            ]);
        } else {
            eprintln!(
                "bench: {n} cards: above --compare-up-to {}: no ingest into memory, no reference load",
                args.compare_up_to
            );
            row.extend(std::iter::repeat_n("—".to_owned(), 5));
        }
        report.ingest.rows.push(row);

        if wants(Stage::Lineage) {
            eprintln!("bench: {n} cards: lineage");
            let (lineage, load_time, _) = measured(|| Ok(Lineage::load(&disk)?))?;
            let root = deepest_root(&lineage);
            let (reach, walk) = median(args.repeat.max(50), || {
                Ok(lineage.reach(root, Direction::Down, None).steps.len() - 1)
            })?;
            let code = lineage.project(root).code.clone();
            let params = [("code", code.as_str())];
            let (sparql_rows, sparql) = median(args.repeat, named(&disk, "descendants", &params))?;
            if sparql_rows != reach {
                eprintln!("bench: warning: petgraph finds {reach} descendants of {code}, SPARQL {sparql_rows}");
            }
            report.lineage.rows.push(vec![
                cards.to_string(),
                lineage.len().to_string(),
                lineage.graph().edge_count().to_string(),
                secs(load_time),
                code,
                reach.to_string(),
                ms(walk),
                ms(sparql),
            ]);
        }

        if wants(Stage::Queries) {
            eprintln!("bench: {n} cards: named queries");
            let mut row = vec![cards.to_string()];
            for (name, params) in [
                ("projects", &[][..]),
                ("funding-by-funder-year", &[][..]),
                ("search", &[("q", "kylä")][..]),
            ] {
                let (rows, t) = median(args.repeat, named(&disk, name, params))?;
                row.push(ms(t));
                row.push(rows.to_string());
            }
            report.queries.rows.push(row);
        }
        drop(disk);
        let _ = std::fs::remove_dir_all(&disk_path);
        let _ = std::fs::remove_dir_all(&dir);
        on_size_done(&report);
    }
    Ok(report)
}

/// A closure running the named query `name` with string parameters, giving its row count.
fn named<'a>(
    store: &'a GraphStore,
    name: &'a str,
    params: &'a [(&'a str, &'a str)],
) -> impl FnMut() -> anyhow::Result<usize> + 'a {
    move || {
        let q = hankegraph::queries::find(name).with_context(|| format!("no query {name}"))?;
        let bound: Vec<(String, Term)> = params
            .iter()
            .map(|(k, v)| ((*k).to_owned(), Term::from(Literal::new_simple_literal(*v))))
            .collect();
        Ok(row_count(store.query(q.text, &bound)?))
    }
}

/// Reads, parses and bulk-loads the corpus in `dir`, as `hankegraph ingest DIR` does (in
/// passes, so that memory does not grow with the corpus).
fn ingest(store: &GraphStore, dir: &Path) -> anyhow::Result<()> {
    let (files, errors) = expand_paths(&[dir.to_path_buf()]);
    if let Some(e) = errors.first() {
        bail!("{e}");
    }
    let mut exit_code = ExitCode::SUCCESS;
    let counts = super::ingest::ingest_streamed(
        store,
        &files,
        hankegraph::store::DEFAULT_LOAD_MEMORY_MB,
        false,
        &mut exit_code,
    )?;
    if exit_code != ExitCode::SUCCESS || counts.read != files.len() {
        bail!("{} of {} files could be read", counts.read, files.len());
    }
    Ok(())
}

/// The project with the most descendants (the first such by code): the longest walk down.
fn deepest_root(lineage: &Lineage) -> petgraph::graph::NodeIndex {
    let mut best = (0usize, None);
    for family in lineage.families() {
        if family.members.len() <= best.0 {
            continue;
        }
        for n in family.members.iter().filter_map(|c| lineage.node(c)) {
            let reach = lineage.reach(n, Direction::Down, None).steps.len();
            if reach > best.0 || best.1.is_none() {
                best = (reach, Some(n));
            }
        }
    }
    best.1.unwrap_or_default()
}
