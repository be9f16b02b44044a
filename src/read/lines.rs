//! Text → lines: the page furniture removed, two-column rows split into cells.
//!
//! pdftotext output carries things that are not content: form feeds between pages, the card's
//! two header lines repeated at the top of every page, page numbers alone on a line (top or
//! bottom, often indented far to the right), trailing blanks and empty lines. `-layout` output
//! also puts a label and its value side by side on one row, separated by a wide gap.
//!
//! [`split_lines`] keeps the first header lines (they say who compiled the card and when),
//! drops the repeats and the page numbers, and turns each row of a two-column layout into two
//! lines, label cell first. Later stages then see one simple shape: a sequence of non-empty lines.

use crate::text::fold::{find_fuzzy, fold, is_letter, match_at};

/// One line of content.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Line {
    /// The text, trimmed.
    pub text: String,
    /// The page it is on, from 1.
    pub page: usize,
    /// True when this line is the right-hand cell of a row that was split at a column gap.
    pub right_cell: bool,
}

/// Lines and what was taken out of them.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Lines {
    /// Content lines, non-empty.
    pub lines: Vec<Line>,
    /// The first `Hankekortti, …` header line, if any.
    pub header_title: Option<String>,
    /// The first `Koonnut …` header line, if any.
    pub header_compiled: Option<String>,
    /// Number of pages (form feeds + 1).
    pub pages: usize,
    /// Header lines removed after their first occurrence.
    pub repeated_headers: usize,
    /// Page-number lines removed.
    pub page_numbers: usize,
}

const MONTHS: [&str; 12] = [
    "tammikuu",
    "helmikuu",
    "maaliskuu",
    "huhtikuu",
    "toukokuu",
    "kesäkuu",
    "heinäkuu",
    "elokuu",
    "syyskuu",
    "lokakuu",
    "marraskuu",
    "joulukuu",
];

/// True for a line that is only a page number: `3`, `- 3 -`, `3/5`, `3 (5)`, `Sivu 3`.
fn is_page_number(line: &str) -> bool {
    let t = line.trim();
    // a page number has a digit and no letters beyond `sivu`/`page`: most lines fail this
    // without the allocation of folding them (every line of every document comes here)
    if t.chars().filter(|&c| is_letter(c)).nth(4).is_some()
        || !t.bytes().any(|b| b.is_ascii_digit())
    {
        return false;
    }
    let t = fold(t);
    let t = t
        .strip_prefix("sivu")
        .or_else(|| t.strip_prefix("page"))
        .unwrap_or(&t)
        .trim()
        .trim_matches(|c: char| c == '-' || c == '–' || c.is_whitespace());
    if t.is_empty() {
        return false;
    }
    let mut parts = t
        .split(|c: char| c == '/' || c == '(' || c == ')' || c.is_whitespace())
        .filter(|p| !p.is_empty());
    let first = parts.next().unwrap_or("");
    let second = parts.next();
    let is_num = |p: &str| (1..=3).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_digit());
    is_num(first) && second.is_none_or(is_num) && parts.next().is_none()
}

/// False for a text that cannot hold `Hankekortti` however damaged: one without `rtt` in any
/// case, for OCR has no stand-in for `r` or `t` ([`ocr_eq`](crate::text::fold::ocr_eq)).
fn may_hold_title(text: &str) -> bool {
    text.as_bytes()
        .windows(3)
        .any(|w| w[0] | 0x20 == b'r' && w[1] | 0x20 == b't' && w[2] | 0x20 == b't')
}

/// If the line starts with the card's title header, the byte offset where the header ends.
fn title_header_end(line: &str) -> Option<usize> {
    let after = match_at(line, 0, "hankekortti")?;
    // "Hankekortti, Euroopan sosiaalirahaston toimintalinja 5"
    for (i, _) in line.char_indices().skip(1) {
        if let Some(e) = match_at(line, i, "toimintalinja") {
            let rest = &line[e..];
            let digits = rest
                .trim_start()
                .bytes()
                .take_while(u8::is_ascii_digit)
                .count();
            let ws = rest.len() - rest.trim_start().len();
            return Some(if digits > 0 { e + ws + digits } else { e });
        }
    }
    (line.chars().count() <= 100)
        .then_some(line.len())
        .or(Some(after))
}

/// If the line starts with the `Koonnut …` header, the byte offset where it ends (after
/// "<month> <year>" when present).
fn compiled_header_end(line: &str) -> Option<usize> {
    match_at(line, 0, "koonnut ")?;
    if let Some((_, _, year_end)) = find_month_year(line) {
        return Some(year_end);
    }
    (line.chars().count() <= 160).then_some(line.len())
}

/// The first month name in `text` that a four-digit year follows (`marraskuu 2019`), read
/// through OCR damage and wherever it starts (OCR glues words): (where the name starts, the
/// month 0–11, where the year ends). At one place the earlier month of the year wins.
///
/// ```
/// use hankegraph::read::find_month_year;
/// let t = "Koonnut … – Sokra, syyskuu 2019";
/// assert_eq!(find_month_year(t).map(|(_, m, e)| (m, &t[e - 4..e])), Some((8, "2019")));
/// assert_eq!(find_month_year("syyskuu 19, toukokuu 20199"), None);
/// ```
pub fn find_month_year(text: &str) -> Option<(usize, usize, usize)> {
    // a month name ends where the blanks before a year of exactly four digits begin: look at
    // the years, then at the month names that may end there (each text character stands for
    // one of the name's, so a name of n characters starts n characters back)
    let bytes = text.as_bytes();
    let mut best: Option<(usize, usize, usize)> = None;
    let mut at = 0;
    while let Some(skip) = bytes.get(at..)?.iter().position(u8::is_ascii_digit) {
        let year = at + skip;
        let digits = bytes[year..]
            .iter()
            .take_while(|b| b.is_ascii_digit())
            .count();
        at = year + digits;
        if digits != 4 {
            continue;
        }
        let before = &text[..year];
        let end = before.trim_end().len();
        for (m, name) in MONTHS.iter().enumerate() {
            let Some(start) = before[..end]
                .char_indices()
                .rev()
                .nth(name.chars().count() - 1)
                .map(|(i, _)| i)
            else {
                continue;
            };
            if match_at(text, start, name) == Some(end)
                && best.is_none_or(|(b, bm, _)| (start, m) < (b, bm))
            {
                best = Some((start, m, year + 4));
            }
        }
    }
    best
}

/// Removes page headers repeated inside a line (`… rahoitus 2 Hankekortti, Euroopan
/// sosiaalirahaston toimintalinja 5 Koonnut … marraskuu 2019 Etelä-Savon …`, from a page break in
/// text whose line breaks were lost), with the page number before them. Returns the line and
/// the number of headers removed, or `None` when the line holds none (most lines: they are not
/// copied). A header is recognised only whole: `Hankekortti` followed
/// within 80 bytes by `toimintalinja <n>`, then optionally the `Koonnut … <month> <year>` line.
fn without_inline_headers(line: &str) -> Option<(String, usize)> {
    let mut out = String::new();
    let mut removed = 0;
    let mut from = 0;
    let mut search = 0;
    while let Some((at, _)) = find_fuzzy(line, "hankekortti", search) {
        search = at + 1;
        let Some(end) = title_header_end(&line[at..])
            .filter(|&e| e <= 80 && match_at(&line[at..at + e], 0, "hankekortti").is_some())
            .filter(|&e| line[at..at + e].contains(|c: char| c.is_ascii_digit()))
        else {
            continue;
        };
        let mut stop = at + end;
        let after = line[stop..].trim_start();
        if let Some(e) =
            compiled_header_end(after).filter(|&e| e < after.len() || after.len() <= 160)
        {
            stop = line.len() - after.len() + e;
        }
        // a page number just before the header goes with it
        let before = line[from..at].trim_end();
        let start = match before.rsplit_once(' ') {
            Some((head, last)) if is_page_number(last) => from + head.len(),
            None if is_page_number(before) => from,
            _ => from + before.len(),
        };
        out.push_str(line[from..start].trim_end());
        out.push(' ');
        from = stop;
        search = stop;
        removed += 1;
    }
    if removed == 0 {
        return None;
    }
    out.push_str(line[from..].trim_start());
    Some((out.trim().to_owned(), removed))
}

/// Splits a row of `pdftotext -layout` output at its column gaps (two or more blanks).
fn cells(content: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut blanks = 0;
    let mut blank_from = 0;
    // bytes, not characters: a blank is one byte, and the byte after a blank starts a character
    for (i, &c) in content.as_bytes().iter().enumerate() {
        if c == b' ' {
            if blanks == 0 {
                blank_from = i;
            }
            blanks += 1;
        } else {
            if blanks >= 2 && blank_from > start {
                out.push(&content[start..blank_from]);
                start = i;
            }
            blanks = 0;
        }
    }
    out.push(content[start..].trim_end());
    out
}

/// Splits text (already [normalised](super::normalise)) into content lines.
///
/// ```
/// use hankegraph::read::split_lines;
/// let text = "Hankekortti, Euroopan sosiaalirahaston toimintalinja 5\nKoonnut X – Sokra, syyskuu 2019\n\
///             Toteuttajat      Puumalan kunta\n\u{c}Hankekortti, Euroopan sosiaalirahaston toimintalinja 5\n\
///             Koonnut X – Sokra, syyskuu 2019\n                                   2\nTavoitteet\n";
/// let l = split_lines(text);
/// let texts: Vec<_> = l.lines.iter().map(|l| l.text.as_str()).collect();
/// assert_eq!(texts, ["Toteuttajat", "Puumalan kunta", "Tavoitteet"]);
/// assert_eq!((l.pages, l.repeated_headers, l.page_numbers), (2, 2, 1));
/// ```
pub fn split_lines(text: &str) -> Lines {
    let mut out = Lines {
        pages: 1,
        ..Lines::default()
    };
    let mut page = 1;
    // a repeated title header cut short at the end of a row (`2 Hankekortti,`), to be finished
    // at the start of the next (`Euroopan sosiaalirahaston toimintalinja 5 Koonnut …`)
    let mut open_header = false;
    for raw in text.split('\n') {
        let mut raw = raw;
        while let Some(ff) = raw.find('\u{c}') {
            let before = &raw[..ff];
            push_row(&mut out, before, page, &mut open_header);
            page += 1;
            out.pages = page;
            raw = &raw[ff + 1..];
        }
        push_row(&mut out, raw, page, &mut open_header);
    }
    out
}

fn push_row(out: &mut Lines, raw: &str, page: usize, open_header: &mut bool) {
    let content = raw.trim();
    if content.is_empty() {
        return;
    }
    if is_page_number(content) {
        out.page_numbers += 1;
        return;
    }
    let mut rest = content;
    if std::mem::take(open_header) {
        // the rest of a cut header: up to `toimintalinja <n>` near the start of the row
        if let Some(e) = (0..rest.len().min(60))
            .filter(|&i| rest.is_char_boundary(i))
            .find_map(|i| match_at(rest, i, "toimintalinja "))
        {
            let digits = rest[e..].bytes().take_while(u8::is_ascii_digit).count();
            rest = rest[e + digits..].trim_start();
        }
    }
    // most rows cannot hold the title header: three of its letters have no OCR stand-in
    let titled = may_hold_title(rest);
    // a page number before a repeated header, on one row: `2 Hankekortti, …`
    if titled && out.header_title.is_some() {
        if let Some((number, after)) = rest.split_once(' ') {
            if is_page_number(number) && match_at(after, 0, "hankekortti").is_some() {
                out.page_numbers += 1;
                rest = after;
            }
        }
    }
    if let Some(end) = titled.then(|| title_header_end(rest)).flatten() {
        if out.header_title.is_some()
            && match_at(&rest[..end], 0, "hankekortti").is_some()
            && !rest[..end].contains(|c: char| c.is_ascii_digit())
            && end == rest.len()
        {
            *open_header = true;
        }
        if out.header_title.is_none() {
            out.header_title = Some(rest[..end].trim().to_owned());
        } else {
            out.repeated_headers += 1;
        }
        rest = rest[end..].trim_start();
    }
    if let Some(end) = compiled_header_end(rest) {
        if out.header_compiled.is_none() {
            out.header_compiled = Some(rest[..end].trim().to_owned());
        } else {
            out.repeated_headers += 1;
        }
        rest = rest[end..].trim_start();
    }
    if rest.is_empty() {
        return;
    }
    // text whose line breaks were lost carries the repeated page header inside a line
    let joined;
    if titled && out.header_title.is_some() {
        if let Some((kept, removed)) = without_inline_headers(rest) {
            out.repeated_headers += removed;
            joined = kept;
            rest = joined.as_str();
        }
    }
    for (n, cell) in cells(rest).into_iter().enumerate() {
        let cell = cell.trim();
        if !cell.is_empty() {
            out.lines.push(Line {
                text: cell.to_owned(),
                page,
                right_cell: n > 0,
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::fold::find_fuzzy_anywhere;

    /// The first form of [`find_month_year`]: a fuzzy search for every month, then a look for
    /// the year after it. The oracle of the one that starts from the years.
    fn find_month_year_by_month(text: &str) -> Option<(usize, usize, usize)> {
        let mut best: Option<(usize, usize, usize)> = None;
        for (m, name) in MONTHS.iter().enumerate() {
            let mut from = 0;
            while let Some((at, e)) = find_fuzzy_anywhere(text, name, from) {
                if best.is_some_and(|(b, _, _)| b <= at) {
                    break;
                }
                let rest = &text[e..];
                let ws = rest.len() - rest.trim_start().len();
                if rest[ws..].bytes().take_while(u8::is_ascii_digit).count() == 4 {
                    best = Some((at, m, e + ws + 4));
                    break;
                }
                from = at + text[at..].chars().next().map_or(1, char::len_utf8);
            }
        }
        best
    }

    #[test]
    fn only_rows_with_rtt_may_hold_the_title() {
        // what may_hold_title relies on
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            for e in ['r', 't'] {
                if crate::text::fold::ocr_eq(e, c) {
                    assert!(c.eq_ignore_ascii_case(&e), "{c:?} for {e:?}");
                }
            }
        }
        for t in [
            "Hankekortti",
            "2 HANKEKORTTI, Euroopan",
            "x Hankek0rtti y",
            "Hankekortti, Euroopan sosiaalirahaston toimintalinja 5",
        ] {
            assert!(may_hold_title(t), "{t}");
            assert!(find_fuzzy_anywhere(t, "hankekortti", 0).is_some(), "{t}");
        }
        for t in ["Hankekorti", "Hankekor tti", "", "rt", "Toteuttajat"] {
            assert!(!may_hold_title(t), "{t}");
            assert!(find_fuzzy_anywhere(t, "hankekortti", 0).is_none(), "{t}");
        }
    }

    #[test]
    fn month_and_year_found_from_the_years_as_from_the_months() {
        let texts = [
            "Koonnut Sosiaalisen osallisuuden edistämisen koordinaatiohanke – Sokra, syyskuu 2019",
            "Koonnut X – Sokra, marraskuu2019",
            "Koonnut X – Sokra, heinakuu  2018 ja kesékuu 2017",
            "Koonnut X – Sokra, HEIN6KUU\u{a0}2020",
            "toukokuu 20199 syyskuu 19 lokakuu 2019",
            "joulukuu 2019 tammikuu 2019",
            "12019 kesakuu12019 elokuu 2021x",
            "ääääkuu 2019 maaliskuu 2000",
            "kuu 2019",
            "2019",
            "",
            "syyskuusyyskuu 2019",
            "Koonnut Sokra lokakuu\n2019",
        ];
        let mut found = 0;
        for t in texts {
            let want = find_month_year_by_month(t);
            assert_eq!(find_month_year(t), want, "{t:?}");
            found += usize::from(want.is_some());
        }
        assert!(found >= 8, "{found}");
        // and on the headers and lines of generated damaged cards
        let corpus = crate::gen::generate(&crate::gen::Options {
            count: 300,
            seed: 5,
            damage_rate: 1.0,
            ..crate::gen::Options::default()
        });
        let mut lines = 0;
        for text in corpus.texts() {
            for line in text.lines() {
                lines += 1;
                assert_eq!(
                    find_month_year(line),
                    find_month_year_by_month(line),
                    "{line:?}"
                );
            }
        }
        assert!(lines > 5_000, "{lines}");
    }

    fn texts(l: &Lines) -> Vec<&str> {
        l.lines.iter().map(|l| l.text.as_str()).collect()
    }

    #[test]
    fn a_repeated_header_cut_across_two_rows_is_removed() {
        let l = split_lines(
            "Hankekortti, Euroopan sosiaalirahaston toimintalinja 5\n\
             Koonnut Sosiaalisen osallisuuden edistämisen koordinaatiohanke – Sokra, marraskuu 2019\n\
             Rahoittaja ja toteutunut julkinen rahoitus \u{c}2 Hankekortti,\n\
             Euroopan sosiaalirahaston toimintalinja 5 Koonnut Sosiaalisen osallisuuden edistdmisen \
             koordinaatiohanke – Sokra, marraskuu 2019 Etelä-Savon ELY-keskus, 61 386 €\n",
        );
        assert_eq!(
            texts(&l),
            [
                "Rahoittaja ja toteutunut julkinen rahoitus",
                "Etelä-Savon ELY-keskus, 61 386 €"
            ]
        );
        assert_eq!((l.repeated_headers, l.page_numbers, l.pages), (2, 1, 2));
    }

    #[test]
    fn headers_repeated_inside_a_line_are_removed() {
        let l = split_lines(
            "Hankekortti, Euroopan sosiaalirahaston toimintalinja 5\n\
             Koonnut Sosiaalisen osallisuuden edistämisen koordinaatiohanke – Sokra, marraskuu 2019\n\
             Rahoittaja ja toteutunut julkinen rahoitus 2 Hankekortti, Euroopan sosiaalirahaston \
             toimintalinja 5 Koonnut Sosiaalisen osallisuuden edistdmisen koordinaatiohanke – Sokra, \
             marraskuu 2019 Etelä-Savon ELY-keskus, 61 386 € Toteuttajat Hankekortti-yhdistys ry\n",
        );
        assert_eq!(
            texts(&l),
            ["Rahoittaja ja toteutunut julkinen rahoitus Etelä-Savon ELY-keskus, 61 386 € Toteuttajat Hankekortti-yhdistys ry"]
        );
        assert_eq!(l.repeated_headers, 1);
        // the first header of a document is not inside a line; a mere mention stays
        let l = split_lines("S20877 Hankekortti on koottu, ks. toimintalinja 5.\n");
        assert_eq!(
            texts(&l),
            ["S20877 Hankekortti on koottu, ks. toimintalinja 5."]
        );
    }

    #[test]
    fn page_numbers() {
        for s in [
            "1",
            "  12 ",
            "- 3 -",
            "3/5",
            "Sivu 2",
            "2 (4)",
            "PAGE 3 / 12",
            "– 4 –",
            "SIVU 7",
        ] {
            assert!(is_page_number(s), "{s:?}");
        }
        for s in [
            "2017",
            "S20877",
            "1.3.2017",
            "61 386 €",
            "Tavoitteet",
            "",
            "Sivut 2",
            "Sivu",
            "2 (4) sivua",
        ] {
            assert!(!is_page_number(s), "{s:?}");
        }
    }

    #[test]
    fn two_columns() {
        let l = split_lines(
            "Hankkeen nimi, S-numero ja    S20877, Petosen Pömpeli, 2.1.2017 –\ntoteutusaika                  31.12.2017\n                              (hanke RR-tietopalvelussa)\n",
        );
        assert_eq!(
            texts(&l),
            [
                "Hankkeen nimi, S-numero ja",
                "S20877, Petosen Pömpeli, 2.1.2017 –",
                "toteutusaika",
                "31.12.2017",
                "(hanke RR-tietopalvelussa)"
            ]
        );
        assert!(l.lines[1].right_cell && !l.lines[2].right_cell);
    }

    #[test]
    fn damaged_header_is_still_a_header() {
        let l = split_lines("Hankekortti, Euroopan sosiaalirahaston toimintalinja 5\nKoonnut Sosiaalisen osallisuuden edistamisen koordinaatiohanke — Sokra, joulukuu 2019\nS$20540, Nimi\n");
        assert_eq!(texts(&l), ["S$20540, Nimi"]);
        assert_eq!(l.header_compiled.as_deref(), Some("Koonnut Sosiaalisen osallisuuden edistamisen koordinaatiohanke — Sokra, joulukuu 2019"));
    }

    #[test]
    fn header_glued_to_content_is_cut_off() {
        let l = split_lines("Hankekortti, Euroopan sosiaalirahaston toimintalinja 5 Koonnut Sokra, syyskuu 2019 S20877, Petosen Pömpeli Hankkeen nimi\n");
        assert_eq!(texts(&l), ["S20877, Petosen Pömpeli Hankkeen nimi"]);
        assert!(l.header_title.is_some() && l.header_compiled.is_some());
    }

    #[test]
    fn form_feed_mid_line_and_blank_lines() {
        let l = split_lines("a\n\n\nb\u{c}c\n   \n");
        assert_eq!(texts(&l), ["a", "b", "c"]);
        assert_eq!(l.lines[2].page, 2);
    }
}
