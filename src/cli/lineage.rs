//! `hankegraph lineage`, `path` and `families`: petgraph over the lineage in the store.

use super::store_args::StoreArgs;
use anyhow::Context as _;
use clap::{Args as ClapArgs, ValueEnum};
use hankegraph::lineage::dot::{self, DotOptions};
use hankegraph::lineage::svg::{self, Renderer};
use hankegraph::lineage::text::{evidence_summary, facts, tree};
use hankegraph::lineage::{Direction, Family, Lineage, Link, Problem, Project, View};
use serde::Serialize;
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

/// Output formats of `lineage`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// An indented tree for the terminal.
    Text,
    /// The projects, links and problems as JSON.
    Json,
    /// A Graphviz diagram (DOT source).
    Dot,
    /// An SVG image, drawn by Graphviz `dot` when installed, else by the built-in layout.
    Svg,
}

/// Who draws SVG.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum RendererArg {
    /// Graphviz `dot` when it can be run ($HANKEGRAPH_DOT or `dot` on the PATH), else built-in.
    Auto,
    /// Graphviz only; an error when it is missing.
    Graphviz,
    /// The built-in layout (no Graphviz needed).
    Builtin,
}

impl From<RendererArg> for Renderer {
    fn from(r: RendererArg) -> Self {
        match r {
            RendererArg::Auto => Renderer::Auto,
            RendererArg::Graphviz => Renderer::Graphviz,
            RendererArg::Builtin => Renderer::Builtin,
        }
    }
}

/// Options shared by the commands that draw diagrams.
#[derive(Debug, ClapArgs)]
pub struct DrawArgs {
    /// With dot/svg: draw implementing organisations too, so that shared implementers link
    /// families.
    #[arg(long)]
    pub implementers: bool,
    /// With svg: who draws it.
    #[arg(long, value_enum, default_value_t = RendererArg::Auto)]
    pub renderer: RendererArg,
    /// Write to this file instead of standard output.
    #[arg(long, short, value_name = "FILE")]
    pub output: Option<PathBuf>,
}

impl DrawArgs {
    /// Opens the output.
    pub fn writer(&self) -> anyhow::Result<Box<dyn Write>> {
        Ok(match &self.output {
            Some(p) => Box::new(std::io::BufWriter::new(
                std::fs::File::create(p).with_context(|| format!("creating {}", p.display()))?,
            )),
            None => Box::new(std::io::BufWriter::new(std::io::stdout().lock())),
        })
    }

    /// Draws `view` as DOT or SVG into the output; says on stderr who drew an SVG.
    pub fn draw(
        &self,
        lineage: &Lineage,
        view: &View,
        svg_format: bool,
        title: Option<String>,
    ) -> anyhow::Result<()> {
        let options = DotOptions {
            implementers: self.implementers,
            title,
        };
        let text = if svg_format {
            let drawn = svg::render(lineage, view, &options, self.renderer.into())?;
            if drawn.renderer == "builtin" && self.renderer == RendererArg::Auto {
                eprintln!(
                    "hankegraph: Graphviz `{}` not found; drawn with the built-in layout",
                    svg::graphviz_program()
                );
            }
            drawn.text
        } else {
            dot::write(lineage, view, &options)
        };
        let mut out = self.writer()?;
        out.write_all(text.as_bytes())?;
        out.flush()?;
        Ok(())
    }
}

/// Arguments of `lineage`.
#[derive(Debug, ClapArgs)]
#[command(group = clap::ArgGroup::new("direction").args(["up", "down", "both"]))]
pub struct Args {
    #[command(flatten)]
    store: StoreArgs,
    /// The project, e.g. S20474.
    code: String,
    /// What came before: predecessors, their predecessors, …
    #[arg(long)]
    up: bool,
    /// What became of it: successors, their successors, …
    #[arg(long)]
    down: bool,
    /// The whole family, linked in either direction, parallel projects included (the default).
    #[arg(long)]
    both: bool,
    /// At most this many steps from the project.
    #[arg(long, value_name = "N")]
    depth: Option<usize>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    format: Format,
    #[command(flatten)]
    draw: DrawArgs,
}

/// A project in JSON output, with its distance from the project asked about.
#[derive(Serialize)]
struct JsonProject<'a> {
    #[serde(flatten)]
    project: &'a Project,
    steps: usize,
}

/// A link in JSON output.
#[derive(Serialize)]
struct JsonLink<'a> {
    from: &'a str,
    to: &'a str,
    #[serde(flatten)]
    link: &'a Link,
}

#[derive(Serialize)]
struct JsonLineage<'a> {
    code: &'a str,
    direction: Direction,
    #[serde(skip_serializing_if = "Option::is_none")]
    depth: Option<usize>,
    projects: Vec<JsonProject<'a>>,
    links: Vec<JsonLink<'a>>,
    problems: Vec<Problem>,
}

fn links_of<'a>(lineage: &'a Lineage, view: &View) -> Vec<JsonLink<'a>> {
    lineage
        .edges_within(&view.nodes)
        .into_iter()
        .map(|(e, a, b)| JsonLink {
            from: &lineage.project(a).code,
            to: &lineage.project(b).code,
            link: lineage.link(e),
        })
        .collect()
}

fn write_json(out: &mut dyn Write, value: &impl Serialize) -> anyhow::Result<()> {
    serde_json::to_writer_pretty(&mut *out, value)?;
    writeln!(out)?;
    out.flush()?;
    Ok(())
}

fn print_problems(out: &mut dyn Write, problems: &[Problem]) -> std::io::Result<()> {
    if problems.is_empty() {
        return Ok(());
    }
    writeln!(out, "\nproblems in this lineage ({}):", problems.len())?;
    for p in problems {
        writeln!(out, "  {p}")?;
    }
    Ok(())
}

/// Runs `lineage`.
pub fn run(args: &Args) -> anyhow::Result<ExitCode> {
    let store = args.store.open()?;
    let lineage = Lineage::load(&store).context("loading the lineage from the store")?;
    let root = lineage.require(&args.code)?;
    let direction = if args.up {
        Direction::Up
    } else if args.down {
        Direction::Down
    } else {
        Direction::Both
    };
    let reach = lineage.reach(root, direction, args.depth);
    let view = reach.view();
    let problems = lineage.problems_in(&view);
    let code = lineage.project(root).code.clone();
    match args.format {
        Format::Text => {
            let mut out = args.draw.writer()?;
            let what = match direction {
                Direction::Up => "what came before",
                Direction::Down => "what became of it",
                Direction::Both => "its whole family",
            };
            let others = reach.steps.len() - 1;
            writeln!(
                out,
                "{code}: {what} — {others} other project{}{}\n",
                if others == 1 { "" } else { "s" },
                args.depth
                    .map(|d| format!(" within {d} steps"))
                    .unwrap_or_default()
            )?;
            write!(out, "{}", tree(&lineage, &reach))?;
            print_problems(&mut out, &problems)?;
            out.flush()?;
        }
        Format::Json => {
            let value = JsonLineage {
                code: &code,
                direction,
                depth: args.depth,
                projects: reach
                    .steps
                    .iter()
                    .map(|&(n, steps)| JsonProject {
                        project: lineage.project(n),
                        steps,
                    })
                    .collect(),
                links: links_of(&lineage, &view),
                problems,
            };
            write_json(&mut args.draw.writer()?, &value)?;
        }
        Format::Dot | Format::Svg => {
            for p in &problems {
                eprintln!("hankegraph: warning: {p}");
            }
            let title = format!("Lineage of {code}");
            args.draw
                .draw(&lineage, &view, args.format == Format::Svg, Some(title))?;
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// Output formats of `path` and `families`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ListFormat {
    /// Readable text.
    Text,
    /// JSON.
    Json,
}

/// Arguments of `path`.
#[derive(Debug, ClapArgs)]
pub struct PathArgs {
    #[command(flatten)]
    store: StoreArgs,
    /// The earlier project, e.g. S20129.
    from: String,
    /// The later project, e.g. S21315.
    to: String,
    /// Output format.
    #[arg(long, value_enum, default_value_t = ListFormat::Text)]
    format: ListFormat,
}

#[derive(Serialize)]
struct JsonPath<'a> {
    from: &'a str,
    to: &'a str,
    /// "forward" (TO continues FROM), "backward" (FROM continues TO), or "none".
    found: &'static str,
    projects: Vec<&'a Project>,
    links: Vec<JsonLink<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    same_family: Option<String>,
}

/// Runs `path`. Exit code 1 when there is no lineage path either way.
pub fn run_path(args: &PathArgs) -> anyhow::Result<ExitCode> {
    let store = args.store.open()?;
    let lineage = Lineage::load(&store).context("loading the lineage from the store")?;
    let (a, b) = (lineage.require(&args.from)?, lineage.require(&args.to)?);
    let (ca, cb) = (
        lineage.project(a).code.clone(),
        lineage.project(b).code.clone(),
    );
    let (found, chain) = match lineage.path(a, b) {
        Some(p) => ("forward", p),
        None => match lineage.path(b, a) {
            Some(p) => ("backward", p),
            None => ("none", Vec::new()),
        },
    };
    let family = lineage.family_of(a);
    let same_family = (found == "none" && family.contains(&b) && a != b).then(|| {
        family
            .iter()
            .map(|&n| lineage.project(n).code.clone())
            .min()
            .unwrap_or_default()
    });
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    match args.format {
        ListFormat::Json => {
            let view = View {
                nodes: chain.iter().copied().collect(),
                focus: None,
            };
            // only the links along the chain
            let links = links_of(&lineage, &view)
                .into_iter()
                .filter(|l| {
                    chain.windows(2).any(|w| {
                        lineage.project(w[0]).code == l.from && lineage.project(w[1]).code == l.to
                    })
                })
                .collect();
            write_json(
                &mut out,
                &JsonPath {
                    from: &ca,
                    to: &cb,
                    found,
                    projects: chain.iter().map(|&n| lineage.project(n)).collect(),
                    links,
                    same_family,
                },
            )?;
        }
        ListFormat::Text => {
            if chain.is_empty() {
                writeln!(out, "no lineage path between {ca} and {cb}")?;
                if let Some(f) = &same_family {
                    writeln!(
                        out,
                        "(both are in the family {f}, linked through a common predecessor or successor or a parallel project; `hankegraph lineage {ca}` shows it)"
                    )?;
                }
            } else {
                let codes: Vec<&str> = chain
                    .iter()
                    .map(|&n| lineage.project(n).code.as_str())
                    .collect();
                let steps = chain.len() - 1;
                if found == "backward" {
                    writeln!(out, "{ca} continues {cb}: the path runs the other way")?;
                }
                writeln!(
                    out,
                    "{}  ({steps} step{})\n",
                    codes.join(" → "),
                    if steps == 1 { "" } else { "s" }
                )?;
                for (i, &n) in chain.iter().enumerate() {
                    let p = lineage.project(n);
                    if i > 0 {
                        if let Some(e) = lineage.graph().find_edge(chain[i - 1], n) {
                            writeln!(
                                out,
                                "   │  continued by ({})",
                                evidence_summary(lineage.link(e))
                            )?;
                        }
                    }
                    writeln!(out, "{}  {}", p.code, p.name.as_deref().unwrap_or(""))?;
                    writeln!(out, "{}  {}", " ".repeat(p.code.chars().count()), facts(p))?;
                }
            }
        }
    }
    out.flush()?;
    Ok(if found == "none" {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

/// Arguments of `families`.
#[derive(Debug, ClapArgs)]
pub struct FamiliesArgs {
    #[command(flatten)]
    store: StoreArgs,
    /// List the projects without any lineage too (families of one).
    #[arg(long)]
    all: bool,
    /// Output format.
    #[arg(long, value_enum, default_value_t = ListFormat::Text)]
    format: ListFormat,
}

#[derive(Serialize)]
struct JsonFamilies<'a> {
    families: Vec<&'a Family>,
    problems: Vec<Problem>,
}

/// Runs `families`.
pub fn run_families(args: &FamiliesArgs) -> anyhow::Result<ExitCode> {
    let store = args.store.open()?;
    let lineage = Lineage::load(&store).context("loading the lineage from the store")?;
    let families = lineage.families();
    let problems = lineage.problems();
    let shown: Vec<&Family> = families
        .iter()
        .filter(|f| args.all || f.members.len() > 1)
        .collect();
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    match args.format {
        ListFormat::Json => write_json(
            &mut out,
            &JsonFamilies {
                families: shown,
                problems,
            },
        )?,
        ListFormat::Text => {
            let rows: Vec<[String; 5]> = shown
                .iter()
                .map(|f| {
                    [
                        f.id.clone(),
                        format!("{} ({} with card)", f.members.len(), f.with_card),
                        f.years(),
                        if f.funding_unknown > 0 && f.funding.cents() > 0 {
                            format!("≥ {}", hankegraph::lineage::euros_fi(f.funding))
                        } else if f.funding.cents() > 0 {
                            hankegraph::lineage::euros_fi(f.funding)
                        } else {
                            "unknown".to_owned()
                        },
                        f.members.join(", "),
                    ]
                })
                .collect();
            let header = ["family", "projects", "years", "funding", "members"];
            let widths: Vec<usize> = (0..5)
                .map(|i| {
                    rows.iter()
                        .map(|r| r[i].chars().count())
                        .chain([header[i].chars().count()])
                        .max()
                        .unwrap_or(0)
                })
                .collect();
            let line = |cells: [&str; 5]| -> String {
                let mut s = String::new();
                for (i, c) in cells.iter().enumerate() {
                    if i == 3 {
                        s.push_str(&format!("{c:>w$}  ", w = widths[i]));
                    } else if i == 4 {
                        s.push_str(c);
                    } else {
                        s.push_str(&format!("{c:<w$}  ", w = widths[i]));
                    }
                }
                s
            };
            writeln!(out, "{}", line(header))?;
            for r in &rows {
                writeln!(out, "{}", line([&r[0], &r[1], &r[2], &r[3], &r[4]]))?;
            }
            let singles = families.iter().filter(|f| f.members.len() == 1).count();
            writeln!(
                out,
                "\n{} famil{} of two or more projects; {singles} project{} without lineage{}",
                families.len() - singles,
                if families.len() - singles == 1 {
                    "y"
                } else {
                    "ies"
                },
                if singles == 1 { "" } else { "s" },
                if args.all { "" } else { " (--all lists them)" }
            )?;
            writeln!(out, "funding: realised public funding from the cards; ≥ where a member has no known amount")?;
            if problems.is_empty() {
                writeln!(
                    out,
                    "no lineage problems (cycles, self-successors, early starts)"
                )?;
            } else {
                print_problems(&mut out, &problems)?;
            }
        }
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}
