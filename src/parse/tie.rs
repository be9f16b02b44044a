//! Tying the documents of a run together: organisation names put in the form the run uses
//! elsewhere, and each decision matched to the card of the project it funds.
//!
//! Both steps read the whole run but keep only what they need of it: distinct organisation
//! names, and a few keys per card. They are split into gathering ([`OrgNames::add`],
//! [`Matcher::add_card`]) and applying ([`OrgNames::apply`], [`Matcher::find`] with
//! [`apply_match`]), so that a run too large to hold its documents can gather from them in one
//! pass and apply to them in another (`parse::FileRun`), with the result that holding them
//! gives.

use crate::document::{Document, Warning};
use crate::text::date::{Date, Period};
use crate::text::fold::name_key;
use std::collections::HashMap;
use std::sync::OnceLock;

/// Legal-form suffixes that may be left out when a name is inflected in prose.
pub(super) const LEGAL_FORMS: &[&str] = &["ry", "r.y.", "rf", "oy", "ab", "sr"];

/// The keys of [`LEGAL_FORMS`].
fn legal_form_keys() -> &'static [String] {
    static KEYS: OnceLock<Vec<String>> = OnceLock::new();
    KEYS.get_or_init(|| LEGAL_FORMS.iter().map(|lf| name_key(lf)).collect())
}

/// Pushes `name` unless it is there already: first appearances, in order.
fn push_distinct(names: &mut Vec<String>, name: &str) {
    if !names.iter().any(|n| n == name) {
        names.push(name.to_owned());
    }
}

/// The organisation names of a run, for putting a name without its legal form (`…
/// asukasyhdistys`, read from `… asukasyhdistyksen`) in its full form (`… asukasyhdistys ry`)
/// when exactly one such full form occurs in the run, and a decision's applicant in the form
/// the cards use.
#[derive(Debug, Default)]
pub struct OrgNames {
    /// Full names (with their keys) by their key without the legal form: `… asukasyhdistys ry`
    /// under `… asukasyhdistys`; distinct, in the order of the run.
    full: HashMap<String, Vec<(String, String)>>,
    /// The cards' implementer names by key; distinct, in the order of the run.
    implementers: HashMap<String, Vec<String>>,
}

impl OrgNames {
    /// Adds the names of one document; documents are added in the order of the run.
    pub fn add(&mut self, doc: &Document) {
        if let Some(c) = &doc.card {
            for (n, i) in c
                .implementers
                .iter()
                .map(|n| (n, true))
                .chain(c.continued_by_organisations.iter().map(|n| (n, false)))
            {
                let key = self.add_full(n);
                if i {
                    push_distinct(self.implementers.entry(key).or_default(), n);
                }
            }
        }
        if let Some(x) = doc.decision.as_ref().and_then(|x| x.applicant.as_deref()) {
            self.add_full(x);
        }
    }

    /// Adds a name to the full names when it ends in a legal form; returns its key.
    fn add_full(&mut self, name: &str) -> String {
        let key = name_key(name);
        for lf in legal_form_keys() {
            if let Some(stripped) = key
                .strip_suffix(lf.as_str())
                .and_then(|k| k.strip_suffix(' '))
            {
                let forms = self.full.entry(stripped.to_owned()).or_default();
                if !forms.iter().any(|(n, _)| n == name) {
                    forms.push((name.to_owned(), key.clone()));
                }
            }
        }
        key
    }

    /// The full form of a name by the name's key, when the run has exactly one (or several
    /// spellings of one), with its key.
    fn fix_key(&self, key: &str) -> Option<(&str, &str)> {
        match self.full.get(key)?.as_slice() {
            [(one, one_key)] => Some((one, one_key)),
            [(one, one_key), rest @ ..] if rest.iter().all(|(_, k)| k == one_key) => {
                Some((one, one_key))
            }
            _ => None,
        }
    }

    /// The key of the name that [`OrgNames::apply`] makes of a name with key `key`.
    pub fn fixed_key(&self, key: &str) -> String {
        self.fix_key(key)
            .map_or_else(|| key.to_owned(), |(_, k)| k.to_owned())
    }

    /// Puts the organisation names of one document in the run's form.
    pub fn apply(&self, doc: &mut Document) {
        if let Some(c) = &mut doc.card {
            for n in c
                .implementers
                .iter_mut()
                .chain(c.continued_by_organisations.iter_mut())
            {
                if let Some((f, _)) = self.fix_key(&name_key(n)) {
                    *n = f.to_owned();
                }
            }
        }
        if let Some(a) = doc.decision.as_mut().and_then(|x| x.applicant.as_mut()) {
            if let Some((f, _)) = self.fix_key(&name_key(a)) {
                *a = f.to_owned();
            }
            // a decision names the applicant as the cards do, when they name it alike
            if let Some(card_form) = self
                .implementers
                .get(&name_key(a))
                .and_then(|forms| forms.iter().find(|i| *i != a))
            {
                *a = card_form.clone();
            }
        }
    }
}

/// What matching needs of a card: its code, the key of its name and of its implementers, its
/// period.
#[derive(Clone, Debug)]
pub struct CardKeys {
    code: String,
    name: String,
    implementers: Vec<String>,
    start: Option<Date>,
    end: Option<Date>,
}

impl CardKeys {
    /// The keys of a card with a code; `None` for other documents.
    pub fn of(doc: &Document) -> Option<Self> {
        let c = doc.card.as_ref()?;
        Some(CardKeys {
            code: c.code.clone()?,
            name: c.name.as_deref().map(name_key).unwrap_or_default(),
            implementers: c.implementers.iter().map(|n| name_key(n)).collect(),
            start: c.start,
            end: c.end,
        })
    }
}

/// Ties each decision to the card in the run that it funds, through project name, applicant and
/// period. A decision that names its project needs a card of that name plus the applicant or an
/// overlapping period; one that does not needs both the applicant and the period. An exact name
/// outranks a name that merely starts with it. A tie is no match.
#[derive(Debug, Default)]
pub struct Matcher {
    cards: Vec<CardKeys>,
    /// Cards by their name's key and by each run of its first words.
    by_name_prefix: HashMap<String, Vec<usize>>,
    /// Cards by the keys of their implementers.
    by_implementer: HashMap<String, Vec<usize>>,
}

/// What [`Matcher::find`] found for a decision.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Match {
    /// No card fits.
    None,
    /// The code of the one card that fits best.
    Card(String),
    /// Several cards fit equally well.
    Ambiguous,
}

impl Matcher {
    /// Adds a card of the run (in the run's order), its organisation names already in the run's
    /// form; `names` gives the keys of that form when they are not ([`OrgNames::fixed_key`]).
    pub fn add_card(&mut self, doc: &Document, names: Option<&OrgNames>) {
        if let Some(keys) = CardKeys::of(doc) {
            self.add(keys, names);
        }
    }

    /// Adds a card by its keys, as [`Matcher::add_card`] does.
    pub fn add(&mut self, mut keys: CardKeys, names: Option<&OrgNames>) {
        if let Some(names) = names {
            for k in &mut keys.implementers {
                *k = names.fixed_key(k);
            }
        }
        let i = self.cards.len();
        let name = &keys.name;
        for (end, _) in name.match_indices(' ').chain([(name.len(), "")]) {
            self.by_name_prefix
                .entry(name[..end].to_owned())
                .or_default()
                .push(i);
        }
        for imp in &keys.implementers {
            self.by_implementer.entry(imp.clone()).or_default().push(i);
        }
        self.cards.push(keys);
    }

    /// The card a decision funds. Only cards that can fit are looked at: those whose name is the
    /// decision's name or its first words or starts with it, or, for a decision without a name,
    /// those of its applicant.
    pub fn find(&self, doc: &Document) -> Match {
        let Some(x) = &doc.decision else {
            return Match::None;
        };
        let name = x.project_name.as_deref().map(name_key);
        let applicant = x.applicant.as_deref().map(name_key);
        let mut candidates: Vec<usize> = match (&name, &applicant) {
            (Some(n), _) => {
                // cards named n or n and more words, and cards named by n's first words
                let mut c = self
                    .by_name_prefix
                    .get(n.as_str())
                    .cloned()
                    .unwrap_or_default();
                for (end, _) in n.match_indices(' ') {
                    if let Some(shorter) = self.by_name_prefix.get(&n[..end]) {
                        c.extend(shorter.iter().filter(|&&i| self.cards[i].name.len() == end));
                    }
                }
                c
            }
            (None, Some(a)) => self
                .by_implementer
                .get(a.as_str())
                .cloned()
                .unwrap_or_default(),
            (None, None) => Vec::new(),
        };
        candidates.sort_unstable();
        candidates.dedup();
        let mut best: Vec<(u32, &str)> = Vec::new();
        for card in candidates.iter().filter_map(|&i| self.cards.get(i)) {
            let name_ok = name
                .as_ref()
                .is_some_and(|n| same_project_name(n, &card.name));
            let app_ok = applicant
                .as_ref()
                .is_some_and(|a| card.implementers.iter().any(|i| i == a));
            let period_ok = x
                .period
                .as_ref()
                .is_some_and(|p| overlaps(p, card.start, card.end));
            let name_exact = name.as_ref().is_some_and(|n| *n == card.name);
            let score = match_score(name.is_some(), name_exact, name_ok, app_ok, period_ok);
            if let Some(score) = score {
                best.push((score, &card.code));
            }
        }
        best.sort_by_key(|b| std::cmp::Reverse(b.0));
        // two cards of one project (a re-issued card) are one match
        best.dedup_by(|b, a| a.1 == b.1);
        match best.as_slice() {
            [] => Match::None,
            [one] => Match::Card(one.1.to_owned()),
            [a, b, ..] if a.0 > b.0 => Match::Card(a.1.to_owned()),
            _ => Match::Ambiguous,
        }
    }
}

/// Writes what [`Matcher::find`] found into a decision.
pub fn apply_match(doc: &mut Document, found: Match) {
    let Some(x) = &mut doc.decision else { return };
    x.matches_code = match found {
        Match::Card(code) => Some(code),
        Match::None => None,
        Match::Ambiguous => {
            doc.warnings.push(Warning::new(
                "ambiguous-match",
                "the decision fits more than one card equally well".into(),
            ));
            None
        }
    };
}

fn overlaps(p: &Period, start: Option<Date>, end: Option<Date>) -> bool {
    match (start, end) {
        (Some(s), Some(e)) => p.start <= e && s <= p.end,
        _ => false,
    }
}

/// How well a card fits a decision, or `None` when it does not: a decision that names its
/// project matches only a card of that name (and of its applicant or period), one that does not
/// needs both applicant and period. The exact name beats a longer one that starts with it
/// (`Silta Juuka` is not `Silta Juuka II`, its successor, run by the same applicant at an
/// overlapping time).
pub(super) fn match_score(
    named: bool,
    name_exact: bool,
    name_ok: bool,
    app_ok: bool,
    period_ok: bool,
) -> Option<u32> {
    let fits = if named {
        name_ok && (app_ok || period_ok)
    } else {
        app_ok && period_ok
    };
    fits.then(|| {
        u32::from(name_exact) * 4
            + u32::from(name_ok) * 2
            + u32::from(app_ok)
            + u32::from(period_ok)
    })
}

/// True when two name keys name one project: equal, or one the other's first words
/// (`petosen pompeli` and `petosen pompeli hanke`).
pub(super) fn same_project_name(a: &str, b: &str) -> bool {
    if a.is_empty() || b.is_empty() {
        return false;
    }
    a == b
        || (a.split(' ').count() >= 2 && b.starts_with(&format!("{a} ")))
        || (b.split(' ').count() >= 2 && a.starts_with(&format!("{b} ")))
}

/// Both steps over documents held in memory: names first, then matches.
pub fn tie(docs: &mut [Document]) {
    let mut names = OrgNames::default();
    for d in docs.iter() {
        names.add(d);
    }
    for d in docs.iter_mut() {
        names.apply(d);
    }
    let mut matcher = Matcher::default();
    for d in docs.iter() {
        matcher.add_card(d, None);
    }
    for d in docs.iter_mut() {
        if d.decision.is_some() {
            let found = matcher.find(d);
            apply_match(d, found);
        }
    }
}
