//! Which projects a card names, and how: predecessor, successor, parallel project, or a mere
//! mention — and which organisations carry the work on.
//!
//! A code counts as lineage only when a cue in its own sentence ties it to *this* project's line
//! of work: `Hanketta on edeltänyt … S20474`, `on jatkoa … (S20474)`, `Jatkohankkeet: … S21315`,
//! `toimintaa jatketaan hankkeessa X (S21000)`, `rinnakkaishanke S20999`. A cue that belongs to
//! another project (`Y-hankkeen (S20300) jatkohanke S20400`, `sen jatkohanke`) makes a mention.
//! A code that appears only in the link list is a predecessor when the text says the project
//! builds on earlier work and it is the only such code; otherwise a mention.

use crate::text::code::find_codes;
use crate::text::fold::{find_fuzzy, find_fuzzy_anywhere, fold, WordStarts};
use crate::text::names::nominative;
use crate::text::prose::sentences;
use serde::Serialize;

/// The kind of a relation between this card's project and another.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Relation {
    /// The other project came before this one in the same line of work.
    Predecessor,
    /// The other project continues this one.
    Successor,
    /// The other project ran beside this one (*rinnakkaishanke*).
    Parallel,
    /// The other project is only mentioned.
    Mention,
}

/// How a relation was found.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Method {
    /// A cue in the sentence that names the code.
    TextPattern,
    /// The code appears only in the card's link list.
    LinkList,
}

/// One relation with its evidence.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Evidence {
    /// The other project's code.
    pub code: String,
    /// The kind of relation.
    pub relation: Relation,
    /// The sentence (or link) it was read from.
    pub sentence: String,
    /// The section the sentence is in (`links` for the link list).
    pub section: &'static str,
    /// How it was found.
    pub method: Method,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Cue {
    Predecessor,
    Successor,
    Parallel,
}

/// Cue stems, correctly spelled; matched through OCR damage at a word start.
const CUES: &[(&str, Cue)] = &[
    ("sai jatkoa", Cue::Successor),
    ("saa jatkoa", Cue::Successor),
    ("jatkohank", Cue::Successor),
    ("jatketaan", Cue::Successor),
    ("jatkettiin", Cue::Successor),
    ("jatkuu", Cue::Successor),
    ("jatkui", Cue::Successor),
    ("jatkorahoitu", Cue::Successor),
    ("seuraajahank", Cue::Successor),
    ("edeltän", Cue::Predecessor),
    ("edeltäv", Cue::Predecessor),
    ("edeltäj", Cue::Predecessor),
    ("edelsi", Cue::Predecessor),
    ("jatkoa", Cue::Predecessor),
    ("pohjautu", Cue::Predecessor),
    ("jatkokehit", Cue::Predecessor),
    ("rinnakkaishank", Cue::Parallel),
    ("rinnakkaisen hank", Cue::Parallel),
    ("sisarhank", Cue::Parallel),
];

/// Cues that say a project builds on earlier work without naming it.
const EARLIER_WORK: &[&str] = &[
    "edeltän",
    "edeltäv",
    "edeltäj",
    "jatkoa",
    "pohjautu",
    "perustuu aiem",
    "aiemma",
    "aikaisemma",
    "edellise",
    "jatkokehit",
];

/// Every cue in a sentence: (start, end, kind), longest match first at a position.
fn cues(sentence: &str) -> Vec<(usize, usize, Cue)> {
    let mut out: Vec<(usize, usize, Cue)> = Vec::new();
    for &(needle, kind) in CUES {
        let mut from = 0;
        while let Some((a, b)) = find_fuzzy_anywhere(sentence, needle, from) {
            if !out.iter().any(|&(x, y, _)| a < y && x < b) {
                out.push((a, b, kind));
            }
            from = b;
        }
    }
    out.sort_unstable_by_key(|c| c.0);
    out
}

/// True when the cue ending the text `before` belongs to another project than the card's own.
fn cue_of_other_project(before: &str, own: Option<&str>, target: &str) -> bool {
    let window_start = before.char_indices().rev().nth(60).map_or(0, |(i, _)| i);
    let window = &before[window_start..];
    if find_codes(window)
        .iter()
        .any(|m| Some(m.code.as_str()) != own && m.code != target)
    {
        return true;
    }
    let words: Vec<String> = fold(window)
        .split_whitespace()
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()).to_owned())
        .collect();
    let last = words.last().map(String::as_str).unwrap_or("");
    if matches!(
        last,
        "sen" | "jonka" | "niiden" | "joiden" | "taman" | "kyseisen"
    ) {
        return last != "taman";
    }
    // "Y-hankkeen jatkohanke": a named project's continuation
    if last.ends_with("hankkeen") && last != "hankkeen" {
        return true;
    }
    if last == "hankkeen" && words.len() >= 2 {
        let prev = &words[words.len() - 2];
        return prev != "taman"
            && !prev.is_empty()
            && before.trim_end().len() > "hankkeen".len() + prev.len() + 1;
    }
    false
}

/// Classifies the codes a card names.
///
/// # Arguments
/// * `own` — the card's own code, never listed;
/// * `sections` — (section key, text) pairs, in card order;
/// * `links` — the trailing URL list.
///
/// # Returns
/// One [`Evidence`] per (code, sentence) pair, in reading order, link-list codes last.
pub fn classify(
    own: Option<&str>,
    sections: &[(&'static str, &str)],
    links: &[String],
) -> Vec<Evidence> {
    let mut out = Vec::new();
    // sentences without another project's code, read for a builds-on cue only when needed
    let mut codeless: Vec<&str> = Vec::new();
    for &(section, text) in sections {
        for (_, sentence) in sentences(text) {
            let codes = find_codes(sentence);
            if codes.iter().all(|m| Some(m.code.as_str()) == own) {
                codeless.push(sentence);
                continue;
            }
            let cs = cues(sentence);
            for m in &codes {
                if Some(m.code.as_str()) == own {
                    continue;
                }
                let before = cs.iter().rev().find(|c| c.1 <= m.start);
                let after = cs.iter().find(|c| c.0 >= m.end);
                // a cue after the code ties it only when it is a predecessor or parallel cue
                // ("S20474 edelsi tätä hanketta"); "S20300 jatkohanke …" names S20300's successor
                let after = after.filter(|c| c.2 != Cue::Successor);
                let relation = match before.or(after) {
                    None => Relation::Mention,
                    Some(&(a, _, kind)) => {
                        let other =
                            before.is_some() && cue_of_other_project(&sentence[..a], own, &m.code);
                        match (kind, other) {
                            (_, true) => Relation::Mention,
                            (Cue::Predecessor, false) => Relation::Predecessor,
                            (Cue::Successor, false) => Relation::Successor,
                            (Cue::Parallel, false) => Relation::Parallel,
                        }
                    }
                };
                out.push(Evidence {
                    code: m.code.clone(),
                    relation,
                    sentence: sentence.to_owned(),
                    section,
                    method: Method::TextPattern,
                });
            }
        }
    }
    let mut link_codes: Vec<(String, &String)> = Vec::new();
    for link in links {
        for m in find_codes(link) {
            if Some(m.code.as_str()) != own
                && !out.iter().any(|e| e.code == m.code)
                && !link_codes.iter().any(|(c, _)| *c == m.code)
            {
                link_codes.push((m.code, link));
            }
        }
    }
    let builds_on_unnamed = link_codes.len() == 1
        && codeless
            .iter()
            .any(|s| EARLIER_WORK.iter().any(|n| find_fuzzy(s, n, 0).is_some()));
    let link_relation = if builds_on_unnamed {
        Relation::Predecessor
    } else {
        Relation::Mention
    };
    for (code, link) in link_codes {
        out.push(Evidence {
            code,
            relation: link_relation,
            sentence: link.clone(),
            section: "links",
            method: Method::LinkList,
        });
    }
    out
}

/// The strongest relation of each code: predecessor or successor over parallel over mention.
/// Returns (predecessors, successors, related), each in order of first appearance, and the codes
/// claimed both as predecessor and successor.
pub fn summarise(evidence: &[Evidence]) -> (Vec<String>, Vec<String>, Vec<String>, Vec<String>) {
    let mut order: Vec<&str> = Vec::new();
    for e in evidence {
        if !order.contains(&e.code.as_str()) {
            order.push(&e.code);
        }
    }
    let (mut pre, mut suc, mut rel, mut conflict) =
        (Vec::new(), Vec::new(), Vec::new(), Vec::new());
    for code in order {
        let kinds: Vec<Relation> = evidence
            .iter()
            .filter(|e| e.code == code)
            .map(|e| e.relation)
            .collect();
        let is_pre = kinds.contains(&Relation::Predecessor);
        let is_suc = kinds.contains(&Relation::Successor);
        if is_pre && is_suc {
            conflict.push(code.to_owned());
        }
        if is_pre {
            pre.push(code.to_owned());
        } else if is_suc {
            suc.push(code.to_owned());
        } else {
            rel.push(code.to_owned());
        }
    }
    (pre, suc, rel, conflict)
}

/// Verbs after which the organisation that carries the work on is named.
const TAKEN_OVER_BY: &[&str] = &[
    "toimintaa järjestää ",
    "toimintaa järjestävät ",
    "toimintaa jatkaa ",
    "toimintaa jatkavat ",
    "toimintaa ylläpitää ",
    "toimintaa toteuttaa ",
    "toimintaa pyörittää ",
    "toiminnan otti ",
    "toiminnan on ottanut ",
    "työtä jatkaa ",
    "mallia ylläpitää ",
    "toimintaa koordinoi ",
];
/// Verbs after which an organisation is named, when the sentence is about the time after the
/// project (`Hankkeen jälkeen talousryhmiä järjestää Porin kaupunki`).
const AFTERWARDS_VERBS: &[&str] = &[
    "järjestää ",
    "järjestävät ",
    "jatkaa ",
    "jatkavat ",
    "ylläpitää ",
    "toteuttaa ",
    "pyörittää ",
    "koordinoi ",
    "vastaa ",
];
/// Words that put a sentence after the project.
const AFTERWARDS: &[&str] = &["jälkeen", "päätyttyä", "jatkossa", "edelleen", "nykyisin"];

/// Verbs before which the organisation that carries the work on is named.
const CARRIES_ON: &[&str] = &[
    " toimii jatkossakin",
    " jatkaa toimintaa",
    " jatkaa toimintaansa",
    " jatkaa hankkeen",
    " jatkoi toimintaa",
    " jatkoi hankkeen",
    " ylläpitää toimintaa",
    " vakinaisti ",
    " vakiinnutti ",
    " otti toiminnan",
    " otti mallin",
    " on ottanut toiminnan",
];
/// Verbs after which the organisation is named in the allative or genitive.
const MOVED_TO: &[&str] = &[
    "siirtyi ",
    "siirtyy ",
    "siirrettiin ",
    "vakiintui ",
    "juurrutettiin ",
    "vakinaistettiin ",
];

/// Lowercase words that may stand inside an organisation's name.
const ORG_WORDS: &[&str] = &[
    "ry",
    "r.y.",
    "rf",
    "oy",
    "ab",
    "sr",
    "yhdistys",
    "seurakunta",
    "seurakunnan",
    "diakonia",
    "kunta",
    "kaupunki",
    "kaupungin",
    "kunnan",
    "säätiö",
    "keskus",
    "yliopisto",
    "liitto",
    "seura",
    "ja",
    "kuntayhtymä",
    "setlementti",
    "järjestö",
    "kylätupa",
    "toimi",
    "palvelut",
    "yksikkö",
    "kirkko",
    "osuuskunta",
    "kylätuvat",
    "yhdistykset",
];

/// First words that never start an organisation's name.
const NOT_ORG_START: &[&str] = &[
    "hanke",
    "hankkeen",
    "hanketta",
    "toiminta",
    "toimintaa",
    "malli",
    "tämä",
    "se",
    "ne",
    "työ",
    "kaikki",
    "osa",
    "hankkeessa",
    "lisäksi",
    "myös",
    "jatkossa",
];

fn is_org_word(w: &str) -> bool {
    let f = w
        .trim_matches(|c: char| matches!(c, ',' | '.' | ';' | '(' | ')'))
        .to_lowercase();
    f == "ja"
        || ORG_WORDS.iter().any(|o| *o != "ja" && f.ends_with(o))
        || f.ends_with(":n")
        || f.ends_with(":lle")
}

/// Cleans a candidate organisation name: stops at the end of its phrase, checks it looks like
/// a name, and puts it in the nominative.
fn org_phrase(words: &[&str]) -> Option<String> {
    let first = words.first()?;
    if !first.starts_with(char::is_uppercase) || words.len() > 8 {
        return None;
    }
    if NOT_ORG_START.contains(&fold(first).trim_matches(|c: char| !c.is_alphanumeric())) {
        return None;
    }
    let name = nominative(&words.join(" "));
    (!name.is_empty()).then_some(name)
}

/// Organisations that carry the work on after the project, read from its dissemination section.
///
/// ```
/// use hankegraph::card::continued_by;
/// assert_eq!(continued_by("Hankkeen jälkeen vastaavaa toimintaa järjestää Kallaveden seurakunnan diakonia"),
///            ["Kallaveden seurakunnan diakonia"]);
/// assert_eq!(continued_by("Puumala Klupi toimii jatkossakin kohtaamispaikkana."), ["Puumala Klupi"]);
/// assert!(continued_by("Oulussa viriketoiminta vanhuksille jatkuu.").is_empty());
/// ```
pub fn continued_by(text: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut push = |name: Option<String>| {
        if let Some(n) = name {
            if !out.contains(&n) {
                out.push(n);
            }
        }
    };
    for (_, sentence) in sentences(text) {
        let s = sentence.trim_end_matches(['.', ';', '!']);
        // some forty phrases are looked for in each sentence
        let starts = WordStarts::new(s);
        let afterwards = AFTERWARDS.iter().any(|a| starts.find(a).is_some());
        let generic: &[&str] = if afterwards { AFTERWARDS_VERBS } else { &[] };
        for needle in TAKEN_OVER_BY.iter().chain(MOVED_TO).chain(generic) {
            let mut from = 0;
            while let Some((_, end)) = starts.find_from(needle, from) {
                from = end;
                let rest = &s[end..];
                let stop = rest.find([',', ';', '(', ':']).unwrap_or(rest.len());
                let words: Vec<&str> = rest[..stop].split_whitespace().collect();
                // the phrase ends before the first lowercase word that is not part of a name
                let mut take = 0;
                for (i, w) in words.iter().enumerate() {
                    if i > 0 && !w.starts_with(char::is_uppercase) && !is_org_word(w) {
                        break;
                    }
                    take = i + 1;
                }
                let words = &words[..take];
                // "ja" may not end a name
                let words = if words.last().is_some_and(|w| *w == "ja") {
                    &words[..words.len() - 1]
                } else {
                    words
                };
                let mut name = org_phrase(words);
                if MOVED_TO.contains(needle) {
                    name = name.map(|n| nominative(&n));
                }
                push(name);
            }
        }
        for needle in CARRIES_ON {
            let mut from = 0;
            while let Some((start, end)) = starts.find_from(needle.trim_start(), from) {
                from = end;
                let words: Vec<&str> = s[..start].split_whitespace().collect();
                let mut k = words.len();
                while k > 0 {
                    let w = words[k - 1];
                    if w.starts_with(char::is_uppercase) || is_org_word(w) {
                        k -= 1;
                    } else {
                        break;
                    }
                }
                // skip leading words that are not part of a name ("Hankkeen päätyttyä Puumala Klupi")
                let mut phrase = &words[k..];
                while phrase.first().is_some_and(|w| {
                    !w.starts_with(char::is_uppercase) || NOT_ORG_START.contains(&fold(w).as_str())
                }) {
                    phrase = &phrase[1..];
                }
                push(org_phrase(phrase));
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rel(sections: &[(&'static str, &str)], links: &[&str]) -> Vec<(String, Relation)> {
        let links: Vec<String> = links.iter().map(|s| (*s).to_owned()).collect();
        classify(Some("S20000"), sections, &links)
            .into_iter()
            .map(|e| (e.code, e.relation))
            .collect()
    }

    #[test]
    fn predecessor_cues() {
        for s in [
            "Hanketta on edeltänyt Petosen osallisuushanke S20474.",
            "Hanketta on edeltanyt Petosen osallisuushanke $20474.",
            "Hanke on jatkoa Petosen osallisuushankkeelle (S20474).",
            "Petosen osallisuushanke (S 20474) edelsi tätä hanketta.",
            "Hanke jatkokehittää S20474-hankkeessa luotua mallia.",
        ] {
            assert_eq!(
                rel(&[("background", s)], &[]),
                [("S20474".to_owned(), Relation::Predecessor)],
                "{s}"
            );
        }
    }

    #[test]
    fn successor_cues() {
        assert_eq!(
            rel(&[("dissemination", "Oulussa viriketoiminta jatkuu. Jatkohankkeet: ESR TL3 -hanke S21315 Oulussa ja ESR TL3 -hanke S21336 Rovaniemellä.")], &[]),
            [("S21315".to_owned(), Relation::Successor), ("S21336".to_owned(), Relation::Successor)]
        );
        assert_eq!(
            rel(
                &[(
                    "dissemination",
                    "Toimintaa jatketaan hankkeessa Uusi polku (S21000)."
                )],
                &[]
            ),
            [("S21000".to_owned(), Relation::Successor)]
        );
    }

    #[test]
    fn other_projects_continuations_are_mentions() {
        assert_eq!(
            rel(
                &[(
                    "remarks",
                    "Kokemuksia vaihdettiin Y-hankkeen (S20300) jatkohanke S20400 kanssa."
                )],
                &[]
            ),
            [
                ("S20300".to_owned(), Relation::Mention),
                ("S20400".to_owned(), Relation::Mention)
            ]
        );
        assert_eq!(
            rel(
                &[(
                    "remarks",
                    "Tietoa saatiin Sokra-hankkeelta (S20220); sen jatkohanke S21999 jatkaa työtä."
                )],
                &[]
            ),
            [
                ("S20220".to_owned(), Relation::Mention),
                ("S21999".to_owned(), Relation::Mention)
            ]
        );
        assert_eq!(
            rel(
                &[(
                    "remarks",
                    "Pömpeli-hankkeen jatkohanke S20400 toimi kumppanina."
                )],
                &[]
            ),
            [("S20400".to_owned(), Relation::Mention)]
        );
    }

    #[test]
    fn parallel_and_mentions() {
        assert_eq!(
            rel(&[("background", "Hankkeen rinnakkaishanke S20999 toimi Kemissä. Sokra-hankkeelta (S20220) saatiin tietoa.")], &[]),
            [("S20999".to_owned(), Relation::Parallel), ("S20220".to_owned(), Relation::Mention)]
        );
    }

    #[test]
    fn own_code_is_never_listed() {
        assert!(rel(
            &[("background", "Hanke S20000 jatkuu.")],
            &["https://x/?projektikoodi=S20000"]
        )
        .is_empty());
    }

    #[test]
    fn link_list_predecessor_needs_a_builds_on_cue() {
        let link = "https://www.eura2014.fi/rrtiepa/projekti.php?projektikoodi=S20111";
        assert_eq!(
            rel(
                &[(
                    "background",
                    "Hanke jatkaa aiemman hankkeen työtä ja on sen jatkoa."
                )],
                &[link]
            ),
            [("S20111".to_owned(), Relation::Predecessor)]
        );
        assert_eq!(
            rel(&[("background", "Hanke alkoi.")], &[link]),
            [("S20111".to_owned(), Relation::Mention)]
        );
    }

    #[test]
    fn summary_prefers_lineage_over_mention() {
        let ev = classify(
            Some("S20877"),
            &[
                ("background", "Hanketta on edeltänyt X S20474."),
                ("goals", "Soveltaa hankkeessa (S20474) tuotettua mallia."),
            ],
            &[],
        );
        let (pre, suc, rel, conflict) = summarise(&ev);
        assert_eq!(
            (pre, suc, rel, conflict),
            (vec!["S20474".to_owned()], vec![], vec![], vec![])
        );
    }

    #[test]
    fn organisations_that_carry_on() {
        assert_eq!(
            continued_by("Toiminta siirtyi Tukikohta ry:lle."),
            ["Tukikohta ry"]
        );
        assert_eq!(
            continued_by("Toimintaa jatkaa Kuopion kaupunki osana palveluja."),
            ["Kuopion kaupunki"]
        );
        assert_eq!(
            continued_by(
                "Hankkeen päätyttyä Pitkälahti-Petosen asukasyhdistys ry jatkaa toimintaa."
            ),
            ["Pitkälahti-Petosen asukasyhdistys ry"]
        );
        assert!(continued_by("Hanke jatkoi toimintaa loppuun asti.").is_empty());
        assert!(continued_by("Toiminta päättyi hankkeen myötä.").is_empty());
    }
}
