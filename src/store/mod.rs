//! The Oxigraph store: open, ingest with provenance, query with bound parameters, dump.
//!
//! Every document lives in a named graph of its own, named by the SHA-256 of its bytes, so the
//! graph name *is* the provenance of each fact. Ingest is one transaction per document: a run
//! killed halfway leaves the store as it was before the document being written. Ingesting the
//! same bytes again changes nothing; a new version of a file (same file name, other bytes)
//! replaces the old version's graph.
//!
//! Queries see the union of all graphs as their default graph; parameters are bound as RDF terms
//! with `substitute_variable`, never spliced into the query text.

mod bind;

pub use bind::{bind_values, projected_variables};

use crate::parse::hex;
use crate::rdf::{self, OrganisationNode, Provenance, RdfError, RegisterFetch};
use crate::register::{RegisterOrganisation, RegisterPage};
use crate::resolve::canonical_organisation;
use crate::text::business_id::BusinessId;
use crate::Document;
use oxigraph::io::{RdfFormat, RdfSerializer};
use oxigraph::model::{
    GraphName, GraphNameRef, Literal, NamedNode, NamedNodeRef, NamedOrBlankNode, Quad, QuadRef,
    Term, TermRef, Triple, Variable,
};
use oxigraph::sparql::{CancellationToken, QueryEvaluationError, QueryResults, SparqlEvaluator};
use oxigraph::store::{StorageError, Store, Transaction};
use sha2::{Digest, Sha256};
use std::collections::{BTreeMap, BTreeSet, HashSet};
use std::io::Write;
use std::path::Path;
use std::sync::mpsc;
use std::time::Duration;

/// Errors of the store.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum StoreError {
    /// The storage failed (disk, lock, corruption).
    #[error("store: {0}")]
    Storage(#[from] StorageError),
    /// The SPARQL text is not valid.
    #[error("SPARQL syntax error: {0}")]
    Syntax(#[from] oxigraph::sparql::SparqlSyntaxError),
    /// The query failed while it ran.
    #[error("query evaluation failed: {0}")]
    Evaluation(#[from] oxigraph::sparql::QueryEvaluationError),
    /// A parameter cannot be bound (a blank node), or the query to bind it in does not parse.
    #[error("{0}")]
    Bind(String),
    /// A parameter name is not a SPARQL variable name.
    #[error("parameter {name:?} is not a valid SPARQL variable name")]
    Parameter {
        /// The name given.
        name: String,
    },
    /// The RDF mapping or the embedded ontology failed.
    #[error(transparent)]
    Rdf(#[from] RdfError),
    /// Writing a dump failed.
    #[error("writing: {0}")]
    Io(#[from] std::io::Error),
    /// Serialising a dump failed.
    #[error("serialising: {0}")]
    Serializer(#[from] oxigraph::store::SerializerError),
    /// The query ran past its time limit and was stopped.
    #[error("the query was stopped after the time limit of {0:?}")]
    Timeout(Duration),
    /// The query gave more results than allowed.
    #[error("the query gives more than {0} results; add a LIMIT or raise the limit")]
    TooManyResults(usize),
    /// A SPARQL update failed.
    #[error("update failed: {0}")]
    Update(#[from] oxigraph::sparql::UpdateEvaluationError),
    /// A document of a bulk ingest could not be read; none of the run's new documents was loaded.
    #[error("{0}; none of the run's new documents was loaded")]
    Input(#[source] crate::parse::Error),
    /// A bulk ingest's documents ran out before its plan did; none of them was loaded.
    #[error("the run gave {given} of its {planned} new documents; none of them was loaded")]
    RunCutShort {
        /// Documents given.
        given: usize,
        /// Documents planned.
        planned: usize,
    },
}

/// Limits on one query: a time limit (the evaluation is cancelled when it passes) and a
/// maximum number of result rows or triples. `Limits::default()` sets none.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Limits {
    /// Cancel the query after this long.
    pub timeout: Option<Duration>,
    /// Fail when the query gives more rows (SELECT) or triples (CONSTRUCT/DESCRIBE) than this.
    pub max_results: Option<usize>,
}

/// The graph holding the ontology (classes and properties).
pub const ONTOLOGY_GRAPH: &str = "https://w3id.org/hankegraph/graph/ontology";
/// The graph holding the fixed concept schemes.
pub const CONCEPTS_GRAPH: &str = "https://w3id.org/hankegraph/graph/concepts";
/// The ontology text, whose digest marks the loaded version.
const ONTOLOGY_TTL: &str = include_str!("../../ontology/hankegraph.ttl");
const FILE_NAME: NamedNodeRef<'static> =
    NamedNodeRef::new_unchecked("https://w3id.org/hankegraph/ontology#fileName");
const SHA256: NamedNodeRef<'static> =
    NamedNodeRef::new_unchecked("https://w3id.org/hankegraph/ontology#sha256");

/// What ingesting one document did.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum IngestOutcome {
    /// The same bytes were already in the store under this file name: nothing changed.
    Unchanged,
    /// The same bytes were in the store under another file name; this name was added.
    NameAdded,
    /// A new document graph was written.
    Added {
        /// Quads written.
        quads: usize,
    },
    /// A new version of a file: its old graph(s) were replaced.
    Replaced {
        /// Quads written.
        quads: usize,
        /// Graphs removed.
        removed: usize,
    },
}

/// The memory bound of a bulk load's batches, in megabytes ([`GraphStore::load_bulk`]).
/// Oxigraph's own default holds a million quads per batch and thread; batches of this size load
/// 100 000 generated cards faster on 2 cores (30 s against 42 s) in a quarter of the memory
/// (0.45 GB against 1.9 GB at the peak): see docs/benchmarks.md.
pub const DEFAULT_LOAD_MEMORY_MB: usize = 200;

/// What a bulk ingest will do with each document of a run ([`GraphStore::plan_bulk`]).
#[derive(Debug, Default)]
pub struct BulkPlan {
    /// The outcome of each document known before loading; `None` for the new ones.
    outcomes: Vec<Option<IngestOutcome>>,
    /// The new documents: (position in the run, older versions, quads they had).
    new: Vec<(usize, usize, usize)>,
}

impl BulkPlan {
    /// The positions in the run of the documents to write, in order.
    pub fn new_documents(&self) -> Vec<usize> {
        self.new.iter().map(|&(i, _, _)| i).collect()
    }
}

/// The quads of each document in turn, or the first error.
struct FlattenOk<I> {
    docs: I,
    quads: std::vec::IntoIter<Quad>,
}

impl<I> FlattenOk<I> {
    fn new(docs: I) -> Self {
        FlattenOk {
            docs,
            quads: Vec::new().into_iter(),
        }
    }
}

impl<I: Iterator<Item = Result<Vec<Quad>, crate::parse::Error>>> Iterator for FlattenOk<I> {
    type Item = Result<Quad, StoreError>;

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            if let Some(q) = self.quads.next() {
                return Some(Ok(q));
            }
            match self.docs.next()? {
                Ok(quads) => self.quads = quads.into_iter(),
                Err(e) => return Some(Err(StoreError::Input(e))),
            }
        }
    }
}

/// What writing a project's register page did.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RegisterOutcome {
    /// The project had no register graph; one was written.
    Added {
        /// Quads written.
        quads: usize,
    },
    /// The project's register graph was replaced by one with other quads.
    Replaced {
        /// Quads written.
        quads: usize,
    },
    /// The graph already held exactly these quads: nothing changed.
    Unchanged,
}

const BUSINESS_ID: NamedNodeRef<'static> =
    NamedNodeRef::new_unchecked("https://w3id.org/hankegraph/ontology#businessId");
const SCHEMA_NAME: NamedNodeRef<'static> = NamedNodeRef::new_unchecked("http://schema.org/name");

/// The results of a query, materialised.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Answer {
    /// A SELECT: variables and rows (unbound cells are `None`).
    Table {
        /// Column names, without `?`.
        variables: Vec<String>,
        /// Rows in result order.
        rows: Vec<Vec<Option<Term>>>,
    },
    /// An ASK.
    Boolean(bool),
    /// A CONSTRUCT or DESCRIBE.
    Graph(Vec<Triple>),
}

/// The hankegraph store.
pub struct GraphStore {
    store: Store,
}

/// The last path component of a file name, as the mapping stores it.
pub fn file_name_of(file: &str) -> &str {
    file.rsplit(['/', '\\']).next().unwrap_or(file)
}

impl GraphStore {
    /// Opens (or creates) the on-disk store at `path`, loading the ontology if it changed.
    pub fn open(path: &Path) -> Result<Self, StoreError> {
        let s = GraphStore {
            store: Store::open(path)?,
        };
        s.ensure_ontology()?;
        Ok(s)
    }

    /// A store in memory, for tests and one-off runs.
    pub fn in_memory() -> Result<Self, StoreError> {
        let s = GraphStore {
            store: Store::new()?,
        };
        s.ensure_ontology()?;
        Ok(s)
    }

    /// The Oxigraph store underneath.
    pub fn inner(&self) -> &Store {
        &self.store
    }

    /// Loads the embedded ontology and concept schemes into their graphs unless the same text is
    /// already there. Returns true when it (re)loaded them.
    pub fn ensure_ontology(&self) -> Result<bool, StoreError> {
        let onto = NamedNode::new_unchecked(ONTOLOGY_GRAPH);
        let marker = Literal::new_simple_literal(hex(&Sha256::digest(ONTOLOGY_TTL.as_bytes())));
        if self
            .store
            .contains(QuadRef::new(&onto, SHA256, &marker, &onto))?
        {
            return Ok(false);
        }
        let quads = rdf::ontology_quads()?;
        let mut t = self.store.start_transaction()?;
        t.clear_graph(GraphNameRef::NamedNode(onto.as_ref()))?;
        t.clear_graph(GraphNameRef::NamedNode(NamedNodeRef::new_unchecked(
            CONCEPTS_GRAPH,
        )))?;
        for q in &quads {
            t.insert(q);
        }
        t.insert(QuadRef::new(&onto, SHA256, &marker, &onto));
        t.commit()?;
        Ok(true)
    }

    /// Ingests one parsed document in one transaction.
    pub fn ingest(&self, doc: &Document, prov: &Provenance) -> Result<IngestOutcome, StoreError> {
        let graph = rdf::document_graph(doc);
        let name = Literal::new_simple_literal(file_name_of(&doc.file));
        let mut t = self.store.start_transaction()?;
        let outcome = match already_stored(&mut t, &graph, &name)? {
            Some(outcome) => outcome,
            None => {
                let (older, removed) = drop_older_versions(&mut t, &graph, &name)?;
                let quads = rdf::document_quads(doc, prov);
                for q in &quads {
                    t.insert(q);
                }
                written(quads.len(), older, removed)
            }
        };
        t.commit()?;
        Ok(outcome)
    }

    /// Ingests many documents: those already stored (same bytes) change nothing or gain a file
    /// name, older versions of the same files are removed in one transaction, and every new
    /// document graph is written with Oxigraph's bulk loader, which commits atomically: a run
    /// killed during the load leaves the new documents out and the store consistent.
    /// `on_progress` is called from time to time with the number of quads loaded.
    pub fn ingest_bulk(
        &self,
        docs: &[Document],
        prov: &Provenance,
        on_progress: impl Fn(u64) + Send + Sync + 'static,
    ) -> Result<Vec<IngestOutcome>, StoreError> {
        let plan = self.plan_bulk(docs.iter().map(|d| (d.sha256.as_str(), d.file.as_str())))?;
        let new = plan.new_documents();
        let new_docs = new
            .into_iter()
            .filter_map(|i| docs.get(i))
            .map(Ok::<_, crate::parse::Error>);
        self.load_bulk(plan, new_docs, prov, DEFAULT_LOAD_MEMORY_MB, on_progress)
    }

    /// The first step of a bulk ingest, before any document is parsed: for each document, given
    /// as (SHA-256 of its bytes, file name as given) in the run's order, whether it is stored
    /// already (then it changes nothing or gains a file name, written now) or is new; the older
    /// versions of the new documents' files are removed, in one transaction.
    pub fn plan_bulk<'a>(
        &self,
        docs: impl IntoIterator<Item = (&'a str, &'a str)>,
    ) -> Result<BulkPlan, StoreError> {
        let mut plan = BulkPlan::default();
        let mut t = self.store.start_transaction()?;
        let mut seen: HashSet<String> = HashSet::new();
        for (i, (sha256, file)) in docs.into_iter().enumerate() {
            let graph = rdf::document_iri(sha256);
            let name = Literal::new_simple_literal(file_name_of(file));
            if !seen.insert(graph.as_str().to_owned()) {
                // the same bytes twice in this run: written once
                plan.outcomes.push(Some(IngestOutcome::Unchanged));
                continue;
            }
            if let Some(outcome) = already_stored(&mut t, &graph, &name)? {
                plan.outcomes.push(Some(outcome));
                continue;
            }
            let (older, removed) = drop_older_versions(&mut t, &graph, &name)?;
            plan.new.push((i, older, removed));
            plan.outcomes.push(None);
        }
        t.commit()?;
        Ok(plan)
    }

    /// The second step of a bulk ingest: writes the new documents of `plan`, which `docs` gives
    /// in the plan's order ([`BulkPlan::new_documents`]), with Oxigraph's bulk loader. Each
    /// document is mapped to quads as the loader takes it, so that neither the documents nor
    /// their quads are ever all in memory. The load commits atomically at the end: when `docs`
    /// gives an error (or fewer documents than planned), none of the new documents is loaded.
    /// What the plan did stays done (the older versions of the new documents' files are gone),
    /// as after an ingest killed during its load: running the ingest again completes it.
    ///
    /// `load_memory_mb` bounds the loader's batches ([`DEFAULT_LOAD_MEMORY_MB`] is a good
    /// choice): the quads it holds at once are about this many megabytes in all, whatever the
    /// size of the run.
    pub fn load_bulk<D: std::borrow::Borrow<Document>>(
        &self,
        plan: BulkPlan,
        docs: impl Iterator<Item = Result<D, crate::parse::Error>>,
        prov: &Provenance,
        load_memory_mb: usize,
        on_progress: impl Fn(u64) + Send + Sync + 'static,
    ) -> Result<Vec<IngestOutcome>, StoreError> {
        let BulkPlan { mut outcomes, new } = plan;
        let mut counts: Vec<usize> = Vec::with_capacity(new.len());
        let mut loader = self
            .store
            .bulk_loader()
            .with_max_memory_size_in_megabytes(load_memory_mb.max(1))
            .on_progress(on_progress);
        let quads = docs.take(new.len()).map(|d| {
            d.map(|d| {
                let quads = rdf::document_quads(d.borrow(), prov);
                counts.push(quads.len());
                quads
            })
        });
        let flat = FlattenOk::new(quads);
        loader.load_ok_quads::<StoreError, StoreError>(flat)?;
        if counts.len() < new.len() {
            return Err(StoreError::RunCutShort {
                given: counts.len(),
                planned: new.len(),
            });
        }
        loader.commit()?;
        for (&(i, older, removed), quads) in new.iter().zip(counts) {
            if let Some(slot) = outcomes.get_mut(i) {
                *slot = Some(written(quads, older, removed));
            }
        }
        Ok(outcomes
            .into_iter()
            .map(|o| o.unwrap_or(IngestOutcome::Unchanged))
            .collect())
    }

    /// Writes the register page of project `code` into its register graph `…/register/{code}`,
    /// replacing what an earlier enrichment wrote there, in one transaction. Card graphs are
    /// not touched. Organisations are resolved by [`GraphStore::register_organisation`].
    ///
    /// Returns `None` when `code` is not a project code.
    pub fn write_register_page(
        &self,
        code: &str,
        page: &RegisterPage,
        fetch: &RegisterFetch,
    ) -> Result<Option<RegisterOutcome>, StoreError> {
        let Some(graph) = rdf::register_graph(code) else {
            return Ok(None);
        };
        let mut assigned = BTreeMap::new();
        let mut failure = None;
        let quads =
            rdf::register_quads(
                code,
                page,
                fetch,
                &mut |org: &RegisterOrganisation| match self.register_organisation(
                    org,
                    &graph,
                    &mut assigned,
                ) {
                    Ok(node) => node,
                    Err(e) => {
                        failure.get_or_insert(e);
                        None
                    }
                },
            );
        if let Some(e) = failure {
            return Err(e);
        }
        let mut t = self.store.start_transaction()?;
        let old: HashSet<Quad> = t
            .quads_for_pattern(None, None, None, Some(graph.as_ref().into()))
            .collect::<Result<_, _>>()?;
        let new: HashSet<&Quad> = quads.iter().collect();
        if !old.is_empty() && old.len() == new.len() && old.iter().all(|q| new.contains(q)) {
            return Ok(Some(RegisterOutcome::Unchanged));
        }
        t.clear_graph(GraphNameRef::NamedNode(graph.as_ref()))?;
        for q in &quads {
            t.insert(q);
        }
        t.commit()?;
        Ok(Some(if old.is_empty() {
            RegisterOutcome::Added { quads: quads.len() }
        } else {
            RegisterOutcome::Replaced { quads: quads.len() }
        }))
    }

    /// The node an organisation of a register page is written on (docs/mapping.md §18.3):
    ///
    /// 1. with a business ID that an organisation of the store (or of this page) already
    ///    carries: that organisation, whatever its name;
    /// 2. otherwise the organisation named like it (the IRI of its canonical name, as cards
    ///    mint it), unless that node carries another business ID;
    /// 3. in that case a node of its own, `…/organisation/{slug}-{business ID}`.
    ///
    /// Facts already in `graph` (the register graph being replaced) do not count. `assigned`
    /// remembers the choices made for one page.
    pub fn register_organisation(
        &self,
        org: &RegisterOrganisation,
        graph: &NamedNode,
        assigned: &mut BTreeMap<BusinessId, NamedNode>,
    ) -> Result<Option<OrganisationNode>, StoreError> {
        let elsewhere = |g: &GraphName| !matches!(g, GraphName::NamedNode(n) if n == graph);
        let iri = match &org.business_id {
            Some(id) => match assigned.get(id) {
                Some(iri) => Some(iri.clone()),
                None => {
                    let lit = Literal::new_simple_literal(id.as_str());
                    let mut holders: Vec<NamedNode> = Vec::new();
                    for q in self.store.quads_for_pattern(
                        None,
                        Some(BUSINESS_ID),
                        Some(lit.as_ref().into()),
                        None,
                    ) {
                        let q = q?;
                        if let (NamedOrBlankNode::NamedNode(s), true) =
                            (q.subject, elsewhere(&q.graph_name))
                        {
                            holders.push(s);
                        }
                    }
                    holders.sort();
                    holders.into_iter().next()
                }
            },
            None => None,
        };
        let iri = match iri {
            Some(iri) => iri,
            None => {
                let Some(by_name) = rdf::organisation_node(&canonical_organisation(&org.name))
                else {
                    return Ok(None);
                };
                match &org.business_id {
                    Some(id) if self.carries_other_id(&by_name, id, graph, assigned)? => {
                        NamedNode::new_unchecked(format!("{}-{}", by_name.as_str(), id.as_str()))
                    }
                    _ => by_name,
                }
            }
        };
        if let Some(id) = &org.business_id {
            assigned.insert(id.clone(), iri.clone());
        }
        let mut named_elsewhere = false;
        for q in
            self.store
                .quads_for_pattern(Some(iri.as_ref().into()), Some(SCHEMA_NAME), None, None)
        {
            if elsewhere(&q?.graph_name) {
                named_elsewhere = true;
                break;
            }
        }
        Ok(Some(OrganisationNode {
            iri,
            named_elsewhere,
        }))
    }

    /// True when `node` carries a business ID other than `id` (outside `graph`, or assigned on
    /// this page).
    fn carries_other_id(
        &self,
        node: &NamedNode,
        id: &BusinessId,
        graph: &NamedNode,
        assigned: &BTreeMap<BusinessId, NamedNode>,
    ) -> Result<bool, StoreError> {
        if assigned.iter().any(|(other, n)| n == node && other != id) {
            return Ok(true);
        }
        for q in
            self.store
                .quads_for_pattern(Some(node.as_ref().into()), Some(BUSINESS_ID), None, None)
        {
            let q = q?;
            let other = matches!(&q.object, Term::Literal(l) if l.value() != id.as_str());
            let elsewhere = !matches!(&q.graph_name, GraphName::NamedNode(n) if n == graph);
            if other && elsewhere {
                return Ok(true);
            }
        }
        Ok(false)
    }

    /// Every project code the store knows (from cards, decisions, mentions and register
    /// pages), sorted.
    pub fn project_codes(&self) -> Result<Vec<String>, StoreError> {
        let code = NamedNodeRef::new_unchecked("https://w3id.org/hankegraph/ontology#projectCode");
        let mut codes = BTreeSet::new();
        for q in self.store.quads_for_pattern(None, Some(code), None, None) {
            if let Term::Literal(l) = q?.object {
                if let Some(c) = rdf::normalise_code(l.value()) {
                    codes.insert(c);
                }
            }
        }
        Ok(codes.into_iter().collect())
    }

    /// Number of quads in the store.
    pub fn len(&self) -> Result<usize, StoreError> {
        Ok(self.store.len()?)
    }

    /// True when the store holds no quad at all.
    pub fn is_empty(&self) -> Result<bool, StoreError> {
        Ok(self.store.is_empty()?)
    }

    /// Runs a SPARQL query over the union of all graphs, with `params` bound to variables.
    ///
    /// ```
    /// use hankegraph::store::{Answer, GraphStore};
    /// use oxigraph::model::{Literal, Term};
    /// let store = GraphStore::in_memory()?;
    /// let answer = store.query("SELECT ?x WHERE { }", &[("x".into(), Term::from(Literal::new_simple_literal("S20474")))])?;
    /// let Answer::Table { rows, .. } = answer else { panic!() };
    /// assert_eq!(rows[0][0].as_ref().map(|t| t.to_string()).as_deref(), Some("\"S20474\""));
    /// # Ok::<_, hankegraph::store::StoreError>(())
    /// ```
    pub fn query(&self, sparql: &str, params: &[(String, Term)]) -> Result<Answer, StoreError> {
        self.query_limited(sparql, params, Limits::default())
    }

    /// Runs a query as [`GraphStore::query`] does, within `limits`: past the time limit the
    /// evaluation is cancelled ([`StoreError::Timeout`]); past the result limit it stops
    /// ([`StoreError::TooManyResults`]).
    pub fn query_limited(
        &self,
        sparql: &str,
        params: &[(String, Term)],
        limits: Limits,
    ) -> Result<Answer, StoreError> {
        let token = CancellationToken::new();
        // a projected variable is substituted; one that is not (a text to look for in a
        // FILTER, say) is bound by a VALUES block inside the query's pattern
        let projected = projected_variables(sparql);
        let (substituted, in_values): (Vec<_>, Vec<_>) =
            params.iter().cloned().partition(|(name, _)| {
                projected
                    .as_ref()
                    .is_none_or(|vars| vars.iter().any(|v| v.as_str() == name))
            });
        let text = if in_values.is_empty() {
            std::borrow::Cow::Borrowed(sparql)
        } else {
            std::borrow::Cow::Owned(bind_values(sparql, &in_values)?)
        };
        let mut prepared = SparqlEvaluator::new()
            .with_cancellation_token(token.clone())
            .parse_query(&text)?;
        prepared.dataset_mut().set_default_graph_as_union();
        for (name, term) in substituted {
            let var = Variable::new(&name).map_err(|_| StoreError::Parameter { name })?;
            prepared = prepared.substitute_variable(var, term);
        }
        let max = limits.max_results;
        let Some(timeout) = limits.timeout else {
            return evaluate(&self.store, prepared, max, &token);
        };
        // the evaluation runs on a thread of its own, so that the caller gets its answer at the
        // deadline even when the evaluator is busy in memory (a cartesian product) and does not
        // look at the cancellation token until it next reads the store
        let store = self.store.clone();
        let (send, receive) = mpsc::channel();
        let cancelled = token.clone();
        std::thread::spawn(move || {
            let _ = send.send(evaluate(&store, prepared, max, &cancelled));
        });
        match receive.recv_timeout(timeout) {
            Ok(Err(StoreError::Evaluation(QueryEvaluationError::Cancelled))) | Err(_) => {
                token.cancel();
                Err(StoreError::Timeout(timeout))
            }
            Ok(result) => result,
        }
    }

    /// Runs a SPARQL 1.1 Update on the store (the union default graph is not used: updates
    /// name their graphs).
    pub fn update(&self, sparql: &str) -> Result<(), StoreError> {
        SparqlEvaluator::new()
            .parse_update(sparql)?
            .on_store(&self.store)
            .execute()?;
        Ok(())
    }

    /// Writes the whole dataset (every named graph) in a dataset format (N-Quads, TriG), or the
    /// union of all graphs, de-duplicated, in a graph format (Turtle, N-Triples) or JSON-LD.
    pub fn dump(&self, format: RdfFormat, out: impl Write) -> Result<(), StoreError> {
        if format.supports_datasets() {
            self.store
                .dump_to_writer(format_with_prefixes(format), out)?;
            return Ok(());
        }
        let mut triples: BTreeSet<(String, String, String)> = BTreeSet::new();
        let mut ordered: Vec<Triple> = Vec::new();
        for q in self.store.iter() {
            let q = q?;
            let key = (
                q.subject.to_string(),
                q.predicate.to_string(),
                q.object.to_string(),
            );
            if triples.insert(key) {
                ordered.push(Triple::new(q.subject, q.predicate, q.object));
            }
        }
        ordered.sort_by_cached_key(|t| {
            (
                t.subject.to_string(),
                t.predicate.to_string(),
                t.object.to_string(),
            )
        });
        let mut w = prefixed(RdfSerializer::from_format(format)).for_writer(out);
        for t in &ordered {
            w.serialize_triple(t)?;
        }
        w.finish()?;
        Ok(())
    }

    /// The triples of the document graph(s) that carry a file name, for tests and reports.
    pub fn quads_in_graph(&self, graph: &NamedNode) -> Result<Vec<Quad>, StoreError> {
        Ok(self
            .store
            .quads_for_pattern(None, None, None, Some(graph.as_ref().into()))
            .collect::<Result<_, _>>()?)
    }

    /// Every document graph (all named graphs but the ontology and concept graphs).
    pub fn document_graphs(&self) -> Result<Vec<NamedOrBlankNode>, StoreError> {
        let mut out = Vec::new();
        for g in self.store.named_graphs() {
            let g = g?;
            let keep = match &g {
                NamedOrBlankNode::NamedNode(n) => {
                    n.as_str() != ONTOLOGY_GRAPH && n.as_str() != CONCEPTS_GRAPH
                }
                NamedOrBlankNode::BlankNode(_) => true,
            };
            if keep {
                out.push(g);
            }
        }
        Ok(out)
    }
}

/// Evaluates `prepared`, stopping at `max` results, and at the next solution or triple once
/// `token` is cancelled (Oxigraph itself looks at the token only when it reads the store).
fn evaluate(
    store: &Store,
    prepared: oxigraph::sparql::PreparedSparqlQuery,
    max: Option<usize>,
    token: &CancellationToken,
) -> Result<Answer, StoreError> {
    let max = max.unwrap_or(usize::MAX);
    let alive = || {
        if token.is_cancelled() {
            Err(StoreError::Evaluation(QueryEvaluationError::Cancelled))
        } else {
            Ok(())
        }
    };
    Ok(match prepared.on_store(store).execute()? {
        QueryResults::Solutions(solutions) => {
            let variables: Vec<Variable> = solutions.variables().to_vec();
            let mut rows = Vec::new();
            for s in solutions {
                let s = s?;
                alive()?;
                if rows.len() == max {
                    return Err(StoreError::TooManyResults(max));
                }
                rows.push(variables.iter().map(|v| s.get(v).cloned()).collect());
            }
            Answer::Table {
                variables: variables.iter().map(|v| v.as_str().to_owned()).collect(),
                rows,
            }
        }
        QueryResults::Boolean(b) => Answer::Boolean(b),
        QueryResults::Graph(triples) => {
            let mut out = Vec::new();
            for t in triples {
                let t = t?;
                alive()?;
                if out.len() == max {
                    return Err(StoreError::TooManyResults(max));
                }
                out.push(t);
            }
            Answer::Graph(out)
        }
    })
}

/// When the document's bytes are already stored: `Some(Unchanged)`, or `Some(NameAdded)` after
/// adding this file name to its graph. `None` when the document must be written.
fn already_stored(
    t: &mut Transaction<'_>,
    graph: &NamedNode,
    name: &Literal,
) -> Result<Option<IngestOutcome>, StoreError> {
    let stored = t
        .quads_for_pattern(
            Some(graph.as_ref().into()),
            Some(SHA256),
            None,
            Some(graph.as_ref().into()),
        )
        .next()
        .is_some();
    if !stored {
        return Ok(None);
    }
    let named = QuadRef::new(graph, FILE_NAME, name, graph);
    if t.contains(named)? {
        return Ok(Some(IngestOutcome::Unchanged));
    }
    t.insert(named);
    Ok(Some(IngestOutcome::NameAdded))
}

/// Removes the older versions of the file `name`: the other graphs that carry it. An old graph
/// that is still another file's content only loses this name. Returns (older versions found,
/// graphs removed).
fn drop_older_versions(
    t: &mut Transaction<'_>,
    graph: &NamedNode,
    name: &Literal,
) -> Result<(usize, usize), StoreError> {
    let mut older: Vec<NamedNode> = Vec::new();
    for q in t.quads_for_pattern(None, Some(FILE_NAME), Some(name.as_ref().into()), None) {
        if let GraphName::NamedNode(g) = q?.graph_name {
            if g != *graph && !older.contains(&g) {
                older.push(g);
            }
        }
    }
    let mut removed = 0;
    for old in &older {
        let names = t
            .quads_for_pattern(
                Some(old.as_ref().into()),
                Some(FILE_NAME),
                None,
                Some(old.as_ref().into()),
            )
            .count();
        if names > 1 {
            t.remove(QuadRef::new(old, FILE_NAME, name, old));
        } else {
            t.remove_named_graph(old.as_ref())?;
            removed += 1;
        }
    }
    Ok((older.len(), removed))
}

/// The outcome of writing a document graph of `quads` quads.
fn written(quads: usize, older: usize, removed: usize) -> IngestOutcome {
    if older == 0 {
        IngestOutcome::Added { quads }
    } else {
        IngestOutcome::Replaced { quads, removed }
    }
}

/// The prefixes dumps use.
const PREFIXES: &[(&str, &str)] = &[
    ("hg", "https://w3id.org/hankegraph/ontology#"),
    ("project", "https://w3id.org/hankegraph/project/"),
    ("hgorg", "https://w3id.org/hankegraph/organisation/"),
    ("hgdoc", "https://w3id.org/hankegraph/document/"),
    ("hgdec", "https://w3id.org/hankegraph/decision/"),
    ("hgtg", "https://w3id.org/hankegraph/concept/target-group/"),
    ("hgfu", "https://w3id.org/hankegraph/concept/funder/"),
    ("hgrk", "https://w3id.org/hankegraph/concept/relation-kind/"),
    (
        "hgem",
        "https://w3id.org/hankegraph/concept/evidence-method/",
    ),
    ("hgout", "https://w3id.org/hankegraph/concept/outcome/"),
    ("hgfk", "https://w3id.org/hankegraph/concept/funding-kind/"),
    ("hgdk", "https://w3id.org/hankegraph/concept/document-kind/"),
    (
        "hgdo",
        "https://w3id.org/hankegraph/concept/decision-outcome/",
    ),
    ("org", "http://www.w3.org/ns/org#"),
    ("schema", "http://schema.org/"),
    ("prov", "http://www.w3.org/ns/prov#"),
    ("skos", "http://www.w3.org/2004/02/skos/core#"),
    ("dcterms", "http://purl.org/dc/terms/"),
    ("xsd", "http://www.w3.org/2001/XMLSchema#"),
    ("rdfs", "http://www.w3.org/2000/01/rdf-schema#"),
    ("owl", "http://www.w3.org/2002/07/owl#"),
];

fn prefixed(mut s: RdfSerializer) -> RdfSerializer {
    for (p, iri) in PREFIXES {
        s = match s.clone().with_prefix(*p, *iri) {
            Ok(with) => with,
            Err(_) => s,
        };
    }
    s
}

fn format_with_prefixes(format: RdfFormat) -> RdfSerializer {
    prefixed(RdfSerializer::from_format(format))
}

/// Reads a parameter value: an RDF term in N-Triples syntax (`<http://…>`, `"text"@fi`,
/// `"5"^^<http://www.w3.org/2001/XMLSchema#integer>`), or else a plain string literal.
///
/// ```
/// use hankegraph::store::parse_param_value;
/// assert_eq!(parse_param_value("S20474").to_string(), "\"S20474\"");
/// assert_eq!(parse_param_value("<https://w3id.org/hankegraph/project/S20474>").to_string(), "<https://w3id.org/hankegraph/project/S20474>");
/// ```
pub fn parse_param_value(value: &str) -> Term {
    value
        .parse::<Term>()
        .unwrap_or_else(|_| Literal::new_simple_literal(value).into())
}

/// Renders a term for a table cell: IRIs with their known prefix, literals by their value.
pub fn cell(term: Option<&Term>) -> String {
    match term.map(Term::as_ref) {
        None => String::new(),
        Some(TermRef::NamedNode(n)) => {
            for (p, iri) in PREFIXES {
                if let Some(local) = n.as_str().strip_prefix(iri) {
                    return format!("{p}:{local}");
                }
            }
            n.as_str().to_owned()
        }
        Some(TermRef::Literal(l)) => l.value().to_owned(),
        Some(other) => other.to_string(),
    }
}
