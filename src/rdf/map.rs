//! One document → its quads (docs/mapping.md §§6–13), all in the document's own graph.

use super::iri::{
    decision_iri, document_iri, funder_node, funding_iri, normalise_code, organisation_node,
    project_iri, relation_iri, target_group_node, FundingKind, RelationKey,
};
use super::literal::{
    boolean, date, date_time, decimal, fi, multi_line, single_line, string, year_month,
};
use super::ontology::{schemes, Schemes};
use super::vocab::{
    dcterms, hg, hgdk, hgdo, hgem, hgfk, hgout, hgrk, prov, rdf, schema, scheme, skos,
};
use super::Provenance;
use crate::card::{Card, Method, Relation};
use crate::decision::{Decision, Outcome};
use crate::document::{Document, Kind};
use crate::resolve::{
    canonical_organisation, card_funder, classify_target_group, municipal_funder, Funder,
};
use crate::text::amount::Euros;
use oxigraph::model::{GraphName, NamedNode, NamedNodeRef, Quad, Term};
use std::collections::{BTreeSet, HashSet};

/// The graph of a document: its document IRI, `…/document/{sha256}`.
pub fn document_graph(doc: &Document) -> NamedNode {
    document_iri(&doc.sha256)
}

/// Every quad the mapping emits for one document (a card, a decision or an unknown
/// document), all in the document's graph, each once, in a fixed order: the same document and
/// provenance give the same quads. No blank nodes.
///
/// Data that cannot be mapped is skipped with an `hg:mappingWarning` on the document; mapping
/// never fails.
pub fn document_quads(doc: &Document, prov: &Provenance) -> Vec<Quad> {
    let empty = Schemes::default();
    let (schemes, problem) = match schemes() {
        Ok(s) => (s, None),
        Err(e) => (
            &empty,
            Some(format!("ontology: {e}; concepts unclassified")),
        ),
    };
    let mut m = Mapper::new(doc, schemes);
    if let Some(p) = problem {
        m.warn(p);
    }
    m.metadata(prov);
    match doc.kind {
        Kind::Card => match &doc.card {
            Some(c) => m.card(c),
            None => m.warn("card: document of kind card without card facts".to_owned()),
        },
        Kind::Decision => match &doc.decision {
            Some(x) => m.decision(x),
            None => m.warn("decision: document of kind decision without decision facts".to_owned()),
        },
        Kind::Unknown => {}
    }
    m.finish()
}

/// The kind of a lineage relation as the relation-kind scheme names it.
fn relation_kind(r: Relation) -> (&'static str, NamedNodeRef<'static>) {
    match r {
        Relation::Predecessor => ("predecessor", hgrk::PREDECESSOR),
        Relation::Successor => ("successor", hgrk::SUCCESSOR),
        Relation::Parallel => ("parallel", hgrk::PARALLEL),
        Relation::Mention => ("mention", hgrk::MENTION),
    }
}

fn method(m: Method) -> (&'static str, NamedNodeRef<'static>) {
    match m {
        Method::TextPattern => ("text-pattern", hgem::TEXT_PATTERN),
        Method::LinkList => ("link-list", hgem::LINK_LIST),
    }
}

/// The property of a card section.
fn section_property(key: &str) -> Option<NamedNodeRef<'static>> {
    Some(match key {
        "background" => hg::BACKGROUND,
        "goals" => hg::GOALS,
        "methods" => hg::METHODS,
        "outputs" => hg::OUTPUTS,
        "practices" => hg::PRACTICES,
        "results" => hg::RESULTS,
        "dissemination" => hg::DISSEMINATION,
        "remarks" => hg::REMARKS,
        _ => return None,
    })
}

/// The four lineage sets of §8 step 1, in code order.
#[derive(Default)]
struct Lineage {
    pred: BTreeSet<String>,
    succ: BTreeSet<String>,
    par: BTreeSet<String>,
    ment: BTreeSet<String>,
}

impl Lineage {
    fn set(&mut self, r: Relation) -> &mut BTreeSet<String> {
        match r {
            Relation::Predecessor => &mut self.pred,
            Relation::Successor => &mut self.succ,
            Relation::Parallel => &mut self.par,
            Relation::Mention => &mut self.ment,
        }
    }
}

/// Collects quads into one named graph, each once, in the order first added.
pub(super) struct GraphWriter {
    graph: GraphName,
    quads: Vec<Quad>,
    seen: HashSet<Quad>,
}

impl GraphWriter {
    /// A writer into the graph `graph`.
    pub(super) fn new(graph: NamedNode) -> Self {
        GraphWriter {
            graph: GraphName::NamedNode(graph),
            quads: Vec::new(),
            seen: HashSet::new(),
        }
    }

    /// Adds one triple to the graph, once.
    pub(super) fn add(&mut self, s: &NamedNode, p: NamedNodeRef<'_>, o: impl Into<Term>) {
        let q = Quad::new(s.clone(), p, o, self.graph.clone());
        if self.seen.insert(q.clone()) {
            self.quads.push(q);
        }
    }

    /// Adds a triple whose object is a vocabulary constant.
    pub(super) fn add_ref(&mut self, s: &NamedNode, p: NamedNodeRef<'_>, o: NamedNodeRef<'_>) {
        self.add(s, p, o.into_owned());
    }

    /// The quads written.
    pub(super) fn into_quads(self) -> Vec<Quad> {
        self.quads
    }
}

/// Collects the quads of one document.
struct Mapper<'a> {
    doc: &'a Document,
    schemes: &'a Schemes,
    /// The document IRI, which is also the graph name.
    d: NamedNode,
    out: GraphWriter,
    warnings: Vec<String>,
}

impl<'a> Mapper<'a> {
    fn new(doc: &'a Document, schemes: &'a Schemes) -> Self {
        let d = document_graph(doc);
        Mapper {
            doc,
            schemes,
            out: GraphWriter::new(d.clone()),
            d,
            warnings: Vec::new(),
        }
    }

    /// Adds one triple to the document's graph, once.
    fn add(&mut self, s: &NamedNode, p: NamedNodeRef<'_>, o: impl Into<Term>) {
        self.out.add(s, p, o);
    }

    /// Adds a triple whose object is a vocabulary constant.
    fn add_ref(&mut self, s: &NamedNode, p: NamedNodeRef<'_>, o: NamedNodeRef<'_>) {
        self.out.add_ref(s, p, o);
    }

    fn warn(&mut self, w: String) {
        let w = w.trim().to_owned();
        if !self.warnings.contains(&w) {
            self.warnings.push(w);
        }
    }

    fn finish(mut self) -> Vec<Quad> {
        let d = self.d.clone();
        for w in std::mem::take(&mut self.warnings) {
            self.add(&d, hg::MAPPING_WARNING, string(&w));
        }
        self.out.into_quads()
    }

    // §6 ---------------------------------------------------------------------------------------

    fn metadata(&mut self, prov: &Provenance) {
        let d = self.d.clone();
        let doc = self.doc;
        self.add_ref(&d, rdf::TYPE, hg::SOURCE_DOCUMENT);
        self.add(&d, hg::SHA256, string(&doc.sha256));
        let file = doc.file.rsplit(['/', '\\']).next().unwrap_or(&doc.file);
        if file.is_empty() {
            self.warn(format!("file: no file name in '{}'", doc.file));
        } else {
            self.add(&d, hg::FILE_NAME, string(file));
        }
        let kind = match doc.kind {
            Kind::Card => hgdk::CARD,
            Kind::Decision => hgdk::DECISION,
            Kind::Unknown => hgdk::UNKNOWN,
        };
        self.add_ref(&d, hg::DOCUMENT_KIND, kind);
        if let Some(e) = doc.encoding {
            self.add(&d, hg::TEXT_ENCODING, string(e));
        }
        match date_time(prov.ingested_at.trim()) {
            Some(t) => self.add(&d, prov::GENERATED_AT_TIME, t),
            None => self.warn(format!(
                "ingested_at: invalid dateTime '{}'",
                prov.ingested_at
            )),
        }
        if prov.tool_version.trim().is_empty() {
            self.warn("tool_version: empty".to_owned());
        } else {
            self.add(&d, hg::HANKEGRAPH_VERSION, string(prov.tool_version.trim()));
        }
        if let Some(url) = prov.source_url.as_deref() {
            match link(url) {
                Some(u) => self.add(&d, dcterms::SOURCE, u),
                None => self.warn(format!("source_url: invalid URL '{url}'")),
            }
        }
        for w in &doc.warnings {
            let text = format!("{}: {}", w.code, w.message).trim().to_owned();
            self.add(&d, hg::PARSER_WARNING, string(&text));
        }
    }

    // Shared nodes -----------------------------------------------------------------------------

    /// `<…/project/{code}> a hg:Project ; hg:projectCode "{code}"` for a normalised code.
    fn project(&mut self, code: &str) -> Option<NamedNode> {
        let p = project_iri(code)?;
        self.add_ref(&p, rdf::TYPE, hg::PROJECT);
        self.add(&p, hg::PROJECT_CODE, string(code));
        Some(p)
    }

    /// An organisation named in `field` (§4.4): its IRI, type, name and, when written
    /// otherwise, the form as written.
    fn organisation(&mut self, field: &str, surface: &str) -> Option<NamedNode> {
        let org = canonical_organisation(surface);
        let Some(o) = organisation_node(&org) else {
            if !org.written.is_empty() {
                self.warn(format!(
                    "{field}: organisation name '{surface}' has no slug; skipped"
                ));
            }
            return None;
        };
        self.add_ref(&o, rdf::TYPE, hg::ORGANISATION);
        self.add(&o, schema::NAME, fi(&org.canonical_name));
        if org.written != org.canonical_name {
            self.add(&o, skos::ALT_LABEL, fi(&org.written));
        }
        Some(o)
    }

    /// A funder concept with its triples, unless it is a fixed concept (§11); the name as
    /// written, when the concept is named otherwise, as `skos:altLabel`.
    fn funder(&mut self, f: &Funder) -> NamedNode {
        let node = funder_node(&f.slug);
        if !f.fixed {
            self.add_ref(&node, rdf::TYPE, skos::CONCEPT);
            self.add_ref(&node, rdf::TYPE, hg::FUNDER);
            self.add_ref(&node, skos::IN_SCHEME, scheme::FUNDER);
            self.add(&node, skos::PREF_LABEL, fi(&f.name));
            if f.written != f.name {
                self.add(&node, skos::ALT_LABEL, fi(&f.written));
            }
            for b in &f.broader {
                self.add(&node, skos::BROADER, funder_node(b));
            }
            if let Some(body) = &f.body {
                if let Some(o) = organisation_node(body) {
                    self.add(&node, hg::FUNDING_BODY, o);
                }
            }
        }
        node
    }

    /// A funding node of `kind` with its value, currency, kind, funder and source; `None` for
    /// a negative amount (with a warning).
    fn funding(
        &mut self,
        field: &str,
        amount: Euros,
        kind: FundingKind,
        funder: Option<&NamedNode>,
    ) -> Option<NamedNode> {
        if amount.cents() < 0 {
            self.warn(format!(
                "{field}: negative amount '{}'; skipped",
                amount.to_decimal_string()
            ));
            return None;
        }
        let f = funding_iri(&self.doc.sha256, kind);
        let d = self.d.clone();
        self.add_ref(&f, rdf::TYPE, hg::FUNDING);
        self.add(&f, schema::VALUE, decimal(&amount.to_decimal_string()));
        self.add(&f, schema::CURRENCY, string("EUR"));
        let k = match kind {
            FundingKind::RealisedPublicFunding => hgfk::REALISED_PUBLIC_FUNDING,
            FundingKind::MunicipalShare => hgfk::MUNICIPAL_SHARE,
        };
        self.add_ref(&f, hg::FUNDING_KIND, k);
        if let Some(funder) = funder {
            self.add(&f, hg::FUNDER_PROP, funder.clone());
        }
        self.add(&f, prov::HAD_PRIMARY_SOURCE, d);
        Some(f)
    }

    /// A start and end date pair: each if valid, neither if start is after end.
    fn period(
        &mut self,
        subject: &NamedNode,
        fields: [&str; 3],
        start: Option<String>,
        end: Option<String>,
        props: (NamedNodeRef<'_>, NamedNodeRef<'_>),
    ) {
        let [sf, ef, both] = fields;
        let s = start
            .as_deref()
            .and_then(|s| date(s).map(|l| (s.to_owned(), l)));
        let e = end
            .as_deref()
            .and_then(|e| date(e).map(|l| (e.to_owned(), l)));
        if let (Some(raw), None) = (&start, &s) {
            self.warn(format!("{sf}: invalid date '{raw}'"));
        }
        if let (Some(raw), None) = (&end, &e) {
            self.warn(format!("{ef}: invalid date '{raw}'"));
        }
        if let (Some((sv, _)), Some((ev, _))) = (&s, &e) {
            // ISO dates compare as strings
            if sv > ev {
                self.warn(format!("{both}: start {sv} is after end {ev}"));
                return;
            }
        }
        if let Some((_, l)) = s {
            self.add(subject, props.0, l);
        }
        if let Some((_, l)) = e {
            self.add(subject, props.1, l);
        }
    }

    // §7–9 -------------------------------------------------------------------------------------

    fn card(&mut self, c: &Card) {
        let Some(code) = c.code.as_deref().and_then(normalise_code) else {
            self.warn("code: card without a valid project code; card facts skipped".to_owned());
            return;
        };
        let Some(p) = self.project(&code) else {
            return;
        };
        let d = self.d.clone();
        self.add(&p, hg::PROJECT_CARD, d.clone());
        if let Some(name) = c.name.as_deref().and_then(single_line) {
            self.add(&p, schema::NAME, fi(&name));
        }
        self.period(
            &p,
            ["start", "end", "start/end"],
            c.start.map(|d| d.to_string()),
            c.end.map(|d| d.to_string()),
            (schema::START_DATE, schema::END_DATE),
        );

        // funder and realised public funding
        let funder = match c.funder.as_deref() {
            Some(name) => match card_funder(name, &self.schemes.funders) {
                Some(f) => Some(self.funder(&f)),
                None => {
                    if single_line(name).is_some() {
                        self.warn(format!("funder: name '{name}' has no slug; skipped"));
                    }
                    None
                }
            },
            None => None,
        };
        if let Some(f) = &funder {
            self.add(&p, hg::FUNDER_PROP, f.clone());
        }
        if let Some(amount) = c.funding_eur {
            if let Some(n) = self.funding(
                "funding_eur",
                amount,
                FundingKind::RealisedPublicFunding,
                funder.as_ref(),
            ) {
                self.add(&p, hg::FUNDING_PROP, n);
            }
        }

        for name in &c.implementers {
            if let Some(o) = self.organisation("implementers", name) {
                self.add(&p, hg::IMPLEMENTER, o);
            }
        }
        for phrase in &c.target_groups {
            self.target_group(&p, phrase);
        }

        let lineage = self.lineage(&code, &p, c);

        let mut continued = 0;
        for name in &c.continued_by_organisations {
            if let Some(o) = self.organisation("continued_by_organisations", name) {
                self.add(&p, hg::CONTINUED_BY_ORGANISATION, o);
                continued += 1;
            }
        }
        // §9
        if !lineage.succ.is_empty() {
            self.add_ref(&p, hg::OUTCOME, hgout::CONTINUED_BY_PROJECT);
        }
        if continued > 0 {
            self.add_ref(&p, hg::OUTCOME, hgout::TAKEN_OVER_BY_ORGANISATION);
        }
        if lineage.succ.is_empty() && continued == 0 {
            self.add_ref(&p, hg::OUTCOME, hgout::ENDED);
        }

        for raw in &c.links {
            if raw.trim().is_empty() {
                continue;
            }
            match link(raw) {
                Some(u) => self.add(&p, hg::LINK, u),
                None => self.warn(format!("links: invalid URL '{raw}'")),
            }
        }
        for (key, text) in c.sections.iter() {
            if let (Some(prop), Some(t)) = (section_property(key), multi_line(text)) {
                self.add(&p, prop, fi(&t));
            }
        }
        if let Some(comp) = &c.compiled {
            if let Some(by) = comp.by.as_deref() {
                if let Some(o) = self.organisation("compiled.by", by) {
                    self.add(&d, hg::COMPILED_BY, o);
                }
            }
            if let Some(month) = comp.month.as_deref() {
                match year_month(month) {
                    Some(l) => self.add(&d, dcterms::CREATED, l),
                    None => self.warn(format!("compiled.month: invalid month '{month}'")),
                }
            }
            if let Some(t) = multi_line(&comp.text) {
                self.add(&d, hg::COMPILATION_NOTE, fi(&t));
            }
        }
    }

    /// §10: one target-group phrase.
    fn target_group(&mut self, p: &NamedNode, phrase: &str) {
        let Some(t) = classify_target_group(phrase, &self.schemes.target_groups) else {
            if single_line(phrase).is_some() {
                self.warn(format!(
                    "target_groups: phrase '{phrase}' has no slug; skipped"
                ));
            }
            return;
        };
        let node = target_group_node(&t.slug);
        self.add(p, hg::TARGET_GROUP_PROP, node.clone());
        self.add(p, hg::TARGET_GROUP_TEXT, fi(&t.text));
        if t.fixed {
            return;
        }
        self.add_ref(&node, rdf::TYPE, skos::CONCEPT);
        self.add_ref(&node, rdf::TYPE, hg::TARGET_GROUP);
        self.add_ref(&node, skos::IN_SCHEME, scheme::TARGET_GROUP);
        self.add(&node, skos::PREF_LABEL, fi(&t.label));
        for b in &t.broader {
            self.add(&node, skos::BROADER, target_group_node(b));
        }
    }

    /// §8: the direct lineage triples (both directions), one qualified relation per evidence
    /// item, and a card-field relation for every direct edge no evidence explains.
    fn lineage(&mut self, code: &str, p: &NamedNode, c: &Card) -> Lineage {
        // step 1
        let mut sets = Lineage::default();
        let mut self_ref = false;
        let lists: [(&str, Relation, &[String]); 3] = [
            ("predecessors", Relation::Predecessor, &c.predecessors),
            ("successors", Relation::Successor, &c.successors),
            ("related_projects", Relation::Mention, &c.related_projects),
        ];
        let evidence = c.lineage_evidence.iter().map(|e| {
            (
                "lineage_evidence",
                e.relation,
                std::slice::from_ref(&e.code),
            )
        });
        for (field, rel, codes) in lists.into_iter().chain(evidence) {
            for raw in codes {
                match normalise_code(raw) {
                    None => self.warn(format!("{field}: invalid project code '{raw}'")),
                    Some(b) if b == code => self_ref = true,
                    Some(b) => {
                        sets.set(rel).insert(b);
                    }
                }
            }
        }
        if self_ref {
            self.warn(format!("lineage: self-reference to {code}"));
        }
        let lineage_codes: BTreeSet<String> = sets
            .pred
            .iter()
            .chain(&sets.succ)
            .chain(&sets.par)
            .cloned()
            .collect();
        sets.ment.retain(|b| !lineage_codes.contains(b));

        // step 2
        let direct: [(Relation, &BTreeSet<String>); 4] = [
            (Relation::Predecessor, &sets.pred),
            (Relation::Successor, &sets.succ),
            (Relation::Parallel, &sets.par),
            (Relation::Mention, &sets.ment),
        ];
        for (rel, set) in direct {
            for b in set {
                let Some(bn) = self.project(b) else {
                    continue;
                };
                match rel {
                    Relation::Predecessor => {
                        self.add(p, hg::PREDECESSOR, bn.clone());
                        self.add(&bn, hg::SUCCESSOR, p.clone());
                    }
                    Relation::Successor => {
                        self.add(p, hg::SUCCESSOR, bn.clone());
                        self.add(&bn, hg::PREDECESSOR, p.clone());
                    }
                    Relation::Parallel => {
                        self.add(p, hg::PARALLEL_PROJECT, bn.clone());
                        self.add(&bn, hg::PARALLEL_PROJECT, p.clone());
                    }
                    Relation::Mention => self.add(p, hg::RELATED_PROJECT, bn),
                }
            }
        }

        // step 3
        let mut explained: HashSet<(Relation, String)> = HashSet::new();
        for e in &c.lineage_evidence {
            let Some(b) = normalise_code(&e.code) else {
                continue;
            };
            if b == code {
                continue;
            }
            let Some(sentence) = multi_line(&e.sentence) else {
                self.warn(format!(
                    "lineage_evidence: empty sentence for {b}; item skipped"
                ));
                continue;
            };
            let (kind, kind_node) = relation_kind(e.relation);
            let (m, m_node) = method(e.method);
            let key = RelationKey {
                document_sha256: &self.doc.sha256,
                source: code,
                kind,
                target: &b,
                method: m,
                section: e.section,
                sentence: &sentence,
            };
            let r = relation_iri(&key);
            self.relation(p, &r, &b, kind_node, m_node);
            self.add(&r, hg::EVIDENCE_TEXT, fi(&sentence));
            self.add(&r, hg::EVIDENCE_SECTION, string(e.section));
            explained.insert((e.relation, b));
        }

        // step 4
        for (rel, set) in direct {
            for b in set {
                if explained.contains(&(rel, b.clone())) {
                    continue;
                }
                let (kind, kind_node) = relation_kind(rel);
                let key = RelationKey {
                    document_sha256: &self.doc.sha256,
                    source: code,
                    kind,
                    target: b,
                    method: "card-field",
                    section: "",
                    sentence: "",
                };
                let r = relation_iri(&key);
                self.relation(p, &r, b, kind_node, hgem::CARD_FIELD);
            }
        }
        sets
    }

    /// The part of a qualified relation common to every method.
    fn relation(
        &mut self,
        p: &NamedNode,
        r: &NamedNode,
        target: &str,
        kind: NamedNodeRef<'_>,
        found_by: NamedNodeRef<'_>,
    ) {
        let Some(b) = self.project(target) else {
            return;
        };
        let d = self.d.clone();
        self.add_ref(r, rdf::TYPE, hg::PROJECT_RELATION);
        self.add(r, hg::RELATION_SOURCE, p.clone());
        self.add(r, hg::RELATION_TARGET, b);
        self.add_ref(r, hg::RELATION_KIND, kind);
        self.add_ref(r, hg::FOUND_BY, found_by);
        self.add(r, prov::HAD_PRIMARY_SOURCE, d);
        self.add(p, hg::QUALIFIED_RELATION, r.clone());
    }

    // §12–13 -----------------------------------------------------------------------------------

    fn decision(&mut self, x: &Decision) {
        let muni = x
            .municipality
            .as_deref()
            .map(canonical_organisation)
            .filter(|o| !o.key.is_empty());
        let Some(muni) = muni else {
            self.warn(
                "municipality: decision without municipality; decision facts skipped".to_owned(),
            );
            return;
        };
        let Some(m) = organisation_node(&muni) else {
            return;
        };
        let d = self.d.clone();
        let xn = decision_iri(&self.doc.sha256, 1);
        self.add_ref(&xn, rdf::TYPE, hg::DECISION);
        self.add(&xn, prov::HAD_PRIMARY_SOURCE, d);
        self.add_ref(&m, rdf::TYPE, hg::MUNICIPALITY);
        self.add_ref(&m, rdf::TYPE, hg::ORGANISATION);
        self.add(&m, schema::NAME, fi(&muni.canonical_name));
        if muni.written != muni.canonical_name {
            self.add(&m, skos::ALT_LABEL, fi(&muni.written));
        }
        self.add(&xn, hg::MUNICIPALITY_PROP, m);

        if let Some(body) = x.decision_body.as_deref().and_then(single_line) {
            self.add(&xn, hg::DECISION_BODY, fi(&body));
        }
        self.add(&xn, hg::DECIDED, boolean(x.decided));
        if let Some(o) = x.outcome {
            let node = match o {
                Outcome::Approved => hgdo::APPROVED,
                Outcome::Rejected => hgdo::REJECTED,
                Outcome::Tabled => hgdo::TABLED,
                Outcome::Proposal => hgdo::PROPOSAL,
            };
            self.add_ref(&xn, hg::DECISION_OUTCOME, node);
        }
        if let Some(a) = x.applicant.as_deref() {
            if let Some(o) = self.organisation("applicant", a) {
                self.add(&xn, hg::APPLICANT, o);
            }
        }
        if let Some(name) = x.project_name.as_deref().and_then(single_line) {
            self.add(&xn, hg::APPLIED_PROJECT_NAME, fi(&name));
        }
        if let Some(period) = &x.period {
            self.period(
                &xn,
                ["period.start", "period.end", "period"],
                Some(period.start.to_string()),
                Some(period.end.to_string()),
                (hg::PERIOD_START, hg::PERIOD_END),
            );
        }
        let project = match x.matches_code.as_deref() {
            Some(raw) => match normalise_code(raw) {
                Some(code) => self.project(&code),
                None => {
                    self.warn(format!("matches_code: invalid project code '{raw}'"));
                    None
                }
            },
            None => None,
        };
        if let Some(pn) = &project {
            self.add(&xn, hg::DECISION_FOR, pn.clone());
        }
        let Some(amount) = x.amount_eur else {
            return;
        };
        let funder = municipal_funder(&muni).map(|f| self.funder(&f));
        let Some(a) = self.funding(
            "amount_eur",
            amount,
            FundingKind::MunicipalShare,
            funder.as_ref(),
        ) else {
            return;
        };
        self.add(&xn, hg::DECISION_AMOUNT, a.clone());
        // §13: only an approved decision makes the amount part of the project's funding
        match (x.outcome, project) {
            (Some(Outcome::Approved), Some(pn)) => self.add(&pn, hg::FUNDING_PROP, a),
            (None, _) => self.warn("outcome: unknown; municipal share not linked".to_owned()),
            _ => {}
        }
    }
}

/// A link as an IRI: trimmed, `http://` put before `www.`, and only `http(s)://` IRIs that
/// parse (§7 `links`).
pub(super) fn link(raw: &str) -> Option<NamedNode> {
    let t = raw.trim();
    let t = if t.starts_with("www.") {
        format!("http://{t}")
    } else {
        t.to_owned()
    };
    if !(t.starts_with("http://") || t.starts_with("https://")) {
        return None;
    }
    NamedNode::new(t).ok()
}
