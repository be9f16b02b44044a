//! A register page → its quads, in the project's register graph `…/register/{code}`
//! (docs/mapping.md §18). Pure: which organisation node a register organisation is written on
//! is decided by the caller (the store knows which business IDs and names exist already).

use super::iri::{normalise_code, project_iri};
use super::literal::{date, date_time, fi, multi_line, single_line, string};
use super::map::{link, GraphWriter};
use super::vocab::{base, dcterms, hg, rdf, schema};
use crate::register::{RegisterOrganisation, RegisterPage};
use crate::resolve::canonical_organisation;
use oxigraph::model::{NamedNode, Quad};

/// The graph of a project's register page: `…/register/{code}`; `None` for an invalid code.
///
/// ```
/// use hankegraph::rdf::register_graph;
/// assert_eq!(
///     register_graph("s20877").unwrap().as_str(),
///     "https://w3id.org/hankegraph/register/S20877"
/// );
/// ```
pub fn register_graph(code: &str) -> Option<NamedNode> {
    let code = normalise_code(code)?;
    Some(NamedNode::new_unchecked(format!(
        "{}{code}",
        base::REGISTER
    )))
}

/// Where and when a page was fetched.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RegisterFetch {
    /// The page's URL (`dcterms:source`).
    pub url: String,
    /// When it was fetched, `xsd:dateTime` lexical form (`hg:retrievedAt`).
    pub retrieved_at: String,
    /// SHA-256 of the body bytes, hex (`hg:bodySha256`).
    pub body_sha256: String,
    /// The encoding the body was read as, when it was not UTF-8 (noted as a warning).
    pub encoding_note: Option<String>,
}

/// The node a register organisation is written on, as the caller resolved it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OrganisationNode {
    /// The organisation IRI.
    pub iri: NamedNode,
    /// True when another graph names it already (`schema:name`): then only the official name
    /// (`schema:legalName`) is written, so that the node keeps exactly one `schema:name`.
    pub named_elsewhere: bool,
}

/// Every quad of one register page, all in the project's register graph, each once. `code` is
/// the project code the page was fetched for; `resolve` gives the node of each organisation
/// (`None`: not mapped).
pub fn register_quads(
    code: &str,
    page: &RegisterPage,
    fetch: &RegisterFetch,
    resolve: &mut dyn FnMut(&RegisterOrganisation) -> Option<OrganisationNode>,
) -> Vec<Quad> {
    let (Some(g), Some(p)) = (register_graph(code), project_iri(code)) else {
        return Vec::new();
    };
    let mut w = GraphWriter::new(g.clone());
    // the page and its provenance
    w.add_ref(&g, rdf::TYPE, hg::REGISTER_PAGE);
    match link(&fetch.url) {
        Some(u) => w.add(&g, dcterms::SOURCE, u),
        None => w.add(
            &g,
            hg::REGISTER_WARNING,
            string(&format!("source: invalid URL '{}'", fetch.url)),
        ),
    }
    if let Some(t) = date_time(fetch.retrieved_at.trim()) {
        w.add(&g, hg::RETRIEVED_AT, t);
    }
    w.add(&g, hg::BODY_SHA256, string(&fetch.body_sha256));
    if let Some(note) = &fetch.encoding_note {
        w.add(&g, hg::REGISTER_WARNING, string(note));
    }
    for warning in &page.warnings {
        let text = format!("{}: {}", warning.code, warning.message);
        w.add(&g, hg::REGISTER_WARNING, string(text.trim()));
    }

    // the project
    let code = p.as_str().rsplit('/').next().unwrap_or(code).to_owned();
    w.add_ref(&p, rdf::TYPE, hg::PROJECT);
    w.add(&p, hg::PROJECT_CODE, string(&code));
    w.add(&p, hg::REGISTER_PAGE_PROP, g.clone());
    for (prop, text) in [
        (schema::NAME, &page.name),
        (hg::PROJECT_STATUS, &page.status),
        (hg::PRIORITY_AXIS, &page.priority_axis),
        (hg::SPECIFIC_OBJECTIVE, &page.specific_objective),
        (hg::RESPONSIBLE_AUTHORITY, &page.authority),
    ] {
        if let Some(v) = text.as_deref().and_then(single_line) {
            w.add(&p, prop, fi(&v));
        }
    }
    if let Some(v) = page.summary.as_deref().and_then(multi_line) {
        w.add(&p, hg::PLAN_SUMMARY, fi(&v));
    }
    let start = page.start.map(|d| d.to_string());
    let end = page.end.map(|d| d.to_string());
    if matches!((&start, &end), (Some(s), Some(e)) if s > e) {
        w.add(
            &g,
            hg::REGISTER_WARNING,
            string("period: start after end; period skipped"),
        );
    } else {
        for (prop, d) in [(schema::START_DATE, start), (schema::END_DATE, end)] {
            if let Some(l) = d.as_deref().and_then(date) {
                w.add(&p, prop, l);
            }
        }
    }

    // the organisations
    let roles = page
        .applicant
        .iter()
        .map(|o| (hg::PROJECT_APPLICANT, o))
        .chain(page.co_implementers.iter().map(|o| (hg::CO_IMPLEMENTER, o)))
        .chain(
            page.support_recipients
                .iter()
                .map(|o| (hg::SUPPORT_RECIPIENT, o)),
        );
    for (role, org) in roles {
        let Some(node) = resolve(org) else {
            w.add(
                &g,
                hg::REGISTER_WARNING,
                string(&format!(
                    "organisation: '{}' has no slug; skipped",
                    org.name
                )),
            );
            continue;
        };
        let o = node.iri.clone();
        w.add(&p, role, o.clone());
        w.add_ref(&o, rdf::TYPE, hg::ORGANISATION);
        if !node.named_elsewhere {
            let c = canonical_organisation(&org.name);
            w.add(&o, schema::NAME, fi(&c.canonical_name));
        }
        if let Some(name) = single_line(&org.name) {
            w.add(&o, schema::LEGAL_NAME, fi(&name));
        }
        if let Some(id) = &org.business_id {
            w.add(&o, hg::BUSINESS_ID, string(id.as_str()));
        }
        if let Some(t) = org.organisation_type.as_deref().and_then(single_line) {
            w.add(&o, hg::ORGANISATION_TYPE, fi(&t));
        }
        if let Some(u) = org.website.as_deref().and_then(link) {
            w.add(&o, schema::URL, u);
        }
    }
    w.into_quads()
}
