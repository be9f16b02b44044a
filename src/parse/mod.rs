//! A run: documents in, [`Document`]s out.
//!
//! Parsing is two passes over the run. The first decodes every document and gathers the
//! correctly spelled Finnish words it contains: that is the "evidence elsewhere in the run" from
//! which OCR-damaged words are restored. The second parses each document with the shipped
//! lexicon plus that evidence. Finally documents are tied together: a decision to the card of the
//! project it funds, organisation names to the form the run uses elsewhere.

mod files;
mod tie;

pub use files::{Documents, FileRun, Pass};

use crate::card;
use crate::decision;
use crate::document::{Document, Kind, Warning};
use crate::read::{decode, normalise, split_lines, Decoded, Encoding, Lines};
use crate::text::lexicon::{Evidence, Lexicon};
use sha2::{Digest, Sha256};
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
    /// A file of a run read in passes ([`FileRun`]) is not the file its first pass read.
    #[error("{path} changed while the run was being read (read it again once it is complete)")]
    Changed {
        /// The path.
        path: PathBuf,
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

/// Reads one file into an input named by its path as given.
pub fn read_input(path: &Path) -> Result<Input, Error> {
    std::fs::read(path)
        .map(|bytes| Input {
            file: path.display().to_string(),
            bytes,
        })
        .map_err(|source| Error::Read {
            path: path.to_owned(),
            source,
        })
}

/// Reads files into inputs; unreadable files become errors and the rest go on.
pub fn read_inputs(files: &[PathBuf]) -> (Vec<Input>, Vec<Error>) {
    let mut inputs = Vec::new();
    let mut errors = Vec::new();
    for f in files {
        match read_input(f) {
            Ok(input) => inputs.push(input),
            Err(e) => errors.push(e),
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

/// What the first pass gathers of a document for the run's lexicon.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Gather {
    /// Nothing: the run has its evidence already (a [`FileRun`]'s later passes).
    Nothing,
    /// The words with intact letters only: the run's lexicon holds all the word pairs it takes.
    Words,
    /// Words and word pairs ([`Evidence::gather`]).
    All,
}

impl Gather {
    /// What is worth gathering for `lex`: once it holds all the word pairs it takes, its words.
    fn for_lexicon(lex: &Lexicon) -> Gather {
        if lex.wants_pairs() {
            Gather::All
        } else {
            Gather::Words
        }
    }
}

#[cfg(test)]
fn prepare(input: &Input) -> Prepared {
    prepare_as(input, Gather::All)
}

/// Decodes a document and splits it into lines, gathering what `gather` asks of its evidence.
fn prepare_as(input: &Input, gather: Gather) -> Prepared {
    let decoded = decode(&input.bytes);
    let lines = if decoded.binary {
        Lines::default()
    } else {
        split_lines(&normalise(&decoded.text))
    };
    let mut evidence = Evidence::default();
    match gather {
        Gather::Nothing => {}
        Gather::Words => {
            for l in &lines.lines {
                evidence.gather_words(&l.text);
            }
        }
        Gather::All => {
            evidence = Evidence::with_capacity(lines.lines.iter().map(|l| l.text.len() + 1).sum());
            for l in &lines.lines {
                evidence.gather(&l.text);
            }
        }
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
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut out = String::with_capacity(2 * bytes.len());
    for &b in bytes {
        out.push(char::from(DIGITS[usize::from(b >> 4)]));
        out.push(char::from(DIGITS[usize::from(b & 0xf)]));
    }
    out
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
    parse_run(inputs.iter().collect(), threads, prepare_as)
}

/// [`parse_inputs_with`] taking the inputs: each input's bytes are freed once it is decoded and
/// split into lines, and each document's lines once it is parsed, so that a large run holds
/// little more than its documents (what `hankegraph ingest` uses).
pub fn parse_owned_inputs(inputs: Vec<Input>, threads: usize) -> Vec<Document> {
    parse_run(inputs, threads, |i, gather| prepare_as(&i, gather))
}

/// How many documents are prepared before their evidence is added to the run's lexicon.
const EVIDENCE_BATCH: usize = 1024;

/// Prepares the items of a run, adds their evidence to the run's lexicon in the run's order,
/// parses each document with it and ties the documents together. The evidence is added a batch
/// at a time and then dropped, so that a run never holds more than one batch of it (the
/// evidence of a text takes about twice the text).
fn parse_run<T: Send>(
    items: Vec<T>,
    threads: usize,
    prepare: impl Fn(T, Gather) -> Prepared + Sync,
) -> Vec<Document> {
    let mut lex = Lexicon::builtin();
    let mut prepared = Vec::with_capacity(items.len());
    let mut rest = items.into_iter();
    loop {
        let batch: Vec<T> = rest.by_ref().take(EVIDENCE_BATCH).collect();
        if batch.is_empty() {
            break;
        }
        let gather = Gather::for_lexicon(&lex);
        for mut p in par_map_into(batch, threads, |item| prepare(item, gather)) {
            lex.add_gathered(&std::mem::take(&mut p.evidence));
            prepared.push(p);
        }
    }
    let mut docs = par_map_into(prepared, threads, |p| parse_prepared(p, &lex));
    tie::tie(&mut docs);
    docs
}

/// Each document parsed on its own, with the lexicon and the evidence of the whole run, before
/// the run-level steps tie documents together.
#[cfg(test)]
fn parse_each(mut prepared: Vec<Prepared>, threads: usize) -> Vec<Document> {
    let mut lex = Lexicon::builtin();
    for p in &mut prepared {
        lex.add_gathered(&std::mem::take(&mut p.evidence));
    }
    par_map_into(prepared, threads, |p| parse_prepared(p, &lex))
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

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use super::tie::{match_score, same_project_name, LEGAL_FORMS};
    use super::*;
    use crate::text::date::Period;
    use crate::text::fold::name_key;

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
                let name_exact = name.as_ref().is_some_and(|n| n == cname);
                let score = match_score(name.is_some(), name_exact, name_ok, app_ok, period_ok);
                if let Some(score) = score {
                    best.push((score, code));
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
    fn hex_of_a_known_digest() {
        assert_eq!(
            hex(&Sha256::digest(b"abc")),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
        assert_eq!(hex(&[0x00, 0x0f, 0xf0, 0xff]), "000ff0ff");
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
            let mut inputs: Vec<Input> = corpus.inputs();
            // names the generator does not write: one without its legal form, as prose gives
            // it, beside its full form elsewhere in the run
            for (code, implementer) in [
                ("S19990", "Pitkälahti-Petosen asukasyhdistys"),
                ("S19991", "Pitkälahti-Petosen asukasyhdistys ry"),
            ] {
                let mut c = card(code, "Olohuone Petonen", "1.1.2018 – 30.6.2019");
                c.bytes = String::from_utf8_lossy(&c.bytes)
                    .replace("Juuan Kylätuvat ry", implementer)
                    .into_bytes();
                inputs.push(c);
            }
            let parsed = parse_each(inputs.iter().map(prepare).collect(), 1);
            let (mut fast, mut slow) = (parsed.clone(), parsed.clone());
            tie::tie(&mut fast);
            harmonise_organisations_quadratic(&mut slow);
            match_decisions_quadratic(&mut slow);
            assert!(fast == slow, "seed {seed}");
            /// The organisation names a document gives.
            fn names(d: &Document) -> Vec<&str> {
                let card = d
                    .card
                    .iter()
                    .flat_map(|c| c.implementers.iter().chain(&c.continued_by_organisations));
                let decision = d.decision.iter().filter_map(|x| x.applicant.as_ref());
                card.chain(decision).map(String::as_str).collect()
            }
            let harmonised = parsed
                .iter()
                .zip(&fast)
                .filter(|(a, b)| names(a) != names(b))
                .count();
            assert!(
                harmonised > 0,
                "seed {seed}: no name was put in the run's form"
            );
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

    /// A generated corpus (with a binary file and a Windows-1252 one) in a new directory.
    fn corpus_dir(name: &str, count: usize, seed: u64) -> (PathBuf, Vec<PathBuf>) {
        let dir = std::env::temp_dir().join(format!("hankegraph-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        let corpus = crate::gen::generate(&crate::gen::Options {
            count,
            seed,
            damage_rate: 0.7,
            decisions_per_100: 30,
        });
        for f in &corpus.files {
            let path = dir.join(&f.path);
            std::fs::create_dir_all(path.parent().expect("a parent")).expect("mkdir");
            std::fs::write(&path, &f.bytes).expect("write");
        }
        std::fs::write(dir.join("binary.bin"), [0, 159, 146, 150, 0, 0, 1, 2]).expect("write");
        // a name without its legal form beside its full form, for the run to harmonise
        for (code, implementer) in [
            ("S19990", "Pitkälahti-Petosen asukasyhdistys"),
            ("S19991", "Pitkälahti-Petosen asukasyhdistys ry"),
        ] {
            let c = card(code, "Olohuone Petonen", "1.1.2018 – 30.6.2019");
            let text = String::from_utf8_lossy(&c.bytes).replace("Juuan Kylätuvat ry", implementer);
            std::fs::write(dir.join(c.file), text).expect("write");
        }
        let (files, errors) = expand_paths(std::slice::from_ref(&dir));
        assert!(errors.is_empty(), "{errors:?}");
        (dir, files)
    }

    #[test]
    fn a_run_read_in_passes_gives_the_documents_of_a_run_held_in_memory() {
        let (dir, files) = corpus_dir("passes", 700, 12);
        let (inputs, errors) = read_inputs(&files);
        assert!(errors.is_empty());
        let held = parse_owned_inputs(inputs, 2);
        assert!(held.iter().filter(|d| d.kind == Kind::Decision).count() > 100);
        assert!(
            held.iter()
                .filter_map(|d| d.card.as_ref())
                .filter(|c| c.implementers == ["Pitkälahti-Petosen asukasyhdistys ry"])
                .count()
                == 2,
            "the run harmonises a name"
        );
        let mut passes = Vec::new();
        let (run, errors) = FileRun::read(&files, 2, &mut |pass, done, all| {
            passes.push((pass, done, all));
        })
        .expect("the run is read");
        assert!(errors.is_empty() && run.len() == files.len());
        // 700 cards, 210 decisions and a binary file: four batches a pass
        assert_eq!(passes.len(), 8, "{passes:?}");
        assert_eq!(passes.last(), Some(&(Pass::Tie, files.len(), files.len())));
        let streamed: Vec<Document> = run
            .all_documents(&mut |_, _, _| {})
            .collect::<Result<_, _>>()
            .expect("every document");
        assert_eq!(streamed.len(), held.len());
        for (s, h) in streamed.iter().zip(&held) {
            assert!(s == h, "{} differs", h.file);
        }
        // some documents only, in the order asked for
        let some: Vec<Document> = run
            .documents(vec![5, 2, 600], &mut |_, _, _| {})
            .collect::<Result<_, _>>()
            .expect("three documents");
        assert!(some[0] == held[5] && some[1] == held[2] && some[2] == held[600]);
        let _ = std::fs::remove_dir_all(dir);
    }

    #[test]
    fn a_file_that_changes_between_the_passes_stops_the_run() {
        let (dir, mut files) = corpus_dir("changes", 20, 3);
        files.push(dir.join("missing.txt"));
        let victim = files[3].clone();
        let (run, errors) = FileRun::read(&files, 1, &mut |pass, _, _| {
            if pass == Pass::Tie {
                // after the names are read, before the documents are
                std::fs::write(&victim, "Hankekortti\nS12345, toinen versio\n").expect("write");
            }
        })
        .expect("the first two passes read the same bytes");
        assert_eq!(errors.len(), 1, "the missing file: {errors:?}");
        assert_eq!(run.len(), files.len() - 1);
        let docs: Vec<Result<Document, Error>> = run.all_documents(&mut |_, _, _| {}).collect();
        assert!(
            matches!(&docs[3], Err(Error::Changed { path }) if *path == victim),
            "{:?}",
            docs[3].as_ref().map(|d| &d.file)
        );
        assert!(docs.iter().filter(|d| d.is_err()).count() == 1);
        // changed before the second pass: the run is not read at all
        let again = FileRun::read(&files, 2, &mut |pass, _, _| {
            if pass == Pass::Read {
                std::fs::write(&victim, "Hankekortti\nS12345, kolmas versio\n").expect("write");
            }
        });
        assert!(matches!(again, Err(Error::Changed { .. })));
        let _ = std::fs::remove_dir_all(dir);
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
