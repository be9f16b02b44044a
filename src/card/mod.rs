//! Project cards (*Hankekortti*): from lines to the [`Card`] model.
//!
//! The card's layout is found first ([`labels`]), then each value is read by its own small
//! parser: the name, code and period; the funder and the realised public funding; implementers and
//! target groups as lists; the free-text sections; the trailing link list; and, from the prose,
//! the project's lineage and the organisations that carry its work on ([`lineage`]). What cannot
//! be read becomes a [`Warning`] beside the partial card, never an error.

mod labels;
mod lineage;

pub use labels::LABELS;
pub use lineage::{classify, continued_by, summarise, Evidence, Method, Relation};

use crate::document::Warning;
use crate::read::{find_month_year, Lines};
use crate::text::amount::{find_amounts, Euros};
use crate::text::code::find_codes;
use crate::text::date::{find_periods, Date};
use crate::text::fold::{match_at, skeleton};
use crate::text::lexicon::Lexicon;
use crate::text::names::{nominative, split_list, tidy, ListKind};
use crate::text::prose::join_lines;
use labels::{find_labels, Body, Hit};
use serde::Serialize;

/// Who compiled a card, and when.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Compiled {
    /// The compiler's short name (`Sokra`).
    pub by: Option<String>,
    /// The month, `yyyy-mm`.
    pub month: Option<String>,
    /// The header as written (after `Koonnut`), letters restored.
    pub text: String,
}

/// The free-text sections of a card; `None` where the label is missing or the value empty.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Sections {
    /// *Hankkeen tausta*.
    pub background: Option<String>,
    /// *Tavoitteet*.
    pub goals: Option<String>,
    /// *Toimintatapa*.
    pub methods: Option<String>,
    /// *Tuotokset*.
    pub outputs: Option<String>,
    /// *Lupaavat osallisuuden käytännöt ja palaset*.
    pub practices: Option<String>,
    /// *Muut tulokset ja vaikutukset*.
    pub results: Option<String>,
    /// *Levittäminen ja juurrutus*.
    pub dissemination: Option<String>,
    /// *Erityishuomioita, kehittämistyön ongelmia*.
    pub remarks: Option<String>,
}

impl Sections {
    /// (key, text) for every present section, in card order.
    pub fn iter(&self) -> Vec<(&'static str, &str)> {
        [
            ("background", &self.background),
            ("goals", &self.goals),
            ("methods", &self.methods),
            ("outputs", &self.outputs),
            ("practices", &self.practices),
            ("results", &self.results),
            ("dissemination", &self.dissemination),
            ("remarks", &self.remarks),
        ]
        .into_iter()
        .filter_map(|(k, v)| v.as_deref().map(|v| (k, v)))
        .collect()
    }

    fn slot(&mut self, key: &str) -> Option<&mut Option<String>> {
        Some(match key {
            "background" => &mut self.background,
            "goals" => &mut self.goals,
            "methods" => &mut self.methods,
            "outputs" => &mut self.outputs,
            "practices" => &mut self.practices,
            "results" => &mut self.results,
            "dissemination" => &mut self.dissemination,
            "remarks" => &mut self.remarks,
            _ => return None,
        })
    }
}

/// Everything a project card says.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Card {
    /// The project code, `S` and five digits.
    pub code: Option<String>,
    /// The project's name, Finnish letters restored.
    pub name: Option<String>,
    /// First day of the project.
    pub start: Option<Date>,
    /// Last day of the project.
    pub end: Option<Date>,
    /// The funding authority (an ELY centre, a ministry).
    pub funder: Option<String>,
    /// The realised public funding; `None` when the card gives none.
    pub funding_eur: Option<Euros>,
    /// Implementing organisations, nominative.
    pub implementers: Vec<String>,
    /// Target groups as written.
    pub target_groups: Vec<String>,
    /// Projects this one continues.
    pub predecessors: Vec<String>,
    /// Projects that continue this one.
    pub successors: Vec<String>,
    /// Projects only mentioned (peers, coordination projects, parallel projects).
    pub related_projects: Vec<String>,
    /// Organisations that carry the work on after the project.
    pub continued_by_organisations: Vec<String>,
    /// The trailing URL list, unique, in order of first appearance.
    pub links: Vec<String>,
    /// Who compiled the card and when.
    pub compiled: Option<Compiled>,
    /// The free-text sections.
    pub sections: Sections,
    /// The evidence behind `predecessors`, `successors` and `related_projects`.
    pub lineage_evidence: Vec<Evidence>,
}

/// True when text starts a URL.
fn is_url(s: &str) -> bool {
    let l = s.to_ascii_lowercase();
    l.starts_with("http://") || l.starts_with("https://") || l.starts_with("www.")
}

/// Schemes that are links but never followed or stored (a card's link list is web pages).
const REFUSED_SCHEMES: &[&str] = &[
    "javascript:",
    "vbscript:",
    "data:",
    "file:",
    "ftp:",
    "mailto:",
    "about:",
    "blob:",
];

/// True when text starts a link of a refused scheme (`javascript:…`, `file:///…`).
fn is_refused_link(s: &str) -> bool {
    let l = s.to_ascii_lowercase();
    REFUSED_SCHEMES.iter().any(|p| l.starts_with(p))
}

/// True when text starts a link of any kind, kept or refused.
fn is_link(s: &str) -> bool {
    is_url(s) || is_refused_link(s)
}

/// A URL cut at the first character that cannot be part of one (`https://…S20474" onclick=…`).
fn cut_url(s: &str) -> &str {
    let end = s
        .find(|c: char| {
            matches!(c, '"' | '<' | '>' | '`' | '{' | '}' | '|' | '\\' | '^') || c.is_control()
        })
        .unwrap_or(s.len());
    &s[..end]
}

/// A line of the link list: links only, or a link with markup stuck to it
/// (`https://…S20474" onclick="…`), whose rest is then refused.
fn is_link_line(l: &str) -> bool {
    l.split_whitespace().all(is_link)
        || l.split_whitespace()
            .next()
            .is_some_and(|w| is_url(w) && cut_url(w).len() < w.len())
}

/// The trailing link list of a card body.
#[derive(Debug, Default, PartialEq, Eq)]
struct LinkList {
    /// Where the list starts in the body.
    start: usize,
    /// The web links, in order, each once.
    links: Vec<String>,
    /// Links of a refused scheme, and text that followed a link on its line: reported, not kept.
    refused: Vec<String>,
}

/// The lines of a text from the last, with their offsets: `text.split('\n')` backwards. Only
/// the lines asked for are looked at.
fn lines_from_the_end(text: &str) -> impl Iterator<Item = (usize, &str)> {
    let mut end = Some(text.len());
    std::iter::from_fn(move || {
        let e = end?;
        let s = text[..e].rfind('\n').map_or(0, |i| i + 1);
        end = s.checked_sub(1);
        Some((s, &text[s..e]))
    })
}

/// Where the link list at the end of `body` starts (after the last line of other text; the
/// end of the text, or the start of its trailing blank lines, when there is none), and the line
/// just above that place with its offset, if any: lines from the end that are links, or single
/// tokens (at most three in a row) that continue a wrapped link above them.
fn link_list_start(body: &str) -> (usize, Option<(usize, &str)>) {
    let mut lines = lines_from_the_end(body).peekable();
    let mut start = body.len();
    // the line above `start`: the last line until `start` moves to a line's offset
    let mut above_end = Some(body.len());
    while let Some((at, _)) = lines.next_if(|(_, l)| l.trim().is_empty()) {
        start = at;
        above_end = at.checked_sub(1);
    }
    let mut pending = 0;
    for (at, l) in lines {
        let l = l.trim();
        if !l.is_empty() && is_link_line(l) {
            start = at;
            above_end = at.checked_sub(1);
            pending = 0;
        } else if !l.is_empty() && !l.contains(char::is_whitespace) && pending < 3 {
            pending += 1;
        } else {
            break;
        }
    }
    let above = above_end.and_then(|e| lines_from_the_end(&body[..e]).next());
    (start, above)
}

/// Where the trailing link list starts in `body`, its links, and what was refused. A line is
/// part of the list when it starts with a link (web links, and links of a refused scheme such
/// as `javascript:` or `file:`, so that one hostile line cannot turn the list into prose);
/// whatever follows a link on its line is refused, not silently dropped.
fn split_links(body: &str) -> LinkList {
    let (mut start, above) = link_list_start(body);
    // URLs run on at the end of the last prose line (OCR that lost the line breaks)
    if let Some((at, l)) = above {
        let words: Vec<(usize, &str)> = l
            .split(' ')
            .scan(0, |pos, w| {
                let here = *pos;
                *pos += w.len() + 1;
                Some((here, w))
            })
            .collect();
        let tail = words.iter().rev().take_while(|(_, w)| is_url(w)).count();
        if tail > 0 && tail < words.len() {
            start = at + words[words.len() - tail].0;
        }
    }
    let mut links: Vec<String> = Vec::new();
    let mut refused: Vec<String> = Vec::new();
    // whether the last token was a kept link that a wrapped line may continue
    let mut open = false;
    for line in body[start..].split('\n') {
        for (n, w) in line.split_whitespace().enumerate() {
            let w = w.trim_end_matches([',', ';', '.']);
            if is_url(w) {
                let cut = cut_url(w);
                if cut.len() < w.len() {
                    refused.push(w[cut.len()..].to_owned());
                }
                links.push(cut.to_owned());
                open = cut.len() == w.len();
            } else if is_refused_link(w) {
                refused.push(w.to_owned());
                open = false;
            } else if n == 0 && open {
                // a wrapped URL continues on the next line
                if let Some(last) = links.last_mut() {
                    let cut = cut_url(w);
                    last.push_str(cut);
                    if cut.len() < w.len() {
                        refused.push(w[cut.len()..].to_owned());
                        open = false;
                    }
                }
            } else if !w.is_empty() {
                refused.push(w.to_owned());
            }
        }
    }
    let mut unique: Vec<String> = Vec::new();
    for l in links {
        if !unique.contains(&l) {
            unique.push(l);
        }
    }
    LinkList {
        start,
        links: unique,
        refused,
    }
}

/// The text of a label's value: from the end of its first part to the next label, without its
/// other parts, lines joined.
fn value_text(body: &str, hit: &Hit, until: usize) -> String {
    let mut text = String::new();
    let mut at = hit.first_end();
    for &(a, b) in &hit.spans[1..] {
        if a >= at && b <= until {
            text.push_str(&body[at..a]);
            text.push('\n');
            at = b;
        }
    }
    text.push_str(&body[at.min(until)..until]);
    join_lines(text.trim_start_matches([':', ',', ';', ' ', '\n']))
}

/// Reads `Koonnut … – Sokra, syyskuu 2019`.
fn compiled(header: &str, lex: &Lexicon) -> Compiled {
    let text = lex.restore_text(
        header
            .get(match_at(header, 0, "koonnut ").unwrap_or(0)..)
            .unwrap_or(header)
            .trim(),
    );
    let (month, by_end) = match find_month_year(&text) {
        Some((at, m, year_end)) => (
            Some(format!("{}-{:02}", &text[year_end - 4..year_end], m + 1)),
            at,
        ),
        None => (None, text.len()),
    };
    let who = text[..by_end].trim().trim_end_matches(',').trim();
    let by = who
        .rsplit([' '])
        .next()
        .filter(|_| who.contains(" – ") || who.contains(" — ") || who.contains(" - "))
        .map(str::to_owned)
        .or_else(|| (!who.is_empty()).then(|| who.to_owned()));
    Compiled { by, month, text }
}

/// Merges two spellings of one name word by word, taking from each word the spelling that
/// carries intact Finnish letters.
fn merge_names(a: &str, b: &str) -> String {
    let wa: Vec<&str> = a.split(' ').collect();
    let wb: Vec<&str> = b.split(' ').collect();
    if wa.len() != wb.len() {
        return a.to_owned();
    }
    let umlauts = |w: &str| {
        w.chars()
            .filter(|c| matches!(c, 'ä' | 'ö' | 'Ä' | 'Ö'))
            .count()
    };
    wa.iter()
        .zip(&wb)
        .map(|(x, y)| {
            if skeleton(x) == skeleton(y)
                && umlauts(y) > umlauts(x)
                && y.chars()
                    .all(|c| c.is_alphabetic() || "-–—:.,()".contains(c))
            {
                *y
            } else {
                *x
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// Reads `S20877, Petosen Pömpeli, 2.1.2017 – 31.12.2017 (hanke RR-tietopalvelussa)`:
/// (code, name, period start, period end).
fn name_code_period(v: &str) -> (Option<String>, Option<String>, Option<(Date, Date)>) {
    let code = find_codes(v).into_iter().next();
    let period = find_periods(v).into_iter().next();
    let from = code.as_ref().map_or(0, |c| c.end);
    let to = period
        .as_ref()
        .map(|p| p.start)
        .filter(|&s| s >= from)
        .or_else(|| v[from..].find('(').map(|i| from + i))
        .unwrap_or(v.len());
    let name = tidy(
        v[from..to]
            .trim_start_matches([':', ',', ' '])
            .trim_end_matches([',', ' ', '–', '—', '-']),
    );
    (
        code.map(|c| c.code),
        (!name.is_empty()).then_some(name),
        period.map(|p| (p.period.start, p.period.end)),
    )
}

/// Reads `Etelä-Savon ELY-keskus, 61 386 €`: (funder, amount, whether an amount was expected).
fn funding(v: &str) -> (Option<String>, Option<Euros>, bool) {
    let amounts = find_amounts(v);
    let chosen = amounts
        .iter()
        .rev()
        .find(|a| a.has_currency)
        .or_else(|| amounts.last().filter(|a| v[a.end..].trim().is_empty()));
    match chosen {
        Some(a) => {
            let funder = tidy(&v[..a.start]);
            ((!funder.is_empty()).then_some(funder), Some(a.value), true)
        }
        None => {
            let explicit_none = v.trim_end().ends_with(',');
            let funder = tidy(v);
            ((!funder.is_empty()).then_some(funder), None, !explicit_none)
        }
    }
}

/// Parses a card from its lines. Returns `None` when the text does not look like a card (no
/// card header and fewer than three labels).
pub fn parse(lines: &Lines, lex: &Lexicon) -> Option<(Card, Vec<Warning>)> {
    let body: String = lines
        .lines
        .iter()
        .map(|l| l.text.as_str())
        .collect::<Vec<_>>()
        .join("\n");
    let LinkList {
        start: link_start,
        links,
        refused,
    } = split_links(&body);
    let content = &body[..link_start];
    let hits = find_labels(&Body::new(content));
    if lines.header_title.is_none() && hits.len() < 3 {
        return None;
    }
    let mut warnings = Vec::new();
    if !refused.is_empty() {
        warnings.push(Warning::new(
            "link-refused",
            format!(
                "not kept from the link list (only http, https and www links are): {}",
                refused.join(" ")
            ),
        ));
    }
    let mut card = Card {
        links,
        compiled: lines.header_compiled.as_deref().map(|h| compiled(h, lex)),
        ..Card::default()
    };
    let title = join_lines(&body[..hits.first().map_or(content.len(), Hit::start)]);
    let mut values: Vec<Option<String>> = vec![None; LABELS.len()];
    for (n, hit) in hits.iter().enumerate() {
        let until = hits.get(n + 1).map_or(content.len(), Hit::start);
        values[hit.label] = Some(value_text(&body, hit, until));
    }
    for (k, (label, key)) in LABELS.iter().enumerate() {
        if values[k].is_none() {
            warnings.push(Warning::new(
                "missing-label",
                format!("label \"{label}\" ({key}) not found; its value is empty"),
            ));
        }
    }
    let has_funding = values[1].is_some();
    // each value is read once: taken, not copied
    let mut take = |k: usize| values.get_mut(k).and_then(Option::take).unwrap_or_default();

    // name, code, period
    let (code_v, name_v, period_v) = name_code_period(&take(0));
    let (code_t, name_t, _) = name_code_period(&title);
    card.code = code_v.clone().or(code_t.clone());
    if let (Some(a), Some(b)) = (&code_v, &code_t) {
        if a != b {
            warnings.push(Warning::new(
                "code-mismatch",
                format!("the title says {b} but the name field says {a}; using {a}"),
            ));
        }
    }
    if card.code.is_none() {
        warnings.push(Warning::new(
            "missing-code",
            "no project code (S + five digits) found".into(),
        ));
    }
    let name_v = name_v.map(|n| lex.restore_text(&n));
    let name_t = name_t.map(|n| lex.restore_text(&n));
    card.name = match (name_v, name_t) {
        (Some(v), Some(t)) => Some(merge_names(&v, &t)),
        (v, t) => v.or(t),
    }
    .map(|n| n.replace(" — ", " – ").replace(" - ", " – "));
    if card.name.is_none() {
        warnings.push(Warning::new("missing-name", "no project name found".into()));
    }
    match period_v {
        Some((s, e)) => {
            card.start = Some(s);
            card.end = Some(e);
            if e < s {
                warnings.push(Warning::new(
                    "period-reversed",
                    format!("the period ends ({e}) before it starts ({s})"),
                ));
            }
        }
        None => warnings.push(Warning::new(
            "missing-period",
            "no project period (d.m.yyyy – d.m.yyyy) in the name field".into(),
        )),
    }

    // funder and funding
    if has_funding {
        let (funder, amount, expected) = funding(&take(1));
        card.funder = funder.map(|f| lex.restore_text(&f));
        card.funding_eur = amount;
        if amount.is_none() && expected {
            warnings.push(Warning::new(
                "missing-amount",
                "no funding amount after the funder".into(),
            ));
        }
    }

    card.implementers = split_list(&lex.restore_text(&take(2)), ListKind::Organisations)
        .iter()
        .map(|o| nominative(o))
        .collect();
    card.target_groups = split_list(&lex.restore_text(&take(3)), ListKind::TargetGroups);

    // free text stays as written (layout repaired, letters not): only names are restored
    for (k, (_, key)) in LABELS.iter().enumerate().skip(4) {
        let text = take(k);
        if let Some(slot) = card.sections.slot(key) {
            *slot = (!text.is_empty()).then_some(text);
        }
    }

    let evidence = classify(card.code.as_deref(), &card.sections.iter(), &card.links);
    let (pre, suc, rel, conflicts) = summarise(&evidence);
    for c in conflicts {
        warnings.push(Warning::new(
            "lineage-conflict",
            format!("{c} is named both as a predecessor and as a successor; listed as predecessor"),
        ));
    }
    card.predecessors = pre;
    card.successors = suc;
    card.related_projects = rel;
    card.lineage_evidence = evidence;
    card.continued_by_organisations = card
        .sections
        .dissemination
        .as_deref()
        .map(continued_by)
        .unwrap_or_default()
        .iter()
        .map(|o| lex.restore_text(o))
        .collect();
    Some((card, warnings))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The first form of [`link_list_start`], over a list of every line of the body: the
    /// oracle of the one that reads lines from the end.
    fn link_list_start_by_all_lines(body: &str) -> (usize, Option<(usize, &str)>) {
        let lines: Vec<(usize, &str)> = {
            let mut v = Vec::new();
            let mut at = 0;
            for l in body.split('\n') {
                v.push((at, l));
                at += l.len() + 1;
            }
            v
        };
        let mut k = lines.len();
        while k > 0 && lines[k - 1].1.trim().is_empty() {
            k -= 1;
        }
        let mut start_line = k;
        let mut pending = 0;
        while k > 0 {
            let l = lines[k - 1].1.trim();
            if !l.is_empty() && is_link_line(l) {
                start_line = k - 1;
                pending = 0;
            } else if !l.is_empty() && !l.contains(char::is_whitespace) && pending < 3 {
                pending += 1;
            } else {
                break;
            }
            k -= 1;
        }
        let start = lines.get(start_line).map_or(body.len(), |l| l.0);
        let above = start_line.checked_sub(1).map(|k| lines[k]);
        (start, above)
    }

    #[test]
    fn link_lists_found_from_the_end_as_from_all_lines() {
        let corpus = crate::gen::generate(&crate::gen::Options {
            count: 200,
            seed: 7,
            damage_rate: 1.0,
            decisions_per_100: 0,
        });
        let mut bodies = corpus.texts();
        bodies.extend(
            [
                "",
                "\n",
                "\n\n",
                "x",
                "https://a.fi",
                "prose\nhttps://a.fi\n",
                "prose https://a.fi www.b.fi\n\n",
                "prose\nhttps://a.fi/x\ncontinued\nmore\nhttps://b.fi\n \n",
                "a b\none\ntwo\nthree\nfour\nhttps://c.fi",
                "https://a.fi\njavascript:alert(1)\n",
            ]
            .map(str::to_owned),
        );
        let mut with_links = 0;
        for b in &bodies {
            assert_eq!(link_list_start(b), link_list_start_by_all_lines(b), "{b:?}");
            with_links += usize::from(!split_links(b).links.is_empty());
        }
        assert!(with_links > 50, "{with_links}");
    }

    #[test]
    fn name_code_period_field() {
        let (c, n, p) = name_code_period(
            "S20877, Petosen Pömpeli, 2.1.2017 – 31.12.2017 (hanke RR-tietopalvelussa)",
        );
        assert_eq!(c.as_deref(), Some("S20877"));
        assert_eq!(n.as_deref(), Some("Petosen Pömpeli"));
        assert_eq!(
            p.map(|(a, b)| (a.to_string(), b.to_string())),
            Some(("2017-01-02".into(), "2017-12-31".into()))
        );
        let (c, n, _) =
            name_code_period("S$20540, Yhteistä ymmärrystä – lähityön malli, 1.2.2016 — 31.1.2017");
        assert_eq!(
            (c.as_deref(), n.as_deref()),
            (Some("S20540"), Some("Yhteistä ymmärrystä – lähityön malli"))
        );
    }

    #[test]
    fn funding_field() {
        let (f, a, _) = funding("Etelä-Savon ELY-keskus, 61 386 €");
        assert_eq!(
            (f.as_deref(), a.map(Euros::cents)),
            (Some("Etelä-Savon ELY-keskus"), Some(6_138_600))
        );
        let (f, a, expected) = funding("Pohjois-Savon ELY-keskus,");
        assert_eq!(
            (f.as_deref(), a, expected),
            (Some("Pohjois-Savon ELY-keskus"), None, false)
        );
        let (_, a, _) = funding("Pohjois-Pohjanmaan ELY-keskus, 501920 euroa");
        assert_eq!(a.map(Euros::cents), Some(50_192_000));
    }

    #[test]
    fn link_list() {
        let LinkList { start, links, .. } =
            split_links("Teksti.\nhttps://a.fi/x\nhttps://b.fi/y\nhttps://a.fi/x\n");
        assert_eq!(start, 8);
        assert_eq!(links, ["https://a.fi/x", "https://b.fi/y"]);
        let LinkList { start, links, .. } =
            split_links("Teksti loppuu. https://a.fi/x https://b.fi/y");
        assert_eq!((start, links.len()), (15, 2));
        let LinkList { links, .. } =
            split_links("Teksti.\nhttps://thl.fi/documents/966696/Kuopion+\nmallin+kuvaus.pdf\n");
        assert_eq!(
            links,
            ["https://thl.fi/documents/966696/Kuopion+mallin+kuvaus.pdf"]
        );
    }

    #[test]
    fn hostile_links_are_refused_and_the_good_ones_kept() {
        let list = split_links(
            "Toiminta jatkuu.\n\
             https://www.eura2014.fi/rrtiepa/projekti.php?projektikoodi=S29983\n\
             javascript:alert(document.cookie)//projektikoodi=S29984\n\
             file:///etc/passwd?projektikoodi=S29985\n\
             https://www.eura2014.fi/rrtiepa/projekti.php?projektikoodi=S29986\" onclick=\"alert(1)\n\
             JAVASCRIPT:alert(1)\n\
             data:text/html,<script>alert(1)</script>\n",
        );
        assert_eq!(list.start, 17, "the prose ends before the list");
        assert_eq!(
            list.links,
            [
                "https://www.eura2014.fi/rrtiepa/projekti.php?projektikoodi=S29983",
                "https://www.eura2014.fi/rrtiepa/projekti.php?projektikoodi=S29986"
            ]
        );
        assert_eq!(
            list.refused,
            [
                "javascript:alert(document.cookie)//projektikoodi=S29984",
                "file:///etc/passwd?projektikoodi=S29985",
                "\"",
                "onclick=\"alert(1)",
                "JAVASCRIPT:alert(1)",
                "data:text/html,<script>alert(1)</script>"
            ]
        );
        // prose that merely starts with a web address stays prose
        let list = split_links("Lisätietoa:\nhttps://a.fi/x on hankkeen sivu.\n");
        assert!(list.links.is_empty() && list.refused.is_empty(), "{list:?}");
    }

    #[test]
    fn compiled_header() {
        let c = compiled(
            "Koonnut Sosiaalisen osallisuuden edistämisen koordinaatiohanke – Sokra, syyskuu 2019",
            &Lexicon::empty(),
        );
        assert_eq!(
            (c.by.as_deref(), c.month.as_deref()),
            (Some("Sokra"), Some("2019-09"))
        );
    }

    #[test]
    fn names_merge_from_the_better_spelling() {
        assert_eq!(
            merge_names("Yhteistd ymmarrysta", "Yhteistä ymmarrysta"),
            "Yhteistä ymmarrysta"
        );
        assert_eq!(merge_names("A B", "A B C"), "A B");
    }
}
