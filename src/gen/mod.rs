//! Synthetic corpora with known truth, for accuracy checks and benchmarks at any size.
//!
//! [`generate`] writes `count` project cards (and co-funding decisions for some of them) in the
//! style of the real Hankekortti cards, deterministically for a seed:
//!
//! * lineage of realistic shapes: single projects, chains of two to four, a predecessor with
//!   two or three successors; some successors are only named (no card of their own);
//! * organisations drawn from a shared pool, so that they recur across projects and families,
//!   named in the nominative in the implementer field and inflected (`… ry:n`) in the prose;
//! * the damage real inputs carry ([`damage`]), at a chosen rate, one to three kinds per card.
//!
//! Beside the documents it gives the truth in the `parse` contract (the format of
//! `data/truth.json`), and [`accuracy`] compares a parse of the corpus with it field by field.

pub mod damage;

use crate::text::lexicon::municipalities;
use damage::Rng;
use serde_json::{json, Value};
use std::collections::BTreeMap;

/// The fields of the parse contract that a card's truth gives (`data/truth.json`, `gen`).
pub const CARD_FIELDS: &[&str] = &[
    "kind",
    "code",
    "name",
    "start",
    "end",
    "funder",
    "funding_eur",
    "implementers",
    "target_groups",
    "predecessors",
    "successors",
    "related_projects",
    "continued_by_organisations",
    "links",
];

/// The fields of the parse contract that a decision's truth gives.
pub const DECISION_FIELDS: &[&str] = &[
    "kind",
    "municipality",
    "decision_body",
    "applicant",
    "project_name",
    "amount_eur",
    "period",
    "decided",
    "matches_code",
];

/// The largest corpus: project codes are `S` and five digits, from S10000.
pub const MAX_COUNT: usize = 89_999;

/// What to generate.
#[derive(Clone, Debug, PartialEq)]
pub struct Options {
    /// Number of project cards.
    pub count: usize,
    /// The seed: the same seed gives the same bytes.
    pub seed: u64,
    /// Share of cards that carry damage (0–1).
    pub damage_rate: f64,
    /// Co-funding decisions per 100 cards.
    pub decisions_per_100: usize,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            count: 100,
            seed: 1,
            damage_rate: 0.3,
            decisions_per_100: 10,
        }
    }
}

/// One generated document.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct File {
    /// Its path in the corpus, e.g. `cards/S10000.txt`.
    pub path: String,
    /// Its bytes, damage included.
    pub bytes: Vec<u8>,
}

/// A generated corpus.
#[derive(Clone, Debug, PartialEq)]
pub struct Corpus {
    /// The documents.
    pub files: Vec<File>,
    /// The truth, one object per document (`file` plus the fields of the parse contract).
    pub truth: Vec<Value>,
}

impl Corpus {
    /// The documents as parser inputs, named by their paths in the corpus.
    pub fn inputs(&self) -> Vec<crate::parse::Input> {
        self.files
            .iter()
            .map(|f| crate::parse::Input {
                file: f.path.clone(),
                bytes: f.bytes.clone(),
            })
            .collect()
    }

    /// The text of each document, its bytes read as UTF-8 (what does not fit replaced): the
    /// texts that tests run text functions over.
    pub fn texts(&self) -> Vec<String> {
        self.files
            .iter()
            .map(|f| String::from_utf8_lossy(&f.bytes).into_owned())
            .collect()
    }
}

const FUNDERS: &[&str] = &[
    "Etelä-Savon ELY-keskus",
    "Pohjois-Savon ELY-keskus",
    "Pohjois-Pohjanmaan ELY-keskus",
    "Keski-Suomen ELY-keskus",
    "Uudenmaan ELY-keskus",
    "Hämeen ELY-keskus",
    "Lapin ELY-keskus",
    "Varsinais-Suomen ELY-keskus",
    "Pirkanmaan ELY-keskus",
    "Kaakkois-Suomen ELY-keskus",
];

const NAME_WORDS: &[&str] = &[
    "Askel",
    "Polku",
    "Kohtaamo",
    "Tupa",
    "Silta",
    "Verkosto",
    "Olohuone",
    "Paja",
    "Voimaa",
    "Yhdessä",
    "Arjen",
    "Kylä",
    "Osallisuutta",
    "Tuki",
    "Pysäkki",
    "Kompassi",
];

const ORG_KINDS: &[&str] = &[
    "Askeltupa ry",
    "Setlementti ry",
    "Kylätuvat ry",
    "Nuorisoseura ry",
    "Mielenterveysyhdistys ry",
    "Työttömät ry",
    "Vertaistuki ry",
    "Asukasyhdistys ry",
];

const TARGET_GROUPS: &[&str] = &[
    "Pitkäaikaistyöttömät",
    "nuoret aikuiset",
    "maahanmuuttajat",
    "päihdekuntoutujat",
    "yksin asuvat työikäiset",
    "ikääntyvät työttömät",
    "mielenterveyskuntoutujat",
    "lapsiperheet",
];

/// A project of the generated world.
#[derive(Clone, Debug)]
struct Project {
    code: String,
    name: String,
    start: (i32, u32),
    months: u32,
    funder: &'static str,
    euros: i64,
    implementers: Vec<String>,
    target_groups: Vec<&'static str>,
    predecessors: Vec<usize>,
    successors: Vec<usize>,
    has_card: bool,
    place: (&'static str, &'static str, &'static str),
}

fn days_in_month(y: i32, m: u32) -> u32 {
    match m {
        4 | 6 | 9 | 11 => 30,
        2 if (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 => 29,
        2 => 28,
        _ => 31,
    }
}

/// (year, month) `k` months after `(y, m)`.
fn add_months((y, m): (i32, u32), k: u32) -> (i32, u32) {
    let total = i64::from(y) * 12 + i64::from(m) - 1 + i64::from(k);
    (
        i32::try_from(total.div_euclid(12)).unwrap_or(y),
        u32::try_from(total.rem_euclid(12)).unwrap_or(0) + 1,
    )
}

impl Project {
    fn end(&self) -> (i32, u32, u32) {
        let (y, m) = add_months(self.start, self.months - 1);
        (y, m, days_in_month(y, m))
    }
}

/// `61 386 €`.
fn euros_text(e: i64) -> String {
    let digits = e.to_string();
    let mut s = String::new();
    for (i, ch) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            s.push(' ');
        }
        s.push(ch);
    }
    s
}

fn register(code: &str) -> String {
    format!("https://www.eura2014.fi/rrtiepa/projekti.php?projektikoodi={code}")
}

/// `A, B ja C`.
fn finnish_list(items: &[&str]) -> String {
    match items {
        [] => String::new(),
        [one] => (*one).to_owned(),
        [init @ .., last] => format!("{} ja {last}", init.join(", ")),
    }
}

/// Builds the world: projects, their families and organisations.
fn world(opts: &Options, rng: &mut Rng) -> Vec<Project> {
    let places: Vec<(&'static str, &'static str, &'static str)> = municipalities().collect();
    let place_count = places.len().max(1);
    // an organisation pool a fifth the size of the corpus, so that they recur
    let pool: Vec<String> = (0..(opts.count / 5).max(8))
        .map(|i| {
            let (_, gen, _) =
                places
                    .get(i % place_count)
                    .copied()
                    .unwrap_or(("Kuopio", "Kuopion", "Kuopiossa"));
            format!("{gen} {}", ORG_KINDS[(i / place_count) % ORG_KINDS.len()])
        })
        .collect();
    let mut projects: Vec<Project> = Vec::with_capacity(opts.count);
    let next_family_root = |rng: &mut Rng, projects: &mut Vec<Project>| -> usize {
        let place = places.get(rng.below(place_count)).copied().unwrap_or((
            "Kuopio",
            "Kuopion",
            "Kuopiossa",
        ));
        let i = projects.len();
        projects.push(Project {
            code: format!("S{}", 10_000 + i),
            name: String::new(),
            start: (
                2015 + i32::try_from(rng.below(4)).unwrap_or(0),
                1 + u32::try_from(rng.below(12)).unwrap_or(0),
            ),
            months: 12 + u32::try_from(rng.below(25)).unwrap_or(0),
            funder: FUNDERS[rng.below(FUNDERS.len())],
            euros: 40_000
                + i64::try_from(rng.below(400)).unwrap_or(0) * 1_000
                + i64::try_from(rng.below(1000)).unwrap_or(0),
            implementers: {
                let mut v = vec![pool[rng.below(pool.len())].clone()];
                if rng.chance(3, 10) {
                    let other = pool[rng.below(pool.len())].clone();
                    if !v.contains(&other) {
                        v.push(other);
                    }
                }
                v
            },
            target_groups: {
                let mut v: Vec<&'static str> = Vec::new();
                for _ in 0..1 + rng.below(3) {
                    let t = rng.pick(TARGET_GROUPS).unwrap_or("Pitkäaikaistyöttömät");
                    if !v.contains(&t) {
                        v.push(t);
                    }
                }
                v
            },
            predecessors: Vec::new(),
            successors: Vec::new(),
            has_card: true,
            place,
        });
        i
    };
    while projects.len() < opts.count {
        let root = next_family_root(rng, &mut projects);
        let shape = rng.below(100);
        let mut frontier = vec![root];
        // 55 % single; 25 % a chain of 2–4; 20 % a predecessor with 2–3 successors
        let extra = if shape < 55 {
            0
        } else if shape < 80 {
            1 + rng.below(3)
        } else {
            2 + rng.below(2)
        };
        let branching = shape >= 80;
        for _ in 0..extra {
            if projects.len() >= opts.count {
                break;
            }
            let parent = if branching {
                root
            } else {
                frontier.last().copied().unwrap_or(root)
            };
            let s = next_family_root(rng, &mut projects);
            let (pred_start, pred_months) = (projects[parent].start, projects[parent].months);
            let overlap = u32::try_from(rng.below(4)).unwrap_or(0);
            projects[s].start = add_months(pred_start, pred_months.saturating_sub(overlap).max(1));
            // the successor keeps the work with the same organisation, usually
            if rng.chance(8, 10) {
                projects[s].implementers = projects[parent].implementers.clone();
            }
            projects[s].place = projects[parent].place;
            projects[s].predecessors.push(parent);
            projects[parent].successors.push(s);
            frontier.push(s);
        }
        // the last of a family is sometimes only named, without a card of its own
        if frontier.len() > 1 && rng.chance(15, 100) {
            if let Some(&last) = frontier.last() {
                projects[last].has_card = false;
            }
        }
    }
    // names, unique in the corpus (a decision is matched to its card by name): a successor
    // often takes its predecessor's name with "II"; a name taken gets a letter (no digits, which
    // would read as amounts or codes)
    let mut taken: std::collections::BTreeSet<String> = std::collections::BTreeSet::new();
    for i in 0..projects.len() {
        let word = rng.pick(NAME_WORDS).unwrap_or("Polku");
        let (place, _, _) = projects[i].place;
        let base = match projects[i].predecessors.first() {
            Some(&p) if rng.chance(1, 2) => format!("{} II", projects[p].name),
            _ => format!("{word} {place}"),
        };
        let mut name = base.clone();
        let mut n = 0usize;
        while taken.contains(&name) {
            n += 1;
            name = format!("{base} {}", letters(n));
        }
        taken.insert(name.clone());
        projects[i].name = name;
    }
    projects
}

/// 1 → `B`, 2 → `C`, …, 25 → `Z`, 26 → `BA`: a letter suffix.
fn letters(mut n: usize) -> String {
    let mut s = Vec::new();
    loop {
        s.push(char::from(b'A' + u8::try_from(n % 26).unwrap_or(0)));
        n /= 26;
        if n == 0 {
            break;
        }
    }
    s.iter().rev().collect()
}

fn card_text(projects: &[Project], p: &Project) -> String {
    let (ey, em, ed) = p.end();
    let (sy, sm) = p.start;
    let mut background = format!(
        "{} alueella tarvittiin matalan kynnyksen toimintaa, johon voi tulla ilman lähetettä.",
        p.place.1
    );
    for &q in &p.predecessors {
        background.push_str(&format!(
            "\nHanke on jatkoa {}-hankkeelle ({}).",
            projects[q].name, projects[q].code
        ));
    }
    let mut dissemination =
        String::from("Toimintamalli kuvattiin ja sitä esiteltiin alueen toimijoille.");
    if !p.successors.is_empty() {
        let named: Vec<String> = p
            .successors
            .iter()
            .map(|&s| format!("{} ({})", projects[s].name, projects[s].code))
            .collect();
        let names: Vec<&str> = named.iter().map(String::as_str).collect();
        dissemination.push_str(&format!(
            "\nToimintaa jatketaan hankkeissa {}.",
            finnish_list(&names)
        ));
    }
    let org = p.implementers.first().map(String::as_str).unwrap_or("");
    let links = links(projects, p);
    format!(
        "Hankekortti, Euroopan sosiaalirahaston toimintalinja 5\n\
         Koonnut Sosiaalisen osallisuuden edistämisen koordinaatiohanke – Sokra, marraskuu 2019\n\n\
         {code}, {name}\n\n\
         Hankkeen nimi, S-numero ja toteutusaika\n\
         {code}, {name}, 1.{sm}.{sy} – {ed}.{em}.{ey} (hanke RR-tietopalvelussa)\n\
         Rahoittaja ja toteutunut julkinen rahoitus\n\
         {funder}, {euros} €\n\
         Toteuttajat {implementers}\n\
         Varsinaiset kohderyhmät {groups}\n\
         Hankkeen tausta\n{background}\n\
         Tavoitteet\nVahvistaa osallistujien arjen hallintaa ja tarjota vertaistukea\n\
         Toimintatapa\nViikoittaiset ryhmät; yksilöohjaus; yhteistyö {org}:n ja kunnan sosiaalityön kanssa\n\
         Tuotokset\nToimintamallin kuvaus\n\
         Lupaavat osallisuuden käytännöt ja palaset\nVertaisryhmä\n\
         Muut tulokset ja vaikutukset\nOsallistujat kokivat yksinäisyyden vähentyneen\n\
         Levittäminen ja juurrutus\n{dissemination}\n\
         Erityishuomioita, kehittämistyön ongelmia\nOsallistujien tavoittaminen vei suunniteltua enemmän aikaa.\n\
         {links}\n",
        code = p.code,
        name = p.name,
        funder = p.funder,
        euros = euros_text(p.euros),
        implementers = finnish_list(&p.implementers.iter().map(String::as_str).collect::<Vec<_>>()),
        groups = finnish_list(&p.target_groups),
        links = links.join("\n"),
    )
}

fn card_truth(projects: &[Project], p: &Project, file: &str) -> Value {
    let (ey, em, ed) = p.end();
    let (sy, sm) = p.start;
    let codes = |v: &[usize]| -> Vec<String> {
        let mut c: Vec<String> = v.iter().map(|&q| projects[q].code.clone()).collect();
        c.sort();
        c
    };
    let links = links(projects, p);
    json!({
        "file": file,
        "kind": "card",
        "code": p.code,
        "name": p.name,
        "start": format!("{sy:04}-{sm:02}-01"),
        "end": format!("{ey:04}-{em:02}-{ed:02}"),
        "funder": p.funder,
        "funding_eur": p.euros,
        "implementers": p.implementers,
        "target_groups": p.target_groups,
        "predecessors": codes(&p.predecessors),
        "successors": codes(&p.successors),
        "related_projects": [],
        "continued_by_organisations": [],
        "links": links,
    })
}

fn decision(p: &Project, rng: &mut Rng, file: &str) -> (String, Value) {
    let (name, gen, _) = p.place;
    let org = p.implementers.first().cloned().unwrap_or_default();
    let euros = 5_000 + i64::try_from(rng.below(20)).unwrap_or(0) * 500;
    let (sy, sm) = p.start;
    let (ey, em, ed) = p.end();
    let text = format!(
        "{gen} kaupunki\nSosiaali- ja terveyslautakunta\n\n\
         {pname} -hankkeen kuntarahoitusosuus / {org}\n\n\
         {org} hakee {amount} euron kuntarahoitusosuutta {pname} -hankkeelle 1.{sm}.{sy}–{ed}.{em}.{ey}.\n\n\
         Esitys\n\nSosiaali- ja terveyslautakunta myöntää {org}:lle {amount} euron kuntarahoitusosuuden {pname} -hankkeelle.\n\n\
         - Päätös** Sosiaali- ja terveyslautakunta hyväksyi päätösehdotuksen.\n",
        pname = p.name,
        amount = euros_text(euros),
    );
    let truth = json!({
        "file": file,
        "kind": "decision",
        "municipality": name,
        "decision_body": "sosiaali- ja terveyslautakunta",
        "applicant": org,
        "project_name": p.name,
        "amount_eur": euros,
        "period": {"start": format!("{sy:04}-{sm:02}-01"), "end": format!("{ey:04}-{em:02}-{ed:02}")},
        "decided": true,
        "matches_code": p.code,
    });
    (text, truth)
}

/// True with probability `rate` (0–1), to a millionth.
fn damaged(rng: &mut Rng, rate: f64) -> bool {
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
    let millionths = (rate.clamp(0.0, 1.0) * 1e6).round() as u64;
    rng.chance(millionths, 1_000_000)
}

/// The register links of a card: its own, then its predecessors' and successors'.
fn links(projects: &[Project], p: &Project) -> Vec<String> {
    let mut links = vec![register(&p.code)];
    links.extend(
        p.predecessors
            .iter()
            .chain(&p.successors)
            .map(|&q| register(&projects[q].code)),
    );
    links
}

/// Generates a corpus (at most [`MAX_COUNT`] cards).
pub fn generate(opts: &Options) -> Corpus {
    let opts = Options {
        count: opts.count.min(MAX_COUNT),
        ..opts.clone()
    };
    let mut rng = Rng(opts.seed ^ 0x6A09_E667_F3BC_C908);
    let projects = world(&opts, &mut rng);
    let mut files = Vec::new();
    let mut truth = Vec::new();
    for p in projects.iter().filter(|p| p.has_card) {
        let path = format!("cards/{}.txt", p.code);
        let clean = card_text(&projects, p);
        let bytes = if damaged(&mut rng, opts.damage_rate) {
            let mut kinds: Vec<damage::Damage> = Vec::new();
            for _ in 0..1 + rng.below(3) {
                let Some(d) = rng.pick(&damage::ALL) else {
                    continue;
                };
                if !kinds.contains(&d) {
                    kinds.push(d);
                }
            }
            damage::apply(&clean, &kinds, rng.next_u64())
        } else {
            clean.into_bytes()
        };
        truth.push(card_truth(&projects, p, &path));
        files.push(File { path, bytes });
        if rng.below(100) < opts.decisions_per_100 {
            let path = format!("decisions/{}_{}.txt", p.place.0.to_lowercase(), p.code);
            let (text, t) = decision(p, &mut rng, &path);
            truth.push(t);
            files.push(File {
                path,
                bytes: text.into_bytes(),
            });
        }
    }
    Corpus { files, truth }
}

/// How well one field was read.
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize)]
pub struct FieldScore {
    /// The field of the parse contract.
    pub field: String,
    /// Documents whose value equals the truth.
    pub correct: usize,
    /// Documents that have the field in the truth.
    pub total: usize,
}

/// Compares parsed documents (as parse-contract JSON, keyed by file) with the truth, field by
/// field over `keys`; a document missing from `parsed` counts as wrong on every field.
pub fn accuracy(
    truth: &[Value],
    parsed: &BTreeMap<String, Value>,
    keys: &[&str],
) -> Vec<FieldScore> {
    let mut scores: Vec<FieldScore> = keys
        .iter()
        .map(|k| FieldScore {
            field: (*k).to_owned(),
            ..FieldScore::default()
        })
        .collect();
    for want in truth {
        let file = want["file"].as_str().unwrap_or_default();
        let got = parsed.get(file);
        for s in &mut scores {
            let w = &want[s.field.as_str()];
            if w.is_null() {
                continue;
            }
            s.total += 1;
            if got.is_some_and(|g| same(&g[s.field.as_str()], w)) {
                s.correct += 1;
            }
        }
    }
    scores
}

/// Equal, lists compared as sets, numbers by value (61386 and 61386.0).
fn same(got: &Value, want: &Value) -> bool {
    match (got, want) {
        (Value::Array(a), Value::Array(b)) => {
            let mut a: Vec<String> = a.iter().map(Value::to_string).collect();
            let mut b: Vec<String> = b.iter().map(Value::to_string).collect();
            a.sort();
            b.sort();
            a == b
        }
        (Value::Number(a), Value::Number(b)) => a.as_f64() == b.as_f64(),
        _ => got == want,
    }
}

#[cfg(test)]
mod tests;
