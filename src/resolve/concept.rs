//! Target groups and funders as concepts of their SKOS schemes (docs/mapping.md §10, §11).
//!
//! The fixed concepts and their keywords live in PART B of `ontology/hankegraph.ttl`; the RDF
//! layer reads them into a [`ConceptScheme`] (by slug, without IRIs) and these functions decide,
//! for one phrase or one funder name, which concept it becomes and which fixed concepts are
//! broader than it.

use super::organisation::{Organisation, OrganisationIndex, OrganisationKind};
use super::slug::slug;
use std::collections::{BTreeMap, BTreeSet};

/// The fixed concepts of one scheme: slug → (keywords, broader slugs).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ConceptScheme {
    concepts: BTreeMap<String, FixedConcept>,
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
struct FixedConcept {
    keywords: BTreeSet<String>,
    broader: BTreeSet<String>,
}

impl ConceptScheme {
    /// A scheme with no fixed concept.
    pub fn new() -> Self {
        Self::default()
    }

    /// Declares a fixed concept.
    pub fn add_concept(&mut self, slug: &str) {
        self.concepts.entry(slug.to_owned()).or_default();
    }

    /// Adds a keyword (`hg:matchKeyword`) of a fixed concept; kept lower-cased.
    pub fn add_keyword(&mut self, slug: &str, keyword: &str) {
        let k = keyword.trim().to_lowercase();
        if !k.is_empty() {
            self.concepts
                .entry(slug.to_owned())
                .or_default()
                .keywords
                .insert(k);
        }
    }

    /// Records `skos:broader` between two fixed concepts.
    pub fn add_broader(&mut self, narrower: &str, broader: &str) {
        self.concepts
            .entry(narrower.to_owned())
            .or_default()
            .broader
            .insert(broader.to_owned());
    }

    /// True when the slug names a fixed concept.
    pub fn is_fixed(&self, slug: &str) -> bool {
        self.concepts.contains_key(slug)
    }

    /// The fixed concepts having a keyword that `lowercase_text` contains, in slug order.
    fn keyword_matches(&self, lowercase_text: &str) -> BTreeSet<String> {
        self.concepts
            .iter()
            .filter(|(_, c)| {
                c.keywords
                    .iter()
                    .any(|k| lowercase_text.contains(k.as_str()))
            })
            .map(|(s, _)| s.clone())
            .collect()
    }

    /// Every fixed concept above `slug` through `skos:broader`, transitively.
    fn ancestors(&self, slug: &str) -> BTreeSet<String> {
        let mut out = BTreeSet::new();
        let mut todo: Vec<&str> = vec![slug];
        while let Some(s) = todo.pop() {
            for b in self
                .concepts
                .get(s)
                .map(|c| &c.broader)
                .into_iter()
                .flatten()
            {
                if out.insert(b.clone()) {
                    todo.push(b);
                }
            }
        }
        out
    }

    /// The keyword matches with every match that is an ancestor of another match removed
    /// (`pitkäaikaistyöttömät nuoret` → `pitkaaikaistyottomat`, `nuoret`, not `tyottomat`).
    fn most_specific_matches(&self, lowercase_text: &str) -> Vec<String> {
        let m = self.keyword_matches(lowercase_text);
        let covered: BTreeSet<String> = m.iter().flat_map(|s| self.ancestors(s)).collect();
        m.into_iter().filter(|s| !covered.contains(s)).collect()
    }
}

/// A target-group phrase as a concept of the target-group scheme.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TargetGroup {
    /// The phrase, whitespace tidied and edge punctuation stripped (`hg:targetGroupText`).
    pub text: String,
    /// The concept's slug.
    pub slug: String,
    /// True when the slug is a fixed concept: nothing more is emitted for it.
    pub fixed: bool,
    /// The preferred label of a minted concept: the text lower-cased.
    pub label: String,
    /// Slugs of the fixed concepts it is narrower than (empty for a fixed concept).
    pub broader: Vec<String>,
}

/// Classifies one target-group phrase (§10); `None` when it is empty or has no slug.
///
/// ```
/// use hankegraph::resolve::{classify_target_group, ConceptScheme};
/// let mut s = ConceptScheme::new();
/// s.add_keyword("tyottomat", "työttöm");
/// s.add_keyword("pitkaaikaistyottomat", "pitkäaikaistyöt");
/// s.add_broader("pitkaaikaistyottomat", "tyottomat");
/// s.add_keyword("nuoret", "nuor");
/// let t = classify_target_group("pitkäaikaistyöttömät nuoret", &s).unwrap();
/// assert_eq!(t.slug, "pitkaaikaistyottomat-nuoret");
/// assert_eq!(t.broader, ["nuoret", "pitkaaikaistyottomat"]);
/// ```
pub fn classify_target_group(phrase: &str, scheme: &ConceptScheme) -> Option<TargetGroup> {
    let tidy = phrase.split_whitespace().collect::<Vec<_>>().join(" ");
    let text = tidy
        .trim_matches(|c: char| matches!(c, '.' | ',' | ';' | ':' | '-' | '–') || c.is_whitespace())
        .to_owned();
    if text.is_empty() {
        return None;
    }
    let slug = slug(&text)?;
    let label = text.to_lowercase();
    let fixed = scheme.is_fixed(&slug);
    let broader = if fixed {
        Vec::new()
    } else {
        scheme.most_specific_matches(&label)
    };
    Some(TargetGroup {
        text,
        slug,
        fixed,
        label,
        broader,
    })
}

/// A funder as a concept of the funder scheme.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Funder {
    /// The preferred label (case kept: a proper name).
    pub name: String,
    /// The name as written (whitespace tidied); kept as `skos:altLabel` when it differs.
    pub written: String,
    /// The concept's slug.
    pub slug: String,
    /// True when the slug is a fixed concept: nothing more is emitted for it.
    pub fixed: bool,
    /// Slugs of the fixed top concepts it is narrower than.
    pub broader: Vec<String>,
    /// The organisation the funder stands for, when it is one (municipalities, §11).
    pub body: Option<Organisation>,
}

/// The funder concept of a card's `funder` string (§11): ELY centres and ministries under their
/// one canonical name whatever the card writes, others under their name as written.
///
/// ```
/// use hankegraph::resolve::{card_funder, ConceptScheme};
/// let mut s = ConceptScheme::new();
/// s.add_keyword("ely-keskukset", "ely-keskus");
/// let f = card_funder("Etelä-Savon elinkeino-, liikenne- ja ympäristökeskus", &s).unwrap();
/// assert_eq!((f.name.as_str(), f.slug.as_str()), ("Etelä-Savon ELY-keskus", "etela-savon-ely-keskus"));
/// assert_eq!(f.broader, ["ely-keskukset"]);
/// ```
pub fn card_funder(name: &str, scheme: &ConceptScheme) -> Option<Funder> {
    card_funder_in(name, scheme, OrganisationIndex::shipped())
}

/// [`card_funder`] against a given organisation index.
pub fn card_funder_in(
    name: &str,
    scheme: &ConceptScheme,
    index: &OrganisationIndex,
) -> Option<Funder> {
    let written = name.split_whitespace().collect::<Vec<_>>().join(" ");
    if written.is_empty() {
        return None;
    }
    let org = index.resolve(&written);
    let authority = org.known
        && matches!(
            org.kind,
            OrganisationKind::ElyCentre | OrganisationKind::Ministry
        );
    let name = if authority {
        org.canonical_name
    } else {
        written.clone()
    };
    let slug = slug(&name)?;
    let fixed = scheme.is_fixed(&slug);
    let broader = if fixed {
        Vec::new()
    } else {
        scheme
            .keyword_matches(&name.to_lowercase())
            .into_iter()
            .collect()
    };
    Some(Funder {
        name,
        written,
        slug,
        fixed,
        broader,
        body: None,
    })
}

/// The slug of the fixed concept every municipality is narrower than.
pub const MUNICIPALITIES_CONCEPT: &str = "kunnat";

/// The funder concept of a decision's municipality (§11): named and keyed like the
/// municipality's organisation, always narrower than `kunnat`, with the organisation as its
/// funding body. `None` when the municipality has no key.
pub fn municipal_funder(municipality: &Organisation) -> Option<Funder> {
    if municipality.key.is_empty() {
        return None;
    }
    Some(Funder {
        name: municipality.canonical_name.clone(),
        written: municipality.written.clone(),
        slug: municipality.key.clone(),
        fixed: false,
        broader: vec![MUNICIPALITIES_CONCEPT.to_owned()],
        body: Some(municipality.clone()),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The target-group scheme as PART B of the ontology has it (a subset).
    fn groups() -> ConceptScheme {
        let mut s = ConceptScheme::new();
        for (slug, keywords) in [
            (
                "tyottomat",
                &[
                    "työttöm",
                    "työtön",
                    "työnhakij",
                    "työmarkkinoiden ulkopuol",
                    "työelämän ulkopuol",
                ][..],
            ),
            (
                "pitkaaikaistyottomat",
                &["pitkäaikaistyöt", "pitkään työttöm"][..],
            ),
            ("nuoret", &["nuor"][..]),
            ("maahanmuuttajat", &["maahanmuut", "kotoutu"][..]),
            ("ammattilaiset", &["ammattilai", "työntekijä"][..]),
            ("asiakkaat", &["asiakka", "asiakas"][..]),
            ("pitkaaikaissairaat", &["pitkäaikaissair", "sairaat"][..]),
            ("syrjaytymisvaarassa-olevat", &["syrjäyty", "ulkopuol"][..]),
        ] {
            for k in keywords {
                s.add_keyword(slug, k);
            }
        }
        s.add_broader("pitkaaikaistyottomat", "tyottomat");
        s
    }

    #[test]
    fn target_groups() {
        let s = groups();
        // (phrase, slug, fixed, broader)
        let cases: &[(&str, &str, bool, &[&str])] = &[
            ("Nuoret", "nuoret", true, &[]),
            ("pitkäaikaissairaat", "pitkaaikaissairaat", true, &[]),
            (
                "pitkäaikaistyöttömät nuoret",
                "pitkaaikaistyottomat-nuoret",
                false,
                &["nuoret", "pitkaaikaistyottomat"],
            ),
            (
                "maahanmuuttajataustaiset naiset",
                "maahanmuuttajataustaiset-naiset",
                false,
                &["maahanmuuttajat"],
            ),
            (
                "kuntien sosiaalityöntekijät",
                "kuntien-sosiaalityontekijat",
                false,
                &["ammattilaiset"],
            ),
            (
                "Petosen alueen työttömät",
                "petosen-alueen-tyottomat",
                false,
                &["tyottomat"],
            ),
            (
                "koulutuksen ulkopuolella olevat nuoret",
                "koulutuksen-ulkopuolella-olevat-nuoret",
                false,
                &["nuoret", "syrjaytymisvaarassa-olevat"],
            ),
            ("  – naapurit; ", "naapurit", false, &[]),
            // no ASCII folding on the keyword side: damaged letters do not match
            ("tyottomat nuoret", "tyottomat-nuoret", false, &["nuoret"]),
        ];
        for (phrase, slug, fixed, broader) in cases {
            let t = classify_target_group(phrase, &s);
            let Some(t) = t else {
                panic!("{phrase}: no concept");
            };
            assert_eq!(t.slug, *slug, "{phrase}");
            assert_eq!(t.fixed, *fixed, "{phrase}");
            assert_eq!(t.broader, *broader, "{phrase}");
            assert_eq!(t.label, t.text.to_lowercase());
        }
        assert_eq!(
            classify_target_group("Petosen alueen työttömät", &s).map(|t| t.text),
            Some("Petosen alueen työttömät".to_owned())
        );
        assert_eq!(classify_target_group(" .–; ", &s), None);
        assert_eq!(classify_target_group("", &s), None);
    }

    fn funders() -> ConceptScheme {
        let mut s = ConceptScheme::new();
        s.add_keyword("ely-keskukset", "ely-keskus");
        s.add_keyword("ely-keskukset", "elinkeino-, liikenne- ja ympäristökeskus");
        s.add_keyword("ministeriot", "ministeriö");
        s.add_keyword("kunnat", "kaupunki");
        s.add_keyword("kunnat", "kunta");
        s
    }

    #[test]
    fn card_funders() {
        let s = funders();
        let idx = crate::resolve::organisation::tests::index();
        // (funder as written, label, slug, broader)
        let cases: &[(&str, &str, &str, &[&str])] = &[
            (
                "Etelä-Savon ELY-keskus",
                "Etelä-Savon ELY-keskus",
                "etela-savon-ely-keskus",
                &["ely-keskukset"],
            ),
            (
                "Etela-Savon ELY-keskus",
                "Etelä-Savon ELY-keskus",
                "etela-savon-ely-keskus",
                &["ely-keskukset"],
            ),
            (
                "Etelä-Savon elinkeino-, liikenne- ja ympäristökeskus",
                "Etelä-Savon ELY-keskus",
                "etela-savon-ely-keskus",
                &["ely-keskukset"],
            ),
            (
                "Sosiaali- ja terveysministeriö",
                "Sosiaali- ja terveysministeriö",
                "sosiaali-ja-terveysministerio",
                &["ministeriot"],
            ),
            (
                "TEM",
                "Työ- ja elinkeinoministeriö",
                "tyo-ja-elinkeinoministerio",
                &["ministeriot"],
            ),
            (
                "Mikkelin  kaupunki",
                "Mikkelin kaupunki",
                "mikkelin-kaupunki",
                &["kunnat"],
            ),
            (
                "Raha-automaattiyhdistys",
                "Raha-automaattiyhdistys",
                "raha-automaattiyhdistys",
                &[],
            ),
        ];
        for (written, label, slug, broader) in cases {
            let Some(f) = card_funder_in(written, &s, &idx) else {
                panic!("{written}: no funder");
            };
            assert_eq!(f.name, *label, "{written}");
            assert_eq!(
                f.written,
                written.split_whitespace().collect::<Vec<_>>().join(" ")
            );
            assert_eq!(f.slug, *slug, "{written}");
            assert_eq!(f.broader, *broader, "{written}");
            assert!(f.body.is_none());
        }
        assert!(card_funder_in("  ", &s, &idx).is_none());
        assert!(card_funder_in("–", &s, &idx).is_none());
    }

    #[test]
    fn municipal_funders_are_always_municipalities() {
        let mut idx = OrganisationIndex::empty();
        idx.add_municipality("Kuopio", "Kuopion");
        let kuopio = idx.resolve("Kuopio");
        let Some(f) = municipal_funder(&kuopio) else {
            panic!("no funder for Kuopio");
        };
        assert_eq!((f.name.as_str(), f.slug.as_str()), ("Kuopio", "kuopio"));
        assert_eq!(f.broader, ["kunnat"]);
        assert_eq!(f.body.map(|b| b.key), Some("kuopio".to_owned()));
        assert!(municipal_funder(&idx.resolve(" ")).is_none());
    }
}
