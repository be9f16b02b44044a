//! A run of files parsed in passes, so that it never holds its documents (or their bytes) all at
//! once: what `hankegraph ingest` uses for a large run.
//!
//! A run's documents depend on the whole run: the lexicon takes the evidence of every document,
//! organisation names take the form the run uses elsewhere, and a decision is matched against
//! every card. Instead of holding every document until the run is known, [`FileRun`] reads the
//! files three times, a batch at a time, each batch on all cores:
//!
//! 1. [`FileRun::read`] decodes each file and gathers its evidence (and its SHA-256);
//! 2. it then parses each file and keeps only the distinct organisation names and a few keys of
//!    each card (`parse/tie.rs`);
//! 3. [`FileRun::documents`] parses each file once more, ties it to the run, and hands it on.
//!
//! Memory therefore grows with the run's distinct names and cards, not with its text; the cost
//! is a second parse. The documents are those that [`parse_owned_inputs`](super::parse_owned_inputs)
//! gives for the same files, in the same order. A file that changes between the passes (its
//! SHA-256 differs) is an error, never a silent mix of two versions.

use super::tie::{apply_match, CardKeys, Matcher, OrgNames};
use super::{par_map_into, parse_prepared, prepare_as, read_input, Error, Gather, Prepared};
use crate::document::Document;
use crate::text::lexicon::Lexicon;
use std::collections::VecDeque;
use std::path::PathBuf;

/// Files read and parsed per batch: enough for every core to have work, few enough that a
/// batch of documents is small.
const BATCH: usize = 256;

/// The passes of a [`FileRun`], for progress reports.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Pass {
    /// Reading each file and gathering its evidence.
    Read,
    /// Parsing each file for the names and keys that tie the run together.
    Tie,
    /// Parsing each file into its document.
    Parse,
}

impl Pass {
    /// A word for people.
    pub fn as_str(self) -> &'static str {
        match self {
            Pass::Read => "reading",
            Pass::Tie => "tying",
            Pass::Parse => "parsing",
        }
    }
}

/// One file of the run, as the first pass found it.
#[derive(Clone, Debug)]
struct RunFile {
    path: PathBuf,
    sha256: String,
}

/// A run of files, read for its evidence and its ties, ready to give its documents.
#[derive(Debug)]
pub struct FileRun {
    files: Vec<RunFile>,
    lexicon: Lexicon,
    names: OrgNames,
    matcher: Matcher,
    threads: usize,
}

impl FileRun {
    /// Runs the first two passes over `files` (as [`expand_paths`](super::expand_paths) lists
    /// them), on `threads` threads. Files that cannot be read are returned as errors and left
    /// out of the run; `progress` hears of each batch as (pass, files done, files in all).
    ///
    /// # Errors
    /// A file that could be read in the first pass but then changed or vanished stops the run.
    pub fn read(
        files: &[PathBuf],
        threads: usize,
        progress: &mut dyn FnMut(Pass, usize, usize),
    ) -> Result<(FileRun, Vec<Error>), Error> {
        let mut errors = Vec::new();
        let mut run = FileRun {
            files: Vec::with_capacity(files.len()),
            lexicon: Lexicon::builtin(),
            names: OrgNames::default(),
            matcher: Matcher::default(),
            threads,
        };
        // pass 1: evidence, added in the run's order
        for (n, batch) in files.chunks(BATCH).enumerate() {
            let gather = Gather::for_lexicon(&run.lexicon);
            let read: Vec<Result<Prepared, Error>> =
                par_map_into(batch.iter().collect(), threads, |p| {
                    read_input(p).map(|i| prepare_as(&i, gather))
                });
            for (path, r) in batch.iter().zip(read) {
                match r {
                    Ok(mut p) => {
                        run.lexicon.add_gathered(&std::mem::take(&mut p.evidence));
                        run.files.push(RunFile {
                            path: path.clone(),
                            sha256: p.sha256,
                        });
                    }
                    Err(e) => errors.push(e),
                }
            }
            progress(Pass::Read, n * BATCH + batch.len(), files.len());
        }
        // pass 2: the names and card keys of every document
        let mut cards: Vec<CardKeys> = Vec::new();
        let all: Vec<usize> = (0..run.files.len()).collect();
        for (n, batch) in all.chunks(BATCH).enumerate() {
            for doc in run.parse_batch(batch) {
                let doc = doc?;
                run.names.add(&doc);
                cards.extend(CardKeys::of(&doc));
            }
            progress(Pass::Tie, n * BATCH + batch.len(), all.len());
        }
        for keys in cards {
            run.matcher.add(keys, Some(&run.names));
        }
        Ok((run, errors))
    }

    /// The number of files in the run (those that could be read).
    pub fn len(&self) -> usize {
        self.files.len()
    }

    /// True when no file could be read.
    pub fn is_empty(&self) -> bool {
        self.files.is_empty()
    }

    /// The SHA-256 (hex) and name (the path as given) of each file, in the run's order: what a
    /// store needs to know which documents it holds already.
    pub fn keys(&self) -> Vec<(String, String)> {
        self.files
            .iter()
            .map(|f| (f.sha256.clone(), f.path.display().to_string()))
            .collect()
    }

    /// Parses the files at `indices` (positions in the run, in any order) before the run-level
    /// steps, on the run's threads, checking that each is the file the first pass read.
    fn parse_batch(&self, indices: &[usize]) -> Vec<Result<Document, Error>> {
        let files: Vec<&RunFile> = indices.iter().filter_map(|&i| self.files.get(i)).collect();
        par_map_into(files, self.threads, |f| {
            let p = prepare_as(&read_input(&f.path)?, Gather::Nothing);
            if p.sha256 != f.sha256 {
                return Err(Error::Changed {
                    path: f.path.clone(),
                });
            }
            Ok(parse_prepared(p, &self.lexicon))
        })
    }

    /// The third pass: the documents of the files at `indices` (positions in the run), in that
    /// order, a batch at a time, each tied to the run (names in the run's form, decisions
    /// matched to cards). `progress` hears of each batch as (pass, documents done, documents
    /// asked for).
    pub fn documents<'a>(
        &'a self,
        indices: Vec<usize>,
        progress: &'a mut dyn FnMut(Pass, usize, usize),
    ) -> Documents<'a> {
        Documents {
            run: self,
            indices,
            next: 0,
            ready: VecDeque::new(),
            progress,
        }
    }

    /// Every document of the run, in order (see [`FileRun::documents`]).
    pub fn all_documents<'a>(
        &'a self,
        progress: &'a mut dyn FnMut(Pass, usize, usize),
    ) -> Documents<'a> {
        self.documents((0..self.files.len()).collect(), progress)
    }
}

/// The documents of a [`FileRun`], parsed a batch at a time as they are asked for.
pub struct Documents<'a> {
    run: &'a FileRun,
    indices: Vec<usize>,
    next: usize,
    ready: VecDeque<Result<Document, Error>>,
    progress: &'a mut dyn FnMut(Pass, usize, usize),
}

impl Iterator for Documents<'_> {
    type Item = Result<Document, Error>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.ready.is_empty() && self.next < self.indices.len() {
            let end = (self.next + BATCH).min(self.indices.len());
            let batch = &self.indices[self.next..end];
            self.next = end;
            for doc in self.run.parse_batch(batch) {
                self.ready.push_back(doc.map(|mut d| {
                    self.run.names.apply(&mut d);
                    if d.decision.is_some() {
                        let found = self.run.matcher.find(&d);
                        apply_match(&mut d, found);
                    }
                    d
                }));
            }
            (self.progress)(Pass::Parse, end, self.indices.len());
        }
        self.ready.pop_front()
    }
}
