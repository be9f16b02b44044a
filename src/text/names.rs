//! Lists of names and the nominative form of organisation names.
//!
//! Cards list implementers and target groups as Finnish prose: items separated by commas, the
//! last two joined by `ja`. Commas and `ja` also occur *inside* items: `Työ- ja
//! elinkeinoministeriö` (a suspended compound), `Terveyden ja hyvinvoinnin laitos` (a known
//! name), notes in parentheses, relative clauses (`…, jotka eivät …`). The splitter respects them.

use super::fold::name_key;
use super::lexicon::organisations;
use std::sync::OnceLock;

/// How a list is split.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ListKind {
    /// Organisations: split on commas and the last `ja`; parenthesised notes dropped.
    Organisations,
    /// Target groups: split on commas and every `ja`; a list of genitives that share one head
    /// noun (`A:n, B:n ja C:n asiakkaat`) stays one group.
    TargetGroups,
}

/// Words that open a relative or explanatory clause: a comma before them does not end an item.
const CLAUSE_OPENERS: &[&str] = &[
    "jotka",
    "joka",
    "jonka",
    "joiden",
    "joita",
    "joille",
    "joilla",
    "joista",
    "joissa",
    "jolla",
    "jossa",
    "josta",
    "jolle",
    "mutta",
    "eli",
    "kuten",
    "esim",
    "esimerkiksi",
    "mm",
    "erityisesti",
    "etenkin",
    "varsinkin",
    "lähinnä",
];

/// Known organisation names with `ja` inside them, as name keys, each with the length of its
/// head (the part before its first ` ja `).
fn names_with_ja() -> &'static Vec<(String, usize)> {
    static CELL: OnceLock<Vec<(String, usize)>> = OnceLock::new();
    CELL.get_or_init(|| {
        organisations()
            .map(|(n, _, _)| name_key(n))
            .filter_map(|k| k.find(" ja ").map(|head| (k, head)))
            .collect()
    })
}

/// Byte ranges of parenthesised text, at any depth.
fn depth_map(s: &str) -> Vec<u32> {
    let mut depth = 0u32;
    s.bytes()
        .map(|b| {
            match b {
                b'(' | b'[' => depth += 1,
                b')' | b']' => depth = depth.saturating_sub(1),
                _ => {}
            }
            depth
        })
        .collect()
}

/// The first word after byte `i`, lowercase, without punctuation.
fn next_word(s: &str, i: usize) -> String {
    s[i..]
        .split_whitespace()
        .next()
        .unwrap_or("")
        .trim_matches(|c: char| !c.is_alphanumeric())
        .to_lowercase()
}

/// Positions of the top-level commas (and semicolons) that separate items.
fn comma_splits(s: &str, depth: &[u32]) -> Vec<usize> {
    s.char_indices()
        .filter(|&(i, c)| {
            matches!(c, ',' | ';')
                && depth[i] == 0
                && !CLAUSE_OPENERS.contains(&next_word(s, i + 1).as_str())
                // "123 456,78" is a number, not a list
                && !(s[..i].ends_with(|c: char| c.is_ascii_digit())
                    && s[i + 1..].starts_with(|c: char| c.is_ascii_digit()))
        })
        .map(|(i, _)| i)
        .collect()
}

/// Positions of the top-level ` ja ` / ` sekä ` that may separate items in `s[from..to]`, in
/// order and apart: of two that share a blank (`ja sekä`), the first.
fn ja_splits(s: &str, depth: &[u32], from: usize, to: usize) -> Vec<(usize, usize)> {
    let mut out = conjunctions(s, depth, from, to);
    let mut end = 0;
    out.retain(|&(a, b)| {
        let apart = a >= end;
        if apart {
            end = b;
        }
        apart
    });
    out
}

/// Every top-level ` ja ` / ` sekä ` of `s[from..to]` that is not inside a known name, sorted.
fn conjunctions(s: &str, depth: &[u32], from: usize, to: usize) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let seg = &s[from..to];
    for conj in [" ja ", " sekä "] {
        for (i, _) in seg.match_indices(conj) {
            let at = from + i;
            if depth[at] != 0 || s[..at].ends_with('-') {
                continue;
            }
            out.push((at, at + conj.len()));
        }
    }
    out.sort_unstable();
    // a conjunction inside a known name ("Terveyden ja hyvinvoinnin laitos") is not a split
    if out.is_empty() {
        return out;
    }
    let key = name_key(seg);
    // the known names in this segment: most segments hold none, and then every split stays. A
    // name is in the key only where its first " ja " lies on one of the key's.
    let mut key_ja = Vec::new();
    let mut past = 0;
    while let Some(i) = key.get(past..).and_then(|rest| rest.find(" ja ")) {
        key_ja.push(past + i);
        past += i + 1;
    }
    let inside: Vec<&str> = names_with_ja()
        .iter()
        .filter(|(n, head)| {
            key_ja.iter().any(|&q| {
                q.checked_sub(*head)
                    .and_then(|p| key.get(p..))
                    .is_some_and(|rest| rest.starts_with(n.as_str()))
            })
        })
        .map(|(n, head)| &n[..*head])
        .collect();
    if inside.is_empty() {
        return out;
    }
    out.retain(|&(a, _)| {
        let left = name_key(&s[from..a]);
        // the name's own "ja" sits where the left part ends with the name's head
        !inside.iter().any(|head| left.ends_with(head))
    });
    out
}

/// Drops parenthesised notes such as `(päätoteuttaja)` or `(TEM)` and tidies blanks.
fn without_parentheses(s: &str) -> String {
    let depth = depth_map(s);
    let kept: String = s
        .char_indices()
        .filter(|&(i, c)| depth[i] == 0 && c != ')' && c != ']')
        .map(|(_, c)| c)
        .collect();
    tidy(&kept)
}

/// Collapses blanks and trims blanks and list punctuation from both ends.
pub fn tidy(s: &str) -> String {
    s.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .trim_matches(|c: char| c.is_whitespace() || matches!(c, ',' | ';' | ':' | '.'))
        .to_owned()
}

/// True when the last word is in the genitive (ends in `n`, or `:n` after an abbreviation).
fn ends_genitive(item: &str) -> bool {
    item.split_whitespace().last().is_some_and(|w| {
        w.trim_end_matches(|c: char| !c.is_alphanumeric())
            .ends_with('n')
    })
}

/// Splits a list of names.
///
/// ```
/// use hankegraph::text::names::{split_list, ListKind};
/// assert_eq!(
///     split_list("Työ- ja elinkeinoministeriö (TEM) ja Itä-Suomen yliopisto", ListKind::Organisations),
///     ["Työ- ja elinkeinoministeriö", "Itä-Suomen yliopisto"],
/// );
/// assert_eq!(
///     split_list("Työttömät, nuoret ja maahanmuuttajat", ListKind::TargetGroups),
///     ["Työttömät", "nuoret", "maahanmuuttajat"],
/// );
/// ```
pub fn split_list(s: &str, kind: ListKind) -> Vec<String> {
    let s = tidy(s);
    if s.is_empty() {
        return Vec::new();
    }
    let depth = depth_map(&s);
    let commas = comma_splits(&s, &depth);
    let mut segments = Vec::new();
    let mut from = 0;
    for c in &commas {
        segments.push((from, *c));
        from = c + 1;
    }
    segments.push((from, s.len()));
    let mut items: Vec<String> = Vec::new();
    let last_seg = segments.len() - 1;
    for (n, &(a, b)) in segments.iter().enumerate() {
        // a relative clause ends splitting on "ja" for the rest of its segment
        let clause_at = s[a..b].split_whitespace().position(|w| {
            CLAUSE_OPENERS.contains(
                &w.trim_matches(|c: char| !c.is_alphanumeric())
                    .to_lowercase()
                    .as_str(),
            )
        });
        let splits = ja_splits(&s, &depth, a, b);
        let splits: Vec<(usize, usize)> = match kind {
            ListKind::Organisations if n == last_seg => {
                splits.last().copied().into_iter().collect()
            }
            ListKind::Organisations => Vec::new(),
            ListKind::TargetGroups => {
                if clause_at.is_some() {
                    Vec::new()
                } else {
                    splits
                }
            }
        };
        let mut from = a;
        for (x, y) in splits {
            items.push(s[from..x].to_owned());
            from = y;
        }
        items.push(s[from..b].to_owned());
    }
    let mut items: Vec<String> = items
        .into_iter()
        .map(|i| match kind {
            ListKind::Organisations => without_parentheses(&i),
            ListKind::TargetGroups => tidy(&i),
        })
        .filter(|i| !i.is_empty())
        .collect();
    if kind == ListKind::TargetGroups
        && items.len() > 1
        && items[..items.len() - 1].iter().all(|i| ends_genitive(i))
        && !ends_genitive(&items[items.len() - 1])
    {
        items = vec![s.clone()];
    }
    items
}

/// Head nouns of organisation names with their inflected forms (genitive, allative, adessive,
/// ablative, inessive, elative, illative, essive, partitive), so that a name met in any case
/// can be put back in the nominative.
const HEADS: &[(&str, &[&str])] = &[
    (
        "yhdistys",
        &[
            "yhdistyksen",
            "yhdistykselle",
            "yhdistyksellä",
            "yhdistykseltä",
            "yhdistyksessä",
            "yhdistyksestä",
            "yhdistykseen",
            "yhdistyksenä",
            "yhdistystä",
        ],
    ),
    (
        "seurakunta",
        &[
            "seurakunnan",
            "seurakunnalle",
            "seurakunnalla",
            "seurakunnalta",
            "seurakunnassa",
            "seurakunnasta",
            "seurakuntaan",
            "seurakuntana",
            "seurakuntaa",
        ],
    ),
    (
        "kaupunki",
        &[
            "kaupungin",
            "kaupungille",
            "kaupungilla",
            "kaupungilta",
            "kaupungissa",
            "kaupungista",
            "kaupunkiin",
            "kaupunkina",
            "kaupunkia",
        ],
    ),
    (
        "kunta",
        &[
            "kunnan", "kunnalle", "kunnalla", "kunnalta", "kunnassa", "kunnasta", "kuntaan",
            "kuntana", "kuntaa",
        ],
    ),
    (
        "kuntayhtymä",
        &[
            "kuntayhtymän",
            "kuntayhtymälle",
            "kuntayhtymällä",
            "kuntayhtymältä",
            "kuntayhtymässä",
            "kuntayhtymästä",
            "kuntayhtymään",
            "kuntayhtymänä",
            "kuntayhtymää",
        ],
    ),
    (
        "yliopisto",
        &[
            "yliopiston",
            "yliopistolle",
            "yliopistolla",
            "yliopistolta",
            "yliopistossa",
            "yliopistosta",
            "yliopistoon",
            "yliopistona",
            "yliopistoa",
        ],
    ),
    (
        "korkeakoulu",
        &[
            "korkeakoulun",
            "korkeakoululle",
            "korkeakoululla",
            "korkeakoululta",
            "korkeakoulussa",
            "korkeakoulusta",
            "korkeakouluun",
            "korkeakouluna",
            "korkeakoulua",
        ],
    ),
    (
        "säätiö",
        &[
            "säätiön",
            "säätiölle",
            "säätiöllä",
            "säätiöltä",
            "säätiössä",
            "säätiöstä",
            "säätiöön",
            "säätiönä",
            "säätiötä",
        ],
    ),
    (
        "keskus",
        &[
            "keskuksen",
            "keskukselle",
            "keskuksella",
            "keskukselta",
            "keskuksessa",
            "keskuksesta",
            "keskukseen",
            "keskuksena",
        ],
    ),
    (
        "liitto",
        &[
            "liiton", "liitolle", "liitolla", "liitolta", "liitossa", "liitosta", "liittoon",
            "liittona", "liittoa",
        ],
    ),
    (
        "seura",
        &[
            "seuran", "seuralle", "seuralla", "seuralta", "seurassa", "seurasta", "seuraan",
            "seurana", "seuraa",
        ],
    ),
    (
        "ministeriö",
        &[
            "ministeriön",
            "ministeriölle",
            "ministeriöllä",
            "ministeriöltä",
            "ministeriössä",
            "ministeriöstä",
            "ministeriöön",
            "ministeriönä",
            "ministeriötä",
        ],
    ),
    (
        "laitos",
        &[
            "laitoksen",
            "laitokselle",
            "laitoksella",
            "laitokselta",
            "laitoksessa",
            "laitoksesta",
            "laitokseen",
            "laitoksena",
            "laitosta",
        ],
    ),
    (
        "järjestö",
        &[
            "järjestön",
            "järjestölle",
            "järjestöllä",
            "järjestöltä",
            "järjestössä",
            "järjestöstä",
            "järjestöön",
            "järjestönä",
            "järjestöä",
        ],
    ),
    (
        "osuuskunta",
        &[
            "osuuskunnan",
            "osuuskunnalle",
            "osuuskunnalla",
            "osuuskunnalta",
            "osuuskunnassa",
            "osuuskunnasta",
            "osuuskuntaan",
            "osuuskuntana",
            "osuuskuntaa",
        ],
    ),
    (
        "setlementti",
        &[
            "setlementin",
            "setlementille",
            "setlementillä",
            "setlementiltä",
            "setlementissä",
            "setlementistä",
            "setlementtiin",
            "setlementtinä",
            "setlementtiä",
        ],
    ),
    (
        "diakonia",
        &[
            "diakonian",
            "diakonialle",
            "diakonialla",
            "diakonialta",
            "diakoniassa",
            "diakoniasta",
            "diakoniaan",
            "diakoniana",
            "diakoniaa",
        ],
    ),
    (
        "kylätupa",
        &[
            "kylätuvan",
            "kylätuvalle",
            "kylätuvalla",
            "kylätuvalta",
            "kylätuvassa",
            "kylätuvasta",
            "kylätupaan",
            "kylätupana",
            "kylätupaa",
        ],
    ),
];

/// The nominative form of an organisation name met in another case: `…ry:n` → `…ry`,
/// `asukasyhdistyksen` → `asukasyhdistys`, `Kuopion kaupungille` → `Kuopion kaupunki`.
/// Only the last word changes; words before it are attributes and stay as written.
///
/// ```
/// use hankegraph::text::names::nominative;
/// assert_eq!(nominative("Tukikohta Diakonia ry:n"), "Tukikohta Diakonia ry");
/// assert_eq!(nominative("Pitkälahti-Petosen asukasyhdistyksen"), "Pitkälahti-Petosen asukasyhdistys");
/// assert_eq!(nominative("Etelä-Savon ELY-keskukselle"), "Etelä-Savon ELY-keskus");
/// assert_eq!(nominative("Kallaveden seurakunnan diakonia"), "Kallaveden seurakunnan diakonia");
/// ```
pub fn nominative(name: &str) -> String {
    let name = tidy(name);
    let (before, last) = match name.rfind(' ') {
        Some(i) => (&name[..=i], &name[i + 1..]),
        None => ("", name.as_str()),
    };
    // colon endings after abbreviations and numbers: ry:n, THL:lle, Oy:ssä
    if let Some(colon) = last.rfind(':') {
        let ending = &last[colon + 1..];
        if !ending.is_empty()
            && ending.chars().count() <= 5
            && ending.chars().all(char::is_lowercase)
            && colon > 0
        {
            return format!("{before}{}", &last[..colon]);
        }
    }
    let lower_last = last.to_lowercase();
    for (nom, forms) in HEADS {
        for form in *forms {
            if lower_last.ends_with(form) {
                let stem_len = last.len() - form.len();
                // keep the original case of the part before the head ("ELY-")
                let prefix = &last[..stem_len];
                let head = if prefix.is_empty() && last.starts_with(char::is_uppercase) {
                    let mut cs = nom.chars();
                    cs.next()
                        .map(|f| f.to_uppercase().chain(cs).collect())
                        .unwrap_or_default()
                } else {
                    (*nom).to_owned()
                };
                return format!("{before}{prefix}{head}");
            }
        }
    }
    name
}

#[cfg(test)]
mod tests {
    use super::*;

    fn orgs(s: &str) -> Vec<String> {
        split_list(s, ListKind::Organisations)
    }

    fn groups(s: &str) -> Vec<String> {
        split_list(s, ListKind::TargetGroups)
    }

    #[test]
    fn conjunctions_that_share_a_blank_split_once() {
        // " ja " and " sekä " overlap in "ja sekä": splitting at both cut backwards (a panic
        // the fuzzer found)
        assert_eq!(
            groups("Pitkäaikaistyöttömät, osatyökykyiset ja sekä kylätalojen vapaaehtoiset"),
            [
                "Pitkäaikaistyöttömät",
                "osatyökykyiset",
                "sekä kylätalojen vapaaehtoiset"
            ]
        );
        assert_eq!(groups("nuoret sekä ja vanhat"), ["nuoret", "ja vanhat"]);
        assert_eq!(
            orgs("Kemin Lämärit ry ja sekä ja Lapin yliopisto"),
            ["Kemin Lämärit ry ja sekä", "Lapin yliopisto"]
        );
        for text in [
            "ja sekä",
            " ja sekä ja sekä ",
            "a ja sekä ja b",
            "x sekä ja sekä y",
        ] {
            for kind in [ListKind::TargetGroups, ListKind::Organisations] {
                let _ = split_list(text, kind);
            }
        }
    }

    #[test]
    fn organisations_split_on_commas_and_last_ja() {
        assert_eq!(
            orgs("Kemin Lämärit ry, Oulun Kärpät 46 ry ja Rovaniemen Kiekko ry"),
            [
                "Kemin Lämärit ry",
                "Oulun Kärpät 46 ry",
                "Rovaniemen Kiekko ry"
            ]
        );
        assert_eq!(orgs("Puumalan kunta"), ["Puumalan kunta"]);
        assert_eq!(
            orgs("Kemin Lämärit ry (päätoteuttaja), Lapin yliopisto"),
            ["Kemin Lämärit ry", "Lapin yliopisto"]
        );
        assert!(orgs("  ").is_empty());
    }

    #[test]
    fn ja_inside_known_names_and_suspended_compounds() {
        assert_eq!(
            orgs("Itä-Suomen yliopisto ja Terveyden ja hyvinvoinnin laitos"),
            ["Itä-Suomen yliopisto", "Terveyden ja hyvinvoinnin laitos"]
        );
        assert_eq!(
            orgs("Sosiaali- ja terveysministeriö, Työ- ja elinkeinoministeriö"),
            [
                "Sosiaali- ja terveysministeriö",
                "Työ- ja elinkeinoministeriö"
            ]
        );
    }

    #[test]
    fn every_known_name_with_ja_stays_whole_in_a_list() {
        let names: Vec<&str> = crate::text::lexicon::organisations()
            .map(|(n, _, _)| n)
            .filter(|n| name_key(n).contains(" ja ") && !n.contains(','))
            .collect();
        assert!(names.len() > 10, "{names:?}");
        for n in names {
            for list in [
                format!("Oulun kaupunki ja {n}"),
                format!("{n} ja Oulun kaupunki"),
                format!("Oulun kaupunki, {n} ja Kuopion kaupunki"),
            ] {
                assert!(orgs(&list).iter().any(|o| o == n), "{n}: {:?}", orgs(&list));
            }
        }
    }

    #[test]
    fn one_name_does_not_swallow_another() {
        assert_eq!(
            orgs("Kolmas Sektori ry ja Kolmas Sektori Savo ry"),
            ["Kolmas Sektori ry", "Kolmas Sektori Savo ry"]
        );
    }

    #[test]
    fn target_groups() {
        assert_eq!(
            groups("Työttömät ja työmarkkinoiden ulkopuolella olevat, nuoret ja maahanmuuttajat"),
            [
                "Työttömät",
                "työmarkkinoiden ulkopuolella olevat",
                "nuoret",
                "maahanmuuttajat"
            ]
        );
        assert_eq!(
            groups("Työikäiset, jotka eivät hyödy palveluista ja ovat vailla tukea"),
            ["Työikäiset, jotka eivät hyödy palveluista ja ovat vailla tukea"]
        );
        assert_eq!(
            groups("Yhdistyksen ruokajonon, kerhon ja kylätuvan asiakkaat"),
            ["Yhdistyksen ruokajonon, kerhon ja kylätuvan asiakkaat"]
        );
    }

    #[test]
    fn nominatives() {
        for (input, want) in [
            ("Tukikohta ry:lle", "Tukikohta ry"),
            ("THL:n", "THL"),
            ("Kuopion kaupungille", "Kuopion kaupunki"),
            ("Puumalan kunnan", "Puumalan kunta"),
            ("Itä-Suomen yliopistossa", "Itä-Suomen yliopisto"),
            ("Kemin Lämärit ry", "Kemin Lämärit ry"),
            ("Kallaveden seurakunnalle", "Kallaveden seurakunta"),
            ("Seurakunnan", "Seurakunta"),
        ] {
            assert_eq!(nominative(input), want, "{input}");
        }
    }
}
