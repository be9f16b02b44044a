//! The SPARQL 1.1 Protocol at `/sparql`: reading the operation from GET or POST, content
//! negotiation, CORS and the status codes.

use super::{form_pairs, html, App, Request, Response};
use crate::store::{Answer, StoreError};
use oxigraph::io::{JsonLdProfileSet, RdfFormat, RdfSerializer};
use oxigraph::model::Variable;
use oxigraph::sparql::results::{QueryResultsFormat, QueryResultsSerializer};

/// Media types offered for SELECT and ASK results, the first being the default.
const RESULT_TYPES: &[(&str, QueryResultsFormat)] = &[
    ("application/sparql-results+json", QueryResultsFormat::Json),
    ("application/json", QueryResultsFormat::Json),
    ("application/sparql-results+xml", QueryResultsFormat::Xml),
    ("application/xml", QueryResultsFormat::Xml),
    ("text/csv", QueryResultsFormat::Csv),
    ("text/tab-separated-values", QueryResultsFormat::Tsv),
];

/// Media types offered for CONSTRUCT and DESCRIBE results, the first being the default.
const GRAPH_TYPES: &[(&str, GraphFormat)] = &[
    ("text/turtle", GraphFormat::Turtle),
    ("application/n-triples", GraphFormat::NTriples),
    ("application/ld+json", GraphFormat::JsonLd),
    ("application/rdf+xml", GraphFormat::RdfXml),
];

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum GraphFormat {
    Turtle,
    NTriples,
    JsonLd,
    RdfXml,
}

impl GraphFormat {
    fn rdf_format(self) -> RdfFormat {
        match self {
            GraphFormat::Turtle => RdfFormat::Turtle,
            GraphFormat::NTriples => RdfFormat::NTriples,
            GraphFormat::JsonLd => RdfFormat::JsonLd {
                profile: JsonLdProfileSet::empty(),
            },
            GraphFormat::RdfXml => RdfFormat::RdfXml,
        }
    }
}

/// What a request asks for.
enum Operation {
    Query(String),
    Update(String),
}

/// Answers a request to `/sparql`.
pub fn handle(app: &App, req: &Request) -> Response {
    cors(match req.method.as_str() {
        "OPTIONS" => Response::new(204, "text/plain", Vec::new())
            .with_header("Access-Control-Allow-Methods", "GET, POST, OPTIONS")
            .with_header("Access-Control-Allow-Headers", "Content-Type, Accept")
            .with_header("Access-Control-Max-Age", "86400"),
        "GET" | "HEAD" | "POST" => match operation(req) {
            Ok(Some(Operation::Query(q))) => query(app, &q, req.accept.as_deref()),
            Ok(Some(Operation::Update(u))) => update(app, &u),
            Ok(None) if req.method != "POST" => html::sparql_form(),
            Ok(None) => Response::text(400, "no query: send `query` or `update`"),
            Err(response) => response,
        },
        _ => Response::text(405, "the SPARQL endpoint takes GET, POST and OPTIONS")
            .with_header("Allow", "GET, POST, OPTIONS"),
    })
}

/// Adds the headers that let a page on another origin read the response.
fn cors(r: Response) -> Response {
    r.with_header("Access-Control-Allow-Origin", "*")
        .with_header("Vary", "Accept")
}

/// Reads the operation of a request as the protocol defines it.
fn operation(req: &Request) -> Result<Option<Operation>, Response> {
    let from_pairs = |pairs: &[(String, String)]| {
        let get = |k: &str| pairs.iter().find(|(n, _)| n == k).map(|(_, v)| v.clone());
        match (get("query"), get("update")) {
            (Some(_), Some(_)) => Err(Response::text(400, "give `query` or `update`, not both")),
            (Some(q), None) => Ok(Some(Operation::Query(q))),
            (None, Some(u)) => Ok(Some(Operation::Update(u))),
            (None, None) => Ok(None),
        }
    };
    if req.method != "POST" {
        return match from_pairs(&req.query)? {
            Some(Operation::Update(_)) => Err(Response::text(
                400,
                "an update must be sent by POST (SPARQL 1.1 Protocol §2.2)",
            )),
            other => Ok(other),
        };
    }
    let media = req
        .content_type
        .as_deref()
        .and_then(|c| c.split(';').next())
        .map(|c| c.trim().to_ascii_lowercase())
        .unwrap_or_default();
    let text = || {
        String::from_utf8(req.body.clone())
            .map_err(|_| Response::text(400, "the request body is not UTF-8"))
    };
    match media.as_str() {
        "application/sparql-query" => Ok(Some(Operation::Query(text()?))),
        "application/sparql-update" => Ok(Some(Operation::Update(text()?))),
        "application/x-www-form-urlencoded" => from_pairs(&form_pairs(&req.body)),
        "" => Err(Response::text(400, "a POST needs a Content-Type")),
        other => Err(Response::text(
            415,
            format!("unsupported Content-Type {other:?}: use application/sparql-query, application/sparql-update or application/x-www-form-urlencoded"),
        )),
    }
}

fn update(app: &App, text: &str) -> Response {
    if !app.config.allow_update {
        return Response::text(
            403,
            "SPARQL Update is refused: this endpoint is read-only (start the server with --allow-update to accept updates)",
        );
    }
    match app.store.update(text) {
        Ok(()) => Response::new(204, "text/plain", Vec::new()),
        Err(e) => error_response(&e),
    }
}

fn query(app: &App, text: &str, accept: Option<&str>) -> Response {
    let answer = match app.store.query_limited(text, &[], app.config.limits) {
        Ok(a) => a,
        Err(e) => return error_response(&e),
    };
    match serialize(&answer, accept) {
        Ok((media, body)) => Response::new(200, media, body),
        Err(r) => r,
    }
}

/// The status and text of a failed query or update.
pub fn error_response(e: &StoreError) -> Response {
    let status = match e {
        StoreError::Syntax(_) | StoreError::Parameter { .. } => 400,
        StoreError::Timeout(_) => 503,
        _ => 500,
    };
    Response::text(status, e.to_string())
}

/// Serialises an answer in the media type the `Accept` header prefers.
fn serialize(answer: &Answer, accept: Option<&str>) -> Result<(&'static str, Vec<u8>), Response> {
    let not_acceptable = |offered: &[&str]| {
        Response::text(
            406,
            format!(
                "none of the accepted media types can be given; this result is offered as {}",
                offered.join(", ")
            ),
        )
    };
    let failed = |e: std::io::Error| Response::text(500, format!("serialising the results: {e}"));
    match answer {
        Answer::Graph(triples) => {
            let offered: Vec<&str> = GRAPH_TYPES.iter().map(|(m, _)| *m).collect();
            let (media, format) =
                negotiate(accept, GRAPH_TYPES).ok_or_else(|| not_acceptable(&offered))?;
            let mut w = RdfSerializer::from_format(format.rdf_format()).for_writer(Vec::new());
            for t in triples {
                w.serialize_triple(t).map_err(failed)?;
            }
            Ok((media, w.finish().map_err(failed)?))
        }
        Answer::Boolean(b) => {
            let offered: Vec<&str> = RESULT_TYPES.iter().map(|(m, _)| *m).collect();
            let (media, format) =
                negotiate(accept, RESULT_TYPES).ok_or_else(|| not_acceptable(&offered))?;
            let body = QueryResultsSerializer::from_format(format)
                .serialize_boolean_to_writer(Vec::new(), *b)
                .map_err(failed)?;
            Ok((media, body))
        }
        Answer::Table { variables, rows } => {
            let offered: Vec<&str> = RESULT_TYPES.iter().map(|(m, _)| *m).collect();
            let (media, format) =
                negotiate(accept, RESULT_TYPES).ok_or_else(|| not_acceptable(&offered))?;
            let vars: Vec<Variable> = variables
                .iter()
                .map(|v| Variable::new_unchecked(v.clone()))
                .collect();
            let mut w = QueryResultsSerializer::from_format(format)
                .serialize_solutions_to_writer(Vec::new(), vars.clone())
                .map_err(failed)?;
            for row in rows {
                w.serialize(
                    vars.iter()
                        .zip(row)
                        .filter_map(|(v, t)| t.as_ref().map(|t| (v.as_ref(), t.as_ref()))),
                )
                .map_err(failed)?;
            }
            Ok((media, w.finish().map_err(failed)?))
        }
    }
}

/// Picks the offered media type the `Accept` header likes best (highest q, then the order of
/// the header, then the order offered); no header means the first offered. `None` when nothing
/// offered is acceptable.
fn negotiate<T: Copy>(
    accept: Option<&str>,
    offered: &[(&'static str, T)],
) -> Option<(&'static str, T)> {
    let first = offered.first().copied();
    let Some(accept) = accept.filter(|a| !a.trim().is_empty()) else {
        return first;
    };
    let mut ranges: Vec<(String, f32, usize)> = Vec::new();
    for (i, part) in accept.split(',').enumerate() {
        let mut pieces = part.split(';');
        let media = pieces.next().unwrap_or("").trim().to_ascii_lowercase();
        let mut q = 1.0f32;
        for p in pieces {
            if let Some(v) = p.trim().strip_prefix("q=") {
                q = v.trim().parse().unwrap_or(0.0);
            }
        }
        if !media.is_empty() && q > 0.0 {
            ranges.push((media, q, i));
        }
    }
    ranges.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.2.cmp(&b.2)));
    for (media, _, _) in &ranges {
        if media == "*/*" {
            return first;
        }
        if let Some(kind) = media.strip_suffix("/*") {
            if let Some(hit) = offered
                .iter()
                .find(|(m, _)| m.split('/').next() == Some(kind))
            {
                return Some(*hit);
            }
        }
        if let Some(hit) = offered.iter().find(|(m, _)| m == media) {
            return Some(*hit);
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn negotiation_follows_q_values_and_wildcards() {
        let pick = |a: Option<&str>| negotiate(a, RESULT_TYPES).map(|(m, _)| m);
        assert_eq!(pick(None), Some("application/sparql-results+json"));
        assert_eq!(pick(Some("text/csv")), Some("text/csv"));
        assert_eq!(
            pick(Some("text/csv;q=0.5, application/sparql-results+xml")),
            Some("application/sparql-results+xml")
        );
        assert_eq!(
            pick(Some("text/html,application/xhtml+xml,*/*;q=0.8")),
            Some("application/sparql-results+json")
        );
        assert_eq!(pick(Some("text/*")), Some("text/csv"));
        assert_eq!(pick(Some("image/png")), None);
        assert_eq!(pick(Some("text/csv;q=0")), None);
        let graph = |a: Option<&str>| negotiate(a, GRAPH_TYPES).map(|(m, _)| m);
        assert_eq!(
            graph(Some("application/n-triples")),
            Some("application/n-triples")
        );
        assert_eq!(graph(Some("application/sparql-results+json")), None);
    }
}
