//! A run: documents in, [`Document`]s out.
//!
//! Parsing is two passes over the run. The first decodes every document and gathers the
//! correctly spelled Finnish words it contains: that is the "evidence elsewhere in the run" from
//! which OCR-damaged words are restored. The second parses each document with the shipped
//! lexicon plus that evidence. Finally documents are tied together: a decision to the card of the
//! project it funds, organisation names to the form the run uses elsewhere.

use crate::card;
use crate::decision;
use crate::document::{Document, Kind, Warning};
use crate::read::{decode, normalise, split_lines, Decoded, Encoding, Lines};
use crate::text::date::Period;
use crate::text::fold::name_key;
use crate::text::lexicon::{Evidence, Lexicon};
use sha2::{Digest, Sha256};
use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// Errors of the library's I/O edges.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// A path could not be read.
    #[error("cannot read {path}: {source}")]
    Read {
        /// The path.
        path: PathBuf,
        /// Why.
        #[source]
        source: std::io::Error,
    },
}

/// One input: its name (the path as given) and its bytes.
#[derive(Clone, Debug)]
pub struct Input {
    /// The path as given, or any name the caller chooses.
    pub file: String,
    /// The raw bytes.
    pub bytes: Vec<u8>,
}

/// Expands paths: a file is itself, a directory is every file below it, sorted by path.
/// Unreadable paths are returned as errors beside the files that could be listed.
pub fn expand_paths(paths: &[PathBuf]) -> (Vec<PathBuf>, Vec<Error>) {
    let mut files = Vec::new();
    let mut errors = Vec::new();
    for p in paths {
        walk(p, &mut files, &mut errors);
    }
    (files, errors)
}

fn walk(p: &Path, files: &mut Vec<PathBuf>, errors: &mut Vec<Error>) {
    match std::fs::metadata(p) {
        Err(source) => errors.push(Error::Read {
            path: p.to_owned(),
            source,
        }),
        Ok(m) if m.is_dir() => match std::fs::read_dir(p) {
            Err(source) => errors.push(Error::Read {
                path: p.to_owned(),
                source,
            }),
            Ok(entries) => {
                let mut children: Vec<PathBuf> =
                    entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
                children.sort();
                for c in children {
                    walk(&c, files, errors);
                }
            }
        },
        Ok(_) => files.push(p.to_owned()),
    }
}

/// Reads files into inputs; unreadable files become errors and the rest go on.
pub fn read_inputs(files: &[PathBuf]) -> (Vec<Input>, Vec<Error>) {
    let mut inputs = Vec::new();
    let mut errors = Vec::new();
    for f in files {
        match std::fs::read(f) {
            Ok(bytes) => inputs.push(Input {
                file: f.display().to_string(),
                bytes,
            }),
            Err(source) => errors.push(Error::Read {
                path: f.clone(),
                source,
            }),
        }
    }
    (inputs, errors)
}

/// Expands paths and reads every file: the inputs that could be read, and an error for each
/// path or file that could not.
pub fn read_paths(paths: &[PathBuf]) -> (Vec<Input>, Vec<Error>) {
    let (files, mut errors) = expand_paths(paths);
    let (inputs, read_errors) = read_inputs(&files);
    errors.extend(read_errors);
    (inputs, errors)
}

/// A document after the first pass: split into lines, with what decoding found. The decoded
/// text itself is not kept (its lines are), nor the bytes.
struct Prepared {
    file: String,
    sha256: String,
    /// The encoding, `None` for binary data.
    encoding: Option<&'static str>,
    /// What decoding had to do, or the one warning of binary data.
    warnings: Vec<Warning>,
    binary: bool,
    lines: Lines,
    /// What the lines offer the run's lexicon, gathered here so that only adding it is
    /// sequential.
    evidence: Evidence,
}

fn prepare(input: &Input) -> Prepared {
    let decoded = decode(&input.bytes);
    let lines = if decoded.binary {
        Lines::default()
    } else {
        split_lines(&normalise(&decoded.text))
    };
    let mut evidence = Evidence::default();
    for l in &lines.lines {
        evidence.gather(&l.text);
    }
    Prepared {
        file: input.file.clone(),
        sha256: hex(&Sha256::digest(&input.bytes)),
        encoding: (!decoded.binary).then(|| decoded.encoding.name()),
        warnings: if decoded.binary {
            vec![Warning::new(
                "binary",
                "binary data, not text; skipped".into(),
            )]
        } else {
            decode_warnings(&decoded)
        },
        binary: decoded.binary,
        lines,
        evidence,
    }
}

/// Lowercase hex of bytes.
pub fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn decode_warnings(d: &Decoded) -> Vec<Warning> {
    let mut w = Vec::new();
    if d.encoding == Encoding::Windows1252 {
        w.push(Warning::new(
            "windows-1252",
            "not valid UTF-8; read as Windows-1252".into(),
        ));
    }
    if d.repaired_mojibake {
        w.push(Warning::new(
            "mojibake",
            "UTF-8 that had been decoded as Windows-1252 once; repaired".into(),
        ));
    }
    if d.replacements > 0 {
        w.push(Warning::new(
            "undecodable",
            format!("{} bytes fit no encoding and were replaced", d.replacements),
        ));
    }
    w
}

fn parse_prepared(p: Prepared, lex: &Lexicon) -> Document {
    let mut doc = Document {
        file: p.file,
        kind: Kind::Unknown,
        encoding: p.encoding,
        sha256: p.sha256,
        warnings: p.warnings,
        card: None,
        decision: None,
    };
    if p.binary {
        return doc;
    }
    if p.lines.lines.is_empty() {
        doc.warnings.push(Warning::new("empty", "no text".into()));
        return doc;
    }
    if let Some((card, w)) = card::parse(&p.lines, lex) {
        doc.kind = Kind::Card;
        doc.card = Some(card);
        doc.warnings.extend(w);
        return doc;
    }
    let text: String = p
        .lines
        .lines
        .iter()
        .map(|l| l.text.as_str())
        .collect::<Vec<_>>()
        .join("\n");
    if decision::looks_like(&text) {
        let (d, w) = decision::parse(&p.lines, lex);
        doc.kind = Kind::Decision;
        doc.decision = Some(d);
        doc.warnings.extend(w);
        return doc;
    }
    doc.warnings.push(Warning::new(
        "unknown-kind",
        "neither a project card nor a co-funding decision".into(),
    ));
    doc
}

/// Parses a run of documents.
///
/// ```
/// use hankegraph::parse::{parse_inputs, Input};
/// let card = "Hankekortti, Euroopan sosiaalirahaston toimintalinja 5\nS20877, Petosen Pömpeli\n\
///             Hankkeen nimi, S-numero ja toteutusaika\nS20877, Petosen Pömpeli, 2.1.2017 – 31.12.2017\n\
///             Rahoittaja ja toteutunut julkinen rahoitus\nEtelä-Savon ELY-keskus, 61 386 €\n";
/// let docs = parse_inputs(&[Input { file: "a.txt".into(), bytes: card.as_bytes().to_vec() }]);
/// let c = docs[0].card.as_ref().unwrap();
/// assert_eq!(c.code.as_deref(), Some("S20877"));
/// assert_eq!(c.funding_eur.map(|e| e.cents()), Some(6_138_600));
/// ```
pub fn parse_inputs(inputs: &[Input]) -> Vec<Document> {
    parse_inputs_with(inputs, available_threads())
}

/// The threads [`parse_inputs`] uses: the machine's cores.
pub fn available_threads() -> usize {
    std::thread::available_parallelism().map_or(1, std::num::NonZero::get)
}

/// [`parse_inputs`] on `threads` threads (1 parses on the calling thread). Decoding and the
/// parse of each document run in parallel across documents; gathering the run's evidence and
/// tying documents together run once, in order. The result does not depend on `threads`.
pub fn parse_inputs_with(inputs: &[Input], threads: usize) -> Vec<Document> {
    parse_prepared_run(par_map(inputs, threads, prepare), threads)
}

/// [`parse_inputs_with`] taking the inputs: each input's bytes are freed once it is decoded and
/// split into lines, and each document's lines once it is parsed, so that a large run holds
/// little more than its documents (what `hankegraph ingest` uses).
pub fn parse_owned_inputs(inputs: Vec<Input>, threads: usize) -> Vec<Document> {
    parse_prepared_run(par_map_into(inputs, threads, |i| prepare(&i)), threads)
}

fn parse_prepared_run(prepared: Vec<Prepared>, threads: usize) -> Vec<Document> {
    let mut docs = parse_each(prepared, threads);
    harmonise_organisations(&mut docs);
    match_decisions(&mut docs);
    docs
}

/// Each document parsed on its own, with the lexicon and the evidence of the whole run, before
/// the run-level steps tie documents together.
fn parse_each(mut prepared: Vec<Prepared>, threads: usize) -> Vec<Document> {
    let mut lex = Lexicon::builtin();
    for p in &mut prepared {
        lex.add_gathered(&std::mem::take(&mut p.evidence));
    }
    par_map_into(prepared, threads, |p| parse_prepared(p, &lex))
}

/// `items.iter().map(f).collect()` on up to `threads` scoped threads, in order.
fn par_map<T: Sync, U: Send>(items: &[T], threads: usize, f: impl Fn(&T) -> U + Sync) -> Vec<U> {
    par_map_into(items.iter().collect(), threads, f)
}

/// `items.into_iter().map(f).collect()` on up to `threads` scoped threads, in order. Items are
/// handed out in small batches, so one huge document does not hold up a whole share, and each
/// item is dropped as soon as it is mapped.
fn par_map_into<T: Send, U: Send>(
    items: Vec<T>,
    threads: usize,
    f: impl Fn(T) -> U + Sync,
) -> Vec<U> {
    let threads = threads.clamp(1, items.len().max(1));
    if threads == 1 {
        return items.into_iter().map(f).collect();
    }
    let batch = (items.len() / (threads * 16)).clamp(1, 256);
    let mut rest = items.into_iter();
    let batches: Vec<std::sync::Mutex<Vec<T>>> = std::iter::from_fn(|| {
        let b: Vec<T> = rest.by_ref().take(batch).collect();
        (!b.is_empty()).then(|| std::sync::Mutex::new(b))
    })
    .collect();
    let next = std::sync::atomic::AtomicUsize::new(0);
    let mut done: Vec<(usize, Vec<U>)> = std::thread::scope(|scope| {
        let workers: Vec<_> = (0..threads)
            .map(|_| {
                scope.spawn(|| {
                    let mut out = Vec::new();
                    loop {
                        let i = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                        let Some(b) = batches.get(i) else { break };
                        // each batch is taken by one worker only; a poisoned lock still holds it
                        let items = std::mem::take(
                            &mut *b.lock().unwrap_or_else(std::sync::PoisonError::into_inner),
                        );
                        out.push((i, items.into_iter().map(&f).collect::<Vec<U>>()));
                    }
                    out
                })
            })
            .collect();
        workers
            .into_iter()
            .flat_map(|w| {
                w.join()
                    .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
            })
            .collect()
    });
    done.sort_unstable_by_key(|(i, _)| *i);
    done.into_iter().flat_map(|(_, v)| v).collect()
}

/// Legal-form suffixes that may be left out when a name is inflected in prose.
const LEGAL_FORMS: &[&str] = &["ry", "r.y.", "rf", "oy", "ab", "sr"];

/// Puts organisation names in the form the run uses elsewhere: a name without its legal form
/// (`… asukasyhdistys`, read from `… asukasyhdistyksen`) takes the full form (`… asukasyhdistys
/// ry`) when exactly one such full form occurs in the run.
fn harmonise_organisations(docs: &mut [Document]) {
    // full names by their key without the legal form: `… asukasyhdistys ry` under
    // `… asukasyhdistys`, in the order of the run
    let legal_form_keys: Vec<String> = LEGAL_FORMS.iter().map(|lf| name_key(lf)).collect();
    let mut full: HashMap<String, Vec<String>> = HashMap::new();
    let mut add_full = |name: &str| {
        let key = name_key(name);
        for lf in &legal_form_keys {
            if let Some(stripped) = key
                .strip_suffix(lf.as_str())
                .and_then(|k| k.strip_suffix(' '))
            {
                full.entry(stripped.to_owned())
                    .or_default()
                    .push(name.to_owned());
            }
        }
    };
    for d in docs.iter() {
        if let Some(c) = &d.card {
            for n in c.implementers.iter().chain(&c.continued_by_organisations) {
                add_full(n);
            }
        }
        if let Some(x) = d.decision.as_ref().and_then(|x| x.applicant.as_deref()) {
            add_full(x);
        }
    }
    let fix = |name: &str| -> Option<String> {
        match full.get(&name_key(name))?.as_slice() {
            [one] => Some(one.clone()),
            [one, rest @ ..] if rest.iter().all(|r| name_key(r) == name_key(one)) => {
                Some(one.clone())
            }
            _ => None,
        }
    };
    // the cards' implementer names by key, in the order of the run
    let mut implementers: HashMap<String, Vec<String>> = HashMap::new();
    for i in docs
        .iter()
        .filter_map(|d| d.card.as_ref())
        .flat_map(|c| c.implementers.iter())
    {
        implementers.entry(name_key(i)).or_default().push(i.clone());
    }
    for d in docs.iter_mut() {
        if let Some(c) = &mut d.card {
            for n in c
                .implementers
                .iter_mut()
                .chain(c.continued_by_organisations.iter_mut())
            {
                if let Some(f) = fix(n) {
                    *n = f;
                }
            }
        }
        if let Some(x) = &mut d.decision {
            if let Some(a) = &mut x.applicant {
                if let Some(f) = fix(a) {
                    *a = f;
                }
                // a decision names the applicant as the cards do, when they name it alike
                if let Some(card_form) = implementers
                    .get(&name_key(a))
                    .and_then(|forms| forms.iter().find(|i| *i != a))
                {
                    *a = card_form.clone();
                }
            }
        }
    }
}

fn overlaps(
    p: &Period,
    start: Option<crate::text::date::Date>,
    end: Option<crate::text::date::Date>,
) -> bool {
    match (start, end) {
        (Some(s), Some(e)) => p.start <= e && s <= p.end,
        _ => false,
    }
}

/// True when two name keys name one project: equal, or one the other's first words
/// (`petosen pompeli` and `petosen pompeli hanke`).
fn same_project_name(a: &str, b: &str) -> bool {
    if a.is_empty() || b.is_empty() {
        return false;
    }
    a == b
        || (a.split(' ').count() >= 2 && b.starts_with(&format!("{a} ")))
        || (b.split(' ').count() >= 2 && a.starts_with(&format!("{b} ")))
}

/// Ties each decision to the card in the run that it funds, through project name, applicant and
/// period. A decision that names its project needs a card of that name plus the applicant or an
/// overlapping period; one that does not needs both the applicant and the period. An exact name
/// outranks a name that merely starts with it. A tie is no match.
fn match_decisions(docs: &mut [Document]) {
    let cards: Vec<(String, String, Vec<String>, Option<_>, Option<_>)> = docs
        .iter()
        .filter_map(|d| d.card.as_ref())
        .filter_map(|c| {
            Some((
                c.code.clone()?,
                c.name.as_deref().map(name_key).unwrap_or_default(),
                c.implementers.iter().map(|i| name_key(i)).collect(),
                c.start,
                c.end,
            ))
        })
        .collect();
    // only cards that can fit are looked at: those whose name is the decision's name or its
    // first words or starts with it, or, for a decision without a name, those of its applicant
    let mut by_name_prefix: HashMap<&str, Vec<usize>> = HashMap::new();
    let mut by_implementer: HashMap<&str, Vec<usize>> = HashMap::new();
    for (i, (_, cname, imps, _, _)) in cards.iter().enumerate() {
        for (end, _) in cname.match_indices(' ').chain([(cname.len(), "")]) {
            by_name_prefix.entry(&cname[..end]).or_default().push(i);
        }
        for imp in imps {
            by_implementer.entry(imp.as_str()).or_default().push(i);
        }
    }
    for d in docs.iter_mut() {
        let Some(x) = &mut d.decision else { continue };
        let name = x.project_name.as_deref().map(name_key);
        let applicant = x.applicant.as_deref().map(name_key);
        let mut candidates: Vec<usize> = match (&name, &applicant) {
            (Some(n), _) => {
                // cards named n or n and more words, and cards named by n's first words
                let mut c = by_name_prefix.get(n.as_str()).cloned().unwrap_or_default();
                for (end, _) in n.match_indices(' ') {
                    if let Some(shorter) = by_name_prefix.get(&n[..end]) {
                        c.extend(shorter.iter().filter(|&&i| cards[i].1.len() == end));
                    }
                }
                c
            }
            (None, Some(a)) => by_implementer.get(a.as_str()).cloned().unwrap_or_default(),
            (None, None) => Vec::new(),
        };
        candidates.sort_unstable();
        candidates.dedup();
        let mut best: Vec<(u32, &str)> = Vec::new();
        for (code, cname, imps, s, e) in candidates.iter().filter_map(|&i| cards.get(i)) {
            let name_ok = name.as_ref().is_some_and(|n| same_project_name(n, cname));
            let app_ok = applicant
                .as_ref()
                .is_some_and(|a| imps.iter().any(|i| i == a));
            let period_ok = x.period.as_ref().is_some_and(|p| overlaps(p, *s, *e));
            // a decision that names its project matches only a card of that name
            let fits = if name.is_some() {
                name_ok && (app_ok || period_ok)
            } else {
                app_ok && period_ok
            };
            // the exact name beats a longer one that starts with it (`Silta Juuka` is not
            // `Silta Juuka II`, its successor, run by the same applicant at an overlapping time)
            let name_exact = name.as_ref().is_some_and(|n| n == cname);
            if fits {
                best.push((
                    u32::from(name_exact) * 4
                        + u32::from(name_ok) * 2
                        + u32::from(app_ok)
                        + u32::from(period_ok),
                    code,
                ));
            }
        }
        best.sort_by_key(|b| std::cmp::Reverse(b.0));
        // two cards of one project (a re-issued card) are one match
        best.dedup_by(|b, a| a.1 == b.1);
        x.matches_code = match best.as_slice() {
            [] => None,
            [one] => Some(one.1.to_owned()),
            [a, b, ..] if a.0 > b.0 => Some(a.1.to_owned()),
            _ => {
                d.warnings.push(Warning::new(
                    "ambiguous-match",
                    "the decision fits more than one card equally well".into(),
                ));
                None
            }
        };
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use super::*;

    fn card(code: &str, name: &str, period: &str) -> Input {
        Input {
            file: format!("{code}.txt"),
            bytes: format!(
                "Hankekortti, Euroopan sosiaalirahaston toimintalinja 5\n{code}, {name}\n\
                 Hankkeen nimi, S-numero ja toteutusaika\n{code}, {name}, {period}\n\
                 Rahoittaja ja toteutunut julkinen rahoitus\nEtelä-Savon ELY-keskus, 61 386 €\n\
                 Toteuttajat Juuan Kylätuvat ry\n"
            )
            .into_bytes(),
        }
    }

    /// The first, quadratic forms of the run-level steps (every name against every name,
    /// every decision against every card), kept as the oracle of the indexed ones.
    fn harmonise_organisations_quadratic(docs: &mut [Document]) {
        let mut full: Vec<String> = Vec::new();
        for d in docs.iter() {
            if let Some(c) = &d.card {
                full.extend(c.implementers.iter().cloned());
                full.extend(c.continued_by_organisations.iter().cloned());
            }
            if let Some(x) = d.decision.as_ref().and_then(|x| x.applicant.clone()) {
                full.push(x);
            }
        }
        let fix = |name: &str| -> Option<String> {
            let k = name_key(name);
            let matches: Vec<&String> = full
                .iter()
                .filter(|f| {
                    let fk = name_key(f);
                    LEGAL_FORMS
                        .iter()
                        .any(|lf| fk == format!("{k} {}", name_key(lf)))
                })
                .collect();
            match matches.as_slice() {
                [one] => Some((*one).clone()),
                [one, rest @ ..] if rest.iter().all(|r| name_key(r) == name_key(one)) => {
                    Some((*one).clone())
                }
                _ => None,
            }
        };
        let implementers: Vec<String> = docs
            .iter()
            .filter_map(|d| d.card.as_ref())
            .flat_map(|c| c.implementers.iter().cloned())
            .collect();
        for d in docs.iter_mut() {
            if let Some(c) = &mut d.card {
                for n in c
                    .implementers
                    .iter_mut()
                    .chain(c.continued_by_organisations.iter_mut())
                {
                    if let Some(f) = fix(n) {
                        *n = f;
                    }
                }
            }
            if let Some(x) = &mut d.decision {
                if let Some(a) = &mut x.applicant {
                    if let Some(f) = fix(a) {
                        *a = f;
                    }
                    // a decision names the applicant as the cards do, when they name it alike
                    if let Some(card_form) = implementers
                        .iter()
                        .find(|i| name_key(i) == name_key(a) && *i != a)
                    {
                        *a = card_form.clone();
                    }
                }
            }
        }
    }

    fn match_decisions_quadratic(docs: &mut [Document]) {
        let cards: Vec<(String, String, Vec<String>, Option<_>, Option<_>)> = docs
            .iter()
            .filter_map(|d| d.card.as_ref())
            .filter_map(|c| {
                Some((
                    c.code.clone()?,
                    c.name.as_deref().map(name_key).unwrap_or_default(),
                    c.implementers.iter().map(|i| name_key(i)).collect(),
                    c.start,
                    c.end,
                ))
            })
            .collect();
        for d in docs.iter_mut() {
            let Some(x) = &mut d.decision else { continue };
            let name = x.project_name.as_deref().map(name_key);
            let applicant = x.applicant.as_deref().map(name_key);
            let mut best: Vec<(u32, &str)> = Vec::new();
            for (code, cname, imps, s, e) in &cards {
                let name_ok = name.as_ref().is_some_and(|n| same_project_name(n, cname));
                let app_ok = applicant
                    .as_ref()
                    .is_some_and(|a| imps.iter().any(|i| i == a));
                let period_ok = x.period.as_ref().is_some_and(|p| overlaps(p, *s, *e));
                // a decision that names its project matches only a card of that name
                let fits = if name.is_some() {
                    name_ok && (app_ok || period_ok)
                } else {
                    app_ok && period_ok
                };
                // the exact name beats a longer one that starts with it (`Silta Juuka` is not
                // `Silta Juuka II`, its successor, run by the same applicant at an overlapping time)
                let name_exact = name.as_ref().is_some_and(|n| n == cname);
                if fits {
                    best.push((
                        u32::from(name_exact) * 4
                            + u32::from(name_ok) * 2
                            + u32::from(app_ok)
                            + u32::from(period_ok),
                        code,
                    ));
                }
            }
            best.sort_by_key(|b| std::cmp::Reverse(b.0));
            // two cards of one project (a re-issued card) are one match
            best.dedup_by(|b, a| a.1 == b.1);
            x.matches_code = match best.as_slice() {
                [] => None,
                [one] => Some(one.1.to_owned()),
                [a, b, ..] if a.0 > b.0 => Some(a.1.to_owned()),
                _ => {
                    d.warnings.push(Warning::new(
                        "ambiguous-match",
                        "the decision fits more than one card equally well".into(),
                    ));
                    None
                }
            };
        }
    }

    #[test]
    fn indexed_run_steps_agree_with_the_quadratic_ones() {
        for (seed, count) in [(3, 250), (8, 350)] {
            let corpus = crate::gen::generate(&crate::gen::Options {
                count,
                seed,
                damage_rate: 0.8,
                decisions_per_100: 40,
            });
            let inputs: Vec<Input> = corpus.inputs();
            let parsed = parse_each(inputs.iter().map(prepare).collect(), 1);
            let (mut fast, mut slow) = (parsed.clone(), parsed);
            harmonise_organisations(&mut fast);
            harmonise_organisations_quadratic(&mut slow);
            assert!(fast == slow, "harmonise, seed {seed}");
            match_decisions(&mut fast);
            match_decisions_quadratic(&mut slow);
            assert!(fast == slow, "match, seed {seed}");
            let matched = fast
                .iter()
                .filter_map(|d| d.decision.as_ref())
                .filter(|d| d.matches_code.is_some())
                .count();
            assert!(
                matched > count / 10,
                "seed {seed}: only {matched} decisions matched"
            );
        }
    }

    #[test]
    fn parsing_on_several_threads_gives_what_one_thread_gives() {
        let corpus = crate::gen::generate(&crate::gen::Options {
            count: 300,
            seed: 5,
            damage_rate: 0.6,
            decisions_per_100: 20,
        });
        let mut inputs: Vec<Input> = corpus.inputs();
        inputs.push(Input {
            file: "binary.bin".into(),
            bytes: vec![0, 159, 146, 150, 0, 0, 1, 2],
        });
        let one = parse_inputs_with(&inputs, 1);
        assert_eq!(one.len(), inputs.len());
        assert!(one.iter().any(|d| d.kind == Kind::Decision));
        assert!(one.iter().any(|d| d.encoding == Some("windows-1252")));
        let binary = one.last().expect("the binary input");
        assert_eq!((binary.encoding, binary.warnings[0].code), (None, "binary"));
        for threads in [2, 3, 7] {
            assert!(
                one == parse_inputs_with(&inputs, threads),
                "{threads} threads"
            );
        }
        // the form that frees each input as it goes gives the same documents
        for threads in [1, 2, 7] {
            assert!(
                one == parse_owned_inputs(inputs.clone(), threads),
                "owned, {threads} threads"
            );
        }
        assert!(parse_inputs_with(&[], 4).is_empty());
        assert!(parse_owned_inputs(Vec::new(), 4).is_empty());
    }

    #[test]
    fn a_decision_goes_to_the_card_of_its_exact_name_not_to_the_successor() {
        let decision = Input {
            file: "juuka.txt".into(),
            bytes: "Juuan kunta\nSosiaali- ja terveyslautakunta\n\n\
                    Silta Juuka -hankkeen kuntarahoitusosuus / Juuan Kylätuvat ry\n\n\
                    Juuan Kylätuvat ry hakee 5 500 euron kuntarahoitusosuutta Silta Juuka -hankkeelle 1.1.2018–30.6.2019.\n\n\
                    - Päätös** Lautakunta hyväksyi päätösehdotuksen.\n"
                .as_bytes()
                .to_vec(),
        };
        let docs = parse_inputs(&[
            card("S10084", "Silta Juuka", "1.1.2018 – 30.6.2019"),
            card("S10085", "Silta Juuka II", "1.4.2019 – 31.12.2020"),
            decision,
        ]);
        let x = docs[2].decision.as_ref().expect("a decision");
        assert_eq!(
            x.matches_code.as_deref(),
            Some("S10084"),
            "{:?}",
            docs[2].warnings
        );
    }
}
