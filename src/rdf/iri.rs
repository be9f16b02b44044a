//! Minting IRIs (docs/mapping.md §4): every node the mapping creates has one, derived only from
//! the document's bytes (its SHA-256) and the values it states, so that the same input always
//! gives the same IRIs.

use super::vocab::{base, hgfu, hgtg};
use crate::resolve::{classify_target_group, organisation_key, slug, ConceptScheme, Organisation};
use oxigraph::model::NamedNode;
use sha2::{Digest, Sha256};

/// Normalises a project code from any field (§4.3): trimmed, upper-cased, and `S` plus five
/// digits; `None` otherwise.
///
/// ```
/// use hankegraph::rdf::normalise_code;
/// assert_eq!(normalise_code(" s20877 ").as_deref(), Some("S20877"));
/// assert_eq!(normalise_code("S2087"), None);
/// ```
pub fn normalise_code(raw: &str) -> Option<String> {
    let c = raw.trim().to_uppercase();
    let digits = c.strip_prefix('S')?;
    (digits.len() == 5 && digits.bytes().all(|b| b.is_ascii_digit())).then_some(c)
}

/// `…/project/{code}` for a valid code (normalised first); `None` for an invalid one.
///
/// ```
/// use hankegraph::rdf::project_iri;
/// assert_eq!(project_iri("S20474").unwrap().as_str(), "https://w3id.org/hankegraph/project/S20474");
/// assert!(project_iri("20474").is_none());
/// ```
pub fn project_iri(code: &str) -> Option<NamedNode> {
    let code = normalise_code(code)?;
    Some(NamedNode::new_unchecked(format!("{}{code}", base::PROJECT)))
}

/// `…/organisation/{key}` of a *canonical* organisation name (see
/// [`canonical_organisation`](crate::resolve::canonical_organisation)): the slug of the name
/// without its legal form. `None` when the name has no slug.
///
/// ```
/// use hankegraph::rdf::organisation_iri;
/// assert_eq!(
///     organisation_iri("Pitkälahti-Petosen asukasyhdistys ry").unwrap().as_str(),
///     "https://w3id.org/hankegraph/organisation/pitkalahti-petosen-asukasyhdistys"
/// );
/// ```
pub fn organisation_iri(canonical_name: &str) -> Option<NamedNode> {
    organisation_key(canonical_name).map(|k| organisation_node_from_key(&k))
}

/// The IRI of a resolved organisation; `None` when it has no key.
pub fn organisation_node(org: &Organisation) -> Option<NamedNode> {
    (!org.key.is_empty()).then(|| organisation_node_from_key(&org.key))
}

fn organisation_node_from_key(key: &str) -> NamedNode {
    NamedNode::new_unchecked(format!("{}{key}", base::ORGANISATION))
}

/// Keeps the lowercase hex digits of a digest (the parser gives 64 of them; anything else
/// cannot break the IRI).
fn hex_only(sha256_hex: &str) -> String {
    sha256_hex
        .chars()
        .map(|c| c.to_ascii_lowercase())
        .filter(char::is_ascii_hexdigit)
        .collect()
}

/// `…/document/{sha256}`: the source document, and the name of its graph.
pub fn document_iri(sha256_hex: &str) -> NamedNode {
    NamedNode::new_unchecked(format!("{}{}", base::DOCUMENT, hex_only(sha256_hex)))
}

/// `…/decision/{sha256}` for the first decision of a document, `…/decision/{sha256}-{n}` for
/// the n-th (n ≥ 2).
pub fn decision_iri(sha256_hex: &str, n: usize) -> NamedNode {
    let sha = hex_only(sha256_hex);
    if n <= 1 {
        NamedNode::new_unchecked(format!("{}{sha}", base::DECISION))
    } else {
        NamedNode::new_unchecked(format!("{}{sha}-{n}", base::DECISION))
    }
}

/// The two kinds of funding amounts.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum FundingKind {
    /// The realised public funding a card reports.
    RealisedPublicFunding,
    /// A municipality's share, from a decision.
    MunicipalShare,
}

impl FundingKind {
    /// The IRI segment and concept slug (`realised-public-funding`, `municipal-share`).
    pub fn as_str(self) -> &'static str {
        match self {
            FundingKind::RealisedPublicFunding => "realised-public-funding",
            FundingKind::MunicipalShare => "municipal-share",
        }
    }
}

/// `…/funding/{sha256}/{kind}`: at most one funding node of each kind per document.
pub fn funding_iri(sha256_hex: &str, kind: FundingKind) -> NamedNode {
    NamedNode::new_unchecked(format!(
        "{}{}/{}",
        base::FUNDING,
        hex_only(sha256_hex),
        kind.as_str()
    ))
}

/// What a qualified project relation is minted from (§4.1): the same evidence gives the same
/// IRI, whatever order the parser lists it in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RelationKey<'a> {
    /// SHA-256 of the stating document.
    pub document_sha256: &'a str,
    /// The card's own project code.
    pub source: &'a str,
    /// `predecessor`, `successor`, `parallel` or `mention`.
    pub kind: &'a str,
    /// The other project's code.
    pub target: &'a str,
    /// `text-pattern`, `link-list` or `card-field`.
    pub method: &'a str,
    /// The evidence's section key; empty for `card-field`.
    pub section: &'a str,
    /// The normalised evidence sentence as emitted; empty for `card-field`.
    pub sentence: &'a str,
}

/// `…/relation/{h}` with `h` the SHA-256 of the key's fields joined by `\n`.
///
/// ```
/// use hankegraph::rdf::{relation_iri, RelationKey};
/// let r = relation_iri(&RelationKey {
///     document_sha256: "e7972a54f4fae80dee5777e1b6ee625115a1df249d093683a0271adce9fc54e1",
///     source: "S20474", kind: "successor", target: "S20877", method: "text-pattern",
///     section: "dissemination",
///     sentence: "Toimintamallia sovelletaan ja kehitetään edelleen jatkohankkeessa Petosen Pömpeli (S20877).",
/// });
/// assert_eq!(r.as_str(), "https://w3id.org/hankegraph/relation/59147bd52f69f3504885ce4d65fb79920126d2e88d627adfc0d0cc32eb431fa7");
/// ```
pub fn relation_iri(key: &RelationKey<'_>) -> NamedNode {
    let text = [
        key.document_sha256,
        key.source,
        key.kind,
        key.target,
        key.method,
        key.section,
        key.sentence,
    ]
    .join("\n");
    let digest = Sha256::digest(text.as_bytes());
    let hex: String = digest.iter().map(|b| format!("{b:02x}")).collect();
    NamedNode::new_unchecked(format!("{}{hex}", base::RELATION))
}

/// `…/concept/target-group/{slug(phrase)}`, the phrase tidied as §10 step 1 says; `None` when
/// the phrase has no slug.
///
/// ```
/// use hankegraph::rdf::target_group_iri;
/// assert_eq!(
///     target_group_iri("Petosen alueen työttömät").unwrap().as_str(),
///     "https://w3id.org/hankegraph/concept/target-group/petosen-alueen-tyottomat"
/// );
/// ```
pub fn target_group_iri(phrase: &str) -> Option<NamedNode> {
    classify_target_group(phrase, &ConceptScheme::new()).map(|t| target_group_node(&t.slug))
}

/// The target-group concept with a given slug.
pub(crate) fn target_group_node(slug: &str) -> NamedNode {
    NamedNode::new_unchecked(format!("{}{slug}", hgtg::NS))
}

/// `…/concept/funder/{slug(name)}` of a funder name *as the mapping labels it* (see
/// [`card_funder`](crate::resolve::card_funder)); `None` when it has no slug.
pub fn funder_iri(name: &str) -> Option<NamedNode> {
    let name = name.split_whitespace().collect::<Vec<_>>().join(" ");
    slug(&name).map(|s| funder_node(&s))
}

/// The funder concept with a given slug.
pub(crate) fn funder_node(slug: &str) -> NamedNode {
    NamedNode::new_unchecked(format!("{}{slug}", hgfu::NS))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes() {
        for (raw, want) in [
            ("S20877", Some("S20877")),
            (" s20877\n", Some("S20877")),
            ("S208777", None),
            ("S2087", None),
            ("X20877", None),
            ("S2O877", None),
            ("", None),
            ("S２0877", None),
        ] {
            assert_eq!(normalise_code(raw).as_deref(), want, "{raw:?}");
        }
    }

    #[test]
    fn document_and_decision_iris() {
        let sha = "3b0580deb771541722897f371f7e1b81b39f22cdab48d5a0ad319684d6ea1ba0";
        assert_eq!(
            document_iri(sha).as_str(),
            format!("https://w3id.org/hankegraph/document/{sha}")
        );
        assert_eq!(
            decision_iri(sha, 1).as_str(),
            format!("https://w3id.org/hankegraph/decision/{sha}")
        );
        assert_eq!(
            decision_iri(sha, 2).as_str(),
            format!("https://w3id.org/hankegraph/decision/{sha}-2")
        );
        assert_eq!(
            funding_iri(sha, FundingKind::MunicipalShare).as_str(),
            format!("https://w3id.org/hankegraph/funding/{sha}/municipal-share")
        );
        assert_eq!(
            document_iri("AB cd>").as_str(),
            "https://w3id.org/hankegraph/document/abcd"
        );
    }

    #[test]
    fn relation_hash_of_the_worked_example() {
        let r = relation_iri(&RelationKey {
            document_sha256: "e7972a54f4fae80dee5777e1b6ee625115a1df249d093683a0271adce9fc54e1",
            source: "S20474",
            kind: "mention",
            target: "S20220",
            method: "text-pattern",
            section: "remarks",
            sentence: "Sokra-koordinaatiohankkeen (S20220) alueellisissa tapaamisissa saatiin vertaistukea hankehallintoon.",
        });
        assert_eq!(
            r.as_str(),
            "https://w3id.org/hankegraph/relation/c50e789231a81faf7e27a43f0d1beafe2b8dfbfb6ec38c46e138844981f957cc"
        );
    }

    #[test]
    fn concept_iris() {
        assert_eq!(
            target_group_iri(" – Nuoret. ").map(|n| n.into_string()),
            Some("https://w3id.org/hankegraph/concept/target-group/nuoret".to_owned())
        );
        assert!(target_group_iri(" – ").is_none());
        assert_eq!(
            funder_iri("Etelä-Savon  ELY-keskus").map(|n| n.into_string()),
            Some("https://w3id.org/hankegraph/concept/funder/etela-savon-ely-keskus".to_owned())
        );
        assert_eq!(
            organisation_iri("Tukikohta ry").map(|n| n.into_string()),
            Some("https://w3id.org/hankegraph/organisation/tukikohta".to_owned())
        );
        assert_ne!(
            organisation_iri("Tukikohta ry"),
            organisation_iri("Tukikohta Diakonia ry")
        );
    }
}
