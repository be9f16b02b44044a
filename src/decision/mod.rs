//! Municipal co-funding decisions: from lines to the [`Decision`] model.
//!
//! A decision is minutes text, not a form: a title `<topic> / <applicant>`, a paragraph where
//! `<applicant> hakee <amount> euron kuntarahoitusosuutta <project>-hankkeelle <period>`, a
//! proposal (*Esitys*, *Päätösehdotus*) and, when the body decided, a *Päätös* line. Only the
//! *Päätös* line decides `decided`: a proposal alone, or an item left on the table (*pöydälle*),
//! is not a decision. Officials' names, phone numbers and e-mail addresses are personal data and
//! are never read into the model.

use crate::document::Warning;
use crate::read::Lines;
use crate::text::amount::{find_amounts, Euros};
use crate::text::date::{find_periods, Period};
use crate::text::fold::{find_fuzzy, fold, match_at, WordStarts};
use crate::text::lexicon::{municipalities, Lexicon};
use crate::text::names::{nominative, tidy};
use crate::text::prose::join_lines;
use serde::Serialize;

/// What the body did with the item.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Outcome {
    /// The body approved the funding.
    Approved,
    /// The body decided against it.
    Rejected,
    /// The item was left on the table.
    Tabled,
    /// Only a proposal is recorded.
    Proposal,
}

/// Everything a co-funding decision says (personal data excluded).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Decision {
    /// The municipality that decides.
    pub municipality: Option<String>,
    /// The deciding body (`Hyvinvoinnin edistämisen lautakunta`).
    pub decision_body: Option<String>,
    /// The organisation that applied, nominative.
    pub applicant: Option<String>,
    /// The project's name.
    pub project_name: Option<String>,
    /// The municipal share applied for or granted.
    pub amount_eur: Option<Euros>,
    /// The project period the decision names.
    pub period: Option<Period>,
    /// True only when the body took the decision.
    pub decided: bool,
    /// What the body did.
    pub outcome: Option<Outcome>,
    /// The code of the card in the same run that this decision funds.
    pub matches_code: Option<String>,
}

/// Heads of the names of deciding bodies.
const BODY_HEADS: &[&str] = &[
    "lautakunta",
    "kaupunginhallitus",
    "kunnanhallitus",
    "kaupunginvaltuusto",
    "kunnanvaltuusto",
    "jaosto",
    "johtokunta",
    "toimikunta",
    "yhtymähallitus",
    "hallitus",
    "valtuusto",
];

/// [`BODY_HEADS`] folded, made once per process: every word of a decision is compared with them.
fn folded_heads() -> &'static [String] {
    static HEADS: std::sync::OnceLock<Vec<String>> = std::sync::OnceLock::new();
    HEADS.get_or_init(|| BODY_HEADS.iter().map(|h| fold(h)).collect())
}

/// True when the lines look like a co-funding decision.
pub fn looks_like(text: &str) -> bool {
    // minutes have a proposal or decision line, or an application sentence
    let has_minutes_line = text.lines().any(|l| {
        let first: String =
            fold(l.trim_start_matches(|c: char| c == '-' || c == '*' || c.is_whitespace()))
                .chars()
                .take_while(|c| c.is_alphabetic())
                .collect();
        matches!(
            first.as_str(),
            "esitys" | "paatosehdotus" | "paatos" | "ehdotus" | "muutosehdotus"
        )
    });
    // "<applicant> hakee 12.923 euron kuntarahoitusosuutta": a real amount right after the verb
    let applies = find_fuzzy(text, "hakee ", 0).is_some_and(|(_, e)| {
        find_amounts(&text[e..])
            .first()
            .is_some_and(|a| a.start == 0 && a.has_currency)
    });
    if !(has_minutes_line || applies) {
        return false;
    }
    let f = fold(text);
    let funding =
        f.contains("kuntarahoitusosuu") || f.contains("kuntaosuu") || f.contains("avustus");
    let body = folded_heads().iter().any(|h| f.contains(h.as_str()));
    let minutes = f.contains("paatos") || f.contains("esitys") || f.contains("ehdotus");
    funding && (body || minutes) || body && minutes && f.contains("hanke")
}

/// A body's name is a common noun: lowercase, as in running text, unless it starts with an
/// acronym.
fn uncapitalise(s: &str) -> String {
    let mut cs = s.chars();
    match (cs.next(), cs.next()) {
        (Some(_), Some(b)) if b.is_uppercase() => s.to_owned(),
        (Some(a), _) => a.to_lowercase().chain(s.chars().skip(1)).collect(),
        _ => String::new(),
    }
}

/// The deciding body: the longest `<attributes> <head>` phrase in the text.
fn decision_body(text: &str) -> Option<String> {
    let mut best: Option<String> = None;
    for line in text.lines() {
        let words: Vec<&str> = line.split_whitespace().collect();
        for (i, w) in words.iter().enumerate() {
            let trimmed = w.trim_matches(|c: char| !c.is_alphanumeric());
            // every head has six letters or more, and folding keeps the number of letters
            if trimmed.len() < 6 {
                continue;
            }
            let wf = fold(trimmed);
            // the head may be inflected ("lautakunnalle"): the phrase keeps the word as written
            if !folded_heads().iter().any(|h| wf.ends_with(h.as_str())) {
                continue;
            }
            // attributes: genitives before the head, back to the phrase's capitalised first word
            let mut k = i;
            while k > 0 && i - k < 4 {
                let prev = words[k - 1].trim_matches(|c: char| !c.is_alphanumeric() && c != '-');
                if prev.is_empty()
                    || !prev.ends_with('n')
                    || !prev.chars().all(|c| c.is_alphabetic() || c == '-')
                {
                    break;
                }
                k -= 1;
                if prev.starts_with(char::is_uppercase) {
                    break;
                }
            }
            // a suspended compound: "Sosiaali- ja terveyslautakunta"
            if k == i && i >= 2 && words[i - 1] == "ja" && words[i - 2].ends_with('-') {
                k = i - 2;
            }
            let mut phrase: Vec<&str> = words[k..i].to_vec();
            phrase.push(trimmed);
            if !phrase[0].starts_with(char::is_uppercase) && k > 0 {
                continue;
            }
            let candidate = uncapitalise(&phrase.join(" "));
            if best.as_ref().is_none_or(|b| candidate.len() > b.len()) {
                best = Some(candidate);
            }
        }
    }
    best
}

/// The municipality: `<genitive> kaupunki/kunta`, else a locative in the title, else the first
/// municipality named in any case.
fn municipality(title: &str, text: &str) -> Option<String> {
    // some 300 municipalities in several forms each: index the text's word starts once
    let (in_text, in_title) = (WordStarts::new(text), WordStarts::new(title));
    // the shipped list is read once per process: every decision searches it
    static MUNICIPALITIES: std::sync::OnceLock<Vec<(&str, &str, &str)>> =
        std::sync::OnceLock::new();
    let munis = MUNICIPALITIES.get_or_init(|| municipalities().collect());
    for (name, gen, _) in munis {
        // the genitive begins every form looked for: most municipalities are not in the text
        if in_text.find(gen).is_none() {
            continue;
        }
        for head in [" kaupun", " kunta", " kunnan", " kunnal", " kaupung"] {
            if in_text.find(&format!("{gen}{head}")).is_some() {
                return Some((*name).to_owned());
            }
        }
    }
    for (name, _, loc) in munis {
        if in_title
            .find(loc)
            .is_some_and(|(_, e)| !title[e..].starts_with(char::is_alphabetic))
        {
            return Some((*name).to_owned());
        }
    }
    let mut first: Option<(usize, &str)> = None;
    for (name, gen, loc) in munis {
        for form in [name, gen, loc] {
            if let Some((a, e)) = in_text.find(form) {
                if !text[e..].starts_with(char::is_alphabetic) && first.is_none_or(|(b, _)| a < b) {
                    first = Some((a, name));
                }
            }
        }
    }
    first.map(|(_, n)| n.to_owned())
}

/// `<applicant> hakee …`: the words before `hakee`, back to the sentence start.
fn applicant(text: &str, title: &str) -> Option<String> {
    for line in text.lines() {
        if let Some((start, _)) = find_fuzzy(line, "hakee ", 0) {
            let before = line[..start].trim();
            let sentence_start = before.rfind(". ").map_or(0, |i| i + 2);
            let a = tidy(&before[sentence_start..]);
            if !a.is_empty() && a.starts_with(char::is_uppercase) {
                return Some(nominative(&a));
            }
        }
    }
    title.rsplit_once(" / ").map(|(_, a)| nominative(a))
}

/// Words that introduce the project's name: `… kuntarahoitusosuutta <name>-hankkeelle`.
const BEFORE_NAME: &[&str] = &[
    "kuntarahoitusosuutta ",
    "kuntarahoitusosuuden ",
    "rahoitusosuutta ",
    "rahoitusosuuden ",
    "avustusta ",
    "avustuksen ",
    "rahoitusta ",
];

/// Leading words of a title that are not part of the project's name.
const TITLE_WORDS: &[&str] = &[
    "kuntarahoitusosuus",
    "kuntarahoitus",
    "rahoitusosuus",
    "rahoitus",
    "avustus",
];

/// The project's name, from `<name>-hankkeelle` / `<name> -hankkeelle`: first where the amount
/// applied for introduces it, else anywhere.
fn project_name(text: &str) -> Option<String> {
    let (introduced, other): (Vec<&str>, Vec<&str>) = text
        .lines()
        .partition(|l| BEFORE_NAME.iter().any(|n| find_fuzzy(l, n, 0).is_some()));
    for line in introduced.into_iter().chain(other) {
        let Some((h, _)) = ["hankkeelle", "hankkeeseen", "hankkeen"]
            .iter()
            .find_map(|n| find_hanke_suffix(line, n))
        else {
            continue;
        };
        let before = line[..h].trim_end_matches(['-', ' ', '”', '"']);
        let from = BEFORE_NAME
            .iter()
            .filter_map(|n| find_fuzzy(before, n, 0).map(|(_, e)| e))
            .max();
        let name = match from {
            Some(e) => tidy(&before[e..]),
            None => {
                // the run of capitalised words before the suffix
                let words: Vec<&str> = before.split_whitespace().collect();
                let mut k = words
                    .iter()
                    .rposition(|w| !w.starts_with(char::is_uppercase))
                    .map_or(0, |p| p + 1);
                while k < words.len() && TITLE_WORDS.contains(&fold(words[k]).as_str()) {
                    k += 1;
                }
                tidy(&words[k..].join(" "))
            }
        };
        let name = name.trim_matches(['”', '"', '“']).to_owned();
        if !name.is_empty() {
            return Some(name);
        }
    }
    None
}

/// Finds `-hankkeelle` glued to a name (`Pömpeli-hankkeelle`) or after ` -`.
fn find_hanke_suffix(line: &str, suffix: &str) -> Option<(usize, usize)> {
    let mut from = 0;
    while let Some(i) = line[from..].find('-') {
        let at = from + i + 1;
        if let Some(e) = match_at(line, at, suffix) {
            if !line[e..].starts_with(char::is_alphabetic) {
                return Some((from + i, e));
            }
        }
        from = at;
    }
    None
}

/// What the body did: the `Päätös` line decides; a tabling anywhere wins.
fn outcome(text: &str) -> Outcome {
    let f = fold(text);
    if f.contains("poydalle") {
        return Outcome::Tabled;
    }
    for line in f.lines() {
        let l = line.trim_start_matches(|c: char| c == '-' || c == '*' || c.is_whitespace());
        let first: String = l.chars().take_while(|c| c.is_alphabetic()).collect();
        if first != "paatos" {
            continue;
        }
        let rest = &l[first.len()..];
        if [
            "hylkasi",
            "hylattiin",
            "ei hyvaksynyt",
            "ei myontanyt",
            "raukesi",
        ]
        .iter()
        .any(|n| rest.contains(n))
        {
            return Outcome::Rejected;
        }
        if ["palautettiin", "poistettiin"]
            .iter()
            .any(|n| rest.contains(n))
        {
            return Outcome::Tabled;
        }
        if [
            "hyvaksyi",
            "hyvaksyttiin",
            "paatti",
            "paatettiin",
            "myonsi",
            "myonnettiin",
            "esityksen mukaan",
            "ehdotuksen mukaan",
        ]
        .iter()
        .any(|n| rest.contains(n))
        {
            return Outcome::Approved;
        }
    }
    Outcome::Proposal
}

/// Parses a decision from its lines.
pub fn parse(lines: &Lines, lex: &Lexicon) -> (Decision, Vec<Warning>) {
    let raw: Vec<&str> = lines.lines.iter().map(|l| l.text.as_str()).collect();
    let text = lex.restore_text(&raw.join("\n"));
    let title = text.lines().next().unwrap_or("").to_owned();
    let mut warnings = Vec::new();
    let mut d = Decision {
        municipality: municipality(&title, &text),
        decision_body: decision_body(&text),
        applicant: applicant(&text, &title),
        project_name: project_name(&text),
        ..Decision::default()
    };
    // the amount applied for, else the first amount in euros
    let amounts = find_amounts(&text);
    let applied = find_fuzzy(&text, "hakee ", 0)
        .and_then(|(_, e)| amounts.iter().find(|a| a.start >= e && a.has_currency));
    d.amount_eur = applied
        .or_else(|| amounts.iter().find(|a| a.has_currency))
        .map(|a| a.value);
    d.period = find_periods(&join_lines(&text)).first().map(|p| p.period);
    let o = outcome(&text);
    d.decided = matches!(o, Outcome::Approved | Outcome::Rejected);
    d.outcome = Some(o);
    for (field, missing) in [
        ("municipality", d.municipality.is_none()),
        ("decision_body", d.decision_body.is_none()),
        ("applicant", d.applicant.is_none()),
        ("project_name", d.project_name.is_none()),
        ("amount_eur", d.amount_eur.is_none()),
        ("period", d.period.is_none()),
    ] {
        if missing {
            warnings.push(Warning::new(
                "missing-field",
                format!("decision: {field} not found"),
            ));
        }
    }
    (d, warnings)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bodies() {
        assert_eq!(
            decision_body("Esitys\nHyvinvoinnin edistämisen lautakunta päättää 12.923 euron osuudesta.\nPäätös Lautakunta hyväksyi.").as_deref(),
            Some("hyvinvoinnin edistämisen lautakunta")
        );
        assert_eq!(
            decision_body("Kaupunginhallitus päätti.").as_deref(),
            Some("kaupunginhallitus")
        );
        assert_eq!(
            decision_body("Sosiaali- ja terveyslautakunta myöntää").as_deref(),
            Some("sosiaali- ja terveyslautakunta")
        );
    }

    #[test]
    fn outcomes() {
        assert_eq!(
            outcome(
                "Esitys\n- Päätösehdotus** X\n- Päätös** Lautakunta hyväksyi päätösehdotuksen."
            ),
            Outcome::Approved
        );
        assert_eq!(
            outcome("Esitys\n- Päätösehdotus** Lautakunta hyväksyy."),
            Outcome::Proposal
        );
        assert_eq!(outcome("Päätös\nAsia jätettiin pöydälle."), Outcome::Tabled);
        assert_eq!(
            outcome("- Päätös** Kaupunginhallitus hylkäsi esityksen."),
            Outcome::Rejected
        );
    }

    #[test]
    fn names() {
        let t = "Yhdistys ry hakee 12.923 euron kuntarahoitusosuutta Petosen Pömpeli-hankkeelle 2.1.-31.12.2017.";
        assert_eq!(project_name(t).as_deref(), Some("Petosen Pömpeli"));
        assert_eq!(applicant(t, "").as_deref(), Some("Yhdistys ry"));
        let t =
            "X ry hakee 5 000 euron kuntarahoitusosuutta Mennään yhdessä eteenpäin -hankkeelle.";
        assert_eq!(
            project_name(t).as_deref(),
            Some("Mennään yhdessä eteenpäin")
        );
    }
}
