//! Restoring Finnish letters that OCR lost, from evidence only.
//!
//! A word is restored when it is not a known word as written, and exactly one known word (the
//! one needing fewest substitutions) is a damaged spelling of it under the substitutions
//! [`ocr_eq`](super::fold::ocr_eq) allows. "Known" means the lexicon shipped in `lexicon/`
//! (Finnish words, compound stems, organisation and municipality names), plus the correctly
//! spelled words seen elsewhere in the same run ([`Lexicon::add_evidence`]). Nothing is guessed:
//! a word with no candidate, or with two equally good ones, stays as it is.

use super::fold::{is_key_char, is_letter, lower, ocr_distance, skeleton};
use super::glued::{Glued, PairHash};
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use std::borrow::Cow;
use std::sync::OnceLock;

const WORDS: &str = include_str!("../../lexicon/words.txt");
const STEMS: &str = include_str!("../../lexicon/stems.txt");
const ORGANISATIONS: &str = include_str!("../../lexicon/organisations.tsv");
const MUNICIPALITIES: &str = include_str!("../../lexicon/municipalities.tsv");

/// A set of lowercase word forms with an index by [`skeleton`]. The shipped words are
/// borrowed from the lists compiled into the binary, not copied (some 128 000 of them are
/// indexed when a process first parses).
#[derive(Clone, Debug, Default)]
struct WordSet {
    words: HashSet<Cow<'static, str>>,
    by_skeleton: HashMap<String, Vec<Cow<'static, str>>>,
}

impl WordSet {
    fn add(&mut self, w: Cow<'static, str>) {
        if w.is_empty() || self.words.contains(&w) {
            return;
        }
        self.by_skeleton
            .entry(skeleton(&w))
            .or_default()
            .push(w.clone());
        self.words.insert(w);
    }

    /// Adds a word of a shipped list, lowercased.
    fn add_static(&mut self, w: &'static str) {
        if w.bytes().all(|b| b.is_ascii() && !b.is_ascii_uppercase()) {
            return self.add(Cow::Borrowed(w));
        }
        let lower = w.to_lowercase();
        self.add(if lower == w {
            Cow::Borrowed(w)
        } else {
            Cow::Owned(lower)
        });
    }

    fn contains(&self, w: &str) -> bool {
        self.words.contains(w)
    }

    fn candidates(&self, skel: &str) -> &[Cow<'static, str>] {
        self.by_skeleton.get(skel).map_or(&[], Vec::as_slice)
    }
}

/// The shipped lists, built once per process.
#[derive(Debug, Default)]
struct Base {
    words: WordSet,
    stems: WordSet,
}

fn base() -> &'static Base {
    static BASE: OnceLock<Base> = OnceLock::new();
    BASE.get_or_init(|| {
        let mut b = Base::default();
        let words = data_lines(WORDS).count();
        b.words.words.reserve(words);
        b.words.by_skeleton.reserve(words);
        for w in data_lines(WORDS) {
            b.words.add_static(w);
        }
        for s in data_lines(STEMS) {
            b.stems.add_static(s);
        }
        let mut add_text = |text: &'static str| {
            for (_, p) in pieces(text) {
                if p.chars().all(char::is_alphabetic) {
                    b.words.add_static(p);
                }
            }
        };
        for (name, abbrevs, _) in organisations() {
            add_text(name);
            for a in abbrevs {
                add_text(a);
            }
        }
        for (name, gen, loc) in municipalities() {
            add_text(name);
            add_text(gen);
            add_text(loc);
        }
        b
    })
}

/// Known Finnish word forms, indexed for OCR-tolerant look-up: the shipped lists (shared, built
/// once) and the evidence of the current run.
#[derive(Clone, Debug, Default)]
pub struct Lexicon {
    base: Option<&'static Base>,
    words: WordSet,
    stems: WordSet,
    /// Two words seen side by side in the run, keyed by their lowercase concatenation: the
    /// evidence for putting back a space OCR dropped (`Kallavedenseurakunnan`).
    glued: Glued,
}

/// How many word pairs the run may contribute as evidence of dropped spaces.
const MAX_GLUED: usize = 200_000;

/// Lines of a shipped list, without comments and blanks.
fn data_lines(text: &str) -> impl Iterator<Item = &str> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
}

/// The municipalities shipped in `lexicon/municipalities.tsv`: (name, genitive, locative).
pub fn municipalities() -> impl Iterator<Item = (&'static str, &'static str, &'static str)> {
    data_lines(MUNICIPALITIES).filter_map(|l| {
        let mut cols = l.split('\t').map(str::trim);
        Some((cols.next()?, cols.next()?, cols.next()?))
    })
}

/// The organisations shipped in `lexicon/organisations.tsv`: (name, abbreviations, kind).
pub fn organisations() -> impl Iterator<Item = (&'static str, Vec<&'static str>, &'static str)> {
    data_lines(ORGANISATIONS).filter_map(|l| {
        let mut cols = l.split('\t').map(str::trim);
        let name = cols.next()?;
        let abbrevs = cols
            .next()
            .unwrap_or("")
            .split(',')
            .map(str::trim)
            .filter(|a| !a.is_empty())
            .collect();
        Some((name, abbrevs, cols.next().unwrap_or("other")))
    })
}

/// The pieces of a text that are words: runs of letters (and the digits and signs OCR puts in
/// words), with their byte offsets.
fn pieces(text: &str) -> impl Iterator<Item = (usize, &str)> {
    let mut chars = text.char_indices();
    std::iter::from_fn(move || {
        let start = loop {
            let (i, c) = chars.next()?;
            if is_key_char(c) {
                break i;
            }
        };
        let end = chars
            .by_ref()
            .find(|&(_, c)| !is_key_char(c))
            .map_or(text.len(), |(i, _)| i);
        Some((start, &text[start..end]))
    })
}

/// True when a word could carry the damage we repair: it has a letter OCR confuses.
fn maybe_damaged(w: &str) -> bool {
    w.chars().any(|c| {
        matches!(
            lower(c),
            'a' | 'o' | 'd' | 'é' | '6' | '®' | '1' | '|' | '0' | 'á' | 'à' | 'ó' | 'ò' | 'ã' | 'õ'
        )
    }) && w.chars().any(is_letter)
}

/// Applies the case pattern of `model` (all upper, capitalised, lower) to `word`.
fn with_case_of(model: &str, word: &str) -> String {
    let letters: Vec<char> = model.chars().filter(|c| c.is_alphabetic()).collect();
    if letters.len() > 1 && letters.iter().all(|c| c.is_uppercase()) {
        return word.to_uppercase();
    }
    if model.chars().next().is_some_and(char::is_uppercase) {
        let mut cs = word.chars();
        return match cs.next() {
            Some(f) => f.to_uppercase().chain(cs).collect(),
            None => String::new(),
        };
    }
    word.to_owned()
}

/// What one text offers a run's lexicon as evidence, gathered without the lexicon, so that the
/// documents of a run can be gathered on any thread and added in order
/// ([`Lexicon::add_gathered`]):
/// - pairs of plain words written with a space between them (the evidence for putting back a
///   space OCR dropped elsewhere, `Kallavedenseurakunnan`), under their lowercase concatenation;
/// - lowercase words of three letters or more with an intact `ä` or `ö` and no other letter
///   outside `a`–`z` and `å`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Evidence {
    /// The lines that have pairs, as they are, and the lowercase words, one after another.
    text: String,
    /// A line with pairs: `text[start..end]`, whose pairs' hashes end at `hashes[pairs_end]`.
    lines: Vec<(u32, u32, u32)>,
    /// The filed hash of the key of each pair ([`PairHash::of_pair`]), in reading order. A
    /// pair's words are found again only when its hash is new to the lexicon.
    hashes: Vec<u64>,
    /// A word: `text[start..end]`.
    words: Vec<(u32, u32)>,
}

/// Calls `f` with the filed hash of its key and the two words of each pair of plain words that
/// `line` writes with a space between them, in reading order.
fn each_pair<'a>(line: &'a str, mut f: impl FnMut(u64, &'a str, &'a str)) {
    // the previous word, and the hash of its lowercase once computed
    let mut prev: Option<(&str, Option<PairHash>)> = None;
    for word in line.split_whitespace() {
        let (clean, plain) = clean_word(word);
        let mut hash = None;
        if let (Some((p, p_hash)), true) = (prev, plain) {
            if p.chars().nth(1).is_some() && clean.chars().nth(1).is_some() {
                hash = PairHash::of_lowercase(clean);
                let key_hash = match (p_hash.or_else(|| PairHash::of_lowercase(p)), hash) {
                    (Some(a), Some(b)) => a.then(b).finish(),
                    _ => PairHash::of_pair(p, clean),
                };
                f(key_hash, p, clean);
            }
        }
        // a pair only when nothing stands between the words
        prev = (plain && word.len() == clean.len()).then_some((clean, hash));
    }
}

/// A word without the non-letters around it, and whether the rest is letters and hyphens only.
fn clean_word(word: &str) -> (&str, bool) {
    // most words are ASCII: one pass over their bytes finds the first and last letters and
    // whether anything but a hyphen stands between them
    let mut first = None;
    let mut last = 0;
    let mut pending = false;
    let mut inner = false;
    for (i, &b) in word.as_bytes().iter().enumerate() {
        if b.is_ascii_alphabetic() {
            if first.is_none() {
                first = Some(i);
            }
            inner |= pending;
            last = i;
        } else if !b.is_ascii() {
            return clean_word_chars(word);
        } else if b != b'-' && first.is_some() {
            pending = true;
        }
    }
    match first {
        Some(start) => (&word[start..=last], !inner),
        None => ("", false),
    }
}

/// [`clean_word`] a character at a time, for any word.
fn clean_word_chars(word: &str) -> (&str, bool) {
    let clean = word.trim_matches(|c: char| !is_letter(c));
    let plain = !clean.is_empty() && clean.chars().all(|c| is_letter(c) || c == '-');
    (clean, plain)
}

/// True when text has an `ä`, `ö`, `Ä` or `Ö`.
#[cfg(test)]
fn has_umlaut(text: &str) -> bool {
    umlaut_at(text, 0).is_some()
}

/// Where the first `ä`, `ö`, `Ä` or `Ö` at or after byte `from` starts: their UTF-8 is 0xC3 and
/// one of four bytes.
fn umlaut_at(text: &str, from: usize) -> Option<usize> {
    let b = text.as_bytes();
    let mut at = from;
    while let Some(i) = b
        .get(at..)
        .and_then(|rest| rest.iter().position(|&x| x == 0xC3))
    {
        if matches!(b.get(at + i + 1), Some(0xA4 | 0xB6 | 0x84 | 0x96)) {
            return Some(at + i);
        }
        at += i + 1;
    }
    None
}

/// The [`pieces`] of a text that have an `ä` or `ö`, found from those letters, so that the rest
/// of the text is not read character by character.
fn pieces_with_umlaut(text: &str) -> impl Iterator<Item = &str> {
    let mut from = 0;
    std::iter::from_fn(move || {
        let at = umlaut_at(text, from)?;
        // an umlaut is a key character: the piece runs from the key characters before it to
        // those after it
        let start = text[..at]
            .char_indices()
            .rev()
            .take_while(|&(_, c)| is_key_char(c))
            .last()
            .map_or(at, |(i, _)| i);
        let end = text[at..]
            .char_indices()
            .find(|&(_, c)| !is_key_char(c))
            .map_or(text.len(), |(i, _)| at + i);
        from = end;
        Some(&text[start..end])
    })
}

impl Evidence {
    /// Room for the evidence of a text of `len` bytes, gathered line by line, without growing
    /// (the text, and a pair per eight bytes).
    pub fn with_capacity(len: usize) -> Self {
        Evidence {
            text: String::with_capacity(len),
            lines: Vec::new(),
            hashes: Vec::with_capacity(len / 8),
            words: Vec::new(),
        }
    }

    /// Gathers the evidence of `text` (one line: a pair never spans two calls) after what this
    /// already holds. A text too large to index (4 GiB of evidence) adds nothing more.
    pub fn gather(&mut self, text: &str) {
        self.gather_pairs(text);
        self.gather_words(text);
    }

    /// The part of [`Evidence::gather`] that a lexicon still takes when it holds all the word
    /// pairs it may ([`Lexicon::wants_pairs`]): the words with an intact `ä` or `ö`.
    pub fn gather_words(&mut self, text: &str) {
        // evidence is a word with an intact `ä` or `ö`: many lines and most words have neither,
        // and are passed over before lowercasing
        for p in pieces_with_umlaut(text) {
            let start = self.text.len();
            for c in p.chars() {
                if u32::from(c) < 0x100 {
                    // the lowercase of a Latin-1 letter is one character (`fold::lower`)
                    self.text.push(lower(c));
                } else {
                    self.text.extend(c.to_lowercase());
                }
            }
            let lw = &self.text[start..];
            let kept = lw.chars().nth(2).is_some()
                && lw
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || matches!(c, 'ä' | 'ö' | 'å'));
            match (u32::try_from(start), u32::try_from(self.text.len())) {
                (Ok(s), Ok(e)) if kept => self.words.push((s, e)),
                _ => self.text.truncate(start),
            }
        }
    }

    /// The pairs of plain words written with a space between them: the hash of each key, and
    /// the line as it is when it has one.
    fn gather_pairs(&mut self, line: &str) {
        let before = self.hashes.len();
        each_pair(line, |hash, _, _| self.hashes.push(hash));
        if self.hashes.len() == before {
            return;
        }
        let start = self.text.len();
        self.text.push_str(line);
        match (
            u32::try_from(start),
            u32::try_from(self.text.len()),
            u32::try_from(self.hashes.len()),
        ) {
            (Ok(s), Ok(e), Ok(n)) => self.lines.push((s, e, n)),
            _ => {
                self.text.truncate(start);
                self.hashes.truncate(before);
            }
        }
    }
}

impl Lexicon {
    /// An empty lexicon (restores nothing until words are added).
    pub fn empty() -> Self {
        Self::default()
    }

    /// The lexicon shipped with hankegraph.
    pub fn builtin() -> Self {
        Lexicon {
            base: Some(base()),
            ..Self::default()
        }
    }

    /// Adds one correctly spelled word form.
    pub fn add_word(&mut self, word: &str) {
        let w = word.to_lowercase();
        if !self.contains(&w) {
            self.words.add(Cow::Owned(w));
        }
    }

    /// Adds one compound-initial stem.
    pub fn add_stem(&mut self, stem: &str) {
        self.stems.add(Cow::Owned(stem.to_lowercase()));
    }

    fn is_word(&self, lw: &str) -> bool {
        self.words.contains(lw) || self.base.is_some_and(|b| b.words.contains(lw))
    }

    fn is_stem(&self, lw: &str) -> bool {
        self.stems.contains(lw) || self.base.is_some_and(|b| b.stems.contains(lw))
    }

    /// Adds the evidence of a document: its words that carry intact Finnish letters (`ä`, `ö`)
    /// and nothing that OCR puts in their place, and the word pairs it writes with a space.
    pub fn add_evidence(&mut self, text: &str) {
        let mut e = Evidence::default();
        e.gather(text);
        self.add_gathered(&e);
    }

    /// False once the lexicon holds as many word pairs as it may take: the evidence of the rest
    /// of a run need only be [`Evidence::gather_words`], for [`Lexicon::add_gathered`] would pass
    /// over its pairs.
    pub fn wants_pairs(&self) -> bool {
        self.glued.len() < MAX_GLUED
    }

    /// Adds evidence gathered by [`Evidence::gather`]. Adding the evidence of a run's texts in
    /// the run's order gives the lexicon that [`Lexicon::add_evidence`] on each text gives.
    pub fn add_gathered(&mut self, e: &Evidence) {
        let mut first = 0;
        for &(start, end, pairs_end) in &e.lines {
            let hashes = e.hashes.get(first..pairs_end as usize).unwrap_or(&[]);
            first = pairs_end as usize;
            if self.glued.len() >= MAX_GLUED {
                break;
            }
            // nearly every line a run offers has only pairs seen before
            if hashes.iter().all(|&h| self.glued.has_hash(h)) {
                continue;
            }
            let Some(line) = e.text.get(start as usize..end as usize) else {
                continue;
            };
            each_pair(line, |hash, a, b| {
                if self.glued.len() < MAX_GLUED {
                    self.glued.add(hash, a, b);
                }
            });
        }
        for &(start, end) in &e.words {
            let lw = &e.text[start as usize..end as usize];
            if self.is_word(lw) {
                continue;
            }
            // a word whose other letters OCR damaged ("tyoikäiset") is no evidence
            let restorable =
                self.base.is_some() && self.best(lw, false).is_some_and(|(w, d)| d > 0 && w != lw);
            if !restorable {
                self.words.add(Cow::Owned(lw.to_owned()));
            }
        }
    }

    /// True when the word (any case) is known as written.
    pub fn contains(&self, word: &str) -> bool {
        self.is_word(&word.to_lowercase())
    }

    /// The unique best known spelling for a damaged word among words (or stems).
    fn best(&self, lw: &str, stems: bool) -> Option<(String, usize)> {
        let skel = skeleton(lw);
        let (own, shipped) = if stems {
            (&self.stems, self.base.map(|b| &b.stems))
        } else {
            (&self.words, self.base.map(|b| &b.words))
        };
        let mut best: Option<(&str, usize)> = None;
        let mut tie = false;
        let all = own
            .candidates(&skel)
            .iter()
            .chain(shipped.map_or(&[][..], |w| w.candidates(&skel)));
        for c in all {
            if let Some(d) = ocr_distance(c, lw) {
                match best {
                    Some((b, bd)) if d > bd || (d == bd && b == c) => {}
                    Some((_, bd)) if d == bd => tie = true,
                    _ => {
                        best = Some((c, d));
                        tie = false;
                    }
                }
            }
        }
        if tie {
            None
        } else {
            best.map(|(w, d)| (w.to_owned(), d))
        }
    }

    /// The restored spelling of one word, or `None` when it stays as written.
    ///
    /// ```
    /// use hankegraph::text::lexicon::Lexicon;
    /// let mut lex = Lexicon::empty();
    /// lex.add_word("yhdessä");
    /// lex.add_word("pitkälahti");
    /// assert_eq!(lex.restore_word("yhdessa").as_deref(), Some("yhdessä"));
    /// assert_eq!(lex.restore_word("Pitka1ahti").as_deref(), Some("Pitkälahti"));
    /// assert_eq!(lex.restore_word("Oulu"), None); // unknown: left alone
    /// ```
    pub fn restore_word(&self, word: &str) -> Option<String> {
        if !maybe_damaged(word) {
            return None;
        }
        // most words are written in lowercase already
        let lowered: Cow<'_, str> = if word.chars().all(|c| u32::from(c) < 0x100 && lower(c) == c) {
            Cow::Borrowed(word)
        } else {
            Cow::Owned(word.to_lowercase())
        };
        let lw: &str = &lowered;
        if self.is_word(lw) || lw.chars().all(|c| c.is_ascii_digit()) {
            return None;
        }
        if let Some((w, _)) = self.best(lw, false) {
            return (w != lw).then(|| with_case_of(word, &w));
        }
        if let Some(spaced) = self.glued.get(lw) {
            return Some(spaced.to_owned());
        }
        self.restore_compound(lw, 0)
            .filter(|r| *r != lw)
            .map(|r| with_case_of(word, &r))
    }

    /// Restores a compound as a known stem or word followed by a known word (recursively, at
    /// most three parts), when no whole-word match exists.
    fn restore_compound(&self, lw: &str, depth: usize) -> Option<String> {
        let n = lw.chars().count();
        if depth >= 2 || n < 7 {
            return None;
        }
        let idx: Vec<usize> = lw.char_indices().map(|(i, _)| i).collect();
        // longest first part first
        for k in (3..=n - 3).rev() {
            let (head, tail) = lw.split_at(idx[k]);
            // the first part is a compound stem, or a word long enough not to be a mere
            // syllable ("saa" + "mistään" is no compound of "saamistaan")
            let long_word = |w: &str| w.chars().count() >= 5;
            let head_fixed = if self.is_stem(head) || (self.is_word(head) && long_word(head)) {
                Some(head.to_owned())
            } else {
                self.best(head, true)
                    .or_else(|| self.best(head, false).filter(|(w, _)| long_word(w)))
                    .map(|(w, _)| w)
            };
            let Some(head_fixed) = head_fixed else {
                continue;
            };
            let tail_fixed = if self.is_word(tail) {
                Some(tail.to_owned())
            } else {
                self.best(tail, false)
                    .map(|(w, _)| w)
                    .or_else(|| self.restore_compound(tail, depth + 1))
            };
            if let Some(t) = tail_fixed {
                return Some(head_fixed + &t);
            }
        }
        None
    }

    /// Restores every word of a text, leaving URLs, e-mail addresses, codes and everything
    /// between words as they are.
    ///
    /// ```
    /// use hankegraph::text::lexicon::Lexicon;
    /// let mut lex = Lexicon::empty();
    /// for w in ["mennään", "yhdessä", "eteenpäin"] { lex.add_word(w); }
    /// assert_eq!(lex.restore_text("Mennaan yhdessa eteenpéin (S20731)"), "Mennään yhdessä eteenpäin (S20731)");
    /// ```
    pub fn restore_text(&self, text: &str) -> String {
        let mut out = String::with_capacity(text.len());
        let mut last = 0;
        for token in split_keep_offsets(text) {
            let (tstart, tok) = token;
            if tok.contains("://") || tok.contains('@') || tok.starts_with("www.") {
                continue;
            }
            for (pstart, piece) in pieces(tok) {
                if let Some(f) = self.restore_word(piece) {
                    let at = tstart + pstart;
                    out.push_str(&text[last..at]);
                    out.push_str(&f);
                    last = at + piece.len();
                }
            }
        }
        out.push_str(&text[last..]);
        out
    }
}

/// Whitespace-separated tokens with their byte offsets.
fn split_keep_offsets(text: &str) -> Vec<(usize, &str)> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices() {
        match (c.is_whitespace(), start) {
            (false, None) => start = Some(i),
            (true, Some(s)) => {
                out.push((s, &text[s..i]));
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        out.push((s, &text[s..]));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lex(words: &[&str]) -> Lexicon {
        let mut l = Lexicon::empty();
        for w in words {
            l.add_word(w);
        }
        l
    }

    #[test]
    fn each_kind_of_umlaut_damage() {
        let l = lex(&["pömpeli", "työttömät", "järjestöjen", "kehittäminen"]);
        for (damaged, want) in [
            ("Pompeli", "Pömpeli"),
            ("Pémpeli", "Pömpeli"),
            ("Pdmpeli", "Pömpeli"),
            ("P6mpeli", "Pömpeli"),
            ("P®mpeli", "Pömpeli"),
            ("tyottomat", "työttömät"),
            ("jarjestdjen", "järjestöjen"),
            ("kehittdminen", "kehittäminen"),
            ("KEHITTAMINEN", "KEHITTÄMINEN"),
        ] {
            assert_eq!(l.restore_word(damaged).as_deref(), Some(want), "{damaged}");
        }
    }

    #[test]
    fn known_and_unknown_words_stay() {
        let l = lex(&["saa", "sää", "työ"]);
        assert_eq!(l.restore_word("saa"), None);
        assert_eq!(l.restore_word("Kuopio"), None);
        assert_eq!(l.restore_word("2017"), None);
    }

    #[test]
    fn ambiguity_is_not_resolved_by_guessing() {
        // both are two substitutions away from "p®l®"
        let l = lex(&["pälö", "pölä"]);
        assert_eq!(l.restore_word("p®l®"), None);
        let l = lex(&["päla", "pälä"]);
        // "pala": päla needs 1, pälä needs 2 → the nearer one
        assert_eq!(l.restore_word("pala").as_deref(), Some("päla"));
    }

    #[test]
    fn evidence_from_the_run() {
        let mut l = Lexicon::empty();
        l.add_evidence("Pitkälahti-Petosen asukasyhdistys ry, Pémpeli");
        assert_eq!(
            l.restore_text("Pitka1ahti-Petosen").as_str(),
            "Pitkälahti-Petosen"
        );
        assert!(!l.contains("pémpeli"));
    }

    #[test]
    fn dropped_spaces_from_the_run() {
        let mut l = Lexicon::empty();
        l.add_evidence("toimintaa järjestää Kallaveden seurakunnan diakonia");
        assert_eq!(
            l.restore_text("Kallavedenseurakunnan diakonia"),
            "Kallaveden seurakunnan diakonia"
        );
        // a word that is a known word as written is not split
        l.add_word("seurakunnandiakonia");
        assert_eq!(l.restore_word("seurakunnandiakonia"), None);
    }

    #[test]
    fn compounds_from_stems() {
        let mut l = lex(&["työn"]);
        l.add_stem("aikuis");
        l.add_stem("sosiaali");
        assert_eq!(
            l.restore_word("aikuissosiaalityon").as_deref(),
            Some("aikuissosiaalityön")
        );
    }

    #[test]
    fn urls_are_untouched() {
        let l = lex(&["yhteistä"]);
        let t = "http://x.fi/Yhteista_ymmarrysta Yhteista";
        assert_eq!(
            l.restore_text(t),
            "http://x.fi/Yhteista_ymmarrysta Yhteistä"
        );
    }

    /// The first form of `add_evidence`, one text at a time straight into the lexicon: the
    /// oracle of gathering apart and adding in order.
    /// Its pairs go to `glued`, (key, spaced form) in the order first seen.
    fn add_evidence_reference(l: &mut Lexicon, glued: &mut Vec<(String, String)>, text: &str) {
        let mut prev: Option<&str> = None;
        for word in text.split_whitespace() {
            let clean = word.trim_matches(|c: char| !c.is_alphabetic());
            let plain = !clean.is_empty() && clean.chars().all(|c| c.is_alphabetic() || c == '-');
            if let (Some(p), true) = (prev, plain) {
                if glued.len() < MAX_GLUED
                    && p.chars().nth(1).is_some()
                    && clean.chars().nth(1).is_some()
                {
                    let key = format!("{p}{clean}").to_lowercase();
                    if !glued.iter().any(|(k, _)| *k == key) {
                        glued.push((key, format!("{p} {clean}")));
                    }
                }
            }
            prev = (plain && word.len() == clean.len()).then_some(clean);
        }
        for (_, p) in pieces(text) {
            if !p.contains(['ä', 'ö', 'Ä', 'Ö']) {
                continue;
            }
            let lower_p = p.to_lowercase();
            if lower_p.chars().nth(2).is_some()
                && lower_p
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || matches!(c, 'ä' | 'ö' | 'å'))
            {
                let restorable = !l.is_word(&lower_p)
                    && l.base.is_some()
                    && l.best(&lower_p, false)
                        .is_some_and(|(w, d)| d > 0 && w != lower_p);
                if !restorable {
                    l.add_word(&lower_p);
                }
            }
        }
    }

    #[test]
    fn evidence_gathered_apart_and_added_in_order_is_the_evidence_added_in_turn() {
        let corpus = crate::gen::generate(&crate::gen::Options {
            count: 300,
            seed: 4,
            damage_rate: 0.7,
            decisions_per_100: 20,
        });
        let mut texts = corpus.texts();
        texts.push("Äänekosken  kaupunki; ΟΔΟΣ ΑΣ, tyoikäiset työikäiset".to_owned());
        let mut reference = Lexicon::builtin();
        let mut reference_glued = Vec::new();
        let mut gathered = Lexicon::builtin();
        // gathered per document, several lines each, as a run gathers them on its threads
        let evidence: Vec<Evidence> = texts
            .iter()
            .map(|t| {
                let mut e = Evidence::default();
                for line in t.lines() {
                    add_evidence_reference(&mut reference, &mut reference_glued, line);
                    e.gather(line);
                }
                e
            })
            .collect();
        for e in &evidence {
            gathered.add_gathered(e);
        }
        assert!(
            !reference.words.words.is_empty() && reference_glued.len() > 1000,
            "{} words, {} pairs",
            reference.words.words.len(),
            reference_glued.len()
        );
        assert!(reference.words.words == gathered.words.words);
        assert!(reference.words.by_skeleton == gathered.words.by_skeleton);
        let glued: Vec<(&str, &str)> = gathered.glued.iter().collect();
        assert_eq!(glued.len(), reference_glued.len());
        assert!(glued
            .iter()
            .zip(&reference_glued)
            .all(|(g, (k, v))| g.0 == k && g.1 == v));
        for (k, v) in &reference_glued {
            assert_eq!(gathered.glued.get(k), Some(v.as_str()));
        }
    }

    #[test]
    fn a_lexicon_full_of_pairs_takes_only_the_words_of_more_evidence() {
        // distinct words of letters only: "ab", "bb", ... in base 26
        let word = |mut n: usize| {
            let mut w = String::from("x");
            loop {
                w.extend(char::from_digit((n % 26 + 10) as u32, 36));
                n /= 26;
                if n == 0 {
                    return w;
                }
            }
        };
        let mut full = Lexicon::builtin();
        let mut e = Evidence::default();
        for i in 0..=MAX_GLUED {
            e.gather(&format!("{} {}", word(i), word(i + 1)));
        }
        full.add_gathered(&e);
        assert!(!full.wants_pairs());
        assert_eq!(full.glued.len(), MAX_GLUED);
        let text = "Pieksämäen kaupunki: pömpelissä ja tyoikäiset";
        let (mut all, mut words) = (Evidence::default(), Evidence::default());
        all.gather(text);
        words.gather_words(text);
        assert!(all.hashes.len() == 3 && words.hashes.is_empty() && !words.words.is_empty());
        let known_before = full.contains("pömpelissä");
        let (mut from_all, mut from_words) = (full.clone(), full);
        from_all.add_gathered(&all);
        from_words.add_gathered(&words);
        assert!(!known_before && from_all.contains("pömpelissä"));
        assert!(from_all.words.words == from_words.words.words);
        assert!(from_all.glued.iter().eq(from_words.glued.iter()));
    }

    #[test]
    fn pieces_with_umlauts_are_the_pieces_that_have_one() {
        let mut texts: Vec<String> = [
            "Äänekosken kaupunki; työikäiset ja tyoikäiset",
            "ä",
            "xä",
            "äx y",
            "a-ö b$ö®| 1ä2 ®Ö",
            "Ωä ä\u{308}Ö. ÄÖÄ,äö",
            "",
            "no umlauts here",
        ]
        .map(str::to_owned)
        .to_vec();
        let corpus = crate::gen::generate(&crate::gen::Options {
            count: 50,
            seed: 2,
            damage_rate: 0.7,
            decisions_per_100: 20,
        });
        texts.extend(corpus.texts());
        let mut found = 0;
        for t in &texts {
            let want: Vec<&str> = pieces(t)
                .map(|(_, p)| p)
                .filter(|p| has_umlaut(p))
                .collect();
            found += want.len();
            assert_eq!(pieces_with_umlaut(t).collect::<Vec<_>>(), want, "{t:?}");
        }
        assert!(found > 500, "{found}");
    }

    #[test]
    fn words_cleaned_from_their_bytes_as_from_their_characters() {
        let corpus = crate::gen::generate(&crate::gen::Options {
            count: 100,
            seed: 5,
            damage_rate: 1.0,
            decisions_per_100: 20,
        });
        let mut n = 0;
        for text in corpus.texts() {
            for word in text.split_whitespace() {
                n += 1;
                assert_eq!(clean_word(word), clean_word_chars(word), "{word:?}");
            }
        }
        assert!(n > 10_000, "{n}");
        for word in [
            "a-",
            "-a",
            "a-b",
            "a,b",
            "a,",
            ",a",
            "a1b",
            "1",
            "a--b.",
            "ab,cd.",
            "(x)",
            "työ-",
            "ä×ö",
            "÷ä",
            "µª-º",
            "©ä",
            "ä\u{a0}",
            "Ωä",
            "ä\u{308}",
        ] {
            assert_eq!(clean_word(word), clean_word_chars(word), "{word:?}");
        }
    }

    #[test]
    fn word_cleaning_and_umlaut_tests_agree_with_the_character_forms() {
        for word in [
            "(Kallaveden,",
            "ry:n",
            "--",
            "2017",
            "työ-",
            "\"Äänekoski\"",
            "x",
            "a-b-c",
            "ΟΔΟΣ;",
            "é",
            "",
        ] {
            let clean = word.trim_matches(|c: char| !c.is_alphabetic());
            let plain = !clean.is_empty() && clean.chars().all(|c| c.is_alphabetic() || c == '-');
            assert_eq!(clean_word(word), (clean, plain), "{word:?}");
            assert_eq!(
                has_umlaut(word),
                word.contains(['ä', 'ö', 'Ä', 'Ö']),
                "{word:?}"
            );
        }
        for c in (0x80..=0x7FF).filter_map(char::from_u32) {
            let s = format!("a{c}b");
            assert_eq!(has_umlaut(&s), matches!(c, 'ä' | 'ö' | 'Ä' | 'Ö'), "{c:?}");
        }
    }

    #[test]
    fn builtin_lists_load() {
        let l = Lexicon::builtin();
        assert!(
            base().words.words.len() > 100_000,
            "{}",
            base().words.words.len()
        );
        assert!(l.contains("käytäntöjen") && l.contains("Kuopiossa"));
        assert!(municipalities().any(|(n, g, _)| n == "Kuopio" && g == "Kuopion"));
        assert!(organisations().any(|(n, _, k)| n.contains("Etelä-Savon") && k == "ely"));
    }
}
