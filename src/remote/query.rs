//! Running a query on a remote SPARQL endpoint (SPARQL 1.1 Protocol, POST
//! `application/sparql-query`), with parameters bound as RDF terms: the query is parsed, a
//! `VALUES` block with the bound terms is joined into its pattern, and the algebra is written
//! back as SPARQL. No user value is ever pasted into the query text.

use super::{authorised, body_excerpt, Auth, RemoteError};
use crate::store::{bind_values, Answer};
use oxigraph::io::{RdfFormat, RdfParser};
use oxigraph::model::{Term, Variable};
use oxigraph::sparql::results::{
    QueryResultsFormat, QueryResultsParser, SliceQueryResultsParserOutput,
};
use reqwest::blocking::Client;

/// Runs a query on a remote SPARQL endpoint and reads its answer (SPARQL JSON results for
/// SELECT and ASK, N-Triples for CONSTRUCT and DESCRIBE).
pub fn remote_query(
    client: &Client,
    endpoint: &str,
    text: &str,
    params: &[(String, Term)],
    auth: Option<&Auth>,
) -> Result<Answer, RemoteError> {
    let url = super::http_url(endpoint)?;
    let sparql = bind_values(text, params).map_err(|e| RemoteError::Query(e.to_string()))?;
    let req = client
        .post(url)
        .header(reqwest::header::CONTENT_TYPE, "application/sparql-query")
        .header(
            reqwest::header::ACCEPT,
            "application/sparql-results+json, application/n-triples;q=0.9",
        )
        .body(sparql);
    let http = |source| RemoteError::Http {
        url: endpoint.to_owned(),
        source,
    };
    let resp = authorised(req, auth).send().map_err(http)?;
    let status = resp.status();
    let media = resp
        .headers()
        .get(reqwest::header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split(';').next())
        .map(|v| v.trim().to_ascii_lowercase())
        .unwrap_or_default();
    let body = resp.bytes().map_err(http)?;
    if !status.is_success() {
        return Err(RemoteError::Status {
            url: endpoint.to_owned(),
            status: status.as_u16(),
            body: body_excerpt(&String::from_utf8_lossy(&body)),
        });
    }
    let bad = |message: String| RemoteError::Results {
        url: endpoint.to_owned(),
        message,
    };
    if let Some(format) = RdfFormat::from_media_type(&media) {
        let triples = RdfParser::from_format(format)
            .for_slice(&body)
            .map(|q| q.map(|q| oxigraph::model::Triple::new(q.subject, q.predicate, q.object)))
            .collect::<Result<Vec<_>, _>>()
            .map_err(|e| bad(e.to_string()))?;
        return Ok(Answer::Graph(triples));
    }
    let format = QueryResultsFormat::from_media_type(&media).unwrap_or(QueryResultsFormat::Json);
    match QueryResultsParser::from_format(format)
        .for_slice(&body)
        .map_err(|e| bad(e.to_string()))?
    {
        SliceQueryResultsParserOutput::Boolean(b) => Ok(Answer::Boolean(b)),
        SliceQueryResultsParserOutput::Solutions(solutions) => {
            let variables: Vec<Variable> = solutions.variables().to_vec();
            let mut rows = Vec::new();
            for s in solutions {
                let s = s.map_err(|e| bad(e.to_string()))?;
                rows.push(variables.iter().map(|v| s.get(v).cloned()).collect());
            }
            Ok(Answer::Table {
                variables: variables.iter().map(|v| v.as_str().to_owned()).collect(),
                rows,
            })
        }
    }
}
