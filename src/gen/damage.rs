//! Deterministic damage generator: the damage pdftotext and OCR do to real cards, applied to a
//! clean card on purpose, for the tests and for synthetic corpora ([`super::generate`]).
//!
//! [`apply`] turns a clean Hankekortti text (UTF-8, LF line ends) into a damaged
//! variant the way pdftotext and OCR damage the real cards, so a test can assert
//! that the damaged variant parses to the same facts as the clean card.
//!
//! The clean card is parsed once into lines of characters, each character tagged
//! with the part of the card it belongs to (header, title, label *n*, value of
//! label *n*, URL, or an inserted artefact). The text damages work on that tagged
//! form, so a damage applied after a layout damage still knows where the labels,
//! values and URLs are. The byte damages (`Cp1252`, `Crlf`, `Bom`) always run
//! last, in that order, whatever order the caller gives.
//!
//! Invariants kept by every damage:
//! * the trailing URL lines are never changed (apart from `Crlf`/`Cp1252`
//!   encoding of the whole file);
//! * project codes survive up to the `DollarForS` spellings; dates, amounts and
//!   the label order survive; words survive up to the declared character damage;
//! * `OneForL` and `MissingSpaces` touch only the prose values (from
//!   `Hankkeen tausta` on), never labels, names, codes, dates, amounts or URLs.
//!
//! `Cp1252` and `Bom` are never combined: a BOM means UTF-8, so when both are
//! requested the BOM is dropped and the output is plain Windows-1252.

/// The 12 labels of a card, in card order.
pub const LABELS: [&str; 12] = [
    "Hankkeen nimi, S-numero ja toteutusaika",
    "Rahoittaja ja toteutunut julkinen rahoitus",
    "Toteuttajat",
    "Varsinaiset kohderyhmät",
    "Hankkeen tausta",
    "Tavoitteet",
    "Toimintatapa",
    "Tuotokset",
    "Lupaavat osallisuuden käytännöt ja palaset",
    "Muut tulokset ja vaikutukset",
    "Levittäminen ja juurrutus",
    "Erityishuomioita, kehittämistyön ongelmia",
];

/// One kind of damage. See the module documentation and [`apply`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Damage {
    /// Prepend a UTF-8 BOM (dropped when combined with `Cp1252`).
    Bom,
    /// Encode as Windows-1252; characters outside cp1252 become `?`.
    Cp1252,
    /// LF -> CRLF.
    Crlf,
    /// Append 1–4 spaces/tabs to about two lines in three (not to URL lines).
    TrailingBlanks,
    /// A blank line between every two lines (not between two URL lines).
    BlankLines,
    /// 2–3 form feeds with repeated header lines and page numbers.
    PageBreaks,
    /// `Varsinaiset <value part 1>` / `kohderyhmät <value part 2>`.
    SplitLabels,
    /// `pdftotext -layout` two-column table: labels in columns 0..28, values from column 32.
    TwoColumn,
    /// The body joined into lines of ~200 characters.
    LostStructure,
    /// `Erityishuomioita, kehittä-` / `mistyön ongelmia`.
    HyphenatedLabels,
    /// ä→a, ö→o, Ä→A, Ö→O (not in URLs).
    UmlautsLost,
    /// ä/ö → one of `é`, `d`, `6`, `®` or the plain vowel (not in URLs).
    UmlautsMisread,
    /// `l` → `1` in about every 7th eligible `l` of the prose values.
    OneForL,
    /// `S20877` → `$20877`, `S$20877`, `S 20877` or `s20877` (not in URLs).
    DollarForS,
    /// About 1 in 40 single spaces between two alphabetic prose words dropped.
    MissingSpaces,
}

/// All single damages, for table-driven tests.
pub const ALL: [Damage; 15] = [
    Damage::Bom,
    Damage::Cp1252,
    Damage::Crlf,
    Damage::TrailingBlanks,
    Damage::BlankLines,
    Damage::PageBreaks,
    Damage::SplitLabels,
    Damage::TwoColumn,
    Damage::LostStructure,
    Damage::HyphenatedLabels,
    Damage::UmlautsLost,
    Damage::UmlautsMisread,
    Damage::OneForL,
    Damage::DollarForS,
    Damage::MissingSpaces,
];

/// Damages that real inputs show together. None combines `Cp1252` with `Bom`.
pub const COMBOS: &[&[Damage]] = &[
    &[Damage::Cp1252, Damage::Crlf, Damage::PageBreaks],
    &[Damage::TwoColumn, Damage::TrailingBlanks, Damage::Crlf],
    &[
        Damage::LostStructure,
        Damage::UmlautsLost,
        Damage::DollarForS,
    ],
    &[Damage::SplitLabels, Damage::BlankLines, Damage::Bom],
    &[
        Damage::HyphenatedLabels,
        Damage::UmlautsMisread,
        Damage::OneForL,
        Damage::PageBreaks,
    ],
    &[Damage::TwoColumn, Damage::PageBreaks, Damage::Cp1252],
    &[
        Damage::UmlautsMisread,
        Damage::DollarForS,
        Damage::SplitLabels,
        Damage::BlankLines,
        Damage::MissingSpaces,
    ],
    &[
        Damage::LostStructure,
        Damage::OneForL,
        Damage::MissingSpaces,
        Damage::TrailingBlanks,
        Damage::Crlf,
    ],
    &[
        Damage::PageBreaks,
        Damage::HyphenatedLabels,
        Damage::DollarForS,
        Damage::Bom,
    ],
    &[
        Damage::SplitLabels,
        Damage::UmlautsLost,
        Damage::OneForL,
        Damage::Cp1252,
    ],
];

/// Values of labels with this index or higher are "prose" (`Hankkeen tausta` on):
/// the only place `OneForL` and `MissingSpaces` act.
const PROSE_FROM: usize = 4;
/// Width of the label column in `TwoColumn`.
const LABEL_WIDTH: usize = 28;
/// Column where `TwoColumn` values start.
const VALUE_COLUMN: usize = 32;

/// Apply the damages in the order given; `seed` makes every choice deterministic.
///
/// Text damages run in the given order. The byte damages run last in the fixed
/// order `Cp1252`, `Crlf`, `Bom`, each at most once; `Bom` is ignored when
/// `Cp1252` is also requested (a BOM means UTF-8). A leading BOM and CRLF line
/// ends in `clean` are normalised away before damaging.
pub fn apply(clean: &str, damages: &[Damage], seed: u64) -> Vec<u8> {
    let mut doc = Doc::parse(clean);
    let (mut cp1252, mut crlf, mut bom) = (false, false, false);
    let mut seen = [0u64; ALL.len()];
    for &damage in damages {
        let occurrence = seen.get(damage as usize).copied().unwrap_or(0);
        if let Some(count) = seen.get_mut(damage as usize) {
            *count += 1;
        }
        let mut rng = Rng::for_damage(seed, damage, occurrence);
        match damage {
            Damage::Bom => bom = true,
            Damage::Cp1252 => cp1252 = true,
            Damage::Crlf => crlf = true,
            Damage::TrailingBlanks => trailing_blanks(&mut doc, &mut rng),
            Damage::BlankLines => blank_lines(&mut doc),
            Damage::PageBreaks => page_breaks(&mut doc, &mut rng),
            Damage::SplitLabels => split_labels(&mut doc, &mut rng),
            Damage::TwoColumn => two_column(&mut doc, &mut rng),
            Damage::LostStructure => lost_structure(&mut doc, &mut rng),
            Damage::HyphenatedLabels => hyphenated_labels(&mut doc, &mut rng),
            Damage::UmlautsLost => umlauts_lost(&mut doc),
            Damage::UmlautsMisread => umlauts_misread(&mut doc, &mut rng),
            Damage::OneForL => one_for_l(&mut doc, &mut rng),
            Damage::DollarForS => dollar_for_s(&mut doc, &mut rng),
            Damage::MissingSpaces => missing_spaces(&mut doc, &mut rng),
        }
    }
    let text = doc.render();
    let mut bytes = if cp1252 {
        encode_cp1252(&text)
    } else {
        text.into_bytes()
    };
    if crlf {
        bytes = lf_to_crlf(&bytes);
    }
    if bom && !cp1252 {
        let mut with_bom = vec![0xEF, 0xBB, 0xBF];
        with_bom.extend_from_slice(&bytes);
        bytes = with_bom;
    }
    bytes
}

// ---------------------------------------------------------------------------
// PRNG

/// SplitMix64: tiny, deterministic, good enough for test data (also the corpus generator's).
pub(super) struct Rng(pub(super) u64);

impl Rng {
    fn for_damage(seed: u64, damage: Damage, occurrence: u64) -> Self {
        let mut rng = Rng(seed ^ 0x5DEE_CE66_D1CE_4E5B);
        let mixed = rng.next_u64() ^ ((damage as u64 + 1) << 40) ^ occurrence;
        let mut rng = Rng(mixed);
        rng.next_u64();
        rng
    }

    pub(super) fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in `0..n`; 0 (without drawing) when `n == 0`.
    pub(super) fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            return 0;
        }
        usize::try_from(self.next_u64() % n as u64).unwrap_or(0)
    }

    /// Uniform in `lo..=hi`; `lo` when `hi <= lo`.
    pub(super) fn range(&mut self, lo: usize, hi: usize) -> usize {
        if hi <= lo {
            lo
        } else {
            lo + self.below(hi - lo + 1)
        }
    }

    pub(super) fn chance(&mut self, num: u64, den: u64) -> bool {
        den > 0 && self.next_u64() % den < num
    }

    pub(super) fn pick<T: Copy>(&mut self, items: &[T]) -> Option<T> {
        if items.is_empty() {
            return None;
        }
        items.get(self.below(items.len())).copied()
    }
}

// ---------------------------------------------------------------------------
// Tagged document

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Tag {
    Header,
    Title,
    Label(usize),
    Value(usize),
    Url,
    /// Inserted by a damage: padding, page numbers, repeated headers.
    Artifact,
}

impl Tag {
    fn field(self) -> Option<usize> {
        match self {
            Tag::Label(i) | Tag::Value(i) => Some(i),
            _ => None,
        }
    }

    fn is_label(self) -> bool {
        matches!(self, Tag::Label(_))
    }

    fn is_prose(self) -> bool {
        matches!(self, Tag::Value(i) if i >= PROSE_FROM)
    }
}

type Cell = (char, Tag);
type Line = Vec<Cell>;

struct Doc {
    lines: Vec<Line>,
    trailing_nl: bool,
}

impl Doc {
    fn parse(clean: &str) -> Doc {
        let normalised = clean
            .strip_prefix('\u{feff}')
            .unwrap_or(clean)
            .replace("\r\n", "\n");
        let (body, trailing_nl) = match normalised.strip_suffix('\n') {
            Some(body) => (body, true),
            None => (normalised.as_str(), false),
        };
        let raw: Vec<&str> = if body.is_empty() && !trailing_nl {
            Vec::new()
        } else {
            body.split('\n').collect()
        };

        // The URL tail: trailing URL lines and blank lines among them.
        let mut tail = raw.len();
        let mut saw_url = false;
        while tail > 2 {
            let Some(line) = raw.get(tail - 1) else { break };
            if is_url_str(line) {
                saw_url = true;
            } else if !line.trim().is_empty() {
                break;
            }
            tail -= 1;
        }
        if !saw_url {
            tail = raw.len();
        }

        let mut current: Option<usize> = None;
        let mut lines = Vec::with_capacity(raw.len());
        for (i, text) in raw.iter().enumerate() {
            let mut line = if i >= tail {
                cells(text, Tag::Url)
            } else if i < 2 {
                cells(text, Tag::Header)
            } else if let Some(li) = match_label(text) {
                current = Some(li);
                let n = LABELS.get(li).map_or(0, |l| l.chars().count());
                text.chars()
                    .enumerate()
                    .map(|(k, c)| {
                        (
                            c,
                            if k < n {
                                Tag::Label(li)
                            } else {
                                Tag::Value(li)
                            },
                        )
                    })
                    .collect()
            } else if let Some(li) = current {
                cells(text, Tag::Value(li))
            } else {
                cells(text, Tag::Title)
            };
            tag_inline_urls(&mut line);
            lines.push(line);
        }
        Doc { lines, trailing_nl }
    }

    fn render(&self) -> String {
        let mut out = String::new();
        for (i, line) in self.lines.iter().enumerate() {
            if i > 0 {
                out.push('\n');
            }
            out.extend(line.iter().map(|&(c, _)| c));
        }
        if self.trailing_nl {
            out.push('\n');
        }
        out
    }

    /// Index of the first line of the trailing URL block (len when none).
    fn url_tail_start(&self) -> usize {
        let mut i = self.lines.len();
        let mut saw_url = false;
        while i > 0 {
            let Some(line) = self.lines.get(i - 1) else {
                break;
            };
            if is_url_line(line) {
                saw_url = true;
            } else if !is_blank(line) {
                break;
            }
            i -= 1;
        }
        if saw_url {
            i
        } else {
            self.lines.len()
        }
    }

    /// Index after the last original header line.
    fn header_end(&self) -> usize {
        self.lines
            .iter()
            .rposition(|l| l.iter().any(|&(_, t)| t == Tag::Header))
            .map_or(0, |i| i + 1)
    }

    /// The body lines: after the header lines, before the URL tail.
    fn body(&self) -> (usize, usize) {
        let start = self.header_end();
        (start, self.url_tail_start().max(start))
    }
}

fn match_label(line: &str) -> Option<usize> {
    LABELS.iter().position(|label| {
        line.strip_prefix(label)
            .is_some_and(|rest| rest.is_empty() || rest.starts_with([' ', '\t']))
    })
}

fn is_url_str(line: &str) -> bool {
    let t = line.trim();
    t.starts_with("http://") || t.starts_with("https://") || t.starts_with("www.")
}

fn tag_inline_urls(line: &mut Line) {
    for (a, b) in word_spans(line) {
        let word: String = line[a..b].iter().map(|&(c, _)| c).collect();
        if word.contains("http://") || word.contains("https://") || word.starts_with("www.") {
            for cell in &mut line[a..b] {
                cell.1 = Tag::Url;
            }
        }
    }
}

fn cells(text: &str, tag: Tag) -> Line {
    text.chars().map(|c| (c, tag)).collect()
}

fn is_sep(c: char) -> bool {
    c == ' ' || c == '\t'
}

fn is_blank(line: &[Cell]) -> bool {
    line.iter().all(|&(c, _)| c.is_whitespace())
}

fn is_url_line(line: &[Cell]) -> bool {
    !is_blank(line)
        && line
            .iter()
            .all(|&(c, t)| c.is_whitespace() || t == Tag::Url)
}

/// `[start, end)` of the runs of non-blank characters (split on spaces and tabs only).
fn word_spans(line: &[Cell]) -> Vec<(usize, usize)> {
    let mut spans = Vec::new();
    let mut start = None;
    for (i, &(c, _)) in line.iter().enumerate() {
        match (is_sep(c), start) {
            (true, Some(s)) => {
                spans.push((s, i));
                start = None;
            }
            (false, None) => start = Some(i),
            _ => {}
        }
    }
    if let Some(s) = start {
        spans.push((s, line.len()));
    }
    spans
}

fn trim_start(line: &[Cell]) -> &[Cell] {
    let skip = line.iter().take_while(|&&(c, _)| c.is_whitespace()).count();
    &line[skip..]
}

fn first_field_tag(line: &[Cell]) -> Option<Tag> {
    line.iter()
        .find(|&&(c, t)| !c.is_whitespace() && t.field().is_some())
        .map(|&(_, t)| t)
}

fn last_field_tag(line: &[Cell]) -> Option<Tag> {
    line.iter()
        .rev()
        .find(|&&(c, t)| !c.is_whitespace() && t.field().is_some())
        .map(|&(_, t)| t)
}

/// `Some(i)` when every non-blank character of the line belongs to label `i`.
fn label_only(line: &[Cell]) -> Option<usize> {
    let mut idx = None;
    for &(c, t) in line {
        if c.is_whitespace() {
            continue;
        }
        match t {
            Tag::Label(i) if idx.is_none() || idx == Some(i) => idx = Some(i),
            _ => return None,
        }
    }
    idx
}

/// Maximal runs `(start, end, label)` of characters of one label.
fn label_runs(line: &[Cell]) -> Vec<(usize, usize, usize)> {
    let mut runs = Vec::new();
    let mut current: Option<(usize, usize)> = None;
    for (k, &(_, t)) in line.iter().enumerate() {
        let label = match t {
            Tag::Label(i) => Some(i),
            _ => None,
        };
        match (current, label) {
            (Some((_, i)), Some(j)) if i == j => {}
            (Some((s, i)), _) => {
                runs.push((s, k, i));
                current = label.map(|j| (k, j));
            }
            (None, _) => current = label.map(|j| (k, j)),
        }
    }
    if let Some((s, i)) = current {
        runs.push((s, line.len(), i));
    }
    runs
}

fn has_digit(word: &[Cell]) -> bool {
    word.iter().any(|&(c, _)| c.is_ascii_digit())
}

fn word_text(word: &[Cell]) -> String {
    word.iter().map(|&(c, _)| c).collect()
}

/// Words that must stay on one line: amounts (`84 512 €`) and digit groups.
fn glued(prev: &[Cell], next: &[Cell]) -> bool {
    let next_text = word_text(next);
    let prev_ends_digit = prev.last().is_some_and(|&(c, _)| c.is_ascii_digit());
    let next_starts_digit = next.first().is_some_and(|&(c, _)| c.is_ascii_digit());
    next_text.starts_with('€')
        || next_text.starts_with('%')
        || (prev_ends_digit && next_starts_digit)
}

/// Tag for a space put between two words: the words' tag when they share one.
fn space_between(prev: &[Cell], next: &[Cell]) -> Tag {
    match (prev.last(), next.first()) {
        (Some(&(_, a)), Some(&(_, b))) if a == b => a,
        _ => Tag::Artifact,
    }
}

fn push_spaces(line: &mut Line, up_to: usize) {
    while line.len() < up_to {
        line.push((' ', Tag::Artifact));
    }
}

// ---------------------------------------------------------------------------
// Line-structure damages

fn trailing_blanks(doc: &mut Doc, rng: &mut Rng) {
    fn push_blanks(line: &mut Line, rng: &mut Rng) {
        for _ in 0..rng.range(1, 4) {
            let c = if rng.chance(1, 3) { '\t' } else { ' ' };
            line.push((c, Tag::Artifact));
        }
    }
    let tail = doc.url_tail_start();
    let mut any = false;
    let mut first_eligible = None;
    for (i, line) in doc.lines.iter_mut().enumerate() {
        if i >= tail || is_url_line(line) {
            continue;
        }
        first_eligible.get_or_insert(i);
        if rng.chance(2, 3) {
            push_blanks(line, rng);
            any = true;
        }
    }
    if !any {
        if let Some(line) = first_eligible.and_then(|i| doc.lines.get_mut(i)) {
            push_blanks(line, rng);
        }
    }
}

fn blank_lines(doc: &mut Doc) {
    let old = std::mem::take(&mut doc.lines);
    let mut prev_url = false;
    for (i, line) in old.into_iter().enumerate() {
        let url = is_url_line(&line);
        if i > 0 && !(prev_url && url) {
            doc.lines.push(Vec::new());
        }
        prev_url = url;
        doc.lines.push(line);
    }
}

/// Is the gap after line `g` inside one value (same field on both sides)?
fn gap_inside_value(lines: &[Line], g: usize, start: usize, end: usize) -> bool {
    let prev = (start..=g)
        .rev()
        .find(|&k| lines.get(k).is_some_and(|l| !is_blank(l)));
    let next = (g + 1..end).find(|&k| lines.get(k).is_some_and(|l| !is_blank(l)));
    let (Some(prev), Some(next)) = (prev, next) else {
        return false;
    };
    match (
        lines.get(prev).and_then(|l| last_field_tag(l)),
        lines.get(next).and_then(|l| first_field_tag(l)),
    ) {
        (Some(Tag::Value(a)), Some(Tag::Value(b))) => a == b,
        _ => false,
    }
}

fn page_breaks(doc: &mut Doc, rng: &mut Rng) {
    let (start, end) = doc.body();
    if end < start + 2 {
        return;
    }
    let headers: Vec<Line> = doc
        .lines
        .iter()
        .filter(|l| l.iter().any(|&(_, t)| t == Tag::Header))
        .take(2)
        .map(|l| l.iter().map(|&(c, _)| (c, Tag::Artifact)).collect())
        .collect();
    // A break at gap g goes between lines g and g + 1.
    let gaps: Vec<usize> = (start..end - 1).collect();
    let inside: Vec<usize> = gaps
        .iter()
        .copied()
        .filter(|&g| gap_inside_value(&doc.lines, g, start, end))
        .collect();
    let want = rng.range(2, 3).min(gaps.len());
    let mut chosen = Vec::new();
    if let Some(g) = rng.pick(&inside) {
        chosen.push(g);
    }
    let mut rest: Vec<usize> = gaps
        .iter()
        .copied()
        .filter(|g| !chosen.contains(g))
        .collect();
    while chosen.len() < want && !rest.is_empty() {
        let spread: Vec<usize> = rest
            .iter()
            .copied()
            .filter(|&g| chosen.iter().all(|&c: &usize| g.abs_diff(c) > 2))
            .collect();
        let pool = if spread.is_empty() { &rest } else { &spread };
        let Some(g) = rng.pick(pool) else { break };
        chosen.push(g);
        rest.retain(|&r| r != g);
    }
    chosen.sort_unstable();

    let mut number_on_top = rng.chance(1, 2);
    let mut page = 1usize;
    let old = std::mem::take(&mut doc.lines);
    for (i, line) in old.into_iter().enumerate() {
        doc.lines.push(line);
        if chosen.binary_search(&i).is_err() {
            continue;
        }
        let indent = if rng.chance(1, 2) {
            rng.range(60, 80)
        } else {
            0
        };
        let number = |n: usize| cells(&format!("{}{n}", " ".repeat(indent)), Tag::Artifact);
        if number_on_top {
            page += 1;
            let mut first = vec![('\u{c}', Tag::Artifact)];
            first.extend(number(page));
            doc.lines.push(first);
            doc.lines.extend(headers.iter().cloned());
        } else {
            doc.lines.push(number(page));
            page += 1;
            let mut repeated = headers.clone();
            match repeated.first_mut() {
                Some(h) => h.insert(0, ('\u{c}', Tag::Artifact)),
                None => repeated.push(vec![('\u{c}', Tag::Artifact)]),
            }
            doc.lines.extend(repeated);
        }
        if rng.chance(1, 2) {
            doc.lines.push(Vec::new());
        }
        number_on_top = !number_on_top;
    }
}

fn split_labels(doc: &mut Doc, rng: &mut Rng) {
    let (start, end) = doc.body();
    let old = std::mem::take(&mut doc.lines);
    let mut i = 0;
    while let Some(line) = old.get(i) {
        if (start..end).contains(&i) {
            if let Some((new_lines, resume)) = plan_split(&old, i, end, rng) {
                doc.lines.extend(new_lines);
                i = resume;
                continue;
            }
        }
        doc.lines.push(line.clone());
        i += 1;
    }
}

/// For a multi-word label alone on line `i` whose value follows: the replacement
/// lines and the index to resume at.
fn plan_split(lines: &[Line], i: usize, end: usize, rng: &mut Rng) -> Option<(Vec<Line>, usize)> {
    let line = lines.get(i)?;
    let li = label_only(line)?;
    let spans = word_spans(line);
    if spans.len() < 2 {
        return None;
    }
    let mut j = i + 1;
    while j < end && lines.get(j).is_some_and(|l| is_blank(l)) {
        j += 1;
    }
    if j >= end {
        return None;
    }
    let is_value_line = |l: &Line| {
        !is_blank(l)
            && !l.iter().any(|&(_, t)| t.is_label())
            && first_field_tag(l) == Some(Tag::Value(li))
    };
    let first = lines.get(j)?;
    if !is_value_line(first) {
        return None;
    }
    let (part_a, part_b, resume) = match lines.get(j + 1) {
        Some(second) if j + 1 < end && is_value_line(second) => (
            trim_start(first).to_vec(),
            trim_start(second).to_vec(),
            j + 2,
        ),
        _ => {
            // Split the one value line at a word boundary away from digits.
            let v = trim_start(first);
            let ws = word_spans(v);
            let ok: Vec<usize> = (1..ws.len())
                .filter(|&b| {
                    let (a0, a1) = ws[b - 1];
                    let (b0, b1) = ws[b];
                    !has_digit(&v[a0..a1])
                        && !has_digit(&v[b0..b1])
                        && v[a0..a1].iter().any(|&(c, _)| c.is_alphabetic())
                        && v[b0..b1].iter().any(|&(c, _)| c.is_alphabetic())
                })
                .collect();
            let middle: Vec<usize> = ok
                .iter()
                .copied()
                .filter(|&b| 3 * b >= ws.len() && 3 * b <= 2 * ws.len())
                .collect();
            let b = rng.pick(if middle.is_empty() { &ok } else { &middle })?;
            (v[..ws[b - 1].1].to_vec(), v[ws[b].0..].to_vec(), j + 1)
        }
    };
    let k = rng.range(1, spans.len() - 1);
    let label_a = &line[spans[0].0..spans[k - 1].1];
    let label_b = &line[spans[k].0..spans[spans.len() - 1].1];
    let join = |label: &[Cell], value: &[Cell]| {
        let mut l = label.to_vec();
        l.push((' ', Tag::Artifact));
        l.extend_from_slice(value);
        l
    };
    let mut out: Vec<Line> = lines
        .get(i + 1..j)
        .map(<[Line]>::to_vec)
        .unwrap_or_default();
    out.push(join(label_a, &part_a));
    out.push(join(label_b, &part_b));
    Some((out, resume))
}

/// Greedy word wrap; never breaks between `glued` words.
fn wrap(words: &[Line], width: usize) -> Vec<Line> {
    let mut rows = Vec::new();
    let mut row: Line = Vec::new();
    let mut prev: Option<&Line> = None;
    for word in words {
        if let Some(p) = prev {
            if row.len() + 1 + word.len() > width && !glued(p, word) {
                rows.push(std::mem::take(&mut row));
            } else {
                row.push((' ', space_between(p, word)));
            }
        }
        row.extend_from_slice(word);
        prev = Some(word);
    }
    if !row.is_empty() {
        rows.push(row);
    }
    rows
}

struct Field {
    idx: Option<usize>,
    label: Vec<Line>,
    value: Vec<Line>,
}

fn flush_field(field: Option<Field>, out: &mut Vec<Line>, rng: &mut Rng) {
    let Some(field) = field else { return };
    if field.label.is_empty() && field.value.is_empty() {
        return;
    }
    if out.last().is_some_and(|l| !is_blank(l)) {
        out.push(Vec::new());
    }
    let label_rows = wrap(&field.label, LABEL_WIDTH);
    let value_rows = wrap(&field.value, rng.range(56, 64));
    for r in 0..label_rows.len().max(value_rows.len()) {
        let mut row = label_rows.get(r).cloned().unwrap_or_default();
        if let Some(value) = value_rows.get(r) {
            let column = VALUE_COLUMN.max(row.len() + 2);
            push_spaces(&mut row, column);
            row.extend_from_slice(value);
        }
        out.push(row);
    }
}

fn two_column(doc: &mut Doc, rng: &mut Rng) {
    let (start, end) = doc.body();
    let old = std::mem::take(&mut doc.lines);
    let mut iter = old.into_iter();
    let mut out: Vec<Line> = iter.by_ref().take(start).collect();
    let mut current: Option<Field> = None;
    let mut seen_field = false;
    for line in iter.by_ref().take(end - start) {
        let has_field = line
            .iter()
            .any(|&(c, t)| !c.is_whitespace() && t.field().is_some());
        if has_field {
            seen_field = true;
            for (a, b) in word_spans(&line) {
                let word = line[a..b].to_vec();
                let tag = word.iter().map(|&(_, t)| t).find(|t| t.field().is_some());
                let field = tag.and_then(Tag::field);
                let switch = match (&current, field) {
                    (None, _) => true,
                    (Some(f), Some(i)) => f.idx != Some(i),
                    (Some(_), None) => false,
                };
                if switch {
                    flush_field(current.take(), &mut out, rng);
                    current = Some(Field {
                        idx: field,
                        label: Vec::new(),
                        value: Vec::new(),
                    });
                }
                if let Some(f) = current.as_mut() {
                    if tag.is_some_and(Tag::is_label) {
                        f.label.push(word);
                    } else {
                        f.value.push(word);
                    }
                }
            }
        } else if is_blank(&line) {
            if !seen_field {
                out.push(line);
            }
        } else {
            // Title, page numbers, repeated headers: stay as they are at column 0.
            flush_field(current.take(), &mut out, rng);
            out.push(line);
        }
    }
    flush_field(current.take(), &mut out, rng);
    out.extend(iter);
    doc.lines = out;
}

fn lost_structure(doc: &mut Doc, rng: &mut Rng) {
    let (start, end) = doc.body();
    let old = std::mem::take(&mut doc.lines);
    let mut words: Vec<Line> = Vec::new();
    for line in old.get(start..end).unwrap_or_default() {
        for (a, b) in word_spans(line) {
            words.push(line[a..b].to_vec());
        }
    }
    let may_break = |p: &[Cell], w: &[Cell]| {
        let same_label = matches!(
            (p.last(), w.first()),
            (Some(&(_, Tag::Label(a))), Some(&(_, Tag::Label(b)))) if a == b
        );
        !same_label && !glued(p, w) && !has_digit(p) && !has_digit(w)
    };
    let mut rows: Vec<Line> = Vec::new();
    let mut row: Line = Vec::new();
    let mut target = rng.range(185, 215);
    let mut prev: Option<&Line> = None;
    for word in &words {
        if let Some(p) = prev {
            if row.len() + 1 + word.len() > target && may_break(p, word) {
                rows.push(std::mem::take(&mut row));
                target = rng.range(185, 215);
            } else {
                row.push((' ', space_between(p, word)));
            }
        }
        row.extend_from_slice(word);
        prev = Some(word);
    }
    if !row.is_empty() {
        rows.push(row);
    }
    let mut iter = old.into_iter();
    doc.lines = iter.by_ref().take(start).collect();
    doc.lines.extend(rows);
    doc.lines.extend(iter.skip(end - start));
}

fn hyphenated_labels(doc: &mut Doc, rng: &mut Rng) {
    let tail = doc.url_tail_start();
    let mut done = [false; LABELS.len()];
    let old = std::mem::take(&mut doc.lines);
    for (i, line) in old.into_iter().enumerate() {
        let mut current = line;
        if i < tail {
            while let Some((first, second)) = hyphenate_once(&current, &mut done, rng) {
                doc.lines.push(first);
                current = second;
            }
        }
        doc.lines.push(current);
    }
}

/// Break the first not yet hyphenated multi-word label on the line inside a
/// word of at least 8 letters.
fn hyphenate_once(
    line: &[Cell],
    done: &mut [bool; LABELS.len()],
    rng: &mut Rng,
) -> Option<(Line, Line)> {
    for (s, e, li) in label_runs(line) {
        let multi_word = LABELS.get(li).is_some_and(|l| l.split(' ').count() >= 2);
        if done.get(li).copied().unwrap_or(true) || !multi_word {
            continue;
        }
        let run = &line[s..e];
        let letters_in = |a: usize, b: usize| {
            run[a..b]
                .iter()
                .filter(|&&(c, _)| c.is_alphabetic())
                .count()
        };
        let candidates: Vec<(usize, usize)> = word_spans(run)
            .into_iter()
            .filter(|&(a, b)| letters_in(a, b) >= 8)
            .collect();
        let Some((a, b)) = rng.pick(&candidates) else {
            continue;
        };
        let letters: Vec<usize> = (a..b).filter(|&k| run[k].0.is_alphabetic()).collect();
        let points: Vec<usize> = letters
            .iter()
            .enumerate()
            .filter(|&(m, &k)| {
                m >= 3 && m + 3 <= letters.len() && k > a && run[k - 1].0.is_alphabetic()
            })
            .map(|(_, &k)| k)
            .collect();
        // Prefer Finnish syllable breaks: before a consonant followed by a vowel.
        let is_vowel = |c: char| "aeiouyäöåAEIOUYÄÖÅ".contains(c);
        let syllable: Vec<usize> = points
            .iter()
            .copied()
            .filter(|&k| !is_vowel(run[k].0) && run.get(k + 1).is_some_and(|&(c, _)| is_vowel(c)))
            .collect();
        let pool = if syllable.is_empty() {
            &points
        } else {
            &syllable
        };
        let Some(k) = rng.pick(pool) else { continue };
        if let Some(flag) = done.get_mut(li) {
            *flag = true;
        }
        let p = s + k;
        let mut first: Line = line[..p].to_vec();
        first.push(('-', Tag::Label(li)));
        let rest = &line[e..];
        let gap = rest.iter().take_while(|&&(c, _)| is_sep(c)).count();
        if gap >= 2 && gap < rest.len() {
            // Column layout: the value keeps its column on the first line.
            let column = (e + gap).max(first.len() + 2);
            push_spaces(&mut first, column);
            first.extend_from_slice(&rest[gap..]);
            return Some((first, line[p..e].to_vec()));
        }
        let mut second = line[p..e].to_vec();
        second.extend_from_slice(rest);
        return Some((first, second));
    }
    None
}

// ---------------------------------------------------------------------------
// Character damages

fn umlauts_lost(doc: &mut Doc) {
    for cell in doc.lines.iter_mut().flatten() {
        if cell.1 == Tag::Url {
            continue;
        }
        cell.0 = match cell.0 {
            'ä' => 'a',
            'ö' => 'o',
            'Ä' => 'A',
            'Ö' => 'O',
            c => c,
        };
    }
}

/// ä/ö → `é`, `d`, `6`, `®` or the plain vowel; Ä/Ö → A/O. Words holding a
/// digit only get the plain vowel, so no digit is added next to a number.
fn umlauts_misread(doc: &mut Doc, rng: &mut Rng) {
    for line in &mut doc.lines {
        for (a, b) in word_spans(line) {
            let digits = has_digit(&line[a..b]);
            for cell in &mut line[a..b] {
                if cell.1 == Tag::Url {
                    continue;
                }
                cell.0 = match cell.0 {
                    c @ ('ä' | 'ö') => {
                        let plain = if c == 'ä' { 'a' } else { 'o' };
                        if digits {
                            plain
                        } else {
                            match rng.below(5) {
                                0 => 'é',
                                1 => 'd',
                                2 => '6',
                                3 => '®',
                                _ => plain,
                            }
                        }
                    }
                    'Ä' => 'A',
                    'Ö' => 'O',
                    c => c,
                };
            }
        }
    }
}

fn one_for_l(doc: &mut Doc, rng: &mut Rng) {
    let mut countdown = rng.range(1, 7);
    for line in &mut doc.lines {
        for (a, b) in word_spans(line) {
            let word = &line[a..b];
            let eligible = word.iter().all(|&(_, t)| t.is_prose())
                && !has_digit(word)
                && word.iter().filter(|&&(c, _)| c.is_alphabetic()).count() >= 3;
            if !eligible {
                continue;
            }
            for cell in &mut line[a..b] {
                if cell.0 != 'l' {
                    continue;
                }
                countdown = countdown.saturating_sub(1);
                if countdown == 0 {
                    cell.0 = '1';
                    countdown = rng.range(5, 9);
                }
            }
        }
    }
}

fn dollar_for_s(doc: &mut Doc, rng: &mut Rng) {
    let mut first = true;
    for line in &mut doc.lines {
        let old = std::mem::take(line);
        for (k, &(c, t)) in old.iter().enumerate() {
            let starts_word = k == 0 || old.get(k - 1).is_some_and(|&(p, _)| !p.is_alphanumeric());
            let digits = old
                .get(k + 1..)
                .unwrap_or_default()
                .iter()
                .take_while(|&&(d, _)| d.is_ascii_digit())
                .count();
            if c == 'S'
                && t != Tag::Url
                && starts_word
                && (4..=6).contains(&digits)
                && (first || rng.chance(2, 3))
            {
                first = false;
                let variant: &[char] = match rng.below(4) {
                    0 => &['$'],
                    1 => &['S', '$'],
                    2 => &['S', ' '],
                    _ => &['s'],
                };
                line.extend(variant.iter().map(|&v| (v, t)));
            } else {
                line.push((c, t));
            }
        }
    }
}

fn missing_spaces(doc: &mut Doc, rng: &mut Rng) {
    let prose_word =
        |w: &[Cell]| w.len() >= 2 && w.iter().all(|&(c, t)| c.is_alphabetic() && t.is_prose());
    let mut countdown = rng.range(10, 40);
    for line in &mut doc.lines {
        let spans = word_spans(line);
        let mut drop = Vec::new();
        for pair in spans.windows(2) {
            let [(a0, a1), (b0, b1)] = [pair[0], pair[1]];
            if b0 != a1 + 1 || line[a1].0 != ' ' {
                continue;
            }
            if !prose_word(&line[a0..a1]) || !prose_word(&line[b0..b1]) {
                continue;
            }
            countdown = countdown.saturating_sub(1);
            if countdown == 0 {
                drop.push(a1);
                countdown = rng.range(30, 50);
            }
        }
        for &k in drop.iter().rev() {
            line.remove(k);
        }
    }
}

// ---------------------------------------------------------------------------
// Byte damages

fn cp1252_byte(c: char) -> Option<u8> {
    let u = u32::from(c);
    if u < 0x80 || (0xA0..=0xFF).contains(&u) {
        return u8::try_from(u).ok();
    }
    let b = match c {
        '€' => 0x80,
        '‚' => 0x82,
        'ƒ' => 0x83,
        '„' => 0x84,
        '…' => 0x85,
        '†' => 0x86,
        '‡' => 0x87,
        'ˆ' => 0x88,
        '‰' => 0x89,
        'Š' => 0x8A,
        '‹' => 0x8B,
        'Œ' => 0x8C,
        'Ž' => 0x8E,
        '‘' => 0x91,
        '’' => 0x92,
        '“' => 0x93,
        '”' => 0x94,
        '•' => 0x95,
        '–' => 0x96,
        '—' => 0x97,
        '˜' => 0x98,
        '™' => 0x99,
        'š' => 0x9A,
        '›' => 0x9B,
        'œ' => 0x9C,
        'ž' => 0x9E,
        'Ÿ' => 0x9F,
        _ => return None,
    };
    Some(b)
}

fn encode_cp1252(text: &str) -> Vec<u8> {
    text.chars()
        .map(|c| cp1252_byte(c).unwrap_or(b'?'))
        .collect()
}

fn lf_to_crlf(bytes: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(bytes.len() + bytes.len() / 16);
    let mut prev = 0u8;
    for &b in bytes {
        if b == b'\n' && prev != b'\r' {
            out.push(b'\r');
        }
        out.push(b);
        prev = b;
    }
    out
}

// ---------------------------------------------------------------------------

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use super::*;

    const CARD: &str = "\
Hankekortti, Euroopan sosiaalirahaston toimintalinja 5
Koonnut Sosiaalisen osallisuuden edistämisen koordinaatiohanke – Sokra, syyskuu 2019
S21234, Kylätalon Kaikuja
Hankkeen nimi, S-numero ja toteutusaika
S21234, Kylätalon Kaikuja, 1.3.2016 – 28.2.2018 (hanke RR-tietopalvelussa)
Rahoittaja ja toteutunut julkinen rahoitus
Pohjois-Savon ELY-keskus, 84 512 €
Toteuttajat Kylätalon tuki ry
Varsinaiset kohderyhmät
Pitkään työttömänä olleet aikuiset sekä yksinäiset ikääntyvät kyläläiset
Hankkeen tausta
Kylässä ei ole ollut yhteistä kohtaamispaikkaa sen jälkeen kun koulu lakkautettiin ja
kauppa muutti kuntakeskukseen. Aiempi hanke S20999 kokosi kyläläisten toiveita.
Tavoitteet
Luoda kylätalosta matalan kynnyksen olohuone ja vahvistaa kyläläisten omaa toimijuutta
sekä lisätä yhteistyötä kunnan palveluiden ja paikallisten yhdistysten välillä
Toimintatapa
Avoimet ovet kolmesti viikossa; yhteiset lounaat, käsityöpiirit ja retket lähikuntiin;
vapaaehtoisten ohjaajien koulutus ja tuki; yksilöllinen neuvonta asiointiasioissa sekä
kotikäynnit niiden luona jotka eivät itse pääse liikkumaan
Tuotokset Kylätalon vuosikello (pdf) ja opas vapaaehtoisille
Lupaavat osallisuuden käytännöt ja palaset
Vapaaehtoisten vetämä lounaspiiri ja kyläkävelyt
Muut tulokset ja vaikutukset
Kävijämäärä kasvoi tasaisesti koko hankkeen ajan ja moni kävijä siirtyi vapaaehtoiseksi
ohjaajaksi; yksinäisyys väheni ja kyläläiset oppivat käyttämään sähköisiä palveluita
Levittäminen ja juurrutus
Toiminta jatkuu kyläyhdistyksen omana toimintana kunnan tuella vuodesta 2018 alkaen
Erityishuomioita, kehittämistyön ongelmia
Kulkuyhteydet olivat hankalia joten kimppakyydit piti järjestää itse ja talven aikana
osa toiminnasta siirrettiin kirjastolle
https://www.eura2014.fi/rrtiepa/projekti.php?projektikoodi=S21234
https://www.eura2014.fi/rrtiepa/projekti.php?projektikoodi=S20999
https://fi.wikipedia.org/wiki/Kylätalo_lähiö
";

    const URLS: [&str; 3] = [
        "https://www.eura2014.fi/rrtiepa/projekti.php?projektikoodi=S21234",
        "https://www.eura2014.fi/rrtiepa/projekti.php?projektikoodi=S20999",
        "https://fi.wikipedia.org/wiki/Kylätalo_lähiö",
    ];

    const HEADER1: &str = "Hankekortti, Euroopan sosiaalirahaston toimintalinja 5";
    const HEADER2: &str =
        "Koonnut Sosiaalisen osallisuuden edistämisen koordinaatiohanke – Sokra, syyskuu 2019";

    const HIGH: [char; 27] = [
        '€', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', 'Ž', '‘', '’', '“', '”', '•',
        '–', '—', '˜', '™', 'š', '›', 'œ', 'ž', 'Ÿ',
    ];

    fn decode_cp1252(bytes: &[u8]) -> String {
        bytes
            .iter()
            .map(|&b| {
                HIGH.into_iter()
                    .find(|&c| cp1252_byte(c) == Some(b))
                    .unwrap_or(char::from(b))
            })
            .collect()
    }

    /// BOM stripped, UTF-8 or else cp1252, CRLF -> LF.
    fn decode(bytes: &[u8]) -> String {
        let b = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF][..]).unwrap_or(bytes);
        let s = match std::str::from_utf8(b) {
            Ok(s) => s.to_string(),
            Err(_) => decode_cp1252(b),
        };
        s.replace("\r\n", "\n")
    }

    fn one(d: Damage, seed: u64) -> String {
        let bytes = apply(CARD, &[d], seed);
        String::from_utf8(bytes).expect("text damages keep UTF-8")
    }

    fn sorted_words(s: &str) -> Vec<String> {
        let mut w: Vec<String> = s.split_whitespace().map(str::to_string).collect();
        w.sort();
        w
    }

    fn is_label_line(line: &str) -> bool {
        match_label(line).is_some()
    }

    fn label_words() -> Vec<&'static str> {
        LABELS.iter().flat_map(|l| l.split(' ')).collect()
    }

    /// Fuzzy char match: a label's ä/ö may appear as any declared damage.
    fn fuzzy_char(got: char, want: char) -> bool {
        got == want || ("äöÄÖ".contains(want) && "aoAOäöÄÖéd6®".contains(got))
    }

    fn fuzzy_eq(got: &str, want: &str) -> bool {
        got.chars().count() == want.chars().count()
            && got.chars().zip(want.chars()).all(|(g, w)| fuzzy_char(g, w))
    }

    /// Drop page-break artefacts: lone page numbers and repeated headers.
    fn strip_page_artifacts(s: &str) -> (Vec<String>, Vec<usize>) {
        let mut kept: Vec<String> = Vec::new();
        let mut gaps = Vec::new();
        let mut headers_seen = 0;
        let mut in_block = false;
        for line in s.split('\n') {
            let bare = line.trim_start_matches('\u{c}');
            let t = bare.trim();
            let header = fuzzy_eq(t, HEADER1) || fuzzy_eq(t, HEADER2);
            let artifact = line.contains('\u{c}')
                || (!t.is_empty() && t.chars().all(|c| c.is_ascii_digit()))
                || (header && headers_seen >= 2);
            if header {
                headers_seen += 1;
            }
            if artifact || (in_block && t.is_empty()) {
                if !in_block {
                    gaps.push(kept.len());
                }
                in_block = true;
                continue;
            }
            in_block = false;
            kept.push(line.to_string());
        }
        (kept, gaps)
    }

    /// Join label words broken as `kehittä-` / `mistyön`.
    fn unhyphenate(s: &str) -> String {
        let mut out = String::new();
        let mut lines = s.split('\n').peekable();
        while let Some(line) = lines.next() {
            let mut chars = line.chars().rev();
            let hyphen_after_letter =
                chars.next() == Some('-') && chars.next().is_some_and(char::is_alphabetic);
            if hyphen_after_letter && lines.peek().is_some() {
                out.push_str(&line[..line.len() - 1]);
            } else {
                out.push_str(line);
                if lines.peek().is_some() {
                    out.push('\n');
                }
            }
        }
        out
    }

    fn normalise_codes(s: &str) -> String {
        let chars: Vec<char> = s.chars().collect();
        let mut out = String::new();
        let mut k = 0;
        while k < chars.len() {
            let at_word = k == 0 || !chars[k - 1].is_alphanumeric();
            let rest = &chars[k..];
            let digit_at = |i: usize| rest.get(i).is_some_and(char::is_ascii_digit);
            if at_word
                && (rest.starts_with(&['S', '$']) || rest.starts_with(&['S', ' ']))
                && digit_at(2)
            {
                out.push('S');
                k += 2;
            } else if at_word
                && (rest.starts_with(&['$']) || rest.starts_with(&['s']))
                && digit_at(1)
            {
                out.push('S');
                k += 1;
            } else {
                out.push(chars[k]);
                k += 1;
            }
        }
        out
    }

    fn url_tail(s: &str) -> Vec<String> {
        let lines: Vec<&str> = s.trim_end().lines().collect();
        lines[lines.len().saturating_sub(URLS.len())..]
            .iter()
            .map(|l| l.to_string())
            .collect()
    }

    #[test]
    fn card_has_every_label_at_line_start() {
        for label in LABELS {
            assert!(CARD
                .lines()
                .any(|l| match_label(l) == LABELS.iter().position(|x| *x == label)));
        }
        assert_eq!(apply(CARD, &[], 1), CARD.as_bytes());
    }

    #[test]
    fn deterministic_and_seed_sensitive() {
        for seed in [0, 1, 42, u64::MAX] {
            for d in ALL {
                assert_eq!(apply(CARD, &[d], seed), apply(CARD, &[d], seed), "{d:?}");
            }
            for combo in COMBOS {
                assert_eq!(
                    apply(CARD, combo, seed),
                    apply(CARD, combo, seed),
                    "{combo:?}"
                );
            }
        }
        for d in [
            Damage::TrailingBlanks,
            Damage::PageBreaks,
            Damage::UmlautsMisread,
            Damage::OneForL,
            Damage::DollarForS,
            Damage::MissingSpaces,
            Damage::HyphenatedLabels,
        ] {
            let outs: Vec<Vec<u8>> = (0..8).map(|s| apply(CARD, &[d], s)).collect();
            assert!(outs.iter().any(|o| *o != outs[0]), "{d:?} ignores the seed");
        }
    }

    #[test]
    fn every_damage_changes_the_card_and_keeps_urls() {
        for seed in 0..6 {
            for d in ALL {
                let out = apply(CARD, &[d], seed);
                assert_ne!(out, CARD.as_bytes(), "{d:?}");
                assert_eq!(url_tail(&decode(&out)), URLS, "{d:?} seed {seed}");
            }
        }
    }

    #[test]
    fn bom() {
        let out = apply(CARD, &[Damage::Bom], 3);
        assert_eq!(&out[..3], &[0xEF, 0xBB, 0xBF]);
        assert_eq!(&out[3..], CARD.as_bytes());
    }

    #[test]
    fn cp1252() {
        let out = apply(CARD, &[Damage::Cp1252], 3);
        assert!(std::str::from_utf8(&out).is_err());
        assert_eq!(out.len(), CARD.chars().count());
        for b in [0xE4, 0xF6, 0x96, 0x80] {
            assert!(out.contains(&b), "missing byte {b:#x}");
        }
        assert_eq!(decode_cp1252(&out), CARD);
        let odd = apply("a → ő b\n", &[Damage::Cp1252], 0);
        assert_eq!(odd, b"a ? ? b\n");
    }

    #[test]
    fn crlf() {
        let out = apply(CARD, &[Damage::Crlf], 3);
        let lf = out.iter().filter(|&&b| b == b'\n').count();
        assert_eq!(lf, CARD.matches('\n').count());
        for (i, &b) in out.iter().enumerate() {
            if b == b'\n' {
                assert!(i > 0 && out[i - 1] == b'\r', "lone LF at {i}");
            }
        }
        assert_eq!(decode(&out), CARD);
    }

    #[test]
    fn byte_damages_run_last_and_bom_never_with_cp1252() {
        let a = apply(CARD, &[Damage::Crlf, Damage::BlankLines], 9);
        let b = apply(CARD, &[Damage::BlankLines, Damage::Crlf], 9);
        assert_eq!(a, b);
        assert!(!a.windows(2).any(|w| w[1] == b'\n' && w[0] != b'\r'));
        let c = apply(CARD, &[Damage::Bom, Damage::Cp1252, Damage::Crlf], 9);
        let d = apply(CARD, &[Damage::Cp1252, Damage::Crlf], 9);
        assert_eq!(c, d);
        assert_ne!(&c[..3], &[0xEF, 0xBB, 0xBF]);
        let e = apply(CARD, &[Damage::Crlf, Damage::Bom, Damage::UmlautsLost], 9);
        assert!(e.starts_with(&[0xEF, 0xBB, 0xBF]));
        assert!(decode(&e).contains("edistamisen"));
        for combo in COMBOS {
            assert!(!(combo.contains(&Damage::Bom) && combo.contains(&Damage::Cp1252)));
        }
    }

    #[test]
    fn trailing_blanks() {
        for seed in 0..5 {
            let out = one(Damage::TrailingBlanks, seed);
            assert!(out.lines().filter(|l| l.ends_with([' ', '\t'])).count() >= 5);
            let stripped: Vec<&str> = out
                .split('\n')
                .map(|l| l.trim_end_matches([' ', '\t']))
                .collect();
            assert_eq!(stripped.join("\n"), CARD);
            for l in out.lines().filter(|l| l.starts_with("http")) {
                assert!(!l.ends_with([' ', '\t']));
            }
        }
    }

    #[test]
    fn blank_lines() {
        let out = one(Damage::BlankLines, 1);
        let lines: Vec<&str> = out.trim_end().split('\n').collect();
        let clean: Vec<&str> = CARD.trim_end().split('\n').collect();
        assert_eq!(
            lines
                .iter()
                .filter(|l| !l.is_empty())
                .copied()
                .collect::<Vec<_>>(),
            clean
        );
        // Every line but the URLs is followed by a blank line.
        let body = clean.len() - URLS.len();
        assert_eq!(lines.len(), 2 * body + URLS.len());
        for k in 0..body {
            assert_eq!(lines[2 * k + 1], "", "line {k}");
        }
    }

    #[test]
    fn page_breaks() {
        let mut top = false;
        let mut bottom = false;
        let mut far_right = false;
        for seed in 0..40 {
            let out = one(Damage::PageBreaks, seed);
            let ff = out.matches('\u{c}').count();
            assert!((2..=3).contains(&ff), "seed {seed}: {ff} form feeds");
            assert_eq!(out.matches(HEADER1).count(), 1 + ff);
            assert_eq!(out.matches(HEADER2).count(), 1 + ff);
            let (kept, gaps) = strip_page_artifacts(&out);
            assert_eq!(kept.join("\n"), CARD, "seed {seed}");
            assert_eq!(gaps.len(), ff);
            // At least one break falls inside a value.
            assert!(
                gaps.iter()
                    .any(|&g| g > 3 && !is_label_line(&kept[g]) && !is_label_line(&kept[g - 1])),
                "seed {seed}: no break inside a value"
            );
            let lines: Vec<&str> = out.split('\n').collect();
            for (i, l) in lines.iter().enumerate() {
                let t = l.trim_start_matches('\u{c}');
                if !t.trim().is_empty() && t.trim().chars().all(|c| c.is_ascii_digit()) {
                    if l.starts_with('\u{c}') {
                        top = true;
                    } else if lines.get(i + 1).is_some_and(|n| n.starts_with('\u{c}')) {
                        bottom = true;
                    }
                    far_right |= t.starts_with(&" ".repeat(60));
                }
            }
        }
        assert!(
            top && bottom && far_right,
            "top {top} bottom {bottom} far {far_right}"
        );
    }

    #[test]
    fn split_labels() {
        for seed in 0..10 {
            let out = one(Damage::SplitLabels, seed);
            assert_eq!(sorted_words(&out), sorted_words(CARD));
            let lines: Vec<&str> = out.lines().collect();
            let i = lines
                .iter()
                .position(|l| l.starts_with("Varsinaiset "))
                .unwrap();
            assert!(lines[i].len() > "Varsinaiset ".len() + 5);
            assert!(lines[i + 1].starts_with("kohderyhmät "));
            assert!(lines[i + 1].len() > "kohderyhmät ".len() + 5);
            for label in LABELS.iter().filter(|l| l.contains(' ')) {
                assert!(!lines.contains(label), "seed {seed}: {label} not split");
            }
            // Single-word labels alone on their line stay as they are.
            assert!(lines.contains(&"Tavoitteet") && lines.contains(&"Toimintatapa"));
            // Dates and the amount stay whole on one line.
            assert!(out.contains("1.3.2016 – 28.2.2018") && out.contains("84 512 €"));
        }
    }

    #[test]
    fn two_column() {
        for seed in 0..6 {
            let out = one(Damage::TwoColumn, seed);
            assert_eq!(sorted_words(&out), sorted_words(CARD));
            let lines: Vec<&str> = out.lines().collect();
            assert_eq!(lines[0], HEADER1);
            assert_eq!(lines[1], HEADER2);
            assert_eq!(lines[2], "S21234, Kylätalon Kaikuja");
            assert_eq!(url_tail(&out), URLS);
            let row = lines.iter().find(|l| l.starts_with("Toteuttajat")).unwrap();
            let chars: Vec<char> = row.chars().collect();
            assert!(chars[11..32].iter().all(|&c| c == ' '));
            assert_eq!(chars[32..].iter().collect::<String>(), "Kylätalon tuki ry");
            assert!(lines.iter().any(|l| {
                l.starts_with("Lupaavat osallisuuden ")
                    && l.chars().take(LABEL_WIDTH).collect::<String>().trim_end()
                        == "Lupaavat osallisuuden"
            }));
            assert!(lines.iter().any(|l| l.trim_end() == "käytännöt ja palaset"
                || l.starts_with("käytännöt ja palaset ")));
            for l in &lines[3..lines.len() - URLS.len()] {
                let chars: Vec<char> = l.chars().collect();
                if chars.len() <= LABEL_WIDTH {
                    continue;
                }
                assert!(chars[LABEL_WIDTH..32].iter().all(|&c| c == ' '), "{l:?}");
                assert!(chars[31] == ' ' && chars[32] != ' ', "{l:?}");
                assert!(chars.len() <= 32 + 66, "{l:?}");
            }
            assert!(
                lines
                    .iter()
                    .filter(|l| l.starts_with(&" ".repeat(32)))
                    .count()
                    >= 5
            );
        }
    }

    #[test]
    fn lost_structure() {
        for seed in 0..6 {
            let out = one(Damage::LostStructure, seed);
            assert_eq!(sorted_words(&out), sorted_words(CARD));
            let lines: Vec<&str> = out.lines().collect();
            assert!(
                lines.len() * 2 < CARD.lines().count(),
                "{} lines",
                lines.len()
            );
            assert_eq!(&lines[..2], &[HEADER1, HEADER2]);
            assert_eq!(url_tail(&out), URLS);
            assert!(lines[2].starts_with("S21234, Kylätalon Kaikuja Hankkeen nimi"));
            assert!(out.contains("toiveita. Tavoitteet Luoda"));
            for l in &lines[2..lines.len() - URLS.len()] {
                // target ≤ 215 plus at most one unbreakable label or number group
                assert!(l.chars().count() <= 215 + 45, "{l:?}");
            }
        }
    }

    #[test]
    fn hyphenated_labels() {
        let multi = LABELS.iter().filter(|l| l.contains(' ')).count();
        let mut seen_example = false;
        for seed in 0..100 {
            let out = one(Damage::HyphenatedLabels, seed);
            assert_eq!(unhyphenate(&out), CARD, "seed {seed}");
            let broken: Vec<&str> = out.lines().filter(|l| l.ends_with('-')).collect();
            assert_eq!(broken.len(), multi, "seed {seed}");
            for l in &broken {
                let last = l.split(' ').next_back().unwrap();
                let stem = last.trim_end_matches('-');
                assert!(stem.chars().count() >= 3);
                assert!(label_words().iter().any(|w| w.starts_with(stem)), "{l:?}");
            }
            seen_example |= out.contains("Erityishuomioita, kehittä-\nmistyön ongelmia");
        }
        assert!(seen_example);
    }

    #[test]
    fn umlauts_lost() {
        let out = one(Damage::UmlautsLost, 0);
        let expected: String = CARD
            .split('\n')
            .map(|l| {
                if l.starts_with("http") {
                    l.to_string()
                } else {
                    l.replace('ä', "a")
                        .replace('ö', "o")
                        .replace('Ä', "A")
                        .replace('Ö', "O")
                }
            })
            .collect::<Vec<_>>()
            .join("\n");
        assert_eq!(out, expected);
        assert!(out.contains("Kylätalo_lähiö"));
    }

    #[test]
    fn umlauts_misread() {
        for seed in 0..5 {
            let out = one(Damage::UmlautsMisread, seed);
            let mut odd = 0;
            for (got, want) in out.split('\n').zip(CARD.split('\n')) {
                if want.starts_with("http") {
                    assert_eq!(got, want);
                    continue;
                }
                assert_eq!(got.chars().count(), want.chars().count());
                for (g, w) in got.chars().zip(want.chars()) {
                    if g != w {
                        assert!("äöÄÖ".contains(w), "{w} -> {g}");
                        assert!("éd6®aoAO".contains(g), "{w} -> {g}");
                        odd += usize::from("éd6®".contains(g));
                    }
                }
                assert!(!got.contains(['ä', 'ö']));
            }
            assert!(odd >= 5, "seed {seed}");
        }
    }

    #[test]
    fn one_for_l() {
        for seed in 0..8 {
            let out = one(Damage::OneForL, seed);
            let mut changed = 0;
            let mut field = None;
            for (got, want) in out.split('\n').zip(CARD.split('\n')) {
                if let Some(i) = match_label(want) {
                    field = Some(i);
                    let label = LABELS[i];
                    assert!(got.starts_with(label), "label changed: {got}");
                    if i < PROSE_FROM {
                        assert_eq!(got, want);
                    }
                }
                if field.is_none_or(|f| f < PROSE_FROM) || want.starts_with("http") {
                    assert_eq!(got, want);
                    continue;
                }
                for (g, w) in got.chars().zip(want.chars()) {
                    if g != w {
                        assert_eq!((w, g), ('l', '1'));
                        changed += 1;
                    }
                }
            }
            let total_l = CARD.matches('l').count();
            assert!(
                changed >= 3 && changed * 4 < total_l,
                "seed {seed}: {changed} of {total_l}"
            );
            assert!(out.contains("vuodesta 2018 alkaen") || out.contains("vuodesta 2018 a1kaen"));
        }
    }

    #[test]
    fn dollar_for_s() {
        let mut variants = std::collections::BTreeSet::new();
        for seed in 0..30 {
            let out = one(Damage::DollarForS, seed);
            assert_eq!(normalise_codes(&out), CARD, "seed {seed}");
            let title = out.lines().nth(2).unwrap();
            let v = ["$21234,", "S$21234,", "S 21234,", "s21234,"]
                .into_iter()
                .find(|v| title.starts_with(v))
                .unwrap_or_else(|| panic!("title code not damaged: {title}"));
            variants.insert(v);
            assert!(out.contains("Hankkeen nimi, S-numero ja toteutusaika"));
        }
        assert_eq!(variants.len(), 4);
    }

    #[test]
    fn missing_spaces() {
        for seed in 0..10 {
            let out = one(Damage::MissingSpaces, seed);
            let dropped = CARD.len() - out.len();
            assert!(
                dropped >= 1 && dropped <= CARD.matches(' ').count() / 20,
                "{dropped}"
            );
            assert_eq!(out.replace(' ', ""), CARD.replace(' ', ""));
            for (got, want) in out.split('\n').zip(CARD.split('\n')) {
                if got == want {
                    continue;
                }
                assert!(!is_label_line(want) && !want.starts_with("http"));
                assert!(match_label(want).is_none());
                // Every dropped space sat between two letters.
                let (g, w): (Vec<char>, Vec<char>) =
                    (got.chars().collect(), want.chars().collect());
                let (mut i, mut j) = (0, 0);
                while j < w.len() {
                    if i < g.len() && g[i] == w[j] {
                        i += 1;
                    } else {
                        assert!(
                            w[j] == ' ' && w[j - 1].is_alphabetic() && w[j + 1].is_alphabetic()
                        );
                    }
                    j += 1;
                }
            }
            let out_words: Vec<&str> = out.split_whitespace().collect();
            for w in CARD
                .split_whitespace()
                .filter(|w| w.contains(|c: char| c.is_ascii_digit()))
            {
                assert!(out_words.contains(&w), "{w}");
            }
            for l in CARD.lines().take(9) {
                assert!(out.contains(l));
            }
        }
    }

    #[test]
    fn combos_keep_facts() {
        assert!(COMBOS.len() >= 6);
        for combo in COMBOS {
            for seed in 0..6 {
                let bytes = apply(CARD, combo, seed);
                assert_ne!(bytes, CARD.as_bytes());
                if combo.contains(&Damage::Cp1252) {
                    assert!(std::str::from_utf8(&bytes).is_err(), "{combo:?}");
                }
                if combo.contains(&Damage::Crlf) {
                    assert!(!bytes.windows(2).any(|w| w[1] == b'\n' && w[0] != b'\r'));
                }
                let text = decode(&bytes);
                assert_eq!(url_tail(&text), URLS, "{combo:?}");
                let (kept, _) = strip_page_artifacts(&text);
                let text = normalise_codes(&unhyphenate(&kept.join("\n")));
                for fact in [
                    "S21234",
                    "S20999",
                    "1.3.2016",
                    "28.2.2018",
                    "84 512 €",
                    "ELY-keskus",
                ] {
                    assert!(text.contains(fact), "{combo:?} seed {seed}: lost {fact}");
                }
                // Labels in order (first word, fuzzy on umlauts).
                let tokens: Vec<&str> = text.split_whitespace().collect();
                let mut pos = 0;
                for label in LABELS {
                    let first = label.split(' ').next().unwrap();
                    let found = tokens[pos..].iter().position(|t| fuzzy_eq(t, first));
                    let found = found.unwrap_or_else(|| panic!("{combo:?} seed {seed}: {label}"));
                    pos += found + 1;
                }
            }
        }
    }

    #[test]
    fn odd_inputs_do_not_panic() {
        let sparse = "Hankekortti, Euroopan sosiaalirahaston toimintalinja 5\n\
Koonnut Sosiaalisen osallisuuden edistämisen koordinaatiohanke – Sokra, syyskuu 2019\n\
S20001, Pieni\n\
Toteuttajat Yhdistys ry\n\
Erityishuomioita, kehittämistyön ongelmia\n";
        for input in ["", "\n", "yksi rivi", sparse, &CARD.replace('\n', "\r\n")] {
            for seed in 0..3 {
                for d in ALL {
                    let _ = apply(input, &[d], seed);
                }
                for combo in COMBOS {
                    assert_eq!(apply(input, combo, seed), apply(input, combo, seed));
                }
            }
        }
        assert_eq!(apply(&CARD.replace('\n', "\r\n"), &[], 0), CARD.as_bytes());
    }
}
