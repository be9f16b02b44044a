//! Running a query on a remote SPARQL endpoint (SPARQL 1.1 Protocol, POST
//! `application/sparql-query`), with parameters bound as RDF terms: the query is parsed, a
//! `VALUES` block with the bound terms is joined into its pattern, and the algebra is written
//! back as SPARQL. No user value is ever pasted into the query text.

use super::{authorised, body_excerpt, Auth, RemoteError};
use crate::store::Answer;
use oxigraph::io::{RdfFormat, RdfParser};
use oxigraph::model::{Term, Variable};
use oxigraph::sparql::results::{
    QueryResultsFormat, QueryResultsParser, SliceQueryResultsParserOutput,
};
use reqwest::blocking::Client;
use spargebra::algebra::GraphPattern;
use spargebra::term::GroundTerm;
use spargebra::{Query, SparqlParser};

/// Returns the query with `params` bound: a `VALUES` block joined below the query's solution
/// modifiers (projection, ordering, grouping, filters), so every variable keeps its name and
/// the rows are those of the same query with the variables bound.
///
/// ```
/// use hankegraph::remote::bind_values;
/// use oxigraph::model::{Literal, Term};
/// let q = bind_values("SELECT ?s WHERE { ?s <http://x/code> ?code }",
///     &[("code".into(), Term::from(Literal::new_simple_literal("S1\" } DROP ALL")))])?;
/// // the value stays one escaped literal of a VALUES block: nothing breaks out of it
/// assert!(q.contains("VALUES"));
/// assert!(q.contains(r#""S1\" } DROP ALL""#));
/// assert!(spargebra::SparqlParser::new().parse_query(&q).is_ok());
/// # Ok::<_, hankegraph::remote::RemoteError>(())
/// ```
pub fn bind_values(text: &str, params: &[(String, Term)]) -> Result<String, RemoteError> {
    let query = SparqlParser::new()
        .parse_query(text)
        .map_err(|e| RemoteError::Query(format!("SPARQL syntax error: {e}")))?;
    if params.is_empty() {
        return Ok(text.to_owned());
    }
    let mut variables = Vec::new();
    let mut row = Vec::new();
    for (name, term) in params {
        let var = Variable::new(name).map_err(|_| {
            RemoteError::Query(format!(
                "parameter {name:?} is not a valid SPARQL variable name"
            ))
        })?;
        let ground = match term {
            Term::NamedNode(n) => GroundTerm::NamedNode(n.clone()),
            Term::Literal(l) => GroundTerm::Literal(l.clone()),
            other => {
                return Err(RemoteError::Query(format!(
                    "parameter {name}: {other} cannot be bound remotely (an IRI or a literal is needed)"
                )))
            }
        };
        variables.push(var);
        row.push(Some(ground));
    }
    let values = GraphPattern::Values {
        variables,
        bindings: vec![row],
    };
    let bound = match query {
        Query::Select {
            dataset,
            pattern,
            base_iri,
        } => Query::Select {
            dataset,
            pattern: inject(pattern, values),
            base_iri,
        },
        Query::Construct {
            template,
            dataset,
            pattern,
            base_iri,
        } => Query::Construct {
            template,
            dataset,
            pattern: inject(pattern, values),
            base_iri,
        },
        Query::Describe {
            dataset,
            pattern,
            base_iri,
        } => Query::Describe {
            dataset,
            pattern: inject(pattern, values),
            base_iri,
        },
        Query::Ask {
            dataset,
            pattern,
            base_iri,
        } => Query::Ask {
            dataset,
            pattern: inject(pattern, values),
            base_iri,
        },
    };
    Ok(bound.to_string())
}

/// Joins `values` with the pattern below the solution modifiers.
fn inject(pattern: GraphPattern, values: GraphPattern) -> GraphPattern {
    match pattern {
        GraphPattern::Project { inner, variables } => GraphPattern::Project {
            inner: Box::new(inject(*inner, values)),
            variables,
        },
        GraphPattern::Distinct { inner } => GraphPattern::Distinct {
            inner: Box::new(inject(*inner, values)),
        },
        GraphPattern::Reduced { inner } => GraphPattern::Reduced {
            inner: Box::new(inject(*inner, values)),
        },
        GraphPattern::Slice {
            inner,
            start,
            length,
        } => GraphPattern::Slice {
            inner: Box::new(inject(*inner, values)),
            start,
            length,
        },
        GraphPattern::OrderBy { inner, expression } => GraphPattern::OrderBy {
            inner: Box::new(inject(*inner, values)),
            expression,
        },
        GraphPattern::Group {
            inner,
            variables,
            aggregates,
        } => GraphPattern::Group {
            inner: Box::new(inject(*inner, values)),
            variables,
            aggregates,
        },
        GraphPattern::Extend {
            inner,
            variable,
            expression,
        } => GraphPattern::Extend {
            inner: Box::new(inject(*inner, values)),
            variable,
            expression,
        },
        GraphPattern::Filter { expr, inner } => GraphPattern::Filter {
            expr,
            inner: Box::new(inject(*inner, values)),
        },
        other => GraphPattern::Join {
            left: Box::new(values),
            right: Box::new(other),
        },
    }
}

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
    let sparql = bind_values(text, params)?;
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
