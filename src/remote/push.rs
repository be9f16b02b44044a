//! Pushing the store's named graphs to an external triple store.
//!
//! Each named graph (one per document, plus the ontology and concept graphs) is sent as
//! N-Triples in batches of at most `batch` triples:
//!
//! * over the [SPARQL 1.1 Graph Store HTTP Protocol](https://www.w3.org/TR/sparql11-http-rdf-update/):
//!   the first batch of a graph is a `PUT ?graph=G`, which replaces the graph, the next ones
//!   `POST ?graph=G`, which add to it — so pushing again replaces rather than duplicates;
//! * or as SPARQL 1.1 Update: `DROP SILENT GRAPH <G> ; INSERT DATA { GRAPH <G> { … } }`, then
//!   `INSERT DATA` for the next batches.
//!
//! A request that fails for a transient reason (connection refused or reset, timeout, HTTP
//! 408, 429 or 5xx) is retried with a doubling pause; a graph that still fails is reported in
//! the summary and the other graphs are still sent.

use super::{authorised, body_excerpt, Auth, RemoteError};
use crate::store::GraphStore;
use oxigraph::io::{RdfFormat, RdfSerializer};
use oxigraph::model::{NamedOrBlankNode, Triple};
use reqwest::blocking::Client;
use std::time::{Duration, Instant};

/// How the graphs are sent.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PushMode {
    /// Graph Store Protocol at this URL (e.g. `http://host/store`).
    GraphStore(reqwest::Url),
    /// SPARQL Update at this endpoint (e.g. `http://host/update`).
    Update(reqwest::Url),
}

/// Options of a push.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PushOptions {
    /// Triples per request at most.
    pub batch: usize,
    /// Retries of a request that failed for a transient reason.
    pub retries: u32,
    /// The first pause before a retry; it doubles each time.
    pub backoff: Duration,
    /// Basic-authentication credentials.
    pub auth: Option<Auth>,
}

impl Default for PushOptions {
    fn default() -> Self {
        PushOptions {
            batch: 10_000,
            retries: 3,
            backoff: Duration::from_millis(500),
            auth: None,
        }
    }
}

/// What a push did.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PushSummary {
    /// Named graphs sent completely.
    pub graphs: usize,
    /// Triples sent (in graphs sent completely or partly).
    pub triples: usize,
    /// HTTP requests that succeeded.
    pub requests: usize,
    /// Requests repeated after a transient failure.
    pub retries: usize,
    /// Bytes of RDF sent.
    pub bytes: usize,
    /// Graphs that could not be sent, with why.
    pub failed: Vec<(String, String)>,
    /// Wall-clock time.
    pub elapsed: Duration,
}

/// Sends every named graph of `store`; `on_graph` is called after each graph with its name
/// and number of triples.
pub fn push(
    store: &GraphStore,
    client: &Client,
    mode: &PushMode,
    options: &PushOptions,
    mut on_graph: impl FnMut(&str, usize),
) -> Result<PushSummary, RemoteError> {
    let started = Instant::now();
    let mut summary = PushSummary::default();
    let graphs: Vec<NamedOrBlankNode> = store
        .inner()
        .named_graphs()
        .collect::<Result<_, _>>()
        .map_err(crate::store::StoreError::from)?;
    for graph in graphs {
        let NamedOrBlankNode::NamedNode(name) = &graph else {
            summary.failed.push((
                graph.to_string(),
                "a graph named by a blank node cannot be addressed remotely".into(),
            ));
            continue;
        };
        let mut triples: Vec<Triple> = Vec::new();
        for q in store
            .inner()
            .quads_for_pattern(None, None, None, Some(name.as_ref().into()))
        {
            let q = q.map_err(crate::store::StoreError::from)?;
            triples.push(Triple::new(q.subject, q.predicate, q.object));
        }
        match send_graph(client, mode, options, name.as_str(), &triples, &mut summary) {
            Ok(()) => {
                summary.graphs += 1;
                on_graph(name.as_str(), triples.len());
            }
            Err(e) => summary
                .failed
                .push((name.as_str().to_owned(), e.to_string())),
        }
    }
    summary.elapsed = started.elapsed();
    Ok(summary)
}

fn ntriples(triples: &[Triple]) -> Result<String, RemoteError> {
    let mut w = RdfSerializer::from_format(RdfFormat::NTriples).for_writer(Vec::new());
    for t in triples {
        w.serialize_triple(t)
            .map_err(|e| RemoteError::Query(e.to_string()))?;
    }
    let bytes = w.finish().map_err(|e| RemoteError::Query(e.to_string()))?;
    String::from_utf8(bytes).map_err(|e| RemoteError::Query(e.to_string()))
}

fn send_graph(
    client: &Client,
    mode: &PushMode,
    options: &PushOptions,
    graph: &str,
    triples: &[Triple],
    summary: &mut PushSummary,
) -> Result<(), RemoteError> {
    let batch = options.batch.max(1);
    let mut chunks: Vec<&[Triple]> = triples.chunks(batch).collect();
    if chunks.is_empty() {
        // an empty graph still replaces the remote one
        chunks.push(&[]);
    }
    for (i, chunk) in chunks.iter().enumerate() {
        let body = ntriples(chunk)?;
        let (method, url, content_type, body) = match mode {
            PushMode::GraphStore(base) => {
                let mut url = base.clone();
                url.query_pairs_mut().append_pair("graph", graph);
                let method = if i == 0 {
                    reqwest::Method::PUT
                } else {
                    reqwest::Method::POST
                };
                (method, url, "application/n-triples", body)
            }
            PushMode::Update(endpoint) => {
                let insert = format!("INSERT DATA {{ GRAPH <{graph}> {{\n{body}}} }}");
                let text = if i == 0 {
                    format!("DROP SILENT GRAPH <{graph}> ;\n{insert}")
                } else {
                    insert
                };
                (
                    reqwest::Method::POST,
                    endpoint.clone(),
                    "application/sparql-update",
                    text,
                )
            }
        };
        let bytes = body.len();
        send_with_retries(client, options, method, &url, content_type, body, summary)?;
        summary.requests += 1;
        summary.bytes += bytes;
        summary.triples += chunk.len();
    }
    Ok(())
}

fn send_with_retries(
    client: &Client,
    options: &PushOptions,
    method: reqwest::Method,
    url: &reqwest::Url,
    content_type: &str,
    body: String,
    summary: &mut PushSummary,
) -> Result<(), RemoteError> {
    let mut pause = options.backoff;
    let mut attempt = 0;
    loop {
        let req = client
            .request(method.clone(), url.clone())
            .header(reqwest::header::CONTENT_TYPE, content_type)
            .body(body.clone());
        let error = match authorised(req, options.auth.as_ref()).send() {
            Ok(resp) if resp.status().is_success() => return Ok(()),
            Ok(resp) => {
                let status = resp.status();
                let transient = status.is_server_error()
                    || status == reqwest::StatusCode::TOO_MANY_REQUESTS
                    || status == reqwest::StatusCode::REQUEST_TIMEOUT;
                let e = RemoteError::Status {
                    url: url.to_string(),
                    status: status.as_u16(),
                    body: body_excerpt(&resp.text().unwrap_or_default()),
                };
                (e, transient)
            }
            Err(source) => {
                let transient = source.is_timeout() || source.is_connect() || source.is_request();
                (
                    RemoteError::Http {
                        url: url.to_string(),
                        source,
                    },
                    transient,
                )
            }
        };
        match error {
            (e, true) if attempt < options.retries => {
                let _ = e;
                attempt += 1;
                summary.retries += 1;
                std::thread::sleep(pause);
                pause = pause.saturating_mul(2);
            }
            (e, _) => return Err(e),
        }
    }
}
