//! Finding a card's labels in damaged text.
//!
//! A card is a fixed sequence of twelve labels, each followed by its value. The labels are easy to
//! read on a clean card and hard on a real one: OCR drops their umlauts (`kohderyhmat`), glues them
//! to the previous value (`…tietopalvelussa) Rahoittaja ja toteutunut …`) or drops the space after
//! them, pdftotext splits them over two lines with the value in between (`Varsinaiset <value>` /
//! `kohderyhmät <value>`, and every label of a two-column `-layout` page), and line breaks
//! hyphenate them (`kehittä-` / `mistyön`).
//!
//! The matcher therefore compares only the letters of a label with the letters of the text, through
//! the OCR substitutions of [`ocr_eq`], ignoring blanks, punctuation and line breaks. A label that
//! starts a line may continue at the start of one of the next lines (a *split* label); the text in
//! between belongs to its value. A label may also split at a hyphen inside one of its words
//! (`Hank-` / `keen tausta`), and in text that lost its line structure (a two-column table
//! flattened into long rows) its rest may turn up mid-line after the first part of the value:
//! `Rahoittaja ja toteutunut Lapin` / `ELY-keskus, 5 € julkinen rahoitus`. All occurrences of all labels are collected, and the longest
//! chain in template order wins, labels at the start of a line counting more than labels met
//! mid-line: a label word that turns up in prose cannot displace the real one.

use crate::text::fold::{is_key_char, is_letter_or_digit, lower, ocr_class, ocr_eq};

/// The labels of a card, in template order, with the JSON key of the value each introduces.
pub const LABELS: [(&str, &str); 12] = [
    (
        "Hankkeen nimi, S-numero ja toteutusaika",
        "name_code_period",
    ),
    ("Rahoittaja ja toteutunut julkinen rahoitus", "funding"),
    ("Toteuttajat", "implementers"),
    ("Varsinaiset kohderyhmät", "target_groups"),
    ("Hankkeen tausta", "background"),
    ("Tavoitteet", "goals"),
    ("Toimintatapa", "methods"),
    ("Tuotokset", "outputs"),
    ("Lupaavat osallisuuden käytännöt ja palaset", "practices"),
    ("Muut tulokset ja vaikutukset", "results"),
    ("Levittäminen ja juurrutus", "dissemination"),
    ("Erityishuomioita, kehittämistyön ongelmia", "remarks"),
];

/// How many occurrences of one label are considered (hostile input may repeat a label millions
/// of times; the real one is among the first).
const MAX_HITS_PER_LABEL: usize = 64;
/// How many lines ahead the rest of a split label may start.
const SPLIT_LOOKAHEAD: usize = 4;
/// How many parts a split label may have.
const MAX_PARTS: usize = 3;
/// A line longer than this (in bytes) is OCR output that lost its line breaks.
const LONG_LINE: usize = 160;

/// One label occurrence: the byte ranges of its parts in the body text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Hit {
    /// Index into [`LABELS`].
    pub label: usize,
    /// Byte ranges of the label's parts; one range unless the label was split.
    pub spans: Vec<(usize, usize)>,
    /// True when the label starts a line.
    pub strong: bool,
}

impl Hit {
    /// Where the label starts.
    pub fn start(&self) -> usize {
        self.spans[0].0
    }

    /// Where the first part of the label ends (its value starts here).
    pub fn first_end(&self) -> usize {
        self.spans[0].1
    }
}

/// A label prepared for matching: its key characters and where its words start.
struct Pattern {
    chars: Vec<char>,
    /// The [`ocr_class`] of the first character: a text character of another class cannot
    /// start the label.
    first_class: char,
    /// Whether each character starts a word of the label.
    word_starts: Vec<bool>,
    /// Whether each character is uppercase in the label (the `S` of `S-numero`).
    upper: Vec<bool>,
}

impl Pattern {
    fn new(label: &str) -> Self {
        let mut chars = Vec::new();
        let mut word_starts = Vec::new();
        let mut upper = Vec::new();
        let mut in_word = false;
        for c in label.chars() {
            if is_key_char(c) {
                word_starts.push(!in_word);
                chars.push(lower(c));
                upper.push(c.is_uppercase());
                in_word = true;
            } else {
                in_word = false;
            }
        }
        Pattern {
            first_class: chars.first().map_or(' ', |&c| ocr_class(c)),
            chars,
            word_starts,
            upper,
        }
    }
}

/// The body text of a card with its line starts.
pub struct Body<'a> {
    text: &'a str,
    line_starts: Vec<usize>,
    /// True when the text lost its line structure: two or more lines longer than [`LONG_LINE`]
    /// (one may be a paragraph whose breaks were lost; more mean the page was flattened, and
    /// breaks put back later, at hyphenated words, leave shorter lines among them).
    flattened: bool,
}

impl<'a> Body<'a> {
    /// Wraps text whose lines are separated by `\n`.
    pub fn new(text: &'a str) -> Self {
        // one pass over the bytes: the line starts, and how many lines are long
        let mut line_starts = vec![0];
        let mut long_lines = 0;
        for (i, &b) in text.as_bytes().iter().enumerate() {
            if b == b'\n' {
                long_lines += usize::from(line_starts.last().is_some_and(|&s| i - s > LONG_LINE));
                line_starts.push(i + 1);
            }
        }
        long_lines += usize::from(
            line_starts
                .last()
                .is_some_and(|&s| text.len() - s > LONG_LINE),
        );
        let flattened = long_lines >= 2;
        Body {
            text,
            line_starts,
            flattened,
        }
    }

    /// Index of the line that contains byte `at`.
    fn line_of(&self, at: usize) -> usize {
        match self.line_starts.binary_search(&at) {
            Ok(i) => i,
            Err(i) => i.saturating_sub(1),
        }
    }

    fn is_line_start(&self, at: usize) -> bool {
        self.line_starts.binary_search(&at).is_ok()
    }

    /// The next key character at or after `at`, with its offset.
    fn next_key(&self, at: usize) -> Option<(usize, char)> {
        // most often the very next character, an ASCII letter
        if let Some(&b) = self.text.as_bytes().get(at) {
            if b.is_ascii_alphanumeric() {
                return Some((at, char::from(b)));
            }
        }
        self.text
            .get(at..)?
            .char_indices()
            .find(|&(_, c)| is_key_char(c))
            .map(|(i, c)| (at + i, c))
    }

    /// Matches `pat.chars[li..]` from `at`. Returns the spans of the label's parts.
    fn match_from(
        &self,
        pat: &Pattern,
        at: usize,
        li: usize,
        parts: usize,
        may_split: bool,
    ) -> Option<Vec<(usize, usize)>> {
        let mut li = li;
        let mut span_start = None;
        let mut last_end = at;
        let mut p = at;
        // places where this part may end instead: label word starts passed, and hyphens that
        // broke a label word (`Hank-` / `keen`): (label index, where the part would end)
        let mut checkpoints: Vec<(usize, usize)> = Vec::new();
        while li < pat.chars.len() {
            let (q, c) = self.next_key(p)?;
            if ocr_eq(pat.chars[li], c) {
                if span_start.is_some() {
                    if pat.word_starts[li] {
                        checkpoints.push((li, last_end));
                    } else if let Some(end) = self.hyphen_after(last_end) {
                        checkpoints.push((li, end));
                    }
                }
                span_start.get_or_insert(q);
                li += 1;
                last_end = q + c.len_utf8();
                p = last_end;
                continue;
            }
            // mismatch: the rest of the label may start one of the next lines
            let start = span_start?;
            if !may_split || parts >= MAX_PARTS {
                return None;
            }
            let mut tries = Vec::new();
            if let Some(end) = self.hyphen_after(last_end) {
                tries.push((li, end));
            } else if pat.word_starts[li] {
                tries.push((li, last_end));
            }
            // the text may have run on into the value: split at an earlier word of the label
            tries.extend(checkpoints.iter().rev().copied());
            for (split_li, end) in tries {
                if let Some(mut rest) = self.continuation(pat, split_li, end, parts) {
                    let mut spans = vec![(start, end)];
                    spans.append(&mut rest);
                    return Some(spans);
                }
            }
            return None;
        }
        // the label must end where its last word ends
        let next = self.text[last_end..].chars().next();
        if next.is_some_and(|c| c.is_lowercase() && c.is_alphabetic()) {
            return None;
        }
        Some(vec![(span_start?, last_end)])
    }

    /// The end of a hyphen that stands right at `at` (a word broken at a line or cell break):
    /// the part of a label before it keeps the hyphen, so that its value does not start with one.
    fn hyphen_after(&self, at: usize) -> Option<usize> {
        (self.text.as_bytes().get(at) == Some(&b'-')).then_some(at + 1)
    }

    /// Where the rest of a split label (`pat.chars[li..]`) continues after byte `end`: at the start
    /// of one of the next lines; on or beside a very long line, or anywhere in text that lost its
    /// line structure (OCR, a flattened two-column table), also at a word further on, on the
    /// same line or the next one:
    /// `Rahoittaja ja toteutunut Kaakkois-Suomen` / `ELY-keskus, 5 € julkinen rahoitus`. That
    /// word starts in lowercase unless the label's word does (`S-numero`).
    fn continuation(
        &self,
        pat: &Pattern,
        li: usize,
        end: usize,
        parts: usize,
    ) -> Option<Vec<(usize, usize)>> {
        let here = self.line_of(end.saturating_sub(1));
        let last_line = (here + SPLIT_LOOKAHEAD).min(self.line_starts.len() - 1);
        for l in here + 1..=last_line {
            let ls = self.line_starts[l];
            if let Some(rest) = self.match_from(pat, ls, li, parts + 1, true) {
                if rest
                    .first()
                    .is_some_and(|s| self.text[ls..s.0].trim().is_empty())
                {
                    return Some(rest);
                }
            }
        }
        let line_end = |l: usize| {
            self.line_starts
                .get(l + 1)
                .map_or(self.text.len(), |&n| n - 1)
        };
        // the line itself may have been shortened (a page header removed from it)
        let long = |l: usize| {
            self.line_starts
                .get(l)
                .is_some_and(|&s| line_end(l) - s > LONG_LINE)
        };
        if self.flattened || long(here) || long(here + 1) {
            let mut stop = line_end(here + 1).min(end + LONG_LINE);
            while !self.text.is_char_boundary(stop) {
                stop -= 1;
            }
            let window = self.text.get(end..stop).unwrap_or_default();
            let upper = pat.upper.get(li).copied().unwrap_or(false);
            for (i, c) in window.char_indices() {
                let prev = window[..i].chars().next_back();
                if i > 0
                    && (c.is_lowercase() || (upper && c.is_uppercase()))
                    && prev.is_some_and(char::is_whitespace)
                    && ocr_eq(pat.chars[li], c)
                {
                    if let Some(rest) = self.match_from(pat, end + i, li, parts + 1, false) {
                        if rest.first().is_some_and(|s| s.0 == end + i) {
                            return Some(rest);
                        }
                    }
                }
            }
        }
        None
    }

    /// Every place where a label may begin: an uppercase letter at the start of a line or of a
    /// word, or glued to the end of the previous word (OCR dropped the space).
    fn candidates(&self) -> impl Iterator<Item = (usize, char, bool)> + '_ {
        let mut prev: Option<char> = None;
        self.text.char_indices().filter_map(move |(i, c)| {
            let p = prev;
            prev = Some(c);
            if !c.is_uppercase() {
                return None;
            }
            let strong = self.is_line_start(i);
            let ok = strong
                || match p {
                    None => true,
                    Some(p) => !is_letter_or_digit(p) || p.is_lowercase(),
                };
            ok.then_some((i, c, strong))
        })
    }
}

/// Finds the labels of a card in `body`: the best chain in template order.
pub fn find_labels(body: &Body<'_>) -> Vec<Hit> {
    // the labels are prepared once per process: every card searches for all of them
    static PATTERNS: std::sync::OnceLock<Vec<Pattern>> = std::sync::OnceLock::new();
    let patterns = PATTERNS.get_or_init(|| LABELS.iter().map(|(l, _)| Pattern::new(l)).collect());
    let mut hits: Vec<Hit> = Vec::new();
    let mut per_label = [0usize; LABELS.len()];
    for (at, c, strong) in body.candidates() {
        let class = ocr_class(c);
        for (k, pat) in patterns.iter().enumerate() {
            if per_label[k] >= MAX_HITS_PER_LABEL
                || pat.first_class != class
                || !ocr_eq(pat.chars[0], c)
            {
                continue;
            }
            if let Some(spans) = body.match_from(pat, at, 0, 1, true) {
                if spans[0].0 == at {
                    per_label[k] += 1;
                    hits.push(Hit {
                        label: k,
                        spans,
                        strong,
                    });
                }
            }
        }
        if per_label.iter().all(|&n| n >= MAX_HITS_PER_LABEL) {
            break;
        }
    }
    best_chain(hits)
}

/// The heaviest chain of hits in increasing label order and position (strong hits weigh 3, weak 1).
fn best_chain(mut hits: Vec<Hit>) -> Vec<Hit> {
    hits.sort_by_key(|h| (h.start(), h.label));
    let n = hits.len();
    let weight = |h: &Hit| if h.strong { 3u32 } else { 1 };
    let mut best = vec![0u32; n];
    let mut back = vec![usize::MAX; n];
    for i in 0..n {
        best[i] = weight(&hits[i]);
        for j in 0..i {
            if hits[j].label < hits[i].label
                && hits[j].spans.last().map_or(0, |s| s.1) <= hits[i].start()
                && best[j] + weight(&hits[i]) > best[i]
            {
                best[i] = best[j] + weight(&hits[i]);
                back[i] = j;
            }
        }
    }
    let Some(mut i) = (0..n).max_by_key(|&i| (best[i], std::cmp::Reverse(i))) else {
        return Vec::new();
    };
    let mut chain = Vec::new();
    loop {
        chain.push(i);
        if back[i] == usize::MAX {
            break;
        }
        i = back[i];
    }
    chain.reverse();
    let mut taken: Vec<Option<Hit>> = hits.into_iter().map(Some).collect();
    chain.into_iter().filter_map(|i| taken[i].take()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn labels_of(text: &str) -> Vec<(usize, Vec<String>)> {
        let body = Body::new(text);
        find_labels(&body)
            .into_iter()
            .map(|h| {
                (
                    h.label,
                    h.spans
                        .iter()
                        .map(|&(a, b)| text[a..b].to_owned())
                        .collect(),
                )
            })
            .collect()
    }

    #[test]
    fn body_lines_as_split_finds_them() {
        let long = "x".repeat(LONG_LINE + 1);
        let mut texts: Vec<String> = ["", "\n", "a\nb", "a\n\n", "ä\nö\n"]
            .map(str::to_owned)
            .to_vec();
        for shape in [
            format!("{long}\n{long}"),
            format!("{long}\n{long}\n"),
            format!("{long}\nshort\n{long}x"),
            format!("{long}\nshort"),
            format!("{}\n{}", "y".repeat(LONG_LINE), "y".repeat(LONG_LINE)),
        ] {
            texts.push(shape);
        }
        let corpus = crate::gen::generate(&crate::gen::Options {
            count: 100,
            seed: 6,
            damage_rate: 1.0,
            decisions_per_100: 0,
        });
        texts.extend(corpus.texts());
        let mut flat = 0;
        for t in &texts {
            let body = Body::new(t);
            let mut starts = vec![0];
            starts.extend(t.match_indices('\n').map(|(i, _)| i + 1));
            let flattened = t
                .split('\n')
                .filter(|l| l.len() > LONG_LINE)
                .nth(1)
                .is_some();
            assert_eq!(body.line_starts, starts, "{t:?}");
            assert_eq!(body.flattened, flattened, "{t:?}");
            flat += usize::from(flattened);
        }
        assert!(flat >= 3, "{flat}");
    }

    #[test]
    fn clean_labels() {
        let got =
            labels_of("Toteuttajat Puumalan kunta\nVarsinaiset kohderyhmät\nNuoret\nTavoitteet\nX");
        assert_eq!(got.iter().map(|g| g.0).collect::<Vec<_>>(), [2, 3, 5]);
    }

    #[test]
    fn damaged_umlauts_in_labels() {
        let got = labels_of("Varsinaiset kohderyhmat\nNuoret\nLevittdminen ja juurrutus\nX");
        assert_eq!(got.iter().map(|g| g.0).collect::<Vec<_>>(), [3, 10]);
    }

    #[test]
    fn split_label_with_value_between() {
        let got = labels_of("Varsinaiset Yhdistyksen ruokajonon ja\nkohderyhmat kerhon asiakkaat\nHankkeen tausta\nX");
        assert_eq!(
            got[0],
            (3, vec!["Varsinaiset".into(), "kohderyhmat".into()])
        );
        assert_eq!(got[1].0, 4);
    }

    #[test]
    fn two_column_cells() {
        let got = labels_of("Hankkeen nimi, S-numero ja\nS20877, Nimi, 2.1.2017 –\ntoteutusaika\n31.12.2017\nRahoittaja ja toteutunut\nEtelä-Savon ELY-keskus, 5 €\njulkinen rahoitus\nToteuttajat\nX");
        assert_eq!(got[0].1, ["Hankkeen nimi, S-numero ja", "toteutusaika"]);
        assert_eq!(got[1].1, ["Rahoittaja ja toteutunut", "julkinen rahoitus"]);
        assert_eq!(got[2].0, 2);
    }

    #[test]
    fn split_after_the_value_ran_on() {
        // "Muut Työllistymiset …" first matches "Muut t…" against "Työ…"
        let got = labels_of("Tuotokset\nX\nMuut Tyollistymiset, siirtymat ja\ntulokset ja vaikutukset kuntalaisten osallistuminen\nLevittäminen ja juurrutus\nY");
        assert_eq!(
            got[1],
            (9, vec!["Muut".into(), "tulokset ja vaikutukset".into()])
        );
    }

    #[test]
    fn split_label_on_a_line_without_breaks() {
        let long = format!("{} Varsinaiset Yhdistyksen ruokajonon ja kohderyhmat kerhon asiakkaat Hankkeen tausta Taustaa.", "Toteuttajat Puumalan kunta".repeat(7));
        let got = labels_of(&long);
        assert!(
            got.iter()
                .any(|g| g.0 == 3 && g.1 == ["Varsinaiset", "kohderyhmat"]),
            "{got:?}"
        );
    }

    #[test]
    fn hyphenated_label() {
        let got = labels_of(
            "Levittäminen ja juurrutus\nX\nErityishuomioita, kehittä-\nmistyön ongelmia\nY",
        );
        assert_eq!(got[1].1, ["Erityishuomioita, kehittä-\nmistyön ongelmia"]);
        let got = labels_of("Levittäminen ja juurrutus\nX\nErityishuomioita, kehittä-\nKykyviisari oli hyvä\nmistyön ongelmia\nY");
        assert_eq!(got[1].1, ["Erityishuomioita, kehittä-", "mistyön ongelmia"]);
    }

    #[test]
    fn hyphen_break_before_letters_that_fit_the_label() {
        // `Hank-` + `Ke…` reads on as `Hankke…`: the label is split back at the hyphen, which it
        // keeps (the value must not start with it)
        let got = labels_of("Hank-     Keskustan kerhotila\nkeen tausta\nTavoitteet\nX");
        assert_eq!(got[0], (4, vec!["Hank-".into(), "keen tausta".into()]));
        let got =
            labels_of("Toteuttajat X\nVarsinaiset kohderyh-  maahanmuuttajat\nmät\nTavoitteet\nY");
        assert_eq!(
            got[1],
            (3, vec!["Varsinaiset kohderyh-".into(), "mät".into()])
        );
    }

    /// Rows of ~200 characters, as a flattened two-column table leaves them: the first row ends
    /// with `rows[0]`, the next ones start with theirs.
    fn flattened(rows: &[&str]) -> String {
        let pad = "sana ".repeat(34);
        rows.iter()
            .enumerate()
            .map(|(i, r)| {
                if i == 0 {
                    format!("{pad}{r}")
                } else {
                    format!("{r} {pad}")
                }
            })
            .collect::<Vec<_>>()
            .join("\n")
    }

    #[test]
    fn tail_after_the_value_on_the_next_flattened_row() {
        let text = flattened(&[
            "Toteuttajat Kunta Rahoittaja ja toteutunut Lapin",
            "ELY-keskus, 5 € julkinen rahoitus Toteuttajat Kunta",
        ]);
        let got = labels_of(&text);
        assert!(
            got.iter()
                .any(|g| g.0 == 1 && g.1 == ["Rahoittaja ja toteutunut", "julkinen rahoitus"]),
            "{got:?}"
        );
        // without the long rows, a mid-line tail is prose, not a label's rest
        let short = "Toteuttajat Kunta\nRahoittaja ja toteutunut Lapin\nELY-keskus, 5 € julkinen rahoitus\nX";
        assert!(labels_of(short).iter().all(|g| g.0 != 1));
    }

    #[test]
    fn hyphenated_label_in_flattened_rows() {
        let text = flattened(&[
            "Varsinaiset kohde- ryhmät nuoret Hank- keen Kylässä ei ollut",
            "paikkaa. tausta Hanke on jatkoa. Tavoitteet Lisätä",
        ]);
        let got = labels_of(&text);
        let tausta = got.iter().find(|g| g.0 == 4);
        assert_eq!(
            tausta.map(|g| g.1.clone()),
            Some(vec!["Hank- keen".into(), "tausta".into()]),
            "{got:?}"
        );
        assert!(got
            .iter()
            .any(|g| g.0 == 3 && g.1 == ["Varsinaiset kohde- ryhmät"]));
    }

    #[test]
    fn flattened_rows_broken_again_at_hyphens() {
        // long rows elsewhere say the text lost its structure; the label's own rows were broken
        // again after its hyphen, so they are short
        let pad = "sana ".repeat(34);
        let text = format!(
            "{pad}\nX Rahoittaja ja toteu-\ntunut Lapin julkinen rahoitus ELY-keskus, 5 €\nToteuttajat Kunta\n{pad}"
        );
        let got = labels_of(&text);
        assert_eq!(
            got.first(),
            Some(&(
                1,
                vec![
                    "Rahoittaja ja toteu-\ntunut".into(),
                    "julkinen rahoitus".into()
                ]
            )),
            "{got:?}"
        );
        // one long line alone is a paragraph, not a flattened page
        let text = format!(
            "X Rahoittaja ja toteu-\ntunut Lapin julkinen rahoitus ELY-keskus, 5 €\nToteuttajat Kunta\n{pad}"
        );
        assert!(labels_of(&text).iter().all(|g| g.0 != 1));
    }

    #[test]
    fn tail_that_starts_in_uppercase() {
        let text = flattened(&[
            "Hankkeen nimi, S1, Kylä S-numero ja toteutusaika Koti, 1.1.2016 – 2.2.2017 Toteuttajat Kunta",
        ]);
        let got = labels_of(&text);
        assert_eq!(
            got.first().map(|g| g.1.clone()),
            Some(vec![
                "Hankkeen nimi".into(),
                "S-numero ja toteutusaika".into()
            ]),
            "{got:?}"
        );
    }

    #[test]
    fn lost_line_structure_and_missing_spaces() {
        let got = labels_of("S1, Nimi (hanke RR-tietopalvelussa) Rahoittaja ja toteutunut julkinen rahoitusEtelä-Savon ELY-keskus, 5 € ToteuttajatPuumalan kunta Varsinaiset kohderyhmät Nuoret");
        assert_eq!(got.iter().map(|g| g.0).collect::<Vec<_>>(), [1, 2, 3]);
    }

    #[test]
    fn label_words_in_prose_do_not_win() {
        let body = "Hankkeen tausta\nHankkeen Tavoitteet mainittiin ja Toimintatapa oli hyvä.\nTavoitteet\nLisätä\nToimintatapa\nRyhmät";
        let hits = find_labels(&Body::new(body));
        assert_eq!(hits.iter().map(|h| h.label).collect::<Vec<_>>(), [4, 5, 6]);
        assert!(hits.iter().all(|h| h.strong));
        assert_eq!(
            &body[hits[1].start()..],
            "Tavoitteet\nLisätä\nToimintatapa\nRyhmät"
        );
    }

    #[test]
    fn label_must_end_at_word_end() {
        assert!(labels_of("Tavoitteetkin olivat").is_empty());
    }
}
