//! The lineage as SVG: rendered by Graphviz `dot` from the [DOT text](super::dot) when it is
//! installed, or by a built-in layout when it is not, so that `--format svg` works anywhere.
//!
//! The built-in layout is made for this one kind of diagram rather than for graphs in
//! general: a column per year (start years, left to right, every year in between kept so the
//! spacing is true to time), a band of rows per family with its frame and label, projects
//! placed on the row of their predecessor when it is free, so that a chain of continuations
//! reads as a line. Nodes sit on a grid, so they never overlap. Each project is one
//! `<g class="node project">` group with a `<title>` of its code, as in Graphviz's output.

use super::dot::{self, edge_label, label_lines, wrap, DotOptions};
use super::{Lineage, LinkKind, Problem, View};
use petgraph::graph::NodeIndex;
use petgraph::visit::EdgeRef;
use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::io::Write as _;
use std::process::{Command, Stdio};

/// Who draws the SVG.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Renderer {
    /// Graphviz `dot` when it can be run, the built-in layout otherwise.
    #[default]
    Auto,
    /// Graphviz `dot` only (an error when it cannot be run).
    Graphviz,
    /// The built-in layout only.
    Builtin,
}

/// Why no SVG could be drawn.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum SvgError {
    /// Graphviz was asked for and could not be started.
    #[error("cannot run Graphviz `{program}` ({source}); install graphviz, or use the built-in renderer")]
    GraphvizMissing {
        /// The program tried.
        program: String,
        /// Why it could not start.
        source: std::io::Error,
    },
    /// Graphviz ran and failed.
    #[error("Graphviz `{program}` failed ({status}): {stderr}")]
    GraphvizFailed {
        /// The program.
        program: String,
        /// Its exit status.
        status: String,
        /// What it printed on stderr.
        stderr: String,
    },
}

/// An SVG and who drew it (`"graphviz"` or `"builtin"`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Svg {
    /// The SVG document.
    pub text: String,
    /// `"graphviz"` or `"builtin"`.
    pub renderer: &'static str,
}

/// The Graphviz program: `$HANKEGRAPH_DOT`, or `dot` on the PATH.
pub fn graphviz_program() -> String {
    std::env::var("HANKEGRAPH_DOT")
        .ok()
        .filter(|s| !s.trim().is_empty())
        .unwrap_or_else(|| "dot".to_owned())
}

/// Runs Graphviz on DOT text with `-T<format>` (svg, png, …) and returns its output.
pub fn run_graphviz(dot_text: &str, format: &str) -> Result<Vec<u8>, SvgError> {
    let program = graphviz_program();
    let mut child = Command::new(&program)
        .arg(format!("-T{format}"))
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|source| SvgError::GraphvizMissing {
            program: program.clone(),
            source,
        })?;
    // write on a thread, so that a large output cannot block the writer
    let input = dot_text.as_bytes().to_vec();
    let stdin = child.stdin.take();
    let writer = std::thread::spawn(move || {
        if let Some(mut stdin) = stdin {
            let _ = stdin.write_all(&input);
        }
    });
    let output = child
        .wait_with_output()
        .map_err(|source| SvgError::GraphvizMissing {
            program: program.clone(),
            source,
        })?;
    let _ = writer.join();
    if !output.status.success() || output.stdout.is_empty() {
        return Err(SvgError::GraphvizFailed {
            program,
            status: output.status.to_string(),
            stderr: String::from_utf8_lossy(&output.stderr).trim().to_owned(),
        });
    }
    Ok(output.stdout)
}

/// Draws a view as SVG.
pub fn render(
    lineage: &Lineage,
    view: &View,
    options: &DotOptions,
    renderer: Renderer,
) -> Result<Svg, SvgError> {
    if renderer != Renderer::Builtin {
        match run_graphviz(&dot::write(lineage, view, options), "svg") {
            Ok(bytes) => {
                return Ok(Svg {
                    text: String::from_utf8_lossy(&bytes).into_owned(),
                    renderer: "graphviz",
                })
            }
            Err(e) if renderer == Renderer::Graphviz => return Err(e),
            Err(_) => {}
        }
    }
    Ok(Svg {
        text: builtin(lineage, view, options),
        renderer: "builtin",
    })
}

/// Escapes text for SVG/XML content and attribute values.
pub fn xml_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for ch in s.chars() {
        match ch {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            // characters XML 1.0 does not allow
            c if (c as u32) < 0x20 && !matches!(c, '\t' | '\n' | '\r') => out.push(' '),
            '\u{FFFE}' | '\u{FFFF}' => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

const MARGIN: f64 = 24.0;
const AXIS: f64 = 34.0;
const NODE_W: f64 = 200.0;
const NODE_H: f64 = 78.0;
const ORG_W: f64 = 170.0;
const GAP_X: f64 = 70.0;
const GAP_Y: f64 = 26.0;
const BAND_GAP: f64 = 34.0;
const LINE: f64 = 13.0;

/// What occupies a grid cell.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Item {
    Project(NodeIndex),
    Organisation(String),
    /// A cell kept free for an edge from a project to its organisation further right.
    Gap,
}

struct Grid {
    cells: BTreeMap<(usize, usize), Item>,
    /// Per column, one past the lowest row taken.
    next_free: BTreeMap<usize, usize>,
    /// The lowest row taken.
    bottom: Option<usize>,
    /// Per band: first column, last column, lowest row.
    extent: BTreeMap<usize, (usize, usize, usize)>,
    at: BTreeMap<Item, (usize, usize)>,
    band_of_row: BTreeMap<usize, usize>,
}

impl Grid {
    fn free(&self, row: usize, col: usize) -> bool {
        !self.cells.contains_key(&(row, col))
    }

    /// The row for something that needs the cells `cols` free: `preferred` when they are,
    /// else the first row of the band from `top` below everything already in those columns
    /// (a hole higher up is left, so that placing stays linear in the number of items).
    fn row_for(
        &self,
        cols: std::ops::RangeInclusive<usize>,
        preferred: usize,
        top: usize,
    ) -> usize {
        if preferred >= top && cols.clone().all(|c| self.free(preferred, c)) {
            return preferred;
        }
        cols.map(|c| self.next_free.get(&c).copied().unwrap_or(0))
            .max()
            .unwrap_or(0)
            .max(top)
    }

    fn put(&mut self, item: Item, row: usize, col: usize, band: usize) {
        self.cells.insert((row, col), item.clone());
        let next = self.next_free.entry(col).or_insert(0);
        *next = (*next).max(row + 1);
        self.bottom = Some(self.bottom.map_or(row, |b| b.max(row)));
        let e = self.extent.entry(band).or_insert((col, col, row));
        *e = (e.0.min(col), e.1.max(col), e.2.max(row));
        if item != Item::Gap {
            self.at.insert(item, (row, col));
        }
        self.band_of_row.insert(row, band);
    }

    /// Places a project in `col` and, on the same row, the organisations that carried its work
    /// on (`orgs`: name and column, not yet placed), keeping the cells between them free so
    /// that no edge runs under a box.
    fn place_project(
        &mut self,
        n: NodeIndex,
        col: usize,
        orgs: &[(String, usize)],
        preferred: usize,
        (top, band): (usize, usize),
    ) {
        let reach = orgs.iter().map(|o| o.1).max().unwrap_or(col).max(col);
        let row = self.row_for(col..=reach, preferred, top);
        self.put(Item::Project(n), row, col, band);
        for c in col + 1..=reach {
            if !orgs.iter().any(|o| o.1 == c) {
                self.put(Item::Gap, row, c, band);
            }
        }
        for (name, c) in orgs {
            let r = self.row_for(*c..=*c, row, top);
            self.put(Item::Organisation(name.clone()), r, *c, band);
        }
    }

    fn bottom(&self) -> Option<usize> {
        self.bottom
    }
}

/// The built-in layout (see the module documentation).
pub fn builtin(lineage: &Lineage, view: &View, options: &DotOptions) -> String {
    let nodes = &view.nodes;
    // columns: start years, then the column after a predecessor, before a successor
    let mut year_of: BTreeMap<NodeIndex, i32> = nodes
        .iter()
        .filter_map(|&n| lineage.project(n).start_year().map(|y| (n, y)))
        .collect();
    for _ in 0..nodes.len().min(64) {
        let mut changed = false;
        for &n in nodes {
            if year_of.contains_key(&n) {
                continue;
            }
            let g = lineage.graph();
            let from_pred = g
                .edges_directed(n, petgraph::Direction::Incoming)
                .filter(|e| e.weight().kind == LinkKind::Continuation)
                .filter_map(|e| year_of.get(&e.source()).map(|y| y + 1))
                .max();
            let from_succ = g
                .edges_directed(n, petgraph::Direction::Outgoing)
                .filter(|e| e.weight().kind == LinkKind::Continuation)
                .filter_map(|e| year_of.get(&e.target()).map(|y| y - 1))
                .min();
            if let Some(y) = from_pred.or(from_succ) {
                year_of.insert(n, y);
                changed = true;
            }
        }
        if !changed {
            break;
        }
    }
    let mut continuers: BTreeMap<String, (Vec<NodeIndex>, Option<i32>)> = BTreeMap::new();
    for &n in nodes {
        let p = lineage.project(n);
        for o in &p.continued_by {
            let e = continuers.entry(o.clone()).or_default();
            e.0.push(n);
            e.1 = e.1.max(
                p.end
                    .map(|d| d.year() + 1)
                    .or(year_of.get(&n).map(|y| y + 1)),
            );
        }
    }
    let years: BTreeSet<i32> = year_of
        .values()
        .copied()
        .chain(continuers.values().filter_map(|c| c.1))
        .collect();
    let first = years.first().copied().unwrap_or(2014);
    let last = years.last().copied().unwrap_or(first).max(first);
    // a span beyond 60 years is bad data; keep the picture bounded
    let last = last.min(first + 60);
    let col_of = |y: Option<i32>| -> usize {
        let y = y.unwrap_or(first).clamp(first, last);
        usize::try_from(y - first).unwrap_or(0)
    };

    // rows: a band per family (largest first), then the single projects
    let mut grid = Grid {
        cells: BTreeMap::new(),
        next_free: BTreeMap::new(),
        bottom: None,
        extent: BTreeMap::new(),
        at: BTreeMap::new(),
        band_of_row: BTreeMap::new(),
    };
    let families = lineage.families_in(view);
    let mut frames: Vec<(String, usize, usize)> = Vec::new(); // (label, top row, band)
    let mut band = 0;
    let mut top = 0;
    let (multi, single): (Vec<_>, Vec<_>) = families.into_iter().partition(|(_, m)| m.len() > 1);
    let orgs_of = |grid: &Grid, n: NodeIndex| -> Vec<(String, usize)> {
        lineage
            .project(n)
            .continued_by
            .iter()
            .filter(|name| !grid.at.contains_key(&Item::Organisation((*name).clone())))
            .filter_map(|name| continuers.get(name).map(|c| (name.clone(), col_of(c.1))))
            .collect()
    };
    for (family, members) in multi {
        let mut order = members.clone();
        order.sort_by_key(|&n| (year_of.get(&n).copied(), lineage.project(n).code.clone()));
        for n in order {
            let col = col_of(year_of.get(&n).copied());
            let preferred = lineage
                .graph()
                .edges_directed(n, petgraph::Direction::Incoming)
                .filter_map(|e| grid.at.get(&Item::Project(e.source())).map(|&(r, _)| r))
                .min()
                .unwrap_or(top);
            let orgs = orgs_of(&grid, n);
            grid.place_project(n, col, &orgs, preferred, (top, band));
        }
        frames.push((family.caption(), top, band));
        top = grid.bottom().map_or(top, |b| b + 1);
        band += 1;
    }
    let singles_top = top;
    for (_, members) in single {
        for n in members {
            let col = col_of(year_of.get(&n).copied());
            let orgs = orgs_of(&grid, n);
            grid.place_project(n, col, &orgs, singles_top, (singles_top, band));
        }
    }
    // continuers not yet placed (their project was placed after them), then implementers
    let mut orgs: Vec<(String, usize)> = continuers
        .iter()
        .filter(|(n, _)| !grid.at.contains_key(&Item::Organisation((*n).clone())))
        .map(|(n, (_, y))| (n.clone(), col_of(*y)))
        .collect();
    let mut implementers: BTreeMap<String, Vec<NodeIndex>> = BTreeMap::new();
    if options.implementers {
        for &n in nodes {
            for o in &lineage.project(n).implementers {
                implementers.entry(o.clone()).or_default().push(n);
            }
        }
        for (name, projects) in &implementers {
            if !continuers.contains_key(name) {
                let col = projects
                    .iter()
                    .map(|n| col_of(year_of.get(n).copied()))
                    .min()
                    .unwrap_or(0);
                orgs.push((name.clone(), col));
            }
        }
    }
    if !orgs.is_empty() {
        band += 1;
        let orgs_top = grid.bottom().map_or(0, |b| b + 1);
        for (name, col) in orgs {
            let row = grid.row_for(col..=col, orgs_top, orgs_top);
            grid.put(Item::Organisation(name), row, col, band);
        }
    }

    // coordinates
    let x_of = |col: usize| MARGIN + col as f64 * (NODE_W + GAP_X);
    let y_of = |row: usize| {
        let band = grid.band_of_row.get(&row).copied().unwrap_or(0);
        MARGIN + AXIS + BAND_GAP + row as f64 * (NODE_H + GAP_Y) + band as f64 * BAND_GAP
    };
    let columns = usize::try_from(last - first).unwrap_or(0) + 1;
    let width = MARGIN * 2.0 + columns as f64 * (NODE_W + GAP_X) - GAP_X;
    let height = grid
        .bottom()
        .map_or(MARGIN * 2.0 + AXIS, |b| y_of(b) + NODE_H + MARGIN);
    let title_h = if options.title.is_some() { 28.0 } else { 0.0 };

    let mut s = String::new();
    let _ = writeln!(
        s,
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{w:.0}\" height=\"{h:.0}\" viewBox=\"0 0 {w:.0} {h:.0}\" font-family=\"Helvetica, Arial, sans-serif\">",
        w = width,
        h = height + title_h
    );
    let _ = writeln!(s, "<defs><marker id=\"arrow\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" markerWidth=\"8\" markerHeight=\"8\" orient=\"auto-start-reverse\"><path d=\"M0,0 L10,5 L0,10 z\" fill=\"context-stroke\"/></marker>\
<marker id=\"arrow-red\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" markerWidth=\"8\" markerHeight=\"8\" orient=\"auto\"><path d=\"M0,0 L10,5 L0,10 z\" fill=\"#c0392b\"/></marker>\
<marker id=\"arrow-blue\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" markerWidth=\"8\" markerHeight=\"8\" orient=\"auto\"><path d=\"M0,0 L10,5 L0,10 z\" fill=\"#3b6ea5\"/></marker></defs>");
    let _ = writeln!(s, "<rect width=\"100%\" height=\"100%\" fill=\"white\"/>");
    if let Some(t) = &options.title {
        let _ = writeln!(
            s,
            "<text x=\"{:.0}\" y=\"{:.0}\" font-size=\"16\" text-anchor=\"middle\">{}</text>",
            width / 2.0,
            MARGIN,
            xml_escape(t)
        );
    }
    let _ = writeln!(s, "<g transform=\"translate(0,{title_h:.0})\">");
    // the year axis
    let _ = writeln!(s, "<g class=\"axis\">");
    for (i, y) in (first..=last).enumerate() {
        let x = x_of(i) + NODE_W / 2.0;
        let _ = writeln!(s, "<text x=\"{x:.0}\" y=\"{:.0}\" font-size=\"13\" fill=\"#777777\" text-anchor=\"middle\">{y}</text>", MARGIN + 14.0);
        let _ = writeln!(
            s,
            "<line x1=\"{x:.0}\" y1=\"{:.0}\" x2=\"{x:.0}\" y2=\"{:.0}\" stroke=\"#eeeeee\"/>",
            MARGIN + 22.0,
            height - MARGIN / 2.0
        );
    }
    let _ = writeln!(s, "</g>");
    // family frames
    for (label, top_row, band) in &frames {
        let Some(&(c0, c1, r1)) = grid.extent.get(band) else {
            continue;
        };
        let (x0, x1) = (x_of(c0) - 12.0, x_of(c1) + NODE_W + 12.0);
        let (y0, y1) = (y_of(*top_row) - 24.0, y_of(r1) + NODE_H + 10.0);
        let _ = writeln!(s, "<g class=\"family\"><rect x=\"{x0:.0}\" y=\"{y0:.0}\" width=\"{:.0}\" height=\"{:.0}\" rx=\"8\" fill=\"none\" stroke=\"#b0b0b0\"/><text x=\"{:.0}\" y=\"{:.0}\" font-size=\"11\" fill=\"#444444\">{}</text></g>", x1 - x0, y1 - y0, x0 + 8.0, y0 + 15.0, xml_escape(label));
    }
    // edges under the nodes
    let problems = lineage.problems_in(view);
    let bad: BTreeSet<(String, String)> = problems
        .iter()
        .flat_map(|p: &Problem| {
            p.edges()
                .into_iter()
                .map(|e| (e.from.clone(), e.to.clone()))
        })
        .collect();
    let center = |item: &Item| -> Option<(f64, f64, f64)> {
        let &(r, c) = grid.at.get(item)?;
        let w = if matches!(item, Item::Organisation(_)) {
            ORG_W
        } else {
            NODE_W
        };
        Some((x_of(c), y_of(r), w))
    };
    for (e, a, b) in lineage.edges_within(nodes) {
        let link = lineage.link(e);
        let (Some(pa), Some(pb)) = (center(&Item::Project(a)), center(&Item::Project(b))) else {
            continue;
        };
        let (ca, cb) = (&lineage.project(a).code, &lineage.project(b).code);
        let is_bad = bad.contains(&(ca.clone(), cb.clone()));
        let colour = if is_bad { "#c0392b" } else { "#3b6ea5" };
        let (dash, marker) = match link.kind {
            LinkKind::Parallel => (" stroke-dasharray=\"5,4\"", String::new()),
            LinkKind::Continuation => (
                "",
                format!(
                    " marker-end=\"url(#{})\"",
                    if is_bad { "arrow-red" } else { "arrow-blue" }
                ),
            ),
        };
        let (path, lx, ly) = connect(pa, pb);
        let label = match link.kind {
            LinkKind::Parallel => format!("parallel · {}", edge_label(link)),
            LinkKind::Continuation => edge_label(link),
        };
        let _ = writeln!(s, "<g class=\"edge\"><title>{} → {}</title><path d=\"{path}\" fill=\"none\" stroke=\"{colour}\" stroke-width=\"{}\"{dash}{marker}/><text x=\"{lx:.0}\" y=\"{ly:.0}\" font-size=\"9\" fill=\"#555555\" text-anchor=\"middle\" stroke=\"white\" stroke-width=\"3\" paint-order=\"stroke\">{}</text></g>",
            xml_escape(ca), xml_escape(cb), if is_bad { 2 } else { 1 }, xml_escape(&label));
    }
    for (name, (projects, _)) in &continuers {
        for p in projects {
            if let (Some(pa), Some(pb)) = (
                center(&Item::Project(*p)),
                center(&Item::Organisation(name.clone())),
            ) {
                let (path, _, _) = connect(pa, pb);
                let _ = writeln!(s, "<path class=\"carried-on\" d=\"{path}\" fill=\"none\" stroke=\"#b8860b\" stroke-dasharray=\"2,3\" marker-end=\"url(#arrow)\"/>");
            }
        }
    }
    for (name, projects) in &implementers {
        for p in projects {
            if let (Some((ox, oy, ow)), Some((px, py, pw))) = (
                center(&Item::Organisation(name.clone())),
                center(&Item::Project(*p)),
            ) {
                // straight and faint: implementers are context, lineage is the subject
                let (y1, y2) = if oy > py {
                    (oy, py + NODE_H)
                } else {
                    (oy + NODE_H, py)
                };
                let _ = writeln!(s, "<line class=\"implements\" x1=\"{:.0}\" y1=\"{y1:.0}\" x2=\"{:.0}\" y2=\"{y2:.0}\" stroke=\"#999999\" stroke-opacity=\"0.6\" stroke-dasharray=\"4,3\"/>", ox + ow / 2.0, px + pw / 2.0);
            }
        }
    }
    // nodes
    for (item, &(r, c)) in &grid.at {
        let (x, y) = (x_of(c), y_of(r));
        match item {
            Item::Project(n) => {
                let p = lineage.project(*n);
                let focus = view.focus == Some(*n);
                let (fill, dash, width) = match (p.has_card, focus) {
                    (_, true) => (
                        "#cfe0f6",
                        if p.has_card {
                            ""
                        } else {
                            " stroke-dasharray=\"6,4\""
                        },
                        2.5,
                    ),
                    (true, false) => ("#eaf1fb", "", 1.0),
                    (false, false) => ("#ffffff", " stroke-dasharray=\"6,4\"", 1.0),
                };
                let lines = label_lines(lineage, *n);
                let _ = write!(s, "<g class=\"node project\" id=\"project-{}\"><title>{}</title><rect x=\"{x:.0}\" y=\"{y:.0}\" width=\"{NODE_W:.0}\" height=\"{NODE_H:.0}\" rx=\"8\" fill=\"{fill}\" stroke=\"#3b6ea5\" stroke-width=\"{width}\"{dash}/>",
                    xml_escape(&p.code), xml_escape(&p.code));
                write_lines(&mut s, &lines, (x + NODE_W / 2.0, y), NODE_H, 11.0, true);
                let _ = writeln!(s, "</g>");
            }
            Item::Gap => {}
            Item::Organisation(name) => {
                let continuer = continuers.contains_key(name);
                let (fill, stroke) = if continuer {
                    ("#fff4d6", "#b8860b")
                } else {
                    ("#f0f0f0", "#888888")
                };
                let (cx, cy) = (x + ORG_W / 2.0, y + NODE_H / 2.0);
                let lines = wrap(name, 24);
                let _ = write!(s, "<g class=\"node organisation\"><title>{}</title><ellipse cx=\"{cx:.0}\" cy=\"{cy:.0}\" rx=\"{:.0}\" ry=\"{:.0}\" fill=\"{fill}\" stroke=\"{stroke}\"/>",
                    xml_escape(name), ORG_W / 2.0, NODE_H / 2.5);
                write_lines(&mut s, &lines, (cx, y), NODE_H, 10.0, false);
                let _ = writeln!(s, "</g>");
            }
        }
    }
    let _ = writeln!(s, "</g>\n</svg>");
    s
}

/// Writes centred lines of text in a box of height `h` from `top`.
fn write_lines(
    s: &mut String,
    lines: &[String],
    (cx, top): (f64, f64),
    h: f64,
    size: f64,
    bold_first: bool,
) {
    let total = lines.len() as f64 * LINE;
    let mut y = top + (h - total) / 2.0 + LINE - 3.0;
    for (i, l) in lines.iter().enumerate() {
        let weight = if i == 0 && bold_first {
            " font-weight=\"bold\""
        } else {
            ""
        };
        let _ = write!(s, "<text x=\"{cx:.0}\" y=\"{y:.0}\" font-size=\"{size}\" text-anchor=\"middle\"{weight}>{}</text>", xml_escape(l));
        y += LINE;
    }
}

/// A curve from box `a` to box `b` (each `(x, y, width)`), and where its label goes.
fn connect(a: (f64, f64, f64), b: (f64, f64, f64)) -> (String, f64, f64) {
    let (ax, ay, aw) = a;
    let (bx, by, bw) = b;
    if bx >= ax + aw {
        // to the right: right side to left side
        let (x1, y1, x2, y2) = (ax + aw, ay + NODE_H / 2.0, bx, by + NODE_H / 2.0);
        let dx = (x2 - x1) / 2.0;
        (
            format!(
                "M{x1:.0},{y1:.0} C{:.0},{y1:.0} {:.0},{y2:.0} {x2:.0},{y2:.0}",
                x1 + dx,
                x2 - dx
            ),
            (x1 + x2) / 2.0,
            (y1 + y2) / 2.0 - 4.0,
        )
    } else {
        // same column or backwards in time: bottom to top (or top to bottom), bulging right
        let (x1, x2) = (ax + aw / 2.0, bx + bw / 2.0);
        let (y1, y2) = if by > ay {
            (ay + NODE_H, by)
        } else {
            (ay, by + NODE_H)
        };
        let bulge = 40.0 + (x1 - x2).abs() / 4.0;
        (
            format!(
                "M{x1:.0},{y1:.0} C{:.0},{y1:.0} {:.0},{y2:.0} {x2:.0},{y2:.0}",
                x1 + bulge,
                x2 + bulge
            ),
            (x1 + x2) / 2.0 + bulge * 0.75,
            (y1 + y2) / 2.0,
        )
    }
}
